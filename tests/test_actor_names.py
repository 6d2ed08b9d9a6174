"""Canonical actor names: headlines, shared surnames, surnames vs bodies, affiliations, acronyms.

Each case is a short text of our own, run through the tagger and :func:`find_mentions`;
the expectation lists (mention text, canonical actor) or (mention text, actor, affiliation)
for the mentions the case is about.
"""
from __future__ import annotations

import pytest

from toolkit.actors.lexicon import lexicon
from toolkit.actors.mentions import _title_case, find_mentions
from toolkit.text.tagging import process

#: Mentions added by document-level resolution (pronouns, descriptions): tests/test_coref.py covers them.
RESOLVED = frozenset({"pronoun", "reference", "author", "unnamed"})


def names(text: str):
    """The name mentions of a text (what this file is about), without the pronouns resolved to them."""
    return [m for m in find_mentions(process(text)) if m.via not in RESOLVED]


def actors(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor) for m in names(text) if m.kind in ("person", "organisation")]


def affiliations(text: str) -> dict[str, str | None]:
    return {m.text: m.affiliation for m in names(text) if m.kind == "person"}


# --------------------------------------------------------------------------- 1. headlines and titles

@pytest.mark.parametrize("text, present, absent", [
    # A headline given as a sentence: the ordinary first word is no part of the name.
    ("Ask Rachel Moore about her plans.\n\nRachel Moore, the mayor, said the budget was tight. Moore left.",
     ("Rachel Moore",), ("Ask Rachel Moore",)),
    # A Title Case headline keeps only the words the body uses as names.
    ("Barlow Remarks Spark Outrage Among Farmers\n\nOn Monday, Senator Greta Barlow said farmers would wait.",
     ("Barlow",), ("Barlow Remarks", "Barlow Remarks Spark Outrage")),
    # A Title Case headline of ordinary words makes no organisation or person at all.
    ("Popular Podcast Shows Bias When It Comes To Farmers.\n\nThe show, hosted by Tom Reyes, aired on Monday.",
     ("Tom Reyes",), ("Popular Podcast Shows Bias", "Popular Podcast")),
    # An all-caps subhead: the shouted verb is no name word.
    ("Kendra Walsh was chosen on Monday.\n\nKENDRA WALSH RESIGNS\n\nThe party said Walsh would leave.",
     ("KENDRA WALSH",), ("KENDRA WALSH RESIGNS",)),
])
def test_headline_names(text: str, present: tuple[str, ...], absent: tuple[str, ...]) -> None:
    found = {t for t, _ in actors(text)}
    for name in present:
        assert name in found
    for name in absent:
        assert name not in found
    assert not any(actor in absent for _, actor in actors(text))


#: Words the body of an article writes as names (see body_name_words).
BODY = frozenset({"Trump", "Clinton", "Hillary", "New", "York", "Macron", "Scholz"})


@pytest.mark.parametrize("text, expected", [
    ("Donald Trump met Hillary Clinton in New York.", False),   # a sentence full of names
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.", False),
    ("Popular Website Shows Bias When It Comes To Voters.", True),
    ("Senate Panel Votes To Hold Aide In Contempt", True),      # no final period
])
def test_title_case_headline(text: str, expected: bool) -> None:
    assert _title_case(process(text).tokens, lexicon(), BODY, alone=True) is expected


@pytest.mark.parametrize("text, present, absent", [
    # A run the tagger strings together from two full names the article uses alone.
    ("Poll: Kendra Walsh Ties Tom Reyes, Race Tightens.\n\nOn Monday, Kendra Walsh led. Later, Tom Reyes spoke.",
     ("Kendra Walsh", "Tom Reyes"), ("Kendra Walsh Ties Tom Reyes",)),
    # An organisation named after a person stays whole.
    ("The Tom Reyes Foundation gave money. On Monday, Tom Reyes spoke.",
     ("Tom Reyes Foundation", "Tom Reyes"), ()),
])
def test_known_names_split(text: str, present: tuple[str, ...], absent: tuple[str, ...]) -> None:
    found = {a for _, a in actors(text)}
    assert set(present) <= found
    assert not set(absent) & found


@pytest.mark.parametrize("text, not_actor", [
    ("Many African-American voters agreed.", "African-American"),
    ("Anti-Walsh protesters gathered.", "Anti-Walsh"),
])
def test_no_actor(text: str, not_actor: str) -> None:
    assert not_actor not in {a for _, a in actors(text)}


def test_the_headline_name_is_the_body_person() -> None:
    found = actors("Walsh Names New Deputy\n\nOn Monday, Kendra Walsh named a deputy.")
    assert found[0] == ("Walsh", "Kendra Walsh")


# --------------------------------------------------------------------------- 2. surnames shared in a family

@pytest.mark.parametrize("text, bare, expected", [
    # The one the writer calls by the given name is not the bare surname.
    ("Senator Paul Harlow spoke in Ohio. His wife, Nadia Harlow, joined him. Nadia smiled, and Nadia waved. "
     "Harlow said taxes would fall.", "Harlow", "Paul Harlow"),
    # Named later and again in full, the daughter does not take over the father's surname.
    ("Governor Frank Oduya unveiled a plan. Oduya said it was fair. Later, Amara Oduya defended it. "
     "Amara Oduya said critics were wrong. Oduya then left the stage.", "Oduya", "Frank Oduya"),
    # The headline names the one the article is about in full.
    ("Helen Voss Wins Primary\n\nHer husband, Carl Voss, was at her side when Helen Voss spoke. "
     "Voss thanked the voters.", "Voss", "Helen Voss"),
    # A full name earlier in the same sentence wins.
    ("Martha Crane chairs the board. Her brother Tom Crane, whom Crane hired, left.", "Crane", "Tom Crane"),
])
def test_shared_surname(text: str, bare: str, expected: str) -> None:
    found = actors(text)
    assert (bare, expected) in found
    assert all(actor == expected for t, actor in found if t == bare)


@pytest.mark.parametrize("text, expected", [
    ("Robert Lang and Susan Lang spoke. Robert Lang said he agreed. Susan Lang said she did not. "
     "Later Mrs. Lang left.", "Susan Lang"),
    ("Robert Lang and Susan Lang spoke. Robert Lang said he agreed. Susan Lang said she did not. "
     "Later Mr. Lang left.", "Robert Lang"),
])
def test_courtesy_title_gender(text: str, expected: str) -> None:
    assert actors(text)[-1] == ("Lang", expected)


def test_campaign_of_the_salient_bearer() -> None:
    text = ("Carl Voss launched his bid. Greta Voss, his sister, was there. Greta said little. "
            "Greta smiled. The Voss campaign said it raised money.")
    assert ("The Voss campaign", "Carl Voss's campaign") in actors(text)


# --------------------------------------------------------------------------- 3. only persons bear surnames

@pytest.mark.parametrize("text, bare, expected", [
    ("Victor Hale owns Hale National Links. Hale said the course would stay open.", "Hale", "Victor Hale"),
    ("The Hale Foundation gave money, and Victor Hale spoke. Hale said so.", "Hale", "Victor Hale"),
])
def test_surname_is_a_person(text: str, bare: str, expected: str) -> None:
    found = actors(text)
    assert (bare, expected) in found


@pytest.mark.parametrize("text, bare, expected", [
    # A transcript run "Steven Snyder TWA" makes no surname of the airline's acronym.
    # A surname shouted in an all-caps headline is the person the body names.
    ("WALSH RESIGNS\n\nOn Monday, Kendra Walsh resigned. Walsh left.", "WALSH", "Kendra Walsh"),
])
def test_acronym_is_no_surname(text: str, bare: str, expected: str) -> None:
    assert (bare, expected) in actors(text)


def test_acronym_is_not_the_person() -> None:
    found = actors("Steven Snyder TWA spoke on Monday. Later, the TWA board said the planes were late.")
    assert all(actor != "Steven Snyder TWA" for text, actor in found if text == "TWA")


def test_run_opening_with_a_surname_is_no_person() -> None:
    found = {m.text: m.kind for m in names("Victor Hale owns Hale National Links. Hale spoke.")}
    assert found["Hale National Links"] == "organisation"


# --------------------------------------------------------------------------- 4. affiliations

@pytest.mark.parametrize("text, name, expected", [
    # The apposition's own demonym beats the body the sentence is about.
    ("Germany's finance ministry is worried, analyst Paul Ferrand said. Ferrand, a French economist, "
     "said the risk was small.", "Paul Ferrand", "France"),
    ("The German government is worried, but Paul Ferrand, a French economist, said the risk was small.",
     "Paul Ferrand", "France"),
    # A party adjective gives the party.
    ("Republican Sen. Dana Whitfield said no.", "Dana Whitfield", "Republican Party"),
    ("Dana Whitfield, a Democrat, said yes.", "Dana Whitfield", "Democratic Party"),
    ("Democratic strategist Joe Marsh said yes.", "Joe Marsh", "Democratic Party"),
])
def test_affiliation(text: str, name: str, expected: str) -> None:
    assert affiliations(text)[name] == expected


def test_party_has_no_country() -> None:
    found = {m.text: (m.actor, m.affiliation) for m in names("The Republican plan failed.")}
    assert found["Republican"] == ("Republican Party", None)


# --------------------------------------------------------------------------- 5. canonical names of bodies, acronyms

@pytest.mark.parametrize("text, mention, expected", [
    ("The Security Council met on Monday.", "Security Council", "United Nations Security Council"),
    ("The U.N. Security Council met on Monday.", "U.N. Security Council", "United Nations Security Council"),
    ("The IAEA said Iran complied.", "IAEA", "International Atomic Energy Agency"),
    ("The Pentagon said troops would stay.", "Pentagon", "Department of Defense"),
    ("The FBI said it had closed the case.", "FBI", "FBI"),
])
def test_table_canonical(text: str, mention: str, expected: str) -> None:
    assert (mention, expected) in [(m.text, m.actor) for m in names(text)]


@pytest.mark.parametrize("text, expected", [
    ("The Federal Trade Commission (F.T.C.) opened an inquiry. On Monday the F.T.C. said it would act.",
     [("Federal Trade Commission", "Federal Trade Commission"), ("F.T.C", "Federal Trade Commission"),
      ("F.T.C.", "Federal Trade Commission")]),  # "the F.T.C. said": one sentence, so the acronym keeps its dot
    ("Agents of Customs and Border Protection, or CBP, came. Later, CBP said nothing.",
     [("Customs and Border Protection", "Customs and Border Protection"), ("CBP", "Customs and Border Protection"),
      ("CBP", "Customs and Border Protection")]),
    # Not defined in the text nor in the table: the acronym as written.
    ("On Monday, the XYZQ said it would act.", [("XYZQ", "XYZQ")]),
])
def test_defined_acronyms(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, a) for t, a in actors(text)] == expected


# --------------------------------------------------------------------------- 6. stable within a document

@pytest.mark.parametrize("text, expected", [
    # A short given name is the same person as the long one: the fullest form is the name.
    ("Former counsel Ken Marlow said the case was closed. Kenneth Marlow, 70, spoke for an hour. Marlow left.",
     {"Kenneth Marlow"}),
    # Accents or not, one person.
    ("President Frédéric Dumas spoke. Later, Frederic Dumas left. Dumas said so.", {"Frédéric Dumas"}),
    # Two given names are two persons.
    ("Tom Reyes spoke. Anna Reyes, his sister, left.", {"Tom Reyes", "Anna Reyes"}),
])
def test_name_variants(text: str, expected: set[str]) -> None:
    assert {actor for _, actor in actors(text)} == expected


def test_one_canonical_per_person() -> None:
    text = ("Voss Wins\n\nHelen Voss won on Tuesday. Voss thanked voters. Helen R. Voss, a lawyer, "
            "will take office. Helen thanked her staff. Ms. Voss left.")
    found = actors(text)
    assert {actor for _, actor in found} == {"Helen Voss"}


@pytest.mark.parametrize("text, mention, kind, actor", [
    # a brand in camel case is an organisation, a Mc/Mac/De surname is not
    ("PolitiFact rated the claim false.", "PolitiFact", "organisation", "PolitiFact"),
    ("The vote was close, DeSantis said.", "DeSantis", "person", "DeSantis"),
    # an irregular plural is an ordinary word, not a person's name; a known bearer's surname still is one
    ("Tom Banks met U.N. Women officials. Banks said it went well.", "Banks", "person", "Tom Banks"),
    # a short form of an organisation named in full before
    ("The Tampa Bay Times owns the site. The Times endorsed her.", "Times", "organisation", "Tampa Bay Times"),
    # an abbreviated title: "Del." (delegate) before a name
    ("\"It is a waste of time,\" said Del. Stacey Plaskett of the Virgin Islands.", "Stacey Plaskett", "person",
     "Stacey Plaskett"),
])
def test_brands_short_forms_and_titles(text, mention, kind, actor):
    assert (mention, kind, actor) in [(m.text, m.kind, m.actor) for m in names(text)]


def test_an_irregular_plural_is_no_person():
    assert not [m for m in names("The General Assembly set up U.N. Women in 2010.") if m.text == "Women"]



def test_a_courtesy_title_no_named_bearer_takes_is_their_namesake():
    from toolkit.actors.mentions import find_mentions
    from toolkit.text.tagging import process

    text = ("Obama Urges Voters to Turn Out.\n\n"
            "President Obama spoke in Ohio on Friday. Mr. Obama said the vote mattered.\n\n"
            "The first lady, Michelle Obama, spoke later. Mrs. Obama said little.")
    actors = [(m.text, m.actor) for m in find_mentions(process(text)) if m.text.endswith("Obama")]
    assert ("Obama", "Obama") in actors and ("Michelle Obama", "Michelle Obama") in actors
    assert all(actor == "Obama" for text_, actor in actors[:3])
    assert actors[-1] == ("Obama", "Michelle Obama")
