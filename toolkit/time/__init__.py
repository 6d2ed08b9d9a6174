"""Time: TIMEX3 expressions (type, value, anchor), events, and the timeline that orders them.

:mod:`~toolkit.time.values` is the TIMEX3 value grammar (parse, render, intervals),
:mod:`~toolkit.time.timex` the tagger, :mod:`~toolkit.time.timeline` events and their order.
Imports :mod:`toolkit.text` and :mod:`toolkit.actors` only.
"""
from toolkit.time.timeline import Event, find_events, timeline
from toolkit.time.timex import Timex, tag_timexes
from toolkit.time.values import Value, describe_interval, interval

__all__ = ["Timex", "tag_timexes", "Event", "find_events", "timeline", "Value", "interval", "describe_interval"]
