"""Evidence highlighting: the extracted words found again in each source sentence."""
from newsevents.serve.evidence import highlight_spans

RECORD = {"evidence": {"sentence": "Kenyan police arrested more than 300 protesters in Nairobi on Wednesday.",
                       "start": 100, "end": 172, "trigger": "arrested", "trigger_start": 114},
          "actor1": {"text": "Kenyan police"}, "actor2": {"text": "more than 300 protesters"},
          "counts": {"detained": {"text": "more than 300"}}, "location": {"text": "Nairobi"},
          "date_text": "Wednesday", "attribution": None}


def labelled(spans, sentence):
    return [(s["label"], sentence[s["start"]:s["end"]]) for s in spans]


def test_every_extracted_word_is_placed_and_a_count_nests_inside_its_actor():
    sentence = RECORD["evidence"]["sentence"]
    assert labelled(highlight_spans(RECORD, sentence, 100), sentence) == [
        ("ACTOR1", "Kenyan police"), ("TRIGGER", "arrested"), ("ACTOR2", "more than 300 protesters"),
        ("COUNT", "more than 300"), ("PLACE", "Nairobi"), ("DATE", "Wednesday")]


def test_another_source_sentence_is_searched_by_whole_words():
    other = "On Wednesday police in Nairobi arrested more than 300 protesters, Kenyan police said."
    spans = labelled(highlight_spans(RECORD, other, 5), other)
    assert ("TRIGGER", "arrested") in spans and ("DATE", "Wednesday") in spans
    assert ("PLACE", "Nairobi") in spans


def test_words_not_in_the_sentence_and_parts_of_words_are_not_marked():
    sentence = "Police arrested the Nairobians who protested."
    spans = labelled(highlight_spans(RECORD, sentence), sentence)
    assert spans == [("TRIGGER", "arrested")]


def test_crossing_spans_keep_the_first():
    record = {"evidence": {"trigger": "fired tear"}, "actor1": {"text": "tear gas"}}
    sentence = "Officers fired tear gas."
    assert labelled(highlight_spans(record, sentence), sentence) == [("TRIGGER", "fired tear")]
