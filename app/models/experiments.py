"""A/B experiments: two variants (sets of videos or plan items) compared on one rate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at, pk

EXPERIMENT_METRICS = (
    "completion_rate",
    "interaction_rate",
    "click_rate",
    "follow_rate",
    "orders_per_view",
)


class Experiment(Base):
    """An A/B test; ``result`` holds the last computed statistics as JSON text.

    ``planned_sample_size`` is per variant, in the metric's denominator (views); ``min_effect``
    the smallest absolute difference in the rate worth detecting at ``power``.
    """

    __tablename__ = "experiments"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(120))
    hypothesis: Mapped[str] = mapped_column(Text, default="")
    metric: Mapped[str] = mapped_column(String(40), default="interaction_rate")
    # Names of A and B before schema 0004 moved variants to experiment_variants; no longer read.
    variant_a: Mapped[str] = mapped_column(String(60), default="")
    variant_b: Mapped[str] = mapped_column(String(60), default="")
    planned_sample_size: Mapped[int | None] = mapped_column(Integer)
    power: Mapped[float] = mapped_column(Float, default=0.8, server_default="0.8")
    min_effect: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float] = mapped_column(Float, default=0.95)
    window_days: Mapped[int] = mapped_column(Integer, default=14)
    status: Mapped[str] = mapped_column(String(20), default="running")
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    result: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = created_at()


class ExperimentVariant(Base):
    """A named variant of an experiment (key A, B, C …); two or more per experiment."""

    __tablename__ = "experiment_variants"
    __table_args__ = (UniqueConstraint("experiment_id", "key"),)

    id: Mapped[int] = pk()
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(1))
    name: Mapped[str] = mapped_column(String(60))


class ExperimentMember(Base):
    """A video or plan item in one variant of an experiment."""

    __tablename__ = "experiment_members"

    id: Mapped[int] = pk()
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    variant: Mapped[str] = mapped_column(String(1))
    video_id: Mapped[int | None] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"))
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_items.id", ondelete="CASCADE")
    )
