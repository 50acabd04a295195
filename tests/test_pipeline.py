"""The pipeline's article-level choices, on the real spaCy model."""
from newsevents.config import Settings
from newsevents.model import Article
from newsevents.pipeline import extract_article

TOLD_TWICE = ("Police arrested the opposition leader in Nairobi on Monday. "
              "Protesters gathered outside the court. "
              "On Monday police arrested the opposition leader in Nairobi at his home.")


def test_an_event_told_twice_is_one_record_unless_mentions_are_asked_for():
    article = Article(text=TOLD_TWICE, published="2023-07-13")
    merged = [e for e in extract_article(article) if e.type == "COERCE"]
    mentions = [e for e in extract_article(article, Settings(merge_repeats=False)) if e.type == "COERCE"]
    assert len(merged) == 1 and merged[0].evidence.start == 0
    assert len(mentions) == 2
    assert {e.id for e in mentions} == {merged[0].id}  # the same event: the store keeps it once
