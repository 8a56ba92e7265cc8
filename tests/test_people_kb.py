"""People across a knowledge base, end to end on our own fixture articles (tests/fixtures/people/).

One manager appears as "Sir Alan Hartigan", "Alan Hartigan", "Hartigan" and "the Kestrel
Rovers boss" across four articles; two players share the surname Reddy.  The knowledge
base holds one entity for the manager and two for the players, and every command finds
them by any name, or says in one line why it cannot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchline import AmbiguousName, KnowledgeBase, UnknownName
from touchline.cli import app

PEOPLE = Path(__file__).parent / "fixtures" / "people"
runner = CliRunner()


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("people") / "kb.db")
    with KnowledgeBase(db) as kb:
        report = kb.ingest([PEOPLE])
    assert report.added == 4
    return db


def test_one_entity_for_the_manager_and_two_for_the_players(kb_path: str) -> None:
    with KnowledgeBase(kb_path) as kb:
        people = [e for e in kb.store.entities() if e.kind in ("player", "coach", "person")]
        hartigan = [e for e in people if "Hartigan" in e.name or any("Hartigan" in a for a in e.aliases)]
        reddy = [e for e in people if e.name.endswith("Reddy")]
        assert len(hartigan) == 1
        assert hartigan[0].kind == "coach"
        assert sorted(e.name for e in reddy) == ["Callum Reddy", "Sam Reddy"]
        manager = hartigan[0].id
        # Every article that names him, whichever way, points at that one entity.
        assert len(kb.store.articles_mentioning(manager)) == 4
        assert {q.speaker for q in kb.store.quotes() if q.speaker_name and "Hartigan" in q.speaker_name} == {
            manager}


def test_every_command_finds_him_by_any_name(kb_path: str) -> None:
    for name in ("Sir Alan Hartigan", "Alan Hartigan", "Hartigan", "person:alan-hartigan"):
        result = runner.invoke(app, ["--db", kb_path, "quotes", "--speaker", name, "--json"])
        assert result.exit_code == 0, result.output
        assert len([q for q in result.stdout.split('"speaker_name"') if "Hartigan" in q]) >= 4
        assert runner.invoke(app, ["--db", kb_path, "timeline", name, "--json"]).exit_code == 0
        assert runner.invoke(app, ["--db", kb_path, "facts", name, "--as-of", "2019-09-01"]).exit_code == 0


@pytest.mark.parametrize("command", [
    ["timeline", "{}"], ["timeline", "{}", "--json"], ["facts", "{}", "--as-of", "2019-09-01"],
    ["facts", "{}", "--as-of", "2019-09-01", "--json"], ["quotes", "--speaker", "{}"],
    ["quotes", "--about", "{}", "--json"],
])
def test_unknown_and_ambiguous_names_end_every_command_the_same_way(kb_path: str, command: list[str]) -> None:
    for name, message in (("Nobody Atall", "error: no entity named 'Nobody Atall'"),
                          ("Reddy", "error: 'Reddy' names 2 entities: Callum Reddy")):
        args = [a.replace("{}", name) for a in command]
        result = runner.invoke(app, ["--db", kb_path, *args])
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(message), result.stderr
        assert result.stderr.count("\n") == 1  # one line
        assert result.stdout == ""


def test_the_python_api_raises_the_same(kb_path: str) -> None:
    with KnowledgeBase(kb_path) as kb:
        with pytest.raises(UnknownName):
            kb.timeline("Nobody Atall")
        with pytest.raises(AmbiguousName) as err:
            kb.quotes(speaker="Reddy")
        assert {e.name for e in err.value.candidates} == {"Callum Reddy", "Sam Reddy"}
        assert kb.entity("Hartigan").name == "Alan Hartigan"
