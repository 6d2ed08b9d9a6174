"""Throughput benchmark: the toolkit's stages beside bare NLTK, on the same texts, in one run.

``python -m toolkit bench [CORPUS] [--limit N] [--report]`` (``make bench``)
``python -m toolkit bench [CORPUS] --big-articles 250000,1000000,10000000``

The baseline is what a researcher would otherwise write: NLTK's ``sent_tokenize``,
``word_tokenize`` and ``pos_tag`` over every sentence. The toolkit rows time the annotate
pipeline itself (:data:`toolkit.annotate.STAGES`) cut after each stage: "+ quotes" is tokens,
tags, actors and quotes; the last prefix row is everything ``annotate_document`` runs, and
the stages in :data:`ALONE` get a row of their own (e.g. "timexes alone", the temporal tagger
given its tokenized input). All on the
same texts in the same process, one core, models loaded before the clock starts.
Throughput is in words per second, words being whitespace-separated tokens of the input
(the same count for every row), and each row gives its ratio to the baseline. ``--report`` also times ``python -m toolkit report`` on the seed
in a subprocess (wall clock, set-up excluded).

Example::

    $ python -m toolkit bench ../shared/eval/polnear/train/text
    stage                          seconds    words/s   vs NLTK
    bare NLTK (sent+word+pos_tag)    17.10     36,528    100.0%
    tokens + tags                     5.21    119,890    328.2%
    + actors                          ...

``--big-articles SIZES`` times instead how the cost grows with one article's length: for each
size (characters), the corpus's articles are joined, as paragraphs of one article, until the
size is reached (cycling through them if need be), and ``annotate_document`` is timed on it in a
fresh subprocess (models loaded first), so no size shares memory with another; each row gives the
seconds, the seconds per MB and the child's peak RSS (:func:`big_article_bench`).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from toolkit.annotate import STAGES, Stage, annotate_document, run_stages
from toolkit.corpus import CorpusError, Document, LoadError, iter_documents

__all__ = ["StageResult", "BigArticleResult", "stage_rows", "run_benchmark", "big_article_text",
           "big_article_bench", "parse_sizes", "main"]

DEFAULT_CORPORA = ("../shared/eval/polnear/train/text", "seeds")


@dataclass(slots=True)
class StageResult:
    stage: str
    seconds: float
    words: int

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")


def _baseline(texts: Sequence[str]) -> None:
    from nltk import pos_tag, sent_tokenize, word_tokenize

    for text in texts:
        for sentence in sent_tokenize(text):
            pos_tag(word_tokenize(sentence))


def stage_rows(stages: Sequence[Stage] | None = None) -> list[tuple[str, tuple[Stage, ...]]]:
    """The rows to time: each cumulative prefix of the annotate pipeline (:data:`toolkit.annotate.STAGES`),
    named by the stage it adds; the last row is the whole of ``annotate_document``'s work.

    >>> [name for name, _ in stage_rows()][:3]
    ['tokens + tags', '+ actors', '+ quotes']
    """
    stages = tuple(STAGES if stages is None else stages)
    return [(stage.name if k == 0 else f"+ {stage.name}", stages[:k + 1]) for k, stage in enumerate(stages)]


def _run_prefix(stages: Sequence[Stage]) -> Callable[[Sequence[Document]], None]:
    def run(docs: Sequence[Document]) -> None:
        for doc in docs:
            run_stages(doc, stages=stages)

    return run


#: Stages also timed on their own (their inputs computed before the clock starts): the temporal
#: tagger has a throughput target of its own.
ALONE = ("timexes",)


def _stage_alone_seconds(stage: Stage, documents: Sequence[Document]) -> float:
    """Seconds ``stage`` takes on its own: each document is run through the stages before it off
    the clock, then the stage is timed (one document at a time, so nothing is kept)."""
    before = STAGES[:next(k for k, s in enumerate(STAGES) if s is stage)]
    seconds = 0.0
    for doc in documents:
        work = run_stages(doc, stages=before)
        start = time.perf_counter()
        stage.run(work)
        seconds += time.perf_counter() - start
    return seconds


def _warm_up() -> None:
    from nltk import pos_tag, word_tokenize

    pos_tag(word_tokenize("Warm up the tagger."))
    annotate_document(Document(id="warm-up", text="Kim said on Monday that Seoul “condemns” it."))


def _time(fn: Callable, arg) -> float:
    start = time.perf_counter()
    fn(arg)
    return time.perf_counter() - start


def run_benchmark(documents: Sequence[Document], *, repeat: int = 1) -> list[StageResult]:
    """Time the baseline and every stage on ``documents``; best of ``repeat`` runs each."""
    texts = [d.text for d in documents]
    words = sum(d.n_words for d in documents)
    _warm_up()
    results = [StageResult("bare NLTK (sent + word + pos_tag)", min(_time(_baseline, texts) for _ in range(repeat)),
                           words)]
    for name, prefix in stage_rows():
        fn = _run_prefix(prefix)
        results.append(StageResult(name, min(_time(fn, documents) for _ in range(repeat)), words))
    for stage in (s for s in STAGES if s.name in ALONE):
        seconds = min(_stage_alone_seconds(stage, documents) for _ in range(repeat))
        results.append(StageResult(f"{stage.name} alone", seconds, words))
    return results


def time_report(*, corpus: str = "seeds") -> float:
    """Wall-clock seconds of ``python -m toolkit report CORPUS`` into a temporary folder."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "toolkit", "report", corpus, "--out", out],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"report failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds


# --------------------------------------------------------------------------- one long article


@dataclass(slots=True)
class BigArticleResult:
    """One size of :func:`big_article_bench`: the article's length, the seconds ``annotate_document``
    took on it and the peak RSS of the process that ran it."""

    size: int  # characters asked for
    chars: int  # characters of the article made
    words: int
    seconds: float
    peak_rss_mb: float

    @property
    def seconds_per_mb(self) -> float:
        return self.seconds / (self.chars / 1_000_000) if self.chars else 0.0


def parse_sizes(value: str) -> list[int]:
    """Sizes in characters, comma-separated (``_`` allowed as in Python, k/M suffixes for thousands/millions).

    >>> parse_sizes("250000,1M,10_000k")
    [250000, 1000000, 10000000]
    """
    sizes = []
    for item in value.split(","):
        item = item.strip().replace("_", "")
        scale = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(item[-1:], 1)
        number = item[:-1] if scale != 1 else item
        try:
            size = int(float(number) * scale)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a size: {item!r}") from None
        if size <= 0:
            raise argparse.ArgumentTypeError(f"a size must be positive: {item!r}")
        sizes.append(size)
    return sizes


def big_article_text(texts: Sequence[str], size: int) -> str:
    """One article of at least ``size`` characters: ``texts`` (different articles, so names vary as in a
    real long document) joined as paragraphs, in order, cycling through them if they are too few.

    >>> big_article_text(["Kim left.", "Lee stayed."], 25)
    'Kim left.\\n\\nLee stayed.\\n\\nKim left.'
    """
    pieces = [t.strip() for t in texts if t.strip()]
    if not pieces:
        raise ValueError("no text to build an article from")
    parts: list[str] = []
    length = -2
    k = 0
    while length < size:
        piece = pieces[k % len(pieces)]
        parts.append(piece)
        length += len(piece) + 2
        k += 1
    return "\n\n".join(parts)


def _corpus_texts(corpus: str) -> list[str]:
    return [d.text for d in iter_documents([corpus]) if not isinstance(d, LoadError)]


def _big_article_child(corpus: str, size: int) -> dict:
    """In the child process: build the article, warm the models up, time ``annotate_document`` once."""
    from toolkit.corpus import document_from_record

    text = big_article_text(_corpus_texts(corpus), size)
    doc = document_from_record({"id": f"big-{size}", "text": text})
    _warm_up()
    start = time.perf_counter()
    annotate_document(doc)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return {"size": size, "chars": len(text), "words": doc.n_words, "seconds": seconds, "peak_rss_mb": peak}


def big_article_bench(sizes: Sequence[int] = (250_000, 1_000_000, 10_000_000), *,
                      corpus: str | None = None, timeout: float | None = None) -> list[BigArticleResult]:
    """Time ``annotate_document`` on one article of each size (characters), each in a fresh subprocess
    (so the sizes share no memory and the peak RSS is that size's own).

    ``corpus``: the articles joined into each one (default: PolNeAR train texts if there, else seeds/).
    ``timeout``: seconds per size before it is given up (a RuntimeError).
    """
    corpus = corpus or next((c for c in DEFAULT_CORPORA if Path(c).exists()), "seeds")
    results = []
    for size in sizes:
        code = ("import json, sys; from toolkit.bench import _big_article_child; "
                "print(json.dumps(_big_article_child(sys.argv[1], int(sys.argv[2]))))")
        proc = subprocess.run([sys.executable, "-c", code, corpus, str(size)], capture_output=True, text=True,
                              timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"big article of {size:,} characters failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        results.append(BigArticleResult(**json.loads(proc.stdout.strip().splitlines()[-1])))
    return results


def format_big_articles(results: Sequence[BigArticleResult]) -> str:
    """The :func:`big_article_bench` rows as a table."""
    lines = [f"{'size (chars)':>14} {'words':>10} {'seconds':>9} {'s/MB':>8} {'peak RSS MB':>12}"]
    for r in results:
        lines.append(f"{r.chars:>14,} {r.words:>10,} {r.seconds:>9.2f} {r.seconds_per_mb:>8.2f} "
                     f"{r.peak_rss_mb:>12,.0f}")
    return "\n".join(lines)


def _big_articles_main(corpus: str | None, sizes: list[int], json_path: str | None) -> int:
    corpus = corpus or next((c for c in DEFAULT_CORPORA if Path(c).exists()), "seeds")
    try:
        if not _corpus_texts(corpus):
            print(f"error: no readable articles in {corpus}", file=sys.stderr)
            return 2
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"one article per size, joined from {corpus}; annotate_document timed in a fresh process per size")
    try:
        results = big_article_bench(sizes, corpus=corpus)
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(format_big_articles(results))
    if json_path:
        figures = {"corpus": corpus, "big_articles": [{**asdict(r), "seconds_per_mb": r.seconds_per_mb}
                                                     for r in results]}
        Path(json_path).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def format_table(results: Sequence[StageResult]) -> str:
    base = results[0].words_per_second
    lines = [f"{'stage':<38} {'seconds':>8} {'words/s':>10} {'vs NLTK':>8}"]
    for r in results:
        lines.append(f"{r.stage:<38} {r.seconds:>8.2f} {r.words_per_second:>10,.0f} "
                     f"{100 * r.words_per_second / base:>7.1f}%")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if any(a.startswith("--corpus-sizes") for a in argv):
        from toolkit.bench_corpus import main as corpus_main  # the whole report at corpus sizes

        return corpus_main(argv)
    parser = argparse.ArgumentParser(prog="python -m toolkit bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", help="folder or file of articles (default: PolNeAR train texts "
                                                  "if ../shared/eval is there, else seeds/)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings per stage (default 1)")
    parser.add_argument("--report", action="store_true", help="also time `toolkit report` on seeds/")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--big-articles", metavar="SIZES", type=parse_sizes,
                        help="instead, time one article of each size in characters (e.g. 250000,1000000,10000000), "
                             "joined from the corpus's articles, each in a fresh process: seconds, s/MB, peak RSS")
    args = parser.parse_args(argv)
    if args.big_articles:
        return _big_articles_main(args.corpus, args.big_articles, args.json)
    corpus = args.corpus or next((c for c in DEFAULT_CORPORA if Path(c).exists()), "seeds")
    try:
        items = list(iter_documents([corpus]))
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    docs = [d for d in items if not isinstance(d, LoadError)][: args.limit]
    if not docs:
        print(f"error: no readable articles in {corpus}", file=sys.stderr)
        return 2
    words = sum(d.n_words for d in docs)
    print(f"corpus: {corpus} ({len(docs)} articles, {words:,} words); one core, models loaded before timing")
    results = run_benchmark(docs, repeat=args.repeat)
    print(format_table(results))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak_mb:,.0f} MB")
    figures = {"corpus": corpus, "articles": len(docs), "words": words, "peak_rss_mb": round(peak_mb),
               "stages": [{**asdict(r), "words_per_second": round(r.words_per_second)} for r in results]}
    if args.report:
        seconds = time_report()
        print(f"report on seeds/ (wall, after set-up): {seconds:.1f} s")
        figures["report_seconds"] = round(seconds, 1)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0
