"""Store: a protocol and a registry of backends chosen by URL scheme.

``open_store(url)`` is the only way in.  A plain path means SQLite,
``postgresql://`` PostgreSQL, ``memory:`` an in-process store for tests.
Outside packages add backends through the ``touchline.stores`` entry point
group, the same registry the built-in backends use.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from touchline.store.base import StateQuery, Store, StoreError, StoreRejected, StoreStats, WriteBatch

__all__ = ["StateQuery", "Store", "StoreError", "StoreRejected", "StoreStats", "WriteBatch", "open_store",
           "scheme_of"]

BUILTIN_BACKENDS = {
    "sqlite": "touchline.store.sql:SqlStore",
    "postgresql": "touchline.store.sql:SqlStore",
    "memory": "touchline.store.memory:MemoryStore",
}


def scheme_of(url: str) -> str:
    """The backend name for a URL: its scheme, or sqlite for a plain path."""
    head = url.split(":", 1)[0].lower() if ":" in url else ""
    if head == "postgres":
        return "postgresql"
    if head in BUILTIN_BACKENDS or (head and "://" in url):
        return head.split("+", 1)[0]
    return "sqlite"


def _backends() -> dict[str, str]:
    found = dict(BUILTIN_BACKENDS)
    for ep in entry_points(group="touchline.stores"):
        found.setdefault(ep.name, ep.value)
    return found


def open_store(url: str) -> Store:
    scheme = scheme_of(url)
    target = _backends().get(scheme)
    if target is None:
        raise StoreError(f"no store backend for {scheme!r} (database URL {url!r})")
    module, _, cls = target.partition(":")
    backend = getattr(importlib.import_module(module), cls)
    store: Store = backend(url)
    return store
