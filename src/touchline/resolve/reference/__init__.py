"""Results reference: every extracted match and fixture checked against open results data.

``check_events`` is the one entry point the resolve flow calls (before event
ids are made, so a date the reference fills makes two reports of one game
share an id); ``import_path`` adds a user's Football.TXT files to the user
reference.  See ``link.py`` for how events are linked and ``README.md``
("Results reference") for the whole story.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from touchline.model import Entity, Event, MatchEvent, ReferenceResult
from touchline.resolve.reference.build import BuildReport, add_files
from touchline.resolve.reference.check import merge_checks
from touchline.resolve.reference.db import ReferenceWriter
from touchline.resolve.reference.footballtxt import FootballTxtError
from touchline.resolve.reference.link import apply_result, link_event, stated_home, window_of
from touchline.resolve.reference.sources import (
    ENV_DIR,
    USER_FILE,
    Reference,
    default_reference,
    open_reference,
)

__all__ = [
    "ENV_DIR",
    "BuildReport",
    "FootballTxtError",
    "Reference",
    "check_events",
    "default_reference",
    "import_path",
    "merge_checks",
    "open_reference",
    "same_game_again",
    "window_of",
]

logger = logging.getLogger(__name__)


def check_events(events: Iterable[Event], published: date | None, entities: Mapping[str, Entity],
                 reference: Reference | None = None) -> tuple[list[Event], list[Entity]]:
    """Every match and fixture with its ``check`` (other events unchanged), and the competition
    entities the reference named that the article did not."""
    ref = reference or default_reference()
    clubs = {k: {"attrs": dict(e.attrs)} for k, e in entities.items() if e.kind == "club"}
    out: list[Event] = []
    added: dict[str, Entity] = {}
    for ev in events:
        if ev.kind not in ("match", "fixture"):
            out.append(ev)
            continue
        linked, competition = link_event(ev, published, ref, clubs)
        if ev.hints.get("only_if_linked") and (linked.check is None or linked.check.state != "confirmed"):
            continue  # a game only named: worth a fact only as the one result the record has
        out.append(linked)
        if competition is not None and competition.id not in entities:
            added.setdefault(competition.id, competition)
    return same_game_again(out, published, ref, clubs), list(added.values())


def same_game_again(events: list[Event], published: date | None, reference: Reference,
                    clubs: Mapping[str, Mapping[str, Any]]) -> list[Event]:
    """An undated mention of two clubs whose game the same article reports (and the reference
    links) is that game told again, in its window: linked to it too, so a misread second telling
    ("Real Madrid won 3-0" for Sevilla's 3-0 win) is flagged and merges with the first."""
    games: dict[frozenset[str], ReferenceResult] = {}
    for ev in events:
        ref = ev.check.reference if ev.check else None
        if ref is not None and ev.kind == "match":
            games.setdefault(frozenset((ref.home, ref.away)), ref)
    out = []
    for ev in events:
        detail = ev.detail
        if ev.kind == "match" and ev.date is None and ev.check and ev.check.reference is None \
                and isinstance(detail, MatchEvent):
            ref = games.get(frozenset((detail.home or "", detail.away or "")))
            win = window_of(ev, published)
            if ref is not None and win is not None and win.first <= date.fromisoformat(ref.date) <= win.last:
                ev = apply_result(ev, ref, win, stated_home(ev, clubs) is not None, reference)[0]
        out.append(ev)
    return out


def import_path(path: Path, dest_dir: Path) -> BuildReport:
    """Add the Football.TXT files at ``path`` (a file or a folder) to the user reference in
    ``dest_dir``.  Files that cannot be read are skipped with one line each; raises
    :class:`FootballTxtError` (one line naming the file and reason) when nothing could be added."""
    from touchline.nlp.gazetteer_data import load_default
    from touchline.resolve.reference.names import ClubNames

    if not path.exists():
        raise FootballTxtError(f"{path}: no such file or directory")
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.txt") if not p.name.startswith("."))
    if not files:
        raise FootballTxtError(f"{path}: no .txt files")
    clubs = ClubNames.from_entries(load_default().entries.values())
    writer = ReferenceWriter(dest_dir / USER_FILE)
    try:
        report = add_files(writer, ((p, str(p.resolve())) for p in files), clubs)
    finally:
        writer.finish()
    if report.files == 0:
        raise FootballTxtError(report.skipped[0] if report.skipped else f"{path}: no results found")
    return report
