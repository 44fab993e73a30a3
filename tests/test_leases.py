"""The lease heartbeat: what is held is renewed, with its own lease, until the work is done."""

import threading
from datetime import timedelta

from bot.leases import LeaseKeeper


class Renewals:
    def __init__(self, fail: bool = False):
        self.calls: list[tuple[list[int], timedelta]] = []
        self.fail = fail
        self.seen = threading.Event()

    def __call__(self, ids, lease):
        self.calls.append((sorted(ids), lease))
        self.seen.set()
        if self.fail:
            raise OSError("database went away")


def test_held_items_are_renewed_with_their_own_lease_and_dropped_when_done():
    decisions, sends = Renewals(), Renewals()
    keeper = LeaseKeeper({"decision": (decisions, timedelta(seconds=120)), "send": (sends, timedelta(seconds=15))})
    assert keeper.beat == 5.0  # a third of the shortest lease
    with keeper.keep("decision", 7), keeper.keep("decision", 8), keeper.keep("send", 3):
        with keeper.keep("decision", 7):  # held twice: renewed until both are done
            pass
        keeper.renew_now()
    keeper.renew_now()
    keeper.stop()
    assert decisions.calls == [([7, 8], timedelta(seconds=120))]
    assert sends.calls == [([3], timedelta(seconds=15))]


def test_a_renewal_that_fails_does_not_stop_the_others_or_the_next_beat(caplog):
    broken, working = Renewals(fail=True), Renewals()
    keeper = LeaseKeeper({"message": (broken, timedelta(seconds=30)), "decision": (working, timedelta(seconds=30))})
    with keeper.keep("message", 1), keeper.keep("decision", 2):
        keeper.renew_now()
        keeper.renew_now()
    keeper.stop()
    assert len(broken.calls) == 2 and len(working.calls) == 2
    assert "renewing message leases failed: database went away" in caplog.text


def test_the_heartbeat_renews_on_its_own():
    renewals = Renewals()
    keeper = LeaseKeeper({"decision": (renewals, timedelta(seconds=0.3))})
    with keeper.keep("decision", 5):
        assert renewals.seen.wait(5)
    keeper.stop()
    assert renewals.calls[0] == ([5], timedelta(seconds=0.3))
