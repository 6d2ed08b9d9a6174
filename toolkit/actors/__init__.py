"""Actors: mentions of people, organisations, countries and places, resolved to canonical actors
across a document (aliases, titles, appositions, pronouns), with their affiliation.

Modules: :mod:`.lexicon` (the alias, title and body tables), :mod:`.mentions` (candidates
read off each sentence, :func:`find_mentions`, :func:`antecedent`), :mod:`.resolve` (the
:class:`~toolkit.actors.resolve.Resolver` that turns candidates into actors, :func:`name_key`).
Imports :mod:`toolkit.text` and the data tables only; the analyses import this.

>>> from toolkit.text.tagging import process
>>> [(m.text, m.actor) for m in find_mentions(process("Kim Hong-kyun met NATO officials in Brussels."))]
[('Kim Hong-kyun', 'Kim Hong-kyun'), ('NATO', 'NATO'), ('Brussels', 'Brussels')]
"""
from toolkit.actors.lexicon import Entry, Lexicon, lexicon
from toolkit.actors.mentions import PRONOUNS, Mention, antecedent, boilerplate_sentences, find_mentions
from toolkit.actors.resolve import name_key

__all__ = ["Mention", "Entry", "Lexicon", "lexicon", "find_mentions", "antecedent", "boilerplate_sentences",
           "name_key", "PRONOUNS"]
