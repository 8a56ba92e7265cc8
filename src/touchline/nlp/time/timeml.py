"""Read and write TimeML: TempEval-3 input files in, TIMEX3-tagged TimeML out.

Reading keeps character offsets into the *unescaped* text of ``<TEXT>``, so a
system's spans and the gold spans are comparable however each file escapes.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A TIMEX3 read from a TimeML file: offsets into the plain text of <TEXT>."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    """One TimeML document: its plain text, DCT and any TIMEX3 already tagged."""

    path: Path
    raw: str
    text: str
    dct: date | None
    text_start: int  # offset of <TEXT> content in ``raw``
    text_end: int
    timexes: list[GoldTimex] = field(default_factory=list)


def _attrs(blob: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(blob)}


def parse_dct(raw: str) -> date | None:
    """The document creation date of a TimeML file (its DCT TIMEX3), if any."""
    m = _DCT.search(raw)
    if not m:
        return None
    value = _attrs(m.group(1)).get("value", "")
    d = _ISO_DAY.match(value)
    if not d:
        return None
    try:
        return date(int(d.group(1)), int(d.group(2)), int(d.group(3)))
    except ValueError:
        return None


def strip_tags(body: str) -> tuple[str, list[GoldTimex]]:
    """Plain text of inline-tagged TimeML and its TIMEX3s with offsets into that text."""
    parts: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing and not tag.group(4):
            open_timex.append((length, _attrs(tag.group(3))))
        elif closing and open_timex:
            start, attrs = open_timex.pop()
            found.append((start, length, attrs))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    timexes = [
        GoldTimex(s, e, text[s:e], a.get("type", ""), a.get("value", ""))
        for s, e, a in sorted(found, key=lambda f: f[0])
    ]
    return text, timexes


def read_timeml(path: Path) -> TimeMLDoc:
    """Parse a TimeML (or .TE3input) file; tags inside <TEXT> are stripped."""
    raw = path.read_text(encoding="utf-8")
    m = _TEXT.search(raw)
    if not m:
        raise ValueError(f"{path}: no <TEXT> element")
    text, timexes = strip_tags(m.group(1))
    return TimeMLDoc(path, raw, text, parse_dct(raw), m.start(1), m.end(1), timexes)


def _escape(s: str) -> str:
    return html.escape(s, quote=False)


def render_timeml(doc: TimeMLDoc, timexes: list[dict[str, object]]) -> str:
    """The document with its <TEXT> replaced by the plain text plus TIMEX3 tags.

    Only expressions with a value are written: TimeML requires a value, and a
    match-relative expression ("half-time") has no calendar value to give.
    """
    out: list[str] = []
    pos = 0
    tid = 1
    for t in sorted(timexes, key=lambda t: int(t["start"])):  # type: ignore[call-overload]
        start, end = int(t["start"]), int(t["end"])  # type: ignore[call-overload]
        if t.get("value") is None or start < pos:
            continue
        out.append(_escape(doc.text[pos:start]))
        out.append(
            f'<TIMEX3 tid="t{tid}" type="{t["type"]}" value="{_escape(str(t["value"]))}">'
            f"{_escape(doc.text[start:end])}</TIMEX3>"
        )
        tid += 1
        pos = end
    out.append(_escape(doc.text[pos:]))
    return doc.raw[: doc.text_start] + "".join(out) + doc.raw[doc.text_end :]


def annotate_timeml_dir(in_dir: Path, out_dir: Path) -> int:
    """Tag every TimeML file in ``in_dir`` (DCT from each file); returns files written.

    Output files keep their names, minus a ``.TE3input`` suffix (so they pair with gold ``.tml``).
    """
    from touchline.nlp.time.recognise import find_timex_dicts

    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in sorted(p for p in in_dir.iterdir() if p.is_file()):
        if path.suffix not in {".tml", ".TE3input", ".xml"}:
            continue
        try:
            doc = read_timeml(path)
        except (ValueError, UnicodeDecodeError) as exc:
            logger.warning("SKIP %s: %s", path, exc)
            continue
        found = find_timex_dicts(doc.text, doc.dct)
        # "X.tml.TE3input" → "X.tml", the gold file's name; "X.TE3input" → "X.tml".
        name = path.stem if path.stem.endswith(".tml") else path.stem + ".tml"
        if path.suffix != ".TE3input":
            name = path.name
        (out_dir / name).write_text(render_timeml(doc, found), encoding="utf-8")
        written += 1
    return written
