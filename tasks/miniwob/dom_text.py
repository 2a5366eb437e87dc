"""The text the agent sees of a MiniWoB++ page: the task's HTML with the element refs.

As in computergym's ``get_state`` (which AgentTuning's RCI agent reads): ``core.getDOMInfo()`` is
run first, which stamps every element with ``data-wob_ref`` / ``data-wob_eps`` (and clicked ones
carry ``data-tampered``); the observation is then the ``outerHTML`` of ``#wrap``. For the tasks
whose widgets live outside ``#wrap`` (jQuery UI dialogs, autocomplete menus), the other children
of ``<body>`` (except the harness's own overlays) are appended, as ``main.py:get_html_state`` does.
"""

from __future__ import annotations

from pydantic import BaseModel
from selenium.webdriver.remote.webdriver import WebDriver

EXTRA_HTML_TASKS = frozenset({"click-dialog", "click-dialog-2", "use-autocomplete", "choose-date"})
"""Tasks whose observation also includes the HTML outside ``#wrap`` (original list)."""

_SKIPPED_BODY_IDS = ("reward-display", "click-canvas", "sync-task-cover", "wrap")

_STATE_JS = """
var utterance = core.getUtterance();
core.getDOMInfo();
var skipped = arguments[0];
var extra = '';
var children = document.body.children;
for (var i = 0; i < children.length; i++) {
  if (skipped.indexOf(children[i].id) === -1) { extra += children[i].outerHTML; }
}
return [utterance, document.getElementById('wrap').outerHTML, extra];
"""


class PageState(BaseModel):
    """What one observation holds."""

    utterance: str
    html_body: str
    html_extra: str = ""

    def html(self, task: str) -> str:
        """The HTML shown to the agent for ``task``."""
        return self.html_body + self.html_extra if task in EXTRA_HTML_TASKS else self.html_body


def read_state(driver: WebDriver) -> PageState:
    """Read the utterance and the ref-stamped HTML of the current episode (one script round trip)."""
    utterance, body, extra = driver.execute_script(_STATE_JS, list(_SKIPPED_BODY_IDS))
    if isinstance(utterance, dict):  # some MiniWoB versions return {utterance, fields}
        utterance = utterance.get("utterance", "")
    return PageState(utterance=str(utterance), html_body=body or "", html_extra=extra or "")
