"""The actor tables, read once and indexed for matching against tokens.

Aliases of countries (other names, demonyms, capitals, seats of government:
``data/actors/countries.tsv``), of organisations and bodies named without their
country (``data/actors/actor_aliases.tsv``, plus a user's own alias file) and of the
US states (NLTK's gazetteers); the phrase tables of titles
(``data/actors/titles.tsv``), their modifiers and bodies (``data/actors/bodies.tsv``);
the word lists that classify a bare proper-noun run (``data/actors/name_words.tsv``,
``data/actors/non_names.txt``, NLTK's names, words and gazetteers); and the patterns
of credit lines (``data/actors/boilerplate.tsv``).

Example::

    >>> lex = lexicon()
    >>> [(entry.canonical, entry.via) for _, entry in lex.aliases["Seoul"]], lex.titles["prime"]
    ([('South Korea', 'capital')], [('prime', 'minister')])
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.resources import data_lines, read_table, require_nltk
from toolkit.text.tagging import english_words
from toolkit.text.tokens import Token, word_spans

__all__ = ["KINDS", "ROLES", "Entry", "Lexicon", "build_lexicon", "lexicon", "ordinary_word"]

#: The kinds of actor an alias may stand for.
KINDS = ("person", "organisation", "country", "place")
#: The roles a source can play (definitions: ``data/actors/roles.tsv``).
ROLES = ("politician", "government", "legal", "expert", "business", "civil_society", "media", "citizen",
         "document", "other")


@dataclass(frozen=True, slots=True)
class Entry:
    """What an alias stands for.

    ``via`` says how the alias names it (alias, demonym, capital, seat);
    ``requires`` is an actor that must be named elsewhere in the document for the
    alias to count ("the North" needs North Korea); ``needs_the`` an alias written
    with "the" in its table ("the Kremlin") that only counts after "the".
    """

    canonical: str
    kind: str
    affiliation: str | None
    via: str  # alias | demonym | capital | seat
    requires: str | None = None
    needs_the: bool = False


def _alias_tokens(text: str) -> tuple[str, ...]:
    """The tokens of a table entry as they are in running text ("Sen." stays one token)."""
    padded = text + " x"
    return tuple(padded[s:e] for s, e in word_spans(padded, 0, len(padded)))[:-1]


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


@dataclass
class Lexicon:
    """Alias, title and body tables, indexed for token matching.

    >>> lex = Lexicon()
    >>> lex.add_alias("the North", Entry("North Korea", "country", None, "alias", requires="North Korea"))
    >>> [(tokens, entry.needs_the) for tokens, entry in lex.aliases["North"]]
    [(('North',), True)]
    """

    aliases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    adjective: dict[str, str] = field(default_factory=dict)  # country -> "South Korean"
    titles: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    bodies: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()
    english: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    non_names: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    roles: dict[str, str] = field(default_factory=dict)  # canonical actor -> its role as a source ("NATO" -> government)
    place_words: frozenset[str] = frozenset()
    boilerplate: tuple[re.Pattern, ...] = ()

    def add_alias(self, alias: str, entry: Entry) -> None:
        """Index ``alias`` (tokenized as in running text) under its first token, longest first."""
        text = alias.strip()
        if text.lower().startswith("the "):
            text = text[4:]
            entry = Entry(entry.canonical, entry.kind, entry.affiliation, entry.via, entry.requires, True)
        toks = _alias_tokens(text)
        if not toks:
            return
        variants = {toks}
        if len(toks[-1]) > 1 and toks[-1].endswith("."):
            variants.add(toks[:-1] + (toks[-1][:-1],))  # "U.S." at a sentence end is "U.S" + "."
        for variant in variants:
            bucket = self.aliases.setdefault(variant[0], [])
            bucket.append((variant, entry))
            bucket.sort(key=lambda item: -len(item[0]))

    def match_alias(self, tokens: Sequence[Token], i: int) -> tuple[int, Entry] | None:
        """Longest alias starting at token ``i``: (length, entry).

        >>> from toolkit.text.tagging import process
        >>> tokens = process("The Kremlin said U.S. officials agreed.").tokens
        >>> [(n, e.canonical, e.via) for n, e in (lexicon().match_alias(tokens, i) for i in (1, 3))]
        [(1, 'Russia', 'seat'), (1, 'United States', 'alias')]
        """
        bucket = self.aliases.get(tokens[i].text)
        if not bucket:
            return None
        for toks, entry in bucket:
            n = len(toks)
            if i + n <= len(tokens) and all(tokens[i + k].text == toks[k] for k in range(1, n)):
                if entry.needs_the and (i == 0 or tokens[i - 1].text.lower() != "the"):
                    continue
                return n, entry
        return None

    def match_phrase(self, table: dict[str, list[tuple[str, ...]]], tokens: Sequence[Token], i: int) -> int:
        """Length of the longest lower-case phrase from ``table`` starting at ``i`` (0 if none).

        ``table`` maps a phrase's first word to its phrases, longest first.

        >>> from toolkit.text.tagging import process
        >>> tokens = process("The prime minister left.").tokens
        >>> [lexicon().match_phrase(lexicon().titles, tokens, i) for i in range(3)]
        [0, 2, 1]
        """
        phrases = table.get(tokens[i].text.lower())
        if not phrases:
            return 0
        for phrase in phrases:
            n = len(phrase)
            if n == 1:
                return 1
            if i + n <= len(tokens) and all(tokens[i + k].text.lower() == phrase[k] for k in range(1, n)):
                return n
        return 0


def _names_corpus() -> frozenset[str]:
    try:
        require_nltk("names")
        from nltk.corpus import names

        return frozenset(names.words())
    except Exception:  # noqa: BLE001 - first names only sharpen person detection
        return frozenset()


def _gazetteer_places() -> frozenset[str]:
    try:
        require_nltk("gazetteers")
        from nltk.corpus import gazetteers

        return frozenset(gazetteers.words(["uscities.txt", "usstates.txt", "caprovinces.txt", "mexstates.txt"]))
    except Exception:  # noqa: BLE001
        return frozenset()


def _phrase_table(phrases: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in set(phrases):
        if phrase:
            table.setdefault(phrase[0], []).append(phrase)
    for bucket in table.values():
        bucket.sort(key=len, reverse=True)
    return table


def _us_states() -> list[str]:
    """US state names from NLTK's gazetteers (places affiliated with the United States)."""
    try:
        require_nltk("gazetteers")
        from nltk.corpus import gazetteers

        return [s for s in gazetteers.words("usstates.txt") if s != "Washington"]  # the capital wins
    except Exception:  # noqa: BLE001 - without the gazetteer, states are read as names
        return []


def build_lexicon(*, aliases: str | os.PathLike | None = None) -> Lexicon:
    """Read the shipped tables (and a user's alias file with the columns of ``data/actors/actor_aliases.tsv``).

    >>> lex = build_lexicon()
    >>> lex.adjective["South Korea"], [e.canonical for _, e in lex.aliases["Kremlin"]]
    ('South Korean', ['Russia'])
    """
    lex = Lexicon()
    for row in read_table("actors/countries.tsv"):
        country = row["country"]
        lex.add_alias(country, Entry(country, "country", None, "alias"))
        for alias in _split(row["aliases"]):
            lex.add_alias(alias, Entry(country, "country", None, "alias"))
        demonyms = _split(row["demonyms"])
        if demonyms:
            lex.adjective[country] = demonyms[0]
        for demonym in demonyms:
            lex.add_alias(demonym, Entry(country, "country", None, "demonym"))
        for capital in _split(row["capitals"]):
            lex.add_alias(capital, Entry(country, "country", None, "capital"))
        for seat in _split(row["seats"]):
            lex.add_alias(seat, Entry(country, "country", None, "seat"))
    for state in _us_states():
        lex.add_alias(state, Entry(state, "place", "United States", "alias"))
    for row in read_table("actors/actor_aliases.tsv", extra=aliases):
        kind = row.get("kind") or "organisation"
        if kind not in KINDS:
            raise ValueError(f"actor alias {row.get('alias')!r}: kind must be one of {', '.join(KINDS)}")
        lex.add_alias(row["alias"], Entry(row["canonical"], kind, row.get("affiliation") or None, "alias",
                                          row.get("requires") or None))
        if row.get("role"):
            if row["role"] not in ROLES:
                raise ValueError(f"actor alias {row.get('alias')!r}: role must be one of {', '.join(ROLES)}")
            lex.roles[row["canonical"]] = row["role"]
    # Tokenize the capitalised form so "Sen." stays one token, as it does in running text.
    lex.titles = _phrase_table(tuple(t.lower() for t in _alias_tokens(r["title"].title()))
                               for r in read_table("actors/titles.tsv"))
    lex.modifiers = frozenset(data_lines("actors/title_modifiers.txt"))
    lex.bodies = _phrase_table(_alias_tokens(r["body"].lower()) for r in read_table("actors/bodies.tsv"))
    lex.non_names = frozenset(w.lower() for w in data_lines("actors/non_names.txt"))
    words = read_table("actors/name_words.tsv")
    lex.org_words = frozenset(r["word"] for r in words if r["class"] == "organisation")
    lex.place_words = frozenset(r["word"] for r in words if r["class"] == "place")
    lex.boilerplate = tuple(re.compile(r["pattern"], re.I) for r in read_table("actors/boilerplate.tsv"))
    lex.first_names = _names_corpus()
    lex.english = english_words()
    lex.places = _gazetteer_places()
    return lex


#: Plurals no suffix rule reaches ("U.N. Women" is not a person called Women).
_IRREGULAR_PLURALS = {"women": "woman", "men": "man", "children": "child", "people": "person", "feet": "foot",
                      "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife"}


def ordinary_word(low: str, lex: Lexicon) -> bool:
    """A lower-case word or a regular inflection of one is in the English word list.

    NLTK's list has base forms only: "remarks", "shows", "comes" are found through theirs.

    >>> [ordinary_word(w, lexicon()) for w in ("remarks", "shows", "parties", "women", "clinton")]
    [True, True, True, True, False]
    """
    english = lex.english
    if low in english or _IRREGULAR_PLURALS.get(low, "") in english:
        return True
    if low.endswith("ies") and low[:-3] + "y" in english:
        return True
    if low.endswith("s") and (low[:-1] in english or (low.endswith("es") and low[:-2] in english)):
        return True
    if low.endswith("ed") and (low[:-2] in english or low[:-1] in english):
        return True
    return low.endswith("ing") and (low[:-3] in english or low[:-3] + "e" in english)


@lru_cache(maxsize=8)
def lexicon(aliases: str | None = None) -> Lexicon:
    """The lexicon, built once per process (and per user alias file).

    >>> lexicon() is lexicon()
    True
    """
    return build_lexicon(aliases=aliases)
