"""Errors that mean *bad input*: the CLI prints their message on one line and exits with code 2."""


class HarnessError(Exception):
    """Unknown task or model, unreachable endpoint, malformed config or data file."""


class ConfigError(HarnessError):
    """A malformed model registry, options or run manifest."""
