"""The whole knowledge base as one ``touchline.export/1`` JSON document."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jsonschema

from touchline.model import Event, detail_to_fields
from touchline.store import Store

FORMAT = "touchline.export/1"


def event_record(ev: Event) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ev.id, "kind": ev.kind, "date": ev.date, "confidence": ev.confidence,
        "sources": [{"article": s.article, "start": s.start, "end": s.end} for s in ev.sources],
    }
    record.update(detail_to_fields(ev.detail))
    return record


def build_export(store: Store) -> dict[str, Any]:
    articles = [
        {"id": a.id, "source": a.source, "url": a.url,
         "published": a.published.isoformat() if a.published else None,
         "title": a.title, "story": a.story, "duplicate_of": a.duplicate_of}
        for a in store.articles()
    ]
    entities = [{"id": e.id, "kind": e.kind, "name": e.name, "aliases": list(e.aliases)}
                for e in store.entities()]
    events = [event_record(ev) for ev in store.events()]
    quotes = [{"id": q.id, "speaker": q.speaker, "text": q.text, "kind": q.kind,
               "article": q.article, "start": q.start, "end": q.end, "joined": q.joined,
               "segments": [list(s) for s in q.segments] or [[q.start, q.end]],
               "speaker_name": q.speaker_name} for q in store.quotes()]
    timexes = [{"article": x.article, "text": x.text, "start": x.start, "end": x.end,
                "type": x.type, "value": x.value} for x in store.timexes()]
    return {"format": FORMAT, "articles": articles, "entities": entities, "events": events,
            "quotes": quotes, "timexes": timexes}


@lru_cache(maxsize=1)
def export_schema() -> dict[str, Any]:
    """The JSON Schema of the export format, shipped in the package."""
    text = files("touchline.query").joinpath("export.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_export(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if the document breaks the format."""
    jsonschema.validate(document, export_schema())
