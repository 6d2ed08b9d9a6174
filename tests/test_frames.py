"""toolkit.frames: annotation records in, tables with fixed columns out (also when empty)."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit.report import frames

TEXT = "Kim met Putin. Kim left.\n\nPeskov said no."


def record(id_, *, published="2024-10-21", source="Reuters", actors=(), text=TEXT):
    return {
        "id": id_, "title": f"Title {id_}", "source": source, "published": published, "url": None,
        "text": text, "n_words": len(text.split()),
        "paragraphs": [{"start": 0, "end": 24}, {"start": 26, "end": 41}],
        "sentences": [{"start": 0, "end": 14, "paragraph": 0}, {"start": 15, "end": 24, "paragraph": 0},
                      {"start": 26, "end": 41, "paragraph": 1}],
        "actors": list(actors),
    }


def mention(start, end, actor, kind, affiliation=None, sentence=0):
    return {"start": start, "end": end, "text": TEXT[start:end], "actor": actor, "kind": kind,
            "affiliation": affiliation, "sentence": sentence}


KIM0 = mention(0, 3, "Kim Hong-kyun", "person", "South Korea", 0)
PUTIN = mention(8, 13, "Vladimir Putin", "person", "Russia", 0)
KIM1 = mention(15, 18, "Kim Hong-kyun", "person", "South Korea", 1)
PESKOV = mention(26, 32, "Dmitry Peskov", "person", "Russia", 2)


def rows(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


@pytest.mark.parametrize("records, expected", [
    pytest.param([], [], id="empty"),
    pytest.param(
        [record("a"), record("b", published="2024-10-22T23:30:00+09:00", source=None)],
        [{"id": "a", "title": "Title a", "source": "Reuters", "published": pd.Timestamp("2024-10-21"),
          "paragraphs": 2, "sentences": 3, "words": 8},
         {"id": "b", "title": "Title b", "source": None, "published": pd.Timestamp("2024-10-22"),
          "paragraphs": 2, "sentences": 3, "words": 8}],
        id="two-documents-day-kept-as-published"),
    pytest.param(
        [record("c", published=None)],
        [{"id": "c", "title": "Title c", "source": "Reuters", "published": None,
          "paragraphs": 2, "sentences": 3, "words": 8}],
        id="undated"),
])
def test_documents_frame(records, expected):
    df = frames.documents_frame(records)
    assert list(df.columns) == list(frames.DOCUMENT_COLUMNS)
    assert rows(df) == expected
    assert str(df["words"].dtype) == "int64"
    assert pd.api.types.is_datetime64_any_dtype(df["published"])


@pytest.mark.parametrize("records, expected", [
    pytest.param([], [], id="no-records"),
    pytest.param([record("a")], [], id="no-actors-yet"),
    pytest.param(
        [record("a", actors=[KIM0, PUTIN]), record("b", actors=[PESKOV])],
        [("a", 0, 3, "Kim", "Kim Hong-kyun", "person", "South Korea", None, 0, "Kim met Putin."),
         ("a", 8, 13, "Putin", "Vladimir Putin", "person", "Russia", None, 0, "Kim met Putin."),
         ("b", 26, 32, "Peskov", "Dmitry Peskov", "person", "Russia", None, 2, "Peskov said no.")],
        id="mentions-with-sentences"),
    pytest.param(
        [record("a", actors=[{"start": 15, "end": 18, "actor": None, "kind": None, "affiliation": None,
                              "sentence": None}])],
        [("a", 15, 18, "Kim", "Kim", None, None, None, None, None)],
        id="unresolved-mention-outside-sentences"),
])
def test_actors_frame(records, expected):
    df = frames.actors_frame(records)
    assert list(df.columns) == list(frames.ACTOR_COLUMNS)
    assert [tuple(r.values()) for r in rows(df)] == expected
    assert str(df["start"].dtype) == "int64"


@pytest.mark.parametrize("records, expected", [
    pytest.param([], [], id="empty"),
    pytest.param([record("a"), record("b")], [], id="no-actors"),
    pytest.param(
        [record("a", actors=[KIM0, PUTIN, KIM1]), record("b", actors=[KIM0, PESKOV]),
         record("c", actors=[mention(26, 32, "Peskov", "person", None, 2)])],
        [("Kim Hong-kyun", "person", "South Korea", 3, 2),
         ("Dmitry Peskov", "person", "Russia", 2, 2),  # "Peskov" alone in c is merged with the full name
         ("Vladimir Putin", "person", "Russia", 1, 1)],
        id="ranked-by-mentions-then-documents-then-name"),
])
def test_actor_counts(records, expected):
    df = frames.actor_counts(records)
    assert list(df.columns) == list(frames.ACTOR_COUNT_COLUMNS)
    assert [tuple(r.values()) for r in rows(df)] == expected
    assert list(df.index) == list(range(len(expected)))


@pytest.mark.parametrize("records, expected", [
    pytest.param([], {"articles": 0, "dated": 0, "first": None, "last": None, "days": 0, "sources": {},
                      "sentences": 0, "words": 0}, id="empty"),
    pytest.param([record("a", source="AP"), record("b", published="2024-10-23"), record("c", published=None),
                  record("d", published="2024-10-23")],
                 {"articles": 4, "dated": 3, "first": "2024-10-21", "last": "2024-10-23", "days": 2,
                  "sources": {"Reuters": 3, "AP": 1}, "sentences": 12, "words": 32}, id="mixed"),
])
def test_corpus_summary(records, expected):
    assert frames.corpus_summary(frames.documents_frame(records)) == expected


@pytest.mark.parametrize("index, expected", [(0, "Kim met Putin."), (2, "Peskov said no."), (3, None),
                                             (None, None), (-1, None)])
def test_sentence_text(index, expected):
    assert frames.sentence_text(record("a"), index) == expected


# --------------------------------------------------------------------------- quotes

QUOTE_TEXT = '"We condemn it," Kim said. Officials said talks failed. Peskov denied it.'


def quote(kind, content, speaker=None, actor=None, affiliation=None, sentence=0, cue=None):
    return {"kind": kind, "content": [{"start": s, "end": e} for s, e in content],
            "cue": cue, "speaker": speaker, "actor": actor, "affiliation": affiliation, "sentence": sentence}


QUOTE_RECORD = {
    "id": "q", "text": QUOTE_TEXT,
    "sentences": [{"start": 0, "end": 26}, {"start": 27, "end": 55}, {"start": 56, "end": 74}],
    "quotes": [
        quote("direct", [(0, 16)], {"start": 17, "end": 20, "text": "Kim"}, "Kim Hong-kyun", "South Korea", 0,
              {"start": 21, "end": 25, "text": "said"}),
        quote("indirect", [(42, 55)], {"start": 27, "end": 36, "text": "Officials"}, None, None, 1),
        quote("indirect", [(70, 72)], {"start": 56, "end": 62, "text": "Peskov"}, "Dmitry Peskov", "Russia", 2),
    ],
}


@pytest.mark.parametrize(("min_words", "expected"), [
    (0, [("direct", "Kim", "South Korea", '"We condemn it,"', 3),
         ("indirect", "Officials", "(unattributed)", "talks failed.", 2),
         ("indirect", "Peskov", "Russia", "it", 1)]),
    (2, [("direct", "Kim", "South Korea", '"We condemn it,"', 3),
         ("indirect", "Officials", "(unattributed)", "talks failed.", 2)]),
])
def test_quotes_frame(min_words, expected):
    df = frames.quotes_frame([QUOTE_RECORD], min_words=min_words)
    assert list(df.columns) == list(frames.QUOTE_COLUMNS)
    assert [tuple(r) for r in df[["kind", "speaker", "party", "quote", "words"]].itertuples(index=False)] == expected
    assert df["sentence_text"].iloc[0] == '"We condemn it," Kim said.'


def test_split_quote_fragments_are_joined():
    rec = dict(QUOTE_RECORD, quotes=[quote("direct", [(0, 16), (42, 55)])])
    assert frames.quotes_frame([rec])["quote"].tolist() == ['"We condemn it," … talks failed.']


def test_quote_shares():
    df = frames.quote_shares(frames.quotes_frame([QUOTE_RECORD]), by="party")
    assert list(df.columns) == list(frames.QUOTE_SHARE_COLUMNS)
    got = [(r.name, r.quotes, round(r.share_quotes, 3), r.words, r.direct, r.indirect) for r in df.itertuples()]
    assert got == [("South Korea", 1, 0.333, 3, 1, 0), ("(unattributed)", 1, 0.333, 2, 0, 1),
                   ("Russia", 1, 0.333, 1, 0, 1)]
    assert frames.quote_shares(frames.quotes_frame([]), by="party").empty


# --------------------------------------------------------------------------- time: expressions and the timeline
TIME_TEXT = "Kim spoke on Monday. He met Putin last week. Talks lasted two days."


def time_record(id_="a", published="2024-10-21", events=None):
    rec = record(id_, published=published, text=TIME_TEXT)
    rec["sentences"] = [{"start": 0, "end": 20, "paragraph": 0}, {"start": 21, "end": 44, "paragraph": 0},
                        {"start": 45, "end": 67, "paragraph": 0}]
    rec["timexes"] = [{"start": 12, "end": 18, "text": "Monday", "type": "DATE", "value": "2024-10-21"},
                      {"start": 34, "end": 43, "text": "last week", "type": "DATE", "value": "2024-W42"},
                      {"start": 58, "end": 66, "text": "two days", "type": "DURATION", "value": "P2D"}]
    rec["events"] = events if events is not None else [
        {"start": 4, "end": 9, "text": "spoke", "sentence": 0, "timex": 0, "value": "2024-10-21",
         "interval_start": "2024-10-21", "interval_end": "2024-10-21", "actors": ["Kim Hong-kyun"],
         "tense": "past", "anchor": "timex", "kind": "verb", "relative_to": None, "negated": False},
        {"start": 24, "end": 27, "text": "met", "sentence": 1, "timex": 1, "value": "2024-W42",
         "interval_start": "2024-10-14", "interval_end": "2024-10-20", "actors": ["Kim", "Vladimir Putin"],
         "tense": "past", "anchor": "timex", "kind": "verb", "relative_to": None, "negated": False},
        {"start": 51, "end": 57, "text": "lasted", "sentence": 2, "timex": 2, "value": "ON_OR_BEFORE_DCT",
         "interval_start": None, "interval_end": "2024-10-21", "actors": [], "tense": "past", "anchor": "tense",
         "kind": "verb", "relative_to": None, "negated": False},
    ]
    rec["actors"] = [{"start": 0, "end": 3, "actor": "Kim Hong-kyun", "kind": "person", "affiliation": None,
                      "sentence": 0},
                     {"start": 21, "end": 23, "actor": "Kim", "kind": "person", "affiliation": None, "sentence": 1}]
    return rec


def test_timexes_frame():
    df = frames.timexes_frame([time_record()])
    assert list(df.columns) == list(frames.TIMEX_COLUMNS)
    got = [(r["text"], r["type"], r["value"], r["interval_start"], r["interval_end"], r["sentence"])
           for r in rows(df)]
    assert got == [("Monday", "DATE", "2024-10-21", pd.Timestamp("2024-10-21"), pd.Timestamp("2024-10-21"), 0),
                   ("last week", "DATE", "2024-W42", pd.Timestamp("2024-10-14"), pd.Timestamp("2024-10-20"), 1),
                   ("two days", "DURATION", "P2D", None, None, 2)]
    assert df.loc[1, "sentence_text"] == "He met Putin last week."


@pytest.mark.parametrize("make", [frames.timexes_frame, frames.timeline_frame], ids=["timexes", "timeline"])
def test_time_frames_are_typed_when_empty(make):
    for records in ([], [record("a")], [time_record(events=[])]):
        df = make(records)
        assert df.empty or make is frames.timexes_frame
        assert pd.api.types.is_datetime64_any_dtype(df["interval_start"])
        assert str(df["start"].dtype) == "int64"


def test_timeline_frame_orders_and_merges_names():
    df = frames.timeline_frame([time_record()])
    assert list(df.columns) == list(frames.TIMELINE_COLUMNS)
    assert df["event"].tolist() == ["met", "spoke", "lasted"]
    assert df["position"].tolist() == [1, 2, 3]
    assert df.loc[0, "actors"] == "Kim Hong-kyun; Vladimir Putin"  # "Kim" alone is the corpus's Kim Hong-kyun
    assert df.loc[0, "when"] == "2024-10-14 to 2024-10-20" and df.loc[0, "timex"] == "last week"
    assert df.loc[2, "when"] == "on or before 2024-10-21" and pd.isna(df.loc[2, "interval_start"])
    assert df["negated"].dtype == bool


def test_timex_type_counts_keeps_all_four_types():
    counts = frames.timex_type_counts(frames.timexes_frame([time_record()]))
    assert counts.to_dict("records") == [{"type": "DATE", "count": 2}, {"type": "TIME", "count": 0},
                                         {"type": "DURATION", "count": 1}, {"type": "SET", "count": 0}]


@pytest.mark.parametrize("kwargs, expected", [
    ({}, ["met", "spoke", "lasted"]),
    ({"date_from": "2024-10-21"}, ["spoke", "lasted"]),
    ({"date_to": "2024-10-15"}, ["met"]),
    ({"date_from": "2024-10-16", "date_to": "2024-10-19"}, ["met"]),  # overlaps last week
    ({"date_from": "2024-10-22"}, []),
    ({"actors": ["vladimir putin"]}, ["met"]),
    ({"actors": ["Kim Hong-kyun"], "date_from": "2024-10-21"}, ["spoke"]),
    ({"actors": []}, ["met", "spoke", "lasted"]),
])
def test_select_events(kwargs, expected):
    df = frames.select_events(frames.timeline_frame([time_record()]), **kwargs)
    assert df["event"].tolist() == expected
    assert list(df.index) == list(range(len(expected)))


def test_select_events_rejects_a_bad_day():
    with pytest.raises(ValueError, match="not a date"):
        frames.select_events(frames.timeline_frame([]), date_from="21/10/2024")


# --------------------------------------------------------------------------- stance: pairs, grids, topics


def party(m: dict) -> dict:
    return {k: m[k] for k in ("start", "end", "text", "actor", "affiliation")}


def stance(source, target, score, sentence=0, polarity=None):
    from toolkit.stance.stances import polarity_of

    return {"source": party(source) if source else None, "target": party(target), "topic": None,
            "polarity": polarity or polarity_of(score), "score": score, "cue": None, "sentence": sentence}


KIM_ON_PUTIN = stance(KIM0, PUTIN, -0.8)
PESKOV_ON_KIM = stance(PESKOV, KIM1, 0.4, sentence=2)
ARTICLE_ON_PUTIN = stance(None, PUTIN, -0.5)


@pytest.mark.parametrize("level, include_article, expected", [
    pytest.param("party", False, [("South Korea", "Russia", 1, -0.8), ("Russia", "South Korea", 1, 0.4)],
                 id="parties"),
    pytest.param("actor", False, [("Dmitry Peskov", "Kim Hong-kyun", 1, 0.4),
                                  ("Kim Hong-kyun", "Vladimir Putin", 1, -0.8)], id="actors"),
    pytest.param("party", True, [("(the article)", "Russia", 1, -0.5), ("Russia", "South Korea", 1, 0.4),
                                 ("South Korea", "Russia", 1, -0.8)], id="with-the-article"),
    pytest.param("actor", True, [("(the article)", "Vladimir Putin", 1, -0.5),
                                 ("Dmitry Peskov", "Kim Hong-kyun", 1, 0.4),
                                 ("Kim Hong-kyun", "Vladimir Putin", 1, -0.8)], id="actors-with-the-article"),
])
def test_stance_pairs(level, include_article, expected):
    rec = {**record("a"), "stances": [KIM_ON_PUTIN, PESKOV_ON_KIM, ARTICLE_ON_PUTIN]}
    pairs = frames.stance_pairs(frames.stances_frame([rec]), level=level, include_article=include_article)
    got = [(r["holder"], r["target"], r["stances"], r["score"]) for r in rows(pairs)]
    assert sorted(got) == sorted(expected)


def test_stance_pairs_refuses_an_unknown_level():
    with pytest.raises(ValueError, match="level"):
        frames.stance_pairs(frames.stances_frame([]), level="country")


def test_held_stances_leaves_out_the_article_unless_asked():
    table = frames.stances_frame([{**record("a"), "stances": [KIM_ON_PUTIN, ARTICLE_ON_PUTIN]}])
    assert frames.held_stances(table)["holder_party"].tolist() == ["South Korea"]
    assert len(frames.held_stances(table, include_article=True)) == 2


PAIRS = pd.DataFrame({"holder": ["A", "A", "B", "C", "D"], "target": ["B", "C", "A", "A", "A"],
                      "stances": [4, 1, 2, 1, 1], "score": [-0.6, 0.1, 0.5, -0.1, 0.0]})


@pytest.mark.parametrize("n, expected", [(1, ["A"]), (2, ["A", "B"]), (9, ["A", "B", "C", "D"])])
def test_most_involved(n, expected):
    assert frames.most_involved(PAIRS, n=n) == expected


def test_most_involved_of_no_pairs():
    assert frames.most_involved(PAIRS.iloc[:0], n=3) == []


def test_pairs_among_and_grid():
    shown = frames.pairs_among(PAIRS, ["A", "B", "C"])
    assert list(zip(shown["holder"], shown["target"])) == [("A", "B"), ("A", "C"), ("B", "A"), ("C", "A")]
    score, counts = frames.stance_grid(shown, ["C", "B", "A", "Z"])
    assert list(score.index) == ["C", "B", "A"] and list(score.columns) == ["C", "B", "A"]
    assert score.loc["A", "B"] == -0.6 and counts.loc["A", "B"] == 4 and pd.isna(score.loc["B", "C"])


def test_grid_drops_rows_and_columns_without_a_pair():
    score, counts = frames.stance_grid(frames.pairs_among(PAIRS, ["A", "B", "D"]), ["D", "A", "B"])
    # D holds a stance toward A but no one holds one toward D: a row for D, no column
    assert list(score.index) == ["D", "A", "B"] and list(score.columns) == ["A", "B"]
    assert score.loc["B", "A"] == 0.5 and score.loc["A", "B"] == -0.6 and pd.isna(score.loc["A", "A"])
    assert counts.shape == score.shape


@pytest.mark.parametrize("scores, expected", [
    pytest.param([], {"negative": 0, "positive": 0, "neutral": 0}, id="none"),
    pytest.param([-0.6, 0.5, 0.0], {"negative": 1, "positive": 1, "neutral": 1}, id="one-each"),
    pytest.param([-0.05, -0.1, 0.19], {"negative": 0, "positive": 0, "neutral": 3}, id="weak-means-are-neutral"),
    pytest.param([-0.2, 0.2], {"negative": 1, "positive": 1, "neutral": 0}, id="at-the-threshold"),
])
def test_pair_polarities_use_the_one_threshold(scores, expected):
    assert frames.pair_polarities(pd.DataFrame({"score": scores}, dtype=float)) == expected


@pytest.mark.parametrize("scores, expected", [
    pytest.param([-0.6, 0.5, 0.0], (-0.6, 0.5), id="both"),
    pytest.param([-0.6, -0.1], (-0.6, None), id="no-positive"),
    pytest.param([], (None, None), id="none"),
])
def test_extreme_pairs(scores, expected):
    pairs = pd.DataFrame({"holder": list("ABC")[:len(scores)], "target": list("XYZ")[:len(scores)],
                          "stances": [1] * len(scores), "score": scores}, dtype=object)
    low, high = frames.extreme_pairs(pairs.astype({"score": float}))
    assert (None if low is None else low["score"], None if high is None else high["score"]) == expected


def _no_tagging(monkeypatch):
    import toolkit.stance.stances
    import toolkit.text.tagging

    for module in (toolkit.text.tagging, toolkit.stance.stances):
        monkeypatch.setattr(module, "process", lambda *a, **k: pytest.fail("text tagged again"))


def claim(holder, score, sentence, via="statement", terms=("troops", "troop")):
    return {"holder": {**party(holder), "kind": holder["kind"], "sentence": sentence, "via": "alias"},
            "score": score, "cue": None, "sentence": sentence, "via": via, "terms": list(terms)}


TROOPS = {"troop deployment": ["troops", "deployment"]}


@pytest.mark.parametrize("claims, by, expected", [
    pytest.param([], "party", [], id="no-claims"),
    pytest.param([claim(KIM0, -0.6, 0), claim(KIM1, -0.4, 1)], "party",
                 [("South Korea", "troop deployment", "against", 2, -0.5, "Kim met Putin. | Kim left.")],
                 id="two-sentences-one-party"),
    pytest.param([claim(KIM0, -0.6, 0), claim(PESKOV, 0.3, 2)], "actor",
                 [("Dmitry Peskov", "troop deployment", "favour", 1, 0.3, "Peskov said no."),
                  ("Kim Hong-kyun", "troop deployment", "against", 1, -0.6, "Kim met Putin.")],
                 id="by-actor"),
    pytest.param([claim(KIM0, -0.15, 0)], "party",
                 [("South Korea", "troop deployment", "neutral", 1, -0.15, "Kim met Putin.")],
                 id="a-weak-mean-is-neutral"),
    pytest.param([claim(KIM0, 0.9, 0, terms=("talks",))], "party", [], id="not-about-the-topic"),
    pytest.param([claim(KIM0, 0.9, 0, via="statement"), claim(KIM0, -0.7, 0, via="cue")], "party",
                 [("South Korea", "troop deployment", "against", 1, -0.7, "Kim met Putin.")],
                 id="one-per-sentence-the-cue-wins"),
])
def test_topic_stances_frame_from_stored_claims(claims, by, expected, monkeypatch):
    _no_tagging(monkeypatch)
    topics = frames.topics_to_follow([], TROOPS)
    table = frames.topic_stances_frame([{**record("a"), "claims": claims}], topics, by=by)
    assert list(table.columns) == list(frames.TOPIC_STANCE_COLUMNS)
    got = [(r["actor"], r["topic"], r["stance"], r["stances"], round(r["score"], 3), r["evidence"]) for r in rows(table)]
    assert got == expected
    assert all(table["documents"] == 1)


def test_topic_stances_count_documents():
    recs = [{**record(i), "claims": [claim(KIM0, -0.5, 0)]} for i in ("a", "b")]
    (row,) = rows(frames.topic_stances_frame(recs, frames.topics_to_follow([], TROOPS)))
    assert row["documents"] == 2 and row["stances"] == 2 and row["evidence"] == "Kim met Putin."


def phrase(head, form, modifier=None, count=1):
    return {"head": head, "form": form, "modifier": modifier, "modifier_form": modifier, "count": count}


@pytest.mark.parametrize("given, phrases, expected", [
    pytest.param(TROOPS, [], [("troop deployment", ("troops", "deployment"))], id="given"),
    pytest.param({}, [[phrase("dispatch", "dispatch", "troop", 2), phrase("war", "war")],
                      [phrase("war", "wars"), phrase("war", "war", count=2)]],
                 # the distinctive phrase first, then the most frequent event noun
                 [("troop dispatch", ("dispatch", "troop")), ("war", ("war", "wars"))],
                 id="proposed-from-stored-phrases"),
])
def test_topics_to_follow(given, phrases, expected, monkeypatch):
    _no_tagging(monkeypatch)
    recs = [{**record(str(i)), "event_phrases": p} for i, p in enumerate(phrases)]
    assert [(t.name, t.terms) for t in frames.topics_to_follow(recs, given, n=2)] == expected


def test_topic_grid():
    by_topic = pd.DataFrame({"actor": ["A", "B", "B"], "topic": ["t", "t", "u"],
                             "stance": ["favour", "against", "neutral"]})
    grid = frames.topic_grid(by_topic)
    assert list(grid.columns) == ["actor", "t", "u"]
    assert grid.to_dict("records") == [{"actor": "A", "t": "favour", "u": ""},
                                       {"actor": "B", "t": "against", "u": "neutral"}]


# --------------------------------------------------------------------------- quotes: focus, direct speech, per article

QUOTES = pd.DataFrame({"document": ["a", "a", "a", "b", "c"], "party": ["X", "Y", "X", "X", "Z"],
                       "actor": ["x1", "y1", "x2", "x1", "z1"], "kind": ["direct", "indirect", "direct", "mixed",
                                                                        "direct"]})


@pytest.mark.parametrize("focus, expected", [
    pytest.param([], 5, id="no-focus-keeps-all"),
    pytest.param([""], 5, id="empty-names-ignored"),
    pytest.param(["X"], 3, id="by-party"),
    pytest.param(["y1", "z1"], 2, id="by-actor"),
    pytest.param(["nobody"], 0, id="nobody"),
])
def test_focus_quotes(focus, expected):
    kept = frames.focus_quotes(QUOTES, focus)
    assert len(kept) == expected and list(kept.index) == list(range(expected))


@pytest.mark.parametrize("table, expected", [
    pytest.param({"name": ["A", "B"], "quotes": [4, 2], "direct": [3, 1]}, "A", id="highest-rate"),
    pytest.param({"name": ["A", "B"], "quotes": [1, 3], "direct": [1, 3]}, "B", id="tie-more-quotes-first"),
    pytest.param({"name": [], "quotes": [], "direct": []}, None, id="empty"),
])
def test_most_direct(table, expected):
    row = frames.most_direct(pd.DataFrame(table))
    assert (None if row is None else row["name"]) == expected


def test_quotes_per_article():
    matrix = frames.quotes_per_article(QUOTES, ["X", "Z"], max_articles=2)
    assert list(matrix.columns) == ["X", "Z"]
    assert matrix.to_dict("index") == {"a": {"X": 2, "Z": 0}, "b": {"X": 1, "Z": 0}}  # c (1 quote) is third
