"""Shared test set-up.

NLTK data: ``.ci/run`` and the Makefile export ``NLTK_DATA``; when it is unset (a bare
``pytest``), the offline copy in ``../shared/nltk_data`` beside the repository is used
if it exists, so a plain ``python -m pytest`` behaves like CI.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if not os.environ.get("NLTK_DATA"):
    _shared = ROOT.parent / "shared" / "nltk_data"
    if _shared.is_dir():
        os.environ["NLTK_DATA"] = str(_shared)
