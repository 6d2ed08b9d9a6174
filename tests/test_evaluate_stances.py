"""The stance scorer: name matching, the reading reader and its errors, and the figures on a tiny reading."""
from __future__ import annotations

import pytest

from toolkit.evaluate import stances as st
from toolkit.evaluate.stances import (ArticleReading, GoldSentence, GoldStance, ReadingError, SysStance, names_actor,
                                      read_reading, score, system_stances)

TEXT = "Trump attacked Clinton. Obama praised Clinton. Kaine thanked Obama and Warren."
SENTENCES = ["Trump attacked Clinton.", "Obama praised Clinton.", "Kaine thanked Obama and Warren."]
SENT_HEADER = "sentence\tstart\tend\ttext\n"
STANCE_HEADER = "sentence\tholder\ttarget\tpolarity\tevidence\n"


def _spans() -> list[tuple[int, int]]:
    out, at = [], 0
    for s in SENTENCES:
        start = TEXT.index(s, at)
        out.append((start, start + len(s)))
        at = start + len(s)
    return out


def _sentences() -> dict[int, GoldSentence]:
    return {n: GoldSentence(n, a, b, TEXT[a:b]) for n, (a, b) in enumerate(_spans(), start=1)}


def _sys(n: int, holder: str, target: str, polarity: str) -> SysStance:
    a, b = _spans()[n - 1]
    return SysStance(a, b, holder, target, polarity)


GOLD_A = (GoldStance(1, "Donald Trump", "Hillary Clinton", "negative", "attacked"),
          GoldStance(2, "Barack Obama", "Hillary Clinton", "positive", "praised"),
          GoldStance(3, "Tim Kaine", "Barack Obama", "positive", "thanked"),
          GoldStance(3, "Tim Kaine", "Elizabeth Warren", "positive", "thanked"))


def _write_reading(root, stances: str = "1\tDonald Trump\tHillary Clinton\tnegative\tattacked\n") -> None:
    lines = "".join(f"{n}\t{s.start}\t{s.end}\t{s.text}\n" for n, s in _sentences().items())
    (root / "a.sentences.tsv").write_text(SENT_HEADER + lines, encoding="utf-8")
    (root / "a.stances.tsv").write_text(STANCE_HEADER + stances, encoding="utf-8")


@pytest.mark.parametrize("name, gold, expected", [
    ("Donald Trump", "Donald Trump", True),
    ("Trump", "Donald Trump", True),                        # a surname alone, as a person
    ("Mr. Trump", "Donald Trump", True),                    # honorifics are dropped
    ("Melania Trump", "Donald Trump", False),               # another given name
    ("Washington Post", "The Washington Post", True),       # as an organisation
    ("Democrats", "House Democrats", True),                 # one name's words in the other's
    ("Trump campaign", "Trump campaign|Donald Trump", True),
    ("Donald Trump", "Trump campaign|Donald Trump", True),  # an accepted alternative
    ("Patrick Leahy", "Charles E. Grassley and Patrick J. Leahy", True),  # a member of a group
    ("Russia", "Russia", True),
    ("China", "Russia", False),
    ("he", "Tim Kaine", False),                             # an unresolved mention names nobody
    (None, "Tim Kaine", False),
])
def test_names_actor(name, gold, expected):
    assert names_actor(name, gold) is expected


def test_score_precision_recall_polarity_and_pair_f1():
    reading = {"a": ArticleReading(_sentences(), GOLD_A),
               "b": ArticleReading(_sentences(), (GoldStance(1, "Donald Trump", "Hillary Clinton", "negative", ""),))}
    systems = {"a": [_sys(1, "Trump", "Clinton", "negative"),                   # match
                     _sys(1, "Donald Trump", "Hillary Clinton", "negative"),    # the same gold again: one-to-one
                     _sys(2, "Barack Obama", "Hillary Clinton", "negative"),    # match, wrong polarity
                     _sys(3, "Kaine", "Warren", "positive"),                    # match
                     _sys(2, "Tim Kaine", "Barack Obama", "positive")],         # wrong sentence
               "b": []}                                                         # nothing found: one miss
    figures, counts = score(systems, reading)
    assert (figures["articles"], figures["gold"], figures["system"], figures["matched"]) == (2, 5, 5, 3)
    assert figures["precision"] == pytest.approx(60.0)
    assert figures["recall"] == pytest.approx(60.0)
    assert figures["f1"] == pytest.approx(60.0)
    assert figures["polarity"] == pytest.approx(200 / 3)
    # pairs: a has 4 gold triples; the system's are DT-HC-neg (twice), BO-HC-neg (no gold triple: itself),
    # TK-EW-pos, TK-BO-pos (the sentence does not matter) -> 3 of 4; b: 0 of 0 system, 1 gold
    assert (figures["pair_tp"], figures["pair_pred"], figures["pair_gold"]) == (3, 4, 5)
    assert figures["pair_precision"] == pytest.approx(75.0)
    assert figures["pair_recall"] == pytest.approx(60.0)
    assert figures["pair_f1"] == pytest.approx(200 / 3)
    assert [(a, s.holder) for a, s in counts.false_positives] == [("a", "Donald Trump"), ("a", "Tim Kaine")]
    assert [(a, g.sentence, g.target) for a, g, _ in counts.missed] == [("a", 3, "Barack Obama"),
                                                                         ("b", 1, "Hillary Clinton")]


def test_matching_prefers_the_same_polarity_and_spans_overlapping_sentences():
    reading = {"a": ArticleReading(_sentences(), (GoldStance(2, "Barack Obama", "Hillary Clinton", "positive", ""),))}
    a, _ = _spans()[0]
    _, b = _spans()[1]
    wide = SysStance(a, b, "Obama", "Clinton", "negative")    # a system sentence over gold sentences 1 and 2
    systems = {"a": [wide, _sys(2, "Obama", "Clinton", "positive")]}
    figures, counts = score(systems, reading)
    assert figures["matched"] == 1 and figures["polarity"] == 100.0
    assert [s for _, s in counts.false_positives] == [wide]
    figures, _ = score({"a": [wide]}, reading)
    assert figures["matched"] == 1 and figures["polarity"] == 0.0


def test_nothing_found_gives_zeros_not_errors():
    figures, _ = score({"a": []}, {"a": ArticleReading(_sentences(), GOLD_A)})
    assert (figures["precision"], figures["recall"], figures["f1"], figures["pair_f1"]) == (0.0, 0.0, 0.0, 0.0)
    assert figures["polarity"] is None


def test_system_stances_keeps_actor_pairs_with_a_polarity():
    rec = {"text": TEXT, "sentences": [{"start": a, "end": b} for a, b in _spans()],
           "stances": [
               {"source": {"text": "Trump", "actor": "Donald Trump"}, "target": {"text": "Clinton", "actor": None},
                "polarity": "negative", "cue": {"start": 6, "end": 14, "text": "attacked"}, "sentence": 0},
               {"source": None, "target": {"text": "Clinton", "actor": "Hillary Clinton"},
                "polarity": "positive", "cue": None, "sentence": 1},
               {"source": {"text": "Kaine", "actor": "Tim Kaine"}, "target": {"text": "Obama", "actor": "Barack Obama"},
                "polarity": "neutral", "cue": None, "sentence": 2}]}
    (only,) = system_stances(rec)
    assert (only.holder, only.target, only.polarity, only.cue) == ("Donald Trump", "Clinton", "negative", "attacked")
    assert (only.start, only.end, only.text) == (*_spans()[0], SENTENCES[0])


def test_read_reading(tmp_path):
    _write_reading(tmp_path)
    reading = read_reading(tmp_path)
    assert list(reading) == ["a"]
    assert reading["a"].sentences == _sentences()
    assert reading["a"].stances == (GoldStance(1, "Donald Trump", "Hillary Clinton", "negative", "attacked"),)


@pytest.mark.parametrize("stances, message", [
    ("1\tDonald Trump\tHillary Clinton\tnegative\n", r"a\.stances\.tsv, line 2: 4 columns, expected 5"),
    ("one\tDonald Trump\tHillary Clinton\tnegative\tx\n", r"line 2: sentence 'one' is not a number"),
    ("9\tDonald Trump\tHillary Clinton\tnegative\tx\n", r"line 2: sentence 9 is not in the sentences file"),
    ("1\tDonald Trump\tHillary Clinton\tneutral\tx\n", r"line 2: polarity 'neutral'"),
    ("\n1\tDonald Trump\t\tnegative\tx\n", r"line 3: the holder and the target must both be given"),
])
def test_reading_errors_name_the_file_and_line(tmp_path, stances, message):
    _write_reading(tmp_path, stances)
    with pytest.raises(ReadingError, match=message):
        read_reading(tmp_path)


def test_reading_errors_for_header_and_folders(tmp_path):
    _write_reading(tmp_path)
    (tmp_path / "a.stances.tsv").write_text("sentence\tholder\ttarget\n", encoding="utf-8")
    with pytest.raises(ReadingError, match=r"a\.stances\.tsv, line 1: expected the header"):
        read_reading(tmp_path)
    (tmp_path / "a.sentences.tsv").unlink()
    with pytest.raises(ReadingError, match=r"no a\.sentences\.tsv beside it"):
        read_reading(tmp_path)
    with pytest.raises(ReadingError, match="no such folder"):
        read_reading(tmp_path / "missing")
    with pytest.raises(ReadingError, match="no ARTICLE.stances.tsv"):
        read_reading((tmp_path / "empty").mkdir() or tmp_path / "empty")


def _fake_record(article: str, text: str) -> dict:
    a, b = _spans()[0]
    return {"text": text, "sentences": [{"start": a, "end": b}],
            "stances": [{"source": {"text": "Trump", "actor": "Donald Trump"},
                         "target": {"text": "Clinton", "actor": "Hillary Clinton"},
                         "polarity": "negative", "cue": None, "sentence": 0}]}


def test_evaluate_and_main(tmp_path, monkeypatch, capsys):
    reading, texts = tmp_path / "reading", tmp_path / "text"
    reading.mkdir()
    texts.mkdir()
    _write_reading(reading)
    (texts / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(st, "annotate_text", _fake_record)
    figures = st.evaluate(texts, reading)
    assert (figures["articles"], figures["matched"], figures["f1"], figures["pair_f1"]) == (1, 1, 100.0, 100.0)
    assert st.main([str(texts), "--gold", str(reading), "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert "pair F1" in out and "13.6" in out and "missed gold stances: 0" in out
    assert st.main([str(tmp_path / "nope"), "--gold", str(reading)]) == 2
    assert "no such folder" in capsys.readouterr().err
    (texts / "a.txt").write_text("Another text altogether, longer than the first one was.", encoding="utf-8")
    assert st.main([str(texts), "--gold", str(reading)]) == 2
    assert "sentence 1 (0-23) does not match the text file" in capsys.readouterr().err


def test_evaluate_runs_the_toolkit_on_a_tiny_text(tmp_path):
    reading, texts = tmp_path / "reading", tmp_path / "text"
    reading.mkdir()
    texts.mkdir()
    _write_reading(reading)
    (texts / "a.txt").write_text(TEXT, encoding="utf-8")
    figures = st.evaluate(texts, reading)
    assert figures["articles"] == 1 and figures["gold"] == 1 and figures["missing_articles"] == []
