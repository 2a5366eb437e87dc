"""Shared pieces of the local site: the HTML frame, per-episode state and log-in sessions.

Mutable state (cart, wish list, new posts, comments, subscriptions) is kept per episode: the
environment gives each episode's browser context a ``wa_episode`` cookie, so concurrent samples
never see each other's changes. Product reviews are global (the REST API that the evaluator's
helpers call carries no browser cookie), as a real shop's are.
"""

from __future__ import annotations

import html
import secrets
from dataclasses import dataclass, field

from aiohttp import web

from tasks.webarena.local_site.data import Comment, Post

EPISODE_COOKIE = "wa_episode"

STYLE = """
body { font-family: Arial, sans-serif; margin: 0; line-height: 1.5; }
header, nav, main, footer { padding: 8px 24px; }
header { background: #f4f7f9; border-bottom: 2px solid #b1c1c6; }
nav a, header a { margin-right: 14px; }
.card { display: block; height: 150px; margin: 8px 0; padding: 8px; border: 1px solid #ddd; }
.tip { display: inline-block; position: relative; border-bottom: 1px dotted #555; }
.tip .tiptext { display: none; }
.tip:hover .tiptext { display: block; }
.spacer { height: 420px; }
footer { margin-top: 40px; border-top: 1px solid #ccc; }
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def document(title: str, header: str, body: str, footer: str = "") -> web.Response:
    text = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
        f"<style>{STYLE}</style></head><body><header>{header}</header><main>{body}</main>"
        f"{f'<footer>{footer}</footer>' if footer else ''}</body></html>"
    )
    return web.Response(text=text, content_type="text/html")


def redirect(location: str) -> web.HTTPFound:
    return web.HTTPFound(location)


@dataclass
class Episode:
    """What one episode changed on the site."""

    cart: dict[str, int] = field(default_factory=dict)
    wishlist: list[str] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    comments: dict[int, list[Comment]] = field(default_factory=dict)
    subscriptions: set[str] = field(default_factory=set)


class Sessions:
    """Log-in tokens (cookie value -> account) and per-episode state, shared by the sites."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        self.episodes: dict[str, Episode] = {}

    def login(self, response: web.StreamResponse, cookie: str, account: str) -> None:
        token = secrets.token_hex(16)
        self.tokens[token] = account
        response.set_cookie(cookie, token, path="/", max_age=86400 * 30)

    def user(self, request: web.Request, cookie: str) -> str | None:
        return self.tokens.get(request.cookies.get(cookie, ""))

    def episode(self, request: web.Request) -> Episode:
        return self.episodes.setdefault(request.cookies.get(EPISODE_COOKIE, ""), Episode())


def labelled(label: str, control: str, field_id: str) -> str:
    return f"<p><label for='{field_id}'>{esc(label)}</label> {control}</p>"
