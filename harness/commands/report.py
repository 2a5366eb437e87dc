"""``harness report RUN_DIR... --out report.html``: one self-contained HTML file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("report", help="a self-contained HTML report: plots and a trajectory viewer",
                              description="Plots (task scores against the reference rows, suite Overalls, statuses, "
                                          "turns) and a trajectory viewer, in one HTML file with no network access.")
    p.add_argument("runs", nargs="+", metavar="RUN_DIR")
    p.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    p.add_argument("--reference", default="agenttuning,agentflan", help="reference tables to plot, comma-separated ('none': none)")
    p.add_argument("--max-samples", type=int, default=200,
                   help="samples per (run, task) in the trajectory viewer (0: all; plots use all)")
    p.add_argument("--max-chars", type=int, default=20_000, help="cut longer texts in the viewer (0: never)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from harness.analysis.report import build_report
    from harness.commands.output import check_output, write_output
    from harness.errors import HarnessError

    if args.max_samples < 0 or args.max_chars < 0:
        raise HarnessError("--max-samples and --max-chars must be >= 0")
    check_output(args.out)
    reference = None if str(args.reference).lower() in ("none", "") else args.reference
    html = build_report(args.runs, reference=reference, max_samples=args.max_samples, max_chars=args.max_chars)
    write_output(args.out, html)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0
