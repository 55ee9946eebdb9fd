"""Declarative base shared by every table, with stable constraint names for migrations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, MetaData, String, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints let Alembic alter SQLite tables (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


@compiles(String, "postgresql")
def _unbounded_varchar(type_: String, compiler: Any, **kw: Any) -> str:
    """VARCHAR without a length on PostgreSQL: SQLite (the reference store) never enforces one.

    A title or address that fits a laptop's store must fit the team's server store too; the
    lengths in the models document the expected size, they are not a limit to reject data at.
    """
    return "VARCHAR"


# Money is integer cents (fen) beside its ISO currency code: exact, and never summed across codes.
Cents = BigInteger


class Base(DeclarativeBase):
    """Root of the ORM tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def pk() -> Mapped[int]:
    """An integer surrogate primary key."""
    return mapped_column(Integer, primary_key=True)


def created_at() -> Mapped[datetime]:
    """When the row was written (server time)."""
    return mapped_column(DateTime, server_default=func.now(), nullable=False)


def batch_fk() -> Mapped[int | None]:
    """The import that brought the row in, so an import can be listed and undone."""
    return mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"), index=True)


def row_version() -> Mapped[int]:
    """Bumped by every edit: an edit based on an older version is refused (two people, one row)."""
    return mapped_column(Integer, default=1, server_default="1", nullable=False)


def last_changed_by() -> Mapped[str]:
    """The user name (Settings) of whoever last changed the row by hand; empty: nobody yet."""
    return mapped_column(String(80), default="", server_default="", nullable=False)


def last_changed_at() -> Mapped[datetime | None]:
    """When the row was last changed by hand."""
    return mapped_column(DateTime)
