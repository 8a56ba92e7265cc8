"""A dict-backed store for tests that are not about storage (like httpx's MockTransport)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from touchline.model import Article, Claim, Entity, Event, Mention, Quote, State, Story, TimeExpression
from touchline.resolve.across import resolve_group
from touchline.resolve.entity_records import entity_keys, merge_entity
from touchline.resolve.readings import Reading, pair_group
from touchline.resolve.states import leaves_from, states_of
from touchline.resolve.stories import STORY_DAYS, like_story, story_for, words
from touchline.store.base import StateQuery, StoreStats, WriteBatch
from touchline.store.derived import accounts, chains, claim_id
from touchline.store.states import LEAVING_RELATIONS


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
        self._readings: dict[str, Reading] = {}
        self._reading_event: dict[str, str] = {}
        self._event_group: dict[str, str] = {}
        self._claims: dict[str, Claim] = {}
        self._states: dict[str, State] = {}

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self._articles}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for aid, sig in self._signatures.items():
            if self._articles[aid].duplicate_of is None:
                yield aid, sig

    def write(self, batch: WriteBatch) -> None:
        fresh = [a for a in batch.analyses if a.article.id not in self._articles]
        for a in fresh:
            art = a.article
            self._articles[art.id] = art
            if a.article.id in batch.signatures:
                self._signatures[a.article.id] = batch.signatures[a.article.id]
            for e in a.entities:
                old = self._entities.get(e.id)
                self._entities[e.id] = merge_entity(old, e) if old is not None else e
                for key in entity_keys(self._entities[e.id]):
                    self._keys.setdefault(key, set()).add(e.id)
            self._quotes.update({q.id: q for q in a.quotes})
            self._timexes.extend(a.timexes)
            self._mentions.extend(a.mentions)
        readings, claims = accounts(fresh, self._stored)
        for r in readings:
            self._readings.setdefault(r.id, r)
        for c, _ in claims:
            self._claims.setdefault(claim_id(c), c)
        touched = {a.article.id for a in fresh}
        for kind, group in sorted({(r.event.kind, r.group) for r in readings}):
            touched |= self._regroup(kind, group)
        now = datetime.now(UTC)
        keys = chains([c for c, _ in claims], self._holders_elsewhere)
        for (relation, subject), since in sorted(keys.items(), key=lambda kv: kv[0]):
            self._refresh(relation, subject, since, now)
        self._restory(touched)

    def _stored(self, article: str) -> tuple[list[Reading], list[Claim], str]:
        if article not in self._articles:
            return [], [], ""
        return ([r for r in self._readings.values() if r.article == article],
                [c for c in self._claims.values() if c.article == article], self._articles[article].text)

    def _regroup(self, kind: str, group: str) -> set[str]:
        members = [r for r in self._readings.values() if r.group == group and r.event.kind == kind]
        for eid in [e for e, g in self._event_group.items() if g == group]:
            del self._events[eid], self._event_group[eid]
        for event, readings in resolve_group(group, members):
            self._events[event.id] = event
            self._event_group[event.id] = group
            self._reading_event.update((r.id, event.id) for r in readings)
        groups = {group}
        if kind == "match" and members:
            d = members[0].event.detail
            home, away = getattr(d, "home", None), getattr(d, "away", None)
            if home and away:
                groups.add(pair_group("fixture", home, away))
        return {r.article for r in self._readings.values() if r.group in groups and r.main}

    def _holders_elsewhere(self, relation: str, holders: Iterable[str]) -> list[tuple[str, str]]:
        wanted = set(holders)
        return sorted({(relation, c.subject) for c in self._claims.values()
                       if c.relation == relation and c.object in wanted})

    def _refresh(self, relation: str, subject: str, since: date | None, now: datetime) -> None:
        own = [c for c in self._claims.values() if c.relation == relation and c.subject == subject]
        holders = {c.object for c in own}
        elsewhere = [c for c in self._claims.values() if relation in LEAVING_RELATIONS
                     and c.relation == relation and c.object in holders]
        stored = {s.id: s for s in self._states.values() if s.relation == relation and s.subject == subject
                  and s.superseded_at is None
                  and (since is None or s.known_to is None or s.known_to >= since)}
        fresh = {s.id: s for s in states_of(relation, subject, own + leaves_from(subject, elsewhere), since,
                                            stored.values())}
        for sid in stored.keys() - fresh.keys():
            self._states[sid] = replace(stored[sid], superseded_at=now)
        for sid, s in fresh.items():
            old = self._states.get(sid)
            self._states[sid] = replace(s, recorded_at=old.recorded_at if old else now)

    def _restory(self, articles: set[str]) -> None:
        originals = {self._articles[a].duplicate_of or a for a in articles}
        anchored: dict[str, str] = {}
        loose: set[str] = set()
        mains = {r.article: r for r in self._readings.values() if r.main and r.copied_from is None}
        for aid in sorted(originals):
            main = mains.get(aid)
            event = self._events.get(self._reading_event.get(main.id, "")) if main else None
            if event is None:
                loose.add(aid)
                continue
            games: list[Event] = []
            if event.kind == "fixture":
                home, away = getattr(event.detail, "home", None), getattr(event.detail, "away", None)
                if home and away:
                    group = pair_group("match", home, away)
                    games = [self._events[e] for e, g in self._event_group.items() if g == group]
            anchored[aid] = story_for(aid, event, games)
        self._set_stories(anchored)
        days = {self._articles[a].published for a in anchored} - {None}
        loose |= {a.id for a in self._articles.values() if a.id not in mains and a.duplicate_of is None
                  and a.published is not None
                  and any(abs((a.published - d).days) <= STORY_DAYS for d in days)}  # type: ignore[operator]
        named: dict[str, set[str]] = {}
        for m in self._mentions:
            if m.entity is not None:
                named.setdefault(m.article, set()).add(m.entity)
        like = {}
        for aid in sorted(loose):
            art = self._articles[aid]
            candidates = [(a.published, a.story or "", named.get(a.id, set()), words(a.text))
                          for a in self._articles.values()
                          if a.id in mains and a.id != aid and a.duplicate_of is None and a.story]
            found = like_story(art.published, named.get(aid, set()), words(art.text), candidates)
            like[aid] = found or f"story:{aid}"
        self._set_stories(like)
        used = {a.story for a in self._articles.values() if a.story}
        self._stories = {s: Story(s) for s in sorted(used)}

    def _set_stories(self, stories: dict[str, str]) -> None:
        for art in list(self._articles.values()):
            story = stories.get(art.id) or stories.get(art.duplicate_of or "")
            if story is not None:
                self._articles[art.id] = replace(art, story=story)

    def states(self, query: StateQuery) -> Iterator[State]:
        day = query.as_of.isoformat() if query.as_of else None
        order = sorted(self._states.values(), key=lambda s: (s.relation, s.subject, s.valid_from or "", s.id))
        for s in order:
            if query.entity is not None and query.entity not in (s.subject, s.object):
                continue
            if query.relations and s.relation not in query.relations:
                continue
            if s.superseded_at is not None and not query.include_superseded:
                continue
            if day is not None and (s.valid_from is None or s.valid_from > day
                                    or (s.valid_to is not None and s.valid_to <= day)):
                continue
            if query.known_at is None:
                if s.known_to is not None:
                    continue
            elif (s.known_from is not None and s.known_from > query.known_at) or (
                    s.known_to is not None and s.known_to <= query.known_at):
                continue
            yield s

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

    def articles_by_id(self, ids: Sequence[str]) -> dict[str, Article]:
        return {i: self._articles[i] for i in ids if i in self._articles}

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
