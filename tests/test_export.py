"""Export for correction (brat / INCEpTION, Label Studio) and scoring corrected files (evaluate brat)."""
from __future__ import annotations

import json
import re

import pytest

from toolkit.annotate import write_jsonl
from toolkit.evaluate.brat import evaluate, main as evaluate_main, read_timexes
from toolkit.evaluate.polnear import read_ann
from toolkit.export import main as export_main, run_records
from toolkit.export.brat import export_brat, record_to_ann
from toolkit.files import file_stem
from toolkit.export.labelstudio import record_to_task


@pytest.fixture(scope="module")
def seed_record(seed_annotation) -> dict:
    return seed_annotation.to_dict()


@pytest.fixture()
def exported(tmp_path, seed_record):
    out = tmp_path / "brat"
    assert export_brat([seed_record], out) == 1
    return out


def _ann(folder):
    return next(folder.glob("*.ann"))


def test_every_span_line_quotes_its_text(seed_record):
    text = seed_record["text"]
    for line in record_to_ann(seed_record).splitlines():
        if line.startswith("T"):
            _, label_where, words = line.split("\t")
            spans = [tuple(map(int, part.split())) for part in label_where.split(" ", 1)[1].split(";")]
            assert words == " ".join(text[s:e].replace("\n", " ") for s, e in spans)


def test_the_ann_file_reads_back_as_the_quotes(seed_record):
    relations = read_ann(record_to_ann(seed_record))
    cues = {(q["cue"]["start"], q["cue"]["end"]) for q in seed_record["quotes"] if q["cue"]}
    assert len(relations) == len(cues)  # quotes sharing a cue ("Russia and North Korea denied") are one
    assert all(r.content and r.cue for r in relations)


def test_export_writes_the_scheme_and_metadata(exported, seed_record):
    names = sorted(p.name for p in exported.iterdir())
    assert names == sorted([f"{file_stem(seed_record['id'])}.ann", f"{file_stem(seed_record['id'])}.txt",
                            "annotation.conf", "visual.conf", "metadata.tsv"])
    assert (exported / f"{file_stem(seed_record['id'])}.txt").read_text(encoding="utf-8") == seed_record["text"]
    assert "Attribution\tSource*:Source" in (exported / "annotation.conf").read_text()
    assert "2024-10-21" in (exported / "metadata.tsv").read_text()


def test_an_uncorrected_export_agrees_with_the_toolkit(exported):
    fig = evaluate(exported)
    assert fig["quotes"]["content_f1"] == pytest.approx(100.0)
    assert fig["quotes"]["end_to_end_f1"] == pytest.approx(100.0)
    assert fig["timexes"]["value_f1"] == pytest.approx(100.0)


def test_a_correction_moves_the_score_as_it_should(exported):
    """Delete one attribution the toolkit found (a false positive, says the corrector) and change one
    temporal value: quote precision and timex value F1 fall by exactly those items, recall stays."""
    path = _ann(exported)
    lines = path.read_text(encoding="utf-8").splitlines()
    first_event = next(line for line in lines if line.startswith("E"))
    kept = [line for line in lines if line != first_event]
    note = next(i for i, line in enumerate(kept) if "AnnotatorNotes" in line and "value=" in line)
    kept[note] = re.sub(r"value=[^;]*", "value=1999-01-01", kept[note])
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    fig = evaluate(exported)
    q, t = fig["quotes"], fig["timexes"]
    assert q["gold"] == q["predicted"] - 1
    assert q["content_r"] == pytest.approx(100.0)
    assert q["content_p"] == pytest.approx(100 * (q["predicted"] - 1) / q["predicted"])
    assert t["value_f1"] == pytest.approx(100 * (t["gold"] - 1) / t["gold"])
    assert t["strict_f1"] == pytest.approx(100.0)


def test_read_timexes_types_values_and_mods():
    ann = ("T1\tTIMEX3 0 9\tlast week\nA1\tType T1 DATE\n#1\tAnnotatorNotes T1\tvalue=2024-W42; mod=APPROX\n"
           "T2\tActor 10 13\tKim\n")
    [tx] = read_timexes(ann, "last week Kim")
    assert (tx.text, tx.type, tx.value, tx.mod) == ("last week", "DATE", "2024-W42", "APPROX")


def test_label_studio_task_regions_and_relations(seed_record):
    task = record_to_task(seed_record)
    assert task["data"]["text"] == seed_record["text"] and task["data"]["id"] == seed_record["id"]
    result = task["predictions"][0]["result"]
    regions = {r["id"]: r for r in result if r["type"] == "labels"}
    for r in regions.values():
        v = r["value"]
        assert seed_record["text"][v["start"]:v["end"]] == v["text"]
        assert v["labels"][0] in ("Source", "Cue", "Content", "Actor", "TIMEX3")
    relations = [r for r in result if r["type"] == "relation"]
    assert relations and all(r["from_id"] in regions and r["to_id"] in regions for r in relations)
    labels = [v["value"]["labels"][0] for v in regions.values()]
    assert labels.count("TIMEX3") == len(seed_record["timexes"])


def test_export_cli_from_an_annotations_file(tmp_path, seed_record, capsys):
    jsonl = tmp_path / "annotations.jsonl"
    write_jsonl(jsonl, [seed_record])
    assert export_main(["labelstudio", str(jsonl), str(tmp_path / "ls")]) == 0
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 1 and (tmp_path / "ls" / "labeling_config.xml").is_file()
    assert [r["id"] for r in run_records(tmp_path)] == [seed_record["id"]]  # a run folder with the jsonl


def test_export_cli_refuses_a_path_without_annotations(tmp_path, capsys):
    assert export_main(["brat", str(tmp_path / "nothing"), str(tmp_path / "out")]) == 2
    assert "no annotations here" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_evaluate_brat_refuses_an_empty_folder(tmp_path, capsys):
    assert evaluate_main([str(tmp_path)]) == 2
    assert "no .ann file" in capsys.readouterr().err


def test_a_record_without_its_text_exports_no_spans(seed_record):
    bare = {k: v for k, v in seed_record.items() if k != "text"}
    assert record_to_ann(bare) == ""
    assert record_to_task(bare)["predictions"][0]["result"] == []
