"""The official ALFWorld data: AgentBench's game lists and one-shot prompts, ALFWorld's game files,
and the ALFWorld logic AgentBench ships.

- ``agentbench-alfworld`` (THUDM/AgentBench @ 41e6807, branch v0.2): ``data/alfworld/standard.json``
  (the 50 std games; byte-identical to AgentBench.old's ``std.json`` in AgentTuning @ e33a45d),
  ``dev.json`` (20 games; AgentBench.old's differs only by a final newline) and the one-shot
  prompts ``alfworld_multiturn_react.json`` (byte-identical to AgentBench.old's).
- ``alfworld-games``: the 70 listed games, members ``json_2.1.1/valid_unseen/<task>/<trial>/game.tw-pddl``
  of ALFWorld's release archive ``json_2.1.1_tw-pddl.zip`` (MIT), the archive AgentBench's own
  ALFWorld image downloads; only the listed members are extracted.
- ``alfworld-logic``: ``alfred.pddl`` / ``alfred.twl2`` of THUDM/AgentBench @ 578c5e9
  (``data/alfworld/logic``): the older ALFWorld logic (that of the ``alfworld`` 0.3.x package) the
  AgentBench.old prompts were written on.
"""

from __future__ import annotations

from harness.data import DataArchive, DataSource, repo_files
from tasks.agentbench import agentbench_source
from tasks.alfworld.checksums import GAME_SHA256

LOGIC_REVISION = "578c5e9f706fc2dd96188ca6c8cf9095ca0c6528"
STD_LIST = "data/alfworld/standard.json"
DEV_LIST = "data/alfworld/dev.json"
PROMPTS = "src/server/tasks/alfworld/prompts/alfworld_multiturn_react.json"
LISTS = {"std": STD_LIST, "dev": DEV_LIST}

GAMES_ARCHIVE_URL = "https://github.com/alfworld/alfworld/releases/download/0.2.2/json_2.1.1_tw-pddl.zip"
GAMES_ARCHIVE_SHA256 = "d376c4bbb097c068528a2a9805e358e4cd14bc75c4d68a24e5141aebd234ef67"
"""The release asset as served since 2024-02-29 (45,059,629 bytes; the checksum a third party
recorded when downloading it, which could not be re-checked from here: see the README)."""

AGENTBENCH_SOURCE = agentbench_source(
    "agentbench-alfworld",
    {
        STD_LIST: "4c576333113019a65fef8e0648031a54dd5f75165686e7f3d4e3cfe98e0781df",
        DEV_LIST: "20b8f28be96aa2c011edd5a43653c5ee8089d51442e42cc8f361ce9866cc6ce0",
        PROMPTS: "79a92edddd49691cde9d7a05beda354658355882911fcf5c5a7b38a4777bc3b2",
    },
)

GAMES_SOURCE = DataSource(
    name="alfworld-games",
    repo="https://github.com/alfworld/alfworld",
    revision="release 0.2.2",
    license="MIT",
    mirror="alfworld",
    archives=(DataArchive(url=GAMES_ARCHIVE_URL, sha256=GAMES_ARCHIVE_SHA256, members=GAME_SHA256),),
)

LOGIC_SOURCE = DataSource(
    name="alfworld-logic",
    repo="https://github.com/THUDM/AgentBench",
    revision=LOGIC_REVISION,
    license="Apache-2.0 (AgentBench); the logic is ALFWorld's (MIT)",
    mirror="alfworld",
    files=repo_files(
        f"https://raw.githubusercontent.com/THUDM/AgentBench/{LOGIC_REVISION}/data/alfworld",
        {
            "logic/alfred.pddl": "e64e8c0002648c403e05adedc25be5ea8b9863924f32cc7611051bed1f386e46",
            "logic/alfred.twl2": "d955e6db384c68ac5797e881b795fd36d788e87a03547f9a87e48fbd7c5b361b",
        },
    ),
)

SOURCES = (AGENTBENCH_SOURCE, GAMES_SOURCE, LOGIC_SOURCE)
