"""The mention record: one span of text that refers to an actor, as every analysis reads it.

Kept apart from :mod:`toolkit.actors.mentions` (which finds names) so that
:mod:`toolkit.actors.coref` (which adds pronouns and descriptions) can build them too.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention", "PRONOUNS"]

PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person",
    "she": "person", "her": "person", "hers": "person", "herself": "person",
    "it": "body", "its": "body", "itself": "body",
    "they": "plural", "them": "plural", "their": "plural", "themselves": "plural",
}


@dataclass(slots=True)
class Mention:
    """One actor mention; ``text == document_text[start:end]``.

    >>> m = Mention(0, 7, "Peskov", "Dmitry Peskov", "person", "Russia", 0, 0, 1, "name")
    >>> m.party, m.to_dict()["affiliation"]
    ('Russia', 'Russia')
    """

    start: int
    end: int
    text: str
    actor: str
    kind: str
    affiliation: str | None
    sentence: int
    first: int  # token range [first, last)
    last: int
    #: how it was found: alias, demonym, capital, seat, name, title, body, description, given; added by
    #: document-level resolution: pronoun, reference (a description of a named actor), author (an
    #: editorial's "we"), unnamed (a description of someone the article never names: "the Russian
    #: ambassador", whose actor is the description itself)
    via: str
    title: str | None = None
    #: Spans of the mentions this one was resolved through (a pronoun's antecedent, the full name
    #: of a surname), nearest first: what a reader checks the resolution against.
    chain: tuple[tuple[int, int], ...] = ()
    #: The actor's labels as a source (:mod:`toolkit.actors.profile`): gender (persons) and role.
    gender: str | None = None
    role: str | None = None

    def to_dict(self) -> dict:
        """The mention as the annotate contract writes it (no token range)."""
        return {"start": self.start, "end": self.end, "text": self.text, "actor": self.actor, "kind": self.kind,
                "affiliation": self.affiliation, "sentence": self.sentence, "via": self.via, "title": self.title,
                "chain": [{"start": s, "end": e} for s, e in self.chain], "gender": self.gender, "role": self.role}

    @property
    def party(self) -> str:
        """The actor a mention speaks for: its affiliation when it has one, else itself."""
        return self.affiliation or self.actor
