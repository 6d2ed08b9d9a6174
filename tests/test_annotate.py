"""The annotate contract holds on any text: offsets valid, nothing raises, bad input reported."""
from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.annotate import annotate_document, annotate_records
from toolkit.corpus import Document, LoadError

WORDS = st.sampled_from([
    "Kim", "said", "told", "the", "ministry", "Russia's", "Seoul", "“", "”", '"', "'", ",", ".", "—", "and",
    "condemned", "praised", "urged", "on", "Monday", "last", "week", "in", "June", "2024", "he", "she", "it",
    "they", "according", "to", "officials", "not", "could", "confirm", "(", ")", ":", "\n", "\n\n", "U.S.",
    "Mr.", "President", "Zelenskiy", "accused", "Pyongyang", "of", "NATO", "chief", "Mark", "Rutte", "who",
    "—", "–", "…", "?", "!", "as", "saying", "quoted", "denied", "Both", "North", "Korea",
])


def _check(record: dict) -> None:
    text = record["text"]
    for m in record["actors"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for q in record["quotes"]:
        assert all(0 <= c["start"] < c["end"] <= len(text) for c in q["content"])
        for side in (q["cue"], q["speaker"]):
            assert side is None or text[side["start"]:side["end"]] == side["text"]
    for t in record["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
    for s in record["stances"]:
        for side in (s["source"], s["target"], s["cue"]):
            assert side is None or text[side["start"]:side["end"]] == side["text"]
        assert s["polarity"] in ("positive", "negative", "neutral") and -1 <= s["score"] <= 1
    json.dumps(record)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, min_size=1, max_size=80).map(" ".join), st.sampled_from([None, "2024-10-21"]))
def test_any_text_gives_a_valid_record(text, published):
    if not text.strip():
        return
    doc = Document(id="x", text=text, published=None if published is None else date.fromisoformat(published))
    _check(annotate_document(doc).to_dict())


def test_seed_record(seed_annotation):
    record = seed_annotation.to_dict()
    _check(record)
    assert set(record) >= {"id", "published", "sentences", "actors", "quotes", "timexes", "events", "stances",
                           "claims", "event_phrases"}
    text = record["text"]
    for c in record["claims"]:
        assert text[c["holder"]["start"]:c["holder"]["end"]] == c["holder"]["text"]
        assert c["cue"] is None or text[c["cue"]["start"]:c["cue"]["end"]] == c["cue"]["text"]
        assert c["via"] in ("statement", "quote", "cue") and -1 <= c["score"] <= 1
    assert any("troops" in c["terms"] for c in record["claims"])
    assert any(p["head"] == "dispatch" and p["modifier"] == "troop" for p in record["event_phrases"])


def test_stored_claims_give_the_topic_stances_of_the_analysis(seed_annotation, seed_doc):
    """Topic stances read later from the stored claims are those the analysis finds when given the topics."""
    from toolkit.stance.stances import Claim, Topic, claim_stances, find_stances

    topics = [Topic("troop deployment", ("troops", "soldiers", "dispatch", "deployment")),
              Topic("the war", ("war", "conflict"))]
    record = seed_annotation.to_dict()
    skip = {i for i, s in enumerate(record["sentences"]) if s["boilerplate"]}
    live = [s.to_dict() for s in find_stances(seed_doc, seed_annotation.actors, seed_annotation.analyses["quotes"],
                                              skip_sentences=skip, topics=topics) if s.topic]
    stored = [s.to_dict() for s in claim_stances([Claim.from_dict(c) for c in record["claims"]], topics)]
    assert live and stored == live


def test_records_keep_order_and_report_failures():
    items = [Document(id="a", text="Kim said so."), LoadError("x.txt", None, "x", "empty file", None),
             Document(id="b", text="Seoul condemned Pyongyang on Monday.")]
    out = list(annotate_records(items))
    assert [r["id"] if isinstance(r, dict) else r.problem for r in out] == ["a", "empty file", "b"]


# --------------------------------------------------------------------------- the declared stage list


def test_stage_list_declares_what_each_stage_needs_and_adds():
    from toolkit.annotate import STAGES

    added: set[str] = set()
    for stage in STAGES:
        assert set(stage.needs) <= added, f"{stage.name} needs what no earlier stage adds"
        assert not set(stage.adds) & added, f"{stage.name} adds what an earlier stage added"
        added |= set(stage.adds)
    assert [s.name for s in STAGES][:2] == ["tokens + tags", "actors"]


def test_annotate_runs_every_stage_in_order(monkeypatch):
    import dataclasses

    import toolkit.annotate as annotate

    ran: list[str] = []

    def spy(stage):
        def run(work):
            ran.append(stage.name)
            return stage.run(work)
        return dataclasses.replace(stage, run=run)

    monkeypatch.setattr(annotate, "STAGES", tuple(spy(s) for s in annotate.STAGES))
    record = annotate.annotate_document(Document(id="a", text="Kim said on Monday that Seoul condemned it.")).to_dict()
    assert ran == [s.name for s in annotate.STAGES]
    analyses = [name for s in annotate.STAGES for name in s.adds if name not in ("tagged", "boilerplate", "actors")]
    assert [k for k in record if k in analyses] == analyses


def test_a_stage_without_what_it_needs_is_refused():
    import pytest

    from toolkit.annotate import STAGES, run_stages

    by_name = {s.name: s for s in STAGES}
    with pytest.raises(ValueError, match="needs"):
        run_stages(Document(id="a", text="Kim said so."), stages=[by_name["tokens + tags"], by_name["quotes"]])


def test_bench_times_prefixes_of_the_same_list():
    from toolkit.annotate import STAGES
    from toolkit.bench import stage_rows

    rows = stage_rows()
    assert [prefix for _, prefix in rows] == [STAGES[:k] for k in range(1, len(STAGES) + 1)]
    assert rows[0][0] == "tokens + tags" and all(name == "+ " + s.name for (name, _), s in zip(rows[1:], STAGES[1:]))


def test_metadata_fields_reach_the_record_without_taking_contract_fields():
    from toolkit.annotate import annotate_document
    from toolkit.corpus import Document

    doc = Document(id="m", text="Kim said no.", meta={"dateline": "Seoul", "quotes": "not a list", "desk": "Asia"})
    record = annotate_document(doc).to_dict()
    assert record["dateline"] == "Seoul" and record["desk"] == "Asia"
    assert isinstance(record["quotes"], list)  # a metadata field never replaces an analysis


def test_a_metadata_change_is_a_new_cache_key():
    from toolkit.corpus import Document
    from toolkit.store.cache import document_key

    assert document_key(Document(id="m", text="x", meta={"desk": "Asia"})) != \
        document_key(Document(id="m", text="x", meta={"desk": "Europe"}))
