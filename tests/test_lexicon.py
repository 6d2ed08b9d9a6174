"""The shared word tables (toolkit.text.lexicon): one reporting-verb table, one event-noun table."""
from __future__ import annotations

import importlib

import pytest

from toolkit.quotes.cues import CueEntry, build_cue_lexicon, cue_lexicon, framing_of
from toolkit.resources import DATA_DIR, MissingData, read_table
from toolkit.text.lexicon import (
    EVENT_NOUN_KINDS,
    FRAMINGS,
    REPORT_KINDS,
    ReportingVerb,
    event_nouns,
    reporting_lemmas,
    reporting_verb_rows,
    reporting_verbs,
)


def _timeline_module():
    # toolkit.time re-exports a function named timeline, which hides the module's attribute
    return importlib.import_module("toolkit.time.timeline")


# --------------------------------------------------------------------------- reporting verbs
def test_rows_carry_class_frames_and_report():
    verbs = reporting_verbs()
    assert verbs["say"] == ReportingVerb(("say",), "speech", frozenset({"clause", "paren"}), "content", "neutral")
    assert verbs["tell"].report == "object" and "recipient" in verbs["tell"].frames
    assert verbs["call for"].words == ("call", "for") and verbs["call for"].report == ""
    assert verbs["criticize"].cls == "evaluation" and verbs["criticize"].report == ""
    assert {row.report for row in reporting_verb_rows()} == {"", *REPORT_KINDS}
    assert verbs["deny"].report == "denial"
    assert {row.cls for row in reporting_verb_rows()} == {"speech", "belief", "intention", "evidence",
                                                           "evaluation", "request"}


def test_every_row_has_one_valid_framing():
    # read the table itself, not the loader, so an empty or misspelt cell is caught here by its row
    rows = read_table("lexicon/reporting_verbs.tsv")
    assert rows and all(row["framing"] in FRAMINGS for row in rows), \
        [(row["cue"], row["framing"]) for row in rows if row["framing"] not in FRAMINGS]
    assert all(row.framing in FRAMINGS for row in reporting_verb_rows())
    phrases = read_table("quotes/cue_phrases.tsv")
    assert phrases and all(row["framing"] in FRAMINGS for row in phrases)
    # each class is used, and every class is described in the table's header
    assert {row["framing"] for row in rows} == set(FRAMINGS)
    header = "\n".join(line for line in (DATA_DIR / "lexicon/reporting_verbs.tsv").read_text(encoding="utf-8")
                       .splitlines() if line.startswith("#"))
    for framing in FRAMINGS:
        assert f"#              {framing} " in header, framing
    for source in ("Caldas-Coulthard", "Thompson & Yiyun", "Bergler", "Floyd", "AP Stylebook", "FactBank"):
        assert source in header, source


@pytest.mark.parametrize(("cue", "framing"), [
    ("say", "neutral"), ("tell", "neutral"), ("according to", "neutral"), ("quoted ... as saying", "neutral"),
    ("insist", "assertive"), ("vow", "assertive"), ("warn", "assertive"),
    ("claim", "doubt"), ("allege", "doubt"), ("contend", "doubt"),
    ("admit", "concession"), ("acknowledge", "concession"), ("concede", "concession"),
    ("complain", "emotive"), ("accuse", "emotive"), ("slam", "emotive"), ("quip", "emotive"),
    ("urge", "directive"), ("call for", "directive"), ("demand", "directive"), ("ask for", "directive"),
    ("suggest", "tentative"), ("believe", "tentative"), ("estimate", "tentative"),
    ("deny", "denial"), ("dismiss", "denial"), ("reject", "denial"),
    ("show", "evidential"), ("find", "evidential"), ("reveal", "evidential"), ("confirm", "evidential"),
])
def test_framing_of_a_cue(cue, framing):
    assert framing_of(cue) == framing
    assert framing_of(cue.upper()) == framing


def test_framing_of_what_is_no_cue():
    assert framing_of("sing") is None
    assert framing_of("claimed") is None  # a lemma is looked up, not an inflected form
    assert framing_of("") is None
    assert framing_of("call") == "neutral" and framing_of("call on") == "directive"


def test_one_row_per_cue():
    cues = [row.cue for row in reporting_verb_rows()]
    assert len(cues) == len(set(cues))


def test_reporting_lemmas_are_the_clause_readers_set():
    lemmas = reporting_lemmas()
    for verb in ("say", "tell", "claim", "add", "warn", "think", "deny", "accuse", "worry"):
        assert verb in lemmas, verb
    # quote cues that do not open a reported clause, and verbs that are no cue at all
    for verb in ("call", "criticize", "urge", "want", "go", "attack", "maintain", "be"):
        assert verb not in lemmas, verb
    assert all(" " not in lemma for lemma in lemmas)  # one-word verbs only
    assert reporting_lemmas(kinds=("object",)) == {"tell", "warn", "quote", "accuse", "charge"}
    assert reporting_lemmas(kinds=("object",)) < lemmas
    assert reporting_lemmas(classes=("belief",)) == {"believe", "think", "fear", "know", "expect", "worry"}


def test_timeline_and_stance_read_the_same_set():
    from toolkit.stance import stances

    words = _timeline_module()._words()
    assert words["report"] == reporting_lemmas()
    # stance reads the same verbs, less those whose content the subject says is not so
    assert stances._reporting() == reporting_lemmas() - {"deny"}
    assert words["tell"] == reporting_lemmas(kinds=("object",))
    assert "say" in stances._REPORTING and "condemn" not in stances._REPORTING


def test_stance_modifiers_no_longer_hold_reporting_verbs():
    from toolkit.stance.polarity import modifiers

    effects = set(modifiers().values())
    assert "report" not in effects
    assert {"negate", "hedge", "undo"} <= effects
    assert modifiers()["confirm"] == "hedge"  # "could not confirm": a hedge there, a reporting verb here
    assert "confirm" in reporting_lemmas()


def test_each_modifier_has_one_effect():
    words = [row["word"] for row in read_table("stance/stance_modifiers.tsv")]
    assert len(words) == len(set(words))


def test_cue_lexicon_is_built_from_the_table():
    lex = cue_lexicon()
    shipped = reporting_verb_rows()
    assert sum(len(v) for v in lex.verbs.values()) == len(shipped)
    assert CueEntry is ReportingVerb
    # longer cues first, so "call for" is tried before "call"
    assert lex.verb_entries("call")[-1].words == ("call",)
    assert {("call", "for"), ("call", "on")} <= {e.words for e in lex.verb_entries("call")}


def test_user_table_extends_the_cue_lexicon(tmp_path):
    extra = tmp_path / "my_cues.tsv"
    extra.write_text("# my own cues\ncue\tclass\tframes\nopine about\tspeech\tobject\ngrouse\t\tclause,paren\n",
                     encoding="utf-8")
    lex = build_cue_lexicon(verbs=str(extra))
    assert [e.words for e in lex.verb_entries("grouse")] == [("grouse",)]
    assert lex.verb_entries("grouse")[0].cls == "speech"  # a missing class is speech
    assert lex.verb_entries("grouse")[0].frames == {"clause", "paren"}
    assert [e.words for e in lex.verb_entries("opine")] == [("opine", "about"), ("opine",)]
    assert lex.verb_entries("say")  # the shipped rows stay
    assert "grouse" not in reporting_lemmas()  # a user's cue does not change the clause readers' set
    rows = reporting_verb_rows(extra=extra)
    assert len(rows) == len(reporting_verb_rows()) + 2
    assert lex.verb_entries("grouse")[0].framing is None  # a table without the column gives no framing
    assert framing_of("grouse", lex) is None and framing_of("say", lex) == "neutral"


def test_a_user_table_gives_its_cues_a_framing(tmp_path):
    verbs = tmp_path / "my_cues.tsv"
    verbs.write_text("cue\tclass\tframes\treport\tframing\ngrouse\tspeech\tclause,paren\t\temotive\n",
                     encoding="utf-8")
    phrases = tmp_path / "my_phrases.tsv"
    phrases.write_text("phrase\tclass\trole\tframing\nif ... is to be believed\tspeech\tsource-after\tdoubt\n",
                       encoding="utf-8")
    lex = build_cue_lexicon(verbs=str(verbs), phrases=str(phrases))
    assert framing_of("grouse", lex) == "emotive"
    assert framing_of("if ... is to be believed", lex) == "doubt"
    assert framing_of("grouse") is None  # the shipped lexicon is unchanged


@pytest.mark.parametrize(("table", "text"), [
    ("verbs", "cue\tclass\tframes\tframing\nmumble\tspeech\tclause\tsceptical\n"),
    ("phrases", "phrase\tclass\trole\tframing\nsaid to be\tspeech\tsource-after\tmaybe\n"),
])
def test_a_bad_framing_is_refused(tmp_path, table, text):
    extra = tmp_path / "bad.tsv"
    extra.write_text(text, encoding="utf-8")
    with pytest.raises(MissingData, match="framing"):
        build_cue_lexicon(**{table: str(extra)})


def test_a_bad_report_value_is_refused(tmp_path):
    extra = tmp_path / "bad.tsv"
    extra.write_text("cue\tclass\tframes\treport\nmumble\tspeech\tclause\tyes\n", encoding="utf-8")
    with pytest.raises(MissingData, match="report"):
        reporting_verb_rows(extra=extra)


# --------------------------------------------------------------------------- event nouns
def test_event_nouns_by_kind():
    happenings = event_nouns()
    assert {"summit", "election", "attack", "statement", "crisis"} <= happenings
    assert not {"law", "sanctions", "building", "station"} & happenings
    assert event_nouns(kinds=("not_event",)) >= {"building", "station", "morning"}
    topics = event_nouns(kinds=("event", "measure"))
    assert {"summit", "sanctions", "law", "tariff"} <= topics
    assert "statement" not in topics  # too routine in news copy to be a topic
    with pytest.raises(ValueError):
        event_nouns(kinds=("events",))


def test_each_noun_has_one_kind():
    rows = read_table("lexicon/event_nouns.tsv")
    words = [row["word"] for row in rows]
    assert len(words) == len(set(words))
    assert {row["kind"] for row in rows} == set(EVENT_NOUN_KINDS)


def test_timeline_and_topics_read_the_table():
    from toolkit.stance import stances

    words = _timeline_module()._words()
    assert words["event_noun"] == event_nouns()
    assert words["not_event"] == event_nouns(kinds=("not_event",))
    assert stances.event_nouns() == event_nouns(kinds=("event", "measure"))


# --------------------------------------------------------------------------- every table says where it came from
_TABLES = sorted(p for p in DATA_DIR.rglob("*") if p.suffix in (".tsv", ".txt") and not p.name.startswith("NOTICE"))


@pytest.mark.parametrize("path", _TABLES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_every_table_names_its_source(path):
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    # a word list names its sources; a trained model (stance/portrayal_model.tsv) what it was trained on
    assert header and any("source" in line.lower() or "trained" in line.lower() for line in header), path


# --------------------------------------------------------------------------- object control
def test_object_control_verbs_are_one_list():
    from toolkit.stance import stances
    from toolkit.text.lexicon import object_control_verbs

    verbs = object_control_verbs()
    assert {"urge", "tell", "force", "persuade", "ask", "warn"} <= verbs
    assert not {"vow", "summon", "say", "decide"} & verbs  # subject control or no infinitive object
    assert stances.object_control_verbs is object_control_verbs  # stance reads the one list, not a copy


def test_quote_finder_reads_the_object_control_list():
    from toolkit.actors.mentions import find_mentions
    from toolkit.quotes import find_quotes
    from toolkit.text.tagging import process

    # "implore" was in stance's list only: the quote finder used to give "The senators" as the speaker
    text = "The senators implored Smith to acknowledge that the plan had failed."
    doc = process(text)
    quotes = find_quotes(doc, find_mentions(doc))
    acknowledged = [q for q in quotes if q.cue and q.cue.text == "acknowledge"]
    assert acknowledged and acknowledged[0].speaker.text == "Smith"
