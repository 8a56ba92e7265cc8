"""Search quotes by speaker, by the entities they mention, or by words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from touchline.model import Quote
from touchline.query.lookup import find_entities, fold, search_term
from touchline.store import Store


@dataclass(frozen=True, slots=True)
class QuoteHit:
    quote: Quote
    speaker_name: str | None
    published: date | None
    source: str | None


def search_quotes(store: Store, speaker: str | None = None, about: str | None = None,
                  contains: str | None = None) -> list[QuoteHit]:
    wanted = search_term(contains, "search term") if contains is not None else None
    speaker_ids = {e.id for e in find_entities(store, speaker)} if speaker is not None else None
    about_names = None
    if about is not None:
        found = find_entities(store, about)
        about_names = {fold(n) for e in found for n in (e.name, *e.aliases)} or {fold(about)}
    names = {e.id: e.name for e in store.entities()}
    articles = {a.id: a for a in store.articles()}
    hits = []
    for q in store.quotes():
        if speaker_ids is not None and q.speaker not in speaker_ids:
            continue
        if wanted is not None and wanted not in fold(q.text):
            continue
        if about_names is not None and not any(f" {n} " in f" {fold(q.text)} " for n in about_names):
            continue
        art = articles.get(q.article)
        hits.append(QuoteHit(q, names.get(q.speaker) if q.speaker else None,
                             art.published if art else None, art.source if art else None))
    hits.sort(key=lambda h: (h.published is None, h.published or date.min, h.quote.article, h.quote.start))
    return hits
