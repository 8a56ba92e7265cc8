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

Usage: ``.venv/bin/python eval/time/te3_score.py GOLD_DIR SYSTEM_DIR`` (TimeML files; a gold and a
system file are paired by stem, ``.TE3input``/``.tml`` suffixes ignored, else by identical text, else
by the one nearly identical name: see :func:`pair_files`).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterable, Sequence
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


def _stem(path: Path) -> str:
    return path.name.split(".")[0]


def _is_timeml(path: Path) -> bool:
    return path.is_file() and path.suffix in {".tml", ".TE3input", ".xml"}


def pair_files(gold_paths: Sequence[Path], sys_paths: Sequence[Path],
               text_of: Callable[[Path], str]) -> list[tuple[Path, Path | None]]:
    """Pair each gold file with the system file for the same document.

    By file stem first (``x.tml`` with ``x.tml.TE3input`` or ``x.tml``); a gold file left
    over is then paired with the left-over system file holding the same text (TE3 platinum
    spells one gold name differently from its input, "sarcozy"/"sarkozy"), and last with the
    left-over system file whose name is nearest, when exactly one is close.  Each system
    file is used once; an unpaired gold file scores as a system that found nothing.
    """
    by_stem = {_stem(p): p for p in sys_paths}
    pairs: dict[Path, Path | None] = {}
    for g in gold_paths:
        pairs[g] = by_stem.pop(_stem(g), None)
    left = list(by_stem.values())
    if left:
        texts = {p: " ".join(text_of(p).split()) for p in left}
        for g in [g for g, sp in pairs.items() if sp is None]:
            gold_text = " ".join(text_of(g).split())
            same = [p for p in left if texts[p] == gold_text]
            if len(same) == 1:
                pairs[g] = same[0]
                left.remove(same[0])
        for g in [g for g, sp in pairs.items() if sp is None]:
            near = difflib.get_close_matches(_stem(g), [_stem(p) for p in left], n=2, cutoff=0.85)
            if len(near) == 1:
                match = next(p for p in left if _stem(p) == near[0])
                pairs[g] = match
                left.remove(match)
    return [(g, pairs[g]) for g in gold_paths]


def score_dirs(gold_dir: Path, sys_dir: Path) -> dict[str, float]:
    """Score a directory of system TimeML files against gold TimeML files (paired by :func:`pair_files`)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from touchline.nlp.time.timeml import read_timeml

    gold_paths = sorted(p for p in gold_dir.iterdir() if _is_timeml(p))
    sys_paths = sorted(p for p in sys_dir.iterdir() if _is_timeml(p))
    pairs = []
    for gold_path, sys_path in pair_files(gold_paths, sys_paths, lambda p: read_timeml(p).text):
        if sys_path is None:
            sys.stderr.write(f"no system file for {gold_path.name}\n")
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
