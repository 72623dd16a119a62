"""Checking a draft survey question against the harmonised standard it should follow."""

from commplan.compliance.checking import Difference, DifferenceKind, QuestionCheck, check_question
from commplan.compliance.drafts import DraftQuestion, read_draft

__all__ = [
    "Difference",
    "DifferenceKind",
    "DraftQuestion",
    "QuestionCheck",
    "check_question",
    "read_draft",
]
