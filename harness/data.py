"""Official data sources: declaration, pull (network or local mirror), verification and cache.

Every task declares its sources (repository URL, revision, and each file's download URL and
sha256). ``harness data pull`` copies them into the cache (``$HARNESS_DATA_DIR``, default
``~/.cache/agentharness/data``). With ``HARNESS_DATA_MIRROR=DIR`` the files are read from a local
directory laid out ``DIR/<source.mirror>/<file.path>`` instead of the network.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from harness.errors import HarnessError


class DataFile(BaseModel):
    """One file of a source: where it lives inside the source, where to download it, its sha256."""

    model_config = ConfigDict(frozen=True)

    path: str
    url: str
    sha256: str


class DataSource(BaseModel):
    """A set of files published together at one revision."""

    model_config = ConfigDict(frozen=True)

    name: str
    """Cache directory name (and default mirror directory)."""
    repo: str
    revision: str
    license: str = ""
    files: tuple[DataFile, ...]
    mirror: str | None = None
    """Directory name in the mirror (default: ``name``)."""

    @property
    def mirror_dir(self) -> str:
        return self.mirror or self.name

    def digest(self) -> str:
        """One sha256 over the (path, sha256) list: the source's identity in manifests."""
        h = hashlib.sha256()
        for f in sorted(self.files, key=lambda f: f.path):
            h.update(f"{f.path}\0{f.sha256}\n".encode())
        return h.hexdigest()


Origin = Literal["official", "bundled-sample"]


class ResolvedData(BaseModel):
    """Where a task's source is read from in this run."""

    source: str
    origin: Origin
    path: str
    repo: str
    revision: str
    sha256: str


def cache_root() -> Path:
    return Path(os.environ.get("HARNESS_DATA_DIR") or Path.home() / ".cache" / "agentharness" / "data")


def mirror_root() -> Path | None:
    value = os.environ.get("HARNESS_DATA_MIRROR")
    return Path(value) if value else None


def _sha256(path: Path) -> str:
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


def _fetch(source: DataSource, file: DataFile, dest: Path) -> None:
    mirror = mirror_root()
    if mirror is not None:
        src = mirror / source.mirror_dir / file.path
        if not src.is_file():
            raise HarnessError(f"data mirror {mirror} lacks {source.mirror_dir}/{file.path}")
        shutil.copyfile(src, dest)
        return
    import httpx

    try:
        with httpx.stream("GET", file.url, follow_redirects=True, timeout=httpx.Timeout(60, connect=10)) as r:
            r.raise_for_status()
            with dest.open("wb") as out:
                for chunk in r.iter_bytes(1 << 20):
                    out.write(chunk)
    except httpx.HTTPError as exc:
        raise HarnessError(f"cannot download {file.url}: {exc}") from None


def pull(source: DataSource, *, force: bool = False) -> Path:
    """Fetch and verify every file of ``source`` into the cache; return the source directory."""
    root = cache_root() / source.name
    if is_pulled(source) and not force:
        return root
    root.mkdir(parents=True, exist_ok=True)
    for file in source.files:
        dest = root / file.path
        if dest.is_file() and _sha256(dest) == file.sha256:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
        os.close(fd)
        tmp_path = Path(tmp)
        try:
            _fetch(source, file, tmp_path)
            got = _sha256(tmp_path)
            if got != file.sha256:
                raise HarnessError(
                    f"checksum mismatch for {source.name}/{file.path}: expected {file.sha256[:12]}…, got {got[:12]}…"
                )
            os.replace(tmp_path, dest)
        finally:
            tmp_path.unlink(missing_ok=True)
    _stamp(source).write_text(source.digest() + "\n")
    return root


def resolve(source: DataSource, sample_data: Path | None) -> ResolvedData:
    """Pick the directory a run reads ``source`` from.

    Official data when it is in the cache, or can be pulled from ``HARNESS_DATA_MIRROR`` (local,
    no network). Otherwise the task's bundled sample set, which the manifest then records as
    ``bundled-sample`` (never silently: the runner prints a warning).
    """
    if is_pulled(source) or mirror_root() is not None:
        path = pull(source)
        origin: Origin = "official"
    elif sample_data is not None and (sample_data / source.name).is_dir():
        path = sample_data / source.name
        origin = "bundled-sample"
    else:
        raise HarnessError(f"data source {source.name!r} is not pulled: run `harness data pull`")
    return ResolvedData(
        source=source.name,
        origin=origin,
        path=str(path),
        repo=source.repo,
        revision=source.revision,
        sha256=source.digest(),
    )
