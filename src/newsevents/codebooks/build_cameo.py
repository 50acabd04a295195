"""Rebuild ``data/cameo.tsv`` from the PLOVER project's CAMEO2PLOVER table.

Run once when the upstream table changes; the TSV it writes is the data the package reads::

    python -m newsevents.codebooks.build_cameo /path/to/CAMEO2PLOVER-2021.txt

CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, Philip Schrodt, CC BY-SA 4.0) gives each CAMEO
code's PLOVER type, mode and context, with the CAMEO name in a comment. It has no rows for
the CAMEO root codes' names nor for CAMEO 01 (statements: not events in PLOVER) and 02
(appeals: folded into PLOVER REQUEST). Rows whose ``source`` column is ``cameo-manual`` are
kept from the existing TSV, so those hand-written rows survive a rebuild.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "cameo.tsv"
HEADER = [
    "# CAMEO event codes with their names and PLOVER type, mode and context.",
    "# Derived from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 17 Sep 2021), "
    "github.com/openeventdata/PLOVER,",
    "# by Philip Schrodt / Open Event Data Alliance, licensed CC BY-SA 4.0; this file is "
    "CC BY-SA 4.0 too.",
    "# Rows with source=cameo-manual are names from the CAMEO 1.1b3 manual (Schrodt, KEDS/Penn "
    "State) added by hand.",
    "# Older PLOVER names in other data: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT, "
    "INVESTIGATE->ACCUSE mode investigate.",
]
COLUMNS = ["code", "name", "plover_type", "plover_mode", "plover_context", "source"]
ROW = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#\s*(.*)$")
# Values that sometimes sit in the mode column upstream but are contexts.
CONTEXT_WORDS = {"pro_autocracy"}


def _clean(value: str) -> str:
    return ";".join(p.strip() for p in value.split(";") if p.strip())


def parse_upstream(text: str) -> dict[str, dict[str, str]]:
    """CAMEO code -> row dict from the CAMEO2PLOVER table text (later duplicates win)."""
    rows: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        match = ROW.match(line.strip())
        if not match:
            continue
        code, ptype, mode, context, name = (g.strip() for g in match.groups())
        mode, context = _clean(mode), _clean(context)
        if mode in CONTEXT_WORDS:
            mode, context = "", ";".join(x for x in (mode, context) if x)
        rows[code] = {"code": code, "name": name, "plover_type": ptype, "plover_mode": mode,
                      "plover_context": context, "source": "plover2021"}
    return rows


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    head = lines[0].split("\t")
    return [dict(zip(head, ln.split("\t"))) for ln in lines[1:]]


def build(upstream: Path, out: Path = DATA) -> int:
    """Write ``out`` from ``upstream`` plus the kept hand-written rows; returns the row count."""
    rows = parse_upstream(upstream.read_text(encoding="utf-8"))
    if out.exists():
        for row in read_tsv(out):
            if row.get("source") == "cameo-manual" and row["code"] not in rows:
                rows[row["code"]] = row
    ordered = sorted(rows.values(), key=lambda r: (r["code"][:2], r["code"]))
    body = ["\t".join(COLUMNS)] + ["\t".join(r.get(c, "") for c in COLUMNS) for r in ordered]
    out.write_text("\n".join(HEADER + body) + "\n", encoding="utf-8")
    return len(ordered)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m newsevents.codebooks.build_cameo CAMEO2PLOVER-2021.txt")
    print(build(Path(sys.argv[1])), "codes written to", DATA)
