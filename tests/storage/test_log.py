import types
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.domain.verdict import Origin
from bot.errors import AltitudeError, BadInput
from bot.services import Services
from bot.storage.log import EXPORT_COLUMNS, DecisionLog

ORIGIN = Origin(
    source="slash",
    team_id="T1",
    channel_id="C1",
    user_id="U1",
    message_ts="1700000000.000100",
    permalink="https://example.slack.com/archives/C1/p1700000000000100",
)


def _services(log):
    services = Services(Settings())
    services.log = log
    return services


def test_a_decision_is_pending_before_its_verdict(decision_log):
    decision_id = decision_log.record_pending(text="Close the Leeds depot by 2027.", origin=ORIGIN)
    row = decision_log.get(decision_id)
    assert row["status"] == "pending" and row["label"] is None
    assert (row["team_id"], row["channel_id"], row["user_id"], row["source"]) == ("T1", "C1", "U1", "slash")
    assert row["message_ts"] == ORIGIN.message_ts and row["permalink"] == ORIGIN.permalink
    assert row["created_at"].tzinfo == UTC


def test_classify_with_an_origin_logs_the_full_verdict(decision_log):
    result = _services(decision_log).classify("Board approved exiting the Chilean market by 2030.", origin=ORIGIN)
    row = decision_log.get(result.decision_id)
    assert row["status"] == "classified"
    assert row["label"] == result.verdict.label == "strategic"
    assert row["confidence"] == result.verdict.confidence
    assert row["dimensions"] == result.verdict.to_dict()["dimensions"]
    assert row["rationale"] == result.verdict.rationale
    assert (row["engine"], row["model"], row["prompt_version"]) == ("rubric", None, result.provenance.prompt_version)
    assert row["latency_ms"] is not None and row["input_tokens"] == 0


def test_classify_without_an_origin_logs_nothing(decision_log):
    assert _services(decision_log).classify("Shift starts at 6am.").decision_id is None
    assert decision_log.list() == []


def test_a_failed_classification_stays_logged_as_failed(decision_log, monkeypatch):
    from bot.domain import rubric

    monkeypatch.setattr(rubric, "classify", lambda prepared, model=None: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        _services(decision_log).classify("Open a plant in Peru.", origin=ORIGIN)
    (row,) = decision_log.list()
    assert row["status"] == "failed" and "ZeroDivisionError" in row["error"]


@pytest.mark.parametrize(
    "text",
    [
        "Plain text",
        "Ünïcödé — “quotes” and emoji 🚀🔥",
        "中文的决定：进入日本市场",
        "قرار: دخول السوق",
        "tab\tand\nnewlines\r\n",
        "nul \x00 inside",
        '\u2400json:"looks like a tag"',
        "x" * 1_000_000,
    ],
)
def test_text_of_any_size_or_script_is_stored_exactly(decision_log, text):
    decision_id = decision_log.record_pending(text=text, origin=ORIGIN)
    assert decision_log.get(decision_id)["text"] == text


def test_reviews_are_append_only_and_the_latest_counts(decision_log):
    decision_id = decision_log.record_pending(text="Move pick wave to 13:30.", origin=ORIGIN)
    decision_log.add_review(decision_id=decision_id, label="strategic", reviewer="U2", note="first look")
    decision_log.add_review(decision_id=decision_id, label="operational", reviewer="U3")
    row = decision_log.get(decision_id)
    assert (row["review_label"], row["reviewed_by"]) == ("operational", "U3")
    from sqlalchemy import func, select

    from bot.storage.models import Review

    with decision_log.engine.connect() as connection:
        history = connection.execute(select(Review.label, Review.note).order_by(Review.id)).all()
    assert history == [("strategic", "first look"), ("operational", None)]
    with decision_log.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Review)).scalar() == 2


def test_reviewing_an_unknown_decision_is_bad_input(decision_log):
    with pytest.raises(BadInput, match="no decision with id 4242"):
        decision_log.add_review(decision_id=4242, label="strategic", reviewer="U1")


def _logged(log, *texts):
    services = _services(log)
    return [services.classify(t, origin=ORIGIN).decision_id for t in texts]


def test_list_filters_by_time_review_and_effective_label(decision_log):
    strategic, operational = _logged(
        decision_log, "Board approved exiting Chile by 2030.", "Cleaners start 6am tomorrow."
    )
    decision_log.add_review(decision_id=operational, label="strategic", reviewer="U9")
    assert [r["id"] for r in decision_log.list()] == [operational, strategic]
    assert [r["id"] for r in decision_log.list(unreviewed=True)] == [strategic]
    assert {r["id"] for r in decision_log.list(label="strategic")} == {strategic, operational}
    assert decision_log.list(label="operational") == []
    future = datetime.now(UTC) + timedelta(minutes=5)
    assert decision_log.list(since=future) == []


def test_export_streams_every_row_with_its_latest_review(decision_log):
    ids = _logged(decision_log, "Open a plant in Peru by 2029.", "Ward 4 visiting ends 7pm.", "Sell the bus unit.")
    decision_log.add_review(decision_id=ids[1], label="operational", reviewer="U5")
    rows = decision_log.export_rows()
    assert isinstance(rows, types.GeneratorType)
    rows = list(rows)
    assert [r["id"] for r in rows] == ids
    assert all(tuple(r) == EXPORT_COLUMNS for r in rows)
    assert rows[1]["review_label"] == "operational" and rows[0]["review_label"] is None


def test_review_stats_count_agreement_per_engine_and_prompt(decision_log):
    from bot.domain.review_stats import summarize

    strategic, operational = _logged(
        decision_log, "Board approved exiting Chile by 2030.", "Cleaners start 6am tomorrow."
    )
    decision_log.add_review(decision_id=strategic, label="strategic", reviewer="U1")
    decision_log.add_review(decision_id=operational, label="strategic", reviewer="U1")
    summary = summarize(decision_log.review_stats())
    (group,) = summary["groups"]
    assert (group["engine"], group["reviewed"], group["agreed"], group["agreement"]) == ("rubric", 2, 1, 0.5)
    assert summary["confusion"]["operational"]["strategic"] == 1 and summary["correction_rate"] == 0.5


def test_purge_by_date_and_by_user_says_what_it_removed(decision_log):
    services = _services(decision_log)
    mine = services.classify("Open a plant in Peru by 2029.", origin=Origin(source="cli", user_id="U_ME")).decision_id
    services.classify("Ward 4 visiting ends 7pm.", origin=Origin(source="cli", user_id="U_YOU"))
    decision_log.add_review(decision_id=mine, label="strategic", reviewer="U_YOU")
    result = decision_log.purge(user_id="U_ME")
    assert (result.decisions, result.reviews) == (1, 1)
    assert [r["user_id"] for r in decision_log.list()] == ["U_YOU"]
    assert decision_log.purge(before=datetime.now(UTC) - timedelta(days=1)).decisions == 0
    assert decision_log.purge(before=datetime.now(UTC) + timedelta(seconds=1)).decisions == 1
    with pytest.raises(BadInput):
        decision_log.purge()


def test_unreachable_postgres_names_host_and_port_never_the_password():
    with pytest.raises(AltitudeError) as info:
        DecisionLog.open("postgresql+psycopg://alice:hunter2@127.0.0.1:1/nowhere")
    message = str(info.value)
    assert "127.0.0.1:1" in message and "hunter2" not in message and info.value.exit_code == 1


def test_unopenable_sqlite_file_is_one_clear_error(tmp_path):
    with pytest.raises(AltitudeError, match="cannot reach the database at SQLite file"):
        DecisionLog.open(f"sqlite:///{tmp_path}/no/such/dir/a.db")


def test_an_expired_lease_is_taken_over_once(decision_log):
    from datetime import datetime, timedelta

    import time_machine

    leased = decision_log.record_pending(text="Open a plant in Peru.", origin=ORIGIN, lease=timedelta(seconds=30))
    unleased = decision_log.record_pending(text="CLI decision.", origin=ORIGIN)
    assert decision_log.take_orphan(lease=timedelta(minutes=1)) is None  # still leased
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=31)):
        taken = decision_log.take_orphan(lease=timedelta(minutes=1))
        assert taken["id"] == leased and taken["status"] == "pending"
        assert decision_log.take_orphan(lease=timedelta(minutes=1)) is None  # now leased to the taker, and
        assert unleased != leased  # a decision logged without a lease (from the command line) is never taken


def test_a_heartbeat_keeps_a_lease_from_running_out(decision_log):
    from datetime import datetime, timedelta

    import time_machine

    leased = decision_log.record_pending(text="Open a plant in Peru.", origin=ORIGIN, lease=timedelta(seconds=30))
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=20), tick=False):
        assert decision_log.renew_leases([leased], lease=timedelta(seconds=30)) == 1
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=40), tick=False):
        assert decision_log.take_orphan(lease=timedelta(minutes=1)) is None  # renewed at 20 s: good to 50 s
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=51), tick=False):
        assert decision_log.take_orphan(lease=timedelta(minutes=1))["id"] == leased
