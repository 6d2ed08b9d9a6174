"""toolkit.report: one real run of the notebooks on the seed (papermill + nbconvert), shared by the tests.

The run uses a temporary notebooks folder holding the project's notebooks plus a
deliberately broken one, so a single run shows both that the real notebooks
render and that a failing notebook is reported while the others still run.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from toolkit.report import run as report
from toolkit.corpus import CorpusError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"
BROKEN = "zz_broken"


def broken_notebook() -> nbformat.NotebookNode:
    nb = new_notebook(cells=[
        new_markdown_cell("# Broken on purpose"),
        new_code_cell('corpus = ""\nannotations = ""\noutput_dir = ""', metadata={"tags": ["parameters"]}),
        new_code_cell('raise RuntimeError("deliberately broken <notebook>")'),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    return nb


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    notebooks = tmp_path_factory.mktemp("notebooks")
    for nb in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(nb, notebooks / nb.name)
    nbformat.write(broken_notebook(), str(notebooks / f"{BROKEN}.ipynb"))
    out = tmp_path_factory.mktemp("run")
    lines: list[str] = []
    result = report.run_report([SEEDS], out_dir=out, notebooks_dir=notebooks,
                               parameters={"overview.top_n_actors": "7"}, log=lines.append, jsonl=True,
                               cache=tmp_path_factory.mktemp("cache"), progress=False)
    return result, lines


def project_notebooks() -> list[str]:
    return [p.stem for p in report.find_notebooks(NOTEBOOKS)]


def test_every_project_notebook_runs_and_renders(run):
    result, _ = run
    by_name = {r.name: r for r in result.reports}
    for name in project_notebooks():
        assert by_name[name].ok, f"{name}: {by_name[name].error}"
        assert (result.run_dir / f"{name}.html").is_file()
        assert (result.run_dir / f"{name}.ipynb").is_file()


def test_overview_runs_first_then_alphabetical(run):
    result, _ = run
    names = [r.name for r in result.reports]
    assert names[0] == "overview"
    assert names[1:] == sorted(names[1:])


def test_run_folder_holds_the_annotations_and_tables(run):
    result, _ = run
    records = [json.loads(line) for line in result.annotations.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["000_55edb76f28711d65"]
    assert result.documents == 1
    for name in ("documents.csv", "actors.csv", "index.html", "overview.html"):
        assert (result.run_dir / name).is_file(), name
    with open(result.run_dir / "documents.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["id"], r["source"], r["published"]) for r in rows] == [
        ("000_55edb76f28711d65", "Reuters", "2024-10-21")]
    assert not list(result.run_dir.glob(".*")), "temporary files left behind"


def test_timeline_notebook_writes_its_tables_chart_and_code_free_page(run):
    result, _ = run
    for name in ("timeline.html", "timeline.ipynb", "timeline.csv", "timexes.csv", "timeline.png", "timex_types.png"):
        assert (result.run_dir / name).is_file(), name
    with open(result.run_dir / "timeline.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    dated = [(r["event"], r["value"]) for r in rows if r["anchor"] == "timex"]
    assert dated[:5] == [("summit", "2024-06"), ("said", "2024-W42"), ("said", "2024-10-18"),
                         ("called", "2024-10-20"), ("summoned", "2024-10-21")]
    with open(result.run_dir / "timexes.csv", encoding="utf-8") as handle:
        assert [r["text"] for r in csv.DictReader(handle)][:3] == ["Monday", "previously", "last week"]
    page = (result.run_dir / "timeline.html").read_text(encoding="utf-8")
    assert "Timeline" in page and "a summit in June" in page  # the evidence sentences are there
    assert "load_records(" not in page and "import " not in page  # no code cell inputs
    assert 'class="jp-InputPrompt' not in page and "hl-ipython3" not in page
    assert "<img" in page  # the charts are embedded
    assert _errors_in(result.run_dir / "timeline.ipynb") == []


def _errors_in(executed_path: Path) -> list[dict]:
    """The error outputs of an executed notebook."""
    executed = nbformat.read(str(executed_path), as_version=4)
    return [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


def test_quotes_notebook_writes_its_tables_charts_and_code_free_page(run):
    result, _ = run
    for name in ("quotes.html", "quotes.ipynb", "quotes.csv", "quote_shares.csv", "quotes_by_party.png",
                 "quotes_by_speaker.png", "quote_kinds_by_party.png"):
        assert (result.run_dir / name).is_file(), name
    with open(result.run_dir / "quotes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    speakers = {(r["actor"], r["party"]) for r in rows}
    assert ("Kim Hong-kyun", "South Korea") in speakers and ("Dmitry Peskov", "Russia") in speakers
    direct = [r for r in rows if r["kind"] == "direct"]
    assert direct and all(r["actor"] == "Kim Hong-kyun" for r in direct)
    with open(result.run_dir / "quote_shares.csv", encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["name"] == "South Korea"  # the most quoted party
    page = (result.run_dir / "quotes.html").read_text(encoding="utf-8")
    assert "Who gets quoted" in page and "We condemn North Korea" in page
    assert "load_records(" not in page and 'class="jp-InputPrompt' not in page
    assert _errors_in(result.run_dir / "quotes.ipynb") == []


def test_sources_notebook_on_the_one_article_seed(run):
    """One article, one outlet: labelled shares, no outlet difference or trend to draw, and it says so."""
    result, _ = run
    for name in ("sources.html", "sources.ipynb", "sources.csv", "source_shares.csv", "source_shares_over_time.csv",
                 "top_sources.csv", "source_table.csv", "carried_quotes.csv"):
        assert (result.run_dir / name).is_file(), name
    with open(result.run_dir / "sources.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["source"] for r in rows} == {"Reuters"} and {r["period"] for r in rows} == {"2024-10"}
    assert ("Kim Hong-kyun", "South Korea") in {(r["actor"], r["affiliation"]) for r in rows}
    with open(result.run_dir / "source_table.csv", encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["name"] == "Kim Hong-kyun"  # the most quoted source
    page = (result.run_dir / "sources.html").read_text(encoding="utf-8")
    assert "Who the sources are" in page and "carry a gender label" in page
    assert {(r["actor"], r["role"], r["gender"]) for r in rows} >= {("Kim Hong-kyun", "government", "unknown"),
                                                                    ("Mark Rutte", "government", "male")}
    assert "No quote appears in more than one article (the corpus has one article)." in page
    assert "load_store(" not in page and 'class="jp-InputPrompt' not in page and "hl-ipython3" not in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page
    executed = nbformat.read(str(result.run_dir / "sources.ipynb"), as_version=4)
    streams = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if o.get("output_type") in ("stream", "error")]
    assert streams == []  # no warnings, stderr or errors


def test_stance_notebook_writes_its_tables_charts_and_code_free_page(run):
    result, _ = run
    for name in ("stance.html", "stance.ipynb", "stance.csv", "stance_matrix.csv", "topic_stances.csv",
                 "stance_matrix.png", "stance_network.png"):
        assert (result.run_dir / name).is_file(), name
    with open(result.run_dir / "stance_matrix.csv", encoding="utf-8") as handle:
        pairs = {(r["holder"], r["target"]): float(r["score"]) for r in csv.DictReader(handle)}
    assert pairs[("South Korea", "North Korea")] < 0 and pairs[("South Korea", "Russia")] < 0
    assert pairs[("Ukraine", "North Korea")] < 0 and pairs[("Russia", "North Korea")] > 0
    page = (result.run_dir / "stance.html").read_text(encoding="utf-8")
    assert "Who stands where" in page and "Stances toward topics" in page
    assert "load_records(" not in page and 'class="jp-InputPrompt' not in page
    assert _errors_in(result.run_dir / "stance.ipynb") == []


def test_notebooks_open_with_the_project_kernel():
    """JupyterLab opens them with the kernel `make lab` installs (the report runs them with python3)."""
    kernel = re.search(r"^KERNEL\s*\?=\s*(\S+)", (NOTEBOOKS.parent / "Makefile").read_text(), re.M).group(1)
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert nbformat.read(str(path), as_version=4).metadata.kernelspec.name == kernel, path.name


def test_notebooks_are_committed_without_outputs():
    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(str(path), as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), path.name
        assert any("parameters" in c.metadata.get("tags", []) for c in code), path.name


#: What a notebook cell must leave to toolkit/ (tested there): pivots, grouping, ranking, analysis.
_LOGIC_IN_CELLS = re.compile(r"\.pivot|groupby|sort_values|\.query\(|nlargest|propose_topics|find_stances"
                             r"|process\(|restore\(|\bannotate_document\b")
#: A number with a decimal point: a threshold (the display's own rounding, round(2), has none).
_FLOAT_LITERAL = re.compile(r"(?<![\w.])\d*\.\d+\b")


def test_notebooks_hold_no_analysis_pivots_or_thresholds():
    """Everything a notebook shows is computed by tested toolkit functions from the stored records."""
    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(str(path), as_version=4)
        for cell in notebook.cells:
            if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
                continue
            code = "\n".join(line.split("#")[0] for line in cell.source.splitlines())
            strings = re.sub(r"f?\"[^\"\n]*\"|f?'[^'\n]*'", '""', code)  # numbers inside captions do not count
            assert not _LOGIC_IN_CELLS.search(strings), (path.name, _LOGIC_IN_CELLS.search(strings).group())
            assert not _FLOAT_LITERAL.search(strings), (path.name, _FLOAT_LITERAL.search(strings).group())


def test_errors_csv_has_its_header_even_when_empty(run):
    result, _ = run
    assert result.errors_csv.read_text(encoding="utf-8") == "path,line,id,problem,hint\n"


def test_parameters_reach_only_the_notebook_that_declares_them(run):
    result, _ = run
    executed = nbformat.read(str(result.run_dir / "overview.ipynb"), as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    source = injected[0].source
    assert "top_n_actors = 7" in source
    assert f"annotations = {str(result.run_dir / 'store')!r}" in source.replace('"', "'")


def test_html_has_no_code_and_loads_nothing_from_the_network(run):
    result, _ = run
    page = (result.run_dir / "overview.html").read_text(encoding="utf-8")
    assert "Corpus overview" in page
    assert "load_records(" not in page and "import " not in page  # no code cell inputs
    assert 'class="jp-InputPrompt' not in page and 'class="jp-OutputPrompt' not in page
    assert "hl-ipython3" not in page  # highlighted code blocks
    assert "Reuters" in page  # the outputs are there
    external = re.findall(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)
    assert external == []
    assert not re.search(r"@import\s+(?:url\()?[\"']?(?:https?:)?//", page)


def test_broken_notebook_is_reported_and_the_others_still_render(run):
    result, lines = run
    failed = [r for r in result.reports if not r.ok]
    assert [r.name for r in failed] == [BROKEN]
    assert "RuntimeError: deliberately broken <notebook>" in failed[0].error
    assert result.failures == failed and not result.ok
    assert any(BROKEN in line and "FAILED" in line for line in lines)
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert "deliberately broken &lt;notebook&gt;" in index  # escaped
    assert "<notebook>" not in index
    assert 'class="failed"' in index
    assert (result.run_dir / f"{BROKEN}.html").is_file()  # the error is visible in its page too


def test_index_links_reports_files_and_input_hashes(run):
    result, _ = run
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    for name in ("overview.html", "overview.ipynb", "documents.csv", "actors.csv", "errors.csv"):
        assert f'href="{name}"' in index, name
    from toolkit import __version__
    from toolkit.files import sha256

    assert __version__ in index
    for path in SEEDS.iterdir():
        assert sha256(path) in index
    assert "Skipped articles" in index


def test_run_writes_article_pages_that_the_index_links(run):
    result, _ = run
    pages = sorted((result.run_dir / "articles").glob("*.html"))
    assert len(pages) == len(list(SEEDS.glob("*.txt")))
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert f'href="articles/{pages[0].name}"' in index
    page = pages[0].read_text(encoding="utf-8")
    assert 'href="../index.html"' in page and 'class="tk-q"' in page


def test_bad_articles_go_to_errors_csv_and_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Headline\nKim said the talks failed.\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x00binary")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    # a tiny notebook keeps this test fast; the real ones are covered by the shared run
    nbformat.write(new_notebook(cells=[new_code_cell('corpus = ""\nannotations = ""\noutput_dir = ""',
                                                     metadata={"tags": ["parameters"]})],
                                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}),
                   str(notebooks / "tiny.ipynb"))
    result = report.run_report([corpus], out_dir=tmp_path / "run", notebooks_dir=notebooks, log=lambda _: None)
    assert result.ok and result.documents == 1
    with open(result.errors_csv, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(Path(r["path"]).name, r["line"], r["id"]) for r in rows] == [("bad.txt", "", "")]
    assert "binary file" in rows[0]["problem"] and rows[0]["hint"]
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert "bad.txt" in index and "binary file" in index


@pytest.mark.parametrize("parameters, message", [
    ({"top_n_actor": "3"}, "no notebook declares a parameter 'top_n_actor'"),
    ({"nosuch.top_n_actors": "3"}, "no notebook named 'nosuch'"),
    ({"top_n_actors": "many"}, "wants a int, got 'many'"),
    ({"output_dir": "/tmp/x"}, "set by the report itself"),
])
def test_bad_parameters_stop_before_anything_runs(tmp_path, parameters, message):
    with pytest.raises(report.ReportError, match=re.escape(message)):
        report.run_report([SEEDS], out_dir=tmp_path / "run", parameters=parameters, notebooks_dir=NOTEBOOKS)
    assert not (tmp_path / "run").exists()


def test_missing_corpus_is_one_clear_line(tmp_path, capsys):
    assert report.main([str(tmp_path / "nope"), "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0
    assert err.startswith("error: ") and "nope: no such file or folder" in err
    with pytest.raises(CorpusError):
        report.run_report([tmp_path / "nope"])


def test_run_folder_is_named_for_time_and_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from datetime import datetime

    first = report._new_run_dir(Path("outputs"), report._corpus_name([SEEDS]), datetime(2024, 10, 21, 10, 15))
    second = report._new_run_dir(Path("outputs"), "seeds", datetime(2024, 10, 21, 10, 15))
    assert first.as_posix() == "outputs/2024-10-21T101500-seeds"
    assert second.as_posix() == "outputs/2024-10-21T101500-seeds-2"


@pytest.mark.parametrize("value, type_name, expected", [
    ("5", "int", 5), ("0.5", "float", 0.5), ("yes", "bool", True), ("false", "bool", False),
    ("[1, 2]", "list", [1, 2]), ("abc", "str", "abc"), ("3", "None", 3), ("a b", "None", "a b"), (7, "int", 7),
])
def test_command_line_values_take_the_declared_type(value, type_name, expected):
    assert report._coerce(value, type_name, where="p") == expected


def test_report_on_stored_annotations(tmp_path):
    """The cluster path: annotate shards elsewhere, then run the notebooks on the combined file."""
    from toolkit.annotate import annotate_records, write_jsonl
    from toolkit.corpus import iter_documents

    shard = tmp_path / "annotations.jsonl"
    write_jsonl(shard, annotate_records(iter_documents([SEEDS])))
    only_overview = tmp_path / "notebooks"
    only_overview.mkdir()
    shutil.copy(NOTEBOOKS / "overview.ipynb", only_overview / "overview.ipynb")
    result = report.run_report([], annotations=shard, out_dir=tmp_path / "run", notebooks_dir=only_overview,
                        log=lambda line: None, jsonl=True)
    assert result.ok and result.documents == 1
    assert (tmp_path / "run" / "annotations.jsonl").read_text(encoding="utf-8") == shard.read_text(encoding="utf-8")
