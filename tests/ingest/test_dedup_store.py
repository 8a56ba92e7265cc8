"""Near-copies of stored articles are found through the store's band index: a later ingest
links a syndicated copy without loading every stored signature (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from touchline import KnowledgeBase
from touchline.ingest.dedup import band_keys, band_shape, jaccard, signature, to_bytes

FIXTURES = Path(__file__).parent.parent / "fixtures" / "articles"


def test_band_keys_are_stable_and_shared_by_near_copies() -> None:
    original = (FIXTURES / "match-report.txt").read_text(encoding="utf-8")
    copy = (FIXTURES / "match-report-syndicated.txt").read_text(encoding="utf-8")
    other = (FIXTURES / "transfer-completed.txt").read_text(encoding="utf-8")
    a, b, c = (to_bytes(signature(t)) for t in (original, copy, other))
    assert band_shape(128) == (25, 5)
    assert band_keys(a) == band_keys(a) and len(set(band_keys(a))) == 25
    assert set(band_keys(a)) & set(band_keys(b))
    assert not set(band_keys(a)) & set(band_keys(c))
    assert jaccard(a, b) >= 0.8 > jaccard(a, c)


def test_a_later_ingest_links_a_copy_through_the_store(tmp_path: Path, db_url: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(FIXTURES / "match-report.txt", first)
    shutil.copy(FIXTURES / "match-report-syndicated.txt", second)
    shutil.copy(FIXTURES / "transfer-completed.txt", second)
    with KnowledgeBase(db_url) as kb:
        assert kb.ingest([first]).added == 1
    with KnowledgeBase(db_url) as kb:
        def no_full_load() -> None:
            raise AssertionError("every stored signature was loaded")

        monkeypatch.setattr(kb.store, "signatures", no_full_load)
        report = kb.ingest([second])
        assert (report.added, report.duplicates) == (1, 1)
        copy = next(a for a in kb.store.articles() if a.source and a.source.endswith("syndicated.txt"))
        original = next(a for a in kb.store.articles() if a.source and a.source.endswith("match-report.txt"))
        assert copy.duplicate_of == original.id and copy.story == original.story
