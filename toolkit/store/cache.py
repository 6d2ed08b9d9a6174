"""Annotations reused across runs: a record is annotated once per text, toolkit and options.

A record is cached under the hash of what the annotation reads from its article (id, text,
title, publication date, source, url, given mentions) in a folder named after the
:func:`fingerprint` of everything else that changes results: the toolkit's code and data
files, the user's alias table and the portrayal model option. Change any of them and the
cache starts afresh; an unchanged corpus is annotated no more.

The cache is a Parquet dataset too (``CACHE/<fingerprint>/part-*.parquet``, columns ``key``
and ``record``), written in parts as annotation proceeds and read back by key through DuckDB:
an interrupted run keeps every part it finished.

    >>> import tempfile
    >>> from toolkit.corpus import Document
    >>> cache = AnnotationCache(tempfile.mkdtemp(), fingerprint="test")
    >>> key = document_key(Document("a", "Kim spoke."))
    >>> cache.put([(key, '{"id": "a"}')], name="part-000000")
    >>> key in AnnotationCache(cache.root.parent, fingerprint="test").keys()
    True
    >>> cache.get([key])[key]
    '{"id": "a"}'
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.files import atomic_path

__all__ = ["AnnotationCache", "document_key", "fingerprint", "DEFAULT_CACHE"]

#: Where runs keep their cache unless told otherwise (beside the run folders).
DEFAULT_CACHE = Path("outputs") / ".cache"
_SCHEMA = pa.schema([("key", pa.string()), ("record", pa.string())])


def document_key(doc) -> str:
    """The hash of what annotation reads from an article (its input fields, not its file)."""
    published = doc.published.isoformat() if doc.published is not None else None
    fields = {"id": doc.id, "text": doc.text, "title": doc.title, "published": published, "source": doc.source,
              "url": doc.url, "mentions": [[m.start, m.end] for m in doc.mentions]}
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
                          ).hexdigest()


@lru_cache(maxsize=1)
def _code_hash() -> str:
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc",) and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(*, aliases: str | os.PathLike | None = None, model: object = "shipped") -> str:
    """What besides the article changes its annotation: the toolkit's code and data (every file of
    the package, so a development change counts as a new version), the alias table's content and
    the portrayal model option."""
    from toolkit import __version__

    digest = hashlib.sha256(f"{__version__}\0{_code_hash()}\0{model}".encode())
    if aliases:
        digest.update(Path(aliases).read_bytes())
    return digest.hexdigest()[:20]


class AnnotationCache:
    """The records of earlier runs by :func:`document_key`, under one :func:`fingerprint`."""

    def __init__(self, folder: str | os.PathLike, *, fingerprint: str) -> None:
        self.root = Path(folder) / fingerprint
        self._keys: set[str] | None = None

    def _files(self) -> list[Path]:
        return sorted(self.root.glob("part-*.parquet")) if self.root.is_dir() else []

    def keys(self) -> set[str]:
        """Every cached key (read once: the key column only)."""
        if self._keys is None:
            self._keys = set()
            for f in self._files():
                self._keys.update(pq.read_table(f, columns=["key"]).column("key").to_pylist())
        return self._keys

    def get(self, keys: Sequence[str]) -> dict[str, str]:
        """key -> record (JSON text) for those of ``keys`` that are cached."""
        files = self._files()
        if not keys or not files:
            return {}
        import duckdb

        con = duckdb.connect()
        try:
            listing = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            con.register("wanted", pa.table({"key": list(keys)}))
            rows = con.execute(f"SELECT c.key, c.record FROM read_parquet([{listing}]) c "
                               "JOIN wanted USING (key)").fetchall()
        finally:
            con.close()
        return dict(rows)

    def put(self, items: Iterable[tuple[str, str]], *, name: str) -> None:
        """Add (key, record JSON) pairs as one part named ``name`` (atomically)."""
        items = list(items)
        if not items:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        table = pa.table({"key": [k for k, _ in items], "record": [r for _, r in items]}, schema=_SCHEMA)
        with atomic_path(self.root / f"{name}.parquet") as tmp:
            pq.write_table(table, tmp, compression="zstd")
        if self._keys is not None:
            self._keys.update(k for k, _ in items)
