"""Score the stance engine on two corpora of sentiment toward actors, through the annotate contract.

``python -m toolkit.evaluate.sentiment directed PATH [--baselines] [--limit N]``
``python -m toolkit.evaluate.sentiment newsmtsc PATH [--baselines] [--limit N]``

**directed** -- Park, Pan & Joo (Findings of ACL 2021), ``train.txt`` / ``valid.txt``: a
sentence with two entities in [brackets], then p, q and a label: 0 neutral, 1 p positive
toward q, 2 q positive toward p, 3 p negative toward q, 4 q negative toward p. The brackets are
removed, the two entity spans are given to :func:`toolkit.annotate.annotate_document` as
``mentions``, and the stances between the two mentions become the label (the strongest one if
there are several; none or neutral = 0). Metric: macro-F1 over the five classes.

**newsmtsc** -- Hamborg & Donnay (EACL 2021), ``train.jsonl``: a sentence and targets with
``from``/``to`` offsets and a polarity (2.0 negative, 4.0 neutral, 6.0 positive). All targets of
a sentence are given as mentions; a target's label is the stance toward it (from any holder,
the article included): the strongest one, neutral if none. Metric: macro-F1 over three classes.
The shipped portrayal model (:mod:`toolkit.stance.portrayal`) was trained on this file, so it is never
scored on it: the system is scored with word lists only (``model=None``), and with the model
cross-validated (``--folds``, by sentence: each fold read by a model trained on the others by
:mod:`toolkit.evaluate.train_portrayal`, passed to the annotation as ``model=``).

Readers and the metric are in :mod:`toolkit.evaluate.sentiment_data`.

``--baselines`` also measures, in the same run, an always-neutral baseline and VADER
(Hutto & Gilbert 2014): the sentence's compound score read as p -> q for directed, the compound
score of the eight words either side of the target for NewsMTSC.

Example::

    >>> gold, pred = [0, 1, 1, 3], [0, 1, 0, 3]
    >>> round(macro_f1(confusion(gold, pred, [0, 1, 3]))[0], 3)
    0.778
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from toolkit.evaluate.sentiment_data import (DIRECTED_LABELS, NEWSMTSC_LABELS, DirectedItem, EvalError, NewsItem,
                                             confusion, macro_f1, read_directed, read_newsmtsc)
from toolkit.evaluate.train_portrayal import folds_of, newsmtsc_examples, train
from toolkit.stance.portrayal import SHIPPED, PortrayalModel

__all__ = ["DirectedItem", "NewsItem", "read_directed", "read_newsmtsc", "confusion", "macro_f1",
           "predict_directed", "predict_newsmtsc", "directed_label", "newsmtsc_label", "vader_directed",
           "vader_window", "evaluate", "main", "DIRECTED_LABELS", "NEWSMTSC_LABELS", "REFERENCES"]

REFERENCES = {
    "directed": "always neutral 15.8; VADER sentence polarity read as p->q 19-25 (Park, Pan & Joo 2021)",
    "newsmtsc": "VADER over 8 words either side of the target 52; fine-tuned RoBERTa 83 (Hamborg & Donnay 2021)",
}
VADER_THRESHOLD = 0.05


# --------------------------------------------------------------------------- the system, via the contract


#: The ``model=`` of the system runs: the shipped portrayal model, None (word lists), or a fold's model.
Model = PortrayalModel | str | None


def _annotate(text: str, spans: Sequence[tuple[int, int]], *, model: Model = SHIPPED) -> dict:
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    record = {"id": "eval", "text": text, "mentions": [{"start": s, "end": e} for s, e in spans]}
    return annotate_document(document_from_record(record), model=model).to_dict()


def _overlaps(party: dict | None, span: tuple[int, int]) -> bool:
    return party is not None and party["start"] < span[1] and span[0] < party["end"]


def _actor_of(record: dict, span: tuple[int, int]) -> str | None:
    """The canonical actor of the given mention at ``span`` (a pronoun resolved to it counts too)."""
    for m in record.get("actors", ()):
        if m["via"] == "given" and m["start"] == span[0] and m["end"] == span[1]:
            return m["actor"]
    return None


def _is(party: dict | None, span: tuple[int, int], actor: str | None) -> bool:
    return party is not None and (_overlaps(party, span) or (
        actor is not None and (party["actor"] == actor or party["affiliation"] == actor)))


def directed_label(record: dict, p: tuple[int, int], q: tuple[int, int]) -> int:
    """The five-class label from an annotation's stances between the mentions at ``p`` and ``q``."""
    best, best_score = 0, 0.0
    actor_p, actor_q = _actor_of(record, p), _actor_of(record, q)
    if actor_p == actor_q:
        actor_p = actor_q = None
    for s in record.get("stances", ()):
        if s["topic"] is not None or s["polarity"] == "neutral":
            continue
        if _is(s["source"], p, actor_p) and _is(s["target"], q, actor_q):
            label = 1 if s["polarity"] == "positive" else 3
        elif _is(s["source"], q, actor_q) and _is(s["target"], p, actor_p):
            label = 2 if s["polarity"] == "positive" else 4
        else:
            continue
        if abs(s["score"]) > best_score:
            best, best_score = label, abs(s["score"])
    return best


def newsmtsc_label(record: dict, span: tuple[int, int]) -> int:
    """2 / 4 / 6 from an annotation's strongest stance toward the mention at ``span`` (4 if none)."""
    best = 0.0
    for s in record.get("stances", ()):
        if s["topic"] is None and _overlaps(s["target"], span) and abs(s["score"]) > abs(best):
            if s["polarity"] != "neutral":
                best = s["score"]
    return 6 if best > 0 else 2 if best < 0 else 4


def predict_directed(item: DirectedItem, *, model: Model = SHIPPED) -> int:
    return directed_label(_annotate(item.text, (item.p, item.q), model=model), item.p, item.q)


def predict_newsmtsc(item: NewsItem, *, model: Model = SHIPPED) -> list[int]:
    """The system's 2 / 4 / 6 label for each target of ``item``, reading the portrayal with ``model``."""
    record = _annotate(item.text, [(s, e) for s, e, _ in item.targets], model=model)
    return [newsmtsc_label(record, (s, e)) for s, e, _ in item.targets]


# --------------------------------------------------------------------------- baselines


@lru_cache(maxsize=1)
def _vader():
    from toolkit.resources import require_nltk

    require_nltk("vader_lexicon")
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_directed(item: DirectedItem, threshold: float = VADER_THRESHOLD) -> int:
    """VADER's compound score of the whole sentence, read as p toward q."""
    compound = _vader().polarity_scores(item.text)["compound"]
    return 1 if compound >= threshold else 3 if compound <= -threshold else 0


def vader_window(text: str, start: int, end: int, *, words: int = 8, threshold: float = VADER_THRESHOLD) -> int:
    """VADER's compound score over ``words`` words either side of the target: 2 / 4 / 6."""
    left = text[:start].split()[-words:]
    right = text[end:].split()[:words]
    compound = _vader().polarity_scores(" ".join(left + [text[start:end]] + right))["compound"]
    return 6 if compound >= threshold else 2 if compound <= -threshold else 4


# --------------------------------------------------------------------------- running


@dataclass(slots=True)
class Result:
    name: str
    gold: list[int]
    pred: list[int]
    seconds: float
    words: int


def _spread(items: list, limit: int | None) -> list:
    """``limit`` items evenly spread over the file (files are often sorted by label)."""
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _rules_only(items: Sequence[NewsItem]) -> list[int]:
    """Predictions with the portrayal read by word lists alone (no learned model)."""
    return [lab for it in items for lab in predict_newsmtsc(it, model=None)]


def _cross_validated(items: Sequence[NewsItem], k: int) -> tuple[list[int], float]:
    """Predictions where the portrayal model never saw the sentence: k folds by sentence, each scored
    with a model trained on the other folds. Returns the predictions and the seconds spent predicting."""
    examples, labels, groups = newsmtsc_examples(items)
    fold = folds_of(len(items), k)
    by_item: dict[int, list[int]] = {}
    seconds = 0.0
    for f in range(k):
        rows = [i for i, g in enumerate(groups) if fold[g] != f]
        # a fold with nothing to learn from falls back to the word lists
        model = train([examples[i] for i in rows], [labels[i] for i in rows]) if rows else None
        t0 = time.perf_counter()
        for n, it in enumerate(items):
            if fold[n] == f:
                by_item[n] = predict_newsmtsc(it, model=model)
        seconds += time.perf_counter() - t0
    return [lab for n in range(len(items)) for lab in by_item[n]], seconds


def evaluate(corpus: str, path: str | os.PathLike, *, baselines: bool = False, limit: int | None = None,
             folds: int = 5) -> tuple[list[Result], list[int], int]:
    """Run the system (and the baselines) on a corpus; return results, label order, unreadable count.

    On NewsMTSC the system is scored twice: with word lists only, and with the learned portrayal
    (:mod:`toolkit.stance.portrayal`) cross-validated over ``folds`` folds -- the shipped model was trained
    on NewsMTSC train, so it is never scored on it.
    """
    if corpus == "directed":
        items, bad = read_directed(path)
        items = _spread(items, limit)
        gold = [it.label for it in items]
        words = sum(len(it.text.split()) for it in items)
        systems: list[tuple[str, Callable]] = [("toolkit stance", lambda: [predict_directed(it) for it in items])]
        if baselines:
            systems += [("always neutral", lambda: [0] * len(items)),
                        ("VADER sentence (p->q)", lambda: [vader_directed(it) for it in items])]
        labels = list(DIRECTED_LABELS)
    elif corpus == "newsmtsc":
        items, bad = read_newsmtsc(path)
        items = _spread(items, limit)
        gold = [pol for it in items for _, _, pol in it.targets]
        words = sum(len(it.text.split()) for it in items)
        systems = [("toolkit stance, rules", lambda: _rules_only(items)),
                   (f"toolkit stance, {folds}-fold", lambda: _cross_validated(items, folds))]
        if baselines:
            systems += [("always neutral", lambda: [4] * len(gold)),
                        ("VADER +-8 words", lambda: [vader_window(it.text, s, e) for it in items
                                                    for s, e, _ in it.targets])]
        labels = list(NEWSMTSC_LABELS)
    else:
        raise EvalError(f"unknown corpus {corpus!r}: use directed or newsmtsc")
    results = []
    for name, run in systems:
        t0 = time.perf_counter()
        pred = run()
        seconds = time.perf_counter() - t0
        if isinstance(pred, tuple):  # (predictions, seconds spent predicting)
            pred, seconds = pred
        results.append(Result(name, gold, pred, seconds, words))
    return results, labels, bad


def report(corpus: str, path: str, results: list[Result], labels: list[int], bad: int) -> str:
    names = DIRECTED_LABELS if corpus == "directed" else NEWSMTSC_LABELS
    n = len(results[0].gold)
    lines = [f"{corpus}: {path} ({n} {'sentences' if corpus == 'directed' else 'targets'}"
             + (f", {bad} unreadable lines skipped)" if bad else ")"), ""]
    lines.append(f"{'system':<24} {'macro-F1':>8} {'words/s':>9}")
    for r in results:
        f1, _ = macro_f1(confusion(r.gold, r.pred, labels))
        rate = f"{r.words / r.seconds:,.0f}" if r.seconds > 0.01 else "-"
        lines.append(f"{r.name:<24} {100 * f1:8.1f} {rate:>9}")
    lines.append(f"references: {REFERENCES[corpus]}")
    for r in results:
        matrix = confusion(r.gold, r.pred, labels)
        _, rows = macro_f1(matrix)
        lines += ["", f"{r.name}: per class", f"  {'class':<18} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
        for label, (p, rec, f, support) in zip(labels, rows):
            lines.append(f"  {label} {names[label]:<16} {100 * p:6.1f} {100 * rec:6.1f} {100 * f:6.1f} {support:8d}")
        lines.append("  confusion (rows gold, columns predicted): " + " ".join(f"{lab:>5}" for lab in labels))
        for label, row in zip(labels, matrix):
            lines.append(f"  {'':<40}{label:>1} " + " ".join(f"{v:>5}" for v in row))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluate.sentiment",
                                     description="Score stance toward actors on directed sentiment or NewsMTSC.")
    parser.add_argument("corpus", choices=["directed", "newsmtsc"], help="which corpus format PATH is")
    parser.add_argument("path", help="valid.txt / train.txt (directed) or train.jsonl (newsmtsc)")
    parser.add_argument("--baselines", action="store_true", help="also measure always-neutral and VADER")
    parser.add_argument("--limit", type=int, help="only N items, evenly spread over the file")
    parser.add_argument("--folds", type=int, default=5,
                        help="NewsMTSC: cross-validation folds for the learned portrayal (default 5)")
    args = parser.parse_args(argv)
    try:
        results, labels, bad = evaluate(args.corpus, args.path, baselines=args.baselines, limit=args.limit,
                                        folds=args.folds)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report(args.corpus, args.path, results, labels, bad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
