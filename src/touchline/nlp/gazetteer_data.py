"""Load touchline's football gazetteer and index it for the nlp components.

Entries are JSONL, one entity a line: ``{"id", "kind", "name", "aliases",
"attrs"}``.  The package ships ``nlp/data/gazetteer/*.jsonl`` (built by
``scripts/build_gazetteer.py``); a user gazetteer directory (env
``TOUCHLINE_GAZETTEER_DIR``, written by ``touchline gazetteer import``) adds
entries or aliases on top.  ``ambiguous.jsonl`` lists aliases that are never
matched without context ("City", "United").
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

Entry = dict[str, Any]
ENV_DIR = "TOUCHLINE_GAZETTEER_DIR"
POLICY_FILE = "ambiguous.jsonl"
# openfootball leaves a league's own nationality unmarked in its squad files.
LEAGUE_NATIONALITY = {"england": "ENG", "espana": "ESP", "deutschland": "GER", "italy": "ITA",
                      "france": "FRA"}


def package_dir() -> Path:
    """The folder holding the package's built gazetteer files."""
    return Path(str(resources.files("touchline.nlp") / "data" / "gazetteer"))


def default_nationality_by_league() -> dict[str, str]:
    return dict(LEAGUE_NATIONALITY)


def read_jsonl(path: Path) -> Iterator[Entry]:
    """Rows of a JSONL file; bad lines are logged as SKIP and passed over."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                logger.warning("SKIP %s:%d: not JSON (%s)", path, n, exc.msg)
                continue
            if isinstance(row, dict):
                yield row


def _entries_in(folder: Path) -> tuple[list[Entry], set[str]]:
    entries: list[Entry] = []
    ambiguous: set[str] = set()
    for path in sorted(folder.glob("*.jsonl")):
        for row in read_jsonl(path):
            if path.name == POLICY_FILE:
                if row.get("alias"):
                    ambiguous.add(str(row["alias"]))
            elif row.get("id") and row.get("kind") and row.get("name"):
                entries.append(row)
    return entries, ambiguous


@lru_cache(maxsize=1)
def _package() -> tuple[tuple[Entry, ...], frozenset[str]]:
    entries, ambiguous = _entries_in(package_dir())
    return tuple(entries), frozenset(ambiguous)


def load_package_entries() -> list[Entry]:
    """The package's own entries (copies are not made: do not mutate)."""
    return list(_package()[0])


def merge_entries(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Entries keyed by id; a later entry with a known id adds aliases and missing attrs."""
    merged: dict[str, Entry] = {}
    for e in entries:
        old = merged.get(e["id"])
        if old is None:
            merged[e["id"]] = {"id": e["id"], "kind": e["kind"], "name": e["name"],
                               "aliases": list(e.get("aliases") or []), "attrs": dict(e.get("attrs") or {})}
            continue
        old["aliases"] = sorted({*old["aliases"], *(e.get("aliases") or [])} - {old["name"]})
        for key, value in (e.get("attrs") or {}).items():
            old["attrs"].setdefault(key, value)
    return merged


@dataclass
class GazetteerData:
    """Every entry plus the indexes the components look things up in."""

    entries: dict[str, Entry]
    ambiguous: frozenset[str] = frozenset()
    # surface form -> ids, for every name and alias (ambiguous ones included)
    by_alias: dict[str, set[str]] = field(default_factory=dict)
    # lower-cased demonym ("dutch", "dutchman") -> FIFA code ("NED")
    demonyms: dict[str, str] = field(default_factory=dict)
    # FIFA code -> club-country code of openfootball ("ESP" -> "es")
    club_country: dict[str, str] = field(default_factory=dict)
    # surname ("Bellingham", "Mac Allister") -> person ids
    surnames: dict[str, set[str]] = field(default_factory=dict)
    # a person's full name folded (no case, no accents) -> ids: "ruben amorim" for "Rúben Amorim"
    folded_people: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.entries.values():
            for form in (e["name"], *e["aliases"]):
                self.by_alias.setdefault(form, set()).add(e["id"])
                # English-language press often drops accents: "Bernabeu", "Atletico".
                plain = strip_accents(form)
                if plain != form:
                    self.by_alias.setdefault(plain, set()).add(e["id"])
            attrs = e["attrs"]
            if e["kind"] == "national_team" and attrs.get("fifa"):
                for word in (*attrs.get("demonyms", []), *attrs.get("demonym_nouns", [])):
                    self.demonyms[word.lower()] = attrs["fifa"]
                if attrs.get("club_country"):
                    self.club_country[attrs["fifa"]] = attrs["club_country"]
            if e["kind"] in ("player", "coach", "person"):
                parts = e["name"].split()
                if len(parts) >= 2:
                    for form in surname_forms(e["name"]):
                        self.surnames.setdefault(form, set()).add(e["id"])
                    for form in (e["name"], *e["aliases"]):
                        self.folded_people.setdefault(fold_name(form), set()).add(e["id"])

    @cached_property
    def cities(self) -> frozenset[str]:
        """Every club's city ("Berlin", "Milan"): one-word aliases that may name a place."""
        return frozenset(e["attrs"]["city"] for e in self.entries.values()
                         if e["kind"] == "club" and isinstance(e["attrs"].get("city"), str))

    def get(self, entity: str | None) -> Entry | None:
        return self.entries.get(entity) if entity else None

    def owner(self, form: str) -> str | None:
        """The one entity a form names: its only bearer, or the one whose own name it is
        when it is merely a short alias of the others ("Arsenal" is Arsenal, not Arsenal Tula)."""
        ids = self.by_alias.get(form, set())
        if len(ids) == 1:
            return next(iter(ids))
        named = [i for i in ids if self.entries[i]["name"] == form]
        return named[0] if len(named) == 1 else None

    def match_forms(self) -> Iterator[tuple[str, str]]:
        """(surface form, id) pairs safe to match anywhere: unambiguous proper names."""
        for form in sorted(self.by_alias):
            owner = self.owner(form)
            if owner is None or not is_matchable(form, self.ambiguous):
                continue
            yield form, owner

    def context_forms(self) -> Iterator[str]:
        """Forms that name more than one entity or are generic: matched, resolved only by context."""
        for form in sorted(set(self.by_alias) | set(self.ambiguous)):
            if (self.owner(form) is None or form in self.ambiguous) and form[:1].isupper() and len(form) > 2 \
                    and not form.startswith(("St.", "FC", "AC")):
                yield form

    def nationality_words(self, code: str) -> set[str]:
        words: set[str] = set()
        for e in self.entries.values():
            if e["kind"] == "national_team" and e["attrs"].get("fifa") == code:
                words |= {w.lower() for w in (*e["attrs"].get("demonyms", []),
                                              *e["attrs"].get("demonym_nouns", []))}
        return words

    @cached_property
    def _national_teams(self) -> dict[str, Entry]:
        # read once: a search of every entry per call cost ~0.3 ms a demonym
        teams: dict[str, Entry] = {}
        for e in self.entries.values():
            if e["kind"] == "national_team" and e["attrs"].get("fifa"):
                teams.setdefault(e["attrs"]["fifa"], e)  # the first, as the search found
        return teams

    def national_team_of(self, code: str | None) -> Entry | None:
        return self._national_teams.get(code) if code else None


# Particles that belong to a surname: "Mac Allister", "van Dijk", "de Jong".
SURNAME_PARTICLES = {"van", "von", "de", "der", "den", "di", "da", "dos", "das", "del", "la", "le",
                     "mac", "mc", "ten", "ter", "el", "al", "bin", "ben", "st.", "st"}


def strip_accents(text: str) -> str:
    """"Santiago Bernabéu" → "Santiago Bernabeu"; case and everything else kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def surname_forms(full_name: str) -> tuple[str, ...]:
    """The surname as written after a name particle ("van Dijk") and at a sentence's start or
    after a possessive ("Van Dijk's shirt")."""
    surname = surname_of(full_name)
    capital = surname[:1].upper() + surname[1:]
    return (surname,) if capital == surname else (surname, capital)


def fold_name(name: str) -> str:
    """Case and accents ignored: "Rúben Amorim" and "Ruben Amorim" fold alike."""
    return " ".join(strip_accents(name).lower().split())


def surname_of(full_name: str) -> str:
    """The part of a name articles use alone: "Alexis Mac Allister" → "Mac Allister"."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    i = len(parts) - 1
    while i > 1 and parts[i - 1].lower() in SURNAME_PARTICLES:
        i -= 1
    return " ".join(parts[i:])


def is_matchable(form: str, ambiguous: frozenset[str] | set[str]) -> bool:
    """A proper name long enough to match blindly (no "City", "Real", "FC")."""
    bare = form[4:] if form.startswith("the ") else form
    if form in ambiguous or bare in ambiguous or len(bare) < 3 or not bare[:1].isupper():
        return False
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 3


def user_dir() -> Path | None:
    """The user gazetteer directory from ``TOUCHLINE_GAZETTEER_DIR``, if set."""
    value = os.environ.get(ENV_DIR)
    return Path(value) if value else None


def load(extra_dir: Path | None = None) -> GazetteerData:
    """The package gazetteer plus the entries in ``extra_dir`` (if any)."""
    entries, ambiguous = _package()
    rows: list[Entry] = list(entries)
    amb = set(ambiguous)
    if extra_dir is not None:
        if extra_dir.is_dir():
            more, more_amb = _entries_in(extra_dir)
            rows.extend(more)
            amb |= more_amb
        else:
            logger.warning("SKIP %s: gazetteer directory does not exist", extra_dir)
    return GazetteerData(merge_entries(rows), frozenset(amb))


@lru_cache(maxsize=4)
def _cached(extra: str | None) -> GazetteerData:
    return load(Path(extra) if extra else None)


def load_default() -> GazetteerData:
    """The gazetteer for this process (package + ``TOUCHLINE_GAZETTEER_DIR``), built once."""
    extra = user_dir()
    return _cached(str(extra) if extra else None)


def from_entries(entries: Iterable[Entry], ambiguous: Iterable[str] = ()) -> GazetteerData:
    """A gazetteer from given entries only (tests, ``initialize(entries=...)``)."""
    return GazetteerData(merge_entries(entries), frozenset(ambiguous))
