"""The command line: ``python -m toolkit <command>`` dispatches, prints JSON Lines, fails clearly."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_module(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_annotate_seeds_prints_valid_json_lines():
    done = run_module("annotate", str(SEEDS))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in records] == ["000_55edb76f28711d65"]
    record = records[0]
    assert record["published"] == "2024-10-21" and record["source"] == "Reuters"
    text = record["text"]
    assert text == (SEEDS / "000_55edb76f28711d65.txt").read_text(encoding="utf-8")
    assert record["sentences"] and all(0 <= s["start"] < s["end"] <= len(text) for s in record["sentences"])


@pytest.mark.parametrize("args", [
    pytest.param(["annotate", "no/such/corpus"], id="annotate"),
    pytest.param(["report", "no/such/corpus"], id="report"),
])
def test_missing_path_exits_2_with_one_clear_line(args, tmp_path):
    done = run_module(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "no/such/corpus" in lines[0] and "no such file or folder" in lines[0]
    assert not (tmp_path / "outputs").exists()


@pytest.mark.parametrize("argv, code, expected", [
    pytest.param([], 0, "usage: python -m toolkit <command>", id="no-arguments"),
    pytest.param(["--help"], 0, "report", id="help"),
    pytest.param(["frobnicate"], 2, "unknown command 'frobnicate'", id="unknown-command"),
])
def test_usage(argv, code, expected, capsys):
    assert cli.main(argv) == code
    captured = capsys.readouterr()
    assert expected in captured.out + captured.err


def test_version(capsys):
    from toolkit import __version__

    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == __version__


def test_setup_dispatches_to_nltkdata(capsys):
    from toolkit import nltkdata

    expected = 0 if not nltkdata.missing() else 1
    assert cli.main(["setup", "--no-download"]) == expected
