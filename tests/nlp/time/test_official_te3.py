"""``eval/time/official_te3.py``: our stand-in for the TE3 normaliser's id alignment."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "eval" / "time"))

from official_te3 import align_tids

GOLD = ('<TimeML><TEXT>The board met <TIMEX3 tid="t7" type="DATE" value="2013-03-12">Tuesday</TIMEX3> '
        'and again <TIMEX3 tid="t9" type="DATE" value="2013-03-13">on Wednesday morning</TIMEX3>.'
        '</TEXT></TimeML>')
OURS = ('<TimeML><TEXT>The board <TIMEX3 tid="t1" type="DATE" value="PRESENT_REF">met</TIMEX3> '
        '<TIMEX3 tid="t2" type="DATE" value="2013-03-12">Tuesday</TIMEX3> and again on '
        '<TIMEX3 tid="t3" type="TIME" value="2013-03-13TMO">Wednesday morning</TIMEX3>.</TEXT></TimeML>')


def test_each_timex_takes_the_id_of_the_gold_one_it_overlaps() -> None:
    aligned = align_tids(GOLD, OURS)
    assert 'tid="t7" type="DATE" value="2013-03-12">Tuesday' in aligned
    assert 'tid="t9" type="TIME" value="2013-03-13TMO">Wednesday morning' in aligned
    # a timex overlapping no gold one gets a fresh id that no gold timex has
    assert 'tid="tsys1" type="DATE" value="PRESENT_REF">met' in aligned


def test_only_ids_change() -> None:
    aligned = align_tids(GOLD, OURS)
    assert aligned.replace('"t7"', '"t2"').replace('"t9"', '"t3"').replace('"tsys1"', '"t1"') == OURS
