"""Plain-text articles, with or without a leading ` date YYYY-MM-DD` line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from touchline.ingest.ids import BadArticle, make_article, parse_date
from touchline.ingest.options import IngestOptions
from touchline.model import Article, Skip

# Lenient about the leading space, case, a colon, and whether the body starts
# on the same line (the user's samples run the body straight on).
_DATE_LINE = re.compile(r"\A\s*date\s*:?\s+(\S+)[ \t]*(?:\r?\n)?[ \t]*", re.IGNORECASE)


def read_text(text: str, where: str, opts: IngestOptions) -> Iterator[Article | Skip]:
    published = opts.published
    m = _DATE_LINE.match(text)
    if m:
        try:
            published = parse_date(m.group(1))
        except BadArticle as exc:
            yield Skip(where, str(exc))
            return
        text = text[m.end():]
    text = text.strip()
    if not text:
        yield Skip(where, "no article text")
        return
    try:
        yield make_article(text, source=opts.source or where, published=published, origin=(where, None))
    except BadArticle as exc:
        yield Skip(where, str(exc))
