"""Actor mentions resolved to canonical actors and affiliations, on sentences of our own and the seed."""
from __future__ import annotations

import pytest

from toolkit.actors.lexicon import build_lexicon, lexicon
from toolkit.actors.mentions import antecedent, find_mentions
from toolkit.actors.resolve import Candidate, Resolver
from toolkit.corpus import Span
from toolkit.text.tagging import process


def mentions(text: str, **kwargs) -> list[tuple[str, str, str, str | None]]:
    doc = process(text)
    return [(m.text, m.actor, m.kind, m.affiliation) for m in find_mentions(doc, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Title + name with a demonym owner; a capital after "in" is a place of that country.
        ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.",
         [("French", "France", "country", None), ("Emmanuel Macron", "Emmanuel Macron", "person", "France"),
          ("German", "Germany", "country", None), ("Olaf Scholz", "Olaf Scholz", "person", "Germany"),
          ("Berlin", "Berlin", "place", "Germany")]),
        # Seats of government and capitals used as actors stand for the country.
        ("The White House said Washington would not back down, and Tehran rejected the offer.",
         [("White House", "United States", "country", None), ("Washington", "United States", "country", None),
          ("Tehran", "Iran", "country", None)]),
        # A body owned by a country, then "the ministry" resolved to it.
        ("Japan's defence ministry summoned the envoy. The ministry said the flight was illegal.",
         [("Japan's defence ministry", "Japanese defence ministry", "organisation", "Japan"),
          ("Japan", "Japan", "country", None),
          ("The ministry", "Japanese defence ministry", "organisation", "Japan")]),
        # Apposition gives the person their title's affiliation.
        ("Maria Zakharova, a Russian foreign ministry spokeswoman, rejected the claim.",
         [("Maria Zakharova", "Maria Zakharova", "person", "Russia"), ("Russian", "Russia", "country", None)]),
        # A bare title takes the sentence's acting body; a surname later is the same person.
        ("The Elysee declined to comment, but spokeswoman Maud Bregeon said the plan stood. Bregeon left.",
         [("Elysee", "France", "country", None), ("Maud Bregeon", "Maud Bregeon", "person", "France"),
          ("Bregeon", "Maud Bregeon", "person", "France")]),
        # Organisation aliases, and a person affiliated with an organisation.
        ("NATO chief Mark Rutte told the U.N. Security Council that the EU agreed.",
         [("NATO", "NATO", "organisation", None), ("Mark Rutte", "Mark Rutte", "person", "NATO"),
          ("U.N. Security Council", "United Nations Security Council", "organisation", "United Nations"),
          ("EU", "European Union", "organisation", None)]),
        # A capital inside a longer name is not the country.
        ("The Washington Post reported that Paris Hilton was in Moscow.",
         [("Washington Post", "Washington Post", "organisation", None),
          ("Paris Hilton", "Paris Hilton", "person", None), ("Moscow", "Moscow", "place", "Russia")]),
        # A place owned by a country.
        ("North Korea shipped troops to Russia's Far East.",
         [("North Korea", "North Korea", "country", None), ("Russia", "Russia", "country", None),
          ("Far East", "Far East", "place", "Russia")]),
        # "the North" only counts when North Korea is named.
        ("North Korea fired a missile. Seoul said the North's launch was a provocation.",
         [("North Korea", "North Korea", "country", None), ("Seoul", "South Korea", "country", None),
          ("North", "North Korea", "country", None)]),
        # an unnamed group is a mention whose actor is its description
        ("Voters in the North of England are angry.", [("Voters", "voters", "group", None),
                                                       ("England", "England", "place", "United Kingdom")]),
        # A person's office, affiliated with the person's country.
        ("Ukrainian President Volodymyr Zelenskiy spoke. Zelenskiy's office said talks would resume.",
         [("Ukrainian", "Ukraine", "country", None),
          ("Volodymyr Zelenskiy", "Volodymyr Zelenskiy", "person", "Ukraine"),
          ("Zelenskiy's office", "Volodymyr Zelenskiy's office", "organisation", "Ukraine"),
          ("Zelenskiy", "Volodymyr Zelenskiy", "person", "Ukraine")]),
    ],
)
def test_mentions(text: str, expected: list[tuple]) -> None:
    assert mentions(text) == expected


def test_credit_lines_have_no_actors() -> None:
    text = "Kim met Putin.\n(Reporting by Jane Doe in Seoul; Editing by John Smith)"
    assert [m[0] for m in mentions(text)] == ["Kim", "Putin"]


def test_given_mentions_are_kept_and_resolved() -> None:
    text = "The [Liberal] leader attacked Beijing and the Kremlin."
    doc = process(text)
    found = find_mentions(doc, given=[Span(5, 12), Span(46, 53)])
    got = {(m.text, m.actor, m.via) for m in found}
    assert ("Liberal", "Liberal", "given") in got
    assert ("Kremlin", "Russia", "given") in got
    assert ("Beijing", "China", "capital") in got


def test_user_alias_file(tmp_path) -> None:
    table = tmp_path / "aliases.tsv"
    table.write_text("# my project\nalias\tcanonical\tkind\taffiliation\trequires\n"
                     "Acme Corp\tAcme Corporation\torganisation\t\t\nAcme\tAcme Corporation\torganisation\t\t\n",
                     encoding="utf-8")
    doc = process("Acme said profits rose. Acme Corp denied it.")
    found = find_mentions(doc, lex=build_lexicon(aliases=table))
    assert [(m.text, m.actor) for m in found] == [("Acme", "Acme Corporation"), ("Acme Corp", "Acme Corporation")]


def test_pronoun_antecedent() -> None:
    doc = process("Chancellor Olaf Scholz met the ministry. He said it would act.")
    found = find_mentions(doc)
    he = next(t for t in doc.tokens if t.text == "He")
    it = next(t for t in doc.tokens if t.text == "it")
    assert antecedent(found, doc, he.i).actor == "Olaf Scholz"
    assert antecedent(found, doc, it.i) is None  # "the ministry" of no one: unresolved, not guessed


# --------------------------------------------------------------------------- the Resolver's mechanisms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Title + name, then the surname alone: the same person, with the title.
        pytest.param("Senator Bernie Sanders spoke. Sanders said no.",
                     [("Bernie Sanders", "Bernie Sanders", "person", None, "title", "senator"),
                      ("Sanders", "Bernie Sanders", "person", None, "name", "senator")], id="title-surname"),
        # A surname before the full name (a headline): resolved after the pass, with the later affiliation.
        pytest.param("Kim warned Seoul. South Korean Vice Foreign Minister Kim Hong-kyun spoke on Tuesday.",
                     [("Kim", "Kim Hong-kyun", "person", "South Korea", "name", "vice foreign minister"),
                      ("Seoul", "South Korea", "country", None, "capital", None),
                      ("South Korean", "South Korea", "country", None, "demonym", None),
                      ("Kim Hong-kyun", "Kim Hong-kyun", "person", "South Korea", "title", "vice foreign minister")],
                     id="surname-before-full-name"),
        # Two spellings of one name share a name key.
        pytest.param("Donald J. Trump spoke on Monday. Donald Trump later left.",
                     [("Donald J. Trump", "Donald J. Trump", "person", None, "name", None),
                      ("Donald Trump", "Donald J. Trump", "person", None, "name", None)], id="name-key"),
        # Aliases: a capital is the country as an actor, a place of it after "in".
        pytest.param("Seoul protested. The ambassador in Seoul left.",
                     [("Seoul", "South Korea", "country", None, "capital", None),
                      ("Seoul", "Seoul", "place", "South Korea", "capital", None)], id="alias-capital-or-place"),
        # An alias that needs its full form in the document.
        pytest.param("The North fired a missile.", [], id="alias-requires-missing"),
        pytest.param("North Korea fired a missile. The North called it a test.",
                     [("North Korea", "North Korea", "country", None, "alias", None),
                      ("North", "North Korea", "country", None, "alias", None)], id="alias-requires-met"),
        # Appositions: the owner inside the description, or after of/for/at.
        pytest.param("Mark Rutte, a NATO official, spoke.",
                     [("Mark Rutte", "Mark Rutte", "person", "NATO", "name", "official"),
                      ("NATO", "NATO", "organisation", None, "alias", None)], id="apposition-owner"),
        pytest.param("Sergei Lavrov, foreign minister of Russia, spoke.",
                     [("Sergei Lavrov", "Sergei Lavrov", "person", "Russia", "name", "foreign minister"),
                      ("Russia", "Russia", "country", None, "alias", None)], id="apposition-of-owner"),
        # A bare title takes the sentence's acting body.
        pytest.param("The Kremlin declined to comment, but spokesman Dmitry Peskov said talks would go on.",
                     [("Kremlin", "Russia", "country", None, "seat", None),
                      ("Dmitry Peskov", "Dmitry Peskov", "person", "Russia", "title", "spokesman")],
                     id="bare-title-acting-body"),
        # Person descriptions: the person named before with that title, or the only one named after.
        pytest.param("Russian Ambassador Georgy Zinoviev was summoned. The ambassador said nothing.",
                     [("Russian", "Russia", "country", None, "demonym", None),
                      ("Georgy Zinoviev", "Georgy Zinoviev", "person", "Russia", "title", "ambassador"),
                      ("The ambassador", "Georgy Zinoviev", "person", "Russia", "description", "ambassador")],
                     id="description-before"),
        pytest.param("The Russian ambassador was summoned. Russian Ambassador Georgy Zinoviev said nothing.",
                     [("The Russian ambassador", "Georgy Zinoviev", "person", "Russia", "description", "ambassador"),
                      ("Russian", "Russia", "country", None, "demonym", None),
                      ("Russian", "Russia", "country", None, "demonym", None),
                      ("Georgy Zinoviev", "Georgy Zinoviev", "person", "Russia", "title", "ambassador")],
                     id="description-after"),
        # A description of no one named and no owner is not guessed.
        pytest.param("The spokesman said nothing.", [], id="description-unresolved"),
        # A body owned by a person is named after them and speaks for the person.
        pytest.param("Zelenskiy's office said talks would resume.",
                     [("Zelenskiy's office", "Zelenskiy's office", "organisation", "Zelenskiy", "body", None),
                      ("Zelenskiy", "Zelenskiy", "person", None, "name", None)], id="body-owned-by-person"),
    ],
)
def test_resolver_mechanisms(text: str, expected: list[tuple]) -> None:
    found = find_mentions(process(text))
    assert [(m.text, m.actor, m.kind, m.affiliation, m.via, m.title) for m in found] == expected


def test_resolver_on_candidates() -> None:
    doc = process("Kim met the minister in Seoul.")
    seoul = Candidate(5, 6, 0, "capital", lexicon().match_alias(doc.tokens, 5)[1], locative=True)
    kim = Candidate(0, 1, 0, "name")
    Resolver(doc, lex=lexicon()).resolve([kim, seoul])
    assert (kim.actor, kim.kind) == ("Kim", "person")
    assert (seoul.actor, seoul.kind, seoul.affiliation) == ("Seoul", "place", "South Korea")


@pytest.mark.parametrize(
    ("text", "pronoun", "actor"),
    [
        ("Angela Merkel met Emmanuel Macron. She said they agreed.", "She", "Angela Merkel"),
        ("Angela Merkel met Emmanuel Macron. She said they agreed.", "they", None),  # no group named
        ("Ukraine's Zelenskiy said he would go.", "he", "Zelenskiy"),
        # The owner inside a body is not the antecedent of "it".
        ("Russia's foreign ministry said it would respond.", "it", "Russian foreign ministry"),
        ("NATO and the EU met. They said the talks went well.", "They", "NATO"),
    ],
)
def test_antecedent(text: str, pronoun: str, actor: str | None) -> None:
    doc = process(text)
    found = find_mentions(doc)
    tok = next(t for t in doc.tokens if t.text == pronoun)
    got = antecedent(found, doc, tok.i)
    assert (got.actor if got else None) == actor


@pytest.mark.parametrize("text, actor", [
    ("Olaf Scholz left. It rained. It snowed. It cleared. Later he spoke.", "Olaf Scholz"),    # four back
    ("Olaf Scholz left. It rained. It snowed. It cleared. It froze. Later he spoke.", None),  # five: too far
])
def test_antecedent_window(text, actor) -> None:
    doc = process(text)
    he = next(t for t in doc.tokens if t.text == "he")
    found = antecedent(find_mentions(doc), doc, he.i)
    assert (found.actor if found else None) == actor


# --------------------------------------------------------------------------- the seed story


@pytest.fixture(scope="module")
def seed_mentions(seed_doc):
    return find_mentions(seed_doc)


def _resolved(seed_mentions, text: str, sentence: int | None = None):
    found = [m for m in seed_mentions if m.text == text and (sentence is None or m.sentence == sentence)]
    assert found, f"{text!r} not found"
    return found


@pytest.mark.parametrize(
    ("text", "actor", "kind", "affiliation"),
    [
        ("South Korea", "South Korea", "country", None),
        ("South Korea's foreign ministry", "South Korean foreign ministry", "organisation", "South Korea"),
        ("the ministry", "South Korean foreign ministry", "organisation", "South Korea"),
        ("Kremlin", "Russia", "country", None),
        ("Moscow", "Russia", "country", None),
        ("Pyongyang", "North Korea", "country", None),
        ("Dmitry Peskov", "Dmitry Peskov", "person", "Russia"),
        ("Kim Hong-kyun", "Kim Hong-kyun", "person", "South Korea"),
        ("Kim", "Kim Hong-kyun", "person", "South Korea"),
        ("Georgy Zinoviev", "Georgy Zinoviev", "person", "Russia"),
        ("Zinoviev", "Georgy Zinoviev", "person", "Russia"),
        ("the Russian ambassador", "Georgy Zinoviev", "person", "Russia"),
        ("the Russian embassy", "Russian embassy", "organisation", "Russia"),
        ("South Korea's spy agency", "South Korean spy agency", "organisation", "South Korea"),
        ("Volodymyr Zelenskiy", "Volodymyr Zelenskiy", "person", "Ukraine"),
        ("United States", "United States", "country", None),
        ("Washington", "United States", "country", None),
        ("North", "North Korea", "country", None),
        ("Mark Rutte", "Mark Rutte", "person", "NATO"),
        ("Yoon Suk Yeol", "Yoon Suk Yeol", "person", "South Korea"),
        ("Yoon's office", "Yoon Suk Yeol's office", "organisation", "South Korea"),
        ("Lin Jian", "Lin Jian", "person", "China"),
        ("Beijing", "China", "country", None),
    ],
)
def test_seed_actors(seed_mentions, text: str, actor: str, kind: str, affiliation: str | None) -> None:
    for m in _resolved(seed_mentions, text):
        assert (m.actor, m.kind, m.affiliation) == (actor, kind, affiliation), m


def test_seed_seoul_is_place_or_country_by_use(seed_mentions) -> None:
    seoul = {m.sentence: (m.actor, m.kind) for m in seed_mentions if m.text == "Seoul"}
    assert seoul[1] == ("Seoul", "place")  # the dateline and "the Russian ambassador in Seoul"
    assert seoul[13] == ("South Korea", "country")  # "Seoul had consulted Washington"


def test_seed_offsets_and_credit_line(seed_text, seed_mentions) -> None:
    assert all(seed_text[m.start:m.end] == m.text for m in seed_mentions)
    # The reporters in the credit line are not actors of the story.
    assert not {"Jack Kim", "Hyunsu Yim", "Ed Davies"} & {m.actor for m in seed_mentions}
