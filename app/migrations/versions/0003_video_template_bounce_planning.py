"""video template, 2 s bounce, planning fields

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 03:40:25.964135
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("content_pillars", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("differentiation", sa.Text(), server_default="", nullable=False)
        )

    with op.batch_alter_table("personas", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gender_mix", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("pain_points", sa.Text(), server_default="", nullable=False))

    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("target_length_s", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("notes", sa.Text(), server_default="", nullable=False))

    with op.batch_alter_table("video_snapshots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bounce_2s_rate", sa.Float(), nullable=True))

    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_videos_template_id"), ["template_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_videos_template_id_templates"),
            "templates",
            ["template_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("videos", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_videos_template_id_templates"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_videos_template_id"))
        batch_op.drop_column("template_id")

    with op.batch_alter_table("video_snapshots", schema=None) as batch_op:
        batch_op.drop_column("bounce_2s_rate")

    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_column("notes")
        batch_op.drop_column("target_length_s")

    with op.batch_alter_table("personas", schema=None) as batch_op:
        batch_op.drop_column("pain_points")
        batch_op.drop_column("gender_mix")

    with op.batch_alter_table("content_pillars", schema=None) as batch_op:
        batch_op.drop_column("differentiation")
