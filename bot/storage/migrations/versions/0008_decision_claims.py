"""A decision keeps the key of the Slack request that brought it (a `/classify` or shortcut's
trigger id), unique: a replayed request inserts nothing, in the same statement that logs the
decision.

Revision ID: 0008_decision_claims
Revises: 0007_outbox
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_decision_claims"
down_revision = "0007_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("decisions", sa.Column("claim", sa.String(200), nullable=True))
    op.create_index("uq_decisions_claim", "decisions", ["claim"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_decisions_claim", table_name="decisions")
    op.drop_column("decisions", "claim")
