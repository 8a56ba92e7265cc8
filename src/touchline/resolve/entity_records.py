"""Entity records in touchline's terms: the keys an entity is found by, and merging what articles say.

Used by :mod:`touchline.resolve.identity` (mapping an article onto the
knowledge base), by the stores (writing and finding entities) and by name
lookups.  A person's keys are "pk:<name key>" (the full name, spelled the
one way :class:`touchline.nlp.names.PersonName` gives) and "ps:<surname>";
other entities' "nk:<kind>:<folded name>"; "nk:any:..." finds a name
whatever kind was guessed for it; a coach's "coach-of:<team>" the coaches a
club is known to have had.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any

from touchline.model import Entity, slugify
from touchline.nlp import names

PERSON_KINDS = frozenset({"player", "coach", "person"})
TEAM_KINDS = frozenset({"club", "national_team"})
_KIND_RANK = {"person": 0, "player": 1, "coach": 2}
# Words a club's name may carry or drop ("Kestrel Town FC" is "Kestrel Town").
_CLUB_AFFIXES = frozenset({"fc", "afc", "cf", "sc", "the", "football", "club"})

# keys -> the stored entities holding each (the store's ``entities_by_keys``)
Lookup = Callable[[Iterable[str]], Mapping[str, Iterable[Entity]]]


# --- keys ------------------------------------------------------------------------------


def is_person(entity: Entity) -> bool:
    """A player, coach or person with a name to resolve by."""
    return entity.kind in PERSON_KINDS and isinstance(entity.name, str)


def person_name(name: str) -> names.PersonName:
    return names.parse(names.clean_person_name(name) or name)


def person_keys(name: str) -> list[str]:
    """"pk:<key>" for a full name, "ps:<surname>" for its surname."""
    parsed = person_name(name)
    keys = []
    if parsed.full:
        keys.append(f"pk:{parsed.key}")
    if parsed.surname:
        keys.append(f"ps:{parsed.surname.replace(' ', '')}")
    return keys


def surname_key(surname: str) -> str:
    return f"ps:{names.fold(surname).replace(' ', '')}"


def thing_key(kind: str, name: str) -> str:
    """"nk:<kind>:<folded name>" for a club, competition, venue ("nk:any:..." for any kind);
    a club's without "FC" and the like."""
    group = "team" if kind in TEAM_KINDS else kind
    words = names.fold(name).split()
    if group in ("team", "any"):
        words = [w for w in words if w not in _CLUB_AFFIXES] or words
    return f"nk:{group}:{' '.join(words)}"


def entity_keys(entity: Entity) -> list[str]:
    """Every key an entity is found by: its name's and its aliases'."""
    forms = [f for f in (entity.name, *entity.aliases) if isinstance(f, str) and f.strip()]
    keys: list[str] = []
    for form in forms:
        keys += person_keys(form) if is_person(entity) else [thing_key(entity.kind, form)]
    # A person the NER took for a thing (or the reverse) is found by this one.
    keys += [thing_key("any", form) for form in forms if len(form.split()) >= 2 or not is_person(entity)]
    if entity.kind == "coach":
        # "the Harbour boss": the coaches a club has had.
        keys += [f"coach-of:{team}" for team in sorted(teams_of(entity))]
    return list(dict.fromkeys(keys))


def person_id(name: str) -> str:
    """The id a new person gets: "person:alex-ferguson" for "Sir Alex Ferguson" or "Alex Ferguson".
    Later spellings ("Rafa"/"Rafael") find the person by the name's key, not by this id."""
    return f"person:{slugify(names.without_honorifics(names.clean_person_name(name) or name))}"


# --- what an entity is linked to, and merging what articles say ------------------------------


def teams_of(entity: Entity) -> set[str]:
    """The clubs and national teams articles have linked an entity to ("Harbour manager Ivo
    Brandt", "Brandt, the Harbour boss"): ``attrs["teams"]`` and what the article states.

    The gazetteer's clubs are left out on purpose: they hold for its seasons only, and an
    article of another era naming the club says nothing about that person.
    """
    attrs = entity.attrs or {}
    teams = {t for t in attrs.get("teams") or () if isinstance(t, str)}
    stated = attrs.get("stated")
    if isinstance(stated, dict):
        for key in ("club", "team", "national_team"):
            value = stated.get(key)
            if isinstance(value, str) and value.split(":", 1)[0] in TEAM_KINDS:
                teams.add(value)
    return teams


def refined_kind(kinds: Mapping[str, int]) -> str:
    """The kind most articles gave: player or coach (coach on a tie) over a bare person."""
    specific = {k: n for k, n in kinds.items() if k in ("player", "coach") and n > 0}
    if not specific:
        return "person"
    return max(specific, key=lambda k: (specific[k], _KIND_RANK[k]))


def merge_entity(old: Entity, new: Entity) -> Entity:
    """What the knowledge base held plus what an article adds: its names become aliases, clubs
    add up, the kind is refined by the articles' votes, gazetteer facts fill gaps, and the
    gazetteer's spelling of the name leads once known."""
    attrs: dict[str, Any] = {k: v for k, v in (old.attrs or {}).items() if k != "stated"}
    for key, value in (new.attrs or {}).items():
        if key not in ("teams", "kinds", "stated", "roles_stated"):
            attrs.setdefault(key, value)
    teams = teams_of(old) | teams_of(new)
    if teams:
        attrs["teams"] = sorted(teams)
    roles = {*old.attrs.get("roles_stated", ()), *new.attrs.get("roles_stated", ())}
    if roles:
        attrs["roles_stated"] = sorted(roles)
    name = old.name
    if new.attrs.get("gazetteer") and not old.attrs.get("gazetteer"):
        name = new.name
    aliases = sorted({*old.aliases, *new.aliases, old.name, new.name} - {name})
    kind = old.kind
    if is_person(old) and is_person(new):
        kinds: Counter[str] = Counter(old.attrs.get("kinds") or {old.kind: 1})
        kinds.update(new.attrs.get("kinds") or {new.kind: 1})
        attrs["kinds"] = dict(sorted(kinds.items()))
        kind = refined_kind(kinds)
    return Entity(id=old.id, kind=kind, name=name, aliases=tuple(aliases), attrs=attrs)


def addition(entity: Entity, eid: str, name: str, gazetteer: bool) -> Entity:
    """What one article says about an entity, under the knowledge base's id."""
    attrs: dict[str, Any] = {k: v for k, v in (entity.attrs or {}).items() if k != "stated"}
    teams = teams_of(entity)
    if teams:
        attrs["teams"] = sorted(teams)
    stated = (entity.attrs or {}).get("stated")
    if isinstance(stated, dict):
        # What the text said of them: "Harbour vice-chairman Ana Lopes", "the 24-year-old defender".
        if isinstance(stated.get("role"), str):
            attrs["roles_stated"] = [stated["role"]]
        if isinstance(stated.get("position"), str):
            attrs.setdefault("position", stated["position"])
    if gazetteer:
        attrs["gazetteer"] = entity.id
    kind = entity.kind
    if is_person(entity):
        attrs["kinds"] = {entity.kind: 1}
    aliases = sorted({*entity.aliases, entity.name} - {name})
    return Entity(id=eid, kind=kind, name=name, aliases=tuple(aliases), attrs=attrs)


def _same_article(a: Entity, b: Entity) -> Entity:
    """Two readings of one entity in one article: one vote for the more specific kind."""
    merged = merge_entity(a, b)
    if is_person(merged):
        kind = max((a.kind, b.kind), key=lambda k: _KIND_RANK.get(k, 0))
        merged = replace(merged, kind=kind, attrs={**merged.attrs, "kinds": {kind: 1}})
    return merged
