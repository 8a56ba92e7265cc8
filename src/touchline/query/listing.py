"""Lists: articles by published date, entities by name or kind, stories with their articles."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select

from touchline.model import Entity
from touchline.query.common import ArticleRef, engine_of, published_range
from touchline.query.lookup import SearchTermError
from touchline.store import Store, identity
from touchline.store import schema as t
from touchline.store.indexing import chunks, fold_words


@dataclass(frozen=True, slots=True)
class ArticleRow:
    ref: ArticleRef
    story: str | None
    duplicate_of: str | None

    def as_dict(self) -> dict[str, Any]:
        d = self.ref.as_dict()
        return {"id": d.pop("article"), **d, "story": self.story, "duplicate_of": self.duplicate_of}


def articles(store: Store, since: date | None = None, until: date | None = None,
             limit: int | None = None) -> Iterator[ArticleRow]:
    """Articles published between ``since`` and ``until`` (inclusive), oldest first, streamed."""
    a = t.articles
    query = (select(a.c.id, a.c.source, a.c.url, a.c.title, a.c.published, a.c.story, a.c.duplicate_of)
             .where(*published_range(a.c.published, since, until))
             .order_by(a.c.published.is_(None), a.c.published, a.c.id))
    if limit:
        query = query.limit(limit)
    with engine_of(store).connect() as conn:
        for r in conn.execution_options(yield_per=1000).execute(query):
            yield ArticleRow(ArticleRef(r.id, r.source, r.url, r.title, r.published), r.story, r.duplicate_of)


@dataclass(frozen=True, slots=True)
class EntityRow:
    entity: Entity
    articles: int  # articles with a mention of it

    def as_dict(self) -> dict[str, Any]:
        e = self.entity
        return {"id": e.id, "name": e.name, "kind": e.kind, "aliases": list(e.aliases),
                "articles": self.articles}


def _word_range(word: str) -> Any:
    """Entity ids with a name word starting with ``word`` (an index range, in every collation)."""
    w = t.entity_words
    return select(w.c.entity_id).where(w.c.word >= word, w.c.word < word + "\U0010ffff")


def entities(store: Store, search: str | None = None, kind: str | None = None,
             limit: int | None = None) -> list[EntityRow]:
    """Entities whose names (or aliases) hold words starting with each word of ``search``
    ("quill", "marta q"), of ``kind`` when given; by name.  Each with the number of articles
    mentioning it."""
    e = t.entities
    query = select(e.c.id).order_by(e.c.name, e.c.id)
    if search is not None:
        words = fold_words(search).split()
        if not words:
            raise SearchTermError(f"search {search!r} has no letters or digits to search for")
        for word in words:
            query = query.where(e.c.id.in_(_word_range(word[:100])))
    if kind is not None:
        query = query.where(e.c.kind == kind)
    if limit:
        query = query.limit(limit)
    with engine_of(store).connect() as conn:
        ids = [r[0] for r in conn.execute(query)]
        found: dict[str, Entity] = {}
        counts: dict[str, int] = {}
        m = t.mentions
        for part in chunks(ids):
            found.update(identity.read_entities(conn, part))
            counts.update({r[0]: r[1] for r in conn.execute(
                select(m.c.entity, func.count(func.distinct(m.c.article)))
                .where(m.c.entity.in_(part)).group_by(m.c.entity))})
    return [EntityRow(found[i], counts.get(i, 0)) for i in ids if i in found]


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    label: str | None
    articles: list[ArticleRef] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        days = sorted(a.published for a in self.articles if a.published)
        return {"id": self.id, "label": self.label or (self.articles[0].title if self.articles else None),
                "first": days[0].isoformat() if days else None,
                "last": days[-1].isoformat() if days else None,
                "articles": [a.as_dict() for a in self.articles]}


def stories(store: Store, since: date | None = None, until: date | None = None,
            limit: int | None = None) -> Iterator[StoryRow]:
    """Stories with their articles (oldest first), streamed in story order; ``since``/``until``
    keep the stories with an article published in the range."""
    s, a = t.stories, t.articles
    story_ids: Any = select(s.c.id)
    if since is not None or until is not None:
        story_ids = select(a.c.story).where(a.c.story.is_not(None),
                                            *published_range(a.c.published, since, until)).distinct()
    story_ids = story_ids.order_by(story_ids.selected_columns[0])
    if limit:
        story_ids = story_ids.limit(limit)
    with engine_of(store).connect() as conn:
        chosen = [r[0] for r in conn.execute(story_ids)]
        for part in chunks(chosen, 200):
            labels = {r.id: r.label for r in conn.execute(select(s.c.id, s.c.label).where(s.c.id.in_(part)))}
            members: dict[str, list[ArticleRef]] = {}
            for r in conn.execute(select(a.c.id, a.c.source, a.c.url, a.c.title, a.c.published, a.c.story)
                                  .where(and_(a.c.story.in_(part)))
                                  .order_by(a.c.story, a.c.published.is_(None), a.c.published, a.c.id)):
                ref = ArticleRef(r.id, r.source, r.url, r.title, r.published)
                members.setdefault(r.story, []).append(ref)
            for sid in part:
                yield StoryRow(sid, labels.get(sid), members.get(sid, []))
