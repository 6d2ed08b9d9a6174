"""Evaluation of the toolkit's analyses against public annotated corpora.

Each corpus has its own module with ``evaluate(path) -> dict`` and ``main(argv) -> int``:

* :mod:`toolkit.evaluate.polnear` — quotes and attribution (PolNeAR, BRAT standoff):
  ``python -m toolkit.evaluate.polnear PATH [--errors N]``.

The corpora are not shipped with the toolkit: the modules take the folder's path.
"""
