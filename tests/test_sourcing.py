"""toolkit.report.sourcing: quotes with their source's labels, bootstrap shares, differences, the sources
table, carried quotes, and the sources notebook on records that carry labels (synthetic, in the contract's
shape: annotate on this branch does not fill the labels yet)."""
from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from toolkit.report import charts, sourcing
from toolkit.report import notebook as nb

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def record(doc: str, *, source: str, published: str | None, quotes: list[dict], **extra) -> dict:
    """An annotation record whose text is the quotes one after another (each quote its own sentence)."""
    text, sentences, out = "", [], []
    for q in quotes:
        start = len(text)
        q = dict(q)
        body = q.pop("text")
        speaker = q.pop("speaker", None) or q.get("actor") or "x"
        text += body + " "
        sentences.append({"start": start, "end": start + len(body)})
        out.append({"kind": "direct", "content": [{"start": start, "end": start + len(body)}], "cue": None,
                    "speaker": {"start": start, "end": start + 1, "text": speaker},
                    "sentence": len(sentences) - 1, **q})
    return {"id": doc, "source": source, "published": published, "title": doc, "text": text,
            "n_words": len(text.split()), "sentences": sentences, "quotes": out, **extra}


def labelled_quote(text: str, actor: str | None, **labels) -> dict:
    return {"text": text, "actor": actor, **labels}


@pytest.fixture()
def records() -> list[dict]:
    return [
        record("a1", source="Wire", published="2024-10-21", section="world", quotes=[
            labelled_quote('"We will not accept the troop deployment in Ukraine," she said.', "Ann Lee",
                           gender="female", gender_evidence="pronoun 'she'", role="government",
                           role_evidence="title 'minister' for Korea -> government", named=True, framing="assertive"),
            labelled_quote('"The talks will resume next week after the summit," officials said.', None,
                           speaker="officials", description="officials", role="government", named=False,
                           framing="neutral")]),
        record("b1", source="Daily", published="2024-11-02", section="politics", quotes=[
            labelled_quote('"We will never accept the troop deployment in Ukraine," she said.', "Ann Lee",
                           gender="female", gender_evidence="given name Ann (NLTK names: female only)",
                           role="government", named=True, framing="neutral"),
            labelled_quote('"Markets fell sharply on the news of the troop deployment," he said.', "Bo Park",
                           gender="male", gender_evidence="pronoun 'he'", role="expert", named=True,
                           framing="neutral")]),
    ]


# --------------------------------------------------------------------------- one row per quote


def test_sources_frame_reads_labels_outlet_period_and_a_metadata_field(records):
    frame = sourcing.sources_frame(records, group_by="section", time_bin="month")
    assert list(frame.columns) == list(sourcing.SOURCES_COLUMNS) + ["section"]
    assert frame[["document", "source", "period", "actor", "gender", "named", "section"]].to_dict("records") == [
        {"document": "a1", "source": "Wire", "period": "2024-10", "actor": "Ann Lee", "gender": "female",
         "named": True, "section": "world"},
        {"document": "a1", "source": "Wire", "period": "2024-10", "actor": None, "gender": None, "named": False,
         "section": "world"},
        {"document": "b1", "source": "Daily", "period": "2024-11", "actor": "Ann Lee", "gender": "female",
         "named": True, "section": "politics"},
        {"document": "b1", "source": "Daily", "period": "2024-11", "actor": "Bo Park", "gender": "male",
         "named": True, "section": "politics"}]
    assert frame.loc[1, "description"] == "officials"
    assert frame.loc[0, "role_evidence"] == "title 'minister' for Korea -> government"
    assert frame.loc[0, "sentence_text"].startswith('"We will not accept')


def test_sources_frame_groups_by_an_article_field_and_rejects_an_empty_one(records):
    assert sourcing.sources_frame(records, group_by="title")["title"].tolist() == ["a1", "a1", "b1", "b1"]
    assert sourcing.sources_frame(records, group_by="desk")["desk"].tolist() == [None] * 4  # no record has it
    with pytest.raises(ValueError, match="group_by must name an article field"):
        sourcing.sources_frame(records, group_by=" ")


def test_sources_frame_of_an_empty_store_has_its_columns():
    frame = sourcing.sources_frame([])
    assert list(frame.columns) == list(sourcing.SOURCES_COLUMNS) and frame.empty
    assert sourcing.label_shares(frame, by="source").empty
    assert sourcing.source_table(frame).empty and sourcing.carried_quotes(frame).empty


@pytest.mark.parametrize("time_bin, expected", [
    ("day", ["2024-10-21", "2024-12-30", None]),
    ("week", ["2024-W43", "2025-W01", None]),
    ("month", ["2024-10", "2024-12", None]),
    ("quarter", ["2024-Q4", "2024-Q4", None]),
    ("year", ["2024", "2024", None]),
])
def test_time_bins(time_bin, expected):
    days = pd.Series(pd.to_datetime(["2024-10-21", "2024-12-30", None]))
    assert sourcing.time_bin_labels(days, time_bin=time_bin).tolist() == expected


def test_a_wrong_time_bin_is_a_clear_error():
    with pytest.raises(ValueError, match="time_bin must be one of day, week, month, quarter, year, not 'fortnight'"):
        sourcing.time_bin_labels(pd.Series([], dtype="datetime64[ns]"), time_bin="fortnight")
    with pytest.raises(nb.ParameterError, match="parameter 'time_bin' of sources wants one of 'day'"):
        nb.check_parameters("sources", time_bin="fortnight")
    with pytest.raises(nb.ParameterError, match="n_boot"):
        nb.check_parameters("sources", n_boot=5)


# --------------------------------------------------------------------------- bootstrap shares


def quotes_table(rows: list[tuple[str, str, str | None, int]]) -> pd.DataFrame:
    """(document, outlet, gender, words) rows as a quotes frame."""
    return pd.DataFrame(rows, columns=["document", "source", "gender", "words"])


@pytest.mark.parametrize("weight, expected", [
    ("quotes", {"female": 0.25, "male": 0.75}),
    ("words", {"female": 0.5, "male": 0.5}),
])
def test_bootstrap_shares_by_quotes_and_by_words(weight, expected):
    quotes = quotes_table([("a", "X", "female", 30), ("b", "X", "male", 10), ("c", "X", "male", 10),
                           ("d", "X", "male", 10), ("d", "X", None, 99)])
    shares = sourcing.bootstrap_shares(quotes, label="gender", weight=weight, n_boot=500)
    assert list(shares.columns) == list(sourcing.SHARE_COLUMNS)
    assert dict(zip(shares["value"], shares["share"])) == pytest.approx(expected)
    assert shares["total"].iloc[0] == (4 if weight == "quotes" else 60)  # the unlabelled quote does not count
    assert shares["articles"].iloc[0] == 4
    assert (shares["low"] <= shares["share"]).all() and (shares["share"] <= shares["high"]).all()
    assert (shares["low"] < shares["high"]).all()


def test_bootstrap_is_deterministic_with_a_seed_and_varies_without_it():
    rng = np.random.default_rng(5)
    quotes = quotes_table([(f"d{i // 3}", "X", rng.choice(["female", "male"]), 5) for i in range(300)])
    first = sourcing.bootstrap_shares(quotes, label="gender", n_boot=300, seed=7)
    again = sourcing.bootstrap_shares(quotes, label="gender", n_boot=300, seed=7)
    other = sourcing.bootstrap_shares(quotes, label="gender", n_boot=300, seed=8)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["low"], other["low"])
    pd.testing.assert_series_equal(first["share"], other["share"])


def test_intervals_narrow_with_more_articles_and_cover_the_share():
    def width(n_articles: int) -> float:
        rng = np.random.default_rng(1)
        rows = [(f"d{i}", "X", g, 5) for i in range(n_articles) for g in rng.choice(["female", "male"], 4)]
        shares = sourcing.bootstrap_shares(quotes_table(rows), label="gender", n_boot=400)
        female = shares[shares["value"] == "female"].iloc[0]
        assert female["low"] <= female["share"] <= female["high"]
        return female["high"] - female["low"]

    small, large = width(25), width(2500)
    assert large < small / 5  # about 1/sqrt(100) of it
    assert large < 0.04


def test_bootstrap_resamples_articles_not_quotes():
    """Articles that quote only women or only men: the interval is as wide as the articles are few."""
    clustered = quotes_table([(f"d{i}", "X", "female" if i % 2 else "male", 5) for i in range(20) for _ in range(10)])
    spread = quotes_table([(f"d{i}", "X", "female" if j % 2 else "male", 5) for i in range(20) for j in range(10)])
    wide = sourcing.bootstrap_shares(clustered, label="gender", n_boot=400).iloc[0]
    narrow = sourcing.bootstrap_shares(spread, label="gender", n_boot=400).iloc[0]
    assert wide["share"] == narrow["share"] == 0.5
    assert wide["high"] - wide["low"] > 0.3 and narrow["high"] - narrow["low"] == 0.0


def test_groups_min_count_and_the_values_of_named():
    quotes = pd.DataFrame({"document": ["a", "b", "c"], "source": ["X", "X", None], "named": [True, False, True],
                           "words": [1, 1, 1]})
    shares = sourcing.bootstrap_shares(quotes, label="named", by="source", n_boot=100)
    assert shares[["group", "value", "quotes"]].to_dict("records") == [
        {"group": "(not given)", "value": "named", "quotes": 1}, {"group": "(not given)", "value": "unnamed", "quotes": 0},
        {"group": "X", "value": "named", "quotes": 1}, {"group": "X", "value": "unnamed", "quotes": 1}]
    assert set(sourcing.bootstrap_shares(quotes, label="named", by="source", n_boot=100, min_count=2)["group"]) == {"X"}
    assert sourcing.few_articles(shares) == ["(not given)", "X"]


def test_bootstrap_of_many_articles_is_vectorised():
    rng = np.random.default_rng(0)
    n = 20_000
    quotes = pd.DataFrame({"document": np.repeat(np.arange(n), 5).astype(str),
                           "source": np.repeat(rng.choice(["X", "Y"], n), 5),
                           "gender": rng.choice(["female", "male", "unknown"], 5 * n), "words": 5})
    started = time.perf_counter()
    shares = sourcing.bootstrap_shares(quotes, label="gender", by="source", n_boot=200)
    assert time.perf_counter() - started < 20
    assert (shares["high"] - shares["low"]).max() < 0.03


# --------------------------------------------------------------------------- differences between outlets


def outlets(female_x: int, female_y: int, n: int = 40) -> pd.DataFrame:
    rows = [(f"x{i}", "X", "female" if i < female_x else "male", 5) for i in range(n)]
    rows += [(f"y{i}", "Y", "female" if i < female_y else "male", 5) for i in range(n)]
    return quotes_table(rows)


@pytest.mark.parametrize("female_x, female_y, excludes_zero", [(30, 10, True), (20, 20, False)])
def test_share_difference_with_its_interval(female_x, female_y, excludes_zero):
    diff = sourcing.share_difference(outlets(female_x, female_y), label="gender", by="source", value="female",
                                     n_boot=600)
    row = diff.iloc[0]
    assert (row["first"], row["second"]) == ("X", "Y")
    assert row["difference"] == pytest.approx((female_x - female_y) / 40)
    assert row["low"] <= row["difference"] <= row["high"]
    assert (row["low"] > 0 or row["high"] < 0) == excludes_zero
    sentence = sourcing.difference_sentence(row, label="gender")
    assert f"{abs(row['difference']) * 100:.1f} percentage points" in sentence
    assert ("excludes zero" in sentence) == excludes_zero


def test_share_difference_agrees_with_the_shares_and_needs_two_groups():
    quotes = outlets(30, 10)
    shares = sourcing.bootstrap_shares(quotes, label="gender", by="source", n_boot=300)
    diff = sourcing.share_difference(quotes, label="gender", by="source", first="Y", second="X", n_boot=300)
    female = shares[shares["value"] == "female"].set_index("group")["share"]
    assert diff.set_index("value").loc["female", "difference"] == pytest.approx(female["Y"] - female["X"])
    one = quotes[quotes["source"] == "X"]
    assert sourcing.share_difference(one, label="gender", by="source", n_boot=100).empty
    with pytest.raises(ValueError, match="no labelled quotes in group"):
        sourcing.share_difference(quotes, label="gender", by="source", first="X", second="Z", n_boot=100)


# --------------------------------------------------------------------------- sources


def test_source_table_has_one_row_per_source_with_its_modal_labels_and_evidence(records):
    frame = sourcing.sources_frame(records)
    table = sourcing.source_table(frame)
    assert list(table.columns) == list(sourcing.SOURCE_TABLE_COLUMNS)
    assert table[["name", "document", "named", "quotes", "articles", "outlets", "gender", "role"]].to_dict(
        "records") == [
        {"name": "Ann Lee", "document": None, "named": True, "quotes": 2, "articles": 2, "outlets": 2,
         "gender": "female", "role": "government"},
        {"name": "Bo Park", "document": None, "named": True, "quotes": 1, "articles": 1, "outlets": 1,
         "gender": "male", "role": "expert"},
        {"name": "officials", "document": "a1", "named": False, "quotes": 1, "articles": 1, "outlets": 1,
         "gender": None, "role": "government"}]
    assert table.loc[0, "gender_evidence"] == "pronoun 'she'"
    assert table.loc[0, "role_evidence"] == "title 'minister' for Korea -> government"
    assert sourcing.source_table(frame, min_quotes=2)["name"].tolist() == ["Ann Lee"]


def test_unnamed_sources_are_kept_apart_by_article():
    quotes = pd.DataFrame({"document": ["a", "b", "b"], "source": ["X", "X", "X"], "actor": [None, None, None],
                           "affiliation": [None] * 3, "speaker": ["officials", "Officials", "officials"],
                           "description": ["officials", None, "officials"], "named": [False, None, False],
                           "gender": [None] * 3, "role": [None] * 3, "words": [1, 2, 3],
                           "gender_evidence": [None] * 3, "role_evidence": [None] * 3})
    table = sourcing.source_table(quotes)
    assert sorted(zip(table["document"], table["name"], table["quotes"])) == [
        ("a", "officials", 1), ("b", "Officials", 1), ("b", "officials", 1)]


def test_top_sources_per_outlet(records):
    top = sourcing.top_sources(sourcing.sources_frame(records), by="source", n=1)
    assert top[["group", "rank", "name", "quotes", "share", "gender", "role"]].to_dict("records") == [
        {"group": "Daily", "rank": 1, "name": "Bo Park", "quotes": 1, "share": 0.5, "gender": "male",
         "role": "expert"},  # a tie on quotes: more words first
        {"group": "Wire", "rank": 1, "name": "Ann Lee", "quotes": 1, "share": 0.5, "gender": "female",
         "role": "government"}]


# --------------------------------------------------------------------------- the same quote in several articles


WIRE = "North Korea has sent thousands of troops to Russia to train for deployment in Ukraine, officials said"


def carried_frame(rows: list[tuple[str, str, str, str | None, str]]) -> pd.DataFrame:
    """(document, outlet, published, actor, quote) rows."""
    frame = pd.DataFrame(rows, columns=["document", "source", "published", "actor", "quote"])
    frame["published"] = pd.to_datetime(frame["published"])
    return frame.assign(description=None, speaker=frame["actor"])


def test_wire_copy_with_small_edits_is_one_quote_first_seen_in_the_earliest_article():
    frame = carried_frame([
        ("late", "Daily", "2024-10-23", "Kim", WIRE.replace("thousands of", "about 3,000")),
        ("first", "Wire", "2024-10-21", "Kim", WIRE),
        ("copy", "Post", "2024-10-22", "Kim", WIRE + "."),
        ("edit", "Post", "2024-10-22", "Kim", "North Korea has sent thousands of troops to Russia to train for "
                                              "their deployment in Ukraine"),
        ("other", "Wire", "2024-10-20", "Lee", WIRE),  # the same words from another speaker
        ("unrelated", "Wire", "2024-10-20", "Kim", "The ministry summoned the ambassador on Monday to protest"),
    ])
    groups = sourcing.quote_groups(frame)
    assert groups.iloc[0] == groups.iloc[1] == groups.iloc[2] == groups.iloc[3] is not None
    assert groups.iloc[4] is None and groups.iloc[5] is None
    carried = sourcing.carried_quotes(frame)
    assert list(carried.columns) == list(sourcing.CARRIED_COLUMNS)
    assert carried[["speaker", "articles", "outlets", "quotes", "first_source", "first_document", "sources"]].to_dict(
        "records") == [{"speaker": "Kim", "articles": 4, "outlets": 3, "quotes": 4, "first_source": "Wire",
                        "first_document": "first", "sources": "Wire; Post; Daily"}]
    assert carried.loc[0, "first_published"] == pd.Timestamp("2024-10-21")


def test_quotes_below_the_threshold_or_too_short_are_not_grouped():
    frame = carried_frame([
        ("a", "X", "2024-10-21", "Kim", "North Korea sent troops to Russia for the war in Ukraine"),
        ("b", "Y", "2024-10-22", "Kim", "North Korea sent engineers to Russia for the factories near Moscow"),
        ("c", "X", "2024-10-21", "Kim", "No comment"),
        ("d", "Y", "2024-10-22", "Kim", "No comment"),
    ])
    assert sourcing.quote_groups(frame).tolist() == [None, None, None, None]
    assert sourcing.content_words("We will not accept it, she said") == frozenset({"accept"})


def test_one_article_repeating_a_quote_is_not_carried():
    frame = carried_frame([("a", "X", "2024-10-21", "Kim", WIRE), ("a", "X", "2024-10-21", "Kim", WIRE)])
    assert sourcing.carried_quotes(frame).empty
    assert sourcing.carried_quotes(frame, min_articles=1)["quotes"].tolist() == [2]


def test_grouping_scales_by_blocking_and_hashing():
    rng = np.random.default_rng(2)
    vocab = np.array([f"word{i}" for i in range(3000)])
    texts = [" ".join(vocab[rng.integers(0, 3000, 10)]) for _ in range(30_000)]
    frame = carried_frame([(f"d{i}", f"O{i % 7}", "2024-10-21", f"S{i % 500}", t) for i, t in enumerate(texts)])
    frame.loc[1, ["actor", "speaker", "quote"]] = [frame.loc[0, "actor"], frame.loc[0, "actor"], texts[0] + " again"]
    started = time.perf_counter()
    groups = sourcing.quote_groups(frame)
    assert time.perf_counter() - started < 30
    assert groups.iloc[0] == groups.iloc[1] is not None
    assert groups.notna().sum() == 2


# --------------------------------------------------------------------------- charts and the notebook


def test_interval_charts_are_labelled_and_skip_empty_tables():
    shares = sourcing.label_shares(outlets(30, 10).assign(role=None, named=None, framing=None), by="source",
                                   n_boot=100)
    fig = charts.share_interval_bars(shares[shares["label"] == "gender"], title="By $gender", groups=["Y", "X"])
    assert fig.axes[0].get_title() == "female" and fig._suptitle.get_text() == r"By \$gender"
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Y", "X"]
    lines = charts.share_interval_lines(shares[shares["label"] == "gender"], title="Over time", period_label="month")
    assert lines.axes[0].get_xlabel() == "month"
    assert charts.share_interval_bars(shares.iloc[0:0]) is None
    assert charts.share_interval_lines(shares.iloc[0:0]) is None


def test_many_periods_draw_the_interval_as_a_band():
    """Over more than 24 periods the interval is a shaded band around the line, from low to high."""
    periods = [f"2020-{m:02d}" for m in range(1, 13)] + [f"2021-{m:02d}" for m in range(1, 13)] + ["2022-01"]
    shares = pd.DataFrame([{"label": "gender", "value": "female", "weight": "quotes", "group": p, "share": 0.3,
                            "low": 0.2, "high": 0.45, "count": 10, "total": 30, "articles": 5} for p in periods])
    fig = charts.share_interval_lines(shares, title="Over time", period_label="month")
    band = fig.axes[0].collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(20.0) and band.max() == pytest.approx(45.0)


def labelled_corpus(seed_record: dict, folder: Path) -> Path:
    """The seed story carried by 24 articles of two outlets over three months, its quotes given labels."""
    rng = np.random.default_rng(4)
    path = folder / "labelled.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(24):
            rec = copy.deepcopy(seed_record)
            rec.update(id=f"art{i}", source="<b>Wire</b>" if i % 2 else "Daily", published=f"2024-{8 + i % 3:02d}-1{i % 9}")
            for q in rec["quotes"]:
                person = rng.random() < 0.7
                q.update(gender=rng.choice(["female", "male", "unknown"]) if person else None,
                         gender_evidence="pronoun <she>" if person else None, role=str(rng.choice(sourcing.ROLES[:4])),
                         named=bool(rng.random() < 0.8), framing=str(rng.choice(sourcing.FRAMINGS[:3])))
            handle.write(json.dumps(rec) + "\n")
    return path


@pytest.fixture(scope="module")
def seed_record() -> dict:
    from toolkit.annotate import annotate_records
    from toolkit.corpus import iter_documents

    [rec] = list(annotate_records(iter_documents([ROOT / "seeds"])))
    return rec


def test_sources_notebook_on_labelled_records_shows_every_section(seed_record, tmp_path):
    import papermill

    from toolkit.report import run as report

    annotations = labelled_corpus(seed_record, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    executed = tmp_path / "sources.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS / "sources.ipynb"), str(executed),
                               parameters={"annotations": str(annotations), "output_dir": str(out), "n_boot": 200},
                               kernel_name=report.KERNEL_NAME, cwd=str(NOTEBOOKS), progress_bar=False)
    for name in ("sources.csv", "source_shares.csv", "source_shares_over_time.csv", "source_differences.csv",
                 "top_sources.csv", "source_table.csv", "carried_quotes.csv", "sources_gender_by_group.png",
                 "sources_gender_over_time.png", "sources_role_by_group.png", "sources_named_by_group.png",
                 "sources_framing_over_time.png"):
        assert (out / name).is_file(), name
    shares = pd.read_csv(out / "source_shares.csv")
    assert set(shares["label"]) == {"gender", "role", "named", "framing"}
    assert set(shares["group"]) == {"<b>Wire</b>", "Daily"}
    assert ((shares["low"] <= shares["share"] + 1e-12) & (shares["share"] <= shares["high"] + 1e-12)).all()
    carried = pd.read_csv(out / "carried_quotes.csv")
    assert carried["articles"].max() == 24 and carried.loc[0, "first_document"] == "art0"
    notebook = nbformat.read(str(executed), as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") in ("error", "stream")]  # no errors, warnings, stderr
    page = "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "percentage points" in page and "95% interval" in page and "Not labelled" not in page
    assert "&lt;b&gt;Wire&lt;/b&gt;" in page and "<b>Wire</b>" not in page
    assert "pronoun &lt;she&gt;" in page
    assert not re.search(r"\bnan\b", page)
