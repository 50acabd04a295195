"""Evaluations against gold data: one module per gold set, each with ``run(path, **options) -> dict``
and ``format_table(metrics) -> str``; `newsevents evaluate NAME` calls them. Shared formatting here."""
from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import InputError


def read_gold_lines(path: str | None, packaged: str) -> list[dict[str, Any]]:
    """The records of a gold JSON Lines file: ``path``, or the packaged ``gold/<packaged>`` when None.

    Raises:
        InputError: the file cannot be read, or a line is not JSON (with its line number).
    """
    name = path or packaged
    try:
        if path is None:
            text = (resources.files("newsevents.evaluate") / "gold" / packaged).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read gold file {name}: {exc}") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{name}:{n}: not JSON ({exc.msg})") from exc
    return rows


def metrics_table(metrics: dict[str, Any], keys: Iterable[str]) -> str:
    """A two-column table of the named metrics that are present (floats to three decimals)."""
    keys = [k for k in keys if k in metrics]
    width = max((len(k) for k in keys), default=6)
    lines = [f"{'metric':<{width}}  value", f"{'-' * width}  -----"]
    for key in keys:
        value = metrics[key]
        lines.append(f"{key:<{width}}  {value:.3f}" if isinstance(value, float) else f"{key:<{width}}  {value}")
    return "\n".join(lines)


def per_class_table(heading: str, label: str, rows: dict[str, dict[str, Any]]) -> str:
    """A heading line, then precision, recall and support per class."""
    lines = [heading, "", f"{label:<14}{'precision':>10}{'recall':>10}{'support':>9}"]
    for name, row in rows.items():
        lines.append(f"{name:<14}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['support']:>9}")
    return "\n".join(lines)


def gold_set_main(description: str, run: Callable[..., dict], format_table: Callable[[dict], str],
                  argv: list[str] | None = None) -> None:
    """Command line of an evaluation over a gold JSON Lines file (default: the packaged set)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("path", nargs="?", default=None, help="gold JSON Lines (default: packaged set)")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--errors", action="store_true", help="list the mistakes first")
    args = ap.parse_args(argv)
    metrics = run(args.path, errors=args.errors)
    if args.errors:
        for error in metrics.pop("errors"):
            print(json.dumps(error, ensure_ascii=False))
    print(json.dumps(metrics, indent=2) if args.json else format_table(metrics))
