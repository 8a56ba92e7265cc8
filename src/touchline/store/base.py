"""The store protocol: what every backend offers, in touchline's own terms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

from touchline.model import Analysis, Article, Entity, Event, Mention, Quote, State, Story, TimeExpression


class StoreError(Exception):
    """A storage failure, translated once at the backend's boundary.

    The database as a whole cannot be used (unreachable, locked, full, not a
    touchline database): nothing more can be written in this run."""


class StoreRejected(StoreError):
    """The database refused what one write held (a value it cannot store, a
    broken reference); other writes can go on.  A runner retries a refused batch
    one article at a time to find the article that caused it."""


@dataclass(slots=True)
class WriteBatch:
    """What one transaction writes: analysed articles, their syndicated copies
    (articles with ``duplicate_of`` set and nothing analysed) and signatures."""

    analyses: list[Analysis] = field(default_factory=list)
    signatures: dict[str, bytes] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.analyses)


@dataclass(frozen=True, slots=True)
class StoreStats:
    articles: int
    duplicates: int
    entities: int
    events_by_kind: dict[str, int]
    quotes: int
    timexes: int
    # matches and fixtures by results-reference check: confirmed / contradicted / unknown
    checks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StateQuery:
    """Which derived states to read (:class:`touchline.model.State`).

    ``entity``: states whose subject or object it is.  ``as_of`` (world time): only states
    valid on that day (a known start on or before it, no end on or before it).  ``known_at``
    (report time): the versions the articles published up to that day made; None: the latest
    account.  Superseded versions (knowledge time) only with ``include_superseded``.
    """

    entity: str | None = None
    relations: tuple[str, ...] | None = None
    as_of: date | None = None
    known_at: date | None = None
    include_superseded: bool = False


@runtime_checkable
class Store(Protocol):
    url: str

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` that are already stored."""
        ...

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """MinHash signatures of stored original (non-duplicate) articles.

        A backend may also offer ``near_duplicates(band_keys) -> [(id, signature)]``
        (``touchline.ingest.dedup.band_keys``; the SQL store does): ingest then asks it for
        the candidates of each new text instead of loading every signature."""
        ...

    def write(self, batch: WriteBatch) -> None:
        """Write everything in one transaction: all of it lands, or none."""
        ...

    def articles_mentioning(self, entity_id: str) -> set[str]:
        """Ids of the articles with a mention resolved to the entity."""
        ...

    def entities_by_keys(self, keys: Iterable[str]) -> dict[str, list[Entity]]:
        """For each key (``touchline.resolve.identity.entity_keys``), the entities holding it."""
        ...

    def mentions(self, article: str) -> Iterator[Mention]:
        """The entity mentions read in one article, in text order."""
        ...

    def articles(self) -> Iterator[Article]: ...
    def entities(self, ids: Sequence[str] | None = None) -> Iterator[Entity]: ...
    def events(self, kinds: Sequence[str] | None = None) -> Iterator[Event]: ...
    def quotes(self) -> Iterator[Quote]: ...
    def timexes(self) -> Iterator[TimeExpression]: ...
    def stories(self) -> Iterator[Story]: ...
    def states(self, query: StateQuery) -> Iterator[State]:
        """Derived states over time (head coach, club, injury, position), as the query says."""
        ...

    def stats(self) -> StoreStats: ...
    def close(self) -> None: ...
