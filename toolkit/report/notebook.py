"""Helpers that keep the report notebooks thin: load, show, save.

A notebook's parameters cell gives ``corpus``, ``annotations`` and ``output_dir``;
the rest is a few calls::

    from toolkit.report import frames

    from toolkit.report import notebook as nb
    records = nb.load_records(corpus=corpus, annotations=annotations)
    docs = frames.documents_frame(records)
    nb.show_table(docs)
    nb.save_table(docs, output_dir, "documents")

Layering is one way: notebooks import ``toolkit``; ``toolkit`` never imports a notebook.
"""
from __future__ import annotations

import html
import os
import sys
from pathlib import Path

import pandas as pd

from toolkit.files import atomic_path

__all__ = ["load_records", "load_store", "save_table", "save_figure", "show_figure", "caption", "show_table", "esc"]


def esc(value: object) -> str:
    """HTML-escape any value for text placed in HTML (article text always goes through this).

    >>> esc('<b>"Kim"</b>')
    '&lt;b&gt;&quot;Kim&quot;&lt;/b&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def load_records(*, corpus: str, annotations: str = "", published: str | None = None) -> list[dict]:
    """The annotation records of a run: read ``annotations`` if it exists, else annotate ``corpus``.

    ``corpus`` may name several files or folders separated by ``os.pathsep``. Annotating
    on the fly lets a notebook opened on its own (e.g. in JupyterLab) work without a
    report run; articles that cannot be loaded are listed on stderr and skipped.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Talks resume\\n\\nKim said the talks would resume.\\n")
    >>> records = load_records(corpus=str(folder))
    >>> records[0]["title"], [q["actor"] for q in records[0]["quotes"]]
    ('Talks resume', ['Kim'])
    """
    from toolkit.annotate import annotate_records, read_annotations
    from toolkit.corpus import LoadError, iter_documents

    if annotations and Path(annotations).is_file():
        return read_annotations(annotations)
    paths = [p for p in str(corpus).split(os.pathsep) if p]
    records = []
    for item in annotate_records(iter_documents(paths, published=published)):
        if isinstance(item, LoadError):
            print(f"skipped: {item}", file=sys.stderr)
        else:
            records.append(item)
    return records


def _target(output_dir: str | os.PathLike, name: str, suffix: str) -> Path:
    name = name if name.endswith(suffix) else name + suffix
    if Path(name).name != name:
        raise ValueError(f"{name!r}: give a file name, not a path (the folder is output_dir)")
    return Path(output_dir) / name


def save_table(df: pd.DataFrame, output_dir: str | os.PathLike, name: str) -> Path:
    """Write ``df`` as ``output_dir/name.csv`` (UTF-8, no index), atomically; return the path.

    >>> import tempfile
    >>> save_table(pd.DataFrame({"a": [1]}), tempfile.mkdtemp(), "t").name
    't.csv'
    """
    path = _target(output_dir, name, ".csv")
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return path


def save_figure(fig, output_dir: str | os.PathLike, name: str, *, dpi: int = 120) -> Path:
    """Write a matplotlib figure as ``output_dir/name.png``, atomically; return the path.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> save_figure(fig, tempfile.mkdtemp(), "chart").suffix
    '.png'
    """
    path = _target(output_dir, name, ".png")
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi, bbox_inches="tight")
    return path


def show_figure(fig) -> None:
    """Display a figure once (and release it, so the inline backend does not show it again)."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)


def caption(text: str, *, html_markup: bool = False) -> None:
    """Show a short paragraph (under a chart or table) saying what it shows.

    ``text`` is escaped, so article text is safe to include; pass ``html_markup=True``
    only for markup you wrote yourself (escape inserted values with :func:`esc`).
    """
    from IPython.display import HTML, display

    body = text if html_markup else esc(text)
    display(HTML(f'<p class="toolkit-caption" style="max-width:48em;color:#333;margin:.4em 0 1.2em">{body}</p>'))


def show_table(df: pd.DataFrame, *, max_rows: int = 100, wrap: tuple[str, ...] = ("title", "text", "sentence_text"),
               note: str | None = None) -> None:
    """Display ``df`` readably: no index, escaped text, long text wrapped, dates as YYYY-MM-DD.

    Shows the first ``max_rows`` rows and says how many were left out (the full table
    belongs in a CSV, see :func:`save_table`); ``note`` is shown under the table.
    Returns nothing, so a trailing call does not display the table twice.
    """
    from IPython.display import display

    shown = df.head(max_rows).copy()
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    styler = shown.style.hide(axis="index").format(escape="html", na_rep="")
    styles = [{"selector": "td, th", "props": "text-align:left;vertical-align:top;padding:2px 8px"}]
    styler = styler.set_table_styles(styles)
    wrapped = [c for c in wrap if c in shown.columns]
    unwrapped = [c for c in shown.columns if c not in wrapped]
    if wrapped:
        styler = styler.set_properties(subset=wrapped, **{"white-space": "normal", "min-width": "16em",
                                                          "max-width": "36em"})
    if unwrapped:  # short values (ids, dates, counts) stay on one line
        styler = styler.set_properties(subset=unwrapped, **{"white-space": "nowrap"})
    display(styler)
    left_out = len(df) - len(shown)
    if left_out > 0 or note:
        extra = f"Showing the first {len(shown)} of {len(df)} rows. " if left_out > 0 else ""
        caption(extra + (note or ""))


def load_store(*, corpus: str, annotations: str = "", published: str | None = None):
    """The annotations of a run as a :class:`toolkit.store.Store` that frames read column by column.

    ``annotations`` is a run's store (its folder, or the run folder), or an ``annotations.jsonl``
    (read into a store in memory); empty, ``corpus`` (files or folders separated by ``os.pathsep``)
    is annotated here into a temporary store, with the annotation cache (``outputs/.cache``), so a
    notebook opened on its own in JupyterLab works without a report run. Articles that cannot be
    loaded are listed on stderr and skipped.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Talks resume\\n\\nKim said the talks would resume.\\n")
    >>> store = load_store(corpus=str(folder))
    >>> store.sql("select title from documents").fetchall(), store.sql("select actor from quotes").fetchall()
    ([('Talks resume',)], [('Kim',)])
    """
    import tempfile

    from toolkit.annotate import read_annotations
    from toolkit.corpus import iter_documents
    from toolkit.store import Store, is_store, open_store
    from toolkit.store.pipeline import annotate_to_store

    if annotations and is_store(annotations):
        return open_store(annotations)
    if annotations and Path(annotations).is_file():
        return Store.from_records(read_annotations(annotations))
    paths = [p for p in str(corpus).split(os.pathsep) if p]
    folder = tempfile.mkdtemp(prefix="toolkit-store-")
    result = annotate_to_store(iter_documents(paths, published=published), folder, cache=None, workers=1,
                               progress=False, on_error=lambda err: print(f"skipped: {err}", file=sys.stderr))
    del result
    return open_store(folder)
