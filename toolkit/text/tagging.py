"""Penn Treebank POS tags and lemmas for a :class:`~toolkit.text.tokens.Doc`.

The tags are those of NLTK's averaged perceptron (``nltk.pos_tag``): same model,
same features, same tag dictionary. What differs is the arithmetic: NLTK scores
each token by summing Python dicts; here the features that depend only on the
words are looked up for a whole document at once and summed with NumPy, and only
the four features that depend on the previous tags are added token by token.
That is about three times faster, which pays for the analyses built on top.
Agreement with ``nltk.pos_tag`` is checked by ``tests/test_tagging.py`` and
printed by ``python -m toolkit bench``.

Lemmas are a light rule-based lemmatizer (no WordNet offline): irregular forms
from ``data/text/irregular_verbs.tsv``, then English inflection rules, enough for
cue-verb and stance-verb tables to be written by lemma.

Example::

    >>> from toolkit.text.tokens import tokenize
    >>> doc = tag(tokenize("Kim said the ministry summoned him."))
    >>> [(t.text, t.tag, t.lemma) for t in doc.tokens][:3]
    [('Kim', 'NNP', 'kim'), ('said', 'VBD', 'say'), ('the', 'DT', 'the')]
"""
from __future__ import annotations

from array import array
from functools import lru_cache

import numpy as np

from toolkit.resources import read_table, require_nltk
from toolkit.text.tokens import Doc, tokenize

__all__ = ["tag", "process", "PerceptronModel", "model", "lemmatize", "english_words"]

START = ("-START-", "-START2-")
END = ("-END-", "-END2-")
#: Tokens whose static feature rows are summed at once: ``W[rows]`` is 9 rows of weights per token
#: (about 3 KB), so a whole long article at once would take gigabytes.
_CHUNK = 8192


def _normalize(word: str) -> str:
    # Exactly nltk.tag.perceptron.PerceptronTagger.normalize.
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word and word[0].isdigit():
        return "!DIGITS"
    return word.lower()


class PerceptronModel:
    """NLTK's averaged-perceptron English tagger, scored with NumPy."""

    def __init__(self) -> None:
        require_nltk("averaged_perceptron_tagger_eng")
        from nltk.tag.perceptron import PerceptronTagger

        nltk_tagger = PerceptronTagger()
        weights: dict[str, dict[str, float]] = nltk_tagger.model.weights
        self.tagdict: dict[str, str] = dict(nltk_tagger.tagdict)
        self.classes: list[str] = sorted(nltk_tagger.classes)
        k = len(self.classes)
        cls_index = {c: j for j, c in enumerate(self.classes)}
        self.feature_index: dict[str, int] = {}
        matrix = np.zeros((len(weights) + 1, k), dtype=np.float64)
        for row, (feat, by_label) in enumerate(weights.items()):
            self.feature_index[feat] = row
            for label, weight in by_label.items():
                matrix[row, cls_index[label]] = weight
        self.missing = len(weights)  # an all-zero row for unseen features
        self.W = matrix
        self.bias = matrix[self.feature_index["bias"]] if "bias" in self.feature_index else np.zeros(k)
        # Previous-tag features: prev in classes + START, prev2 likewise.
        self.prev_tags = self.classes + list(START)
        self.prev_index = {t: j for j, t in enumerate(self.prev_tags)}
        n = len(self.prev_tags)
        dyn = np.zeros((n, n, k))
        fi = self.feature_index
        for a, prev in enumerate(self.prev_tags):
            row_prev = matrix[fi.get("i-1 tag " + prev, self.missing)]
            for b, prev2 in enumerate(self.prev_tags):
                dyn[a, b] = (row_prev + matrix[fi.get("i-2 tag " + prev2, self.missing)]
                             + matrix[fi.get("i tag+i-2 tag " + prev + " " + prev2, self.missing)]
                             + self.bias)
        self.dynamic = dyn
        self._reversed = k - 1

    def _static_scores(self, rows: array) -> np.ndarray | None:
        """The summed static feature weights per token (``rows``: 9 feature rows a token, flat), a chunk
        of tokens at a time so the gathered weights stay small; each token's sum is the same as at once."""
        if not rows:
            return None
        index = np.frombuffer(rows, dtype=np.int64).astype(np.intp, copy=False).reshape(-1, 9)
        out = np.empty((len(index), self.W.shape[1]), dtype=self.W.dtype)
        for lo in range(0, len(index), _CHUNK):
            out[lo:lo + _CHUNK] = self.W[index[lo:lo + _CHUNK]].sum(axis=1)
        return out

    def tag_sentences(self, sentences: list[list[str]]) -> list[list[str]]:
        """Tags for sentences of tokens in tagger form, as ``nltk.pos_tag`` gives them one sentence at a time.

        >>> model().tag_sentences([["Kim", "left", "."], ["He", "stayed"]])
        [['NNP', 'VBD', '.'], ['PRP', 'VBD']]
        """
        fi = self.feature_index
        get = fi.get
        missing = self.missing
        tagdict = self.tagdict
        rows = array("q")  # 9 feature rows per token, flat (a list of lists costs ~300 bytes a token)
        contexts: list[list[str]] = []
        # Static (word-only) features for every token not settled by the tag dictionary.
        for words in sentences:
            context = [START[0], START[1], *(_normalize(w) for w in words), END[0], END[1]]
            contexts.append(context)
            for i, word in enumerate(words):
                if word in tagdict:
                    continue
                j = i + 2
                rows.extend((
                    get("i suffix " + word[-3:], missing),
                    get("i pref1 " + (word[0] if word else ""), missing),
                    get("i word " + context[j], missing),
                    get("i-1 word " + context[j - 1], missing),
                    get("i-1 suffix " + context[j - 1][-3:], missing),
                    get("i-2 word " + context[j - 2], missing),
                    get("i+1 word " + context[j + 1], missing),
                    get("i+1 suffix " + context[j + 1][-3:], missing),
                    get("i+2 word " + context[j + 2], missing),
                ))
        static = self._static_scores(rows)
        out: list[list[str]] = []
        classes = self.classes
        prev_index = self.prev_index
        dynamic = self.dynamic
        W = self.W
        last = self._reversed
        k = 0
        for words, context in zip(sentences, contexts):
            tags: list[str] = []
            prev, prev2 = START
            for i, word in enumerate(words):
                tag_ = tagdict.get(word)
                if tag_ is None:
                    scores = static[k] + dynamic[prev_index[prev], prev_index[prev2]]
                    k += 1
                    row = get("i-1 tag+i word " + prev + " " + context[i + 2])
                    if row is not None:
                        scores = scores + W[row]
                    # NLTK breaks ties by the alphabetically larger label: take the last maximum.
                    tag_ = classes[last - int(np.argmax(scores[::-1]))]
                tags.append(tag_)
                prev2, prev = prev, tag_
            out.append(tags)
        return out


@lru_cache(maxsize=1)
def model() -> PerceptronModel:
    """The tagger model, loaded once per process.

    >>> model() is model(), "NNP" in model().classes
    (True, True)
    """
    return PerceptronModel()


# --------------------------------------------------------------------------- lemmas


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in read_table("text/irregular_verbs.tsv"):
        for form in row["forms"].split(","):
            if form.strip():
                table[form.strip()] = row["lemma"]
    return table


_DOUBLE_OK = set("bdgklmnprtz")


@lru_cache(maxsize=65536)
def lemmatize(word: str, tag: str) -> str:
    """Lower-case base form of ``word`` given its Penn tag (verbs and plural nouns inflect).

    >>> lemmatize("urged", "VBD"), lemmatize("denies", "VBZ"), lemmatize("ministries", "NNS")
    ('urge', 'deny', 'ministry')
    >>> lemmatize("grilled", "VBD")   # not "grille": a double l stays with the stem
    'grill'

    """
    low = word.lower().replace("’", "'")
    if tag.startswith("VB"):
        irregular = _irregular().get(low)
        if irregular:
            return irregular
        if tag in ("VBD", "VBN") and low.endswith("ed") and len(low) > 3:
            return _strip_suffix(low, 2)
        if tag == "VBG" and low.endswith("ing") and len(low) > 4:
            return _strip_suffix(low, 3)
        if tag == "VBZ" and low.endswith("s") and len(low) > 3:
            if low.endswith("ies"):
                return low[:-3] + "y"
            if low.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
                return low[:-2]
            return low[:-1]
        return low
    if tag in ("NNS", "NNPS") and len(low) > 3:
        if low.endswith("ies"):
            return low[:-3] + "y"
        if low.endswith(("sses", "shes", "ches", "xes")):
            return low[:-2]
        if low.endswith("s") and not low.endswith(("ss", "us", "is")):
            return low[:-1]
    return low


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """NLTK's English word list (lower-case entries), loaded once per process.

    The lemmatizer picks the real base form among candidates with it; the actors
    module tells capitalised common words from names with it.

    >>> "ministry" in english_words(), "Ministry" in english_words()
    (True, False)
    """
    try:
        require_nltk("words")
        from nltk.corpus import words

        return frozenset(w for w in words.words() if w.islower())
    except Exception:  # noqa: BLE001 - the rules alone still give a usable stem
        return frozenset()


# Stems ending in these consonant clusters take no silent e ("respond", "insist", "pass"),
# though the word list holds rare words such as "responde" and "passe".
_FINAL_CLUSTERS = ("ss", "ll", "nd", "st", "rt", "ct", "pt", "lt", "ft", "sk", "ck", "rm", "rn", "wn", "mp", "nt", "ld")


def _strip_suffix(low: str, n: int) -> str:
    """Base form of an -ed (n=2) or -ing (n=3) verb: the first candidate that is an English word."""
    stem = low[:-n]
    words = english_words()
    candidates = [stem + "e", stem]
    if stem.endswith(_FINAL_CLUSTERS):
        candidates = [stem, stem + "e"]  # responded -> respond, not "responde"; passed -> pass
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])  # stopped -> stop
    if n == 2 and stem.endswith("i"):
        candidates.insert(0, stem[:-1] + "y")  # denied, tried -> deny, try
    for candidate in candidates:
        if candidate in words:
            return candidate
    # Unknown to the word list: fall back on spelling rules.
    if n == 2 and stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in _DOUBLE_OK and stem[-1] not in "ls":
        return stem[:-1]
    if stem.endswith(("at", "iz", "is", "ur", "rv", "lv", "iv", "av", "ov", "uc", "dg", "rg", "nc", "rc", "u")):
        return stem + "e"
    return stem


# --------------------------------------------------------------------------- doc level


def tag(doc: Doc) -> Doc:
    """Set ``tag`` and ``lemma`` on every token of ``doc`` (in place); return it.

    >>> from toolkit.text.tokens import tokenize
    >>> [(t.tag, t.lemma) for t in tag(tokenize("Officials denied it.")).tokens]
    [('NNS', 'official'), ('VBD', 'deny'), ('PRP', 'it'), ('.', '.')]
    """
    sentences = [[t.norm for t in doc.tokens[s.first:s.last]] for s in doc.sentences]
    tagged = model().tag_sentences(sentences)
    for sent, tags in zip(doc.sentences, tagged):
        for token, tag_ in zip(doc.tokens[sent.first:sent.last], tags):
            token.tag = tag_
            token.lemma = lemmatize(token.text, tag_)
    return doc


def process(text: str) -> Doc:
    """Tokenize and tag ``text``: paragraphs, sentences, tokens with offsets, tags and lemmas.

    >>> [(t.text, t.tag) for t in process("Seoul protested.").tokens]
    [('Seoul', 'NNP'), ('protested', 'VBD'), ('.', '.')]
    """
    return tag(tokenize(text))
