"""scripts/build_reference.py rebuilds the shipped results reference from the vendored files."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from touchline.resolve.reference.db import dump

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "touchline" / "resolve" / "reference" / "data" / "results.sqlite"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    for row in dump(path):
        h.update(repr(row).encode())
    return h.hexdigest()


def test_rebuild_holds_the_same_results_as_the_shipped_file(tmp_path: Path) -> None:
    out = tmp_path / "results.sqlite"
    script = str(ROOT / "scripts" / "build_reference.py")
    done = subprocess.run([sys.executable, script, "--out", str(out)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "0 files skipped" in done.stderr
    assert _digest(out) == _digest(SHIPPED)
