"""AgentBench.old's terminal protocol over a real pseudo-terminal (the raw observations AgentTuning's
models saw).

The original (``AgentBench.old/src/tasks/os_interaction/task.py``, ``Container``) opens one
``bash --login`` with a tty through ``docker exec`` and reads the exec socket in frames, 5 s socket
timeout. Its ``execute(command)``:

1. sends ``command + "\\n"`` (typed into the terminal: a program waiting on stdin gets it);
2. reads one frame and drops it ("ignore input line": the terminal's echo of what was typed);
3. reads frames, keeping them, until one matches ``\\x1b.+@.+[#|$] `` (the bash prompt with its
   xterm title escape) or no frame came for 5 s;
4. returns the bytes unchanged (its cleaning regex is commented out): echo remnants, ``\\r\\n``,
   escape codes and the prompt stay.

Frames are whatever one read of the terminal returned, so their boundaries depend on timing. Here
they are modelled deterministically on the shell's own writes (:func:`frames`): readline echoes a
typed line in one write, ends it with ``\\r\\n`` and ``\\x1b[?2004l\\r`` (bracketed paste off), a
program's output follows, then ``\\x1b[?2004h`` and the prompt, each its own write. So:

* the dropped frame is readline's echo of the first typed line up to (not including) its ``\\r\\n``
  -- or, when the terminal is in canonical mode with echo (a program is reading the terminal), the
  line discipline's echo of everything typed, which it writes at once;
* the prompt is looked for within one frame (never across a bracketed-paste toggle) and reading
  stops right after the first prompt found. Whatever the terminal printed after it (the next lines
  of a multi-line command: each line is read by bash after the previous one's prompt) stays
  unread, as it stayed in the original's socket, and comes first in the next command's reading.

Deviations (no way to be equal, or a cap where the original had none): reading one command stops
after ``max_read_s`` even while output keeps coming (the original read forever); at most ``cap``
bytes are kept (the observation shows 780 characters); a pty of size 0x0 like docker exec's.
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import termios
import time
from collections.abc import Callable

from pydantic import BaseModel

from tasks.services.sandbox.errors import SandboxUnavailable
from tasks.services.sandbox.ptys import kill_on_pty, spawn_on_pty

PROMPT = re.compile(rb"\x1b.+?@.+?[#|$] ")
"""AgentBench.old's prompt pattern (``\\x1b.+@.+[#|$] ``), lazy so that its end is the prompt's end;
whether it matches a frame is the same either way."""
_TOGGLE = re.compile(rb"\x1b\[\?2004[hl]\r?")
"""Readline's bracketed-paste switches: each is a write of its own, so a frame boundary."""
SILENCE_S = 5.0
"""The original's socket timeout: reading stops when no output came for this long."""
GREETING_S = 30.0
"""How long a starting shell may take to print its first prompt (a loaded machine)."""


class TerminalClosed(RuntimeError):
    """The shell is gone (the agent typed ``exit``): the original's next read fails and so does
    the sample."""


class TerminalSilent(RuntimeError):
    """Nothing at all came back for the typed command within the silence limit: the original's
    first ``recv`` timed out, an exception that failed the sample."""


class TerminalRead(BaseModel):
    """What one command printed, as the original returns it."""

    output: bytes
    ended: str
    """``prompt`` (a frame held the prompt), ``silence`` (nothing came for the silence limit),
    ``max_read`` (the reading cap) or ``closed`` (the shell exited)."""
    dropped: bytes = b""
    """The frame dropped as the echo of the typed line."""
    truncated: bool = False
    """More than ``cap`` bytes came; the rest was read and dropped."""


def frames(data: bytes) -> list[bytes]:
    """``data`` split where the shell's writes are known to end: before and after each
    bracketed-paste switch."""
    out, last = [], 0
    for m in _TOGGLE.finditer(data):
        if m.start() > last:
            out.append(data[last : m.start()])
        out.append(m.group())
        last = m.end()
    if last < len(data):
        out.append(data[last:])
    return out


def prompt_end(data: bytes) -> int | None:
    """The end of the first prompt found within one frame of ``data`` (None: no prompt yet)."""
    offset = 0
    for frame in frames(data):
        m = PROMPT.search(frame)
        if m is not None:
            return offset + m.end()
        offset += len(frame)
    return None


def kernel_echo(typed: bytes) -> bytes:
    """What the line discipline echoes for ``typed`` in canonical mode (ECHO, ECHOCTL, ONLCR)."""
    out = bytearray()
    for b in typed:
        if b in (0x0A, 0x0D):
            out += b"\r\n"
        elif b < 0x20 and b != 0x09:
            out += bytes((ord("^"), b + 64))
        else:
            out.append(b)
    return bytes(out)


Spawn = Callable[[], "tuple[subprocess.Popen, int]"]
"""Starts the shell; returns its process and the master side of its terminal."""


def host_pty(argv: list[str], env: dict[str, str]) -> Spawn:
    """Run ``argv`` on a new pseudo-terminal of this machine (e.g. a ``docker exec -it`` relay),
    of size 0x0 like docker exec's; ``argv`` must make it its controlling terminal."""

    def spawn() -> tuple[subprocess.Popen, int]:
        return spawn_on_pty(argv, env, rows=0, cols=0)

    return spawn


class RawTerminal:
    """One interactive shell on a pseudo-terminal, driven as AgentBench.old drives its exec socket.

    ``spawn`` starts the shell (see :data:`Spawn`); ``local_echo``: the terminal is the shell's own,
    so its mode (read through the master side) tells whether the line discipline echoes (False
    behind a relay such as the docker CLI, which keeps its side raw)."""

    def __init__(
        self,
        spawn: Spawn,
        *,
        silence_s: float = SILENCE_S,
        max_read_s: float = 30.0,
        cap: int = 1 << 20,
        local_echo: bool = True,
    ):
        self.spawn = spawn
        self.silence_s, self.max_read_s, self.cap = silence_s, max_read_s, cap
        self.local_echo = local_echo
        self.proc: subprocess.Popen | None = None
        self.master = -1
        self.pending = b""
        """Bytes the terminal printed after the last prompt that was read (unread in the original)."""
        self.closed = False

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> bytes:
        """Start the shell and read its greeting up to the first prompt (the original's "clear
        buffer" ``recv``). Returns what was read."""
        self.proc, self.master = self.spawn()
        data, ended = self._read(b"", prompt_end, max(self.silence_s, GREETING_S))
        if not data and ended != "done":
            self.close()
            raise SandboxUnavailable("the sandbox's shell printed nothing")
        end = prompt_end(data)
        self.pending = data[end:] if end is not None else b""
        return data if end is None else data[:end]

    def close(self) -> None:
        kill_on_pty(self.proc, self.master)
        self.proc = None
        self.master = -1
        self.closed = True

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and not self.closed

    # -- the protocol --------------------------------------------------------------------------
    def execute(self, command: str) -> TerminalRead:
        """AgentBench.old's ``Container.execute``: type ``command``, drop the echo frame, read up to
        the first prompt or silence."""
        if self.closed or self.master < 0:
            raise TerminalClosed("the shell has exited")
        typed = command.encode("utf-8") + b"\n"
        canonical = not self.pending and self._line_discipline_echoes()
        self._type(typed)
        # 1. the echo frame
        if canonical:
            echo = kernel_echo(typed)
            buf, ended = self._read(self.pending, lambda b: len(echo) if len(b) >= len(echo) else None, self.silence_s)
            cut = len(echo) if buf.startswith(echo) else first_frame_end(buf)
        else:
            buf, ended = self._read(self.pending, first_frame_end, self.silence_s)
            cut = first_frame_end(buf)
        self.pending = b""
        if not buf:
            if ended == "closed":
                self.closed = True
                raise TerminalClosed("the shell has exited")
            raise TerminalSilent(f"no output at all within {self.silence_s:g} s of typing the command")
        if cut is None:  # no line end came: what came is the one frame
            cut = len(buf)
        dropped, rest = buf[:cut], buf[cut:]
        # 2. frames up to the prompt, or silence
        kept, ended, truncated = self._read_output(rest)
        return TerminalRead(output=kept, ended=ended, dropped=dropped, truncated=truncated)

    def _read_output(self, start: bytes) -> tuple[bytes, str, bool]:
        window = start  # bytes searched for the prompt (a bounded tail once over the cap)
        kept = bytearray()
        truncated = False
        deadline = time.monotonic() + self.max_read_s
        while True:
            end = prompt_end(window)
            if end is not None:
                self.pending = window[end:]
                window = window[:end]
                ended = "prompt"
                break
            if len(window) > self.cap:  # no prompt in the head: keep what the cap allows, search the tail
                head, window = window[: -4096], window[-4096:]
                room = max(self.cap - len(kept), 0)
                kept += head[:room]
                truncated = truncated or len(head) > room
            left = deadline - time.monotonic()
            if left <= 0:  # still printing: stop reading (the command keeps running)
                ended = "max_read"
                break
            chunk, ended = self._read_chunk(min(self.silence_s, left))
            if chunk is None:
                if ended == "silence" and time.monotonic() >= deadline:
                    ended = "max_read"
                break
            window += chunk
        room = max(self.cap - len(kept), 0)
        kept += window[:room]
        truncated = truncated or len(window) > room
        if ended == "closed":
            self.closed = True
        return bytes(kept), ended, truncated

    # -- terminal i/o --------------------------------------------------------------------------
    def _line_discipline_echoes(self) -> bool:
        """True when the terminal is in canonical mode with echo (a program, not readline, reads it).
        On Linux the master side answers with the terminal's (the slave's) mode."""
        if not self.local_echo or self.master < 0:
            return False
        try:
            lflag = termios.tcgetattr(self.master)[3]
        except termios.error:
            return False
        return bool(lflag & termios.ICANON) and bool(lflag & termios.ECHO)

    def _type(self, data: bytes) -> None:
        """Write to the terminal; what it does not take within the silence limit is dropped (a
        program that never reads its terminal)."""
        deadline = time.monotonic() + self.silence_s
        while data and time.monotonic() < deadline:
            _, ready, _ = select.select([], [self.master], [], max(deadline - time.monotonic(), 0))
            if not ready:
                break
            try:
                n = os.write(self.master, data[:1024])
            except BlockingIOError:
                continue
            except OSError:
                break
            data = data[n:]

    def _read_chunk(self, wait: float) -> tuple[bytes | None, str]:
        """One read of the terminal: (bytes, "") or (None, "silence" | "closed")."""
        ready, _, _ = select.select([self.master], [], [], max(wait, 0))
        if not ready:
            if self.proc is not None and self.proc.poll() is not None:
                return None, "closed"
            return None, "silence"
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: no process holds the terminal any more
            return None, "closed"
        if not chunk:
            return None, "closed"
        return chunk, ""

    def _read(self, start: bytes, done, wait: float) -> tuple[bytes, str]:
        """Read until ``done(buf)`` is not None, or ``wait`` seconds without output."""
        buf = start
        while done(buf) is None:
            chunk, ended = self._read_chunk(wait)
            if chunk is None:
                return buf, ended
            buf += chunk
        return buf, "done"


def first_frame_end(buf: bytes) -> int | None:
    """Where the first of the shell's writes in ``buf`` ends (None: not known yet): readline's echo
    of a typed line ends just before its ``\\r\\n``; that ``\\r\\n`` (an empty line's accept) and
    a bracketed-paste switch are writes of their own."""
    if buf.startswith(b"\r\n"):
        return 2
    m = _TOGGLE.match(buf)
    if m is not None:
        return m.end()
    ends = [i for i in (buf.find(b"\r\n"), _first_toggle(buf)) if i >= 0]
    return min(ends) if ends else None


def _first_toggle(buf: bytes) -> int:
    m = _TOGGLE.search(buf)
    return -1 if m is None else m.start()
