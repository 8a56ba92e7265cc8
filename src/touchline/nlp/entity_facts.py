"""What one article says about its entities, and whether a descriptor fits one of them.

Used by ``tl_entities``: :class:`Article` collects mentions (token offsets)
and the facts the article states ("Liverpool star X" → X plays for Liverpool);
:func:`fit` checks a descriptor against those facts and the gazetteer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc

from touchline.nlp.descriptors import Descriptor
from touchline.nlp.gazetteer_data import Entry, GazetteerData

logger = logging.getLogger(__name__)

PERSON_KINDS = ("player", "coach", "person")
YES, UNKNOWN, NO = "yes", "unknown", "no"


@dataclass
class Mention:
    start: int  # token offsets
    end: int
    kind: str
    entity: str | None
    confidence: float
    method: str
    nested: bool = False  # may contain other mentions ("Slot's men" holds "Slot")


def coach_team(entry: Entry | None, on: date | None) -> str | None:
    """The team a coach led on ``on`` (report time), from the gazetteer's dated roles."""
    if not entry or entry.get("kind") != "coach":
        return None
    roles = entry.get("attrs", {}).get("roles") or []
    if on is None:
        current = [r for r in roles if not r.get("end")]
        return current[-1]["team"] if len(current) == 1 else None
    day = on.isoformat()
    for role in roles:
        start, end = role.get("start") or "0000", role.get("end")
        # Month-only dates ("2025-01") compare correctly as string prefixes.
        if start[:len(day)] <= day and (not end or day < _end_bound(end)):
            return str(role["team"])
    return None


def _end_bound(end: str) -> str:
    return end if len(end) == 10 else end + "-32"


class Article:
    """Mentions found so far in one Doc and the facts the article states."""

    def __init__(self, doc: Doc, data: GazetteerData, dct: date | None) -> None:
        self.doc = doc
        self.data = data
        self.dct = dct
        self.mentions: list[Mention] = []
        self._new: dict[str, Entry] = {}
        self._stated: dict[str, dict[str, Any]] = {}
        # Per-Doc results several rules read (the runs of capitalised words, say).
        self.cache: dict[str, Any] = {}

    # --- mentions -----------------------------------------------------------------

    def add(self, start: int, end: int, kind: str, entity: str | None, confidence: float,
            method: str, nested: bool = False) -> None:
        self.mentions.append(Mention(start, end, kind, entity, confidence, method, nested))

    def overlaps(self, start: int, end: int, nested_ok: bool = False) -> bool:
        for m in self.mentions:
            if m.nested or m.end <= start or end <= m.start:
                continue
            if nested_ok and start <= m.start and m.end <= end:
                continue
            return True
        return False

    def mention_covering(self, start: int, end: int) -> Mention | None:
        return next((m for m in self.mentions if not m.nested and m.start < end and start < m.end), None)

    def mention_starting(self, i: int) -> Mention | None:
        return next((m for m in self.mentions if not m.nested and m.start == i), None)

    def mention_ending(self, i: int) -> Mention | None:
        return next((m for m in self.mentions if not m.nested and m.end == i), None)

    def club_before(self, start: int) -> str | None:
        """The club named right before token ``start`` ("Liverpool star", "Liverpool's")."""
        end = start - 1 if start > 0 and self.doc[start - 1].lower_ in ("'s", "’s") else start
        m = self.mention_ending(end)
        return m.entity if m is not None and m.kind in ("club", "national_team") else None

    def mentioned_ids(self) -> set[str]:
        return {m.entity for m in self.mentions if m.entity}

    # --- entities -------------------------------------------------------------------

    def new_entity(self, eid: str, kind: str, name: str, stated: dict[str, Any]) -> None:
        if eid not in self._new and eid not in self.data.entries:
            self._new[eid] = {"id": eid, "kind": kind, "name": name, "aliases": [], "attrs": {}}
        self.state(eid, stated)

    def state(self, eid: str, facts: dict[str, Any]) -> None:
        if facts:
            self._stated.setdefault(eid, {}).update(facts)

    def stated(self, eid: str) -> dict[str, Any]:
        return self._stated.get(eid, {})

    def entity(self, eid: str) -> Entry:
        return self.data.entries.get(eid) or self._new[eid]

    def people(self) -> list[Entry]:
        seen: dict[str, Entry] = {}
        for m in self.mentions:
            if m.entity and m.kind in PERSON_KINDS and m.entity not in seen:
                seen[m.entity] = self.entity(m.entity)
        return list(seen.values())

    def teams_of(self, eid: str) -> set[str]:
        """Every club or national team the gazetteer or article links the person to."""
        entry = self.entity(eid)
        attrs = entry.get("attrs", {})
        teams = {c["club"] for c in attrs.get("clubs", []) if isinstance(c, dict)}
        teams |= {r["team"] for r in attrs.get("roles", [])}
        if attrs.get("national_team"):
            teams.add(attrs["national_team"])
        stated = self.stated(eid)
        teams |= {stated[k] for k in ("club", "team") if stated.get(k)}
        return teams

    # --- descriptors ------------------------------------------------------------------

    def resolve(self, desc: Descriptor, appositive: Mention | None,
                competition_country: dict[str, str]) -> tuple[str | None, float]:
        """The entity a descriptor names: the most recent mention that fits, else None."""
        if appositive is not None and appositive.entity:
            verdict = fit(self, appositive.entity, desc)
            if verdict != NO:
                self._learn(appositive.entity, desc)
                return appositive.entity, 0.9
            return None, 0.3
        if desc.kind == "club":
            return self._resolve_club(desc, competition_country)
        earlier = sorted((m for m in self.mentions if m.end <= desc.start and m.entity
                          and m.kind in PERSON_KINDS), key=lambda m: m.start, reverse=True)
        seen: set[str] = set()
        for m in earlier:
            assert m.entity is not None
            if m.entity in seen:
                continue
            seen.add(m.entity)
            if not _kind_fits(desc.kind, m.kind):
                continue
            if fit(self, m.entity, desc) == YES:
                return m.entity, 0.8
        # No candidate confirms it: accept the only person earlier in the same sentence,
        # unless something the gazetteer or article knows contradicts it.
        sent = self.doc[desc.start].sent
        local = {m.entity for m in earlier if m.start >= sent.start}
        # A name the pipeline did not recognise stands between: it may be the one meant.
        nearest = max((m.end for m in earlier if m.start >= sent.start), default=desc.start)
        unknown_name = any(t.pos_ == "PROPN" and self.mention_covering(t.i, t.i + 1) is None
                           for t in self.doc[nearest:desc.start])
        if len(local) == 1 and not unknown_name:
            eid = next(iter(local))
            assert eid is not None
            kind = self.entity(eid)["kind"]
            if _kind_fits(desc.kind, kind) and fit(self, eid, desc) == UNKNOWN:
                return eid, 0.5
        return None, 0.3

    def _resolve_club(self, desc: Descriptor,
                      competition_country: dict[str, str]) -> tuple[str | None, float]:
        countries = {self.data.club_country.get(self.data.demonyms[w], "") for w in desc.nationality_words}
        if desc.competition:
            countries.add(competition_country.get(desc.competition, ""))
        countries.discard("")
        if not countries:
            return None, 0.3
        for m in sorted(self.mentions, key=lambda m: m.start, reverse=True):
            if m.end > desc.start or not m.entity or m.kind != "club":
                continue
            if self.entity(m.entity)["attrs"].get("country") in countries:
                return m.entity, 0.75
        return None, 0.3

    def _learn(self, eid: str, desc: Descriptor) -> None:
        facts: dict[str, Any] = {}
        if desc.age:
            facts["age"] = desc.age
        if desc.position:
            facts["position"] = desc.position
        if desc.club and not desc.former:
            facts["club"] = desc.club
        if desc.club and desc.former:
            facts["former_club"] = desc.club
        if desc.nationality_words:
            facts["nationality"] = self.data.demonyms[sorted(desc.nationality_words)[0]]
        self.state(eid, facts)

    # --- output --------------------------------------------------------------------------

    def mention_dicts(self) -> list[dict[str, Any]]:
        out = []
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            span = self.doc[m.start:m.end]
            out.append({"start": span.start_char, "end": span.end_char, "text": span.text,
                        "kind": m.kind, "entity": m.entity, "confidence": round(m.confidence, 2),
                        "method": m.method})
        return out

    def entity_dicts(self) -> list[dict[str, Any]]:
        out = []
        for eid in sorted(self.mentioned_ids()):
            e = self.entity(eid)
            attrs = dict(e.get("attrs") or {})
            if self.stated(eid):
                attrs["stated"] = dict(self.stated(eid))
            out.append({"id": e["id"], "kind": e["kind"], "name": e["name"],
                        "aliases": list(e.get("aliases") or []), "attrs": attrs})
        return out


def _kind_fits(wanted: str, kind: str) -> bool:
    return wanted == "person" or wanted == kind or (wanted == "player" and kind == "person")


def fit(art: Article, eid: str, desc: Descriptor) -> str:
    """YES when every constraint of the descriptor is confirmed, NO when one is contradicted."""
    entry = art.entity(eid)
    attrs = entry.get("attrs", {})
    stated = art.stated(eid)
    verdicts: list[str] = []
    if desc.position:
        pos = stated.get("position") or attrs.get("position")
        verdicts.append(UNKNOWN if not pos else YES if pos == desc.position else NO)
    if desc.nationality_words or desc.national_team:
        code = stated.get("nationality") or attrs.get("nationality")
        wanted = {art.data.demonyms[w] for w in desc.nationality_words}
        if desc.national_team:
            team = art.data.get(desc.national_team)
            if team and team["attrs"].get("fifa"):
                wanted.add(team["attrs"]["fifa"])
        if attrs.get("national_team") == desc.national_team and desc.national_team:
            verdicts.append(YES)
        else:
            verdicts.append(UNKNOWN if not code else YES if code in wanted else NO)
    if desc.age:
        if stated.get("age"):
            verdicts.append(YES if stated["age"] == desc.age else NO)
        elif attrs.get("birth_year") and art.dct:
            age = art.dct.year - int(attrs["birth_year"])
            verdicts.append(YES if desc.age in (age, age - 1) else NO)
        else:
            verdicts.append(UNKNOWN)
    if desc.club:
        verdicts.append(_club_verdict(art, eid, attrs, stated, desc))
    if NO in verdicts:
        return NO
    if verdicts and all(v == YES for v in verdicts):
        return YES
    return UNKNOWN


def _club_verdict(art: Article, eid: str, attrs: dict[str, Any], stated: dict[str, Any],
                  desc: Descriptor) -> str:
    current = stated.get("club") or stated.get("team") or coach_team(art.entity(eid), art.dct)
    clubs = {c["club"] for c in attrs.get("clubs", []) if isinstance(c, dict)}
    if desc.former:
        if desc.club in attrs.get("former_clubs", []) or stated.get("former_club") == desc.club:
            return YES
        return NO if current == desc.club else UNKNOWN
    if current:
        return YES if current == desc.club else NO
    return YES if desc.club in clubs else UNKNOWN
