"""Every import is recorded, so it can be listed, explained and undone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at, pk

BATCH_STATUSES = ("imported", "undone", "failed")


class ImportBatch(Base):
    """One imported file: what it was, what it did to the store."""

    __tablename__ = "import_batches"

    id: Mapped[int] = pk()
    file_name: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(60))
    snapshot_at: Mapped[datetime | None] = mapped_column(DateTime)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="imported")
    message: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = created_at()
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
