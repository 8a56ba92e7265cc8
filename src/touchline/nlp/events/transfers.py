"""Transfers: who moved from where to where, completed, loan or rumour."""

from __future__ import annotations

from typing import Any

from touchline.nlp.events import people
from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.engine import Hit


def extract(ctx: Context, hits: list[Hit], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every transfer an article tells."""
    return people.extract_transfers(ctx, legacy)
