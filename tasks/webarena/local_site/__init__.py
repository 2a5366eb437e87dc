"""The bundled local site (a shop, a forum and the WebArena homepage) served on loopback."""

from tasks.webarena.local_site.server import LocalSite

__all__ = ["LocalSite"]
