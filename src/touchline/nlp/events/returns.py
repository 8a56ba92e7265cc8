"""When an injured player is expected back, from the time his injury's sentence gives.

Two shapes, with their cue words in ``data/events/lexicon/injuries.json``:

- a length of time after a duration cue ("out for at least three weeks", "for two to
  three weeks"): the report date plus that length (a range's longer end, as the time
  tagger reads it);
- a time after a return cue ("sidelined until January", "back in March", "will miss the
  rest of the season"): the first day of that time, or the season's end (1 July) for the
  rest of a season.

The result is one ISO day, an expectation as told on the report date; a time before the
report date, or a sentence that only hopes or wonders ("if", "whether"), gives none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Span

from touchline.nlp.events.lexicon import LEXICON

_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")
_DAYS_PER = {"D": 1, "W": 7, "M": 30, "Y": 365}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SEASON = re.compile(r"^\d{4}-\d{2}/(\d{4})-(\d{2})$")
_DOUBT = {"if", "whether", "unless"}
_SO_FAR = {"been", "spent", "already"}
_REST_OF = ("rest of", "remainder of", "end of")


_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "few"}


def _cue_before(sent_text: str, at: int, cues: Sequence[str]) -> bool:
    """Whether the words right before char ``at`` of the sentence end with one of the cues (a
    range's first end in between is skipped: "for two to three weeks")."""
    words = sent_text[:at].lower().split()[-6:]
    if len(words) >= 2 and words[-1] in ("to", "or", "-") and (words[-2] in _NUMBERS or words[-2].isdigit()):
        words = words[:-2]
    before = " " + " ".join(words) + " "
    return any(before.endswith(f" {cue} ") for cue in cues)


def season_end(day: date) -> date:
    return date(day.year + (day.month >= 7), 7, 1)


def day_of_time(value: str, text: str, report: date) -> date | None:
    """The first day of a TIMEX value (the season's end for "the rest of the season")."""
    if any(p in text.lower() for p in _REST_OF) and "season" in text.lower():
        return season_end(report)
    if m := _DAY.match(value):
        return date(*map(int, m.groups()))
    if m := _MONTH.match(value):
        return date(int(m.group(1)), int(m.group(2)), 1)
    if m := _YEAR.match(value):
        return date(int(m.group(1)), 1, 1)
    if _SEASON.match(value):
        return season_end(report)
    return None


def day_after(value: str, report: date) -> date | None:
    """The report date plus a TIMEX duration ("P3W"); None for any other value."""
    m = _DURATION.match(value)
    if not m:
        return None
    return report + timedelta(days=round(float(m.group(1)) * _DAYS_PER[m.group(2)]))


def expected_return(sent: Span, timexes: list[dict], report: date | None) -> str | None:
    """The day the sentence says a player is expected back (see the module docstring)."""
    if report is None or _DOUBT & {t.lower_ for t in sent}:
        return None
    text = sent.text
    base = sent.start_char
    found: list[date] = []
    for t in timexes:
        start, end = int(t.get("start", -1)), int(t.get("end", -1))
        if start < base or end > sent.end_char or t.get("anchor") not in (None, "season"):
            continue  # "two days after the final": a time from another event
        value = str(t.get("value") or "")
        at = start - base
        day: date | None = None
        if t.get("type") == "DURATION" and _cue_before(text, at, LEXICON.return_duration_cues.words) \
                and not _SO_FAR & set(text[:at].lower().split()):  # "has been out for three weeks"
            day = day_after(value, report)
        elif t.get("type") == "DATE" and _cue_before(text, at, [*LEXICON.return_date_cues.words, "miss"]):
            day = day_of_time(value, str(t.get("text") or text[at:end - base]), report)
        if day is not None and day > report:
            found.append(day)
    return max(found).isoformat() if found else None
