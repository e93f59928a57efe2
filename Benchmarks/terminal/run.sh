#!/usr/bin/env bash
# Measures the release todo-chat the way design.md measured irssi, weechat and calcurse: ptymeasure.py,
# 120x40, xterm-256color, C.UTF-8, medians of 3 runs, a fresh XDG_DATA_HOME per run; then cold start
# with 0 and 10,000 tasks, Enter -> update shown, the live-pane flood and memory, each printed against
# its budget. Not run by CI. Usage: Benchmarks/terminal/run.sh [--quick] [ptymeasure|coldstart|enter|flood|memory]...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
ptymeasure="${PTYMEASURE:-$repo/../shared/tools/ptymeasure.py}"
out="${OUT:-/tmp/todo-chat-terminal-bench}"
mkdir -p "$out"
runs=3
idle=60
lines=100000
if [[ "${1:-}" == "--quick" ]]; then runs=1; idle=20; lines=10000; shift; fi
parts=("$@")
if [[ ${#parts[@]} -eq 0 ]]; then parts=(ptymeasure coldstart enter flood memory); fi

# `make release`: the release build whose memory docs/terminal.md reports.
make -s -C "$repo" release PRODUCT=todo-chat >/dev/null
bin="$(cd "$repo" && swift build -c release --show-bin-path)/todo-chat"
(cd "$repo/Benchmarks" && swift build -c release --product TerminalFlood >/dev/null)
flood="$(cd "$repo/Benchmarks" && swift build -c release --show-bin-path)/TerminalFlood"

for part in "${parts[@]}"; do
    case "$part" in
    ptymeasure)
        python3 "$ptymeasure" --name todo-chat --runs "$runs" --idle "$idle" --redraw-key '\x0c' \
            --env 'XDG_DATA_HOME={home}' --workdir "$out" --out "$out/todo-chat.json" -- "$bin" >/dev/null
        python3 "$here/report.py" "$out/todo-chat.json"
        ;;
    coldstart)
        python3 "$here/coldstart.py" --binary "$bin" --tasks 0 --runs "$runs" --json "$out/coldstart-0.json"
        python3 "$here/coldstart.py" --binary "$bin" --flood "$flood" --tasks 10000 --runs "$runs" \
            --json "$out/coldstart-10000.json"
        ;;
    enter) python3 "$here/enter.py" --binary "$bin" --json "$out/enter.json" ;;
    flood)
        python3 "$here/flood.py" --binary "$bin" --flood "$flood" --rate 10000 --seconds 5 --runs "$runs" \
            --json "$out/flood.json"
        ;;
    memory)
        python3 "$here/memory.py" --binary "$bin" --flood "$flood" --lines "$lines" --tasks 10000 \
            --json "$out/memory.json"
        ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
    esac
done
