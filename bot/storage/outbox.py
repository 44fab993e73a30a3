"""The outbox: every message owed to Slack, kept until Slack has it.

A message is written in the same transaction as what it reports (a verdict, an answer, a digest),
so a process that dies never loses it. Sending takes the message's lease first (a compare-and-set),
so two replicas never post it twice; a transient failure schedules the next try with backoff until
the message's deadline, a permanent one fails it. A verdict's delivery state is kept on its
decision as well (`decisions.delivery`), for the log's lists and exports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, delete, exc, insert, or_, select, update

from bot.storage.database import WRITE, translated_errors
from bot.storage.models import Decision, OutboxMessage, utcnow

DEADLINE = timedelta(minutes=30)  # response_url works for 30 minutes; a verdict later than that is stale
SEND_LEASE = timedelta(seconds=15)  # a send's hold on its message, renewed while the send goes on
MAX_BACKOFF_SECONDS = 60.0


@dataclass(frozen=True)
class Target:
    """Where a message goes: a channel (and thread), a user's private view of one, or a response_url."""

    route: str  # post, response_url, ephemeral
    channel_id: str | None = None
    thread_ts: str | None = None
    user_id: str | None = None
    response_url: str | None = None
    fallback: str | None = None  # the other route, when the first is refused

    def as_dict(self) -> dict:
        return dict(self.__dict__)  # its fields are plain values: no need for `asdict`'s deep copy, on the ack path


def enqueue(
    connection: Connection,
    *,
    key: str,
    kind: str,
    team_id: str | None,
    target: Target,
    payload: dict,
    decision_id: int | None = None,
    status: str = "queued",
    lease: timedelta | None = None,
    deadline: timedelta = DEADLINE,
) -> int:
    """Add a message in `connection`'s transaction; the id of the message with `key` if one exists."""
    now = utcnow()
    values = dict(
        key=key[:200],
        kind=kind,
        team_id=team_id,
        decision_id=decision_id,
        route=target.route,
        fallback=target.fallback,
        channel_id=target.channel_id,
        thread_ts=target.thread_ts,
        user_id=target.user_id,
        response_url=target.response_url,
        payload=payload,
        status=status,
        attempts=0,
        created_at=now,
        updated_at=now,
        next_attempt_at=now,
        deadline_at=now + deadline,
        lease_until=now + lease if lease else None,
    )
    try:
        with connection.begin_nested():
            found = connection.execute(insert(OutboxMessage).values(**values).returning(OutboxMessage.id)).scalar_one()
    except exc.IntegrityError:
        return connection.execute(select(OutboxMessage.id).where(OutboxMessage.key == values["key"])).scalar_one()
    if decision_id is not None and status == "queued":
        connection.execute(update(Decision).where(Decision.id == decision_id).values(delivery="queued"))
    return found


class Outbox:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._writer = engine.execution_options(**WRITE)

    def add(self, **kwargs) -> int:
        """`enqueue` in a transaction of its own."""
        with translated_errors(self.engine), self._writer.begin() as connection:
            return enqueue(connection, **kwargs)

    def claim_and_add(self, claims: tuple[str, ...], **kwargs) -> int | None:
        """Claim Slack's `claims` (an event id, a message) and `enqueue`, in one transaction: the
        message's id, or None when any claim was taken before (a retry, a second delivery)."""
        from bot.storage.claims import AlreadyClaimed, insert_claims

        try:
            with translated_errors(self.engine), self._writer.begin() as connection:
                insert_claims(connection, claims)
                return enqueue(connection, **kwargs)
        except AlreadyClaimed:
            return None

    def compose(self, message_id: int, payload: dict, *, streamed: bool = False) -> None:
        """A pending message (an answer being written) gets its payload and joins the queue; or,
        `streamed`, is recorded as posted: Slack showed it whole as it was written."""
        status = "posted" if streamed else "queued"
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(payload=payload, status=status, lease_until=None, updated_at=utcnow())
            )

    def started(self, message_id: int, message_ts: str) -> None:
        """A pending answer's stream has begun in Slack as message `message_ts`: from now on the
        message is finished by updating that one (`chat.update`), never by posting another."""
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(message_ts=message_ts, updated_at=utcnow())
            )

    def take(self, message_id: int, *, lease: timedelta) -> dict | None:
        """Lease one message for sending, if it is due and no one else holds it; its row, or None."""
        now = utcnow()
        taken = (
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == "queued",
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < now),
            )
            .values(lease_until=now + lease, attempts=OutboxMessage.attempts + 1, updated_at=now)
        )
        with translated_errors(self.engine), self._writer.begin() as connection:
            if connection.execute(taken).rowcount != 1:
                return None
            row = connection.execute(select(OutboxMessage).where(OutboxMessage.id == message_id)).mappings().one()
            return dict(row)

    def due(self, *, limit: int = 50) -> list[int]:
        """Queued messages whose next try is due and whose lease (if any) has run out, oldest first."""
        now = utcnow()
        query = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == "queued",
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < now),
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        with translated_errors(self.engine), self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def orphaned(self, *, limit: int = 50) -> list[dict]:
        """Pending messages (answers being written) whose writer's lease has run out."""
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.status == "pending", OutboxMessage.lease_until < utcnow())
            .order_by(OutboxMessage.id)
            .limit(limit)
        )
        with translated_errors(self.engine), self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(query).mappings()]

    def retake_pending(self, message_id: int, old_lease: datetime, *, lease: timedelta) -> bool:
        """Take over a pending message whose writer died (compare-and-set on its lease)."""
        now = utcnow()
        with translated_errors(self.engine), self._writer.begin() as connection:
            return (
                connection.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == message_id,
                        OutboxMessage.status == "pending",
                        OutboxMessage.lease_until == old_lease,
                    )
                    .values(lease_until=now + lease, updated_at=now)
                ).rowcount
                == 1
            )

    def renew(self, message_ids: list[int], *, lease: timedelta, status: str) -> int:
        """Extend the leases of messages this process is still writing (pending) or sending (queued)."""
        with translated_errors(self.engine), self._writer.begin() as connection:
            return connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(message_ids), OutboxMessage.status == status)
                .values(lease_until=utcnow() + lease)
            ).rowcount

    def posted(self, message_id: int, *, message_ts: str | None, route: str, placed: dict | None = None) -> None:
        """Slack has the message. `placed` (channel_id, message_ts, permalink) records a verdict posted
        as a message of its own on its decision, in the same transaction."""
        self._finish(message_id, status="posted", delivery="posted", message_ts=message_ts, route=route, placed=placed)

    def failed(self, message_id: int, *, error: str) -> None:
        self._finish(message_id, status="failed", delivery="failed", error=error[:1000])

    def retry(self, message_id: int, *, attempts: int, error: str, after: float | None = None) -> bool:
        """Schedule the next try (backoff, or Slack's Retry-After); False when the deadline is past."""
        delay = after if after is not None else min(MAX_BACKOFF_SECONDS, 2.0**attempts) * random.uniform(0.8, 1.2)
        now = utcnow()
        with translated_errors(self.engine), self._writer.begin() as connection:
            deadline = connection.execute(
                select(OutboxMessage.deadline_at).where(OutboxMessage.id == message_id)
            ).scalar_one()
            if now + timedelta(seconds=delay) > deadline:
                return False
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(
                    next_attempt_at=now + timedelta(seconds=delay), lease_until=None, error=error[:500], updated_at=now
                )
            )
        return True

    def switch_route(self, message_id: int, route: str, *, error: str) -> None:
        """Try the fallback route next (at once): the first was refused for good, with `error`."""
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(route=route, fallback=None, lease_until=None, next_attempt_at=utcnow(), error=error[:500])
            )

    def id_of(self, key: str) -> int:
        """The id of the message with `key`."""
        with translated_errors(self.engine), self.engine.connect() as connection:
            return connection.execute(select(OutboxMessage.id).where(OutboxMessage.key == key[:200])).scalar_one()

    def get(self, message_id: int) -> dict | None:
        with translated_errors(self.engine), self.engine.connect() as connection:
            row = connection.execute(select(OutboxMessage).where(OutboxMessage.id == message_id)).mappings().first()
            return dict(row) if row else None

    def forget(self, message_id: int) -> None:
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(delete(OutboxMessage).where(OutboxMessage.id == message_id))

    def prune(self, *, before: datetime) -> int:
        """Forget messages delivered or given up on before `before`."""
        with translated_errors(self.engine), self._writer.begin() as connection:
            return connection.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.status.in_(("posted", "failed")), OutboxMessage.updated_at < before
                )
            ).rowcount

    def _finish(
        self,
        message_id: int,
        *,
        status: str,
        delivery: str,
        route: str | None = None,
        placed: dict | None = None,
        **values,
    ) -> None:
        now = utcnow()
        if route is not None:
            values["route"] = route
        with translated_errors(self.engine), self._writer.begin() as connection:
            connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(status=status, lease_until=None, updated_at=now, **values)
            )
            decision_id = connection.execute(
                select(OutboxMessage.decision_id).where(OutboxMessage.id == message_id, OutboxMessage.kind == "verdict")
            ).scalar()
            if decision_id is not None:
                connection.execute(update(Decision).where(Decision.id == decision_id).values(delivery=delivery))
            if decision_id is not None and placed:
                connection.execute(
                    update(Decision).where(Decision.id == decision_id, Decision.message_ts.is_(None)).values(**placed)
                )
