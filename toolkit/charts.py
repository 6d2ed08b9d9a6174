"""Small, labelled matplotlib charts for the report notebooks.

Each function takes a tidy DataFrame or Series and returns a ``Figure`` (or
``None`` when there is nothing worth drawing), so a notebook stays a list of
calls and the charts can be tested without a kernel.

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

import matplotlib.pyplot as plt  # noqa: E402 - after the rcParams default
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator  # noqa: E402

__all__ = ["per_day", "ranked_bars", "share_bars", "stacked_bars", "heatmap", "stance_network", "PALETTE"]

#: Colour-blind-safe palette (Okabe & Ito), used in order for categories.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
_MISSING = "(unknown)"


def per_day(dates: pd.Series, *, title: str = "Articles per day", ylabel: str = "articles") -> Figure | None:
    """Bar chart of how many items fall on each calendar day; None if fewer than two days.

    Days without items inside the range are shown as zero, so gaps are visible.
    """
    days = pd.to_datetime(pd.Series(dates), errors="coerce").dropna().dt.normalize()
    if days.nunique() < 2:
        return None
    counts = days.value_counts().sort_index()
    full = pd.date_range(counts.index.min(), counts.index.max(), freq="D")
    counts = counts.reindex(full, fill_value=0)
    fig, ax = plt.subplots(figsize=(min(12, 3 + 0.35 * len(counts)), 3.2))
    ax.bar(counts.index, counts.to_numpy(), color=PALETTE[0], width=0.8)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.autofmt_xdate()
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def ranked_bars(frame: pd.DataFrame, *, label: str, value: str, color_by: str | None = None,
                title: str = "", xlabel: str | None = None) -> Figure:
    """Horizontal bars, largest at the top, each labelled with its value; coloured by a category.

    ``frame`` is used in the order given (sort it first); the first row is drawn on top.
    """
    rows = frame.iloc[::-1]
    labels = [str(x) for x in rows[label]]
    values = rows[value].to_numpy()
    fig, ax = plt.subplots(figsize=(7.5, max(1.6, 0.38 * len(rows) + 1.0)))
    colors = None
    handles = []
    if color_by is not None:
        cats = rows[color_by].where(rows[color_by].notna(), _MISSING).astype(str)
        order = list(dict.fromkeys(frame[color_by].where(frame[color_by].notna(), _MISSING).astype(str)))
        lookup = {cat: PALETTE[i % len(PALETTE)] for i, cat in enumerate(order)}
        colors = [lookup[c] for c in cats]
        handles = [Patch(color=lookup[c], label=c) for c in order]
    bars = ax.barh(labels, values, color=colors or PALETTE[0])
    ax.bar_label(bars, padding=3)
    ax.set_title(title)
    ax.set_xlabel(xlabel or value)
    if pd.api.types.is_integer_dtype(rows[value]):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    if handles:
        ax.legend(handles=handles, title=color_by, loc="lower right", frameon=False)
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
    labels = [str(x) for x in rows[label]]
    fig, axes = plt.subplots(1, len(shares), sharey=True,
                             figsize=(4.2 * len(shares) + 2.2, max(1.6, 0.36 * len(rows) + 1.2)))
    axes = list(axes) if len(shares) > 1 else [axes]
    for i, (ax, (column, panel)) in enumerate(zip(axes, shares)):
        values = rows[column].to_numpy(dtype=float) * 100
        bars = ax.barh(labels, values, color=PALETTE[i % len(PALETTE)])
        ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3)
        ax.set_title(panel)
        ax.set_xlabel("percent")
        ax.margins(x=0.18)
        ax.spines[["top", "right"]].set_visible(False)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def stacked_bars(frame: pd.DataFrame, *, label: str, columns: Sequence[str], title: str = "",
                 xlabel: str = "count") -> Figure | None:
    """Horizontal stacked bars: one bar per ``label``, one segment per column (legend on top)."""
    if frame.empty:
        return None
    rows = frame.iloc[::-1]
    labels = [str(x) for x in rows[label]]
    fig, ax = plt.subplots(figsize=(8, max(2.0, 0.36 * len(rows) + 1.6)), layout="constrained")
    left = np.zeros(len(rows))
    for i, column in enumerate(columns):
        values = rows[column].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=PALETTE[i % len(PALETTE)], label=column)
        left += values
    ax.set_title(title)
    ax.set_xlabel(xlabel)
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
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(r) for r in matrix.index])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    limit = np.nanmax(np.abs(data)) if data.size else 0
    for r in range(matrix.shape[0]):
        for c in range(matrix.shape[1]):
            cell = shown.iat[r, c]
            if pd.isna(cell) or cell == 0:
                continue
            strong = limit and abs(data[r, c]) > 0.6 * limit
            ax.text(c, r, f"{cell:g}" if isinstance(cell, (int, float, np.integer, np.floating)) else str(cell),
                    ha="center", va="center", fontsize=9, color="white" if strong else "black")
    if colorbar:
        fig.colorbar(image, ax=ax, label=colorbar, shrink=0.8)
    fig.tight_layout()
    return fig


#: Colours of a stance edge by sign of its mean score (negative, neutral, positive).
STANCE_COLOURS = {"negative": "#C0392B", "neutral": "#999999", "positive": "#2166AC"}


def stance_network(pairs: pd.DataFrame, *, title: str = "", max_nodes: int = 14,
                   neutral_band: float = 0.05) -> Figure | None:
    """Who is positive or negative toward whom: actors on a circle, an arrow per directed pair.

    ``pairs`` has holder, target, stances (count) and score (mean polarity, -1..1), as from
    :func:`toolkit.frames.stance_matrix`. Arrow colour gives the sign (red negative, blue
    positive, grey neutral within ±``neutral_band``), width the number of stances; the count
    is written on each arrow. Only the ``max_nodes`` actors in most pairs are drawn.
    """
    from matplotlib.lines import Line2D
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
        sign = "neutral" if abs(row.score) <= neutral_band else ("positive" if row.score > 0 else "negative")
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
        ax.annotate(node, (x, y), xytext=(x + dx, y + dy), ha=ha, va="center", fontsize=9, zorder=4)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    legend = [Line2D([0], [0], color=c, lw=3, label=k) for k, c in STANCE_COLOURS.items()]
    ax.legend(handles=legend, loc="lower right", frameon=False, title="mean stance")
    fig.tight_layout()
    return fig
