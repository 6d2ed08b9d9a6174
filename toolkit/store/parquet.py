"""A run's columnar store: a Parquet dataset per table, written in parts, read through DuckDB.

Layout of a store folder (``RUN/store/``)::

    documents/part-000000.parquet  sentences/part-000000.parquet  actors/...  quotes/...  ...

:class:`StoreWriter` writes one part per table for each batch of records as annotation
proceeds (atomically: a part is written under a temporary name and renamed, so a part that
exists is complete; an interrupted run leaves only whole parts). :class:`Store` opens a store
folder as a DuckDB connection with a view per table (an empty table where no part was written),
so JupyterLab users and the notebooks query only what they need::

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with StoreWriter(folder) as writer:
    ...     writer.add({"id": "a", "text": "Kim spoke.", "sentences": [{"start": 0, "end": 10}],
    ...                 "quotes": [], "actors": [{"start": 0, "end": 3, "text": "Kim", "actor": "Kim", "kind": "person"}]})
    >>> store = Store(folder)
    >>> store.sql("select actor, count(*) as n from actors group by 1").fetchall()
    [('Kim', 1)]
    >>> store.count("documents"), store.count("quotes")
    (1, 0)

:meth:`Store.from_records` builds the same views over records held in memory (tests, small
corpora, a notebook given an ``annotations.jsonl``).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.files import atomic_path
from toolkit.store.tables import SCHEMAS, TABLES, record_rows

__all__ = ["StoreWriter", "Store", "open_store", "STORE_DIR", "is_store"]

#: The store's folder inside a run folder.
STORE_DIR = "store"
#: Records per part when a writer is not flushed by its caller.
PART_RECORDS = 500


def is_store(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a store folder (or a run folder holding one)."""
    p = Path(path)
    return (p / "documents").is_dir() or (p / STORE_DIR / "documents").is_dir()


class StoreWriter:
    """Writes records into a store folder, one Parquet part per table and batch (see the module doc).

    ``part`` numbers the first part and ``first_index`` the corpus place of the first record (by
    default: after the parts already there, so a writer adds to an existing store; workers that write
    parts of one store side by side are given both); ``part_records`` is how many records a part
    holds before it is flushed.
    """

    def __init__(self, folder: str | os.PathLike, *, part_records: int = PART_RECORDS, part: int | None = None,
                 first_index: int | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.part_records = part_records
        self.part = self._next_part() if part is None else part
        self.documents = self._existing_documents() if first_index is None else first_index
        self._rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        self._pending = 0

    def _next_part(self) -> int:
        parts = [int(p.stem.split("-")[1]) for p in self.folder.glob("documents/part-*.parquet")]
        return max(parts, default=-1) + 1

    def _existing_documents(self) -> int:
        files = sorted(self.folder.glob("documents/part-*.parquet"))
        return sum(pq.ParquetFile(f).metadata.num_rows for f in files)

    def add(self, record: dict, *, record_json: str | None = None) -> None:
        """Add one annotation record (flushed as a part every ``part_records`` records); ``record_json``
        is the record as JSON if the caller has it."""
        for name, rows in record_rows(record, doc_index=self.documents, record_json=record_json).items():
            self._rows[name].extend(rows)
        self.documents += 1
        self._pending += 1
        if self._pending >= self.part_records:
            self.flush()

    def add_all(self, records: Iterable[dict]) -> None:
        for record in records:
            self.add(record)

    def flush(self) -> None:
        """Write what was added since the last flush as one part per table (nothing if nothing was added)."""
        if not self._pending:
            return
        for name in [t for t in TABLES if t != "documents"] + ["documents"]:
            table = pa.Table.from_pylist(self._rows[name], schema=SCHEMAS[name])
            target = self.folder / name / f"part-{self.part:06d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(target) as tmp:
                pq.write_table(table, tmp, compression="zstd")
        # the documents part goes last of all: a part counts once its documents part exists
        self.part += 1
        self._rows = {name: [] for name in TABLES}
        self._pending = 0

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()


class Store:
    """A store folder (or records in memory) as a DuckDB connection with a view per table.

    ``store.sql("select actor, count(*) from quotes group by 1")`` runs DuckDB SQL;
    :meth:`frame` reads chosen columns of a table as a pandas DataFrame; :meth:`records`
    yields the full annotation records back (the JSON Lines export).
    """

    def __init__(self, folder: str | os.PathLike | None = None, *, _tables: dict[str, pa.Table] | None = None
                 ) -> None:
        self.folder = None if folder is None else _store_folder(Path(folder))
        self.con = duckdb.connect()
        self.con.execute("SET threads TO 2")
        complete = {f.name for f in (self.folder / "documents").glob("part-*.parquet")} if self.folder else set()
        for name in TABLES:
            if _tables is not None:
                self.con.register(f"_{name}", _tables[name])
                self.con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM "_{name}"')
                continue
            # a part counts once its documents part exists (written last): an interrupted flush is ignored
            files = sorted(f for f in (self.folder / name).glob("part-*.parquet") if f.name in complete) \
                if self.folder else []
            if files:
                listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
                self.con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet([{listing}])')
            else:
                self.con.register(f"_{name}", SCHEMAS[name].empty_table())
                self.con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM "_{name}"')

    @classmethod
    def from_records(cls, records: Iterable[dict]) -> Store:
        """The same views over records in memory."""
        rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        for i, record in enumerate(records):
            for name, found in record_rows(record, doc_index=i).items():
                rows[name].extend(found)
        return cls(None, _tables={name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES})

    def sql(self, query: str, params: Sequence | None = None) -> duckdb.DuckDBPyRelation:
        """Run DuckDB SQL over the views (``documents``, ``actors``, ``quotes``, ...)."""
        return self.con.sql(query, params=params) if params else self.con.sql(query)

    def frame(self, table: str, columns: Sequence[str] | None = None, *, where: str = "",
              order: str = "") -> pd.DataFrame:
        """Chosen ``columns`` (all by default) of ``table`` as a DataFrame, in store order unless ``order``."""
        if table not in SCHEMAS:
            raise KeyError(f"no table {table!r} in the store (tables: {', '.join(TABLES)})")
        cols = ", ".join(f'"{c}"' for c in (columns or SCHEMAS[table].names))
        query = f'SELECT {cols} FROM "{table}"' + (f" WHERE {where}" if where else "") + \
            (f" ORDER BY {order}" if order else "")
        return self.con.sql(query).df()

    def count(self, table: str, *, where: str = "") -> int:
        query = f'SELECT count(*) FROM "{table}"' + (f" WHERE {where}" if where else "")
        return int(self.con.execute(query).fetchall()[0][0])

    def records(self, *, batch: int = 256) -> Iterator[dict]:
        """The annotation records, in corpus order, a batch at a time (never all in memory)."""
        cursor = self.con.execute('SELECT record FROM "records"')
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            for (text,) in rows:
                yield json.loads(text)

    def close(self) -> None:
        self.con.close()


def _store_folder(path: Path) -> Path:
    return path / STORE_DIR if (path / STORE_DIR / "documents").is_dir() else path


def open_store(path: str | os.PathLike) -> Store:
    """A run's store (give the run folder or its ``store/`` folder) as a :class:`Store`.

    In JupyterLab: ``store = toolkit.open_store("outputs/RUN")`` then
    ``store.sql("select actor, count(*) from quotes group by 1 order by 2 desc").df()``.
    """
    p = Path(path)
    if not is_store(p):
        raise FileNotFoundError(f"{p}: no store here (give a run folder made by `python -m toolkit report`, "
                                "or its store/ folder)")
    return Store(p)
