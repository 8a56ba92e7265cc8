"""Map the team names of openfootball result files to the gazetteer's club ids.

The result files write a club the way its repository does ("Liverpool FC",
"Bor. Dortmund", "FC Bayern München (GER)"); the gazetteer holds openfootball's
club names and alternative names (``openfootball/clubs``), so most names are
found exactly, after dropping legal forms ("FC", "AFC", "CF"), dots and case,
among the clubs of the file's country.  What is left goes to rapidfuzz, within
that country only: the whole name compared (no partial matching), the same
initials and numbers, and one club clearly ahead of every other ("Olympiakos
Piraeus" for "Olympiacos Piraeus"); reserve and youth sides never.  Everything
else stays unmapped and is reported by the build: a result with an unmapped
side is kept in the reference (it still counts for coverage) but can never be
linked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from touchline.model import slugify
from touchline.nlp.gazetteer_data import strip_accents

# Words that only state a club's legal form; news text and other files drop them.
_LEGAL = {"fc", "afc", "cf", "sc", "ac", "cd", "sd", "ud", "fk", "sk", "kv", "bk", "if", "ff", "ik",
          "ssc", "sv", "vfb", "vfl", "tsv", "tsg", "bsc", "osc", "ogc", "rc", "rcd", "calcio", "club",
          "as", "ss", "us", "asd", "ssd", "usd",
          "football", "futbol", "the", "1"}
_PARTICLES = {"de", "del", "la", "le", "di", "da", "do", "dos", "y", "e", "i", "et", "van", "von"}
# Reserve and youth sides ("Borussia Dortmund II", "Jong Ajax", "Barcelona B") are other teams:
# never matched by spelling to the first team.
_RESERVE = re.compile(r"(\b(II|III|B|C|J|U\d\d|Jong|Reserves?|Youth|Zaterdag|Futur)\b|\sAtl[eé]tico$)")
# A fuzzy match must reach this score (rapidfuzz ratio, 0-100) and beat the runner-up by the margin.
FUZZY_MIN = 90.0
FUZZY_MARGIN = 6.0


def name_key(name: str) -> str:
    """A spelling-insensitive key: "FC Bayern München" → "bayern-munchen"."""
    name = re.sub(r"\([^)]*\)", " ", name)
    words = [w for w in slugify(name.replace(".", " ")).split("-") if w and w not in _LEGAL]
    return "-".join(words)


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """Folder names and 3-letter codes → the gazetteer's club-country codes."""
    text = resources.files("touchline.resolve.reference").joinpath("data", "countries.json").read_text(
        encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return {"folders": dict(data["folders"]), "codes": dict(data["codes"]),
            "abroad": dict(data["leagues_abroad"])}


def country_of_code(code: str | None) -> str | None:
    return countries()["codes"].get(code or "")


def country_of_path(parts: Iterable[str]) -> str | None:
    """The country of a result file from its path: ``england/2024-25/...`` → "eng"."""
    folders = countries()["folders"]
    for part in parts:
        if part in folders:
            return folders[part]
    return None


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How one written name was mapped: the club id (or None) and by which method."""

    club: str | None
    method: str  # exact | fuzzy | unmapped | ambiguous
    score: float | None = None


@dataclass
class ClubNames:
    """Club ids by name, per country, from gazetteer club entries."""

    clubs: Mapping[str, Mapping[str, Any]]
    by_form: dict[str, set[str]] = field(default_factory=dict)  # folded name or alias -> ids
    by_key: dict[str, set[str]] = field(default_factory=dict)  # name_key -> ids
    by_country: dict[str, dict[str, str]] = field(default_factory=dict)  # country -> {key: id}
    cache: dict[tuple[str, str | None, bool], NameMatch] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for cid, club in self.clubs.items():
            country = (club.get("attrs") or {}).get("country")
            for form in (club["name"], *(club.get("aliases") or ())):
                self.by_form.setdefault(fold(form), set()).add(cid)
                key = name_key(form)
                if not key:
                    continue
                self.by_key.setdefault(key, set()).add(cid)
                if country:
                    self.by_country.setdefault(country, {}).setdefault(key, cid)

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> ClubNames:
        return cls({e["id"]: e for e in entries if e.get("kind") == "club"})

    def _country(self, cid: str) -> str | None:
        """The country whose leagues the club plays in (Monaco's is France)."""
        country = (self.clubs[cid].get("attrs") or {}).get("country")
        return countries()["abroad"].get(country or "", country)

    def lookup(self, name: str, country: str | None, *, explicit: bool = False) -> NameMatch:
        """The club a result file's team name stands for.

        ``country`` is the file's country, or the code written after the name
        (``explicit``): then a club of another country is never taken ("Arsenal
        (UKR)" is not Arsenal FC).  A file's own country only breaks ties, since
        leagues take in clubs across borders (Cardiff City, Monaco, Vaduz).
        """
        memo = self.cache.get((name, country, explicit))
        if memo is None:
            memo = self.cache[(name, country, explicit)] = self._lookup(name, country, explicit)
        return memo

    def _pick(self, ids: set[str], country: str | None, explicit: bool) -> set[str]:
        if country is None:
            return ids
        same = {i for i in ids if self._country(i) == country}
        if same or explicit:
            return same
        # no club of the file's country bears the name: only a club whose country is unknown
        # may, never one of another country ("Victoria CF" of a Spanish file is not Honduras')
        return {i for i in ids if self._country(i) is None}

    def _lookup(self, name: str, country: str | None, explicit: bool) -> NameMatch:
        for table, probe in ((self.by_form, fold(name)), (self.by_key, name_key(name))):
            ids = self._pick(table.get(probe, set()), country, explicit)
            if len(ids) == 1:
                return NameMatch(next(iter(ids)), "exact")
            if len(ids) > 1:
                return NameMatch(None, "ambiguous")
        if country is None or country not in self.by_country or _RESERVE.search(name):
            return NameMatch(None, "unmapped")
        return self._fuzzy(name, country)

    def _fuzzy(self, name: str, country: str) -> NameMatch:
        """A spelling variant of one club of the country ("Olympiakos" for "Olympiacos"): the whole
        key compared (``fuzz.ratio``, no partial matching, so "Jong PSV" never becomes PSV)."""
        keys = self.by_country[country]
        best = process.extract(name_key(name), list(keys), scorer=fuzz.ratio, limit=5)
        if not best or best[0][1] < FUZZY_MIN:
            return NameMatch(None, "unmapped")
        top_id = keys[best[0][0]]
        if _marks(best[0][0]) != _marks(name_key(name)):
            return NameMatch(None, "unmapped")  # "IH Hafnarfjordur" is not "FH Hafnarfjordur"
        others = [score for key, score, _i in best[1:] if keys[key] != top_id]
        if others and best[0][1] - others[0] < FUZZY_MARGIN:
            return NameMatch(None, "ambiguous", round(best[0][1], 1))
        return NameMatch(top_id, "fuzzy", round(best[0][1], 1))


def _marks(key: str) -> set[str]:
    """The short words and numbers of a key: initials and years that tell clubs apart."""
    return {w for w in key.split("-") if (len(w) <= 3 or w.isdigit()) and w not in _PARTICLES}


def fold(name: str) -> str:
    """Case, accents and spacing ignored: "AS Saint-Étienne" and "AS Saint-Etienne" fold alike."""
    return " ".join(strip_accents(name).lower().split())
