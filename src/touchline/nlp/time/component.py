"""The ``tl_time`` spaCy component: time expressions of a Doc, anchored on ``doc._.dct``."""

from __future__ import annotations

import logging
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from touchline.nlp.extensions import doc_text, register_extensions, report_date
from touchline.nlp.time.recognise import find_timex_dicts
from touchline.nlp.time.tense import Tense, tense_from_doc, tense_from_words

logger = logging.getLogger(__name__)


class TimeTagger:
    """Finds time expressions and writes ``doc._.tl_timexes`` and ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, dayfirst: bool) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.dayfirst = dayfirst

    def match(self, doc: Doc) -> list[dict[str, Any]]:
        parsed = doc.has_annotation("DEP")
        text = doc_text(doc)

        def tense_of(start: int, end: int) -> Tense:
            if parsed:
                return tense_from_doc(doc, start, end)
            return tense_from_words(text, start, end)

        found = find_timex_dicts(text, report_date(doc), tense_of, self.dayfirst)
        return [t for t in found if not _inside_name(doc, t)]

    def set_annotations(self, doc: Doc, found: list[dict[str, Any]]) -> None:
        spans: list[Span] = []
        for t in found:
            span = doc.char_span(t["start"], t["end"], label=t["type"], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc._.tl_timexes = found
        doc.spans[self.spans_key] = spans

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.match(doc))
        except Exception as exc:
            error_handler(self.name, self, [doc], exc)
        return doc

    def get_error_handler(self) -> Any:
        from spacy.util import raise_error

        return getattr(self, "_error_handler", raise_error)

    def set_error_handler(self, handler: Any) -> None:
        self._error_handler = handler


# Entity kinds whose names may hold a time word that is no time: "Sheffield Wednesday",
# "the Boxing Day Test" is left alone (its name holds a real date).
_NAME_KINDS = ("club", "national_team", "venue")


def _inside_name(doc: Doc, timex: dict[str, Any]) -> bool:
    """A time expression that is part of a club's or ground's name ("Sheffield Wednesday")."""
    start, end = timex["start"], timex["end"]
    for m in getattr(doc._, "tl_mentions", None) or ():
        if m.get("kind") in _NAME_KINDS and m["start"] <= start and end <= m["end"]:
            return True
    return False


@Language.factory(
    "tl_time",
    assigns=["doc._.tl_timexes", "doc.spans"],
    requires=["doc._.dct"],
    default_config={"spans_key": "tl_time", "dayfirst": True},
)
def make_time_tagger(nlp: Language, name: str, spans_key: str, dayfirst: bool) -> TimeTagger:
    return TimeTagger(nlp, name, spans_key=spans_key, dayfirst=dayfirst)
