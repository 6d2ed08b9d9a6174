"""Who wrote an opinion piece (toolkit.actors.byline): closing biography lines and bylines.

Every text here is written for these tests.
"""
from __future__ import annotations

import pytest

from toolkit.actors.byline import opinion_author
from toolkit.actors.mentions import find_mentions
from toolkit.text.tagging import process

BODY = "Congress failed the veterans again.\n\nThe new bill cuts their care and nobody in Washington seems to mind."


@pytest.mark.parametrize("text, author", [
    (f"{BODY}\n\nJane Miller is a retired Army nurse in Tucson.", "Jane Miller"),
    (f"{BODY}\n\nRobert K. Lee was the mayor of Dayton from 2001 to 2009. He teaches law.", "Robert K. Lee"),
    (f"Veterans deserve better.\n\nBy Jane Miller\n\n{BODY}", "Jane Miller"),
    # a staff journalist's piece: the journalist holds no stance
    (f"{BODY}\n\nJane Miller is a columnist for the Dayton Daily News.", None),
    # a news report ending with a quoted source, not a biography
    (f"{BODY}\n\nJane Miller, a retired Army nurse in Tucson, said the bill was cruel.", None),
    # the closing line is about someone the piece is about
    (f"Miller speaks.\n\nJane Miller attacked the bill on Monday.\n\nJane Miller is a retired Army nurse.", None),
    (BODY, None),
])
def test_opinion_author(text, author):
    doc = process(text)
    found = opinion_author(doc, find_mentions(doc))
    assert (found.actor if found else None) == author
