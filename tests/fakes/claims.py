"""Fake once-only keys."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.ports import Claim
from tests.fakes._store import Repo


class FakeClaims(Repo):
    def claim(self, key: str, *, kind: str, person: str, item: str, at: datetime) -> bool:
        if key in self._s.claims:
            return False
        self._s.claims[key] = {
            "kind": kind,
            "person": person,
            "item": item,
            "channel": "",
            "claimed_at": at,
        }
        return True

    def claimed(
        self,
        keys: Collection[str],
        *,
        unsent_before: datetime | None = None,
        since: datetime | None = None,
    ) -> set[str]:
        return {
            key
            for key in keys
            if key in self._s.claims
            and (since is None or self._s.claims[key]["claimed_at"] >= since)
            and (
                unsent_before is None
                or self._s.claims[key].get("sent_at") is not None
                or self._s.claims[key]["claimed_at"] >= unsent_before
            )
        }

    def claimants(self, keys: Collection[str]) -> set[str]:
        return {
            str(self._s.claims[k]["person"])
            for k in keys
            if k in self._s.claims and self._s.claims[k]["person"]
        }

    def claim_many(
        self, claims: Sequence[Claim], at: datetime, *, retake_before: datetime | None = None
    ) -> set[str]:
        if retake_before is not None:
            for c in claims:
                held = self._s.claims.get(c.key)
                if held and held.get("sent_at") is None and held["claimed_at"] < retake_before:
                    del self._s.claims[c.key]
        return {
            c.key
            for c in claims
            if self.claim(c.key, kind=c.kind, person=c.person, item=c.item, at=at)
        }

    def mark_sent(self, key: str, *, channel: str, at: datetime) -> None:
        if key not in self._s.claims:
            raise NotFound("claim", key)
        self._s.claims[key] = {**self._s.claims[key], "channel": channel, "sent_at": at}

    def mark_all_sent(self, channels: Mapping[str, str], at: datetime) -> None:
        # One bulk UPDATE in SQL: a key nobody claimed matches no row and is passed over.
        for key, channel in channels.items():
            if key in self._s.claims:
                self.mark_sent(key, channel=channel, at=at)

    def release(self, key: str) -> None:
        self._s.claims.pop(key, None)

    def unreachable_since(self, since: datetime) -> list[str]:
        return sorted(
            {
                str(d["person"])
                for d in self._s.claims.values()
                if d.get("channel") == "unreachable" and d["claimed_at"] >= since
            }
        )

    def forget(self, kind: str, before: datetime) -> int:
        old = [
            k for k, d in self._s.claims.items() if d["kind"] == kind and d["claimed_at"] < before
        ]
        for key in old:
            del self._s.claims[key]
        return len(old)

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for key, claim in list(self._s.claims.items()):
            if who.mentions(key):
                del self._s.claims[key]
                changed += 1
                continue
            new = {
                **claim,
                "person": who.redact(claim["person"]),
                "item": who.redact(claim["item"]),
            }
            if new != claim:
                self._s.claims[key] = new
                changed += 1
        return changed
