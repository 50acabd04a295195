"""What the coding guide counts as no event gets the no-event flag, read from the syntax (issue 11).

Each case is a pattern seen across the VOA read stories, written here in new sentences: a relative
clause describing a noun, an event noun naming a kind of another noun, a formula of news writing,
a background state, conditional advice, a private individual's opinion. The record is kept with
``keep_non_events`` and says why; by default it is not stored. The counter-cases (a past deed in a
relative clause, a dated past perfect, a group's demand) stay events.
"""
import pytest

from newsevents.config import Settings
from newsevents.model import Article
from newsevents.pipeline import extract_article

PAD = " The report was published by a local newspaper in its morning edition."


def _records(text: str, event_type: str, **settings):
    events = extract_article(Article(text=text + PAD, published="2024-05-10"), Settings(record_model=False, **settings))
    return [e for e in events if e.type == event_type]


@pytest.mark.parametrize("text, event_type, why", [
    # a relative clause in the simple present or an undated past perfect describes a noun
    ("Maria Lopez, a retired diplomat who had negotiated with Iran for years, spoke at the forum.",
     "CONSULT", "describes a noun"),
    ("He has millions of followers on TikTok, where he posts short clips praising life in Russia.",
     "SUPPORT", "describes a noun"),
    # an event noun under another noun names its kind
    ("The two men, who are facing murder and kidnapping charges, appeared in court on Monday.",
     "ASSAULT", "kind of"),
    # formulas of news writing
    ("The Interior Ministry did not reply to an email requesting comment.", "REQUEST", "formula"),
    ("A police officer, who requested anonymity, told reporters that the port was closed.", "REQUEST", "formula"),
    # a background state before the story's events
    ("The Red Cross was already providing food to 20,000 refugees before the floods.", "AID", "background"),
    # a private individual's opinion
    ("A shopkeeper in Lagos said she agreed with the governor's plan.", "AGREE", "private person"),
])
def test_no_event_is_flagged_not_stored(text, event_type, why):
    kept = _records(text, event_type, keep_non_events=True)
    assert kept, f"no {event_type} record even with keep_non_events"
    assert any(e.non_event and why in e.non_event for e in kept), [e.non_event for e in kept]
    assert not [e for e in _records(text, event_type) if e.non_event and why in e.non_event]


def test_conditional_advice_is_no_demand():
    text = '"If there is real evidence, they should open an investigation," the former minister told reporters.'
    kept = _records(text, "REQUEST", keep_non_events=True)
    assert kept and all(e.non_event and "condition" in e.non_event for e in kept)
    assert not _records(text, "REQUEST")


@pytest.mark.parametrize("text, event_type", [
    # a relative clause in the simple past tells a deed
    ("The militia, which seized the airport in March, released 12 hostages on Sunday.", "COERCE"),
    # a past deed under a present relative clause is still a deed
    ("Some of the refugees who remain in custody since the police deported 40 others were moved on Friday.", "COERCE"),
    # a group of private people acting together is an actor
    ("The country's farmers demanded that the government cut fuel prices.", "REQUEST"),
    # a past perfect with a date of its own is a datable event
    ("The journalist, who had been arrested in March, was freed on Monday.", "COERCE"),
])
def test_events_stay_events(text, event_type):
    kept = _records(text, event_type, keep_non_events=True)
    assert kept, f"no {event_type} record"
    assert any(e.non_event is None for e in kept), [e.non_event for e in kept]
