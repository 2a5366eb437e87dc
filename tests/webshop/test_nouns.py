"""Title nouns: spaCy when an English pipeline is installed, else the approximation."""

from __future__ import annotations

import sys
import types

import pytest

from tasks.webshop import nouns


def test_approximation_keeps_content_words_of_product_titles():
    assert nouns.approximate_nouns("Men's Running Shoes, Non-Slip Rubber Sole (Black/White) 2 Pack for the Gym") == [
        "men", "running", "shoes", "non", "slip", "rubber", "sole", "black", "white", "pack", "gym",
    ]  # fmt: skip
    assert nouns.approximate_nouns("the of 12 - & 3.4") == []


@pytest.fixture
def fresh_tagger(monkeypatch):
    monkeypatch.setattr(nouns, "_tagger", None)
    nouns.title_nouns.cache_clear()
    yield
    nouns.title_nouns.cache_clear()


def test_spacy_pipeline_is_used_when_installed(monkeypatch, fresh_tagger):
    class Token:
        def __init__(self, text: str, pos: str):
            self.text, self.pos_ = text, pos

    def load(name: str):
        if name != "en_core_web_lg":
            raise OSError(name)
        return lambda text: [Token(w, "PROPN" if w[0].isupper() else "ADJ") for w in text.split()]

    monkeypatch.setitem(sys.modules, "spacy", types.SimpleNamespace(load=load))
    assert nouns.tagger_name() == "spacy:en_core_web_lg"
    assert nouns.title_nouns("Leather Wallet slim") == ("leather", "wallet")


def test_without_spacy_the_approximation_is_named(monkeypatch, fresh_tagger):
    monkeypatch.setitem(sys.modules, "spacy", None)  # import fails
    assert nouns.tagger_name() == "approximate"
    assert nouns.title_nouns("Leather Wallet slim") == ("leather", "wallet", "slim")
