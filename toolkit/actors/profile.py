"""Who a source is: gender, role and whether the article names them, each with the evidence it rests on.

Sourcing research counts whose voices an outlet carries: women and men, officials and citizens,
named and anonymous sources. This module labels every actor a document mentions, from what the
article itself says first:

* ``gender`` (persons only): ``female`` / ``male`` / ``unknown``. The article's evidence comes
  first -- pronouns the document resolves to the person, honorifics (Mr., Mrs., Ms.), gendered
  nouns in their titles and descriptions ("spokeswoman", "chairman", "widow") -- and only then the
  given name (:func:`toolkit.actors.gender.given_name_gender`: NLTK's ``names`` corpus, one gender
  only; never a surname, never the family name of a name written family name first).
* ``role``: one of :data:`toolkit.actors.lexicon.ROLES`, from the head noun of the person's titles,
  appositions and descriptions ("spokesman", "a professor at ...", "the nominee"), the head of a
  body's or organisation's name ("... Ministry", "... University"), the actor tables (``role``
  column of ``actor_aliases.tsv``), countries (a country speaks through its government), and for a
  title that serves someone ("spokesman", "aide", "chief") the role of whom it serves: the
  words ``data/actors/roles.tsv`` lists, with its sources.
* ``named``: whether the article names the source; an unnamed one ("officials", "a person
  familiar with the matter") keeps its words as ``description``.

Each label carries its evidence as a short readable string, so a reader can check it.

>>> from toolkit.text.tagging import process
>>> from toolkit.actors.mentions import find_mentions
>>> text = "Mrs. Jane Holloway, a resident of Charlotte, said she was afraid."
>>> doc = process(text)
>>> p = profile_actors(doc, find_mentions(doc))["Jane Holloway"]
>>> p.gender, p.role, p.named
('female', 'citizen', True)
>>> p.gender_evidence
"honorific 'Mrs.'; pronoun 'she'"
>>> role_of_words("Trump campaign spokeswoman".split())
RoleCue(role='politician', term='campaign', defers=False)
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from toolkit.actors.gender import (HONORIFICS, PRONOUN_GENDER, ambiguous_given_name, family_name_first,
                                   given_name_gender, honorific_gender, noun_gender)
from toolkit.actors.lexicon import ROLES, Lexicon, lexicon
from toolkit.actors.mention import Mention
from toolkit.resources import read_table
from toolkit.text.tokens import Doc

__all__ = ["RoleCue", "Profile", "SourceLabels", "NO_LABELS", "role_table", "role_of_words", "profile_actors",
           "label_source", "unnamed_labels"]

#: Words that open a prepositional complement: the head of "a professor of law at Yale" is before them.
_PREPOSITIONS = frozenset({"of", "for", "at", "on", "in", "to", "from", "with", "familiar", "by", "under", "about",
                           "who", "whose", "which", "that", "including", "like"})
#: Heads that only count their complement: "many of his supporters", "groups of protesters".
_QUANTIFIERS = frozenset({"many", "some", "most", "few", "several", "all", "both", "one", "two", "three", "dozens",
                          "hundreds", "thousands", "millions", "group", "groups", "number", "majority", "none"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "his", "her", "its", "their", "our", "one", "two",
                          "some", "several", "many", "other", "another", "former", "then", "longtime", "senior",
                          "top", "chief", "deputy", "acting"})
_AGE = re.compile(r"^\d{1,3}$")
#: Tags of the words a title before a name is made of ("Republican presidential nominee").
_MODIFIER_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "VBN", "HYPH", "CD"})


class RoleCue(NamedTuple):
    """What a phrase says of a role: the role, the table term that says it, and whether it defers."""

    role: str
    term: str
    defers: bool


@dataclass(slots=True)
class Profile:
    """One actor of a document as a source: its labels and the evidence for each."""

    actor: str
    kind: str
    gender: str | None  # female | male | unknown for persons; None for others
    gender_evidence: str | None
    role: str
    role_evidence: str
    named: bool

    def to_dict(self) -> dict:
        return {"actor": self.actor, "kind": self.kind, "gender": self.gender, "gender_evidence": self.gender_evidence,
                "role": self.role, "role_evidence": self.role_evidence, "named": self.named}


@dataclass(frozen=True, slots=True)
class SourceLabels:
    """The labels a quote's source gets (the fields the annotate contract adds to a quote)."""

    gender: str | None
    role: str | None
    named: bool | None
    description: str | None
    gender_evidence: str | None
    role_evidence: str | None

    def to_dict(self) -> dict:
        return {"gender": self.gender, "role": self.role, "named": self.named, "description": self.description,
                "gender_evidence": self.gender_evidence, "role_evidence": self.role_evidence}


#: The labels of a quote with no source.
NO_LABELS = SourceLabels(None, None, None, None, None, None)


@lru_cache(maxsize=1)
def role_table() -> dict[tuple[str, ...], RoleCue]:
    """``data/actors/roles.tsv``: the words of a term -> what it says.

    >>> role_table()[("press", "secretary")]
    RoleCue(role='government', term='press secretary', defers=True)
    """
    out: dict[tuple[str, ...], RoleCue] = {}
    for row in read_table("actors/roles.tsv"):
        if row["role"] not in ROLES:
            raise ValueError(f"roles.tsv: {row['term']!r} has role {row['role']!r}, not one of {', '.join(ROLES)}")
        out[tuple(row["term"].split())] = RoleCue(row["role"], row["term"], row["defers"] == "yes")
    return out


def _singular(word: str) -> str:
    table = role_table()
    if (word,) in table or len(word) < 4:
        return word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and (word[: -len(suffix)] + repl,) in table:
            return word[: -len(suffix)] + repl
    if word.endswith("women") or word.endswith("men"):
        return word[:-2] + "an"
    return word


def _words(phrase: Sequence[str]) -> list[str]:
    return [_singular(w.lower().strip(",;:()\"'“”‘’")) for w in phrase
            if w.strip(",;:()\"'“”‘’") and w not in ("'s", "’s")]


def _match_ending(words: Sequence[str], end: int) -> RoleCue | None:
    """The longest table term that ends at ``words[end]``."""
    table = role_table()
    for n in (4, 3, 2, 1):
        if end - n + 1 >= 0:
            cue = table.get(tuple(words[end - n + 1:end + 1]))
            if cue is not None:
                return cue
    return None


def role_of_words(phrase: Sequence[str], *, served: Callable[[str], RoleCue | None] | None = None) -> RoleCue | None:
    """What a title, description or name says of a role: its head noun (the last word before a
    prepositional complement: "a professor of law at Yale" -> professor); a head that serves someone
    ("spokesman", "aide", "chief") takes the role of a modifier before it ("campaign spokesman") or
    of its complement ("spokesman for the ministry"); a head the table does not know, the nearest
    modifier it does. ``served`` may name the role of a complement word the table does not know
    (an actor's name). None: the words say nothing.

    >>> role_of_words(["foreign", "ministry", "spokesperson"]).role
    'government'
    >>> role_of_words("a professor of police science at Yale".split()).term
    'professor'
    >>> role_of_words("an aide".split())
    RoleCue(role='government', term='aide', defers=True)
    >>> role_of_words("the man".split()).role, role_of_words("Goldman Sachs".split())
    ('citizen', None)
    """
    words = _words(phrase)
    if not words:
        return None
    cut = next((i for i, w in enumerate(words) if w in _PREPOSITIONS and i > 0), len(words))
    head_part, complement = words[:cut], words[cut + 1:]
    deferring: RoleCue | None = None
    end = len(head_part) - 1
    while end >= 0:
        cue = _match_ending(head_part, end)
        if cue is None:
            end -= 1
            continue
        if not cue.defers:
            return cue
        deferring = deferring or cue
        end -= len(cue.term.split())  # "executive director" is one title, not an executive
    if deferring is not None or not head_part or len(head_part) == 1 and head_part[0] in _QUANTIFIERS:
        for end in range(len(complement) - 1, -1, -1):
            if complement[end] in _PREPOSITIONS:
                break
            cue = _match_ending(complement, end)
            if cue is not None and not cue.defers:
                return cue
        if served is not None and complement:
            cue = served(" ".join(complement))
            if cue is not None:
                return cue
    return deferring


# --------------------------------------------------------------------------- the profiles


class _Profiler:
    def __init__(self, doc: Doc, mentions: Sequence[Mention], lex: Lexicon) -> None:
        self.doc, self.lex = doc, lex
        self.toks = doc.tokens
        self.by_actor: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.actor:
                self.by_actor.setdefault(m.actor, []).append(m)
        self.kinds = {a: Counter(m.kind for m in ms if m.via != "pronoun").most_common(1)[0][0]
                      if any(m.via != "pronoun" for m in ms) else ms[0].kind for a, ms in self.by_actor.items()}
        self.in_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self.in_sentence.setdefault(m.sentence, []).append(m)
        self._starts = [t.start for t in doc.tokens]
        self.done: dict[str, Profile] = {}
        self.busy: set[str] = set()

    def run(self) -> dict[str, Profile]:
        for actor in self.by_actor:
            self.profile(actor)
        return self.done

    def profile(self, actor: str) -> Profile:
        if actor in self.done:
            return self.done[actor]
        self.busy.add(actor)
        ms = self.by_actor.get(actor, [])
        kind = self.kinds.get(actor, "organisation")
        named = any(m.via != "unnamed" for m in ms) if ms else True
        phrases = [self._phrases([m]) for m in ms]  # what the article calls it, per mention: read once
        role, role_ev = self._role(actor, kind, ms, [p for per in phrases for p in per])
        gender, gender_ev = self._gender(actor, ms, phrases) if kind == "person" else (None, None)
        out = Profile(actor, kind, gender, gender_ev, role, role_ev, named)
        self.done[actor] = out
        self.busy.discard(actor)
        return out

    # ------------------------------------------------------------- role

    def _actor_role(self, actor: str | None) -> tuple[str, str] | None:
        """The role of an actor something serves or belongs to (an affiliation), with its evidence."""
        if not actor or actor in self.busy:
            return None
        if actor in self.by_actor:
            p = self.profile(actor)
            return (p.role, f"{p.role_evidence}") if p.role != "other" else None
        if actor in self.lex.roles:
            return self.lex.roles[actor], f"{actor} in the actor table"
        cue = role_of_words(actor.split())
        if cue is not None and not cue.defers:
            return cue.role, f"'{cue.term}' in {actor}"
        return None

    def _served(self, words: str) -> RoleCue | None:
        """The role of whom a complement names ("aide to Hillary Clinton"), when it is an actor of the document."""
        for actor in self.by_actor:
            if actor.lower() in words or any(m.text.lower() == words for m in self.by_actor[actor]):
                found = self._actor_role(actor)
                if found is not None:
                    return RoleCue(found[0], actor, False)
        return None

    def _served_in(self, span: tuple[int, int], actor: str) -> tuple[str, tuple[str, str]] | None:
        """An actor named inside a phrase ("NATO chief", "Republican National Committee Research Director")
        whose role a serving title takes: (that actor, its role and evidence)."""
        for m in self.in_sentence.get(self.toks[self._token_at(span[0])].sent, ()):
            if span[0] <= m.start and m.end <= span[1] and m.actor != actor and m.via != "pronoun" \
                    and m.kind not in ("country", "place"):
                found = self._actor_role(m.actor)
                if found is not None:
                    return m.actor, found
        return None

    def _named_in(self, words: Sequence[str]) -> tuple[str, tuple[str, str]] | None:
        """An organisation of the actor tables named by the words of a phrase, as written ("former DNC
        chairman" in a headline, where no mention was read), with its role."""
        for i, word in enumerate(words):
            for toks, entry in self.lex.aliases.get(word, ()):
                if tuple(words[i:i + len(toks)]) == tuple(toks) and entry.canonical in self.lex.roles \
                        and entry.kind == "organisation":
                    return entry.canonical, (self.lex.roles[entry.canonical], f"{entry.canonical}: the actor table")
        return None

    def at_token(self, k: int) -> Mention | None:
        """The mention covering token ``k``, if any."""
        for m in self.in_sentence.get(self.toks[k].sent, ()):
            if m.first <= k < m.last:
                return m
        return None

    def _campaign_of(self, person: str) -> str | None:
        """A campaign the article gives the person ("the Trump campaign", "Clinton's campaign", a campaign
        speaking for them): someone with a campaign runs for office."""
        surname = person.split()[-1].lower()
        for actor, ms in self.by_actor.items():
            if actor == person or self.kinds.get(actor) != "organisation":
                continue
            words = [w.lower().strip("'’s") for w in actor.replace("'s", " ").replace("’s", " ").split()]
            if ("campaign" in words or "campaigns" in words) and (
                    surname in words or any(m.affiliation == person for m in ms)):
                return actor
        return None

    def _country_in(self, span: tuple[int, int]) -> bool:
        """A country is named inside a phrase ("South Korean President"): a title serving it keeps its own role."""
        return any(span[0] <= m.start and m.end <= span[1] and m.kind in ("country", "place")
                   for m in self.in_sentence.get(self.toks[self._token_at(span[0])].sent, ()))

    def _token_at(self, char: int) -> int:
        return bisect.bisect_right(self._starts, char) - 1

    def _phrases(self, ms: Sequence[Mention]) -> list[tuple[int, str, list[str], tuple[int, int]]]:
        """What the article calls the actor, as (weight, evidence, words, character span): its titles and the
        words before its name (3), appositions (2), and descriptions that refer to it (1)."""
        out = []
        for m in ms:
            span = (m.start, m.end)
            if m.title and m.title.lower() not in HONORIFICS:
                out.append((3, f"title '{m.title}'", m.title.split(), span))
            if m.via in ("reference", "description", "unnamed", "body") and m.text:
                out.append((1, f"described as '{m.text}'", m.text.split(), span))
            if m.via in ("name", "title", "alias"):
                before = self._premodifier(m)
                if before is not None:
                    first, words = before
                    out.append((3, f"'{' '.join(words)}'", words, (self.toks[first].start, m.end)))
                phrase = self._apposition(m)
                if phrase:
                    last, words = phrase
                    out.append((2, f"'{' '.join(words)}'", words, (m.start, self.toks[last].end)))
        return out

    def _premodifier(self, m: Mention) -> tuple[int, list[str]] | None:
        """The title-like words right before a name: "Republican presidential nominee Donald Trump",
        "former DNC chairman Don Fowler" -> (first token, the words with the name)."""
        toks = self.toks
        k = m.first - 1
        sent_first = self.doc.sentences[toks[m.first].sent].first
        while k >= sent_first and m.first - k <= 6 and toks[k].tag in _MODIFIER_TAGS \
                and toks[k].lower not in HONORIFICS:
            k -= 1
        if k + 1 >= m.first:
            return None
        words = [t.text for t in toks[k + 1:m.first]]
        if not any((w,) in role_table() for w in _words(words[-1:])) and self.at_token(m.first - 1) is None:
            return None  # a title before a name ends in a title word or names whom it serves ("NATO chief")
        return k + 1, words

    def _apposition(self, m: Mention) -> tuple[int, list[str]] | None:
        """The words of an apposition after a name: "Jane Doe, a resident of Charlotte," -> (last token,
        [a, resident, of, Charlotte])."""
        toks = self.toks
        j = m.last
        if j >= len(toks) or toks[j].text not in (",", "--", "—"):
            return None
        sent_end = self.doc.sentences[toks[j].sent].last
        out: list[str] = []
        k = j + 1
        while k < sent_end and toks[k].text not in (",", ";", ".", "(", ")", '"', "“", "”", "--", "—") \
                and len(out) < 12:
            out.append(toks[k].text)
            k += 1
        if out and toks[j + 1].lower == "who":
            return k - 1, out  # "Don Fowler, who helmed the DNC": whom it names tells the role
        if not out or toks[j + 1].tag.startswith(("VB", "W", "MD", "RB")) or toks[j + 1].lower in ("and", "but"):
            return None
        if toks[j + 1].tag == "IN" and toks[j + 1].lower != "of":
            return None
        return k - 1, out

    def _role(self, actor: str, kind: str, ms: Sequence[Mention], phrases: list) -> tuple[str, str]:
        if actor in self.lex.roles:
            return self.lex.roles[actor], f"{actor}: the actor table"
        if kind in ("country", "place"):
            return "government", f"{actor}: a {kind} speaks through its government"
        if any(m.via == "author" for m in ms):
            return "media", f"{actor}: the outlet that wrote the piece"
        affiliation = next((m.affiliation for m in ms if m.affiliation), None)
        served = self._actor_role(affiliation) if self.kinds.get(affiliation) not in ("country", "place") else None
        votes: Counter = Counter()
        evidence_of: dict[str, tuple[int, str]] = {}

        def vote(role: str, weight: int, evidence: str) -> None:
            if weight <= 0:
                return
            votes[role] += weight
            if weight > evidence_of.get(role, (0, ""))[0]:
                evidence_of[role] = (weight, evidence)

        phrases = list(phrases)
        if kind != "person":
            phrases.insert(0, (4, f"the name {actor}", actor.split(), (ms[0].start, ms[0].end) if ms else (0, 0)))
        ages = []
        for weight, evidence, words, span in phrases:
            if len(words) == 1 and _AGE.match(words[0]):
                ages.append(words[0])
                continue
            cue = role_of_words(words, served=self._served)
            if cue is None or kind == "person" and cue.role == "document":
                inner = self._served_in(span, actor) if weight < 4 else None
                if inner is not None and self.kinds.get(inner[0]) not in ("country", "place", "person"):
                    vote(inner[1][0], weight - 1, f"{evidence}: {inner[0]} ({inner[1][1]})")
                continue
            said = evidence if f"'{cue.term}'" in evidence or cue.term == " ".join(words).lower() \
                else f"{evidence} ('{cue.term}')"
            if not cue.defers:
                vote(cue.role, weight, f"{said} → {cue.role}")
                continue
            # a title serves an organisation or person ("NATO chief", "Clinton aide"), not a country: a
            # country's president is a politician, its spokesman a government's
            inner = self._served_in(span, actor) or self._named_in(words)
            if inner is not None:
                vote(inner[1][0], weight, f"{said} of {inner[0]} ({inner[1][1]})")
            elif served is not None:
                vote(served[0], weight, f"{said} for {affiliation} ({served[1]})")
            elif self.kinds.get(affiliation) in ("country", "place") or self._country_in(span):
                vote(cue.role, weight, f"{said} → {cue.role}")  # "Ukraine's President", "a Kremlin spokesman"
            else:
                # whom it serves is not said: the title's own role is a weak guess, which any other
                # phrase the article uses outweighs
                vote(cue.role, 1, f"{said} → {cue.role}")
        if votes:
            role = max(votes, key=lambda r: (votes[r], evidence_of[r][0]))
            return role, evidence_of[role][1]
        if kind == "person":
            campaign = self._campaign_of(actor)
            if campaign is not None:
                return "politician", f"has a campaign in the article: {campaign}"
        if served is not None:
            return served[0], f"affiliated with {affiliation} ({served[1]})"
        if ages:
            return "citizen", f"given by name and age ({ages[0]}) only"
        if kind == "document":
            return "document", f"{actor}: a document"
        return "other", "no title, description or affiliation in the article says"

    # ------------------------------------------------------------- gender

    def _gender(self, actor: str, ms: Sequence[Mention], phrases: list) -> tuple[str, str]:
        votes: Counter = Counter()
        said: dict[str, list[str]] = {}

        def vote(gender: str | None, evidence: str, weight: int) -> None:
            if gender:
                votes[gender] += weight
                said.setdefault(evidence, []).append(gender)

        for m, own in zip(ms, phrases):
            low = m.text.lower()
            if m.via == "pronoun" and low in PRONOUN_GENDER:
                vote(PRONOUN_GENDER[low], f"pronoun '{low}'", 1)
                continue
            before = self.toks[m.first - 1].text if m.first > 0 else ""
            for word in (before, m.text.split()[0] if m.text else "", m.title or ""):
                if honorific_gender(word.lower()):
                    vote(honorific_gender(word.lower()), f"honorific '{word[:1].upper()}{word[1:]}'", 3)
                    break
            for _, evidence, words, _ in own:
                head = [w for w in _words(words) if w not in _DETERMINERS]
                cut = next((i for i, w in enumerate(head) if w in _PREPOSITIONS), len(head))
                if head[:cut]:
                    noun = head[:cut][-1]
                    vote(noun_gender(noun), f"gendered noun '{noun}'", 3)
        if votes:
            (top, n), *rest = votes.most_common()
            second = rest[0][1] if rest else 0
            evidence = "; ".join(f"{e} ×{len(g)}" if len(g) > 1 else e for e, g in said.items())
            if n >= 2 * second:
                return top, evidence
            return "unknown", f"the article's evidence disagrees: {evidence}"
        titled = any(m.title for m in ms)
        gender, name = given_name_gender(actor, alone=not titled)
        if gender:
            return gender, f"given name {name} (NLTK names: {gender} only)"
        words = actor.split()
        if family_name_first(actor):
            return "unknown", f"{words[0]} is a family name written first; no pronoun, honorific or gendered title"
        if len(words) >= 2 and ambiguous_given_name(words[0]):
            return "unknown", f"given name {words[0]} is listed for both genders; no pronoun, honorific or title"
        return "unknown", "no pronoun, honorific, gendered title or listed given name in the article"


def profile_actors(doc: Doc, mentions: Sequence[Mention], *, lex: Lexicon | None = None) -> dict[str, Profile]:
    """Every actor the mentions name -> its :class:`Profile` (gender, role, named, with evidence); each
    mention gets its actor's ``gender`` and ``role``."""
    profiles = _Profiler(doc, mentions, lex or lexicon()).run()
    for m in mentions:
        p = profiles.get(m.actor)
        if p is not None:
            m.gender, m.role = p.gender, p.role
    return profiles


def unnamed_labels(words: str) -> SourceLabels:
    """Labels for a source the article does not name, from the words it is given ("officials",
    "a spokeswoman for the ministry", "the report").

    >>> unnamed_labels("A spokeswoman for the ministry").to_dict()["gender"], unnamed_labels("officials").role
    ('female', 'government')
    """
    toks = words.split()
    cue = role_of_words(toks)
    role = cue.role if cue else "other"
    evidence = f"'{cue.term}' → {cue.role}" if cue else "no role word in the description"
    head = [w for w in _words(toks) if w not in _DETERMINERS]
    cut = next((i for i, w in enumerate(head) if w in _PREPOSITIONS), len(head))
    noun = head[:cut][-1] if head[:cut] else ""
    plural = _plural(toks)
    gender = noun_gender(noun) if noun else None
    if gender is None and not plural and role != "document":
        gender = "unknown"
    return SourceLabels(None if plural and gender is None else gender, role, False, words,
                        f"'{noun}'" if gender in ("female", "male") else None, evidence)


def _plural(toks: Sequence[str]) -> bool:
    """The description names several people: its head noun is plural ("officials", "people")."""
    content = [t for t in toks if t.lower() not in _DETERMINERS]
    head = next((t for t in content if t.lower() in _PREPOSITIONS), None)
    words = content[:content.index(head)] if head else content
    last = words[-1].lower() if words else ""
    return last.endswith("s") and not last.endswith("ss") or last in ("people", "police", "staff", "media")


def label_source(*, actor: str | None, speaker_text: str | None, profiles: dict[str, Profile],
                 affiliation: str | None = None) -> SourceLabels:
    """The labels of a quote's source: its actor's profile; for a source the article does not name,
    what its own words say (:func:`unnamed_labels`); for a pronoun nothing resolves, its gender only.

    >>> label_source(actor=None, speaker_text=None, profiles={}).named is None
    True
    """
    own = role_of_words(speaker_text.split()) if speaker_text else None
    if own is not None and own.role == "document" and not own.defers:
        # "A Quinnipiac University poll", "the report": the document speaks, whoever made it
        return SourceLabels(None, "document", actor is not None, None if actor else speaker_text, None,
                            f"'{own.term}' → document")
    if actor is not None and actor in profiles:
        p = profiles[actor]
        if not p.named:
            found = unnamed_labels(actor)
            return SourceLabels(found.gender, p.role, False, actor, found.gender_evidence, p.role_evidence)
        return SourceLabels(p.gender, p.role, True, None, p.gender_evidence, p.role_evidence)
    if not speaker_text:
        return NO_LABELS
    low = speaker_text.lower()
    if low in PRONOUN_GENDER:
        return SourceLabels(PRONOUN_GENDER[low], None, None, None, f"pronoun '{low}'", None)
    if low in ("they", "it", "we", "i", "you", "them", "us"):
        return NO_LABELS
    words = speaker_text.split()
    if honorific_gender(words[0].lower()) and len(words) > 1:
        # "Mr. King": a person the article names, though the name was not resolved to an actor
        gender = honorific_gender(words[0].lower())
        return SourceLabels(gender, "other", True, None, f"honorific '{words[0]}'",
                            "a name the article gives without title or description")
    if all(w[:1].isupper() for w in words) and own is None:
        return SourceLabels(None, "other", True, None, None, "a name the article gives without title or description")
    found = unnamed_labels(speaker_text)
    served = profiles.get(affiliation) if affiliation else None
    if (own is None or own.defers) and served is not None and served.role != "other":
        return SourceLabels(found.gender, served.role, False, speaker_text, found.gender_evidence,
                            f"{found.role_evidence} for {affiliation} ({served.role_evidence})")
    return found
