"""Years spelt out in words, centuries and decades named in words.

"nineteen ninety-six", "January nineteen ninety-seven", "the winter of nineteen
ninety-four", "the year two thousand" (broadcast transcripts spell years out);
"the 20th century" (value ``19``: TIMEX3 writes a century as its first two
digits); "the nineties", "the '80s" (value ``199``, ``198``).
"""

from __future__ import annotations

import re

from touchline.nlp.time.base import _MONTHS, _YSEASON, Candidate, Context, Result, _key, number

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def year_words(words: str) -> int | None:
    """"nineteen ninety-six" → 1996, "nineteen hundred" → 1900, "nineteen oh five" → 1905,
    "two thousand" → 2000, "two thousand and one" → 2001."""
    w = re.sub(r"[\s-]+", " ", _key(words))
    m = re.fullmatch(r"two thousand(?: and)?(?: (?P<rest>.+))?", w)
    if m:
        rest = number(m.group("rest")) if m.group("rest") else 0.0
        return 2000 + int(rest) if rest is not None and rest < 100 else None
    m = re.fullmatch(r"(?P<hi>nineteen|eighteen|twenty) (?P<rest>hundred|oh \w+|.+)", w)
    if not m:
        return None
    hi = int(number(m.group("hi")) or 0)
    rest_words = m.group("rest")
    if rest_words == "hundred":
        lo = 0.0
    elif rest_words.startswith("oh "):
        lo = number(rest_words[3:]) or -1.0
        if not 1 <= lo <= 9:
            return None
    else:
        parsed = number(rest_words)
        if parsed is None or not 10 <= parsed < 100:
            return None
        lo = parsed
    return hi * 100 + int(lo)


def spoken_year(c: Candidate, ctx: Context) -> Result | None:
    words = c.groups["yw"]
    year = year_words(words)
    if year is None:
        return None
    if _key(words).startswith("two thousand") and not (c.groups.get("the_year") or c.groups.get("month")
                                                      or c.groups.get("ys")):
        return None  # "two thousand people": a count unless introduced as a year
    if c.groups.get("month"):
        return Result("DATE", f"{year:04d}-{_MONTHS[_key(c.groups['month'])]:02d}")
    if c.groups.get("ys"):
        return Result("DATE", f"{year:04d}-{_YSEASON[_key(c.groups['ys'])]}")
    return Result("DATE", f"{year:04d}")


def century(c: Candidate, ctx: Context) -> Result | None:
    word = _key(c.groups["ord"])
    digits = re.match(r"\d+", word)
    n = int(digits.group(0)) if digits else _ORDINAL_WORDS.get(re.sub(r"[\s-]+", "-", word))
    if n is None or not 1 <= n <= 21:
        return None
    return Result("DATE", f"{n - 1:02d}")


def decade_word(c: Candidate, ctx: Context) -> Result | None:
    if c.groups.get("dw"):
        digit = _DECADE_WORDS[_key(c.groups["dw"])]
        hundreds = 18 if _key(c.groups.get("c", "")) == "eighteen" else 19
        return Result("DATE", f"{hundreds}{digit}")
    return Result("DATE", f"19{c.groups['d']}")
