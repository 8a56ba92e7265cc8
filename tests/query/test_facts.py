"""`touchline facts ENTITY --as-of D [--known-at D2]`: answered from the states the store derived,
one fact per relation, with since/until and sources; checked on articles of our own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchline.cli import app
from touchline.query.asof import facts_as_of
from touchline.store import StateQuery, open_store

runner = CliRunner()

ARTICLES = {
    # Gordon Pell holds the Northbridge Rovers job, then Tomas Varga is appointed.
    "pell.txt": """ date 2024-02-10
Northbridge Rovers manager Gordon Pell watched his side beat Castelmar FC 2-0 at Harrow Lane on Saturday.
""",
    "varga.txt": """ date 2024-06-20
Northbridge Rovers have appointed Tomas Varga as their new manager on a three-year contract.
""",
    # The same day, two articles name Rui Sousa as Castelmar FC's coach and one names Duarte Pimentel.
    "castelmar-pimentel.txt": """ date 2024-09-01
Castelmar FC manager Duarte Pimentel saw his side draw 1-1 with Kestrel Town on Saturday.
""",
    "castelmar-sousa-1.txt": """ date 2024-09-01
Castelmar FC manager Rui Sousa was pleased with a point against Kestrel Town on Saturday.
""",
    "castelmar-sousa-2.txt": """ date 2024-09-01
Kestrel Town drew 1-1 with Castelmar FC, whose manager Rui Sousa praised his defenders.

Castelmar FC boss Rui Sousa said little else.
""",
    # An injury with an expected return, then a later report that moves it.
    "oduya-1.txt": """ date 2025-02-03
Kestrel Town striker Bram Oduya will be out for three weeks with a hamstring strain.
""",
    "oduya-2.txt": """ date 2025-02-20
Kestrel Town striker Bram Oduya is sidelined until April with a hamstring strain.
""",
    # A past role told in passing: Ivo Holt held the Kestrel Town job once, not now.
    "holt.txt": """ date 2025-01-11
Kestrel Town beat Northbridge Rovers 2-0 on Saturday.

The game was watched from the stands by former Kestrel Town manager Ivo Holt.
""",
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("news")
    # the one-article source first: the tie below must not go to the first one stored
    for name in sorted(ARTICLES, key=lambda n: n != "castelmar-pimentel.txt"):
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    db = str(folder / "kb.db")
    for name in sorted(ARTICLES, key=lambda n: n != "castelmar-pimentel.txt"):
        result = runner.invoke(app, ["--db", db, "ingest", str(folder / name)])
        assert result.exit_code == 0, result.output
    return db


def facts(db: str, entity: str, as_of: str, *more: str) -> dict[str, Any]:
    result = runner.invoke(app, ["--db", db, "facts", entity, "--as-of", as_of, *more, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def coach(document: dict[str, Any]) -> str | None:
    found = [f["value"] for f in document["facts"] if f["relation"] == "head_coach"]
    assert len(found) <= 1  # one fact per relation
    return found[0] if found else None


def test_the_coach_on_a_day_with_since_until_and_sources(kb: str) -> None:
    before = facts(kb, "Northbridge Rovers", "2024-03-01")
    [fact] = [f for f in before["facts"] if f["relation"] == "head_coach"]
    assert (fact["value"], fact["since"], fact["until"]) == ("Gordon Pell", "2024-02-10", "2024-06-20")
    [source] = fact["sources"]
    assert Path(source["source"]).name == "pell.txt" and source["published"] == "2024-02-10"
    assert "Gordon Pell" in source["text"] and source["end"] > source["start"]
    assert coach(facts(kb, "Northbridge Rovers", "2024-07-01")) == "Tomas Varga"


def test_known_at_answers_what_the_articles_published_then_said(kb: str) -> None:
    # on 2024-03-01 nobody had reported Varga's appointment: Pell's term was still open
    then = facts(kb, "Northbridge Rovers", "2024-07-01", "--known-at", "2024-03-01")
    [fact] = [f for f in then["facts"] if f["relation"] == "head_coach"]
    assert (fact["value"], fact["until"]) == ("Gordon Pell", None)
    assert coach(facts(kb, "Northbridge Rovers", "2024-07-01", "--known-at", "2024-06-20")) == "Tomas Varga"


def test_a_coach_answers_with_his_team(kb: str) -> None:
    document = facts(kb, "Tomas Varga", "2024-12-01")
    assert [(f["relation"], f["value"]) for f in document["facts"]] == [
        ("head_coach_of", "Northbridge Rovers")]


def test_same_day_tie_goes_to_the_coach_more_articles_name(kb: str) -> None:
    """Two coaches of one club start on the same date; the better supported one holds, although the
    other was stored first."""
    store = open_store(kb)
    try:  # both were read as Castelmar FC's coach on that day
        coaches = {e.detail.person for e in store.events(["role"])  # type: ignore[union-attr]
                   if e.detail.team == "club:castelmar-fc" and e.date == "2024-09-01"}  # type: ignore[union-attr]
    finally:
        store.close()
    assert {c.split(":")[1] for c in coaches if c} == {"duarte-pimentel", "rui-sousa"}
    document = facts(kb, "Castelmar FC", "2024-09-15")
    [fact] = [f for f in document["facts"] if f["relation"] == "head_coach"]
    assert fact["value"] == "Rui Sousa" and fact["support"] == 2


def test_a_former_manager_is_never_the_current_one(kb: str) -> None:
    store = open_store(kb)
    try:  # read and kept as a closed interval with an unknown start
        [held] = [s for s in store.states(StateQuery(entity="club:kestrel-town"))
                  if s.relation == "head_coach"]
    finally:
        store.close()
    assert (held.object, held.valid_from, held.valid_to) == ("person:ivo-holt", None, "2025-01-11")
    assert coach(facts(kb, "Kestrel Town", "2025-01-11")) is None
    assert coach(facts(kb, "Kestrel Town", "2031-01-01")) is None
    assert facts(kb, "Ivo Holt", "2025-01-11")["facts"] == []


def test_the_python_api_answers_the_same(kb: str) -> None:
    store = open_store(kb)
    try:
        entity, found = facts_as_of(store, "Northbridge Rovers", date(2024, 3, 1))
        assert entity.name == "Northbridge Rovers"
        assert [(f.relation, f.value, f.since, f.until) for f in found if f.relation == "head_coach"] == [
            ("head_coach", "Gordon Pell", "2024-02-10", "2024-06-20")]
    finally:
        store.close()


def test_a_bad_known_at_is_one_line(kb: str) -> None:
    result = runner.invoke(app, ["--db", kb, "facts", "Northbridge Rovers", "--as-of", "2024-03-01",
                                 "--known-at", "March"])
    assert result.exit_code == 2 and "--known-at" in result.output


def test_an_injury_holds_until_its_expected_return(kb: str) -> None:
    def injured(*more: str) -> dict[str, Any]:
        found = facts(kb, "Bram Oduya", "2025-02-10", *more)["facts"]
        [fact] = [f for f in found if f["relation"] == "injured"]
        return fact

    then = injured("--known-at", "2025-02-05")  # as the first report told it
    assert (then["value"], then["since"], then["until"], then["until_expected"]) == \
        ("hamstring strain", "2025-02-03", "2025-02-24", True)
    now = injured()
    assert (now["until"], now["until_expected"], now["known_from"]) == ("2025-04-01", True, "2025-02-20")
    shown = runner.invoke(app, ["--db", kb, "facts", "Bram Oduya", "--as-of", "2025-02-10"])
    assert "2025-04-01" in shown.stdout and "(expected)" in shown.stdout
