"""ACLED sub-event types decided from the weapon, the actors, the targets and territory, and no
political event from accidents, disasters and ordinary crime (issue 11). Sentences here are not
in the snippet gold set."""
import pytest

from newsevents import codebooks as cb
from newsevents.extraction.acled_cues import acled_cues
from newsevents.model import Article
from newsevents.pipeline import extract_article


def acled_of(text: str) -> set:
    events = extract_article(Article(text=text, published="2024-05-02"))
    return {e.acled_subtype for e in events if e.acled_subtype}


@pytest.mark.parametrize("text, subtype", [
    ("A militant threw a grenade at a police checkpoint in Kashmir, wounding two officers.", "Grenade"),
    ("A suicide bomber blew himself up outside a church in Kano, killing five worshippers.", "Suicide bomb"),
    ("Government planes dropped barrels of chlorine on the rebel-held village, activists said.",
     "Chemical weapon"),
    ("The army recaptured the town of Gao from jihadist fighters on Monday.", "Government regains territory"),
    ("Islamist insurgents captured the town of Mocimboa from government troops.",
     "Non-state actor overtakes territory"),
    ("Police opened fire on protesters in Lome, killing three of them.", "Excessive force against protesters"),
    ("Police fired tear gas at protesters outside the election commission in Maputo.",
     "Protest with intervention"),
    ("Army engineers defused a roadside bomb on the highway to Gao.", "Disrupted weapons use"),
    ("The rebels set up a new base in the hills near Rutshuru, residents said.",
     "Headquarters or base established"),
    ("Soldiers raped several women in a village near Goma, a UN report said.", "Sexual violence"),
])
def test_the_weapon_actors_and_territory_decide_the_subtype(text, subtype):
    assert subtype in acled_of(text)


@pytest.mark.parametrize("text", [
    "A cargo plane crashed on landing in Goma, killing all six crew members.",       # the 346-killed bug
    "A minibus collided with a lorry near Kisumu, killing eleven passengers.",
    "A blaze at a textile factory in Dhaka killed 17 workers.",
    "An earthquake struck eastern Afghanistan, killing more than 1,000 people.",
    "A man stabbed his brother to death after an argument over land, police said.",
    "Police arrested a woman suspected of stealing cars in Leeds.",
    "The court sentenced the former accountant to seven years for fraud.",
    "The striker shot past the goalkeeper to give Ghana the lead.",
])
def test_accidents_disasters_and_ordinary_crime_code_no_political_event(text):
    assert acled_of(text) == set()


def test_an_arrest_of_an_opposition_leader_is_an_acled_arrest():
    assert "Arrests" in acled_of("Police in Harare arrested the opposition leader Nelson Chamisa on Friday.")


def test_cues_name_the_weapon_and_the_zone(nlp):
    doc = nlp("Rebels fired mortar shells at the town, residents said.")
    trigger = next(t for t in doc if t.lower_ == "fired")
    cues = acled_cues(trigger)
    assert "artillery" in cues and "place" in cues and "grenade" not in cues


def test_rules_read_cues_only_when_they_were_read():
    # Without cues the rules on weapon words are skipped: the old type/mode/sector mapping holds.
    assert cb.acled_for("COERCE", "arrest") == ("Strategic developments", "Arrests")
    assert cb.acled_for("ASSAULT", None, "190", cues=frozenset({"grenade"})) == (
        "Explosions/Remote violence", "Grenade")
    assert cb.acled_for("ASSAULT", None, "180", cues=frozenset({"hazard"})) == (None, None)
    assert cb.acled_for("ASSAULT", None, "190", "REB", cues=frozenset({"hazard", "source.armed"})) != (None, None)
