"""Who wrote an opinion piece: the author a byline or a closing biography line names.

An op-ed, a column or a guest essay is its author's argument: what its narrative says of
an actor is the author's stance, where a news report's narrative is no one's (the stance
reading counts the author of an opinion piece as a holder, and not the journalist of a
report). Newspapers mark such pieces in two ways that survive in plain text:

* a **closing biography line**: the last paragraph opens with the author's full name and
  what they are: "Rudy Giuliani is the former mayor of New York City.", "Aaron Kall is
  director of debate at the University of Michigan.";
* a **byline** paragraph of its own: "By Jane Smith" (with "and" for two authors).

A name in the closing line that the article also uses before, in its body, is someone the
piece is about ("The Ku Klux Klan is using ...", "Trump is expected to ..."), not its author:
authors do not name themselves in their own argument. A closing line that says the author is
a journalist (a ``media`` title of ``data/actors/titles.tsv``: "is the Second Amendment
columnist for Breitbart News") marks a staff piece: the journalist is no holder of the
stances of what they report, so there is no opinion author.

>>> from toolkit.text.tagging import process
>>> from toolkit.actors.mentions import find_mentions
>>> doc = process("Obama failed us.\\n\\nHe ignored the threat.\\n\\nRudy Giuliani is the former mayor of New York City.")
>>> opinion_author(doc, find_mentions(doc)).actor
'Rudy Giuliani'
>>> doc = process("Giuliani speaks.\\n\\nRudy Giuliani spoke on Monday.\\n\\nRudy Giuliani is the former mayor of New York City.")
>>> opinion_author(doc, find_mentions(doc)) is None
True
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from toolkit.actors.mention import Mention
from toolkit.resources import read_table
from toolkit.text.tokens import Doc

__all__ = ["opinion_author"]

#: What follows the author's name in a biography line: "X is ...", "X was ...", "X teaches ...". (Not a
#: comma: "X, a professor at Y, said ..." closes many news reports with a quotation.)
_BIO_VERBS = frozenset({"is", "was", "teaches", "writes", "serves", "directs", "leads"})
#: Words that make the closing line a report of what someone said, not a biography.
_REPORTING = frozenset({"said", "says", "told", "added", "according"})
#: A biography line is short: at most this many sentences in the last paragraph.
_BIO_SENTENCES = 3
#: A byline paragraph is short: at most this many tokens ("By Jane Smith and John Doe").
_BYLINE_TOKENS = 8


@lru_cache(maxsize=1)
def _journalist_titles() -> frozenset[str]:
    """The one-word titles of journalists (the titles of ``data/actors/titles.tsv`` whose role in
    ``data/actors/roles.tsv`` is ``media``)."""
    media = {r["term"] for r in read_table("actors/roles.tsv") if r["role"] == "media"}
    return frozenset(r["title"] for r in read_table("actors/titles.tsv") if r["title"] in media
                     and " " not in r["title"])


def opinion_author(doc: Doc, mentions: Sequence[Mention]) -> Mention | None:
    """The mention of the person who wrote the piece, from its closing biography line or its
    byline; None for a piece that names no author (a news report)."""
    if len(doc.paragraphs) < 2 or not doc.sentences:
        return None
    persons = [m for m in mentions if m.kind == "person" and m.via in ("name", "title") and m.last - m.first >= 2]
    return _bio_author(doc, mentions, persons) or _byline_author(doc, persons)


def _bio_author(doc: Doc, mentions: Sequence[Mention], persons: list[Mention]) -> Mention | None:
    last = len(doc.paragraphs) - 1
    sentences = [s for s in doc.sentences if s.paragraph == last]
    if not sentences or len(sentences) > _BIO_SENTENCES:
        return None
    opening = sentences[0]
    author = next((m for m in persons if m.first == opening.first), None)
    if author is None or author.last >= opening.last or doc.tokens[author.last].lower not in _BIO_VERBS:
        return None
    words = doc.tokens[opening.first:opening.last]
    if any(t.lower in _REPORTING or t.tag == "``" for t in words):
        return None
    if any(t.lemma in _journalist_titles() or t.lower.split("-")[0] in _journalist_titles() for t in words):
        return None  # a staff journalist's piece
    body_paragraphs = {s.i for s in doc.sentences if 0 < s.paragraph < last}
    if any(m.actor == author.actor and m.sentence in body_paragraphs for m in mentions):
        return None  # the piece is about them
    return author


def _byline_author(doc: Doc, persons: list[Mention]) -> Mention | None:
    for sent in doc.sentences[:3]:
        toks = doc.tokens[sent.first:sent.last]
        if not toks or toks[0].lower != "by" or len(toks) > _BYLINE_TOKENS:
            continue
        paragraph = [s for s in doc.sentences if s.paragraph == sent.paragraph]
        if len(paragraph) != 1:
            continue
        return next((m for m in persons if m.first == sent.first + 1), None)
    return None
