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
