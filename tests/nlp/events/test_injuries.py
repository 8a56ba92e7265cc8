"""Injuries read from the phrasings of wire and press-conference copy (own sentences, invented people).

The record examples in ``injuries.jsonl`` test each phrasing alone; these tests hold the
family together: who a pronoun stands for, one injury per player and part, what is no
injury at all.  Both pipelines are run: the rules must read the same without the parse.
"""

from __future__ import annotations

import pytest
from events_helpers import of_kind, run
from spacy.language import Language

VERHOEK, FERRAND, OKONJO = "player:tomas-verhoek", "player:luca-ferrand", "player:ade-okonjo"
KALLIO, RUIZ = "player:sami-kallio", "player:pablo-ruiz"


def injuries(nlp: Language, text: str) -> dict[tuple[str, str | None], str]:
    doc = run(nlp, text, "2025-03-10")
    return {(e["fields"]["player"], e["fields"]["injury"]): e["fields"]["status"]
            for e in of_kind(doc, "injury")}


@pytest.fixture(params=["parsed", "rule-only"])
def pipe(request: pytest.FixtureRequest, nlp: Language, blank_nlp: Language) -> Language:
    return nlp if request.param == "parsed" else blank_nlp


def test_ruled_out_with_part_and_noun(pipe: Language) -> None:
    found = injuries(pipe, "Tomas Verhoek has been ruled out for six weeks with a hamstring strain.")
    assert found == {(VERHOEK, "hamstring strain"): "out"}


def test_pronoun_reads_back_to_the_player_of_the_sentence_before(pipe: Language) -> None:
    text = "Luca Ferrand looked sharp early on. He picked up a knee injury just before half-time."
    assert injuries(pipe, text) == {(FERRAND, "knee"): "injured"}


def test_a_coach_named_last_makes_he_too_unsure(pipe: Language) -> None:
    assert injuries(pipe, "Olaf Brenner said he had suffered a back injury as a player.") == {}


def test_round_up_in_brackets_and_on_the_sidelines(pipe: Language) -> None:
    text = ("Sami Kallio (suspended) misses out, while Luca Ferrand (hamstring) and Pablo Ruiz remain "
            "on the sidelines.")
    found = injuries(pipe, text)
    assert found[(FERRAND, "hamstring")] == "injured"
    assert (RUIZ, None) in found
    assert not any(player == KALLIO for player, _ in found)


def test_an_injury_without_a_part_gives_way_to_the_named_one(pipe: Language) -> None:
    text = ("Ade Okonjo limped off before half-time. Okonjo has since been ruled out for a month "
            "with an ankle injury.")
    assert injuries(pipe, text) == {(OKONJO, "ankle"): "out"}


@pytest.mark.parametrize("text", [
    "Tomas Verhoek scored with his left foot.",
    "Tomas Verhoek pulled one back for Harbour City.",
    "Tomas Verhoek had a hand in both goals.",
    "Tomas Verhoek has been ruled out for three games after his red card.",
    "Tomas Verhoek did not suffer a knee injury.",
])
def test_no_injury(pipe: Language, text: str) -> None:
    assert injuries(pipe, text) == {}


def test_a_hoped_for_recovery_is_a_doubt(pipe: Language) -> None:
    found = injuries(pipe, "Pablo Ruiz could start if he recovers from a calf problem.")
    assert found == {(RUIZ, "calf"): "doubt"}


def test_surgery(pipe: Language) -> None:
    found = injuries(pipe, "Pablo Ruiz underwent knee surgery on Monday.")
    assert found == {(RUIZ, "knee surgery"): "surgery"}
