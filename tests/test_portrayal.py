"""The learned portrayal: features and the shipped model (toolkit.stance.portrayal); training, folds and the
train command (toolkit.evaluate.train_portrayal); the model passed to the stance analysis as an argument."""
from __future__ import annotations

import json

import pytest

from toolkit.evaluate import train_portrayal as training
from toolkit.stance import portrayal
from toolkit.text.tagging import process

GOOD = ["Critics praised {} for the wonderful work.", "Voters admire {} and love the brilliant plan.",
        "Everyone applauded {} for a great success."]
BAD = ["Critics attacked {} for the awful failure.", "Voters despise {} and hate the terrible plan.",
       "Everyone condemned {} for a disastrous mistake."]
FLAT = ["Reporters met {} on Tuesday in the hall.", "The meeting with {} took place at noon.",
        "Officials listed {} among the speakers."]


def _examples(names=("Smith", "Jones", "Brown", "Green")):
    examples, labels = [], []
    for label, templates in ((2, GOOD), (0, BAD), (1, FLAT)):
        for template in templates:
            for name in names:
                text = template.format(name)
                doc = process(text)
                k = next(t.i for t in doc.tokens if t.text == name)
                examples.append(portrayal.features(doc.tokens, k, k + 1, 0, len(doc.tokens)))
                labels.append(label)
    return examples, labels


def test_features_leave_out_proper_nouns_and_the_mention():
    doc = process("Senator Jones praised Smith warmly.")
    feats = portrayal.features(doc.tokens, 3, 4, 0, len(doc.tokens))
    assert "w=praise" in feats and "Ln=praise" in feats and "Rn=warmly" in feats
    assert not any("jones" in f or "smith" in f for f in feats)
    assert feats["bias"] == 1.0 and feats["valL"] > 0


def test_train_fits_and_explains(tmp_path):
    examples, labels = _examples()
    model = training.train(examples, labels, min_count=1)
    assert [int(model.probabilities(f).argmax()) for f in examples] == labels
    doc = process("Critics attacked Walker for the awful failure.")
    k = next(t.i for t in doc.tokens if t.text == "Walker")
    assert int(model.probabilities(portrayal.features(doc.tokens, k, k + 1, 0, len(doc.tokens))).argmax()) == 0
    cue = model.explain(doc.tokens, k, k + 1, 0, len(doc.tokens), 0)
    assert doc.tokens[cue].text in ("attacked", "awful", "failure")
    path = tmp_path / "model.tsv"
    model.save(path, ["a header line"])
    assert path.read_text().startswith("# a header line\nfeature\tnegative\tneutral\tpositive\n")
    again = portrayal.PortrayalModel.load(path)
    assert again.index == model.index
    assert again.probabilities(examples[0]) == pytest.approx(model.probabilities(examples[0]), abs=1e-3)


def test_training_is_deterministic():
    examples, labels = _examples()
    a = training.train(examples, labels, min_count=1, epochs=20)
    b = training.train(examples, labels, min_count=1, epochs=20)
    assert (a.weights == b.weights).all()


def test_resolve_names_the_model_an_argument_stands_for():
    examples, labels = _examples()
    model = training.train(examples, labels, min_count=1, epochs=10)
    assert portrayal.resolve(model) is model
    assert portrayal.resolve(None) is None
    assert portrayal.resolve() is portrayal.resolve(portrayal.SHIPPED) is portrayal.shipped()
    with pytest.raises(ValueError):
        portrayal.resolve("newest")


def test_the_model_is_an_argument_of_the_analysis():
    """A model passed in is the one used (no global state): a model trained to call everything positive
    makes the article's portrayal positive where the word lists read it negative."""
    from toolkit.actors.mentions import find_mentions
    from toolkit.annotate import annotate_document
    from toolkit.corpus import Document
    from toolkit.stance.stances import find_stances

    text = "The disastrous policies of Venezuela have ruined the economy."
    doc = process(text)
    k = next(t.i for t in doc.tokens if t.text == "Venezuela")
    feats = portrayal.features(doc.tokens, k, k + 1, 0, len(doc.tokens))
    upbeat = training.train([feats] * 3, [2] * 3, min_count=1, epochs=30)

    def toward_venezuela(found):
        return [s.polarity for s in found if s.target is not None and s.target.text == "Venezuela"]

    assert toward_venezuela(find_stances(doc, find_mentions(doc), model=upbeat)) == ["positive"]
    assert toward_venezuela(find_stances(doc, find_mentions(doc), model=None)) == ["negative"]
    record = annotate_document(Document(id="v", text=text), model=upbeat).to_dict()
    assert [s["polarity"] for s in record["stances"] if (s["target"] or {}).get("text") == "Venezuela"] == ["positive"]


def test_shipped_model_names_its_source():
    from toolkit.resources import DATA_DIR

    path = DATA_DIR / portrayal.MODEL_FILE
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = " ".join(header)
    assert "NewsMTSC" in text and "MIT" in text and "cross-validated" in text
    assert portrayal.shipped() is not None and len(portrayal.shipped().index) > 1000


def test_rules_and_model_both_give_a_cue_for_portrayal():
    from toolkit.actors.mentions import find_mentions
    from toolkit.stance.stances import find_stances

    text = "The disastrous policies of Venezuela have ruined the economy."
    doc = process(text)
    for model in (None, portrayal.SHIPPED):
        (s,) = [s for s in find_stances(doc, find_mentions(doc), model=model) if s.target.text == "Venezuela"]
        assert s.source is None and s.polarity == "negative" and s.cue[2] in ("disastrous", "ruined")


def test_folds_are_fixed_and_balanced():
    fold = training.folds_of(10, 5)
    assert fold == training.folds_of(10, 5) and sorted(fold) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_runtime_module_holds_no_training():
    assert not hasattr(portrayal, "train") and not hasattr(portrayal, "use") and not hasattr(portrayal, "active")


def test_train_command(tmp_path, capsys):
    path = tmp_path / "train.jsonl"
    lines = []
    for label, templates in ((6.0, GOOD), (2.0, BAD), (4.0, FLAT)):
        for template in templates:
            for name in ("Smith", "Jones"):
                text = template.format(name)
                start = text.index(name)
                lines.append(json.dumps({"sentence_normalized": text, "targets": [
                    {"from": start, "to": start + len(name), "polarity": label}]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "model.tsv"
    assert training.main(["train", str(path), "--folds", "3", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "3-fold cross-validated macro-F1" in printed and out.is_file()
    assert "NewsMTSC" in out.read_text(encoding="utf-8").splitlines()[2]
    assert training.main(["train", str(tmp_path / "nope.jsonl")]) == 2
    assert "\n" not in capsys.readouterr().err.strip()
