"""scripts/build_gazetteer.py regenerates the package gazetteer reproducibly."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "touchline" / "nlp" / "data" / "gazetteer"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.jsonl"))}


def test_rebuild_is_byte_identical_to_shipped_files(tmp_path: Path) -> None:
    for out in (tmp_path / "a", tmp_path / "b"):
        script = str(ROOT / "scripts" / "build_gazetteer.py")
        done = subprocess.run([sys.executable, script, "--out", str(out)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b") == _digests(SHIPPED)
