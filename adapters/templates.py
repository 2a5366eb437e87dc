"""Prompt rendering with FastChat conversation templates, exactly as AgentTuning builds its prompts.

AgentTuning calls ``fastchat.model.model_adapter.get_conversation_template("llama-2")``. That module
imports torch and transformers at import time, so we call ``fastchat.conversation.get_conv_template``
instead: for "llama-2" FastChat's ``Llama2Adapter.get_default_conv_template`` returns exactly
``get_conv_template("llama-2")`` (checked against fschat 0.2.36), so the rendered text is identical.

:class:`PromptRenderer` is what adapters call: for templates of FastChat's ``LLAMA2`` separator
style (AgentLM's "llama-2") it renders incrementally -- a turn costs O(new messages), the rendered
prefix of the conversation is memoised (:mod:`adapters.prefix_memo`) -- with the template's own
roles, separators and system template, reproducing ``Conversation.get_prompt`` exactly (tests
compare the two on random conversations); other templates go through FastChat every time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from fastchat.conversation import SeparatorStyle, conv_templates, get_conv_template

from adapters.prefix_memo import PrefixMemo
from harness.errors import ConfigError
from harness.model import Message


def check_template(name: str) -> str:
    """Return ``name`` when FastChat knows the template, else raise ConfigError."""
    if name not in conv_templates:
        raise ConfigError(f"unknown FastChat conversation template {name!r} (e.g. 'llama-2', 'vicuna_v1.1')")
    return name


def render_conversation(
    template: str,
    messages: Sequence[Message],
    default_system: str | None = None,
    strip: bool = False,
) -> str:
    """The prompt FastChat builds for ``messages`` followed by an open assistant turn.

    A system message (only the first message may be one) becomes ``conv.set_system_message``;
    otherwise ``default_system`` is used when given. ``strip=True`` strips every turn as
    AgentBench.old's ``TGIAgent.inference`` does for the held-in tasks.
    """
    conv = get_conv_template(template)
    rest = list(messages)
    if rest and rest[0].role == "system":
        conv.set_system_message(rest.pop(0).content)
    elif default_system is not None:
        conv.set_system_message(default_system)
    for m in rest:
        if m.role == "system":
            raise ValueError("a system message is only allowed as the first message")
        content = m.content.strip() if strip else m.content
        conv.append_message(conv.roles[0] if m.role == "user" else conv.roles[1], content)
    conv.append_message(conv.roles[1], None)
    return conv.get_prompt()


def template_stops(template: str) -> tuple[str, ...]:
    """The template's own stop strings (FastChat ``stop_str``), e.g. none for llama-2."""
    stop = get_conv_template(template).stop_str
    if stop is None:
        return ()
    return (stop,) if isinstance(stop, str) else tuple(stop)


class PromptRenderer:
    """Renders requests with one FastChat template (incrementally for the LLAMA2 style)."""

    def __init__(self, template: str, default_system: str | None = None, memo_size: int = 1024):
        self.template = template
        self.default_system = default_system
        conv = get_conv_template(template)
        self.incremental = conv.sep_style == SeparatorStyle.LLAMA2
        self._roles = tuple(conv.roles)
        self._seps = (conv.sep, conv.sep2)
        self._system_template = conv.system_template
        self._template_system = conv.system_message
        self.memo: PrefixMemo[tuple[str, str]] = PrefixMemo(memo_size)

    def render(self, messages: Sequence[Message], strip: bool = False, default_system: bool = True) -> str:
        """Exactly ``render_conversation(template, messages, default_system_text, strip)``, where the
        configured default system text is used only when ``default_system`` (the task's protocol
        may forbid injecting one)."""
        return self._render(messages, strip, default_system)[0]

    def render_json(self, messages: Sequence[Message], strip: bool = False, default_system: bool = True) -> str:
        """``json.dumps(render(...))`` (ASCII escapes, as ``json.dumps`` writes by default), built
        from the memoised escaped prefix: a turn escapes only its new messages."""
        return self._render(messages, strip, default_system)[1]

    def _render(self, messages: Sequence[Message], strip: bool, default_system: bool) -> tuple[str, str]:
        configured = self.default_system if default_system else None
        if not self.incremental:
            text = render_conversation(self.template, messages, configured, strip)
            return text, json.dumps(text)
        system_text = configured if configured is not None else self._template_system
        offset = 0
        if messages and messages[0].role == "system":
            system_text = messages[0].content
            offset = 1
        if system_text:  # FastChat: an empty system message renders as none
            head = self._system_template.format(system_message=system_text)
        else:
            head = "[INST] "

        def extend(prefix: tuple[str, str], msgs: Sequence[Message], start: int) -> tuple[str, str]:
            """``prefix`` (the rendering of ``msgs[:start]``, and its JSON escape) plus the
            messages from ``start`` on."""
            roles, seps = self._roles, self._seps
            parts = []
            for k in range(max(start, offset), len(msgs)):
                m, i = msgs[k], k - offset
                if m.role == "system":
                    raise ValueError("a system message is only allowed as the first message")
                text = m.content.strip() if strip else m.content
                if not text:  # FastChat treats an empty message like the open turn: the tag alone
                    parts.append(roles[i % 2])
                elif i == 0:
                    parts.append(text + " ")
                else:
                    parts.append(f"{roles[i % 2]} {text}{seps[i % 2]}")
            new = "".join(parts)
            return prefix[0] + new, prefix[1] + json.dumps(new)[1:-1]  # JSON escapes character by character

        # the memo checks only new messages: a stored prefix was checked when it was rendered
        start = (head, json.dumps(head)[1:-1])
        closed, escaped = self.memo.get(messages, (head, strip), lambda msgs: extend(start, msgs, 0), extend)
        tag = self._roles[(len(messages) - offset) % 2]
        return closed + tag, f'"{escaped}{json.dumps(tag)[1:-1]}"'
