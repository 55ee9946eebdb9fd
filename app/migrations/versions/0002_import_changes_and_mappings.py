"""import changes and mappings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 02:19:22.690891
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mapping_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column(
            "created", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mapping_templates")),
    )
    op.create_table(
        "import_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("before_batch_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_import_changes_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_changes")),
    )
    with op.batch_alter_table("import_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_changes_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_import_changes_before_batch_id"), ["before_batch_id"], unique=False
        )

    with op.batch_alter_table("account_daily", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comments", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("shares", sa.BigInteger(), nullable=True))

    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("after_sale_status", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("cancel_reason", sa.String(length=200), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
        batch_op.drop_column("after_sale_status")

    with op.batch_alter_table("import_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_changes_before_batch_id"))
        batch_op.drop_index(batch_op.f("ix_import_changes_batch_id"))

    op.drop_table("import_changes")
    with op.batch_alter_table("account_daily", schema=None) as batch_op:
        batch_op.drop_column("shares")
        batch_op.drop_column("comments")
    op.drop_table("mapping_templates")
