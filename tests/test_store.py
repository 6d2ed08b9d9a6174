"""The corpus store (toolkit.store): tables, Parquet parts, the cache, the streaming and incremental
run, the Dask engine, and frames read through DuckDB equal to frames read from records.

Articles are the seed story and short texts written for these tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit.corpus import Document, LoadError, iter_documents
from toolkit.report import frames
from toolkit.store import SCHEMAS, Store, StoreWriter, TABLES, open_store
from toolkit.store.cache import AnnotationCache, document_key, fingerprint
from toolkit.store.pipeline import annotate_to_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

TEXTS = [
    "Talks resume\n\nSeoul condemned Pyongyang on Monday. \"We will not accept this,\" Kim Hong-kyun said.",
    "Aid pledged\n\nGermany praised France for the aid plan on Tuesday, officials said.",
    "Vote delayed\n\nThe senator criticised the governor. \"It is a disgrace,\" Ann Lee told reporters on Friday.",
]


def docs(n: int = 3, *, offset: int = 0) -> list[Document]:
    return [Document(f"d{offset + i}", TEXTS[(offset + i) % len(TEXTS)]) for i in range(n)]


def table_rows(store: Store, table: str) -> list[tuple]:
    columns = [c for c in SCHEMAS[table].names]
    return [tuple(r) for r in store.frame(table, columns).itertuples(index=False)]


@pytest.fixture(scope="module")
def seed_records():
    from toolkit.annotate import annotate_records

    return [r for r in annotate_records(iter_documents([SEEDS])) if not isinstance(r, LoadError)]


def test_every_table_has_its_schema_even_when_empty(tmp_path):
    store = Store(tmp_path)
    for table in TABLES:
        assert list(store.frame(table).columns) == SCHEMAS[table].names
        assert store.count(table) == 0


def test_parts_are_written_per_batch_and_read_as_one_table(tmp_path, seed_records):
    record = seed_records[0]
    with StoreWriter(tmp_path, part_records=1) as writer:
        writer.add(record)
        writer.add({**record, "id": "copy"})
    assert len(list((tmp_path / "quotes").glob("part-*.parquet"))) == 2
    store = open_store(tmp_path)
    assert store.sql("select count(distinct document) from quotes").fetchall() == [(2,)]
    assert [r["id"] for r in store.records()] == [record["id"], "copy"]
    assert next(store.records()) == json.loads(json.dumps(record, default=str))


def test_a_part_without_its_documents_part_is_not_read(tmp_path, seed_records):
    with StoreWriter(tmp_path) as writer:
        writer.add(seed_records[0])
    # an interrupted flush: another part's quotes were written, its documents part never was
    (tmp_path / "quotes" / "part-000000.parquet").rename(tmp_path / "quotes" / "part-000007.parquet")
    (tmp_path / "documents" / "part-000000.parquet").rename(tmp_path / "documents" / "part-000007.parquet")
    import shutil

    shutil.copy(tmp_path / "quotes" / "part-000007.parquet", tmp_path / "quotes" / "part-000008.parquet")
    store = Store(tmp_path)
    assert store.count("documents") == 1
    assert store.count("quotes") == len(seed_records[0]["quotes"])


@pytest.mark.parametrize("frame, kwargs", [
    ("documents_frame", {}), ("actors_frame", {}), ("actor_counts", {}), ("quotes_frame", {"min_words": 3}),
    ("stances_frame", {}), ("timexes_frame", {}), ("timeline_frame", {}),
])
def test_frames_from_the_store_equal_frames_from_records(tmp_path, seed_records, frame, kwargs):
    with StoreWriter(tmp_path) as writer:
        writer.add_all(seed_records)
    from_store = getattr(frames, frame)(open_store(tmp_path), **kwargs)
    from_records = getattr(frames, frame)(seed_records, **kwargs)
    assert len(from_store) > 0
    pd.testing.assert_frame_equal(from_store, from_records)


def test_the_cache_key_is_the_articles_input_not_its_file():
    a = Document("a", "Kim spoke.", path="x.txt", line=3)
    assert document_key(a) == document_key(Document("a", "Kim spoke.", path="y.txt"))
    assert document_key(a) != document_key(Document("a", "Kim spoke!"))
    assert document_key(a) != document_key(Document("b", "Kim spoke."))


def test_the_fingerprint_changes_with_the_alias_table(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("alias\tcanonical\tkind\taffiliation\trequires\nBlue House\tSouth Korea\tcountry\t\t\n")
    assert fingerprint() != fingerprint(aliases=aliases)
    assert fingerprint() == fingerprint()


def test_a_rerun_annotates_nothing_and_new_articles_only_are_annotated(tmp_path):
    cache_dir = tmp_path / "cache"
    first = annotate_to_store(docs(3), tmp_path / "s1", cache=AnnotationCache(cache_dir, fingerprint="t"),
                              workers=1, batch_size=2, progress=False)
    assert (first.annotated, first.cached) == (3, 0)
    again = annotate_to_store(docs(3), tmp_path / "s2", cache=AnnotationCache(cache_dir, fingerprint="t"),
                              workers=1, batch_size=2, progress=False)
    assert (again.annotated, again.cached) == (0, 3)
    for table in ("documents", "actors", "quotes", "stances", "events"):
        assert table_rows(Store(tmp_path / "s1"), table) == table_rows(Store(tmp_path / "s2"), table)
    more = annotate_to_store(docs(3) + docs(1, offset=3), tmp_path / "s3",
                             cache=AnnotationCache(cache_dir, fingerprint="t"), workers=1, progress=False)
    assert (more.annotated, more.cached) == (1, 3)
    fresh = annotate_to_store(docs(3), tmp_path / "s4", cache=AnnotationCache(cache_dir, fingerprint="other"),
                              workers=1, progress=False)
    assert fresh.annotated == 3  # another toolkit version or alias table: nothing reused


def test_a_bad_article_is_reported_and_the_others_are_stored(tmp_path):
    bad = LoadError("bad.jsonl", 2, "x", "no text", "give a text field")
    result = annotate_to_store([*docs(1), bad, *docs(1, offset=1)], tmp_path, cache=None, workers=1,
                               progress=False)
    assert result.errors == [bad]
    assert sorted(r[0] for r in Store(tmp_path).sql("select id from documents").fetchall()) == ["d0", "d1"]


def test_a_process_pool_gives_the_tables_of_one_process(tmp_path):
    one = annotate_to_store(docs(6), tmp_path / "one", cache=None, workers=1, batch_size=2, progress=False)
    two = annotate_to_store(docs(6), tmp_path / "two", cache=None, workers=2, batch_size=2, progress=False)
    assert one.annotated == two.annotated == 6
    for table in TABLES:
        assert table_rows(Store(tmp_path / "one"), table) == table_rows(Store(tmp_path / "two"), table), table


def test_a_dask_local_cluster_gives_the_tables_of_the_local_engine(tmp_path):
    pytest.importorskip("distributed")
    local = annotate_to_store(docs(4), tmp_path / "local", cache=None, workers=1, batch_size=2, progress=False)
    dask = annotate_to_store(docs(4), tmp_path / "dask", cache=None, workers=2, engine="dask", batch_size=2,
                             progress=False)
    assert local.annotated == dask.annotated == 4
    for table in TABLES:
        assert table_rows(Store(tmp_path / "local"), table) == table_rows(Store(tmp_path / "dask"), table), table


def test_progress_lines_on_a_log(tmp_path, capsys):
    import io

    from toolkit.store.pipeline import _Progress

    log = io.StringIO()
    bar = _Progress(total=10, enabled=True, stream=log, every=0.0)
    bar.update(5, 1000)
    bar.close()
    line = log.getvalue()
    assert "5 of 10 articles" in line and "words/s" in line and "left" in line


def test_annotate_on_a_dask_local_cluster_prints_the_records_of_the_local_engine(tmp_path, capsys):
    pytest.importorskip("distributed")
    from toolkit.annotate import main

    for i, text in enumerate(TEXTS):
        (tmp_path / f"a{i}.txt").write_text(text, encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    local = capsys.readouterr().out
    assert main([str(tmp_path), "--engine", "dask", "--workers", "2"]) == 0
    assert capsys.readouterr().out == local


def test_an_unchanged_batch_is_copied_from_the_cache_not_rebuilt(tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    annotate_to_store(docs(3), tmp_path / "s1", cache=AnnotationCache(cache_dir, fingerprint="t"), workers=1,
                      batch_size=2, progress=False)

    def no_records(self, keys):
        raise AssertionError("records were read back: the part should have been copied")

    monkeypatch.setattr(AnnotationCache, "get", no_records)
    again = annotate_to_store(docs(3), tmp_path / "s2", cache=AnnotationCache(cache_dir, fingerprint="t"),
                              workers=1, batch_size=2, progress=False)
    assert (again.annotated, again.cached) == (0, 3)
    for table in TABLES:
        assert table_rows(Store(tmp_path / "s1"), table) == table_rows(Store(tmp_path / "s2"), table), table
