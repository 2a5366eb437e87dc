"""The sandbox's own root filesystem: a Debian bookworm minbase built once with debootstrap.

It stands in for AgentBench's ``local-os/default`` image (``FROM ubuntu`` + python3, python3-pip,
git, vim, curl, wget, unzip, zip, tree). Differences, on purpose and documented:

* Debian bookworm instead of Ubuntu (debootstrap of Debian needs no extra keyring here);
* ``procps`` is installed (``ps``/``free`` are used by the group-7 example scripts);
* no network exists in the sandbox, so ``apt`` sees one offline, trusted flat repository
  (``/opt/harness-apt``) holding ``sudo``: the three std problems that run
  ``apt update && apt install sudo -y`` work as in the original, and ``sudo`` is *not*
  preinstalled (as in the ``ubuntu`` image);
* file ownership is shifted by the sandbox uid base (default 100000), so the sandbox's root is an
  unprivileged host uid (the rootfs is mounted through a user namespace mapping 0..65535 there).

Built atomically (a temporary directory renamed into place) under a file lock, cached under
``$HARNESS_ROOTFS_DIR`` (default ``~/.cache/agentharness/rootfs``). Building needs root,
``debootstrap`` and access to a Debian mirror (``$HARNESS_ROOTFS_MIRROR``).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from harness.errors import HarnessError

SUITE = "bookworm"
PACKAGES = ("python3", "python3-pip", "git", "vim", "curl", "wget", "unzip", "zip", "tree", "procps")
OFFLINE_PACKAGES = ("sudo",)
"""Packages put in the offline apt repository (installable with apt, not preinstalled)."""
BUILDER_VERSION = "1"
UID_BASE = int(os.environ.get("HARNESS_SANDBOX_UID_BASE", "100000"))
UID_COUNT = 65536
_REPO_DIR = "opt/harness-apt"


def rootfs_root() -> Path:
    return Path(os.environ.get("HARNESS_ROOTFS_DIR") or Path.home() / ".cache" / "agentharness" / "rootfs")


def rootfs_key() -> str:
    spec = f"{BUILDER_VERSION}|{SUITE}|{','.join(PACKAGES)}|{','.join(OFFLINE_PACKAGES)}|{UID_BASE}"
    return f"{SUITE}-{hashlib.sha256(spec.encode()).hexdigest()[:12]}"


def rootfs_path() -> Path:
    return rootfs_root() / rootfs_key()


def is_built() -> bool:
    return (rootfs_path() / ".harness-rootfs").is_file()


def ensure_rootfs(build: bool = True) -> Path:
    """The built rootfs, building it first (with a lock) when it is missing and ``build`` is set."""
    path = rootfs_path()
    if is_built():
        return path
    if not build:
        raise HarnessError(f"sandbox rootfs {path} is not built (run: python -m tasks.services.sandbox.rootfs)")
    if os.geteuid() != 0:
        raise HarnessError("building the sandbox rootfs needs root (debootstrap)")
    if shutil.which("debootstrap") is None:
        raise HarnessError("building the sandbox rootfs needs debootstrap (apt-get install debootstrap)")
    root = rootfs_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_built():
            return path
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".tmp-{path.name}-"))
        try:
            _build(tmp)
            tmp.rename(path)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return path


def _run(cmd: list[str], **kw) -> None:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if proc.returncode != 0:
        raise HarnessError(f"sandbox rootfs build failed: {' '.join(cmd[:3])}…: {proc.stdout[-1500:]}")


def _build(target: Path) -> None:
    started = time.monotonic()
    mirror = os.environ.get("HARNESS_ROOTFS_MIRROR", "http://deb.debian.org/debian")
    include = ",".join(PACKAGES + OFFLINE_PACKAGES)
    _run(["debootstrap", "--variant=minbase", f"--include={include}", SUITE, str(target), mirror])
    _offline_repo(target)
    for junk in ("var/cache/apt/archives", "var/lib/apt/lists"):
        for p in (target / junk).glob("*"):
            if p.is_file():
                p.unlink()
    (target / "etc/hostname").write_text("localhost\n")
    (target / "etc/hosts").write_text("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
    os.chmod(target, 0o755)  # mkdtemp made it 0700: it becomes the sandbox's "/"
    _shift_ownership(target, UID_BASE)
    (target / ".harness-rootfs").write_text(f"{rootfs_key()} built in {time.monotonic() - started:.0f}s\n")


def _offline_repo(target: Path) -> None:
    """Move the offline packages' .debs into a flat apt repository and uninstall them."""
    repo = target / _REPO_DIR
    repo.mkdir(parents=True, exist_ok=True)
    entries = []
    for name in OFFLINE_PACKAGES:
        debs = sorted((target / "var/cache/apt/archives").glob(f"{name}_*.deb"))
        if not debs:
            raise HarnessError(f"sandbox rootfs build: no .deb for {name}")
        deb = repo / debs[-1].name
        shutil.copyfile(debs[-1], deb)
        control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
        data = deb.read_bytes()
        entries.append(
            control.rstrip("\n")
            + f"\nFilename: ./{deb.name}\nSize: {len(data)}\nMD5sum: {hashlib.md5(data).hexdigest()}"
            + f"\nSHA256: {hashlib.sha256(data).hexdigest()}\n"
        )
        _run(["chroot", str(target), "dpkg", "--purge", name], env={**os.environ, "SUDO_FORCE_REMOVE": "yes"})
    (repo / "Packages").write_text("\n".join(entries))
    sources = target / "etc/apt/sources.list"
    sources.write_text(f"deb [trusted=yes] file:/{_REPO_DIR} ./\n")
    for extra in (target / "etc/apt/sources.list.d").glob("*"):
        extra.unlink()


def _shift_ownership(target: Path, base: int) -> None:
    """Add ``base`` to every uid/gid (keeping setuid/setgid bits, which chown clears)."""
    for dirpath, dirnames, filenames in os.walk(target):
        for name in [*dirnames, *filenames, None]:
            p = dirpath if name is None else os.path.join(dirpath, name)
            st = os.lstat(p)
            if st.st_uid >= base:
                continue
            os.lchown(p, st.st_uid + base, st.st_gid + base)
            if not stat.S_ISLNK(st.st_mode) and st.st_mode & (stat.S_ISUID | stat.S_ISGID):
                os.chmod(p, stat.S_IMODE(st.st_mode))


if __name__ == "__main__":
    t0 = time.monotonic()
    print(ensure_rootfs(), f"({time.monotonic() - t0:.0f}s)")
