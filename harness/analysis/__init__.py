"""Reading finished runs: loading them (through :mod:`harness.store`), the score card, the
leaderboard, the regression gate (compare), the console summary and the HTML report."""
