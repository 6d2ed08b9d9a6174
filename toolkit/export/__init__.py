"""Export a run's annotations for checking and correcting them in annotation tools.

``python -m toolkit export brat RUN OUT/`` writes brat / INCEpTION standoff files
(:mod:`toolkit.export.brat`); ``python -m toolkit export labelstudio RUN OUT/`` writes Label Studio
tasks with the predictions pre-filled (:mod:`toolkit.export.labelstudio`). ``RUN`` is a report's
run folder, its ``store/`` folder, or an ``annotations.jsonl`` file. A corrected brat folder
scores the toolkit with ``python -m toolkit evaluate brat OUT/``.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["run_records", "main"]

FORMATS = ("brat", "labelstudio")


def run_records(path: str | os.PathLike) -> Iterator[dict]:
    """The annotation records of a run folder, a store folder or an ``annotations.jsonl`` file, in corpus
    order; a path holding none is refused at once (FileNotFoundError), before anything is read."""
    from toolkit.annotate import iter_annotations
    from toolkit.store import is_store, open_store

    p = Path(path)
    if p.is_file():
        return iter_annotations(p)
    if is_store(p):
        return _store_records(open_store(p))
    if (p / "annotations.jsonl").is_file():
        return iter_annotations(p / "annotations.jsonl")
    raise FileNotFoundError(f"{p}: no annotations here (give a run folder made by `python -m toolkit report`, "
                            "its store/ folder, or an annotations.jsonl file)")


def _store_records(store) -> Iterator[dict]:
    try:
        yield from store.records()
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit export",
                                     description="Write a run's annotations for brat/INCEpTION or Label Studio.")
    parser.add_argument("format", choices=FORMATS, help="brat (standoff .txt + .ann) or labelstudio (tasks.json)")
    parser.add_argument("run", help="a run folder, its store/ folder, or an annotations.jsonl file")
    parser.add_argument("out", help="the folder to write into (created if missing)")
    args = parser.parse_args(argv)
    try:
        records = run_records(args.run)
        if args.format == "brat":
            from toolkit.export.brat import export_brat

            n = export_brat(records, args.out)
        else:
            from toolkit.export.labelstudio import export_labelstudio

            n = export_labelstudio(records, args.out)
    except (FileNotFoundError, NotADirectoryError, PermissionError) as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"export {args.format}: {n} article(s) written to {args.out}")
    return 0
