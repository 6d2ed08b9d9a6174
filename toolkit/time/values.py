"""The TIMEX3 value grammar: what a ``value`` such as ``2024-W42`` or ``PAST_REF`` means.

One place for the syntax and the calendar of TIMEX3 values (TimeML 1.2.1 guidelines, ISO 8601
weeks): :func:`parse` reads a value into a :class:`Value`, :attr:`Value.value` renders one,
:meth:`Value.interval` gives its first and last calendar day, and :func:`shift` / :func:`truncate`
do the date arithmetic the tagger resolves relative expressions with. :func:`interval` reads any
value found in an annotation -- also ranges (``2024-06/2024-08``) and the timeline's relations
(``ON_OR_BEFORE_DCT``, ``ON_OR_AFTER:2024-W42``) -- as an interval relative to a document date.
:mod:`toolkit.time.timex` builds its values here and :mod:`toolkit.time.timeline` reads them here.

Granularities, finest first (:data:`GRANULARITIES`): ``D`` day (``2024-10-18``, with a time of day
``2024-10-18T14:30``), ``WE`` weekend (``2024-W42-WE``), ``W`` ISO week (``2024-W42``), ``M`` month
(``2024-10``), ``S`` meteorological season (``2024-SU`` = June..August; winter ``2024-WI`` =
December 2024..February 2025), ``Q`` quarter (``2024-Q3``), ``H`` half year (``2024-H2``), ``Y``
year, ``E`` decade (``199``), ``C`` century (``19`` = 1900..1999). The references
``PRESENT_REF``, ``PAST_REF`` and ``FUTURE_REF`` need the document date to become days.
Durations (``P3D``), sets and unresolved values (``XXXX-WXX-1``) name no days.

Example::

    >>> v = parse("2024-W42")
    >>> v.gran, v.day, v.interval()
    ('W', datetime.date(2024, 10, 14), (datetime.date(2024, 10, 14), datetime.date(2024, 10, 20)))
    >>> Value("Q", shift(date(2024, 10, 21), "Q", -1)).value
    '2024-Q3'
    >>> interval("PAST_REF", dct=date(2024, 10, 21))
    (None, datetime.date(2024, 10, 21))
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["Value", "GRANULARITIES", "REFS", "SEASON_START", "ON_OR_BEFORE_DCT", "ON_OR_AFTER_DCT", "parse", "interval",
           "describe_interval", "shift", "add_days", "truncate", "unresolved", "as_date", "offset", "apply_offset"]

#: Calendar granularities, finest first.
GRANULARITIES = ("D", "WE", "W", "M", "S", "Q", "H", "Y", "E", "C")
#: The TIMEX3 references to the document's present, past and future.
REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
#: The timeline's relations to the document date (see :mod:`toolkit.time.timeline`).
ON_OR_BEFORE_DCT = "ON_OR_BEFORE_DCT"
ON_OR_AFTER_DCT = "ON_OR_AFTER_DCT"

#: First month of each meteorological season (TIMEX3 season codes).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_START = {m: code for code, m in SEASON_START.items()}
#: How many months one step of a granularity is.
_MONTHS_PER = {"M": 1, "S": 3, "Q": 3, "H": 6, "Y": 12, "E": 120, "C": 1200}


# =========================================================================== date arithmetic
# Python's calendar ends at date.min (0001-01-01) and date.max (9999-12-31). A document dated near
# an end (the loader refuses such dates, a caller of the API may not) would make "yesterday" or
# "next year" overflow; the tagger's arithmetic holds at the end instead (add_days, shift(clamp=True)),
# so tagging never raises.
def add_days(d: date, n: int) -> date:
    """``d`` moved by ``n`` days, held at date.min / date.max rather than overflowing.

    >>> add_days(date(2024, 10, 21), -7), add_days(date(9999, 12, 31), 1)
    (datetime.date(2024, 10, 14), datetime.date(9999, 12, 31))
    """
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return date.min if n < 0 else date.max


def _add_months(d: date, n: int, *, clamp: bool = False) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    if not 1 <= y <= 9999:
        if not clamp:
            raise ValueError("year out of range")
        return date.min if y < 1 else date.max
    return date(y, m + 1, min(d.day, _month_end(y, m + 1).day))


def _month_end(year: int, month: int) -> date:
    if month == 12:  # December ends on the 31st, also in year 9999 (where the next month cannot be built)
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def shift(d: date, unit: str, n: int, *, clamp: bool = False) -> date:
    """``d`` moved by ``n`` steps of a granularity (a season step is three months, a decade ten years).

    Month arithmetic keeps the day where the month has it, else takes the month's last day. A
    result outside years 1..9999 raises ValueError ("3000 years ago" names no date), or, with
    ``clamp=True`` (the tagger's steps from the DCT: "next year", "last week"), is held at the
    calendar's end (date.min / date.max).

    >>> shift(date(2024, 1, 31), "M", 1), shift(date(2024, 10, 21), "W", -1)
    (datetime.date(2024, 2, 29), datetime.date(2024, 10, 14))
    >>> shift(date(9999, 12, 31), "Y", 1, clamp=True), shift(date(1, 1, 1), "D", -1, clamp=True)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    if unit in ("D", "W", "WE"):
        days = n * (1 if unit == "D" else 7)
        try:
            return d + timedelta(days=days)
        except OverflowError:
            if not clamp:
                raise ValueError("date out of range") from None
            return date.min if days < 0 else date.max
    if unit in _MONTHS_PER:
        return _add_months(d, _MONTHS_PER[unit] * n, clamp=clamp)
    raise ValueError(unit)


def truncate(d: date, gran: str) -> date:
    """The first day of the period of granularity ``gran`` that contains ``d``.

    A weekend starts on its Saturday; a winter on December 1 (January and February belong to the
    winter of the year before).

    >>> truncate(date(2024, 10, 18), "Q"), truncate(date(2024, 2, 10), "S")
    (datetime.date(2024, 10, 1), datetime.date(2023, 12, 1))
    """
    if gran == "D":
        return d
    if gran == "W":
        return add_days(d, -d.weekday())
    if gran == "WE":
        return add_days(d, 5 - d.weekday())
    if gran == "M":
        return d.replace(day=1)
    if gran == "S":
        start = 3 * (d.month // 3)
        return date(d.year, start, 1) if start else date(d.year - 1, 12, 1) if d.year > 1 else date.min
    if gran == "Q":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if gran == "H":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran == "Y":
        return date(d.year, 1, 1)
    if gran in ("E", "C"):  # there is no year 0: the decade 000 and the century 00 start in year 1
        return date(max(d.year - d.year % (10 if gran == "E" else 100), 1), 1, 1)
    raise ValueError(gran)


# =========================================================================== values
@dataclass(frozen=True, slots=True)
class Value:
    """One TIMEX3 date value: a calendar period (granularity and first day) or a reference.

    ``gran`` is one of :data:`GRANULARITIES` or :data:`REFS`; ``day`` the first day of the period
    (any day inside it may be given: it is truncated), None for a reference; ``time`` the time of
    day of a ``D`` value (``14:30``, ``MO``), None for the whole day.

    >>> Value("M", date(2024, 10, 21)).value, Value("D", date(2024, 10, 18), "NI").value
    ('2024-10', '2024-10-18TNI')
    >>> Value("S", date(2024, 7, 4))
    Value(gran='S', day=datetime.date(2024, 6, 1), time=None)
    """

    gran: str
    day: date | None = None
    time: str | None = None

    def __post_init__(self) -> None:
        if self.gran in REFS:
            if self.day is not None:
                raise ValueError(f"{self.gran} names no day")
        elif self.day is None:
            raise ValueError(f"a {self.gran} value needs a day")
        else:
            object.__setattr__(self, "day", truncate(self.day, self.gran))
        if self.time is not None and self.gran != "D":
            raise ValueError("only a day has a time of day")

    @property
    def value(self) -> str:
        """The TIMEX3 value string (the inverse of :func:`parse`)."""
        d, g = self.day, self.gran
        if d is None:
            return g
        if g == "D":
            return d.isoformat() + ("T" + self.time if self.time else "")
        if g in ("W", "WE"):
            iy, iw, _ = d.isocalendar()
            return f"{iy:04d}-W{iw:02d}" + ("-WE" if g == "WE" else "")
        if g == "M":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "S":
            return f"{d.year:04d}-{_SEASON_OF_START.get(d.month, 'WI')}"  # date.min: the winter of year 0
        if g == "Q":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "H":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == "Y":
            return f"{d.year:04d}"
        if g == "E":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    def interval(self, dct: date | None = None) -> tuple[date | None, date | None]:
        """First and last day; a reference counts from the document date ``dct`` (None = open).

        >>> Value("WE", date(2024, 10, 14)).interval()
        (datetime.date(2024, 10, 19), datetime.date(2024, 10, 20))
        >>> Value("FUTURE_REF").interval(date(2024, 10, 21))
        (datetime.date(2024, 10, 21), None)
        """
        d, g = self.day, self.gran
        if d is None:
            return {"PRESENT_REF": (dct, dct), "PAST_REF": (None, dct), "FUTURE_REF": (dct, None)}[g]
        if g == "D":
            return d, d
        if g == "WE":
            return d, add_days(d, 1)
        if g == "W":
            return d, add_days(d, 6)
        if g in ("E", "C"):
            span = 10 if g == "E" else 100
            return d, date(d.year - d.year % span + span - 1, 12, 31)
        end = _add_months(d, _MONTHS_PER[g] - 1, clamp=True)
        return d, _month_end(end.year, end.month)


_VALUE = re.compile(r"(?P<y>\d{4})(?:-(?P<mo>\d\d)(?:-(?P<d>\d\d)(?:T(?P<t>.+))?)?"
                    r"|-W(?P<w>\d\d)(?:-(?P<wd>[1-7]|WE))?|-(?P<q>Q[1-4]|H[12]|SP|SU|FA|WI))?"
                    r"|(?P<e>\d{3})X?|(?P<c>\d{2})(?:XX)?")


def parse(value: str | None) -> Value | None:
    """The :class:`Value` of a TIMEX3 date value string; None for anything that names no days.

    A weekday of a week (``2024-W42-3``) becomes its day; a decade may be written ``199`` or
    ``199X``, a century ``19`` or ``19XX``. Durations, sets, unresolved values, ranges and
    impossible dates give None.

    >>> parse("2024-W42-3").value, parse("199X").interval()
    ('2024-10-16', (datetime.date(1990, 1, 1), datetime.date(1999, 12, 31)))
    >>> parse("2024-10-18TMO"), parse("P3D"), parse("XXXX-10-21")
    (Value(gran='D', day=datetime.date(2024, 10, 18), time='MO'), None, None)
    """
    if not value:
        return None
    v = value.strip()
    if v in REFS:
        return Value(v)
    m = _VALUE.fullmatch(v)
    if m is None:
        return None
    try:
        if m.group("e"):
            return Value("E", date(max(int(m.group("e")) * 10, 1), 1, 1))
        if m.group("c"):
            return Value("C", date(max(int(m.group("c")) * 100, 1), 1, 1))
        y = int(m.group("y"))
        if m.group("d"):
            return Value("D", date(y, int(m.group("mo")), int(m.group("d"))), m.group("t"))
        if m.group("mo"):
            return Value("M", date(y, int(m.group("mo")), 1))
        if m.group("w"):
            monday = date.fromisocalendar(y, int(m.group("w")), 1)
            wd = m.group("wd")
            if wd == "WE":
                return Value("WE", monday)
            return Value("D", monday + timedelta(days=int(wd) - 1)) if wd else Value("W", monday)
        part = m.group("q")
        if part is None:
            return Value("Y", date(y, 1, 1))
        if part[0] in "QH":
            n = int(part[1])
            return Value(part[0], date(y, 3 * n - 2 if part[0] == "Q" else 6 * n - 5, 1))
        return Value("S", date(y, SEASON_START[part], 1))
    except ValueError:
        return None


def unresolved(gran: str) -> str:
    """The value of a period whose place in time is unknown: ``XXXX-WXX`` for a week ...

    >>> unresolved("Q")
    'XXXX-QX'
    """
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX",
            "H": "XXXX-HX", "Y": "XXXX", "E": "XXX", "C": "XX"}[gran]


#: An offset from an anchor: a signed ISO 8601 duration of whole calendar units ("-P1D", "+P2W").
_OFFSET = re.compile(r"(?P<sign>[-+])P(?P<n>\d+)(?P<u>[DWMY])")


def offset(sign: int, n: int, gran: str) -> str:
    """The offset value of ``n`` units of a granularity before (``sign`` -1) or after (+1) an anchor.

    >>> offset(-1, 1, "D"), offset(1, 2, "W")
    ('-P1D', '+P2W')
    """
    return f"{'-' if sign < 0 else '+'}P{n}{gran}"


def apply_offset(value: str, day: date) -> Value | None:
    """The period an offset (:func:`offset`) names from an anchoring day ("the day before the vote",
    the vote on Sunday 2024-10-20), at the offset's granularity; None if ``value`` is no offset.

    >>> apply_offset("-P1D", date(2024, 10, 20)).value, apply_offset("+P2W", date(2024, 10, 20)).value
    ('2024-10-19', '2024-W44')
    >>> apply_offset("P3D", date(2024, 10, 20)) is None
    True
    """
    m = _OFFSET.fullmatch(value or "")
    if m is None:
        return None
    n = int(m.group("n")) * (-1 if m.group("sign") == "-" else 1)
    try:
        return Value(m.group("u"), shift(day, m.group("u"), n))
    except ValueError:
        return None


# =========================================================================== intervals of annotations
def as_date(value: object) -> date | None:
    """A date from a date, a datetime or an ISO string (its first ten characters); None if none.

    >>> as_date("2024-10-21T09:30:00"), as_date(""), as_date("soon")
    (datetime.date(2024, 10, 21), None, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _interval(value: str | None, dct: date | None) -> tuple[date | None, date | None]:
    if not value:
        return None, None
    v = value.strip()
    if v == ON_OR_BEFORE_DCT:
        return None, dct
    if v == ON_OR_AFTER_DCT:
        return dct, None
    if v.startswith("ON_OR_BEFORE:"):
        return None, _interval(v[len("ON_OR_BEFORE:"):], dct)[1]
    if v.startswith("ON_OR_AFTER:"):
        return _interval(v[len("ON_OR_AFTER:"):], dct)[0], None
    if "/" in v:
        a, b = v.split("/", 1)
        return _interval(a, dct)[0], _interval(b, dct)[1]
    parsed = parse(v)
    return parsed.interval(dct) if parsed is not None else (None, None)


def interval(value: str | None, *, dct: date | datetime | str | None = None,
             mod: str | None = None) -> tuple[date | None, date | None]:
    """The calendar interval ``(first day, last day)`` a TIMEX3 value stands for; None = unknown.

    Any value :func:`parse` reads (a time or part of a day gives its day), ISO ranges
    (``2024-06/2024-08``), ``PRESENT_REF`` (the DCT), ``PAST_REF`` (null..DCT), ``FUTURE_REF``
    (DCT..null) and the timeline's relations (``ON_OR_BEFORE_DCT``, ``ON_OR_AFTER:2024-W42`` ...).
    Durations, sets and unresolved values (``XXXX-WXX-1``) give ``(None, None)``. ``mod``
    BEFORE/AFTER/ON_OR_BEFORE/ON_OR_AFTER opens one end ("pre-1990"); START/MID/END keep the
    whole period.

    >>> interval("2024-06", dct=None)
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    >>> interval("1990", mod="BEFORE")
    (None, datetime.date(1989, 12, 31))
    """
    first, last = _interval(value, as_date(dct))
    if mod and (first or last):
        m = mod.upper()
        if m == "BEFORE":
            return None, add_days(first, -1) if first else None
        if m == "AFTER":
            return add_days(last, 1) if last else None, None
        if m == "ON_OR_BEFORE":
            return None, last
        if m == "ON_OR_AFTER":
            return first, None
    return first, last


def describe_interval(first: date | None, last: date | None) -> str:
    """A short reading of an interval: '2024-10-18', '2024-10-14 to 2024-10-20', 'on or before ...'.

    >>> describe_interval(None, date(2024, 10, 21))
    'on or before 2024-10-21'
    """
    if first and last:
        return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    if last:
        return f"on or before {last.isoformat()}"
    if first:
        return f"on or after {first.isoformat()}"
    return "undated"
