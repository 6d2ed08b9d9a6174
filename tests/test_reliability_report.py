"""toolkit.report under hostile or broken input: markup in parameters and articles, bad -p values,
kernels that fail to start, mathtext in chart labels, annotation records without text.

Each group answers one case of the reliability issue; the end-to-end runs use the real
notebooks on the seed (annotated once for the module).
"""
from __future__ import annotations

import copy
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from toolkit.report import charts, frames
from toolkit.report import notebook as nb
from toolkit.report import run as report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NOTEBOOKS = ROOT / "notebooks"

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"


@pytest.fixture(scope="module")
def seed_record() -> dict:
    from toolkit.annotate import annotate_records
    from toolkit.corpus import iter_documents

    [record] = list(annotate_records(iter_documents([SEEDS])))
    return record


def without_text(record: dict) -> dict:
    """The record as another tool might store it: no article text, no words of any span."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "text"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(copy.deepcopy(record))


# --------------------------------------------------------------------------- 1. markup is escaped


def test_table_html_escapes_headers_index_labels_and_every_cell():
    table = pd.DataFrame({"actor": ["Kim"], IMG: [SCRIPT], "terms": [[SCRIPT]]}, index=pd.Index([SCRIPT], name=IMG))
    table.columns.name = IMG
    page = nb.table_html(table)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "<img" not in page and "<script" not in page


def test_index_page_escapes_names_errors_and_run_rows(tmp_path):
    from toolkit.corpus import LoadError

    (tmp_path / "a<b>.csv").write_text("a\n", encoding="utf-8")  # a file name is escaped in its link
    failed = report.NotebookResult(SCRIPT, "failed", error=f"ParameterError: {IMG}")
    result = report.RunResult(tmp_path, tmp_path / "index.html", tmp_path / "annotations.jsonl",
                              tmp_path / "errors.csv", 1, [LoadError(SCRIPT, 1, SCRIPT, IMG, IMG)],
                              [failed])
    counts = {"articles": 1, "dated": 0, "first": None, "last": None, "sources": {SCRIPT: 1}, "sentences": 1,
              "words": 1}
    report._write_index(result, title=SCRIPT, run_rows=[("parameters", f"topics={IMG}")], counts=counts,
                        inputs=[(SCRIPT, "0" * 64, 1)])
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page and "<script" not in page and "<b>" not in page
    assert report._table([1, IMG], [[SCRIPT, 2]]).count("&lt;") == 3  # a header need not be a string


@pytest.fixture(scope="module")
def hostile_run(seed_record, tmp_path_factory):
    """The overview and stance notebooks on two articles: one with markup in its id, title and source,
    one stored without any text; a topic whose name is markup."""
    marked = {**copy.deepcopy(seed_record), "id": SCRIPT, "title": SCRIPT, "source": SCRIPT}
    bare = {**without_text(seed_record), "id": "bare"}
    folder = tmp_path_factory.mktemp("hostile")
    annotations = folder / "annotations.jsonl"
    annotations.write_text("".join(json.dumps(r) + "\n" for r in (marked, bare)), encoding="utf-8")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    for name in ("overview", "stance"):
        shutil.copy(NOTEBOOKS / f"{name}.ipynb", notebooks / f"{name}.ipynb")
    topics = json.dumps({IMG: ["troops", "soldiers"]})
    return report.run_report([], annotations=annotations, out_dir=folder / "run", notebooks_dir=notebooks,
                             parameters={"stance.topics": topics}, log=lambda line: None)


def test_topic_names_and_article_text_are_escaped_in_every_page(hostile_run):
    assert hostile_run.ok, [r.error for r in hostile_run.failures]
    stance = (hostile_run.run_dir / "stance.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in stance  # the topic grid's header and the caption
    assert re.search(r"<th[^>]*>&lt;img src=x onerror=alert\(1\)&gt;</th>", stance)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in stance  # the article id in the stance table
    for page in ("stance.html", "overview.html", "index.html"):
        text = (hostile_run.run_dir / page).read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert" not in text, page


# --------------------------------------------------------------------------- 2. parameters are checked first


BAD_PARAMETERS = [
    ("quotes.focus_actors={[1]: 2}", "quotes.ipynb", "not a JSON or Python literal"),
    ("quotes.focus_actors=" + "[" * 100_000, "quotes.ipynb", "nested deeper than"),
    ("quotes.focus_actors=[1, 2]", "quotes.ipynb", "a list of strings"),
    ("stance.topics=[1,2]", "stance.ipynb", "wants a dict"),
    ('stance.topics={"troops": [1]}', "stance.ipynb", "topic name -> list of key terms"),
    ("stance.actors=Kim", "stance.ipynb", "wants a list"),
    ("top_n=-3", "quotes.ipynb", "wants a whole number >= 1, got -3"),
    ("stance.n_topics=-1", "stance.ipynb", ">= 0"),
    ("min_confidence=1.5", "stance.ipynb", "from 0 to 1, got 1.5"),
    ("min_confidence=nan", "stance.ipynb", "from 0 to 1"),
    ("level=parties", "stance.ipynb", "one of 'party', 'actor'"),
    ("lanes=article", "timeline.ipynb", "one of 'actor', 'document'"),
    ("max_events=0", "timeline.ipynb", ">= 1"),
    ("date_from=21 October", "timeline.ipynb", "YYYY-MM-DD"),
    ("date_to=2024-02-30", "timeline.ipynb", "YYYY-MM-DD"),
    ("overview.top_n_actors=0", "overview.ipynb", ">= 1"),
    ("time_bin=fortnight", "sources.ipynb", "one of 'day', 'week', 'month', 'quarter', 'year'"),
    ("sources.n_boot=5", "sources.ipynb", "from 100 to 100000, got 5"),
    ("min_quotes=0", "sources.ipynb", ">= 1"),
]


@pytest.mark.parametrize("assignment, notebook, expected", BAD_PARAMETERS, ids=lambda v: str(v)[:40])
def test_bad_parameters_exit_2_with_one_clear_line_and_write_nothing(assignment, notebook, expected, tmp_path,
                                                                     capsys, monkeypatch):
    import toolkit.nltkdata

    def too_far(**_):  # the first step after the parameters: reaching it means they were accepted
        raise AssertionError(f"{assignment[:60]!r} was accepted")

    monkeypatch.setattr(toolkit.nltkdata, "ensure", too_far)
    out = tmp_path / "run"
    code = report.main([str(SEEDS), "--out", str(out), "--notebooks", str(NOTEBOOKS), "-p", assignment])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: -p ") and err.count("\n") == 1, err
    name = assignment.partition("=")[0].rpartition(".")[2]
    assert f"parameter {name!r} of {notebook}" in err and expected in err, err
    assert len(err) < 600  # the value given is shown, cut short
    assert not out.exists()


def test_date_range_is_checked_with_the_other_bound_and_defaults(tmp_path):
    notebooks = report.find_notebooks(NOTEBOOKS)
    with pytest.raises(report.ReportError, match="date_from '2024-10-30' comes after date_to '2024-10-01'"):
        report.notebook_parameters(notebooks, {"date_from": "2024-10-30", "date_to": "2024-10-01"})
    assert report.notebook_parameters(notebooks, {"date_from": "2024-10-01"})  # the default date_to is empty


def test_good_parameters_take_their_declared_shape():
    notebooks = {p.stem: p for p in report.find_notebooks(NOTEBOOKS)}
    extras = report.notebook_parameters(list(notebooks.values()), {
        "stance.topics": '{"troop deployment": ["troops", "deployment"]}', "actors": '["Russia"]',
        "min_confidence": "0", "level": "actor", "timeline.date_to": "2024-10-31", "quotes.top_n": "1",
        "include_article": "yes"})
    assert extras[notebooks["stance"]] == {"topics": {"troop deployment": ["troops", "deployment"]},
                                           "actors": ["Russia"], "min_confidence": 0.0, "level": "actor",
                                           "include_article": True}
    assert extras[notebooks["timeline"]] == {"actors": ["Russia"], "date_to": "2024-10-31"}
    assert extras[notebooks["quotes"]] == {"top_n": 1}


def test_every_notebook_default_passes_its_own_check():
    for path in report.find_notebooks(NOTEBOOKS):
        declared = report._declared_parameters(path)
        defaults = report._declared_defaults(declared)
        assert set(defaults) == set(declared), path.name
        assert set(declared) <= set(nb.PARAMETER_RULES), path.name  # every parameter has a rule
        nb.check_parameters(path.stem, **defaults)


def test_notebooks_check_their_parameters_in_their_first_code_cell():
    for path in report.find_notebooks(NOTEBOOKS):
        notebook = nbformat.read(str(path), as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        at = next(i for i, c in enumerate(code) if "parameters" in c.metadata.get("tags", []))
        first = code[at + 1].source
        assert f'nb.check_parameters("{path.stem}",' in first, path.name
        for name in report._declared_parameters(path):
            assert f"{name}={name}" in first, (path.name, name)


def test_a_notebook_run_outside_the_report_rejects_a_bad_parameter(tmp_path):
    """papermill on its own (no ``report``): the first code cell stops with the message."""
    import papermill

    with pytest.raises(papermill.PapermillExecutionError) as caught:
        papermill.execute_notebook(str(NOTEBOOKS / "quotes.ipynb"), str(tmp_path / "quotes.ipynb"),
                                   parameters={"top_n": -3, "corpus": str(SEEDS), "output_dir": str(tmp_path)},
                                   kernel_name=report.KERNEL_NAME, cwd=str(NOTEBOOKS), progress_bar=False)
    assert caught.value.ename == "ParameterError"
    assert "parameter 'top_n' of quotes wants a whole number >= 1, got -3" in caught.value.evalue
    assert "nb.check_parameters(" in caught.value.source  # the first cell, before any table or chart


@pytest.mark.parametrize("notebook, name, text, expected", [
    ("timeline", "actors", '["Raymond Roth"]', ["Raymond Roth"]),
    ("quotes", "focus_actors", '["South Korea", "Russia"]', ["South Korea", "Russia"]),
    ("stance", "topics", '{"troops": ["troops", "soldiers"]}', {"troops": ["troops", "soldiers"]}),
])
def test_a_list_given_as_json_text_is_read_as_the_list(notebook, name, text, expected):
    assert nb.check_parameters(notebook, **{name: text})[name] == expected


def test_a_plain_string_for_a_list_is_refused_not_read_as_characters():
    with pytest.raises(nb.ParameterError, match=r"parameter 'actors' of timeline wants a list of strings"):
        nb.check_parameters("timeline", actors="Raymond Roth")


def test_papermill_given_a_list_as_text_filters_by_it(tmp_path):
    """``papermill -p actors '["Russia"]'`` passes a string; the notebook reads it as the list."""
    import papermill

    papermill.execute_notebook(str(NOTEBOOKS / "timeline.ipynb"), str(tmp_path / "timeline.ipynb"),
                               parameters={"actors": '["Russia"]', "corpus": str(SEEDS), "output_dir": str(tmp_path)},
                               kernel_name=report.KERNEL_NAME, cwd=str(NOTEBOOKS), progress_bar=False)
    executed = (tmp_path / "timeline.ipynb").read_text(encoding="utf-8")
    assert "involving Russia" in executed


def test_coerce_reads_containers_safely():
    with pytest.raises(report.ReportError, match="nested deeper than 20 levels"):
        report._coerce("[" * 100_000, "list", where="p")
    with pytest.raises(report.ReportError, match=r"wants a dict, got '\[1, 2\]' \(a list\)"):
        report._coerce("[1, 2]", "dict", where="p")
    with pytest.raises(report.ReportError, match="longer than"):
        report._coerce("[" + "1," * 60_000 + "1]", "list", where="p")
    assert report._coerce('["a [b", "c\\"]"]', "list", where="p") == ["a [b", 'c"]']  # brackets in strings
    assert report._coerce("{'a': ('b',)}", "dict", where="p") == {"a": ("b",)}
    assert report._coerce("[" * 5000, "None", where="p") == "[" * 5000  # untyped: kept as the string


# --------------------------------------------------------------------------- 3. a kernel that fails to start


def tiny_notebook(path: Path) -> Path:
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["parameters"]})],
                                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}), str(path))
    return path


def executed_copy(source: str, output: str, *, started: bool = True) -> None:
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        cell.metadata["papermill"] = {"start_time": "2024-10-21T10:00:00" if started else None, "status": "completed"}
    nbformat.write(notebook, output)


def zmq_in_use() -> Exception:
    import zmq

    return zmq.error.ZMQError(98, "Address already in use")


@pytest.mark.parametrize("failure", [
    zmq_in_use,
    lambda: RuntimeError("Kernel died before replying to kernel_info"),
    lambda: RuntimeError("Kernel didn't respond in 60 seconds"),
], ids=["zmq-address-in-use", "died-before-kernel-info", "no-response"])
def test_a_kernel_that_fails_to_start_is_tried_once_more(failure, tmp_path, monkeypatch):
    import papermill

    calls = []

    def flaky(source, output, **kwargs):
        calls.append(kwargs["parameters"])
        if len(calls) == 1:
            executed_copy(source, output, started=False)  # papermill saves the notebook before the kernel starts
            raise failure()
        executed_copy(source, output)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr(report.time, "sleep", lambda seconds: None)
    task = report._Task(str(tiny_notebook(tmp_path / "tiny.ipynb")), str(tmp_path), {"x": 2})
    result = report._run_notebook(task)
    assert result.ok, result.error
    assert calls == [{"x": 2}, {"x": 2}]
    assert (tmp_path / "tiny.html").is_file()


def test_a_kernel_that_never_starts_fails_after_the_second_try(tmp_path, monkeypatch):
    import papermill

    calls = []

    def dead(source, output, **kwargs):
        calls.append(1)
        raise zmq_in_use()

    monkeypatch.setattr(papermill, "execute_notebook", dead)
    monkeypatch.setattr(report.time, "sleep", lambda seconds: None)
    result = report._run_notebook(report._Task(str(tiny_notebook(tmp_path / "tiny.ipynb")), str(tmp_path), {}))
    assert not result.ok and "Address already in use" in result.error
    assert len(calls) == 2


def test_a_failure_after_a_cell_ran_is_not_retried(tmp_path, monkeypatch):
    import papermill

    calls = []

    def died_in_a_cell(source, output, **kwargs):
        calls.append(1)
        executed_copy(source, output, started=True)
        raise RuntimeError("Kernel died")  # nbclient's DeadKernelError is a RuntimeError

    monkeypatch.setattr(papermill, "execute_notebook", died_in_a_cell)
    monkeypatch.setattr(report.time, "sleep", lambda seconds: None)
    result = report._run_notebook(report._Task(str(tiny_notebook(tmp_path / "tiny.ipynb")), str(tmp_path), {}))
    assert not result.ok and "Kernel died" in result.error
    assert len(calls) == 1


# --------------------------------------------------------------------------- 4. mathtext in chart labels


LITERAL = "$x$ cost"
BROKEN_MATH = "a $_$ b"  # not valid mathtext: matplotlib raised ValueError on drawing it


def shown_texts(fig) -> list[str]:
    """What each text of a drawn figure shows, after matplotlib's own $-handling."""
    from matplotlib import cbook
    from matplotlib.text import Text

    fig.canvas.draw()
    out = []
    for text in fig.findobj(Text):
        raw = text.get_text()
        assert not (text.get_parse_math() and cbook.is_math_text(raw)), raw  # nothing is read as math
        out.append(raw.replace(r"\$", "$"))
    return out


def draw(fig) -> list[str]:
    fig.savefig(io.BytesIO(), format="png")
    return shown_texts(fig)


def test_chart_labels_from_the_data_are_shown_literally():
    import matplotlib.pyplot as plt

    counts = pd.DataFrame({"actor": [LITERAL, BROKEN_MATH], "mentions": [3, 1], "kind": [BROKEN_MATH, "$"]})
    figures = [
        charts.ranked_bars(counts, label="actor", value="mentions", color_by="kind", title=f"Top {LITERAL}"),
        charts.share_bars(counts.assign(share=[0.75, 0.25]), label="actor", shares=[("share", BROKEN_MATH)],
                          title=LITERAL),
        charts.stacked_bars(counts.assign(direct=[1, 1]), label="actor", columns=["mentions", "direct"],
                            title=LITERAL),
        charts.heatmap(pd.DataFrame([[1, 2]], index=[LITERAL], columns=[BROKEN_MATH, "$1"]), title=LITERAL),
        charts.stance_network(pd.DataFrame({"holder": [LITERAL], "target": [BROKEN_MATH], "stances": [2],
                                            "score": [-0.5]}), title=BROKEN_MATH),
    ]
    for fig in figures:
        shown = draw(fig)
        assert LITERAL in shown or f"Top {LITERAL}" in shown, shown
        assert BROKEN_MATH in shown or any(BROKEN_MATH in s for s in shown), shown
        plt.close(fig)


def test_timeline_chart_with_mathtext_in_event_and_lane_names():
    import matplotlib.pyplot as plt

    day = pd.Timestamp("2024-10-21")
    items = pd.DataFrame({"lane": [LITERAL, BROKEN_MATH], "lane_rank": [0, 1], "position": [1, 2],
                          "event": ["$pay$", BROKEN_MATH], "start": [day, day], "end": [day, day],
                          "shape": ["point", "point"], "anchor": ["timex", "timex"], "document": ["$a$", "$b$"]})
    fig = charts.timeline_chart(items, title=LITERAL)
    shown = draw(fig)
    assert {LITERAL, BROKEN_MATH, "$pay$"} <= set(shown), shown
    plt.close(fig)


# --------------------------------------------------------------------------- 5. records without text


def test_frames_tolerate_records_without_text(seed_record):
    bare = without_text(seed_record)
    nulled = {**copy.deepcopy(seed_record), "text": None}
    for record in (bare, nulled):
        stances = frames.stances_frame([record])
        assert len(stances) == len(frames.stances_frame([seed_record])) > 0
        assert stances["sentence_text"].isna().all()
        for build in (frames.actors_frame, frames.quotes_frame, frames.timexes_frame, frames.timeline_frame):
            evidence = build([record])["sentence_text"]  # unknown: None, or empty
            assert len(evidence) and evidence.fillna("").eq("").all(), build.__name__
        for topics in ({"troops": ["troops"]}, {}):
            chosen = frames.topics_to_follow([record], topics, n=5)
            by_topic = frames.topic_stances_frame([record], chosen)
            assert len(by_topic) > 0 and (by_topic["evidence"] == "").all()
            frames.topic_grid(by_topic)


def test_claim_cue_without_text_is_read_from_the_article(seed_record):
    record = copy.deepcopy(seed_record)
    for claim in record["claims"]:
        if claim.get("cue"):
            claim["cue"].pop("text")
    topics = frames.topics_to_follow([record], {"troops": ["troops"]})
    assert frames.topic_stances_frame([record], topics).equals(frames.topic_stances_frame([seed_record], topics))


def test_stance_report_runs_on_a_record_without_text(hostile_run):
    by_name = {r.name: r for r in hostile_run.reports}
    assert by_name["stance"].ok, by_name["stance"].error
    stances = pd.read_csv(hostile_run.run_dir / "stance.csv")
    assert set(stances["document"]) == {SCRIPT, "bare"}
    assert stances.loc[stances["document"] == "bare", "sentence_text"].isna().all()


def test_warnings_on_stderr_never_reach_the_html(tmp_path):
    import nbformat

    book = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart()")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr",
                                           text="/home/me/.venv/lib/matplotlib/dates.py:1: UserWarning: AutoDateLocator"),
                    nbformat.v4.new_output("stream", name="stdout", text="12 articles")]
    book.cells = [cell]
    page = report.render_html(book, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "UserWarning" not in page and "/home/me" not in page
    assert "12 articles" in page
