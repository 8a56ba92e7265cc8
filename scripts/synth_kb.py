"""A synthetic knowledge base of any size, from a seed: invented leagues, clubs, players and
coaches, and the articles that tell their matches, transfers, injuries and appointments.

Written straight through the store (``Store.write``), as ingest writes what it analysed:
articles with their text, entities, mentions with spans, events (a match told by a report
and, one time in four, by a follow-up that becomes a second source of the same event),
quotes, time expressions, MinHash signatures (random, so no two articles are near-copies)
and a few syndicated copies.  The text pipeline is not run: this is for measuring the
store and the queries at scale (``scripts/bench_kb.py``), not extraction.

    .venv/bin/python scripts/synth_kb.py --db /tmp/kb.db --articles 10000 --seed 7
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from touchline.ingest import make_article
from touchline.model import (
    Analysis,
    Article,
    Entity,
    Event,
    InjuryEvent,
    MatchEvent,
    Mention,
    Quote,
    RoleEvent,
    Scorer,
    SourceSpan,
    TimeExpression,
    TransferEvent,
    slugify,
)
from touchline.store import Store, WriteBatch, open_store

GENERATOR = "synth_kb/2"  # bump when the output for a seed changes (bench caches by it)

PLACES = (
    "Northbridge", "Castlemoor", "Harbour", "Eastvale", "Kestrel", "Greywater", "Ashby", "Millbrook",
    "Halloway", "Portlindon", "Westmere", "Oakhurst", "Redcliff", "Stonebury", "Fairhaven", "Larkspur",
    "Brackenfield", "Duncaster", "Elmwick", "Foxley", "Glenmoor", "Hartwell", "Ivybridge", "Juniper",
    "Kingsmere", "Lowbrook", "Marwick", "Netherby", "Orchardton", "Pennington", "Quarrybank",
    "Ravensholme", "Saltmarsh", "Thornbury", "Underhill", "Valecross", "Whitcombe", "Yarrowby",
    "Zennor", "Ambleside", "Birchwood", "Coldharbour", "Dunmore", "Embervale", "Farrowdale"
)
SUFFIXES = ("United", "City", "Town", "Rovers", "Athletic", "Wanderers", "Albion", "County")
GIVEN = (
    "Marta", "Olaf", "Tomas", "Elio", "Kai", "Jonah", "Sami", "Kofi", "Mateo", "Elias", "Liam", "Nils",
    "Pieter", "Ruben", "Tiago", "Dean", "Ewan", "Luca", "Marco", "Arlo", "Rosa", "Grace", "Malik",
    "Gordon", "Rafael", "Anton", "Bruno", "Caio", "Dario", "Emil", "Felix", "Gael", "Hugo", "Ivo",
    "Jarek", "Karl", "Lenny", "Milo", "Noor", "Otto", "Pavel", "Quinn", "Rui", "Soren", "Teo", "Umar",
    "Vito", "Wim", "Xavi", "Yann", "Zeno"
)
SURNAMES = (
    "Quill", "Brenner", "Varga", "Brandt", "Ellery", "Okafor", "Mensah", "Ferreyra", "Norgaard",
    "Ostrow", "Braddock", "Hals", "Acker", "Brasa", "Castellan", "Smith", "Ilic", "Fenn", "Lindqvist",
    "Okoro", "Redfern", "Pell", "Dunmore", "Aldous", "Bexley", "Corran", "Dravic", "Eastham", "Falkner",
    "Garside", "Holloway", "Imrie", "Jessop", "Kellan", "Lowther", "Maddox", "Nyland", "Orrell",
    "Pryce", "Quarmby", "Rushworth", "Stannard", "Thorne", "Upton", "Vance", "Wexler", "Yardley",
    "Zoller", "Abbot", "Brisco", "Calder", "Denholm", "Ellwood", "Fothergill", "Gaskell", "Haworth",
    "Ingram", "Jowett", "Kershaw", "Liddell", "Metcalfe", "Nuttall", "Ogden", "Pickles", "Riddiough",
    "Sugden", "Tattersall", "Umpleby", "Verity", "Whiteley"
)
WORDS = (
    "pressing", "tempo", "midfield", "flank", "overlap", "cross", "header", "volley", "keeper", "save",
    "post", "crossbar", "corner", "free-kick", "penalty", "counter-attack", "possession", "tackle",
    "interception", "striker", "winger", "full-back", "centre-back", "captain", "substitute", "bench",
    "stoppage", "added-time", "equaliser", "opener", "brace", "hat-trick", "clean", "sheet",
    "relegation", "promotion", "table", "form", "injury", "hamstring", "ankle", "knee", "fitness",
    "squad", "rotation", "academy", "debut", "loan", "contract", "fee", "signing", "supporters",
    "stand", "terrace", "atmosphere", "referee", "VAR", "offside", "booking", "dismissal", "red",
    "yellow", "card", "discipline", "training", "fixture", "congestion", "momentum", "confidence",
    "resilience", "composure", "finishing", "chance", "wasteful", "clinical", "dominant", "sluggish",
    "spirited", "disciplined"
)
COMPETITIONS = ("Coastal League", "Northern Premier", "Southern Division", "Midland League",
                "Western Conference", "Eastern League", "Highland League", "Valley League")
PER_LEAGUE = 20


@dataclass
class World:
    rng: random.Random
    clubs: list[Entity] = field(default_factory=list)
    league_of: dict[str, int] = field(default_factory=dict)
    players: dict[str, list[Entity]] = field(default_factory=dict)  # club id -> squad
    coach: dict[str, Entity] = field(default_factory=dict)  # club id -> current coach
    venue: dict[str, Entity] = field(default_factory=dict)
    competitions: list[Entity] = field(default_factory=list)
    people: set[str] = field(default_factory=set)

    def person(self, kind: str, attrs: dict[str, str]) -> Entity:
        while True:
            name = f"{self.rng.choice(GIVEN)} {self.rng.choice(SURNAMES)}"
            if len(self.people) > len(GIVEN) * len(SURNAMES) * 0.9:
                name += f" {self.rng.choice(SURNAMES)}"
            if name not in self.people:
                self.people.add(name)
                return Entity(f"person:{slugify(name)}", kind, name, (), attrs)


def build_world(seed: int) -> World:
    rng = random.Random(seed)
    world = World(rng)
    names = [f"{p} {s}" for p in PLACES for s in SUFFIXES]
    rng.shuffle(names)
    for n, comp in enumerate(COMPETITIONS):
        world.competitions.append(Entity(f"competition:{slugify(comp)}", "competition", comp))
        for name in names[n * PER_LEAGUE:(n + 1) * PER_LEAGUE]:
            club = Entity(f"club:{slugify(name)}", "club", name, (name.split()[0],))
            world.clubs.append(club)
            world.league_of[club.id] = n
            ground = f"{name.split()[0]} {rng.choice(('Park', 'Road', 'Lane', 'Stadium', 'Ground'))}"
            world.venue[club.id] = Entity(f"venue:{slugify(ground)}", "venue", ground)
            world.players[club.id] = [world.person("player", {"club": club.id}) for _ in range(22)]
            world.coach[club.id] = world.person("coach", {"team": club.id})
    return world


class Writer:
    """Builds one article's text while recording the spans of what it names."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.mentions: list[tuple[int, int, Entity]] = []
        self.quotes: list[tuple[int, int, Entity, str]] = []
        self.times: list[tuple[int, int, str, str]] = []

    def add(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def name(self, entity: Entity, form: str | None = None) -> None:
        s, e = self.add(form or entity.name)
        self.mentions.append((s, e, entity))

    def quote(self, speaker: Entity, words: str) -> None:
        self.add("\u201c")
        s, e = self.add(words)
        self.add(",\u201d said ")
        self.name(speaker)
        self.add(". ")
        self.quotes.append((s, e, speaker, words))

    def when(self, text: str, value: str) -> None:
        s, e = self.add(text)
        self.times.append((s, e, text, value))

    @property
    def text(self) -> str:
        return "".join(self.parts)


SYLLABLES = (
    "ba", "be", "bi", "bo", "bu", "ca", "ce", "co", "cu", "da", "de", "di", "do", "fa", "fe", "fi",
    "fo", "ga", "ge", "go", "ha", "he", "hi", "ho", "ka", "ke", "ki", "ko", "la", "le", "li", "lo",
    "lu", "ma", "me", "mi", "mo", "mu", "na", "ne", "ni", "no", "nu", "pa", "pe", "pi", "po", "ra",
    "re", "ri", "ro", "ru", "sa", "se", "si", "so", "su", "ta", "te", "ti", "to", "tu", "va", "ve",
    "vi", "vo", "wa", "we", "wi", "za", "ze", "zo"
)
FUNCTION_WORDS = (
    "the", "a", "of", "and", "to", "in", "for", "on", "with", "at", "by", "from", "as", "but", "after",
    "before", "when", "while", "their", "his", "her", "they", "it", "was", "were", "had", "has", "have",
    "been", "will", "would", "could", "into", "over", "than", "then"
)


def vocabulary(seed: int, size: int = 30_000) -> tuple[list[str], list[float]]:
    """A Zipf-distributed vocabulary: function words first, football words next, then invented
    words, each rank's weight 1/rank (cumulative, for ``random.choices``)."""
    rng = random.Random(seed)
    words = list(dict.fromkeys([*FUNCTION_WORDS, *WORDS]))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    total, cumulative = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1 / rank ** 1.05
        cumulative.append(total)
    return words, cumulative


_VOCAB: dict[int, tuple[list[str], list[float]]] = {}


def filler(rng: random.Random, words: int) -> str:
    if not _VOCAB:
        _VOCAB[0] = vocabulary(0)
    vocab, weights = _VOCAB[0]
    chosen = rng.choices(vocab, cum_weights=weights, k=words)
    sentences, i = [], 0
    while i < len(chosen):
        n = rng.randint(8, 16)
        piece = " ".join(chosen[i:i + n])
        sentences.append(piece[:1].upper() + piece[1:] + ".")
        i += n
    return " ".join(sentences)


def event_id(kind: str, *parts: str) -> str:
    return f"{kind}:{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:16]}"


def signature(rng: np.random.Generator) -> bytes:
    return rng.integers(0, 2**32, size=128, dtype=np.uint32).tobytes()


def analysis(w: Writer, published: date, source: str, events: list[Event],
             spans: dict[str, tuple[int, int]]) -> Analysis:
    art = make_article(w.text, source=source, published=published)
    entities = {m[2].id: m[2] for m in w.mentions}
    mentions = tuple(Mention(art.id, s, e, w.text[s:e], ent.kind, ent.id, 0.95, "gazetteer")
                     for s, e, ent in w.mentions)
    quotes = tuple(Quote(event_id("q", art.id, str(s)), art.id, s, e, words, "direct", who.id, "said", 0.9,
                         speaker_name=who.name) for s, e, who, words in w.quotes)
    timexes = tuple(TimeExpression(art.id, s, e, text, "DATE", value) for s, e, text, value in w.times)
    sourced = tuple(replace(ev, sources=(SourceSpan(art.id, *spans[ev.id]),)) for ev in events)
    story = f"story:{sourced[0].id.split(':', 1)[1]}" if sourced else None
    return Analysis(replace(art, story=story), tuple(entities.values()), mentions, sourced, quotes, timexes)


def match_report(world: World, home: Entity, away: Entity, day: date, follow_up: bool) -> Analysis:
    rng = world.rng
    league = world.competitions[world.league_of[home.id]]
    hs, as_ = rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4)), rng.choice((0, 0, 1, 1, 2, 2, 3))
    w = Writer()
    if follow_up:
        w.add("Reaction to ")
        w.name(home)
        w.add(f"'s {hs}-{as_} result against ")
        w.name(away)
        w.add(" continued as both camps looked back on ")
        w.when(day.strftime("%A"), day.isoformat())
        w.add("'s game. ")
    start = w.size
    w.name(home)
    w.add(f" {'beat' if hs > as_ else 'drew with' if hs == as_ else 'lost to'} ")
    w.name(away)
    w.add(f" {hs}-{as_} at ")
    w.name(world.venue[home.id])
    w.add(" on ")
    w.when(day.strftime("%A"), day.isoformat())
    w.add(" in the ")
    w.name(league)
    end = w.size
    w.add(".\n\n")
    scorers = []
    for team, goals in ((home, hs), (away, as_)):
        for _ in range(goals):
            player = rng.choice(world.players[team.id])
            minute = rng.randint(1, 90)
            scorers.append(Scorer(player.id, team.id, minute))
            w.name(player)
            w.add(f" scored in the {minute}th minute for ")
            w.name(team, team.aliases[0])
            w.add(". ")
    w.add("\n\n" + filler(rng, rng.randint(60, 140)) + "\n\n")
    for team in rng.sample((home, away), k=rng.randint(1, 2)):
        w.quote(world.coach[team.id], filler(rng, rng.randint(12, 30)).rstrip("."))
        w.add(filler(rng, rng.randint(20, 50)) + " ")
    w.add("\n\n" + filler(rng, rng.randint(40, 100)))
    match = Event(event_id("match", home.id, away.id, day.isoformat()), "match",
                  MatchEvent(home.id, away.id, hs, as_, league.id, world.venue[home.id].id, None,
                             tuple(scorers)),
                  day.isoformat(), 0.85)
    published = day + timedelta(days=rng.randint(2, 4) if follow_up else rng.randint(0, 1))
    return analysis(w, published, f"synthetic/{published.year}/{'followup' if follow_up else 'report'}",
                    [match], {match.id: (start, end)})


def transfer_story(world: World, day: date) -> Analysis:
    rng = world.rng
    buyer, seller = rng.sample(world.clubs, 2)
    player = rng.choice(world.players[seller.id])
    world.players[seller.id].remove(player)
    world.players[buyer.id].append(player)
    w = Writer()
    start = w.size
    w.name(buyer)
    w.add(" have completed the signing of ")
    w.name(player)
    w.add(" from ")
    w.name(seller)
    end = w.size
    w.add(" for an undisclosed fee, the club announced on ")
    w.when(day.strftime("%A"), day.isoformat())
    w.add(".\n\n" + filler(rng, rng.randint(60, 120)) + "\n\n")
    w.quote(player, filler(rng, rng.randint(10, 25)).rstrip("."))
    w.quote(world.coach[buyer.id], filler(rng, rng.randint(10, 25)).rstrip("."))
    ev = Event(event_id("transfer", player.id, buyer.id, day.isoformat()), "transfer",
               TransferEvent(player.id, seller.id, buyer.id, "completed"), day.isoformat(), 0.9)
    return analysis(w, day, f"synthetic/{day.year}/transfer", [ev], {ev.id: (start, end)})


def injury_story(world: World, day: date) -> Analysis:
    rng = world.rng
    club = rng.choice(world.clubs)
    player = rng.choice(world.players[club.id])
    injury = rng.choice(("hamstring", "ankle", "knee", "calf", "groin"))
    w = Writer()
    start = w.size
    w.name(club)
    w.add(" will be without ")
    w.name(player)
    w.add(f" for several weeks with a {injury} injury")
    end = w.size
    w.add(", manager ")
    w.name(world.coach[club.id])
    w.add(" confirmed on ")
    w.when(day.strftime("%A"), day.isoformat())
    w.add(".\n\n" + filler(rng, rng.randint(50, 110)) + "\n\n")
    w.quote(world.coach[club.id], filler(rng, rng.randint(10, 25)).rstrip("."))
    ev = Event(event_id("injury", player.id, day.isoformat()), "injury",
               InjuryEvent(player.id, injury, "out"), day.isoformat(), 0.8)
    return analysis(w, day, f"synthetic/{day.year}/injury", [ev], {ev.id: (start, end)})


def appointment_story(world: World, day: date) -> Analysis:
    rng = world.rng
    club = rng.choice(world.clubs)
    old = world.coach[club.id]
    new = world.person("coach", {"team": club.id})
    world.coach[club.id] = new
    w = Writer()
    start = w.size
    w.name(club)
    w.add(" have appointed ")
    w.name(new)
    w.add(" as head coach")
    end = w.size
    w.add(" after parting company with ")
    w.name(old)
    w.add(" on ")
    w.when(day.strftime("%A"), day.isoformat())
    w.add(".\n\n" + filler(rng, rng.randint(60, 120)) + "\n\n")
    w.quote(new, filler(rng, rng.randint(10, 25)).rstrip("."))
    ev = Event(event_id("role", new.id, club.id, day.isoformat()), "role",
               RoleEvent(new.id, club.id, "head_coach", "appointed"), day.isoformat(), 0.9)
    return analysis(w, day, f"synthetic/{day.year}/appointment", [ev], {ev.id: (start, end)})


def articles(seed: int, count: int) -> Iterator[Analysis]:
    """``count`` analysed articles (and a few syndicated copies among them), oldest first."""
    world = build_world(seed)
    rng = world.rng
    made = 0
    season = 2000
    while True:
        opening = date(season, 8, 10)
        for rnd in range(2 * (PER_LEAGUE - 1)):
            day = opening + timedelta(days=7 * rnd + (rnd // 19) * 14)
            for league in range(len(COMPETITIONS)):
                clubs = [c for c in world.clubs if world.league_of[c.id] == league]
                rng.shuffle(clubs)
                for i in range(0, len(clubs), 2):
                    for follow_up in (False, True):
                        if follow_up and rng.random() > 0.25:
                            break
                        yield match_report(world, clubs[i], clubs[i + 1], day, follow_up)
                        made += 1
                        if made >= count:
                            return
                    if rng.random() < 0.12:
                        story = rng.choice((transfer_story, transfer_story, injury_story, injury_story,
                                            appointment_story))
                        yield story(world, day + timedelta(days=rng.randint(1, 5)))
                        made += 1
                        if made >= count:
                            return
        season += 1


def copy_of(original: Article, rng: random.Random) -> Article:
    text = original.text + f"\n\nThis article first appeared in the {rng.choice(PLACES)} Courier."
    return replace(make_article(text, source="synthetic/syndicated", published=original.published),
                   duplicate_of=original.id)


def build(store: Store, seed: int, count: int, batch: int = 500, progress: bool = True) -> dict[str, float]:
    """Write ``count`` articles into ``store``; 1 in 100 is a syndicated copy of the one before."""
    rng = random.Random(seed + 1)
    sig_rng = np.random.default_rng(seed)
    started = time.perf_counter()
    pending: list[Analysis] = []
    signatures: dict[str, bytes] = {}
    written = 0
    last: Article | None = None
    for made, a in enumerate(articles(seed, count)):
        if last is not None and made % 100 == 99:
            a = Analysis(copy_of(last, rng))
        else:
            signatures[a.article.id] = signature(sig_rng)
            last = a.article
        pending.append(a)
        if len(pending) >= batch:
            store.write(WriteBatch(pending, signatures))
            written += len(pending)
            pending, signatures = [], {}
            if progress and written % 10_000 == 0:
                rate = written / (time.perf_counter() - started)
                print(f"  {written} articles written ({rate:.0f}/s)", file=sys.stderr, flush=True)
    if pending:
        store.write(WriteBatch(pending, signatures))
    optimize = getattr(store, "optimize", None)
    if optimize is not None:
        optimize()  # as an ingest does: the planner's statistics
    return {"seconds": time.perf_counter() - started}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="SQLite path or postgresql:// URL (a new, empty one)")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    store = open_store(args.db)
    try:
        if store.stats().articles:
            raise SystemExit(f"{args.db} is not empty")
        took = build(store, args.seed, args.articles)
    finally:
        store.close()
    print(f"{args.articles} articles in {took['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
