"""Score the toolkit against brat files a person corrected (exported by ``python -m toolkit export brat``).

``python -m toolkit evaluate brat FOLDER [--errors N]``

The folder holds ``<name>.txt`` + ``<name>.ann`` pairs (and the ``metadata.tsv`` the export wrote,
which gives each article's publication date and outlet). The corrected annotations are the gold:

* attributions (``Attribution`` events over ``Source`` / ``Cue`` / ``Content`` spans, PolNeAR's
  scheme) are scored with PolNeAR's scorer (:func:`toolkit.evaluate.polnear.score`: content
  Jaccard >= 0.5, one-to-one; end-to-end with the speaker span);
* ``TIMEX3`` spans with their ``Type`` attribute and ``value=`` note are scored with the TempEval-3
  scorer (:func:`toolkit.evaluate.tempeval.score`).

The toolkit re-annotates each ``.txt`` as it stands, so an export scored before any correction
agrees with itself (100), and every correction moves the figures by what it changed.

>>> ann = "T1\\tTIMEX3 0 6\\tMonday\\nA1\\tType T1 DATE\\n#1\\tAnnotatorNotes T1\\tvalue=2024-10-21\\n"
>>> read_timexes(ann, "Monday it rained.")
[Timex(start=0, end=6, text='Monday', type='DATE', value='2024-10-21', mod=None, offset=None, anchor_at=None)]
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from toolkit.evaluate.polnear import Article, format_errors, predicted_relations, read_ann
from toolkit.evaluate.polnear import score as score_attributions
from toolkit.evaluate.tempeval import score as score_timexes
from toolkit.export.brat import read_metadata
from toolkit.time.timex import Timex

__all__ = ["BratError", "read_timexes", "read_folder", "evaluate", "main"]

_T = re.compile(r"^(T\d+)\t(\S+) (\d+) (\d+)\t")
_A = re.compile(r"^A\d+\tType (T\d+) (\S+)")
_NOTE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t(.*)$")


class BratError(ValueError):
    """A folder that holds no brat article to score."""


@dataclass
class BratArticle:
    article: Article  # text and the corrected attribution relations
    timexes: list[Timex]
    published: date | None
    source: str | None


def read_timexes(ann_text: str, text: str) -> list[Timex]:
    """The ``TIMEX3`` spans of a ``.ann`` file with their type and value, in text order."""
    spans: dict[str, tuple[int, int]] = {}
    types: dict[str, str] = {}
    notes: dict[str, dict[str, str]] = {}
    for line in ann_text.splitlines():
        m = _T.match(line)
        if m and m.group(2) == "TIMEX3":
            spans[m.group(1)] = (int(m.group(3)), int(m.group(4)))
            continue
        m = _A.match(line)
        if m:
            types[m.group(1)] = m.group(2)
            continue
        m = _NOTE.match(line)
        if m:
            facts = dict(part.strip().partition("=")[::2] for part in m.group(2).split(";") if "=" in part)
            notes.setdefault(m.group(1), {}).update(facts)
    out = []
    for tid, (s, e) in spans.items():
        facts = notes.get(tid, {})
        out.append(Timex(s, e, text[s:e], types.get(tid, "DATE"), facts.get("value", ""), facts.get("mod") or None))
    return sorted(out, key=lambda t: (t.start, t.end))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_folder(folder: str | Path) -> list[BratArticle]:
    """Every ``.txt`` + ``.ann`` pair of a folder, with the metadata the export wrote."""
    root = Path(folder)
    if not root.is_dir():
        raise BratError(f"{root}: no such folder (give the folder `python -m toolkit export brat` wrote)")
    meta = read_metadata(root)
    out = []
    for ann_path in sorted(root.glob("*.ann")):
        txt = ann_path.with_suffix(".txt")
        if not txt.is_file():
            continue
        with open(txt, encoding="utf-8", newline="") as handle:
            text = handle.read()
        with open(ann_path, encoding="utf-8", newline="") as handle:
            ann = handle.read()
        row = meta.get(ann_path.stem, {})
        article = Article(row.get("id") or ann_path.stem, text, read_ann(ann), ann_path.name)
        out.append(BratArticle(article, read_timexes(ann, text), _day(row.get("published")),
                               row.get("source") or None))
    if not out:
        raise BratError(f"{root}: no .ann file with its .txt beside it")
    return out


def evaluate(folder: str | Path, *, _counts: list | None = None) -> dict:
    """Re-annotate each article of the folder and score it against the (corrected) files."""
    from toolkit.annotate import annotate_document
    from toolkit.corpus import Document

    articles = read_folder(folder)
    relations, gold_timexes, pred_timexes = [], [], []
    for a in articles:
        record = annotate_document(Document(id=a.article.id, text=a.article.text, published=a.published,
                                            source=a.source)).to_dict()
        relations.append(predicted_relations(record.get("quotes") or []))
        gold_timexes.append(a.timexes)
        pred_timexes.append([Timex(t["start"], t["end"], t["text"], t["type"], t["value"], t.get("mod"))
                             for t in record.get("timexes") or ()])
    quotes, counts = score_attributions([a.article for a in articles], relations)
    if _counts is not None:
        _counts.append(counts)
    return {"articles": len(articles), "quotes": quotes, "timexes": score_timexes(gold_timexes, pred_timexes)}


def format_figures(fig: dict) -> str:
    q, t = fig["quotes"], fig["timexes"]
    return "\n".join([
        f"brat: {fig['articles']} articles",
        f"attributions: {q['gold']} gold, {q['predicted']} predicted, {q['matched']} matched (content Jaccard >= 0.5)",
        f"  content P / R / F1      {q['content_p']:.1f} / {q['content_r']:.1f} / {q['content_f1']:.1f}",
        f"  end-to-end F1           {q['end_to_end_f1']:.1f}",
        f"  speaker accuracy        {q['speaker_accuracy']:.1f}",
        f"TIMEX3: {t['gold']} gold, {t['system']} predicted",
        f"  strict / relaxed F1     {t['strict_f1']:.1f} / {t['relaxed_f1']:.1f}",
        f"  type / value F1         {t['type_f1']:.1f} / {t['value_f1']:.1f}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit evaluate brat",
                                     description="Score the toolkit against corrected brat files.")
    parser.add_argument("path", help="a folder of .txt + .ann files (as `python -m toolkit export brat` writes)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print N sampled missed, spurious and wrong-speaker attributions")
    args = parser.parse_args(argv)
    counts: list = []
    try:
        figures = evaluate(args.path, _counts=counts)
    except (BratError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_figures(figures))
    if args.errors:
        print(format_errors(counts[0], args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
