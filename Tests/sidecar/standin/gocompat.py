"""Parsing and encoding the way daprd's Go code does it.

The stand-in must produce the same bytes and accept the same values as daprd, so the Go
library behaviours that leak into the HTTP contract are reproduced here: strconv.ParseBool,
time.ParseDuration, RFC 3339, ISO 8601 durations, and encoding/json's output (sorted map keys,
HTML-safe escaping, numbers kept as written because Dapr decodes with UseNumber).
"""

from __future__ import annotations

import datetime as dt
import json
import re

_GO_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_GO_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


def parse_bool(text: str) -> bool:
    """strconv.ParseBool; raises ValueError on anything else."""
    if text in _GO_TRUE:
        return True
    if text in _GO_FALSE:
        return False
    raise ValueError(text)


_DURATION_UNITS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "m": 60.0,
    "h": 3600.0,
}
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def parse_go_duration(text: str) -> float:
    """time.ParseDuration, in seconds. Raises ValueError."""
    s = text.strip()
    if s in ("0", "+0", "-0"):
        return 0.0
    sign = 1.0
    if s[:1] in "+-" and s:
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if not s:
        raise ValueError(f'time: invalid duration "{text}"')
    pos = 0
    total = 0.0
    while pos < len(s):
        m = _DURATION_PART.match(s, pos)
        if not m:
            raise ValueError(f'time: invalid duration "{text}"')
        total += float(m.group(1)) * _DURATION_UNITS[m.group(2)]
        pos = m.end()
    return sign * total


_ISO_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def parse_iso8601_duration(text: str) -> float:
    """An ISO 8601 duration (PnYnMnWnDTnHnMnS) in seconds; months are 30 days, years 365."""
    m = _ISO_DURATION.match(text.strip())
    if not m or text.strip() in ("P", "PT"):
        raise ValueError(f"invalid ISO8601 duration {text!r}")
    f = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    days = f["y"] * 365 + f["mo"] * 30 + f["w"] * 7 + f["d"]
    return days * 86400 + f["h"] * 3600 + f["mi"] * 60 + f["s"]


def parse_rfc3339(text: str) -> dt.datetime:
    """time.Parse(time.RFC3339, ...) → an aware datetime. Raises ValueError."""
    s = text.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", s):
        raise ValueError(f"not RFC3339: {text!r}")
    s = s.replace("Z", "+00:00")
    frac = re.search(r"\.(\d+)", s)
    if frac and len(frac.group(1)) > 6:
        s = s.replace(frac.group(0), "." + frac.group(1)[:6])
    return dt.datetime.fromisoformat(s)


def rfc3339_now(now: dt.datetime | None = None) -> str:
    """time.Now().UTC().Format(time.RFC3339): second precision, Z suffix."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Number:
    """A JSON number kept as its literal text (encoding/json with UseNumber)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def loads_precise(data: bytes | str):
    """json.Unmarshal with UseNumber: numbers keep their exact literal. Raises ValueError."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    return json.loads(data, parse_int=_Number, parse_float=_Number, parse_constant=_reject_constant)


def _reject_constant(name: str):
    raise ValueError(f"invalid JSON constant {name}")


def marshal(value) -> bytes:
    """encoding/json.Marshal of a Go map/interface value: sorted keys, compact, HTML-safe."""
    numbers: list[str] = []

    def strip_numbers(v):
        if isinstance(v, _Number):
            numbers.append(v.text)
            return f"\x00{len(numbers) - 1}\x00"
        if isinstance(v, dict):
            return {k: strip_numbers(x) for k, x in v.items()}
        if isinstance(v, list):
            return [strip_numbers(x) for x in v]
        return v

    text = json.dumps(strip_numbers(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if numbers:
        text = re.sub(r'"\\u0000(\d+)\\u0000"', lambda m: numbers[int(m.group(1))], text)
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return text.encode("utf-8")


def plain(value):
    """A value from loads_precise turned into ordinary Python values (for routing and logic)."""
    if isinstance(value, _Number):
        try:
            return int(value.text)
        except ValueError:
            return float(value.text)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def go_query_escape(text: str) -> str:
    """url.QueryEscape (spaces become '+')."""
    from urllib.parse import quote_plus

    return quote_plus(text, safe="-_.~")


def fnv1a_32(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def sarama_hash_partition(key: bytes, partitions: int) -> int:
    """sarama.NewHashPartitioner: int32(fnv1a(key)) % n, made non-negative."""
    h = fnv1a_32(key)
    if h >= 0x80000000:
        h -= 0x100000000
    # Go's % truncates toward zero and sarama negates a negative result: |h| mod n.
    return abs(h) % partitions
