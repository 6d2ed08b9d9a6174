"""Document-level reference: pronouns and descriptions resolved to the actors the article names.

:func:`toolkit.actors.mentions.find_mentions` finds the names, aliases and bodies of a
document; :func:`resolve_references` then reads the document once, in order, keeping a
discourse model of every *referent* so far (named actors, and unnamed ones such as
"officials" or "a spokesman", which block a wrong resolution), and adds a mention for
every pronoun and description that refers to a named actor:

* **pronouns** agree in gender and number (he → a man or a person of unknown gender: a
  given name, "Mr.", a title such as "congresswoman" decide; they → a group, a body or
  named people joined by "and"); the subject of a sentence and the last speaker are
  preferred; a narrative pronoun prefers referents outside quotation marks, and a
  pronoun inside a quotation is not its own speaker ("'He lied,' Kim said");
* **descriptions** ("the spokesman", "the Republican nominee", "the agency", "the
  newspaper", "the two lawmakers") name the referent the article gave that title, kind
  or affiliation, before (or, in a headline, after) them; "X's attorney" is the person
  named as X's attorney, never X; "the Trump campaign", "Clinton's team" are the
  campaign of that person;
* **appositions** join a description and a name (", a spokesman," after a name teaches
  its title; "Pagliano's lawyer, Mark MacDougall," is MacDougall);
* the first person outside quotations ("we" of an editorial, "I" of a column) is the
  outlet, when the document's ``source`` names it.

Where nothing in the article supports a resolution, no mention is added, so a quote
by "he" keeps no actor rather than a guess. Every added mention carries its ``chain``:
the spans of the mentions it was resolved through.

Example::

    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.mentions import find_mentions
    >>> doc = process("Mary Lee met Tom Kim. She said he was wrong.")
    >>> [(m.text, m.actor, m.via) for m in find_mentions(doc) if m.via == "pronoun"]
    [('She', 'Mary Lee', 'pronoun'), ('he', 'Tom Kim', 'pronoun')]
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.actors.gender import HONORIFICS, given_name_genders, person_gender
from toolkit.actors.lexicon import Lexicon
from toolkit.actors.mention import Mention
from toolkit.resources import data_lines, read_table
from toolkit.text.clauses import is_mark
from toolkit.text.lexicon import reporting_verbs
from toolkit.text.quotemarks import doc_quotations
from toolkit.text.tokens import Doc, Token

__all__ = ["Referent", "ReferringNoun", "referring_nouns", "given_name_genders", "resolve_references",
           "person_gender"]

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})
_BODY_PRONOUNS = frozenset({"it", "its", "itself"})
_FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})
_NUMBERS = frozenset({"two", "three", "four", "both"})
_NP_INNER = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "VBN", "VBG", "HYPH"})
_PARTY_WORDS = {"republican": "Republican Party", "gop": "Republican Party", "democratic": "Democratic Party",
                "democrat": "Democratic Party"}
#: Verbs whose subject "it" is mostly not an actor ("it is clear", "it seems", "it takes time").
_EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "look", "sound", "feel", "take", "remain", "happen", "rain",
                              "snow", "matter", "mean", "cost", "come", "go", "get", "become", "make", "help",
                              "turn", "begin", "start", "stand", "work", "depend", "follow", "include"})
#: Verbs whose subject is the author of their document object ("X issued a statement").
_ISSUING_VERBS = frozenset({"issue", "release", "publish", "put", "send", "post", "write", "file", "sign", "deliver",
                            "give", "make", "tweet"})
#: How many sentences back a pronoun looks for its referent.
WINDOW = 4


@dataclass(frozen=True, slots=True)
class ReferringNoun:
    """A row of ``data/actors/referring_nouns.tsv``: what a common noun can refer to."""

    noun: str
    refers: str  # person | group | organisation | outlet | document
    gender: str | None
    matches: frozenset[str]


@lru_cache(maxsize=1)
def _generic_groups() -> frozenset[str]:
    """Group nouns that name an unnamed holder only with a modifier (``data/actors/generic_groups.txt``)."""
    return frozenset(data_lines("actors/generic_groups.txt"))


@lru_cache(maxsize=1)
def referring_nouns() -> dict[tuple[str, bool], ReferringNoun]:
    """(noun, plural) -> its row; plural rows are the group rows.

    >>> referring_nouns()[("attorney", False)].matches >= {"lawyer", "attorney"}
    True
    >>> referring_nouns()[("official", True)].refers
    'group'
    """
    out: dict[tuple[str, bool], ReferringNoun] = {}
    for row in read_table("actors/referring_nouns.tsv"):
        matches = frozenset(m for m in row["matches"].split("|") if m and m != "-") or frozenset({row["noun"]})
        gender = row["gender"] if row["gender"] in ("female", "male") else None
        noun = ReferringNoun(row["noun"], row["refers"], gender, matches)
        out.setdefault((row["noun"], row["refers"] == "group"), noun)
    return out


@dataclass(slots=True)
class Referent:
    """Something the article has introduced: a named actor or an unnamed one (``actor`` None)."""

    actor: str | None
    kind: str  # person | organisation | country | group | document
    plural: bool = False
    gender: str | None = None
    members: tuple[str, ...] = ()  # named people of a coordinated group ("A and B")
    titles: set[str] = field(default_factory=set)  # title heads and descriptions it was given
    owner: str | None = None  # whose attorney, spokesman ... it is
    affiliation: str | None = None
    media: bool = False  # a news outlet
    spans: list[tuple[int, int]] = field(default_factory=list)  # its mentions so far (characters)
    full: tuple[int, int] | None = None  # the mention that names it most fully
    last_token: int = -1
    last_sentence: int = -1
    count: int = 0
    spoke: int = -10  # last sentence where it was the subject of a reporting verb
    weights: list[tuple[int, float, bool]] = field(default_factory=list)  # (sentence, salience weight, quoted)
    description: str | None = None  # an unnamed group's words: "younger black voters", "environmentalists"


@dataclass(slots=True)
class _Event:
    first: int
    last: int
    kind: str  # name | noun | pronoun | relative
    mention: Mention | None = None
    noun: ReferringNoun | None = None


class _Reader:
    """The discourse model of one document, filled in document order."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], *, lex: Lexicon, skip: set[int],
                 outlet: str | None) -> None:
        self.doc = doc
        self.toks = doc.tokens
        self.lex = lex
        self.skip = skip
        self.outlet = outlet
        self.mentions = list(mentions)
        self.named = {m.actor for m in self.mentions if m.via != "description"}
        self.referents: list[Referent] = []
        self.by_actor: dict[str, Referent] = {}
        # Indexes over the referents, so that no pronoun or description scans every referent so far (a long
        # article would be quadratic). Each look-up takes a superset from an index, puts it back in the
        # order of ``referents`` and applies the very tests the scans did, so the results are the same.
        self._ordinal: dict[int, int] = {}  # id(referent) -> its place in ``referents``
        # a title or (lower-case) actor word -> the named referents (an actor or members) with it
        self._by_word: dict[str, dict[int, Referent]] = {}
        # a title -> the referents without an actor (unnamed ones are made all through an article)
        self._actorless_by_word: dict[str, dict[int, Referent]] = {}
        self._media: dict[int, Referent] = {}  # the referents that are outlets
        self._by_last_sentence: dict[int, dict[int, Referent]] = {}  # last_sentence -> referents
        self._by_spoke: dict[int, dict[int, Referent]] = {}  # spoke -> referents
        self._latest_sentence = -1  # the highest last_sentence or spoke any referent has had
        self._weight_view: dict[int, tuple[int, int]] = {}  # id(referent) -> (sentence, first weight in view)
        self._weight_sentences: dict[int, set[int]] = {}  # id(referent) -> sentences of its weights
        self.reporting = _speech_acts()
        self.showing = _speech_acts(evidence=True)
        self.quoted = self._quoted_tokens()
        self.added: list[Mention] = []
        covered = [False] * len(self.toks)
        self.at: list[Mention | None] = [None] * len(self.toks)  # the first mention (outer first) over a token
        self.starting: dict[int, list[Mention]] = {}
        self.in_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.starting.setdefault(m.first, []).append(m)
            self.in_sentence.setdefault(m.sentence, []).append(m)
            for k in range(m.first, min(m.last, len(covered))):
                covered[k] = True
                if self.at[k] is None:
                    self.at[k] = m
        self.covered = covered

    # ----------------------------------------------------------------- text facts

    def _quoted_tokens(self) -> list[bool]:
        inside = [False] * len(self.toks)
        spans = sorted(p for q in doc_quotations(self.doc) for p in q.pieces)
        k = 0
        for tok in self.toks:
            while k < len(spans) and spans[k][1] <= tok.start:
                k += 1
            if k < len(spans) and spans[k][0] <= tok.start < spans[k][1]:
                inside[tok.i] = True
        return inside

    def _speaks(self, first: int, last: int, *, evidence: bool = False) -> bool:
        """The span is the subject of a reporting verb: "X said", "X has told", "said X", or it opens a
        sentence whose verb outside quotation marks reports ("X, who studies tax policy, said")."""
        if self._reports_near(first, last, evidence=evidence):
            return True
        sent = self.doc.sentences[self.toks[first].sent]
        if first > sent.first and self.toks[first - 1].tag not in ("DT", "JJ", "NNP", "NN"):
            return False
        for k in range(last, min(sent.last, last + 25)):
            t = self.toks[k]
            if t.tag in ("VBD", "VBZ", "VBP") and not self.quoted[k]:
                return t.lemma in (self.showing if evidence else self.reporting)
        return False

    def _reports_near(self, first: int, last: int, *, evidence: bool = False) -> bool:
        toks = self.toks
        verbs = self.showing if evidence else self.reporting
        k = last
        while k < len(toks) and k < last + 3 and toks[k].tag in ("RB", "MD", "VBZ", "VBD", "VBP") \
                and toks[k].lemma in ("have", "also", "later", "then", "again", "will", "would", "be", "do"):
            k += 1
        if k < len(toks) and toks[k].tag.startswith("VB") and toks[k].lemma in verbs:
            return True
        j = first - 1
        return j >= 0 and toks[j].lemma in verbs and toks[j].tag in ("VBD", "VBZ", "VBP") \
            and j - 1 >= 0 and _closes_quote(toks[j - 1])

    def _is_subject(self, first: int) -> bool:
        """The mention opens its clause: at the sentence start or after a comma/quote/subordinator."""
        sent = self.doc.sentences[self.toks[first].sent]
        k = first - 1
        while k >= sent.first and self.toks[k].tag in ("DT", "PRP$", "JJ", "NNP", "POS", "CD"):
            k -= 1
        if k < sent.first or self.toks[k].text in (",", "''", "”", '"', "``", "“", ":", "--", "—") \
                or self.toks[k].lower in ("that", "and", "but", "when", "while", "because", "as", "if", "after"):
            return True
        # inverted: '"...," said Delfin Gonzalez'
        return self.toks[k].lemma in self.reporting and k - 1 >= sent.first and _closes_quote(self.toks[k - 1])

    # ----------------------------------------------------------------- events

    def _events(self) -> list[_Event]:
        events = [_Event(m.first, m.last, "name", mention=m) for m in self.mentions if m.via != "demonym"]
        nouns = referring_nouns()
        toks = self.toks
        for sent in self.doc.sentences:
            if sent.i in self.skip:
                continue
            for k in range(sent.first, sent.last):
                tok = toks[k]
                low = tok.lower
                if low in ("who", "which") and tok.tag in ("WP", "WDT"):
                    events.append(_Event(k, k + 1, "relative"))
                    continue
                if low in _MALE_PRONOUNS or low in _FEMALE_PRONOUNS or low in _PLURAL_PRONOUNS \
                        or low in _BODY_PRONOUNS or (low in _FIRST_PERSON and self.outlet):
                    if tok.tag in ("PRP", "PRP$"):
                        events.append(_Event(k, k + 1, "pronoun"))
                    continue
                if self.covered[k] or not (tok.tag in ("NN", "NNS", "NNPS")
                                           or tok.tag == "NNP" and sent.i <= 1 and self._headline(sent.i)):
                    continue  # a capitalised noun is a referring noun only in a headline ("Lawmaker urges ...")
                nxt = toks[k + 1] if k + 1 < sent.last else None
                if nxt is not None and (nxt.tag in ("NN", "NNS") and not self.covered[k + 1]
                                        or self.covered[k + 1] and nxt.tag in ("NNP", "NNPS")):
                    continue  # not the head of its noun phrase, or a title before a name ("spokesman Jason Miller")
                plural = tok.tag in ("NNS", "NNPS") or tok.tag == "NNP" and low.endswith("s") and not low.endswith("ss")
                lemma = tok.lemma.lower() if tok.lemma else low
                if tok.tag == "NNP" and plural:
                    lemma = low[:-1]
                noun = nouns.get((lemma, plural))
                if noun is None and not plural and self.lex.match_phrase(self.lex.titles, toks, k) == 1:
                    noun = ReferringNoun(low, "person", None, frozenset({low}))
                if noun is not None:
                    events.append(_Event(k, k + 1, "noun", noun=noun))
        events.sort(key=lambda e: (e.first, -(e.last - e.first)))
        return events

    def run(self) -> list[Mention]:
        outer_end = -1
        for event in self._events():
            if event.kind == "name":
                nested = event.last <= outer_end
                outer_end = max(outer_end, event.last)
                self._name(event.mention, nested=nested)
            elif event.kind == "noun":
                self._noun(event)
            elif event.kind == "relative":
                self._relative(event.first)
            else:
                self._pronoun(event)
        for m in self.mentions:  # a surname or alias: the mention that names its actor most fully
            ref = self.by_actor.get(m.actor)
            if ref is not None and ref.full is not None and ref.full != (m.start, m.end) and m.text != m.actor:
                m.chain = (ref.full,)
        return self.added

    # ----------------------------------------------------------------- referents

    def _weight(self, first: int, last: int, subject: bool) -> float:
        """How salient a mention makes its referent (after Lappin & Leass 1994): a subject most, then an
        object, then a mention inside a prepositional phrase; a name used as a modifier ("U.S. senator") least."""
        toks = self.toks
        if last < len(toks) and (toks[last].tag in ("NN", "NNS") and not self.covered[last]
                                 or toks[last].tag == "NNP" and toks[last].lower in self.lex.titles):
            return 5.0  # an adjective in effect: "U.S. senator", "Trump supporters"
        if last < len(toks) and toks[last].tag == "POS":
            return 50.0  # a possessor ("Trump's plan") is not the head of its phrase
        if subject:
            return 180.0
        prev = toks[first - 1] if first > 0 else None
        if prev is not None and prev.tag in ("IN", "TO"):
            return 70.0
        return 130.0

    def _add_referent(self, ref: Referent) -> None:
        """Add a referent to the discourse model and to the indexes (its titles and actor words so far)."""
        self._ordinal[id(ref)] = len(self.referents)
        self.referents.append(ref)
        for word in ref.titles:
            self._index_word(ref, word)
        for word in (ref.actor or "").split():
            self._index_word(ref, word.lower())
        if ref.media:
            self._media[id(ref)] = ref

    def _index_word(self, ref: Referent, word: str) -> None:
        if ref.actor is not None or ref.members:
            self._by_word.setdefault(word, {})[id(ref)] = ref
        if ref.actor is None:
            self._actorless_by_word.setdefault(word, {})[id(ref)] = ref

    def _entitle(self, ref: Referent, word: str) -> None:
        """Give a referent a title (or description head), indexed."""
        ref.titles.add(word)
        if id(ref) in self._ordinal:
            self._index_word(ref, word)

    def _mark_media(self, ref: Referent) -> None:
        """Make a referent an outlet, indexed."""
        ref.media = True
        if id(ref) in self._ordinal:
            self._media[id(ref)] = ref

    def _in_order(self, refs) -> list[Referent]:
        """Referents (from an index) in the order of ``referents``, each once: the order the scans read."""
        unique = {id(r): r for r in refs if id(r) in self._ordinal}
        return sorted(unique.values(), key=lambda r: self._ordinal[id(r)])

    def _with_words(self, words) -> list[Referent]:
        """The named referents (an actor or members) with one of ``words`` among their titles or actor
        words (a superset to test), in order."""
        return self._in_order(r for w in words for r in self._by_word.get(w, {}).values())

    def _since(self, buckets: dict[int, dict[int, Referent]], lowest: int) -> list[Referent]:
        """The referents filed in ``buckets`` under a sentence from ``lowest`` on, in order."""
        return self._in_order(r for s in range(max(lowest, -10), self._latest_sentence + 1)
                              for r in buckets.get(s, {}).values())

    @staticmethod
    def _refile(buckets: dict[int, dict[int, Referent]], ref: Referent, old: int, new: int) -> None:
        if old != new:
            buckets.get(old, {}).pop(id(ref), None)
        buckets.setdefault(new, {})[id(ref)] = ref

    def _weights_in_view(self, ref: Referent, s: int) -> list[tuple[int, float, bool]]:
        """``ref.weights`` less a leading run that lies more than :data:`WINDOW` sentences before ``s`` (which
        no test at ``s`` or later counts): a referent named all through a long article is not reread whole.
        The run is remembered per referent and read again from the start should ``s`` ever go back."""
        seen_s, start = self._weight_view.get(id(ref), (s, 0))
        if s < seen_s:
            start = 0
        weights = ref.weights
        while start < len(weights) and s - weights[start][0] > WINDOW:
            start += 1
        self._weight_view[id(ref)] = (s, start)
        return weights[start:] if start else weights

    def _touch(self, ref: Referent, first: int, last: int, *, span: tuple[int, int]) -> None:
        ref.spans.append(span)
        ref.count += 1
        ref.last_token = max(ref.last_token, first)
        sent = self.toks[first].sent
        self._refile(self._by_last_sentence, ref, ref.last_sentence, sent)
        ref.last_sentence = sent
        self._latest_sentence = max(self._latest_sentence, sent)
        subject = self._is_subject(first)
        ref.weights.append((sent, self._weight(first, last, subject), self.quoted[first]))
        self._weight_sentences.setdefault(id(ref), set()).add(sent)
        if self._speaks(first, last):
            self._refile(self._by_spoke, ref, ref.spoke, sent)
            ref.spoke = sent

    def _name(self, m: Mention, *, nested: bool) -> None:
        if m.kind == "place":
            return
        if m.via == "description" and m.kind == "person" and m.actor not in self.named:
            self._unnamed_description(m)
            return
        ref = self.by_actor.get(m.actor)
        if ref is None:
            ref = Referent(m.actor, "person" if m.kind == "person" else
                           "country" if m.kind == "country" else "organisation")
            ref.affiliation = m.affiliation
            self._add_referent(ref)
            self.by_actor[m.actor] = ref
        if ref.kind == "organisation":
            words = {w.lower() for w in m.actor.split()}
            if not ref.media and words & _outlet_words()[1]:
                self._mark_media(ref)
        if m.title:
            self._entitle(ref, m.title.lower().split()[-1])
        honorific = self.toks[m.first - 1].text if m.first > 0 else ""
        if ref.kind == "person" and ref.gender is None:
            ref.gender = person_gender(m.actor, titles=[m.title or ""],
                                       honorifics=[honorific, m.text.split()[0] if m.text else ""])
        words = m.last - m.first
        if ref.full is None or words > self._words(ref.full):
            ref.full = (m.start, m.end)
        if not nested:
            self._learn_apposition(ref, m)
            self._touch(ref, m.first, m.last, span=(m.start, m.end))
        else:
            ref.spans.append((m.start, m.end))
        self._coordinated(m)

    def _unnamed_description(self, m: Mention) -> None:
        """A person description the name reader could not tie to a name ("the Republican nominee" with no
        nominee named): resolve it as a description here, else mark it unnamed (its actor is the description)."""
        k = m.last - 1
        head = self.toks[k].lower
        noun = referring_nouns().get((head, False)) or ReferringNoun(head, "person", None, frozenset({head}))
        words = {t.lower for t in self.toks[m.first:k]}
        ref = self._description(_Event(k, k + 1, "noun", noun=noun), noun, det="the", owner=None, owner_pos=None,
                                name_mod=None, words=words)
        if ref is not None and ref.actor is not None:
            m.actor, m.affiliation = ref.actor, ref.affiliation or m.affiliation
            m.chain = tuple(x for x in (ref.spans[-1:] + [ref.full]) if x is not None)[:2]
            self._touch(ref, m.first, m.last, span=(m.start, m.end))
            return
        m.via = "unnamed"
        unnamed = Referent(None, "person", gender=noun.gender, affiliation=m.affiliation)
        unnamed.titles.add(head)
        self._add_referent(unnamed)
        self._touch(unnamed, m.first, m.last, span=(m.start, m.end))

    def _words(self, span: tuple[int, int]) -> int:
        return len(self.doc.text[span[0]:span[1]].split())

    def _coordinated(self, m: Mention) -> None:
        """Named people joined by "and" ("Grassley and Leahy", "Mr. A, Ms. B and Mr. C") make a group too."""
        if m.kind != "person":
            return
        toks = self.toks
        members = [m]
        before = [x for x in self.in_sentence.get(m.sentence, ()) if x.kind == "person" and x.last <= m.first]
        k = m.first
        for prev in reversed(before):
            gap = [t.lower for t in toks[prev.last:k] if t.lower not in HONORIFICS]
            if gap and (all(w in (",", "and", "&") for w in gap) or _apposed_list_gap(toks[prev.last:k])):
                members.insert(0, prev)
                k = prev.first
            else:
                break
        if len(members) < 2 or not any(toks[j].lower in ("and", "&") for j in range(members[0].last, m.first)):
            return
        names = tuple(dict.fromkeys(x.actor for x in members))
        if len(names) < 2:
            return
        group = Referent(None, "group", plural=True, members=names)
        group.titles = set().union(*(self.by_actor[x.actor].titles for x in members if x.actor in self.by_actor))
        before_first = toks[members[0].first - 1].lower if members[0].first > 0 else ""
        if before_first.endswith("s") and before_first[:-1] in self.lex.titles:
            group.titles.add(before_first[:-1])  # "Senators A and B"
        group.full = (members[0].start, m.end)
        self._add_referent(group)
        self._touch(group, members[0].first, m.last, span=(members[0].start, m.end))

    def _apposition(self, m: Mention) -> tuple[int, int, str | None] | None:
        """The noun phrase apposed to a name (", a Chinese foreign ministry spokesman,", ", Pagliano's
        attorney,"): (its first token, its head token, the actor owning it), else None."""
        toks = self.toks
        k = m.last
        if k >= len(toks) or toks[k].text != ",":
            return None
        j = k + 1
        owner = None
        sent_last = self.doc.sentences[toks[m.first].sent].last
        while j < sent_last and (toks[j].tag in ("DT", "PRP$", "POS") or toks[j].tag in _NP_INNER):
            if toks[j].tag == "POS" or toks[j].text in ("'s", "’s"):
                owner = self._actor_at(j - 1)
            j += 1
            if toks[j - 1].tag in ("NN", "NNS") and (j >= sent_last or toks[j].tag not in ("NN", "NNS", "POS")):
                break  # ("the nominee's eldest daughter": the head is "daughter", the nominee its owner)
        if j - 1 <= k or toks[j - 1].tag not in ("NN", "NNS"):
            return None
        return k + 1, j - 1, owner

    def _learn_apposition(self, ref: Referent, m: Mention) -> None:
        """What an apposition after a name teaches: its head as a title, its owner, a party word, a gender."""
        found = self._apposition(m)
        if found is None:
            return
        first, h, owner = found
        head = self.toks[h].lower
        self._entitle(ref, head)
        if head in _outlet_words()[0]:
            self._mark_media(ref)
        if owner and ref.owner is None:
            ref.owner = owner
        words = {self.toks[x].lower for x in range(first, h + 1)}
        if ref.affiliation is None:
            for w, party in _PARTY_WORDS.items():
                if w in words:
                    ref.affiliation = party
        if ref.kind == "person" and ref.gender is None:
            ref.gender = person_gender(ref.actor or "", titles=[head])

    def _actor_at(self, k: int) -> str | None:
        """The actor of the named mention ending at token ``k`` (or the pronoun resolved there)."""
        m = self.at[k] if 0 <= k < len(self.at) else None
        return m.actor if m is not None else None

    # ----------------------------------------------------------------- descriptions

    def _noun(self, event: _Event) -> None:
        toks = self.toks
        k = event.first
        noun = event.noun
        sent = self.doc.sentences[toks[k].sent]
        j = k - 1
        det = None
        owner_pos = None
        modifiers: list[int] = []
        while j >= sent.first:
            t = toks[j]
            if t.tag in ("DT", "PDT") or t.lower in _NUMBERS:
                det = t.lower if det is None or t.tag == "DT" else det
                if t.tag == "DT":
                    break
            elif t.tag == "PRP$" or t.tag == "POS" or t.text in ("'s", "’s"):
                owner_pos = j
                break
            elif t.tag in _NP_INNER:
                modifiers.append(j)
            else:
                break
            j -= 1
        owner = None
        if owner_pos is not None:
            if toks[owner_pos].tag == "PRP$":
                owner = self._actor_at(owner_pos)
            else:
                owner = self._actor_at(owner_pos - 1)
                modifiers = [x for x in modifiers if x > owner_pos]
        if owner is None and self._after_owner_pp(k) != k + 1:
            pp = self._mention_starting(k + 2) or self._mention_starting(k + 3)
            owner = pp.actor if pp is not None else None  # "an attorney for Pagliano"
        name_mod = next((self._actor_at(x) for x in modifiers if self.covered[x]), None)
        words = {toks[x].lower for x in modifiers}
        plain = all(toks[x].tag in ("JJ", "JJR", "JJS", "VBN", "VBG") or self.covered[x] for x in modifiers)
        ref = self._description(event, noun, det=det, owner=owner, owner_pos=owner_pos, name_mod=name_mod, words=words,
                                plain=plain)
        appositive = self._apposed_name(k)
        if appositive is not None:
            named = self._placeholder(appositive)
            self._entitle(named, toks[k].lower)
            if owner and named.owner is None:
                named.owner = owner
            ref = named
        if ref is not None and ref.actor is None and not ref.members:
            self._entitle(ref, toks[k].lower)
            if ref.description is not None and toks[k].tag == "NNS" and owner is None and name_mod is None \
                    and not (self._group_start(k, modifiers) and self.covered[self._group_start(k, modifiers) - 1]):
                self._emit_unnamed(ref, self._group_start(k, modifiers), k)  # "the protesters" again
            self._touch(ref, k, k + 1, span=(toks[k].start, toks[k].end))  # the unnamed one again
            return
        if ref is None:
            if noun.refers in ("person", "group") or (noun.refers == "organisation" and det not in _DEFINITE):
                unnamed = Referent(None, "group" if noun.refers == "group" else noun.refers,
                                   plural=noun.refers == "group", gender=noun.gender)
                unnamed.titles.add(toks[k].lower)
                self._add_referent(unnamed)
                first = self._group_start(k, modifiers)
                if noun.refers == "group" and toks[k].tag == "NNS" and owner is None and name_mod is None \
                        and (first < k or noun.noun not in _generic_groups()) and not (first and self.covered[first - 1]):
                    unnamed.description = " ".join(t.lower for t in toks[first:k + 1])
                    self._emit_unnamed(unnamed, first, k)
                self._touch(unnamed, k, k + 1, span=(toks[k].start, toks[k].end))
            return
        first = owner_pos if owner_pos is not None and toks[owner_pos].tag != "PRP$" else (j if det else k)
        first = max(first, sent.first)
        if owner_pos is not None and toks[owner_pos].tag != "PRP$":
            first = owner_pos - 1 if owner_pos > 0 else owner_pos
            while first > sent.first and self.covered[first - 1]:
                first -= 1
        self._emit(ref, first, k + 1, via="reference", touch=noun.refers != "document")

    def _group_start(self, k: int, modifiers: list[int]) -> int:
        """The first word of an unnamed group's description: its adjectives and noun modifiers before the
        head ("younger black voters", "civil rights activists"), not determiners or quantifiers ("some")."""
        first = k
        for x in sorted(modifiers, reverse=True):
            if x != first - 1 or self.covered[x] or self.toks[x].tag not in ("JJ", "JJR", "NN", "VBN", "VBG"):
                break
            first = x
        return first

    def _emit_unnamed(self, ref: Referent, first: int, k: int) -> None:
        """A mention of a group the article never names ("environmentalists worry ...", "protesters have
        been demanding ..."): its actor is its description, its ``via`` ``unnamed``: a holder of stances
        and a source of quotes, never one actor across articles."""
        toks = self.toks
        start, end = toks[first].start, toks[k].end
        self.added.append(Mention(start, end, self.doc.text[start:end], ref.description or toks[k].lower, "group",
                                  ref.affiliation, toks[first].sent, first, k + 1, "unnamed", None, ()))
        for x in range(first, k + 1):
            self.covered[x] = True
            if self.at[x] is None:
                self.at[x] = self.added[-1]

    def _apposed_name(self, k: int) -> Mention | None:
        """", Mark MacDougall," right after a description (or after its "for X"): the named person it describes."""
        toks = self.toks
        j = self._after_owner_pp(k)
        if j + 1 < len(toks) and toks[j].text == ",":
            return next((m for m in self.starting.get(j + 1, ()) if m.kind == "person"), None)
        return None

    def _after_owner_pp(self, k: int) -> int:
        """The token after "attorney for Pagliano" / "spokeswoman for the ministry" (else after the head);
        a document's is its author: "a statement by/from X" ("a report on/of X" is about X)."""
        toks = self.toks
        noun = referring_nouns().get((toks[k].lemma or toks[k].lower, toks[k].tag == "NNS"))
        preps = ("by", "from") if noun is not None and noun.refers == "document" else ("for", "of", "to")
        if k + 2 < len(toks) and toks[k + 1].lower in preps:
            j = k + 2
            if toks[j].tag == "DT":
                j += 1
            m = self._mention_starting(j)
            if m is not None:
                return m.last
        return k + 1

    def _mention_starting(self, k: int) -> Mention | None:
        return next((m for m in self.starting.get(k, ()) if m.kind != "place"), None)

    def _description(self, event: _Event, noun: ReferringNoun, *, det: str | None, owner: str | None,
                     owner_pos: int | None, name_mod: str | None, words: set[str],
                     plain: bool = True) -> Referent | None:
        """The referent a description names, or None. ``plain``: no modifier but adjectives and names (a
        body or outlet description with its own noun or number, "the transition team", "the 9/11
        commission", is another body)."""
        toks = self.toks
        k = event.first
        refers = noun.refers
        if not plain and refers in ("organisation", "outlet"):
            return None
        if refers == "organisation" and toks[k].lower in ("campaign", "team"):
            person = self.by_actor.get(owner or name_mod or "")
            if person is not None and person.kind == "person":
                return self._campaign(person)
        if refers == "document":
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            acts = nxt is not None and nxt.tag in ("VBD", "VBZ", "VBP", "MD") and self._is_subject(k)
            if not (acts or self._speaks(k, k + 1, evidence=True)):
                return None  # only a document that says, shows or does something speaks for its author
            author = owner or name_mod
            if author is None:
                author = self._document_author(toks[k].lower, k)
            if author is None and "outlet" in noun.matches:
                outlets = [r for r in self._in_order(self._media.values()) if r.media and r.actor
                           and 0 <= r.last_token < k]
                if outlets:  # "the piece said": a news item is its outlet's, the one most in view
                    return max(outlets, key=lambda r: (r.count, r.last_token))
            return self.by_actor.get(author or "")
        headline = toks[k].sent <= 1 and self._headline(toks[k].sent)
        if headline and refers == "person" and det is None and owner is None:
            return self._first_after(noun, k, owner=None)  # headlinese: "Lawmaker urges ..." names him below
        if det not in _DEFINITE and owner is None:
            return None  # "a spokesman", "officials": someone new
        before_det = self._before_phrase(k)
        if before_det is not None and toks[before_det].lemma in ("be", "become", "remain") and owner is None:
            return None  # "... is now the acting secretary": it describes the subject, it refers to nobody before
        if refers == "person" and noun.matches == {noun.noun} and noun.noun not in self.lex.titles and owner is None:
            # "the woman", "the 34-year-old mother": not a title. Whoever was called so before, named or not;
            # else read like a pronoun of its gender
            same = [r for r in self._since(self._by_last_sentence, toks[k].sent - 2 * WINDOW)
                    if noun.noun in r.titles and 0 <= r.last_token < k
                    and toks[k].sent - r.last_sentence <= 2 * WINDOW]
            if same:
                return max(same, key=lambda r: r.last_token)
            found, _ = self._antecedent(k, "she" if noun.gender == "female" else "he" if noun.gender == "male" else "he",
                                        any_gender=noun.gender is None)
            return found if found is not None and found.actor is not None else None
        # Every test below needs a word of noun.matches among the titles or actor words (or an outlet)
        candidates = self._in_order(self._media.values()) if refers == "outlet" else self._with_words(noun.matches)
        pool = [r for r in candidates if r.actor is not None or r.members]
        if refers == "person":
            pool = [r for r in pool if r.kind == "person" and (r.titles & noun.matches)]
            if owner is not None:
                pool = [r for r in pool if r.owner == owner]
        elif refers == "group":
            if toks[k].lower == "members" and self._after_owner_pp(k) != k + 1:
                body = self._mention_starting(k + 2) or self._mention_starting(k + 3)
                if body is not None and body.kind in ("organisation", "country"):
                    return self.by_actor.get(body.actor)  # "the members of the Security Council": the council
            if owner is not None or name_mod is not None:
                return None  # "the Sanders people", "Trump's supporters": unnamed people of someone
            if noun.matches == {noun.noun} and noun.noun not in self.lex.titles:
                return None  # "the voters", "those critics": people in general, not the ones named together
            pool = [r for r in pool if r.members and r.titles & noun.matches]
        elif refers == "outlet":
            pool = [r for r in pool if r.media]
        else:
            pool = [r for r in pool if r.kind == "organisation"
                    and ({w.lower() for w in (r.actor or "").split()} | r.titles) & noun.matches]
        party = next((p for w, p in _PARTY_WORDS.items() if w in words), None)
        if party:
            pool = [r for r in pool if r.affiliation in (None, party)] if refers == "person" else pool
        if noun.gender:
            pool = [r for r in pool if r.gender in (None, noun.gender)]
        before = [r for r in pool if 0 <= r.last_token < k]
        if before:
            return max(before, key=lambda r: r.last_token)
        if toks[k].sent <= 1 or self._headline(toks[k].sent):
            after = self._first_after(noun, k, owner=owner)
            if after is not None:
                return after
        if refers == "person" and self._speaks(k, k + 1) \
                and not any(toks[k].lower in r.titles and r.actor is None
                            for r in self._actorless_by_word.get(toks[k].lower, {}).values()):
            return self._epithet(k, owner=owner or name_mod)
        return None

    def _epithet(self, k: int, *, owner: str | None) -> Referent | None:
        """"..., Obama's former campaign strategist said": a description nobody was given, speaking, names the
        person just in focus (the subject of the sentence before, most often), never its own owner."""
        found, _ = self._antecedent(k, "he", any_gender=True)
        if found is None or found.actor is None or found.actor == owner or found.kind != "person":
            return None
        s = self.toks[k].sent
        return found if s - 1 in self._weight_sentences.get(id(found), ()) else None

    def _before_phrase(self, k: int) -> int | None:
        """The token before the noun phrase whose head is ``k`` (None at the sentence start)."""
        sent = self.doc.sentences[self.toks[k].sent]
        j = k - 1
        while j >= sent.first and (self.toks[j].tag in _NP_INNER or self.toks[j].tag in ("DT", "PDT", "RB")):
            j -= 1
        return j if j >= sent.first else None

    def _headline(self, sent_i: int) -> bool:
        """A headline (the first paragraph, no final stop) or a subhead (one of the first sentences, a
        paragraph of its own): where news drops articles ("Lawmaker urges ...", "Member of House panel says")."""
        sent = self.doc.sentences[sent_i]
        last = self.toks[sent.last - 1].text
        if sent.paragraph == 0 and last not in (".", "?", "!", "''", "”", '"'):
            return True
        return sent_i <= 2 and self.doc.alone(sent_i) and sent_i + 1 < len(self.doc.sentences)

    def _first_after(self, noun: ReferringNoun, k: int, *, owner: str | None) -> Referent | None:
        """A headline's description ("Former DNC chairman calls ...") names the first person the body gives that title."""
        if noun.refers != "person":
            return None
        for m in self.mentions:
            if m.first > k and m.kind == "person" and m.title and m.title.lower().split()[-1] in noun.matches:
                return self._placeholder(m)
        nouns_after = [(m, self._apposition_head(m)) for m in self.mentions if m.first > k and m.kind == "person"]
        for m, head in nouns_after:
            if head and head in noun.matches:
                return self._placeholder(m)
        return None

    def _apposition_head(self, m: Mention) -> str | None:
        found = self._apposition(m)
        return self.toks[found[1]].lower if found is not None else None

    def _placeholder(self, m: Mention) -> Referent:
        ref = self.by_actor.get(m.actor)
        if ref is None:
            ref = Referent(m.actor, "person")
            ref.full = (m.start, m.end)
            ref.spans.append((m.start, m.end))
            self._add_referent(ref)
            self.by_actor[m.actor] = ref
        return ref

    def _campaign(self, person: Referent) -> Referent:
        name = f"{person.actor}'s campaign"  # as the name reader calls "the Trump campaign"
        ref = self.by_actor.get(name)
        if ref is None:
            ref = Referent(name, "organisation", affiliation=person.actor)
            ref.titles.update({"campaign", "team"})
            ref.full = person.full
            self._add_referent(ref)
            self.by_actor[name] = ref
        return ref

    def _document_author(self, noun: str, k: int) -> str | None:
        """An earlier mention of the same document noun with its author: "X's statement", "a statement from X"."""
        toks = self.toks
        for j in range(k - 1, max(-1, k - 400), -1):
            if toks[j].lower != noun and toks[j].lemma != noun:
                continue
            if j > 0 and toks[j - 1].text in ("'s", "’s") and j > 1:
                return self._actor_at(j - 2)
            if j > 0 and self.covered[j - 1]:
                return self._actor_at(j - 1)
            if j + 2 < len(toks) and toks[j + 1].lower in ("from", "by", "of") and self.covered[j + 2]:
                found = self._actor_at(j + 2)
                if found:
                    return found
            v = j - 1
            while v >= 0 and toks[v].tag in ("DT", "JJ", "PRP$", "CD"):
                v -= 1
            if v >= 0 and toks[v].tag.startswith("VB") and toks[v].lemma in _ISSUING_VERBS:
                sent = self.doc.sentences[toks[v].sent]
                subjects = [m for m in self.in_sentence.get(sent.i, ()) if m.last <= v and m.kind != "place"]
                subjects = [m for m in subjects if not any(o is not m and o.first <= m.first and m.last <= o.last
                                                           and o.last - o.first > m.last - m.first for o in subjects)]
                if subjects:
                    return subjects[-1].actor  # "the Security Council issued a statement"
            return None
        return None

    # ----------------------------------------------------------------- pronouns

    def _pronoun(self, event: _Event) -> None:
        k = event.first
        tok = self.toks[k]
        low = tok.lower
        if low in _FIRST_PERSON:
            if not self.quoted[k] and self.outlet:
                ref = self.by_actor.get(self.outlet) or self._outlet_referent()
                self._emit(ref, k, k + 1, via="author")
            return
        if low in _BODY_PRONOUNS and low != "its" and (self.quoted[k] or not self._acting_it(k)):
            return  # "it is ...", "it seems", "made it": not an actor
        ref, alone = self._antecedent(k, low)
        if ref is None:
            return
        if alone and ref.gender is None and ref.kind == "person" and (low in _MALE_PRONOUNS or low in _FEMALE_PRONOUNS):
            ref.gender = "male" if low in _MALE_PRONOUNS else "female"  # the only person it can be: learn its gender
        if ref.actor is None and not ref.members:
            # the pronoun is someone unnamed; it does not make them more salient, so a person the article
            # names next ("She is his sister, Juanita. Juanita Castro said ...") takes over
            ref.last_token = k
            return
        self._emit(ref, k, k + 1, via="pronoun")

    def _acting_it(self, k: int) -> bool:
        """"it" as the subject of a verb that an actor does ("it said", "it has called"), not "it is", "it seems"."""
        toks = self.toks
        j = k + 1
        while j < len(toks) and j <= k + 3 and (toks[j].tag in ("MD", "RB") or toks[j].lemma in ("have", "do")) \
                and not (toks[j].lemma in ("have", "do") and j + 1 < len(toks) and not toks[j + 1].tag.startswith(("VB", "RB"))):
            j += 1
        if j >= len(toks) or not toks[j].tag.startswith("VB") or toks[j].tag == "VBG" and j == k + 1:
            return False
        return toks[j].lemma not in _EXPLETIVE_VERBS

    def _relative(self, k: int) -> None:
        """"Rep. Adam Schiff, who sits on the panel," / "the ministry, which said": the actor just before."""
        toks = self.toks
        j = k - 1
        if j >= 0 and toks[j].text == ",":
            j -= 1
        m = self.at[j] if j >= 0 else None
        if (m is None or m.last != j + 1) and j >= 0:
            # past an apposition: "China and the United States, the world's two biggest polluters, which"
            comma = next((x for x in range(j, max(-1, j - 10), -1) if toks[x].text == ","), None)
            if comma is not None and comma + 1 <= j and toks[comma + 1].tag in ("DT", "PRP$", "CD"):
                j = comma - 1
                m = self.at[j] if j >= 0 else None
        if m is None or m.last != j + 1 or m.kind == "place" or m.via == "unnamed":
            return
        if (toks[k].lower == "who") != (m.kind == "person"):
            return  # "who" for people, "which" for bodies and countries
        members = [m]
        a = m.first - 1 - (m.first >= 1 and toks[m.first - 1].tag == "DT")  # "and (the) B"
        if a >= 1 and toks[a].lower == "and":
            prev = self.at[a - 1]
            if prev is not None and prev.last == a and (prev.kind == "person") == (m.kind == "person"):
                members.insert(0, prev)  # "A and B, which ...": both
        for member in members:
            ref = self.by_actor.get(member.actor)
            if ref is not None:
                self._emit(ref, k, k + 1, via="pronoun", touch=False)

    def _outlet_referent(self) -> Referent:
        ref = Referent(self.outlet, "organisation", media=True)
        self._add_referent(ref)
        self.by_actor[self.outlet] = ref
        return ref

    def _agrees(self, ref: Referent, low: str) -> bool:
        if low in _MALE_PRONOUNS or low in _FEMALE_PRONOUNS:
            if ref.kind != "person" or ref.plural:
                return False
            want = "male" if low in _MALE_PRONOUNS else "female"
            return ref.gender in (None, want)
        if low in _PLURAL_PRONOUNS:
            return ref.plural or ref.kind in ("organisation", "group")
        return not ref.plural and ref.kind in ("organisation", "country", "document")

    def _antecedent(self, k: int, low: str, *, any_gender: bool = False) -> tuple[Referent | None, bool]:
        """The best referent for the pronoun at ``k``, and whether it is clear: the only one that agrees, or
        four times as salient as the next."""
        tok = self.toks[k]
        s = tok.sent
        speaking = self._speaks(k, k + 1)
        inside = self.quoted[k]
        quote_speakers = self._quote_speakers(k) if inside else set()
        best, best_score, second, agreeing = None, -math.inf, -math.inf, 0
        # "Ban condemned what he called ...": a subject earlier in the pronoun's own sentence outranks the
        # last speaker
        # Only referents mentioned within the window can take the pronoun (the index of last sentences).
        in_view = self._since(self._by_last_sentence, s - WINDOW)
        local_subject = any(r.last_sentence == s and 0 <= r.last_token < k and r.kind == "person"
                            and any(sent == s and w >= 180 for sent, w, _ in self._weights_in_view(r, s))
                            for r in in_view)
        later = self._named_later_in_clause(k) if low in _SUBJECT_PRONOUNS else frozenset()
        for ref in in_view:
            if ref.last_token < 0 or ref.last_token >= k or s - ref.last_sentence > WINDOW:
                continue
            if ref.actor in later:
                continue  # "he agreed with Rutte's suggestion": he is not Rutte (binding principle C)
            if not self._agrees(ref, low) and not (any_gender and ref.kind == "person" and not ref.plural):
                continue
            agreeing += 1
            # salience: every mention's weight, halved per sentence back; a narrative pronoun reads the
            # narrative, so mentions inside quotations count little for it
            per_sentence: dict[int, float] = {}
            for sent, w, quoted in self._weights_in_view(ref, s):
                if s - sent <= WINDOW:  # one weight per sentence, its strongest mention (as Lappin & Leass)
                    w *= 0.3 if quoted and not inside else 1.0
                    per_sentence[sent] = max(per_sentence.get(sent, 0.0), w)
            if per_sentence and max(per_sentence.values()) <= 5.0 and ref.kind != "person":
                continue  # only ever a modifier in view ("U.S. senator"): an adjective, not what "it" is
            score = sum(w * 0.5 ** (s - sent) for sent, w in per_sentence.items())
            if speaking and s - ref.spoke <= WINDOW and not local_subject:
                score += 150 * 0.5 ** (s - ref.spoke)  # "he said" goes on with the last speaker
            if inside and id(ref) in quote_speakers:
                score *= 0.1  # "'He lied,' Kim said": Kim is not "he"
            if (low in _MALE_PRONOUNS or low in _FEMALE_PRONOUNS) and ref.gender:
                score *= 1.1
            if low in _PLURAL_PRONOUNS and not ref.plural:
                score *= 0.5 if ref.kind == "organisation" else 0.3
            if score > best_score:
                best, best_score, second = ref, score, best_score
            elif score > second:
                second = score
        return best, agreeing == 1 or (best_score > 0 and best_score >= 4 * max(second, 0.0))

    def _named_later_in_clause(self, k: int) -> frozenset[str]:
        """Actors named after the subject pronoun at ``k`` in its clause (up to a comma, semicolon,
        colon or quotation mark): a subject pronoun cannot be them ("he agreed with Rutte's suggestion",
        "she said Smith lied")."""
        toks = self.toks
        end = self.doc.sentences[toks[k].sent].last
        out = set()
        for j in range(k + 1, end):
            if toks[j].text in (",", ";", ":", '"', "“", "”", "(", "--", "—") or self.quoted[j] != self.quoted[k]:
                break
            m = self.at[j]
            if m is not None and m.first == j and m.kind == "person" and m.via in ("name", "title"):
                out.add(m.actor)
        return frozenset(out)

    def _quote_speakers(self, k: int) -> set[int]:
        """Who speaks the quotation holding the pronoun at ``k``: not the pronoun's referent ("'He lied,' Kim
        said"). A named speaker outside the quotation in its sentence, or for "..., he said" the last speaker."""
        sent = self.doc.sentences[self.toks[k].sent]
        out: set[int] = set()
        for m in self.in_sentence.get(sent.i, ()):
            if not self.quoted[m.first] and self._speaks(m.first, m.last):
                ref = self.by_actor.get(m.actor)
                if ref is not None:
                    out.add(id(ref))
        if not out:
            for j in range(sent.first, sent.last):
                t = self.toks[j]
                if not self.quoted[j] and t.tag == "PRP" and t.lower in ("he", "she") and self._reports_near(j, j + 1):
                    speakers = [r for r in self._since(self._by_spoke, sent.i - WINDOW)
                                if r.kind == "person" and sent.i - r.spoke <= WINDOW
                                and self._agrees(r, t.lower)]
                    if speakers:
                        out.add(id(max(speakers, key=lambda r: (r.spoke, r.last_token))))
                    break
        if not out and self.toks[sent.first].text in ('"', "“", "``", "'", "‘") or not out and self.quoted[sent.first]:
            # a quoted sentence on its own goes on with the last speaker's words
            speakers = [r for r in self._since(self._by_spoke, sent.i - 2) if r.kind == "person"
                        and sent.i - r.spoke <= 2]
            if speakers:
                out.add(id(max(speakers, key=lambda r: (r.spoke, r.last_token))))
        return out

    # ----------------------------------------------------------------- output

    def _emit(self, ref: Referent, first: int, last: int, *, via: str, touch: bool = True) -> None:
        toks = self.toks
        start, end = toks[first].start, toks[last - 1].end
        chain = tuple(dict.fromkeys(s for s in [*(ref.spans[-1:]), ref.full] if s is not None and s != (start, end)))
        actors = ref.members or ((ref.actor,) if ref.actor else ())
        for actor in actors:
            named = self.by_actor.get(actor)
            kind = "person" if ref.members else ("organisation" if ref.kind in ("organisation", "document")
                                                  else ref.kind)
            affiliation = named.affiliation if named is not None else ref.affiliation
            self.added.append(Mention(start, end, self.doc.text[start:end], actor, kind,
                                      affiliation if affiliation != actor else None, toks[first].sent,
                                      first, last, via, None, chain))
        if touch:
            self._touch(ref, first, last, span=(start, end))
        for k in range(first, last):
            self.covered[k] = True
            if self.at[k] is None and self.added:
                self.at[k] = self.added[-1]


def _apposed_list_gap(gap: Sequence[Token]) -> bool:
    """", Republican of Iowa, and" between two names: a short apposition, then the list goes on."""
    words = [t.lower for t in gap]
    if len(words) < 4 or words[0] != "," or "," not in words[1:]:
        return False
    close = words.index(",", 1)
    inner, rest = gap[1:close], words[close:]
    return 0 < len(inner) <= 6 and not any(t.tag.startswith("VB") for t in inner) \
        and "and" in rest and all(w in (",", "and", "&") for w in rest)


def _closes_quote(tok: Token) -> bool:
    """A comma or closing quotation mark before an inverted cue ('..., said Kim', '"...," said Kim')."""
    return tok.text == "," or is_mark(tok) or tok.text == "'"


@lru_cache(maxsize=2)
def _speech_acts(*, evidence: bool = False) -> frozenset[str]:
    """One-word verbs of saying, judging and asking (the reporting verbs of those classes): their subject
    speaks; with ``evidence``, also those of showing ("the report found", "documents show")."""
    classes = ("speech", "evaluation", "request") + (("evidence",) if evidence else ())
    return frozenset(r.cue for r in reporting_verbs().values() if " " not in r.cue and r.cls in classes)


@lru_cache(maxsize=1)
def _outlet_words() -> tuple[frozenset[str], frozenset[str]]:
    """The outlet nouns ("newspaper", "website") and the name words that make an organisation an outlet ("Post")."""
    rows = [r for r in referring_nouns().values() if r.refers == "outlet"]
    nouns = frozenset(r.noun for r in rows)
    return nouns, frozenset().union(*(r.matches for r in rows)) - nouns


def resolve_references(doc: Doc, mentions: Sequence[Mention], *, lex: Lexicon, skip_sentences: set[int] | None = None,
                       outlet: str | None = None) -> list[Mention]:
    """``mentions`` plus a mention for every pronoun and description that refers to a named actor, in text order.

    ``outlet`` is the document's source ("The Washington Post"): the first person outside
    quotations speaks for it.

    >>> from toolkit.text.tagging import process
    >>> from toolkit.actors.mentions import find_mentions
    >>> doc = process("Pagliano's attorney, Mark Smith, met reporters. The lawyer said no.")
    >>> [(m.text, m.actor) for m in find_mentions(doc) if m.via == "reference"]
    [("Pagliano's attorney", 'Mark Smith'), ('The lawyer', 'Mark Smith')]
    """
    reader = _Reader(doc, mentions, lex=lex, skip=skip_sentences or set(), outlet=outlet)
    added = reader.run()
    out = list(mentions) + added
    out.sort(key=lambda m: (m.start, -m.end))
    return out
