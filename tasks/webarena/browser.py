"""Debian's Chromium through async Playwright: one browser per run, one context per episode.

``ScriptBrowserEnv`` of the original launched a browser per task; a fresh context gives the same
clean state (cookies, storage, history) at a fraction of the cost. Everything here is async and
runs on the runner's event loop (the environment is async-native), so nothing blocks it.

:class:`Session` reproduces the original's page handling: the start URLs (`` |AND| `` opens
several tabs, the first is current), a DevTools session per page, the observation of the current
page (:mod:`tasks.webarena.axtree`) and the execution of id-based actions (clicks and hovers at the
centre of the element's box, typing after a click, scrolling by one window height, key presses,
tab management and navigation). An action that fails is recorded and the episode continues.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from playwright.async_api import Browser, BrowserContext, CDPSession, Page, Playwright, async_playwright

from tasks.webarena import axtree
from tasks.webarena.actions import Action, Kind

CHROME_BINARY = os.environ.get("WEBARENA_CHROME_BINARY", "/usr/bin/chromium")
CHROME_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-dev-shm-usage")  # fmt: skip
VIEWPORT = {"width": 1280, "height": 720}
LOAD_WAIT_S = 10.0
GOTO_TIMEOUT_MS = 300_000
"""The start pages get ``page.goto(url, timeout=300000)``; later actions Playwright's 30 s default."""


class Chromium:
    """A browser shared by the episodes of a run."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()

    async def browser(self) -> Browser:
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                if not os.path.exists(CHROME_BINARY):
                    raise RuntimeError(f"Chromium not found at {CHROME_BINARY} (set WEBARENA_CHROME_BINARY)")
                if self._playwright is None:
                    self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=CHROME_BINARY, args=list(CHROME_ARGS), headless=True, timeout=GOTO_TIMEOUT_MS
                )
            return self._browser

    async def version(self) -> str:
        return (await self.browser()).version

    async def close(self) -> None:
        async with self._lock:
            browser, self._browser = self._browser, None
            playwright, self._playwright = self._playwright, None
        if browser is not None:
            await browser.close()
        if playwright is not None:
            await playwright.stop()


class Session:
    """One episode's browser context and its current page."""

    def __init__(self, context: BrowserContext, settle_s: float) -> None:
        self.context = context
        self.settle_s = settle_s
        self.page: Page | None = None
        self.shown: dict[str, axtree.NodeInfo] = {}
        self.window: axtree.Window | None = None
        self._cdp: dict[int, CDPSession] = {}
        self._pending: dict[int, int] = {}
        """Per page: main-frame navigations requested but not committed yet."""

    @classmethod
    async def open(
        cls,
        chromium: Chromium,
        start_urls: list[str],
        storage_state: str | None,
        geolocation: dict[str, float] | None,
        settle_s: float,
        cookies: list[dict[str, Any]] | None = None,
    ) -> "Session":
        browser = await chromium.browser()
        context = await browser.new_context(
            viewport=VIEWPORT, storage_state=storage_state, geolocation=geolocation, device_scale_factor=1
        )
        session = cls(context, settle_s)
        try:
            if cookies:
                await context.add_cookies(cookies)
            for url in start_urls:
                page = await context.new_page()
                await session._client(page, enable=True)
                await page.goto(url, timeout=GOTO_TIMEOUT_MS)
            session.page = context.pages[0]
            await session.page.bring_to_front()
            await session.settle()
        except BaseException:
            await session.close()
            raise
        return session

    def _watch(self, page: Page) -> None:
        """Count the page's main-frame navigations between request and commit."""
        key = id(page)
        self._pending[key] = 0

        def requested(request: Any) -> None:
            if request.is_navigation_request() and request.frame == page.main_frame:
                self._pending[key] = self._pending.get(key, 0) + 1

        def failed(request: Any) -> None:
            if request.is_navigation_request() and request.frame == page.main_frame:
                self._pending[key] = max(0, self._pending.get(key, 0) - 1)

        def committed(frame: Any) -> None:
            if frame == page.main_frame:
                self._pending[key] = 0

        page.on("request", requested)
        page.on("requestfailed", failed)
        page.on("framenavigated", committed)

    async def _client(self, page: Page, enable: bool = False) -> CDPSession:
        """The page's DevTools session (made on first use for pages the site opened itself)."""
        key = id(page)
        if key not in self._cdp:
            self._watch(page)
            client = await self.context.new_cdp_session(page)
            if enable:
                await client.send("Accessibility.enable")
            self._cdp[key] = client
        return self._cdp[key]

    async def settle(self) -> None:
        """The original's hard ``sleep_after_execution`` (2.5 s in run.py); then, at most 10 s more,
        a navigation the action started is awaited to its commit and the page to its load event."""
        if self.settle_s > 0:
            await asyncio.sleep(self.settle_s)
        page = self.page
        if page is None:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LOAD_WAIT_S
        while self._pending.get(id(page), 0) > 0 and loop.time() < deadline:
            await asyncio.sleep(0.02)
        try:
            await page.wait_for_load_state("load", timeout=max(1.0, deadline - loop.time()) * 1000)
        except Exception:  # noqa: BLE001 - a page still loading is observed as it is
            pass

    # -- observation -------------------------------------------------------------------------------
    async def _titles(self) -> list[str] | None:
        try:
            return [await p.title() for p in self.context.pages]
        except Exception:  # noqa: BLE001 - the original's fallback header
            return None

    async def _layout(self, client: CDPSession) -> tuple[dict[str, Any], axtree.Window]:
        assert self.page is not None
        snapshot = await client.send(
            "DOMSnapshot.captureSnapshot", {"computedStyles": [], "includeDOMRects": True, "includePaintOrder": True}
        )
        upper, left, width, height, ratio = await self.page.evaluate(
            "[window.pageYOffset, window.pageXOffset, window.screen.width, window.screen.height, window.devicePixelRatio]"
        )
        if ratio != 1:
            raise RuntimeError(f"devicePixelRatio is {ratio}, not 1.0")
        return snapshot, axtree.Window(upper=upper, left=left, width=width, height=height)

    async def _document(self) -> Any:
        """Which document the page shows and whether it finished loading."""
        assert self.page is not None
        try:
            return await self.page.evaluate("[performance.timeOrigin, document.readyState]")
        except Exception:  # noqa: BLE001 - navigating: no stable document yet
            return None

    async def _capture(self, client: CDPSession) -> tuple[dict[str, Any], axtree.Window, list[dict[str, Any]]]:
        """Layout and accessibility tree of one complete document (retried, at most 3 times, when a
        navigation replaced the document in between: its boxes would not fit its tree)."""
        assert self.page is not None
        for attempt in range(3):
            before = await self._document()
            try:
                snapshot, window = await self._layout(client)
            except Exception:  # noqa: BLE001 - as the original: wait for the load, then try once more
                try:
                    await self.page.wait_for_load_state("load", timeout=500)
                except Exception:  # noqa: BLE001
                    pass
                snapshot, window = await self._layout(client)
            nodes = (await client.send("Accessibility.getFullAXTree", {}))["nodes"]
            after = await self._document()
            if attempt == 2 or (before is not None and before == after and after[1] == "complete"):
                return snapshot, window, nodes
            try:
                await self.page.wait_for_load_state("load", timeout=LOAD_WAIT_S * 1000)
            except Exception:  # noqa: BLE001
                pass
        raise AssertionError("unreachable")

    async def observe(self) -> str:
        """The text observation of the current page; remembers its shown nodes for the next action."""
        assert self.page is not None
        pages = self.context.pages
        header = axtree.tab_header(await self._titles(), pages.index(self.page), len(pages))
        client = await self._client(self.page)
        snapshot, window, nodes = await self._capture(client)
        text, shown = await asyncio.to_thread(
            axtree.observation, nodes, snapshot, window, float(VIEWPORT["width"]), header
        )
        self.shown, self.window = shown, window
        return text

    @property
    def url(self) -> str:
        return self.page.url if self.page is not None else ""

    # -- actions -----------------------------------------------------------------------------------
    def _centre(self, element_id: str) -> tuple[float, float]:
        """The element's box centre in window coordinates (KeyError: not in the observation)."""
        node = self.shown[element_id]
        if node.bound is None or self.window is None:
            raise ValueError(f"element [{element_id}] has no box")
        x, y, width, height = node.bound
        return (x - self.window.left) + width / 2, (y - self.window.upper) + height / 2

    async def execute(self, action: Action) -> str:
        """Run one action; returns the error text ('' on success). Then waits as the original."""
        error = ""
        try:
            await self._execute(action)
        except Exception as exc:  # noqa: BLE001 - the original records the failure and goes on
            error = f"{type(exc).__name__}: {exc}"
        await self.settle()
        return error

    async def _execute(self, action: Action) -> None:
        page = self.page
        assert page is not None
        match action.kind:
            case Kind.CLICK:
                await page.mouse.click(*self._centre(action.element_id))
            case Kind.HOVER:
                await page.mouse.move(*self._centre(action.element_id))
            case Kind.TYPE:
                await page.mouse.click(*self._centre(action.element_id))
                await page.keyboard.type(action.text)
            case Kind.SCROLL:
                sign = "-" if "up" in action.direction else "+"
                await page.evaluate(
                    "(document.scrollingElement || document.body).scrollTop = "
                    f"(document.scrollingElement || document.body).scrollTop {sign} window.innerHeight;"
                )
            case Kind.PRESS:
                await page.keyboard.press(action.key)
            case Kind.TAB_FOCUS:
                self.page = self.context.pages[action.tab]
                await self.page.bring_to_front()
            case Kind.NEW_TAB:
                self.page = await self.context.new_page()
                await self._client(self.page)
            case Kind.GO_BACK:
                await page.go_back()
            case Kind.GO_FORWARD:
                await page.go_forward()
            case Kind.GOTO:
                await page.goto(action.url)
            case Kind.CLOSE_TAB:
                await page.close()
                self._cdp.pop(id(page), None)
                if self.context.pages:
                    self.page = self.context.pages[-1]
                else:
                    self.page = await self.context.new_page()
                    await self._client(self.page)

    async def close(self) -> None:
        try:
            await self.context.close()
        except Exception:  # noqa: BLE001 - the browser may be gone already
            pass
