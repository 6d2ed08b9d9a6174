"""Report: stored annotations into tables (:mod:`.frames`), charts (:mod:`.charts`), notebook
helpers (:mod:`.notebook`) and the run that executes the notebooks and writes ``index.html``
(:mod:`.run`).

The top of the layers: it reads stored records and never re-runs an analysis.
"""
