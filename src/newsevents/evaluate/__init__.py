"""Evaluations against gold data: one module per gold set, each with ``run(path, **options) -> dict``
and ``format_table(metrics) -> str``; `newsevents evaluate NAME` calls them. Shared formatting here."""
from __future__ import annotations

from typing import Any, Iterable


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
