"""Actors: mentions of people, organisations, countries and places, resolved to canonical actors
across a document (aliases, titles, appositions, pronouns), with their affiliation.

Imports :mod:`toolkit.text` and the data tables only; the analyses import this.

>>> from toolkit.text.tagging import process
>>> [m.actor for m in find_mentions(process("Kim Hong-kyun met NATO officials."))]
['Kim Hong-kyun', 'NATO']
"""
from toolkit.actors.mentions import (PRONOUNS, Entry, Lexicon, Mention, antecedent, boilerplate_sentences,
                                     find_mentions, lexicon, name_key)

__all__ = ["Mention", "Entry", "Lexicon", "lexicon", "find_mentions", "antecedent", "boilerplate_sentences",
           "name_key", "PRONOUNS"]
