"""Stop sequences applied on the client: the cut every adapter makes, and TGI's own stopping rule.

TGI (sha-4cce843, ``server/text_generation_server/utils/tokens.py``) checks after every generated
token whether the text generated so far matches ``re.compile(f".*{re.escape(stop)}$")``: it stops
after the first token at which the text ends with a stop sequence -- or with a stop sequence and a
final newline, which ``$`` also accepts. A stop sequence completed in the middle of a token does not
stop it there. :func:`emulate_stops` finds that token from the answer's per-token texts, so stop
sequences a server would not take (beyond its ``max_stop_sequences``) give the same text as if it
had taken them.
"""

from __future__ import annotations

from collections.abc import Sequence


def cut_at_stop(text: str, stops: Sequence[str]) -> tuple[str, bool]:
    """Cut ``text`` before the earliest stop string; returns (text, whether it was cut)."""
    cuts = [i for i in (text.find(s) for s in stops if s) if i >= 0]
    if not cuts:
        return text, False
    return text[: min(cuts)], True


def _ends_with_stop(text: str, end: int, stops: Sequence[str]) -> bool:
    """``re.search(f"{re.escape(s)}$", text[:end])`` for any ``s``, without slicing."""
    for s in stops:
        if text.endswith(s, 0, end):
            return True
        if end and text[end - 1] == "\n" and text.endswith(s, 0, end - 1):
            return True
    return False


def emulate_stops(text: str, token_texts: Sequence[str], stops: Sequence[str]) -> tuple[int, int | None] | None:
    """Where TGI would have stopped ``text`` with the stop list ``stops``.

    ``token_texts``: the answer's ``details.tokens[*].text`` (special tokens left out), the pieces
    TGI's stopping rule sees. They may spell ``text`` with something more in front (``generated_text``
    is decoded without the prompt, so a sentencepiece tokenizer drops the first token's leading
    space); the rule runs on the pieces and the cut is mapped back onto ``text``. The result is
    ``(end in text, tokens kept)``; when the pieces do not spell ``text`` every character counts as
    a boundary and it is ``(end, None)``. None: no stop sequence occurs, the text stands.
    """
    stops = [s for s in stops if s]
    if token_texts:
        joined = "".join(token_texts)
        shift = len(joined) - len(text)
        if shift >= 0 and joined.endswith(text):
            firsts = [i + len(s) for s in stops if (i := joined.find(s)) >= 0]
            if not firsts:
                return None
            earliest, end = min(firsts), 0
            for n, piece in enumerate(token_texts, 1):
                end += len(piece)
                if end >= earliest and _ends_with_stop(joined, end, stops):
                    return max(0, end - shift), n
            return None
    firsts = [i + len(s) for s in stops if (i := text.find(s)) >= 0]
    return (min(firsts), None) if firsts else None
