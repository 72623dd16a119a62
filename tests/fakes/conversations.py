"""Fake conversation references."""

from __future__ import annotations

from commplan.conversations import ConversationKind, ConversationRef
from tests.fakes._store import Repo


class FakeConversations(Repo):
    def save(self, ref: ConversationRef) -> None:
        self._s.conversations[(ref.platform, ref.conversation_id)] = ref

    def for_user(self, platform: str, user_id: str) -> ConversationRef | None:
        found = [
            (r.updated_at, order, r)
            for order, r in enumerate(self._s.conversations.values())
            if user_id
            and r.platform == platform
            and r.user_id == user_id
            and r.kind is ConversationKind.PERSONAL
        ]
        # The newest; on a tie, the conversation first saved later (the higher row id).
        return max(found, key=lambda f: f[:2])[2] if found else None

    def channels(self, platform: str) -> list[ConversationRef]:
        return sorted(
            (
                r
                for r in self._s.conversations.values()
                if r.platform == platform and r.kind is ConversationKind.CHANNEL
            ),
            key=lambda r: r.conversation_id,
        )
