"""The requests, byte for byte, as AgentBench.old builds them (``ALFWorld.alfworld_run`` and
``TGIAgent.inference``), sent through the ``tgi`` adapter with the AgentLM entry to a loopback
TGI: the expected text is written out here from the original code, not produced by the task's
own renderer."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from fakes.fake_tgi import FakeTGI

import harness.registry
from adapters.tgi import TGIModel
from harness.model import Message
from tasks.alfworld.env import ALFWorldEnv
from tests.alfworld.helpers import PUT_GAME, SAMPLE_DIRS, by_game, play, read_json

# ``get_task_instruction()`` of AgentBench.old, as its source spells it.
ORIGINAL_INSTRUCTION = 'Interact with a household to solve a task. Imagine you are an intelligent agent in a household environment and your target is to perform actions to complete the task goal. At the beginning of your interactions, you will be given the detailed description of the current environment and your goal to accomplish. For each of your turn, you will be given a list of actions which you can choose one to perform in this turn. You should choose from two actions: "THOUGHT" or "ACTION". If you choose "THOUGHT", you should first think about the current condition and plan for your future actions, and then output your action in this turn. Your output must strictly follow this format:"THOUGHT: your thoughts.\n ACTION: your next action\n"; If you choose "ACTION", you should directly output the action in this turn. Your output must strictly follow this format:"ACTION: your next action\n". After your each turn, the environment will give you immediate feedback based on which you plan your next few steps. if the envrionment output "Nothing happened", that means the previous action is invalid and you should try more options.\n Reminder: \n1. the action must be chosen from the given available actions. Any actions except provided available actions will be regarded as illegal. \n2. Think when necessary, try to act directly more in the process.\n\n'

# The game's intro after ``'\n'.join(ob.split('\n\n')[1:])``, with ``get_available_actions`` = "".
PUT_GAME_TASK = (
    "Here is your task. You are in the middle of a room. Looking quickly around you, you see a cabinet 4, a cabinet 3, "
    "a cabinet 2, a cabinet 1, a countertop 1, a garbagecan 1, a handtowelholder 2, a handtowelholder 1, a sinkbasin 2, "
    "a sinkbasin 1, a toilet 1, a toiletpaperhanger 1, and a towelholder 1.\nYour task is to: put some soapbottle on toilet."
)


def _original_session(example: list[str]) -> list[tuple[str, str]]:
    """The session history ``alfworld_run`` injects before the first ``session.action()``."""
    history = [
        ("user", ORIGINAL_INSTRUCTION),
        ("agent", "OK. I'll follow your instructions and try my best to solve the task."),
    ]
    example = list(example)
    example[0] = "Here is one example.\n" + example[0]
    role = "user"
    for text in example:  # inject_info: alternate from "user"
        history.append((role, text))
        role = "agent" if role == "user" else "user"
    history.append(("user", PUT_GAME_TASK))
    return history


def _llama2_prompt(history: list[tuple[str, str]]) -> str:
    """FastChat's llama-2 template without a system message, every turn stripped, an open agent
    turn: ``[INST] U1 [/INST] A1 </s><s>[INST] U2 [/INST]``."""
    text = "[INST] "
    for i, (role, content) in enumerate(history):
        if i == 0:
            text += content.strip() + " "
        elif role == "user":
            text += "[INST] " + content.strip() + " "
        else:
            text += "[/INST] " + content.strip() + " </s><s>"
    return text + "[/INST]"


@pytest.fixture
def agentlm():
    """The registry's ``agentlm-7b`` entry (TGI, llama-2 template) pointed at a loopback TGI."""
    registry = tomllib.loads(Path(harness.registry.__file__).with_name("models.toml").read_text(encoding="utf-8"))
    config = registry["models"]["agentlm-7b"]
    with FakeTGI(max_input=100_000, max_total=200_000) as fake:
        model = TGIModel.from_config("agentlm-7b", {**config, "urls": [fake.url]})
        yield fake, model


def test_first_and_second_requests_are_the_originals(sample_task, agentlm):
    fake, model = agentlm
    fake.replies.extend([" ACTION: go to countertop 1\n", "ACTION: look"])
    prompts = read_json(
        SAMPLE_DIRS["agentbench-alfworld"] / "src/server/tasks/alfworld/prompts/alfworld_multiturn_react.json"
    )
    expected = _original_session(prompts["put"])
    record = play(sample_task, by_game(sample_task)[PUT_GAME], model, limit=2)
    bodies = fake.bodies()
    assert bodies[0]["inputs"] == _llama2_prompt(expected)
    assert bodies[0]["inputs"].startswith("[INST] Interact with a household to solve a task.")
    assert bodies[0]["inputs"].endswith("Your task is to: put some soapbottle on toilet. [/INST]")
    second = expected + [
        ("agent", " ACTION: go to countertop 1\n"),
        ("user", "On the countertop 1, you see a soapbottle 3, and a soapbottle 1."),
    ]
    assert bodies[1]["inputs"] == _llama2_prompt(second)
    params = bodies[0]["parameters"]
    assert (params["max_new_tokens"], params["do_sample"], params["temperature"], params["truncate"]) == (
        128,
        False,
        0.7,
        3968,
    )
    assert record.trajectory[0].info["action"] == "go to countertop 1"


def test_history_is_trimmed_as_agentbench_old():
    env = ALFWorldEnv(game_path=None, listed=PUT_GAME, example=[], logic=None, kind="pick")
    long = [Message(role="user", content="instruction")]
    for i in range(400):
        long += [
            Message(role="assistant", content=f"ACTION: go to cabinet {i}"),
            Message(role="user", content="Nothing happens."),
        ]
    sent = env.context(long)
    assert sent[0].content.startswith("instruction\n\n[NOTICE] ") and sent[0].content.endswith(" messages are omitted.")
    assert sent[1].role == "assistant" and len(sent) < len(long)
