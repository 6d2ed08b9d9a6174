"""Quotes: who is quoted saying what -- direct, mixed and indirect attribution with speaker, cue
and content spans, each speaker resolved to an actor.

Imports :mod:`toolkit.text` and :mod:`toolkit.actors`; :mod:`toolkit.stance` may import this.
"""
from toolkit.quotes.extract import KINDS, Quote, Span, find_quotes

__all__ = ["KINDS", "Span", "Quote", "find_quotes"]
