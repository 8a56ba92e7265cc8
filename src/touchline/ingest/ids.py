"""Stable article ids from normalised text, and the one way to make an Article.

``make_article`` refuses what no later stage could handle (text that is not
valid Unicode, NUL characters, dates outside the calendar touchline works in)
with :class:`BadArticle`, whose message is the reason a SKIP line gives.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from touchline.model import Article

_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")

# Published dates touchline accepts.  Football reporting begins in the 19th
# century, and the time rules move dates by days to decades from the published
# date, which must stay far inside Python's calendar (years 1 to 9999); a date
# outside these bounds is a typo or a placeholder such as 0001-01-01.
EARLIEST = date(1800, 1, 1)
LATEST = date(2199, 12, 31)


class BadArticle(ValueError):
    """An article no later stage can handle; the message says why."""


class BadDate(BadArticle):
    """A date that does not exist, cannot be read or lies outside EARLIEST..LATEST."""


def normalise_text(text: str) -> str:
    """Unicode NFC, curly quotes made straight, whitespace collapsed: the form ids hash."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def check_text(value: str, what: str = "text") -> None:
    """Raise BadArticle when ``value`` holds what neither the hash nor a database can take."""
    bad = _SURROGATE.search(value)
    if bad:
        shown = bad.group().encode("unicode_escape").decode()
        raise BadArticle(f"{what} holds an unpaired surrogate ({shown}) at character {bad.start()}: "
                         "the input is not valid Unicode")
    nul = value.find("\x00")
    if nul >= 0:
        raise BadArticle(f"{what} holds a NUL character at character {nul} (binary data?)")


def check_published(value: date | None) -> date | None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise BadDate(f"published date {value.isoformat()} is outside the range touchline handles "
                      f"({EARLIEST.isoformat()} to {LATEST.isoformat()})")
    return value


def make_article(
    text: str,
    *,
    source: str | None,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    origin: tuple[str, int | None] | None = None,
) -> Article:
    """An Article whose id is the first 16 hex digits of its text hash."""
    check_text(text)
    for what, value in (("source", source), ("title", title), ("url", url)):
        if value is not None:
            check_text(value, what)
    digest = text_hash(text)
    return Article(id=digest[:16], text=text, text_hash=digest, source=source, url=url,
                   title=title, published=check_published(published), origin=origin)


def parse_date(value: object) -> date | None:
    """ISO date or datetime (as written in feeds and JSON) → date; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return check_published(value.date())
    if isinstance(value, date):
        return check_published(value)
    if not isinstance(value, str):
        raise BadDate(f"date is not a string: {value!r}"[:200])
    raw = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", raw)
    if not m:
        raise BadDate(f"unreadable date {raw[:60]!r} (expected YYYY-MM-DD)")
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise BadDate(f"impossible date {raw[:60]!r}: {exc}") from None
    return check_published(day)
