"""stub"""
from typing import Any


def extract_milestones(ctx: Any, hits: Any) -> list[dict[str, Any]]:
    return []
