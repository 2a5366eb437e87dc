"""Reading the data: zip members or extracted files, the score pickle, the bundled sample's
freshness, and bad input (one clear line, exit code 2)."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import zipfile
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from harness import registry
from harness.cli import main as cli_main
from harness.errors import HarnessError
from tasks.mind2web import Mind2Web
from tasks.mind2web.source import Mind2WebData, load_rankings
from tests.mind2web.fixtures import SHOP_PAGE, action, make_task, ranks_for, task, write_source

BUNDLED = Path(Mind2Web.sample_data) / "mind2web"


def _one_task_source(root: Path) -> Path:
    steps = [action("u0", SHOP_PAGE, "CLICK", "", pos=["9"], neg=["5", "8"])]
    return write_source(root, [task("z1", "Search", steps)], ranks_for("z1", "u0", ["9", "5", "8"]))


def test_reads_the_split_from_test_zip(tmp_path):
    extracted = _one_task_source(tmp_path / "x")
    root = tmp_path / "zipped"
    root.mkdir()
    shutil.copy(extracted / "scores_all_data.pkl", root)
    with zipfile.ZipFile(root / "test.zip", "w") as archive:  # the real one is ZipCrypto-encrypted
        archive.write(extracted / "test_domain" / "test_domain_0.json", "test_domain/test_domain_0.json")
        archive.writestr("test_task/test_task_0.json", "[]")
    data = Mind2WebData(root)
    assert data.files("test_domain") == ["test_domain/test_domain_0.json"]
    assert [t.annotation_id for t in data.tasks("test_domain/test_domain_0.json")] == ["z1"]
    with pytest.raises(HarnessError, match="no data files for split 'test_website'"):
        data.files("test_website")


@pytest.mark.skipif(shutil.which("zip") is None, reason="the zip command (to encrypt a test archive) is not installed")
def test_reads_an_encrypted_zip_with_the_published_password(tmp_path):
    extracted = _one_task_source(tmp_path)
    subprocess.run(
        ["zip", "-q", "-P", "mind2web", "test.zip", "test_domain/test_domain_0.json"], cwd=extracted, check=True
    )
    shutil.rmtree(extracted / "test_domain")
    assert [s.id for s in make_task(extracted).samples("test_domain")] == ["z1"]


def test_the_score_file_cannot_run_code(tmp_path):
    class Evil:
        def __reduce__(self):  # os.system, not print: Ray, once imported, replaces builtins.print
            return (os.system, ("echo pwned",))

    path = tmp_path / "scores_all_data.pkl"
    path.write_bytes(pickle.dumps({"scores": {}, "ranks": {}, "x": Evil()}))
    with pytest.raises(HarnessError, match=r"refused to load (posix|os)\.system"):
        load_rankings(path)


def test_numpy_scores_are_accepted(tmp_path):
    np = pytest.importorskip("numpy")
    path = tmp_path / "scores_all_data.pkl"
    path.write_bytes(pickle.dumps({"scores": {"a_b": {"1": np.float32(0.5)}}, "ranks": {"a_b": {"1": np.int64(0)}}}))
    ranking = load_rankings(path)["a_b"]
    assert ranking.scores == {"1": 0.5} and ranking.ranks == {"1": 0}


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid JSON"),
        ('{"annotation_id": "x"}', "must hold a JSON list of tasks"),
        ('[{"annotation_id": "x", "confirmed_task": "t", "action_reprs": []}]', "task #0: actions: Field required"),
        (
            '[{"annotation_id": "x", "confirmed_task": "t", "action_reprs": ["a"], "actions": []}]',
            "0 actions but 1 action_reprs",
        ),
    ],
)
def test_malformed_data_files_are_one_clear_error(tmp_path, content, message):
    root = _one_task_source(tmp_path)
    (root / "test_domain" / "test_domain_0.json").write_text(content)
    with pytest.raises(HarnessError, match=message):
        make_task(root).samples("test_domain")


def test_malformed_score_file_and_bad_options(tmp_path):
    root = _one_task_source(tmp_path)
    (root / "scores_all_data.pkl").write_bytes(b"not a pickle")
    m2w = make_task(root)
    (sample,) = m2w.samples("test_domain")
    with pytest.raises(HarnessError, match="cannot read .*scores_all_data.pkl"):
        m2w.plan(sample)
    with pytest.raises(HarnessError, match="task option top_k must be an integer"):
        make_task(root, top_k="ten")
    with pytest.raises(HarnessError, match="unknown split"):
        m2w.samples("train")


def test_the_bundled_sample_is_what_the_authoring_tools_build():
    from tests.mind2web.authoring.build import OUT, build

    assert OUT == BUNDLED
    for path, data in build().items():
        assert (BUNDLED / path).read_bytes() == data, f"{path} is stale: run python -m tests.mind2web.authoring.build"


@pytest.fixture
def registered(monkeypatch):
    """The task's entry point, also where this checkout is not the installed package."""
    original = registry._entry_points
    points = dict(original(registry.TASK_GROUP))
    points.setdefault("mind2web", EntryPoint("mind2web", "tasks.mind2web:Mind2Web", registry.TASK_GROUP))
    monkeypatch.setattr(
        registry, "_entry_points", lambda group: points if group == registry.TASK_GROUP else original(group)
    )


def test_cli_malformed_official_data_exits_2_with_one_line(tmp_path, monkeypatch, capsys, registered):
    from harness.data import cache_root

    source = Mind2Web.sources[0]
    root = cache_root() / source.name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / ".verified").write_text(source.digest() + "\n")  # "pulled" (the checksums are not re-read)
    (root / "test_domain").mkdir()
    (root / "test_domain" / "test_domain_0.json").write_text("[{broken")
    try:
        code = cli_main(["run", "--model", "oracle", "--task", "mind2web", "--out", str(tmp_path / "run")])
    finally:
        shutil.rmtree(root)
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1].startswith("harness: error: mind2web: test_domain/test_domain_0.json is not valid JSON")
    assert "Traceback" not in "\n".join(err)


def test_cli_oracle_run_on_the_bundled_sample(tmp_path, registered):
    """Also under the data mirror, which has no Mind2Web test data: the run falls back to the sample."""
    out = tmp_path / "run"
    assert cli_main(["run", "--model", "oracle", "--task", "mind2web", "--out", str(out), "--no-progress"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    line = summary["tasks"]["mind2web"] if "tasks" in summary else summary["mind2web"]
    assert line["score"] == 100.0 and line["data_origin"] == "bundled-sample" and line["n"] == 9
    assert line["metrics"]["steps"] == 39
