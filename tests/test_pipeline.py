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


# ---- which event a count goes to (_attach_counts): the event of its own clause that can measure it
PAD = " The report was published by a local newspaper in its morning edition."


def _counts_by_event(text: str) -> list[tuple[str, str | None, dict, list]]:
    article = Article(text=text + PAD, published="2023-07-13")
    return [(e.type, e.mode, {k: c.min for k, c in e.counts.items()}, e.explain)
            for e in extract_article(article)]


def test_an_arrest_never_carries_the_dead():
    from newsevents.pipeline import count_kinds_for
    assert count_kinds_for("COERCE", "173") == {"detained"}
    assert count_kinds_for("COERCE", "1723") == frozenset()       # a curfew counts nobody
    assert "killed" in count_kinds_for("COERCE", "170")           # a crackdown can kill
    assert "killed" in count_kinds_for("ASSAULT", "175")


def test_deaths_in_a_clause_of_violence_go_to_the_violence():
    found = _counts_by_event("At least 300 people were detained after violence rocked the capital "
                             "on Monday, leaving 14 people dead.")
    arrests = [c for t, m, c, _ in found if m == "arrest"]
    violence = [c for t, m, c, _ in found if t == "ASSAULT"]
    assert arrests == [{"detained": 300}]
    assert violence == [{"killed": 14}]


def test_a_count_no_event_can_take_is_dropped_and_explained():
    found = _counts_by_event("Police arrested 40 people after a storm hit the town, leaving 5 people dead.")
    assert [c for _, _, c, _ in found] == [{"detained": 40}]
    assert any("dropped" in line and "killed" in line for _, _, _, explain in found for line in explain)


def test_generic_violence_is_no_event():
    found = _counts_by_event("Violence against women is a crime, the minister said on Monday.")
    assert not any(t == "ASSAULT" for t, _, _, _ in found)


# ---- in-article event coreference: a back-reference ("the attack") joins the event told before it
def _assaults(text: str, merge: bool = True, published: str = "2023-07-13"):
    article = Article(text=text + PAD, published=published)
    return [e for e in extract_article(article, Settings(merge_repeats=merge)) if e.type == "ASSAULT"]


def test_a_back_reference_is_merged_into_the_event_it_recalls():
    text = ("Gunmen attacked a police station in Kandahar on Monday. "
            "The governor said the attack killed five officers.")
    merged, mentions = _assaults(text), _assaults(text, merge=False)
    assert len(mentions) == 2 and len(merged) == 1
    first = merged[0]
    assert first.evidence.trigger == "attacked"
    assert any(line.startswith("merged repeat at ") and line.endswith(": attack") for line in first.explain)
    assert first.counts["killed"].min == 5          # the repeat's count is kept on the event


def test_a_sentence_telling_one_attack_in_two_words_is_one_record():
    text = "Gunmen attacked a village near Kano on Monday in a bomb and gun attack, police said."
    merged, mentions = _assaults(text), _assaults(text, merge=False)
    assert len(mentions) == 2 and len(merged) == 1
    assert merged[0].evidence.trigger == "attacked" and merged[0].actor1.text == "Gunmen"


def test_a_back_reference_with_another_place_stays_its_own_event():
    text = ("A bomb exploded at a market in Kabul on Monday. "
            "The explosion in Lagos was unrelated, police in Nigeria said.")
    assert len(_assaults(text)) == 2


def test_an_indefinite_or_contrasting_mention_introduces_another_event():
    text = ("Rebels attacked an army base in Goma on Monday. "
            "An attack on a convoy followed. The latest attack was condemned by the army.")
    assert len(_assaults(text)) == len(_assaults(text, merge=False)) == 3


def test_which_nouns_refer_back():
    from newsevents.nlp import load_pipeline
    from newsevents.merge.within import is_back_reference
    nlp = load_pipeline(Settings().spacy_model)

    def refers_back(sentence: str, word: str) -> bool:
        doc = nlp(sentence)
        return is_back_reference(next(t for t in doc if t.text == word))
    assert refers_back("Police condemned the attack.", "attack")
    assert refers_back("Police condemned Saturday's attack.", "attack")
    assert refers_back("Police condemned this cowardly attack.", "attack")
    assert not refers_back("Police reported an attack.", "attack")
    assert not refers_back("Police reported two attacks.", "attacks")
    assert not refers_back("Police condemned the latest attack.", "attack")
    assert not refers_back("Rebels attacked the town.", "attacked")
