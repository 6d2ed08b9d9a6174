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

Training lives in :mod:`toolkit.evaluate.train_portrayal` (``python -m toolkit.evaluate.train_portrayal
train PATH/train.jsonl``): it reads NewsMTSC (Hamborg & Donnay 2021; MIT licence, which allows
shipping the weights with its notice), prints the k-fold cross-validated macro-F1, then fits on all
of it and writes ``toolkit/data/stance/portrayal_model.tsv``. This module is what the analysis needs
at run time: the features, the model, and the shipped weights. Which model the stance analysis uses
is an argument (``find_stances(..., model=...)``, ``annotate_document(..., model=...)``): the shipped
one by default (:data:`SHIPPED`), ``None`` for the word lists alone, or a model of one's own.

Example: "for", "his" and "wonderful" are near Smith (within three tokens, marked by side);
"courage", four tokens on, is only in the weighted window::

    >>> from toolkit.text.tagging import process
    >>> doc = process("Critics praised Smith for his wonderful courage.")
    >>> f = features(doc.tokens, 2, 3, 0, len(doc.tokens))
    >>> sorted(name for name in f if name[:3] in ("Ln=", "Rn="))
    ['Ln=critic', 'Ln=praise', 'Rn=for', 'Rn=his', 'Rn=wonderful']
    >>> round(f["w=courage"], 3), "Rn=courage" in f
    (0.714, False)
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from toolkit.stance.polarity import CONTENT_TAGS, lexicon, valence
from toolkit.resources import DATA_DIR
from toolkit.text.tokens import Token

__all__ = ["WINDOW", "CLASSES", "MODEL_FILE", "SHIPPED", "PortrayalModel", "features", "shipped", "resolve"]

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


# --------------------------------------------------------------------------- the shipped model


@lru_cache(maxsize=1)
def shipped() -> PortrayalModel | None:
    """The model in ``toolkit/data/stance/portrayal_model.tsv``, or None if it is not installed."""
    path = DATA_DIR / MODEL_FILE
    return PortrayalModel.load(path) if path.is_file() else None


#: The ``model=`` argument that stands for the shipped model (:func:`shipped`); ``None`` is word lists only.
SHIPPED = "shipped"


def resolve(model: PortrayalModel | str | None = SHIPPED) -> PortrayalModel | None:
    """The model a ``model=`` argument stands for: :data:`SHIPPED` the shipped one (None if it is not
    installed), ``None`` none (the lexicon rules read the portrayal), a :class:`PortrayalModel` itself.

    >>> resolve(None) is None, resolve(SHIPPED) is shipped()
    (True, True)
    """
    if model is None or isinstance(model, PortrayalModel):
        return model
    if model == SHIPPED:
        return shipped()
    raise ValueError(f"model must be a PortrayalModel, None or {SHIPPED!r}, not {model!r}")
