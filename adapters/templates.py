"""Prompt rendering with FastChat conversation templates, exactly as AgentTuning builds its prompts.

AgentTuning calls ``fastchat.model.model_adapter.get_conversation_template("llama-2")``. That module
imports torch and transformers at import time, so we call ``fastchat.conversation.get_conv_template``
instead: for "llama-2" FastChat's ``Llama2Adapter.get_default_conv_template`` returns exactly
``get_conv_template("llama-2")`` (checked against fschat 0.2.36), so the rendered text is identical.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastchat.conversation import conv_templates, get_conv_template

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
