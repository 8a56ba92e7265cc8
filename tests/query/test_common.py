"""What every query shares: events fetched a chunk of ids at a time give the same records as in
one go, and the garbage collector paused while an answer is built is left as it was found."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from touchline.query import common
from touchline.query.matches import matches
from touchline.query.timeline import timeline
from touchline.store import Store

from .world import QUILL, UNITED


def test_events_fetched_in_chunks_of_two_give_the_same_records(store: Store,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [timeline(store, name).as_dict() for name in (UNITED.name, QUILL.name)]
    played = matches(store, UNITED.name).as_dict()
    assert len(whole[0]["events"]) > 2

    def pairs(items: Sequence[Any], size: int = 2) -> Iterator[Sequence[Any]]:
        for i in range(0, len(items), size):
            yield items[i:i + size]

    monkeypatch.setattr(common, "chunks", pairs)
    assert [timeline(store, name).as_dict() for name in (UNITED.name, QUILL.name)] == whole
    assert matches(store, UNITED.name).as_dict() == played


def test_records_name_every_entity_of_a_scorer_and_a_source_of_each_article(store: Store) -> None:
    found = timeline(store, UNITED.name)
    records = found.as_dict()["events"]
    assert [r["id"] for r in records] == [e.id for e in found.events]
    for record, event in zip(records, found.events, strict=True):
        assert [(s["article"], s["start"], s["end"]) for s in record["sources"]] == [
            (s.article, s.start, s.end) for s in event.sources]
        assert all(s["published"] is None or isinstance(s["published"], str) for s in record["sources"])
    scorers = [s for r in records if r["kind"] == "match" for s in r["scorers"]]
    assert scorers and all(s["player"]["name"] and s["team"]["name"] for s in scorers)


def test_the_collector_paused_is_started_again_even_when_the_answer_fails() -> None:
    assert gc.isenabled()
    with common.paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), common.paused_gc():
        raise RuntimeError("query failed")
    assert gc.isenabled()


def test_a_callers_own_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with common.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_ids_a_record_names_are_read_from_the_fields_scorers_and_reference() -> None:
    from touchline.query.common import named_ids

    match = ("match:1", "match", "2025-04-12", 0.9,
             {"home": "club:alder", "away": "club:brook", "home_score": 2, "away_score": 1,
              "competition": None, "venue": "venue:alder-park", "stage": "final",
              "scorers": [{"player": "person:ona-vell", "team": "club:alder", "minute": 7},
                          {"player": None, "team": "club:brook", "minute": 80}]},
             {"state": "confirmed", "reference": {"home": "club:alder", "away": "club:brook",
                                                  "competition": "competition:shield"}}, [])
    transfer = ("transfer:1", "transfer", None, 0.8,
                {"player": "person:ona-vell", "from_club": "club:brook", "to_club": "club:alder",
                 "status": "completed"}, None, [])
    found: set[str] = {"club:asked-for"}
    named_ids([match, transfer], found)
    assert found == {"club:asked-for", "club:alder", "club:brook", "venue:alder-park", "person:ona-vell",
                     "competition:shield"}
