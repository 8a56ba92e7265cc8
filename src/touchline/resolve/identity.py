"""One entity per real person, club, competition and venue, across every article.

``tl_entities`` names what one article mentions with ids that carry the kind
the article suggested (``coach:arsene-wenger`` in one, ``person:arsene-wenger``
in another).  :class:`Identity` maps every article's entities onto the
knowledge base's:

- a person's id is ``person:`` plus the slug of the name's key
  (:attr:`touchline.nlp.names.PersonName.key`: no honorific, diminutives of
  one group as their full form, no accents), so "Sir Alex Ferguson", "Alex
  Ferguson" and ``coach:alex-ferguson`` are one entity, and "Rafa Benitez" and
  "Rafael Benítez" another; the kind (player, coach, person) is an attribute
  that later articles refine;
- a full name that is not the key of a known person still joins one when the
  names can be one person's (:func:`touchline.nlp.names.same_person`: a
  middle name one of them lacks, "Steve"/"Stephen", a surname spelled two ways
  when a club both are linked to agrees) and exactly one known person fits;
- a surname alone that the article could not tie to a full name joins the
  one known person with that surname whose clubs the article mentions; two
  people sharing the surname both in context, or none, leave it unresolved;
- a quotation's speaker named in the text but not linked gets the entity of
  that name (created when the name is new and looks like a person's);
- a "person" whose name is a known club, competition or venue becomes that.

What an article adds to an entity (its names, clubs, the kind it gave) is
written as an *addition* that the store merges into the stored entity with
:func:`merge_entity`.  Entities are found by their keys (:func:`entity_keys`),
which the store indexes, so a run never reads the whole knowledge base.
Nothing here calls ``now()``: the same articles in the same order give the
same knowledge base.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from touchline.model import ENTITY_FIELDS, Analysis, Entity, Mention, Quote, Scorer
from touchline.nlp import names
from touchline.resolve.entity_records import (
    PERSON_KINDS,
    TEAM_KINDS,
    Lookup,
    _same_article,
    addition,
    entity_keys,
    is_person,
    merge_entity,
    person_id,
    person_keys,
    person_name,
    surname_key,
    teams_of,
    thing_key,
)

logger = logging.getLogger(__name__)

__all__ = ["Identity"]


# --- mapping one article onto the knowledge base -----------------------------------------


class Identity:
    """Maps each article's entities onto the knowledge base's, in the order articles come.

    ``lookup`` is the store's ``entities_by_keys``; ``is_gazetteer(id)`` says
    whether an article's entity id is a gazetteer entry.  What this run added
    is kept here (``seen``) until the run ends, so articles of a batch not yet
    written see each other.
    """

    def __init__(self, lookup: Lookup, is_gazetteer: Callable[[str], bool] | None = None,
                 namesakes: Callable[[str], set[str]] | None = None) -> None:
        self._lookup = lookup
        self._is_gazetteer = is_gazetteer or _gazetteer_entry
        # Without a gazetteer of its own, the default's namesakes are used only with the default.
        self._gazetteer_namesakes = namesakes or (_gazetteer_namesakes if is_gazetteer is None else None)
        self.seen: dict[str, Entity] = {}
        self._keys: dict[str, set[str]] = {}
        self._found: dict[str, Entity] = {}  # stored entities looked up so far
        # What the store held for the keys of the article being mapped, read in one query.
        self._prefetched: dict[str, list[Entity]] = {}

    # -- finding --

    def find(self, keys: Iterable[str]) -> dict[str, Entity]:
        """Stored entities and this run's holding any of ``keys``, by id (this run's view wins)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, Entity] = {}
        missing = [k for k in keys if k not in self._prefetched]
        stored = dict(self._lookup(missing)) if missing else {}
        for key in keys:
            for e in self._prefetched.get(key) or stored.get(key) or ():
                found.setdefault(e.id, e)
                self._found[e.id] = e
        for key in keys:
            for eid in self._keys.get(key, ()):
                found[eid] = self.seen[eid]
        return found

    def _remember(self, added: Entity, known: Entity | None) -> None:
        base = self.seen.get(added.id) or known  # this run's view already holds the stored record
        view = merge_entity(base, added) if base is not None else added
        self.seen[view.id] = view
        for key in entity_keys(view):
            self._keys.setdefault(key, set()).add(view.id)

    # -- targets --

    def person_target(self, entity: Entity, article_teams: set[str]) -> tuple[str | None, Entity | None]:
        """The knowledge base's id for a person of an article and its stored record, if any.

        None when the name is shared by two people the gazetteer tells apart (two players
        called "Emiliano Martínez") and the article did not say which: precision first.
        """
        name = names.clean_person_name(entity.name) or entity.name
        parsed = person_name(name)
        gazetteer = self._is_gazetteer(entity.id)
        namesakes = self._namesakes(name)
        if gazetteer and len(namesakes) > 1:
            # The gazetteer's own id tells namesakes apart: "person:emiliano-martinez-1999".
            exact = f"person:{entity.id.split(':', 1)[1]}"
        elif len(namesakes) > 1:
            return None, None
        else:
            exact = person_id(name)
        keys = person_keys(name)
        found = self.find([*keys, thing_key("any", name)])
        if exact in found:
            return exact, found[exact]
        if gazetteer and len(namesakes) > 1:
            return exact, None
        if parsed.full:
            same_key = sorted((e for e in found.values() if is_person(e) and keys[0] in entity_keys(e)),
                              key=lambda e: (e.id != exact, e.id))
            if same_key:
                return same_key[0].id, same_key[0]
        if not gazetteer:
            # Only a thing the gazetteer knows: one guessed from the text may be this person.
            things = {e.id: e for e in found.values() if not is_person(e) and e.attrs.get("gazetteer")
                      and thing_key("any", e.name) == thing_key("any", name)}
            if len(things) == 1:
                return next(iter(things.items()))  # "La Liga" taken for a person's name
        if not parsed.full:
            return exact, None
        mine = teams_of(entity) | article_teams
        fits = {e.id: e for e in found.values() if is_person(e) and any(
            names.same_person(parsed, person_name(form), context_agrees=bool(teams_of(e) & mine))
            for form in (e.name, *e.aliases) if len(form.split()) >= 2)}
        if len(fits) == 1:
            return next(iter(fits.items()))
        return exact, None

    def _namesakes(self, name: str) -> set[str]:
        """Gazetteer people with exactly this name (accents aside): two means namesakes."""
        return self._gazetteer_namesakes(name) if self._gazetteer_namesakes else set()

    def thing_target(self, entity: Entity,
                     local: Mapping[str, Entity] | None = None) -> tuple[str, Entity | None]:
        """The knowledge base's id for a club, competition, venue... of an article (``local``: the
        article's people already mapped)."""
        found = self.find([thing_key(entity.kind, entity.name)])
        if entity.id in found or self._is_gazetteer(entity.id):
            return entity.id, found.get(entity.id)
        keys = person_keys(entity.name)
        if len(entity.name.split()) >= 2 and keys and keys[0].startswith("pk:"):
            # A "club" the text made of a person's name ("Paul Dickov's spot-kick"): the person.
            candidates = [*self.find(keys[:1]).values(), *(local or {}).values()]
            people = {e.id: e for e in candidates if is_person(e) and keys[0] in entity_keys(e)}
            if len(people) == 1:
                return next(iter(people.items()))
        same = {e.id: e for e in found.values()
                if e.kind == entity.kind or (e.kind in TEAM_KINDS and entity.kind in TEAM_KINDS)}
        if len(same) == 1:
            return next(iter(same.items()))
        return entity.id, None

    # -- the whole article --

    def canonicalise(self, analysis: Analysis) -> Analysis:
        """The article's records under the knowledge base's ids; its entities become additions."""
        article_teams = {e.id for e in analysis.entities if e.kind in TEAM_KINDS}
        self._prefetch(analysis)
        try:
            return self._canonicalise(analysis, article_teams)
        finally:
            self._prefetched = {}

    def _prefetch(self, analysis: Analysis) -> None:
        """Read what the store holds for every key the article may look up, in one query."""
        keys: list[str] = []
        for e in analysis.entities:
            if not isinstance(e.name, str) or not e.name.strip():
                continue
            if is_person(e):
                name = names.clean_person_name(e.name) or e.name
                keys += [*person_keys(name), thing_key("any", name)]
            else:
                keys.append(thing_key(e.kind, e.name))
        for m in analysis.mentions:
            if m.entity is None and m.kind in PERSON_KINDS:
                keys.append(surname_key(m.text.replace("’s", "").replace("'s", "")))
        keys = list(dict.fromkeys(keys))
        found = self._lookup(keys)
        self._prefetched = {k: list(found.get(k, ())) for k in keys}

    def _canonicalise(self, analysis: Analysis, article_teams: set[str]) -> Analysis:
        mapping: dict[str, str | None] = {}
        unresolved: set[str] = set()  # people the article leaves undecided: references dropped
        records: dict[str, Entity] = {}
        known: dict[str, Entity | None] = {}
        # People first: a club the text made of a person's name can then find them.
        for entity in sorted(analysis.entities, key=lambda e: not is_person(e)):
            if not isinstance(entity.name, str) or not entity.name.strip():
                records[entity.id] = entity  # nothing to resolve by: the store decides what to do
                continue
            if is_person(entity):
                target, stored = self.person_target(entity, article_teams)
                name = names.without_honorifics(names.clean_person_name(entity.name) or entity.name)
            else:
                target, stored = self.thing_target(entity, records)
                name = entity.name
            if target is None:
                unresolved.add(entity.id)
                continue
            mapping[entity.id] = target
            added = addition(entity, target, name if target.startswith("person:") else (
                stored.name if stored is not None else name), self._is_gazetteer(entity.id))
            if stored is not None and is_person(stored) != is_person(added):
                # A person the NER took for a club, or a club taken for a person: the stored kind.
                added = replace(added, kind=stored.kind,
                                attrs={**added.attrs, "kinds": {stored.kind: 0}} if is_person(stored) else {})
            records[target] = _same_article(records[target], added) if target in records else added
            known.setdefault(target, stored)
        mapping.update({eid: None for eid in unresolved})
        analysis = _remap(analysis, mapping)
        for target, record in records.items():
            self._remember(record, known.get(target))
        mentions = tuple(self._link_mention(m, analysis, article_teams, records) for m in analysis.mentions)
        quotes = []
        for q in analysis.quotes:
            q, new = self._link_speaker(q, article_teams, records)
            if new is not None:
                records[new.id] = new
                self._remember(new, None)
            quotes.append(q)
        # People linked from the knowledge base join the article's entities, voting for nothing.
        for eid in {m.entity for m in mentions if m.entity} | {q.speaker for q in quotes if q.speaker}:
            if eid not in records:
                stored = self.find_id(eid)
                if stored is not None:
                    votes = {"kinds": {stored.kind: 0}} if is_person(stored) else {}
                    records[eid] = replace(stored, attrs=votes)
        return replace(analysis, entities=tuple(records.values()), mentions=mentions, quotes=tuple(quotes))

    def find_id(self, eid: str) -> Entity | None:
        """An entity this run has found or added (the only ones a link can point at)."""
        return self.seen.get(eid) or self._found.get(eid)

    # -- surnames and speakers the article left unresolved --

    def coach_of(self, m: Mention, analysis: Analysis, records: dict[str, Entity]) -> str | None:
        """The coach "the Harbour boss" names: the one person the knowledge base knows as a coach
        of the club inside the descriptor, when no other coach of that club is known."""
        clubs = {x.entity for x in analysis.mentions if x.entity and x.kind in TEAM_KINDS
                 and m.start <= x.start and x.end <= m.end}
        if len(clubs) != 1:
            return None
        club = next(iter(clubs))
        coaches = {e.id for e in self.find([f"coach-of:{club}"]).values() if e.kind == "coach"}
        coaches |= {r.id for r in records.values() if r.kind == "coach" and club in teams_of(r)}
        return next(iter(coaches)) if len(coaches) == 1 else None

    def surname_owner(self, surname: str, article_teams: set[str], local: Iterable[Entity]) -> str | None:
        """The one person with this surname: the article's own, else the one known person
        whose clubs the article mentions."""
        key = surname_key(surname)
        mine = {e.id for e in local if is_person(e) and key in person_keys(e.name)}
        if mine:
            return next(iter(mine)) if len(mine) == 1 else None
        people = [e for e in self.find([key]).values() if is_person(e) and person_name(e.name).full]
        agreeing = {e.id for e in people if teams_of(e) & article_teams}
        return next(iter(agreeing)) if len(agreeing) == 1 else None

    def _link_mention(self, m: Mention, analysis: Analysis, article_teams: set[str],
                      records: dict[str, Entity]) -> Mention:
        if m.entity is not None or m.kind not in PERSON_KINDS:
            return m
        if m.method == "descriptor":
            owner = self.coach_of(m, analysis, records) if m.kind == "coach" else None
            return replace(m, entity=owner, confidence=min(m.confidence, 0.5)) if owner else m
        words = m.text.replace("’s", "").replace("'s", "").split()
        if not words or len(words) > 3 or not all(w[:1].isupper() or names.fold(w) in names.PARTICLES
                                                  for w in words):
            return m
        parsed = names.parse(" ".join(words))
        if parsed.full:
            return m
        owner = self.surname_owner(parsed.surname, article_teams, records.values())
        if owner is None:
            return m
        return replace(m, entity=owner, confidence=min(m.confidence, 0.6), method="surname")

    def _link_speaker(self, q: Quote, article_teams: set[str],
                      records: dict[str, Entity]) -> tuple[Quote, Entity | None]:
        """A quotation whose speaker was named but not linked: (the quote, a new entity or None)."""
        if q.speaker is not None or not q.speaker_name:
            return q, None
        name = names.clean_person_name(q.speaker_name)
        if not name:
            return q, None
        parsed = person_name(name)
        if not parsed.full:
            owner = self.surname_owner(parsed.surname, article_teams, records.values())
            return (replace(q, speaker=owner) if owner else q), None
        key = person_keys(name)[:1]
        local = {r.id for r in records.values() if is_person(r) and person_keys(r.name)[:1] == key}
        if len(local) == 1:
            return replace(q, speaker=next(iter(local))), None
        if not names.looks_like_person_name(names.without_honorifics(name)):
            return q, None
        entity = Entity(id=person_id(name), kind="person", name=names.without_honorifics(name))
        target, stored = self.person_target(entity, article_teams)
        if target is None or (stored is not None and not is_person(stored)):
            return q, None
        return replace(q, speaker=target), addition(entity, target, entity.name, False)


def _gazetteer_namesakes(name: str) -> set[str]:
    from touchline.nlp import gazetteer_data

    return set(gazetteer_data.load_default().folded_people.get(gazetteer_data.fold_name(name), set()))


def _gazetteer_entry(eid: str) -> bool:
    from touchline.nlp import gazetteer_data

    return eid in gazetteer_data.load_default().entries


def _remap(analysis: Analysis, mapping: Mapping[str, str | None]) -> Analysis:
    """Every entity reference of an article rewritten through ``mapping`` (None: dropped)."""
    if all(k == v for k, v in mapping.items()):
        return analysis

    def to(value: str | None) -> str | None:
        return mapping.get(value, value) if value else value

    events = []
    for ev in analysis.events:
        changes: dict[str, Any] = {f: to(getattr(ev.detail, f)) for f in ENTITY_FIELDS[ev.kind]}
        if ev.kind == "match":
            changes["scorers"] = tuple(Scorer(to(s.player), to(s.team), s.minute)
                                       for s in ev.detail.scorers)  # type: ignore[union-attr]
        events.append(replace(ev, detail=replace(ev.detail, **changes)))
    mentions = tuple(replace(m, entity=to(m.entity)) for m in analysis.mentions)
    quotes = tuple(replace(q, speaker=to(q.speaker)) for q in analysis.quotes)
    return replace(analysis, events=tuple(events), mentions=mentions, quotes=quotes)
