"""Who changed what, and who holds the store's import lock (a team shares one store)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, pk


class ChangeLog(Base):
    """One change by hand to a plan item, customer, tier rule, campaign (or their kin).

    ``fields`` is JSON: ``{"column": [before, after], ...}`` for an update, the row for a create
    or delete. Imports are not logged here: their batches are (``import_batches``).
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_row", "table_name", "row_id"),)

    id: Mapped[int] = pk()
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user_name: Mapped[str] = mapped_column(String(80), default="")
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[str] = mapped_column(Text, default="")


class StoreLock(Base):
    """A named lock's holder, readable by everyone while it is held (the import lock).

    On PostgreSQL the lock itself is an advisory lock; this row only says who holds it, so the
    second person to import is told "Li is importing since 10:02". A row left by a crashed app
    is stale once its advisory lock is free.
    """

    __tablename__ = "store_locks"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(40), unique=True)
    holder: Mapped[str] = mapped_column(String(80), default="")
    host: Mapped[str] = mapped_column(String(120), default="")
    since: Mapped[datetime] = mapped_column(DateTime)
