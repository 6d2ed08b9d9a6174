"""Cue lexicon: the verbs and phrases that attribute content to a source, read from data tables.

The cue verbs are the reporting verbs of ``data/lexicon/reporting_verbs.tsv`` (read by
:func:`toolkit.text.lexicon.reporting_verb_rows`, shared with the timeline and stance): verbs
by lemma (with fixed particles: "call for", "point out"), their class (speech, belief,
intention, evidence, evaluation, request) and the complements that carry what is attributed
(a clause, a quote, an object, an infinitive ...); ``data/quotes/cue_phrases.tsv`` lists phrases such as
"according to" and "quoted ... as saying". Users extend either with a table of the
same columns. ``data/quotes/document_nouns.txt`` and ``data/quotes/heading_labels.txt`` are
small word lists the extractor consults.

Example::

    >>> lex = cue_lexicon()
    >>> [(e.words, e.cls, sorted(e.frames)) for e in lex.verb_entries("say")]
    [(('say',), 'speech', ['clause', 'paren'])]
    >>> sorted(e.role for e in lex.phrases["according"])
    ['source-after']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.resources import data_lines, read_table
from toolkit.text.lexicon import ReportingVerb, reporting_verb_rows

__all__ = ["CueEntry", "PhraseEntry", "CueLexicon", "build_cue_lexicon", "cue_lexicon", "document_nouns",
           "heading_labels"]


#: A cue verb (lemma plus fixed following words), its class and the complements that carry content:
#: one row of the reporting-verb table.
CueEntry = ReportingVerb


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    words: tuple[str, ...]  # "..." marks the source's noun phrase
    cls: str
    role: str


@dataclass
class CueLexicon:
    verbs: dict[str, list[CueEntry]] = field(default_factory=dict)
    phrases: dict[str, list[PhraseEntry]] = field(default_factory=dict)

    def verb_entries(self, lemma: str) -> list[CueEntry]:
        return self.verbs.get(lemma, [])


def build_cue_lexicon(*, verbs: str | None = None, phrases: str | None = None) -> CueLexicon:
    """Read ``data/lexicon/reporting_verbs.tsv`` and ``data/quotes/cue_phrases.tsv`` (plus a user's
    tables with the same columns: ``cue``, ``class``, ``frames``; ``phrase``, ``class``, ``role``)."""
    lex = CueLexicon()
    for entry in reporting_verb_rows(extra=verbs):
        bucket = lex.verbs.setdefault(entry.words[0], [])
        bucket.append(entry)
        bucket.sort(key=lambda e: -len(e.words))
    for row in read_table("quotes/cue_phrases.tsv", extra=phrases):
        words = tuple(row["phrase"].lower().split())
        if words:
            lex.phrases.setdefault(words[0], []).append(PhraseEntry(words, row.get("class") or "speech",
                                                                    row.get("role") or "source-after"))
    return lex


@lru_cache(maxsize=4)
def cue_lexicon(verbs: str | None = None, phrases: str | None = None) -> CueLexicon:
    """The cue lexicon, built once per process (and per user table)."""
    return build_cue_lexicon(verbs=verbs, phrases=phrases)


@lru_cache(maxsize=1)
def heading_labels() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("quotes/heading_labels.txt"))


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines("quotes/document_nouns.txt"))
