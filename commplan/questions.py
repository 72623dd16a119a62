"""Questions members ask the bot, kept so that the team can see what nobody could answer."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Feedback(enum.StrEnum):
    NONE = ""
    HELPFUL = "helpful"
    NOT_NEEDED = "not_needed"


@dataclass(frozen=True, kw_only=True)
class Question:
    """One "which standard covers X?" question and what became of it.

    ``key`` identifies it (the platform's message id, or a generated one); the answer
    buttons carry it so that feedback lands on the right question.
    """

    key: str
    text: str
    asked_at: datetime
    asker: str = ""
    answered: bool = False
    best_match: str = ""
    score: float = 0.0
    feedback: Feedback = Feedback.NONE
    passed_to_team: bool = False
    resolved: bool = False

    @property
    def needs_team(self) -> bool:
        """Unanswered, or answered but not what the asker needed, and not yet resolved."""
        return not self.resolved and (not self.answered or self.feedback is Feedback.NOT_NEEDED)
