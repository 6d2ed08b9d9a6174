"""Events and the timeline: what happened when, and who was involved.

:func:`find_events` attaches each temporal expression (a :class:`~toolkit.time.timex.Timex`) to the
event it dates and places statements that carry no date of their own; :func:`interval` (from
:mod:`toolkit.time.values`, the TIMEX3 value grammar) turns any TIMEX3 value into the calendar
interval it stands for; :func:`timeline` orders the events of one or many documents.

**Which event a date belongs to.** There is no parser; clauses are found from the POS tags:
verb groups ("has previously dismissed", "could not confirm"), clause boundaries (punctuation,
subordinators such as *that*/*which*/*whether*, and *and*/*but* before a verb or a new clause)
and quotation marks. An expression then dates, in this order of preference:

1. the noun it modifies — "last week's report" (any noun after a possessive date), "the June
   summit" (an event noun only: "the 2014 euro zonewide system" is no event) — or an *event noun*
   (``data/lexicon/event_nouns.tsv``, or a noun in -tion/-sion/-ing) that stands in a prepositional
   phrase or as a subject right before it: "signing a treaty at **a summit in June**",
   "after **a phone call on Monday** with ...", "after **the floods last summer**". The direct
   object of a verb does not count: in "announced its decision on Monday" Monday dates the
   announcing. An expression anchored to a date ("the day before last Tuesday's hearing") dates
   its clause, not the noun after it;
2. the verb group it sits inside: "has **previously** dismissed";
3. the nearest finite verb of its own clause ("said **last week** that ..." → said;
   "and **on Sunday** called for ..." → called), else the nearest non-finite one
   ("signing ... in June");
4. for a fronted adverbial ("On Monday, the ministry ...") the first main verb after it;
5. else the nearest finite verb of the sentence, each clause boundary in between counting
   as twelve words; a segment without a verb ("since last summer") is a phrase of the clause
   before it, not a clause of its own. A sentence without a verb dates nothing.

**Event words** are verbs and event nouns: an auxiliary the tagger split from its participle
("was *last* seen") is joined to it, so the participle names the event; a copula ("has been
there since Monday") names none (it dates its subject if that is an event noun: "the meeting
was on Monday"), nor does an imperative opening the sentence ("Call ...") or a capitalised word
inside a sentence that the tagger read as a verb (a name).

**Anchored expressions** ("seen the day before the son reported him missing", "came two days
after the vote on Sunday") carry an offset and where their anchoring event is named
(``Timex.offset``, ``Timex.anchor_at``): the event they date is moved by the offset from the
anchoring event's day when that event is dated, and otherwise keeps the expression's own
unresolved value, with ``relative_to`` naming the anchoring event when it is on the timeline.

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

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache

from toolkit.actors.mentions import PRONOUNS, Mention, antecedent
from toolkit.resources import read_table
from toolkit.text.clauses import (
    SEGMENT_PUNCT,
    VERB_TAGS,
    VerbGroup,
    clause_segments,
    governed,
    relative_antecedent,
    skip_adjuncts_left,
    span_mentions,
    subject_left,
    verb_groups,
)
from toolkit.time.timex import Timex
from toolkit.time.values import (
    ON_OR_AFTER_DCT,
    ON_OR_BEFORE_DCT,
    apply_offset,
    as_date,
    describe_interval,
    interval,
)
from toolkit.text.lexicon import event_nouns, reporting_lemmas
from toolkit.text.tokens import Doc, Token

__all__ = ["Event", "find_events", "interval", "timeline", "describe_interval", "ON_OR_BEFORE_DCT",
           "ON_OR_AFTER_DCT", "ANCHORS"]

#: How an event got its place: its own temporal expression, its tense, or its order relative to another event.
ANCHORS = ("timex", "tense", "order")

#: A clause boundary between a date and a candidate verb costs this many words (rule 5).
BOUNDARY_COST = 12


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


_PUNCT = SEGMENT_PUNCT
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
    """A verb group of the sentence (:class:`~toolkit.text.clauses.VerbGroup`) with its place in the clauses."""

    verb: VerbGroup
    segment: int = 0
    role: str = "main"  # main | reported | sub | nonfinite
    reporter: int | None = None  # index of the reporting group (in the sentence's groups)
    coordinated: int | None = None  # index of the group this one is coordinated with ("... and urged")

    @property
    def first(self) -> int:
        return self.verb.first

    @property
    def last(self) -> int:  # exclusive: one past the main verb
        return self.verb.last

    @property
    def main(self) -> int:
        return self.verb.head

    @property
    def finite(self) -> bool:
        return self.verb.finite

    @property
    def tense(self) -> str | None:
        return self.verb.tense

    @property
    def modal(self) -> str | None:
        return self.verb.modal

    @property
    def negated(self) -> bool:
        return self.verb.negated


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
        self.groups = [_Group(vg) for vg in _join_split_groups(
            self.tokens, verb_groups(self.tokens, self.sent.first, self.sent.last, transparent=timex_tokens))]
        segs = clause_segments(self.tokens, self.sent.first, self.sent.last, [g.verb for g in self.groups],
                               transparent=timex_tokens)
        self.seg_of, self.seg_start, self.seg_end = segs.of, segs.start, segs.end
        self.seg_kind, self.seg_opener = segs.kind, segs.opener
        for g in self.groups:
            g.segment = self.seg_of[g.first]
        self._roles()

    def _is_verb(self, k: int) -> bool:
        return self.tokens[k].tag in VERB_TAGS

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


#: Auxiliaries: a group headed by one of these right before a participle is one verb group with it.
_AUXILIARIES = frozenset({"be", "have", "get"})
#: Words the tagger may read as an adjective or a noun inside a verb group ("was last seen").
_GROUP_GAP_TAGS = frozenset({"RB", "RBR", "JJ"})


def _join_split_groups(tokens: Sequence[Token], groups: list[VerbGroup]) -> list[VerbGroup]:
    """Join an auxiliary to the participle the tagger split it from ("was *last* seen": "last" read as an
    adjective), so that the participle, not the auxiliary, names the event; tense and finiteness stay
    the auxiliary's.

    >>> from toolkit.text.tagging import process
    >>> from toolkit.text.clauses import verb_groups
    >>> doc = process("He was last seen on Monday.")
    >>> [tokens.text for g in _join_split_groups(doc.tokens, verb_groups(doc.tokens, 0, len(doc.tokens)))
    ...  for tokens in [doc.tokens[g.head]]]
    ['seen']
    """
    out: list[VerbGroup] = []
    for g in groups:
        prev = out[-1] if out else None
        if prev is not None and prev.finite and not g.finite and prev.head == prev.last - 1 and \
                prev.lemma in _AUXILIARIES and tokens[g.head].tag in ("VBN", "VBG") and g.first > prev.last and \
                all(tokens[k].tag in _GROUP_GAP_TAGS for k in range(prev.last, g.first)):
            out[-1] = replace(prev, last=g.last, head=g.head, lemma=g.lemma,
                              passive=prev.lemma == "be" and tokens[g.head].tag == "VBN", particle=g.particle)
            continue
        out.append(g)
    return out


def _eventive(tokens: Sequence[Token], g: VerbGroup, first: int) -> bool:
    """Whether a verb group names an event: not a copula ("has been there"), not an imperative opening
    the sentence ("Call 555-1234"), not a capitalised word inside a sentence the tagger read as a verb
    (a name: "Will", "Sue"); ``first`` is the sentence's first token.

    >>> from toolkit.text.tagging import process
    >>> from toolkit.text.clauses import verb_groups
    >>> doc = process("Call the office. He has been there. He left.")
    >>> [[_eventive(doc.tokens, g, s.first) for g in verb_groups(doc.tokens, s.first, s.last)] for s in doc.sentences]
    [[False], [False], [True]]
    """
    head = tokens[g.head]
    if g.lemma == "be" and not g.passive:
        return False
    k = first
    while k < g.first and (tokens[k].tag in ("``", "''", "(", "-LRB-") or tokens[k].norm in _PUNCT):
        k += 1
    if head.tag == "VB" and g.first == k and g.finite and not g.modal:
        return False  # an imperative
    if head.text[:1].isupper() and g.head > k and not head.text.isupper():
        return False  # a name the tagger read as a verb
    return True


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


# =========================================================================== event words
def _is_event_noun(tok: Token) -> bool:
    """Whether a common noun names an event: listed in ``data/lexicon/event_nouns.tsv`` (event, occurrence),
    or a noun in -tion/-sion (or a singular one in -ing) that is not listed there as ``not_event``."""
    if tok.tag not in ("NN", "NNS"):
        return False
    words = _words()
    event_nouns, not_event = words.get("event_noun", frozenset()), words.get("not_event", frozenset())
    low = tok.lemma or tok.lower
    if low in event_nouns or tok.lower in event_nouns:
        return True
    if low in not_event or tok.lower in not_event:
        return False
    return tok.lower.endswith(("tion", "sion", "tions", "sions")) or \
        (tok.tag == "NN" and tok.lower.endswith("ing") and len(tok.lower) > 5)


def _np_start(tokens: Sequence[Token], k: int, floor: int) -> int:
    """First token of the noun phrase ending at token ``k`` (not before token ``floor``)."""
    j = k
    while j - 1 >= floor and tokens[j - 1].tag in _NP_TAGS and tokens[j - 1].tag != "RB":
        j -= 1
    return j


def _verb_span(doc: Doc, g: _Group) -> tuple[int, int, str]:
    """Offsets and text of an event verb: the main verb with its particle ("called off"); a negated
    group whole ("did not attend")."""
    toks = doc.tokens
    end = g.main
    if end + 1 < len(toks) and toks[end + 1].tag == "RP" and toks[end + 1].sent == toks[end].sent:
        end += 1
    start_c, end_c = toks[g.first if g.negated else g.main].start, toks[end].end
    return start_c, end_c, doc.text[start_c:end_c]


def _noun_span(doc: Doc, n: int, sa: _Sentence) -> tuple[int, int, str]:
    """Offsets and text of an event noun with the nouns compounded before it ("peace talks")."""
    toks = doc.tokens
    j = n
    while j - 1 >= sa.sent.first and toks[j - 1].tag in ("NN", "NNS") and j - 1 not in sa.timex_tokens:
        j -= 1
    return toks[j].start, toks[n].end, doc.text[toks[j].start:toks[n].end]


# =========================================================================== which word a date dates
def _noun_head(tokens: Sequence[Token], a: int, b: int, sa: _Sentence) -> int | None:
    """The noun a date at tokens [a, b) modifies, if any (rule 1 of the module docstring)."""
    toks = tokens
    first, last = sa.sent.first, sa.sent.last
    # "last week's report", "the June summit", "Sunday's call"
    k = b
    possessive = k < last and toks[k].tag == "POS"
    if possessive:
        k += 1
    determined = a > first and toks[a - 1].tag in ("DT", "PRP$")
    if (possessive or determined) and k < last and toks[k].tag in ("NN", "NNS", "JJ"):
        j = k
        while j + 1 < last and toks[j + 1].tag in ("NN", "NNS", "JJ") and toks[j].tag != "NNS" and \
                not toks[j + 1].lower.endswith("ing"):  # "Wednesday's debate approaching": a participle
            j += 1
        if toks[j].tag in ("NN", "NNS") and (possessive or _is_event_noun(toks[j])):
            return j  # "the 2014 euro zonewide system" is no event: only an event noun is dated so
    # "a summit in June", "a phone call on Monday with ..."
    p = a - 1
    if p > first and toks[p].tag in ("IN", "TO") and toks[p - 1].tag in ("NN", "NNS") and \
            _is_event_noun(toks[p - 1]):
        n = p - 1
        before = _np_start(toks, n, first) - 1
        if before < first or toks[before].tag in ("IN", "TO", "CC") or toks[before].norm in _PUNCT:
            return n
    # "after the floods last summer", "the vote Sunday": a bare date right after an event noun that is
    # itself the object of a preposition (or opens the sentence), not of a verb
    if p >= first and toks[p].tag in ("NN", "NNS") and _is_event_noun(toks[p]) and p not in sa.timex_tokens:
        before = _np_start(toks, p, first) - 1
        if before >= first and toks[before].tag in ("IN", "TO") or before < first:
            return p
    return None


def _subject_event(tokens: Sequence[Token], sa: _Sentence, g: VerbGroup) -> int | None:
    """The event noun heading the subject right before a verb group ("The meeting was on Monday")."""
    k = g.first - 1
    while k >= sa.sent.first and tokens[k].tag in ("RB", "MD"):
        k -= 1
    if k >= sa.sent.first and _is_event_noun(tokens[k]) and sa.seg_of.get(k) == sa.seg_of.get(g.first):
        return k
    return None


def _verb_for(tokens: Sequence[Token], a: int, b: int, sa: _Sentence) -> int | None:
    """The verb group (index into ``sa.groups``) a date at tokens [a, b) dates (rules 2-5)."""
    toks = tokens
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

    # A segment without a verb ("since last summer") is a phrase, not a clause: it belongs to the clause
    # before it, so the boundary that opens it does not separate it from that clause.
    verbless = not same

    def cost(gi: int) -> tuple[int, bool]:
        g = groups[gi]
        lo, hi = sorted((sa.seg_of.get(g.first, 0), seg))
        # brackets and quotation marks enclose; only clause boundaries separate
        bounds = sum(1 for s in range(lo + 1, hi + 1) if sa.seg_opener[s] not in _ENCLOSING
                     and not (verbless and s == seg and hi == seg))
        return gap(g) + BOUNDARY_COST * bounds, g.first > a
    return min(finite, key=cost)


def _governing(sa: _Sentence, k: int) -> int | None:
    """The finite verb group nearest token ``k`` (an event noun takes its tense and subject)."""
    finite = [gi for gi, g in enumerate(sa.groups) if g.finite]
    if not finite:
        return None
    return min(finite, key=lambda gi: (abs(sa.groups[gi].first - k), sa.groups[gi].first > k))


def _is_range(text: str, a: Timex, b: Timex) -> bool:
    """Whether two expressions are the ends of one range: 'from June to August', 'between May 1 and 3'."""
    between = text[a.end:b.start]
    before = text[max(0, a.start - 12):a.start]
    return bool(re.fullmatch(r"\s*(?:to|until|till|through|and|-|–|—)\s*", between, re.I)) and \
        bool(re.search(r"\b(?:from|between)\s+$", before, re.I))


def _merge_dates(text: str, timexes: Sequence[Timex], indices: Sequence[int],
                 dct: date | None) -> list[tuple[int, str, date | None, date | None]]:
    """The dates (DATE and TIME expressions, by index) that date one word, as (index, value, first
    day, last day), in text order: the two ends of a range make one ``first/last`` value, and of two
    nested intervals ("at 3 p.m. on Monday") only the finer is kept."""
    merged: list[tuple[int, str, date | None, date | None]] = []
    for i in indices:
        tx = timexes[i]
        first, last = interval(tx.value, dct=dct, mod=tx.mod)
        if merged:
            j, value, f0, l0 = merged[-1]
            if _is_range(text, timexes[j], tx):
                merged[-1] = (j, f"{value}/{tx.value}", f0, last)
                continue
            if f0 and l0 and first and last and (f0 <= first and last <= l0 or first <= f0 and l0 <= last):
                if (last - first) < (l0 - f0):
                    merged[-1] = (i, tx.value, first, last)
                continue
        merged.append((i, tx.value, first, last))
    return merged


# =========================================================================== who took part
class _Actors:
    """Who took part in an event: the actor mentions of its clause, subject first (see the module docstring)."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.mentions = list(mentions)
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self._at_cache: dict[int, dict[int, Mention]] = {}
        self._inside = bytearray(len(self.tokens))  # token inside any mention: kept whole in a noun phrase
        for m in self.mentions:
            self._inside[m.first:m.last] = b"\x01" * (m.last - m.first)

    # ------------------------------------------------------------------ actors
    def _at(self, sentence: int) -> dict[int, Mention]:
        """The actor mention (of :meth:`_clean`) at each token of a sentence."""
        if sentence not in self._at_cache:
            at: dict[int, Mention] = {}
            for m in self._clean(sentence):
                for j in range(m.first, m.last):
                    at.setdefault(j, m)
            self._at_cache[sentence] = at
        return self._at_cache[sentence]

    def _clean(self, sentence: int) -> list[Mention]:
        ms = [m for m in self.by_sentence.get(sentence, []) if m.kind != "place"]
        return [m for m in ms if not any(o is not m and o.first <= m.first and m.last <= o.last and
                                         (o.last - o.first) > (m.last - m.first) for o in ms)]

    def _in_pp(self, m: Mention, floor: int, sa: _Sentence) -> bool:
        """A mention inside a prepositional phrase ("ambassador to Greece"), not after a preposition that
        opens a subordinate clause ("after Kim left")."""
        def opens_clause(j: int) -> bool:
            seg = sa.seg_of.get(j)
            return seg is not None and sa.seg_start[seg] == j and sa.seg_kind[seg] == "sub"

        return governed(self.tokens, _np_start(self.tokens, m.first, floor), floor, by_verb=False,
                        opens_clause=opens_clause)

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
        after_reporting = False
        rep = sa.groups[g.reporter] if g.reporter is not None else None
        if rep is not None and rep.segment == seg and rep.last <= g.first:
            floor = rep.last  # "Peskov said Moscow's cooperation was ...": after the reporting verb
            # ... but "told him the nominee hadn't paid": a verb of telling has its object first
            after_reporting = self.tokens[rep.main].lemma not in _words().get("tell", ())
        region = [m for m in ms if floor <= m.first and m.last <= g.first]
        at = self._at(sa.index)
        span = subject_left(self.tokens, g.first, sa.sent.first, take="first", since=floor,
                            after_reporting=after_reporting, inside=self._inside, mention_at=at.get)
        cands = [m for m in span_mentions(self.tokens, span, at.get, pick="all") if m.last <= g.first]
        if cands:
            return cands
        k = skip_adjuncts_left(self.tokens, g.first - 1, floor, time=sa.timex_tokens)
        if k >= sa.sent.first and self.tokens[k].tag == "PRP" and self.tokens[k].lower in PRONOUNS:
            ante = antecedent(self.mentions, self.doc, k)
            return [ante] if ante is not None else []
        kind, opener = sa.seg_kind[seg], sa.seg_opener[seg]
        if kind == "sub" and opener in ("which", "who", "that"):  # "the ministry, which said": its antecedent
            if self.tokens[floor].tag not in ("WDT", "WP"):
                return []  # "Kamarck noted that the process hasn't changed": a complementizer
            span = relative_antecedent(self.tokens, floor, sa.sent.first, mention_at=at.get)
            return span_mentions(self.tokens, span, at.get, pick="head")
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

    def of_verb(self, sa: _Sentence, gi: int) -> list[str]:
        """Actors of a verb event: its subjects, then the mentions after it in its clause."""
        g = sa.groups[gi]
        lemma = self.tokens[g.main].lemma
        if lemma in sa.report:
            # what follows a reporting verb is what was said, not who took part; only the person
            # addressed counts ("told Kim", "quoted Kim as saying")
            objects = [m for m in self._after(sa, g.last, g.segment) if m.first <= g.last + 1] \
                if lemma in _words().get("tell", ()) else []
            return self._names(self._subjects(sa, gi) + objects[:1])
        return self._names(self._subjects(sa, gi) + self._after(sa, g.last, g.segment))

    def of_noun(self, sa: _Sentence, n: int, governing: int | None) -> list[str]:
        """Actors of an event noun: the subjects of its governing verb, those of its own noun phrase
        and those after it in its clause ("a phone call ... with President Yoon")."""
        subjects = self._subjects(sa, governing) if governing is not None else []
        seg = sa.seg_of.get(n, 0)
        np_first = _np_start(self.tokens, n, sa.seg_start[seg])
        own = [m for m in self._clean(sa.index) if np_first <= m.first and m.last <= n + 1]
        return self._names(subjects + own + self._after(sa, n + 1, seg))


# =========================================================================== placing what has no date
@dataclass(frozen=True, slots=True)
class _Place:
    """Where an event without a date of its own goes: a value (a relation), its interval, how it was
    placed (``tense`` or ``order``) and the event an ``order`` placement is relative to."""

    value: str
    first: date | None
    last: date | None
    anchor: str
    ref: Event | None = None


def _against_dct(tense: str | None, dct: date | None) -> _Place | None:
    """A statement in the narrator's voice: told in the past, it happened by publication; in the
    present or future, from publication on."""
    if dct is None:
        return None
    if tense in _PAST_LIKE:
        return _Place(ON_OR_BEFORE_DCT, None, dct, "tense")
    if tense in ("present", "future"):
        return _Place(ON_OR_AFTER_DCT, dct, None, "tense")
    return None


def _after_sequence_marker(doc: Doc, sa: _Sentence, g: _Group, last_dated: Event | None,
                           dct: date | None) -> _Place | None:
    """Order rule (b): a clause headed by a sequence marker ("Then it withdrew", "Later, it withdrew",
    "it then withdrew") comes on or after the event the text dated just before it (same or previous
    sentence)."""
    if last_dated is None or last_dated.interval_start is None or last_dated.sentence < sa.index - 1:
        return None
    toks = doc.tokens
    head = list(range(sa.seg_start[g.segment], g.main))
    for seg in range(g.segment - 1, -1, -1):  # a fronted adverbial before the clause ("Later, ...")
        if any(h.finite and h.segment == seg for h in sa.groups):
            break
        head.extend(range(sa.seg_start[seg], sa.seg_end[seg]))
    sequence = _words().get("sequence", frozenset())
    if not any(toks[k].lower in sequence and toks[k].tag.startswith("RB") and k not in sa.timex_tokens
               for k in head):
        return None
    end = dct if g.tense in _PAST_LIKE else None
    return _Place(f"ON_OR_AFTER:{last_dated.value}", last_dated.interval_start, end, "order", last_dated)


def _reported(sa: _Sentence, g: _Group, dated: dict[tuple[int, int], Event], dct: date | None) -> _Place | None:
    """Order rule (a) and the tense rule for reported content: past content of a dated reporting verb
    happened on or before it, future content on or after it; past content of an undated report in
    the narrator's voice happened before publication."""
    rep = sa.groups[g.reporter] if g.reporter is not None else None
    ref = dated.get((sa.index, rep.main)) if rep is not None else None
    if ref is not None and ref.value and (ref.interval_start or ref.interval_end):
        if g.tense in _PAST_LIKE and ref.interval_end:
            return _Place(f"ON_OR_BEFORE:{ref.value}", None, ref.interval_end, "order", ref)
        if g.tense in ("future", "conditional") and ref.interval_start:
            return _Place(f"ON_OR_AFTER:{ref.value}", ref.interval_start, None, "order", ref)
        return None
    direct = rep is None or rep.role == "main"
    return _against_dct(g.tense, dct) if g.tense in _PAST_LIKE and direct else None


def _conditional(tokens: Sequence[Token], sa: _Sentence) -> bool:
    """Whether the sentence states a condition ("if", "unless"): its "would" is hypothetical."""
    return any(tokens[k].lower in ("if", "unless") for k in range(sa.sent.first, sa.sent.last))


def _placement(doc: Doc, sa: _Sentence, gi: int, *, dct: date | None, dated: dict[tuple[int, int], Event],
               last_dated: Event | None) -> _Place | None:
    """Where an undated finite verb group goes, or None when no placement is safe (see the module
    docstring): ``dated`` maps (sentence, main verb token) to the event its own expression dates,
    ``last_dated`` is the last event the text dated before it."""
    g = sa.groups[gi]
    toks = doc.tokens
    if g.negated or g.role in ("sub", "nonfinite") or toks[g.main].lemma in _words().get("stative", frozenset()):
        return None
    if g.tense == "modal" or (g.tense == "conditional" and (g.role != "reported" or _conditional(toks, sa))):
        return None
    if not _terminal(doc, sa.index):
        return None  # a headline or sub-heading (historic present)
    placed = _after_sequence_marker(doc, sa, g, last_dated, dct)
    if placed is not None:
        return placed
    if g.role == "reported":
        return _reported(sa, g, dated, dct)
    return _against_dct(g.tense, dct)


# =========================================================================== one document's events
class _Finder:
    """The events of one document: attach each expression to the word it dates, make the dated
    events, then place the undated statements and the durations where that is safe."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], timexes: Sequence[Timex], dct: date | None,
                 skip: Iterable[int]) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.timexes = list(timexes)
        self.dct = dct
        self.skip = set(skip)
        self.actors = _Actors(doc, mentions)
        self.quoted = _quoted_tokens(doc)
        self.timex_tokens: dict[int, tuple[int, int]] = {}  # timex index -> token range
        for i, tx in enumerate(self.timexes):
            toks = doc.tokens_in(tx.start, tx.end)
            if toks:
                self.timex_tokens[i] = (toks[0].i, toks[-1].i + 1)
        self._sentences: dict[int, _Sentence] = {}
        # The tokens inside expressions, by sentence, in the order a scan of all expressions meets them
        # (made once: reading every expression for every sentence made a long article quadratic).
        self._timex_covered: dict[int, set[int]] = {}
        for a, b in self.timex_tokens.values():
            for k in range(a, b):
                self._timex_covered.setdefault(self.tokens[k].sent, set()).add(k)

    def sentence(self, index: int) -> _Sentence:
        if index not in self._sentences:
            covered = self._timex_covered.get(index)
            self._sentences[index] = _Sentence(self.doc, index, set() if covered is None else covered, self.quoted)
        return self._sentences[index]

    def find(self) -> list[Event]:
        order, attachments = self._attach()
        events: list[Event] = []
        dated: dict[tuple[int, int], Event] = {}  # (sentence, main token) -> its dated event
        for key in order:
            for ev in self._timex_events(key, attachments[key]):
                events.append(ev)
                if key[1] == "verb" and ev.anchor == "timex" and (ev.interval_start or ev.interval_end):
                    dated.setdefault((key[0], self.sentence(key[0]).groups[key[2]].main), ev)
        events.sort(key=lambda e: e.start)
        placed = self._undated({(k[0], k[2]) for k in order if k[1] == "verb"}, events, dated)
        for e in events:
            self._place_duration(e)
        everything = sorted(events + placed, key=lambda e: (e.start, e.timex if e.timex is not None else -1))
        index_of = {id(e): i for i, e in enumerate(everything)}
        for e in everything:
            if e.relative_to is not None:
                e.relative_to = index_of.get(e.relative_to)
        self._resolve_anchored(everything)
        return everything

    def _resolve_anchored(self, events: list[Event]) -> None:
        """An event dated by an expression anchored to another event ("seen the day before the son
        reported him missing", "came two days after the vote on Sunday") is dated from that event when
        it has a date: its day moved by the expression's offset. Otherwise it keeps the expression's own
        value (unresolved) with ``relative_to`` naming the anchoring event: a value with its anchor."""
        for e in events:
            tx = self.timexes[e.timex] if e.timex is not None else None
            if tx is None or not tx.offset or tx.anchor_at is None:
                continue
            phrase_end = self._anchor_phrase_end(e.sentence, tx.anchor_at)
            ref = next((i for i, o in enumerate(events) if o is not e and o.sentence == e.sentence and
                        tx.anchor_at <= o.start < phrase_end and not (o.timex == e.timex and o.anchor == "timex")),
                       None)
            if ref is None:  # "two days after the hearing": the hearing dated earlier in the story
                ref = self._earlier_mention(events, e, tx.anchor_at, phrase_end)
            if ref is None:
                continue
            anchor = events[ref]
            e.relative_to = ref
            first, last = anchor.interval_start, anchor.interval_end
            if anchor.anchor != "timex" or first is None or last is None or \
                    (first != last and tx.offset.endswith("D")):
                e.value, e.interval_start, e.interval_end, e.anchor = tx.value, None, None, "timex"
                continue
            moved = apply_offset(tx.offset, first)
            if moved is not None:
                e.value, e.anchor = moved.value, "timex"
                e.interval_start, e.interval_end = moved.interval()

    def _anchor_phrase_end(self, sentence: int, at: int) -> int:
        """Where the words naming an anchoring event end: the next clause punctuation or coordination."""
        sent = self.doc.sentences[sentence]
        end = self.tokens[sent.last - 1].end
        for k in range(sent.first, sent.last):
            tok = self.tokens[k]
            if tok.start > at and (tok.norm in (",", ";", ":", "--") or tok.tag == "CC"):
                return tok.start
        return end

    def _earlier_mention(self, events: list[Event], e: Event, at: int, end: int) -> int | None:
        """The dated event told before ``e`` whose word is the head of the anchoring phrase ``[at, end)``
        ("the hearing" ... "Wednesday's hearing"): the most recent one with the same word."""
        heads = {t.lower for t in self.doc.tokens_in(at, end) if t.tag in ("NN", "NNS") and _is_event_noun(t)}
        if not heads:
            return None
        found = None
        for i, o in enumerate(events):
            if o.start >= e.start:
                break
            if o.anchor == "timex" and o.kind == "noun" and o.text.split()[-1].lower() in heads:
                found = i
        return found

    def _attach(self) -> tuple[list[tuple[int, str, int]], dict[tuple[int, str, int], list[int]]]:
        """The words expressions date, in the order first dated, each with its expressions' indices:
        keys (sentence, "noun", token) or (sentence, "verb", verb group)."""
        attachments: dict[tuple[int, str, int], list[int]] = {}
        order: list[tuple[int, str, int]] = []
        for i, (a, b) in self.timex_tokens.items():
            s = self.tokens[a].sent
            if s in self.skip:
                continue
            sa = self.sentence(s)
            # an anchored expression ("the day before last Tuesday's hearing") dates its clause, not the noun
            n = None if self.timexes[i].offset else _noun_head(self.tokens, a, b, sa)
            if n is not None:
                key = (s, "noun", n)
            else:
                gi = _verb_for(self.tokens, a, b, sa)
                if gi is None:
                    continue
                g = sa.groups[gi].verb
                if not _eventive(self.tokens, g, sa.sent.first):
                    # "The meeting was on Monday": a copula dates its subject, when that names an event
                    n = _subject_event(self.tokens, sa, g) if g.lemma == "be" else None
                    if n is None:
                        continue
                    key = (s, "noun", n)
                else:
                    key = (s, "verb", gi)
            if key not in attachments:
                order.append(key)
            attachments.setdefault(key, []).append(i)
        return order, attachments

    def _timex_events(self, key: tuple[int, str, int], indices: list[int]) -> list[Event]:
        """The events of one dated word: one per date (ranges and nested dates merged); a word dated
        only by a duration or a set keeps the first such expression, without an interval."""
        s, kind, k = key
        sa = self.sentence(s)
        negated = False
        if kind == "verb":
            g = sa.groups[k]
            start, end, text = _verb_span(self.doc, g)
            actors = self.actors.of_verb(sa, k)
            tense, negated = g.tense, g.negated
        else:
            start, end, text = _noun_span(self.doc, k, sa)
            governing = _governing(sa, k)
            actors = self.actors.of_noun(sa, k, governing)
            tense = sa.groups[governing].tense if governing is not None else None
        pending = sorted(indices, key=lambda i: self.timexes[i].start)
        dates = [i for i in pending if self.timexes[i].type in ("DATE", "TIME")]
        merged = _merge_dates(self.doc.text, self.timexes, dates, self.dct)
        if not merged:  # only durations and sets
            merged = [(i, self.timexes[i].value, None, None) for i in pending[:1]]
        return [Event(start, end, text, s, i, value, first, last, list(actors), tense, "timex", kind, negated=negated)
                for i, value, first, last in merged]

    def _undated(self, with_event: set[tuple[int, int]], events: list[Event],
                 dated: dict[tuple[int, int], Event]) -> list[Event]:
        """Events for the finite verbs no expression dates, where :func:`_placement` finds a safe place;
        ``relative_to`` holds the id() of the reference event until :meth:`find` resolves it."""
        dated_by_start = sorted((e for e in events if e.anchor == "timex" and e.interval_start), key=lambda e: e.start)
        starts = [e.start for e in dated_by_start]
        placed: list[Event] = []
        for s in range(len(self.doc.sentences)):
            if s in self.skip:
                continue
            sa = self.sentence(s)
            for gi, g in enumerate(sa.groups):
                if not g.finite or (s, gi) in with_event or not _eventive(self.tokens, g.verb, sa.sent.first):
                    continue
                before = bisect.bisect_left(starts, self.tokens[g.main].start)
                last_dated = dated_by_start[before - 1] if before else None
                got = _placement(self.doc, sa, gi, dct=self.dct, dated=dated, last_dated=last_dated)
                if got is None:
                    continue
                start, end, text = _verb_span(self.doc, g)
                ev = Event(start, end, text, s, None, got.value, got.first, got.last, self.actors.of_verb(sa, gi),
                           g.tense, got.anchor, "verb")
                ev.relative_to = id(got.ref) if got.ref is not None else None
                placed.append(ev)
        return placed

    def _place_duration(self, e: Event) -> None:
        """A verb dated only by a duration or a set ("lasted three weeks") is placed by its tense, in
        the main clause."""
        if e.anchor != "timex" or e.timex is None or self.timexes[e.timex].type not in ("DURATION", "SET") \
                or e.kind != "verb" or self.dct is None or not e.tense:
            return
        sa = self.sentence(e.sentence)
        g = next((g for g in sa.groups if self.tokens[g.main].start == e.start), None)
        if g is None or g.negated or g.role != "main":
            return
        got = _against_dct(g.tense, self.dct)
        if got is not None:
            e.value, e.interval_start, e.interval_end, e.anchor = got.value, got.first, got.last, got.anchor


def find_events(doc: Doc, mentions: Sequence[Mention], timexes: Sequence[Timex], *,
                dct: date | datetime | None = None, skip: Iterable[int] = ()) -> list[Event]:
    """Events of one tagged document, in text order: one per temporal expression that dates a word
    (see the module docstring for which word), plus the undated statements that can be placed safely.

    ``doc`` is :func:`toolkit.text.tagging.process` output, ``mentions`` :func:`toolkit.actors.mentions.find_mentions`,
    ``timexes`` :func:`toolkit.time.timex.tag_timexes` on the same text (``Event.timex`` indexes this list),
    ``dct`` the publication date and ``skip`` sentence indices that carry no analyses (boilerplate).
    """
    return _Finder(doc, mentions, timexes, as_date(dct), skip).find()


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

    >>> rows = timeline([{"id": "a", "published": "2024-10-21", "events": [
    ...     {"text": "said", "start": 4, "interval_start": "2024-10-18", "interval_end": "2024-10-18"},
    ...     {"text": "met", "start": 0, "interval_start": "2024-10-14", "interval_end": "2024-10-20"}]}])
    >>> [(r["position"], r["event"], r["when"]) for r in rows]
    [(1, 'met', '2024-10-14 to 2024-10-20'), (2, 'said', '2024-10-18')]
    """
    keyed: list[tuple[tuple, dict]] = []
    for doc_index, item in enumerate(items):
        rec = _record(item)
        published = (rec.get("published") or "")[:10] or None
        doc_rows = _event_rows(rec, published)
        keyed.extend(zip(_order_keys(doc_rows, published, doc_index), (row for row, *_ in doc_rows)))
    keyed.sort(key=lambda kr: kr[0])
    rows: list[dict] = []
    for position, (_key, row) in enumerate(keyed, start=1):
        row["position"] = position
        rows.append(row)
    return rows


def _event_rows(rec: dict, published: str | None) -> list[tuple[dict, date | None, date | None, int | None]]:
    """The timeline rows of one annotation record's events, each with its interval and reference event."""
    events = rec.get("events") or []
    timexes = rec.get("timexes") or []
    doc_rows = []
    for ev in events:
        tx = timexes[ev["timex"]] if ev.get("timex") is not None and 0 <= ev["timex"] < len(timexes) else None
        first, last = as_date(ev.get("interval_start")), as_date(ev.get("interval_end"))
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
    return doc_rows


def _order_keys(doc_rows: list[tuple[dict, date | None, date | None, int | None]], published: str | None,
                doc_index: int) -> list[tuple]:
    """Sort keys of one document's rows (the order :func:`timeline` describes)."""
    own_keys: list[tuple] = []
    for index, (row, first, last, _ref) in enumerate(doc_rows):
        if first is None and last is None:
            key = (1, _FAR, 0, _FAR, published or "", doc_index, row["start"] or 0, 0, index)
        else:
            point = first or last
            openness = 0 if first and last else (1 if last else 2)
            key = (0, point, openness, last or _FAR, published or "", doc_index, row["start"] or 0, 0, index)
        own_keys.append(key)
    keys = []
    for index, (row, _first, _last, ref) in enumerate(doc_rows):
        key = own_keys[index]
        # only an event placed by order sorts beside its reference event; one dated from an anchoring
        # event ("the day before the son reported him missing") has its own interval
        if ref is not None and row["anchor"] == "order" and 0 <= ref < len(own_keys) and doc_rows[ref][3] is None:
            before = (row["value"] or "").startswith("ON_OR_BEFORE")
            key = own_keys[ref][:7] + (-1 if before else 1, index)
        keys.append(key)
    return keys


def document_timeline(item: object, *, doc_index: int) -> list[tuple[str, dict]]:
    """One record's timeline rows, each with its place in a corpus timeline as sortable text: sorting
    every document's rows by that text gives the order of :func:`timeline` (``doc_index`` is the
    document's place in the corpus), so a store can write rows per document and order them at query time.

    >>> rows = document_timeline({"id": "a", "published": "2024-10-21", "events": [
    ...     {"text": "said", "start": 4, "interval_start": "2024-10-18", "interval_end": "2024-10-18"},
    ...     {"text": "met", "start": 0, "interval_start": "2024-10-14", "interval_end": "2024-10-20"}]}, doc_index=0)
    >>> [row["event"] for _, row in sorted(rows, key=lambda kr: kr[0])]
    ['met', 'said']
    """
    rec = _record(item)
    published = (rec.get("published") or "")[:10] or None
    doc_rows = _event_rows(rec, published)
    keys = _order_keys(doc_rows, published, doc_index)
    return [(_key_text(key), row) for key, (row, *_) in zip(keys, doc_rows)]


def _key_text(key: tuple) -> str:
    """A :func:`_order_keys` tuple as text that sorts the same way (fixed-width fields)."""
    parts = []
    for part in key:
        if isinstance(part, bool) or isinstance(part, int):
            parts.append(f"{int(part) + 10 ** 11:012d}")
        elif isinstance(part, date):
            parts.append(part.isoformat().rjust(10, "0"))
        else:
            parts.append(str(part)[:10].ljust(10))
    return "|".join(parts)
