"""The entity page's timeline as numbers for an SVG: one lane per event kind, events placed on
a date axis, ticks for years (or months on a short span).  The template draws it; nothing
here is markup, so every text goes through the template's escaping."""

from __future__ import annotations

from datetime import date
from typing import Any

KIND_ORDER = ("match", "fixture", "role", "transfer", "injury", "milestone", "standing", "shirt_exchange")
WIDTH = 960
LEFT = 110
RIGHT = 20
LANE = 26
TOP = 14


def day_of(value: str | None) -> date | None:
    """The middle of what a world-time date names: "2024" -> 2024-07-01, "2024-05" -> 2024-05-15."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 7, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15)
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def timeline_chart(events: list[dict[str, Any]], as_of: date | None) -> dict[str, Any] | None:
    dated = [(day_of(e["date"]), e) for e in events]
    placed = [(d, e) for d, e in dated if d is not None]
    if not placed:
        return None
    lanes = [k for k in KIND_ORDER if any(e["kind"] == k for _d, e in placed)]
    lanes += sorted({e["kind"] for _d, e in placed} - set(lanes))
    first = min(d for d, _e in placed)
    last = max(d for d, _e in placed)
    if as_of is not None and abs((as_of - last).days) < 400 and abs((first - as_of).days) < 400:
        first, last = min(first, as_of), max(last, as_of)
    span = max((last - first).days, 30)
    start = date.fromordinal(first.toordinal() - span // 20)
    end = date.fromordinal(last.toordinal() + span // 20)
    total = (end - start).days or 1
    inner = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return round(LEFT + inner * (d - start).days / total, 1)

    height = TOP + LANE * len(lanes) + 30
    points = [{"x": x(d), "y": TOP + LANE * lanes.index(e["kind"]) + LANE / 2, "kind": e["kind"],
               "id": e["id"], "label": f"{e['date']}: {e['title']}",
               "state": (e.get("check") or {}).get("state")} for d, e in placed]
    ticks = []
    if total > 500:
        for year in range(start.year + 1, end.year + 1):
            ticks.append({"x": x(date(year, 1, 1)), "label": str(year)})
    else:
        y, m = start.year, start.month
        while True:
            m += 1
            if m == 13:
                y, m = y + 1, 1
            d = date(y, m, 1)
            if d > end:
                break
            label = d.strftime("%b %Y") if m == 1 or not ticks else d.strftime("%b")
            ticks.append({"x": x(d), "label": label})
    marker = None
    if as_of is not None and start <= as_of <= end:
        marker = {"x": x(as_of), "label": as_of.isoformat()}
    return {"width": WIDTH, "height": height, "left": LEFT, "right": WIDTH - RIGHT, "axis": height - 26,
            "lanes": [{"kind": k, "y": TOP + LANE * i + LANE / 2} for i, k in enumerate(lanes)],
            "points": points, "ticks": ticks, "as_of": marker,
            "undated": len(events) - len(placed)}
