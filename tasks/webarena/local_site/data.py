"""The content of the bundled local site: a small shop and a small forum (authored for the tests
and the default run; the real WebArena sites are the user's own deployment)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Review(BaseModel):
    author: str
    percent: int
    """Rating in percent (Magento's ``ratings[0].percent``: 5 stars = 100)."""
    text: str


class Product(BaseModel):
    slug: str
    name: str
    sku: str
    price: float
    category: str
    colors: list[str] = Field(default_factory=list)
    description: str = ""
    shipping: str = "Ships in 5-7 business days"
    reviews: list[Review] = Field(default_factory=list)


class Order(BaseModel):
    number: str
    date: str
    total: float
    status: str
    items: list[tuple[str, int]]


class Comment(BaseModel):
    author: str
    text: str


class Post(BaseModel):
    id: int
    forum: str
    title: str
    author: str
    body: str
    comments: list[Comment] = Field(default_factory=list)

    @property
    def slug(self) -> str:
        return "-".join("".join(c if c.isalnum() else " " for c in self.title.lower()).split())


CATEGORIES = {"electronics": "Electronics", "bags": "Bags", "kitchen": "Kitchen", "home-decor": "Home Decor",
              "clothing": "Clothing"}  # fmt: skip

PRODUCTS = [
    Product(slug="aurora-usb-c-hub", name="Aurora USB-C Hub", sku="AUR-HUB-7", price=34.99, category="electronics",
            description="Seven ports: HDMI, two USB-A, USB-C power delivery, SD and microSD, Ethernet.",
            shipping="Ships in 2-3 business days",
            reviews=[Review(author="Dana K.", percent=80, text="Works with my laptop, gets a little warm.")]),
    Product(slug="zephyr-wireless-headphones", name="Zephyr Wireless Headphones", sku="ZEP-WH-2", price=89.00,
            category="electronics", colors=["Black", "Silver"],
            description="Over-ear headphones with active noise cancelling.",
            reviews=[Review(author="Marco P.", percent=100,
                            text="Great sound, and the battery lasts about 30 hours between charges."),
                     Review(author="Lee W.", percent=80, text="Comfortable for long flights.")]),
    Product(slug="pulse-bluetooth-speaker", name="Pulse Bluetooth Speaker", sku="PUL-SPK-1", price=45.50,
            category="electronics", description="A waterproof speaker with 12 hours of play time."),
    Product(slug="comet-phone-charger", name="Comet Phone Charger", sku="COMET-CHG-1", price=12.99,
            category="electronics", description="A 20 W USB-C wall charger.",
            reviews=[Review(author="Sam R.", percent=60, text="Charges fine, the cable is short.")]),
    Product(slug="nimbus-backpack", name="Nimbus Backpack", sku="NIM-BP-3", price=59.95, category="bags",
            colors=["Slate", "Coral"], description="A 24 litre backpack with a padded laptop sleeve."),
    Product(slug="trail-duffel-bag", name="Trail Duffel Bag", sku="TRL-DF-5", price=74.00, category="bags",
            colors=["Olive", "Black", "Sand"], description="A 40 litre duffel with a shoe compartment."),
    Product(slug="granite-skillet-10-inch", name="Granite Skillet 10 inch", sku="GRN-SK-10", price=29.99,
            category="kitchen", description="A non-stick skillet for every stove top."),
    Product(slug="bamboo-cutting-board", name="Bamboo Cutting Board", sku="BMB-CB-1", price=18.49,
            category="kitchen", description="A reversible board with a juice groove."),
    Product(slug="steel-chef-knife", name="Steel Chef Knife", sku="STL-CK-8", price=42.00, category="kitchen",
            description="An 8 inch knife of German steel."),
    Product(slug="luna-table-lamp", name="Luna Table Lamp", sku="LUN-TL-1", price=39.00, category="home-decor",
            reviews=[Review(author="Ivy", percent=100, text="Warm light, sturdy base."),
                     Review(author="Omar", percent=80, text="Nice, a bit small.")]),
    Product(slug="sol-floor-lamp", name="Sol Floor Lamp", sku="SOL-FL-1", price=79.00, category="home-decor",
            reviews=[Review(author="Ruth", percent=80, text="Bright."),
                     Review(author="Ken", percent=60, text="Wobbles on carpet.")]),
    Product(slug="wool-hiking-socks", name="Wool Hiking Socks (3 pairs)", sku="WOL-SK-3", price=16.00,
            category="clothing", colors=["Grey", "Navy"]),
]  # fmt: skip

FEATURED = ["aurora-usb-c-hub", "zephyr-wireless-headphones", "nimbus-backpack", "granite-skillet-10-inch",
            "luna-table-lamp", "wool-hiking-socks", "trail-duffel-bag", "steel-chef-knife"]  # fmt: skip

POLICIES = ["Returns accepted within 30 days of delivery", "Free shipping on orders over $50",
            "Price match guarantee for 14 days"]  # fmt: skip

ORDERS = [
    Order(number="000000170", date="3/2/23", total=102.49, status="Complete",
          items=[("Zephyr Wireless Headphones", 1)]),
    Order(number="000000169", date="2/14/23", total=34.99, status="Complete", items=[("Aurora USB-C Hub", 1)]),
    Order(number="000000168", date="1/5/23", total=59.95, status="Canceled", items=[("Nimbus Backpack", 1)]),
]  # fmt: skip
"""Emma Lopez's orders, newest first (the REST API sorts them by date the same way)."""

CUSTOMER_NAME = "Emma Lopez"

FORUMS = {"technology": "Technology news and gadgets", "books": "Readers talking about books",
          "gaming": "Video games of every kind", "cooking": "Recipes and kitchen tips"}  # fmt: skip

POSTS = [
    Post(id=101, forum="technology", title="Best budget mechanical keyboards?", author="keyclack",
         body="Looking for something under $60 with hot-swappable switches.",
         comments=[Comment(author="rackmount", text="Check the Keychron C series."),
                   Comment(author="pixelpal", text="Redragon is cheap and fine."),
                   Comment(author="keyclack", text="Thanks, both look good."),
                   Comment(author="ovenmitt", text="Mine has lasted five years.")]),
    Post(id=102, forum="technology", title="My home server setup", author="rackmount",
         body="An old desktop, two disks and a lot of containers.",
         comments=[Comment(author="keyclack", text="How loud is it?"), Comment(author="rackmount", text="Quiet.")]),
    Post(id=201, forum="books", title="What are you reading this month?", author="pageturner",
         body="I just started a long history of the Silk Road.",
         comments=[Comment(author="MarvelsGrantMan136", text="Re-reading Dune."),
                   Comment(author="ovenmitt", text="A cookbook, cover to cover."),
                   Comment(author="pixelpal", text="Nothing yet, suggestions welcome.")]),
    Post(id=202, forum="books", title="Underrated fantasy series", author="MarvelsGrantMan136",
         body="The Bartimaeus trilogy deserves more readers.",
         comments=[Comment(author="pageturner", text="Agreed, the footnotes are great.")]),
    Post(id=301, forum="gaming", title="Co-op games for two players", author="pixelpal",
         body="My partner and I finished Portal 2. What next?",
         comments=[Comment(author="keyclack", text="Overcooked!"), Comment(author="pageturner", text="Unravel Two.")]),
    Post(id=302, forum="gaming", title="Retro handhelds worth buying", author="keyclack",
         body="Thinking about an Anbernic.", comments=[]),
    Post(id=401, forum="cooking", title="Cast iron care tips", author="ovenmitt",
         body="Dry it on the stove, then a thin coat of oil.",
         comments=[Comment(author="pageturner", text="Never soak it.")]),
]  # fmt: skip
"""Oldest first within a forum; forum pages list the newest first."""
