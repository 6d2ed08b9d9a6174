"""pandas DataFrames from annotation records (the dicts of ``Annotation.to_dict()``).

Notebooks read ``annotations.jsonl`` (see :func:`toolkit.annotate.read_annotations`)
and turn the records into tables here; they never re-implement analysis.
Every frame has fixed columns, in a fixed order, even when there are no rows,
so a notebook's table and chart code works on an empty corpus too.

To add a frame (e.g. ``quotes_frame``): declare its columns as a tuple, build a
list of row dicts from the records, and return ``_frame(rows, COLUMNS)``;
sort with ``_sorted`` for a deterministic order.

Example::

    >>> rec = {"id": "a", "title": "T", "source": "S", "published": "2024-10-21",
    ...        "text": "Kim spoke.", "n_words": 2, "paragraphs": [{"start": 0, "end": 10}],
    ...        "sentences": [{"start": 0, "end": 10, "paragraph": 0}],
    ...        "actors": [{"start": 0, "end": 3, "text": "Kim", "actor": "Kim Hong-kyun",
    ...                    "kind": "person", "affiliation": "South Korea", "sentence": 0}]}
    >>> documents_frame([rec])[["id", "sentences", "words"]].to_dict("records")
    [{'id': 'a', 'sentences': 1, 'words': 2}]
    >>> actor_counts([rec]).to_dict("records")
    [{'actor': 'Kim Hong-kyun', 'kind': 'person', 'affiliation': 'South Korea', 'mentions': 1, 'documents': 1}]
"""
from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime
from collections.abc import Iterable, Sequence

import pandas as pd

from toolkit.timeline import interval, timeline

__all__ = [
    "DOCUMENT_COLUMNS",
    "ACTOR_COLUMNS",
    "ACTOR_COUNT_COLUMNS",
    "documents_frame",
    "actors_frame",
    "actor_counts",
    "corpus_names",
    "sentence_text",
    "corpus_summary",
    "TIMEX_COLUMNS",
    "TIMELINE_COLUMNS",
    "TIMEX_TYPES",
    "timexes_frame",
    "timex_type_counts",
    "timeline_frame",
    "select_events",
]

DOCUMENT_COLUMNS = ("id", "title", "source", "published", "paragraphs", "sentences", "words")
ACTOR_COLUMNS = ("document", "start", "end", "text", "actor", "kind", "affiliation", "sentence", "sentence_text")
ACTOR_COUNT_COLUMNS = ("actor", "kind", "affiliation", "mentions", "documents")
TIMEX_COLUMNS = ("document", "start", "end", "text", "type", "value", "mod", "interval_start", "interval_end",
                 "sentence", "sentence_text")
TIMELINE_COLUMNS = ("position", "document", "published", "when", "event", "actors", "value", "interval_start",
                    "interval_end", "timex", "anchor", "tense", "negated", "sentence", "sentence_text", "start", "end")
#: The TIMEX3 types, in the order charts and counts show them.
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

#: Columns that hold counts or offsets: integers, also in an empty frame.
_INT_COLUMNS = {"paragraphs", "sentences", "words", "start", "end", "mentions", "documents", "position", "count"}
#: Columns of calendar days: pandas datetimes (NaT when open or unknown).
_DATE_COLUMNS = {"published", "interval_start", "interval_end"}


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (in order), typed even when ``rows`` is empty."""
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in columns:
        if column in _INT_COLUMNS:
            frame[column] = frame[column].astype("int64")
        elif column == "sentence":
            frame[column] = frame[column].astype("Int64")  # a mention may lie outside any sentence
        elif column in _DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        elif column == "negated":
            frame[column] = frame[column].fillna(False).astype(bool)
        else:
            frame[column] = frame[column].astype("object")
    return frame


def _sorted(frame: pd.DataFrame, by: Sequence[str], *, ascending: Sequence[bool] | bool = True) -> pd.DataFrame:
    """Sort stably and renumber the index 0..n-1."""
    if frame.empty:
        return frame.reset_index(drop=True)
    return frame.sort_values(list(by), ascending=ascending, kind="mergesort", na_position="last").reset_index(drop=True)


def sentence_text(record: dict, index: int | None) -> str | None:
    """The text of sentence ``index`` of a record, or None when there is no such sentence.

    >>> sentence_text({"text": "A b. C d.", "sentences": [{"start": 0, "end": 4}, {"start": 5, "end": 9}]}, 1)
    'C d.'
    """
    sentences = record.get("sentences") or []
    if index is None or not 0 <= index < len(sentences):
        return None
    span = sentences[index]
    return record.get("text", "")[span["start"]:span["end"]]


def _day(value: object) -> str | None:
    """The calendar day of an ISO date or timestamp (time of day dropped)."""
    if not value:
        return None
    return str(value)[:10]


def documents_frame(records: Iterable[dict]) -> pd.DataFrame:
    """One row per document: id, title, source, published (the day), paragraphs, sentences, words.

    ``published`` is a pandas datetime of the publication *day* (NaT when unknown);
    the full timestamp stays in the annotations.
    """
    rows = [
        {
            "id": rec.get("id"),
            "title": rec.get("title"),
            "source": rec.get("source"),
            "published": _day(rec.get("published")),
            "paragraphs": len(rec.get("paragraphs") or ()),
            "sentences": len(rec.get("sentences") or ()),
            "words": rec.get("n_words", len((rec.get("text") or "").split())),
        }
        for rec in records
    ]
    return _frame(rows, DOCUMENT_COLUMNS)


def corpus_names(records: Iterable[dict]) -> dict[str, str]:
    """Person names to merge across documents: a name used alone → the one full name it is part of.

    Within a document the toolkit already resolves "Obama" to "Barack Obama" when both
    appear; across a corpus, an article that only says "Obama" is merged here, but only
    when exactly one full name in the corpus contains that name.

    >>> recs = [{"actors": [{"actor": "Barack Obama", "kind": "person"}]},
    ...         {"actors": [{"actor": "Obama", "kind": "person"}]}]
    >>> corpus_names(recs)
    {'Obama': 'Barack Obama'}
    """
    full: dict[str, set[str]] = {}
    single: set[str] = set()
    for rec in records:
        for mention in rec.get("actors") or ():
            name = mention.get("actor")
            if mention.get("kind") != "person" or not name:
                continue
            parts = name.split()
            if len(parts) == 1:
                single.add(name)
            else:
                for part in parts:
                    if len(part) > 2 and not part.endswith("."):
                        full.setdefault(part, set()).add(name)
    return {name: next(iter(full[name])) for name in sorted(single) if len(full.get(name, ())) == 1}


def actors_frame(records: Iterable[dict], *, merge_names: bool = True) -> pd.DataFrame:
    """One row per actor mention, in document order.

    Columns: document, start, end, text (as written), actor (canonical name), kind,
    affiliation, sentence (index), sentence_text. With ``merge_names``, a person named
    by one name only is merged with the corpus's full name (:func:`corpus_names`).
    """
    records = list(records)
    merged = corpus_names(records) if merge_names else {}
    affiliation_of: dict[str, str] = {}
    for rec in records:
        for mention in rec.get("actors") or ():
            if mention.get("actor") in merged.values() and mention.get("affiliation"):
                affiliation_of.setdefault(mention["actor"], mention["affiliation"])
    rows = []
    for rec in records:
        for mention in rec.get("actors") or ():
            index = mention.get("sentence")
            said = mention.get("text") or (rec.get("text") or "")[mention["start"]:mention["end"]]
            actor = merged.get(mention.get("actor"), mention.get("actor") or said)  # unresolved: itself
            affiliation = mention.get("affiliation") or affiliation_of.get(actor)
            rows.append({
                "document": rec.get("id"),
                "start": mention["start"],
                "end": mention["end"],
                "text": said,
                "actor": actor,
                "kind": mention.get("kind"),
                "affiliation": affiliation,
                "sentence": index,
                "sentence_text": sentence_text(rec, index),
            })
    return _frame(rows, ACTOR_COLUMNS)


def actor_counts(records: Iterable[dict]) -> pd.DataFrame:
    """Actors by how often they are mentioned: actor, kind, affiliation, mentions, documents.

    Sorted by mentions, then documents (both descending), then actor name.
    """
    mentions = actors_frame(records)
    if mentions.empty:
        return _frame([], ACTOR_COUNT_COLUMNS)
    keys = ["actor", "kind", "affiliation"]
    grouped = (mentions.groupby(keys, dropna=False, sort=False)
               .agg(mentions=("document", "size"), documents=("document", "nunique"))
               .reset_index())
    rows = grouped.astype(object).where(grouped.notna(), None).to_dict("records")
    return _sorted(_frame(rows, ACTOR_COUNT_COLUMNS), ["mentions", "documents", "actor"],
                   ascending=[False, False, True])


def corpus_summary(documents: pd.DataFrame) -> dict:
    """Headline numbers of a :func:`documents_frame`: articles, dated, first/last day, days,
    sources (name -> articles, most first), sentences, words.

    >>> corpus_summary(documents_frame([]))["articles"]
    0
    """
    dates = documents["published"].dropna()
    sources = documents["source"].dropna().value_counts()
    return {
        "articles": int(len(documents)),
        "dated": int(len(dates)),
        "first": dates.min().date().isoformat() if len(dates) else None,
        "last": dates.max().date().isoformat() if len(dates) else None,
        "days": int(dates.dt.normalize().nunique()),
        "sources": {str(k): int(v) for k, v in sources.items()},
        "sentences": int(documents["sentences"].sum()),
        "words": int(documents["words"].sum()),
    }


# --------------------------------------------------------------------------- time: expressions and the timeline


def _sentence_index(record: dict, offset: int) -> int | None:
    """Index of the record's sentence holding character ``offset`` (None outside every sentence)."""
    sentences = record.get("sentences") or []
    starts = [s["start"] for s in sentences]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i]["end"]:
        return i
    return None


def timexes_frame(records: Iterable[dict]) -> pd.DataFrame:
    """One row per temporal expression, in document order.

    Columns: document, start, end, text, type (DATE, TIME, DURATION, SET), value (TIMEX3),
    mod, interval_start/interval_end (the calendar days the value stands for, relative to the
    article's publication date; NaT when open or not a date), sentence (index), sentence_text.
    """
    rows = []
    for rec in records:
        dct = rec.get("published")
        for tx in rec.get("timexes") or ():
            first, last = interval(tx.get("value"), dct=dct, mod=tx.get("mod"))
            index = _sentence_index(rec, tx["start"])
            rows.append({
                "document": rec.get("id"), "start": tx["start"], "end": tx["end"],
                "text": tx.get("text") or (rec.get("text") or "")[tx["start"]:tx["end"]],
                "type": tx.get("type"), "value": tx.get("value"), "mod": tx.get("mod"),
                "interval_start": first, "interval_end": last,
                "sentence": index, "sentence_text": sentence_text(rec, index),
            })
    return _frame(rows, TIMEX_COLUMNS)


def timex_type_counts(timexes: pd.DataFrame) -> pd.DataFrame:
    """How many expressions of each TIMEX3 type (all four, in :data:`TIMEX_TYPES` order, zeros kept).

    >>> timex_type_counts(timexes_frame([]))["count"].tolist()
    [0, 0, 0, 0]
    """
    counts = timexes["type"].value_counts()
    rows = [{"type": t, "count": int(counts.get(t, 0))} for t in TIMEX_TYPES]
    return _frame(rows, ("type", "count"))


def timeline_frame(records: Iterable[dict], *, merge_names: bool = True) -> pd.DataFrame:
    """One row per event, in timeline order (see :func:`toolkit.timeline.timeline`).

    Columns: position (1, 2, ...), document, published, when (a reading of the interval),
    event (the word or phrase), actors (canonical names joined by "; ", subject first), value
    (TIMEX3 value or a relation such as ``ON_OR_BEFORE_DCT``), interval_start, interval_end
    (NaT = open), timex (the expression that dates it, if any), anchor (timex, tense or order),
    tense, negated, sentence, sentence_text (the evidence), start, end. With ``merge_names``, a
    person named by one name only is merged with the corpus's full name (:func:`corpus_names`).
    """
    records = list(records)
    merged = corpus_names(records) if merge_names else {}
    rows = []
    for row in timeline(records):
        rows.append({column: row.get(column) for column in TIMELINE_COLUMNS})
        names = list(dict.fromkeys(merged.get(a, a) for a in row.get("actors") or []))
        rows[-1]["actors"] = "; ".join(names)
    return _frame(rows, TIMELINE_COLUMNS)


def _day_or_none(value: object) -> pd.Timestamp | None:
    """An ISO day (YYYY-MM-DD, or a date/datetime/Timestamp) as a Timestamp; None for empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return pd.Timestamp(value).normalize()
    try:
        return pd.Timestamp(datetime.fromisoformat(str(value).strip())).normalize()
    except ValueError:
        raise ValueError(f"{value!r} is not a date (give YYYY-MM-DD)") from None


def select_events(events: pd.DataFrame, *, date_from: object = None, date_to: object = None,
                  actors: Iterable[str] | None = None) -> pd.DataFrame:
    """The events of a :func:`timeline_frame` that may fall between two days and involve given actors.

    ``date_from``/``date_to`` (ISO days, empty = no limit) keep an event whose interval overlaps
    ``[date_from, date_to]`` when both its ends are known, and one whose single known end ("on or
    before 2024-10-21") lies inside it; an event with no interval at all is dropped once a limit
    is given. ``actors`` (case-insensitive canonical names; empty = all) keeps the events with at
    least one of them. The timeline order is kept; the index is renumbered.

    >>> select_events(timeline_frame([]), date_from="2024-10-01").empty
    True
    """
    lo, hi = _day_or_none(date_from), _day_or_none(date_to)
    keep = pd.Series(True, index=events.index)
    if lo is not None or hi is not None:
        first, last = events["interval_start"], events["interval_end"]
        known = first.fillna(last)  # the single known end of a half-open interval
        closed = first.notna() & last.notna()
        lower = first.where(closed, known)
        upper = last.where(closed, known)
        keep &= known.notna()
        if lo is not None:
            keep &= upper >= lo
        if hi is not None:
            keep &= lower <= hi
    wanted = {a.strip().lower() for a in (actors or ()) if a and a.strip()}
    if wanted:
        keep &= events["actors"].fillna("").map(
            lambda names: any(n.strip().lower() in wanted for n in str(names).split(";")))
    return events[keep].reset_index(drop=True)
