"""Text: paragraphs, sentences and tokens with exact offsets, POS tags and lemmas, and the
shallow clause structure every analysis reads (verb groups, noun phrases, subjects, objects).

Modules: :mod:`.tokens` (segmentation), :mod:`.tagging` (NLTK's perceptron tags, lemmas),
:mod:`.quotemarks` (quotation spans at character level), :mod:`.clauses` (the shallow clause
analyser: tag sets, verb groups, noun phrases, clause starts) and :mod:`.lexicon` (its word lists).
Imports only :mod:`toolkit.resources` and :mod:`toolkit.nltkdata`; every other subpackage
may import this one.
"""
