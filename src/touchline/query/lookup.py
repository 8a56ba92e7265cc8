"""Find entities by any of their names, the way a user types them."""

from __future__ import annotations

import unicodedata

from touchline.model import Entity
from touchline.store import Store


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


def find_entities(store: Store, name: str) -> list[Entity]:
    """Entities whose id, name or an alias matches ``name``; exact names before aliases."""
    wanted = search_term(name, "name")
    by_name, by_alias = [], []
    for e in store.entities():
        if e.id == name or fold(e.name) == wanted:
            by_name.append(e)
        elif any(fold(a) == wanted for a in e.aliases):
            by_alias.append(e)
    return by_name or by_alias
