"""Fake conversation references."""

from __future__ import annotations

from dataclasses import replace

from commplan.conversations import ConversationKind, ConversationRef
from commplan.erasure import Erasure
from tests.fakes._erase import redacted
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

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for key, ref in list(self._s.conversations.items()):
            if who.is_them(ref.user_id) and ref.kind is ConversationKind.PERSONAL:
                del self._s.conversations[key]
                changed += 1
                continue
            new = redacted(ref, ("conversation_id", "user_id"), who)
            new = replace(new, payload=who.redact_json_text(ref.payload))
            if new != ref:
                del self._s.conversations[key]
                self._s.conversations[(new.platform, new.conversation_id)] = new
                changed += 1
        return changed
