"""Gold solvers of the small apps: the email inbox, the social feed, the search engine, the terminal."""

from __future__ import annotations

import re

from tasks.miniwob.html_tree import Node
from tasks.miniwob.solvers.base import Later, Step, Unsolvable, View, match, q, quoted

# -- email-inbox, email-inbox-nl-turk, email-inbox-forward-nl, email-inbox-forward-nl-turk ----------

_EMAIL_GOALS = (
    (r'^Find the email by (.+) and reply to them with the text "(.*)"\.$', "reply"),
    (r"^Find the email by (.+) and forward that email to (.+)\.$", "forward"),
    (r"^Find the email by (.+) and click the trash icon to delete it\.$", "delete"),
    (r"^Find the email by (.+) and click the star icon to mark it as important\.$", "star"),
)


def _email_task(v: View) -> dict[str, str]:
    """The task as the page's fields give it (the natural-language pages set ``core.currentFields``:
    by, message / to, and task where the page has several), else parsed from email-inbox's fixed
    goal templates."""
    fields = v.fields() if v.script is not None else {}
    if fields.get("by"):
        task = fields.get("task") or ("forward" if "to" in fields else "reply" if "message" in fields else "")
        return {**fields, "task": task}
    for pattern, task in _EMAIL_GOALS:
        m = re.match(pattern, v.goal)
        if m is not None:
            extra = {"reply": "message", "forward": "to"}.get(task)
            return {"task": task, "by": m.group(1), **({extra: m.group(2)} if extra else {})}
    raise Unsolvable(v.goal)


def email_inbox(v: View) -> list[Step]:
    t = _email_task(v)
    senders = [n.text for n in v.page.find_all("div") if "email-sender" in n.classes()]
    if t["by"] not in senders:
        raise Unsolvable(f"no email from {t['by']!r}")
    if senders.count(t["by"]) > 1 and t["task"] == "forward":
        v.notes["defect_if_rejected"] = f"{senders.count(t['by'])} emails from {t['by']}; the goal does not say which"
    steps: list[Step] = [f'clickxpath //div[@id="main"]//div[@class="email-sender" and text()={q(t["by"])}]']
    if t["task"] == "delete":
        return steps + ['clickxpath //div[@id="email"]//span[@class="trash"]']
    if t["task"] == "star":
        return steps + ['clickxpath //div[@id="email"]//span[@class="star"]']
    if t["task"] == "reply":
        text = t.get("message", "")
        if not text or '"' in text:
            raise Unsolvable("`type` drops double quotes")
        return steps + [
            'clickxpath //span[@class="email-reply"]',
            'clickxpath //textarea[@id="reply-text"]',
            f"type {text}",
            'clickxpath //span[@id="send-reply"]',
        ]
    if t["task"] == "forward":
        return steps + [
            'clickxpath //span[@class="email-forward"]',
            'clickxpath //input[@class="forward-sender"]',
            f"type {t['to']}",
            'clickxpath //span[@id="send-forward"]',
        ]
    raise Unsolvable(f"email task {t['task']!r}")


# -- social-media, social-media-all, social-media-some ------------------------------------------------


def _posts_by(v: View, user: str) -> list[int]:
    """The ``data-result`` indexes of the posts by ``user``, in page order."""
    out = []
    for media in v.page.find_all("div"):
        if "media" in media.classes():
            name = next((s.text for s in media.iter() if "username" in s.classes()), None)
            if name == user:
                out.append(int(media.attrs["data-result"]))
    if not out:
        raise Unsolvable(f"no post by {user}")
    return out


def _control(post: Node, label: str) -> tuple[str, bool]:
    """The class of the control named ``label`` in a post, and whether it sits in the 'more' menu."""
    for node in post.iter():
        if node.tag == "span" and node.attrs.get("class", "").lower() == label.lower():
            return node.attrs["class"], False
        if node.tag == "li" and (node.text == label or node.text.startswith(label + " ")):
            return node.attrs["class"], True
    raise Unsolvable(f"no {label!r} control")


def social_media(v: View) -> list[Step]:
    user, label = match(r'^For the user (@\S+), click on the "(.+)" button\.$', v.goal).groups()
    index = _posts_by(v, user)[0]
    post = next(m for m in v.page.find_all("div", **{"data-result": str(index)}))
    cls, in_menu = _control(post, label)
    base = f'//div[@data-result="{index}"]'
    if in_menu:
        return [f'clickxpath {base}//span[@class="more"]', f'clickxpath {base}//li[@class="{cls}"]']
    return [f'clickxpath {base}//span[@class="{cls}"]']


def _toggle_posts(v: View, label: str, posts: list[int]) -> list[Step]:
    clicks = [f'clickxpath //div[@data-result="{i}"]//span[@class={q(label.lower())}]' for i in posts]
    return clicks + ['clickxpath //p[@id="submitRow"]/button']


def social_media_all(v: View) -> list[Step]:
    label, user = match(r'^Click the "(.+)" button on all posts by (@\S+) and then click Submit\.$', v.goal).groups()
    return _toggle_posts(v, label, _posts_by(v, user))


def social_media_some(v: View) -> list[Step]:
    m = match(r'^Click the "(.+)" button on (\d+) posts? by (@\S+) and then click Submit\.$', v.goal)
    label, n, user = m.group(1), int(m.group(2)), m.group(3)
    posts = _posts_by(v, user)
    if len(posts) < n:
        raise Unsolvable(f"{len(posts)} posts by {user}, {n} asked")
    return _toggle_posts(v, label, posts[:n])


# -- search-engine ------------------------------------------------------------------------------------


def search_engine(v: View) -> list[Step]:
    """Search, go to the result's page (three results a page), click it (``data-result`` = rank - 1)."""
    term = quoted(v.goal)[0]
    rank = int(match(r"click the (\d+)(?:st|nd|rd|th) search result", v.goal).group(1))
    steps: list[Step] = ['clickxpath //input[@id="search-text"]', f"type {term}", 'clickxpath //button[@id="search"]']
    page = (rank - 1) // 3 + 1
    if page > 1:
        steps.append(f'clickxpath //ul[@id="pagination"]//a[text()="{page}"]')
    return steps + [f'clickxpath //div[@id="page-content"]//a[@data-result="{rank - 1}"]']


# -- terminal -----------------------------------------------------------------------------------------


def terminal(v: View) -> list[Step]:
    """``ls``, then ``rm`` a listed file with the asked extension (or none)."""
    if "no file extension" in v.goal:
        ext = None
    else:
        ext = match(r"ending with the extension \.(\S+)$", v.goal).group(1)

    def pick(now: View) -> str:
        outputs = [n.text for n in now.page.iter() if "output" in n.classes() and n.tag == "span"]
        listing = next((o for o in reversed(outputs) if o.strip()), "")
        files = listing.split()
        chosen = next((f for f in files if (("." not in f) if ext is None else f.endswith("." + ext))), None)
        if chosen is None:
            raise Unsolvable(f"no listed file fits: {listing!r}")
        return f"type rm {chosen}"

    wanted = "no extension" if ext is None else f"the extension .{ext}"
    return [
        'clickxpath //div[@id="terminal"]',  # focuses the (transparent) input that takes the keys
        "type ls",
        "press enter",
        Later(f"type rm <the listed file with {wanted}>", pick),
        "press enter",
    ]
