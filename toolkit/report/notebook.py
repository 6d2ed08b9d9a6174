"""Helpers that keep the report notebooks thin: load, show, save.

A notebook's parameters cell gives ``corpus``, ``annotations`` and ``output_dir``;
the rest is a few calls::

    from toolkit.report import frames

    from toolkit.report import notebook as nb
    store = nb.load_store(corpus=corpus, annotations=annotations)
    docs = frames.documents_frame(store)
    nb.show_table(docs)
    nb.save_table(docs, output_dir, "documents")

Layering is one way: notebooks import ``toolkit``; ``toolkit`` never imports a notebook.
"""
from __future__ import annotations

import html
import math
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from toolkit.files import atomic_path

__all__ = ["load_records", "load_store", "save_table", "save_query", "save_figure", "show_figure", "caption", "show_table", "table_html", "esc",
           "ParameterError", "Rule", "PARAMETER_RULES", "check_parameter", "check_parameters"]


def esc(value: object) -> str:
    """HTML-escape any value for text placed in HTML (article text always goes through this).

    >>> esc('<b>"Kim"</b>')
    '&lt;b&gt;&quot;Kim&quot;&lt;/b&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


def load_records(*, corpus: str, annotations: str = "", published: str | None = None) -> list[dict]:
    """The annotation records of a run, whole (:func:`load_store` reads them column by column instead).

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
    return list(load_store(corpus=corpus, annotations=annotations, published=published).records())


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


def save_query(store, query: str, output_dir: str | os.PathLike, name: str) -> Path:
    """Write the rows of a DuckDB ``query`` over a store as ``output_dir/name.csv``, atomically, without
    holding them in memory (DuckDB writes the file): for the tables too long to load, such as every
    actor mention of a large corpus.

    >>> import tempfile
    >>> from toolkit.store import Store
    >>> store = Store.from_records([{"id": "a", "text": "Kim spoke."}])
    >>> save_query(store, "select id from documents", tempfile.mkdtemp(), "ids").read_text().split()
    ['id', 'a']
    """
    path = _target(output_dir, name, ".csv")
    with atomic_path(path) as tmp:
        target = str(tmp).replace("'", "''")
        store.con.execute(f"COPY ({query}) TO '{target}' (HEADER, DELIMITER ',')")
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


def _as_text(value: object) -> object:
    """A table cell the Styler escapes: strings and numbers as they are, anything else (a list, a dict) as text.

    pandas escapes only ``str`` cells, so a list holding article text would reach the page raw.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    try:
        if pd.isna(value):
            return value
    except (TypeError, ValueError):  # a list or array: not a missing value
        pass
    return str(value)


def table_html(df: pd.DataFrame, *, max_rows: int = 100, wrap: tuple[str, ...] = ("title", "text", "sentence_text")
               ) -> str:
    """The HTML of :func:`show_table`: first ``max_rows`` rows, no index, dates as YYYY-MM-DD, every
    header, label and cell escaped (column names can come from parameters, e.g. topic names).

    >>> page = table_html(pd.DataFrame({"<img src=x>": ["<script>"], "n": [1]}))
    >>> "&lt;img src=x&gt;" in page and "&lt;script&gt;" in page and "<script>" not in page
    True
    """
    shown = df.head(max_rows).copy()
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
        elif shown[column].dtype == object:
            shown[column] = shown[column].map(_as_text)
    # Axis names are not escaped by the Styler; the index is hidden, so they carry nothing worth showing.
    shown.columns = shown.columns.set_names([None] * shown.columns.nlevels)
    shown.index = shown.index.set_names([None] * shown.index.nlevels)
    styler = (shown.style.hide(axis="index").format(escape="html", na_rep="", precision=2)
              .format_index(escape="html", axis=0).format_index(escape="html", axis=1))
    styles = [{"selector": "td, th", "props": "text-align:left;vertical-align:top;padding:2px 8px"}]
    styler = styler.set_table_styles(styles)
    wrapped = [c for c in wrap if c in shown.columns]
    unwrapped = [c for c in shown.columns if c not in wrapped]
    if wrapped:
        styler = styler.set_properties(subset=wrapped, **{"white-space": "normal", "min-width": "14em",
                                                          "max-width": "30em"})
    narrow = [c for c in unwrapped if c in _NARROW]
    names = [c for c in unwrapped if c in _NAMES]
    unwrapped = [c for c in unwrapped if c not in _NARROW and c not in _NAMES]
    if names:  # speakers, actors, parties: a few words, wrapped rather than widening the table
        styler = styler.set_properties(subset=names, **{"white-space": "normal", "max-width": "12em"})
    if unwrapped:  # short values (dates, counts) stay on one line
        styler = styler.set_properties(subset=unwrapped, **{"white-space": "nowrap"})
    if narrow:  # long ids break anywhere rather than push the evidence off screen
        styler = styler.set_properties(subset=narrow, **{"max-width": "11em", "overflow-wrap": "anywhere",
                                                         "white-space": "normal", "font-size": "85%"})
    return _PAGE_CELL.sub(lambda m: f'><a href="{m.group(1)}">show</a></td>', styler.to_html())


#: Columns of names (a few words each): wrapped at a modest width.
_NAMES = frozenset({"speaker", "actor", "party", "holder", "holder_actor", "holder_party", "target", "target_actor",
                    "target_party", "actors", "name", "cue", "title", "rule"})
#: Columns of long identifiers: shown narrow, broken anywhere.
_NARROW = frozenset({"document", "article", "id"})
#: A cell that holds exactly a link to an article page (:func:`page_links`): made a link. Only file-name
#: characters and an offset anchor match, so no cell text can become markup this way.
_PAGE_CELL = re.compile(r'>(articles/[A-Za-z0-9._-]+\.html(?:#[a-z]-\d+)?)</td>')


def page_links(df: pd.DataFrame, output_dir: str | os.PathLike, *, kind: str | None, start: str = "start",
               document: str = "document") -> pd.Series:
    """Per row, the link to its place on its article page (``articles/<file>.html#<kind>-<start>``) when the
    run wrote that page into ``output_dir``, else None; in :func:`show_table` such a cell is a link.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()); (out / "articles").mkdir(); _ = (out / "articles" / "a.html").write_text("")
    >>> page_links(pd.DataFrame({"document": ["a", "b"], "start": [12, 3]}), out, kind="q").tolist()
    ['articles/a.html#q-12', None]
    """
    from toolkit.report.pages import page_name

    folder = Path(output_dir) / "articles"
    present = {p.name for p in folder.glob("*.html")} if folder.is_dir() else set()
    if df.empty:
        return pd.Series([], dtype=object, index=df.index)

    # one page name per document, then whole columns at once (a corpus's quotes table has millions of rows)
    names = {d: page_name(str(d)) for d in df[document].dropna().unique()}
    pages = df[document].map(lambda d: f"articles/{names[d]}" if names.get(d) in present else None)
    if kind and start in df:
        at = pd.to_numeric(df[start], errors="coerce")
        anchored = pages.notna() & at.notna()
        pages = pages.astype(object)
        pages[anchored] = pages[anchored] + f"#{kind}-" + at[anchored].astype("int64").astype(str)
    return pages.astype(object).where(pages.notna(), None)


def show_table(df: pd.DataFrame, *, max_rows: int = 100, wrap: tuple[str, ...] = ("title", "text", "sentence_text"),
               note: str | None = None) -> None:
    """Display ``df`` readably: no index, escaped text, long text wrapped, dates as YYYY-MM-DD.

    Shows the first ``max_rows`` rows and says how many were left out (the full table
    belongs in a CSV, see :func:`save_table`); ``note`` is shown under the table.
    Headers and cells are escaped (:func:`table_html`). Returns nothing, so a trailing
    call does not display the table twice.
    """
    from IPython.display import HTML, display

    display(HTML(table_html(df, max_rows=max_rows, wrap=wrap)))
    shown = len(df.head(max_rows))
    left_out = len(df) - shown
    if left_out > 0 or note:
        extra = f"Showing the first {shown} of {len(df)} rows. " if left_out > 0 else ""
        caption(extra + (note or ""))


# --------------------------------------------------------------------------- parameters


class ParameterError(ValueError):
    """A notebook parameter of the wrong type or out of its range."""


@dataclass(frozen=True, slots=True)
class Rule:
    """What one notebook parameter accepts.

    ``kind`` is "int", "float", "bool", "str", "words" (a list of strings), "topics" (topic
    name -> list of key terms), "day" (YYYY-MM-DD or empty) or "choice" (one of ``choices``);
    ``low`` and ``high`` bound a number (inclusive).
    """

    kind: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def expected(self) -> str:
        """What the rule accepts, in words (for error messages)."""
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        words = {"int": "a whole number", "float": "a number", "bool": "true or false", "str": "a string",
                 "words": 'a list of strings, e.g. ["South Korea", "Russia"]',
                 "topics": 'a dict of topic name -> list of key terms, e.g. {"troops": ["troops", "soldiers"]}',
                 "day": "a day as YYYY-MM-DD, or empty for no limit"}[self.kind]
        if self.low is not None and self.high is not None:
            return f"{words} from {self.low:g} to {self.high:g}"
        if self.low is not None:
            return f"{words} >= {self.low:g}"
        if self.high is not None:
            return f"{words} <= {self.high:g}"
        return words


#: The parameters the report notebooks declare, by name (the same name means the same thing in
#: every notebook). ``python -m toolkit report`` checks ``-p`` values against these before any
#: notebook runs, and each notebook checks its own in its first code cell (:func:`check_parameters`),
#: so a bad value fails with one clear message instead of a traceback deep inside a chart.
PARAMETER_RULES: dict[str, Rule] = {
    "corpus": Rule("str"),
    "annotations": Rule("str"),
    "output_dir": Rule("str"),
    "top_n_actors": Rule("int", low=1),
    "focus_actors": Rule("words"),
    "min_quote_words": Rule("int", low=0),
    "top_n": Rule("int", low=1),
    "topics": Rule("topics"),
    "actors": Rule("words"),
    "level": Rule("choice", choices=("party", "actor")),
    "n_topics": Rule("int", low=0),
    "include_article": Rule("bool"),
    "min_confidence": Rule("float", low=0, high=1),
    "date_from": Rule("day"),
    "date_to": Rule("day"),
    "lanes": Rule("choice", choices=("actor", "document")),
    "max_events": Rule("int", low=1),
    "group_by": Rule("str"),
    "time_bin": Rule("choice", choices=("day", "week", "month", "quarter", "year")),
    "min_quotes": Rule("int", low=1),
    "n_boot": Rule("int", low=100, high=100_000),
    "run": Rule("str"),
    "actor": Rule("str"),
    "article": Rule("str"),
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown(value: object, *, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters (a pasted megabyte must not fill the terminal)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _decoded(value: object, opener: str) -> object:
    """A list or mapping given as its JSON text (``papermill -p actors '["Raymond Roth"]'`` passes a string):
    the value it writes; anything else as it is (and then refused, never read character by character).

    >>> _decoded('["Raymond Roth"]', "["), _decoded("Raymond Roth", "[")
    (['Raymond Roth'], 'Raymond Roth')
    """
    if isinstance(value, str) and value.strip().startswith(opener):
        import json

        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _conform(rule: Rule, value: object) -> tuple[bool, object]:
    """Whether ``value`` fits ``rule``'s kind, and the value in that kind (an int for a float rule: a float)."""
    kind = rule.kind
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return isinstance(value, int) and not isinstance(value, bool), value
    if kind == "float":
        return _is_number(value) and math.isfinite(value), float(value) if _is_number(value) else value
    if kind == "bool":
        return isinstance(value, bool), value
    if kind == "str":
        return isinstance(value, str), value
    if kind == "choice":
        return isinstance(value, str) and value in rule.choices, value
    if kind == "day":
        if value is None or value == "":
            return True, "" if value is None else value
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            return False, value
        try:
            date.fromisoformat(value)
        except ValueError:
            return False, value
        return True, value
    if kind == "words":
        value = _decoded(value, "[")
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        return ok, list(value) if ok else value
    if kind == "topics":
        value = _decoded(value, "{")
        ok = isinstance(value, Mapping) and all(
            isinstance(name, str) and name.strip() and isinstance(terms, (list, tuple)) and terms
            and all(isinstance(t, str) and t.strip() for t in terms)
            for name, terms in value.items())
        return bool(ok), {name: list(terms) for name, terms in value.items()} if ok else value
    raise ValueError(f"unknown parameter kind {kind!r}")


def check_parameter(name: str, value: object, *, notebook: str = "") -> object:
    """Check one parameter against :data:`PARAMETER_RULES`; return it in its kind (a tuple as a list).

    A name without a rule is returned as it is. Raises :class:`ParameterError` saying which
    notebook and parameter, what was given and what is expected.

    >>> check_parameter("top_n", 3)
    3
    >>> check_parameter("top_n", -3, notebook="quotes")
    Traceback (most recent call last):
    ...
    toolkit.report.notebook.ParameterError: parameter 'top_n' of quotes wants a whole number >= 1, got -3
    """
    rule = PARAMETER_RULES.get(name)
    if rule is None:
        return value
    ok, value = _conform(rule, value)
    if ok and _is_number(value):
        ok = (rule.low is None or rule.low <= value) and (rule.high is None or value <= rule.high)
    if not ok:
        where = f"parameter {name!r}" + (f" of {notebook}" if notebook else "")
        raise ParameterError(f"{where} wants {rule.expected()}, got {_shown(value)}")
    return value


def check_parameters(notebook: str, /, **values: object) -> dict[str, object]:
    """Check a notebook's parameters (its first code cell calls this); return them checked.

    Each value must fit its :data:`PARAMETER_RULES` entry, and ``date_from`` must not come
    after ``date_to``. A notebook run with papermill outside ``python -m toolkit report`` thus
    fails on a bad value at once, with a message naming it, not later inside a table or chart.

    >>> check_parameters("timeline", date_from="2024-10-01", date_to="2024-10-31", lanes="actor")["lanes"]
    'actor'
    >>> check_parameters("stance", topics=[1, 2])
    Traceback (most recent call last):
    ...
    toolkit.report.notebook.ParameterError: parameter 'topics' of stance wants a dict of topic name ... got [1, 2]
    """
    checked = {name: check_parameter(name, value, notebook=notebook) for name, value in values.items()}
    first, last = checked.get("date_from"), checked.get("date_to")
    if first and last and first > last:
        raise ParameterError(f"parameters of {notebook}: date_from {first!r} comes after date_to {last!r}")
    return checked


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
    annotate_to_store(iter_documents(paths, published=published), folder, cache=None, workers=1, progress=False,
                      on_error=lambda err: print(f"skipped: {err}", file=sys.stderr))
    return open_store(folder)
