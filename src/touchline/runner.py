"""Ingest end to end: read → drop known articles → link near-copies → analyse → resolve → store.

Articles stream through in batches; each batch is written in one transaction,
so a killed run leaves whole batches behind, and running it again skips what
landed and completes the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from spacy.language import Language

from touchline.ingest import IngestOptions, NearDuplicateIndex, read_inputs, signature
from touchline.ingest.dedup import to_bytes
from touchline.model import Analysis, Article, Skip
from touchline.nlp.analyse import analyse_articles
from touchline.resolve import Identity, resolve_analysis
from touchline.settings import Settings
from touchline.store import Store, WriteBatch

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    already_present: int = 0
    duplicates: int = 0
    skipped: list[Skip] = field(default_factory=list)
    read: int = 0  # articles read from the inputs, whatever became of them

    @property
    def exit_code(self) -> int:
        """0 when something was ingested or all was already there, 1 when nothing could be read."""
        return 0 if self.read > 0 else 1

    def summary(self) -> str:
        return (f"{self.added} added, {self.duplicates} near-duplicates linked, "
                f"{self.already_present} already present, {len(self.skipped)} skipped")


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_ingest(
    paths: Iterable[str | Path],
    store: Store,
    nlp: Callable[[], Language],
    settings: Settings,
    opts: IngestOptions,
    on_skip: Callable[[Skip], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> IngestReport:
    report = IngestReport()
    index = NearDuplicateIndex(settings.near_duplicate_threshold, settings.minhash_permutations)
    index.load(store.signatures())
    # One entity per person across articles; a backend without the key index keeps the
    # article's own ids.
    lookup = getattr(store, "entities_by_keys", None)
    identity = Identity(lookup) if lookup is not None else None

    def articles() -> Iterator[Article]:
        for item in read_inputs(paths, opts):
            if isinstance(item, Skip):
                report.skipped.append(item)
                if on_skip:
                    on_skip(item)
            else:
                report.read += 1
                yield item

    for batch in _batches(articles(), settings.batch_size):
        known = store.known_articles(a.id for a in batch)
        write = WriteBatch()
        originals: list[Article] = []
        seen: set[str] = set()
        for art in batch:
            if art.id in known or art.id in seen:
                report.already_present += 1
                continue
            seen.add(art.id)
            mh = signature(art.text, settings.minhash_permutations)
            original = index.original_of(mh)
            if original is not None:
                write.analyses.append(Analysis(article=replace(art, duplicate_of=original)))
                report.duplicates += 1
                continue
            index.add(art.id, mh)
            write.signatures[art.id] = to_bytes(mh)
            originals.append(art)
        if originals:
            write.analyses.extend(resolve_analysis(a, identity) for a in analyse_articles(nlp(), originals))
        if write.analyses:
            store.write(write)
        report.added += len(originals)
        if on_batch:
            on_batch(len(batch))
    return report
