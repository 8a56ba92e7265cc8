"""The rule pattern language and the typed lexicon it reads."""

from __future__ import annotations

import pytest

from touchline.nlp.events.lexicon import LEXICON, Lexicon
from touchline.nlp.events.rules import compile_pattern, entry_forms, inflections


def test_lemma_forms_come_from_one_entry() -> None:
    assert {"beat", "beaten", "beats", "beating"} <= set(inflections("beat"))
    assert set(inflections("beat", "past")) == {"beat", "beaten"}
    assert entry_forms("see off", "verb", "past") == [["saw", "off"], ["seen", "off"]]
    assert entry_forms("spot-kick", "noun", None) == [["spot", "-", "kick"], ["spot", "-", "kicks"]]


def test_a_multi_word_verb_needs_one_list_entry() -> None:
    assert "see off" in LEXICON.win_verbs and "get the better of" in LEXICON.win_verbs
    patterns = compile_pattern("{team:team} @win_verbs.past {team:opp}")
    lowers = [[tok.get("LOWER") for tok in tokens] for tokens, _ in patterns]
    assert [None, "got", "the", "better", "of", None] in lowers


def test_slots_are_named_per_pattern_element() -> None:
    [(tokens, slots)] = compile_pattern("{team:team} beat {team|name:opp} {score:score}?")
    assert slots == ["team", None, "opp", "score"]
    assert tokens[3]["OP"] == "?"


def test_lexicon_fails_loudly_on_a_missing_or_unknown_list() -> None:
    data = {"lists": {}, "maps": {}}
    with pytest.raises(KeyError, match="missing word lists"):
        Lexicon.from_json(data)
    with pytest.raises(KeyError, match="no word list"):
        LEXICON.list("win_verb")


def test_a_bad_pattern_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown slot kind"):
        compile_pattern("{club:team} beat {team:opp}")
    with pytest.raises(ValueError, match="unclosed"):
        compile_pattern("[a|b {team:team}")
