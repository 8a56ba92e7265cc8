"""The ``tl_paragraphs`` component: a headline or paragraph break ends a sentence.

News text opens with a headline that has no full stop ("Man Utd stroll to Cup win"),
and the parser alone often reads it and the lead sentence as one sentence, which
garbles the parse of the sentence that matters most.  Before the parser runs, this
component marks the first word after a blank line, or after a first line without
end punctuation, as a sentence start when it opens like a sentence (a capital, a
digit or a quote mark).  It also marks the word after it as no sentence start:
given only the first, the parser tends to cut a one-word sentence off the paragraph
("Wayne" | "Rooney made ...").  A line opening with a bullet ("- Pukki scored twice",
a web page's list of key points) is a sentence of its own, and so is a line after a
line that ends a sentence (a full stop, a question mark, a closing quote) when it
opens like one.  Any other single line break inside a paragraph, and a "paragraph"
opening in lower case (an emphasised word set on its own line by a web page), are
left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_END_PUNCT = frozenset(".!?:;\"'”’)")
_SENTENCE_END = frozenset(".!?\"”")
_BULLETS = frozenset("-–—•*·")


class ParagraphBreaks:
    """Sets ``is_sent_start`` after paragraph breaks and a headline's line break."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        headline_end = _headline_end(doc)
        for i in range(1, len(doc) - 1):
            gap = doc[i - 1]
            if not gap.is_space or "\n" not in gap.text or doc[i].is_space:
                continue
            bullet = doc[i].text in _BULLETS and i + 1 < len(doc) and _opens_sentence(doc[i + 1].text)
            if not bullet and not _opens_sentence(doc[i].text):
                continue  # "Madrid\n\ndid\n\nask": an emphasised word set apart, not a new paragraph
            ended = (i >= 2 and doc[i - 2].text[-1:] in _SENTENCE_END) or _bullet_line_before(doc, i - 1)
            if gap.text.count("\n") < 2 and i - 1 != headline_end and not bullet and not ended:
                continue
            doc[i].is_sent_start = True
            following = doc[i + 1]
            if not (following.is_punct or following.is_space) and "\n" not in doc[i].whitespace_:
                following.is_sent_start = False
        return doc


def _bullet_line_before(doc: Doc, gap: int) -> bool:
    """Whether the line ending at token ``gap`` (a line break) opened with a bullet."""
    k = gap - 1
    while k > 0 and not (doc[k - 1].is_space and "\n" in doc[k - 1].text):
        k -= 1
    return k < gap and doc[k].text in _BULLETS


def _opens_sentence(word: str) -> bool:
    first = word[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘("


def _headline_end(doc: Doc) -> int | None:
    """The token holding the line break after the document's first line, when that line has
    no end punctuation; found once, since only the first line can be a headline."""
    first = next((t.i for t in doc if "\n" in t.text), None)
    if not first:
        return None
    last = doc[first - 1].text
    return first if last and last[-1] not in _END_PUNCT else None


@Language.factory("tl_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks(nlp, name)
