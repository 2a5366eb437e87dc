"""Scripted gold solvers for the 46 evaluated MiniWoB++ tasks (see :mod:`.base` for the contract)."""

from __future__ import annotations

from tasks.miniwob.solvers import apps, basic, shapes, widgets
from tasks.miniwob.solvers.base import Later, Solver, Step, Unsolvable, View

__all__ = ["SOLVERS", "Later", "Solver", "Step", "Unsolvable", "View", "solve"]

SOLVERS: dict[str, Solver] = {
    "click-test": basic.click_test,
    "click-test-2": basic.click_test_2,
    "click-button-sequence": basic.click_button_sequence,
    "click-button": basic.click_button,
    "click-link": basic.click_link,
    "click-dialog": basic.click_dialog,
    "click-dialog-2": basic.click_dialog_2,
    "click-checkboxes": basic.click_checkboxes,
    "click-checkboxes-large": basic.click_checkboxes,
    "click-checkboxes-transfer": basic.click_checkboxes,
    "click-option": basic.click_option,
    "choose-list": basic.choose_list,
    "focus-text": basic.focus_text,
    "focus-text-2": basic.focus_text_2,
    "enter-text": basic.enter_text,
    "enter-text-dynamic": basic.enter_text,
    "enter-password": basic.enter_password,
    "login-user": basic.login_user,
    "click-tab": basic.click_tab,
    "click-tab-2": basic.click_tab_2,
    "click-tab-2-hard": basic.click_tab_2,
    "click-collapsible": basic.click_collapsible,
    "click-collapsible-2": basic.click_collapsible_2,
    "navigate-tree": basic.navigate_tree,
    "click-color": basic.click_color,
    "click-widget": basic.click_widget,
    "grid-coordinate": basic.grid_coordinate,
    "simple-algebra": basic.simple_algebra,
    "use-spinner": basic.use_spinner,
    "click-menu": widgets.click_menu,
    "click-scroll-list": widgets.click_scroll_list,
    "enter-date": widgets.enter_date,
    "enter-time": widgets.enter_time,
    "click-checkboxes-soft": widgets.click_checkboxes_soft,
    "click-shades": widgets.click_shades,
    "click-shape": shapes.click_shape,
    "count-shape": shapes.count_shape,
    "email-inbox": apps.email_inbox,
    "email-inbox-nl-turk": apps.email_inbox,
    "email-inbox-forward-nl": apps.email_inbox,
    "email-inbox-forward-nl-turk": apps.email_inbox,
    "social-media": apps.social_media,
    "social-media-all": apps.social_media_all,
    "social-media-some": apps.social_media_some,
    "search-engine": apps.search_engine,
    "terminal": apps.terminal,
}


def solve(task: str, view: View) -> list[Step]:
    """The gold plan of one episode (Unsolvable when the page is not as expected; KeyError: no solver)."""
    return SOLVERS[task](view)
