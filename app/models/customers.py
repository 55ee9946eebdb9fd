"""One person across platforms: customers, their identities, touches, tiers and merges."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import (
    Base,
    Cents,
    batch_fk,
    created_at,
    last_changed_at,
    last_changed_by,
    pk,
    row_version,
)

IDENTITY_KINDS = ("buyer_id", "name_phone", "wechat", "wecom", "group", "phone_hash")


class Customer(Base):
    """A buyer; identities link it to platforms; a merge points ``merged_into_id`` at the winner."""

    __tablename__ = "customers"

    id: Mapped[int] = pk()
    display_name: Mapped[str] = mapped_column(String(120), default="")
    masked_phone: Mapped[str] = mapped_column(String(40), default="")
    region: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    private_channel: Mapped[str] = mapped_column(String(30), default="")
    private_since: Mapped[date | None] = mapped_column(Date)
    tags: Mapped[str] = mapped_column(Text, default="", server_default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    created: Mapped[datetime] = created_at()
    batch_id: Mapped[int | None] = batch_fk()
    version: Mapped[int] = row_version()
    changed_by: Mapped[str] = last_changed_by()
    changed_at: Mapped[datetime | None] = last_changed_at()
    identities: Mapped[list[CustomerIdentity]] = relationship(
        back_populates="customer", cascade="all, delete-orphan"
    )


class CustomerIdentity(Base):
    """How a platform or channel knows the customer (buyer id, name + masked phone, WeCom id …)."""

    __tablename__ = "customer_identities"
    __table_args__ = (UniqueConstraint("platform", "kind", "value"),)

    id: Mapped[int] = pk()
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(200))
    customer: Mapped[Customer] = relationship(back_populates="identities")


class CustomerMerge(Base):
    """An accepted merge (or a split) of customers; undoing it sets ``undone_at`` and reverses it.

    A split moves ``identities`` (JSON list of identity ids) from ``survivor_id`` to the new
    customer ``merged_id``.
    """

    __tablename__ = "customer_merges"

    id: Mapped[int] = pk()
    kind: Mapped[str] = mapped_column(String(10), default="merge", server_default="merge")
    survivor_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    merged_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    identities: Mapped[str] = mapped_column(Text, default="", server_default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    merged_at: Mapped[datetime] = created_at()
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class MergeRejection(Base):
    """A merge suggestion the user rejected: never suggested again (lower id first)."""

    __tablename__ = "customer_merge_rejections"
    __table_args__ = (UniqueConstraint("customer_a_id", "customer_b_id"),)

    id: Mapped[int] = pk()
    customer_a_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    customer_b_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    rejected_at: Mapped[datetime] = created_at()


class Touch(Base):
    """A contact with a customer in a private channel (message, call, group post)."""

    __tablename__ = "touches"

    id: Mapped[int] = pk()
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(30))
    touched_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )


class TierRule(Base):
    """An ordered tier rule: conditions on orders, spend, recency and channel, and its benefits.

    Conditions that are set must all hold (any one of them when ``match_any``); ``warning_days``
    is the tier's churn-warning window (empty: the shop default).
    """

    __tablename__ = "tier_rules"

    id: Mapped[int] = pk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    min_orders: Mapped[int | None] = mapped_column(Integer)
    min_spend_cents: Mapped[int | None] = mapped_column(Cents)
    top_share: Mapped[float | None] = mapped_column(Float)
    first_order_within_days: Mapped[int | None] = mapped_column(Integer)
    silent_days: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(30), default="", server_default="")
    match_any: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    warning_days: Mapped[int | None] = mapped_column(Integer)
    benefit_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    discount_pct: Mapped[float] = mapped_column(Float, default=0.0)
    priority_shipping: Mapped[bool] = mapped_column(Boolean, default=False)
    gift: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = row_version()
    changed_by: Mapped[str] = last_changed_by()
    changed_at: Mapped[datetime | None] = last_changed_at()


class CustomerTier(Base):
    """A customer's tier from a date on: the history shows tier movement."""

    __tablename__ = "customer_tiers"

    id: Mapped[int] = pk()
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    tier_rule_id: Mapped[int] = mapped_column(ForeignKey("tier_rules.id", ondelete="CASCADE"))
    assigned_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    monetary_cents: Mapped[int] = mapped_column(Cents, default=0)
    paid_orders: Mapped[int] = mapped_column(Integer, default=0)
