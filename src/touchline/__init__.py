"""touchline: turn dated football news into a time-aware knowledge base."""

from __future__ import annotations

import logging

__version__ = "0.1.0"
__all__ = ["AmbiguousName", "KnowledgeBase", "NameLookupError", "UnknownName", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> object:
    # Imported lazily: `import touchline` stays cheap for the CLI's --help.
    if name == "KnowledgeBase":
        from touchline.api import KnowledgeBase

        return KnowledgeBase
    if name in ("AmbiguousName", "NameLookupError", "UnknownName"):
        from touchline.query import lookup

        return getattr(lookup, name)
    raise AttributeError(name)
