"""Instructions of the RCI agent: cleaning, the regex validity check, and their execution in Chrome.

Semantics follow AgentTuning's ``llm_agent.py`` (``process_instruction``, ``check_regex``,
``convert_to_miniwob_action``) and computergym's ``action.py``; the code is our own.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel
from selenium.common.exceptions import InvalidSelectorException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from tasks.miniwob.prompts import VALID_REGEXES

Kind = Literal["type", "clickid", "press", "movemouse", "clickxpath", "clickoption"]

_KEYS = {
    "enter": "\n",
    "space": " ",
    "arrowleft": Keys.LEFT,
    "arrowright": Keys.RIGHT,
    "backspace": Keys.BACKSPACE,
    "arrowup": Keys.UP,
    "arrowdown": Keys.DOWN,
}


class InvalidInstruction(ValueError):
    """The instruction cannot be turned into a browser action (the episode fails)."""


class ActionFailed(RuntimeError):
    """The browser action raised (the original's instance thread then ends the episode with -1)."""


class Instruction(BaseModel):
    """One parsed instruction."""

    kind: Kind
    arg: str


def process_instruction(text: str) -> str:
    """Cut at the first backtick, drop newlines, turn literal ``\\n`` into newlines, strip quotes."""
    end = text.find("`")
    if end != -1:
        text = text[:end]
    text = text.replace("`", "").replace("\n", "").replace("\\n", "\n")
    return text.strip().strip("'")


def matches_regex(instruction: str) -> bool:
    """True when the instruction matches one of the six instruction regexes (case-insensitive)."""
    return any(re.search(rx, instruction, flags=re.IGNORECASE) for rx in VALID_REGEXES)


def parse_instruction(instruction: str) -> Instruction:
    """Map a (regex-valid) instruction to an action, as ``convert_to_miniwob_action`` does."""
    words = instruction.split(" ")
    kind = words[0].lower()
    rest = " ".join(words[1:])
    if kind == "type":
        return Instruction(kind="type", arg=rest.replace('"', ""))
    if kind == "press":
        key = words[1].lower() if len(words) > 1 else ""
        if key not in _KEYS:
            # The original raises ``NotImplemented`` here (a TypeError that would crash its run);
            # the press regex admits only mapped keys, so this is reached only through odd spacing.
            raise InvalidInstruction(f"unsupported key {key!r}")
        return Instruction(kind="press", arg=key)
    if kind in ("clickid", "movemouse", "clickxpath", "clickoption"):
        return Instruction(kind=kind, arg=rest)
    raise InvalidInstruction(f"invalid instruction {instruction!r}")


def execute(driver: WebDriver, ins: Instruction) -> None:
    """Perform one instruction on the page. Raises :class:`ActionFailed` where the original's
    action raised (clickoption/clickid/movemouse on a missing element)."""
    try:
        if ins.kind == "type":
            ActionChains(driver).send_keys(ins.arg).perform()
        elif ins.kind == "press":
            ActionChains(driver).send_keys(_KEYS[ins.arg]).perform()
        elif ins.kind == "clickxpath":
            _click_xpath(driver, ins.arg)
        elif ins.kind == "clickoption":
            option = driver.find_element(By.XPATH, ins.arg)
            Select(option.find_element(By.XPATH, "./..")).select_by_visible_text(option.text)
        elif ins.kind == "clickid":
            element = driver.find_element(By.ID, ins.arg)
            ActionChains(driver).move_to_element(element).click().perform()
        elif ins.kind == "movemouse":
            _move_xpath(driver, ins.arg)
    except ActionFailed:
        raise
    except WebDriverException as exc:
        raise ActionFailed(f"{ins.kind} {ins.arg!r}: {type(exc).__name__}") from None


def _click_xpath(driver: WebDriver, xpath: str) -> None:
    """Click the first clickable match; a bad or unmatched xpath does nothing (as the original)."""
    try:
        elements = driver.find_elements(By.XPATH, xpath)
    except (InvalidSelectorException, WebDriverException):
        return
    for element in elements:
        try:
            element = WebDriverWait(driver, 0.1).until(EC.element_to_be_clickable(element))
            if element.tag_name == "button":
                element.click()
            elif element.tag_name == "option":
                Select(element.find_element(By.XPATH, "..")).select_by_visible_text(element.text)
            else:
                ActionChains(driver).move_to_element(element).click().perform()
            return
        except WebDriverException as exc:
            if "intercept" in str(exc):
                element.send_keys(Keys.ENTER)
                return


def _move_xpath(driver: WebDriver, xpath: str) -> None:
    performed = False
    for element in driver.find_elements(By.XPATH, xpath):
        try:
            ActionChains(driver).move_to_element(element).perform()
            performed = True
        except WebDriverException:
            pass
    if not performed:
        raise ActionFailed("movemouse on a non-interactable element")
