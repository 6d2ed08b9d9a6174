"""Tokens, sentences and paragraphs keep exact offsets into the original text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.text.tokens import split_paragraphs, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("South Korea's foreign ministry said.", ["South", "Korea", "'s", "foreign", "ministry", "said", "."]),
        ("Seoul’s envoy didn’t answer.", ["Seoul", "’s", "envoy", "did", "n’t", "answer", "."]),
        ("“We condemn it,” he said.", ["“", "We", "condemn", "it", ",", "”", "he", "said", "."]),
        ('"Yes," she said.', ['"', "Yes", ",", '"', "she", "said", "."]),
        ("It violated U.N. resolutions.", ["It", "violated", "U.N.", "resolutions", "."]),
        ("He flew to the U.S.", ["He", "flew", "to", "the", "U.S", "."]),
        ("Kim Hong-kyun met Mr. Zinoviev.", ["Kim", "Hong-kyun", "met", "Mr.", "Zinoviev", "."]),
        ("Seoul, South Korea — the ministry", ["Seoul", ",", "South", "Korea", "—", "the", "ministry"]),
        ("It shipped 1,500 troops, 10,000 more…", ["It", "shipped", "1,500", "troops", ",", "10,000", "more", "…"]),
        ("Donald J. Trump won 52.5% at 10:30 a.m. today.",
         ["Donald", "J.", "Trump", "won", "52.5", "%", "at", "10:30", "a.m.", "today", "."]),
        ("'Dangerous development'", ["'", "Dangerous", "development", "'"]),
        ("the countries' leaders", ["the", "countries", "'", "leaders"]),
        ("Visit https://example.org/a?b=1.", ["Visit", "https://example.org/a?b=1", "."]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    doc = tokenize(text)
    assert [t.text for t in doc.tokens] == expected
    assert all(text[t.start:t.end] == t.text for t in doc.tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline here\nFirst paragraph. Second sentence.\nThird.",
         [(0, 13), (14, 47), (48, 54)]),
        ("One.\n\nTwo.\r\n\r\nThree.", [(0, 4), (6, 10), (14, 20)]),
        # Hard-wrapped block: one paragraph across its lines.
        ("This paragraph is wrapped at a fixed width so that it\ncontinues on the next line of the file.\n",
         [(0, 93)]),
        ("   \n\n  ", []),
    ],
)
def test_paragraphs(text: str, expected: list[tuple[int, int]]) -> None:
    assert split_paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Sen. Ted Cruz spoke. He left at 3 p.m. on Monday.", ["Sen. Ted Cruz spoke.", "He left at 3 p.m. on Monday."]),
        ("Headline without a period\nBody starts here.", ["Headline without a period", "Body starts here."]),
        ("It violated U.N. resolutions and the U.N. charter. Kim said so.",
         ["It violated U.N. resolutions and the U.N. charter.", "Kim said so."]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    doc = tokenize(text)
    assert [doc.sentence_text(s.i) for s in doc.sentences] == sentences


def test_seed_offsets_every_sentence(seed_text: str, seed_doc) -> None:
    assert len(seed_doc.paragraphs) == 19  # headline, 16 paragraphs, a subhead, the credit line
    for sent in seed_doc.sentences:
        toks = seed_doc.tokens[sent.first:sent.last]
        assert toks, sent
        assert all(seed_text[t.start:t.end] == t.text for t in toks)
        assert sent.start == toks[0].start and sent.end == toks[-1].end
        # Tokens cover every non-space character of the sentence.
        covered = "".join(t.text for t in toks)
        assert covered == "".join(seed_text[sent.start:sent.end].split())


_PIECES = st.sampled_from([
    "Kim", "Hong-kyun", "U.S.", "said", "“", "”", "‘", "’", '"', "'", "—", "–", "...", "…", "Korea's", "don't",
    "1,500", "3.5", "Mr.", "(", ")", ",", ".", "?", "!", "\n", "\n\n", "  ", "\t", "é", "Zelenskiy’s", "a.m.",
    "http://x.org/a", "#tag", "@user", "50%", "$", "co-operation", "U.N.", "’s", "n’t", ":", ";",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=60).map(lambda parts: " ".join(parts)))
def test_offsets_on_generated_text(text: str) -> None:
    doc = tokenize(text)
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
        assert tok.text.strip() == tok.text and tok.text
    starts = [t.start for t in doc.tokens]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(doc.tokens, doc.tokens[1:]))
    for sent in doc.sentences:
        assert text[sent.start:sent.end].strip()


def test_a_dotted_acronym_before_lower_case_does_not_end_the_sentence():
    from toolkit.text.tokens import sentence_spans

    text = "The S.E.C. said it would act. He moved to the U.S. He left."
    assert [text[s:e] for s, e in sentence_spans(text, 0, len(text))] == [
        "The S.E.C. said it would act.", "He moved to the U.S.", "He left."]
