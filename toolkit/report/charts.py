"""Small, labelled matplotlib charts for the report notebooks.

Each function takes a tidy DataFrame or Series and returns a ``Figure`` (or
``None`` when there is nothing worth drawing), so a notebook stays a list of
calls and the charts can be tested without a kernel. The timeline chart takes
:func:`timeline_items` (events placed on lanes) and draws them on a date axis
that breaks between distant clusters and aggregates when dense.

Example::

    >>> import pandas as pd
    >>> counts = pd.DataFrame({"actor": ["Kim", "Peskov"], "mentions": [3, 1], "kind": ["person", "person"]})
    >>> fig = ranked_bars(counts, label="actor", value="mentions", color_by="kind", title="Actors")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Peskov', 'Kim']
"""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib

matplotlib.rcParams.setdefault("figure.dpi", 100)

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402 - after the rcParams default
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from toolkit.stance.stances import polarity_of  # noqa: E402

__all__ = ["per_period", "category_colour", "ranked_bars", "share_bars", "share_interval_bars", "share_interval_lines", "stacked_bars", "heatmap", "stance_network", "timeline_items",
           "timeline_summary",
           "timeline_chart", "timeline_panels", "timeline_bin", "dense_core", "PALETTE", "TIMELINE_ITEM_COLUMNS",
           "DENSE_ABOVE"]

#: Colour-blind-safe palette (Okabe & Ito), used in order for categories.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
_MISSING = "(unknown)"


def _plain(text: object) -> str:
    r"""``text`` as matplotlib shows it literally: every ``$`` escaped, so nothing is read as mathtext.

    Labels come from the data (article ids and titles, actor and topic names): "$5bn deal" or
    "$x$" would otherwise be parsed as math and fail the chart, or show as formulas. Every
    label and title these charts set goes through this, so callers pass plain text too.

    >>> print(_plain("$x$ cost"))
    \$x\$ cost
    """
    return str(text).replace("$", r"\$")


def per_period(counts: pd.Series, *, period: str, ylabel: str = "articles") -> Figure | None:
    """Bars of how many articles fall in each period (day, week or month, as
    :func:`toolkit.report.frames.publication_counts` gives them); None for fewer than two periods."""
    if len(counts) < 2:
        return None
    width = {"day": 0.8, "week": 5.6, "month": 24}[period]
    fig, ax = plt.subplots(figsize=(min(12, 3 + 0.35 * len(counts)), 3.2))
    ax.bar(counts.index, counts.to_numpy(), color=PALETTE[0], width=width, align="edge")
    ax.set_title(_plain(f"Articles per {period}"))
    ax.set_ylabel(_plain(ylabel))
    ax.yaxis.get_major_locator().set_params(integer=True)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


#: Colours of the categories the charts show often, fixed so a kind or role has one colour in every run.
CATEGORY_COLOURS = {"person": "#0072B2", "organisation": "#E69F00", "country": "#009E73", "place": "#56B4E9",
                    "group": "#CC79A7", "document": "#999999"}


def category_colour(category: str) -> str:
    """A category's colour: its fixed colour, else one chosen by its name (the same in every run).

    >>> category_colour("person"), category_colour("person") == category_colour("person")
    ('#0072B2', True)
    """
    if category in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[category]
    import hashlib

    return PALETTE[int(hashlib.sha1(category.encode("utf-8")).hexdigest(), 16) % len(PALETTE)]


def ranked_bars(frame: pd.DataFrame, *, label: str, value: str, color_by: str | None = None,
                title: str = "", xlabel: str | None = None) -> Figure:
    """Horizontal bars, largest at the top, each labelled with its value; coloured by a category.

    ``frame`` is used in the order given (sort it first); the first row is drawn on top.
    """
    rows = frame.iloc[::-1]
    labels = [_plain(x) for x in rows[label]]
    values = rows[value].to_numpy()
    fig, ax = plt.subplots(figsize=(7.5, max(1.6, 0.38 * len(rows) + 1.0)))
    colors = None
    handles = []
    if color_by is not None:
        cats = rows[color_by].where(rows[color_by].notna(), _MISSING).astype(str)
        order = list(dict.fromkeys(frame[color_by].where(frame[color_by].notna(), _MISSING).astype(str)))
        lookup = {cat: category_colour(cat) for cat in order}
        colors = [lookup[c] for c in cats]
        handles = [Patch(color=lookup[c], label=_plain(c)) for c in order]
    bars = ax.barh(labels, values, color=colors or PALETTE[0])
    ax.bar_label(bars, padding=3)
    ax.set_title(_plain(title))
    ax.set_xlabel(_plain(xlabel or value))
    if pd.api.types.is_integer_dtype(rows[value]):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    if handles:
        ax.legend(handles=handles, title=_plain(color_by), loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def share_bars(frame: pd.DataFrame, *, label: str, shares: Sequence[tuple[str, str]],
               title: str = "") -> Figure | None:
    """Side-by-side horizontal bar panels of shares (0..1) per ``label``, largest first.

    ``shares`` pairs a column with its panel title, e.g. ``[("share_quotes", "of quotes"),
    ("share_words", "of quoted words")]``. Each bar is labelled with its percentage.
    """
    if frame.empty:
        return None
    rows = frame.iloc[::-1]
    labels = [_plain(x) for x in rows[label]]
    fig, axes = plt.subplots(1, len(shares), sharey=True,
                             figsize=(4.2 * len(shares) + 2.2, max(1.6, 0.36 * len(rows) + 1.2)))
    axes = list(axes) if len(shares) > 1 else [axes]
    for i, (ax, (column, panel)) in enumerate(zip(axes, shares)):
        values = rows[column].to_numpy(dtype=float) * 100
        bars = ax.barh(labels, values, color=PALETTE[i % len(PALETTE)])
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3)
        ax.set_title(_plain(panel))
        ax.set_xlabel("percent")
        ax.margins(x=0.18)
        ax.spines[["top", "right"]].set_visible(False)
    if title:
        fig.suptitle(_plain(title))
    fig.tight_layout()
    return fig


_WEIGHT_LABELS = {"quotes": "share of quotes", "words": "share of quoted words"}


def _interval_panels(shares: pd.DataFrame, *, max_values: int) -> tuple[list[str], list[str]]:
    """The values (panels) and weights a chart of :func:`toolkit.report.sourcing.bootstrap_shares` rows shows:
    values in the table's order that have a share above zero somewhere, at most ``max_values``."""
    present = shares.loc[shares["share"] > 0, "value"]
    values = [v for v in dict.fromkeys(shares["value"]) if v in set(present)][:max_values]
    weights = [w for w in ("quotes", "words") if (shares["weight"] == w).any()]
    return values, weights


def share_interval_bars(shares: pd.DataFrame, *, title: str = "", group_label: str = "group",
                        groups: Sequence | None = None, max_values: int = 10) -> Figure | None:
    """Shares with their 95% intervals, one panel per label value, one row per group (outlet).

    ``shares`` holds rows of :func:`toolkit.report.sourcing.bootstrap_shares` (group, value, weight,
    share, low, high), for one or both weights: each row of a panel has a bar for the share of quotes
    and one for the share of quoted words, with error bars from ``low`` to ``high``. ``groups`` chooses
    the groups and their order (default: all, in the table's order), the first on top.
    """
    if groups is not None:
        shares = shares[shares["group"].isin(list(groups))]
    if shares.empty:
        return None
    values, weights = _interval_panels(shares, max_values=max_values)
    if not values:
        return None
    groups = [g for g in (groups if groups is not None else dict.fromkeys(shares["group"]))
              if g in set(shares["group"])]
    ncols = min(4 if len(values) > 6 else 3, len(values))
    nrows = -(-len(values) // ncols)
    height = max(1.8, 0.24 * len(groups) * max(1, len(weights)) + 1.0)
    fig, axes = plt.subplots(nrows, ncols, sharey=True, squeeze=False,
                             figsize=(3.6 * ncols + 1.8, height * nrows + 0.6))
    y = np.arange(len(groups))[::-1]
    bar = 0.8 / max(1, len(weights))
    upper = float(np.nanmax(shares["high"].to_numpy(dtype=float))) * 100
    right = min(100.0, (upper if upper == upper else 100.0) * 1.1 + 5)
    for k, ax, value in _value_axes(axes, values):
        for i, weight in enumerate(weights):
            share, err = _share_and_error(shares, value=value, weight=weight, groups=groups)
            offset = (len(weights) - 1) / 2 * bar - i * bar
            ax.barh(y + offset, np.nan_to_num(share), height=bar, color=PALETTE[i % len(PALETTE)],
                    xerr=np.nan_to_num(np.clip(err, 0, None)), error_kw={"ecolor": "#333333", "capsize": 2, "lw": 1},
                    label=_plain(_WEIGHT_LABELS[weight]) if k == 0 else None)
        ax.set_title(_plain(value))
        ax.set_xlim(0, right)
        ax.set_xlabel("percent (95% interval)")
        ax.spines[["top", "right"]].set_visible(False)
    axes[0][0].set_yticks(y, [_plain(g) for g in groups])
    axes[0][0].set_ylabel(_plain(group_label))
    fig.suptitle(_plain(title))
    fig.legend(loc="lower center", ncols=len(weights), frameon=False, bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    return fig


def _value_axes(axes: np.ndarray, values: list):
    """(index, axes, value) for each panel that shows a value; the grid's spare panels are hidden."""
    for k, ax in enumerate(axes.ravel()):
        if k >= len(values):
            ax.set_visible(False)
        else:
            yield k, ax, values[k]


def _share_and_error(shares: pd.DataFrame, *, value: str, weight: str, groups: list) -> tuple[np.ndarray, np.ndarray]:
    """One value's shares per group in percent (NaN where a group has none) and the distances to the
    95% interval's ends below and above, as matplotlib's ``xerr``/``yerr`` take them."""
    rows = shares[(shares["value"] == value) & (shares["weight"] == weight)].set_index("group").reindex(groups)
    share = rows["share"].to_numpy(dtype=float) * 100
    return share, np.vstack([share - rows["low"].to_numpy(dtype=float) * 100,
                             rows["high"].to_numpy(dtype=float) * 100 - share])


#: Above this many periods a chart over time draws each interval as a band instead of error bars.
_BAND_ABOVE = 24


def share_interval_lines(shares: pd.DataFrame, *, title: str = "", period_label: str = "period",
                         max_values: int = 10) -> Figure | None:
    """Shares over time with their 95% intervals: one panel per label value, periods on the x axis.

    ``shares`` holds :func:`toolkit.report.sourcing.bootstrap_shares` rows whose groups are periods
    (labels that sort in time order, :func:`toolkit.report.sourcing.time_bin_labels`); a line per
    weight (share of quotes, of quoted words), with error bars from ``low`` to ``high`` (a shaded band
    over more than 24 periods).
    """
    if shares.empty:
        return None
    values, weights = _interval_panels(shares, max_values=max_values)
    if not values:
        return None
    periods = sorted(dict.fromkeys(shares["group"]), key=str)
    x = np.arange(len(periods))
    ncols = min(4 if len(values) > 6 else 3, len(values))
    nrows = -(-len(values) // ncols)
    fig, axes = plt.subplots(nrows, ncols, sharey=True, squeeze=False,
                             figsize=(min(6.0, max(3.8, 0.35 * len(periods) + 2.2)) * ncols, 2.9 * nrows + 0.6))
    step = max(1, len(periods) // 8)
    for k, ax, value in _value_axes(axes, values):
        for i, weight in enumerate(weights):
            share, err = _share_and_error(shares, value=value, weight=weight, groups=periods)
            colour, label = PALETTE[i % len(PALETTE)], _plain(_WEIGHT_LABELS[weight]) if k == 0 else None
            if len(periods) <= _BAND_ABOVE:
                ax.errorbar(x + (i - (len(weights) - 1) / 2) * 0.12, share, yerr=np.clip(err, 0, None), marker="o",
                            ms=4, capsize=2, lw=1.2, color=colour, ls="-" if i == 0 else "--", label=label)
            else:  # many periods: the interval as a band, error bars would hide the line
                ax.plot(x, share, lw=1.2, color=colour, ls="-" if i == 0 else "--", label=label)
                ax.fill_between(x, share - err[0], share + err[1], color=colour, alpha=0.18, lw=0)
        ax.set_title(_plain(value))
        ax.set_ylim(0, 100)
        ax.set_xticks(x[::step], [_plain(p) for p in periods[::step]], rotation=35, ha="right", fontsize=8)
        ax.set_xlabel(_plain(period_label))
        ax.spines[["top", "right"]].set_visible(False)
    for row in axes:
        row[0].set_ylabel("percent (95% interval)")
    fig.suptitle(_plain(title))
    fig.legend(loc="lower center", ncols=len(weights), frameon=False, bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    return fig


def stacked_bars(frame: pd.DataFrame, *, label: str, columns: Sequence[str], title: str = "",
                 xlabel: str = "count") -> Figure | None:
    """Horizontal stacked bars: one bar per ``label``, one segment per column (legend on top)."""
    if frame.empty:
        return None
    rows = frame.iloc[::-1]
    labels = [_plain(x) for x in rows[label]]
    fig, ax = plt.subplots(figsize=(8, max(2.0, 0.36 * len(rows) + 1.6)), layout="constrained")
    left = np.zeros(len(rows))
    for i, column in enumerate(columns):
        values = rows[column].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=PALETTE[i % len(PALETTE)], label=_plain(column))
        left += values
    ax.set_title(_plain(title))
    ax.set_xlabel(_plain(xlabel))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(ncols=len(columns), loc="outside lower center", frameon=False)
    return fig


def heatmap(matrix: pd.DataFrame, *, title: str = "", xlabel: str = "", ylabel: str = "",
            values: pd.DataFrame | None = None, diverging: bool = False, colorbar: str = "") -> Figure | None:
    """A labelled heatmap of ``matrix`` (rows × columns), the number of each cell written in it.

    ``values`` (same shape) are the numbers written in the cells when they differ from the
    colours (e.g. counts in a stance matrix coloured by mean polarity). ``diverging``
    centres the colour scale on zero (red negative, blue positive).
    """
    if matrix.empty:
        return None
    data = matrix.to_numpy(dtype=float)
    shown = (values if values is not None else matrix).reindex(index=matrix.index, columns=matrix.columns)
    fig, ax = plt.subplots(figsize=(max(4.5, 0.75 * matrix.shape[1] + 3), max(2.5, 0.5 * matrix.shape[0] + 1.8)))
    if diverging:
        bound = float(np.nanmax(np.abs(data))) or 1.0
        image = ax.imshow(data, cmap="RdBu", vmin=-bound, vmax=bound, aspect="auto")
    else:
        image = ax.imshow(data, cmap="Blues", vmin=0, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [_plain(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [_plain(r) for r in matrix.index])
    ax.set_xlabel(_plain(xlabel))
    ax.set_ylabel(_plain(ylabel))
    ax.set_title(_plain(title))
    limit = np.nanmax(np.abs(data)) if data.size else 0
    for r in range(matrix.shape[0]):
        for c in range(matrix.shape[1]):
            cell = shown.iat[r, c]
            if pd.isna(cell) or cell == 0:
                continue
            strong = limit and abs(data[r, c]) > 0.6 * limit
            ax.text(c, r, f"{cell:g}" if isinstance(cell, (int, float, np.integer, np.floating)) else _plain(cell),
                    ha="center", va="center", fontsize=9, color="white" if strong else "black")
    if colorbar:
        fig.colorbar(image, ax=ax, label=_plain(colorbar), shrink=0.8)
    fig.tight_layout()
    return fig


#: Colours of a stance edge by the polarity of its mean score (negative, neutral, positive).
STANCE_COLOURS = {"negative": "#C0392B", "neutral": "#999999", "positive": "#2166AC"}


def stance_network(pairs: pd.DataFrame, *, title: str = "", max_nodes: int = 14) -> Figure | None:
    """Who is positive or negative toward whom: actors on a circle, an arrow per directed pair.

    ``pairs`` has holder, target, stances (count) and score (mean polarity, -1..1), as from
    :func:`toolkit.report.frames.stance_matrix`. Arrow colour gives the polarity of the mean
    (:func:`toolkit.stance.stances.polarity_of`, the threshold every stance and topic label uses: red
    negative, blue positive, grey neutral), width the number of stances; the count is written on each arrow. Only the ``max_nodes`` actors in most pairs are drawn.
    """
    from matplotlib.patches import FancyArrowPatch

    if pairs.empty:
        return None
    degree = pd.concat([pairs.groupby("holder")["stances"].sum(), pairs.groupby("target")["stances"].sum()])
    nodes = degree.groupby(level=0).sum().sort_values(ascending=False).index[:max_nodes].tolist()
    edges = pairs[pairs["holder"].isin(nodes) & pairs["target"].isin(nodes)]
    if edges.empty:
        return None
    angle = np.linspace(np.pi / 2, np.pi / 2 - 2 * np.pi, len(nodes), endpoint=False)
    pos = {n: (np.cos(a), np.sin(a)) for n, a in zip(nodes, angle)}
    fig, ax = plt.subplots(figsize=(8, 7))
    widest = max(edges["stances"].max(), 1)
    for row in edges.itertuples(index=False):
        sign = polarity_of(row.score)
        both_ways = ((edges["holder"] == row.target) & (edges["target"] == row.holder)).any()
        arrow = FancyArrowPatch(pos[row.holder], pos[row.target], arrowstyle="-|>", mutation_scale=16,
                                connectionstyle=f"arc3,rad={0.18 if both_ways else 0.0}",
                                color=STANCE_COLOURS[sign], lw=1.2 + 3.5 * row.stances / widest,
                                shrinkA=24, shrinkB=24, alpha=0.85)
        ax.add_patch(arrow)
        (x0, y0), (x1, y1) = pos[row.holder], pos[row.target]
        off = 0.09 if both_ways else 0.0
        mx, my = (x0 + x1) / 2 + off * (y1 - y0), (y0 + y1) / 2 - off * (x1 - x0)
        ax.text(mx, my, str(row.stances), fontsize=8, ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    for node, (x, y) in pos.items():
        ax.scatter([x], [y], s=260, color="#333333", zorder=3)
        ha = "left" if x > 0.3 else "right" if x < -0.3 else "center"
        dx = 0.1 if ha == "left" else -0.1 if ha == "right" else 0.0
        dy = 0.0 if ha != "center" else (0.12 if y > 0 else -0.12)
        ax.annotate(_plain(node), (x, y), xytext=(x + dx, y + dy), ha=ha, va="center", fontsize=9, zorder=4)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(_plain(title))
    legend = [Line2D([0], [0], color=c, lw=3, label=k) for k, c in STANCE_COLOURS.items()]
    ax.legend(handles=legend, loc="lower right", frameon=False, title="mean stance")
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- the timeline

#: Columns of :func:`timeline_items`: one row per event and lane.
TIMELINE_ITEM_COLUMNS = ("lane", "lane_rank", "position", "event", "start", "end", "shape", "anchor", "document")
_ANCHOR_COLOURS = {"timex": PALETTE[0], "order": PALETTE[1], "tense": PALETTE[7]}
_ANCHOR_LABELS = {"timex": "dated by an expression", "order": "placed before/after another event",
                  "tense": "placed by tense"}
_NO_ACTOR = "(no actor named)"
#: A timeline chart with more items than this aggregates them (circles counting events per period).
DENSE_ABOVE = 80


def timeline_items(events: pd.DataFrame, *, lanes: str = "actor", max_lanes: int = 10) -> pd.DataFrame:
    """The events of a :func:`toolkit.report.frames.timeline_frame` that a date axis can show, one row per lane.

    Drawn: events with both ends of their interval known (``shape`` "point" for one day, "span"
    for a week, month ...), and events placed on or before/after another event (``shape``
    "before"/"after", at the known end). Events placed only by tense against the publication
    date, and open references such as PAST_REF, have no place on a date axis and are left out.

    ``lanes="actor"``: an event appears in the lane of each of its actors; ``"document"``: in
    its article's lane. The ``max_lanes - 1`` busiest lanes are kept (``lane_rank`` 0 = busiest),
    the rest are merged into one "other ..." lane at the bottom.
    """
    if lanes not in ("actor", "document"):
        raise ValueError(f"lanes must be 'actor' or 'document', not {lanes!r}")
    rows = []
    for ev in events.itertuples(index=False):
        first, last = ev.interval_start, ev.interval_end
        if pd.notna(first) and pd.notna(last):
            shape = "point" if first == last else "span"
        elif ev.anchor == "order" and (pd.notna(first) or pd.notna(last)):
            shape = "before" if pd.isna(first) else "after"
            first = last = last if pd.isna(first) else first
        else:
            continue
        if lanes == "actor":
            names = [n.strip() for n in str(ev.actors or "").split(";") if n.strip()] or [_NO_ACTOR]
        else:
            names = [str(ev.document)]
        for name in names:
            rows.append({"lane": name, "position": ev.position, "event": ev.event, "start": first, "end": last,
                         "shape": shape, "anchor": ev.anchor, "document": ev.document})
    items = pd.DataFrame(rows, columns=[c for c in TIMELINE_ITEM_COLUMNS if c != "lane_rank"])
    if items.empty:
        items["lane_rank"] = pd.Series(dtype="int64")
        return items[list(TIMELINE_ITEM_COLUMNS)]
    counts = items.groupby("lane", sort=False).size()
    first_seen = {lane: i for i, lane in enumerate(dict.fromkeys(items["lane"]))}
    ranked = sorted(counts.index, key=lambda lane: (lane == _NO_ACTOR, -counts[lane], first_seen[lane]))
    keep = ranked if len(ranked) <= max_lanes else ranked[:max(1, max_lanes - 1)]
    rank = {lane: i for i, lane in enumerate(keep)}
    if len(keep) < len(ranked):
        other = f"other {'actors' if lanes == 'actor' else 'articles'} ({len(ranked) - len(keep)})"
        items["lane"] = items["lane"].where(items["lane"].isin(keep), other)
        rank[other] = len(keep)
        items = items.drop_duplicates(subset=["lane", "position"])
    items["lane_rank"] = items["lane"].map(rank).astype("int64")
    items["start"] = pd.to_datetime(items["start"])
    items["end"] = pd.to_datetime(items["end"])
    return items.sort_values(["lane_rank", "start", "position"], kind="mergesort").reset_index(drop=True)[
        list(TIMELINE_ITEM_COLUMNS)]


def timeline_summary(items: pd.DataFrame) -> dict:
    """What a caption says about :func:`timeline_items`: events drawn (each once, however many lanes it
    is in), by shape (point, span, relative = before or after), lanes, and the busiest lane with its
    number of events; None and zeros when nothing is drawn.

    >>> items = pd.DataFrame({"lane": ["A", "B", "A"], "lane_rank": [0, 1, 0], "position": [1, 1, 2],
    ...                       "shape": ["point", "point", "span"]})
    >>> timeline_summary(items)
    {'drawn': 2, 'point': 1, 'span': 1, 'relative': 0, 'lanes': 2, 'busiest': 'A', 'busiest_events': 2}
    """
    drawn = items.drop_duplicates("position")
    shapes = drawn["shape"].value_counts()
    top = items[items["lane_rank"] == 0]
    return {"drawn": int(len(drawn)), "point": int(shapes.get("point", 0)), "span": int(shapes.get("span", 0)),
            "relative": int(shapes.get("before", 0) + shapes.get("after", 0)),
            "lanes": int(items["lane_rank"].nunique()), "busiest": top["lane"].iloc[0] if len(top) else None,
            "busiest_events": int(top["position"].nunique())}


def dense_core(items: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """What a dense (aggregated) timeline shows: events dated to a year or finer whose middle day lies
    in the central 90% of the corpus's dates (widened by a tenth); returns them and how many were left
    out. A few references to 1898 or the 11th century must not squeeze a decade of news into a corner."""
    if items.empty:
        return items, 0
    precise = items[(items["end"] - items["start"]).dt.days <= 366]
    if len(precise) >= 20:
        mid = precise["start"] + (precise["end"] - precise["start"]) / 2
        lo, hi = mid.quantile(0.05), mid.quantile(0.95)
        margin = max(pd.Timedelta(days=7), (hi - lo) * 0.1)
        precise = precise[(mid >= lo - margin) & (mid <= hi + margin)]
    return precise, int(items["position"].nunique() - precise["position"].nunique())


def timeline_bin(items: pd.DataFrame) -> str:
    """The period a dense :func:`timeline_chart` counts events by: 'day', 'week', 'month' or 'year'."""
    if items is None or items.empty:
        return "day"
    return _bin_unit(items["start"].min(), items["end"].max())[1]


def _bin_unit(first: pd.Timestamp, last: pd.Timestamp) -> tuple[str, str]:
    days = (last - first).days
    if days <= 62:
        return "D", "day"
    if days <= 550:
        return "W", "week"
    if days <= 3650:
        return "M", "month"
    return "Y", "year"


def timeline_panels(items: pd.DataFrame, *, published: object = None, max_panels: int = 3
                    ) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The date ranges a :func:`timeline_chart` shows side by side (a broken axis).

    Events cluster in time — a summit in June, a week of statements in October — and one
    linear axis would squeeze each cluster to a sliver. A gap longer than 15% of the whole
    span (and than a week) breaks the axis; at most ``max_panels`` ranges remain (the smallest
    gaps are closed first).
    """
    if items is None or items.empty:
        return []
    spans = sorted(zip(items["start"], items["end"]))
    for day in _published_days(published):
        spans.append((day, day))
        spans.sort()
    lo, hi = spans[0][0], max(e for _, e in spans)
    threshold = max(pd.Timedelta(days=7), (hi - lo) * 0.15)
    clusters: list[list[pd.Timestamp]] = []
    for first, last in spans:
        if clusters and first - clusters[-1][1] <= threshold:
            clusters[-1][1] = max(clusters[-1][1], last)
        else:
            clusters.append([first, last])
    while len(clusters) > max_panels:
        gaps = [clusters[i + 1][0] - clusters[i][1] for i in range(len(clusters) - 1)]
        i = gaps.index(min(gaps))
        clusters[i:i + 2] = [[clusters[i][0], max(clusters[i][1], clusters[i + 1][1])]]
    return [(a, b) for a, b in clusters]


def _published_days(published: object) -> list[pd.Timestamp]:
    if published is None:
        return []
    values = pd.to_datetime(pd.Series(list(published) if not isinstance(published, str) else [published],
                                      dtype="object"), errors="coerce").dropna()
    days = sorted({pd.Timestamp(d).normalize() for d in values})
    return days if len(days) == 1 else []


def timeline_chart(items: pd.DataFrame, *, title: str = "Timeline", max_labels: int = 40,
                   dense_above: int = DENSE_ABOVE, published: object = None, max_panels: int = 3) -> Figure | None:
    """Events on a date axis, one lane per actor (or article); None when there is nothing to draw.

    ``items`` come from :func:`timeline_items`. A day is a dot, a longer interval (a week, a
    month) a bar over its days, an event known to lie on or before (after) another one a
    triangle pointing that way at the known day; colour says how the event was placed. Up to
    ``max_labels`` events are labelled with their word, the most precisely dated first, staggered
    so labels do not overlap (the rest stay unlabelled). Above ``dense_above`` items the chart
    aggregates: each lane shows circles sized by how many events fall in each day, week, month or
    year (:func:`timeline_bin`), the largest labelled with their count. Clusters far apart in
    time get their own stretch of axis (:func:`timeline_panels`, marked with // breaks).
    ``published``: the publication day(s); one distinct day is marked with a dashed line.
    """
    if items is None or items.empty:
        return None
    n_lanes = int(items["lane_rank"].max()) + 1
    lane_names = items.drop_duplicates("lane_rank").set_index("lane_rank")["lane"].to_dict()
    y_of = {rank: n_lanes - 1 - rank for rank in range(n_lanes)}
    dense = len(items) > dense_above
    left_out = 0
    if dense:
        items, left_out = dense_core(items)
    panels = timeline_panels(items, published=published, max_panels=max_panels)
    counts = [int(((items["end"] >= a) & (items["start"] <= b)).sum()) for a, b in panels]
    total_days = sum(max(1, (b - a).days) for a, b in panels)
    ratios = [0.5 * max(1, (b - a).days) / total_days + 0.5 * n / max(1, sum(counts)) + 0.08
              for (a, b), n in zip(panels, counts)]
    width, height = 11.0, max(2.6, 0.62 * n_lanes + 1.6)
    names = [_short(lane_names[r], 28) for r in range(n_lanes)]
    left = min(0.35, (0.25 + 0.075 * max(len(n) for n in names)) / width)
    fig, axes = plt.subplots(1, len(panels), figsize=(width, height), sharey=True, squeeze=False,
                             gridspec_kw={"width_ratios": ratios, "wspace": 0.06})
    fig.subplots_adjust(left=left, right=0.98, bottom=0.95 / height, top=1 - 0.55 / height)
    axes = list(axes[0])
    days = _published_days(published)
    bins = _bin_unit(items["start"].min(), items["end"].max())[0] if dense else None
    budget = max_labels
    for k, (ax, (a, b)) in enumerate(zip(axes, panels)):
        pad = pd.Timedelta(days=max(1.0, (b - a).days * 0.06))
        x0, x1 = a - pad, b + pad + pd.Timedelta(days=1)
        inside = items[(items["end"] >= a) & (items["start"] <= b)]
        for rank in range(n_lanes):
            ax.axhline(y_of[rank], color="#dddddd", lw=0.8, zorder=0)
        if dense:
            _draw_dense(ax, inside, y_of, budget, bins)
        else:
            panel_width = width * (0.98 - left) * ratios[k] / sum(ratios)
            budget -= _draw_sparse(ax, inside, y_of, budget, x0, x1, panel_width)
        for day in days:
            if a - pad <= day <= x1:
                ax.axvline(day, color="#555555", ls="--", lw=1, zorder=1)
                ax.annotate("published", (day, n_lanes - 0.45), xytext=(3, 0), textcoords="offset points",
                            fontsize=8, color="#555555", va="bottom")
        ax.set_xlim(x0, x1)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=max(3, int(9 * ratios[k] / sum(ratios)) + 1))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        ax.set_xlabel(_period_label(a, b), fontsize=8, loc="right")
        ax.tick_params(axis="x", labelsize=8)
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        if k > 0:  # the // marks of a broken axis
            kw = dict(transform=ax.transAxes, color="#555555", clip_on=False, lw=1)
            ax.plot((-0.012, 0.012), (-0.03, 0.03), **kw)
            ax.plot((-0.032, -0.008), (-0.03, 0.03), **kw)
    axes[0].set_ylim(-0.7, n_lanes - 0.2)
    axes[0].set_yticks([y_of[r] for r in range(n_lanes)], [_plain(n) for n in names])
    fig.suptitle(_plain(title))
    anchors = [a for a in ("timex", "order") if (items["anchor"] == a).any()]
    handles = [Line2D([], [], marker="o", ls="", color=_ANCHOR_COLOURS[a], label=_ANCHOR_LABELS[a]) for a in anchors]
    if dense:
        note = f"; {left_out} vaguer or outlying events not shown" if left_out else ""
        handles = [Line2D([], [], marker="o", ls="", color=PALETTE[0], alpha=0.55,
                          label=f"events per {timeline_bin(items)} (size; number when more than one){note}")]
    if handles:
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(left, 0), ncol=len(handles), frameon=False,
                   fontsize=8)
    return fig


def _period_label(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """'Oct 2024', 'Jun–Jul 2024' or '1998–2024': what the tick labels of a panel leave out."""
    if first.year != last.year:
        return f"{first.year}–{last.year}"
    if first.month != last.month:
        return f"{first:%b}–{last:%b %Y}"
    return f"{first:%b %Y}"


def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _draw_sparse(ax, items: pd.DataFrame, y_of: dict, max_labels: int, x0: pd.Timestamp, x1: pd.Timestamp,
                 width_in: float) -> int:
    """Draw the items of one panel; label at most ``max_labels``; return how many were labelled."""
    for it in items.itertuples(index=False):
        y = y_of[it.lane_rank]
        colour = _ANCHOR_COLOURS.get(it.anchor, PALETTE[0])
        if it.shape == "span":
            ax.broken_barh([(mdates.date2num(it.start), (it.end - it.start).days + 1)], (y - 0.13, 0.26),
                           facecolors=colour, alpha=0.35, edgecolor=colour, lw=0.8, zorder=2)
        else:
            marker = {"point": "o", "before": "<", "after": ">"}[it.shape]
            ax.plot([it.start], [y], marker=marker, ms=7, color=colour, ls="", zorder=3)
    # labels: the most precisely dated first, staggered above and below the lane, never overlapping
    span_days = max(1.0, (x1 - x0).days)
    days_per_char = span_days / (width_in * 72 / 4.8)  # 8-point text: about 4.8 points a character
    levels = (0.22, -0.34, 0.42)
    placed: dict[tuple[int, int], list[tuple[float, float]]] = {}
    order = items.assign(_len=(items["end"] - items["start"]).dt.days).sort_values(["_len", "position"],
                                                                                      kind="mergesort")
    labelled = 0
    for it in order.itertuples(index=False):
        if labelled >= max_labels:
            break
        text = _short(it.event, 22)
        centre = it.start + (it.end - it.start) / 2 + pd.Timedelta(hours=12 if it.shape == "span" else 0)
        x = (centre - x0).days + (centre - x0).seconds / 86400
        half = len(text) * days_per_char / 2
        left, right = x - half - days_per_char / 2, x + half + days_per_char / 2
        for k, dy in enumerate(levels):
            taken = placed.setdefault((it.lane_rank, k), [])
            if all(right <= a or b <= left for a, b in taken):
                taken.append((left, right))
                ax.text(centre, y_of[it.lane_rank] + dy, _plain(text), fontsize=8, ha="center", va="center",
                        color="#222222", zorder=4)
                labelled += 1
                break
    return labelled


def _draw_dense(ax, items: pd.DataFrame, y_of: dict, max_labels: int, unit: str) -> None:
    if items.empty:
        return
    mid = items["start"] + (items["end"] - items["start"]) / 2
    bins = mid.dt.to_period(unit).dt.start_time
    grouped = (items.assign(bin=bins).groupby(["lane_rank", "bin"]).size().rename("n").reset_index())
    biggest = grouped["n"].max()
    sizes = 30 + 400 * (grouped["n"] / biggest) ** 0.5
    ax.scatter(grouped["bin"], grouped["lane_rank"].map(y_of), s=sizes, color=PALETTE[0], alpha=0.55,
               edgecolor="white", lw=0.5, zorder=3)
    for row in grouped.sort_values("n", ascending=False).head(max_labels).itertuples(index=False):
        if row.n > 1:
            ax.text(row.bin, y_of[row.lane_rank], str(row.n), fontsize=7, ha="center", va="center",
                    color="#111111", zorder=4)
