"""Resolution: each candidate mention of a document to a canonical actor, its kind and affiliation.

:func:`toolkit.actors.mentions.find_mentions` reads candidates off each sentence;
a :class:`Resolver` then reads them in document order, learning as it goes:

* an alias stands for its table entry ("Moscow" → Russia), except a capital after
  "in", "at"... which is a place of its country ("in Seoul" → Seoul, South Korea);
* a proper-noun run is a person, an organisation or a place (:func:`_classify_name`);
  the persons the document names in full are indexed first (:meth:`Resolver.index_bearers`),
  their variants merged ("Ken Starr" is "Kenneth Starr"), so that a full name is that
  person again ("Donald Trump" → "Donald J. Trump", :func:`name_key`) and a bare surname
  or given name goes to its most salient bearer anywhere in the document ("Kim" → Kim
  Hong-kyun; "Trump" → Donald Trump, not the Melania Trump named last: :class:`_Bearer`),
  of the gender a courtesy title says ("Mrs. Clinton"); only persons bear surnames, and
  an acronym the text defines means its full name ("the S.E.C." → Securities and
  Exchange Commission, :func:`acronym_definitions`);
* a person learns a title and an affiliation from an owner before the title
  ("Russian ambassador Georgy Zinoviev"), an apposition ("Lin Jian, a Chinese
  foreign ministry spokesperson,"), or, for a bare title, the sentence's acting body
  ("The Kremlin declined ... but spokesman Dmitry Peskov said"), a stronger source
  overriding a weaker one learned earlier;
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

import bisect
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from toolkit.actors.gender import PRONOUN_GENDER, given_name_gender, honorific_gender
from toolkit.actors.lexicon import Entry, Lexicon, ordinary_word
from toolkit.text.quotemarks import doc_quotations
from toolkit.text.tokens import Doc

__all__ = ["Candidate", "Resolver", "name_key", "acronym_definitions"]


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
    strength: int = 0  # how the affiliation was learned: see _AFFILIATION_STRENGTH


#: How directly a mention says whom a person speaks for; a stronger source overrides a weaker
#: earlier one ("Eric Dor, a French economist," beats the German ministry his first sentence is about).
_AFFILIATION_STRENGTH = {"owner": 3, "apposition": 2, "context": 1}



@dataclass(slots=True)
class _Bearer:
    """A person the document names in full, with what makes them the one a bare surname means."""

    canonical: str  # the first full form: "Hillary Clinton"
    given: str  # lower case: "hillary"
    surname: str  # lower case: "clinton"
    first: int  # token of the first full mention
    body_first: int  # token of the first full mention after the headline paragraph (else len(doc) + first)
    count: int = 0  # full mentions
    headline: bool = False  # named in full in the first paragraph, when the body follows it
    given_uses: int = 0  # mentions by the given name alone outside quotations ("Melania")
    gender: str | None = None
    pronouns: list = field(default_factory=list)  # the gender of the pronoun after each full mention

    def salience(self) -> tuple[bool, bool, int]:
        """What a reader takes a bare surname shared in a family to mean (higher is likelier).

        Writers tell the bearers apart by calling a secondary one by the given name
        ("Melania" more often than "Melania Trump"), put the one the article is about in
        the headline, and introduce that one first: so not a bearer called mostly by the
        given name (more often than in full), then a bearer the headline names in full, then the bearer the body
        names in full first.
        """
        return (self.given_uses <= self.count, self.headline, -self.body_first)


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

    def __init__(self, doc: Doc, *, lex: Lexicon, acronyms: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.lex = lex
        self.persons: list[_Person] = []  # in the order they were resolved
        self.person_info: dict[str, _PersonInfo] = {}  # canonical name -> title, affiliation
        self.bodies: list[_Body] = []
        self.organisations: list[str] = []  # organisations named so far (canonical), for their short forms
        self.sentence_subject: dict[int, Candidate] = {}  # sentence -> its acting alias or body
        self.bearers: dict[tuple[str, str], _Bearer] = {}  # name_key -> full-name bearer
        self.by_surname: dict[str, list[_Bearer]] = {}
        self.by_given: dict[str, list[_Bearer]] = {}
        self.not_persons: set[int] = set()  # first tokens of runs that open with a bearer's surname
        self._token_texts: frozenset[str] | None = None  # the document's words, when first needed
        self.acronyms = acronyms or {}  # "SEC" -> "Securities and Exchange Commission" (defined in the text)
        self._acronym_names = frozenset(self.acronyms.values())  # the full names, for a look-up per name
        # Indexes over what the lists above hold, so that no mention scans every earlier one (a long
        # article would be quadratic): each maps a key to the newest entry, as the scans found it.
        self._person_by_end: dict[str, int] = {}  # first or last name part -> newest person index
        self._person_by_parts: dict[tuple[str, ...], int] = {}  # all name parts -> newest person index
        self._person_by_key: dict[tuple[str, str], int] = {}  # name_key(canonical) -> newest person index
        self._persons_version = 0  # bumped whenever a person is learned (the description index goes stale)
        self._described: _DescriptionIndex | None = None
        self._organisation_by_suffix: dict[tuple[str, ...], str] = {}  # words ending a longer name -> newest
        self._body_by_head: dict[str, _Body] = {}  # last word of a body's head -> newest body

    def resolve(self, candidates: list[Candidate]) -> None:
        """Resolve ``candidates`` (in document order) in place."""
        self.index_bearers(candidates)
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
        expansion = self.acronyms.get(_acronym_key(self._words(cand))) if cand.last - cand.first == 1 else None
        if cand.via == "name" and (expansion is not None or " ".join(self._words(cand)) in self._acronym_names):
            cand.actor, cand.kind = expansion or " ".join(self._words(cand)), "organisation"
            return
        if cand.first in self.not_persons and cand.via == "name":
            cand.actor, cand.kind = " ".join(self._words(cand)), "organisation"  # "Trump National Doral"
            return
        kind = "person" if cand.via == "title" or cand.title else _classify_name(cand, self.doc, lex=self.lex)
        canonical = self.person_for_name(cand)
        if canonical in self.person_info or any(b.canonical == canonical for b in self._bearers_for(cand)):
            kind = "person"
        if kind is None:
            cand.kind = None
            return
        if kind == "organisation":
            canonical = self._organisation_for(canonical)
        cand.actor, cand.kind = canonical, kind
        if kind == "person":
            self._learn_person(cand, canonical)
        elif kind == "organisation":
            self._add_organisation(canonical)
        elif kind == "place":
            cand.affiliation = self.owner_party(cand.owner)

    def _organisation_for(self, name: str) -> str:
        """A short form of an organisation named in full before: "the Times" after "the Tampa Bay Times".

        The newest earlier organisation whose name is longer and ends in these words, looked up in
        :attr:`_organisation_by_suffix` rather than found by scanning every earlier organisation.
        """
        return self._organisation_by_suffix.get(tuple(name.split()), name)

    def _add_organisation(self, canonical: str) -> None:
        """Record an organisation and index each proper ending of its name (newest wins, as a backward scan)."""
        self.organisations.append(canonical)
        full = canonical.split()
        for n in range(1, len(full)):
            self._organisation_by_suffix[tuple(full[-n:])] = canonical

    def _learn_person(self, cand: Candidate, canonical: str) -> None:
        """Record a person's title and affiliation (the first ones the document gives win)."""
        info = self.person_info.setdefault(canonical, _PersonInfo())
        info.title = info.title or cand.title
        source, affiliation = "owner", self.owner_party(cand.owner)
        if affiliation is None:
            source, affiliation = "apposition", self.owner_party(cand.apposition_owner)
        if affiliation is None and cand.title and cand.owner is None:
            source, affiliation = "context", self.owner_party(cand.context_owner)
        if affiliation is not None and _AFFILIATION_STRENGTH[source] > info.strength:
            info.affiliation, info.strength = affiliation, _AFFILIATION_STRENGTH[source]
        cand.affiliation = info.affiliation
        cand.title = cand.title or info.title
        words = self._words(cand)
        parts = [w.lower() for w in words] if canonical == " ".join(words) else canonical.lower().split()
        self._add_person(_Person(cand.first, canonical, parts))

    def _add_person(self, person: _Person) -> None:
        """Record a resolved person and index it by its name parts and name key (newest wins), so that
        :meth:`person_for_name` finds the newest match without scanning every earlier person."""
        index = len(self.persons)
        self.persons.append(person)
        self._persons_version += 1
        if person.parts:
            self._person_by_end[person.parts[0]] = index
            self._person_by_end[person.parts[-1]] = index
        self._person_by_parts[tuple(person.parts)] = index
        self._person_by_key[name_key(person.canonical)] = index

    def _resolve_body(self, cand: Candidate) -> None:
        if cand.owner is not None:
            party = self.owner_party(cand.owner)
            cand.actor = f"{self.owner_label(cand.owner)} {cand.body}".strip()
            cand.kind, cand.affiliation = "organisation", party
            body = _Body(cand.title_head or cand.body, cand.actor, party)
            self.bodies.append(body)
            self._body_by_head[body.head.split()[-1]] = body  # the newest body of that head word
            return
        head = (cand.title_head or cand.body).split()[-1]
        body = self._body_by_head.get(head)
        if body is not None:
            cand.actor, cand.kind, cand.affiliation = body.actor, "organisation", body.party
            return
        cand.kind = None

    def _complete_person(self, cand: Candidate) -> None:
        """A person mention takes the title and affiliation its person has learned by the end of pass 1."""
        if cand.kind != "person":
            return
        info = self.person_info.get(cand.actor)
        if info is not None:
            cand.affiliation = info.affiliation or cand.affiliation
            cand.title = cand.title or info.title

    def _resolve_description(self, cand: Candidate) -> None:
        """A person description: the named person with its title (and owner's party), else the description."""
        want = self.owner_party(cand.owner)
        if self._described is None or self._described.version != self._persons_version:
            self._described = _DescriptionIndex(self.persons, self.person_info, self._persons_version)
        best = self._described.lookup(cand.title_head, want, cand.first)
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

    def index_bearers(self, candidates: list[Candidate]) -> None:
        """Index the persons the document names in full, before resolving anything.

        A bare surname or given name then goes to the most salient bearer in the whole
        document (:meth:`_Bearer.salience`), wherever the full name comes; a run that opens
        with a bearer's surname and goes on with an ordinary word ("Trump National Doral",
        "Trump Tower") is no person.
        """
        runs: list[tuple[Candidate, str]] = []
        name_firsts = sorted(c.first for c in candidates if c.via in ("name", "title"))
        for cand in candidates:
            if cand.entry is not None or cand.via not in ("name", "title") or cand.last - cand.first < 2:
                continue
            first = self.doc.tokens[cand.first]
            if ordinary_word(first.lower, self.lex) and first.text not in self.lex.first_names:
                continue  # "Catholic Garvaghy Road": no given name opens it
            if cand.via == "title" or _classify_name(cand, self.doc, lex=self.lex) == "person":
                runs.append((cand, " ".join(self._words(cand))))
        surnames = {name_key(text)[1] for _, text in runs}
        n = len(self.doc.tokens)
        for cand, text in runs:
            key = name_key(text)
            if not key[0] or key[0] == key[1]:
                continue
            rest = [t.lower for t in self.doc.tokens[cand.first + 1:cand.last]]
            if cand.via == "name" and key[0] in surnames and any(ordinary_word(w, self.lex) for w in rest):
                self.not_persons.add(cand.first)
                continue
            in_body = self.doc.sentences[cand.sentence].paragraph > 0
            bearer = self.bearers.get(key)
            if bearer is None:
                bearer = self.bearers[key] = _Bearer(text, key[0], key[1], cand.first, n + cand.first)
                bearer.gender = given_name_gender(text)[0]
                self.by_surname.setdefault(key[1], []).append(bearer)
                self.by_given.setdefault(key[0], []).append(bearer)
            bearer.count += 1
            bearer.headline = bearer.headline or (not in_body and len(self.doc.paragraphs) > 1)
            if in_body and bearer.body_first >= n:
                bearer.body_first = cand.first
            bearer.gender = bearer.gender or _title_gender(cand.title)
            if bearer.gender is None:
                bearer.pronouns.append(self._next_pronoun_gender(cand, name_firsts))
        self._merge_variants()
        for bearer in self.bearers.values():
            if bearer.gender is None and bearer.pronouns:
                male, female = bearer.pronouns.count("male"), bearer.pronouns.count("female")
                bearer.gender = "male" if male > female else "female" if female > male else None
        self._titled_namesakes(candidates)
        quoted = sorted(p for q in doc_quotations(self.doc) for p in q.pieces)
        for cand in candidates:
            if cand.entry is None and cand.via in ("name", "title") and cand.last - cand.first == 1:
                tok = self.doc.tokens[cand.first]
                if tok.lower not in self.by_surname and not _inside(quoted, tok.start):
                    for bearer in self.by_given.get(tok.lower, ()):
                        bearer.given_uses += 1

    def _titled_namesakes(self, candidates: list[Candidate]) -> None:
        """A courtesy title no named bearer of the surname can take is another person of that
        surname, one the article never names in full: "Mr. Obama" beside "the first lady,
        Michelle Obama" is the president, and so are "President Obama" and "Obama" in the
        headline when he is the one the article is about (:meth:`_Bearer.salience`).
        """
        n = len(self.doc.tokens)
        # The one-word names by their word, in document order: each surname reads its own, not all candidates.
        singles: dict[str, list[Candidate]] = {}
        for cand in candidates:
            if cand.entry is None and cand.via in ("name", "title") and cand.last - cand.first == 1:
                singles.setdefault(self.doc.tokens[cand.first].lower, []).append(cand)
        for surname, group in list(self.by_surname.items()):
            genders = {b.gender for b in group}
            if None in genders:
                continue  # a bearer of unknown gender may be the one the title means
            bare = singles.get(surname, [])
            marked: dict[str, list[Candidate]] = {}
            for cand in bare:
                gender = _title_gender(cand.title)
                if gender is not None and gender not in genders:
                    marked.setdefault(gender, []).append(cand)
            for gender, cands in marked.items():
                text = self.doc.tokens[cands[0].first].text
                in_body = [c.first for c in bare if self.doc.sentences[c.sentence].paragraph > 0]
                namesake = _Bearer(text, "", surname, bare[0].first, min(in_body, default=n + bare[0].first),
                                   count=len(cands), gender=gender)
                namesake.headline = len(self.doc.paragraphs) > 1 and any(
                    self.doc.sentences[c.sentence].paragraph == 0 for c in bare)
                group.append(namesake)

    def _merge_variants(self) -> None:
        """One person under two full names of one surname: "Kenneth Starr" and "Ken Starr",
        "François Hollande" and "Francois Hollande", "Loretta Lynch" and "AG Lynch" (no given
        name opens it). The variant the article gives most fully becomes the canonical name of
        both (:func:`_same_given`)."""
        for surname, group in self.by_surname.items():
            if len(group) < 2:
                continue
            kept: list[_Bearer] = []
            for bearer in sorted(group, key=self._fullness, reverse=True):
                into = next((k for k in kept if _same_given(k, bearer, self.lex)), None)
                if into is None:
                    kept.append(bearer)
                    continue
                into.count += bearer.count
                into.given_uses += bearer.given_uses
                into.headline = into.headline or bearer.headline
                into.first, into.body_first = min(into.first, bearer.first), min(into.body_first, bearer.body_first)
                into.gender = into.gender or bearer.gender
                into.pronouns.extend(bearer.pronouns)
                for key, value in self.bearers.items():
                    if value is bearer:
                        self.bearers[key] = into
                given = self.by_given.get(bearer.given, [])
                if bearer in given:
                    given.remove(bearer)
            self.by_surname[surname] = sorted(kept, key=lambda b: b.first)

    def _fullness(self, bearer: _Bearer) -> tuple[bool, int, int]:
        """How fully a full name names its person: opened by a given name, longer, named first."""
        first_word = bearer.canonical.split()[0]
        given = first_word in self.lex.first_names or _fold(first_word).title() in self.lex.first_names
        return (given, len(bearer.canonical), -bearer.first)

    def _next_pronoun_gender(self, cand: Candidate, name_firsts: list[int]) -> str | None:
        """The gender of the first he/she/his/her after a full name in its sentence, before any
        other name: "Hillary Clinton said she ..." (evidence for "Mrs. Clinton" later).

        ``name_firsts``: the sorted first tokens of the name and title candidates (the next name is
        a bisection away, not a scan of every candidate).
        """
        sent = self.doc.sentences[cand.sentence]
        k = bisect.bisect_left(name_firsts, cand.last)
        stop = name_firsts[k] if k < len(name_firsts) and name_firsts[k] < sent.last else sent.last
        for tok in self.doc.tokens[cand.last:stop]:
            gender = PRONOUN_GENDER.get(tok.lower)
            if gender is not None:
                return gender
        return None

    def _acronym(self, words: list[str]) -> bool:
        """An all-caps word the document never writes in lower case: "TWA", not the "TRUMP" of a
        shouted headline over an article that writes "Trump"."""
        if not _acronym_key(words):
            return False
        if self._token_texts is None:
            self._token_texts = frozenset(t.text for t in self.doc.tokens)
        return words[0].title() not in self._token_texts

    def _bearers_for(self, cand: Candidate) -> list[_Bearer]:
        """The full-name bearers a one-word name can mean: by surname, else by given name.

        Bearers are full names that open with a given name (or a word that is no ordinary
        English word): "Catholic" is no given name of a "Catholic Garvaghy Road".
        """
        if cand.last - cand.first != 1 or self._acronym(self._words(cand)):
            return []  # an acronym ("TWA") is no surname
        low = self.doc.tokens[cand.first].text.lower()
        return self.by_surname.get(low) or self.by_given.get(low) or []

    def person_for_name(self, cand: Candidate) -> str:
        """The person a name refers to, else the name as written.

        One word: the most salient bearer of that surname (or given name) in the document,
        of the gender a courtesy title says if one does ("Mrs. Clinton"); only persons bear
        surnames. A longer name: the person named before with the same name key.
        """
        parts = self._words(cand)
        lows = [p.lower() for p in parts]
        text = " ".join(parts)
        if len(parts) == 1:
            if self._acronym(parts):
                return text  # an acronym ("TWA") is no surname
            bearers = self._bearers_for(cand)
            gender = _title_gender(cand.title)
            if gender is not None:
                bearers = [b for b in bearers if b.gender == gender] or [b for b in bearers if b.gender is None]
            if bearers:
                # A full name earlier in the same sentence wins: "Bill Clinton said Clinton ...".
                sentence_first = self.doc.sentences[cand.sentence].first
                names = {b.canonical for b in bearers}
                for person in reversed(self.persons):
                    if person.first < sentence_first:
                        break
                    if person.first < cand.first and person.canonical in names and len(person.parts) > 1:
                        return person.canonical
                return max(bearers, key=_Bearer.salience).canonical
            newest = self._person_by_end.get(lows[0])  # the newest person whose name opens or ends so
            return self.persons[newest].canonical if newest is not None else text
        key = name_key(text)
        bearer = self.bearers.get(key)
        if bearer is not None:
            return bearer.canonical
        # The newest person named with these very parts or this name key.
        newest = max(self._person_by_parts.get(tuple(lows), -1), self._person_by_key.get(key, -1))
        return self.persons[newest].canonical if newest >= 0 else text


class _DescriptionIndex:
    """The persons a description ("the ambassador", "the Russian ambassador") can name, by the last
    word of their title and the party a description's owner wants, with bisection over where each
    is named: :meth:`Resolver._resolve_description` once scanned every person for every description.

    Built over the persons learned by the end of pass 1 (``version`` tells when a later one makes it stale).
    """

    def __init__(self, persons: list[_Person], info: dict[str, _PersonInfo], version: int) -> None:
        self.version = version
        self._info = info
        self._by_head: dict[str, list[_Person]] = {}
        for p in persons:
            self._by_head.setdefault((info[p.canonical].title or "").split(" ")[-1], []).append(p)
        self._groups: dict[tuple[str | None, str | None], _MatchGroup] = {}

    def lookup(self, head: str | None, want: str | None, first: int) -> str | None:
        """The person named last before token ``first`` with that title head (and party ``want``), else the
        one person named after it, else None (as the scan: the last of those before, or all after alike)."""
        group = self._groups.get((head, want))
        if group is None:
            matching = [p for p in self._by_head.get(head, ())  # type: ignore[arg-type]
                        if want is None or self._info[p.canonical].affiliation == want]
            group = self._groups[(head, want)] = _MatchGroup(matching)
        return group.best(first)


class _MatchGroup:
    """The persons matching one description, in the order they were learned, for :class:`_DescriptionIndex`."""

    def __init__(self, persons: list[_Person]) -> None:
        self.persons = persons
        self.firsts = [p.first for p in persons]
        self.ordered = all(a <= b for a, b in zip(self.firsts, self.firsts[1:]))
        # uniform[i]: every person from i on is one and the same (the "only one after" test)
        self.uniform = [True] * (len(persons) + 1)
        for i in range(len(persons) - 2, -1, -1):
            self.uniform[i] = self.uniform[i + 1] and persons[i].canonical == persons[i + 1].canonical

    def best(self, first: int) -> str | None:
        """The last person before ``first`` in learned order, else the only person after it."""
        if not self.ordered:  # learned out of text order: read them all, as ever
            before = [p for p in self.persons if p.first < first]
            after = [p for p in self.persons if p.first > first]
            if before:
                return before[-1].canonical
            return after[0].canonical if after and len({p.canonical for p in after}) == 1 else None
        k = bisect.bisect_left(self.firsts, first)
        if k > 0:
            return self.persons[k - 1].canonical
        j = bisect.bisect_right(self.firsts, first)
        return self.persons[j].canonical if j < len(self.persons) and self.uniform[j] else None


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
        if "-" in word and any(e.via == "demonym" for toks_, e in lex.aliases.get(word.rsplit("-", 1)[1], ())
                               if len(toks_) == 1):
            return None  # a people, not one actor: "African-American", "Cuban-American"
        if word.lower().startswith(("anti-", "pro-", "non-")):
            return None  # an attitude to an actor, not the actor: "Anti-Trump"
        if word.isupper() and len(word) > 1:
            return "organisation"
        if _camel_case(word):
            return "organisation"  # a brand written in camel case: "PolitiFact", "YouTube", "InsideSources"
        if word in lex.first_names:
            return "person"
        if ordinary_word(lows[0], lex) and not (nxt is not None and nxt.lemma in ("say", "tell", "add")):
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


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls inside one of the sorted, disjoint ``spans``.

    >>> _inside([(0, 5), (10, 20)], 12), _inside([(0, 5), (10, 20)], 7)
    (True, False)
    """
    k = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


def _fold(word: str) -> str:
    """A word without accents, lower case: "François" -> "francois"."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _same_given(a: _Bearer, b: _Bearer, lex: Lexicon) -> bool:
    """Whether two bearers of one surname are one person: the same given name but for accents,
    one given name the start of the other ("Ken", "Kenneth"), or no given name opening the less
    full one ("AG Lynch", "Oscar-winner Sarandon") while the fuller one has one.

    >>> lex = Lexicon(first_names=frozenset({"Kenneth", "Ken", "Loretta", "Bill", "Hillary"}))
    >>> def b(name): return _Bearer(name, name.split()[0].lower(), name.split()[-1].lower(), 0, 0)
    >>> _same_given(b("Kenneth Starr"), b("Ken Starr"), lex), _same_given(b("Loretta Lynch"), b("AG Lynch"), lex)
    (True, True)
    >>> _same_given(b("Hillary Clinton"), b("Bill Clinton"), lex)
    False
    """
    x, y = _fold(a.given), _fold(b.given)
    if x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x))):
        return True
    return _given_like(a.canonical.split()[0], lex) != _given_like(b.canonical.split()[0], lex)


def _given_like(word: str, lex: Lexicon) -> bool:
    """A word that can be a given name: a known first name, or a capitalised word that is no
    ordinary English word, abbreviation or compound ("Ivanka" is; "AG", "Rev.", "Oscar-winner",
    "Wisconsin"... are judged by the same test, so a place or title word is not).

    >>> lex = Lexicon(first_names=frozenset({"Loretta"}))
    >>> [_given_like(w, lex) for w in ("Loretta", "Ivanka", "AG", "Oscar-winner", "Rev.")]
    [True, True, False, False, False]
    """
    if word in lex.first_names:
        return True
    return word[:1].isupper() and word[1:].islower() and word.isalpha() and not ordinary_word(word.lower(), lex)


def _title_gender(title: str | None) -> str | None:
    """The gender a courtesy title before a name says ("Mrs. Clinton" is not Bill Clinton): "mrs." -> female.

    >>> _title_gender("mrs."), _title_gender("sen."), _title_gender(None)
    ('female', None, None)
    """
    return honorific_gender(title.split()[-1]) if title else None


def _acronym_key(words: list[str]) -> str:
    """An acronym as written, without its dots: "S.E.C." -> "SEC" ("" if the words are no acronym).

    >>> _acronym_key(["S.E.C."]), _acronym_key(["ICE"]), _acronym_key(["Ice"])
    ('SEC', 'ICE', '')
    """
    letters = "".join(words).replace(".", "")
    return letters if len(letters) >= 2 and letters.isupper() and letters.isalpha() else ""


#: Lower-case words inside an organisation's full name that its acronym may skip ("Securities and
#: Exchange Commission" is SEC, "Department of Justice" DOJ).
_NAME_JOINERS = frozenset({"and", "of", "for", "the", "on", "&", "in"})


def _initials_match(words: list[str], acronym: str) -> bool:
    """Whether the capitalised words' initials (with or without the joiners') spell ``acronym``.

    >>> _initials_match(["Immigration", "and", "Customs", "Enforcement"], "ICE")
    True
    >>> _initials_match(["Department", "of", "Justice"], "DOJ"), _initials_match(["Justice", "Department"], "DOJ")
    (True, False)
    """
    if not words or not words[0][:1].isupper():
        return False
    strict = "".join(w[0] for w in words if w not in _NAME_JOINERS).upper()
    loose = "".join(w[0] for w in words).upper()
    return acronym in (strict, loose)


def acronym_definitions(doc: Doc) -> list[tuple[int, int, str]]:
    """Acronyms the text defines for a full name: (first token, end token, acronym) of the full name.

    "the Securities and Exchange Commission (S.E.C.)" and "Immigration and Customs
    Enforcement, or ICE," define SEC and ICE; the acronym's later uses then mean the full name.

    >>> from toolkit.text.tagging import process
    >>> doc = process("Agents of U.S. Immigration and Customs Enforcement, or ICE, came.")
    >>> [(" ".join(t.text for t in doc.tokens[a:b]), key) for a, b, key in acronym_definitions(doc)]
    [('Immigration and Customs Enforcement', 'ICE')]
    """
    toks = doc.tokens
    out: list[tuple[int, int, str]] = []
    for i, tok in enumerate(toks[:-2]):
        if tok.text == "(":
            k = i + 1
        elif tok.text == "," and toks[i + 1].lower == "or":
            k = i + 2
        else:
            continue
        key = _acronym_key([toks[k].text]) if k < len(toks) else ""
        if not key or i == 0:
            continue
        start = i
        while start > 0 and i - start < 12 and toks[start - 1].sent == tok.sent and (
                toks[start - 1].text[:1].isupper() or toks[start - 1].lower in _NAME_JOINERS):
            start -= 1
        for first in range(start, i):
            words = [t.text for t in toks[first:i]]
            if _initials_match(words, key):
                out.append((first, i, key))
                break
    return out


#: Surname prefixes written with an inner capital: "McCrummen", "MacDougall", "DeSantis", "O'Neill".
_SURNAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "O'", "O’", "D'", "St")


def _camel_case(word: str) -> bool:
    """A capital inside a word that no surname prefix explains ("PolitiFact" yes, "McCrummen" no).

    >>> [_camel_case(w) for w in ("PolitiFact", "YouTube", "McCrummen", "DeSantis", "Obama", "NATO")]
    [True, True, False, False, False, False]
    """
    if len(word) < 4 or word.isupper() or not word[0].isupper() or "-" in word:
        return False
    if not any(c.isupper() for c in word[1:]):
        return False
    return not word.startswith(_SURNAME_PREFIXES)


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
