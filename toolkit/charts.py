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

import matplotlib

matplotlib.rcParams.setdefault("figure.dpi", 100)

import matplotlib.pyplot as plt  # noqa: E402 - after the rcParams default
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator  # noqa: E402

__all__ = ["per_day", "ranked_bars", "PALETTE"]

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
