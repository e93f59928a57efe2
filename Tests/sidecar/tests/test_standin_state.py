"""State API (§4): save/get/delete with ETags, 409s, bulk get `data`, transactions, unknown stores."""

from __future__ import annotations

import json

import pytest

from standin_apps import STATE
from standin.client import Sidecar


@pytest.fixture(scope="module")
def sc(tmp_path_factory):
    d = tmp_path_factory.mktemp("state")
    (d / "state.yaml").write_text(STATE)
    s = Sidecar.start("stateful", None, [str(d)], str(d / "broker.sqlite"))
    yield s
    s.stop()


def save(sc, items, store="statestore"):
    return sc.request("POST", f"/v1.0/state/{store}", json.dumps(items), {"Content-Type": "application/json"})


def test_save_get_and_etags(sc):
    assert save(sc, [{"key": "k1", "value": {"title": "milk"}}, {"key": "k2", "value": "1"}]).status == 204
    r = sc.request("GET", "/v1.0/state/statestore/k1")
    assert r.status == 200 and r.json() == {"title": "milk"}
    assert r.headers["content-type"] == "application/json"
    etag = r.headers["etag"]
    assert sc.request("GET", "/v1.0/state/statestore/k2").body == b'"1"'  # stored JSON-encoded
    assert sc.request("GET", "/v1.0/state/statestore/missing").status == 204

    ok = save(sc, [{"key": "k1", "value": {"title": "oat milk"}, "etag": etag}])
    assert ok.status == 204
    stale = save(sc, [{"key": "k1", "value": {"title": "lost"}, "etag": etag}])
    assert stale.status == 409 and stale.json()["errorCode"] == "ERR_STATE_SAVE"
    assert "possible etag mismatch" in stale.json()["message"]
    assert save(sc, [{"key": "k1", "value": 1, "etag": "not-a-number"}]).status == 400
    assert sc.request("GET", "/v1.0/state/statestore/k1").json() == {"title": "oat milk"}


def test_first_write_without_etag_on_existing_key_fails(sc):
    save(sc, [{"key": "fw", "value": 1}])
    r = save(sc, [{"key": "fw", "value": 2, "options": {"concurrency": "first-write"}}])
    assert r.status == 500 and r.json()["errorCode"] == "ERR_STATE_SAVE"


def test_malformed_saves_are_400(sc):
    for body in ([{"value": 1}], [{"key": "a||b", "value": 1}]):
        r = save(sc, body)
        assert (r.status, r.json()["errorCode"]) == (400, "ERR_MALFORMED_REQUEST")
    r = sc.request("POST", "/v1.0/state/statestore", b"{not json")
    assert (r.status, r.json()["errorCode"]) == (400, "ERR_MALFORMED_REQUEST")
    assert save(sc, []).status == 204


def test_delete_with_if_match(sc):
    save(sc, [{"key": "d", "value": 1}])
    etag = sc.request("GET", "/v1.0/state/statestore/d").headers["etag"]
    r = sc.request("DELETE", "/v1.0/state/statestore/d", headers={"If-Match": str(int(etag) + 1000)})
    assert r.status == 409 and r.json()["errorCode"] == "ERR_STATE_DELETE"
    assert sc.request("DELETE", "/v1.0/state/statestore/d", headers={"If-Match": etag}).status == 204
    assert sc.request("GET", "/v1.0/state/statestore/d").status == 204


def test_bulk_get_uses_data(sc):
    save(sc, [{"key": "b1", "value": {"x": 1}}])
    r = sc.request("POST", "/v1.0/state/statestore/bulk", json.dumps({"keys": ["b1", "nope"], "parallelism": 2}))
    assert r.status == 200
    items = r.json()
    assert items[0]["key"] == "b1" and items[0]["data"] == {"x": 1} and items[0]["etag"]
    assert items[1] == {"key": "nope"}
    assert "value" not in items[0]


def test_transactions_are_atomic(sc):
    save(sc, [{"key": "t1", "value": "old"}])
    etag = sc.request("GET", "/v1.0/state/statestore/t1").headers["etag"]
    ops = {"operations": [
        {"operation": "upsert", "request": {"key": "t2", "value": "new"}},
        {"operation": "upsert", "request": {"key": "t1", "value": "changed", "etag": str(int(etag) + 99)}}]}
    r = sc.request("POST", "/v1.0/state/statestore/transaction", json.dumps(ops))
    assert r.status == 500 and r.json()["errorCode"] == "ERR_STATE_TRANSACTION"
    assert sc.request("GET", "/v1.0/state/statestore/t2").status == 204  # rolled back
    ops["operations"][1]["request"]["etag"] = etag
    ops["operations"].append({"operation": "delete", "request": {"key": "t1"}})
    assert sc.request("POST", "/v1.0/state/statestore/transaction", json.dumps(ops)).status == 204
    assert sc.request("GET", "/v1.0/state/statestore/t2").body == b'"new"'
    assert sc.request("GET", "/v1.0/state/statestore/t1").status == 204
    bad = {"operations": [{"operation": "merge", "request": {"key": "x"}}]}
    r = sc.request("POST", "/v1.0/state/statestore/transaction", json.dumps(bad))
    assert (r.status, r.json()["errorCode"]) == (400, "ERR_NOT_SUPPORTED_STATE_OPERATION")


def test_unknown_store_is_400(sc):
    r = sc.request("GET", "/v1.0/state/other/k")
    assert (r.status, r.json()["errorCode"]) == (400, "ERR_STATE_STORE_NOT_FOUND")
    assert save(sc, [{"key": "k", "value": 1}], store="other").status == 400


def test_replicas_share_state_and_apps_do_not(sc, tmp_path):
    broker = sc.status()["broker"]
    d = tmp_path / "r"
    d.mkdir()
    (d / "state.yaml").write_text(STATE)
    replica = Sidecar.start("stateful", None, [str(d)], broker)
    other = Sidecar.start("someone-else", None, [str(d)], broker)
    try:
        save(sc, [{"key": "shared", "value": 7}])
        assert replica.request("GET", "/v1.0/state/statestore/shared").body == b"7"
        assert other.request("GET", "/v1.0/state/statestore/shared").status == 204
    finally:
        replica.stop()
        other.stop()
