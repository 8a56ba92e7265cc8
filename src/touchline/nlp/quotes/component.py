"""The ``tl_quotes`` spaCy component: direct, partial and reported quotes with their speakers.

Writes ``doc._.tl_quotes``, a list of plain dicts in text order:

- ``start``/``end``: character offsets of the quoted words without their marks.
  For a quote spanning paragraphs they run from the first paragraph's first
  quoted character to the last paragraph's last one, and ``segments`` lists
  each paragraph's (start, end);
- ``text``: the article's text at [start, end) exactly (``text ==
  doc.text[start:end]`` always, inner marks and line breaks included);
- ``joined``: the quoted words alone: the segments joined by "\\n" across
  paragraphs, else by a space (equal to ``text`` when there is one segment);
- ``kind``: "direct", "partial" or "reported";
- ``speaker``: entity id, or None when it is not known (no entity id, or no
  speaker in reach);
- ``speaker_start``/``speaker_end``: the cue that names the speaker as written
  (a name, a pronoun or a descriptor), None when there is none;
- ``speaker_name``, ``speaker_ref_start``/``speaker_ref_end``: the named
  mention a pronoun or descriptor was resolved to (the cue itself for a name),
  so later stages can map it to an entity;
- ``verb``: the speech verb as written, or None; ``confidence`` in [0, 1].
"""

from __future__ import annotations

import logging
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from touchline.nlp import extensions
from touchline.nlp.extensions import doc_text
from touchline.nlp.quotes.attribution import Attributor, Found
from touchline.nlp.quotes.lexicon import lexicon
from touchline.nlp.quotes.marks import find_quote_spans, paragraphs
from touchline.nlp.quotes.reported import Reported, find_reported
from touchline.nlp.quotes.speakers import Speaker

logger = logging.getLogger(__name__)


def _speaker_fields(speaker: Speaker | None) -> dict[str, Any]:
    ref = speaker.ref if speaker is not None else None
    return {
        "speaker": ref.entity if ref is not None else None,
        "speaker_start": speaker.cue_start if speaker is not None else None,
        "speaker_end": speaker.cue_end if speaker is not None else None,
        "speaker_name": ref.display if ref is not None else None,
        "speaker_ref_start": ref.start if ref is not None else None,
        "speaker_ref_end": ref.end if ref is not None else None,
    }


def _quote_record(text: str, f: Found) -> dict[str, Any]:
    q = f.span
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text(text),
        "joined": q.joined(text),
        "kind": f.kind,
        **_speaker_fields(f.speaker),
        "verb": f.verb.text if f.verb is not None else None,
        "confidence": round(f.confidence, 3),
        "segments": [[s, e] for s, e in q.segments],
    }


def _reported_record(text: str, r: Reported) -> dict[str, Any]:
    return {
        "start": r.start,
        "end": r.end,
        "text": text[r.start:r.end],
        "joined": text[r.start:r.end],
        "kind": "reported",
        **_speaker_fields(r.speaker),
        "verb": r.verb.text,
        "confidence": r.confidence,
        "segments": [[r.start, r.end]],
    }


def find_quotes(doc: Doc, *, reported: bool = True, lookback_paragraphs: int = 2) -> list[dict[str, Any]]:
    """Every quote of an analysed Doc as plain dicts (see the module docstring), in text order."""
    extensions.register_extensions()
    text = doc_text(doc)
    spans = find_quote_spans(text)
    paras = paragraphs(text)
    att = Attributor(doc, lexicon(), spans, paras, lookback_paragraphs)
    found = att.run()
    records = [_quote_record(text, f) for f in found]
    if reported:
        quoted = [(q.open_mark, q.after) for q in spans]
        used = {f.verb.i for f in found if f.verb is not None}
        records += [_reported_record(text, r) for r in find_reported(att, quoted, used)]
        records.sort(key=lambda r: (r["start"], r["end"]))
    return records


class QuoteExtractor:
    """Finds quotes and writes them to ``doc._.tl_quotes`` in one assignment."""

    def __init__(self, nlp: Language, name: str, *, reported: bool, lookback_paragraphs: int) -> None:
        self.name = name
        self.reported = reported
        self.lookback_paragraphs = lookback_paragraphs

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            quotes = find_quotes(doc, reported=self.reported, lookback_paragraphs=self.lookback_paragraphs)
            doc._.tl_quotes = quotes
        except Exception as e:
            error_handler(self.name, self, [doc], e)
        return doc

    def get_error_handler(self) -> Any:
        return getattr(self, "_error_handler", _raise)

    def set_error_handler(self, handler: Any) -> None:
        self._error_handler = handler


def _raise(name: str, component: Any, docs: list[Doc], e: Exception) -> None:
    raise e


@Language.factory(
    "tl_quotes",
    assigns=["doc._.tl_quotes"],
    requires=["token.dep", "token.tag", "doc.ents"],
    default_config={"reported": True, "lookback_paragraphs": 2},
)
def make_quotes(nlp: Language, name: str, reported: bool, lookback_paragraphs: int) -> QuoteExtractor:
    return QuoteExtractor(nlp, name, reported=reported, lookback_paragraphs=lookback_paragraphs)
