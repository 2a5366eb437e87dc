"""Terminal tables: the summary printed at the end of ``harness run``, and the leaderboard."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from harness.analysis.leaderboard import NON_COMPARABLE_MARK, Leaderboard, footnote, table_cells
from harness.schema import TaskSummary


def print_summary(summaries: dict[str, TaskSummary], run_dir: Path, console: Console | None = None) -> None:
    console = console or Console(width=140)
    table = Table(title=f"run {run_dir.name}")
    for col in ("task", "suite", "split", "metric", "score", "95% CI", "n", "errored", "turns", "data"):
        table.add_column(col, justify="right" if col in {"score", "n", "errored", "turns"} else "left")
    for s in summaries.values():
        score = "-" if s.score is None else f"{s.score:.2f}" + ("" if s.comparable else NON_COMPARABLE_MARK)
        ci = "-" if s.ci95 is None else f"[{s.ci95[0]:.1f}, {s.ci95[1]:.1f}]"
        table.add_row(
            s.task, s.suite, s.split, s.metric, score, ci, f"{s.n}/{s.n_total}", str(s.n_errored),
            f"{s.mean_turns:.1f}", s.data_origin,
        )  # fmt: skip
    console.print(table)
    for s in summaries.values():
        if not s.comparable:
            reasons = "; ".join(s.protocol.reasons) or f"{s.data_origin} data"
            console.print(f"{NON_COMPARABLE_MARK} {s.task} is not comparable with {s.protocol.reference}: {reasons}",
                          highlight=False, markup=False)
    for s in summaries.values():
        line = oracle_line(s)
        if line:
            console.print(line, highlight=False, markup=False)
    console.print(f"results: {run_dir}", markup=False)


def oracle_line(summary: TaskSummary) -> str | None:
    """The oracle self-test of a task, when the gold policy accounted for its samples: the score
    on the samples the protocol lets it solve and the misses by reason."""
    oracle = summary.oracle
    if oracle is None:
        return None
    parts = []
    if oracle.score_on_solvable is not None:
        parts.append(f"{oracle.score_on_solvable:.2f} on {oracle.solvable} solvable samples")
    if oracle.explained_misses:
        parts.append("explained misses: " + ", ".join(f"{k} {v}" for k, v in sorted(oracle.explained_misses.items())))
    unexplained = oracle.unexplained_misses
    parts.append(
        f"unexplained: {', '.join(unexplained[:10])}{' …' if len(unexplained) > 10 else ''}" if unexplained else "unexplained: none"
    )
    return f"{summary.task} oracle: " + "; ".join(parts)


def print_leaderboard(board: Leaderboard, console: Console | None = None) -> None:
    """One table per suite (its tasks and its Overall), rows that have any of them."""
    from harness.analysis.scorecard import load_scorecard

    console = console or Console(width=160)
    card = load_scorecard()
    console.print(f"leaderboard (score card {board.scorecard})", markup=False, highlight=False)
    for suite, sc in card.suites.items():
        head, rows = table_cells(board, card, suites=[suite])
        rows = [r for r in rows if any(c != "–" for c in r[2:])]
        if not rows:
            continue
        table = Table(title=sc.label, title_justify="left")
        for i, col in enumerate(head):
            table.add_column(col, justify="left" if i < 2 else "right")
        for cells in rows:
            table.add_row(*cells)
        console.print(table)
    extra = [t for t in board.tasks if t not in card.tasks]
    if extra:
        console.print("tasks on no score card: " + ", ".join(extra), markup=False, highlight=False)
    console.print(footnote(board), markup=False, highlight=False)
