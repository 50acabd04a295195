"""The codebook data files and their loader: complete, consistent with each other, printable."""
import pytest

from newsevents import codebooks as cb
from newsevents.model import PLOVER_TYPES, SECTORS


def test_cameo_has_about_300_codes_with_names():
    codes = cb.cameo_codes()
    assert 280 <= len(codes) <= 330
    assert codes["173"].startswith("Arrest")
    assert all(name for name in codes.values())


def test_every_cameo_code_maps_to_a_current_plover_type():
    for code in cb.cameo_codes():
        ptype, mode = cb.cameo_to_plover(code)
        assert ptype in PLOVER_TYPES, code
        if mode:
            assert mode in cb.plover_types()[ptype]["modes"], (code, mode)


def test_cameo_to_plover_known_codes_and_parent_fallback():
    assert cb.cameo_to_plover("145") == ("PROTEST", "riot")
    assert cb.cameo_to_plover("173") == ("COERCE", "arrest")
    assert cb.cameo_to_plover("0211") == ("REQUEST", "assist")   # appeals are REQUEST
    assert cb.cameo_to_plover("1128")[0] == "ACCUSE"             # unknown sub-code -> parent 112
    with pytest.raises(KeyError):
        cb.cameo_to_plover("99")


def test_plover_has_the_16_types_with_descriptions():
    types = cb.plover_types()
    assert set(types) == set(PLOVER_TYPES)
    assert all(t["description"] for t in types.values())
    assert {"beat", "firearms", "explosives", "aerial"} <= set(types["ASSAULT"]["modes"])
    assert {"demo", "riot", "hunger", "strike"} <= set(types["PROTEST"]["modes"])


def test_acled_has_6_types_and_25_subtypes():
    types = cb.acled_types()
    assert len(types) == 6
    assert sum(len(t["subtypes"]) for t in types.values()) == 25


def test_every_acled_mapping_rule_is_consistent():
    data = cb.load_json("acled.json")
    plover = cb.plover_types()
    # "recalled" is not a word set: extraction.acled_cues.date_cues gives it from the event's date
    cue_names = {n for n in data["cues"] if not n.startswith("_")} | {"recalled"}
    for rule in data["mapping"]:
        types = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        assert set(types) <= set(PLOVER_TYPES), rule
        for mode in rule.get("modes", []) + rule.get("no_modes", []):
            assert any(mode in plover[t]["modes"] for t in types), rule
        for code in rule.get("cameo", []):
            assert any(c.startswith(code) for c in cb.cameo_codes()), rule
        for key in ("actor1_sector", "actor2_sector", "not_actor1_sector", "not_actor2_sector"):
            assert set(rule.get(key, [])) <= set(SECTORS), rule
        for key in ("cues", "any_cues", "also_any_cues", "no_cues"):
            # a cue is a word set's name, alone (the clause) or after a zone: source., target., trigger.
            assert {c.split(".")[-1] for c in rule.get(key, [])} <= cue_names, rule
        assert set(rule) <= {"type", "modes", "no_modes", "cameo", "actor1_sector", "actor2_sector",
                             "not_actor1_sector", "not_actor2_sector", "cues", "any_cues",
                             "also_any_cues", "no_cues", "target", "why", "non_event", "non_event_whoever"}, rule
        assert "non_event" not in rule or rule["target"] is None, rule     # no event is no ACLED event
        if rule["target"] is not None:
            etype, sub = rule["target"]
            assert sub in data["types"][etype]["subtypes"], rule
    # every PLOVER type ends in a catch-all rule, so acled_for never falls off the table
    for ptype in PLOVER_TYPES:
        assert any(r["type"] == ptype and set(r) <= {"type", "target", "why"} for r in data["mapping"]), ptype


@pytest.mark.parametrize("args, expected", [
    (("ASSAULT", None, "190", "MIL", "CVL"), ("Violence against civilians", "Attack")),
    (("ASSAULT", "firearms", None, "REB", "MIL"), ("Battles", "Armed clash")),
    (("ASSAULT", "aerial"), ("Explosions/Remote violence", "Air/drone strike")),
    (("ASSAULT", None, "1831"), ("Explosions/Remote violence", "Suicide bomb")),
    (("PROTEST", "riot"), ("Riots", "Violent demonstration")),
    (("PROTEST", "demo"), ("Protests", "Peaceful protest")),
    (("COERCE", "arrest"), ("Strategic developments", "Arrests")),
    (("MOBILIZE", "troops"), ("Strategic developments", "Change to group/activity")),
    (("SUPPORT", None, "057"), ("Strategic developments", "Agreement")),
    (("AGREE",), (None, None)),
    (("ACCUSE", "allege"), (None, None)),
    (("FIGHT", None, "193"), ("Battles", "Armed clash")),          # older PLOVER name
    (("PROTEST", "riot-spon"), ("Riots", "Violent demonstration")),  # older mode name
])
def test_acled_for(args, expected):
    assert cb.acled_for(*args) == expected


def test_every_cameo_code_gets_an_acled_answer_without_error():
    for code in cb.cameo_codes():
        ptype, mode = cb.cameo_to_plover(code)
        etype, sub = cb.acled_for(ptype, mode, code)
        assert (etype is None) == (sub is None)


def test_format_codebook_tables():
    assert "173" in cb.format_codebook("cameo")
    assert "ASSAULT" in cb.format_codebook("plover")
    assert "Peaceful protest" in cb.format_codebook("acled")
    with pytest.raises(ValueError):
        cb.format_codebook("gdelt")


def test_generic_loaders_read_package_data():
    rows = cb.load_tsv("countries.tsv")
    assert len(rows) >= 200
    kaz = next(r for r in rows if r["iso3"] == "KAZ")
    assert "Kazakh" in kaz["demonyms"]
    assert all(len(r["iso3"]) == 3 and r["iso3"].isupper() for r in rows)
    rows[0]["iso3"] = "XXX"                       # callers get copies, not the cache
    assert cb.load_tsv("countries.tsv")[0]["iso3"] != "XXX"
    with pytest.raises(FileNotFoundError):
        cb.load_tsv("no-such-file.tsv")


def test_roles_and_organisations_use_known_sectors():
    for row in cb.load_tsv("roles.tsv"):
        assert row["sector"] in SECTORS, row
        assert row["kind"] in ("title", "role"), row
    isos = {r["iso3"] for r in cb.load_tsv("countries.tsv")}
    for row in cb.load_tsv("organisations.tsv"):
        assert row["sector"] in SECTORS, row
        assert not row["country"] or row["country"] in isos, row
