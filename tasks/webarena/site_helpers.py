"""The helper functions ``program_html`` targets may name (``evaluation_harness/helper_functions.py``).

A config names them as text (``func:reddit_get_post_url('__last_url__')``); the original ran that
text through ``eval``. We accept exactly the five call shapes WebArena's configs use, parsed by
:func:`parse_call`, and never evaluate config text as code.

The shopping helpers call the Magento REST API of the *shopping* site with the site-admin account,
as the original does; the GitLab helper reads the project-members table of the current page.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

import httpx

from tasks.webarena.sites import ACCOUNTS

URL_FUNCS = ("reddit_get_post_url", "shopping_get_latest_order_url")
LOCATOR_FUNCS = ("shopping_get_sku_latest_review_author", "shopping_get_sku_latest_review_rating",
                 "gitlab_get_project_memeber_role")  # fmt: skip
_CALL = re.compile(r"^(\w+)\((.*)\)$")
_STRING = re.compile(r"""^'([^']*)'$|^"([^"]*)"$""")
HTTP_TIMEOUT_S = 60.0


def parse_call(text: str, allowed: tuple[str, ...]) -> tuple[str, list[str]]:
    """``name('a', __page__)`` -> (name, ['a', '__page__']); ValueError for anything else."""
    match = _CALL.match(text.strip())
    if not match or match.group(1) not in allowed:
        raise ValueError(f"unsupported helper call {text!r} (supported: {', '.join(allowed)})")
    args: list[str] = []
    body = match.group(2).strip()
    for part in [p.strip() for p in body.split(",")] if body else []:
        if part == "__page__":
            args.append(part)
            continue
        literal = _STRING.match(part)
        if not literal:
            raise ValueError(f"helper call {text!r}: argument {part!r} is not a quoted string")
        args.append(literal.group(1) if literal.group(1) is not None else literal.group(2))
    return match.group(1), args


def reddit_get_post_url(url: str) -> str:
    """A Postmill comment or post URL cut to the post: ``scheme://host/f/<forum>/<id>/``."""
    parsed = urlparse(url)
    parts = parsed.path.split("/")
    if len(parts) < 4 or parts[1] != "f":
        return url
    return f"{parsed.scheme}://{parsed.netloc}/f/{parts[2]}/{parts[3]}/"


async def _admin_token(client: httpx.AsyncClient, shopping: str) -> str:
    account = ACCOUNTS["shopping_site_admin"]
    response = await client.post(
        f"{shopping}/rest/default/V1/integration/admin/token",
        headers={"content-type": "application/json"},
        content=json.dumps({"username": account["username"], "password": account["password"]}),
    )
    return str(response.json())


async def _rest_get(shopping: str, path: str, params: dict[str, str] | None = None) -> Any:
    async with httpx.AsyncClient(timeout=HTTP_TIMEOUT_S) as client:
        token = await _admin_token(client, shopping)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        response = await client.get(f"{shopping}{path}", params=params, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"GET {shopping}{path}: HTTP {response.status_code}")
        return response.json()


async def shopping_get_latest_order_url(shopping: str) -> str:
    """The newest order's page (orders sorted by ``created_at`` descending, page size 1)."""
    params = {
        "searchCriteria[sortOrders][0][field]": "created_at",
        "searchCriteria[sortOrders][0][direction]": "DESC",
        "searchCriteria[pageSize]": "1",
    }
    data = await _rest_get(shopping, "/rest/V1/orders", params)
    order_id = int(data["items"][0]["increment_id"])
    return f"{shopping}/sales/order/view/order_id/{order_id}/"


async def shopping_get_sku_latest_review_author(shopping: str, sku: str) -> str:
    reviews = await _rest_get(shopping, f"/rest/V1/products/{sku}/reviews")
    return str(reviews[-1]["nickname"]) if reviews else ""


async def shopping_get_sku_latest_review_rating(shopping: str, sku: str) -> str:
    reviews = await _rest_get(shopping, f"/rest/V1/products/{sku}/reviews")
    if not reviews:
        return ""
    if reviews[0]["ratings"][0]["rating_name"] != "Rating":
        raise RuntimeError(f"unexpected rating name for {sku}: {reviews[0]['ratings'][0]['rating_name']!r}")
    return str(reviews[-1]["ratings"][0]["percent"])


# The members table of a GitLab project page: the role in the row of '@<account>' ('' if none).
_MEMBER_ROLE_JS = """(account) => {
    const accounts = Array.from(document.querySelectorAll("td[data-label='Account'] span.gl-avatar-labeled-sublabel"));
    const row = accounts.findIndex((el) => el.outerText === '@' + account);
    return document.querySelectorAll("td.col-max-role span")[row].outerText;
}"""


async def gitlab_get_project_memeber_role(page: Any, account: str) -> str:
    """(The original's spelling.) Any failure (no such row) gives ''."""
    try:
        return str(await page.evaluate(_MEMBER_ROLE_JS, account))
    except Exception:  # noqa: BLE001 - the original returns '' on any error
        return ""


async def run_url_func(text: str, last_url: str, shopping: str | None) -> str:
    """Evaluate a ``func:`` target URL (``__last_url__`` is the current page's URL)."""
    name, args = parse_call(text.replace("__last_url__", last_url), URL_FUNCS)
    if name == "reddit_get_post_url":
        return reddit_get_post_url(*args)
    return await shopping_get_latest_order_url(_need(shopping))


async def run_locator_func(text: str, page: Any, shopping: str | None) -> str:
    """Evaluate a ``func:`` locator."""
    name, args = parse_call(text, LOCATOR_FUNCS)
    if name == "gitlab_get_project_memeber_role":
        return await gitlab_get_project_memeber_role(page, args[1])
    if name == "shopping_get_sku_latest_review_author":
        return await shopping_get_sku_latest_review_author(_need(shopping), args[0])
    return await shopping_get_sku_latest_review_rating(_need(shopping), args[0])


def _need(shopping: str | None) -> str:
    if not shopping:
        raise RuntimeError("this evaluator calls the shopping site's REST API: configure the shopping site")
    return shopping
