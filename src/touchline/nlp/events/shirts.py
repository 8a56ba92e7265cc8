"""Shirt exchanges after a match."""

from __future__ import annotations

from typing import Any

from touchline.nlp.events import people
from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.engine import Hit


def extract(ctx: Context, hits: list[Hit], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every shirt exchange an article tells."""
    return people.extract_shirts(ctx, legacy, clusters)
