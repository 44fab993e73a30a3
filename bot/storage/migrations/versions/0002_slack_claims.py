"""Slack claims: event ids, messages and threads Altitude has acted on, for exactly-once replies.

Revision ID: 0002_slack_claims
Revises: 0001_decision_log
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_slack_claims"
down_revision = "0001_decision_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slack_claims",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_slack_claims")),
    )
    op.create_index("ix_slack_claims_created_at", "slack_claims", ["created_at"])


def downgrade() -> None:
    op.drop_table("slack_claims")
