"""Whether the database answers, for the web process's health check."""

from __future__ import annotations

from commplan.ports import UnitOfWork


def check_database(uow: UnitOfWork) -> None:
    """Read one row; raises whatever the database raises when it does not answer."""
    with uow as repos:
        repos.plans.latest()
