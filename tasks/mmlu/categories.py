"""The four MMLU categories (the benchmark's own grouping of its 57 subjects).

This is the standard map of Hendrycks et al. (subject -> subcategory -> category). AgentTuning's
script groups the subjects almost the same way; the one difference is ``anatomy``, which it
counts as STEM while the standard map puts it under "other" (health). The paper reports only the
micro average, which does not depend on the grouping.
"""

from __future__ import annotations

STEM = "STEM"
HUMANITIES = "humanities"
SOCIAL = "social sciences"
OTHER = "other (business, health, misc.)"

# fmt: off
CATEGORY_SUBJECTS: dict[str, tuple[str, ...]] = {
    STEM: (
        "abstract_algebra", "astronomy", "college_biology", "college_chemistry",
        "college_computer_science", "college_mathematics", "college_physics", "computer_security",
        "conceptual_physics", "electrical_engineering", "elementary_mathematics",
        "high_school_biology", "high_school_chemistry", "high_school_computer_science",
        "high_school_mathematics", "high_school_physics", "high_school_statistics", "machine_learning",
    ),
    HUMANITIES: (
        "formal_logic", "high_school_european_history", "high_school_us_history",
        "high_school_world_history", "international_law", "jurisprudence", "logical_fallacies",
        "moral_disputes", "moral_scenarios", "philosophy", "prehistory", "professional_law",
        "world_religions",
    ),
    SOCIAL: (
        "econometrics", "high_school_geography", "high_school_government_and_politics",
        "high_school_macroeconomics", "high_school_microeconomics", "high_school_psychology",
        "human_sexuality", "professional_psychology", "public_relations", "security_studies",
        "sociology", "us_foreign_policy",
    ),
    OTHER: (
        "anatomy", "business_ethics", "clinical_knowledge", "college_medicine", "global_facts",
        "human_aging", "management", "marketing", "medical_genetics", "miscellaneous", "nutrition",
        "professional_accounting", "professional_medicine", "virology",
    ),
}
# fmt: on

SUBJECT_CATEGORY: dict[str, str] = {s: cat for cat, subjects in CATEGORY_SUBJECTS.items() for s in subjects}


def category_of(subject: str) -> str:
    """The category of a subject ("unknown" for a subject outside the 57)."""
    return SUBJECT_CATEGORY.get(subject, "unknown")
