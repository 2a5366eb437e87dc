"""Gold solvers of the tasks whose goal and first page fix every instruction."""

from __future__ import annotations

import re

from tasks.miniwob.html_tree import Node
from tasks.miniwob.solvers.base import SUBMIT, Step, Unsolvable, View, match, q, quoted


def click_test(v: View) -> list[Step]:
    return [SUBMIT]


def click_test_2(v: View) -> list[Step]:
    label = match(r"Click button (\w+)\.", v.goal).group(1)
    return [f"clickxpath //button[text()={q(label)}]"]


def click_button_sequence(v: View) -> list[Step]:
    m = match(r"Click button (\w+), then click button (\w+)\.", v.goal)
    return [f"clickxpath //button[text()={q(m.group(1))}]", f"clickxpath //button[text()={q(m.group(2))}]"]


def click_button(v: View) -> list[Step]:
    return [f"clickxpath //button[text()={q(quoted(v.goal)[0])}]"]


def click_link(v: View) -> list[Step]:
    return [f'clickxpath //span[@class="alink" and text()={q(quoted(v.goal)[0])}]']


def click_dialog(v: View) -> list[Step]:
    return ['clickxpath //button[@title="Close"]']


def click_dialog_2(v: View) -> list[Step]:
    label = quoted(v.goal)[0]
    if label.lower() == "x":
        return ['clickxpath //button[@title="Close"]']
    return [f'clickxpath //div[contains(@class, "ui-dialog-buttonset")]/button[normalize-space(.)={q(label)}]']


def _select_list(goal: str) -> list[str]:
    names = match(r"^Select (.*) and click Submit\.$", goal).group(1)
    return [] if names == "nothing" else names.split(", ")


def click_checkboxes(v: View) -> list[Step]:
    return [f"clickxpath //label[normalize-space(.)={q(n)}]/input" for n in _select_list(v.goal)] + [SUBMIT]


def click_option(v: View) -> list[Step]:
    name = match(r"^Select (.*) and click Submit\.$", v.goal).group(1)
    return [f"clickxpath //label[normalize-space(.)={q(name)}]/input", SUBMIT]


def choose_list(v: View) -> list[Step]:
    name = match(r"^Select (.*) from the list and click Submit\.$", v.goal).group(1)
    return [f'clickoption //select[@id="options"]/option[text()={q(name)}]', "clickxpath //button"]


def focus_text(v: View) -> list[Step]:
    return ['clickxpath //input[@id="tt"]']


def focus_text_2(v: View) -> list[Step]:
    n = match(r"Focus into the (\d)\w\w input textbox\.", v.goal).group(1)
    return [f'clickxpath //input[@id="tt{n}"]']


def enter_text(v: View) -> list[Step]:
    text = match(r'^Enter "(.*)" into the text field and press Submit\.$', v.goal).group(1)
    if not text or '"' in text:
        raise Unsolvable(v.goal)  # `type` drops double quotes
    return ['clickxpath //input[@id="tt"]', f"type {text}", SUBMIT]


def enter_password(v: View) -> list[Step]:
    pw = quoted(v.goal)[0]
    return ['clickxpath //input[@id="password"]', f"type {pw}", 'clickxpath //input[@id="verify"]', f"type {pw}", SUBMIT]


def login_user(v: View) -> list[Step]:
    user, pw = quoted(v.goal, 2)[:2]
    return ['clickxpath //input[@id="username"]', f"type {user}", 'clickxpath //input[@id="password"]', f"type {pw}", SUBMIT]


def click_tab(v: View) -> list[Step]:
    tab = match(r"Click on (Tab #\d+)\.", v.goal).group(1)
    return [f"clickxpath //a[text()={q(tab)}]"]


def click_tab_2(v: View) -> list[Step]:
    link = quoted(v.goal)[0]
    for span in v.page.find_all("span"):
        if "alink" in span.classes() and span.text == link:
            panel = next((a for a in span.ancestors() if a.attrs.get("role") == "tabpanel"), None)
            if panel is None:
                break
            pid = panel.attrs["id"]
            return [f'clickxpath //a[@href="#{pid}"]', f'clickxpath //div[@id="{pid}"]//span[text()={q(link)}]']
    raise Unsolvable(v.goal)


def click_collapsible(v: View) -> list[Step]:
    return ["clickxpath //h3", SUBMIT]


def click_collapsible_2(v: View) -> list[Step]:
    link = quoted(v.goal)[0]
    for span in v.page.find_all("span"):
        if "alink" in span.classes() and span.text == link:
            section = span.parent
            if section is None or "aria-labelledby" not in section.attrs:
                break
            header = section.attrs["aria-labelledby"]
            return [f'clickxpath //h3[@id="{header}"]', f'clickxpath //div[@id="{section.attrs["id"]}"]/span[text()={q(link)}]']
    raise Unsolvable(v.goal)


def navigate_tree(v: View) -> list[Step]:
    name = quoted(v.goal)[0]
    tree = next(iter(v.page.find_all("ul", id="tree")), None)
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
        raise Unsolvable(v.goal)
    return found


def click_color(v: View) -> list[Step]:
    color = match(r"Click on the (.*) colored box\.", v.goal).group(1).strip()
    return [f'clickxpath //div[@id="area"]/div[@data-color={q(color)}]']


def click_widget(v: View) -> list[Step]:
    kind = quoted(v.goal)[0]
    return [f'clickxpath //div[@id="area"]//*[@data-type={q(kind)}]']


def grid_coordinate(v: View) -> list[Step]:
    coord = match(r"(\(-?\d+,-?\d+\))", v.goal).group(1)
    return [f'clickxpath //*[@id="{coord}"]']


def simple_algebra(v: View) -> list[Step]:
    problem = next(iter(v.page.find_all("div", id="math-problem")), None)
    if problem is None:
        raise Unsolvable("no problem")
    text = problem.text
    m = re.match(r"^x ([+-]) (\d+) = (-?\d+)$", text)
    if m is not None:  # x + a = b  or  x - a = b
        a, b = int(m.group(2)), int(m.group(3))
        x = b - a if m.group(1) == "+" else b + a
    else:  # a + x = b  or  a - x = b
        m = match(r"^(\d+) ([+-]) x = (-?\d+)$", text)
        a, b = int(m.group(1)), int(m.group(3))
        x = b - a if m.group(2) == "+" else a - b
        if m.group(2) == "+" and a != b:
            # AgentTuning's page draws '+' or '-' but always displays 'a + x = b'; for a hidden '-' it
            # expects a - b, so the right answer to the equation shown is rejected.
            v.notes["defect_if_rejected"] = (
                f"simple-algebra shows {text!r} but, for its hidden '-' problems, expects {a - b} instead of {x}"
            )
    return ['clickxpath //input[@id="math-answer"]', f"type {x}", SUBMIT]


def use_spinner(v: View) -> list[Step]:
    n = int(match(r"Select (-?\d+) with the spinner", v.goal).group(1))
    arrow = 'clickxpath //*[@id="area"]/span/a[1]' if n > 0 else 'clickxpath //*[@id="area"]/span/a[2]'
    return [arrow] * abs(n) + [SUBMIT]
