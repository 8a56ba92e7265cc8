"""Find an entity by any of its names, the way a user types them.

:func:`resolve_entity` tries, in order, and stops at the first step that finds something:

1. the entity id itself ("person:alex-ferguson");
2. an entity's name, case, accents, punctuation and a leading "the" ignored
   ("real madrid", "Arsène Wenger");
3. an alias ("Spurs", "Sir Alex Ferguson") or a person's name written another
   way ("Rafa Benitez" for Rafael Benítez, "Alex Ferguson" for "Sir Alex Ferguson");
4. a surname alone ("Bellingham", "Wenger"), when the query has no given name;
5. a club's name without the words it may carry or drop ("Castelmar" for "Castelmar FC").

One entity found: that is the answer.  Several at one step: :class:`AmbiguousName`,
which lists them.  None: :class:`UnknownName`.  Both carry a one-line
message; the CLI prints it and exits 1, the Python API raises it.  Entities are
found through the store's key index (``entities_by_keys``), never by reading
every entity.
"""

from __future__ import annotations

import unicodedata

from touchline.model import Entity
from touchline.nlp import names
from touchline.resolve.entity_records import is_person, person_keys, surname_key, thing_key
from touchline.store import Store


class NameLookupError(LookupError):
    """A name that does not pick out one entity; ``str(error)`` is one line for the user."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


class UnknownName(NameLookupError):
    """No entity has this name, alias or surname."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"no entity named {name!r}")


class AmbiguousName(NameLookupError):
    """Several entities answer to this name; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[Entity]) -> None:
        listed = "; ".join(f"{e.name} ({e.id})" for e in candidates[:10])
        more = f"; and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(name, f"{name!r} names {len(candidates)} entities: {listed}{more}; "
                               "give the full name or the id")
        self.candidates = candidates


def fold(name: str) -> str:
    """Case, accents, punctuation and a leading "the" ignored: "the Reds" ~ "reds"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'").lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class SearchTermError(ValueError):
    """A search term with nothing to search for once folded ("%", "--", "")."""


def search_term(value: str, what: str) -> str:
    """``value`` folded, or SearchTermError when nothing is left: a term of only
    punctuation would otherwise match every name or quote."""
    folded = fold(value)
    if not folded:
        raise SearchTermError(f"{what} {value!r} has no letters or digits to search for")
    return folded


def _steps(store: Store, name: str) -> list[list[Entity]]:
    """The entities each step of the lookup finds, in order."""
    search_term(name, "name")
    query = name.strip()
    by_id = list(store.entities([query])) if ":" in query else []
    parsed = names.parse(names.without_honorifics(query))
    keys = [thing_key("any", query), *person_keys(query)]
    if not parsed.full and parsed.surname:
        keys.append(surname_key(parsed.surname))
    found = {e.id: e for holders in store.entities_by_keys(keys).values() for e in holders}
    wanted = fold(query)
    by_name = [e for e in found.values() if fold(e.name) == wanted]
    by_alias = [e for e in found.values() if any(fold(a) == wanted for a in e.aliases)
                or (parsed.full and is_person(e) and person_keys(query)[0] in person_keys(e.name))
                or (parsed.full and is_person(e) and any(person_keys(query)[0] in person_keys(a)
                                                         for a in e.aliases))]
    by_surname: list[Entity] = []
    if not parsed.full and parsed.surname:
        by_surname = [e for e in found.values() if is_person(e) and names.parse(e.name).full
                      and surname_key(parsed.surname) in person_keys(e.name)]
    # A team by its name's key: "Castelmar" ~ "Castelmar FC" (affixes ignored).
    team_key = thing_key("club", query)
    by_team_key = [e for e in found.values() if e.kind in ("club", "national_team")
                   and any(thing_key("club", f) == team_key for f in (e.name, *e.aliases))]
    return [by_id, by_name, by_alias, by_surname, by_team_key]


def find_entities(store: Store, name: str) -> list[Entity]:
    """The entities the first fruitful lookup step finds (empty when none), sorted by id."""
    for step in _steps(store, name):
        if step:
            return sorted({e.id: e for e in step}.values(), key=lambda e: e.id)
    return []


def resolve_entity(store: Store, name: str) -> Entity:
    """The one entity ``name`` picks out; :class:`UnknownName` or :class:`AmbiguousName` otherwise."""
    found = find_entities(store, name)
    if not found:
        raise UnknownName(name)
    if len(found) > 1:
        raise AmbiguousName(name, found)
    return found[0]
