"""TempEval-3 timex scoring (extent strict/relaxed, value, type), as the official TE3 scorer defines it.

Definitions (UzZaman et al. 2013, and the TE3 toolkit's ``TE3-evaluation.py``):
- a system timex *relaxed-matches* a gold timex when their character spans overlap,
  and *strict-matches* when the spans are identical;
- precision = matched system timexes / system timexes, recall = matched gold
  timexes / gold timexes, F1 their harmonic mean; counts are pooled over documents;
- value F1 = (share of relaxed-matched gold timexes whose system value string is
  exactly the gold value) × relaxed F1; type F1 likewise with the type.
Our spans are characters, TE3's are tokens; for whole-word expressions the two agree.
Gold scored against itself gives 100 on every line (``python eval/time/te3_score.py GOLD GOLD``).

Usage: ``.venv/bin/python eval/time/te3_score.py GOLD_DIR SYSTEM_DIR`` (TimeML files, same names;
``.TE3input``/``.tml`` suffixes are matched by stem).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value(self) -> str: ...
    @property
    def type(self) -> str: ...


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, gold: Sequence[Span], system: Sequence[Span]) -> None:
        self.gold += len(gold)
        self.system += len(system)
        for s in system:
            if any(g.start == s.start and g.end == s.end for g in gold):
                self.strict_sys += 1
            if any(g.start < s.end and s.start < g.end for g in gold):
                self.relaxed_sys += 1
        for g in gold:
            if any(g.start == s.start and g.end == s.end for s in system):
                self.strict_gold += 1
            overlapping = [s for s in system if g.start < s.end and s.start < g.end]
            if overlapping:
                self.relaxed_gold += 1
                # The best-overlapping system timex carries the attributes judged.
                best = max(overlapping, key=lambda s: min(s.end, g.end) - max(s.start, g.start))
                self.value_ok += best.value == g.value
                self.type_ok += best.type == g.type


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def summarise(c: Counts) -> dict[str, float]:
    """Percentages: strict/relaxed P, R, F1 and value/type F1."""
    sp = c.strict_sys / c.system if c.system else 0.0
    sr = c.strict_gold / c.gold if c.gold else 0.0
    rp = c.relaxed_sys / c.system if c.system else 0.0
    rr = c.relaxed_gold / c.gold if c.gold else 0.0
    rf = _f1(rp, rr)
    value_acc = c.value_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    type_acc = c.type_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    return {
        "strict_p": 100 * sp, "strict_r": 100 * sr, "strict_f1": 100 * _f1(sp, sr),
        "relaxed_p": 100 * rp, "relaxed_r": 100 * rr, "relaxed_f1": 100 * rf,
        "value_f1": 100 * value_acc * rf, "type_f1": 100 * type_acc * rf,
        "gold": c.gold, "system": c.system,
    }


def score(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    """Pool (gold, system) timex lists over documents and summarise."""
    counts = Counts()
    for gold, system in pairs:
        counts.add(gold, system)
    return summarise(counts)


def score_dirs(gold_dir: Path, sys_dir: Path) -> dict[str, float]:
    """Score a directory of system TimeML files against gold TimeML files (by file stem)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from touchline.nlp.time.timeml import read_timeml

    systems: Mapping[str, Path] = {p.name.split(".")[0]: p for p in sys_dir.iterdir() if p.is_file()}
    pairs = []
    for gold_path in sorted(gold_dir.iterdir()):
        if not gold_path.is_file() or gold_path.suffix not in {".tml", ".TE3input", ".xml"}:
            continue
        sys_path = systems.get(gold_path.name.split(".")[0])
        gold = read_timeml(gold_path)
        system = read_timeml(sys_path).timexes if sys_path else []
        pairs.append((gold.timexes, system))
    return score(pairs)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    result = score_dirs(Path(argv[0]), Path(argv[1]))
    for key, value in result.items():
        sys.stdout.write(f"{key:12s} {value:7.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
