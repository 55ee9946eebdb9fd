"""The shop profile: its name (printed on reports) and its platform accounts."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, pk


class Shop(Base):
    """The merchant's shop; a store holds one."""

    __tablename__ = "shops"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(120))
    accounts: Mapped[list[Account]] = relationship(
        back_populates="shop", cascade="all, delete-orphan", order_by="Account.id"
    )


class Account(Base):
    """One channel account of the shop on one platform, with its currency and time zone."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "handle"),)

    id: Mapped[int] = pk()
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    handle: Mapped[str] = mapped_column(String(120))
    display_name: Mapped[str] = mapped_column(String(120), default="")
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    shop: Mapped[Shop] = relationship(back_populates="accounts")


class StoreSetting(Base):
    """A shop-wide setting kept in the store (JSON value): thresholds, windows, keyword lists.

    Unlike the per-user preferences, these travel with the store and its backups.
    """

    __tablename__ = "store_settings"

    id: Mapped[int] = pk()
    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")
