"""Annotations as Label Studio tasks with the toolkit's predictions filled in, to correct them there.

One task per article: ``data`` holds the text, id, title, outlet and date; ``predictions`` holds
the toolkit's spans as Label Studio regions (``Source``, ``Cue``, ``Content``, ``Actor``, ``TIMEX3``
labels on the text, the canonical actor and the TIMEX3 value in ``meta``) and the attribution and
stance links as relations. ``labeling_config.xml`` is the matching labelling interface: create a
project with it, import ``tasks.json``, and the predictions appear ready to accept or correct.

>>> rec = {"id": "a", "text": "Kim said no.", "quotes": [{"content": [{"start": 9, "end": 11}],
...        "cue": {"start": 4, "end": 8, "text": "said"}, "speaker": {"start": 0, "end": 3, "text": "Kim"}}]}
>>> task = record_to_task(rec)
>>> [r["value"]["labels"][0] for r in task["predictions"][0]["result"] if r["type"] == "labels"]
['Cue', 'Source', 'Content']
>>> [(r["labels"], r["from_id"], r["to_id"]) for r in task["predictions"][0]["result"] if r["type"] == "relation"]
[(['speaker'], 'q1-cue', 'q1-source'), (['content'], 'q1-cue', 'q1-content-0')]
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from toolkit.files import write_text

__all__ = ["record_to_task", "export_labelstudio", "LABELING_CONFIG"]

#: The labelling interface the tasks are made for.
LABELING_CONFIG = """<View>
  <Header value="$title"/>
  <Labels name="label" toName="text">
    <Label value="Source" background="#fdae6b"/>
    <Label value="Cue" background="#74c476"/>
    <Label value="Content" background="#9ecae1"/>
    <Label value="Actor" background="#bdbdbd"/>
    <Label value="TIMEX3" background="#fa9fb5"/>
  </Labels>
  <Relations>
    <Relation value="speaker"/>
    <Relation value="content"/>
    <Relation value="supports"/>
    <Relation value="opposes"/>
    <Relation value="neutral"/>
  </Relations>
  <Text name="text" value="$text"/>
</View>
"""
_POLARITY = {"positive": "supports", "negative": "opposes"}


def _region(rid: str, text: str, start: int, end: int, label: str, meta: dict | None = None) -> dict:
    out = {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}
    if meta:
        out["meta"] = {"text": ["; ".join(f"{k}={v}" for k, v in meta.items() if v is not None)]}
    return out


def _relation(a: str, b: str, label: str) -> dict:
    return {"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": [label]}


def record_to_task(record: dict, *, model_version: str = "") -> dict:
    """One Label Studio task (``data`` + pre-filled ``predictions``) for an annotation record."""
    text = record.get("text") or ""
    result: list[dict] = []
    if not text:  # a record stored without its text: nothing to pre-fill
        records_without = {"data": {"id": record.get("id"), "title": record.get("title") or record.get("id") or "",
                                    "source": record.get("source"), "published": record.get("published"), "text": ""},
                           "predictions": [{"model_version": model_version, "result": []}]}
        return records_without
    for i, q in enumerate(record.get("quotes") or (), start=1):
        content = q.get("content") or []
        if not content:
            continue
        cue, speaker = q.get("cue"), q.get("speaker")
        anchor = None
        if cue:
            anchor = f"q{i}-cue"
            result.append(_region(anchor, text, cue["start"], cue["end"], "Cue",
                                  {"framing": q.get("framing"), "confidence": q.get("confidence")}))
        if speaker:
            result.append(_region(f"q{i}-source", text, speaker["start"], speaker["end"], "Source",
                                  {"actor": q.get("actor"), "role": q.get("role"), "gender": q.get("gender")}))
        for j, c in enumerate(content):
            result.append(_region(f"q{i}-content-{j}", text, c["start"], c["end"], "Content"))
        if anchor:
            if speaker:
                result.append(_relation(anchor, f"q{i}-source", "speaker"))
            result.extend(_relation(anchor, f"q{i}-content-{j}", "content") for j in range(len(content)))
    mention_ids: dict[tuple[int, int], str] = {}
    for k, m in enumerate(record.get("actors") or ()):
        key = (m["start"], m["end"])
        if key in mention_ids:
            continue
        mention_ids[key] = f"m{k}"
        result.append(_region(f"m{k}", text, m["start"], m["end"], "Actor",
                              {"actor": m.get("actor"), "kind": m.get("kind"), "role": m.get("role")}))
    for k, tx in enumerate(record.get("timexes") or ()):
        result.append(_region(f"t{k}", text, tx["start"], tx["end"], "TIMEX3",
                              {"type": tx.get("type"), "value": tx.get("value")}))
    for st in record.get("stances") or ():
        source, target = st.get("source") or {}, st.get("target") or {}
        a = mention_ids.get((source.get("start"), source.get("end")))
        b = mention_ids.get((target.get("start"), target.get("end")))
        if a and b and a != b:
            result.append(_relation(a, b, _POLARITY.get(st.get("polarity"), "neutral")))
    data = {k: record.get(k) for k in ("id", "title", "source", "published")}
    data["text"] = text
    data["title"] = data["title"] or data["id"] or ""
    return {"data": data, "predictions": [{"model_version": model_version, "result": result}]}


def export_labelstudio(records: Iterable[dict], out_dir: str | os.PathLike) -> int:
    """Write ``tasks.json`` (every record as a task) and ``labeling_config.xml`` into ``out_dir``."""
    from toolkit import __version__

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks = [record_to_task(r, model_version=f"toolkit {__version__}") for r in records]
    write_text(out / "tasks.json", json.dumps(tasks, ensure_ascii=False, indent=1))
    write_text(out / "labeling_config.xml", LABELING_CONFIG)
    return len(tasks)
