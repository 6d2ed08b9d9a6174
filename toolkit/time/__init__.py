"""Time: TIMEX3 expressions (type, value, anchor), events, and the timeline that orders them.

Imports :mod:`toolkit.text` and :mod:`toolkit.actors` only.
"""
from toolkit.time.timeline import Event, find_events, timeline
from toolkit.time.timex import Timex, tag_timexes

__all__ = ["Timex", "tag_timexes", "Event", "find_events", "timeline"]
