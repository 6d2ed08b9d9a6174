"""Could a compiled regular expression match text that begins with a given prefix?

:func:`may_match` answers for the tagger's rule dispatch (:mod:`toolkit.time.timex`): before a
rule's expression is run at a candidate position, the first characters there (a word and what
follows it) rule out most of the rules at once, and the answer, memoised by those characters,
is reused at every later position that begins alike.

The answer is conservative: ``False`` only when no match can begin with ``prefix`` (whatever
text follows it and precedes it), so skipping a rule on ``False`` never changes what is found.
The parsed pattern (``re._parser``) becomes an NFA that is run over the prefix one character at a
time (:func:`start`, :func:`advance`: the caller can go on from a shorter prefix's states);
look-arounds and anchors are taken as satisfied, possessive and atomic groups as plain ones, a
character outside ASCII (in the text or, with IGNORECASE, a cased one in the pattern) as matched,
and from a back-reference or any construct it does not know on, everything as matched.

>>> import re
>>> rx = re.compile(r"(?:last|next)\\s+(?-i:May)|\\d+\\s+days", re.I)
>>> may_match(rx, "next "), may_match(rx, "next m"), may_match(rx, "NEXT M"), may_match(rx, "the")
(True, False, True, False)
>>> may_match(rx, "12 d"), may_match(rx, "12 w"), may_match(rx, "12")
(True, False, True)
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["may_match", "start", "advance", "States", "ACCEPT"]

_ASCII = [chr(i) for i in range(128)]
_SKIP = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_CATEGORIES = {
    _c.CATEGORY_DIGIT: lambda ch: "0" <= ch <= "9",
    _c.CATEGORY_NOT_DIGIT: lambda ch: not "0" <= ch <= "9",
    _c.CATEGORY_SPACE: str.isspace,
    _c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    _c.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}

# A compiled pattern is a sequence (tuple) of nodes:
#   (CHAR, accepted)           one character: the ASCII characters it may match (any other always may)
#   (BRANCH, (seq, ...))       alternatives
#   (REPEAT, lo, hi, seq)
#   (ANY_REST,)                something not modelled: whatever follows may match
CHAR, BRANCH, REPEAT, ANY_REST = range(4)


def may_match(rx: re.Pattern, prefix: str) -> bool:
    """False only if no match of ``rx`` (with ``rx.match``) can begin with ``prefix``; a match
    shorter than ``prefix`` (ending inside it) counts as possible."""
    states = start(rx)
    for ch in prefix:
        states = advance(rx, states, ch)
        if not states:
            return False
    return True


# --------------------------------------------------------------------------- compiling the parse tree
def _compile(items, ic: bool) -> tuple:
    out: list[tuple] = []
    for op, av in items:
        if op in _SKIP:
            continue
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            out.append((CHAR, _accepted(op, av, ic)))
        elif op is _c.SUBPATTERN:
            _group, add, delete, sub = av
            out.extend(_compile(sub, (ic or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE))
        elif op is _c.BRANCH:
            out.append((BRANCH, tuple(_compile(alt, ic) for alt in av[1])))
        elif op in _REPEATS:
            lo, hi, sub = av
            out.append((REPEAT, lo, hi, _compile(sub, ic)))
        elif op is _ATOMIC and op is not None:
            out.extend(_compile(av, ic))
        elif op is _c.GROUPREF_EXISTS:
            _group, yes, no = av
            out.append((BRANCH, (_compile(yes, ic), _compile(no, ic) if no is not None else ())))
        else:  # a back-reference or anything else: assume it matches
            out.append((ANY_REST,))
            break
    return tuple(out)


_accepted_cache: dict = {}


def _accepted(op, av, ic: bool) -> frozenset:
    """The ASCII characters one character-consuming item may match (conservatively)."""
    key = (op, tuple(av) if isinstance(av, list) else av, ic)
    got = _accepted_cache.get(key)
    if got is None:
        if op is _c.LITERAL and (av <= 0x7f or not ic or _uncased(av)):
            ch = chr(av)
            got = frozenset(c for c in ({ch, ch.lower(), ch.upper()} if ic else {ch}) if c <= "\x7f")
        else:
            got = frozenset(ch for ch in _ASCII if _char(op, av, ch, ic))
        _accepted_cache[key] = got
    return got


def _uncased(code: int) -> bool:
    """A character without case (a curly quote, a currency sign): with IGNORECASE it still matches
    only itself."""
    ch = chr(code)
    return ch.lower() == ch == ch.upper()


def _char(op, av, ch: str, ic: bool) -> bool:
    """Whether one pattern item that consumes a character may match the ASCII character ``ch``."""
    if op is _c.LITERAL or op is _c.NOT_LITERAL:
        if ic and av > 0x7f and not _uncased(av):
            return True
        same = chr(av).lower() == ch.lower() if ic else chr(av) == ch
        return same if op is _c.LITERAL else not same
    if op is _c.IN:
        return _in_set(av, ch, ic)
    return True


def _in_set(items, ch: str, ic: bool) -> bool:
    negate = bool(items) and items[0][0] is _c.NEGATE
    if negate:
        if ic:
            return True
        items = items[1:]
    variants = {ch, ch.lower(), ch.upper()} if ic else {ch}
    found = False
    for op, av in items:
        if op is _c.LITERAL:
            if ic and av > 0x7f and not _uncased(av):
                return True
            found = chr(av) in variants
        elif op is _c.RANGE:
            lo, hi = av
            if ic and hi > 0x7f:
                return True
            found = any(lo <= ord(v) <= hi for v in variants)
        elif op is _c.CATEGORY:
            test = _CATEGORIES.get(av)
            if test is None:
                return True
            found = test(ch)
        else:
            return True
        if found:
            break
    return not found if negate else found


# --------------------------------------------------------------------------- an NFA over the compiled form
#: A set of NFA states (each a character to consume, or :data:`ACCEPT`) a pattern may be in.
States = frozenset
#: The state of a pattern whose match may already be complete (or whose rest is not modelled).
ACCEPT = -1


class _Nfa:
    """The compiled form as a Thompson NFA: character states (``accepted``, ``next``) and split
    states (several ``next``); :meth:`closure` of a state is the character states (and
    :data:`ACCEPT`) it reaches without consuming."""

    __slots__ = ("chars", "nexts", "_closures", "start")

    def __init__(self, seq: tuple) -> None:
        self.chars: list[frozenset | None] = []   # None: a split state
        self.nexts: list[list[int]] = []
        self._closures: dict[int, States] = {}
        self.start = self.closure(self._build(seq, ACCEPT))

    def _add(self, chars: frozenset | None, nexts: list[int]) -> int:
        self.chars.append(chars)
        self.nexts.append(nexts)
        return len(self.chars) - 1

    def _build(self, seq: tuple, nxt: int) -> int:
        for node in reversed(seq):
            kind = node[0]
            if kind == CHAR:
                nxt = self._add(node[1], [nxt])
            elif kind == ANY_REST:
                nxt = ACCEPT
            elif kind == BRANCH:
                nxt = self._add(None, [self._build(alt, nxt) for alt in node[1]])
            else:
                _kind, lo, hi, sub = node
                if hi - lo > 64:  # unbounded (or nearly): X{lo,} as X^lo X*
                    loop = self._add(None, [])
                    self.nexts[loop] += [self._build(sub, loop), nxt]
                    nxt = loop
                else:
                    for _ in range(hi - lo):
                        nxt = self._add(None, [self._build(sub, nxt), nxt])
                for _ in range(lo):
                    nxt = self._build(sub, nxt)
        return nxt

    def closure(self, state: int) -> States:
        got = self._closures.get(state)
        if got is None:
            found, seen, todo = set(), set(), [state]
            while todo:
                st = todo.pop()
                if st in seen:
                    continue
                seen.add(st)
                if st == ACCEPT or self.chars[st] is not None:
                    found.add(st)
                else:
                    todo.extend(self.nexts[st])
            got = self._closures[state] = frozenset(found)
        return got

    def step(self, states: States, ch: str) -> States:
        """The states after consuming ``ch`` (empty: no match can go on so)."""
        wide = ch > "\x7f"
        out: set[int] = set()
        chars, nexts, closure = self.chars, self.nexts, self.closure
        for st in states:
            if wide or ch in chars[st]:
                out |= closure(nexts[st][0])
        return frozenset(out)


_nfas: dict[tuple[str, int], _Nfa] = {}


def _nfa(rx: re.Pattern) -> _Nfa:
    key = (rx.pattern, rx.flags)
    nfa = _nfas.get(key)
    if nfa is None:
        tree = _p.parse(rx.pattern, rx.flags)
        nfa = _nfas[key] = _Nfa(_compile(tree, bool(tree.state.flags & re.IGNORECASE)))
    return nfa


def start(rx: re.Pattern) -> States:
    """The states ``rx`` is in before any character (see :func:`advance`)."""
    return _nfa(rx).start


def advance(rx: re.Pattern, states: States, ch: str) -> States:
    """The states of ``rx`` after one more character of the prefix: empty if no match can begin with
    the prefix so far; states holding :data:`ACCEPT` (a match may already have ended) stay as they are.

    >>> import re
    >>> rx = re.compile("ab+c")
    >>> s = advance(rx, advance(rx, start(rx), "a"), "b")
    >>> bool(advance(rx, s, "b")), bool(advance(rx, s, "c")), bool(advance(rx, s, "x"))
    (True, True, False)
    """
    if ACCEPT in states:
        return states
    return _nfa(rx).step(states, ch)
