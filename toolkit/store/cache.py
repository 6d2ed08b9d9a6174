"""Annotations reused across runs: a record is annotated once per text, toolkit and options.

A record is cached under the hash of what the annotation reads from its article (id, text,
title, publication date, source, url, given mentions) in a folder named after the
:func:`fingerprint` of everything else that changes results: the toolkit's code and data
files, the user's alias table and the portrayal model option. Change any of them and the
cache starts afresh; an unchanged corpus is annotated no more.

The cache is a Parquet dataset too (``CACHE/<fingerprint>/part-*.parquet``, columns ``key``
and ``record``), written in parts as annotation proceeds and read back by key through DuckDB:
an interrupted run keeps every part it finished. Whole store parts are kept as well
(``CACHE/<fingerprint>/parts/<batch key>/``): a batch with the same articles in the same order at
the same place in the corpus as in an earlier run is copied, not rebuilt from its records, so an
unchanged corpus (or one with articles added at its end) costs little more than copying files.

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
import shutil
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
    if doc.meta:  # metadata fields the record carries (a sidecar's "dateline"): a change is a new record
        fields["meta"] = {str(k): v if isinstance(v, (str, int, float, bool, type(None))) else str(v)
                          for k, v in doc.meta.items()}
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

    # ------------------------------------------------------------- whole store parts

    def part_dir(self, batch_key: str) -> Path:
        return self.root / "parts" / batch_key

    def take_part(self, batch_key: str, store_dir: str | os.PathLike, *, part: int) -> dict | None:
        """Copy the store part cached for ``batch_key`` into ``store_dir`` as part number ``part`` (every
        table, documents last) and return its counts; None when no such part is cached. A batch whose
        articles, order and place in the corpus are those of an earlier run has exactly its rows."""
        folder = self.part_dir(batch_key)
        done = folder / "counts.json"
        if not done.is_file():
            return None
        counts = json.loads(done.read_text(encoding="utf-8"))
        names = sorted(p.stem for p in folder.glob("*.parquet"))
        for name in [n for n in names if n != "documents"] + ["documents"]:
            target = Path(store_dir) / name / f"part-{part:06d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(target) as tmp:
                shutil.copyfile(folder / f"{name}.parquet", tmp)
        return counts

    def keep_part(self, batch_key: str, store_dir: str | os.PathLike, *, part: int, counts: dict) -> None:
        """Keep the store part just written for ``batch_key`` (its counts written last: a part is cached
        only once it is whole)."""
        folder = self.part_dir(batch_key)
        folder.mkdir(parents=True, exist_ok=True)
        for table_dir in Path(store_dir).iterdir():
            source = table_dir / f"part-{part:06d}.parquet"
            if source.is_file():
                with atomic_path(folder / f"{table_dir.name}.parquet") as tmp:
                    shutil.copyfile(source, tmp)
        with atomic_path(folder / "counts.json") as tmp:
            tmp.write_text(json.dumps(counts), encoding="utf-8")

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
