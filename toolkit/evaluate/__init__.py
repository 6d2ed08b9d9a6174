"""Evaluation of the toolkit's analyses on annotated corpora (one module per corpus/task)."""
