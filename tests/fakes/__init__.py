"""Fakes of our own ports: an in-memory unit of work, held to the same contract suite as the
SQL repositories (tests/contract), one module per aggregate as in ``storage.repositories``."""

from commplan.questions import Feedback
from tests.fakes.database import FakeDatabase, FakeUnitOfWork

__all__ = ["FakeDatabase", "FakeUnitOfWork", "Feedback"]
