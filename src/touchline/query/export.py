"""The whole knowledge base as one ``touchline.export/1`` JSON document."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

import jsonschema

from touchline.model import Event, check_to_data, detail_to_fields
from touchline.store import Store

FORMAT = "touchline.export/1"


def check_fields(ev: Event) -> dict[str, Any]:
    """What the results reference says about a match or fixture, as export fields: ``check``
    (confirmed / contradicted / unknown, null when never checked), ``reference`` (the linked
    result and its source file and line), ``from_reference`` (fields whose value is the
    reference's), ``disagree`` (fields where the text, kept, says otherwise), ``replaced`` (what
    the event held before the reference filled a field) and ``check_note``."""
    check = ev.check
    data = check_to_data(check) or {}
    ref = data.get("reference")
    if ref is not None:
        ref = {k: v for k, v in ref.items() if k not in ("file", "line")}
        ref["source"] = {"file": data["reference"]["file"], "line": data["reference"]["line"]}
    return {"check": check.state if check else None, "reference": ref,
            "from_reference": data.get("filled", []), "disagree": data.get("disagree", []),
            "replaced": data.get("replaced", {}), "check_note": data.get("note")}


def event_record(ev: Event) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ev.id, "kind": ev.kind, "date": ev.date, "confidence": ev.confidence,
        "sources": [{"article": s.article, "start": s.start, "end": s.end} for s in ev.sources],
    }
    record.update(detail_to_fields(ev.detail))
    # values the articles telling it disagree on (the leading one is in the field): {} when none
    record["conflicts"] = dict(ev.conflicts)
    if ev.kind in ("match", "fixture"):
        record.update(check_fields(ev))
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
