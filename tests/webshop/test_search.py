"""Product search: the Lucene-like analysis and BM25 (k1=0.9, b=0.4) ranking, hand-checked."""

from __future__ import annotations

import math

import pytest

from tasks.webshop.search import Analyzer, SearchIndex, document_text, option_text


def test_analyzer_tokens_stop_words_and_porter_stems():
    terms = Analyzer().terms("The Men's Running Shoes, 6.7 Fl Oz; x-large L'eau and 3,000 e.g.")
    assert terms == ["men", "run", "shoe", "6.7", "fl", "oz", "x", "larg", "l'eau", "3,000", "e.g"]


def test_document_text_is_title_description_first_bullet_options_lowercased():
    product = {
        "Title": "Red Shoes",
        "Description": "Nice.",
        "BulletPoints": ["First bullet", "Second bullet"],
        "options": {"color": ["red", "black | white"], "size": ["8"]},
    }
    assert option_text(product["options"]) == "color: red, black | white, and size: 8"
    assert document_text(product) == "red shoes nice. first bullet color: red, black | white, and size: 8"


def _lucene_bm25(tf: int, dl: int, avgdl: float, n_docs: int, df: int) -> float:
    idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    return idf * tf / (tf + 0.9 * (1 - 0.4 + 0.4 * dl / avgdl))


def test_bm25_scores_follow_lucene_formula():
    docs = ["red running shoes", "blue running shorts and red socks", "red red red hat", "coffee beans"]
    index = SearchIndex(docs)
    scores = index.scores("red shoes")
    avgdl = (3 + 5 + 4 + 2) / 4  # "and" is a stop word
    expected = [
        _lucene_bm25(1, 3, avgdl, 4, 3) + _lucene_bm25(1, 3, avgdl, 4, 1),
        _lucene_bm25(1, 5, avgdl, 4, 3),
        _lucene_bm25(3, 4, avgdl, 4, 3),
        0.0,
    ]
    assert scores.tolist() == pytest.approx(expected, rel=1e-5)
    assert index.search("red shoes") == [0, 2, 1]


def test_search_top_50_ties_in_catalogue_order_and_no_match():
    index = SearchIndex(["plain red mug"] * 60 + ["blue mug"])
    hits = index.search("red")
    assert hits == list(range(50))
    assert index.search("green") == []
    assert index.search("the of and") == []  # only stop words: an empty query, no hits
    assert index.search("mug", k=100) == [60, *range(60)]  # the shorter document first


def test_repeated_query_terms_count_each_time():
    index = SearchIndex(["red hat", "red red hat shoes", "shoes"])
    once, twice = index.scores("red shoes"), index.scores("red red shoes")
    red_only = index.scores("red")
    assert twice.tolist() == pytest.approx((once + red_only).tolist())
