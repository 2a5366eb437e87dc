"""Golden renders of the text-only held-out tasks: HotpotQA (BOLAA's ReAct prompt, sent raw through
langchain's TGI client) and ReWOO (planner, an LLM worker and the solver, each a one-turn llama-2
conversation with the system message, as ``LLMNode.call_llm`` and ``LLMWorker.run`` build them).
Observations and evidence come from the closed wiki corpus that stands in for Wikipedia."""

from __future__ import annotations

import re

from tasks.hotpotqa import HotpotQA
from tasks.rewoo import ReWOO
from tests.golden.protocol import HELPFUL, bundled, fastchat_llama2, original, through_tgi


def test_hotpotqa_react_prompts_first_and_after_an_observation():
    """``ReactAgent._build_agent_prompt``: REACT_INSTRUCTION formatted with REACT_EXAMPLE, the
    question and the scratchpad; ``Thought n:`` then ``Action n:`` calls, each output through
    ``format_step``; the observation line follows the action."""
    task = bundled(HotpotQA, "easy", {"wiki": "corpus"})  # offline: the rendering is what is checked
    sample = task.samples("easy")[0]
    record, bodies = through_tgi(task, sample, ["I need to search Marlow Clockworks.\n", "Search[Marlow Clockworks]",
                                                "The museum is in Eddington.", "Finish[River Wend]"])
    question = sample.data["question"]

    def prompt(scratchpad: str) -> str:
        return original("hotpotqa.react_instruction").format(
            examples=original("hotpotqa.react_example"), question=question, scratchpad=scratchpad)

    found = record.trajectory[1].observation  # the closed corpus's page: "\nObservation 1: ...\nThought 2:"
    observation = re.fullmatch(r"\nObservation 1: (.*)\nThought 2:", found, re.DOTALL).group(1)
    assert observation.startswith("Marlow Clockworks is a museum")
    pad = "\nThought 1: I need to search Marlow Clockworks.\nAction 1: Search[Marlow Clockworks]"
    assert [b["inputs"] for b in bodies] == [
        prompt("\nThought 1:"),
        prompt("\nThought 1: I need to search Marlow Clockworks.\nAction 1:"),
        prompt(pad + f"\nObservation 1: {observation}\nThought 2:"),
        prompt(pad + f"\nObservation 1: {observation}\nThought 2: The museum is in Eddington.\nAction 2:"),
    ]
    params = bodies[0]["parameters"]  # langchain's client: 256 new tokens, stop at "\n", T=1e-5 (greedy here)
    assert (params["max_new_tokens"], params["stop"], params["do_sample"]) == (256, ["\n"], False)
    assert record.score == 1.0


def test_rewoo_planner_worker_and_solver_prompts():
    """PWS on hotpot_qa with tools Wikipedia and LLM: the planner's prefix, tool list, HOTPOTQA_PWS_BASE,
    suffix and question; the LLM worker's instruction with ``#E1`` replaced by ``[evidence]``; the
    solver with the plans and their evidence; each wrapped in llama-2 with the system message."""
    task = bundled(ReWOO, "hotpot_qa", {"wiki": "corpus"})
    sample = task.samples("hotpot_qa")[0]
    plan = ("Plan: Search for more information about Marlow Clockworks.\n#E1 = Wikipedia[Marlow Clockworks]\n"
            "Plan: Find the town.\n#E2 = LLM[Which town is the museum in? Given context: #E1]")
    record, bodies = through_tgi(task, sample, [plan, "  Eddington \n", "River Wend"])
    question = sample.data["question"]
    tools = ("Tools can be one of the following:\n"
             f"Wikipedia[input]: {original('rewoo.worker.WikipediaWorker')}\n"
             f"LLM[input]: {original('rewoo.worker.LLMWorker')}\n\n")
    planner = (original("rewoo.planner_prefix") + tools + original("rewoo.hotpotqa_pws_base")
               + original("rewoo.planner_suffix") + question + "\n")
    worker = record.trajectory[0].next_messages[0].content
    evidence = re.fullmatch(r".*Given context: \[(.*)\]", worker, re.DOTALL).group(1)  # the corpus's page for E1
    assert evidence.startswith("Marlow Clockworks is a museum")
    worker_log = (f"Plan: Search for more information about Marlow Clockworks.\nEvidence:\n{evidence}\n"
                  "Plan: Find the town.\nEvidence:\nEddington\n")
    solver = original("rewoo.solver_prefix") + question + "\n" + worker_log + original("rewoo.solver_suffix") + question + "\n"
    assert [b["inputs"] for b in bodies] == [
        fastchat_llama2([planner, None], system=HELPFUL),
        fastchat_llama2([("Responds in short directly with no extra words.\n\nWhich town is the museum in? "
                          f"Given context: [{evidence}]"), None], system=HELPFUL),
        fastchat_llama2([solver, None], system=HELPFUL),
    ]
    params = bodies[0]["parameters"]  # llm_llama: greedy, 256 new tokens, truncate 4000
    assert (params["max_new_tokens"], params["do_sample"], params["truncate"]) == (256, False, 4000)
