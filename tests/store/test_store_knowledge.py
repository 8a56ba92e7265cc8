"""What every backend derives when articles are written: events across articles, syndicated copies
as sources, states over time, stories.  Memory, SQLite and a real PostgreSQL server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from touchline.ingest import make_article
from touchline.model import Analysis, Entity, Event, MatchEvent, Mention, RoleEvent, SourceSpan
from touchline.store import StateQuery, Store, WriteBatch, open_store


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = {"memory": "memory:", "sqlite": str(tmp_path / "kb.db")}.get(request.param)
    s = open_store(url or request.getfixturevalue("pg_url"))
    request.addfinalizer(s.close)
    return s


ROVERS = Entity("club:northbridge-rovers", "club", "Northbridge Rovers")
CASTELMAR = Entity("club:castelmar-fc", "club", "Castelmar FC")
VARGA = Entity("person:tomas-varga", "coach", "Tomas Varga")
PELL = Entity("person:gordon-pell", "coach", "Gordon Pell")


def report(text: str, published: date, match_day: str | None = "2025-03-01", score: tuple[int, int] = (2, 1),
           coach: Entity | None = VARGA, duplicate_of: str | None = None) -> Analysis:
    art = make_article(text, source=f"{text[:16]}.txt", published=published)
    if duplicate_of is not None:
        from dataclasses import replace

        return Analysis(article=replace(art, duplicate_of=duplicate_of))
    events = []
    if match_day is not None:
        events.append(Event("match:m", "match", MatchEvent(ROVERS.id, CASTELMAR.id, *score), date=match_day,
                            confidence=0.8, sources=(SourceSpan(art.id, 0, 30),),
                            hints={"date_source": "text", "home_stated": True}))
    if coach is not None:
        events.append(Event("role:r", "role", RoleEvent(coach.id, ROVERS.id, "head_coach"),
                            date=published.isoformat(), confidence=0.9, sources=(SourceSpan(art.id, 0, 30),)))
    mentions = (Mention(art.id, 0, 18, "Northbridge Rovers", "club", ROVERS.id),
                Mention(art.id, 24, 36, "Castelmar FC", "club", CASTELMAR.id))
    return Analysis(article=art, entities=(ROVERS, CASTELMAR, VARGA, PELL), mentions=mentions,
                    events=tuple(events))


TEXT = "Northbridge Rovers beat Castelmar FC 2-1 on Saturday, Tomas Varga's side coming from behind."


def test_a_syndicated_copy_is_a_source_of_every_fact_of_its_original(store: Store) -> None:
    original = report(TEXT, date(2025, 3, 2))
    copy = report(TEXT.replace("on Saturday", "on Saturday afternoon"), date(2025, 3, 3),
                  duplicate_of=original.article.id)
    store.write(WriteBatch([original]))
    store.write(WriteBatch([copy]))
    both = {original.article.id, copy.article.id}
    for event in store.events():
        assert {s.article for s in event.sources} == both
        [span] = [s for s in event.sources if s.article == copy.article.id]
        assert copy.article.text[span.start:span.end] == original.article.text[0:30]  # the same words found
    [state] = store.states(StateQuery(entity=ROVERS.id, as_of=date(2025, 3, 2)))
    assert state.object == VARGA.id and state.support == 2
    [a, b] = store.articles()
    assert a.story == b.story is not None


def test_reports_of_one_match_dated_a_day_apart_are_one_event_with_a_conflict(store: Store) -> None:
    store.write(WriteBatch([report(TEXT, date(2025, 3, 2))]))
    store.write(WriteBatch([report("Castelmar FC lost 3-1 at Northbridge Rovers on Sunday.", date(2025, 3, 3),
                                   match_day="2025-03-02", score=(3, 1))]))
    [match] = store.events(["match"])
    assert len({s.article for s in match.sources}) == 2
    assert {tuple(c["value"]) for c in match.conflicts["score"]} == {(2, 1), (3, 1)}
    assert len(store.stats().events_by_kind) == 2 and store.stats().events_by_kind["match"] == 1


def test_states_hold_in_world_time_and_keep_every_report_time_version(store: Store) -> None:
    store.write(WriteBatch([report(TEXT, date(2025, 3, 2), coach=PELL)]))
    store.write(WriteBatch([report("Northbridge Rovers, now led by Tomas Varga, won again.", date(2025, 4, 6),
                                   match_day=None)]))
    [now] = store.states(StateQuery(entity=ROVERS.id, as_of=date(2025, 4, 10)))
    assert (now.object, now.valid_from, now.valid_to) == (VARGA.id, "2025-04-06", None)
    [then] = store.states(StateQuery(entity=ROVERS.id, as_of=date(2025, 4, 10), known_at=date(2025, 3, 31)))
    assert (then.object, then.valid_to, then.known_to) == (PELL.id, None, date(2025, 4, 6))
    # every version is kept; none is superseded (nothing arrived out of order)
    versions = list(store.states(StateQuery(entity=ROVERS.id, include_superseded=True,
                                            known_at=date(2025, 4, 6))))
    assert {(s.object, s.valid_to) for s in versions} == {(PELL.id, "2025-04-06"), (VARGA.id, None)}


def test_an_older_article_arriving_late_is_placed_in_report_time(store: Store) -> None:
    """Report time is the articles' dates, not the order touchline read them in: an article of
    January read after one of March still says what was known in January."""
    store.write(WriteBatch([report(TEXT, date(2025, 3, 2))]))
    store.write(WriteBatch([report("Northbridge Rovers manager Gordon Pell spoke.", date(2025, 1, 5),
                                   match_day=None, coach=PELL)]))
    current = list(store.states(StateQuery(entity=ROVERS.id)))
    assert {(s.object, s.valid_from, s.valid_to) for s in current} == {
        (PELL.id, "2025-01-05", "2025-03-02"), (VARGA.id, "2025-03-02", None)}
    [january] = store.states(StateQuery(entity=ROVERS.id, as_of=date(2025, 3, 10), known_at=date(2025, 2, 1)))
    assert (january.object, january.valid_to, january.known_from) == (PELL.id, None, date(2025, 1, 5))
    every = list(store.states(StateQuery(entity=ROVERS.id, include_superseded=True)))
    assert all(s.recorded_at is not None and s.superseded_at is None for s in every)


HALDEN = Entity("club:halden-athletic", "club", "Halden Athletic")


def piece(text: str, published: date, *clubs: Entity) -> Analysis:
    """An article that reports no event (a reaction, a column), naming ``clubs``."""
    art = make_article(text, source=f"{text[:16]}.txt", published=published)
    at = {c.id: text.index(c.name) for c in clubs}
    mentions = tuple(Mention(art.id, at[c.id], at[c.id] + len(c.name), c.name, "club", c.id) for c in clubs)
    return Analysis(article=art, entities=clubs, mentions=mentions)


@pytest.mark.parametrize("report_first", [True, False])
def test_a_piece_without_an_event_joins_the_story_of_a_like_report_naming_its_club(
        store: Store, report_first: bool) -> None:
    """The reaction names both clubs of the report a day earlier: one story, whichever was read
    first.  The column of the same day uses the report's words but names another club only: a
    story of its own."""
    match = report(TEXT, date(2025, 3, 2))
    reaction = piece("Northbridge Rovers fans celebrated the comeback against Castelmar FC long into "
                     "the night after Tomas Varga's side turned the game around.", date(2025, 3, 3),
                     ROVERS, CASTELMAR)
    column = piece("Halden Athletic fans celebrated a comeback long into the night after their side "
                   "turned the game around.", date(2025, 3, 3), HALDEN)
    batches = [WriteBatch([match]), WriteBatch([reaction, column])]
    for batch in batches if report_first else reversed(batches):
        store.write(batch)
    story = {a.id: a.story for a in store.articles()}
    assert story[reaction.article.id] == story[match.article.id] is not None
    assert story[column.article.id] not in (None, story[match.article.id])
