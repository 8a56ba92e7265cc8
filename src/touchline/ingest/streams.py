"""Opening inputs safely and reading them a piece at a time.

Only regular files (and standard input) are read.  A name is opened without
blocking and checked with ``fstat`` on the open descriptor, so a named pipe,
socket or device met in a directory walk is refused at once instead of
hanging the run, even when it took the place of a regular file after the
walk looked at it.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from touchline.ingest.decode import bom_encoding

CHUNK = 64 * 1024


class NotRegular(OSError):
    """A name that is not a regular file (a FIFO, socket, device or directory)."""


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, when it is not something touchline reads."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def open_input(name: str) -> tuple[BinaryIO, int | None]:
    """A binary stream over ``name`` (``-``: standard input) and its size when known."""
    if name == "-":
        return sys.stdin.buffer, None
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        what = kind_of(info.st_mode)
        if what is not None:
            raise NotRegular(f"{what}, not a regular file: skipped")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb", closefd=True), info.st_size
    except BaseException:
        os.close(fd)
        raise


def read_up_to(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes, fewer only at the end of the stream."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        got = stream.read(min(CHUNK, limit - size))
        if not got:
            break
        parts.append(got)
        size += len(got)
    return b"".join(parts)


class Prefixed(io.RawIOBase):
    """Bytes already read from a stream, then the rest of it: sniffing needs no seek (stdin)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def lines(head: bytes, rest: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | str | None]]:
    """Numbered lines of a stream, each at most ``limit`` bytes; ``None`` for a longer one.

    A longer line is read past, never held whole, so memory stays bounded
    whatever the file.  Text with a UTF-16 or UTF-32 byte-order mark comes as
    ``str`` lines (its line breaks are not single bytes); anything else as
    ``bytes`` lines, each decoded on its own so one bad line spoils no other.
    """
    marked = bom_encoding(head)
    decoder = None
    if marked is not None and marked[0] != "utf-8":
        decoder = codecs.getincrementaldecoder(marked[0])(errors="strict")
        head = head[marked[1]:]
    elif marked is not None:
        head = head[marked[1]:]
    empty: bytes | str = "" if decoder else b""
    newline: bytes | str = "\n" if decoder else b"\n"
    buffer = empty
    number = 1
    too_long = False

    def chunks() -> Iterator[bytes | str]:
        data = head
        while data:
            yield decoder.decode(data) if decoder else data
            data = rest.read(CHUNK)
        if decoder:
            yield decoder.decode(b"", final=True)

    for chunk in chunks():
        buffer = buffer + chunk if buffer else chunk  # type: ignore[operator]
        start = 0
        while (cut := buffer.find(newline, start)) >= 0:  # type: ignore[arg-type]
            yield number, None if too_long or cut - start > limit else buffer[start:cut]
            too_long = False
            start = cut + 1
            number += 1
        buffer = buffer[start:]
        if len(buffer) > limit:
            too_long = True
            buffer = empty
    if too_long:
        yield number, None
    elif buffer:
        yield number, buffer
