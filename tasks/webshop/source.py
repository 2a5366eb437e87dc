"""Where the official WebShop data comes from.

The WebShop authors publish the catalogue and goal files on Google Drive only (``setup.sh`` of
princeton-nlp/WebShop fetches them with ``gdown``); they publish no checksums. The sha256 values
below are the ones several independent projects record for the files those Drive ids serve
(identical byte counts and digests across them); a download with other bytes fails the pull.

AgentBench.old (as AgentTuning ran it) loads the 1,000-product set (``items_shuffle_1000.json``,
``items_ins_v2_1000.json``) with the human goals (``items_human_ins.json``): that is the declared
source. The full 1.18 M-product set is not pulled by default (5.5 GB); put its two files next to
``items_human_ins.json`` in a directory and pass ``--task-opt data_dir=DIR --task-opt
catalog=full`` (a non-comparable run: AgentBench.old does not use it).
"""

from __future__ import annotations

from harness.data import DataFile, DataSource

WEBSHOP_REPO = "https://github.com/princeton-nlp/WebShop"
WEBSHOP_REVISION = "64fa2a5c15c7daa698b9ac93f5bb5437b634c9bd"


def drive_url(file_id: str) -> str:
    return f"https://drive.google.com/uc?export=download&id={file_id}"


SMALL_FILES = (
    DataFile(
        path="items_shuffle_1000.json",
        url=drive_url("1EgHdxQ_YxqIQlvvq5iKlCrkEKR6-j0Ib"),
        sha256="30a4765c3a327af72d9a9a95a6b2486d516f0fa1d3ecd83681901ce82a21b269",  # 4,467,013 bytes
    ),
    DataFile(
        path="items_ins_v2_1000.json",
        url=drive_url("1IduG0xl544V_A_jv3tHXC0kyFi7PnyBu"),
        sha256="f88a36314a397b53b3d9c3fa5878e5f7b26d35019a51ec83fbedeca61a948f6f",  # 147,099 bytes
    ),
    DataFile(
        path="items_human_ins.json",
        url=drive_url("14Kb5SPBk_jfdLZ_CDBNitW98QLDlKR5O"),
        sha256="cf78667548a71786e1d9049c24b802e48e1084ad4bb021cae56ce1f6d96954a3",  # 5,137,548 bytes
    ),
)

FULL_FILES = (
    DataFile(
        path="items_shuffle.json",
        url=drive_url("1A2whVgOO0euk5O13n2iYDM0bQRkkRduB"),
        sha256="2ef591d65df3af89e972ab72468eb82cbf124d876552d9f3678667edd620a6c8",  # 5,479,720,229 bytes
    ),
    DataFile(
        path="items_ins_v2.json",
        url=drive_url("1s2j6NgHljiZzQNL3veZaAiyW_qDEgBNi"),
        sha256="1d36af476bdb8f82a5da62bd8acdabe54cd8de2fa84010d37da5c4890feb447e",  # 186,295,270 bytes
    ),
)

WEBSHOP_SOURCE = DataSource(
    name="webshop",
    repo=WEBSHOP_REPO,
    revision=WEBSHOP_REVISION,
    license="MIT",
    files=SMALL_FILES,
    mirror="webshop",
)
"""The 1,000-product catalogue and the human goals (the files live on Google Drive, not in the
repository: the revision names the code that reads them)."""

KNOWN_SHA256 = {f.path: f.sha256 for f in SMALL_FILES + FULL_FILES}
