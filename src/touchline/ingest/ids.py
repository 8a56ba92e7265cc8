"""Stable article ids from normalised text, and the one way to make an Article."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from touchline.model import Article

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Unicode NFC, curly quotes made straight, whitespace collapsed: the form ids hash."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def make_article(
    text: str,
    *,
    source: str | None,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Article:
    """An Article whose id is the first 16 hex digits of its text hash."""
    digest = text_hash(text)
    return Article(id=digest[:16], text=text, text_hash=digest, source=source, url=url,
                   title=title, published=published)


class BadDate(ValueError):
    """A date that does not exist or cannot be read."""


def parse_date(value: object) -> date | None:
    """ISO date or datetime (as written in feeds and JSON) → date; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise BadDate(f"date is not a string: {value!r}")
    raw = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", raw)
    if not m:
        raise BadDate(f"unreadable date {raw!r} (expected YYYY-MM-DD)")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise BadDate(f"impossible date {raw!r}: {exc}") from None
