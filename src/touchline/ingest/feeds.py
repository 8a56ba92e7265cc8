"""RSS and Atom feeds: each entry becomes an article (feedparser)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import feedparser
import lxml.html

from touchline.ingest.ids import make_article
from touchline.ingest.options import IngestOptions
from touchline.model import Article, Skip


def _plain(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    # Paragraph ends become blank lines so sentences don't run together.
    fragment = fragment.replace("</p>", "</p>\n\n").replace("<br>", "\n").replace("<br/>", "\n")
    return str(lxml.html.fromstring(f"<div>{fragment}</div>").text_content()).strip()


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def read_feed(text: str, where: str, opts: IngestOptions) -> Iterator[Article | Skip]:
    feed = feedparser.parse(text)
    if not feed.entries:
        reason = f"not a readable feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        yield Skip(where, reason)
        return
    for number, entry in enumerate(feed.entries, start=1):
        contents = entry.get("content") or []
        html = contents[0].get("value") if contents else entry.get("summary", "")
        body = _plain(html or "")
        if not body:
            yield Skip(where, f"feed entry {number} has no text")
            continue
        yield make_article(body, source=opts.source or entry.get("link") or f"{where}#{number}",
                           published=_entry_date(entry) or opts.published,
                           title=entry.get("title"), url=entry.get("link"))
