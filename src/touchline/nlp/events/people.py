"""stub"""
from typing import Any


def extract_roles(ctx: Any, hits: Any) -> list[dict[str, Any]]:
    return []
def extract_shirts(ctx: Any, hits: Any, clusters: Any) -> list[dict[str, Any]]:
    return []
def extract_injuries(ctx: Any, hits: Any) -> list[dict[str, Any]]:
    return []
def extract_transfers(ctx: Any, hits: Any) -> list[dict[str, Any]]:
    return []
