"""The ``harness`` command: parse arguments, call the core, print. No evaluation logic here.

Exit codes: 0 success; 1 ``harness compare`` found a regression; 2 bad input (unknown task or
model, unreachable endpoint, malformed config or data: one line ``harness: error: ...``);
3 ``harness run`` finished with errored samples (not scored: resume the run to retry them);
130 interrupted (finished samples are kept).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from harness.errors import HarnessError

EXTRA_COMMANDS = ("harness.commands.leaderboard", "harness.commands.compare", "harness.commands.report")
EXIT_ERRORED = 3
"""``harness run`` ended with errored samples: the run is incomplete, not a result to gate on."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors: one line, exit 2
        raise HarnessError(message)


def _task_options(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise HarnessError(f"--task-opt expects KEY=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _cmd_run(args: argparse.Namespace) -> int:
    from harness import eventloop
    from harness.analysis.console import print_summary
    from harness.registry import suite_tasks
    from harness.runner import RunOptions, execute

    tasks: list[str] = []
    if args.suite:
        for suite in args.suite.split(","):
            tasks += suite_tasks(suite.strip())
    if args.task:
        tasks += [t.strip() for t in args.task.split(",") if t.strip()]
    tasks = list(dict.fromkeys(tasks))
    options = _task_options(args.task_opt or [])
    if args.db_url:
        options["db.db_url"] = args.db_url
    if args.sandbox:
        options["sandbox"] = args.sandbox
    fields: dict[str, Any] = dict(
        tasks=tasks,
        split=args.split,
        limit=args.limit,
        concurrency=args.concurrency,
        out=Path(args.out) if args.out else None,
        resume=Path(args.resume) if args.resume else None,
        cache=not args.no_cache,
        progress=not args.no_progress,
        models_file=Path(args.models_file) if args.models_file else None,
        command=["harness", *sys.argv[1:]],
    )
    # only what the command line gives: a resume fills the rest from the run's manifest
    for key, value in (("model", args.model), ("seed", args.seed), ("judge", args.judge), ("task_options", options or None)):
        if value is not None:
            fields[key] = value
    if args.limit is not None and args.limit < 1:
        raise HarnessError("--limit must be at least 1")
    if args.executor == "ray":
        from harness.executors import require_ray

        require_ray()  # one line and exit 2 when the extra is not installed
    elif args.ray_address:
        raise HarnessError("--ray-address needs --executor ray")
    fields.update(executor=args.executor, ray_address=args.ray_address)
    opts = RunOptions(**fields)
    result = eventloop.run(execute(opts))
    print_summary(result.summaries, result.run_dir)
    if result.n_errored:
        print(
            f"harness: {result.n_errored} sample(s) errored (not scored): the run is incomplete; "
            f"retry them with `harness run --resume {result.run_dir}`",
            file=sys.stderr,
        )
        return EXIT_ERRORED
    return 0


def _cmd_list(args: argparse.Namespace) -> int:
    from harness.registry import available_tasks, load_registry

    if args.what == "tasks":
        for name, cls in available_tasks().items():
            if isinstance(cls, str):
                print(f"{name:12s} unavailable: {cls}")
            else:
                print(f"{name:12s} {cls.suite.value:10s} {cls.metric.name} (splits: {', '.join(cls.splits)}; "
                      f"protocol: {cls.protocol.reference})")
                for opt in cls.options_spec:
                    print(f"{'':14s}--task-opt {opt.describe()}")
    elif args.what == "models":
        for name, cfg in load_registry(Path(args.models_file) if args.models_file else None).items():
            print(f"{name:16s} {cfg['adapter']}")
    else:
        groups: dict[str, list[str]] = {}
        for name, cls in available_tasks().items():
            if not isinstance(cls, str):
                groups.setdefault(cls.suite.value, []).append(name)
        for suite, names in groups.items():
            print(f"{suite:9s} {', '.join(names)}")
    return 0


def _cmd_data(args: argparse.Namespace) -> int:
    from harness.data import cache_root, mirror_root, pull
    from harness.registry import task_class, task_names

    names = task_names() if args.task == "all" else [t.strip() for t in args.task.split(",")]
    seen: set[str] = set()
    failed: list[str] = []
    where = f"mirror {mirror_root()}" if mirror_root() else "network"
    classes = [task_class(name) for name in names]  # unknown names are bad input before any pull
    for name, cls in zip(names, classes):
        if not cls.sources:
            print(f"{name}: data ships with its package; nothing to pull")
        for src in cls.sources:
            if src.name in seen:
                continue
            seen.add(src.name)
            try:
                path = pull(src, force=args.force)
            except HarnessError as exc:
                if len(names) == 1 and len(cls.sources) == 1:
                    raise
                failed.append(src.name)
                print(f"{name}: {src.name} NOT pulled: {exc}", file=sys.stderr)
                continue
            count = len(src.files) + sum(len(a.members) for a in src.archives)
            print(f"{name}: {src.name} @ {src.revision[:12]} ({count} files) from {where} -> {path}")
    print(f"data cache: {cache_root()}")
    if failed:
        raise HarnessError(f"{len(failed)} source(s) not pulled: {', '.join(failed)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="harness", description="Evaluate agent LLMs the AgentTuning way.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="evaluate a model on tasks or suites")
    run.add_argument("--model", help="registry name or KIND:SPEC (default: smollm2, the embedded model)")
    run.add_argument("--suite", help="held-in | held-out | general | agent-flan | all (comma-separated for several)")
    run.add_argument("--task", help="task name(s), comma-separated")
    run.add_argument("--split", help="data split (default: the task's official test split)")
    run.add_argument("--limit", type=int, help="first N samples of each task")
    run.add_argument("--concurrency", type=int, default=8, help="samples in flight (default 8, at least 1)")
    run.add_argument("--out", help="run directory (an existing one is resumed)")
    run.add_argument("--resume", help="resume this run directory")
    run.add_argument("--judge", help="judge model for LLM-judged metrics (MT-Bench default: gpt-4)")
    run.add_argument("--task-opt", action="append", metavar="[TASK.]KEY=VALUE",
                     help="task option (repeatable): KEY goes to every selected task that declares it, TASK.KEY to one; "
                          "`harness list tasks` shows each task's options")
    run.add_argument("--db-url", help="use this MySQL/MariaDB server for the DB task")
    run.add_argument("--sandbox", help="OS task sandbox: local (default) | docker")
    run.add_argument("--seed", type=int, help="run seed for sampled decoding (default 0)")
    run.add_argument("--no-cache", action="store_true", help="do not use the response cache")
    run.add_argument("--no-progress", action="store_true")
    run.add_argument("--models-file", help="an extra model registry TOML")
    run.add_argument("--executor", choices=["local", "ray"], default="local",
                     help="where environments run: this process (default) or Ray actors placed by each task's "
                          "declared resources (needs the `ray` extra)")
    run.add_argument("--ray-address", metavar="auto|HOST:PORT|ray://HOST:PORT",
                     help="--executor ray: the Ray cluster to use (default: start a private one on this machine)")
    run.set_defaults(func=_cmd_run)

    lst = sub.add_parser("list", help="list tasks, models or suites")
    lst.add_argument("what", choices=["tasks", "models", "suites"])
    lst.add_argument("--models-file")
    lst.set_defaults(func=_cmd_list)

    data = sub.add_parser("data", help="official benchmark data")
    data_sub = data.add_subparsers(dest="data_command", required=True, parser_class=_Parser)
    pull = data_sub.add_parser("pull", help="fetch and verify a task's data into the cache")
    pull.add_argument("task", help="task name(s), comma-separated, or all")
    pull.add_argument("--force", action="store_true", help="fetch again even if cached")
    pull.set_defaults(func=_cmd_data)

    for module in EXTRA_COMMANDS:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args) or 0)
    except HarnessError as exc:
        print(f"harness: error: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        print(f"harness: error: invalid value for {where or 'input'}: {first.get('msg')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("harness: interrupted; finished samples are saved (resume with --resume RUN_DIR)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
