"""Stance: who takes which position toward whom or what -- directed stances between actors and
toward topics, with their cue and evidence.

Imports :mod:`toolkit.text`, :mod:`toolkit.actors` and :mod:`toolkit.quotes` (a speaker's quote
carries the speaker's stance).
"""
from toolkit.stance.stances import (POLAR, Claim, Cue, EventPhrase, Stance, StanceAnalysis, Topic, TopicStance,
                                    analyse_stances, claim_stances, event_phrases, find_stances, polarity_of,
                                    propose_topics, stance_cues, topic_label, topic_stances)

__all__ = ["Stance", "Topic", "Cue", "Claim", "TopicStance", "EventPhrase", "StanceAnalysis", "find_stances",
           "analyse_stances", "claim_stances", "topic_stances", "event_phrases", "propose_topics", "stance_cues",
           "polarity_of", "topic_label", "POLAR"]
