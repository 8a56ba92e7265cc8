"""Events across articles: the readings of one group become one event per happening."""

from __future__ import annotations

import itertools
from datetime import date

from touchline.ingest import make_article
from touchline.model import Event, InjuryEvent, MatchEvent, SourceSpan, TransferEvent
from touchline.resolve.across import resolve_group
from touchline.resolve.readings import Reading, group_key, reading_of

ROVERS, CASTELMAR = "club:northbridge-rovers", "club:castelmar-fc"


def reading(text: str, published: date, when: str | None, home: str = ROVERS, away: str = CASTELMAR,
            score: tuple[int, int] | None = (2, 1), **hints: object) -> Reading:
    art = make_article(text, source=f"{text[:12]}.txt", published=published)
    detail = MatchEvent(home=home, away=away, home_score=score[0] if score else None,
                        away_score=score[1] if score else None)
    event = Event(id="match:x", kind="match", detail=detail, date=when, confidence=0.8,
                  sources=(SourceSpan(art.id, 0, 10),), hints={"date_source": "text", **hints})
    return reading_of(event, art)


def events(readings: list[Reading]) -> list[Event]:
    groups = {r.group for r in readings}
    return [e for g in sorted(groups) for e, _ in resolve_group(g, [r for r in readings if r.group == g])]


def test_two_reports_a_day_apart_are_one_match_with_both_sources() -> None:
    a = reading("Rovers beat Castelmar 2-1 on Saturday.", date(2025, 3, 2), "2025-03-01")
    b = reading("Castelmar lost 2-1 at Rovers on Sunday night.", date(2025, 3, 3), "2025-03-02")
    [ev] = events([a, b])
    assert {s.article for s in ev.sources} == {a.article, b.article}
    assert ev.conflicts["date"][0]["value"] in ("2025-03-01", "2025-03-02")


def test_the_same_clubs_a_year_apart_are_two_matches() -> None:
    a = reading("Rovers beat Castelmar 2-1 on Saturday.", date(2025, 3, 2), "2025-03-01")
    b = reading("Rovers beat Castelmar 2-1 again on Saturday.", date(2026, 3, 8), "2026-03-07")
    assert len(events([a, b])) == 2


def test_a_disagreement_keeps_both_values_and_the_better_supported_leads() -> None:
    told = [reading(f"Report {i}: Rovers won 2-0.", date(2025, 3, 2), "2025-03-01", score=(2, 0))
            for i in range(2)]
    told.append(reading("Rovers won 2-1.", date(2025, 3, 2), "2025-03-01", score=(2, 1)))
    [ev] = events(told)
    assert (ev.detail.home_score, ev.detail.away_score) == (2, 0)  # type: ignore[union-attr]
    values = [(c["value"], c["support"]) for c in ev.conflicts["score"]]
    assert values == [([2, 0], 2), ([2, 1], 1)]


def test_sides_told_the_other_way_round_are_turned_before_scores_are_compared() -> None:
    a = reading("Rovers beat Castelmar 2-1 at Harrow Lane.", date(2025, 3, 2), "2025-03-01", home_stated=True)
    b = reading("Castelmar lost 1-2 to Rovers.", date(2025, 3, 2), "2025-03-01", home=CASTELMAR, away=ROVERS,
                score=(1, 2))
    [ev] = events([a, b])
    assert (ev.detail.home, ev.detail.home_score, ev.detail.away_score) == (ROVERS, 2, 1)  # type: ignore[union-attr]
    assert "score" not in ev.conflicts


def test_a_stated_other_home_side_is_the_return_leg() -> None:
    a = reading("Rovers beat Castelmar 2-1 at home.", date(2025, 3, 2), "2025-03-01", home_stated=True)
    b = reading("Castelmar beat Rovers 1-0 at home.", date(2025, 3, 2), "2025-03-01", home=CASTELMAR,
                away=ROVERS, score=(1, 0), home_stated=True)
    assert len(events([a, b])) == 2


def test_a_vague_date_joins_the_one_match_it_fits_and_no_other() -> None:
    day = reading("Rovers beat Castelmar 2-1 on Saturday.", date(2025, 3, 2), "2025-03-01")
    vague = reading("Rovers beat Castelmar in March.", date(2025, 4, 20), "2025-03", score=None)
    [ev] = events([day, vague])
    assert len({s.article for s in ev.sources}) == 2
    other = reading("Rovers and Castelmar drew on the 22nd.", date(2025, 3, 23), "2025-03-22", score=(0, 0))
    assert len(events([day, vague, other])) == 3  # March holds two matches: the vague one stays apart


def test_one_article_telling_two_matches_of_one_day_keeps_them_apart() -> None:
    a = reading("Rovers beat Castelmar 2-1.", date(2025, 3, 2), "2025-03-01")
    b = Reading(**{**{f: getattr(a, f) for f in Reading.__slots__}, "id": "r:other"})  # type: ignore[arg-type]
    assert len(events([a, b])) == 2


def test_any_order_gives_the_same_events() -> None:
    told = [reading("Rovers beat Castelmar 2-1 on Saturday.", date(2025, 3, 2), "2025-03-01"),
            reading("Castelmar lost 2-1 on Saturday.", date(2025, 3, 3), "2025-03-01"),
            reading("Rovers won 3-1, it says here.", date(2025, 3, 3), "2025-03-02", score=(3, 1)),
            reading("Rovers beat Castelmar this month.", date(2025, 3, 30), "2025-03", score=None),
            reading("Rovers beat Castelmar last spring.", date(2026, 3, 1), None, score=None)]
    first = events(told)
    for order in itertools.permutations(told):
        assert events(list(order)) == first


def test_transfers_to_one_club_in_one_window_are_one_whose_status_is_the_latest() -> None:
    def transfer(text: str, published: date, status: str) -> Reading:
        art = make_article(text, source="t.txt", published=published)
        ev = Event(id="transfer:x", kind="transfer", detail=TransferEvent("player:jonah-ellery", None,
                                                                          "club:kestrel-town", status),
                   date=None, confidence=0.7, sources=(SourceSpan(art.id, 0, 5),))
        return reading_of(ev, art)

    rumour = transfer("Ellery linked with Kestrel.", date(2025, 1, 10), "rumour")
    done = transfer("Ellery joins Kestrel.", date(2025, 1, 31), "completed")
    [ev] = events([rumour, done])
    assert ev.detail.status == "completed" and not ev.conflicts  # type: ignore[union-attr]


def test_an_injury_and_a_recovery_months_later_are_two_events() -> None:
    def injury(text: str, published: date, when: str, status: str) -> Reading:
        art = make_article(text, source="i.txt", published=published)
        ev = Event(id="injury:x", kind="injury", detail=InjuryEvent("player:luca-brandt", "knee", status),
                   date=when, confidence=0.8, sources=(SourceSpan(art.id, 0, 5),))
        return reading_of(ev, art)

    hurt = injury("Brandt hurt his knee.", date(2025, 1, 16), "2025-01-16", "injured")
    again = injury("Brandt's knee injury.", date(2025, 1, 20), "2025-01-18", "surgery")
    back = injury("Brandt is back.", date(2025, 4, 2), "2025-04-02", "recovered")
    found = events([hurt, again, back])
    assert sorted(len({s.article for s in e.sources}) for e in found) == [1, 2]


def test_an_event_missing_a_side_is_a_group_of_its_own() -> None:
    ev = Event(id="match:x", kind="match", detail=MatchEvent(home=ROVERS), date="2025-03-01")
    assert group_key(ev, "a1") != group_key(ev, "a2")
