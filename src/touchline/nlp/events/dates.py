"""Dating events: the time expression inside the event's clause, else a deliberate fallback."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

logger = logging.getLogger(__name__)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!-)")
_YEAR = re.compile(r"^(\d{4})(?![-\d])")

# A report's main match with no day named: matches are mostly reported the
# morning after (evening kick-offs, next-day write-ups), so D-1 is the better
# single guess over D; the event's confidence is cut accordingly.
FALLBACK_OFFSET_DAYS = 1
FALLBACK_PENALTY = 0.75


@dataclass(frozen=True, slots=True)
class Dated:
    value: str | None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    start: int | None = None  # char span of the timex it came from
    end: int | None = None
    explicit: bool = False


def dct(doc: Doc) -> date | None:
    raw = doc._.dct
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        logger.debug("unreadable dct %r", raw)
        return None


def calendar_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX3 value ("2024-11-27TNI" → "2024-11-27")."""
    if not value:
        return None
    for rx in (_DAY, _MONTH, _YEAR):
        m = rx.match(value)
        if m:
            return "-".join(m.groups())
    return None


def compare(value: str, ref: date) -> int:
    """-1 / 0 / 1: is the (partial) calendar value before, at or after ``ref``."""
    parts = [int(p) for p in value.split("-")]
    ref_parts = [ref.year, ref.month, ref.day][: len(parts)]
    return (parts > ref_parts) - (parts < ref_parts)


def timex_in(doc: Doc, start: int, end: int, *, want: str = "any", near: int | None = None) -> Dated | None:
    """The calendar timex inside chars [start, end), closest to ``near``.

    ``want`` = "past" keeps values on or before the report date, "future" on or
    after it; match-anchored expressions ("half-time") never date an event.
    """
    ref = dct(doc)
    best: tuple[int, Dated] | None = None
    for t in doc._.tl_timexes or []:
        if t.get("start", -1) < start or t.get("end", 10**9) > end:
            continue
        if t.get("type") not in ("DATE", "TIME") or t.get("anchor"):
            continue
        val = calendar_value(t.get("value"))
        if val is None:
            continue
        if ref is not None and want != "any":
            cmp = compare(val, ref)
            if (want == "past" and cmp > 0) or (want == "future" and cmp < 0):
                continue
        dist = abs(t["start"] - near) if near is not None else 0
        cand = Dated(val, t["start"], t["end"], explicit=True)
        if best is None or dist < best[0]:
            best = (dist, cand)
    return best[1] if best else None


def fallback_match_date(doc: Doc) -> Dated:
    """The deliberate guess for a past match with no day named (see FALLBACK_OFFSET_DAYS)."""
    ref = dct(doc)
    if ref is None:
        return Dated(None)
    return Dated((ref - timedelta(days=FALLBACK_OFFSET_DAYS)).isoformat())


def report_date(doc: Doc) -> str | None:
    ref = dct(doc)
    return ref.isoformat() if ref else None
