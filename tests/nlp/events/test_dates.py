"""Dating played matches: only a day in the match's own clause, else the lede-only D-1 guess or none.

Own sentences about real clubs (the full pipeline links them); the report date is a Monday.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline

DCT = "2025-02-10"  # a Monday: "Saturday" is 2025-02-08, the D-1 guess 2025-02-09


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def matches(nlp: Language, text: str, dct: str = DCT) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return [e for e in nlp(doc)._.tl_events if e["kind"] == "match"]


def one(nlp: Language, text: str, teams: set[str]) -> dict[str, Any]:
    found = [e for e in matches(nlp, text) if {e["fields"]["home"], e["fields"]["away"]} == teams]
    assert len(found) == 1, found
    return found[0]


VILLA_BRIGHTON = {"club:aston-villa", "club:brighton-hove-albion"}
LIVERPOOL_EVERTON = {"club:liverpool", "club:everton"}


def test_day_across_a_comma_dates_the_participle_result(nlp: Language) -> None:
    # the participle hangs on "climbed", whose time is "on Saturday"
    m = one(nlp, "Aston Villa climbed to fifth on Saturday, beating Brighton 3-1 at Villa Park.",
            VILLA_BRIGHTON)
    assert m["date"] == "2025-02-08"


def test_day_in_a_relative_clause_does_not_date_the_main_result(nlp: Language) -> None:
    text = ("Liverpool, who face Everton again on Saturday, beat Brighton 2-0 at Anfield. "
            "The hosts were comfortable throughout.")
    [m] = [e for e in matches(nlp, text) if "club:brighton-hove-albion" in
           (e["fields"]["home"], e["fields"]["away"])]
    assert m["date"] != "2025-02-08"


def test_competition_year_never_dates_a_match(nlp: Language) -> None:
    m = one(nlp, "Aston Villa marked the start of Euro 2025 with a 3-1 win over Brighton on Saturday.",
            VILLA_BRIGHTON)
    assert m["date"] == "2025-02-08"
    m = one(nlp, "Liverpool opened their Euro 2025 preparations with a 2-0 win over Everton.",
            LIVERPOOL_EVERTON)
    assert m["date"] != "2025"


def test_month_in_the_clause_gives_the_month_and_no_day(nlp: Language) -> None:
    m = one(nlp, "Liverpool beat Everton 2-0 in January, and the derby still stings.", LIVERPOOL_EVERTON)
    assert m["date"] == "2025-01"


def test_a_week_in_the_clause_gives_a_window_for_the_reference(nlp: Language) -> None:
    [m] = matches(nlp, "Liverpool beat Everton 2-0 last weekend, and the derby still stings.")
    assert m["date"] is None and m["date_window"] == ["2025-02-08", "2025-02-09"]


def test_offset_from_another_event_gives_no_guess(nlp: Language) -> None:
    text = ("The striker has signed a new contract, three days after Liverpool beat Everton 2-0 at Anfield. "
            "He said he was delighted.")
    m = one(nlp, text, LIVERPOOL_EVERTON)
    assert m["date"] is None


def test_main_result_with_no_day_is_dated_on_the_report_day(nlp: Language) -> None:
    # a match report written over a result that names no day was written on the day of the
    # match: the article's date, at reduced confidence
    m = one(nlp, "Liverpool beat Everton 2-0 at Anfield. The hosts were comfortable throughout.",
            LIVERPOOL_EVERTON)
    assert m["date"] == "2025-02-10"
    assert m["confidence"] < 0.7


def test_past_perfect_result_gets_no_guess(nlp: Language) -> None:
    m = one(nlp, "Liverpool, who had beaten Everton 2-0 at Anfield, struggled for rhythm.", LIVERPOOL_EVERTON)
    assert m["date"] is None


def test_match_first_named_deep_in_a_story_gets_no_guess(nlp: Language) -> None:
    text = ("The striker has signed a new five-year contract. He joined the club as a teenager. "
            "His agent said talks had been easy. The club are delighted. "
            "Liverpool beat Everton 2-0 at Anfield with the striker scoring twice.")
    m = one(nlp, text, LIVERPOOL_EVERTON)
    assert m["date"] is None


def test_day_of_the_other_result_in_a_list_is_not_taken(nlp: Language) -> None:
    text = "Brighton lost 2-1 to Aston Villa last week and 3-0 at Everton on Saturday."
    assert one(nlp, text, VILLA_BRIGHTON)["date"] is None  # a week: no day, and no guess
    assert one(nlp, text, {"club:everton", "club:brighton-hove-albion"})["date"] == "2025-02-08"
