"""Facts "as of" a day, answered from the states the store derived when articles were written.

World time: ``as_of`` picks the states valid on that day (``valid_from`` on or
before it, ``valid_to`` after it or open).  Report time: ``known_at`` answers
with what the articles published up to that day said (the versions of states
known then); without it, the latest account.  One fact per relation (a
position: per competition); when several states of one relation hold, the best
supported wins: more source articles, then higher confidence, then the later
start, then the id, never the order they were stored in.

Relations: ``head_coach`` (a club's or national team's coach), ``head_coach_of``
(the team a coach leads), ``plays_for`` (a player's club), ``injured`` (a
player's injury) and ``position`` (a club's place in a competition).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, bindparam, select

from touchline.model import Article, Entity, SourceSpan, State
from touchline.query.lookup import resolve_entity
from touchline.store import StateQuery, Store
from touchline.store import schema as t
from touchline.store.indexing import chunks

# The relations an entity answers as the object of a state, by the name they take then.
INVERSE = {"head_coach": "head_coach_of"}
ENTITY_VALUED = ("head_coach", "head_coach_of", "plays_for")


@dataclass(frozen=True, slots=True)
class FactSource:
    """An article a fact was read in: where, when it was published (report time), which span."""

    article: str
    source: str | None  # the file path or feed the article was read from
    url: str | None
    published: date | None
    start: int
    end: int
    text: str  # the article's text at [start, end)


@dataclass(frozen=True, slots=True)
class Fact:
    relation: str
    value: str  # the other entity's name (an injury or a place in a table: as told)
    value_id: str | None  # the other entity's id, when the value is an entity
    valid_from: str | None  # world time: since
    valid_to: str | None  # world time: until (None: still holds)
    confidence: float
    sources: tuple[SourceSpan, ...]
    support: int = 0  # distinct source articles
    competition: str | None = None  # a position's competition (its name)
    known_from: date | None = None  # report time: first told so by an article published then
    known_to: date | None = None  # report time: changed by an article published then
    cited: tuple[FactSource, ...] = ()
    until_expected: bool = False  # valid_to is expected (an expected return), not told

    @property
    def since(self) -> str | None:
        return self.valid_from

    @property
    def until(self) -> str | None:
        return self.valid_to


def _rank(s: State) -> tuple[int, float, str, str]:
    """Higher is better supported: more source articles, higher confidence, a later start."""
    return (s.support, s.confidence, s.valid_from or "", s.id)


def _as_known(s: State, known_at: date | None, published: dict[str, date | None]) -> State:
    """A state as the articles published up to ``known_at`` tell it: later sources left out."""
    if known_at is None:
        return s
    kept = tuple(x for x in s.sources if (p := published.get(x.article)) is None or p <= known_at)
    return replace(s, sources=kept, support=len({x.article for x in kept}) or s.support)


@dataclass(frozen=True, slots=True)
class _Cited:
    """What a fact shows of an article it cites."""

    source: str | None
    url: str | None
    published: date | None
    text: str


# Only the columns a citation shows: a whole article row also holds its signature, hash and
# labels (a club's facts cite some 750 articles: 23 -> 15 ms on PostgreSQL at 100k articles).
_a = t.articles
_CITED = (select(_a.c.id, _a.c.source, _a.c.url, _a.c.published, _a.c.text)
          .where(_a.c.id.in_(bindparam("ids", expanding=True))))


def _articles(store: Store, ids: set[str]) -> dict[str, _Cited]:
    engine = getattr(store, "engine", None)
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return {r[0]: _Cited(r[1], r[2], r[3], r[4]) for part in chunks(sorted(ids))
                    for r in conn.execute(_CITED, {"ids": list(part)})}
    reader = getattr(store, "articles_by_id", None)
    found: dict[str, Article] = reader(sorted(ids)) if reader is not None else {
        a.id: a for a in store.articles() if a.id in ids}
    return {i: _Cited(a.source, a.url, a.published, a.text) for i, a in found.items()}


def facts_as_of(store: Store, name: str, on: date, known_at: date | None = None) -> tuple[Entity, list[Fact]]:
    """The entity ``name`` picks out and its facts on ``on`` (world time), as told by the
    articles published up to ``known_at`` (report time; None: all of them).
    ``UnknownName``/``AmbiguousName`` when the name picks out none or several entities."""
    entity = resolve_entity(store, name)
    # The states the entity answers (a club is also the object of every plays_for of its
    # players: those are its players' facts, not its own, and their articles are not read).
    states = [s for s in store.states(StateQuery(entity=entity.id, as_of=on, known_at=known_at))
              if s.subject == entity.id or s.relation in INVERSE]
    # Report time needs every source's date; otherwise only the facts shown read their articles.
    articles = _articles(store, {x.article for s in states for x in s.sources}) if known_at else {}
    published = {aid: a.published for aid, a in articles.items()}
    best: dict[tuple[str, str | None], tuple[str, State]] = {}
    for s in states:
        s = _as_known(s, known_at, published)
        if s.subject == entity.id:
            relation, other = s.relation, s.object
        else:
            relation, other = INVERSE[s.relation], s.subject
        key = (relation, s.qualifier)
        if key not in best or _rank(s) > _rank(best[key][1]):
            best[key] = (other or "", s)
    if not known_at:
        articles = _articles(store, {x.article for _, s in best.values() for x in s.sources})
    ids = {other for other, _ in best.values()} | {s.qualifier for _, s in best.values() if s.qualifier}
    names = {e.id: e.name for e in store.entities(sorted(ids))}
    facts = []
    for (relation, qualifier), (other, s) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        cited = tuple(FactSource(x.article, articles[x.article].source, articles[x.article].url,
                                 articles[x.article].published, x.start, x.end,
                                 articles[x.article].text[x.start:x.end])
                      for x in sorted((x for x in s.sources if x.article in articles),
                                      key=lambda x: (articles[x.article].published or date.min, x.article,
                                                     x.start)))
        entity_valued = relation in ENTITY_VALUED
        facts.append(Fact(relation=relation, value=names.get(other, other) if entity_valued else other,
                          value_id=other if entity_valued else None, valid_from=s.valid_from,
                          valid_to=s.valid_to, confidence=s.confidence, sources=s.sources, support=s.support,
                          competition=names.get(qualifier, qualifier) if qualifier else None,
                          known_from=s.known_from, known_to=s.known_to, cited=cited,
                          until_expected=s.until_expected))
    return entity, facts


def fact_record(f: Fact) -> dict[str, Any]:
    """A fact as plain JSON-ready data: since/until (world time), known_from/known_to (report
    time) and its sources with article, source path or URL, date and span."""
    return {"relation": f.relation, "value": f.value, "value_id": f.value_id, "since": f.valid_from,
            "until": f.valid_to, "until_expected": f.until_expected, "valid_from": f.valid_from,
            "valid_to": f.valid_to,
            "competition": f.competition, "confidence": f.confidence, "support": f.support,
            "known_from": f.known_from.isoformat() if f.known_from else None,
            "known_to": f.known_to.isoformat() if f.known_to else None,
            "sources": [{"article": s.article, "source": s.source, "url": s.url,
                         "published": s.published.isoformat() if s.published else None,
                         "start": s.start, "end": s.end, "text": s.text} for s in f.cited]}
