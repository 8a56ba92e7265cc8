"""The accuracy gate: extraction scored on real and seed articles must not fall below pinned floors.

Runs ``eval/extraction/real_dev.py --json`` (the unchanged ``score.py`` of
``../shared/eval``) on the real, dated development articles and on the two
seeds, and compares every measure pinned in ``floors.json``.  The articles
belong to their publishers and are read from ``../shared`` (or
``$TOUCHLINE_SHARED``); where neither exists the test skips and says so.

``python tests/accuracy/test_gate.py --pin`` re-pins the floors at the current
figures minus the margin; it never lowers a floor without ``--allow-lower``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = Path(__file__).with_name("floors.json")
GATED = ("overall", "match_precision", "match_f1", "match_cross_article_merge", "scorer_f1", "role_recall",
         "injury_recall", "transfer_recall", "standing_recall", "fixture_recall", "quote_precision",
         "quote_f1", "timex_value_recall", "entity_resolution", "milestone_recall", "milestone_precision",
         "shirt_exchange_recall", "shirt_exchange_precision")


def shared_dir() -> Path | None:
    for candidate in (os.environ.get("TOUCHLINE_SHARED"), str(ROOT.parent / "shared")):
        if candidate and (Path(candidate) / "eval" / "score.py").exists():
            return Path(candidate)
    return None


_MEASURED: dict[str, dict[str, float]] = {}


def measure(shared: Path, gold_set: str) -> dict[str, float]:
    """The scorer's figures for one gold set.  One knowledge base holds the real-dev articles and
    the seeds; each gold set is scored on its export (ingesting is the slow part)."""
    if not _MEASURED:
        keep = Path(tempfile.mkdtemp(prefix="tl-gate-"))
        cmd = [sys.executable, str(ROOT / "eval" / "extraction" / "real_dev.py"), "--shared", str(shared),
               "--json", "--keep", str(keep)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        _MEASURED["real-dev"] = _numbers(done.stdout)
        cli = f"{sys.executable} -m touchline --db {keep / 'eval.db'}"
        done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--export",
                               str(keep / "export.json"), "--gold", str(shared / "eval" / "seeds-dev.json"),
                               "--cli", cli, "--json"], capture_output=True, text=True, check=True, cwd=ROOT)
        _MEASURED["seeds-dev"] = _numbers(done.stdout)
    return _MEASURED[gold_set]


def _numbers(text: str) -> dict[str, float]:
    return {k: v for k, v in json.loads(text).items() if isinstance(v, (int, float))}


@pytest.mark.parametrize("gold_set", ["seeds-dev", "real-dev"])
def test_no_measure_falls_below_its_floor(gold_set: str) -> None:
    shared = shared_dir()
    if shared is None:
        pytest.skip("no ../shared/eval (or $TOUCHLINE_SHARED) on this machine: the gate needs the gold sets")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))["sets"][gold_set]
    got = measure(shared, gold_set)
    below = {k: (got.get(k), floor) for k, floor in floors.items() if (got.get(k) or 0.0) < floor - 1e-9}
    assert not below, f"{gold_set}: measures below their floors (got, floor): {below}"


def pin(allow_lower: bool) -> int:
    shared = shared_dir()
    if shared is None:
        print("no ../shared/eval: nothing to pin", file=sys.stderr)
        return 1
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    margin = float(data["margin"])
    for gold_set in data["sets"]:
        got = measure(shared, gold_set)
        floors = data["sets"][gold_set]
        for key in GATED:
            if got.get(key) is None:
                continue
            new = round(max(0.0, got[key] - margin), 3) if got[key] < 1.0 else 1.0
            old = floors.get(key)
            if old is not None and new < old and not allow_lower:
                print(f"{gold_set} {key}: {got[key]:.3f} would lower the floor {old} (use --allow-lower)")
                continue
            floors[key] = new
    FLOORS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data["sets"], indent=1))
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="re-pin the accuracy gate's floors")
    ap.add_argument("--pin", action="store_true")
    ap.add_argument("--allow-lower", action="store_true")
    a = ap.parse_args()
    sys.exit(pin(a.allow_lower) if a.pin else 0)
