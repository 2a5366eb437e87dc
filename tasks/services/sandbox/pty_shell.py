"""A persistent interactive ``bash --login`` on a pseudo-terminal, driven line by line.

Like AgentBench's ``docker exec -it bash --login``: programs see a terminal (``ls`` prints
columns), and shell state (cwd, variables, functions) carries over between commands. Each command
is sent base64-encoded and run with ``eval`` (so any quoting or multi-line script arrives intact),
with stdin from ``/dev/null`` (the instruction forbids input operations; the original would hang
until its time limit), followed by a sentinel carrying a random token and the exit status.
On timeout the command gets ^C (SIGINT to the terminal's foreground job); if the shell does not
come back, the whole shell is killed and a fresh one started (deviation: the original left the
command running and typed the next commands into it).
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import select
import subprocess
import time

from tasks.services.sandbox.base import ExecResult, clean_terminal_output
from tasks.services.sandbox.ptys import kill_on_pty, spawn_on_pty

_RS = "\x1e"
_GRACE_S = 3.0


class PtyShell:
    """``argv`` starts a shell whose stdio is the terminal it is given (it must make the terminal
    its controlling terminal, e.g. ``setsid -c bash --login --noediting``)."""

    def __init__(self, argv: list[str], env: dict[str, str], output_cap: int):
        self.argv, self.env, self.cap = argv, env, output_cap
        self.proc: subprocess.Popen | None = None
        self.master = -1

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        # our command lines are not echoed back
        self.proc, self.master = spawn_on_pty(self.argv, self.env, rows=24, cols=80, echo=False)
        # Quiet prompts; then wait for the shell to answer (it has read its profile by then).
        self._send("PS1=''; PS2=''; unset PROMPT_COMMAND")
        self.run("true", timeout=30.0)

    def close(self) -> None:
        kill_on_pty(self.proc, self.master)
        self.proc, self.master = None, -1

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    # -- commands ------------------------------------------------------------------------------
    def _send(self, line: str) -> None:
        data = (line + "\n").encode()
        while data:
            n = os.write(self.master, data)
            data = data[n:]

    def _sentinel_line(self, token: str, status: str = "$?") -> str:
        return f"printf '\\n{_RS}%s{_RS}%d{_RS}\\n' {token} {status}"

    def run(self, command: str, timeout: float) -> ExecResult:
        if not self.alive:
            self.close()
            self.start()
        token = secrets.token_hex(8)
        encoded = base64.b64encode(command.encode()).decode()
        self._send(f"eval \"$(printf %s {encoded} | base64 -d)\" </dev/null; {self._sentinel_line(token)}")
        out, code, truncated = self._read_until(token, timeout)
        if code is None:  # timed out: ^C, then a fresh sentinel
            os.write(self.master, b"\x03")
            token = secrets.token_hex(8)
            self._send(self._sentinel_line(token, "130"))
            more, code2, t2 = self._read_until(token, _GRACE_S)
            out += more
            truncated = truncated or t2
            if code2 is None:  # the shell itself is stuck (e.g. a trapped SIGINT): start anew
                self.close()
                self.start()
            return ExecResult(output=self._clean(out), exit_code=-1, timed_out=True, truncated=truncated)
        return ExecResult(output=self._clean(out), exit_code=code, truncated=truncated)

    def type_line(self, line: str, timeout: float) -> ExecResult:
        """Type one line into the terminal as a person would (no ``eval``, stdin stays the terminal:
        ``su - jack`` in a problem's ``start`` leaves the agent in jack's shell, as in AgentBench),
        then quiet whatever shell is now reading the terminal (no line editing, echo or prompts)."""
        if not self.alive:
            self.close()
            self.start()
        self._send(line)
        self._send("set +o emacs +o vi 2>/dev/null; stty -echo 2>/dev/null; PS1=''; PS2=''; unset PROMPT_COMMAND")
        token = secrets.token_hex(8)
        self._send(self._sentinel_line(token))
        out, code, truncated = self._read_until(token, timeout)
        return ExecResult(output=self._clean(out), exit_code=-1 if code is None else code, timed_out=code is None)

    def _clean(self, raw: bytes) -> str:
        return clean_terminal_output(raw.decode("utf-8", errors="replace"))

    def _read_until(self, token: str, timeout: float) -> tuple[bytes, int | None, bool]:
        """Read until the sentinel; keep at most ``cap`` bytes (the rest is read and dropped)."""
        marker = re.compile(rb"\r?\n?" + (_RS + token + _RS).encode() + rb"(-?\d+)" + _RS.encode() + rb"\r?\n")
        kept = bytearray()
        tail = bytearray()
        truncated = False
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return bytes(kept), None, truncated
            ready, _, _ = select.select([self.master], [], [], min(left, 1.0))
            if not ready:
                if not self.alive:
                    return bytes(kept), 0, truncated
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the shell exited (e.g. the command was `exit`)
                return bytes(kept), 0, truncated
            if not chunk:
                return bytes(kept), 0, truncated
            tail += chunk
            m = marker.search(tail)
            if m is not None:
                before = bytes(tail[: m.start()])
                room = self.cap - len(kept)
                kept += before[: max(room, 0)]
                truncated = truncated or len(before) > room
                return bytes(kept), int(m.group(1)), truncated
            # keep a short tail unsearched-through so a sentinel split across reads is found
            flush = len(tail) - 64
            if flush > 0:
                room = self.cap - len(kept)
                if room > 0:
                    kept += tail[: min(flush, room)]
                truncated = truncated or flush > room
                del tail[:flush]
