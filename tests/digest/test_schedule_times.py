"""Which week a digest covers and when it is due, across time zones and daylight-saving changes."""

from datetime import UTC, datetime

import pytest

from bot.domain import weeks
from bot.domain.digest import covered_week, next_run, run_in_week

UTC = UTC


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "moment, tz, week",
    [
        (utc(2026, 11, 23, 9, 0), "UTC", "2026-W47"),  # Monday morning: last week
        (utc(2026, 11, 27, 16, 0), "UTC", "2026-W48"),  # Friday afternoon: this week
        (utc(2026, 11, 26, 13, 0), "UTC", "2026-W48"),  # the same moment, two zones, two weeks:
        (utc(2026, 11, 26, 13, 0), "America/Los_Angeles", "2026-W47"),
        (utc(2027, 1, 4, 8, 0), "Europe/Berlin", "2026-W53"),  # 2026 has 53 ISO weeks
    ],
)
def test_the_covered_week(moment, tz, week):
    assert covered_week(moment, tz) == week


def test_week_bounds_follow_the_zone_and_daylight_saving():
    start, end = weeks.bounds("2026-W44", "Europe/Berlin")  # clocks go back on Sunday 25 October 2026
    assert start == utc(2026, 10, 25, 23, 0)
    assert (end - start).total_seconds() == 7 * 24 * 3600
    start, end = weeks.bounds("2026-W43", "Europe/Berlin")  # the week that contains the change
    assert start == utc(2026, 10, 18, 22, 0) and end == utc(2026, 10, 25, 23, 0)
    assert (end - start).total_seconds() == 7 * 24 * 3600 + 3600


def test_the_schedule_keeps_local_time_across_a_daylight_saving_change():
    before = run_in_week(utc(2026, 3, 4, 12), 0, (9, 0), "America/New_York")  # EST
    after = run_in_week(utc(2026, 3, 11, 12), 0, (9, 0), "America/New_York")  # EDT from 8 March
    assert before == utc(2026, 3, 2, 14, 0) and after == utc(2026, 3, 9, 13, 0)


def test_next_run_is_strictly_after_now():
    monday_nine = utc(2026, 11, 23, 9, 0)
    assert next_run(utc(2026, 11, 23, 8, 59), 0, (9, 0), "UTC") == monday_nine
    assert next_run(monday_nine, 0, (9, 0), "UTC") == utc(2026, 11, 30, 9, 0)
    assert next_run(utc(2026, 11, 27), 4, (16, 30), "Asia/Kolkata") == utc(2026, 11, 27, 11, 0)


def test_a_malformed_week_is_bad_input():
    from bot.errors import BadInput

    for bad in ("2026-47", "2026-W54", "W47"):
        with pytest.raises(BadInput):
            weeks.bounds(bad, "UTC")


def test_a_preview_shows_the_week_the_next_digest_covers_and_a_post_the_week_as_of_now():
    import time_machine

    from bot import digests
    from bot.config import Settings

    settings = Settings(digest_weekday=0, digest_time=(9, 0), timezone="UTC")
    with time_machine.travel(utc(2026, 11, 24, 10, 0), tick=False):  # a Tuesday: Monday's digest has gone
        assert digests.next_week(settings) == "2026-W48"  # next Monday's digest covers this week
        assert digests.default_week(settings) == "2026-W47"  # one sent now covers most of the last seven days
    with time_machine.travel(utc(2026, 11, 23, 8, 0), tick=False):  # Monday, before the digest
        assert digests.next_week(settings) == digests.default_week(settings) == "2026-W47"
