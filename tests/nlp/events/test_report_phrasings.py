"""Match-report phrasings of wire and British press style (own sentences, invented players), each
with a negative twin."""

from __future__ import annotations

from typing import Any

from spacy.language import Language


def matches(nlp: Language, text: str, dct: str = "2019-04-14") -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return [e["fields"] for e in nlp(doc)._.tl_events if e["kind"] == "match"]


def scorer_names(nlp: Language, text: str, dct: str = "2019-04-14") -> set[str]:
    found = matches(nlp, text, dct)
    assert len(found) == 1, found
    return {s["player"].split(":", 1)[1] for s in found[0]["scorers"]}


def pairs(found: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset((m["home"], m["away"])) for m in found}


def test_second_clause_of_a_results_list_has_its_own_subject(full_nlp: Language) -> None:
    found = matches(full_nlp, "Elsewhere, Middlesbrough lost 3-1 at home to Liverpool and Bolton Wanderers "
                              "beat Wigan 1-0 with a late header.")
    assert pairs(found) == {frozenset(("club:middlesbrough", "club:liverpool")),
                            frozenset(("club:bolton-wanderers", "club:wigan-athletic"))}


def test_conjoined_verb_without_a_new_team_keeps_the_subject(full_nlp: Language) -> None:
    found = matches(full_nlp, "Bolton Wanderers lost 3-1 at Liverpool on Saturday and beat Wigan 1-0 on "
                              "Tuesday.")
    assert frozenset(("club:bolton-wanderers", "club:wigan-athletic")) in pairs(found)


def test_a_goal_in_an_earlier_game_is_no_scorer_here(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Wolves won 3-1 at Brentford on Saturday. Brentford's Harvey Colbeck, "
                                 "who scored the winner at Luton last week, was substituted at half-time.")
    assert "harvey-colbeck" not in got
    got = scorer_names(full_nlp, "Wolves won 3-1 at Brentford on Saturday. Harvey Colbeck, who scored twice "
                                 "in the reverse fixture, was quiet.")
    assert "harvey-colbeck" not in got


def test_a_goal_told_in_a_who_clause_still_counts(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Wolves won 3-1 at Brentford on Saturday. Brentford's Harvey Colbeck, "
                                 "who scored in the first half, was substituted at the break.")
    assert "harvey-colbeck" in got


def test_a_person_the_ner_calls_an_organisation(full_nlp: Language) -> None:
    doc = full_nlp.make_doc("A second-half double from Marcus Pellow gave Arsenal a 2-1 victory at Everton "
                            "on Saturday.")
    doc._.dct = "2003-11-09"
    doc = full_nlp(doc)
    people = {m["text"] for m in doc._.tl_mentions if m["kind"] in ("player", "person", "coach")}
    assert "Marcus Pellow" in people


def test_a_first_name_before_a_ground_word_is_no_person(full_nlp: Language) -> None:
    doc = full_nlp.make_doc("Arsenal beat Everton 2-1 at Marcus Park on Saturday.")
    doc._.dct = "2003-11-09"
    doc = full_nlp(doc)
    assert not any(m["kind"] in ("player", "person", "coach") for m in doc._.tl_mentions)
