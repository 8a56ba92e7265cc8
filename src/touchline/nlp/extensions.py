"""The Doc extensions through which touchline's spaCy components talk.

Every value is plain msgpack-able data (dicts of character offsets and ids,
never Span objects) so Docs survive ``Doc.to_bytes()`` between processes.

- ``doc._.dct``: the article's published date, ISO "YYYY-MM-DD" or None.
  Set by the caller before the pipeline runs (report time).
- ``doc._.article_id``: the article id, or None.
- ``doc._.tl_mentions``: [{start, end, text, kind, entity, confidence, method}]
  written by ``tl_entities`` (entity = entity id or None when unresolved).
- ``doc._.tl_entities``: [{id, kind, name, aliases, attrs}] for every entity
  the mentions point at (gazetteer entries and people found by NER/context).
- ``doc._.tl_timexes``: [{start, end, text, type, value, reason, anchor}]
  written by ``tl_time``.
- ``doc._.tl_events``: [{kind, date, confidence, sources: [[start, end]],
  fields: {...}}] written by ``tl_events``; entity fields hold entity ids.
- ``doc._.tl_quotes``: [{start, end, text, kind, speaker, speaker_start,
  speaker_end, verb, confidence}] written by ``tl_quotes``, plus segments
  [[start, end]] (one per paragraph of a quote), speaker_name,
  speaker_ref_start, speaker_ref_end (see touchline.nlp.quotes.component).

Span groups: ``doc.spans["tl_ents"]`` (gazetteer and context matches, label =
entity kind, ``span.id_`` = entity id), ``doc.spans["tl_ents_context"]``
(names shared by several entities, such as "City"; label "context", no id;
resolved by ``tl_entities``) and ``doc.spans["tl_time"]``.

Mention lookup for later components: ``touchline.nlp.entities.mention_at(doc,
start, end)`` and ``entity_at``.  ``tl_entities`` adds ``attrs["stated"]`` to an
entity for facts the article states (club, position, age, nationality).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

EXTENSIONS: dict[str, object] = {
    "dct": None,
    "article_id": None,
    "tl_mentions": None,
    "tl_entities": None,
    "tl_timexes": None,
    "tl_events": None,
    "tl_quotes": None,
}


def register_extensions() -> None:
    """Register the Doc extensions once; safe to call any number of times."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def report_date(doc: Doc) -> date | None:
    """``doc._.dct`` as a date (report time): ISO "YYYY-MM-DD" (longer ISO strings are
    cut), a date, or None when unknown or unreadable."""
    value = doc._.dct
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


register_extensions()


_TEXT_KEY = "tl_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token again on each access, and the event
    and time readers ask for it per sentence and per expression."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, tuple) or cached[0] != len(doc):
        cached = doc.user_data[_TEXT_KEY] = (len(doc), doc.text)
    return str(cached[1])
