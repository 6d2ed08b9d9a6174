"""Who the sources are: quotes with their source's labels, shares with bootstrap intervals, the sources
table, and the quotes carried by several articles.

Every quote of the annotate contract carries its source's labels (``gender``, ``role``, ``named``,
``description``, their evidence, and the ``framing`` class of its cue verb); :func:`sources_frame`
reads them from the store, one row per quote. :func:`bootstrap_shares` gives the share of quotes
(or of quoted words) per label value and group (outlet, or time bin: :func:`time_bin_labels`) with a
95% interval from resampling *articles* (quotes in one article are not independent: one interview
gives many); :func:`share_difference` the difference between two groups with its interval.
:func:`source_table` has one row per source, :func:`top_sources` the most quoted per outlet, and
:func:`quote_groups` / :func:`carried_quotes` find the same quote carried by several articles
(wire copy, re-quotes).

Example::

    >>> quotes = pd.DataFrame({"document": ["a", "a", "b", "c"], "source": ["X", "X", "X", "Y"],
    ...                        "gender": ["female", "male", "male", "female"], "words": [10, 5, 5, 4]})
    >>> shares = bootstrap_shares(quotes, label="gender", by="source", n_boot=200)
    >>> shares[["group", "value", "quotes", "share"]].to_dict("records")[:2]
    [{'group': 'X', 'value': 'female', 'quotes': 1, 'share': 0.3333333333333333}, {'group': 'X', 'value': 'male', 'quotes': 2, 'share': 0.6666666666666666}]
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.report.frames import Source, as_store, corpus_names

__all__ = [
    "GENDERS", "ROLES", "NAMED", "FRAMINGS", "LABELS", "TIME_BINS", "WEIGHTS", "FEW_ARTICLES",
    "SOURCES_COLUMNS", "SHARE_COLUMNS", "DIFFERENCE_COLUMNS", "SOURCE_TABLE_COLUMNS", "TOP_SOURCE_COLUMNS",
    "CARRIED_COLUMNS", "sources_frame", "time_bin_labels", "label_values", "labelled", "bootstrap_shares",
    "share_difference", "difference_sentence", "few_articles", "LABEL_SHARE_COLUMNS", "label_shares",
    "largest_groups", "most_common_value", "shares_caption", "source_table", "top_sources", "content_words",
    "quote_groups", "carried_quotes", "CARRIED_THRESHOLD", "concat_differences", "day_text",
]

GENDERS = ("female", "male", "unknown")
ROLES = ("politician", "government", "legal", "expert", "business", "civil_society", "media", "citizen",
         "document", "other")
#: The values of the ``named`` label as shares show them (True, False).
NAMED = ("named", "unnamed")
FRAMINGS = ("neutral", "assertive", "doubt", "concession", "emotive", "directive", "tentative", "denial",
            "evidential")
#: Each label with its values in the order tables and charts show them.
LABELS: dict[str, tuple[str, ...]] = {"gender": GENDERS, "role": ROLES, "named": NAMED, "framing": FRAMINGS}
TIME_BINS = ("day", "week", "month", "quarter", "year")
WEIGHTS = ("quotes", "words")
#: How much of their content words two quotes by one speaker share (Jaccard) to count as the same quote.
CARRIED_THRESHOLD = 0.8
#: A group resting on fewer articles than this gets a note: its interval is rough (one article: no width).
FEW_ARTICLES = 20

SOURCES_COLUMNS = ("document", "source", "published", "period", "actor", "affiliation", "speaker", "description",
                   "named", "gender", "role", "framing", "kind", "cue", "words", "quote", "gender_evidence",
                   "role_evidence", "sentence_text")
SHARE_COLUMNS = ("group", "value", "weight", "quotes", "words", "share", "low", "high", "total", "articles")
DIFFERENCE_COLUMNS = ("value", "weight", "first", "second", "share_first", "share_second", "difference", "low",
                      "high", "articles_first", "articles_second")
SOURCE_TABLE_COLUMNS = ("name", "document", "named", "affiliation", "quotes", "words", "articles", "outlets",
                        "gender", "gender_evidence", "role", "role_evidence")
TOP_SOURCE_COLUMNS = ("group", "rank", "name", "quotes", "share", "words", "gender", "role")
CARRIED_COLUMNS = ("speaker", "quote", "articles", "outlets", "quotes", "first_published", "first_source",
                   "first_document", "sources")

_DOCUMENT_FIELDS = ("id", "title", "url")
_NOT_GIVEN = "(not given)"


# --------------------------------------------------------------------------- one row per quote


def time_bin_labels(published: pd.Series, *, time_bin: str = "month") -> pd.Series:
    """The period each publication day falls in, as a label that sorts in time order (None when undated).

    ``day`` 2024-10-21, ``week`` 2024-W43 (ISO weeks), ``month`` 2024-10, ``quarter`` 2024-Q4, ``year`` 2024.

    >>> days = pd.Series(pd.to_datetime(["2024-10-21", None, "2024-12-30"]))
    >>> time_bin_labels(days, time_bin="week").tolist(), time_bin_labels(days, time_bin="quarter").tolist()
    (['2024-W43', None, '2025-W01'], ['2024-Q4', None, '2024-Q4'])
    """
    if time_bin not in TIME_BINS:
        raise ValueError(f"time_bin must be one of {', '.join(TIME_BINS)}, not {time_bin!r}")
    days = pd.to_datetime(pd.Series(published), errors="coerce")
    if time_bin == "week":
        iso = days.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    elif time_bin == "quarter":
        labels = days.dt.year.astype("Int64").astype("string") + "-Q" + days.dt.quarter.astype("Int64").astype("string")
    else:
        labels = days.dt.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[time_bin])
    return labels.astype(object).where(days.notna(), None)


def sources_frame(source: Source, *, group_by: str = "source", time_bin: str = "month", min_words: int = 0,
                  merge_names: bool = True) -> pd.DataFrame:
    """One row per quote with its source's labels, in corpus order, read in one DuckDB query.

    Columns (:data:`SOURCES_COLUMNS`): document, source (the outlet: the article's ``source``),
    published (the day), period (its :func:`time_bin_labels`), actor (the canonical speaker, names
    merged across the corpus: :func:`toolkit.report.frames.corpus_names`), affiliation, speaker (as
    written), description (of an unnamed source), named, gender, role, framing, kind, cue, words,
    quote, gender_evidence, role_evidence, sentence_text; and ``group_by`` when it is another
    article field (``title``, ``url``) or a metadata field the stored records carry (read from
    their JSON). Quotes shorter than ``min_words`` are left out.

    >>> rec = {"id": "a", "source": "Wire", "published": "2024-10-21", "text": '"No," she said.',
    ...        "sentences": [{"start": 0, "end": 15}],
    ...        "quotes": [{"kind": "direct", "content": [{"start": 0, "end": 5}], "cue": {"start": 10, "end": 14,
    ...                    "text": "said"}, "speaker": {"start": 6, "end": 9, "text": "she"}, "actor": "Ann Lee",
    ...                    "sentence": 0, "gender": "female", "gender_evidence": "pronoun 'she'",
    ...                    "role": "expert", "named": True, "framing": "neutral"}]}
    >>> sources_frame([rec])[["source", "period", "actor", "gender", "named", "gender_evidence"]].to_dict("records")
    [{'source': 'Wire', 'period': '2024-10', 'actor': 'Ann Lee', 'gender': 'female', 'named': True, 'gender_evidence': "pronoun 'she'"}]
    """
    if time_bin not in TIME_BINS:
        raise ValueError(f"time_bin must be one of {', '.join(TIME_BINS)}, not {time_bin!r}")
    if not group_by.strip():
        raise ValueError("group_by must name an article field, e.g. 'source'")
    store = as_store(source)
    merged = corpus_names(store) if merge_names else {}
    store.con.register("source_names", pd.DataFrame({"name": list(merged), "usual": list(merged.values())},
                                                    dtype="object"))
    quote_columns = [c for c in SOURCES_COLUMNS if c not in ("document", "source", "published", "period", "actor")]
    select = ["q.document", "d.source", "d.published", "coalesce(m.usual, q.actor) AS actor"]
    select += [f'q."{c}"' for c in quote_columns]
    joins, params = "", []
    extra = group_by not in SOURCES_COLUMNS
    if extra and group_by in _DOCUMENT_FIELDS:
        select.append(f'd."{group_by}" AS "{_ident(group_by)}"')
    elif extra:
        select.append(f'json_extract_string(r.record, ?) AS "{_ident(group_by)}"')
        params.append('$."' + group_by.replace('"', '\\"') + '"')
        joins = " LEFT JOIN records r ON r.document = q.document"
    query = (f"SELECT {', '.join(select)} FROM (SELECT *, row_number() OVER () AS _row FROM quotes) q "
             "LEFT JOIN documents d ON d.id = q.document LEFT JOIN source_names m ON m.name = q.actor"
             f"{joins} WHERE q.words >= {int(min_words)} ORDER BY d.doc_index, q._row")
    rows = store.sql(query, params).df() if params else store.sql(query).df()
    columns = list(SOURCES_COLUMNS) + ([group_by] if extra else [])
    if rows.empty:
        rows = pd.DataFrame(columns=[c for c in columns if c != "period"])
    rows["published"] = pd.to_datetime(rows["published"], errors="coerce", format="ISO8601")
    rows["period"] = time_bin_labels(rows["published"], time_bin=time_bin) if len(rows) else pd.Series(dtype=object)
    rows["words"] = rows["words"].astype("int64")
    rows["named"] = rows["named"].astype(object).where(rows["named"].notna(), None)
    for column in columns:
        if column not in ("published", "words", "named"):
            rows[column] = rows[column].astype(object).where(rows[column].notna(), None)
    return rows[columns].reset_index(drop=True)


def _ident(name: str) -> str:
    return name.replace('"', '""')


# --------------------------------------------------------------------------- shares with bootstrap intervals


def label_values(frame: pd.DataFrame, label: str) -> pd.Series:
    """The values of ``label`` as shares count them: strings, ``named`` as "named"/"unnamed", None when not labelled.

    >>> label_values(pd.DataFrame({"named": [True, False, None]}), "named").tolist()
    ['named', 'unnamed', None]
    """
    def value(v: object) -> str | None:
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            return None
        if label == "named":
            return "named" if bool(v) else "unnamed"
        return str(v)

    return pd.Series([value(v) for v in frame[label]], index=frame.index, dtype=object)


def labelled(frame: pd.DataFrame, label: str) -> int:
    """How many rows carry a value of ``label`` (0 when annotate did not label it).

    >>> labelled(pd.DataFrame({"gender": [None, "male"]}), "gender")
    1
    """
    return int(label_values(frame, label).notna().sum()) if label in frame else 0


def _order(values: Sequence[str], label: str) -> list[str]:
    known = LABELS.get(label, ())
    present = set(values)
    return [v for v in known if v in present] + sorted(present - set(known))


def _rng(seed: int, group: object) -> np.random.Generator:
    """The random stream of one group: the same for a group whatever other groups there are."""
    return np.random.default_rng([int(seed), zlib.crc32(str(group).encode("utf-8"))])


def _replicate_totals(counts: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                      cells: int = 4_000_000) -> np.ndarray:
    """Totals of ``counts`` (articles × values) over ``n_boot`` resamples of the articles with replacement.

    Each resample draws n article indices; how often each article is drawn (a row of weights) times
    the count matrix gives that resample's totals: a few million draws at a time, whatever the corpus.
    """
    if n_boot < 1:
        raise ValueError(f"n_boot must be at least 1, not {n_boot}")
    n, k = counts.shape
    out = np.empty((n_boot, k))
    step = max(1, cells // max(n, 1))
    for lo in range(0, n_boot, step):
        b = min(step, n_boot - lo)
        picks = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
        weights = np.bincount(picks.ravel(), minlength=b * n).reshape(b, n)
        out[lo:lo + b] = weights @ counts
    return out


def _group_counts(frame: pd.DataFrame, *, label: str, by: str | None, weight: str
                  ) -> tuple[list[str], dict[object, tuple[pd.DataFrame, pd.DataFrame]]]:
    """Per group: the article × value matrices of quotes and of words (articles with a labelled quote)."""
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be 'quotes' or 'words', not {weight!r}")
    values = label_values(frame, label) if len(frame) else pd.Series([], dtype=object)
    keep = values.notna()
    groups = (frame[by].astype(object).where(frame[by].notna(), _NOT_GIVEN) if by else
              pd.Series("all", index=frame.index, dtype=object))
    data = pd.DataFrame({"group": groups[keep], "document": frame.loc[keep, "document"], "value": values[keep],
                         "words": frame.loc[keep, "words"].astype("int64") if keep.any() else []})
    order = _order(data["value"].unique().tolist(), label)
    out = {}
    for group, part in data.groupby("group", sort=True):
        quotes = pd.crosstab(part["document"], part["value"]).reindex(columns=order, fill_value=0)
        words = part.pivot_table(index="document", columns="value", values="words", aggfunc="sum",
                                 fill_value=0).reindex(index=quotes.index, columns=order, fill_value=0)
        out[group] = (quotes, words)
    return order, out


def _shares(totals: np.ndarray) -> np.ndarray:
    sums = totals.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(sums > 0, totals / np.where(sums > 0, sums, 1), np.nan)


def bootstrap_shares(quotes: pd.DataFrame, *, label: str, by: str | None = None, weight: str = "quotes",
                     n_boot: int = 1000, seed: int = 0, min_count: int = 1, level: float = 0.95) -> pd.DataFrame:
    """The share of quotes (or of quoted words) with each value of ``label``, per ``by`` group, with
    a bootstrap interval over articles.

    Only quotes with a value of ``label`` count (a quote without a source has no gender). Within each
    group the articles are resampled with replacement ``n_boot`` times and the shares recomputed; the
    interval is the central ``level`` of those shares (percentile bootstrap), the same for a given
    ``seed``. Groups with fewer than ``min_count`` labelled quotes are left out; a missing group value
    is "(not given)". Columns (:data:`SHARE_COLUMNS`): group, value, weight, quotes, words (with this
    value), share, low, high, total (labelled quotes, or their words, in the group), articles.

    >>> quotes = pd.DataFrame({"document": list("abcd"), "gender": ["female", "male", "male", "male"],
    ...                        "words": [30, 10, 10, 10]})
    >>> row = bootstrap_shares(quotes, label="gender", weight="words", n_boot=500).iloc[0]
    >>> row["value"], float(row["share"]), bool(row["low"] <= row["share"] <= row["high"])
    ('female', 0.5, True)
    """
    order, groups = _group_counts(quotes, label=label, by=by, weight=weight)
    tail = (1 - level) / 2 * 100
    rows = []
    for group, (counted, words) in groups.items():
        if int(counted.to_numpy().sum()) < min_count:
            continue
        matrix = (counted if weight == "quotes" else words).to_numpy(dtype=float)
        point = _shares(matrix.sum(axis=0))
        boot = _shares(_replicate_totals(matrix, n_boot=n_boot, rng=_rng(seed, group)))
        low, high = np.nanpercentile(boot, [tail, 100 - tail], axis=0)
        total = matrix.sum()
        for i, value in enumerate(order):
            rows.append({"group": group, "value": value, "weight": weight, "quotes": int(counted[value].sum()),
                         "words": int(words[value].sum()), "share": float(point[i]),
                         "low": float(low[i]), "high": float(high[i]),
                         "total": int(total), "articles": int(len(counted))})
    frame = pd.DataFrame(rows, columns=list(SHARE_COLUMNS))
    for column in ("quotes", "words", "total", "articles"):
        frame[column] = frame[column].astype("int64")
    for column in ("share", "low", "high"):
        frame[column] = frame[column].astype("float64")
    return frame


def share_difference(quotes: pd.DataFrame, *, label: str, by: str, first: object = None, second: object = None,
                     value: str | None = None, weight: str = "quotes", n_boot: int = 1000, seed: int = 0,
                     level: float = 0.95) -> pd.DataFrame:
    """The difference of each value's share (``first`` minus ``second`` group) with its bootstrap interval.

    Each group's articles are resampled independently (the streams of :func:`bootstrap_shares`, so the
    shares agree with its table); the interval is the central ``level`` of the replicate differences.
    Without ``first``/``second`` the two groups with most labelled quotes are compared; fewer than two
    groups give an empty table. ``value`` keeps that value's row only. Shares and differences are
    fractions (0.081 is 8.1 points). Columns: :data:`DIFFERENCE_COLUMNS`.

    >>> quotes = pd.DataFrame({"document": list("abcdef"), "source": list("XXXYYY"),
    ...                        "gender": ["female"] * 3 + ["male"] * 3, "words": [5] * 6})
    >>> share_difference(quotes, label="gender", by="source", value="female", n_boot=200)[
    ...     ["first", "second", "difference", "low", "high"]].to_dict("records")
    [{'first': 'X', 'second': 'Y', 'difference': 1.0, 'low': 1.0, 'high': 1.0}]
    """
    order, groups = _group_counts(quotes, label=label, by=by, weight=weight)
    if first is None or second is None:
        ranked = sorted(groups, key=lambda g: (-int(groups[g][0].to_numpy().sum()), str(g)))
        if len(ranked) < 2:
            return pd.DataFrame(columns=list(DIFFERENCE_COLUMNS))
        first, second = ranked[0], ranked[1]
    missing = [g for g in (first, second) if g not in groups]
    if missing:
        raise ValueError(f"no labelled quotes in group(s) {', '.join(map(repr, missing))}")
    tail = (1 - level) / 2 * 100
    points, boots, articles = [], [], []
    for group in (first, second):
        counted, words = groups[group]
        matrix = (counted if weight == "quotes" else words).to_numpy(dtype=float)
        points.append(_shares(matrix.sum(axis=0)))
        boots.append(_shares(_replicate_totals(matrix, n_boot=n_boot, rng=_rng(seed, group))))
        articles.append(len(counted))
    diff = boots[0] - boots[1]
    low, high = np.nanpercentile(diff, [tail, 100 - tail], axis=0)
    rows = []
    for i, v in enumerate(order):
        if value is not None and v != value:
            continue
        point = float(points[0][i] - points[1][i])
        rows.append({"value": v, "weight": weight, "first": first, "second": second,
                     "share_first": float(points[0][i]), "share_second": float(points[1][i]), "difference": point,
                     "low": float(low[i]), "high": float(high[i]),
                     "articles_first": articles[0], "articles_second": articles[1]})
    return pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))


def concat_differences(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """:func:`share_difference` tables of several labels (each with a ``label`` column) as one table,
    the label first.

    >>> concat_differences([]).columns.tolist()[:2]
    ['label', 'value']
    """
    columns = ["label"] + list(DIFFERENCE_COLUMNS)
    tables = [t for t in tables if not t.empty]
    if not tables:
        return pd.DataFrame(columns=columns)
    return pd.concat(tables, ignore_index=True)[columns]


def day_text(value: object) -> str:
    """A publication day as YYYY-MM-DD, or "undated".

    >>> day_text(pd.Timestamp("2024-10-21 10:15")), day_text(pd.NaT)
    ('2024-10-21', 'undated')
    """
    return "undated" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def difference_sentence(row: pd.Series | dict, *, label: str) -> str:
    """A :func:`share_difference` row in words, with its interval in percentage points.

    >>> difference_sentence({"value": "female", "weight": "quotes", "first": "A", "second": "B",
    ...                      "share_first": 0.3, "share_second": 0.219, "difference": 0.081, "low": 0.02,
    ...                      "high": 0.143}, label="gender")
    "The share of quotes with gender 'female' is 8.1 percentage points higher in A than in B (30.0% vs 21.9%; 95% interval of the difference 2.0 to 14.3 points): the interval excludes zero."
    """
    what = "quotes" if row["weight"] == "quotes" else "quoted words"
    diff = row["difference"] * 100
    more = "higher" if diff >= 0 else "lower"
    verdict = ("the interval excludes zero" if row["low"] > 0 or row["high"] < 0 else
               "the interval includes zero, so the data do not show a difference")
    return (f"The share of {what} with {label} '{row['value']}' is {abs(diff):.1f} percentage points {more} in "
            f"{row['first']} than in {row['second']} ({row['share_first']:.1%} vs {row['share_second']:.1%}; "
            f"95% interval of the difference {row['low'] * 100:.1f} to {row['high'] * 100:.1f} points): {verdict}.")


def few_articles(shares: pd.DataFrame, *, below: int = FEW_ARTICLES) -> list:
    """The groups of a :func:`bootstrap_shares` table resting on fewer than ``below`` articles.

    >>> few_articles(pd.DataFrame({"group": ["A", "A", "B"], "articles": [1, 1, 40]}))
    ['A']
    """
    return list(dict.fromkeys(shares.loc[shares["articles"] < below, "group"]))


LABEL_SHARE_COLUMNS = ("label",) + SHARE_COLUMNS


def label_shares(quotes: pd.DataFrame, *, by: str | None, labels: Sequence[str] = tuple(LABELS),
                 n_boot: int = 1000, seed: int = 0, min_count: int = 1) -> pd.DataFrame:
    """:func:`bootstrap_shares` of every label in ``labels``, by quotes and by quoted words, in one table
    (:data:`LABEL_SHARE_COLUMNS`: a ``label`` column, then the share columns); labels no quote carries
    give no rows.

    >>> quotes = pd.DataFrame({"document": ["a", "b"], "source": ["X", "X"], "gender": ["male", None],
    ...     "role": [None, None], "named": [True, False], "framing": [None, None], "words": [3, 4]})
    >>> label_shares(quotes, by="source", n_boot=100)[["label", "value", "weight", "share"]].to_dict("records")[:2]
    [{'label': 'gender', 'value': 'male', 'weight': 'quotes', 'share': 1.0}, {'label': 'gender', 'value': 'male', 'weight': 'words', 'share': 1.0}]
    """
    parts = [bootstrap_shares(quotes, label=label, by=by, weight=weight, n_boot=n_boot, seed=seed,
                              min_count=min_count).assign(label=label)
             for label in labels if label in quotes for weight in WEIGHTS]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=list(LABEL_SHARE_COLUMNS))
    return pd.concat(parts, ignore_index=True)[list(LABEL_SHARE_COLUMNS)]


def largest_groups(shares: pd.DataFrame, *, n: int) -> list:
    """The ``n`` groups of a :func:`bootstrap_shares` table with most labelled quotes, most first (ties: by name).

    >>> largest_groups(pd.DataFrame({"group": ["A", "B", "C"], "total": [2, 9, 2]}), n=2)
    ['B', 'A']
    """
    if shares.empty:
        return []
    totals = shares.drop_duplicates("group").set_index("group")["total"]
    ranked = sorted(totals.index, key=lambda g: (-int(totals[g]), str(g)))
    return ranked[:n]


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _span(row: pd.Series) -> str:
    return f"{row['low'] * 100:.0f}–{row['high'] * 100:.0f}%"


def most_common_value(shares: pd.DataFrame) -> str | None:
    """The value of a :func:`bootstrap_shares` table with most quotes over all its groups (None if empty).

    >>> most_common_value(pd.DataFrame({"value": ["a", "b", "a"], "weight": ["quotes"] * 3, "quotes": [1, 3, 1]}))
    'b'
    """
    by_quotes = shares[shares["weight"] == "quotes"]
    if by_quotes.empty:
        return None
    totals = by_quotes.groupby("value", sort=False)["quotes"].sum()
    return str(totals.idxmax())


def shares_caption(shares: pd.DataFrame, *, label: str, group_label: str = "outlet", groups: Sequence | None = None,
                   max_groups: int = 5) -> str:
    """What a chart of :func:`label_shares` rows of one label says, with its numbers: the most common
    value overall and, for the first ``max_groups`` of ``groups`` (default: the table's order), its
    share of quotes and of quoted words with the 95% interval.

    >>> shares = pd.DataFrame({"group": ["X", "X"], "value": ["male", "male"], "weight": ["quotes", "words"],
    ...     "quotes": [3, 3], "share": [0.75, 0.6], "low": [0.5, 0.4], "high": [1.0, 0.9], "total": [4, 50]})
    >>> shares_caption(shares, label="gender")
    "The most common gender is 'male'. X: 75% of quotes (95% interval 50–100%), 60% of quoted words (40–90%)."
    """
    if shares.empty:
        return f"No outlet has enough quotes with a {label} label to show."
    top = most_common_value(shares)
    parts = []
    groups = [g for g in (groups if groups is not None else dict.fromkeys(shares["group"]))
              if g in set(shares["group"])]
    for group in groups[:max_groups]:
        row = shares[(shares["group"] == group) & (shares["value"] == top)].set_index("weight")
        text = f"{group}: "
        if "quotes" in row.index:
            q = row.loc["quotes"]
            text += f"{_pct(q['share'])} of quotes (95% interval {_span(q)})"
        if "words" in row.index:
            w = row.loc["words"]
            text += f", {_pct(w['share'])} of quoted words ({_span(w)})"
        parts.append(text)
    more = len(groups) - max_groups
    tail = f"; {more} more {group_label}(s) in the CSV" if more > 0 else ""
    return f"The most common {label} is '{top}'. " + "; ".join(parts) + tail + "."


# --------------------------------------------------------------------------- the sources


def _source_keys(quotes: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each quote's source: a named actor across the corpus, or (document, description) for an unnamed one.

    Returns the key (None for a quote with no source), the name shown and the document (None for a named source).
    """
    named_flag = quotes["named"].map(lambda v: v is not None and v is not pd.NA and v == v and not bool(v))
    actor = quotes["actor"]
    unnamed_text = quotes["description"].where(quotes["description"].notna(), quotes["speaker"])
    is_named = actor.notna() & ~named_flag
    is_unnamed = ~is_named & unnamed_text.notna()
    name = actor.where(is_named, unnamed_text.where(is_unnamed, None))
    document = quotes["document"].where(is_unnamed, None)
    key = ("n\x1f" + actor.astype(str)).where(is_named, ("u\x1f" + quotes["document"].astype(str) + "\x1f"
                                                         + unnamed_text.astype(str)).where(is_unnamed, None))
    return key, name.astype(object), document.astype(object)


def _modal(frame: pd.DataFrame, label: str, evidence: str | None) -> pd.DataFrame:
    """Per key: the most common value of ``label`` (ties: the vocabulary's order) and an example of its evidence."""
    known = frame[frame[label].notna()]
    columns = ["key", label] + ([evidence] if evidence else [])
    if known.empty:
        return pd.DataFrame(columns=columns)
    rank = {v: i for i, v in enumerate(LABELS.get(label, ()))}
    counts = known.groupby(["key", label]).size().rename("n").reset_index()
    counts["_rank"] = counts[label].map(lambda v: rank.get(v, len(rank)))
    best = counts.sort_values(["key", "n", "_rank"], ascending=[True, False, True], kind="mergesort").drop_duplicates(
        "key")[["key", label]]
    if evidence:
        examples = known[known[evidence].notna()].drop_duplicates(["key", label])[["key", label, evidence]]
        best = best.merge(examples, on=["key", label], how="left")
    return best


def source_table(quotes: pd.DataFrame, *, min_quotes: int = 1) -> pd.DataFrame:
    """One row per source of a :func:`sources_frame`: a named actor across the corpus, or an unnamed
    source within its article (document, description: "officials" in two articles are two sources).

    Columns (:data:`SOURCE_TABLE_COLUMNS`): name, document (of an unnamed source), named, affiliation,
    quotes, words, articles, outlets, gender and role (the most common across its quotes, with an
    example of the evidence for it). Quotes without a source, and sources with fewer than ``min_quotes``
    quotes, are left out. Most quoted first.

    >>> quotes = pd.DataFrame({"document": ["a", "b", "a"], "source": ["X", "Y", "X"],
    ...     "actor": ["Ann Lee", "Ann Lee", None], "affiliation": [None, None, None],
    ...     "speaker": ["Lee", "she", "officials"], "description": [None, None, "officials"],
    ...     "named": [True, True, False], "gender": ["female", "female", None], "role": ["expert", None, "government"],
    ...     "words": [4, 6, 3], "gender_evidence": ["given name Ann", "pronoun 'she'", None],
    ...     "role_evidence": ["title 'professor'", None, "noun 'officials'"]})
    >>> source_table(quotes)[["name", "document", "quotes", "outlets", "gender", "gender_evidence"]].to_dict("records")
    [{'name': 'Ann Lee', 'document': None, 'quotes': 2, 'outlets': 2, 'gender': 'female', 'gender_evidence': 'given name Ann'}, {'name': 'officials', 'document': 'a', 'quotes': 1, 'outlets': 1, 'gender': None, 'gender_evidence': None}]
    """
    if quotes.empty:
        return pd.DataFrame(columns=list(SOURCE_TABLE_COLUMNS))
    key, name, document = _source_keys(quotes)
    frame = quotes.assign(key=key, name=name, doc=document)
    frame = frame[frame["key"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=list(SOURCE_TABLE_COLUMNS))
    grouped = frame.groupby("key", sort=False)
    table = grouped.agg(name=("name", "first"), document=("doc", "first"), quotes=("words", "size"),
                        words=("words", "sum"), articles=("document", "nunique"), outlets=("source", "nunique"),
                        affiliation=("affiliation", "first")).reset_index()
    named = frame[frame["named"].notna()].drop_duplicates("key").set_index("key")["named"]
    table["named"] = table["key"].map(named).astype(object)
    table["named"] = table["named"].where(table["named"].notna(), None)
    for label in ("gender", "role"):
        table = table.merge(_modal(frame, label, f"{label}_evidence"), on="key", how="left")
    table = table[table["quotes"] >= min_quotes]
    table = table.sort_values(["quotes", "words", "name"], ascending=[False, False, True], kind="mergesort")
    out = table[list(SOURCE_TABLE_COLUMNS)].reset_index(drop=True)
    for column in SOURCE_TABLE_COLUMNS:
        if column not in ("quotes", "words", "articles", "outlets"):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def top_sources(quotes: pd.DataFrame, *, by: str = "source", n: int = 5, min_quotes: int = 1) -> pd.DataFrame:
    """The ``n`` named sources each ``by`` group (outlet) quotes most, with their gender and role.

    ``share`` is of the group's quotes (all of them, sourced or not); gender and role are the source's
    most common labels across the corpus (:func:`source_table`). Sources with fewer than ``min_quotes``
    quotes in the group are left out. Columns: :data:`TOP_SOURCE_COLUMNS`.

    >>> quotes = pd.DataFrame({"document": list("abc"), "source": ["X", "X", "Y"], "actor": ["A", "A", "B"],
    ...     "affiliation": [None] * 3, "speaker": ["A", "A", "B"], "description": [None] * 3, "named": [None] * 3,
    ...     "gender": ["male", "male", None], "role": [None] * 3, "words": [3, 3, 3],
    ...     "gender_evidence": [None] * 3, "role_evidence": [None] * 3})
    >>> top_sources(quotes)[["group", "rank", "name", "quotes", "share", "gender"]].to_dict("records")
    [{'group': 'X', 'rank': 1, 'name': 'A', 'quotes': 2, 'share': 1.0, 'gender': 'male'}, {'group': 'Y', 'rank': 1, 'name': 'B', 'quotes': 1, 'share': 1.0, 'gender': None}]
    """
    if quotes.empty:
        return pd.DataFrame(columns=list(TOP_SOURCE_COLUMNS))
    key, name, _ = _source_keys(quotes)
    group = quotes[by].astype(object).where(quotes[by].notna(), _NOT_GIVEN)
    frame = quotes.assign(key=key, name=name, group=group)
    totals = frame.groupby("group").size()
    named = frame[frame["key"].notna() & frame["key"].str.startswith("n\x1f", na=False)]
    if named.empty:
        return pd.DataFrame(columns=list(TOP_SOURCE_COLUMNS))
    counts = named.groupby(["group", "key"]).agg(name=("name", "first"), quotes=("words", "size"),
                                                 words=("words", "sum")).reset_index()
    counts = counts[counts["quotes"] >= min_quotes]
    counts["share"] = counts["quotes"] / counts["group"].map(totals)
    counts = counts.sort_values(["group", "quotes", "words", "name"], ascending=[True, False, False, True],
                                kind="mergesort")
    counts["rank"] = counts.groupby("group").cumcount() + 1
    counts = counts[counts["rank"] <= n]
    labels = source_table(quotes)
    labels = labels[labels["document"].isna()].set_index("name")
    counts["gender"] = counts["name"].map(labels["gender"])
    counts["role"] = counts["name"].map(labels["role"])
    out = counts[list(TOP_SOURCE_COLUMNS)].reset_index(drop=True)
    for column in ("gender", "role"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


# --------------------------------------------------------------------------- the same quote in several articles

#: Function words left out of the words a quote is compared by.
_FUNCTION_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves s t ll re ve d m said says
""".split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def content_words(text: str) -> frozenset[str]:
    """The content words of a quote, lower-cased, as the set quotes are compared by: words (letters and
    digits) of two characters or more, without function words and contractions ("don't", "she's").

    >>> sorted(content_words('"We will NOT accept the deal, 3,000 times," she said.'))
    ['000', 'accept', 'deal', 'times']
    """
    _, ids, vocabulary = _word_ids([text])
    return frozenset(vocabulary[ids].tolist())


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (``np.unique`` by a sort: much faster on large arrays).

    >>> _distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    ordered = np.sort(values, kind="stable")
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(ordered) else ordered


def _word_ids(texts: Sequence[object]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The content words of many quotes at once, in Arrow's string kernels: the row of each distinct
    (quote, word), the word's id, and the vocabulary (id -> word). Rows ascend.

    >>> rows, ids, vocabulary = _word_ids(["The deal is dead", "No deal, no deal", None])
    >>> rows.tolist(), vocabulary[ids].tolist()
    ([0, 0, 1], ['deal', 'dead', 'deal'])
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array([t if isinstance(t, str) else "" for t in texts], type=pa.large_string())
    lowered = pc.replace_substring(pc.utf8_lower(values), "’", "'")
    parts = pc.split_pattern_regex(lowered, r"[^\pL\pN']+")
    words = pc.utf8_trim(pc.list_flatten(parts), "'")
    rows = pc.list_parent_indices(parts).to_numpy(zero_copy_only=False).astype(np.int64)
    keep = pc.and_(pc.greater(pc.utf8_length(words), 1),
                   pc.and_(pc.invert(pc.is_in(words, value_set=pa.array(sorted(_FUNCTION_WORDS), pa.large_string()))),
                           pc.invert(pc.match_substring(pc.utf8_slice_codeunits(words, -2), "'"))))
    words, rows = pc.filter(words, keep), rows[keep.to_numpy(zero_copy_only=False)]
    encoded = pc.dictionary_encode(words).combine_chunks() if isinstance(words, pa.ChunkedArray) \
        else pc.dictionary_encode(words)
    ids = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    vocabulary = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    if not len(ids):
        return rows, ids, vocabulary
    pairs = _distinct(rows * (len(vocabulary) + 1) + ids)  # distinct words of each quote, by row
    return pairs // (len(vocabulary) + 1), pairs % (len(vocabulary) + 1), vocabulary


def _speaker_key(quotes: pd.DataFrame) -> pd.Series:
    """What blocks the comparison: the canonical actor, else the words naming an unnamed source, lower-cased."""
    unnamed = quotes["description"].where(quotes["description"].notna(), quotes["speaker"])
    return quotes["actor"].where(quotes["actor"].notna(), unnamed.map(
        lambda t: None if t is None or t != t else " ".join(str(t).lower().split())))


def _minhashes(ids: np.ndarray, starts: np.ndarray, lengths: np.ndarray, *, n_hashes: int,
               seed: int) -> np.ndarray:
    """MinHash signatures (sets × n_hashes) of word-id sets laid end to end (``starts``, ``lengths``):
    the minimum of multiply-shift hashes of each word id, a chunk of sets at a time."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2 ** 63, size=n_hashes, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2 ** 63, size=n_hashes, dtype=np.uint64)
    keys = (ids.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    out = np.empty((len(starts), n_hashes), dtype=np.uint64)
    chunk = max(1, 2_000_000 // n_hashes)
    for lo in range(0, len(starts), chunk):
        hi = min(len(starts), lo + chunk)
        first, last = starts[lo], starts[hi - 1] + lengths[hi - 1]
        with np.errstate(over="ignore"):
            hashed = (keys[first:last, None] * a[None, :] + b[None, :]) >> np.uint64(32)
        out[lo:hi] = np.minimum.reduceat(hashed, starts[lo:hi] - first, axis=0)
    return out


def _jaccard_pairs(ids: np.ndarray, starts: np.ndarray, lengths: np.ndarray, left: np.ndarray, right: np.ndarray,
                   *, chunk: int = 200_000) -> np.ndarray:
    """The exact Jaccard of set pairs (``left[i]``, ``right[i]``): a word in both sets of a pair shows up
    twice among the pair's (pair, word) keys, counted after one sort per chunk of pairs."""
    out = np.empty(len(left))
    for lo in range(0, len(left), chunk):
        u, v = left[lo:lo + chunk], right[lo:lo + chunk]
        pair = np.arange(len(u))
        keys = []
        for side in (u, v):
            n = lengths[side]
            owner = np.repeat(pair, n)
            offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
            keys.append(owner.astype(np.int64) * (int(ids.max()) + 1 if len(ids) else 1)
                        + ids[np.repeat(starts[side], n) + offset])
        joined = np.sort(np.concatenate(keys))
        twice = joined[1:][joined[1:] == joined[:-1]]
        both = np.bincount(twice // (int(ids.max()) + 1 if len(ids) else 1), minlength=len(u))
        union = lengths[u] + lengths[v] - both
        out[lo:lo + chunk] = both / np.maximum(union, 1)
    return out


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The connected component of each of ``n`` nodes (its smallest node) given edges, by label propagation."""
    labels = np.arange(n)
    if not len(left):
        return labels
    while True:
        low = np.minimum(labels[left], labels[right])
        before = labels.copy()
        np.minimum.at(labels, left, low)
        np.minimum.at(labels, right, low)
        labels = labels[labels]  # pointer jumping: follow the label's own label
        if np.array_equal(labels, before):
            return labels


def quote_groups(quotes: pd.DataFrame, *, threshold: float = CARRIED_THRESHOLD, min_words: int = 4, n_hashes: int = 32,
                 bands: int = 8, seed: int = 0) -> pd.Series:
    """Which quotes are the same quote: a group id per row of a :func:`sources_frame` (None when alone or
    too short), for quotes by the same speaker whose content words overlap by ``threshold`` or more
    (Jaccard) — wire copy, re-quotes with small edits.

    Scales with the corpus, not its square: quotes are compared only within a speaker (the canonical
    actor, else the unnamed source's description); identical word sets are merged at once, and the
    other candidates come from locality-sensitive hashing (MinHash in ``bands`` bands: two quotes
    sharing 80% of their words meet in some band with probability 0.98, at 50% with 0.40), each
    checked with the exact Jaccard; a group is a connected set of such pairs. All of it is array
    arithmetic (sorts, hashes, label propagation), no loop over quotes or pairs.

    >>> quotes = pd.DataFrame({"actor": ["Kim", "Kim", "Lee"], "description": [None] * 3, "speaker": [None] * 3,
    ...     "quote": ["We condemn the troop dispatch to Russia today",
    ...               "We strongly condemn the troop dispatch to Russia today",
    ...               "We condemn the troop dispatch to Russia today"]})
    >>> quote_groups(quotes).tolist()
    [0, 0, None]
    """
    if quotes.empty:
        return pd.Series([], dtype=object, index=quotes.index)
    speaker = _speaker_key(quotes).to_numpy(dtype=object)
    rows, words, _ = _word_ids(quotes["quote"].tolist())
    lengths_all = np.bincount(rows, minlength=len(quotes)).astype(np.int64)
    keep = np.flatnonzero((lengths_all >= min_words) & pd.notna(speaker))
    n = len(quotes)
    left, right = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    if len(keep):
        ids = words[np.isin(rows, keep)]
        lengths = lengths_all[keep]
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        speaker_code = pd.factorize(speaker[keep])[0]
        # identical word sets of one speaker: the same key (the xor of the words' hashes: order does not matter)
        set_hash = np.bitwise_xor.reduceat(pd.util.hash_array(ids.astype(np.uint64)), starts)
        exact_key = pd.util.hash_pandas_object(pd.DataFrame({"s": speaker_code, "w": set_hash, "n": lengths}),
                                               index=False).to_numpy()
        first = pd.Series(np.arange(len(keep))).groupby(exact_key, sort=False).transform("min").to_numpy()
        left.append(np.arange(len(keep))[first != np.arange(len(keep))])
        right.append(first[first != np.arange(len(keep))])
        unique = np.flatnonzero(first == np.arange(len(keep)))  # one of each identical word set
        signatures = _minhashes(ids, starts[unique], lengths[unique], n_hashes=n_hashes, seed=seed)
        per_band = max(1, n_hashes // bands)
        pairs = []
        for band in range(bands):
            bucket = pd.util.hash_pandas_object(pd.DataFrame(signatures[:, band * per_band:(band + 1) * per_band]),
                                                index=False).to_numpy()
            grouped = pd.Series(unique).groupby([speaker_code[unique], bucket], sort=False)
            head, previous = grouped.transform("min").to_numpy(), grouped.shift(1).to_numpy()
            # each member of a bucket is checked against its first and its previous member: linear in the bucket
            member = ~np.isnan(previous)
            for other in (head[member], previous[member].astype(np.int64)):
                pairs.append(np.stack([unique[member], other], axis=1))
        stacked = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
        stacked = stacked[stacked[:, 0] != stacked[:, 1]]
        codes = _distinct(np.minimum(stacked[:, 0], stacked[:, 1]) * n + np.maximum(stacked[:, 0], stacked[:, 1]))
        candidates = np.stack([codes // n, codes % n], axis=1)
        if len(candidates):
            similar = _jaccard_pairs(ids, starts, lengths, candidates[:, 0], candidates[:, 1]) >= threshold - 1e-12
            left.append(candidates[similar, 0])
            right.append(candidates[similar, 1])
        left = [keep[np.concatenate(left)]]
        right = [keep[np.concatenate(right)]]
    roots = _components(n, np.concatenate(left), np.concatenate(right))
    sizes = np.bincount(roots, minlength=n)[roots]
    grouped_roots = pd.Series(np.where(sizes > 1, roots, -1))
    codes = pd.Series(pd.factorize(grouped_roots.where(grouped_roots >= 0))[0])
    return pd.Series([int(c) if c >= 0 else None for c in codes], index=quotes.index, dtype=object)


def carried_quotes(quotes: pd.DataFrame, *, n: int | None = None, min_articles: int = 2,
                   threshold: float = CARRIED_THRESHOLD,
                   min_words: int = 4) -> pd.DataFrame:
    """The quotes of a :func:`sources_frame` carried by several articles (:func:`quote_groups`), most
    carried first.

    Each group is one row (:data:`CARRIED_COLUMNS`): speaker, quote (as it first appeared), articles and
    outlets carrying it, quotes (its appearances), first_published, first_source and first_document
    (the earliest dated appearance; corpus order breaks ties and places undated ones last), sources
    (the outlets, earliest first, "; "-joined). Groups in fewer than ``min_articles`` articles are
    left out; ``n`` keeps the first ``n``.

    >>> quotes = pd.DataFrame({"document": ["b", "a"], "source": ["Y", "X"],
    ...     "published": pd.to_datetime(["2024-10-22", "2024-10-21"]), "actor": ["Kim", "Kim"],
    ...     "description": [None, None], "speaker": ["Kim", "Kim"],
    ...     "quote": ["We condemn the troop dispatch to Russia", "We condemn the troop dispatch to Russia!"]})
    >>> carried_quotes(quotes)[["speaker", "articles", "outlets", "first_source", "sources"]].to_dict("records")
    [{'speaker': 'Kim', 'articles': 2, 'outlets': 2, 'first_source': 'X', 'sources': 'X; Y'}]
    """
    groups = quote_groups(quotes, threshold=threshold, min_words=min_words)
    frame = quotes.assign(_group=groups, _speaker=_speaker_key(quotes), _order=np.arange(len(quotes)))
    frame = frame[frame["_group"].notna()]
    articles = frame.groupby("_group")["document"].transform("nunique") if len(frame) else frame["_group"]
    frame = frame[articles >= min_articles]
    if frame.empty:
        return pd.DataFrame(columns=list(CARRIED_COLUMNS))
    frame = frame.sort_values(["published", "_order"], na_position="last", kind="mergesort")
    grouped = frame.groupby("_group", sort=False)
    table = grouped.agg(speaker=("_speaker", "first"), quote=("quote", "first"), articles=("document", "nunique"),
                        outlets=("source", "nunique"), quotes=("quote", "size"), first_published=("published", "first"),
                        first_source=("source", "first"), first_document=("document", "first"))
    outlets = frame[frame["source"].notna()].drop_duplicates(["_group", "source"])
    table["sources"] = outlets.groupby("_group", sort=False)["source"].agg(lambda s: "; ".join(map(str, s)))
    table["sources"] = table["sources"].fillna("")
    table = table.reset_index(drop=True)
    table = table.sort_values(["articles", "outlets", "first_published"], ascending=[False, False, True],
                              na_position="last", kind="mergesort").reset_index(drop=True)
    return (table if n is None else table.head(n))[list(CARRIED_COLUMNS)]
