"""Digest posts: one row per team, channel and week, claimed before the digest is posted; and an
index that covers a team's weekly aggregates (replacing one no query used).

Revision ID: 0003_digest_posts
Revises: 0002_slack_claims
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_digest_posts"
down_revision = "0002_slack_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=128), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_posts")),
        sa.UniqueConstraint("team_id", "channel_id", "week", name=op.f("uq_digest_posts_team_id")),
    )
    op.drop_index("ix_decisions_team_channel_created", table_name="decisions")
    op.create_index(
        "ix_decisions_team_week", "decisions", ["team_id", "created_at", "status", "label", "confidence", "channel_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_decisions_team_week", table_name="decisions")
    op.create_index("ix_decisions_team_channel_created", "decisions", ["team_id", "channel_id", "created_at"])
    op.drop_table("digest_posts")
