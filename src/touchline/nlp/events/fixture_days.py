"""Days of coming games in a sentence: "on November 16 and 20", a weekday after the report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span

from touchline.nlp.events import dates
from touchline.nlp.events.context import Context
from touchline.nlp.extensions import doc_text

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_TEXT = re.compile(
    r"^(?:on |this |next |coming )?(monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)(?:'s|’s)?(?: (?:afternoon|evening|night|morning))?$",
    re.I,
)

@dataclass(frozen=True, slots=True)
class _Day:
    value: str
    start: int  # char offset of the time expression


# --- dates ------------------------------------------------------------------------------------


def _forward_weekday(text: str, value: str | None, ref: date | None) -> str | None:
    """A weekday of a coming game: the tagger's day when it is not before the report, else the next
    such day after it."""
    day = dates.calendar_value(value)
    if ref is None:
        return day
    if day is not None and len(day) == 10 and dates.compare(day, ref) >= 0:
        return day
    m = _WEEKDAY_TEXT.match(text.strip())
    if not m:
        return day
    want = _WEEKDAYS.index(m.group(1).lower())
    ahead = (want - ref.weekday()) % 7 or 7
    return (ref + timedelta(days=ahead)).isoformat()


def _days(ctx: Context, sent: Span, forward: bool) -> list[_Day]:
    """The day-level dates of a sentence, in text order, with "November 16 and 20" read as two days."""
    doc = ctx.doc
    ref = dates.dct(doc)
    out: list[_Day] = []
    for t in doc._.tl_timexes or []:
        ts, te = t.get("start", -1), t.get("end", 10**9)
        if (
            ts < sent.start_char
            or te > sent.end_char
            or t.get("type") not in ("DATE", "TIME")
            or t.get("anchor")
        ):
            continue
        text = doc_text(doc)[ts:te]
        value = (
            _forward_weekday(text, t.get("value"), ref) if forward else dates.calendar_value(t.get("value"))
        )
        if value is None or len(value) != 10:
            continue
        out.append(_Day(value, ts))
        # "on November 16 and 20": the second day shares the first one's month
        tail = doc.char_span(te, min(te + 12, sent.end_char), alignment_mode="expand")
        if (
            tail is not None
            and len(tail) >= 2
            and tail[0].lower_ == "and"
            and tail[1].text.isdigit()
            and 1 <= int(tail[1].text) <= 31
            and not (
                len(tail) > 2
                and tail[2].lower_ in ("minutes", "minute", "goals", "points", "games", "matches", "days")
            )
        ):
            try:
                second = date.fromisoformat(value).replace(day=int(tail[1].text))
            except ValueError:
                continue
            out.append(_Day(second.isoformat(), tail[1].idx))
    out.sort(key=lambda d: d.start)
    return out
