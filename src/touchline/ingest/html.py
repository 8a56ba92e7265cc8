"""HTML pages: main text, title and date extracted with trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import trafilatura

from touchline.ingest.ids import BadArticle, make_article, parse_date
from touchline.ingest.options import IngestOptions
from touchline.model import Article, Skip

logger = logging.getLogger(__name__)
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def read_html(text: str, where: str, opts: IngestOptions) -> Iterator[Article | Skip]:
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield Skip(where, "no article text found in HTML")
        return
    try:
        published = parse_date(getattr(doc, "date", None)) or opts.published
        yield make_article(body.strip(), source=opts.source or where, published=published,
                           title=getattr(doc, "title", None), url=getattr(doc, "url", None),
                           origin=(where, None))
    except BadArticle as exc:
        yield Skip(where, str(exc))
