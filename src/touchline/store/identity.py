"""Entity rows in SQL: written as merges, found by key, and merged into one another.

- :func:`upsert_entities` writes what articles add to entities: a new entity is
  inserted, a known one is merged with
  :func:`touchline.resolve.identity.merge_entity` (names become aliases, clubs
  add up, the kind is refined); aliases and keys are added.
- :func:`entities_by_keys` finds entities by the keys
  :func:`touchline.resolve.identity.entity_keys` gives them (the
  ``entity_keys`` table, indexed), for resolution and for name lookups.
- :func:`merge_ids` folds entities into others and rewrites every reference
  to them (mentions, quote speakers, event fields and scorers, aliases,
  keys): the migration that merges the entities of existing knowledge bases
  uses it.  Nothing is deleted but the merged entities' own rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from touchline.model import ENTITY_FIELDS, Entity
from touchline.resolve.entity_records import entity_keys, merge_entity
from touchline.store import schema as t
from touchline.store.indexing import chunks

logger = logging.getLogger(__name__)



def _insert_ignore(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return pg_dialect.insert(table).on_conflict_do_nothing()
    return sqlite_dialect.insert(table).on_conflict_do_nothing()


# Built once with expanding IN parameters: compiled once and cached, where a list of values
# would be coerced value by value on every call (resolving an article looks entities up twice).
_ALIASES_OF = (select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)
               .where(t.entity_aliases.c.entity_id.in_(bindparam("ids", expanding=True)))
               .order_by(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias))
_ENTITIES_OF = (select(t.entities.c.id, t.entities.c.kind, t.entities.c.name, t.entities.c.attrs)
                .where(t.entities.c.id.in_(bindparam("ids", expanding=True))))
_HOLDERS_OF = (select(t.entity_keys.c.key, t.entity_keys.c.entity_id)
               .where(t.entity_keys.c.key.in_(bindparam("keys", expanding=True))))


def read_entities(conn: Connection, ids: Iterable[str]) -> dict[str, Entity]:
    """The stored entities with these ids, aliases included."""
    wanted = sorted(set(ids))
    out: dict[str, Entity] = {}
    for chunk in chunks(wanted):
        aliases: dict[str, list[str]] = {}
        for entity_id, alias in conn.execute(_ALIASES_OF, {"ids": chunk}):
            aliases.setdefault(entity_id, []).append(alias)
        for entity_id, kind, name, attrs in conn.execute(_ENTITIES_OF, {"ids": chunk}):
            names = tuple(a for a in aliases.get(entity_id, []) if a != name)
            out[entity_id] = Entity(id=entity_id, kind=kind, name=name, aliases=names, attrs=attrs or {})
    return out


def entities_by_keys(conn: Connection, keys: Iterable[str]) -> dict[str, list[Entity]]:
    """For each key, the stored entities holding it."""
    wanted = sorted({k[:300] for k in keys})
    holders: dict[str, list[str]] = {}
    for chunk in chunks(wanted):
        for key, entity_id in conn.execute(_HOLDERS_OF, {"keys": chunk}):
            holders.setdefault(key, []).append(entity_id)
    entities = read_entities(conn, {i for ids in holders.values() for i in ids})
    return {k: [entities[i] for i in sorted(ids) if i in entities] for k, ids in holders.items()}


def _write_names(conn: Connection, *entities: Entity) -> None:
    """Aliases and keys of entities, added (what is there already stays)."""
    alias_rows = [{"entity_id": e.id, "alias": a[:300]}
                  for e in entities for a in sorted({e.name, *e.aliases})]
    key_rows = [{"key": k[:300], "entity_id": e.id} for e in entities for k in entity_keys(e)]
    if alias_rows:
        conn.execute(_insert_ignore(conn, t.entity_aliases), alias_rows)
    if key_rows:
        conn.execute(_insert_ignore(conn, t.entity_keys), key_rows)


def upsert_entities(conn: Connection, additions: Iterable[Entity]) -> None:
    """Write what articles add to entities, in order: new ones inserted, known ones merged."""
    pending: dict[str, Entity] = {}
    order: list[Entity] = list(additions)
    stored = read_entities(conn, {e.id for e in order})
    for e in order:
        old = pending.get(e.id) or stored.get(e.id)
        pending[e.id] = merge_entity(old, e) if old is not None else e
    inserts, updates = [], []
    for eid, entity in pending.items():
        row = {"kind": entity.kind, "name": entity.name, "attrs": dict(entity.attrs)}
        if eid in stored:
            if stored[eid] != entity:
                updates.append({"eid": eid, **row})
        else:
            inserts.append({"id": eid, **row})
    if inserts:
        conn.execute(t.entities.insert(), inserts)
    if updates:  # one executemany, not a statement per entity
        conn.execute(update(t.entities).where(t.entities.c.id == bindparam("eid")), updates)
    _write_names(conn, *pending.values())


def _rewrite_fields(fields: dict[str, Any], kind: str, mapping: Mapping[str, str]) -> dict[str, Any]:
    out = dict(fields)
    for name in ENTITY_FIELDS.get(kind, ()):
        value = out.get(name)
        if isinstance(value, str) and value in mapping:
            out[name] = mapping[value]
    if isinstance(out.get("scorers"), list):
        out["scorers"] = [{**s, "player": _through(mapping, s.get("player")),
                           "team": _through(mapping, s.get("team"))}
                          if isinstance(s, dict) else s for s in out["scorers"]]
    return out


def _through(mapping: Mapping[str, str], value: Any) -> Any:
    return mapping.get(value, value) if isinstance(value, str) else value


def merge_ids(conn: Connection, mapping: Mapping[str, str]) -> int:
    """Fold each entity ``old`` of ``mapping`` into ``mapping[old]`` and rewrite every reference.

    The target must exist (or be created from the first entity folded into it);
    its record becomes the merge of all of them.  Returns how many entities
    were folded away.  Chains (a -> b -> c) are followed.
    """
    def final(eid: str) -> str:
        seen = set()
        while eid in mapping and mapping[eid] != eid and eid not in seen:
            seen.add(eid)
            eid = mapping[eid]
        return eid

    flat = {old: final(old) for old in mapping if final(old) != old}
    if not flat:
        return 0
    records = read_entities(conn, {*flat, *flat.values()})
    merged: dict[str, Entity] = {}
    for old, new in sorted(flat.items()):
        source = records.get(old)
        if source is None:
            continue
        base = merged.get(new) or records.get(new)
        target = Entity(id=new, kind=source.kind, name=source.name, aliases=source.aliases,
                        attrs=source.attrs)
        merged[new] = merge_entity(base, target) if base is not None else target
    for new, entity in merged.items():
        row = {"kind": entity.kind, "name": entity.name, "attrs": dict(entity.attrs)}
        if new in records:
            conn.execute(update(t.entities).where(t.entities.c.id == new).values(**row))
        else:
            conn.execute(t.entities.insert().values(id=new, **row))
        _write_names(conn, entity)
    olds = sorted(flat)
    for old in olds:
        new = flat[old]
        conn.execute(update(t.quotes).where(t.quotes.c.speaker == old).values(speaker=new))
        _move_mentions(conn, old, new)
    _rewrite_events(conn, flat)
    for chunk in chunks(olds):
        conn.execute(delete(t.entity_aliases).where(t.entity_aliases.c.entity_id.in_(chunk)))
        conn.execute(delete(t.entity_keys).where(t.entity_keys.c.entity_id.in_(chunk)))
        conn.execute(delete(t.entities).where(t.entities.c.id.in_(chunk)))
    return len(olds)


def _move_mentions(conn: Connection, old: str, new: str) -> None:
    conn.execute(update(t.mentions).where(t.mentions.c.entity == old).values(entity=new))


def _rewrite_events(conn: Connection, mapping: Mapping[str, str]) -> None:
    """Event fields and scorers pointing at a merged entity point at its target."""
    rows = conn.execute(select(t.events.c.id, t.events.c.kind, t.events.c.fields)).all()
    for eid, kind, fields in rows:
        if not isinstance(fields, dict):
            continue
        rewritten = _rewrite_fields(fields, kind, mapping)
        if rewritten != fields:
            conn.execute(update(t.events).where(t.events.c.id == eid).values(fields=rewritten))
