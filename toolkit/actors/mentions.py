"""Who's who: actor mentions found in each sentence and resolved to canonical actors.

A mention is a span of text that refers to a person, an organisation, a country
or a place. Each sentence is cut into chunks (aliases, possessives, modifiers,
titles, bodies, proper-noun runs, determiners: :func:`_chunks`) and read left to
right into candidates (:func:`_sentence_candidates`):

* aliases from the tables of :mod:`toolkit.actors.lexicon`: "Seoul", "South Korean"
  → South Korea; "the Kremlin", "Moscow" → Russia;
* proper-noun runs from the POS tags, split around aliases and titles: "South
  Korean President Yoon Suk Yeol" → South Korea + the person Yoon Suk Yeol; in a
  Title Case headline only the words the body uses as names ("Clinton Remarks Draw
  Fire" → Clinton, :func:`body_name_words`), without an ordinary opening word ("Hold
  Melania Trump to ..."), and split into the full names the document uses alone;
* bodies owned by a country or a person: "South Korea's foreign ministry";
* descriptions: "the ministry", "the Russian ambassador";
* appositions ("Lin Jian, a Chinese foreign ministry spokesperson,").

:class:`toolkit.actors.resolve.Resolver` then resolves the candidates across the
document (affiliations, name coreference: "Kim" → the Kim Hong-kyun named earlier).
Pronouns are not mentions here; :func:`antecedent` resolves one on demand (the
analyses call it for "he said" and the like).

Example::

    >>> from toolkit.text.tagging import process
    >>> doc = process("Russian ambassador Georgy Zinoviev met Kim. Zinoviev said Moscow agreed.")
    >>> [(m.text, m.actor, m.affiliation) for m in find_mentions(doc)]
    [('Russian', 'Russia', None), ('Georgy Zinoviev', 'Georgy Zinoviev', 'Russia'),
     ('Kim', 'Kim', None), ('Zinoviev', 'Georgy Zinoviev', 'Russia'), ('Moscow', 'Russia', None)]
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit.actors.coref import resolve_references
from toolkit.actors.lexicon import Entry, Lexicon, lexicon, ordinary_word
from toolkit.actors.mention import PRONOUNS, Mention
from toolkit.actors.resolve import Candidate, Resolver, acronym_definitions
from toolkit.text.clauses import LOCATIVE
from toolkit.text.tokens import Doc, Sentence, Token

__all__ = ["Mention", "find_mentions", "antecedent", "boilerplate_sentences", "body_name_words", "PRONOUNS"]

NAME_TAGS = frozenset({"NNP", "NNPS"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "one"})
def boilerplate_sentences(doc: Doc, *, lex: Lexicon | None = None) -> set[int]:
    """Indices of sentences in credit lines, copyright notices and other production notes.

    >>> from toolkit.text.tagging import process
    >>> boilerplate_sentences(process("Kim met Putin.\\n(Reporting by Jane Doe in Seoul; Editing by John Smith)"))
    {1}
    """
    lex = lex or lexicon()
    out: set[int] = set()
    bad_paragraphs = {p for p, (s, e) in enumerate(doc.paragraphs)
                      if any(rx.match(doc.text, s, e) for rx in lex.boilerplate)}
    for sent in doc.sentences:
        if sent.paragraph in bad_paragraphs or any(rx.match(doc.text, sent.start, sent.end) for rx in lex.boilerplate):
            out.add(sent.i)
    return out


# --------------------------------------------------------------------------- chunks


@dataclass(slots=True)
class _Chunk:
    kind: str  # ALIAS POSS MOD TITLE BODY NAME DET COMMA PREP OTHER
    first: int  # token index in the document
    last: int
    entry: Entry | None = None


def _is_name_token(tok: Token, lex: Lexicon) -> bool:
    if tok.tag not in NAME_TAGS:
        return tok.tag in ("JJ", "NN", "FW") and "-" in tok.text and tok.text[:1].isupper() \
            and tok.text.lower() not in lex.english
    first = tok.text[:1]
    return first.isupper() and tok.text.lower() not in lex.non_names and any(c.isalpha() for c in tok.text)


def _capitalised_line(tokens: Sequence[Token]) -> bool:
    """Most longer words capitalised, as in a headline or subhead ("Popular Website Shows Bias ...")."""
    words = [t.text for t in tokens if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _title_case(tokens: Sequence[Token], lex: Lexicon, body_words: frozenset[str] = frozenset(),
                *, alone: bool = False, capitalised: bool | None = None) -> bool:
    """A headline or subhead in Title Case, whose capitalised words are not all names.

    A capitalised line without a final period is one. With a period, only a paragraph of
    one sentence (``alone``: a headline the text gives as a sentence) can be, and only if
    at least two of its longer capitalised words (titles and aliases aside) are ordinary
    English words the body never uses as names ("Shows", "Bias"): "Donald Trump met Hillary
    Clinton in New York." is a sentence full of names, not a headline.
    """
    if not (_capitalised_line(tokens) if capitalised is None else capitalised):
        return False
    if not (tokens[-1].text in (".", "!", "?") or (len(tokens) > 1 and tokens[-2].text in (".", "!", "?"))):
        return True
    if not alone:
        return False
    # Titles and aliases are capitalised in running text too ("French President Emmanuel Macron").
    capitalised = [k for k in range(1, len(tokens)) if len(tokens[k].text) > 3 and tokens[k].text[:1].isupper()
                   and not lex.match_phrase(lex.titles, tokens, k) and not lex.match_alias(tokens, k)
                   and tokens[k].lower not in lex.modifiers]
    ordinary = [k for k in capitalised if ordinary_word(tokens[k].lower, lex) and tokens[k].text not in body_words
                and tokens[k].text not in lex.first_names]
    return len(ordinary) >= 2


def body_name_words(doc: Doc, sentences: Iterable[Sentence], lex: Lexicon,
                    capitalised: set[int] | None = None) -> frozenset[str]:
    """Words the body of an article writes as names: name tokens inside ordinary sentences.

    Runs that open a sentence (or follow a colon or quotation mark), unless a given name
    opens them ("Donald Trump said"), and capitalised lines (headlines) are left out, as
    their capitals say nothing; what is left tells "Trump"
    (a name here) from "Remarks" in the headline "Clinton Remarks On Trump".

    >>> from toolkit.text.tagging import process
    >>> doc = process("Clinton Remarks On Trump Foundation Probe\\n\\nOn Monday, Hillary Clinton said Trump lied.")
    >>> sorted(body_name_words(doc, doc.sentences, lexicon()))
    ['Clinton', 'Hillary', 'Trump']
    """
    words: set[str] = set()
    toks = doc.tokens
    for sent in sentences:
        caps = sent.i in capitalised if capitalised is not None else _capitalised_line(toks[sent.first:sent.last])
        if sent.last - sent.first < 2 or (caps and (
                doc.alone(sent.i) or toks[sent.last - 1].text not in (".", "!", "?"))):
            continue
        k = sent.first
        while k < sent.last:
            if not toks[k].text[:1].isupper() or not _is_name_token(toks[k], lex):
                k += 1
                continue
            j = k + 1
            while j < sent.last and toks[j].text[:1].isupper() and _is_name_token(toks[j], lex):
                j += 1
            opener = toks[k].text
            if (k > sent.first and toks[k - 1].text not in _CAPITAL_AFTER) or (
                    j - k >= 2 and opener in lex.first_names and not ordinary_word(toks[k].lower, lex)):
                words.update(toks[m].text for m in range(k, j))
            k = j
    return frozenset(words)


def _shouted_word(tok: Token, lex: Lexicon, body_words: frozenset[str]) -> bool:
    """An ordinary English word in capitals, as in an all-caps subhead ("DEBBIE WASSERMAN SCHULTZ
    RESIGNS"): no name unless the body writes it as one ("TRUMP" with "Trump" in the body, "PAC").

    >>> from toolkit.text.tagging import process
    >>> [_shouted_word(t, lexicon(), frozenset({"Trump"})) for t in process("RESIGNS TRUMP FBI").tokens]
    [True, False, False]
    """
    text = tok.text
    return (len(text) > 1 and text.isupper() and text.isalpha() and ordinary_word(tok.lower, lex)
            and text.title() not in body_words and text not in body_words)


def _title_case_name_word(tok: Token, lex: Lexicon, body_words: frozenset[str]) -> bool:
    """In a Title Case line, where every word is capitalised, a word is part of a name only if
    the body uses it as a name, or it is a given name that is no ordinary English word:
    "Hold", "Remarks", "Website" are not ("Melania Trump" is, with "Trump" in the body)."""
    text = tok.text.title() if tok.text.isupper() else tok.text  # "WALSH" in an all-caps line
    return _is_name_token(tok, lex) and (text in body_words or (
        text in lex.first_names and not ordinary_word(tok.lower, lex)))


def _inside_name(tokens: Sequence[Token], i: int, length: int, lex: Lexicon) -> bool:
    """The place alias at ``tokens[i:i + length]`` is part of a longer name ("Washington Post", "Paris Hilton")."""
    nxt = tokens[i + length] if i + length < len(tokens) else None
    prev = tokens[i - 1] if i else None
    return ((nxt is not None and _is_name_token(nxt, lex) and not lex.match_alias(tokens, i + length)
             and not lex.match_phrase(lex.titles, tokens, i + length)
             and nxt.text.lower() not in lex.modifiers)
            or (prev is not None and prev.tag in NAME_TAGS and prev.text[:1].isupper()
                and not lex.match_alias(tokens, i - 1) and i - 1 > 0
                and prev.text.lower() not in lex.modifiers
                and not lex.match_phrase(lex.titles, tokens, i - 1)))


def _chunks(tokens: Sequence[Token], lex: Lexicon, *, title_case: bool,
            body_words: frozenset[str] = frozenset()) -> list[_Chunk]:
    """One sentence's tokens as chunks, longest match first: aliases, titles, bodies, name runs.

    In a Title Case line a name run holds only the words :func:`_title_case_name_word`
    accepts; a run that opens an ordinary sentence drops an ordinary English first word
    before a given name or a body name word ("Hold Melania Trump to ..." → "Melania Trump").
    """
    def name_word(tok: Token) -> bool:
        if tok.text.isupper() and _shouted_word(tok, lex, body_words):
            return False
        return _title_case_name_word(tok, lex, body_words) if title_case else _is_name_token(tok, lex)

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
            if not (single_place and not title_case and _inside_name(tokens, i, length, lex)):
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
        if name_word(tok) or (match and not title_case) or (
                # a given name the tagger took for an adjective ("Hillary/JJ Clinton")
                tok.text in lex.first_names and i + 1 < n and name_word(tokens[i + 1]) and not ordinary_word(low, lex)):
            j = i + 1
            while j < n and name_word(tokens[j]) and not lex.match_alias(tokens, j) \
                    and not lex.match_phrase(lex.titles, tokens, j):
                j += 1
            if j - i >= 2 and not title_case and _ordinary_opener(tokens, i, lex, body_words):
                chunks.append(_Chunk("OTHER", tok.i, tok.i + 1))
                i += 1
            chunks.append(_Chunk("NAME", tokens[i].i, tokens[j - 1].i + 1))
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


#: Tokens after which any word is capitalised: a sentence start, a colon, an opening quotation or dash.
_CAPITAL_AFTER = frozenset({":", "“", '"', "‘", "'", "(", "—", "–", "--", "-"})


def _ordinary_opener(tokens: Sequence[Token], i: int, lex: Lexicon, body_words: frozenset[str]) -> bool:
    """The first word of the name run at ``tokens[i]``, where capitals say nothing (a sentence start,
    after a colon or quotation mark), is an ordinary English word before a given name ("Hold" in
    "Hold Melania Trump to ...", "Half" in "Report: Half Clinton's ..."): not a first name nor a
    word the body uses as a name, and followed by a given name or such a word ("Though Kaine")."""
    first, nxt = tokens[i], tokens[i + 1]
    return ((i == 0 or tokens[i - 1].text in _CAPITAL_AFTER) and ordinary_word(first.lower, lex)
            and first.text not in body_words and first.text not in lex.first_names
            and (nxt.text in lex.first_names or nxt.text in body_words))


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


def _apposition_target(chunks: list[_Chunk], start_c: int, found: list[Candidate]) -> Candidate | None:
    """The name a comma-delimited description follows ("Lin Jian, a ... spokesperson")."""
    k = start_c - 1
    if k < 1 or chunks[k].kind != "COMMA":
        return None
    prev = chunks[k - 1]
    if prev.kind != "NAME":
        return None
    for cand in reversed(found):
        if cand.first == prev.first and cand.last == prev.last:
            return cand
    return None


def _of_owner(chunks: list[_Chunk], c: int, sent: Sentence, doc: Doc) -> Candidate | None:
    """'spokesman for the Chinese foreign ministry' / 'head of the IAEA': the owner after of/for/at."""
    if c < len(chunks) and chunks[c].kind == "PREP" and doc.tokens[chunks[c].first].text.lower() in ("of", "for", "at"):
        k = c + 1
        while k < len(chunks) and chunks[k].kind in ("DET", "MOD"):
            k += 1
        if k < len(chunks) and chunks[k].kind == "ALIAS":
            return Candidate(chunks[k].first, chunks[k].last, sent.i, chunks[k].entry.via, chunks[k].entry)
    return None


# --------------------------------------------------------------------------- candidates of a sentence


#: Chunk kinds a noun phrase can start with (anything else is passed over).
_PHRASE_KINDS = frozenset({"DET", "ALIAS", "NAME", "MOD", "TITLE", "BODY"})


@dataclass(slots=True)
class _Phrase:
    """The start of a noun phrase, up to its title or body: where it starts and who owns it."""

    start: int  # its first chunk (the determiner, if any)
    mods: int  # its first chunk after the owner: modifiers, then the title or body
    definite: bool
    indefinite: bool
    owner: Candidate | None  # an alias or a name before it: "Russia's", "NATO"
    dem_owner: Candidate | None  # the owner, else the first demonym among the modifiers


class _SentenceReader:
    """Reads one sentence's chunks left to right, one noun phrase at a time, into candidates."""

    def __init__(self, doc: Doc, sent: Sentence, chunks: list[_Chunk]) -> None:
        self.doc = doc
        self.sent = sent
        self.chunks = chunks
        self.found: list[Candidate] = []
        self.subject_taken = False  # the sentence's subject has been read
        self.poss_owner: Candidate | None = None  # "Russia's" before a name: "Russia's Far East"

    def phrase(self, c0: int, c1: int) -> str:
        """The lower-case words of chunks ``c0`` to ``c1`` (excluded)."""
        toks = self.doc.tokens
        return " ".join(toks[k].lower for ch in self.chunks[c0:c1] for k in range(ch.first, ch.last))

    def prep_before(self, c: int) -> str | None:
        """The preposition before chunk ``c`` (skipping determiners and modifiers), if any."""
        k = c - 1
        while k >= 0 and self.chunks[k].kind in ("DET", "MOD"):
            k -= 1
        return self.doc.tokens[self.chunks[k].first].text.lower() if k >= 0 and self.chunks[k].kind == "PREP" else None

    def read(self) -> list[Candidate]:
        """Every candidate of the sentence, in the order it was read."""
        c, n = 0, len(self.chunks)
        while c < n:
            c = self.read_phrase(c)
        return self.found

    def read_phrase(self, c: int) -> int:
        """Read the noun phrase that starts at chunk ``c``; return the chunk after it."""
        chunks, n = self.chunks, len(self.chunks)
        if chunks[c].kind not in _PHRASE_KINDS:
            return c + 1  # a preposition, verb or other word: no phrase starts here
        start = c
        definite = indefinite = False
        if chunks[c].kind == "DET":
            definite = self.doc.tokens[chunks[c].first].text.lower() in DEFINITE
            indefinite = not definite
            c += 1
            if c >= n:
                return c
        owner, c = self.read_owner(c)
        mods = c
        dem_owner, c = self.read_modifiers(c, owner)
        if c < n and chunks[c].kind in ("TITLE", "BODY"):
            phrase = _Phrase(start, mods, definite, indefinite, owner, dem_owner)
            c = self.read_title(phrase, c) if chunks[c].kind == "TITLE" else self.read_body(phrase, c)
            self.subject_taken = self.subject_taken or self.prep_before(start) is None
            return c
        if owner is not None:
            self.subject_taken = self.subject_taken or owner.subject
            if indefinite and owner.entry is not None and (c >= n or chunks[c].kind == "COMMA"):
                # "Tim Kaine, a Democrat," / "Eric Dor, a Frenchman,": the alias says whom the name speaks for.
                target = _apposition_target(chunks, start, self.found)
                if target is not None and target.apposition_owner is None:
                    target.apposition_owner = owner
        return c + 1 if c == start else c

    def read_owner(self, c: int) -> tuple[Candidate | None, int]:
        """An alias or a name at chunk ``c``, with its possessive if it has one: (candidate, next chunk)."""
        chunks, n = self.chunks, len(self.chunks)
        ch = chunks[c]
        if ch.kind not in ("ALIAS", "NAME"):
            return None, c
        cand = Candidate(ch.first, ch.last, self.sent.i, ch.entry.via if ch.entry else "name", ch.entry)
        prep = self.prep_before(c)
        cand.locative = prep in LOCATIVE or _is_dateline(self.sent, chunks, c)
        cand.subject = not self.subject_taken and prep is None
        if self.poss_owner is not None and ch.kind == "NAME" and chunks[c - 1].kind == "POSS":
            cand.owner = self.poss_owner
        self.poss_owner = None
        self.found.append(cand)
        c += 1
        if c < n and chunks[c].kind == "POSS":
            c += 1
            self.poss_owner = cand
        return cand, c

    def read_modifiers(self, c: int, owner: Candidate | None) -> tuple[Candidate | None, int]:
        """Modifiers and demonyms before a title or body; each demonym is a candidate of its own.

        Returns (the owner, else the first demonym; the next chunk).
        """
        dem_owner = owner
        while c < len(self.chunks) and _modifies_title(self.chunks, c):
            ch = self.chunks[c]
            if ch.kind == "ALIAS":
                dem = Candidate(ch.first, ch.last, self.sent.i, "demonym", ch.entry)
                self.found.append(dem)
                dem_owner = dem_owner or dem
            c += 1
        return dem_owner, c

    def read_title(self, phrase: _Phrase, c: int) -> int:
        """A title (several in a row are one): a titled name, a person description or an apposition."""
        chunks, n = self.chunks, len(self.chunks)
        while c + 1 < n and chunks[c + 1].kind == "TITLE":
            c += 1
        title = self.phrase(phrase.mods, c + 1)
        head = self.phrase(c, c + 1)
        subject = not self.subject_taken and self.prep_before(phrase.start) is None
        if c + 1 < n and chunks[c + 1].kind == "NAME":
            name = chunks[c + 1]
            person = Candidate(name.first, name.last, self.sent.i, "title", None, title=title, title_head=head,
                               owner=phrase.dem_owner)
            person.subject = subject
            self.found.append(person)
            return c + 2
        if phrase.definite:
            desc = Candidate(chunks[phrase.start].first, chunks[c].last, self.sent.i, "description", None,
                             title=title, title_head=head, owner=phrase.dem_owner)
            desc.subject = subject
            self.found.append(desc)
        elif phrase.indefinite or phrase.owner is None:
            # "Lin Jian, a Chinese foreign ministry spokesperson," — an apposition to the name before.
            target = _apposition_target(chunks, phrase.start, self.found)
            if target is not None:
                target.title = target.title or title
                target.title_head = target.title_head or head
                target.apposition_owner = phrase.dem_owner or _of_owner(chunks, c + 1, self.sent, self.doc)
        return c + 1

    def read_body(self, phrase: _Phrase, c: int) -> int:
        """A body: owned ("South Korea's foreign ministry"), or a description ("the ministry")."""
        owner = phrase.owner or phrase.dem_owner
        if owner is not None or phrase.definite:
            cand = Candidate(self.chunks[phrase.start].first, self.chunks[c].last, self.sent.i,
                             "body" if owner else "description", None, body=self.phrase(phrase.mods, c + 1),
                             title_head=self.phrase(c, c + 1), owner=owner)
            cand.subject = not self.subject_taken and self.prep_before(phrase.start) is None
            self.found.append(cand)
        return c + 1


def _sentence_candidates(doc: Doc, sent: Sentence, lex: Lexicon, body_words: frozenset[str] = frozenset(),
                         capitalised: set[int] | None = None) -> list[Candidate]:
    """The candidate mentions of one sentence, before document-level resolution.

    ``body_words`` (:func:`body_name_words`) tell the names in a Title Case line;
    ``capitalised`` holds the sentences :func:`_capitalised_line` accepts, when known.
    """
    tokens = doc.tokens[sent.first:sent.last]
    if not tokens:
        return []
    title_case = _title_case(tokens, lex, body_words, alone=doc.alone(sent.i),
                             capitalised=None if capitalised is None else sent.i in capitalised)
    chunks = _chunks(tokens, lex, title_case=title_case, body_words=body_words)
    return _SentenceReader(doc, sent, chunks).read()


# --------------------------------------------------------------------------- the document


def _given(doc: Doc, spans: Iterable, lex: Lexicon) -> list[Candidate]:
    """Mentions the caller supplies (``mentions`` on the input record)."""
    out = []
    for span in spans:
        start, end = (span.start, span.end) if hasattr(span, "start") else (span["start"], span["end"])
        toks = doc.tokens_in(start, end)
        if not toks:
            continue
        cand = Candidate(toks[0].i, toks[-1].i + 1, toks[0].sent, "given", given=True, given_span=(start, end))
        match = lex.match_alias(doc.tokens[toks[0].i:toks[-1].i + 1], 0)
        if match and match[0] == len(toks):
            cand.entry = match[1]
        out.append(cand)
    return out


def _known_name_tokens(found: list[Candidate], doc: Doc, skip: set[int]) -> list[Candidate]:
    """Capitalised tokens outside any mention that repeat a part of a person's name in the document."""
    parts: set[str] = set()
    for cand in found:
        if cand.kind == "person" and cand.actor:
            parts.update(p for p in cand.actor.split() if len(p) > 2 and p[0].isupper() and not p.endswith("."))
    if not parts:
        return []
    covered = bytearray(len(doc.tokens))
    for cand in found:
        covered[cand.first:cand.last] = b"\x01" * (cand.last - cand.first)
    extra: list[Candidate] = []
    i, n = 0, len(doc.tokens)
    while i < n:
        tok = doc.tokens[i]
        if not covered[i] and tok.text in parts and tok.sent not in skip:
            j = i + 1
            while j < n and not covered[j] and doc.tokens[j].text in parts and doc.tokens[j].sent == tok.sent:
                j += 1
            extra.append(Candidate(i, j, tok.sent, "name"))
            i = j
        else:
            i += 1
    return extra


def find_mentions(doc: Doc, *, lex: Lexicon | None = None, given: Iterable = (),
                  skip_sentences: set[int] | None = None, outlet: str | None = None) -> list[Mention]:
    """All actor mentions of a tagged document, resolved to canonical actors, in text order.

    Names, aliases and bodies are found here; pronouns and descriptions that refer to
    them are added by :func:`toolkit.actors.coref.resolve_references` (``outlet``: the
    document's source, whom an editorial's "we" stands for).

    ``given`` are caller-supplied spans (objects with ``start``/``end`` or dicts) that
    are always kept as mentions, resolved like names when the toolkit knows them.
    ``skip_sentences`` (default: :func:`boilerplate_sentences`) hold no mentions.

    >>> from toolkit.text.tagging import process
    >>> doc = process("The [Liberal] leader attacked Beijing.")
    >>> [(m.text, m.actor, m.via) for m in find_mentions(doc, given=[{"start": 5, "end": 12}])]
    [('Liberal', 'Liberal', 'given'), ('Beijing', 'China', 'capital')]
    """
    lex = lex or lexicon()
    skip = boilerplate_sentences(doc, lex=lex) if skip_sentences is None else skip_sentences
    sentences = [sent for sent in doc.sentences if sent.i not in skip]
    capitalised = {sent.i for sent in sentences if _capitalised_line(doc.tokens[sent.first:sent.last])}
    body_words = body_name_words(doc, sentences, lex, capitalised)
    found: list[Candidate] = []
    for sent in sentences:
        found.extend(_sentence_candidates(doc, sent, lex, body_words, capitalised))
    found, acronyms = _defined_acronyms(found, doc)
    found = _split_known_names(found, doc, lex)
    given_found = _given(doc, given, lex)
    if given_found:
        taken = [(g.first, g.last) for g in given_found]
        found = [c for c in found if not any(c.first < b and a < c.last for a, b in taken)]
        for g in given_found:
            g.via = "name" if g.entry is None else "given"
        found.extend(given_found)
        found.sort(key=lambda c: (c.first, c.last))
    Resolver(doc, lex=lex, acronyms=acronyms).resolve(found)
    extra = _known_name_tokens(found, doc, skip)
    if extra:
        # Names the tagger missed where they recur ("Sanders said" tagged NNS): resolve again with them.
        for cand in found:
            cand.actor = cand.kind = cand.affiliation = None
            cand.context_owner = None
        found = sorted(found + extra, key=lambda c: (c.first, c.last))
        Resolver(doc, lex=lex, acronyms=acronyms).resolve(found)
    return resolve_references(doc, _mentions(found, doc), lex=lex, skip_sentences=skip, outlet=outlet)


def _split_known_names(found: list[Candidate], doc: Doc, lex: Lexicon) -> list[Candidate]:
    """Name runs that string together full names the document uses on their own, split into them.

    A headline the tagger reads as one run, "Carly Fiorina Endorses Ted Cruz", holds "Carly
    Fiorina" and "Ted Cruz" (runs of their own elsewhere): each becomes a candidate, and the
    leftover words too once stripped of ordinary English words ("Endorses"). A run whose
    leftover has an organisation or place word ("... Foundation", "... Airport") stays whole.
    """
    toks = doc.tokens

    def words(c: Candidate) -> tuple[str, ...]:
        return tuple(t.text for t in toks[c.first:c.last])

    known = {words(c) for c in found if c.entry is None and c.via in ("name", "title") and 2 <= c.last - c.first <= 4
             and toks[c.first].text in lex.first_names}
    if not known:
        return found
    longest = max(len(k) for k in known)
    out: list[Candidate] = []
    for cand in found:
        n = cand.last - cand.first
        if cand.entry is not None or cand.via != "name" or n < 3:
            out.append(cand)
            continue
        run = words(cand)
        pieces: list[tuple[int, int, bool]] = []  # (start, end, known) within the run
        i = 0
        while i < n:
            size = next((m for m in range(min(longest, n), 1, -1) if run[i:i + m] in known and run[i:i + m] != run), 0)
            if size:
                pieces.append((i, i + size, True))
                i += size
            else:
                if pieces and not pieces[-1][2]:
                    pieces[-1] = (pieces[-1][0], i + 1, False)
                else:
                    pieces.append((i, i + 1, False))
                i += 1
        leftovers = [w.lower() for a, b, k in pieces if not k for w in run[a:b]]
        if not any(k for _, _, k in pieces) or any(w in lex.org_words or w in lex.place_words for w in leftovers):
            out.append(cand)
            continue
        for a, b, is_known in pieces:
            if not is_known:  # strip ordinary words from the edges of a leftover
                while a < b and ordinary_word(run[a].lower(), lex) and run[a] not in lex.first_names:
                    a += 1
                while b > a and ordinary_word(run[b - 1].lower(), lex) and run[b - 1] not in lex.first_names:
                    b -= 1
                if a == b:
                    continue
            piece = Candidate(cand.first + a, cand.first + b, cand.sentence, "name")
            piece.locative, piece.subject = cand.locative and a == 0, cand.subject and a == 0
            out.append(piece)
    return out


def _defined_acronyms(found: list[Candidate], doc: Doc) -> tuple[list[Candidate], dict[str, str]]:
    """The full names the text gives an acronym for, each one candidate, and acronym -> full name.

    The name run of "the Securities and Exchange Commission (S.E.C.)" is only
    "Exchange Commission" ("and" ends a run): the candidates inside a defined full name
    become one (with a body phrase over it, "the ... Commission"), unless one is a table
    alias (whose canonical name wins).
    """
    definitions = acronym_definitions(doc)
    if not definitions:
        return found, {}
    acronyms: dict[str, str] = {}
    # The candidates over each definition come from a bisection over the candidates' first tokens
    # (with the longest candidate's length as the reach back), not a scan of all of them per
    # definition; the full names made so far are few and end in text order, so are read from the end.
    by_first = sorted(range(len(found)), key=lambda j: found[j].first)
    firsts = [found[j].first for j in by_first]
    reach = max((c.last - c.first for c in found), default=0)
    dropped: set[int] = set()  # id() of the candidates a full name replaced
    made: list[Candidate] = []
    for first, last, key in definitions:
        lo, hi = bisect_left(firsts, first - reach), bisect_left(firsts, last)
        inside = [found[j] for j in by_first[lo:hi]
                  if found[j].first < last and first < found[j].last and id(found[j]) not in dropped]
        for c in reversed(made):
            if c.last <= first:
                break
            if c.first < last and id(c) not in dropped:
                inside.append(c)  # "the ... Commission" too
        if any(c.entry is not None for c in inside):
            continue
        acronyms.setdefault(key, " ".join(t.text for t in doc.tokens[first:last]))
        dropped.update(id(c) for c in inside)
        made.append(Candidate(first, last, doc.tokens[first].sent, "name"))
    found = [c for c in found + made if id(c) not in dropped]
    found.sort(key=lambda c: (c.first, c.last))
    return found, acronyms


def _mentions(found: list[Candidate], doc: Doc) -> list[Mention]:
    """The resolved candidates as mentions, one per span, in text order."""
    mentions: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for cand in found:
        if cand.given and cand.kind is None:
            cand.kind = "person"
            cand.actor = doc.text[cand.given_span[0]:cand.given_span[1]]
        if cand.kind is None or cand.actor is None:
            continue
        if cand.given:
            start, end = cand.given_span
        else:
            start, end = doc.tokens[cand.first].start, doc.tokens[cand.last - 1].end
        if (start, end) in seen:
            continue
        seen.add((start, end))
        via = "given" if cand.given else cand.via
        mentions.append(Mention(start, end, doc.text[start:end], cand.actor, cand.kind,
                                cand.affiliation if cand.affiliation != cand.actor else None,
                                cand.sentence, cand.first, cand.last, via, cand.title))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


# --------------------------------------------------------------------------- pronouns


def antecedent(mentions: Sequence[Mention], doc: Doc, token_index: int) -> Mention | None:
    """The actor a pronoun at ``token_index`` refers to, as document-level resolution found it (None if unsure).

    :func:`find_mentions` adds a mention for every pronoun it resolves
    (:mod:`toolkit.actors.coref`); this looks it up, so every analysis reads one resolution.

    >>> from toolkit.text.tagging import process
    >>> doc = process("Chancellor Olaf Scholz met Japan's defence ministry. He said it would act.")
    >>> found = find_mentions(doc)
    >>> [antecedent(found, doc, t.i).actor for t in doc.tokens if t.text in ("He", "it")]
    ['Olaf Scholz', 'Japanese defence ministry']
    """
    tok = doc.tokens[token_index]
    k = bisect_left(mentions, tok.start, key=lambda m: m.start)
    while k < len(mentions) and mentions[k].start == tok.start:
        if mentions[k].via in ("pronoun", "author") and mentions[k].first == token_index:
            return mentions[k]
        k += 1
    return None
