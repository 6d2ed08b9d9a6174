"""Document-level resolution (toolkit.actors.coref): one table of cases per mechanism, sentences of our own."""
from __future__ import annotations

import pytest

from toolkit.actors.coref import person_gender, referring_nouns
from toolkit.actors.mentions import find_mentions
from toolkit.annotate import annotate_document
from toolkit.corpus import document_from_record
from toolkit.text.tagging import process


def resolved(text: str, word: str, nth: int = 0, *, outlet: str | None = None) -> str | None:
    """The actor of the nth occurrence of ``word`` as a pronoun/description mention (None: left unresolved)."""
    doc = process(text)
    mentions = find_mentions(doc, outlet=outlet)
    starts = [t.start for t in doc.tokens if t.text == word]
    start = starts[nth]
    found = [m.actor for m in mentions if m.start <= start < m.end and m.via in ("pronoun", "reference", "author")]
    return " + ".join(found) if found else None


@pytest.mark.parametrize("text, word, nth, actor", [
    # gender agreement: given names, honorifics, gendered titles
    ("Maria Lopez met Peter Novak in Madrid. She said the deal was close.", "She", 0, "Maria Lopez"),
    ("Maria Lopez met Peter Novak in Madrid. He said the deal was close.", "He", 0, "Peter Novak"),
    ("Mrs. Okafor spoke to Mr. Adeyemi. He said nothing.", "He", 0, "Adeyemi"),
    ("Congresswoman Jan Ross greeted Sen. Lee Park. She thanked voters.", "She", 0, "Jan Ross"),
    # a person of unknown gender learns it when she is the only one the pronoun can be
    ("Quinn Harlow met Tom Baker. She said she was pleased. Baker left. Later she spoke again.", "she", 1,
     "Quinn Harlow"),
    # number: "they" for people joined by "and", for a body; not for one person
    ("Senators Ann Cole and Bob Diaz wrote to the agency. They said it had failed.", "They", 0,
     "Ann Cole + Bob Diaz"),
    ("The Supreme Court of Ruritania ruled on Monday. It said the law stood.", "It", 0, None),
    ("Tom Baker left the party. They said he was wrong.", "They", 0, None),
    # a list with appositions between its names
    ("Senators Ann Cole, Republican of Iowa, and Bob Diaz, Democrat of Ohio, wrote to the agency. They said it "
     "had failed.", "They", 0, "Ann Cole + Bob Diaz"),
    # subject preference and the last speaker
    ("Tom Baker told Peter Novak the plan was dead. He said the votes were not there.", "He", 0, "Tom Baker"),
    ("Tom Baker said the plan was dead. Reporters asked about Peter Novak's vote. \"It is alive,\" he said.",
     "he", 0, "Tom Baker"),
    # a pronoun inside a quotation is not the speaker of that quotation
    ("Tom Baker met Peter Novak. \"He is lying,\" Baker said.", "He", 0, "Peter Novak"),
    # an unnamed referent in between blocks the resolution: no guess
    ("Tom Baker resigned. A spokesman for the party said he had been ill.", "he", 0, None),
    ("Tom Baker resigned. Officials said they were surprised.", "they", 0, None),
    ("Tom Baker and Peter Novak met in 2001. That year, terrorists bombed the embassy. In 2000, they attacked a ship.",
     "they", 0, None),
    # interview turns: the one asked answers; the unnamed interviewer stays unnamed
    ("Tom Baker met Peter Novak in Rome. When Baker was asked whether he trusts Novak, he said yes.", "he", 1,
     "Tom Baker"),
    ("The reporter asked Tom Baker about the vote. \"Do you regret it?\" she asked. \"No,\" he said.", "she", 0,
     None),
    ("The reporter asked Tom Baker about the vote. \"Do you regret it?\" she asked. \"No,\" he said.", "he", 0,
     "Tom Baker"),
    ("Anna Lee interviewed Tom Baker. She pressed him on the date. \"In June,\" he said.", "he", 0, "Tom Baker"),
    # an inverted speaker ('"...," said X') is the subject of its cue and goes on speaking
    ("``Tom Baker told me he wants to stay,'' said Quinn Harlow, a cousin of Baker's. He said Baker was happy.",
     "He", 0, "Quinn Harlow"),
    # an airline named before is "the airline", and "it" after it
    ("Qantas Airways will add flights to Bombay, the airline announced. In a statement, it said fares would fall.",
     "it", 0, "Qantas Airways"),
    # a subject earlier in the pronoun's own sentence outranks the last speaker
    ("Peter Novak said the vote was lost. Tom Baker condemned what he called a betrayal.", "he", 0, "Tom Baker"),
    # the last speaker goes on: speech acts count, not only "say"
    ("Tom Baker condemned the vote on Monday. Peter Novak's office was closed. \"It is a betrayal,\" he told reporters.",
     "he", 0, "Tom Baker"),
    # "it" only as an actor: not "it is", "it seems"
    ("Japan's foreign ministry protested. It said the visit was illegal.", "It", 0, "Japanese foreign ministry"),
    ("Japan's foreign ministry protested. It is unclear why.", "It", 0, None),
])
def test_pronouns(text, word, nth, actor):
    assert resolved(text, word, nth) == actor


@pytest.mark.parametrize("text, word, actor", [
    # a title given with a name, then the title alone
    ("Campaign spokeswoman Dana Reyes denied the report. The spokeswoman said it was false.", "spokeswoman",
     "Dana Reyes"),
    ("Dana Reyes, a campaign spokeswoman, denied the report. The spokeswoman called it false.", "spokeswoman",
     "Dana Reyes"),
    # synonyms of a title: a lawyer is the attorney named before
    ("Mark Chen, an attorney for Lee, filed the motion. The lawyer said his client was innocent.", "lawyer",
     "Mark Chen"),
    # X's attorney is the person named as X's attorney, never X
    ("Mark Chen, Lee's attorney, filed the motion. Lee's lawyer said his client was innocent.", "lawyer", "Mark Chen"),
    ("Lee filed a motion on Monday. Lee's lawyer said his client was innocent.", "lawyer", None),
    # a description and the name apposed to it
    ("Lee's attorney, Mark Chen, filed the motion.", "attorney", "Mark Chen"),
    # a nominee with a party: the person the article gave that title
    ("Republican nominee Tom Baker spoke in Ohio. The Republican nominee said taxes would fall.", "nominee", "Tom Baker"),
    # outlets, bodies and campaigns
    ("The Springfield Herald reported the leak on Sunday. The newspaper said officials knew.", "newspaper",
     "Springfield Herald"),
    ("The Water Quality Agency grounded the jets. The agency said checks would take weeks.", "agency",
     "Water Quality Agency"),
    ("Tom Baker spoke in Ohio. Baker's team said he would win.", "team", "Tom Baker's campaign"),
    # a group description for people named together
    ("Senators Ann Cole and Bob Diaz wrote to the agency. The senators said it had failed.", "senators",
     "Ann Cole + Bob Diaz"),
    # headlinese: a bare title in a headline names the first person below with that title
    ("Senator urges inquiry into jets\n\nSen. Ann Cole said on Monday the jets were unsafe.", "Senator", "Ann Cole"),
    # an epithet nobody was given, speaking: the person in focus, never its own owner
    ("Tom Baker called on Peter Novak to resign. \"It was outrageous,\" Novak's former campaign strategist said.",
     "strategist", "Tom Baker"),
    # the members of a body speak for it
    ("Japan's foreign ministry met on Monday. The members of Japan's foreign ministry said talks had failed.",
     "members", "Japanese foreign ministry"),
    # a news item with no author named is its outlet's
    ("The Springfield Herald ran a long feature about the mayor. The piece said the mayor had lied.", "piece",
     "Springfield Herald"),
    # a subhead, a paragraph of its own, drops articles too
    ("Senator urges inquiry\n\nMember of Senate panel says jets are unsafe.\n\nSen. Ann Cole spoke on Monday.",
     "Member", "Ann Cole"),
    # a statement is by whoever issued it
    ("Japan's foreign ministry issued a statement on Monday. The statement said talks had failed.",
     "statement", "Japanese foreign ministry"),
])
def test_descriptions(text, word, actor):
    doc = process(text)
    mentions = find_mentions(doc)
    k = [t.start for t in doc.tokens if t.text == word][-1]
    found = [m.actor for m in mentions if m.start <= k < m.end and m.via in ("reference", "description")]
    assert (" + ".join(found) if found else None) == actor


def test_editorial_we_is_the_outlet():
    text = "We have argued for years that the tax is unfair. \"We will fight it,\" said Ann Cole."
    assert resolved(text, "We", 0, outlet="The Springfield Herald") == "The Springfield Herald"
    assert resolved(text, "We", 1, outlet="The Springfield Herald") is None  # Ann Cole's "we", in her quotation
    assert resolved(text, "We", 0) is None  # no source named: nobody


@pytest.mark.parametrize("actor, titles, honorifics, gender", [
    ("Maria Lopez", (), (), "female"),
    ("Peter Novak", (), (), "male"),
    ("Novak", (), ("Ms.",), "female"),
    ("Alex Kim", ("spokeswoman",), (), "female"),
    ("Alex Kim", ("congressman",), (), "male"),
    ("Alex Kim", (), (), None),
])
def test_person_gender(actor, titles, honorifics, gender):
    assert person_gender(actor, titles=titles, honorifics=honorifics) == gender


def test_referring_nouns_table_is_well_formed():
    rows = referring_nouns()
    assert {r.refers for r in rows.values()} <= {"person", "group", "organisation", "outlet", "document"}
    assert all(r.gender in (None, "female", "male") for r in rows.values())


def test_quotes_carry_the_chain_their_actor_rests_on():
    text = "Maria Lopez, the mayor, met Peter Novak on Monday.\n\"We are close,\" she said."
    doc = document_from_record({"id": "t", "text": text})
    record = annotate_document(doc).to_dict()
    quote = next(q for q in record["quotes"] if q["speaker"] and q["speaker"]["text"] == "she")
    assert quote["actor"] == "Maria Lopez"
    # nearest first: the apposed description, then the full name
    assert [text[c["start"]:c["end"]] for c in quote["speaker_chain"]] == ["the mayor", "Maria Lopez"]
    # the actor mention of the speaker says the same
    she = next(m for m in record["actors"] if m["text"] == "she")
    assert she["actor"] == quote["actor"] and she["via"] == "pronoun"


def test_every_speaker_mention_has_its_quotes_actor(seed_annotation):
    """On the seed story: a quote's actor is the actor of a mention inside its speaker span (pronouns,
    descriptions and relative pronouns included), so the actors table and the quotes table agree."""
    record = seed_annotation.to_dict()
    checked = 0
    for q in record["quotes"]:
        if not q["speaker"] or not q["actor"]:
            continue
        s, e = q["speaker"]["start"], q["speaker"]["end"]
        inside = {m["actor"] for m in record["actors"] if m["start"] < e and s < m["end"]}
        assert q["actor"] in inside, (q["speaker"]["text"], q["actor"], inside)
        checked += 1
    assert checked >= 5


def test_relative_pronoun_is_a_mention_of_its_antecedent():
    doc = process("Rep. Ann Cole, who chairs the panel, said the jets were unsafe.")
    who = [m for m in find_mentions(doc) if m.text == "who"]
    assert [(m.actor, m.via) for m in who] == [("Ann Cole", "pronoun")]


@pytest.mark.parametrize("text, word", [
    ("Tom Baker has begun to talk about his life story.", "story"),          # a document that does nothing
    ("A report on Tom Baker was released. The report said the plan failed.", "report"),  # about him, not by him
])
def test_documents_that_speak_for_nobody(text, word):
    doc = process(text)
    k = [t.start for t in doc.tokens if t.text == word][-1]
    assert not [m for m in find_mentions(doc) if m.start <= k < m.end and m.via == "reference"]


def test_relative_pronoun_past_an_apposition_and_for_a_pair():
    doc = process("The plan came from Japan and the United States, the two largest donors, which vowed to act.")
    which = [m.actor for m in find_mentions(doc) if m.text == "which"]
    assert which == ["Japan", "United States"]

