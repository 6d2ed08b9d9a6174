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
article is reported and skipped. What counts as bad input (each a reported skip, the
rest of the file and corpus still load):

* a record that is not valid JSON, has no ``text`` string, or a field of the wrong type
  (``mentions`` must be a list of ``{"start", "end"}``);
* a string holding a lone surrogate (``"\\ud800"`` with no pair: not Unicode, so it could
  not be written as UTF-8) or a NUL character;
* a publication date outside :data:`DATE_RANGE` (years 1000 to 2999);
* an article longer than ``max_chars`` characters (:data:`DEFAULT_MAX_CHARS`);
* a binary file (NUL bytes), an HTML page saved as ``.txt``/``.md``, text that does not
  decode with the given encoding (UTF-16 and UTF-32 are read when the encoding says so or
  the file starts with their byte-order mark);
* a symlinked file or folder inside a corpus folder, unless ``follow_symlinks=True`` (a
  path given explicitly is always read, symlink or not).

JSON Lines are split on ``\\n`` (and ``\\r\\n``) only: U+2028, U+2029 and U+0085 inside a
string belong to the record, and line numbers count ``\\n`` as editors and ``wc -l`` do.

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

import codecs
import csv
import io
import json
import os
import re
import sys
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
    "DATE_RANGE",
    "DEFAULT_MAX_CHARS",
    "document_from_record",
    "iter_documents",
    "load_corpus",
    "parse_published",
    "read_jsonl_stream",
    "read_records",
]

#: File suffixes read as articles when a folder is given.
ARTICLE_SUFFIXES = (".txt", ".md", ".jsonl", ".csv")
#: Sidecar file names that carry metadata for the articles in their folder.
SIDECAR_NAMES = ("metadata.csv",)
#: Longest article text read, in characters (about 300,000 words: no news article comes near it).
#: Longer texts are reported and skipped; ``max_chars=`` (``--max-chars N``) changes it, None or 0 lifts it.
DEFAULT_MAX_CHARS = 2_000_000
#: Publication dates the loader accepts (first and last day). Dates outside are typos or
#: placeholders (``0001-01-01``, ``9999-12-31``) that would only mislead the timeline.
DATE_RANGE = (date(1000, 1, 1), date(2999, 12, 31))
#: The csv module's per-field limit (131,072 characters by default) is raised to this, so a long
#: article in a CSV cell loads; ``max_chars`` is what bounds an article. 2**31 - 1 fits a C long on
#: every platform (``sys.maxsize`` overflows it on Windows).
CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
csv.field_size_limit(CSV_FIELD_LIMIT)


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
        return _in_date_range(value, path=path, line=line, field_name=field_name)
    if not isinstance(value, str):
        raise CorpusError(path, f"unreadable date {value!r} in {field_name!r}", line=line, hint=_DATE_HINT)
    text = value.strip().strip('"\'')
    if not text:
        return None
    try:
        if len(text) == 10:
            parsed: date | datetime = date.fromisoformat(text)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise CorpusError(path, f"unreadable date {value!r} in {field_name!r}", line=line,
                          hint=_DATE_HINT) from None
    return _in_date_range(parsed, path=path, line=line, field_name=field_name)


def _in_date_range(value: date | datetime, *, path: str | None, line: int | None,
                   field_name: str) -> date | datetime:
    """``value`` if it lies in :data:`DATE_RANGE`; else a CorpusError (the timeline reads only sane dates).

    >>> parse_published("0001-01-01")
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: <input>: date 0001-01-01 in 'published' is outside 1000-01-01..2999-12-31 \
(a placeholder or a typo? give the real publication date, or leave the field out)
    """
    day = value.date() if isinstance(value, datetime) else value
    first, last = DATE_RANGE
    if not first <= day <= last:
        raise CorpusError(path, f"date {day.isoformat()} in {field_name!r} is outside "
                                f"{first.isoformat()}..{last.isoformat()}", line=line,
                          hint="a placeholder or a typo? give the real publication date, or leave the field out")
    return value


# --------------------------------------------------------------------------- reading files

#: Byte-order marks that decide the encoding whatever ``encoding`` says (UTF-32 first: its
#: little-endian mark begins with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(encoding: str, *, raw: bytes = b"", path: str | os.PathLike | None = None) -> str:
    """The codec to decode ``raw`` with: a UTF-16/32 byte-order mark wins, UTF-8 drops its mark.

    >>> _codec("utf8"), _codec("utf-8", raw=b"\\xff\\xfeK\\x00"), _codec("UTF_16")
    ('utf-8-sig', 'utf-16', 'utf-16')
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise CorpusError(path, f"unknown encoding {encoding!r}", hint="use e.g. utf-8, utf-16, cp1252 or latin-1") from None
    return "utf-8-sig" if name == "utf-8" else name


def _check_size(path: Path, max_chars: int | None) -> None:
    """Refuse a one-article file too big to be within ``max_chars`` before reading it into memory.

    Every encoding read here takes at most four bytes a character, so a file of more than
    ``4 * max_chars`` bytes (plus a byte-order mark) holds more characters than the limit.
    """
    if not max_chars:
        return
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it says what is wrong
    if size > 4 * max_chars + 4:
        raise CorpusError(path, f"file of {size:,} bytes holds more than the limit of {max_chars:,} characters "
                                "an article may have", hint=_max_chars_hint())


def _max_chars_hint() -> str:
    return "split it into articles, or raise the limit with --max-chars N (max_chars= in Python; 0 lifts it)"


def _read_bytes(path: Path) -> bytes:
    """A file's bytes, with errors that say what to do."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "no such file", hint="check the path") from None
    except IsADirectoryError:
        raise CorpusError(path, "is a folder, not a file") from None
    except PermissionError:
        raise CorpusError(path, "permission denied", hint="make the file readable") from None


def _read_text(path: Path, encoding: str, *, single: bool = False) -> str:
    """Read a whole file as text, with errors that say what to do."""
    return _decode(_read_bytes(path), path, encoding, single=single)


def _decode(raw: bytes, path: Path, encoding: str, *, single: bool = False) -> str:
    """The text of a file's bytes.

    A file is binary when it does not decode and holds NUL bytes, and a one-article file
    (``single``) also when its decoded text holds a NUL anywhere; a NUL inside a JSON Lines or
    CSV file is left to the record it is in, so the other records still load.
    """
    codec = _codec(encoding, raw=raw, path=path)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        if b"\x00" in raw:
            raise CorpusError(path, "binary file (contains NUL bytes), not text",
                              hint="pass plain-text .txt/.md/.jsonl/.csv articles (UTF-16 with --encoding utf-16)") from None
        line = raw[: exc.start].count(b"\n") + 1
        guess = "cp1252" if _looks_cp1252(raw) else "latin-1"
        raise CorpusError(path, f"not valid {encoding} text (byte 0x{raw[exc.start]:02x} at byte {exc.start})",
                          line=line, hint=f"convert it to UTF-8, or read it with --encoding {guess}") from None
    text = text[1:] if text.startswith("\ufeff") else text  # a mark the codec kept (utf-16-le, ...)
    if not text.strip():
        raise CorpusError(path, "empty file", hint="remove it or give it some text")
    if single and "\x00" in text:
        raise CorpusError(path, f"binary file (a NUL character at character {text.index(chr(0)):,}), not text",
                          hint="pass plain-text .txt/.md/.jsonl/.csv articles")
    return text


def _looks_cp1252(raw: bytes) -> bool:
    # Windows-1252 smart quotes and dashes (0x91-0x97) are the usual give-away.
    return any(b in raw for b in (b"\x91", b"\x92", b"\x93", b"\x94", b"\x96", b"\x97"))


_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<[a-zA-Z!/][^<>]{0,2000}>")


def _looks_like_html(text: str) -> bool:
    """True for an HTML page: it opens with ``<!DOCTYPE html`` or ``<html``, or is mostly tags.

    "Mostly tags" is at least five tags holding more characters than the text between them,
    so an article that quotes a tag or two, or Markdown with an inline ``<br>``, is still text.

    >>> _looks_like_html("<!DOCTYPE html><p>Kim said so.</p>"), _looks_like_html("Use <b>bold</b> here.")
    (True, False)
    """
    if _HTML_START.match(text):
        return True
    sample = text[:200_000]
    tags = _HTML_TAG.findall(sample)
    if len(tags) < 5:
        return False
    outside = len("".join(_HTML_TAG.sub(" ", sample).split()))
    return sum(len(tag) for tag in tags) > outside


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
    An HTML page saved under a text name is refused: its tags would be read as the article.
    """
    meta, body, skipped = _split_front_matter(text, path)
    if not body.strip():
        raise CorpusError(path, "no article text after the front matter", line=skipped + 1)
    if _looks_like_html(body):
        raise CorpusError(path, "this looks like an HTML page, not article text", line=skipped + 1,
                          hint="save the article text itself, or convert the page, e.g. with "
                               "'pandoc -f html -t plain PAGE.html -o ARTICLE.txt'")
    guesses: dict = {"id": path.stem}
    if path.suffix.lower() != ".md":
        first = body.lstrip("\r\n").split("\n", 1)[0].strip()
        guesses["title"] = first or None
    return {**meta, "text": body}, guesses


def _jsonl_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of JSON Lines text, split on ``\\n`` only (a ``\\r`` before it dropped).

    ``str.splitlines`` would also split on U+2028, U+2029, U+0085 and others, which JSON allows
    raw inside a string: it would cut a valid record in two and shift every later line number.

    >>> list(_jsonl_lines('{"text": "a\\u2028b"}\\r\\n{}'))
    [(1, '{"text": "a\\u2028b"}'), (2, '{}')]
    """
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line[:-1] if line.endswith("\r") else line


def _jsonl_file_lines(path: Path, encoding: str) -> Iterator[tuple[int, str | CorpusError]]:
    """The lines of a JSON Lines file; when the file does not decode as a whole, each line is
    decoded on its own, so one line of bad bytes is one bad record and the others still load."""
    raw = _read_bytes(path)
    codec = _codec(encoding, raw=raw, path=path)
    if not codec.startswith(("utf-16", "utf-32")) and b"\x00" not in raw:
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            for number, line in _stream_lines(raw.split(b"\n"), name=str(path), encoding=encoding):
                yield number, line.removesuffix("\r") if isinstance(line, str) else line
            return
    yield from _jsonl_lines(_decode(raw, path, encoding))


def _json_record(line: str, *, path: str | os.PathLike | None, number: int) -> dict | CorpusError:
    """One JSON Lines record, or the CorpusError saying why the line is not one."""
    try:
        obj = json.loads(line)
    except RecursionError:
        return CorpusError(path, "JSON nested too deeply", line=number, hint="each line must be one flat JSON object")
    except ValueError as exc:  # JSONDecodeError, and int() of a number with thousands of digits
        problem = (f"not valid JSON ({exc.msg} at column {exc.colno})" if isinstance(exc, json.JSONDecodeError)
                   else f"not valid JSON ({exc})")
        return CorpusError(path, problem, line=number, hint="each line must be one JSON object")
    if not isinstance(obj, dict):
        return CorpusError(path, "a JSON Lines record must be an object", line=number,
                           hint='e.g. {"id": "a1", "text": "..."}')
    return obj


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
    if suffix in _SINGLE_SUFFIXES:
        record, guesses = _single_article(_read_text(path, encoding, single=True), path)
        yield 1, {**guesses, **record}
    elif suffix == ".jsonl":
        for number, line in _jsonl_file_lines(path, encoding):
            if isinstance(line, CorpusError):
                yield number, line
            elif line.strip():
                yield number, _json_record(line, path=path, number=number)
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(_read_text(path, encoding), newline=""))
        if not reader.fieldnames or text_column not in reader.fieldnames:
            raise CorpusError(path, f"no {text_column!r} column (columns: {', '.join(reader.fieldnames or [])})",
                              line=1, hint="name the article text column 'text' or pass text_column=")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # a malformed row: the rows after it may still read
                yield reader.line_num, CorpusError(path, f"not valid CSV ({exc})", line=reader.line_num,
                                                   hint="quote fields that hold commas, quotes or newlines")
                continue
            record = {("text" if key == text_column else key): value for key, value in row.items()
                      if key is not None}
            yield reader.line_num, record
    else:
        raise CorpusError(path, f"unsupported file type {suffix!r}",
                          hint=f"use one of {', '.join(ARTICLE_SUFFIXES)}")


_SURROGATE = re.compile("[\\ud800-\\udfff]")


def _lone_surrogate(value: object, name: str) -> tuple[str, int, str] | None:
    """``(field, character offset, the surrogate)`` of the first lone surrogate in a JSON value, or None.

    JSON may escape half of a UTF-16 pair (``"\\\\ud800"``) on its own; Python then holds a code
    point that is no character and that no UTF-8 writer can encode. A valid pair is already
    joined into one character by the JSON reader, so any surrogate left is a lone one.

    >>> _lone_surrogate({"text": "Kim \\ud800"}, "record")
    ('text', 4, '\\ud800')
    """
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (name, found.start(), found.group()) if found else None
    if isinstance(value, dict):
        for key, item in value.items():
            hit = _lone_surrogate(key, name) or _lone_surrogate(item, str(key) if name == "record" else name)
            if hit:
                return hit
    elif isinstance(value, (list, tuple)):
        for item in value:
            hit = _lone_surrogate(item, name)
            if hit:
                return hit
    return None


def _mentions(value: object, text: str, *, path: str | None, line: int | None) -> tuple[Span, ...]:
    """The caller's actor mentions: a list of ``{"start", "end"}`` character spans inside ``text``."""
    if value is None or value == "":  # absent, or an empty cell
        return ()
    hint = 'give "mentions" as a list of {"start": ..., "end": ...} objects, or leave it out'
    if not isinstance(value, (list, tuple)):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "..."
        raise CorpusError(path, f"field 'mentions' is {type(value).__name__} {shown}, expected a list of "
                                '{"start", "end"} objects', line=line, hint=hint)
    spans = []
    for item in value:
        try:
            if not isinstance(item, dict):
                raise TypeError
            start, end = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError, OverflowError):
            raise CorpusError(path, f"mention {item!r:.80} in field 'mentions' needs integer 'start' and 'end'",
                              line=line, hint=hint) from None
        if not 0 <= start < end <= len(text):
            raise CorpusError(path, f"mention {start}-{end} lies outside the text (length {len(text)})",
                              line=line, hint="offsets are character offsets into 'text'")
        spans.append(Span(start, end))
    return tuple(spans)


def document_from_record(record: dict, *, path: str | None = None, line: int | None = None,
                         default_id: str | None = None,
                         published: date | datetime | str | None = None,
                         max_chars: int | None = DEFAULT_MAX_CHARS) -> Document:
    """Validate one input record (the ``annotate`` contract's input) into a Document.

    Refused, each with a CorpusError saying where and what to do: no ``text`` string, empty
    text, text over ``max_chars`` characters (None or 0: no limit), a NUL in the text, a lone
    surrogate in any string, ``mentions`` that are not a list of spans inside the text, a
    date that does not parse or lies outside :data:`DATE_RANGE`.

    >>> document_from_record({"id": "a", "text": "Kim said so.", "published": "2024-10-21"}).published
    datetime.date(2024, 10, 21)
    >>> document_from_record({"id": "a", "text": "Kim said so.", "mentions": 5})
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: <input>: field 'mentions' is int 5, expected a list of {"start", "end"} objects
    (give "mentions" as a list of {"start": ..., "end": ...} objects, or leave it out)
    """
    text = record.get("text")
    if not isinstance(text, str):
        raise CorpusError(path, "record has no 'text' string", line=line,
                          hint='give the article under "text"')
    if max_chars and len(text) > max_chars:
        raise CorpusError(path, f"article text is {len(text):,} characters, over the limit of {max_chars:,}",
                          line=line, hint=_max_chars_hint())
    if not text.strip():
        raise CorpusError(path, "empty article text", line=line, hint="drop the record or fill in 'text'")
    if "\x00" in text:
        raise CorpusError(path, f"article text holds a NUL character (at character {text.index(chr(0))})",
                          line=line, hint="binary data inside the text: remove the NUL characters")
    bad = _lone_surrogate(record, "record")
    if bad:
        name, at, char = bad
        raise CorpusError(path, f"field {name!r} holds a lone surrogate U+{ord(char):04X} at character {at} "
                                "(half of a UTF-16 pair, not a character; it cannot be written as UTF-8)",
                          line=line, hint="fix the escaping where the file was made (a \\ud800-\\udfff escape must "
                                          "be followed by its other half), or remove the character")
    raw_id = record.get("id", default_id)
    if raw_id is None or str(raw_id).strip() == "":
        raw_id = default_id
    if raw_id is None:
        raise CorpusError(path, "record has no 'id'", line=line, hint='give each record a unique "id"')
    pub = record.get("published") or record.get("date") or published
    mentions = _mentions(record.get("mentions"), text, path=path, line=line)
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
        mentions=mentions,
        meta={k: v for k, v in record.items() if k not in known},
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# --------------------------------------------------------------------------- corpora


def _is_article_name(path: Path) -> bool:
    """A file name a folder search reads: an article suffix, not a sidecar, a README or hidden."""
    return (path.suffix.lower() in ARTICLE_SUFFIXES and path.name not in SIDECAR_NAMES
            and not path.name.startswith(".") and path.name.lower() not in ("readme.md", "readme.txt"))


def _symlink_error(path: Path) -> CorpusError:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return CorpusError(path, "symlink, not followed",
                       hint=f"it points to {target}; pass --follow-symlinks (follow_symlinks=True) to read it, "
                            "or give the path itself")


def _walk(folder: Path, *, follow_symlinks: bool) -> list[Path | CorpusError]:
    """Article files under ``folder`` in sorted order, and a CorpusError for each symlink not followed.

    A symlinked file or folder could lead anywhere (``/etc/passwd``, a home folder), so inside a
    corpus folder neither is followed unless ``follow_symlinks``; when they are, a folder reached a
    second time (a symlink loop, or a link to a folder already read) is reported, not read again.
    """
    found: list[tuple[Path, Path | CorpusError]] = []
    seen = {folder.resolve()}

    def visit(current: Path) -> None:
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            found.append((current, CorpusError(current, f"cannot read the folder ({exc.strerror})",
                                               hint="make it readable")))
            return
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir()  # of a symlink: of what it points to
            if not is_dir and not _is_article_name(path):
                continue
            if entry.is_symlink():
                if not follow_symlinks:
                    found.append((path, _symlink_error(path)))
                    continue
                if not is_dir and not entry.is_file():
                    found.append((path, CorpusError(path, "broken symlink (what it points to does not exist)",
                                                    hint="fix or remove the link")))
                    continue
            if is_dir:
                real = path.resolve()
                if real in seen:
                    found.append((path, CorpusError(path, f"folder {real} is read already (a symlink loop?)",
                                                    hint="remove the link")))
                    continue
                seen.add(real)
                visit(path)
            elif entry.is_file():
                found.append((path, path))

    visit(folder)
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _expand(paths: Sequence[str | os.PathLike], *, follow_symlinks: bool = False) -> list[Path | CorpusError]:
    """The files to read, in order, with a CorpusError in place of each symlink inside a folder not followed.

    A path given explicitly is read even if it is a symlink: whoever named it chose it.
    """
    files: list[Path | CorpusError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _walk(path, follow_symlinks=follow_symlinks)
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
                   published: date | datetime | str | None = None,
                   max_chars: int | None = DEFAULT_MAX_CHARS,
                   follow_symlinks: bool = False) -> Iterator[Document | LoadError]:
    """Yield each article as a :class:`Document`, or a :class:`LoadError` for one that failed.

    ``published`` is a fallback publication date for articles that carry none.
    Duplicate ids are errors (the later article is skipped). An article longer than
    ``max_chars`` characters is an error (None or 0: no limit). A symlinked file or folder
    inside a folder is an error unless ``follow_symlinks`` (a path given in ``paths`` is
    always read).

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
    for path in _expand(paths, follow_symlinks=follow_symlinks):
        if isinstance(path, CorpusError):
            yield LoadError.from_exception(path)
            continue
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
                _check_size(path, max_chars)
                items = iter([(1, *_single_article(_read_text(path, encoding, single=True), path))])
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
                                               default_id=default_id, published=fallback, max_chars=max_chars)
                except CorpusError as exc:
                    if extra and "published" in str(exc.problem) and "published" not in record:
                        exc = CorpusError(extra["_path"], exc.problem, line=extra["_line"], hint=exc.hint)
                    yield LoadError.from_exception(exc, id=_shown_id(merged.get("id") or default_id))
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


def _shown_id(value: object) -> str:
    """The id of a refused record as the errors table can show it (a lone surrogate made visible).

    >>> _shown_id("a\\ud800")
    'a\\\\ud800'
    """
    return str(value).encode("utf-8", "backslashreplace").decode("utf-8")


def load_corpus(paths: Sequence[str | os.PathLike] | str | os.PathLike, *, encoding: str = "utf-8",
                text_column: str = "text", published: date | datetime | str | None = None,
                strict: bool = False, max_chars: int | None = DEFAULT_MAX_CHARS,
                follow_symlinks: bool = False) -> Corpus:
    """Load every article under ``paths``; bad ones go to ``Corpus.errors`` (or raise if ``strict``).

    A path that does not exist at all always raises :class:`CorpusError`: there is
    nothing to run on. ``max_chars`` and ``follow_symlinks`` are as in :func:`iter_documents`.

    >>> load_corpus(["no/such/folder"])
    Traceback (most recent call last):
    ...
    toolkit.corpus.CorpusError: no/such/folder: no such file or folder (check the path)
    """
    documents: list[Document] = []
    errors: list[LoadError] = []
    for item in iter_documents(paths, encoding=encoding, text_column=text_column, published=published,
                               max_chars=max_chars, follow_symlinks=follow_symlinks):
        if isinstance(item, LoadError):
            if strict:
                raise CorpusError(item.path, item.problem, line=item.line, hint=item.hint)
            errors.append(item)
        else:
            documents.append(item)
    return Corpus(documents, errors)


def _stream_lines(stream: Iterable[str | bytes], *, name: str,
                  encoding: str) -> Iterator[tuple[int, str | CorpusError]]:
    """``(line number, text)`` of each line of a stream of text or bytes; a CorpusError for a line that
    does not decode, so the lines around it still load.

    Bytes are split on ``\\n`` only and decoded a line at a time with ``encoding``; UTF-16 and
    UTF-32 (whose ``\\n`` is more than one byte) are decoded whole first. Text lines are taken as
    given, less their line end.

    >>> [(n, str(x)) for n, x in _stream_lines([b'{"text": "ok"}\\n', b'\\xff\\n'], name="<stdin>", encoding="utf-8")]
    [(1, '{"text": "ok"}'), (2, '<stdin>, line 2: not valid utf-8 text (byte 0xff at column 1) (convert the
    input to UTF-8, or pass --encoding latin-1)')]
    """
    codec = _codec(encoding, path=name)
    items = iter(stream)
    first = next(items, None)
    if first is None:
        return
    items = _chain_one(first, items)
    if isinstance(first, bytes) and codecs.lookup(codec).name.startswith(("utf-16", "utf-32")):
        data = b"".join(items)
        try:
            whole = data.decode(_codec(encoding, raw=data, path=name))
        except UnicodeDecodeError as exc:
            yield 1, CorpusError(name, f"not valid {encoding} text (at byte {exc.start})",
                                 hint="convert the input to UTF-8")
            return
        items = iter(whole.split("\n"))
        codec = "utf-8"  # unused: the items are text now
    for number, line in enumerate(items, start=1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 and codec == "utf-8-sig" else
                                   codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                guess = "cp1252" if _looks_cp1252(line) else "latin-1"
                yield number, CorpusError(name, f"not valid {encoding} text (byte 0x{line[exc.start]:02x} at column "
                                                f"{exc.start + 1})", line=number,
                                          hint=f"convert the input to UTF-8, or pass --encoding {guess}")
                continue
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        yield number, line[:-1] if line.endswith("\n") else line


def _chain_one(first: str | bytes, rest: Iterator[str | bytes]) -> Iterator[str | bytes]:
    yield first
    yield from rest


def read_jsonl_stream(stream: Iterable[str | bytes], *, name: str = "<stdin>",
                      published: date | datetime | str | None = None, encoding: str = "utf-8",
                      max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[Document | LoadError]:
    """Documents from JSON Lines on a stream (``annotate -``), same rules as files.

    ``stream`` gives lines as bytes (``sys.stdin.buffer``: each decoded with ``encoding``, so one
    undecodable line is one reported record) or as text.

    >>> for item in read_jsonl_stream(['{"text": "Lee left."}', '{"id": "x"}']):
    ...     print(item.id if isinstance(item, Document) else item)
    1
    <stdin>, line 2: record has no 'text' string (give the article under "text")
    """
    fallback = parse_published(published, field_name="--published") if published is not None else None
    seen: set[str] = set()
    for number, line in _stream_lines(stream, name=name, encoding=encoding):
        if isinstance(line, CorpusError):
            yield LoadError.from_exception(line)
            continue
        if not line.strip():
            continue
        obj = _json_record(line.removesuffix("\r"), path=name, number=number)
        if isinstance(obj, CorpusError):
            yield LoadError.from_exception(obj)
            continue
        try:
            doc = document_from_record(obj, path=name, line=number, default_id=f"{number}", published=fallback,
                                       max_chars=max_chars)
        except CorpusError as exc:
            yield LoadError.from_exception(exc, id=_shown_id(obj["id"]) if obj.get("id") is not None else None)
            continue
        if doc.id in seen:
            yield LoadError(name, number, doc.id, f"duplicate id {doc.id!r}", "give every record a unique id")
            continue
        seen.add(doc.id)
        yield doc
