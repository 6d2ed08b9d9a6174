"""Events and the timeline: what happened when, and who was involved.

:func:`find_events` attaches each temporal expression (a :class:`~toolkit.time.timex.Timex`) to the
event it dates and places statements that carry no date of their own; :func:`interval` turns
any TIMEX3 value into the calendar interval it stands for; :func:`timeline` orders the events
of one or many documents.

**Which event a date belongs to.** There is no parser; clauses are found from the POS tags:
verb groups ("has previously dismissed", "could not confirm"), clause boundaries (punctuation,
subordinators such as *that*/*which*/*whether*, and *and*/*but* before a verb or a new clause)
and quotation marks. An expression then dates, in this order of preference:

1. the noun it modifies — "last week's report", "the June summit" — or an *event noun*
   (``data/lexicon/event_nouns.tsv``, or a noun in -tion/-sion/-ing) that stands in a prepositional
   phrase or as a subject right before it: "signing a treaty at **a summit in June**",
   "after **a phone call on Monday** with ...". The direct object of a verb does not count:
   in "announced its decision on Monday" Monday dates the announcing;
2. the verb group it sits inside: "has **previously** dismissed";
3. the nearest finite verb of its own clause ("said **last week** that ..." → said;
   "and **on Sunday** called for ..." → called), else the nearest non-finite one
   ("signing ... in June");
4. for a fronted adverbial ("On Monday, the ministry ...") the first main verb after it;
5. else the nearest finite verb of the sentence, each clause boundary in between counting
   as twelve words. A sentence without a verb dates nothing.

Two expressions dating the same word make one event when one lies inside the other ("at
3 p.m. on Monday": the finer wins) or when they are the ends of a range ("from June to
August" → ``2024-06/2024-08``); otherwise each makes its own event. A duration or a set
("lasted three weeks", "meets every Monday") does not date its event: the event keeps the
expression's index and is placed by tense like an undated statement.

**Actors** are the actor mentions (:func:`toolkit.actors.mentions.find_mentions`, canonical names) of
the event's clause, subject first: the mentions before the verb that are not inside a
prepositional phrase (a pronoun subject is resolved with :func:`toolkit.actors.mentions.antecedent`; an
elided subject — "..., and on Sunday called" — is the subject of the verb coordinated with),
then the mentions after it up to the next verb or clause boundary. A country or body that is
only the affiliation of another actor named next to it ("Ukraine's President Volodymyr
Zelenskiy", "Russian ambassador Georgy Zinoviev") is left out, as are places and mentions
nested in a larger one. An event noun takes the actors of its clause plus those in its own
noun phrase ("a phone call ... with President Yoon").

**Undated statements** are placed only where that is *safe*: the placement follows from the
grammar of the clause and the genre (a news report, published on its DCT) alone — never from
where the sentence stands in the story or from world knowledge — so it holds whatever the
rest of the story says (tagging errors aside):

* *tense* (``anchor="tense"``, needs the publication date, the DCT): the main clause of a
  sentence, told in the narrator's voice (not a subordinate clause, not inside quotation marks,
  not the content of a reporting verb), in the past, present perfect or past perfect
  ("declined", "has accused") → ``ON_OR_BEFORE_DCT`` (null .. DCT): a report tells what had
  happened by the time it was published. In the present or future ("says", "will meet") →
  ``ON_OR_AFTER_DCT`` (DCT .. null). The direct content of a reporting verb ("the embassy said
  **Zinoviev told Kim** ...", "Yoon's office said **he agreed**") and a quotation in the past
  are also before the DCT: what was reported as past had happened before it was said, which
  was before publication. Quoted or reported present and future tenses are never placed
  against the DCT: they are relative to when the words were said.
* *order* (``anchor="order"``, ``relative_to`` names the other event): only two textual
  configurations justify ordering one event after or before another. (a) The content of a
  reporting verb that is itself dated: past or past perfect content happened on or before it
  ("said last week that North Korea **had shipped** troops" → ``ON_OR_BEFORE:2024-W42``),
  future content ("will", "would" outside a conditional, "was going to") on or after it
  (``ON_OR_AFTER:...``). (b) A clause headed by a sequence marker (*then*, *later*,
  *afterwards*, *subsequently*: "Later, it withdrew", "they then charged them") comes on or
  after the last event the text dated before it, if that one is in the same or the previous
  sentence (and, in the past tense, on or before the DCT). Being told later in the text is
  never enough by itself: news stories are not told in order.
* Never placed: negated verbs ("did not confirm" — nothing happened), modals and conditionals
  ("could", "may", "would" in an if-sentence), states (be, have, seem, remain ...), subordinate
  clauses (relative, conditional, "whether", temporal), headlines and sub-headings (a sentence
  without final punctuation, written in the historic present), and everything in a document
  without a publication date except what an expression or the order rules place.

Example::

    >>> from datetime import date
    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.mentions import find_mentions
    >>> from toolkit.time.timex import tag_timexes
    >>> text = "The United States said on Friday it could not confirm the reports."
    >>> doc = process(text)
    >>> events = find_events(doc, find_mentions(doc), tag_timexes(text, dct=date(2024, 10, 21)),
    ...                      dct=date(2024, 10, 21))
    >>> [(e.text, e.value, e.actors, e.anchor) for e in events]
    [('said', '2024-10-18', ['United States'], 'timex')]
    >>> interval("2024-W42", dct=None)
    (datetime.date(2024, 10, 14), datetime.date(2024, 10, 20))
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from toolkit.actors.mentions import PRONOUNS, Mention, antecedent
from toolkit.resources import read_table
from toolkit.time.timex import Timex
from toolkit.text.lexicon import event_nouns, reporting_lemmas
from toolkit.text.tokens import Doc, Token

__all__ = ["Event", "find_events", "interval", "timeline", "describe_interval", "ON_OR_BEFORE_DCT",
           "ON_OR_AFTER_DCT", "ANCHORS"]

ON_OR_BEFORE_DCT = "ON_OR_BEFORE_DCT"
ON_OR_AFTER_DCT = "ON_OR_AFTER_DCT"
#: How an event got its place: its own temporal expression, its tense, or its order relative to another event.
ANCHORS = ("timex", "tense", "order")

#: A clause boundary between a date and a candidate verb costs this many words (rule 5).
BOUNDARY_COST = 12


# =========================================================================== calendar intervals
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _as_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def interval(value: str | None, *, dct: date | datetime | str | None = None,
             mod: str | None = None) -> tuple[date | None, date | None]:
    """The calendar interval ``(first day, last day)`` a TIMEX3 value stands for; None = unknown.

    Days, weeks (Monday..Sunday), weekends, months, quarters, halves, seasons (meteorological:
    spring = March..May, winter = December..February of the next year), years, decades
    (``199`` or ``199X``), centuries (``19`` = 1900..1999), times and parts of a day (their
    day), ISO ranges (``2024-06/2024-08``), ``PRESENT_REF`` (the DCT), ``PAST_REF`` (null..DCT),
    ``FUTURE_REF`` (DCT..null) and this module's relations (``ON_OR_BEFORE_DCT``,
    ``ON_OR_AFTER:2024-W42`` ...). Durations, sets and unresolved values (``XXXX-WXX-1``) give
    ``(None, None)``. ``mod`` BEFORE/AFTER/ON_OR_BEFORE/ON_OR_AFTER opens one end
    ("pre-1990"); START/MID/END keep the whole period.

    >>> interval("2024-06", dct=None)
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    >>> interval("PAST_REF", dct=date(2024, 10, 21))
    (None, datetime.date(2024, 10, 21))
    """
    first, last = _interval(value, _as_date(dct))
    if mod and (first or last):
        m = mod.upper()
        if m == "BEFORE":
            return None, (first - timedelta(days=1)) if first else None
        if m == "AFTER":
            return (last + timedelta(days=1)) if last else None, None
        if m == "ON_OR_BEFORE":
            return None, last
        if m == "ON_OR_AFTER":
            return first, None
    return first, last


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(?:-(\d|WE))?")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)")


def _interval(value: str | None, dct: date | None) -> tuple[date | None, date | None]:
    if not value:
        return None, None
    v = value.strip()
    if v in ("PRESENT_REF",):
        return dct, dct
    if v in ("PAST_REF", ON_OR_BEFORE_DCT):
        return None, dct
    if v in ("FUTURE_REF", ON_OR_AFTER_DCT):
        return dct, None
    if v.startswith("ON_OR_BEFORE:"):
        return None, _interval(v[len("ON_OR_BEFORE:"):], dct)[1]
    if v.startswith("ON_OR_AFTER:"):
        return _interval(v[len("ON_OR_AFTER:"):], dct)[0], None
    if "/" in v:
        a, b = v.split("/", 1)
        return _interval(a, dct)[0], _interval(b, dct)[1]
    if v.startswith("P"):
        return None, None  # a duration or a set's period
    v = v.split("T", 1)[0] if re.match(r"\d{4}-\d\d-\d\dT", v) else v
    try:
        if m := _DAY.fullmatch(v):
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        if m := _WEEK.fullmatch(v):
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            if m.group(3) == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if m.group(3):
                d = monday + timedelta(days=int(m.group(3)) - 1)
                return d, d
            return monday, monday + timedelta(days=6)
        if m := _MONTH.fullmatch(v):
            y, mo = int(m.group(1)), int(m.group(2))
            return date(y, mo, 1), _month_end(y, mo)
        if m := _PART.fullmatch(v):
            y, part = int(m.group(1)), m.group(2)
            if part[0] == "Q":
                q = int(part[1])
                return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
            if part[0] == "H":
                h = int(part[1])
                return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
            a, b = _SEASONS[part]
            return date(y, a, 1), _month_end(y + (1 if b < a else 0), b)
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return date(y, 1, 1), date(y, 12, 31)
        if m := re.fullmatch(r"(\d{3})X?", v):
            y = int(m.group(1)) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})(?:XX)?", v):
            y = int(m.group(1)) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except ValueError:
        return None, None
    return None, None


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


# =========================================================================== vocabulary
@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in read_table("time/timeline_words.tsv"):
        kinds.setdefault(row["kind"], set()).add(row["word"].lower())
    words = {k: frozenset(v) for k, v in kinds.items()}
    # reporting verbs and event nouns are shared with quotes and stance: data/lexicon/
    words["report"] = reporting_lemmas()
    words["tell"] = reporting_lemmas(kinds=("object",))
    words["event_noun"] = event_nouns()
    words["not_event"] = event_nouns(kinds=("not_event",))
    return words


_PUNCT = frozenset({",", ";", ":", "--", "(", ")", "``", "''", "-LRB-", "-RRB-"})
_AUX = frozenset({"be", "have", "do"})
_FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})
_CONDITIONAL = frozenset({"would", "'d"})
_PREP_SUBORDINATORS = frozenset({"after", "before", "until", "till", "since", "once", "as"})
_NP_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "PRP$", "CD", "VBN",
                      "VBG", "HYPH", "RB"})
_PAST_LIKE = frozenset({"past", "perfect", "pluperfect"})
_ENCLOSING = frozenset({"(", ")", "``", "''", "-LRB-", "-RRB-"})


# =========================================================================== events
@dataclass(slots=True)
class Event:
    """One event: the word that names it, when it happened (as a value and an interval), who took part.

    ``value`` is the normalised TIMEX3 value of the expression that dates it, or a relation
    (``ON_OR_BEFORE_DCT``, ``ON_OR_AFTER_DCT``, ``ON_OR_BEFORE:<value>``, ``ON_OR_AFTER:<value>``);
    ``interval_start``/``interval_end`` bound it in calendar days (None = open); ``timex`` is
    the index of the dating expression in the document's timexes; ``anchor`` is ``timex``,
    ``tense`` or ``order``; ``relative_to`` the index of the event an ``order`` anchor refers to.
    """

    start: int
    end: int
    text: str
    sentence: int
    timex: int | None
    value: str | None
    interval_start: date | None
    interval_end: date | None
    actors: list[str] = field(default_factory=list)
    tense: str | None = None
    anchor: str = "timex"
    kind: str = "verb"  # verb or noun
    relative_to: int | None = None
    negated: bool = False  # "did not attend the summit on Friday": dated, but it did not happen

    def to_dict(self) -> dict:
        return {
            "start": self.start, "end": self.end, "text": self.text, "sentence": self.sentence,
            "timex": self.timex, "value": self.value,
            "interval_start": self.interval_start.isoformat() if self.interval_start else None,
            "interval_end": self.interval_end.isoformat() if self.interval_end else None,
            "actors": list(self.actors), "tense": self.tense, "anchor": self.anchor, "kind": self.kind,
            "relative_to": self.relative_to, "negated": self.negated,
        }


@dataclass(slots=True)
class _Group:
    """A verb group: auxiliaries, adverbs and the main verb ("could not confirm")."""

    first: int
    last: int  # exclusive: one past the main verb
    main: int
    finite: bool
    tense: str | None
    modal: str | None
    negated: bool
    segment: int = 0
    role: str = "main"  # main | reported | sub | nonfinite
    reporter: int | None = None  # index of the reporting group (in the sentence's groups)
    coordinated: int | None = None  # index of the group this one is coordinated with ("... and urged")


class _Sentence:
    """Verb groups, clause segments and quotation marks of one sentence."""

    def __init__(self, doc: Doc, index: int, timex_tokens: set[int], quoted: set[int]) -> None:
        self.doc = doc
        self.sent = doc.sentences[index]
        self.index = index
        self.tokens = doc.tokens
        self.timex_tokens = timex_tokens
        self.quoted = quoted
        words = _words()
        self.report = words.get("report", frozenset())
        self.groups = self._groups()
        self.group_at = {k: gi for gi, g in enumerate(self.groups) for k in range(g.first, g.last)}
        self.seg_of: dict[int, int] = {}
        self.seg_start: list[int] = []
        self.seg_end: list[int] = []
        self.seg_kind: list[str] = []
        self.seg_opener: list[str | None] = []
        self._segments(words.get("subordinator", frozenset()))
        for g in self.groups:
            g.segment = self.seg_of[g.first]
        self._roles()

    # ------------------------------------------------------------------ verb groups
    def _is_verb(self, k: int) -> bool:
        tag = self.tokens[k].tag
        return tag == "MD" or tag.startswith("VB")

    def _groups(self) -> list[_Group]:
        toks = self.tokens
        out: list[_Group] = []
        k, stop = self.sent.first, self.sent.last
        while k < stop:
            if not self._is_verb(k):
                k += 1
                continue
            verbs = [k]
            j = k + 1
            while j < stop:
                t = toks[j]
                prev = toks[verbs[-1]]
                if t.tag in ("RB", "RBR", "RBS") or t.lower in ("not", "n't", "never") or j in self.timex_tokens:
                    j += 1
                    continue
                if t.tag == "TO" and j + 1 < stop and toks[j + 1].tag == "VB" and \
                        (prev.lower == "going" or prev.lemma == "be"):
                    j += 1
                    continue
                if self._is_verb(j) and (prev.tag == "MD" or prev.lemma in _AUX or
                                         (toks[j - 1].tag == "TO" and prev.lower == "going") or
                                         (toks[j - 1].tag == "TO" and prev.lemma == "be")):
                    verbs.append(j)
                    j += 1
                    continue
                break
            out.append(self._make_group(verbs))
            k = verbs[-1] + 1
        return out

    def _make_group(self, verbs: list[int]) -> _Group:
        toks = self.tokens
        first, main = toks[verbs[0]], verbs[-1]
        words = [toks[v].lower for v in verbs]
        span = range(verbs[0], main + 1)
        negated = any(toks[k].lower in ("not", "n't", "never") for k in span) or (
            # "did not comment" with the verb mis-tagged as a noun: the negation follows the auxiliary
            toks[main].lemma in _AUX and main + 1 < self.sent.last and toks[main + 1].lower in ("not", "n't", "never"))
        has_to = any(toks[k].tag == "TO" for k in span)
        modal = first.lower if first.tag == "MD" else None
        finite = first.tag in ("MD", "VBD", "VBZ", "VBP")
        if not finite and first.tag == "VB" and verbs[0] == self.sent.first:
            finite = True  # an imperative opening the sentence
        tense: str | None = None
        if finite:
            if modal is not None:
                tense = "future" if modal in _FUTURE_MODALS else "conditional" if modal in _CONDITIONAL else "modal"
            elif has_to and ("going" in words or first.lemma == "be"):
                tense = "future"  # "is going to", "is to visit"
            elif first.tag == "VBD":
                tense = "pluperfect" if first.lemma == "have" and len(verbs) > 1 else "past"
            elif first.lemma == "have" and len(verbs) > 1 and toks[verbs[1]].tag == "VBN":
                tense = "perfect"
            else:
                tense = "present"
        return _Group(verbs[0], main + 1, main, finite, tense, modal, negated)

    # ------------------------------------------------------------------ clause segments
    def _finite_start_within(self, k: int, reach: int) -> bool:
        toks = self.tokens
        for j in range(k, min(self.sent.last, k + reach)):
            if toks[j].norm in _PUNCT:
                return False
            gi = self.group_at.get(j)
            if gi is not None and self.groups[gi].finite and self.groups[gi].first == j:
                return True
        return False

    def _segments(self, subordinators: frozenset[str]) -> None:
        toks = self.tokens
        seg = 0
        self.seg_start.append(self.sent.first)
        self.seg_kind.append("start")
        self.seg_opener.append(None)
        has_finite = False

        def open_segment(k: int, kind: str, opener: str) -> None:
            nonlocal seg, has_finite
            self.seg_end.append(k)
            seg += 1
            self.seg_start.append(k)
            self.seg_kind.append(kind)
            self.seg_opener.append(opener)
            has_finite = False

        for k in range(self.sent.first, self.sent.last):
            t = toks[k]
            low = t.lower
            if t.norm in _PUNCT or t.tag in (",", ":"):
                open_segment(k, "punct", t.norm)
            elif low in subordinators and t.tag in ("IN", "WDT", "WP", "WP$", "WRB") and k not in self.timex_tokens:
                open_segment(k, "sub", low)
            elif low in _PREP_SUBORDINATORS and t.tag == "IN" and self._finite_start_within(k + 1, 6):
                open_segment(k, "sub", low)
            elif t.tag == "CC" and k > self.sent.first:
                nxt = k + 1
                while nxt < self.sent.last and (toks[nxt].tag in ("RB", "RBR") or nxt in self.timex_tokens or
                                                 (toks[nxt].tag == "IN" and nxt + 1 in self.timex_tokens)):
                    nxt += 1
                if nxt < self.sent.last and self._is_verb(nxt):
                    open_segment(k, "coord", low)
                elif has_finite and self._finite_start_within(k + 1, 8):
                    open_segment(k, "coord", low)
            self.seg_of[k] = seg
            gi = self.group_at.get(k)
            if gi is not None and self.groups[gi].finite:
                has_finite = True
        self.seg_end.append(self.sent.last)

    # ------------------------------------------------------------------ roles: main, reported, subordinate
    def _is_report(self, g: _Group) -> bool:
        return self.tokens[g.main].lemma in self.report

    def _roles(self) -> None:
        groups = self.groups
        finite = [gi for gi, g in enumerate(groups) if g.finite]
        for gi, g in enumerate(groups):
            if not g.finite:
                g.role = "nonfinite"
        attribution = self._trailing_attribution(finite)
        prev: int | None = None  # previous finite group that is not subordinate
        top: int | None = None  # previous finite group of the main clause
        last_finite: int | None = None
        for gi in finite:
            g = groups[gi]
            kind = self.seg_kind[g.segment]
            opener = self.seg_opener[g.segment]
            if gi == attribution:
                g.role, g.reporter = "main", None
            elif g.first in self.quoted:
                g.role, g.reporter = "reported", attribution
            elif kind == "sub":
                rep = last_finite
                if opener == "that" and rep is not None and self._is_report(groups[rep]) and \
                        groups[rep].role != "sub" and self._no_finite_between(rep, self.seg_start[g.segment]):
                    g.role, g.reporter = "reported", rep
                else:
                    g.role, g.reporter = "sub", last_finite
            elif kind == "coord" and prev is not None:
                # ", and condemned" (after a comma) and "but said" (a reporting verb) join the top-level clause
                target = prev
                if top is not None and (self.tokens[self.seg_start[g.segment] - 1].norm == "," or
                                        self._is_report(g)):
                    target = top
                g.coordinated = target
                g.role, g.reporter = groups[target].role, groups[target].reporter
            elif last_finite is not None and groups[last_finite].segment == g.segment and \
                    self._is_report(groups[last_finite]) and groups[last_finite].role != "sub":
                g.role, g.reporter = "reported", last_finite  # "Peskov said Moscow's cooperation was ..."
            else:
                g.role, g.reporter = "main", None
            if attribution is not None and gi != attribution and g.role == "main" and \
                    groups[gi].first < groups[attribution].first:
                g.role, g.reporter = "reported", attribution
            if g.role != "sub":
                prev = gi
            if g.role == "main":
                top = gi
            last_finite = gi

    def _no_finite_between(self, gi: int, stop: int) -> bool:
        g = self.groups[gi]
        return not any(h.finite and g.last <= h.first < stop for h in self.groups)

    def _trailing_attribution(self, finite: list[int]) -> int | None:
        """'..., the ministry said in a statement.' / '..., said Kim.': the reporting verb that closes
        the sentence and owns what comes before it."""
        if len(finite) < 2:
            return None
        gi = finite[-1]
        g = self.groups[gi]
        if not self._is_report(g) or g.first in self.quoted or self.seg_kind[g.segment] != "punct":
            return None
        start = self.seg_start[g.segment]
        if self.seg_opener[g.segment] not in (",", "''"):
            return None
        between = range(start + 1, g.first)
        if any(self._is_verb(k) for k in between):
            return None
        return gi


# =========================================================================== finding events
def _quoted_tokens(doc: Doc) -> set[int]:
    """Tokens inside double quotation marks (a quotation may run over several sentences of a paragraph)."""
    inside: set[int] = set()
    open_ = False
    paragraph = -1
    for s in doc.sentences:
        if s.paragraph != paragraph:
            open_, paragraph = False, s.paragraph
        for k in range(s.first, s.last):
            norm = doc.tokens[k].norm
            if norm == "``":
                open_ = True
            elif norm == "''":
                open_ = False
            elif open_:
                inside.add(k)
    return inside


def _terminal(doc: Doc, index: int) -> bool:
    """Whether a sentence ends like a sentence (a headline or sub-heading does not)."""
    text = doc.sentence_text(index).rstrip().rstrip("\"'”’)]»").rstrip()
    return text.endswith((".", "!", "?", "…"))


class _Finder:
    def __init__(self, doc: Doc, mentions: Sequence[Mention], timexes: Sequence[Timex], dct: date | None,
                 skip: Iterable[int]) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.mentions = list(mentions)
        self.timexes = list(timexes)
        self.dct = dct
        self.skip = set(skip)
        words = _words()
        self.event_nouns = words.get("event_noun", frozenset())
        self.not_event = words.get("not_event", frozenset())
        self.sequence = words.get("sequence", frozenset())
        self.stative = words.get("stative", frozenset())
        self.quoted = _quoted_tokens(doc)
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.timex_tokens: dict[int, tuple[int, int]] = {}  # timex index -> token range
        for i, tx in enumerate(self.timexes):
            toks = doc.tokens_in(tx.start, tx.end)
            if toks:
                self.timex_tokens[i] = (toks[0].i, toks[-1].i + 1)
        self._sentences: dict[int, _Sentence] = {}

    def sentence(self, index: int) -> _Sentence:
        if index not in self._sentences:
            covered = {k for a, b in self.timex_tokens.values() for k in range(a, b)
                       if self.tokens[k].sent == index}
            self._sentences[index] = _Sentence(self.doc, index, covered, self.quoted)
        return self._sentences[index]

    # ------------------------------------------------------------------ nouns
    def _is_event_noun(self, tok: Token) -> bool:
        if tok.tag not in ("NN", "NNS"):
            return False
        low = tok.lemma or tok.lower
        if low in self.event_nouns or tok.lower in self.event_nouns:
            return True
        if low in self.not_event or tok.lower in self.not_event:
            return False
        return tok.lower.endswith(("tion", "sion", "tions", "sions")) or \
            (tok.tag == "NN" and tok.lower.endswith("ing") and len(tok.lower) > 5)

    def _np_start(self, k: int, floor: int) -> int:
        """First token of the noun phrase ending at token ``k``."""
        toks = self.tokens
        j = k
        while j - 1 >= floor and toks[j - 1].tag in _NP_TAGS and toks[j - 1].tag not in ("RB",):
            j -= 1
        return j

    def _noun_head(self, a: int, b: int, sa: _Sentence) -> int | None:
        """The noun a date at tokens [a, b) modifies, if any (rule 1)."""
        toks = self.tokens
        first, last = sa.sent.first, sa.sent.last
        # "last week's report", "the June summit", "Sunday's call"
        k = b
        possessive = k < last and toks[k].tag == "POS"
        if possessive:
            k += 1
        determined = a > first and toks[a - 1].tag in ("DT", "PRP$")
        if (possessive or determined) and k < last and toks[k].tag in ("NN", "NNS", "JJ"):
            j = k
            while j + 1 < last and toks[j + 1].tag in ("NN", "NNS", "JJ") and toks[j].tag != "NNS":
                j += 1
            if toks[j].tag in ("NN", "NNS") and (possessive or self._is_event_noun(toks[j]) or
                                                 toks[k].tag in ("NN", "NNS")):
                return j
        # "a summit in June", "a phone call on Monday with ..."
        p = a - 1
        if p > first and toks[p].tag in ("IN", "TO") and toks[p - 1].tag in ("NN", "NNS") and \
                self._is_event_noun(toks[p - 1]):
            n = p - 1
            start = self._np_start(n, first)
            before = start - 1
            if before < first or toks[before].tag in ("IN", "TO", "CC") or toks[before].norm in _PUNCT:
                return n
        return None

    # ------------------------------------------------------------------ verbs
    def _verb_for(self, a: int, b: int, sa: _Sentence) -> int | None:
        """The verb group (index into sa.groups) a date at tokens [a, b) dates (rules 2-5)."""
        toks = self.tokens
        groups = sa.groups
        if not groups:
            return None
        for gi, g in enumerate(groups):  # 2. inside a verb group
            if g.first < a and b <= g.last:
                return gi
        block_a = a - 1 if a - 1 >= sa.sent.first and toks[a - 1].tag in ("IN", "TO") else a
        seg = sa.seg_of.get(a, 0)

        def gap(g: _Group) -> int:
            return block_a - g.last if g.last <= block_a else g.first - b

        same = [gi for gi, g in enumerate(groups) if g.segment == seg]
        for want_finite in (True, False):  # 3. own clause
            cands = [gi for gi in same if groups[gi].finite == want_finite]
            if cands:
                return min(cands, key=lambda gi: (gap(groups[gi]), groups[gi].first > a))
        # 4. fronted adverbial: only punctuation, conjunctions, prepositions and adverbs before it
        if all(toks[k].norm in _PUNCT or toks[k].tag in ("CC", "IN", "RB", "TO", "DT")
               for k in range(sa.sent.first, block_a)):
            for gi, g in enumerate(groups):
                if g.first >= b and g.finite and sa.seg_kind[g.segment] != "sub":
                    return gi
        finite = [gi for gi, g in enumerate(groups) if g.finite]  # 5. nearest in the sentence
        if not finite:
            return None

        def cost(gi: int) -> tuple[int, bool]:
            g = groups[gi]
            lo, hi = sorted((sa.seg_of.get(g.first, 0), seg))
            # brackets and quotation marks enclose; only clause boundaries separate
            bounds = sum(1 for s in range(lo + 1, hi + 1) if sa.seg_opener[s] not in _ENCLOSING)
            return gap(g) + BOUNDARY_COST * bounds, g.first > a
        return min(finite, key=cost)

    # ------------------------------------------------------------------ actors
    def _clean(self, sentence: int) -> list[Mention]:
        ms = [m for m in self.by_sentence.get(sentence, []) if m.kind != "place"]
        return [m for m in ms if not any(o is not m and o.first <= m.first and m.last <= o.last and
                                         (o.last - o.first) > (m.last - m.first) for o in ms)]

    def _in_pp(self, m: Mention, floor: int, sa: _Sentence) -> bool:
        toks = self.tokens
        j = self._np_start(m.first, floor) - 1
        if j < floor or toks[j].tag not in ("IN", "TO"):
            return False
        seg = sa.seg_of.get(j)
        return not (seg is not None and sa.seg_start[seg] == j and sa.seg_kind[seg] == "sub")

    def _modifier(self, m: Mention, ms: Sequence[Mention]) -> bool:
        """A country or body named only as the affiliation of an actor in the same noun phrase after it
        ("Ukraine's President Volodymyr Zelenskiy", "Russian ambassador Georgy Zinoviev")."""
        toks = self.tokens
        for o in ms:
            if o is m or o.affiliation != m.actor:
                continue
            if m.last <= o.first and all(toks[k].tag in _NP_TAGS and toks[k].tag != "RB"
                                         for k in range(m.last, o.first)):
                return True
            if m.via == "demonym":  # "Lin Jian, a Chinese foreign ministry spokesperson,"
                return True
        return False

    def _names(self, ms: Iterable[Mention]) -> list[str]:
        ms = list(ms)
        out: list[str] = []
        for m in ms:
            if self._modifier(m, ms):
                continue
            name = m.actor or m.text
            if name not in out:
                out.append(name)
        return out

    def _subjects(self, sa: _Sentence, gi: int, depth: int = 0) -> list[Mention]:
        g = sa.groups[gi]
        ms = self._clean(sa.index)
        seg = g.segment
        floor = sa.seg_start[seg]
        if g.reporter is not None and sa.groups[g.reporter].segment == seg and sa.groups[g.reporter].last <= g.first:
            floor = sa.groups[g.reporter].last  # "Peskov said Moscow's cooperation was ...": after the reporting verb
        region = [m for m in ms if floor <= m.first and m.last <= g.first]
        cands = [m for m in region if not self._in_pp(m, floor, sa)]
        if cands:
            return cands
        k = g.first - 1
        while k >= floor and (self.tokens[k].tag in ("RB", "RBR") or k in sa.timex_tokens or
                              (self.tokens[k].tag == "IN" and k + 1 in sa.timex_tokens)):
            k -= 1
        if k >= sa.sent.first and self.tokens[k].tag == "PRP" and self.tokens[k].lower in PRONOUNS:
            ante = antecedent(self.mentions, self.doc, k)
            return [ante] if ante is not None else []
        kind, opener = sa.seg_kind[seg], sa.seg_opener[seg]
        if kind == "sub" and opener in ("which", "who", "that"):
            before = [m for m in ms if m.last <= floor and floor - m.last <= 2 and m.kind != "place"]
            return before[-1:]
        if region:
            return region  # "the participation of North Korean troops ... violated": the subject's own phrase
        if depth > 3:
            return []
        if g.coordinated is not None:  # elided subject: that of the verb coordinated with
            return self._subjects(sa, g.coordinated, depth + 1)
        if kind in ("punct", "coord"):  # a subject separated by an apposition or a parenthesis
            collected: list[Mention] = []
            for s in range(seg - 1, -1, -1):
                if any(h.finite and h.segment == s for h in sa.groups):
                    break
                lo = sa.seg_start[s]
                collected = [m for m in ms if lo <= m.first and m.last <= sa.seg_end[s]
                             and not self._in_pp(m, lo, sa)] + collected
            return collected
        return []

    def _after(self, sa: _Sentence, start: int, seg: int) -> list[Mention]:
        """Mentions from token ``start`` to the end of its clause (or the next verb)."""
        stop = sa.seg_end[seg]
        for g in sa.groups:
            if g.first >= start:
                stop = min(stop, g.first)
                break
        return [m for m in self._clean(sa.index) if start <= m.first and m.last <= stop]

    def _verb_actors(self, sa: _Sentence, gi: int) -> list[str]:
        g = sa.groups[gi]
        lemma = self.tokens[g.main].lemma
        if lemma in sa.report:
            # what follows a reporting verb is what was said, not who took part; only the person
            # addressed counts ("told Kim", "quoted Kim as saying")
            objects = [m for m in self._after(sa, g.last, g.segment) if m.first <= g.last + 1] \
                if lemma in _words().get("tell", ()) else []
            return self._names(self._subjects(sa, gi) + objects[:1])
        return self._names(self._subjects(sa, gi) + self._after(sa, g.last, g.segment))

    def _noun_actors(self, sa: _Sentence, n: int, governing: int | None) -> list[str]:
        subjects = self._subjects(sa, governing) if governing is not None else []
        seg = sa.seg_of.get(n, 0)
        np_first = self._np_start(n, sa.seg_start[seg])
        own = [m for m in self._clean(sa.index) if np_first <= m.first and m.last <= n + 1]
        return self._names(subjects + own + self._after(sa, n + 1, seg))

    def _governing(self, sa: _Sentence, k: int) -> int | None:
        finite = [gi for gi, g in enumerate(sa.groups) if g.finite]
        if not finite:
            return None
        return min(finite, key=lambda gi: (abs(sa.groups[gi].first - k), sa.groups[gi].first > k))

    # ------------------------------------------------------------------ events
    def _verb_text(self, g: _Group) -> tuple[int, int, str]:
        """The main verb (with its particle: "called off"); a negated group whole ("did not attend")."""
        toks = self.tokens
        end = g.main
        if end + 1 < len(toks) and toks[end + 1].tag == "RP" and toks[end + 1].sent == toks[end].sent:
            end += 1
        start_c, end_c = toks[g.first if g.negated else g.main].start, toks[end].end
        return start_c, end_c, self.doc.text[start_c:end_c]

    def _noun_text(self, n: int, sa: _Sentence) -> tuple[int, int, str]:
        toks = self.tokens
        j = n
        while j - 1 >= sa.sent.first and toks[j - 1].tag in ("NN", "NNS") and j - 1 not in sa.timex_tokens:
            j -= 1
        return toks[j].start, toks[n].end, self.doc.text[toks[j].start:toks[n].end]

    def _placement(self, sa: _Sentence, gi: int, dated: dict[tuple[int, int], Event],
                   last_dated: Event | None) -> tuple[str, date | None, date | None, str, Event | None] | None:
        """Value, interval, anchor and reference for an undated finite group, or None when not safe."""
        g = sa.groups[gi]
        toks = self.tokens
        if g.negated or g.role in ("sub", "nonfinite") or toks[g.main].lemma in self.stative:
            return None
        if g.tense == "modal" or (g.tense == "conditional" and (g.role != "reported" or self._has_if(sa))):
            return None
        if not _terminal(self.doc, sa.index):
            return None  # a headline or sub-heading (historic present)
        # (b) a sequence marker at the head of the clause ("Then it withdrew", "Later, it withdrew",
        # "it then withdrew", "will then travel"), right after an event the text dates (same or previous sentence)
        head = list(range(sa.seg_start[g.segment], g.main))
        for seg in range(g.segment - 1, -1, -1):  # a fronted adverbial before the clause ("Later, ...")
            if any(h.finite and h.segment == seg for h in sa.groups):
                break
            head.extend(range(sa.seg_start[seg], sa.seg_end[seg]))
        if last_dated is not None and last_dated.interval_start is not None and \
                last_dated.sentence >= sa.index - 1 and any(
                toks[k].lower in self.sequence and toks[k].tag.startswith("RB") and k not in sa.timex_tokens
                for k in head):
            end = self.dct if g.tense in _PAST_LIKE else None
            return (f"ON_OR_AFTER:{last_dated.value}", last_dated.interval_start, end, "order", last_dated)
        if g.role == "reported":
            rep = sa.groups[g.reporter] if g.reporter is not None else None
            ref = dated.get((sa.index, rep.main)) if rep is not None else None
            if ref is not None and ref.value and (ref.interval_start or ref.interval_end):
                if g.tense in _PAST_LIKE and ref.interval_end:
                    return (f"ON_OR_BEFORE:{ref.value}", None, ref.interval_end, "order", ref)
                if g.tense in ("future", "conditional") and ref.interval_start:
                    return (f"ON_OR_AFTER:{ref.value}", ref.interval_start, None, "order", ref)
                return None
            direct = rep is None or rep.role == "main"
            if self.dct is not None and g.tense in _PAST_LIKE and direct:
                return (ON_OR_BEFORE_DCT, None, self.dct, "tense", None)
            return None
        if self.dct is None:
            return None
        if g.tense in _PAST_LIKE:
            return (ON_OR_BEFORE_DCT, None, self.dct, "tense", None)
        if g.tense in ("present", "future"):
            return (ON_OR_AFTER_DCT, self.dct, None, "tense", None)
        return None

    def _has_if(self, sa: _Sentence) -> bool:
        return any(self.tokens[k].lower in ("if", "unless") for k in range(sa.sent.first, sa.sent.last))

    def find(self) -> list[Event]:
        attachments: dict[tuple[int, str, int], list[int]] = {}  # (sentence, kind, token) -> timex indices
        order: list[tuple[int, str, int]] = []
        for i, (a, b) in self.timex_tokens.items():
            s = self.tokens[a].sent
            if s in self.skip:
                continue
            sa = self.sentence(s)
            n = self._noun_head(a, b, sa)
            if n is not None:
                key = (s, "noun", n)
            else:
                gi = self._verb_for(a, b, sa)
                if gi is None:
                    continue
                key = (s, "verb", gi)
            if key not in attachments:
                order.append(key)
            attachments.setdefault(key, []).append(i)

        events: list[Event] = []
        dated: dict[tuple[int, int], Event] = {}  # (sentence, main token) -> its dated event
        for key in order:
            for ev in self._timex_events(key, attachments[key]):
                events.append(ev)
                if key[1] == "verb" and ev.anchor == "timex" and (ev.interval_start or ev.interval_end):
                    dated.setdefault((key[0], self.sentence(key[0]).groups[key[2]].main), ev)

        # undated statements, in document order
        with_event = {(k[0], k[2]) for k in order if k[1] == "verb"}
        events.sort(key=lambda e: e.start)
        placed: list[Event] = []
        last_dated: Event | None = None
        dated_by_start = sorted((e for e in events if e.anchor == "timex" and e.interval_start), key=lambda e: e.start)
        for s in range(len(self.doc.sentences)):
            if s in self.skip:
                continue
            sa = self.sentence(s)
            for gi, g in enumerate(sa.groups):
                if not g.finite or (s, gi) in with_event:
                    continue
                pos = self.tokens[g.main].start
                before = [e for e in dated_by_start if e.start < pos]
                last_dated = before[-1] if before else None
                got = self._placement(sa, gi, dated, last_dated)
                if got is None:
                    continue
                value, first, last, anchor, ref = got
                start, end, text = self._verb_text(g)
                ev = Event(start, end, text, s, None, value, first, last, self._verb_actors(sa, gi), g.tense,
                           anchor, "verb")
                ev.relative_to = id(ref) if ref is not None else None  # resolved to an index below
                placed.append(ev)
        # durations and sets attached to verbs: placed like undated statements where that is safe
        events = self._place_durations(events, dated)
        everything = sorted(events + placed, key=lambda e: (e.start, e.timex if e.timex is not None else -1))
        index_of = {id(e): i for i, e in enumerate(everything)}
        for e in everything:
            if e.relative_to is not None:
                e.relative_to = index_of.get(e.relative_to)
        return everything

    def _timex_events(self, key: tuple[int, str, int], indices: list[int]) -> list[Event]:
        s, kind, k = key
        sa = self.sentence(s)
        negated = False
        if kind == "verb":
            g = sa.groups[k]
            start, end, text = self._verb_text(g)
            actors = self._verb_actors(sa, k)
            tense, negated = g.tense, g.negated
        else:
            start, end, text = self._noun_text(k, sa)
            governing = self._governing(sa, k)
            actors = self._noun_actors(sa, k, governing)
            tense = sa.groups[governing].tense if governing is not None else None
        out: list[Event] = []
        pending = sorted(indices, key=lambda i: self.timexes[i].start)
        dates = [i for i in pending if self.timexes[i].type in ("DATE", "TIME")]
        others = [i for i in pending if i not in dates]
        merged: list[tuple[int, str, date | None, date | None]] = []
        for i in dates:
            tx = self.timexes[i]
            first, last = interval(tx.value, dct=self.dct, mod=tx.mod)
            if merged:
                j, value, f0, l0 = merged[-1]
                if self._range(j, i):
                    merged[-1] = (j, f"{value}/{tx.value}", f0, last)
                    continue
                if f0 and l0 and first and last and (f0 <= first and last <= l0 or first <= f0 and l0 <= last):
                    if (last - first) < (l0 - f0):
                        merged[-1] = (i, tx.value, first, last)
                    continue
            merged.append((i, tx.value, first, last))
        for i, value, first, last in merged:
            out.append(Event(start, end, text, s, i, value, first, last, list(actors), tense, "timex", kind,
                             negated=negated))
        if not merged:
            for i in others[:1]:
                tx = self.timexes[i]
                out.append(Event(start, end, text, s, i, tx.value, None, None, list(actors), tense, "timex", kind,
                                 negated=negated))
        return out

    def _range(self, i: int, j: int) -> bool:
        """Whether timexes i and j are the two ends of one range: 'from June to August', 'between May 1 and 3'."""
        a, b = self.timexes[i], self.timexes[j]
        between = self.doc.text[a.end:b.start]
        before = self.doc.text[max(0, a.start - 12):a.start]
        return bool(re.fullmatch(r"\s*(?:to|until|till|through|and|-|–|—)\s*", between, re.I)) and \
            bool(re.search(r"\b(?:from|between)\s+$", before, re.I))

    def _place_durations(self, events: list[Event], dated: dict[tuple[int, int], Event]) -> list[Event]:
        out = []
        for e in events:
            if e.anchor == "timex" and e.timex is not None and self.timexes[e.timex].type in ("DURATION", "SET") \
                    and e.kind == "verb" and self.dct is not None and e.tense:
                sa = self.sentence(e.sentence)
                gi = next((gi for gi, g in enumerate(sa.groups) if self.tokens[g.main].start == e.start), None)
                g = sa.groups[gi] if gi is not None else None
                if g is not None and not g.negated and g.role == "main" and g.tense in _PAST_LIKE:
                    e.value, e.interval_start, e.interval_end, e.anchor = ON_OR_BEFORE_DCT, None, self.dct, "tense"
                elif g is not None and not g.negated and g.role == "main" and g.tense in ("present", "future"):
                    e.value, e.interval_start, e.interval_end, e.anchor = ON_OR_AFTER_DCT, self.dct, None, "tense"
            out.append(e)
        return out


def find_events(doc: Doc, mentions: Sequence[Mention], timexes: Sequence[Timex], *,
                dct: date | datetime | None = None, skip: Iterable[int] = ()) -> list[Event]:
    """Events of one tagged document, in text order: one per temporal expression that dates a word
    (see the module docstring for which word), plus the undated statements that can be placed safely.

    ``doc`` is :func:`toolkit.text.tagging.process` output, ``mentions`` :func:`toolkit.actors.mentions.find_mentions`,
    ``timexes`` :func:`toolkit.time.timex.tag_timexes` on the same text (``Event.timex`` indexes this list),
    ``dct`` the publication date and ``skip`` sentence indices that carry no analyses (boilerplate).
    """
    return _Finder(doc, mentions, timexes, _as_date(dct), skip).find()


# =========================================================================== the timeline
_FAR = date.max


def _record(item: object) -> dict:
    return item.to_dict() if hasattr(item, "to_dict") else dict(item)  # type: ignore[union-attr]


def _sentence_text(rec: dict, index: int | None) -> str | None:
    sentences = rec.get("sentences") or []
    if index is None or not 0 <= index < len(sentences):
        return None
    span = sentences[index]
    return (rec.get("text") or "")[span["start"]:span["end"]]


def timeline(items: Iterable[object]) -> list[dict]:
    """The events of annotation records (``Annotation`` objects or their dicts) as one ordered list.

    Each row: document, published, title, event (the word), start, end, sentence, sentence_text,
    actors, value, interval_start, interval_end (ISO dates or None), when (a reading of the
    interval), timex (the expression's text), timex_type, anchor, tense, kind, relative_to
    (``document:index`` of the reference event), position (1, 2, ... in timeline order).

    Order: by the first day of the interval; an interval known only to end by a day ("on or
    before the DCT", PAST_REF) sorts at that day, after the events dated to it, and one known
    only to start on a day sorts at that day after both. On the same day the shorter interval
    comes first. An event placed relative to another (``anchor="order"``) sorts right before or
    after that event. Ties keep publication date, corpus order and text order; events without any
    interval come last, in text order.
    """
    rows: list[dict] = []
    keyed: list[tuple[tuple, dict]] = []
    for doc_index, item in enumerate(items):
        rec = _record(item)
        events = rec.get("events") or []
        timexes = rec.get("timexes") or []
        published = (rec.get("published") or "")[:10] or None
        doc_rows = []
        for index, ev in enumerate(events):
            tx = timexes[ev["timex"]] if ev.get("timex") is not None and 0 <= ev["timex"] < len(timexes) else None
            first, last = _as_date(ev.get("interval_start")), _as_date(ev.get("interval_end"))
            ref = ev.get("relative_to")
            row = {
                "document": rec.get("id"), "published": published, "title": rec.get("title"),
                "event": ev.get("text"), "start": ev.get("start"), "end": ev.get("end"),
                "sentence": ev.get("sentence"), "sentence_text": _sentence_text(rec, ev.get("sentence")),
                "actors": list(ev.get("actors") or []), "value": ev.get("value"),
                "interval_start": first.isoformat() if first else None,
                "interval_end": last.isoformat() if last else None,
                "when": describe_interval(first, last),
                "timex": tx.get("text") if tx else None, "timex_type": tx.get("type") if tx else None,
                "anchor": ev.get("anchor"), "tense": ev.get("tense"), "kind": ev.get("kind"),
                "relative_to": f"{rec.get('id')}:{ref}" if ref is not None else None,
            }
            doc_rows.append((row, first, last, ref))
        own_keys: list[tuple] = []
        for index, (row, first, last, _ref) in enumerate(doc_rows):
            if first is None and last is None:
                key = (1, _FAR, 0, _FAR, published or "", doc_index, row["start"] or 0, 0, index)
            else:
                point = first or last
                openness = 0 if first and last else (1 if last else 2)
                key = (0, point, openness, last or _FAR, published or "", doc_index, row["start"] or 0, 0, index)
            own_keys.append(key)
        for index, (row, _first, _last, ref) in enumerate(doc_rows):
            key = own_keys[index]
            if ref is not None and 0 <= ref < len(own_keys) and doc_rows[ref][3] is None:
                before = (row["value"] or "").startswith("ON_OR_BEFORE")
                key = own_keys[ref][:7] + (-1 if before else 1, index)
            keyed.append((key, row))
    keyed.sort(key=lambda kr: kr[0])
    for position, (_key, row) in enumerate(keyed, start=1):
        row["position"] = position
        rows.append(row)
    return rows

