"""The title nouns WebShop's type reward compares (``get_type_reward`` in engine/goal.py).

The original tags both product names with spaCy (``en_core_web_lg`` in AgentBench.old,
``en_core_web_sm`` upstream) and keeps the tokens tagged NOUN or PROPN (it also lists ``PNOUN``,
which is not a spaCy tag), lower-cased, duplicates kept.

spaCy's English pipelines are not on PyPI, so they cannot be installed here. When spaCy and one of
them *are* installed, :func:`title_nouns` uses it (``en_core_web_lg`` first, as AgentBench.old).
Otherwise it falls back to a deterministic approximation, written for product titles: tokens are
split the way spaCy's English tokenizer splits them in practice (whitespace, leading/trailing
punctuation, ``'s``, hyphens and slashes between letters), and every token that has a letter and
is not an English function word counts as a noun. In title-cased product names spaCy tags most
content words NOUN/PROPN, so the two agree on the common case; they differ on adjectives and
verbs ("Breathable", "lasting"), which the fallback counts and spaCy usually does not. The
tagger in use is reported in the run's manifest (``describe()``) and makes a run non-comparable
when it is not ``en_core_web_lg``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache

FUNCTION_WORDS = frozenset(
    """
    a an the this that these those each every either neither some any no all both half
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    myself yourself himself herself itself ourselves themselves who whom whose which what
    about above across after against along amid among around as at before behind below beneath
    beside besides between beyond by despite down during except for from in inside into like near
    of off on onto out outside over past per since than through throughout till to toward towards
    under underneath unlike until up upon via with within without
    and or but nor so yet plus
    if because although though while whereas unless whether
    is am are was were be been being do does did done have has had having
    will would shall should may might must can could
    not n't 's very too also just only
    """.split()  # noqa: SIM905
)

_TOKEN_EDGE = re.compile(r"^[\"'`(\[{<*#~,.;:!?]+|[\"'`)\]}>*,.;:!?%]+$")
_INFIX = re.compile(r"(?<=[^\W\d_])[-/](?=[^\W\d_])")


def _approximate_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for chunk in text.split():
        core = chunk
        while True:
            stripped = _TOKEN_EDGE.sub("", core)
            if stripped == core:
                break
            core = stripped
        if core.lower().endswith(("'s", "’s")) and len(core) > 2:
            core = core[:-2]
        tokens.extend(part for part in _INFIX.split(core) if part)
    return tokens


def approximate_nouns(name: str) -> list[str]:
    """The fallback: lower-cased word tokens with a letter that are not function words."""
    nouns = []
    for token in _approximate_tokens(name):
        low = token.lower()
        if any(ch.isalpha() for ch in low) and low not in FUNCTION_WORDS:
            nouns.append(low)
    return nouns


_SPACY_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm")
_lock = threading.Lock()
_tagger: tuple[str, Callable[[str], list[str]]] | None = None


def _load_tagger() -> tuple[str, Callable[[str], list[str]]]:
    try:
        import spacy  # optional: `pip install spacy` plus `python -m spacy download en_core_web_lg`
    except ImportError:
        return "approximate", approximate_nouns
    for model in _SPACY_MODELS:
        try:
            nlp = spacy.load(model)
        except OSError:
            continue

        def spacy_nouns(name: str, nlp=nlp) -> list[str]:
            return [t.text.lower() for t in nlp(name) if t.pos_ in ("PNOUN", "NOUN", "PROPN")]

        return f"spacy:{model}", spacy_nouns
    return "approximate", approximate_nouns


def tagger() -> tuple[str, Callable[[str], list[str]]]:
    """(name, function): spaCy with the best installed English pipeline, else the approximation."""
    global _tagger
    with _lock:
        if _tagger is None:
            _tagger = _load_tagger()
        return _tagger


def tagger_name() -> str:
    return tagger()[0]


@lru_cache(maxsize=1 << 16)
def title_nouns(name: str) -> tuple[str, ...]:
    """The lower-cased NOUN/PROPN tokens of a product name (duplicates kept, in order)."""
    return tuple(tagger()[1](name))
