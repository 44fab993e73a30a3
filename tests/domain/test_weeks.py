"""`bot.domain.weeks`: ISO weeks in a time zone, the digest's and the App Home's idea of "this week"
(its name, its start and end in UTC, and the week before it)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import weeks
from bot.errors import BadInput

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"]


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_a_week_is_named_by_its_iso_year_and_a_two_digit_number():
    assert weeks.week_of(utc(2026, 2, 2, 12), "UTC") == "2026-W06"


@pytest.mark.parametrize(
    "moment, week",
    [
        (utc(2027, 1, 1, 12), "2026-W53"),  # a Friday in January still in the last week of 2026
        (utc(2024, 12, 30, 12), "2025-W01"),  # a Monday in December already in the first week of 2025
    ],
)
def test_the_iso_year_not_the_calendar_year_names_a_week_at_the_turn_of_the_year(moment, week):
    assert weeks.week_of(moment, "UTC") == week


def test_a_sunday_evening_in_utc_is_already_monday_in_tokyo():
    sunday_evening = utc(2026, 11, 29, 20)
    assert weeks.week_of(sunday_evening, "UTC") == "2026-W48"
    assert weeks.week_of(sunday_evening, "Asia/Tokyo") == "2026-W49"


def test_a_week_starts_at_local_midnight_on_monday_and_is_given_in_utc():
    start, end = weeks.bounds("2026-W49", "Asia/Kolkata")
    assert start == datetime(2026, 11, 30, 0, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert start == utc(2026, 11, 29, 18, 30) and end == utc(2026, 12, 6, 18, 30)
    assert start.tzinfo is UTC and end.tzinfo is UTC


@pytest.mark.parametrize("tz", ZONES)
def test_each_week_ends_where_the_next_begins_even_across_a_53_week_year(tz):
    for week, following in (("2026-W52", "2026-W53"), ("2026-W53", "2027-W01"), ("2027-W12", "2027-W13")):
        assert weeks.bounds(week, tz)[1] == weeks.bounds(following, tz)[0]


@pytest.mark.parametrize("tz", ZONES)
def test_the_start_is_in_the_week_and_the_end_is_not(tz):
    start, end = weeks.bounds("2026-W44", tz)
    assert weeks.week_of(start, tz) == "2026-W44"
    assert weeks.week_of(end - timedelta(microseconds=1), tz) == "2026-W44"
    assert weeks.week_of(end, tz) == "2026-W45"


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)),
    tz=st.sampled_from(ZONES),
)
def test_any_moment_lies_within_the_bounds_of_its_own_week(moment, tz):
    start, end = weeks.bounds(weeks.week_of(moment, tz), tz)
    assert start <= moment < end


def test_space_around_a_typed_week_is_ignored():
    assert weeks.bounds(" 2026-W47\n", "UTC") == weeks.bounds("2026-W47", "UTC")


@pytest.mark.parametrize("week", ["2025-W53", "2026-W00", "2026-W99"])
def test_a_week_number_the_year_does_not_have_is_bad_input_saying_the_range(week):
    with pytest.raises(BadInput) as info:
        weeks.bounds(week, "UTC")
    assert repr(week) in str(info.value) and "W01 to W52 or W53" in info.value.fix
    assert info.value.exit_code == 2


def test_a_week_in_another_format_is_bad_input_showing_how_to_write_it():
    with pytest.raises(BadInput) as info:
        weeks.bounds("2026W47", "UTC")
    assert "'2026W47'" in info.value.message and info.value.fix == "write it like 2026-W47"


@pytest.mark.parametrize(
    "week, before",
    [
        ("2026-W10", "2026-W09"),
        ("2026-W01", "2025-W52"),  # 2025 has 52 weeks
        ("2027-W01", "2026-W53"),  # 2026 has 53
    ],
)
def test_the_previous_week_crosses_into_the_year_before_and_keeps_its_leading_zero(week, before):
    assert weeks.previous(week) == before


def test_the_previous_week_ends_where_the_week_begins():
    week = "2027-W02"
    for _ in range(60):  # back across the 53-week year 2026
        before = weeks.previous(week)
        assert weeks.bounds(before, "Europe/Berlin")[1] == weeks.bounds(week, "Europe/Berlin")[0]
        week = before
    assert week == "2025-W47"
