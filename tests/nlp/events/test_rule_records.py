"""Every rule record's own examples and counter-examples, with and without the pretrained pipeline.

A record says in its data what it must read ("examples", with the text each slot
must hold) and what it must not ("counter"); this test holds it to that in both
the parsed pipeline and the rule-only one.  It checks the record's own reading,
before readings of several records are weighed against each other.
"""

from __future__ import annotations

import pytest
from events_helpers import run
from spacy.language import Language

from touchline.nlp.events.context import Context
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.rules import Rule, load_rules

RULES = load_rules()


def _hits(nlp: Language, rule: Rule, text: str, date: str) -> list[tuple[Hit, dict[str, str]]]:
    doc = run(nlp, text, date)
    book = nlp.get_pipe("tl_events").book  # type: ignore[attr-defined]
    out = []
    for hit in book.run(Context.from_doc(doc), keep_shadowed=True):
        if hit.rule.id == rule.id:
            out.append((hit, {k: doc[s.start:s.end].text for k, s in hit.slots.items()}))
    return out


def _same(got: str, want: str) -> bool:
    return got == want or got.removeprefix("the ") == want.removeprefix("the ")


@pytest.mark.parametrize("mode", ["parsed", "rule-only"])
@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples_are_read(rule: Rule, mode: str, nlp: Language, blank_nlp: Language) -> None:
    pipeline = nlp if mode == "parsed" else blank_nlp
    for example in rule.examples:
        found = _hits(pipeline, rule, example.text, example.date)
        assert found, f"{rule.id} did not fire on {example.text!r}"
        if example.slots:
            read = [s for _, s in found]
            assert any(all(_same(s.get(k, ""), v) for k, v in example.slots.items()) for s in read), \
                f"{rule.id} on {example.text!r}: got {read}, want {example.slots}"


@pytest.mark.parametrize("mode", ["parsed", "rule-only"])
@pytest.mark.parametrize("rule", [r for r in RULES if r.counter], ids=[r.id for r in RULES if r.counter])
def test_counter_examples_are_not(rule: Rule, mode: str, nlp: Language, blank_nlp: Language) -> None:
    pipeline = nlp if mode == "parsed" else blank_nlp
    for text in rule.counter:
        found = _hits(pipeline, rule, text, "2024-11-28")
        assert not found, f"{rule.id} fired on its counter-example {text!r}: {[s for _, s in found]}"


def test_every_record_names_known_guards_and_lists() -> None:
    from touchline.nlp.events.guards import GUARDS
    from touchline.nlp.events.rules import compile_pattern

    for rule in RULES:
        assert set(rule.guards) <= set(GUARDS), rule.id
        assert compile_pattern(rule.pattern), rule.id
