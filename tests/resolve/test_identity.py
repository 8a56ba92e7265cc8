"""One entity per real person across articles: Identity over the memory store.

Articles are built by hand here (what tl_entities would have written); the end-to-end
test on real text is tests/test_people_kb.py.
"""

from __future__ import annotations

from datetime import date

from touchline.ingest import make_article
from touchline.model import Analysis, Entity, Event, Mention, Quote, RoleEvent, SourceSpan
from touchline.resolve import Identity, resolve_analysis
from touchline.resolve.entity_records import entity_keys, merge_entity
from touchline.store import WriteBatch, open_store
from touchline.store.memory import MemoryStore

KESTREL = Entity("club:kestrel-rovers", "club", "Kestrel Rovers")
HARBOUR = Entity("club:harbour-athletic", "club", "Harbour Athletic")


def article(text: str, entities: tuple[Entity, ...], mentions: tuple[tuple[str, str, str | None], ...] = (),
            quotes: tuple[Quote, ...] = (), events: tuple[Event, ...] = ()) -> Analysis:
    art = make_article(text, source=f"{abs(hash(text))}.txt", published=date(2019, 8, 10))
    ms = tuple(Mention(art.id, text.index(t), text.index(t) + len(t), t, kind, eid)
               for t, kind, eid in mentions)
    qs = tuple(Quote(q.id, art.id, q.start, q.end, q.text, q.kind, q.speaker, speaker_name=q.speaker_name)
               for q in quotes)
    evs = tuple(Event(e.id, e.kind, e.detail, e.date, e.confidence, (SourceSpan(art.id, 0, 5),))
                for e in events)
    return Analysis(article=art, entities=entities, mentions=ms, quotes=qs, events=evs)


def named(text: str, eid: str, name: str) -> Analysis:
    """An article naming one person, with the kind its id carries."""
    kind = eid.split(":", 1)[0]
    return article(text, (Entity(eid, kind, name),), ((name, kind, eid),))


def ingest(store: MemoryStore, *analyses: Analysis) -> list[Analysis]:
    identity = Identity(store.entities_by_keys, is_gazetteer=lambda eid: False)
    done = [resolve_analysis(a, identity=identity) for a in analyses]
    store.write(WriteBatch(done))
    return done


def people(store: MemoryStore) -> dict[str, Entity]:
    return {e.id: e for e in store.entities() if e.kind in ("player", "coach", "person")}


def test_one_person_under_every_kind_and_honorific_is_one_entity() -> None:
    store = MemoryStore()
    ingest(store, named("Sir Alan Hartigan watched.", "coach:sir-alan-hartigan", "Sir Alan Hartigan"),
           named("Alan Hartigan spoke.", "person:alan-hartigan", "Alan Hartigan"))
    ingest(store, named("Kestrel coach Alan Hartigan.", "coach:alan-hartigan", "Alan Hartigan"))
    [manager] = people(store).values()
    assert manager.id == "person:alan-hartigan"
    assert manager.kind == "coach"  # two articles said coach, one only person
    assert "Sir Alan Hartigan" in manager.aliases


def test_a_diminutive_joins_the_full_name_in_either_order() -> None:
    for first, second in (("Rafa Benitez", "Rafael Benítez"), ("Rafael Benítez", "Rafa Benitez")):
        store = MemoryStore()
        ingest(store, named(f"{first} spoke.", "coach:x", first))
        ingest(store, named(f"{second} spoke.", "coach:y", second))
        assert len(people(store)) == 1


def test_a_surname_alone_joins_the_person_whose_club_the_article_names() -> None:
    store = MemoryStore()
    callum = Entity("player:callum-reddy", "player", "Callum Reddy", attrs={"stated": {"club": KESTREL.id}})
    sam = Entity("player:sam-reddy", "player", "Sam Reddy", attrs={"stated": {"club": HARBOUR.id}})
    ingest(store, article("Callum Reddy and Sam Reddy.", (callum, sam, KESTREL, HARBOUR)))
    [later] = ingest(store, article("Reddy scored for Kestrel Rovers.", (KESTREL,),
                                    (("Reddy", "person", None), ("Kestrel Rovers", "club", KESTREL.id))))
    assert next(m for m in later.mentions if m.text == "Reddy").entity == "person:callum-reddy"
    [both] = ingest(store, article("Reddy scored and so did Reddy: Kestrel Rovers v Harbour Athletic.",
                                   (KESTREL, HARBOUR), (("Reddy", "person", None),)))
    assert next(m for m in both.mentions if m.text == "Reddy").entity is None  # both in context
    assert len(people(store)) == 2


def test_an_unlinked_speakers_name_becomes_their_entity() -> None:
    store = MemoryStore()
    text = '"We move on," said Ana Lopes.'
    quote = Quote("q1", "", 1, 12, "We move on,", "direct", None, speaker_name="Ana Lopes")
    [done] = ingest(store, article(text, (), quotes=(quote,)))
    assert done.quotes[0].speaker == "person:ana-lopes"
    assert people(store)["person:ana-lopes"].name == "Ana Lopes"


def test_a_description_is_never_minted_as_a_person() -> None:
    store = MemoryStore()
    text = '"We move on," said the Harbour Athletic statement.'
    quote = Quote("q1", "", 1, 12, "We move on,", "direct", None,
                  speaker_name="the Harbour Athletic statement")
    [done] = ingest(store, article(text, (), quotes=(quote,)))
    assert done.quotes[0].speaker is None and not people(store)


def test_a_name_the_ner_took_for_a_person_is_the_club_the_gazetteer_knows() -> None:
    store = MemoryStore()
    identity = Identity(store.entities_by_keys, is_gazetteer=lambda eid: eid == KESTREL.id)
    for a in (article("Kestrel Rovers won.", (KESTREL,)),
              named("Kestrel Rovers lost.", "person:kestrel-rovers", "Kestrel Rovers")):
        done = resolve_analysis(a, identity=identity)
        store.write(WriteBatch([done]))
    assert done.mentions[0].entity == KESTREL.id
    assert not people(store)


def test_a_club_the_text_made_of_a_persons_name_is_the_person() -> None:
    store = MemoryStore()
    text = "Ivo Brandt saved Nico Falk's spot-kick."
    falk = Entity("player:nico-falk", "player", "Nico Falk")
    club = Entity("club:nico-falk", "club", "Nico Falk")
    [done] = ingest(store, article(text, (club, falk), (("Nico Falk", "club", club.id),)))
    assert done.mentions[0].entity == "person:nico-falk"
    assert set(people(store)) == {"person:nico-falk"} and not any(e.kind == "club" for e in store.entities())


def test_references_in_events_follow_the_person() -> None:
    store = MemoryStore()
    role = Event("", "role", RoleEvent(person="coach:alan-hartigan", team=KESTREL.id, role="head_coach"),
                 "2019-08-01", 0.8)
    hartigan = Entity("coach:alan-hartigan", "coach", "Alan Hartigan")
    [done] = ingest(store, article("Kestrel coach Alan Hartigan.", (hartigan, KESTREL), events=(role,)))
    assert done.events[0].detail.person == "person:alan-hartigan"  # type: ignore[union-attr]


def test_merging_adds_names_clubs_and_votes() -> None:
    old = Entity("person:ivo-brandt", "person", "Ivo Brandt", attrs={"kinds": {"person": 1}})
    new = Entity("person:ivo-brandt", "coach", "Ivo Brandt", ("Sir Ivo Brandt",),
                 {"kinds": {"coach": 1}, "teams": [HARBOUR.id]})
    merged = merge_entity(old, new)
    assert merged.kind == "coach" and merged.aliases == ("Sir Ivo Brandt",)
    assert merged.attrs["teams"] == [HARBOUR.id]
    assert "pk:ivo brandt" in entity_keys(merged) and "ps:brandt" in entity_keys(merged)


def test_the_sql_store_finds_and_merges_like_the_memory_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(str(tmp_path / "kb.db"))
    identity = Identity(store.entities_by_keys, is_gazetteer=lambda eid: False)
    for text, eid, name in (("Rafa Benitez spoke.", "coach:rafa-benitez", "Rafa Benitez"),
                            ("Rafael Benítez spoke.", "person:rafael-benitez", "Rafael Benítez")):
        a = resolve_analysis(named(text, eid, name), identity=identity)
        store.write(WriteBatch([a]))
        identity = Identity(store.entities_by_keys, is_gazetteer=lambda eid: False)  # a new run
    [benitez] = [e for e in store.entities() if e.kind in ("coach", "person", "player")]
    assert benitez.kind == "coach" and set(benitez.aliases) == {"Rafael Benítez"}
    store.close()


def test_namesakes_the_gazetteer_tells_apart_stay_apart() -> None:
    store = MemoryStore()
    gazetteer = {"player:ivo-brandt", "player:ivo-brandt-1999"}
    identity = Identity(store.entities_by_keys, is_gazetteer=gazetteer.__contains__,
                        namesakes=lambda name: set(gazetteer) if "Brandt" in name else set())
    for eid in sorted(gazetteer):
        a = resolve_analysis(named(f"Ivo Brandt ({eid}) played.", eid, "Ivo Brandt"), identity=identity)
        store.write(WriteBatch([a]))
    assert set(people(store)) == {"person:ivo-brandt", "person:ivo-brandt-1999"}
    # An article that names "Ivo Brandt" without saying which one links to neither.
    [undecided] = [resolve_analysis(named("Ivo Brandt scored.", "person:ivo-brandt", "Ivo Brandt"),
                                 identity=identity)]
    assert undecided.mentions[0].entity is None and not undecided.entities


def test_the_role_and_club_the_text_gives_are_kept() -> None:
    store = MemoryStore()
    lopes = Entity("person:ana-lopes", "person", "Ana Lopes",
                   attrs={"stated": {"role": "vice_chairman", "club": HARBOUR.id}})
    ingest(store, article("Harbour Athletic vice-chairman Ana Lopes spoke.", (lopes, HARBOUR)))
    stored = people(store)["person:ana-lopes"]
    assert stored.attrs["roles_stated"] == ["vice_chairman"] and stored.attrs["teams"] == [HARBOUR.id]
