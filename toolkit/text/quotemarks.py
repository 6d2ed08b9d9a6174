"""Quotation marks: where quotations start and end, at character level.

Straight and curly marks, double and single, ``''...''`` as some papers print them,
quotations running over paragraphs (an opening mark at each paragraph, a closing
one at the end) and quotations nested in others. Apostrophes ("the voters' choice",
"Trump’s") are told apart from single quotation marks by their context.

Example::

    >>> text = '“We will win,” she said. The voters’ view: ‘No chance.’'
    >>> [text[s.start:s.end] for s in quotation_spans(text, [(0, len(text))])]
    ['“We will win,”', '‘No chance.’']
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["QuoteSpan", "quotation_spans", "doc_quotations"]


@dataclass(slots=True)
class QuoteSpan:
    """A quotation: one piece per paragraph it runs over, each including its quotation marks."""

    pieces: list[tuple[int, int]]
    single: bool = False  # in single quotation marks
    prev: int = -1  # internal: the piece before, for a quotation running over paragraphs
    next: int = -1

    @property
    def start(self) -> int:
        """Offset of the opening mark."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Offset just past the closing mark (or the end of the last paragraph it runs over)."""
        return self.pieces[-1][1]


_MARK = re.compile(r"''|``|[\"“”„«»‘’']")
_OPENING_CONTEXT = set("([{—–-/") | {"\u00a0"}


def _mark_role(text: str, s: int, e: int, ps: int, pe: int) -> tuple[str, str] | None:
    """(double|single, open|close|either) for a quotation mark at ``text[s:e]``, None for an apostrophe."""
    mark = text[s:e]
    prev = text[s - 1] if s > ps else " "
    nxt = text[e] if e < pe else " "
    opening_context = s == ps or prev.isspace() or prev in _OPENING_CONTEXT
    closing_context = e == pe or nxt.isspace() or nxt in ".,;:!?)]}—–-/"
    if mark in ("“", "„", "«", "``"):
        return "double", "open"
    if mark in ("”", "»"):
        return "double", "close"
    if mark == "''":
        return "double", "open" if opening_context and not closing_context else "close"
    if mark == '"':
        if opening_context and not closing_context:
            return "double", "open"
        if closing_context and not opening_context:
            return "double", "close"
        return "double", "either"
    if mark == "‘":
        return ("single", "open") if not nxt.isspace() else None
    # ’ and ' : an apostrophe inside or at the end of a word, or a single quotation mark.
    if prev.isalnum() and nxt.isalnum():
        return None
    if opening_context and (nxt.isalpha() or nxt in "“\"‘"):
        return "single", "open"
    if not prev.isspace() and closing_context:
        return "single", "close"
    return None


def quotation_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """Quotations in ``text``, top level only (a quote nested in another stays part of it).

    Straight and curly, double and single marks; ``''...''`` as some papers print
    them. A double quote left open at a paragraph's end continues when the next
    paragraph opens with a quotation mark (the convention for quotes running over
    paragraphs); otherwise it ends with its paragraph. Single quotes count at the
    top level only when they close within the paragraph (else they were apostrophes).

    >>> t = '“A,” he said.\\n“B.\\n“C.”'
    >>> [s.pieces for s in quotation_spans(t, [(0, 13), (14, 17), (18, 22)])]
    [[(0, 4)], [(14, 17), (18, 22)]]
    """
    spans: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # a quote open at the end of the previous paragraph
    for ps, pe in paragraphs:
        double_open: int | None = None
        outer_straight = False  # the open double quote is a straight one
        inner = 0  # double quotes of the other style nested inside it
        single_open: int | None = None
        first_mark = True
        for m in _MARK.finditer(text, ps, pe):
            s, e = m.span()
            role = _mark_role(text, s, e, ps, pe)
            if role is None:
                continue
            kind, how = role
            starts_paragraph = first_mark and text[ps:s].strip() == ""
            first_mark = False
            if kind == "double":
                straight = text[s:e] in ('"', "''", "``")
                if double_open is not None and straight != outer_straight:
                    # the other style inside an open quote: “...” inside "...", or "..." inside “...”
                    if how == "open" or (how == "either" and inner == 0):
                        inner += 1
                        continue
                    if inner > 0:
                        inner -= 1
                        continue
                if double_open is None and how in ("open", "either"):
                    double_open = s
                    outer_straight = straight
                    inner = 0
                    single_open = None
                    if pending is not None and not (starts_paragraph and how in ("open", "either")):
                        spans.append(pending)
                        pending = None
                elif double_open is not None and how in ("close", "either"):
                    if pending is not None:
                        pending.pieces.append((double_open, e))
                        spans.append(pending)
                        pending = None
                    else:
                        spans.append(QuoteSpan([(double_open, e)]))
                    double_open = None
                continue
            if double_open is not None:
                continue  # a single quote nested in a double one
            if how == "open" and single_open is None:
                single_open = s
            elif how == "close" and single_open is not None:
                if e - single_open > 2:
                    spans.append(QuoteSpan([(single_open, e)], single=True))
                single_open = None
        if pending is not None and double_open is None:
            spans.append(pending)  # the next paragraph did not continue it
            pending = None
        if double_open is not None:
            if pending is None:
                pending = QuoteSpan([(double_open, pe)])
            else:
                pending.pieces.append((double_open, pe))
    if pending is not None:
        spans.append(pending)
    spans.sort(key=lambda q: q.start)
    return spans


def doc_quotations(doc) -> list[QuoteSpan]:
    """:func:`quotation_spans` of a tokenized :class:`~toolkit.text.tokens.Doc`, found once and kept on it:
    the name reader, document-level resolution and the quote finder all read the same quotations.

    >>> from toolkit.text.tokens import tokenize
    >>> doc = tokenize('Kim said: "No." Lee left.')
    >>> [doc.text[s:e] for q in doc_quotations(doc) for s, e in q.pieces], doc_quotations(doc) is doc_quotations(doc)
    (['"No."'], True)
    """
    if doc._quotations is None:
        doc._quotations = quotation_spans(doc.text, doc.paragraphs)
    return doc._quotations

