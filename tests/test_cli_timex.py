"""End-to-end: ``touchline timex`` on our own fixture text and on a TimeML directory."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
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


# What the TempEval-3 toolkit (TE3-evaluation.py) reads from a system file: well-formed
# XML, the DCT as given, unchanged <TEXT> characters, and non-nested TIMEX3 tags with a
# unique tid and a TIMEX3 type and value.  No TimeML validator is published on PyPI, so
# the structure is checked here directly.
_VALUE = re.compile(
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:[\dX.]+[YMWDQLEC])+|PT(?:[\dX.]+[HMS])+|P(?:[\dX.]+[YMWD])+T(?:[\dX.]+[HMS])+"
    r"|[\dX]{2,4}(?:-(?:W[\dX]{1,2}(?:-(?:[1-7]|WE))?|Q[1-4X]|H[12]|SP|SU|FA|WI|[\dX]{2}(?:-[\dX]{2})?))?"
    r"(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI|MI))?(?:/\d{4}-\d{2})?"
    r"|XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI))?)"
)
MIXED = TIMEML.replace(
    "The coach said on Monday that the club &amp; its owners would decide by next week.",
    "Spurs beat Villa 2-1 on Tuesday night &lt;report&gt;. They host Ipswich at 3pm Saturday, "
    "train daily, and have won twice in the past three months; the 2024-25 season ends in May.",
)


def _check_te3_structure(given: str, written: str) -> list[ET.Element]:
    root = ET.fromstring(written)  # well-formed, or this raises
    given_root = ET.fromstring(given)
    dct, given_dct = root.find("DCT"), given_root.find("DCT")
    assert dct is not None and given_dct is not None
    assert ET.tostring(dct) == ET.tostring(given_dct)
    text, given_text = root.find("TEXT"), given_root.find("TEXT")
    assert text is not None and given_text is not None
    assert "".join(text.itertext()) == "".join(given_text.itertext())
    timexes = list(text.iter("TIMEX3"))
    assert all(not list(t) for t in timexes), "nested TIMEX3"
    tids = [t.get("tid") for t in timexes] + [t.get("tid") for t in dct.iter("TIMEX3")]
    assert len(set(tids)) == len(tids)
    for t in timexes:
        assert re.fullmatch(r"t\d+", t.get("tid", ""))
        assert t.get("type") in {"DATE", "TIME", "DURATION", "SET"}
        assert _VALUE.fullmatch(t.get("value", "")), t.get("value")
    return timexes


def test_timeml_output_has_the_structure_te3_reads(tmp_path: Path) -> None:
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    (in_dir / "a.tml.TE3input").write_text(TIMEML, encoding="utf-8")
    (in_dir / "b.tml.TE3input").write_text(MIXED, encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", "--timeml", str(in_dir), "-o", str(out_dir)])
    assert result.exit_code == 0, result.output
    for name, given in (("a", TIMEML), ("b", MIXED)):
        written = (out_dir / f"{name}.tml").read_text(encoding="utf-8")
        assert written.split("<TEXT>")[0] == given.split("<TEXT>")[0]
        timexes = _check_te3_structure(given, written)
        assert timexes
    values = {t.text: t.get("value") for t in _check_te3_structure(MIXED, (out_dir / "b.tml").read_text())}
    assert values["Tuesday night"] == "2024-11-26TNI"
    assert values["3pm Saturday"] == "2024-11-30T15:00"
