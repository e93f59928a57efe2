"""Command line: started like daprd is by `dapr run`."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import socket
import sys
import threading
import uuid

import yaml

from . import resources
from .httpapi import serve
from .runtime import RUNTIME_VERSION, Options, Runtime


class DaprdFormatter(logging.Formatter):
    """daprd's logfmt lines, so that its output reads like the real thing."""

    def __init__(self, app_id: str):
        super().__init__()
        self.app_id = app_id
        self.host = socket.gethostname()

    def format(self, record: logging.LogRecord) -> str:
        level = {"WARNING": "warning", "CRITICAL": "fatal"}.get(record.levelname, record.levelname.lower())
        msg = record.getMessage().replace('"', '\\"')
        if record.exc_info:
            msg += " " + self.formatException(record.exc_info).replace("\n", " | ")
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")
        return (
            f'time="{now}" level={level} msg="{msg}" app_id={self.app_id} instance={self.host} '
            f"scope={record.name.replace('standin', 'dapr')} type=log ver={RUNTIME_VERSION}"
        )


def _partitions(values: list[str]) -> dict[str, int]:
    """`topic=N,topic2=M`, or a YAML/JSON file mapping topic names to partition counts."""
    out: dict[str, int] = {}
    for v in values:
        if os.path.isfile(v):
            with open(v) as f:
                data = yaml.safe_load(f) or {}
            if isinstance(data, dict) and isinstance(data.get("topics"), dict):
                data = data["topics"]
            for k, n in data.items():
                out[str(k)] = int(n)
            continue
        for part in v.split(","):
            if part.strip():
                k, n = part.split("=", 1)
                out[k.strip()] = int(n)
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="daprd.py", description="standin-daprd: a test stand-in for daprd + Kafka")
    p.add_argument("--app-id", default=None)
    p.add_argument("--app-port", type=int, default=None)
    p.add_argument("--dapr-http-port", type=int, default=3500, help="0 picks a free port")
    p.add_argument("--dapr-listen-addresses", default="127.0.0.1")
    p.add_argument("--resources-path", "--components-path", action="append", default=[], dest="resources_path")
    p.add_argument("--app-channel-address", default="127.0.0.1")
    p.add_argument("--app-protocol", default="http", choices=["http"])
    p.add_argument("--config", default=None, help="Configuration YAML (tracing.samplingRate)")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warn", "error", "fatal"])
    p.add_argument("--broker", default=None,
                   help="shared SQLite file (or directory) used by every stand-in that should share one broker")
    p.add_argument("--topic-partitions", action="append", default=[],
                   help="topic=N[,topic=N] or a YAML/JSON file of topic: N (repeatable)")
    p.add_argument("--default-partitions", type=int, default=1)
    p.add_argument("--namespace", default=None)
    # Accepted for command-line compatibility with daprd; they change nothing here.
    for flag in ("--dapr-grpc-port", "--metrics-port", "--placement-host-address", "--scheduler-host-address",
                 "--dapr-internal-grpc-port", "--app-max-concurrency"):
        p.add_argument(flag, default=None)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    app_id = args.app_id or f"standin-{uuid.uuid4().hex[:8]}"
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(DaprdFormatter(app_id))
    root = logging.getLogger("standin")
    root.handlers[:] = [handler]
    root.setLevel({"warn": "WARNING", "fatal": "CRITICAL"}.get(args.log_level, args.log_level.upper()))
    log = logging.getLogger("standin.runtime")

    try:
        res, tracing = resources.load(args.resources_path, app_id, args.config)
        for w in res.warnings:
            log.warning(w)
        opts = Options(
            app_id=app_id,
            app_port=args.app_port,
            app_channel_address=args.app_channel_address,
            broker_path=args.broker,
            topic_partitions=_partitions(args.topic_partitions),
            default_partitions=args.default_partitions,
            namespace=args.namespace,
        )
        rt = Runtime(opts, res, tracing)
    except (resources.ConfigError, ValueError, OSError) as e:
        log.critical("Fatal error from runtime: %s", e)
        return 1

    try:
        server = serve(rt, args.dapr_listen_addresses, args.dapr_http_port)
    except OSError as e:
        log.critical("Fatal error from runtime: failed to start HTTP server: %s", e)
        rt.shutdown()
        return 1
    host, port = server.server_address[:2]
    rt.http_port = port
    for c in res.components:
        log.info("component loaded: %s (%s/%s)", c.name, c.type, c.version)
    log.info("HTTP server is running on port %d", port)
    rt.start()
    print(f"standin-daprd listening on {host}:{port}", flush=True)

    done = threading.Event()

    def stop(signum, frame):
        done.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    done.wait()
    log.info("stop command issued. Shutting down all operations")
    server.shutdown()
    rt.shutdown()
    return 0
