"""Cue lexicon: the verbs and phrases that attribute content to a source, read from data tables.

The cue verbs are the reporting verbs of ``data/lexicon/reporting_verbs.tsv`` (read by
:func:`toolkit.text.lexicon.reporting_verb_rows`, shared with the timeline and stance): verbs
by lemma (with fixed particles: "call for", "point out"), their class (speech, belief,
intention, evidence, evaluation, request) and the complements that carry what is attributed
(a clause, a quote, an object, an infinitive ...); ``data/quotes/cue_phrases.tsv`` lists phrases such as
"according to" and "quoted ... as saying". Both tables give each cue a ``framing``
(:data:`~toolkit.text.lexicon.FRAMINGS`): whether the verb reports the content plainly ("said":
neutral), distances the writer from it ("claimed": doubt), concedes it ("admitted"), denies it
... (:func:`framing_of`; the classes and their sources are in the verb table's header). Users
extend either table with a table of the same columns. ``data/quotes/document_nouns.txt`` and
``data/quotes/heading_labels.txt`` are small word lists the extractor consults.

Example::

    >>> lex = cue_lexicon()
    >>> [(e.words, e.cls, sorted(e.frames), e.framing) for e in lex.verb_entries("say")]
    [(('say',), 'speech', ['clause', 'paren'], 'neutral')]
    >>> sorted((e.role, e.framing) for e in lex.phrases["according"])
    [('source-after', 'neutral')]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.resources import data_lines, read_table
from toolkit.text.lexicon import FRAMINGS, ReportingVerb, check_framing, reporting_verb_rows

__all__ = ["CueEntry", "PhraseEntry", "CueLexicon", "FRAMINGS", "build_cue_lexicon", "cue_lexicon", "framing_of",
           "document_nouns", "heading_labels"]


#: A cue verb (lemma plus fixed following words), its class and the complements that carry content:
#: one row of the reporting-verb table.
CueEntry = ReportingVerb


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    words: tuple[str, ...]  # "..." marks the source's noun phrase
    cls: str
    role: str
    framing: str | None = None  # one of FRAMINGS, None when a user's row gives none

    @property
    def cue(self) -> str:
        """The phrase as written in the table ("according to", "quoted ... as saying")."""
        return " ".join(self.words)


@dataclass
class CueLexicon:
    verbs: dict[str, list[CueEntry]] = field(default_factory=dict)
    phrases: dict[str, list[PhraseEntry]] = field(default_factory=dict)

    def verb_entries(self, lemma: str) -> list[CueEntry]:
        return self.verbs.get(lemma, [])

    def entry(self, cue: str) -> CueEntry | PhraseEntry | None:
        """The verb or phrase entry written ``cue`` in its table ("say", "call for", "according to")."""
        words = tuple(cue.lower().split())
        if not words:
            return None
        for found in (*self.verbs.get(words[0], ()), *self.phrases.get(words[0], ())):
            if found.words == words:
                return found
        return None


def build_cue_lexicon(*, verbs: str | None = None, phrases: str | None = None) -> CueLexicon:
    """Read ``data/lexicon/reporting_verbs.tsv`` and ``data/quotes/cue_phrases.tsv`` (plus a user's
    tables with the same columns: ``cue``, ``class``, ``frames``; ``phrase``, ``class``, ``role``; optionally
    ``framing`` in both)."""
    lex = CueLexicon()
    for entry in reporting_verb_rows(extra=verbs):
        bucket = lex.verbs.setdefault(entry.words[0], [])
        bucket.append(entry)
        bucket.sort(key=lambda e: -len(e.words))
    for row in read_table("quotes/cue_phrases.tsv", extra=phrases):
        words = tuple(row["phrase"].lower().split())
        if words:
            framing = check_framing(row.get("framing"), f"cue phrase {row['phrase']!r}")
            lex.phrases.setdefault(words[0], []).append(PhraseEntry(words, row.get("class") or "speech",
                                                                    row.get("role") or "source-after", framing))
    return lex


@lru_cache(maxsize=4)
def cue_lexicon(verbs: str | None = None, phrases: str | None = None) -> CueLexicon:
    """The cue lexicon, built once per process (and per user table)."""
    return build_cue_lexicon(verbs=verbs, phrases=phrases)


def framing_of(lemma: str, lex: CueLexicon | None = None) -> str | None:
    """How the cue ``lemma`` frames what it reports (one of :data:`FRAMINGS`), None when it is no cue.

    ``lemma`` is a verb's lemma, with its particle or fixed words ("call for"), or a phrase of
    ``cue_phrases.tsv`` as written there ("according to"); ``lex`` a cue lexicon with a user's
    tables (default: the shipped ones). An inflected form is not looked up: give the lemma.

    >>> [framing_of(c) for c in ("say", "claim", "admit", "insist", "deny", "urge", "call for")]
    ['neutral', 'doubt', 'concession', 'assertive', 'denial', 'directive', 'directive']
    >>> framing_of("According to"), framing_of("claimed"), framing_of("sing")
    ('neutral', None, None)
    """
    found = (lex or cue_lexicon()).entry(lemma)
    return found.framing if found is not None else None


@lru_cache(maxsize=1)
def heading_labels() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("quotes/heading_labels.txt"))


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("quotes/document_nouns.txt"))
