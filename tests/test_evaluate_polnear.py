"""The PolNeAR reader and scorer, on tiny synthetic BRAT folders (no corpus needed)."""
from __future__ import annotations

import pytest

from toolkit.evaluate import polnear
from toolkit.evaluate.polnear import (
    Article,
    GoldRelation,
    PredRelation,
    alnum_offsets,
    is_direct,
    match_relations,
    predicted_relations,
    read_ann,
    read_split,
    score,
)


def ann(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def write_split(root, articles: dict[str, tuple[str, dict[str, str]]]):
    """articles: id -> (text, {ann file suffix: ann text})."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for art_id, (text, anns) in articles.items():
        (root / "text" / f"{art_id}.txt").write_text(text, encoding="utf-8")
        for suffix, body in anns.items():
            (root / "attributions" / f"{art_id}_{suffix}.ann").write_text(body, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- reading


def test_read_ann_relations_with_and_without_source():
    text = ann("T1\tSource 0 3\tKim",
               "T2\tCue 4 8\tsaid",
               "T3\tContent 9 20\tthe talks failed",
               "T4\tAttribution 4 8\tsaid",
               "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
               "T5\tCue 30 37\tappears",
               "T6\tContent 22 29;38 50\tX … to be slipping",
               "T7\tAttribution-no-source 30 37\tappears",
               "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
               "#1\tAnnotatorNotes T3\ta note to ignore",
               "T8\tDiscuss 0 5\tignored label")
    rels = read_ann(text)
    assert rels == [GoldRelation(((9, 20),), ((4, 8),), ((0, 3),), "E1"),
                    GoldRelation(((22, 29), (38, 50)), ((30, 37),), (), "E2")]


def test_read_ann_unites_content_fragments_and_survives_multiline_covered_text():
    text = ann("T1\tContent 0 10;20 30\tfirst part",
               "second line of the covered text",
               "T2\tContent 40 50\tmore",
               "T3\tCue 11 15\tsaid",
               "E1\tAttribution:T3 Cue:T3 Content:T1 Content2:T2")
    (rel,) = read_ann(text)
    assert rel.content == ((0, 10), (20, 30), (40, 50))
    assert rel.source == ()


def test_read_split_takes_first_annotation_in_sort_order(tmp_path):
    root = write_split(tmp_path / "dev", {
        "a1": ("Kim said no.", {"b222": ann("T1\tContent 9 11\tno", "T2\tCue 4 8\tsaid",
                                             "E1\tAttribution:T2 Cue:T2 Content:T1"),
                                 "a111": ann("T1\tContent 0 3\tKim", "T2\tCue 4 8\tsaid",
                                             "E1\tAttribution:T2 Cue:T2 Content:T1")}),
        "a2": ("No annotation here.", {}),
    })
    (article,) = read_split(root)
    assert article.id == "a1" and article.ann_file == "a1_a111.ann"
    assert article.relations[0].content == ((0, 3),)


@pytest.mark.parametrize("layout", ["missing", "no_subfolders", "no_annotations"])
def test_read_split_rejects_bad_folders(tmp_path, layout):
    root = tmp_path / "split"
    if layout == "no_subfolders":
        root.mkdir()
    elif layout == "no_annotations":
        write_split(root, {"a": ("text", {})})
    with pytest.raises(polnear.PolnearError):
        read_split(root)


def test_main_bad_path_prints_one_line_error(tmp_path, capsys):
    assert polnear.main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:")


# --------------------------------------------------------------------------- scoring pieces


def test_alnum_offsets_ignore_marks_punctuation_and_space():
    text = '"No, never." he said'
    assert sorted(alnum_offsets(text, [(0, 12)])) == [1, 2, 5, 6, 7, 8, 9]


def test_predicted_contents_sharing_a_cue_form_one_relation():
    quotes = [
        {"kind": "direct", "content": [{"start": 0, "end": 5}], "cue": {"start": 10, "end": 14, "text": "said"},
         "speaker": {"start": 6, "end": 9, "text": "Kim"}, "actor": "Kim", "affiliation": None, "sentence": 0},
        {"kind": "direct", "content": [{"start": 20, "end": 30}], "cue": {"start": 10, "end": 14, "text": "said"},
         "speaker": {"start": 6, "end": 9, "text": "Kim"}, "actor": "Kim", "affiliation": None, "sentence": 1},
        {"kind": "indirect", "content": [{"start": 40, "end": 50}], "cue": None, "speaker": None,
         "actor": None, "affiliation": None, "sentence": 2},
    ]
    rels = predicted_relations(quotes)
    assert [r.content for r in rels] == [((0, 5), (20, 30)), ((40, 50),)]
    assert rels[0].speaker == ((6, 9),)


def test_matching_is_one_to_one_greedy_with_a_threshold():
    text = "aaaa bbbb cccc dddd eeee"
    gold = [GoldRelation(((0, 9),)), GoldRelation(((10, 24),))]
    pred = [PredRelation(((0, 4),)),          # J = 4/8 = 0.5 with gold 0: a match
            PredRelation(((0, 9),)),          # J = 1.0 with gold 0: wins gold 0
            PredRelation(((10, 14),))]        # J = 4/12 < 0.5 with gold 1: no match
    assert match_relations(text, gold, pred) == [(0, 1, 1.0)]


@pytest.mark.parametrize(("content", "direct"), [
    ('"We will win," … "Soon."', True),
    ("“Nobody wins a trade war.”.", True),
    ('Trump as a "caricature."', False),
    ('that "a hundred delegates" may leave', False),
])
def test_direct_quote_definition(content, direct):
    assert is_direct(content, GoldRelation(((0, len(content)),))) is direct


def test_score_figures_on_a_known_example():
    text = '"We will win," Kim said. Lee said the vote was rigged. Park left.'
    gold = [GoldRelation(((0, 14),), ((19, 23),), ((15, 18),)),    # direct, source Kim
            GoldRelation(((34, 53),), ((29, 33),), ((25, 28),)),   # indirect, source Lee
            GoldRelation(((55, 64),), ((60, 64),), ())]            # no source, not predicted
    pred = [PredRelation(((0, 14),), ((19, 23),), ((15, 18),)),     # right, right speaker
            PredRelation(((34, 53),), ((29, 33),), ((55, 59),)),    # right content, wrong speaker
            PredRelation(((25, 28),), (), ())]                     # spurious
    figures, counts = score([Article("a", text, gold)], [pred])
    assert figures["matched"] == 2
    assert figures["content_p"] == pytest.approx(200 / 3)
    assert figures["content_r"] == pytest.approx(200 / 3)
    assert figures["content_f1"] == pytest.approx(200 / 3)
    assert figures["end_to_end_f1"] == pytest.approx(100 / 3)
    assert figures["speaker_accuracy"] == pytest.approx(50.0)
    assert figures["direct_gold"] == 1 and figures["direct_recall"] == pytest.approx(100.0)
    assert len(counts.errors["missed"]) == 1 and len(counts.errors["spurious"]) == 1
    assert len(counts.errors["speaker"]) == 1


def test_implicit_source_counts_end_to_end_only_without_a_predicted_speaker():
    text = "The bank is expected to act."
    gold = [GoldRelation(((0, 8), (21, 27)), ((12, 20),), ())]
    without = score([Article("a", text, gold)], [[PredRelation(((0, 8), (21, 27)), ((12, 20),), ())]])[0]
    with_speaker = score([Article("a", text, gold)], [[PredRelation(((0, 8), (21, 27)), ((12, 20),), ((0, 8),))]])[0]
    assert without["end_to_end_f1"] == 100.0 and with_speaker["end_to_end_f1"] == 0.0
    assert without["speaker_accuracy"] == 0.0  # no matched relation has a gold source


# --------------------------------------------------------------------------- end to end


def test_evaluate_runs_the_extractor_through_the_annotate_contract(tmp_path, capsys):
    text = '"We will win the vote," Mayor Lucia Ferraro said on Monday.\n\nThe council meets on Friday.'
    body = ann("T1\tContent 0 23\t\"We will win the vote,\"",
               "T2\tCue 44 48\tsaid",
               "T3\tSource 24 43\tMayor Lucia Ferraro",
               "E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3")
    root = write_split(tmp_path / "tiny", {"story": (text, {"x1": body})})
    figures = polnear.evaluate(root)
    assert figures["content_f1"] == 100.0 and figures["end_to_end_f1"] == 100.0
    assert figures["speaker_accuracy"] == 100.0 and figures["direct_recall"] == 100.0
    assert figures["words"] == len(text.split()) and figures["words_per_second"] > 0
    assert polnear.main([str(root), "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert "content F1" in out and "end-to-end F1" in out and "textacy" in out and "words/s" in out
