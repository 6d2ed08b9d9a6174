"""toolkit.time.values: the TIMEX3 value grammar -- parse, render, shift, truncate, intervals."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from toolkit.time.timex import tag_timexes
from toolkit.time.values import (
    GRANULARITIES,
    ON_OR_AFTER_DCT,
    ON_OR_BEFORE_DCT,
    Value,
    as_date,
    describe_interval,
    interval,
    parse,
    shift,
    truncate,
    unresolved,
)

MON = date(2024, 10, 21)  # a Monday
D = date.fromisoformat


# --------------------------------------------------------------------------- parse and render
@pytest.mark.parametrize("value, gran, first, last", [
    ("2024-10-21", "D", "2024-10-21", "2024-10-21"),
    ("2024-10-21T15:00", "D", "2024-10-21", "2024-10-21"),
    ("2024-10-21TMO", "D", "2024-10-21", "2024-10-21"),
    ("2024-W42-5", "D", "2024-10-18", "2024-10-18"),
    ("2024-W42-WE", "WE", "2024-10-19", "2024-10-20"),
    ("2024-W42", "W", "2024-10-14", "2024-10-20"),
    ("2020-W53", "W", "2020-12-28", "2021-01-03"),
    ("2024-02", "M", "2024-02-01", "2024-02-29"),
    ("2024-SP", "S", "2024-03-01", "2024-05-31"),
    ("2024-WI", "S", "2024-12-01", "2025-02-28"),
    ("2024-Q3", "Q", "2024-07-01", "2024-09-30"),
    ("2024-H1", "H", "2024-01-01", "2024-06-30"),
    ("2024", "Y", "2024-01-01", "2024-12-31"),
    ("199", "E", "1990-01-01", "1999-12-31"),
    ("199X", "E", "1990-01-01", "1999-12-31"),
    ("20", "C", "2000-01-01", "2099-12-31"),
    ("19XX", "C", "1900-01-01", "1999-12-31"),
    ("000", "E", "0001-01-01", "0009-12-31"),
])
def test_parse_gives_granularity_and_interval(value, gran, first, last):
    v = parse(value)
    assert v.gran == gran
    assert v.interval() == (D(first), D(last))
    assert v.day == D(first)


@pytest.mark.parametrize("value", ["2024-10-21", "2024-10-21T15:00", "2024-10-21TNI", "2024-W01", "2024-W42-WE",
                                   "2024-06", "2024-SU", "2024-FA", "2024-WI", "2024-Q1", "2024-H2", "1990", "199",
                                   "19", "PRESENT_REF", "PAST_REF", "FUTURE_REF"])
def test_render_is_the_inverse_of_parse(value):
    assert parse(value).value == value


@pytest.mark.parametrize("value", ["P3M", "PT2H", "PXY", "XXXX-WXX-1", "XXXX-10-21", "XXXX-XX-XXTNI", "2024-13",
                                   "2024-02-30", "2024-Q5", "2024-W54", "2024-06/2024-08", "ON_OR_BEFORE_DCT",
                                   "nonsense", "", None])
def test_parse_refuses_what_names_no_days(value):
    assert parse(value) is None


def test_a_value_is_its_period_whatever_day_it_is_given():
    assert Value("W", D("2024-10-18")) == Value("W", D("2024-10-14"))
    assert Value("WE", D("2024-10-20")).day == D("2024-10-19")
    assert Value("S", D("2025-01-15")).value == "2024-WI"
    assert Value("Q", D("2024-11-30")).value == "2024-Q4"
    assert Value("E", D("1987-06-01")).value == "198"


def test_a_value_must_be_well_formed():
    with pytest.raises(ValueError):
        Value("M")
    with pytest.raises(ValueError):
        Value("PAST_REF", MON)
    with pytest.raises(ValueError):
        Value("M", MON, "15:00")


def test_references_count_from_the_dct():
    assert parse("PRESENT_REF").interval(MON) == (MON, MON)
    assert parse("PAST_REF").interval(MON) == (None, MON)
    assert parse("FUTURE_REF").interval(MON) == (MON, None)
    assert parse("PAST_REF").interval() == (None, None)


# --------------------------------------------------------------------------- arithmetic
@pytest.mark.parametrize("unit, n, expected", [
    ("D", -1, "2024-10-20"), ("W", 1, "2024-10-28"), ("WE", -1, "2024-10-14"), ("M", 4, "2025-02-21"),
    ("S", 1, "2025-01-21"), ("Q", -1, "2024-07-21"), ("H", 1, "2025-04-21"), ("Y", -1, "2023-10-21"),
    ("E", 1, "2034-10-21"), ("C", -1, "1924-10-21"),
])
def test_shift(unit, n, expected):
    assert shift(MON, unit, n) == D(expected)


def test_shift_keeps_the_day_where_the_month_has_it():
    assert shift(D("2024-03-31"), "M", -1) == D("2024-02-29")
    assert shift(D("2024-02-29"), "Y", 1) == D("2025-02-28")
    with pytest.raises(ValueError):
        shift(D("9999-06-01"), "Y", 1)


@pytest.mark.parametrize("gran, expected", [
    ("D", "2024-10-18"), ("WE", "2024-10-19"), ("W", "2024-10-14"), ("M", "2024-10-01"), ("S", "2024-09-01"),
    ("Q", "2024-10-01"), ("H", "2024-07-01"), ("Y", "2024-01-01"), ("E", "2020-01-01"), ("C", "2000-01-01"),
])
def test_truncate(gran, expected):
    assert truncate(D("2024-10-18"), gran) == D(expected)
    assert gran in GRANULARITIES


def test_unresolved_values_have_the_shape_of_their_granularity():
    assert [unresolved(g) for g in ("D", "W", "WE", "M", "Q", "H", "Y", "E", "C")] == [
        "XXXX-XX-XX", "XXXX-WXX", "XXXX-WXX-WE", "XXXX-XX", "XXXX-QX", "XXXX-HX", "XXXX", "XXX", "XX"]


def test_as_date():
    assert as_date("2024-10-21T10:15:00+00:00") == MON
    assert as_date(datetime(2024, 10, 21, 9)) == MON
    assert as_date(MON) == MON
    assert as_date(None) is None and as_date("") is None and as_date("soon") is None


# --------------------------------------------------------------------------- the tagger's relative values
@pytest.mark.parametrize("text, value, first, last", [
    ("It happened yesterday.", "2024-10-20", "2024-10-20", "2024-10-20"),
    ("It happened last week.", "2024-W42", "2024-10-14", "2024-10-20"),
    ("They will meet next weekend.", "2024-W43-WE", "2024-10-26", "2024-10-27"),
    ("It happened last month.", "2024-09", "2024-09-01", "2024-09-30"),
    ("Sales fell in the third quarter.", "2024-Q3", "2024-07-01", "2024-09-30"),
    ("It rained last summer.", "2024-SU", "2024-06-01", "2024-08-31"),
    ("It happened two years ago.", "2022", "2022-01-01", "2022-12-31"),
    ("Prices are rising now.", "PRESENT_REF", "2024-10-21", "2024-10-21"),
])
def test_relative_values_against_a_dct(text, value, first, last):
    (tx,) = tag_timexes(text, dct=MON)
    assert tx.value == value
    assert interval(tx.value, dct=MON, mod=tx.mod) == (D(first), D(last))


# --------------------------------------------------------------------------- intervals of annotation values
@pytest.mark.parametrize("value, expected", [
    ("2024-10-21", ("2024-10-21", "2024-10-21")),
    ("2024-10-21T15:00", ("2024-10-21", "2024-10-21")),
    ("2024-10-21T24:00", ("2024-10-21", "2024-10-21")),
    ("2024-10-21TMO", ("2024-10-21", "2024-10-21")),
    ("2024-W42", ("2024-10-14", "2024-10-20")),
    ("2024-W01", ("2024-01-01", "2024-01-07")),
    ("2020-W53", ("2020-12-28", "2021-01-03")),
    ("2024-W42-WE", ("2024-10-19", "2024-10-20")),
    ("2024-W42-5", ("2024-10-18", "2024-10-18")),
    ("2024-06", ("2024-06-01", "2024-06-30")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2024-Q1", ("2024-01-01", "2024-03-31")),
    ("2024-Q4", ("2024-10-01", "2024-12-31")),
    ("2024-H1", ("2024-01-01", "2024-06-30")),
    ("2024-H2", ("2024-07-01", "2024-12-31")),
    ("2024-SP", ("2024-03-01", "2024-05-31")),
    ("2024-SU", ("2024-06-01", "2024-08-31")),
    ("2024-FA", ("2024-09-01", "2024-11-30")),
    ("2024-WI", ("2024-12-01", "2025-02-28")),
    ("2024", ("2024-01-01", "2024-12-31")),
    ("199", ("1990-01-01", "1999-12-31")),
    ("199X", ("1990-01-01", "1999-12-31")),
    ("19", ("1900-01-01", "1999-12-31")),
    ("19XX", ("1900-01-01", "1999-12-31")),
    ("PRESENT_REF", ("2024-10-21", "2024-10-21")),
    ("PAST_REF", (None, "2024-10-21")),
    ("FUTURE_REF", ("2024-10-21", None)),
    (ON_OR_BEFORE_DCT, (None, "2024-10-21")),
    (ON_OR_AFTER_DCT, ("2024-10-21", None)),
    ("ON_OR_BEFORE:2024-W42", (None, "2024-10-20")),
    ("ON_OR_AFTER:2024-06", ("2024-06-01", None)),
    ("2024-06/2024-08", ("2024-06-01", "2024-08-31")),
    ("P3M", (None, None)),
    ("PT2H", (None, None)),
    ("P1D", (None, None)),
    ("PXY", (None, None)),
    ("XXXX-WXX-1", (None, None)),
    ("XXXX-10-21", (None, None)),
    ("XXXX-XX-XXTNI", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
    ("nonsense", (None, None)),
])
def test_interval_of_every_value_form(value, expected):
    got = interval(value, dct=MON)
    assert tuple(d.isoformat() if d else None for d in got) == expected


def test_interval_needs_the_dct_for_references():
    assert interval("PAST_REF", dct=None) == (None, None)
    assert interval("PRESENT_REF", dct="2024-10-21T10:15:00+00:00") == (MON, MON)
    assert interval("FUTURE_REF", dct=datetime(2024, 10, 21, 9)) == (MON, None)


@pytest.mark.parametrize("mod, expected", [
    ("BEFORE", (None, "1989-12-31")), ("AFTER", ("1991-01-01", None)), ("ON_OR_BEFORE", (None, "1990-12-31")),
    ("ON_OR_AFTER", ("1990-01-01", None)), ("START", ("1990-01-01", "1990-12-31")),
    (None, ("1990-01-01", "1990-12-31")),
])
def test_interval_mod_opens_an_end(mod, expected):
    got = interval("1990", dct=None, mod=mod)
    assert tuple(d.isoformat() if d else None for d in got) == expected


@pytest.mark.parametrize("first, last, text", [
    (D("2024-10-18"), D("2024-10-18"), "2024-10-18"),
    (D("2024-10-14"), D("2024-10-20"), "2024-10-14 to 2024-10-20"),
    (None, D("2024-10-21"), "on or before 2024-10-21"),
    (D("2024-10-21"), None, "on or after 2024-10-21"),
    (None, None, "undated"),
])
def test_describe_interval(first, last, text):
    assert describe_interval(first, last) == text
