"""A process on a pseudo-terminal of this machine: start it, kill it (its whole session)."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import termios


def spawn_on_pty(
    argv: list[str], env: dict[str, str], rows: int, cols: int, echo: bool = True
) -> tuple[subprocess.Popen, int]:
    """Start ``argv`` in a new session on a new pseudo-terminal of ``rows`` x ``cols`` (``echo``:
    whether the line discipline echoes input). Returns the process and the master side."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    if not echo:
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                            start_new_session=True)
    os.close(slave)
    return proc, master


def kill_on_pty(proc: subprocess.Popen | None, master: int) -> None:
    """Kill ``proc``'s session (SIGKILL), reap it, and close the master side (if open)."""
    if proc is not None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            proc.kill()
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    if master >= 0:
        os.close(master)
