"""A todo-chat process in a pseudo-terminal we control, for the benchmarks beyond ptymeasure.py."""
import fcntl
import os
import pty
import select
import signal
import struct
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
                if self.first_byte is None:
                    self.first_byte = time.monotonic() - self.t_start
                self.last_byte = time.monotonic() - self.t_start
                self.output += chunk
                got += len(chunk)

    def until_quiet(self, quiet=0.2, cap=15.0):
        """Reads until nothing came for `quiet` seconds; the time of the last byte, from start."""
        deadline = time.monotonic() + cap
        while time.monotonic() < deadline:
            if self.pump(quiet) == 0 and self.last_byte is not None:
                break
        return self.last_byte

    def until_contains(self, needle: bytes, cap=30.0):
        deadline = time.monotonic() + cap
        while time.monotonic() < deadline:
            if needle in self.output:
                return time.monotonic()
            self.pump(0.01)
        return None

    def send(self, data: bytes):
        os.write(self.fd, data)

    def cpu_ms(self):
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / CLK_TCK

    def rss_kb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1])
        return None

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


def frames_from_log(data_dir):
    """The frame count the chat logs when its screen closes."""
    frames = None
    try:
        with open(os.path.join(data_dir, "chat.log")) as f:
            for line in f:
                if "screen closed" in line and "frames=" in line:
                    frames = int(line.split("frames=")[1].split()[0])
    except FileNotFoundError:
        pass
    return frames
