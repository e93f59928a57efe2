"""The shared broker: a Kafka-like log in one SQLite file that several stand-in processes use.

One file holds, for every cluster (a pub/sub component's `brokers`) and topic, the partitioned
record log; the committed offset of each consumer group per partition; the live members of each
group and which member owns which partition; and, beside the log, the state stores and jobs, so
that two replicas of one app see the same state and a job fires on one replica only.

Partition ownership is cooperative: a member claims a partition only when nobody owns it or its
owner stopped heart-beating, and gives it up only after its in-flight record is finished, so no
record is handed to two members of a group at once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass

_SCHEMA = """
CREATE TABLE IF NOT EXISTS topics(
  cluster TEXT, topic TEXT, partitions INTEGER, rr INTEGER DEFAULT 0, PRIMARY KEY(cluster, topic));
CREATE TABLE IF NOT EXISTS records(
  cluster TEXT, topic TEXT, partition INTEGER, offset INTEGER, key BLOB, value BLOB,
  headers TEXT, ts INTEGER, producer TEXT, PRIMARY KEY(cluster, topic, partition, offset)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS members(
  cluster TEXT, grp TEXT, member TEXT, app_id TEXT, topics TEXT, heartbeat REAL, session REAL,
  PRIMARY KEY(cluster, grp, member));
CREATE TABLE IF NOT EXISTS owners(
  cluster TEXT, grp TEXT, topic TEXT, partition INTEGER, member TEXT,
  PRIMARY KEY(cluster, grp, topic, partition));
CREATE TABLE IF NOT EXISTS offsets(
  cluster TEXT, grp TEXT, topic TEXT, partition INTEGER, next INTEGER,
  PRIMARY KEY(cluster, grp, topic, partition));
CREATE TABLE IF NOT EXISTS state(
  store TEXT, key TEXT, value BLOB, etag INTEGER, expires REAL, PRIMARY KEY(store, key));
CREATE TABLE IF NOT EXISTS jobs(
  app_id TEXT, name TEXT, spec TEXT, next_due REAL, fired INTEGER, expires REAL,
  claimed_by TEXT, claim_until REAL, PRIMARY KEY(app_id, name));
CREATE TABLE IF NOT EXISTS seq(name TEXT PRIMARY KEY, value INTEGER);
"""


@dataclass
class Record:
    cluster: str
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, str]
    timestamp_ms: int
    producer: str

    def as_json(self) -> dict:
        import base64

        return {
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "key": self.key.decode("utf-8", "replace") if self.key is not None else None,
            "headers": self.headers,
            "timestamp": self.timestamp_ms,
            "producer": self.producer,
            "value": self.value.decode("utf-8", "replace"),
            "value_base64": base64.b64encode(self.value).decode(),
        }


class Broker:
    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        db = self._conn()
        db.execute("PRAGMA journal_mode=WAL")
        with self.tx() as db:
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    db.execute(stmt)

    # -- connections ------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("PRAGMA synchronous=OFF")
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    class _Tx:
        def __init__(self, db: sqlite3.Connection):
            self.db = db

        def __enter__(self):
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type, exc, tb):
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")
            return False

    def tx(self) -> "Broker._Tx":
        return Broker._Tx(self._conn())

    def read(self) -> sqlite3.Connection:
        return self._conn()

    def release_thread(self) -> None:
        """Close the calling thread's connection (threads come and go with HTTP connections)."""
        db = getattr(self._local, "db", None)
        if db is None:
            return
        self._local.db = None
        with self._lock:
            if db in self._all:
                self._all.remove(db)
        db.close()

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                try:
                    db.close()
                except sqlite3.Error:
                    pass
            self._all.clear()

    # -- topics and records -----------------------------------------------------------------
    def ensure_topic(self, db: sqlite3.Connection, cluster: str, topic: str, partitions: int) -> int:
        row = db.execute("SELECT partitions FROM topics WHERE cluster=? AND topic=?", (cluster, topic)).fetchone()
        if row:
            return row[0]
        db.execute("INSERT INTO topics(cluster, topic, partitions) VALUES(?,?,?)", (cluster, topic, partitions))
        return partitions

    def partitions(self, cluster: str, topic: str, default: int) -> int:
        db = self.read()
        row = db.execute("SELECT partitions FROM topics WHERE cluster=? AND topic=?", (cluster, topic)).fetchone()
        if row:
            return row[0]
        with self.tx() as db:
            return self.ensure_topic(db, cluster, topic, default)

    def append(
        self,
        cluster: str,
        topic: str,
        partitions: int,
        key: bytes | None,
        value: bytes,
        headers: dict[str, str],
        producer: str,
        partition: int | None,
        choose,
    ) -> Record:
        """Append one record; `choose(key, n, rr)` picks the partition when none is given."""
        with self.tx() as db:
            n = self.ensure_topic(db, cluster, topic, partitions)
            if partition is None:
                rr = db.execute("SELECT rr FROM topics WHERE cluster=? AND topic=?", (cluster, topic)).fetchone()[0]
                partition = choose(key, n, rr)
                if key is None:
                    db.execute("UPDATE topics SET rr=rr+1 WHERE cluster=? AND topic=?", (cluster, topic))
            elif not 0 <= partition < n:
                raise ValueError(f"kafka: partitioner returned an invalid partition index {partition}")
            row = db.execute(
                "SELECT MAX(offset) FROM records WHERE cluster=? AND topic=? AND partition=?",
                (cluster, topic, partition),
            ).fetchone()
            offset = 0 if row[0] is None else row[0] + 1
            ts = int(time.time() * 1000)
            db.execute(
                "INSERT INTO records VALUES(?,?,?,?,?,?,?,?,?)",
                (cluster, topic, partition, offset, key, value, json.dumps(headers), ts, producer),
            )
        return Record(cluster, topic, partition, offset, key, value, headers, ts, producer)

    def fetch(self, cluster: str, topic: str, partition: int, offset: int) -> Record | None:
        row = (
            self.read()
            .execute(
                "SELECT key, value, headers, ts, producer FROM records "
                "WHERE cluster=? AND topic=? AND partition=? AND offset=?",
                (cluster, topic, partition, offset),
            )
            .fetchone()
        )
        if not row:
            return None
        return Record(cluster, topic, partition, offset, row[0], row[1], json.loads(row[2]), row[3], row[4])

    def end_offset(self, db: sqlite3.Connection, cluster: str, topic: str, partition: int) -> int:
        row = db.execute(
            "SELECT MAX(offset) FROM records WHERE cluster=? AND topic=? AND partition=?",
            (cluster, topic, partition),
        ).fetchone()
        return 0 if row[0] is None else row[0] + 1

    def records(self, cluster: str | None, topic: str | None, since_ts: int = 0) -> list[Record]:
        q = "SELECT cluster, topic, partition, offset, key, value, headers, ts, producer FROM records WHERE ts>=?"
        args: list = [since_ts]
        if cluster:
            q += " AND cluster=?"
            args.append(cluster)
        if topic:
            q += " AND topic=?"
            args.append(topic)
        q += " ORDER BY ts, topic, partition, offset"
        return [
            Record(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8])
            for r in self.read().execute(q, args).fetchall()
        ]

    # -- consumer groups --------------------------------------------------------------------
    def heartbeat(self, cluster: str, grp: str, member: str, app_id: str, topics: list[str], session: float) -> None:
        with self.tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO members VALUES(?,?,?,?,?,?,?)",
                (cluster, grp, member, app_id, json.dumps(sorted(topics)), time.time(), session),
            )

    def live_members(self, db: sqlite3.Connection, cluster: str, grp: str, topic: str) -> list[str]:
        now = time.time()
        out = []
        for member, topics, hb, session in db.execute(
            "SELECT member, topics, heartbeat, session FROM members WHERE cluster=? AND grp=?", (cluster, grp)
        ):
            if now - hb <= session and topic in json.loads(topics):
                out.append(member)
        return sorted(out)

    def _alive(self, db: sqlite3.Connection, cluster: str, grp: str, member: str) -> bool:
        row = db.execute(
            "SELECT heartbeat, session FROM members WHERE cluster=? AND grp=? AND member=?", (cluster, grp, member)
        ).fetchone()
        return bool(row) and time.time() - row[0] <= row[1]

    def claim(
        self, cluster: str, grp: str, topic: str, partition: int, member: str, initial_offset: str
    ) -> bool:
        """Take a partition if it is free or its owner is dead; sets the group's start offset."""
        with self.tx() as db:
            row = db.execute(
                "SELECT member FROM owners WHERE cluster=? AND grp=? AND topic=? AND partition=?",
                (cluster, grp, topic, partition),
            ).fetchone()
            if row and row[0] != member and self._alive(db, cluster, grp, row[0]):
                return False
            db.execute(
                "INSERT OR REPLACE INTO owners VALUES(?,?,?,?,?)", (cluster, grp, topic, partition, member)
            )
            has = db.execute(
                "SELECT 1 FROM offsets WHERE cluster=? AND grp=? AND topic=? AND partition=?",
                (cluster, grp, topic, partition),
            ).fetchone()
            if not has:
                start = 0 if initial_offset == "oldest" else self.end_offset(db, cluster, topic, partition)
                db.execute("INSERT INTO offsets VALUES(?,?,?,?,?)", (cluster, grp, topic, partition, start))
            return True

    def release(self, cluster: str, grp: str, topic: str, partition: int, member: str) -> None:
        with self.tx() as db:
            db.execute(
                "DELETE FROM owners WHERE cluster=? AND grp=? AND topic=? AND partition=? AND member=?",
                (cluster, grp, topic, partition, member),
            )

    def leave(self, member: str) -> None:
        with self.tx() as db:
            db.execute("DELETE FROM owners WHERE member=?", (member,))
            db.execute("DELETE FROM members WHERE member=?", (member,))
            db.execute("UPDATE jobs SET claimed_by=NULL, claim_until=0 WHERE claimed_by=?", (member,))

    def committed(self, cluster: str, grp: str, topic: str, partition: int) -> int:
        row = (
            self.read()
            .execute(
                "SELECT next FROM offsets WHERE cluster=? AND grp=? AND topic=? AND partition=?",
                (cluster, grp, topic, partition),
            )
            .fetchone()
        )
        return row[0] if row else 0

    def commit(self, cluster: str, grp: str, topic: str, partition: int, member: str, next_offset: int) -> bool:
        """Mark a record done, only while `member` still owns the partition."""
        with self.tx() as db:
            row = db.execute(
                "SELECT member FROM owners WHERE cluster=? AND grp=? AND topic=? AND partition=?",
                (cluster, grp, topic, partition),
            ).fetchone()
            if not row or row[0] != member:
                return False
            db.execute(
                "INSERT OR REPLACE INTO offsets VALUES(?,?,?,?,?)", (cluster, grp, topic, partition, next_offset)
            )
            return True

    def groups(self) -> list[dict]:
        db = self.read()
        out = []
        for cluster, grp, topic, partition, nxt in db.execute(
            "SELECT cluster, grp, topic, partition, next FROM offsets ORDER BY cluster, grp, topic, partition"
        ):
            owner = db.execute(
                "SELECT member FROM owners WHERE cluster=? AND grp=? AND topic=? AND partition=?",
                (cluster, grp, topic, partition),
            ).fetchone()
            out.append(
                {
                    "cluster": cluster,
                    "group": grp,
                    "topic": topic,
                    "partition": partition,
                    "committed": nxt,
                    "end": self.end_offset(db, cluster, topic, partition),
                    "owner": owner[0] if owner else None,
                }
            )
        return out

    def reset(self) -> None:
        with self.tx() as db:
            for table in ("records", "offsets", "state", "jobs", "topics", "seq"):
                db.execute(f"DELETE FROM {table}")

    # -- sequences (state ETags) ------------------------------------------------------------
    def next_seq(self, db: sqlite3.Connection, name: str) -> int:
        row = db.execute("SELECT value FROM seq WHERE name=?", (name,)).fetchone()
        value = (row[0] if row else 0) + 1
        db.execute("INSERT OR REPLACE INTO seq VALUES(?,?)", (name, value))
        return value
