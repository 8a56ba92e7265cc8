"""stub"""
from typing import Any


def extract_standings(ctx: Any, hits: Any) -> list[dict[str, Any]]:
    return []
