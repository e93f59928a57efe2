"""Subscription routing: the rules' CEL `match` expressions, then `default`, then `route` (§2.1).

Supported CEL subset (anything else is refused when the subscription is loaded):
  operands   event.<field>[.<field>...], event["field"], "string" or 'string', integers,
             decimals, true, false, null
  operators  == and != between operands, ! (not), && and ||, parentheses
A bare operand must be a boolean. A field the event does not have is an evaluation error, as in
CEL ("no such key"); daprd then fails the message, so it is retried or dead-lettered.
"""

from __future__ import annotations

import posixpath
import re

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|
    (?P<num>-?\d+(?:\.\d+)?)|
    (?P<op>==|!=|&&|\|\||!|\(|\)|\[|\]|\.)|
    (?P<id>[A-Za-z_][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)


class CelError(Exception):
    pass


class _Missing(Exception):
    pass


def _tokens(text: str) -> list[tuple[str, str]]:
    pos = 0
    out = []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise CelError(f"unsupported CEL syntax at {text[pos:]!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def _unquote(s: str) -> str:
    body = s[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body)


class Expr:
    """A compiled match expression; evaluate with .matches(event)."""

    def __init__(self, text: str):
        self.text = text
        self._toks = _tokens(text)
        self._pos = 0
        self._tree = self._or()
        if self._pos != len(self._toks):
            raise CelError(f"unexpected {self._toks[self._pos][1]!r} in {text!r}")

    # recursive descent over the token list --------------------------------------------------
    def _peek(self):
        return self._toks[self._pos] if self._pos < len(self._toks) else (None, None)

    def _take(self, value=None):
        tok = self._peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise CelError(f"expected {value or 'a token'} in {self.text!r}")
        self._pos += 1
        return tok

    def _or(self):
        node = self._and()
        while self._peek()[1] == "||":
            self._take()
            node = ("or", node, self._and())
        return node

    def _and(self):
        node = self._unary()
        while self._peek()[1] == "&&":
            self._take()
            node = ("and", node, self._unary())
        return node

    def _unary(self):
        if self._peek()[1] == "!":
            self._take()
            return ("not", self._unary())
        left = self._operand()
        if self._peek()[1] in ("==", "!="):
            op = self._take()[1]
            return ("eq" if op == "==" else "ne", left, self._operand())
        return ("bool", left)

    def _operand(self):
        kind, value = self._peek()
        if value == "(":
            self._take()
            node = self._or()
            self._take(")")
            return ("group", node)
        if kind == "str":
            self._take()
            return ("lit", _unquote(value))
        if kind == "num":
            self._take()
            return ("lit", float(value) if "." in value else int(value))
        if kind == "id":
            self._take()
            if value in ("true", "false"):
                return ("lit", value == "true")
            if value == "null":
                return ("lit", None)
            if value != "event":
                raise CelError(f"undeclared reference to {value!r} in {self.text!r}")
            path: list[str] = []
            while self._peek()[1] in (".", "["):
                if self._take()[1] == ".":
                    k, name = self._take()
                    if k != "id":
                        raise CelError(f"bad field access in {self.text!r}")
                    path.append(name)
                else:
                    k, name = self._take()
                    if k != "str":
                        raise CelError(f"bad index in {self.text!r}")
                    path.append(_unquote(name))
                    self._take("]")
            return ("field", path)
        raise CelError(f"unexpected {value!r} in {self.text!r}")

    # evaluation ------------------------------------------------------------------------------
    def _value(self, node, event):
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "group":
            return self._eval(node[1], event)
        cur = event
        for name in node[1]:
            if not isinstance(cur, dict) or name not in cur:
                raise _Missing(f"no such key: {name}")
            cur = cur[name]
        return cur

    def _eval(self, node, event):
        kind = node[0]
        if kind == "or":
            return self._truth(self._eval(node[1], event)) or self._truth(self._eval(node[2], event))
        if kind == "and":
            return self._truth(self._eval(node[1], event)) and self._truth(self._eval(node[2], event))
        if kind == "not":
            return not self._truth(self._eval(node[1], event))
        if kind in ("eq", "ne"):
            a, b = self._value(node[1], event), self._value(node[2], event)
            same = type(a) is type(b) and a == b or (
                isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and a == b
            )
            return same if kind == "eq" else not same
        return self._truth(self._value(node[1], event))

    @staticmethod
    def _truth(v) -> bool:
        if not isinstance(v, bool):
            raise _Missing("no such overload: expression is not a boolean")
        return v

    def matches(self, event: dict) -> bool:
        """True/False; raises RouteError when CEL would fail to evaluate."""
        try:
            return self._eval(self._tree, event)
        except _Missing as e:
            raise RouteError(f"error evaluating match {self.text!r}: {e}") from None


class RouteError(Exception):
    pass


def clean_path(path: str) -> str:
    """The app channel adds a leading '/' and applies path.Clean."""
    p = posixpath.normpath("/" + path.lstrip("/")) if path else "/"
    return "/" + p.lstrip("/") if p != "/" else "/"


class Router:
    def __init__(self, rules: list[tuple[str, str]], default_path: str):
        self.rules = [(Expr(m), p) for m, p in rules]
        self.default_path = default_path

    def route(self, event: dict) -> str | None:
        """The path for this event, or None if no rule matches and there is no default."""
        for expr, path in self.rules:
            if expr.matches(event):
                return path
        return self.default_path or None
