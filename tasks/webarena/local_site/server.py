"""Serve the local shop, forum and homepage on loopback, each on its own port, from a thread of
their own (so a busy harness event loop never stalls a page load).

``python -m tasks.webarena.local_site`` serves them until interrupted, for a look in a browser.
"""

from __future__ import annotations

import asyncio
import socket
import threading

from aiohttp import web

from tasks.webarena.local_site.forum import Forum
from tasks.webarena.local_site.pages import Sessions, document, esc
from tasks.webarena.local_site.shop import Shop
from tasks.webarena.sites import ACCOUNTS, Sites

HOST = "127.0.0.1"


def homepage_app(urls: dict[str, str]) -> web.Application:
    """The WebArena homepage: a card per site and the account list (``/password.html``)."""
    names = {"shopping": ("OneStopShop", "An online shopping site"), "reddit": ("Reddit", "A social news aggregation and discussion website")}

    async def index(request: web.Request) -> web.Response:
        cards = "".join(
            f"<div class='card' role='region' aria-label='{esc(title)}'><a href='{esc(urls[site])}'><h2>{esc(title)}</h2></a>"
            f"<p>{esc(text)}</p></div>"
            for site, (title, text) in names.items()
        )
        return document("Homepage", "<h1>Welcome to WebArena</h1>", cards + "<p><a href='/password.html'>Account list</a></p>")

    async def passwords(request: web.Request) -> web.Response:
        rows = "".join(
            f"<tr><td>{esc(site)}</td><td>{esc(a['username'])}</td><td>{esc(a['password'])}</td></tr>"
            for site, a in ACCOUNTS.items() if site in names
        )  # fmt: skip
        table = f"<table><tr><th>Site</th><th>Username</th><th>Password</th></tr>{rows}</table>"
        return document("Accounts", "<h1>Accounts</h1>", table)

    app = web.Application()
    app.add_routes([web.get("/", index), web.get("/password.html", passwords)])
    return app


class LocalSite:
    """The three loopback sites. :meth:`start` returns their :class:`Sites` configuration."""

    def __init__(self) -> None:
        self.sessions = Sessions()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runners: list[web.AppRunner] = []
        self.sites: Sites | None = None

    def start(self) -> Sites:
        if self.sites is not None:
            return self.sites
        sockets = {name: self._listen() for name in ("shopping", "reddit", "homepage")}
        urls = {name: f"http://{HOST}:{s.getsockname()[1]}" for name, s in sockets.items()}
        apps = {"shopping": web.Application(), "reddit": web.Application(), "homepage": homepage_app(urls)}
        apps["shopping"].add_routes(Shop(self.sessions).routes())
        apps["reddit"].add_routes(Forum(self.sessions).routes())
        loop = asyncio.new_event_loop()
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            for name, app in apps.items():
                runner = web.AppRunner(app, access_log=None)
                loop.run_until_complete(runner.setup())
                loop.run_until_complete(web.SockSite(runner, sockets[name]).start())
                self._runners.append(runner)
            ready.set()
            loop.run_forever()

        self._loop = loop
        self._thread = threading.Thread(target=serve, name="webarena-local-site", daemon=True)
        self._thread.start()
        ready.wait()
        self.sites = Sites(**urls)
        return self.sites

    @staticmethod
    def _listen() -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((HOST, 0))
        sock.listen(128)
        sock.setblocking(False)
        return sock

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return

        async def shutdown() -> None:
            for runner in self._runners:
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()
        self._loop = self._thread = None
        self._runners = []
        self.sites = None


def main() -> None:
    site = LocalSite()
    sites = site.start()
    for name, url in sites.configured().items():
        print(f"{name}: {url}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        site.stop()


if __name__ == "__main__":
    main()
