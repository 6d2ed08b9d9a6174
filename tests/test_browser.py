"""The report's pages in a real browser (headless Chromium): tables sort and filter on a real click and
typing, article links jump, and markup from articles never runs.

``.ci/run`` installs Chromium and chromedriver and sets TOOLKIT_BROWSER_TESTS=1, so there a missing
browser fails; elsewhere these tests are skipped without one.
"""
from __future__ import annotations

import os

import nbformat
import pandas as pd
import pytest

from toolkit.annotate import annotate_document
from toolkit.corpus import Document
from toolkit.report import notebook as nb
from toolkit.report import run as report
from toolkit.report.pages import anchor, article_html

from webdriver import browser, chromedriver, chromium

if not (chromedriver() and chromium()):
    if os.environ.get("TOOLKIT_BROWSER_TESTS") == "1":
        raise RuntimeError("TOOLKIT_BROWSER_TESTS=1 but chromium/chromedriver are missing (apt-get install "
                           "chromium chromium-driver)")
    pytest.skip("no chromium/chromedriver here", allow_module_level=True)

HOSTILE = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=2</script>"


@pytest.fixture(scope="module")
def session():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def table_page(tmp_path_factory):
    """A rendered report page holding one table, the way the notebooks show tables."""
    frame = pd.DataFrame({"speaker": ["Kim", "Peskov", HOSTILE, "Zinoviev", SCRIPT],
                          "quotes": [3, 12, 1, 7, 2]})
    book = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show_table(frame)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": nb.table_html(frame)})]
    book.cells = [nbformat.v4.new_markdown_cell("# Quotes"), cell]
    return report.render_html(book, tmp_path_factory.mktemp("page") / "quotes.html", title="Quotes")


def _column(session, i: int) -> list[str]:
    rows = session.find_all("table tbody tr")
    return [session.text(session.find_all(f"table tbody tr:nth-child({k + 1}) td")[i]) for k in range(len(rows))
            if session.displayed(rows[k])]


def test_a_click_sorts_numbers_as_numbers_and_a_second_click_reverses(session, table_page):
    session.open(table_page)
    header = session.find_all("table thead th")
    quotes = next(h for h in header if session.text(h) == "quotes")
    session.click(quotes)
    assert _column(session, 1) == ["1", "2", "3", "7", "12"]
    session.click(quotes)
    assert _column(session, 1) == ["12", "7", "3", "2", "1"]
    speaker = next(h for h in header if session.text(h) == "speaker")
    session.click(speaker)
    assert _column(session, 0)[-3:] == ["Kim", "Peskov", "Zinoviev"]  # the markup cells sort first, as text


def test_typing_in_the_filter_keeps_the_matching_rows(session, table_page):
    session.open(table_page)
    [box] = session.find_all("input.tk-filter")
    session.type(box, "zin")
    assert _column(session, 0) == ["Zinoviev"]
    session.type(box, "\ue003\ue003\ue003")  # backspaces: every row again
    assert len(_column(session, 0)) == 5


def test_markup_in_table_cells_shows_as_text_and_never_runs(session, table_page):
    session.open(table_page)
    assert session.script("return window.__pwned === undefined;") is True
    cells = [session.text(c) for c in session.find_all("table tbody td")]
    assert HOSTILE in cells and SCRIPT in cells


def test_article_page_escapes_the_article_and_its_links_jump(session, tmp_path):
    text = f'Officials said {SCRIPT} and {HOSTILE} were "fine," Kim Hong-kyun said on Monday.'
    record = annotate_document(Document(id="evil", text=text, title=HOSTILE)).to_dict()
    page = tmp_path / "evil.html"
    page.write_text(article_html(record), encoding="utf-8")
    session.open(page)
    assert session.script("return window.__pwned === undefined;") is True
    assert SCRIPT in session.text(session.find_all(".tk-text")[0])
    quote = record["quotes"][0]
    target = "#" + anchor("q", quote["content"][0]["start"])
    [link] = [e for e in session.find_all(".tk-side a") if session.attribute(e, "href") == target]
    session.click(link)
    assert session.script("return location.hash;") == target
