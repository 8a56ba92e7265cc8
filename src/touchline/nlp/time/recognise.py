"""Find time expressions in text: compile the patterns once, match, keep the best spans.

Every pattern in ``data/time/patterns.jsonl`` names a rule; :mod:`normalise`
turns each match into a TIMEX3 value.  Overlapping matches are settled longest
first, so "Wednesday night" beats "Wednesday" and "March 6, 2024" beats "March".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from itertools import pairwise

from touchline.nlp.time.lexicon import LEXICON, PATTERNS
from touchline.nlp.time.normalise import Candidate, Context, normalise
from touchline.nlp.time.prefilter import UNSAFE, Requirement, may_match, requirements, unsafe
from touchline.nlp.time.tense import Tense, sentence_bounds, tense_from_words

logger = logging.getLogger(__name__)


def _escape(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")


def _alt(words: list[str], case_sensitive: bool = False, by_first: bool = True) -> str:
    ordered = sorted(words, key=len, reverse=True)  # longest first: "an" before "a"
    if case_sensitive:
        return f"(?-i:{'|'.join(map(_escape, ordered))})"
    if not by_first or not all(w[:1].isascii() and w[:1].isalnum() for w in ordered):
        return f"(?:{'|'.join(map(_escape, ordered))})"
    # Grouped by first letter: the engine skips an alternative whose first character is a
    # case-sensitive class that fails, but tries every case-insensitive one in full, and these
    # lists are tried at every word of every article.  Only words of one first letter can match
    # at one place, and they keep their order, so the same alternative matches.
    groups: dict[str, list[str]] = {}
    for w in ordered:
        groups.setdefault(w[0].lower(), []).append(_escape(w[1:]))
    return "(?:" + "|".join(f"{_first(c)}(?:{'|'.join(rests)})" for c, rests in groups.items()) + ")"


def _first(char: str) -> str:
    """A case-sensitive class of what ``char`` matches without case (the letters of
    prefilter.UNSAFE included: "ſ" is an "s" to re.IGNORECASE)."""
    same = {char.lower(), char.upper(), *(u for u in UNSAFE if re.fullmatch(char, u, re.IGNORECASE))}
    return f"(?-i:[{''.join(sorted(same))}])"


def _names(words: list[str]) -> list[str]:
    # Capitalised and upper-case forms: "March", "MARCH".
    return [*words, *(w.upper() for w in words)]


def _placeholders(by_first: bool = True) -> dict[str, str]:
    months = list(LEXICON["months"])
    full_months = [m for m in months if len(m) > 3 or m == "May"]
    numbers = [n for n in LEXICON["numbers"]]
    digit = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?"
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    ones = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    compound = f"(?:{'|'.join(tens)})[-\\s](?:{'|'.join(ones)})"
    return {
        "MONTH": _alt(_names(months), case_sensitive=True),
        "MONTHFULL": _alt(_names(full_months), case_sensitive=True),
        "WDAY": _alt(_names(list(LEXICON["weekdays"])), case_sensitive=True),
        "NUM": f"(?:{digit}|{compound}|{_alt(numbers, by_first=by_first)})",
        "VAGUE": _alt(LEXICON["vague_numbers"], by_first=by_first),
        "UNIT": _alt(list(LEXICON["units"]), by_first=by_first),
        "POD": _alt(list(LEXICON["parts_of_day"]), by_first=by_first),
        "YSEASON": _alt(list(LEXICON["year_seasons"]), by_first=by_first),
        "SEASONWORD": _alt(LEXICON["season_words"], by_first=by_first),
        "SETADV": _alt(list(LEXICON["set_adverbs"]), by_first=by_first),
        "REF": _alt(list(LEXICON["refs"]), by_first=by_first),
        "HOLIDAY": _alt(list(LEXICON["holidays"]), case_sensitive=True),
    }


def _compile(by_first: bool = True) -> list[tuple[int, str, re.Pattern[str], tuple[Requirement, ...]]]:
    subs = _placeholders(by_first)
    compiled = []
    for order, entry in enumerate(PATTERNS):
        source = re.sub(r"\{([A-Z]+)\}", lambda m: subs[m.group(1)], entry["pattern"])
        compiled.append((order, entry["rule"], re.compile(source, re.IGNORECASE),
                         requirements(source, re.IGNORECASE)))
    return compiled


_COMPILED = _compile()

_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
_DATE_VALUE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
TenseReader = Callable[[int, int], Tense]
_PROBE_DAY = date(2000, 6, 15)


# "$2 million a year", "24 hours a day", "four flights a week": "a <unit>" after an
# amount or a counted noun is a rate, not a length of time.
_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|million|billion|thousand|hundred|cents?|percent|dollars|(?!(?:this|was|has|its|his|hers|"
    r"ours|yours|theirs|thus|less|unless|across|perhaps|always|towards|afterwards|plus|as|is|us|yes|does|"
    r"years|months|weeks|days)\b)[a-z]{2,}s)\s+$"
)


def _is_rate(text: str, rule: str, groups: dict[str, str], start: int) -> bool:
    if rule != "duration" or groups.get("pre") or _key_n(groups.get("n", "")) not in {"a", "an"}:
        return False
    return _RATE_BEFORE.search(text, max(0, start - 30), start) is not None


# "three quarters of the shares", "a quarter-final": a fraction or a round, not three months.
_NOT_QUARTER_SPAN = re.compile(
    r"[\s-]*(?:of\s+(?:the|a|an|its|his|her|their|our|this|that|those|these|all)|finals?|finalists?|back|hour|"
    r"mile|century|point)\b",
    re.I,
)


def _is_fraction(text: str, rule: str, groups: dict[str, str], end: int) -> bool:
    if _key_n(groups.get("unit", "")) != "quarter":
        return False
    if _key_n(groups.get("n", "")) in {"a", "an", "one", "half a"} and rule == "duration":
        return True
    return _NOT_QUARTER_SPAN.match(text, end) is not None


# "a second goal", "a second-round pick": "second" is an ordinal there, unless the
# words after it make it a moment ("a second later", "for a second.").
_A_SECOND_IS_TIME = re.compile(r"\s*(?:[.,;:!?)\"'’”]|$|later\b|earlier\b|ago\b|or\b|and\b|before\b|after\b|"
                               r"longer\b|left\b|too\b|to\s+spare\b)", re.I)
# A count before a singular unit is a length only as a modifier after a determiner
# ("a five year low", "the two day rally"); "May 24 Second Test" is a date and a name.
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|its|his|her|their|our|each|every)\s+$", re.I)


# "the daily Sueddeutsche Zeitung", "the party weekly Nedelya": a newspaper, not a rate.
_NEWSPAPER_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z])[\w'’-]+")


def _is_newspaper(text: str, rule: str, groups: dict[str, str], end: int) -> bool:
    if rule != "set_adverb" or _key_n(groups.get("word", "")) not in {"daily", "weekly"}:
        return False
    return _NEWSPAPER_NAME_AFTER.match(text, end) is not None


def _is_not_a_length(text: str, rule: str, groups: dict[str, str], start: int, end: int) -> bool:
    if rule != "duration" or groups.get("pre"):
        return False
    unit, n = _key_n(groups.get("unit", "")), _key_n(groups.get("n", ""))
    if unit == "second" and n in {"a", "an"}:
        return _A_SECOND_IS_TIME.match(text, end) is None
    if n in {"a", "an", "one", "1", "half a", "half an"} or not text[start:end].lower().endswith(" " + unit):
        return False
    return _DETERMINER_BEFORE.search(text, max(0, start - 12), start) is None


def _cue_pattern(words: list[str], extra: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternatives})\b|{extra}", re.I)


_BUSINESS = _cue_pattern(LEXICON["business_cues"], r"[$£€%]")
_FOOTBALL = _cue_pattern(LEXICON["football_cues"], r"\b\d{1,2}-\d{1,2}\b")  # or a score
def _is_business_sentence(text: str, start: int, end: int) -> bool:
    """Money talk and no football talk in the sentence around ``start:end``."""
    left, right = sentence_bounds(text, start, end)
    sentence = text[left:right]
    return _BUSINESS.search(sentence) is not None and _FOOTBALL.search(sentence) is None


def _key_n(word: str) -> str:
    return word.strip().lower()


def candidates(text: str) -> list[Candidate]:
    """Every pattern match, overlapping ones included."""
    found: list[Candidate] = []
    # a pattern runs only on a text holding the words it requires (see prefilter)
    lowered = None if unsafe(text) else text.lower()
    for order, rule, pattern, needs in _COMPILED:
        if lowered is not None and not may_match(needs, lowered):
            continue
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if (_is_rate(text, rule, groups, m.start()) or _is_fraction(text, rule, groups, m.end())
                    or _is_not_a_length(text, rule, groups, m.start(), m.end())
                    or _is_newspaper(text, rule, groups, m.end())):
                continue
            found.append(Candidate(m.start(), m.end(), rule, groups, order))
    return found


_LEADING_PREPOSITION = re.compile(
    r"(?:on|in|at|by|during|since|until|till|from|before|after|through)\s+", re.I)


def _trim(text: str, cand: Candidate) -> Candidate:
    # "on Wednesday": TimeML leaves the preposition outside the expression.
    s = cand.start
    m = _LEADING_PREPOSITION.match(text[s : cand.end])
    if m and cand.rule != "competition_games":
        s += m.end()
    e = cand.end
    while e > s and text[e - 1] in " ,.'’":
        # Keep the full stop of an abbreviation: "p.m.", "6 Sept."
        abbreviation = re.search(r"\b[A-Z][a-z]{2,3}\.$", text[s:e])
        if text[e - 1] == "." and (text[e - 2 : e] in {"m.", "M."} or abbreviation):
            break
        if text[e - 1] in "'’" and cand.groups.get("apos"):
            break
        e -= 1
    return Candidate(s, e, cand.rule, cand.groups, cand.order)


def select(text: str, found: list[Candidate]) -> list[Candidate]:
    """Longest non-overlapping spans, earlier patterns first on ties."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted((_trim(text, c) for c in chosen), key=lambda c: c.start)


def find_timex_dicts(
    text: str,
    dct: date | None,
    tense_of: TenseReader | None = None,
    dayfirst: bool = True,
) -> list[dict[str, object]]:
    """Time expressions in ``text`` as plain dicts (start, end, text, type, value, reason, anchor).

    ``tense_of(start, end)`` reads the tense around a span; by default cue words.
    """
    reader: TenseReader = tense_of or (lambda s, e: tense_from_words(text, s, e))
    # Drop matches no rule accepts before settling overlaps, so a rejected long
    # match ("May 2-1") does not hide a shorter good one.
    probe = Context(dct=dct or _PROBE_DAY, dayfirst=dayfirst, last_quarter=(_PROBE_DAY.year, 2),
                    last_date=_PROBE_DAY.isoformat())
    found = [c for c in candidates(text) if normalise(c, probe) is not None]
    out: list[dict[str, object]] = []
    last_day: date | None = None
    last_quarter: tuple[int, int] | None = None
    last_date: str | None = None
    for cand in select(text, found):
        business = cand.rule == "match_half" and _is_business_sentence(text, cand.start, cand.end)
        ctx = Context(dct=dct, tense=reader(cand.start, cand.end), dayfirst=dayfirst, last_day=last_day,
                      last_quarter=last_quarter, last_date=last_date, business=business)
        result = normalise(cand, ctx)
        if result is None:
            continue
        out.append(
            {
                "start": cand.start,
                "end": cand.end,
                "text": text[cand.start : cand.end],
                "type": result.type,
                "value": result.value,
                "reason": result.reason,
                "anchor": result.anchor,
            }
        )
        if result.day is not None:
            last_day = result.day
        if result.type == "DATE" and result.value and _DATE_VALUE.fullmatch(result.value):
            last_date = result.value
        quarter = _QUARTER_VALUE.fullmatch(result.value or "")
        # The quarter a report is about: named by a quarter rule (not "a year ago" looking
        # back from it) and not a forecast for a quarter still to come.
        if quarter and cand.rule in {"quarter", "quarter_anaphor"}:
            named = (int(quarter.group(1)), int(quarter.group(2)))
            if dct is None or named <= (dct.year, (dct.month - 1) // 3 + 1):
                last_quarter = named
    _clock_on_day(text, out)
    return out


_CLOCK_VALUE = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d)")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_ON_BETWEEN = re.compile(r"\s*(?:,\s*)?(?:on\s+)?")


def _clock_on_day(text: str, found: list[dict[str, object]]) -> None:
    """"kicks off at 8pm on Tuesday": the clock time falls on the day named right after it."""
    for clock, day in pairwise(found):
        clock_value = _CLOCK_VALUE.fullmatch(str(clock["value"] or ""))
        if clock_value is None or not _DAY_VALUE.fullmatch(str(day["value"] or "")):
            continue
        gap = _ON_BETWEEN.match(text, int(clock["end"]))  # type: ignore[call-overload]
        if gap is not None and gap.end() == day["start"]:
            clock["value"] = f"{day['value']}{clock_value.group(1)}"
