"""Browse a finished run in JupyterLab: its tables as DataFrames, and any article with its evidence.

``toolkit.open_run("outputs/RUN")`` gives a :class:`Run`: ``run.quotes``, ``run.stances``,
``run.timeline``, ``run.actors``, ``run.documents`` and ``run.sources`` are the report's tables
(pandas DataFrames, read from the run's store through :mod:`toolkit.report.frames`);
``run.record(doc_id)`` is an article's full annotation record and ``run.show(doc_id)`` displays it
highlighted inline, as its article page does. ``toolkit.show(record)`` does the same for any record
(from ``toolkit.annotate``, a JSON Lines file, or a store).

>>> from toolkit.store import Store
>>> rec = {"id": "a", "text": "Kim said no.", "quotes": [{"kind": "indirect", "content": [{"start": 9, "end": 11}],
...        "cue": {"start": 4, "end": 8, "text": "said"}, "speaker": {"start": 0, "end": 3, "text": "Kim"},
...        "actor": "Kim Hong-kyun", "sentence": 0}], "sentences": [{"start": 0, "end": 12}]}
>>> run = Run(Store.from_records([rec]))
>>> run.quotes[["actor", "quote"]].to_dict("records"), run.record("a")["id"]
([{'actor': 'Kim Hong-kyun', 'quote': 'no'}], 'a')
>>> "tk-article" in show(rec)._repr_html_()
True
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

import pandas as pd

from toolkit.report import frames
from toolkit.report.pages import ArticleView, anchor, page_name
from toolkit.store import Store, open_store

__all__ = ["Run", "open_run", "show", "page_link"]


def show(record: dict) -> ArticleView:
    """An annotation record displayed inline in a notebook with its annotations highlighted."""
    return ArticleView(record)


def page_link(document: str, *, kind: str | None = None, start: int | None = None, base: str = "articles") -> str:
    """The link of a table row to its place on its article page: ``articles/<file>.html#q-120``.

    >>> page_link("reuters/1", kind="q", start=120)
    'articles/reuters_1.html#q-120'
    """
    target = f"{base}/{page_name(document)}"
    return f"{target}#{anchor(kind, start)}" if kind and start is not None else target


class Run:
    """A finished run (or any store): its tables and its articles."""

    def __init__(self, store: Store, *, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder

    def __repr__(self) -> str:
        return f"<run {self.folder or '(in memory)'}: {self.store.count('documents')} articles>"

    @cached_property
    def documents(self) -> pd.DataFrame:
        return frames.documents_frame(self.store)

    @cached_property
    def actors(self) -> pd.DataFrame:
        return frames.actor_counts(self.store)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return frames.quotes_frame(self.store)

    @cached_property
    def stances(self) -> pd.DataFrame:
        return frames.stances_frame(self.store)

    @cached_property
    def timeline(self) -> pd.DataFrame:
        return frames.timeline_frame(self.store)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """One row per quote with its source's labels (gender, role, named, framing) and their evidence."""
        return self.store.frame("quotes", ["document", "actor", "speaker", "description", "gender", "role",
                                           "named", "framing", "rule", "confidence", "gender_evidence",
                                           "role_evidence", "quote", "start"])

    def record(self, document: str) -> dict:
        """The full annotation record of one article (KeyError if the run has no such article)."""
        import json

        rows = self.store.sql('SELECT record FROM "records" WHERE document = ?', [document]).limit(1).fetchall()
        row = rows[0] if rows else None
        if row is None:
            raise KeyError(f"no article {document!r} in this run (its ids: run.documents['id'])")
        return json.loads(row[0])

    def show(self, document: str) -> ArticleView:
        """One article displayed inline with its annotations highlighted."""
        return show(self.record(document))

    def about(self, actor: str) -> pd.DataFrame:
        """The quotes by an actor (or whom they speak for), newest article first: a way to filter by actor."""
        q = self.quotes
        return q[(q["actor"] == actor) | (q["party"] == actor)]


def open_run(path: str | os.PathLike) -> Run:
    """A finished run folder (made by ``python -m toolkit report``), or its store folder, as a :class:`Run`."""
    p = Path(path)
    return Run(open_store(p), folder=p)
