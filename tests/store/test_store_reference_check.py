"""A match's results-reference check is stored, read back and merged on every backend."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from touchline.ingest import make_article
from touchline.model import (
    Analysis,
    Entity,
    Event,
    MatchEvent,
    ReferenceCheck,
    ReferenceResult,
    SourceSpan,
)
from touchline.store import Store, WriteBatch, open_store


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = {"memory": "memory:", "sqlite": str(tmp_path / "kb.db")}.get(request.param)
    s = open_store(url or request.getfixturevalue("pg_url"))
    request.addfinalizer(s.close)
    return s


ARSENAL = Entity("club:arsenal", "club", "Arsenal")
EVERTON = Entity("club:everton", "club", "Everton")
RESULT = ReferenceResult(date="2024-05-19", home=ARSENAL.id, away=EVERTON.id, home_score=2, away_score=1,
                         competition="competition:premier-league", file="england/2023-24/1-premierleague.txt",
                         line=629, round="Matchday 38", score_90=None, penalties=None)


def reading(text: str, score: tuple[int, int] | None, check: ReferenceCheck) -> Analysis:
    art = make_article(text, source=f"{text[:8]}.txt", published=date(2024, 5, 20))
    hs, as_ = score if score else (None, None)
    match = Event(id="match:arsenal-everton", kind="match", date="2024-05-19", confidence=0.8,
                  detail=MatchEvent(home=ARSENAL.id, away=EVERTON.id, home_score=hs, away_score=as_),
                  sources=(SourceSpan(art.id, 0, 20),), check=check)
    return Analysis(article=art, entities=(ARSENAL, EVERTON), events=(match,))


def test_a_check_round_trips_and_merges(store: Store) -> None:
    wrong = ReferenceCheck(state="contradicted", reference=RESULT, filled=("competition",),
                           disagree=("home_score", "away_score"), replaced={"date": "2024-05-20"},
                           note="window 2024-05-13..2024-05-20 (recent)")
    first = reading("Arsenal beat Everton 3-1 in the last game.", (3, 1), wrong)
    store.write(WriteBatch([first]))
    [ev] = list(store.events())
    assert ev.check == wrong
    assert store.stats().checks == {"contradicted": 1}
    # a second report with no score, linked to the same result, adds its source; the text's 3-1 stays
    silent = replace(wrong, state="confirmed", disagree=(), filled=("date",), replaced={})
    store.write(WriteBatch([reading("Arsenal ended the season by beating Everton.", None, silent)]))
    [ev] = list(store.events())
    assert len(ev.sources) == 2 and isinstance(ev.detail, MatchEvent) and ev.detail.home_score == 3
    assert ev.check is not None and ev.check.state == "contradicted"
    assert ev.check.filled == ("competition", "date") and ev.check.replaced == {"date": "2024-05-20"}
