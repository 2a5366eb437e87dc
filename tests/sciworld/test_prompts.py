"""Prompt text and rendering (no JVM)."""

from tasks.sciworld import prompts
from tasks.sciworld.trimming import render_llama2

OBS = "This room is called the kitchen. In it, you see: \n\tthe agent\n\ta substance called air\nYou also see:\n\tA door to the hallway (that is open)"
DESC = "Your task is to boil water. First, focus on the substance."


def test_rendered_prompt_prefix_and_tail():
    messages = prompts.initial_messages(0, OBS, DESC)
    text = render_llama2(messages[0].content, messages[1:])
    expected_prefix = (
        "[INST] <<SYS>>\nYou are a helpful, respectful and honest assistant.\n<</SYS>>\n\n"
        "Interact with a household to solve a task. Each turn, you can choose from one of the following options:\n"
        "1. Think: You could think step-by-step to tell your reasoning and planning to solve the task, which will "
        "help you handle the task easier.\n"
        "2. Action: You could interact with the environment freely to solve the task, but remember to refer to "
        "your thought and act accordingly.\n"
        'Prepend your action with "Think: " or "Action: ", e.g. "Think: Now I have picked up the object. Next, I '
        'need to move to the location of the answer box." or "Action: go to kitchen".\n'
        "Exactly only one option could be chosen in a turn. [/INST] Ok. </s><s>[INST] This room is called the hallway."
    )
    assert text.startswith(expected_prefix)
    expected_tail = (
        "[INST] The preceding task has ended. Now, I will start a new task.\n"
        "This room is called the kitchen. In it, you see:   the agent  a substance called air You also see:  "
        "A door to the hallway (that is open)\nYour task is to boil water. First, focus on the substance. "
    )
    assert text.endswith(expected_tail)  # measured, as the original, before the empty assistant turn


def test_roles_alternate_and_example_is_task_specific():
    for num in (0, 16, 25):
        messages = prompts.initial_messages(num, OBS, DESC)
        assert messages[0].role == "system"
        roles = [m.role for m in messages[1:]]
        assert roles == ["user", "assistant"] * ((len(roles) - 1) // 2) + ["user"]
        assert len(messages) == 4 + len(prompts.one_shot(num))
    assert "turn on the red light bulb" in prompts.one_shot(25)[0]
    assert "boil water" in prompts.one_shot(0)[0]
    assert all(t.startswith(("Think:", "Action:")) for t in prompts.one_shot(3)[1::2])


def test_task_description_cut_and_clean():
    assert prompts.task_description("Task Description:\nYour task is to melt ice.") == "Your task is to melt ice."
    assert prompts.clean("a\nb\tc") == "a b c"
