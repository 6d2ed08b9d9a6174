"""Who takes which position toward whom or what: stance relations with their evidence.

A :class:`Stance` has a **holder** (an actor mention, or ``None`` for the article
itself), a **target** (another actor mention, or a :class:`Topic`), a **polarity**
(positive / negative / neutral, with a score in [-1, 1]), the **cue** that decided
it and the **sentence** it rests on. Everything is rules and word lists, so a reader
can always see why a stance was assigned:

1. **Stance cues** (``data/stance/stance_verbs.tsv``: CAMEO-style verbs, nouns and adjectives
   with polarity and argument roles). The clause's shallow structure
   (:mod:`toolkit.text.clauses`) gives the direction: "X condemned Y" (X -> Y),
   "Y was criticised by X" (passive: by-agent -> subject), "X protested to Y",
   "X's criticism of Y", "Y drew praise from X", "X and Y pledged to boost ties"
   (both ways), "X accused Y of ...", "X denied Y's claims" (the possessor of the
   object). Negation ("did not condemn") and undone acts ("declined to answer")
   make the stance neutral; hedges ("could", "reportedly", "if") halve it.
2. **Statements**: what a speaker says about an actor -- the complement of a
   reporting verb ("X said (that) ...", "..., X said") and the content of each quote
   from :mod:`toolkit.quotes.extract` -- scored with the word lexicon (:mod:`toolkit.stance.polarity`)
   in a window around each actor it names, negation-aware; the holder is the speaker.
3. **Predicates**: an actor subject whose clause names another actor in a
   sentiment-laden predicate ("X is sympathetic to Y's complaints").
4. **Portrayal**: how the article itself presents an actor no one holds a stance
   toward in that sentence (holder None). Read by the one learned part,
   :mod:`toolkit.stance.portrayal` (a logistic regression over the words around the mention,
   trained on NewsMTSC: 62.6 macro-F1 cross-validated against 57.2 for the word lists),
   whose cue is the word that pushed the decision most; by the lexicon in a window
   around the mention when the model is not installed (or ``find_stances(..., model=None)``).

Stances toward **topics** come from **claims**: every statement, quote and cue verb clause with
a holder, scored, with the words it is about (:class:`Claim`, stored by the annotation). A claim
is a stance toward each topic it shares a term with (:func:`claim_stances`), so topics given
after the annotation need no new analysis; :func:`topic_stances` aggregates them per actor and
topic, and :func:`propose_topics` suggests topics from the stored event phrases
(:func:`event_phrases`) when none are given.

Example::

    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.mentions import find_mentions
    >>> doc = process("South Korea condemned North Korea on Monday.")
    >>> [(s.source.actor, s.target.actor, s.polarity, s.cue[2])
    ...  for s in find_stances(doc, find_mentions(doc)) if s.source is not None]
    [('South Korea', 'North Korea', 'negative', 'condemned')]
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from toolkit.stance import portrayal as learned
from toolkit.actors.byline import opinion_author
from toolkit.actors.mentions import PRONOUNS, Mention, antecedent
from toolkit.stance.polarity import modifiers, score_tokens, squash
from toolkit.resources import data_lines, read_table
from toolkit.text.clauses import (
    CIRCUMSTANTIAL,
    FINITE_TAGS,
    LOCATIVE,
    NOMINAL_TAGS,
    SUBORDINATORS,
    VerbGroup,
    clause_opening,
    is_break,
    np_extent,
    object_control_verbs,
    skip_adjuncts_left,
    span_mentions,
    subject_left,
    verb_groups,
)
from toolkit.text.tagging import lemmatize, process
from toolkit.text.lexicon import STATEMENT_KINDS, reporting_lemmas
from toolkit.text.lexicon import event_nouns as lexicon_event_nouns
from toolkit.text.tokens import Doc, Token

__all__ = ["Stance", "Topic", "Cue", "Claim", "TopicStance", "EventPhrase", "StanceAnalysis", "find_stances",
           "analyse_stances", "claim_stances", "topic_stances", "event_phrases", "propose_topics", "stance_cues",
           "polarity_of", "topic_label", "POLAR"]

#: |score| at or above which a stance is positive or negative rather than neutral: the one polarity
#: threshold. It is also the least |score| at which a statement, a predicate or a portrayal is
#: reported at all (cues are always reported: a negated cue is a neutral stance).
POLAR = 0.2
#: Words either side of a target that a statement or a portrayal is scored on.
WINDOW = 8
#: A portrayal reads further: how the article frames an actor spreads over the clause (NewsMTSC dev: 12 > 8).
PORTRAYAL_WINDOW = 12
DECAY = 0.1  # a word d tokens from the target counts 1 / (1 + DECAY * d) in a statement
NEGATED_CUE = -0.2  # "did not condemn": a trace of the opposite, polarity neutral
REFUSED = 0.6  # "refused to endorse Y": a share of the support withheld, as opposition
HEDGE = 0.5
REPORT_TONE = 0.6  # share of a cue verb's score that a statement it introduces carries ("complained that")
PREDICATE_REACH = 8  # tokens after a verb group where its object or complement actor may start
FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me"})
#: A quotation's "you": whom the speaker addresses (the object of "told", "asked", ... in its frame).
SECOND_PERSON = frozenset({"you", "your"})
#: Verbs of saying whose object is the one spoken to ("Warren told Stumpf").
ADDRESSING = frozenset({"tell", "ask", "urge", "warn", "remind", "assure", "press", "challenge", "scold", "grill"})
SKIP_KINDS = frozenset({"place"})
#: How a stance was found, strongest first (a stronger way wins for the same holder, target and sentence).
VIA_RANK = {"cue": 0, "quote": 1, "statement": 2, "predicate": 3, "portrayal": 4}


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic a researcher follows: a name and the words that signal it (lower case, lemma or form).

    >>> Topic("troop deployment", ("troops", "soldiers", "dispatch", "deployment")).name
    'troop deployment'
    """

    name: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """What a holder says or does in one clause, scored, with the words it is about: the stored evidence
    that stances toward topics are read from, so topics given later need no new analysis.

    Found for every statement ("X said ..."), quote and cue verb clause ("X condemned the deployment")
    with a holder; ``terms`` are the word forms and lemmas of its content words (lower case where the
    text is). A claim is about a :class:`Topic` when they share a term (:func:`claim_stances`).

    >>> c = Claim.from_dict({"holder": {"start": 0, "end": 7, "text": "Germany", "actor": "Germany",
    ...                      "kind": "country", "affiliation": None, "sentence": 0, "via": "alias"},
    ...                      "score": -0.6, "cue": None, "sentence": 0, "via": "statement",
    ...                      "terms": ["deployment", "troop", "troops"]})
    >>> [(s.source.actor, s.topic, s.polarity) for s in claim_stances([c], [Topic("troops", ("troops",))])]
    [('Germany', 'troops', 'negative')]
    """

    holder: Mention
    score: float
    cue: tuple[int, int, str] | None
    sentence: int
    via: str  # statement, quote or cue
    terms: frozenset[str]

    def to_dict(self) -> dict:
        return {"holder": self.holder.to_dict(), "score": round(self.score, 3),
                "cue": None if self.cue is None else {"start": self.cue[0], "end": self.cue[1], "text": self.cue[2]},
                "sentence": self.sentence, "via": self.via, "terms": sorted(self.terms)}

    @classmethod
    def from_dict(cls, record: dict) -> Claim:
        """A stored claim as an object again (the holder's token range is not stored: -1)."""
        h = record["holder"]
        holder = Mention(h["start"], h["end"], h.get("text", ""), h.get("actor") or h.get("text", ""),
                         h.get("kind") or "person", h.get("affiliation"), h.get("sentence", record["sentence"]),
                         -1, -1, h.get("via") or "given", h.get("title"))
        cue = record.get("cue")
        return cls(holder, float(record["score"]), None if cue is None else (cue["start"], cue["end"], cue["text"]),
                   record["sentence"], record["via"], frozenset(record.get("terms") or ()))


@dataclass(slots=True)
class Stance:
    """One stance relation with its evidence; see :meth:`to_dict` for the contract."""

    source: Mention | None
    target: Mention | None
    topic: str | None
    polarity: str
    score: float
    cue: tuple[int, int, str] | None
    sentence: int
    via: str = "cue"  # cue, quote, statement, portrayal: the path that found it
    rule: str = ""  # the pattern within the path ("copula", "object" ...), empty when the path says it all

    @property
    def name(self) -> str:
        """The rule that produced it, "path:pattern" ("cue:verb", "quote:copula", "portrayal")."""
        return f"{self.via}:{self.rule}" if self.rule else self.via

    @property
    def confidence(self) -> float:
        """How often the rule's stances were right on the development reading (:func:`rule_confidence`)."""
        return rule_confidence().get(self.name, rule_confidence().get(self.via, DEFAULT_CONFIDENCE))

    def to_dict(self) -> dict:
        return {
            "source": _party_dict(self.source),
            "target": _party_dict(self.target),
            "topic": self.topic,
            "polarity": self.polarity,
            "score": round(self.score, 3),
            "cue": None if self.cue is None else {"start": self.cue[0], "end": self.cue[1], "text": self.cue[2]},
            "sentence": self.sentence,
            "rule": self.name,
            "confidence": round(self.confidence, 2),
        }


#: The confidence of a rule the calibration table does not list.
DEFAULT_CONFIDENCE = 0.3


@lru_cache(maxsize=1)
def rule_confidence() -> dict[str, float]:
    """Rule -> share of its stances a careful reader signs: ``data/stance/rule_confidence.tsv``.

    >>> 0.0 <= rule_confidence()["cue:verb"] <= 1.0
    True
    """
    return {row["rule"]: float(row["confidence"]) for row in read_table("stance/rule_confidence.tsv")}


def _party_dict(m: Mention | None) -> dict | None:
    if m is None:
        return None
    return {"start": m.start, "end": m.end, "text": m.text, "actor": m.actor, "affiliation": m.affiliation}


def polarity_of(score: float) -> str:
    """positive / negative / neutral for a score (threshold :data:`POLAR`)."""
    if score >= POLAR:
        return "positive"
    if score <= -POLAR:
        return "negative"
    return "neutral"


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of ``data/stance/stance_verbs.tsv``."""

    cue: str
    pos: str
    score: float
    slots: tuple[str, ...]
    mutual: bool


@lru_cache(maxsize=1)
def stance_cues() -> dict[tuple[str, str], tuple[Cue, ...]]:
    """(pos, cue) -> its rows from ``data/stance/stance_verbs.tsv``."""
    table: dict[tuple[str, str], list[Cue]] = defaultdict(list)
    for row in read_table("stance/stance_verbs.tsv"):
        cue = Cue(row["cue"], row["pos"], float(row["score"]), tuple(row["target"].split("|")),
                  row.get("mutual") == "yes")
        table[(cue.pos, cue.cue)].append(cue)
    return {k: tuple(v) for k, v in table.items()}


# --------------------------------------------------------------------------- per-sentence context


@dataclass(slots=True)
class _Context:
    """What every rule needs about the document."""

    doc: Doc
    mentions: list[Mention]
    at: list[Mention | None]  # outer actor mention covering each token
    inside: bytearray  # token inside any mention
    speaker_of: dict[int, Mention | None] = field(default_factory=dict)  # token -> quote speaker
    addressee_of: dict[int, Mention] = field(default_factory=dict)  # token -> whom its quote addresses
    author: Mention | None = None  # an opinion piece's author (toolkit.actors.byline)
    places: list[Mention] = field(default_factory=list)  # place mentions: holders only where they act
    _pronouns: dict[int, Mention | None] = field(default_factory=dict)
    _places_by_span: dict[tuple[int, int], Mention] | None = None

    def place_spanning(self, first: int, last: int) -> Mention | None:
        """The first place mention over exactly tokens ``[first, last)``, from an index built once (a
        scan of every place per subject made a long article quadratic)."""
        if self._places_by_span is None:
            self._places_by_span = {}
            for m in self.places:
                self._places_by_span.setdefault((m.first, m.last), m)
        return self._places_by_span.get((first, last))

    def mention_at(self, k: int) -> Mention | None:
        """The actor at token ``k``: a mention, or a pronoun resolved to its antecedent."""
        m = self.at[k]
        if m is not None:
            return m
        tok = self.doc.tokens[k]
        low = tok.lower
        if low in FIRST_PERSON and k in self.speaker_of:
            speaker = self.speaker_of[k]
            return None if speaker is None else _as_pronoun(speaker, tok)
        if low in SECOND_PERSON and k in self.addressee_of:
            return _as_pronoun(self.addressee_of[k], tok)
        if low not in PRONOUNS or tok.tag not in ("PRP", "PRP$"):
            return None
        if k not in self._pronouns:
            found = antecedent(self.mentions, self.doc, k)
            self._pronouns[k] = None if found is None or found.kind in SKIP_KINDS else _as_pronoun(found, tok)
        return self._pronouns[k]


def _as_pronoun(m: Mention, tok: Token) -> Mention:
    return replace(m, start=tok.start, end=tok.end, text=tok.text, first=tok.i, last=tok.i + 1,
                   sentence=tok.sent, via="pronoun")


def _context(doc: Doc, mentions: Sequence[Mention]) -> _Context:
    n = len(doc.tokens)
    at: list[Mention | None] = [None] * n
    inside = bytearray(n)
    # Longest first, so the outer mention of a nested pair ("South Korea's foreign ministry") wins.
    for m in sorted(mentions, key=lambda m: (m.first - m.last, m.first)):
        inside[m.first:m.last] = b"\x01" * (m.last - m.first)
        if m.kind in SKIP_KINDS:
            continue
        for k in range(m.first, m.last):
            if at[k] is None:
                at[k] = m
    return _Context(doc, list(mentions), at, inside, places=[m for m in mentions if m.kind == "place"])


@dataclass(slots=True)
class _Clause:
    """One sentence's verb groups with their subjects."""

    lo: int
    hi: int
    groups: list[VerbGroup]
    subjects: list[list[Mention]]  # per group: the holder(s) (several when coordinated: "X and Y")
    subject_spans: list[tuple[int, int] | None]


# --------------------------------------------------------------------------- noun phrases


def _np_mentions(ctx: _Context, k: int, hi: int, *, follow: bool = True) -> tuple[list[Mention], int]:
    """Actors named in the noun phrase at ``k`` (head, possessors, modifiers, of-phrases) and its end."""
    toks = ctx.doc.tokens
    if k < hi and toks[k].lower == "what" and k + 3 < hi:
        # "condemned what it called the North's involvement": skip the framing clause
        j = k + 1
        while j < min(hi, k + 6) and toks[j].tag not in ("VBD", "VBZ", "VBP", "VBN"):
            j += 1
        if j < hi and toks[j].lemma in ("call", "describe", "term", "dub", "label", "see", "consider"):
            k = j + 1 + (toks[j + 1].lower == "as" if j + 1 < hi else 0)
    end = np_extent(toks, k, hi, inside=ctx.inside)
    if end == k:
        m = ctx.mention_at(k) if k < hi else None
        return ([m], k + 1) if m is not None else ([], k)
    found: list[Mention] = []
    for j in range(k, end):
        m = ctx.mention_at(j)
        if m is not None and (not found or found[-1] is not m):
            found.append(m)
    if end + 2 < hi and toks[end].text == "(" and ctx.at[end + 1] is not None:
        found.append(ctx.at[end + 1])  # "the Department of Homeland Security (DHS)"
        end = ctx.at[end + 1].last + (toks[ctx.at[end + 1].last].text == ")" if ctx.at[end + 1].last < hi else 0)
    while follow and end + 1 < hi and toks[end].lower in ("of", "by", "between", "and"):
        if toks[end].lower == "and" and not found:
            break
        more, new_end = _np_mentions(ctx, end + 1, hi, follow=False)
        if new_end == end + 1 and not more:
            break
        found.extend(more)
        end = new_end
        if toks[end - 1].lower == "and":
            break
    return found, end


# --------------------------------------------------------------------------- subjects


def _clause(ctx: _Context, lo: int, hi: int) -> _Clause:
    toks = ctx.doc.tokens
    groups = verb_groups(toks, lo, hi, verbs=_headline_verbs(ctx, lo, hi))
    clause = _Clause(lo, hi, groups, [], [])
    prev_finite: int | None = None
    for gi, g in enumerate(groups):
        subject, span = _subject(ctx, clause, gi, prev_finite)
        clause.subjects.append(subject)
        clause.subject_spans.append(span)
        if g.clause_head:
            prev_finite = gi
    return clause


def _headline_verbs(ctx: _Context, lo: int, hi: int) -> frozenset[int]:
    """Stance verbs the tagger read as plural nouns after an actor: "South Korea summons Russian envoy"."""
    toks = ctx.doc.tokens
    cues = stance_cues()
    found = set()
    for k in range(lo + 1, hi - 1):
        t = toks[k]
        if t.tag == "NNS" and t.lower.endswith("s") and ("verb", t.lower[:-1]) in cues and ctx.inside[k - 1] \
                and not ctx.inside[k] and toks[k + 1].tag in ("DT", "JJ", "NNP", "NNPS", "PRP$", "PRP"):
            found.add(k)
        elif t.tag in ("NNP", "NNPS") and t.text[:1].isupper() and t.lower.endswith("s") and not ctx.inside[k] \
                and ctx.inside[k - 1] and (ctx.inside[k + 1] or toks[k + 1].tag in ("NNP", "DT")) \
                and ("verb", t.lower[:-1]) in cues:
            found.add(k)  # a Title Case headline: "Warren Hammers Wells Fargo CEO", "Obama Praises Clinton"
    return frozenset(found)


_Subject = tuple[list[Mention], tuple[int, int] | None]  # the holder(s) and the subject's token span
_NO_SUBJECT: _Subject = ([], None)


def _subject(ctx: _Context, clause: _Clause, gi: int, prev_finite: int | None) -> _Subject:
    """The holder(s) of verb group ``gi``: the first argument noun phrase of its clause, or inherited.

    In order: a non-finite group right after a verb shares its subject (or, after a
    verb of asking, its object); a verb coordinated with the previous clause head
    shares that one's; else the first noun phrase of the clause not governed by a
    preposition or verb; else a relative pronoun's antecedent; else, for a
    non-finite group, the previous clause head's; else an inverted speaker ("..., said X").
    """
    toks = ctx.doc.tokens
    g = clause.groups[gi]
    inherited = _inherited_subject(ctx, clause, gi)
    if inherited is not None:
        return inherited
    since = clause.groups[prev_finite].last if prev_finite is not None else clause.lo
    start, _ = clause_opening(toks, g.first, since)
    before = skip_adjuncts_left(toks, g.first - 1, start)
    if prev_finite is not None and before >= start and toks[before].lower in ("and", "but", "or", ","):
        return _coordinated_subject(clause, gi, prev_finite)
    after_report = prev_finite is not None and clause.groups[prev_finite].lemma in _REPORTING
    span = subject_left(toks, g.first, clause.lo, take="first", since=since, after_reporting=after_report,
                        relative="antecedent", inside=ctx.inside, mention_at=ctx.mention_at)
    if span is not None:
        return span_mentions(toks, span, ctx.mention_at, inside=ctx.inside) or _acting_place(ctx, span), span
    if not g.clause_head and prev_finite is not None:
        return clause.subjects[prev_finite], clause.subject_spans[prev_finite]  # "..., accusing Y of ..."
    if g.lemma in _REPORTING and before >= clause.lo and toks[before].text in (",", "''", "”", '"'):
        mentions, _ = _np_mentions(ctx, g.last, clause.hi, follow=False)  # inverted speaker: "..., said X"
        if mentions:
            return mentions[-1:], (mentions[-1].first, mentions[-1].last)
    return _NO_SUBJECT


def _acting_place(ctx: _Context, span: tuple[int, int]) -> list[Mention]:
    """A place that is the whole subject acts as its government: "West Virginia sued the EPA",
    "Texas will face off against ..." (a place elsewhere -- "in Ohio", "Ohio voters" -- is none)."""
    toks = ctx.doc.tokens
    lo = span[0] + (toks[span[0]].tag == "DT")
    place = ctx.place_spanning(lo, span[1])
    return [place] if place is not None else []


def _inherited_subject(ctx: _Context, clause: _Clause, gi: int) -> _Subject | None:
    """Infinitives and participles right after a verb share its subject ("pledged to boost", "declined to
    answer"); after a verb of asking the object does it ("urged Y to ..."; but "summoned Y to protest")."""
    toks = ctx.doc.tokens
    g = clause.groups[gi]
    prev = clause.groups[gi - 1] if gi else None
    if g.clause_head or prev is None:
        return None
    gap = [t for t in toks[prev.last:g.first] if t.tag not in ("RB", "RP")]
    if not gap:
        return clause.subjects[gi - 1], clause.subject_spans[gi - 1]
    if not g.infinitive:
        return None
    mentions, end = _np_mentions(ctx, prev.last + (prev.particle is not None), g.first)
    if mentions and end == g.first and prev.lemma in object_control_verbs():
        return mentions[-1:], (prev.last, end)
    return clause.subjects[gi - 1], clause.subject_spans[gi - 1]


def _coordinated_subject(clause: _Clause, gi: int, prev_finite: int) -> _Subject:
    """"X condemned Y and urged Z": the previous clause head's subject; a verb of saying pairs with the last
    verb of saying ("X said it could not confirm reports that ... but said ...")."""
    same = prev_finite
    if clause.groups[gi].lemma in _REPORTING:
        same = next((i for i in range(gi - 1, -1, -1) if clause.groups[i].clause_head
                     and clause.groups[i].lemma in _REPORTING), prev_finite)
    return clause.subjects[same], clause.subject_spans[same]


@lru_cache(maxsize=1)
def _reporting() -> frozenset[str]:
    """Verbs of saying or thinking whose complement clause is the holder's statement (``data/lexicon/reporting_verbs.tsv``)."""
    return reporting_lemmas(kinds=STATEMENT_KINDS)


class _Lazy:
    def __contains__(self, item: str) -> bool:
        return item in _reporting()


_REPORTING = _Lazy()


# --------------------------------------------------------------------------- cues


def _predicate_end(ctx: _Context, clause: _Clause, gi: int) -> int:
    """Where the predicate of group ``gi`` ends: the next clause head, a clause break or the sentence end."""
    toks = ctx.doc.tokens
    g = clause.groups[gi]
    limit = clause.hi
    for later in clause.groups[gi + 1:]:
        if later.clause_head:
            limit = later.first
            break
    for j in range(g.last, limit):
        t = toks[j]
        if is_break(t) or (t.lower in SUBORDINATORS and t.tag in ("WDT", "WP", "WRB")):
            return j
        if t.tag == "CC" and limit < clause.hi:
            return j  # "... going to fight in Ukraine but spokesman Dmitry Peskov said": a new clause
    return limit


def _slot_mentions(ctx: _Context, slot: str, lo: int, hi: int) -> list[Mention]:
    """Actors filling ``slot`` (obj or a preposition) in ``[lo, hi)``."""
    toks = ctx.doc.tokens
    if slot == "obj":
        k = lo
        while k < hi and toks[k].tag in ("RB", "RP"):
            k += 1
        if k < hi and toks[k].tag == "IN" and toks[k].lower != "what":
            return []
        if _people_of(ctx, k, hi):
            return []
        found, end = _np_mentions(ctx, k, hi)
        return _heads(ctx, found, end)
    for k in range(lo, hi):
        if toks[k].lower == slot and toks[k].tag in ("IN", "TO", "RP", "RB"):
            if _people_of(ctx, k + 1, hi):
                return []
            found, _ = _np_mentions(ctx, k + 1, hi)
            return found
        if toks[k].text == ",":
            break
    return []


def _people_of(ctx: _Context, k: int, hi: int) -> bool:
    """The noun phrase at ``k`` is people who stand toward an actor: "Clinton's accusers", "the critics of
    Trump", "Trump's supporters" -- attacking them is no stance toward Clinton or Trump (the text must say so)."""
    toks = ctx.doc.tokens
    end = np_extent(toks, k, hi, inside=ctx.inside)
    head = end - 1
    if head < k or ctx.inside[head] or toks[head].tag not in ("NN", "NNS"):
        return False
    return toks[head].lemma in _person_nouns() or toks[head].lower in _person_nouns()


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns for people defined by where they stand toward someone (``data/stance/relational_people.txt``)."""
    return frozenset(data_lines("stance/relational_people.txt"))


def _relative_object(ctx: _Context, clause: _Clause, gi: int) -> list[Mention]:
    """The antecedent of an object relative before the verb's subject: "Bezos, whom Trump attacked"."""
    toks = ctx.doc.tokens
    span = clause.subject_spans[gi]
    if span is None:
        return []
    k = span[0] - 1
    if k < clause.lo or toks[k].lower not in ("whom", "who", "which", "that") or toks[k].tag not in ("WP", "WDT"):
        return []
    j = k - 1 if k - 1 >= clause.lo and toks[k - 1].text == "," else k
    m = ctx.mention_at(j - 1) if j - 1 >= clause.lo else None
    return [m] if m is not None and m.last == j and m.kind not in SKIP_KINDS else []


def _preferred_over(ctx: _Context, targets: list[Mention], end: int) -> list[Mention]:
    """"backs Trump over Clinton", "endorsed X rather than Y": the actor passed over is opposed."""
    toks = ctx.doc.tokens
    if not targets:
        return []
    k = targets[-1].last
    if k + 1 < end and toks[k].lower == "over" or k + 2 < end and (toks[k].lower, toks[k + 1].lower) in (
            ("rather", "than"), ("instead", "of")):
        start = k + 1 if toks[k].lower == "over" else k + 2
        found, stop = _np_mentions(ctx, start, end)
        return [m for m in _heads(ctx, found, stop) if m.kind not in SKIP_KINDS]
    return []


def _heads(ctx: _Context, found: list[Mention], end: int) -> list[Mention]:
    """The actors a noun phrase is about: its head actor(s) when the head is one ("Wells Fargo CEO John
    Stumpf" is Stumpf; "Russia and China" both), else every actor it names ("Trump's plan": Trump)."""
    toks = ctx.doc.tokens
    if not found or found[-1].last != end:
        # the head is no actor: the possessor speaks for it ("Trump's plan"), a name used as a modifier does
        # not ("the Paris agreement", "Trump supporters")
        return [m for m in found if not _modifier(ctx, m)]
    heads = [m for m in found if m.last == end or (m.last < len(toks) and toks[m.last].lower in ("and", "or", ","))
             and not (m.last < len(toks) and toks[m.last].tag == "POS")]
    return heads or found


def _modulate(ctx: _Context, clause: _Clause, gi: int, score: float) -> float:
    """Negation, undone acts and hedges on a cue verb group."""
    toks = ctx.doc.tokens
    g = clause.groups[gi]
    mods = modifiers()
    felt = _experienced(ctx, clause, g)
    if felt:
        return math.copysign(abs(score), felt)  # "it was demoralizing to work for Obama": how the act felt
    negated = g.negated
    if gi and not negated:
        prev = clause.groups[gi - 1]
        adjacent = all(t.tag in ("RB", "TO") for t in toks[prev.last:g.first])
        if adjacent and (prev.negated or mods.get(prev.lemma) == "undo"):
            negated = True
            if score > 0 and prev.lemma in _REFUSALS and not prev.negated:
                return -score * REFUSED  # "refused to endorse Trump": withholding support is opposition
    if negated:
        return score * NEGATED_CUE
    for j in range(max(clause.lo, g.first - 6), g.first):
        if mods.get(toks[j].lower) == "suspend":
            return score * NEGATED_CUE  # "wouldn't say whether she would support Y"
    for j in range(max(clause.lo, g.first - 6), g.last):
        if mods.get(toks[j].lower) == "hedge" or (toks[j].tag == "MD" and mods.get(toks[j].lower) == "hedge"):
            return score * HEDGE
    return score


def _experienced(ctx: _Context, clause: _Clause, g) -> float:
    """The polarity of an evaluative word whose infinitive the cue is: "it was demoralizing to work for X",
    "an honor to serve with X" -- the holder's stance is how the act felt, not the act (0.0 if none)."""
    toks = ctx.doc.tokens
    k = g.head - 1
    while k > max(clause.lo, g.head - 3) and toks[k].lower != "to":
        k -= 1
    if k <= clause.lo + 1 or toks[k].lower != "to" or toks[k - 1].tag not in ("JJ", "VBG", "NN"):
        return 0.0
    if not any(toks[j].lemma in _COPULAS for j in range(max(clause.lo, k - 5), k - 1)):
        return 0.0
    felt = score_tokens(toks, k - 1, k).score
    return felt if abs(felt) >= POLAR else 0.0


def _span(ctx: _Context, first: int, last: int) -> tuple[int, int, str]:
    toks = ctx.doc.tokens
    start, end = toks[first].start, toks[last - 1].end
    return start, end, ctx.doc.text[start:end]


def _verb_cues(ctx: _Context, clause: _Clause, sent: int, out: list[Stance]) -> None:
    toks = ctx.doc.tokens
    cues = stance_cues()
    for gi, g in enumerate(clause.groups):
        rows = ()
        cue_last = g.last
        if g.last < clause.hi:
            rows = cues.get(("verb", f"{g.lemma} {toks[g.last].lower}"), ())
            cue_last = g.last + 1 if rows else g.last
        if not rows:
            rows = cues.get(("verb", g.lemma), ()) or _cue_as_inflected(cues, toks[g.head])
        if not rows:
            continue
        end = _predicate_end(ctx, clause, gi)
        holders = clause.subjects[gi]
        cue_span = _span(ctx, g.head, cue_last)
        if g.passive:
            agents = _slot_mentions(ctx, "by", g.last, end)
            targets = holders
            holders = agents or [None]
            preps = [slot for slot in rows[0].slots if slot != "obj"]
            if "obj" not in rows[0].slots and preps:
                # "cooperation was not directed against South Korea": the target is in the phrase
                targets = next((found for found in (_slot_mentions(ctx, p, g.last, end) for p in preps) if found), [])
            for row in rows:
                score = _modulate(ctx, clause, gi, row.score)
                for holder in holders:
                    for target in targets:
                        _emit(out, holder, target, score, cue_span, sent, "cue", mutual=row.mutual, rule="passive")
                break
            continue
        for row in rows:
            targets: list[Mention] = []
            for slot in row.slots:
                # "condemned what it called Y's ...": the framing verb does not end the predicate
                reach = clause.hi if slot == "obj" and cue_last < clause.hi and toks[cue_last].lower == "what" else end
                targets = _slot_mentions(ctx, slot, cue_last, reach)
                if targets:
                    break
            if not targets and "obj" in row.slots:
                targets = _relative_object(ctx, clause, gi)  # "Bezos, whom Trump has attacked"
            if not targets and "obj" in row.slots and row.score < 0 and cue_last < clause.hi \
                    and toks[cue_last].lower == "that":
                # "demanded that police release the video": the one the demand is on
                first = _opening_actor(ctx, cue_last + 1, clause.hi, subjunctive=True)
                targets = [first] if first is not None else []
            if not targets:
                continue
            score = _modulate(ctx, clause, gi, row.score)
            for holder in holders or [None]:
                for target in targets:
                    _emit(out, holder, target, score, cue_span, sent, "cue", mutual=row.mutual, rule="verb")
            if score >= POLAR:
                for rival in _preferred_over(ctx, targets, end):
                    for holder in holders or [None]:
                        _emit(out, holder, rival, -score, cue_span, sent, "cue", rule="over")
            break


#: Verbs that frame an object as something: "X called Y's behavior outrageous", "X described Y as a liar".
_FRAMING = frozenset({"call", "describe", "label", "brand", "dub", "deem", "term", "consider", "declare"})


def _framing_cues(ctx: _Context, clause: _Clause, sent: int, out: list[Stance]) -> None:
    """"X called Y (a) Z" / "X described Y as Z": X's stance toward Y is what Z says of Y."""
    toks = ctx.doc.tokens
    for gi, g in enumerate(clause.groups):
        if g.lemma not in _FRAMING or g.passive or not clause.subjects[gi]:
            continue
        targets, end = _np_mentions(ctx, g.last, clause.hi)
        targets = [t for t in targets if t.kind not in SKIP_KINDS]
        if not targets or end >= clause.hi:
            continue
        start = end + (toks[end].lower == "as")
        stop = _complement_end(ctx, start, clause.hi)
        judged = score_tokens(toks, start, stop, skip=ctx.inside)
        if abs(judged.score) < POLAR or judged.cue is None:
            continue
        score = _modulate(ctx, clause, gi, judged.score)
        for holder in clause.subjects[gi]:
            for target in targets:
                _emit(out, holder, target, score, _span(ctx, judged.cue, judged.cue + 1), sent, "cue", rule="frames")


def _cue_as_inflected(cues: dict, tok: Token) -> tuple:
    """A verb cue the tagger hid: an inflected form tagged as a base form ("disagreed", "votes" as VBP) or a
    headline verb tagged as a noun ("Warren Hammers ..."): the one lemmatizer, asked again with the tag
    the form's ending says."""
    if tok.tag not in ("VB", "VBP", "NNS", "NNP", "NNPS"):
        return ()
    for tag, ending in (("VBD", "ed"), ("VBZ", "s")):
        if tok.lower.endswith(ending):
            found = cues.get(("verb", lemmatize(tok.text, tag)))
            if found:
                return found
    return ()


def _governing_group(clause: _Clause, k: int) -> int | None:
    """Index of the verb group that a noun at token ``k`` is an argument of (the nearest before it)."""
    best = None
    for gi, g in enumerate(clause.groups):
        if g.last <= k:
            best = gi
        else:
            break
    return best


def _noun_cues(ctx: _Context, clause: _Clause, sent: int, out: list[Stance]) -> None:
    toks = ctx.doc.tokens
    cues = stance_cues()
    mods = modifiers()
    for k in range(clause.lo, clause.hi):
        t = toks[k]
        if t.tag not in ("NN", "NNS") or ctx.inside[k]:
            continue
        rows = cues.get(("noun", t.lemma)) or cues.get(("noun", t.lower)) or cues.get(("noun", t.lower[:-1]))
        if not rows:
            continue
        row = rows[0]
        # the noun phrase that holds the cue: possessor before it
        lo = k
        while lo > clause.lo and (toks[lo - 1].tag in NOMINAL_TAGS or ctx.inside[lo - 1]) and toks[lo - 1].tag != "DT":
            lo -= 1
        holders: list[Mention] = []
        for j in range(lo, k):
            if toks[j].tag == "POS" and j > lo:
                m = ctx.mention_at(j - 1)
                if m is not None:
                    holders = [m]
            elif toks[j].tag == "PRP$":
                m = ctx.mention_at(j)
                if m is not None:
                    holders = [m]
        targets: list[Mention] = []
        after = k + 1
        mutual_pair: list[Mention] = []
        if after < clause.hi and toks[after].lower in row.slots:
            found, _ = _np_mentions(ctx, after + 1, clause.hi)
            if toks[after].lower == "between":
                mutual_pair = found
            else:
                targets = found
        j = after
        while j < min(clause.hi, k + 6):
            if toks[j].lower in ("from", "by") and not holders:
                found, _ = _np_mentions(ctx, j + 1, clause.hi, follow=False)
                holders = found[:1]
                break
            j += 1
        score = row.score
        gi = _governing_group(clause, lo)
        receive = False
        if gi is not None:
            g = clause.groups[gi]
            effect = mods.get(g.lemma)
            between = toks[clause.groups[gi].last:lo]
            if all(x.tag in ("DT", "JJ", "PRP$", "RB", "RP", "CD", "JJR") for x in between) or g.last == lo:
                if effect == "reverse":
                    score = -abs(score)
                if effect == "receive" and holders:
                    receive = True
                    targets = clause.subjects[gi]
                elif not holders:
                    holders = clause.subjects[gi]
                if g.negated:
                    score *= NEGATED_CUE
        cue_span = _span(ctx, k, k + 1)
        if mutual_pair and len(mutual_pair) >= 2:
            a, b = mutual_pair[0], mutual_pair[1]
            _emit(out, a, b, score, cue_span, sent, "cue", mutual=True, rule="noun")
            continue
        if not targets and row.mutual and len(holders) >= 2:
            for x in range(len(holders)):
                for y in range(x + 1, len(holders)):
                    _emit(out, holders[x], holders[y], score, cue_span, sent, "cue", mutual=True, rule="noun")
            continue
        if not targets:
            continue
        for holder in holders or [None]:
            for target in targets:
                _emit(out, holder, target, score, cue_span, sent, "cue", mutual=row.mutual and not receive, rule="noun")


def _adjective_cues(ctx: _Context, clause: _Clause, sent: int, out: list[Stance]) -> None:
    toks = ctx.doc.tokens
    cues = stance_cues()
    for k in range(clause.lo, clause.hi - 1):
        t = toks[k]
        if t.tag not in ("JJ", "VBN"):
            continue
        rows = cues.get(("adj", t.lower)) or cues.get(("adj", t.lemma))
        if not rows or toks[k + 1].lower not in rows[0].slots:
            continue
        targets, _ = _np_mentions(ctx, k + 2, clause.hi)
        gi = _governing_group(clause, k)
        if not targets or gi is None:
            continue
        g = clause.groups[gi]
        score = rows[0].score * (NEGATED_CUE if g.negated else 1.0)
        for holder in clause.subjects[gi] or [None]:
            for target in targets:
                _emit(out, holder, target, score, _span(ctx, k, k + 2), sent, "cue", rule="adjective")


# --------------------------------------------------------------------------- statements


#: Mentions that document-level resolution added (pronouns, descriptions, an editorial's "we").
_RESOLVED = frozenset({"pronoun", "reference", "author"})
#: Verbs of refusing: refusing a supportive act is a stance against ("refused to endorse", "declined to back");
#: refusing a hostile one is not support ("declined to condemn" stays neutral).
_REFUSALS = frozenset({"refuse", "decline"})
#: Verbs of asking: their content is a question, not the asker's position.
_ASKING = frozenset({"ask", "wonder", "inquire", "query", "question"})
#: Sources whose "statements" are findings, not positions ("a poll shows Clinton ahead").
_FINDINGS = frozenset({"poll", "survey", "polling", "census"})


def _statements(ctx: _Context, clause: _Clause) -> list[tuple[list[Mention], int, int, int]]:
    """(holders, content start, content end, cue token) for each reporting verb of the sentence."""
    toks = ctx.doc.tokens
    found = []
    for gi, g in enumerate(clause.groups):
        if g.lemma not in _REPORTING or g.passive or g.lemma in _ASKING:
            continue  # what someone asks is no position they take ("asked whether he respects Putin")
        holders = clause.subjects[gi]
        before = g.first - 1
        while before >= clause.lo and toks[before].tag in ("RB",):
            before -= 1
        span = clause.subject_spans[gi]
        if span is not None and span[0] < g.first:
            before = span[0] - 1
        if before >= clause.lo and toks[before].text in (",", "''", "”", '"') and before > clause.lo + 2:
            lo = clause.lo
            while lo < before and toks[lo].text in ("``", '"', "“", "'"):
                lo += 1
            found.append((holders, lo, before, g.head))
            continue
        # "X said (on Friday) (that) ..." / "X told Y that ..."
        k = g.last
        end = clause.hi
        while k < end and toks[k].lower != "that" and k < g.last + 8 and not (
                toks[k].tag in ("NNP", "NN", "NNS", "PRP", "DT") and k == g.last and g.lemma not in ("tell",)):
            if toks[k].tag in FINITE_TAGS:
                break
            k += 1
        if k < end and toks[k].lower == "that":
            k += 1
        elif k >= g.last + 8:
            k = g.last
        if k < end:
            found.append((holders, k, end, g.head))
    return found


def _targets_in(ctx: _Context, lo: int, hi: int) -> list[Mention]:
    out: list[Mention] = []
    toks = ctx.doc.tokens
    for k in range(lo, hi):
        m = ctx.mention_at(k)
        if m is None or (out and out[-1] is m):
            continue
        possessor = m.last < len(toks) and toks[m.last].tag == "POS"
        if m.first > lo and not possessor and (toks[m.first - 1].lower in _NOT_ARGUMENT or (
                toks[m.first - 1].lower == "to" and m.kind == "country")):
            continue  # "in Seoul", "from Russia", "to Berlin": a place or a circumstance, not an addressee
        if _modifier(ctx, m):
            continue  # "the Paris agreement", "a Washington think tank": a name describing something else
        if m.via == "unnamed" and m.kind == "group":
            continue  # "protesters", "state officials" hold stances; as targets they were mostly bystanders
        out.append(m)
    return out


def _modifier(ctx: _Context, m: Mention) -> bool:
    """The mention only describes the noun after it ("the Paris agreement", "Trump supporters", "a Washington
    think tank"). A country named as a modifier is its owner ("North Korean soldiers", "U.S. troops")."""
    toks = ctx.doc.tokens
    if m.kind == "country" and m.via in ("demonym", "alias"):
        return False
    k = m.last
    return k < len(toks) and toks[k].tag in ("NN", "NNS") and toks[k].text[:1].islower() and not ctx.inside[k] \
        and m.via not in ("pronoun", "reference", "given")  # a caller's own mention is always a target


#: Prepositions after which an actor is a place or a circumstance, not an argument ("in Seoul", "during ...").
_NOT_ARGUMENT = LOCATIVE | CIRCUMSTANTIAL
_PATIENT_LINKS = frozenset({"against", "on", "of", "to", "at", "the", "a", "an", "its", "their", "our", "his", "her",
                            "and", ","})


def _governor(ctx: _Context, m: Mention, lo: int) -> int | None:
    """The word whose object (or whose "against/on/to" phrase) holds ``m``: "violated U.N. resolutions",
    "war against Ukraine", "threats to the security of South Korea" -- the mention suffers the act."""
    toks = ctx.doc.tokens
    k = m.first - 1
    steps = 0
    while k >= lo and steps < 6:
        tok = toks[k]
        if tok.tag in ("VBD", "VBZ", "VBP", "VB", "VBG") and k + 1 < len(toks) and toks[k + 1].tag != "IN":
            return k
        if tok.tag in ("NN", "NNS") and k + 1 < len(toks) and toks[k + 1].lower in ("against", "on"):
            return k  # "war against Ukraine", "attack on Kyiv"
        if tok.lower in _PATIENT_LINKS or tok.tag in ("JJ", "NN", "NNS", "POS", "CD", "PRP$") or ctx.inside[k]:
            k -= 1
            steps += 1
            continue
        return None
    return None


def _window_score(ctx: _Context, m: Mention, lo: int, hi: int, window: int = WINDOW, *, decay: float = DECAY
                  ) -> tuple[float, int | None]:
    """Lexicon score of the words within ``window`` tokens of a mention, inside ``[lo, hi)``; strongest word.

    A mention that suffers a negative act ("violated U.N. resolutions", "a war against
    Ukraine") is not what the statement judges -- the one who acts is: no score.
    """
    toks = ctx.doc.tokens
    j = m.last
    while j < min(hi, m.last + 3) and toks[j].tag in ("MD", "RB") or j < hi and toks[j].lemma in ("have", "be"):
        j += 1
        if j >= len(toks):
            break
    if j < hi and modifiers().get(toks[j].lemma) in ("undo", "suspend"):
        return 0.0, None  # "Microsoft declined to comment": a refusal, not a judgement of Microsoft
    governor = _governor(ctx, m, max(lo, m.first - window))
    if governor is not None and score_tokens(toks, governor, governor + 1).score < 0:
        return 0.0, None
    scored = score_tokens(toks, max(lo, m.first - window), min(hi, m.last + window), skip=ctx.inside,
                          center=m.first, decay=decay)
    return scored.score, scored.cue


def _content_stances(ctx: _Context, holders: Sequence[Mention | None], lo: int, hi: int, cue: int, sent: int,
                     via: str, out: list[Stance]) -> None:
    """Each actor that what someone says judges (:func:`_judgements`), and the tone of the verb of saying
    ("complained that X ...", "warned that X ...") toward an actor that is the subject of what it introduces."""
    verb = ctx.doc.tokens[cue]
    rows = stance_cues().get(("verb", verb.lemma)) if via == "statement" else None
    tone = rows[0].score * REPORT_TONE if rows else 0.0
    judged = _judgements(ctx, lo, hi)
    if tone and not judged:
        first = _opening_actor(ctx, lo, hi)
        if first is not None:
            judged = [(first, tone, cue, "tone")]
    done = {(m.start, m.end) for m, *_ in judged}
    for target in _targets_in(ctx, lo, hi):
        if (target.start, target.end) in done or target.kind in SKIP_KINDS or not _asked_about(target):
            continue
        # no grammatical tie: the words around the actor, a weaker reading (its own rule and confidence)
        score, word = _window_score(ctx, target, lo, hi)
        if tone and abs(score) < abs(tone):
            score, word = tone, cue
        if word is not None:
            judged.append((target, score, word, "window"))
    for target, score, word, rule in judged:
        if abs(score) < POLAR:
            continue
        for holder in holders:
            _emit(out, holder, target, score, _span(ctx, word, word + 1), sent, via, rule=rule)


def _asked_about(m: Mention) -> bool:
    """Whether the words merely near a mention may be read as a stance toward it: only for a mention the
    caller gave (``via == "given"``: the two parties of a directed-sentiment item, the targets of a
    NewsMTSC sentence), whose sentiment the caller asks for. In running text a stance needs a clause
    that ties it to its target (:func:`_judgements`, the cue rules): the words near an actor were
    right in 7 of 52 stances on the development reading."""
    return m.via == "given"


def _opening_actor(ctx: _Context, lo: int, hi: int, *, subjunctive: bool = False) -> Mention | None:
    """The actor that opens a reported clause, as its subject ("warned that Pyongyang would ..."); with
    ``subjunctive`` also before a bare verb ("demanded that police release ...")."""
    toks = ctx.doc.tokens
    start = lo
    while lo < min(hi, start + 4) and ctx.mention_at(lo) is None and toks[lo].tag in ("DT", "NNP", "NN", "JJ"):
        lo += 1  # "that the police release", "that Mayor Tom Hill resign": its determiner or title
    m = ctx.mention_at(lo) if lo < hi else None
    if m is None or m.kind in SKIP_KINDS:
        return None
    nxt = toks[m.last] if m.last < hi else None
    return m if nxt is not None and (nxt.tag in FINITE_TAGS or nxt.tag == "MD" or subjunctive and (nxt.tag in ("VB", "VBP") or nxt.lower in _demanded_acts())) \
        else None


#: Verbs that link a subject to what is said of it ("X is a visionary", "X seems out of touch").
_COPULAS = frozenset({"be", "become", "remain", "seem", "look", "sound", "appear", "prove"})
#: How far a copula's complement reaches, in tokens, before the judgement ends.
COMPLEMENT_REACH = 10


def _judgements(ctx: _Context, lo: int, hi: int) -> list[tuple[Mention, float, int, str]]:
    """What a stretch of someone's words says of each actor it names: (actor, score, cue token, rule).

    Only where the grammar ties the evaluative words to the actor -- never words merely nearby:

    * ``copula``: the actor (or what it owns) is the subject of a copula whose complement
      is evaluative: "Tom is a real visionary", "Trump's plan is a disaster", "he would be
      a great senator";
    (An evaluative word merely next to the actor -- "crooked Hillary", "hate X" -- or an
    evaluative verb of which it is the subject -- "X failed" -- was measured on the development
    reading and was wrong more often than not; left out. The words around an actor with no
    grammatical tie stay as the low-confidence ``window`` rule of :func:`_content_stances`.)
    """
    toks = ctx.doc.tokens
    out: list[tuple[Mention, float, int, str]] = []
    seen: set[tuple[int, int]] = set()
    for m in _targets_in(ctx, lo, hi):
        if m.kind in SKIP_KINDS or (m.start, m.end) in seen or m.via == "demonym":
            continue
        seen.add((m.start, m.end))
        found = _judged(ctx, m, lo, hi)
        if found is not None:
            out.append((m, *found))
    return out


#: Words that open a condition: what a clause they open says is no judgement ("even if X proves short-lived").
_CONDITIONAL = frozenset({"if", "unless", "whether"})


def _judged(ctx: _Context, m: Mention, lo: int, hi: int) -> tuple[float, int, str] | None:
    toks = ctx.doc.tokens
    for j in range(m.first - 1, max(lo, m.first - 6) - 1, -1):
        if toks[j].text in (",", ";", ":"):
            break
        if toks[j].lower in _CONDITIONAL:
            return None  # a hypothetical: "Even if Mr. Clarke's venture proves short-lived, ..."

    # what the actor owns is the subject: "Trump's plan is a disaster", "his record shows"
    k = m.last
    if k < hi and toks[k].tag == "POS":
        k += 1
    head_end = k
    if k > m.last or toks[m.first].tag == "PRP$":
        head_end = np_extent(toks, k, hi, inside=ctx.inside)
    # the verb the actor (or its possession) is the subject of
    v = head_end
    while v < hi and toks[v].tag in ("MD", "RB") or v < hi and toks[v].lemma in ("have", "do") \
            and v + 1 < hi and toks[v + 1].tag.startswith(("VB", "RB")):
        v += 1
    if v < hi and toks[v].tag.startswith("VB") and (_subject_position(ctx, m, lo) or _of_subject(ctx, m, lo)):
        verb = toks[v]
        demanded = _demanded(ctx, head_end, v, hi)
        if demanded is not None:
            return DEMAND, demanded, "demand"
        if m.via == "pronoun" and m.text.lower() == "you" and m.first in ctx.addressee_of:
            # said to someone's face: "You squeezed employees to the breaking point", "you should resign"
            start = m.last
            judged = score_tokens(toks, start, _complement_end(ctx, v + 1, hi), skip=ctx.inside)
            if abs(judged.score) >= POLAR and judged.cue is not None:
                return judged.score, judged.cue, "address"
            return None
        if verb.lemma in _COPULAS:
            end = _complement_end(ctx, v + 1, hi)
            judged = score_tokens(toks, v + 1, end, skip=ctx.inside)
            if abs(judged.score) >= POLAR and judged.cue is not None:
                return judged.score, judged.cue, "copula"  # (score_tokens flips a negated complement: "is not a liar")
            return None
    return None


def _of_subject(ctx: _Context, m: Mention, lo: int) -> bool:
    """The actor owns the subject through "of": "the reckless behaviour of Iran (was ...)"."""
    toks = ctx.doc.tokens
    j = m.first - 1
    if j <= lo or toks[j].lower != "of" or toks[j - 1].tag not in ("NN", "NNS"):
        return False
    head = replace(m, first=j - 1, last=j)
    while head.first > lo and toks[head.first - 1].tag in ("NN", "NNS", "JJ"):
        head = replace(head, first=head.first - 1)
    return _subject_position(ctx, head, lo)


#: The score of a demand ("Y should resign"): like "urge/call on Y to" in data/stance/stance_verbs.tsv.
DEMAND = -0.4


@lru_cache(maxsize=1)
def _demanded_acts() -> frozenset[str]:
    """Verbs that "Y should ..." demands of Y (``data/stance/demanded_acts.txt``)."""
    return frozenset(data_lines("stance/demanded_acts.txt"))


def _demanded(ctx: _Context, head_end: int, v: int, hi: int) -> int | None:
    """The verb of a demand on the subject: "Y should resign", "Y must release the video", "Y should be
    prosecuted" (a modal of obligation before an act of :func:`_demanded_acts`); None if it is none."""
    toks = ctx.doc.tokens
    if not any(toks[x].lower in ("should", "must") and toks[x].tag == "MD" for x in range(head_end, v)):
        return None
    if toks[v].lemma == "be" and v + 1 < hi and toks[v + 1].tag == "VBN":
        v += 1
    return v if toks[v].lemma in _demanded_acts() and not any(t.lower in ("not", "n't") for t in toks[head_end:v]) \
        else None


def _subject_position(ctx: _Context, m: Mention, lo: int) -> bool:
    """The actor opens its clause (nothing but a determiner or a subordinator before it)."""
    toks = ctx.doc.tokens
    j = m.first - 1
    while j >= lo and (toks[j].tag in ("DT", "JJ", "PDT", "NN", "NNP", "NNPS", "POS") or ctx.inside[j]):
        j -= 1  # the rest of its noun phrase: "GOP nominee Donald Trump"
    return j < lo or toks[j].text in (",", ";", ":", "``", "“", '"', "--", "—") \
        or toks[j].lower in SUBORDINATORS or toks[j].tag in ("CC", "IN") and toks[j].lower in ("and", "but", "because")


def _complement_end(ctx: _Context, k: int, hi: int) -> int:
    """Where a predicate's complement stops: a clause break, a new clause, or :data:`COMPLEMENT_REACH` tokens."""
    toks = ctx.doc.tokens
    end = min(hi, k + COMPLEMENT_REACH)
    for j in range(k, end):
        if toks[j].text in (",", ";", ":", "--", "—", ".", "!", "?") \
                or toks[j].lower in ("but", "while", "whereas", "although") \
                or (toks[j].lower in SUBORDINATORS and toks[j].tag in ("WDT", "WP", "IN") and j > k):
            return j
    return end


def _attribute(ctx: _Context, found: list[Stance], statements) -> list[Stance]:
    """A cue with no holder of its own inside what someone says ("... was not directed against Y",
    "We condemn Y") is the speaker's stance."""
    out = []
    for s in found:
        if s.source is not None or s.cue is None or s.via != "cue":
            out.append(s)
            continue
        k = ctx.doc.token_at(s.cue[0])
        speakers = next((holders for holders, lo, hi, _, _ in statements if holders and lo <= k < hi), None)
        if not speakers:
            out.append(s)
            continue
        for holder in speakers:
            if holder is not None and (s.target is None or not _same_party(holder, s.target)):
                out.append(replace(s, source=holder))
    return out


def _portrayal(ctx: _Context, m: Mention, lo: int, hi: int) -> tuple[float, int | None]:
    """How the sentence presents an actor: the words around it, and twice what it is said to own
    ("Lammy's failure", "his poor showings")."""
    toks = ctx.doc.tokens
    scored = score_tokens(toks, max(lo, m.first - PORTRAYAL_WINDOW), min(hi, m.last + PORTRAYAL_WINDOW),
                          skip=ctx.inside)
    if m.last < hi and (toks[m.last].tag == "POS" or toks[m.first].tag == "PRP$"):
        start = m.last + (toks[m.last].tag == "POS")
        owned = score_tokens(toks, start, np_extent(toks, start, hi), skip=ctx.inside)
        if owned.total:
            total = scored.total + owned.total
            return (squash(total), owned.cue if abs(owned.total) >= abs(scored.total) else scored.cue)
    return scored.score, scored.cue


def _learned_portrayal(ctx: _Context, model: learned.PortrayalModel, m: Mention, lo: int, hi: int
                       ) -> tuple[float, int | None]:
    """The portrayal model's reading (:mod:`toolkit.stance.portrayal`): score P(positive) - P(negative), made
    polar (|score| >= POLAR) exactly when a polar class wins; the cue is the word that pushed most."""
    toks = ctx.doc.tokens
    feats = learned.features(toks, m.first, m.last, lo, hi)
    p = model.probabilities(feats)
    label = int(p.argmax())
    diff = float(p[2] - p[0])
    if label == 1:
        return max(-POLAR + 0.01, min(POLAR - 0.01, diff)), None
    cue = model.explain(toks, m.first, m.last, lo, hi, label)
    if cue is None:
        return 0.0, None
    score = (1 if label == 2 else -1) * max(abs(diff), POLAR)
    return score, cue


def _predicates(ctx: _Context, clause: _Clause, sent: int, out: list[Stance]) -> None:
    """Subject -> actors in its own predicate, scored on the words of the predicate ("X is sympathetic to
    Y's complaints"). No grammar ties the words to the target, so the rule's confidence is low (it was
    right once in 26 on the development reading); the directed-sentiment benchmark leans on it."""
    toks = ctx.doc.tokens
    for gi, g in enumerate(clause.groups):
        if not g.clause_head or g.passive or g.lemma in _REPORTING or not clause.subjects[gi] \
                or modifiers().get(g.lemma) == "receive":
            continue
        end = min(_predicate_end(ctx, clause, gi), g.last + PREDICATE_REACH)
        for target in _targets_in(ctx, g.last, end):
            if not _asked_about(target):
                continue
            scored = score_tokens(toks, g.first, min(end, target.last + 2), skip=ctx.inside)
            if abs(scored.score) < POLAR or scored.cue is None:
                continue
            for holder in clause.subjects[gi]:
                _emit(out, holder, target, scored.score * 0.8, _span(ctx, scored.cue, scored.cue + 1), sent,
                      "predicate", rule="window")


def _subject_group(clause: _Clause, m: Mention) -> int | None:
    """The verb group whose subject ``m`` is (None if it is no subject)."""
    return next((gi for gi, subjects in enumerate(clause.subjects) if any(_key(x) == _key(m) for x in subjects)),
                None)


#: Verbs whose object is something bad the subject opposes: "fight terrorism" speaks well of the fighter.
_OPPOSING = frozenset({"fight", "combat", "defeat", "oppose", "stop", "end", "tackle", "confront", "resist"})


def _argued(ctx: _Context, clause: _Clause, m: Mention, score: float, word: int | None) -> tuple[float, int | None]:
    """An opinion author's reading of an actor, where the grammar says more than the words around it:

    * the actor does something the author qualifies: "Obama and Clinton *foolishly* withdrew" (a polar
      adverb or verb of the actor's own verb group);
    * the actor made something bad: "the danger that Obama and Clinton have created";
    * the bad word is what the actor opposes: "go on offense against radical Islamic terrorism".
    """
    toks = ctx.doc.tokens
    gi = _subject_group(clause, m)
    span = clause.subject_spans[gi] if gi is not None else None
    j = (span[0] if span is not None else m.first) - 1
    if j > clause.lo and toks[j].lower in ("that", "which") and toks[j - 1].tag in ("NN", "NNS"):
        made = score_tokens(toks, j - 1, j)
        if abs(made.score) >= POLAR:
            return made.score, j - 1
    if gi is not None:
        g = clause.groups[gi]
        if g.lemma in _OPPOSING:
            opposed = score_tokens(toks, g.last, _complement_end(ctx, g.last, clause.hi), skip=ctx.inside)
            if opposed.score <= -POLAR and opposed.cue is not None:
                return -opposed.score, opposed.cue  # "will fight crime"
        lo = g.first
        while lo > clause.lo and toks[lo - 1].tag == "RB":
            lo -= 1
        acted = score_tokens(toks, lo, g.last)
        if abs(acted.score) >= POLAR and acted.cue is not None and toks[acted.cue].lemma not in _COPULAS \
                and toks[acted.cue].lemma not in _OPPOSING:
            return acted.score, acted.cue
    if word is not None and score < 0:
        for k in range(max(clause.lo, word - 4), word):
            if toks[k].lower == "against" or toks[k].lemma in _OPPOSING:
                return -score, word
    return score, word


def _authored(ctx: _Context, clause: _Clause, m: Mention) -> bool:
    """Whether the opinion author's own narrative speaks of ``m`` (:func:`toolkit.actors.byline.opinion_author`):
    not in a sentence that quotes someone, not what another holder is reported to say, and a country only
    where it acts ("Russia invaded", not "attacks upon America"): a place is no target."""
    if ctx.author is None or m.sentence == ctx.author.sentence \
            or any(ctx.speaker_of.get(k) is not None for k in range(clause.lo, clause.hi)):
        return False  # a sentence that quotes someone is its speaker's, frame and all
    if m.kind == "country":
        if m.via == "demonym":
            return False  # "these Americans": its people, not its government
        gi = _subject_group(clause, m)
        if gi is None or clause.groups[gi].passive or clause.groups[gi].lemma in _COPULAS \
                or modifiers().get(clause.groups[gi].lemma) == "receive":
            return False
    return True


# --------------------------------------------------------------------------- quotes


def _quote_parts(quote) -> tuple[list[tuple[int, int]], tuple[int, int, str] | None, int | None]:
    """Duck-typed quote: content spans, speaker (start, end, text) and sentence."""
    content = [(int(a), int(b)) for a, b in (getattr(quote, "content", None) or ())]
    speaker = getattr(quote, "speaker", None)
    if speaker is not None and not isinstance(speaker, tuple):
        speaker = (speaker.start, speaker.end, getattr(speaker, "text", ""))
    return content, speaker, getattr(quote, "sentence", None)


def _addressee(ctx: _Context, cue, holder: Mention | None, addressed: dict[str, Mention]) -> Mention | None:
    """Whom a quotation speaks to: the actor right after an addressing cue ("Warren told Stumpf"), else
    whom the same speaker addressed last (her next "You went on television ..., she said" is to him)."""
    if holder is None:
        return None
    k = ctx.doc.token_at(cue.start) if cue is not None and not isinstance(cue, tuple) else None
    if k is not None and ctx.doc.tokens[k].lemma in ADDRESSING and k + 1 < len(ctx.doc.tokens):
        m = ctx.at[k + 1]
        if m is not None and m.kind == "person" and not _same_party(m, holder):
            addressed[holder.actor] = m
    return addressed.get(holder.actor)


def _is_finding(doc: Doc, speaker: tuple[int, int, str]) -> bool:
    """The speaker is a poll or survey: what it "says" is a finding."""
    toks = doc.tokens_in(speaker[0], speaker[1])
    return bool(toks) and any(t.lemma in _FINDINGS or t.lower in _FINDINGS for t in toks[-2:])


def _quote_holder(ctx: _Context, quote, speaker: tuple[int, int, str] | None) -> Mention | None:
    """The speaker's mention (or a mention made from the quote's actor and affiliation): the quote's own
    document-level resolution (:mod:`toolkit.actors.coref`) decides who holds what it says."""
    if speaker is None:
        return None
    k = ctx.doc.token_at(speaker[0])
    m = ctx.mention_at(k) if k is not None else None
    actor = getattr(quote, "actor", None)
    if m is not None and (actor is None or m.actor == actor or m.via == "pronoun"):
        return m if actor is None else replace(m, actor=actor,
                                                affiliation=getattr(quote, "affiliation", None) or m.affiliation)
    if actor is None:
        # the speaker resolution left the quote unattributed: "Pagliano's lawyer" is not Pagliano; only an
        # unnamed description ("the Russian ambassador") still says whom it speaks for
        return m if m is not None and m.via == "unnamed" else None
    first = k if k is not None else 0
    return Mention(speaker[0], speaker[1], speaker[2] or ctx.doc.text[speaker[0]:speaker[1]], actor, "person",
                   getattr(quote, "affiliation", None), ctx.doc.tokens[first].sent if ctx.doc.tokens else 0,
                   first, first + 1, "quote")


# --------------------------------------------------------------------------- assembling


def _emit(out: list[Stance], holder: Mention | None, target: Mention | None, score: float,
          cue: tuple[int, int, str] | None, sent: int, via: str, *, mutual: bool = False,
          topic: str | None = None, rule: str = "") -> None:
    if target is not None and holder is not None and _same_party(holder, target):
        return
    if target is not None and target.via == "unnamed" and target.kind == "group":
        return  # an unnamed group holds stances; as a target it was mostly a bystander ("employees", "people")
    score = max(-1.0, min(1.0, score))
    out.append(Stance(holder, target, topic, polarity_of(score), score, cue, sent, via, rule))
    if mutual and holder is not None and target is not None:
        out.append(Stance(target, holder, topic, polarity_of(score), score, cue, sent, via, rule))


def _same_party(a: Mention, b: Mention) -> bool:
    """Holder and target are one side: the same actor, or a person or body and the country it speaks for."""
    if a.start == b.start and a.end == b.end:
        return True
    return a.actor == b.actor or (a.party == b.party and (a.kind != "person" or b.kind != "person"))


def _dedupe(stances: list[Stance]) -> list[Stance]:
    """One stance per holder actor ("Greece ... it" count once), target mention (or topic) and sentence:
    the one found the strongest way (cue, quote, statement, predicate, portrayal), then the strongest score."""
    best: dict[tuple, Stance] = {}
    for s in stances:
        key = (s.sentence, None if s.source is None else s.source.actor, _key(s.target), s.topic)
        old = best.get(key)
        if old is None or (VIA_RANK[s.via], -abs(s.score)) < (VIA_RANK[old.via], -abs(old.score)):
            best[key] = s
    return sorted(best.values(), key=lambda s: (s.sentence, s.cue[0] if s.cue else -1,
                                                 s.source.start if s.source else -1,
                                                 s.target.start if s.target else -1, s.topic or ""))


def _key(m: Mention | None) -> tuple[int, int] | None:
    return None if m is None else (m.start, m.end)


def find_stances(doc: Doc, mentions: Sequence[Mention], quotes: Sequence = (), *,
                 skip_sentences: Iterable[int] = frozenset(), topics: Sequence[Topic] = (),
                 model: learned.PortrayalModel | str | None = learned.SHIPPED) -> list[Stance]:
    """Stance relations in a tagged document, with cue and evidence sentence for each
    (:func:`analyse_stances` without the claims).
    """
    return analyse_stances(doc, mentions, quotes, skip_sentences=skip_sentences, topics=topics, model=model).stances


@dataclass(slots=True)
class StanceAnalysis:
    """What the stance analysis of one document finds: the stances, and the claims (stored, so that
    stances toward topics given later are read from them, :func:`claim_stances`)."""

    stances: list[Stance]
    claims: list[Claim]


def analyse_stances(doc: Doc, mentions: Sequence[Mention], quotes: Sequence = (), *,
                    skip_sentences: Iterable[int] = frozenset(), topics: Sequence[Topic] = (),
                    model: learned.PortrayalModel | str | None = learned.SHIPPED) -> StanceAnalysis:
    """Stance relations in a tagged document, with cue and evidence sentence for each, and the claims.

    ``mentions`` are the actor mentions (:func:`toolkit.actors.mentions.find_mentions`); ``quotes``
    are quote objects (duck-typed: ``content`` spans, ``speaker``, ``actor``,
    ``affiliation``, ``sentence``); ``skip_sentences`` are sentences to leave out
    (credit lines); ``topics`` are :class:`Topic` s to report stances toward; ``model``
    reads the article's portrayal of actors (:func:`toolkit.stance.portrayal.resolve`: the
    shipped model by default, None for the word lists alone).
    """
    model = learned.resolve(model)
    ctx = _context(doc, mentions)
    author = ctx.author = opinion_author(doc, mentions)
    skip = frozenset(skip_sentences)
    quoted: dict[int, list[tuple[Mention | None, int, int]]] = defaultdict(list)
    undone = {w for w, effect in modifiers().items() if effect == "undo"}
    addressed: dict[str, Mention] = {}  # speaker actor -> whom they last addressed
    for quote in quotes:
        content, speaker, _ = _quote_parts(quote)
        cue = getattr(quote, "cue", None)
        if cue is not None and not isinstance(cue, tuple):
            k = doc.token_at(cue.start)
            if k is not None and doc.tokens[k].lemma in undone:
                continue  # "declined to answer whether ...": nothing was said
        if speaker is not None and _is_finding(doc, speaker):
            continue  # "according to a New York Times/CBS News poll": results, not a stance
        holder = _quote_holder(ctx, quote, speaker)
        addressee = _addressee(ctx, cue, holder, addressed)
        for a, b in content:
            toks = doc.tokens_in(a, b)
            if not toks:
                continue
            for tok in toks:
                ctx.speaker_of[tok.i] = holder
                if addressee is not None:
                    ctx.addressee_of[tok.i] = addressee
            quoted[toks[0].sent].append((holder, toks[0].i, toks[-1].i + 1))
    out: list[Stance] = []
    claims: list[Claim] = []
    for sent in doc.sentences:
        if sent.i in skip or sent.last - sent.first < 3:
            continue
        clause = _clause(ctx, sent.first, sent.last)
        found: list[Stance] = []
        _verb_cues(ctx, clause, sent.i, found)
        _noun_cues(ctx, clause, sent.i, found)
        _adjective_cues(ctx, clause, sent.i, found)
        _framing_cues(ctx, clause, sent.i, found)
        statements = [(holders, lo, hi, cue, "statement") for holders, lo, hi, cue in _statements(ctx, clause)]
        for holder, lo, hi in quoted.get(sent.i, ()):
            statements.append(([holder] if holder else [], lo, hi, lo, "quote"))
        for holders, lo, hi, cue, via in statements:
            if holders:
                _content_stances(ctx, holders, lo, hi, cue, sent.i, via, found)
        found = _attribute(ctx, found, statements)
        if author is not None:
            # an opinion piece's agentless cues are its author's: "Don't blame Bush."
            found = [replace(s, source=author) if s.source is None and s.via == "cue" and s.target is not None
                     and _authored(ctx, clause, s.target) else s for s in found]
        _predicates(ctx, clause, sent.i, found)
        claims.extend(_claims_in(ctx, clause, statements, sent.i))
        held = {_key(s.target) for s in found if s.source is not None}
        for m in _targets_in(ctx, sent.first, sent.last):
            if _key(m) in held or m.via in _RESOLVED:
                continue  # the article's portrayal is read off names: a pronoun's words are its sentence's
            if model is not None:
                score, word = _learned_portrayal(ctx, model, m, sent.first, sent.last)
            else:
                score, word = _portrayal(ctx, m, sent.first, sent.last)
            holder = author if author is not None and _authored(ctx, clause, m) else None
            if holder is not None:
                score, word = _argued(ctx, clause, m, score, word)
            if abs(score) >= POLAR and word is not None:
                _emit(found, holder, m, score, _span(ctx, word, word + 1), sent.i, "portrayal",
                      rule="author" if holder is not None else "")
        out.extend(found)
    if topics:
        out.extend(claim_stances(claims, topics))
    return StanceAnalysis(_dedupe(out), claims)


#: Tags of the words a claim is about (nouns, verbs, adjectives, adverbs, numbers, foreign words).
_TERM_TAGS = ("N", "V", "J", "R", "C", "F")


def _terms(doc: Doc, lo: int, hi: int) -> frozenset[str]:
    """The forms and lemmas of the content words in tokens ``[lo, hi)``: what a claim there is about."""
    out: set[str] = set()
    for tok in doc.tokens[lo:hi]:
        if tok.tag.startswith(_TERM_TAGS) and tok.tag != "CC" and any(c.isalnum() for c in tok.text):
            out.add(tok.lower)
            out.add(tok.lemma)
    return frozenset(out)


def _claims_in(ctx: _Context, clause: _Clause, statements, sent: int) -> list[Claim]:
    """Each holder's statements and cue verb clauses in one sentence, scored, with their terms."""
    toks = ctx.doc.tokens
    out = []
    for holders, lo, hi, cue, via in statements:
        if not holders:
            continue
        scored = score_tokens(toks, lo, hi, skip=ctx.inside)
        word = scored.cue if scored.cue is not None and abs(scored.score) >= POLAR else cue
        terms = _terms(ctx.doc, lo, hi)
        for holder in holders:
            out.append(Claim(holder, _clamp(scored.score), _span(ctx, word, word + 1), sent, via, terms))
    cues = stance_cues()
    for gi, g in enumerate(clause.groups):
        rows = cues.get(("verb", g.lemma))
        if not rows or g.passive or not clause.subjects[gi]:
            continue
        terms = _terms(ctx.doc, g.last, _predicate_end(ctx, clause, gi))
        score = _clamp(_modulate(ctx, clause, gi, rows[0].score))
        for holder in clause.subjects[gi]:
            out.append(Claim(holder, score, _span(ctx, g.head, g.last), sent, "cue", terms))
    return out


def _clamp(score: float) -> float:
    return max(-1.0, min(1.0, score))


def claim_stances(claims: Iterable[Claim], topics: Sequence[Topic]) -> list[Stance]:
    """Stances toward ``topics``: a claim is a stance toward each topic it shares a term with (topic
    terms compared in lower case); one per sentence, holder and topic (the strongest way, then score).
    """
    wanted = [(t.name, frozenset(w.lower() for w in t.terms)) for t in topics]
    out = []
    for c in claims:
        for name, terms in wanted:
            if c.terms & terms:
                out.append(Stance(c.holder, None, name, polarity_of(c.score), c.score, c.cue, c.sentence, c.via))
    return _dedupe(out)


# --------------------------------------------------------------------------- aggregation


class TopicStance(NamedTuple):
    """An actor's overall stance toward a topic: favour / against / neutral over ``n`` stances."""

    actor: str
    topic: str
    stance: str
    n: int
    sentences: tuple[int, ...]


def topic_label(mean: float) -> str:
    """favour / against / neutral for the mean score of an actor's stances toward a topic: the
    polarity (:func:`polarity_of`, threshold :data:`POLAR`) of the mean, in the words of a position.

    >>> topic_label(0.3), topic_label(-0.5), topic_label(0.15)
    ('favour', 'against', 'neutral')
    """
    return {"positive": "favour", "negative": "against", "neutral": "neutral"}[polarity_of(mean)]


def topic_stances(stances: Iterable[Stance], *, by: str = "party") -> list[TopicStance]:
    """Aggregate each actor's stances toward each topic (mean score: favour / against / neutral).

    ``by="party"`` counts a person or body for the country or organisation it speaks
    for (its affiliation); ``by="actor"`` keeps actors apart.
    """
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    evidence: dict[tuple[str, str], set[int]] = defaultdict(set)
    for s in stances:
        if s.topic is None or s.source is None:
            continue
        actor = s.source.party if by == "party" else s.source.actor
        scores[(actor, s.topic)].append(s.score)
        evidence[(actor, s.topic)].add(s.sentence)
    out = []
    for (actor, topic), values in scores.items():
        label = topic_label(sum(values) / len(values))
        out.append(TopicStance(actor, topic, label, len(values), tuple(sorted(evidence[(actor, topic)]))))
    return sorted(out, key=lambda t: (t.topic, -t.n, t.actor))


# --------------------------------------------------------------------------- topic proposals


def event_nouns() -> frozenset[str]:
    """Nouns that head an event phrase worth following: happenings and measures (``data/lexicon/event_nouns.tsv``)."""
    return lexicon_event_nouns(kinds=("event", "measure"))


_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure")


@dataclass(frozen=True, slots=True)
class EventPhrase:
    """A noun phrase headed by an event noun, as written, and how often a document has it: the stored
    material :func:`propose_topics` proposes topics from ("troop dispatch": head "dispatch", modifier "troop").

    ``head`` is the lemma of the head noun and ``form`` its lower-case form; ``modifier`` the noun
    (lemma) or adjective (lower case) before it, if any, and ``modifier_form`` its lower-case form.
    """

    head: str
    form: str
    modifier: str | None
    modifier_form: str | None
    count: int

    def to_dict(self) -> dict:
        return {"head": self.head, "form": self.form, "modifier": self.modifier,
                "modifier_form": self.modifier_form, "count": self.count}


def _is_event_noun(lemma: str, events: frozenset[str]) -> bool:
    return lemma in events or (lemma.endswith(_EVENT_SUFFIXES) and len(lemma) > 6)


def event_phrases(doc: Doc) -> list[EventPhrase]:
    """The event phrases of a tagged document with their counts, in order of first use.

    An event phrase is a noun phrase headed by an event noun (:func:`event_nouns`, or a
    nominalisation such as "deployment"), with its noun or adjective modifier if any ("troop
    dispatch", "military cooperation"), or any common noun with a lower-case modifier ("nuclear
    test", "health care"): the candidates :func:`propose_topics` ranks.

    >>> from toolkit.text.tagging import process
    >>> [(p.modifier, p.head, p.count) for p in event_phrases(process("The troop dispatch went on. "
    ...                                                               "A second troop dispatch followed."))]
    [('troop', 'dispatch', 2)]
    """
    events = event_nouns()
    counts: dict[tuple[str, str, str | None, str | None], int] = {}
    toks = doc.tokens
    for k, tok in enumerate(toks):
        if tok.tag not in ("NN", "NNS") or not tok.text.isalpha() or (k + 1 < len(toks) and toks[k + 1].tag in ("NN", "NNS")):
            continue  # (markup such as "datetime =" is no phrase)
        mod = mod_form = None
        if k and toks[k - 1].tag in ("NN", "NNS", "JJ") and toks[k - 1].text.isalpha() and toks[k - 1].text.islower():
            mod = toks[k - 1].lemma if toks[k - 1].tag.startswith("NN") else toks[k - 1].lower
            mod_form = toks[k - 1].lower
        if not _is_event_noun(tok.lemma, events) and mod is None:
            continue  # a bare noun counts only when it names an event; any noun with a modifier is a phrase
        key = (tok.lemma, tok.lower, mod, mod_form)
        counts[key] = counts.get(key, 0) + 1
    return [EventPhrase(*key, n) for key, n in counts.items()]


def propose_topics(documents: Iterable, n: int = 5) -> list[Topic]:
    """The corpus's ``n`` most distinctive issue phrases, as topics to follow (each with its key terms).

    Candidates are the multi-word phrases of :func:`event_phrases` ("nuclear test", "troop
    dispatch"). Each is scored by how much more often the corpus uses it than general English
    does: ``count * log2(rate in the corpus / rate in English)``, the English rate from
    ``wordfreq`` (Speer 2022: Wikipedia, subtitles, news, books, web text; its estimate for a phrase
    combines its words' frequencies). A phrase must come up in two documents (in a corpus of three
    or more). Phrases sharing a head are merged, named by the most distinctive one; the terms are the
    head's forms and the merged phrases' modifiers. When fewer than ``n`` phrases qualify, the
    most frequent event nouns fill the list.

    ``documents`` are annotate-contract records (their stored ``event_phrases`` and ``n_words`` are
    read: nothing is tagged again) or tagged :class:`~toolkit.text.tokens.Doc` s; a dict without
    ``event_phrases`` (e.g. only a ``text``) is tagged here.

    >>> rec = {"n_words": 400, "event_phrases": [
    ...     {"head": "test", "form": "test", "modifier": "nuclear", "modifier_form": "nuclear", "count": 4},
    ...     {"head": "thing", "form": "things", "modifier": "good", "modifier_form": "good", "count": 4}]}
    >>> propose_topics([rec], n=1)
    [Topic(name='nuclear test', terms=('nuclear', 'test'))]
    """
    phrases, words, n_docs = _corpus_phrases(documents)
    found = _distinctive(phrases, words, min_docs=2 if n_docs >= 3 else 1)
    topics: list[Topic] = []
    by_head: dict[str, list] = defaultdict(list)
    for key in found:
        by_head[key[1]].append(key)
    for head, keys in sorted(by_head.items(), key=lambda item: -found[item[1][0]]):
        best = keys[0]
        stats = phrases[best]
        terms = set(phrases[best]["head_forms"]) | {m for k in keys[:3] for m in phrases[k]["mod_forms"]}
        topics.append(Topic(f"{stats['mod_name']} {stats['head_name']}", tuple(sorted(terms))))
        if len(topics) >= n:
            return topics
    return topics + [t for t in _frequent_heads(phrases) if t.name not in {x.name for x in topics}][:n - len(topics)]


def _corpus_phrases(documents: Iterable) -> tuple[dict, int, int]:
    """(modifier, head) -> counts and forms over a corpus; the corpus's words; its documents."""
    phrases: dict[tuple[str | None, str], dict] = {}
    words = 0
    n_docs = 0
    for item in documents:
        n_docs += 1
        if isinstance(item, dict) and "event_phrases" in item:
            found = [EventPhrase(**p) for p in item["event_phrases"] or ()]
            words += int(item.get("n_words") or len((item.get("text") or "").split()))
        else:
            doc = process(item["text"]) if isinstance(item, dict) else item
            found = event_phrases(doc)
            words += sum(1 for t in doc.tokens if t.text[:1].isalnum())
        for p in found:
            stats = phrases.setdefault((p.modifier, p.head), {"count": 0, "docs": 0, "head_forms": set(),
                                                              "mod_forms": set(), "mod_name": p.modifier_form,
                                                              "head_name": p.form})
            stats["count"] += p.count
            stats["docs"] += 1
            stats["head_forms"].add(p.form)
            if p.modifier_form:
                stats["mod_forms"].add(p.modifier_form)
    return phrases, max(words, 1), n_docs


def _distinctive(phrases: dict, words: int, *, min_docs: int) -> dict[tuple[str | None, str], float]:
    """Multi-word phrases the corpus uses more than English does, with their scores, best first."""
    from wordfreq import word_frequency

    scored: dict[tuple[str | None, str], float] = {}
    actor_nouns = _actor_nouns()
    for key, stats in phrases.items():
        if key[0] is None or stats["docs"] < min_docs or stats["count"] < 2 or key[1] in actor_nouns:
            continue  # "spy agency", "foreign minister": an actor, not an issue
        reference = word_frequency(f"{stats['mod_name']} {stats['head_name']}", "en") or 1e-9
        ratio = (stats["count"] / words) / reference
        if ratio > 1.0:
            scored[key] = stats["count"] * math.log2(ratio)
    return dict(sorted(scored.items(), key=lambda item: -item[1]))


@lru_cache(maxsize=1)
def _actor_nouns() -> frozenset[str]:
    """Nouns that name actors (titles, bodies, referring nouns): topics are about something else."""
    from toolkit.actors.coref import referring_nouns
    from toolkit.actors.lexicon import lexicon

    lex = lexicon()
    titles = {p[-1] for phrases in lex.titles.values() for p in phrases}
    bodies = {p[-1] for phrases in lex.bodies.values() for p in phrases}
    nouns = {noun for noun, _ in referring_nouns() if referring_nouns()[(noun, _)].refers != "document"}
    return frozenset(titles | bodies | nouns)


def _frequent_heads(phrases: dict) -> list[Topic]:
    """Event nouns by how often the corpus uses them (with or without a modifier): the fallback."""
    events = event_nouns()
    heads: Counter[str] = Counter()
    forms: dict[str, set[str]] = defaultdict(set)
    for (_, head), stats in phrases.items():
        if _is_event_noun(head, events):
            heads[head] += stats["count"]
            forms[head] |= stats["head_forms"]
    return [Topic(head, tuple(sorted(forms[head] | {head}))) for head, _ in heads.most_common()]
