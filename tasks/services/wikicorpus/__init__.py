"""A closed-corpus Wikipedia (HotpotQA context paragraphs) shared by the HotpotQA and ReWOO tasks,
with the answer metrics both use."""

from tasks.services.wikicorpus.answer_metrics import exact_match, f1_precision_recall, f1_score, normalize_answer
from tasks.services.wikicorpus.corpus import (
    Corpus,
    Explorer,
    LookupWithoutPage,
    Page,
    normalize_title,
    pages_from_context,
)
from tasks.services.wikicorpus.hotpot_data import HOTPOTQA_SOURCE, LEVELS, first_supporting_title, read_level

__all__ = [
    "HOTPOTQA_SOURCE",
    "LEVELS",
    "Corpus",
    "Explorer",
    "LookupWithoutPage",
    "Page",
    "exact_match",
    "f1_precision_recall",
    "f1_score",
    "first_supporting_title",
    "normalize_answer",
    "normalize_title",
    "pages_from_context",
    "read_level",
]
