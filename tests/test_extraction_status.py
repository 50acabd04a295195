"""Event status and attribution from the parse around the event word."""
import pytest

from newsevents.extraction.status import classify_status  # noqa: E402




def status(nlp, text, word):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return classify_status(tok)


@pytest.mark.parametrize("text, word, expected", [
    ("Soldiers stormed the parliament building on Monday.", "stormed", "occurred"),
    ("Farmers are blocking the border crossings.", "blocking", "ongoing"),
    ("The strikers continue to picket the factory gates.", "picket", "ongoing"),
    ("The rebels will release the prisoners on Sunday.", "release", "planned"),
    ("Both armies are set to withdraw by June.", "withdraw", "planned"),
    ("The militia threatened to shell the airport.", "shell", "hypothetical"),
    ("The fighting could spread to the capital.", "spread", "hypothetical"),
    ("If police intervene, the crowd may riot.", "riot", "hypothetical"),
    # a condition makes even a firm future supposed; without it the same clause is planned
    ("Unless the government raises wages, the union will strike on Monday.", "strike", "hypothetical"),
    ("If talks fail, the union will strike.", "strike", "hypothetical"),
    ("The union will strike on Monday.", "strike", "planned"),
    ("The army denied bombing the hospital.", "bombing", "denied"),
    ("Police did not detain any journalists.", "detain", "denied"),
    # an event noun is denied by a predicate saying it did not take place, not by any negated one
    ("The planned strike did not happen.", "strike", "denied"),
    ("The talks were not held in Geneva.", "talks", "denied"),
    ("Their demand for a ceasefire did not mesh with the plan.", "demand", "occurred"),
    ("The governor rejected reports that troops had looted shops.", "looted", "denied"),
    ("Residents allegedly attacked the tax office.", "attacked", "claimed"),
    ("Activists accused the police of beating detainees.", "beating", "claimed"),
    ("The rebels had the opportunity to attack the convoy.", "attack", "hypothetical"),
    ("Students demanded the right to protest outside parliament.", "protest", "hypothetical"),
])
def test_status(nlp, text, word, expected):
    assert status(nlp, text, word).status == expected


def test_reported_speech_has_attribution(nlp):
    r = status(nlp, "Rebels shelled the base overnight, army spokesman Omar Haddad said.", "shelled")
    assert r.status == "claimed" and r.attribution == "army spokesman Omar Haddad"
    r = status(nlp, "According to the Red Cross, militiamen burned the village.", "burned")
    assert r.status == "claimed" and r.attribution == "the Red Cross"


def test_quote_is_claimed(nlp):
    r = status(nlp, '"Our forces have liberated the town," said Major Lena Berg.', "liberated")
    assert r.status == "claimed" and r.attribution == "Major Lena Berg"


def test_planned_keeps_source(nlp):
    r = status(nlp, "The peacekeepers are scheduled to leave on May 2, according to the ministry.", "leave")
    assert r.status == "planned" and r.attribution == "the ministry"


def test_event_governed_by_without_is_denied(nlp):
    assert status(nlp, "He launched the campaign without investigating the facts.", "investigating").status == "denied"
    assert status(nlp, "Police began investigating the bombing on Monday.", "investigating").status != "denied"


def test_phrasal_set_off_is_no_plan(nlp):
    # "set" is a plan cue ("set to begin"); "set off" causes the event (issue 3 audit)
    assert status(nlp, "The truck hit a mine, setting off an explosion that killed four.", "explosion").status == "occurred"
    assert status(nlp, "Talks are set to begin on Monday.", "Talks").status == "planned"


@pytest.mark.parametrize("text, word, expected", [
    ("Should talks fail, the union will strike.", "strike", ("hypothetical", None)),
    ('"We will attack the base," the commander said.', "attack", ("planned", "the commander")),
    ('"We attacked the base," the commander said, adding "more will come".', "attacked",
     ("claimed", "the commander")),
    ("The army denied that troops had looted shops.", "looted", ("denied", "The army")),
    ("Police denied they arrested anyone.", "arrested", ("denied", "Police")),
    ("Troops looted shops, the mayor said.", "looted", ("claimed", "the mayor")),
    ("Police said they arrested 40 people.", "arrested", ("claimed", "Police")),
    ("It is said that troops looted shops.", "looted", ("claimed", None)),        # "it" names nobody
    ("There were reports that troops looted shops.", "looted", ("claimed", None)),
    # a reported "would" is a plan; a "would" under a condition is supposed
    ("Officials said troops would withdraw from the city.", "withdraw", ("planned", "Officials")),
    ("The union said it would strike on Monday.", "strike", ("planned", "The union")),
    ("Troops would withdraw if the talks succeeded.", "withdraw", ("hypothetical", None)),
    ("The rebels are going to attack the base.", "attack", ("planned", None)),
    ("The government plans to hold talks next week.", "talks", ("planned", None)),
    ("Talks are expected to resume on Monday.", "resume", ("planned", None)),
    ("Protesters have been blocking roads for a week.", "blocking", ("ongoing", None)),
    ("Protesters had blocked roads before the police came.", "blocked", ("occurred", None)),
    ("Talks have resumed in Geneva.", "resumed", ("occurred", None)),
    ("The rebels, who attacked the base, fled.", "attacked", ("occurred", None)),
    ("Should the army attack the town, the rebels will retreat.", "attack", ("hypothetical", None)),
    ("If police intervened, the crowd rioted.", "rioted", ("occurred", None)),   # no modal: what happened
    ("Protesters had been marching for days.", "marching", ("occurred", None)),
    ("Protesters have been marching since Monday.", "marching", ("ongoing", None)),
    ("The strike will go ahead on Monday.", "strike", ("planned", None)),
    ("The president denied reports that troops had fired on protesters.", "fired", ("denied", "The president")),
    ("Officials denied that police would arrest the leaders.", "arrest", ("denied", "Officials")),
    ("Police are said to have arrested the leaders.", "arrested", ("claimed", None)),
    ("Police reportedly arrested the leaders.", "arrested", ("claimed", None)),
    ("Police arrested the leaders, according to witnesses.", "arrested", ("claimed", "witnesses")),
    ('Police "arrested the leaders," a witness said.', "arrested", ("claimed", "a witness")),
    ("Rebels threatened to attack the city unless troops withdrew.", "attack", ("hypothetical", None)),
])
def test_status_and_who_says_so(nlp, text, word, expected):
    result = status(nlp, text, word)
    assert (result.status, result.attribution) == expected
    if expected[1] and result.speaker is not None:
        assert result.speaker.text == expected[1]
    if expected[0] != "occurred":
        assert result.cue, "a status other than occurred names the word it comes from"
