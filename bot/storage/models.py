"""SQLAlchemy models of the decision log. Migrations in `migrations/` must produce exactly this schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SOURCES = ("slash", "shortcut", "auto", "cli")
STATUSES = ("pending", "classified", "failed")


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the decision log; use UTC-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ExactText(TypeDecorator):
    """Text stored exactly, NUL characters included (PostgreSQL text cannot hold them).

    A text with a NUL, or one that starts with the tag, is stored as the tag plus its JSON string.
    """

    impl = Text
    cache_ok = True
    TAG = "\u2400json:"

    def process_bind_param(self, value, dialect):
        if value is not None and ("\x00" in value or value.startswith(self.TAG)):
            return self.TAG + json.dumps(value)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.startswith(self.TAG):
            return json.loads(value[len(self.TAG) :])
        return value


def utcnow() -> datetime:
    return datetime.now(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


_JSON = JSON().with_variant(JSONB(), "postgresql")


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    source: Mapped[str] = mapped_column(String(16))
    team_id: Mapped[str | None] = mapped_column(String(32))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    permalink: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(ExactText)
    label: Mapped[str | None] = mapped_column(String(16))
    confidence: Mapped[float | None] = mapped_column(Float)
    dimensions: Mapped[dict | None] = mapped_column(_JSON)
    rationale: Mapped[str | None] = mapped_column(Text)
    engine: Mapped[str | None] = mapped_column(String(16))
    model: Mapped[str | None] = mapped_column(String(128))
    prompt_version: Mapped[str | None] = mapped_column(String(64))
    fallback_reason: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    input_tokens: Mapped[int | None] = mapped_column(Integer)
    output_tokens: Mapped[int | None] = mapped_column(Integer)
    cached_tokens: Mapped[int | None] = mapped_column(Integer)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    # A pending decision is leased to the process classifying it; past the lease another may take it.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Whether the verdict reached Slack: queued, posted or failed (see Outbox); None when none is owed.
    delivery: Mapped[str | None] = mapped_column(String(16))
    # Where the verdict goes in Slack (an outbox target), kept from the start so a replica can deliver it.
    reply: Mapped[dict | None] = mapped_column(_JSON)
    # The key of the Slack request that brought it (a trigger id): a replay of that request logs nothing.
    claim: Mapped[str | None] = mapped_column(String(200))

    reviews: Mapped[list[Review]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", passive_deletes=True, order_by="Review.id"
    )

    __table_args__ = (
        Index("ix_decisions_created_at", "created_at"),
        # Covers a team's weekly aggregates (digest, App Home): a week is read from the index alone.
        Index("ix_decisions_team_week", "team_id", "created_at", "status", "label", "confidence", "channel_id"),
        Index("ix_decisions_user_id", "user_id"),
        Index("ix_decisions_status_lease", "status", "lease_until"),
        Index("uq_decisions_claim", "claim", unique=True),
        {"sqlite_autoincrement": True},  # ids are never reused: an old review button never names a new decision
    )


class Review(Base):
    """One reviewer's label for a decision. Append-only: the latest row is the decision's review."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    reviewer: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="reviews")

    __table_args__ = (Index("ix_reviews_decision_id_id", "decision_id", "id"), {"sqlite_autoincrement": True})


class SlackClaim(Base):
    """A key Altitude has acted on: an event id, a message (channel and ts), a thread it answered.

    Inserting a key is the claim; the primary key makes it atomic across processes and replicas.
    """

    __tablename__ = "slack_claims"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_slack_claims_created_at", "created_at"),)


class DigestPost(Base):
    """One weekly digest for a team and channel: claimed before posting, so it goes out once."""

    __tablename__ = "digest_posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    week: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16))  # claimed, posted
    claimed_by: Mapped[str] = mapped_column(String(128))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_ts: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("team_id", "channel_id", "week"),)


class OfflineModel(Base):
    """A model of the offline engine trained on this deployment's reviews (`altitude train`).
    Classifying uses the newest active one; the file format is `bot.domain.linear`'s."""

    __tablename__ = "models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    examples: Mapped[int] = mapped_column(Integer)
    reviewed: Mapped[int] = mapped_column(Integer)
    figures: Mapped[dict] = mapped_column(_JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    body: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (Index("ix_models_active_id", "active", "id"),)


OUTBOX_STATUSES = ("pending", "queued", "posted", "failed")


class OutboxMessage(Base):
    """A message owed to Slack, kept until Slack has it (see `storage.outbox`)."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # one message per key: a retry adds nothing
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    team_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # verdict, answer, digest, note
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    route: Mapped[str] = mapped_column(String(16))  # post, response_url, ephemeral
    fallback: Mapped[str | None] = mapped_column(String(16))  # the other route, when the first is refused
    channel_id: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32))
    response_url: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(_JSON)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_outbox_decision_id", "decision_id"),
        {"sqlite_autoincrement": True},
    )


class LoggedAnswer(Base):
    """A question Altitude answered, with what it answered and how (see `storage.answers`)."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    team_id: Mapped[str | None] = mapped_column(String(32))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(ExactText)
    answer: Mapped[str] = mapped_column(Text)
    citations: Mapped[list] = mapped_column(_JSON)
    in_scope: Mapped[bool] = mapped_column(Boolean)
    engine: Mapped[str] = mapped_column(String(16))
    model: Mapped[str | None] = mapped_column(String(128))
    prompt_version: Mapped[str | None] = mapped_column(String(64))
    fallback_reason: Mapped[str | None] = mapped_column(Text)
    input_tokens: Mapped[int | None] = mapped_column(Integer)
    output_tokens: Mapped[int | None] = mapped_column(Integer)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    # The latest vote on it (positive or negative), kept here for lists; every person's own is in answer_votes.
    feedback: Mapped[str | None] = mapped_column(String(16))
    # What it answers (its outbox message): an answer rewritten after a crash replaces the row, never adds one.
    key: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("uq_answers_key", "key", unique=True),
        Index("ix_answers_team_created_at", "team_id", "created_at"),
        Index("ix_answers_thread", "team_id", "channel_id", "thread_ts"),
        Index("ix_answers_user_id", "user_id"),
        {"sqlite_autoincrement": True},
    )


class AnswerVote(Base):
    """One person's feedback on one answer: a later press replaces it."""

    __tablename__ = "answer_votes"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    vote: Mapped[str] = mapped_column(String(16))  # positive, negative
    voted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelUsage(Base):
    """How many model calls a team has made on a UTC day, counted for `ALTITUDE_DAILY_MODEL_CALLS`."""

    __tablename__ = "model_usage"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)  # "" for the command line
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # ISO date, UTC
    calls: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
