"""Injuries: who, which part, how long out (rules in data/events/rules/injuries.jsonl)."""

from __future__ import annotations

from typing import Any

from touchline.nlp.events import people
from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.engine import Hit


def extract(ctx: Context, hits: list[Hit], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every injury an article tells."""
    return people.extract_injuries(ctx, legacy)
