"""Archive data sources: pinned by sha256, members extracted into the cache, member checksums
recorded and checked; downloaded from a loopback HTTP server (the real code path) or read from a
mirror that holds the archive extracted."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import tarfile
import threading
import zipfile

import pytest

from harness.data import MEMBERS, DataArchive, DataSource, pull, repo_files, resolve
from harness.errors import HarnessError

MEMBERS_CONTENT = {"games/a/game.json": b'{"a": 1}', "games/b/game.json": b'{"b": 2}', "README": b"hello"}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_zip(prefix: str = "release/") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in MEMBERS_CONTENT.items():
            zf.writestr(prefix + name, data)
        zf.writestr(prefix + "../evil", b"x")  # never extracted outside the cache
    return buf.getvalue()


def make_tgz() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in MEMBERS_CONTENT.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.fixture
def server():
    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield files, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HARNESS_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HARNESS_DATA_MIRROR", "")
    return tmp_path / "cache"


def test_zip_members_are_extracted_and_checked(server, cache):
    files, base = server
    archive = make_zip()
    files["/release.zip"] = archive
    wanted = {k: sha(v) for k, v in MEMBERS_CONTENT.items() if k.startswith("games/")}
    src = DataSource(name="games", repo="r", revision="v",
                     archives=(DataArchive(url=f"{base}/release.zip", sha256=sha(archive), members=wanted, strip_prefix="release/"),))
    root = pull(src)
    assert (root / "games/a/game.json").read_bytes() == b'{"a": 1}' and not (root / "README").exists()
    assert json.loads((root / MEMBERS).read_text()) == wanted
    assert not (cache.parent / "evil").exists() and not (root.parent / "evil").exists()
    assert resolve(src, None).members_sha256 == sha((root / MEMBERS).read_bytes())


def test_every_member_of_a_tarball_when_none_is_pinned(server, cache):
    files, base = server
    archive = make_tgz()
    files["/data.tar.gz"] = archive
    src = DataSource(name="all", repo="r", revision="v", archives=(DataArchive(url=f"{base}/data.tar.gz", sha256=sha(archive)),))
    root = pull(src)
    assert json.loads((root / MEMBERS).read_text()) == {k: sha(v) for k, v in sorted(MEMBERS_CONTENT.items())}


def test_bad_archives_are_bad_input(server, cache):
    files, base = server
    archive = make_zip()
    files["/release.zip"] = archive
    wrong = DataSource(name="w1", repo="r", revision="v", archives=(DataArchive(url=f"{base}/release.zip", sha256="0" * 64),))
    with pytest.raises(HarnessError, match="checksum mismatch"):
        pull(wrong)
    member = DataSource(name="w2", repo="r", revision="v", archives=(
        DataArchive(url=f"{base}/release.zip", sha256=sha(archive), strip_prefix="release/", members={"README": "0" * 64}),))
    with pytest.raises(HarnessError, match="checksum mismatch for w2/README"):
        pull(member)
    missing = DataSource(name="w3", repo="r", revision="v", archives=(
        DataArchive(url=f"{base}/release.zip", sha256=sha(archive), strip_prefix="release/", members={"nope": "0" * 64}),))
    with pytest.raises(HarnessError, match="lacks nope"):
        pull(missing)


def test_a_mirror_holds_the_members_extracted(tmp_path, monkeypatch):
    mirror = tmp_path / "mirror" / "games-mirror"
    for name, data in MEMBERS_CONTENT.items():
        (mirror / name).parent.mkdir(parents=True, exist_ok=True)
        (mirror / name).write_bytes(data)
    monkeypatch.setenv("HARNESS_DATA_MIRROR", str(tmp_path / "mirror"))
    monkeypatch.setenv("HARNESS_DATA_DIR", str(tmp_path / "cache"))
    wanted = {"games/a/game.json": sha(MEMBERS_CONTENT["games/a/game.json"])}
    src = DataSource(name="games", repo="r", revision="v", mirror="games-mirror",
                     archives=(DataArchive(url="https://example.invalid/x.zip", sha256="0" * 64, members=wanted),),
                     files=repo_files("https://raw.example/r/v", {"README": sha(b"hello")}))
    root = pull(src)
    assert (root / "games/a/game.json").is_file() and (root / "README").read_bytes() == b"hello"
    assert src.files[0].url == "https://raw.example/r/v/README"


def test_repo_files_builds_urls_at_the_revision():
    files = repo_files("https://raw.githubusercontent.com/o/r/abc/", {"a/b.json": "1" * 64})
    assert files[0].url == "https://raw.githubusercontent.com/o/r/abc/a/b.json" and files[0].path == "a/b.json"


def test_an_encrypted_zip_needs_its_password(server, cache, tmp_path):
    import shutil
    import subprocess

    if shutil.which("zip") is None:
        pytest.skip("needs the zip command to build an encrypted archive")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.json").write_bytes(b"{}")
    subprocess.run(["zip", "-q", "-P", "secret", str(tmp_path / "e.zip"), "a.json"], cwd=tmp_path / "src", check=True)
    files, base = server
    data = (tmp_path / "e.zip").read_bytes()
    files["/e.zip"] = data
    plain = DataSource(name="e1", repo="r", revision="v", archives=(DataArchive(url=f"{base}/e.zip", sha256=sha(data)),))
    with pytest.raises(HarnessError, match="cannot read archive e.zip"):
        pull(plain)
    locked = DataSource(name="e2", repo="r", revision="v",
                        archives=(DataArchive(url=f"{base}/e.zip", sha256=sha(data), password="secret"),))
    assert (pull(locked) / "a.json").read_bytes() == b"{}"
