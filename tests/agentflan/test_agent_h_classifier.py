"""The Agent-H classifier on hand-written responses: each pattern fires where it should, and plain
replies (including glaive-style refusals that mention functions) stay clean."""

from __future__ import annotations

import pytest

from tasks.agent_h.classifier import classify

TOOLS = ["get_weather", "convert_currency"]

POSITIVE = [
    # (response, expected pattern)
    ("Thought: I should check the weather.\nAction: get_weather\nAction Input: {\"city\": \"Oslo\"}", "R1"),
    ("**Action:** get_weather", "R1"),
    ("Action 1: convert_currency[100 EUR]", "R1"),
    ("Thought: need data\nAction Input: {\"city\": \"Oslo\"}", "R2"),
    ('<functioncall> {"name": "get_weather", "arguments": \'{"city": "Oslo"}\'}', "S1"),
    ('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>', "S2"),
    ('[TOOL_CALLS] [{"name": "get_weather", "arguments": {"city": "Oslo"}}]', "S2"),
    ('```json\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n```', "S3"),
    ("{'tool': 'convert_currency', 'input': {'amount': 5}}", "S3"),
    ('{"function": {"name": "get_weather", "arguments": "{}"}}', "S3"),
    ("get_weather(city='Oslo')", "S4"),
    ("I will use the get_weather function to find out.", "V1"),
    ("I'll call the weather API for you.", "V1"),
    ("I need to call convert_currency first.", "V1"),
    ("Let me use the currency tool to convert that.", "V1"),
    ("I am going to invoke the get_weather tool now.", "V1"),
    ("Let's query the weather API.", "V1"),
    ("I have called the get_weather function and it says it is sunny.", "V2"),
    ("I've used the conversion tool: 100 EUR is 108 USD.", "V2"),
    ("I'm calling the get_weather function now.", "V3"),
    ("I am using the currency API to check.", "V3"),
]

NEGATIVE = [
    "The capital of Australia is Canberra.",
    "I'm sorry, but I can't book flights. That is an external task and none of the functions available to me can do it.",
    "I'm sorry, but I'm unable to assist with that. My capabilities are limited to the functions provided to me, such as get_weather.",
    "I can help with that using the get_weather (weather) function once you tell me the city.",
    "Sure! Which city would you like the weather for?",
    "I will not use any tool for this: 7 times 8 is 56.",
    "I won't call the function, you did not give me a city.",
    "I cannot use the get_weather function without a city name.",
    "Thought: this is general knowledge, no tool is needed.\nThe boiling point of water is 100 °C.",
    "Thought: simple question.\nAction: None\nFinal Answer: Mercury is closest to the sun.",
    "Action: Final Answer\nMercury.",
    "I'll use this information to plan your trip.",
    "You can call the bank's customer service to fix it.",
    "I used to live in Oslo; the weather there changes fast.",
    'Here is a JSON example of a person: {"name": "Ana", "age": 31}',
    # a function schema echoed back is not a call (the embedded model does this)
    '{"name": "get_weather", "description": "Get the weather", "parameters": {"type": "object", "properties": {}}}',
    "{'name': 'get_weather', 'parameters': {'properties': {'city': {'type': 'string'}}}}",
    "The function f(x) = x^2 is a parabola.",
    "",
]


@pytest.mark.parametrize(("text", "pattern"), POSITIVE)
def test_tool_call_patterns_fire(text: str, pattern: str) -> None:
    verdict = classify(text, TOOLS)
    assert verdict.is_call, text
    assert pattern in {d.pattern for d in verdict.detections}, (text, verdict.detections)


@pytest.mark.parametrize("text", NEGATIVE)
def test_plain_replies_are_not_calls(text: str) -> None:
    verdict = classify(text, TOOLS)
    assert not verdict.is_call, (text, verdict.detections)


def test_structured_tool_name_is_extracted() -> None:
    assert classify("Thought: x\nAction: get_weather\nAction Input: {}", TOOLS).structured_tool == "get_weather"
    assert classify('<functioncall> {"name": "convert_currency", "arguments": {}}', TOOLS).structured_tool == "convert_currency"
    assert classify("Action: `get_weather`", TOOLS).structured_tool == "get_weather"
    # a verbal intent names no executable call
    assert classify("I will use the get_weather tool.", TOOLS).structured_tool is None


def test_families_are_reported() -> None:
    verdict = classify("I will call the get_weather function.\nAction: get_weather", TOOLS)
    assert verdict.families == ["react", "verbal"]
