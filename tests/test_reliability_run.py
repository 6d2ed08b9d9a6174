"""A report run never publishes a partial file, refuses a second run in its folder, cleans up after a
killed run, leaves no folder behind after an early error, and leaves no worker running when killed.

These run the report machinery on the seed story with one small notebook.
"""
from __future__ import annotations

import errno
import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from toolkit.report import run as report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture()
def notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = new_notebook(cells=[
        new_code_cell('corpus = ""\nannotations = ""\noutput_dir = ""', metadata={"tags": ["parameters"]}),
        new_code_cell("print('hello')"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, str(folder / "tiny.ipynb"))
    return folder


def run(tmp_path, notebooks, **kwargs):
    return report.run_report([SEEDS], out_dir=tmp_path / "run", notebooks_dir=notebooks, log=lambda _: None,
                             cache=tmp_path / "cache", progress=False, workers=1, **kwargs)


def test_a_notebook_whose_write_fails_is_never_published(tmp_path, notebooks, monkeypatch):
    def full_disk(source, target, parameters):
        Path(target).write_text('{"cells": [')  # half a notebook, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(report, "_execute", full_disk)
    result = run(tmp_path, notebooks)
    (failure,) = result.failures
    assert failure.error.startswith("disk full")
    assert not (tmp_path / "run" / "tiny.ipynb").exists()
    assert not list((tmp_path / "run").glob(".*")), "temporary files left behind"


def test_a_second_run_in_the_same_folder_is_refused(tmp_path, notebooks):
    folder = tmp_path / "run"
    folder.mkdir()
    with open(folder / ".lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(report.ReportError, match="another report is writing"):
            run(tmp_path, notebooks)


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path, notebooks):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / ".stance.x1y2z3.ipynb").write_text("{")
    result = run(tmp_path, notebooks)
    assert result.ok
    assert not list(folder.glob(".*"))


def test_an_unwritable_out_is_exit_2_with_a_message_and_no_traceback(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code = report.main(["seeds", "--out", str(blocker / "run"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot create the run folder" in err and "Traceback" not in err


def test_an_early_failure_leaves_no_empty_run_folder(tmp_path, notebooks, monkeypatch):
    import toolkit.store.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("the cluster went away")

    monkeypatch.setattr(pipeline, "annotate_to_store", broken)
    with pytest.raises(RuntimeError):
        run(tmp_path, notebooks)
    assert not (tmp_path / "run").exists()


def test_pool_workers_die_with_their_parent(tmp_path):
    script = tmp_path / "parent.py"
    pidfile = tmp_path / "worker.pid"
    script.write_text(textwrap.dedent(f"""
        import os, time
        from concurrent.futures import ProcessPoolExecutor
        from toolkit.store.pipeline import die_with_parent

        def work():
            open({str(pidfile)!r}, "w").write(str(os.getpid()))
            time.sleep(60)

        if __name__ == "__main__":
            with ProcessPoolExecutor(1, initializer=die_with_parent) as pool:
                pool.submit(work).result()
    """))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen([sys.executable, str(script)], env=env)
    for _ in range(100):
        if pidfile.exists() and pidfile.read_text():
            break
        time.sleep(0.1)
    worker = int(pidfile.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(50):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the pool worker kept running after its parent was killed")
