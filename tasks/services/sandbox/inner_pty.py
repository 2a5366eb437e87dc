"""A pseudo-terminal made *inside* the local sandbox, its master handed out to the harness.

A terminal opened on the host would be a host ``/dev/pts`` device, absent from the sandbox's own
``devpts`` instance: ``tty`` would print "not a tty" and ``ps`` no TTY. So a small helper, run in
the sandbox with its own python, opens the pseudo-terminal there (``forkpty``: the shell gets it as
its controlling terminal, size 0x0 like docker exec's), sends the master descriptor back over a
socket (``SCM_RIGHTS``) and waits for the shell, so that the harness's process ends with it.
"""

from __future__ import annotations

import socket
import subprocess

from tasks.services.sandbox.base import SandboxUnavailable

HELPER = """import os, signal, socket, sys
sock = socket.socket(fileno=int(sys.argv[1]))
pid, master = os.forkpty()
if pid == 0:
    sock.close()
    # what python changed at start-up must not reach the shell: SIGPIPE and SIGXFSZ ignored (every
    # `cmd | head` would print "Broken pipe"), the C-locale coercion's LC_CTYPE
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    os.environ.pop("LC_CTYPE", None)
    os.execvp(sys.argv[2], sys.argv[2:])
socket.send_fds(sock, [b"t"], [master])
sock.close()
os.close(master)
status = os.waitpid(pid, 0)[1]
os._exit(os.waitstatus_to_exitcode(status) & 255)
"""


def spawn_inside(enter: list[str], env: dict[str, str], argv: list[str], timeout: float = 60.0) -> tuple[subprocess.Popen, int]:
    """Run ``argv`` on a terminal of the sandbox; ``enter`` is the host command prefix that runs a
    program inside it. Returns the host process (it ends when ``argv`` does) and the master fd."""
    ours, theirs = socket.socketpair()
    try:
        proc = subprocess.Popen(
            [*enter, "python3", "-S", "-c", HELPER, str(theirs.fileno()), *argv],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            pass_fds=(theirs.fileno(),), start_new_session=True,
        )
        theirs.close()
        ours.settimeout(timeout)
        try:
            _, fds, _, _ = socket.recv_fds(ours, 1, 1)
        except OSError:
            fds = []
        if not fds:
            proc.kill()
            proc.wait()
            raise SandboxUnavailable("the sandbox's terminal did not start")
        return proc, fds[0]
    finally:
        theirs.close()
        ours.close()
