"""Shared fixtures: the real spaCy pipeline, loaded once per test session; the shared data sets."""
import os
from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
# The evaluation data lives beside the repository (../shared), read in place, never copied in.
SHARED = REPO.parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def shared_path(relative: str) -> Path:
    """The path of ``../shared/<relative>`` from the repository root.

    Absent, the calling test skips on a developer's machine and fails under CI (``CI=true``),
    where the data is always laid beside the clone: a missing data set must not read as green.
    """
    path = SHARED / relative
    if not path.exists():
        message = f"shared data not present: ../shared/{relative} (looked at {path})"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def nlp():
    # A missing model is an install error, not a reason to skip: load_pipeline says how to fix it.
    return load_pipeline(Settings().spacy_model)


@pytest.fixture(scope="session")
def shared():
    """``shared("data/plover-gsr/...")`` -> the path, or a skip (a failure under CI) when absent."""
    return shared_path
