"""The summary table printed at the end of ``harness run``."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from harness.summary import TaskSummary


def print_summary(summaries: dict[str, TaskSummary], run_dir: Path) -> None:
    table = Table(title=f"run {run_dir.name}")
    for col in ("task", "suite", "split", "metric", "score", "95% CI", "n", "errored", "turns", "data"):
        table.add_column(col, justify="right" if col in {"score", "n", "errored", "turns"} else "left")
    for s in summaries.values():
        score = "-" if s.score is None else f"{s.score:.2f}"
        ci = "-" if s.ci95 is None else f"[{s.ci95[0]:.1f}, {s.ci95[1]:.1f}]"
        table.add_row(
            s.task, s.suite, s.split, s.metric, score, ci, f"{s.n}/{s.n_total}", str(s.n_errored),
            f"{s.mean_turns:.1f}", s.data_origin,
        )
    console = Console(width=140)
    console.print(table)
    console.print(f"results: {run_dir}")
