"""Load news articles from files into :class:`Document` objects.

Every later stage points into ``Document.text`` with character offsets, so the
text is kept *exactly* as read: no whitespace clean-up, no newline translation
(``\\r\\n`` stays ``\\r\\n``). Only a UTF-8 byte-order mark is dropped.

Accepted inputs (a folder is searched recursively, files in sorted order):

``.txt``
    Headline on the first line, body below (the wire-story layout of ``seeds/``).
    A ``---`` front-matter block at the top is read as metadata, as in ``.md``.
``.md``
    Optional YAML-style front matter (``key: value`` lines between ``---`` lines).
``.jsonl``
    One JSON object a line with at least ``text``; optional ``id``, ``title``,
    ``published``, ``source``, ``url``, ``mentions`` (``[{"start", "end"}]``).
``.csv``
    A header row with a ``text`` column (or the one named by ``text_column``)
    and the same optional metadata columns.

A folder may hold a ``metadata.csv`` sidecar (columns ``file`` or ``id`` plus any of
the metadata fields) that fills in what the article files themselves do not say.
Precedence: what a file states (front matter, JSON fields, CSV columns) > the sidecar >
what is guessed from a one-article file (its name as id, a ``.txt`` file's first line
as title).

Errors are :class:`CorpusError` with the file, line, the problem and how to fix it.
:func:`load_corpus` collects them per article instead of stopping, so one bad
article is reported and skipped.

Example::

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.txt").write_text(
    ...     "---\\npublished: 2024-10-21\\nsource: Reuters\\n---\\nKim visits Seoul\\nKim arrived on Monday.\\n")
    >>> doc = load_corpus([folder]).documents[0]
    >>> doc.id, doc.title, doc.published.isoformat(), doc.source
    ('a1', 'Kim visits Seoul', '2024-10-21', 'Reuters')
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

__all__ = [
    "CorpusError",
    "Corpus",
    "Document",
    "LoadError",
    "Span",
    "ARTICLE_SUFFIXES",
    "document_from_record",
    "iter_documents",
    "load_corpus",
    "parse_published",
    "read_records",
]

#: File suffixes read as articles when a folder is given.
ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl", ".csv")
#: Sidecar file names that carry metadata for the articles in their folder.
SIDECAR_NAMES = ("metadata.csv",)


class CorpusError(ValueError):
    """A problem with one input: which file, which line, what is wrong, how to fix it.

    >>> str(CorpusError("a.txt", "empty file", line=3, hint="give it some text"))
    'a.txt, line 3: empty file (give it some text)'
    """

    def __init__(self, path: str | os.PathLike | None, problem: str, *,
                 line: int | None = None, hint: str | None = None) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.problem = problem
        self.hint = hint
        where = self.path or "<input>"
        if line is not None:
            where += f", line {line}"
        message = f"{where}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Span:
    """A character span ``text[start:end]`` given by the caller (e.g. a known actor mention)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``text`` is exactly as loaded; every offset elsewhere points into it."""

    id: str
    text: str
    published: date | datetime | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    line: int | None = None
    mentions: tuple[Span, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def n_words(self) -> int:
        """Whitespace-separated words, the unit every throughput figure uses.

        >>> Document("a", "Kim arrived on Monday.").n_words
        4
        """
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class LoadError:
    """An article that could not be loaded, for the run's errors table."""

    path: str | None
    line: int | None
    id: str | None
    problem: str
    hint: str | None = None

    @classmethod
    def from_exception(cls, exc: CorpusError, *, id: str | None = None) -> "LoadError":
        """The error of one article, for the errors table.

        >>> LoadError.from_exception(CorpusError("a.txt", "empty file"), id="a")
        LoadError(path='a.txt', line=None, id='a', problem='empty file', hint=None)
        """
        return cls(exc.path, exc.line, id, exc.problem, exc.hint)

    def __str__(self) -> str:
        return str(CorpusError(self.path, self.problem, line=self.line, hint=self.hint))


@dataclass(slots=True)
class Corpus:
    """Documents that loaded, and the errors of those that did not."""

    documents: list[Document]
    errors: list[LoadError]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)


# --------------------------------------------------------------------------- dates

_DATE_HINT = "use an ISO 8601 date such as 2024-10-21 or 2024-10-21T10:15:00+00:00"


def parse_published(value: object, *, path: str | None = None, line: int | None = None,
                    field_name: str = "published") -> date | datetime | None:
    """Parse a publication date given as ISO 8601 text, a ``date`` or a ``datetime``.

    >>> parse_published("2024-10-21")
    datetime.date(2024, 10, 21)
    >>> parse_published("2024-10-21T10:15:00Z").isoformat()
    '2024-10-21T10:15:00+00:00'
    """
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value
    if not isinstance(value, str):
        raise CorpusError(path, f"unreadable date {value!r} in {field_name!r}", line=line, hint=_DATE_HINT)
    text = value.strip().strip('"\'')
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise CorpusError(path, f"unreadable date {value!r} in {field_name!r}", line=line,
                          hint=_DATE_HINT) from None


# --------------------------------------------------------------------------- reading files


def _read_text(path: Path, encoding: str) -> str:
    """Read a whole file as text, with errors that say what to do."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "no such file", hint="check the path") from None
    except IsADirectoryError:
        raise CorpusError(path, "is a folder, not a file") from None
    except PermissionError:
        raise CorpusError(path, "permission denied", hint="make the file readable") from None
    if not raw.strip():
        raise CorpusError(path, "empty file", hint="remove it or give it some text")
    if b"\x00" in raw[:8192]:
        raise CorpusError(path, "binary file (contains NUL bytes), not text",
                          hint="pass plain-text .txt/.md/.jsonl/.csv articles")
    try:
        text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = "cp1252" if _looks_cp1252(raw) else "latin-1"
        raise CorpusError(path, f"not valid {encoding} text (byte 0x{raw[exc.start]:02x} at byte {exc.start})",
                          line=line, hint=f"convert it to UTF-8, or read it with --encoding {guess}") from None
    except LookupError:
        raise CorpusError(path, f"unknown encoding {encoding!r}", hint="use e.g. utf-8, cp1252 or latin-1") from None
    return text


def _looks_cp1252(raw: bytes) -> bool:
    # Windows-1252 smart quotes and dashes (0x91-0x97) are the usual give-away.
    return any(b in raw for b in (b"\x91", b"\x92", b"\x93", b"\x94", b"\x96", b"\x97"))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, str], str, int]:
    """Return (metadata, body, number of lines the front matter took)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n") or text.startswith("---\r\n"):
            raise CorpusError(path, "front matter opened with '---' is never closed", line=1,
                              hint="end the metadata block with a line of '---'")
        return {}, text, 0
    meta: dict[str, str] = {}
    for offset, line in enumerate(match.group(1).splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise CorpusError(path, f"front-matter line {line!r} is not 'key: value'", line=offset)
        meta[key.strip().lower()] = value.strip().strip('"\'')
    return meta, text[match.end():], match.group(0).count("\n")


_SINGLE_SUFFIXES = (".txt", ".md", "")


def _single_article(text: str, path: Path) -> tuple[dict, dict]:
    """Split a one-article file into (what the file states, what is guessed from it).

    The front matter and body are stated; the id (the file name) and, for ``.txt``,
    the title (the first line) are guesses that a metadata sidecar may override.
    """
    meta, body, skipped = _split_front_matter(text, path)
    if not body.strip():
        raise CorpusError(path, "no article text after the front matter", line=skipped + 1)
    guesses: dict = {"id": path.stem}
    if path.suffix.lower() != ".md":
        first = body.lstrip("\r\n").split("\n", 1)[0].strip()
        guesses["title"] = first or None
    return {**meta, "text": body}, guesses


def read_records(path: str | os.PathLike, *, encoding: str = "utf-8",
                 text_column: str = "text") -> Iterator[tuple[int | None, dict]]:
    """Yield ``(line, record)`` pairs from one article file, before validation.

    ``.txt``/``.md`` give one record; ``.jsonl``/``.csv`` one per line/row. A record
    that cannot be parsed is yielded as a :class:`CorpusError` in place of the dict
    so that a caller can report it and go on with the rest of the file.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "b.jsonl"
    >>> _ = path.write_text('{"id": "b1", "text": "Lee left."}\\nnot json\\n')
    >>> [(line, type(record).__name__) for line, record in read_records(path)]
    [(1, 'dict'), (2, 'CorpusError')]
    """
    path = Path(path)
    suffix = path.suffix.lower()
    text = _read_text(path, encoding)
    if suffix in _SINGLE_SUFFIXES:
        record, guesses = _single_article(text, path)
        yield 1, {**guesses, **record}
    elif suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, CorpusError(path, f"not valid JSON ({exc.msg} at column {exc.colno})", line=number,
                                          hint="each line must be one JSON object")
                continue
            if not isinstance(obj, dict):
                yield number, CorpusError(path, "a JSON Lines record must be an object", line=number,
                                          hint='e.g. {"id": "a1", "text": "..."}')
                continue
            yield number, obj
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if not reader.fieldnames or text_column not in reader.fieldnames:
            raise CorpusError(path, f"no {text_column!r} column (columns: {', '.join(reader.fieldnames or [])})",
                              line=1, hint="name the article text column 'text' or pass text_column=")
        for row in reader:
            record = {("text" if key == text_column else key): value for key, value in row.items()
                      if key is not None}
            yield reader.line_num, record
    else:
        raise CorpusError(path, f"unsupported file type {suffix!r}",
                          hint=f"use one of {', '.join(ARTICLE_SUFFIXES)}")


def document_from_record(record: dict, *, path: str | None = None, line: int | None = None,
                         default_id: str | None = None,
                         published: date | datetime | str | None = None) -> Document:
    """Validate one input record (the ``annotate`` contract's input) into a Document.

    >>> document_from_record({"id": "a", "text": "Kim said so.", "published": "2024-10-21"}).published
    datetime.date(2024, 10, 21)
    """
    text = record.get("text")
    if not isinstance(text, str):
        raise CorpusError(path, "record has no 'text' string", line=line,
                          hint='give the article under "text"')
    if not text.strip():
        raise CorpusError(path, "empty article text", line=line, hint="drop the record or fill in 'text'")
    raw_id = record.get("id", default_id)
    if raw_id is None or str(raw_id).strip() == "":
        raw_id = default_id
    if raw_id is None:
        raise CorpusError(path, "record has no 'id'", line=line, hint='give each record a unique "id"')
    pub = record.get("published") or record.get("date") or published
    mentions = []
    for item in record.get("mentions") or ():
        try:
            start, end = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            raise CorpusError(path, f"mention {item!r} needs integer 'start' and 'end'", line=line) from None
        if not 0 <= start < end <= len(text):
            raise CorpusError(path, f"mention {start}-{end} lies outside the text (length {len(text)})",
                              line=line, hint="offsets are character offsets into 'text'")
        mentions.append(Span(start, end))
    known = {"id", "text", "published", "date", "title", "source", "url", "mentions"}
    return Document(
        id=str(raw_id),
        text=text,
        published=parse_published(pub, path=path, line=line),
        title=_clean(record.get("title")),
        source=_clean(record.get("source")),
        url=_clean(record.get("url")),
        path=path,
        line=line,
        mentions=tuple(mentions),
        meta={k: v for k, v in record.items() if k not in known},
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# --------------------------------------------------------------------------- corpora


def _expand(paths: Sequence[str | os.PathLike]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and p.name not in SIDECAR_NAMES and not p.name.startswith(".")
                           and p.name.lower() not in ("readme.md", "readme.txt"))
            if not found:
                raise CorpusError(path, "folder holds no articles",
                                  hint=f"put {', '.join(ARTICLE_SUFFIXES)} files in it")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise CorpusError(path, "no such file or folder", hint="check the path")
    return files


def _sidecar(folder: Path, encoding: str) -> dict[str, dict]:
    """Metadata rows from ``metadata.csv`` in ``folder``, keyed by file name and by id."""
    rows: dict[str, dict] = {}
    for name in SIDECAR_NAMES:
        path = folder / name
        if not path.is_file():
            continue
        reader = csv.DictReader(io.StringIO(_read_text(path, encoding), newline=""))
        if not reader.fieldnames or not ({"file", "id"} & set(reader.fieldnames)):
            raise CorpusError(path, "metadata sidecar needs a 'file' or 'id' column", line=1)
        for row in reader:
            entry = {k: v for k, v in row.items() if k and v not in (None, "")}
            entry["_line"] = reader.line_num
            entry["_path"] = str(path)
            for key in (row.get("file"), row.get("id")):
                if key:
                    rows[key] = entry
    return rows


def iter_documents(paths: Sequence[str | os.PathLike] | str | os.PathLike, *, encoding: str = "utf-8",
                   text_column: str = "text",
                   published: date | datetime | str | None = None) -> Iterator[Document | LoadError]:
    """Yield each article as a :class:`Document`, or a :class:`LoadError` for one that failed.

    ``published`` is a fallback publication date for articles that carry none.
    Duplicate ids are errors (the later article is skipped).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.jsonl").write_text('{"id": "b1", "text": "Lee left."}\\n{"id": "b1", "text": "Again."}\\n')
    >>> [item.id if isinstance(item, Document) else item.problem for item in iter_documents(folder)]
    ['b1', "duplicate id 'b1' (first seen in .../b.jsonl, line 1)"]
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    fallback = parse_published(published, field_name="--published") if published is not None else None
    seen: dict[str, str] = {}
    sidecars: dict[Path, dict[str, dict]] = {}
    for path in _expand(paths):
        folder = path.parent
        if folder not in sidecars:
            try:
                sidecars[folder] = _sidecar(folder, encoding)
            except CorpusError as exc:
                yield LoadError.from_exception(exc)
                sidecars[folder] = {}
        side = sidecars[folder]
        multi = path.suffix.lower() not in _SINGLE_SUFFIXES
        try:
            if multi:
                items = ((line, record, {}) for line, record in
                         read_records(path, encoding=encoding, text_column=text_column))
            else:
                items = iter([(1, *_single_article(_read_text(path, encoding), path))])
            for line, record, guesses in items:
                if isinstance(record, CorpusError):
                    yield LoadError.from_exception(record)
                    continue
                default_id = f"{path.stem}:{line}" if multi else path.stem
                extra = side.get(path.name) if not multi else None
                extra = extra or side.get(str(record.get("id") or default_id)) or {}
                # Precedence: what the file states > the sidecar > what is guessed (file name, first line).
                merged = {k: v for k, v in guesses.items() if v not in (None, "")}
                merged.update({k: v for k, v in extra.items() if not k.startswith("_") and k != "file"})
                merged.update({k: v for k, v in record.items() if v not in (None, "")})
                try:
                    doc = document_from_record(merged, path=str(path), line=line if multi else None,
                                               default_id=default_id, published=fallback)
                except CorpusError as exc:
                    if extra and "published" in str(exc.problem) and "published" not in record:
                        exc = CorpusError(extra["_path"], exc.problem, line=extra["_line"], hint=exc.hint)
                    yield LoadError.from_exception(exc, id=str(merged.get("id") or default_id))
                    continue
                if doc.id in seen:
                    yield LoadError(str(path), line if multi else None, doc.id,
                                    f"duplicate id {doc.id!r} (first seen in {seen[doc.id]})",
                                    "give every article a unique id")
                    continue
                seen[doc.id] = f"{path}" + (f", line {line}" if multi else "")
                yield doc
        except CorpusError as exc:
            yield LoadError.from_exception(exc)


def load_corpus(paths: Sequence[str | os.PathLike] | str | os.PathLike, *, encoding: str = "utf-8",
                text_column: str = "text", published: date | datetime | str | None = None,
                strict: bool = False) -> Corpus:
    """Load every article under ``paths``; bad ones go to ``Corpus.errors`` (or raise if ``strict``).

    A path that does not exist at all always raises :class:`CorpusError`: there is
    nothing to run on.

    >>> load_corpus(["no/such/folder"])
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: no/such/folder: no such file or folder (check the path)
    """
    documents: list[Document] = []
    errors: list[LoadError] = []
    for item in iter_documents(paths, encoding=encoding, text_column=text_column, published=published):
        if isinstance(item, LoadError):
            if strict:
                raise CorpusError(item.path, item.problem, line=item.line, hint=item.hint)
            errors.append(item)
        else:
            documents.append(item)
    return Corpus(documents, errors)


def read_jsonl_stream(stream: Iterable[str], *, name: str = "<stdin>",
                      published: date | datetime | str | None = None) -> Iterator[Document | LoadError]:
    """Documents from JSON Lines on a stream (``annotate -``), same rules as files.

    >>> for item in read_jsonl_stream(['{"text": "Lee left."}', '{"id": "x"}']):
    ...     print(item.id if isinstance(item, Document) else item)
    1
    <stdin>, line 2: record has no 'text' string (give the article under "text")
    """
    fallback = parse_published(published, field_name="--published") if published is not None else None
    seen: set[str] = set()
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise CorpusError(name, "a JSON Lines record must be an object", line=number)
            doc = document_from_record(obj, path=name, line=number, default_id=f"{number}", published=fallback)
        except json.JSONDecodeError as exc:
            yield LoadError(name, number, None, f"not valid JSON ({exc.msg} at column {exc.colno})",
                            "each line must be one JSON object")
            continue
        except CorpusError as exc:
            yield LoadError.from_exception(exc)
            continue
        if doc.id in seen:
            yield LoadError(name, number, doc.id, f"duplicate id {doc.id!r}", "give every record a unique id")
            continue
        seen.add(doc.id)
        yield doc
