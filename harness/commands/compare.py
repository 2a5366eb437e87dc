"""``harness compare BASELINE_RUN NEW_RUN [--tolerance POINTS] [--alpha 0.05] [--json FILE]``.

Exit code 1 when a task or suite drops by more than the tolerance with p < alpha, 0 otherwise
(2 on bad input, through HarnessError).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from harness.analysis.compare import N_BOOT, SEED, Comparison


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("compare", help="regression gate: paired deltas between two runs (exit 1 on a significant drop)",
                              description="Per task: exact McNemar (binary scores) or paired bootstrap; per suite: "
                                          "normalized Overall over the common tasks, stratified paired bootstrap.")
    p.add_argument("baseline", metavar="BASELINE_RUN")
    p.add_argument("new", metavar="NEW_RUN")
    p.add_argument("--tolerance", type=float, default=1.0, help="allowed drop in percentage points (default 1.0)")
    p.add_argument("--suite-tolerance", type=float, default=None,
                   help="allowed drop of a suite Overall (default: the task tolerance, normalized by the weights)")
    p.add_argument("--alpha", type=float, default=0.05, help="significance level (default 0.05)")
    p.add_argument("--n-boot", type=int, default=N_BOOT, help=f"bootstrap resamples (default {N_BOOT})")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--json", type=Path, help="write the machine-readable comparison here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from harness.analysis.compare import compare_runs
    from harness.commands.output import check_output, write_output

    if args.json:
        check_output(args.json)
    cmp = compare_runs(args.baseline, args.new, tolerance=args.tolerance, alpha=args.alpha, n_boot=args.n_boot,
                       seed=args.seed, suite_tolerance=args.suite_tolerance)
    print_comparison(cmp)
    if args.json:
        write_output(args.json, cmp.model_dump_json(indent=2) + "\n")
    return 1 if cmp.regressed else 0


def print_comparison(cmp: Comparison, console: Console | None = None) -> None:
    """The comparison as two rich tables (tasks, suites) and a verdict line."""
    console = console or Console(width=140)
    title = f"{cmp.baseline['run_id']} ({cmp.baseline['model']}) -> {cmp.new['run_id']} ({cmp.new['model']})"
    table = Table(title=title, title_justify="left")
    for col in ("task", "test", "paired", "base", "new", "delta", "95% CI", "p", "verdict"):
        table.add_column(col, justify="left" if col in ("task", "test", "verdict") else "right")
    for t in cmp.tasks:
        digits = 2 if t.scale == "rating" else 1
        table.add_row(t.task, t.test, str(t.n_paired), f"{t.base:.{digits}f}", f"{t.new:.{digits}f}",
                      f"{t.delta:+.{digits}f}", f"[{t.ci95[0]:+.{digits}f}, {t.ci95[1]:+.{digits}f}]",
                      f"{t.p_value:.3g}", _verdict(t.regression, t.delta, t.p_value, cmp.alpha))
    console.print(table)
    if cmp.suites:
        suites = Table(title=f"suite Overalls (score card {cmp.scorecard})", title_justify="left")
        for col in ("suite", "tasks", "base", "new", "delta", "95% CI", "p", "verdict"):
            suites.add_column(col, justify="left" if col in ("suite", "verdict") else "right")
        for s in cmp.suites:
            label = s.suite + (f" (partial {s.coverage})" if s.partial else "")
            suites.add_row(label, s.coverage, f"{s.base:.3f}", f"{s.new:.3f}", f"{s.delta:+.3f}",
                           f"[{s.ci95[0]:+.3f}, {s.ci95[1]:+.3f}]", f"{s.p_value:.3g}",
                           _verdict(s.regression, s.delta, s.p_value, cmp.alpha))
        console.print(suites)
    for note in cmp.notes:
        console.print(f"note: {note}", markup=False)
    verdict = "REGRESSION" if cmp.regressed else "no significant regression"
    console.print(f"{verdict} (tolerance {cmp.tolerance} points, alpha {cmp.alpha})", markup=False)


def _verdict(regression: bool, delta: float, p: float, alpha: float) -> str:
    if regression:
        return "[bold red]REGRESSION[/]"
    if p < alpha:
        return "better" if delta > 0 else "worse (within tolerance)"
    return "same"
