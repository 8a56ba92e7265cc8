"""One contract, every backend: memory, SQLite and a real PostgreSQL server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from touchline.ingest import make_article
from touchline.model import (
    Analysis,
    Entity,
    Event,
    MatchEvent,
    Mention,
    Quote,
    Scorer,
    SourceSpan,
    TimeExpression,
)
from touchline.store import Store, WriteBatch, open_store, scheme_of


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "memory":
        url = "memory:"
    elif request.param == "sqlite":
        url = str(tmp_path / "kb.db")
    else:
        url = request.getfixturevalue("pg_url")
    s = open_store(url)
    request.addfinalizer(s.close)
    return s


ROVERS = Entity("club:northbridge-rovers", "club", "Northbridge Rovers", ("Rovers",), {"country": "en"})
CASTELMAR = Entity("club:castelmar", "club", "Castelmar")
BRANDT = Entity("player:elio-brandt", "player", "Elio Brandt", ("Brandt",))


def analysis(text: str, published: date, scorer: str | None = None) -> Analysis:
    art = make_article(text, source="test.txt", published=published)
    match = Event(
        id="match:abc", kind="match", date="2025-03-08", confidence=0.8,
        detail=MatchEvent(home=ROVERS.id, away=CASTELMAR.id, home_score=3, away_score=1,
                          scorers=(Scorer(scorer, ROVERS.id),) if scorer else ()),
        sources=(SourceSpan(art.id, 0, 20),),
    )
    return Analysis(
        article=art,
        entities=(ROVERS, CASTELMAR, BRANDT),
        mentions=(Mention(art.id, 0, 18, "Northbridge Rovers", "club", ROVERS.id),),
        events=(match,),
        quotes=(Quote("q1" + art.id, art.id, 30, 40, "We were good", "direct", BRANDT.id, "said", 0.9),),
        timexes=(TimeExpression(art.id, 50, 58, "Saturday", "DATE", "2025-03-08"),),
    )


def test_write_then_read_everything(store: Store) -> None:
    a = analysis("Northbridge Rovers won 3-1 on Saturday.", date(2025, 3, 9), BRANDT.id)
    store.write(WriteBatch([a], {a.article.id: b"\x01\x00\x00\x00" * 4}))
    [art] = list(store.articles())
    assert art.id == a.article.id and art.published == date(2025, 3, 9)
    assert {e.id for e in store.entities()} == {ROVERS.id, CASTELMAR.id, BRANDT.id}
    rovers = next(iter(store.entities([ROVERS.id])))
    assert rovers.aliases == ("Rovers",) and rovers.name == "Northbridge Rovers"
    [ev] = list(store.events())
    assert ev.detail == a.events[0].detail and ev.sources == a.events[0].sources
    [q] = list(store.quotes())
    assert q.speaker == BRANDT.id and q.text == "We were good"
    [x] = list(store.timexes())
    assert x.value == "2025-03-08"
    assert store.known_articles([art.id, "nope"]) == {art.id}
    assert [sid for sid, _ in store.signatures()] == [art.id]
    stats = store.stats()
    assert (stats.articles, stats.entities, stats.events_by_kind, stats.quotes) == (1, 3, {"match": 1}, 1)


def test_same_event_from_two_articles_has_two_sources(store: Store) -> None:
    first = analysis("Rovers won 3-1 on Saturday.", date(2025, 3, 9))
    second = analysis("Brandt scored as Rovers beat Castelmar.", date(2025, 3, 10), BRANDT.id)
    store.write(WriteBatch([first]))
    store.write(WriteBatch([second]))
    [ev] = list(store.events())
    assert {s.article for s in ev.sources} == {first.article.id, second.article.id}
    assert [s.player for s in ev.detail.scorers] == [BRANDT.id]  # type: ignore[union-attr]
    assert ev.confidence > 0.8


def test_writing_a_batch_twice_changes_nothing(store: Store) -> None:
    a = analysis("Rovers won 3-1 on Saturday.", date(2025, 3, 9))
    store.write(WriteBatch([a]))
    before = (list(store.articles()), list(store.entities()), list(store.events()), store.stats())
    store.write(WriteBatch([a]))
    assert (list(store.articles()), list(store.entities()), list(store.events()), store.stats()) == before


def test_url_schemes_pick_backends() -> None:
    assert scheme_of("kb.db") == "sqlite"
    assert scheme_of("/tmp/x/kb.db") == "sqlite"
    assert scheme_of("sqlite:///kb.db") == "sqlite"
    assert scheme_of("postgresql://u@h/db") == "postgresql"
    assert scheme_of("postgres://u@h/db") == "postgresql"
    assert scheme_of("memory:") == "memory"


def test_mentions_of_one_article_in_text_order(store: Store) -> None:
    a = analysis("Northbridge Rovers beat Castelmar 3-1 on Saturday.", date(2025, 3, 9))
    b = analysis("Castelmar lost again to Northbridge Rovers.", date(2025, 3, 12))
    store.write(WriteBatch([a, b]))
    assert list(store.mentions(a.article.id)) == list(a.mentions)
    assert list(store.mentions(b.article.id)) == list(b.mentions)
    assert list(store.mentions("no-such-article")) == []
