"""The report pipeline: annotate a corpus once, run every notebook, write an HTML report.

``python -m toolkit report [CORPUS ...] [--out DIR] [--notebooks DIR] [--published YYYY-MM-DD]
[-p NAME=VALUE ...]``

A run folder (``outputs/<YYYY-MM-DDTHHMMSS>-<corpus name>/`` unless ``--out``) receives:

``store/``             the annotations as Parquet tables (``annotations.jsonl`` too with ``--jsonl``)
``articles/``          one page per article with its annotations marked (``--pages``, ``--pages-actors``)
``errors.csv``         articles skipped and why (path, line, id, problem, hint; header only when none)
``<name>.ipynb``       each executed notebook, and ``<name>.html`` rendered without code
``*.csv``, ``*.png``   the tables and charts the notebooks save
``index.html``         run parameters, toolkit version, corpus counts, input hashes, links, errors

Notebooks run with papermill (``overview`` first, the rest alphabetically, two at a
time), each with ``corpus``, ``annotations`` and ``output_dir`` plus the ``-p``
parameters its parameters cell declares (``-p top_n_actors=5`` goes to every notebook
declaring ``top_n_actors``; ``-p overview.top_n_actors=5`` to that one only). A failing
notebook is reported and the others still run. Every file is written atomically.

Example (it runs every notebook, so it is shown, not run as a doctest; ``tests/test_report.py``
runs it on the seed)::

    result = run_report(["seeds"], out_dir="/tmp/run")
    result.ok, result.index.name      # (True, 'index.html')
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import csv
import errno
import html
import io
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from toolkit.corpus import (ARTICLE_SUFFIXES, DEFAULT_MAX_CHARS, CorpusError, LoadError, iter_documents,
                            parse_published)
from toolkit.files import atomic_path, sha256, write_text
from toolkit.report.pages import write_article_pages
from toolkit.resources import data_path

__all__ = [
    "ReportError",
    "NotebookResult",
    "RunResult",
    "run_report",
    "find_notebooks",
    "notebook_parameters",
    "render_html",
    "main",
]

#: Parameters every notebook receives from the report itself (not settable with -p).
RUN_PARAMETERS = ("corpus", "annotations", "output_dir")
#: The notebook that runs first; the others follow alphabetically.
FIRST_NOTEBOOK = "overview"
ERROR_COLUMNS = ("path", "line", "id", "problem", "hint")
#: Article pages a run writes unless told otherwise (``--pages``), and their folder.
DEFAULT_PAGES = 500
ARTICLES_DIR = "articles"
#: Kernel used for every notebook, whatever kernel a notebook was last saved with in JupyterLab:
#: ipykernel's own spec, which runs the Python that runs the report.
KERNEL_NAME = "python3"

# The lab template with everything that would load from the network removed:
# require.js, MathJax, mermaid and the widget manager all come from a CDN.
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{% block html_head_js %}{% endblock html_head_js %}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}
{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}
"""
_EXTERNAL = [  # safety net for anything a template or an output still points outside with
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I),
    re.compile(r"@import\s+(?:url\()?[\"']?(?:https?:)?//[^;]*;", re.I),
]


class ReportError(ValueError):
    """A problem with the report's own inputs (notebooks, parameters): nothing was run."""


@dataclass(slots=True)
class NotebookResult:
    """How one notebook went."""

    name: str
    status: str  # "ok" or "failed"
    notebook: Path | None = None
    html: Path | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(slots=True)
class RunResult:
    """What a report run produced."""

    run_dir: Path
    index: Path
    annotations: Path
    errors_csv: Path
    documents: int
    load_errors: list[LoadError] = field(default_factory=list)
    reports: list[NotebookResult] = field(default_factory=list)

    @property
    def failures(self) -> list[NotebookResult]:
        return [r for r in self.reports if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failures


# --------------------------------------------------------------------------- notebooks and parameters


def find_notebooks(notebooks_dir: str | os.PathLike | None = None) -> list[Path]:
    """The notebooks to run: ``overview.ipynb`` first, then the others alphabetically.

    ``notebooks_dir`` defaults to ``notebooks/`` in the current folder, else the one
    beside the installed package (the repository's).
    """
    if notebooks_dir is None:
        candidates = [Path.cwd() / "notebooks", Path(__file__).resolve().parent.parent / "notebooks"]
        folder = next((c for c in candidates if c.is_dir()), candidates[0])
    else:
        folder = Path(notebooks_dir)
    if not folder.is_dir():
        raise ReportError(f"{folder}: no such notebooks folder (pass --notebooks DIR)")
    found = [p for p in folder.glob("*.ipynb") if not p.name.startswith(".") and _in_report(p)]
    if not found:
        raise ReportError(f"{folder}: no .ipynb notebooks in it")
    return sorted(found, key=lambda p: (p.stem != FIRST_NOTEBOOK, p.name))


def _in_report(path: Path) -> bool:
    """A notebook is part of the report unless its metadata says ``"toolkit": {"report": false}`` (the
    interactive ``explore`` notebook: it is for JupyterLab, and a page without code would show nothing)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return True  # unreadable: let the run report it as it does any broken notebook
    return (meta.get("toolkit") or {}).get("report", True) is not False


#: The longest -p value read as a list or dict, and its deepest nesting: far beyond any real
#: parameter, well inside what the parsers handle (100,000 "[" would overflow them).
MAX_LITERAL_CHARS = 100_000
MAX_LITERAL_DEPTH = 20
_CONTAINERS = {"list": (list, tuple), "tuple": (list, tuple), "dict": (dict,)}


def _nesting(text: str) -> int:
    """How deep brackets nest in ``text``, outside quoted strings (a cheap guard run before parsing)."""
    depth = deepest = 0
    quote_char = ""
    escaped = False
    for char in text:
        if quote_char:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote_char:
                quote_char = ""
        elif char in "\"'":
            quote_char = char
        elif char in "[{(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]})":
            depth -= 1
    return deepest


def _literal(text: str, *, json_too: bool = True) -> object:
    """A JSON (unless not ``json_too``) or Python literal read safely: size and nesting bounded,
    every parser failure a ValueError (never a RecursionError, MemoryError or TypeError)."""
    if len(text) > MAX_LITERAL_CHARS:
        raise ValueError(f"longer than {MAX_LITERAL_CHARS:,} characters")
    if _nesting(text) > MAX_LITERAL_DEPTH:
        raise ValueError(f"nested deeper than {MAX_LITERAL_DEPTH} levels")
    if json_too:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass
    try:
        return ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError) as exc:
        # TypeError: e.g. {[1]: 2}, a list as a dict key
        reason = exc.msg if isinstance(exc, SyntaxError) else str(exc) or type(exc).__name__
        raise ValueError(f"not a JSON or Python literal ({reason})") from None


def _coerce(value: object, type_name: str, *, where: str) -> object:
    """Turn a command-line string into the type the notebook's parameters cell declares.

    Lists and dicts are read as JSON or Python literals (:func:`_literal`: bounded, so a
    pathological value is a :class:`ReportError`, not a crash) and must be of the declared
    container type; what goes inside them is checked by :func:`notebook_parameters`.
    """
    if not isinstance(value, str):
        return value
    try:
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            lowered = value.strip().lower()
            if lowered in ("true", "yes", "1", "on"):
                return True
            if lowered in ("false", "no", "0", "off"):
                return False
            raise ValueError(value)
        if type_name in ("str", "string"):
            return value
        if type_name in _CONTAINERS:
            try:
                parsed = _literal(value)
            except ValueError as exc:
                raise ReportError(f"{where} wants a {type_name}, got {_shown(value)}: {exc}") from None
            if not isinstance(parsed, _CONTAINERS[type_name]):
                raise ReportError(f"{where} wants a {type_name}, got {_shown(value)} (a {type(parsed).__name__})")
            return tuple(parsed) if type_name == "tuple" else list(parsed) if type_name == "list" else parsed
    except ReportError:
        raise
    except (ValueError, SyntaxError):
        raise ReportError(f"{where} wants a {type_name}, got {_shown(value)}") from None
    try:  # unknown or untyped: a Python literal if it is one, else the string
        return _literal(value, json_too=False)
    except ValueError:
        return value


def _shown(value: object) -> str:
    """A given value for an error message: its repr, cut to 80 characters (a pasted megabyte is not echoed)."""
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:80]}… ({len(text):,} characters)"


def _declared_parameters(path: Path) -> dict[str, dict]:
    """What a notebook's parameters cell declares (papermill's inspection), read as Python."""
    import tempfile

    import nbformat
    import papermill

    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable notebook is the same problem to the user
        raise ReportError(f"{path}: not a readable notebook ({type(exc).__name__}: {exc})") from None
    if notebook.metadata.get("language_info", {}).get("name"):
        return papermill.inspect_notebook(str(path))
    # Papermill needs the language; a notebook saved without it is taken to be Python.
    notebook.metadata["language_info"] = {"name": "python"}
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        nbformat.write(notebook, str(copy))
        return papermill.inspect_notebook(str(copy))


def _declared_defaults(declared: Mapping[str, dict]) -> dict[str, object]:
    """The default values a parameters cell gives, those that are literals (papermill gives their source)."""
    defaults = {}
    for name, spec in declared.items():
        try:
            defaults[name] = _literal(str(spec.get("default", "")), json_too=False)
        except ValueError:
            continue
    return defaults


def notebook_parameters(notebooks: Sequence[Path], parameters: Mapping[str, object] | None) -> dict[Path, dict]:
    """The extra parameters for each notebook: only those its parameters cell declares, checked.

    A key ``name`` goes to every notebook declaring ``name``; ``notebook.name`` to that
    notebook only. A parameter no notebook declares is a :class:`ReportError` (a typo
    must not silently produce a default report), and so is a value of the wrong type or
    out of its range (:data:`toolkit.report.notebook.PARAMETER_RULES`, the rules each
    notebook also checks in its first cell): it is caught here, before anything runs,
    not as a traceback inside a notebook.
    """
    from toolkit.report.notebook import PARAMETER_RULES, ParameterError, check_parameter, check_parameters

    declared = {nb: _declared_parameters(nb) for nb in notebooks}
    extras: dict[Path, dict] = {nb: {} for nb in notebooks}
    for key, value in (parameters or {}).items():
        target, _, name = key.rpartition(".")
        if name in RUN_PARAMETERS:
            raise ReportError(f"parameter {name!r} is set by the report itself; use the report's options")
        chosen = [nb for nb in notebooks if not target or nb.stem == target]
        if target and not chosen:
            raise ReportError(f"-p {key}: no notebook named {target!r} "
                              f"(notebooks: {', '.join(nb.stem for nb in notebooks)})")
        hits = [nb for nb in chosen if name in declared[nb]]
        if not hits:
            known = sorted({p for nb in chosen for p in declared[nb]} - set(RUN_PARAMETERS))
            raise ReportError(f"-p {key}: no notebook declares a parameter {name!r} "
                              f"(declared: {', '.join(known) or 'none'})")
        for nb in hits:
            type_name = declared[nb][name].get("inferred_type_name") or "None"
            where = f"parameter {name!r} of {nb.name}"
            try:
                coerced = _coerce(value, type_name, where=where)
            except ReportError as exc:
                rule = PARAMETER_RULES.get(name)
                raise ReportError(f"-p {key}: {exc}" + (f" (expected: {rule.expected()})" if rule else "")) from None
            try:
                extras[nb][name] = check_parameter(name, coerced, notebook=nb.name)
            except ParameterError as exc:
                raise ReportError(f"-p {key}: {exc}") from None
    for nb in notebooks:  # together with the defaults, as the notebook's first cell will check them
        if extras[nb]:
            try:
                check_parameters(nb.name, **{**_declared_defaults(declared[nb]), **extras[nb]})
            except ParameterError as exc:
                raise ReportError(str(exc)) from None
    return extras


# --------------------------------------------------------------------------- rendering


def render_html(notebook, html_path: str | os.PathLike, *, title: str | None = None) -> Path:
    """Render an executed notebook (node or path) to a self-contained HTML page, atomically.

    No code: inputs and prompts are left out, only text, tables and charts remain.
    Images are embedded and nothing is loaded from the network (no CDN scripts), so
    the page works offline and can be mailed as one file. Cells tagged
    ``remove_cell`` are dropped; ``remove_output`` keeps the cell but not its output.
    """
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(str(notebook), as_version=4)
    html_path = Path(html_path)
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"remove_cell", "remove-cell"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove_output", "remove-output"}
    exporter = HTMLExporter(
        config=config,
        template_name="lab",
        extra_loaders=[DictLoader({"toolkit_offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="toolkit_offline.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    for cell in notebook.cells:  # nothing from stderr (warnings, logs with local paths) belongs in a report
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream"
                                                            and o.get("name") == "stderr")]
    name = title or notebook.metadata.get("title") or html_path.stem
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": name}})
    for pattern in _EXTERNAL:
        body = pattern.sub("", body)
    body = body.replace("</body>", f"<script>\n{_tables_script()}</script>\n</body>", 1)
    return write_text(html_path, body)


@lru_cache(maxsize=1)
def _tables_script() -> str:
    """The page's own script that makes its tables sortable and filterable (``data/report/tables.js``)."""
    return data_path("report/tables.js").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- one notebook (runs in a worker)


@dataclass(slots=True)
class _Task:
    notebook: str
    run_dir: str
    parameters: dict


def notebook_summary(path: str | os.PathLike) -> str:
    """A notebook's title and first sentence, from its first Markdown cell ("" if it has none).

    >>> import nbformat, tempfile, os
    >>> cell = nbformat.v4.new_markdown_cell("# Timeline\\n\\nWhat happened when. More.")
    >>> nb = nbformat.v4.new_notebook(cells=[cell])
    >>> path = os.path.join(tempfile.mkdtemp(), "t.ipynb"); nbformat.write(nb, path)
    >>> notebook_summary(path)
    'Timeline: what happened when.'
    """
    import nbformat

    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - a summary is a courtesy; the report link still works
        return ""
    cell = next((c for c in notebook.cells if c.cell_type == "markdown"), None)
    if cell is None:
        return ""
    lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
    title = lines[0].lstrip("#").strip() if lines and lines[0].startswith("#") else ""
    body = " ".join(line for line in lines if not line.startswith("#"))
    body = re.sub(r"[*_`]", "", body)
    first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0] if body else ""
    if title and first:
        return f"{title}: {first[0].lower() + first[1:]}"
    return title or first


def _short_error(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    if ename:  # papermill's PapermillExecutionError
        evalue = " ".join(str(getattr(exc, "evalue", "")).split())
        count = getattr(exc, "exec_count", None)
        where = f" (in cell [{count}])" if count else ""
        return f"{ename}: {evalue}{where}"[:500]
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:500]


@contextlib.contextmanager
def _kernel_environment() -> Iterator[None]:
    """Environment for the notebook kernels, restored afterwards.

    The kernel imports the same ``toolkit`` as the report (its folder leads
    ``PYTHONPATH``) and draws charts inline whatever ``MPLBACKEND`` the shell sets.
    """
    root = str(Path(__file__).resolve().parents[2])  # the folder holding the toolkit package
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "MPLBACKEND", "JUPYTER_PLATFORM_DIRS")}
    os.environ["PYTHONPATH"] = os.pathsep.join([root] + ([saved["PYTHONPATH"]] if saved["PYTHONPATH"] else []))
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


#: How many times a notebook whose kernel failed to start is tried again.
KERNEL_START_RETRIES = 1
#: Messages jupyter_client raises (as RuntimeError) when a kernel dies or hangs while starting.
_KERNEL_START_MESSAGES = ("kernel_info", "didn't respond", "did not respond", "kernel died", "address already in use")


def _no_cell_started(path: Path) -> bool:
    """Whether papermill's output ``path`` shows no cell started (it stamps a start time on each cell it runs).

    An empty or unreadable file (papermill wrote nothing yet) counts as no cell started.
    """
    import nbformat

    try:
        notebook = nbformat.read(str(path), as_version=4)
    except Exception:  # noqa: BLE001 - nothing (readable) written: nothing ran
        return True
    return not any((cell.metadata.get("papermill") or {}).get("start_time") for cell in notebook.cells)


def _kernel_start_error(error: BaseException) -> bool:
    """Whether ``error`` is what jupyter_client, nbclient or zmq raise when a kernel does not start."""
    if any(cls.__module__.startswith("zmq") for cls in type(error).__mro__):
        return True  # e.g. ZMQError: Address already in use, when two kernels race for a port
    message = str(error).lower()
    return isinstance(error, (RuntimeError, TimeoutError, OSError)) and (
        type(error).__name__ == "DeadKernelError" or any(m in message for m in _KERNEL_START_MESSAGES))


def _kernel_start_failure(exc: BaseException, output: Path) -> bool:
    """Whether ``exc`` is a kernel that failed to start, worth one more try.

    What jupyter_client and nbclient raise then: a ``zmq`` error (``Address already in use``),
    ``RuntimeError`` ("Kernel died before replying to kernel_info", "Kernel didn't respond in
    60 seconds"), nbclient's ``DeadKernelError`` (a RuntimeError) or a TimeoutError, possibly
    as the cause of another error; and no cell ran, so running again repeats nothing.
    """
    chain: list[BaseException] = []
    while exc is not None and all(exc is not seen for seen in chain):
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return any(_kernel_start_error(e) for e in chain) and _no_cell_started(output)


def _execute(source: Path, output: Path, parameters: dict) -> None:
    """Run one notebook with papermill into ``output``, trying again once if its kernel fails to start."""
    import papermill

    for attempt in range(KERNEL_START_RETRIES + 1):
        try:
            papermill.execute_notebook(
                str(source), str(output), parameters=parameters, kernel_name=KERNEL_NAME, language="python",
                cwd=str(source.parent), progress_bar=False, log_output=False,
                # The kernel's own log is noise here (jupyter_client interrupts every kernel
                # it shuts down, which ipykernel may log as an error); cell errors still
                # reach the notebook and this result.
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            )
            return
        except Exception as exc:  # noqa: BLE001 - sorted out below
            if attempt >= KERNEL_START_RETRIES or not _kernel_start_failure(exc, output):
                raise
            time.sleep(0.5)  # let a port or a slow machine free up; a new kernel gets new ports


def _write_failure(exc: BaseException) -> OSError | None:
    """The OSError of a failed write behind ``exc`` (papermill wraps it), if that is what it was."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO})


def describe_write_failure(exc: OSError) -> str:
    """A failed write in words: "disk full writing FILE: free some space or give --out elsewhere".

    >>> describe_write_failure(OSError(errno.ENOSPC, "No space left on device", "/run/a.csv"))
    'disk full writing /run/a.csv: free some space or give --out on another disk'
    """
    where = f" writing {exc.filename}" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"disk full{where}: free some space or give --out on another disk"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"cannot write{where} ({exc.strerror}): give --out a folder you can write to"
    return f"write failed{where} ({exc.strerror})"


def _run_notebook(task: _Task) -> NotebookResult:
    """Execute one notebook with papermill and render it; never raises.

    A kernel that fails to start (a port already in use, a kernel dying before it
    answers) is tried once more (:func:`_execute`) before the notebook counts as failed.
    """
    import logging

    logging.getLogger("papermill").setLevel(logging.WARNING)
    started = time.perf_counter()
    source = Path(task.notebook)
    run_dir = Path(task.run_dir)
    out_nb = run_dir / source.name
    out_html = run_dir / f"{source.stem}.html"
    error = None
    try:
        with atomic_path(out_nb) as tmp, _kernel_environment():
            try:
                _execute(source, tmp, task.parameters)
            except Exception as exc:  # noqa: BLE001 - a failing notebook is a result, not a crash
                error = _short_error(exc)
                if tmp.stat().st_size == 0 or _write_failure(exc) is not None:
                    raise  # nothing executed, or the notebook could not be written whole: never publish it
        render_html(out_nb, out_html)
    except Exception as exc:  # noqa: BLE001
        failure = _write_failure(exc)
        error = describe_write_failure(failure) if failure is not None else (error or _short_error(exc))
        return NotebookResult(source.stem, "failed", out_nb if out_nb.exists() else None,
                              out_html if out_html.exists() else None, error, time.perf_counter() - started)
    status = "failed" if error else "ok"
    return NotebookResult(source.stem, status, out_nb, out_html, error, time.perf_counter() - started)


def _run_all(tasks: list[_Task], *, workers: int, log: Callable[[str], None]) -> list[NotebookResult]:
    """Run notebooks, ``workers`` at a time in separate processes; results in task order."""
    def report(result: NotebookResult) -> None:
        status = "ok" if result.ok else "FAILED"
        detail = result.html.name if result.ok and result.html else (result.error or "")
        log(f"  {result.name:<20} {status:<6} {result.seconds:5.1f} s  {detail}")

    results: dict[str, NotebookResult] = {}
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            results[task.notebook] = _run_notebook(task)
            report(results[task.notebook])
    else:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # no forking of a process that holds threads
        from toolkit.store.pipeline import die_with_parent

        with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context,
                                 initializer=die_with_parent) as pool:
            futures = {pool.submit(_run_notebook, task): task for task in tasks}
            for future in as_completed(futures):
                task = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - e.g. a worker process died
                    result = NotebookResult(Path(task.notebook).stem, "failed", error=_short_error(exc))
                results[task.notebook] = result
                report(result)
    return [results[task.notebook] for task in tasks]


# --------------------------------------------------------------------------- the run folder


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "corpus"


def _corpus_name(paths: Sequence[Path]) -> str:
    first = paths[0].resolve()
    name = first.name if first.is_dir() else first.stem
    if len(paths) > 1:
        name += f"+{len(paths) - 1}"
    return _slug(name)


def _new_run_dir(base: Path, name: str, now: datetime) -> Path:
    stem = f"{now:%Y-%m-%dT%H%M%S}-{name}"
    for attempt in range(1, 1000):
        candidate = base / (stem if attempt == 1 else f"{stem}-{attempt}")
        try:
            candidate.mkdir(parents=True)
            return candidate
        except FileExistsError:
            continue
    raise ReportError(f"{base}: cannot create a new run folder for {stem}")


def _input_files(paths: Sequence[Path]) -> list[Path]:
    """Every file the corpus loader reads (articles and metadata sidecars), for hashing."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()
                            and p.suffix.lower() in ARTICLE_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files.append(path)
    return files


def _errors_csv(path: Path, errors: Sequence[LoadError]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ERROR_COLUMNS)
    for e in errors:
        writer.writerow([e.path or "", "" if e.line is None else e.line, e.id or "", e.problem, e.hint or ""])
    return write_text(path, buffer.getvalue())


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from toolkit import __version__

    out = {"toolkit": __version__, "python": sys.version.split()[0]}
    for package in ("nltk", "pandas", "matplotlib", "papermill", "nbconvert"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out


_INDEX_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}th,td{text-align:left;vertical-align:top;padding:3px 10px;
border-bottom:1px solid #eee}th{background:#f6f6f6}code{font-size:.9em}
.ok{color:#1a7f37;font-weight:600}.failed{color:#c62828;font-weight:600}.muted{color:#666}
"""


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw`` (then the caller escaped them)."""
    cell = (lambda v: v) if raw else (lambda v: html.escape(str(v)))
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _link(name: str) -> str:
    return f'<a href="{html.escape(quote(name))}">{html.escape(name)}</a>'


def _pages_note(written: int, documents: int, limit: int | None, actors: Sequence[str]) -> str:
    """What the index says of the article pages: how many, and which."""
    if not written:
        return "No article pages (turned off with --pages 0, or no article matched)."
    which = f"the articles that mention {', '.join(actors)}" if actors else "the articles"
    if written < documents:
        return (f"{written} of {documents} articles have a page: {which}, the first {written} in corpus order "
                f"(--pages N or --pages all, --pages-actors A,B to choose).")
    return f"Every article has a page ({written}): its quotes, actors, dates and stances marked in the text."


def _write_index(result: RunResult, *, title: str, run_rows: list[tuple[str, str]], counts: dict,
                 inputs: list[tuple[str, str, int]], pages: Sequence[tuple[str, str, str]] = (),
                 pages_note: str = "") -> Path:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_INDEX_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    failed = len(result.failures)
    summary = (f"{len(result.reports)} report(s), " + (f'<span class="failed">{failed} failed</span>' if failed
                                                         else '<span class="ok">all ok</span>'))
    parts.append(f"<p>{summary}; {counts['articles']} article(s) annotated, {len(result.load_errors)} skipped.</p>")

    parts.append("<h2>Reports</h2>")
    rows = []
    for r in result.reports:
        status = f'<span class="{"ok" if r.ok else "failed"}">{"ok" if r.ok else "failed"}</span>'
        rows.append([
            _link(r.html.name) if r.html else esc(r.name),
            esc(notebook_summary(r.notebook) if r.notebook else ""),
            status,
            _link(r.notebook.name) if r.notebook else "",
            f"{r.seconds:.1f} s",
            esc(r.error or ""),
        ])
    parts.append(_table(["report", "what it shows", "status", "notebook", "time", "error"], rows, raw=True))

    parts.append("<h2>Corpus</h2>")
    sources = ", ".join(f"{k} ({v})" for k, v in counts["sources"].items()) or "none given"
    parts.append(_table(["measure", "value"], [
        ["articles annotated", counts["articles"]], ["articles skipped", len(result.load_errors)],
        ["dated articles", counts["dated"]],
        ["first day", counts["first"] or ""], ["last day", counts["last"] or ""],
        ["sources", sources], ["sentences", counts["sentences"]], ["words", counts["words"]],
    ]))

    parts.append("<h2>Articles</h2>")
    parts.append(f'<p class="muted">{esc(pages_note)}</p>')
    if pages:
        parts.append(_table(["article", "id"], [[f'<a href="{ARTICLES_DIR}/{esc(name, quote=True)}">'
                                                 f'{esc(title or doc_id)}</a>', esc(doc_id)]
                                                for doc_id, title, name in pages], raw=True))

    parts.append("<h2>Files</h2>")
    files = sorted(p.name for p in result.run_dir.iterdir()
                   if p.is_file() and p.suffix.lower() in (".csv", ".png", ".jsonl") and not p.name.startswith("."))
    parts.append("<ul>" + "".join(f"<li>{_link(n)}</li>" for n in files) + "</ul>" if files
                 else '<p class="muted">No CSV or PNG files.</p>')

    parts.append("<h2>Skipped articles</h2>")
    if result.load_errors:
        parts.append(_table(list(ERROR_COLUMNS), [[e.path or "", "" if e.line is None else e.line, e.id or "",
                                                   e.problem, e.hint or ""] for e in result.load_errors]))
    else:
        parts.append('<p class="muted">None: every article loaded and was annotated.</p>')

    parts.append("<h2>Run</h2>")
    parts.append(_table(["parameter", "value"], run_rows))
    parts.append("<h2>Inputs</h2>")
    parts.append(_table(["file", "bytes", "sha256"], [[p, size, digest] for p, digest, size in inputs]))
    parts.append("</body></html>\n")
    return write_text(result.run_dir / "index.html", "\n".join(parts))


def run_report(corpus: Sequence[str | os.PathLike], *, out_dir: str | os.PathLike | None = None,
               notebooks_dir: str | os.PathLike | None = None, published: str | None = None,
               parameters: Mapping[str, object] | None = None, name: str | None = None, workers: int = 2,
               annotations: str | os.PathLike | None = None, cache: str | os.PathLike | None = None,
               use_cache: bool = True, engine: str = "local", scheduler: str | None = None,
               jsonl: bool = False, progress: bool = True, batch_size: int | None = None,
               log: Callable[[str], None] = print, max_chars: int | None = DEFAULT_MAX_CHARS,
               follow_symlinks: bool = False, pages: int | None = DEFAULT_PAGES,
               pages_actors: Sequence[str] = ()) -> RunResult:
    """Annotate ``corpus`` into the run's store and run every notebook on it; return what was produced.

    The corpus is read and annotated in batches (:func:`toolkit.store.pipeline.annotate_to_store`):
    each batch becomes one Parquet part of every table in ``RUN/store/``, and its records go into
    the annotation cache (``cache``, default ``.cache`` beside the run folder: ``outputs/.cache``; ``use_cache=False`` annotates
    everything again), so a re-run annotates only new or changed articles. ``engine`` is ``local``
    (``workers`` processes) or ``dask`` (``scheduler``: a dask.distributed address; none: a
    LocalCluster of ``workers`` workers). ``jsonl`` also writes ``annotations.jsonl`` (the contract's
    export). With ``annotations`` (an ``annotations.jsonl`` made earlier, e.g. by shards of
    ``python -m toolkit annotate`` on a cluster), nothing is annotated: its records fill the store,
    and ``corpus`` only names the run. ``max_chars`` and ``follow_symlinks`` go to
    :func:`toolkit.corpus.iter_documents` (the size limit; symlinks inside corpus folders).
    ``pages`` limits the article pages (``articles/<id>.html``, :mod:`toolkit.report.pages`) to the
    first so many articles (None: all; 0: none), ``pages_actors`` to the articles that mention one of
    those actors.

    Raises :class:`~toolkit.corpus.CorpusError` for a corpus path that does not exist,
    :class:`ReportError` for bad notebooks or parameters and
    :class:`~toolkit.nltkdata.MissingNLTKData` when NLTK data is missing, all before
    anything is written. Bad articles and failing notebooks do not raise: they are
    in ``RunResult.load_errors`` and ``RunResult.failures``.
    """
    from toolkit import nltkdata
    from toolkit.store.pipeline import ENGINES

    started_at = datetime.now()
    clock = time.perf_counter()
    if isinstance(corpus, (str, os.PathLike)):
        corpus = [corpus]
    paths = [Path(p) for p in corpus]
    if engine not in ENGINES:
        raise ReportError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if annotations is not None:
        if not Path(annotations).is_file():
            raise CorpusError(annotations, "no such annotations file", hint="give an annotations.jsonl")
        paths = paths or [Path(annotations)]
    if not paths:
        raise ReportError("no corpus given")
    for path in paths:
        if not path.exists():
            raise CorpusError(path, "no such file or folder", hint="check the corpus path")
    if published is not None:
        parse_published(published, field_name="--published")
    notebooks = find_notebooks(notebooks_dir)
    extras = notebook_parameters(notebooks, parameters)
    nltkdata.ensure(download=False)

    corpus_name = _slug(name) if name else _corpus_name(paths)
    base = Path("outputs")
    if out_dir is None:
        run_dir = _new_run_dir(base, corpus_name, started_at)
        created = True
    else:
        run_dir = Path(out_dir)
        created = not run_dir.exists()
        try:
            run_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportError(f"--out {run_dir}: cannot create the run folder ({exc.strerror}); "
                              "give a folder you can write to") from None
    run_dir = run_dir.resolve()
    with _claimed(run_dir, created=created):
        return _run_in(run_dir, paths=paths, corpus_name=corpus_name, notebooks=notebooks, extras=extras,
                       started_at=started_at, clock=clock, published=published, parameters=parameters,
                       workers=workers, annotations=annotations, cache=cache, use_cache=use_cache, engine=engine,
                       scheduler=scheduler, jsonl=jsonl, progress=progress, batch_size=batch_size, log=log,
                       max_chars=max_chars, follow_symlinks=follow_symlinks, pages=pages,
                       pages_actors=pages_actors)


@contextlib.contextmanager
def _claimed(run_dir: Path, *, created: bool) -> Iterator[None]:
    """Hold the run folder for this run: a lock (a second run with the same ``--out`` is refused, not
    interleaved), stale temporary files of a killed run removed, and a folder this run created removed
    again if the run fails before writing anything into it."""
    import fcntl

    lock_path = run_dir / ".lock"
    try:
        handle = open(lock_path, "a+")
    except OSError as exc:
        raise ReportError(f"--out {run_dir}: cannot write there ({exc.strerror}); give a folder you can write to") \
            from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise ReportError(f"--out {run_dir}: another report is writing to this folder; wait for it to finish "
                          "or give another --out") from None
    ok = False
    try:
        for stale in run_dir.glob(".*"):
            if stale.is_file() and stale != lock_path:
                stale.unlink(missing_ok=True)  # half-written files of a run that was killed
        yield
        ok = True
    finally:
        lock_path.unlink(missing_ok=True)
        handle.close()
        if not ok and created and not any(p for p in run_dir.rglob("*") if p.is_file()):
            shutil.rmtree(run_dir, ignore_errors=True)


def _run_in(run_dir: Path, *, paths, corpus_name, notebooks, extras, started_at, clock, published, parameters,
            workers, annotations, cache, use_cache, engine, scheduler, jsonl, progress, batch_size, log,
            max_chars, follow_symlinks, pages=DEFAULT_PAGES, pages_actors=()) -> RunResult:
    """The body of :func:`run_report` once its run folder is claimed."""
    from toolkit.annotate import iter_annotations, write_jsonl
    from toolkit.report import frames
    from toolkit.store import STORE_DIR, Store, StoreWriter
    from toolkit.store.cache import DEFAULT_CACHE, AnnotationCache, fingerprint
    from toolkit.store.pipeline import BATCH_SIZE, annotate_to_store

    log(f"run folder: {run_dir}")

    store_dir = run_dir / STORE_DIR
    if store_dir.exists():
        shutil.rmtree(store_dir)  # a run's store is its own; what earlier runs annotated is in the cache
    load_errors: list[LoadError] = []
    if annotations is not None:
        with StoreWriter(store_dir) as writer:
            for record in iter_annotations(Path(annotations)):
                writer.add(record)
        done = f"read the records of {annotations}"
    else:
        cache_dir = Path(cache) if cache else run_dir.parent / DEFAULT_CACHE.name  # beside the run folders
        store_cache = AnnotationCache(cache_dir, fingerprint=fingerprint()) if use_cache else None
        stored = annotate_to_store(
            iter_documents(paths, published=published, max_chars=max_chars, follow_symlinks=follow_symlinks), store_dir, cache=store_cache,
            workers=workers, engine=engine, scheduler=scheduler, batch_size=batch_size or BATCH_SIZE,
            total=_count_articles(paths), progress=progress, on_error=lambda err: log(f"  skipped: {err}"))
        load_errors = stored.errors
        done = (f"annotated {stored.annotated} article(s), {stored.cached} from the cache, "
                f"skipped {len(load_errors)}")
    store = Store(store_dir)
    documents = store.count("documents")
    exported = run_dir / "annotations.jsonl"
    if jsonl:
        write_jsonl(exported, store.records())
    errors_csv = _errors_csv(run_dir / "errors.csv", load_errors)
    articles_dir = run_dir / ARTICLES_DIR
    if articles_dir.exists():
        shutil.rmtree(articles_dir)  # pages of an earlier run into the same folder
    written = write_article_pages(store.records(), articles_dir, limit=pages, actors=pages_actors) \
        if pages != 0 else []
    log(f"{done} ({time.perf_counter() - clock:.1f} s); {len(written)} article page(s); "
        f"running {len(notebooks)} notebook(s)")

    corpus_param = os.pathsep.join(str(p.resolve()) for p in paths)
    tasks = [_Task(str(nb.resolve()), str(run_dir),
                   {"corpus": corpus_param, "annotations": str(store_dir), "output_dir": str(run_dir),
                    **extras[nb]})
             for nb in notebooks]
    reports = _run_all(tasks, workers=workers, log=log)

    result = RunResult(run_dir, run_dir / "index.html", exported if jsonl else store_dir, errors_csv, documents,
                       load_errors, reports)
    versions = _versions()
    run_rows = [
        ("corpus", ", ".join(str(p) for p in paths)),
        ("published (fallback date)", published or ""),
        ("parameters", ", ".join(f"{k}={v}" for k, v in (parameters or {}).items()) or "defaults"),
        ("notebooks", str(notebooks[0].parent.resolve())),
        ("store", f"{STORE_DIR}/ (Parquet; open with toolkit.open_store)"),
        ("started", started_at.isoformat(timespec="seconds")),
        ("wall time", f"{time.perf_counter() - clock:.1f} s"),
        *((f"{k} version", v) for k, v in versions.items()),
    ]
    inputs = _inputs_csv(run_dir / "inputs.csv", paths)
    counts = frames.corpus_summary(frames.documents_frame(store))
    store.close()
    title = f"News analysis report: {corpus_name}"
    _write_index(result, title=title, run_rows=run_rows, counts=counts, inputs=inputs, pages=written,
                 pages_note=_pages_note(len(written), documents, pages, pages_actors))
    for failure in result.failures:
        log(f"error: notebook {failure.name} failed: {failure.error}")
    return result


#: Input files listed on the index page (all of them are in inputs.csv).
INDEX_INPUTS = 50


def _inputs_csv(path: Path, paths: Sequence[Path]) -> list[tuple[str, str, int]]:
    """Every input file with its size and SHA-256 in ``inputs.csv``; the first :data:`INDEX_INPUTS` returned."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "bytes", "sha256"])
    shown: list[tuple[str, str, int]] = []
    for p in _input_files(paths):
        digest, size = sha256(p), p.stat().st_size
        writer.writerow([str(p), size, digest])
        if len(shown) < INDEX_INPUTS:
            shown.append((str(p), digest, size))
    write_text(path, buffer.getvalue())
    return shown


def _count_articles(paths: Sequence[Path]) -> int | None:
    """About how many articles the corpus holds (files; lines of JSONL and CSV files), for the time left."""
    total = 0
    for p in _input_files(paths):
        if p.name == "metadata.csv":
            continue
        if p.suffix.lower() in (".jsonl", ".csv"):
            with open(p, "rb") as fh:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            total += max(lines - (p.suffix.lower() == ".csv"), 0)
        else:
            total += 1
    return total or None


# --------------------------------------------------------------------------- command line


def _pages_limit(text: str) -> int | None:
    """``--pages``: a count of article pages, or ``all``."""
    if text.strip().lower() == "all":
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--pages: give a number of articles or 'all', not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("--pages: give 0 or more")
    return value


def _parse_assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    return name.strip(), value


def main(argv: list[str] | None = None) -> int:
    """``python -m toolkit report``: exit 0 when every notebook ran, 1 if one failed, 2 on bad input."""
    from toolkit.annotate import add_corpus_run_arguments, check_corpus_run_arguments

    parser = argparse.ArgumentParser(
        prog="python -m toolkit report",
        description="Annotate a corpus once, run every notebook on it with papermill, and write an HTML report.")
    parser.add_argument("corpus", nargs="*", default=["seeds"], metavar="CORPUS",
                        help="article files or folders (default: seeds/)")
    parser.add_argument("--out", metavar="DIR", help="run folder (default: outputs/<timestamp>-<corpus name>/)")
    parser.add_argument("--notebooks", metavar="DIR", help="folder of notebooks to run (default: notebooks/)")
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for articles that carry none")
    parser.add_argument("-p", "--parameter", action="append", default=[], type=_parse_assignment,
                        metavar="NAME=VALUE", help="notebook parameter (NAME or NOTEBOOK.NAME); repeatable")
    parser.add_argument("--name", help="corpus name used in the run folder's name")
    parser.add_argument("--workers", type=int, default=2, help="notebooks run at the same time (default 2)")
    parser.add_argument("--annotations", metavar="FILE",
                        help="run the notebooks on this annotations.jsonl instead of annotating the corpus "
                             "(e.g. shards annotated on a cluster and concatenated)")
    parser.add_argument("--cache", metavar="DIR", help="annotation cache folder (default: .cache beside the run folder, e.g. outputs/.cache)")
    parser.add_argument("--no-cache", action="store_true", help="annotate every article again (the cache is not read)")
    parser.add_argument("--jsonl", action="store_true", help="also write annotations.jsonl (the contract's export)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or progress lines")
    parser.add_argument("--pages", type=_pages_limit, default=DEFAULT_PAGES, metavar="N",
                        help=f"article pages for the first N articles (default {DEFAULT_PAGES}; 'all'; 0: none)")
    parser.add_argument("--pages-actors", default="", metavar="A,B",
                        help="article pages only for the articles that mention one of these actors")
    add_corpus_run_arguments(parser)
    args = parser.parse_args(argv)
    check_corpus_run_arguments(parser, args)
    if args.annotations and args.corpus == ["seeds"]:
        args.corpus = []

    from toolkit.nltkdata import MissingNLTKData

    try:
        result = run_report(args.corpus, out_dir=args.out, notebooks_dir=args.notebooks, published=args.published,
                            parameters=dict(args.parameter), name=args.name, workers=args.workers,
                            annotations=args.annotations, cache=args.cache, use_cache=not args.no_cache,
                            engine=args.engine, scheduler=args.scheduler, jsonl=args.jsonl, max_chars=args.max_chars,
                            follow_symlinks=args.follow_symlinks, pages=args.pages,
                            pages_actors=[a.strip() for a in args.pages_actors.split(",") if a.strip()],
                            progress=not args.quiet, log=(lambda _m: None) if args.quiet else print)
    except (CorpusError, ReportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except MissingNLTKData as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a folder that turned read-only: said plainly, never a traceback
        print(f"error: {describe_write_failure(exc)}", file=sys.stderr)
        return 2 if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else 1
    print(result.index)
    return 0 if result.ok else 1
