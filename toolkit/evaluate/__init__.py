"""Evaluation of the analyses on public annotated corpora, one module per analysis.

Each module takes the corpus path (the corpora are not part of the project; README says where to
get them), drives the analysis through the annotate contract, and prints its figures beside the
published references and simple baselines measured in the same run:

* :mod:`toolkit.evaluate.sentiment` -- stance toward actors: directed sentiment (Park, Pan & Joo
  2021) and NewsMTSC (Hamborg & Donnay 2021).
"""
