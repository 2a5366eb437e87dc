"""``harness leaderboard RUN_DIR... --csv FILE [--markdown FILE] [--reference agenttuning]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness.commands.output import check_output, write_output


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("leaderboard", help="one row per model: task scores and suite Overalls (CSV/Markdown)",
                              description="Merge runs by model name (the later run wins a task both hold) and write "
                                          "the leaderboard, with the paper's reference rows.")
    p.add_argument("runs", nargs="+", metavar="RUN_DIR", help="run directories (results/runs/<run-id>)")
    p.add_argument("--reference", default="agenttuning,agentflan",
                   help="reference tables under results/reference/, comma-separated ('none': no reference rows)")
    p.add_argument("--csv", type=Path, help="write the full leaderboard CSV here (without --csv/--markdown: print the table)")
    p.add_argument("--markdown", type=Path, help="write a compact Markdown table here")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from harness.analysis.console import print_leaderboard
    from harness.analysis.leaderboard import build_leaderboard, to_markdown
    from harness.analysis.runs import load_runs

    reference = None if str(args.reference).lower() in ("none", "") else args.reference
    for out in (args.csv, args.markdown):
        if out is not None:
            check_output(out)
    board = build_leaderboard(load_runs(args.runs), reference=reference)
    for note in board.notes:
        print(f"note: {note}", file=sys.stderr)
    if not args.csv and not args.markdown:
        print_leaderboard(board)
    if args.csv:
        write_output(args.csv, board.frame.to_csv(index=False, float_format="%.4f"))
        print(f"wrote {args.csv} ({len(board.frame)} rows, score card {board.scorecard})")
    if args.markdown:
        write_output(args.markdown, to_markdown(board))
        print(f"wrote {args.markdown}")
    return 0
