"""Small tables kept beside big ones so that reports read hundreds of rows, not millions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables.base import Base


class ContactCountRow(Base):
    """Contacts per day and value of one counted field (``field`` "total" counts them all).

    Written by the contact repository in the same transaction as the contacts themselves, so
    it always equals a GROUP BY over ``contacts``; no row holds a zero.
    """

    __tablename__ = "contact_counts"
    # Clustered on SQLite: a report reads one field's days in a range, in key order.
    __table_args__ = {"sqlite_with_rowid": False}
    field: Mapped[str] = mapped_column(String(20), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[str] = mapped_column(String(300), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
