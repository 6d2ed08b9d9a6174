"""Nothing lost, nothing run: bad input is one reported, skipped record, and the good records beside it load.

Each case of the issue has a test that puts a bad record (or file) beside good ones and checks
that the good ones come out, and that the bad one is reported with its file, line, what is wrong
and how to fix it. The last test feeds random records through the loader and ``annotate_document``.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from toolkit import annotate
from toolkit.annotate import annotate_document, annotate_records, write_jsonl
from toolkit.corpus import (CorpusError, Document, LoadError, document_from_record, iter_documents, load_corpus,
                            read_jsonl_stream)

#: The documented default of ``max_chars`` / ``--max-chars`` (README, "Bad input").
DEFAULT_MAX_CHARS = 2_000_000


def json_line(record: dict) -> str:
    return annotate.json_line(record)

GOOD_A = {"id": "a", "text": "Kim said the talks failed."}
GOOD_C = {"id": "c", "text": "Lee left Seoul on Monday.", "published": "2024-10-21"}


def split(items) -> tuple[list[Document], list[LoadError]]:
    items = list(items)
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, LoadError)])


def jsonl_bytes(*lines: str | dict) -> bytes:
    return b"".join((json.dumps(x) if isinstance(x, dict) else x).encode("utf-8") + b"\n" for x in lines)


def run_main(monkeypatch, argv: list[str], stdin: bytes = b"") -> int:
    """``python -m toolkit annotate ARGV`` in this process, with ``stdin`` as the bytes on standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return annotate.main(argv)


def ids_of(path: Path) -> list[str]:
    data = path.read_bytes().decode("utf-8")  # the output is valid UTF-8, or this raises
    return [json.loads(line)["id"] for line in data.split("\n") if line]


# --------------------------------------------------------------------------- 1. lone surrogates

SURROGATE_LINE = '{"id": "s", "text": "Kim said \\ud800 no."}'


def test_lone_surrogate_in_a_jsonl_file_is_reported_and_the_good_records_annotated(tmp_path, monkeypatch, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl_bytes(GOOD_A, SURROGATE_LINE, GOOD_C))
    out = tmp_path / "out.jsonl"
    assert run_main(monkeypatch, [str(src), "-o", str(out)]) == 1
    assert ids_of(out) == ["a", "c"]
    err = capsys.readouterr().err
    assert f"{src}, line 2" in err and "lone surrogate U+D800" in err and "'text'" in err
    assert "fix the escaping" in err


def test_lone_surrogate_on_stdin_is_reported_and_the_good_records_printed(monkeypatch, capsysbinary):
    code = run_main(monkeypatch, ["-"], stdin=jsonl_bytes(GOOD_A, SURROGATE_LINE, GOOD_C))
    captured = capsysbinary.readouterr()
    assert code == 1
    assert [json.loads(x)["id"] for x in captured.out.decode("utf-8").splitlines()] == ["a", "c"]
    assert b"<stdin>, line 2" in captured.err and b"lone surrogate" in captured.err


def test_lone_surrogate_in_any_field_is_a_load_error():
    with pytest.raises(CorpusError, match=re.escape("field 'title' holds a lone surrogate U+DC00 at character 1")):
        document_from_record({"id": "t", "text": "Fine text.", "title": "a\udc00b"})
    # A valid pair written as two escapes is one character, and loads.
    doc = document_from_record(json.loads('{"id": "p", "text": "Kim \\ud83d\\ude00 said so."}'))
    assert doc.text == "Kim \U0001F600 said so."


# --------------------------------------------------------------------------- 2. mentions of the wrong type

def test_mentions_not_a_list_is_a_load_error_in_a_file(tmp_path):
    (tmp_path / "m.jsonl").write_bytes(jsonl_bytes(GOOD_A, {"id": "m", "text": "Kim said so.", "mentions": 5},
                                                   {"id": "n", "text": "Kim said so.", "mentions": [3]}, GOOD_C))
    docs, errors = split(iter_documents(tmp_path))
    assert [d.id for d in docs] == ["a", "c"]
    assert [(e.line, e.id) for e in errors] == [(2, "m"), (3, "n")]
    assert "field 'mentions' is int 5, expected a list of {\"start\", \"end\"} objects" in errors[0].problem
    assert '{"start": ..., "end": ...}' in errors[0].hint
    assert "mention 3 in field 'mentions' needs integer 'start' and 'end'" in errors[1].problem


def test_mentions_not_a_list_is_a_load_error_on_stdin():
    lines = jsonl_bytes(GOOD_A, {"id": "m", "text": "Kim said so.", "mentions": {"start": 0}}, GOOD_C).splitlines(True)
    docs, errors = split(read_jsonl_stream(lines))
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errors) == 1 and errors[0].line == 2 and "field 'mentions' is dict" in errors[0].problem


def test_mention_offsets_of_infinite_size_are_a_load_error():
    with pytest.raises(CorpusError, match="needs integer 'start' and 'end'"):
        document_from_record(json.loads('{"id": "x", "text": "Kim.", "mentions": [{"start": 0, "end": 1e999}]}'))


# --------------------------------------------------------------------------- 3. long CSV fields

def test_csv_field_longer_than_the_csv_modules_default_limit_loads(tmp_path):
    long_text = "Kim said so. " * 12_000  # 156,000 characters: over csv's 131,072
    (tmp_path / "c.csv").write_text(f'id,text\nshort,"Lee left."\nlong,"{long_text}"\nafter,"Moon came."\n',
                                    encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.errors == []
    assert [d.id for d in corpus] == ["short", "long", "after"]
    assert corpus.documents[1].text == long_text


def test_csv_field_is_still_bound_by_max_chars(tmp_path):
    (tmp_path / "c.csv").write_text(f'id,text\nshort,"Lee left."\nlong,"{"x" * 200_000}"\n', encoding="utf-8")
    corpus = load_corpus(tmp_path, max_chars=150_000)
    assert [d.id for d in corpus] == ["short"]
    assert corpus.errors[0].line == 3 and "200,000 characters" in corpus.errors[0].problem


# --------------------------------------------------------------------------- 4. U+2028 / U+2029 / U+0085

def test_unicode_line_separators_inside_a_jsonl_string_keep_the_record_whole(tmp_path):
    text = "Kim said\u2028the talks\u2029failed\x85today."
    raw = (json.dumps({"id": "u", "text": text}, ensure_ascii=False).encode("utf-8") + b"\r\n"
           + jsonl_bytes(GOOD_A, "not json", GOOD_C))
    (tmp_path / "u.jsonl").write_bytes(raw)
    docs, errors = split(iter_documents(tmp_path))
    assert [d.id for d in docs] == ["u", "a", "c"]
    assert docs[0].text == text and docs[0].line == 1 and docs[2].line == 4
    assert [e.line for e in errors] == [3]  # the line an editor shows


def test_write_jsonl_escapes_line_and_paragraph_separators(tmp_path):
    records = [{"id": "u", "text": "a\u2028b\u2029c\x85d"}, {"id": "v", "text": "plain"}]
    out = tmp_path / "out.jsonl"
    write_jsonl(out, records)
    data = out.read_bytes()
    assert "\u2028".encode() not in data and "\u2029".encode() not in data
    lines = data.decode("utf-8").splitlines()  # splits on U+0085 too? only where it is raw
    assert [json.loads(x) for x in data.decode("utf-8").split("\n") if x] == records
    assert json_line(records[0]).count("\n") == 1
    assert len([x for x in lines if x]) >= 2


# --------------------------------------------------------------------------- 5. non-UTF-8 bytes on stdin

BAD_BYTES = b'{"id": "b", "text": "Caf\xe9 owner Kim said so."}\n'


def test_undecodable_stdin_line_is_skipped_and_reported_the_rest_printed(monkeypatch, capsysbinary):
    stdin = jsonl_bytes(GOOD_A) + BAD_BYTES + jsonl_bytes(GOOD_C)
    code = run_main(monkeypatch, ["-"], stdin=stdin)
    captured = capsysbinary.readouterr()
    assert code == 1  # a skipped record: exit 1, as the README says
    out = captured.out.decode("utf-8")  # valid UTF-8
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["a", "c"]
    assert b"<stdin>, line 2: not valid utf-8 text (byte 0xe9" in captured.err
    assert b"--encoding latin-1" in captured.err


def test_undecodable_stdin_line_with_output_file(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    code = run_main(monkeypatch, ["-", "-o", str(out)], stdin=jsonl_bytes(GOOD_A) + BAD_BYTES + jsonl_bytes(GOOD_C))
    assert code == 1
    assert ids_of(out) == ["a", "c"]
    assert "line 2" in capsys.readouterr().err


def test_stdin_is_decoded_with_the_given_encoding(monkeypatch, capsysbinary):
    code = run_main(monkeypatch, ["-", "--encoding", "latin-1"],
                    stdin=jsonl_bytes(GOOD_A) + BAD_BYTES + jsonl_bytes(GOOD_C))
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert code == 0
    records = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c"] and records[1]["text"].startswith("Café")


def test_utf16_stdin_is_read_whole():
    data = jsonl_bytes(GOOD_A, GOOD_C).decode("utf-8").encode("utf-16")
    docs, errors = split(read_jsonl_stream([data[i:i + 7] for i in range(0, len(data), 7)], encoding="utf-16"))
    assert errors == [] and [d.id for d in docs] == ["a", "c"]


# --------------------------------------------------------------------------- 6. dates at the calendar's ends

@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "0999-12-31T23:00:00", "3000-01-01"])
def test_out_of_range_publication_date_is_a_load_error(tmp_path, published):
    (tmp_path / "d.jsonl").write_bytes(jsonl_bytes(GOOD_A, {"id": "d", "text": "Kim left yesterday.",
                                                            "published": published}, GOOD_C))
    docs, errors = split(iter_documents(tmp_path))
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errors) == 1 and errors[0].line == 2 and errors[0].id == "d"
    assert "is outside 1000-01-01..2999-12-31" in errors[0].problem and errors[0].hint


def test_range_ends_are_accepted():
    assert document_from_record({"id": "x", "text": "t", "published": "1000-01-01"}).published == date(1000, 1, 1)
    assert document_from_record({"id": "x", "text": "t", "published": "2999-12-31"}).published == date(2999, 12, 31)


TIME_TEXT = ("Kim said on Monday that the talks failed yesterday. Last week he met Lee; next year they meet "
             "again. The summit was in June and resumes tomorrow. Two days later he left. Last winter was cold; "
             "the third quarter was weak. He spoke last month, before 1990 and after next winter.")


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), date(9999, 12, 27)])
def test_time_analyses_do_not_overflow_near_the_calendars_ends(published):
    from toolkit.time.timeline import timeline

    items = [Document(id="a", text=GOOD_A["text"]), Document(id="x", text=TIME_TEXT, published=published),
             Document(id="c", text=GOOD_C["text"], published=date(2024, 10, 21))]
    records = list(annotate_records(items))
    assert [r["id"] for r in records if isinstance(r, dict)] == ["a", "x", "c"], records
    assert records[1]["timexes"] and timeline(records)


# --------------------------------------------------------------------------- 7. the size limit

def test_article_over_max_chars_is_reported_and_skipped(tmp_path):
    (tmp_path / "big.txt").write_text("Headline\n" + "Kim said so. " * 20, encoding="utf-8")
    (tmp_path / "good.txt").write_text("Headline\nLee left.\n", encoding="utf-8")
    (tmp_path / "r.jsonl").write_bytes(jsonl_bytes(GOOD_A, {"id": "long", "text": "y" * 500}, GOOD_C))
    corpus = load_corpus(tmp_path, max_chars=200)
    assert [d.id for d in corpus] == ["good", "a", "c"]
    big, long = corpus.errors
    assert big.path.endswith("big.txt") and "269 characters, over the limit of 200" in big.problem
    assert long.line == 2 and "500 characters, over the limit of 200" in long.problem
    assert "--max-chars" in big.hint and "max_chars=" in big.hint
    assert len(load_corpus(tmp_path, max_chars=0)) == 5  # 0 lifts the limit


def test_default_size_limit_is_two_million_characters():
    from toolkit import corpus

    assert corpus.DEFAULT_MAX_CHARS == DEFAULT_MAX_CHARS
    with pytest.raises(CorpusError, match="2,000,001 characters, over the limit of 2,000,000"):
        document_from_record({"id": "x", "text": "x" * 2_000_001})


def test_file_far_over_the_limit_is_refused_before_it_is_read(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"x" * 5000)
    (tmp_path / "ok.txt").write_text("Lee left.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path, max_chars=1000)
    assert [d.id for d in corpus] == ["ok"]
    assert "file of 5,000 bytes holds more than the limit of 1,000 characters" in corpus.errors[0].problem


def test_max_chars_on_the_annotate_command_line(tmp_path, monkeypatch, capsys):
    src = tmp_path / "r.jsonl"
    src.write_bytes(jsonl_bytes(GOOD_A, {"id": "long", "text": "Kim said so. " * 10}, GOOD_C))
    out = tmp_path / "out.jsonl"
    assert run_main(monkeypatch, [str(src), "-o", str(out), "--max-chars", "100"]) == 1
    assert ids_of(out) == ["a", "c"]
    assert "over the limit of 100" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(src.read_bytes())))
    assert annotate.main(["-", "-o", str(out), "--max-chars", "100"]) == 1
    assert ids_of(out) == ["a", "c"]


def test_report_command_line_passes_max_chars_and_follow_symlinks(monkeypatch):
    from toolkit.report import run

    seen: dict = {}

    def fake_run_report(corpus, **kwargs):
        seen.update(kwargs)
        raise CorpusError(None, "stop here")

    monkeypatch.setattr(run, "run_report", fake_run_report)
    assert run.main(["seeds", "--max-chars", "5000", "--follow-symlinks"]) == 2
    assert seen["max_chars"] == 5000 and seen["follow_symlinks"] is True
    run.main(["seeds"])
    assert seen["max_chars"] == DEFAULT_MAX_CHARS and seen["follow_symlinks"] is False


# --------------------------------------------------------------------------- 8. symlinks

@pytest.fixture
def linked_corpus(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\nNot part of the corpus.\n", encoding="utf-8")
    (outside / "sub").mkdir()
    (outside / "sub" / "deep.txt").write_text("Deep\nAlso outside.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Headline\nLee left.\n", encoding="utf-8")
    (corpus / "zz.jsonl").write_bytes(jsonl_bytes(GOOD_A))
    try:
        os.symlink(outside / "secret.txt", corpus / "link.txt")
        os.symlink(outside / "sub", corpus / "linkdir")
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks on this platform")
    return corpus


def test_symlinks_inside_a_corpus_folder_are_reported_not_followed(linked_corpus):
    corpus = load_corpus(linked_corpus)
    assert [d.id for d in corpus] == ["good", "a"]
    assert sorted(Path(e.path).name for e in corpus.errors) == ["link.txt", "linkdir"]
    for error in corpus.errors:
        assert error.problem == "symlink, not followed" and "pass --follow-symlinks" in error.hint
    assert "Secret" not in {d.title for d in corpus}


def test_follow_symlinks_reads_linked_files_and_folders(linked_corpus):
    corpus = load_corpus(linked_corpus, follow_symlinks=True)
    assert corpus.errors == []
    assert sorted(d.id for d in corpus) == ["a", "deep", "good", "link"]


def test_a_symlink_given_explicitly_is_read(linked_corpus):
    corpus = load_corpus([linked_corpus / "link.txt", linked_corpus / "good.txt"])
    assert corpus.errors == [] and [d.id for d in corpus] == ["link", "good"]


def test_follow_symlinks_survives_a_symlink_loop(linked_corpus):
    os.symlink(linked_corpus, linked_corpus / "loop")
    corpus = load_corpus(linked_corpus, follow_symlinks=True)
    assert sorted(d.id for d in corpus) == ["a", "deep", "good", "link"]
    assert [Path(e.path).name for e in corpus.errors] == ["loop"]


def test_follow_symlinks_on_the_annotate_command_line(linked_corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    assert run_main(monkeypatch, [str(linked_corpus), "-o", str(out)]) == 1
    assert ids_of(out) == ["good", "a"]
    assert "symlink, not followed" in capsys.readouterr().err
    assert run_main(monkeypatch, [str(linked_corpus), "-o", str(out), "--follow-symlinks"]) == 0
    assert sorted(ids_of(out)) == ["a", "deep", "good", "link"]


# --------------------------------------------------------------------------- 9. UTF-16, NUL, HTML

ARTICLE = "Kim visits Seoul\nKim Hong-kyun said on Monday the talks failed.\n"


@pytest.mark.parametrize("encoding, written", [("utf-16", "utf-16"), ("utf-8", "utf-16"), ("utf-16-le", "utf-16-le"),
                                               ("utf-16-be", "utf-16-be")])
def test_utf16_text_is_decoded(tmp_path, encoding, written):
    (tmp_path / "w.txt").write_bytes(ARTICLE.encode(written))  # "utf-16" writes a BOM, -le/-be none
    (tmp_path / "x.jsonl").write_bytes(jsonl_bytes(GOOD_A).decode().encode(written))
    corpus = load_corpus(tmp_path, encoding=encoding)
    assert corpus.errors == []
    assert [d.id for d in corpus] == ["w", "a"]
    assert corpus.documents[0].text == ARTICLE and corpus.documents[0].title == "Kim visits Seoul"


def test_nul_byte_after_the_first_8kb_of_a_text_file_is_binary(tmp_path):
    (tmp_path / "late.txt").write_bytes(b"Headline\n" + b"Kim said so. " * 1000 + b"\x00\x01\x02")
    (tmp_path / "ok.txt").write_text("Headline\nLee left.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["ok"]
    assert corpus.errors[0].path.endswith("late.txt") and "binary file" in corpus.errors[0].problem


def test_nul_in_one_jsonl_or_csv_record_skips_only_that_record(tmp_path):
    (tmp_path / "n.jsonl").write_bytes(jsonl_bytes(GOOD_A, '{"id": "z", "text": "Kim\\u0000 said."}', GOOD_C)
                                       + b'{"id": "raw", "text": "a\x00b"}\n')
    (tmp_path / "n.csv").write_bytes(b'id,text\nq,"Moon came."\nr,"bad\x00text"\n')
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["q", "a", "c"]
    assert sorted((Path(e.path).suffix, e.line) for e in corpus.errors) == [(".csv", 3), (".jsonl", 2), (".jsonl", 4)]


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html>\n<html><head><title>Kim</title></head><body><p>Kim said so.</p></body></html>\n",
    "  <html lang='en'>\n<body>Kim said so.</body></html>",
    "<div class='a'><span>Kim</span><span>said</span><a href='x'>so</a><br/><p>.</p></div>",
])
def test_html_page_saved_as_text_is_reported(tmp_path, page):
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    (tmp_path / "page2.md").write_text("---\ntitle: T\n---\n" + page, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Headline\nUse <b>bold</b> with care, Kim said.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["ok"]
    assert sorted(Path(e.path).name for e in corpus.errors) == ["page.txt", "page2.md"]
    for error in corpus.errors:
        assert "looks like an HTML page" in error.problem and "save the article text" in error.hint


# --------------------------------------------------------------------------- property: random input

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

_ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates and NUL included
_TEXT_CHAR = st.one_of(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                       st.sampled_from(["\u2028", "\u2029", "\x85", "\r", "\n", '"', "\\", " "]))
_JUNK = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(_ANY_CHAR, max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=6)


@st.composite
def _good(draw, i: int) -> dict:
    text = "Kim said " + draw(st.text(_TEXT_CHAR, max_size=40)) + " on Monday."
    record = {"id": f"g{i}", "text": text}
    if draw(st.booleans()):
        record["published"] = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31))).isoformat()
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text) - 1))
        record["mentions"] = [{"start": start, "end": draw(st.integers(start + 1, len(text)))}]
    if draw(st.booleans()):
        record["title"] = draw(st.text(_TEXT_CHAR, max_size=10))
    return record


@st.composite
def _bad(draw, i: int) -> str | dict:
    kind = draw(st.sampled_from(["surrogate", "nul", "field", "date", "raw", "mentions"]))
    if kind == "surrogate":
        return {"id": f"b{i}", "text": "Kim said " + draw(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))}
    if kind == "nul":
        return {"id": f"b{i}", "text": "Kim\x00said"}
    if kind == "field":
        return {"id": f"b{i}", "text": draw(_JUNK.filter(lambda v: not isinstance(v, str)))}
    if kind == "date":
        return {"id": f"b{i}", "text": "Kim said so.", "published": draw(st.sampled_from(
            ["0001-01-01", "9999-12-31", "2024-13-01", "yesterday", 5, [1], True]))}
    if kind == "mentions":
        return {"id": f"b{i}", "text": "Kim said so.", "mentions": draw(_JUNK.filter(
            lambda v: v is not None and v != "" and not (isinstance(v, list) and not v)))}
    return draw(st.text(_ANY_CHAR.filter(lambda c: c != "\n"), min_size=1, max_size=20).filter(
        lambda s: s.strip() and not s.strip().startswith("{")))


@st.composite
def _corpus(draw) -> list[str | dict]:
    n = draw(st.integers(1, 4))
    items: list[str | dict] = [draw(_good(i)) for i in range(n)]
    for i in range(draw(st.integers(0, 3))):
        items.insert(draw(st.integers(0, len(items))), draw(_bad(i)))
    return items


def _line(item: str | dict) -> bytes:
    if isinstance(item, dict):  # ensure_ascii escapes a lone surrogate as \udXXX, as a producer may write it
        return json.dumps(item, ensure_ascii=True).encode("ascii")
    return item.encode("utf-8", "surrogatepass")  # raw junk: may not even be UTF-8


def _spans(value, path=()):
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield path, value
        for key, item in value.items():
            yield from _spans(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from _spans(item, path)


@hypothesis.settings(max_examples=200, deadline=None,
                     suppress_health_check=[hypothesis.HealthCheck.too_slow, hypothesis.HealthCheck.filter_too_much])
@hypothesis.given(_corpus())
def test_random_records_never_lose_a_good_one_and_every_span_is_valid(tmp_path_factory, items):
    good = [item for item in items if isinstance(item, dict) and item["id"].startswith("g")]
    raw = b"\n".join(_line(item) for item in items) + b"\n"
    folder = tmp_path_factory.mktemp("prop")
    (folder / "r.jsonl").write_bytes(raw)
    docs, errors = split(iter_documents(folder))
    assert [d.id for d in docs] == [g["id"] for g in good], errors
    assert len(docs) + len(errors) == sum(1 for line in raw.split(b"\n") if line.strip())
    for error in errors:
        assert error.line is not None and error.path and error.problem
        str(error).encode("utf-8")  # reportable
    stream_docs, _ = split(read_jsonl_stream([line + b"\n" for line in raw.split(b"\n")]))
    assert [d.id for d in stream_docs] == [d.id for d in docs]
    for doc, given in zip(docs, good):
        assert doc.text == given["text"]
        record = annotate_document(doc).to_dict()
        json_line(record).encode("utf-8")  # writable as UTF-8
        text = record["text"]
        for path, span in _spans({k: v for k, v in record.items() if k != "text"}):
            assert 0 <= span["start"] <= span["end"] <= len(text), (path, span)
            if isinstance(span.get("text"), str):
                assert text[span["start"]:span["end"]] == span["text"], (path, span)


def test_undecodable_line_in_a_jsonl_file_skips_only_that_line(tmp_path):
    (tmp_path / "b.jsonl").write_bytes(jsonl_bytes(GOOD_A) + BAD_BYTES + jsonl_bytes(GOOD_C))
    docs, errors = split(iter_documents(tmp_path))
    assert [d.id for d in docs] == ["a", "c"] and [d.line for d in docs] == [1, 3]
    assert len(errors) == 1 and errors[0].line == 2 and "not valid utf-8 text (byte 0xe9" in errors[0].problem
