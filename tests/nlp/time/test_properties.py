"""Property tests for the date arithmetic and for robustness on arbitrary text."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from touchline.nlp.time import find_timexes
from touchline.nlp.time.calendar import shift_weekday

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
anchors = st.dates(min_value=date(1900, 1, 8), max_value=date(2099, 12, 24))


@given(anchors, st.integers(min_value=1, max_value=7), st.sampled_from([-1, 1]))
def test_shift_weekday_stays_within_a_week(anchor: date, weekday: int, direction: int) -> None:
    day = shift_weekday(anchor, weekday, direction)
    assert day.isoweekday() == weekday
    assert 0 <= (day - anchor).days * direction <= 6


@settings(max_examples=60)
@given(anchors, st.integers(min_value=0, max_value=6))
def test_past_and_future_sentences_resolve_in_their_direction(anchor: date, i: int) -> None:
    day = DAYS[i]
    past = find_timexes(f"The team lost on {day}.", anchor)
    future = find_timexes(f"The team will play on {day}.", anchor)
    past_day = date.fromisoformat(str(past[0].value))
    future_day = date.fromisoformat(str(future[0].value))
    assert anchor - timedelta(days=6) <= past_day <= anchor
    assert anchor <= future_day <= anchor + timedelta(days=6)


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for t in find_timexes(text, date(2024, 11, 28)):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text


@settings(max_examples=100)
@given(st.lists(st.sampled_from(["on", "Sunday", "last", "May", "2024-25", "the", "81st", "minute", "in",
                                 "March", "6", ",", "2024", "next", "season", "ago", "two", "weeks", "."]),
                max_size=12), st.none() | anchors)
def test_never_raises_on_time_like_word_salad(words: list[str], anchor: date | None) -> None:
    find_timexes(" ".join(words), anchor)
