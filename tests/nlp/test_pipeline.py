"""The pipeline: pretrained model plus touchline's components, or rule-only without the model."""

from __future__ import annotations

import logging

import pytest

from touchline.nlp import pipeline
from touchline.nlp.pipeline import COMPONENTS, build_pipeline


def test_full_pipeline_has_our_components_in_order_and_no_lemmatizer() -> None:
    nlp = build_pipeline()
    ours = [name for name in nlp.pipe_names if name.startswith("tl_")]
    assert ours == [name for name, _ in COMPONENTS]
    assert "lemmatizer" not in nlp.pipe_names and "parser" in nlp.pipe_names


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
