"""States over time from claims: world time (valid_from/valid_to) and report time (known_from/known_to)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

from touchline.model import Claim, SourceSpan, State
from touchline.resolve.states import leaves_from, states_of

CLUB = "club:castlemoor-athletic"
BRENNER, QUILL, HOLT = "person:olaf-brenner", "person:marta-quill", "person:ivo-holt"


def claim(obj: str | None, day: str, article: str, mode: str = "holds", conf: float = 0.8,
          published: str | None = None, subject: str = CLUB) -> Claim:
    return Claim(relation="head_coach", subject=subject, object=obj, mode=mode, day=day, article=article,
                 published=date.fromisoformat(published or day), confidence=conf,
                 sources=(SourceSpan(article, 0, 10),))


def holder(states: list[State], day: str, known_at: str | None = None) -> str | None:
    """The best supported state valid on ``day`` as known at ``known_at`` (as the query reads them)."""
    seen = date.fromisoformat(known_at) if known_at else None

    def known(s: State) -> bool:
        if seen is None:
            return s.known_to is None
        return (s.known_from is None or s.known_from <= seen) and (s.known_to is None or s.known_to > seen)

    valid = [s for s in states if s.valid_from is not None and s.valid_from <= day
             and (s.valid_to is None or s.valid_to > day) and known(s)]
    if not valid:
        return None
    return max(valid, key=lambda s: (s.support, s.confidence, s.valid_from or "", s.id)).object


def test_a_later_appointment_closes_the_earlier_coach() -> None:
    states = states_of("head_coach", CLUB, [claim(BRENNER, "2024-08-10", "a1"),
                                            claim(BRENNER, "2024-10-01", "a2"),
                                            claim(QUILL, "2025-02-03", "a3", "starts")])
    assert holder(states, "2024-12-01") == BRENNER
    assert holder(states, "2025-03-01") == QUILL
    closed = next(s for s in states if s.object == BRENNER and s.known_to is None)
    assert (closed.valid_from, closed.valid_to, closed.known_from) == ("2024-08-10", "2025-02-03",
                                                                       date(2025, 2, 3))
    # nothing deleted: the version that was open until the appointment was reported is kept
    was_open = next(s for s in states if s.object == BRENNER and s.valid_to is None)
    assert (was_open.known_from, was_open.known_to) == (date(2024, 8, 10), date(2025, 2, 3))


def test_report_time_answers_what_the_articles_said_then() -> None:
    states = states_of("head_coach", CLUB, [claim(BRENNER, "2024-08-10", "a1"),
                                            claim(QUILL, "2025-02-03", "a3", "starts")])
    assert holder(states, "2025-03-01", known_at="2025-01-01") == BRENNER  # not yet told of the change
    assert holder(states, "2025-03-01", known_at="2025-02-03") == QUILL


def test_same_day_tie_goes_to_the_better_supported_coach_whatever_the_order() -> None:
    """Two coaches start on the same date: the one more articles back holds, not the first stored."""
    told = [claim(HOLT, "2005-02-20", "a9", conf=0.6),
            claim(BRENNER, "2005-02-20", "a1", conf=0.99),
            claim(BRENNER, "2005-03-01", "a2"), claim(BRENNER, "2005-04-01", "a3")]
    for order in itertools.permutations(told):
        states = states_of("head_coach", CLUB, list(order))
        assert holder(states, "2005-02-20") == BRENNER
        assert holder(states, "2005-03-15") == BRENNER


def test_same_day_tie_of_equal_articles_goes_to_the_higher_confidence() -> None:
    states = states_of("head_coach", CLUB, [claim(HOLT, "2025-01-05", "a1", conf=0.6),
                                            claim(BRENNER, "2025-01-05", "a2", conf=0.9)])
    assert holder(states, "2025-01-10") == BRENNER


def test_a_former_coach_is_a_closed_interval_never_a_current_one() -> None:
    """ "Ivo Holt, the former Castlemoor manager" told in 2025: he held it once, not now."""
    states = states_of("head_coach", CLUB, [claim(HOLT, "2025-03-15", "a1", "past")])
    [past] = states
    assert (past.valid_from, past.valid_to) == (None, "2025-03-15")
    assert holder(states, "2025-03-15") is None and holder(states, "2031-01-01") is None


def test_a_former_coach_closes_his_open_interval() -> None:
    states = states_of("head_coach", CLUB, [claim(HOLT, "2019-05-01", "a1"),
                                            claim(HOLT, "2025-03-15", "a2", "past")])
    assert holder(states, "2020-01-01") == HOLT
    assert holder(states, "2025-06-01") is None


def test_a_coach_displaced_is_not_brought_back_by_a_passing_mention() -> None:
    states = states_of("head_coach", CLUB, [claim(BRENNER, "2024-08-10", "a1"),
                                            claim(QUILL, "2025-02-03", "a2", "starts"),
                                            claim(BRENNER, "2025-04-01", "a3")])
    assert holder(states, "2025-05-01") == QUILL


def test_a_sacking_ends_the_interval_on_its_day() -> None:
    states = states_of("head_coach", CLUB, [claim(BRENNER, "2024-08-10", "a1"),
                                            claim(BRENNER, "2025-01-27", "a2", "ends")])
    assert holder(states, "2025-01-26") == BRENNER and holder(states, "2025-01-28") is None


def test_a_coach_appointed_elsewhere_leaves() -> None:
    elsewhere = [claim(BRENNER, "2025-05-13", "a9", "starts", subject="national_team:eastvale")]
    states = states_of("head_coach", CLUB, [claim(BRENNER, "2024-08-10", "a1"),
                                            *leaves_from(CLUB, elsewhere)])
    assert holder(states, "2025-01-01") == BRENNER and holder(states, "2025-06-01") is None


def test_a_place_in_a_table_holds_until_the_season_ends() -> None:
    told = [Claim("position", CLUB, "3", "holds", "2025-03-02", "a1", date(2025, 3, 2), 0.8, (),
                  qualifier="competition:coastal-league")]
    [s] = states_of("position", CLUB, told)
    assert (s.valid_from, s.valid_to) == ("2025-03-02", "2025-07-01")


def test_deriving_only_what_can_change_gives_what_deriving_everything_gives() -> None:
    """The store derives a chain again from the earliest date of the new claims only; claims
    arriving in date order, or out of it, end with the versions a full derivation makes."""
    told = [claim(BRENNER, "2024-08-10", "a1"), claim(BRENNER, "2024-09-14", "a2"),
            claim(HOLT, "2024-09-14", "a3", conf=0.5), claim(QUILL, "2025-02-03", "a4", "starts"),
            claim(QUILL, "2025-03-01", "a5"), claim(BRENNER, "2025-04-01", "a6", "past"),
            claim(QUILL, "2025-06-30", "a7", "ends")]
    full = {s.id for s in states_of("head_coach", CLUB, told)}
    for order in (told, list(reversed(told)), told[3:] + told[:3]):
        kept: dict[str, State] = {}
        seen: list[Claim] = []
        for c in order:
            seen.append(c)
            candidates = {s.id: s for s in kept.values() if s.superseded_at is None
                          and (s.known_to is None or c.published is None or s.known_to >= c.published)}
            fresh = {s.id: s for s in states_of("head_coach", CLUB, seen, c.published,
                                                candidates.values())}
            for sid in candidates.keys() - fresh.keys():
                kept[sid] = replace(kept[sid], superseded_at=datetime(2025, 1, 1, tzinfo=UTC))
            kept.update(fresh)
        assert {sid for sid, s in kept.items() if s.superseded_at is None} == full


def injury(day: str, article: str, until: str | None = None, published: str | None = None) -> Claim:
    return replace(claim("hamstring", day, article, published=published, subject="player:tomas-verhoek"),
                   relation="injured", until=until)


def test_an_injury_holds_until_its_expected_return_marked_as_expected() -> None:
    [state] = states_of("injured", "player:tomas-verhoek", [injury("2024-11-08", "a1", until="2024-11-29")])
    assert (state.valid_from, state.valid_to, state.until_expected) == ("2024-11-08", "2024-11-29", True)


def test_a_later_report_revises_the_expected_return_in_report_time() -> None:
    states = states_of("injured", "player:tomas-verhoek", [
        injury("2024-11-08", "a1", until="2024-11-29"),
        injury("2024-11-20", "a2", until="2025-01-01")])
    now = [s for s in states if s.known_to is None]
    assert [(s.valid_to, s.known_from) for s in now] == [("2025-01-01", date(2024, 11, 20))]
    then = [s for s in states if s.known_to == date(2024, 11, 20)]
    assert [s.valid_to for s in then] == ["2024-11-29"]  # what the first report expected


def test_an_injury_still_reported_after_its_expected_return_holds_on() -> None:
    states = states_of("injured", "player:tomas-verhoek", [
        injury("2024-11-08", "a1", until="2024-11-29"),
        injury("2024-12-10", "a2")])
    [now] = [s for s in states if s.known_to is None]
    assert now.valid_to == "2025-02-08" and now.until_expected  # 60 days after the last report


def test_an_end_told_by_an_article_is_not_expected() -> None:
    states = states_of("head_coach", CLUB, [claim(BRENNER, "2024-08-10", "a1"),
                                            claim(BRENNER, "2024-10-01", "a2", mode="ends")])
    assert [s.until_expected for s in states if s.known_to is None] == [False]
