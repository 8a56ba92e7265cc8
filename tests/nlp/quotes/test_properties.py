"""Property: on any text with any quote marks, tl_quotes never raises and its spans fit the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

PIECES = st.sampled_from(
    ['"', "“", "”", "‘", "’", "'", " ", "\n", "\n\n", ",", ".", ":", "said", "he", "Smith", "Ana Lopes",
     "told reporters", "the Spaniard", "We won", "that", "admitted", "the", "club", "?"]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_spans_lie_inside_text_and_match(nlp: Language, text: str) -> None:
    doc = nlp(text)
    for q in doc._.tl_quotes:
        assert 0 <= q["start"] <= q["end"] <= len(text)
        assert q["kind"] in ("direct", "partial", "reported")
        parts = [text[s:e] for s, e in q["segments"]]
        assert all(q["start"] <= s <= e <= q["end"] for s, e in q["segments"])
        # The record keeps the article's exact text; the parts joined are a separate field.
        assert q["text"] == text[q["start"]:q["end"]]
        assert q["joined"].replace("\n", " ") == " ".join(parts).replace("\n", " ")
        if q["speaker_start"] is not None:
            assert 0 <= q["speaker_start"] < q["speaker_end"] <= len(text)
