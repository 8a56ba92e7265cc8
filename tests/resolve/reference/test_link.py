"""Linking one extracted match or fixture to the reference: windows, picks and the check it gets."""

from __future__ import annotations

from datetime import date
from typing import Any

from touchline.model import Entity, Event, FixtureEvent, MatchEvent, ReferenceCheck
from touchline.resolve.reference import Reference, check_events
from touchline.resolve.reference.check import merge_checks
from touchline.resolve.reference.link import link_event, window_of

A, C, E = "club:arsenal", "club:chelsea", "club:everton"


def match(home: str, away: str, score: tuple[int, int] | None = None, when: str | None = None,
          **kw: Any) -> Event:
    hints = kw.pop("hints", {})
    hs, as_ = score if score else (None, None)
    return Event(id="", kind="match", date=when, hints=hints,
                 detail=MatchEvent(home=home, away=away, home_score=hs, away_score=as_, **kw))


def link(ev: Event, published: str, reference: Reference, clubs: dict[str, Any]) -> Event:
    return link_event(ev, date.fromisoformat(published), reference, clubs)[0]


def test_day_named_by_the_text_confirms_and_fills_the_competition(reference: Reference, clubs: Any) -> None:
    ev = link(match(A, C, (2, 1), "2040-10-20"), "2040-10-21", reference, clubs)
    check = ev.check
    assert check is not None and check.state == "confirmed" and check.reference is not None
    assert (check.reference.file, check.reference.line) == ("england/2040-41/league.txt", 5)
    assert ev.detail.competition == "competition:premier-league"  # type: ignore[union-attr]
    assert check.filled == ("competition",) and check.disagree == ()


def test_a_day_off_is_another_time_zone_the_reference_day_is_kept(reference: Reference, clubs: Any) -> None:
    ev = link(match(A, C, (2, 1), "2040-10-21", hints={"date_source": "text"}), "2040-10-22",
              reference, clubs)
    assert ev.check and ev.check.state == "confirmed"
    assert ev.date == "2040-10-20" and ev.check.replaced == {"date": "2040-10-21"}


def test_the_day_before_publication_is_a_guess_searched_over_the_week(reference: Reference,
                                                                      clubs: Any) -> None:
    win = window_of(match(E, A, None, "2040-10-30"), date(2040, 10, 31))
    assert win is not None and (win.first, win.last, win.precision) == (
        date(2040, 10, 24), date(2040, 10, 31), "guess")
    ev = link(match(E, A, None, "2040-10-30"), "2040-10-31", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2040-10-27"
    # with the hint that the day is the text's own, only that day and its neighbours are searched
    ev = link(match(E, A, None, "2040-10-30", hints={"date_source": "text"}), "2040-10-31",
              reference, clubs)
    assert ev.check and ev.check.state == "unknown" and ev.date == "2040-10-30"


def test_home_side_from_word_order_is_taken_from_the_reference(reference: Reference, clubs: Any) -> None:
    ev = link(match(C, A, (1, 2), "2040-10-20"), "2040-10-21", reference, clubs)
    d = ev.detail
    assert isinstance(d, MatchEvent) and (d.home, d.away, d.home_score, d.away_score) == (A, C, 2, 1)
    assert ev.check and ev.check.state == "confirmed" and ev.check.replaced == {"home": C}


def test_a_stated_home_side_that_differs_is_kept_and_flagged(reference: Reference, clubs: Any) -> None:
    ev = link(match(C, A, (1, 2), "2040-10-20", hints={"home_stated": True}), "2040-10-21",
              reference, clubs)
    assert isinstance(ev.detail, MatchEvent) and ev.detail.home == C
    assert ev.check and ev.check.state == "contradicted" and ev.check.disagree == ("home",)


def test_a_wrong_score_is_kept_and_flagged(reference: Reference, clubs: Any) -> None:
    ev = link(match(A, C, (3, 0), "2040-10-20"), "2040-10-21", reference, clubs)
    assert isinstance(ev.detail, MatchEvent) and (ev.detail.home_score, ev.detail.away_score) == (3, 0)
    assert ev.check and ev.check.state == "contradicted"
    assert ev.check.disagree == ("home_score", "away_score")
    assert ev.check.reference and (ev.check.reference.home_score, ev.check.reference.away_score) == (2, 1)


def test_the_score_picks_among_several_else_none(reference: Reference, clubs: Any) -> None:
    # Arsenal and Chelsea met twice in October 2040 (league and cup)
    ev = link(match(C, A, (1, 0), "2040-10"), "2040-11-15", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2040-10-24"
    assert ev.detail.competition == "competition:efl-cup"  # type: ignore[union-attr]
    ev = link(match(A, C, None, "2040-10"), "2040-11-15", reference, clubs)
    assert ev.check and ev.check.state == "unknown"
    assert ev.check.note == "2 results fit in 2040-10-01..2040-10-31"
    assert ev.date == "2040-10"


def test_the_competition_picks_too(reference: Reference, clubs: Any) -> None:
    ev = link(match(A, C, None, "2040-10", competition="competition:efl-cup"), "2040-11-15", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2040-10-24"
    other = link(match(A, C, None, "2040-10", competition="competition:fa-cup"), "2040-11-15",
                 reference, clubs)
    assert other.check and other.check.state == "unknown"


def test_a_wrong_score_in_a_wide_window_links_nothing(reference: Reference, clubs: Any) -> None:
    ev = link(match(E, A, (4, 4), "2040"), "2041-06-01", reference, clubs)
    assert ev.check and ev.check.state == "unknown" and ev.date == "2040"


def test_a_match_without_a_score_gets_the_reference_score_marked_as_such(reference: Reference,
                                                                         clubs: Any) -> None:
    ev = link(match(E, A, None, None), "2040-10-28", reference, clubs)
    assert isinstance(ev.detail, MatchEvent) and ev.detail.home_score is None
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2040-10-27"
    assert ev.check.reference and (ev.check.reference.home_score, ev.check.reference.away_score) == (0, 0)


def test_a_fixture_the_reference_lists_unplayed(reference: Reference, clubs: Any) -> None:
    fixture = Event(id="", kind="fixture", date="2041-05-25", detail=FixtureEvent(home=A, away=E))
    ev = link(fixture, "2041-05-20", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.check.reference
    assert ev.check.reference.home_score is None


def test_the_window_named_by_a_hint(reference: Reference, clubs: Any) -> None:
    season = {"date_window": ["2040-08-01", "2041-05-31"]}
    ev = link(match(C, A, (3, 3), None, hints=season), "2041-08-01", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2041-03-16"


def test_unknown_outside_the_reference(reference: Reference, clubs: Any) -> None:
    ev = link(match(A, C, (1, 0), "2039-04-02"), "2039-04-05", reference, clubs)
    assert ev.check and ev.check.state == "unknown"
    assert ev.check.note == "no reference covers these clubs in 2039-04-01..2039-04-03"
    ev = link(match(A, "club:harbour-city", (1, 0), "2040-10-20"), "2040-10-21", reference, clubs)
    assert ev.check and ev.check.note == "no reference result names club:harbour-city"
    ev = link(match("national_team:england", "national_team:wales", (1, 0), "2040-10-20"), "2040-10-21",
              reference, clubs)
    assert ev.check and ev.check.note == "the reference holds club matches only"


def test_an_undated_mention_with_another_score_is_left_unlinked(reference: Reference, clubs: Any) -> None:
    # "Everton beat Arsenal 1-0" with no date: perhaps an older meeting, not this week's 0-0
    ev = link(match(E, A, (1, 0), None), "2040-10-28", reference, clubs)
    assert ev.check and ev.check.state == "unknown" and ev.date is None


def test_two_readings_merge_their_checks(reference: Reference, clubs: Any) -> None:
    first = link(match(E, A, None, None), "2040-10-28", reference, clubs)
    second = link(match(E, A, (1, 0), "2040-10-27"), "2040-10-28", reference, clubs)
    assert second.check and second.check.state == "contradicted"
    merged_detail = MatchEvent(home=E, away=A, home_score=1, away_score=0)
    merged = merge_checks(first.check, second.check, merged_detail)
    assert merged and merged.state == "contradicted" and merged.disagree == ("home_score", "away_score")
    unlinked = ReferenceCheck(state="unknown", note="no date to search around")
    assert merge_checks(unlinked, first.check, first.detail) == first.check


def test_an_undated_retelling_of_a_game_the_article_reports_is_linked_to_it(reference: Reference,
                                                                            clubs: Any) -> None:
    from touchline.resolve.reference import same_game_again

    told = link(match(E, A, (0, 0), "2040-10-27", hints={"date_source": "text"}), "2040-10-28",
                reference, clubs)
    misread = link(match(A, E, (1, 0), None), "2040-10-28", reference, clubs)
    assert misread.check and misread.check.state == "unknown"
    again = same_game_again([told, misread], date(2040, 10, 28), reference, clubs)
    assert [e.check.state for e in again if e.check] == ["confirmed", "contradicted"]
    assert again[1].date == "2040-10-27"


def test_a_result_told_without_a_score_keeps_the_results_that_ended_so(reference: Reference,
                                                                       clubs: Any) -> None:
    season = {"date_window": ["2040-07-01", "2041-05-31"]}
    # Chelsea and Arsenal met three times: only one ended level
    drew = link(match(C, A, None, None, hints={**season, "winner": "draw"}), "2041-05-31", reference, clubs)
    assert drew.check and drew.check.state == "confirmed" and drew.date == "2041-03-16"
    # two of them Arsenal did not lose, but only one did Chelsea win: the cup tie
    won = link(match(C, A, None, None, hints={**season, "winner": C}), "2041-05-31", reference, clubs)
    assert won.check and won.check.reference and won.check.reference.competition.endswith("cup")
    lost = link(match(E, A, None, None, hints={**season, "winner": E}), "2041-05-31", reference, clubs)
    assert lost.check and lost.check.state == "unknown"
    assert lost.check.note == "no result in 2040-07-01..2041-05-31 ended as the text says"


def test_a_game_only_named_is_kept_only_when_the_reference_confirms_it(reference: Reference,
                                                                      clubs: Any) -> None:
    named = {"date_window": ["2040-07-01", "2041-05-31"], "only_if_linked": True}
    entities = {cid: Entity(id=cid, kind="club", name=cid) for cid in (A, C, E)}
    found = match(E, A, None, None, hints={**named, "winner": "draw"})
    missing = match(E, A, None, None, hints={**named, "winner": A})  # Arsenal never won there
    several = match(C, A, None, None, hints=named)  # three meetings: which one?
    kept, _ = check_events([found, missing, several], date(2041, 5, 31), entities, reference)
    assert len(kept) == 1 and kept[0].date == "2040-10-27"
    assert kept[0].check and kept[0].check.state == "confirmed"


def test_a_final_keeps_only_the_references_finals(reference: Reference, clubs: Any) -> None:
    season = {"date_window": ["2040-07-01", "2041-05-31"]}
    ev = link(match(C, A, None, None, hints=season, stage="final"), "2041-05-31", reference, clubs)
    assert ev.check and ev.check.state == "unknown"
    assert ev.check.note == "no final between the two clubs in 2040-07-01..2041-05-31"


def test_an_undated_result_with_its_score_is_looked_for_in_the_season_so_far(reference: Reference,
                                                                             clubs: Any) -> None:
    # "Chelsea have drawn 3-3 with Arsenal since he arrived", told five weeks after the game
    ev = link(match(C, A, (3, 3), None), "2041-04-20", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2041-03-16"
    assert "season so far" in (ev.check.note or "")
    # the score picks the one meeting of three that season that ended so
    ev = link(match(A, C, (2, 1), None), "2041-04-20", reference, clubs)
    assert ev.check and ev.check.state == "confirmed" and ev.date == "2040-10-20"


def test_the_season_so_far_never_reaches_into_the_season_before(reference: Reference, clubs: Any) -> None:
    # told in the autumn after: last season's 3-3 is not "this season"
    ev = link(match(C, A, (3, 3), None), "2041-10-01", reference, clubs)
    assert ev.check and ev.check.state == "unknown" and ev.date is None


def test_a_game_no_window_could_link_is_not_looked_up_at_all(reference: Reference, clubs: Any,
                                                             monkeypatch: Any) -> None:
    # an undated result against a club the reference never names: neither the week before the
    # report nor the season so far is searched, and the note gives the lasting reason
    asked: list[tuple[str, str]] = []
    results = reference.results

    def counted(a: str, b: str, *rest: Any) -> Any:
        asked.append((a, b))
        return results(a, b, *rest)

    monkeypatch.setattr(reference, "results", counted)
    ev = link(match(A, "club:harbour-city", (1, 0), None), "2040-10-28", reference, clubs)
    assert ev.check and ev.check.note == "no reference result names club:harbour-city"
    assert asked == []
    # a club the reference knows is searched: the week before the report, then the season
    link(match(E, A, (1, 0), None), "2040-10-28", reference, clubs)
    assert asked == [(E, A), (E, A)]
