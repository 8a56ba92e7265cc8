"""Coach roles from the phrasings reports use, each with a negative twin (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def roles(nlp: Language, text: str, dct: str = "2024-11-20") -> set[tuple[str, str, str]]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return {(e["fields"]["person"], e["fields"]["team"], e["fields"]["role"])
            for e in nlp(doc)._.tl_events if e["kind"] == "role"}


SLOT_LIVERPOOL = ("coach:arne-slot", "club:liverpool", "head_coach")


def test_appointed_as_their_new_head_coach(nlp: Language) -> None:
    assert SLOT_LIVERPOOL in roles(nlp, "Liverpool have confirmed Arne Slot as their new head coach.")


def test_resigned_as_team_manager(nlp: Language) -> None:
    found = roles(nlp, "Gareth Southgate has resigned as England manager after eight years.")
    assert ("coach:gareth-southgate", "national_team:england", "head_coach") in found


def test_former_manager_is_no_role(nlp: Language) -> None:
    found = roles(nlp, "The pundit was joined in the studio by Gareth Southgate, who spoke as a former "
                       "England manager.")
    assert not any(r[0] == "coach:gareth-southgate" for r in found)


def test_first_final_as_team_head_coach(nlp: Language) -> None:
    assert SLOT_LIVERPOOL in roles(nlp, "It was Arne Slot's first final as Liverpool head coach.")


def test_coached_by(nlp: Language) -> None:
    found = roles(nlp, "Inter, coached by Simone Inzaghi, dominated the second half.")
    assert ("coach:simone-inzaghi", "club:fc-internazionale-milano", "head_coach") in found


def test_coach_possessive_team(nlp: Language) -> None:
    # a known coach's team is the one the gazetteer's dated roles give on the report date
    found = roles(nlp, "Edin Terzić's Dortmund started the brighter of the two sides.", dct="2024-03-01")
    assert ("coach:edin-terzic", "club:borussia-dortmund", "head_coach") in found


def test_player_possessive_team_is_no_role(nlp: Language) -> None:
    found = roles(nlp, "Mohamed Salah's Liverpool were too strong for the visitors.")
    assert not any(r[0] == "player:mohamed-salah" for r in found)


def test_coach_possessive_side_with_an_adjective(nlp: Language) -> None:
    found = roles(nlp, "Victory would stretch the lead over Pep Guardiola's struggling side to nine points.")
    assert ("coach:pep-guardiola", "club:manchester-city", "head_coach") in found


def test_team_sacked_coach(nlp: Language) -> None:
    found = roles(nlp, "Manchester United have sacked Erik ten Hag after a poor start.", dct="2024-10-29")
    assert ("coach:erik-ten-hag", "club:manchester-united", "head_coach") in found


def test_team_sacked_a_player_is_no_role(nlp: Language) -> None:
    found = roles(nlp, "Manchester United have sacked Mason Greenwood's agent.", dct="2024-10-29")
    assert not any(r[2] == "head_coach" for r in found)



def test_former_before_the_team_and_title_is_no_current_role(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Former Blackburn boss Roy Hodgson says the league should have a winter break.")
    doc._.dct = "2005-03-01"
    # read as a past role, if at all: never one held on the report date
    assert all(e["fields"]["status"] == "former" for e in nlp(doc)._.tl_events if e["kind"] == "role")


def test_a_coach_the_article_calls_a_player_has_no_coach_role(nlp: Language) -> None:
    # the gazetteer knows him as a coach of later years; in 2005 the article makes him a striker
    found = roles(nlp, "Manchester United striker Ruud van Nistelrooy scored twice on Saturday. Van "
                       "Nistelrooy was delighted with his afternoon.", dct="2005-02-01")
    assert not any(r[0] == "coach:ruud-van-nistelrooy" for r in found)
