"""The words stories compare are kept between the writes of one store, a bounded number of
articles, and stand for the stored text."""

from __future__ import annotations

from pathlib import Path

from touchline.ingest import make_article
from touchline.model import Analysis
from touchline.resolve.stories import cosine, words
from touchline.store import WriteBatch, open_store
from touchline.store.stories import Wordings

TEXTS = ["Harlow Borough pressed high and scored twice before the break.",
         "Penbury Town defended deep and waited for counter-attacks.",
         "Harlow Borough pressed high again, scoring twice before half-time."]


def test_words_are_counted_once_kept_for_the_latest_articles_alike_texts_score_higher(tmp_path: Path) -> None:
    arts = [make_article(text, source=f"{i}.txt") for i, text in enumerate(TEXTS)]
    store = open_store(str(tmp_path / "kb.db"))
    try:
        store.write(WriteBatch([Analysis(article=a) for a in arts]))
        held = Wordings(size=2)
        with store.engine.connect() as conn:  # type: ignore[attr-defined]
            first = held.of(conn, [a.id for a in arts])
            again = held.of(conn, [arts[2].id])
    finally:
        store.close()
    assert first == {a.id: words(text) for a, text in zip(arts, TEXTS, strict=True)}
    assert list(held._held) == [arts[1].id, arts[2].id]  # the oldest is let go
    assert again[arts[2].id] is first[arts[2].id]  # kept, not read and counted again
    same_match = cosine(first[arts[0].id], first[arts[2].id])
    assert same_match > cosine(first[arts[0].id], first[arts[1].id])
    assert abs(cosine(first[arts[0].id], first[arts[0].id]) - 1.0) < 1e-12
