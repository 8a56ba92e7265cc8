"""A match's competition is the one it was played in, not a past edition named beside it."""

from __future__ import annotations

from spacy.language import Language


def test_past_edition_in_the_same_sentence_is_not_the_competition(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Newcastle United beat Liverpool 2-1 in the Carabao Cup final at Wembley on Sunday, "
                       "their first major trophy since the FA Cup in 1955.")
    doc._.dct = "2025-03-17"
    [match] = [e for e in nlp(doc)._.tl_events if e["kind"] == "match"]
    assert match["fields"]["competition"] == "competition:efl-cup"
    assert match["fields"]["stage"] == "final"
    assert match["date"] == "2025-03-16"


def match_of(nlp: Language, text: str, day: str) -> dict:
    doc = nlp.make_doc(text)
    doc._.dct = day
    events = nlp(doc)._.tl_events
    [match] = [e for e in events if e["kind"] == "match" and e["fields"]["home_score"] is not None]
    return match


def test_a_place_in_a_table_is_not_the_competition(full_nlp: Language) -> None:
    match = match_of(full_nlp, "Everton, 15th in the Premier League, beat Brentford 2-0 in the League Cup "
                               "on Tuesday.", "2024-10-02")
    assert match["fields"]["competition"] == "competition:efl-cup"
    match = match_of(full_nlp, "Everton, 15th in the Premier League, beat Brentford 2-0 on Tuesday.",
                     "2024-10-02")
    assert match["fields"]["competition"] is None


def test_the_final_a_win_leads_to_is_not_its_stage(full_nlp: Language) -> None:
    match = match_of(full_nlp, "Everton beat Brentford 2-1 on Tuesday to reach the League Cup final.",
                     "2024-10-02")
    assert match["fields"]["stage"] != "final"
