"""Access to the toolkit's data files (``toolkit/data/``) and to NLTK data.

Data files are small UTF-8 text tables. Lines starting with ``#`` are the header
that says where a list came from; they are skipped. Tables are tab-separated
with a first non-comment line of column names.

Users extend any table with their own file of the same columns (see
:func:`read_table`'s ``extra``).

Example::

    >>> rows = read_table("actors/actor_aliases.tsv")
    >>> sorted(rows[0])[:3]
    ['affiliation', 'alias', 'canonical']
"""
from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["DATA_DIR", "data_path", "data_lines", "read_table", "require_nltk", "MissingData"]

DATA_DIR = Path(__file__).resolve().parent / "data"


class MissingData(RuntimeError):
    """A data file or an NLTK package the toolkit needs is not available."""


def data_path(name: str) -> Path:
    """The path of a shipped data file, or :class:`MissingData` saying the install is incomplete.

    >>> data_path("text/abbreviations.tsv").relative_to(DATA_DIR).as_posix()
    'text/abbreviations.tsv'
    """
    path = DATA_DIR / name
    if not path.is_file():
        raise MissingData(f"toolkit data file {name!r} is missing from {DATA_DIR} (reinstall the toolkit)")
    return path


def _content_lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\r\n") for line in handle if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-empty lines of a one-item-per-line data file.

    >>> "vice" in data_lines("actors/title_modifiers.txt")
    True
    """
    return tuple(line.strip() for line in _content_lines(data_path(name)))


def read_table(name: str | os.PathLike, *, extra: str | os.PathLike | None = None) -> list[dict[str, str]]:
    """Rows of a tab-separated data table as dicts (header line = column names).

    ``name`` is a file under ``toolkit/data/`` or a path; ``extra`` is a user's own
    table with the same columns, appended after the shipped rows.

    >>> import pathlib, tempfile
    >>> mine = pathlib.Path(tempfile.mkdtemp()) / "titles.tsv"
    >>> _ = mine.write_text("title\\nchief whip\\n")
    >>> read_table("actors/titles.tsv", extra=mine)[-1]
    {'title': 'chief whip'}
    """
    rows = list(_read_table_cached(str(name)))
    if extra:
        path = Path(extra)
        if not path.is_file():
            raise MissingData(f"{path}: no such table (give a tab-separated file with a header row)")
        rows.extend(_parse_table(path))
    return [dict(r) for r in rows]


@lru_cache(maxsize=None)
def _read_table_cached(name: str) -> tuple[dict[str, str], ...]:
    path = Path(name)
    if not path.is_file():
        path = data_path(name)
    return tuple(_parse_table(path))


def _parse_table(path: Path) -> list[dict[str, str]]:
    lines = _content_lines(path)
    if not lines:
        return []
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    rows = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            raise MissingData(f"{path}: data row {number} has {len(cells)} cells for {len(header)} columns "
                              "(separate columns with one tab)")
        cells = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return rows


def require_nltk(package: str) -> None:
    """Make sure an NLTK data package is findable, or raise a clear error saying how to get it.

    (:class:`toolkit.nltkdata.MissingNLTKData` names the package and how to provide it.)
    Checked once per package and process.

    >>> require_nltk("punkt_tab")   # with NLTK_DATA set: nothing to say
    """
    _require_nltk_cached(package)


@lru_cache(maxsize=None)
def _require_nltk_cached(package: str) -> None:
    from toolkit.nltkdata import require

    require(package)
