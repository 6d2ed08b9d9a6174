"""Resolution: each candidate mention of a document to a canonical actor, its kind and affiliation.

:func:`toolkit.actors.mentions.find_mentions` reads candidates off each sentence;
a :class:`Resolver` then reads them in document order, learning as it goes:

* an alias stands for its table entry ("Moscow" → Russia), except a capital after
  "in", "at"... which is a place of its country ("in Seoul" → Seoul, South Korea);
* a proper-noun run is a person, an organisation or a place (:func:`_classify_name`),
  and a name seen before is that person again: "Kim" → the Kim Hong-kyun named
  earlier, "Donald Trump" → "Donald J. Trump" (:func:`name_key`);
* a person learns a title and an affiliation from an owner before the title
  ("Russian ambassador Georgy Zinoviev"), an apposition ("Lin Jian, a Chinese
  foreign ministry spokesperson,"), or, for a bare title, the sentence's acting body
  ("The Kremlin declined ... but spokesman Dmitry Peskov said");
* a body with an owner is named after it ("South Korea's foreign ministry" →
  South Korean foreign ministry); a description without one is the last body with
  its head ("the ministry");
* a person description is the person the article names with that title and
  affiliation, before it or (if only one) after it ("the Russian ambassador");
* an alias that only counts beside its full form is dropped without it ("the North"
  without North Korea).

Example::

    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.lexicon import lexicon
    >>> doc = process("Kim Hong-kyun spoke. Kim left.")
    >>> candidates = [Candidate(0, 2, 0, "name"), Candidate(4, 5, 1, "name")]   # token ranges
    >>> Resolver(doc, lex=lexicon()).resolve(candidates)
    >>> [(c.actor, c.kind) for c in candidates]
    [('Kim Hong-kyun', 'person'), ('Kim Hong-kyun', 'person')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from toolkit.actors.lexicon import Entry, Lexicon
from toolkit.text.tokens import Doc

__all__ = ["Candidate", "Resolver", "name_key"]


@dataclass(slots=True)
class Candidate:
    """A mention before document-level resolution: its tokens and what its sentence says of it.

    The sentence reader fills the first fields; :class:`Resolver` fills ``actor``,
    ``kind`` and ``affiliation`` (a ``kind`` left None: not an actor after all).
    """

    first: int  # token range [first, last)
    last: int
    sentence: int
    via: str  # alias, demonym, capital, seat, name, title, body, description, given
    entry: Entry | None = None
    title: str | None = None
    title_head: str | None = None
    body: str | None = None
    owner: Candidate | None = None  # "Russia's" / "Russian" before the name, title or body
    locative: bool = False  # after "in", "at"... or a dateline
    subject: bool = False  # the sentence's first actor outside a prepositional phrase
    context_owner: Candidate | None = None  # the sentence's acting body, for a bare title
    apposition_owner: Candidate | None = None  # the owner in ", a Chinese ... spokesperson,"
    given: bool = False
    given_span: tuple[int, int] | None = None
    # filled by resolution
    actor: str | None = None
    kind: str | None = None
    affiliation: str | None = None


class _Person(NamedTuple):
    first: int  # token where the document names them
    canonical: str
    parts: list[str]  # name parts, lower case


class _Body(NamedTuple):
    head: str  # "ministry", "foreign ministry"
    actor: str
    party: str | None


@dataclass(slots=True)
class _PersonInfo:
    title: str | None = None
    affiliation: str | None = None


class Resolver:
    """The per-document state of resolution: the persons and bodies named so far.

    One resolver per document and pass; :meth:`resolve` fills in the candidates in place.

    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.lexicon import lexicon
    >>> doc = process("Japan's defence ministry named Kim Hong-kyun. Kim left.")
    >>> resolver = Resolver(doc, lex=lexicon())
    >>> japan = Candidate(0, 1, 0, "alias", lexicon().match_alias(doc.tokens, 0)[1])
    >>> resolver.owner_party(japan), resolver.owner_label(japan)
    ('Japan', 'Japanese')
    >>> resolver.resolve_one(Candidate(5, 7, 0, "name"))
    >>> resolver.person_for_name(Candidate(8, 9, 1, "name"))
    'Kim Hong-kyun'
    """

    def __init__(self, doc: Doc, *, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.persons: list[_Person] = []  # in the order they were resolved
        self.person_info: dict[str, _PersonInfo] = {}  # canonical name -> title, affiliation
        self.bodies: list[_Body] = []
        self.sentence_subject: dict[int, Candidate] = {}  # sentence -> its acting alias or body

    def resolve(self, candidates: list[Candidate]) -> None:
        """Resolve ``candidates`` (in document order) in place."""
        # Pass 1: names, aliases, bodies in document order; persons learn titles and affiliations.
        for cand in candidates:
            if cand.via == "description" and cand.title:
                continue
            if cand.subject and cand.sentence not in self.sentence_subject and (cand.entry or cand.via == "body"):
                self.sentence_subject[cand.sentence] = cand
            if cand.via == "title" and cand.owner is None:
                cand.context_owner = self.sentence_subject.get(cand.sentence)
            self.resolve_one(cand)
        for cand in candidates:
            self._complete_person(cand)
        # Pass 2: person descriptions ("the spokesman", "the Russian ambassador") to a named person.
        for cand in candidates:
            if cand.via == "description" and cand.title:
                self._resolve_description(cand)
        self._drop_unmet_requirements(candidates)

    def resolve_one(self, cand: Candidate) -> None:
        """Resolve one alias, name or body (an owner is resolved when first needed)."""
        if cand.actor is not None:
            return
        if cand.entry is not None:
            self._resolve_alias(cand)
        elif cand.via in ("title", "name"):
            self._resolve_name(cand)
        elif cand.via == "body" or (cand.via == "description" and cand.body):
            self._resolve_body(cand)

    # ----------------------------------------------------------------- one candidate

    def _words(self, cand: Candidate) -> list[str]:
        return [t.text for t in self.doc.tokens[cand.first:cand.last]]

    def _resolve_alias(self, cand: Candidate) -> None:
        entry = cand.entry
        cand.actor, cand.kind, cand.affiliation = entry.canonical, entry.kind, entry.affiliation
        if entry.via == "capital" and cand.locative:
            cand.actor = " ".join(self._words(cand))
            cand.kind, cand.affiliation = "place", entry.canonical

    def _resolve_name(self, cand: Candidate) -> None:
        kind = "person" if cand.via == "title" or cand.title else _classify_name(cand, self.doc, lex=self.lex)
        canonical = self.person_for_name(cand)
        if canonical in self.person_info:
            kind = "person"
        if kind is None:
            cand.kind = None
            return
        cand.actor, cand.kind = canonical, kind
        if kind == "person":
            self._learn_person(cand, canonical)
        elif kind == "place":
            cand.affiliation = self.owner_party(cand.owner)

    def _learn_person(self, cand: Candidate, canonical: str) -> None:
        """Record a person's title and affiliation (the first ones the document gives win)."""
        info = self.person_info.setdefault(canonical, _PersonInfo())
        info.title = info.title or cand.title
        affiliation = self.owner_party(cand.owner) or self.owner_party(cand.apposition_owner)
        if affiliation is None and cand.title and cand.owner is None:
            affiliation = self.owner_party(cand.context_owner)
        info.affiliation = info.affiliation or affiliation
        cand.affiliation = info.affiliation
        cand.title = cand.title or info.title
        words = self._words(cand)
        parts = [w.lower() for w in words] if canonical == " ".join(words) else canonical.lower().split()
        self.persons.append(_Person(cand.first, canonical, parts))

    def _resolve_body(self, cand: Candidate) -> None:
        if cand.owner is not None:
            party = self.owner_party(cand.owner)
            cand.actor = f"{self.owner_label(cand.owner)} {cand.body}".strip()
            cand.kind, cand.affiliation = "organisation", party
            self.bodies.append(_Body(cand.title_head or cand.body, cand.actor, party))
            return
        head = (cand.title_head or cand.body).split()[-1]
        for body in reversed(self.bodies):
            if body.head.split()[-1] == head:
                cand.actor, cand.kind, cand.affiliation = body.actor, "organisation", body.party
                return
        cand.kind = None

    def _complete_person(self, cand: Candidate) -> None:
        """A single name seen before its full name ("Kim" in a headline, "Kim Hong-kyun" later)."""
        if cand.kind != "person":
            return
        if cand.last - cand.first == 1 and cand.actor and " " not in cand.actor:
            low = cand.actor.lower()
            for person in self.persons:
                if person.canonical != cand.actor and low in person.parts:
                    cand.actor = person.canonical
                    break
        info = self.person_info.get(cand.actor)
        if info is not None:
            cand.affiliation = info.affiliation or cand.affiliation
            cand.title = cand.title or info.title

    def _resolve_description(self, cand: Candidate) -> None:
        """A person description: the named person with its title (and owner's party), else the description."""
        want = self.owner_party(cand.owner)
        matching = [p for p in self.persons
                    if (self.person_info[p.canonical].title or "").split(" ")[-1] == cand.title_head
                    and (want is None or self.person_info[p.canonical].affiliation == want)]
        before = [p for p in matching if p.first < cand.first]
        after = [p for p in matching if p.first > cand.first]
        best = None
        if before:
            best = before[-1].canonical
        elif after and len({p.canonical for p in after}) == 1:
            best = after[0].canonical
        if best:
            cand.actor, cand.kind = best, "person"
            cand.affiliation = self.person_info[best].affiliation or want
        elif want:
            cand.actor = f"{self.owner_label(cand.owner)} {cand.title}".strip() if cand.owner else cand.title
            cand.kind, cand.affiliation = "person", want
        else:
            cand.kind = None

    @staticmethod
    def _drop_unmet_requirements(candidates: list[Candidate]) -> None:
        """Aliases that only count next to their full form ("the North" with North Korea named)."""
        named = {c.actor for c in candidates if c.actor and not (c.entry and c.entry.requires)}
        for cand in candidates:
            if cand.entry is not None and cand.entry.requires and cand.entry.requires not in named:
                cand.kind = None

    # ----------------------------------------------------------------- owners and names

    def owner_party(self, owner: Candidate | None) -> str | None:
        """The actor an owner makes its possession speak for (resolving the owner first if need be)."""
        if owner is None:
            return None
        if owner.actor is None:
            self.resolve_one(owner)
        if owner.kind in ("country", "organisation"):
            return owner.actor
        if owner.kind == "person":
            return owner.affiliation or owner.actor
        if owner.kind == "place":
            return owner.affiliation
        return None

    def owner_label(self, owner: Candidate) -> str:
        """How an owner names its body: "South Korean", "Zelenskiy's", "NATO"."""
        if owner.kind == "country" and owner.actor in self.lex.adjective:
            return self.lex.adjective[owner.actor]
        if owner.kind == "person":
            return f"{owner.actor}'s"
        return owner.actor or ""

    def person_for_name(self, cand: Candidate) -> str:
        """The person named so far whom a name refers to, else the name as written."""
        parts = self._words(cand)
        lows = [p.lower() for p in parts]
        text = " ".join(parts)
        if len(parts) == 1:
            for person in reversed(self.persons):
                if lows[0] in person.parts:
                    return person.canonical
            # A later full name ("Kim ... Kim Hong-kyun" in a headline) is checked after the pass.
            return text
        key = name_key(text)
        for person in reversed(self.persons):
            if lows == person.parts or name_key(person.canonical) == key:
                return person.canonical
        return text


def _classify_name(cand: Candidate, doc: Doc, *, lex: Lexicon) -> str | None:
    """person / organisation / place for a proper-noun run without a title, or None to drop it."""
    toks = doc.tokens[cand.first:cand.last]
    lows = [t.text.lower() for t in toks]
    if any(w in lex.org_words for w in lows):
        return "organisation"
    if any(w in lex.place_words for w in lows) or " ".join(t.text for t in toks) in lex.places:
        return "place"
    if toks[0].text in lex.first_names and len(toks) >= 2:
        return "person"
    nxt = doc.tokens[cand.last] if cand.last < len(doc.tokens) else None
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
        if cand.locative:
            return "place"
        return "person"
    if cand.locative:
        return "place"
    if all(w in lex.english for w in lows):
        return "organisation"
    return "person"


_NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})


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
