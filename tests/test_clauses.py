"""toolkit.text.clauses: verb groups, noun-phrase extents, clause starts and subjects on news sentences."""
import pytest

from toolkit.text.clauses import (
    CIRCUMSTANTIAL,
    CLAUSE_OPENERS,
    LOCATIVE,
    SUBORDINATORS,
    clause_opening,
    clause_segments,
    clause_starts,
    governed,
    head_mention,
    np_extent,
    np_left,
    np_right,
    np_with_pps,
    relative_antecedent,
    skip_adjuncts_left,
    span_mentions,
    subject_left,
    verb_groups,
)
from toolkit.text.lexicon import object_control_verbs, time_words
from toolkit.text.tagging import process


def groups_of(text: str) -> list[tuple]:
    doc = process(text)
    toks = doc.tokens
    return [(g.lemma, g.finite, g.tense, g.passive, g.negated, g.infinitive)
            for g in verb_groups(toks, 0, len(toks))]


@pytest.mark.parametrize("text, expected", [
    ("South Korea's foreign ministry said on Monday that it had summoned the Russian ambassador.",
     [("say", True, "past", False, False, False), ("summon", True, "pluperfect", False, False, False)]),
    ("The embassy has not been consulted and will protest the decision.",
     [("consult", True, "perfect", True, True, False), ("protest", True, "future", False, False, False)]),
    ("Kim never said the troops were going to withdraw.",
     [("say", True, "past", False, True, False), ("withdraw", True, "future", False, False, False)]),
    ("The minister could not confirm reports that North Korean soldiers got killed.",
     [("confirm", True, "modal", False, True, False), ("kill", True, "past", True, False, False)]),
    ("Officials cannot say whether the talks will resume.",
     [("say", True, "modal", False, True, False), ("resume", True, "future", False, False, False)]),
    ("The United States urged China to rein in its ally.",
     [("urge", True, "past", False, False, False), ("rein", False, None, False, False, True)]),
    ("The president is to visit Tokyo next week.",
     [("visit", True, "future", False, False, False)]),
])
def test_verb_groups(text, expected):
    assert groups_of(text) == expected


def test_group_extent_particle_and_modal():
    doc = process("Seoul called in the Russian envoy, who would not comment.")
    toks = doc.tokens
    called, comment = verb_groups(toks, 0, len(toks))
    assert (toks[called.head].text, called.particle) == ("called", "in")
    assert (toks[comment.first].text, toks[comment.last - 1].text, comment.modal) == ("would", "comment", "would")
    assert comment.negated and comment.tense == "conditional"


def test_bare_infinitive_is_not_finite_but_has_a_subject():
    doc = process("They say the sanctions made Pyongyang pay a heavy price.")
    toks = doc.tokens
    say, made, pay = verb_groups(toks, 0, len(toks))
    assert say.finite and say.tense == "present"  # "They say": a present, not an infinitive
    assert (pay.finite, pay.bare, pay.clause_head) == (False, True, True)
    assert made.clause_head and not made.bare


def test_transparent_tokens_stay_inside_a_group():
    doc = process("The envoy has since Monday refused to talk.")
    toks = doc.tokens
    monday = next(t.i for t in toks if t.text == "Monday")
    plain = verb_groups(toks, 0, len(toks))
    through = verb_groups(toks, 0, len(toks), transparent={monday - 1, monday})
    assert [g.lemma for g in plain] == ["have", "refuse", "talk"]
    assert [(g.lemma, g.tense) for g in through] == [("refuse", "perfect"), ("talk", None)]


def test_headline_verbs_read_as_finite():
    doc = process("South Korea summons Russian envoy")
    toks = doc.tokens
    summons = next(t.i for t in toks if t.text == "summons")
    assert [g.lemma for g in verb_groups(toks, 0, len(toks), verbs=frozenset({summons}))] == [toks[summons].lemma]


@pytest.mark.parametrize("text, start, end", [
    ("South Korea's first vice foreign minister Kim Hong-kyun said so.", 0, 9),
    ("the participation of North Korean troops", 0, 2),
    ("Sen. Claire McCaskill (D-Mo.) said it.", 0, 7),
])
def test_np_right(text, start, end):
    doc = process(text)
    assert np_right(doc.tokens, start, len(doc.tokens)) == end


@pytest.mark.parametrize("text, end, start", [
    ("South Korea's foreign ministry said the troops left.", 5, 0),
    ("Sen. Claire McCaskill (D-Mo.) said it.", 7, 0),
    ("He said it.", 1, 0),
])
def test_np_left(text, end, start):
    doc = process(text)
    assert np_left(doc.tokens, end, 0) == start


def test_np_extent_is_the_loose_nominal_run():
    doc = process("a growing rift with Seoul")
    assert np_extent(doc.tokens, 0, len(doc.tokens)) == 3
    assert np_right(doc.tokens, 0, len(doc.tokens)) == 3
    doc = process("The latest Reuters/Ipsos opinion poll shows a lead.")
    assert np_extent(doc.tokens, 0, len(doc.tokens)) == 7  # "/" between names stays inside
    doc = process("a growing rift with Seoul")
    inside = [False, False, False, True, True]
    assert np_extent(doc.tokens, 0, len(doc.tokens), inside=inside) == 5


@pytest.mark.parametrize("text, word, starts", [
    ("The ministry said the troops left.", "the", True),
    ("Officials said that talks resumed.", "that", True),
    ("He asked whether it was true.", "whether", True),
    ("Kim said Monday the talks had failed.", "Monday", False),
    ("She said the participation of North Korean troops in the war violated U.N. resolutions.", "the", True),
    ("He said the plan, which failed, was his.", "the", False),
])
def test_clause_starts(text, word, starts):
    doc = process(text)
    k = next(t.i for t in doc.tokens if t.text == word)
    assert clause_starts(doc.tokens, k, len(doc.tokens)) is starts


def span_text(doc, span):
    return None if span is None else " ".join(t.text for t in doc.tokens[span[0]:span[1]])


@pytest.mark.parametrize("text, verb, subject", [
    ("South Korea's foreign ministry said the troops left.", "said", "South Korea 's foreign ministry"),
    ("Sanders, a Vermont senator, has long supported the bill.", "supported", "Sanders"),
    ("A spokesman for the ministry on Monday said it.", "said", "A spokesman for the ministry"),
    ("Russia and North Korea signed a treaty.", "signed", "Russia and North Korea"),
    ("Trump, speaking at a rally in Wilmington, N.C., warned of fraud.", "warned", "Trump"),
    ("The embassy condemned the move and urged Seoul to reconsider.", "urged", "The embassy"),
    ("The envoy, who arrived on Monday, declined to comment.", "arrived", "who"),
])
def test_subject_left(text, verb, subject):
    doc = process(text)
    k = next(t.i for t in doc.tokens if t.text == verb)
    assert span_text(doc, subject_left(doc.tokens, k, 0)) == subject


def test_subject_left_options():
    doc = process('Humphrey, who calls Trump a "sociopath," said he would vote.')
    toks = doc.tokens
    said = next(t.i for t in toks if t.text == "said")
    quoted = [-1] * len(toks)
    first = next(t.i for t in toks if t.text == "sociopath") - 1
    last = next(t.i for t in toks if t.text == "said")
    for k in range(first, last):
        quoted[k] = 0
    assert span_text(doc, subject_left(toks, said, 0, quoted=quoted)) == "Humphrey"
    # without looking across asides the comma before the verb ends the search
    assert subject_left(toks, said, 0, quoted=quoted, asides=False) is None


class Mention:
    """A stand-in actor mention: a token range."""

    def __init__(self, first, last):
        self.first, self.last = first, last


def mentions_of(doc, *names):
    """A ``mention_at`` callback and ``inside`` flags for the named word runs of ``doc``."""
    texts = [t.text for t in doc.tokens]
    at, inside = {}, [0] * len(texts)
    for name in names:
        words = name.split()
        k = next(k for k in range(len(texts)) if texts[k:k + len(words)] == words)
        m = Mention(k, k + len(words))
        for j in range(m.first, m.last):
            at[j], inside[j] = m, 1
    return at.get, inside


def mention_text(doc, m):
    return " ".join(t.text for t in doc.tokens[m.first:m.last])


@pytest.mark.parametrize("text, verb, options, names, subject", [
    # take="nearest" (the quote finder): the noun phrase nearest the verb
    ("The ambassador to Greece said it.", "said", {}, (), "Greece"),
    ("Kim on Monday also said it.", "said", {}, (), "Kim"),
    ("The envoy, who arrived on Monday, declined to comment.", "arrived", {}, (), "who"),
    ("The envoy, who arrived on Monday, declined to comment.", "arrived", {"relative": "antecedent"}, (),
     "The envoy"),
    # take="first" (stance): the clause's first noun phrase that no preposition or verb governs
    ("The ambassador to Greece said it.", "said", {"take": "first"}, (), "The ambassador"),
    ("During the talks, the envoy left.", "left", {"take": "first"}, (), "the envoy"),
    ("After the Cold War, Republicans were in the lead.", "were", {"take": "first"}, (), "Republicans"),
    ("The call came after rival Donald Trump attacked Machado.", "attacked", {"take": "first", "since": 2}, (),
     "rival Donald Trump"),
    ("Both Russia and North Korea denied it.", "denied", {"take": "first"}, ("Russia", "North Korea"),
     "Both Russia and North Korea"),
    ("In recent weeks Rubio also had attacked Trump.", "had", {"take": "first"}, ("Rubio",), "Rubio"),
    ("In recent weeks Rubio also had attacked Trump.", "had", {"take": "first"}, (), None),
    ("The minister, who arrived on Monday, said it.", "arrived", {"take": "first"}, (), "who"),
    ("The minister, who arrived on Monday, said it.", "arrived", {"take": "first", "relative": "antecedent"}, (),
     "The minister"),
    ("Clinton, who called for tax hikes, won.", "called", {"take": "first", "relative": "antecedent"},
     ("Clinton",), "Clinton"),
    ("Kim noted that the process changed.", "changed", {"take": "first", "since": 2}, (), "the process"),
])
def test_subject_policies(text, verb, options, names, subject):
    doc = process(text)
    k = next(t.i for t in doc.tokens if t.text == verb)
    mention_at, inside = mentions_of(doc, *names)
    assert span_text(doc, subject_left(doc.tokens, k, 0, inside=inside, mention_at=mention_at, **options)) == subject


@pytest.mark.parametrize("after_reporting, subject", [(True, "Russia"), (False, None)])
def test_subject_after_a_reporting_verb(after_reporting, subject):
    doc = process("Kim said Russia had left.")
    had = next(t.i for t in doc.tokens if t.text == "had")
    span = subject_left(doc.tokens, had, 0, take="first", since=had - 1, after_reporting=after_reporting)
    assert span_text(doc, span) == subject


def test_subject_policy_names_are_checked():
    doc = process("Kim said it.")
    with pytest.raises(ValueError):
        subject_left(doc.tokens, 1, 0, take="last")
    with pytest.raises(ValueError):
        span_mentions(doc.tokens, (0, 1), {}.get, pick="every")


@pytest.mark.parametrize("text, span, names, pick, expected", [
    ("Russia and North Korea signed it.", (0, 4), ("Russia", "North Korea"), "conjuncts", ["Russia", "North Korea"]),
    ("Russia and North Korea signed it.", (0, 4), ("Russia", "North Korea"), "head", ["Russia"]),
    ("Russia and North Korea signed it.", (0, 4), ("Russia", "North Korea"), "all", ["Russia", "North Korea"]),
    ("South Korea 's foreign ministry said it.", (0, 5), ("South Korea",), "conjuncts", ["South Korea"]),
    ("A spokesman for Seoul said it.", (0, 2), ("Seoul",), "head", ["Seoul"]),
    ("The university's chancellor, Nicholas Dirks, said it.", (0, 4), ("Nicholas Dirks",), "head",
     ["Nicholas Dirks"]),
    ("The envoy said it.", (0, 2), (), "conjuncts", []),
])
def test_span_mentions(text, span, names, pick, expected):
    doc = process(text)
    mention_at, inside = mentions_of(doc, *names)
    assert [mention_text(doc, m) for m in span_mentions(doc.tokens, span, mention_at, pick=pick, inside=inside)] \
        == expected


def test_shared_subject_parts():
    doc = process("During the talks, the envoy, who arrived on Monday, said it.")
    toks = doc.tokens
    who, arrived, said = (next(t.i for t in toks if t.text == w) for w in ("who", "arrived", "said"))
    assert clause_opening(toks, arrived, 0) == (who + 1, who)
    assert clause_opening(process("After the talks it ended.").tokens, 4, 0) == (0, None)  # a preposition
    assert relative_antecedent(toks, who, 0) == (4, 6)
    assert governed(toks, 1, 0) and not governed(toks, 4, 0)
    after = process("After the talks, he left after rival Kim attacked.").tokens
    assert governed(after, 1, 0) and not governed(after, 7, 0)  # a preposition; a subordinator
    monday = next(t.i for t in toks if t.text == "Monday")
    assert skip_adjuncts_left(toks, monday, 0, time={monday}) == arrived
    assert head_mention(toks, 4, 6, {}.get) is None
    assert skip_adjuncts_left(toks, said - 1, 0) == said - 1


def test_shared_word_sets():
    assert CLAUSE_OPENERS < SUBORDINATORS | {"what", "why", "how"} and "after" not in CLAUSE_OPENERS
    assert "in" in LOCATIVE and "during" in CIRCUMSTANTIAL and not LOCATIVE & CIRCUMSTANTIAL
    assert {"that", "whether", "because", "which"} <= SUBORDINATORS
    assert {"monday", "yesterday", "last", "week"} <= time_words()
    assert "week" in time_words("noun") and "week" not in time_words("weekday", "day", "relative")
    assert {"urge", "force", "ask", "tell"} <= object_control_verbs()
    with pytest.raises(ValueError):
        time_words("season")


@pytest.mark.parametrize("text, kinds", [
    ("Kim said that the envoy left.", [("start", None), ("sub", "that")]),
    ("The ministry condemned the move and urged Seoul to reconsider.", [("start", None), ("coord", "and")]),
    ("After he left, the talks collapsed.", [("start", None), ("sub", "after"), ("punct", ",")]),
    ("Seoul asked why the envoy left.", [("start", None), ("sub", "why")]),
    ("The talks collapsed after the envoy left.", [("start", None), ("sub", "after")]),
    ("The talks collapsed after a week.", [("start", None)]),
])
def test_clause_segments(text, kinds):
    doc = process(text)
    toks = doc.tokens
    segs = clause_segments(toks, 0, len(toks), verb_groups(toks, 0, len(toks)))
    assert list(zip(segs.kind, segs.opener)) == kinds
    assert segs.end[-1] == len(toks) and all(segs.of[k] == len(segs.start) - 1 for k in range(segs.start[-1], len(toks)))


@pytest.mark.parametrize("text, prepositions, words", [
    ("told his standing in the crowded field slipped", None, "his standing in the crowded field"),
    ("a spokesman for the ministry in Seoul said", None, "a spokesman for the ministry in Seoul"),
    ("a spokesman for the ministry in Seoul said", ("of", "for", "at"), "a spokesman for the ministry"),
    ("the claim that he lied", None, "the claim"),
])
def test_np_with_pps(text, prepositions, words):
    doc = process(text)
    start = 1 if text.startswith("told") else 0
    end = np_with_pps(doc.tokens, start, len(doc.tokens), prepositions=prepositions)
    assert " ".join(t.text for t in doc.tokens[start:end]) == words
