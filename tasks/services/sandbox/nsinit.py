"""Sandbox launcher, run as its own process by :class:`tasks.services.sandbox.local.LocalSandbox`.

It creates new user, mount, pid, network, uts and ipc namespaces; maps sandbox uids/gids
0..65535 to the unprivileged host range ``base..base+65535``; mounts an overlay (the read-only
rootfs below, a throwaway upper directory above) as the new root with fresh ``/proc``, a minimal
``/dev`` and no host path at all; brings up the namespace's own loopback (no other interface
exists: there is no route out); and then stays as pid 1 of the sandbox, reaping orphans. Commands
are started inside it with ``nsenter`` by the parent. It prints ``{"pid": N}`` (N = pid 1 of the
sandbox, as the host sees it) on stdout once the sandbox is ready, or an error line and exits 1.

Usage: ``python3 nsinit.py ROOTFS RUNDIR UID_BASE [CGROUP_PROCS_FILE...]`` (as root).
"""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import signal
import socket
import struct
import sys

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
COUNT = 65536

_REAPER = """import os, time
while True:
    try:
        os.wait()
    except ChildProcessError:
        time.sleep(1)
"""

_libc = ctypes.CDLL(None, use_errno=True)


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(src: str | None, dst: str, fstype: str | None, flags: int = 0, data: str | None = None) -> None:
    _check(
        _libc.mount(
            src.encode() if src else None, dst.encode(), fstype.encode() if fstype else None,
            ctypes.c_ulong(flags), data.encode() if data else None,
        ),
        f"mount {dst}",
    )


def _pdeathsig() -> None:
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _loopback_up() -> None:
    """SIOCSIFFLAGS lo IFF_UP|IFF_RUNNING inside the new network namespace (docker does the same)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        ifr = struct.pack("16sh", b"lo", 0x1 | 0x40)
        fcntl.ioctl(s.fileno(), 0x8914, ifr + b"\0" * 22)


def _make_dev(newroot: str) -> None:
    dev = f"{newroot}/dev"
    _mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=65536k")
    for name in ("null", "zero", "full", "random", "urandom", "tty"):
        open(f"{dev}/{name}", "w").close()
        _mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND)
    os.mkdir(f"{dev}/pts")
    os.mkdir(f"{dev}/shm")
    _mount("devpts", f"{dev}/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620")
    _mount("tmpfs", f"{dev}/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=65536k")
    for link, target in (("ptmx", "pts/ptmx"), ("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{dev}/{link}")


def _bind_lower(rootfs: str, rundir: str) -> None:
    """As host root, in a private mount namespace: bind the rootfs read-only at RUNDIR/lower,
    a path the sandbox's unprivileged uid can reach (the cache may sit under /root)."""
    _check(_libc.unshare(CLONE_NEWNS), "unshare mount namespace")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount(rootfs, f"{rundir}/lower", None, MS_BIND)
    _mount(None, f"{rundir}/lower", None, MS_BIND | MS_REMOUNT | MS_RDONLY)


def _set_hostname(name: str) -> None:
    """The UTS hostname; any other than the rootfs's ``localhost`` also goes in /etc/hostname and
    /etc/hosts, as docker writes a container's (its id, on the default bridge's first address)."""
    raw = name.encode()
    _check(_libc.sethostname(raw, len(raw)), "sethostname")
    if name != "localhost":
        with open("/etc/hostname", "w") as f:
            f.write(name + "\n")
        with open("/etc/hosts", "a") as f:
            f.write(f"172.17.0.2\t{name}\n")


def _setup_root(rundir: str) -> None:
    """In the new namespaces (as pid 1): overlay root, /proc, /dev, pivot_root, loopback."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    newroot = f"{rundir}/root"
    _mount(
        "overlay", newroot, "overlay", 0,
        f"lowerdir={rundir}/lower,upperdir={rundir}/upper,workdir={rundir}/work,userxattr",
    )
    _mount("proc", f"{newroot}/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    try:  # host-root-only directory (unreadable here): `find /` would print an error docker does not
        _mount("tmpfs", f"{newroot}/proc/tty/driver", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, "size=4k")
    except OSError:
        pass
    _make_dev(newroot)
    try:  # read-only sysfs like docker; skipped where the kernel refuses it
        _mount("sysfs", f"{newroot}/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY)
    except OSError:
        pass
    os.makedirs(f"{newroot}/.oldroot", exist_ok=True)
    _check(_libc.syscall(155, newroot.encode(), f"{newroot}/.oldroot".encode()), "pivot_root")  # x86_64
    os.chdir("/")
    _check(_libc.umount2(b"/.oldroot", MNT_DETACH), "umount old root")
    os.rmdir("/.oldroot")
    _set_hostname(os.environ.get("HARNESS_SANDBOX_HOSTNAME") or "localhost")
    _loopback_up()


def main(argv: list[str]) -> int:
    rootfs, rundir, base = argv[0], argv[1], int(argv[2])
    cgroup_files = argv[3:]
    for path in cgroup_files:  # join the limiting cgroups first: every descendant inherits them
        with open(path, "w") as f:
            f.write(str(os.getpid()))
    ready_r, ready_w = os.pipe()  # child -> parent: namespaces created
    go_r, go_w = os.pipe()  # parent -> child: maps written
    pid_r, pid_w = os.pipe()  # child -> parent: pid 1 started, or an error
    child = os.fork()
    if child == 0:
        os.close(ready_r), os.close(go_w), os.close(pid_r)
        try:
            _pdeathsig()
            _bind_lower(rootfs, rundir)
            _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC),
                   "unshare")
            os.write(ready_w, b"1")
            if os.read(go_r, 1) != b"1":
                os._exit(1)
            os.setgroups([])
            os.setresgid(0, 0, 0)
            os.setresuid(0, 0, 0)
            init_r, init_w = os.pipe()
            init = os.fork()
            if init == 0:  # pid 1 of the new pid namespace
                os.close(init_r)
                try:
                    _pdeathsig()
                    _setup_root(rundir)
                    os.write(init_w, b"ok")
                except Exception as exc:  # report and die: the parent prints it
                    os.write(init_w, f"error: {exc}".encode())
                    os._exit(1)
                os.close(init_w)
                # Become the rootfs's own python as pid 1 (no host path shows in `ps`), reaping orphans.
                os.execve("/usr/bin/python3", ["python3", "-S", "-c", _REAPER], {"PATH": "/usr/bin:/bin"})
            os.close(init_w)
            status = os.read(init_r, 4096).decode()
            os.write(pid_w, (f"{init}" if status == "ok" else status).encode())
            os.close(pid_w)
            _, code = os.waitpid(init, 0)
            os._exit(0)
        except Exception as exc:
            os.write(pid_w, f"error: {exc}".encode())
            os._exit(1)
    os.close(ready_w), os.close(go_r), os.close(pid_w)
    if os.read(ready_r, 1) != b"1":
        print("error: sandbox namespaces could not be created", flush=True)
        return 1
    for kind in ("uid", "gid"):
        with open(f"/proc/{child}/{kind}_map", "w") as f:
            f.write(f"0 {base} {COUNT}\n")
    os.write(go_w, b"1")
    reply = os.read(pid_r, 4096).decode()
    if not reply.isdigit():
        print(reply or "error: sandbox init died", flush=True)
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        return 1
    print(json.dumps({"pid": int(reply)}), flush=True)
    os.waitpid(child, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
