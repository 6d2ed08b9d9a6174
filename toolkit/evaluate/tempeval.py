"""TempEval-3 evaluation of :func:`toolkit.time.timex.tag_timexes` on TimeML (``.tml``) files.

Scoring follows TempEval-3 task A (UzZaman et al. 2013): system and gold TIMEX3 are
matched one-to-one inside each document; *strict* counts exact extents, *relaxed* any
overlap; *type* and *value* F1 count a relaxed match only when that attribute is equal
(P = correct / system, R = correct / gold).

Example::

    $ python -m toolkit.evaluate.tempeval path/to/tempeval3 --errors 20

    >>> import pathlib, tempfile
    >>> tml = pathlib.Path(tempfile.mkdtemp()) / "a.tml"
    >>> _ = tml.write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2024-10-21" '
    ...     'functionInDocument="CREATION_TIME">2024-10-21</TIMEX3></DCT><TEXT>Talks resumed '
    ...     '<TIMEX3 tid="t1" type="DATE" value="2024-10-20">yesterday</TIMEX3>.</TEXT></TimeML>')
    >>> doc = read_tml(tml)
    >>> figures = score([doc.timexes], [tag_timexes(doc.text, dct=doc.dct)])
    >>> figures["value_f1"], figures["strict_f1"]
    (100.0, 100.0)
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from toolkit.time.timex import Timex, tag_timexes

__all__ = ["TmlDocument", "TmlError", "read_tml", "score", "evaluate", "main", "HEIDELTIME"]

#: HeidelTime 2.2.1 (news, TreeTagger) on TimeBank + AQUAINT (TBAQ-cleaned), TempEval-3 scoring.
HEIDELTIME = {"strict_f1": 84.4, "relaxed_f1": 92.1, "type_f1": 88.0, "value_f1": 77.5,
              "seconds_per_article": 1.6}


class TmlError(ValueError):
    """A ``.tml`` file that cannot be read: which file and what is wrong."""

    def __init__(self, path: str | os.PathLike, problem: str) -> None:
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True, slots=True)
class TmlDocument:
    """One TimeML document: plain ``text`` (tags stripped), its DCT and the gold TIMEX3."""

    id: str
    text: str
    dct: date | datetime | None
    timexes: list[Timex]


# --------------------------------------------------------------------------- reading
def _parse_dct(value: str | None) -> date | datetime | None:
    if not value:
        return None
    value = value.strip()
    for fmt, kind in (("%Y-%m-%dT%H:%M:%S", datetime), ("%Y-%m-%dT%H:%M", datetime), ("%Y-%m-%d", date)):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed if kind is datetime else parsed.date()
    return None


def _flatten(elem: ET.Element, pieces: list[str], pos: int, found: list[tuple[int, int, dict]]) -> int:
    """Append the text of ``elem`` (without tags) to ``pieces``; record TIMEX3 spans."""
    if elem.text:
        pieces.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _flatten(child, pieces, pos, found)
        if child.tag == "TIMEX3":
            found.append((start, pos, dict(child.attrib)))
        if child.tail:
            pieces.append(child.tail)
            pos += len(child.tail)
    return pos


def read_tml(path: str | os.PathLike) -> TmlDocument:
    """Read one TimeML file; offsets of the gold TIMEX3 point into the returned ``text``."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise TmlError(path, f"not well-formed XML ({exc})") from None
    except OSError as exc:
        raise TmlError(path, f"cannot read file ({exc.strerror or exc})") from None
    body = root.find("TEXT") if root.tag != "TEXT" else root
    if body is None:
        raise TmlError(path, "no <TEXT> element")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(timex.get("value"))
            break
    pieces: list[str] = []
    found: list[tuple[int, int, dict]] = []
    _flatten(body, pieces, 0, found)
    text = "".join(pieces)
    timexes = []
    for start, end, attrs in found:
        if "type" not in attrs or "value" not in attrs:
            raise TmlError(path, f"TIMEX3 {attrs.get('tid', '?')} lacks a type or value attribute")
        timexes.append(Timex(start, end, text[start:end], attrs["type"], attrs["value"], attrs.get("mod")))
    docid = root.findtext("DOCID") or path.stem
    return TmlDocument(docid.strip(), text, dct, timexes)


# --------------------------------------------------------------------------- scoring
def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _align(gold: Sequence[Timex], pred: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one overlap matching: exact extents first, then the largest overlap."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = _overlap(g, p)
            if ov > 0:
                exact = g.start == p.start and g.end == p.end
                pairs.append((not exact, -ov, abs(g.start - p.start), i, j))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for *_, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched.append((i, j))
    return matched


def _prf(correct: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: Sequence[Sequence[Timex]], pred: Sequence[Sequence[Timex]]) -> dict:
    """TempEval-3 figures for parallel lists (one list of timexes per document), in percent."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} documents, pred has {len(pred)}")
    n_gold = sum(len(g) for g in gold)
    n_pred = sum(len(p) for p in pred)
    strict = relaxed = type_ok = value_ok = 0
    for g_doc, p_doc in zip(gold, pred):
        for i, j in _align(g_doc, p_doc):
            g, p = g_doc[i], p_doc[j]
            relaxed += 1
            strict += g.start == p.start and g.end == p.end
            type_ok += g.type == p.type
            value_ok += g.value == p.value
    out: dict = {"gold": n_gold, "system": n_pred}
    for name, correct in (("strict", strict), ("relaxed", relaxed), ("type", type_ok), ("value", value_ok)):
        p, r, f = _prf(correct, n_pred, n_gold)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = 100 * p, 100 * r, 100 * f
    return out


# --------------------------------------------------------------------------- running
def _tml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*.tml") if p.is_file())


def _parts(root: Path, files: Sequence[Path]) -> list[str]:
    """The part of the corpus each file belongs to: its first folder under ``root`` ("AQUAINT",
    "TimeBank"), or "" for a file directly in it.

    >>> _parts(Path("te3"), [Path("te3/AQUAINT/a.tml"), Path("te3/TimeBank/x/b.tml"), Path("te3/c.tml")])
    ['AQUAINT', 'TimeBank', '']
    """
    out = []
    for f in files:
        try:
            rel = f.relative_to(root).parts
        except ValueError:
            rel = ()
        out.append(rel[0] if len(rel) > 1 else "")
    return out


def _run(path: str | os.PathLike, limit: int | None
         ) -> tuple[list[TmlDocument], list[list[Timex]], float, list[str]]:
    """Read and tag the ``.tml`` files under ``path``: documents, predictions, tagging seconds and
    the corpus part of each document (:func:`_parts`)."""
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"no such file or folder: {root}")
    files = _tml_files(root)[:limit] if limit else _tml_files(root)
    if not files:
        raise FileNotFoundError(f"no .tml files under {root}")
    docs = [read_tml(f) for f in files]
    preds = []
    started = time.perf_counter()
    for doc in docs:
        preds.append(tag_timexes(doc.text, dct=doc.dct))
    return docs, preds, time.perf_counter() - started, _parts(root, files)


def evaluate(path: str | os.PathLike, *, limit: int | None = None) -> dict:
    """Tag every ``.tml`` under ``path`` and score against its gold TIMEX3; ``figures["parts"]``
    holds the same figures for each sub-folder ("AQUAINT", "TimeBank") when there are several."""
    docs, preds, elapsed, parts = _run(path, limit)
    figures = _figures(docs, preds, elapsed)
    figures["parts"] = _part_figures(docs, preds, parts)
    return figures


def _part_figures(docs: list[TmlDocument], preds: list[list[Timex]], parts: list[str]) -> dict[str, dict]:
    """Scores by corpus part (sub-folder), when the documents come from more than one."""
    by_part: dict[str, tuple[list[TmlDocument], list[list[Timex]]]] = {}
    for doc, pred, part in zip(docs, preds, parts):
        ds, ps = by_part.setdefault(part, ([], []))
        ds.append(doc)
        ps.append(pred)
    if len(by_part) < 2:
        return {}
    out = {}
    for part, (ds, ps) in sorted(by_part.items()):
        fig = score([d.timexes for d in ds], ps)
        fig["documents"] = len(ds)
        out[part or "(top)"] = fig
    return out


def _figures(docs: list[TmlDocument], preds: list[list[Timex]], elapsed: float) -> dict:
    figures = score([d.timexes for d in docs], preds)
    words = sum(len(d.text.split()) for d in docs)
    figures.update(seconds=elapsed, documents=len(docs), words=words,
                   words_per_s=words / elapsed if elapsed > 0 else float("inf"))
    return figures


# --------------------------------------------------------------------------- reporting
def _context(text: str, start: int, end: int, width: int = 45) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def _errors(docs: list[TmlDocument], preds: list[list[Timex]], n: int) -> str:
    misses, false_pos, extents, wrong = [], [], [], []
    for doc, pred in zip(docs, preds):
        pairs = _align(doc.timexes, pred)
        gi = {i for i, _ in pairs}
        pj = {j for _, j in pairs}
        dct = doc.dct.isoformat() if doc.dct else "-"
        for i, g in enumerate(doc.timexes):
            if i not in gi:
                misses.append(f"{doc.id} {dct}  {g.type} {g.value}  {_context(doc.text, g.start, g.end)}")
        for j, p in enumerate(pred):
            if j not in pj:
                false_pos.append(f"{doc.id} {dct}  {p.type} {p.value}  {_context(doc.text, p.start, p.end)}")
        for i, j in pairs:
            g, p = doc.timexes[i], pred[j]
            if (g.start, g.end) != (p.start, p.end):
                extents.append(f"{doc.id}  gold {g.text!r} / sys {p.text!r}")
            if g.value != p.value or g.type != p.type:
                wrong.append(f"{doc.id} {dct}  gold {g.type} {g.value} / sys {p.type} {p.value}  "
                             f"{_context(doc.text, g.start, g.end)}")
    blocks = []
    for title, rows in (("missed", misses), ("false positives", false_pos),
                        ("extent differs", extents), ("wrong type/value", wrong)):
        blocks.append(f"\n{title} ({len(rows)}):")
        blocks.extend("  " + r for r in rows[:n])
    return "\n".join(blocks)


def _table(fig: dict) -> str:
    hd = HEIDELTIME
    lines = [f"TempEval-3: {fig['documents']} documents, {fig['gold']} gold TIMEX3, {fig['system']} system",
             f"{'':10}{'P':>7}{'R':>7}{'F1':>7}   HeidelTime 2.2.1 F1"]
    for name in ("strict", "relaxed", "type", "value"):
        lines.append(f"{name:10}{fig[name + '_p']:7.1f}{fig[name + '_r']:7.1f}{fig[name + '_f1']:7.1f}"
                     f"   {hd[name + '_f1']:.1f}")
    per_article = fig["seconds"] / fig["documents"] if fig["documents"] else 0.0
    lines.append(f"speed: {fig['words']} words in {fig['seconds']:.3f} s = {fig['words_per_s']:,.0f} words/s, "
                 f"{per_article * 1000:.2f} ms/article (HeidelTime {hd['seconds_per_article']} s/article)")
    return "\n".join(lines)


def _parts_table(parts: dict[str, dict]) -> str:
    """One line of F1 figures per corpus part."""
    lines = [f"{'by part':18}{'docs':>6}{'gold':>6}{'strict':>8}{'relaxed':>8}{'type':>7}{'value':>7}"]
    for part, fig in parts.items():
        lines.append(f"{part:18}{fig['documents']:6d}{fig['gold']:6d}{fig['strict_f1']:8.1f}"
                     f"{fig['relaxed_f1']:8.1f}{fig['type_f1']:7.1f}{fig['value_f1']:7.1f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.evaluate.tempeval",
                                     description="Score the TIMEX3 tagger on TempEval-3 TimeML files.")
    parser.add_argument("path", help="a .tml file or a folder searched recursively for .tml files")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N example misses, false positives and wrong values")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        docs, preds, elapsed, doc_parts = _run(args.path, args.limit)
    except (FileNotFoundError, TmlError) as exc:
        print(f"tempeval: {exc}", file=sys.stderr)
        return 2
    print(_table(_figures(docs, preds, elapsed)))
    parts = _part_figures(docs, preds, doc_parts)
    if parts:
        print(_parts_table(parts))
    if args.errors:
        print(_errors(docs, preds, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
