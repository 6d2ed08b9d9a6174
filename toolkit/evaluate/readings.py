r"""Readings made for this project (``polnear-speakers/``, ``stance-reading/``): their tab-separated files.

One reader for both formats: a header line naming the columns, then one row per line; empty
lines are skipped; a wrong header or column count is a :class:`ReadingError` naming the file
and the line.

>>> import pathlib, tempfile
>>> tsv = pathlib.Path(tempfile.mkdtemp()) / "a.tsv"
>>> _ = tsv.write_text("x\ty\n1\t2\n", encoding="utf-8")
>>> list(tsv_rows(tsv, ("x", "y")))
[(2, ['1', '2'])]
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ReadingError", "tsv_rows"]


class ReadingError(Exception):
    """A reading folder or one of its files cannot be used (the message says which file and line)."""


def tsv_rows(tsv: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of a tab-separated file after checking its header and column count."""
    with open(tsv, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != columns:
            raise ReadingError(f"{tsv}, line 1: expected the header {' '.join(columns)!r}")
        for n, row in enumerate(reader, start=2):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise ReadingError(f"{tsv}, line {n}: {len(row)} columns, expected {len(columns)} "
                                   "separated by tabs")
            yield n, [c.strip() for c in row]
