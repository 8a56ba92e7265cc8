"""The ``tl_events`` spaCy component: reads mentions and timexes, writes ``doc._.tl_events``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from touchline.nlp import extensions
from touchline.nlp.events import (
    fixtures,
    headings,
    injuries,
    matches,
    milestones,
    new_teams,
    roles,
    shirts,
    standings,
    transfers,
)
from touchline.nlp.events.context import Context
from touchline.nlp.events.engine import RuleBook
from touchline.nlp.events.goals import scorer_hits
from touchline.nlp.events.results import result_mentions

logger = logging.getLogger(__name__)

KINDS = ("match", "fixture", "milestone", "shirt_exchange", "injury", "transfer", "role", "standing")


class EventExtractor:
    """Finds events sentence by sentence with compiled matchers; one assignment per Doc."""

    def __init__(self, nlp: Language, name: str = "tl_events", *, kinds: list[str] | None = None,
                 min_confidence: float = 0.0) -> None:
        extensions.register_extensions()
        self.name = name
        self.kinds = set(kinds or KINDS)
        self.min_confidence = min_confidence
        self.book = RuleBook(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            events = self.match(doc)
            self.set_annotations(doc, events)
            return doc
        except Exception as e:  # spaCy's error-handler protocol
            error_handler(self.name, self, [doc], e)
            raise

    def get_error_handler(self) -> Callable[..., Any]:
        return getattr(self, "_error_handler", _raise_error)

    def set_error_handler(self, handler: Callable[..., Any]) -> None:
        self._error_handler = handler

    def match(self, doc: Doc) -> list[dict[str, Any]]:
        ctx = Context.from_doc(doc)
        headings.mark_heading_clubs(ctx)
        self.new_entities: list[dict[str, Any]] = []
        self.ctx = ctx
        out: list[dict[str, Any]] = []
        self.book.matcher.forget()  # windows kept for this article's readings only
        rule_hits = self.book.run(ctx)
        # Roles first: the coach of "Pulis' men" must be known before the results are read.
        known = dict(ctx.coach_team)
        out += roles.extract(ctx, rule_hits, [])
        if ctx.coach_team != known:
            rule_hits = self.book.run(ctx)
        names = new_teams.name_slots(ctx, rule_hits)
        people = new_teams.scorer_name_slots(rule_hits)
        if names or people:
            # clubs and scorers no list knows, read from result and goal frames: mark them, read again
            self.new_entities = new_teams.adopt(ctx, names) + new_teams.adopt_people(ctx, people)
            rule_hits = self.book.run(ctx)
        # moves first: a player the article moves to a club plays for it in the results it tells
        moves = transfers.extract(ctx, rule_hits, [])
        transfers.learn_clubs(ctx, moves)
        found, clusters = matches.extract_matches(ctx, result_mentions(ctx, rule_hits),
                                                  scorer_hits(ctx, rule_hits))
        out += found
        for family in (fixtures, milestones, shirts, injuries):
            out += family.extract(ctx, rule_hits, clusters)
        out += moves
        out += standings.extract(ctx, rule_hits, clusters)
        return [e for e in out if e["kind"] in self.kinds and e["confidence"] >= self.min_confidence]

    def set_annotations(self, doc: Doc, events: list[dict[str, Any]]) -> None:
        doc._.tl_events = events
        if self.ctx.extra_entities:
            doc._.tl_entities = [*(doc._.tl_entities or []), *self.ctx.extra_entities]
        if self.ctx.added or self.ctx.removed:
            # clubs read from result frames become entities and mentions like any other,
            # and replace the NER's person reading of the same words
            gone = {(m.start, m.end) for m in self.ctx.removed}
            kept = [m for m in doc._.tl_mentions or [] if (m["start"], m["end"]) not in gone]
            doc._.tl_entities = [*(doc._.tl_entities or []), *self.new_entities]
            doc._.tl_mentions = [*kept, *(
                {"start": m.start, "end": m.end, "text": m.text, "kind": m.kind, "entity": m.entity,
                 "confidence": m.confidence, "method": m.method} for m in self.ctx.added)]


def _raise_error(proc_name: str, proc: Any, docs: list[Doc], e: Exception) -> None:
    raise e


@Language.factory("tl_events", assigns=["doc._.tl_events"],
                  requires=["doc._.tl_mentions", "doc._.tl_timexes"],
                  default_config={"kinds": list(KINDS), "min_confidence": 0.0})
def make_events(nlp: Language, name: str, kinds: list[str], min_confidence: float) -> EventExtractor:
    return EventExtractor(nlp, name, kinds=kinds, min_confidence=min_confidence)
