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
        )  # fmt: skip
    console = Console(width=140)
    console.print(table)
    for s in summaries.values():
        line = oracle_line(s)
        if line:
            console.print(line, highlight=False)
    console.print(f"results: {run_dir}")


def oracle_line(summary: TaskSummary) -> str | None:
    """The self-test accounting a task reports for gold-policy runs (``metrics.oracle``), if any:
    the score on the samples the gold policy can solve and the misses by reason."""
    oracle = (summary.metrics or {}).get("oracle")
    if not isinstance(oracle, dict):
        return None
    parts = []
    if oracle.get("score_on_solvable") is not None:
        parts.append(f"{oracle['score_on_solvable']:.2f} on {oracle.get('solvable', '?')} solvable samples")
    explained = oracle.get("explained_misses") or {}
    if explained:
        parts.append("explained misses: " + ", ".join(f"{k} {v}" for k, v in sorted(explained.items())))
    unexplained = oracle.get("unexplained_misses") or []
    parts.append(
        f"unexplained: {', '.join(unexplained[:10])}{' …' if len(unexplained) > 10 else ''}"
        if unexplained
        else "unexplained: none"
    )
    return f"{summary.task} oracle: " + "; ".join(parts)
