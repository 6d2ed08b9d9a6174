"""Tests for toolkit.timex: one row per expression family, fixed DCTs, offsets property."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.time.timex import Timex, tag_timexes

MON = date(2024, 10, 21)      # a Monday
WED = date(1998, 2, 11)       # a Wednesday
Q4_1989 = date(1989, 10, 26)  # a Thursday, in the fourth quarter

# (sentence, dct, expected text, type, value)
CASES = [
    # --- deictic days and weekdays, direction from the tense of the clause
    ("The ministry summoned the envoy in Seoul on Monday to protest.", MON, "Monday", "DATE", "2024-10-21"),
    ("Washington said on Friday that the reports were credible.", MON, "Friday", "DATE", "2024-10-18"),
    ("The group met and on Sunday called for a strong reaction.", MON, "Sunday", "DATE", "2024-10-20"),
    ("The board will vote on Thursday, a spokesman said.", MON, "Thursday", "DATE", "2024-10-24"),
    ("Talks are expected to resume Wednesday in Geneva.", MON, "Wednesday", "DATE", "2024-10-23"),
    ("The two leaders met last Tuesday in Paris.", MON, "last Tuesday", "DATE", "2024-10-15"),
    ("Officials will travel there next Friday.", MON, "next Friday", "DATE", "2024-10-25"),
    ("Prices fell sharply today.", MON, "today", "DATE", "2024-10-21"),
    ("The minister resigned yesterday.", MON, "yesterday", "DATE", "2024-10-20"),
    ("The report is due tomorrow.", MON, "tomorrow", "DATE", "2024-10-22"),
    ("The president will speak tonight.", MON, "tonight", "TIME", "2024-10-21TNI"),
    # past verb with an infinitive after the date: the date is the verb's, in the past
    ("Raymond Roth on Thursday agreed to plead guilty to a charge.", date(2013, 3, 22), "Thursday", "DATE",
     "2013-03-21"),
    ("On Friday, the Kenyan government planned to pay the families.", date(1998, 9, 30), "Friday", "DATE",
     "1998-09-25"),
    ("The two sides agreed to meet again on Thursday.", date(2013, 3, 22), "Thursday", "DATE", "2013-03-28"),
    # "until" yields to the clause's tense; a possessive day's own cue ("approaching") looks ahead
    ("Until Thursday, they had not called Kopp a suspect.", date(1999, 5, 7), "Thursday", "DATE", "1999-05-06"),
    ("Talks will go on until Thursday.", date(1999, 5, 7), "Thursday", "DATE", "1999-05-13"),
    ("Both camps prepared with Wednesday's debate approaching.", date(2016, 10, 18), "Wednesday", "DATE",
     "2016-10-19"),
    # the expression's own cues: a deadline preposition looks ahead; a weekday named with the date fixes its year
    ("Elian must be returned to his father by Jan. 14, officials had said.", date(2000, 1, 7), "Jan. 14", "DATE",
     "2000-01-14"),
    ("The Times said in an editorial on Saturday, April 25: the court erred.", date(1998, 4, 24),
     "Saturday, April 25", "DATE", "1998-04-25"),
    ("The accession was planned for early March, an official said.", date(1999, 2, 10), "early March", "DATE",
     "1999-03"),
    # a fronted date takes the tense of the clause it opens, however far its verb
    ("In January, a week after the anniversary of the court decision, a clinic bombing killed a guard.",
     date(1998, 10, 25), "January", "DATE", "1998-01"),
    # a cue in the next, coordinated clause is not the expression's
    ("The bank was closed on Monday and will stay closed until next week.", date(2013, 3, 22), "Monday", "DATE",
     "2013-03-18"),
    # --- calendar dates in news forms
    ("The accord was signed on Oct. 21, 2024, in Vienna.", None, "Oct. 21, 2024", "DATE", "2024-10-21"),
    ("The accord was signed on 21 October 2024 in Vienna.", None, "21 October 2024", "DATE", "2024-10-21"),
    ("The filing is dated 2024-10-21 and was made public.", None, "2024-10-21", "DATE", "2024-10-21"),
    ("The form was signed 10/21/2024 by both parties.", None, "10/21/2024", "DATE", "2024-10-21"),
    ("Production started in October 2024 at the plant.", None, "October 2024", "DATE", "2024-10"),
    ("The party was founded in 1998 by former officers.", None, "1998", "DATE", "1998"),
    ("The shares will be paid on Dec. 7 to holders of record.", Q4_1989, "Dec. 7", "DATE", "1989-12-07"),
    ("The plant closed on Nov. 25 after the storm.", date(2000, 1, 7), "Nov. 25", "DATE", "1999-11-25"),
    ("The deal, announced Monday, Oct. 26, was approved.", date(1998, 10, 28), "Monday, Oct. 26", "DATE",
     "1998-10-26"),
    # --- weeks, months, years relative to the DCT
    ("South Korea's spy agency said last week that troops had arrived.", MON, "last week", "DATE", "2024-W42"),
    ("The talks will continue this week in Brussels.", MON, "this week", "DATE", "2024-W43"),
    ("Elections will be held next month.", MON, "next month", "DATE", "2024-11"),
    ("Exports rose 4% last year.", MON, "last year", "DATE", "2023"),
    ("The company expects growth early next year.", MON, "early next year", "DATE", "2025"),
    ("Sales slowed earlier this month, the firm said.", MON, "earlier this month", "DATE", "2024-10"),
    ("The two sides signed a treaty at a summit in June.", MON, "June", "DATE", "2024-06"),
    ("The minister will visit Tokyo in March, officials said.", MON, "March", "DATE", "2025-03"),
    ("Trading volumes fell last November.", MON, "last November", "DATE", "2023-11"),
    ("Both states have pledged closer ties, signing a treaty at a summit in June.", MON, "June", "DATE",
     "2024-06"),
    ("The central bank may cut rates in May.", MON, "May", "DATE", "2025-05"),
    # --- seasons, quarters, halves, decades, centuries
    ("The offensive is planned for this summer.", date(2024, 5, 2), "this summer", "DATE", "2024-SU"),
    ("Profits rose in the third quarter.", Q4_1989, "the third quarter", "DATE", "1989-Q3"),
    ("Third-quarter net income rose 10%.", Q4_1989, "Third-quarter", "DATE", "1989-Q3"),
    ("Losses widened in the fourth quarter of 1997.", Q4_1989, "the fourth quarter of 1997", "DATE", "1997-Q4"),
    ("Revenue doubled in the first half of 1998.", None, "the first half of 1998", "DATE", "1998-H1"),
    ("Analysts expect a rebound in Q3 2025.", MON, "Q3 2025", "DATE", "2025-Q3"),
    ("Inflation was high in the 1990s.", None, "the 1990s", "DATE", "199"),
    ("It was the bloodiest war of the 20th century.", None, "the 20th century", "DATE", "19"),
    ("Earnings fell in fiscal 1989 as costs rose.", Q4_1989, "fiscal 1989", "DATE", "1989"),
    # --- ago / earlier / anaphora
    ("The factory opened two years ago.", MON, "two years ago", "DATE", "2022"),
    ("The ceasefire collapsed three days ago.", MON, "three days ago", "DATE", "2024-10-18"),
    ("Net rose to $5 million in the third quarter from $4 million a year earlier.", Q4_1989,
     "a year earlier", "DATE", "1988-Q3"),
    ("The rebels took the town on March 3. The day before, they had shelled it.", date(1998, 3, 10),
     "The day before", "DATE", "1998-03-02"),
    ("For the nine months, net rose to $9 million from $7 million a year earlier.", Q4_1989,
     "a year earlier", "DATE", "1988"),  # after a multi-month period: the year, not the quarter
    ("In the third quarter net rose. For the nine months, net was $9 million, against a year-earlier loss.",
     Q4_1989, "year-earlier", "DATE", "1988"),
    ("The stock converts until Nov. 30. Until then, holders may sell.", Q4_1989, "then", "DATE", "1989-11-30"),
    ("Leaders will meet at the summit on April 24 and 25.", date(1999, 2, 10), "25", "DATE", "1999-04-25"),
    ("The family will look for ways to get around Wednesday's ruling.", date(2000, 1, 7), "Wednesday",
     "DATE", "2000-01-05"),  # a possessive day names its own, past event
    ("The nations, invited in July 1997, will officially join on March 12.", date(1999, 2, 27), "March 12",
     "DATE", "1999-03-12"),  # a modal between the dates: no shared year
    # --- anchored to a date named right after: that date moved; to an event: left relative
    ("The day before last Tuesday's hearing, Manuel went to the house.", date(2000, 2, 24),
     "The day before last Tuesday", "DATE", "2000-02-21"),
    ("He left two weeks after March 3.", date(1998, 3, 10), "two weeks after March 3", "DATE", "1998-03-17"),
    ("He was last seen the day before the son reported him missing.", date(2012, 7, 30), "the day", "DATE",
     "XXXX-XX-XX"),
    ("Results came two days after the vote.", date(2012, 7, 30), "two days", "DURATION", "P2D"),
    ("Prices fell on Oct. 12, the day before the crash.", date(1989, 10, 30), "the day", "DATE", "1989-10-12"),
    # --- present, past, future references
    ("Prosecutors may soon seek an indictment.", Q4_1989, "soon", "DATE", "FUTURE_REF"),
    ("It expects sales to soon grow to 25% of the total.", Q4_1989, "soon", "DATE", "FUTURE_REF"),
    ("Prices are now falling across the region.", MON, "now", "DATE", "PRESENT_REF"),
    ("The company currently employs 300 people.", MON, "currently", "DATE", "PRESENT_REF"),
    ("The Kremlin has previously dismissed such reports.", MON, "previously", "DATE", "PAST_REF"),
    ("The mayor recently announced new measures.", MON, "recently", "DATE", "PAST_REF"),
    ("The mistakes of the past must not be repeated.", MON, "the past", "DATE", "PAST_REF"),
    ("Nobody knows what the future holds.", MON, "the future", "DATE", "FUTURE_REF"),
    # --- clock times and parts of the day
    ("The blast occurred at 3 p.m. EST near the station.", MON, "3 p.m. EST", "TIME", "2024-10-21T15:00"),
    ("Rebels attacked the base Monday evening.", date(2024, 10, 23), "Monday evening", "TIME",
     "2024-10-21TEV"),
    ("Markets opened lower this morning.", MON, "this morning", "TIME", "2024-10-21TMO"),
    ("The launch is set for 18:45 GMT.", MON, "18:45 GMT", "TIME", "2024-10-21T18:45"),
    ("Shelling stopped at midnight Friday.", MON, "midnight Friday", "TIME", "2024-10-18T24:00"),
    # --- durations
    ("The project took three months to finish.", MON, "three months", "DURATION", "P3M"),
    ("The flight lasted two hours.", MON, "two hours", "DURATION", "PT2H"),
    ("Growth averaged 3% over the past three years.", MON, "the past three years", "DURATION", "P3Y"),
    ("He served a 10-year sentence.", MON, "10-year", "DURATION", "P10Y"),
    ("Prices have risen for years.", MON, "years", "DURATION", "PXY"),
    ("Tensions have grown in recent weeks.", MON, "recent weeks", "DURATION", "PXW"),
    ("It was the worst drought in a decade.", MON, "a decade", "DURATION", "P10Y"),
    ("The talks lasted 2 1/2 years.", MON, "2 1/2 years", "DURATION", "P2Y6M"),
    ("Sales rose 8% in the first nine months.", Q4_1989, "the first nine months", "DURATION", "P9M"),
    # --- sets
    ("The committee meets every Monday.", MON, "every Monday", "SET", "XXXX-WXX-1"),
    ("The report is published annually.", MON, "annually", "SET", "P1Y"),
    ("The award is given each year.", MON, "each year", "SET", "P1Y"),
    ("Patients take the drug twice a week.", MON, "twice a week", "SET", "P1W"),
    ("The newspaper is published daily.", MON, "daily", "SET", "P1D"),
    ("Figures are released weekly.", MON, "weekly", "SET", "P1W"),
    ("Rent is paid monthly.", MON, "monthly", "SET", "P1M"),
    # --- holidays
    ("The shops were closed on Christmas Day.", date(1998, 12, 28), "Christmas Day", "DATE", "1998-12-25"),
    # --- no DCT: relative expressions stay unresolved
    ("The minister resigned on Monday.", None, "Monday", "DATE", "XXXX-WXX-1"),
    ("The vote took place on Oct. 21.", None, "Oct. 21", "DATE", "XXXX-10-21"),
    ("Prices fell sharply today.", None, "today", "DATE", "XXXX-XX-XX"),
    ("Exports rose 4% last year.", None, "last year", "DATE", "XXXX"),
    ("The agency said last week that troops had arrived.", None, "last week", "DATE", "XXXX-WXX"),
    ("The summit was held in June.", None, "June", "DATE", "XXXX-06"),
    ("Profits rose in the third quarter.", None, "the third quarter", "DATE", "XXXX-Q3"),
    ("The blast occurred at 3 p.m. EST.", None, "3 p.m. EST", "TIME", "XXXX-XX-XXT15:00"),
    ("Prices are now falling.", None, "now", "DATE", "PRESENT_REF"),
    ("The project took three months.", None, "three months", "DURATION", "P3M"),
]


def _find(timexes: list[Timex], text: str) -> Timex:
    found = [t for t in timexes if t.text == text]
    assert found, f"{text!r} not found in {[t.text for t in timexes]}"
    return found[0]


@pytest.mark.parametrize("sentence,dct,text,type_,value", CASES,
                         ids=[f"{c[2]}-{c[1] or 'nodct'}" for c in CASES])
def test_expression(sentence, dct, text, type_, value):
    found = _find(tag_timexes(sentence, dct=dct), text)
    assert (found.type, found.value) == (type_, value)
    assert sentence[found.start:found.end] == found.text


def test_reuters_like_paragraph_with_monday_dct():
    text = ("Seoul summoned the Russian ambassador on Monday. The spy agency said last week that "
            "troops had been sent. The United States said on Friday it had evidence, and on Sunday "
            "called for a strong reaction. The two states signed a defence treaty at a summit in June. "
            "The Kremlin has previously dismissed such claims.")
    got = {(t.text, t.value) for t in tag_timexes(text, dct=MON)}
    assert {("Monday", "2024-10-21"), ("last week", "2024-W42"), ("Friday", "2024-10-18"),
            ("Sunday", "2024-10-20"), ("June", "2024-06"), ("previously", "PAST_REF")} <= got


def test_a_weekday_without_a_cue_of_its_own_is_the_day_it_named_before():
    text = "Talks will resume on Thursday, officials said. Thursday is the deadline for a deal."
    got = [(t.text, t.value) for t in tag_timexes(text, dct=date(2013, 3, 22))]
    assert got == [("Thursday", "2013-03-28"), ("Thursday", "2013-03-28")]


def test_datetime_dct_is_accepted():
    got = tag_timexes("He arrived yesterday.", dct=datetime(2024, 10, 21, 14, 30))
    assert [(t.text, t.value) for t in got] == [("yesterday", "2024-10-20")]


def test_given_sentences_bound_the_tense_context():
    text = "He will go. They met on Friday."
    spans = [(0, 11), (12, len(text))]
    got = _find(tag_timexes(text, dct=MON, sentences=spans), "Friday")
    assert got.value == "2024-10-18"


def test_to_dict_and_mod():
    t = _find(tag_timexes("Growth slowed in early 1998.", dct=None), "early 1998")
    assert t.to_dict() == {"start": t.start, "end": t.end, "text": "early 1998", "type": "DATE",
                           "value": "1998", "mod": "START"}
    plain = _find(tag_timexes("It happened in 1998.", dct=None), "1998")
    assert "mod" not in plain.to_dict()


def test_no_false_alarms_on_plain_words():
    text = ("The Mayor may march on Sunday Street; a second round of talks; he is 6-year-old. "
            "The present government and the past minister met; prices may fall; the H1N1 virus.")
    got = [t.text for t in tag_timexes(text, dct=MON)]
    for word in ("may", "march", "a second", "The present", "the past", "fall", "H1"):
        assert word not in got, word


@pytest.mark.parametrize("text", [
    "He was soon released from hospital.",
    "The rebels fled soon after the attack.",
    "They will return as soon as the talks end.",
    "On April 24 and 25 people were hurt.",
    "Since then, prices have fallen.",
])
def test_no_time_reference_of_its_own(text):
    got = [t.text for t in tag_timexes(text, dct=MON)]
    assert not {"soon", "25", "then"} & set(got), got


def test_anaphora_needs_a_fine_enough_anchor():
    text = "The plant opened in 1998. Two days earlier, a fire broke out."
    got = _find(tag_timexes(text, dct=MON), "Two days earlier")
    assert got.value == "2024-10-19"  # a year cannot anchor a count of days: the DCT does


def test_offsets_keep_crlf_and_unicode():
    text = "Héllo\r\nOn Monday, at 3 p.m.\r\nthe café opened — last week’s news."
    for t in tag_timexes(text, dct=MON):
        assert text[t.start:t.end] == t.text
    assert {"Monday", "3 p.m.", "last week"} <= {t.text for t in tag_timexes(text, dct=MON)}


_WORDS = st.sampled_from(["Monday", "last", "week", "the", "third", "quarter", "of", "1998", "a", "year",
                          "ago", "Oct.", "21,", "2024", "3", "p.m.", "EST", "now", "every", "day", "two",
                          "years", "in", "June", "said", "will", "early", "next", "month", "—", "é",
                          "\n", "\r\n", "  ", ",", "."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.sampled_from([None, MON, WED]))
def test_offsets_property(words, dct):
    text = " ".join(words)
    out = tag_timexes(text, dct=dct)
    for t in out:
        assert text[t.start:t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
        assert t.value
    spans = [(t.start, t.end) for t in out]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, MON]))
def test_offsets_property_on_arbitrary_text(text, dct):
    for t in tag_timexes(text, dct=dct):
        assert text[t.start:t.end] == t.text


def test_a_season_anchors_anaphora_as_a_season():
    # "a quarter / two years earlier" than a season is a season (it used to render as "2019-None")
    text = "Sales rose in the summer of 2020. A quarter earlier they had fallen. Two years earlier they had risen."
    assert [t.value for t in tag_timexes(text, dct=date(2024, 10, 21))] == ["2020-SU", "2020-SP", "2018-SU"]


def test_an_expression_anchored_to_an_event_keeps_its_offset_and_the_event():
    text = "He was last seen the day before the son reported him missing."
    tx = tag_timexes(text, dct=date(2012, 7, 30))[0]
    assert (tx.offset, text[tx.anchor_at:tx.anchor_at + 7]) == ("-P1D", "the son")
    assert tx.to_dict()["offset"] == "-P1D"
    after = tag_timexes("Results came two days after the vote.", dct=date(2012, 7, 30))[0]
    assert after.offset == "+P2D"


# --------------------------------------------------------------------------- each rule's examples (data)
def _rule_examples() -> list:
    from toolkit.resources import read_table
    return [pytest.param(r, id=f"{r['rule']}:{r['text']}") for r in read_table("time/timex_rules.tsv")]


@pytest.mark.parametrize("row", _rule_examples())
def test_rule_examples_in_the_rule_table(row):
    """Every row of data/time/timex_rules.tsv: the named rule finds the expression with that value."""
    from toolkit.time.timex import tag_with_rules
    dct = None if row["dct"] == "-" else date.fromisoformat(row["dct"])
    got = [(t.text, t.type, t.value, rule) for t, rule in tag_with_rules(row["sentence"], dct=dct)]
    assert (row["text"], row["type"], row["value"], row["rule"]) in got, got


def test_every_rule_has_examples():
    from toolkit.resources import read_table
    from toolkit.time.timex import rule_names
    named = {r["rule"] for r in read_table("time/timex_rules.tsv")}
    assert set(rule_names()) <= named, set(rule_names()) - named
    assert named <= set(rule_names()), named - set(rule_names())
