"""Football.TXT result files in the layouts openfootball used over the years."""

from __future__ import annotations

from datetime import date

from touchline.resolve.reference.footballtxt import parse_match, parse_results, season_of

NEWER = """= Invented Premier Division 2024/25

» Matchday 1
  Fri Aug/16 2024
    20.00  Harbour City FC         v Vale Rovers FC           1-0 (0-0)
  Sat Aug/17
           Castlemoor United       v Northbridge Town         2-2
» Matchday 20
  Sat Jan/4
    15.00  Vale Rovers FC          v Harbour City FC          0-3 (0-1)
  Sun May/25
           Northbridge Town        v Castlemoor United
           Vale Rovers FC          v Castlemoor United        [postponed]
"""

OLDER = """= Invented Division One 2003/04

Matchday 1
[Sat Aug/9]
  Harbour City             2-1  Vale Rovers
  15.00  Castlemoor United  0-0 (0-0)  Northbridge Town
[Sat Jan/10]
  Vale Rovers              1-3 (1-1)  Harbour City
"""

CUP = """= Invented Cup 2019/20

▪ Final
Sat May/30 2020
  Harbour City FC (ENG)  v Vale Rovers FC (SCO)  2-1 a.e.t. (1-1, 0-1)
  Castlemoor United  v Northbridge Town  5-4 pen. 0-0 a.e.t. (0-0)
"""


def test_newer_layout_dates_scores_and_fixtures() -> None:
    parsed = parse_results(NEWER)
    assert parsed.name == "Invented Premier Division 2024/25" and parsed.season == (2024, 2025)
    first, second, third, fixture, postponed = parsed.results
    assert (first.day, first.home, first.away, first.home_score, first.away_score, first.line) == (
        date(2024, 8, 16), "Harbour City FC", "Vale Rovers FC", 1, 0, 5)
    assert second.day == date(2024, 8, 17) and (second.home_score, second.away_score) == (2, 2)
    assert third.day == date(2025, 1, 4) and third.round == "Matchday 20"  # the season's second year
    assert (fixture.home_score, fixture.away_score, fixture.status) == (None, None, None)
    assert postponed.status == "postponed" and postponed.home_score is None
    assert parsed.unread == []


def test_older_layout_score_between_the_teams() -> None:
    parsed = parse_results(OLDER)
    assert [(r.day, r.home, r.home_score, r.away_score, r.away) for r in parsed.results] == [
        (date(2003, 8, 9), "Harbour City", 2, 1, "Vale Rovers"),
        (date(2003, 8, 9), "Castlemoor United", 0, 0, "Northbridge Town"),
        (date(2004, 1, 10), "Vale Rovers", 1, 3, "Harbour City"),
    ]


def test_extra_time_penalties_and_country_codes() -> None:
    aet, pens = parse_results(CUP).results
    assert (aet.home, aet.home_country, aet.away_country) == ("Harbour City FC", "ENG", "SCO")
    assert (aet.home_score, aet.away_score, aet.score_90) == (2, 1, (1, 1))
    assert (pens.home_score, pens.away_score, pens.penalties) == (0, 0, (5, 4))


def test_weekday_picks_the_year_of_a_date_written_without_one() -> None:
    # 2019-20 ended in August 2020: Sun Aug/23 is 2020 (a Sunday), not 2019 (a Friday).
    parsed = parse_results("= Invented Cup 2019/20\n\nSun Aug/23\n  Harbour City v Vale Rovers 1-0\n")
    assert parsed.results[0].day == date(2020, 8, 23)


def test_season_headings() -> None:
    assert season_of("English Premier League 1999/00") == (1999, 2000)
    assert season_of("Norway Eliteserien 2024") == (2024, 2024)
    assert season_of("Invented Cup") is None


def test_a_line_that_is_no_match() -> None:
    assert parse_match("Group A") is None
    assert parse_match("1. Harbour City  38  20  10  8  60-40  70") is None
