"""A page's content stream as pdfminer.six's parser gives it to its interpreter, read with one
regular expression.

Why: where the fast reader cannot vouch for a page, pdfminer.six reads it (extract/pdfium_read.py
`_Miner.read`), and ~60% of that is `PDFContentParser`, a state machine stepping through the
stream in Python. `operations` gives the same objects (numbers, strings, names, arrays,
dictionaries, operators, in order) from `re.finditer`, and `FastInterpreter` runs them through
pdfminer.six's own operators, so the page is the one pdfminer.six makes. Only the plain
content streams writers produce are read here: anything the parser treats in a way of its own
(inline images, nested parentheses, `#` in a name, a procedure, a number run into another
token, a stray byte) returns None and pdfminer.six's parser reads the stream.
tests/test_extract_content_ops.py holds the two to each other on rendered and real PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import KWD, LIT, PSKeyword, PSLiteral, keyword_name

_DELIMITED = rb"(?=[\s\[\]()<>{}/%]|\Z)"
_TOKEN = re.compile(
    rb"(?P<space>\s+)"
    rb"|(?P<comment>%[^\r\n]*)"
    rb"|(?P<number>[-+]?(?:\d+(?:\.\d*)?|\.\d+))" + _DELIMITED +
    rb"|(?P<name>/[^#/%\[\]()<>{}\s]*)(?!#)"
    rb"|(?P<string>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<dict_open><<)|(?P<dict_close>>>)"
    rb"|(?P<hex><[0-9A-Fa-f\s]*>)(?!>)"
    rb"|(?P<array_open>\[)|(?P<array_close>\])"
    rb"|(?P<keyword>[A-Za-z][^#/%\[\]()<>{}\s]*)(?!#)"
    rb"|(?P<quote>['\"])"
    rb"|(?P<other>.)",
    re.S,
)  # fmt: skip
#: pdfminer.six's escapes in a literal string; any other escaped byte is dropped, as it does
_ESCAPES = {b"b": 8, b"t": 9, b"n": 10, b"f": 12, b"r": 13, b"(": 40, b")": 41, b"\\": 92}
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|\r\n|(.)|\Z)", re.S)
#: operators whose operands pdfminer.six's parser reads itself
_INLINE_IMAGE = {b"BI", b"ID", b"EI"}


class _Unplain(Exception):  # noqa: N818 - control flow inside this module
    """Something pdfminer.six's parser reads in a way of its own."""


def operations(data: bytes) -> list[object] | None:
    """The objects pdfminer.six's content parser yields for `data`, in order; None where it
    may read the stream otherwise."""
    try:
        return _operations(data)
    except _Unplain:
        return None


def _operations(data: bytes) -> list[object]:
    out: list[object] = []
    open_: list[tuple[str, list[object]]] = []  # arrays and dictionaries being read
    for m in _TOKEN.finditer(data):
        kind = m.lastgroup
        token = m.group()
        if kind in ("space", "comment"):
            continue
        if kind == "number":
            value: object = float(token) if b"." in token else int(token)
        elif kind == "name":
            value = _literal_name(token[1:])
        elif kind == "string":
            value = _ESCAPE.sub(_unescape, token[1:-1]) if b"\\" in token else token[1:-1]
        elif kind == "hex":
            digits = re.sub(rb"\s", b"", token[1:-1])
            value = bytes.fromhex(digits[: len(digits) // 2 * 2].decode())
            if len(digits) % 2:  # pdfminer.six reads a lone last digit as the byte's value
                value += bytes((int(digits[-1:], 16),))
        elif kind == "keyword" or kind == "quote":
            if token in (b"true", b"false"):
                value = token == b"true"
            else:
                if open_ or token in _INLINE_IMAGE:
                    raise _Unplain
                out.append(KWD(token))
                continue
        elif kind == "array_open" or kind == "dict_open":
            open_.append((kind, []))
            continue
        elif kind == "array_close":
            if not open_ or open_[-1][0] != "array_open":
                raise _Unplain
            value = open_.pop()[1]
        elif kind == "dict_close":
            if not open_ or open_[-1][0] != "dict_open":
                raise _Unplain
            items = open_.pop()[1]
            keys = items[::2]
            if len(items) % 2 or not all(isinstance(k, PSLiteral) for k in keys):
                raise _Unplain
            value = {_name_of(k): v for k, v in zip(keys, items[1::2], strict=True)}
        else:
            raise _Unplain
        (open_[-1][1] if open_ else out).append(value)
    if open_:
        raise _Unplain
    return out


def _literal_name(raw: bytes) -> PSLiteral:
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)  # type: ignore[arg-type]


def _name_of(literal: PSLiteral) -> str:
    name = literal.name
    return name if isinstance(name, str) else str(name)


def _unescape(m: re.Match) -> bytes:
    if m.group(1):
        code = int(m.group(1), 8)
        if code > 255:
            raise _Unplain  # pdfminer.six asserts
        return bytes((code,))
    return bytes((_ESCAPES[m.group(2)],)) if m.group(2) in _ESCAPES else b""


class FastInterpreter(PDFPageInterpreter):
    """pdfminer.six's page interpreter, its streams read by `operations` where they are
    plain. Only a page's own streams and forms it draws once are read so; anything else
    goes to pdfminer.six's `execute`."""

    def execute(self, streams: Sequence[object]) -> None:
        resolved = [stream_value(s) for s in streams]
        ids = [s.objid for s in resolved]
        # the streams pdfminer.six would refuse (circular forms) are its own to refuse; its
        # versions before 2026 keep no stream ids
        parents = getattr(self, "parent_stream_ids", set())
        if not resolved or None in ids or set(ids) & parents:
            return super().execute(streams)
        found = operations(b"".join(s.get_data() for s in resolved))
        if found is None:
            return super().execute(streams)
        if hasattr(self, "stream_ids"):
            self.stream_ids.clear()
            self.stream_ids.update(ids)  # type: ignore[arg-type]
        for obj in found:
            if not isinstance(obj, PSKeyword):
                self.push(obj)  # type: ignore[arg-type]
                continue
            name = keyword_name(obj)
            method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
            func = getattr(self, method, None)
            if func is None:
                continue  # pdfminer.six skips an unknown operator (unless STRICT)
            nargs = func.__code__.co_argcount - 1
            if nargs:
                args = self.pop(nargs)
                if len(args) == nargs:
                    func(*args)
            else:
                func()
        return None
