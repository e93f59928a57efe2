"""The pieces with Go semantics: the CEL subset, cron schedules, durations, Go JSON output."""

from __future__ import annotations

import datetime as dt

import pytest

from standin import gocompat
from standin.cron import Schedule, ScheduleError, parse_time_or_duration
from standin.routing import CelError, Expr, RouteError, clean_path

EVENT = {"type": "task.created", "source": "todo-chat", "data": {"priority": 1, "done": False}}


@pytest.mark.parametrize(
    "expr, result",
    [
        ('event.type == "task.created"', True),
        ("event.type == 'task.updated'", False),
        ('event.type != "task.updated"', True),
        ('event.type == "x" || event.source == "todo-chat"', True),
        ('event.type == "task.created" && event.source == "x"', False),
        ('!(event.type == "x") && (event.source == "a" || event.source == "todo-chat")', True),
        ('event["source"] == "todo-chat"', True),
        ("event.data.priority == 1", True),
        ("event.data.done == false", True),
        ("event.data.done", False),
    ],
)
def test_cel_subset_evaluates_like_cel(expr, result):
    assert Expr(expr).matches(EVENT) is result


def test_cel_missing_field_is_an_evaluation_error_and_unsupported_syntax_is_refused():
    with pytest.raises(RouteError):
        Expr('event.subject == "task/1"').matches(EVENT)
    for bad in ('event.type.startsWith("task")', 'type == "x"', 'event.type == "x" &&', "event.type in ['a']"):
        with pytest.raises(CelError):
            Expr(bad)


def test_paths_are_cleaned_like_the_app_channel_does():
    assert clean_path("orders") == "/orders"
    assert clean_path("/a//b/../c") == "/a/c"


UTC = dt.timezone.utc


@pytest.mark.parametrize(
    "spec, after, expected",
    [
        ("*/15 * * * * *", dt.datetime(2026, 1, 1, 0, 0, 7, tzinfo=UTC), dt.datetime(2026, 1, 1, 0, 0, 15, tzinfo=UTC)),
        ("0 30 9 * * MON-FRI", dt.datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
         dt.datetime(2026, 11, 30, 9, 30, tzinfo=UTC)),  # Friday after 9:30 → Monday
        ("0 0 0 1 * *", dt.datetime(2026, 1, 31, 12, 0, tzinfo=UTC), dt.datetime(2026, 2, 1, tzinfo=UTC)),
        ("@daily", dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC)),
        ("@every 1h30m", dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2026, 1, 1, 1, 30, tzinfo=UTC)),
    ],
)
def test_cron_next_firing(spec, after, expected):
    assert Schedule(spec).next_after(after) == expected


@pytest.mark.parametrize("spec", ["* * * * *", "61 * * * * *", "@every", "@every -1s", "every day"])
def test_bad_schedules_are_refused(spec):
    with pytest.raises(ScheduleError):
        Schedule(spec)


def test_due_time_formats():
    now = dt.datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_time_or_duration("1m30s", now) == now + dt.timedelta(seconds=90)
    assert parse_time_or_duration("PT1H", now) == now + dt.timedelta(hours=1)
    assert parse_time_or_duration("2026-02-01T00:00:00Z", now) == dt.datetime(2026, 2, 1, tzinfo=UTC)
    with pytest.raises(ScheduleError):
        parse_time_or_duration("soon", now)


def test_go_parsers():
    assert gocompat.parse_go_duration("1.5s") == 1.5 and gocompat.parse_go_duration("250ms") == 0.25
    assert [gocompat.parse_bool(v) for v in ("1", "t", "TRUE", "False")] == [True, True, True, False]
    with pytest.raises(ValueError):
        gocompat.parse_bool("yes")


def test_go_json_marshal():
    value = gocompat.loads_precise(b'{"b": [1.0, 2e10], "a": "\\u2028<x>", "c": {"z": null, "y": true}}')
    assert gocompat.marshal(value) == b'{"a":"\\u2028\\u003cx\\u003e","b":[1.0,2e10],"c":{"y":true,"z":null}}'
