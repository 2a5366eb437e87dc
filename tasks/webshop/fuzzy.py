"""``token_set_ratio`` with the semantics of thefuzz 0.19.0, the version AgentBench.old pins.

WebShop's reward matches attributes and options with ``fuzz.token_set_ratio(a, b) > 85``. thefuzz
0.19.0 without ``python-Levenshtein`` (AgentBench.old's requirements do not install it) falls back
to the standard library's ``difflib.SequenceMatcher`` (Ratcliff/Obershelp, autojunk on), which is
what this module uses. Newer thefuzz releases score with rapidfuzz's exact InDel ratio, which is
sometimes higher; the difference can move a pair across the 85 threshold, so the old semantics
are kept. Written from the published algorithm; no third-party code.

Steps of ``token_set_ratio(s1, s2)`` (``force_ascii=True, full_process=True``):

1. each string: drop the characters U+0080..U+00FF, replace every non-word character (Unicode
   ``\\W``) by a space, lower-case, strip;
2. an empty processed string scores 0;
3. token sets: ``sect`` = sorted common tokens, ``a`` = sect + sorted tokens only in s1, ``b`` =
   sect + sorted tokens only in s2 (joined with spaces, stripped);
4. the best of ``ratio(sect, a)``, ``ratio(sect, b)``, ``ratio(a, b)``, where ``ratio`` is 100
   for equal strings, 0 when either is empty, else ``round(100 * SequenceMatcher.ratio())``
   (Python's round: halves to even).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_NON_WORD = re.compile(r"\W", re.UNICODE)
_LATIN1_HIGH = {code: None for code in range(128, 256)}


def full_process(text: str) -> str:
    """thefuzz's ``full_process(s, force_ascii=True)``."""
    text = text.translate(_LATIN1_HIGH)
    return _NON_WORD.sub(" ", text).lower().strip()


def ratio(s1: str, s2: str) -> int:
    """thefuzz 0.19's ``fuzz.ratio`` over difflib."""
    if s1 == s2:
        return 100
    if not s1 or not s2:
        return 0
    return round(100 * SequenceMatcher(None, s1, s2).ratio())


def token_set_ratio(s1: object, s2: object) -> int:
    """thefuzz 0.19's ``fuzz.token_set_ratio``; non-strings are compared as ``str(value)``."""
    if s1 is None or s2 is None:
        return 0
    p1 = full_process(s1 if isinstance(s1, str) else str(s1))
    p2 = full_process(s2 if isinstance(s2, str) else str(s2))
    if not p1 or not p2:
        return 0
    tokens1, tokens2 = set(p1.split()), set(p2.split())
    sect = " ".join(sorted(tokens1 & tokens2))
    combined_1to2 = (sect + " " + " ".join(sorted(tokens1 - tokens2))).strip()
    combined_2to1 = (sect + " " + " ".join(sorted(tokens2 - tokens1))).strip()
    sect = sect.strip()
    return max(ratio(sect, combined_1to2), ratio(sect, combined_2to1), ratio(combined_1to2, combined_2to1))
