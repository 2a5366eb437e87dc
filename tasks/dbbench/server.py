"""Where DBBench's databases live: a user's MySQL/MariaDB server (``db_url``) or a throwaway
MariaDB that the task starts itself (temporary data directory, unix socket, no TCP port)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from pydantic import BaseModel

from harness.errors import HarnessError

_SERVER_BINARIES = ("mariadbd", "mysqld")
_INSTALL_BINARIES = ("mariadb-install-db", "mysql_install_db")
_SBIN_DIRS = ("/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin")
# Small footprint: the 300 std tables hold at most ~100 rows each.
_SMALL_SERVER_OPTIONS = (
    "--innodb-buffer-pool-size=32M",
    "--innodb-log-file-size=8M",
    "--innodb-flush-log-at-trx-commit=2",
    "--innodb-doublewrite=0",
    "--performance-schema=OFF",
    "--skip-log-bin",
    "--max-connections=200",
    "--character-set-server=utf8mb4",
)


class ServerTarget(BaseModel):
    """How to connect to a server (TCP host/port or a unix socket)."""

    host: str = "localhost"
    port: int = 3306
    user: str = "root"
    password: str = ""
    unix_socket: str | None = None

    def connect_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``pymysql.connect``. Over a unix socket TLS is off (PyMySQL >= 1.1
        otherwise builds a TLS context, reading the system's CA bundle, on every connection)."""
        kwargs: dict[str, Any] = {"user": self.user, "password": self.password}
        if self.unix_socket:
            kwargs.update(unix_socket=self.unix_socket, ssl_disabled=True)
        else:
            kwargs.update(host=self.host, port=self.port)
        return kwargs

    def describe(self) -> str:
        """A printable location without the password."""
        return self.unix_socket or f"{self.user}@{self.host}:{self.port}"


def parse_db_url(url: str) -> ServerTarget:
    """``mysql://user:pass@host:port`` (also ``mariadb://``; ``?unix_socket=/path`` for a socket)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("mysql", "mariadb", "mysql+pymysql"):
        raise HarnessError(f"db_url must look like mysql://user:pass@host:port, got scheme {parsed.scheme!r}")
    query = dict(part.split("=", 1) for part in parsed.query.split("&") if "=" in part)
    return ServerTarget(
        host=parsed.hostname or "localhost",
        port=parsed.port or 3306,
        user=unquote(parsed.username or "root"),
        password=unquote(parsed.password or ""),
        unix_socket=unquote(query["unix_socket"]) if "unix_socket" in query else None,
    )


def _find(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name) or next(
            (str(Path(d) / name) for d in _SBIN_DIRS if (Path(d) / name).is_file()), None
        )
        if found:
            return found
    return None


_MEMORY_DIR = Path("/dev/shm")
_MEMORY_NEEDED = 256 << 20
"""The data directory holds ~40 MB; keep room for the biggest std tables and temporary files."""


def default_base_dir() -> Path | None:
    """Where the throwaway server's data directory goes: the shared-memory filesystem when there is
    one with room (a database and its table are created and dropped for every sample, and on a
    disk each of those DDL statements waits for fsyncs: ~50 ms per sample instead of ~2 ms; the
    data is thrown away anyway), else the system's temporary directory."""
    try:
        stat = os.statvfs(_MEMORY_DIR)
    except OSError:
        return None
    if not os.access(_MEMORY_DIR, os.W_OK) or stat.f_bavail * stat.f_frsize < _MEMORY_NEEDED:
        return None
    return _MEMORY_DIR


class MariaDBServer:
    """A throwaway MariaDB: ``start()`` initialises a temporary data directory (in memory where
    possible: :func:`default_base_dir`) and runs ``mariadbd`` on a unix socket (no networking);
    ``stop()`` kills it and removes everything."""

    def __init__(self, base_dir: Path | None = None, ready_timeout_s: float = 60.0):
        self.base_dir = base_dir or default_base_dir()
        self.ready_timeout_s = ready_timeout_s
        self.root: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def target(self) -> ServerTarget:
        if self.root is None:
            raise HarnessError("the throwaway MariaDB is not started")
        return ServerTarget(user="root", unix_socket=str(self.root / "mysqld.sock"))

    def start(self) -> ServerTarget:
        """Install a fresh data directory, start the server and wait until it answers."""
        server, install = _find(_SERVER_BINARIES), _find(_INSTALL_BINARIES)
        if server is None or install is None:
            raise HarnessError(
                "DBBench needs MariaDB: install mariadb-server (mariadbd, mariadb-install-db) "
                "or pass --task-opt db_url=mysql://user:pass@host:port"
            )
        # A short path: unix socket paths are limited to ~107 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="dbbench-mariadb-", dir=self.base_dir))
        data, log = self.root / "data", self.root / "error.log"
        as_root = ["--user=root"] if os.geteuid() == 0 else []
        install_cmd = [
            install, "--no-defaults", f"--datadir={data}", "--auth-root-authentication-method=normal",
            "--skip-test-db", *as_root, *_SMALL_SERVER_OPTIONS,
        ]  # fmt: skip
        done = subprocess.run(install_cmd, check=False, capture_output=True, text=True)
        if done.returncode != 0:
            self.stop()
            raise HarnessError(f"mariadb-install-db failed: {(done.stderr or done.stdout).strip()[-300:]}")
        server_cmd = [
            server, "--no-defaults", f"--datadir={data}", f"--socket={self.root / 'mysqld.sock'}",
            "--skip-networking", f"--pid-file={self.root / 'mysqld.pid'}", f"--log-error={log}",
            *as_root, *_SMALL_SERVER_OPTIONS,
        ]  # fmt: skip
        self.process = subprocess.Popen(
            server_cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_ready(log)
        return self.target

    def _wait_ready(self, log: Path) -> None:
        import pymysql

        deadline = time.monotonic() + self.ready_timeout_s
        while True:
            if self.process is not None and self.process.poll() is not None:
                tail = log.read_text(errors="replace")[-400:] if log.exists() else ""
                self.stop()
                raise HarnessError(f"mariadbd exited at start-up: {tail.strip()}")
            try:
                pymysql.connect(**self.target.connect_kwargs(), connect_timeout=2).close()
                return
            except pymysql.err.OperationalError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise HarnessError(f"mariadbd did not answer within {self.ready_timeout_s:.0f} s") from None
                time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and remove its directory."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> ServerTarget:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
