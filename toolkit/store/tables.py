"""The store's tables: one row per item of an annotation record, with the document id and offsets.

Annotation records (the contract of :mod:`toolkit.annotate`) are nested: a document holds its
sentences, actors, quotes ... The store flattens each record into one row per item and kind
(:data:`SCHEMAS`), the rows every report table is made of, so a notebook reads only the columns
it shows (:mod:`toolkit.store.parquet`). What a table needs from the whole corpus (person names
merged across articles, the timeline's order) is left to query time: a row depends on its own
record only, so rows can be written as annotation proceeds and reused from the cache.

* ``documents``: id, doc_index (corpus order), title, source, published (the day), published_at
  (as given), url, paragraphs, sentences, words;
* ``sentences``: document, sentence, start, end, paragraph, text;
* ``actors``: document, start, end, text, actor, kind, affiliation, via, title, gender, role, sentence,
  sentence_text;
* ``quotes``: document, kind, speaker, speaker_start, speaker_end, actor, affiliation, cue, cue_start,
  cue_end, quote, words, start, end, sentence, sentence_text, gender, role, named, description,
  gender_evidence, role_evidence (the source's labels: :mod:`toolkit.actors.profile`), framing, rule,
  confidence;
* ``timexes``: document, start, end, text, type, value, mod, interval_start, interval_end, sentence,
  sentence_text;
* ``events``: document, order_key (the timeline's sort key as text), published, when, event, actors
  ("; "-joined), value, interval_start, interval_end, timex, anchor, tense, negated, sentence,
  sentence_text, start, end;
* ``stances``: document, holder, holder_actor, holder_party, target, target_actor, target_party,
  topic, polarity, score, cue, rule, confidence, sentence, sentence_text, holder_start, holder_end,
  target_start, target_end, cue_start, cue_end;
* ``claims``: document, sentence, sentence_text, claim (the :class:`toolkit.stance.stances.Claim` as JSON);
* ``event_phrases``: document, words (the document's), phrase (an :class:`EventPhrase` as JSON);
* ``records``: document, record (the whole contract record as JSON: the JSON Lines export).

Example::

    >>> rec = {"id": "a", "text": "Kim spoke.", "n_words": 2, "sentences": [{"start": 0, "end": 10}],
    ...        "actors": [{"start": 0, "end": 3, "text": "Kim", "actor": "Kim Hong-kyun", "kind": "person",
    ...                    "affiliation": None, "sentence": 0, "via": "name"}]}
    >>> rows = record_rows(rec, doc_index=0)
    >>> rows["actors"][0]["actor"], rows["actors"][0]["sentence_text"], rows["documents"][0]["words"]
    ('Kim Hong-kyun', 'Kim spoke.', 2)
"""
from __future__ import annotations

import json
from bisect import bisect_right

import pyarrow as pa

__all__ = ["SCHEMAS", "TABLES", "record_rows", "sentence_text", "ARTICLE", "UNATTRIBUTED", "party_of"]

#: The holder of a stance that no one in the article holds: the article's own portrayal.
ARTICLE = "(the article)"
#: What a quote with no resolved speaker is filed under in tables and charts.
UNATTRIBUTED = "(unattributed)"

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([("id", _S), ("doc_index", _I), ("title", _S), ("source", _S), ("published", _S),
                            ("published_at", _S), ("url", _S), ("paragraphs", _I), ("sentences", _I),
                            ("words", _I)]),
    "sentences": pa.schema([("document", _S), ("sentence", _I), ("start", _I), ("end", _I), ("paragraph", _I),
                            ("text", _S)]),
    "actors": pa.schema([("document", _S), ("start", _I), ("end", _I), ("text", _S), ("actor", _S), ("kind", _S),
                         ("affiliation", _S), ("via", _S), ("title", _S), ("gender", _S), ("role", _S),
                         ("sentence", _I), ("sentence_text", _S)]),
    "quotes": pa.schema([("document", _S), ("kind", _S), ("speaker", _S), ("speaker_start", _I),
                         ("speaker_end", _I), ("actor", _S), ("affiliation", _S), ("cue", _S), ("cue_start", _I),
                         ("cue_end", _I), ("quote", _S), ("words", _I), ("start", _I), ("end", _I),
                         ("sentence", _I), ("sentence_text", _S), ("gender", _S), ("role", _S), ("named", _B),
                         ("description", _S), ("gender_evidence", _S), ("role_evidence", _S), ("framing", _S),
                         ("rule", _S), ("confidence", _F)]),
    "timexes": pa.schema([("document", _S), ("start", _I), ("end", _I), ("text", _S), ("type", _S), ("value", _S),
                          ("mod", _S), ("interval_start", _S), ("interval_end", _S), ("sentence", _I),
                          ("sentence_text", _S)]),
    "events": pa.schema([("document", _S), ("order_key", _S), ("published", _S), ("when", _S), ("event", _S),
                         ("actors", _S), ("value", _S), ("interval_start", _S), ("interval_end", _S),
                         ("timex", _S), ("anchor", _S), ("tense", _S), ("negated", _B), ("sentence", _I),
                         ("sentence_text", _S), ("start", _I), ("end", _I)]),
    "stances": pa.schema([("document", _S), ("holder", _S), ("holder_actor", _S), ("holder_party", _S),
                          ("target", _S), ("target_actor", _S), ("target_party", _S), ("topic", _S),
                          ("polarity", _S), ("score", _F), ("cue", _S), ("rule", _S), ("confidence", _F),
                          ("sentence", _I), ("sentence_text", _S), ("holder_start", _I), ("holder_end", _I),
                          ("target_start", _I), ("target_end", _I), ("cue_start", _I), ("cue_end", _I)]),
    "claims": pa.schema([("document", _S), ("sentence", _I), ("sentence_text", _S), ("claim", _S)]),
    "event_phrases": pa.schema([("document", _S), ("words", _I), ("phrase", _S)]),
    "records": pa.schema([("document", _S), ("record", _S)]),
}
TABLES = tuple(SCHEMAS)


def sentence_text(record: dict, index: int | None) -> str | None:
    """The text of sentence ``index`` of a record, or None when there is no such sentence (or no text).

    >>> sentence_text({"text": "A b. C d.", "sentences": [{"start": 0, "end": 4}, {"start": 5, "end": 9}]}, 1)
    'C d.'
    >>> sentence_text({"sentences": [{"start": 0, "end": 4}]}, 0) is None
    True
    """
    sentences = record.get("sentences") or []
    text = record.get("text")
    if index is None or not text or not 0 <= index < len(sentences):
        return None
    span = sentences[index]
    return text[span["start"]:span["end"]]


def party_of(side: dict | None) -> str | None:
    """Whom a stance's holder or target speaks for: its affiliation, else its actor, else its text."""
    if not side:
        return None
    return side.get("affiliation") or side.get("actor") or side.get("text")


def _sentence_index(record: dict, offset: int) -> int | None:
    sentences = record.get("sentences") or []
    starts = [s["start"] for s in sentences]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i]["end"]:
        return i
    return None


def _day(value: object) -> str | None:
    return str(value)[:10] if value else None


def _iso(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _span(part: dict | None, key: str) -> int | None:
    return (part or {}).get(key)


def record_rows(record: dict, *, doc_index: int, record_json: str | None = None) -> dict[str, list[dict]]:
    """The rows of one annotation record in every table (:data:`SCHEMAS`); ``doc_index`` is its place
    in the corpus (the timeline keeps corpus order among ties); ``record_json`` is the record as JSON
    when the caller has it already (a cached record), so it is not serialised again."""
    from toolkit.time.timeline import document_timeline, interval

    doc = record.get("id")
    text = record.get("text") or ""

    def said(index: int | None) -> str | None:
        return sentence_text(record, index)

    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    out["documents"].append({
        "id": doc, "doc_index": doc_index, "title": record.get("title"), "source": record.get("source"),
        "published": _day(record.get("published")), "published_at": _iso(record.get("published")),
        "url": record.get("url"), "paragraphs": len(record.get("paragraphs") or ()),
        "sentences": len(record.get("sentences") or ()),
        "words": int(record.get("n_words", len(text.split())) or 0),
    })
    for i, s in enumerate(record.get("sentences") or ()):
        out["sentences"].append({"document": doc, "sentence": i, "start": s["start"], "end": s["end"],
                                 "paragraph": s.get("paragraph"), "text": text[s["start"]:s["end"]] or None})
    for m in record.get("actors") or ():
        index = m.get("sentence")
        out["actors"].append({
            "document": doc, "start": m["start"], "end": m["end"],
            "text": m.get("text") or text[m["start"]:m["end"]], "actor": m.get("actor"), "kind": m.get("kind"),
            "affiliation": m.get("affiliation"), "via": m.get("via"), "title": m.get("title"),
            "gender": m.get("gender"), "role": m.get("role"), "sentence": index, "sentence_text": said(index)})
    for q in record.get("quotes") or ():
        spans = q.get("content") or []
        content = " … ".join(text[c["start"]:c["end"]] for c in spans)
        speaker, cue, index = q.get("speaker") or {}, q.get("cue") or {}, q.get("sentence")
        out["quotes"].append({
            "document": doc, "kind": q.get("kind"), "speaker": speaker.get("text"),
            "speaker_start": speaker.get("start"), "speaker_end": speaker.get("end"), "actor": q.get("actor"),
            "affiliation": q.get("affiliation"), "cue": cue.get("text"), "cue_start": cue.get("start"),
            "cue_end": cue.get("end"), "quote": content, "words": len(content.replace("…", " ").split()),
            "start": spans[0]["start"] if spans else 0, "end": spans[-1]["end"] if spans else 0,
            "sentence": index, "sentence_text": said(index), "gender": q.get("gender"), "role": q.get("role"),
            "named": q.get("named"), "description": q.get("description"),
            "gender_evidence": q.get("gender_evidence"), "role_evidence": q.get("role_evidence"),
            "framing": q.get("framing"), "rule": q.get("rule"),
            "confidence": float(q["confidence"]) if q.get("confidence") is not None else None})
    dct = record.get("published")
    for tx in record.get("timexes") or ():
        first, last = interval(tx.get("value"), dct=dct, mod=tx.get("mod"))
        index = _sentence_index(record, tx["start"])
        out["timexes"].append({
            "document": doc, "start": tx["start"], "end": tx["end"],
            "text": tx.get("text") or text[tx["start"]:tx["end"]], "type": tx.get("type"),
            "value": tx.get("value"), "mod": tx.get("mod"), "interval_start": _iso(first),
            "interval_end": _iso(last), "sentence": index, "sentence_text": said(index)})
    for key, row in document_timeline(record, doc_index=doc_index):
        out["events"].append({
            "document": doc, "order_key": key, "published": _day(row.get("published")), "when": row.get("when"),
            "event": row.get("event"), "actors": "; ".join(row.get("actors") or ()), "value": row.get("value"),
            "interval_start": _iso(row.get("interval_start")), "interval_end": _iso(row.get("interval_end")),
            "timex": row.get("timex"), "anchor": row.get("anchor"), "tense": row.get("tense"),
            "negated": bool(row.get("negated")), "sentence": row.get("sentence"),
            "sentence_text": row.get("sentence_text") if text else None, "start": row.get("start"),
            "end": row.get("end")})
    for st in record.get("stances") or ():
        source, target, cue, index = st.get("source"), st.get("target"), st.get("cue") or {}, st.get("sentence")
        out["stances"].append({
            "document": doc, "holder": (source or {}).get("text"), "holder_actor": (source or {}).get("actor"),
            "holder_party": party_of(source) if source else ARTICLE, "target": (target or {}).get("text"),
            "target_actor": (target or {}).get("actor"), "target_party": party_of(target), "topic": st.get("topic"),
            "polarity": st.get("polarity"), "score": float(st.get("score") or 0.0), "cue": cue.get("text"),
            "rule": st.get("rule"),
            "confidence": float(st["confidence"]) if st.get("confidence") is not None else None,
            "sentence": index, "sentence_text": said(index), "holder_start": _span(source, "start"),
            "holder_end": _span(source, "end"), "target_start": _span(target, "start"),
            "target_end": _span(target, "end"), "cue_start": cue.get("start"), "cue_end": cue.get("end")})
    for c in record.get("claims") or ():
        index = c.get("sentence")
        cue = c.get("cue")
        if isinstance(cue, dict) and cue.get("text") is None:  # a record made elsewhere may leave the words out
            c = {**c, "cue": {**cue, "text": text[cue.get("start", 0):cue.get("end", 0)]}}
        out["claims"].append({"document": doc, "sentence": index, "sentence_text": said(index),
                              "claim": json.dumps(c, ensure_ascii=False)})
    words = out["documents"][0]["words"]
    for p in record.get("event_phrases") or ():
        out["event_phrases"].append({"document": doc, "words": words, "phrase": json.dumps(p, ensure_ascii=False)})
    out["records"].append({"document": doc, "record": record_json if record_json is not None
                           else json.dumps(record, ensure_ascii=False, default=str)})
    return out
