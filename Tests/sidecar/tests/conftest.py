"""Fixtures: test apps, resource folders, and stand-in processes that are stopped after each test."""

from __future__ import annotations

import os
import sys
import textwrap

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from standin.client import Sidecar  # noqa: E402
from standin_apps import STATE, App, kafka_component  # noqa: E402


@pytest.fixture
def make_app():
    apps = []

    def make(**kw) -> App:
        a = App(**kw)
        apps.append(a)
        return a

    yield make
    for a in apps:
        a.close()


@pytest.fixture
def resources_dir(tmp_path):
    """make(name, {file: yaml}) → a resources folder."""
    def make(name: str = "resources", files: dict[str, str] | None = None) -> str:
        d = tmp_path / name
        d.mkdir(exist_ok=True)
        for fname, text in (files or {}).items():
            (d / fname).write_text(textwrap.dedent(text))
        return str(d)

    return make


@pytest.fixture
def sidecars(tmp_path):
    """start(...) → a running stand-in, stopped at the end of the test."""
    started: list[Sidecar] = []

    def start(app_id="app", app_port=None, resources=None, broker=None, **kw) -> Sidecar:
        sc = Sidecar.start(app_id, app_port, resources, broker or str(tmp_path / "broker.sqlite"), **kw)
        started.append(sc)
        return sc

    yield start
    for sc in started:
        sc.stop()


@pytest.fixture
def standard(resources_dir):
    """A resources folder with the Kafka pub/sub (oldest) and a state store."""
    return resources_dir("standard", {"pubsub.yaml": kafka_component(), "state.yaml": STATE})
