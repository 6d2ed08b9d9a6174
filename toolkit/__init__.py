"""News-analysis toolkit: who is quoted saying what, who stands where, what happened when.

The package is layered; a subpackage imports only those above it::

    resources, nltkdata, files, corpus   data tables, NLTK data, atomic writes, articles in
    -> text                              tokens, tags, lemmas, quotation marks, clauses
    -> actors                            mentions resolved to canonical actors
    -> quotes, time, stance              the analyses (stance may import quotes)
    -> annotate                          the JSON Lines contract, every analysis once
    -> store                             Parquet tables per kind, DuckDB queries, the cache, the corpus run
    -> report, export                    tables, charts, notebooks, article pages, the HTML report;
                                         brat / Label Studio files to correct the results

:mod:`toolkit.evaluate` and :mod:`toolkit.bench` may import anything. See README.md
for the commands and the annotate contract.

In JupyterLab three entry points are at the top of the package, loaded on first use (the package
itself stays as light as its base layer): ``toolkit.open_run(path)`` (a finished run's tables and
articles, :mod:`toolkit.report.explore`), ``toolkit.show(record)`` (an article with its annotations
highlighted inline) and ``toolkit.open_store(path)`` (the run's store for DuckDB queries).

>>> import toolkit
>>> toolkit.__version__
'0.1.0'
>>> callable(toolkit.show) and callable(toolkit.open_run)
True
"""
import importlib

__version__ = "0.1.0"

#: The notebook entry points: name -> the module that defines it (imported on first use).
_ENTRY_POINTS = {"show": "toolkit.report.explore", "open_run": "toolkit.report.explore",
                 "open_store": "toolkit.store"}


def __getattr__(name: str):
    if name in _ENTRY_POINTS:
        return getattr(importlib.import_module(_ENTRY_POINTS[name]), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_ENTRY_POINTS])
