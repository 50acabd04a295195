"""Engines that run the pipeline's batch function over many inputs, chosen by name."""
from __future__ import annotations

from typing import Callable

RUNNERS: dict[str, Callable] = {}


def register(name: str) -> Callable[[Callable], Callable]:
    """Register an ingest runner under ``name`` (``--engine NAME``)."""
    def wrap(fn: Callable) -> Callable:
        RUNNERS[name] = fn
        return fn
    return wrap


def get_runner(name: str) -> Callable:
    if name not in RUNNERS:
        # engines register themselves on import; import lazily so ray stays optional
        if name == "ray":
            from . import ray  # noqa: F401
        elif name in ("local", "pool"):
            from . import local, pool  # noqa: F401
    if name not in RUNNERS:
        raise ValueError(f"unknown engine {name!r}: choose one of local, pool, ray")
    return RUNNERS[name]
