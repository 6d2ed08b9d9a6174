"""Rule-based TimeML TIMEX3 tagger: find and normalise temporal expressions in news text.

One compiled regular expression (built at import from the vocabulary files in
``toolkit/data/time/timex_*.tsv``) finds where an expression may begin in the raw text (a digit
or a word of the vocabulary); there only the rules that can match text beginning so are tried
(:mod:`toolkit.time.prefix`, memoised by the word and the four characters after it), and
only their matches are then normalised, relative to the document creation time (DCT). Under-specified
dates ("Monday", "in June", "Oct. 23") take their direction from the tense of the clause
(a few cue words around the match); anaphoric ones ("a year earlier", "the day before",
"the quarter") from the last date the text mentioned. Extents and values follow the
TimeML/TIMEX3 conventions of TimeBank and TempEval-3; values are built with the value grammar of
:mod:`toolkit.time.values`. Each rule is named (:func:`rule_names`); ``data/time/timex_rules.tsv``
holds examples of every rule (sentence, DCT, expression, type, value) that run as tests, and
:func:`tag_with_rules` tells which rule made each expression.

Direction of an under-specified date: the tense of its clause (cue words of ``timex_cues.tsv``
left and right of it; a past verb with an infinitive after it -- "on Thursday agreed to" -- is past,
"until" yields to the clause's own tense), the expression's own cues ("last", "next", "this",
"upcoming", a possessive day's own verb: "Wednesday's debate approaching"), else the past. An
expression anchored to an event ("the day before the son reported him missing") is counted from a
date named there, else keeps its offset (``Timex.offset``) for the timeline to resolve.

Example::

    >>> from datetime import date
    >>> text = "The United States said on Friday it will act next week."
    >>> [(t.text, t.type, t.value) for t in tag_timexes(text, dct=date(2024, 10, 21))]
    [('Friday', 'DATE', '2024-10-18'), ('next week', 'DATE', '2024-W44')]
    >>> tag_timexes("It happened on Friday.")[0].value
    'XXXX-WXX-5'

Without a DCT, relative expressions keep an unresolved value (``XXXX-10-21``, ``XXXX-WXX-1``);
today's date is never consulted.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Sequence

from toolkit.resources import data_lines
from toolkit.text.tokens import listed_abbreviations
from toolkit.time.prefix import States, advance, start
from toolkit.time.values import GRANULARITIES, SEASON_START, Value, add_days, offset, parse, shift, unresolved

__all__ = ["Timex", "tag_timexes", "tag_with_rules", "rule_names"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3: ``text == document_text[start:end]``; type DATE, TIME, DURATION or SET."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    #: For an expression anchored to an event ("the day before the son reported him missing"): the
    #: offset from that event (``-P1D``, :func:`toolkit.time.values.offset`) and the character offset
    #: where the words naming the event begin; the timeline resolves it against the event's date.
    #: Anchored to a date inside the expression ("the day before last Tuesday"): the offset alone.
    offset: str | None = None
    anchor_at: int | None = None

    def to_dict(self) -> dict:
        out = {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}
        if self.mod:
            out["mod"] = self.mod
        if self.offset:
            out["offset"], out["anchor_at"] = self.offset, self.anchor_at
        return out


# =========================================================================== vocabulary
def _rows(name: str) -> list[list[str]]:
    """The rows of a header-less vocabulary table (kind, word, value)."""
    return [line.split("\t") for line in data_lines(name)]


def _by_kind(rows: list[list[str]], kind: str) -> dict[str, str]:
    """word -> value of the rows of one kind (words lower-cased)."""
    return {r[1].lower(): (r[2] if len(r) > 2 else "") for r in rows if r[0] == kind}


_CAL = _rows("time/timex_calendar.tsv")
_NUMS = _rows("time/timex_numbers.tsv")
_CUES = _rows("time/timex_cues.tsv")
_UNIT_ROWS = _rows("time/timex_units.tsv")

MONTHS = {k: int(v) for k, v in _by_kind(_CAL, "month").items()}
WEEKDAYS = {k: int(v) for k, v in _by_kind(_CAL, "weekday").items()}
SEASONS = _by_kind(_CAL, "season")
PARTS_OF_DAY = _by_kind(_CAL, "partofday")
CLOCK_WORDS = _by_kind(_CAL, "clockword")
TIMEZONES = [r[1] for r in _CAL if r[0] == "timezone"]
HOLIDAYS = _by_kind(_CAL, "holiday")
CARDINALS = {k: float(v) for k, v in _by_kind(_NUMS, "cardinal").items()}
ORDINALS = {k: int(v) for k, v in _by_kind(_NUMS, "ordinal").items()}
VAGUE = _by_kind(_NUMS, "vague")
REFS = _by_kind(_CUES, "ref")
MODS = _by_kind(_CUES, "mod")
ADVERB_SETS = _by_kind(_CUES, "set")
QUANTS = _by_kind(_CUES, "quantity")
FUTURE_CUES = set(_by_kind(_CUES, "future"))
PRESENT_CUES = set(_by_kind(_CUES, "present"))
PAST_CUES = set(_by_kind(_CUES, "past"))
NOT_PAST_ED = set(_by_kind(_CUES, "not_past"))
WEAK_CUES = _by_kind(_CUES, "weak")
FUTURE_TO = set(_by_kind(_CUES, "future_to"))
DEADLINES = _by_kind(_CUES, "deadline")
UNITS = {r[0].lower(): (r[1], int(r[2])) for r in _UNIT_ROWS}

_TENS = {k: int(v) for k, v in CARDINALS.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)}
_ONES = {k: int(v) for k, v in CARDINALS.items() if 1 <= v <= 9 and k not in ("a", "an")}
#: "the sixties" -> 6: the decade of the 1900s a tens word names.
_DECADE_WORDS = {k[:-1] + "ies": v // 10 for k, v in _TENS.items()}


# =========================================================================== regex pieces
def _alt(words, *, boundary: bool = True) -> str:
    """Alternation of phrases, longest first; spaces match any whitespace."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        p = re.escape(w).replace(r"\ ", r"\s+").replace(" ", r"\s+")
        parts.append(p)
    body = "(?:" + "|".join(parts) + ")"
    return body + r"(?![\w])" if boundary else body


def _month_alt(full_only: bool = False) -> str:
    full = {}
    for row in _CAL:
        if row[0] == "month":
            n = int(row[2])
            if len(row[1]) > len(full.get(n, "")):
                full[n] = row[1]
    alts = []
    for row in sorted((r for r in _CAL if r[0] == "month"), key=lambda r: -len(r[1])):
        word = row[1]
        is_full = word == full[int(row[2])]
        if full_only and not is_full:
            continue
        for form in dict.fromkeys((word, word.upper())):
            alts.append(re.escape(form) + (r"(?![A-Za-z])" if is_full else r"(?:\.|(?![A-Za-z.]))"))
    return "(?-i:" + "|".join(alts) + ")"


def _weekday_alt(full_only: bool = True) -> str:
    full: dict[int, str] = {}
    for row in _CAL:
        if row[0] == "weekday" and len(row[1]) > len(full.get(int(row[2]), "")):
            full[int(row[2])] = row[1]
    if full_only:
        return "(?:" + "|".join(full.values()) + ")"
    abbr = [r[1] for r in _CAL if r[0] == "weekday" and r[1] not in full.values()]
    return "(?:" + "|".join(full.values()) + "|" + "|".join(f"{a}\\." for a in abbr) + ")"


_MONTH = _month_alt()
_MONTH_FULL = _month_alt(full_only=True)
_WEEKDAY = _weekday_alt()
_WEEKDAY_ANY = _weekday_alt(full_only=False)
_ONES_RX = _alt(_ONES, boundary=False)
_TENS_RX = _alt(_TENS, boundary=False)
_SMALL = _alt([k for k, v in CARDINALS.items() if v < 20 and v == int(v) and " " not in k
               and k not in ("a", "an", "dozen")], boundary=False)
_NUMW = (rf"(?:(?:{_TENS_RX}(?:[-\s]{_ONES_RX})?|{_SMALL})(?:\s+(?:hundred|thousand))?|"
         + _alt([k for k in CARDINALS if k not in ("a", "an") and (CARDINALS[k] >= 100 or " " in k)],
                boundary=False)
         + r")(?![\w])")
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_FRAC = r"(?:\s+\d/\d|\s+and\s+a\s+half|-and-a-half|\s*½)"
_NUM = rf"(?:(?:{_DIGITS}){_FRAC}?|{_NUMW}{_FRAC}?|an?(?![\w]))"
_VAGUE = _alt(VAGUE)
_ORDW = _alt(ORDINALS)
_DAYNUM = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{_ORDW})"
_YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
_YEARW = rf"(?:nineteen[-\s]+(?:{_TENS_RX}(?:[-\s]+{_ONES_RX})?|hundred(?:\s+and\s+{_ONES_RX})?|{_SMALL})" \
         rf"|two\s+thousand(?:\s+and\s+{_SMALL}|\s+{_SMALL})?)(?![\w-])(?!\s+(?:years|days|months|people|troops|of)\b)"


def _unit_alt(plural: str = "opt") -> str:
    alts = []
    for word in UNITS:
        if word.endswith("y") and word != "day":
            stem = word[:-1]
            alts.append({"opt": f"{stem}(?:y|ies)", "sg": f"{word}", "pl": f"{stem}ies"}[plural])
        elif word.endswith("um"):
            stem = word[:-2]
            alts.append({"opt": f"{stem}(?:um|a|ums)", "sg": word, "pl": f"{stem}(?:a|ums)"}[plural])
        else:
            alts.append({"opt": f"{word}s?", "sg": word, "pl": f"{word}s"}[plural])
    return "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")(?![\w])"


_UNIT = _unit_alt("opt")
_UNIT_SG = _unit_alt("sg")
_UNIT_PL = _unit_alt("pl")
_SEASON = _alt(SEASONS)
_POD = _alt(PARTS_OF_DAY)
_POD_NB = _alt(PARTS_OF_DAY, boundary=False)
_TZ = "(?-i:" + _alt(TIMEZONES) + ")"
_HOLIDAY = _alt(HOLIDAYS)
_QUANT = _alt(QUANTS)
_MODP = rf"(?:{_alt(MODS, boundary=False)}|(?:early|late|earlier|later)\s+in)"
_REF = _alt(REFS)
_AMPM = r"(?:[ap]\.\s?m\.|[ap]\.m(?![\w])|[ap]m(?![\w]))"


# =========================================================================== numbers
def _number(s: str) -> float | None:
    """Parse '3', '1,000', 'twenty-four', 'a couple of', '2 1/2', 'two and a half'."""
    s = s.lower().strip()
    extra = 0.0
    for frac in (" and a half", "-and-a-half", "½"):
        if s.endswith(frac):
            s, extra = s[: -len(frac)].strip(), 0.5
    m = re.fullmatch(r"(.+?)\s+(\d)/(\d)", s)
    if m:
        s, extra = m.group(1), int(m.group(2)) / int(m.group(3))
    s = re.sub(r"\s+", " ", s)
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return float(s.replace(",", "")) + extra
    if s in CARDINALS:
        return CARDINALS[s] + extra
    m = re.fullmatch(r"(.+?)\s+(hundred|thousand)", s)
    if m and m.group(1) not in ("a", "one"):
        head = _number(m.group(1))
        return None if head is None else head * (100 if m.group(2) == "hundred" else 1000) + extra
    parts = re.split(r"[-\s]+", s)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        return _TENS[parts[0]] + _ONES[parts[1]] + extra
    return None


def _year_words(s: str) -> int | None:
    s = re.sub(r"[-\s]+", " ", s.lower().strip())
    if s.startswith("nineteen "):
        rest = s[len("nineteen "):]
        if rest.startswith("hundred"):
            rest = rest[len("hundred"):].replace(" and ", " ").strip()
            n = _number(rest) if rest else 0
        else:
            n = _number(rest)
        return 1900 + int(n) if n is not None and n < 100 else None
    if s.startswith("two thousand"):
        rest = s[len("two thousand"):].replace(" and ", " ").strip()
        n = _number(rest) if rest else 0
        return 2000 + int(n) if n is not None else None
    return None


def _year(s: str) -> int | None:
    return int(s) if s.isdigit() else _year_words(s)


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(n: float | None, unit_word: str) -> str:
    """ISO 8601 / TIMEX3 duration value for ``n`` units (``None`` = vague: PXY)."""
    code, mult = UNITS[_unit_key(unit_word)]
    timey = code.startswith("T")
    letter = code[-1]
    if n is None:
        return ("PTX" if timey else "PX") + letter
    n = n * mult
    if n != int(n):
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "TH": ("M", 60),
                   "TM": ("S", 60)}
        key = code if timey else letter
        if key in smaller:
            whole, rest = int(n), n - int(n)
            sub, k = smaller[key]
            r = _fmt_num(round(rest * k, 3))
            if key == "D":
                return f"P{whole}DT{r}H" if whole else f"PT{r}H"
            if timey:
                return f"PT{whole}{letter}{r}{sub}" if whole else f"PT{r}{sub}"
            if sub == "D" and not whole:
                return f"P{r}D"
            return f"P{whole}{letter}{r}{sub}" if whole else f"P{r}{sub}"
    return ("PT" if timey else "P") + _fmt_num(n) + letter


def _unit_key(word: str) -> str:
    w = word.lower()
    if w in UNITS:
        return w
    for cand in (w[:-1], w[:-3] + "y", w[:-1] + "um" if w.endswith("a") else "", w[:-3] + "um"):
        if cand in UNITS:
            return cand
    raise KeyError(word)


def _gran(unit_word: str) -> str:
    """Calendar granularity of a unit word: day -> D, decade -> E ..."""
    key = _unit_key(unit_word)
    code, mult = UNITS[key]
    if code == "Y" and mult == 10:
        return "E"
    if code == "Y" and mult >= 100:
        return "C"
    return {"TS": "D", "TM": "D", "TH": "D"}.get(code, code)


def _unit_count(unit_word: str) -> int:
    """How many base units (of :func:`_gran`) one unit word is (a fortnight = 2 weeks)."""
    code, mult = UNITS[_unit_key(unit_word)]
    return 1 if code == "Y" and mult in (10, 100) else mult


# =========================================================================== context
def _not_after_abbreviation() -> str:
    """Lookbehinds that keep a period after an abbreviation ("Gen.", "Corp.", "U.S.";
    ``data/text/abbreviations.tsv``, any case) or an initial ("J.") from ending a sentence."""
    by_length: dict[int, list[str]] = {}
    for a in listed_abbreviations():
        by_length.setdefault(len(a), []).append(re.escape(a))
    return "".join(rf"(?<!\b(?i:{'|'.join(sorted(alts))})\.)" for _, alts in sorted(by_length.items())) \
        + r"(?<!\b[A-Z]\.)"


#: A sentence boundary, for when the caller gives no sentences: final punctuation before a capital, or a blank line.
_BOUNDARY = re.compile(r"[.!?]" + _not_after_abbreviation()
                       + r"[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z])|\n[ \t]*\n")

_CUE_WORDS = sorted(FUTURE_CUES | PRESENT_CUES | PAST_CUES | set(WEAK_CUES), key=len, reverse=True)
_CUE_RX = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in _CUE_WORDS)
                     + r"|[a-z]{2,}ed)(?![\w'])", re.I)


_QUOTE = re.compile(r"[\"“”]|''|``")
#: A deadline preposition right before an expression (modifiers such as "early", "mid-" between).
_DEADLINE_RX = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                                      sorted(DEADLINES, key=len, reverse=True))
                          + r")\s+(?:(?:early|mid|late|around|about|the\s+end\s+of)[-\s]+)?$", re.I)


@dataclass(slots=True)
class _Ctx:
    text: str
    dct: date | None
    sentences: Sequence[tuple[int, int]] | None
    starts: list[int] = field(default_factory=list)
    anchor: Value | None = None          # last date the text mentioned (for anaphora)
    anchor_pos: int = -1
    quarter: Value | None = None         # last quarter the text mentioned
    quarter_pos: int = -1
    period_pos: int = -1                  # last "the (first) nine months"-style period mentioned
    weekdays: dict[int, date] = field(default_factory=dict)  # each bare weekday as first resolved

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        if self.sentences:
            i = bisect.bisect_right(self.starts, start) - 1
            if i >= 0:
                s0, s1 = self.sentences[i]
                if s0 <= start and end <= s1:
                    return s0, s1
        lo = max(0, start - 300)
        s0 = lo
        for m in _BOUNDARY.finditer(self.text, lo, start + 3):  # the lookahead needs the capital at start
            if m.end() <= start:
                s0 = m.end()
        m = _BOUNDARY.search(self.text, end, min(len(self.text), end + 300))
        return s0, (m.start() + 1 if m else min(len(self.text), end + 300))

    def tense(self, start: int, end: int, *, left: bool = True) -> str | None:
        """'past', 'future', 'present' or None from the nearest tense cue in the clause.

        Cues to the left count by distance (unless ``left`` is false); to the right only up to a
        quotation mark, and a bare -ed word only when it follows closely ("and on Sunday called for ...")."""
        s0, s1 = self.sentence(start, end)
        best: tuple[float, str] | None = None
        weak: str | None = None
        for m in reversed(list(_CUE_RX.finditer(self.text, max(s0, start - 150), start) if left else ())):
            word = m.group().lower()
            if word in WEAK_CUES:
                weak = weak or WEAK_CUES[word]
                continue  # "Until Thursday, they had not called": the clause's own tense decides
            kind = _cue_kind(m.group(), self.text, m.start())
            if kind and word.endswith(" to") and re.search(r"[,;(]|\s[-–—]+\s", self.text[m.end():start]):
                continue  # "pledged to boost ties, signing a treaty in June": the infinitive ended
            if kind:
                best = (start - m.end(), kind)
                break
        # a fronted adverbial ("In January, a week after the anniversary, a bombing killed ...") is
        # dated by the verb of the clause it opens, however far
        fronted = bool(_FRONTED.fullmatch(self.text, s0, start))
        reach = FRONTED_REACH if fronted else 120
        stop = _QUOTE.search(self.text, end, min(s1, end + reach))
        limit = stop.start() if stop else min(s1, end + reach)
        clause = _NEXT_CLAUSE.search(self.text, end, limit)  # "was closed on Monday and will stay closed"
        for m in _CUE_RX.finditer(self.text, end, clause.start() if clause else limit):
            if m.group().lower() in WEAK_CUES:
                continue
            kind = _cue_kind(m.group(), self.text, m.start(), right=True)
            if kind:
                gap = m.start() - end
                if m.group().lower() not in _KNOWN_CUES and gap > RIGHT_ED_REACH and not weak and not fronted:
                    continue
                dist = gap * 1.2 + 2
                if best is None or dist < best[0]:
                    best = (dist, kind)
                break
        return best[1] if best else weak


    def direction(self, start: int, end: int) -> str | None:
        """The direction of an under-specified date: its own deadline preposition ("by Jan. 14",
        "until March 6": the future, but not for a fronted "Until Thursday, they had not ..."), else the
        tense of its clause (:meth:`tense`).

        >>> ctx = _Ctx("He must be returned by Jan. 14, officials had said.", None, None)
        >>> ctx.direction(23, 30), ctx.tense(23, 30)
        ('future', 'past')
        """
        before = _DEADLINE_RX.search(self.text, max(0, start - 30), start)
        if before is not None:
            s0, _ = self.sentence(start, end)
            fronted = not self.text[s0:before.start()].strip(" \t\n\"'“‘(") and \
                re.match(r"\s*,", self.text[end:end + 2])
            if not fronted:
                return DEADLINES[re.sub(r"\s+", " ", before.group(1).lower())]
        return self.tense(start, end)


#: Where a coordinated or new clause begins after an expression: its tense is not the expression's.
_NEXT_CLAUSE = re.compile(r";|\s(?:and|but|or|while|whereas|although|though|because)\s+(?=(?:\w+\s+){0,3}?"
                          r"(?:will|would|shall|'ll|is|are|was|were|has|have|had|did|does|can|could|may|might|must"
                          r"|should)\b)", re.I)
#: How far (characters) the verb of the clause a fronted expression opens is looked for.
FRONTED_REACH = 200
#: What may stand before a fronted expression at the start of its sentence: quotes, a conjunction, a preposition.
_FRONTED = re.compile(r"[\s\"'“‘(]*(?:(?:and|but|then|also|in|on|at|by|during|since|until|after|before|early|late"
                      r"|from|for|last|this|that|the)\s+)*", re.I)
#: A bare -ed word after an expression is read as its verb only this close (characters).
RIGHT_ED_REACH = 30
_KNOWN_CUES = FUTURE_CUES | PRESENT_CUES | PAST_CUES
_PASSIVE_AUX = re.compile(r"\b(?:be|been|being|is|are|was|were|has|have|had|get|gets|got|'s|'re)\s+(?:\w+ly\s+)?$",
                          re.I)


_PAST_AUX = {"was", "were", "had", "did", "ago", "last", "earlier", "since"}
_PAST_PLAN = re.compile(r"\b(?:had\s+been|was|were)\s+(?:\w+ly\s+)?$", re.I)


def _cue_kind(word: str, text: str, pos: int, *, right: bool = False) -> str | None:
    """The tense a cue word found at ``text[pos:]`` signals, if it signals one there; ``right``: the
    cue follows the expression, so a past verb with an infinitive ("on Thursday agreed to") is past.

    >>> _cue_kind("agreed to", "on Thursday agreed to plead", 12, right=True)
    'past'
    >>> _cue_kind("agreed to", "agreed to meet on Thursday", 0)
    'future'
    >>> _cue_kind("expected to", "the vote Friday expected to pass", 16, right=True)
    'future'
    """
    w = re.sub(r"\s+", " ", word.lower())
    if right and w.endswith(" to") and w[:-3] not in FUTURE_TO and (w[:-3] in PAST_CUES or w.endswith("ed to")):
        return "past"
    if w in FUTURE_CUES:
        if " " in w and _PAST_PLAN.search(text, max(0, pos - 24), pos):
            return "past"  # "had been due to expire Friday": a plan reported in the past tense
        return "future"
    if w in PAST_CUES:
        if w not in _PAST_AUX and _PASSIVE_AUX.search(text, max(0, pos - 20), pos):
            return None  # "would be paid", "has held": the auxiliary carries the tense
        return "past"
    if w in PRESENT_CUES:
        return "present"
    if w.endswith("ed") and w not in NOT_PAST_ED and not w.endswith("eed") and not w.startswith("un"):
        if _PASSIVE_AUX.search(text, max(0, pos - 20), pos):
            return None  # a participle after an auxiliary: the auxiliary carries the tense
        return "past"
    return None


# =========================================================================== resolution helpers
@dataclass(frozen=True, slots=True)
class _Result:
    """What a rule makes of its match: TIMEX3 type, value and mod, and the extent when it is not the
    whole match (``start``/``end`` character offsets: of "a two-week trip" the extent is "two-week")."""

    type: str
    value: str
    mod: str | None = None
    start: int | None = None
    end: int | None = None
    offset: str | None = None
    anchor_at: int | None = None


def _anchor(ctx: _Ctx, gran: str = "D") -> Value | None:
    """The date anaphora count from: the last date mentioned if it is at least as fine as
    ``gran`` (a year cannot anchor "two days earlier"), else the DCT."""
    if ctx.anchor is not None and GRANULARITIES.index(ctx.anchor.gran) <= GRANULARITIES.index(gran):
        return ctx.anchor
    return Value("D", ctx.dct) if ctx.dct else None


def _weekday_date(ref: date, weekday: int, direction: str | None) -> date:
    """The date of ISO ``weekday`` near ``ref``: 'past' = on or before, 'future' = on or after."""
    delta = weekday - ref.isoweekday()
    if delta == 0:
        return ref
    if direction == "future":
        return add_days(ref, delta % 7)
    if direction == "past":
        return add_days(ref, -((-delta) % 7))
    return add_days(ref, delta if abs(delta) <= 3 else (delta - 7 if delta > 0 else delta + 7))


def _direction(tense: str | None) -> str | None:
    """The direction (for :func:`_weekday_date`) a clause tense gives: past, future or none."""
    return {"past": "past", "future": "future"}.get(tense or "")


#: How strongly the tense of the clause outweighs closeness to the DCT when a year is missing:
#: a date on the "wrong" side of the DCT costs this much extra (days; months for a bare month).
TENSE_PENALTY_DAYS = 180
TENSE_PENALTY_MONTHS = 6
#: Without a tense cue, a date after the DCT costs this share of the penalty: news tells mostly of the past.
UNTENSED_FUTURE = 0.5


def _year_for(ref: date, month: int, day: int | None, tense: str | None) -> int:
    """Year of an under-specified month (and day): the candidate year nearest the DCT, with the
    clause tense (past: before the DCT, future: after) weighing in as a penalty."""
    best: tuple[float, int] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        if not date.min.year <= y <= date.max.year:  # a DCT in year 1 or 9999
            continue
        if day is None:
            delta = (y * 12 + month) - (ref.year * 12 + ref.month)
            penalty = TENSE_PENALTY_MONTHS
        else:
            delta = (date(y, month, min(day, 28)) - ref).days
            penalty = TENSE_PENALTY_DAYS
        cost = abs(delta) + (penalty if (tense == "past" and delta > 0) or (tense == "future" and delta < 0)
                             else penalty * UNTENSED_FUTURE if tense is None and delta > 0 else 0)
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1]


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"[\s-]+", " ", word.lower()).strip()
    return MODS.get(w) or QUANTS.get(w) or {"early in": "START", "earlier in": "START", "late in": "END",
                                             "later in": "END"}.get(w)


#: How far back (characters) a mentioned day is still the day a bare clock time refers to.
ANCHOR_REACH = 300

#: How far (characters) a quarter mention colours "a year ago/earlier" as "the same quarter a year before".
QUARTER_CONTEXT = 400


def _in_quarter_context(ctx: _Ctx, pos: int) -> bool:
    return ctx.quarter is not None and 0 <= pos - ctx.quarter_pos < QUARTER_CONTEXT and \
        not _after_period(ctx, pos)


def _after_period(ctx: _Ctx, pos: int) -> bool:
    """A multi-month period ("for the nine months") is the latest span the text talks about: "a year
    earlier" then compares with that period a year before, which TIMEX3 can only give as the year."""
    return ctx.period_pos > max(ctx.quarter_pos, ctx.anchor_pos) and 0 <= pos - ctx.period_pos < QUARTER_CONTEXT


#: A year-less date this close after another date, in the same clause, shares its year
#: ("the year-ago quarter, the second quarter ended Oct. 31").
APPOSITION_REACH = 60


def _apposed(ctx: _Ctx, pos: int) -> bool:
    if ctx.anchor is None or ctx.anchor.gran in ("D", "W", "WE") or not 0 < pos - ctx.anchor_pos < APPOSITION_REACH:
        return False
    between = ctx.text[ctx.anchor_pos:pos]
    return not re.search(r"[.;:!?]\s|\band\b|\bor\b|\bfrom\b|\bto\b|\bthan\b|\bwith\b"
                         r"|\b(?:will|would|shall|could|should|might|may|can)\b", between)


def _remember(ctx: _Ctx, p: Value, pos: int) -> None:
    ctx.anchor = p
    ctx.anchor_pos = pos


# =========================================================================== rules
@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    regex: re.Pattern
    handler: Callable[[re.Match, _Ctx], _Result | None]


_RULES: list[_Rule] = []


def _rule(name: str, pattern: str) -> Callable:
    def register(fn: Callable) -> Callable:
        _RULES.append(_Rule(name, re.compile(pattern, re.I), fn))
        return fn
    return register


# --------------------------------------------------------------------------- clock times
_CLOCK_DAY = (rf"(?:(?:,\s*|\s+)(?P<rest>{_WEEKDAY}(?:,?\s+{_MONTH}\s+{_DAYNUM}(?:,?\s+{_YEAR4})?)?|today|tonight"
              rf"|yesterday|tomorrow|{_MONTH}\s+{_DAYNUM}(?:,?\s+{_YEAR4})?))?")


@_rule("clock", rf"(?:(?P<q>around|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
               rf"(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{_AMPM})"
               rf"|(?P<hw>{_SMALL})\s+(?:o['’]clock|(?P<ap2>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))"
               rf"|(?P<h2>\d{{1,2}})\s+o['’]clock"
               rf"|(?P<cw>{_alt(CLOCK_WORDS)})"
               rf"|(?<=at\s)(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])"
               rf"|(?P<h24z>[01]?\d|2[0-3]):(?P<mi24z>[0-5]\d)(?=\s+{_TZ}))"
               rf"(?:\s+(?P<tz>{_TZ})|\s+\((?P<tz2>{_TZ})\))?" + _CLOCK_DAY)
def _clock(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("cw"):
        hhmm = CLOCK_WORDS[re.sub(r"\s+", " ", m.group("cw").lower())]
    else:
        if m.group("h") is not None:
            h, mi = int(m.group("h")), int(m.group("mi") or 0)
            pm = m.group("ap").lower().startswith("p")
        elif m.group("hw"):
            h, mi = int(_number(m.group("hw")) or 0), 0
            tail = (m.group("ap2") or "").lower()
            pm = "afternoon" in tail or "evening" in tail or "night" in tail
        elif m.group("h2"):
            h, mi, pm = int(m.group("h2")), 0, False
        elif m.group("h24z"):
            h, mi, pm = int(m.group("h24z")), int(m.group("mi24z")), False
        else:
            h, mi, pm = int(m.group("h24")), int(m.group("mi24")), False
        if h > 12 and (m.group("ap") or m.group("hw")):
            return None
        if pm and h < 12:
            h += 12
        elif not pm and h == 12 and m.group("ap"):
            h = 0
        hhmm = f"{h:02d}:{mi:02d}"
    rest = m.group("rest")
    if not rest:  # "10:35 a.m. (0735 GMT) Friday": the day after a parenthesis still counts
        later = _PAREN_DAY.match(ctx.text, m.end())
        rest = later.group(1) if later else None
    day = _day_of_rest(rest, m, ctx)
    value = (day or "XXXX-XX-XX") + "T" + hhmm
    q = m.group("q")
    return _Result("TIME", value, "APPROX" if q and q.lower() in ("about", "around", "approximately", "roughly") else None)


_PAREN_DAY = re.compile(rf"\s*\([^()\n]{{1,30}}\)\s*(?:on\s+)?({_WEEKDAY}|today|yesterday|tomorrow)(?![\w])", re.I)


def _day_of_rest(rest: str | None, m: re.Match, ctx: _Ctx) -> str | None:
    """The day a clock time or part of day is attached to (default: the day last mentioned
    in the same stretch of text, else the DCT)."""
    if not rest:
        if ctx.anchor is not None and ctx.anchor.gran == "D" and 0 <= m.start() - ctx.anchor_pos < ANCHOR_REACH:
            return ctx.anchor.value
        return ctx.dct.isoformat() if ctx.dct else None
    r = rest.lower()
    if r in ("today", "tonight"):
        return ctx.dct.isoformat() if ctx.dct else None
    if r in ("yesterday", "tomorrow"):
        return add_days(ctx.dct, -1 if r == "yesterday" else 1).isoformat() if ctx.dct else None
    dm = re.search(rf"({_MONTH})\s+({_DAYNUM})(?:,?\s+({_YEAR4}))?", rest)
    if dm:
        return _month_day_value(dm.group(1), dm.group(2), dm.group(3), m, ctx)
    wd = WEEKDAYS.get(r.rstrip("."))
    if wd and ctx.dct:
        return _weekday_date(ctx.dct, wd, _direction(ctx.direction(m.start(), m.end())) or "past").isoformat()
    return None


# --------------------------------------------------------------------------- dates with a day
def _day_number(s: str) -> int | None:
    s = s.lower()
    if s in ORDINALS:
        return ORDINALS[s]
    d = re.match(r"\d+", s)
    return int(d.group()) if d else None


def _month_day_value(mon: str, day: str, year: str | None, m: re.Match, ctx: _Ctx) -> str | None:
    month = MONTHS[mon.lower().rstrip(".")]
    d = _day_number(day)
    if d is None or not 1 <= d <= 31:
        return None
    wd = _weekday_named(m)
    if year:
        y = int(year)
    elif wd and ctx.dct and (agreeing := _years_on_weekday(ctx.dct.year, month, d, wd)):
        y = min(agreeing, key=lambda c: abs(c - ctx.dct.year))  # "Saturday, April 25": the year it is a Saturday
    elif _apposed(ctx, m.start()):
        y = ctx.anchor.day.year
    elif ctx.dct:
        y = _year_for(ctx.dct, month, d, ctx.direction(m.start(), m.end()))
    else:
        return f"XXXX-{month:02d}-{d:02d}"
    try:
        return date(y, month, d).isoformat()
    except ValueError:
        return None


def _weekday_named(m: re.Match) -> int | None:
    """The ISO weekday a calendar-date match names besides the date ("Monday, Oct. 26"), if any."""
    wd = m.groupdict().get("wd")
    return WEEKDAYS.get(wd.lower().rstrip(".")) if wd else None


def _years_on_weekday(year: int, month: int, day: int, weekday: int) -> list[int]:
    """Of the years around ``year``, those in which the date falls on the ISO ``weekday``.

    >>> _years_on_weekday(1998, 4, 25, 6)  # Saturday, April 25
    [1998]
    """
    out = []
    for y in (year - 1, year, year + 1):
        try:
            if date(y, month, day).isoweekday() == weekday:
                out.append(y)
        except ValueError:
            continue
    return out


def _calendar_date(m: re.Match, ctx: _Ctx) -> _Result | None:
    """A month-and-day match as a DATE; a fully resolved one becomes the anchor for "the day before"."""
    value = _month_day_value(m.group("mon"), m.group("d"), m.group("y"), m, ctx)
    if value is None:
        return None
    if value[0].isdigit():
        _remember(ctx, parse(value), m.start())
    return _Result("DATE", value, None)


@_rule("weekday_date", rf"(?:(?P<wd>{_WEEKDAY_ANY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})"
                      rf"(?:(?:,\s*|\s+)(?P<y>{_YEAR4})(?![\d\w]))?(?!\s*(?:%|percent))")
def _month_day(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("mon").lower() == "may" and not m.group("y") and not m.group("wd") \
            and re.match(r"\s*\d+(?:st|nd|rd|th)?\s+(?:be|have|not)\b", ctx.text[m.end("mon"):m.end() + 12]):
        return None
    return _calendar_date(m, ctx)


@_rule("day_month", rf"(?:(?P<wd>{_WEEKDAY_ANY}),?\s+)?(?:the\s+)?"
                   rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{_ORDW})"
                   rf"(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR4})(?![\d\w]))?")
def _day_month(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("mon").lower().rstrip(".") in ("may", "march") and not m.group("y"):
        return None
    return _calendar_date(m, ctx)


@_rule("iso", r"(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
             r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?)?(?![\d-])")
def _iso(m: re.Match, ctx: _Ctx) -> _Result | None:
    try:
        d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    _remember(ctx, Value("D", d), m.start())
    if m.group("hh"):
        return _Result("TIME", f"{d.isoformat()}T{m.group('hh')}:{m.group('mm')}", None)
    return _Result("DATE", d.isoformat(), None)


@_rule("slash", r"(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
def _slash(m: re.Match, ctx: _Ctx) -> _Result | None:
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    try:
        d = date(y, int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    _remember(ctx, Value("D", d), m.start())
    return _Result("DATE", d.isoformat(), None)


# --------------------------------------------------------------------------- clock/part of day words
@_rule("today", rf"(?:(?P<mod>early|earlier|late|later|mid)(?:\s+|-))?"
               r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)"
               rf"(?:(?:\s+|-)(?P<pod>{_POD}))?")
def _today(m: re.Match, ctx: _Ctx) -> _Result | None:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[w]
    pod = PARTS_OF_DAY.get(m.group("pod").lower()) if m.group("pod") else ("NI" if w == "tonight" else None)
    mod = _mod(m.group("mod"))
    if ctx.dct is None:
        return _Result("TIME", "XXXX-XX-XXT" + pod, mod) if pod else _Result("DATE", "XXXX-XX-XX", mod)
    d = add_days(ctx.dct, offset)
    _remember(ctx, Value("D", d), m.start())
    if pod:
        return _Result("TIME", f"{d.isoformat()}T{pod}", mod)
    return _Result("DATE", d.isoformat(), mod)


@_rule("holiday", rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<h>{_HOLIDAY})"
                 rf"(?:(?P<week>\s+week)(?![\w-])|,?\s+(?P<y>{_YEAR4})(?![\d\w]))?")
def _holiday(m: re.Match, ctx: _Ctx) -> _Result | None:
    spec = HOLIDAYS[re.sub(r"\s+", " ", m.group("h").lower())]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    gran = "W" if m.group("week") else "D"
    if m.group("y"):
        d = _holiday_date(spec, int(m.group("y")))
    elif ctx.dct:
        tense = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(
            rel, ctx.tense(m.start(), m.end()))
        candidates = [c for c in (_holiday_date(spec, ctx.dct.year + k) for k in (-1, 0, 1)) if c]
        d = min(candidates, key=lambda c: _date_cost(c, ctx.dct, tense, strict=rel != ""), default=None)
    else:
        fixed = re.fullmatch(r"(\d\d)-(\d\d)", spec)
        value = f"XXXX-{fixed.group(1)}-{fixed.group(2)}" if fixed else "XXXX-XX-XX"
        return _Result("DATE", "XXXX-WXX" if gran == "W" else value, None)
    if d is None:
        return None
    p = Value(gran, d)
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, None)


def _date_cost(d: date, ref: date, tense: str | None, *, strict: bool = False) -> float:
    """Distance of a candidate date from the DCT, plus a penalty if it lies on the side the tense
    of the clause argues against (see :data:`TENSE_PENALTY_DAYS`)."""
    delta = (d - ref).days
    wrong = (tense == "past" and delta > 0) or (tense == "future" and delta < 0)
    return abs(delta) + ((10 * 366 if strict else TENSE_PENALTY_DAYS) if wrong else 0)


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    mm = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * mm + 114, 31)
    return date(y, month, day + 1)


def _holiday_date(spec: str, year: int) -> date | None:
    """'12-25' fixed; '11-22>4' first ISO weekday 4 on or after Nov 22; 'easter-2'."""
    try:
        if spec.startswith("easter"):
            return add_days(_easter(year), int(spec[6:] or 0))
        if ">" in spec:
            md, wd = spec.split(">")
            start = date(year, int(md[:2]), int(md[3:5]))
            return add_days(start, (int(wd) - start.isoweekday()) % 7)
        return date(year, int(spec[:2]), int(spec[3:5]))
    except ValueError:
        return None


# --------------------------------------------------------------------------- weekdays
_WD_REL = (r"this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|"
           r"last|this|next|that|coming|past|previous")


@_rule("weekday", rf"(?:(?P<rel>{_WD_REL})\s+)?"
                 rf"(?P<wd>{_WEEKDAY})(?P<pl>s)?(?![\w])(?:(?:\s+|-)(?P<pod>{_POD_NB})(?P<pl2>s)?(?![\w]))?"
                 rf"(?:,?\s+(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})(?:,?\s+(?P<y>{_YEAR4})(?![\d\w]))?)?")
def _weekday(m: re.Match, ctx: _Ctx) -> _Result | None:
    wd = WEEKDAYS[m.group("wd").lower()]
    pod = PARTS_OF_DAY.get(m.group("pod").lower()) if m.group("pod") else None
    if m.group("pl") or m.group("pl2"):
        return _Result("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None)
    mod = None
    if m.group("mon"):
        return _calendar_date(m, ctx)
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if rel in ("the previous", "the following", "the next", "that"):
        ref = _anchor(ctx)
        if ref is None:
            return _Result("DATE", f"XXXX-WXX-{wd}", mod)
        direction = {"the previous": "past", "that": None}.get(rel, "future")
        base = add_days(ref.day, -1 if direction == "past" else 1 if direction == "future" else 0)
        d = _weekday_date(base, wd, direction)
    elif ctx.dct is None:
        return _Result("TIME", f"XXXX-WXX-{wd}T{pod}", mod) if pod else _Result("DATE", f"XXXX-WXX-{wd}", mod)
    elif rel in ("last", "this past", "past", "previous"):
        d = _weekday_date(add_days(ctx.dct, -1), wd, "past")
    elif rel in ("next", "this coming", "coming"):
        d = _weekday_date(add_days(ctx.dct, 1), wd, "future")
    elif rel == "this":
        d = _weekday_date(ctx.dct, wd, _direction(ctx.tense(m.start(), m.end())) or "future")
    else:
        # "get around Wednesday's ruling": a possessive day names its own event; only its own verb
        # (to the right) can move it into the future ("Sunday's vote will decide").
        possessive = not pod and ctx.text.startswith(("'s", "’s"), m.end())
        tense = ctx.tense(m.start(), m.end(), left=False) if possessive else ctx.direction(m.start(), m.end())
        if _direction(tense) is None and wd in ctx.weekdays:
            d = ctx.weekdays[wd]  # no cue of its own: the day this weekday named before in the story
        else:
            d = _weekday_date(ctx.dct, wd, _direction(tense) or "past")
        ctx.weekdays.setdefault(wd, d)
    _remember(ctx, Value("D", d), m.start())
    if pod:
        return _Result("TIME", f"{d.isoformat()}T{pod}", mod)
    return _Result("DATE", d.isoformat(), mod)


# --------------------------------------------------------------------------- months, seasons, years
_REL = r"this\s+past|this\s+coming|the\s+previous|the\s+following|last|this|next|that|coming|past|previous"


@_rule("month_year", rf"(?:(?P<mod>{_MODP})(?:\s+|-))?(?P<mon>{_MONTH_FULL}|{_MONTH})(?:\s+of)?,?\s+"
                    rf"(?:(?P<y>{_YEAR4})(?![\d\w])|(?P<yw>{_YEARW}))")
def _month_year(m: re.Match, ctx: _Ctx) -> _Result | None:
    y = _year(m.group("y") or m.group("yw"))
    if y is None:
        return None
    p = Value("M", date(y, MONTHS[m.group("mon").lower().rstrip(".")], 1))
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, _mod(m.group("mod")))


_MAY_OK = re.compile(r"(?:in|of|since|until|till|by|during|from|through|to|early|late|mid|and|or|between|last|next"
                     r"|this|before|after|that|for|the|on|around|about|,)\s*$", re.I)


@_rule("month", rf"(?:(?P<mod>{_MODP})(?:\s+|-))?(?:(?P<rel>{_REL})\s+)?(?P<mon>{_MONTH_FULL})"
               rf"(?:\s+(?P<yrel>this|last|next)\s+year)?(?![\w-])")
def _month(m: re.Match, ctx: _Ctx) -> _Result | None:
    mon = m.group("mon")
    month = MONTHS[mon.lower()]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    if mon.lower() in ("may", "march") and not (rel or m.group("mod") or m.group("yrel")):
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not _MAY_OK.search(before):
            return None
    mod = _mod(m.group("mod"))
    if ctx.dct is None:
        return _Result("DATE", f"XXXX-{month:02d}", mod)
    y = ctx.dct.year
    yrel = (m.group("yrel") or "").lower()
    if yrel:
        y += {"this": 0, "last": -1, "next": 1}[yrel]
    elif rel in ("last", "this past", "past", "previous"):
        y = y - 1 if month >= ctx.dct.month else y
    elif rel in ("next", "this coming", "coming"):
        y = y + 1 if month <= ctx.dct.month else y
    elif rel == "this":
        pass
    elif rel in ("that", "the previous", "the following") and ctx.anchor is not None:
        y = ctx.anchor.day.year
    else:
        y = _year_for(ctx.dct, month, None, ctx.direction(m.start(), m.end()))
    p = Value("M", date(y, month, 1))
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, mod)


@_rule("season", rf"(?:(?P<mod>{_MODP})(?:\s+|-))?(?:(?P<rel>{_REL}|the)\s+)?(?:(?P<mod2>early|late|mid)(?:\s+|-))?"
                rf"(?P<s>{_SEASON})(?:\s+of\s+(?P<y>{_YEAR4}|{_YEARW})|,?\s+(?P<y2>{_YEAR4})(?![\d\w]))?")
def _season(m: re.Match, ctx: _Ctx) -> _Result | None:
    code = SEASONS[m.group("s").lower()]
    rel = re.sub(r"\s+", " ", (m.group("rel") or "").lower())
    ys = m.group("y") or m.group("y2")
    if not (rel or ys or m.group("mod") or m.group("mod2")):
        before = ctx.text[max(0, m.start() - 10):m.start()]
        if not re.search(r"\b(?:in|during|since|until|by|through|over)\s*$", before, re.I):
            return None
    if rel == "the" and not ys and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None
    mod = _mod(m.group("mod") or m.group("mod2"))
    if ys:
        y = _year(ys)
    elif ctx.dct is None:
        return _Result("DATE", f"XXXX-{code}", mod)
    else:
        y = ctx.dct.year
        order = SEASON_START[code]
        now = ctx.dct.month
        if rel in ("last", "this past", "past", "previous"):
            y = y - 1 if order >= now - 1 else y
        elif rel in ("next", "this coming", "coming"):
            y = y + 1 if order <= now else y
        elif rel == "this":
            pass
        else:
            tense = ctx.tense(m.start(), m.end())
            if tense == "past" and order > now:
                y -= 1
            elif tense == "future" and order + 2 < now:
                y += 1
    if y is None:
        return None
    p = Value("S", date(y, SEASON_START[code], 1))
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, mod)


@_rule("decade", rf"(?:(?P<mod>{_MODP})(?:\s+|-))?(?:the\s+)?(?:(?P<mod2>early|mid|late)(?:\s+|-))?"
                r"(?:(?P<c>1\d|20)(?P<d>\d)0['’]?s|['’](?P<d2>\d)0['’]?s"
                rf"|(?P<w>{_alt(_DECADE_WORDS, boundary=False)}))(?![\w])")
def _decade(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("c"):
        v = m.group("c") + m.group("d")
    else:
        d = m.group("d2") or str(_DECADE_WORDS[m.group("w").lower()])
        v = "19" + d
    return _Result("DATE", v, _mod(m.group("mod") or m.group("mod2")))


@_rule("century", rf"(?:the\s+)?(?:(?P<mod>early|mid|late)(?:\s+|-))?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_ORDW})[-\s]+"
                 r"century(?![\w])")
def _century(m: re.Match, ctx: _Ctx) -> _Result | None:
    n = _day_number(m.group("n"))
    if not n:
        return None
    return _Result("DATE", f"{n - 1:02d}", _mod(m.group("mod")))


@_rule("year", rf"(?:(?P<mod>{_MODP})(?:\s+|-))?(?:(?P<pre>post|pre|mid)-)?"
              rf"(?:(?P<fy>(?:the\s+)?(?:fiscal|calendar|model)(?:\s+year)?|the\s+year|FY)[-\s]*)?"
              rf"(?:(?P<y>{_YEAR4})(?![\d\w'’]|['’]s|\s*(?:%|percent))|(?P<yw>{_YEARW})|(?-i:FY)['’]?(?P<yy>\d\d)(?![\d\w]))")
def _year_rule(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("y"):
        before = ctx.text[max(0, m.start() - 2):m.start()]
        if re.search(r"[$#€£,.]$|\d\s$", before) or re.match(r"[,.]\d", ctx.text[m.end():m.end() + 2]):
            return None  # an amount ("$1990", "1,990") or a decimal, not a year
    if m.group("yy"):
        yy = int(m.group("yy"))
        y = yy + (1900 if yy >= 50 else 2000)
    else:
        y = _year(m.group("y") or m.group("yw"))
    if y is None:
        return None
    pre = (m.group("pre") or "").lower()
    mod = {"post": "AFTER", "pre": "BEFORE", "mid": "MID"}.get(pre) or _mod(m.group("mod"))
    p = Value("Y", date(y, 1, 1))
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, mod)


# --------------------------------------------------------------------------- quarters and halves
@_rule("quarter", rf"(?:(?P<det>the|a|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s"
                 rf"|(?:the\s+)?year-(?:earlier|ago)|the\s+(?P<y1>{_YEAR4})|(?P<y0>{_YEAR4})['’]s)[-\s]+)?"
                 r"(?:(?P<adj>fiscal|calendar|comparable|year-earlier|year-ago|same)[-\s]+)?"
                 r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]+(?:fiscal[-\s]+)?quarter(?![\w])"
                 rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{_YEAR4})(?![\d\w]))?")
def _quarter(m: re.Match, ctx: _Ctx) -> _Result | None:
    if re.match(r"s?\s+of\s+(?:a|an|the|its|his|her|their)\b(?!\s+(?:year|fiscal))",
                ctx.text[m.end():m.end() + 12], re.I):
        return None
    q = 4 if m.group("ord").lower() == "final" else _day_number(m.group("ord"))
    det = re.sub(r"\s+", " ", (m.group("det") or "").lower())
    start = m.start()
    if det in ("a", "the") and ("-" in ctx.text[m.end("ord"):m.end("ord") + 1] or det == "a"):
        start = m.start("adj") if m.group("adj") else m.start("ord")
    y = m.group("y") or m.group("y1") or m.group("y0")
    back = "year-earlier" in det or "year-ago" in det or det.startswith("last year") or \
        (m.group("adj") or "").lower() in ("year-earlier", "year-ago")
    if y:
        year = int(y)
    elif _apposed(ctx, m.start()) and not back:
        year = ctx.anchor.day.year
    elif ctx.dct is None:
        return _Result("DATE", f"XXXX-Q{q}", None, start, m.end())
    else:
        year = ctx.dct.year
        if det.startswith("next year"):
            year += 1
        elif det.startswith("this year"):
            pass
        else:
            current = (ctx.dct.month - 1) // 3 + 1
            tense = ctx.tense(m.start(), m.end())
            if q > current and tense != "future":
                year -= 1
            elif q < current and tense == "future" and q <= current - 2:
                year += 1
        if back:
            year -= 1
    p = Value("Q", date(year, 3 * q - 2, 1))
    if not back:
        ctx.quarter, ctx.quarter_pos = p, m.start()
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, None, start, m.end())


@_rule("period_code", rf"(?-i:(?P<k>Q|H)(?P<n>[1-4])|(?P<n2>[1-4])(?P<k2>Q|H))"
                      rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{_YEAR4})(?![\d\w])|\s*['’]?(?P<yy>\d\d)(?![\d\w]))?(?![\w])")
def _period_code(m: re.Match, ctx: _Ctx) -> _Result | None:
    """Analyst shorthand: 'Q3 2024', '3Q98', 'H1 2025'."""
    kind = m.group("k") or m.group("k2")
    n = int(m.group("n") or m.group("n2"))
    if kind == "H" and n > 2:
        return None
    if m.group("y"):
        year: int | None = int(m.group("y"))
    elif m.group("yy"):
        yy = int(m.group("yy"))
        year = yy + (1900 if yy >= 50 else 2000)
    elif kind == "Q" or re.search(r"\b(?:in|for|the|first|second)\s+$",
                                  ctx.text[max(0, m.start() - 8):m.start()], re.I):
        year = ctx.dct.year if ctx.dct else None
    else:
        return None  # a bare "H1" is more often a name (a virus, a visa) than a half year
    if year is None:
        return _Result("DATE", f"XXXX-{kind}{n}", None)
    p = Value(kind, date(year, 3 * n - 2 if kind == "Q" else 6 * n - 5, 1))
    _remember(ctx, p, m.start())
    if kind == "Q":
        ctx.quarter, ctx.quarter_pos = p, m.start()
    return _Result("DATE", p.value, None)


@_rule("the_quarter", r"(?P<det>the|this|that|its|last\s+year['’]s|this\s+year['’]s)\s+"
                     r"(?:(?P<adj>latest|current|recent|most\s+recent|comparable|corresponding|year-earlier|year-ago"
                     r"|just-ended|just\s+ended|previous|preceding|prior|same|fiscal|(?P<y>(?:1[6-9]|20)\d\d))[-\s]+){0,2}"
                     r"(?P<u>quarter|period)(?![\w-])"
                     r"(?P<ago>\s+a\s+year\s+(?:ago|earlier)|\s+(?:of\s+)?last\s+year|\s+(?:of\s+)?the\s+previous\s+year)?")
def _the_quarter(m: re.Match, ctx: _Ctx) -> _Result | None:
    det = re.sub(r"\s+", " ", m.group("det").lower())
    words = m.group().lower()
    if m.group("u").lower() == "period":
        if not re.search(r"latest|year-earlier|year-ago|comparable|corresponding|same|\d{4}", words):
            return None
        if re.search(r"same|comparable|corresponding", words) and not re.search(r"year|\d{4}", words):
            return None
    back = bool(re.search(r"year-earlier|year-ago|comparable|corresponding|last year|previous year", words)
                or m.group("ago"))
    if ctx.dct is None and ctx.quarter is None:
        return _Result("DATE", "XXXX-QX", None)
    if ("current" in words or det == "this") and ctx.dct:
        base = Value("Q", ctx.dct)
    elif det == "that" and ctx.anchor is not None and ctx.anchor.gran == "Q":
        base = ctx.anchor
    elif ("latest" in words or ctx.quarter is None) and ctx.dct:
        base = Value("Q", shift(ctx.dct, "Q", -1, clamp=True))
    else:
        base = ctx.quarter
    if m.group("y"):
        base = Value("Q", date(int(m.group("y")), base.day.month, 1))
    elif back:
        base = Value("Q", shift(base.day, "Y", -1, clamp=True))
    _remember(ctx, base, m.start())
    if ctx.quarter is None and not back:
        ctx.quarter, ctx.quarter_pos = base, m.start()
    return _Result("DATE", base.value, None)


@_rule("year_ago_adj", r"(?:the\s+)?(?P<w>year-earlier|year-ago|year-end|year\s+end|year['’]s\s+end)(?![\w-])")
def _year_ago_adj(m: re.Match, ctx: _Ctx) -> _Result | None:
    w = m.group("w").lower()
    start = m.start("w")
    if "end" in w:
        since = re.search(r"\bsince\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.I)
        year = str(ctx.dct.year - (1 if since else 0)) if ctx.dct else "XXXX"
        if w == "year-end":  # the closing day of the (fiscal) year, as a date
            return _Result("DATE", f"{year}-12-31", None, start, m.end())
        return _Result("DATE", year, "END", start, m.end())
    if _in_quarter_context(ctx, m.start()):
        return _Result("DATE", Value("Q", shift(ctx.quarter.day, "Y", -1, clamp=True)).value, None, start, m.end())
    if ctx.dct is None:
        return _Result("DATE", "XXXX", None, start, m.end())
    return _Result("DATE", str(ctx.dct.year - 1), None, start, m.end())


@_rule("nth_day", rf"(?P<det>the|its|his|her|their)\s+(?P<o>{_ORDW}|\d{{1,2}}(?:st|nd|rd|th))\s+"
                 r"(?:(?:straight|consecutive|full)\s+)?day(?![\w-])")
def _nth_day(m: re.Match, ctx: _Ctx) -> _Result | None:
    """'It's the second day of the offensive': a day counted within an event; in the present
    tense it is the DCT, otherwise an unresolved day."""
    start = m.start() if m.group("det").lower() == "the" else m.start("o")
    present = re.search(r"(?:\b(?:is|are)|['’]s)\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.I)
    if ctx.dct is not None and (present or ctx.tense(m.start(), m.end()) == "present"):
        return _Result("DATE", ctx.dct.isoformat(), None, start, m.end())
    return _Result("DATE", "XXXX-XX-XX", None, start, m.end())


@_rule("half", rf"(?:the\s+)?(?P<o>first|second|last|latter|back)[-\s]+half(?![\w])"
              rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{_YEAR4})(?![\d\w])|(?P<rel>this|last|next|the)\s+year))?")
def _half(m: re.Match, ctx: _Ctx) -> _Result | None:
    if not (m.group("y") or m.group("rel")) and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None
    h = 1 if m.group("o").lower() == "first" else 2
    if m.group("y"):
        y = int(m.group("y"))
    elif ctx.dct is None:
        return _Result("DATE", f"XXXX-H{h}", None)
    else:
        y = ctx.dct.year + {"last": -1, "next": 1}.get((m.group("rel") or "").lower(), 0)
        if not m.group("rel"):
            current = 1 if ctx.dct.month <= 6 else 2
            if h > current and ctx.tense(m.start(), m.end()) != "future":
                y -= 1
    p = Value("H", date(y, 1 if h == 1 else 7, 1))
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, None)


# --------------------------------------------------------------------------- sets
@_rule("set", rf"(?P<q>every\s+other|every|each|once\s+(?:a|an|per|every)|twice\s+(?:a|an|per|every)"
             rf"|(?:{_NUM})\s+times\s+(?:a|an|per|every|each))\s+"
             rf"(?:(?P<n>{_NUM})\s+)?(?P<x>{_UNIT}|{_WEEKDAY}|{_MONTH_FULL}|{_SEASON}|{_POD}|weekend)(?![\w])"
             rf"|(?P<adv>{_alt(ADVERB_SETS)})")
def _set(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("adv"):
        return _Result("SET", ADVERB_SETS[m.group("adv").lower()], None)
    x = m.group("x").lower()
    q = re.sub(r"\s+", " ", m.group("q").lower())
    n = _number(m.group("n")) if m.group("n") else 1.0
    if q.startswith("every other"):
        n = 2.0
    if x in WEEKDAYS:
        return _Result("SET", f"XXXX-WXX-{WEEKDAYS[x]}", None)
    if x in MONTHS:
        return _Result("SET", f"XXXX-{MONTHS[x]:02d}", None)
    if x in SEASONS:
        return _Result("SET", f"XXXX-{SEASONS[x]}", None)
    if x in PARTS_OF_DAY:
        return _Result("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[x]}", None)
    if x == "weekend":
        return _Result("SET", "XXXX-WXX-WE", None)
    if n is None:
        return None
    if q.startswith(("every", "each")) and x.endswith("s") and m.group("n") is None:
        return None
    return _Result("SET", _duration(n, x), None)


@_rule("per_unit", r"(?P<a>a|an|per)\s+(?P<u>year|month|week|day|hour|quarter)(?![\w-])"
                  r"(?!\s+(?:ago|earlier|later|before|after|or|and|from|of|in|to|on)\b)")
def _per_unit(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("a").lower() != "per":
        before = ctx.text[max(0, m.start() - 30):m.start()]
        if not re.search(r"(?:\d|%|\bpercent|\bmillion|\bbillion|\bthousand|\bcents?|\bdollars?|\btimes"
                         r"|\bonce|\btwice|\bpounds|\byen|\bmarks|\btons|\bbarrels|\bshares)\W{0,3}$", before, re.I):
            return None
    return _Result("SET", _duration(1, m.group("u")), None)


# --------------------------------------------------------------------------- anchored to an event or a date
_ANCHORED_UNITS = {"day": "D", "night": "D", "week": "W", "month": "M", "year": "Y"}
#: What may follow "the day before": words that name an event or a date (not punctuation, "that").
_ANCHOR_START = re.compile(r"(?!(?:that|this|then|and|or|but|it|he|she|they|we|I|you)\b)[\w'’\"“$]")


@_rule("anchored", r"(?P<det>the|a|one|(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                   r"|a\s+few|several))\s+(?P<u>day|night|week|month|year)(?P<pl>s)?\s+(?P<side>before|after)\s+")
def _anchored(m: re.Match, ctx: _Ctx) -> _Result | None:
    """'the day before the son reported him missing', 'two days after the vote', 'the day before last
    Tuesday's hearing': a span counted from an event or a date named right after it. From a date the
    value is that date moved by the span; from an event it is the span (a duration) or an unresolved
    day, with the offset and where the event is named kept for the timeline (never a date guessed
    from elsewhere). Apposed to a date ("Oct. 12, the day before the crash") it is that date."""
    det = m.group("det").lower()
    n_word = m.group("n")
    plural = bool(m.group("pl"))
    if (n_word is None or n_word.lower() == "a") == plural or (n_word and n_word.lower() in ("a few", "several")):
        return None  # "the days before", "several days after": no count to move by
    if not _ANCHOR_START.match(ctx.text, m.end()):
        return None
    u = m.group("u").lower()
    gran = _ANCHORED_UNITS[u]
    n = 1 if n_word is None or n_word.lower() == "a" else int(_number(n_word) or 0)
    if n < 1:
        return None
    sign = -1 if m.group("side").lower() == "before" else 1
    got = _apply(ctx.text, m.end(), ctx)
    if got is not None:
        sub, res, _ = got
        ref = parse(res.value) if res.type in ("DATE", "TIME") else None
        if ref is not None and ref.gran in ("D", "W", "M", "Y") and \
                GRANULARITIES.index(ref.gran) <= GRANULARITIES.index(gran):
            # "two weeks after March 3" is a day; "the week after Christmas" is that week
            p = Value(gran if det == "the" and n_word is None else ref.gran, shift(ref.day, gran, sign * n))
            _remember(ctx, p, m.start())
            return _Result("DATE", p.value, None, m.start(), sub.end() if res.end is None else res.end,
                           offset(sign, n, gran))
        return None
    span_end = m.start("side")
    span_end -= len(ctx.text[m.start():span_end]) - len(ctx.text[m.start():span_end].rstrip())
    start = m.start()
    if n_word is None and det == "the":  # "the day before X"
        before = ctx.text[max(0, m.start() - 3):m.start()]
        if ctx.anchor is not None and ctx.anchor.gran == gran and before.endswith(", ") and \
                0 <= m.start() - ctx.anchor_pos < 40:
            return _Result("DATE", ctx.anchor.value, None, start, span_end)  # "Oct. 12, the day before the crash"
        return _Result("DATE", unresolved(gran), None, start, span_end, offset(sign, n, gran), m.end())
    return _Result("DURATION", _duration(n, u), None, start, span_end, offset(sign, n, gran), m.end())


# --------------------------------------------------------------------------- N units ago / earlier
_AGO = r"ago|earlier|from\s+now|hence"


@_rule("ago", rf"(?:(?P<q>{_QUANT})\s+)?(?:(?P<n>{_NUM})|(?P<v>{_VAGUE}))?[-\s]+(?P<u>{_UNIT})"
             rf"(?:\s+or\s+so)?\s+(?P<dir>{_AGO})(?![\w])"
             rf"|(?P<u2>{_UNIT_PL})\s+(?P<dir2>ago)(?![\w])")
def _ago(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("u2"):
        return _Result("DATE", "PAST_REF", None)
    unit = m.group("u")
    direction = re.sub(r"\s+", " ", m.group("dir").lower())
    sign = -1 if direction in ("ago", "earlier") else 1
    mod = _mod(m.group("q"))
    if m.group("v") or m.group("n") is None:
        if m.group("n") is None and m.group("v") is None and not unit.lower().endswith("s"):
            return None
        return _Result("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    n = _number(m.group("n"))
    if n is None:
        return None
    if UNITS[_unit_key(unit)][0].startswith("T"):
        return _Result("DURATION", _duration(n, unit), mod)
    gran = _gran(unit)
    count = n * _unit_count(unit)
    ref = _ago_reference(m, ctx, gran, direction)
    if ref is None or count != int(count):
        return _Result("DATE", unresolved(gran), mod)
    out_gran = gran
    if gran == "Y" and _after_period(ctx, m.start()):
        pass  # "for the nine months ... a year earlier": the year
    elif ref.gran == "Q" and gran == "Y":
        out_gran = "Q"
    elif direction == "earlier" and GRANULARITIES.index(ref.gran) < GRANULARITIES.index(gran) and \
            (gran != "Y" or 0 <= m.start() - ctx.anchor_pos < ANCHOR_REACH):
        out_gran = ref.gran
    shift_unit, k = ("Y", int(count) * (10 if gran == "E" else 100)) if gran in ("E", "C") else (gran, int(count))
    try:
        d = shift(ref.day, shift_unit, sign * k)  # "3000 years ago" names no date: ValueError
    except ValueError:
        return None
    return _Result("DATE", Value("Y" if out_gran == "E" else out_gran, d).value, mod)


def _ago_reference(m: re.Match, ctx: _Ctx, gran: str, direction: str) -> Value | None:
    """'N units ago' counts from the DCT, 'N units earlier' from the last date mentioned; in
    quarterly-results prose 'a year ago/earlier' means the same quarter a year before."""
    if gran == "Y" and _in_quarter_context(ctx, m.start()):
        return ctx.quarter
    if direction in ("ago", "from now", "hence"):
        return Value("D", ctx.dct) if ctx.dct else None
    return _anchor(ctx, gran)


# --------------------------------------------------------------------------- durations
_DUR_REL = (r"past|last|next|first|coming|previous|preceding|final|remaining|following|latest|initial|recent|full"
            r"|entire|ensuing|succeeding|subsequent|additional|same|further|other")


@_rule("duration", rf"(?:(?P<q>{_QUANT})\s+)?(?:(?P<det>the|another|an\s+additional|all|a(?=\s+[\w.,/]+-))\s+)?"
                  rf"(?:(?P<rel>{_DUR_REL})\s+)?(?P<n>{_NUM})(?:\s*(?:to|-|or)\s*(?P<n2>{_NUM}))?"
                  r"(?:[-\s]+(?P<adj>more|additional|further|straight|consecutive|full|trading|business|working"
                  r"|calendar))?"
                  rf"[-\s]+(?P<u>{_UNIT})(?!-(?:earlier|ago|end|long)\b)(?P<half>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so)?"
                  r"(?:[-\s]+(?P<per>period|span|stretch|term|stint|interval|window))?"
                  r"(?![-\w]*-old)(?!\s+old\b)")
def _duration_rule(m: re.Match, ctx: _Ctx) -> _Result | None:
    unit = m.group("u")
    n_text = m.group("n")
    n = _number(n_text)
    if n is None:
        return None
    ul = unit.lower()
    nl = n_text.lower()
    if nl in ("a", "an") and ul.startswith("second"):
        return None
    if ul.startswith("quarter") and (nl in ("a", "an") or (re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4])
                                                          and not m.group("rel"))):
        return None
    if not m.group("rel") and not m.group("det") and re.match(r"\s*(?:%|percent)", ctx.text[m.end():m.end() + 9]):
        return None
    if unit[0].isupper() and not unit.isupper() and not ctx.text[m.start()].isalpha():
        return None  # a title: "60 Minutes"
    start = m.start()
    det = (m.group("det") or "").lower()
    hyphenated = "-" in ctx.text[m.end("n"):m.start("u")]
    if det in ("a", "the") and hyphenated and not m.group("per"):
        start = m.start("rel") if m.group("rel") else m.start("n")
        if m.group("q"):
            start = m.start()
    if m.group("half"):
        n += 0.5
    if ul.endswith("s") is False and n > 1 and "-" not in ctx.text[m.start("n"):m.end("u")] \
            and not m.group("per") and not re.match(r"[-\s]", ctx.text[m.end("n"):m.end("n") + 1]):
        return None
    value = _duration(n, unit)
    mod = _mod(m.group("q"))
    if m.group("orso"):
        mod = "APPROX"
    rel = (m.group("rel") or "").lower()
    if value in ("P2M", "P4M", "P5M", "P6M", "P7M", "P8M", "P9M", "P10M", "P11M") and \
            (det == "the" or rel in ("first", "latest")):
        ctx.period_pos = m.start()  # "for the nine months": results for a span longer than a quarter
    return _Result("DURATION", value, mod, start, m.end())


@_rule("long", rf"(?P<v>{_UNIT_PL}|(?P<n>{_NUM})[-\s]+{_UNIT_SG}|{_UNIT_SG})-long(?![\w-])")
def _long(m: re.Match, ctx: _Ctx) -> _Result | None:
    """'decades-long', 'day-long', 'two-week-long': a duration used as an adjective."""
    word = re.split(r"[-\s]+", m.group("v"))[-1]
    if m.group("n"):
        n = _number(m.group("n"))
        if m.group("n").lower() in ("a", "an"):
            return _Result("DURATION", _duration(1, word), None, m.end("n") + 1, m.end())
        return _Result("DURATION", _duration(n, word), None) if n is not None else None
    return _Result("DURATION", _duration(None if word.lower().endswith("s") else 1, word), None)


@_rule("vague_duration",
      rf"(?:(?P<det>the|these|those)\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|following|ensuing"
      rf"|intervening|subsequent|early|first|final|remaining|ensuing)\s+)?(?:(?P<v>{_VAGUE})\s+)?"
      rf"(?P<u>{_UNIT_PL})(?:\s+(?P<post>ahead|to\s+come))?(?![\w-])")
def _vague_duration(m: re.Match, ctx: _Ctx) -> _Result | None:
    u = m.group("u").lower()
    rel = (m.group("rel") or "").lower()
    if u.startswith("quarter") and not rel and not m.group("v"):
        return None
    if not (rel or m.group("v") or m.group("post")):
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:for|over|within|in|during|of|the)\s*$", before, re.I) or \
                re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
            return None
    if re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
        return None
    if rel == "coming" and u.startswith("quarter"):
        return _Result("DATE", "FUTURE_REF", None)
    start = m.start()
    if m.group("det") and not m.group("v") and rel in ("", "coming") and not m.group("post"):
        start = m.start("rel") if rel else m.start("u")
    return _Result("DURATION", _duration(None, u), None, start, m.end())


# --------------------------------------------------------------------------- this/last/next unit
_RU_REL = (r"this\s+past|this\s+coming|the\s+past|the\s+previous|the\s+following|the\s+next|the\s+coming"
           r"|the\s+current|the\s+same|the\s+latest|the\s+last|the\s+prior|the\s+preceding|the\s+full"
           r"|the\s+entire|the\s+whole|the\s+first|that\s+same|last|this|next|that|coming|past|previous|following|current|the")


_STEP = {"last": -1, "past": -1, "the past": -1, "the last": -1, "this past": -1, "the latest": -1,
         "previous": -1, "next": 1, "coming": 1, "the coming": 1, "this coming": 1, "the next": 1}
_ANAPHORIC = {"the previous": -1, "the prior": -1, "the preceding": -1, "the following": 1, "following": 1,
              "that": 0, "the same": 0}
_GRAN = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "E", "century": "C",
         "quarter": "Q", "day": "D"}


@_rule("relunit", rf"(?:(?P<mod>{_MODP})(?:\s+|-))?(?:(?P<rel>{_RU_REL})\s+)"
                 r"(?:(?P<fy>fiscal|calendar)\s+)?(?P<u>weekend|week|month|year|decade|century|quarter|day"
                 r"|morning|afternoon|evening|night)(?![\w-])"
                 r"(?!\s+(?:earlier|ago)\b)(?:\s+(?P<side>before|after|earlier|later)(?=\s*(?:[,.;:!?)'\"]|$)))?")
def _relunit(m: re.Match, ctx: _Ctx) -> _Result | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    if m.group("side"):
        return _day_before(m, ctx, rel)
    u = m.group("u").lower()
    mod = _mod(m.group("mod"))
    after = ctx.text[m.end():m.end() + 20]
    if _is_title(m, ctx):
        return None
    if u in ("morning", "afternoon", "evening", "night"):
        return _relative_pod(m, ctx, rel, u, mod)
    if rel == "the" and u == "week" and re.match(r"\s+of\s+", after):
        return _week_of(m, ctx)
    if rel in ("the", "the first", "the whole", "the entire", "the full") and \
            re.match(r"\s+(?:of|in|that|when)\b", after):
        return None
    gran = _GRAN[u]
    if rel in ("the first", "the whole", "the entire") or (rel == "the full" and u != "year"):
        if rel == "the first" and u != "year":
            return None
        return _Result("DURATION", _duration(1, u) if u != "weekend" else "P2D", mod)
    if gran == "C" and rel in ("the past", "the last"):
        return _Result("DURATION", "P100Y", mod)
    if gran == "E" and rel in ("the past", "the last", "past", "last"):
        return _Result("DURATION", "P10Y", mod)
    if gran == "D":
        return _relative_day(m, ctx, rel, mod)
    if rel in _ANAPHORIC:
        ref = _anchor(ctx, gran)
        if ref is None:
            return _Result("DATE", unresolved(gran), mod)
        p = Value(gran, shift(ref.day, "W" if gran == "WE" else gran, _ANAPHORIC[rel], clamp=True))
        return _Result("DATE", p.value, mod)
    if ctx.dct is None:
        return _Result("DATE", unresolved(gran), mod)
    if gran == "Q":
        return _relative_quarter(m, ctx, rel, mod)
    if gran == "WE":
        return _weekend(m, ctx, rel, mod)
    if rel == "the" and not mod:
        if u == "year" and re.match(r"\s+(?:ended|ending)\b", after):
            return _Result("DURATION", "P1Y", mod)  # "the year ended March 31": a fiscal year as a span
        if u in ("week", "month") and ctx.anchor is not None and ctx.anchor.gran == gran:
            return _Result("DATE", ctx.anchor.value, mod)
        if gran in ("E", "C"):
            return _Result("DURATION", _duration(1, u), mod)
    p = Value(gran, shift(ctx.dct, gran, _STEP.get(rel, 0), clamp=True))
    if gran not in ("E", "C"):
        _remember(ctx, p, m.start())
    return _Result("DATE", p.value, mod)


def _day_before(m: re.Match, ctx: _Ctx, rel: str) -> _Result | None:
    """'the day before', 'the week after' standing alone: one unit from the last date mentioned."""
    if rel not in ("the", "a"):
        return None
    u = m.group("u").lower()
    pod = PARTS_OF_DAY.get(u)
    gran = "D" if pod else _GRAN.get(u)
    if gran not in ("D", "W", "M", "Y"):
        return None
    sign = -1 if m.group("side").lower() in ("before", "earlier") else 1
    ref = _anchor(ctx, gran)
    if ref is None:
        return _Result("TIME", "XXXX-XX-XXT" + pod, None) if pod else _Result("DATE", unresolved(gran), None)
    p = Value(gran, shift(ref.day, gran, sign, clamp=True))
    _remember(ctx, p, m.start())
    return _Result("TIME", f"{p.value}T{pod}", None) if pod else _Result("DATE", p.value, None)


def _is_title(m: re.Match, ctx: _Ctx) -> bool:
    """'This Week', "60 Minutes": capitalised words inside a sentence name a programme, not a time."""
    words = m.group().split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or m.group().isupper():
        return False
    before = ctx.text[max(0, m.start() - 3):m.start()]
    return bool(re.search(r"[a-z,\"“'‘]\s*$", before))


def _relative_day(m: re.Match, ctx: _Ctx, rel: str, mod: str | None) -> _Result | None:
    """'the day' (the day last mentioned), 'the previous day', 'the next day'."""
    if rel in ("the", "that", "that same"):
        if ctx.anchor is not None and ctx.anchor.gran == "D" and m.start() - ctx.anchor_pos < 600:
            return _Result("DATE", ctx.anchor.value, mod)
        return _Result("DATE", "XXXX-XX-XX", mod) if rel != "the" else None
    step = {"the previous": -1, "the prior": -1, "the preceding": -1, "previous": -1,
            "the following": 1, "following": 1, "the next": 1, "next": 1, "the same": 0}.get(rel)
    if step is None:
        return None
    ref = _anchor(ctx)
    if ref is None:
        return _Result("DATE", "XXXX-XX-XX", mod)
    p = Value("D", add_days(ref.day, step))
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, mod)


def _week_of(m: re.Match, ctx: _Ctx) -> _Result | None:
    dm = re.match(rf"\s+of\s+(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})(?:,?\s+(?P<y>{_YEAR4}))?",
                  ctx.text[m.end():m.end() + 40], re.I)
    if not dm:
        return None
    value = _month_day_value(dm.group("mon"), dm.group("d"), dm.group("y"), m, ctx)
    if not value or not value[0].isdigit():
        return None
    p = Value("W", date.fromisoformat(value))
    return _Result("DATE", p.value, None, m.start(), m.end() + dm.end())


def _relative_quarter(m: re.Match, ctx: _Ctx, rel: str, mod: str | None) -> _Result | None:
    dct = ctx.dct
    if rel in ("the", "the latest") and ctx.quarter is not None:
        return _Result("DATE", ctx.quarter.value, mod)
    step = -1 if rel == "the" else _STEP.get(rel, 0)  # "the quarter" with none mentioned: the last reported
    p = Value("Q", shift(dct, "Q", step, clamp=True))
    _remember(ctx, p, m.start())
    if rel in ("the", "the latest", "the current", "this", "current"):
        ctx.quarter, ctx.quarter_pos = p, m.start()
    return _Result("DATE", p.value, mod)


def _weekend(m: re.Match, ctx: _Ctx, rel: str, mod: str | None) -> _Result | None:
    dct = ctx.dct
    if rel in ("last", "the past", "past", "this past"):
        sat = _weekday_date(add_days(dct, -1), 6, "past")
    elif rel in ("next", "the coming", "coming", "this coming"):
        sat = _weekday_date(add_days(dct, 1), 6, "future")
    elif rel == "this":
        sat = _weekday_date(dct, 6, "future") if dct.isoweekday() < 6 else _weekday_date(dct, 6, "past")
    else:
        tense = ctx.tense(m.start(), m.end())
        if tense == "future":
            sat = _weekday_date(dct, 6, "future")
        else:
            sat = _weekday_date(dct, 6, "past") if dct.isoweekday() != 6 else dct
    p = Value("WE", sat)
    _remember(ctx, p, m.start())
    return _Result("DATE", p.value, mod)


def _relative_pod(m: re.Match, ctx: _Ctx, rel: str, u: str, mod: str | None) -> _Result | None:
    pod = PARTS_OF_DAY[u]
    if rel in ("this", "last") or (rel == "the" and u != "night"):
        if rel == "the":
            if ctx.anchor is None or ctx.anchor.gran != "D":
                return None
            before = ctx.text[max(0, m.start() - 12):m.start()]
            if re.search(r"\b(?:in|at)\s*$", before, re.I) and ctx.anchor_pos < m.start() - 200:
                return None
            d = ctx.anchor.day
        elif ctx.dct is None:
            return _Result("TIME", f"XXXX-XX-XXT{pod}", mod)
        else:
            d = add_days(ctx.dct, -1 if rel == "last" and u in ("night", "evening") else 0)
            if rel == "last" and u in ("morning", "afternoon"):
                d = add_days(ctx.dct, -1)
        return _Result("TIME", f"{d.isoformat()}T{pod}", mod)
    if rel in ("the next", "the following", "the previous", "that"):
        ref = _anchor(ctx)
        if ref is None:
            return _Result("TIME", f"XXXX-XX-XXT{pod}", mod)
        step = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
        d = add_days(ref.day, step)
        return _Result("TIME", f"{d.isoformat()}T{pod}", mod)
    return None


# --------------------------------------------------------------------------- parts of day alone
@_rule("pod", rf"(?:(?P<mod>early|late|mid)(?:\s+|-))(?P<pod>{_POD})(?:\s+(?P<rest>today|yesterday|tomorrow))?"
             r"|(?P<w>tonight|overnight)")
def _pod(m: re.Match, ctx: _Ctx) -> _Result | None:
    if m.group("w"):
        if m.group("w").lower() == "overnight":
            before = ctx.text[max(0, m.start() - 20):m.start()]
            if not re.search(r"\b(?:was|were|had|fell|rose|[a-z]+ed)\s*$", before, re.I):
                return None
        if ctx.dct is None:
            return _Result("TIME", "XXXX-XX-XXTNI", None)
        return _Result("TIME", f"{ctx.dct.isoformat()}TNI", None)
    pod = PARTS_OF_DAY[m.group("pod").lower()]
    day = _day_of_rest(m.group("rest"), m, ctx)
    return _Result("TIME", f"{day or 'XXXX-XX-XX'}T{pod}", _mod(m.group("mod")))


# --------------------------------------------------------------------------- present/past/future references
_ADJECTIVE_USE = re.compile(
    r"\s+(?!(?:of|and|or|to|in|on|at|for|with|is|was|are|were|has|had|have|will|would|could|can|may|might"
    r"|must|should|shall|did|does|do|that|when|as|but|than|because|if|so|we|i|you|they|he|she|it|there"
    r"|looks|holds|lies|remains)\b)[a-z]")


_AFTER_PREPOSITION = re.compile(r"\b(?:of|in|into|for|to|from|about|with|on|at|by|toward|towards|than|over"
                                r"|through|until|since|like)\s+$", re.I)


@_rule("ref", rf"(?P<r>{_REF})")
def _ref(m: re.Match, ctx: _Ctx) -> _Result | None:
    r = re.sub(r"\s+", " ", m.group("r").lower())
    after = ctx.text[m.end():m.end() + 24]
    before = ctx.text[max(0, m.start() - 24):m.start()]
    if r == "current" and re.match(r"\s+(?:accounts?|events|affairs|and\s+former|or\s+former|flows?)\b", after, re.I):
        return None
    if r == "previously" and not re.search(r"\b(?:has|have|had|was|were|is|are|been)(?:\s+not|n['’]t)?\s+$",
                                           before, re.I):
        return None  # "has previously dismissed" is a time reference; "a previously announced plan" is not
    if r == "previously" and re.search(r"\bas\s+(?:was|is|had been|has been)\s+$", before, re.I):
        return None  # "as was previously reported"
    if r in ("the past", "the present", "the future") and _ADJECTIVE_USE.match(after) \
            and not _AFTER_PREPOSITION.search(before):
        return None  # "the past minister", "the present government": an adjective, not a time
    if r == "the past" and re.match(rf"\s+(?:{_NUM}|{_VAGUE})[-\s]+\w+", after, re.I):
        return None  # "the past three summers": a span this tagger has no unit for
    if r == "soon" and (re.search(r"\b(?:as|so|too|how|very)\s+$", before, re.I)
                        or re.match(r"\s*(?:after|afterwards?|thereafter|as|than)\b", after, re.I)
                        or (ctx.tense(m.start(), m.end()) == "past"
                            and not re.search(r"\b(?:to|will|would|may|might|could|should|shall)\s+$", before, re.I))):
        return None  # "soon after the attack", "as soon as", "was soon released": no reference of its own
    if r == "future" and not re.match(r"\s+(?:quarters?|years?|months?|periods?|generations?|dates?)\b", after, re.I):
        return None
    if r == "recent" and not re.match(r"\s+(?:days?|weeks?|months?|years?|decades?|times|history|past|sessions?"
                                      r"|quarters?|periods?|trading|weeks|memory)\b", after, re.I):
        return None
    return _Result("DATE", REFS[r], None)


@_rule("then", r"(?:(?<=until\s)|(?<=till\s)|(?<=by\s))then(?![\w])")
def _then(m: re.Match, ctx: _Ctx) -> _Result | None:
    """'until then', 'by then': the date last mentioned, when it is close by."""
    if ctx.anchor is None or not 0 <= m.start() - ctx.anchor_pos < ANCHOR_REACH:
        return None
    return _Result("DATE", ctx.anchor.value, None)


_DAY_RANGE_HEAD = re.compile(rf"(?:{_MONTH})\s+{_DAYNUM}\s+(?:and|or|to|through)\s+$", re.I)


@_rule("day_tail", r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w,:/-]|\.\d)"
                  r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:in|at|on|when|during|for|of|respectively|at)\b)")
def _day_tail(m: re.Match, ctx: _Ctx) -> _Result | None:
    """The second day of 'on April 24 and 25': the month (and year) of the day just before."""
    anchor = ctx.anchor
    if anchor is None or anchor.gran != "D" or not _DAY_RANGE_HEAD.fullmatch(ctx.text, ctx.anchor_pos, m.start()):
        return None
    d = int(m.group("d"))
    if d <= anchor.day.day:
        return None
    try:
        day = anchor.day.replace(day=d)
    except ValueError:
        return None
    return _Result("DATE", day.isoformat(), None)


# =========================================================================== matcher
def _strip_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _trie(words) -> str:
    """A regular expression for a set of words, factored as a trie (fast to reject a non-match)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return emit(root)


#: Words that can begin an expression besides the calendar vocabulary: determiners, modifiers,
#: quantifiers. A match must start with one of these, a vocabulary word or a digit; checking that
#: first (one trie) lets the scanner skip most words without trying every rule.
_PREFIX_WORDS = """the a an this that these those its last next past coming previous following current recent
early earlier late later mid each every other once twice per at more less fewer nearly almost just up no under
around approximately roughly shortly all another few several many some numerous fiscal calendar model post pre
fy final latest year year-earlier year-ago half right most as first second third fourth 1st 2nd 3rd 4th
couple dozen q1 q2 q3 q4 h1 h2 then""".split()


def _first_words() -> list[str]:
    words = set(_PREFIX_WORDS)
    for table in (MONTHS, WEEKDAYS, SEASONS, PARTS_OF_DAY, CLOCK_WORDS, HOLIDAYS, REFS, MODS, QUANTS, CARDINALS,
                  ORDINALS, VAGUE, UNITS, ADVERB_SETS):
        for phrase in table:
            first = re.split(r"[\s-]+", phrase.lower())[0]
            words.add(first.rstrip("."))
    words |= {u + "s" for u in UNITS} | {"centuries", "millennia", "weekend", "weekends", "today", "tonight",
                                          "yesterday", "tomorrow", "overnight", "nineteen", "thousand", "period"}
    words |= set(_DECADE_WORDS)
    words |= {w + "s" for w in WEEKDAYS}
    return sorted(w for w in words if w)


#: Where an expression may begin: not inside a word or after a currency sign, and at a digit or one of
#: :func:`_first_words`. The group is the dispatch key: the word there and the four characters after
#: it (a digit and the one after it), which :func:`_rules_for` reads the candidate rules from.
_CANDIDATE = re.compile(
    r"(?<![\w$£€])(?=\d|['’]\d|fy\d|(?:" + _trie(_first_words()) + r")(?![\w]))"
    r"(?=(\d[\s\S]?|['’]\d|\w*[\s\S]{0,4}))",
    re.I)

#: dispatch key -> the rules (in order) that may match where the text begins with it, and the states
#: of their patterns after it (:func:`toolkit.time.prefix.advance`); memoised.
_DISPATCH: dict[str, tuple[tuple[_Rule, ...], tuple[States, ...]]] = {}
_DISPATCH_MAX = 100_000  # keys (some 45,000 for the 840 polnear articles, ~23 MB)


def _rules_for(key: str) -> tuple[_Rule, ...]:
    """The rules, in their order, that can match text beginning with ``key``
    (:func:`toolkit.time.prefix.may_match`); only these are tried there, which finds the same
    expressions as trying every rule, since no other rule can match.

    >>> [r.name for r in _rules_for("yesterday,")], [r.name for r in _rules_for("Friday")]
    (['today'], ['weekday_date', 'day_month', 'weekday'])
    """
    return _dispatch(key)[0]


def _dispatch(key: str) -> tuple[tuple[_Rule, ...], tuple[States, ...]]:
    got = _DISPATCH.get(key)
    if got is None:
        if key:
            rules, states = _dispatch(key[:-1])
            ch = key[-1]
            pairs = [(rl, after) for rl, before in zip(rules, states) if (after := advance(rl.regex, before, ch))]
        else:
            pairs = [(rl, start(rl.regex)) for rl in _RULES]
        got = (tuple(rl for rl, _ in pairs), tuple(st for _, st in pairs))
        if len(_DISPATCH) >= _DISPATCH_MAX:
            _DISPATCH.clear()
        _DISPATCH[key] = got
    return got


def _apply(text: str, pos: int, ctx: _Ctx) -> tuple[re.Match, _Result, str] | None:
    """Try the rules at ``pos`` (a candidate start, :data:`_CANDIDATE`, else nothing is found); the first
    one that matches and is accepted wins."""
    cand = _CANDIDATE.match(text, pos)
    return _apply_rules(text, pos, _rules_for(cand.group(1)), ctx) if cand else None


def _apply_rules(text: str, pos: int, rules: Sequence[_Rule], ctx: _Ctx) -> tuple[re.Match, _Result, str] | None:
    """Try ``rules`` in order at ``pos``; the first one that matches and is accepted wins."""
    for rl in rules:
        sub = rl.regex.match(text, pos)
        if sub is None or sub.end() == pos:
            continue
        try:
            res = rl.handler(sub, ctx)
        except (ValueError, OverflowError):
            # Only a date past the calendar's ends (year 0, year 10000: a DCT near date.min or
            # date.max) gets here, the arithmetic of values.py holds at the ends; such an
            # expression names no day, so the rule does not apply and the text goes on.
            continue
        if res is not None:
            return sub, res, rl.name
    return None


def tag_timexes(text: str, *, dct: date | datetime | None = None,
                sentences: Sequence[tuple[int, int]] | None = None) -> list[Timex]:
    """Find and normalise temporal expressions relative to the document creation time (dct).

    ``sentences`` (character spans) are used, if given, to bound the tense context; otherwise
    sentence boundaries are found with a cheap regular expression around each match.
    """
    return [tx for tx, _ in tag_with_rules(text, dct=dct, sentences=sentences)]


def rule_names() -> list[str]:
    """The names of the tagger's rules, in the order they are tried.

    >>> rule_names()[:3]
    ['clock', 'weekday_date', 'day_month']
    """
    return [r.name for r in _RULES]


def tag_with_rules(text: str, *, dct: date | datetime | None = None,
                   sentences: Sequence[tuple[int, int]] | None = None) -> list[tuple[Timex, str]]:
    """:func:`tag_timexes` with the name of the rule that made each expression (see
    ``data/time/timex_rules.tsv`` for each rule's examples).

    >>> [(t.text, rule) for t, rule in tag_with_rules("They met on Friday, two days ago.", dct=date(2024, 10, 21))]
    [('Friday', 'weekday'), ('two days ago', 'ago')]
    """
    if isinstance(dct, datetime):
        dct = dct.date()
    spans = sorted(sentences) if sentences else None
    ctx = _Ctx(text, dct, spans, [s for s, _ in spans] if spans else [])
    out: list[tuple[Timex, str]] = []
    pos = 0
    for cand in _CANDIDATE.finditer(text):
        at = cand.start()
        if at < pos:
            continue
        got = _apply_rules(text, at, _rules_for(cand.group(1)), ctx)
        if got is None:
            continue
        sub, res, rule = got
        start = sub.start() if res.start is None else res.start
        end = sub.end() if res.end is None else res.end
        out.append((Timex(start, end, text[start:end], res.type, res.value, res.mod, res.offset, res.anchor_at),
                    rule))
        pos = max(end, at + 1)
    return out
