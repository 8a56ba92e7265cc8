"""End-to-end: ``touchline timex`` on our own fixture text and on a TimeML directory."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from touchline.cli import app
from touchline.nlp.time.timeml import read_timeml

ARTICLE = (
    "United edged past Villa on Tuesday night thanks to a goal in the 88th minute. "
    "They travel to Brighton on Saturday afternoon and host Ipswich on December 14."
)

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>fixture</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-11-28" temporalFunction="false" \
functionInDocument="CREATION_TIME">2024-11-28</TIMEX3></DCT>
<TEXT>
The coach said on Monday that the club &amp; its owners would decide by next week.
</TEXT>
</TimeML>
"""


def test_timex_json(tmp_path: Path) -> None:
    path = tmp_path / "match.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", str(path), "--date", "2024-11-28", "--json"])
    assert result.exit_code == 0, result.output
    found = {t["text"]: t for t in json.loads(result.output)["timexes"]}
    assert found["Tuesday night"]["value"] == "2024-11-26TNI"
    assert found["Saturday afternoon"]["value"] == "2024-11-30TAF"
    assert found["December 14"]["value"] == "2024-12-14"
    assert found["the 88th minute"]["anchor"] == "match"


def test_timex_table_without_date_leaves_relative_times_unresolved(tmp_path: Path) -> None:
    path = tmp_path / "match.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", str(path), "--json"])
    assert result.exit_code == 0, result.output
    found = {t["text"]: t for t in json.loads(result.output)["timexes"]}
    assert found["Tuesday night"]["value"] is None
    assert found["Tuesday night"]["reason"]
    table = CliRunner().invoke(app, ["timex", str(path), "--date", "2024-11-28"])
    assert table.exit_code == 0 and "2024-11-26TNI" in table.output


def test_timex_timeml_round_trip(tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "fixture.tml.TE3input").write_text(TIMEML, encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", "--timeml", str(in_dir), "-o", str(out_dir)])
    assert result.exit_code == 0, result.output
    doc = read_timeml(out_dir / "fixture.tml")
    assert "club & its owners" in doc.text
    values = {t.text: t.value for t in doc.timexes}
    assert values == {"Monday": "2024-11-25", "next week": "2024-W49"}
