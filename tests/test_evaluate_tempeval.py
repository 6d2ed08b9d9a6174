"""Tests for toolkit.evaluate.tempeval on small synthetic TimeML files (no corpus needed)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from toolkit.evaluate.tempeval import TmlError, evaluate, main, read_tml, score
from toolkit.time.timex import Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-11" temporalFunction="false" functionInDocument="CREATION_TIME">19980211</TIMEX3></DCT>
<TEXT>
Smith &amp; Co. <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-10">yesterday</TIMEX3> that profits rose in <TIMEX3 tid="t2" type="DATE" value="1997-Q4">the fourth quarter</TIMEX3>.
The plan runs for <TIMEX3 tid="t3" type="DURATION" value="P3Y" mod="APPROX">about three years</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tml_file(tmp_path):
    path = tmp_path / "corpus" / "doc1.tml"
    path.parent.mkdir()
    path.write_text(TML, encoding="utf-8")
    return path


def tx(start: int, end: int, type_: str = "DATE", value: str = "1998") -> Timex:
    return Timex(start, end, "x" * (end - start), type_, value)


def test_read_tml_strips_tags_and_decodes_entities(tml_file):
    doc = read_tml(tml_file)
    assert doc.id == "TEST0001"
    assert doc.dct == date(1998, 2, 11)
    assert "Smith & Co. said yesterday" in doc.text
    assert "<" not in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-02-10"), ("the fourth quarter", "DATE", "1997-Q4"),
        ("about three years", "DURATION", "P3Y")]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert doc.timexes[2].mod == "APPROX"


def test_read_tml_datetime_dct(tmp_path):
    path = tmp_path / "d.tml"
    path.write_text(TML.replace('value="1998-02-11"', 'value="1998-02-11T10:30:00"'), encoding="utf-8")
    assert read_tml(path).dct == datetime(1998, 2, 11, 10, 30)


def test_read_tml_malformed_names_file(tmp_path):
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>unclosed <TIMEX3 type='DATE'></TEXT>", encoding="utf-8")
    with pytest.raises(TmlError) as err:
        read_tml(path)
    assert "bad.tml" in str(err.value) and "XML" in str(err.value)


def test_read_tml_without_text_element(tmp_path):
    path = tmp_path / "empty.tml"
    path.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(TmlError, match="no <TEXT>"):
        read_tml(path)


def test_score_exact_match():
    gold = [[tx(0, 5), tx(10, 15, "DURATION", "P3Y")]]
    fig = score(gold, gold)
    for key in ("strict_f1", "relaxed_f1", "type_f1", "value_f1"):
        assert fig[key] == pytest.approx(100.0)


def test_score_overlap_counts_only_as_relaxed():
    fig = score([[tx(0, 10)]], [[tx(5, 15)]])
    assert fig["strict_f1"] == 0.0
    assert fig["relaxed_f1"] == pytest.approx(100.0)
    assert fig["value_f1"] == pytest.approx(100.0)


def test_score_wrong_value_and_type():
    gold = [[tx(0, 5, "DATE", "1998"), tx(10, 15, "DATE", "1998-Q4")]]
    pred = [[tx(0, 5, "DATE", "1997"), tx(10, 15, "DURATION", "1998-Q4")]]
    fig = score(gold, pred)
    assert fig["strict_f1"] == pytest.approx(100.0)
    assert fig["type_f1"] == pytest.approx(50.0)
    assert fig["value_f1"] == pytest.approx(50.0)


def test_score_is_one_to_one_and_counts_misses_and_false_positives():
    gold = [[tx(0, 10), tx(20, 25)]]
    pred = [[tx(0, 4), tx(5, 10), tx(40, 45)]]        # two pieces of one gold, one stray
    fig = score(gold, pred)
    assert fig["relaxed_p"] == pytest.approx(100 / 3)  # 1 of 3 system timexes matched
    assert fig["relaxed_r"] == pytest.approx(50.0)     # 1 of 2 gold timexes found
    assert fig["strict_f1"] == 0.0


def test_score_empty_and_mismatched_lengths():
    assert score([[]], [[]])["relaxed_f1"] == 0.0
    with pytest.raises(ValueError):
        score([[]], [])


def test_evaluate_runs_tagger_and_reports_speed(tml_file):
    fig = evaluate(tml_file.parent)
    assert fig["documents"] == 1 and fig["gold"] == 3
    assert fig["words"] > 10 and fig["words_per_s"] > 0
    assert fig["relaxed_f1"] > 0


def test_main_prints_table_and_errors(tml_file, capsys):
    assert main([str(tml_file.parent), "--errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "HeidelTime 2.2.1" in out and "value" in out and "words/s" in out


def test_main_missing_path_is_one_line_error(tmp_path, capsys):
    assert main([str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("tempeval:") and "\n" not in err


def test_main_prints_each_part_besides_the_total(tmp_path, capsys):
    """A corpus with sub-folders (AQUAINT, TimeBank) is scored as a whole and by part."""
    for part in ("AQUAINT", "TimeBank"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "doc1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "TimeBank" / "doc2.tml").write_text(TML.replace('value="1998-02-10"', 'value="1998-02-09"'),
                                                    encoding="utf-8")
    fig = evaluate(tmp_path)
    assert fig["documents"] == 3 and sorted(fig["parts"]) == ["AQUAINT", "TimeBank"]
    assert fig["parts"]["AQUAINT"]["documents"] == 1 and fig["parts"]["TimeBank"]["gold"] == 6
    assert fig["parts"]["AQUAINT"]["value_f1"] > fig["parts"]["TimeBank"]["value_f1"]
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert lines["AQUAINT"][1:3] == ["1", "3"] and lines["TimeBank"][1:3] == ["2", "6"]


def test_single_folder_has_no_parts(tml_file, capsys):
    assert evaluate(tml_file.parent)["parts"] == {}
    assert main([str(tml_file.parent)]) == 0
    assert "by part" not in capsys.readouterr().out
