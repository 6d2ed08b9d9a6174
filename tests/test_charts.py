"""Charts are labelled, ordered as given, and absent when there is nothing to draw."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from toolkit import charts

SHARES = pd.DataFrame({"name": ["South Korea", "Russia"], "share_quotes": [0.75, 0.25], "share_words": [0.6, 0.4],
                       "direct": [2, 0], "mixed": [0, 1], "indirect": [1, 0]})


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_share_bars_labels_and_percentages():
    fig = charts.share_bars(SHARES, label="name", shares=[("share_quotes", "of quotes"), ("share_words", "of words")])
    left, right = fig.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["Russia", "South Korea"]  # largest on top
    assert left.get_title() == "of quotes" and right.get_title() == "of words"
    labels = [t.get_text() for t in left.texts]
    assert labels == ["25%", "75%"]


def test_stacked_bars_has_a_segment_per_kind():
    fig = charts.stacked_bars(SHARES, label="name", columns=["direct", "mixed", "indirect"], title="Kinds")
    ax = fig.axes[0]
    assert len(ax.containers) == 3
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["direct", "mixed", "indirect"]


def test_heatmap_writes_counts_and_centres_diverging_scale():
    matrix = pd.DataFrame([[-2.0, 1.0], [0.0, 3.0]], index=["A", "B"], columns=["X", "Y"])
    fig = charts.heatmap(matrix, diverging=True, colorbar="polarity")
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == ["-2", "1", "3"]  # zero cells stay blank
    low, high = ax.images[0].get_clim()
    assert low == -high == -3.0


@pytest.mark.parametrize("fn, kwargs", [
    (charts.share_bars, {"label": "name", "shares": [("share_quotes", "q")]}),
    (charts.stacked_bars, {"label": "name", "columns": ["direct"]}),
    (charts.heatmap, {}),
])
def test_nothing_to_draw(fn, kwargs):
    empty = pd.DataFrame(columns=["name", "share_quotes", "direct"])
    assert fn(empty, **kwargs) is None


def test_stance_network_colours_by_sign():
    pairs = pd.DataFrame({"holder": ["A", "B", "A"], "target": ["B", "A", "C"], "stances": [3, 1, 1],
                          "score": [-0.7, 0.5, 0.0]})
    fig = charts.stance_network(pairs, title="Stance")
    arrows = [p for p in fig.axes[0].patches if p.__class__.__name__ == "FancyArrowPatch"]
    colours = sorted(matplotlib_colors(a.get_edgecolor()) for a in arrows)
    assert colours == sorted([charts.STANCE_COLOURS["negative"], charts.STANCE_COLOURS["positive"],
                              charts.STANCE_COLOURS["neutral"]])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["1", "1", "3", "A", "B", "C"]  # counts, names


def matplotlib_colors(rgba) -> str:
    from matplotlib.colors import to_hex

    return to_hex(rgba).upper()
