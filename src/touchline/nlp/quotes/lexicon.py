"""Word lists for quote attribution, loaded once from ``touchline/nlp/data/quotes/``."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

logger = logging.getLogger(__name__)

PRONOUNS = frozenset({"he", "she"})
# "..., he added": a speaker going on, so the pronoun is the last speaker.
CONTINUATION_VERBS = frozenset({"added", "adds", "continued", "continues", "went", "concluded", "concludes"})
# Possessive/relative words that may not open a speaker phrase.
YEAR_OLD = re.compile(r"^\d{1,2}-year-old$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    attribution: frozenset[str]
    reported: frozenset[str]
    speech_objects: frozenset[str]
    descriptors: frozenset[str]

    def is_descriptor_head(self, word: str) -> bool:
        word = word.lower()
        return word in self.descriptors or bool(YEAR_OLD.match(word))


def _load(name: str) -> dict[str, list[str]]:
    path = resources.files("touchline.nlp.data") / "quotes" / name
    data: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    verbs = _load("speech_verbs.json")
    desc = _load("descriptors.json")
    return Lexicon(
        attribution=frozenset(w.lower() for w in verbs["attribution"]),
        reported=frozenset(w.lower() for w in verbs["reported"]),
        speech_objects=frozenset(w.lower() for w in verbs["speech_objects"]),
        descriptors=frozenset(w.lower() for w in desc["nationalities"] + desc["roles"]),
    )
