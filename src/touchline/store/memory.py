"""A dict-backed store for tests that are not about storage (like httpx's MockTransport)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from touchline.model import Article, Entity, Event, Mention, Quote, Story, TimeExpression
from touchline.resolve.entity_records import entity_keys, merge_entity
from touchline.resolve.merge import merge_events
from touchline.store.base import StoreStats, WriteBatch


class MemoryStore:
    def __init__(self, url: str = "memory:") -> None:
        self.url = url
        self._articles: dict[str, Article] = {}
        self._signatures: dict[str, bytes] = {}
        self._entities: dict[str, Entity] = {}
        self._events: dict[str, Event] = {}
        self._quotes: dict[str, Quote] = {}
        self._timexes: list[TimeExpression] = []
        self._mentions: list[Mention] = []
        self._stories: dict[str, Story] = {}
        self._keys: dict[str, set[str]] = {}

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self._articles}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for aid, sig in self._signatures.items():
            if self._articles[aid].duplicate_of is None:
                yield aid, sig

    def write(self, batch: WriteBatch) -> None:
        for a in batch.analyses:
            if a.article.id in self._articles:
                continue
            art = a.article
            if art.duplicate_of and art.story is None and art.duplicate_of in self._articles:
                art = replace(art, story=self._articles[art.duplicate_of].story)
            self._articles[art.id] = art
            if art.story:
                self._stories.setdefault(art.story, Story(art.story))
            if a.article.id in batch.signatures:
                self._signatures[a.article.id] = batch.signatures[a.article.id]
            for e in a.entities:
                old = self._entities.get(e.id)
                self._entities[e.id] = merge_entity(old, e) if old is not None else e
                for key in entity_keys(self._entities[e.id]):
                    self._keys.setdefault(key, set()).add(e.id)
            for ev in a.events:
                self._events[ev.id] = merge_events(self._events[ev.id], ev) if ev.id in self._events else ev
            self._quotes.update({q.id: q for q in a.quotes})
            self._timexes.extend(a.timexes)
            self._mentions.extend(a.mentions)

    def entities_by_keys(self, keys: Iterable[str]) -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = {}
        for key in keys:
            ids = sorted(self._keys.get(key, ()))
            if ids:
                out[key] = [self._entities[i] for i in ids]
        return out

    def articles_mentioning(self, entity_id: str) -> set[str]:
        return {m.article for m in self._mentions if m.entity == entity_id}

    def mentions(self, article: str) -> Iterator[Mention]:
        yield from sorted((m for m in self._mentions if m.article == article), key=lambda m: (m.start, m.end))

    def articles(self) -> Iterator[Article]:
        yield from sorted(self._articles.values(), key=lambda a: (a.published is None, a.published, a.id))

    def entities(self, ids: Sequence[str] | None = None) -> Iterator[Entity]:
        for eid in sorted(self._entities):
            if ids is None or eid in ids:
                yield self._entities[eid]

    def events(self, kinds: Sequence[str] | None = None) -> Iterator[Event]:
        for ev in sorted(self._events.values(), key=lambda e: (e.date or "", e.kind, e.id)):
            if not kinds or ev.kind in kinds:
                yield ev

    def quotes(self) -> Iterator[Quote]:
        yield from sorted(self._quotes.values(), key=lambda q: (q.article, q.start))

    def timexes(self) -> Iterator[TimeExpression]:
        yield from sorted(self._timexes, key=lambda x: (x.article, x.start))

    def stories(self) -> Iterator[Story]:
        for sid in sorted(self._stories):
            members = tuple(sorted(a.id for a in self._articles.values() if a.story == sid))
            yield Story(sid, members)

    def stats(self) -> StoreStats:
        return StoreStats(
            articles=len(self._articles),
            duplicates=sum(a.duplicate_of is not None for a in self._articles.values()),
            entities=len(self._entities),
            events_by_kind=dict(sorted(Counter(e.kind for e in self._events.values()).items())),
            quotes=len(self._quotes),
            timexes=len(self._timexes),
            checks=dict(sorted(Counter(e.check.state for e in self._events.values() if e.check).items())),
        )

    def close(self) -> None:
        pass
