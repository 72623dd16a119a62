"""Conversation references: where a chat platform takes the messages the bot starts itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from commplan.conversations import ConversationKind, ConversationRef
from commplan.erasure import Erasure
from storage.repositories._erase import redact_row, rows_naming
from storage.repositories._upsert import upsert
from storage.tables import ConversationRefRow


class SqlConversationRefRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, ref: ConversationRef) -> None:
        # One statement, so that two turns in the same new conversation at once cannot both
        # insert it; the second refreshes what the first wrote.
        fields = _conversation_fields(ref)
        row = {"platform": ref.platform, "conversation_id": ref.conversation_id, **fields}
        on = ["platform", "conversation_id"]
        self._session.execute(upsert(self._session, ConversationRefRow, row, on=on, update=fields))

    def for_user(self, platform: str, user_id: str) -> ConversationRef | None:
        if not user_id:
            return None
        query = (
            select(ConversationRefRow)
            .where(
                ConversationRefRow.platform == platform,
                ConversationRefRow.user_id == user_id,
                ConversationRefRow.kind == ConversationKind.PERSONAL.value,
            )
            .order_by(ConversationRefRow.updated_at.desc(), ConversationRefRow.id.desc())
            .limit(1)
        )
        row = self._session.scalar(query)
        return _conversation(row) if row else None

    def channels(self, platform: str) -> list[ConversationRef]:
        query = (
            select(ConversationRefRow)
            .where(
                ConversationRefRow.platform == platform,
                ConversationRefRow.kind == ConversationKind.CHANNEL.value,
            )
            .order_by(ConversationRefRow.conversation_id)
        )
        return [_conversation(row) for row in self._session.scalars(query)]

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        columns = ("conversation_id", "user_id", "payload")
        for row in rows_naming(self._session, ConversationRefRow, columns, who):
            if who.is_them(row.user_id) and row.kind == ConversationKind.PERSONAL.value:
                self._session.delete(row)
                changed += 1
                continue
            payload = who.redact_json_text(row.payload)
            touched = redact_row(row, ("conversation_id", "user_id"), who)
            if touched or payload != row.payload:
                row.payload = payload
                changed += 1
        self._session.flush()
        return changed


def _conversation_fields(ref: ConversationRef) -> dict[str, Any]:
    return {
        "kind": ref.kind.value,
        "user_id": ref.user_id,
        "service_url": ref.service_url,
        "tenant_id": ref.tenant_id,
        "payload": ref.payload,
        "updated_at": ref.updated_at,
    }


def _conversation(row: ConversationRefRow) -> ConversationRef:
    return ConversationRef(
        platform=row.platform,
        conversation_id=row.conversation_id,
        kind=ConversationKind(row.kind),
        user_id=row.user_id,
        service_url=row.service_url,
        tenant_id=row.tenant_id,
        payload=row.payload,
        updated_at=row.updated_at,
    )
