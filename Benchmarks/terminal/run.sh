#!/usr/bin/env bash
# Measures the release todo-chat the way design.md measured irssi, weechat and calcurse: ptymeasure.py,
# 120x40, xterm-256color, C.UTF-8, medians of 3 runs; then the flood, cold-start and memory figures.
# Not run by CI. Usage: Benchmarks/terminal/run.sh [--quick]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
ptymeasure="${PTYMEASURE:-$repo/../shared/tools/ptymeasure.py}"
out="${OUT:-/tmp/todo-chat-terminal-bench}"
mkdir -p "$out"
runs=3
idle=60
if [[ "${1:-}" == "--quick" ]]; then runs=1; idle=20; fi

(cd "$repo" && swift build -c release --product todo-chat >/dev/null)
bin="$(cd "$repo" && swift build -c release --show-bin-path)/todo-chat"

python3 "$ptymeasure" --name todo-chat --runs "$runs" --idle "$idle" --redraw-key '\x0c' \
    --env 'XDG_DATA_HOME={home}' --workdir "$out" --out "$out/todo-chat.json" -- "$bin"
python3 "$repo/Benchmarks/terminal/report.py" "$out/todo-chat.json"

(cd "$repo/Benchmarks" && swift build -c release --product TerminalFlood >/dev/null)
flood="$(cd "$repo/Benchmarks" && swift build -c release --show-bin-path)/TerminalFlood"
python3 "$repo/Benchmarks/terminal/flood.py" --binary "$bin" --flood "$flood" --rate 10000 --seconds 5
python3 "$repo/Benchmarks/terminal/coldstart.py" --binary "$bin" --flood "$flood" --tasks 10000 --runs 5
python3 "$repo/Benchmarks/terminal/memory.py" --binary "$bin" --flood "$flood" --lines 100000 --tasks 10000
