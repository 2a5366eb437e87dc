"""Where the MiniWoB++ task pages come from.

The protocol's pages are AgentTuning's own copy of MiniWoB++ (THUDM/AgentTuning @ e33a45d,
``eval_heldout/miniwob++/computergym/computergym/miniwob/miniwob_interface/html/``): computergym
opens them as ``file://{html}/miniwob/<task>.html`` (``base_env.py``), and so do we, from the data
cache. They differ from the ``miniwob`` PyPI package's pages in 30 of the 46 evaluated tasks
(problem generators, list sizes, reward rules, per-page episode timers), so only they give scores
comparable with the paper. The pinned files are the 46 pages and what they load
(``agenttuning_pages.sha256``).

The PyPI pages are an option (``--task-opt miniwob.pages=pypi``, not comparable), and the fallback
when the official pages are not pulled (the bundled "sample" of this source is deliberately empty:
authored pages would be neither the paper's problems nor MiniWoB++'s, while the PyPI pages are a
real, installed copy of the benchmark that exercises every task and every solver).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from harness.data import DataSource, repo_files

REPO = "https://github.com/THUDM/AgentTuning"
REVISION = "e33a45d7eab2b63cac4d1956da1e6377fca9fcc7"
RAW_BASE = f"https://raw.githubusercontent.com/THUDM/AgentTuning/{REVISION}"
HTML_DIR = "eval_heldout/miniwob++/computergym/computergym/miniwob/miniwob_interface/html"
CHECKSUMS = Path(__file__).with_name("agenttuning_pages.sha256")
SAMPLE_DATA = Path(__file__).with_name("sample_data")

PageSet = Literal["agenttuning", "pypi"]


@lru_cache(maxsize=1)
def pinned_files() -> dict[str, str]:
    """Path under ``html/`` -> sha256, for every file the 46 evaluated pages load."""
    out: dict[str, str] = {}
    for line in CHECKSUMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sha, path = line.split(None, 1)
            out[path.strip()] = sha
    return out


SOURCE = DataSource(
    name="agenttuning-miniwob",
    repo=REPO,
    revision=REVISION,
    license="MIT (MiniWoB++ pages), Apache-2.0 (AgentTuning)",
    files=repo_files(RAW_BASE, {f"{HTML_DIR}/{path}": sha for path, sha in pinned_files().items()}),
    mirror="agenttuning",
)

DEFAULT_EPISODE_MAX_TIME_MS = 1_000_000
"""AgentTuning's ``core.js`` sets ``core.EPISODE_MAX_TIME = 1000000`` (MiniWoB's is 10 s)."""

EPISODE_MAX_TIME_MS = {
    "click-button": 200_000,
    "click-checkboxes-large": 20_000_000,
    "click-scroll-list": 1_500_000,
    "click-shades": 1_500_000,
    "click-tab-2-hard": 20_000_000,
    "email-inbox-forward-nl-turk": 3_000_000,
    "email-inbox-forward-nl": 3_000_000,
    "email-inbox-nl-turk": 3_000_000,
    "email-inbox": 3_000_000,
    "enter-date": 2_000_000,
    "enter-password": 1_500_000,
    "enter-time": 2_000_000,
    "search-engine": 2_000_000,
    "social-media-all": 2_000_000,
    "social-media-some": 2_000_000,
    "social-media": 1_500_000,
    "terminal": 20_000_000,
}
"""The evaluated pages that set their own timer (the time-proportional reward scales with it);
the others keep the core value. Applied to the PyPI pages so that they run on the protocol's clock."""


def protocol_max_time_ms(task: str) -> int:
    """The episode timer (ms) of ``task``'s evaluated page."""
    return EPISODE_MAX_TIME_MS.get(task, DEFAULT_EPISODE_MAX_TIME_MS)


def pypi_html_dir() -> Path:
    """The ``miniwob`` package's ``html/`` folder."""
    import miniwob

    return Path(miniwob.__file__).parent / "html"


class Pages(BaseModel):
    """The page set a run serves: its ``html/`` root and whether it is the protocol's."""

    model_config = ConfigDict(frozen=True)

    kind: PageSet
    root: Path
    note: str | None = None
    """Why the PyPI pages are served (None: the protocol's pages)."""

    @property
    def official(self) -> bool:
        return self.kind == "agenttuning"

    def path(self, task: str) -> Path:
        return self.root / "miniwob" / f"{task}.html"

    def url(self, task: str) -> str:
        """The ``file://`` URL computergym opens for ``task``."""
        path = self.path(task)
        if not path.is_file():
            raise FileNotFoundError(f"MiniWoB++ page not found: {path}")
        return path.as_uri()

    def episode_max_time_ms(self, task: str) -> int | None:
        """The timer to set before an episode (None: keep the page's own, as the original)."""
        return None if self.official else protocol_max_time_ms(task)


def select(choice: PageSet, data_dir: Path | None) -> Pages:
    """The pages for ``--task-opt pages=`` given the source's resolved folder (None: unresolved)."""
    if choice == "pypi":
        return Pages(kind="pypi", root=pypi_html_dir(), note="option pages=pypi")
    root = None if data_dir is None else data_dir / HTML_DIR
    if root is None or not (root / "miniwob").is_dir():
        return Pages(
            kind="pypi",
            root=pypi_html_dir(),
            note="AgentTuning's pages are not pulled (run `harness data pull miniwob`)",
        )
    return Pages(kind="agenttuning", root=root)
