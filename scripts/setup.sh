#!/usr/bin/env bash
# Installs what todo-chat needs to build and test, or says exactly what to run.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the two system libraries, SQLite for GRDB, tmux for the end-to-end tests.
debs=(libncursesw5-dev libedit-dev libsqlite3-dev tmux)
missing=()
for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
        echo "setup: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 ||
            { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
    else
        echo "setup: missing Debian packages; run:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

command -v swift >/dev/null || { echo "setup: no Swift toolchain on PATH (Swift 6.1 or newer is needed)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "setup: python3 is missing; run: sudo apt-get install -y python3 python3-pip" >&2; exit 1; }

# Python packages the test instruments use (stand-in sidecar, end-to-end and deploy checks).
if ! python3 -c 'import sys; import yaml, pytest, jsonschema' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] || [ -n "${VIRTUAL_ENV:-}" ]; then
        echo "setup: installing Python test packages"
        python3 -m pip install -q -r requirements-test.txt
    else
        echo "setup: missing Python packages; run:" >&2
        echo "  python3 -m pip install --user -r requirements-test.txt" >&2
        exit 1
    fi
fi
