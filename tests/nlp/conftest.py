"""One full touchline pipeline per test session: loading it costs far more than running it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline


@pytest.fixture(scope="session")
def full_nlp() -> Language:
    return build_pipeline()
