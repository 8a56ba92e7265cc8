"""A small invented knowledge base written straight through the store (no text pipeline):
four clubs, three people, six articles with matches, a transfer, an injury, a role and quotes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from touchline.ingest import make_article
from touchline.model import (
    Analysis,
    Entity,
    Event,
    InjuryEvent,
    MatchEvent,
    Mention,
    Quote,
    RoleEvent,
    Scorer,
    SourceSpan,
    TransferEvent,
)
from touchline.store import Store, WriteBatch

UNITED = Entity("club:northbridge-united", "club", "Northbridge United", ("Northbridge",))
CASTLEMOOR = Entity("club:castlemoor-fc", "club", "Castlemoor FC")
HARBOUR = Entity("club:harbour-city", "club", "Harbour City", ("Harbour",))
EASTVALE = Entity("club:eastvale", "club", "Eastvale")
QUILL = Entity("person:marta-quill", "player", "Marta Quill", (), {"club": UNITED.id})
BRENNER = Entity("person:olaf-brenner", "coach", "Olaf Brenner")
KORVER = Entity("person:ines-korver", "player", "Ines Korver", (), {"club": HARBOUR.id})
ENTITIES = (UNITED, CASTLEMOOR, HARBOUR, EASTVALE, QUILL, BRENNER, KORVER)

MATCH_1 = "match:nu-cas-0214"


def _article(text: str, published: date, name: str, events: list[tuple[Event, str]],
             quotes: list[tuple[Entity, str]], story: str | None = None) -> Analysis:
    art = make_article(text, source=f"/news/{name}.txt", published=published)
    art = replace(art, story=story or f"story:{name}")
    mentions = []
    for e in ENTITIES:
        for form in (e.name, *e.aliases):
            at = text.find(form)
            if at >= 0:
                mentions.append(Mention(art.id, at, at + len(form), form, e.kind, e.id))
                break
    evs = tuple(replace(ev, sources=(SourceSpan(art.id, text.index(span), text.index(span) + len(span)),))
                for ev, span in events)
    qs = tuple(Quote(f"q-{name}-{n}", art.id, text.index(words), text.index(words) + len(words), words,
                     "direct", who.id, "said", 0.9, speaker_name=who.name)
               for n, (who, words) in enumerate(quotes))
    return Analysis(art, ENTITIES, tuple(mentions), evs, qs)


def analyses() -> list[Analysis]:
    match1 = Event(MATCH_1, "match", MatchEvent(UNITED.id, CASTLEMOOR.id, 2, 1, scorers=(
        Scorer(QUILL.id, UNITED.id, 54),)), "2025-02-14", 0.8)
    match2 = Event("match:har-nu-0301", "match", MatchEvent(HARBOUR.id, UNITED.id, 0, 0), "2025-03-01", 0.8)
    match3 = Event("match:cas-nu-04", "match", MatchEvent(CASTLEMOOR.id, UNITED.id, 1, 3), "2025-04", 0.7)
    transfer = Event("transfer:quill", "transfer",
                     TransferEvent(QUILL.id, UNITED.id, EASTVALE.id, "completed"),
                     "2025-05-09", 0.9)
    injury = Event("injury:korver", "injury", InjuryEvent(KORVER.id, "hamstring", "out"), None, 0.6)
    role = Event("role:brenner", "role", RoleEvent(BRENNER.id, CASTLEMOOR.id, "head_coach"),
                 "2024-07-01", 0.9)
    t1 = ("Northbridge United beat Castlemoor FC 2-1 on Friday night. Marta Quill scored the winner. "
          "\u201cWe were second best in every duel tonight,\u201d said Olaf Brenner.")
    t2 = ("Northbridge United are still celebrating Friday's win over Castlemoor FC. "
          "\u201cI am proud of the whole squad and of the supporters,\u201d said Marta Quill.")
    t3 = ("Harbour City and Northbridge United drew 0-0 on a heavy pitch. "
          "\u201cThe pitch at Harbour was heavy and nobody found a rhythm,\u201d said Marta Quill.")
    t4 = ("Castlemoor FC lost 1-3 to Northbridge United in April, a defeat that hurt Olaf Brenner. "
          "\u201cProud people do not lose like that at home,\u201d said Olaf Brenner.")
    t5 = "Eastvale have completed the signing of Marta Quill from Northbridge United for an undisclosed fee."
    t6 = ("Harbour City will be without Ines Korver for several weeks with a hamstring injury. "
          "Olaf Brenner was appointed Castlemoor FC head coach last summer.")
    return [
        _article(t1, date(2025, 2, 15), "nu-cas", [(match1, "Northbridge United beat Castlemoor FC 2-1")],
                 [(BRENNER, "We were second best in every duel tonight")], story="story:nu-cas"),
        _article(t2, date(2025, 2, 16), "nu-cas-reaction",
                 [(replace(match1, detail=MatchEvent(UNITED.id, CASTLEMOOR.id)), "win over Castlemoor FC")],
                 [(QUILL, "I am proud of the whole squad and of the supporters")], story="story:nu-cas"),
        _article(t3, date(2025, 3, 2), "har-nu", [(match2, "Harbour City and Northbridge United drew 0-0")],
                 [(QUILL, "The pitch at Harbour was heavy and nobody found a rhythm")]),
        _article(t4, date(2025, 4, 28), "cas-nu", [(match3, "Castlemoor FC lost 1-3 to Northbridge United")],
                 [(BRENNER, "Proud people do not lose like that at home")]),
        _article(t5, date(2025, 5, 10), "quill-eastvale",
                 [(transfer, "Eastvale have completed the signing of Marta Quill")], []),
        _article(t6, date(2025, 5, 20), "korver", [(injury, "without Ines Korver"),
                                                  (role, "Olaf Brenner was appointed")], []),
    ]


def fill(store: Store) -> list[Analysis]:
    written = analyses()
    store.write(WriteBatch(written))
    return written
