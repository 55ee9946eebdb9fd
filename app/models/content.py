"""Content planning: pillars, personas, proven templates and the production board."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at, last_changed_at, last_changed_by, pk, row_version

PLAN_STATUSES = ("idea", "scripted", "shot", "edited", "scheduled", "published")
PLAN_KINDS = ("original", "challenge", "duet")


class ContentPillar(Base):
    """A theme the shop keeps posting about (好物测评, 源头工厂 …)."""

    __tablename__ = "content_pillars"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(60), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(9), default="#4e79a7")
    differentiation: Mapped[str] = mapped_column(Text, default="", server_default="")


class Persona(Base):
    """A target audience the content is positioned for."""

    __tablename__ = "personas"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(60), unique=True)
    age_band: Mapped[str] = mapped_column(String(20), default="")
    region: Mapped[str] = mapped_column(String(60), default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    gender_mix: Mapped[str] = mapped_column(String(40), default="", server_default="")
    pain_points: Mapped[str] = mapped_column(Text, default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Template(Base):
    """A proven video structure; ``steps`` holds one step per line (问题 / 解决方案 / 效果对比)."""

    __tablename__ = "templates"

    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(60), unique=True)
    steps: Mapped[str] = mapped_column(Text, default="")
    duration_s: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")


class PlanItem(Base):
    """One planned video on its way from idea to published."""

    __tablename__ = "plan_items"

    id: Mapped[int] = pk()
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="original")
    pillar_id: Mapped[int | None] = mapped_column(
        ForeignKey("content_pillars.id", ondelete="SET NULL"), index=True
    )
    persona_id: Mapped[int | None] = mapped_column(
        ForeignKey("personas.id", ondelete="SET NULL"), index=True
    )
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("templates.id", ondelete="SET NULL"), index=True
    )
    hook: Mapped[str] = mapped_column(Text, default="")
    outline: Mapped[str] = mapped_column(Text, default="")
    platforms: Mapped[str] = mapped_column(String(120), default="")
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="idea")
    planned_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    ab_group: Mapped[str] = mapped_column(String(20), default="")
    target_length_s: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    created: Mapped[datetime] = created_at()
    version: Mapped[int] = row_version()
    changed_by: Mapped[str] = last_changed_by()
    changed_at: Mapped[datetime | None] = last_changed_at()
