"""Scripted gold solvers: the instruction list that solves a task from its goal and first page.

Each solver returns the instructions in the agent's format (``clickxpath``, ``type``,
``clickoption``...) or raises :class:`Unsolvable` when the page does not match its expectations.
Only tasks whose utterance and initial DOM determine the actions are covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tasks.miniwob.html_tree import Node, parse
from tasks.miniwob.html_tree import xpath_literal as q


class Unsolvable(ValueError):
    """The solver cannot read the goal or page."""


def _quoted(goal: str, n: int = 1) -> list[str]:
    found = re.findall(r'"([^"]*)"', goal)
    if len(found) < n:
        raise Unsolvable(goal)
    return found


def _match(pattern: str, goal: str) -> re.Match:
    m = re.search(pattern, goal)
    if m is None:
        raise Unsolvable(goal)
    return m


SUBMIT = 'clickxpath //button[@id="subbtn"]'


def click_test(goal: str, page: Node) -> list[str]:
    return [SUBMIT]


def click_test_2(goal: str, page: Node) -> list[str]:
    label = _match(r"Click button (\w+)\.", goal).group(1)
    return [f"clickxpath //button[text()={q(label)}]"]


def click_button_sequence(goal: str, page: Node) -> list[str]:
    m = _match(r"Click button (\w+), then click button (\w+)\.", goal)
    return [f"clickxpath //button[text()={q(m.group(1))}]", f"clickxpath //button[text()={q(m.group(2))}]"]


def click_button(goal: str, page: Node) -> list[str]:
    return [f"clickxpath //button[text()={q(_quoted(goal)[0])}]"]


def click_link(goal: str, page: Node) -> list[str]:
    return [f'clickxpath //span[@class="alink" and text()={q(_quoted(goal)[0])}]']


def click_dialog(goal: str, page: Node) -> list[str]:
    return ['clickxpath //button[@title="Close"]']


def click_dialog_2(goal: str, page: Node) -> list[str]:
    label = _quoted(goal)[0]
    if label.lower() == "x":
        return ['clickxpath //button[@title="Close"]']
    return [f'clickxpath //div[contains(@class, "ui-dialog-buttonset")]/button[normalize-space(.)={q(label)}]']


def _select_list(goal: str) -> list[str]:
    names = _match(r"^Select (.*) and click Submit\.$", goal).group(1)
    return [] if names == "nothing" else names.split(", ")


def click_checkboxes(goal: str, page: Node) -> list[str]:
    return [f"clickxpath //label[normalize-space(.)={q(n)}]/input" for n in _select_list(goal)] + [SUBMIT]


def click_option(goal: str, page: Node) -> list[str]:
    name = _match(r"^Select (.*) and click Submit\.$", goal).group(1)
    return [f"clickxpath //label[normalize-space(.)={q(name)}]/input", SUBMIT]


def choose_list(goal: str, page: Node) -> list[str]:
    name = _match(r"^Select (.*) from the list and click Submit\.$", goal).group(1)
    return [f'clickoption //select[@id="options"]/option[text()={q(name)}]', "clickxpath //button"]


def focus_text(goal: str, page: Node) -> list[str]:
    return ['clickxpath //input[@id="tt"]']


def focus_text_2(goal: str, page: Node) -> list[str]:
    n = _match(r"Focus into the (\d)\w\w input textbox\.", goal).group(1)
    return [f'clickxpath //input[@id="tt{n}"]']


def enter_text(goal: str, page: Node) -> list[str]:
    text = _match(r'^Enter "(.*)" into the text field and press Submit\.$', goal).group(1)
    if not text or '"' in text:
        raise Unsolvable(goal)  # `type` drops double quotes
    return ['clickxpath //input[@id="tt"]', f"type {text}", SUBMIT]


def enter_password(goal: str, page: Node) -> list[str]:
    pw = _quoted(goal)[0]
    return ['clickxpath //input[@id="password"]', f"type {pw}", 'clickxpath //input[@id="verify"]', f"type {pw}", SUBMIT]


def login_user(goal: str, page: Node) -> list[str]:
    user, pw = _quoted(goal, 2)[:2]
    return ['clickxpath //input[@id="username"]', f"type {user}", 'clickxpath //input[@id="password"]', f"type {pw}", SUBMIT]


def click_tab(goal: str, page: Node) -> list[str]:
    tab = _match(r"Click on (Tab #\d+)\.", goal).group(1)
    return [f"clickxpath //a[text()={q(tab)}]"]


def click_tab_2(goal: str, page: Node) -> list[str]:
    link = _quoted(goal)[0]
    for span in page.find_all("span"):
        if "alink" in span.classes() and span.text == link:
            panel = next((a for a in span.ancestors() if a.attrs.get("role") == "tabpanel"), None)
            if panel is None:
                break
            pid = panel.attrs["id"]
            return [f'clickxpath //a[@href="#{pid}"]', f'clickxpath //div[@id="{pid}"]//span[text()={q(link)}]']
    raise Unsolvable(goal)


def click_collapsible(goal: str, page: Node) -> list[str]:
    return ["clickxpath //h3", SUBMIT]


def click_collapsible_2(goal: str, page: Node) -> list[str]:
    link = _quoted(goal)[0]
    for span in page.find_all("span"):
        if "alink" in span.classes() and span.text == link:
            section = span.parent
            if section is None or "aria-labelledby" not in section.attrs:
                break
            header = section.attrs["aria-labelledby"]
            return [f'clickxpath //h3[@id="{header}"]', f'clickxpath //div[@id="{section.attrs["id"]}"]/span[text()={q(link)}]']
    raise Unsolvable(goal)


def navigate_tree(goal: str, page: Node) -> list[str]:
    name = _quoted(goal)[0]
    tree = next(iter(page.find_all("ul", id="tree")), None)
    if tree is None:
        raise Unsolvable("no tree")

    def path(ul: Node, prefix: str) -> list[str] | None:
        items = [c for c in ul.children if c.tag == "li"]
        for i, li in enumerate(items, start=1):
            here = f"{prefix}/li[{i}]"
            span = next((c for c in li.children if c.tag == "span"), None)
            if span is not None and span.text == name:
                return [f"clickxpath {here}/span"]
            sub = next((c for c in li.children if c.tag == "ul"), None)
            if span is not None and sub is not None:
                rest = path(sub, f"{here}/ul")
                if rest is not None:
                    return [f"clickxpath {here}/span"] + rest
        return None

    found = path(tree, '//ul[@id="tree"]')
    if found is None:
        raise Unsolvable(goal)
    return found


def click_color(goal: str, page: Node) -> list[str]:
    color = _match(r"Click on the (.*) colored box\.", goal).group(1).strip()
    return [f'clickxpath //div[@id="area"]/div[@data-color={q(color)}]']


def click_widget(goal: str, page: Node) -> list[str]:
    kind = _quoted(goal)[0]
    return [f'clickxpath //div[@id="area"]//*[@data-type={q(kind)}]']


def grid_coordinate(goal: str, page: Node) -> list[str]:
    coord = _match(r"(\(-?\d+,-?\d+\))", goal).group(1)
    return [f'clickxpath //*[@id="{coord}"]']


def simple_algebra(goal: str, page: Node) -> list[str]:
    problem = next(iter(page.find_all("div", id="math-problem")), None)
    if problem is None:
        raise Unsolvable("no problem")
    text = problem.text
    m = re.match(r"^x ([+-]) (\d+) = (-?\d+)$", text)
    if m is not None:  # x + a = b  or  x - a = b
        a, b = int(m.group(2)), int(m.group(3))
        x = b - a if m.group(1) == "+" else b + a
    else:  # a + x = b  or  a - x = b
        m = _match(r"^(\d+) ([+-]) x = (-?\d+)$", text)
        a, b = int(m.group(1)), int(m.group(3))
        x = b - a if m.group(2) == "+" else a - b
    return ['clickxpath //input[@id="math-answer"]', f"type {x}", SUBMIT]


def use_spinner(goal: str, page: Node) -> list[str]:
    n = int(_match(r"Select (-?\d+) with the spinner", goal).group(1))
    arrow = 'clickxpath //*[@id="area"]/span/a[1]' if n > 0 else 'clickxpath //*[@id="area"]/span/a[2]'
    return [arrow] * abs(n) + [SUBMIT]


SOLVERS: dict[str, Callable[[str, Node], list[str]]] = {
    "click-test": click_test,
    "click-test-2": click_test_2,
    "click-button-sequence": click_button_sequence,
    "click-button": click_button,
    "click-link": click_link,
    "click-dialog": click_dialog,
    "click-dialog-2": click_dialog_2,
    "click-checkboxes": click_checkboxes,
    "click-checkboxes-large": click_checkboxes,
    "click-checkboxes-transfer": click_checkboxes,
    "click-option": click_option,
    "choose-list": choose_list,
    "focus-text": focus_text,
    "focus-text-2": focus_text_2,
    "enter-text": enter_text,
    "enter-text-dynamic": enter_text,
    "enter-password": enter_password,
    "login-user": login_user,
    "click-tab": click_tab,
    "click-tab-2": click_tab_2,
    "click-tab-2-hard": click_tab_2,
    "click-collapsible": click_collapsible,
    "click-collapsible-2": click_collapsible_2,
    "navigate-tree": navigate_tree,
    "click-color": click_color,
    "click-widget": click_widget,
    "grid-coordinate": grid_coordinate,
    "simple-algebra": simple_algebra,
    "use-spinner": use_spinner,
}


def solve(task: str, goal: str, html: str) -> list[str]:
    """The gold instructions for one episode (raises Unsolvable / KeyError for uncovered tasks)."""
    return SOLVERS[task](goal, parse(html))
