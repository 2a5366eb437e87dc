"""Official data sources: declaration, pull (network or local mirror), verification and cache.

Every task declares its sources: a repository at a revision with each file's download URL and
sha256 (:func:`repo_files` builds them for "these paths of repo R at revision V"), and/or
archives (zip, tar) pinned by sha256 whose members are extracted into the cache, each member's
sha256 recorded in the cache (and checked when the source pins it). ``harness data pull`` fetches
and verifies them into the cache (``$HARNESS_DATA_DIR``, default ``~/.cache/agentharness/data``).

With ``HARNESS_DATA_MIRROR=DIR`` files are read from a local directory laid out
``DIR/<source.mirror>/<file.path>`` instead of the network; a mirror holds archives extracted,
so an archive's members are read from ``DIR/<source.mirror>/<member path>`` and must match the
member checksums the source pins.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict

from harness.errors import HarnessError


class DataFile(BaseModel):
    """One file of a source: where it lives inside the source, where to download it, its sha256."""

    model_config = ConfigDict(frozen=True)

    path: str
    url: str
    sha256: str


class DataArchive(BaseModel):
    """An archive (``.zip``, ``.tar``, ``.tar.gz``...) pinned by sha256, extracted into the cache."""

    model_config = ConfigDict(frozen=True)

    url: str
    sha256: str
    members: Mapping[str, str] = {}
    """Member path (after ``strip_prefix``) -> sha256: the members to extract and their pinned
    checksums. Empty: extract every member (checksums are recorded, not checked)."""
    strip_prefix: str = ""
    """A leading folder of the archive's member names to drop (e.g. ``"json_2.1.1-main/"``)."""
    password: str | None = None
    """For zip archives published encrypted with a public password (e.g. Mind2Web's test set)."""

    @property
    def filename(self) -> str:
        return PurePosixPath(self.url.split("?", 1)[0]).name or "archive"


class DataSource(BaseModel):
    """A set of files published together at one revision."""

    model_config = ConfigDict(frozen=True)

    name: str
    """Cache directory name (and default mirror directory)."""
    repo: str
    revision: str
    license: str = ""
    files: tuple[DataFile, ...] = ()
    archives: tuple[DataArchive, ...] = ()
    mirror: str | None = None
    """Directory name in the mirror (default: ``name``)."""

    @property
    def mirror_dir(self) -> str:
        return self.mirror or self.name

    def digest(self) -> str:
        """One sha256 over the pinned checksums: the source's identity in manifests."""
        h = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.path):
            h.update(f"{f.path}\0{f.sha256}\n".encode())
        for a in self.archives:
            h.update(f"archive\0{a.url}\0{a.sha256}\n".encode())
            for path, sha in sorted(a.members.items()):
                h.update(f"{path}\0{sha}\n".encode())
        return h.hexdigest()


def repo_files(raw_base: str, checksums: Mapping[str, str]) -> tuple[DataFile, ...]:
    """Files of a repository at one revision: ``raw_base`` is the revision's raw-file URL prefix
    (e.g. ``https://raw.githubusercontent.com/OWNER/REPO/REV``), ``checksums`` maps each path to
    its sha256."""
    base = raw_base.rstrip("/")
    return tuple(DataFile(path=path, url=f"{base}/{path}", sha256=sha) for path, sha in checksums.items())


Origin = Literal["official", "bundled-sample", "authored"]
"""``official``: the pulled source; ``bundled-sample``: the task's small bundled set, read because
the source is not pulled; ``authored``: a set written for this harness that the task runs in place
of the official one whatever is pulled (e.g. KG without a Freebase endpoint), see
:meth:`harness.task.Task.provenance`."""


class ResolvedData(BaseModel):
    """Where a task's source is read from in this run."""

    source: str
    origin: Origin
    path: str
    repo: str
    revision: str
    sha256: str
    members_sha256: str | None = None
    """For sources with archives: sha256 over the extracted members' recorded checksums."""


def cache_root() -> Path:
    return Path(os.environ.get("HARNESS_DATA_DIR") or Path.home() / ".cache" / "agentharness" / "data")


def mirror_root() -> Path | None:
    value = os.environ.get("HARNESS_DATA_MIRROR")
    return Path(value) if value else None


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _stamp(source: DataSource) -> Path:
    return cache_root() / source.name / ".verified"


def is_pulled(source: DataSource) -> bool:
    """True when every file of the source is in the cache and was verified at pull time."""
    stamp = _stamp(source)
    return stamp.is_file() and stamp.read_text().strip() == source.digest()


def _download(url: str, dest: Path) -> None:
    import httpx

    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=httpx.Timeout(60, connect=10)) as r:
            r.raise_for_status()
            with dest.open("wb") as out:
                for chunk in r.iter_bytes(1 << 20):
                    out.write(chunk)
    except httpx.HTTPError as exc:
        raise HarnessError(f"cannot download {url}: {exc}") from None


class MirrorMissing(HarnessError):
    """The local mirror does not hold a file of the source."""


def _fetch(source: DataSource, path: str, url: str, dest: Path) -> None:
    mirror = mirror_root()
    if mirror is not None:
        src = mirror / source.mirror_dir / path
        if not src.is_file():
            raise MirrorMissing(f"data mirror {mirror} lacks {source.mirror_dir}/{path}")
        shutil.copyfile(src, dest)
        return
    _download(url, dest)


def _place(source: DataSource, dest: Path, sha256: str | None, fill: Callable[[Path], None], what: str) -> str:
    """Write ``dest`` through a temporary file filled by ``fill``, checking ``sha256`` when pinned;
    returns the file's sha256."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        fill(tmp_path)
        got = file_sha256(tmp_path)
        if sha256 is not None and got != sha256:
            raise HarnessError(f"checksum mismatch for {source.name}/{what}: expected {sha256[:12]}…, got {got[:12]}…")
        os.replace(tmp_path, dest)
        return got
    finally:
        tmp_path.unlink(missing_ok=True)


def _safe_member(name: str, strip_prefix: str) -> str | None:
    """The member's path inside the source (None: outside ``strip_prefix``, a folder, or unsafe)."""
    if strip_prefix:
        if not name.startswith(strip_prefix):
            return None
        name = name[len(strip_prefix):]
    parts = PurePosixPath(name).parts
    if not parts or name.endswith("/") or PurePosixPath(name).is_absolute() or ".." in parts:
        return None
    return str(PurePosixPath(*parts))


def _extract(source: DataSource, archive: DataArchive, file: Path, root: Path) -> dict[str, str]:
    """Extract the wanted members of a downloaded archive into ``root``; their sha256 by path."""
    wanted = dict(archive.members)
    found: dict[str, str] = {}

    def take(name: str, read: Callable[[], bytes]) -> None:
        path = _safe_member(name, archive.strip_prefix)
        if path is None or (wanted and path not in wanted):
            return
        data = read()
        found[path] = _place(source, root / path, wanted.get(path), lambda tmp: tmp.write_bytes(data), path)

    try:
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as zf:
                for info in zf.infolist():
                    if not info.is_dir():
                        pwd = archive.password.encode() if archive.password else None
                        take(info.filename, lambda info=info, pwd=pwd: zf.read(info, pwd=pwd))
        else:
            with tarfile.open(file) as tf:
                for member in tf:
                    if member.isfile():
                        take(member.name, lambda member=member: tf.extractfile(member).read())  # type: ignore[union-attr]
    except (zipfile.BadZipFile, tarfile.TarError, OSError, RuntimeError) as exc:  # RuntimeError: encrypted, bad password
        raise HarnessError(f"{source.name}: cannot read archive {archive.filename}: {exc}") from None
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise HarnessError(f"{source.name}: archive {archive.filename} lacks {missing[0]}" + (f" (+{len(missing) - 1} more)" if len(missing) > 1 else ""))
    return found


def _pull_archive(source: DataSource, archive: DataArchive, root: Path) -> dict[str, str]:
    mirror = mirror_root()
    if mirror is not None:
        if not archive.members:
            raise HarnessError(f"{source.name}: a mirror holds archives extracted; the source must pin the members it reads")
        out = {}
        for path, sha in archive.members.items():
            dest = root / path
            if dest.is_file() and file_sha256(dest) == sha:
                out[path] = sha
                continue
            out[path] = _place(source, dest, sha, lambda tmp, path=path: _fetch(source, path, "", tmp), path)
        return out
    store = root / ".archives" / archive.filename
    if not (store.is_file() and file_sha256(store) == archive.sha256):
        _place(source, store, archive.sha256, lambda tmp: _download(archive.url, tmp), archive.filename)
    found = _extract(source, archive, store, root)
    store.unlink()  # the members are what the task reads; the archive is fetched again on --force
    return found


MEMBERS = ".members.json"
"""In a source's cache folder: the sha256 of every member extracted from its archives."""


def pull(source: DataSource, *, force: bool = False) -> Path:
    """Fetch and verify every file and archive of ``source`` into the cache; return its folder."""
    root = cache_root() / source.name
    if is_pulled(source) and not force:
        return root
    root.mkdir(parents=True, exist_ok=True)
    for file in source.files:
        dest = root / file.path
        if dest.is_file() and file_sha256(dest) == file.sha256:
            continue
        _place(source, dest, file.sha256, lambda tmp, file=file: _fetch(source, file.path, file.url, tmp), file.path)
    if source.archives:
        members: dict[str, str] = {}
        for archive in source.archives:
            members.update(_pull_archive(source, archive, root))
        (root / MEMBERS).write_text(json.dumps(dict(sorted(members.items())), indent=1) + "\n")
    _stamp(source).write_text(source.digest() + "\n")
    return root


def members_digest(root: Path) -> str | None:
    """One sha256 over the recorded member checksums of a pulled source (None: no archives)."""
    path = root / MEMBERS
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def resolve(source: DataSource, sample_data: Path | None) -> ResolvedData:
    """Pick the directory a run reads ``source`` from.

    Official data when it is in the cache, or can be pulled from ``HARNESS_DATA_MIRROR`` (local,
    no network). Otherwise (no mirror, or a mirror without this source) the task's bundled sample
    set, which the manifest then records as ``bundled-sample`` (never silently: the runner prints
    a warning). A mirror file that fails its checksum is an error, never a fallback.
    """
    has_sample = sample_data is not None and (sample_data / source.name).is_dir()
    path: Path | None = None
    origin: Origin = "official"
    if is_pulled(source) or mirror_root() is not None:
        try:
            path = pull(source)
        except MirrorMissing:
            if not has_sample:
                raise
    if path is None:
        if not has_sample:
            raise HarnessError(f"data source {source.name!r} is not pulled: run `harness data pull`")
        assert sample_data is not None
        path = sample_data / source.name
        origin = "bundled-sample"
    return ResolvedData(
        source=source.name,
        origin=origin,
        path=str(path),
        repo=source.repo,
        revision=source.revision,
        sha256=source.digest(),
        members_sha256=members_digest(path) if origin == "official" else None,
    )
