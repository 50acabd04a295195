"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""
import pytest

from newsevents.config import Settings
from newsevents.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    # A missing model is an install error, not a reason to skip: load_pipeline says how to fix it.
    return load_pipeline(Settings().spacy_model)
