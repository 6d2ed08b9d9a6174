"""toolkit.corpus: every input format, the metadata sidecar, and errors that say where and how to fix."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from toolkit.corpus import (
    CorpusError,
    Document,
    LoadError,
    Span,
    document_from_record,
    iter_documents,
    load_corpus,
    parse_published,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))  # no newline translation: bytes as written here
    return path


def load(paths, **kwargs) -> tuple[list[Document], list[LoadError]]:
    docs, errors = [], []
    for item in iter_documents(paths, **kwargs):
        (errors if isinstance(item, LoadError) else docs).append(item)
    return docs, errors


def summary(doc: Document) -> dict:
    return {"id": doc.id, "title": doc.title, "published": doc.published, "source": doc.source,
            "url": doc.url, "text": doc.text}


# --------------------------------------------------------------------------- formats

FORMATS = [
    pytest.param(
        "story.txt", "Headline here\nBody line one.\nBody line two.\n",
        [{"id": "story", "title": "Headline here", "published": None, "source": None, "url": None,
          "text": "Headline here\nBody line one.\nBody line two.\n"}],
        id="txt-headline-first"),
    pytest.param(
        "story.txt", "\n\n  Headline after blank lines  \nBody.\n",
        [{"id": "story", "title": "Headline after blank lines", "published": None, "source": None, "url": None,
          "text": "\n\n  Headline after blank lines  \nBody.\n"}],
        id="txt-leading-blank-lines"),
    pytest.param(
        "note.md", "---\ntitle: A title\npublished: 2024-10-21\nsource: \"AP\"\n---\nBody *text*.\n",
        [{"id": "note", "title": "A title", "published": date(2024, 10, 21), "source": "AP", "url": None,
          "text": "Body *text*.\n"}],
        id="md-front-matter"),
    pytest.param(
        "plain.md", "# Heading\n\nBody.\n",
        [{"id": "plain", "title": None, "published": None, "source": None, "url": None,
          "text": "# Heading\n\nBody.\n"}],
        id="md-without-front-matter"),
    pytest.param(
        "fm.txt", "---\nid: custom-id\npublished: 2024-10-21T10:15:00Z\nurl: https://example.org/a\n---\n"
                  "The headline\nThe body.\n",
        [{"id": "custom-id", "title": "The headline",
          "published": datetime(2024, 10, 21, 10, 15, tzinfo=timezone.utc), "source": None,
          "url": "https://example.org/a", "text": "The headline\nThe body.\n"}],
        id="txt-front-matter-then-headline"),
    pytest.param(
        "feed.jsonl",
        '{"id": "a1", "text": "First.", "published": "2024-10-20", "source": "Reuters"}\n'
        "\n"
        '{"text": "Second, no id.", "title": "T2"}\n',
        [{"id": "a1", "title": None, "published": date(2024, 10, 20), "source": "Reuters", "url": None,
          "text": "First."},
         {"id": "feed:3", "title": "T2", "published": None, "source": None, "url": None,
          "text": "Second, no id."}],
        id="jsonl"),
    pytest.param(
        "table.csv",
        'id,title,published,source,text\nc1,One,2024-10-19,BBC,"Line one.\nLine two, with comma."\n'
        "c2,Two,,,Short.\n",
        [{"id": "c1", "title": "One", "published": date(2024, 10, 19), "source": "BBC", "url": None,
          "text": "Line one.\nLine two, with comma."},
         {"id": "c2", "title": "Two", "published": None, "source": None, "url": None, "text": "Short."}],
        id="csv-text-column"),
]


@pytest.mark.parametrize("name, content, expected", FORMATS)
def test_each_format_loads_into_documents(tmp_path, name, content, expected):
    write(tmp_path, name, content)
    docs, errors = load(tmp_path)
    assert errors == []
    assert [summary(d) for d in docs] == expected


def test_csv_with_another_text_column(tmp_path):
    write(tmp_path, "t.csv", "id,body\nx,The body text.\n")
    docs, errors = load(tmp_path, text_column="body")
    assert errors == [] and [(d.id, d.text) for d in docs] == [("x", "The body text.")]


def test_seed_corpus_gets_its_metadata_from_the_sidecar():
    docs, errors = load(SEEDS)
    assert errors == []
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.id, doc.published, doc.source) == ("000_55edb76f28711d65", date(2024, 10, 21), "Reuters")
    assert doc.title.startswith("South Korea summons Russian envoy")
    assert doc.meta["dateline"] == "Seoul, South Korea"
    assert doc.text == (SEEDS / "000_55edb76f28711d65.txt").read_text(encoding="utf-8")


SIDECAR_CASES = [
    pytest.param(
        {"a.txt": "Headline A\nBody.\n"},
        "file,published,source\na.txt,2024-10-21,Reuters\n",
        {"a": ("Headline A", date(2024, 10, 21), "Reuters")},
        id="fills-date-and-source"),
    pytest.param(
        {"a.md": "---\npublished: 2024-01-02\n---\nBody.\n"},
        "file,published,source\na.md,2024-10-21,Reuters\n",
        {"a": (None, date(2024, 1, 2), "Reuters")},
        id="the-file-itself-wins"),
    pytest.param(
        {"a.txt": "Guessed headline\nBody.\n"},
        "file,title\na.txt,Title from the sidecar\n",
        {"a": ("Title from the sidecar", None, None)},
        id="sidecar-title-beats-guessed-headline"),
    pytest.param(
        {"a.txt": "Headline\nBody.\n"},
        "file,id,source\na.txt,wire-123,AP\n",
        {"wire-123": ("Headline", None, "AP")},
        id="sidecar-id-renames-file-article"),
    pytest.param(
        {"feed.jsonl": '{"id": "j1", "text": "One."}\n{"id": "j2", "text": "Two.", "source": "Own"}\n'},
        "id,source,published\nj1,AP,2024-10-20\nj2,AP,2024-10-20\n",
        {"j1": (None, date(2024, 10, 20), "AP"), "j2": (None, date(2024, 10, 20), "Own")},
        id="jsonl-records-matched-by-id"),
]


@pytest.mark.parametrize("files, sidecar, expected", SIDECAR_CASES)
def test_metadata_sidecar(tmp_path, files, sidecar, expected):
    for name, content in files.items():
        write(tmp_path, name, content)
    write(tmp_path, "metadata.csv", sidecar)
    docs, errors = load(tmp_path)
    assert errors == []
    assert {d.id: (d.title, d.published, d.source) for d in docs} == expected


@pytest.mark.parametrize("own, fallback, expected", [
    pytest.param(None, "2024-10-21", date(2024, 10, 21), id="fallback-used"),
    pytest.param("2024-01-02", "2024-10-21", date(2024, 1, 2), id="own-date-wins"),
    pytest.param(None, None, None, id="no-date-at-all"),
])
def test_fallback_published(tmp_path, own, fallback, expected):
    record = {"id": "x", "text": "Body."} | ({"published": own} if own else {})
    write(tmp_path, "a.jsonl", json.dumps(record) + "\n")
    docs, errors = load(tmp_path, published=fallback)
    assert errors == [] and docs[0].published == expected


def test_folder_is_searched_recursively_in_sorted_order_skipping_hidden_and_readme(tmp_path):
    write(tmp_path, "b/2.txt", "Two\n")
    write(tmp_path, "a/1.txt", "One\n")
    write(tmp_path, "README.md", "# About this corpus\n")
    write(tmp_path, ".hidden.txt", "Hidden\n")
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    docs, errors = load(tmp_path)
    assert errors == [] and [d.id for d in docs] == ["1", "2"]


# --------------------------------------------------------------------------- offsets: text exactly as read

@pytest.mark.parametrize("name, raw, expected_text", [
    pytest.param("crlf.txt", b"Headline\r\nBody one.\r\n\r\nBody two.\r\n",
                 "Headline\r\nBody one.\r\n\r\nBody two.\r\n", id="crlf-kept"),
    pytest.param("bom.txt", b"\xef\xbb\xbfHeadline\nBody.\n", "Headline\nBody.\n", id="utf8-bom-dropped"),
    pytest.param("ws.txt", "  Headline  \n\tBody\u00a0text.  \n".encode(),
                 "  Headline  \n\tBody\u00a0text.  \n", id="whitespace-kept"),
    pytest.param("fm.md", b"---\r\ntitle: T\r\n---\r\nBody.\r\n", "Body.\r\n", id="crlf-front-matter"),
    pytest.param("c.csv", b'id,text\r\nx,"A\r\nB"\r\n', "A\r\nB", id="crlf-inside-csv-field"),
    pytest.param("j.jsonl", b'{"id": "x", "text": "A\\r\\nB"}\r\n', "A\r\nB", id="crlf-inside-json-string"),
])
def test_text_is_kept_exactly(tmp_path, name, raw, expected_text):
    write(tmp_path, name, raw)
    docs, errors = load(tmp_path)
    assert errors == []
    assert docs[0].text == expected_text


def test_mentions_are_spans_into_the_text():
    doc = document_from_record({"id": "a", "text": "Kim said so.", "mentions": [{"start": 0, "end": 3}]})
    assert doc.mentions == (Span(0, 3),)
    assert doc.text[doc.mentions[0].start:doc.mentions[0].end] == "Kim"


# --------------------------------------------------------------------------- errors: file, line, problem, hint

ERROR_CASES = [
    pytest.param("empty.txt", b"   \n\n", None, "empty file", "remove it", id="empty-file"),
    pytest.param("bin.txt", b"GIF89a\x00\x01\x02\x00", None, "binary file", "plain-text", id="binary"),
    pytest.param("latin.txt", "Headline\nCaf\u00e9 cr\u00e8me\n".encode("latin-1"), 2, "not valid utf-8",
                 "--encoding latin-1", id="latin-1-text"),
    pytest.param("win.txt", "Headline\n\u201cQuoted\u201d text\n".encode("cp1252"), 2, "not valid utf-8",
                 "--encoding cp1252", id="cp1252-text"),
    pytest.param("date.md", b"---\npublished: 21/10/2024\n---\nBody.\n", None, "unreadable date",
                 "ISO 8601", id="unreadable-date"),
    pytest.param("fm.md", b"---\ntitle: never closed\nBody.\n", 1, "never closed", "---", id="unclosed-front-matter"),
    pytest.param("bad.csv", b"id,body\nx,Text.\n", 1, "no 'text' column", "text_column", id="csv-without-text"),
    pytest.param("only.md", b"---\ntitle: T\n---\n\n  \n", 4, "no article text", None, id="front-matter-only"),
]


@pytest.mark.parametrize("name, raw, line, problem, hint", ERROR_CASES)
def test_bad_file_is_reported_with_file_line_and_hint(tmp_path, name, raw, line, problem, hint):
    path = write(tmp_path, name, raw)
    docs, errors = load(tmp_path)
    assert docs == []
    assert len(errors) == 1
    error = errors[0]
    assert error.path == str(path)
    assert error.line == line
    assert problem in error.problem.lower()
    if hint:
        assert hint in (error.hint or "")
    assert str(path) in str(error)


def test_bad_json_line_is_reported_and_the_rest_of_the_file_kept(tmp_path):
    path = write(tmp_path, "feed.jsonl", '{"id": "a", "text": "One."}\n{"id": "b", "text": \n'
                                         '["not", "an", "object"]\n{"id": "c", "text": "Three."}\n')
    docs, errors = load(tmp_path)
    assert [d.id for d in docs] == ["a", "c"]
    assert [(e.path, e.line) for e in errors] == [(str(path), 2), (str(path), 3)]
    assert "not valid JSON" in errors[0].problem and "one JSON object" in errors[0].hint
    assert "must be an object" in errors[1].problem


@pytest.mark.parametrize("records, problem", [
    pytest.param([{"id": "x"}], "no 'text'", id="no-text"),
    pytest.param([{"id": "x", "text": "  "}], "empty article text", id="blank-text"),
    pytest.param([{"id": "x", "text": "abc", "mentions": [{"start": 2, "end": 9}]}], "outside the text",
                 id="mention-outside-text"),
    pytest.param([{"id": "x", "text": "abc", "published": "yesterday"}], "unreadable date", id="bad-date"),
])
def test_bad_jsonl_record_is_reported_with_its_line(tmp_path, records, problem):
    lines = ['{"id": "ok", "text": "Fine."}'] + [json.dumps(r) for r in records]
    path = write(tmp_path, "f.jsonl", "\n".join(lines) + "\n")
    docs, errors = load(tmp_path)
    assert [d.id for d in docs] == ["ok"]
    assert [(e.path, e.line) for e in errors] == [(str(path), 2)]
    assert problem in errors[0].problem


def test_duplicate_ids_are_reported_and_the_first_kept(tmp_path):
    write(tmp_path, "a/story.txt", "First\nBody.\n")
    dup = write(tmp_path, "b/story.md", "Second\n")
    write(tmp_path, "c.jsonl", '{"id": "j", "text": "One."}\n{"id": "j", "text": "Two."}\n')
    docs, errors = load(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("story", "First\nBody.\n"), ("j", "One.")]
    assert [(e.path, e.line, e.id) for e in errors] == [(str(dup), None, "story"),
                                                        (str(tmp_path / "c.jsonl"), 2, "j")]
    assert all("duplicate id" in e.problem and "unique" in e.hint for e in errors)
    assert "first seen in" in errors[0].problem


def test_unreadable_date_in_sidecar_points_at_the_sidecar_line(tmp_path):
    write(tmp_path, "a.txt", "Headline\nBody.\n")
    write(tmp_path, "b.txt", "Headline\nBody.\n")
    sidecar = write(tmp_path, "metadata.csv", "file,published\na.txt,2024-10-21\nb.txt,October 21\n")
    docs, errors = load(tmp_path)
    assert [d.id for d in docs] == ["a"]
    assert [(e.path, e.line, e.id) for e in errors] == [(str(sidecar), 3, "b")]
    assert "unreadable date" in errors[0].problem


@pytest.mark.parametrize("paths", [
    pytest.param(["does/not/exist"], id="missing-path"),
    pytest.param(["seeds-missing", "also-missing.txt"], id="several-missing"),
])
def test_missing_path_raises_with_the_path(tmp_path, paths):
    with pytest.raises(CorpusError) as info:
        load([tmp_path / p for p in paths])
    assert str(tmp_path / paths[0]) in str(info.value)
    assert "no such file or folder" in str(info.value)
    assert info.value.hint == "check the path"


def test_empty_folder_raises(tmp_path):
    with pytest.raises(CorpusError, match="folder holds no articles"):
        load(tmp_path)


def test_corpus_run_skips_a_bad_article_and_keeps_the_rest(tmp_path):
    write(tmp_path, "1.txt", "Good one\nBody.\n")
    write(tmp_path, "2.txt", b"\x00\x01binary")
    write(tmp_path, "3.txt", "Good two\nBody.\n")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["1", "3"]
    assert len(corpus) == 2
    assert [(Path(e.path).name, e.problem.split(" (")[0]) for e in corpus.errors] == [("2.txt", "binary file")]


def test_strict_corpus_raises_on_the_first_bad_article(tmp_path):
    write(tmp_path, "1.txt", b"")
    with pytest.raises(CorpusError, match="empty file"):
        load_corpus(tmp_path, strict=True)


def test_bad_fallback_date_raises():
    with pytest.raises(CorpusError, match="--published"):
        load(SEEDS, published="21.10.2024")


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("value, expected", [
    ("2024-10-21", date(2024, 10, 21)),
    (" '2024-10-21' ", date(2024, 10, 21)),
    ("2024-10-21T10:15:00Z", datetime(2024, 10, 21, 10, 15, tzinfo=timezone.utc)),
    ("2024-10-21T10:15:00", datetime(2024, 10, 21, 10, 15)),
    ("", None),
    (None, None),
    (date(2024, 1, 1), date(2024, 1, 1)),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["21/10/2024", "2024-13-01", "Monday", 20241021])
def test_parse_published_rejects_with_a_hint(value):
    with pytest.raises(CorpusError) as info:
        parse_published(value, path="x.csv", line=4)
    assert (info.value.path, info.value.line) == ("x.csv", 4)
    assert "2024-10-21" in info.value.hint
