"""Headless Debian Chromium for MiniWoB++: driver creation, a reusable pool, and episode control.

The task pages (:mod:`tasks.miniwob.pages`) are opened as ``file://`` URLs, as computergym does (no
HTTP server, no network). Every call here is blocking Selenium: it runs only inside the sync
``Env`` methods, which the loop executes in worker threads.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROME_BINARY = os.environ.get("MINIWOB_CHROME_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MINIWOB_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROME_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--window-size=800,600",
)

SYNC_SCREEN_ID = "sync-task-cover"
IMPLICIT_WAIT_S = 5
"""computergym's ``driver.implicitly_wait(5)``: lets an xpath wait for elements that appear later."""


def new_driver(console_log: bool = False) -> WebDriver:
    """A headless Chromium driven by Debian's chromedriver (Selenium Manager is never consulted);
    ``console_log`` keeps the page's console (``driver.get_log("browser")``: failed loads, errors)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROME_BINARY
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(IMPLICIT_WAIT_S)
    return driver


def begin_episode(driver: WebDriver, url: str, seed: float, max_time_ms: int | None = None) -> None:
    """Load the task page afresh, seed it, set its timer (None: the page's own) and start one episode.

    Deviation: the original keeps one page per task and only re-seeds between episodes, so ref
    numbers and ``data-wob_eps`` keep counting up; reloading makes each sample independent of
    which episodes ran before it in the same browser (deterministic per seed).
    """
    driver.get(url)
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, SYNC_SCREEN_ID)))
    driver.execute_script(f"Math.seedrandom({seed!r});")
    if max_time_ms is not None:
        driver.execute_script(f"core.EPISODE_MAX_TIME = {int(max_time_ms)};")
    driver.execute_script('core.setDataMode("train");')
    driver.execute_script("core.startEpisodeReal();")
    for _ in range(40):
        if driver.execute_script("return WOB_TASK_READY;"):
            return
        time.sleep(0.05)
    raise RuntimeError(f"MiniWoB++ page {url} did not become ready")


def episode_metadata(driver: WebDriver) -> dict:
    """``done``, the time-scaled ``env_reward``, the ``raw_reward`` and the reason."""
    return driver.execute_script(
        "return {done: WOB_DONE_GLOBAL, env_reward: WOB_REWARD_GLOBAL,"
        " raw_reward: WOB_RAW_REWARD_GLOBAL, reason: WOB_REWARD_REASON};"
    )


def episode_max_time(driver: WebDriver) -> int:
    return int(driver.execute_script("return core.EPISODE_MAX_TIME;"))


class BrowserPool:
    """Up to ``size`` Chromium instances, created on demand and reused across episodes."""

    def __init__(self, size: int = 2):
        self.size = size
        self._idle: queue.LifoQueue[WebDriver] = queue.LifoQueue()
        self._all: list[WebDriver] = []
        self._lock = threading.Lock()
        self._closed = False
        self._count = 0
        self.created = 0
        """Drivers started so far (a reuse check for tests and the manifest)."""

    def acquire(self, timeout: float = 600.0) -> WebDriver:
        """An idle driver, a new one while under ``size``, or wait for one to be released."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            with self._lock:
                if self._closed:
                    raise RuntimeError("browser pool is closed")
                grow = self._count < self.size
                if grow:
                    self._count += 1
                    self.created += 1
            if grow:
                try:
                    driver = new_driver()
                except Exception:
                    with self._lock:
                        self._count -= 1
                    raise
                with self._lock:
                    self._all.append(driver)
                return driver
            if time.monotonic() > deadline:
                raise TimeoutError("no browser became free")
            try:
                return self._idle.get(timeout=0.5)
            except queue.Empty:
                continue

    def release(self, driver: WebDriver, broken: bool = False) -> None:
        """Give a driver back; a broken one is quit and replaced on the next acquire."""
        if broken or self._closed:
            self._discard(driver)
            return
        self._idle.put(driver)

    def _discard(self, driver: WebDriver) -> None:
        with self._lock:
            if driver in self._all:
                self._all.remove(driver)
                self._count -= 1
        try:
            driver.quit()
        except WebDriverException:
            pass

    def close(self) -> None:
        """Quit every driver."""
        with self._lock:
            self._closed = True
            drivers, self._all = list(self._all), []
            self._count = 0
        for driver in drivers:
            with contextlib.suppress(Exception):  # shutting down regardless
                driver.quit()
