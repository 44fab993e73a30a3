"""Decision leases: a pending decision belongs to one process until its lease runs out.

Revision ID: 0004_decision_leases
Revises: 0003_digest_posts
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_decision_leases"
down_revision = "0003_digest_posts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_decisions_status_lease", "decisions", ["status", "lease_until"])


def downgrade() -> None:
    op.drop_index("ix_decisions_status_lease", table_name="decisions")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("attempts")
        batch.drop_column("lease_until")
