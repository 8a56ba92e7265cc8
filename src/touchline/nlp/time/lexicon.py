"""Load the time stage's word lists and patterns from ``touchline/nlp/data/time``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def _data(name: str) -> str:
    return resources.files("touchline.nlp").joinpath("data", "time", name).read_text(encoding="utf-8")


LEXICON: dict[str, Any] = json.loads(_data("lexicon.json"))
PATTERNS: list[dict[str, str]] = [
    json.loads(line) for line in _data("patterns.jsonl").splitlines() if line.strip()
]
