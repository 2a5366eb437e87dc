"""AgentBench's OS-interaction prompt, verbatim (AgentTuning's AgentBench.old ``os_interaction/task.py``;
identical in AgentBench v0.2, including the "I'will" typo). The one-shot's agent turns are
assistant messages."""

from __future__ import annotations

from harness.model import Message, assistant, user

INSTRUCTION = """You are an assistant that will act like a person, I'will play the role of linux(ubuntu) operating system. Your goal is to implement the operations required by me or answer to the question proposed by me. For each of your turn, you should first think what you should do, and then take exact one of the three actions: "bash", "finish" or "answer". 

1. If you think you should execute some bash code, take bash action, and you should print like this:

Think: put your thought here.

Act: bash

```bash
# put your bash code here
```

2. If you think you have finished the task, take finish action, and you should print like this:

Think: put your thought here.

Act: finish

3. If you think you have got the answer to the question, take answer action, and you should print like this:

Think: put your thought here.

Act: answer(Your answer to the question should be put in this pair of parentheses)

If the output is too long, I will truncate it. The truncated output is not complete. You have to deal with the truncating problem by yourself. Attention, your bash code should not contain any input operation. Once again, you should take only exact one of the three actions in each turn.\n\n"""

ONE_SHOT_QUESTION = 'tell me how many files are in the directory "/etc"?'
ONE_SHOT_TURNS = (
    ("assistant", """Think: To count the files in /etc, I need to print all the files in it.

Act: bash

```bash
ls /etc
```"""),
    ("user", "The output of the OS:\ncpi cron.hourly fuse.conf iproute2 lvm networkd-dispatcher protocols selinux tmpfiles.d [truncated because the output is too long]"),
    ("assistant", """Think: The output has been truncated because it is too long, so I need to count files by script directly.

Act: bash

```bash
ls -1 /etc | wc -l
```"""),
    ("user", "The output of the OS:\n220"),
    ("assistant", """Think: Now I get the answer, it is 220.

Act: answer(220)"""),
)
NEW_PROBLEM = "Now, I will start a new problem in a new OS. My problem is:\n\n"
TRUNCATED = "\n[truncated because the output is too long]"
OUTPUT_PREFIX = "The output of the OS:\n\n"
EMPTY_OUTPUT = "The output of the OS is empty."


def build_messages(description: str) -> list[Message]:
    """Instruction + one-shot problem, the one-shot turns, then the sample's problem."""
    messages = [user(INSTRUCTION + "Now, my problem is:\n\n" + ONE_SHOT_QUESTION)]
    for role, text in ONE_SHOT_TURNS:
        messages.append(assistant(text) if role == "assistant" else user(text))
    messages.append(user(NEW_PROBLEM + description))
    return messages


def observation(output: str) -> str:
    """The user message for a command's output: over 800 characters it keeps 780 plus the notice."""
    if len(output) > 800:
        output = output[:780] + TRUNCATED
    return OUTPUT_PREFIX + output if output else EMPTY_OUTPUT
