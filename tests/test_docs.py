"""The README documents every command, setting and spaCy component (datasette-style docs tests)."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import typer.main

from touchline.cli import app
from touchline.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[str]:
    group = typer.main.get_command(app)
    paths = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            paths += [f"{name} {sub}" for sub in subcommands]
        else:
            paths.append(name)
    return paths


def test_every_command_is_documented() -> None:
    missing = [p for p in command_paths() if f"touchline {p}" not in README]
    assert not missing, f"README lacks: {missing}"


def test_every_setting_is_documented() -> None:
    missing = [s.env for s in SETTINGS.values() if f"`{s.env}`" not in README]
    assert not missing, f"README lacks: {missing}"


def test_every_component_is_documented() -> None:
    names = [ep.name for ep in entry_points(group="spacy_factories") if ep.value.startswith("touchline.")]
    assert len(names) == 7
    missing = [n for n in names if f"`{n}`" not in README]
    assert not missing, f"README lacks: {missing}"
