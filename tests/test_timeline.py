"""toolkit.time.timeline: events for dates, safe placement of undated statements, ordering."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from toolkit.annotate import annotate_document
from toolkit.corpus import Document
from toolkit.time.timeline import (
    ON_OR_AFTER_DCT,
    ON_OR_BEFORE_DCT,
    Event,
    describe_interval,
    find_events,
    interval,
    timeline,
)

MON = date(2024, 10, 21)  # a Monday, the seed's publication day
D = date.fromisoformat


def events_of(text: str, dct: date | None = MON) -> list[dict]:
    record = annotate_document(Document(id="t", text=text, published=dct)).to_dict()
    for ev in record["events"]:
        assert text[ev["start"]:ev["end"]] == ev["text"]
    return record["events"]


def dated(events: list[dict]) -> list[dict]:
    return [e for e in events if e["anchor"] == "timex"]


# --------------------------------------------------------------------------- which event a date belongs to
# (sentence, event word, value, interval, first actors)
DATED = [
    pytest.param("South Korea's foreign ministry summoned the Russian ambassador on Monday to protest.",
                 "summoned", "2024-10-21", ("2024-10-21", "2024-10-21"), ["South Korean foreign ministry"],
                 id="verb-left-of-date"),
    pytest.param("The United States said on Friday it could not confirm the reports.",
                 "said", "2024-10-18", ("2024-10-18", "2024-10-18"), ["United States"], id="zero-complement-after"),
    pytest.param("South Korea's spy agency said last week that North Korea had shipped troops to Russia.",
                 "said", "2024-W42", ("2024-10-14", "2024-10-20"), ["South Korean spy agency"],
                 id="said-last-week-that"),
    pytest.param("Zelenskiy has accused Pyongyang of sending troops, and on Sunday called for a strong reaction.",
                 "called", "2024-10-20", ("2024-10-20", "2024-10-20"), ["Zelenskiy"], id="coordinated-elided-subject"),
    pytest.param("Russia and North Korea signed a treaty at a summit in June.",
                 "summit", "2024-06", ("2024-06-01", "2024-06-30"), ["Russia", "North Korea"], id="event-noun-in-pp"),
    pytest.param("NATO chief Mark Rutte, after a phone call on Monday with South Korean President Yoon Suk Yeol, "
                 "said the move would escalate the conflict.",
                 "phone call", "2024-10-21", ("2024-10-21", "2024-10-21"), ["Mark Rutte", "Yoon Suk Yeol"],
                 id="event-noun-with-partner"),
    pytest.param("The Kremlin has previously dismissed such claims.",
                 "dismissed", "PAST_REF", (None, "2024-10-21"), ["Russia"], id="inside-verb-group"),
    pytest.param("Last week's report by the United Nations found abuses.",
                 "report", "2024-W42", ("2024-10-14", "2024-10-20"), ["United Nations"], id="possessive-date"),
    pytest.param("Germany's Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Oct. 3.",
                 "met", "2024-10-03", ("2024-10-03", "2024-10-03"), ["Olaf Scholz", "Emmanuel Macron"],
                 id="affiliations-left-out"),
    pytest.param("On Monday, the ministry, which has long opposed the plan, summoned the envoy.",
                 "summoned", "2024-10-21", ("2024-10-21", "2024-10-21"), [], id="fronted-over-relative-clause"),
    pytest.param("The talks, which began on Monday in Geneva, collapsed.",
                 "began", "2024-10-21", ("2024-10-21", "2024-10-21"), None, id="relative-clause"),
    pytest.param("The company announced its decision on Monday.",
                 "announced", "2024-10-21", ("2024-10-21", "2024-10-21"), None, id="object-noun-is-not-the-event"),
    pytest.param("Kishida will visit Washington next month, his office said.",
                 "visit", "2024-11", ("2024-11-01", "2024-11-30"), ["Kishida", "United States"], id="future"),
    pytest.param("Talks were held from June to August in Doha.",
                 "held", "2024-06/2024-08", ("2024-06-01", "2024-08-31"), None, id="range"),
    pytest.param("Kim told him North Korea had sent troops to Russia in June.",
                 "sent", "2024-06", ("2024-06-01", "2024-06-30"), ["North Korea"], id="object-of-tell-is-no-subject"),
    pytest.param("Lawyers for both Donald and Ivana Trump filed papers on Monday.",
                 "filed", "2024-10-21", ("2024-10-21", "2024-10-21"), ["Donald", "Ivana Trump"],
                 id="coordinated-in-the-subject-phrase"),
    pytest.param("Kim noted that the troops had left in June.",
                 "left", "2024-06", ("2024-06-01", "2024-06-30"), [], id="complement-clause-subject-not-inherited"),
    pytest.param("The latest Reuters/Ipsos poll released on Monday showed a lead.",
                 "showed", "2024-10-21", ("2024-10-21", "2024-10-21"), ["Reuters", "Ipsos"],
                 id="slash-inside-noun-phrase"),
    pytest.param("The blast happened at 3 p.m. on Monday.",
                 "happened", "2024-10-21T15:00", ("2024-10-21", "2024-10-21"), None, id="finer-date-wins"),
]


@pytest.mark.parametrize("text, word, value, span, actors", DATED)
def test_a_date_belongs_to_its_event(text, word, value, span, actors):
    got = dated(events_of(text))
    assert len(got) == 1, got
    ev = got[0]
    assert (ev["text"], ev["value"], (ev["interval_start"], ev["interval_end"])) == (word, value, span)
    if actors is not None:
        assert ev["actors"][:len(actors)] == actors
        if not actors:
            assert ev["actors"] == []


# --------------------------------------------------------------------------- dates in context
# (sentence, dct, event word, value, event it is anchored to or None)
IN_CONTEXT = [
    pytest.param("Raymond Roth on Thursday agreed to plead guilty, his lawyer said.", D("2013-03-22"), "agreed",
                 "2013-03-21", None, id="past-verb-with-infinitive-most-recent-past"),
    pytest.param("Both camps prepared, with Wednesday's debate approaching.", D("2016-10-18"), "debate",
                 "2016-10-19", None, id="possessive-approaching-next"),
    pytest.param("The board is to vote on the plan on Thursday.", D("2013-03-22"), "vote", "2013-03-28", None,
                 id="is-to-next"),
    pytest.param("He was last seen the day before his son reported him missing on Sunday.", D("2012-07-30"),
                 "seen", "2012-07-28", "reported", id="day-before-a-dated-event"),
    pytest.param("He was last seen the day before his son reported him missing.", D("2012-07-30"), "seen",
                 "XXXX-XX-XX", None, id="day-before-an-undated-event-stays-relative"),
    pytest.param("The results came two days after the vote on Sunday.", D("2012-07-30"), "came", "2012-07-31",
                 "vote", id="two-days-after-a-dated-event-noun"),
    pytest.param("Wednesday's hearing will be public. The judge will rule two days after the hearing.",
                 D("2013-03-22"), "rule", "2013-03-29", "hearing", id="anchor-event-dated-earlier-in-the-story"),
    pytest.param("He was last seen the day before the storm, and police said on Monday he had left.",
                 D("2013-03-22"), "seen", "XXXX-XX-XX", None, id="anchor-is-only-the-phrase-after-before"),
    pytest.param("The day before last Tuesday's hearing, Manuel went to the house.", D("2000-02-24"), "went",
                 "2000-02-21", None, id="day-before-a-date"),
    pytest.param("The minister, who resigned last summer, said on Monday he will return.", D("2013-03-22"),
                 "resigned", "2012-SU", None, id="timex-dates-its-own-relative-clause"),
    pytest.param("It was the first time since last summer that prices fell.", D("2013-03-22"), None, None, None,
                 id="verbless-phrase-belongs-to-the-clause-before"),
    pytest.param("After the floods last summer, the government promised aid.", D("2013-03-22"), "floods", "2012-SU",
                 None, id="event-noun-right-before-its-date"),
    pytest.param("The ministry said on Monday that the plant, closed since last summer, would reopen.",
                 D("2013-03-22"), "said", "2013-03-18", None, id="said-keeps-its-own-date"),
]


@pytest.mark.parametrize("text, dct, word, value, anchored_to", IN_CONTEXT)
def test_dates_in_context(text, dct, word, value, anchored_to):
    events = events_of(text, dct)
    if word is None:  # the date dates no event word (here: a copula)
        assert dated(events) == [], dated(events)
        return
    ev = next(e for e in events if e["text"] == word and e["anchor"] == "timex")
    assert ev["value"] == value
    ref = events[ev["relative_to"]]["text"] if ev["relative_to"] is not None else None
    assert ref == anchored_to


def test_an_event_dated_from_its_anchor_sorts_by_its_own_date():
    text = "He was last seen the day before his son reported him missing on Sunday."
    record = annotate_document(Document(id="t", text=text, published=D("2012-07-30"))).to_dict()
    rows = timeline([record])
    assert [(r["event"], r["interval_start"]) for r in rows] == [("seen", "2012-07-28"), ("reported", "2012-07-29")]


# (sentence, words that name no event)
NOT_EVENTS = [
    pytest.param("Call the hotline on Monday for details.", {"Call"}, id="imperative"),
    pytest.param("He has been in Paris since Monday.", {"been", "has"}, id="copula"),
    pytest.param("He was last seen on Monday.", {"was", "was last seen"}, id="auxiliary-split-by-the-tagger"),
    pytest.param("Ministers backed the 2014 euro zonewide system on Friday.", {"euro zonewide system", "system"},
                 id="dated-noun-that-is-no-event"),
]


@pytest.mark.parametrize("text, words", NOT_EVENTS)
def test_non_events_are_not_on_the_timeline(text, words):
    got = {e["text"] for e in events_of(text)}
    assert not got & words, got


def test_a_copula_dates_its_subject_event_noun():
    ev = dated(events_of("The meeting was on Monday."))[0]
    assert (ev["text"], ev["kind"], ev["value"]) == ("meeting", "noun", "2024-10-21")


def test_negated_event_keeps_its_date_and_says_so():
    ev = dated(events_of("Merkel did not attend the summit on Friday."))[0]
    assert (ev["text"], ev["value"], ev["negated"]) == ("did not attend", "2024-10-18", True)


def test_two_separate_dates_make_two_events():
    got = dated(events_of("The minister resigned on Monday, and Biden named a successor on Tuesday."))
    assert [(e["text"], e["value"], e["actors"]) for e in got] == [
        ("resigned", "2024-10-21", []), ("named", "2024-10-15", ["Biden"])]


def test_durations_keep_their_expression_and_are_placed_by_tense():
    ev = events_of("The strike has lasted for three weeks.")[0]
    assert (ev["text"], ev["anchor"], ev["value"], ev["timex"]) == ("lasted", "tense", ON_OR_BEFORE_DCT, 0)


def test_without_a_dct_relative_dates_stay_unresolved_and_nothing_is_placed_by_tense():
    got = events_of("Kim resigned on Monday. Lee left.", dct=None)
    assert [(e["text"], e["value"], e["interval_start"], e["interval_end"]) for e in got] == [
        ("resigned", "XXXX-WXX-1", None, None)]


# --------------------------------------------------------------------------- undated statements: safe placement
PLACED = [
    pytest.param("The Kremlin declined to comment.", "declined", ON_OR_BEFORE_DCT, (None, "2024-10-21"), "tense",
                 ["Russia"], id="past-main-clause"),
    pytest.param("Russia and North Korea have denied arms transfers.", "denied", ON_OR_BEFORE_DCT,
                 (None, "2024-10-21"), "tense", ["Russia", "North Korea"], id="present-perfect"),
    pytest.param("Kim says the talks will resume.", "says", ON_OR_AFTER_DCT, ("2024-10-21", None), "tense", ["Kim"],
                 id="present"),
    pytest.param("The minister will travel to Tokyo.", "travel", ON_OR_AFTER_DCT, ("2024-10-21", None), "tense",
                 None, id="future"),
    pytest.param("Zinoviev told Kim that the talks were useful, the embassy said.", "told", ON_OR_BEFORE_DCT,
                 (None, "2024-10-21"), "tense", ["Zinoviev", "Kim"], id="content-of-trailing-attribution"),
    pytest.param("South Korea's spy agency said last week that North Korea had shipped troops to Russia.", "shipped",
                 "ON_OR_BEFORE:2024-W42", (None, "2024-10-20"), "order", ["North Korea", "Russia"],
                 id="past-perfect-reported-by-dated-statement"),
    pytest.param("Putin told reporters on Thursday that Russia would respond.", "respond", "ON_OR_AFTER:2024-10-17",
                 ("2024-10-17", None), "order", ["Russia"], id="future-reported-by-dated-statement"),
    pytest.param("The army shelled the town on Oct. 3. Later, it withdrew.", "withdrew", "ON_OR_AFTER:2024-10-03",
                 ("2024-10-03", "2024-10-21"), "order", None, id="sequence-marker"),
    pytest.param("Police arrested two men on Friday. They then charged them.", "charged", "ON_OR_AFTER:2024-10-18",
                 ("2024-10-18", "2024-10-21"), "order", None, id="then-inside-clause"),
]


@pytest.mark.parametrize("text, word, value, span, anchor, actors", PLACED)
def test_undated_statements_are_placed_where_safe(text, word, value, span, anchor, actors):
    got = [e for e in events_of(text) if e["text"] == word]
    assert len(got) == 1, events_of(text)
    ev = got[0]
    assert (ev["value"], (ev["interval_start"], ev["interval_end"]), ev["anchor"]) == (value, span, anchor)
    if actors is not None:
        assert ev["actors"][:len(actors)] == actors
    if anchor == "order":
        ref = events_of(text)[ev["relative_to"]]
        assert ref["anchor"] == "timex"


@pytest.mark.parametrize("text, word", [
    pytest.param("Officials may meet again.", "meet", id="modal"),
    pytest.param("If the deal holds, prices would fall.", "fall", id="conditional"),
    pytest.param("Peskov did not comment.", "did", id="negated"),
    pytest.param("The situation is tense.", "is", id="state"),
    pytest.param('"We will respond," Kim said.', "respond", id="quoted-future"),
    pytest.param("Kim says talks failed", "says", id="headline"),
    pytest.param("Kim says talks failed", "failed", id="headline-content"),
    pytest.param("Officials who met the envoy were angry.", "met", id="relative-clause"),
    pytest.param("Peskov said Moscow is ready to talk.", "is", id="reported-present"),
])
def test_unsafe_statements_are_not_placed(text, word):
    assert word not in [e["text"] for e in events_of(text)]


def test_sequence_marker_needs_a_nearby_dated_event():
    text = "The army shelled the town on Oct. 3. Aid arrived. Trucks came. Later, it withdrew."
    ev = [e for e in events_of(text) if e["text"] == "withdrew"][0]
    assert ev["anchor"] == "tense"


# --------------------------------------------------------------------------- the seed story
@pytest.fixture(scope="module")
def seed(seed_annotation):
    record = seed_annotation.to_dict()
    by_timex = {}
    for ev in record["events"]:
        if ev["timex"] is not None:
            by_timex.setdefault(record["timexes"][ev["timex"]]["text"], []).append(ev)
    return record, by_timex


@pytest.mark.parametrize("timex, word, value, actor", [
    ("Monday", "summoned", "2024-10-21", "South Korean foreign ministry"),
    ("last week", "said", "2024-W42", "South Korean spy agency"),
    ("Friday", "said", "2024-10-18", "United States"),
    ("Sunday", "called", "2024-10-20", "Volodymyr Zelenskiy"),
    ("June", "summit", "2024-06", "Russia"),
    ("previously", "dismissed", "PAST_REF", "Russia"),
])
def test_seed_dates_are_tied_to_their_events(seed, timex, word, value, actor):
    record, by_timex = seed
    ev = by_timex[timex][0]  # the first "Monday" is the summoning
    assert (ev["text"], ev["value"], ev["anchor"]) == (word, value, "timex")
    assert ev["actors"][0] == actor
    assert record["text"][ev["start"]:ev["end"]] == word


def test_seed_summit_involves_both_signatories(seed):
    _record, by_timex = seed
    assert by_timex["June"][0]["actors"] == ["Russia", "North Korea"]


def test_seed_timeline_order(seed_annotation):
    rows = timeline([seed_annotation])
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))

    def position(word, timex):
        return next(r["position"] for r in rows if r["event"] == word and r["timex"] == timex)
    order = [position("summit", "June"), position("said", "last week"), position("said", "Friday"),
             position("called", "Sunday"), position("summoned", "Monday")]
    assert order == sorted(order)
    shipped = next(r for r in rows if r["event"] == "shipped")
    assert shipped["anchor"] == "order" and shipped["position"] == position("said", "last week") - 1
    assert rows[-1]["anchor"] == "tense"  # statements placed by tense alone come after the dated ones


def test_seed_undated_past_statements_are_before_publication(seed):
    record, _ = seed
    placed = [e for e in record["events"] if e["anchor"] == "tense"]
    assert placed and all(e["interval_end"] == "2024-10-21" and e["interval_start"] is None for e in placed)
    assert "declined" in [e["text"] for e in placed]


def test_boilerplate_sentences_carry_no_events(seed):
    record, _ = seed
    credit = len(record["sentences"]) - 1
    assert record["sentences"][credit]["boilerplate"]
    assert all(e["sentence"] != credit for e in record["events"])


# --------------------------------------------------------------------------- intervals (tests/test_values.py)
def test_interval_and_its_reading_are_the_value_grammars():
    from toolkit.time import values
    assert interval is values.interval and describe_interval is values.describe_interval
    assert (ON_OR_BEFORE_DCT, ON_OR_AFTER_DCT) == (values.ON_OR_BEFORE_DCT, values.ON_OR_AFTER_DCT)


# --------------------------------------------------------------------------- ordering across documents
def event(text, start, first=None, last=None, value=None, anchor="timex", ref=None, sentence=0):
    return {"start": start, "end": start + len(text), "text": text, "sentence": sentence, "timex": None,
            "value": value, "interval_start": first, "interval_end": last, "actors": [], "tense": "past",
            "anchor": anchor, "kind": "verb", "relative_to": ref, "negated": False}


def record(id_, published, events):
    return {"id": id_, "published": published, "title": id_, "text": "x" * 200,
            "sentences": [{"start": 0, "end": 200}], "timexes": [], "events": events}


def test_timeline_orders_by_interval_then_precision_then_text():
    a = record("a", "2024-10-21", [
        event("undated", 0),
        event("before-dct", 10, None, "2024-10-21", ON_OR_BEFORE_DCT, "tense"),
        event("monday", 20, "2024-10-21", "2024-10-21", "2024-10-21"),
        event("week", 30, "2024-10-14", "2024-10-20", "2024-W42"),
        event("shipped", 40, None, "2024-10-20", "ON_OR_BEFORE:2024-W42", "order", ref=3),
        event("after-dct", 50, "2024-10-21", None, ON_OR_AFTER_DCT, "tense"),
        event("friday", 60, "2024-10-18", "2024-10-18", "2024-10-18"),
    ])
    b = record("b", "2024-10-19", [
        event("june", 0, "2024-06-01", "2024-06-30", "2024-06"),
        event("friday-b", 10, "2024-10-18", "2024-10-18", "2024-10-18"),
        event("week-day", 20, "2024-10-14", "2024-10-14", "2024-10-14"),
    ])
    got = [(r["document"], r["event"]) for r in timeline([a, b])]
    assert got == [("b", "june"), ("b", "week-day"), ("a", "shipped"), ("a", "week"), ("b", "friday-b"),
                   ("a", "friday"), ("a", "monday"), ("a", "before-dct"), ("a", "after-dct"), ("a", "undated")]


def test_timeline_rows_carry_the_evidence_and_a_reading_of_the_interval(seed_annotation):
    rows = timeline([seed_annotation.to_dict()])
    june = next(r for r in rows if r["event"] == "summit")
    assert june["when"] == "2024-06-01 to 2024-06-30"
    assert "a summit in June" in june["sentence_text"]
    assert june["document"] == "000_55edb76f28711d65" and june["published"] == "2024-10-21"


def test_timeline_of_nothing():
    assert timeline([]) == []
    assert timeline([record("a", None, [])]) == []


def test_event_to_dict_is_json_ready():
    ev = Event(0, 4, "said", 0, 1, "2024-W42", D("2024-10-14"), D("2024-10-20"), ["Kim"], "past", "timex")
    assert ev.to_dict() == {"start": 0, "end": 4, "text": "said", "sentence": 0, "timex": 1, "value": "2024-W42",
                            "interval_start": "2024-10-14", "interval_end": "2024-10-20", "actors": ["Kim"],
                            "tense": "past", "anchor": "timex", "kind": "verb", "relative_to": None,
                            "negated": False}


def test_find_events_directly(seed_doc, seed_text):
    from toolkit.actors.mentions import find_mentions
    from toolkit.time.timex import tag_timexes

    timexes = tag_timexes(seed_text, dct=MON)
    got = find_events(seed_doc, find_mentions(seed_doc), timexes, dct=datetime(2024, 10, 21, 8, 0))
    summit = next(e for e in got if e.text == "summit")
    assert timexes[summit.timex].text == "June"
    assert got == sorted(got, key=lambda e: e.start)
