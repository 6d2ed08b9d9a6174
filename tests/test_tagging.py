"""The NumPy tagger gives exactly NLTK's averaged-perceptron tags; lemmas are right for news verbs."""
from __future__ import annotations

import pytest
from nltk.tag import PerceptronTagger

from toolkit.text.tagging import lemmatize, process, tag
from toolkit.text.tokens import tokenize

SENTENCES = [
    "The Kremlin declined to directly answer a query on whether troops were going to fight.",
    "“We will respond jointly with the international community,” the ministry quoted her as saying.",
    "Shares of Apple Inc. rose 3.5% to $182.50 on Tuesday after the company beat forecasts.",
    "I can't believe they'd've gone — she said it wasn't over, not by a long shot...",
    "Protesters in Hong-kong's central district clashed with police late on Sunday night.",
]


@pytest.fixture(scope="module")
def nltk_tagger() -> PerceptronTagger:
    return PerceptronTagger()


@pytest.mark.parametrize("text", SENTENCES)
def test_tags_equal_nltk(text: str, nltk_tagger: PerceptronTagger) -> None:
    doc = process(text)
    for sent in doc.sentences:
        toks = doc.tokens[sent.first:sent.last]
        expected = [t for _, t in nltk_tagger.tag([t.norm for t in toks])]
        assert [t.tag for t in toks] == expected


def test_seed_tags_equal_nltk(seed_text: str, nltk_tagger: PerceptronTagger) -> None:
    doc = tag(tokenize(seed_text))
    for sent in doc.sentences:
        toks = doc.tokens[sent.first:sent.last]
        assert [t.tag for t in toks] == [t for _, t in nltk_tagger.tag([t.norm for t in toks])]


def test_tagger_sees_treebank_quotes() -> None:
    doc = process("“Yes,” he said.")
    assert [t.norm for t in doc.tokens] == ["``", "Yes", ",", "''", "he", "said", "."]
    assert doc.tokens[0].tag == "``" and doc.tokens[3].tag == "''"


@pytest.mark.parametrize(
    ("word", "tag_", "lemma"),
    [
        ("said", "VBD", "say"), ("says", "VBZ", "say"), ("told", "VBD", "tell"), ("urged", "VBD", "urge"),
        ("denied", "VBD", "deny"), ("denies", "VBZ", "deny"), ("accused", "VBN", "accuse"),
        ("condemned", "VBD", "condemn"), ("summoned", "VBD", "summon"), ("called", "VBD", "call"),
        ("stopped", "VBD", "stop"), ("announced", "VBD", "announce"), ("warning", "VBG", "warn"),
        ("criticised", "VBN", "criticise"), ("criticized", "VBN", "criticize"), ("insisted", "VBD", "insist"),
        ("pledged", "VBD", "pledge"), ("dismissed", "VBN", "dismiss"), ("believes", "VBZ", "believe"),
        ("argued", "VBD", "argue"), ("was", "VBD", "be"), ("ministries", "NNS", "ministry"),
        ("troops", "NNS", "troop"), ("Korea", "NNP", "korea"),
    ],
)
def test_lemmas(word: str, tag_: str, lemma: str) -> None:
    assert lemmatize(word, tag_) == lemma
