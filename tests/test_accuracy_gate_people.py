"""The accuracy gate for quotes and people: real-dev must stay above the floors in eval/floors.json.

Ingests ``../shared/eval/real-dev`` (and the seeds) through ``eval/extraction/real_dev.py``
and compares the scorer's figures with the pinned floors.  Skips, with its reason, only
where ``../shared`` is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not (SHARED / "eval" / "real-dev" / "gold.json").exists(),
                    reason=f"no real-dev gold at {SHARED / 'eval' / 'real-dev'}")
def test_real_dev_quotes_and_people_stay_above_their_floors() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "eval" / "extraction" / "real_dev.py"),
                           "--shared", str(SHARED), "--json"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    scores = json.loads(done.stdout)
    below = {k: (scores.get(k), floor) for k, floor in FLOORS["real-dev"].items()
             if scores.get(k) is None or scores[k] < floor}
    assert not below, f"below the floor (got, floor): {below}"
