"""The standards catalogue as the index needs it."""

from __future__ import annotations

from commplan.ports import UnitOfWork
from commplan.standards import Standard


def catalogue(uow: UnitOfWork) -> list[Standard]:
    """Every catalogue entry, in the repository's order."""
    with uow as repos:
        return repos.standards.all()
