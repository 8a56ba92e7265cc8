"""The export follows touchline.export/1 exactly, as the shipped JSON Schema says."""

from __future__ import annotations

from datetime import date

import jsonschema
import pytest

from touchline.ingest import make_article
from touchline.model import Analysis, Entity, Event, MatchEvent, Scorer, SourceSpan
from touchline.query.export import build_export, validate_export
from touchline.store import WriteBatch, open_store


def test_export_of_a_written_batch_is_valid_and_complete() -> None:
    store = open_store("memory:")
    art = make_article("Rovers beat Castelmar 2-0.", source="a.txt", published=date(2025, 3, 9))
    rovers = Entity("club:rovers", "club", "Rovers", ("Northbridge Rovers",))
    castelmar = Entity("club:castelmar", "club", "Castelmar")
    pell = Entity("player:jonah-pell", "player", "Jonah Pell")
    match = Event("match:1", "match", MatchEvent(home=rovers.id, away=castelmar.id, home_score=2,
                                                 away_score=0, scorers=(Scorer(pell.id, rovers.id, 81),)),
                  date="2025-03-08", confidence=0.7, sources=(SourceSpan(art.id, 0, 26),))
    store.write(WriteBatch([Analysis(art, entities=(rovers, castelmar, pell), events=(match,))]))
    doc = build_export(store)
    validate_export(doc)
    [ev] = doc["events"]
    assert ev["home_score"] == 2
    assert ev["scorers"] == [{"player": pell.id, "team": rovers.id, "minute": 81, "own_goal": False}]
    assert ev["sources"] == [{"article": art.id, "start": 0, "end": 26}]
    assert doc["articles"][0]["published"] == "2025-03-09"
    assert doc["entities"][1]["aliases"] == ["Northbridge Rovers"]


@pytest.mark.parametrize("breakage", [
    lambda d: d.update(format="touchline.export/2"),
    lambda d: d["articles"][0].update(published="9 March 2025"),
    lambda d: d["events"][0].update(date="2025-3-8"),
    lambda d: d["events"][0].pop("home"),
    lambda d: d["quotes"].append({"id": "q", "speaker": None, "text": "x", "kind": "shouted",
                                  "article": "a", "start": 0, "end": 1}),
])
def test_schema_rejects_broken_documents(breakage) -> None:  # type: ignore[no-untyped-def]
    doc = {
        "format": "touchline.export/1",
        "articles": [{"id": "a", "source": None, "url": None, "published": None, "title": None,
                      "story": None, "duplicate_of": None}],
        "entities": [],
        "events": [{"id": "e", "kind": "match", "date": None, "confidence": 0.5,
                    "sources": [{"article": "a", "start": 0, "end": 1}], "home": None, "away": None,
                    "home_score": None, "away_score": None, "competition": None, "venue": None,
                    "stage": None, "scorers": []}],
        "quotes": [],
        "timexes": [],
    }
    validate_export(doc)
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):
        validate_export(doc)
