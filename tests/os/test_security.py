"""Adversarial commands through the real local sandbox: the host must stay untouched."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from tasks.services.sandbox.rootfs import rootfs_path

pytestmark = [pytest.mark.needs_root, pytest.mark.usefixtures("local_ok")]
REPO = Path(__file__).resolve().parents[2]


def test_rm_rf_root_leaves_host_intact(sandbox, tmp_path):
    outside = tmp_path / "canary.txt"
    outside.write_text("keep")
    in_tmp = Path("/tmp") / f"harness-canary-{os.getpid()}"
    in_tmp.write_text("keep")
    stamp = rootfs_path() / ".harness-rootfs"
    before = stamp.read_text()
    try:
        sandbox.shell("rm -rf --no-preserve-root / 2>/dev/null; ls /", timeout=30)
        assert outside.read_text() == "keep"
        assert in_tmp.read_text() == "keep"
        assert stamp.read_text() == before
        assert (rootfs_path() / "usr/bin/bash").exists()
        assert (REPO / "pyproject.toml").is_file()
    finally:
        in_tmp.unlink()


def test_writes_to_host_paths_stay_inside(sandbox):
    tag = f"escape-{os.getpid()}"
    out = sandbox.shell(
        f"echo x > /root/{tag}; echo x > /etc/{tag}; mkdir -p {REPO} && echo x > {REPO}/{tag}; cat /etc/{tag}"
    )
    assert out.output.strip() == "x"  # written inside the sandbox's own layer...
    for path in (Path("/root") / tag, Path("/etc") / tag, REPO / tag):
        assert not path.exists()  # ...never on the host


def test_host_secrets_are_invisible(monkeypatch, tmp_path):
    from tasks.services.sandbox.local import LocalSandbox

    monkeypatch.setenv("HARNESS_CANARY_SECRET", "s3cr3t-canary")
    secret_file = Path("/root") / f"harness-canary-{os.getpid()}"
    secret_file.write_text("s3cr3t-file")
    sb = LocalSandbox()
    sb.start()
    try:
        shell = sb.shell(f"env; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; cat {secret_file}; ls /work /root")
        exec_ = sb.exec(["bash", "-c", "env"])
        for text in (shell.output, exec_.output):
            assert "s3cr3t" not in text
            assert "HARNESS_" not in text
        assert "No such file" in shell.output
    finally:
        sb.close()
        secret_file.unlink()


def test_no_network_to_host_services(sandbox):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    port = server.getsockname()[1]
    hits = []

    def accept():
        server.settimeout(8)
        try:
            conn, _ = server.accept()
            hits.append(1)
            conn.close()
        except OSError:
            pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        out = sandbox.shell(
            f"curl -s --max-time 2 http://127.0.0.1:{port}/ && echo REACHED; "
            f"python3 -c \"import socket; socket.create_connection(('127.0.0.1', {port}), 2); print('REACHED')\" 2>&1 | tail -1; "
            "curl -s --max-time 2 http://1.1.1.1/ && echo REACHED; ls /sys/class/net",
            timeout=20,
        )
        assert "REACHED" not in out.output
        assert out.output.split()[-1] == "lo"  # the namespace's own loopback is its only interface
        time.sleep(0.2)
        assert hits == []
    finally:
        server.close()
        t.join(timeout=10)


def test_fork_bomb_is_cut_and_host_stays_responsive(sandbox):
    started = time.monotonic()
    out = sandbox.shell(":(){ :|:& };:", timeout=3)
    assert time.monotonic() - started < 20
    count = sandbox.exec(["bash", "-c", "ls -d /proc/[0-9]* | wc -l"], timeout=10)
    assert count.exit_code != 0 or int(count.output.split()[-1]) <= 64 + 2
    assert out.timed_out or out.exit_code is not None
    t0 = time.monotonic()
    assert os.system("true") == 0 and time.monotonic() - t0 < 5  # the host still forks


def test_infinite_loop_is_killed_and_shell_survives(sandbox):
    out = sandbox.shell("X=kept; while true; do :; done", timeout=3)
    assert out.timed_out
    again = sandbox.shell("echo $X alive")
    assert again.output.strip() == "kept alive"


def test_huge_output_is_capped(sandbox):
    out = sandbox.shell("head -c 50000000 /dev/zero | tr '\\0' a; echo", timeout=30)
    assert out.truncated
    assert len(out.output) <= 256 << 10
    from tasks.os_interaction.prompt import observation

    obs = observation(out.output)
    assert obs.endswith("\n[truncated because the output is too long]")
    assert len(obs) == len("The output of the OS:\n\n") + 780 + len("\n[truncated because the output is too long]")
