"""Article pages: each article with its annotations marked in the text, to see and check the evidence.

Quote content is shaded in its speaker's colour, with the speaker mention and the cue marked;
every actor mention shows its canonical actor (with role and gender) on hover; temporal
expressions show their value; stance cues are coloured by polarity with holder → target. Beside
the text, the article's quotes, stances, timeline (its events in time order) and dates are short
lists that jump to their place.
Anchors are character offsets, so any table row can link to its place without knowing more than
its document and offsets: ``articles/<file>.html#q-<content start>`` (a quote),
``#s-<cue start>`` (a stance), ``#t-<start>`` (a temporal expression), ``#e-<start>`` (an event of the
timeline), ``#m-<start>`` (a mention).

Everything the article or its annotations bring is escaped: a ``<script>`` in a title or text
shows as text and never runs.

>>> rec = {"id": "a", "title": "T <b>", "text": "Kim said no on Monday.", "published": "2024-10-21",
...        "actors": [{"start": 0, "end": 3, "text": "Kim", "actor": "Kim Hong-kyun", "kind": "person"}],
...        "quotes": [{"content": [{"start": 9, "end": 11}], "cue": {"start": 4, "end": 8, "text": "said"},
...                    "speaker": {"start": 0, "end": 3, "text": "Kim"}, "actor": "Kim Hong-kyun"}],
...        "timexes": [{"start": 15, "end": 21, "text": "Monday", "type": "DATE", "value": "2024-10-21"}]}
>>> page = article_html(rec)
>>> "T &lt;b&gt;" in page and 'id="q-9"' in page and 'title="2024-10-21 (DATE)"' in page
True
>>> anchor("q", 9)
'q-9'
"""
from __future__ import annotations

import hashlib
import html
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.files import file_stem, write_text
from toolkit.time.timeline import document_timeline

__all__ = ["article_html", "anchor", "page_name", "speaker_colour", "write_article_pages", "ArticleView",
           "PAGE_CSS"]

#: Speaker colours: light enough to read black text on, distinct, and chosen by the speaker's name
#: (the same speaker has the same colour in every run and on every page).
_PALETTE = ("#fde0c5", "#d4e6f9", "#dcf2d3", "#f6d6e8", "#e8defa", "#fff2b3", "#d3f0ef", "#f9d8d2",
            "#e3ecc4", "#e2e2f6", "#f7e4c8", "#d8ebe1")
_POLARITY = {"positive": "pos", "negative": "neg"}

PAGE_CSS = """
.tk-article{font:16px/1.6 Georgia,serif;color:#222;display:flex;gap:2em;align-items:flex-start}
.tk-article .tk-text{flex:3;min-width:0;white-space:pre-wrap}
.tk-article .tk-side{flex:2;min-width:16em;font:13px/1.45 system-ui,sans-serif;position:sticky;top:1em;
  max-height:95vh;overflow:auto}
.tk-article h1{font:bold 22px/1.3 system-ui,sans-serif;margin:0 0 .3em}
.tk-article .tk-meta{font:13px system-ui,sans-serif;color:#555;margin-bottom:1em}
.tk-q{border-radius:2px}
.tk-sp{border-bottom:2px solid #333;font-weight:bold}
.tk-cue{outline:1px solid #2b8a3e;outline-offset:-1px}
.tk-m{border-bottom:1px dotted #666;cursor:help}
.tk-t{background:#fcc5c0;cursor:help}
.tk-st.pos{box-shadow:inset 0 -3px #1a9850}.tk-st.neg{box-shadow:inset 0 -3px #d73027}
.tk-st.neu{box-shadow:inset 0 -3px #999}
.tk-side h2{font-size:14px;margin:1em 0 .3em}.tk-side ol{padding-left:2.4em;margin:0}
.tk-side li{margin:.2em 0}.tk-side a{color:#1c4f8a;text-decoration:none}
.tk-legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .3em}
:target{animation:tk-flash 2s}
@keyframes tk-flash{from{background:#ffeb3b}}
"""


def anchor(kind: str, start: int) -> str:
    """The id of an annotation's place on its article page: kind (q, s, t, m) and character offset."""
    return f"{kind}-{int(start)}"


def page_name(doc_id: str, *, index: int = 0) -> str:
    """The file name of an article's page: ``<safe id>.html``."""
    return f"{file_stem(doc_id, index=index)}.html"


def speaker_colour(name: str | None) -> str:
    """A speaker's colour, the same in every run: chosen from a palette by the name's hash.

    >>> speaker_colour("Kim Hong-kyun") == speaker_colour("Kim Hong-kyun"), speaker_colour(None)
    (True, '#eeeeee')
    """
    if not name:
        return "#eeeeee"
    return _PALETTE[int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % len(_PALETTE)]


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(order=True)
class _Mark:
    start: int
    end: int
    layer: int  # outermost first
    open_tag: str = field(compare=False)
    close_tag: str = field(default="</span>", compare=False)


def _marks(record: dict) -> list[_Mark]:
    text = record.get("text") or ""
    n = len(text)
    marks: list[_Mark] = []

    def add(start, end, layer, tag):
        if start is not None and end is not None and 0 <= start < end <= n:
            marks.append(_Mark(int(start), int(end), layer, tag))

    for q in record.get("quotes") or ():
        colour = speaker_colour(q.get("actor") or (q.get("speaker") or {}).get("text"))
        who = q.get("actor") or (q.get("speaker") or {}).get("text") or "unattributed"
        tip = f"{q.get('kind', '')} quote by {who}"
        if q.get("confidence") is not None:
            tip += f" (confidence {float(q['confidence']):.2f}, rule {q.get('rule')})"
        for c in q.get("content") or ():
            add(c["start"], c["end"], 0, f'<span class="tk-q" style="background:{colour}" title="{_e(tip)}">')
        sp, cue = q.get("speaker"), q.get("cue")
        if sp:
            add(sp["start"], sp["end"], 1, f'<span class="tk-sp" title="speaker: {_e(who)}">')
        if cue:
            framing = f", {q['framing']}" if q.get("framing") else ""
            add(cue["start"], cue["end"], 1, f'<span class="tk-cue" title="cue{_e(framing)}">')
    for m in record.get("actors") or ():
        facts = [m.get("actor") or "", m.get("kind") or ""]
        facts += [m[k] for k in ("role", "gender") if m.get(k)]
        if m.get("affiliation"):
            facts.append(f"for {m['affiliation']}")
        add(m["start"], m["end"], 2, f'<span class="tk-m" title="{_e(", ".join(f for f in facts if f))}">')
    for tx in record.get("timexes") or ():
        add(tx["start"], tx["end"], 3, f'<span class="tk-t" title="{_e(tx.get("value"))} ({_e(tx.get("type"))})">')
    for st in record.get("stances") or ():
        cue = st.get("cue") or {}
        holder = (st.get("source") or {}).get("actor") or "(the article)"
        target = (st.get("target") or {}).get("actor") or (st.get("target") or {}).get("text") or st.get("topic")
        cls = _POLARITY.get(st.get("polarity"), "neu")
        add(cue.get("start"), cue.get("end"), 4,
            f'<span class="tk-st {cls}" title="{_e(holder)} → {_e(target)}: {_e(st.get("polarity"))}">')
    return marks


def _anchors(record: dict) -> dict[int, list[str]]:
    """Character offset -> the anchor ids that start there."""
    out: dict[int, list[str]] = {}

    def put(kind, start):
        if start is not None:
            out.setdefault(int(start), []).append(anchor(kind, start))

    for q in record.get("quotes") or ():
        if q.get("content"):
            put("q", q["content"][0]["start"])
    for st in record.get("stances") or ():
        put("s", (st.get("cue") or {}).get("start"))
    for tx in record.get("timexes") or ():
        put("t", tx["start"])
    for m in record.get("actors") or ():
        put("m", m["start"])
    for ev in record.get("events") or ():
        put("e", ev.get("start"))
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def marked_text(record: dict) -> str:
    """The article's text as HTML with every annotation marked (segments between all boundaries, each
    wrapped in the marks over it, so overlapping annotations never mis-nest)."""
    text = record.get("text") or ""
    marks = _marks(record)
    anchors = _anchors(record)
    cuts = sorted({0, len(text), *anchors, *(m.start for m in marks), *(m.end for m in marks)})
    by_start: dict[int, list[_Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    active: list[_Mark] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        active.sort(key=lambda m: (m.layer, m.start))
        out.extend(f'<a id="{x}"></a>' for x in anchors.get(a, ()))
        piece = _e(text[a:b])
        covering = [m for m in active if m.start <= a and b <= m.end]
        out.append("".join(m.open_tag for m in covering) + piece + "</span>" * len(covering))
    return "".join(out)


def _snippet(text: str, spans: Sequence[dict], words: int = 14) -> str:
    joined = " … ".join(text[s["start"]:s["end"]] for s in spans)
    parts = joined.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _side(record: dict) -> str:
    text = record.get("text") or ""
    parts = ['<div class="tk-legend"><span class="tk-q" style="background:#d4e6f9">quote</span>'
             '<span class="tk-sp">speaker</span><span class="tk-cue">cue</span><span class="tk-m">actor</span>'
             '<span class="tk-t">date</span><span class="tk-st pos">supports</span>'
             '<span class="tk-st neg">opposes</span></div>']
    quotes = [q for q in record.get("quotes") or () if q.get("content")]
    parts.append(f"<h2>Quotes ({len(quotes)})</h2><ol>")
    for q in quotes:
        who = q.get("actor") or (q.get("speaker") or {}).get("text") or "unattributed"
        conf = f' <small>({float(q["confidence"]):.2f})</small>' if q.get("confidence") is not None else ""
        parts.append(f'<li><a href="#{anchor("q", q["content"][0]["start"])}"><b>{_e(who)}</b>: '
                     f'{_e(_snippet(text, q["content"]))}</a>{conf}</li>')
    parts.append("</ol>")
    stances = [st for st in record.get("stances") or () if (st.get("cue") or {}).get("start") is not None]
    parts.append(f"<h2>Stances ({len(stances)})</h2><ol>")
    for st in stances:
        holder = (st.get("source") or {}).get("actor") or "(the article)"
        target = (st.get("target") or {}).get("actor") or (st.get("target") or {}).get("text") or st.get("topic")
        parts.append(f'<li><a href="#{anchor("s", st["cue"]["start"])}">{_e(holder)} → {_e(target)}: '
                     f'{_e(st.get("polarity"))} <i>{_e(st["cue"].get("text"))}</i></a></li>')
    parts.append("</ol>")
    rows = [row for _, row in sorted(document_timeline(record, doc_index=0), key=lambda kr: kr[0])
            if row.get("start") is not None] if record.get("events") else []
    parts.append(f"<h2>Timeline ({len(rows)} events, in time order)</h2><ol>")
    for row in rows:
        actors = f" ({_e(', '.join(row['actors']))})" if row.get("actors") else ""
        parts.append(f'<li><a href="#{anchor("e", row["start"])}"><b>{_e(row.get("when"))}</b>: '
                     f'{_e(row.get("event"))}</a>{actors}</li>')
    parts.append("</ol>")
    timexes = record.get("timexes") or ()
    parts.append(f"<h2>Dates ({len(timexes)})</h2><ol>")
    for tx in timexes:
        parts.append(f'<li><a href="#{anchor("t", tx["start"])}">{_e(tx.get("value"))}: '
                     f'{_e(tx.get("text"))}</a></li>')
    parts.append("</ol>")
    return "".join(parts)


def article_html(record: dict, *, standalone: bool = True, back: str | None = None) -> str:
    """One article as HTML with its annotations marked and the side lists; ``standalone`` gives a whole
    page (with its style), else a fragment for a notebook (style scoped to it)."""
    meta = " · ".join(_e(x) for x in (record.get("source"), record.get("published"), record.get("id")) if x)
    title = _e(record.get("title") or record.get("id") or "")
    body = (f'<div class="tk-article"><div class="tk-text"><h1>{title}</h1><div class="tk-meta">{meta}</div>'
            f'{marked_text(record)}</div><div class="tk-side">{_side(record)}</div></div>')
    if not standalone:
        return f"<style>{PAGE_CSS}</style>{body}"
    nav = f'<p style="font:13px system-ui"><a href="{_e(back)}">← all articles</a></p>' if back else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<style>body{{margin:1.5em auto;max-width:1400px;padding:0 1em}}{PAGE_CSS}</style></head>'
            f"<body>{nav}{body}</body></html>")


class ArticleView:
    """An article shown inline in JupyterLab (``toolkit.show(record)``): the page's marked text and lists."""

    def __init__(self, record: dict) -> None:
        self.record = record

    def _repr_html_(self) -> str:
        return article_html(self.record, standalone=False)

    def __repr__(self) -> str:
        return f"<article {self.record.get('id')!r}: {len(self.record.get('quotes') or ())} quotes>"


def _mentions_any(record: dict, actors: Sequence[str]) -> bool:
    wanted = {a.lower() for a in actors}
    return any((m.get("actor") or "").lower() in wanted or (m.get("affiliation") or "").lower() in wanted
               for m in record.get("actors") or ())


def write_article_pages(records: Iterable[dict], out_dir: str | os.PathLike, *, limit: int | None = 500,
                        actors: Sequence[str] = (), back: str = "../index.html") -> list[tuple[str, str, str]]:
    """Write one page per article into ``out_dir`` (``articles/``): every article, or the first ``limit``
    that mention one of ``actors`` (all when empty); returns (id, title, file name) per page written."""
    out = Path(out_dir)
    written: list[tuple[str, str, str]] = []
    for i, record in enumerate(records):
        if limit is not None and len(written) >= limit:
            break
        if actors and not _mentions_any(record, actors):
            continue
        name = page_name(str(record.get("id") or ""), index=i)
        out.mkdir(parents=True, exist_ok=True)
        write_text(out / name, article_html(record, back=back))
        written.append((str(record.get("id") or ""), str(record.get("title") or ""), name))
    return written
