"""State API (§4): save, get, bulk get, delete, transactions, with ETags, in the shared file.

Keys are stored as daprd stores them, `<prefix>||<key>` with the app id as the default prefix
(metadata keyPrefix: appid | name | namespace | none | <custom>), so two replicas of one app share
state and two different apps do not. ETags are integers (like PostgreSQL v1's xmin), so a
non-integer ETag is malformed (400).
"""

from __future__ import annotations

import json
import time

from . import errors, gocompat

_CONCURRENCY = ("first-write", "last-write", "")


class StateError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # etag_mismatch | etag_invalid | failed | bad_request


class StateStores:
    def __init__(self, rt):
        self.rt = rt

    # -- lookup ---------------------------------------------------------------------------------
    def component(self, name: str):
        stores = self.rt.resources.of_category("state")
        if not stores:
            raise errors.legacy(500, "ERR_STATE_STORE_NOT_CONFIGURED", "state store is not configured")
        comp = self.rt.resources.component(name, "state")
        if comp is None:
            raise errors.rich(400, "ERR_STATE_STORE_NOT_FOUND", f"state store {name} is not found",
                              "DAPR_STATE_NOT_FOUND", {"appID": self.rt.app_id}, None)
        return comp

    def _prefix(self, comp) -> str:
        mode = (comp.get("keyPrefix") or "appid")
        low = mode.lower()
        if low == "appid":
            return self.rt.app_id + "||"
        if low == "name":
            return comp.name + "||"
        if low == "namespace":
            return f"{self.rt.namespace}.{self.rt.app_id}||"
        if low == "none":
            return ""
        return mode + "||"

    def _store_id(self, comp) -> str:
        return f"{comp.type}:{comp.get('connectionString') or comp.get('url') or comp.get('host') or comp.name}"

    @staticmethod
    def _check_key(key) -> str:
        if not isinstance(key, str) or key == "":
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST", '"key" is a required field')
        if "||" in key:
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST",
                                f"input key/keyPrefix '{key}' can't contain '||'")
        return key

    # -- primitive operations on one open transaction -------------------------------------------
    def _set(self, db, store: str, full_key: str, value: bytes, etag, concurrency: str, ttl: int | None):
        row = db.execute("SELECT etag, expires FROM state WHERE store=? AND key=?", (store, full_key)).fetchone()
        if row and row[1] is not None and row[1] < time.time():
            db.execute("DELETE FROM state WHERE store=? AND key=?", (store, full_key))
            row = None
        if etag not in (None, ""):
            try:
                wanted = int(str(etag))
            except ValueError:
                raise StateError("etag_invalid", f"invalid etag value: {etag}") from None
            if not row or row[0] != wanted:
                raise StateError("etag_mismatch", "possible etag mismatch. error from state store: "
                                 "no item was updated")
        elif concurrency == "first-write" and row:
            raise StateError("failed", "no item was updated")
        new_etag = self.rt.broker.next_seq(db, "etag")
        expires = time.time() + ttl if ttl and ttl > 0 else None
        db.execute("INSERT OR REPLACE INTO state VALUES(?,?,?,?,?)", (store, full_key, value, new_etag, expires))

    def _delete(self, db, store: str, full_key: str, etag):
        row = db.execute("SELECT etag FROM state WHERE store=? AND key=?", (store, full_key)).fetchone()
        if etag not in (None, ""):
            try:
                wanted = int(str(etag))
            except ValueError:
                raise StateError("etag_invalid", f"invalid etag value: {etag}") from None
            if not row or row[0] != wanted:
                raise StateError("etag_mismatch", "possible etag mismatch. error from state store: "
                                 "no item was deleted")
        db.execute("DELETE FROM state WHERE store=? AND key=?", (store, full_key))

    def _get(self, store: str, full_key: str):
        row = self.rt.broker.read().execute(
            "SELECT value, etag, expires FROM state WHERE store=? AND key=?", (store, full_key)
        ).fetchone()
        if not row or (row[2] is not None and row[2] < time.time()):
            return None
        return row[0], str(row[1])

    # -- API operations -------------------------------------------------------------------------
    @staticmethod
    def _parse(body: bytes):
        try:
            return gocompat.loads_precise(body)
        except ValueError as e:
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST", f"failed to parse JSON: {e}") from None

    @staticmethod
    def _ttl(meta: dict) -> int | None:
        v = meta.get("ttlInSeconds")
        if v in (None, ""):
            return None
        try:
            return int(str(v))
        except ValueError:
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST",
                                f"incorrect value for metadata 'ttlInSeconds': {v}") from None

    def save(self, name: str, body: bytes, query_meta: dict[str, str]) -> None:
        comp = self.component(name)
        items = self._parse(body)
        if not isinstance(items, list):
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST",
                                "json: cannot unmarshal object into Go value of type []state.SetRequest")
        prefix, store = self._prefix(comp), self._store_id(comp)
        prepared = []
        for it in items:
            if not isinstance(it, dict):
                raise errors.legacy(400, "ERR_MALFORMED_REQUEST", '"key" is a required field')
            key = self._check_key(it.get("key"))
            meta = dict(query_meta)
            meta.update({k: str(gocompat.plain(v)) for k, v in (it.get("metadata") or {}).items()})
            opts = gocompat.plain(it.get("options") or {})
            prepared.append((key, gocompat.marshal(it.get("value")), gocompat.plain(it.get("etag")),
                             str(opts.get("concurrency") or ""), self._ttl(meta)))
        for key, value, etag, concurrency, ttl in prepared:
            try:
                with self.rt.broker.tx() as db:
                    self._set(db, store, prefix + key, value, etag, concurrency, ttl)
            except StateError as e:
                raise self._error("ERR_STATE_SAVE", f"failed saving state in state store {name}", e) from None

    @staticmethod
    def _error(code: str, prefix: str, e: StateError) -> errors.ApiError:
        if e.kind == "etag_mismatch":
            return errors.legacy(409, code, f"{prefix}: {e}")
        if e.kind == "etag_invalid":
            return errors.legacy(400, code, f"{prefix}: {e}")
        return errors.legacy(500, code, f"{prefix}: {e}")

    def get(self, name: str, key: str):
        comp = self.component(name)
        self._check_key(key)
        return self._get(self._store_id(comp), self._prefix(comp) + key)

    def bulk_get(self, name: str, body: bytes) -> list[dict]:
        comp = self.component(name)
        req = self._parse(body)
        if not isinstance(req, dict):
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST", "json: cannot unmarshal into BulkGetRequest")
        keys = gocompat.plain(req.get("keys") or [])
        prefix, store = self._prefix(comp), self._store_id(comp)
        out = []
        for key in keys:
            item: dict = {"key": key}
            found = self._get(store, prefix + str(key))
            if found:
                item["data"] = json.loads(found[0])
                item["etag"] = found[1]
            out.append(item)
        return out

    def delete(self, name: str, key: str, etag: str | None) -> None:
        comp = self.component(name)
        self._check_key(key)
        try:
            with self.rt.broker.tx() as db:
                self._delete(db, self._store_id(comp), self._prefix(comp) + key, etag)
        except StateError as e:
            raise self._error("ERR_STATE_DELETE", f"failed deleting state with key {key}", e) from None

    def transaction(self, name: str, body: bytes) -> None:
        comp = self.component(name)
        req = self._parse(body)
        if not isinstance(req, dict):
            raise errors.legacy(400, "ERR_MALFORMED_REQUEST", "json: cannot unmarshal into TransactionalRequest")
        prefix, store = self._prefix(comp), self._store_id(comp)
        ops = []
        for op in req.get("operations") or []:
            kind = gocompat.plain(op.get("operation"))
            r = op.get("request") or {}
            if kind not in ("upsert", "delete"):
                raise errors.legacy(400, "ERR_NOT_SUPPORTED_STATE_OPERATION",
                                    f"operation type {kind} not supported")
            key = self._check_key(gocompat.plain(r.get("key")))
            opts = gocompat.plain(r.get("options") or {})
            meta = {k: str(gocompat.plain(v)) for k, v in (r.get("metadata") or {}).items()}
            ops.append((kind, key, r.get("value"), gocompat.plain(r.get("etag")),
                        str(opts.get("concurrency") or ""), self._ttl(meta)))
        try:
            with self.rt.broker.tx() as db:
                for kind, key, value, etag, concurrency, ttl in ops:
                    if kind == "upsert":
                        self._set(db, store, prefix + key, gocompat.marshal(value), etag, concurrency, ttl)
                    else:
                        self._delete(db, store, prefix + key, etag)
        except StateError as e:
            raise errors.legacy(500, "ERR_STATE_TRANSACTION",
                                f"error while executing state transaction: {e}") from None
