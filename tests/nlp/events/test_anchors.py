"""The anchored matcher finds within sentences exactly what one spaCy ``Matcher`` finds, trying
each pattern only where its anchor words are."""

from __future__ import annotations

from functools import cache

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from touchline.nlp.events.anchors import AnchoredMatcher, anchors
from touchline.nlp.events.engine import RuleBook

PATTERNS = {
    "beat": [{"ORTH": "__team__"}, {"LOWER": {"IN": ["beat", "edged"]}}, {"ORTH": "__team__"},
             {"ORTH": "__score__", "OP": "?"}],
    "aside": [{"ORTH": "__player__"}, {"ORTH": ","}, {"LOWER": {"NOT_IN": [",", "."]}, "OP": "{1,5}"},
              {"ORTH": ","}, {"LOWER": "scored"}],
}


@cache
def _vocab() -> Vocab:
    return spacy.blank("en").vocab


def sketch(words: str) -> Doc:
    vocab = _vocab()
    tokens = words.split()
    starts = [i == 0 or tokens[i - 1] == "." for i in range(len(tokens))]
    return Doc(vocab, words=tokens, sent_starts=starts)


def both(doc: Doc) -> tuple[set[tuple[str, int, int]], set[tuple[str, int, int]]]:
    plain, anchored = Matcher(doc.vocab), AnchoredMatcher(doc.vocab)
    for key, tokens in PATTERNS.items():
        plain.add(key, [tokens], greedy="LONGEST")
        anchored.add(key, tokens)
    strings = doc.vocab.strings
    return ({(strings[k], s, e) for k, s, e in plain(doc)},
            {(strings[k], s, e) for k, s, e, _ in anchored(doc)})


def test_the_anchor_is_the_rarest_required_element() -> None:
    assert anchors(PATTERNS["beat"])[0] == frozenset({"beat", "edged"})
    assert anchors(PATTERNS["aside"])[0] == frozenset({"scored"})
    assert anchors([{"ORTH": "__team__", "OP": "?"}, {"LOWER": {"NOT_IN": ["a"]}}]) == ()


def test_it_finds_what_one_matcher_finds() -> None:
    doc = sketch("__team__ beat __team__ __score__ . __player__ , who was quiet all day , scored late . "
                 "__team__ edged __team__ .")
    plain, anchored = both(doc)
    assert anchored == plain
    assert {k for k, _, _ in anchored} == {"beat", "aside"}


def test_a_long_gap_keeps_its_bound() -> None:
    doc = sketch("__player__ , who had been quiet on the wing for most of the day , scored late .")
    plain, anchored = both(doc)
    assert plain == anchored == set()


def test_a_sentence_the_parser_cut_before_a_relative_clause_is_read_whole() -> None:
    # the parser's cut in "Verhoek , | who tapped in , scored": a piece opening in lower case
    # belongs to the sentence before it
    words = ["__player__", ",", "who", "tapped", "in", ",", "scored"]
    starts = [True, False, True, False, False, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=starts)
    _plain, anchored = both(doc)
    assert ("aside", 0, 7) in anchored


def test_the_rule_book_uses_it(nlp: spacy.Language) -> None:
    book = RuleBook(nlp.vocab)
    assert isinstance(book.matcher, AnchoredMatcher)


def test_a_group_runs_only_where_its_words_come_in_order() -> None:
    # "beat" and "__team__" anchor the group; the words are here, but not as the pattern
    # orders them, so its Matcher is not called at all
    doc = sketch("beat __team__ , then __team__ .")
    anchored = AnchoredMatcher(doc.vocab)
    anchored.add("beat", PATTERNS["beat"])
    anchored.build()
    called = []
    for gid, matcher in enumerate(anchored._groups):
        anchored._groups[gid] = lambda *a, m=matcher, **k: called.append(1) or m(*a, **k)  # type: ignore[assignment]
    assert anchored(doc) == [] and called == []
    assert {k for k, _, _, _ in anchored(sketch("__team__ beat __team__ ."))} == {doc.vocab.strings["beat"]}
    assert called


WORDS = ["__team__", "__player__", "__score__", "beat", "edged", "scored", ",", ".", "who", "late", "Beat"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_it_finds_what_one_matcher_finds_in_any_sentence(words: list[str]) -> None:
    plain, anchored = both(sketch(" ".join(words)))
    assert anchored == plain
