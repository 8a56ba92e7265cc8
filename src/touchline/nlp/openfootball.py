"""Read openfootball's text and JSON files into touchline gazetteer entries.

Used by ``scripts/build_gazetteer.py`` (the package's own gazetteer, from
``vendor/openfootball``) and by ``touchline gazetteer import PATH`` (further
files a user has).  An entry is a plain dict ``{id, kind, name, aliases,
attrs}``; see :mod:`touchline.nlp.gazetteer_data` for the format.

Formats read (openfootball conventions):
- ``*.clubs.txt``: ``Name, 1886, @ Stadium, City (District)`` then alias lines
  ``| Alias | Other Alias [en]``; ``ii)`` lines are reserve teams (skipped).
- ``*.stadiums.txt``: ``Stadium, capacity, year, City  # Club`` then ``| alias``.
- ``squads/*.txt``: ``number, Name (NAT), POS, [caps/goals,] b. YEAR, previous club``.
- ``worldcup.squads.json``: teams with ``players`` (pos, name, club, date_of_birth).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from touchline.model import entity_id, slugify

logger = logging.getLogger(__name__)

Entry = dict[str, Any]

# Legal-form words that news text drops ("Arsenal FC" is written "Arsenal").
_LEGAL_FORMS = {"FC", "AFC", "CF", "SC", "F.C.", "A.F.C.", "C.F.", "S.C.", "SK", "FK", "KF", "CD", "AS",
                "SSC", "RC", "OSC", "SV", "VfB", "VfL", "TSG", "SS", "ACF", "OGC", "UD", "RCD", "SD",
                "BSC", "1."}
_POSITION_WORDS = {
    "GK": ["goalkeeper", "keeper"],
    "DF": ["defender"],
    "MF": ["midfielder"],
    "FW": ["forward", "striker"],
}
_SEASON_RE = re.compile(r"(\d{4})[-/](\d{2,4})")
_YEAR_RE = re.compile(r"^\d{4}(\s*-\s*\d{4})?$")


class OpenfootballError(ValueError):
    """A file that is not in any openfootball format touchline reads."""


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _clean_name(text: str) -> str:
    text = re.sub(r"\[[a-z]{2}\]", "", text)  # language tags such as [en]
    text = re.sub(r"\(.*?\)", "", text)  # years or districts in parentheses
    return " ".join(text.replace("$", "").split())


def display_name(canonical: str, aliases: Iterable[str]) -> str:
    """The form news text uses: "Arsenal FC" → "Arsenal" when that is also an alias."""
    alias_set = set(aliases)
    words = canonical.split()
    trimmed = [w for w in words if w not in _LEGAL_FORMS]
    candidate = " ".join(trimmed)
    if candidate and candidate != canonical and candidate in alias_set:
        return candidate
    return canonical


# --- clubs ---------------------------------------------------------------------


def parse_clubs(text: str, country: str) -> list[Entry]:
    """Clubs (and their venues) from a ``*.clubs.txt`` file of one country."""
    entries: list[Entry] = []
    current: Entry | None = None
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip() or line.lstrip().startswith(("=", "ii)")):
            if line.lstrip().startswith("ii)"):
                current = None  # aliases below belong to the reserve team
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if current is not None:
                for alias in stripped.strip("|").split("|"):
                    name = _clean_name(alias).rstrip(",")  # "| Mirassol Futebol Clube,"
                    # "[en]" marks English forms, but some are abbreviations ("Ath Madrid").
                    english = "[en]" in alias and all(len(w) > 3 or w.isdigit() for w in name.split())
                    if name:
                        current["_aliases"].append(name)
                        if english and "_en" not in current:
                            current["_en"] = name
            continue
        # Street address lines hold "//"; an indented line with a comma and no "//" is
        # still a club (" Levanger FK, Levanger"), so its aliases are not given to the club above.
        if "//" in stripped or (raw[:1].isspace() and "," not in stripped):
            continue
        fields = [f.strip() for f in stripped.split(",")]
        name = _clean_name(fields[0])
        if not name:
            continue
        stadium = city = None
        founded = None
        for f in fields[1:]:
            if f.startswith("@"):
                stadium = _clean_name(f[1:])
            elif _YEAR_RE.match(f):
                founded = int(f[:4])
            elif f.startswith("city:"):
                continue  # an old lower-case city key ("city:sanpedrosula"), not a name
            elif f and city is None:
                city = _clean_name(f.split("›")[0])
        current = {"_canonical": name, "_aliases": [], "country": country, "city": city,
                   "stadium": stadium, "founded": founded}
        entries.append(current)
    return [_club_entry(c) for c in entries]


def _club_entry(raw: Entry) -> Entry:
    aliases = [raw["_canonical"], *raw["_aliases"]]
    name = raw.get("_en") or display_name(raw["_canonical"], aliases)
    attrs: dict[str, Any] = {"country": raw["country"]}
    for key in ("city", "founded"):
        if raw.get(key):
            attrs[key] = raw[key]
    if raw.get("stadium"):
        attrs["venue"] = entity_id("venue", raw["stadium"])
        attrs["_stadium"] = raw["stadium"]
    return {"id": entity_id("club", name), "kind": "club", "name": name,
            "aliases": _unique(a for a in aliases if a != name), "attrs": attrs}


def parse_stadiums(text: str, country: str) -> list[Entry]:
    """Venues from a ``*.stadiums.txt`` file: name, aliases, city, capacity."""
    venues: list[Entry] = []
    current: Entry | None = None
    for raw in text.splitlines():
        line = raw.split("##", 1)[0].rstrip()
        club_note = raw.split("#", 1)[1].strip("# ").strip() if "#" in raw and "##" not in raw else None
        line = _strip_comment(line)
        stripped = line.strip()
        if not stripped or stripped.startswith("="):
            continue
        if stripped.startswith("|"):
            if current is not None:
                names = (_clean_name(a) for a in stripped.strip("|").split("|"))
                current["aliases"].extend(n for n in names if n)
            continue
        if raw[:1].isspace() or "//" in stripped:
            continue
        fields = [f.strip() for f in stripped.split(",")]
        name = _clean_name(fields[0])
        if not name:
            continue
        city = next((_clean_name(f) for f in fields[1:] if f and not re.match(r"^[\d_]+$", f)), None)
        attrs: dict[str, Any] = {"country": country}
        if city:
            attrs["city"] = city
        if club_note:
            attrs["_club_note"] = club_note
        current = {"id": entity_id("venue", name), "kind": "venue", "name": name, "aliases": [],
                   "attrs": attrs}
        venues.append(current)
    return venues


# --- squads --------------------------------------------------------------------


def position_attrs(pos: str) -> dict[str, Any]:
    pos = pos.strip().upper()
    if pos not in _POSITION_WORDS:
        return {}
    return {"position": pos, "position_words": list(_POSITION_WORDS[pos])}


def parse_squad(text: str, default_nationality: str | None = None) -> tuple[str, str | None, list[Entry]]:
    """(team name, season, players) from a ``squads/*.txt`` file.

    Players without a ``(NAT)`` code get ``default_nationality``: openfootball
    leaves the league's own country unmarked.
    """
    team = ""
    season: str | None = None
    players: list[Entry] = []
    for raw in text.splitlines():
        line = _strip_comment(raw).strip()
        if line.startswith("=") and line.strip("= "):
            header = line.strip("= ")
            team = header.split(" - ")[0].strip()
            m = _SEASON_RE.search(header)
            if m:
                season = f"{m.group(1)}-{m.group(2)[-2:]}"
            elif re.search(r"\b(19|20)\d{2}\b", header):
                year = int(re.search(r"\b((?:19|20)\d{2})\b", header).group(1))  # type: ignore[union-attr]
                season = f"{year - 1}-{str(year)[-2:]}"
            continue
        if not line or not line[0].isdigit():
            continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) < 3:
            continue
        m = re.match(r"^(.*?)\s*(?:\(([A-Z]{3})\))?$", fields[1])
        if not m or not m.group(1):
            continue
        name = " ".join(m.group(1).split())
        nat = m.group(2) or default_nationality
        attrs: dict[str, Any] = position_attrs(fields[2])
        previous = None
        for f in fields[3:]:
            by = re.match(r"^b\.\s*(\d{4})", f)
            if by:
                attrs["birth_year"] = int(by.group(1))
            elif f and not re.match(r"^\d+/\d+$", f):
                previous = f
        if nat:
            attrs["nationality"] = nat
        players.append({"name": name, "attrs": attrs, "_club_text": previous})
    return team, season, players


def parse_worldcup_squads(data: Any) -> list[tuple[str, str, list[Entry]]]:
    """[(team name, fifa code, players)] from ``worldcup.squads.json``."""
    if not isinstance(data, list):
        raise OpenfootballError("expected a JSON list of teams")
    teams = []
    for team in data:
        if not isinstance(team, dict) or "players" not in team:
            raise OpenfootballError("team without players")
        code = str(team.get("fifa_code") or "")
        players = []
        for p in team["players"]:
            attrs: dict[str, Any] = position_attrs(str(p.get("pos") or ""))
            dob = str(p.get("date_of_birth") or "")
            if re.match(r"^\d{4}", dob):
                attrs["birth_year"] = int(dob[:4])
                attrs["birth_date"] = dob[:10]
            if code:
                attrs["nationality"] = code
            club = p.get("club") or {}
            players.append({"name": " ".join(str(p["name"]).split()), "attrs": attrs,
                            "_club_text": club.get("name"), "_club_country": club.get("country")})
        teams.append((str(team.get("name") or ""), code, players))
    return teams


# --- helpers ---------------------------------------------------------------------


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def country_of(path: Path) -> str:
    """The country code of a clubs file: ``eng.clubs.txt`` → ``"eng"``."""
    return path.name.split(".")[0]


class ClubIndex:
    """Looks club names written in squad files ("Real Madrid CF (ESP)") up by alias."""

    def __init__(self, clubs: Iterable[Entry]) -> None:
        self._by_key: dict[str, set[str]] = {}
        for club in clubs:
            for name in (club["name"], *club["aliases"]):
                self._by_key.setdefault(self.key(name), set()).add(club["id"])

    @staticmethod
    def key(name: str) -> str:
        name = re.sub(r"\([A-Z]{2,3}\)", "", name)
        words = [w for w in re.sub(r"[.]", "", name).split() if w.upper() not in {"FC", "AFC", "CF"}]
        return slugify(" ".join(words))

    def lookup(self, name: str | None) -> str | None:
        if not name:
            return None
        ids = self._by_key.get(self.key(name), set())
        # Squad files abbreviate ("West Ham U", "Hull C"): try the common expansions.
        if not ids:
            for short, full in ((" U", " United"), (" C", " City"), (" H", " Hotspur"),
                                (" Ath", " Athletic"), (" W", " Wanderers")):
                if name.endswith(short):
                    ids = self._by_key.get(self.key(name[: -len(short)] + full), set())
                    if ids:
                        break
        return next(iter(ids)) if len(ids) == 1 else None


def iter_source_files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` (or ``root`` itself) in a stable order."""
    if root.is_file():
        yield root
        return
    yield from sorted(p for p in root.rglob("*") if p.is_file())


def read_entries(paths: Iterable[Path], default_nationality: dict[str, str] | None = None,
                 known_clubs: Iterable[Entry] = ()) -> tuple[list[Entry], list[str]]:
    """Entries from openfootball files, and one error line per unreadable file.

    ``default_nationality`` maps a squad folder's league ("england") to the
    code openfootball leaves unmarked ("ENG").
    """
    errors: list[str] = []
    clubs: list[Entry] = []
    venues: list[Entry] = []
    squads: list[tuple[str, str | None, str, list[Entry]]] = []  # (team, season, kind, players)
    files = list(paths)
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: cannot read ({exc.__class__.__name__})")
            continue
        name = path.name
        try:
            if name.endswith(".clubs.txt"):
                clubs.extend(parse_clubs(text, country_of(path)))
            elif name.endswith(".stadiums.txt"):
                venues.extend(parse_stadiums(text, country_of(path)))
            elif name.endswith("squads.json"):
                for team, _code, players in parse_worldcup_squads(json.loads(text)):
                    squads.append((team, "2025-26", "national_team", players))
            elif path.parent.name == "squads" and name.endswith(".txt"):
                league = path.parent.parent.parent.name
                nat = (default_nationality or {}).get(league)
                kind = "national_team" if league.startswith(("euro", "worldcup")) else "club"
                team, season, players = parse_squad(text, None if kind == "national_team" else nat)
                if not players:
                    raise OpenfootballError("no player lines")
                squads.append((team, season, kind, players))
            else:
                continue  # other openfootball files (fixtures, props, history) carry no entities
        except (OpenfootballError, json.JSONDecodeError, KeyError, TypeError) as exc:
            errors.append(f"{path}: not an openfootball file touchline reads ({exc})")
    entries = _assemble(clubs, venues, squads, list(known_clubs))
    return entries, errors


def _assemble(clubs: list[Entry], venues: list[Entry], squads: list[tuple[str, str | None, str, list[Entry]]],
              known_clubs: list[Entry]) -> list[Entry]:
    by_id: dict[str, Entry] = {}
    for club in clubs:
        if club["id"] in by_id:  # same name in two countries: keep both, qualify the later one
            club = {**club, "id": f"{club['id']}-{club['attrs']['country']}"}
        by_id[club["id"]] = club
    venue_by_id: dict[str, Entry] = {v["id"]: v for v in venues}
    for venue in venues:
        for alias in venue["aliases"]:
            venue_by_id.setdefault(entity_id("venue", alias), venue)
    for club in list(by_id.values()):
        stadium = club["attrs"].pop("_stadium", None)
        if not stadium:
            continue
        found = venue_by_id.get(club["attrs"]["venue"])
        if found is not None:
            venue = found
        else:
            venue = {"id": club["attrs"]["venue"], "kind": "venue", "name": stadium, "aliases": [],
                     "attrs": {"country": club["attrs"]["country"]}}
            if club["attrs"].get("city"):
                venue["attrs"]["city"] = club["attrs"]["city"]
            venues.append(venue)
            venue_by_id[venue["id"]] = venue
        club["attrs"]["venue"] = venue["id"]
        venue["attrs"].setdefault("clubs", [])
        if club["id"] not in venue["attrs"]["clubs"]:
            venue["attrs"]["clubs"].append(club["id"])
    out: dict[str, Entry] = dict(by_id)
    index = ClubIndex([*known_clubs, *by_id.values()])
    for venue in venues:
        # The stadium files name their club in a comment ("Estadio Santiago Bernabéu ... # Real Madrid").
        note = venue["attrs"].pop("_club_note", None)
        club_id = index.lookup(note) if note else None
        if club_id in by_id:
            club = by_id[club_id]
            club["attrs"].setdefault("venue", venue["id"])
            venue["attrs"].setdefault("clubs", [])
            if club_id not in venue["attrs"]["clubs"]:
                venue["attrs"]["clubs"].append(club_id)
        if venue["id"] in out:
            continue
        out[venue["id"]] = venue
    players: dict[str, Entry] = {}
    for team, season, kind, squad in squads:
        team_id = index.lookup(team) if kind == "club" else entity_id("national_team", team)
        for p in squad:
            _add_player(players, p, team_id, kind, season, index)
    out.update(players)
    for entry in out.values():
        entry["aliases"] = sorted(set(entry["aliases"]) - {entry["name"]})
    return [out[k] for k in sorted(out)]


def _add_player(players: dict[str, Entry], p: Entry, team_id: str | None, kind: str,
                season: str | None, index: ClubIndex) -> None:
    pid = entity_id("player", p["name"])
    attrs = dict(p["attrs"])
    existing = players.get(pid)
    if existing and existing["attrs"].get("birth_year") and attrs.get("birth_year") and \
            existing["attrs"]["birth_year"] != attrs["birth_year"]:
        pid = f"{pid}-{attrs['birth_year']}"  # a namesake: a different person
        existing = players.get(pid)
    if existing is None:
        existing = players[pid] = {"id": pid, "kind": "player", "name": p["name"], "aliases": [],
                                   "attrs": {"clubs": [], "former_clubs": []}}
    ex_attrs = existing["attrs"]
    for key, value in attrs.items():
        ex_attrs.setdefault(key, value)
    club_text = p.get("_club_text")
    if kind == "club":
        if team_id:
            _append(ex_attrs["clubs"], {"club": team_id, "season": season})
        former = index.lookup(club_text)
        if former and former != team_id:
            _append(ex_attrs["former_clubs"], former)
    else:
        if team_id:
            ex_attrs.setdefault("national_team", team_id)
        club = index.lookup(club_text)
        if club:
            _append(ex_attrs["clubs"], {"club": club, "season": season})


def _append(items: list[Any], item: Any) -> None:
    if item not in items:
        items.append(item)


def write_jsonl(path: Path, entries: Iterable[Entry]) -> int:
    """Write entries sorted by id, one compact JSON object a line; returns the count."""
    rows = sorted(entries, key=lambda e: e["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return len(rows)


def import_path(path: Path, dest_dir: Path) -> int:
    """Convert openfootball files at ``path`` (a file or folder) into a user gazetteer file.

    Writes ``dest_dir/<name>.jsonl`` (loaded when ``TOUCHLINE_GAZETTEER_DIR``
    points at ``dest_dir``) and returns the number of entities imported.
    Raises :class:`OpenfootballError` with one line naming the file and reason
    when nothing readable is found.
    """
    from touchline.nlp.gazetteer_data import default_nationality_by_league, load_package_entries

    if not path.exists():
        raise OpenfootballError(f"{path}: no such file or directory")
    known = [e for e in load_package_entries() if e["kind"] == "club"]
    entries, errors = read_entries(iter_source_files(path), default_nationality_by_league(), known)
    for line in errors:
        logger.warning("SKIP %s", line)
    if not entries:
        reason = errors[0] if errors else f"{path}: no openfootball clubs, stadiums or squads found"
        raise OpenfootballError(reason)
    dest = dest_dir / f"openfootball-{slugify(path.stem or path.name) or 'import'}.jsonl"
    return write_jsonl(dest, entries)
