"""Who is quoted saying what: direct, mixed and indirect attributions with their speakers.

An attribution ties *content* to a *source* through a *cue*. Three kinds:

* **direct** — the words in quotation marks: ``"We condemn it," Kim said.``,
  ``Kim said: "..."``, ``Kim: "..."``, ``"..." — Kim``. A quote split around its
  cue (``"A," he said. "B."``) is one attribution with two content fragments; a
  quote running over paragraphs (an opening mark at each paragraph, a closing one
  at the end) is one; a quoted paragraph with no cue of its own continues the
  speaker of the attributed quote just before it (a new :class:`Quote` with the
  same cue and speaker, so scorers that group by cue see one relation);
* **mixed** — a reported clause that holds quoted words:
  ``Reid said that Sanders has energized "a lot of people".``;
* **indirect** — reported speech, beliefs, intentions and evidence used as
  attribution: ``X said (that) ...``, ``..., X said.``, ``X told Y ...``,
  ``according to X, ...``, ``X urged/accused/denied/believes/wants ...``,
  ``polls show ...``, ``the ministry quoted Kim as saying ...`` (the speaker is
  Kim), ``Asked whether ..., Kim said`` (the question, source unstated),
  ``the bank is expected to act`` (raising: no source).

How: cue verbs and phrases come from data tables (:mod:`toolkit.quotes.cues`), quotation
marks from :mod:`toolkit.text.quotemarks`, phrase boundaries from the POS tags
(:mod:`toolkit.text.clauses`). For each cue the subject is read off to its left (across
appositions and asides) or, inverted, to its right; the content is the
complement its frame allows (a clause, a quotation, an object, an infinitive), or
the clause before a parenthetical ``..., X said``. Quotations no cue claimed are
then attached by news convention. The speaker is the local mention (a pronoun
stays a pronoun, as annotators mark it) and is resolved to a canonical actor
through the document's mentions: a pronoun to its antecedent, a description ("the
ministry") to the actor the article names, a person to their affiliation.

Each quote carries its cue's lemma (``cue_lemma``: "say", "call for", "according to") and its
``framing``, from the cue tables (:func:`toolkit.quotes.cues.framing_of`): how the reporting verb
frames the content -- neutral ("said"), assertive ("insisted"), doubt ("claimed"), concession
("admitted"), emotive ("complained"), directive ("urged"), tentative ("suggested"), denial
("denied") or evidential ("found"); None when the cue is in no table (a headline colon, a
signing dash, a verb such as "barked").

Attributions nested inside another one's content are kept only when the outer one
is a parenthetical ``..., the embassy said`` and the inner one reports what a
named speaker said, asked for or condemned (``Zinoviev told Kim that ..., the
embassy said``); a belief or intention inside reported speech (``Sexton said he
thinks ...``) belongs to the outer attribution, as in PolNeAR's annotation.

Example::

    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.mentions import find_mentions
    >>> doc = process('"We will respond," Kim Hong-kyun said. He called in the Russian envoy.')
    >>> q = find_quotes(doc, find_mentions(doc))[0]
    >>> q.kind, doc.text[slice(*q.content[0])], q.cue.text, q.speaker.text, q.actor
    ('direct', '"We will respond,"', 'said', 'Kim Hong-kyun', 'Kim Hong-kyun')
    >>> q.cue_lemma, q.framing
    ('say', 'neutral')
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.actors.mentions import PRONOUNS, Mention
from toolkit.actors.profile import NO_LABELS, SourceLabels
from toolkit.quotes.cues import (
    CueEntry,
    CueLexicon,
    PhraseEntry,
    build_cue_lexicon,
    cue_lexicon,
    document_nouns,
    heading_labels,
)
from toolkit.resources import read_table
from toolkit.text.clauses import (
    ADVERBIAL_SUBORDINATORS,
    AUXILIARIES,
    DASHES,
    FINITE_TAGS,
    LOOK_BACK,
    NOUN_TAGS,
    PERSONAL_SUBJECTS,
    WH_WORDS,
    clause_starts,
    finite_verb_in,
    infinitive_at,
    is_aux_or_adverb,
    is_complementizer,
    is_mark,
    is_temporal,
    name_like,
    np_left,
    np_right,
    np_with_pps,
    object_control_verbs,
    subject_left,
)
from toolkit.text.quotemarks import QuoteSpan, doc_quotations, quotation_spans
from toolkit.text.tagging import lemmatize
from toolkit.text.tokens import Doc, Token

__all__ = ["KINDS", "Span", "Quote", "find_quotes", "QuoteSpan", "quotation_spans", "CueEntry", "CueLexicon",
           "cue_lexicon", "build_cue_lexicon"]

KINDS = ("direct", "mixed", "indirect")
_CLAUSE_END = frozenset({".", "!", "?", ";"})
_WH_COMPLEMENT = frozenset({"what", "whether", "why", "how", "who", "if", "which"})  # not "when"/"where": adverbs
_OBJECT_PRONOUNS = frozenset({"me", "you", "him", "her", "us", "them", "reporters"})


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of the document with its text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Quote:
    """One attribution: what (``content``), through what (``cue``), by whom (``speaker``/``actor``)."""

    kind: str  # direct | mixed | indirect
    content: list[tuple[int, int]]  # character spans; direct quotes include their quotation marks
    cue: Span | None
    speaker: Span | None
    actor: str | None
    affiliation: str | None
    sentence: int  # the sentence holding the cue (or the first content sentence)
    #: Spans of the mentions the actor was resolved through (the antecedent of "he", the full name
    #: behind a surname, the name a description refers to), so a reader can check it.
    speaker_chain: tuple[tuple[int, int], ...] = ()
    #: The cue's lemma as its table writes it ("say", "call for", "according to", "quoted ... as saying"),
    #: or the lemma of a verb no table lists that tags a quotation ("sing"); None for a colon or dash.
    cue_lemma: str | None = None
    #: How the cue frames the content (:data:`toolkit.text.lexicon.FRAMINGS`: neutral, assertive, doubt,
    #: concession, emotive, directive, tentative, denial, evidential), from the cue tables; None when the
    #: cue is in no table (a headline colon, a signing dash, "sings") or there is no cue.
    framing: str | None = None
    #: Who the source is (gender, role, named, description, with evidence): set by the pipeline from the
    #: actors' profiles (:func:`toolkit.actors.profile.label_source`); None until then.
    source: SourceLabels | None = None
    #: The pattern that found it and how its speaker was resolved ("verb:paren|speaker:pronoun").
    rule: str | None = None
    #: How often quotes of this rule were right on the development data (content and speaker):
    #: ``data/quotes/rule_confidence.tsv``.
    confidence: float | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "content": [{"start": s, "end": e} for s, e in self.content],
                "cue": self.cue.to_dict() if self.cue else None,
                "cue_lemma": self.cue_lemma, "framing": self.framing,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "actor": self.actor, "affiliation": self.affiliation, "sentence": self.sentence,
                "speaker_chain": [{"start": s, "end": e} for s, e in self.speaker_chain],
                "rule": self.rule, "confidence": self.confidence,
                **(self.source or NO_LABELS).to_dict()}


# --------------------------------------------------------------------------- analysis context


@dataclass(slots=True)
class _Attribution:
    """An attribution being built: token ranges until it becomes a :class:`Quote`."""

    cue: tuple[int, int]  # token range [first, last)
    cls: str
    content: list[tuple[int, int]]  # character spans
    kind: str
    sentence: int
    speaker: tuple[int, int] | None = None  # token range
    quotes: set[int] = field(default_factory=set)  # quotation indices it consumed
    cue_span: tuple[int, int] | None = None  # character span when it is not simply the cue tokens
    parenthetical: bool = False  # content before the cue ("..., X said")
    forward: bool = False  # content is a quotation after the cue's sentence
    speaker_hint: Mention | None = None
    lemma: str | None = None  # the cue's table entry ("say", "call for", "according to") or verb lemma
    framing: str | None = None  # the entry's framing (FRAMINGS); None for a cue no table lists
    rule: str = ""  # the pattern that found it (QUOTE_RULES)


@dataclass
class _Context:
    doc: Doc
    tokens: list[Token]
    mentions: list[Mention]
    lex: CueLexicon
    quotes: list[QuoteSpan]  # one per paragraph piece of a quotation (``prev``/``next`` link the pieces)
    token_quote: list[int]  # top-level quotation index of each token, -1 outside quotes
    quote_tokens: list[tuple[int, int]]  # token range of each quotation
    skip: frozenset[int] | set[int]
    mention_starts: list[int] = field(default_factory=list)

    def in_quote(self, i: int) -> bool:
        return self.token_quote[i] >= 0

    def is_cue(self, i: int) -> bool:
        """Token ``i`` is a cue verb."""
        return _verb_entry(self, i) is not None

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        sent = self.doc.sentences[self.tokens[i].sent]
        return sent.first, sent.last


def _context(doc: Doc, mentions: Sequence[Mention], lex: CueLexicon, skip) -> _Context:
    quotes: list[QuoteSpan] = []
    for span in doc_quotations(doc):
        for k, piece in enumerate(span.pieces):
            unit = QuoteSpan([piece], span.single, prev=len(quotes) - 1 if k else -1)
            if k:
                quotes[-1].next = len(quotes)
            quotes.append(unit)
    token_quote = [-1] * len(doc.tokens)
    quote_tokens: list[tuple[int, int]] = []
    for q_index, q in enumerate(quotes):
        first = last = None
        for s, e in q.pieces:
            for tok in doc.tokens_in(s, e):
                token_quote[tok.i] = q_index
                first = tok.i if first is None else first
                last = tok.i + 1
        quote_tokens.append((first if first is not None else 0, last if last is not None else 0))
    ctx = _Context(doc, doc.tokens, sorted(mentions, key=lambda m: m.first), lex, quotes, token_quote,
                   quote_tokens, skip)
    ctx.mention_starts = [m.first for m in ctx.mentions]
    return ctx


# --------------------------------------------------------------------------- small token helpers


def _trim_end(ctx: _Context, start: int, end: int) -> int:
    """Drop trailing sentence punctuation (not closing quotation marks) from the token range end."""
    while end > start and (ctx.tokens[end - 1].text in (".", ",", ";", ":") or ctx.tokens[end - 1].text in DASHES) \
            and not ctx.in_quote(end - 1):
        end -= 1
    return end


def _chars(ctx: _Context, first: int, last: int) -> tuple[int, int]:
    return ctx.tokens[first].start, ctx.tokens[last - 1].end


# --------------------------------------------------------------------------- cue detection


def _verb_entry(ctx: _Context, i: int) -> tuple[CueEntry, int] | None:
    """The cue entry of a verb at token ``i`` and the cue's token end (with its particle)."""
    tok = ctx.tokens[i]
    if i > 0 and ctx.tokens[i - 1].tag in ("DT", "PRP$", "POS") and tok.tag in ("VBZ", "VBP", "VB") \
            and ctx.tokens[i - 1].lower not in ("that", "this", "which", "all", "both"):
        return None  # a noun the tagger read as a verb: "These calls for ..."
    if tok.tag.startswith("VB"):
        lemma = tok.lemma
    elif tok.tag in ("NNS", "NN", "JJ") and (tok.lower in ("says", "said", "told", "tells", "adds", "added")
                                             or tok.lower == "say" and i > 0
                                             and ctx.tokens[i - 1].tag in ("NNS", "NNP", "NNPS", "PRP")):
        lemma = lemmatize(tok.text, "VBD" if tok.lower.endswith("d") else "VBZ")  # a mistagged reporting verb
    elif tok.tag == "NN" and tok.lower.endswith("ing") and i + 1 < len(ctx.tokens) \
            and (ctx.tokens[i + 1].text == ":" or ctx.token_quote[i + 1] >= 0):
        lemma = lemmatize(tok.text, "VBG")  # "took to Twitter, writing: ..."
    else:
        return None
    entries = ctx.lex.verb_entries(lemma)
    n = len(ctx.tokens)
    for entry in entries:
        extra = entry.words[1:]
        if not extra:
            return entry, i + 1
        if i + len(extra) < n and all(ctx.tokens[i + 1 + k].lower == w for k, w in enumerate(extra)):
            return entry, i + 1 + len(extra)
    return None


def _verb_cue(ctx: _Context, i: int) -> dict:
    """The ``lemma`` and ``framing`` of a verb a quotation is tagged with by convention ('"...," Blige
    sings'): its table entry's when it is a cue verb, else its lemma and no framing."""
    found = _verb_entry(ctx, i)
    if found is not None:
        return {"lemma": found[0].cue, "framing": found[0].framing}
    return {"lemma": ctx.tokens[i].lemma, "framing": None}


# --------------------------------------------------------------------------- speakers


def _subject_left(ctx: _Context, i: int, lo: int) -> tuple[int, int] | None:
    """The subject of the verb at ``i`` (:func:`toolkit.text.clauses.subject_left`): never inside a quotation,
    across asides, and for a coordinated verb the subject of the nearest reporting verb before it."""
    return subject_left(ctx.tokens, i, lo, quoted=ctx.token_quote, prefer=ctx.is_cue)


def _speaker_right(ctx: _Context, k: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase after an inverted cue ("..., said Dr. Harold Varmus, the former director")."""
    toks = ctx.tokens
    if k >= hi or ctx.in_quote(k):
        return None
    if toks[k].tag == "PRP" and toks[k].lower in PERSONAL_SUBJECTS:
        return k, k + 1
    end = np_with_pps(toks, k, hi, prepositions=("of", "for", "at"))
    if end == k:
        # "said the 46-year-old.": a noun phrase the tagger left without a noun
        m = k
        while m < hi and m - k < 5 and toks[m].tag in ("DT", "JJ", "CD", "NN", "NNS", "NNP", "PRP$"):
            m += 1
        if m == k or not (m >= hi or toks[m].text in (",", ".", ";", "!", "?") or toks[m].tag in ("IN", "WP")):
            return None
        return k, m
    return k, end


# --------------------------------------------------------------------------- content


_MAX_CONTENT = 300  # tokens: no reported clause runs longer; keeps run-on "sentences" linear
#: Words that link a clause to the one before ("while Bush said", "but Peskov said").
_CLAUSE_LINKS = ADVERBIAL_SUBORDINATORS | {"but", "and", "yet"}


def _content_end(ctx: _Context, start: int, hi: int, *, clause: bool = True) -> int:
    """Where a reported clause starting at ``start`` ends (exclusive), before trailing attribution or a new VP.

    Stops at the end of the sentence (or of a quotation that runs past it), before
    ", according to ...", ", adding ...", a parenthetical ", the embassy said", a new
    clause with its own reporting verb (", while Bush said ...", "but Peskov said"), a
    second reporting verb of the same subject (", and condemned ...", ", said ..."),
    and a non-restrictive relative clause after a complete clause. ``clause`` is
    False for an object or infinitive, which any coordinated verb ends.
    """
    toks = ctx.tokens
    hi = min(hi, start + _MAX_CONTENT)
    m = start
    while m < hi:
        tok = toks[m]
        if ctx.in_quote(m):
            q_end = ctx.quote_tokens[ctx.token_quote[m]][1]
            if q_end >= hi:
                return max(q_end, m + 1)
            m = max(m + 1, q_end)
            if m - 2 >= start and toks[m - 2].text == "," and _ends_here(ctx, m, hi, start, clause):
                return m  # '... happening,'' adding ...' — the comma is inside the quotation
            continue
        low = tok.lower
        if tok.text == "(" or tok.text in DASHES and m > start:
            close = _closing(ctx, m, hi)
            if close is not None and (tok.text == "(" or finite_verb_in(toks, m + 1, close) is None
                                      and not any(ctx.in_quote(k) for k in range(m + 1, close))):
                m = close + 1  # an aside: "(really?)", "- whether addressing a crowd or ... -"
                continue
        if tok.text == "," or tok.text in DASHES or tok.text == "(":
            if _ends_here(ctx, m + 1, hi, start, clause, dash=tok.text in DASHES):
                return m
        elif tok.tag == "CC" and low in ("and", "but") and m > start:
            if _second_verb(ctx, m + 1, hi, start, m, clause=clause):
                return m  # "... but said that ..."
            if _attribution_clause(ctx, m + 1, hi):
                return m  # "... but spokesman Dmitry Peskov said ..."
            if not clause and m + 1 < hi and (clause_starts(toks, m + 1, hi) and toks[m + 1].lower not in WH_WORDS
                                              or toks[m + 1].tag == "VBG"):
                return m  # "declined to renew it and the PGA could not find ...", "pointing to X and saying"
        elif tok.text in _CLAUSE_END:
            return m
        elif not clause and m > start and _adjunct_starts(ctx, m, hi):
            return m  # "blasted the instructor during a rally", "endorsed Trump in early June"
        m += 1
    return hi


_ADJUNCT_PREPOSITIONS = frozenset({"during", "while", "amid", "despite", "since", "before", "after", "following",
                                   "ahead", "throughout"})


def _adjunct_starts(ctx: _Context, m: int, hi: int) -> bool:
    """A time or circumstance adjunct after an object: "during a rally", "in early June", "on Monday"."""
    toks = ctx.tokens
    tok = toks[m]
    prev = toks[m - 1]
    if prev.tag == "VBN" or ctx.in_quote(m):
        return False  # "the accord adopted after two weeks of talks"
    if tok.lower in _ADJUNCT_PREPOSITIONS and tok.tag in ("IN", "RB"):
        return True
    if tok.lower in ("by",) and m + 1 < hi and toks[m + 1].tag in ("VBG", "VB") \
            and (tok.lower == "by" or prev.tag in NOUN_TAGS and _verb_entry(ctx, m + 1) is None):
        return True  # "attacked Fiorina by reminding voters ...", "announced his candidacy to ask ..."
    if tok.lower in ("when", "because", "as", "where", "if", "although", "though", "whereas") \
            and clause_starts(toks, m + 1, hi):
        return True  # "to ask a question when Trump shot back that ..."
    if tok.tag == "IN" and tok.lower in ("in", "on", "at", "last", "this") and m + 1 < hi:
        k = m + 1
        while k < hi and k < m + 4 and toks[k].tag in ("DT", "JJ", "CD", "NNP", "NN") and not is_temporal(toks[k]):
            k += 1
        return k < hi and (is_temporal(toks[k]) or toks[k].tag == "CD" and len(toks[k].text) == 4)
    return is_temporal(tok) and tok.tag in ("NNP", "RB") and tok.lower not in ("also", "now", "then") \
        and prev.tag != "IN"  # "endorsed Trump Tuesday", not "by Friday"


def _closing(ctx: _Context, m: int, hi: int) -> int | None:
    """The closing parenthesis or dash of an aside opened at ``m`` (within 25 tokens), if any."""
    toks = ctx.tokens
    want = ")" if toks[m].text == "(" else None
    for k in range(m + 1, min(hi, m + 25)):
        if ctx.in_quote(k):
            continue
        if want and toks[k].text == want or not want and toks[k].text in DASHES:
            return k
    return None


def _ends_here(ctx: _Context, nxt: int, hi: int, start: int, clause: bool, *, dash: bool = False) -> bool:
    """After a comma (or dash) at ``nxt - 1``: does the reported content stop here?"""
    toks = ctx.tokens
    if nxt >= hi:
        return False
    t2 = toks[nxt]
    if t2.lower == "according" or (t2.lower == "as" and nxt + 1 < hi and toks[nxt + 1].tag == "VBN"):
        return True
    if t2.tag == "VBG":
        if not clause:
            return True  # "defended eminent domain, calling it ..."
        return _verb_entry(ctx, nxt) is not None  # ", adding that ...", ", suggesting that ..."
    if not clause and (t2.lower in ("which", "who", "whom", "whose", "meaning") or dash or t2.tag in ("VBD", "VBZ")
                       or clause_starts(toks, nxt, hi) and t2.lower not in WH_WORDS):
        return True  # an object ends at a dash, a coordinated verb or a new clause after its comma
    if t2.tag in ("VBD", "VBZ") and _verb_entry(ctx, nxt) is not None and not ctx.in_quote(nxt):
        return True  # "Cruz, who says ..., said ..."
    has_verb = finite_verb_in(toks, start, nxt - 1) is not None
    if nxt + 1 < hi and t2.tag == "CC" and (toks[nxt + 1].tag == "WRB" or toks[nxt + 1].lower in ("if", "asked")):
        return True  # ", and when asked ..."
    if t2.tag == "CC" and _second_verb(ctx, nxt + 1, hi, start, nxt - 1, clause=clause):
        return True  # ", and condemned ..."
    if _parenthetical_attribution(ctx, nxt, hi):
        return True
    k = nxt
    while k < hi and toks[k].lower in _CLAUSE_LINKS:
        k += 1
    if _attribution_clause(ctx, k, hi):
        return True  # ", while Jeb Bush said ..."
    if has_verb and t2.lower in ("who", "which") and not dash:
        return True
    if has_verb and dash and clause_starts(toks, nxt, hi):
        return True
    return False


def _attribution_clause(ctx: _Context, k: int, hi: int) -> bool:
    """A new clause with its own subject and a reporting verb starts at ``k``."""
    toks = ctx.tokens
    if k >= hi or ctx.in_quote(k):
        return False
    end = k + 1 if toks[k].tag == "PRP" else np_right(toks, k, hi)
    if end == k:
        return False
    while end < hi and is_aux_or_adverb(toks[end]):
        end += 1
    if end >= hi or toks[end].tag not in ("VBD", "VBZ", "VBP", "VBN") or toks[end].lemma in AUXILIARIES:
        return False
    return _verb_entry(ctx, end) is not None


def _second_verb(ctx: _Context, k: int, hi: int, start: int, m: int, *, clause: bool = True) -> bool:
    """After a conjunction at ``k``: a finite verb with no subject of its own (time phrases skipped).

    It ends the content when it is a reporting verb, or when the content has no
    finite verb of its own (an object: "denied the claims but pledged ...").
    """
    toks = ctx.tokens
    while k < hi and (toks[k].tag in ("RB", "RBR") or is_temporal(toks[k])):
        k += 1
    if k + 1 < hi and toks[k].tag == "IN" and toks[k].lower in ("on", "in", "at", "last", "this"):
        p = k + 1
        while p < hi and p < k + 4 and (is_temporal(toks[p]) or toks[p].tag in ("DT", "NNP", "CD", "JJ")):
            p += 1
        if p < hi and p > k + 1 and (toks[p].tag in FINITE_TAGS):
            k = p
    if k >= hi:
        return False
    tok = toks[k]
    if tok.tag not in FINITE_TAGS:
        return False
    if not clause or finite_verb_in(toks, start, m) is None:
        return True
    verb = k
    if tok.lemma in AUXILIARIES and k + 1 < hi and toks[k + 1].tag.startswith("VB"):
        verb = k + 1
    return _verb_entry(ctx, verb) is not None


def _parenthetical_attribution(ctx: _Context, k: int, hi: int) -> bool:
    """", the embassy said." / ", said Kim." / ", he added, ...": an attribution clause at ``k``."""
    toks = ctx.tokens
    end = k
    if toks[k].tag.startswith("VB") and _verb_entry(ctx, k) is not None:
        end = k + 1  # inverted
        sp = _speaker_right(ctx, end, hi)
        if sp is None:
            return False
        end = sp[1]
    else:
        np_end = np_right(toks, k, min(hi, k + 12))
        if np_end == k:
            return False
        end = np_end
        while end < hi and is_aux_or_adverb(toks[end]):
            end += 1
        if end >= hi or not (toks[end].tag in ("VBD", "VBZ", "VBP") and _verb_entry(ctx, end) is not None):
            return False
        entry = _verb_entry(ctx, end)
        if entry is None or "paren" not in entry[0].frames:
            return False
        end += 1
    # then only adjuncts up to the end of the clause
    while end < hi and (is_temporal(toks[end]) or toks[end].tag in ("IN", "DT", "NN", "NNP", "JJ", "CD", "PRP$",
                                                                          "NNS")):
        if toks[end].lower == "that":
            return False
        end += 1
    return end >= hi or toks[end].text in (",", ".", "!", "?", ";") or is_mark(toks[end])



def _skip_adjuncts(ctx: _Context, k: int, hi: int) -> int:
    """Skip time words and prepositional adjuncts before a complement ("said on Monday that ...",
    "said in a statement on its website that ...", "told reporters Tuesday the ...")."""
    toks = ctx.tokens
    start = k
    for _ in range(4):
        while k < hi and (is_temporal(toks[k]) or toks[k].tag in ("RB",)) and toks[k].lower != "not" \
                and not ctx.in_quote(k):
            k += 1
        if k < hi and toks[k].tag == "IN" and toks[k].lower not in ("that", "if", "whether") and not ctx.in_quote(k):
            np_end = np_with_pps(toks, k + 1, hi, prepositions=("of", "with", "on", "in", "at", "for"))
            if np_end == k + 1:
                break
            k = np_end
            continue
        if k + 1 < hi and toks[k].text == "," and k > start and (is_complementizer(toks, k + 1, hi)
                                                                  or ctx.in_quote(k + 1)):
            k += 1
            continue
        break
    if k < hi and k > start and (is_complementizer(toks, k, hi) or ctx.in_quote(k) or toks[k].text == ":"
                                 or clause_starts(toks, k, hi) and toks[k - 1].text != ","):
        return k
    # an adjunct the chunker could not read ("on social media platform X that ..."): jump to "that"
    if start < hi and (toks[start].tag in ("IN", "RB") or is_temporal(toks[start])) \
            and toks[start].lower not in ("that", "if", "whether"):
        for m in range(start + 1, min(hi, start + 20)):
            t = toks[m]
            if is_complementizer(toks, m, hi) or ctx.in_quote(m) or t.text == ":":
                return m
            if (t.tag in FINITE_TAGS and t.text.islower()) or t.text in (";", ".", "!", "?"):
                break
    return start


@dataclass(slots=True)
class _Complement:
    first: int  # token range of the content
    last: int
    kind: str  # direct | mixed | indirect
    quote: int = -1  # the quotation, for direct content


def _complement_after(ctx: _Context, cue_end: int, entry: CueEntry, hi: int) -> _Complement | None:
    """The content after a cue verb, by the frames its entry allows."""
    toks = ctx.tokens
    frames = entry.frames
    k = cue_end
    if k >= hi:
        return None
    if "recipient" in frames or "objto" in frames:
        np_end = k if ctx.in_quote(k) else np_with_pps(toks, k, hi)
        while k < np_end < hi - 1 and toks[np_end].lower == "and" and toks[np_end + 1].tag in ("NNP", "NNPS"):
            np_end = np_with_pps(toks, np_end + 1, hi)  # "told The Post and Courier newspaper of Charleston"
        if np_end == k and toks[k].lower in _OBJECT_PRONOUNS:
            np_end = k + 1
        if np_end > k:
            after = _skip_adjuncts(ctx, np_end, hi)
            if "objto" in frames and after < hi and toks[after].tag == "TO":
                end = _trim_end(ctx, k, _content_end(ctx, after, hi, clause=False))
                return _Complement(k, end, _kind_of(ctx, k, end)) if end > after + 1 else None
            if "recipient" in frames and after < hi and (
                    is_complementizer(toks, after, hi) or ctx.in_quote(after) or toks[after].text in (":", ",")
                    or clause_starts(toks, after, hi)):
                k = after
    k = _skip_adjuncts(ctx, k, hi)
    if k < hi and toks[k].text in (":", ",") and k + 1 < hi and ctx.in_quote(k + 1):
        k += 1
    if k >= hi:
        return None
    if ctx.in_quote(k) and ctx.quote_tokens[ctx.token_quote[k]][0] == k and {"clause", "quote"} & frames:
        q = ctx.token_quote[k]
        return _Complement(k, ctx.quote_tokens[q][1], "direct", q)
    if "clause" in frames and (toks[k].lower == "that" or toks[k].lower in _WH_COMPLEMENT
                               or toks[k].lower not in WH_WORDS and clause_starts(toks, k, hi)
                               or entry.cls == "speech" and _loose_clause(ctx, k, hi)):
        end = _trim_end(ctx, k, _content_end(ctx, k, hi))
        if end - k >= 2:
            return _Complement(k, end, _kind_of(ctx, k, end))
    if "to" in frames and toks[k].tag == "TO" and infinitive_at(toks, k, hi):
        end = _trim_end(ctx, k, _content_end(ctx, k, hi, clause=False))
        if end - k >= 2:
            return _Complement(k, end, _kind_of(ctx, k, end))
    if "objcomp" in frames and not ctx.in_quote(k):
        np_end = k + 1 if toks[k].tag == "PRP" else _wh_object_end(ctx, k, hi) or np_with_pps(toks, k, hi)
        if k < np_end < hi and (ctx.in_quote(np_end) or toks[np_end].tag in ("DT", "JJ", "JJS", "RBS")
                                or toks[np_end].tag == "RB" and np_end + 1 < hi and toks[np_end + 1].tag == "JJ"):
            end = _trim_end(ctx, k, _content_end(ctx, k, hi, clause=False))
            if end > np_end:
                return _Complement(k, end, _kind_of(ctx, k, end))
    if "object" in frames:
        np_end = np_right(toks, k, hi)
        if np_end > k or ctx.in_quote(k) or toks[k].tag in ("VBG", "PRP$", "DT", "JJ", "CD") \
                or toks[k].lower in ("what", "how"):
            end = _trim_end(ctx, k, _content_end(ctx, k, hi, clause=toks[k].lower in WH_WORDS))
            if end > k and (end - k > 1 or toks[k].tag in NOUN_TAGS or toks[k].tag == "PRP"):
                return _Complement(k, end, _kind_of(ctx, k, end))
    return None



def _wh_object_end(ctx: _Context, k: int, hi: int) -> int:
    """End of a free relative object: "called what she witnessed 'terrible'" (0 when none)."""
    toks = ctx.tokens
    if toks[k].lower != "what":
        return 0
    m = k + 1
    while m < hi and m < k + 8 and not toks[m].tag.startswith("VB") and not ctx.in_quote(m):
        m += 1
    return m + 1 if m < hi and toks[m].tag.startswith("VB") else 0


def _loose_clause(ctx: _Context, k: int, hi: int) -> bool:
    """After a verb of saying, a noun phrase followed somewhere by a verb is taken for a reported clause even
    when the tagger missed its verb or a comma interrupts it ("said the former governor plans to ...",
    "says Millennials, numbering 75.3 million, surpassed ...", "said he and many others are ...")."""
    toks = ctx.tokens
    first = toks[k]
    if ctx.in_quote(k) or is_temporal(first) and first.tag != "CD":
        return False
    if not (first.tag in NOUN_TAGS or first.tag in ("DT", "PRP", "PRP$", "JJ", "JJS", "CD", "PDT", "RB", "EX")
            or name_like(first)):
        return False
    end = _content_end(ctx, k, hi)
    if end - k < 3:
        return False
    return any(toks[m].tag in ("VBD", "VBZ", "VBP", "MD", "TO") for m in range(k + 1, end) if not ctx.in_quote(m))



def _kind_of(ctx: _Context, first: int, last: int) -> str:
    """direct when the content is one quotation, mixed when it holds quoted words, indirect otherwise."""
    qs = {ctx.token_quote[m] for m in range(first, last)}
    if -1 not in qs and len(qs) == 1:
        return "direct"
    return "mixed" if len(qs) > 1 or (qs and -1 not in qs) else "indirect"


def _content_before(ctx: _Context, clause_start: int, lo: int, *, short_ok: bool = False) -> _Complement | None:
    """The content before a parenthetical attribution ("CONTENT, X said" / '"Q," said X').

    A quotation ending just before the attribution is the content even across a
    sentence break ('"Who wants that?" she said.') or an apposition ('"Q," another
    friend, Mariam Emara, told CNN').
    """
    toks = ctx.tokens
    j = clause_start - 1
    if j < lo:
        if j >= 0 and is_mark(toks[j]) and ctx.in_quote(j) and _same_paragraph(ctx, j, clause_start):
            q = ctx.token_quote[j]
            if ctx.quote_tokens[q][1] == clause_start:
                return _Complement(ctx.quote_tokens[q][0], clause_start, "direct", q)
        return None
    if is_mark(toks[j]) and ctx.in_quote(j):
        q = ctx.token_quote[j]
        q_first, q_last = ctx.quote_tokens[q]
        if q_last == clause_start:
            return _Complement(q_first, q_last, "direct", q)
        return None
    if toks[j].text != "," and toks[j].text not in DASHES:
        return None
    if j - 1 >= lo and ctx.in_quote(j - 1):
        q = ctx.token_quote[j - 1]
        q_first, q_last = ctx.quote_tokens[q]
        if q_last == j:
            return _Complement(q_first, q_last, "direct", q)
    apposed = np_left(toks, j, lo)
    if apposed is not None and apposed - 1 >= 0 and is_mark(toks[apposed - 1]) and ctx.in_quote(apposed - 1):
        q = ctx.token_quote[apposed - 1]
        if ctx.quote_tokens[q][1] == apposed:
            return _Complement(ctx.quote_tokens[q][0], apposed, "direct", q)
    start = lo
    while start < j and (toks[start].tag == "CC" or toks[start].text in (",",) or is_mark(toks[start])
                         and not ctx.in_quote(start)):
        start += 1
    if j - start < (1 if short_ok else 2):
        return None
    return _Complement(start, j, _kind_of(ctx, start, j))


def _same_paragraph(ctx: _Context, a: int, b: int) -> bool:
    sents = ctx.doc.sentences
    return sents[ctx.tokens[a].sent].paragraph == sents[ctx.tokens[b].sent].paragraph


def _content_resumed(ctx: _Context, k: int, hi: int, *, adverbial_before: bool = False) -> _Complement | None:
    """', he said, "B."' / ', he said, was even more popular': the content resuming after the cue clause.

    ``adverbial_before``: what came before the cue clause was no clause of its own
    ("Instead, she said, her boss ..."), so a subordinate clause may resume here.
    """
    toks = ctx.tokens
    for _ in range(4):  # time words and prepositional adjuncts: "wrote in a letter to the president, that"
        while k < hi and (is_temporal(toks[k]) or toks[k].tag == "RB") and not ctx.in_quote(k):
            k += 1
        if k < hi and toks[k].tag == "IN" and toks[k].lower != "that" and not ctx.in_quote(k):
            end = np_right(toks, k + 1, hi)
            if end == k + 1:
                break
            k = end
            continue
        break
    if k >= hi or toks[k].text != ",":
        return None
    k += 1
    if k >= hi:
        return None
    if ctx.in_quote(k):
        q = ctx.token_quote[k]
        if ctx.quote_tokens[q][0] == k:
            return _Complement(k, ctx.quote_tokens[q][1], "direct", q)
    low = toks[k].lower
    first_word = k
    while first_word < hi and toks[first_word].tag in ("RB", "RBR"):
        first_word += 1
    if low != "that":
        if first_word >= hi or toks[first_word].tag.startswith("VB") or toks[first_word].tag == "TO" \
                or toks[first_word].lower.endswith("ing") or low in ("according", "who", "which", "as"):
            return None
        if not adverbial_before and (toks[k].tag in ("IN", "WRB") or low in _CLAUSE_LINKS):
            return None
    end = _trim_end(ctx, k, _content_end(ctx, k, hi))
    if end - k >= 2 and finite_verb_in(toks, k, end) is not None:
        return _Complement(k, end, _kind_of(ctx, k, end))
    return None


# --------------------------------------------------------------------------- attribution builders


def _verb_attribution(ctx: _Context, i: int, entry: CueEntry, cue_end: int) -> _Attribution | None:
    """An attribution around the cue verb at token ``i``, or None when the verb carries no content.

    In order: a fronted question ("Asked whether ..."), raising ("is expected to act"),
    a relative clause ("what he calls ...", "which critics said was ..."), an inverted
    cue ('"Q," said Kim'), the complement after the verb, the content before a
    parenthetical cue ("Q, Kim said"), a quotation in the next sentence.
    """
    toks = ctx.tokens
    tok = toks[i]
    frames = entry.frames
    lo, hi = ctx.sentence_bounds(i)
    lo = _clause_start(ctx, i, lo)
    if tok.tag == "VBG" and i == lo:
        hi = _participial_clause_end(ctx, i, hi)
    passive = tok.tag == "VBN" and _be_before(ctx, i, lo)
    if "fronted" in frames and tok.tag in ("VBN", "VBD"):
        fronted = _fronted(ctx, i, cue_end, entry, lo, hi, passive=passive)
        if fronted is not None:
            return fronted
    if "raise" in frames or (passive and "to" in frames):
        return _raising(ctx, i, cue_end, entry, lo, hi)
    if not _active_cue(ctx, i, lo, passive=passive):
        return None
    att = _Attribution((i, cue_end), entry.cls, [], "indirect", tok.sent, lemma=entry.cue, framing=entry.framing,
                       rule="verb:clause")
    subject = _subject_left(ctx, i, lo)
    relative = _relative_word(ctx, subject, lo)
    if "objcomp" in frames and relative == "what":
        att.rule = "verb:what"
        return _free_relative(ctx, att, subject, cue_end, hi)  # "what he calls corruption in politics"
    if "clause" in frames and relative in ("which", "that", "who") and cue_end < hi \
            and toks[cue_end].tag in FINITE_TAGS:
        att.rule = "verb:relative"
        return _relative_content(ctx, att, subject, cue_end, hi)
    inverted = _inverted(ctx, att, i, cue_end, entry, lo, hi, subject=subject)
    if inverted is not None:
        inverted.rule = "verb:inverted"
        return inverted
    subject = att.speaker = _nonfinite_subject(ctx, i, lo, subject, passive=passive)
    comp = _complement_after(ctx, cue_end, entry, hi)
    if comp is not None:
        _add_complement(ctx, att, comp)
        return att if att.content else None
    if subject is not None and ("paren" in frames or "quote" in frames) and tok.tag in ("VBD", "VBZ", "VBP"):
        before = _content_before(ctx, subject[0], lo, short_ok=True)
        if before is not None:
            att.rule = "verb:paren"
            return _parenthetical(ctx, att, before, cue_end, hi)
    if ("clause" in frames or "quote" in frames) and subject is not None:
        att.rule = "verb:forward"
        return _forward_quotation(ctx, att, cue_end, hi)
    return None


def _active_cue(ctx: _Context, i: int, lo: int, *, passive: bool) -> bool:
    """Not a passive ("was asked"), a participle used as an adjective ("a group called ..."), a reduced
    relative, or a gerund of a temporal clause ("when asking ..."); an inverted participle after a closing
    quotation mark or a participle after its subject and a comma is a cue."""
    toks = ctx.tokens
    tok = toks[i]
    if passive or tok.tag == "VBN" and not _has_aux_before(ctx, i, lo) and not _after_closing_mark(ctx, i) \
            and not (i > lo and toks[i - 1].text == "," and _subject_left(ctx, i, lo) is not None):
        return False
    return not (tok.tag == "VBG" and i > lo and toks[i - 1].lower in ("when", "while"))


def _relative_word(ctx: _Context, subject: tuple[int, int] | None, lo: int) -> str | None:
    """The relative word just before a cue's subject ("what he calls", "which critics said"), if any."""
    if subject is None or subject[0] - 1 < lo:
        return None
    low = ctx.tokens[subject[0] - 1].lower
    return low if low in ("what", "which", "that", "who") else None


def _relative_content(ctx: _Context, att: _Attribution, subject: tuple[int, int], k: int,
                      hi: int) -> _Attribution:
    """"a bill, which critics said was discriminatory": the relative pronoun and the rest of its clause."""
    end = _trim_end(ctx, k, _content_end(ctx, k, hi))
    att.speaker = subject
    att.content = [_chars(ctx, subject[0] - 1, subject[0])]
    _add_complement(ctx, att, _Complement(k, end, _kind_of(ctx, k, end)))
    return att


def _inverted(ctx: _Context, att: _Attribution, i: int, cue_end: int, entry: CueEntry, lo: int, hi: int, *,
              subject: tuple[int, int] | None) -> _Attribution | None:
    """'"Q," said Kim.' / 'Q, said Kim, a senator.': the speaker after the cue, the content before it
    (and resuming after the speaker); None when the cue is not inverted."""
    toks = ctx.tokens
    tok = toks[i]
    left = i - 1
    while left >= lo and is_aux_or_adverb(toks[left]):
        left -= 1
    after_quote = left >= lo and is_mark(toks[left]) and ctx.in_quote(left)
    if left < lo and left >= 0 and is_mark(toks[left]) and ctx.in_quote(left) and _same_paragraph(ctx, left, i):
        after_quote = True  # '"Why?" asked Kim.' split after the question mark
    inverted = (tok.tag in ("VBD", "VBZ", "VBP") or tok.tag == "VBN" and after_quote) \
        and ("paren" in entry.frames or "quote" in entry.frames) \
        and (after_quote or left >= lo and toks[left].text == "," and subject is None)
    if not inverted:
        return None
    speaker = _speaker_right(ctx, cue_end, hi)
    if speaker is None or not _ends_clause(ctx, speaker[1], hi):
        return None
    before = _content_before(ctx, left + 1, min(lo, left + 1))
    if before is None:
        return None
    att.speaker = speaker
    att.parenthetical = True
    _add_complement(ctx, att, before)
    resumed = _content_resumed(ctx, _after_speaker(ctx, speaker[1], hi), hi)
    if resumed is not None:
        _add_complement(ctx, att, resumed)
    return att


def _nonfinite_subject(ctx: _Context, i: int, lo: int, subject: tuple[int, int] | None, *,
                       passive: bool) -> tuple[int, int] | None:
    """The speaker of a gerund, infinitive or participle cue: not the document or place before it ("released a
    statement saying ...", "was on CNN talking about ..."), the subject of a coordinated gerund ("noting X and
    saying Y"), else the understood subject (:func:`_controller`)."""
    toks = ctx.tokens
    tok = toks[i]
    if tok.tag == "VBG" and subject is not None and not ctx.in_quote(subject[1] - 1) and (
            _head_noun(ctx, subject).lower in document_nouns()  # "released a statement saying ...": the author
            or subject[0] > lo and toks[subject[0] - 1].tag == "IN"  # "was on CNN talking about ..."
            or toks[subject[1] - 1].tag == "VBG"
            or subject[1] - subject[0] == 1 and toks[subject[0]].tag == "IN"):  # "After saying ...": no subject
        subject = None
    if tok.tag == "VBG" and i - 1 > lo and toks[i - 1].tag == "CC":
        subject = _coordinated_gerund(ctx, i, lo) or subject  # "noting X and saying Y"
    if subject is None and (tok.tag in ("VBG", "VB") or tok.tag == "VBN" and not passive):
        subject = _controller(ctx, i, lo)
    return subject


def _parenthetical(ctx: _Context, att: _Attribution, before: _Complement, cue_end: int,
                   hi: int) -> _Attribution | None:
    """'Q, Kim said.' / '"Q," he added.': the content before the subject, and what resumes after the cue.

    An adverbial before it ("Instead, she said, ...") gives way to what follows; a
    subject ("Mr. Obama, officials said, has ...") does not.
    """
    toks = ctx.tokens
    att.parenthetical = True
    adverbial = before.quote < 0 and finite_verb_in(toks, before.first, before.last) is None \
        and np_right(toks, before.first, before.last) != before.last
    resumed = _content_resumed(ctx, cue_end, hi, adverbial_before=adverbial)
    if not (adverbial and resumed is not None):
        if before.last - before.first < 2 and before.quote < 0:
            return None
        _add_complement(ctx, att, before)
    if resumed is not None:
        _add_complement(ctx, att, resumed)
    return att


def _forward_quotation(ctx: _Context, att: _Attribution, cue_end: int, hi: int) -> _Attribution | None:
    """A cue whose quotation follows in the next sentence or paragraph: 'Kim said in a statement. "..."'."""
    q = _quotation_after(ctx, cue_end, hi)
    if q < 0:
        return None
    att.forward = True
    _add_complement(ctx, att, _Complement(*ctx.quote_tokens[q], "direct", q))
    return att


def _quotation_after(ctx: _Context, k: int, hi: int) -> int:
    """The quotation opening the next sentence (or paragraph) when only adjuncts follow the cue, else -1."""
    toks = ctx.tokens
    if hi - k > 40:
        return -1
    while k < hi and not ctx.in_quote(k) and toks[k].tag not in FINITE_TAGS and toks[k].tag not in ("VB", "VBG"):
        if toks[k].text in (".", ":") and k == hi - 1:
            break
        if toks[k].text in (".", "!", "?", ";"):
            return -1
        k += 1
    if k != hi - 1 or toks[k].text not in (".", ":") or hi >= len(toks):
        return -1
    if not ctx.in_quote(hi):
        return -1
    q = ctx.token_quote[hi]
    if ctx.quote_tokens[q][0] != hi:
        return -1
    sents = ctx.doc.sentences
    if sents[toks[hi].sent].paragraph - sents[toks[k].sent].paragraph > 1:
        return -1
    return q


def _participial_clause_end(ctx: _Context, i: int, hi: int) -> int:
    """Where a sentence-initial participial clause ends: before the main clause it leads into
    ("Acknowledging that X, Allen did suggest ...", "Conceding that X he warned: ...")."""
    toks = ctx.tokens
    for k in range(i + 2, hi):
        if ctx.in_quote(k):
            continue
        prev = toks[k - 1]
        if (prev.text == "," or is_mark(prev) and ctx.in_quote(k - 1)) and (
                _attribution_clause(ctx, k, hi) or clause_starts(toks, k, hi) and toks[k].lower not in WH_WORDS):
            return k - 1 if prev.text == "," else k
        if _attribution_clause(ctx, k, hi) and toks[k].tag == "PRP":
            return k
    return hi


def _clause_start(ctx: _Context, i: int, lo: int) -> int:
    """Where the cue's clause may start: its sentence, or the sentence before when the splitter cut the
    subject off ('"...," Sen. Claire McCaskill (D-Mo.)' | 'said.')."""
    toks = ctx.tokens
    j = i - 1
    while j >= lo and is_aux_or_adverb(toks[j]):
        j -= 1
    if j >= lo or lo == 0:
        return lo
    prev = ctx.doc.sentences[toks[lo - 1].sent]
    if prev.paragraph != ctx.doc.sentences[toks[i].sent].paragraph or toks[lo - 1].text in ("!", "?"):
        return lo
    if toks[lo - 1].text == "." and not (lo - 2 >= 0 and toks[lo - 2].tag in NOUN_TAGS | {")"}
                                         and toks[lo - 2].text[:1].isupper() or toks[lo - 2].text == ")"):
        return lo
    return prev.first


def _free_relative(ctx: _Context, att: _Attribution, subject: tuple[int, int], k: int,
                   hi: int) -> _Attribution | None:
    """"what officials called a hate crime": the content is "what" and the name it is given."""
    if k >= hi:
        return None
    if ctx.in_quote(k):
        end = ctx.quote_tokens[ctx.token_quote[k]][1]
    else:
        end = np_with_pps(ctx.tokens, k, hi)
    if end <= k:
        return None
    what = subject[0] - 1
    att.speaker = subject
    att.content = [_chars(ctx, what, what + 1)]
    _add_complement(ctx, att, _Complement(k, min(end, hi), _kind_of(ctx, k, min(end, hi))))
    return att


def _fronted(ctx: _Context, i: int, cue_end: int, entry: CueEntry, lo: int, hi: int, *,
             passive: bool) -> _Attribution | None:
    """"Asked whether ..., Reid said ..." / "when asked about X" / "Pence was asked about X": the question
    is the content; its source is the asker when named ("asked by Starnes"), else unstated."""
    toks = ctx.tokens
    j = i - 1
    while j >= lo and toks[j].tag in ("RB", "RBR"):
        j -= 1
    opening = j < lo or toks[j].lower in ("when", "if", "after", "once", "while") or toks[j].text == ","
    if not (opening or passive):
        return None
    k = cue_end
    speaker = None
    if k + 1 < hi and toks[k].lower == "by":
        speaker = _speaker_right(ctx, k + 1, hi)
        if speaker is None:
            return None
        k = speaker[1]
    if k < hi and toks[k].lower in ("about", "on", "for"):
        k += 1
    if k >= hi or not (toks[k].lower in WH_WORDS or toks[k].lower == "to" or ctx.in_quote(k)
                       or np_right(toks, k, hi) > k):
        return None
    end = k
    while end < hi and not (toks[end].text in (",", ".", ";", "?", "!") and not ctx.in_quote(end)):
        end += 1
    end = _trim_end(ctx, k, end)
    if end <= k:
        return None
    att = _Attribution((i, cue_end), entry.cls, [], "indirect", toks[i].sent, speaker=speaker, lemma=entry.cue,
                       framing=entry.framing, rule="fronted")
    _add_complement(ctx, att, _Complement(k, end, _kind_of(ctx, k, end)))
    return att


def _ends_clause(ctx: _Context, k: int, hi: int) -> bool:
    """Nothing but adjuncts after an inverted speaker: '..., said Kim on Monday.' / '..., said Kim, the ...'."""
    toks = ctx.tokens
    if k >= hi or toks[k].text in (",", ".", "!", "?", ";", ":") or is_mark(toks[k]) or toks[k].text in DASHES:
        return True
    return toks[k].tag in ("IN", "TO", "WRB", "WP") or is_temporal(toks[k]) or toks[k].tag == "RB"


def _after_speaker(ctx: _Context, k: int, hi: int) -> int:
    """Skip an apposition after an inverted speaker: ', said Klein, chairman of the institute, ...'."""
    toks = ctx.tokens
    if k + 1 < hi and toks[k].text == "," and not ctx.in_quote(k + 1) and (
            toks[k + 1].tag in ("DT", "JJ", "NN", "NNP", "CD", "PRP$", "NNS", "JJS") or toks[k + 1].lower == "who"):
        m = k + 1
        while m < hi and not ctx.in_quote(m) and toks[m].text not in (".", "!", "?", ";", ","):
            m += 1
        if m < hi and toks[m].text == "," and _content_resumed(ctx, m, hi) is not None:
            return m  # "And Trump, said Sunshine, who remains friendly with him, doesn't forgive"
        while m < hi and not ctx.in_quote(m) and toks[m].text not in (".", "!", "?", ";"):
            m += 1
        return m  # the apposition (and any relative clause) runs to the end of the sentence
    return k


def _after_closing_mark(ctx: _Context, i: int) -> bool:
    """'"...," declared Kim': the tagger often reads an inverted cue as a participle."""
    j = i - 1
    return j >= 0 and is_mark(ctx.tokens[j]) and ctx.in_quote(j) and ctx.quote_tokens[ctx.token_quote[j]][1] == i


def _be_before(ctx: _Context, i: int, lo: int) -> bool:
    j = i - 1
    while j >= lo and ctx.tokens[j].tag in ("RB", "RBR"):
        j -= 1
    return j >= lo and ctx.tokens[j].lemma == "be" and ctx.tokens[j].tag.startswith("VB")


def _has_aux_before(ctx: _Context, i: int, lo: int) -> bool:
    j = i - 1
    while j >= lo and ctx.tokens[j].tag in ("RB", "RBR"):
        j -= 1
    return j >= lo and ctx.tokens[j].lemma in ("have",) and ctx.tokens[j].tag.startswith("VB")


def _main_subject(ctx: _Context, i: int, lo: int) -> tuple[int, int] | None:
    """The subject of the verb governing a cue without its own: ", saying ...", "continued to assert",
    "released a statement saying" (the nearest finite verb not inside a relative or subordinate clause)."""
    toks = ctx.tokens
    lo = max(lo, i - LOOK_BACK)
    order = range(i - 1, lo - 1, -1)
    if i > lo and toks[i - 1].text == "," or i - 1 > lo and is_mark(toks[i - 1]) and toks[i - 2].text == ",":
        order = range(lo, i)  # ", saying ...": the main clause's verb, not one inside its complement
    for k in order:
        tok = toks[k]
        if tok.tag not in FINITE_TAGS or ctx.in_quote(k):
            continue
        subject = _subject_left(ctx, k, lo)
        if subject is None:
            if tok.lemma in AUXILIARIES or tok.tag == "MD":
                continue
            return None
        before = subject[0] - 1
        if before >= lo and (toks[before].tag in ("WP", "WDT", "WRB") or toks[before].lower in _CLAUSE_LINKS):
            continue  # "what he characterized as ..." / "as he noted ..."
        if toks[subject[0]].lower in ("who", "which", "that"):
            continue
        return subject
    return None


def _head_noun(ctx: _Context, span: tuple[int, int]) -> Token:
    """The head of a noun phrase: its last noun before any preposition ("ads with both outlets" -> ads)."""
    toks = ctx.tokens
    head = toks[span[1] - 1]
    for k in range(span[0], span[1]):
        if toks[k].tag == "IN":
            break
        if toks[k].tag in NOUN_TAGS:
            head = toks[k]
    return head


def _coordinated_gerund(ctx: _Context, i: int, lo: int) -> tuple[int, int] | None:
    """The subject of the gerund a gerund cue is coordinated with: "She is noting ... and saying ..."."""
    toks = ctx.tokens
    for k in range(i - 2, lo - 1, -1):
        if toks[k].tag == "VBG" and not ctx.in_quote(k):
            return _subject_left(ctx, k, lo) or _controller(ctx, k, lo)
    return None


def _controller(ctx: _Context, i: int, lo: int) -> tuple[int, int] | None:
    """The understood subject of an infinitive or gerund cue: "force Sanders to acknowledge" (the object
    of a verb of causing or asking), else the subject of the governing verb ("continued to assert")."""
    toks = ctx.tokens
    j = i - 1
    while j >= lo and toks[j].tag in ("RB", "RBR"):
        j -= 1
    if j >= lo and toks[j].tag == "TO":
        np_start = np_left(toks, j, lo)
        if np_start is not None and np_start - 1 >= lo and toks[np_start - 1].lemma in object_control_verbs() \
                and toks[np_start - 1].tag.startswith("VB"):
            return np_start, j
    if j >= lo and toks[j].text == ",":
        start = np_left(toks, j, lo)
        if start is not None and start == lo:
            return start, j  # "Salceda, citing data from ..., said"
    if j == lo and toks[j].tag == "IN" and toks[j].lower in _FRONTING_PREPOSITIONS:
        return _subject_after_adjunct(ctx, i)  # "After saying X, she was ...": the main clause's subject
    return _main_subject(ctx, i, lo)


#: Prepositions that open a fronted gerund adjunct whose understood subject is the main clause's.
_FRONTING_PREPOSITIONS = frozenset({"after", "before", "while", "since", "upon", "on", "in", "by", "despite", "when"})


def _subject_after_adjunct(ctx: _Context, i: int) -> tuple[int, int] | None:
    """The subject right after the comma that closes a fronted adjunct, if a verb follows it."""
    toks = ctx.tokens
    hi = ctx.doc.sentences[toks[i].sent].last
    k = i + 1
    while k < hi and not (toks[k].text == "," and not ctx.in_quote(k)) \
            and not (is_mark(toks[k]) and toks[k - 1].text == "," and k + 1 < hi and not ctx.in_quote(k + 1)):
        k += 1  # to the comma that closes the adjunct, or the quotation ending in one ('... on," she was')
    start = k + 1
    if start >= hi or ctx.in_quote(start):
        return None
    if toks[start].tag == "PRP" and toks[start].lower in PERSONAL_SUBJECTS:
        end = start + 1
    else:
        end = np_right(toks, start, hi)
    if end <= start or end >= hi or not (toks[end].tag in FINITE_TAGS or toks[end].tag == "MD"):
        return None
    return start, end


def _raising(ctx: _Context, i: int, cue_end: int, entry: CueEntry, lo: int, hi: int) -> _Attribution | None:
    """"X appears to be slipping" / "the bank is expected to act": subject + to-infinitive, no source."""
    toks = ctx.tokens
    k = cue_end
    if k + 1 >= hi or toks[k].tag != "TO" or not toks[k + 1].tag.startswith("VB"):
        return None
    j = i - 1
    while j >= lo and (is_aux_or_adverb(toks[j])):
        j -= 1
    if j < lo or ctx.in_quote(j):
        return None
    start = np_left(toks, j + 1, lo)
    if start is None or toks[j].lower in ("it", "there"):
        return None
    end = _trim_end(ctx, k, _content_end(ctx, k, hi))
    att = _Attribution((i, cue_end), entry.cls, [_chars(ctx, start, j + 1), _chars(ctx, k, end)], "indirect",
                       toks[i].sent, lemma=entry.cue, framing=entry.framing, rule="raise")
    return att


def _add_complement(ctx: _Context, att: _Attribution, comp: _Complement) -> None:
    if comp.quote >= 0:
        att.quotes.add(comp.quote)
        att.content.extend(_quote_pieces(ctx, comp.quote))
    else:
        if comp.last <= comp.first:
            return
        att.content.append(_chars(ctx, comp.first, comp.last))
        for m in range(comp.first, comp.last):
            if ctx.token_quote[m] >= 0:
                att.quotes.add(ctx.token_quote[m])
    if att.kind == "indirect" or comp.kind == "direct" and att.kind != "mixed":
        att.kind = comp.kind if comp.kind != "indirect" or att.kind == "indirect" else att.kind
    if comp.kind == "mixed":
        att.kind = "mixed"


def _quote_pieces(ctx: _Context, q: int) -> list[tuple[int, int]]:
    return list(ctx.quotes[q].pieces)


def _phrase_attributions(ctx: _Context, i: int) -> _Attribution | None:
    """"according to X", "quoted X as saying", "as X put it" starting at token ``i``."""
    toks = ctx.tokens
    entries = ctx.lex.phrases.get(toks[i].lower)
    if not entries:
        return None
    lo, hi = ctx.sentence_bounds(i)
    for entry in entries:
        words = entry.words
        if "..." not in words:
            n = len(words)
            if i + n <= hi and all(toks[i + k].lower == w for k, w in enumerate(words)):
                return _source_after(ctx, i, i + n, entry, lo, hi)
            continue
        gap = words.index("...")
        head, tail = words[:gap], words[gap + 1:]
        if not all(i + k < hi and toks[i + k].lower == w for k, w in enumerate(head)):
            continue
        if entry.role == "quoted-as" and toks[i].tag not in ("VBD", "VBN", "VBZ"):
            continue
        np_start = i + len(head)
        np_end = _speaker_right(ctx, np_start, hi)
        if np_end is None:
            continue
        t0 = np_end[1]
        if not all(t0 + k < hi and (toks[t0 + k].lower == w or toks[t0 + k].lemma == w)
                   for k, w in enumerate(tail)):
            continue
        end = t0 + len(tail)
        if entry.role == "quoted-as":
            return _quoted_as(ctx, i, np_end, end, entry, lo, hi)
        if entry.role == "as-put":
            return _as_put(ctx, i, np_end, end, entry, lo, hi)
    return None


def _source_after(ctx: _Context, i: int, end: int, entry: PhraseEntry, lo: int, hi: int) -> _Attribution | None:
    """"According to X, CONTENT." / "CONTENT, according to X.\""""
    toks = ctx.tokens
    speaker = _speaker_right(ctx, end, hi)
    if speaker is None:
        return None
    sp_end = speaker[1]
    # the source may run on ("the report released by the committee on Tuesday")
    k = sp_end
    while k < hi and toks[k].text not in (",", ".", ";", "!", "?") and not ctx.in_quote(k):
        k += 1
    att = _Attribution((i, end), entry.cls, [], "indirect", toks[i].sent, speaker=speaker, lemma=entry.cue,
                       framing=entry.framing, rule="phrase")
    if i == lo or (i == lo + 1 and toks[lo].tag in ("CC", "RB")):
        if k < hi and toks[k].text == ",":
            c_end = _trim_end(ctx, k + 1, _content_end(ctx, k + 1, hi))
            if c_end > k + 1:
                _add_complement(ctx, att, _Complement(k + 1, c_end, _kind_of(ctx, k + 1, c_end)))
                return att
        return None
    before = _content_before(ctx, i, _last_clause_start(ctx, lo, i))
    if before is None and i > lo:
        before = _Complement(lo, i, _kind_of(ctx, lo, i)) if i - lo >= 3 else None
    if before is None:
        return None
    _add_complement(ctx, att, before)
    if k < hi and toks[k].text == "," and k + 1 < hi:
        resumed = _content_resumed(ctx, k, hi)
        if resumed is not None:
            _add_complement(ctx, att, resumed)
    return att


def _last_clause_start(ctx: _Context, lo: int, i: int) -> int:
    """Where the last clause before ``i`` starts: after a colon, semicolon or opening parenthesis, or at a
    coordinated or relative clause (", and won ...", ", who has been ..."), for "..., according to X"."""
    toks = ctx.tokens
    start = lo
    for k in range(lo, i - 1):
        if ctx.in_quote(k):
            continue
        t = toks[k]
        if t.text in (":", ";", "("):
            start = k + 1
        elif t.text == "," and k + 1 < i - 1 and (toks[k + 1].lower in ("who", "which", "with")
                                                   or toks[k + 1].tag == "CC" and k + 2 < i
                                                   and toks[k + 2].tag in ("VBD", "VBZ", "VBP")):
            start = k + 1 + (toks[k + 1].tag == "CC")
    return start if i - start >= 3 else lo


def _quoted_as(ctx: _Context, i: int, speaker: tuple[int, int], end: int, entry: PhraseEntry, lo: int,
               hi: int) -> _Attribution | None:
    """"The ministry quoted Kim as saying ..." — the speaker is Kim."""
    att = _Attribution((i, end), entry.cls, [], "indirect", ctx.tokens[i].sent, speaker=speaker, lemma=entry.cue,
                       framing=entry.framing, rule="quoted-as")
    att.cue_span = (ctx.tokens[i].start, ctx.tokens[end - 1].end)
    say = CueEntry(("say",), entry.cls, frozenset({"clause"}))
    comp = _complement_after(ctx, end, say, hi)
    if comp is None:
        reporter = _subject_left(ctx, i, lo)
        comp = _content_before(ctx, reporter[0] if reporter else i, lo)
    if comp is None:
        return None
    _add_complement(ctx, att, comp)
    return att


def _as_put(ctx: _Context, i: int, speaker: tuple[int, int], end: int, entry: PhraseEntry, lo: int,
            hi: int) -> _Attribution | None:
    """", as Clinton put it, ..." — content is the clause around the parenthetical."""
    toks = ctx.tokens
    if end < hi and toks[end].text not in (",", ".", ";"):
        return None
    att = _Attribution((i, end), entry.cls, [], "indirect", toks[i].sent, speaker=speaker, lemma=entry.cue,
                       framing=entry.framing, rule="as-put")
    before = _content_before(ctx, i, lo)
    if before is not None:
        _add_complement(ctx, att, before)
    resumed = _content_resumed(ctx, end, hi)
    if resumed is not None:
        _add_complement(ctx, att, resumed)
    return att if att.content else None


def _colon_attribution(ctx: _Context, lo: int, hi: int) -> _Attribution | None:
    """Headline and interview style: 'Warren: Trump Is a "Proven Failure"' / 'Q: And the wall?'."""
    toks = ctx.tokens
    for k in range(lo + 1, min(hi - 1, lo + 7)):
        if toks[k].text == ":":
            break
        if toks[k].tag.startswith("VB") or ctx.in_quote(k) or toks[k].text in (",", ".", "(", ";"):
            return None
    else:
        return None
    if not any(toks[m].tag in ("NNP", "NNPS", "PRP") or toks[m].tag in NOUN_TAGS and toks[m].text[:1].isupper()
               for m in range(lo, k)):
        return None
    if k - lo == 1 and toks[lo].text.isupper() and len(toks[lo].text) > 4:
        return None  # "BUSTED:", "UPDATE:" are labels, not speakers
    if np_left(toks, k, lo) != lo and not (toks[lo].tag == "NNP" and k - lo <= 4
                                            and all(toks[m].tag in ("NNP", "NNPS", "POS", "NN") for m in range(lo, k))):
        return None
    if " ".join(t.lower for t in toks[lo:k]) in heading_labels():
        return None  # "The Latest:", "Wow:", "Answer:" are labels
    start = k + 1
    end = _trim_end(ctx, start, hi)
    if end - start < 2:
        return None
    quoted = ctx.in_quote(start) and ctx.quote_tokens[ctx.token_quote[start]][0] == start
    att = _Attribution((k, k + 1), "speech", [], "indirect", toks[k].sent, speaker=(lo, k), rule="colon")
    q = ctx.token_quote[start] if quoted else -1
    if quoted and ctx.quote_tokens[q][1] >= end:
        _add_complement(ctx, att, _Complement(start, ctx.quote_tokens[q][1], "direct", q))
    else:  # 'Ryan: ‘Anti-Semitic Images’ Have ‘No Place In A Presidential Campaign.’'
        _add_complement(ctx, att, _Complement(start, end, _kind_of(ctx, start, end)))
    return att


# --------------------------------------------------------------------------- document pass


def _sentence_attributions(ctx: _Context, sent_index: int) -> list[_Attribution]:
    sent = ctx.doc.sentences[sent_index]
    out: list[_Attribution] = []
    toks = ctx.tokens
    if sent.last - sent.first > 3 and _title_case(toks, sent.first, sent.last):
        att = _colon_attribution(ctx, sent.first, sent.last)
        if att is not None:  # a headline "Warren: Trump Is a 'Proven Failure'": its verbs are not cues
            return [att]
    for i in range(sent.first, sent.last):
        if ctx.in_quote(i):
            continue
        tok = toks[i]
        att = None
        if tok.lower in ctx.lex.phrases:
            att = _phrase_attributions(ctx, i)
        if att is None and (tok.tag.startswith("VB") or tok.tag in ("NNS", "NN", "JJ")):
            found = _verb_entry(ctx, i)
            if found is not None:
                att = _verb_attribution(ctx, i, found[0], found[1])
        if att is not None and att.content:
            out.append(att)
    if not out and sent.last - sent.first > 3:
        att = _colon_attribution(ctx, sent.first, sent.last)
        if att is not None:
            out.append(att)
    return out


def _title_case(toks: Sequence[Token], first: int, last: int) -> bool:
    """A headline in Title Case: most longer words capitalised."""
    words = [t.text for t in toks[first:last] if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _drop_nested(ctx: _Context, atts: list[_Attribution]) -> list[_Attribution]:
    """Keep an attribution inside another's content only when it reports a different speaker's words."""
    spans = sorted((s, e, n) for n, o in enumerate(atts) for s, e in o.content)
    starts = [s for s, _, _ in spans]
    widest = max((e - s for s, e, _ in spans), default=0)
    keep = []
    for n, att in enumerate(atts):
        cue_start, cue_end = _chars(ctx, *att.cue)
        lo = bisect_right(starts, cue_start - widest - 1)
        hi = bisect_right(starts, cue_end - 1)
        outer = [atts[o] for s, e, o in spans[lo:hi] if o != n and s < cue_end and cue_start < e]
        if not outer:
            keep.append(att)
            continue
        if att.cls in ("speech", "request", "evaluation") and att.speaker is not None \
                and all(o.parenthetical for o in outer):
            keep.append(att)
    # a quotation claimed by its own cue and by a cue in the sentence before: its own wins
    claimed = {q for att in keep if not att.forward for q in att.quotes}
    keep = [att for att in keep if not (att.forward and att.quotes & claimed)]
    # the same cue claimed twice (a phrase and its verb): keep the first
    claimed_tokens: set[int] = set()
    out = []
    for att in keep:
        cue_tokens = range(*att.cue)
        if any(k in claimed_tokens for k in cue_tokens):
            continue
        claimed_tokens.update(cue_tokens)
        out.append(att)
    return out


def _attach_unattributed_quotes(ctx: _Context, atts: list[_Attribution], *, continuation: bool) -> list[_Attribution]:
    """Quotations with no cue of their own get the attribution news convention implies.

    * the pieces of one quotation running over paragraphs share its attribution;
    * a quoted sentence goes with the attribution of its paragraph (the one before it first):
      '"A," he said. "B."';
    * a paragraph that opens with a quotation continues the direct quote that ended the
      paragraph before; it becomes a new attribution with the same cue and speaker.
    """
    doc = ctx.doc
    owner: dict[int, _Attribution] = {q: att for att in atts for q in att.quotes}
    by_cue: dict[tuple[int, int], _Attribution] = {att.cue: att for att in atts}
    added: list[_Attribution] = []
    for q_index, q in enumerate(ctx.quotes):
        if q_index in owner or q.prev >= 0:
            continue
        att = _introduced_quote(ctx, q_index) or _signed_quote(ctx, q_index) or _tagged_quote(ctx, q_index)
        if att is None:
            continue
        same_cue = by_cue.get(att.cue)
        if same_cue is not None:  # '"The border," Kowalski said, "will stay closed."': one attribution
            same_cue.content.extend(att.content)
            same_cue.quotes |= att.quotes
            same_cue.kind = "direct" if same_cue.kind == "direct" else same_cue.kind
            owner[q_index] = same_cue
            continue
        added.append(att)
        by_cue[att.cue] = att
        owner[q_index] = att
    changed = True
    while changed:
        changed = False
        for q_index, q in enumerate(ctx.quotes):
            if q_index in owner:
                continue
            linked = owner.get(q.prev) if q.prev >= 0 else None
            if linked is None and q.next >= 0:
                linked = owner.get(q.next)
            if linked is not None:
                linked.content.extend(q.pieces)
                linked.quotes.add(q_index)
                owner[q_index] = linked
                changed = True
    by_paragraph: dict[int, list[_Attribution]] = {}
    for att in atts + added:
        by_paragraph.setdefault(doc.sentences[att.sentence].paragraph, []).append(att)
    for q_index, q in enumerate(ctx.quotes):
        if q_index in owner:
            continue
        first_tok, last_tok = ctx.quote_tokens[q_index]
        if last_tok <= first_tok or ctx.tokens[first_tok].sent in ctx.skip:
            continue
        sent = doc.sentences[ctx.tokens[first_tok].sent]
        para = sent.paragraph
        if not _sentential(ctx, q_index):
            continue
        same = [a for a in by_paragraph.get(para, []) if a.kind == "direct"] \
            or [a for a in by_paragraph.get(para, []) if a.speaker is not None]
        if same:
            before = [a for a in same if _chars(ctx, *a.cue)[0] < q.start]
            target = before[-1] if before else same[0]
            target.content.extend(q.pieces)
            target.quotes.add(q_index)
            owner[q_index] = target
            continue
        if not continuation:
            continue
        prev = _previous_direct(ctx, by_paragraph, para)
        if prev is not None and _paragraph_starts_with(ctx, para, q_index):
            new = _Attribution(prev.cue, prev.cls, list(q.pieces), "direct", sent.i, speaker=prev.speaker,
                               quotes={q_index}, cue_span=prev.cue_span, speaker_hint=prev.speaker_hint,
                               lemma=prev.lemma, framing=prev.framing, rule="continuation")
            added.append(new)
            by_paragraph.setdefault(para, []).append(new)
            owner[q_index] = new
    return added


def _introduced_quote(ctx: _Context, q_index: int) -> _Attribution | None:
    """A quotation introduced by a colon: 'Trump leaned in and boomed: "..."', 'Clinton released the
    following statement:' + a quoted paragraph, 'More from Blumenthal and Cohen: "..."'."""
    toks = ctx.tokens
    first_tok, _ = ctx.quote_tokens[q_index]
    c = first_tok - 1
    if c >= 1 and toks[c].text == "," and not ctx.in_quote(c) and toks[c].sent not in ctx.skip:
        return _verb_comma_quote(ctx, q_index, c)
    if c < 0 or toks[c].text != ":" or ctx.in_quote(c) or toks[c].sent in ctx.skip:
        return None
    sents = ctx.doc.sentences
    if sents[toks[first_tok].sent].paragraph - sents[toks[c].sent].paragraph > 1:
        return None
    lo = sents[toks[c].sent].first
    verb = None
    for k in range(c - 1, lo - 1, -1):
        if ctx.in_quote(k):
            continue
        if toks[k].tag in ("VBD", "VBZ", "VBP") or toks[k].tag == "VBG" and k > lo and toks[k - 1].text == ",":
            candidate = k
            if toks[k].lemma in AUXILIARIES and k + 1 < c and toks[k + 1].tag.startswith("VB"):
                candidate = k + 1
            if _verb_entry(ctx, candidate) is not None:
                verb = candidate  # a reporting verb wins
                break
            verb = candidate if verb is None else verb  # else the verb nearest the colon
    if verb is not None:
        speaker = _subject_left(ctx, verb, lo) if toks[verb].tag != "VBG" else _controller(ctx, verb, lo)
        if speaker is None and verb > lo and toks[verb - 1].lemma in AUXILIARIES:
            speaker = _subject_left(ctx, verb - 1, lo)
        cue = (verb, verb + 1)
    else:
        start = np_left(toks, c, lo)
        if start is None or not any(toks[m].tag in NOUN_TAGS and toks[m].text[:1].isupper() for m in range(start, c)):
            return None
        speaker, cue = (start, c), (c, c + 1)
    if speaker is None or toks[speaker[0]].lower in ("it", "this", "there", "here"):
        return None
    return _Attribution(cue, "speech", list(ctx.quotes[q_index].pieces), "direct", toks[cue[0]].sent,
                        speaker=speaker, quotes={q_index}, **(_verb_cue(ctx, verb) if verb is not None else {}),
                        rule="introduced")


def _verb_comma_quote(ctx: _Context, q_index: int, c: int) -> _Attribution | None:
    """'Hillary shot back, "..."': a verb with its subject, a comma, then a quotation to the sentence's end."""
    toks = ctx.tokens
    verb = c - 1
    while verb > 0 and toks[verb].tag in ("RP", "RB"):
        verb -= 1
    if toks[verb].tag not in ("VBD", "VBZ") or toks[verb].lemma in AUXILIARIES or ctx.in_quote(verb):
        return None
    lo = ctx.doc.sentences[toks[verb].sent].first
    speaker = _subject_left(ctx, verb, lo)
    if speaker is None or toks[speaker[0]].lower in ("it", "this", "there", "here", "that", "which"):
        return None
    return _Attribution((verb, verb + 1), "speech", list(ctx.quotes[q_index].pieces), "direct", toks[verb].sent,
                        speaker=speaker, quotes={q_index}, **_verb_cue(ctx, verb), rule="verb-comma")


def _signed_quote(ctx: _Context, q_index: int) -> _Attribution | None:
    """A quotation signed with a dash and a name: '"..." — Hillary Clinton', in its paragraph or the next."""
    toks = ctx.tokens
    q = ctx.quotes[q_index]
    last_piece = q_index
    while ctx.quotes[last_piece].next >= 0:
        last_piece = ctx.quotes[last_piece].next
    _, last_tok = ctx.quote_tokens[last_piece]
    k = last_tok
    while k < len(toks) and toks[k].text in (".", ","):
        k += 1
    if k >= len(toks) or toks[k].text not in DASHES:
        return None
    sents = ctx.doc.sentences
    para = sents[toks[k].sent].paragraph
    if para - sents[toks[last_tok - 1].sent].paragraph > 1:
        return None
    p_end = sents[toks[k].sent].last
    speaker = _speaker_right(ctx, k + 1, p_end)
    if speaker is None or not any(toks[m].tag in ("NNP", "NNPS") for m in range(*speaker)):
        return None
    rest = speaker[1]
    while rest < p_end and toks[rest].text in (".", ",", ")"):
        rest += 1
    if rest < p_end and toks[rest].text not in (",",) and rest - speaker[1] < 1 and p_end - rest > 6:
        return None
    return _Attribution((k, k + 1), "speech", list(q.pieces), "direct", toks[k].sent, speaker=speaker,
                        quotes={q_index}, rule="signed")


def _tagged_quote(ctx: _Context, q_index: int) -> _Attribution | None:
    """'"...," Blige sings.' / '"...?" Vitter demanded.': any verb tagging a quotation that ends in a
    comma, question or exclamation mark, with its speaker next to it, is a cue."""
    toks = ctx.tokens
    first_tok, last_tok = ctx.quote_tokens[q_index]
    if last_tok - first_tok < 3 or last_tok >= len(toks):
        return None
    inner = last_tok - 1
    while inner > first_tok and is_mark(toks[inner]):
        inner -= 1
    if toks[inner].text not in (",", "?", "!"):
        return None
    k = last_tok
    if not _same_paragraph(ctx, k, last_tok - 1) or ctx.in_quote(k):
        return None
    hi = ctx.doc.sentences[toks[k].sent].last
    speaker = verb = None
    if toks[k].tag in ("VBD", "VBZ") and toks[k].lemma not in AUXILIARIES:
        verb, speaker = k, _speaker_right(ctx, k + 1, hi)
    else:
        end = k + 1 if toks[k].tag == "PRP" and toks[k].lower in PERSONAL_SUBJECTS else np_right(toks, k, hi)
        while end < hi and toks[end].tag in ("RB",):
            end += 1
        if end > k and end < hi and toks[end].tag in ("VBD", "VBZ") and toks[end].lemma not in AUXILIARIES:
            verb, speaker = end, (k, end)
    if verb is None or speaker is None or not _ends_clause(ctx, max(verb + 1, speaker[1]), hi):
        return None
    return _Attribution((verb, verb + 1), "speech", list(ctx.quotes[q_index].pieces), "direct", toks[verb].sent,
                        speaker=speaker, quotes={q_index}, parenthetical=True, **_verb_cue(ctx, verb),
                        rule="tagged")


def _sentential(ctx: _Context, q_index: int) -> bool:
    """A quotation that is a sentence of its own, or a long clause, not a quoted phrase inside narrative."""
    first_tok, last_tok = ctx.quote_tokens[q_index]
    toks = ctx.tokens
    words = sum(1 for m in range(first_tok, last_tok) if toks[m].text[:1].isalnum())
    sent = ctx.doc.sentences[toks[first_tok].sent]
    if first_tok != sent.first:
        k = first_tok - 1
        if not (toks[k].text in (":", "?", "!") or toks[k].text.endswith(".") or toks[k].text in DASHES):
            return words >= 6 and finite_verb_in(toks, first_tok, last_tok) is not None
    return words >= 3


def _paragraph_starts_with(ctx: _Context, para: int, q_index: int) -> bool:
    ps, _ = ctx.doc.paragraphs[para]
    return ctx.quotes[q_index].start <= ps + 1 or any(s == ps for s, _ in ctx.quotes[q_index].pieces)


def _previous_direct(ctx: _Context, by_para: dict[int, list[_Attribution]], para: int) -> _Attribution | None:
    """The direct quote that is the last attribution of the paragraph just before, if any."""
    prev = by_para.get(para - 1)
    if not prev:
        return None
    last = max(prev, key=lambda a: max(e for _, e in a.content))
    if last.speaker is None:
        return None
    if last.kind == "direct":
        return last
    end = max(e for _, e in last.content)
    ends_quoted = last.kind == "mixed" and ctx.doc.text[end - 1] in "\"”'’"
    ends_paragraph = ctx.doc.paragraphs[para - 1][1] - end <= 2
    if ends_paragraph and last.cls == "speech" and not last.parenthetical:
        return last  # 'Carter said that ... .' then a quoted paragraph: Carter goes on
    return last if ends_quoted and ends_paragraph else None


# --------------------------------------------------------------------------- speakers to actors


def _mentions_in(ctx: _Context, first: int, last: int) -> list[Mention]:
    k = bisect_right(ctx.mention_starts, last - 1)
    out = []
    for m in ctx.mentions[max(0, k - 20):k]:
        if m.first < last and first < m.last:
            out.append(m)
    return out


_KIND_RANK = {"person": 0, "organisation": 1, "country": 2, "place": 3}


def _resolve_speaker(ctx: _Context, speaker: tuple[int, int]) -> list[Mention]:
    """The mentions a speaker span stands for: its head's actor, a pronoun's referent (several for "they"
    said of named people), a relative pronoun's antecedent; empty when the article does not say who."""
    first, last = speaker
    toks = ctx.tokens
    if last - first == 1:
        tok = toks[first]
        low = tok.lower
        if low in PRONOUNS or low in ("we", "i"):
            return [m for m in _mentions_in(ctx, first, last) if m.first == first and m.via in ("pronoun", "author")]
        if low in ("who", "which", "that"):
            resolved = [m for m in _mentions_in(ctx, first, last) if m.first == first and m.via == "pronoun"]
            if resolved:
                return resolved
            j = first - 1
            if j >= 0 and toks[j].text == ",":
                j -= 1
            start = np_left(toks, j + 1, max(0, j - 12)) if j >= 0 else None
            if start is not None:
                found = _mentions_in(ctx, start, j + 1)
                if found:
                    return [min(found, key=lambda m: (_KIND_RANK.get(m.kind, 9), -m.last))]
            return []
    found = [m for m in _mentions_in(ctx, first, last) if m.kind != "place"]
    if first >= 2 and toks[first - 1].lower == "and" and (not found or toks[last - 1].tag in ("NN", "NNS")):
        # "The nominee and his aides said": the conjunct before "and" is the one the article can name
        before = [m for m in _mentions_in(ctx, max(0, first - 8), first - 1) if m.last == first - 1
                  and m.kind != "place"]
        if before:
            return [max(before, key=lambda m: m.last - m.first)]
    if not found:
        return []
    # the head word: before a prepositional phrase ("Member of House panel", "a spokesman for the ministry")
    h = next((p - 1 for p in range(first + 1, last) if toks[p].lower in ("of", "for", "at", "from")
              and toks[p].tag == "IN"), last - 1)
    head = [m for m in found if m.first <= h < m.last] or [m for m in found if m.first <= last - 1 < m.last]
    if head:
        return [max(head, key=lambda m: (m.last - m.first, -_KIND_RANK.get(m.kind, 9)))]
    if toks[last - 1].tag in ("NN", "NNS") and toks[last - 1].text[:1].islower():
        return []  # "Pagliano's lawyer", "Senate leaders": the head is an unresolved description, not the owner
    persons = [m for m in found if m.kind == "person"]
    if persons:
        return [persons[0]]
    return [max(found, key=lambda m: (m.last, -_KIND_RANK.get(m.kind, 9)))]


def _coordinated_speakers(ctx: _Context, speaker: tuple[int, int]) -> list[Mention]:
    """The conjuncts of a coordinated speaker ("Both Russia and North Korea"), else an empty list.

    Each conjunct must be an actor mention, the gaps between them only commas and "and",
    and nothing but a determiner such as "both" before the first.
    """
    first, last = speaker
    found = [m for m in _mentions_in(ctx, first, last) if m.kind != "place" and first <= m.first and m.last <= last]
    top = [m for m in found if not any(o is not m and o.first <= m.first and m.last <= o.last
                                       and (o.last - o.first) > (m.last - m.first) for o in found)]
    top.sort(key=lambda m: m.first)
    if len(top) < 2 or top[-1].last != last:
        return []
    toks = ctx.tokens
    if any(toks[k].tag not in ("DT", "CC") for k in range(first, top[0].first)):
        return []
    joined = False
    for a, b in zip(top, top[1:]):
        gap = [toks[k].lower for k in range(a.last, b.first)]
        if not gap or any(w not in (",", "and", "&") for w in gap):
            return []
        joined = joined or "and" in gap or "&" in gap
    return top if joined else []


def _to_quotes(ctx: _Context, att: _Attribution) -> list[Quote]:
    """The quote of an attribution; one per speaker when several speak together."""
    text = ctx.doc.text
    cs, ce = att.cue_span or _chars(ctx, *att.cue)
    cue = Span(cs, ce, text[cs:ce])
    content = sorted(set(att.content))
    framed = {"cue_lemma": att.lemma, "framing": att.framing}

    def ruled(how: str) -> dict:
        rule = f"{att.rule or 'other'}|speaker:{how}"
        return {**framed, "rule": rule, "confidence": quote_confidence(rule)}

    if att.speaker is None:
        return [Quote(att.kind, content, cue, None, None, None, att.sentence, **ruled("none"))]
    conjuncts = [] if att.speaker_hint is not None else _coordinated_speakers(ctx, att.speaker)
    if conjuncts:
        return [Quote(att.kind, content, cue, Span(m.start, m.end, m.text), m.actor, m.affiliation, att.sentence,
                      _chain(m), **ruled("coordinated")) for m in conjuncts]
    ss, se = _chars(ctx, *att.speaker)
    found = [att.speaker_hint] if att.speaker_hint is not None else _resolve_speaker(ctx, att.speaker)
    span = Span(ss, se, text[ss:se])
    if not found:
        return [Quote(att.kind, content, cue, span, None, None, att.sentence, **ruled("unresolved"))]
    return [Quote(att.kind, content, cue, span, None if m.via == "unnamed" else m.actor, m.affiliation, att.sentence,
                  _chain(m), **ruled(_SPEAKER_VIA.get(m.via, "name"))) for m in found]


#: How a speaker mention was resolved, as a quote's rule says it.
_SPEAKER_VIA = {"pronoun": "pronoun", "reference": "description", "description": "description",
                "unnamed": "unnamed", "author": "author"}
#: Confidence of a rule the development data never showed.
DEFAULT_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _confidence_table() -> dict[str, float]:
    return {row["rule"]: float(row["confidence"]) for row in read_table("quotes/rule_confidence.tsv")}


def quote_confidence(rule: str) -> float:
    """How often quotes of ``rule`` (pattern ``|speaker:`` resolution) were right, content and speaker, on
    the calibration data: the pattern with that speaker resolution, else the pattern, else the
    speaker resolution alone, else :data:`DEFAULT_CONFIDENCE` (``data/quotes/rule_confidence.tsv``).

    >>> 0.0 < quote_confidence("tagged|speaker:name") <= 1.0
    True
    >>> quote_confidence("no-such-pattern|speaker:no-such-way")
    0.5
    """
    table = _confidence_table()
    pattern, _, speaker = rule.partition("|")
    for key in (rule, pattern, speaker):
        if key in table:
            return table[key]
    return DEFAULT_CONFIDENCE


def _chain(m: Mention) -> tuple[tuple[int, int], ...]:
    """What a quote's actor rests on: the speaker mention's own chain, else the mention itself when it
    lies outside the speaker span (a relative pronoun's antecedent)."""
    return m.chain or ((m.start, m.end),)


# --------------------------------------------------------------------------- entry point


def find_quotes(doc: Doc, mentions: Sequence[Mention], *, skip_sentences: Iterable[int] = frozenset(),
                lex: CueLexicon | None = None, continuation: bool = True) -> list[Quote]:
    """Every attribution in a tagged document: direct, mixed and indirect, with cue and speaker.

    ``mentions`` are the document's actor mentions (:func:`toolkit.actors.mentions.find_mentions`);
    ``skip_sentences`` are sentences to leave out (credit lines, boilerplate);
    ``lex`` a cue lexicon (default: the shipped tables); ``continuation`` attributes
    a quoted paragraph with no cue to the speaker of the attributed quote just before it.
    """
    lex = lex or cue_lexicon()
    skip = set(skip_sentences)
    ctx = _context(doc, mentions, lex, skip)
    atts: list[_Attribution] = []
    for sent in doc.sentences:
        if sent.i in skip:
            continue
        atts.extend(_sentence_attributions(ctx, sent.i))
    atts = _drop_nested(ctx, atts)
    atts.extend(_attach_unattributed_quotes(ctx, atts, continuation=continuation))
    quotes = [q for att in atts if att.content for q in _to_quotes(ctx, att)]
    quotes.sort(key=lambda q: (q.content[0][0], q.cue.start if q.cue else 0))
    return quotes
