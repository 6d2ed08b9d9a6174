"""Annotations as brat standoff files (``.txt`` + ``.ann``), to check and correct them in brat or INCEpTION.

Each article becomes ``<name>.txt`` (its text exactly as annotated, so offsets hold) and
``<name>.ann`` in brat's standoff format, with PolNeAR's attribution scheme for quotes, so a
corrected file scores with the same scorer as PolNeAR (``python -m toolkit evaluate brat DIR``):

* ``Source`` / ``Cue`` / ``Content`` spans, tied by an ``Attribution`` event at the cue
  (``E1  Attribution:T4 Content:T3 Cue:T2 Source:T1``); a quote split around its cue is one
  discontinuous ``Content`` span;
* ``Actor`` spans for actor mentions, the canonical actor in an ``AnnotatorNotes`` line
  (``#1  AnnotatorNotes T5  actor=Kim Hong-kyun; kind=person; role=government``);
* ``TIMEX3`` spans with a ``Type`` attribute and the value in a note (``value=2024-10-21``);
* stances as relations between holder and target mentions (``R1  Stance_negative Arg1:T5 Arg2:T9``).

``annotation.conf`` and ``visual.conf`` beside them declare the scheme, and ``metadata.tsv`` keeps
each article's id, publication date and outlet (the date the temporal values are resolved
against, needed to score a corrected file).

>>> rec = {"id": "a", "text": "Kim said no.", "published": "2024-10-21",
...        "actors": [{"start": 0, "end": 3, "text": "Kim", "actor": "Kim Hong-kyun", "kind": "person"}],
...        "quotes": [{"content": [{"start": 9, "end": 11}], "cue": {"start": 4, "end": 8, "text": "said"},
...                    "speaker": {"start": 0, "end": 3, "text": "Kim"}}]}
>>> print(record_to_ann(rec))
T1	Source 0 3	Kim
T2	Cue 4 8	said
T3	Content 9 11	no
T4	Attribution 4 8	said
E1	Attribution:T4 Source:T1 Cue:T2 Content:T3
T5	Actor 0 3	Kim
#1	AnnotatorNotes T5	actor=Kim Hong-kyun; kind=person
<BLANKLINE>
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from toolkit.files import file_stem, write_text

__all__ = ["record_to_ann", "export_brat", "file_stem", "ANNOTATION_CONF", "VISUAL_CONF", "read_metadata"]

#: The scheme, for brat's ``annotation.conf`` (INCEpTION imports it too).
ANNOTATION_CONF = """[entities]
Source
Cue
Content
Actor
TIMEX3

[relations]
Stance_positive\tArg1:Actor, Arg2:Actor
Stance_negative\tArg1:Actor, Arg2:Actor
Stance_neutral\tArg1:Actor, Arg2:Actor

[events]
Attribution\tSource*:Source, Cue?:Cue, Content+:Content

[attributes]
Type\tArg:TIMEX3, Value:DATE|TIME|DURATION|SET
"""
VISUAL_CONF = """[labels]
Source | Source
Cue | Cue
Content | Content
Actor | Actor
TIMEX3 | TIMEX3
Attribution | Attribution
Stance_positive | supports
Stance_negative | opposes
Stance_neutral | neutral

[drawing]
Source\tbgColor:#fdd49e
Cue\tbgColor:#c7e9c0
Content\tbgColor:#deebf7
Actor\tbgColor:#e5e5e5
TIMEX3\tbgColor:#fcc5c0
Attribution\tbgColor:#c7e9c0
Stance_positive\tcolor:#1a9850
Stance_negative\tcolor:#d73027
Stance_neutral\tcolor:#777777
"""


def _clean(text: str) -> str:
    """Span text on one line, as brat writes it (newlines inside a span become spaces)."""
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


class _Ann:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.t = self.e = self.r = self.n = self.a = 0
        self.spans: dict[tuple[str, tuple], str] = {}

    def span(self, label: str, spans: Iterable[tuple[int, int]], *, reuse: bool = True) -> str:
        spans = tuple(sorted((int(s), int(e)) for s, e in spans if int(e) > int(s)))
        key = (label, spans)
        if reuse and key in self.spans:
            return self.spans[key]
        self.t += 1
        tid = f"T{self.t}"
        where = ";".join(f"{s} {e}" for s, e in spans)
        words = " ".join(_clean(self.text[s:e]) for s, e in spans)
        self.lines.append(f"{tid}\t{label} {where}\t{words}")
        self.spans[key] = tid
        return tid

    def note(self, tid: str, note: str) -> None:
        self.n += 1
        self.lines.append(f"#{self.n}\tAnnotatorNotes {tid}\t{_clean(note)}")

    def attribute(self, name: str, tid: str, value: str) -> None:
        self.a += 1
        self.lines.append(f"A{self.a}\t{name} {tid} {value}")


def record_to_ann(record: dict) -> str:
    """The brat ``.ann`` text of one annotation record (the annotate contract)."""
    text = record.get("text") or ""
    ann = _Ann(text)
    if not text:
        return ""  # a record stored without its text: no span could be checked against it
    # quotes sharing a cue ("Russia and North Korea denied ...": one quote per speaker) are one
    # attribution, as PolNeAR annotates them and its scorer reads them
    relations: dict[object, dict] = {}
    for i, q in enumerate(record.get("quotes") or ()):
        content = [(c["start"], c["end"]) for c in q.get("content") or ()]
        if not content:
            continue
        cue = q.get("cue")
        key = (cue["start"], cue["end"]) if cue else ("quote", i)
        rel = relations.setdefault(key, {"cue": cue, "sources": [], "content": []})
        speaker = q.get("speaker")
        if speaker and (speaker["start"], speaker["end"]) not in rel["sources"]:
            rel["sources"].append((speaker["start"], speaker["end"]))
        rel["content"].extend(c for c in content if c not in rel["content"])
    for rel in relations.values():
        args = []
        for n, source in enumerate(rel["sources"], start=1):
            args.append(f"Source{'' if n == 1 else n}:{ann.span('Source', [source])}")
        cue = rel["cue"]
        if cue:
            args.append(f"Cue:{ann.span('Cue', [(cue['start'], cue['end'])])}")
        args.append(f"Content:{ann.span('Content', rel['content'], reuse=False)}")
        trigger_at = [(cue["start"], cue["end"])] if cue else rel["content"][:1]
        trigger = ann.span("Attribution", trigger_at, reuse=False)
        ann.e += 1
        ann.lines.append(f"E{ann.e}\tAttribution:{trigger} " + " ".join(args))
    mention_ids: dict[tuple[int, int], str] = {}
    for m in record.get("actors") or ():
        key = (m["start"], m["end"])
        if key in mention_ids or m["end"] <= m["start"]:
            continue
        tid = mention_ids[key] = ann.span("Actor", [key])
        facts = [f"actor={m.get('actor')}", f"kind={m.get('kind')}"]
        facts += [f"{k}={m[k]}" for k in ("affiliation", "gender", "role") if m.get(k)]
        ann.note(tid, "; ".join(facts))
    for tx in record.get("timexes") or ():
        tid = ann.span("TIMEX3", [(tx["start"], tx["end"])])
        if tx.get("type"):
            ann.attribute("Type", tid, tx["type"])
        ann.note(tid, f"value={tx.get('value')}" + (f"; mod={tx['mod']}" if tx.get("mod") else ""))
    for st in record.get("stances") or ():
        source, target = st.get("source") or {}, st.get("target") or {}
        a = mention_ids.get((source.get("start"), source.get("end")))
        b = mention_ids.get((target.get("start"), target.get("end")))
        if a and b and a != b:
            ann.r += 1
            ann.lines.append(f"R{ann.r}\tStance_{st.get('polarity') or 'neutral'} Arg1:{a} Arg2:{b}")
    return "\n".join(ann.lines) + "\n"


def export_brat(records: Iterable[dict], out_dir: str | os.PathLike) -> int:
    """Write every record as ``.txt`` + ``.ann`` into ``out_dir`` with the scheme and ``metadata.tsv``;
    returns how many articles were written. Each file is written whole or not at all."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = io.StringIO()
    writer = csv.writer(meta, delimiter="\t", lineterminator="\n")
    writer.writerow(["file", "id", "published", "source", "title"])
    used: set[str] = set()
    n = 0
    for i, record in enumerate(records):
        stem = file_stem(str(record.get("id") or ""), index=i)
        while stem in used:
            stem = f"{stem}-{i}"
        used.add(stem)
        write_text(out / f"{stem}.txt", record.get("text") or "")
        write_text(out / f"{stem}.ann", record_to_ann(record))
        writer.writerow([stem, record.get("id") or "", record.get("published") or "", record.get("source") or "",
                         _clean(record.get("title") or "")])
        n += 1
    write_text(out / "annotation.conf", ANNOTATION_CONF)
    write_text(out / "visual.conf", VISUAL_CONF)
    write_text(out / "metadata.tsv", meta.getvalue())
    return n


def read_metadata(folder: str | os.PathLike) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` of an exported folder: file stem -> its id, published, source, title ({} if absent)."""
    path = Path(folder) / "metadata.tsv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}
