"""Shared test set-up and fixtures.

NLTK data: ``.ci/run`` and the Makefile export ``NLTK_DATA``; when it is unset (a bare
``pytest``), the offline copy in ``../shared/nltk_data`` beside the repository is used
if it exists, so a plain ``python -m pytest`` behaves like CI.

The seed story is tagged once per session and shared by the tests that read it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_55edb76f28711d65.txt"

if not os.environ.get("NLTK_DATA"):
    _shared = ROOT.parent / "shared" / "nltk_data"
    if _shared.is_dir():
        os.environ["NLTK_DATA"] = str(_shared)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    from toolkit.text.tagging import process

    return process(seed_text)


@pytest.fixture(scope="session")
def seed_annotation():
    from toolkit.annotate import annotate_document
    from toolkit.corpus import load_corpus

    corpus = load_corpus([SEEDS], strict=True)
    return annotate_document(corpus.documents[0])
