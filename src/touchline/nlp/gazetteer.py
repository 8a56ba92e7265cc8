"""The ``tl_gazetteer`` component: football names and aliases matched with a PhraseMatcher.

Writes ``doc.spans[spans_key]`` (label = entity kind, ``span.id_`` = entity
id), overlaps resolved longest-first, and ``doc.spans[context_key]`` with
forms that name several entities ("City", "United"), which ``tl_entities``
resolves from the article's context or leaves alone.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from touchline.nlp import gazetteer_data
from touchline.nlp.gazetteer_data import Entry, GazetteerData

logger = logging.getLogger(__name__)

CONTEXT_KEY = "TL_CONTEXT"


@Language.factory(
    "tl_gazetteer",
    assigns=["doc.spans"],
    default_config={"spans_key": "tl_ents", "context_key": "tl_ents_context"},
)
def make_gazetteer(nlp: Language, name: str, spans_key: str, context_key: str) -> Gazetteer:
    return Gazetteer(nlp, name, spans_key=spans_key, context_key=context_key)


class Gazetteer:
    """Matches every unambiguous name and alias of the football gazetteer.

    Without ``initialize(entries=...)`` it uses the package gazetteer plus
    ``TOUCHLINE_GAZETTEER_DIR``, loaded once per process.
    """

    def __init__(self, nlp: Language, name: str = "tl_gazetteer", *, spans_key: str = "tl_ents",
                 context_key: str = "tl_ents_context") -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.context_key = context_key
        self._custom: list[Entry] | None = None
        self._custom_ambiguous: list[str] = []
        self._data: GazetteerData | None = None
        self._matcher: PhraseMatcher | None = None

    # --- data -------------------------------------------------------------------

    @property
    def data(self) -> GazetteerData:
        if self._data is None:
            if self._custom is not None:
                self._data = gazetteer_data.from_entries(self._custom, self._custom_ambiguous)
            else:
                self._data = gazetteer_data.load_default()
        return self._data

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None, entries: Iterable[Entry] | None = None,
                   ambiguous: Iterable[str] = ()) -> None:
        """Use the given entries instead of the package gazetteer (None: back to the default)."""
        self._custom = [dict(e) for e in entries] if entries is not None else None
        self._custom_ambiguous = sorted(ambiguous)
        self._data = None
        self._matcher = None

    @property
    def matcher(self) -> PhraseMatcher:
        if self._matcher is None:
            self._matcher = self._build_matcher()
        return self._matcher

    def _build_matcher(self) -> PhraseMatcher:
        started = time.perf_counter()
        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        tokenizer: Any = self.nlp.tokenizer
        by_id: dict[str, list[str]] = {}
        for form, entity in self.data.match_forms():
            for variant in _variants(form):
                by_id.setdefault(entity, []).append(variant)
        forms = [(entity, f) for entity, fs in sorted(by_id.items()) for f in fs]
        docs = tokenizer.pipe(f for _, f in forms)
        grouped: dict[str, list[Doc]] = {}
        for (entity, _), doc in zip(forms, docs, strict=True):
            grouped.setdefault(entity, []).append(doc)
        for entity, pattern_docs in grouped.items():
            matcher.add(entity, pattern_docs)
        context = list(tokenizer.pipe(self.data.context_forms()))
        if context:
            matcher.add(CONTEXT_KEY, context)
        logger.info("tl_gazetteer: %d patterns for %d entities in %.2fs", len(forms), len(grouped),
                    time.perf_counter() - started)
        return matcher

    # --- running ------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            matches = self.match(doc)
            self.set_annotations(doc, matches)
            return doc
        except Exception as exc:
            return error_handler(self.name, self, [doc], exc)

    def get_error_handler(self) -> Callable[..., Doc]:
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        self._error_handler = error_handler

    def match(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        """(entity spans, context-only spans) found in ``doc``."""
        strings = self.nlp.vocab.strings
        found: list[Span] = []
        context: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            if key == CONTEXT_KEY:
                context.append(Span(doc, start, end, label="context"))
                continue
            entry = self.data.entries.get(key)
            if entry is not None:
                found.append(Span(doc, start, end, label=entry["kind"], span_id=key))
        kept = filter_spans(found)
        taken = {i for span in kept for i in range(span.start, span.end)}
        context = [s for s in filter_spans(context) if not any(i in taken for i in range(s.start, s.end))]
        return kept, context

    def set_annotations(self, doc: Doc, matches: tuple[list[Span], list[Span]]) -> None:
        found, context = matches
        doc.spans[self.spans_key] = found
        doc.spans[self.context_key] = context

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    # --- serialisation ---------------------------------------------------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"custom": self._custom, "ambiguous": self._custom_ambiguous})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Gazetteer:
        msg = srsly.msgpack_loads(data)
        self.initialize(entries=msg.get("custom"), ambiguous=msg.get("ambiguous") or ())
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"custom": self._custom is not None,
                                             "ambiguous": self._custom_ambiguous})
        if self._custom is not None:
            srsly.write_jsonl(path / "entries.jsonl", self._custom)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Gazetteer:
        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        entries = list(srsly.read_jsonl(path / "entries.jsonl")) if cfg.get("custom") else None
        self.initialize(entries=entries, ambiguous=cfg.get("ambiguous") or ())
        return self


def _raise_error(proc_name: str, proc: Any, docs: list[Doc], e: Exception) -> Doc:
    raise e


def _variants(form: str) -> list[str]:
    """The forms a name takes in text: "the Reds" starts sentences as "The Reds", and
    English news often drops accents ("Bernabeu", "Atletico")."""
    forms = [form]
    plain = strip_accents(form)
    if plain != form:
        forms.append(plain)
    for f in list(forms):
        if f.startswith("the "):
            forms.append("The " + f[4:])
    return forms


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
