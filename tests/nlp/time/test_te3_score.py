"""The TE3 scorer in ``eval/time``: file pairing and gold scored against itself."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "eval" / "time"))

import te3_score

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-11-28" temporalFunction="false" \
functionInDocument="CREATION_TIME">2024-11-28</TIMEX3></DCT>
<TEXT>
{body}
</TEXT>
</TimeML>
"""

TAGGED = ('The coach spoke on <TIMEX3 tid="t1" type="DATE" value="2024-11-25">Monday</TIMEX3> '
          'about {topic}.')


def _write(folder: Path, name: str, topic: str, tagged: bool = True) -> Path:
    body = TAGGED.format(topic=topic) if tagged else f"The coach spoke on Monday about {topic}."
    path = folder / name
    path.write_text(DOC.format(name=name, body=body), encoding="utf-8")
    return path


def test_gold_against_itself_scores_100(tmp_path: Path) -> None:
    _write(tmp_path, "a.tml", "the derby")
    _write(tmp_path, "b.tml", "the final")
    result = te3_score.score_dirs(tmp_path, tmp_path)
    assert result["gold"] == 2
    assert all(result[k] == 100 for k in ("strict_f1", "relaxed_f1", "value_f1", "type_f1"))


def test_files_pair_by_stem_then_by_text_when_names_differ(tmp_path: Path) -> None:
    gold, system = tmp_path / "gold", tmp_path / "sys"
    gold.mkdir()
    system.mkdir()
    _write(gold, "nyt_sarcozy.tml", "the derby")
    _write(gold, "ap_1.tml", "the final")
    _write(system, "nyt_sarkozy.tml", "the derby")
    _write(system, "ap_1.tml.TE3input", "the final")
    result = te3_score.score_dirs(gold, system)
    assert result["value_f1"] == 100
    assert result["system"] == 2


def test_a_missing_system_file_counts_as_nothing_found(tmp_path: Path) -> None:
    gold, system = tmp_path / "gold", tmp_path / "sys"
    gold.mkdir()
    system.mkdir()
    _write(gold, "a.tml", "the derby")
    _write(gold, "b.tml", "the final")
    _write(system, "a.tml", "the derby")
    result = te3_score.score_dirs(gold, system)
    assert result["relaxed_r"] == 50
    assert result["relaxed_p"] == 100
