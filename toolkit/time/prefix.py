"""Could a compiled regular expression match text that begins with a given prefix?

:func:`may_match` answers for the tagger's rule dispatch (:mod:`toolkit.time.timex`): before a
rule's expression is run at a candidate position, the first characters there (a word and what
follows it) rule out most of the rules at once, and the answer, memoised by those characters,
is reused at every later position that begins alike.

The answer is conservative: ``False`` only when no match can begin with ``prefix`` (whatever
text follows it and precedes it), so skipping a rule on ``False`` never changes what is found.
It walks the parsed pattern (``re._parser``) over the prefix; look-arounds, anchors and
back-references are taken as satisfied, a character outside ASCII (in the text or, with
IGNORECASE, in the pattern) as matched, and any construct it does not know as matched.

>>> import re
>>> rx = re.compile(r"(?:last|next)\\s+(?-i:May)|\\d+\\s+days", re.I)
>>> may_match(rx, "next "), may_match(rx, "next m"), may_match(rx, "NEXT M"), may_match(rx, "the")
(True, False, True, False)
>>> may_match(rx, "12 d"), may_match(rx, "12 w"), may_match(rx, "12")
(True, False, True)
"""
from __future__ import annotations

import re
from collections.abc import Callable

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["may_match"]

_ASCII = [chr(i) for i in range(128)]
_ALL = frozenset(_ASCII)
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
#   (BRANCH, ((first, seq), ...)) alternatives, each with the ASCII characters it may begin with
#                              (None: any, or it may match nothing)
#   (REPEAT, lo, hi, seq)
#   (ANY_REST,)                something not modelled: whatever follows may match
CHAR, BRANCH, REPEAT, ANY_REST = range(4)

_compiled: dict[tuple[str, int], tuple] = {}


def may_match(rx: re.Pattern, prefix: str) -> bool:
    """False only if no match of ``rx`` (with ``rx.match``) can begin with ``prefix``; a match
    shorter than ``prefix`` (ending inside it) counts as possible."""
    key = (rx.pattern, rx.flags)
    seq = _compiled.get(key)
    if seq is None:
        tree = _p.parse(rx.pattern, rx.flags)
        seq = _compiled[key] = _compile(tree, bool(tree.state.flags & re.IGNORECASE))
    return _seq(seq, 0, prefix, 0, _done)


def _done(pos: int) -> bool:
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
            alts = [_compile(alt, ic) for alt in av[1]]
            out.append((BRANCH, tuple((_first(alt), alt) for alt in alts)))
        elif op in _REPEATS:
            lo, hi, sub = av
            out.append((REPEAT, lo, hi, _compile(sub, ic)))
        elif op is _ATOMIC and op is not None:
            out.extend(_compile(av, ic))
        elif op is _c.GROUPREF_EXISTS:
            _group, yes, no = av
            alts = [_compile(yes, ic), _compile(no, ic) if no is not None else ()]
            out.append((BRANCH, tuple((_first(alt), alt) for alt in alts)))
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


def _first(seq: tuple) -> frozenset | None:
    """The ASCII characters a match of ``seq`` may begin with; None if it may be empty (or anything)."""
    chars: set[str] = set()
    for node in seq:
        kind = node[0]
        if kind == CHAR:
            return frozenset(chars | node[1])
        if kind == ANY_REST:
            return None
        if kind == BRANCH:
            for first, _alt in node[1]:
                if first is None:
                    return None
                chars |= first
            return frozenset(chars)
        if kind == REPEAT:
            first = _first(node[3])
            if first is None:
                return None
            chars |= first
            if node[1] > 0:
                return frozenset(chars)
    return None


# --------------------------------------------------------------------------- walking it over a prefix
def _seq(seq: tuple, i: int, s: str, pos: int, then: Callable[[int], bool]) -> bool:
    """Can ``seq[i:]`` followed by ``then`` match ``s`` from ``pos`` on (``s`` running out counts
    as a possible match)?"""
    n = len(seq)
    while True:
        if pos >= len(s):
            return True
        if i == n:
            return then(pos)
        node = seq[i]
        kind = node[0]
        if kind == CHAR:
            ch = s[pos]
            if ch <= "\x7f" and ch not in node[1]:
                return False
            i, pos = i + 1, pos + 1
            continue
        if kind == ANY_REST:
            return True
        rest = (lambda p, i=i: _seq(seq, i + 1, s, p, then))
        if kind == BRANCH:
            ch = s[pos]
            wide = ch > "\x7f"
            for first, alt in node[1]:
                if (wide or first is None or ch in first) and _seq(alt, 0, s, pos, rest):
                    return True
            return False
        _kind, lo, hi, sub = node
        return _repeat(sub, lo, hi, 0, s, pos, rest)


def _repeat(sub: tuple, lo: int, hi: int, count: int, s: str, pos: int, then: Callable[[int], bool]) -> bool:
    if pos >= len(s) or (count >= lo and then(pos)):
        return True
    if count >= hi:
        return False

    def again(p: int) -> bool:
        if p > pos:
            return _repeat(sub, lo, hi, count + 1, s, p, then)
        return count < lo and _repeat(sub, lo, hi, lo, s, p, then)  # empty turns only reach the minimum

    return _seq(sub, 0, s, pos, again)
