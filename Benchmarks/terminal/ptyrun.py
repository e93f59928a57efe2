"""A todo-chat process in a pseudo-terminal we control, for the benchmarks beyond ptymeasure.py.

Set up as ptymeasure.py sets up its child: 120x40, TERM=xterm-256color, C.UTF-8, XDG_DATA_HOME pointing
at a fresh directory. Every chunk read from the terminal is kept with the time it arrived, so that a
script can ask when a given text first reached the screen."""
import bisect
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import tempfile
import termios
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


class PtyChat:
    def __init__(self, argv, env, cols=120, rows=40):
        self.t_start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8",
                                       "LC_ALL": "C.UTF-8", **env})
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        # (seconds from start, offset in `output` where the chunk begins), one per read.
        self.chunks = []
        self.first_byte = None
        self.last_byte = None

    def pump(self, seconds):
        """Reads for `seconds`; returns the bytes read."""
        deadline = time.monotonic() + seconds
        got = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return got
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return got
                if not chunk:
                    return got
                at = time.monotonic() - self.t_start
                if self.first_byte is None:
                    self.first_byte = at
                self.last_byte = at
                self.chunks.append((at, len(self.output)))
                self.output += chunk
                got += len(chunk)

    def until_quiet(self, quiet=0.2, cap=15.0):
        """Reads until nothing came for `quiet` seconds; the time of the last byte, from start."""
        deadline = time.monotonic() + cap
        while time.monotonic() < deadline:
            if self.pump(quiet) == 0 and self.last_byte is not None:
                break
        return self.last_byte

    def until_idle(self, idle=1.0, cap=1800.0):
        """Reads until the chat used no CPU for `idle` seconds: the end of its work even when the screen
        stops changing first (the same question answered again draws the same frame, so no bytes come)."""
        deadline = time.monotonic() + cap
        before = self.cpu_ms()
        while time.monotonic() < deadline:
            self.pump(idle)
            after = self.cpu_ms()
            if after == before:
                break
            before = after
        return self.last_byte

    def until_contains(self, needle: bytes, start=0, cap=30.0):
        """Reads until `needle` is in the output after offset `start`; when its last byte arrived
        (seconds from start), or None after `cap` seconds."""
        deadline = time.monotonic() + cap
        while True:
            at = self.arrival_of(needle, start)
            if at is not None:
                return at
            if time.monotonic() >= deadline:
                return None
            self.pump(0.01)

    def arrival_of(self, needle: bytes, start=0):
        """When the chunk that completed the first `needle` after `start` arrived, or None."""
        found = self.output.find(needle, start)
        if found < 0:
            return None
        end = found + len(needle) - 1
        index = bisect.bisect_right([offset for _, offset in self.chunks], end) - 1
        return self.chunks[index][0]

    def bursts(self, since, until, gap=0.010):
        """Output bursts (runs of chunks less than `gap` apart) between two times: the frames drawn."""
        times = [t for t, _ in self.chunks if since <= t <= until]
        return sum(1 for i, t in enumerate(times) if i == 0 or t - times[i - 1] >= gap)

    def send(self, data: bytes):
        view = memoryview(data)
        while view:
            # The terminal's input queue is small: keep reading what the chat draws while writing.
            _, writable, _ = select.select([], [self.fd], [], 0.05)
            if writable:
                written = os.write(self.fd, view[:1024])
                view = view[written:]
            else:
                self.pump(0.001)

    def now(self):
        return time.monotonic() - self.t_start

    def cpu_ms(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / CLK_TCK

    def main_thread_cpu_ms(self):
        """CPU time of the terminal thread so far (schedstat, ns resolution): unlike wall time, barely
        moved by other processes competing for the cores."""
        with open(f"/proc/{self.pid}/task/{self.pid}/schedstat") as f:
            return int(f.read().split()[0]) / 1e6

    def memory_kb(self):
        out = {}
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                key = line.split(":")[0]
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(line.split()[1])
        return out

    def rss_kb(self):
        return self.memory_kb().get("VmRSS")

    def stop(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            self.pump(0.05)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def seeded_chat(binary, flood, tasks, prefix):
    """A fresh data directory holding `tasks` tasks (written by TerminalFlood), and the full-screen chat on
    it with the tasks on screen and its output settled: (chat, home, data directory)."""
    home = tempfile.mkdtemp(prefix=prefix)
    data = os.path.join(home, "todo-chat")
    subprocess.run([flood, "--data", data, "--tasks", str(tasks)], check=True, capture_output=True)
    chat = PtyChat([binary], {"XDG_DATA_HOME": home})
    chat.until_contains(f"{tasks} open".encode(), cap=30)
    chat.until_quiet()
    return chat, home, data


def log_field(data_dir, name):
    """A number the chat logs when its screen closes ("screen closed frames=… transcript=…")."""
    value = None
    try:
        with open(os.path.join(data_dir, "chat.log")) as f:
            for line in f:
                if "screen closed" in line and f"{name}=" in line:
                    value = int(line.split(f"{name}=")[1].split()[0])
    except FileNotFoundError:
        pass
    return value


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def percentile(values, p):
    """Nearest rank, as ptymeasure.py computes it."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def verdict(value, budget):
    if value is None:
        return "not measured"
    return "within budget" if value <= budget else "OVER budget"


def print_rows(title, rows):
    """rows: (label, value, unit, budget or None)."""
    print(f"\n{title}  (load average {load_average()})")
    for label, value, unit, budget in rows:
        shown = "n/a" if value is None else f"{value:,.1f} {unit}" if isinstance(value, float) else f"{value:,} {unit}"
        limit = "" if budget is None else f"budget <= {budget:,} {unit}  {verdict(value, budget)}"
        print(f"  {label:46} {shown:>14}   {limit}")
