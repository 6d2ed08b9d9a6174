"""The annotate contract: one JSON object per document, analyses included.

``python -m toolkit annotate INPUT... [-o OUT.jsonl] [--published YYYY-MM-DD]``

INPUT is a file, a folder, or ``-`` for JSON Lines on stdin. Input records are
``{"id", "text", "published"?, "title"?, "source"?, "mentions"?: [{"start", "end"}]}``.
Each output line is :meth:`Annotation.to_dict`::

    {"id", "published", "title", "source", "url", "text", "n_words",
     "paragraphs": [{"start", "end"}],
     "sentences":  [{"start", "end", "paragraph", "boilerplate"}],
     "actors":     [{"start", "end", "text", "actor", "kind", "affiliation", "sentence", "via", "title"}],
     ...analyses add "quotes", "timexes", "events", "stances", "claims", "event_phrases"}

"claims" (:class:`toolkit.stance.stances.Claim`: each holder's scored statements and cue clauses
with the words they are about) and "event_phrases" (:class:`toolkit.stance.stances.EventPhrase`)
are what stances toward topics and proposed topics are read from, so a reader given topics later
(a report notebook) needs no new analysis. The pipeline is :data:`STAGES`.

All offsets are character offsets into ``text`` exactly as given.

Example::

    >>> from toolkit.corpus import Document
    >>> ann = annotate_document(Document(id="a", text="Kim said the talks failed."))
    >>> ann.to_dict()["sentences"]
    [{'start': 0, 'end': 26, 'paragraph': 0, 'boilerplate': False}]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from toolkit.actors.mentions import boilerplate_sentences, find_mentions, lexicon
from toolkit.actors.profile import label_source, profile_actors
from toolkit.corpus import (DEFAULT_MAX_CHARS, CorpusError, Document, LoadError, iter_documents,
                            read_jsonl_stream)
from toolkit.files import atomic_path
from toolkit.nltkdata import MissingNLTKData, ensure
from toolkit.quotes.extract import find_quotes
from toolkit.resources import MissingData
from toolkit.stance.portrayal import SHIPPED, PortrayalModel
from toolkit.stance.stances import analyse_stances, event_phrases
from toolkit.text.tagging import process
from toolkit.text.tokens import Doc
from toolkit.time.timeline import find_events
from toolkit.time.timex import tag_timexes

__all__ = ["Annotation", "Stage", "Work", "STAGES", "run_stages", "annotate_document", "annotate_corpus",
           "annotate_records", "json_line", "write_jsonl", "read_annotations", "main"]


@dataclass(slots=True)
class Annotation:
    """Everything the toolkit found in one document (the annotate contract)."""

    document: Document
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]
    actors: list = field(default_factory=list)
    analyses: dict[str, list] = field(default_factory=dict)
    boilerplate: set[int] = field(default_factory=set)
    doc: Doc | None = field(default=None, repr=False)  # the tagged text, for in-process readers

    def to_dict(self) -> dict:
        doc = self.document
        out = {
            "id": doc.id,
            "published": doc.published.isoformat() if doc.published else None,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "text": doc.text,
            "n_words": doc.n_words,
            "paragraphs": [{"start": s, "end": e} for s, e in self.paragraphs],
            "sentences": [{"start": s, "end": e, "paragraph": p, "boilerplate": i in self.boilerplate}
                          for i, (s, e, p) in enumerate(self.sentences)],
            "actors": [m.to_dict() if hasattr(m, "to_dict") else m for m in self.actors],
        }
        for key, value in (doc.meta or {}).items():  # metadata fields as given (a sidecar's "dateline")
            if key not in out and key not in _RESERVED and isinstance(value, (str, int, float, bool, type(None))):
                out[key] = value
        for name, items in self.analyses.items():
            items = items.values() if isinstance(items, dict) else items  # keyed for lookup (profiles)
            out[name] = [x.to_dict() if hasattr(x, "to_dict") else x for x in items]
        return out


# --------------------------------------------------------------------------- the pipeline


@dataclass(slots=True)
class Work:
    """One document on its way through the stages: the options, and what each stage has added."""

    document: Document
    aliases: str | None = None  # the user's own actor alias table, if any
    model: PortrayalModel | str | None = SHIPPED  # the portrayal model the stances are read with
    found: dict[str, Any] = field(default_factory=dict)  # name -> what a stage added

    def __getitem__(self, name: str) -> Any:
        return self.found[name]


@dataclass(frozen=True, slots=True)
class Stage:
    """One named step of the pipeline: what it needs (added by earlier stages), what it adds, and how.

    ``run`` takes the :class:`Work` so far and returns exactly the ``adds``, by name.
    """

    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[Work], dict[str, Any]]


def _tokens(work: Work) -> dict[str, Any]:
    return {"tagged": process(work.document.text)}


def _actors(work: Work) -> dict[str, Any]:
    lex = lexicon(work.aliases)
    skip = boilerplate_sentences(work["tagged"], lex=lex)
    mentions = find_mentions(work["tagged"], lex=lex, given=work.document.mentions, skip_sentences=skip)
    return {"boilerplate": skip, "actors": mentions, "profiles": profile_actors(work["tagged"], mentions, lex=lex)}


def _quotes(work: Work) -> dict[str, Any]:
    quotes = find_quotes(work["tagged"], work["actors"], skip_sentences=work["boilerplate"])
    profiles = work["profiles"]
    for q in quotes:
        q.source = label_source(actor=q.actor, speaker_text=q.speaker.text if q.speaker else None,
                                profiles=profiles, affiliation=q.affiliation)
    return {"quotes": quotes}


def _timexes(work: Work) -> dict[str, Any]:
    spans = [(s.start, s.end) for s in work["tagged"].sentences if s.i not in work["boilerplate"]]
    return {"timexes": tag_timexes(work.document.text, dct=work.document.published, sentences=spans)}


def _events(work: Work) -> dict[str, Any]:
    return {"events": find_events(work["tagged"], work["actors"], work["timexes"], dct=work.document.published,
                                  skip=work["boilerplate"])}


def _stances(work: Work) -> dict[str, Any]:
    found = analyse_stances(work["tagged"], work["actors"], work["quotes"], skip_sentences=work["boilerplate"],
                            model=work.model)
    return {"stances": found.stances, "claims": found.claims}


def _event_phrases(work: Work) -> dict[str, Any]:
    return {"event_phrases": event_phrases(work["tagged"])}


#: The pipeline, in order: :func:`annotate_document` runs it, ``python -m toolkit bench`` times its prefixes.
STAGES: tuple[Stage, ...] = (
    Stage("tokens + tags", (), ("tagged",), _tokens),
    Stage("actors", ("tagged",), ("boilerplate", "actors", "profiles"), _actors),
    Stage("quotes", ("tagged", "actors", "profiles", "boilerplate"), ("quotes",), _quotes),
    Stage("timexes", ("tagged", "boilerplate"), ("timexes",), _timexes),
    Stage("events", ("tagged", "actors", "timexes", "boilerplate"), ("events",), _events),
    Stage("stances", ("tagged", "actors", "quotes", "boilerplate"), ("stances", "claims"), _stances),
    Stage("event phrases", ("tagged",), ("event_phrases",), _event_phrases),
)
#: Contract fields a metadata field of the same name never takes the place of.
_RESERVED = frozenset({"id", "published", "title", "source", "url", "text", "n_words", "paragraphs", "sentences",
                       "actors", "profiles", "quotes", "timexes", "events", "stances", "claims", "event_phrases",
                       "mentions", "date"})
#: What the stages add that is not an analysis of the contract: the tagged text and the
#: sentences left out are kept apart; the actors have a field of their own.
_OWN_FIELDS = frozenset({"tagged", "boilerplate", "actors"})


def run_stages(document: Document, *, stages: Sequence[Stage], aliases: str | None = None,
               model: PortrayalModel | str | None = SHIPPED) -> Work:
    """Run ``stages`` (:data:`STAGES` or a prefix of it) in order on one document; each must find what
    it needs and add what it says.

    >>> work = run_stages(Document(id="a", text="Kim said so."), stages=STAGES[:2])
    >>> sorted(work.found)
    ['actors', 'boilerplate', 'profiles', 'tagged']
    """
    work = Work(document, aliases, model)
    for stage in stages:
        missing = [name for name in stage.needs if name not in work.found]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {missing}: put the stages that add them first")
        added = stage.run(work)
        if set(added) != set(stage.adds):
            raise ValueError(f"stage {stage.name!r} added {sorted(added)}, not {sorted(stage.adds)}")
        work.found.update(added)
    return work


def annotate_document(doc: Document, *, aliases: str | None = None,
                      model: PortrayalModel | str | None = SHIPPED) -> Annotation:
    """Annotate one document: run every stage of :data:`STAGES` (tokens and tags, actors, then the analyses).

    Pure (no I/O), so it serves a loop, a process pool or a cluster map alike.
    ``aliases`` is a user's own actor alias table (columns of ``data/actors/actor_aliases.tsv``);
    ``model`` the portrayal model the stances are read with (:func:`toolkit.stance.portrayal.resolve`:
    the shipped one by default, None for word lists only).
    """
    work = run_stages(doc, stages=STAGES, aliases=aliases, model=model)
    tagged = work["tagged"]
    return Annotation(
        document=doc,
        paragraphs=tagged.paragraphs,
        sentences=[(s.start, s.end, s.paragraph) for s in tagged.sentences],
        actors=work["actors"],
        analyses={name: value for name, value in work.found.items() if name not in _OWN_FIELDS},
        boilerplate=work["boilerplate"],
        doc=tagged,
    )


def annotate_corpus(items: Iterable[Document | LoadError], *, aliases: str | None = None,
                    model: PortrayalModel | str | None = SHIPPED) -> Iterator[Annotation | LoadError]:
    """Annotate documents in order; load errors and per-document failures come back as LoadError.

    One bad article never stops the run: its problem is yielded in its place.
    """
    for item in items:
        yield _annotate_or_error(item, aliases=aliases, model=model)


def _annotate_or_error(item: Document | LoadError, *, aliases: str | None = None,
                       model: PortrayalModel | str | None = SHIPPED) -> Annotation | LoadError:
    if isinstance(item, LoadError):
        return item
    try:
        return annotate_document(item, aliases=aliases, model=model)
    except (MissingNLTKData, MissingData):
        raise  # the set-up is incomplete: no article can be annotated, so stop with the message
    except Exception as exc:  # noqa: BLE001 - reported per article, the run goes on
        return LoadError(item.path, item.line, item.id, f"annotation failed: {type(exc).__name__}: {exc}",
                         "report this article with the toolkit version")


def _record_or_error(item: Document | LoadError, aliases: str | None = None,
                     model: PortrayalModel | str | None = SHIPPED) -> dict | LoadError:
    result = _annotate_or_error(item, aliases=aliases, model=model)
    if isinstance(result, LoadError):
        return result
    try:
        return result.to_dict()
    except Exception as exc:  # noqa: BLE001
        doc = result.document
        return LoadError(doc.path, doc.line, doc.id, f"annotation failed: {type(exc).__name__}: {exc}", None)


def annotate_records(items: Iterable[Document | LoadError], *, workers: int = 1, aliases: str | None = None,
                     model: PortrayalModel | str | None = SHIPPED, chunksize: int = 4) -> Iterator[dict | LoadError]:
    """Contract records (dicts) for each document, in input order, on ``workers`` processes.

    ``workers=0`` uses every core. Each worker loads the models once; documents are
    sent in chunks so the process overhead stays small next to the annotation.

    >>> [r["id"] for r in annotate_records([Document(id="a", text="Kim said so.")])]
    ['a']
    """
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        for item in items:
            yield _record_or_error(item, aliases, model)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(partial(_record_or_error, aliases=aliases, model=model), items, chunksize=chunksize)


def json_line(record: dict) -> str:
    """One record as a JSON Lines line (with its ``\\n``): UTF-8 text, U+2028 and U+2029 escaped.

    ``ensure_ascii=False`` keeps the text readable but leaves the line and paragraph separators
    raw, and tools that split lines with ``str.splitlines`` (or JavaScript) would cut the record
    there; escaped, every reader sees one record a line.

    >>> json_line({"text": "a\\u2028b\\u2029c"})
    '{"text": "a\\\\u2028b\\\\u2029c"}\\n'
    """
    return json.dumps(record, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


@contextlib.contextmanager
def dask_client(*, scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A dask.distributed client: of the cluster at ``scheduler``, else of a LocalCluster of ``workers``
    single-threaded worker processes on this machine (closed again afterwards)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - the extra is not installed
        raise RuntimeError("--engine dask needs dask.distributed: pip install -e '.[cluster]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _records_of(batch: list, aliases: str | None) -> list:
    return [_record_or_error(item, aliases) for item in batch]


def dask_records(items: Iterable[Document | LoadError], *, scheduler: str | None = None, workers: int = 2,
                 aliases: str | None = None, batch_size: int = 50) -> Iterator[dict | LoadError]:
    """:func:`annotate_records` on a Dask cluster: batches of ``batch_size`` documents as tasks, at most
    two per worker in flight, records yielded in input order."""
    from collections import deque
    from itertools import islice

    with dask_client(scheduler=scheduler, workers=workers) as client:
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        it = iter(items)
        pending: deque = deque()
        while True:
            while len(pending) < 2 * n:
                batch = list(islice(it, batch_size))
                if not batch:
                    break
                pending.append(client.submit(_records_of, batch, aliases, pure=False))
            if not pending:
                return
            yield from pending.popleft().result()


def write_jsonl(path: str | os.PathLike, records: Iterable[dict]) -> int:
    """Write records as JSON Lines (:func:`json_line`) atomically (temp file + rename); return how many."""
    count = 0
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json_line(record))
            count += 1
    return count


def read_annotations(path: str | os.PathLike) -> list[dict]:
    """Read an ``annotations.jsonl`` written by :func:`write_jsonl`."""
    return list(iter_annotations(path))


def iter_annotations(path: str | os.PathLike) -> Iterator[dict]:
    """The records of an ``annotations.jsonl``, one at a time (a corpus of any size streams through)."""
    with open(path, encoding="utf-8", newline="\n") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CorpusError(path, f"not valid JSON ({exc.msg})", line=number) from None


def _write_stdout(records: Iterable[dict]) -> None:
    """Print records as JSON Lines in UTF-8 whatever the console's encoding (the contract is UTF-8)."""
    binary = getattr(sys.stdout, "buffer", None)
    for record in records:
        line = json_line(record)
        if binary is None:
            sys.stdout.write(line)
        else:
            binary.write(line.encode("utf-8"))
    if binary is not None:
        binary.flush()


def add_corpus_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``annotate`` and ``report`` share: the size limit, symlinks, where annotation runs."""
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                        help=f"skip (and report) an article longer than N characters (default {DEFAULT_MAX_CHARS:,}; "
                             "0 = no limit)")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="read symlinked files and folders inside a corpus folder (by default they are "
                             "reported and skipped; a path given here is always read)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where articles are annotated: local processes (--workers), or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler's address (default: a LocalCluster of --workers)")


def check_corpus_run_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")


def main(argv: list[str] | None = None) -> int:
    """``python -m toolkit annotate``: exit 0 when every record was annotated, 1 if any was skipped
    (each reported on stderr), 2 when nothing could run (a path that does not exist, missing NLTK data)."""
    parser = argparse.ArgumentParser(prog="python -m toolkit annotate",
                                     description="Annotate articles; print the annotate contract as JSON Lines.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for JSON Lines on stdin")
    parser.add_argument("-o", "--output", help="write JSON Lines here (atomically) instead of stdout")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for articles that carry none")
    parser.add_argument("--encoding", default="utf-8",
                        help="text encoding of input files and of stdin (default utf-8; a UTF-16/32 byte-order mark "
                             "is always read)")
    parser.add_argument("--aliases", help="your own actor alias table (columns of toolkit/data/actors/actor_aliases.tsv)")
    parser.add_argument("--workers", type=int, default=1, help="processes to annotate with (0 = every core)")
    add_corpus_run_arguments(parser)
    args = parser.parse_args(argv)
    check_corpus_run_arguments(parser, args)

    def documents() -> Iterator[Document | LoadError]:
        files = [p for p in args.inputs if p != "-"]
        if "-" in args.inputs:  # bytes, decoded a line at a time: one bad line is one skipped record
            yield from read_jsonl_stream(getattr(sys.stdin, "buffer", sys.stdin), published=args.published,
                                         encoding=args.encoding, max_chars=args.max_chars)
        if files:
            yield from iter_documents(files, encoding=args.encoding, published=args.published,
                                      max_chars=args.max_chars, follow_symlinks=args.follow_symlinks)

    errors = 0

    def records() -> Iterator[dict]:
        nonlocal errors
        found = (dask_records(documents(), scheduler=args.scheduler, workers=max(args.workers, 2), aliases=args.aliases)
                 if args.engine == "dask" else annotate_records(documents(), workers=args.workers, aliases=args.aliases))
        for item in found:
            if isinstance(item, LoadError):
                errors += 1
                print(f"skipped: {item}", file=sys.stderr)
            else:
                yield item

    try:
        ensure(download=False)
    except MissingNLTKData as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.output:
            write_jsonl(args.output, records())
        else:
            _write_stdout(records())
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 1 if errors else 0
