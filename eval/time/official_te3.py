"""Score ``touchline timex --timeml`` output on TE3 platinum with the official TempEval-3 entity scorer.

The official scorer (``evaluate_entities.py`` from the TempEval-3 toolkit, Python 2) is not
vendored: pass the path of a local copy with ``--scorer``.  One public copy is
``temporal-normalizer/tools/evaluation-entities/evaluate_entities.py`` in the GitHub repository
CogComp/cogcomp-nlp.  This script then

1. ports a temporary copy to Python 3 mechanically (``lib2to3``, tabs expanded, the scratch
   file it writes opened as UTF-8, bytes decoded in its debug prints; no scoring line changes);
2. writes our TimeML for the platinum inputs, exactly as ``touchline timex --timeml`` does;
3. gives each of our TIMEX3 tags the ``tid`` of the gold TIMEX3 it overlaps most, one to one,
   the others fresh ids.  The official pipeline does this with its TimeML-Normalizer jar before
   scoring (the entity scorer pairs timexes by ``tid``); the jar is not used here, so this step
   is our reimplementation of it;
4. runs the official scorer on gold against gold (a sanity check: 100 everywhere) and on gold
   against ours, and prints its timex lines next to ``te3_score.py``'s figures.

Usage: ``.venv/bin/python eval/time/official_te3.py --scorer PATH/evaluate_entities.py [--keep DIR]``
Reads the corpus at run time from ``/work/shared``; writes only to a temporary directory (or DIR).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import corpora  # noqa: E402
import te3_score  # noqa: E402

from touchline.nlp.time.timeml import annotate_timeml_dir  # noqa: E402

_TAG = re.compile(r"<[^>]*>")
_TID = re.compile(r'tid="[^"]*"')


def port_scorer(source: Path, work: Path) -> Path:
    """A Python 3 copy of the official scorer, changed only where Python 3 requires it."""
    target = work / "evaluate_entities.py"
    shutil.copyfile(source, target)
    subprocess.run([sys.executable, "-W", "ignore", "-m", "lib2to3", "-w", "-n", str(target)],
                   check=True, capture_output=True)
    text = target.read_text(encoding="utf-8", errors="replace").expandtabs(8)
    text = text.replace("open('foo.txt', 'w')", "open('foo.txt', 'w', encoding='utf-8')")
    text = text.replace(".encode('ascii','ignore')", ".encode('ascii','ignore').decode('ascii')")
    target.write_text(text, encoding="utf-8")
    return target


def _timexes(doc: str) -> list[tuple[int, int, int, int]]:
    """(start, end) in the tag-stripped TEXT and (tag start, tag end) in ``doc`` of each TIMEX3."""
    begin, stop = doc.index("<TEXT>"), doc.index("</TEXT>")
    out: list[tuple[int, int, int, int]] = []
    plain, pos = 0, begin
    opened: tuple[int, int, int] | None = None
    for m in _TAG.finditer(doc, begin, stop):
        plain += m.start() - pos
        pos = m.end()
        if m.group(0).startswith("<TIMEX3"):
            opened = (plain, m.start(), m.end())
        elif m.group(0) == "</TIMEX3>" and opened:
            out.append((opened[0], plain, opened[1], opened[2]))
            opened = None
    return out


def align_tids(gold: str, ours: str) -> str:
    """``ours`` with each TIMEX3 ``tid`` set to the gold one it overlaps most (one to one)."""
    gold_spans = _timexes(gold)
    gold_tids = [re.search(r'tid="([^"]*)"', gold[g[2]:g[3]]).group(1) for g in gold_spans]  # type: ignore[union-attr]
    our_spans = _timexes(ours)
    pairs = sorted((-(min(se, ge) - max(ss, gs)), i, j)
                   for i, (ss, se, _, _) in enumerate(our_spans)
                   for j, (gs, ge, _, _) in enumerate(gold_spans) if min(se, ge) > max(ss, gs))
    chosen: dict[int, str] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in chosen and j not in used:
            chosen[i] = gold_tids[j]
            used.add(j)
    fresh = (f"tsys{n}" for n in range(1, 10**6) if f"tsys{n}" not in gold_tids)
    for i, (_, _, tag_start, tag_end) in reversed(list(enumerate(our_spans))):
        tid = chosen.get(i) or next(fresh)
        tag = _TID.sub(f'tid="{tid}"', ours[tag_start:tag_end], count=1)
        ours = ours[:tag_start] + tag + ours[tag_end:]
    return ours


def _official(scorer: Path, gold: Path, system: Path) -> str:
    proc = subprocess.run([sys.executable, str(scorer), f"{gold}/", f"{system}/", "0"],
                          capture_output=True, text=True, cwd=scorer.parent, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"official scorer failed on {system}: {proc.stderr.strip().splitlines()[-1:]}")
    return proc.stdout[proc.stdout.index("=== Timex Performance ==="):].strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scorer", type=Path, required=True, help="the official evaluate_entities.py (Python 2)")
    ap.add_argument("--keep", type=Path, help="keep the work files here instead of a temporary directory")
    args = ap.parse_args(argv)
    if not args.scorer.is_file():
        print(f"{args.scorer}: no such file", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        scorer = port_scorer(args.scorer, work)
        gold_dir, raw_dir, sys_dir = work / "gold", work / "raw", work / "system"
        for d in (gold_dir, raw_dir, sys_dir):
            d.mkdir(exist_ok=True)
        annotate_timeml_dir(corpora.TE3 / "te3-platinum-input", raw_dir)
        for gold_path in sorted((corpora.TE3 / "te3-platinum").glob("*.tml")):
            ours_path = raw_dir / gold_path.name
            if not ours_path.exists():  # one input is spelt "sarkozy", its gold "sarcozy"
                ours_path = raw_dir / gold_path.name.replace("sarcozy", "sarkozy")
            gold = gold_path.read_text(encoding="utf-8")
            shutil.copyfile(gold_path, gold_dir / gold_path.name)
            aligned = align_tids(gold, ours_path.read_text(encoding="utf-8"))
            (sys_dir / gold_path.name).write_text(aligned, encoding="utf-8")
        print("## official TE3 scorer, gold against gold\n" + _official(scorer, gold_dir, gold_dir))
        print("\n## official TE3 scorer, gold against touchline\n" + _official(scorer, gold_dir, sys_dir))
        ours = te3_score.score_dirs(gold_dir, raw_dir)
        print("\n## te3_score.py, gold against touchline (unaligned files)")
        print("  ".join(f"{k} {v:.2f}" for k, v in ours.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
