"""A learned reading of how a sentence portrays an actor: the one statistical part of stance.

When no one in a sentence holds a stance toward an actor, :mod:`toolkit.stance.stances` reports how the
article itself presents it (holder ``None``). Word lists alone read that at about 57 macro-F1 on
NewsMTSC; a logistic regression over the words around the mention reads it at about 64 (5-fold
cross-validation, folds by sentence), so the portrayal uses this model when it is installed, and
the lexicon rules otherwise. It stays explainable: the stance's cue is the word that pushed the
decision most.

Features of a mention (the same at training and at run time, from the tagged tokens only):
the lemmas within :data:`WINDOW` tokens either side inside its sentence (weighted
``1 / (1 + 0.1 * distance)``), the lemmas within three tokens marked by side, and the summed
prior polarity (:func:`toolkit.stance.polarity.valence`) on each side. Proper nouns are left out, so the
model learns how words present an actor, not which actors a corpus liked.

Training: ``python -m toolkit.portrayal train PATH/train.jsonl`` reads NewsMTSC (Hamborg &
Donnay 2021; MIT licence, which allows shipping the weights with its notice), prints the k-fold
cross-validated macro-F1, then fits on all of it and writes ``toolkit/data/stance/portrayal_model.tsv``.
Deterministic (no random initialisation; folds by a fixed shuffle of sentence order).

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("Critics praised Smith for his wonderful courage.")
    >>> sorted(features(doc.tokens, 2, 3, 0, len(doc.tokens)))[:3]
    ['Ln=critic', 'Ln=praise', 'Rn=courage']
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from toolkit.stance.polarity import CONTENT_TAGS, lexicon, valence
from toolkit.resources import DATA_DIR
from toolkit.text.tokens import Token

__all__ = ["WINDOW", "CLASSES", "PortrayalModel", "features", "train", "shipped", "active", "use",
           "newsmtsc_examples", "cross_validate", "main"]

WINDOW = 12
NEAR = 3
CLASSES = ("negative", "neutral", "positive")
MODEL_FILE = "stance/portrayal_model.tsv"
_FUNCTION_VERBS = frozenset({"be", "have", "do", "say", "will", "would", "can", "could", "may", "might", "get"})
_SKIP_TAGS = frozenset({"NNP", "NNPS", ",", ".", ":", "``", "''", "(", ")", "DT", "CD", "POS"})


def features(tokens: Sequence[Token], first: int, last: int, lo: int, hi: int) -> dict[str, float]:
    """Features of the mention ``tokens[first:last]`` within its sentence ``[lo, hi)``."""
    words = lexicon()
    f: dict[str, float] = {"bias": 1.0}
    for k in range(max(lo, first - WINDOW), min(hi, last + WINDOW)):
        if first <= k < last:
            continue
        tok = tokens[k]
        if tok.tag in _SKIP_TAGS or not any(c.isalpha() for c in tok.text):
            continue
        left = k < first
        distance = first - k if left else k - last + 1
        lemma = tok.lemma.lower()
        key = "w=" + lemma
        f[key] = f.get(key, 0.0) + 1.0 / (1.0 + 0.1 * distance)
        if distance <= NEAR:
            f[("Ln=" if left else "Rn=") + lemma] = 1.0
        value = valence(tok, words)
        if value:
            side = "valL" if left else "valR"
            f[side] = f.get(side, 0.0) + value
    return f


@dataclass
class PortrayalModel:
    """Multinomial logistic regression: feature -> weights for negative, neutral, positive."""

    index: dict[str, int]
    weights: np.ndarray  # (features, 3)

    def probabilities(self, feats: dict[str, float]) -> np.ndarray:
        z = np.zeros(len(CLASSES))
        for name, value in feats.items():
            j = self.index.get(name)
            if j is not None:
                z += value * self.weights[j]
        z -= z.max()
        p = np.exp(z)
        return p / p.sum()

    def push(self, name: str, value: float, label: int) -> float:
        """How much one feature moves the decision toward class ``label`` (over the other two)."""
        j = self.index.get(name)
        if j is None:
            return 0.0
        w = self.weights[j]
        return value * (w[label] - (w.sum() - w[label]) / 2)

    def explain(self, tokens: Sequence[Token], first: int, last: int, lo: int, hi: int, label: int) -> int | None:
        """The content word (adjective, adverb, verb or common noun; not an auxiliary) near the mention
        that pushed most toward class ``label``: the cue a reader is shown."""
        feats = features(tokens, first, last, lo, hi)
        best, best_push = None, 0.0
        for k in range(max(lo, first - WINDOW), min(hi, last + WINDOW)):
            tok = tokens[k]
            if first <= k < last or tok.tag not in CONTENT_TAGS or tok.lemma in _FUNCTION_VERBS:
                continue
            lemma = tok.lemma.lower()
            left = k < first
            near = ("Ln=" if left else "Rn=") + lemma
            push = self.push("w=" + lemma, feats.get("w=" + lemma, 0.0), label)
            if near in feats:
                push += self.push(near, 1.0, label)
            push += self.push("valL" if left else "valR", valence(tok), label)
            if push > best_push:
                best, best_push = k, push
        return best

    def save(self, path: str | os.PathLike, header: Sequence[str]) -> None:
        with open(path, "w", encoding="utf-8") as out:
            for line in header:
                out.write(f"# {line}\n")
            out.write("feature\t" + "\t".join(CLASSES) + "\n")
            for name, j in sorted(self.index.items(), key=lambda kv: kv[1]):
                out.write(name + "\t" + "\t".join(f"{x:.4f}" for x in self.weights[j]) + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike) -> PortrayalModel:
        index: dict[str, int] = {}
        rows: list[list[float]] = []
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or line.startswith("feature\t") or not line.strip():
                    continue
                name, *values = line.rstrip("\n").split("\t")
                index[name] = len(rows)
                rows.append([float(v) for v in values])
        return cls(index, np.array(rows, dtype=np.float64).reshape(-1, len(CLASSES)))


def train(examples: Sequence[dict[str, float]], labels: Sequence[int], *, l2: float = 1e-3, epochs: int = 150,
          min_count: int = 3, rate: float = 0.05) -> PortrayalModel:
    """Fit the model (full-batch Adam from zero weights: deterministic)."""
    counts = Counter(name for f in examples for name in f)
    names = sorted(name for name, n in counts.items() if n >= min_count)
    index = {name: j for j, name in enumerate(names)}
    matrix = _matrix(examples, index)
    y = np.eye(len(CLASSES), dtype=np.float32)[np.asarray(labels)]
    w = np.zeros((len(index), len(CLASSES)), dtype=np.float32)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    n = len(examples)
    for t in range(1, epochs + 1):
        z = matrix @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = matrix.T @ (p - y) / n + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return PortrayalModel(index, w.astype(np.float64))


def _matrix(examples: Sequence[dict[str, float]], index: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(examples), len(index)), dtype=np.float32)
    for r, f in enumerate(examples):
        for name, value in f.items():
            j = index.get(name)
            if j is not None:
                matrix[r, j] = value
    return matrix


# --------------------------------------------------------------------------- the installed model

_override: list[PortrayalModel | None] = []


@lru_cache(maxsize=1)
def shipped() -> PortrayalModel | None:
    """The model in ``toolkit/data/stance/portrayal_model.tsv``, or None if it is not installed."""
    path = DATA_DIR / MODEL_FILE
    return PortrayalModel.load(path) if path.is_file() else None


def active() -> PortrayalModel | None:
    """The model the stance analysis uses now (see :func:`use`)."""
    return _override[-1] if _override else shipped()


@contextmanager
def use(model: PortrayalModel | None) -> Iterator[None]:
    """Use ``model`` (None = lexicon rules only) inside the block: cross-validation, comparisons."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()


# --------------------------------------------------------------------------- NewsMTSC


def newsmtsc_examples(items) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """Features, labels (0 neg, 1 neutral, 2 pos) and item numbers for NewsMTSC items."""
    from toolkit.text.tagging import process

    examples, labels, groups = [], [], []
    for g, item in enumerate(items):
        doc = process(item.text)
        for start, end, polarity in item.targets:
            toks = doc.tokens_in(start, end)
            if not toks:
                continue
            sent = doc.sentences[toks[0].sent]
            examples.append(features(doc.tokens, toks[0].i, toks[-1].i + 1, sent.first, sent.last))
            labels.append({2: 0, 4: 1, 6: 2}[polarity])
            groups.append(g)
    return examples, labels, groups


def folds_of(n_items: int, k: int, *, seed: int = 0) -> list[int]:
    """Fold number of each item: a fixed shuffle, then round robin."""
    order = list(range(n_items))
    random.Random(seed).shuffle(order)
    fold = [0] * n_items
    for rank, item in enumerate(order):
        fold[item] = rank % k
    return fold


def cross_validate(examples, labels, groups, *, k: int = 5) -> tuple[float, list[int]]:
    """k-fold macro-F1 of the model alone (folds by sentence) and the held-out predictions."""
    from toolkit.evaluate.sentiment import confusion, macro_f1

    fold = folds_of(max(groups) + 1, k)
    pred = [0] * len(labels)
    for f in range(k):
        train_rows = [i for i, g in enumerate(groups) if fold[g] != f]
        test_rows = [i for i, g in enumerate(groups) if fold[g] == f]
        model = train([examples[i] for i in train_rows], [labels[i] for i in train_rows])
        for i in test_rows:
            pred[i] = int(model.probabilities(examples[i]).argmax())
    return macro_f1(confusion(labels, pred, [0, 1, 2]))[0], pred


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.portrayal",
                                     description="Train the portrayal model on NewsMTSC (k-fold figure first).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="cross-validate, then fit on all of PATH and write the model")
    p.add_argument("path", help="NewsMTSC train.jsonl")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--out", default=str(DATA_DIR / MODEL_FILE))
    args = parser.parse_args(argv)
    from toolkit.evaluate.sentiment import EvalError, read_newsmtsc

    try:
        items, _ = read_newsmtsc(args.path)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    examples, labels, groups = newsmtsc_examples(items)
    score, _ = cross_validate(examples, labels, groups, k=args.folds)
    print(f"{args.folds}-fold cross-validated macro-F1 (model alone, folds by sentence): {100 * score:.1f}")
    model = train(examples, labels)
    header = [
        "Portrayal model: multinomial logistic regression, weights per feature for negative, neutral, positive",
        "(features: toolkit.portrayal.features). Trained by `python -m toolkit.portrayal train train.jsonl`",
        f"on NewsMTSC train ({len(items)} sentences, {len(labels)} targets): Hamborg & Donnay, EACL 2021,",
        "MIT licence, Copyright 2020 Felix Hamborg: the notice is in NOTICE-NewsMTSC.txt beside this file.",
        f"{args.folds}-fold cross-validated macro-F1 of the model alone: {100 * score:.1f}.",
        "Do not report figures of this model measured on NewsMTSC train: use the k-fold evaluation.",
    ]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out, header)
    print(f"wrote {args.out} ({len(model.index)} features)")
    print(json.dumps({"folds": args.folds, "cv_macro_f1": round(100 * score, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
