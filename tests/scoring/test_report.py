"""The HTML report: safe embedded JSON, and a real headless Chromium renders it and opens a trajectory."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from harness.analysis.report import build_report, json_for_script
from harness.cli import main

from .fakeruns import binary_scores, write_run

HOSTILE = "</script><script>window.__pwned = 1</script><!-- \u2028 & </SCRIPT >"
CHROMIUM = Path("/usr/bin/chromium")


def test_json_for_script_cannot_close_the_block():
    text = json_for_script({"x": HOSTILE})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": HOSTILE}


@pytest.fixture
def report_runs(tmp_path):
    a = write_run(tmp_path, "a", "model-a", {"os": binary_scores(6, 0.5), "mtbench": [7.0, None]},
                  trajectory_text=HOSTILE, created="2026-01-01")
    b = write_run(tmp_path, "b", "model-b", {"os": binary_scores(6, 1.0), "sciworld": [0.5, 0.9]}, created="2026-01-02")
    return a, b


def test_report_is_self_contained(report_runs):
    html = build_report(list(report_runs), max_samples=4)
    assert html.count("</script>") == 2  # the data block and the viewer script, nothing from the data
    assert not re.search(r"""(src|href)=["']?https?:""", html)
    assert html.count("<svg") == 4 and 'class="ref-dot"' in html and 'class="run-dot"' in html
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S).group(1))
    assert {r["run_id"] for r in data["runs"]} == {"a", "b"}
    assert sum(1 for s in data["samples"] if s["task"] == "os") == 8  # 4 per run: --max-samples
    assert {"r": 0, "task": "os", "shown": 4, "total": 6} in data["shown"]
    assert any(HOSTILE in t["output"] for s in data["samples"] for t in s["t"])


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")
def test_report_renders_in_headless_chromium(report_runs, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "report.html"
    assert main(["report", *map(str, report_runs), "--out", str(out)]) == 0
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                     args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: errors.append(f"request {r.url}") if not r.url.startswith(("file:", "data:")) else None)
            page.goto(out.as_uri())
            assert page.locator("svg.plot").count() == 4
            assert page.locator("#plot-tasks circle.run-dot").count() >= 3
            assert page.locator("#plot-suites rect.suite-bar").count() >= 8
            assert page.locator("#plot-status rect.status-seg").count() >= 3
            assert page.locator("#list tr.sample").count() == 6 + 2 + 6 + 2
            page.select_option("#f-run", "0")
            page.select_option("#f-task", "os")
            page.select_option("#f-status", "completed")
            rows = page.locator("#list tr.sample")
            assert rows.count() == 4  # 3 passes and the fail whose status cycles back to completed
            rows.nth(0).click()
            detail = page.locator("#detail")
            assert "os · os-0" in detail.locator("h3").text_content()
            assert detail.locator(".turn").count() == 2
            assert detail.locator("pre.output").first.text_content() == f"Action: think {HOSTILE}"
            assert detail.locator("pre.observation").first.text_content() == "You see a thing."
            assert "Solve os item 0" in detail.text_content()
            assert page.evaluate("window.__pwned === undefined")
        finally:
            browser.close()
    assert errors == []
