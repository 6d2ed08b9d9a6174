"""The bench's --big-articles option: it parses, and a tiny size runs (no timings are checked)."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from toolkit.bench import BigArticleResult, big_article_bench, big_article_text, main, parse_sizes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_sizes_parse_with_suffixes():
    assert parse_sizes("250000,1M,10_000k") == [250_000, 1_000_000, 10_000_000]
    with pytest.raises(argparse.ArgumentTypeError):
        parse_sizes("0")
    with pytest.raises(argparse.ArgumentTypeError):
        parse_sizes("big")


def test_big_article_joins_articles_as_paragraphs_until_the_size():
    text = big_article_text(["Kim left.", "  Lee stayed. "], 30)
    assert len(text) >= 30
    assert text.split("\n\n")[:3] == ["Kim left.", "Lee stayed.", "Kim left."]


def test_a_tiny_big_article_runs_in_a_child_process():
    (result,) = big_article_bench([3000], corpus=str(SEEDS), timeout=300)
    assert isinstance(result, BigArticleResult)
    assert result.chars >= 3000 and result.words > 0
    assert result.seconds > 0 and result.peak_rss_mb > 0 and result.seconds_per_mb > 0


def test_cli_option_prints_one_row_per_size(capsys):
    assert main([str(SEEDS), "--big-articles", "2000"]) == 0
    out = capsys.readouterr().out
    assert "s/MB" in out and "peak RSS" in out
    assert len([line for line in out.splitlines() if line.strip().split()[0].replace(",", "").isdigit()]) == 1


def test_bad_sizes_are_a_usage_error():
    with pytest.raises(SystemExit):
        main(["--big-articles", "x"])
