"""Videos, their exported metric snapshots, account days, ad spend and comments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Cents, batch_fk, pk


class Video(Base):
    """A published video (or note) on one platform, keyed by its id or a stable derived key."""

    __tablename__ = "videos"
    __table_args__ = (UniqueConstraint("platform", "video_key"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    video_key: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(60))
    pillar_id: Mapped[int | None] = mapped_column(
        ForeignKey("content_pillars.id", ondelete="SET NULL"), index=True
    )
    tags: Mapped[str] = mapped_column(Text, default="")
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("templates.id", ondelete="SET NULL"), index=True
    )
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_items.id", ondelete="SET NULL"), index=True
    )
    batch_id: Mapped[int | None] = batch_fk()
    snapshots: Mapped[list[VideoSnapshot]] = relationship(
        back_populates="video", cascade="all, delete-orphan"
    )


class VideoSnapshot(Base):
    """A video's cumulative metrics as one export showed them; None means not exported."""

    __tablename__ = "video_snapshots"
    __table_args__ = (UniqueConstraint("video_id", "snapshot_at"),)

    id: Mapped[int] = pk()
    video_id: Mapped[int] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), index=True)
    snapshot_at: Mapped[datetime] = mapped_column(DateTime)
    views: Mapped[int | None] = mapped_column(BigInteger)
    completion_rate: Mapped[float | None] = mapped_column(Float)
    completion_5s_rate: Mapped[float | None] = mapped_column(Float)
    bounce_2s_rate: Mapped[float | None] = mapped_column(Float)
    avg_watch_s: Mapped[float | None] = mapped_column(Float)
    likes: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    favorites: Mapped[int | None] = mapped_column(BigInteger)
    followers_gained: Mapped[int | None] = mapped_column(BigInteger)
    profile_visits: Mapped[int | None] = mapped_column(BigInteger)
    product_clicks: Mapped[int | None] = mapped_column(BigInteger)
    batch_id: Mapped[int | None] = batch_fk()
    video: Mapped[Video] = relationship(back_populates="snapshots")


class AccountDaily(Base):
    """One day of an account's overview (views, followers, profile visits)."""

    __tablename__ = "account_daily"
    __table_args__ = (UniqueConstraint("account_id", "day"),)

    id: Mapped[int] = pk()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date, index=True)
    views: Mapped[int | None] = mapped_column(BigInteger)
    followers_total: Mapped[int | None] = mapped_column(BigInteger)
    followers_gained: Mapped[int | None] = mapped_column(BigInteger)
    profile_visits: Mapped[int | None] = mapped_column(BigInteger)
    likes: Mapped[int | None] = mapped_column(BigInteger)
    comments: Mapped[int | None] = mapped_column(BigInteger)
    shares: Mapped[int | None] = mapped_column(BigInteger)
    batch_id: Mapped[int | None] = batch_fk()


class AdSpend(Base):
    """Paid promotion (DOU+, 千川, TikTok promote) of one day, per material/video when known."""

    __tablename__ = "ad_spend"
    __table_args__ = (UniqueConstraint("platform", "channel", "day", "material_key"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(30))
    day: Mapped[date] = mapped_column(Date, index=True)
    material_key: Mapped[str] = mapped_column(String(120), default="")
    # 千川 素材名称 (often the video's title; product / account name in the other 千川 reports)
    # and 素材创建时间: what ties a material to the video it promotes (app.importers.ad_videos).
    material_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    material_created_at: Mapped[datetime | None] = mapped_column(DateTime)
    video_id: Mapped[int | None] = mapped_column(
        ForeignKey("videos.id", ondelete="SET NULL"), index=True
    )
    spend_cents: Mapped[int] = mapped_column(Cents, default=0)
    impressions: Mapped[int | None] = mapped_column(BigInteger)
    clicks: Mapped[int | None] = mapped_column(BigInteger)
    orders: Mapped[int | None] = mapped_column(Integer)
    gmv_cents: Mapped[int] = mapped_column(Cents, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    batch_id: Mapped[int | None] = batch_fk()


class Comment(Base):
    """A viewer comment, kept for the negative-comment watch."""

    __tablename__ = "comments"
    __table_args__ = (UniqueConstraint("platform", "comment_key"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    comment_key: Mapped[str] = mapped_column(String(200))
    video_id: Mapped[int | None] = mapped_column(
        ForeignKey("videos.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    commented_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    likes: Mapped[int] = mapped_column(Integer, default=0)
    negative: Mapped[bool] = mapped_column(Boolean, default=False)
    handled: Mapped[bool] = mapped_column(Boolean, default=False)
    batch_id: Mapped[int | None] = batch_fk()
