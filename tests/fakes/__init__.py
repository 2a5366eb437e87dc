"""Loopback fake servers shared by tests (import as ``fakes.<module>``; tests/ is on sys.path)."""
