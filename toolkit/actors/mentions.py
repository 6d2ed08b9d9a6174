"""Who's who: actor mentions resolved to canonical actors and their affiliations.

A mention is a span of text that refers to a person, an organisation, a country
or a place. Each is resolved, within its document, to a canonical actor:

* aliases from data tables — countries with their other names, demonyms,
  capitals and seats of government (``data/actors/countries.tsv``), organisations and
  bodies named without their country (``data/actors/actor_aliases.tsv``), plus a user's
  own alias file: "Seoul", "South Korean" → South Korea; "the Kremlin",
  "Moscow" → Russia;
* proper-noun runs from the POS tags, split around aliases and titles
  (``data/actors/titles.tsv``): "South Korean President Yoon Suk Yeol" → South Korea +
  the person Yoon Suk Yeol, affiliated with South Korea;
* bodies (``data/actors/bodies.tsv``) owned by a country or a person: "South Korea's
  foreign ministry" → *South Korean foreign ministry*, affiliated with South Korea;
* descriptions resolved to the actor the article names: "the ministry" → the
  last ministry mentioned, "the Russian ambassador" → the Russian ambassador the
  article names (before or after);
* appositions ("Lin Jian, a Chinese foreign ministry spokesperson,") and the
  sentence's acting body for a bare title ("The Kremlin declined ... but
  spokesman Dmitry Peskov said" → Peskov speaks for Russia);
* name coreference: "Kim" → the Kim Hong-kyun named earlier.

Pronouns are not mentions here; :func:`antecedent` resolves one on demand (the
analyses call it for "he said" and the like).

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("Russian ambassador Georgy Zinoviev met Kim. Zinoviev said Moscow agreed.")
    >>> [(m.text, m.actor, m.affiliation) for m in find_mentions(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('Russian', 'Russia', None), ('Georgy Zinoviev', 'Georgy Zinoviev', 'Russia'),
     ('Kim', 'Kim', None), ('Zinoviev', 'Georgy Zinoviev', 'Russia'), ('Moscow', 'Russia', None)]
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.resources import data_lines, read_table, require_nltk
from toolkit.text.clauses import LOCATIVE
from toolkit.text.tagging import english_words
from toolkit.text.tokens import Doc, Sentence, Token, word_spans

__all__ = ["Mention", "Entry", "Lexicon", "lexicon", "find_mentions", "antecedent", "boilerplate_sentences",
           "name_key", "PRONOUNS"]

KINDS = ("person", "organisation", "country", "place")
NAME_TAGS = frozenset({"NNP", "NNPS"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "one"})
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person",
    "she": "person", "her": "person", "hers": "person", "herself": "person",
    "it": "body", "its": "body", "itself": "body",
    "they": "plural", "them": "plural", "their": "plural", "themselves": "plural",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """What an alias stands for."""

    canonical: str
    kind: str
    affiliation: str | None
    via: str  # alias | demonym | capital | seat
    requires: str | None = None
    needs_the: bool = False


@dataclass(slots=True)
class Mention:
    """One actor mention; ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    actor: str
    kind: str
    affiliation: str | None
    sentence: int
    first: int  # token range [first, last)
    last: int
    via: str  # alias, demonym, capital, seat, name, title, body, description, apposition, given
    title: str | None = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "actor": self.actor, "kind": self.kind,
                "affiliation": self.affiliation, "sentence": self.sentence, "via": self.via, "title": self.title}

    @property
    def party(self) -> str:
        """The actor a mention speaks for: its affiliation when it has one, else itself."""
        return self.affiliation or self.actor


# --------------------------------------------------------------------------- lexicon


def _alias_tokens(text: str) -> tuple[str, ...]:
    padded = text + " x"
    return tuple(padded[s:e] for s, e in word_spans(padded, 0, len(padded)))[:-1]


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


@dataclass
class Lexicon:
    """Alias, title and body tables, indexed for token matching."""

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
    place_words: frozenset[str] = frozenset()
    boilerplate: tuple[re.Pattern, ...] = ()

    def add_alias(self, alias: str, entry: Entry) -> None:
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
        """Longest alias starting at token ``i``: (length, entry)."""
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
    """Read the shipped tables (and a user's alias file with the columns of ``data/actors/actor_aliases.tsv``)."""
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


@lru_cache(maxsize=8)
def lexicon(aliases: str | None = None) -> Lexicon:
    """The lexicon, built once per process (and per user alias file)."""
    return build_lexicon(aliases=aliases)


# --------------------------------------------------------------------------- sentence chunks


@dataclass(slots=True)
class _Chunk:
    kind: str  # ALIAS POSS MOD TITLE BODY NAME DET COMMA PREP OTHER
    first: int  # token index in the document
    last: int
    entry: Entry | None = None


@dataclass(slots=True)
class _Raw:
    """A mention before document-level resolution."""

    first: int
    last: int
    sentence: int
    via: str
    entry: Entry | None = None
    title: str | None = None
    title_head: str | None = None
    body: str | None = None
    owner: "_Raw | None" = None
    definite: bool = False
    locative: bool = False
    subject: bool = False
    context_owner: "_Raw | None" = None
    apposition_owner: "_Raw | None" = None
    given: bool = False
    given_span: tuple[int, int] | None = None
    # filled by resolution
    actor: str | None = None
    kind: str | None = None
    affiliation: str | None = None


def boilerplate_sentences(doc: Doc, *, lex: Lexicon | None = None) -> set[int]:
    """Indices of sentences in credit lines, copyright notices and other production notes."""
    lex = lex or lexicon()
    out: set[int] = set()
    bad_paragraphs = {p for p, (s, e) in enumerate(doc.paragraphs)
                      if any(rx.match(doc.text, s, e) for rx in lex.boilerplate)}
    for sent in doc.sentences:
        if sent.paragraph in bad_paragraphs or any(rx.match(doc.text, sent.start, sent.end) for rx in lex.boilerplate):
            out.add(sent.i)
    return out


def _is_name_token(tok: Token, lex: Lexicon) -> bool:
    if tok.tag not in NAME_TAGS:
        return tok.tag in ("JJ", "NN", "FW") and "-" in tok.text and tok.text[:1].isupper() \
            and tok.text.lower() not in lex.english
    first = tok.text[:1]
    return first.isupper() and tok.text.lower() not in lex.non_names and any(c.isalpha() for c in tok.text)


def _title_case(tokens: Sequence[Token]) -> bool:
    """A headline or subhead in Title Case: no final period and most longer words capitalised."""
    if tokens[-1].text in (".", "!", "?") or (len(tokens) > 1 and tokens[-2].text in (".", "!", "?")):
        return False
    words = [t.text for t in tokens if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _chunks(tokens: Sequence[Token], lex: Lexicon, *, title_case: bool) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        low = tok.text.lower()
        match = lex.match_alias(tokens, i)
        if match:
            length, entry = match
            # A capital or country inside a longer name is not the country ("Washington Post").
            single_place = entry.via in ("capital", "alias") and entry.kind in ("country", "place") and length == 1
            nxt = tokens[i + length] if i + length < n else None
            prev = tokens[i - 1] if i else None
            inside_name = single_place and not title_case and (
                (nxt is not None and _is_name_token(nxt, lex) and not lex.match_alias(tokens, i + length)
                 and not lex.match_phrase(lex.titles, tokens, i + length)
                 and nxt.text.lower() not in lex.modifiers)
                or (prev is not None and prev.tag in NAME_TAGS and prev.text[:1].isupper()
                    and not lex.match_alias(tokens, i - 1) and i - 1 > 0
                    and prev.text.lower() not in lex.modifiers
                    and not lex.match_phrase(lex.titles, tokens, i - 1)))
            if not inside_name:
                chunks.append(_Chunk("ALIAS", tok.i, tok.i + length, entry))
                i += length
                continue
            # else: part of a longer name ("Washington Post"): read it as a name run below.
        elif tok.text in POSSESSIVE and tok.tag == "POS":
            chunks.append(_Chunk("POSS", tok.i, tok.i + 1))
            i += 1
            continue
        length = lex.match_phrase(lex.titles, tokens, i)
        if length and (tok.tag.startswith("NN") or tok.tag in ("JJ", "VB", "VBP")):
            chunks.append(_Chunk("TITLE", tok.i, tok.i + length))
            i += length
            continue
        length = lex.match_phrase(lex.bodies, tokens, i)
        if length and tokens[i + length - 1].tag.startswith("NN"):
            chunks.append(_Chunk("BODY", tok.i, tok.i + length))
            i += length
            continue
        if low in lex.modifiers and tok.tag in ("JJ", "NN", "NNP", "RB", "CD", "JJS", "JJR", "VBN"):
            chunks.append(_Chunk("MOD", tok.i, tok.i + 1))
            i += 1
            continue
        if not title_case and (_is_name_token(tok, lex) or match):
            j = i + 1
            while j < n and _is_name_token(tokens[j], lex) and not lex.match_alias(tokens, j) \
                    and not lex.match_phrase(lex.titles, tokens, j):
                j += 1
            chunks.append(_Chunk("NAME", tok.i, tokens[j - 1].i + 1))
            i = j
            continue
        if low in DEFINITE or low in INDEFINITE:
            chunks.append(_Chunk("DET", tok.i, tok.i + 1))
        elif tok.text == ",":
            chunks.append(_Chunk("COMMA", tok.i, tok.i + 1))
        elif tok.tag in ("IN", "TO"):
            chunks.append(_Chunk("PREP", tok.i, tok.i + 1))
        else:
            chunks.append(_Chunk("OTHER", tok.i, tok.i + 1))
        i += 1
    return chunks


def _sentence_raw(doc: Doc, sent: Sentence, lex: Lexicon) -> list[_Raw]:
    tokens = doc.tokens[sent.first:sent.last]
    if not tokens:
        return []
    chunks = _chunks(tokens, lex, title_case=_title_case(tokens))
    raws: list[_Raw] = []
    toks = doc.tokens
    n = len(chunks)

    def phrase(c0: int, c1: int) -> str:
        return " ".join(toks[k].text.lower() for ch in chunks[c0:c1] for k in range(ch.first, ch.last))

    def prep_before(c: int) -> str | None:
        k = c - 1
        while k >= 0 and chunks[k].kind in ("DET", "MOD"):
            k -= 1
        return toks[chunks[k].first].text.lower() if k >= 0 and chunks[k].kind == "PREP" else None

    c = 0
    subject_taken = False
    poss_owner: _Raw | None = None  # "Russia's" before a name: "Russia's Far East"
    while c < n:
        ch = chunks[c]
        owner: _Raw | None = None
        start_c = c
        definite = indefinite = False
        if ch.kind == "DET":
            definite = toks[ch.first].text.lower() in DEFINITE
            indefinite = not definite
            c += 1
            if c >= n:
                break
            ch = chunks[c]
        # An owner: an alias or a name, optionally with a possessive.
        if ch.kind in ("ALIAS", "NAME"):
            via = ch.entry.via if ch.entry else "name"
            raw = _Raw(ch.first, ch.last, sent.i, via, ch.entry)
            prep = prep_before(c)
            raw.locative = prep in LOCATIVE or _is_dateline(sent, chunks, c)
            raw.subject = not subject_taken and prep is None
            if poss_owner is not None and ch.kind == "NAME" and chunks[c - 1].kind == "POSS":
                raw.owner = poss_owner
            poss_owner = None
            raws.append(raw)
            owner = raw
            c += 1
            if c < n and chunks[c].kind == "POSS":
                c += 1
                poss_owner = raw
        # Modifiers, then a title or a body.
        mods_start = c
        dem_owner = owner
        while c < n and _modifies_title(chunks, c):
            if chunks[c].kind == "ALIAS":
                dem = _Raw(chunks[c].first, chunks[c].last, sent.i, "demonym", chunks[c].entry)
                raws.append(dem)
                dem_owner = dem_owner or dem
            c += 1
        if c < n and chunks[c].kind == "TITLE":
            while c + 1 < n and chunks[c + 1].kind == "TITLE":
                c += 1
            title = phrase(mods_start, c + 1)
            head = phrase(c, c + 1)
            if c + 1 < n and chunks[c + 1].kind == "NAME":
                name = chunks[c + 1]
                person = _Raw(name.first, name.last, sent.i, "title", None, title=title, title_head=head,
                              owner=dem_owner)
                person.subject = not subject_taken and prep_before(start_c) is None
                raws.append(person)
                c += 2
            elif definite:
                desc = _Raw(chunks[start_c].first, chunks[c].last, sent.i, "description", None, title=title,
                            title_head=head, owner=dem_owner, definite=True)
                desc.subject = not subject_taken and prep_before(start_c) is None
                raws.append(desc)
                c += 1
            elif indefinite or owner is None:
                # "Lin Jian, a Chinese foreign ministry spokesperson," — an apposition to the name before.
                target = _apposition_target(chunks, start_c, raws)
                if target is not None:
                    target.title = target.title or title
                    target.title_head = target.title_head or head
                    target.apposition_owner = dem_owner or _of_owner(chunks, c + 1, raws, sent, lex, toks)
                c += 1
            else:
                c += 1
            subject_taken = subject_taken or prep_before(start_c) is None
            continue
        if c < n and chunks[c].kind == "BODY":
            body = phrase(mods_start, c + 1)
            if owner is not None or dem_owner is not None or definite:
                raw = _Raw(chunks[start_c].first, chunks[c].last, sent.i,
                           "body" if (owner or dem_owner) else "description", None, body=body,
                           title_head=phrase(c, c + 1), owner=owner or dem_owner, definite=definite)
                raw.subject = not subject_taken and prep_before(start_c) is None
                raws.append(raw)
            c += 1
            subject_taken = subject_taken or prep_before(start_c) is None
            continue
        if owner is not None:
            subject_taken = subject_taken or owner.subject
        if c == start_c:
            c += 1
    return raws


def _modifies_title(chunks: list[_Chunk], c: int) -> bool:
    """A chunk inside a title or body phrase: a modifier, a demonym, or a body before a title."""
    ch = chunks[c]
    if ch.kind == "MOD" or (ch.kind == "ALIAS" and ch.entry.via == "demonym"):
        return True
    return ch.kind == "BODY" and c + 1 < len(chunks) and chunks[c + 1].kind in ("TITLE", "MOD", "BODY")


def _is_dateline(sent: Sentence, chunks: list[_Chunk], c: int) -> bool:
    """A place name opening one of the first paragraphs, followed by a comma: "Seoul, South Korea —"."""
    return (c == 0 and sent.paragraph <= 2 and chunks[c].first == sent.first and c + 1 < len(chunks)
            and chunks[c + 1].kind == "COMMA")


def _apposition_target(chunks: list[_Chunk], start_c: int, raws: list[_Raw]) -> _Raw | None:
    """The name a comma-delimited description follows ("Lin Jian, a ... spokesperson")."""
    k = start_c - 1
    if k < 1 or chunks[k].kind != "COMMA":
        return None
    prev = chunks[k - 1]
    if prev.kind != "NAME":
        return None
    for raw in reversed(raws):
        if raw.first == prev.first and raw.last == prev.last:
            return raw
    return None


def _of_owner(chunks: list[_Chunk], c: int, raws: list[_Raw], sent: Sentence, lex: Lexicon, toks) -> _Raw | None:
    """'spokesman for the Chinese foreign ministry' / 'head of the IAEA': the owner after of/for/at."""
    if c < len(chunks) and chunks[c].kind == "PREP" and toks[chunks[c].first].text.lower() in ("of", "for", "at"):
        k = c + 1
        while k < len(chunks) and chunks[k].kind in ("DET", "MOD"):
            k += 1
        if k < len(chunks) and chunks[k].kind == "ALIAS":
            raw = _Raw(chunks[k].first, chunks[k].last, sent.i, chunks[k].entry.via, chunks[k].entry)
            return raw
    return None


# --------------------------------------------------------------------------- document resolution


def _classify_name(raw: _Raw, doc: Doc, lex: Lexicon) -> str | None:
    """person / organisation / place for a proper-noun run without a title, or None to drop it."""
    toks = doc.tokens[raw.first:raw.last]
    lows = [t.text.lower() for t in toks]
    if any(w in lex.org_words for w in lows):
        return "organisation"
    if any(w in lex.place_words for w in lows) or " ".join(t.text for t in toks) in lex.places:
        return "place"
    if toks[0].text in lex.first_names and len(toks) >= 2:
        return "person"
    nxt = doc.tokens[raw.last] if raw.last < len(doc.tokens) else None
    if all(t.text.isupper() for t in toks) and all(w in lex.english for w in lows):
        return None  # "FULL TEXT", "ABSTRACT": a heading, not a name
    if len(toks) == 1:
        word = toks[0].text
        if word.endswith("."):
            return None  # an abbreviation such as "Mich." or "Calif." on its own
        if word.isupper() and len(word) > 1:
            return "organisation"
        if word in lex.first_names:
            return "person"
        if lows[0] in lex.english and not (nxt is not None and nxt.lemma in ("say", "tell", "add")):
            return None
        if toks[0].tag == "NNPS" or word.endswith(("ans", "ims", "ists", "ics", "ites")):
            return None  # a group ("Muslims", "Republicans" unless aliased), not one actor
        if nxt is not None and nxt.tag in ("NN", "NNS") and nxt.text[:1].islower():
            return "organisation"  # used as a modifier: "a Facebook post"
        if raw.locative:
            return "place"
        return "person"
    if raw.locative:
        return "place"
    if all(w in lex.english for w in lows):
        return "organisation"
    return "person"


def _resolve(raws: list[_Raw], doc: Doc, lex: Lexicon) -> None:
    persons: list[tuple[int, str, list[str]]] = []  # (token, canonical, name parts lower)
    person_info: dict[str, dict] = {}
    bodies: list[tuple[int, str, str, str | None, str | None]] = []  # (token, head, canonical, affiliation, owner)
    sentence_subject: dict[int, _Raw] = {}

    def owner_party(owner: _Raw | None) -> str | None:
        if owner is None:
            return None
        if owner.actor is None:
            resolve_one(owner)
        if owner.kind in ("country", "organisation"):
            return owner.actor if owner.kind == "country" or not owner.affiliation else owner.actor
        if owner.kind == "person":
            return owner.affiliation or owner.actor
        if owner.kind == "place":
            return owner.affiliation
        return None

    def owner_label(owner: _Raw) -> str:
        if owner.kind == "country" and owner.actor in lex.adjective:
            return lex.adjective[owner.actor]
        if owner.kind == "person":
            return f"{owner.actor}'s"
        return owner.actor or ""

    def person_for_name(raw: _Raw) -> str:
        parts = [t.text for t in doc.tokens[raw.first:raw.last]]
        lows = [p.lower() for p in parts]
        text = " ".join(parts)
        if len(parts) == 1:
            for _, canonical, name_parts in reversed(persons):
                if lows[0] in name_parts:
                    return canonical
            # A later full name ("Kim ... Kim Hong-kyun" in a headline) is checked after the pass.
            return text
        key = name_key(text)
        for _, canonical, name_parts in reversed(persons):
            if lows == name_parts or name_key(canonical) == key:
                return canonical
        return text

    def resolve_one(raw: _Raw) -> None:
        if raw.actor is not None:
            return
        if raw.entry is not None:
            entry = raw.entry
            raw.actor, raw.kind, raw.affiliation = entry.canonical, entry.kind, entry.affiliation
            if entry.via in ("capital",) and raw.locative:
                raw.actor = " ".join(t.text for t in doc.tokens[raw.first:raw.last])
                raw.kind, raw.affiliation = "place", entry.canonical
            return
        if raw.via in ("title", "name", "apposition"):
            kind = "person" if raw.via == "title" or raw.title else _classify_name(raw, doc, lex)
            canonical = person_for_name(raw)
            if kind is None and canonical in person_info:
                kind = "person"
            if canonical in person_info:
                kind = "person"
            if kind is None:
                raw.kind = None
                return
            raw.actor, raw.kind = canonical, kind
            if kind == "person":
                info = person_info.setdefault(canonical, {"title": None, "affiliation": None})
                info["title"] = info["title"] or raw.title
                affiliation = owner_party(raw.owner) or owner_party(raw.apposition_owner)
                if affiliation is None and raw.title and raw.owner is None:
                    affiliation = owner_party(raw.context_owner)
                info["affiliation"] = info["affiliation"] or affiliation
                raw.affiliation = info["affiliation"]
                raw.title = raw.title or info["title"]
                persons.append((raw.first, canonical, [t.text.lower() for t in doc.tokens[raw.first:raw.last]]
                                if canonical == " ".join(t.text for t in doc.tokens[raw.first:raw.last])
                                else canonical.lower().split()))
            elif kind == "place":
                raw.affiliation = owner_party(raw.owner)
            return
        if raw.via == "body" or (raw.via == "description" and raw.body):
            if raw.owner is not None:
                party = owner_party(raw.owner)
                raw.actor = f"{owner_label(raw.owner)} {raw.body}".strip()
                raw.kind, raw.affiliation = "organisation", party
                bodies.append((raw.first, raw.title_head or raw.body, raw.actor, party, raw.body))
                return
            head = raw.title_head or raw.body
            head = head.split()[-1]
            for _, b_head, canonical, party, _ in reversed(bodies):
                if b_head.split()[-1] == head:
                    raw.actor, raw.kind, raw.affiliation = canonical, "organisation", party
                    return
            raw.kind = None
            return

    # Pass 1: names, aliases, bodies in document order; persons learn titles and affiliations.
    for raw in raws:
        if raw.via == "description" and raw.title:
            continue
        if raw.subject and raw.sentence not in sentence_subject and (raw.entry or raw.via == "body"):
            sentence_subject[raw.sentence] = raw
        if raw.via in ("title",) and raw.owner is None:
            raw.context_owner = sentence_subject.get(raw.sentence)
        resolve_one(raw)
    # Single names seen before their full name: "Kim" in a headline, "Kim Hong-kyun" later.
    for raw in raws:
        if raw.kind == "person" and raw.last - raw.first == 1 and raw.actor and " " not in raw.actor:
            low = raw.actor.lower()
            for _, canonical, parts in persons:
                if canonical != raw.actor and low in parts:
                    raw.actor = canonical
                    break
        if raw.kind == "person" and raw.actor in person_info:
            raw.affiliation = person_info[raw.actor]["affiliation"] or raw.affiliation
            raw.title = raw.title or person_info[raw.actor]["title"]
    # Pass 2: person descriptions ("the spokesman", "the Russian ambassador") to a named person.
    for raw in raws:
        if not (raw.via == "description" and raw.title):
            continue
        want = owner_party(raw.owner)
        best = None
        candidates = [(tok, canonical) for tok, canonical, _ in persons
                      if (person_info.get(canonical, {}).get("title") or "").split(" ")[-1] == raw.title_head
                      and (want is None or person_info[canonical]["affiliation"] == want)]
        before = [c for c in candidates if c[0] < raw.first]
        after = [c for c in candidates if c[0] > raw.first]
        if before:
            best = before[-1][1]
        elif after and len({c[1] for c in after}) == 1:
            best = after[0][1]
        if best:
            raw.actor, raw.kind = best, "person"
            raw.affiliation = person_info[best]["affiliation"] or want
        elif want:
            raw.actor = f"{owner_label(raw.owner)} {raw.title}".strip() if raw.owner else raw.title
            raw.kind, raw.affiliation = "person", want
        else:
            raw.kind = None
    # Aliases that only count next to their full form ("the North" with North Korea named).
    named = {r.actor for r in raws if r.actor and not (r.entry and r.entry.requires)}
    for raw in raws:
        if raw.entry is not None and raw.entry.requires and raw.entry.requires not in named:
            raw.kind = None


def name_key(name: str) -> tuple[str, str]:
    """First and last name, lower case, without initials, middle names or suffixes.

    "Donald J. Trump", "Donald John Trump" and "Donald Trump" share a key, so one
    article (or one corpus, see :func:`toolkit.report.frames.corpus_names`) can use all three.

    >>> name_key("Donald J. Trump"), name_key("Hillary Rodham Clinton"), name_key("Martin Luther King Jr.")
    (('donald', 'trump'), ('hillary', 'clinton'), ('martin', 'king'))
    """
    parts = [p for p in name.lower().split() if not (len(p.rstrip(".")) == 1 or p in _NAME_SUFFIXES)]
    if not parts:
        return ("", "")
    return (parts[0], parts[-1])


_NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})


def _given(doc: Doc, spans: Iterable, lex: Lexicon) -> list[_Raw]:
    """Mentions the caller supplies (``mentions`` on the input record)."""
    out = []
    for span in spans:
        start, end = (span.start, span.end) if hasattr(span, "start") else (span["start"], span["end"])
        toks = doc.tokens_in(start, end)
        if not toks:
            continue
        raw = _Raw(toks[0].i, toks[-1].i + 1, toks[0].sent, "given", given=True, given_span=(start, end))
        match = lex.match_alias(doc.tokens[toks[0].i:toks[-1].i + 1], 0) if toks else None
        if match and match[0] == len(toks):
            raw.entry = match[1]
        out.append(raw)
    return out


def _known_name_tokens(raws: list[_Raw], doc: Doc, skip: set[int]) -> list[_Raw]:
    """Capitalised tokens outside any mention that repeat a part of a person's name in the document."""
    parts: set[str] = set()
    for raw in raws:
        if raw.kind == "person" and raw.actor:
            parts.update(p for p in raw.actor.split() if len(p) > 2 and p[0].isupper() and not p.endswith("."))
    if not parts:
        return []
    covered = bytearray(len(doc.tokens))
    for raw in raws:
        covered[raw.first:raw.last] = b"\x01" * (raw.last - raw.first)
    extra: list[_Raw] = []
    i, n = 0, len(doc.tokens)
    while i < n:
        tok = doc.tokens[i]
        if not covered[i] and tok.text in parts and tok.sent not in skip:
            j = i + 1
            while j < n and not covered[j] and doc.tokens[j].text in parts and doc.tokens[j].sent == tok.sent:
                j += 1
            extra.append(_Raw(i, j, tok.sent, "name"))
            i = j
        else:
            i += 1
    return extra


def find_mentions(doc: Doc, *, lex: Lexicon | None = None, given: Iterable = (),
                  skip_sentences: set[int] | None = None) -> list[Mention]:
    """All actor mentions of a tagged document, resolved to canonical actors, in text order.

    ``given`` are caller-supplied spans (objects with ``start``/``end`` or dicts) that
    are always kept as mentions, resolved like names when the toolkit knows them.
    """
    lex = lex or lexicon()
    skip = boilerplate_sentences(doc, lex=lex) if skip_sentences is None else skip_sentences
    raws: list[_Raw] = []
    for sent in doc.sentences:
        if sent.i not in skip:
            raws.extend(_sentence_raw(doc, sent, lex))
    given_raws = _given(doc, given, lex)
    if given_raws:
        taken = [(g.first, g.last) for g in given_raws]
        raws = [r for r in raws if not any(r.first < b and a < r.last for a, b in taken)]
        for g in given_raws:
            g.via = "name" if g.entry is None else "given"
        raws.extend(given_raws)
        raws.sort(key=lambda r: (r.first, r.last))
    _resolve(raws, doc, lex)
    extra = _known_name_tokens(raws, doc, skip)
    if extra:
        # Names the tagger missed where they recur ("Sanders said" tagged NNS): resolve again with them.
        for raw in raws:
            raw.actor = raw.kind = raw.affiliation = None
            raw.context_owner = None
        raws = sorted(raws + extra, key=lambda r: (r.first, r.last))
        _resolve(raws, doc, lex)
    mentions: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for raw in raws:
        if raw.given and raw.kind is None:
            raw.kind = "person"
            raw.actor = doc.text[raw.given_span[0]:raw.given_span[1]]
        if raw.kind is None or raw.actor is None:
            continue
        if raw.given:
            start, end = raw.given_span
        else:
            start, end = doc.tokens[raw.first].start, doc.tokens[raw.last - 1].end
        if (start, end) in seen:
            continue
        seen.add((start, end))
        via = "given" if raw.given else raw.via
        mentions.append(Mention(start, end, doc.text[start:end], raw.actor, raw.kind,
                                raw.affiliation if raw.affiliation != raw.actor else None,
                                raw.sentence, raw.first, raw.last, via, raw.title))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


# --------------------------------------------------------------------------- pronouns


def antecedent(mentions: Sequence[Mention], doc: Doc, token_index: int, *, window: int = 3) -> Mention | None:
    """The mention a pronoun at ``token_index`` most likely refers to (None if unsure).

    he/she → the closest preceding person (the subject of its sentence first);
    it/its → the closest preceding organisation or country; they/their → likewise,
    or a plural group. Looks back at most ``window`` sentences.
    """
    tok = doc.tokens[token_index]
    want = PRONOUNS.get(tok.text.lower())
    if want is None:
        return None
    lo_sent = tok.sent - window
    candidates = [m for m in mentions if m.first < token_index and m.sentence >= lo_sent]
    if want == "person":
        pool = [m for m in candidates if m.kind == "person"]
    else:
        pool = [m for m in candidates if m.kind in ("organisation", "country") and m.via != "demonym"]
        # the owner inside a body is not the antecedent: "South Korea's foreign ministry ... it"
        pool = [m for m in pool if not any(o is not m and o.start <= m.start and m.end <= o.end for o in pool)]
    if not pool:
        return None
    same = [m for m in pool if m.sentence == tok.sent]
    if same:
        return same[0] if want == "person" and len({m.actor for m in same}) == 1 else same[-1]
    last_sentence = max(m.sentence for m in pool)
    in_last = [m for m in pool if m.sentence == last_sentence]
    return in_last[0]
