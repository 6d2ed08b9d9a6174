"""Shared fixtures: the seed story, tagged once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_55edb76f28711d65.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    from toolkit.tagging import process

    return process(seed_text)


@pytest.fixture(scope="session")
def seed_annotation():
    from toolkit.annotate import annotate_document
    from toolkit.corpus import load_corpus

    corpus = load_corpus([SEEDS], strict=True)
    return annotate_document(corpus.documents[0])
