"""Incremental equals batch: articles ingested one at a time, in a shuffled order, give the same
knowledge base (events across articles, their sources and conflicts, states over time, stories)
as the same articles ingested together; the memory store gives the same as SQLite."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from touchline import KnowledgeBase
from touchline.model import detail_to_fields
from touchline.store import StateQuery

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
ARTICLES = ["match-report.txt", "match-report-follow-up.txt", "match-report-syndicated.txt",
            "preview-fixture.txt", "coach-change.txt", "injuries.txt", "quotes-speakers.txt",
            "score-forms.txt"]


def knowledge(kb: KnowledgeBase) -> dict[str, Any]:
    """What the knowledge base knows, without what depends on when it was learned (knowledge time)."""
    sources = {a.id: (a.source or a.id).rsplit("/", 1)[-1] for a in kb.store.articles()}
    events = [(e.kind, e.date, detail_to_fields(e.detail), dict(e.conflicts),
               sorted({sources[s.article] for s in e.sources}), e.confidence) for e in kb.store.events()]
    stories: dict[str, set[str]] = {}
    for a in kb.store.articles():
        stories.setdefault(a.story or a.id, set()).add(sources[a.id])
    states = [(s.relation, s.subject, s.object, s.qualifier, s.valid_from, s.valid_to, s.known_from,
               s.known_to, s.support, s.confidence) for s in kb.store.states(StateQuery())]
    return {"events": sorted(events, key=repr), "stories": sorted(sorted(s) for s in stories.values()),
            "states": sorted(states, key=repr)}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with KnowledgeBase(tmp_path_factory.mktemp("batch") / "kb.db") as kb:
        report = kb.ingest([FIXTURES / name for name in ARTICLES])
        assert report.added + report.duplicates == len(ARTICLES)
        return knowledge(kb)


def test_the_batch_knowledge_base_resolves_across_articles(batch: dict[str, Any]) -> None:
    two_reports = [e for e in batch["events"] if e[0] == "match" and "match-report.txt" in e[4]]
    [match] = two_reports
    # the report, its syndicated copy and the preview looking back tell one match
    assert {"match-report.txt", "match-report-syndicated.txt", "preview-fixture.txt"} <= set(match[4])
    reports = ["match-report-follow-up.txt", "match-report-syndicated.txt", "match-report.txt"]
    assert reports in batch["stories"]
    # the preview opens with the coming game: that is its story, whatever it looks back on
    assert ["preview-fixture.txt"] in batch["stories"]


@pytest.mark.parametrize("seed", [1, 2])
def test_one_at_a_time_in_any_order_equals_batch(tmp_path: Path, batch: dict[str, Any], seed: int) -> None:
    order = list(ARTICLES)
    random.Random(seed).shuffle(order)
    # a syndicated copy read before its original makes the original the copy: keep the pair's order
    # (which of two near-identical texts is analysed is the one thing order may decide)
    if order.index("match-report-syndicated.txt") < order.index("match-report.txt"):
        i, j = order.index("match-report-syndicated.txt"), order.index("match-report.txt")
        order[i], order[j] = order[j], order[i]
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        for name in order:
            kb.ingest([FIXTURES / name])
        assert knowledge(kb) == batch


def test_the_memory_store_knows_what_sqlite_knows(batch: dict[str, Any]) -> None:
    with KnowledgeBase("memory:") as kb:
        kb.ingest([FIXTURES / name for name in ARTICLES])
        assert knowledge(kb) == batch
