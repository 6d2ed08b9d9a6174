"""Score the toolkit's stances (who stands where toward whom) against a reading of PolNeAR articles.

The reading (``stance-reading/`` in the evaluation folder; how it was made: its ``GUIDE.md``)
lists every stance an article reports one actor taking toward another, per sentence::

    READING/ARTICLE.sentences.tsv   sentence  start  end  text        (offsets into ARTICLE.txt)
    READING/ARTICLE.stances.tsv     sentence  holder  target  polarity  evidence

``python -m toolkit evaluate stances TEXT_DIR --gold READING [--errors N]``

``TEXT_DIR`` holds the ``ARTICLE.txt`` files (e.g. ``polnear/dev/text``); only the articles
with a stances file are scored.

Scoring (the project's definition, see the evaluation README):

* **system stances considered**: those whose ``source`` and ``target`` are both set (each named by
  its canonical ``actor``, else its mention text) and whose polarity is positive or negative;
* a system stance sits in the gold sentences whose character spans overlap its own sentence's;
* a system stance **matches** a gold stance when their sentences overlap and the holder and the
  target each name the gold ones (:func:`names_actor`: the name matching of ``polnear-speakers/``,
  as a person, an organisation or a group). Polarity is *not* required for a match: precision,
  recall and F1 count matches on sentence, holder and target alone, and **polarity accuracy** is
  the share of matched pairs whose polarities agree. Matching is one-to-one and greedy: candidate
  pairs with the same polarity first, then in sentence order;
* **pair F1**: per article, the distinct (holder, target, polarity) triples of the gold (holder
  and target by their first, canonical name) against those of the system, a system triple read as
  the first gold triple whose holder and target it names with the same polarity (else as itself);
  true positives, predicted and gold triples are summed over the articles.

Example::

    >>> names_actor("Trump", "Donald Trump")
    True
    >>> names_actor("House Republicans", "Republicans")
    True
    >>> names_actor("Melania Trump", "Donald Trump")
    False
"""
from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.evaluate.readings import ReadingError, tsv_rows
from toolkit.evaluate.speakers import names_speaker

__all__ = ["GoldSentence", "GoldStance", "ArticleReading", "SysStance", "read_reading", "names_actor",
           "system_stances", "score", "evaluate", "main", "REFERENCE"]

#: The toolkit as it stood when the reading was made (evaluation README).
REFERENCE = {"precision": 13.4, "recall": 8.6, "f1": 10.5, "pair_f1": 13.6}

SENTENCE_COLUMNS = ("sentence", "start", "end", "text")
STANCE_COLUMNS = ("sentence", "holder", "target", "polarity", "evidence")
POLARITIES = ("positive", "negative")
#: The kinds a name is tried as: the stance reading has no kind column.
_KINDS = ("person", "organisation", "group")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One line of ``ARTICLE.sentences.tsv``: a numbered sentence and its span in ``ARTICLE.txt``."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldStance:
    """One line of ``ARTICLE.stances.tsv``; names may list alternatives after ``|``."""

    sentence: int
    holder: str
    target: str
    polarity: str
    evidence: str

    @property
    def triple(self) -> tuple[str, str, str]:
        """(holder, target, polarity) by the canonical (first) names: what a stance matrix shows.

        >>> GoldStance(1, "Trump campaign|Donald Trump", "Hillary Clinton", "negative", "").triple
        ('Trump campaign', 'Hillary Clinton', 'negative')
        """
        return _label(self.holder), _label(self.target), self.polarity


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """The reading of one article: its sentences by number and its gold stances."""

    sentences: dict[int, GoldSentence]
    stances: tuple[GoldStance, ...]


@dataclass(frozen=True, slots=True)
class SysStance:
    """A system stance as scored: its sentence's span, the names of holder and target, polarity, evidence."""

    start: int
    end: int
    holder: str
    target: str
    polarity: str
    cue: str | None = None
    via: str | None = None
    text: str = ""  # the sentence, for error listings


def _label(name: str) -> str:
    return name.split("|")[0].strip()


# --------------------------------------------------------------------------- reading


def _int(tsv: Path, n: int, column: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ReadingError(f"{tsv}, line {n}: {column} {value!r} is not a number") from None


def read_sentences(tsv: Path) -> dict[int, GoldSentence]:
    """``ARTICLE.sentences.tsv``: sentence number -> sentence."""
    out: dict[int, GoldSentence] = {}
    for n, (number, start, end, text) in tsv_rows(tsv, SENTENCE_COLUMNS):
        num = _int(tsv, n, "sentence", number)
        out[num] = GoldSentence(num, _int(tsv, n, "start", start), _int(tsv, n, "end", end), text)
    return out


def read_stances(tsv: Path, sentences: dict[int, GoldSentence]) -> tuple[GoldStance, ...]:
    """``ARTICLE.stances.tsv``, each line's sentence checked against the sentences file."""
    out = []
    for n, (number, holder, target, polarity, evidence) in tsv_rows(tsv, STANCE_COLUMNS):
        num = _int(tsv, n, "sentence", number)
        if num not in sentences:
            raise ReadingError(f"{tsv}, line {n}: sentence {num} is not in the sentences file")
        if polarity not in POLARITIES:
            raise ReadingError(f"{tsv}, line {n}: polarity {polarity!r}, expected positive or negative")
        if not holder or not target:
            raise ReadingError(f"{tsv}, line {n}: the holder and the target must both be given")
        out.append(GoldStance(num, holder, target, polarity, evidence))
    return tuple(out)


def read_reading(path: str | Path) -> dict[str, ArticleReading]:
    """The ``ARTICLE.stances.tsv`` files of a reading folder with their sentences: article id -> reading."""
    root = Path(path)
    if not root.is_dir():
        raise ReadingError(f"{root}: no such folder (give the reading, e.g. ../shared/eval/stance-reading)")
    out: dict[str, ArticleReading] = {}
    for tsv in sorted(root.glob("*.stances.tsv")):
        article = tsv.name[:-len(".stances.tsv")]
        sentences_tsv = root / f"{article}.sentences.tsv"
        if not sentences_tsv.is_file():
            raise ReadingError(f"{tsv}: no {sentences_tsv.name} beside it")
        sentences = read_sentences(sentences_tsv)
        out[article] = ArticleReading(sentences, read_stances(tsv, sentences))
    if not out:
        raise ReadingError(f"{root}: no ARTICLE.stances.tsv file")
    return out


def check_offsets(article: str, text: str, reading: ArticleReading) -> None:
    """The reading's sentence offsets must cut its sentences out of this text (else: another text)."""
    for s in reading.sentences.values():
        if text[s.start:s.end] != s.text:
            raise ReadingError(f"{article}: sentence {s.number} ({s.start}-{s.end}) does not match the text "
                               "file; give the texts the reading was made on")


# --------------------------------------------------------------------------- name matching


def names_actor(name: str | None, gold: str) -> bool:
    """Whether a system name names the gold actor (any alternative after ``|``), as a person,
    an organisation or a named group (:func:`toolkit.evaluate.speakers.names_speaker`).

    >>> names_actor("Washington Post", "The Washington Post")
    True
    >>> names_actor("he", "Tim Kaine")
    False
    """
    return any(names_speaker(name, gold, kind=kind) for kind in _KINDS)


# --------------------------------------------------------------------------- the system's stances


def _name(party: dict | None) -> str | None:
    if not party:
        return None
    return party.get("actor") or party.get("text") or None


def system_stances(record: dict, *, min_confidence: float = 0.0) -> list[SysStance]:
    """The stances of an annotated record that are scored: holder and target both actors, polarity
    positive or negative, confidence at least ``min_confidence``; each placed in its sentence's span.

    >>> rec = {"text": "Kaine praised Clinton.", "sentences": [{"start": 0, "end": 22}],
    ...        "stances": [{"source": {"text": "Kaine", "actor": "Tim Kaine"}, "target": {"text": "Clinton",
    ...                     "actor": None}, "polarity": "positive", "cue": {"text": "praised"}, "sentence": 0},
    ...                    {"source": None, "target": {"text": "Clinton", "actor": "Hillary Clinton"},
    ...                     "polarity": "negative", "cue": None, "sentence": 0}]}
    >>> [(s.holder, s.target, s.polarity, s.cue) for s in system_stances(rec)]
    [('Tim Kaine', 'Clinton', 'positive', 'praised')]
    """
    out = []
    sentences = record.get("sentences") or []
    for st in record.get("stances") or []:
        holder, target = _name(st.get("source")), _name(st.get("target"))
        if not holder or not target or st.get("polarity") not in POLARITIES:
            continue
        if float(st.get("confidence", 1.0)) < min_confidence:
            continue
        sent = sentences[st["sentence"]]
        cue = (st.get("cue") or {}).get("text")
        via = st.get("via") or st.get("rule")
        out.append(SysStance(sent["start"], sent["end"], holder, target, st["polarity"], cue, via,
                             record.get("text", "")[sent["start"]:sent["end"]]))
    return out


def annotate_text(article: str, text: str) -> dict:
    """The toolkit's record for a text, through the annotate contract as users get it."""
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record
    return annotate_document(document_from_record({"id": article, "text": text})).to_dict()


# --------------------------------------------------------------------------- scoring


@dataclass
class StanceCounts:
    gold: int = 0
    system: int = 0
    matched: int = 0
    polarity_ok: int = 0
    pair_tp: int = 0
    pair_pred: int = 0
    pair_gold: int = 0
    false_positives: list = field(default_factory=list)  # (article, SysStance)
    by_rule: dict = field(default_factory=dict)  # rule -> [matched, system]
    missed: list = field(default_factory=list)  # (article, GoldStance, GoldSentence)


def gold_sentences_of(stance: SysStance, sentences: dict[int, GoldSentence]) -> frozenset[int]:
    """The numbers of the gold sentences whose spans overlap the system stance's sentence.

    >>> gold_sentences_of(SysStance(5, 20, "a", "b", "positive"),
    ...                   {1: GoldSentence(1, 0, 6, ""), 2: GoldSentence(2, 7, 30, ""), 3: GoldSentence(3, 30, 40, "")})
    frozenset({1, 2})
    """
    return frozenset(n for n, s in sentences.items() if s.start < stance.end and stance.start < s.end)


def _names_both(s: SysStance, g: GoldStance) -> bool:
    return names_actor(s.holder, g.holder) and names_actor(s.target, g.target)


def match_stances(system: Sequence[SysStance], reading: ArticleReading) -> list[tuple[int, int]]:
    """One-to-one (system index, gold index) matches: overlapping sentences, holder and target named;
    greedy, pairs of the same polarity first, then in order."""
    candidates = []
    for si, s in enumerate(system):
        where = gold_sentences_of(s, reading.sentences)
        for gi, g in enumerate(reading.stances):
            if g.sentence in where and _names_both(s, g):
                candidates.append((s.polarity != g.polarity, si, gi))
    used_s: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, si, gi in sorted(candidates):
        if si not in used_s and gi not in used_g:
            used_s.add(si)
            used_g.add(gi)
            out.append((si, gi))
    return sorted(out)


def system_triples(system: Sequence[SysStance], gold: Sequence[GoldStance]) -> set[tuple[str, str, str]]:
    """The system's distinct (holder, target, polarity) triples, each read as the first gold triple
    it names with the same polarity, else as itself.

    >>> sorted(system_triples([SysStance(0, 1, "Trump", "Clinton", "negative"),
    ...                        SysStance(0, 1, "Donald Trump", "Hillary Clinton", "negative"),
    ...                        SysStance(0, 1, "Trump", "Clinton", "positive")],
    ...                       [GoldStance(1, "Donald Trump", "Hillary Clinton", "negative", "")]))
    [('Donald Trump', 'Hillary Clinton', 'negative'), ('Trump', 'Clinton', 'positive')]
    """
    out = set()
    for s in system:
        named = next((g.triple for g in gold if g.polarity == s.polarity and _names_both(s, g)), None)
        out.add(named or (s.holder, s.target, s.polarity))
    return out


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = 100 * tp / pred if pred else 0.0
    r = 100 * tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(c: StanceCounts, article: str, system: Sequence[SysStance], reading: ArticleReading) -> None:
    """Add one article's matches, misses and triples to the counts."""
    matches = match_stances(system, reading)
    c.gold += len(reading.stances)
    c.system += len(system)
    c.matched += len(matches)
    c.polarity_ok += sum(system[si].polarity == reading.stances[gi].polarity for si, gi in matches)
    matched_s = {si for si, _ in matches}
    matched_g = {gi for _, gi in matches}
    for si, s in enumerate(system):
        tally = c.by_rule.setdefault(s.via or "(none)", [0, 0])
        tally[0] += si in matched_s and s.polarity == reading.stances[dict(matches)[si]].polarity
        tally[1] += 1
    c.false_positives += [(article, s) for si, s in enumerate(system) if si not in matched_s]
    c.missed += [(article, g, reading.sentences[g.sentence]) for gi, g in enumerate(reading.stances)
                 if gi not in matched_g]
    gold_triples = {g.triple for g in reading.stances}
    predicted = system_triples(system, reading.stances)
    c.pair_tp += len(gold_triples & predicted)
    c.pair_pred += len(predicted)
    c.pair_gold += len(gold_triples)


def score(systems: dict[str, Sequence[SysStance]], reading: dict[str, ArticleReading]) -> tuple[dict, StanceCounts]:
    """Figures (percentages) for the system stances of each article (id -> stances) against the reading.

    The articles scored are those in both; give an article the system found nothing in as an empty list.
    """
    c = StanceCounts()
    for article in sorted(systems):
        if article in reading:
            score_article(c, article, systems[article], reading[article])
    precision, recall, f1 = _prf(c.matched, c.system, c.gold)
    pair_p, pair_r, pair_f1 = _prf(c.pair_tp, c.pair_pred, c.pair_gold)
    figures = {"articles": sum(1 for a in systems if a in reading), "gold": c.gold, "system": c.system,
               "matched": c.matched, "precision": precision, "recall": recall, "f1": f1,
               "polarity": 100 * c.polarity_ok / c.matched if c.matched else None,
               "pair_tp": c.pair_tp, "pair_pred": c.pair_pred, "pair_gold": c.pair_gold,
               "pair_precision": pair_p, "pair_recall": pair_r, "pair_f1": pair_f1}
    return figures, c


def evaluate(text_dir: str | Path, reading_path: str | Path, *, min_confidence: float = 0.0,
             _counts: list | None = None) -> dict:
    """Run the toolkit on the texts the reading covers and score its stances (those of at least
    ``min_confidence``)."""
    reading = read_reading(reading_path)
    root = Path(text_dir)
    if not root.is_dir():
        raise ReadingError(f"{root}: no such folder (give the texts, e.g. ../shared/eval/polnear/dev/text)")
    systems: dict[str, list[SysStance]] = {}
    for article, art_reading in reading.items():
        path = root / f"{article}.txt"
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        check_offsets(article, text, art_reading)
        systems[article] = system_stances(annotate_text(article, text), min_confidence=min_confidence)
    if not systems:
        raise ReadingError(f"{reading_path}: no reading file names an article of {root}")
    figures, counts = score(systems, reading)
    figures["missing_articles"] = sorted(set(reading) - set(systems))
    if _counts is not None:
        _counts.append(counts)
    return figures


# --------------------------------------------------------------------------- reporting


def format_figures(fig: dict) -> str:
    """The figures beside the reference."""
    ref = REFERENCE
    polarity = "n/a" if fig["polarity"] is None else f"{fig['polarity']:.1f}"
    out = [f"Stances: {fig['articles']} articles, {fig['gold']} gold stances, {fig['system']} system stances "
           f"between actors, {fig['matched']} matched",
           f"{'':26}{'toolkit':>9}{'reference':>11}",
           f"{'precision':26}{fig['precision']:9.1f}{ref['precision']:11.1f}",
           f"{'recall':26}{fig['recall']:9.1f}{ref['recall']:11.1f}",
           f"{'F1':26}{fig['f1']:9.1f}{ref['f1']:11.1f}",
           f"{'polarity accuracy':26}{polarity:>9}",
           f"{'pair F1':26}{fig['pair_f1']:9.1f}{ref['pair_f1']:11.1f}",
           f"(pairs: {fig['pair_tp']} of {fig['pair_pred']} system and {fig['pair_gold']} gold (holder, target, "
           f"polarity) triples; P {fig['pair_precision']:.1f}, R {fig['pair_recall']:.1f})",
           "(reference = the toolkit when the reading was made, from the evaluation README)"]
    if fig.get("missing_articles"):
        out.append(f"note: {len(fig['missing_articles'])} reading file(s) have no text in the folder: "
                   + ", ".join(fig["missing_articles"][:5]))
    return "\n".join(out)


def format_errors(counts: StanceCounts, n: int, *, seed: int = 0) -> str:
    """N sampled false positives and N sampled missed gold stances."""
    rng = random.Random(seed)
    fps = sorted(rng.sample(counts.false_positives, min(n, len(counts.false_positives))),
                 key=lambda x: (x[0], x[1].start))
    lines = [f"\n== false positives: {len(counts.false_positives)} (showing {len(fps)})"]
    for article, s in fps:
        extra = "".join(f", {k} {v!r}" for k, v in (("cue", s.cue), ("via", s.via)) if v)
        lines.append(f"-- {article}: {s.holder!r} -> {s.target!r} {s.polarity}{extra}")
        lines.append(f"   in: {s.text}")
    missed = sorted(rng.sample(counts.missed, min(n, len(counts.missed))), key=lambda x: (x[0], x[1].sentence))
    lines.append(f"\n== missed gold stances: {len(counts.missed)} (showing {len(missed)})")
    for article, g, sent in missed:
        lines.append(f"-- {article} sentence {g.sentence}: {g.holder!r} -> {g.target!r} {g.polarity}, "
                     f"evidence {g.evidence!r}")
        lines.append(f"   in: {sent.text}")
    return "\n".join(lines)


def format_rules(counts: StanceCounts) -> str:
    """Each rule's stances: how many, how many a reader signed (matched, same polarity), that share.

    This is how ``toolkit/data/stance/rule_confidence.tsv`` is measured.
    """
    lines = ["", f"{'rule':24}{'stances':>8}{'right':>7}{'share':>8}{'smoothed':>10}"]
    for rule, (right, total) in sorted(counts.by_rule.items(), key=lambda x: -x[1][1]):
        lines.append(f"{rule:24}{total:8}{right:7}{100 * right / total:8.1f}{(right + 1) / (total + 2):10.2f}")
    lines.append("(smoothed = (right + 1) / (stances + 2): the confidence written to data/stance/rule_confidence.tsv)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit evaluate stances",
                                     description="Score stances between actors against a stance reading.")
    parser.add_argument("path", help="a folder of ARTICLE.txt files (e.g. ../shared/eval/polnear/dev/text)")
    parser.add_argument("--gold", required=True, metavar="DIR",
                        help="the reading: ARTICLE.sentences.tsv + ARTICLE.stances.tsv "
                             "(e.g. ../shared/eval/stance-reading)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print N sampled false positives and N sampled missed gold stances")
    parser.add_argument("--min-confidence", type=float, default=0.0, metavar="C",
                        help="score only the stances whose confidence is at least C (0..1)")
    parser.add_argument("--by-rule", action="store_true",
                        help="also print, for each rule, its stances and the share a reader signed")
    args = parser.parse_args(argv)
    counts: list[StanceCounts] = []
    try:
        if not 0.0 <= args.min_confidence <= 1.0:
            raise ReadingError(f"--min-confidence must be between 0 and 1, not {args.min_confidence}")
        figures = evaluate(args.path, args.gold, min_confidence=args.min_confidence, _counts=counts)
    except ReadingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_figures(figures))
    if args.by_rule:
        print(format_rules(counts[0]))
    if args.errors:
        print(format_errors(counts[0], args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
