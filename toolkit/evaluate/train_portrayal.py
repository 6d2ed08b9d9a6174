"""Train the portrayal model (:mod:`toolkit.stance.portrayal`) on NewsMTSC, and cross-validate it.

``python -m toolkit.evaluate.train_portrayal train PATH/train.jsonl [--folds 5] [--out FILE]``

Reads NewsMTSC (Hamborg & Donnay 2021; MIT licence, which allows shipping the weights with its
notice), prints the k-fold cross-validated macro-F1 of the model alone (folds by sentence), then
fits on all of it and writes ``toolkit/data/stance/portrayal_model.tsv``. Deterministic (no random
initialisation; folds by a fixed shuffle of sentence order). The run-time side -- features, the
model, the shipped weights -- is :mod:`toolkit.stance.portrayal`; the stance evaluation
(:mod:`toolkit.evaluate.sentiment`) trains one model per fold here and passes it to the
annotation as ``model=``.

Example::

    >>> folds_of(6, 3)
    [0, 2, 1, 2, 0, 1]
    >>> model = train([{"bias": 1.0, "w=good": 1.0}, {"bias": 1.0, "w=bad": 1.0}], [2, 0], min_count=1)
    >>> [CLASSES[int(model.probabilities({"bias": 1.0, w: 1.0}).argmax())] for w in ("w=good", "w=bad")]
    ['positive', 'negative']
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from toolkit.evaluate.sentiment_data import EvalError, NewsItem, confusion, macro_f1, read_newsmtsc
from toolkit.resources import DATA_DIR
from toolkit.stance.portrayal import CLASSES, MODEL_FILE, PortrayalModel, features
from toolkit.text.tagging import process

__all__ = ["train", "newsmtsc_examples", "folds_of", "cross_validate", "main"]


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


def newsmtsc_examples(items: Sequence[NewsItem]) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """Features, labels (0 neg, 1 neutral, 2 pos) and item numbers for NewsMTSC items."""
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


def cross_validate(examples: Sequence[dict[str, float]], labels: Sequence[int], groups: Sequence[int], *,
                   k: int = 5) -> tuple[float, list[int]]:
    """k-fold macro-F1 of the model alone (folds by sentence) and the held-out predictions."""
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
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluate.train_portrayal",
                                     description="Train the portrayal model on NewsMTSC (k-fold figure first).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="cross-validate, then fit on all of PATH and write the model")
    p.add_argument("path", help="NewsMTSC train.jsonl")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--out", default=str(DATA_DIR / MODEL_FILE))
    args = parser.parse_args(argv)
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
        "(features: toolkit.stance.portrayal.features), trained by `python -m toolkit.evaluate.train_portrayal train`",
        f"on NewsMTSC train.jsonl ({len(items)} sentences, {len(labels)} targets): Hamborg & Donnay, EACL 2021,",
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
