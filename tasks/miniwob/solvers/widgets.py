"""Gold solvers of the widget tasks: menus, lists, date and time inputs, synonyms, colour shades."""

from __future__ import annotations

from itertools import permutations

from tasks.miniwob.solvers.base import SUBMIT, Step, Unsolvable, View, match, q


def click_menu(v: View) -> list[Step]:
    """Hover each parent item (a click on one selects it and ends the episode), click the leaf."""
    path = match(r"^Select (.+)$", v.goal).group(1).split(">")
    item = 'clickxpath //ul[@id="menu"]//div[text()={}]'
    hover = 'movemouse //ul[@id="menu"]//div[text()={}]'
    return [hover.format(q(name)) for name in path[:-1]] + [item.format(q(path[-1]))]


def click_scroll_list(v: View) -> list[Step]:
    """Select the named options of the multi-select list (names may contain ', '), then Submit."""
    wanted = match(r"^Select (.+) from the scroll list and click Submit\.$", v.goal).group(1)
    options = [o.text for o in v.page.find_all("option")]
    for size in range(1, len(options) + 1):
        for combo in permutations(options, size):
            if ", ".join(combo) == wanted:
                picks = [f'clickoption //select[@id="options"]/option[text()={q(o)}]' for o in combo]
                return picks + ['clickxpath //div[@id="area"]/button']
        if size >= 3:
            break
    raise Unsolvable(v.goal)


def enter_date(v: View) -> list[Step]:
    """Chromium's date input: the click lands on some field; two left arrows reach the month."""
    mm, dd, yyyy = match(r"Enter (\d\d)/(\d\d)/(\d{4}) as the date", v.goal).groups()
    return ['clickxpath //input[@id="tt"]', "press arrowleft", "press arrowleft", f"type {mm}{dd}{yyyy}", SUBMIT]


def enter_time(v: View) -> list[Step]:
    """Chromium's time input (hh:mm AM/PM fields): two left arrows reach the hour."""
    h, m, ampm = match(r"Enter (\d{1,2}):(\d\d) (AM|PM) as the time", v.goal).groups()
    return ['clickxpath //input[@id="tt"]', "press arrowleft", "press arrowleft", f"type {int(h):02d}{m}{ampm}", SUBMIT]


def click_checkboxes_soft(v: View) -> list[Step]:
    """Each query word is a synonym of one box's word; the synonym groups are the page's own list."""
    words = match(r"^Select words similar to (.+) and click Submit\.$", v.goal).group(1).split(", ")
    groups: list[list[str]] = v.js("SYNONYMS")
    labels = [label.text for label in v.page.find_all("label")]
    steps: list[Step] = []
    for word in words:
        group = next((g for g in groups if word in g), None)
        box = next((lab for lab in labels if group is not None and lab in group), None)
        if box is None:
            raise Unsolvable(f"no box for {word!r}")
        steps.append(f"clickxpath //label[normalize-space(.)={q(box)}]/input")
    return steps + [SUBMIT]


def click_shades(v: View) -> list[Step]:
    """Click every swatch of the asked colour (each click toggles it), then Submit."""
    color = match(r"^Select all the shades of (\w+) and press Submit\.$", v.goal).group(1)
    area = next(iter(v.page.find_all("div", id="area")), None)
    if area is None:
        raise Unsolvable("no area")
    spans = [c for c in area.children if c.tag == "span"]
    picks = [f'clickxpath //div[@id="area"]/span[{i}]' for i, s in enumerate(spans, 1) if s.attrs.get("data-color") == color]
    return picks + ['clickxpath //button[@id="submit"]']
