"""Shallow clause structure over Penn Treebank tags: verb groups, noun-phrase chunks, negation.

No parser: a sentence is read left to right from its POS tags, which is enough to
find who does what to whom in news prose most of the time, fast, and in a way a
reader can follow:

* :func:`verb_groups` -- "has not been criticised", "could not confirm", "to boost":
  head verb, lemma, finite or not, passive (a form of *be*/*get* + past participle),
  negated ("not", "n't", "never" inside the group or just before it);
* :func:`np_extent` -- the noun phrase starting at a token (determiners, adjectives,
  nouns, possessives: "South Korea's first vice foreign minister Kim Hong-kyun");
* :func:`clause_start` -- where the clause holding a token begins (a subordinator,
  a semicolon, an opening quote, the previous finite verb);
* :func:`negated_at` -- whether a negator governs a token (VADER's three-word window).

All indices are token indices into the :class:`~toolkit.text.tokens.Doc`; a sentence is
the slice ``doc.tokens[sent.first:sent.last]``.

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("Seoul was not consulted by Washington.")
    >>> g = verb_groups(doc.tokens, 0, len(doc.tokens))[0]
    >>> (g.lemma, g.passive, g.negated)
    ('consult', True, True)
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.text.tokens import Token

__all__ = ["VerbGroup", "verb_groups", "is_break", "np_extent", "clause_start", "negated_at", "NEGATORS",
           "SUBORDINATORS",
           "NOMINAL_TAGS", "LOCATIVE"]

VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
NOMINAL_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "PRP$", "POS"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "cannot", "without"})
SUBORDINATORS = frozenset({"that", "because", "if", "while", "whether", "although", "though", "since", "as",
                           "when", "unless", "whereas", "who", "which", "whom", "whose", "where", "after",
                           "before", "until", "so"})
#: Prepositions after which an actor is a place or a circumstance, not an argument.
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "into", "throughout", "from",
                      "via", "within", "during", "since", "after", "before", "until", "amid", "among", "under",
                      "over", "beyond", "through", "toward", "towards", "onto", "upon", "like", "despite"})
HARD_STOPS = frozenset({";", ":", "``", "''", "(", ")", "--", "“", "”", '"', "—", "–"})
_BREAK_TAGS = frozenset({":", "``", "''", "(", ")"})
_BE_GET = frozenset({"be", "get"})
_AUX = frozenset({"be", "have", "do", "get"})


@dataclass(slots=True)
class VerbGroup:
    """A verb group ``tokens[first:last]`` whose main verb is ``tokens[head]``."""

    first: int
    last: int
    head: int
    lemma: str
    finite: bool
    passive: bool
    negated: bool
    infinitive: bool  # "to boost"
    particle: str | None = None  # "in" of "called in", "out" of "lashed out"


def is_break(tok: Token) -> bool:
    """A token that ends a clause for every purpose: quote marks, brackets, dashes, semicolons, colons."""
    return tok.text in HARD_STOPS or tok.tag in _BREAK_TAGS


def verb_groups(tokens: Sequence[Token], lo: int, hi: int, *, verbs: frozenset[int] = frozenset()
                ) -> list[VerbGroup]:
    """Verb groups of ``tokens[lo:hi]`` (one sentence), in order.

    ``verbs`` are token indices to read as finite verbs whatever their tag (a headline's
    "South Korea summons Russian envoy", where the tagger says NNS).
    """
    groups: list[VerbGroup] = []
    k = lo
    while k < hi:
        tok = tokens[k]
        if k in verbs:
            particle = tokens[k + 1].lower if k + 1 < hi and tokens[k + 1].tag == "RP" else None
            groups.append(VerbGroup(k, k + 1, k, tok.lemma, True, False, False, False, particle))
            k += 1
            continue
        infinitive = tok.tag == "TO" and k + 1 < hi and _starts_infinitive(tokens, k + 1, hi)
        if tok.tag not in VERB_TAGS and not infinitive:
            k += 1
            continue
        first = k
        j = k + 1 if infinitive else k
        head = None
        negated = k > lo and tokens[k - 1].lower in NEGATORS
        while j < hi:
            t = tokens[j]
            if t.tag in VERB_TAGS:
                if head is not None and tokens[head].tag != "MD" and tokens[head].lemma not in _AUX:
                    break  # two main verbs in a row: a new group
                head = j
            elif t.tag in ("RB", "RBR") or t.lower in NEGATORS:
                # an adverb stays inside the group only between an auxiliary and its verb ("has not been")
                nxt = j + 1
                while nxt < hi and tokens[nxt].tag in ("RB", "RBR"):
                    nxt += 1
                auxiliary = head is None or tokens[head].tag == "MD" or tokens[head].lemma in _AUX
                if not (auxiliary and nxt < hi and tokens[nxt].tag in VERB_TAGS):
                    break
                if t.lower in NEGATORS:
                    negated = True
            else:
                break
            j += 1
        if head is None:
            k = j if j > k else k + 1
            continue
        last = head + 1
        lemmas = [tokens[x].lemma for x in range(first, last) if tokens[x].tag in VERB_TAGS]
        passive = tokens[head].tag == "VBN" and any(lm in _BE_GET for lm in lemmas[:-1])
        particle = None
        if last < hi and tokens[last].tag == "RP":
            particle = tokens[last].lower
        elif last < hi and tokens[last].lower in ("in", "out", "on", "up", "upon") and tokens[head].lemma in (
                "call", "lash", "hit", "team", "speak"):
            particle = tokens[last].lower
        groups.append(VerbGroup(first, last, head, tokens[head].lemma, tokens[first].tag in FINITE_TAGS
                                or (tokens[first].tag == "VB" and not infinitive and first > lo
                                    and tokens[first - 1].tag in ("PRP", "NNS", "NNP", "NNPS", "NN")),
                                passive, negated, infinitive, particle))
        k = last
    return groups


def _starts_infinitive(tokens: Sequence[Token], k: int, hi: int) -> bool:
    while k < hi and tokens[k].tag in ("RB",):
        k += 1
    return k < hi and tokens[k].tag == "VB"


def np_extent(tokens: Sequence[Token], k: int, hi: int, *, inside: Sequence[bool] | None = None) -> int:
    """End (exclusive) of the noun phrase starting at ``k``; ``k`` itself if none starts there.

    ``inside[j]`` true forces token ``j`` into the phrase (it belongs to an actor mention).
    """
    j = k
    while j < hi:
        t = tokens[j]
        if (inside is not None and inside[j]) or t.tag in NOMINAL_TAGS:
            j += 1
        elif t.tag in ("VBN", "VBG") and j > k and j + 1 < hi and tokens[j + 1].tag in ("NN", "NNS", "JJ"):
            j += 1  # "the illegal military cooperation", "a growing rift"
        elif t.tag == "HYPH" or (t.text == "-" and j > k):
            j += 1
        else:
            break
    return j


def clause_start(tokens: Sequence[Token], k: int, lo: int) -> int:
    """First token of the clause that holds token ``k`` (searching back no further than ``lo``)."""
    j = k - 1
    while j >= lo:
        t = tokens[j]
        if is_break(t) or (t.lower in SUBORDINATORS and t.tag in ("IN", "WDT", "WP", "WRB", "WP$")):
            return j + 1
        j -= 1
    return lo


def negated_at(tokens: Sequence[Token], k: int, lo: int, *, window: int = 3) -> bool:
    """A negator within ``window`` tokens before ``k`` and in the same phrase."""
    for j in range(k - 1, max(k - window - 1, lo - 1), -1):
        low = tokens[j].lower
        if low in NEGATORS:
            return True
        if low in (",", ";", ":", "but"):
            return False
    return False
