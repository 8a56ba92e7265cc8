"""Roles: who coaches which team, since when, and who was sacked or appointed."""

from __future__ import annotations

from typing import Any

from touchline.nlp.events import people
from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.engine import Hit


def extract(ctx: Context, hits: list[Hit], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every role an article tells (run before matches: a coach's side needs the coach's team)."""
    return people.extract_roles(ctx, legacy)
