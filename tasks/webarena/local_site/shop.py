"""The local shop ("One Stop Market"): home, categories, search, products, cart, wish list,
customer log-in, account and orders, reviews, and the few REST routes WebArena's evaluator
helpers call (admin token, orders, product reviews)."""

from __future__ import annotations

import json
import secrets

from aiohttp import web

from tasks.webarena.local_site import data
from tasks.webarena.local_site.pages import Sessions, document, esc, labelled, redirect
from tasks.webarena.sites import ACCOUNTS

COOKIE = "shop_user"
BY_SLUG = {p.slug: p for p in data.PRODUCTS}
BY_SKU = {p.sku: p for p in data.PRODUCTS}


class Shop:
    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self.reviews = {p.sku: list(p.reviews) for p in data.PRODUCTS}
        self.admin_tokens: set[str] = set()

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.home), web.get("/category/{slug}", self.category), web.get("/search", self.search),
            web.get("/product/{slug}", self.product), web.post("/checkout/cart/add/{slug}", self.cart_add),
            web.get("/checkout/cart", self.cart), web.post("/wishlist/add/{slug}", self.wish_add),
            web.get("/wishlist/", self.wishlist), web.get("/customer/account/login/", self.login_form),
            web.post("/customer/account/login/", self.login), web.get("/customer/account/", self.account),
            web.get("/sales/order/view/order_id/{order}/", self.order), web.post("/review/{slug}", self.review),
            web.post("/rest/default/V1/integration/admin/token", self.api_token),
            web.get("/rest/V1/orders", self.api_orders), web.get("/rest/V1/products/{sku}/reviews", self.api_reviews),
        ]  # fmt: skip

    # -- frame ---------------------------------------------------------------------------------------
    def _header(self, request: web.Request) -> str:
        episode = self.sessions.episode(request)
        count = sum(episode.cart.values())
        user = self.sessions.user(request, COOKIE)
        who = f"<span>Welcome, {esc(data.CUSTOMER_NAME)}!</span>" if user else "<a href='/customer/account/login/'>Sign In</a>"
        cats = "".join(f"<a href='/category/{slug}'>{esc(name)}</a>" for slug, name in data.CATEGORIES.items())
        return (
            "<a href='/'>One Stop Market</a> "
            "<form action='/search' method='get' style='display:inline'>"
            "<input type='search' name='q' aria-label='Search' placeholder='Search entire store here...'> "
            "<button type='submit'>Search</button></form> "
            f"{who} <a href='/customer/account/'>My Account</a> <a href='/wishlist/'>My Wish List</a> "
            f"<a href='/checkout/cart'>My Cart ({count})</a><nav aria-label='Categories'>{cats}</nav>"
        )

    def page(self, request: web.Request, title: str, body: str, footer: str = "") -> web.Response:
        return document(f"{title} - One Stop Market", self._header(request), body, footer)

    @staticmethod
    def _listing(products: list[data.Product]) -> str:
        rows = "".join(
            f"<li><a href='/product/{p.slug}'>{esc(p.name)}</a> <span class='price'>${p.price:.2f}</span></li>"
            for p in products
        )
        return f"<ul class='products'>{rows}</ul>"

    # -- catalogue -------------------------------------------------------------------------------------
    async def home(self, request: web.Request) -> web.Response:
        cards = "".join(
            f"<div class='card'><a href='/product/{p.slug}'>{esc(p.name)}</a><p>${p.price:.2f}</p></div>"
            for p in (BY_SLUG[s] for s in data.FEATURED)
        )
        policies = "".join(f"<li>{esc(p)}</li>" for p in data.POLICIES)
        footer = f"<h2>Store policies</h2><ul>{policies}</ul><p>Copyright One Stop Market</p>"
        return self.page(request, "Home Page", f"<h1>Featured products</h1>{cards}", footer)

    async def category(self, request: web.Request) -> web.Response:
        slug = request.match_info["slug"]
        if slug not in data.CATEGORIES:
            raise web.HTTPNotFound()
        products = [p for p in data.PRODUCTS if p.category == slug]
        if request.query.get("sort") == "price":
            products.sort(key=lambda p: p.price)
        sorter = f"<p>Sort by: <a href='/category/{slug}?sort=price'>Price: low to high</a></p>"
        return self.page(request, data.CATEGORIES[slug], f"<h1>{esc(data.CATEGORIES[slug])}</h1>{sorter}{self._listing(products)}")

    async def search(self, request: web.Request) -> web.Response:
        query = request.query.get("q", "").strip()
        found = [p for p in data.PRODUCTS if query and query.lower() in p.name.lower()]
        body = f"<h1>Search results for: '{esc(query)}'</h1>"
        body += self._listing(found) if found else "<p>Your search returned no results.</p>"
        return self.page(request, "Search", body)

    async def product(self, request: web.Request) -> web.Response:
        p = BY_SLUG.get(request.match_info["slug"])
        if p is None:
            raise web.HTTPNotFound()
        current = self.reviews[p.sku]
        rating = round(sum(r.percent for r in current) / len(current)) if current else 0
        summary = f"<p>Customer rating: {rating}% ({len(current)} reviews)</p>" if current else ""
        colors = f"<p>Color: {esc(', '.join(p.colors))}</p>" if p.colors else ""
        reviews = "".join(
            f"<div class='review'><strong>{esc(r.author)}</strong> <span>Rating: {r.percent}%</span><p>{esc(r.text)}</p></div>"
            for r in current
        ) or "<p>No reviews yet.</p>"
        stars = "".join(
            f"<label><input type='radio' name='rating' value='{n}'> {n} star{'s' if n > 1 else ''}</label> " for n in range(1, 6)
        )
        body = (
            f"<h1>{esc(p.name)}</h1><p class='price'>${p.price:.2f}</p><p>SKU: {esc(p.sku)}</p>{summary}"
            f"<div class='tip'><span>Shipping info</span><div class='tiptext'>{esc(p.shipping)}</div></div>{colors}"
            f"<form method='post' action='/checkout/cart/add/{p.slug}'>"
            + labelled("Qty", "<input type='number' id='qty' name='qty' value='1' min='1'>", "qty")
            + "<button type='submit'>Add to Cart</button></form>"
            f"<form method='post' action='/wishlist/add/{p.slug}'><button type='submit'>Add to Wish List</button></form>"
            f"<h2>Details</h2><p>{esc(p.description)}</p><div class='spacer'></div>"
            f"<section id='reviews'><h2>Customer Reviews</h2><p>Average rating: {rating}%</p>{reviews}</section>"
            f"<section><h2>Write Your Own Review</h2><form method='post' action='/review/{p.slug}'>"
            + labelled("Nickname", "<input type='text' id='nickname' name='nickname'>", "nickname")
            + f"<fieldset><legend>Rating</legend>{stars}</fieldset>"
            + labelled("Review", "<textarea id='review' name='text'></textarea>", "review")
            + "<button type='submit'>Submit Review</button></form></section>"
        )
        return self.page(request, p.name, body)

    async def review(self, request: web.Request) -> web.Response:
        p = BY_SLUG.get(request.match_info["slug"])
        form = await request.post()
        if p is None or not str(form.get("nickname", "")).strip() or str(form.get("rating", "")) not in ("1", "2", "3", "4", "5"):
            raise web.HTTPBadRequest(text="nickname and rating are required")
        percent = 20 * int(str(form["rating"]))
        self.reviews[p.sku].append(data.Review(author=str(form["nickname"]).strip(), percent=percent, text=str(form.get("text", ""))))
        raise redirect(f"/product/{p.slug}")

    # -- cart, wish list -------------------------------------------------------------------------------
    async def cart_add(self, request: web.Request) -> web.Response:
        p = BY_SLUG.get(request.match_info["slug"])
        form = await request.post()
        qty = str(form.get("qty", "1"))
        if p is None or not qty.isdigit() or int(qty) < 1:
            raise web.HTTPBadRequest(text="bad quantity")
        cart = self.sessions.episode(request).cart
        cart[p.slug] = cart.get(p.slug, 0) + int(qty)
        raise redirect("/checkout/cart")

    async def cart(self, request: web.Request) -> web.Response:
        cart = self.sessions.episode(request).cart
        rows = "".join(
            f"<li>{esc(BY_SLUG[s].name)} Qty: {n} ${BY_SLUG[s].price * n:.2f}</li>" for s, n in cart.items()
        )
        items = f"<ul class='cart-items'>{rows}</ul>" if rows else "<p>You have no items in your shopping cart.</p>"
        return self.page(request, "Shopping Cart", f"<h1>Shopping Cart</h1>{items}")

    async def wish_add(self, request: web.Request) -> web.Response:
        if request.match_info["slug"] not in BY_SLUG:
            raise web.HTTPNotFound()
        wishes = self.sessions.episode(request).wishlist
        if request.match_info["slug"] not in wishes:
            wishes.append(request.match_info["slug"])
        raise redirect("/wishlist/")

    async def wishlist(self, request: web.Request) -> web.Response:
        self._need_login(request)
        products = [BY_SLUG[s] for s in self.sessions.episode(request).wishlist]
        body = self._listing(products) if products else "<p>You have no items in your wish list.</p>"
        return self.page(request, "My Wish List", f"<h1>My Wish List</h1><div class='wishlist'>{body}</div>")

    # -- customer --------------------------------------------------------------------------------------
    async def login_form(self, request: web.Request) -> web.Response:
        form = (
            "<form method='post' action='/customer/account/login/'>"
            + labelled("Email", "<input type='email' id='email' name='login'>", "email")
            + labelled("Password", "<input type='password' id='pass' name='password'>", "pass")
            + "<button type='submit'>Sign In</button></form>"
        )
        return self.page(request, "Customer Login", f"<h1>Customer Login</h1>{form}")

    async def login(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        account = ACCOUNTS["shopping"]
        if form.get("login") != account["username"] or form.get("password") != account["password"]:
            return self.page(request, "Customer Login", "<h1>Customer Login</h1><p>Invalid login or password.</p>")
        response = web.HTTPFound("/customer/account/")
        self.sessions.login(response, COOKIE, account["username"])
        raise response

    def _need_login(self, request: web.Request) -> None:
        if self.sessions.user(request, COOKIE) is None:
            raise redirect("/customer/account/login/")

    async def account(self, request: web.Request) -> web.Response:
        self._need_login(request)
        rows = "".join(
            f"<tr><td>{o.number}</td><td>{o.date}</td><td>${o.total:.2f}</td><td>{o.status}</td>"
            f"<td><a href='/sales/order/view/order_id/{int(o.number)}/'>View Order</a></td></tr>"
            for o in data.ORDERS
        )
        table = (
            "<table><caption>Recent Orders</caption><tr><th>Order #</th><th>Date</th><th>Order Total</th>"
            f"<th>Status</th><th>Action</th></tr>{rows}</table>"
        )
        body = f"<h1>My Account</h1><p>Contact Information: {esc(data.CUSTOMER_NAME)}</p>{table}"
        return self.page(request, "My Account", body)

    async def order(self, request: web.Request) -> web.Response:
        self._need_login(request)
        found = [o for o in data.ORDERS if request.match_info["order"].isdigit() and int(o.number) == int(request.match_info["order"])]
        if not found:
            raise web.HTTPNotFound()
        o = found[0]
        items = "".join(f"<li>{esc(name)} Qty: {n}</li>" for name, n in o.items)
        body = (
            f"<h1>Order # {o.number}</h1><p>Status: {o.status}</p><p>Order Date: {o.date}</p>"
            f"<div class='order-details-items ordered'><ul>{items}</ul><p>Grand Total ${o.total:.2f}</p></div>"
        )
        return self.page(request, f"Order # {o.number}", body)

    # -- REST ------------------------------------------------------------------------------------------
    async def api_token(self, request: web.Request) -> web.Response:
        body = json.loads(await request.text() or "{}")
        account = ACCOUNTS["shopping_site_admin"]
        if body.get("username") != account["username"] or body.get("password") != account["password"]:
            return web.json_response({"message": "The account sign-in was incorrect."}, status=401)
        token = secrets.token_hex(16)
        self.admin_tokens.add(token)
        return web.json_response(token)

    def _need_admin(self, request: web.Request) -> None:
        if request.headers.get("Authorization", "").removeprefix("Bearer ") not in self.admin_tokens:
            raise web.HTTPUnauthorized()

    async def api_orders(self, request: web.Request) -> web.Response:
        self._need_admin(request)
        items = [{"increment_id": o.number, "grand_total": o.total, "status": o.status.lower()} for o in data.ORDERS]
        size = request.query.get("searchCriteria[pageSize]", "")
        return web.json_response({"items": items[: int(size)] if size.isdigit() else items})

    async def api_reviews(self, request: web.Request) -> web.Response:
        self._need_admin(request)
        sku = request.match_info["sku"]
        if sku not in self.reviews:
            raise web.HTTPNotFound()
        return web.json_response(
            [{"nickname": r.author, "detail": r.text, "ratings": [{"rating_name": "Rating", "percent": r.percent}]}
             for r in self.reviews[sku]]
        )  # fmt: skip
