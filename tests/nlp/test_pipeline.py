"""The pipeline: pretrained model plus touchline's components, or rule-only without the model."""

from __future__ import annotations

import logging

import pytest
from spacy.language import Language

from touchline.nlp import pipeline
from touchline.nlp.pipeline import COMPONENTS, build_pipeline


def test_full_pipeline_has_our_components_in_order_and_no_lemmatizer() -> None:
    nlp = build_pipeline()
    ours = [name for name in nlp.pipe_names if name.startswith("tl_")]
    assert ours == ["tl_paragraphs", "tl_sentence_cap", *(name for name, _ in COMPONENTS)]
    assert nlp.pipe_names.index("tl_sentence_cap") < nlp.pipe_names.index("parser")
    assert "lemmatizer" not in nlp.pipe_names and "parser" in nlp.pipe_names


def test_a_headline_and_a_paragraph_break_end_sentences(full_nlp: Language) -> None:
    text = ("Rovers edge past City\n\nNorthbridge Rovers beat Castelmar City 2-1 on Saturday as Tomas Vell "
            "scored twice.\n\nCity had led through an early header.")
    doc = full_nlp(text)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Rovers edge past City"
    assert sentences[1].startswith("Northbridge Rovers beat") and sentences[1].endswith("scored twice.")


def test_a_wrapped_line_inside_a_paragraph_is_left_to_the_parser(full_nlp: Language) -> None:
    doc = full_nlp("Northbridge Rovers beat Castelmar City 2-1 on Saturday\nas Tomas Vell scored twice.")
    assert len(list(doc.sents)) == 1
    doc = full_nlp("Ivo Brandt said Rovers\n\ndid\n\nask about the striker in January.")
    assert not any(s.text.strip() == "did" for s in doc.sents)


def test_a_group_letter_ends_its_sentence(full_nlp: Language) -> None:
    doc = full_nlp("Rovers went through from Group A. Castelmar City started early and won 3-0.")
    assert [s.text.strip() for s in doc.sents] == ["Rovers went through from Group A.",
                                                   "Castelmar City started early and won 3-0."]


def test_rule_only_mode_when_model_missing_says_so_once(caplog: pytest.LogCaptureFixture,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_warned_rule_only", False)
    with caplog.at_level(logging.WARNING, logger="touchline.nlp.pipeline"):
        first = build_pipeline("no_such_model_installed")
        build_pipeline("no_such_model_installed")
    warnings = [r for r in caplog.records if "rule-only" in r.getMessage()]
    assert len(warnings) == 1
    assert "parser" not in first.pipe_names and "tl_events" in first.pipe_names
    doc = first.make_doc("Northbridge Rovers beat Castelmar FC 2-1 at Harrow Lane on Saturday.")
    doc._.dct = "2025-03-02"
    doc = first(doc)
    assert any(t["text"] == "Saturday" and t["value"] == "2025-03-01" for t in doc._.tl_timexes)
