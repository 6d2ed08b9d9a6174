"""Annotate a corpus into a store: streaming, incremental, with progress, on this machine or a Dask cluster.

The corpus is read lazily (:func:`toolkit.corpus.iter_documents`) and cut into batches of
``batch_size`` articles; no list of all documents or records is ever held. Each batch is one
task: it takes the cached records of its articles (:mod:`toolkit.store.cache`), annotates the
rest, adds those to the cache and writes the batch as one part of every store table
(:class:`toolkit.store.parquet.StoreWriter`). Tasks run on a process pool (``engine="local"``)
or on the workers of a Dask cluster (``engine="dask"``: a LocalCluster on this machine's cores,
or the scheduler at ``scheduler``), which write their parts into the store folder themselves, so
the store must be on a file system they share. A bad article is reported and skipped; an
interrupted run keeps every finished part and every cached record.

    >>> import tempfile
    >>> from toolkit.corpus import Document
    >>> folder = tempfile.mkdtemp()
    >>> result = annotate_to_store([Document("a", "Kim said so.")], folder, cache=None, progress=False)
    >>> result.annotated, result.cached, result.errors
    (1, 0, [])
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from toolkit.corpus import Document, LoadError
from toolkit.store.cache import AnnotationCache, document_key
from toolkit.store.parquet import StoreWriter

__all__ = ["annotate_to_store", "StoreResult", "ENGINES", "BATCH_SIZE", "die_with_parent"]

ENGINES = ("local", "dask")
#: Articles per task and store part: large enough to keep the workers busy, small enough that an
#: interrupted run loses little and a batch's records fit in memory many times over.
BATCH_SIZE = 200


@dataclass
class StoreResult:
    """What a store run did: articles annotated, taken from the cache, skipped (with why), words, seconds."""

    annotated: int = 0
    cached: int = 0
    errors: list[LoadError] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    annotation_seconds: float = 0.0  # worker time spent annotating (not reading the cache)

    @property
    def documents(self) -> int:
        return self.annotated + self.cached


@dataclass
class _Batch:
    part: int
    first_index: int
    items: list  # Document | LoadError
    cached: dict  # position in items -> cache key (a hit)
    keys: dict  # position in items -> cache key (a miss, to add)


@dataclass
class _Done:
    annotated: int
    cached: int
    errors: list
    words: int
    seconds: float


def _run_batch(batch: _Batch, store_dir: str, cache_dir: str | None, fingerprint: str | None,
               aliases: str | None, model: object) -> _Done:
    """One task: cached records by key, the rest annotated; one store part and one cache part written."""
    from toolkit.annotate import _record_or_error

    started = time.perf_counter()
    cache = AnnotationCache(cache_dir, fingerprint=fingerprint) if cache_dir and fingerprint else None
    errors_in = [item for item in batch.items if isinstance(item, LoadError)]
    part_key = _batch_key(batch) if cache is not None else None
    if part_key is not None:
        counts = cache.take_part(part_key, store_dir, part=batch.part)
        if counts is not None:  # the same articles at the same place as before: the part as it was
            return _Done(0, counts["documents"], errors_in, 0, time.perf_counter() - started)
    hits = cache.get(list(batch.cached.values())) if cache is not None and batch.cached else {}
    writer = StoreWriter(store_dir, part=batch.part, first_index=batch.first_index, part_records=len(batch.items) + 1)
    errors: list[LoadError] = []
    fresh: list[tuple[str, str]] = []
    annotated = cached = words = 0
    annotate_seconds = 0.0
    for i, item in enumerate(batch.items):
        if isinstance(item, LoadError):
            errors.append(item)
            continue
        key = batch.cached.get(i)
        if key is not None and key in hits:
            writer.add(json.loads(hits[key]), record_json=hits[key])
            cached += 1
            continue
        t0 = time.perf_counter()
        record = _record_or_error(item, aliases, model)
        annotate_seconds += time.perf_counter() - t0
        if isinstance(record, LoadError):
            errors.append(record)
            continue
        try:
            text = json.dumps(record, ensure_ascii=False, default=str)
        except (TypeError, ValueError) as exc:
            errors.append(LoadError(item.path, item.line, item.id, f"annotation failed: {exc}", None))
            continue
        writer.add(record, record_json=text)
        annotated += 1
        words += item.n_words
        if key is not None or i in batch.keys:
            fresh.append((batch.keys.get(i) or key, text))
    writer.flush()  # the store part first: a cached record always has its store row
    if cache is not None:
        cache.put(fresh, name=f"part-{os.getpid()}-{time.time_ns()}-{batch.part:06d}")
        if part_key is not None and len(errors) == len(errors_in):  # every article stored: the part can be reused
            cache.keep_part(part_key, store_dir, part=batch.part, counts={"documents": annotated + cached})
    return _Done(annotated, cached, errors, words, annotate_seconds or (time.perf_counter() - started))


def die_with_parent() -> None:
    """Worker initializer: end this process when its parent dies, even by SIGKILL (Linux
    ``PR_SET_PDEATHSIG``), so a killed run leaves no pool worker annotating on; elsewhere a thread
    watches the parent id."""
    import ctypes
    import signal
    import threading

    parent = os.getppid()
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        if libc.prctl(1, signal.SIGKILL) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:
                os._exit(1)  # the parent died before the call
            return
    except OSError:
        pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _batch_key(batch: _Batch) -> str | None:
    """What a batch's store part depends on: its place (part, first corpus index) and its articles in
    order (cache keys; a load error by its position and problem). None if an article has no key."""
    import hashlib

    digest = hashlib.sha256(f"{batch.part}\0{batch.first_index}".encode())
    for i, item in enumerate(batch.items):
        key = batch.cached.get(i) or batch.keys.get(i)
        if isinstance(item, LoadError):
            key = f"error:{item.path}:{item.line}:{item.problem}"
        if key is None:
            return None
        digest.update(b"\0" + key.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _batches(items: Iterable, *, size: int, cache: AnnotationCache | None) -> Iterator[_Batch]:
    known = cache.keys() if cache is not None else set()
    it = iter(items)
    part = first = 0
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        cached: dict[int, str] = {}
        keys: dict[int, str] = {}
        if cache is not None:
            for i, item in enumerate(chunk):
                if isinstance(item, Document):
                    key = document_key(item)
                    (cached if key in known else keys)[i] = key
        yield _Batch(part, first, chunk, cached, keys)
        part += 1
        first += sum(1 for x in chunk if isinstance(x, Document))


class _Progress:
    """A tqdm bar on a terminal; on a log (not a terminal) a plain line every ``every`` seconds."""

    def __init__(self, *, total: int | None, enabled: bool, stream=None, every: float = 30.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total, self.done, self.words = total, 0, 0
        self.started = self.last = time.perf_counter()
        self.every = every
        self.bar = None
        if enabled and hasattr(self.stream, "isatty") and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=self.stream, dynamic_ncols=True, desc="annotating")

    def update(self, articles: int, words: int) -> None:
        self.done += articles
        self.words += words
        if not self.enabled:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(articles)
            self.bar.set_postfix_str(f"{self.words / elapsed:,.0f} words/s", refresh=False)
        elif time.perf_counter() - self.last >= self.every:
            self.last = time.perf_counter()
            left = ""
            if self.total and self.done:
                left = f", about {(self.total - self.done) * elapsed / self.done:.0f} s left"
            print(f"annotating: {self.done} of {self.total or '?'} articles ({self.done / elapsed:.1f} articles/s, "
                  f"{self.words / elapsed:,.0f} words/s{left})", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def annotate_to_store(items: Iterable[Document | LoadError], store_dir: str | os.PathLike, *,
                      cache: AnnotationCache | None, workers: int = 2, engine: str = "local",
                      scheduler: str | None = None, batch_size: int = BATCH_SIZE, aliases: str | None = None,
                      model: object = None, total: int | None = None, progress: bool = True,
                      on_error: Callable[[LoadError], None] | None = None) -> StoreResult:
    """Annotate ``items`` into the store at ``store_dir`` (see the module doc); return what was done.

    ``cache`` (None: annotate everything) gives earlier records back; ``workers`` processes run the
    batches with ``engine="local"``; ``engine="dask"`` uses ``scheduler`` (an address) or a LocalCluster
    of ``workers`` workers. ``total`` (articles, if known) lets the progress line say the time left.
    """
    from toolkit.stance.portrayal import SHIPPED

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    model = SHIPPED if model is None else model
    store_dir = str(Path(store_dir))
    Path(store_dir).mkdir(parents=True, exist_ok=True)
    cache_dir = str(cache.root.parent) if cache is not None else None
    fp = cache.root.name if cache is not None else None
    result = StoreResult()
    bar = _Progress(total=total, enabled=progress)
    started = time.perf_counter()

    def finish(done: _Done, batch_len: int) -> None:
        result.annotated += done.annotated
        result.cached += done.cached
        result.words += done.words
        result.annotation_seconds += done.seconds
        for err in done.errors:
            result.errors.append(err)
            if on_error is not None:
                on_error(err)
        bar.update(batch_len, done.words)

    args = (store_dir, cache_dir, fp, aliases, model)
    batches = _batches(items, size=batch_size, cache=cache)
    try:
        if engine == "dask":
            _run_dask(batches, args, finish, workers=workers, scheduler=scheduler)
        elif workers <= 1:
            for batch in batches:
                finish(_run_batch(batch, *args), len(batch.items))
        else:
            _run_pool(batches, args, finish, workers=workers)
    finally:
        bar.close()
    result.seconds = time.perf_counter() - started
    return result


def _run_pool(batches: Iterator[_Batch], args: tuple, finish, *, workers: int) -> None:
    """Batches on a process pool, at most two per worker in flight (the corpus is never read ahead further)."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        running: dict = {}
        for batch in batches:
            running[pool.submit(_run_batch, batch, *args)] = len(batch.items)
            while len(running) >= 2 * workers:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    finish(future.result(), running.pop(future))
        for future in list(running):
            finish(future.result(), running.pop(future))


def _run_dask(batches: Iterator[_Batch], args: tuple, finish, *, workers: int, scheduler: str | None) -> None:
    """Batches as tasks of a Dask cluster (dask.distributed), at most two per worker in flight."""
    from distributed import as_completed

    from toolkit.annotate import dask_client

    with dask_client(scheduler=scheduler, workers=workers) as client:
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = as_completed()
        sizes: dict = {}
        for batch in batches:
            future = client.submit(_run_batch, batch, *args, pure=False)
            sizes[future.key] = len(batch.items)
            pending.add(future)
            while pending.count() >= 2 * n:
                done = next(pending)
                finish(done.result(), sizes.pop(done.key))
        for done in pending:
            finish(done.result(), sizes.pop(done.key))
