"""Corpus benchmark: the whole report at corpus sizes, with memory, a re-run and a re-run with new articles.

``python -m toolkit bench --corpus-sizes 1000,5000 [FOLDER]`` (or ``make bench-corpus``) builds a
corpus of each size from a folder of articles (repeating them under distinct ids where it must:
a repeated article is a new article to the cache, as its id differs), then for each size:

1. runs ``python -m toolkit report`` on it in a fresh run folder with a fresh cache, and prints wall
   time, annotation words/s, notebook time and the peak RSS of the whole process tree (the report,
   its pool workers and notebook kernels, sampled every 0.2 s);
2. runs it again on the unchanged corpus (same cache): wall time, and how many articles were annotated;
3. runs it again with 1% new articles: the annotation time.

The figures print beside those of the first size, so growth is read in one run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["build_corpus", "measure_report", "main"]

DEFAULT_SOURCE = "../shared/eval/polnear/train/text"


@dataclass
class ReportRun:
    wall: float
    peak_mb: float
    annotated: int
    cached: int
    annotation_seconds: float
    notebook_seconds: float
    words: int


def build_corpus(source: Path, size: int, out: Path, *, start: int = 0) -> int:
    """Write ``size`` articles (from ``source``'s .txt files, repeated under distinct ids) as JSON Lines;
    return their words. ``start`` offsets the ids (new articles for a re-run)."""
    files = sorted(source.glob("*.txt"))
    if not files:
        raise SystemExit(f"error: no .txt articles in {source}")
    words = 0
    with open(out, "a", encoding="utf-8") as fh:
        for i in range(start, start + size):
            f = files[i % len(files)]
            lines = f.read_text(encoding="utf-8").split("\n", 1)
            text = lines[1] if len(lines) > 1 else lines[0]
            words += len(text.split())
            fh.write(json.dumps({"id": f"{i:06d}-{f.stem[:40]}", "title": lines[0].strip(), "text": text},
                                ensure_ascii=False) + "\n")
    return words


def _tree_rss(pid: int) -> float:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def measure_report(corpus: Path, out: Path, cache: Path, *, words: int) -> ReportRun:
    """One ``toolkit report`` run in a subprocess: wall time, peak RSS of its process tree, and what its
    log says it annotated and how long the notebooks took."""
    notebooks = Path(__file__).resolve().parent.parent / "notebooks"
    cmd = [sys.executable, "-m", "toolkit", "report", str(corpus), "--out", str(out), "--cache", str(cache),
           "--notebooks", str(notebooks)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    log, _ = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"error: report failed ({proc.returncode}):\n{log[-2000:]}")
    found = re.search(r"annotated (\d+) article\(s\), (\d+) from the cache, skipped \d+ \(([\d.]+) s\)", log)
    annotated, cached, seconds = (int(found[1]), int(found[2]), float(found[3])) if found else (0, 0, 0.0)
    notebooks = sum(float(m) for m in re.findall(r"^\s+\S+\s+(?:ok|FAILED)\s+([\d.]+) s", log, re.M))
    return ReportRun(wall, peak[0], annotated, cached, seconds, notebooks, words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit bench --corpus-sizes",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help="folder of .txt articles to build from")
    parser.add_argument("--corpus-sizes", required=True, help="comma-separated sizes, e.g. 1000,5000")
    parser.add_argument("--keep", metavar="DIR", help="keep the corpora and run folders here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.corpus_sizes.split(",") if s.strip()]
    source = Path(args.source)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"corpus benchmark: articles from {source}, sizes {sizes}, {os.cpu_count()} cores; work in {root}")
    header = (f"{'articles':>8} {'wall s':>7} {'annot. words/s':>14} {'notebooks s':>11} {'peak RSS MB':>11} "
              f"{'re-run s':>8} {'re-run annotated':>16} {'+1% annot. s':>12} {'full annot. s':>13}")
    print(header)
    rows = []
    for size in sizes:
        corpus = root / f"corpus-{size}.jsonl"
        corpus.unlink(missing_ok=True)
        words = build_corpus(source, size, corpus)
        cache = root / f"cache-{size}"
        first = measure_report(corpus, root / f"run-{size}-1", cache, words=words)
        again = measure_report(corpus, root / f"run-{size}-2", cache, words=words)
        build_corpus(source, max(1, size // 100), corpus, start=size)
        more = measure_report(corpus, root / f"run-{size}-3", cache, words=words)
        rows.append((size, first, again, more))
        wps = first.words / first.annotation_seconds if first.annotation_seconds else 0.0
        print(f"{size:>8} {first.wall:>7.1f} {wps:>14,.0f} {first.notebook_seconds:>11.1f} {first.peak_mb:>11,.0f} "
              f"{again.wall:>8.1f} {again.annotated:>16} {more.annotation_seconds:>12.1f} "
              f"{first.annotation_seconds:>13.1f}", flush=True)
    base = rows[0]
    for size, first, again, more in rows:
        print(f"{size} articles: peak RSS {first.peak_mb / base[1].peak_mb:.2f}x that at {base[0]}; "
              f"re-run {again.wall / first.wall:.0%} of the first run's wall time ({again.annotated} annotated); "
              f"+1% new articles: annotation {more.annotation_seconds / max(first.annotation_seconds, 1e-9):.0%} "
              f"of the full annotation ({more.annotated} annotated, {more.cached} from the cache)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
