"""Log-in states for the tasks that start logged in (``storage_state`` in a config).

The original's ``prepare.sh`` runs ``browser_env/auto_login.py``: for each site (and some pairs)
it signs in with the WebArena accounts in a fresh browser context and saves the context's
storage state as ``./.auth/<site>[.<site>]_state.json``; each task's context is created from the
file its config names. We do the same, on first use of each file, into the run's work directory;
``auth_dir`` (a site-file key or task option) uses ready-made files instead. The same steps sign
in to the bundled local site, whose forms carry the same labels.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tasks.webarena.browser import Chromium
from tasks.webarena.sites import ACCOUNTS, Sites

LOGIN_ORDER = ("shopping", "reddit", "shopping_admin", "gitlab")
"""The order ``renew_comb`` signs in within one context."""

CHECKS = {
    "shopping": ("{shopping}/wishlist/", ""),
    "reddit": ("{reddit}/user/" + ACCOUNTS["reddit"]["username"] + "/account", "Delete"),
    "shopping_admin": ("{shopping_admin}/dashboard", "Dashboard"),
    "gitlab": ("{gitlab}/-/profile", ""),
}
"""``auto_login.is_expired``: the page that must open without a redirect (or show the keyword)."""


async def _sign_in(page, site: str, sites: Sites) -> None:
    account = ACCOUNTS[site]
    user, password = account["username"], account["password"]
    if site == "shopping":
        await page.goto(f"{sites.shopping}/customer/account/login/")
        await page.get_by_label("Email", exact=True).fill(user)
        await page.get_by_label("Password", exact=True).fill(password)
        await page.get_by_role("button", name="Sign In").click()
    elif site == "reddit":
        await page.goto(f"{sites.reddit}/login")
        await page.get_by_label("Username").fill(user)
        await page.get_by_label("Password").fill(password)
        await page.get_by_role("button", name="Log in").click()
    elif site == "shopping_admin":
        await page.goto(f"{sites.shopping_admin}")
        await page.get_by_placeholder("user name").fill(user)
        await page.get_by_placeholder("password").fill(password)
        await page.get_by_role("button", name="Sign in").click()
    elif site == "gitlab":
        await page.goto(f"{sites.gitlab}/users/sign_in")
        await page.get_by_test_id("username-field").fill(user)
        await page.get_by_test_id("password-field").fill(password)
        await page.get_by_test_id("sign-in-button").click()
    await page.wait_for_load_state("load")


async def _check(page, site: str, sites: Sites) -> bool:
    template, keyword = CHECKS[site]
    url = template.format(**sites.configured())
    await page.goto(url)
    if keyword:
        return keyword in await page.content()
    return page.url == url


class LoginStates:
    """Storage-state files by name (``shopping_state.json``...), made once per run on demand."""

    def __init__(self, chromium: Chromium, sites: Sites, work_dir: Path) -> None:
        self.chromium = chromium
        self.sites = sites
        self.work_dir = work_dir
        self._made: dict[str, Path] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def path(self, name: str) -> str:
        """The file for a config's ``storage_state`` (its file name)."""
        if self.sites.auth_dir is not None:
            file = self.sites.auth_dir / name
            if not file.is_file():
                raise RuntimeError(f"log-in state {file} does not exist (auth_dir)")
            return str(file)
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:
            if name not in self._made:
                self._made[name] = await self._make(name)
        return str(self._made[name])

    async def _make(self, name: str) -> Path:
        combo = name.removesuffix(".json").rsplit("_", 1)[0].split(".")
        unknown = [s for s in combo if s not in LOGIN_ORDER]
        missing = [s for s in combo if s in LOGIN_ORDER and getattr(self.sites, s) is None]
        if unknown or missing:
            raise RuntimeError(f"cannot make log-in state {name}: unknown sites {unknown}, unconfigured {missing}")
        browser = await self.chromium.browser()
        context = await browser.new_context()
        try:
            page = await context.new_page()
            for site in (s for s in LOGIN_ORDER if s in combo):
                await _sign_in(page, site, self.sites)
            for site in combo:
                if not await _check(page, site, self.sites):
                    raise RuntimeError(f"signing in to {site} ({getattr(self.sites, site)}) did not work")
            self.work_dir.mkdir(parents=True, exist_ok=True)
            path = self.work_dir / name
            await context.storage_state(path=str(path))
            return path
        finally:
            await context.close()
