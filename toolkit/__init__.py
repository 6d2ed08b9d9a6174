"""News-analysis toolkit: who is quoted saying what, who stands where, what happened when.

The package is layered; a subpackage imports only those above it::

    resources, nltkdata, files, corpus   data tables, NLTK data, atomic writes, articles in
    -> text                              tokens, tags, lemmas, quotation marks, clauses
    -> actors                            mentions resolved to canonical actors
    -> quotes, time, stance              the analyses (stance may import quotes)
    -> annotate                          the JSON Lines contract, every analysis once
    -> store                             Parquet tables per kind, DuckDB queries, the cache, the corpus run
    -> report                            tables, charts, notebooks, the HTML report

:mod:`toolkit.evaluate` and :mod:`toolkit.bench` may import anything. See README.md
for the commands and the annotate contract.

>>> import toolkit
>>> toolkit.__version__
'0.1.0'
"""
__version__ = "0.1.0"
