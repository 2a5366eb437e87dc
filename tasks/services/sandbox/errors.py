"""The sandbox's error, in a module of its own: the interface (:mod:`.base`) and the raw terminal
(:mod:`.terminal`) both raise it, and the interface names the terminal's type."""

from __future__ import annotations

from harness.errors import HarnessError


class SandboxUnavailable(HarnessError):
    """No sandbox of the requested kind can run on this machine (never fall back to the host)."""
