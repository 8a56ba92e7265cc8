"""The Python API: a knowledge base you ingest articles into and ask questions of.

    from touchline import KnowledgeBase
    with KnowledgeBase("kb.db") as kb:
        report = kb.ingest(["news/"])
        document = kb.export()

The CLI is a thin layer over this class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from touchline.model import Entity, Event, Note, Skip
from touchline.query import listing
from touchline.query.asof import Fact, facts_as_of
from touchline.query.export import build_export, event_record, write_export
from touchline.query.lookup import resolve_entity
from touchline.query.matches import Matches, matches
from touchline.query.quotes import QuoteHit, search_quotes
from touchline.query.search import SearchResults, search
from touchline.query.timeline import Timeline, timeline
from touchline.settings import Settings
from touchline.store import Store, StoreStats, open_store

if TYPE_CHECKING:
    from spacy.language import Language

    from touchline.runner import IngestReport


class KnowledgeBase:
    """A touchline knowledge base on SQLite (a path) or PostgreSQL (``postgresql://``)."""

    def __init__(self, db: str | Path | None = None, *, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.url = str(db) if db is not None else self.settings.db
        self.store: Store = open_store(self.url)
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from touchline.nlp.pipeline import shared_pipeline

            model = self.settings.spacy_model
            self._nlp = shared_pipeline(None if model.lower() in ("", "none") else model)
        return self._nlp

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: date | None = None,
        source: str | None = None,
        on_skip: Callable[[Skip], None] | None = None,
        on_batch: Callable[[int], None] | None = None,
        on_note: Callable[[Note], None] | None = None,
    ) -> IngestReport:
        """Read articles from files, directories or ``-`` (stdin) into the knowledge base.

        Bad input never raises: each article that cannot be read, analysed or
        stored becomes one Skip in the report (and a call of ``on_skip``).  Only
        :class:`~touchline.store.StoreError` (the database itself failed) does.
        """
        # The text pipeline (spaCy, the MinHash index) is imported here, not with the module:
        # a process that only asks questions stays small (some 1,400 modules and 90,000
        # objects fewer), starts in a fraction of the time, and the garbage collector's full
        # passes over every object of the process stay short.
        from touchline.ingest import IngestOptions
        from touchline.ingest.ids import check_published
        from touchline.runner import run_ingest

        opts = IngestOptions(published=check_published(published), source=source,
                             max_file_bytes=self.settings.max_file_bytes,
                             max_article_chars=self.settings.max_article_chars, debug=self.settings.debug)
        return run_ingest(paths, self.store, lambda: self.nlp, self.settings, opts,
                          on_skip=on_skip, on_batch=on_batch, on_note=on_note)

    def export(self) -> dict[str, Any]:
        """The whole knowledge base as a ``touchline.export/1`` document (in memory; see
        :meth:`export_json` and :meth:`write_export` to stream it)."""
        return build_export(self.store)

    def write_export(self, out: TextIO) -> None:
        """Write the export document to a text stream, record by record."""
        write_export(self.store, out)

    def export_json(self, path: str | Path) -> None:
        with Path(path).open("w", encoding="utf-8") as out:
            write_export(self.store, out)

    def entity(self, name: str) -> Entity:
        """The one entity a name, alias, id or unambiguous surname picks out.

        Raises :class:`touchline.UnknownName` (nothing answers to it) or
        :class:`touchline.AmbiguousName` (several do: ``.candidates`` lists
        them), as :meth:`timeline`, :meth:`facts` and :meth:`quotes` do."""
        return resolve_entity(self.store, name)

    def timeline(self, entity: str, kinds: list[str] | None = None, *, since: date | None = None,
                 until: date | None = None, limit: int | None = None) -> Timeline:
        """Every event the named entity takes part in, oldest first (``since``/``until``: world
        time, inclusive; ``limit``: the first events only).  ``.as_dict()`` gives it with names
        and sources."""
        return timeline(self.store, entity, kinds, since, until, limit)

    def matches(self, team: str | None = None, vs: str | None = None, *, since: date | None = None,
                until: date | None = None, limit: int | None = None) -> Matches:
        """Matches of a team (against another), oldest first, with the results reference's check."""
        return matches(self.store, team, vs, since, until, limit)

    def facts(self, entity: str, as_of: date, known_at: date | None = None) -> list[Fact]:
        """What held for the named entity on ``as_of`` (world time: a club's head coach, a
        player's club, injury, a club's place in a table), one fact per relation, as told by
        the articles published up to ``known_at`` (report time; None: every article)."""
        return facts_as_of(self.store, entity, as_of, known_at)[1]

    def quotes(self, speaker: str | None = None, about: str | None = None,
               contains: str | None = None, *, since: date | None = None, until: date | None = None,
               limit: int | None = None) -> list[QuoteHit]:
        """Quotes by a speaker, mentioning an entity, or containing words (published in a range)."""
        return search_quotes(self.store, speaker=speaker, about=about, contains=contains,
                             since=since, until=until, limit=limit)

    def search(self, text: str, *, since: date | None = None, until: date | None = None,
               limit: int = 20, kind: str | None = None) -> SearchResults:
        """Full-text search over articles and quotes, best first, with highlighted snippets."""
        return search(self.store, text, since, until, limit, kind)

    def entities(self, search: str | None = None, *, kind: str | None = None,
                 limit: int | None = None) -> list[listing.EntityRow]:
        """Entities whose names hold words starting with the words of ``search``, by name."""
        return listing.entities(self.store, search, kind, limit)

    def articles(self, *, since: date | None = None, until: date | None = None,
                 limit: int | None = None) -> Iterator[listing.ArticleRow]:
        """Articles published in a range, oldest first, streamed."""
        return listing.articles(self.store, since, until, limit)

    def stories(self, *, since: date | None = None, until: date | None = None,
                limit: int | None = None) -> Iterator[listing.StoryRow]:
        """Stories and their articles, streamed."""
        return listing.stories(self.store, since, until, limit)

    def event_record(self, event: Event) -> dict[str, Any]:
        """An event as plain JSON-ready data, as in the export."""
        return event_record(event)

    def stats(self) -> StoreStats:
        return self.store.stats()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
