"""The answers log (questions, answers and their feedback) and the daily count of model calls.

Revision ID: 0009_answers_log
Revises: 0008_decision_claims
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009_answers_log"
down_revision = "0008_decision_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("channel_id", sa.String(32), nullable=True),
        sa.Column("thread_ts", sa.String(32), nullable=True),
        sa.Column("user_id", sa.String(32), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("citations", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("in_scope", sa.Boolean(), nullable=False),
        sa.Column("engine", sa.String(16), nullable=False),
        sa.Column("model", sa.String(128), nullable=True),
        sa.Column("prompt_version", sa.String(64), nullable=True),
        sa.Column("fallback_reason", sa.Text(), nullable=True),
        sa.Column("input_tokens", sa.Integer(), nullable=True),
        sa.Column("output_tokens", sa.Integer(), nullable=True),
        sa.Column("latency_ms", sa.Float(), nullable=True),
        sa.Column("feedback", sa.String(16), nullable=True),
        sa.Column("key", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sqlite_autoincrement=True,
    )
    op.create_index("uq_answers_key", "answers", ["key"], unique=True)
    op.create_index("ix_answers_team_created_at", "answers", ["team_id", "created_at"])
    op.create_index("ix_answers_thread", "answers", ["team_id", "channel_id", "thread_ts"])
    op.create_index("ix_answers_user_id", "answers", ["user_id"])
    op.create_table(
        "answer_votes",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("vote", sa.String(16), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["answers.id"], name="fk_answer_votes_answer_id", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("answer_id", "user_id", name="pk_answer_votes"),
    )
    op.create_table(
        "model_usage",
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("team_id", "day", name="pk_model_usage"),
    )


def downgrade() -> None:
    op.drop_table("model_usage")
    op.drop_table("answer_votes")
    op.drop_index("ix_answers_user_id", table_name="answers")
    op.drop_index("ix_answers_thread", table_name="answers")
    op.drop_index("ix_answers_team_created_at", table_name="answers")
    op.drop_index("uq_answers_key", table_name="answers")
    op.drop_table("answers")
