"""What each import changed, so it can be undone exactly; saved column mappings for other tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at, pk

CHANGE_ACTIONS = ("update", "delete")


class ImportChange(Base):
    """A row an import updated or deleted, with its values before (JSON) to put back on undo.

    Rows an import inserted need no entry: they carry the import's ``batch_id``.
    """

    __tablename__ = "import_changes"

    id: Mapped[int] = pk()
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    before_batch_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str] = mapped_column(Text)


class MappingTemplate(Base):
    """A user's mapping of an unknown table's columns to canonical fields, reused by its headers."""

    __tablename__ = "mapping_templates"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(120))
    target: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str] = mapped_column(String(20))
    headers: Mapped[str] = mapped_column(Text)
    mapping: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = created_at()
