"""Paragraphs, sentences and word tokens with exact character offsets.

Everything downstream points into the original text, so every token keeps
``start``/``end`` with ``text[start:end] == token.text`` — for curly quotes, em
dashes, "U.S.", "Hong-kyun" and apostrophes alike. Token boundaries follow the
Penn Treebank conventions NLTK's ``word_tokenize`` uses (clitics split off:
"Korea's" → "Korea" + "'s", "don't" → "do" + "n't"), because the POS tagger was
trained on them; :attr:`Token.norm` is the form the tagger sees (``“`` → ``````).

Sentences come from NLTK's Punkt model, run per paragraph (so a headline never
runs into the first paragraph), with its abbreviation list extended by
``data/text/abbreviations.tsv``.

Example::

    >>> doc = tokenize("South Korea's ministry said “no.”")
    >>> [t.text for t in doc.tokens]
    ['South', 'Korea', "'s", 'ministry', 'said', '“', 'no', '.', '”']
    >>> doc.tokens[2].start, doc.tokens[2].end
    (11, 13)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.resources import read_table

__all__ = ["Token", "Sentence", "Doc", "tokenize", "split_paragraphs", "sentence_spans", "word_spans"]


@dataclass(slots=True)
class Token:
    """One word or punctuation token; ``text == doc.text[start:end]``."""

    i: int
    start: int
    end: int
    text: str
    sent: int
    norm: str
    tag: str = ""
    lemma: str = ""
    #: The token's text in lower case (every analysis compares words in lower case, so it is made once).
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.lower = self.text.lower()


@dataclass(slots=True)
class Sentence:
    """A sentence: character span, paragraph number, and token range ``[first, last)``."""

    i: int
    start: int
    end: int
    paragraph: int
    first: int
    last: int


@dataclass(slots=True)
class Doc:
    """A tokenized text: paragraphs, sentences and tokens, all with offsets into ``text``."""

    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    tokens: list[Token]
    _starts: list[int] = field(default_factory=list, repr=False)
    #: the document's quotations, found once (:func:`toolkit.text.quotemarks.doc_quotations`)
    _quotations: list | None = field(default=None, repr=False, compare=False)

    def alone(self, index: int) -> bool:
        """Sentence ``index`` is a paragraph of its own (as a headline or a subhead is).

        >>> tokenize("Kim wins\\n\\nKim won. Lee lost.").alone(0), tokenize("Kim won. Lee lost.").alone(0)
        (True, False)
        """
        sentences, paragraph = self.sentences, self.sentences[index].paragraph
        return all(not (0 <= k < len(sentences)) or sentences[k].paragraph != paragraph for k in (index - 1, index + 1))

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index``.

        >>> tokenize("Kim left. Lee stayed.").sentence_text(1)
        'Lee stayed.'
        """
        sent = self.sentences[index]
        return self.text[sent.start:sent.end]

    def token_at(self, offset: int) -> int | None:
        """Index of the token covering character ``offset`` (or the next one), None past the end.

        >>> doc = tokenize("Mr. Kim left.")
        >>> doc.token_at(5), doc.token_at(3), doc.token_at(99)
        (1, 1, None)
        """
        if not self._starts:
            self._starts = [t.start for t in self.tokens]
        k = bisect_right(self._starts, offset) - 1
        if k >= 0 and self.tokens[k].end > offset:
            return k
        return k + 1 if k + 1 < len(self.tokens) else None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens that overlap the character span ``[start, end)``.

        >>> [t.text for t in tokenize("Mr. Kim left.").tokens_in(5, 10)]
        ['Kim', 'left']
        """
        first = self.token_at(start)
        if first is None:
            return []
        # Walk by index, not over ``self.tokens[first:]``: that slice copies the rest of the document
        # on every call, which made the many short look-ups of a long article quadratic.
        tokens, out = self.tokens, []
        for k in range(first, len(tokens)):
            tok = tokens[k]
            if tok.start >= end:
                break
            out.append(tok)
        return out


# --------------------------------------------------------------------------- paragraphs

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\r\n]+")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of paragraphs, stripped of surrounding whitespace.

    Blocks separated by blank lines are paragraphs. Inside a block, lines are one
    paragraph each (the wire layout: one paragraph a line) unless the block looks
    hard-wrapped (every line but the last nearly as long as the longest, 50 to
    100 characters), in which case the block is one paragraph.

    >>> split_paragraphs("Headline\\nFirst paragraph.\\n\\nSecond.")
    [(0, 8), (9, 25), (27, 34)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    blocks = []
    for match in _BLANK_LINE.finditer(text):
        blocks.append((pos, match.start()))
        pos = match.end()
    blocks.append((pos, len(text)))
    for b_start, b_end in blocks:
        lines = []
        for m in _LINE.finditer(text[b_start:b_end]):
            s, e = b_start + m.start(), b_start + m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                lines.append((s, e))
        if not lines:
            continue
        if len(lines) > 1 and _hard_wrapped(lines):
            spans.append((lines[0][0], lines[-1][1]))
        else:
            spans.extend(lines)
    return spans


def _hard_wrapped(lines: list[tuple[int, int]]) -> bool:
    lengths = [e - s for s, e in lines]
    longest = max(lengths)
    return 50 <= longest <= 100 and all(n >= 0.6 * longest for n in lengths[:-1])


# --------------------------------------------------------------------------- sentences


@lru_cache(maxsize=1)
def _punkt():
    """NLTK's English Punkt model with the project's extra abbreviations (loaded once)."""
    from toolkit.resources import require_nltk

    require_nltk("punkt_tab")
    from nltk.tokenize import PunktTokenizer

    tokenizer = PunktTokenizer("english")
    tokenizer._params.abbrev_types.update(a.lower() for a in listed_abbreviations())
    return tokenizer


@lru_cache(maxsize=1)
def _abbreviation_table() -> tuple[dict[str, str], ...]:
    return tuple(read_table("text/abbreviations.tsv"))


def listed_abbreviations(*, honorific: bool | None = None) -> tuple[str, ...]:
    """The project's abbreviations (``data/text/abbreviations.tsv``) as written, without the final
    period; only the honorifics with ``honorific=True``, only the others with ``False``.

    >>> "Mr" in listed_abbreviations(honorific=True), "corp" in listed_abbreviations(honorific=True)
    (True, False)
    """
    return tuple(r["abbreviation"] for r in _abbreviation_table()
                 if honorific is None or (r["honorific"] == "yes") == honorific)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (no final period) from Punkt and ``data/text/abbreviations.tsv``.

    >>> "mr" in abbreviations(), "u.s" in abbreviations()
    (True, True)
    """
    try:
        known = set(_punkt()._params.abbrev_types)
    except Exception:  # noqa: BLE001 - the project list alone still works
        known = {a.lower() for a in listed_abbreviations()}
    return frozenset(a for a in known if a and len(a) > 1)


#: A sentence that ends in a dotted acronym ("... The S.E.C.", "... the U.N.").
_DOTTED_END = re.compile(r"(?:^|[\s(\"'“‘])(?:[^\W\d_]\.){2,}$")


@lru_cache(maxsize=1)
def _honorific_end() -> re.Pattern:
    """A sentence ending in an honorific ("... said Mr.") that Punkt split before the name it precedes."""
    titles = "|".join(re.escape(t) for t in listed_abbreviations(honorific=True))
    return re.compile(rf"(?:^|[\s(\"'“‘])(?:{titles})\.$")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Punkt sentence spans inside ``text[start:end]`` (one paragraph), as absolute offsets.

    An honorific Punkt ends a sentence with ("... said Mr.") is joined to the name after it, and
    so is a dotted acronym before a word in lower case ("The S.E.C. said ..."): a sentence does
    not go on in lower case.

    >>> sentence_spans("Kim met Mr. Lee. He left.", 0, 25)
    [(0, 16), (17, 25)]
    >>> sentence_spans("The S.E.C. said it would act.", 0, 29)
    [(0, 29)]
    """
    spans: list[tuple[int, int]] = []
    for s, e in _punkt().span_tokenize(text[start:end]):
        s, e = start + s, start + e
        if spans and (_honorific_end().search(text, max(spans[-1][0], spans[-1][1] - 8), spans[-1][1])
                      or _DOTTED_END.search(text, max(spans[-1][0], spans[-1][1] - 12), spans[-1][1])
                      and text[s:s + 1].islower()):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


# --------------------------------------------------------------------------- words

_TOKEN = re.compile(
    r"""
    (?P<url>(?:https?://|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?)\]'’])
   |(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
   |(?P<abbr>(?:[^\W\d_]\.){2,}(?![^\W\d_]))
   |(?P<word>\w(?:[\w&]|(?<=\d)[.,:/](?=\d)|[-‐‑](?=\w)|['’](?=[^\W\d_]))*)
   |(?P<ellipsis>\.\.\.+|…)
   |(?P<dash>--+)
   |(?P<punct>\S)
    """,
    re.X,
)
_CLITIC = re.compile(r"(?i)(?:n['’]t|['’](?:s|re|ve|ll|d|m))$")
_TAGGER_FORMS = {"“": "``", "”": "''", "‘": "`", "—": "--", "–": "--", "…": "...", "«": "``", "»": "''"}


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Penn-Treebank-style token spans of one sentence ``text[start:end]``.

    Keeps abbreviations with their period ("Mr.", "U.S.") except at the very end of
    the sentence, and splits clitics ("'s", "n't").

    >>> text = "Mr. Kim didn't leave the U.S."
    >>> [text[s:e] for s, e in word_spans(text, 0, len(text))]
    ['Mr.', 'Kim', 'did', "n't", 'leave', 'the', 'U.S', '.']
    """
    spans: list[tuple[int, int]] = []
    abbrevs = abbreviations()
    # The sentence ends here, ignoring closing quotes and brackets after the final period.
    stop = end
    while stop > start and text[stop - 1] in "\"'”’)]»":
        stop -= 1
    skip_to = start
    for match in _TOKEN.finditer(text, start, end):
        s, e = match.span()
        if s < skip_to:  # the period already merged into an abbreviation
            continue
        kind = match.lastgroup
        if kind == "word":
            word = text[s:e]
            if e + 1 < stop and text[e] == ".":
                low = word.lower()
                if (low in abbrevs and (word[0].isupper() or "." in low)) or (
                        len(word) == 1 and word.isupper()):
                    spans.append((s, e + 1))
                    skip_to = e + 1
                    continue
            if ("'" in word or "’" in word) and len(word) > 2:
                clitic = _CLITIC.search(word)
                if clitic and clitic.start() > 0:
                    cut = s + clitic.start()
                    spans.append((s, cut))
                    spans.append((cut, e))
                    continue
            spans.append((s, e))
        elif kind == "abbr" and e == stop:
            spans.append((s, e - 1))
            spans.append((e - 1, e))
        else:
            spans.append((s, e))
    return spans


def _tagger_form(text: str, prev_char: str) -> str:
    """The form the Penn Treebank tagger expects for a token."""
    form = _TAGGER_FORMS.get(text)
    if form is not None:
        return form
    if text == '"':
        return "``" if (not prev_char or prev_char.isspace() or prev_char in "([{—–-") else "''"
    if "’" in text:
        return text.replace("’", "'")
    return text


def tokenize(text: str) -> Doc:
    """Split ``text`` into paragraphs, sentences and tokens (no tags yet: see :mod:`toolkit.text.tagging`).

    >>> doc = tokenize("Headline\\nKim left. Lee stayed.")
    >>> doc.paragraphs, [(s.paragraph, s.first, s.last) for s in doc.sentences]
    ([(0, 8), (9, 30)], [(0, 0, 1), (1, 1, 4), (1, 4, 7)])
    """
    paragraphs = split_paragraphs(text)
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    append = tokens.append
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            first = len(tokens)
            s_index = len(sentences)
            for t_start, t_end in word_spans(text, s_start, s_end):
                piece = text[t_start:t_end]
                prev = text[t_start - 1] if t_start else ""
                append(Token(len(tokens), t_start, t_end, piece, s_index, _tagger_form(piece, prev)))
            sentences.append(Sentence(s_index, s_start, s_end, p_index, first, len(tokens)))
    return Doc(text, paragraphs, sentences, tokens)
