"""JSON Lines: one article per line (text, published|date, title, url|id, source)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from touchline.ingest.ids import BadDate, make_article, parse_date
from touchline.ingest.options import IngestOptions
from touchline.model import Article, Skip


def read_jsonl(text: str, where: str, opts: IngestOptions) -> Iterator[Article | Skip]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, f"malformed JSON ({exc.msg})", number)
            continue
        if not isinstance(record, dict):
            yield Skip(where, "line is not a JSON object", number)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Skip(where, "no 'text' field", number)
            continue
        try:
            published = parse_date(record.get("published") or record.get("date")) or opts.published
        except BadDate as exc:
            yield Skip(where, str(exc), number)
            continue
        url = record.get("url") or record.get("id")
        title = record.get("title")
        yield make_article(
            body.strip(),
            source=opts.source or record.get("source") or f"{where}:{number}",
            published=published,
            title=title if isinstance(title, str) else None,
            url=str(url) if url is not None else None,
        )
