"""A harness driver process for the cluster tests: ``python -m tests.executors.ray_driver RUN_DIR
ADDRESS OPTIONS_JSON [--resume]`` runs the oracle on :class:`WhereTask` with ``--executor ray``
(a separate process, as a user's ``harness run`` is; exit 3 when samples errored)."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from harness.runner import RunOptions, execute
from tests.executors.ray_tasks import WhereTask


def main(argv: list[str]) -> int:
    run_dir, address, options = Path(argv[0]), argv[1], json.loads(argv[2])
    resume = "--resume" in argv[3:]
    opts = RunOptions(model="oracle", progress=False, executor="ray", ray_address=address,
                      concurrency=int(options.pop("concurrency", 4)),
                      **({"resume": run_dir} if resume else {"out": run_dir}))  # fmt: skip
    result = asyncio.run(execute(opts, task_overrides=[WhereTask(options=options)]))
    return 3 if result.n_errored else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
