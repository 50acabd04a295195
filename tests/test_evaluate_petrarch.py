"""`newsevents evaluate petrarch`: the unit-test scorer, on a small record file the test writes."""
from newsevents.evaluate import petrarch

XML = """<Sentences>
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="111"></EventCoding>
<Text>Arnor accused Gondor of violating the border.</Text>
</Sentence>
<Sentence date="19950101" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>The weather was fine.</Text>
</Sentence>
</Sentences>"""


def test_scorer_reads_records_and_scores(tmp_path):
    path = tmp_path / "PETR.UnitTest.records.xml"
    path.write_text(XML)
    (tmp_path / "PETR.Validate.actors.txt").write_text("ARNOR_ [ARN]\nGONDOR_ [GON]\n")
    recs = petrarch.read_records(str(path))
    assert [r.events for r in recs] == [[("ARN", "GON", "111")], []] and recs[1].noevents
    m = petrarch.run(str(path), part="all")
    assert m["records"] == 1 and m["noevent_records"] == 1
    assert 0.0 <= m["root_right"] <= m["found"] <= 1.0


def test_scorer_skips_without_data(tmp_path):
    m = petrarch.run(str(tmp_path / "absent.xml"))
    assert "skipped" in m and "skipped" in petrarch.format_table(m)


def test_actor_country_prefix_and_exact():
    names = [(("gondor",), True, "GON"), (("argentin",), False, "ARG")]
    assert petrarch.actor_country("the Argentine army", names) == "ARG"
    assert petrarch.actor_country("Gondorians", names) is None


def test_distinct_figures_count_a_repeated_sentence_once():
    """Variants of one sentence (other actors, an added clause) count once in distinct_*."""
    recs = [petrarch.Record("A", "Arnor accused Gondor of lying about the border, officials said.",
                            [("ARN", "GON", "111")]),
            petrarch.Record("B", "Bree accused Gondor of lying about the border, officials said on Monday.",
                            [("BRE", "GON", "111")]),
            petrarch.Record("C", "Arnor met Gondor.", [("ARN", "GON", "040")])]
    coded = {"A": [("112", "Arnor", "Gondor")], "B": [("112", "Arnor", "Gondor")], "C": []}
    m, _ = petrarch.score(recs, coded, [])
    assert m["records"] == 3 and m["root_right"] == 0.667
    assert m["distinct_records"] == 2 and m["distinct_root_right"] == 0.5 and m["distinct_found"] == 0.5
    assert petrarch.plain_words("Arnor met Gondor in the city") == {"met", "in", "the", "city"}
