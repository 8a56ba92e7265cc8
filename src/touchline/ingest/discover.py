"""Walk the inputs (files, directories, ``-``) and hand each to its reader.

Streams: one file is read at a time, and directories are walked lazily.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from touchline.ingest.decode import Undecodable, decode_bytes
from touchline.ingest.feeds import read_feed
from touchline.ingest.html import read_html
from touchline.ingest.jsonl import read_jsonl
from touchline.ingest.options import IngestOptions
from touchline.ingest.text import read_text
from touchline.model import Article, Skip

Reader = Callable[[str, str, IngestOptions], Iterator[Article | Skip]]

READERS_BY_SUFFIX: dict[str, Reader] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed, ".rdf": read_feed,
}
# Documentation next to articles is not an article: skipped silently in
# directory walks (a file named explicitly is always read).
IGNORED_IN_WALKS = {".md", ".rst"}


def sniff_reader(path_name: str, text: str) -> Reader:
    """The reader for a file: by suffix, else by its first characters."""
    reader = READERS_BY_SUFFIX.get(Path(path_name).suffix.lower())
    if reader is not None:
        return reader
    head = text.lstrip()[:512].lower()
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        return read_feed
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return read_html
    if head.startswith("{") and '"text"' in head:
        return read_jsonl
    return read_text


def walk(paths: Iterable[str | Path]) -> Iterator[str | Skip]:
    """Every input file, in a stable order; ``-`` stands for standard input."""
    for raw in paths:
        name = str(raw)
        if name == "-":
            yield "-"
            continue
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if file.startswith(".") or Path(file).suffix.lower() in IGNORED_IN_WALKS:
                        continue
                    yield os.path.join(root, file)
        elif path.is_file():
            yield name
        elif path.exists():
            yield Skip(name, "not a regular file")
        else:
            yield Skip(name, "no such file or directory")


def _read_bytes(name: str, limit: int) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        size = os.path.getsize(name)
        if size > limit:
            raise OSError(f"file too large ({size} bytes > limit {limit})")
        with open(name, "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"file too large (over limit {limit} bytes)")
    return data


def read_inputs(paths: Iterable[str | Path], opts: IngestOptions) -> Iterator[Article | Skip]:
    """Articles and skips from every input, never raising on bad input."""
    for item in walk(paths):
        if isinstance(item, Skip):
            yield item
            continue
        where = "<stdin>" if item == "-" else item
        try:
            data = _read_bytes(item, opts.max_file_bytes)
            text = decode_bytes(data)
        except (OSError, Undecodable) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            yield Skip(where, reason)
            continue
        yield from sniff_reader(where, text)(text, where, opts)
