"""The speaker-identity scorer: name matching, the reading reader, and the figures on a tiny split."""
from __future__ import annotations

import pytest

from toolkit.evaluate.polnear import Article, GoldRelation, PredRelation
from toolkit.evaluate.speakers import GoldSpeaker, ReadingError, names_speaker, read_reading, score

HEADER = "relation\tsource_text\tspeaker\tspeaker_kind\tgender\trole\tnamed\n"


@pytest.mark.parametrize("actor, speaker, kind, expected", [
    ("Donald Trump", "Donald Trump", "person", True),
    ("Donald J. Trump", "Donald Trump", "person", True),       # a middle initial is compatible
    ("Trump", "Donald Trump", "person", True),                 # a surname alone is compatible
    ("Mr. Trump", "Donald Trump", "person", True),             # honorifics are dropped
    ("Melania Trump", "Donald Trump", "person", False),        # another given name is not
    ("Trump campaign", "Donald Trump", "person", False),
    ("Trump campaign", "Trump campaign|Donald Trump", "organisation", True),
    ("Donald Trump", "Trump campaign|Donald Trump", "organisation", True),   # an accepted alternative
    ("Washington Post", "The Washington Post", "organisation", True),
    ("Federal Reserve", "Federal Reserve Bank of New York", "organisation", True),  # one name's words in the other's
    ("Russia", "Russia", "country", True),
    ("China", "China", "country", True),
    ("Charles E. Grassley", "Charles E. Grassley and Patrick J. Leahy", "group", True),  # a member
    ("Patrick Leahy", "Charles E. Grassley and Patrick J. Leahy", "group", True),
    ("Barack Obama", "Charles E. Grassley and Patrick J. Leahy", "group", False),
    ("Russia", "China and Russia", "country", True),
    (None, "Donald Trump", "person", False),
    ("officials", "(unnamed) officials", "group", False),      # an unnamed source is never named
])
def test_names_speaker(actor, speaker, kind, expected):
    assert names_speaker(actor, speaker, kind=kind) is expected


def test_read_reading_and_its_errors(tmp_path):
    (tmp_path / "a.gold.tsv").write_text(HEADER + "E1\the\tDonald Trump\tperson\tmale\tpolitician\tyes\n",
                                         encoding="utf-8")
    reading = read_reading(tmp_path)
    assert reading == {"a": {"E1": GoldSpeaker("E1", "he", "Donald Trump", "person", "male", "politician", True)}}
    (tmp_path / "b.gold.tsv").write_text(HEADER + "E1\the\tDonald Trump\tperson\n", encoding="utf-8")
    with pytest.raises(ReadingError, match=r"b\.gold\.tsv, line 2: 4 columns"):
        read_reading(tmp_path)
    with pytest.raises(ReadingError, match="no such folder"):
        read_reading(tmp_path / "missing")


def _four_quotes() -> Article:
    """Four one-word quotes, one per sentence, as gold relations E1..E4."""
    text = "Trump said no. Clinton said yes. Officials said maybe. Kaine said so."
    return Article("a", text, [GoldRelation(((11, 13),), id="E1"), GoldRelation(((28, 31),), id="E2"),
                               GoldRelation(((48, 53),), id="E3"), GoldRelation(((66, 68),), id="E4")])


def test_score_identity_recall_and_share_distance():
    art = _four_quotes()
    reading = {"a": {"E1": GoldSpeaker("E1", "Trump", "Donald Trump", "person", "male", "politician", True),
                     "E2": GoldSpeaker("E2", "Clinton", "Hillary Clinton", "person", "female", "politician", True),
                     "E3": GoldSpeaker("E3", "Officials", "(unnamed) officials", "group", "-", "government", False),
                     "E4": GoldSpeaker("E4", "Kaine", "Tim Kaine", "person", "male", "politician", True)}}
    pred = [PredRelation(((11, 13),), actors=("Donald Trump",)),      # right
            PredRelation(((28, 31),), actors=("Bill Clinton",)),      # wrong person
            PredRelation(((48, 53),), actors=())]                     # unnamed, no actor: not scored
    figures, counts = score([art], [pred], reading)
    assert figures["matched_named"] == 2 and figures["named_gold"] == 3
    assert figures["identity"] == pytest.approx(50.0)
    assert figures["recall"] == pytest.approx(100 / 3)
    # gold shares: Trump, Clinton, Kaine a third each; predicted: Trump 1/2, "Bill Clinton" 1/2
    assert figures["share_distance"] == pytest.approx(50 * (abs(1 / 3 - 1 / 2) + 1 / 3 + 1 / 3 + 1 / 2))
    assert [g.relation for _, g, _ in counts.errors] == ["E2"]


def test_score_gender_over_identified_speakers_and_role_over_matched_relations():
    art = _four_quotes()
    reading = {"a": {"E1": GoldSpeaker("E1", "Trump", "Donald Trump", "person", "male", "politician", True),
                     "E2": GoldSpeaker("E2", "Clinton", "Hillary Clinton", "person", "female", "politician", True),
                     "E3": GoldSpeaker("E3", "Officials", "(unnamed) officials", "group", "-", "government", False),
                     "E4": GoldSpeaker("E4", "Kaine", "Tim Kaine", "person", "unknown", "politician", True)}}
    pred = [PredRelation(((11, 13),), actors=("Donald Trump",),
                         quotes=({"gender": "male", "role": "politician"},)),        # both right
            PredRelation(((28, 31),), actors=("Bill Clinton",),
                         quotes=({"gender": "male", "role": "politician"},)),        # wrong person: no gender item
            PredRelation(((48, 53),), actors=(), quotes=({"gender": None, "role": "other"},)),  # role wrong
            PredRelation(((66, 68),), actors=("Tim Kaine",),
                         quotes=({"gender": "male", "role": "politician"},))]        # gold gender unknown: no item
    figures, counts = score([art], [pred], reading)
    assert (figures["gender_items"], figures["gender"]) == (1, 100.0)
    assert (figures["role_items"], figures["role"]) == (4, 75.0)
    assert figures["role_classes"]["government"] == {"n": 1, "recall": 0.0, "precision": 0.0}
    assert [(g.relation, label, p) for _, g, _, label, p in counts.label_errors] == [("E3", "role", "other")]
