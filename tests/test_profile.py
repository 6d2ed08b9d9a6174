"""Sources' labels: gender, role and named, with evidence (toolkit.actors.profile, toolkit.actors.gender)."""
from __future__ import annotations

import pytest

from toolkit.actors.gender import family_name_first, given_name_gender, noun_gender, person_gender
from toolkit.actors.lexicon import ROLES
from toolkit.actors.profile import label_source, role_of_words, role_table, unnamed_labels
from toolkit.annotate import annotate_document
from toolkit.corpus import Document
from toolkit.resources import read_table


def _record(text: str, *, source: str | None = None) -> dict:
    return annotate_document(Document(id="t", text=text, source=source)).to_dict()


def _profiles(text: str) -> dict[str, dict]:
    return {p["actor"]: p for p in _record(text)["profiles"]}


# --------------------------------------------------------------------------- the tables


def test_every_role_row_is_a_known_role():
    rows = read_table("actors/roles.tsv")
    assert rows and all(r["role"] in ROLES and r["defers"] in ("yes", "no") for r in rows)
    assert len({r["term"] for r in rows}) == len(rows), "a term is listed twice"


def test_every_title_has_a_role():
    terms = {r["term"] for r in read_table("actors/roles.tsv")}
    missing = [r["title"] for r in read_table("actors/titles.tsv")
               if r["title"] not in terms and r["title"] not in ("mr.", "mrs.", "ms.", "dr.")]
    assert missing == []


def test_alias_roles_are_known_roles():
    assert all(r["role"] in ROLES for r in read_table("actors/actor_aliases.tsv") if r.get("role"))


# --------------------------------------------------------------------------- role words


@pytest.mark.parametrize("phrase, role, term", [
    ("foreign ministry spokesperson", "government", "foreign ministry"),
    ("a professor of police science at Yale", "expert", "professor"),
    ("Trump campaign press secretary", "politician", "campaign"),
    ("executive director", "business", "executive director"),
    ("a tax lawyer", "legal", "lawyer"),
    ("the Republican presidential nominee", "politician", "nominee"),
    ("many of his supporters", "citizen", "supporter"),
    ("federal prosecutors", "legal", "prosecutor"),
    ("a 45-year-old resident of Charlotte", "citizen", "resident"),
    ("University of Michigan", "expert", "university"),
    ("Bank of America", "business", "bank"),
])
def test_role_of_words(phrase, role, term):
    cue = role_of_words(phrase.split())
    assert (cue.role, cue.term) == (role, term)


@pytest.mark.parametrize("phrase", ["Goldman Sachs", "Zero Hedge", "he"])
def test_words_without_a_role(phrase):
    assert role_of_words(phrase.split()) is None


def test_plural_terms_are_found_through_the_singular():
    assert role_table()[("official",)].role == "government"
    assert role_of_words(["officials"]).term == "official"


# --------------------------------------------------------------------------- gender primitives


@pytest.mark.parametrize("name, alone, expected", [
    ("Mark Rutte", False, "male"),
    ("Georgy Zinoviev", False, "male"),
    ("Melania Trump", False, "female"),
    ("Hillary Clinton", False, None),     # listed under both genders
    ("Kim Hong-kyun", False, None),       # family name first
    ("Lin Jian", False, None),
    ("Dmitry Peskov", False, None),       # not in the corpus
    ("Rutte", False, None),               # a surname says nothing
    ("Kevin", True, "male"),              # a given name used alone
    ("J. Smith", False, None),            # an initial
])
def test_given_name_gender(name, alone, expected):
    assert given_name_gender(name, alone=alone)[0] == expected


@pytest.mark.parametrize("noun, expected", [
    ("spokeswoman", "female"), ("chairman", "male"), ("congresswoman", "female"), ("widow", "female"),
    ("businessmen", "male"), ("senator", None), ("ombudsman", None), ("spokesperson", None),
])
def test_noun_gender(noun, expected):
    assert noun_gender(noun) == expected


def test_person_gender_honorific_before_name():
    assert person_gender("Warren", honorifics=["Mrs."]) == "female"
    assert person_gender("Warren", titles=["sen."]) is None  # "Sen. Warren": Warren is her surname


def test_family_name_first_needs_two_words():
    assert family_name_first("Park Geun-hye") and not family_name_first("Park")


# --------------------------------------------------------------------------- profiles on text


@pytest.mark.parametrize("text, actor, gender, evidence_has", [
    ("Mrs. Jane Holloway, a resident of Charlotte, said she was afraid.", "Jane Holloway", "female", "honorific"),
    ("Alex Morgan said the plan failed. She said it would be scrapped.", "Alex Morgan", "female", "pronoun 'she'"),
    ("Jordan Smith, a spokeswoman for the company, said sales fell.", "Jordan Smith", "female", "spokeswoman"),
    ("Mark Lee said the vote was fair.", "Mark Lee", "male", "given name Mark"),
    ("Lin Jian told reporters the talks were useful.", "Lin Jian", "unknown", "family name"),
    ("Jordan Reed said the vote was fair.", "Jordan Reed", "unknown", "both genders"),
])
def test_gender_with_evidence(text, actor, gender, evidence_has):
    p = _profiles(text)[actor]
    assert p["gender"] == gender
    assert evidence_has in p["gender_evidence"]


@pytest.mark.parametrize("text, actor, role, evidence_has", [
    ("Sen. Ted Cruz said the bill would fail.", "Ted Cruz", "politician", "sen."),
    ("Mary Smith, a professor at Harvard University, said the data were weak.", "Mary Smith", "expert",
     "professor"),
    ("John Carter, an analyst at Goldman Sachs, said rates would rise.", "John Carter", "expert", "analyst"),
    ("Jane Roe, a lawyer for the family, said they would appeal.", "Jane Roe", "legal", "lawyer"),
    ("NATO chief Mark Rutte said the alliance was ready.", "Mark Rutte", "government", "NATO"),
    ("Ukraine's President Volodymyr Zelenskiy said Kyiv would respond.", "Volodymyr Zelenskiy", "politician",
     "president"),
    ("Maria Lopez, 45, said she wanted justice.", "Maria Lopez", "citizen", "age"),
    ("Russia's foreign ministry said the claims were false.", "Russian foreign ministry", "government", "ministry"),
    ("Reuters reported that talks had stalled.", "Reuters", "media", "actor table"),
])
def test_role_with_evidence(text, actor, role, evidence_has):
    p = _profiles(text)[actor]
    assert p["role"] == role, p
    assert evidence_has in p["role_evidence"]


def test_a_person_with_a_campaign_is_a_politician():
    p = _profiles("Donald Trump spoke in Ohio. The Trump campaign said the rally was full. "
                  "Trump said the polls were wrong.")["Donald Trump"]
    assert p["role"] == "politician" and "campaign" in p["role_evidence"]


@pytest.mark.parametrize("words, role, gender, named", [
    ("Officials", "government", None, False),
    ("A spokeswoman for the ministry", "government", "female", False),
    ("A person familiar with the matter", "other", "unknown", False),
    ("The report", "document", None, False),
    ("Federal prosecutors", "legal", None, False),
])
def test_unnamed_sources(words, role, gender, named):
    labels = unnamed_labels(words)
    assert (labels.role, labels.gender, labels.named, labels.description) == (role, gender, named, words)


@pytest.mark.parametrize("words, gender, named", [("Mr. King", "male", True), ("Patriot", None, True),
                                                 ("Authorities", None, False)])
def test_an_unresolved_name_is_still_named(words, gender, named):
    labels = label_source(actor=None, speaker_text=words, profiles={})
    assert (labels.gender, labels.named) == (gender, named)


def test_a_pronoun_nobody_resolves_keeps_its_gender_only():
    labels = label_source(actor=None, speaker_text="she", profiles={})
    assert (labels.gender, labels.role, labels.named) == ("female", None, None)


def test_quotes_carry_the_labels():
    rec = _record('"We will not back down," said Sen. Elizabeth Warren. Officials said the plan had failed. '
                  'The report said growth was slow.')
    by_speaker = {q["speaker"]["text"]: q for q in rec["quotes"] if q["speaker"]}
    warren = by_speaker["Sen. Elizabeth Warren"]
    assert (warren["gender"], warren["role"], warren["named"], warren["description"]) == \
        ("female", "politician", True, None)
    assert warren["gender_evidence"] and warren["role_evidence"]
    officials = by_speaker["Officials"]
    assert (officials["role"], officials["named"], officials["description"]) == ("government", False, "Officials")
    assert by_speaker["The report"]["role"] == "document"


def test_mentions_carry_gender_and_role():
    rec = _record("Sen. Elizabeth Warren said she would vote no.")
    warren = [m for m in rec["actors"] if m["actor"] == "Elizabeth Warren"]
    assert warren and all((m["gender"], m["role"]) == ("female", "politician") for m in warren)


# --------------------------------------------------------------------------- the seed (issue 10's table)


@pytest.fixture(scope="module")
def seed_profiles(seed_annotation) -> dict[str, dict]:
    return {p["actor"]: p for p in seed_annotation.to_dict()["profiles"]}


@pytest.mark.parametrize("actor, role", [
    ("Dmitry Peskov", "government"), ("Kim Hong-kyun", "government"), ("Georgy Zinoviev", "government"),
    ("Lin Jian", "government"), ("Mark Rutte", "government"), ("Volodymyr Zelenskiy", "politician"),
    ("Yoon Suk Yeol", "politician"), ("South Korean foreign ministry", "government"),
    ("South Korean defense ministry", "government"), ("Russian embassy", "government"),
    ("South Korean spy agency", "government"),
])
def test_seed_roles(seed_profiles, actor, role):
    assert seed_profiles[actor]["role"] == role


@pytest.mark.parametrize("actor, gender", [
    ("Yoon Suk Yeol", "male"),        # the article's "he"
    ("Mark Rutte", "male"),           # a first name listed only as male
    ("Georgy Zinoviev", "male"),
    ("Kim Hong-kyun", "unknown"),     # family name first, no pronoun
    ("Lin Jian", "unknown"),
    ("Volodymyr Zelenskiy", "unknown"),
])
def test_seed_genders(seed_profiles, actor, gender):
    assert seed_profiles[actor]["gender"] == gender


def test_seed_yoon_is_male_by_the_pronoun(seed_profiles):
    assert "pronoun 'he'" in seed_profiles["Yoon Suk Yeol"]["gender_evidence"]
