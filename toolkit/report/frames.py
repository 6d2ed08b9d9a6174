"""pandas DataFrames from a run's store (or from annotation records, the dicts of ``Annotation.to_dict()``).

Notebooks open a run's store (:mod:`toolkit.store`: a Parquet table per kind, read through
DuckDB) and turn it into tables here, reading only the columns each table shows; they never
re-implement analysis. Every function that reads annotations takes a :class:`~toolkit.store.Store`
or an iterable of records (held in memory as a store of their own).
Every frame has fixed columns, in a fixed order, even when there are no rows,
so a notebook's table and chart code works on an empty corpus too.

To add a frame: declare its columns as a tuple, read the store table's columns
(:meth:`toolkit.store.Store.frame`), and return ``_frame(rows, COLUMNS)``; sort with
``_sorted`` for a deterministic order.

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

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime

import pandas as pd

from toolkit.stance.stances import Claim, Topic, claim_stances, polarity_of, propose_topics, topic_label
from toolkit.store import Store
from toolkit.store.tables import ARTICLE, UNATTRIBUTED, sentence_text

__all__ = [
    "DOCUMENT_COLUMNS",
    "ACTOR_COLUMNS",
    "ACTOR_COUNT_COLUMNS",
    "documents_frame",
    "actors_frame",
    "actor_counts",
    "actors_query",
    "corpus_names",
    "publication_counts",
    "busiest_period",
    "QUOTE_COLUMNS",
    "CHECK_BELOW",
    "least_certain",
    "count_below",
    "QUOTE_SHARE_COLUMNS",
    "quotes_frame",
    "quote_shares",
    "focus_quotes",
    "most_direct",
    "quotes_per_article",
    "STANCE_COLUMNS",
    "stances_frame",
    "stance_matrix",
    "LEVELS",
    "held_stances",
    "stance_pairs",
    "most_involved",
    "pairs_among",
    "stance_grid",
    "pair_polarities",
    "extreme_pairs",
    "TOPIC_STANCE_COLUMNS",
    "topics_to_follow",
    "topic_stances_frame",
    "topic_grid",
    "sentence_text",
    "corpus_summary",
    "as_store",
    "merge_map",
    "ARTICLE",
    "UNATTRIBUTED",
    "TIMEX_COLUMNS",
    "TIMELINE_COLUMNS",
    "TIMEX_TYPES",
    "timexes_frame",
    "timex_type_counts",
    "timeline_frame",
    "select_events",
]

DOCUMENT_COLUMNS = ("id", "title", "source", "published", "paragraphs", "sentences", "words")
ACTOR_COLUMNS = ("document", "start", "end", "text", "actor", "kind", "affiliation", "via", "sentence",
                 "sentence_text")
ACTOR_COUNT_COLUMNS = ("actor", "kind", "affiliation", "mentions", "documents")
QUOTE_COLUMNS = ("document", "kind", "speaker", "actor", "affiliation", "party", "cue", "quote", "words", "start",
                 "end", "sentence", "sentence_text", "framing", "rule", "confidence")
QUOTE_SHARE_COLUMNS = ("name", "quotes", "share_quotes", "words", "share_words", "direct", "mixed", "indirect")
STANCE_COLUMNS = ("document", "holder", "holder_actor", "holder_party", "target", "target_actor", "target_party",
                  "topic", "polarity", "score", "cue", "rule", "confidence", "sentence", "sentence_text", "cue_start")
TIMEX_COLUMNS = ("document", "start", "end", "text", "type", "value", "mod", "interval_start", "interval_end",
                 "sentence", "sentence_text")
TIMELINE_COLUMNS = ("position", "document", "published", "when", "event", "actors", "value", "interval_start",
                    "interval_end", "timex", "anchor", "tense", "negated", "sentence", "sentence_text", "start", "end")
#: The TIMEX3 types, in the order charts and counts show them.
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
TOPIC_STANCE_COLUMNS = ("actor", "topic", "stance", "stances", "score", "documents", "evidence")
Source = Store | Iterable[dict]

#: Columns that hold counts or offsets: integers, also in an empty frame.
_INT_COLUMNS = {"paragraphs", "sentences", "words", "start", "end", "mentions", "documents", "quotes",
                "direct", "mixed", "indirect", "positive", "negative", "neutral", "stances", "position", "count"}
_FLOAT_COLUMNS = {"share_quotes", "share_words", "score"}
#: Columns of calendar days: pandas datetimes (NaT when open or unknown).
_DATE_COLUMNS = {"published", "interval_start", "interval_end"}


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (in order), typed even when ``rows`` is empty."""
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in columns:
        if column in _INT_COLUMNS:
            frame[column] = frame[column].astype("int64")
        elif column in _FLOAT_COLUMNS:
            frame[column] = frame[column].astype("float64")
        elif column == "sentence":
            frame[column] = frame[column].astype("Int64")  # a mention may lie outside any sentence
        elif column in _DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
        elif column == "negated":
            frame[column] = frame[column].fillna(False).astype(bool)
        else:
            frame[column] = frame[column].astype("object")
    return frame


def as_store(source: Source) -> Store:
    """The store to read: ``source`` itself, or records (an iterable of dicts) put in a store in memory."""
    return source if isinstance(source, Store) else Store.from_records(source)


def _records(frame: pd.DataFrame) -> list[dict]:
    """A DataFrame's rows as dicts with None (not NaN) for missing values."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _sorted(frame: pd.DataFrame, by: Sequence[str], *, ascending: Sequence[bool] | bool = True) -> pd.DataFrame:
    """Sort stably and renumber the index 0..n-1."""
    if frame.empty:
        return frame.reset_index(drop=True)
    return frame.sort_values(list(by), ascending=ascending, kind="mergesort", na_position="last").reset_index(drop=True)


def documents_frame(source: Source) -> pd.DataFrame:
    """One row per document: id, title, source, published (the day), paragraphs, sentences, words.

    ``published`` is a pandas datetime of the publication *day* (NaT when unknown);
    the full timestamp stays in the annotations.
    """
    rows = as_store(source).frame("documents", DOCUMENT_COLUMNS, order="doc_index")
    return _frame(rows, DOCUMENT_COLUMNS)


def corpus_names(source: Source) -> dict[str, str]:
    """Person names to merge across documents, each mapped to the corpus's usual form.

    Within a document the toolkit already resolves "Obama" to "Barack Obama" when both
    appear. Across a corpus, two merges are made here: full names with the same first
    and last name ("Donald J. Trump", "Donald Trump") go to the form used most; a name
    used alone ("Obama") goes to the one full name that contains it, if exactly one does.
    Unnamed groups and descriptions ("state officials") are never merged.

    >>> recs = [{"actors": [{"start": 0, "end": 1, "actor": "Barack Obama", "kind": "person"}]},
    ...         {"actors": [{"start": 0, "end": 1, "actor": "Obama", "kind": "person"},
    ...                     {"start": 2, "end": 3, "actor": "Barack H. Obama", "kind": "person"}]}]
    >>> corpus_names(recs)
    {'Barack H. Obama': 'Barack Obama', 'Obama': 'Barack Obama'}
    """
    rows = as_store(source).sql("SELECT actor, count(*) FROM actors WHERE kind = 'person' AND actor IS NOT NULL "
                                "AND coalesce(via, '') <> 'unnamed' GROUP BY actor ORDER BY min(document), actor")
    return merge_map(Counter(dict(rows.fetchall())))


def merge_map(uses: Counter) -> dict[str, str]:
    """:func:`corpus_names` from how often each person name is used."""
    from toolkit.actors.resolve import name_key

    by_key: dict[tuple[str, str], list[str]] = {}
    for name in uses:
        if len(name.split()) > 1:
            by_key.setdefault(name_key(name), []).append(name)
    merged: dict[str, str] = {}
    usual: dict[str, str] = {}
    for names in by_key.values():
        best = max(names, key=lambda n: (uses[n], -len(n)))
        for name in names:
            usual[name] = best
            if name != best:
                merged[name] = best
    parts: dict[str, set[str]] = {}
    for name, best in usual.items():
        for part in name.split():
            if len(part) > 2 and not part.endswith("."):
                parts.setdefault(part, set()).add(best)
    for name in uses:
        if len(name.split()) == 1 and len(parts.get(name, ())) == 1:
            merged[name] = next(iter(parts[name]))
    return dict(sorted(merged.items()))


def actors_frame(source: Source, *, merge_names: bool = True) -> pd.DataFrame:
    """One row per actor mention, in document order.

    Columns: document, start, end, text (as written), actor (canonical name), kind,
    affiliation, via (``name``, ``alias`` ...; ``pronoun`` and ``reference`` for what document-level
    resolution added: filter on it to count names only), sentence (index), sentence_text. With ``merge_names``, a person named
    by one name only is merged with the corpus's full name (:func:`corpus_names`).
    """
    store = as_store(source)
    merged = corpus_names(store) if merge_names else {}
    rows = store.frame("actors", ACTOR_COLUMNS)
    if rows.empty:
        return _frame([], ACTOR_COLUMNS)
    rows["actor"] = rows["actor"].where(rows["actor"].notna(), rows["text"]).map(lambda a: merged.get(a, a))
    if merged:
        _fill_merged_affiliations(rows, merged)
    return _frame(rows, ACTOR_COLUMNS)


def _fill_merged_affiliations(rows: pd.DataFrame, merged: Mapping[str, str]) -> None:
    """A merged person's mentions without an affiliation take the first one the corpus gives that person."""
    known = rows[rows["actor"].isin(set(merged.values())) & rows["affiliation"].notna()]
    affiliation_of = known.drop_duplicates("actor").set_index("actor")["affiliation"]
    rows["affiliation"] = rows["affiliation"].fillna(rows["actor"].map(affiliation_of))


def actor_counts(source: Source) -> pd.DataFrame:
    """Actors by how often they are mentioned: actor, kind, affiliation, mentions, documents.

    Counted in the store (per actor and document), then merged by corpus-wide names
    (:func:`corpus_names`): the mentions themselves are never loaded. Sorted by mentions, then
    documents (both descending), then actor name.
    """
    store = as_store(source)
    merged = corpus_names(store)
    rows = store.sql("SELECT coalesce(actor, text) AS actor, kind, affiliation, document, count(*) AS n "
                     "FROM actors GROUP BY ALL").df()
    if rows.empty:
        return _frame([], ACTOR_COUNT_COLUMNS)
    rows["actor"] = rows["actor"].map(lambda a: merged.get(a, a))
    if merged:
        _fill_merged_affiliations(rows, merged)
    keys = ["actor", "kind", "affiliation"]
    grouped = (rows.groupby(keys, dropna=False, sort=False)
               .agg(mentions=("n", "sum"), documents=("document", "nunique"))
               .reset_index())
    return _sorted(_frame(_records(grouped), ACTOR_COUNT_COLUMNS), ["mentions", "documents", "actor"],
                   ascending=[False, False, True])


def actors_query(source: Source) -> str:
    """DuckDB SQL for the rows of :func:`actors_frame` (names merged across the corpus), to write them
    with :func:`toolkit.report.notebook.save_query` without loading them (``merged_names`` is
    registered on the store's connection)."""
    store = as_store(source)
    merged = corpus_names(store)
    store.con.register("merged_names", pd.DataFrame({"name": list(merged), "usual": list(merged.values())},
                                                    dtype="object"))
    return ("SELECT a.document, a.start, a.\"end\", a.text, coalesce(m.usual, a.actor, a.text) AS actor, a.kind, "
            "a.affiliation, a.via, a.sentence, a.sentence_text FROM actors a "
            "LEFT JOIN merged_names m ON m.name = a.actor")


def publication_counts(dates: pd.Series) -> tuple[pd.Series, str]:
    """Articles per period of publication, and the period: days over up to two months, weeks over up to
    a year, months beyond (so years of articles are not hairlines). Periods with none count zero.

    >>> counts, period = publication_counts(pd.Series(pd.to_datetime(["2020-01-01", "2020-03-01", "2022-01-05"])))
    >>> period, len(counts), int(counts.sum())
    ('month', 25, 3)
    """
    days = pd.to_datetime(pd.Series(dates), errors="coerce").dropna().dt.normalize()
    if days.empty:
        return pd.Series(dtype=int), "day"
    span = (days.max() - days.min()).days
    period, freq = ("day", "D") if span <= 62 else ("week", "W-MON") if span <= 366 else ("month", "MS")
    starts = days.dt.to_period({"day": "D", "week": "W-SUN", "month": "M"}[period]).dt.start_time
    counts = starts.value_counts().sort_index()
    full = pd.date_range(counts.index.min(), counts.index.max(), freq=freq)
    return counts.reindex(full, fill_value=0).astype(int), period


def busiest_period(counts: pd.Series) -> tuple[pd.Timestamp, int] | None:
    """The period with most articles, or None when every period has the same number (no busiest one)."""
    if counts.empty or counts.max() == counts.min():
        return None
    return counts.idxmax(), int(counts.max())


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


def quotes_frame(source: Source, *, min_words: int = 0, merge_names: bool = True) -> pd.DataFrame:
    """One row per quote (attribution), in document order.

    Columns: document, kind (direct / mixed / indirect), speaker (as written), actor
    (the canonical speaker, person or body), affiliation (whom they speak for), party
    (affiliation, else actor, else "(unattributed)"), cue, quote (the content; fragments
    of a split quote joined with " … "), words (in the content), start/end (of the
    content), sentence (index), sentence_text, framing (of the cue), rule and confidence.
    Quotes shorter than ``min_words`` are left out.

    >>> rec = {"id": "a", "text": '"We condemn it," Kim said.', "sentences": [{"start": 0, "end": 26}],
    ...        "quotes": [{"kind": "direct", "content": [{"start": 0, "end": 16}],
    ...                    "cue": {"start": 21, "end": 25, "text": "said"},
    ...                    "speaker": {"start": 17, "end": 20, "text": "Kim"},
    ...                    "actor": "Kim Hong-kyun", "affiliation": "South Korea", "sentence": 0}]}
    >>> quotes_frame([rec])[["speaker", "party", "quote", "words"]].to_dict("records")
    [{'speaker': 'Kim', 'party': 'South Korea', 'quote': '"We condemn it,"', 'words': 3}]
    """
    store = as_store(source)
    merged = corpus_names(store) if merge_names else {}
    columns = [c for c in QUOTE_COLUMNS if c != "party"]
    rows = store.frame("quotes", columns, where=f"words >= {int(min_words)}")
    if rows.empty:
        return _frame([], QUOTE_COLUMNS)
    rows["actor"] = rows["actor"].map(lambda a: merged.get(a, a) if a is not None else None)
    rows["party"] = rows["affiliation"].fillna(rows["actor"]).fillna(UNATTRIBUTED)
    return _frame(rows, QUOTE_COLUMNS)


def quote_shares(quotes: pd.DataFrame, *, by: str = "party") -> pd.DataFrame:
    """Who gets quoted: per ``by`` value (``party`` or ``actor``), quotes and quoted words, with shares.

    Columns: name, quotes, share_quotes (of all quotes), words, share_words (of all quoted
    words), direct, mixed, indirect (counts by kind). Sorted by quotes, then words.
    """
    if quotes.empty:
        return _frame([], QUOTE_SHARE_COLUMNS)
    keys = quotes[by].where(quotes[by].notna(), UNATTRIBUTED)
    grouped = quotes.assign(name=keys).groupby("name", sort=False)
    table = grouped.agg(quotes=("kind", "size"), words=("words", "sum")).reset_index()
    kinds = pd.crosstab(keys.rename("name"), quotes["kind"])
    for kind in ("direct", "mixed", "indirect"):
        table[kind] = table["name"].map(kinds[kind] if kind in kinds else {}).fillna(0).astype("int64")
    table["share_quotes"] = table["quotes"] / table["quotes"].sum()
    total_words = table["words"].sum()
    table["share_words"] = table["words"] / total_words if total_words else 0.0
    return _sorted(_frame(table.to_dict("records"), QUOTE_SHARE_COLUMNS), ["quotes", "words", "name"],
                   ascending=[False, False, True])


def focus_quotes(quotes: pd.DataFrame, focus: Iterable[str]) -> pd.DataFrame:
    """The quotes of a :func:`quotes_frame` whose party or actor is one of ``focus`` (empty names are
    ignored; no names at all keeps every quote). The index is renumbered.

    >>> q = pd.DataFrame({"party": ["Russia", "South Korea"], "actor": ["Dmitry Peskov", "Kim Hong-kyun"]})
    >>> focus_quotes(q, ["Dmitry Peskov", ""])["party"].tolist(), len(focus_quotes(q, []))
    (['Russia'], 2)
    """
    wanted = [name for name in focus if name]
    if not wanted:
        return quotes
    return quotes[quotes["party"].isin(wanted) | quotes["actor"].isin(wanted)].reset_index(drop=True)


#: Quotes below this confidence are counted as "to check" in the quotes report.
CHECK_BELOW = 0.6


def least_certain(quotes: pd.DataFrame, *, n: int) -> pd.DataFrame:
    """The ``n`` quotes of least ``confidence`` (longest first among equals): the ones to check first.

    >>> q = pd.DataFrame({"quote": ["a", "b", "c"], "confidence": [0.9, 0.2, 0.5], "words": [3, 4, 5]})
    >>> least_certain(q, n=2)["quote"].tolist()
    ['b', 'c']
    """
    if quotes.empty or "confidence" not in quotes:
        return quotes.head(0)
    return quotes.sort_values(["confidence", "words"], ascending=[True, False], kind="stable",
                              na_position="first").head(n)


def count_below(frame: pd.DataFrame, *, column: str, threshold: float) -> int:
    """How many rows have ``column`` below ``threshold`` (missing values count as below).

    >>> count_below(pd.DataFrame({"confidence": [0.9, 0.2, None]}), column="confidence", threshold=0.6)
    2
    """
    if frame.empty or column not in frame:
        return 0
    values = pd.to_numeric(frame[column], errors="coerce")
    return int((values.isna() | (values < threshold)).sum())


def most_direct(shares: pd.DataFrame) -> pd.Series | None:
    """The row of a :func:`quote_shares` table quoted directly most often relative to its quotes (ties:
    more quotes first, then table order); None for an empty table.

    >>> shares = pd.DataFrame({"name": ["A", "B", "C"], "quotes": [4, 2, 1], "direct": [2, 2, 1]})
    >>> most_direct(shares)["name"]
    'B'
    """
    if shares.empty:
        return None
    rate = shares["direct"] / shares["quotes"]
    return shares.assign(rate=rate).sort_values(["rate", "quotes"], ascending=False, kind="mergesort").iloc[0]


def quotes_per_article(quotes: pd.DataFrame, parties: Sequence[str], *, max_articles: int = 30) -> pd.DataFrame:
    """How many quotes each article gives each of ``parties``: one row per article (index ``document``),
    one column per party in the order given; the ``max_articles`` articles with most of these quotes,
    most first.

    >>> q = pd.DataFrame({"document": ["a", "a", "b"], "party": ["X", "Y", "X"], "kind": ["direct"] * 3})
    >>> quotes_per_article(q, ["X", "Y"]).to_dict("index")
    {'a': {'X': 1, 'Y': 1}, 'b': {'X': 1, 'Y': 0}}
    """
    chosen = quotes[quotes["party"].isin(list(parties))]
    matrix = (chosen.pivot_table(index="document", columns="party", values="kind", aggfunc="size", fill_value=0)
              .reindex(columns=list(parties), fill_value=0))
    matrix.columns.name = "name"
    order = matrix.sum(axis=1).sort_values(ascending=False, kind="mergesort").index[:max_articles]
    return matrix.loc[order]


def stances_frame(source: Source, *, merge_names: bool = True) -> pd.DataFrame:
    """One row per stance relation, in document order.

    Columns: document; holder (as written), holder_actor, holder_party (whom the holder
    speaks for; "(the article)" when no one in the article holds the stance); target,
    target_actor, target_party (empty for a stance toward a topic), topic; polarity
    (positive / negative / neutral), score (-1..1), cue, rule (the pattern that produced it),
    confidence (how often that rule was right on the development reading), sentence (index),
    sentence_text.

    >>> rec = {"id": "a", "text": "Seoul condemned Pyongyang.", "sentences": [{"start": 0, "end": 26}],
    ...        "stances": [{"source": {"start": 0, "end": 5, "text": "Seoul", "actor": "South Korea",
    ...                                "affiliation": None},
    ...                     "target": {"start": 16, "end": 25, "text": "Pyongyang", "actor": "North Korea",
    ...                                "affiliation": None},
    ...                     "topic": None, "polarity": "negative", "score": -0.8,
    ...                     "cue": {"start": 6, "end": 15, "text": "condemned"}, "sentence": 0}]}
    >>> stances_frame([rec])[["holder_party", "target_party", "polarity", "cue"]].to_dict("records")
    [{'holder_party': 'South Korea', 'target_party': 'North Korea', 'polarity': 'negative', 'cue': 'condemned'}]
    """
    store = as_store(source)
    merged = corpus_names(store) if merge_names else {}
    rows = store.frame("stances", STANCE_COLUMNS)
    if rows.empty:
        return _frame([], STANCE_COLUMNS)
    for column in ("holder_actor", "target_actor"):
        rows[column] = rows[column].map(lambda a: merged.get(a, a) if a is not None else None)
    return _frame(rows, STANCE_COLUMNS)


def stance_matrix(stances: pd.DataFrame, *, holder: str = "holder_party", target: str = "target_party",
                  actors: Sequence[str] = ()) -> pd.DataFrame:
    """Directed stance between actors: one row per (holder, target) pair.

    Columns: holder, target, stances (count), positive, negative, neutral (counts), score
    (mean score), evidence (the sentence of the strongest stance). Pairs whose holder and
    target are the same actor are left out; ``actors`` keeps only pairs among them.
    """
    columns = ("holder", "target", "stances", "positive", "negative", "neutral", "score", "evidence")
    pairs = stances[stances[target].notna() & (stances[holder] != stances[target])]
    if actors:
        pairs = pairs[pairs[holder].isin(actors) & pairs[target].isin(actors)]
    if pairs.empty:
        return _frame([], columns)
    rows = []
    for (h, t), group in pairs.groupby([holder, target], sort=False):
        counts = group["polarity"].value_counts()
        strongest = group.loc[group["score"].abs().idxmax()]
        rows.append({"holder": h, "target": t, "stances": len(group), "positive": int(counts.get("positive", 0)),
                     "negative": int(counts.get("negative", 0)), "neutral": int(counts.get("neutral", 0)),
                     "score": float(group["score"].mean()), "evidence": strongest["sentence_text"]})
    return _sorted(_frame(rows, columns), ["stances", "holder", "target"], ascending=[False, True, True])


LEVELS = ("party", "actor")


def held_stances(stances: pd.DataFrame, *, include_article: bool = False, min_confidence: float = 0.0
                 ) -> pd.DataFrame:
    """The rows of a :func:`stances_frame` an actor holds; with ``include_article`` also the article's
    own portrayal of actors (holder "(the article)"); only those whose confidence is at least
    ``min_confidence`` (0..1; a stance with no confidence recorded counts as 1).

    >>> held_stances(stances_frame([])).empty
    True
    >>> held_stances(stances_frame([]), min_confidence=1.5)
    Traceback (most recent call last):
    ValueError: min_confidence must be between 0 and 1, not 1.5
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence}")
    kept = stances if include_article else stances[stances["holder_party"] != ARTICLE]
    if min_confidence > 0.0:
        kept = kept[kept["confidence"].fillna(1.0) >= min_confidence]
    return kept


def stance_pairs(stances: pd.DataFrame, *, level: str = "party", include_article: bool = False,
                 min_confidence: float = 0.0) -> pd.DataFrame:
    """:func:`stance_matrix` of a :func:`stances_frame` at ``level``: "party" counts people and bodies for
    whom they speak, "actor" keeps them apart (an actor-less side, such as the article, keeps its party).
    """
    if level not in LEVELS:
        raise ValueError(f"level must be 'party' or 'actor', not {level!r}")
    frame = held_stances(stances, include_article=include_article, min_confidence=min_confidence).copy()
    holder, target = f"holder_{level}", f"target_{level}"
    if level == "actor":
        frame[holder] = frame[holder].fillna(frame["holder_party"])
        frame[target] = frame[target].fillna(frame["target_party"])
    return stance_matrix(frame, holder=holder, target=target)


def most_involved(pairs: pd.DataFrame, *, n: int) -> list[str]:
    """The ``n`` actors of a :func:`stance_matrix` in most stances, as holder or target, most first.

    >>> pairs = pd.DataFrame({"holder": ["A", "A", "B"], "target": ["B", "C", "C"], "stances": [3, 1, 1]})
    >>> most_involved(pairs, n=2)
    ['A', 'B']
    """
    if pairs.empty:
        return []
    involvement = pd.concat([pairs.groupby("holder")["stances"].sum(), pairs.groupby("target")["stances"].sum()])
    return involvement.groupby(level=0).sum().sort_values(ascending=False, kind="mergesort").index[:n].tolist()


def pairs_among(pairs: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """The pairs of a :func:`stance_matrix` whose holder and target are both among ``actors``."""
    return pairs[pairs["holder"].isin(actors) & pairs["target"].isin(actors)].reset_index(drop=True)


def stance_grid(pairs: pd.DataFrame, order: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mean score and stance count of each (holder, target) as two holder × target matrices, for a heatmap.

    Rows and columns follow ``order`` (the actors of ``pairs`` only); rows and columns with no pair are
    left out; a cell with no pair is NaN.

    >>> pairs = pd.DataFrame({"holder": ["A"], "target": ["B"], "stances": [2], "score": [-0.5]})
    >>> score, counts = stance_grid(pairs, ["A", "B", "C"])
    >>> score.to_dict(), counts.to_dict()
    ({'B': {'A': -0.5}}, {'B': {'A': 2.0}})
    """
    present = set(pairs["holder"]) | set(pairs["target"])
    order = [a for a in order if a in present]
    score = pairs.pivot(index="holder", columns="target", values="score").reindex(index=order, columns=order)
    counts = pairs.pivot(index="holder", columns="target", values="stances").reindex(index=order, columns=order)
    score = score.loc[score.notna().any(axis=1), score.notna().any(axis=0)]
    return score, counts.reindex(index=score.index, columns=score.columns)


def pair_polarities(pairs: pd.DataFrame) -> dict[str, int]:
    """How many pairs of a :func:`stance_matrix` are negative, positive and neutral on the mean
    (:func:`toolkit.stance.stances.polarity_of`: the one threshold, also of the network's arrow colours).

    >>> pair_polarities(pd.DataFrame({"score": [-0.5, -0.05, 0.3]}))
    {'negative': 1, 'positive': 1, 'neutral': 1}
    """
    counts = pairs["score"].map(polarity_of).value_counts()
    return {p: int(counts.get(p, 0)) for p in ("negative", "positive", "neutral")}


def extreme_pairs(pairs: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """The most negative pair of a :func:`stance_matrix`, and the most positive one if any mean is above
    zero (else None); (None, None) for no pairs.
    """
    if pairs.empty:
        return None, None
    ranked = pairs.sort_values("score", kind="mergesort")
    low, high = ranked.iloc[0], ranked.iloc[-1]
    return low, (high if high["score"] > 0 else None)


def topics_to_follow(source: Source, topics: Mapping[str, Sequence[str]] | None = None, *,
                     n: int = 5) -> list[Topic]:
    """The topics a report follows: those given (name -> key terms), else the ``n`` proposed from the
    stored event phrases (:func:`toolkit.stance.stances.propose_topics`; nothing is tagged again),
    read one document at a time.

    >>> topics_to_follow([], {"troop deployment": ["troops", "deployment"]})
    [Topic(name='troop deployment', terms=('troops', 'deployment'))]
    """
    if topics:
        return [Topic(name, tuple(terms)) for name, terms in topics.items()]
    return propose_topics(_phrase_documents(as_store(source)), n=n)


def _phrase_documents(store: Store) -> Iterator[dict]:
    """Each document's event phrases and word count, as :func:`propose_topics` reads them, in corpus order."""
    cursor = store.con.execute("SELECT d.id, d.words, p.phrase FROM documents d LEFT JOIN event_phrases p "
                               "ON p.document = d.id ORDER BY d.doc_index")
    current: dict | None = None
    while True:
        rows = cursor.fetchmany(1000)
        if not rows:
            break
        for doc, words, phrase in rows:
            if current is None or current["id"] != doc:
                if current is not None:
                    yield current
                current = {"id": doc, "n_words": words, "event_phrases": []}
            if phrase is not None:
                current["event_phrases"].append(json.loads(phrase))
    if current is not None:
        yield current


def topic_stances_frame(source: Source, topics: Sequence[Topic], *, by: str = "party") -> pd.DataFrame:
    """Each actor's stance toward each topic: favour / against / neutral, from their statements.

    ``topics`` are :class:`toolkit.stance.stances.Topic` s (a name and its key terms), matched against
    the claims each record stores (:func:`toolkit.stance.stances.claim_stances`): no text is analysed
    again. Columns: actor (the party with ``by="party"``), topic, stance (:func:`topic_label` of the
    mean), stances (how many), score (mean, -1..1), documents, evidence (the sentences, joined by " | ").

    >>> rec = {"id": "a", "text": "Germany said troops were a mistake.", "sentences": [{"start": 0, "end": 35}],
    ...        "claims": [{"holder": {"start": 0, "end": 7, "text": "Germany", "actor": "Germany",
    ...                               "kind": "country", "affiliation": None}, "score": -0.5,
    ...                    "cue": {"start": 27, "end": 34, "text": "mistake"}, "sentence": 0, "via": "statement",
    ...                    "terms": ["mistake", "troop", "troops"]}]}
    >>> topic_stances_frame([rec], [Topic("troops", ("troops",))])[["actor", "topic", "stance", "stances"]].to_dict("records")
    [{'actor': 'Germany', 'topic': 'troops', 'stance': 'against', 'stances': 1}]
    """
    topics = list(topics)
    if not topics:
        return _frame([], TOPIC_STANCE_COLUMNS)
    gathered: dict[tuple[str, str], dict] = {}
    for doc, claims, said in _document_claims(as_store(source)):
        for stance in claim_stances(claims, topics):  # one per sentence, holder and topic: per document
            name = stance.source.party if by == "party" else stance.source.actor
            entry = gathered.setdefault((name, stance.topic), {"scores": [], "documents": set(), "evidence": []})
            entry["scores"].append(stance.score)
            entry["documents"].add(doc)
            text = said.get(stance.sentence)
            if text and text not in entry["evidence"]:
                entry["evidence"].append(text)
    rows = []
    for (name, topic), entry in gathered.items():
        mean = sum(entry["scores"]) / len(entry["scores"])
        rows.append({"actor": name, "topic": topic, "stance": topic_label(mean), "stances": len(entry["scores"]),
                     "score": mean, "documents": len(entry["documents"]), "evidence": " | ".join(entry["evidence"])})
    return _sorted(_frame(rows, TOPIC_STANCE_COLUMNS), ["topic", "stances", "actor"], ascending=[True, False, True])


def _document_claims(store: Store) -> Iterator[tuple[str, list[Claim], dict[int, str]]]:
    """Each document's claims with the text of their sentences, one document at a time."""
    cursor = store.con.execute("SELECT document, sentence, sentence_text, claim FROM claims")
    doc, claims, said = None, [], {}
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            break
        for document, sentence, text, claim in batch:
            if document != doc and claims:
                yield doc, claims, said
                claims, said = [], {}
            doc = document
            claims.append(Claim.from_dict(json.loads(claim)))
            said[sentence] = text
    if claims:
        yield doc, claims, said


def topic_grid(by_topic: pd.DataFrame) -> pd.DataFrame:
    """A :func:`topic_stances_frame` as a grid: one row per actor, one column per topic, the stance in
    each cell ("" where the actor takes none).

    >>> by_topic = pd.DataFrame({"actor": ["A", "B", "B"], "topic": ["t", "t", "u"],
    ...                          "stance": ["favour", "against", "neutral"]})
    >>> topic_grid(by_topic).to_dict("records")
    [{'actor': 'A', 't': 'favour', 'u': ''}, {'actor': 'B', 't': 'against', 'u': 'neutral'}]
    """
    return by_topic.pivot(index="actor", columns="topic", values="stance").fillna("").reset_index()


# --------------------------------------------------------------------------- time: expressions and the timeline


def timexes_frame(source: Source) -> pd.DataFrame:
    """One row per temporal expression, in document order.

    Columns: document, start, end, text, type (DATE, TIME, DURATION, SET), value (TIMEX3),
    mod, interval_start/interval_end (the calendar days the value stands for, relative to the
    article's publication date; NaT when open or not a date), sentence (index), sentence_text.
    """
    rows = as_store(source).frame("timexes", TIMEX_COLUMNS)
    return _frame(rows, TIMEX_COLUMNS)


def timex_type_counts(timexes: pd.DataFrame) -> pd.DataFrame:
    """How many expressions of each TIMEX3 type (all four, in :data:`TIMEX_TYPES` order, zeros kept).

    >>> timex_type_counts(timexes_frame([]))["count"].tolist()
    [0, 0, 0, 0]
    """
    counts = timexes["type"].value_counts()
    rows = [{"type": t, "count": int(counts.get(t, 0))} for t in TIMEX_TYPES]
    return _frame(rows, ("type", "count"))


def timeline_frame(source: Source, *, merge_names: bool = True) -> pd.DataFrame:
    """One row per event, in timeline order (see :func:`toolkit.time.timeline.timeline`).

    Columns: position (1, 2, ...), document, published, when (a reading of the interval),
    event (the word or phrase), actors (canonical names joined by "; ", subject first), value
    (TIMEX3 value or a relation such as ``ON_OR_BEFORE_DCT``), interval_start, interval_end
    (NaT = open), timex (the expression that dates it, if any), anchor (timex, tense or order),
    tense, negated, sentence, sentence_text (the evidence), start, end. With ``merge_names``, a
    person named by one name only is merged with the corpus's full name (:func:`corpus_names`).
    """
    store = as_store(source)
    merged = corpus_names(store) if merge_names else {}
    rows = store.frame("events", [c for c in TIMELINE_COLUMNS if c != "position"], order="order_key")
    if rows.empty:
        return _frame([], TIMELINE_COLUMNS)
    rows.insert(0, "position", range(1, len(rows) + 1))
    rows["actors"] = rows["actors"].fillna("").map(
        lambda names: "; ".join(dict.fromkeys(merged.get(a, a) for a in names.split("; ") if a)))
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
