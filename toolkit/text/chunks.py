"""A light noun-phrase and clause chunker over Penn Treebank tags.

No parser is available offline, so the analyses that need phrase boundaries
(who is the subject of "said", where a reported clause starts) read them off the
tags: a noun phrase is a run of determiners, adjectives, nouns, numbers and
possessives; a clause starts with a complementizer, a wh-word, or a noun phrase
followed by a finite verb.

Functions take the document's token list and global token indices, with a
bound (``lo``/``hi``) that they never cross, and return token indices.

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("South Korea's foreign ministry said the troops left.")
    >>> np_right(doc.tokens, 0, len(doc.tokens))
    5
    >>> np_left(doc.tokens, 5, 0)
    0
    >>> clause_starts(doc.tokens, 6, len(doc.tokens))
    True
"""
from __future__ import annotations

from collections.abc import Sequence

from toolkit.text.tokens import Token

__all__ = ["NOUN_TAGS", "FINITE_TAGS", "is_noun", "is_finite", "np_left", "np_right", "clause_starts",
           "finite_verb_in", "WH_WORDS", "SUBJECT_PRONOUNS"]

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NP_INNER = frozenset({"DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "VBN",
                       "VBG", "FW"})
_NP_OPENERS = frozenset({"DT", "PDT", "PRP$"})
WH_WORDS = frozenset({"what", "whether", "why", "how", "when", "where", "who", "whom", "which", "if"})
SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "there", "this", "that", "these",
                              "those", "nobody", "everyone", "everybody", "someone", "somebody", "no", "none",
                              "one", "all", "both", "neither", "each", "many", "some", "most", "few"})


def is_noun(tok: Token) -> bool:
    return tok.tag in NOUN_TAGS


def is_finite(tok: Token) -> bool:
    """A finite verb or modal ("said", "says", "say" after a subject, "will", "cannot")."""
    return tok.tag in FINITE_TAGS or tok.lower in ("cannot", "can't", "won't")


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
    ("South Korea's first vice foreign minister Kim Hong-kyun").
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


def finite_verb_in(tokens: Sequence[Token], start: int, hi: int) -> int | None:
    """Index of the first finite verb in ``[start, hi)``, or None."""
    for k in range(start, hi):
        if tokens[k].tag in FINITE_TAGS:
            return k
    return None


_MARKS = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                         "yesterday", "tonight", "last", "next", "earlier", "later"})


def clause_starts(tokens: Sequence[Token], start: int, hi: int, *, window: int = 25) -> bool:
    """True when a finite clause starts at ``start``: "that"/a wh-word, or a subject then a finite verb.

    The subject may carry prepositional phrases ("the participation of North Korean
    troops in the war violated ..."); quotation marks are looked through; a comma
    or a clause-ending mark before the verb means no clause starts here.
    """
    if start >= hi:
        return False
    tok = tokens[start]
    low = tok.lower
    if low == "that":
        return start + 1 < hi and tokens[start + 1].tag not in FINITE_TAGS
    if low in WH_WORDS:
        return True
    if low in _TIME_WORDS:
        return False
    if tok.tag in ("PRP", "EX") or low in SUBJECT_PRONOUNS:
        nxt = start + 1
        while nxt < hi and (tokens[nxt].tag in ("RB",) or tokens[nxt].text in _MARKS):
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
