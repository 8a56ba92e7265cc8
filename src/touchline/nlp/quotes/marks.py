"""Find quoted stretches of text: pair quote marks, including nesting and multi-paragraph quotes.

Works on characters only (no parse), so it is cheap and never depends on the
tokenizer.  Newspapers mix mark styles freely (a curly opening mark closed by a
straight one is common after copy-editing), so marks are paired by the role
their context gives them, not by their glyph.

A quote that runs over several paragraphs has an opening mark and no closing
one in each paragraph but the last, and each continuation paragraph starts with
a fresh opening mark.  Such a quote is one :class:`QuoteSpan` with several
``segments``; its ``start``/``end`` run from the first segment's first content
character to the last segment's last, :meth:`QuoteSpan.text` is the article's
text between them exactly as written (inner marks and line breaks included),
and :meth:`QuoteSpan.joined` joins the segments' contents (the continuation
marks removed).

Glyphs do not decide roles on their own.  A curly opening mark ``“`` written
where a closing mark belongs (``"We lost,“ said Brandt``) closes, and so does
the German closing mark, which is the same glyph (``„Wir haben verloren“,
sagte Brandt``): a double mark closes when a word ends right before it and
no word starts right after it, and opens in the opposite position.  Only the
low mark ``„`` always opens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

DOUBLE_OPEN = "“„"
DOUBLE_CLOSE = "”"
# Marks that only ever open a quotation (German and Polish low marks).
LOW_OPEN = "„"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
# Characters after which a mark can open a quote (besides start of paragraph).
_OPEN_AFTER = set(" \t([{—–-/:")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: where its marks and content are.

    ``segments`` holds (content_start, content_end) per paragraph; ``open_mark``
    is the offset of the first opening mark, ``close_mark`` of the final
    closing mark (None when the last paragraph ends without one).
    """

    segments: tuple[tuple[int, int], ...]
    open_mark: int
    close_mark: int | None

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @property
    def after(self) -> int:
        """The first offset after the quote (past its closing mark, if any)."""
        return self.end if self.close_mark is None else self.close_mark + 1

    def text(self, doc_text: str) -> str:
        """The article's text from the first quoted character to the last, exactly as written."""
        return doc_text[self.start:self.end]

    def joined(self, doc_text: str) -> str:
        """The quoted words: segments joined by a newline across paragraphs, else by a space."""
        parts = [doc_text[self.segments[0][0]:self.segments[0][1]]]
        for (_, prev_end), (s, e) in zip(self.segments, self.segments[1:], strict=False):
            parts.append("\n" if "\n" in doc_text[prev_end:s] else " ")
            parts.append(doc_text[s:e])
        return "".join(parts)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without surrounding whitespace."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _primary_style(text: str) -> str:
    """Which marks delimit quotations in this text; the other kind is only ever nested."""
    if any(c in text for c in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE):
        return "double"
    if SINGLE_OPEN in text:
        return "single"
    return "straight_single"


def _can_open(text: str, i: int, para_start: int, para_end: int) -> bool:
    nxt = text[i + 1] if i + 1 < para_end else ""
    if not nxt or nxt.isspace():
        return False
    prev = text[i - 1] if i > para_start else ""
    return prev == "" or prev in _OPEN_AFTER or prev in DOUBLE_OPEN + SINGLE_OPEN + '"'


def _can_close(text: str, i: int, para_start: int, para_end: int) -> bool:
    prev = text[i - 1] if i > para_start else ""
    if not prev or prev.isspace():
        return False
    nxt = text[i + 1] if i + 1 < para_end else ""
    return not nxt.isalnum()


def _marks(text: str, para: tuple[int, int], style: str) -> list[tuple[int, str]]:
    """(offset, role) for each mark of the primary style; role is open, close or either."""
    start, end = para
    out: list[tuple[int, str]] = []
    for i in range(start, end):
        c = text[i]
        if style == "double":
            if c in LOW_OPEN:
                out.append((i, "open"))
            elif c in DOUBLE_OPEN or c in DOUBLE_CLOSE or c == STRAIGHT_DOUBLE:
                # The context decides: "…,“ said X" and German „…“ close with “.
                out.append((i, "either"))
        elif style == "single":
            # A curly apostrophe is the same glyph as a closing mark: only
            # treat it as a mark where a word cannot go on.
            if c == SINGLE_OPEN and _can_open(text, i, start, end):
                out.append((i, "open"))
            elif c == SINGLE_CLOSE and _can_close(text, i, start, end):
                out.append((i, "close"))
        elif c == STRAIGHT_SINGLE:
            if _can_open(text, i, start, end):
                out.append((i, "open"))
            elif _can_close(text, i, start, end):
                out.append((i, "close"))
    return out


Segments = list[tuple[int, int]]


def _paragraph_quotes(
    text: str, para: tuple[int, int], style: str
) -> tuple[list[tuple[int, Segments, int]], tuple[int, Segments] | None]:
    """Closed quotes of one paragraph as (open mark, segments, close mark), and the unclosed one.

    An opening mark while a quote is open continues that quote: the writer
    left the previous stretch unclosed as at a paragraph break (often the
    break itself was lost when the text was flattened to one line).
    """
    start, end = para
    closed: list[tuple[int, Segments, int]] = []
    open_mark: int | None = None
    segs: Segments = []
    seg_start = 0
    for i, role in _marks(text, para, style):
        opens = role == "open" or (role == "either" and _can_open(text, i, start, end))
        if open_mark is None:
            if opens:
                open_mark, segs, seg_start = i, [], i + 1
            # a closing mark with nothing open is a stray: ignored
        elif role == "open" or (opens and not _can_close(text, i, start, end)):
            segs.append((seg_start, i))
            seg_start = i + 1
        else:
            segs.append((seg_start, i))
            closed.append((open_mark, segs, i))
            open_mark = None
    if open_mark is None:
        return closed, None
    segs.append((seg_start, end))
    return closed, (open_mark, segs)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order, with multi-paragraph quotes merged."""
    style = _primary_style(text)
    paras = paragraphs(text)
    spans: list[QuoteSpan] = []
    # A quote still open at the end of the previous paragraph: (open mark, segments).
    pending: tuple[int, Segments] | None = None
    for p_index, (p_start, p_end) in enumerate(paras):
        closed, unclosed = _paragraph_quotes(text, (p_start, p_end), style)
        if pending is not None:
            if closed and closed[0][0] == p_start:
                # The continuation's own opening mark starts the paragraph and
                # it closes here, ending the multi-paragraph quote.
                _, segs, close = closed.pop(0)
                spans.append(QuoteSpan(tuple(pending[1] + segs), pending[0], close))
                pending = None
            elif not closed and unclosed is not None and unclosed[0] == p_start:
                pending = (pending[0], pending[1] + unclosed[1])
                continue
            else:
                spans.append(QuoteSpan(tuple(pending[1]), pending[0], None))
                pending = None
        spans.extend(QuoteSpan(tuple(segs), o, c) for o, segs, c in closed)
        if unclosed is not None:
            nxt = paras[p_index + 1] if p_index + 1 < len(paras) else None
            if nxt is not None and text[nxt[0]] in DOUBLE_OPEN + SINGLE_OPEN + "\"'":
                pending = unclosed
            else:
                # No continuation: the closing mark was lost; the quote ends with its paragraph.
                spans.append(QuoteSpan(tuple(unclosed[1]), unclosed[0], None))
    if pending is not None:
        spans.append(QuoteSpan(tuple(pending[1]), pending[0], None))
    spans = [_trim(text, s) for s in spans]
    return [s for s in spans if s.segments and all(e > b for b, e in s.segments)]


def _trim(text: str, span: QuoteSpan) -> QuoteSpan:
    segs = []
    for s, e in span.segments:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            segs.append((s, e))
    return QuoteSpan(segments=tuple(segs), open_mark=span.open_mark, close_mark=span.close_mark)
