"""Article pages (toolkit.report.pages) and browsing a run (toolkit.report.explore, toolkit.show/open_run)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import toolkit
from toolkit.annotate import annotate_document
from toolkit.corpus import Document
from toolkit.report.explore import Run, page_link
from toolkit.report.pages import anchor, article_html, marked_text, page_name, speaker_colour, write_article_pages
from toolkit.store import Store

EVIL = 'Officials said <script>alert(1)</script> and <img src=x onerror=alert(2)> were "fine," Kim said.'


class _Checker(HTMLParser):
    """Collects ids, hrefs, scripts and event-handler attributes, and checks tags nest."""

    VOID = {"meta", "br", "img", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts = 0
        self.handlers: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(name)
            if name == "id":
                self.ids.add(value)
            if name == "href":
                self.hrefs.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()


def _check(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


@pytest.fixture(scope="module")
def seed_record(seed_annotation) -> dict:
    return seed_annotation.to_dict()


def test_seed_page_is_well_formed_and_its_lists_jump_to_their_places(seed_record):
    page = article_html(seed_record)
    checker = _check(page)
    assert checker.errors == [] and checker.stack == []
    local = [h[1:] for h in checker.hrefs if h.startswith("#")]
    assert local and all(target in checker.ids for target in local)
    for q in seed_record["quotes"]:
        assert anchor("q", q["content"][0]["start"]) in checker.ids
    for tx in seed_record["timexes"]:
        assert anchor("t", tx["start"]) in checker.ids


def test_marked_text_keeps_the_text(seed_record):
    plain = re.sub(r"<[^>]+>", "", marked_text(seed_record))
    import html

    assert html.unescape(plain) == seed_record["text"]


def test_hover_says_the_canonical_actor_role_and_the_timex_value(seed_record):
    page = article_html(seed_record)
    assert 'title="Kim Hong-kyun, person, government, unknown, for South Korea"' in page
    assert 'title="2024-10-21 (DATE)"' in page


def test_script_in_article_text_and_title_never_runs():
    record = annotate_document(Document(id="x<script>", text=EVIL, title='<script>alert("t")</script>',
                                        source="<b>Wire</b>")).to_dict()
    assert record["quotes"], "the test needs annotations over the evil text"
    page = article_html(record)
    checker = _check(page)
    assert checker.scripts == 0 and checker.handlers == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=alert(2)" in page.replace("&#x27;", "'")  # shown as text
    assert "<img" not in page


def test_speaker_colours_are_stable():
    assert speaker_colour("Dmitry Peskov") == speaker_colour("Dmitry Peskov")
    assert speaker_colour("a") in article_html({"id": "a", "text": "x said y.", "quotes": [
        {"content": [{"start": 7, "end": 8}], "actor": "a", "cue": {"start": 2, "end": 6, "text": "said"}}]})


def test_write_pages_limit_and_focus_actors(tmp_path, seed_record):
    other = {"id": "b/2", "text": "Nothing here.", "actors": []}
    written = write_article_pages([seed_record, other], tmp_path / "articles", limit=None)
    assert [name for _, _, name in written] == [page_name(seed_record["id"]), "b_2.html"]
    only = write_article_pages([seed_record, other], tmp_path / "focus", limit=None, actors=["Russia"])
    assert [doc for doc, _, _ in only] == [seed_record["id"]]
    assert write_article_pages([seed_record, other], tmp_path / "one", limit=1)[0][0] == seed_record["id"]


def test_page_links_of_table_rows():
    assert page_link("reuters/1", kind="s", start=7) == "articles/reuters_1.html#s-7"


def test_toolkit_show_and_open_run(tmp_path, seed_record):
    view = toolkit.show(seed_record)
    assert "tk-article" in view._repr_html_()
    run = Run(Store.from_records([seed_record]))
    assert set(run.quotes["document"]) == {seed_record["id"]}
    assert run.record(seed_record["id"])["id"] == seed_record["id"]
    assert not run.about("Dmitry Peskov").empty
    with pytest.raises(KeyError, match="no article"):
        run.record("nope")
    with pytest.raises(FileNotFoundError, match="no store here"):
        toolkit.open_run(tmp_path)


def test_the_explore_notebook_runs_on_a_run_folder_and_is_not_part_of_the_report(tmp_path, seed_record):
    """explore.ipynb through papermill on a run's store: it filters by an actor and shows an article."""
    import papermill

    from toolkit.report import run as report
    from toolkit.store import StoreWriter

    folder = Path(__file__).resolve().parent.parent / "notebooks"
    assert "explore" not in [p.stem for p in report.find_notebooks(folder)]
    with StoreWriter(tmp_path / "run" / "store") as writer:
        writer.add(seed_record)
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(folder / "explore.ipynb"), str(out), cwd=str(folder), progress_bar=False,
                               parameters={"run": str(tmp_path / "run"), "actor": "Kim Hong-kyun"},
                               kernel_name=report.KERNEL_NAME)
    executed = out.read_text(encoding="utf-8")
    assert "tk-article" in executed  # the article shown inline
    assert "We will respond jointly" in executed  # a quote by Kim Hong-kyun in the filtered table
