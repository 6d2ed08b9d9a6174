"""News-analysis toolkit: who is quoted saying what, who stands where, what happened when.

The package is layered; each module imports only those above it::

    corpus -> tokens -> tagging -> clauses, polarity -> actors -> quotes, timex/timeline
           -> portrayal -> stance
           -> annotate (the JSON Lines contract) -> frames -> report

See README.md for the commands and the annotate contract.
"""
__version__ = "0.1.0"
