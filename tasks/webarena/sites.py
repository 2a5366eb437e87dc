"""Where the WebArena sites live: the user's deployment (or the bundled local site), the
placeholders of the task configs, and the URL names the model sees.

The original reads the seven site URLs from environment variables (``browser_env/env_config.py``)
and shows the model "real-world" names instead of the deployment's addresses
(``URL_MAPPINGS``): every URL in the prompt has each site URL replaced by its public name, and
every extracted action has the public names replaced back (plain substring replacement, in the
order below, as ``map_url_to_real`` / ``map_url_to_local`` do).

A site configuration is a small TOML file (``--task-opt sites=FILE``)::

    [sites]
    shopping = "http://my-host:7770"
    shopping_admin = "http://my-host:7780/admin"
    reddit = "http://my-host:9999"
    gitlab = "http://my-host:8023"
    map = "http://my-host:3000"
    wikipedia = "http://my-host:8888/wikipedia_en_all_maxi_2022-05/A/User:The_other_Kiwix_guy/Landing"
    homepage = "http://my-host:4399"
    # auth_dir = "/path/to/.auth"   # storage states made by WebArena's auto_login.py (optional)

or the same keys as task options (``--task-opt shopping=http://...``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from harness.errors import ConfigError

SITES = ("reddit", "shopping", "shopping_admin", "gitlab", "wikipedia", "map", "homepage")
"""In the order of the original's ``URL_MAPPINGS``."""

PUBLIC_NAMES = {
    "reddit": "http://reddit.com",
    "shopping": "http://onestopmarket.com",
    "shopping_admin": "http://luma.com/admin",
    "gitlab": "http://gitlab.com",
    "wikipedia": "http://wikipedia.org",
    "map": "http://openstreetmap.org",
    "homepage": "http://homepage.com",
}

PLACEHOLDER = re.compile(r"__(SHOPPING_ADMIN|SHOPPING|REDDIT|GITLAB|MAP|WIKIPEDIA|HOMEPAGE)__")

ACCOUNTS = {
    "reddit": {"username": "MarvelsGrantMan136", "password": "test1234"},
    "gitlab": {"username": "byteblaze", "password": "hello1234"},
    "shopping": {"username": "emma.lopez@gmail.com", "password": "Password.123"},
    "shopping_admin": {"username": "admin", "password": "admin1234"},
    "shopping_site_admin": {"username": "admin", "password": "admin1234"},
}
"""The accounts of the WebArena images (``env_config.ACCOUNTS``); the local site uses the same."""


class Sites(BaseModel):
    """Base URLs of the configured sites (no trailing slash) and where login states live."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    shopping: str | None = None
    shopping_admin: str | None = None
    reddit: str | None = None
    gitlab: str | None = None
    wikipedia: str | None = None
    map: str | None = None
    homepage: str | None = None
    auth_dir: Path | None = None

    @field_validator(*SITES)
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value

    def configured(self) -> dict[str, str]:
        return {name: url for name in SITES if (url := getattr(self, name))}

    def fill(self, value: Any) -> Any:
        """``value`` (a config, recursively) with every ``__SITE__`` placeholder replaced; a
        placeholder of a site that is not configured raises KeyError naming it."""
        if isinstance(value, str):
            return PLACEHOLDER.sub(lambda m: self._base(m.group(1).lower()), value)
        if isinstance(value, list):
            return [self.fill(v) for v in value]
        if isinstance(value, dict):
            return {k: self.fill(v) for k, v in value.items()}
        return value

    def _base(self, site: str) -> str:
        url = getattr(self, site)
        if url is None:
            raise KeyError(site)
        return url

    def to_public(self, url: str) -> str:
        """``map_url_to_real``: deployment addresses replaced by the public names."""
        for site, base in self.configured().items():
            if base in url:
                url = url.replace(base, PUBLIC_NAMES[site])
        return url

    def to_local(self, text: str) -> str:
        """``map_url_to_local``: public names replaced by the deployment addresses."""
        for site, base in self.configured().items():
            if PUBLIC_NAMES[site] in text:
                text = text.replace(PUBLIC_NAMES[site], base)
        return text


def needed_sites(config: dict[str, Any]) -> set[str]:
    """The sites whose placeholders a raw config uses."""
    import json

    return {m.lower() for m in PLACEHOLDER.findall(json.dumps(config))}


def load_sites(options: dict[str, Any]) -> Sites:
    """The site configuration from ``sites=FILE`` (TOML, table ``[sites]``) and/or options named
    after the sites (options win). Bad input raises :class:`ConfigError`."""
    values: dict[str, Any] = {}
    path = options.get("sites")
    if path:
        file = Path(str(path)).expanduser()
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"webarena: cannot read the site file {file}: {exc}") from None
        table = data.get("sites")
        if not isinstance(table, dict):
            raise ConfigError(f"webarena: {file} has no [sites] table")
        values.update(table)
        if "auth_dir" in values:
            values["auth_dir"] = (file.parent / Path(str(values["auth_dir"])).expanduser()).resolve()
    for key in (*SITES, "auth_dir"):
        if options.get(key):
            values[key] = options[key]
    try:
        return Sites(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"webarena: site configuration {where}: {first['msg']}") from None
