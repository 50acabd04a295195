"""Within-article repeats (issue 11): a later, less specific retelling is folded into the record it
tells again; mentions that name other participants or counts stay events of their own."""
from newsevents.config import Settings
from newsevents.merge.within import _counts_fit, _date_fits, _one_phrase
from newsevents.model import Actor, Article, Count, Event
from newsevents.pipeline import extract_article


def _records(text: str, kind: str, merge: bool = True, published: str = "2024-05-08"):
    article = Article(text=text, published=published, published_source="metadata")
    return [e for e in extract_article(article, Settings(merge_repeats=merge)) if e.type == kind]


def test_a_pronoun_retelling_of_an_attack_is_one_record():
    text = ("Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday, killing at least five people. "
            "Elders were meeting at the hotel when the fighters arrived. "
            "They attacked the hotel at dawn.")
    merged, apart = _records(text, "ASSAULT"), _records(text, "ASSAULT", merge=False)
    assert len(apart) >= 2
    assert len(merged) == len(apart) - 1
    assert any("less specific" in line for e in merged for line in e.explain)


def test_a_retelling_that_names_new_participants_stays_its_own_event():
    text = ("Police arrested a journalist in Harare on Monday. "
            "Soldiers arrested several students in Bulawayo on Monday.")
    assert len(_records(text, "COERCE")) == 2


def test_one_key_with_other_phrases_is_two_participants():
    eu = Actor(text="Former top European Union official Michel Barnier", name="European Union", sector="IGO")
    officials = Actor(text="EU officials", name="European Union", sector="IGO")
    assert not _one_phrase(eu, officials)
    assert _one_phrase(Actor(text="Vladimir Putin", name="Vladimir Putin"),
                       Actor(text="Russian President Vladimir Putin", name="Vladimir Putin"))
    assert _one_phrase(Actor(text="he", name="Vladimir Putin"), Actor(text="Putin", name="Vladimir Putin"))


def test_different_counts_of_one_kind_are_two_events():
    seven = Event(type="COERCE", status="occurred", counts={"detained": Count(kind="detained", min=7, max=7, text="seven")})
    five = Event(type="COERCE", status="occurred", counts={"detained": Count(kind="detained", min=5, max=5, text="five")})
    also_seven = Event(type="COERCE", status="occurred", counts={"detained": Count(kind="detained", min=7, max=7, text="7")})
    assert not _counts_fit(seven, five)
    assert _counts_fit(seven, also_seven)


def test_a_guessed_date_takes_a_day_of_the_week_before_but_not_a_year():
    guessed = Event(type="ASSAULT", status="occurred", date="2024-07-05", date_precision="reported")
    tuesday = Event(type="ASSAULT", status="occurred", date="2024-07-02", date_end="2024-07-02",
                    date_text="Tuesday", date_precision="day")
    this_year = Event(type="ASSAULT", status="occurred", date="2024-01-01", date_end="2024-07-05",
                      date_text="so far this year", date_precision="range")
    last_month = Event(type="ASSAULT", status="occurred", date="2024-06-03", date_end="2024-06-03",
                       date_text="June 3", date_precision="day")
    assert _date_fits(guessed, tuesday)
    assert not _date_fits(guessed, this_year)
    assert not _date_fits(guessed, last_month)


def test_a_mention_of_a_sentence_that_retold_a_record_joins_that_record():
    # "explosion" shares its sentence with "attacked", which was folded into the storming
    text = ("Gunmen stormed a hotel in the Somali city of Beledweyne early on Friday, killing at least five people. "
            "Elders were meeting at the hotel when the fighters arrived. "
            "They attacked the hotel at dawn this morning, with an explosion.")
    merged = _records(text, "ASSAULT", published="2024-05-10")
    assert len(_records(text, "ASSAULT", merge=False, published="2024-05-10")) == 3
    assert [e.evidence.trigger for e in merged] == ["stormed"]
    assert any("explosion" in line for line in merged[0].explain)
