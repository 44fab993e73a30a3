"""The outbox on SQLite and PostgreSQL: each message once by key, sent by one process at a time,
tried again to its deadline, rerouted, and recorded on its decision."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.domain.verdict import Origin
from bot.errors import AltitudeError
from bot.storage.claims import Claims
from bot.storage.models import utcnow
from bot.storage.outbox import Outbox, Target

TARGET = Target(
    route="post", channel_id="C1", user_id="U1", response_url="https://hooks.example/1", fallback="response_url"
)
ORIGIN = Origin(source="slash", team_id="T1", channel_id="C1", user_id="U1")
LEASE = timedelta(seconds=30)


@pytest.fixture
def outbox(decision_log):
    return Outbox(decision_log.engine)


def _add(outbox, key="verdict:1", **kwargs):
    return outbox.add(key=key, kind="note", team_id="T1", target=TARGET, payload={"text": "hi"}, **kwargs)


def test_a_message_is_added_once_by_its_key(outbox):
    assert _add(outbox) == _add(outbox)
    assert outbox.due() == [_add(outbox)]


def test_a_taken_message_cannot_be_taken_again_until_its_lease_runs_out(outbox):
    message_id = _add(outbox)
    row = outbox.take(message_id, lease=LEASE)
    assert row["attempts"] == 1 and row["payload"] == {"text": "hi"}
    assert outbox.take(message_id, lease=LEASE) is None and outbox.due() == []
    assert outbox.take(_add(outbox, key="other"), lease=timedelta(seconds=-1)) is not None
    assert outbox.due() == [outbox.id_of("other")]  # its lease ran out: due again


def test_a_retry_waits_and_stops_at_the_deadline(outbox):
    message_id = _add(outbox, deadline=timedelta(seconds=10))
    outbox.take(message_id, lease=LEASE)
    assert outbox.retry(message_id, attempts=1, error="internal_error: HTTP 500")
    row = outbox.get(message_id)
    assert row["lease_until"] is None and row["next_attempt_at"] > utcnow() and outbox.due() == []
    assert row["error"] == "internal_error: HTTP 500"
    assert not outbox.retry(message_id, attempts=2, error="ratelimited", after=60)  # past the deadline


def test_a_refused_route_switches_to_the_fallback_at_once(outbox):
    message_id = _add(outbox)
    outbox.take(message_id, lease=LEASE)
    outbox.switch_route(message_id, "response_url", error="not_in_channel")
    row = outbox.get(message_id)
    assert (row["route"], row["fallback"], row["error"]) == ("response_url", None, "not_in_channel")
    assert outbox.due() == [message_id]


def test_delivery_is_recorded_on_the_decision_a_verdict_carries(outbox, decision_log):
    decision_id = decision_log.record_pending(text="Close the Leeds depot by 2027.", origin=ORIGIN)
    with decision_log.engine.begin() as connection:
        from bot.storage.outbox import enqueue

        message_id = enqueue(
            connection,
            key=f"verdict:{decision_id}",
            kind="verdict",
            team_id="T1",
            target=TARGET,
            payload={"text": "Strategic"},
            decision_id=decision_id,
        )
    assert decision_log.get(decision_id)["delivery"] == "queued"
    outbox.posted(message_id, message_ts="1700000000.000200", route="post")
    assert decision_log.get(decision_id)["delivery"] == "posted"
    assert outbox.get(message_id)["message_ts"] == "1700000000.000200"


def test_leases_are_renewed_only_for_messages_in_the_named_state(outbox):
    pending = _add(outbox, key="answer:1", status="pending", lease=timedelta(seconds=1))
    queued = _add(outbox, key="verdict:2")
    assert outbox.renew([pending, queued], lease=LEASE, status="pending") == 1
    assert outbox.get(pending)["lease_until"] > utcnow() + timedelta(seconds=20)
    assert outbox.get(queued)["lease_until"] is None


def test_an_orphaned_pending_message_is_retaken_once(outbox):
    message_id = _add(outbox, key="answer:1", status="pending", lease=timedelta(seconds=-1))
    (orphan,) = outbox.orphaned()
    assert outbox.retake_pending(message_id, orphan["lease_until"], lease=LEASE)
    assert not outbox.retake_pending(message_id, orphan["lease_until"], lease=LEASE)
    assert outbox.orphaned() == []


def test_claim_and_add_does_nothing_for_a_replay(outbox):
    first = outbox.claim_and_add(
        ("event:Ev1", "message:C1:1.1"), key="answer:C1:1.1", kind="answer", team_id="T1", target=TARGET, payload={}
    )
    again = outbox.claim_and_add(
        ("event:Ev2", "message:C1:1.1"), key="answer:C1:1.1", kind="answer", team_id="T1", target=TARGET, payload={}
    )
    assert first is not None and again is None
    assert not Claims(outbox.engine).has("event:Ev2")  # the replay's transaction left nothing behind


def test_only_delivered_or_abandoned_messages_are_pruned(outbox):
    posted, failed, queued = _add(outbox, key="a"), _add(outbox, key="b"), _add(outbox, key="c")
    outbox.posted(posted, message_ts=None, route="post")
    outbox.failed(failed, error="channel_not_found")
    assert outbox.prune(before=utcnow() + timedelta(seconds=1)) == 2
    assert outbox.get(queued) is not None and outbox.get(posted) is None


def test_a_claim_that_fails_for_another_reason_is_an_error_not_a_replay(decision_log):
    if decision_log.engine.dialect.name != "sqlite":
        pytest.skip("the refusal is made with a SQLite trigger")
    with decision_log.engine.begin() as connection:
        connection.execute(
            text("CREATE TRIGGER refuse BEFORE INSERT ON slack_claims BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
        )
    with pytest.raises(AltitudeError, match="disk I/O error"):
        Claims(decision_log.engine).claim("event:Ev1")
    with pytest.raises(AltitudeError, match="disk I/O error"):
        decision_log.record_pending_once(keys=("event:Ev1",), text="Close the Leeds depot.", origin=ORIGIN, lease=LEASE)


def test_ids_are_never_reused_after_a_purge(decision_log):
    first = decision_log.record_pending(text="Close the Leeds depot by 2027.", origin=ORIGIN)
    decision_log.purge(before=utcnow() + timedelta(seconds=1))
    second = decision_log.record_pending(text="Open a depot in Hull.", origin=ORIGIN)
    assert second > first  # an old review button naming decision #1 can never reach the new one
