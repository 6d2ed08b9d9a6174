"""What the article and a person's given name say of their gender: the primitives every reader shares.

Gender is read from the article's own evidence first -- honorifics ("Mr.", "Mrs."), gendered nouns
("spokeswoman", "chairman", "widow"), pronouns the document resolves to the person -- and only
then from the given name, through NLTK's ``names`` corpus: a name listed under both genders
("Kim", "Jordan") says nothing, and neither does a surname, nor the first word of a name written
family name first ("Kim Hong-kyun", "Lin Jian"; ``data/actors/family_names_first.txt``). These
functions serve the name resolver (telling "Mrs. Clinton" from Bill), coreference (which "she" a
person can be) and the source profiles (:mod:`toolkit.actors.profile`), so all three read gender
the same way.

>>> honorific_gender("Mrs."), noun_gender("spokeswoman"), noun_gender("senator")
('female', 'female', None)
>>> given_name_gender("Mark Rutte"), given_name_gender("Kim Hong-kyun"), given_name_gender("Rutte")
(('male', 'Mark'), (None, None), (None, None))
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from toolkit.resources import data_lines, read_table, require_nltk

__all__ = ["HONORIFICS", "honorific_gender", "noun_gender", "given_name_genders", "ambiguous_given_name",
           "family_name_first",
           "given_name_gender", "person_gender", "PRONOUN_GENDER"]

#: Courtesy titles and the gender they say.
HONORIFICS = {"mr.": "male", "mr": "male", "mrs.": "female", "mrs": "female", "ms.": "female", "ms": "female",
              "miss": "female", "sir": "male", "dame": "female", "lady": "female", "lord": "male"}
#: Third-person pronouns that say a gender.
PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}
_FEMALE_HEADS = frozenset({"queen", "princess", "duchess", "empress", "countess", "baroness"})
_MALE_HEADS = frozenset({"king", "prince", "duke", "emperor", "count", "baron"})
_NOT_GENDERED = frozenset({"human", "ombudsman", "german", "roman", "layman"})


def honorific_gender(word: str | None) -> str | None:
    """The gender a courtesy title says: "Mrs." -> female; None for any other word.

    >>> honorific_gender("mr."), honorific_gender("Sen."), honorific_gender(None)
    ('male', None, None)
    """
    return HONORIFICS.get(word.lower()) if word else None


@lru_cache(maxsize=1)
def _noun_genders() -> dict[str, str]:
    return {r["noun"]: r["gender"] for r in read_table("actors/referring_nouns.tsv")
            if r["gender"] in ("female", "male")}


def noun_gender(noun: str | None) -> str | None:
    """The gender a person noun or title says by itself: its row in ``referring_nouns.tsv``, a
    ``-woman``/``-man`` compound, or a title of nobility. "spokesman" -> male; "senator" -> None.

    >>> [noun_gender(n) for n in ("congresswoman", "chairman", "widow", "queen", "lawyer", "human")]
    ['female', 'male', 'female', 'female', None, None]
    """
    if not noun:
        return None
    low = noun.lower().split()[-1]
    if low.endswith("s") and low[:-1] in _noun_genders():
        low = low[:-1]
    if low in _noun_genders():
        return _noun_genders()[low]
    if low in _NOT_GENDERED:
        return None
    if low.endswith(("woman", "women")) or low in _FEMALE_HEADS:
        return "female"
    if low.endswith(("man", "men")) or low in _MALE_HEADS:
        return "male"
    return None


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(female, male) given names of NLTK's ``names`` corpus, lower case; empty without the corpus."""
    try:
        require_nltk("names")
        from nltk.corpus import names

        return (frozenset(n.lower() for n in names.words("female.txt")),
                frozenset(n.lower() for n in names.words("male.txt")))
    except Exception:  # noqa: BLE001 - without the corpus gender comes from the article's evidence only
        return frozenset(), frozenset()


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Given name (lower case) -> female | male, from NLTK's ``names`` corpus; names in both lists left out.

    >>> g = given_name_genders()
    >>> g.get("mary"), g.get("john"), g.get("hillary")   # "Hillary" is in both lists
    ('female', 'male', None)
    """
    female, male = _name_lists()
    out = {n: "female" for n in female - male}
    out.update({n: "male" for n in male - female})
    return out


def ambiguous_given_name(name: str) -> bool:
    """A given name NLTK's corpus lists under both genders ("Kim", "Jordan"), which says nothing.

    >>> ambiguous_given_name("Jordan"), ambiguous_given_name("Mark")
    (True, False)
    """
    female, male = _name_lists()
    low = name.lower()
    return low in female and low in male


@lru_cache(maxsize=1)
def _family_first() -> frozenset[str]:
    return frozenset(data_lines("actors/family_names_first.txt"))


def family_name_first(name: str) -> bool:
    """A name written family name first: its first word is a common Chinese, Korean or Vietnamese
    family name ("Kim Hong-kyun", "Lin Jian"), so it is not a given name.

    >>> family_name_first("Kim Hong-kyun"), family_name_first("Mark Rutte"), family_name_first("Kim")
    (True, False, False)
    """
    words = name.split()
    return len(words) >= 2 and words[0] in _family_first()


def given_name_gender(name: str | None, *, alone: bool = False) -> tuple[str | None, str | None]:
    """(gender, the given name read) for a person's full name, or (None, None) when the name does not
    say: a name written family name first, a given name NLTK's corpus lists under both genders or
    not at all, or one word only -- a surname says nothing -- unless ``alone``: the article calls the
    person by that one word and never with a title or honorific, as it does a given name ("Kevin was
    snoring").

    >>> given_name_gender("Hillary Clinton"), given_name_gender("Melania Trump")
    ((None, None), ('female', 'Melania'))
    >>> given_name_gender("Kevin"), given_name_gender("Kevin", alone=True)
    ((None, None), ('male', 'Kevin'))
    """
    if not name:
        return None, None
    words = [w for w in name.split() if w.lower().strip(".") not in HONORIFICS]
    if len(words) < (1 if alone else 2) or family_name_first(" ".join(words)):
        return None, None
    first = words[0].strip(".").lower()
    if len(first) < 2:
        return None, None  # an initial ("J. Smith")
    gender = given_name_genders().get(first)
    return (gender, words[0]) if gender else (None, None)


def person_gender(actor: str, *, titles: Sequence[str] = (), honorifics: Sequence[str] = ()) -> str | None:
    """female | male from an honorific, a gendered title, then the given name; None when none says.

    >>> person_gender("Mary Clinton"), person_gender("Clinton", honorifics=["Mr."])
    ('female', 'male')
    >>> person_gender("Alex Smith", titles=["congresswoman"]), person_gender("Lin Jian")
    ('female', None)
    """
    for h in honorifics:
        g = honorific_gender(h)
        if g:
            return g
    for title in titles:
        g = noun_gender(title)
        if g:
            return g
    titled = any(t for t in titles) or any(honorific_gender(h) for h in honorifics)
    return given_name_gender(actor, alone=not titled)[0]
