"""Walk the inputs (files, directories, ``-``) and hand each to its reader.

Streams: one file is read at a time, directories are walked lazily, and JSON
Lines (and feeds over the size limit) are read a line or an entry at a time.
Nothing an input holds can stop the walk: every problem becomes one Skip.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from touchline.ingest.decode import Undecodable, bom_encoding, decode_bytes
from touchline.ingest.feeds import read_feed, stream_feed
from touchline.ingest.html import read_html
from touchline.ingest.jsonl import read_jsonl
from touchline.ingest.options import IngestOptions
from touchline.ingest.problems import unexpected
from touchline.ingest.streams import NotRegular, Prefixed, kind_of, lines, open_input, read_up_to
from touchline.ingest.text import read_text
from touchline.model import Article, Note, Skip

Reader = Callable[[str, str, IngestOptions], Iterator[Article | Skip]]

READERS_BY_SUFFIX: dict[str, Reader] = {
    ".html": read_html, ".htm": read_html,
    ".xml": read_feed, ".rss": read_feed, ".atom": read_feed, ".rdf": read_feed,
}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Documentation next to articles is not an article: skipped silently in
# directory walks (a file named explicitly is always read).
IGNORED_IN_WALKS = {".md", ".rst"}
SNIFF_BYTES = 4096


def shown_path(name: str) -> str:
    """A file name as text that can be stored and printed: bytes the file system
    name holds that are not UTF-8 become ``\\xNN`` escapes."""
    if any("\udc80" <= c <= "\udcff" for c in name):
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _head_text(head: bytes) -> str:
    marked = bom_encoding(head)
    if marked is not None:
        return head[marked[1]:].decode(marked[0], errors="ignore")
    return head.decode("utf-8", errors="replace")


def sniff_reader(path_name: str, head: str) -> Reader | None:
    """The reader for a file by suffix, else by its first characters; None for JSON Lines."""
    suffix = Path(path_name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return None
    reader = READERS_BY_SUFFIX.get(suffix)
    if reader is not None:
        return reader
    start = head.lstrip()[:512].lower()
    if start.startswith("<?xml") or start.startswith("<rss") or start.startswith("<feed"):
        return read_feed
    if start.startswith("<!doctype html") or start.startswith("<html"):
        return read_html
    if start.startswith("{") and '"text"' in start:
        return None
    return read_text


def walk(paths: Iterable[str | Path]) -> Iterator[str | Skip]:
    """Every input file, in a stable order; ``-`` stands for standard input.

    Only regular files are yielded from directories; FIFOs, sockets, devices,
    broken links and unreadable directories each become a Skip with the reason.
    """
    for raw in paths:
        name = os.fspath(raw)
        if name == "-":
            yield "-"
            continue
        if os.path.isdir(name):
            yield from _walk_dir(name)
        else:
            yield name  # opening it says what is wrong with it, if anything


def _walk_dir(top: str) -> Iterator[str | Skip]:
    problems: list[OSError] = []
    for root, dirs, files in os.walk(top, onerror=problems.append):
        while problems:
            exc = problems.pop(0)
            yield Skip(shown_path(str(exc.filename or root)), f"cannot read directory ({exc.strerror})")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if file.startswith(".") or Path(file).suffix.lower() in IGNORED_IN_WALKS:
                continue
            path = os.path.join(root, file)
            try:
                what = kind_of(os.stat(path).st_mode)
            except FileNotFoundError:
                yield Skip(shown_path(path), "broken symbolic link")
                continue
            except OSError as exc:
                yield Skip(shown_path(path), exc.strerror or str(exc))
                continue
            if what is not None:
                yield Skip(shown_path(path), f"{what}, not a regular file: skipped")
            else:
                yield path
    for problem in problems:
        yield Skip(shown_path(str(problem.filename or top)), f"cannot read directory ({problem.strerror})")


def read_inputs(paths: Iterable[str | Path], opts: IngestOptions) -> Iterator[Article | Skip | Note]:
    """Articles, skips and notes from every input, never raising on bad input."""
    for item in walk(paths):
        if isinstance(item, Skip):
            yield item
            continue
        where = "<stdin>" if item == "-" else shown_path(item)
        try:
            for got in _read_one(item, where, opts):
                if isinstance(got, Article) and len(got.text) > opts.max_article_chars:
                    path, line = got.origin or (where, None)
                    yield Skip(path, f"article too long ({len(got.text)} characters > limit "
                                     f"{opts.max_article_chars}); split it into separate articles "
                                     "or raise TOUCHLINE_MAX_ARTICLE_CHARS", line)
                else:
                    yield got
        except Exception as exc:
            yield unexpected(where, None, exc, "reading", opts.debug)


def _read_one(name: str, where: str, opts: IngestOptions) -> Iterator[Article | Skip | Note]:
    try:
        stream, size = open_input(name)
    except NotRegular as exc:
        yield Skip(where, str(exc))
        return
    except OSError as exc:
        yield Skip(where, _os_reason(exc))
        return
    try:
        yield from _read_stream(stream, size, name, where, opts)
    except OSError as exc:
        yield Skip(where, _os_reason(exc))
    finally:
        if name != "-":  # standard input stays open for whoever reads it next
            stream.close()


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "a directory, not a regular file: skipped"
    return exc.strerror.lower() if exc.strerror else str(exc)


def _read_stream(stream: BinaryIO, size: int | None, name: str, where: str,
                 opts: IngestOptions) -> Iterator[Article | Skip | Note]:
    limit = opts.max_file_bytes
    head = read_up_to(stream, SNIFF_BYTES)
    reader = sniff_reader(name, _head_text(head))
    if reader is None:  # JSON Lines: a stream of articles, the limit is per line
        yield from read_jsonl(lines(head, stream, limit), where, opts)
        return
    if size is not None and size > limit and reader is not read_feed:
        yield Skip(where, f"file too large ({size} bytes > limit {limit})")
        return
    data = head + read_up_to(stream, limit + 1 - len(head)) if len(head) <= limit else head
    if len(data) > limit:
        if reader is read_feed:  # a feed's limit is per entry: read it as a stream
            yield from stream_feed(io.BufferedReader(Prefixed(data, stream)), where, opts)
            return
        yield Skip(where, f"file too large (over limit {limit} bytes)")
        return
    try:
        decoded = decode_bytes(data)
    except Undecodable as exc:
        yield Skip(where, str(exc))
        return
    if decoded.note:
        yield Note(where, decoded.note)
    yield from reader(decoded.text, where, opts)
