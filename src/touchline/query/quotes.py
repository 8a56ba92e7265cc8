"""Search quotes by speaker, by the entities they mention, or by words: in the database,
through the speaker index and the full-text index (nothing re-read or re-normalised per call)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from touchline.model import Quote
from touchline.nlp.names import parse
from touchline.query.common import ArticleRef, engine_of, load_context, published_range
from touchline.query.lookup import resolve_entity
from touchline.query.search import TextMatch, both, id_range, parse_text
from touchline.resolve.entity_records import is_person
from touchline.store import Store
from touchline.store import schema as t
from touchline.store.indexing import fold_words


@dataclass(frozen=True, slots=True)
class QuoteHit:
    quote: Quote
    speaker_name: str | None  # the speaker entity's name
    published: date | None
    source: str | None
    article: ArticleRef | None = None
    speaker_kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        q = self.quote
        speaker = None if q.speaker is None else {"id": q.speaker, "name": self.speaker_name,
                                                  "kind": self.speaker_kind}
        ref = self.article.as_dict() if self.article else {"article": q.article, "source": self.source}
        return {"id": q.id, "speaker": speaker, "speaker_name": self.speaker_name,
                "speaker_as_written": q.speaker_name, "text": q.text, "joined": q.joined, "kind": q.kind,
                "verb": q.verb, "confidence": q.confidence, **ref,
                "published": self.published.isoformat() if self.published else None,
                "start": q.start, "end": q.end,
                "segments": [list(s) for s in q.segments] or [[q.start, q.end]]}


def _about(store: Store, name: str) -> TextMatch:
    entity = resolve_entity(store, name)
    forms = {entity.name, *entity.aliases}
    if is_person(entity):
        # A quote about a person often names them by surname alone.
        forms |= {parse(f).surname for f in forms if parse(f).full}
    folded = sorted({tuple(fold_words(n).split()) for n in forms if fold_words(n)})
    return TextMatch(tuple(folded), phrase=True)


def search_quotes(store: Store, speaker: str | None = None, about: str | None = None,
                  contains: str | None = None, since: date | None = None, until: date | None = None,
                  limit: int | None = None) -> list[QuoteHit]:
    """Quotes by ``speaker``, mentioning ``about`` (its names, a person's surname too) and
    holding ``contains`` (whole words, the last one or its start), published between ``since``
    and ``until``; oldest first.  ``UnknownName``/``AmbiguousName`` when a name does not pick
    out one entity.

    With words to find, the full-text index drives the query, in published order, and stops
    at ``limit``; otherwise the speaker index, or the articles' published dates."""
    matches = []
    if contains is not None:
        words = parse_text(contains, "search term")
        matches.append(TextMatch(words.alternatives, phrase=True, prefix=True))
    speaker_id = resolve_entity(store, speaker).id if speaker is not None else None
    if about is not None:
        matches.append(_about(store, about))
    q, a, d = t.quotes, t.articles, t.search_docs
    columns = (q, a.c.published, a.c.source, a.c.url, a.c.title)
    with engine_of(store).connect() as conn:
        if matches:
            query = (select(*columns).select_from(d.join(q, q.c.id == d.c.ref).join(a, a.c.id == q.c.article))
                     .where(d.c.kind == "quote", both(conn, matches)).order_by(d.c.id))
            span = id_range(since, until)
            if span:
                query = query.where(d.c.id.between(*span))
        else:
            query = (select(*columns).join(a, a.c.id == q.c.article)
                     .where(*published_range(a.c.published, since, until))
                     .order_by(a.c.published.is_(None), a.c.published, q.c.article, q.c.start_char))
        if speaker_id is not None:
            query = query.where(q.c.speaker == speaker_id)
        if limit:
            query = query.limit(limit)
        rows = list(conn.execute(query).mappings())
        ctx = load_context(conn, {r["speaker"] for r in rows if r["speaker"]}, ())
    hits = []
    for r in rows:
        quote = Quote(id=r["id"], article=r["article"], start=r["start_char"], end=r["end_char"],
                      text=r["text"], kind=r["kind"], speaker=r["speaker"], verb=r["verb"],
                      confidence=r["confidence"], joined=r["joined"],
                      segments=tuple((int(x), int(y)) for x, y in r["segments"] or ()),
                      speaker_name=r["speaker_name"])
        name, kind = ctx.names.get(r["speaker"], (None, None)) if r["speaker"] else (None, None)
        ref = ArticleRef(r["article"], r["source"], r["url"], r["title"], r["published"])
        hits.append(QuoteHit(quote, name, r["published"], r["source"], ref, kind))
    hits.sort(key=lambda h: (h.published is None, h.published or date.min, h.quote.article, h.quote.start))
    return hits
