"""The sandbox interface: an isolated Linux box with one persistent shell and independent commands."""

from __future__ import annotations

import abc
import re
import secrets
from typing import TYPE_CHECKING

from pydantic import BaseModel

from tasks.services.sandbox.errors import SandboxUnavailable

if TYPE_CHECKING:
    from tasks.services.sandbox.terminal import RawTerminal


class SandboxLimits(BaseModel):
    """Resource limits of one sandbox."""

    command_timeout_s: float = 30.0
    """Per shell command (AgentBench v0.2: 30 s)."""
    exec_timeout_s: float = 120.0
    """Per independent command (init, check and example scripts; the original had none)."""
    memory_bytes: int = 2 << 30
    pids: int = 512
    output_cap_bytes: int = 1 << 20
    """Output kept per command (the rest is read and dropped, so memory stays bounded)."""


class ExecResult(BaseModel):
    """What one command printed (stdout and stderr interleaved) and how it ended."""

    output: str
    exit_code: int
    timed_out: bool = False
    truncated: bool = False


def container_hostname() -> str:
    """A fresh docker-like hostname: 12 hex digits (docker names a container's host by its id)."""
    return secrets.token_hex(6)


def valid_hostname(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,62}", name):
        raise ValueError(f"not a hostname: {name!r}")
    return name


_ANSI = [
    re.compile(r"\x1b.+@.+[#|$] "),  # a shell prompt with its title escape (AgentBench v0.2's first rule)
    re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]"),  # CSI (colours, cursor moves, bracketed paste)
    re.compile(r"\x1b\][0-9]*;[^\x07]*\x07"),  # OSC (window titles)
    re.compile(r"\x07"),
]


def clean_terminal_output(text: str) -> str:
    """Drop terminal control sequences as AgentBench v0.2 does, and use ``\\n`` line ends
    (deviation: the original kept the tty's ``\\r\\n``)."""
    for pattern in _ANSI:
        text = pattern.sub("", text)
    return text.replace("\r\n", "\n")


class Sandbox(abc.ABC):
    """One throwaway machine. All methods block: call them from worker threads."""

    kind: str = "abstract"

    def __init__(self, limits: SandboxLimits | None = None):
        self.limits = limits or SandboxLimits()

    @abc.abstractmethod
    def start(self) -> None:
        """Create the machine (fresh writable layer over the image)."""

    @abc.abstractmethod
    def exec(self, argv: list[str], timeout: float | None = None) -> ExecResult:
        """Run one independent process as root in ``/`` (like ``docker exec``) and wait for it."""

    @abc.abstractmethod
    def shell(self, command: str, timeout: float | None = None, typed: bool = False) -> ExecResult:
        """Run ``command`` in the machine's one persistent interactive ``bash --login``
        (state carries over between calls); killed after the timeout. ``typed``: type the single
        line into the terminal as-is (stdin stays the terminal) instead of running it with eval."""

    def open_terminal(self, silence_s: float = 5.0) -> RawTerminal:
        """Start a new interactive ``bash --login`` on a terminal, driven the way AgentBench.old
        drives its exec socket (:mod:`tasks.services.sandbox.terminal`: raw bytes, typed input).
        The caller closes it (closing the sandbox kills it too)."""
        raise SandboxUnavailable(f"the {self.kind} sandbox has no raw terminal")

    @abc.abstractmethod
    def close(self) -> None:
        """Destroy the machine and everything written in it."""

    def __enter__(self) -> "Sandbox":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()
