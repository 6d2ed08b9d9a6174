"""Word lists of the shallow clause analyser, read once from ``toolkit/data/text/``.

* :func:`time_words` -- calendar words, time nouns and time-like adverbs by kind
  (``data/text/time_words.tsv``): what the quote, stance and clause rules skip or stop at;
* :func:`object_control_verbs` -- verbs whose object does what a following infinitive
  says (``data/text/object_control_verbs.txt``): "urged Y to withdraw" (Y withdraws).

Example::

    >>> "monday" in time_words("weekday"), "week" in time_words("weekday")
    (True, False)
    >>> sorted(time_words("period"))
    ['past', 'time']
    >>> "urge" in object_control_verbs()
    True
"""
from __future__ import annotations

from functools import lru_cache

from toolkit.resources import data_lines, read_table

__all__ = ["TIME_KINDS", "time_words", "object_control_verbs"]

#: The kinds of ``data/text/time_words.tsv``.
TIME_KINDS = ("weekday", "day", "relative", "deictic", "adverb", "noun", "period")


@lru_cache(maxsize=1)
def _time_table() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in read_table("text/time_words.tsv"):
        kinds.setdefault(row["kind"], set()).add(row["word"].lower())
    return {k: frozenset(v) for k, v in kinds.items()}


@lru_cache(maxsize=None)
def time_words(*kinds: str) -> frozenset[str]:
    """The words of the given kinds (all kinds when none is given), lower case."""
    table = _time_table()
    unknown = set(kinds) - set(TIME_KINDS)
    if unknown:
        raise ValueError(f"unknown time-word kind(s) {sorted(unknown)}; choose from {TIME_KINDS}")
    return frozenset().union(*(table.get(k, frozenset()) for k in (kinds or TIME_KINDS)))


@lru_cache(maxsize=1)
def object_control_verbs() -> frozenset[str]:
    """Lemmas of verbs whose object is the doer of a following infinitive ("force Sanders to acknowledge")."""
    return frozenset(data_lines("text/object_control_verbs.txt"))
