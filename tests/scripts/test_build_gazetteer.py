"""scripts/build_gazetteer.py regenerates the package gazetteer reproducibly, and keeps
the clubs outside Europe and the curated records from taking names they must not take."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "touchline" / "nlp" / "data" / "gazetteer"
sys.path.insert(0, str(ROOT / "scripts"))

import build_gazetteer  # noqa: E402

# Invented clubs in openfootball's format: one European list, three lists abroad.
VENDOR = {
    "clubs/europe/england/eng.clubs.txt": "= England\n\nLiverpool FC, 1892, Liverpool\n  | Liverpool\n"
                                          "Harbour Athletic, Quayford\n  | Harbour\n",
    "clubs/europe/denmark/dk.clubs.txt": "= Denmark\n\nBrøndby IF, Brøndby\n",
    "clubs/south-america/uruguay/uy.clubs.txt": "= Uruguay\n\nLiverpool Montevideo, Montevideo\n"
                                                "  | Liverpool | Liverpool FC | Liverpool Montevid\n",
    "clubs/south-america/brazil/br.clubs.txt": "= Brazil\n\nSport Recife, Recife\n  | Sport\n",
    "clubs/north-america/united-states/us.clubs.txt": "= United States\n\n== Oregon ==\n"
                                                      "Portland Timbers, 2011, Portland\n  | Portland\n",
}
POLICY = {"alias": "United", "source": "test policy"}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.jsonl"))}


def _rows(path: Path) -> dict[str, dict]:
    return {r.get("id", r.get("alias")): r for r in map(json.loads, path.read_text("utf-8").splitlines())}


def _build(tmp_path: Path, **curated: list[dict]) -> Path:
    vendor, cur, out = tmp_path / "vendor", tmp_path / "curated", tmp_path / "out"
    for rel, text in VENDOR.items():
        (vendor / rel).parent.mkdir(parents=True, exist_ok=True)
        (vendor / rel).write_text(text, encoding="utf-8")
    cur.mkdir()
    for name, rows in {"ambiguous": [POLICY], **curated}.items():
        (cur / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    build_gazetteer.build(vendor, cur, out)
    return out


def test_rebuild_is_byte_identical_to_shipped_files(tmp_path: Path) -> None:
    for out in (tmp_path / "a", tmp_path / "b"):
        script = str(ROOT / "scripts" / "build_gazetteer.py")
        done = subprocess.run([sys.executable, script, "--out", str(out)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b") == _digests(SHIPPED)


def test_european_names_win_over_clubs_abroad(tmp_path: Path) -> None:
    clubs = _rows(_build(tmp_path) / "clubs.jsonl")
    assert clubs["club:liverpool"]["name"] == "Liverpool"
    assert clubs["club:liverpool-montevideo"]["aliases"] == ["Liverpool Montevid"]


def test_places_and_words_abroad_are_context_only(tmp_path: Path) -> None:
    out = _build(tmp_path)
    assert "Portland" in _rows(out / "clubs.jsonl")["club:portland-timbers"]["aliases"]
    assert {"Portland", "Sport", "United"} <= set(_rows(out / "ambiguous.jsonl"))
    assert "Liverpool Montevid" not in _rows(out / "ambiguous.jsonl")


def test_letters_accents_leave_get_an_ascii_spelling(tmp_path: Path) -> None:
    club = next(c for c in _rows(_build(tmp_path) / "clubs.jsonl").values() if c["name"] == "Brøndby IF")
    assert "Brondby IF" in club["aliases"]


def test_curated_club_may_not_take_a_name_another_bears(tmp_path: Path) -> None:
    row = {"id": "club:harbour-women", "kind": "club", "name": "Harbour Women", "aliases": ["Harbour"],
           "attrs": {"women": True}, "source": "test"}
    with pytest.raises(SystemExit, match=r"clubs.jsonl: club:harbour-women: 'Harbour' already names "
                                         r"club:harbour-athletic"):
        _build(tmp_path, clubs=[row])


def test_context_alias_joins_aliases_and_policy(tmp_path: Path) -> None:
    row = {"id": "club:portland-rose", "kind": "club", "name": "Portland Rose", "aliases": [],
           "context_aliases": ["Portland"], "attrs": {"women": True}, "source": "test"}
    out = _build(tmp_path, clubs=[row])
    assert _rows(out / "clubs.jsonl")["club:portland-rose"]["aliases"] == ["Portland"]
    assert "Portland" in _rows(out / "ambiguous.jsonl")


def test_context_alias_may_not_hide_a_name_matched_on_its_own(tmp_path: Path) -> None:
    row = {"id": "club:liverpool", "aliases": [], "context_aliases": ["Harbour"], "source": "test"}
    with pytest.raises(SystemExit, match="context alias 'Harbour' is matched on its own"):
        _build(tmp_path, press_names=[row])


def test_released_alias_leaves_its_openfootball_entity(tmp_path: Path) -> None:
    row = {"id": "club:harbour-athletic", "aliases": ["Harbour"], "source": "test"}
    clubs = _rows(_build(tmp_path, released_aliases=[row]) / "clubs.jsonl")
    assert clubs["club:harbour-athletic"]["aliases"] == []
