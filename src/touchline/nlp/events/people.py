"""Person-centred events: roles, shirt exchanges, injuries and transfers."""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Span

from touchline.model import InjuryEvent, RoleEvent, ShirtExchangeEvent, TransferEvent, detail_to_fields
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits, Ment, lexicon, subject_of
from touchline.nlp.events.role_clauses import clause_roles, title_clause_person

logger = logging.getLogger(__name__)

PERSONS = ("player", "coach", "person")
MOVERS = ("player", "person")  # who a transfer is about: a player, or a name not typed further
_PRONOUNS = {"he", "she", "him", "his", "her"}
# Body parts that are also everyday words: only an injury when an injury noun follows.
_AMBIGUOUS_PARTS = {"back", "head", "hand", "foot", "neck", "hip", "illness", "virus", "muscle"}
# Status cues that only introduce the injury ("out with a knee injury" is "out", not "injured").
_WEAK_STATUS = {"with a", "carrying", "nursing"}


def event(kind: str, detail: Any, conf: float, sources: list[tuple[int, int]],
          date: str | None) -> dict[str, Any]:
    return {"kind": kind, "date": date, "confidence": round(conf, 3),
            "sources": [list(s) for s in sorted(set(sources))], "fields": detail_to_fields(detail)}


def antecedent(ctx: Context, tok_i: int, sent: Span, kinds: tuple[str, ...] = ("player",)) -> Ment | None:
    """The nearest earlier person mention: in the sentence first, then before it."""
    best = None
    for m in ctx.mentions:
        if m.tok_start >= tok_i:
            break
        if m.kind in kinds:
            best = m
    return best


def person_for(ctx: Context, tok_i: int, sent: Span,
               kinds: tuple[str, ...] = ("player",)) -> tuple[Ment, float] | None:
    """The person a clause is about: its subject, a pronoun's antecedent, or (rule-only) the nearest name."""
    doc = ctx.doc
    if ctx.parsed:
        subj = subject_of(doc[tok_i])
        if subj is None:
            return None
        found = ctx.in_range(subj.start, subj.end, kinds)
        if found:
            return found[0], 0.8
        head = subj.root if len(subj) else None
        if head is not None and head.lower_ in _PRONOUNS | {"who"}:
            m = antecedent(ctx, subj.start, sent, kinds)
            return (m, 0.6) if m else None
        return None
    for i in range(tok_i - 1, sent.start - 1, -1):
        m = ctx.at(i, kinds)
        if m is not None:
            return m, 0.55
    return None


def _team_after(ctx: Context, i: int, end: int, span: int = 4) -> str | None:
    """A team (or the club of a venue) starting within ``span`` tokens of ``i``."""
    for j in range(i, min(i + span, end)):
        if ctx.doc[j].is_punct:
            return None
        hit = ctx.team_at(j)
        if hit:
            return hit[0]
        v = ctx.at(j, ("venue",))
        if v is not None:
            clubs = ctx.venue_clubs(v.entity)
            return clubs[0] if len(clubs) == 1 else None
    return None


# --- roles -------------------------------------------------------------------


def extract_roles(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    lex = lexicon()
    titles = lex["role_titles"]
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    report = dates.report_date(doc)

    def add(person: Ment, team: str, role: str, conf: float, sent: Span) -> None:
        if role == "head_coach" and person.kind == "player":
            return
        key = (person.entity, team, role)
        if key in found:
            found[key]["sources"].append([sent.start_char, sent.end_char])
            found[key]["confidence"] = max(found[key]["confidence"], conf)
            return
        found[key] = event("role", RoleEvent(person.entity, team, role), conf,
                           [(sent.start_char, sent.end_char)], report)
        if role in ("head_coach", "interim_head_coach"):
            ctx.coach_team.setdefault(person.entity, team)

    for sent in doc.sents:
        for s, e in hits.find("role_titles", sent.start, sent.end):
            around = hits.find("role_titles", max(s - 3, 0), e + 3)
            if hits.starts("role_titles", s) != e or any(a <= s and b >= e and (a, b) != (s, e)
                                                          for a, b in around):
                continue  # a shorter title inside a longer one ("captain" in "vice-captain")
            role = titles.get(doc[s:e].text.lower())
            if role is None:
                continue
            person = ctx.at(e, PERSONS) if e < sent.end else None
            if person is None and e + 1 < sent.end and doc[e].text == ",":
                # "Chelsea's manager, Enzo Maresca, said": the name in apposition to the title
                named = ctx.at(e + 1, PERSONS)
                if named is not None and named.tok_start == e + 1 and doc[named.tok_end - 1].dep_ == "appos":
                    person = named
            team_hit = ctx.team_at(s - 1) if s > sent.start else None
            if team_hit is None and s - 2 >= sent.start and doc[s - 1].lower_ in ("'s", "’s"):
                team_hit = ctx.team_at(s - 2)
            if _former(doc, team_hit[1].tok_start if team_hit else s, sent):
                continue  # "Former Blackburn boss Roy Hodgson": a past role, not a current one
            if person and team_hit:
                add(person, team_hit[0], role, 0.9, sent)
            elif person and role in ("captain", "vice_captain"):
                team = ctx.team_of_person(person.entity)
                if team:
                    add(person, team, role, 0.6, sent)
            elif team_hit and role in ("head_coach", "interim_head_coach") \
                    and (said_of := title_clause_person(ctx, e, sent)) is not None:
                add(said_of, team_hit[0], role, 0.8, sent)  # "X will become Brazil's head coach"
            elif team_hit and s - 1 > sent.start:
                # "Xabi Alonso, the Real Madrid head coach"
                k = team_hit[1].tok_start - 1
                if k >= sent.start and doc[k].lower_ == "the":
                    k -= 1
                if k > sent.start and doc[k].text == ",":
                    p = ctx.at(k - 1, PERSONS)
                    if p is not None:
                        add(p, team_hit[0], role, 0.85, sent)
        # "Arne Slot's men", "Pep Guardiola's struggling side": the coach of the team the phrase names
        for t in sent:
            if t.lower_ not in ("'s", "’s") or t.i + 1 >= sent.end or t.i == sent.start:
                continue
            p = ctx.at(t.i - 1, ("coach", "person"))
            if p is None or _former(doc, p.tok_start, sent):
                continue
            k = t.i + 1
            while k < min(t.i + 3, sent.end - 1) and doc[k].tag_ in ("JJ", "JJR", "JJS", "VBG") \
                    and ctx.at(k, lex["team_kinds"]) is None:
                k += 1  # "struggling", "much-changed"
            named = ctx.at(k, lex["team_kinds"])
            if doc[k].text in lex["coach_team_nouns"]:
                # the linker may have read the whole "<coach>'s side" as the team
                team = named.entity if named is not None else ctx.coach_team.get(p.entity)
                if team:
                    add(p, team, "head_coach", 0.8 if named is not None else 0.7, sent)
            elif named is not None and named.tok_start == k and p.kind == "coach":
                # "Steve Clarke's Scotland", "Simone Inzaghi's Inter": a known coach's team
                # (a player's or an owner's name before a team is no coaching role: coaches only)
                add(p, named.entity, "head_coach", 0.8, sent)
        for p, team, role, conf in _role_phrases(ctx, sent) + clause_roles(ctx, sent):
            add(p, team, role, conf, sent)
    return list(found.values())


_APPOINT_VERBS = {"appointed", "appoint", "appoints", "named", "name", "names", "confirmed", "confirm",
                  "confirms", "unveiled", "hired", "installed", "announced", "chosen", "chose", "picked"}
_HIRE_FIRE_VERBS = {"sacked", "dismissed", "fired", "appointed", "hired"}
_ROLE_MODIFIERS = {"new", "permanent", "next", "full-time"}
_PAST_WORDS = {"former", "ex", "ex-", "then", "one-time", "onetime", "erstwhile", "previous", "late"}


def _former(doc: Any, i: int, sent: Span) -> bool:
    """A "former"/"ex-" just before token ``i`` (skipping a team name or a "the")."""
    for k in range(i - 1, max(sent.start, i - 5) - 1, -1):
        w = doc[k].lower_
        if w in _PAST_WORDS or w.startswith("ex-"):
            return True
        if doc[k].is_punct and w not in ("-",):
            return False
    return False


def _role_phrases(ctx: Context, sent: Span) -> list[tuple[Ment, str, str, float]]:
    """Roles told with "as": "appointed X as (their new) head coach", "resigned as England manager",
    "Slot's first final as Liverpool head coach"; and "Inter, coached by X"."""
    if not ctx.parsed:
        return []
    doc = ctx.doc
    lex = lexicon()
    titles = lex["role_titles"]
    out: list[tuple[Ment, str, str, float]] = []
    for tok in sent:
        if tok.lower_ in ("coached", "managed") and tok.i + 2 < sent.end and doc[tok.i + 1].lower_ == "by":
            # "Inter, coached by Simone Inzaghi": the team the participle describes
            if tok.dep_ not in ("acl", "relcl") and not (tok.i > sent.start and doc[tok.i - 1].text == ","):
                continue
            p = ctx.at(tok.i + 2, PERSONS)
            head = tok.head
            described = ctx.at(head.i, lex["team_kinds"]) if head != tok else None
            if p is not None and p.tok_start == tok.i + 2 and described is not None \
                    and not _former(doc, head.i, sent):
                out.append((p, described.entity, "head_coach", 0.8))
            continue
        if tok.lower_ in _HIRE_FIRE_VERBS and tok.tag_ in ("VBD", "VBN") and not any(
                c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in tok.children):
            # "United have sacked Erik ten Hag", "Chelsea appointed X": a known coach, the subject team
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            p = _person_in(ctx, obj) if obj is not None else None
            employer = ctx.subject_team(tok.i, sent) if p is not None and p.kind == "coach" else None
            if p is not None and employer is not None and not _former(doc, p.tok_start, sent):
                out.append((p, employer, "head_coach", 0.75))
            continue
        if tok.lower_ != "as" or tok.i + 1 >= sent.end:
            continue
        # the title phrase: "as (their|the) (new) (<Team>('s)) <title> (of <Team>)"
        k = tok.i + 1
        if _former(doc, k + 1, sent) or doc[k].lower_ in _PAST_WORDS:
            continue
        if doc[k].lower_ in ("their", "its", "the") or doc[k:k + 3].text.lower() == "the club's":
            k += 3 if doc[k:k + 3].text.lower() == "the club's" else 1
        while k < sent.end and doc[k].lower_ in _ROLE_MODIFIERS | {"interim"} and doc[k:k + 2].text.lower() \
                not in titles:
            k += 1
        team: str | None = None
        hit = ctx.team_at(k) if k < sent.end else None
        if hit is not None and hit[1].tok_start == k:
            team = hit[0]
            k = hit[1].tok_end
            if k < sent.end and doc[k].lower_ in ("'s", "’s"):
                k += 1
        role = None
        for n in (3, 2, 1):
            if k + n <= sent.end and doc[k:k + n].text.lower() in titles:
                role, k = titles[doc[k:k + n].text.lower()], k + n
                break
        if role not in ("head_coach", "interim_head_coach"):
            continue
        if team is None and k + 1 < sent.end and doc[k].lower_ == "of":
            hit = ctx.team_at(k + 1)
            team = hit[0] if hit is not None and hit[1].tok_start == k + 1 else None
        if k < sent.end and doc[k].lower_ in ("of", "at") and team is None:
            continue  # "as head coach of <someone unknown>"
        gov = tok.head
        person: Ment | None = None
        if gov.pos_ in ("VERB", "AUX"):
            obj = next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass") and c.i < tok.i), None)
            if obj is not None and (gov.lower_ in _APPOINT_VERBS or obj.dep_ == "nsubjpass"):
                person = _person_in(ctx, obj)
                if team is None and doc[tok.i + 1].lower_ in ("their", "its") \
                        and gov.lower_ in _APPOINT_VERBS:
                    team = ctx.subject_team(gov.i, sent)  # "United have appointed X as their new head coach"
            elif obj is None:
                subj = subject_of(gov)
                if subj is not None and len(subj):
                    person = _person_in(ctx, subj.root)
        elif gov.pos_ in ("NOUN", "PROPN", "ADJ"):
            # "Arne Slot's first final as Liverpool head coach"
            poss = next((c for c in gov.children if c.dep_ == "poss"), None)
            person = _person_in(ctx, poss) if poss is not None else None
        if person is None or team is None:
            continue
        out.append((person, team, role, 0.8))
    return out


def _person_in(ctx: Context, tok: Any) -> Ment | None:
    """The person a noun phrase's head names."""
    return ctx.at(tok.i, PERSONS)  # the head lies inside the name ("Erik" of a mis-parsed "Erik ten Hag")


# --- shirt exchanges -----------------------------------------------------------


def extract_shirts(ctx: Context, hits: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    doc = ctx.doc
    lex = lexicon()
    shirt_words = set(lex["shirt_words"]) - {"top", "tops"}
    receive = set(lex["shirt_receive_verbs"]) | set(lex["shirt_swap_words"])
    gives_or_swaps = set(lex["shirt_give_verbs"]) | set(lex["shirt_swap_words"])
    sents = list(doc.sents)
    groups: dict[str, dict[str, Any]] = {}
    for si, sent in enumerate(sents):
        for t in sent:
            if t.lower_ not in shirt_words:
                continue
            owner: Ment | None = None
            if t.i - 2 >= sent.start and doc[t.i - 1].lower_ in ("'s", "’s", "'"):
                owner = ctx.at(t.i - 2, ("player",))
            swap = hits.find("shirt_swap_words", sent.start, sent.end)
            gift_to = None
            if owner is None and t.i - 1 >= sent.start and doc[t.i - 1].lower_ in ("his", "her"):
                # "Haaland gave his shirt to Van Dijk", "swapped his shirt with Kane"
                owner, gift_to = _shirt_giver(ctx, t.i, sent, gives_or_swaps)
            others = [m for m in ctx.in_range(sent.start, sent.end, ("player",)) if m != owner]
            if owner is None and swap and t.lower_ in ("shirts", "jerseys", "kits") and len(others) >= 2:
                owner, others = others[0], others[1:]
            if owner is None:
                continue
            g = groups.setdefault(owner.entity,
                                  {"receiver": None, "via": None, "sents": set(), "mutual": False})
            g["sents"].add(si)
            if swap:
                g["mutual"] = True
            if gift_to is not None and gift_to != owner:
                g["receiver"] = g["receiver"] or gift_to.entity
            for m in others:
                between = {x.lower_ for x in doc[m.tok_end: t.i]}
                if m.tok_start < t.i and between & set(lex["shirt_fetch_verbs"]):
                    g["via"] = g["via"] or m.entity
                elif (m.tok_start < t.i and between & receive) or (swap and m.tok_start > t.i):
                    g["receiver"] = g["receiver"] or m.entity
    # The sentence after a shirt sentence often finishes the story elliptically:
    # "X handed his own over and was given the full-back's in return".
    gives = set(lex["shirt_give_verbs"]) | receive
    for giver, g in groups.items():
        if g["receiver"]:
            continue
        for si in sorted(g["sents"]):
            if si + 1 >= len(sents):
                continue
            sent = sents[si + 1]
            words = {t.lower_ for t in sent}
            players = ctx.in_range(sent.start, sent.end, ("player",))
            owned = [m for m in players if m.entity == giver and _bare_possessive(doc, m.tok_end, sent.end)]
            others = [m for m in players if m.entity != giver and m.entity != g["via"]]
            if owned and others and words & gives:
                g["receiver"] = others[0].entity
                g["sents"].add(si + 1)
                break
    out = []
    main_date = None
    for c in clusters:
        if c.date is not None:
            main_date = c.date.value
            break
    for giver, g in groups.items():
        if not g["receiver"] or g["receiver"] == giver:
            continue
        near = set(g["sents"]) | {s + 1 for s in g["sents"]}
        pair = {giver, g["receiver"], g["via"]}
        for si in near:
            if si >= len(sents) or not hits.find("mutual_cues", sents[si].start, sents[si].end):
                continue
            named = {m.entity for m in ctx.in_range(sents[si].start, sents[si].end, ("player",))}
            if si in g["sents"] or named <= pair:  # not another pair's swap told next
                g["mutual"] = True
        via = g["via"] if g["via"] not in (giver, g["receiver"]) else None
        srcs = [(sents[s].start_char, sents[s].end_char) for s in sorted(g["sents"])]
        out.append(event("shirt_exchange", ShirtExchangeEvent(giver, g["receiver"], via, g["mutual"] or None),
                         0.75, srcs, main_date or dates.report_date(doc)))
    return out


# --- injuries ------------------------------------------------------------------


def extract_injuries(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    lex = lexicon()
    nouns = set(lex["injury_nouns"])
    keep = set(lex["injury_keep_nouns"])
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for sent in doc.sents:
        for s, e in hits.find("injury_parts", sent.start, sent.end):
            part = doc[s:e].text.lower()
            noun = None
            for k in range(e, min(e + 2, sent.end)):
                if doc[k].lower_ in nouns:
                    noun = doc[k].lower_
                    break
            # the status cue closest before the body part ("is a doubt after suffering a knee");
            # a bare "with a" only names the injury, so any other cue in the window outranks it
            status, best = None, (-1, -1)
            for label in ("recovered", "surgery", "out", "doubt", "injured"):
                for hs, he in hits.find(f"injury_status.{label}", max(sent.start, s - 12), s):
                    rank = (0 if doc[hs:he].text.lower() in _WEAK_STATUS else 1, hs)
                    if rank > best:
                        status, best = label, rank
            if noun is None and (part in _AMBIGUOUS_PARTS or status is None):
                continue
            # a bare body part needs an injury word near it or a status cue
            if noun is None and part not in ("concussion", "hernia") and status is None \
                    and not any(doc[k].lower_ in nouns for k in range(s, min(e + 4, sent.end))):
                continue
            who = person_for(ctx, s, sent)
            if who is None:
                continue
            m, conf = who
            injury = f"{part} {noun}" if noun in keep else part
            if noun in ("operation", "surgery") and status in (None, "injured"):
                status = "surgery"
            key = (m.entity, injury)
            if key in out:
                continue
            when = dates.timex_in(doc, sent.start_char, sent.end_char)
            out[key] = event("injury", InjuryEvent(m.entity, injury, status or "injured"), conf,
                             [(sent.start_char, sent.end_char)],
                             when.value if when else dates.report_date(doc))
    return list(out.values())


# --- transfers -----------------------------------------------------------------


def extract_transfers(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    out: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for sent in doc.sents:
        former = None
        for m in ctx.in_range(sent.start, sent.end, lexicon()["team_kinds"]):
            prev = doc[m.tok_start - 1].lower_ if m.tok_start > sent.start else ""
            if (prev in ("former", "ex", "-") and m.tok_start - 2 >= sent.start) or prev in ("former", "ex"):
                former = m.entity
                break
        for status, key in (("completed", "transfer_completed"), ("rumour", "transfer_rumour"),
                            ("loan", "transfer_loan")):
            for s, e in hits.find(key, sent.start, sent.end):
                to_club = from_club = None
                phrase = doc[s:e].text.lower()
                if phrase in ("swapping", "swapped"):
                    a = _team_after(ctx, e, sent.end, 4)
                    j = next((k for k in range(e, min(e + 8, sent.end)) if doc[k].lower_ == "for"), None)
                    b = _team_after(ctx, j + 1, sent.end, 4) if j is not None else None
                    if not (a and b) or a == b:
                        continue
                    from_club, to_club = a, b
                elif phrase in ("arrived from", "left", "departed"):
                    from_club = _team_after(ctx, e, sent.end, 3)
                elif status == "loan":
                    lent = _lent_player(ctx, s, e, sent)
                    k0 = lent.tok_end if lent is not None else e
                    for k in range(k0, min(k0 + 3, sent.end)):
                        if doc[k].lower_ in ("at", "to", "with") and to_club is None:
                            to_club = _team_after(ctx, k + 1, sent.end, 3)
                        elif doc[k].lower_ == "from" and from_club is None:
                            from_club = _team_after(ctx, k + 1, sent.end, 3)
                    if lent is not None:
                        # "Chelsea have loaned Felix to Milan": the lending club is the subject
                        owner = ctx.subject_team(s, sent)
                        from_club = from_club or owner
                        if to_club is None or from_club == to_club:
                            continue
                        key_ = (lent.entity, to_club, "loan")
                        if key_ not in out:
                            detail = TransferEvent(lent.entity, from_club, to_club, "loan")
                            out[key_] = event("transfer", detail, 0.75, [(sent.start_char, sent.end_char)],
                                              _when(ctx, sent, s))
                        continue
                    # "joined Villa on loan from Chelsea": that player's move in this sentence is the loan
                    lender = person_for(ctx, s, sent, MOVERS)
                    for k2, rec in out.items():
                        if k2[2] == "completed" and lender is not None and k2[0] == lender[0].entity \
                                and [sent.start_char, sent.end_char] in rec["sources"]:
                            rec["fields"]["status"] = "loan"
                            rec["fields"]["from_club"] = rec["fields"]["from_club"] or from_club
                            to_club = None
                    here = [sent.start_char, sent.end_char]
                    if to_club is None and from_club is not None and any(
                            r["fields"]["status"] == "loan" and here in r["sources"] for r in out.values()):
                        continue
                else:
                    to_club = _team_after(ctx, e, sent.end, 3)
                    if to_club is None:
                        # "linked with a move to X", "a possible move to X"
                        for k in range(e, min(e + 6, sent.end)):
                            if doc[k].lower_ in ("move", "switch", "transfer") and k + 1 < sent.end \
                                    and doc[k + 1].lower_ in ("to", "for"):
                                to_club = _team_after(ctx, k + 2, sent.end, 3)
                                break
                if to_club is None and from_club is None:
                    continue
                who = person_for(ctx, s, sent, MOVERS)
                if who is None:
                    continue
                m, conf = who
                if m.kind != "player":
                    conf *= 0.9  # a name the gazetteer could not type: a player, most likely
                subj = subject_of(doc[s]) if ctx.parsed else None
                if former and subj is not None and not ctx.in_range(subj.start, subj.end, ("club",)):
                    former = None  # "former X" describes someone else in the sentence
                from_club = from_club or (former if former != to_club else None)
                if from_club == to_club:
                    continue
                conf *= 1.0 if status == "completed" else 0.8
                date = dates.report_date(doc) if status == "rumour" else _when(ctx, sent, s)
                k2 = (m.entity, to_club, status)
                if k2 in out:
                    if out[k2]["fields"]["from_club"] is None:
                        out[k2]["fields"]["from_club"] = from_club
                    out[k2]["date"] = out[k2]["date"] or date
                    out[k2]["sources"] = sorted({*map(tuple, out[k2]["sources"]),
                                                 (sent.start_char, sent.end_char)})
                    out[k2]["sources"] = [list(x) for x in out[k2]["sources"]]
                    continue
                out[k2] = event("transfer", TransferEvent(m.entity, from_club, to_club, status), conf,
                                [(sent.start_char, sent.end_char)], date)
    return list(out.values())


def _shirt_giver(ctx: Context, i: int, sent: Span, verbs: set[str]) -> tuple[Ment | None, Ment | None]:
    """For "his shirt" governed by a giving or swapping verb: the subject player (the shirt's
    owner) and the player after "to"/"with" that follows the shirt, when there is one."""
    doc = ctx.doc
    if not ctx.parsed:
        return None, None
    head = doc[i].head
    if head.lower_ not in verbs or head.i > i:
        return None, None
    who = person_for(ctx, head.i, sent)
    if who is None or who[1] < 0.8:
        return None, None  # a pronoun subject: whose shirt is too uncertain
    to = None
    for k in range(i + 1, min(i + 4, sent.end)):
        if doc[k].lower_ in ("to", "with") and k + 1 < sent.end:
            to = ctx.at(k + 1, ("player",))
            break
    return who[0], to


def _when(ctx: Context, sent: Span, s: int) -> str | None:
    """The date nearest token ``s`` in its own clause (no comma or semicolon in between)."""
    doc = ctx.doc
    stops = (",", ";", "(", ")")
    a = next((k + 1 for k in range(s - 1, sent.start - 1, -1) if doc[k].text in stops), sent.start)
    b = next((k for k in range(s + 1, sent.end) if doc[k].text in stops), sent.end)
    when = dates.timex_in(doc, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), near=doc[s].idx)
    return when.value if when else None


def _lent_player(ctx: Context, s: int, e: int, sent: Span) -> Ment | None:
    """The player right after a lending verb ("loaned Joao Felix to ..."), if the verb is one."""
    doc = ctx.doc
    if e - s != 1 or doc[s].lower_ not in ("loaned", "loan", "loans", "loaning") or e >= sent.end:
        return None
    if ctx.parsed and doc[s].pos_ != "VERB":
        return None
    return ctx.at(e, ("player", "person"))


def _bare_possessive(doc: Any, i: int, end: int) -> bool:
    """ "the full-back's in return": a possessive with its noun (the shirt) left out."""
    if i + 1 >= end or doc[i].lower_ not in ("'s", "’s"):
        return False
    nxt = doc[i + 1]
    return not nxt.is_alpha or nxt.lower_ in ("in", "and", "after", "as")
