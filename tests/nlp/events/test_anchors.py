"""The anchored matcher finds within sentences exactly what one spaCy ``Matcher`` finds, trying
each pattern only where its anchor words are."""

from __future__ import annotations

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from touchline.nlp.events.anchors import AnchoredMatcher, anchors
from touchline.nlp.events.engine import RuleBook

PATTERNS = {
    "beat": [{"ORTH": "__team__"}, {"LOWER": {"IN": ["beat", "edged"]}}, {"ORTH": "__team__"},
             {"ORTH": "__score__", "OP": "?"}],
    "aside": [{"ORTH": "__player__"}, {"ORTH": ","}, {"LOWER": {"NOT_IN": [",", "."]}, "OP": "{1,5}"},
              {"ORTH": ","}, {"LOWER": "scored"}],
}


def sketch(words: str) -> Doc:
    vocab = spacy.blank("en").vocab
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
