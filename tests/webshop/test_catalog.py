"""Reading the catalogue and building the goals as the original engine does; bad files are bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.errors import HarnessError
from tasks.webshop.catalog import load_catalog, parse_options, parse_pricing
from tasks.webshop.goals import human_goals, split_range


def _write(directory: Path, products, attributes=None, human=None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "items_shuffle_1000.json").write_text(json.dumps(products))
    (directory / "items_ins_v2_1000.json").write_text(json.dumps(attributes or {}))
    (directory / "items_human_ins.json").write_text(json.dumps(human or {}))
    return directory


def _raw(asin: str, **overrides):
    raw = {
        "asin": asin,
        "name": f"Product {asin}",
        "full_description": "desc",
        "small_description": ["bullet"],
        "pricing": "$10.00",
        "images": ["img"],
        "category": "beauty",
        "query": " Some Query ",
        "product_category": "A › B",
        "customization_options": None,
    }
    raw.update(overrides)
    return raw


def test_pricing_and_options_as_the_original_reads_them():
    assert parse_pricing("$12.99") == ([12.99], "$12.99")
    assert parse_pricing("$9.99 - $19.99") == ([9.99, 19.99], "$9.99 to $19.99")
    assert parse_pricing("$100") == ([100.0], "$100.0")
    assert parse_pricing("") == ([100.0], "$100.0")
    assert parse_pricing(None) == ([100.0], "$100.0")
    raw = {"Color": [{"value": " Black/White ", "image": None}], "Size": None}
    assert parse_options(raw) == {"color": ["black | white"]}


def test_products_skipped_like_the_original(tmp_path):
    products = [_raw("B01"), _raw("nan"), _raw("B0TOOLONG123"), _raw("B01", name="duplicate"), _raw("B02")]
    catalog = load_catalog(_write(tmp_path, products, {"B02": {"attributes": ["a1"]}}))
    assert [p["asin"] for p in catalog.products] == ["B01", "B02"]
    assert catalog.by_asin["B01"]["Title"] == "Product B01"
    assert catalog.by_asin["B01"]["Attributes"] == ["DUMMY_ATTR"] and catalog.by_asin["B02"]["Attributes"] == ["a1"]
    assert catalog.by_asin["B01"]["query"] == "some query"
    assert catalog.by_asin["B01"]["Rating"] == "N.A." and catalog.by_asin["B01"]["Reviews"] == []


def test_goals_skip_instructions_without_attributes_and_cap_prices(tmp_path):
    products = [_raw("B01", pricing="$12.00"), _raw("B02", pricing="$995.00"), _raw("B03")]
    human = {
        "B01": [
            {"instruction": "buy b01.", "instruction_attributes": ["a"], "instruction_options": ["red"]},
            {"instruction": "no attributes", "instruction_attributes": [], "instruction_options": []},
        ],
        "B02": [{"instruction": "buy b02...", "instruction_attributes": ["b"], "instruction_options": []}],
    }
    goals = human_goals(load_catalog(_write(tmp_path, products, human=human)))
    assert len(goals) == 2
    by_asin = {g["asin"]: g for g in goals}
    capped = by_asin["B01"]
    assert capped["price_upper"] in (30.0, 40.0, 50.0)  # the larger of two of 20, 30, 40, 50
    assert capped["instruction_text"] == f"buy b01, and price lower than {capped['price_upper']:.2f} dollars"
    assert by_asin["B02"]["price_upper"] == 1000000 and by_asin["B02"]["instruction_text"] == "buy b02"
    assert human_goals(load_catalog(tmp_path)) == goals  # seeded: the same goals every time


def test_authored_catalogue_goal_order_is_the_seed_233_shuffle(catalog, goals):
    assert len(catalog.products) >= 60 and len({p["category"] for p in catalog.products}) == 5
    assert len(goals) >= 30
    assert [g["asin"] for g in goals[:3]] == ["B0AE400013", "B0AH500013", "B0AH500010"]
    assert split_range("std", len(goals)) == range(len(goals))
    assert split_range("dev", len(goals)) == range(len(goals), len(goals))
    assert split_range("std", 12087) == range(200) and split_range("dev", 12087) == range(200, 280)


@pytest.mark.parametrize(
    ("products", "message"),
    [
        ("not json", "items_shuffle_1000.json is not valid JSON"),
        ({"a": 1}, "items_shuffle_1000.json must hold a list of products"),
        ([_raw("B01", pricing="free")], "items_shuffle_1000.json: product 0 (B01) pricing 'free' has no '$' price"),
        ([_raw("B01", images=[])], "items_shuffle_1000.json: product 0 (B01) images must be a non-empty list"),
        ([{"asin": "B01"}], "items_shuffle_1000.json: product 0 (B01) lacks name, full_description"),
        ([_raw("B01", customization_options={"size": ["8"]})], "option 'size' must be a list of"),
    ],
)
def test_malformed_catalogue_is_one_line_naming_the_file(tmp_path, products, message):
    directory = _write(tmp_path, [])
    path = directory / "items_shuffle_1000.json"
    path.write_text(products if isinstance(products, str) else json.dumps(products))
    with pytest.raises(HarnessError) as info:
        load_catalog(directory)
    text = str(info.value)
    assert "\n" not in text and message in text and str(path) in text


def test_missing_or_malformed_goal_files(tmp_path):
    directory = _write(tmp_path, [_raw("B01")])
    (directory / "items_human_ins.json").write_text(json.dumps({"B01": {"instruction": "x"}}))
    with pytest.raises(HarnessError, match="items_human_ins.json must map asins to lists of instructions"):
        load_catalog(directory)
    (directory / "items_ins_v2_1000.json").unlink()
    with pytest.raises(HarnessError, match="items_ins_v2_1000.json is missing"):
        load_catalog(directory)
