"""The region matcher finds what spaCy's ``Matcher`` finds on the whole Doc, in the same order."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from touchline.nlp import descriptors
from touchline.nlp.word_regions import RegionMatcher

ROOT = Path(__file__).resolve().parents[2]
PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "DESC": [[{"LOWER": "the"}, {"OP": "{0,3}", "TEXT": {"REGEX": "^(?:[A-Z]\\w*|former)$"}},
              {"LOWER": {"IN": ["striker", "boss"]}}],
             [{"LOWER": "the"}, {"OP": "{0,3}", "IS_TITLE": True}, {"LOWER": "head"}, {"LOWER": "coach"}]],
    "ROLE": [[{"LOWER": "striker"}, {"IS_TITLE": True}], [{"LOWER": "head"}, {"LOWER": "coach"},
                                                          {"IS_TITLE": True}]],
}
WORDS = ["the", "The", "former", "Leeds", "striker", "boss", "head", "coach", "Xabi", "said", ",", "."]


@cache
def _vocab() -> Vocab:
    return spacy.blank("en").vocab


def both(doc: Doc, patterns: dict[str, list[list[dict[str, Any]]]]) -> tuple[list[Any], list[Any]]:
    regions = RegionMatcher(doc.vocab)
    for key, pats in patterns.items():
        regions.add(key, pats)
    return regions(doc), list(regions.matcher(doc))


def test_a_pattern_runs_only_near_its_first_and_last_words() -> None:
    words = ["the", "former", "Leeds", "striker", "said", "the", "club", "had", "never", "had", "a", "boss",
             ",", "head", "coach", "Xabi"]
    doc = Doc(_vocab(), words=words)
    strings = doc.vocab.strings
    for key, starts in (("DESC", [(0, 6)]), ("ROLE", [(3, 6), (13, 16)])):
        regions = RegionMatcher(doc.vocab)
        regions.add(key, PATTERNS[key])
        ran: list[tuple[int, int]] = []
        plain = regions.matcher
        regions.matcher = lambda span, p=plain, r=ran: r.append((span.start, span.end)) or p(span)  # type: ignore
        found = [(strings[k], s, e) for k, s, e in regions(doc)]
        assert found == [(strings[k], s, e) for k, s, e in plain(doc)]
        assert found == [("DESC", 0, 4)] if key == "DESC" else [("ROLE", 13, 16)]
        # not the "the" at 5: "boss" is six words on, beyond the longest description; "striker"
        # is a whole role, so the role matcher runs after it too
        assert ran == starts


def test_an_unbounded_or_optional_ended_pattern_runs_on_the_whole_doc() -> None:
    for pattern in ([{"LOWER": "the"}, {"OP": "+"}, {"LOWER": "boss"}],
                    [{"LOWER": "the"}, {"LOWER": "boss", "OP": "?"}],
                    [{"IS_TITLE": True}, {"LOWER": "boss"}]):
        regions = RegionMatcher(_vocab())
        regions.add("X", [pattern])
        assert regions._whole
        doc = Doc(_vocab(), words=["the", "new", "boss", ",", "the", "boss"])
        assert regions(doc) == list(regions.matcher(doc))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_it_finds_what_the_whole_doc_matcher_finds(words: list[str]) -> None:
    found, whole = both(Doc(_vocab(), words=words or ["."]), PATTERNS)
    assert found == whole


def test_the_descriptor_matcher_finds_what_it_finds_on_the_whole_doc(full_nlp: Language) -> None:
    matcher = descriptors.build_matcher(full_nlp.vocab, {"englishman", "dutchman"})
    assert not matcher._whole
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "articles").glob("*.txt"))]
    for doc in full_nlp.tokenizer.pipe(texts):
        assert matcher(doc) == list(matcher.matcher(doc))
