import threading
import time

from bot.slack.jobs import AckFirst, Jobs


def test_slow_work_waits_while_a_request_is_in_flight():
    gate = AckFirst(max_wait=5, quiet=0.02)
    started = threading.Event()
    with gate.request():
        worker = threading.Thread(target=lambda: (gate.wait_for_idle(), started.set()))
        worker.start()
        time.sleep(0.1)
        assert not started.is_set()
    assert started.wait(1)


def test_a_steady_stream_of_requests_cannot_starve_slow_work():
    gate = AckFirst(max_wait=0.2, quiet=0.02)
    with gate.request():
        began = time.monotonic()
        gate.wait_for_idle()
        assert 0.15 < time.monotonic() - began < 1.0


def test_jobs_run_on_the_pool_behind_the_gate():
    jobs = Jobs(workers=4)
    try:
        results = [jobs.submit(pow, 2, n) for n in range(8)]
        assert [r.result(timeout=2) for r in results] == [2**n for n in range(8)]
    finally:
        jobs.shutdown()


def test_a_job_submitted_during_a_request_starts_only_after_it():
    gate = AckFirst(max_wait=5, quiet=0.02)
    jobs = Jobs(workers=2, gate=gate)
    try:
        with gate.request():
            started = jobs.submit(time.monotonic)
            time.sleep(0.1)
            assert not started.done()
            ended = time.monotonic()
        assert started.result(timeout=2) >= ended
    finally:
        jobs.shutdown()


def test_a_held_job_starts_after_the_longest_wait_while_requests_go_on():
    gate = AckFirst(max_wait=0.2, quiet=0.02)
    jobs = Jobs(workers=2, gate=gate)
    try:
        with gate.request():
            began = time.monotonic()
            started = jobs.submit(time.monotonic)
            assert 0.15 < started.result(timeout=2) - began < 1.0
    finally:
        jobs.shutdown()


def test_a_jobs_exception_reaches_its_future():
    jobs = Jobs(workers=2)
    try:
        failed = jobs.submit(int, "not a number")
        assert isinstance(failed.exception(timeout=2), ValueError)
    finally:
        jobs.shutdown()
