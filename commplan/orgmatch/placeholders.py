"""Placeholder entries: mail from a domain the directory does not know is filed under the
domain's own name ("parish.example.org") until the team says whose it is.

A placeholder is nobody's name: a typed organisation is never matched to one, and once no
contact is filed under it, it leaves the directory (see ``commplan.services.inbox``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from commplan.organisations import Organisation

_DOMAIN_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def is_placeholder(name: str) -> bool:
    """Whether a directory entry's name is an e-mail domain, not an organisation's name."""
    return bool(_DOMAIN_NAME.match(name))


def named(organisations: Iterable[Organisation]) -> list[Organisation]:
    """The directory's entries with a real name: what a typed organisation may match."""
    return [o for o in organisations if not is_placeholder(o.name)]
