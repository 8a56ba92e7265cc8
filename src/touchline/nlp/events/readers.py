"""Slot readers: which team a phrase, a clause or the discourse stands for.

A rule fills what its own words say; when a slot is left open ("a 4-1 win
over Villa" names no winner), the extractor asks these readers in order:
the phrase's possessor ("Leicester's", "his side's", "their"), the clause's
subject (through the parse; rule-only, the one team named before it in the
sentence), a description of a team in the match in focus ("the hosts"),
then the paragraph's and the article's focus team.  Each reader is named for
what it reads and returns a team id or None: never a guess it cannot back.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from touchline.nlp.events.context import Context, Ment, subject_of
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.extensions import doc_text

TEAM_KINDS = ("club", "national_team")
_POSSESSIVE = ("'s", "’s", "'", "’", "‘s", "‘")
_PRONOUN_POSSESSIVES = ("their", "its")
_PERSON_POSSESSIVES = ("his", "her")
_TEAM_NOUNS = set(LEXICON.team_nouns.words) | {"side", "men", "team"}
_ROLE_NOUNS = {w.split()[-1] for w in LEXICON.team_role_nouns.words}
PERSON_ROLE_WORDS = {w.split()[-1] for w in LEXICON.person_role_nouns.words}
_PERSON_ROLES = {w.split()[-1] for w in LEXICON.person_role_nouns.words} | {
    w.split()[-1] for w in LEXICON.coach_titles.words}


def team_of_phrase(ctx: Context, span: Span) -> str | None:
    """The team a noun phrase stands for: a team named as its head or right before "side";
    "<coach>'s men"; "his side" (the one coach or player named earlier in the sentence)."""
    doc = ctx.doc
    if not len(span):
        return None
    head = span[-1]
    tm = ctx.at(head.i, TEAM_KINDS)
    if tm is not None:
        return tm.entity
    if head.lower_ in _TEAM_NOUNS or head.lower_ in _ROLE_NOUNS:
        hit = ctx.team_in(span.start, span.end)
        if hit is not None:
            return hit[0]
        sent = span.sent if span.start < len(doc) else span
        owner = _person_possessor(ctx, head.i - 1, sent)
        if owner is not None:
            return owner
        if head.lower_ in _ROLE_NOUNS and head.lower_ not in ("hosts", "visitors", "former", "latter"):
            # "... for Juventus as the Serie A titleholders ground out a win": the team just named
            named = [m for m in ctx.in_range(sent.start, span.start, TEAM_KINDS)]
            if named and len({m.entity for m in named}) == 1:
                return named[-1].entity
        return None
    if head.lower_ in _PERSON_ROLES:
        # "Real Madrid head coach (Xabi Alonso)", "the Leicester captain": the one team named
        teams = {m.entity for m in ctx.in_range(span.start, head.i, TEAM_KINDS)}
        if len(teams) == 1:
            return teams.pop()
        appos = [c for c in head.children if c.dep_ == "appos"] if ctx.parsed else []
        for c in appos:
            p = ctx.at(c.i, ("coach", "player", "person"))
            if p is not None and ctx.team_of_person(p.entity):
                return ctx.team_of_person(p.entity)
        return None
    person = ctx.at(head.i, ("coach", "player", "person"))
    if person is not None:
        teams = {m.entity for m in ctx.in_range(span.start, person.tok_start, TEAM_KINDS)}
        if len(teams) == 1:
            return teams.pop()  # "Leicester manager Brendan Rodgers"
        if not teams:
            return ctx.team_of_person(person.entity)
    return None


def _person_possessor(ctx: Context, i: int, sent: Span) -> str | None:
    """The team of "<person>'s" or "his/her" ending at token ``i`` (the word before a team noun)."""
    doc = ctx.doc
    if i < sent.start:
        return None
    if doc[i].lower_ in _POSSESSIVE or doc[i].text.endswith(("‘s", "’s")):
        p = ctx.at(i - 1, ("coach", "player", "person")) if doc[i].lower_ in _POSSESSIVE else ctx.at(
            i, ("coach", "player", "person"))
        if p is not None:
            return ctx.team_of_person(p.entity)
        return None
    if doc[i].lower_ in _PERSON_POSSESSIVES:
        people = [m for m in ctx.in_range(sent.start, i, ("coach", "player", "person"))
                  if ctx.team_of_person(m.entity)]
        teams = {ctx.team_of_person(m.entity) for m in people}
        if len(teams) == 1:
            return teams.pop()
        if not teams:
            # "Barcelona will be without Messi, who was hurt during his side's draw": the one
            # team the sentence named before him
            named = {m.entity for m in ctx.in_range(sent.start, i, TEAM_KINDS)}
            if len(named) == 1:
                return named.pop()
    return None


def possessor_team(ctx: Context, start: int, sent: Span) -> str | None:
    """The owner named right before a phrase starting at token ``start``: "Leicester's 4-1 win",
    "his side's 2-0 loss", "Pulis' men's", "their 2-1 win" (the team last named)."""
    doc = ctx.doc
    j = start - 1
    for _ in range(2):  # "Viktoria Plzen's earlier 2-1 win": an adjective before the phrase
        if j > sent.start and doc[j].pos_ in ("ADJ", "ADV") and doc[j - 1].lower_ in _POSSESSIVE:
            j -= 1
    if j < sent.start:
        return None
    low = doc[j].lower_
    if low in _POSSESSIVE and j - 1 >= sent.start:
        hit = ctx.team_at(j - 1)
        if hit is not None:
            return hit[0]
        if doc[j - 1].lower_ in _TEAM_NOUNS:  # "his side's", "Rodgers' men's"
            return _person_possessor(ctx, j - 2, sent)
        return None
    if low in _PRONOUN_POSSESSIVES:
        return pronoun_team(ctx, sent, j)
    return None


def unknown_possessor(ctx: Context, start: int, sent: Span) -> bool:
    """ "Viktoria Plzen's earlier 2-1 win": a capitalised name owns the phrase starting at token
    ``start`` (its adjectives skipped) but is no team, person or time the article knows."""
    j = start - 1
    while j > sent.start and ctx.doc[j].pos_ in ("ADJ", "ADV") and ctx.lower[j] not in _POSSESSIVE:
        j -= 1  # "Plzen's earlier 2-1 win"
    if j - 1 < sent.start or ctx.lower[j] not in _POSSESSIVE:
        return False
    owner = ctx.doc[j - 1]
    return owner.text[:1].isupper() and ctx.at(j - 1) is None and owner.lower_ not in _TIME_WORDS


def unknown_persons_side(ctx: Context, start: int, sent: Span) -> bool:
    """ "his side's" or "Ferguson's men's" right before token ``start``, the person's team unknown."""
    j = start - 1
    if j - 2 < sent.start or ctx.lower[j] not in _POSSESSIVE or ctx.lower[j - 1] not in _TEAM_NOUNS:
        return False
    return _person_possessor(ctx, j - 2, sent) is None and (
        ctx.lower[j - 2] in _PERSON_POSSESSIVES or ctx.at(j - 3, ("coach", "player", "person")) is not None)


_TIME_WORDS = {"week", "weekend", "night", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
               "sunday", "midweek", "month", "yesterday", "today", "season", "evening", "afternoon"}


def time_possessive(ctx: Context, start: int, sent: Span) -> bool:
    """ "Wednesday night's", "last week's", "Saturday's" right before a phrase at ``start``."""
    j = start - 1
    return j - 1 >= sent.start and ctx.lower[j] in ("'s", "’s") and ctx.lower[j - 1] in _TIME_WORDS


def sentence_pair(ctx: Context, sent: Span) -> tuple[str, str] | None:
    """The two teams a sentence is about, when it names exactly two: by name, as "<coach>'s men",
    or by a ground only one of them plays at ("... made it 1-1 at the Riverside")."""
    teams = [m.entity for m in ctx.in_range(sent.start, sent.end, TEAM_KINDS)]
    for venue in ctx.in_range(sent.start, sent.end, ("venue",)):
        clubs = ctx.venue_clubs(venue.entity)
        if len(clubs) == 1:
            teams.append(clubs[0])
    for i in range(sent.start + 1, sent.end):
        if ctx.lower[i] in _TEAM_NOUNS:
            owner = _person_possessor(ctx, i - 1, sent)
            if owner is not None:
                teams.append(owner)
    distinct = list(dict.fromkeys(teams))
    return (distinct[0], distinct[1]) if len(distinct) == 2 else None


def pronoun_team(ctx: Context, sent: Span, i: int) -> str | None:
    """What "they/their/it" at token ``i`` stands for: the clause subject's team when it is one,
    else the last team named in this sentence or the one before."""
    doc = ctx.doc
    if ctx.parsed:
        subj = subject_of(doc[i])
        if subj is not None and not (subj.start <= i < subj.end):
            team = team_of_phrase(ctx, subj)
            if team is not None:
                return team
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    teams = [m for m in ctx.mentions if m.kind in TEAM_KINDS and prev_start <= m.tok_start and m.tok_end <= i]
    return teams[-1].entity if teams else None


def subject_team(ctx: Context, i: int, sent: Span) -> str | None:
    """The team that is the subject of token ``i``'s clause, climbing to the main clause when the
    phrase hangs on it ("Leicester rolled on with Vardy netting twice in a 4-1 win").  Rule-only,
    the one team named before ``i`` in the sentence."""
    doc = ctx.doc
    if not ctx.parsed:
        teams = {m.entity for m in ctx.in_range(sent.start, i, TEAM_KINDS)}
        return teams.pop() if len(teams) == 1 else None
    tok: Token = doc[i]
    for _ in range(6):
        subj = subject_of(tok)
        if subj is None:
            return None
        moved = _object_team(ctx, tok)
        if moved is not None and team_of_phrase(ctx, subj) is None:
            # "X's header sent Spain into the semi-finals after a 2-1 win": the team the clause
            # moves on, when its subject is a player or a goal
            return moved
        if any(c.dep_ == "conj" and ctx.at(c.i, TEAM_KINDS) is not None for c in subj.root.children):
            return None  # "Madrid and Barcelona are level after drawing with Getafe": which one?
        if len(subj) == 1 and subj[0].lower_ in ("they", "it", "we"):
            return pronoun_team(ctx, sent, subj.start)
        if len(subj) == 1 and subj[0].lower_ in ("who", "which", "that") and subj.root.head.dep_ == "relcl":
            # "Ronaldo, who scored twice in the 3-0 win at X": the one the clause describes
            noun = subj.root.head.head
            subj = doc[noun.left_edge.i:noun.i + 1]
        team = team_of_phrase(ctx, subj)
        if team is not None:
            return team
        # a person subject ("Vardy netted twice in a 4-1 win"): the team of that person,
        # if the sentence names it, or the clause above's subject
        person = ctx.at(subj[-1].i, ("player", "coach", "person")) or described_player(ctx, subj)
        if person is not None:
            team = ctx.team_of_person(person.entity) or ctx.stated_team(person.entity)
            if team is not None:
                return team
        owner = _result_owner(ctx, subj)
        if owner is not None:
            return owner
        if subj.root.dep_ in ("attr", "oprd", "appos"):
            # "City became the first club to win ... after a 3-1 win": the copula's subject
            tok = subj.root.head
            continue
        verb = subj.root.head
        if verb.head == verb or verb.dep_ not in ("advcl", "conj", "xcomp", "ccomp", "pcomp", "acl"):
            return None
        tok = verb.head
    return None


_RESULT_NOUNS = {w for name in ("win_nouns", "loss_nouns", "draw_nouns", "game_nouns", "run_nouns")
                 for w in LEXICON.list(name).words} | {"result", "blip", "slip", "stumble"}


def _result_owner(ctx: Context, subj: Span) -> str | None:
    """ "Madrid's only previous setback had been a draw at Bilbao", "City's losing run stretched
    to five after a home defeat": the owner of a result noun or of a run of results."""
    root = subj.root
    if root.lower_ not in _RESULT_NOUNS:
        return None
    for child in root.children:
        if child.dep_ == "poss":
            return team_of_phrase(ctx, ctx.doc[child.left_edge.i: child.i + 1])
    return None


_MOVING_VERBS = {"send", "sent", "sends", "sending", "take", "took", "takes", "taking", "put", "puts",
                 "putting",
                 "fire", "fired", "fires", "firing", "lift", "lifted", "lifts", "lifting", "carry", "carried",
                 "carries", "steer", "steered", "steers", "propel", "propelled", "propels", "move", "moved",
                 "moves", "help", "helped", "helps", "earn", "earned", "give", "gave", "gives", "hand",
                 "handed", "keep", "kept", "keeps"}


def _object_team(ctx: Context, tok: Token) -> str | None:
    """The team object of the verb ``tok``'s clause hangs on, when that verb moves a team along."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur.lower_ in _MOVING_VERBS:
            for child in cur.children:
                if child.dep_ in ("dobj", "dative"):
                    team = team_of_phrase(ctx, ctx.doc[child.left_edge.i: child.i + 1])
                    if team is not None:
                        return team
            return None
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def antecedent_team(ctx: Context, span: Span, home: str | None, away: str | None) -> str | None:
    """ "the hosts"/"the home side" (the match's home team), "the visitors" (its away team),
    "the latter"/"the former" (of the last two teams named)."""
    words = " ".join(t.lower_ for t in span if t.lower_ != "the")
    if words in ("hosts", "home side", "home team"):
        return home
    if words in ("visitors", "away side", "away team", "guests"):
        return away
    if words in ("latter", "former"):
        teams = [m.entity for m in ctx.mentions if m.kind in TEAM_KINDS and m.tok_end <= span.start]
        distinct: list[str] = []
        for t in reversed(teams):
            if t not in distinct:
                distinct.append(t)
            if len(distinct) == 2:
                break
        if len(distinct) == 2:
            return distinct[0] if words == "latter" else distinct[1]
    return None


def paragraph_of(ctx: Context, i: int) -> tuple[int, int]:
    """Token range of the paragraph (blank-line or line-break block) holding token ``i``."""
    doc = ctx.doc
    text = doc_text(doc)
    char = doc[i].idx
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    end = len(text) if end < 0 else end
    s = doc.char_span(start, end, alignment_mode="expand")
    return (s.start, s.end) if s is not None else (0, len(doc))


def inside_quote(ctx: Context, i: int) -> bool:
    """Whether token ``i`` stands inside quotation marks opened in its paragraph: there "he" and
    "his" are the speaker's words, and whom they stand for is not read from the text around."""
    doc = ctx.doc
    start = doc_text(doc).rfind("\n", 0, doc[i].idx) + 1
    inside = False
    for ch in doc_text(doc)[start:doc[i].idx]:
        if ch == '"':
            inside = not inside
        elif ch == "“":
            inside = True
        elif ch == "”":
            inside = False
    return inside


def focus_team(ctx: Context, i: int) -> str | None:
    """The team the text is about at token ``i``: its paragraph's most named team (named at least
    twice and more than any other), else the article's."""
    start, end = paragraph_of(ctx, i)
    team = _dominant([m for m in ctx.mentions if m.kind in TEAM_KINDS and start <= m.tok_start < end], 2)
    return team or article_team(ctx)


def article_team(ctx: Context) -> str | None:
    """The team an article is about: named at least three times and over twice as often as any other."""
    return _dominant([m for m in ctx.mentions if m.kind in TEAM_KINDS], 3, factor=2)


def _dominant(mentions: list[Ment], least: int, factor: float = 1.0) -> str | None:
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < least:
        return None
    if len(ranked) > 1 and ranked[0][1] <= factor * ranked[1][1]:
        return None
    return ranked[0][0]


# --- people -------------------------------------------------------------------------------------

PLAYER_KINDS = ("player", "person")  # a player, or a name the gazetteer could not type
PEOPLE = ("player", "person", "coach")
_SENTENCES_BACK = 2
READ_AS = {"named": 1.0, "relative": 0.9, "pronoun": 0.75, "description": 0.75}


def people_in_slot(ctx: Context, hit: Hit, name: str = "who") -> list[tuple[Ment, str]]:
    """The players a person slot stands for, each with how it was read: the names it holds
    ("named"); for "X, who" the name before the comma ("relative"); for "he"/"she" or a
    description opening the statement ("the striker", "the 26-year-old") the person last named
    before it ("pronoun", "description") when that person is a player."""
    slot = hit.slots.get(name)
    if slot is None:
        return []
    held = (slot.mention,) if slot.mention is not None else slot.mentions
    named = [m for m in held if m.kind in PLAYER_KINDS]
    if named:
        return [(m, "named") for m in named]
    words = ctx.lower[slot.start:slot.end]
    if words == ["who"]:
        j = slot.start - 1
        m = ctx.at(j - 1, PLAYER_KINDS) if j > hit.sent.start and ctx.lower[j] == "," else None
        return [(m, "relative")] if m is not None and m.tok_end == j else []
    pronoun = words in (["he"], ["she"])
    m = antecedent_person(ctx, hit.start, hit.sent, pronoun=pronoun)
    return [(m, "pronoun" if pronoun else "description")] if m is not None else []


_PLAYER_DESCRIPTIONS = {w.split("-")[-1] for w in LEXICON.player_nouns.words} | {"back", "half"}


def described_player(ctx: Context, span: Span) -> Ment | None:
    """The player a description stands for when it names nobody ("the 24-year-old defender", "the
    former Eastvale centre-back"): the player last named before it (see ``antecedent_person``)."""
    if len(span) < 2 or span[0].lower_ != "the" or span.root.lower_ not in _PLAYER_DESCRIPTIONS:
        return None
    if ctx.in_range(span.start, span.end, PEOPLE):
        return None
    return antecedent_person(ctx, span.start, span.sent)


def antecedent_person(ctx: Context, i: int, sent: Span, *, pronoun: bool = False) -> Ment | None:
    """The person last named before token ``i`` when that person is a player: for a description
    ("the striker") in its sentence or the two before; for "he"/"she" in its sentence or the one
    before, and (parsed) only a name that is its clause's subject ("the chiropractor who treated
    him after he broke his foot" names the wrong man).  A coach named last makes it too unsure."""
    doc = ctx.doc
    first = sent.start
    for _ in range(1 if pronoun else 2):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    people: list[Ment] = []
    for m in ctx.mentions:
        if m.tok_start >= i:
            break
        if m.tok_start >= first and m.tok_end <= i and m.kind in PEOPLE:
            people.append(m)
    best = people[-1] if people else None
    if best is not None and not pronoun and ctx.parsed and _in_passing(doc[best.tok_start:best.tok_end].root):
        # "X has become one of the first names on Y's team sheet. The defender ...": a name told
        # in passing (a possessor, inside a phrase) gives way to the one player its sentence is about
        sent_start = doc[best.tok_start].sent.start
        about = [m for m in people if doc[m.tok_start].sent.start == sent_start and m.kind in PLAYER_KINDS
                 and _is_subject(doc[m.tok_start:m.tok_end].root)]
        best = about[0] if len(about) == 1 else best
    if best is None or best.kind not in PLAYER_KINDS:
        return None
    if pronoun and ctx.parsed and not _is_subject(doc[best.tok_start:best.tok_end].root):
        return None
    return best


def _in_passing(tok: Token) -> bool:
    """A name told in passing: a possessor ("on Y's team sheet") or inside a prepositional phrase."""
    for _ in range(8):
        if tok.dep_ in ("poss", "pobj"):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return False
        tok = tok.head
    return False


def _is_subject(tok: Token) -> bool:
    """A clause's subject, or a name in apposition or coordination with one."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("appos", "conj", "compound", "flat") or tok.head == tok:
            return False
        tok = tok.head
    return False
