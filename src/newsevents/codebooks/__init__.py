"""The one loader for codebook data files (CAMEO, PLOVER, ACLED, countries, organisations, roles, ...).

Every data file lives in ``codebooks/data/`` and is read through importlib.resources, once per
process. Other stages read their own files with :func:`load_tsv`, :func:`load_json` or
:func:`load_lines`; the codebook functions below are the typed views over the shared ones.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import PLOVER_TYPES

__all__ = [
    "load_tsv", "load_json", "load_lines", "load_rows", "cameo_codes", "cameo_to_plover", "cameo_rows",
    "plover_types", "normalize_plover", "acled_types", "acled_for", "acled_rule", "identifiable_actor", "format_codebook",
]


def _read(name: str) -> str:
    try:
        return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"codebook data file {name!r} is missing from "
                                f"newsevents/codebooks/data/ (reinstall the package?)") from exc


@lru_cache(maxsize=None)
def _tsv(name: str) -> tuple[dict[str, str], ...]:
    lines = [ln for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return ()
    head = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(head) - len(cells))   # trailing empty cells may be trimmed by editors
        rows.append({h: c.strip() for h, c in zip(head, cells)})
    return tuple(rows)


def load_tsv(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts keyed by the header line; ``#`` lines are comments.

    Args:
        name: file name inside codebooks/data, e.g. ``"roles.tsv"``.
    Returns:
        A new list of row dicts (the parse itself is cached).
    """
    return [dict(r) for r in _tsv(name)]


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """The parsed JSON file ``data/<name>`` (cached: treat it as read-only)."""
    return json.loads(_read(name))


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a plain list file ``data/<name>``."""
    return tuple(ln.strip() for ln in _read(name).splitlines()
                 if ln.strip() and not ln.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def load_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Cells of each non-comment line of a header-less tab-separated file ``data/<name>``
    (cells as written: an empty trailing cell is kept)."""
    return tuple(tuple(ln.split("\t")) for ln in _read(name).splitlines()
                 if ln.strip() and not ln.startswith("#"))


# --- CAMEO -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _cameo() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in _tsv("cameo.tsv")}


def cameo_rows() -> list[dict[str, str]]:
    """Every CAMEO row: code, name, plover_type, plover_mode, plover_context, source."""
    return [dict(r) for r in _cameo().values()]


def cameo_codes() -> dict[str, str]:
    """CAMEO code -> name, for every code with a PLOVER type (CAMEO 01 statements have none)."""
    return {code: row["name"] for code, row in _cameo().items()}


def _cameo_row(code: str) -> dict[str, str]:
    code = str(code).strip()
    table = _cameo()
    # An unlisted sub-code falls back to its parent ("1128" -> "112"): CAMEO codes nest by prefix.
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    raise KeyError(f"unknown CAMEO code {code!r}: see `newsevents codebook cameo` for the list")


def cameo_to_plover(code: str) -> tuple[str, str | None]:
    """PLOVER (type, mode) of a CAMEO code; mode is None when the table gives none.

    Raises:
        KeyError: the code and none of its prefixes is a CAMEO code we know.
    """
    row = _cameo_row(code)
    return row["plover_type"], (row["plover_mode"] or None)


# --- PLOVER ------------------------------------------------------------------------------------

def plover_types() -> dict[str, dict]:
    """PLOVER type -> {description, verbal, modes: {mode: description}}."""
    return load_json("plover.json")["types"]


def normalize_plover(ptype: str, mode: str | None = None) -> tuple[str, str | None]:
    """Map older PLOVER names (DEMAND, FIGHT, riot-spon, ...) to the current type and mode."""
    data = load_json("plover.json")
    ptype = ptype.strip().upper()
    if ptype in data["old_types"]:
        new_type, implied_mode = data["old_types"][ptype]
        ptype, mode = new_type, mode or implied_mode
    if mode:
        mode = data["mode_aliases"].get(mode.strip(), mode.strip())
    return ptype, mode or None


# --- ACLED -------------------------------------------------------------------------------------

def acled_types() -> dict[str, dict]:
    """ACLED event type -> {description, subtypes: {sub-event type: description}}."""
    return load_json("acled.json")["types"]


_CUE_KEYS = frozenset({"cues", "any_cues", "also_any_cues", "no_cues"})


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _rule_holds(rule: dict, ptype: str, mode: str | None, cameo: str | None,
                sector1: str | None, sector2: str | None, cues: frozenset[str] = frozenset()) -> bool:
    if ptype not in _as_list(rule["type"]):
        return False
    if "modes" in rule and mode not in rule["modes"]:
        return False
    if "no_modes" in rule and mode in rule["no_modes"]:
        return False
    if "cameo" in rule and not (cameo and any(cameo.startswith(p) for p in rule["cameo"])):
        return False
    if "actor1_sector" in rule and sector1 not in rule["actor1_sector"]:
        return False
    if "actor2_sector" in rule and sector2 not in rule["actor2_sector"]:
        return False
    if "not_actor1_sector" in rule and sector1 in rule["not_actor1_sector"]:
        return False
    if "not_actor2_sector" in rule and sector2 in rule["not_actor2_sector"]:
        return False
    if "cues" in rule and not cues.issuperset(rule["cues"]):
        return False
    for key in ("any_cues", "also_any_cues"):
        if key in rule and cues.isdisjoint(rule[key]):
            return False
    if "no_cues" in rule and not cues.isdisjoint(rule["no_cues"]):
        return False
    return True


def acled_rule(plover_type: str, mode: str | None = None, cameo: str | None = None,
               actor1_sector: str | None = None, actor2_sector: str | None = None,
               cues: frozenset[str] | None = None) -> dict | None:
    """The first mapping rule of acled.json that holds, or None (for `explain`)."""
    ptype, mode = normalize_plover(plover_type, mode)
    cameo = str(cameo).strip() if cameo else None
    if mode is None and cameo:
        # The CAMEO code implies a mode when the caller has none ("1831" -> suicide-attack).
        try:
            cameo_type, mode = cameo_to_plover(cameo)
        except KeyError:
            cameo_type = None
        if cameo_type != ptype:
            mode = None
    for rule in load_json("acled.json")["mapping"]:
        if cues is None and not _CUE_KEYS.isdisjoint(rule):
            continue
        if _rule_holds(rule, ptype, mode, cameo, actor1_sector, actor2_sector, frozenset(cues or ())):
            return rule
    return None


def identifiable_actor(actor) -> bool:
    """Whether an event's source is what the coding guide calls an identifiable actor: one with a
    name (a state, an organisation, a named person) or an armed, state or party sector of acled.json
    ("political_sectors"); a thing ("a fuel tanker"), a team or an unnamed private person is not."""
    return actor is not None and (actor.name is not None
                                  or actor.sector in load_json("acled.json")["political_sectors"])


def acled_for(plover_type: str, mode: str | None = None, cameo: str | None = None,
              actor1_sector: str | None = None,
              actor2_sector: str | None = None,
              cues: frozenset[str] | None = None) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type) for a PLOVER event, or (None, None) if ACLED does not code it.

    Args:
        plover_type: one of the 16 PLOVER types (older names such as FIGHT are accepted).
        mode: PLOVER mode, e.g. "riot", "arrest", "aerial".
        cameo: CAMEO code; matched by prefix ("1831" matches a "183" rule).
        actor1_sector, actor2_sector: sectors of source and target ("CVL" target makes an
            ASSAULT violence against civilians).
        cues: names of the acled.json word sets found around the trigger (weapon, protesters,
            territory, hazards: ``extraction.acled_cues``); None when they were not read, and
            then the rules that test cues are skipped.
    """
    rule = acled_rule(plover_type, mode, cameo, actor1_sector, actor2_sector, cues)
    if not rule or not rule.get("target"):
        return None, None
    return rule["target"][0], rule["target"][1]


# --- printing ----------------------------------------------------------------------------------

def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def format_codebook(name: str) -> str:
    """A readable table of one codebook: ``cameo``, ``plover`` or ``acled``.

    Raises:
        ValueError: name is not one of the three.
    """
    name = name.strip().lower()
    if name == "cameo":
        rows = [[r["code"], r["plover_type"], r["plover_mode"], r["name"]] for r in _cameo().values()]
        return _table(["code", "plover", "mode", "name"], rows)
    if name == "plover":
        rows = []
        for ptype in PLOVER_TYPES:
            info = plover_types()[ptype]
            rows.append([ptype, ", ".join(info["modes"]) or "-", info["description"]])
        return _table(["type", "modes", "description"], rows)
    if name == "acled":
        rows = [[t, s, d] for t, info in acled_types().items() for s, d in info["subtypes"].items()]
        out = _table(["event type", "sub-event type", "description"], rows)
        maps = []
        for rule in load_json("acled.json")["mapping"]:
            cond = ["|".join(_as_list(rule["type"]))] + [
                f"{k}={'|'.join(rule[k])}" for k in
                ("modes", "no_modes", "cameo", "actor1_sector", "actor2_sector", "not_actor1_sector",
                 "not_actor2_sector", "cues", "any_cues", "also_any_cues", "no_cues") if k in rule]
            target = " / ".join(rule["target"]) if rule.get("target") else "(not coded)"
            maps.append([" ".join(cond), target, rule.get("why", "")])
        return out + "\n\nFrom PLOVER (first rule that holds wins):\n" + _table(
            ["when", "ACLED", "why"], maps)
    raise ValueError(f"unknown codebook {name!r}: choose cameo, plover or acled")


# --- Goldstein scale ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    return {r["cameo"]: float(r["goldstein"]) for r in _tsv("goldstein.tsv")}


def goldstein(code: str | None) -> float | None:
    """The Goldstein conflict-cooperation score (-10..10) of a CAMEO code, as GDELT gives it; an
    unlisted sub-code takes its parent's ("1128" -> "112"); None for no code or an unknown one."""
    table = _goldstein()
    code = (code or "").strip()
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return None
