"""The event rules' word lists: one typed list per concept, loaded once from ``data/events/lexicon/*.json``.

Each file holds one family's lists (``results.json``, ``goals.json``, ...); together
they must give exactly the fields this class declares.

A list is written in base forms and says how its words inflect (``verb``: the first
word of each entry takes every verb form, so "see off" also matches "saw off";
``noun``: the last word takes its plural; ``none``: literal).  Rules refer to a list
as ``@name`` (see ``rules.py``) and Python refers to it as ``LEXICON.name``.  A key
missing from the file, or a key the class does not declare, stops loading with
the name: nothing is re-declared in Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

DATA = Path(__file__).resolve().parent.parent / "data" / "events" / "lexicon"

Inflect = Literal["verb", "noun", "none"]


@dataclass(frozen=True, slots=True)
class WordList:
    name: str
    inflect: Inflect
    words: tuple[str, ...]

    def __iter__(self) -> Any:
        return iter(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.words


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every concept the event rules name.  Lists are WordLists, maps are plain dicts."""

    # results
    win_verbs: WordList
    past_verbs: WordList
    win_intransitive: WordList
    comeback_verbs: WordList
    loss_verbs: WordList
    draw_verbs: WordList
    upset_verbs: WordList
    result_getting_verbs: WordList
    two_sides: WordList
    meeting_verbs: WordList
    replay_verbs: WordList
    host_verbs: WordList
    win_nouns: WordList
    loss_nouns: WordList
    draw_nouns: WordList
    result_agent_nouns: WordList
    game_nouns: WordList
    run_nouns: WordList
    team_nouns: WordList
    team_role_nouns: WordList
    person_role_nouns: WordList
    versus: WordList
    opponent_preps: WordList
    halftime_words: WordList
    lead_words: WordList
    shootout_words: WordList
    season_tally_words: WordList
    other_game_words: WordList
    # discourse
    former: WordList
    modals: WordList
    future_words: WordList
    negations: WordList
    hypothetical_words: WordList
    descriptor_stops: WordList
    # goals
    goal_verbs: WordList
    finish_verbs: WordList
    finish_particles: WordList
    delivery_verbs: WordList
    delivery_nouns: WordList
    goal_nouns: WordList
    strong_goal_nouns: WordList
    goal_success: WordList
    goal_miss: WordList
    goal_count_words: WordList
    lead_verbs: WordList
    own_goal: WordList
    # injuries
    injury_parts: WordList
    everyday_parts: WordList
    damage_words: WordList
    injury_nouns: WordList
    injury_keep_nouns: WordList
    injury_adjs: WordList
    injury_verbs: WordList
    injury_exits: WordList
    injury_causes: WordList
    absence_words: WordList
    absence_verbs: WordList
    doubt_words: WordList
    recovery_verbs: WordList
    carrying_verbs: WordList
    player_nouns: WordList
    return_duration_cues: WordList
    return_date_cues: WordList
    # transfers
    signing_verbs: WordList
    completing_verbs: WordList
    joining_verbs: WordList
    signed_by_verbs: WordList
    lending_verbs: WordList
    lent_words: WordList
    loan_nouns: WordList
    leaving_verbs: WordList
    free_transfer: WordList
    arrival_nouns: WordList
    deal_nouns: WordList
    striking_verbs: WordList
    rumour_words: WordList
    rumour_cues: WordList
    interest_words: WordList
    move_nouns: WordList
    contract_nouns: WordList
    new_contract_words: WordList
    # roles
    coach_titles: WordList
    club_titles: WordList
    interim_words: WordList
    sacking_verbs: WordList
    appointing_verbs: WordList
    # standings
    table_positions: WordList
    standing_verbs: WordList
    standing_move_verbs: WordList
    table_finish_verbs: WordList
    table_moving_verbs: WordList
    table_adverbs: WordList
    table_place_nouns: WordList
    table_words: WordList
    leader_nouns: WordList
    lead_verbs_table: WordList
    table_lead_holding_verbs: WordList
    title_lead_words: WordList
    past_season_words: WordList
    not_table_after: WordList
    # fixtures
    fixture_host_verbs: WordList
    fixture_visit_verbs: WordList
    fixture_meet_verbs: WordList
    future_aux: WordList
    coming_words: WordList
    fixture_nouns: WordList
    fixture_day_words: WordList
    same_day_words: WordList
    past_fixture_words: WordList
    fixture_stage_words: WordList
    stage_dating_verbs: WordList
    # milestones and shirts
    record_words: WordList
    record_holder_nouns: WordList
    milestone_nouns: WordList
    milestone_qualifiers: WordList
    milestone_verbs: WordList
    milestone_reach_verbs: WordList
    milestone_feat_verbs: WordList
    surpass_verbs: WordList
    record_break_verbs: WordList
    record_equal_verbs: WordList
    milestone_back_refs: WordList
    milestone_markers: WordList
    milestone_adjectives: WordList
    season_count_words: WordList
    unrealised_words: WordList
    shirt_words: WordList
    shirt_swap_words: WordList
    shirt_give_verbs: WordList
    shirt_get_verbs: WordList
    shirt_want_verbs: WordList
    shirt_fetch_verbs: WordList
    refusal_words: WordList
    # maps
    ordinals: dict[str, int]
    number_words: dict[str, int]
    stages: dict[str, str]
    role_titles: dict[str, str]
    milestone_measures: dict[str, str]
    record_kinds: dict[str, str]

    @classmethod
    def from_json(cls, data: dict[str, Any], source: str = "lexicon") -> Lexicon:
        lists: dict[str, Any] = data.get("lists", {})
        maps: dict[str, Any] = data.get("maps", {})
        declared = {f.name for f in fields(cls)}
        given = set(lists) | set(maps)
        if declared - given:
            raise KeyError(f"{source}: missing word lists {sorted(declared - given)}")
        if given - declared:
            raise KeyError(f"{source}: lists not declared in Lexicon {sorted(given - declared)}")
        values: dict[str, Any] = {}
        for name, spec in lists.items():
            inflect = spec.get("inflect", "none")
            if inflect not in ("verb", "noun", "none"):
                raise ValueError(f"{source}: list {name!r} has unknown inflect {inflect!r}")
            values[name] = WordList(name, inflect, tuple(str(w) for w in spec["words"]))
        for name, spec in maps.items():
            values[name] = dict(spec["map"])
        return cls(**values)

    def list(self, name: str) -> WordList:
        """A list by name, as rules write it (``@win_verbs``); unknown names fail loudly."""
        value = getattr(self, name, None)
        if not isinstance(value, WordList):
            raise KeyError(f"the event lexicon has no word list {name!r}")
        return value


@lru_cache(maxsize=1)
def load_lexicon(folder: Path = DATA) -> Lexicon:
    """Every family file of the folder merged; a list declared in two files stops loading."""
    merged: dict[str, dict[str, Any]] = {"lists": {}, "maps": {}}
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
        for part in ("lists", "maps"):
            for name, spec in data.get(part, {}).items():
                if name in merged["lists"] or name in merged["maps"]:
                    raise KeyError(f"{path.name}: word list {name!r} is declared twice")
                merged[part][name] = spec
    return Lexicon.from_json(merged, source=str(folder.name))


LEXICON = load_lexicon()
