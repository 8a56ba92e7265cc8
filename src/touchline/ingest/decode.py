"""Bytes to text: a byte-order mark, else UTF-8, else Western cp1252, else charset-normalizer.

The order is by how sure each answer is.  A BOM names its encoding, and valid
UTF-8 is almost never an accident.  Bytes that read as Western European text in
cp1252 (every non-ASCII character a Western letter, currency sign or
typographic mark, and most letters plain ASCII) are taken as cp1252: it agrees
with latin-1 on every printable character and also reads the 0x80-0x9F bytes
Windows uses for curly quotes, dashes and the euro sign, which latin-1 would
turn into invisible control characters.  charset-normalizer alone guesses from
letter statistics and, on a short English text with one "Arsène" or "£5m",
often picks a Central European or DOS code page ("Arsčne", "ú5m"), so it is
asked only when cp1252 does not fit, and its answer is reported as uncertain
unless no other reading comes close.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Longest BOMs first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Non-ASCII characters of Western European text as cp1252 writes them.  Left
# out on purpose: ¹ ² ³ ¥, which a Central European text in cp1250 shows for
# its ą, ł and Ą ("pokona³a").
_WESTERN_MARKS = frozenset("£€¢©®°±·½¼¾«»¡¿§¶ºªµ×÷‘’‚“”„–—…•™†‡‰‹›ˆ˜\u00a0")
_WESTERN_LETTERS = frozenset("ŒœŠšŽžŸƒ")
# Share of letters that must be ASCII for a text to pass as Western European
# (French, Portuguese or German run at 2-6% accented letters; Cyrillic or Greek
# read through cp1252 would be nearly all "accented").
_MIN_ASCII_LETTERS = 0.7


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can detect."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    certain: bool = True

    @property
    def note(self) -> str | None:
        """What to tell the user about a guessed encoding, if anything."""
        return None if self.certain else f"decoded as {self.encoding} (uncertain)"


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, and the mark's length."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def decode_bytes(data: bytes) -> Decoded:
    """The text of a whole file (or one JSON line), or :class:`Undecodable` with the reason."""
    decoded = _decode(data)
    text = decoded.text
    if not text.strip():
        raise Undecodable("empty file")
    if "\x00" in text[:8192]:
        raise Undecodable("binary file (NUL bytes)")
    # Mostly control characters: a mis-detected binary, not an article.
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f") or 0x7F <= ord(c) <= 0x9F)
    if controls > max(2, len(text) // 100):
        raise Undecodable("binary file (control characters)")
    return decoded


def _decode(data: bytes) -> Decoded:
    if not data.strip():
        raise Undecodable("empty file")
    marked = bom_encoding(data)
    if marked is not None:
        name, size = marked
        try:
            return Decoded(data[size:].decode(name), name.removesuffix("-le").removesuffix("-be"))
        except UnicodeDecodeError as exc:
            raise Undecodable(f"bytes after the {name} byte-order mark are not {name} "
                              f"(at byte {exc.start + size})") from None
    if b"\x00" in data[:8192]:
        raise Undecodable("binary file (NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return Decoded(western, "cp1252")
    return _detected(data)


def _western(data: bytes) -> str | None:
    """The cp1252 reading of ``data`` when it reads as Western European text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # one of the five bytes cp1252 leaves undefined
    ascii_letters = other_letters = 0
    for ch in text:
        if ch < "\x80":
            ascii_letters += ch.isalpha()
        elif ch in _WESTERN_LETTERS or ("\u00c0" <= ch <= "\u00ff" and ch not in "×÷"):
            other_letters += 1
        elif ch not in _WESTERN_MARKS:
            return None
    letters = ascii_letters + other_letters
    return text if letters and ascii_letters / letters >= _MIN_ASCII_LETTERS else None


def _detected(data: bytes) -> Decoded:
    matches = list(from_bytes(data))
    if not matches:
        raise Undecodable("undecodable bytes (no text encoding detected)")
    best = matches[0]
    rivals = [m for m in matches[1:] if m.percent_chaos <= best.percent_chaos + 1.0 and str(m) != str(best)]
    return Decoded(str(best), best.encoding, certain=best.percent_chaos < 1.0 and not rivals)
