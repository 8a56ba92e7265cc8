"""JSON Lines: one article per line (text, published|date, title, url|id, source).

Read as a stream, one line at a time, so a file of any length is fine; the
size limit applies to each line.  Every line stands alone: a bad one becomes
one SKIP line with its number and the rest are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from touchline.ingest.decode import Undecodable, decode_bytes
from touchline.ingest.ids import BadArticle, make_article, parse_date
from touchline.ingest.options import IngestOptions
from touchline.ingest.problems import unexpected
from touchline.model import Article, Note, Skip


def read_jsonl(lines: Iterable[tuple[int, bytes | str | None]], where: str,
               opts: IngestOptions) -> Iterator[Article | Skip | Note]:
    number = 0
    try:
        for number, raw in lines:
            if raw is None:
                yield Skip(where, f"line too long (over the limit of {opts.max_file_bytes} bytes)", number)
                continue
            try:
                yield from _read_line(raw, where, number, opts)
            except Exception as exc:
                yield unexpected(where, number, exc, "reading", opts.debug)
    except UnicodeDecodeError as exc:
        yield Skip(where, f"not valid {exc.encoding} from line {number + 1} on "
                          f"(byte {exc.start} of a read); the rest of the file is skipped", number + 1)


def _read_line(raw: bytes | str, where: str, number: int,
               opts: IngestOptions) -> Iterator[Article | Skip | Note]:
    if isinstance(raw, bytes):
        if not raw.strip():
            return
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                decoded = decode_bytes(raw)
            except Undecodable as exc:
                yield Skip(where, f"line is not text ({exc})", number)
                return
            if decoded.note:
                yield Note(where, decoded.note, number)
            line = decoded.text
    else:
        line = raw
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield Skip(where, f"malformed JSON ({exc.msg})", number)
        return
    except RecursionError:
        yield Skip(where, "malformed JSON (nested too deeply)", number)
        return
    if not isinstance(record, dict):
        yield Skip(where, "line is not a JSON object", number)
        return
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        yield Skip(where, "no 'text' field" if body is None else "'text' is not a non-empty string", number)
        return
    try:
        published = parse_date(record.get("published") or record.get("date")) or opts.published
        url = _field(record, "url", numbers=True) or _field(record, "id", numbers=True)
        title = _field(record, "title")
        source = opts.source or _field(record, "source") or f"{where}:{number}"
        yield make_article(body.strip(), source=source, published=published, title=title, url=url,
                           origin=(where, number))
    except BadArticle as exc:
        yield Skip(where, str(exc), number)


def _field(record: dict[str, Any], name: str, numbers: bool = False) -> str | None:
    """An optional text field: a string (or, for ids, a number), else BadArticle."""
    value = record.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    kind = {list: "a list", dict: "an object", bool: "true/false"}.get(type(value), type(value).__name__)
    raise BadArticle(f"'{name}' must be a string, not {kind}")
