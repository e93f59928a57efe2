"""Job schedules as the Dapr Scheduler reads them: 6-field cron (with seconds) and @descriptors."""

from __future__ import annotations

import datetime as dt

from . import gocompat

_MONTHS = {n: i for i, n in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DAYS = {n: i for i, n in enumerate("sun mon tue wed thu fri sat".split())}
_DESCRIPTORS = {
    "@yearly": "0 0 0 1 1 *",
    "@annually": "0 0 0 1 1 *",
    "@monthly": "0 0 0 1 * *",
    "@weekly": "0 0 0 * * 0",
    "@daily": "0 0 0 * * *",
    "@midnight": "0 0 0 * * *",
    "@hourly": "0 0 * * * *",
}
_BOUNDS = [(0, 59, None), (0, 59, None), (0, 23, None), (1, 31, None), (1, 12, _MONTHS), (0, 6, _DAYS)]


class ScheduleError(ValueError):
    pass


def _field(text: str, lo: int, hi: int, names) -> tuple[set[int], bool]:
    values: set[int] = set()
    star = False
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, s = part.split("/", 1)
            step = int(s)
            if step <= 0:
                raise ScheduleError(f"bad step in {text!r}")
        if part in ("*", "?"):
            a, b = lo, hi
            star = star or step == 1
        else:
            def num(x: str) -> int:
                if names and x.lower() in names:
                    return names[x.lower()]
                return int(x)

            if "-" in part:
                x, y = part.split("-", 1)
                a, b = num(x), num(y)
            else:
                a = num(part)
                b = hi if step > 1 else a
        if a < lo or b > hi or a > b:
            raise ScheduleError(f"value out of range in {text!r}")
        values.update(range(a, b + 1, step))
    return values, star


class Schedule:
    def __init__(self, text: str):
        self.text = text.strip()
        self.every: float | None = None
        if self.text.startswith("@every "):
            try:
                self.every = gocompat.parse_go_duration(self.text[len("@every "):])
            except ValueError as e:
                raise ScheduleError(str(e)) from None
            if self.every <= 0:
                raise ScheduleError("@every needs a positive duration")
            return
        spec = _DESCRIPTORS.get(self.text.lower(), self.text)
        fields = spec.split()
        if len(fields) != 6:
            raise ScheduleError(f"expected exactly 6 fields, found {len(fields)}: {self.text}")
        try:
            parsed = [_field(f, lo, hi, names) for f, (lo, hi, names) in zip(fields, _BOUNDS)]
        except ValueError as e:
            raise ScheduleError(str(e)) from None
        (self.sec, _), (self.min, _), (self.hour, _), (self.dom, self.dom_star), (self.mon, _), (
            self.dow,
            self.dow_star,
        ) = parsed

    def _day_ok(self, t: dt.datetime) -> bool:
        dom = t.day in self.dom
        dow = (t.isoweekday() % 7) in self.dow
        if self.dom_star or self.dow_star:
            return dom and dow
        return dom or dow

    def next_after(self, after: dt.datetime) -> dt.datetime | None:
        """The first firing time strictly after `after` (UTC)."""
        if self.every is not None:
            return after + dt.timedelta(seconds=self.every)
        t = after.replace(microsecond=0) + dt.timedelta(seconds=1)
        limit = t + dt.timedelta(days=366 * 5)
        while t < limit:
            if t.month not in self.mon:
                t = (t.replace(day=1, hour=0, minute=0, second=0) + dt.timedelta(days=32)).replace(day=1)
                continue
            if not self._day_ok(t):
                t = t.replace(hour=0, minute=0, second=0) + dt.timedelta(days=1)
                continue
            if t.hour not in self.hour:
                t = t.replace(minute=0, second=0) + dt.timedelta(hours=1)
                continue
            if t.minute not in self.min:
                t = t.replace(second=0) + dt.timedelta(minutes=1)
                continue
            if t.second not in self.sec:
                t = t + dt.timedelta(seconds=1)
                continue
            return t
        return None


def parse_time_or_duration(text: str, now: dt.datetime) -> dt.datetime:
    """dueTime / ttl: RFC 3339, a Go duration, or an ISO 8601 duration, relative to now."""
    s = str(text).strip()
    try:
        return gocompat.parse_rfc3339(s)
    except ValueError:
        pass
    try:
        return now + dt.timedelta(seconds=gocompat.parse_go_duration(s))
    except ValueError:
        pass
    try:
        return now + dt.timedelta(seconds=gocompat.parse_iso8601_duration(s))
    except ValueError:
        raise ScheduleError(f"invalid time or duration {text!r}") from None
