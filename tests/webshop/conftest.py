"""The bundled authored catalogue, loaded once for the WebShop tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.webshop.catalog import Catalog, load_catalog
from tasks.webshop.goals import human_goals

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "tasks" / "webshop" / "sample_data" / "webshop"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(SAMPLE_DIR)


@pytest.fixture(scope="session")
def goals(catalog: Catalog) -> list[dict]:
    return human_goals(catalog)
