"""Text over spaCy's one-million-character limit is coded in parts, not refused (issue 13), and
every event found in a later part points into the whole article's text."""
from __future__ import annotations

from newsevents.config import Settings
from newsevents.ingest import Document
from newsevents.runners.local import code_documents

FILLER = "The weather in the region was mild for the season and the markets were quiet that week. "
EVENT = "Police arrested 40 protesters in Nairobi on Tuesday after crowds marched on parliament. "


def test_a_text_over_a_million_characters_is_coded_in_parts():
    filler = FILLER * (1_100_000 // len(FILLER))
    text = "Protests in Kenya\n\n" + EVENT + filler + EVENT.replace("40", "75").replace("Tuesday", "Wednesday")
    assert len(text) > 1_000_000
    [(article, events)] = code_documents([Document("long.txt", text=text, kind="text", published="2023-03-09")],
                                         Settings(min_relevance=0.0))
    assert events, article
    for event in events:
        start, end = event.evidence.start, event.evidence.end
        assert 0 <= start < end <= len(article.text)
        assert article.text[start:end] == event.evidence.sentence
    # the second arrest lies past the first part: it was coded too
    assert any(event.evidence.start > 1_000_000 for event in events)
