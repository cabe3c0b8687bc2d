"""Misbehaviour on demand: per request pattern, the replica answers badly N times.

Why: every failure the real exchange can produce (slow answers, 5xx, 429 with Retry-After,
truncated or HTML-instead-of-PDF downloads, malformed or empty result pages, the soft throttle
that answers 200 with an empty body) must be reproducible in a test. A fault matches a regex
searched in `path?query`; `times` counts down to zero, then the replica behaves again
(no `times` means for ever).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

KINDS = (
    "slow",
    "500",
    "429",
    "truncated_pdf",
    "html_error",
    "malformed_json",
    "empty_page",
    "empty_body",
)


class FaultError(ValueError):
    """A fault specification that cannot be used; the message says why in one line."""


@dataclass
class Fault:
    pattern: str
    fault: str
    times: int | None = None  # None: for ever
    seconds: float = 1.0  # for slow (sleep) and 429 (Retry-After)

    def __post_init__(self) -> None:
        if self.fault not in KINDS:
            raise FaultError(f"unknown fault {self.fault!r}; expected one of {', '.join(KINDS)}")
        try:
            self.regex = re.compile(self.pattern)
        except re.error as exc:
            raise FaultError(f"bad pattern {self.pattern!r}: {exc}") from None
        if self.times is not None and self.times < 0:
            raise FaultError("times must be >= 0")
        if self.seconds < 0:
            raise FaultError("seconds must be >= 0")

    def as_json(self) -> dict:
        return {"pattern": self.pattern, "fault": self.fault, "times": self.times,
                "seconds": self.seconds}  # fmt: skip

    @classmethod
    def from_json(cls, data: object) -> Fault:
        if not isinstance(data, dict) or "pattern" not in data or "fault" not in data:
            raise FaultError('expected {"pattern": ..., "fault": ..., "times": N, "seconds": S}')
        times = data.get("times")
        try:
            return cls(
                pattern=str(data["pattern"]),
                fault=str(data["fault"]),
                times=None if times is None else int(times),
                seconds=float(data.get("seconds", 1.0) if data.get("seconds") is not None else 1.0),
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, FaultError):
                raise
            raise FaultError(f"bad fault: {exc}") from None


_SPEC = re.compile(
    r"^(?P<pattern>.*)=(?P<fault>"
    + "|".join(KINDS)
    + r")(?P<opts>(?::(?:times|seconds)=[0-9.]+)*)$"
)


def parse_fault_spec(spec: str) -> Fault:
    """`PATTERN=FAULT[:times=N][:seconds=S]` from the command line.

    The pattern may itself contain "=" (e.g. `rowRange=100`): the fault name is the part after
    the last "=" that names a fault.
    """
    match = _SPEC.match(spec)
    if not match:
        raise FaultError(
            f"bad --fault {spec!r}: expected PATTERN=FAULT[:times=N][:seconds=S], "
            f"FAULT one of {', '.join(KINDS)}"
        )
    options = dict(o.split("=", 1) for o in match["opts"].split(":") if o)
    return Fault(
        pattern=match["pattern"],
        fault=match["fault"],
        times=int(float(options["times"])) if "times" in options else None,
        seconds=float(options.get("seconds", 1.0)),
    )


class FaultRegistry:
    """The active faults, first match wins; thread-safe because uvicorn may use threads."""

    def __init__(self, faults: list[Fault] | None = None) -> None:
        self._faults: list[Fault] = list(faults or [])
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def list(self) -> list[dict]:
        with self._lock:
            return [f.as_json() for f in self._faults]

    def take(self, target: str, kinds: tuple[str, ...] = KINDS) -> Fault | None:
        """The first fault of one of `kinds` matching `target`, counting one use of it."""
        with self._lock:
            for fault in self._faults:
                if fault.times is not None and fault.times <= 0:
                    continue
                if fault.fault in kinds and fault.regex.search(target):
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._faults.remove(fault)
                    return fault
        return None
