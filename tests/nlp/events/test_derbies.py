"""Named derbies: "El Clasico" stands for its two clubs; a result told of a derby is a match
against the derby's other club, dated by its sentence, its score left to the results reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from touchline import KnowledgeBase
from touchline.model import MatchEvent
from touchline.nlp.events.derbies import derby_clubs
from touchline.nlp.pipeline import shared_pipeline


def events(text: str, day: str) -> list[dict[str, object]]:
    nlp = shared_pipeline()
    doc = nlp.make_doc(text)
    doc._.dct = day
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return [e for e in doc._.tl_events if e["kind"] == "match"]


def test_the_data_names_two_known_clubs() -> None:
    assert derby_clubs("derby:el-clasico") == ("club:barcelona", "club:real-madrid")
    assert derby_clubs("derby:nowhere") is None


def test_a_derby_lost_is_a_match_against_the_other_club() -> None:
    [match] = events("Real Madrid dismissed their coach after the defeat they suffered in El Clasico "
                     "on Sunday.", "2018-10-29")
    fields = match["fields"]
    assert {fields["home"], fields["away"]} == {"club:real-madrid", "club:barcelona"}
    assert match["date"] == "2018-10-28"
    assert fields["home_score"] is None  # the text gives none


@pytest.mark.parametrize("text", [
    "Everton could win the Merseyside derby on Saturday.",  # hypothetical
    "Chelsea won the north London derby on Saturday.",  # a club that does not play it
])
def test_no_match_where_the_derby_tells_none(text: str) -> None:
    assert events(text, "2024-03-04") == []


def test_a_derby_with_no_day_is_kept_only_if_the_reference_finds_it() -> None:
    [match] = events("Everton won the Merseyside derby.", "2024-03-04")
    assert match["only_if_linked"] is True
    assert match["date"] is None
    assert match["date_window"] == ["2023-07-01", "2024-03-04"]  # the season so far


def test_the_reference_confirms_the_derby_and_gives_its_score(tmp_path: Path) -> None:
    article = tmp_path / "sacking.txt"
    article.write_text("date 2018-10-29\nReal Madrid have dismissed their coach after the humiliation "
                       "they suffered in El Clasico on Sunday.\n", encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        kb.ingest([article])
        [match] = [e for e in kb.store.events() if e.kind == "match"]
    assert isinstance(match.detail, MatchEvent)
    assert (match.detail.home, match.detail.away) == ("club:barcelona", "club:real-madrid")
    assert match.date == "2018-10-28"
    assert match.check is not None and match.check.state == "confirmed"
    ref = match.check.reference
    assert ref is not None and (ref.home_score, ref.away_score) == (5, 1)
