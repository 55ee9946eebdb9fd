"""Retention campaigns with holdout groups, and who was targeted in each group."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import (
    Base,
    Cents,
    created_at,
    last_changed_at,
    last_changed_by,
    pk,
    row_version,
)

CAMPAIGN_GOALS = ("win_back", "live_preview", "festival", "new_product", "ugc")
TARGET_GROUPS = ("treatment", "control")


class Campaign(Base):
    """A message to a segment of customers, with a holdout share kept as control."""

    __tablename__ = "campaigns"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(120))
    goal: Mapped[str] = mapped_column(String(20), default="win_back")
    segment_rule: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(30), default="wecom")
    message_template: Mapped[str] = mapped_column(Text, default="")
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    recurrence: Mapped[str] = mapped_column(String(40), default="", server_default="")
    coupon_code: Mapped[str] = mapped_column(String(60), default="", server_default="")
    cost_cents: Mapped[int | None] = mapped_column(Cents)
    holdout_seed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    holdout_share: Mapped[float] = mapped_column(Float, default=0.1)
    response_window_days: Mapped[int] = mapped_column(Integer, default=14)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created: Mapped[datetime] = created_at()
    version: Mapped[int] = row_version()
    changed_by: Mapped[str] = last_changed_by()
    changed_at: Mapped[datetime | None] = last_changed_at()


class UgcPost(Base):
    """A 晒单 or user post, tied to a campaign when it answered one."""

    __tablename__ = "ugc_posts"

    id: Mapped[int] = pk()
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id", ondelete="SET NULL"))
    platform: Mapped[str] = mapped_column(String(20), default="")
    order_no: Mapped[str] = mapped_column(String(80), default="")
    posted_on: Mapped[date | None] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="晒单")
    source: Mapped[str] = mapped_column(String(20), default="manual")
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = created_at()


class CrisisAlert(Base):
    """A negative review or comment being handled: open → replied → resolved.

    Kept apart from the imported row so a re-import never resets what the owner did.
    """

    __tablename__ = "crisis_alerts"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = pk()
    source: Mapped[str] = mapped_column(String(10))
    source_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class CampaignTarget(Base):
    """One customer in a campaign, in the treatment or the control group."""

    __tablename__ = "campaign_targets"
    __table_args__ = (UniqueConstraint("campaign_id", "customer_id"),)

    id: Mapped[int] = pk()
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    group: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    responded_at: Mapped[datetime | None] = mapped_column(DateTime)
    revenue_cents: Mapped[int] = mapped_column(Cents, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
