"""The shallow clause analyser: tag sets, verb groups, noun phrases and clause starts over Penn tags.

No parser is available offline, so every analysis that needs clause structure (who is
the subject of "said", where a reported clause starts, which verb a date belongs to,
who condemned whom) reads it off the POS tags, left to right, in one place:

* the **tag and word sets** every rule shares (:data:`FINITE_TAGS`, :data:`VERB_TAGS`,
  :data:`NOUN_TAGS`, :data:`NOMINAL_TAGS`, :data:`NEGATORS`, :data:`AUX`,
  :data:`SUBORDINATORS`, :data:`LOCATIVE` ...);
* :func:`verb_groups` -- "has not been criticised", "could not confirm", "to boost":
  head verb and lemma, finite or not, tense, modal, passive (a form of *be*/*get* + past
  participle), negated ("not", "n't", "never" inside the group or just before it),
  infinitive, particle;
* noun-phrase extents: :func:`np_left` (the phrase ending at a token, for a subject),
  :func:`np_right` (the phrase with a head noun starting at a token: "South Korea's
  first vice foreign minister Kim Hong-kyun") and :func:`np_extent` (the run of nominal
  words starting at a token, with actor mentions forced in);
* :func:`clause_starts` -- whether a finite clause starts at a token; :func:`clause_segments`
  -- a sentence cut into clause segments (punctuation, subordinators, coordinated clauses);
  :func:`is_break` -- the tokens that end a clause for every purpose;
* :func:`subject_left` -- THE subject finder: the subject noun phrase of a verb as a token
  span, with keyword policies for what each analysis needs: ``take="nearest"`` (read
  leftwards across auxiliaries, time phrases, asides and coordination; the quote finder)
  or ``take="first"`` (the clause's first noun phrase no preposition or verb governs;
  stance), ``relative=`` (a relative pronoun is its own subject or stands for its
  antecedent), quotations to stay out of, which coordinated verb to prefer. Its parts
  are shared: :func:`clause_opening`, :func:`governed`, :func:`relative_antecedent`,
  :func:`skip_adjuncts_left`;
* :func:`span_mentions` / :func:`head_mention` -- from a subject span to the actor
  mentions it stands for (its head, each coordinated head, or all), over any
  "mention at token" callback, so the text layer needs no actor types.

The word lists behind the sets are data files read by :mod:`toolkit.text.lexicon`
(``data/lexicon/time_words.tsv``, ``data/lexicon/object_control_verbs.txt``).

Indices are token indices into the :class:`~toolkit.text.tokens.Doc`; functions take a
bound (``lo``/``hi``) that they never cross.

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("South Korea's foreign ministry said the troops were not withdrawn.")
    >>> np_right(doc.tokens, 0, len(doc.tokens)), np_left(doc.tokens, 5, 0)
    (5, 0)
    >>> clause_starts(doc.tokens, 6, len(doc.tokens))
    True
    >>> [(g.lemma, g.tense, g.passive, g.negated) for g in verb_groups(doc.tokens, 0, len(doc.tokens))]
    [('say', 'past', False, False), ('withdraw', 'past', True, True)]
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from toolkit.text.lexicon import object_control_verbs, time_words
from toolkit.text.tokens import Token

__all__ = [
    # tag and word sets
    "NOUN_TAGS", "VERB_TAGS", "FINITE_TAGS", "NOMINAL_TAGS", "NEGATORS", "AUX", "MODALS", "AUXILIARIES",
    "SUBORDINATORS", "ADVERBIAL_SUBORDINATORS", "PREPOSITION_SUBORDINATORS", "CLAUSE_OPENERS", "LOCATIVE",
    "CIRCUMSTANTIAL", "WH_WORDS", "PERSONAL_SUBJECTS", "SUBJECT_PRONOUNS", "HARD_STOPS", "SEGMENT_PUNCT",
    "QUOTE_MARKS", "DASHES", "TEMPORAL", "FUNCTION_WORDS", "LOOK_BACK", "time_words", "object_control_verbs",
    # token tests
    "is_break", "is_finite", "is_mark", "is_aux_or_adverb", "is_temporal", "name_like", "infinitive_at",
    "is_complementizer", "finite_verb_in",
    # structure
    "VerbGroup", "verb_groups", "np_left", "np_right", "np_with_pps", "np_extent", "clause_starts", "Segments",
    "clause_segments", "subject_left", "coordinated_verb", "clause_opening", "governed", "relative_antecedent",
    "skip_adjuncts_left", "head_mention", "span_mentions", "Extent", "SPEAKER_NOUNS",
]

# --------------------------------------------------------------------------- tag and word sets

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Tags of the words a noun phrase is made of (determiners, adjectives, nouns, numbers, possessives).
NOMINAL_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "PRP$", "POS"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "cannot", "without"})
#: Lemmas of the auxiliary verbs (``get`` for the get-passive: "got arrested").
AUX = frozenset({"be", "have", "do", "get"})
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
AUXILIARIES = AUX | MODALS
FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo"})
CONDITIONAL_MODALS = frozenset({"would", "'d"})
#: Words opening an adverbial clause ("while Bush said ...", "because it ...").
ADVERBIAL_SUBORDINATORS = frozenset({"while", "whereas", "although", "though", "because", "as", "since", "if",
                                     "when", "unless", "so"})
#: Words opening a subordinate clause: complementizers, adverbial subordinators, relative words.
SUBORDINATORS = ADVERBIAL_SUBORDINATORS | frozenset({"that", "whether", "who", "which", "whom", "whose", "where",
                                                     "after", "before", "until"})
#: Prepositions after which a country's name is a place ("in Seoul", "from Russia").
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "into", "throughout", "from",
                      "via", "toward", "towards", "within"})
#: Prepositions that open a circumstance rather than an argument ("during the talks", "despite Seoul's protest").
CIRCUMSTANTIAL = frozenset({"during", "since", "after", "before", "until", "amid", "among", "under", "over",
                            "beyond", "through", "onto", "upon", "like", "despite"})
WH_WORDS = frozenset({"what", "whether", "why", "how", "when", "where", "who", "whom", "which", "if"})
PERSONAL_SUBJECTS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
#: Words that can be a clause's whole subject.
SUBJECT_PRONOUNS = PERSONAL_SUBJECTS | frozenset({"there", "this", "that", "these", "those", "nobody", "everyone",
                                                  "everybody", "someone", "somebody", "no", "none", "one", "all",
                                                  "both", "neither", "each", "many", "some", "most", "few"})
HARD_STOPS = frozenset({";", ":", "``", "''", "(", ")", "--", "“", "”", '"', "—", "–"})
QUOTE_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "''", "``", "«", "»"})
DASHES = frozenset({"—", "–", "--", "-", "―"})
#: Time words and adverbs that stand where a time adjunct stands ("Kim on Monday said", "also said").
TEMPORAL = time_words("weekday", "day", "relative", "deictic", "adverb", "noun")
_TIME_NOUNS = time_words("noun")
_TIME_STARTS = time_words("weekday", "day", "relative")  # start an adjunct, not a clause ("said Monday the ...")
#: Words that never head a subject even when capitalised (a sentence-initial "However", "Asked").
FUNCTION_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i",
                            "you", "who", "which", "what", "there", "here", "but", "and", "or", "if", "when",
                            "while", "as", "so", "then", "also", "however", "still", "yet", "now", "today",
                            "instead", "meanwhile", "asked", "nor", "both", "all", "some", "many", "most"})
#: Normalised tokens (``Token.norm``) that end one clause segment and open the next.
SEGMENT_PUNCT = frozenset({",", ";", ":", "--", "(", ")", "``", "''", "-LRB-", "-RRB-"})
#: Prepositions that open a clause when a finite verb follows ("after he left", "since it began").
PREPOSITION_SUBORDINATORS = frozenset({"after", "before", "until", "till", "since", "once", "as"})
#: Words that open a subordinate clause wherever they stand: complementizers, wh-words and the
#: subordinators that are not also prepositions (those open a clause only before a finite verb).
CLAUSE_OPENERS = (SUBORDINATORS - PREPOSITION_SUBORDINATORS - {"so"}) | {"what", "why", "how"}
#: Tokens to look back for a governing or coordinated verb.
LOOK_BACK = 60
_BREAK_TAGS = frozenset({":", "``", "''", "(", ")"})
_BE_GET = frozenset({"be", "get"})
_ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
_NP_INNER = frozenset({"DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "VBN",
                       "VBG", "FW"})
_NP_OPENERS = frozenset({"DT", "PDT", "PRP$"})
_PARTICLE_VERBS = frozenset({"call", "lash", "hit", "team", "speak"})  # "called in", "lashed out": read as IN


def is_finite(tok: Token) -> bool:
    """A finite verb or modal ("said", "says", "say" after a subject, "will", "cannot")."""
    return tok.tag in FINITE_TAGS or tok.lower in ("cannot", "can't", "won't")


def is_break(tok: Token) -> bool:
    """A token that ends a clause for every purpose: quote marks, brackets, dashes, semicolons, colons."""
    return tok.text in HARD_STOPS or tok.tag in _BREAK_TAGS


def is_mark(tok: Token) -> bool:
    """A quotation mark, straight, curly or angled."""
    return tok.text in QUOTE_MARKS


def is_aux_or_adverb(tok: Token) -> bool:
    """An adverb, a modal or an auxiliary: what stands between a subject and its verb ("has also said")."""
    return (tok.tag in ("RB", "RBR", "MD") or tok.lower in ("not", "n't", "also", "never")
            or (tok.tag.startswith("VB") and tok.lemma in AUXILIARIES))


def is_temporal(tok: Token) -> bool:
    """A time word or a number ("Monday", "earlier", "week", "2016")."""
    return tok.lower in TEMPORAL or (tok.tag == "CD" and tok.text.isdigit())


def name_like(tok: Token) -> bool:
    """A capitalised word the tagger misread ("Weaver"/WDT, "Jolly"/RB) that can head a subject."""
    return tok.text[:1].isupper() and tok.text[1:2].islower() and tok.lower not in FUNCTION_WORDS \
        and tok.text.isalpha()


def finite_verb_in(tokens: Sequence[Token], start: int, hi: int) -> int | None:
    """Index of the first finite verb in ``[start, hi)``, or None."""
    for k in range(start, hi):
        if tokens[k].tag in FINITE_TAGS:
            return k
    return None


# --------------------------------------------------------------------------- verb groups


@dataclass(slots=True)
class VerbGroup:
    """A verb group ``tokens[first:last]`` whose main verb is ``tokens[head]``.

    ``tense`` (finite groups only) is past, present, perfect, pluperfect, future,
    conditional or modal; ``modal`` the modal that opens the group ("could").
    """

    first: int
    last: int
    head: int
    lemma: str
    finite: bool
    passive: bool
    negated: bool
    infinitive: bool  # "to boost"
    particle: str | None = None  # "in" of "called in", "out" of "lashed out"
    tense: str | None = None
    modal: str | None = None
    #: a base form right after a noun phrase that is not finite but is its subject: the object of the verb
    #: before ("made them pay", "helped Ukraine win") or after an inverted auxiliary ("can you imagine")
    bare: bool = False

    @property
    def clause_head(self) -> bool:
        """The group has its own subject before it: finite, or a bare infinitive after its subject."""
        return self.finite or self.bare


def verb_groups(tokens: Sequence[Token], lo: int, hi: int, *, verbs: frozenset[int] = frozenset(),
                transparent: Collection[int] = frozenset()) -> list[VerbGroup]:
    """Verb groups of ``tokens[lo:hi]`` (one sentence), in order.

    A group is a main verb with its auxiliaries, modals and the adverbs between them
    ("has not been criticised", "could not confirm", "is going to visit"), or a
    to-infinitive ("to boost"). It is negated when a negator stands inside it or right
    before it ("never said"), or right after an auxiliary the tagger left without its
    verb ("did not comment" with *comment* read as a noun). It is finite when it opens
    with a finite verb or a modal, or with a base form after a subject (a mistagged
    present) or at the start of the sentence (an imperative).

    ``verbs`` are token indices to read as finite verbs whatever their tag (a headline's
    "South Korea summons Russian envoy", where the tagger says NNS); ``transparent`` are
    token indices read through like adverbs (a date inside a group: "will on Monday meet").

    >>> from toolkit.text.tagging import process
    >>> doc = process("Seoul has not been consulted and will protest.")
    >>> [(g.lemma, g.tense, g.passive, g.negated) for g in verb_groups(doc.tokens, 0, len(doc.tokens))]
    [('consult', 'perfect', True, True), ('protest', 'future', False, False)]
    >>> doc = process("He cannot say whether she is going to visit.")
    >>> [(g.lemma, g.tense, g.negated) for g in verb_groups(doc.tokens, 0, len(doc.tokens))]
    [('say', 'modal', True), ('visit', 'future', False)]
    """
    groups: list[VerbGroup] = []
    k = lo
    while k < hi:
        tok = tokens[k]
        if k in verbs:
            particle = tokens[k + 1].lower if k + 1 < hi and tokens[k + 1].tag == "RP" else None
            groups.append(VerbGroup(k, k + 1, k, tok.lemma, True, False, False, False, particle, "present"))
            k += 1
            continue
        infinitive = tok.tag == "TO" and infinitive_at(tokens, k, hi)
        if not infinitive and tok.tag not in VERB_TAGS:
            k += 1
            continue
        first = k
        j = k + 1 if infinitive else k
        head = None
        negated = k > lo and tokens[k - 1].lower in NEGATORS
        while j < hi:
            t = tokens[j]
            if t.tag in VERB_TAGS:
                if head is not None and not (_auxiliary(tokens[head]) or tokens[j - 1].tag == "TO"):
                    break  # two main verbs in a row: a new group
                head = j
                negated = negated or t.lower in NEGATORS  # "cannot"
            elif t.tag in _ADVERB_TAGS or t.lower in NEGATORS or j in transparent:
                # an adverb stays inside the group only between an auxiliary and its verb ("has not been")
                nxt = j + 1
                while nxt < hi and (tokens[nxt].tag in _ADVERB_TAGS or nxt in transparent):
                    nxt += 1
                auxiliary = head is None or _auxiliary(tokens[head])
                if not (auxiliary and nxt < hi and tokens[nxt].tag in VERB_TAGS):
                    if head is not None and tokens[head].lemma in AUX and t.lower in NEGATORS:
                        negated = True  # "did not comment", the verb read as a noun
                    break
                if t.lower in NEGATORS:
                    negated = True
            elif t.tag == "TO" and head is not None and j + 1 < hi and tokens[j + 1].tag == "VB" and (
                    tokens[head].lower == "going" or tokens[head].lemma == "be" and tokens[head].tag in ("VBZ", "VBP")):
                pass  # "is going to visit", "is to visit": one future group (not "if X were to send": irrealis)
            else:
                break
            j += 1
        if head is None:
            k = j if j > k else k + 1
            continue
        last = head + 1
        verb_tokens = [x for x in range(first, last) if tokens[x].tag in VERB_TAGS]
        lemmas = [tokens[x].lemma for x in verb_tokens]
        passive = tokens[head].tag == "VBN" and any(lm in _BE_GET for lm in lemmas[:-1])
        particle = None
        if last < hi and tokens[last].tag == "RP":
            particle = tokens[last].lower
        elif last < hi and tokens[last].lower in ("in", "out", "on", "up", "upon") and tokens[head].lemma in \
                _PARTICLE_VERBS:
            particle = tokens[last].lower
        opener = tokens[first]
        base = opener.tag == "VB" and not infinitive
        finite = opener.tag in FINITE_TAGS or base and (first == lo or _after_subject(tokens, first, lo))
        bare = base and not finite and _after_noun(tokens, first, lo)
        modal = ("can" if opener.lower == "cannot" else opener.lower) if _modal(opener) else None
        going_to = any(tokens[x].tag == "TO" for x in range(first + 1, last))
        tense = _tense(tokens, verb_tokens, modal, going_to=going_to) if finite else None
        groups.append(VerbGroup(first, last, head, tokens[head].lemma, finite, passive, negated, infinitive,
                                particle, tense, modal, bare))
        k = last
    return groups


def _after_subject(tokens: Sequence[Token], k: int, lo: int) -> bool:
    """A base form at ``k`` right after its subject (a present the tagger read as VB: "they say"); not after
    an object ("make them pay", "let Trump speak") or an inverted auxiliary ("can you imagine")."""
    if not _after_noun(tokens, k, lo):
        return False
    start = np_left(tokens, k, lo)
    start = k - 1 if start is None else start
    return not (start > lo and tokens[start - 1].tag in VERB_TAGS)


def _after_noun(tokens: Sequence[Token], k: int, lo: int) -> bool:
    return k > lo and tokens[k - 1].tag in ("PRP", "NNS", "NNP", "NNPS", "NN")


def _modal(tok: Token) -> bool:
    return tok.tag == "MD" or tok.lower == "cannot"


def _auxiliary(tok: Token) -> bool:
    """A verb that takes another verb in its group: a modal, be/have/do/get."""
    return _modal(tok) or tok.lemma in AUX


def _tense(tokens: Sequence[Token], verbs: Sequence[int], modal: str | None, *, going_to: bool = False) -> str:
    """The tense of a finite group from its verbs: "had left" pluperfect, "has left" perfect, "will" or
    "is going to" future."""
    first = tokens[verbs[0]]
    if modal is not None:
        return "future" if modal in FUTURE_MODALS else "conditional" if modal in CONDITIONAL_MODALS else "modal"
    if going_to:
        return "future"
    if first.tag == "VBD":
        return "pluperfect" if first.lemma == "have" and len(verbs) > 1 else "past"
    if first.lemma == "have" and len(verbs) > 1 and tokens[verbs[1]].tag in ("VBN", "VBD"):
        return "perfect"  # a past form after "has" is a participle the tagger misread
    return "present"


def infinitive_at(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """A to-infinitive starts at ``k``: "to act", "to directly answer"."""
    if k >= hi or tokens[k].tag != "TO":
        return False
    m = k + 1
    while m < hi and tokens[m].tag in ("RB", "RBR"):
        m += 1
    return m < hi and tokens[m].tag == "VB"


def is_complementizer(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """"that" introducing a clause, not a relative pronoun ("a crowd that spilled out")."""
    return tokens[k].lower == "that" and k + 1 < hi and tokens[k + 1].tag not in FINITE_TAGS


# --------------------------------------------------------------------------- noun phrases


def _np_head_ok(tok: Token) -> bool:
    return tok.tag in NOUN_TAGS or tok.tag in ("PRP", "CD", "EX") or tok.text in (")",) \
        or tok.lower in ("who", "which", "that")


def _possessor(prev: Token, pos: Token) -> bool:
    """A possessive marker attached to the word before it ("Korea 's", "voters '"), not a quotation mark."""
    return prev.end == pos.start and (prev.tag in NOUN_TAGS or prev.tag in ("CD", "PRP")) \
        and (pos.text[-1:] in "sS" or prev.text[-1:] in "sSzZ")


def np_left(tokens: Sequence[Token], end: int, lo: int) -> int | None:
    """Start of the noun phrase that ends just before ``end`` (None if ``tokens[end-1]`` ends none).

    Walks left over modifiers, possessives ("South Korea 's foreign ministry") and a
    parenthetical party label ("Sen. Claire McCaskill (D-Mo.)"); stops at a determiner.

    >>> from toolkit.text.tagging import process
    >>> doc = process("Sen. Claire McCaskill (D-Mo.) said it.")
    >>> doc.tokens[np_left(doc.tokens, 7, 0)].text
    'Sen.'
    """
    j = end - 1
    if j < lo:
        return None
    if tokens[j].text == ")":
        k = j - 1
        while k > lo and tokens[k].text != "(" and j - k < 8:
            k -= 1
        if tokens[k].text != "(" or k - 1 < lo:
            return None
        j = k - 1
    tok = tokens[j]
    if tok.tag in ("PRP", "EX") or tok.lower in ("who", "which"):
        return j
    if not _np_head_ok(tok) and tok.tag not in ("JJ", "VBN", "VBG"):
        return None
    start = j
    k = j - 1
    while k >= lo:
        t = tokens[k]
        if t.tag in _NP_OPENERS:
            start = k
            break
        if t.tag == "POS" and not (k > lo and _possessor(tokens[k - 1], t)):
            break
        if t.tag in _NP_INNER or (t.text in ("&", "-") and k > lo) or (t.tag == "CC" and t.text == "&"):
            if t.tag in ("VBN", "VBG") and not (k - 1 >= lo and tokens[k - 1].tag in _NP_INNER):
                break
            start = k
            k -= 1
            continue
        break
    return start


def np_right(tokens: Sequence[Token], start: int, hi: int) -> int:
    """End (exclusive) of the noun phrase starting at ``start``; ``start`` itself when none starts there.

    Takes determiners, adjectives, nouns, numbers and possessive chains
    ("South Korea's first vice foreign minister Kim Hong-kyun"), and needs a head noun.

    >>> from toolkit.text.tagging import process
    >>> doc = process("said the former director of the institute")
    >>> np_right(doc.tokens, 1, len(doc.tokens))
    4
    """
    i = start
    if i >= hi:
        return start
    tok = tokens[i]
    if tok.tag in ("PRP", "EX"):
        return i + 1
    seen_head = False
    while i < hi:
        t = tokens[i]
        if t.tag in _NP_OPENERS and (i == start or tokens[i - 1].tag == "POS"):
            i += 1
            continue
        if t.tag in ("JJ", "JJR", "JJS", "CD", "VBN", "VBG") and not seen_head:
            i += 1
            continue
        if t.tag in NOUN_TAGS or (t.tag == "FW"):
            seen_head = True
            i += 1
            continue
        if t.tag in ("JJ", "CD") and seen_head and i + 1 < hi and tokens[i + 1].tag in NOUN_TAGS:
            i += 1
            continue
        if t.tag == "POS" and seen_head and _possessor(tokens[i - 1], t):
            seen_head = False
            i += 1
            continue
        if t.text == "(" and seen_head:  # party label "(D-Mo.)"
            k = i + 1
            while k < hi and tokens[k].text != ")" and k - i < 8:
                k += 1
            if k < hi and tokens[k].text == ")":
                i = k + 1
                continue
        break
    # Do not end on a bare determiner or adjective run without a head noun.
    while i > start and tokens[i - 1].tag in ("DT", "PDT", "PRP$", "POS"):
        i -= 1
    if i > start and not any(tokens[k].tag in NOUN_TAGS or tokens[k].tag in ("CD", "FW")
                             for k in range(start, i)):
        return start
    return i


def np_with_pps(tokens: Sequence[Token], start: int, hi: int, *, prepositions: Collection[str] | None = None
                ) -> int:
    """End (exclusive) of the noun phrase at ``start`` with the prepositional phrases after it ("his standing in
    the crowded field", "a spokesman for the ministry"); ``start`` when no noun phrase starts there.

    ``prepositions`` are the ones that attach (default: any preposition but *that*, *as*, *because*).

    >>> from toolkit.text.tagging import process
    >>> doc = process("a spokesman for the ministry in Seoul said")
    >>> np_with_pps(doc.tokens, 0, len(doc.tokens)), np_with_pps(doc.tokens, 0, len(doc.tokens), prepositions={"for"})
    (7, 5)
    """
    end = np_right(tokens, start, hi)
    while end > start and end + 1 < hi and _attaches(tokens[end], prepositions) \
            and np_right(tokens, end + 1, hi) > end + 1:
        end = np_right(tokens, end + 1, hi)
    return end


def _attaches(tok: Token, prepositions: Collection[str] | None) -> bool:
    if prepositions is None:
        return tok.tag == "IN" and tok.lower not in ("that", "as", "because")
    return tok.lower in prepositions


def np_extent(tokens: Sequence[Token], k: int, hi: int, *, inside: Sequence[bool] | None = None) -> int:
    """End (exclusive) of the run of nominal words starting at ``k``; ``k`` itself if none starts there.

    Looser than :func:`np_right`: no head noun is needed and determiners may follow one
    another ("the illegal military cooperation", "a growing rift"); ``inside[j]`` true
    forces token ``j`` into the phrase (it belongs to an actor mention).

    >>> from toolkit.text.tagging import process
    >>> doc = process("a growing rift with Seoul")
    >>> np_extent(doc.tokens, 0, len(doc.tokens))
    3
    """
    j = k
    while j < hi:
        t = tokens[j]
        if (inside is not None and inside[j]) or t.tag in NOMINAL_TAGS:
            j += 1
        elif t.tag in ("VBN", "VBG") and j > k and j + 1 < hi and tokens[j + 1].tag in ("NN", "NNS", "JJ"):
            j += 1  # "the illegal military cooperation", "a growing rift"
        elif t.tag == "HYPH" or (t.text == "-" and j > k) or (
                t.text == "/" and j > k and j + 1 < hi and tokens[j + 1].tag in NOUN_TAGS):  # "Reuters/Ipsos"
            j += 1
        else:
            break
    return j


# --------------------------------------------------------------------------- clauses


def clause_starts(tokens: Sequence[Token], start: int, hi: int, *, window: int = 25) -> bool:
    """True when a finite clause starts at ``start``: "that"/a wh-word, or a subject then a finite verb.

    The subject may carry prepositional phrases ("the participation of North Korean
    troops in the war violated ..."); quotation marks are looked through; a comma
    or a clause-ending mark before the verb means no clause starts here; a time word
    ("Monday", "last") starts an adjunct, not a clause.
    """
    if start >= hi:
        return False
    tok = tokens[start]
    low = tok.lower
    if low == "that":
        return is_complementizer(tokens, start, hi)
    if low in WH_WORDS:
        return True
    if low in _TIME_STARTS:
        return False
    if tok.tag in ("PRP", "EX") or low in SUBJECT_PRONOUNS:
        nxt = start + 1
        while nxt < hi and (tokens[nxt].tag in ("RB",) or tokens[nxt].text in QUOTE_MARKS):
            nxt += 1
        if nxt < hi and is_finite(tokens[nxt]):
            return True
        if tok.tag in ("PRP", "EX"):
            return False
    end = np_right(tokens, start, hi)
    if end == start:
        return False
    for k in range(end, min(hi, start + window)):
        t = tokens[k]
        if is_finite(t):
            return True
        if t.text in (";", ":", ",", ".", "!", "?") or t.tag in ("VB",):
            return False
    return False


@dataclass(slots=True)
class Segments:
    """A sentence cut into clause segments: segment ``i`` is ``tokens[start[i]:end[i]]``, opened by a token of
    ``kind`` (start, punct, sub or coord) whose word is ``opener``; ``of[k]`` is the segment of token ``k``."""

    start: list[int]
    end: list[int]
    kind: list[str]
    opener: list[str | None]
    of: dict[int, int]


def clause_segments(tokens: Sequence[Token], lo: int, hi: int, groups: Sequence[VerbGroup], *,
                    subordinators: Collection[str] = CLAUSE_OPENERS,
                    transparent: Collection[int] = frozenset()) -> Segments:
    """Cut ``tokens[lo:hi]`` into clause segments at punctuation, subordinators and coordinated clauses.

    A segment opens at a comma, colon, bracket, dash or quotation mark (punct); at one of
    ``subordinators``, or a preposition followed by a finite verb ("after he left") (sub);
    and at *and*/*but* before a verb or, once the segment has a finite verb, before a
    new finite clause (coord). ``groups`` are the sentence's :func:`verb_groups`;
    ``transparent`` tokens (a date) are never openers and are looked through after a
    conjunction ("and on Sunday called").

    >>> from toolkit.text.tagging import process
    >>> doc = process("Kim, the envoy, said that talks failed and urged calm.")
    >>> segs = clause_segments(doc.tokens, 0, len(doc.tokens), verb_groups(doc.tokens, 0, len(doc.tokens)))
    >>> list(zip(segs.kind, segs.opener))
    [('start', None), ('punct', ','), ('punct', ','), ('sub', 'that'), ('coord', 'and')]
    """
    group_at = {k: gi for gi, g in enumerate(groups) for k in range(g.first, g.last)}

    def finite_start_within(k: int, reach: int) -> bool:
        for j in range(k, min(hi, k + reach)):
            if tokens[j].norm in SEGMENT_PUNCT:
                return False
            gi = group_at.get(j)
            if gi is not None and groups[gi].finite and groups[gi].first == j:
                return True
        return False

    segs = Segments([lo], [], ["start"], [None], {})
    has_finite = False

    def open_segment(k: int, kind: str, opener: str) -> None:
        nonlocal has_finite
        segs.end.append(k)
        segs.start.append(k)
        segs.kind.append(kind)
        segs.opener.append(opener)
        has_finite = False

    for k in range(lo, hi):
        t = tokens[k]
        low = t.lower
        if t.norm in SEGMENT_PUNCT or t.tag in (",", ":"):
            open_segment(k, "punct", t.norm)
        elif low in subordinators and t.tag in ("IN", "WDT", "WP", "WP$", "WRB") and k not in transparent:
            open_segment(k, "sub", low)
        elif low in PREPOSITION_SUBORDINATORS and t.tag == "IN" and finite_start_within(k + 1, 6):
            open_segment(k, "sub", low)
        elif t.tag == "CC" and k > lo:
            nxt = k + 1
            while nxt < hi and (tokens[nxt].tag in ("RB", "RBR") or nxt in transparent or
                                (tokens[nxt].tag == "IN" and nxt + 1 in transparent)):
                nxt += 1
            if nxt < hi and tokens[nxt].tag in VERB_TAGS:
                open_segment(k, "coord", low)
            elif has_finite and finite_start_within(k + 1, 8):
                open_segment(k, "coord", low)
        segs.of[k] = len(segs.start) - 1
        gi = group_at.get(k)
        if gi is not None and groups[gi].finite:
            has_finite = True
    segs.end.append(hi)
    return segs


# --------------------------------------------------------------------------- subjects

Span = tuple[int, int]


def _in(quoted: Sequence[int] | None, k: int) -> bool:
    return quoted is not None and quoted[k] >= 0


def _quote_ends(quoted: Sequence[int] | None, k: int) -> bool:
    """Token ``k`` is the last token of its quotation."""
    return _in(quoted, k) and (k + 1 >= len(quoted) or quoted[k + 1] != quoted[k])


class Extent(Protocol):
    """What a subject finder needs of an actor mention: its token range ``[first, last)``."""

    @property
    def first(self) -> int: ...

    @property
    def last(self) -> int: ...


M = TypeVar("M", bound=Extent)


@dataclass(frozen=True, slots=True)
class _Policy:
    quoted: Sequence[int] | None
    prefer: Callable[[int], bool] | None
    asides: bool
    relative: str
    inside: Sequence[int] | None
    mention_at: Callable[[int], Extent | None] | None


def subject_left(tokens: Sequence[Token], verb: int, lo: int, *, quoted: Sequence[int] | None = None,
                 prefer: Callable[[int], bool] | None = None, asides: bool = True, take: str = "nearest",
                 since: int | None = None, after_reporting: bool = False, relative: str = "pronoun",
                 inside: Sequence[int] | None = None, mention_at: Callable[[int], Extent | None] | None = None
                 ) -> Span | None:
    """The subject noun phrase of the verb at ``verb`` (a token range), looking left no further than ``lo``.

    The one subject finder: what differs between the analyses is a keyword policy.

    ``take="nearest"`` (the quote finder) reads leftwards from the verb to the nearest
    noun phrase. It looks back over auxiliaries, adverbs and a time phrase ("Kim on
    Monday said"), across an apposition or aside when ``asides`` ("Sanders, a Vermont
    senator, has supported"; "Trump, speaking at a rally in Wilmington, N.C., warned"),
    and to the subject of an earlier verb for a coordinated one ("... condemned X and
    urged Y"; of those the nearest one ``prefer`` accepts, a reporting verb for the
    quote finder). It takes in of-phrases and lists ("a spokesman for the ministry",
    "France, Germany and Italy"). ``quoted`` gives each token's quotation index (-1
    outside one): no subject is read inside a quotation.

    ``take="first"`` (stance) reads rightwards from where the verb's clause opens (the
    nearest clause break or subordinator after ``since``, default ``lo``; see
    :func:`clause_opening`) and takes the first noun phrase that no preposition or verb
    governs, with its "and" conjuncts ("Both Russia and North Korea"); a name after a
    governed time phrase starts the subject ("In recent weeks Rubio had ..."). When the
    clause opens right after a reporting verb (``after_reporting``) the first noun
    phrase is the reported clause's subject, not the verb's object ("said Russia had").
    ``inside`` (a flag per token) and ``mention_at`` (the actor mention at a token, or
    None) keep actor mentions whole.

    ``relative`` says what a relative pronoun before the verb stands for: ``"pronoun"``
    itself ("who"), ``"antecedent"`` the noun phrase it refers to (:func:`relative_antecedent`).
    Map a span onto actor mentions with :func:`span_mentions`.

    >>> from toolkit.text.tagging import process
    >>> doc = process("Sanders, a Vermont senator, has long supported a spokesman for the ministry.")
    >>> subject_left(doc.tokens, 8, 0)
    (0, 1)
    >>> doc = process("A spokesman for the ministry on Monday said it.")
    >>> subject_left(doc.tokens, 7, 0)
    (0, 5)
    >>> doc = process("The foreign minister, who arrived on Monday, said it.")
    >>> subject_left(doc.tokens, 5, 0), subject_left(doc.tokens, 5, 0, relative="antecedent")
    ((4, 5), (0, 3))
    >>> doc = process("The ambassador to Greece said it.")
    >>> subject_left(doc.tokens, 4, 0), subject_left(doc.tokens, 4, 0, take="first")
    ((3, 4), (0, 2))
    >>> doc = process("Kim said Russia had left.")
    >>> [subject_left(doc.tokens, 3, 0, take="first", since=2, after_reporting=a) for a in (True, False)]
    [(2, 3), None]
    """
    policy = _Policy(quoted, prefer, asides, relative, inside, mention_at)
    if take == "first":
        return _first_subject(tokens, verb, lo, lo if since is None else since, policy,
                              after_reporting=after_reporting)
    if take != "nearest":
        raise ValueError(f"take must be 'nearest' or 'first', not {take!r}")
    return _subject_left(tokens, verb, lo, policy, 0)


def _subject_left(toks: Sequence[Token], verb: int, lo: int, policy: _Policy, depth: int) -> Span | None:
    quoted, prefer, asides = policy.quoted, policy.prefer, policy.asides
    j = skip_adjuncts_left(toks, verb - 1, lo, auxiliaries=True, time_words=True)
    if j < lo:
        return (lo, lo + 1) if lo < verb and name_like(toks[lo]) else None  # "Jolly said" with "Jolly" read as RB
    tok = toks[j]
    if tok.text == "," and j + 1 < verb and toks[j + 1].lower == "then" and depth < 2:
        earlier = coordinated_verb(toks, j, lo, quoted=quoted, prefer=prefer)  # "offered him a job, then says ..."
        return _subject_left(toks, earlier, lo, policy, depth + 1) if earlier is not None else None
    if asides and _in(quoted, j) and depth < 2 and j - 1 >= lo and toks[j - 1].text == "," and is_mark(tok) \
            and _quote_ends(quoted, j):
        # 'Humphrey, who calls Trump a "sociopath," said': the aside ends with a quoted comma
        return _subject_before_aside(toks, j, lo, policy, depth, mark=",")
    if asides and (tok.text == "," or tok.text in DASHES) and depth < 2:
        return _subject_before_aside(toks, j, lo, policy, depth)
    if tok.tag == "CC" and depth < 2:
        # "... condemned X and urged Y": the subject of an earlier verb, a preferred one first
        earlier = coordinated_verb(toks, j, lo, quoted=quoted, prefer=prefer)
        return _subject_left(toks, earlier, lo, policy, depth + 1) if earlier is not None else None
    if tok.lower in ("who", "that") and tok.tag in ("WP", "WDT", "IN"):
        if policy.relative == "antecedent":
            return relative_antecedent(toks, j, lo, inside=policy.inside, mention_at=policy.mention_at)
        return j, j + 1
    if _in(quoted, j):
        return None
    start = np_left(toks, j + 1, lo)
    if start is None:
        return (j, j + 1) if j == lo and name_like(tok) else None
    # "Russia and North Korea", "France, Germany and Italy", "a spokesman for the ministry":
    # NP ((,|and|of|for|at|from) NP)* -- a comma only inside a list that ends with "and"
    listed = False
    while start - 2 >= lo and (toks[start - 1].lower in ("of", "for", "at", "from", "with", "in", "on")
                               and toks[start - 1].tag == "IN"
                               or toks[start - 1].lower == "to" and toks[start - 2].tag in ("JJ", "RB")  # "close to"
                               or (toks[start - 1].lower in ("and", "or") or listed and toks[start - 1].text == ",")
                               and toks[start].tag in NOUN_TAGS and toks[start - 2].tag in NOUN_TAGS):
        listed = listed or toks[start - 1].lower in ("and", "or")
        prev = np_left(toks, start - 1 if toks[start - 1].lower != "to" else start - 2, lo)
        if prev is None or toks[start - 2].tag in ("PRP",):
            break
        start = prev
    return start, j + 1


def _subject_before_aside(toks: Sequence[Token], j: int, lo: int, policy: _Policy, depth: int, *,
                          mark: str | None = None) -> Span | None:
    """The subject before an apposition or aside that ends at the comma or dash ``j``."""
    quoted = policy.quoted
    mark = mark or toks[j].text
    openers = []
    k = j - 1
    while k > lo and j - k < 45:
        if _in(quoted, k):
            k -= 1
            continue
        if toks[k].text == mark or toks[k].text in DASHES:
            openers.append(k)
            if len(openers) >= 6:
                break
        elif toks[k].text in (".", ";", ":") or (toks[k].tag in FINITE_TAGS and not _relative_before(toks, k, lo)):
            break
        k -= 1
    for k in reversed(openers):  # leftmost first: the sentence's subject before its asides
        if k - 1 < lo or _in(quoted, k - 1) or toks[k + 1].tag == "CC":
            continue
        start = np_left(toks, k, lo)
        if start is None:
            continue
        if start == lo or toks[start - 1].text == "," or toks[start - 1].text in DASHES \
                or toks[start - 1].tag in ("CC", "RB") or _in(quoted, start - 1):
            return _subject_left(toks, k, lo, policy, depth + 1)
    return None


def _relative_before(toks: Sequence[Token], k: int, lo: int) -> bool:
    """A finite verb inside a relative clause ("who is listed as ...")."""
    return any(toks[m].lower in ("who", "which", "that", "whose", "where")
               for m in range(k - 1, max(k - 8, lo - 1), -1))


def _skip_time_left(toks: Sequence[Token], j: int, lo: int) -> int:
    """Skip a time phrase before a verb, leftwards: "and on Sunday called", "Kim on Monday said"."""
    k = j
    if k >= lo and toks[k].lower == "ago":  # "less than two weeks ago said"
        k -= 1
        while k >= lo and toks[k].tag in ("NNS", "NN", "CD", "JJR", "IN", "RB", "DT", "JJ") and j - k < 6:
            k -= 1
        while k >= lo and is_aux_or_adverb(toks[k]):
            k -= 1
        return k
    while k >= lo and (is_temporal(toks[k]) and toks[k].tag in ("NNP", "NN", "RB", "CD", "JJ")):
        if toks[k].lower in _TIME_NOUNS and not (k - 1 >= lo and toks[k - 1].lower in ("last", "this", "next",
                                                                                 "that", "each", "every")):
            break  # "Day said ...", "the week ended ..."
        k -= 1
    if k < j:
        while k >= lo and toks[k].tag in ("DT", "JJ", "CD"):
            k -= 1
        if k >= lo and toks[k].tag == "IN" and toks[k].lower in ("on", "in", "at", "during", "by", "since"):
            k -= 1
        while k >= lo and is_aux_or_adverb(toks[k]):
            k -= 1
        return k
    return j


def coordinated_verb(tokens: Sequence[Token], j: int, lo: int, *, quoted: Sequence[int] | None = None,
                     prefer: Callable[[int], bool] | None = None) -> int | None:
    """The finite verb (or its auxiliary) a verb after the conjunction at ``j`` is coordinated with.

    The nearest one ``prefer`` accepts, else the nearest; verbs inside a relative clause
    ("condemned what it called ... and urged") and inside quotations do not count.
    """
    toks = tokens
    nearest = None
    for k in range(j - 1, max(lo, j - LOOK_BACK) - 1, -1):
        tok = toks[k]
        if _in(quoted, k) or not (tok.tag in FINITE_TAGS or tok.tag == "VBN" and k > lo
                                  and (toks[k - 1].lemma in ("have", "be") or toks[k - 1].text == ",")):
            continue
        head = k - 1 if tok.tag == "VBN" and toks[k - 1].text != "," else k
        subject = np_left(toks, head, lo) if head - 1 >= lo else None
        if subject is not None and subject - 1 >= lo and toks[subject - 1].lower in ("what", "which", "that", "who"):
            continue  # a verb inside a relative clause: "condemned what it called ... and urged"
        if nearest is None:
            nearest = head
        if prefer is not None and prefer(k):
            return head
        if prefer is None:
            return nearest
    return nearest


# --------------------------------------------------------------------------- the subject read from the clause start

#: Time words before a name that starts a subject ("In recent weeks Rubio had ...").
_SUBJECT_TIME_WORDS = time_words("weekday", "day", "noun", "period")
#: Words that are a preposition, not a subordinator, before a noun phrase ("after a phone call").
_AMBIGUOUS_SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "so", "like"})
_GOVERNING_VERB_TAGS = frozenset({"VB", "VBG", "VBN", "VBD", "VBZ", "VBP", "RP"})


def _preposition_here(toks: Sequence[Token], j: int) -> bool:
    """ "after a phone call": a preposition, not a subordinator opening a clause."""
    return toks[j].lower in _AMBIGUOUS_SUBORDINATORS and j + 1 < len(toks) and toks[j + 1].tag in (
        "DT", "CD", "PRP$", "JJ", "NN", "NNS", "VBG")


def clause_opening(tokens: Sequence[Token], verb: int, since: int) -> tuple[int, int | None]:
    """Where the clause of the verb at ``verb`` opens: just after the nearest clause break or subordinator
    before it (no further back than ``since``), and the relative pronoun that opens it there, if one does.

    >>> from toolkit.text.tagging import process
    >>> doc = process("He met the envoy, who said it, after a phone call.")
    >>> clause_opening(doc.tokens, 6, 0), clause_opening(doc.tokens, 1, 0)
    ((6, 5), (0, None))
    """
    for j in range(verb - 1, since - 1, -1):
        t = tokens[j]
        if is_break(t):
            return j + 1, None
        if t.lower in SUBORDINATORS and t.tag in ("IN", "WDT", "WP", "WRB") and not _preposition_here(tokens, j):
            relative = t.tag in ("WDT", "WP") and t.lower in ("who", "which", "that")
            return j + 1, (j if relative else None)
    return since, None


def governed(tokens: Sequence[Token], k: int, lo: int, *, by_verb: bool = True,
             opens_clause: Callable[[int], bool] | None = None) -> bool:
    """Whether the noun phrase starting at ``k`` is governed by the word before it (not before ``lo``): a
    preposition, unless that word opens a clause (``opens_clause``; by default a subordinator does,
    except one used as a preposition: "after the talks", not "after rival Trump attacked"), or, when
    ``by_verb``, a verb or particle. A governed noun phrase is an object, not a subject.

    >>> from toolkit.text.tagging import process
    >>> doc = process("In Seoul officials met Kim after the talks, after rival Trump attacked.")
    >>> [governed(doc.tokens, k, 0) for k in (1, 2, 4, 6, 10)]
    [True, False, True, True, False]
    """
    if k <= lo:
        return False
    prev = tokens[k - 1]
    if prev.tag in ("IN", "TO"):
        if opens_clause is not None:
            return not opens_clause(k - 1)
        if prev.lower not in SUBORDINATORS:
            return True
        # "after the talks": a preposition; "after rival Donald Trump attacked": a subordinator
        return _preposition_here(tokens, k - 1) and not clause_starts(tokens, k, len(tokens))
    return by_verb and prev.tag in _GOVERNING_VERB_TAGS


def _inside(inside: Sequence[int] | None, k: int) -> bool:
    return inside is not None and bool(inside[k])


def _first_subject(toks: Sequence[Token], verb: int, lo: int, since: int, policy: _Policy, *,
                   after_reporting: bool) -> Span | None:
    start, relative_at = clause_opening(toks, verb, since)
    inside, mention_at = policy.inside, policy.mention_at
    k = start
    while k < verb:
        t = toks[k]
        if not (_inside(inside, k) or t.tag in NOMINAL_TAGS or t.tag == "PRP"):
            k += 1
            continue
        end = max(np_extent(toks, k, verb, inside=inside) if t.tag != "PRP" else k + 1, k + 1)
        is_governed = governed(toks, k, lo, by_verb=not (k == start and after_reporting))
        if is_governed and end < verb and mention_at is not None:
            m = mention_at(end - 1)
            if m is not None and m.first > k and (toks[m.first - 1].tag == "NNS"
                                                  or toks[m.first - 1].lemma in _SUBJECT_TIME_WORDS):
                k = m.first  # "In recent weeks Rubio had ...": the name starts the subject
                continue
        if not is_governed and end < verb and toks[end].lower in ("before", "after", "ago", "later", "earlier") \
                and (toks[k].lemma in _SUBJECT_TIME_WORDS or toks[k].lower.removesuffix("s") in _SUBJECT_TIME_WORDS):
            comma = next((j for j in range(verb - 1, end, -1) if toks[j].text == ","), None)
            if comma is not None:
                k = comma + 1  # "Hours before boarding a flight, Scott campaigned": a time adjunct, not the subject
                continue
        if not is_governed:
            while end + 1 < verb and toks[end].lower == "and" and (
                    _inside(inside, end + 1) or toks[end + 1].tag in NOMINAL_TAGS):
                end = max(np_extent(toks, end + 1, verb, inside=inside), end + 2)  # "X and Y"
            return k, end
        k = end
    if relative_at is None:
        return None
    if policy.relative == "antecedent":
        return relative_antecedent(toks, relative_at, lo, inside=inside, mention_at=mention_at)
    return relative_at, relative_at + 1


def relative_antecedent(tokens: Sequence[Token], relative_at: int, lo: int, *, inside: Sequence[int] | None = None,
                        mention_at: Callable[[int], Extent | None] | None = None) -> Span | None:
    """The noun phrase the relative pronoun at ``relative_at`` refers to ("the ministry, which said ..."):
    the actor mention just before it, else the nominal words before it (no further back than ``lo``); None
    when no noun phrase ends there.

    >>> from toolkit.text.tagging import process
    >>> doc = process("They met the foreign minister, who said it.")
    >>> relative_antecedent(doc.tokens, 6, 0)
    (2, 5)
    """
    j = relative_at - 1
    if j >= lo and (tokens[j].text == "," or tokens[j].text in DASHES):
        j -= 1
    if j < lo:
        return None
    m = mention_at(j) if mention_at is not None else None
    if m is not None:
        return m.first, m.last
    if not (tokens[j].tag in NOMINAL_TAGS or _inside(inside, j)):
        return None  # "states that ...": a complementizer, not a relative pronoun
    start = j
    while start > lo and (tokens[start - 1].tag in NOMINAL_TAGS or _inside(inside, start - 1)):
        start -= 1
    return start, j + 1


def skip_adjuncts_left(tokens: Sequence[Token], j: int, lo: int, *, time: Collection[int] = (),
                       auxiliaries: bool = False, time_words: bool = False) -> int:
    """The nearest token at or before ``j`` (down to ``lo``; ``lo - 1`` if none) that stands between
    nothing and the verb: adverbs are skipped, and tokens of a time expression (the indices in ``time``,
    with a preposition before one); with ``auxiliaries`` also modals, auxiliaries and a floating
    quantifier ("have both said"); with ``time_words`` a time phrase read off its words ("Kim on Monday
    said", "less than two weeks ago said") for when no time expressions are given.

    >>> from toolkit.text.tagging import process
    >>> doc = process("He on Monday has also said it.")
    >>> skip_adjuncts_left(doc.tokens, 4, 0), skip_adjuncts_left(doc.tokens, 4, 0, auxiliaries=True)
    (3, 2)
    >>> skip_adjuncts_left(doc.tokens, 4, 0, time={2}, auxiliaries=True)
    0
    >>> skip_adjuncts_left(doc.tokens, 4, 0, auxiliaries=True, time_words=True)
    0
    """
    def skipped(k: int) -> bool:
        tok = tokens[k]
        if tok.tag in ("RB", "RBR") or k in time or (tok.tag == "IN" and k + 1 in time):
            return True
        return auxiliaries and (is_aux_or_adverb(tok) or tok.lower in ("both", "all", "each", "since") and k - 1 >= lo
                                and (tokens[k - 1].tag.startswith("VB") or tokens[k - 1].tag in NOUN_TAGS))

    while j >= lo and skipped(j):
        j -= 1
    return _skip_time_left(tokens, j, lo) if time_words else j


# --------------------------------------------------------------------------- from a subject span to its actors

#: Nouns for a person or a message whose of/from/by/for phrase names the actor ("a spokesman for X",
#: "the letter from X").
SPEAKER_NOUNS = frozenset({"letter", "statement", "spokesman", "spokeswoman", "spokesperson", "official",
                           "source", "lawyer", "aide", "adviser", "advisor", "representative", "memo", "report",
                           "campaign", "office", "team", "supporter", "ally", "leader", "son", "daughter", "wife",
                           "husband", "friend", "member", "head", "chief", "director", "secretary", "minister",
                           "president", "chairman", "ambassador", "envoy", "attorney", "counsel"})


def head_mention(tokens: Sequence[Token], lo: int, end: int, mention_at: Callable[[int], M | None]) -> M | None:
    """The actor a subject noun phrase ``[lo, end)`` stands for (``mention_at`` gives the mention at a token).

    Its head ("South Korea's foreign ministry"); else an apposition right after it ("The
    university's chancellor, Nicholas Dirks,"); else the actor it belongs to, a possessor
    or modifier ("Clinton's campaign", "the Turkish government"); else, after a
    :data:`SPEAKER_NOUNS` word, the actor of its of/from/by/for phrase ("a spokesman for X").

    >>> from toolkit.text.tagging import process
    >>> doc = process("A spokesman for Seoul said it.")
    >>> at = {3: "Seoul"}
    >>> head_mention(doc.tokens, 0, 2, at.get)
    'Seoul'
    """
    if end <= lo:
        return None
    m = mention_at(end - 1)
    if m is not None:
        return m
    n = len(tokens)
    if end + 2 < n and tokens[end].text == ",":
        m = mention_at(end + 1)
        if m is not None and m.last < n and tokens[m.last].text == ",":
            return m
    for j in range(end - 1, lo - 1, -1):
        m = mention_at(j)
        if m is not None:
            return m
    if end + 1 < n and tokens[end].lower in ("from", "by", "of", "for") and tokens[end - 1].tag in ("NN", "NNS") \
            and tokens[end - 1].lemma in SPEAKER_NOUNS:
        return mention_at(end + 1)
    return None


def span_mentions(tokens: Sequence[Token], span: Span | None, mention_at: Callable[[int], M | None], *,
                  pick: str = "conjuncts", inside: Sequence[int] | None = None) -> list[M]:
    """The actor mentions a subject span stands for: with ``pick="conjuncts"`` the head of each conjunct
    when it is coordinated ("Both Russia and North Korea"), else the head of its first conjunct
    (:func:`head_mention`); ``"head"`` that head alone; ``"all"`` every mention in the span, in order.
    A token flagged in ``inside`` (inside a mention) never splits conjuncts.

    >>> from toolkit.text.tagging import process
    >>> doc = process("Russia and North Korea signed it.")
    >>> at = {0: "Russia", 2: "North Korea", 3: "North Korea"}
    >>> span_mentions(doc.tokens, (0, 4), at.get), span_mentions(doc.tokens, (0, 4), at.get, pick="head")
    (['Russia', 'North Korea'], ['Russia'])
    """
    if span is None:
        return []
    if pick == "all":
        found: list[M] = []
        for j in range(span[0], span[1]):
            m = mention_at(j)
            if m is not None and all(m is not f for f in found):
                found.append(m)
        return found
    parts: list[Span] = []
    start = span[0]
    for j in range(span[0], span[1] + 1):
        if j == span[1] or (tokens[j].lower in ("and", ",") and not _inside(inside, j)):
            parts.append((start, j))
            start = j + 1
    if pick == "conjuncts":
        heads: list[M] = []
        for a, b in parts:
            m = head_mention(tokens, a, b, mention_at) if b > a else None
            if m is not None and all(m is not h for h in heads):
                heads.append(m)
        if len(heads) > 1:
            return heads
    elif pick != "head":
        raise ValueError(f"pick must be 'conjuncts', 'head' or 'all', not {pick!r}")
    head = head_mention(tokens, parts[0][0], parts[0][1], mention_at)
    return [head] if head is not None else []
