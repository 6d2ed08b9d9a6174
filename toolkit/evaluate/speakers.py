"""Score who the toolkit says is behind each quote against a reading of PolNeAR articles.

The reading (``polnear-speakers/`` in the evaluation folder; how it was made: its
``GUIDE.md``) gives, for every attribution relation of an article (the ``E`` id in
the article's first ``.ann`` file), the canonical speaker the source mention refers
to, its kind, gender and role, and whether the article names it::

    READING/ARTICLE.gold.tsv    relation  source_text  speaker  speaker_kind  gender  role  named

``python -m toolkit evaluate speakers POLNEAR_SPLIT --gold READING [--errors N]``

Scoring (the project's definition, see the evaluation README):

* predicted quotes become relations and are matched to PolNeAR's gold relations by
  content exactly as :mod:`toolkit.evaluate.polnear` does (Jaccard ≥ 0.5, one-to-one);
* **identity accuracy**: over matched relations whose gold speaker is named, the share
  whose predicted canonical ``actor`` names that speaker (:func:`names_speaker`);
* **who-said-what recall**: identity-correct relations over all named gold relations;
* **share distance**: the total variation distance (in points) between the share of
  quotes per speaker in the gold reading (named relations) and in the prediction
  (every predicted relation with an actor, the actor read as the article's gold speaker
  it names, else as itself): what a "who gets quoted" chart shows;
* gender and role accuracy over matched relations, when the quotes carry them.

Example::

    >>> names_speaker("Trump", "Donald Trump", kind="person")
    True
    >>> names_speaker("Melania Trump", "Donald Trump", kind="person")
    False
    >>> names_speaker("Washington Post", "The Washington Post|Stephanie McCrummen", kind="organisation")
    True
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.evaluate.polnear import (Article, PolnearError, PredRelation, _context, extract, match_relations,
                                      predicted_relations, read_split)
from toolkit.evaluate.readings import ReadingError, tsv_rows

__all__ = ["GoldSpeaker", "read_reading", "names_speaker", "score", "evaluate", "main", "REFERENCE"]

#: The toolkit as it stood when the reading was made (evaluation README).
REFERENCE = {"identity": 69.3, "recall": 44.6, "share_distance": 35.2}

COLUMNS = ("relation", "source_text", "speaker", "speaker_kind", "gender", "role", "named")
#: Words a name drops before comparison: honorifics and titles written before a name.
_HONORIFICS = frozenset("""mr mrs ms miss dr prof rev sir dame lord lady rep sen gov gen col lt capt sgt adm
    president senator representative governor secretary minister chancellor judge justice mayor the""".split())
_JOINERS = frozenset({"of", "and", "for", "on", "in", "&", "de", "du", "la"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    """One line of a reading: who the source mention of relation ``relation`` refers to."""

    relation: str
    source_text: str
    speaker: str  # canonical name; alternatives after "|"; "(unnamed) ..." for an unnamed source
    kind: str
    gender: str
    role: str
    named: bool

    @property
    def label(self) -> str:
        """The preferred name (what a chart would show)."""
        return self.speaker.split("|")[0].strip()


def read_reading(path: str | Path) -> dict[str, dict[str, GoldSpeaker]]:
    """``ARTICLE.gold.tsv`` files of a reading folder: article id -> relation id -> gold speaker."""
    root = Path(path)
    if not root.is_dir():
        raise ReadingError(f"{root}: no such folder (give the reading, e.g. ../shared/eval/polnear-speakers)")
    out: dict[str, dict[str, GoldSpeaker]] = {}
    for tsv in sorted(root.glob("*.gold.tsv")):
        rows: dict[str, GoldSpeaker] = {}
        for _, (rel, source, speaker, kind, gender, role, named) in tsv_rows(tsv, COLUMNS):
            rows[rel] = GoldSpeaker(rel, source, speaker, kind, gender, role, named == "yes")
        out[tsv.name[:-len(".gold.tsv")]] = rows
    if not out:
        raise ReadingError(f"{root}: no ARTICLE.gold.tsv file")
    return out


# --------------------------------------------------------------------------- name matching


def _words(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name.lower()).replace(".", "")
    return [w for w in re.findall(r"[\w-]+", name) if w not in _HONORIFICS]


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """Given names agree where both have them: equal, or one an initial of the other."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    return x == y or (len(x) <= 2 and y.startswith(x[0])) or (len(y) <= 2 and x.startswith(y[0]))


def _person_match(pred: list[str], gold: list[str]) -> bool:
    pred = [w for w in pred if w not in _SUFFIXES]
    gold = [w for w in gold if w not in _SUFFIXES]
    if not pred or not gold or pred[-1] != gold[-1]:
        return False
    return _given_compatible(pred[:-1], gold[:-1])


def _body_match(pred: list[str], gold: list[str]) -> bool:
    a = {w for w in pred if w not in _JOINERS}
    b = {w for w in gold if w not in _JOINERS}
    return bool(a) and bool(b) and (a <= b or b <= a)


def _members(name: str) -> list[str]:
    """A named group's members: "Charles E. Grassley and Patrick J. Leahy" -> both names."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", name) if p.strip()]
    return parts if len(parts) > 1 else [name]


def names_speaker(actor: str | None, speaker: str, *, kind: str) -> bool:
    """Whether a predicted canonical actor names the gold speaker (any accepted alternative).

    Same name words after dropping honorifics; for a person, the same surname with
    compatible given names; for a body, one name's words contained in the other's;
    for a named group (or "A and B"), any member.

    >>> names_speaker("Charles E. Grassley", "Charles E. Grassley and Patrick J. Leahy", kind="group")
    True
    >>> names_speaker("Sen. Chuck Grassley", "Charles E. Grassley", kind="person")
    False
    """
    if not actor:
        return False
    pred = _words(actor)
    for alternative in speaker.split("|"):
        alternative = alternative.strip()
        if not alternative or alternative.startswith("(unnamed)"):
            continue
        for member in _members(alternative):
            gold = _words(member)
            if pred == gold:
                return True
            if kind in ("person", "group") and _person_match(pred, gold):
                return True
            if kind != "person" and _body_match(pred, gold):
                return True
    return False


# --------------------------------------------------------------------------- scoring


@dataclass
class SpeakerCounts:
    named_gold: int = 0
    matched_named: int = 0
    identity_ok: int = 0
    matched: int = 0
    gender_total: int = 0
    gender_ok: int = 0
    role_total: int = 0
    role_ok: int = 0
    gender_pairs: Counter = field(default_factory=Counter)  # (gold, predicted) over the gender items
    role_pairs: Counter = field(default_factory=Counter)  # (gold, predicted) over the role items
    label_errors: list = field(default_factory=list)  # (article, gold, predicted relation, label, predicted)
    gold_share: Counter = field(default_factory=Counter)
    pred_share: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)  # (article, gold speaker, predicted relation or None)
    unmatched: list = field(default_factory=list)


def _tv_distance(a: Counter, b: Counter) -> float:
    ta, tb = sum(a.values()), sum(b.values())
    if not ta or not tb:
        return 100.0 if ta or tb else 0.0
    return 50 * sum(abs(a[k] / ta - b[k] / tb) for k in set(a) | set(b))


def _chart_label(actor: str, golds: Sequence[GoldSpeaker]) -> str:
    for g in golds:
        if g.named and names_speaker(actor, g.speaker, kind=g.kind):
            return g.label
    return actor


def score(articles: Sequence[Article], predictions: Sequence[Sequence[PredRelation]],
          reading: dict[str, dict[str, GoldSpeaker]]) -> tuple[dict, SpeakerCounts]:
    """Figures (percentages) for the predicted actors against the reading of each article."""
    c = SpeakerCounts()
    for art, pred in zip(articles, predictions):
        golds = reading.get(art.id)
        if golds is None:
            continue
        by_id = {r.id: i for i, r in enumerate(art.relations)}
        matches = {gi: pi for gi, pi, _ in match_relations(art.text, art.relations, pred)}
        named = [g for g in golds.values() if g.named]
        for g in golds.values():
            if g.named:
                c.named_gold += 1
                c.gold_share[g.label] += 1
            gi = by_id.get(g.relation)
            pi = matches.get(gi) if gi is not None else None
            if pi is None:
                if g.named:
                    c.unmatched.append((art, g, None))
                continue
            p = pred[pi]
            c.matched += 1
            identified = False
            if g.named:
                c.matched_named += 1
                identified = any(names_speaker(a, g.speaker, kind=g.kind) for a in p.actors)
                if identified:
                    c.identity_ok += 1
                else:
                    c.errors.append((art, g, p))
            _score_attributes(c, art, g, p, identified=identified)
        for p in pred:
            for actor in p.actors:
                c.pred_share[_chart_label(actor, named)] += 1 / len(p.actors)
    figures = {
        "articles": sum(1 for a in articles if a.id in reading), "named_gold": c.named_gold,
        "matched": c.matched, "matched_named": c.matched_named,
        "identity": 100 * c.identity_ok / c.matched_named if c.matched_named else 0.0,
        "recall": 100 * c.identity_ok / c.named_gold if c.named_gold else 0.0,
        "share_distance": _tv_distance(c.gold_share, c.pred_share),
        "gender": 100 * c.gender_ok / c.gender_total if c.gender_total else None,
        "role": 100 * c.role_ok / c.role_total if c.role_total else None,
        "gender_items": c.gender_total, "role_items": c.role_total,
        "gender_classes": per_class(c.gender_pairs), "role_classes": per_class(c.role_pairs),
    }
    return figures, c


def _score_attributes(c: SpeakerCounts, art: Article, g: GoldSpeaker, p: PredRelation, *, identified: bool) -> None:
    """Gender over matched relations whose named person speaker is identified and whose gold gender is
    known (female / male); role over every matched relation the reading gives a role. A prediction
    without the label counts as wrong ("none")."""
    gender = next((q.get("gender") for q in p.quotes if q.get("gender")), None) or "none"
    role = next((q.get("role") for q in p.quotes if q.get("role")), None) or "none"
    if identified and g.kind == "person" and g.gender in ("female", "male"):
        c.gender_total += 1
        c.gender_ok += gender == g.gender
        c.gender_pairs[(g.gender, gender)] += 1
        if gender != g.gender:
            c.label_errors.append((art, g, p, "gender", gender))
    if g.role and g.role != "-":
        c.role_total += 1
        c.role_ok += role == g.role
        c.role_pairs[(g.role, role)] += 1
        if role != g.role:
            c.label_errors.append((art, g, p, "role", role))


def per_class(pairs: Counter) -> dict[str, dict[str, float]]:
    """Per gold class: items, accuracy (recall) and precision, in percent, from (gold, predicted) counts.

    >>> per_class(Counter({("male", "male"): 3, ("female", "male"): 1}))["male"]
    {'n': 3, 'recall': 100.0, 'precision': 75.0}
    """
    out = {}
    for cls in sorted({gold for gold, _ in pairs}):
        n = sum(v for (gold, _), v in pairs.items() if gold == cls)
        ok = pairs[(cls, cls)]
        predicted = sum(v for (_, pred), v in pairs.items() if pred == cls)
        out[cls] = {"n": n, "recall": 100 * ok / n if n else 0.0,
                    "precision": 100 * ok / predicted if predicted else 0.0}
    return out


def evaluate(split: str | Path, reading_path: str | Path, *, _counts: list | None = None) -> dict:
    """Run the toolkit on the articles of a PolNeAR split that the reading covers, and score the speakers."""
    reading = read_reading(reading_path)
    articles = [a for a in read_split(split) if a.id in reading]
    if not articles:
        raise ReadingError(f"{reading_path}: no reading file names an article of {split}")
    missing = sorted(set(reading) - {a.id for a in articles})
    predictions = [predicted_relations(extract(art)) for art in articles]
    figures, counts = score(articles, predictions, reading)
    figures["missing_articles"] = missing
    if _counts is not None:
        _counts.append(counts)
    return figures


# --------------------------------------------------------------------------- reporting


def format_figures(fig: dict) -> str:
    ref = REFERENCE
    out = [f"Speakers: {fig['articles']} articles, {fig['named_gold']} relations with a named speaker, "
           f"{fig['matched_named']} of them matched by content",
           f"{'':26}{'toolkit':>9}{'reference':>11}",
           f"{'identity accuracy':26}{fig['identity']:9.1f}{ref['identity']:11.1f}",
           f"{'who-said-what recall':26}{fig['recall']:9.1f}{ref['recall']:11.1f}",
           f"{'share distance (lower)':26}{fig['share_distance']:9.1f}{ref['share_distance']:11.1f}"]
    for name, over in (("gender", "identified person speakers with a known gold gender"),
                       ("role", "matched relations with a gold role")):
        value = fig[name]
        classes = fig.get(name + "_classes") or {}
        majority = max(classes.items(), key=lambda kv: kv[1]["n"], default=None)
        baseline = (f"; always {majority[0]}: {100 * majority[1]['n'] / fig[name + '_items']:.1f}"
                    if majority and fig.get(name + "_items") else "")
        out.append(f"{name + ' accuracy':26}{'n/a' if value is None else f'{value:.1f}':>9}"
                   f"   over {fig.get(name + '_items', 0)} {over}{baseline}")
    for name in ("gender", "role"):
        classes = fig.get(name + "_classes") or {}
        if classes:
            out.append(f"  {name} per class (gold n, recall, precision): " + "; ".join(
                f"{cls} {v['n']} {v['recall']:.0f}/{v['precision']:.0f}" for cls, v in classes.items()))
    out.append("(reference = the toolkit when the reading was made, from the evaluation README)")
    if fig.get("missing_articles"):
        out.append(f"note: {len(fig['missing_articles'])} reading file(s) name no article of the split: "
                   + ", ".join(fig["missing_articles"][:5]))
    return "\n".join(out)


def format_errors(counts: SpeakerCounts, n: int, *, seed: int = 0) -> str:
    rng = random.Random(seed)
    sample = rng.sample(counts.errors, min(n, len(counts.errors)))
    lines = [f"\n== wrong or missing actor: {len(counts.errors)} (showing {len(sample)})"]
    for art, g, p in sorted(sample, key=lambda x: (x[0].id, int(x[1].relation[1:]) if x[1].relation[1:].isdigit()
                                                    else 0)):
        speaker = art.text[p.speaker[0][0]:p.speaker[0][1]] if p.speaker else None
        lines.append(f"-- {art.id} {g.relation}: source {g.source_text!r} -> gold {g.speaker!r}")
        lines.append(f"   predicted speaker {speaker!r} -> actor {list(p.actors) or None}")
        lines.append(f"   in: {_context(art.text, p.content)}")
    return "\n".join(lines)


def format_label_errors(counts: SpeakerCounts, n: int, *, seed: int = 0) -> str:
    """A sample of wrong gender and role labels, with the evidence the toolkit gave."""
    rng = random.Random(seed)
    sample = rng.sample(counts.label_errors, min(n, len(counts.label_errors)))
    lines = [f"\n== wrong gender or role: {len(counts.label_errors)} (showing {len(sample)})"]
    for art, g, p, label, predicted in sample:
        q = next((q for q in p.quotes if q.get(label)), p.quotes[0] if p.quotes else {})
        lines.append(f"-- {art.id} {g.relation}: {label} of {g.speaker!r} ({g.source_text!r}): gold "
                     f"{getattr(g, label)!r}, predicted {predicted!r} by {q.get(label + '_evidence')!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit evaluate speakers",
                                     description="Score quote speakers' identity against a reading of PolNeAR.")
    parser.add_argument("path", help="a PolNeAR split folder holding text/ and attributions/")
    parser.add_argument("--gold", required=True, metavar="DIR",
                        help="the reading: a folder of ARTICLE.gold.tsv files (e.g. ../shared/eval/polnear-speakers)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print N sampled relations whose actor is wrong or missing")
    args = parser.parse_args(argv)
    counts: list[SpeakerCounts] = []
    try:
        figures = evaluate(args.path, args.gold, _counts=counts)
    except (PolnearError, ReadingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_figures(figures))
    if args.errors:
        print(format_errors(counts[0], args.errors))
        print(format_label_errors(counts[0], args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
