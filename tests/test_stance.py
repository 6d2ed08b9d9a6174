"""Stance relations: cue patterns, statements and quotes, portrayal, topics, the seed story, the contract.

Every sentence here is written for these tests (none comes from an evaluation corpus).
Holders and targets are compared by the party they speak for (a person's or body's affiliation,
else the actor itself), as researchers read stances between countries.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from toolkit.actors.mentions import find_mentions
from toolkit.stance.stances import Stance, Topic, find_stances, polarity_of, propose_topics, topic_stances
from toolkit.text.tagging import process

DEPLOYMENT = Topic("troop deployment", ("troops", "soldiers", "dispatch", "deployment"))
CONFLICT = Topic("the conflict", ("war", "conflict", "situation", "fighting"))


def party(m) -> str | None:
    return None if m is None else (m.affiliation or m.actor)


def stances(text: str, **kwargs) -> list[Stance]:
    doc = process(text)
    return find_stances(doc, find_mentions(doc), **kwargs)


def relation(found: list[Stance], holder: str | None, target: str) -> list[Stance]:
    return [s for s in found if party(s.source) == holder and (party(s.target) == target or s.topic == target)]


# --------------------------------------------------------------------------- cue patterns

CUES = [
    # (sentence, holder, target, polarity, cue word)
    ("France condemned Iran on Tuesday.", "France", "Iran", "negative", "condemned"),
    ("Germany accused Russia of meddling in the vote.", "Germany", "Russia", "negative", "accused"),
    ("Pakistan blamed India for the attack on its border post.", "Pakistan", "India", "negative", "blamed"),
    ("Canada criticised China over the detentions.", "Canada", "China", "negative", "criticised"),
    ("Japan warned North Korea against further missile launches.", "Japan", "North Korea", "negative", "warned"),
    ("Vietnam protested to China over the seizure of a fishing boat.", "Vietnam", "China", "negative", "protested"),
    ("Poland summoned the Belarusian ambassador on Friday.", "Poland", "Belarus", "negative", "summoned"),
    ("Kenya praised Ethiopia for its mediation.", "Kenya", "Ethiopia", "positive", "praised"),
    ("Brazil backed Argentina in the trade talks.", "Brazil", "Argentina", "positive", "backed"),
    ("Egypt welcomed Qatar's offer to mediate.", "Egypt", "Qatar", "positive", "welcomed"),
    ("Ukraine thanked Poland for its support.", "Ukraine", "Poland", "positive", "thanked"),
    ("Italy endorsed Spain's candidate for the post.", "Italy", "Spain", "positive", "endorsed"),
    ("Israel was criticised by Turkey for the raid.", "Turkey", "Israel", "negative", "criticised"),
    ("The United States urged Israel to show restraint.", "United States", "Israel", "negative", "urged"),
    ("Russia denied Ukraine's claims about the strike.", "Russia", "Ukraine", "negative", "denied"),
    ("Mexico lashed out at the United States over the wall.", "Mexico", "United States", "negative", "lashed out"),
    ("Norway is critical of Denmark.", "Norway", "Denmark", "negative", "critical of"),
    ("Sweden's criticism of Hungary angered officials.", "Sweden", "Hungary", "negative", "criticism"),
    ("Chile drew praise from Peru for its rescue effort.", "Peru", "Chile", "positive", "praise"),
    ("Greece condemned what it called Turkey's provocations.", "Greece", "Turkey", "negative", "condemned"),
    ("Finland condemned the attack and urged Russia to withdraw.", "Finland", "Russia", "negative", "urged"),
    ("Pakistan's foreign minister Ahmed Khan condemned India.", "Pakistan", "India", "negative", "condemned"),
]


@pytest.mark.parametrize("text, holder, target, polarity, cue", CUES, ids=[c[4] for c in CUES])
def test_cue_patterns(text, holder, target, polarity, cue):
    found = relation(stances(text), holder, target)
    assert found, f"no stance {holder} -> {target} in {text!r}"
    best = max(found, key=lambda s: abs(s.score))
    assert best.polarity == polarity
    assert best.cue is not None and best.cue[2] == cue
    assert text[best.cue[0]:best.cue[1]] == cue
    assert best.sentence == 0


def test_no_stance_the_wrong_way_round():
    found = stances("Israel was criticised by Turkey for the raid.")
    assert not [s for s in relation(found, "Israel", "Turkey") if s.polarity != "neutral"]


@pytest.mark.parametrize("text", ["India and Japan pledged to boost ties.",
                                  "India and Japan signed a treaty on Monday."])
def test_mutual_ties_hold_both_ways(text):
    found = stances(text)
    for holder, target in (("India", "Japan"), ("Japan", "India")):
        assert any(s.polarity == "positive" for s in relation(found, holder, target)), (holder, target)


def test_cooperation_between_two_actors():
    found = stances("Officials said cooperation between Moscow and Pyongyang would grow.")
    assert any(s.polarity == "positive" for s in relation(found, "Russia", "North Korea"))


NEUTRALISED = [
    ("Saudi Arabia did not condemn Iran.", "Saudi Arabia", "Iran"),
    ("Turkey declined to criticise Sweden.", "Turkey", "Sweden"),
    ("Austria has never criticised Serbia.", "Austria", "Serbia"),
    ("Nobody knows whether Portugal would support Morocco.", "Portugal", "Morocco"),
]


@pytest.mark.parametrize("text, holder, target", NEUTRALISED, ids=["did not", "declined to", "never", "whether"])
def test_negation_and_undone_acts_make_a_cue_neutral(text, holder, target):
    found = relation(stances(text), holder, target)
    assert found and all(s.polarity == "neutral" for s in found)
    assert all(abs(s.score) < 0.2 for s in found)


def test_could_not_confirm_asserts_nothing():
    found = stances("Britain said it could not confirm reports that Iran attacked the ship.")
    assert not [s for s in relation(found, "United Kingdom", "Iran") if s.polarity != "neutral"]
    assert not [s for s in found if s.source is not None and s.polarity != "neutral"]


def test_hedge_halves_a_cue():
    plain = max(relation(stances("Chad criticised Sudan."), "Chad", "Sudan"), key=lambda s: abs(s.score))
    hedged = max(relation(stances("Chad may criticise Sudan."), "Chad", "Sudan"), key=lambda s: abs(s.score))
    assert abs(hedged.score) == pytest.approx(abs(plain.score) / 2)


# --------------------------------------------------------------------------- statements and quotes


def test_reported_statement_is_the_speakers_stance():
    found = stances("Germany said the reckless behaviour of Iran was a dangerous threat.")
    (s,) = relation(found, "Germany", "Iran")
    assert s.polarity == "negative" and s.via == "statement"


@dataclass
class FakeQuote:
    """The attributes the quotes module gives a quote (its own class is built elsewhere)."""

    kind: str
    content: list[tuple[int, int]]
    speaker: tuple[int, int, str] | None
    actor: str | None
    affiliation: str | None
    sentence: int


def _quote(text: str, content: str, speaker: str, actor: str, affiliation: str | None, sentence: int) -> FakeQuote:
    a = text.index(content)
    s = text.index(speaker, a + len(content))
    return FakeQuote("direct", [(a, a + len(content))], (s, s + len(speaker), speaker), actor, affiliation, sentence)


def test_quote_content_toward_a_target_is_the_speakers():
    text = 'Benjamin Netanyahu spoke on Monday. "Iran is a reckless and dangerous regime," he said.'
    quote = _quote(text, "Iran is a reckless and dangerous regime,", "he", "Benjamin Netanyahu", "Israel", 1)
    found = stances(text, quotes=[quote])
    held = [s for s in found if s.source is not None and s.target is not None and s.target.actor == "Iran"]
    assert held and held[0].source.actor == "Benjamin Netanyahu" and held[0].source.affiliation == "Israel"
    assert held[0].polarity == "negative" and held[0].via == "quote"
    assert held[0].cue[2] in ("reckless", "dangerous")


def test_first_person_cue_inside_a_quote_is_the_speakers():
    text = 'Anna Berg is Sweden\'s foreign minister. "We condemn Belarus," Berg told reporters.'
    quote = _quote(text, "We condemn Belarus,", "Berg", "Anna Berg", "Sweden", 1)
    found = stances(text, quotes=[quote])
    (s,) = [s for s in found if s.target is not None and s.target.actor == "Belarus" and s.source is not None]
    assert s.source.actor == "Anna Berg" and s.polarity == "negative" and s.cue[2] == "condemn"


def test_quote_positive_content():
    text = 'Leaders met in Rome. "Ireland has been a wonderful and generous partner," said Maria Costa.'
    quote = _quote(text, "Ireland has been a wonderful and generous partner,", "Maria Costa", "Maria Costa",
                   "Italy", 1)
    found = stances(text, quotes=[quote])
    assert any(s.source is not None and s.source.actor == "Maria Costa" and s.polarity == "positive"
               for s in found if s.target is not None and s.target.actor == "Ireland")


# --------------------------------------------------------------------------- portrayal and topics


def test_article_portrayal_has_no_holder():
    found = stances("The disastrous policies of Venezuela have ruined the economy.")
    (s,) = [s for s in found if party(s.target) == "Venezuela"]
    assert s.source is None and s.polarity == "negative" and s.via == "portrayal"
    assert s.cue[2] in ("disastrous", "ruined")


def test_statement_toward_a_topic():
    found = stances("Germany said the deployment of troops was a dangerous mistake.", topics=[DEPLOYMENT])
    (s,) = relation(found, "Germany", "troop deployment")
    assert s.topic == "troop deployment" and s.target is None and s.polarity == "negative"
    (agg,) = topic_stances(found)
    assert (agg.actor, agg.topic, agg.stance, agg.n, agg.sentences) == ("Germany", "troop deployment", "against",
                                                                        1, (0,))


def test_topic_stances_aggregate_per_party():
    text = ("France welcomed the deployment of peacekeeping troops. "
            "French President Paul Martin said the deployment was a great success.")
    found = stances(text, topics=[DEPLOYMENT])
    (agg,) = topic_stances(found)
    assert agg.actor == "France" and agg.stance == "favour" and agg.n >= 2 and agg.sentences == (0, 1)
    by_actor = topic_stances(found, by="actor")
    assert {t.actor for t in by_actor} >= {"France", "Paul Martin"}


def test_propose_topics_finds_event_phrases(seed_doc):
    topics = propose_topics([seed_doc], n=5)
    assert len(topics) == 5
    assert all(isinstance(t, Topic) and t.terms for t in topics)
    # the seed's troop dispatch is among them, with its terms shown
    assert any({"dispatch", "deployment"} & set(t.terms) for t in topics)
    # no phrase with a modifier: the most frequent event noun
    assert propose_topics([{"text": "The war went on. The war ended."}], n=1)[0].name == "war"


def test_propose_topics_prefers_distinctive_phrases():
    texts = ["The nuclear test alarmed Seoul. Good things happened. The nuclear test was the sixth.",
             "After the nuclear test, good things were said. Another nuclear test may follow.",
             "Good things came. The nuclear test drew sanctions."]
    topics = propose_topics([{"text": t} for t in texts], n=2)
    assert topics[0].name == "nuclear test" and set(topics[0].terms) == {"nuclear", "test"}
    assert "good thing" not in {t.name for t in topics} and "good things" not in {t.name for t in topics}


def test_polarity_threshold():
    assert polarity_of(0.5) == "positive" and polarity_of(-0.5) == "negative" and polarity_of(0.1) == "neutral"


# --------------------------------------------------------------------------- the seed story


@pytest.fixture(scope="module")
def seed_stances(seed_doc):
    return find_stances(seed_doc, find_mentions(seed_doc), topics=[DEPLOYMENT, CONFLICT])


def _evidence(doc, found: list[Stance], cue_words: tuple[str, ...]) -> list[Stance]:
    return [s for s in found if s.cue is not None and any(w in s.cue[2].lower() for w in cue_words)]


def test_seed_south_korea_against_north_korea(seed_doc, seed_stances):
    found = [s for s in relation(seed_stances, "South Korea", "North Korea") if s.polarity == "negative"]
    hits = _evidence(seed_doc, found, ("condemn", "urge"))
    assert {s.cue[2].lower()[:5] for s in hits} >= {"conde", "urged"}
    for s in hits:
        sentence = seed_doc.sentence_text(s.sentence)
        assert seed_doc.text[s.cue[0]:s.cue[1]] in sentence


def test_seed_south_korea_summons_russian_envoy(seed_doc, seed_stances):
    found = [s for s in relation(seed_stances, "South Korea", "Russia") if s.polarity == "negative"]
    hits = _evidence(seed_doc, found, ("summon", "called in"))
    assert hits
    assert any("summoned the Russian ambassador" in seed_doc.sentence_text(s.sentence) for s in hits)


def test_seed_ukraine_accuses_pyongyang(seed_doc, seed_stances):
    (s,) = [s for s in relation(seed_stances, "Ukraine", "North Korea") if s.polarity == "negative"]
    assert s.cue[2] == "accused" and s.source.actor == "Volodymyr Zelenskiy" and s.target.text == "Pyongyang"
    assert "Zelenskiy has accused Pyongyang" in seed_doc.sentence_text(s.sentence)


def test_seed_topics(seed_doc, seed_stances):
    table = {(t.actor, t.topic): t for t in topic_stances(seed_stances)}
    for actor in ("NATO", "United States", "South Korea"):
        assert table[(actor, "troop deployment")].stance == "against", actor
    assert "dangerous development" in seed_doc.sentence_text(table[("United States", "troop deployment")].sentences[0])
    assert "escalate" in seed_doc.sentence_text(table[("NATO", "troop deployment")].sentences[0])
    china = table[("China", "the conflict")]
    assert china.stance == "neutral" and "de-escalate" in seed_doc.sentence_text(china.sentences[0])


def test_seed_russia_defends_cooperation(seed_doc, seed_stances):
    positive = [s for s in relation(seed_stances, "Russia", "North Korea") if s.polarity == "positive"]
    assert any("cooperation" in s.cue[2] for s in positive)
    assert any("Peskov" in seed_doc.sentence_text(s.sentence) for s in positive)
    assert any("Zinoviev" in seed_doc.sentence_text(s.sentence) for s in positive)
    toward_seoul = relation(seed_stances, "Russia", "South Korea")
    denial = [s for s in toward_seoul if "not directed against" in seed_doc.sentence_text(s.sentence)]
    assert denial and all(s.polarity != "negative" for s in denial)


def test_seed_russia_and_north_korea_pledge_ties(seed_doc, seed_stances):
    last = len(seed_doc.sentences) - 2  # before the credit line
    for a, b in (("Russia", "North Korea"), ("North Korea", "Russia")):
        assert any(s.sentence == last and s.polarity == "positive" for s in relation(seed_stances, a, b))


def test_seed_credit_line_skipped(seed_doc):
    from toolkit.actors.mentions import boilerplate_sentences

    skip = boilerplate_sentences(seed_doc)
    found = find_stances(seed_doc, find_mentions(seed_doc), skip_sentences=skip)
    assert skip and not [s for s in found if s.sentence in skip]


# --------------------------------------------------------------------------- the contract


def test_to_dict_contract(seed_doc, seed_stances):
    text = seed_doc.text
    assert seed_stances
    for s in seed_stances:
        d = s.to_dict()
        assert set(d) == {"source", "target", "topic", "polarity", "score", "cue", "sentence", "rule", "confidence"}
        assert d["polarity"] in ("positive", "negative", "neutral") and -1.0 <= d["score"] <= 1.0
        assert d["rule"].split(":")[0] in ("cue", "quote", "statement", "predicate", "portrayal")
        assert 0.0 <= d["confidence"] <= 1.0
        assert (d["target"] is None) != (d["topic"] is None)
        for key in ("source", "target"):
            if d[key] is not None:
                assert set(d[key]) == {"start", "end", "text", "actor", "affiliation"}
                assert text[d[key]["start"]:d[key]["end"]] == d[key]["text"]
        assert d["cue"] is not None and text[d["cue"]["start"]:d["cue"]["end"]] == d["cue"]["text"]
        sent = seed_doc.sentences[d["sentence"]]
        assert sent.start <= d["cue"]["start"] < sent.end


def test_annotate_adds_stances(seed_annotation):
    record = seed_annotation.to_dict()
    assert record["stances"] and all(set(s) == {"source", "target", "topic", "polarity", "score", "cue",
                                                "sentence", "rule", "confidence"} for s in record["stances"])


def test_given_mentions_carry_stances():
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    text = "Zorblax condemned Quintor yesterday."
    record = annotate_document(document_from_record(
        {"id": "g", "text": text, "mentions": [{"start": 0, "end": 7}, {"start": 18, "end": 25}]})).to_dict()
    (s,) = [s for s in record["stances"] if s["source"] is not None]
    assert (s["source"]["text"], s["target"]["text"], s["polarity"]) == ("Zorblax", "Quintor", "negative")


@pytest.mark.parametrize(("text", "holder", "target"), [
    # Purpose clause: the one who summons protests; object control: the one urged acts.
    ("Japan summoned the Chinese ambassador to protest the incursion.", "Japan", "China"),
    ("Japan urged China to stop the incursion.", "Japan", "China"),
])
def test_infinitive_holder(text, holder, target):
    found = stances(text)
    assert any(party(s.source) == holder and party(s.target) == target and s.polarity == "negative" for s in found)
    assert not any(party(s.source) == target and s.polarity == "negative" and s.topic is None
                   and party(s.target) == holder for s in found)


def test_declined_statement_takes_no_stance_toward_a_topic(seed_doc):
    from toolkit.quotes.extract import find_quotes

    mentions = find_mentions(seed_doc)
    found = find_stances(seed_doc, mentions, find_quotes(seed_doc, mentions), topics=[DEPLOYMENT])
    kremlin = [s for s in found if s.topic and s.source is not None and "Kremlin declined" in
               seed_doc.sentence_text(s.sentence)]
    assert kremlin == []


@pytest.mark.parametrize("text, expected", [
    # a name used as a modifier is not the target: the agreement, the supporters, the think tank are
    ("France criticised the Paris agreement on Monday.", []),
    ("Russia condemned Trump supporters.", []),
    # a country as a modifier owns what it modifies
    ("Seoul urged the withdrawal of North Korean soldiers.", [("South Korea", "North Korea", "negative")]),
    # the head actor of the object, not the company in front of the title
    ("Elizabeth Warren grilled Wells Fargo CEO John Stumpf on Tuesday.",
     [("Elizabeth Warren", "John Stumpf", "negative")]),
    # backing one over another is a stance against the other
    ("Norman Ham backs Donald Trump over Hillary Clinton.",
     [("Norman Ham", "Donald Trump", "positive"), ("Norman Ham", "Hillary Clinton", "negative")]),
    # a fronted time phrase is not the holder
    ("Hours before boarding a flight, Bobby Scott campaigned for Hillary Clinton.",
     [("Bobby Scott", "Hillary Clinton", "positive")]),
])
def test_stance_arguments(text, expected):
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    found = [(s["source"]["actor"], s["target"]["actor"], s["polarity"]) for s in record["stances"]
             if s["source"] and s["target"] and s["polarity"] != "neutral"]
    assert found == expected


def test_copula_judgement_in_a_quote():
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    text = "Tom Clarke runs the mine. \"Clarke is a real visionary,\" said Robert McAtee, a coal veteran."
    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    found = [(s["source"]["actor"], s["target"]["actor"], s["polarity"], s["rule"]) for s in record["stances"]
             if s["source"] and s["target"]]
    assert ("Robert McAtee", "Tom Clarke", "positive", "quote:copula") in found


@pytest.mark.parametrize("text", [
    "A Microsoft spokeswoman, Jane Roe, said Microsoft declined to comment on the deal.",   # a refusal
    "Hillary Clinton holds a big advantage over Donald Trump, according to a CBS News poll.",  # a finding
])
def test_no_stance_from_refusals_and_polls(text):
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    assert not [s for s in record["stances"] if s["source"] and s["target"] and s["polarity"] != "neutral"]


@pytest.mark.parametrize("text, expected", [
    # refusing a supportive act is opposition; declining a hostile one is not support
    ("Ted Cruz pointedly refused to endorse Donald Trump.", ("Ted Cruz", "Donald Trump", "negative")),
    ("Ted Cruz declined to condemn Donald Trump.", ("Ted Cruz", "Donald Trump", "neutral")),
    # an object relative: the target is its antecedent
    ("Jeff Bezos, whom Donald Trump has repeatedly attacked, did not comment.",
     ("Donald Trump", "Jeff Bezos", "negative")),
])
def test_refusals_and_relative_objects(text, expected):
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    found = [(s["source"]["actor"], s["target"]["actor"], s["polarity"]) for s in record["stances"]
             if s["source"] and s["target"]]
    assert expected in found


def test_title_case_headline_verb():
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    text = "Obama Praises Clinton At Rally\n\nBarack Obama spoke on Monday with Hillary Clinton."
    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    found = [(s["source"]["actor"], s["target"]["actor"], s["polarity"]) for s in record["stances"]
             if s["source"] and s["target"] and s["sentence"] == 0]
    assert found == [("Barack Obama", "Hillary Clinton", "positive")]


def test_a_judgement_ends_with_its_sentence():
    """"He would be a great senator. Not good, great.": the complement is the first sentence's."""
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    text = ("Bobby Scott wants the seat. \"He would be a great senator. Not good, great,\" "
            "Rep. Elijah Cummings said.")
    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    found = [(s["source"]["actor"], s["target"]["actor"], s["polarity"], s["rule"]) for s in record["stances"]
             if s["source"] and s["target"]]
    assert ("Elijah Cummings", "Bobby Scott", "positive", "quote:copula") in found



# --------------------------------------------------------------------------- opinion authors, addressees, windows


def _held(text: str) -> list[tuple[str, str, str, str]]:
    from toolkit.annotate import annotate_document
    from toolkit.corpus import document_from_record

    record = annotate_document(document_from_record({"id": "t", "text": text})).to_dict()
    return [(s["source"]["actor"], s["target"]["actor"], s["polarity"], s["rule"]) for s in record["stances"]
            if s["source"] and s["target"] and s["polarity"] != "neutral"]


OPED = ("Weak on defence.\n\n"
        "Senator Tom Baker foolishly cut the budget of our army and ignored every warning.\n\n"
        "\"Baker is a fine leader,\" said Mary Jones, his campaign chair.\n\n"
        "Ann Smith is a professor of history at Ohio State University.")


def test_opinion_author_holds_what_the_narrative_says():
    found = _held(OPED)
    assert ("Ann Smith", "Tom Baker", "negative", "portrayal:author") in found
    # a quotation stays its speaker's; the author holds nothing in it
    assert not [f for f in found if f[0] == "Ann Smith" and f[1] != "Tom Baker"]
    assert ("Mary Jones", "Tom Baker", "positive", "quote:copula") in found


def test_a_news_report_has_no_author_holder():
    report = OPED.replace("Ann Smith is a professor of history at Ohio State University.",
                          "Ann Smith, a professor of history at Ohio State University, said the cuts were real.")
    assert not [f for f in _held(report) if f[3] == "portrayal:author"]


def test_a_quote_addressed_to_someone_judges_them():
    text = ("Senator Mary Warren questioned bank chief John Stumpf on Tuesday.\n\n"
            "\"You squeezed employees to the breaking point and you should resign,\" Warren told Stumpf.")
    assert ("Mary Warren", "John Stumpf", "negative", "quote:address") in _held(text)


@pytest.mark.parametrize("text", [
    "Crooked Hillary Clinton spoke in Ohio, Donald Trump said.",   # a word beside a name is no argument of it
    "Tim Kaine praised the plan, which critics of Donald Trump call a disaster.",  # Trump is not what is judged
])
def test_words_near_an_actor_are_no_stance_in_running_text(text):
    assert not [f for f in _held(text) if f[3].endswith(":window")]


@pytest.mark.parametrize("text, expected", [
    # a demand on someone: "should/must" + an act demanded of them, or "demanded that X ..."
    ("Senator Ann Lee said Mayor Tom Hill should resign.", ("Ann Lee", "Tom Hill", "negative", "demand")),
    ("Senator Ann Lee demanded that Mayor Tom Hill resign.", ("Ann Lee", "Tom Hill", "negative", "cue:verb")),
    # polarity composes through the argument: supporting a strike on X is hostile to X
    ("Ann Lee supported a strike on North Korea.", ("Ann Lee", "North Korea", "negative", "cue:noun")),
    # how an act felt, not the act: "demoralizing to work for X"
    ("\"It was demoralizing to work for Tom Hill,\" Ann Lee said.", ("Ann Lee", "Tom Hill", "negative", "cue:verb")),
])
def test_composed_stances(text, expected):
    found = _held("News of the day.\n\n" + text + " It was a long day in the city.")
    assert any(f[:3] == expected[:3] and f[3].endswith(expected[3]) for f in found), found


@pytest.mark.parametrize("text", [
    "Ann Lee attacked the accusers of Tom Hill.",   # toward the accusers, not toward Tom Hill
    "Ann Lee praised Tom Hill's critics.",
    "\"Even if Tom Hill proves a failure, the plan will go on,\" Ann Lee said.",  # a hypothetical
])
def test_no_stance_toward_whom_the_argument_only_names(text):
    found = _held("News of the day.\n\n" + text + " It was a long day in the city.")
    assert not [f for f in found if f[1] == "Tom Hill"], found


def test_opinion_author_reads_the_grammar():
    text = ("Weak on defence.\n\n"
            "Senator Tom Baker foolishly cut the budget of our army. "
            "We face the danger that Tom Baker has created. "
            "Governor Ann Price will fight crime in every city.\n\n"
            "Don't blame Governor Ann Price.\n\n"
            "Mary Jones is a professor of history at Ohio State University.")
    found = {(f[0], f[1], f[2]) for f in _held(text)}
    assert ("Mary Jones", "Tom Baker", "negative") in found
    assert ("Mary Jones", "Ann Price", "positive") in found
    assert ("Mary Jones", "Ann Price", "negative") not in found
