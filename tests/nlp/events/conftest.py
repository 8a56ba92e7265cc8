"""Fixtures for the tl_events tests: real spaCy pipelines (parsed and rule-only)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).parent))
from events_helpers import build


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build(parsed=True)


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return build(parsed=False)
