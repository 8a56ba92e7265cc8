"""Ingest end to end: read → drop known articles → link near-copies → analyse → resolve → store.

Articles stream through in batches; each batch is written in one transaction,
so a killed run leaves whole batches behind, and running it again skips what
landed and completes the rest.

Each article stands alone.  One that cannot be read, analysed or stored
becomes one Skip and the others go on: a batch the database refuses is written
again one article at a time, so exactly the article it refused is skipped.
Only a failure of the database itself (StoreError) ends the run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from datasketch import MinHash
from spacy.language import Language

from touchline.ingest import IngestOptions, NearDuplicateIndex, read_inputs, signature
from touchline.ingest.dedup import band_keys, best_original, to_bytes
from touchline.ingest.problems import DEBUG_HINT, describe
from touchline.model import Analysis, Article, Note, Skip
from touchline.nlp.analyse import AnalysisFailure, analyse_articles
from touchline.resolve import Identity, resolve_analysis
from touchline.settings import Settings
from touchline.store import Store, StoreRejected, WriteBatch

logger = logging.getLogger(__name__)

# Tokens per article (and per nlp.pipe call) for each character the article
# limit allows: prose runs at about 0.2 tokens a character, so only text that is
# mostly numbers and symbols reaches this.  It bounds peak memory (see README).
TOKENS_PER_CHAR_LIMIT = 0.25


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    already_present: int = 0
    duplicates: int = 0
    skipped: list[Skip] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    read: int = 0  # articles read from the inputs, whatever became of them

    @property
    def exit_code(self) -> int:
        """0 when at least one article is in the knowledge base from these inputs
        (added, linked as a near-copy or already present), else 1."""
        return 0 if self.added + self.duplicates + self.already_present > 0 else 1

    def summary(self) -> str:
        return (f"{self.added} added, {self.duplicates} near-duplicates linked, "
                f"{self.already_present} already present, {len(self.skipped)} skipped")


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _skip_for(article: Article, reason: str) -> Skip:
    path, line = article.origin or (article.source or article.id, None)
    return Skip(path, reason, line)


def run_ingest(
    paths: Iterable[str | Path],
    store: Store,
    nlp: Callable[[], Language],
    settings: Settings,
    opts: IngestOptions,
    on_skip: Callable[[Skip], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_note: Callable[[Note], None] | None = None,
) -> IngestReport:
    return _Run(store, nlp, settings, on_skip, on_note).ingest(paths, opts, on_batch)


class _Run:
    """One ingest: the report, the near-duplicate index and the per-article steps."""

    def __init__(self, store: Store, nlp: Callable[[], Language], settings: Settings,
                 on_skip: Callable[[Skip], None] | None, on_note: Callable[[Note], None] | None) -> None:
        self.store = store
        self.nlp = nlp
        self.settings = settings
        self.on_skip = on_skip
        self.on_note = on_note
        self.report = IngestReport()
        # The near-copies of stored articles are found through the store's band index
        # (dedup.band_keys); the in-memory index holds only this run's articles.  A backend
        # without that index has its signatures loaded, as before.
        self.index = NearDuplicateIndex(settings.near_duplicate_threshold, settings.minhash_permutations)
        self.stored_near = getattr(store, "near_duplicates", None)
        if self.stored_near is None:
            self.index.load(store.signatures())
        self.max_tokens = max(1000, int(settings.max_article_chars * TOKENS_PER_CHAR_LIMIT))
        self.failed: dict[str, str] = {}  # article id -> why it was skipped, for the same text met again
        # One entity per person across articles; a backend without the key index keeps the
        # articles' own ids.
        lookup = getattr(store, "entities_by_keys", None)
        self.identity = Identity(lookup) if lookup is not None else None

    def ingest(self, paths: Iterable[str | Path], opts: IngestOptions,
               on_batch: Callable[[int], None] | None) -> IngestReport:
        for batch in _batches(self._articles(paths, opts), self.settings.batch_size):
            known = self.store.known_articles(a.id for a in batch)
            fresh: list[Article] = []
            repeats: list[Article] = []  # the same text again in this batch: its fate is the first's
            seen: set[str] = set()
            for art in batch:
                if art.id in known:
                    self.report.already_present += 1
                elif art.id in seen or art.id in self.failed:
                    repeats.append(art)
                else:
                    seen.add(art.id)
                    fresh.append(art)
            while fresh:
                fresh = self._store_fresh(fresh)
            for art in repeats:
                if art.id in self.failed:
                    self._skip(_skip_for(art, self.failed[art.id]))
                else:
                    self.report.already_present += 1
            if on_batch:
                on_batch(len(batch))
        optimize = getattr(self.store, "optimize", None)
        if optimize is not None and self.report.added + self.report.duplicates:
            optimize()  # the planner's statistics follow what this run added
        return self.report

    def _articles(self, paths: Iterable[str | Path], opts: IngestOptions) -> Iterator[Article]:
        for item in read_inputs(paths, opts):
            if isinstance(item, Skip):
                self._skip(item)
            elif isinstance(item, Note):
                self.report.notes.append(item)
                if self.on_note:
                    self.on_note(item)
            else:
                self.report.read += 1
                yield item

    def _skip(self, skip: Skip, article_id: str | None = None) -> None:
        if article_id is not None:
            self.failed[article_id] = skip.reason
        self.report.skipped.append(skip)
        if self.on_skip:
            self.on_skip(skip)

    def _store_fresh(self, articles: list[Article]) -> list[Article]:
        """Link, analyse and write articles not yet stored.  Returns the near-copies
        whose original turned out unstorable: they go round again on their own."""
        copies: list[Analysis] = []
        originals: list[Article] = []
        signatures: dict[str, bytes] = {}
        for art in articles:
            mh = signature(art.text, self.settings.minhash_permutations)
            original = self._original_of(mh)
            if original is not None:
                copies.append(Analysis(article=replace(art, duplicate_of=original)))
                continue
            self.index.add(art.id, mh)
            signatures[art.id] = to_bytes(mh)
            originals.append(art)
        analysed: list[Analysis] = []
        failed: set[str] = set()
        if originals:
            for result in analyse_articles(self.nlp(), originals, max_tokens=self.max_tokens):
                if isinstance(result, AnalysisFailure):
                    failed.add(result.article.id)
                    self._fail(result.article, result.reason, result.error)
                    continue
                try:
                    analysed.append(resolve_analysis(result, identity=self.identity))
                except Exception as exc:
                    failed.add(result.article.id)
                    self._fail(result.article, "resolving its facts failed", exc)
        for article_id in failed:
            self.index.remove(article_id)
        orphans = [replace(c.article, duplicate_of=None) for c in copies if c.article.duplicate_of in failed]
        copies = [c for c in copies if c.article.duplicate_of not in failed]
        batch = WriteBatch(analyses=analysed + copies,
                           signatures={k: v for k, v in signatures.items() if k not in failed})
        if batch.analyses:
            orphans += self._write(batch)
        return orphans

    def _original_of(self, mh: MinHash) -> str | None:
        """The most similar article, of this run or stored, above the threshold (ties: the larger id)."""
        found = [self.index.best(mh)]
        if self.stored_near is not None:
            candidates = self.stored_near(band_keys(to_bytes(mh)))
            found.append(best_original(mh, candidates, self.settings.near_duplicate_threshold))
        best = max((f for f in found if f is not None), default=None)
        return best[1] if best else None

    def _write(self, batch: WriteBatch) -> list[Article]:
        """Write a batch.  Returns the near-copies orphaned by a refused original."""
        try:
            self.store.write(batch)
        except StoreRejected as exc:
            if len(batch.analyses) == 1:
                self._refuse(batch.analyses[0].article, exc)
                return []
            return self._write_one_by_one(batch)
        for analysis in batch.analyses:
            self._count(analysis.article)
        return []

    def _write_one_by_one(self, batch: WriteBatch) -> list[Article]:
        """Each article of a refused batch alone, originals first (a copy's original
        must be there before it), so exactly the article the database refuses is skipped."""
        orphans: list[Article] = []
        refused: set[str] = set()
        for analysis in sorted(batch.analyses, key=lambda a: a.article.duplicate_of is not None):
            art = analysis.article
            if art.duplicate_of in refused:
                orphans.append(replace(art, duplicate_of=None))
                continue
            signature_bytes = batch.signatures.get(art.id)
            try:
                self.store.write(WriteBatch([analysis], {art.id: signature_bytes} if signature_bytes else {}))
            except StoreRejected as exc:
                refused.add(art.id)
                self._refuse(art, exc)
                continue
            self._count(art)
        return orphans

    def _refuse(self, art: Article, exc: StoreRejected) -> None:
        self.index.remove(art.id)
        if self.settings.debug:
            logger.error("the database refused %s", _skip_for(art, "").path, exc_info=exc)
        self._skip(_skip_for(art, str(exc)), art.id)

    def _count(self, art: Article) -> None:
        if art.duplicate_of is None:
            self.report.added += 1
        else:
            self.report.duplicates += 1

    def _fail(self, art: Article, reason: str, error: Exception | None) -> None:
        """A Skip for an article not analysed: a limit it broke, or an unexpected error."""
        if error is not None:
            if self.settings.debug:
                logger.error("unexpected error on %s: %s", _skip_for(art, "").path, reason, exc_info=error)
            reason = f"{reason} ({describe(error)}); {DEBUG_HINT}"
        self._skip(_skip_for(art, reason), art.id)
