"""The sentiment evaluation: readers, scoring and the command, on tiny synthetic files (no shared data)."""
from __future__ import annotations

import json

import pytest

from toolkit.evaluate import sentiment as ev
from toolkit.evaluate import sentiment_data


def _directed_file(tmp_path, lines):
    path = tmp_path / "valid.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


DIRECTED = [
    "[France] condemned [Iran] on Tuesday.\tFrance\tIran\t3",
    "[Kenya] praised [Ethiopia] for its mediation.\tKenya\tEthiopia\t1",
    "[Israel] was criticised by [Turkey] for the raid.\tIsrael\tTurkey\t4",
    "[Chile] drew praise from [Peru] for its rescue effort.\tChile\tPeru\t2",
    "[Norway] and [Denmark] held talks in Oslo.\tNorway\tDenmark\t0",
]


def test_read_directed_strips_brackets(tmp_path):
    path = _directed_file(tmp_path, DIRECTED[:1] + ["no tabs here", "[only one] entity\ta\tb\t0",
                                                    '"[Bank.""Mr Lee] met [Mr Park] today."\tx\ty\t0'])
    items, bad = ev.read_directed(path)
    assert bad == 2 and len(items) == 2
    first = items[0]
    assert first.text == "France condemned Iran on Tuesday."
    assert first.text[first.p[0]:first.p[1]] == "France" and first.text[first.q[0]:first.q[1]] == "Iran"
    assert first.label == 3
    quoted = items[1]
    assert quoted.text == 'Bank."Mr Lee met Mr Park today.'
    assert quoted.text[quoted.q[0]:quoted.q[1]] == "Mr Park"


def test_read_directed_trims_spaces_inside_brackets(tmp_path):
    items, _ = ev.read_directed(_directed_file(tmp_path, ["[ Jurors] in [Denver] met.\tJurors\tDenver\t0"]))
    assert items[0].text[items[0].p[0]:items[0].p[1]] == "Jurors"


def test_read_newsmtsc(tmp_path):
    path = tmp_path / "train.jsonl"
    records = [
        {"sentence_normalized": "Critics called Smith a liar.", "targets": [
            {"from": 15, "to": 20, "mention": "Smith", "polarity": 2.0}]},
        {"sentence_normalized": "Jones spoke.", "targets": [{"from": 0, "to": 5, "polarity": 9.0}]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n", encoding="utf-8")
    items, bad = ev.read_newsmtsc(path)
    assert len(items) == 1 and items[0].targets == ((15, 20, 2),) and bad == 2


def test_confusion_and_macro_f1():
    matrix = ev.confusion([0, 0, 1, 1], [0, 1, 1, 1], [0, 1])
    assert matrix == [[1, 1], [0, 2]]
    f1, rows = ev.macro_f1(matrix)
    assert rows[0] == pytest.approx((1.0, 0.5, 2 / 3, 2))
    assert rows[1] == pytest.approx((2 / 3, 1.0, 0.8, 2))
    assert f1 == pytest.approx((2 / 3 + 0.8) / 2)


def _stance(source, target, polarity, score):
    def party(span):
        return None if span is None else {"start": span[0], "end": span[1], "text": "", "actor": str(span),
                                          "affiliation": None}
    return {"source": party(source), "target": party(target), "topic": None, "polarity": polarity,
            "score": score, "cue": None, "sentence": 0}


@pytest.mark.parametrize("source, target, polarity, label", [
    ((0, 3), (10, 13), "positive", 1), ((10, 13), (0, 3), "positive", 2),
    ((0, 3), (10, 13), "negative", 3), ((10, 13), (0, 3), "negative", 4),
    ((0, 3), (10, 13), "neutral", 0), (None, (10, 13), "negative", 0), ((0, 3), (20, 23), "negative", 0),
])
def test_directed_label(source, target, polarity, label):
    record = {"actors": [], "stances": [_stance(source, target, polarity, 0.5 if polarity == "positive" else -0.5)]}
    assert ev.directed_label(record, (0, 3), (10, 13)) == label


def test_directed_label_takes_the_strongest():
    record = {"actors": [], "stances": [_stance((0, 3), (10, 13), "positive", 0.3),
                                        _stance((10, 13), (0, 3), "negative", -0.7)]}
    assert ev.directed_label(record, (0, 3), (10, 13)) == 4


def test_newsmtsc_label_any_holder():
    record = {"stances": [_stance(None, (5, 9), "negative", -0.4), _stance((0, 3), (5, 9), "positive", 0.6)]}
    assert ev.newsmtsc_label(record, (5, 9)) == 6
    assert ev.newsmtsc_label(record, (20, 25)) == 4


def test_vader_baselines():
    item = ev.DirectedItem("Alice loves Bob, a wonderful friend.", (0, 5), (12, 15), 1)
    assert ev.vader_directed(item) == 1
    assert ev.vader_window("The awful, terrible Smith lied again.", 20, 25) == 2


def test_predict_through_the_contract():
    items = [sentiment_data._directed_item(line) for line in DIRECTED]
    assert [ev.predict_directed(it) for it in items[:4]] == [3, 1, 4, 2]
    news = ev.NewsItem("Critics praised Smith for his wonderful courage.", ((16, 21, 6),))
    assert ev.predict_newsmtsc(news) == [6]


def test_main_directed_with_baselines(tmp_path, capsys):
    assert ev.main(["directed", str(_directed_file(tmp_path, DIRECTED)), "--baselines"]) == 0
    out = capsys.readouterr().out
    for text in ("toolkit stance", "always neutral", "VADER sentence", "macro-F1", "words/s", "15.8",
                 "confusion", "p negative to q"):
        assert text in out
    line = next(ln for ln in out.splitlines() if ln.startswith("toolkit stance "))
    assert float(line.split()[2]) == pytest.approx(100.0)


def test_main_newsmtsc(tmp_path, capsys):
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps({"sentence_normalized": "Critics praised Smith for his wonderful courage.",
                                "targets": [{"from": 16, "to": 21, "polarity": 6.0}]}) + "\n", encoding="utf-8")
    assert ev.main(["newsmtsc", str(path), "--baselines"]) == 0
    out = capsys.readouterr().out
    assert "VADER +-8 words" in out and "RoBERTa 83" in out


def test_newsmtsc_is_cross_validated(tmp_path, capsys):
    path = tmp_path / "train.jsonl"
    texts = ["Critics praised Smith for his wonderful courage.", "Critics attacked Jones for his awful lies.",
             "Reporters met Brown on Tuesday.", "Voters love Green and her brilliant plan."]
    labels = [6.0, 2.0, 4.0, 6.0]
    path.write_text("\n".join(json.dumps({"sentence_normalized": t, "targets": [
        {"from": t.index(n), "to": t.index(n) + len(n), "polarity": p}]})
        for t, n, p in zip(texts, ["Smith", "Jones", "Brown", "Green"], labels)) + "\n", encoding="utf-8")
    results, labels_order, _ = ev.evaluate("newsmtsc", path, folds=2)
    assert [r.name for r in results] == ["toolkit stance, rules", "toolkit stance, 2-fold"]
    assert all(len(r.pred) == 4 for r in results) and labels_order == [2, 4, 6]


def test_bad_path_is_one_line(tmp_path, capsys):
    assert ev.main(["directed", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err and "missing.txt" in err


def test_wrong_format_is_one_line(tmp_path, capsys):
    path = tmp_path / "x.jsonl"
    path.write_text("hello\n", encoding="utf-8")
    assert ev.main(["newsmtsc", str(path)]) == 2
    assert "\n" not in capsys.readouterr().err.strip()


def test_limit_spreads_over_the_file():
    assert ev._spread(list(range(10)), 3) == [0, 3, 6]
    assert ev._spread([1, 2], None) == [1, 2]
