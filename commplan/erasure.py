"""Who is being erased, and how their name, address and chat ids leave stored text.

Stored data spells a person in several ways: their e-mail address (in any case), the names
chats and mail gave them, and the user ids of Slack and Teams. An :class:`Erasure` holds all
of them and rewrites text, keys and JSON values without them. A one-word name is matched only
as a whole field, never inside other text: "Jane" in a colleague's mail may be anyone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

#: What stands where a person's name or address was, in text that stays.
ERASED = "[erased]"

# A term must stand alone: "jane@x.org" is not inside "mary.jane@x.org" or "jane@x.org.uk".
_BEFORE = r"(?<![\w.+@-])"
_AFTER = r"(?![\w@-]|\.\w)"


@dataclass(frozen=True, kw_only=True)
class Erasure:
    """One person to erase.

    ``names`` are their names as stored (and their addresses, where a chat stored one as a
    name); ``chat_ids`` their Slack and Teams user ids; ``placeholder`` what stands in their
    place where a whole field named them (a tactic's owner, the directory's entry); inside
    other text they become :data:`ERASED`.
    """

    email: str
    names: tuple[str, ...] = ()
    chat_ids: tuple[str, ...] = ()
    placeholder: str = ERASED

    @classmethod
    def of(
        cls,
        email: str,
        names: Iterable[str] = (),
        chat_ids: Iterable[str] = (),
        placeholder: str = ERASED,
    ) -> Erasure:
        """Tidied: blanks dropped, each spelling once, the address lower case."""
        return cls(
            email=email.strip().lower(),
            names=_unique(n for n in names if n.strip() and n.strip() != placeholder),
            chat_ids=_unique(chat_ids),
            placeholder=placeholder,
        )

    @property
    def whole(self) -> tuple[str, ...]:
        """Every spelling, each matched as a whole field."""
        return tuple(t for t in (self.email, *self.names, *self.chat_ids) if t)

    @cached_property
    def _inside(self) -> tuple[str, ...]:
        """The spellings matched inside text: the address, the ids and full names."""
        names = (n for n in self.names if len(n.split()) > 1 or "@" in n)
        terms = {t for t in (self.email, *names, *self.chat_ids) if len(t) >= 3}
        return tuple(sorted(terms, key=len, reverse=True))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self._inside:
            return None
        alternatives = "|".join(re.escape(t) for t in self._inside)
        return re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}", re.IGNORECASE)

    @property
    def needles(self) -> tuple[str, ...]:
        """Lower-case substrings a stored value holding this person contains: what a database
        narrows its rows by before :meth:`redact` decides. JSON stores text escaped, so the
        escaped spellings are here too."""
        found: set[str] = set()
        for term in self.whole:
            found.add(term.lower())
            found.add(json.dumps(term).strip('"').lower())
        return tuple(sorted(found))

    def is_them(self, value: str) -> bool:
        """Whether a whole field is one of this person's spellings (any case)."""
        folded = value.strip().casefold()
        return bool(folded) and any(folded == t.casefold() for t in self.whole)

    def mentions(self, value: Any) -> bool:
        """Whether a text, or any text inside a JSON value, names this person."""
        return bool(self.redact(value) != value)

    def redact(self, value: Any) -> Any:
        """The value with this person's spellings replaced by :data:`ERASED`; strings inside
        lists and dicts (JSON values) too. A whole field that is them (an owner, an assignee)
        becomes the placeholder, so that it still matches the directory's entry."""
        if isinstance(value, str):
            if self.is_them(value):
                return self.placeholder
            return self._pattern.sub(ERASED, value) if self._pattern else value
        if isinstance(value, list | tuple):
            return type(value)(self.redact(v) for v in value)
        if isinstance(value, dict):
            return {self.redact(k): self.redact(v) for k, v in value.items()}
        return value

    def redact_json_text(self, text: str) -> str:
        """:meth:`redact` for JSON kept as text (a chat platform's conversation reference),
        read as JSON so that escaped spellings are found too."""
        try:
            value = json.loads(text)
        except ValueError:
            return str(self.redact(text))
        redacted = self.redact(value)
        return text if redacted == value else json.dumps(redacted)


def erased_name(person_id: int) -> str:
    """The directory's name for an erased person: unique, and telling the team who went."""
    return f"Erased person {person_id}"


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())
