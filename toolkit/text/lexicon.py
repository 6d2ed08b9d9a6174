"""Word tables more than one analysis reads: reporting verbs, event nouns, object-control verbs,
time words.

Each concept is one table under ``toolkit/data/lexicon/`` and one loader here, in the text
layer, so that quotes, the timeline and stance read the same list without importing each
other.

* ``lexicon/reporting_verbs.tsv``: the verbs that attribute content to a source, with their
  class and the complements that carry the content (the quote finder's cue verbs, see
  :mod:`toolkit.quotes.cues`), whether the clause readers (the timeline, stance) read the
  verb as opening a reported clause, and how the verb frames what it reports (:data:`FRAMINGS`:
  "said" neutral, "claimed" doubt, "admitted" concession ...): :func:`reporting_verbs`,
  :func:`reporting_lemmas`.
* ``lexicon/event_nouns.tsv``: nouns that name something that happens, by kind (dated by the
  timeline, proposed as a topic, or both), and the nouns that only look like one:
  :func:`event_nouns`.
* ``lexicon/object_control_verbs.txt``: verbs whose object does what a following infinitive
  says ("urged Y to withdraw"): :func:`object_control_verbs`.
* ``lexicon/time_words.tsv``: calendar words, time nouns and time-like adverbs by kind, what
  the clause, quote and stance rules skip or stop at: :func:`time_words`.

Example::

    >>> say = reporting_verbs()["say"]
    >>> say.cls, sorted(say.frames), say.report, say.framing
    ('speech', ['clause', 'paren'], 'content', 'neutral')
    >>> reporting_verbs()["claim"].framing, reporting_verbs()["call for"].framing
    ('doubt', 'directive')
    >>> "told" in reporting_lemmas(), "tell" in reporting_lemmas(kinds=("object",))
    (False, True)
    >>> "summit" in event_nouns(), "law" in event_nouns(), "law" in event_nouns(kinds=("measure",))
    (True, False, True)
    >>> "urge" in object_control_verbs(), "vow" in object_control_verbs()
    (True, False)
    >>> "monday" in time_words("weekday"), "week" in time_words("weekday")
    (True, False)
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from toolkit.resources import MissingData, data_lines, read_table

__all__ = ["ReportingVerb", "REPORT_KINDS", "STATEMENT_KINDS", "FRAMINGS", "check_framing", "reporting_verbs",
           "reporting_verb_rows",
           "reporting_lemmas", "EVENT_NOUN_KINDS", "event_nouns", "object_control_verbs", "TIME_KINDS", "time_words"]

#: Values of the ``report`` column: how the clause readers read a finite use of the verb.
REPORT_KINDS = ("content", "object", "denial")
#: The kinds whose complement clause is the holder's own statement (what stance reads).
STATEMENT_KINDS = ("content", "object")
#: Values of the ``framing`` column (of ``lexicon/reporting_verbs.tsv`` and ``quotes/cue_phrases.tsv``): how a
#: reporting verb frames what it reports. The table's header says what each means and where it comes from
#: (Caldas-Coulthard 1994; Thompson & Yiyun 1991; Bergler 1992; the AP Stylebook on "said" vs. "claimed" ...).
FRAMINGS = ("neutral", "assertive", "doubt", "concession", "emotive", "directive", "tentative", "denial",
            "evidential")
#: Values of the ``kind`` column of ``lexicon/event_nouns.tsv``.
EVENT_NOUN_KINDS = ("event", "occurrence", "measure", "not_event")


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    """One row of ``lexicon/reporting_verbs.tsv``.

    ``words`` is the lemma plus fixed following words (("call", "for")), ``cls`` its class
    (speech, belief, intention, evidence, evaluation, request), ``frames`` the complements that
    carry the content (clause, quote, paren, object, to, objto, recipient, objcomp, fronted,
    raise), ``report`` ``"content"``, ``"object"`` or ``"denial"`` when the timeline and stance read
    it as a reporting verb (``"object"``: its first object is a participant -- "told Kim";
    ``"denial"``: the subject says the content is not so -- "denied that"), else ``""``;
    ``framing`` how it frames the content, one of :data:`FRAMINGS`, or None when a user's row
    gives none.

    >>> ReportingVerb(("say",), "speech", frozenset({"clause"})).report
    ''
    """

    words: tuple[str, ...]
    cls: str
    frames: frozenset[str]
    report: str = ""
    framing: str | None = None

    @property
    def cue(self) -> str:
        """The cue as written in the table ("call for")."""
        return " ".join(self.words)


def reporting_verb_rows(*, extra: str | os.PathLike | None = None) -> tuple[ReportingVerb, ...]:
    """All rows of ``lexicon/reporting_verbs.tsv`` in table order, then those of a user's ``extra`` table.

    A user's table has the same columns (``cue``, ``class``, ``frames``, optionally ``report`` and
    ``framing``); a missing class is ``speech``, a missing framing None.

    >>> rows = reporting_verb_rows()
    >>> rows[0].cue, len(rows) > 200
    ('say', True)
    """
    if extra is None:
        return _shipped_rows()
    return _rows(read_table("lexicon/reporting_verbs.tsv", extra=extra))


@lru_cache(maxsize=1)
def _shipped_rows() -> tuple[ReportingVerb, ...]:
    return _rows(read_table("lexicon/reporting_verbs.tsv"))


def _rows(table: Iterable[dict[str, str]]) -> tuple[ReportingVerb, ...]:
    rows = []
    for row in table:
        words = tuple((row.get("cue") or "").lower().split())
        if not words:
            continue
        frames = frozenset(f.strip() for f in (row.get("frames") or "").split(",") if f.strip())
        report = (row.get("report") or "").strip().lower()
        if report and report not in REPORT_KINDS:
            raise MissingData(f"reporting verb {' '.join(words)!r}: report is {report!r}, "
                              f"expected one of {', '.join(REPORT_KINDS)} or empty")
        framing = check_framing(row.get("framing"), f"reporting verb {' '.join(words)!r}")
        rows.append(ReportingVerb(words, row.get("class") or "speech", frames, report, framing))
    return tuple(rows)


def check_framing(value: str | None, what: str) -> str | None:
    """A ``framing`` cell as a class of :data:`FRAMINGS` (None when empty); any other value is refused.

    >>> check_framing(" Doubt ", "claim"), check_framing("", "grouse")
    ('doubt', None)
    """
    framing = (value or "").strip().lower()
    if not framing:
        return None
    if framing not in FRAMINGS:
        raise MissingData(f"{what}: framing is {framing!r}, expected one of {', '.join(FRAMINGS)} or empty")
    return framing


def reporting_verbs() -> dict[str, ReportingVerb]:
    """The shipped reporting verbs by cue ("say", "call for"), in table order.

    >>> reporting_verbs()["call for"].cls
    'request'
    """
    return {row.cue: row for row in _shipped_rows()}


@lru_cache(maxsize=8)
def reporting_lemmas(*, kinds: tuple[str, ...] = REPORT_KINDS,
                     classes: tuple[str, ...] | None = None) -> frozenset[str]:
    """Lemmas of the one-word verbs whose ``report`` is one of ``kinds`` (and whose class is one of ``classes``).

    The timeline reads a finite verb in this set as opening a reported clause; stance reads
    those of :data:`STATEMENT_KINDS` (not "deny") as giving the holder's statement;
    ``kinds=("object",)`` are those whose first object is a participant ("told Kim").

    >>> sorted(reporting_lemmas(kinds=("object",)))
    ['accuse', 'charge', 'quote', 'tell', 'warn']
    >>> sorted(reporting_lemmas(classes=("intention",)))
    ['hope']
    >>> sorted(reporting_lemmas() - reporting_lemmas(kinds=STATEMENT_KINDS))
    ['deny']
    """
    unknown = set(kinds) - set(REPORT_KINDS)
    if unknown:
        raise ValueError(f"unknown report kinds {sorted(unknown)}; expected {', '.join(REPORT_KINDS)}")
    return frozenset(row.words[0] for row in _shipped_rows()
                     if len(row.words) == 1 and row.report in kinds and (classes is None or row.cls in classes))


@lru_cache(maxsize=8)
def event_nouns(*, kinds: tuple[str, ...] = ("event", "occurrence")) -> frozenset[str]:
    """Nouns of ``lexicon/event_nouns.tsv`` whose kind is one of ``kinds`` (default: the happenings).

    The timeline dates ``event`` and ``occurrence`` nouns and never a ``not_event``; topic
    proposal reads ``event`` and ``measure`` nouns.

    >>> sorted(event_nouns(kinds=("event", "measure")) - event_nouns(kinds=("event",)))[:3]
    ['ban', 'bill', 'law']
    """
    unknown = set(kinds) - set(EVENT_NOUN_KINDS)
    if unknown:
        raise ValueError(f"unknown event-noun kinds {sorted(unknown)}; expected {', '.join(EVENT_NOUN_KINDS)}")
    return frozenset(row["word"].lower() for row in read_table("lexicon/event_nouns.tsv") if row["kind"] in kinds)


@lru_cache(maxsize=1)
def object_control_verbs() -> frozenset[str]:
    """Verbs whose object is the doer of a following infinitive (``lexicon/object_control_verbs.txt``).

    "urged Seoul to act": Seoul acts; unlike a purpose clause, "summoned the envoy to protest",
    where the subject does.

    >>> sorted(object_control_verbs() & {"urge", "tell", "summon"})
    ['tell', 'urge']
    """
    return frozenset(w.lower() for w in data_lines("lexicon/object_control_verbs.txt"))


#: The kinds of ``data/lexicon/time_words.tsv``.
TIME_KINDS = ("weekday", "day", "relative", "deictic", "adverb", "noun", "period")


@lru_cache(maxsize=1)
def _time_table() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in read_table("lexicon/time_words.tsv"):
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

