"""The whole knowledge base as one ``touchline.export/1`` JSON document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any, TextIO

from sqlalchemy import Engine, select

from touchline.model import Event, check_to_data, detail_to_fields
from touchline.store import Store, schema

FORMAT = "touchline.export/1"


def check_fields(ev: Event) -> dict[str, Any]:
    """What the results reference says about a match or fixture, as export fields: ``check``
    (confirmed / contradicted / unknown, null when never checked), ``reference`` (the linked
    result and its source file and line), ``from_reference`` (fields whose value is the
    reference's), ``disagree`` (fields where the text, kept, says otherwise), ``replaced`` (what
    the event held before the reference filled a field) and ``check_note``."""
    return check_fields_of(check_to_data(ev.check))


def check_fields_of(data: dict[str, Any] | None) -> dict[str, Any]:
    """:func:`check_fields` from the check as stored (``model.check_to_data``)."""
    data = data or {}
    ref = data.get("reference")
    if ref is not None:
        ref = {k: v for k, v in ref.items() if k not in ("file", "line")}
        ref["source"] = {"file": data["reference"]["file"], "line": data["reference"]["line"]}
    return {"check": data.get("state"), "reference": ref,
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


def _article_records(store: Store) -> Iterator[dict[str, Any]]:
    engine = getattr(store, "engine", None)
    if isinstance(engine, Engine):  # a SQL store: the articles' facts without their texts
        a = schema.articles
        query = (select(a.c.id, a.c.source, a.c.url, a.c.published, a.c.title, a.c.story, a.c.duplicate_of)
                 .order_by(a.c.published, a.c.id))
        with engine.connect() as conn:
            for r in conn.execution_options(yield_per=2000).execute(query):
                yield {"id": r.id, "source": r.source, "url": r.url,
                       "published": r.published.isoformat() if r.published else None,
                       "title": r.title, "story": r.story, "duplicate_of": r.duplicate_of}
        return
    for art in store.articles():
        yield {"id": art.id, "source": art.source, "url": art.url,
               "published": art.published.isoformat() if art.published else None,
               "title": art.title, "story": art.story, "duplicate_of": art.duplicate_of}


def export_sections(store: Store) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """The export's lists, each streamed from the store."""
    yield "articles", _article_records(store)
    yield "entities", ({"id": e.id, "kind": e.kind, "name": e.name, "aliases": list(e.aliases)}
                       for e in store.entities())
    yield "events", (event_record(ev) for ev in store.events())
    yield "quotes", ({"id": q.id, "speaker": q.speaker, "text": q.text, "kind": q.kind,
                      "article": q.article, "start": q.start, "end": q.end, "joined": q.joined,
                      "segments": [list(s) for s in q.segments] or [[q.start, q.end]],
                      "speaker_name": q.speaker_name} for q in store.quotes())
    yield "timexes", ({"article": x.article, "text": x.text, "start": x.start, "end": x.end,
                       "type": x.type, "value": x.value} for x in store.timexes())


def build_export(store: Store) -> dict[str, Any]:
    """The whole knowledge base as one document in memory (``write_export`` streams it)."""
    document: dict[str, Any] = {"format": FORMAT}
    for name, records in export_sections(store):
        document[name] = list(records)
    return document


def write_export(store: Store, out: TextIO) -> None:
    """Write the export document to ``out`` record by record: memory stays flat and no query
    holds more than a chunk of ids, whatever the size of the knowledge base."""
    out.write(f'{{\n "format": {json.dumps(FORMAT)}')
    for name, records in export_sections(store):
        out.write(f',\n "{name}": [')
        first = True
        for record in records:
            out.write("\n  " if first else ",\n  ")
            out.write(json.dumps(record, ensure_ascii=False))
            first = False
        out.write("\n ]" if not first else "]")
    out.write("\n}\n")


@lru_cache(maxsize=1)
def export_schema() -> dict[str, Any]:
    """The JSON Schema of the export format, shipped in the package."""
    text = files("touchline.query").joinpath("export.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_export(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if the document breaks the format."""
    import jsonschema  # only here: a process that never validates an export need not load it

    jsonschema.validate(document, export_schema())
