#!/usr/bin/env python3
"""`dapr run` for the stand-in: start daprd.py beside an app and give the app the same environment.

    python3 Tests/sidecar/dapr_run.py --app-id todo-chat --app-port 3000 --resources-path deploy/dapr \
        --broker /tmp/todo-broker.sqlite -- .build/debug/todo-chat --dapr

Every option before `--` goes to daprd.py (see `daprd.py --help`); --dapr-http-port defaults to a
free port. The app gets DAPR_HTTP_PORT, APP_ID and APP_PORT like `dapr run` gives them, and
inherits the terminal. The stand-in's log goes to --sidecar-log (default
$TMPDIR/standin-<app-id>.log), never to the terminal, because the chat owns it. When the app
exits, the stand-in is stopped and the app's exit status is returned.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    daprd_args, app_cmd = argv[:split], argv[split + 1:]
    log_path = None
    if "--sidecar-log" in daprd_args:
        i = daprd_args.index("--sidecar-log")
        log_path = daprd_args[i + 1]
        del daprd_args[i:i + 2]
    app_id = daprd_args[daprd_args.index("--app-id") + 1] if "--app-id" in daprd_args else "app"
    app_port = daprd_args[daprd_args.index("--app-port") + 1] if "--app-port" in daprd_args else None
    if "--dapr-http-port" not in daprd_args:
        daprd_args += ["--dapr-http-port", "0"]
    log_path = log_path or os.path.join(tempfile.gettempdir(), f"standin-{app_id}.log")

    with open(log_path, "a") as log:
        sidecar = subprocess.Popen([sys.executable, os.path.join(HERE, "daprd.py"), *daprd_args],
                                   stdout=subprocess.PIPE, stderr=log, text=True)
        line = sidecar.stdout.readline()
        if not line.startswith("standin-daprd listening on "):
            sidecar.wait()
            print(f"the stand-in did not start (exit {sidecar.returncode}); see {log_path}", file=sys.stderr)
            return 1
        port = line.rsplit(":", 1)[1].strip()
        env = dict(os.environ, DAPR_HTTP_PORT=port, APP_ID=app_id)
        if app_port:
            env["APP_PORT"] = app_port
        try:
            app = subprocess.Popen(app_cmd, env=env)
            signal.signal(signal.SIGINT, lambda *_: app.send_signal(signal.SIGINT))
            signal.signal(signal.SIGTERM, lambda *_: app.send_signal(signal.SIGTERM))
            return app.wait()
        finally:
            sidecar.terminate()
            sidecar.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
