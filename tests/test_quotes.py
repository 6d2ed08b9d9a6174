"""Attribution extraction: one row per pattern, on news sentences of our own, then the seed story."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.actors.mentions import find_mentions
from toolkit.quotes.extract import Quote, find_quotes, quotation_spans
from toolkit.resources import DATA_DIR
from toolkit.text.lexicon import FRAMINGS
from toolkit.text.tagging import process


def quotes_of(text: str, **kwargs) -> list[Quote]:
    doc = process(text)
    return find_quotes(doc, find_mentions(doc), **kwargs)


def row(text: str, q: Quote) -> tuple:
    return (q.kind, [text[s:e] for s, e in q.content], q.cue.text if q.cue else None,
            q.speaker.text if q.speaker else None, q.actor)


def find(text: str, cue: str) -> tuple:
    """The attribution whose cue text is ``cue`` (exactly one expected)."""
    found = [q for q in quotes_of(text) if q.cue and q.cue.text == cue]
    assert len(found) == 1, [row(text, q) for q in quotes_of(text)]
    return row(text, found[0])


PATTERNS = [
    # --- direct quotes
    ('"We will not back down," said Defence Minister Anna Kowalski.', "said",
     ("direct", ['"We will not back down,"'], "said", "Defence Minister Anna Kowalski", "Anna Kowalski")),
    ("“The talks were useful,” the spokeswoman said after the meeting.", "said",
     ("direct", ["“The talks were useful,”"], "said", "the spokeswoman", None)),
    ("‘We are ready for anything,’ Tom Brennan told reporters in Dublin.", "told",
     ("direct", ["‘We are ready for anything,’"], "told", "Tom Brennan", "Tom Brennan")),
    ('Mayor Lucia Ferraro said: "The bridge will reopen in March."', "said",
     ("direct", ['"The bridge will reopen in March."'], "said", "Mayor Lucia Ferraro", "Lucia Ferraro")),
    ("Lucia Ferraro: “The bridge will reopen in March.”", ":",
     ("direct", ["“The bridge will reopen in March.”"], ":", "Lucia Ferraro", "Lucia Ferraro")),
    ("''We need more time,'' said Maria Lopez, a spokeswoman for the European Commission.", "said",
     ("direct", ["''We need more time,''"], "said", "Maria Lopez", "Maria Lopez")),
    ("“Nobody wins a trade war.” — Hannah Weiss", "—",
     ("direct", ["“Nobody wins a trade war.”"], "—", "Hannah Weiss", "Hannah Weiss")),
    # the sentence does not break after "Mr." although "Prince" is also a common word
    ("''It is risky to take sides,'' Mr. Prince said.", "said",
     ("direct", ["''It is risky to take sides,''"], "said", "Mr. Prince", None)),
    # a quote split around its cue is one attribution with two fragments
    ('"The border is closed," Kowalski said. "It will stay closed until the vote."', "said",
     ("direct", ['"The border is closed,"', '"It will stay closed until the vote."'], "said", "Kowalski",
      "Kowalski")),
    ('"The border," Kowalski said, "will stay closed until the vote."', "said",
     ("direct", ['"The border,"', '"will stay closed until the vote."'], "said", "Kowalski", "Kowalski")),
    # --- mixed: a reported clause holding quoted words
    ('Kowalski said the plan was "dead on arrival" and would be withdrawn.', "said",
     ("mixed", ['the plan was "dead on arrival" and would be withdrawn'], "said", "Kowalski", "Kowalski")),
    # --- indirect speech
    ("Finance Minister Raj Patel said on Tuesday that inflation had peaked.", "said",
     ("indirect", ["that inflation had peaked"], "said", "Finance Minister Raj Patel", "Raj Patel")),
    ("Inflation had peaked, Finance Minister Raj Patel said.", "said",
     ("indirect", ["Inflation had peaked"], "said", "Finance Minister Raj Patel", "Raj Patel")),
    ("Raj Patel told reporters the budget would be balanced by 2026.", "told",
     ("indirect", ["the budget would be balanced by 2026"], "told", "Raj Patel", "Raj Patel")),
    ("According to the central bank, inflation will ease next year.", "According to",
     ("indirect", ["inflation will ease next year"], "According to", "the central bank", None)),
    ("Unemployment rose to 5.2 percent in March, according to the statistics office.", "according to",
     ("indirect", ["Unemployment rose to 5.2 percent in March"], "according to", "the statistics office", None)),
    ("Prices will keep rising — Raj Patel", "—",
     None),  # a dash after a sentence that is not a quotation signs nothing
    ("The minister added that talks with the unions would resume in May.", "added",
     ("indirect", ["that talks with the unions would resume in May"], "added", "The minister", None)),
    ("The agency warned that food prices could rise further this winter.", "warned",
     ("indirect", ["that food prices could rise further this winter"], "warned", "The agency", None)),
    ("Lawmakers urged the government to publish the audit.", "urged",
     ("indirect", ["the government to publish the audit"], "urged", "Lawmakers", None)),
    ("The opposition accused the government of hiding the figures.", "accused",
     ("indirect", ["the government of hiding the figures"], "accused", "The opposition", None)),
    ("The company denied any wrongdoing.", "denied",
     ("indirect", ["any wrongdoing"], "denied", "The company", None)),
    ("Mayor Lucia Ferraro insisted the bridge was safe.", "insisted",
     ("indirect", ["the bridge was safe"], "insisted", "Mayor Lucia Ferraro", "Lucia Ferraro")),
    # "REPORTER quoted SOURCE as saying": the source speaks
    ("The state news agency quoted Raj Patel as saying the reforms would continue.", "quoted Raj Patel as saying",
     ("indirect", ["the reforms would continue"], "quoted Raj Patel as saying", "Raj Patel", "Raj Patel")),
    # --- beliefs, intentions and evidence used as attribution
    ("Governor Ann Liu believes the tax cut will pay for itself.", "believes",
     ("indirect", ["the tax cut will pay for itself"], "believes", "Governor Ann Liu", "Ann Liu")),
    ("The union wants a 10 percent raise for nurses.", "wants",
     ("indirect", ["a 10 percent raise for nurses"], "wants", "The union", None)),
    ("Negotiators hope to finish the text by Friday.", "hope",
     ("indirect", ["to finish the text by Friday"], "hope", "Negotiators", None)),
    ("The Financial Times reported that the merger had collapsed.", "reported",
     ("indirect", ["that the merger had collapsed"], "reported", "The Financial Times", "Financial Times")),
    ("A new survey shows that most voters oppose the plan.", "shows",
     ("indirect", ["that most voters oppose the plan"], "shows", "A new survey", None)),
    # raising: the subject and the infinitive are the content, no source
    ("The central bank is expected to raise rates next month.", "expected",
     ("indirect", ["The central bank", "to raise rates next month"], "expected", None, None)),
    # --- speakers: unresolvable ones keep their span
    ("A source close to the talks said a deal was near.", "said",
     ("indirect", ["a deal was near"], "said", "A source close to the talks", None)),
    ("Analysts say the currency is undervalued.", "say",
     ("indirect", ["the currency is undervalued"], "say", "Analysts", None)),
    # an aside between the speaker and the cue
    ("Anna Kowalski, the defence minister, said the exercise would go ahead.", "said",
     ("indirect", ["the exercise would go ahead"], "said", "Anna Kowalski", "Anna Kowalski")),
    ("Anna Kowalski, after a call with her French counterpart, said the exercise would go ahead.", "said",
     ("indirect", ["the exercise would go ahead"], "said", "Anna Kowalski", "Anna Kowalski")),
]


@pytest.mark.parametrize(("text", "cue", "expected"), PATTERNS)
def test_patterns(text, cue, expected):
    if expected is None:
        assert not [q for q in quotes_of(text) if q.cue and q.cue.text == cue]
        return
    assert find(text, cue) == expected


@pytest.mark.parametrize(("text", "speaker", "actor", "affiliation"), [
    # a pronoun resolves to the person it refers to
    ("Finance Minister Raj Patel arrived in Brussels on Monday. He said the talks had failed.",
     "He", "Raj Patel", None),
    # a description resolves to the body the article names, with its country
    ("Japan's foreign ministry summoned the envoy. The ministry said the flight was illegal.",
     "The ministry", "Japanese foreign ministry", "Japan"),
    # a person resolves to their affiliation
    ("German Chancellor Olaf Scholz said the pipeline would stay closed.",
     "German Chancellor Olaf Scholz", "Olaf Scholz", "Germany"),
    # "it" is the body, not the country that owns it
    ("South Africa's trade ministry protested over what it called unfair tariffs.",
     "it", "South African trade ministry", "South Africa"),
    # a fronted gerund adjunct speaks for the main clause's subject
    ("Maria Lopez left early. After saying her knee was \"too sore to walk on,\" she was taken to a clinic.",
     "she", "Maria Lopez", None),
    # "X and his aides": the one the article names
    ("Tom Baker arrived on Monday. Baker and his aides said the plan was ready.", "his aides", "Tom Baker", None),
    # the speaker's head comes before its prepositional phrase
    ("Member of Senate panel says jets are unsafe.\n\nSen. Ann Cole spoke on Monday.", "Member of Senate panel",
     "Ann Cole", None),
    # "X's lawyer" is not X: with no lawyer named, nobody
    ("Tom Baker was charged on Monday. Baker's lawyer said the charges were false.", "Baker's lawyer", None, None),
])
def test_speaker_resolution(text, speaker, actor, affiliation):
    doc = process(text)
    q = find_quotes(doc, find_mentions(doc))[-1]
    assert (q.speaker.text, q.actor, q.affiliation) == (speaker, actor, affiliation)


def test_quote_over_several_paragraphs_is_one_attribution():
    text = ('The senator said:\n\n'
            '"We were promised a new hospital.\n\n'
            '"We were promised a new school.\n\n'
            '"We got neither."\n\n'
            'The vote is on Friday.')
    quotes = quotes_of(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct" and q.speaker.text == "The senator"
    assert [text[s:e] for s, e in q.content] == [
        '"We were promised a new hospital.', '"We were promised a new school.', '"We got neither."']


def test_continuation_paragraph_takes_the_speaker_before():
    text = ('"We will respond," Mayor Lucia Ferraro said.\n\n'
            '"We will not let this stand."\n\n'
            'The council meets on Monday.')
    quotes = quotes_of(text)
    assert [(q.kind, q.cue.text, q.speaker.text, q.actor) for q in quotes] == [
        ("direct", "said", "Mayor Lucia Ferraro", "Lucia Ferraro"),
        ("direct", "said", "Mayor Lucia Ferraro", "Lucia Ferraro")]
    assert quotes[0].cue == quotes[1].cue  # one relation for scoring: the same cue
    assert text[slice(*quotes[1].content[0])] == '"We will not let this stand."'


def test_continuation_can_be_switched_off():
    text = '"We will respond," Ferraro said.\n\n"We will not let this stand."'
    assert len(quotes_of(text, continuation=False)) == 1


def test_nested_quote_stays_inside_the_outer_one():
    text = 'The driver said: "They told me \'never again,\' and I believed them."'
    (q,) = quotes_of(text)
    assert q.kind == "direct"
    assert [text[s:e] for s, e in q.content] == ['"They told me \'never again,\' and I believed them."']


def test_belief_inside_reported_speech_belongs_to_the_outer_speaker():
    text = "Patel said he thinks the deal is close."
    assert [(q.cue.text, q.speaker.text) for q in quotes_of(text)] == [("said", "Patel")]


def test_reported_speech_inside_a_parenthetical_attribution_is_kept():
    text = "Kowalski told Patel that the border would stay closed, the ministry said in a statement."
    found = {(q.cue.text, q.speaker.text) for q in quotes_of(text)}
    assert found == {("told", "Kowalski"), ("said", "the ministry")}


def test_skip_sentences_are_left_out():
    text = "Patel said the deal was close. (Reporting by Ann Liu; said to be final.)"
    doc = process(text)
    assert len(find_quotes(doc, find_mentions(doc), skip_sentences={1})) == 1


def test_scare_quotes_are_not_attributed():
    text = 'The so-called "peace dividend" never arrived, and the "reform" stalled.'
    assert quotes_of(text) == []


def test_to_dict_is_the_contract():
    text = '"We will win," Ferraro said.'
    d = quotes_of(text)[0].to_dict()
    assert list(d) == ["kind", "content", "cue", "cue_lemma", "framing", "speaker", "actor", "affiliation",
                       "sentence", "speaker_chain", "rule", "confidence", "gender", "role", "named", "description",
                       "gender_evidence", "role_evidence"]
    assert d["content"] == [{"start": 0, "end": 14}]
    assert d["cue"] == {"start": 23, "end": 27, "text": "said"}
    assert d["cue_lemma"] == "say" and d["framing"] == "neutral"
    assert d["speaker"] == {"start": 15, "end": 22, "text": "Ferraro"}
    assert d["sentence"] == 0


# --------------------------------------------------------------------------- framing

FRAMED = [
    # (sentence, cue text, cue lemma, framing)
    ("Finance Minister Raj Patel said on Tuesday that inflation had peaked.", "said", "say", "neutral"),
    ('"We will not back down," said Defence Minister Anna Kowalski.', "said", "say", "neutral"),
    ("‘We are ready for anything,’ Tom Brennan told reporters in Dublin.", "told", "tell", "neutral"),
    ("According to the health ministry, at least 40 people were killed in the floods.", "According to",
     "according to", "neutral"),
    ("Forty people were killed, according to the health ministry.", "according to", "according to", "neutral"),
    ("State media quoted Kim Jong Un as saying the talks had failed.", "quoted Kim Jong Un as saying",
     "quoted ... as saying", "neutral"),
    ("The senator claimed that the election had been rigged against him.", "claimed", "claim", "doubt"),
    ("Prosecutors alleged that the firm paid bribes to two officials.", "alleged", "allege", "doubt"),
    ("The company admitted that it had misled investors about its debts.", "admitted", "admit", "concession"),
    ('"Mistakes were made," the minister conceded.', "conceded", "concede", "concession"),
    ("Patel insisted the economy was stronger than the figures suggested.", "insisted", "insist", "assertive"),
    ("Senator Anna Kowalski warned that the deal would collapse within weeks.", "warned", "warn", "assertive"),
    ("The defence ministry vowed to retaliate against any further incursion.", "vowed", "vow", "assertive"),
    ("The ministry denied that troops had crossed the border.", "denied", "deny", "denial"),
    ("Mayor Lucia Ferraro dismissed the report as politically motivated.", "dismissed", "dismiss", "denial"),
    ("Kim urged Seoul to withdraw its troops from the border.", "urged", "urge", "directive"),
    ("Opposition leader Maria Lopez called for an independent inquiry into the deaths.", "called for", "call for",
     "directive"),
    ('"Why now?" Vitter demanded.', "demanded", "demand", "directive"),
    ("The mayor complained that the city had been ignored by the government.", "complained", "complain",
     "emotive"),
    ('"It is a disgrace," Kowalski fumed.', "fumed", "fume", "emotive"),
    ("Trump blasted the report as fake news.", "blasted", "blast", "emotive"),
    ("Analysts suggested the central bank might cut rates in June.", "suggested", "suggest", "tentative"),
    ("The bank is expected to raise interest rates next month.", "expected", "expect", "tentative"),
    ("A new study shows that sea levels are rising faster than predicted.", "shows", "show", "evidential"),
    ("The inquiry found that the agency had ignored repeated warnings.", "found", "find", "evidential"),
    ('"That is simply false," she pointed out.', "pointed out", "point out", "neutral"),
]


@pytest.mark.parametrize(("text", "cue", "lemma", "framing"), FRAMED)
def test_quote_framing_from_its_cue(text, cue, lemma, framing):
    found = [q for q in quotes_of(text) if q.cue and q.cue.text == cue]
    assert len(found) == 1, [row(text, q) for q in quotes_of(text)]
    q = found[0]
    assert (q.cue_lemma, q.framing) == (lemma, framing)
    assert q.to_dict()["framing"] == framing and q.to_dict()["cue_lemma"] == lemma


@pytest.mark.parametrize(("text", "cue", "lemma"), [
    ("Lucia Ferraro: “The bridge will reopen in March.”", ":", None),  # a headline colon: no verb to frame it
    ("“Nobody wins a trade war.” — Hannah Weiss", "—", None),  # a signing dash
    ('"Get out of here," the officer barked.', "barked", "bark"),  # a tagging verb the table does not list
])
def test_a_cue_no_table_lists_has_no_framing(text, cue, lemma):
    q, = [q for q in quotes_of(text) if q.cue and q.cue.text == cue]
    assert (q.cue_lemma, q.framing) == (lemma, None)


def test_a_continued_quote_keeps_its_cue_framing():
    text = '"We were wrong," Ferraro admitted.\n\n"We should have listened to the engineers."'
    quotes = quotes_of(text)
    assert len(quotes) == 2 and {(q.cue.text, q.framing) for q in quotes} == {("admitted", "concession")}


@pytest.mark.parametrize(("text", "expected"), [
    ('“A,” he said. ‘B c’ and "D"', ["“A,”", "‘B c’", '"D"']),
    ("''It is over,'' she said.", ["''It is over,''"]),
    ("The voters' choice and Trump's plan", []),  # apostrophes are not quotation marks
    ('He said "the \'big\' one" twice', ['"the \'big\' one"']),  # nested single quotes stay inside
    ('She said "the “real” plan" today', ['"the “real” plan"']),  # curly inside straight
])
def test_quotation_spans(text, expected):
    spans = quotation_spans(text, [(0, len(text))])
    assert [text[s.start:s.end] for s in spans] == expected


def test_cue_tables_say_where_they_come_from():
    for name in ("lexicon/reporting_verbs.tsv", "quotes/cue_phrases.tsv", "quotes/document_nouns.txt", "quotes/heading_labels.txt", "text/abbreviations.tsv"):
        lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        header = [line for line in lines if line.startswith("#")]
        assert header and any("Source" in line or "source" in line for line in header), name


# --------------------------------------------------------------------------- the seed story

SEED_EXPECTED = [
    # (cue, speaker, actor, affiliation, kind, words the content starts with)
    ("said", "spokesman Dmitry Peskov", "Dmitry Peskov", "Russia", "indirect", "Moscow's cooperation with Pyongyang"),
    ("declined", "The Kremlin", "Russia", None, "indirect", "to directly answer a query"),
    ("said", "the ministry", "South Korean foreign ministry", "South Korea", "indirect",
     "South Korea's first vice foreign minister Kim Hong-kyun called in"),
    ("urged", "South Korea's first vice foreign minister Kim Hong-kyun", "Kim Hong-kyun", "South Korea", "indirect",
     "the immediate withdrawal of North Korean soldiers"),
    ("dismissed", "The Kremlin", "Russia", None, "indirect", "South Korean assertions that North Korea"),
    ("said", "Kim", "Kim Hong-kyun", "South Korea", "indirect", "the participation of North Korean troops"),
    ("quoted Kim as saying", "Kim", "Kim Hong-kyun", "South Korea", "direct", '"We condemn North Korea\'s'),
    ("quoted Kim as saying", "Kim", "Kim Hong-kyun", "South Korea", "direct", '"We will respond jointly'),
    ("told", "Zinoviev", "Georgy Zinoviev", "Russia", "indirect", "that cooperation between Moscow and Pyongyang"),
    ("said", "the Russian embassy", "Russian embassy", "Russia", "indirect", "Zinoviev told Kim that"),
    ("said", "South Korea's spy agency", "South Korean spy agency", "South Korea", "indirect",
     "that North Korea had shipped 1,500"),
    ("accused", "Ukraine's President Volodymyr Zelenskiy", "Volodymyr Zelenskiy", "Ukraine", "indirect",
     "Pyongyang of preparing to send"),
    ("called for", "Ukraine's President Volodymyr Zelenskiy", "Volodymyr Zelenskiy", "Ukraine", "indirect",
     "strong reaction from countries"),
    ("said", "The United States", "United States", None, "indirect", "it could not confirm reports"),
    ("said", "The United States", "United States", None, "mixed", 'that if true, it would be a "dangerous'),
    ("said", "South Korea's defense ministry", "South Korean defense ministry", "South Korea", "indirect",
     "that Seoul had consulted Washington"),
    ("condemned", "South Korea's defense ministry", "South Korean defense ministry", "South Korea", "indirect",
     "what it called the North's illegal involvement"),
    ("urged", "South Korea's defense ministry", "South Korean defense ministry", "South Korea", "indirect",
     "an immediate halt"),
    ("said", "NATO chief Mark Rutte", "Mark Rutte", "NATO", "indirect", "that if North Korea were to send troops"),
    ("said", "Yoon's office", "Yoon Suk Yeol's office", "South Korea", "indirect", "he agreed with Rutte's suggestion"),
    ("said", "Lin Jian", "Lin Jian", "China", "indirect", "Beijing hoped that all parties"),
    # A coordinated subject: each country is a speaker of the same statement.
    ("denied", "Russia", "Russia", None, "indirect", "arms transfers"),
    ("denied", "North Korea", "North Korea", None, "indirect", "arms transfers"),
    ("pledged", "Russia", "Russia", None, "indirect", "to boost military ties"),
    ("pledged", "North Korea", "North Korea", None, "indirect", "to boost military ties"),
]


@pytest.fixture(scope="session")
def seed_quotes(seed_annotation):
    return seed_annotation.to_dict()["quotes"], seed_annotation.document.text


@pytest.mark.parametrize(("cue", "speaker", "actor", "affiliation", "kind", "start"), SEED_EXPECTED)
def test_seed_story(seed_quotes, cue, speaker, actor, affiliation, kind, start):
    quotes, text = seed_quotes
    hits = [q for q in quotes
            if q["cue"]["text"] == cue and text[q["content"][0]["start"]:].startswith(start)
            and q["speaker"]["text"] == speaker]
    assert len(hits) == 1, [(q["cue"]["text"], text[q["content"][0]["start"]:][:40]) for q in quotes]
    q = hits[0]
    assert (q["speaker"]["text"], q["actor"], q["affiliation"], q["kind"]) == (speaker, actor, affiliation, kind)


def test_seed_story_has_no_other_attributions(seed_quotes):
    quotes, _ = seed_quotes
    # "what it has called the sending of ..." is the one attribution beyond the table
    assert len(quotes) == len(SEED_EXPECTED) + 1


def test_seed_quote_spans_include_their_marks(seed_quotes):
    quotes, text = seed_quotes
    for q in quotes:
        if q["kind"] == "direct":
            for span in q["content"]:
                piece = text[span["start"]:span["end"]]
                assert piece[0] in "\"“" and piece[-1] in "\"”"


# --------------------------------------------------------------------------- robustness

_FRAGMENTS = ['"We will win,"', "“No,”", "‘Maybe’", "''Yes,''", '"', "“", "”", "'", "’s", "Kim",
              "the ministry", "he", "she", "said", "told reporters", "according to", "officials",
              "quoted Kim as saying", ":", ",", ".", " — ", "that", "the talks failed", "Asked whether",
              "is expected to", "believes", "\n\n", "(", ")", "wants", "Mr.", "U.S.", "Trump", "?", "and", "but"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=40))
def test_any_text_gives_well_formed_quotes(parts):
    text = " ".join(parts)
    if not text.strip():
        return
    doc = process(text)
    for q in find_quotes(doc, find_mentions(doc)):
        assert q.kind in ("direct", "mixed", "indirect")
        assert q.content and all(0 <= s < e <= len(text) for s, e in q.content)
        assert q.content == sorted(q.content)
        for span in (q.cue, q.speaker):
            if span is not None:
                assert text[span.start:span.end] == span.text and span.start < span.end
        assert 0 <= q.sentence < len(doc.sentences)
        assert set(q.to_dict()) == {"kind", "content", "cue", "cue_lemma", "framing", "speaker", "actor",
                                    "affiliation", "sentence", "speaker_chain", "rule", "confidence", "gender",
                                    "role", "named", "description", "gender_evidence", "role_evidence"}
        assert q.framing is None or q.framing in FRAMINGS


@pytest.mark.parametrize(("text", "speakers"), [
    ("Both Japan and China have denied the report.", [("Japan", "Japan"), ("China", "China")]),
    ("France, Germany and Italy said the deal was fair.",
     [("France", "France"), ("Germany", "Germany"), ("Italy", "Italy")]),
    # Not a coordination: a title phrase naming one person.
    ("Japan's foreign minister Yoko Kamikawa said the deal was fair.",
     [("Japan's foreign minister Yoko Kamikawa", "Yoko Kamikawa")]),
])
def test_coordinated_speakers_each_get_the_statement(text, speakers):
    from toolkit.actors.mentions import find_mentions
    from toolkit.quotes.extract import find_quotes
    from toolkit.text.tagging import process

    doc = process(text)
    quotes = find_quotes(doc, find_mentions(doc))
    assert [(q.speaker.text, q.actor) for q in quotes] == speakers
    assert len({tuple(q.content) for q in quotes}) == 1


@pytest.mark.parametrize("text, rule", [
    ('"We will respond," Kim said.', "verb:paren|speaker:name"),
    ('"We will respond," said Kim Hong-kyun.', "verb:inverted|speaker:name"),
    ("Kim Hong-kyun said that Seoul would respond.", "verb:clause|speaker:name"),
    ("Kim Hong-kyun arrived. He said that Seoul would respond.", "verb:clause|speaker:pronoun"),
    ("According to Kim Hong-kyun, Seoul will respond.", "phrase|speaker:name"),
])
def test_every_quote_has_its_rule_and_a_calibrated_confidence(text, rule):
    q = quotes_of(text)[0]
    assert q.rule == rule
    assert 0.0 < q.confidence <= 1.0


def test_confidence_orders_rules_as_the_calibration_found():
    inverted = quotes_of('"We will respond," said Kim Hong-kyun.')[0].confidence
    unattributed = quotes_of("It is expected to rain.")  # raising: no speaker
    clause = quotes_of("Kim Hong-kyun said that Seoul would respond.")[0].confidence
    assert inverted > clause
    assert all(q.confidence < clause for q in unattributed)
