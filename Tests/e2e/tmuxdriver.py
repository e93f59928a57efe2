"""Drive the real todo-chat binary inside tmux on a private socket, as a person at a terminal would."""
import os
import re
import shlex
import subprocess
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def chat_binary() -> Path:
    """The binary under test: $TODO_CHAT_BIN, else the debug build of this checkout."""
    explicit = os.environ.get("TODO_CHAT_BIN")
    path = Path(explicit) if explicit else REPO / ".build" / "debug" / "todo-chat"
    if not path.exists() and not explicit:
        # CI builds the tests first; a developer running pytest alone gets the binary built here.
        subprocess.run(["swift", "build", "--product", "todo-chat"], cwd=REPO, check=True)
    if not path.exists():
        raise RuntimeError(f"{path} does not exist: run `swift build` first (or set TODO_CHAT_BIN)")
    return path


class Tmux:
    """One tmux server of our own (`-L <unique>`), killed on close whatever happened."""

    def __init__(self, cols: int = 120, rows: int = 40):
        self.socket = f"todo-chat-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.cols, self.rows = cols, rows
        self.started = False

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, timeout=10,
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: list[str] | None, env: dict[str, str], name: str = "main") -> str:
        """Starts a window running `command` (or an interactive bash when None); returns its target."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        if command is None:
            program = f"env {exports} bash --norc --noprofile -i"
        else:
            program = f"env {exports} " + " ".join(shlex.quote(c) for c in command)
        if not self.started:
            self.tmux("new-session", "-d", "-s", name, "-x", str(self.cols), "-y", str(self.rows), program)
            self.tmux("set-option", "-g", "remain-on-exit", "on")
            self.tmux("set-option", "-g", "status", "off")
            self.started = True
        else:
            self.tmux("new-session", "-d", "-s", name, "-x", str(self.cols), "-y", str(self.rows), program)
        return name

    def type(self, target: str, text: str) -> None:
        self.tmux("send-keys", "-t", target, "-l", text)

    def keys(self, target: str, *names: str) -> None:
        self.tmux("send-keys", "-t", target, *names)

    def capture(self, target: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", target)

    def capture_cells(self, target: str) -> list[list[tuple[str, tuple]]]:
        """The screen as rows of (character, attributes) cells, trailing blanks that show nothing dropped:
        equal for two screens that look the same, however tmux happens to spell their escape sequences."""
        return screen_cells(self.tmux("capture-pane", "-e", "-p", "-t", target))

    def pane_tty(self, target: str) -> str:
        return self.tmux("display-message", "-p", "-t", target, "#{pane_tty}").strip()

    def wait_for(self, target: str, predicate, timeout: float = 10.0, what: str = "") -> str:
        """Polls the screen until `predicate(screen)` holds (a str means 'contains'); returns that screen."""
        check = (lambda s: predicate in s) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture(target)
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate!r}; screen:\n{screen}")

    def resize(self, target: str, cols: int, rows: int) -> None:
        self.tmux("resize-window", "-t", target, "-x", str(cols), "-y", str(rows))

    def pane_pid(self, target: str) -> int:
        return int(self.tmux("display-message", "-p", "-t", target, "#{pane_pid}").strip())

    def pane_dead(self, target: str) -> bool:
        return self.tmux("display-message", "-p", "-t", target, "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        self.tmux("kill-server", check=False)


_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def screen_cells(capture: str) -> list[list[tuple[str, tuple]]]:
    """A `capture-pane -e` dump as rows of (character, attributes) cells. The attributes in force carry
    over from one row to the next, as tmux writes them."""
    state: dict = {}
    rows = []
    for line in capture.split("\n"):
        cells = []
        i = 0
        while i < len(line):
            match = _SGR.match(line, i)
            if not match:
                cells.append((line[i], tuple(sorted(state.items(), key=str))))
                i += 1
                continue
            state = _apply_sgr(state, match.group(1))
            i = match.end()
        while cells and cells[-1][0] == " " and not any(k in ("bg", 4, 7) for k, _ in cells[-1][1]):
            cells.pop()
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _apply_sgr(state: dict, parameters: str) -> dict:
    state = dict(state)
    params = [int(p) if p else 0 for p in re.split("[;:]", parameters)] if parameters else [0]
    j = 0
    while j < len(params):
        p = params[j]
        if p == 0:
            state = {}
        elif p in (1, 2, 3, 4, 5, 7, 8, 9):
            state[p] = True
        elif p == 22:
            state.pop(1, None)
            state.pop(2, None)
        elif p in (23, 24, 25, 27, 28, 29):
            state.pop(p - 20, None)
        elif 30 <= p <= 37 or 90 <= p <= 97:
            state["fg"] = p
        elif p == 39:
            state.pop("fg", None)
        elif 40 <= p <= 47 or 100 <= p <= 107:
            state["bg"] = p
        elif p == 49:
            state.pop("bg", None)
        elif p in (38, 48):
            state["fg" if p == 38 else "bg"] = tuple(params[j:j + 3])
            j += 2
        j += 1
    return state
