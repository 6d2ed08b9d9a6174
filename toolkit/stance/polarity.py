"""Prior polarity of words, and negation-aware scoring of a stretch of tokens.

The word list is assembled at run time from NLTK data, never copied into the
project: VADER's lexicon (Hutto & Gilbert 2014; mean valence -4..+4), then NLTK's
opinion lexicon (Hu & Liu 2004; words VADER lacks count +/-1.5), then
``data/stance/polarity_extra.tsv`` (news words both lack, and senses news rarely uses:
"united", "party", "like"). Values are scaled to [-1, 1].

:func:`score_tokens` sums the valence of content words (adjectives, adverbs,
verbs, common nouns; never proper nouns or words inside actor mentions) over a
token range, flips a word in the scope of a negator ("not", "never", "no" up to
three words before it, VADER's window; x -0.5), weakens words after a hedge
("could", "reportedly", "if"; x 0.5), and squashes the sum into [-1, 1].

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("The plan was not good.")
    >>> round(score_tokens(doc.tokens, 0, len(doc.tokens)).score, 2)
    -0.29
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from toolkit.resources import read_table, require_nltk
from toolkit.text.tokens import Token

__all__ = ["lexicon", "modifiers", "valence", "score_tokens", "Scored", "squash", "CONTENT_TAGS"]

#: Tags of the words whose prior polarity counts (no proper nouns, pronouns, prepositions).
CONTENT_TAGS = frozenset({"JJ", "JJR", "JJS", "RB", "RBR", "RBS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
                          "NN", "NNS", "UH"})
NEGATION_WINDOW = 3
NEGATED = -0.5
HEDGED = 0.5
_BOUNDARY = frozenset({",", ";", ":", "--", "(", ")", "``", "''", "but", "and", "or"})


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Word (lower case) -> prior polarity in [-1, 1] from VADER, Hu & Liu and the project's additions."""
    words: dict[str, float] = {}
    try:
        require_nltk("opinion_lexicon")
        from nltk.corpus import opinion_lexicon

        for word in opinion_lexicon.positive():
            words[word] = 1.5 / 4
        for word in opinion_lexicon.negative():
            words[word] = -1.5 / 4
    except LookupError:
        pass
    require_nltk("vader_lexicon")
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    for word, value in SentimentIntensityAnalyzer().lexicon.items():
        if word.isalpha() or "-" in word:
            words[word] = max(-1.0, min(1.0, value / 4))
    for row in read_table("stance/polarity_extra.tsv"):
        value = float(row["valence"]) / 4
        if value:
            words[row["word"]] = value
        else:
            words.pop(row["word"], None)
    return words


@lru_cache(maxsize=1)
def modifiers() -> dict[str, str]:
    """Word -> effect (negate, undo, hedge, suspend, reverse, raise, give, receive): ``stance/stance_modifiers.tsv``.

    Verbs of saying are not modifiers: they are the reporting verbs of
    ``data/lexicon/reporting_verbs.tsv`` (:func:`toolkit.text.lexicon.reporting_lemmas`).

    >>> modifiers()["not"], modifiers()["decline"], "say" in modifiers()
    ('negate', 'undo', False)
    """
    return {row["word"]: row["effect"] for row in read_table("stance/stance_modifiers.tsv")}


def valence(token: Token, words: dict[str, float] | None = None) -> float:
    """Prior polarity of one token (0 for function words and proper nouns)."""
    if token.tag not in CONTENT_TAGS:
        return 0.0
    words = lexicon() if words is None else words
    low = token.text.lower()
    value = words.get(low)
    if value is None and token.lemma != low:
        value = words.get(token.lemma)
    return value or 0.0


def squash(total: float, alpha: float = 0.6) -> float:
    """Map a sum of valences into (-1, 1) (VADER's normalisation, on the [-1, 1] scale)."""
    return total / math.sqrt(total * total + alpha)


@dataclass(slots=True)
class Scored:
    """The polarity of a token range: squashed score, raw sum and the strongest word (its index)."""

    score: float
    total: float
    cue: int | None


def score_tokens(tokens: Sequence[Token], lo: int, hi: int, *, skip: Sequence[bool] | None = None,
                 center: int | None = None, decay: float = 0.0) -> Scored:
    """Negation- and hedge-aware polarity of ``tokens[lo:hi]`` (indices into ``tokens``).

    ``skip[k]`` true leaves token ``k`` out (actor mentions). With ``center`` and
    ``decay``, a word ``d`` tokens from ``center`` counts ``1 / (1 + decay * d)``.
    """
    words = lexicon()
    mods = modifiers()
    lo = max(lo, 0)
    hi = min(hi, len(tokens))
    total = 0.0
    best, best_value = None, 0.0
    for k in range(lo, hi):
        if skip is not None and skip[k]:
            continue
        value = valence(tokens[k], words)
        if not value:
            continue
        factor = 1.0
        for j in range(k - 1, max(k - NEGATION_WINDOW - 1, -1), -1):
            low = tokens[j].text.lower()
            if low in _BOUNDARY:
                break
            effect = mods.get(low) or mods.get(tokens[j].lemma)
            if effect == "negate":
                factor *= NEGATED
                break
        factor *= _hedge_factor(tokens, k, mods)
        if center is not None and decay:
            factor /= 1.0 + decay * abs(k - center)
        value *= factor
        total += value
        if abs(value) > abs(best_value):
            best, best_value = k, value
    return Scored(squash(total) if total else 0.0, total, best)


def _hedge_factor(tokens: Sequence[Token], k: int, mods: dict[str, str]) -> float:
    """1, or :data:`HEDGED` after a hedge earlier in the clause (up to six tokens back), or 0 when
    the hedge is itself negated ("could not confirm reports that ...": nothing is asserted)."""
    for j in range(k - 1, max(k - 7, -1), -1):
        low = tokens[j].text.lower()
        if low in (";", ":", ".", "``", "''"):
            return 1.0
        if mods.get(low) == "hedge" or mods.get(tokens[j].lemma) == "hedge":
            if any(mods.get(tokens[i].text.lower()) == "negate" for i in range(max(j - 2, 0), j)):
                return 0.0
            return HEDGED
    return 1.0
