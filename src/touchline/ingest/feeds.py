"""RSS and Atom feeds: each entry becomes an article (feedparser).

A feed within the size limit is parsed whole by feedparser, which forgives
the ill-formed markup real feeds are full of.  A larger one is read as a
stream (lxml's pull parser, entities and network access off): each entry is
cut out as it ends, checked against the size limit on its own, and handed to
feedparser wrapped as a one-entry feed, so memory holds one entry at a time
(an entry growing past the limit is emptied as it is read, then skipped).
Entries are named ``<path>#<n>`` in SKIP lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

import feedparser
import lxml.html
from lxml import etree

from touchline.ingest.ids import BadArticle, check_published, make_article
from touchline.ingest.options import IngestOptions
from touchline.ingest.problems import unexpected
from touchline.ingest.streams import CHUNK
from touchline.model import Article, Skip

ENTRY_TAGS = {"item", "entry"}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


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
            try:
                day = date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError as exc:
                raise BadArticle(f"impossible date in the feed entry: {exc}") from None
            return check_published(day)
    return None


def _article(entry: feedparser.FeedParserDict, where: str, opts: IngestOptions) -> Article | Skip:
    try:
        contents = entry.get("content") or []
        html = contents[0].get("value") if contents else entry.get("summary", "")
        body = _plain(html or "")
        if not body:
            return Skip(where, "feed entry has no text")
        return make_article(body, source=opts.source or entry.get("link") or where,
                            published=_entry_date(entry) or opts.published,
                            title=entry.get("title"), url=entry.get("link"), origin=(where, None))
    except BadArticle as exc:
        return Skip(where, str(exc))
    except Exception as exc:
        return unexpected(where, None, exc, "reading", opts.debug)


def read_feed(text: str, where: str, opts: IngestOptions) -> Iterator[Article | Skip]:
    """Every entry of a whole feed document."""
    feed = feedparser.parse(text)
    if not feed.entries:
        reason = f"not a readable feed ({feed.bozo_exception})" if feed.bozo else "feed has no entries"
        yield Skip(where, reason)
        return
    for number, entry in enumerate(feed.entries, start=1):
        yield _article(entry, f"{where}#{number}", opts)


def _one_entry_feed(element: etree._Element) -> bytes:
    qname = etree.QName(element)
    body = etree.tostring(element)
    if qname.localname == "entry":  # Atom (1.0 or 0.3): the entry's own namespace
        return b'<feed xmlns="' + (qname.namespace or "").encode() + b'">' + body + b"</feed>"
    if qname.namespace:  # RSS 1.0: items sit beside the channel in rdf:RDF
        return (b'<rdf:RDF xmlns:rdf="' + RDF.encode() + b'" xmlns="' + qname.namespace.encode() + b'">'
                + body + b"</rdf:RDF>")
    return b'<rss version="2.0"><channel>' + body + b"</channel></rss>"


def stream_feed(stream: BinaryIO, where: str, opts: IngestOptions) -> Iterator[Article | Skip]:
    """Every entry of a feed too large to parse whole, one entry in memory at a time."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True,
                                 huge_tree=False, remove_comments=True)
    number = 0
    current: etree._Element | None = None
    entry_bytes = 0
    try:
        while chunk := stream.read(CHUNK):
            parser.feed(chunk)
            if current is not None:
                entry_bytes += len(chunk)
            for event, element in parser.read_events():
                if not isinstance(element.tag, str) or etree.QName(element).localname not in ENTRY_TAGS:
                    continue
                if event == "start":
                    if current is None:
                        number += 1
                        current, entry_bytes = element, 0
                    continue
                if element is not current:
                    continue  # an element named like an entry inside an entry
                name = f"{where}#{number}"
                one = b"" if entry_bytes > opts.max_file_bytes else _one_entry_feed(element)
                if not one or len(one) > opts.max_file_bytes:
                    yield Skip(name, f"feed entry too large (over the limit of {opts.max_file_bytes} bytes)")
                else:
                    parsed = feedparser.parse(one)
                    if parsed.entries:
                        yield _article(parsed.entries[0], name, opts)
                    else:
                        yield Skip(name, "feed entry could not be read")
                current = None
                _drop(element)
            if current is not None and entry_bytes > opts.max_file_bytes:
                current.clear()  # too large: keep reading past it without holding it
        parser.close()
    except etree.XMLSyntaxError as exc:
        yield Skip(where, f"feed is not well-formed XML ({exc}); entries after entry {number} skipped")
        return
    if number == 0:
        yield Skip(where, "feed has no entries")


def _drop(element: etree._Element) -> None:
    """Free a finished entry and everything before it."""
    element.clear()
    while element.getprevious() is not None:
        parent = element.getparent()
        if parent is None:
            break
        del parent[0]
