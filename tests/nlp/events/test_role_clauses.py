"""Coaching roles told by clauses rather than titles (own sentences), each with a negative twin."""

from __future__ import annotations

from events_helpers import of_kind, run
from spacy.language import Language

MARESCA_CHELSEA = ("coach:enzo-maresca", "club:chelsea", "head_coach")


def roles(nlp: Language, text: str, dct: str = "2024-11-20") -> set[tuple[str, str, str]]:
    return {(e["fields"]["person"], e["fields"]["team"], e["fields"]["role"])
            for e in of_kind(run(nlp, text, dct), "role")}


def test_coach_will_leave_team(full_nlp: Language) -> None:
    assert MARESCA_CHELSEA in roles(full_nlp, "Enzo Maresca will leave Chelsea at the end of the season.")


def test_leaving_through_a_pronoun_in_a_relative_clause(full_nlp: Language) -> None:
    found = roles(full_nlp, "For Enzo Maresca, who had said that he would leave Chelsea in the summer, "
                            "the night ended badly.")
    assert MARESCA_CHELSEA in found


def test_left_could_leave_or_wants_to_leave_is_no_role(full_nlp: Language) -> None:
    for text in ("Enzo Maresca left Leicester City in 2024.",
                 "Enzo Maresca could leave Chelsea in the summer, according to reports.",
                 "Enzo Maresca wants to leave Chelsea in the summer."):
        assert not roles(full_nlp, text), text


def test_coached_team(full_nlp: Language) -> None:
    found = roles(full_nlp, "Enzo Maresca coached Leicester City before he moved to London.")
    assert ("coach:enzo-maresca", "club:leicester-city", "head_coach") in found


def test_under_coach_with_the_team_as_subject(full_nlp: Language) -> None:
    found = roles(full_nlp, "Leicester City won the title under Enzo Maresca in the Championship.")
    assert ("coach:enzo-maresca", "club:leicester-city", "head_coach") in found


def test_player_under_coach_is_no_role_for_the_player_team(full_nlp: Language) -> None:
    found = roles(full_nlp, "Enzo Maresca played under Pep Guardiola at Manchester City.")
    assert not any(r[0] == "coach:pep-guardiola" for r in found)


def test_took_charge_of_team(full_nlp: Language) -> None:
    assert MARESCA_CHELSEA in roles(full_nlp, "Enzo Maresca took charge of Chelsea in the summer of 2024.")


def test_take_charge_on_an_interim_basis(full_nlp: Language) -> None:
    found = roles(full_nlp, "Kieran McKenna will take charge of Chelsea on an interim basis.")
    assert ("coach:kieran-mckenna", "club:chelsea", "head_coach") in found
    text = "Kieran McKenna will take charge of Chelsea on an interim basis."
    [event] = of_kind(run(full_nlp, text, "2024-11-20"), "role")
    assert event["fields"]["status"] == "interim"


def test_a_sacked_coach_ends_his_role(full_nlp: Language) -> None:
    text = "Chelsea have sacked Enzo Maresca after a poor run."
    [event] = of_kind(run(full_nlp, text, "2024-11-20"), "role")
    assert event["fields"]["status"] == "ended"


def test_first_game_in_charge_of_team(full_nlp: Language) -> None:
    found = roles(full_nlp, "Mikel Arteta's first game in charge of Arsenal ended in defeat.")
    assert ("coach:mikel-arteta", "club:arsenal", "head_coach") in found


def test_held_talks_with_team_is_no_role(full_nlp: Language) -> None:
    assert not roles(full_nlp, "Enzo Maresca held talks with Chelsea about the job.")


def test_will_become_team_head_coach(full_nlp: Language) -> None:
    assert MARESCA_CHELSEA in roles(full_nlp, "Enzo Maresca will become Chelsea's head coach in July.")


def test_could_become_head_coach_is_no_role(full_nlp: Language) -> None:
    assert not roles(full_nlp, "Enzo Maresca could become Chelsea's head coach in July.")


def test_team_possessive_before_a_known_coach(full_nlp: Language) -> None:
    assert MARESCA_CHELSEA in roles(full_nlp, "Chelsea's Enzo Maresca spoke after the game.")


def test_team_possessive_before_a_coach_of_another_team_is_no_role(full_nlp: Language) -> None:
    assert not roles(full_nlp, "Leicester City's Enzo Maresca spoke after the game.")


def test_title_then_name_in_apposition(full_nlp: Language) -> None:
    assert MARESCA_CHELSEA in roles(full_nlp, "Chelsea's manager, Enzo Maresca, praised his players.")


def test_the_team_boss_and_team_manager(full_nlp: Language) -> None:
    assert MARESCA_CHELSEA in roles(full_nlp, "The Chelsea boss Enzo Maresca was pleased with the display.")
    assert MARESCA_CHELSEA in roles(full_nlp, "Chelsea manager Enzo Maresca praised his players.")


def test_former_boss_is_no_current_role(full_nlp: Language) -> None:
    """A past role is read as past ("former"): a closed interval in the knowledge base, never a
    current one."""
    text = "Former Leicester City boss Enzo Maresca spoke after the game."
    found = of_kind(run(full_nlp, text, "2024-11-20"), "role")
    assert all(e["fields"]["status"] == "former" for e in found)


def test_a_list_of_titled_coaches_pairs_each_title_with_the_name_after_it(nlp: Language) -> None:
    doc = run(nlp, "Harbour City coach Marta Quill, Northbridge United boss Olaf Brenner and others were "
                   "tipped for the job.", "2025-03-12")
    pairs = {(r["fields"]["person"], r["fields"]["team"]) for r in of_kind(doc, "role")}
    assert ("coach:marta-quill", "club:northbridge-united") not in pairs
    assert ("coach:olaf-brenner", "club:northbridge-united") in pairs


def test_a_reign_that_came_to_an_end_ends_the_role(nlp: Language) -> None:
    doc = run(nlp, "Marta Quill's troubled reign at Harbour City came to an abrupt end on Tuesday.",
              "2025-03-12")
    [role] = of_kind(doc, "role")
    assert (role["fields"]["person"], role["fields"]["team"], role["fields"]["status"]) == \
        ("coach:marta-quill", "club:harbour-city", "ended")
