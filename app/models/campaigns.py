"""Retention campaigns with holdout groups, and who was targeted in each group."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Cents, created_at, pk

CAMPAIGN_GOALS = ("win_back", "live_preview", "festival", "ugc")
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
    holdout_share: Mapped[float] = mapped_column(Float, default=0.1)
    response_window_days: Mapped[int] = mapped_column(Integer, default=14)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created: Mapped[datetime] = created_at()


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
