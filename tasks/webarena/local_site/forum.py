"""The local forum (Postmill-like, the "reddit" site): forums, submissions with comments, user
pages, log-in, new submissions, comments and subscriptions. Submission pages use Postmill's
paths (``/f/<forum>/<id>/<slug>``) and markup classes the WebArena locators read
(``.submission__inner``, ``.subscribe-button``)."""

from __future__ import annotations

from aiohttp import web

from tasks.webarena.local_site import data
from tasks.webarena.local_site.pages import Episode, Sessions, document, esc, labelled, redirect
from tasks.webarena.sites import ACCOUNTS

COOKIE = "forum_user"
FIRST_NEW_ID = 500


class Forum:
    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.front), web.get("/forums", self.forums), web.get("/f/{forum}", self.forum),
            web.post("/f/{forum}/subscribe", self.subscribe), web.get("/f/{forum}/{id:\\d+}", self.post),
            web.get("/f/{forum}/{id:\\d+}/{slug:[^/]*}", self.post), web.post("/f/{forum}/{id:\\d+}/comment", self.comment),
            web.get("/submit/{forum}", self.submit_form), web.post("/submit/{forum}", self.submit),
            web.get("/user/{name}", self.user), web.get("/user/{name}/account", self.account),
            web.get("/login", self.login_form), web.post("/login", self.login),
        ]  # fmt: skip

    # -- helpers ---------------------------------------------------------------------------------------
    def _posts(self, episode: Episode) -> list[data.Post]:
        """All submissions, each with the episode's new comments, oldest first."""
        out = []
        for post in [*data.POSTS, *episode.posts]:
            extra = episode.comments.get(post.id, [])
            out.append(post.model_copy(update={"comments": [*post.comments, *extra]}) if extra else post)
        return out

    def page(self, request: web.Request, title: str, body: str) -> web.Response:
        user = self.sessions.user(request, COOKIE)
        who = f"<a href='/user/{esc(user)}'>{esc(user)}</a>" if user else "<a href='/login'>Log in</a>"
        header = f"<a href='/'>Postmill</a> <a href='/forums'>Forums</a> {who}"
        return document(f"{title} - Postmill", header, body)

    @staticmethod
    def _summary(post: data.Post) -> str:
        link = f"/f/{post.forum}/{post.id}/{post.slug}"
        return (
            f"<article class='submission'><h2><a href='{link}'>{esc(post.title)}</a></h2>"
            f"<p>Submitted by <a href='/user/{esc(post.author)}'>{esc(post.author)}</a> in "
            f"<a href='/f/{post.forum}'>{post.forum}</a></p><a href='{link}'>{len(post.comments)} comments</a></article>"
        )

    def _need_login(self, request: web.Request) -> str:
        user = self.sessions.user(request, COOKIE)
        if user is None:
            raise redirect("/login")
        return user

    def _find(self, request: web.Request) -> data.Post:
        episode = self.sessions.episode(request)
        forum, post_id = request.match_info["forum"], int(request.match_info["id"])
        for post in self._posts(episode):
            if post.id == post_id and post.forum == forum:
                return post
        raise web.HTTPNotFound()

    # -- pages -----------------------------------------------------------------------------------------
    async def front(self, request: web.Request) -> web.Response:
        posts = sorted(self._posts(self.sessions.episode(request)), key=lambda p: -p.id)
        return self.page(request, "Front page", "<h1>Front page</h1>" + "".join(self._summary(p) for p in posts[:5]))

    async def forums(self, request: web.Request) -> web.Response:
        rows = "".join(f"<li><a href='/f/{name}'>{name}</a> {esc(text)}</li>" for name, text in data.FORUMS.items())
        return self.page(request, "List of forums", f"<h1>List of forums</h1><ul>{rows}</ul>")

    async def forum(self, request: web.Request) -> web.Response:
        name = request.match_info["forum"]
        if name not in data.FORUMS:
            raise web.HTTPNotFound()
        episode = self.sessions.episode(request)
        label = "Unsubscribe" if name in episode.subscriptions else "Subscribe"
        posts = sorted((p for p in self._posts(episode) if p.forum == name), key=lambda p: -p.id)
        body = (
            f"<h1>{name}</h1><p>{esc(data.FORUMS[name])}</p>"
            f"<form method='post' action='/f/{name}/subscribe'><button class='subscribe-button' type='submit'>{label}</button></form>"
            f"<p><a href='/submit/{name}'>Submit</a></p>" + "".join(self._summary(p) for p in posts)
        )
        return self.page(request, name, body)

    async def subscribe(self, request: web.Request) -> web.Response:
        name = request.match_info["forum"]
        self._need_login(request)
        if name not in data.FORUMS:
            raise web.HTTPNotFound()
        subs = self.sessions.episode(request).subscriptions
        subs.symmetric_difference_update({name})
        raise redirect(f"/f/{name}")

    async def post(self, request: web.Request) -> web.Response:
        post = self._find(request)
        comments = "".join(
            f"<div class='comment'><a href='/user/{esc(c.author)}'>{esc(c.author)}</a><p>{esc(c.text)}</p></div>"
            for c in post.comments
        )
        if self.sessions.user(request, COOKIE):
            form = (
                f"<form method='post' action='/f/{post.forum}/{post.id}/comment'>"
                + labelled("Comment", "<textarea id='comment' name='text'></textarea>", "comment")
                + "<button type='submit'>Post</button></form>"
            )
        else:
            form = "<p><a href='/login'>Log in</a> to comment.</p>"
        body = (
            f"<div class='submission__inner'><h1>{esc(post.title)}</h1><p>Submitted by "
            f"<a href='/user/{esc(post.author)}'>{esc(post.author)}</a> in <a href='/f/{post.forum}'>{post.forum}</a></p>"
            f"<div class='submission__body'>{esc(post.body)}</div></div>"
            f"<h2>{len(post.comments)} comments</h2>{form}{comments}"
        )
        return self.page(request, post.title, body)

    async def comment(self, request: web.Request) -> web.Response:
        user = self._need_login(request)
        post = self._find(request)
        text = str((await request.post()).get("text", "")).strip()
        if not text:
            raise web.HTTPBadRequest(text="empty comment")
        self.sessions.episode(request).comments.setdefault(post.id, []).append(data.Comment(author=user, text=text))
        raise redirect(f"/f/{post.forum}/{post.id}/{post.slug}")

    async def submit_form(self, request: web.Request) -> web.Response:
        self._need_login(request)
        name = request.match_info["forum"]
        if name not in data.FORUMS:
            raise web.HTTPNotFound()
        form = (
            f"<form method='post' action='/submit/{name}'>"
            + labelled("Title", "<input type='text' id='title' name='title'>", "title")
            + labelled("Body", "<textarea id='body' name='body'></textarea>", "body")
            + "<button type='submit'>Create submission</button></form>"
        )
        return self.page(request, "Create submission", f"<h1>Create submission in {name}</h1>{form}")

    async def submit(self, request: web.Request) -> web.Response:
        user = self._need_login(request)
        name = request.match_info["forum"]
        form = await request.post()
        title = str(form.get("title", "")).strip()
        if name not in data.FORUMS or not title:
            raise web.HTTPBadRequest(text="a title is required")
        episode = self.sessions.episode(request)
        post = data.Post(id=FIRST_NEW_ID + len(episode.posts), forum=name, title=title, author=user,
                         body=str(form.get("body", "")).strip())  # fmt: skip
        episode.posts.append(post)
        raise redirect(f"/f/{name}/{post.id}/{post.slug}")

    async def user(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        posts = self._posts(self.sessions.episode(request))
        submitted = "".join(self._summary(p) for p in posts if p.author == name)
        said = "".join(
            f"<li>{esc(c.text)} (on <a href='/f/{p.forum}/{p.id}/{p.slug}'>{esc(p.title)}</a>)</li>"
            for p in posts for c in p.comments if c.author == name
        )  # fmt: skip
        body = f"<h1>{esc(name)}</h1><h2>Submissions</h2>{submitted or '<p>None.</p>'}<h2>Comments</h2><ul>{said}</ul>"
        return self.page(request, name, body)

    async def account(self, request: web.Request) -> web.Response:
        user = self._need_login(request)
        if user != request.match_info["name"]:
            raise web.HTTPForbidden()
        return self.page(request, "Account settings", f"<h1>Account settings of {esc(user)}</h1><button>Delete account</button>")

    async def login_form(self, request: web.Request) -> web.Response:
        form = (
            "<form method='post' action='/login'>"
            + labelled("Username", "<input type='text' id='username' name='_username'>", "username")
            + labelled("Password", "<input type='password' id='password' name='_password'>", "password")
            + "<button type='submit'>Log in</button></form>"
        )
        return self.page(request, "Log in", f"<h1>Log in</h1>{form}")

    async def login(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        account = ACCOUNTS["reddit"]
        if form.get("_username") != account["username"] or form.get("_password") != account["password"]:
            return self.page(request, "Log in", "<h1>Log in</h1><p>Invalid credentials.</p>")
        response = web.HTTPFound("/")
        self.sessions.login(response, COOKIE, account["username"])
        raise response
