"""A rich progress display: one bar per task with ETA, running score and error count."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from harness.plan import PlannedTask
from harness.schema import SampleRecord, Status


class RunProgress:
    """Context manager; ``update`` after each finished sample (cheap: no re-aggregation)."""

    def __init__(self, plans: list[PlannedTask], enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self._bars: dict[str, int] = {}
        self._stats: dict[str, list[float]] = {}  # score sum, scored n, errors
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("score {task.fields[score]}"),
            TextColumn("[red]err {task.fields[errors]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not self.enabled,
        )
        for p in plans:
            if p.pending:
                self._bars[p.task.name] = self._progress.add_task(
                    p.task.name, total=len(p.pending), score="-", errors=0
                )
                self._stats[p.task.name] = [0.0, 0, 0]

    def __enter__(self) -> "RunProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.__exit__(*exc)

    def update(self, plan: PlannedTask, record: SampleRecord) -> None:
        name = plan.task.name
        stats = self._stats[name]
        if record.status is Status.ERRORED:
            stats[2] += 1
        elif record.score is not None:
            stats[0] += record.score
            stats[1] += 1
        factor = plan.task.metric.factor
        score = f"{stats[0] / stats[1] * factor:.1f}" if stats[1] else "-"
        self._progress.update(self._bars[name], advance=1, score=score, errors=int(stats[2]))
