"""toolkit.charts: labelled, ordered as given, absent when there is nothing to draw; the timeline chart's lanes,
panels, labels and aggregation."""
from __future__ import annotations

from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit.report import charts

from toolkit.report import frames  # noqa: E402

SHARES = pd.DataFrame({"name": ["South Korea", "Russia"], "share_quotes": [0.75, 0.25], "share_words": [0.6, 0.4],
                       "direct": [2, 0], "mixed": [0, 1], "indirect": [1, 0]})


def ev(word, first, last, actors=(), anchor="timex", start=0, value=None):
    return {"start": start, "end": start + len(word), "text": word, "sentence": 0, "timex": None,
            "value": value or "x", "interval_start": first, "interval_end": last, "actors": list(actors),
            "tense": "past", "anchor": anchor, "kind": "verb", "relative_to": None, "negated": False}


def events_frame(*docs) -> pd.DataFrame:
    records = [{"id": f"doc{i}", "published": published, "text": "x" * 500, "sentences": [{"start": 0, "end": 500}],
                "timexes": [], "events": events, "actors": []} for i, (published, events) in enumerate(docs)]
    return frames.timeline_frame(records)


SEED_LIKE = events_frame(("2024-10-21", [
    ev("summit", "2024-06-01", "2024-06-30", ["Russia", "North Korea"], start=0),
    ev("said", "2024-10-14", "2024-10-20", ["South Korean spy agency"], start=10),
    ev("shipped", None, "2024-10-20", ["North Korea", "Russia"], anchor="order", start=20),
    ev("said", "2024-10-18", "2024-10-18", ["United States"], start=30),
    ev("called", "2024-10-20", "2024-10-20", ["Volodymyr Zelenskiy"], start=40),
    ev("summoned", "2024-10-21", "2024-10-21", ["South Korean foreign ministry", "Georgy Zinoviev"], start=50),
    ev("declined", None, "2024-10-21", ["Russia"], anchor="tense", start=60),
    ev("met", "2024-10-21", "2024-10-21", [], start=70),
]))


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
# --------------------------------------------------------------------------- items
def test_items_one_row_per_event_and_actor_lane():
    items = charts.timeline_items(SEED_LIKE, lanes="actor")
    assert list(items.columns) == list(charts.TIMELINE_ITEM_COLUMNS)
    assert "declined" not in items["event"].tolist()  # placed by tense only: no place on a date axis
    shapes = dict(zip(items["event"], items["shape"]))
    assert shapes["summit"] == "span" and shapes["shipped"] == "before" and shapes["called"] == "point"
    assert sorted(items.loc[items["event"] == "summit", "lane"]) == ["North Korea", "Russia"]
    lanes = items.drop_duplicates("lane_rank").sort_values("lane_rank")["lane"].tolist()
    assert lanes[:2] == ["Russia", "North Korea"]  # the busiest first (two events each)
    assert lanes[-1] == "(no actor named)"


def test_items_merge_the_quiet_lanes():
    items = charts.timeline_items(SEED_LIKE, lanes="actor", max_lanes=3)
    lanes = items.drop_duplicates("lane_rank").sort_values("lane_rank")["lane"].tolist()
    assert lanes == ["Russia", "North Korea", "other actors (6)"]
    other = items[items["lane"] == "other actors (6)"]
    assert other["position"].is_unique  # an event of two merged actors is drawn once


def test_items_by_document_and_bad_lanes():
    two = events_frame(("2024-10-21", [ev("a", "2024-10-20", "2024-10-20")]),
                       ("2024-10-22", [ev("b", "2024-10-21", "2024-10-21"), ev("c", "2024-10-22", "2024-10-22")]))
    items = charts.timeline_items(two, lanes="document")
    assert items.drop_duplicates("lane")["lane"].tolist() == ["doc1", "doc0"]
    with pytest.raises(ValueError, match="'actor' or 'document'"):
        charts.timeline_items(two, lanes="actors")


def test_items_of_nothing_and_chart_of_nothing():
    items = charts.timeline_items(events_frame())
    assert items.empty and list(items.columns) == list(charts.TIMELINE_ITEM_COLUMNS)
    assert charts.timeline_chart(items) is None
    only_tense = events_frame(("2024-10-21", [ev("declined", None, "2024-10-21", anchor="tense")]))
    assert charts.timeline_chart(charts.timeline_items(only_tense)) is None


# --------------------------------------------------------------------------- panels (a broken axis)
def test_panels_break_the_axis_between_clusters():
    items = charts.timeline_items(SEED_LIKE)
    panels = charts.timeline_panels(items, published=["2024-10-21"])
    assert [(a.date().isoformat(), b.date().isoformat()) for a, b in panels] == [
        ("2024-06-01", "2024-06-30"), ("2024-10-14", "2024-10-21")]


def test_panels_keep_a_spread_of_dates_together_and_respect_the_maximum():
    spread = events_frame(("2024-10-21", [ev(f"e{i}", d, d, ["A"], start=i)
                                          for i, d in enumerate(f"2024-{m:02d}-10" for m in range(1, 11))]))
    assert len(charts.timeline_panels(charts.timeline_items(spread))) == 1
    far = events_frame(("2024-10-21", [ev(f"e{i}", d, d, ["A"], start=i) for i, d in
                                       enumerate(["1950-01-01", "1980-01-01", "2000-01-01", "2024-10-01"])]))
    assert len(charts.timeline_panels(charts.timeline_items(far), max_panels=3)) == 3


# --------------------------------------------------------------------------- the chart
def _texts(fig):
    return [t for ax in fig.axes for t in ax.texts if t.get_text() != "published"]


def test_chart_labels_lanes_and_publication_day():
    items = charts.timeline_items(SEED_LIKE)
    fig = charts.timeline_chart(items, published=SEED_LIKE["published"], title="Events by actor")
    assert fig._suptitle.get_text() == "Events by actor"
    assert len(fig.axes) == 2  # June | October
    ticks = dict(zip(fig.axes[0].get_yticks(), (t.get_text() for t in fig.axes[0].get_yticklabels())))
    assert ticks[max(ticks)] == "Russia" and ticks[min(ticks)] == "(no actor named)"  # the busiest lane on top
    labels = [t.get_text() for t in _texts(fig)]
    assert {"summit", "said", "called", "summoned", "shipped"} <= set(labels)
    assert any(t.get_text() == "published" for ax in fig.axes for t in ax.texts)


def test_chart_labels_never_overlap_and_are_capped():
    many = events_frame(("2024-10-21", [ev(f"event number {i}", "2024-10-21", "2024-10-21", ["A"], start=i)
                                        for i in range(30)] +
                         [ev(f"later {i}", f"2024-10-{22 + i % 3:02d}", f"2024-10-{22 + i % 3:02d}", ["A"],
                             start=100 + i) for i in range(20)]))
    items = charts.timeline_items(many)
    fig = charts.timeline_chart(items, max_labels=12)
    texts = _texts(fig)
    assert 0 < len(texts) <= 12
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_dense_chart_aggregates_and_leaves_out_outliers():
    start = date(2024, 1, 1)
    rows = [ev(f"e{i}", (start + timedelta(days=i % 200)).isoformat(), (start + timedelta(days=i % 200)).isoformat(),
               [f"actor {i % 5}"], start=i) for i in range(150)]
    rows.append(ev("old", "1898-01-01", "1898-12-31", ["actor 0"], start=999))
    items = charts.timeline_items(events_frame(("2024-10-21", rows)))
    core, left_out = charts.dense_core(items)
    assert left_out == 1 and "old" not in core["event"].tolist()
    assert charts.timeline_bin(core) == "week"
    fig = charts.timeline_chart(items, dense_above=80)
    assert fig.axes[0].collections  # circles, one per lane and week
    legend = fig.legends[0].get_texts()[0].get_text()
    assert legend.startswith("events per week") and "1 vaguer or outlying" in legend


def test_type_counts_as_bars():
    counts = pd.DataFrame({"type": list(frames.TIMEX_TYPES), "count": [8, 1, 0, 0]})
    fig = charts.ranked_bars(counts, label="type", value="count", title="Temporal expressions by type")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["SET", "DURATION", "TIME", "DATE"]


def test_stance_network_uses_the_one_polarity_threshold():
    """An arrow is coloured by the polarity its mean score has everywhere else (polarity_of, POLAR)."""
    from toolkit.stance.stances import POLAR, polarity_of

    scores = [-0.7, -POLAR / 2, POLAR / 2, POLAR]
    pairs = pd.DataFrame({"holder": ["A", "B", "C", "D"], "target": ["B", "C", "D", "A"], "stances": [1, 1, 1, 1],
                          "score": scores})
    fig = charts.stance_network(pairs)
    arrows = [p for p in fig.axes[0].patches if p.__class__.__name__ == "FancyArrowPatch"]
    assert [matplotlib_colors(a.get_edgecolor()) for a in arrows] == [charts.STANCE_COLOURS[polarity_of(s)]
                                                                      for s in scores]
    assert [polarity_of(s) for s in scores] == ["negative", "neutral", "neutral", "positive"]


def test_timeline_summary_counts_each_event_once():
    items = pd.DataFrame({"lane": ["A", "B", "A", "A"], "lane_rank": [0, 1, 0, 0], "position": [1, 1, 2, 3],
                          "shape": ["point", "point", "before", "span"]})
    assert charts.timeline_summary(items) == {"drawn": 3, "point": 1, "span": 1, "relative": 1, "lanes": 2,
                                              "busiest": "A", "busiest_events": 3}
    empty = charts.timeline_summary(items.iloc[:0])
    assert empty["drawn"] == 0 and empty["busiest"] is None
