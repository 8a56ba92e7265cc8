"""Bytes to text: UTF-8 first, then charset-normalizer; binary and junk are refused."""

from __future__ import annotations

from charset_normalizer import from_bytes


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can detect."""


def decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise Undecodable("empty file")
    if b"\x00" in data[:8192]:
        raise Undecodable("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise Undecodable("undecodable bytes (no text encoding detected)") from None
        text = str(best)
    if text.startswith("\ufeff"):
        text = text[1:]
    # Mostly control characters: a mis-detected binary, not an article.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
    if controls > max(2, len(text) // 100):
        raise Undecodable("binary file (control characters)")
    return text
