"""Jobs API (§5) and the scheduler that calls the app back at POST /job/<name>.

Jobs live in the shared file keyed by (app id, name), like the Dapr Scheduler keys them by app;
each firing is claimed by exactly one stand-in process of that app, so two replicas of an app do
not both run a job.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import logging
import threading
import time
import uuid

from . import cloudevents, errors, gocompat
from .cron import Schedule, ScheduleError, parse_time_or_duration

log = logging.getLogger("standin.jobs")

VALUE_TYPE = "type.googleapis.com/google.protobuf.Value"
_FIELDS = {
    "schedule": "schedule",
    "dueTime": "dueTime",
    "due_time": "dueTime",
    "repeats": "repeats",
    "ttl": "ttl",
    "data": "data",
    "overwrite": "overwrite",
    "failurePolicy": "failurePolicy",
    "failure_policy": "failurePolicy",
    "name": "name",
}


def _scheduler_error(status: int, reason: str, message: str, app_id: str) -> errors.ApiError:
    return errors.rich(status, "", message, reason, {"appID": app_id})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Jobs:
    def __init__(self, rt):
        self.rt = rt
        self.stop_event = threading.Event()
        self.triggers: collections.deque = collections.deque(maxlen=10000)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # -- API ------------------------------------------------------------------------------------
    def schedule(self, name: str, body: bytes) -> None:
        app = self.rt.app_id
        if not body.strip():
            raise _scheduler_error(400, "DAPR_SCHEDULER_SCHEDULE_EMPTY", "Schedule is empty", app)
        try:
            raw = gocompat.loads_precise(body)
        except ValueError as e:
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST", f"failed to parse request body: {e}") from None
        if not isinstance(raw, dict):
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST", "failed to parse request body: not a JSON object")
        spec: dict = {}
        for k, v in raw.items():
            if k in _FIELDS:
                spec[_FIELDS[k]] = v
        if spec.get("name") not in (None, ""):
            raise _scheduler_error(400, "DAPR_SCHEDULER_JOB_NAME", "Set the job name in the url only", app)
        spec.pop("name", None)
        schedule = gocompat.plain(spec.get("schedule")) or ""
        due = gocompat.plain(spec.get("dueTime")) or ""
        if not schedule and not due:
            raise _scheduler_error(400, "DAPR_SCHEDULER_SCHEDULE_EMPTY", "Schedule is empty", app)
        now = _now()
        try:
            repeats = int(str(gocompat.plain(spec.get("repeats") or 0)))
            if repeats < 0:
                raise ValueError("repeats must be positive")
            first = self._first_due(schedule, due, now)
            expires = parse_time_or_duration(gocompat.plain(spec["ttl"]), now) if spec.get("ttl") else None
        except (ScheduleError, ValueError) as e:
            raise _scheduler_error(400, "DAPR_SCHEDULER_SCHEDULE_JOB",
                                   f"failed to schedule job due to: rpc error: code = InvalidArgument desc = {e}",
                                   app) from None
        overwrite = gocompat.plain(spec.pop("overwrite", False)) is True
        stored = {
            "name": name,
            "schedule": schedule,
            "dueTime": due,
            "repeats": repeats,
            "ttl": gocompat.plain(spec.get("ttl")) or "",
            "data": json.loads(gocompat.marshal(spec["data"])) if "data" in spec else None,
            "hasData": "data" in spec,
            "failurePolicy": gocompat.plain(spec.get("failurePolicy")),
            "version": uuid.uuid4().hex,
        }
        with self.rt.broker.tx() as db:
            exists = db.execute("SELECT 1 FROM jobs WHERE app_id=? AND name=?", (app, name)).fetchone()
            if exists and not overwrite:
                raise _scheduler_error(
                    409, "DAPR_SCHEDULER_SCHEDULE_JOB",
                    "failed to schedule job due to: rpc error: code = AlreadyExists desc = job already exists",
                    app)
            db.execute(
                "INSERT OR REPLACE INTO jobs VALUES(?,?,?,?,?,?,?,?)",
                (app, name, json.dumps(stored), first.timestamp() if first else None, 0,
                 expires.timestamp() if expires else None, None, 0),
            )

    @staticmethod
    def _first_due(schedule: str, due: str, now: dt.datetime) -> dt.datetime | None:
        parsed = Schedule(schedule) if schedule else None
        if due:
            return parse_time_or_duration(due, now)
        return parsed.next_after(now)

    def get(self, name: str) -> dict:
        row = self.rt.broker.read().execute(
            "SELECT spec FROM jobs WHERE app_id=? AND name=?", (self.rt.app_id, name)
        ).fetchone()
        if not row:
            raise _scheduler_error(500, "DAPR_SCHEDULER_GET_JOB",
                                   f"failed to get job due to: rpc error: code = NotFound desc = job not found: {name}",
                                   self.rt.app_id)
        spec = json.loads(row[0])
        out: dict = {"name": name}
        for k in ("schedule", "dueTime", "ttl"):
            if spec.get(k):
                out[k] = spec[k]
        if spec.get("repeats"):
            out["repeats"] = spec["repeats"]
        if spec.get("hasData"):
            out["data"] = {"@type": VALUE_TYPE, "value": spec["data"]}
        if spec.get("failurePolicy"):
            out["failurePolicy"] = spec["failurePolicy"]
        return out

    def delete(self, name: str) -> None:
        with self.rt.broker.tx() as db:
            db.execute("DELETE FROM jobs WHERE app_id=? AND name=?", (self.rt.app_id, name))

    # -- firing ---------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="standin-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stop_event.set()

    def _loop(self) -> None:
        member = self.rt.consumer.member
        while not self.stop_event.is_set():
            try:
                self._fire_due(member)
            except Exception:
                log.exception("job scheduler round failed")
            self.stop_event.wait(0.05)

    def _fire_due(self, member: str) -> None:
        now = time.time()
        app = self.rt.app_id
        db = self.rt.broker.read()
        if db.execute("SELECT 1 FROM jobs WHERE app_id=? AND expires<? LIMIT 1", (app, now)).fetchone():
            with self.rt.broker.tx() as db:
                db.execute("DELETE FROM jobs WHERE app_id=? AND expires<?", (app, now))
        due = self.rt.broker.read().execute(
            "SELECT name, next_due FROM jobs WHERE app_id=? AND next_due<=? AND (claimed_by IS NULL OR claim_until<?)",
            (app, now, now),
        ).fetchall()
        for name, next_due in due:
            with self.rt.broker.tx() as db:
                cur = db.execute(
                    "UPDATE jobs SET claimed_by=?, claim_until=? WHERE app_id=? AND name=? AND next_due=? "
                    "AND (claimed_by IS NULL OR claim_until<?)",
                    (member, now + 3600, app, name, next_due, now),
                )
                if cur.rowcount != 1:
                    continue
                spec = json.loads(db.execute("SELECT spec FROM jobs WHERE app_id=? AND name=?",
                                             (app, name)).fetchone()[0])
            threading.Thread(target=self._fire, args=(spec, next_due), daemon=True).start()

    def _retry_plan(self, spec: dict) -> tuple[float, int]:
        """(interval, max retries; -1 = forever). Default: constant, 1 s, 3 retries."""
        fp = spec.get("failurePolicy")
        if isinstance(fp, dict):
            if "drop" in fp:
                return 0.0, 0
            c = fp.get("constant")
            if isinstance(c, dict):
                interval = gocompat.parse_go_duration(str(c.get("interval") or "0s"))
                mr = c.get("maxRetries", c.get("max_retries"))
                return interval, int(mr) if mr is not None else -1
        return 1.0, 3

    def _fire(self, spec: dict, due_ts: float) -> None:
        try:
            self._trigger(spec)
        except Exception:
            log.exception("job %s trigger failed", spec["name"])
        try:
            self._advance(spec, due_ts)
        finally:
            self.rt.broker.release_thread()

    def _trigger(self, spec: dict) -> None:
        name = spec["name"]
        body = gocompat.marshal(spec["data"]) if spec.get("hasData") else b""
        headers = {"Content-Type": "application/json"}
        interval, max_retries = self._retry_plan(spec)
        attempt = 0
        while not self.stop_event.is_set():
            if self.rt.tracing:
                headers["traceparent"] = cloudevents.child_span(None, True)
            try:
                resp = self.rt.app.call("POST", f"/job/{name}", body, headers, 60)
                status = resp.status
            except OSError:
                status = None
            ok = status is not None and (200 <= status < 300 or status == 404)
            with self._lock:
                self.triggers.append({"name": name, "attempt": attempt, "status": status, "time": time.time(),
                                      "data": spec.get("data")})
            if ok:
                break
            attempt += 1
            if 0 <= max_retries < attempt:
                log.warning("job %s failed after %d retries", name, max_retries)
                break
            self.stop_event.wait(interval)

    def _advance(self, spec: dict, due_ts: float) -> None:
        app, name = self.rt.app_id, spec["name"]
        with self.rt.broker.tx() as db:
            row = db.execute("SELECT spec, fired, expires FROM jobs WHERE app_id=? AND name=?", (app, name)).fetchone()
            if not row or json.loads(row[0]).get("version") != spec.get("version"):
                return  # deleted or overwritten while firing
            fired = row[1] + 1
            nxt = None
            if spec.get("schedule") and not (spec.get("repeats") and fired >= spec["repeats"]):
                base = dt.datetime.fromtimestamp(due_ts, dt.timezone.utc)
                sched = Schedule(spec["schedule"])
                t = sched.next_after(base)
                now = _now()
                if t is not None and t < now:
                    # Missed firings (the app was down, say) are not replayed one by one.
                    t = now if sched.every is not None else sched.next_after(now)
                nxt = t
            if nxt is None or (row[2] is not None and nxt.timestamp() > row[2]):
                db.execute("DELETE FROM jobs WHERE app_id=? AND name=?", (app, name))
            else:
                db.execute(
                    "UPDATE jobs SET fired=?, next_due=?, claimed_by=NULL, claim_until=0 WHERE app_id=? AND name=?",
                    (fired, nxt.timestamp(), app, name),
                )

    def trigger_log(self) -> list[dict]:
        with self._lock:
            return list(self.triggers)

    def clear_log(self) -> None:
        with self._lock:
            self.triggers.clear()
