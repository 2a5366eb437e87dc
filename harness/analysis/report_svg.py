"""Inline SVG plots for the HTML report, drawn by hand (no plotting library, no JavaScript).

Every function returns one ``<svg>`` element as a string; every text is escaped.
"""

from __future__ import annotations

import math
from html import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
REFERENCE_COLOR = "#9a9a9a"
STATUS_COLORS = {
    "completed": "#2ca02c", "task_limit_reached": "#ff7f0e", "invalid_action": "#d62728",
    "invalid_format": "#e377c2", "context_limit": "#9467bd", "time_limit": "#8c564b", "errored": "#444444",
}
FONT = 'font-family="system-ui,sans-serif" font-size="11"'


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" role="img" aria-label="{escape(label)}" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" {FONT}>'
            + "".join(body) + "</svg>")


def _text(x: float, y: float, s: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {extra}>{escape(s)}</text>'


def _legend(items: list[tuple[str, str]], x: float, y: float) -> list[str]:
    out = []
    for i, (label, col) in enumerate(items):
        yy = y + 14 * i
        out.append(f'<rect x="{x:.1f}" y="{yy - 8:.1f}" width="10" height="10" fill="{col}"/>')
        out.append(_text(x + 14, yy + 1, label))
    return out


def task_dot_plot(tasks: list[tuple[str, str]], runs: list[tuple[str, dict[str, float]]],
                  reference: list[tuple[str, dict[str, float]]], rating_tasks: set[str]) -> str:
    """One row per task (name, label); x = score 0–100 (rating tasks ×10); reference models as
    grey dots, runs as coloured dots; hover a dot for its value."""
    left, right, top, row_h = 110, 200, 24, 22
    width, plot_w = 760, 760 - left - right
    height = top + row_h * len(tasks) + 30
    body = []
    for tick in range(0, 101, 20):
        x = left + plot_w * tick / 100
        body.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 26}" stroke="#e4e4e4"/>')
        body.append(_text(x, height - 12, str(tick), "middle"))
    for i, (task, label) in enumerate(tasks):
        y = top + row_h * i + row_h / 2
        scale = 10.0 if task in rating_tasks else 1.0
        body.append(_text(left - 8, y + 4, label + (" (×10)" if scale != 1 else ""), "end"))
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#f0f0f0"/>')
        for model, scores in reference:
            if task in scores and _finite(scores[task]):
                x = left + plot_w * min(100.0, scores[task] * scale) / 100
                body.append(f'<circle class="ref-dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{REFERENCE_COLOR}" '
                            f'fill-opacity="0.7"><title>{escape(f"{model} (paper): {scores[task]:g}")}</title></circle>')
        for j, (model, scores) in enumerate(runs):
            if task in scores and _finite(scores[task]):
                x = left + plot_w * min(100.0, scores[task] * scale) / 100
                yj = y + (j - (len(runs) - 1) / 2) * 3  # runs with equal scores stay visible
                body.append(f'<circle class="run-dot" cx="{x:.1f}" cy="{yj:.1f}" r="5.5" fill="{color(j)}" stroke="#fff">'
                            f'<title>{escape(f"{model}: {scores[task]:.2f}")}</title></circle>')
    legend = [(m, color(j)) for j, (m, _) in enumerate(runs)] + [("paper reference rows", REFERENCE_COLOR)]
    body += _legend(legend, left + plot_w + 20, top + 6)
    return _svg(width, height, body, "task scores against the reference rows")


def suite_bars(suites: list[tuple[str, str]], rows: list[tuple[str, str, dict[str, tuple[float | None, str]]]]) -> str:
    """Grouped horizontal bars: for each suite, one bar per model row (kind 'run' or 'reference');
    values are ``(overall, coverage)``, partial coverage labelled on the bar."""
    left, top, bar_h, gap = 190, 10, 13, 14
    width = 760
    values = [v for _, _, d in rows for v, _ in d.values() if v is not None and _finite(v)]
    vmax = max(values + [1.0]) * 1.1
    plot_w = width - left - 90
    body, y = [], top
    for suite, label in suites:
        body.append(_text(4, y + 11, label, extra='font-weight="bold"'))
        y += 16
        run_i = 0
        for model, kind, data in rows:
            value, coverage = data.get(suite, (None, ""))
            col = color(run_i) if kind == "run" else REFERENCE_COLOR
            run_i += kind == "run"
            name = model + (" (paper)" if kind == "reference" else "")
            body.append(_text(left - 6, y + bar_h - 3, name, "end"))
            if value is not None and _finite(value):
                w = plot_w * value / vmax
                partial = coverage and coverage.split("/")[0] != coverage.split("/")[-1]
                fill = f'fill="{col}"' + (' fill-opacity="0.45" stroke-dasharray="3,2" stroke="#333"' if partial else "")
                tag = f"{value:.2f}" + (f" (partial {coverage})" if partial else "")
                body.append(f'<rect class="suite-bar" x="{left}" y="{y:.1f}" width="{w:.1f}" height="{bar_h}" {fill}>'
                            f'<title>{escape(f"{name} {label}: {tag}")}</title></rect>')
                body.append(_text(left + w + 4, y + bar_h - 3, tag))
            else:
                body.append(_text(left + 4, y + bar_h - 3, "–"))
            y += bar_h + 3
        y += gap
    return _svg(width, y, body, "suite Overalls")


def status_bars(rows: list[tuple[str, dict[str, int]]]) -> str:
    """100%-stacked bars of sample statuses, one bar per (run, task) label."""
    left, top, bar_h = 230, 10, 14
    width, plot_w = 760, 760 - 230 - 150
    body, y = [], top
    statuses = [s for s in STATUS_COLORS if any(counts.get(s) for _, counts in rows)]
    statuses += sorted({s for _, c in rows for s in c} - set(STATUS_COLORS))
    for label, counts in rows:
        total = sum(counts.values()) or 1
        body.append(_text(left - 6, y + bar_h - 3, label, "end"))
        x = float(left)
        for s in statuses:
            k = counts.get(s, 0)
            if not k:
                continue
            w = plot_w * k / total
            body.append(f'<rect class="status-seg" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                        f'fill="{STATUS_COLORS.get(s, "#bbbbbb")}"><title>{escape(f"{label}: {s} {k}/{total}")}</title></rect>')
            x += w
        y += bar_h + 4
    body += _legend([(s, STATUS_COLORS.get(s, "#bbbbbb")) for s in statuses], left + plot_w + 16, top + 8)
    return _svg(width, max(y + 6, top + 14 * len(statuses) + 10), body, "status distribution")


def turn_histograms(rows: list[tuple[str, list[int]]]) -> str:
    """Small multiples: a histogram of turns per (run, task) label, with the mean marked."""
    cell_w, cell_h, cols = 180, 78, 4
    n = len(rows)
    height = max(1, math.ceil(n / cols)) * (cell_h + 8) + 4
    body = []
    for i, (label, turns) in enumerate(rows):
        cx, cy = (i % cols) * (cell_w + 8) + 4, (i // cols) * (cell_h + 8) + 4
        body.append(f'<rect x="{cx}" y="{cy}" width="{cell_w}" height="{cell_h}" fill="#fafafa" stroke="#ddd"/>')
        body.append(_text(cx + 4, cy + 12, label[:30]))
        if not turns:
            continue
        hi = max(turns)
        bins = list(range(1, hi + 2)) if hi <= 30 else [1 + round(k * hi / 30) for k in range(31)]
        counts = [sum(1 for t in turns if lo <= t < up) for lo, up in zip(bins, bins[1:])]
        if hi > 30:
            counts[-1] += sum(1 for t in turns if t == bins[-1])
        cmax = max(counts) or 1
        bw = (cell_w - 8) / len(counts)
        for k, c in enumerate(counts):
            h = (cell_h - 32) * c / cmax
            body.append(f'<rect class="turn-bar" x="{cx + 4 + k * bw:.1f}" y="{cy + cell_h - 14 - h:.1f}" '
                        f'width="{max(bw - 1, 0.5):.1f}" height="{h:.1f}" fill="#1f77b4">'
                        f'<title>{escape(f"turns {bins[k]}: {c}")}</title></rect>')
        mean = sum(turns) / len(turns)
        body.append(_text(cx + cell_w - 4, cy + cell_h - 3, f"mean {mean:.1f} · max {hi}", "end", 'font-size="9"'))
    return _svg(cols * (cell_w + 8) + 4, height, body, "turn distributions")


def _finite(v: float) -> bool:
    return isinstance(v, (int, float)) and math.isfinite(v)
