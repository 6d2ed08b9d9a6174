"""Score the quote extractor on PolNeAR attribution annotations (BRAT standoff).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attribution relations in
US political news: a *source* (who), a *cue* (the verb or phrase that attributes)
and a *content* (what is attributed). Attribution is broad: speech, beliefs,
intentions and evidence all count. The corpus is not shipped with the toolkit;
get it from the authors' release (https://github.com/networkdynamics/PolNeAR) and
point this module at one split::

    SPLIT/text/ARTICLE.txt
    SPLIT/attributions/ARTICLE_XXXX.ann     (one per annotator; the first in sort order is used)

``python -m toolkit.evaluate.polnear SPLIT [--errors N]``

The extractor runs through the annotate contract, exactly as users get it:
``annotate_document(document_from_record({"id", "text"})).to_dict()["quotes"]``.

Scoring (the project's definition, see the evaluation README):

* spans are compared as the sets of character offsets of their alphanumeric
  characters (quotation marks, punctuation and space ignored; fragments united);
* a predicted relation is one quote, and predicted quotes that share one cue span
  are united into one relation (their contents joined);
* predictions are matched to gold relations one-to-one, greedily by the Jaccard
  index of their contents, best pair first; a match needs Jaccard ≥ 0.5;
* content P/R/F1 count matched relations;
* end-to-end F1 counts a match as correct when the predicted speaker overlaps the
  gold Source; a gold relation with no Source (implicit) is correct end-to-end
  when the prediction has no speaker either;
* speaker accuracy is the share of matched relations with a gold Source whose
  predicted speaker overlaps it;
* a gold relation is a *direct quote* when its content is quoted words: it starts
  with a quotation mark and ends with one (white space and a final ``.,;:!?`` after
  the closing mark ignored; the fragments of a split quote taken together:
  ``"A," … "B."``). Content that only holds quoted words (``Trump as a "caricature"``,
  ``that "a hundred delegates ..."``) is a mixed quote, not a direct one.
  Direct-quote recall is matched direct / direct.

Example::

    >>> rel = GoldRelation(content=((0, 5),), cue=((6, 10),), source=())
    >>> sorted(alnum_offsets("ab, c said", rel.content))
    [0, 1, 4]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GoldRelation", "Article", "PredRelation", "read_ann", "read_split", "alnum_offsets",
           "predicted_relations", "match_relations", "score", "evaluate", "main", "REFERENCE"]

Spans = tuple[tuple[int, int], ...]

#: textacy 0.13 ``direct_quotations`` with spaCy ``en_core_web_sm`` on the dev split (evaluation README).
REFERENCE = {"name": "textacy 0.13 direct_quotations", "content_p": 79.5, "content_r": 17.7, "content_f1": 28.9,
             "end_to_end_f1": 25.8, "words_per_second": 3300}

OPENING_MARKS = "\"“‘'„«`"
CLOSING_MARKS = "\"”’'»"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


class PolnearError(Exception):
    """The folder is not a PolNeAR split (or cannot be read)."""


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One annotated attribution: character spans of content, cue and source (source may be empty)."""

    content: Spans
    cue: Spans = ()
    source: Spans = ()
    id: str = ""  # the relation's E id in the .ann file


@dataclass(slots=True)
class Article:
    id: str
    text: str
    relations: list[GoldRelation]
    ann_file: str = ""


@dataclass(slots=True)
class PredRelation:
    """A predicted relation: united content spans, the cue, the speaker (spans may be empty)."""

    content: Spans
    cue: Spans = ()
    speaker: Spans = ()
    kind: str = ""
    actor: str | None = None
    actors: tuple[str, ...] = ()  # every quote's actor (coordinated speakers share one cue)
    quotes: tuple[dict, ...] = ()  # the quotes of the annotate contract united in this relation


# --------------------------------------------------------------------------- reading


def _spans(field_text: str) -> Spans:
    return tuple(tuple(int(x) for x in part.split()) for part in field_text.split(";"))  # type: ignore[misc]


def read_ann(ann_text: str) -> list[GoldRelation]:
    """Attribution relations of one BRAT ``.ann`` file.

    ``T`` lines give labelled spans (possibly discontinuous: ``120 131;140 152``);
    ``E`` lines tie them into a relation (``Attribution:T4 Content:T3 Cue:T2 Source:T1``;
    ``Content2`` and the like are further content fragments). Relations without a
    content span are dropped.

    >>> ann = "T1\\tSource 0 3\\tKim\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 11\\tno\\n" \\
    ...       "E1\\tAttribution:T2 Content:T3 Cue:T2 Source:T1\\n"
    >>> read_ann(ann)
    [GoldRelation(content=((9, 11),), cue=((4, 8),), source=((0, 3),), id='E1')]
    """
    spans: dict[str, Spans] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann_text.splitlines():
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = _spans(m.group(3))
            continue
        m = _E_LINE.match(line)
        if m:
            roles = []
            for arg in m.group(2).split():
                role, _, ref = arg.partition(":")
                roles.append((role, ref))
            events.append((m.group(1), roles))
    relations = []
    for event_id, roles in events:
        content: list[tuple[int, int]] = []
        cue: list[tuple[int, int]] = []
        source: list[tuple[int, int]] = []
        for role, ref in roles[1:]:  # the first argument is the trigger (the relation's own label)
            bucket = content if role.startswith("Content") else cue if role.startswith("Cue") else \
                source if role.startswith("Source") else None
            if bucket is not None and ref in spans:
                bucket.extend(spans[ref])
        if content:
            relations.append(GoldRelation(tuple(sorted(content)), tuple(sorted(cue)), tuple(sorted(source)), event_id))
    return relations


def read_split(path: str | Path) -> list[Article]:
    """Articles of one PolNeAR split folder (``text/`` + ``attributions/``) that have an annotation."""
    root = Path(path)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not root.is_dir():
        raise PolnearError(f"{root}: no such folder (give a PolNeAR split such as .../polnear/dev)")
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise PolnearError(f"{root}: not a PolNeAR split (expected text/ and attributions/ folders inside)")
    ann_by_article: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        article = re.sub(r"_[^_]+$", "", ann.stem)
        ann_by_article.setdefault(article, ann)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann = ann_by_article.get(txt.stem)
        if ann is None:
            continue
        with open(txt, encoding="utf-8", errors="replace", newline="") as handle:
            text = handle.read()  # newline="" keeps offsets exact
        with open(ann, encoding="utf-8", errors="replace", newline="") as handle:
            relations = read_ann(handle.read())
        articles.append(Article(txt.stem, text, relations, ann.name))
    if not articles:
        raise PolnearError(f"{root}: no article in text/ has an annotation file in attributions/")
    return articles


# --------------------------------------------------------------------------- scoring


def alnum_offsets(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Offsets of the alphanumeric characters inside ``spans`` (fragments united)."""
    return frozenset(i for s, e in spans for i in range(max(s, 0), min(e, len(text))) if text[i].isalnum())


def predicted_relations(quotes: Sequence[dict]) -> list[PredRelation]:
    """Quotes of the annotate contract as relations; quotes sharing one cue span become one relation."""
    by_cue: dict[tuple[int, int], PredRelation] = {}
    out: list[PredRelation] = []
    for q in quotes:
        content = tuple((c["start"], c["end"]) for c in q.get("content") or ())
        cue = q.get("cue")
        speaker = q.get("speaker")
        cue_spans = ((cue["start"], cue["end"]),) if cue else ()
        speaker_spans = ((speaker["start"], speaker["end"]),) if speaker else ()
        if cue_spans and cue_spans[0] in by_cue:
            rel = by_cue[cue_spans[0]]
            rel.content = tuple(sorted(set(rel.content) | set(content)))
            rel.speaker = rel.speaker or speaker_spans
            rel.actors += (q["actor"],) if q.get("actor") and q["actor"] not in rel.actors else ()
            rel.quotes += (q,)
            continue
        rel = PredRelation(content, cue_spans, speaker_spans, q.get("kind", ""), q.get("actor"),
                           (q["actor"],) if q.get("actor") else (), (q,))
        out.append(rel)
        if cue_spans:
            by_cue[cue_spans[0]] = rel
    return out


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def match_relations(text: str, gold: Sequence[GoldRelation], pred: Sequence[PredRelation], *,
                    threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by content Jaccard (best pair first): (gold index, pred index, jaccard)."""
    g_sets = [alnum_offsets(text, g.content) for g in gold]
    p_sets = [alnum_offsets(text, p.content) for p in pred]
    pairs = []
    for gi, gs in enumerate(g_sets):
        if not gs:
            continue
        for pi, ps in enumerate(p_sets):
            if ps and not gs.isdisjoint(ps):
                j = jaccard(gs, ps)
                if j >= threshold:
                    pairs.append((j, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for j, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, j))
    return out


def is_direct(text: str, relation: GoldRelation) -> bool:
    """A direct quote: the content starts with a quotation mark and ends with one.

    >>> is_direct('He said "no." Then', GoldRelation(content=((8, 13),)))
    True
    >>> is_direct('He called it "bad."', GoldRelation(content=((10, 19),)))
    False
    """
    if not relation.content:
        return False
    first = text[relation.content[0][0]:relation.content[0][1]].strip()
    last = text[relation.content[-1][0]:relation.content[-1][1]].strip().rstrip(".,;:!? ")
    return bool(first) and bool(last) and first[0] in OPENING_MARKS and last[-1] in CLOSING_MARKS


def speaker_correct(text: str, gold: GoldRelation, pred: PredRelation) -> bool:
    if not gold.source:
        return not pred.speaker
    if not pred.speaker:
        return False
    return not alnum_offsets(text, gold.source).isdisjoint(alnum_offsets(text, pred.speaker))


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    end_to_end: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    direct: int = 0
    direct_matched: int = 0
    errors: dict[str, list] = field(default_factory=lambda: {"missed": [], "spurious": [], "speaker": []})
    judged: list = field(default_factory=list)  # (rule, confidence, right) per predicted relation


def _prf(correct: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def score(articles: Sequence[Article], predictions: Sequence[Sequence[PredRelation]]) -> tuple[dict, Counts]:
    """Figures (percentages) for predicted relations against the gold of each article."""
    c = Counts()
    for art, pred in zip(articles, predictions):
        text = art.text
        matches = match_relations(text, art.relations, pred)
        c.gold += len(art.relations)
        c.pred += len(pred)
        c.matched += len(matches)
        matched_g = {gi for gi, _, _ in matches}
        matched_p = {pi for _, pi, _ in matches}
        right = set()
        for gi, pi, _ in matches:
            g, p = art.relations[gi], pred[pi]
            ok = speaker_correct(text, g, p)
            if ok:
                right.add(pi)
            c.end_to_end += ok
            if g.source:
                c.with_source += 1
                c.speaker_ok += ok
                if not ok:
                    c.errors["speaker"].append((art, g, p))
        for gi, g in enumerate(art.relations):
            if is_direct(text, g):
                c.direct += 1
                c.direct_matched += gi in matched_g
            if gi not in matched_g:
                c.errors["missed"].append((art, g, None))
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                c.errors["spurious"].append((art, None, p))
            first = p.quotes[0] if p.quotes else {}
            c.judged.append((first.get("rule"), first.get("confidence"), pi in right))
    p, r, f = _prf(c.matched, c.pred, c.gold)
    _, _, e2e = _prf(c.end_to_end, c.pred, c.gold)
    figures = {
        "articles": len(articles), "gold": c.gold, "predicted": c.pred, "matched": c.matched,
        "content_p": p, "content_r": r, "content_f1": f, "end_to_end_f1": e2e,
        "speaker_accuracy": 100 * c.speaker_ok / c.with_source if c.with_source else 0.0,
        "direct_gold": c.direct,
        "direct_recall": 100 * c.direct_matched / c.direct if c.direct else 0.0,
    }
    return figures, c


def extract(article: Article) -> list[dict]:
    """The toolkit's quotes for one article, through the annotate contract."""
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    doc = document_from_record({"id": article.id, "text": article.text})
    return annotate_document(doc).to_dict().get("quotes", [])


def evaluate(path: str | Path, *, _counts: list | None = None) -> dict:
    """Run the extractor on every annotated article of a PolNeAR split and score it."""
    articles = read_split(path)
    predictions = []
    words = 0
    extract(Article("warm-up", "Kim said the talks were useful.", []))  # load models before timing throughput
    started = time.perf_counter()
    for art in articles:
        predictions.append(predicted_relations(extract(art)))
        words += len(art.text.split())
    elapsed = time.perf_counter() - started
    figures, counts = score(articles, predictions)
    figures["words"] = words
    figures["seconds"] = elapsed
    figures["words_per_second"] = words / elapsed if elapsed > 0 else 0.0
    if _counts is not None:
        _counts.append(counts)
    return figures


# --------------------------------------------------------------------------- reporting


def _show(text: str, spans: Spans, width: int = 160) -> str:
    s = " … ".join(text[a:b] for a, b in spans).replace("\n", " ")
    return s if len(s) <= width else s[:width - 1] + "…"


def _context(text: str, spans: Spans, width: int = 240) -> str:
    if not spans:
        return ""
    start = min(a for a, _ in spans)
    end = max(b for _, b in spans)
    lo = max(text.rfind("\n", 0, start) + 1, start - width // 2)
    hi = min(len(text), end + width // 2)
    nl = text.find("\n", end)
    if nl != -1:
        hi = min(hi, nl)
    return text[lo:hi].replace("\n", " ")


def format_errors(counts: Counts, n: int, *, seed: int = 0) -> str:
    rng = random.Random(seed)
    lines = []
    for kind in ("missed", "spurious", "speaker"):
        items = counts.errors[kind]
        sample = rng.sample(items, min(n, len(items)))
        lines.append(f"\n== {kind}: {len(items)} (showing {len(sample)})")
        for art, g, p in sample:
            text = art.text
            lines.append(f"-- {art.id}")
            if g is not None:
                lines.append(f"   gold  content: {_show(text, g.content)}")
                lines.append(f"         cue: {_show(text, g.cue)!r}  source: {_show(text, g.source)!r}")
            if p is not None:
                lines.append(f"   pred  content: {_show(text, p.content)}  [{p.kind}]")
                lines.append(f"         cue: {_show(text, p.cue)!r}  speaker: {_show(text, p.speaker)!r}"
                             f"  actor: {p.actor!r}")
            lines.append(f"   in: {_context(text, (g or p).content)}")
    return "\n".join(lines)


def format_figures(fig: dict) -> str:
    ref = REFERENCE
    rows = [
        ("content P", fig["content_p"], ref["content_p"]),
        ("content R", fig["content_r"], ref["content_r"]),
        ("content F1", fig["content_f1"], ref["content_f1"]),
        ("end-to-end F1", fig["end_to_end_f1"], ref["end_to_end_f1"]),
        ("speaker accuracy", fig["speaker_accuracy"], None),
        ("direct-quote recall", fig["direct_recall"], None),
    ]
    out = [f"PolNeAR: {fig['articles']} articles, {fig['gold']} gold relations ({fig['direct_gold']} direct), "
           f"{fig['predicted']} predicted, {fig['matched']} matched (content Jaccard >= 0.5)",
           f"{'':22}{'toolkit':>9}{'textacy':>10}"]
    for name, ours, theirs in rows:
        out.append(f"{name:22}{ours:9.1f}{'' if theirs is None else f'{theirs:10.1f}'}")
    out.append(f"{'words/s':22}{fig['words_per_second']:9,.0f}{ref['words_per_second']:10,}")
    out.append(f"(textacy = {ref['name']} with spaCy en_core_web_sm on the dev split, from the evaluation README)")
    return "\n".join(out)


#: Confidence bins of the calibration table.
BINS = (0.0, 0.3, 0.5, 0.7, 0.85, 1.0001)


def calibration(judged: Sequence[tuple[str | None, float | None, bool]]) -> list[dict]:
    """Per confidence bin: predicted relations, their mean confidence and the share right (content
    matched and speaker right): a calibrated confidence has the two close, and higher bins right
    more often.

    >>> calibration([("a", 0.9, True), ("b", 0.2, False), ("b", 0.25, True)])[0]
    {'bin': '0.00-0.30', 'relations': 2, 'mean_confidence': 22.5, 'right': 50.0}
    """
    out = []
    for lo, hi in zip(BINS, BINS[1:]):
        rows = [(c, r) for _, c, r in judged if c is not None and lo <= c < hi]
        if rows:
            out.append({"bin": f"{lo:.2f}-{min(hi, 1.0):.2f}", "relations": len(rows),
                        "mean_confidence": 100 * sum(c for c, _ in rows) / len(rows),
                        "right": 100 * sum(r for _, r in rows) / len(rows)})
    return out


def rule_table(judged: Sequence[tuple[str | None, float | None, bool]], *, min_exact: int = 8,
               min_level: int = 5) -> list[tuple[str, float, int, int]]:
    """(rule, confidence, relations, right) rows for ``data/quotes/rule_confidence.tsv``: each pattern
    with its speaker resolution (seen at least ``min_exact`` times), each pattern and each speaker
    resolution alone (at least ``min_level`` times); confidence smoothed as (right + 1) / (n + 2).

    >>> rows = rule_table([("verb:paren|speaker:name", None, True)] * 9 + [("verb:paren|speaker:name", None, False)])
    >>> [r[0] for r in rows], rows[0][1:]
    (['speaker:name', 'verb:paren', 'verb:paren|speaker:name'], (0.83, 10, 9))
    """
    counts: dict[str, list[int]] = {}
    for rule, _, right in judged:
        if not rule:
            continue
        pattern, _, speaker = rule.partition("|")
        for key, level in ((rule, "exact"), (pattern, "level"), (speaker, "level")):
            n_right = counts.setdefault(key, [0, 0, level == "exact"])
            n_right[0] += 1
            n_right[1] += right
    rows = []
    for key, (n, ok, exact) in counts.items():
        if n >= (min_exact if exact else min_level):
            rows.append((key, round((ok + 1) / (n + 2), 2), n, ok))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def format_calibration(judged: Sequence[tuple[str | None, float | None, bool]]) -> str:
    lines = ["", "confidence bin   relations   mean confidence   right (content and speaker)"]
    for row in calibration(judged):
        lines.append(f"{row['bin']:>14}{row['relations']:>12}{row['mean_confidence']:>18.1f}{row['right']:>14.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluate.polnear",
                                     description="Score the quote extractor on a PolNeAR split (BRAT attribution).")
    parser.add_argument("path", help="a PolNeAR split folder holding text/ and attributions/")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print N sampled missed, spurious and wrong-speaker relations")
    parser.add_argument("--by-rule", action="store_true",
                        help="also print the calibration table and, per rule, how often its relations were right "
                             "(the rows of data/quotes/rule_confidence.tsv)")
    args = parser.parse_args(argv)
    counts: list[Counts] = []
    try:
        figures = evaluate(args.path, _counts=counts)
    except PolnearError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_figures(figures))
    if args.by_rule:
        print(format_calibration(counts[0].judged))
        print("\nrule\tconfidence\tquotes\tright")
        for rule, conf, n, ok in rule_table(counts[0].judged):
            print(f"{rule}\t{conf:.2f}\t{n}\t{ok}")
    if args.errors:
        print(format_errors(counts[0], args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
