"""Live Wikipedia for the HotpotQA and ReWOO tasks: LangChain's Wikipedia docstore reproduced over
the MediaWiki API, every response kept in a persistent, shareable store."""

from tasks.services.mediawiki.cache import ResponseStore, default_cache_path, request_key
from tasks.services.mediawiki.client import DEFAULT_API_URL, MediaWikiClient, WikiUnavailable
from tasks.services.mediawiki.docstore import ApiExplorer, DisambiguationError, PageError, WikiError, WikipediaDocstore
from tasks.services.mediawiki.service import WikiService

__all__ = [
    "DEFAULT_API_URL",
    "ApiExplorer",
    "DisambiguationError",
    "MediaWikiClient",
    "PageError",
    "ResponseStore",
    "WikiError",
    "WikiService",
    "WikiUnavailable",
    "WikipediaDocstore",
    "default_cache_path",
    "request_key",
]
