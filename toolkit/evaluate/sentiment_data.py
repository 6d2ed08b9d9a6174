"""The two corpora of sentiment toward actors, read into plain items, and their metric (macro-F1).

Shared by the stance evaluation (:mod:`toolkit.evaluate.sentiment`) and the training of the
portrayal model (:mod:`toolkit.evaluate.train_portrayal`), which both read NewsMTSC and score
with macro-F1; a module of its own so neither imports the other's command.

Example::

    >>> gold, pred = [0, 1, 1, 3], [0, 1, 0, 3]
    >>> round(macro_f1(confusion(gold, pred, [0, 1, 3]))[0], 3)
    0.778
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DIRECTED_LABELS", "NEWSMTSC_LABELS", "EvalError", "DirectedItem", "NewsItem", "read_directed",
           "read_newsmtsc", "confusion", "per_class", "macro_f1"]

DIRECTED_LABELS = {0: "neutral", 1: "p positive to q", 2: "q positive to p", 3: "p negative to q",
                   4: "q negative to p"}
NEWSMTSC_LABELS = {2: "negative", 4: "neutral", 6: "positive"}
class EvalError(ValueError):
    """A corpus file that cannot be read; the message is one line."""


# --------------------------------------------------------------------------- readers


@dataclass(frozen=True, slots=True)
class DirectedItem:
    """One directed-sentiment sentence with brackets removed; ``p``/``q`` are (start, end) offsets."""

    text: str
    p: tuple[int, int]
    q: tuple[int, int]
    label: int


@dataclass(frozen=True, slots=True)
class NewsItem:
    """One NewsMTSC sentence; ``targets`` are (start, end, polarity 2/4/6)."""

    text: str
    targets: tuple[tuple[int, int, int], ...]


def _open(path: str | os.PathLike):
    if not os.path.isfile(path):
        raise EvalError(f"{path}: no such file (give the corpus file, e.g. .../valid.txt)")
    try:
        return open(path, encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"{path}: cannot read ({exc.strerror})") from None


def _unquote(field: str) -> str:
    """Undo spreadsheet quoting ("...""..." -> ..."...) on a field that has it."""
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        inner = field[1:-1]
        if '"' not in inner.replace('""', ""):
            return inner.replace('""', '"')
    return field


_BRACKET = re.compile(r"\[([^\[\]]*)\]")


def _directed_item(line: str) -> DirectedItem | None:
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) < 4 or not cells[3].strip().isdigit():
        return None
    sentence = _unquote(cells[0])
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    length = 0
    for match in _BRACKET.finditer(sentence):
        before = sentence[pos:match.start()]
        parts.append(before)
        length += len(before)
        inner = match.group(1)
        lead = len(inner) - len(inner.lstrip())
        trail = len(inner) - len(inner.rstrip())
        spans.append((length + lead, length + len(inner) - trail))
        parts.append(inner)
        length += len(inner)
        pos = match.end()
    parts.append(sentence[pos:])
    label = int(cells[3])
    if len(spans) != 2 or label not in DIRECTED_LABELS or any(s >= e for s, e in spans):
        return None
    return DirectedItem("".join(parts), spans[0], spans[1], label)


def read_directed(path: str | os.PathLike) -> tuple[list[DirectedItem], int]:
    """Items of a directed-sentiment file and the number of lines that could not be read."""
    items, bad = [], 0
    with _open(path) as handle:
        for line in handle:
            if not line.strip():
                continue
            item = _directed_item(line)
            if item is None:
                bad += 1
            else:
                items.append(item)
    if not items:
        raise EvalError(f"{path}: no directed-sentiment lines (sentence<TAB>p<TAB>q<TAB>label, two [entities])")
    return items, bad


def read_newsmtsc(path: str | os.PathLike) -> tuple[list[NewsItem], int]:
    """Items of a NewsMTSC JSON Lines file and the number of lines or targets that could not be read."""
    items, bad = [], 0
    with _open(path) as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["sentence_normalized"]
                targets = []
                for t in record["targets"]:
                    polarity = int(float(t["polarity"]))
                    start, end = int(t["from"]), int(t["to"])
                    if polarity in NEWSMTSC_LABELS and 0 <= start < end <= len(text):
                        targets.append((start, end, polarity))
                    else:
                        bad += 1
            except (ValueError, KeyError, TypeError):
                bad += 1
                continue
            if targets:
                items.append(NewsItem(text, tuple(targets)))
    if not items:
        raise EvalError(f"{path}: no NewsMTSC records (JSON Lines with sentence_normalized and targets)")
    return items, bad


# --------------------------------------------------------------------------- scoring


def confusion(gold: Sequence[int], pred: Sequence[int], labels: Sequence[int]) -> list[list[int]]:
    """Confusion matrix: rows gold, columns predicted, in the order of ``labels``."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        matrix[index[g]][index[p]] += 1
    return matrix


def per_class(matrix: list[list[int]]) -> list[tuple[float, float, float, int]]:
    """(precision, recall, F1, support) per class of a confusion matrix."""
    out = []
    for i, row in enumerate(matrix):
        tp = row[i]
        predicted = sum(r[i] for r in matrix)
        support = sum(row)
        p = tp / predicted if predicted else 0.0
        r = tp / support if support else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append((p, r, f, support))
    return out


def macro_f1(matrix: list[list[int]]) -> tuple[float, list[tuple[float, float, float, int]]]:
    """Macro-averaged F1 over the classes of a confusion matrix, and the per-class figures."""
    rows = per_class(matrix)
    return sum(f for _, _, f, _ in rows) / len(rows), rows
