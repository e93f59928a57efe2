#!/usr/bin/env python3
"""Writes Sources/todo-chat/Linking/symbol-order.txt, the order in which the release link places the code of
todo-chat (lld --symbol-ordering-file; Package.swift, `chatLinkOrder`).

Why: the kernel maps up to 16 neighbouring pages of the binary on every page fault ("fault-around"),
so code run at start-up that is scattered over the 30 MB of .text makes most of it resident. Placed
together, the same code costs a fraction (docs/terminal.md, "Memory after start").

How: the release todo-chat runs under valgrind's callgrind in a 120x40 pseudo-terminal on a fresh
data directory. The instructions it executes are recorded in three parts: the start (until the welcome
line is on screen and one more second has passed), typing a task key by key, then the rest of a short
session (Enter, Ctrl-L, a resize, completing the task). Each executed address is attributed to the
function symbol containing it; functions are written in tiers, in address order within each: what
typing runs first (a keystroke then touches few pages of code, and few of the TLB entries a page walk
costs dearly in a virtual machine), then the rest of the start, then the rest of the session. lld moves every section that defines a
listed name, so a name that the toolchain's archives define in several files is left out.

Regenerate after a change that moves start-up work (new dependencies, a new toolchain), then relink:
  apt-get install -y valgrind
  swift build -c release --product todo-chat
  python3 scripts/link-order.py
  swift build -c release --product todo-chat
The script deletes the binary it profiled, because SwiftPM does not know that the link reads the list
and would keep the old layout. Names that no longer exist are ignored by the link, so a stale list
costs memory, never correctness.
"""
import bisect
import collections
import fcntl
import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import termios

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "Benchmarks", "terminal"))
from ptyrun import PtyChat  # noqa: E402

OUTPUT = os.path.join(REPO, "Sources", "todo-chat", "Linking", "symbol-order.txt")
TYPED = b"buy milk tomorrow 9 #home"
SESSION = [b"\r", b"\x0c", (80, 24), (120, 40), b"done 1", b"\r"]


def release_binary():
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "todo-chat")


def function_symbols(binary):
    """(address, size, name) of every function, and how often each name is defined in the binary."""
    out = subprocess.run(["nm", "--defined-only", "-S", binary], check=True, capture_output=True,
                         text=True).stdout
    functions, defined = [], collections.Counter()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) != 4:
            continue
        address, size, kind, name = fields
        defined[name] += 1
        if kind in "tTwW":
            functions.append((int(address, 16), int(size, 16), name))
    functions.sort()
    return functions, defined


def toolchain_names():
    """Functions that the static archives of the toolchain define (Swift runtime, Foundation, ICU,
    libstdc++). Those archives were compiled with one code section per file, so ordering a name that
    several of their files define would move each of those files whole."""
    info = json.loads(subprocess.run(["swiftc", "-print-target-info"], check=True, capture_output=True,
                                     text=True).stdout)
    archives = glob.glob(os.path.join(os.path.dirname(info["paths"]["runtimeResourcePath"]), "swift_static",
                                      "linux", "*.a"))
    cxx = shutil.which("c++")
    if cxx:
        archives.append(subprocess.run([cxx, "-print-file-name=libstdc++.a"], check=True, capture_output=True,
                                       text=True).stdout.strip())
    names = set()
    for archive in archives:
        out = subprocess.run(["nm", "--defined-only", archive], capture_output=True, text=True).stdout
        names.update(fields[2] for fields in map(str.split, out.splitlines())
                     if len(fields) == 3 and fields[1] in "tTwW")
    return names


def executed_addresses(dump, image):
    """Addresses of the instructions callgrind saw executed in `image` (needs --dump-instr=yes)."""
    addresses, current = set(), None
    with open(dump, errors="replace") as f:
        for line in f:
            if line.startswith("ob="):
                current = line[3:].strip()
            elif current == image and line.startswith("0x"):
                addresses.add(int(line.split()[0], 16))
    return addresses


def profile(binary, workdir):
    """Runs `binary` under callgrind; the dump files of the start, of typing, and of the session."""
    # valgrind cannot read the DWARF that swiftc emits: profile a copy without it (same addresses).
    image = os.path.join(workdir, "todo-chat")
    subprocess.run(["objcopy", "--strip-debug", binary, image], check=True)
    home = os.path.join(workdir, "data")
    os.mkdir(home)
    prefix = os.path.join(workdir, "callgrind")
    chat = PtyChat(["valgrind", "--tool=callgrind", "--dump-instr=yes", "--compress-pos=no",
                    "--compress-strings=no", f"--callgrind-out-file={prefix}", image], {"XDG_DATA_HOME": home})

    def dump(label):
        subprocess.run(["callgrind_control", "--dump=" + label, str(chat.pid)], check=True, capture_output=True)
        chat.pump(1)

    try:
        if chat.until_contains(b"Welcome", cap=120) is None:
            sys.exit("link-order: the chat never showed its welcome line under valgrind")
        chat.pump(1)
        dump("start")
        for byte in TYPED:
            chat.send(bytes([byte]))
            chat.pump(0.1)
        chat.pump(1)
        dump("typing")
        for step in SESSION:
            if isinstance(step, tuple):
                columns, rows = step
                # The kernel sends SIGWINCH to the terminal's foreground process, as a terminal would.
                fcntl.ioctl(chat.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                chat.pump(1.5)
                continue
            for byte in step:
                chat.send(bytes([byte]))
                chat.pump(0.1)
            chat.pump(1)
        if chat.until_contains(b"buy milk", cap=30) is None:
            sys.exit("link-order: the typed task never reached the screen")
        dump("session")
    finally:
        chat.stop()
    dumps = sorted(f for f in os.listdir(workdir) if f.startswith("callgrind."))
    # callgrind numbers the dumps it was asked for .1, .2, .3 after the pid.
    return image, [os.path.join(workdir, f) for f in dumps if f.rsplit(".", 1)[-1] in ("1", "2", "3")]


def order(functions, defined, toolchain, tiers):
    starts = [address for address, _, _ in functions]
    names, seen = [], set()
    for addresses in tiers:
        for address in sorted(addresses):
            index = bisect.bisect_right(starts, address) - 1
            if index < 0:
                continue
            start, size, name = functions[index]
            if address >= start + max(size, 1) or name in seen:
                continue
            # Every section that defines the name moves: fine for the small copies in our function
            # sections (outlined copies, merged helpers), not for whole files of the toolchain.
            if defined[name] > 1 and name in toolchain:
                continue
            seen.add(name)
            names.append(name)
    return names


def main():
    binary = os.path.realpath(sys.argv[1]) if len(sys.argv) > 1 else release_binary()
    for tool in ("valgrind", "callgrind_control", "objcopy", "nm"):
        if shutil.which(tool) is None:
            sys.exit(f"link-order: {tool} is missing (apt-get install -y valgrind binutils)")
    workdir = tempfile.mkdtemp(prefix="link-order-")
    try:
        image, dumps = profile(binary, workdir)
        if len(dumps) != 3:
            sys.exit(f"link-order: expected three callgrind dumps, found {dumps}")
        # `profile` returns the dumps in the order they were taken.
        start, typing, session = (executed_addresses(d, image) for d in dumps)
        functions, defined = function_symbols(binary)
        names = order(functions, defined, toolchain_names(), [typing, start, session])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    with open(OUTPUT, "w") as f:
        f.write("\n".join(names) + "\n")
    os.remove(binary)
    print(f"link-order: {len(names)} functions written to {os.path.relpath(OUTPUT, REPO)}")


if __name__ == "__main__":
    main()
