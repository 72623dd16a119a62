"""Understanding a message: what it asks for, and how sure the answer can be.

Pure code (the standard library, rapidfuzz and :mod:`commplan.ranking`):

- :func:`read` turns a chat post or an e-mail's own words into a :class:`Reading`: markup,
  greetings and sign-offs removed, sentences split into requests, follow-ups and context;
- :func:`plan_question` recognises questions about the plan and its people, and
  :func:`guessed_question` guesses the ones its rules miss from worded examples;
- :func:`decide_topic` and :func:`decide_mail_topic` decide which standard a message asks
  about, with one of three outcomes and a calibrated confidence.
"""

from commplan.understanding.evidence import DEFAULT_CALIBRATION, Calibration, Evidence, Model
from commplan.understanding.phrases import Source
from commplan.understanding.plan import PlanQuestion, plan_question
from commplan.understanding.plan_guess import guessed_question
from commplan.understanding.plan_kinds import PlanKind
from commplan.understanding.reading import FollowUp, Reading, Role, Sentence, read
from commplan.understanding.topic import (
    Outcome,
    TopicDecision,
    decide_mail_topic,
    decide_topic,
)

__all__ = [
    "DEFAULT_CALIBRATION",
    "Calibration",
    "Evidence",
    "FollowUp",
    "Model",
    "Outcome",
    "PlanKind",
    "PlanQuestion",
    "Reading",
    "Role",
    "Sentence",
    "Source",
    "TopicDecision",
    "decide_mail_topic",
    "decide_topic",
    "guessed_question",
    "plan_question",
    "read",
]
