"""MMLU (general suite): 57 subjects, 5-shot, as AgentTuning's eval_general/eval_mmlu_hf.py.

Protocol: per-subject system prompt, the subject's five dev questions as Llama-2 chat turns, the
test question, and `` Answer: `` after the final ``[/INST]``; the prediction is the argmax of the
next-token log-probabilities of `` A``/`` B``/`` C``/`` D``; the metric is micro accuracy over
all test questions. See :mod:`tasks.mmlu.scoring` for the generation fallback.

Task options (``--task-opt``):

* ``mmlu_template=llama-2`` (default): send the exact llama-2 rendering the original fed every model
  (``Env.raw_prompt``), whatever the model's own template — the original script hard-codes it.
* ``mmlu_template=model``: send the chat messages only and let the adapter apply the model's own
  template (no `` Answer: `` prefix is possible then); recorded in the manifest.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock
from typing import Any, ClassVar

from harness.model import Generation, GenParams
from harness.task import (
    Env,
    Metric,
    Protocol,
    RunContext,
    Sample,
    SampleScore,
    SingleTurnEnv,
    Status,
    Suite,
    Task,
    TaskOption,
    TaskScore,
)
from tasks.mmlu.categories import category_of
from tasks.mmlu.prompt import CHOICES, N_SHOTS, build_messages, raw_prompt
from tasks.mmlu.scoring import aggregate_scores, score_answer
from tasks.mmlu.source import SOURCE, Question, available_subjects, read_csv, subject_file

TEMPLATES = ("llama-2", "model")


class MMLUEnv(SingleTurnEnv):
    """One question. The loop hands over the model's :class:`Generation` through
    ``last_generation`` (set before ``step``) so that returned log-probabilities decide the
    answer; without them the letter is read from the text (generation mode)."""

    def __init__(self, messages, prompt: str | None, question: Question, subject: str):
        super().__init__(messages, self._score, choices=CHOICES)
        self.raw_prompt = prompt
        self.question = question
        self.subject = subject
        self.last_generation: Generation | None = None

    def _score(self, answer: str) -> SampleScore:
        logprobs = self.last_generation.choice_logprobs if self.last_generation is not None else None
        return score_answer(
            answer,
            logprobs,
            gold=self.question.answer,
            subject=self.subject,
            category=category_of(self.subject),
            options=self.question.options,
        )

    def evaluate(self, status: Status) -> SampleScore:
        if status is not Status.COMPLETED:  # context limit, time limit: no answer, scored wrong
            score = self._score("")
            return SampleScore(score=0.0, metrics={**score.metrics, "pred": None, "invalid": True})
        return super().evaluate(status)


class MMLU(Task):
    """Massive Multitask Language Understanding, AgentTuning's 5-shot log-prob protocol."""

    name: ClassVar[str] = "mmlu"
    suite: ClassVar[Suite] = Suite.GENERAL
    version: ClassVar[str] = "1"
    metric: ClassVar[Metric] = Metric(name="accuracy")
    splits: ClassVar[tuple[str, ...]] = ("test", "val")
    default_split: ClassVar[str] = "test"
    sources = (SOURCE,)
    sample_data: ClassVar[Path | None] = Path(__file__).with_name("sample_data")
    generation: ClassVar[GenParams] = GenParams(max_new_tokens=16, temperature=0.0, truncate=2047)
    """Greedy and short (generation mode); ``truncate`` keeps the last 2,047 prompt tokens as the
    original's ``--max-seq-len 2048`` cut does, on the log-prob path too (the adapters score choices
    on the cut window: :func:`adapters.choices.scoring_cut`)."""
    max_turns: ClassVar[int] = 1
    protocol = Protocol(reference="agenttuning-eval_general", source="THUDM/AgentTuning@e33a45d eval_general/eval_mmlu_hf.py")
    options_spec = (
        TaskOption(name="mmlu_template", type="choice", choices=TEMPLATES, default="llama-2",
                   help="llama-2: the exact rendering the original fed every model; model: the adapter's own template"),
    )

    def __init__(self, data: dict[str, Path] | None = None, options: dict[str, Any] | None = None):
        super().__init__(data, options)
        self.template = self.option_choice("mmlu_template")
        self._dev: dict[str, list[Question]] = {}
        self._lock = Lock()

    @property
    def root(self) -> Path:
        return Path(self.data[SOURCE.name])

    def samples(self, split: str) -> list[Sample]:
        out = []
        for subject in available_subjects(self.root, split):
            for i, q in enumerate(read_csv(subject_file(self.root, split, subject))):
                data = {"subject": subject, "index": i, **q.model_dump()}
                out.append(Sample(id=f"{subject}/{i}", split=split, data=data))
        return out

    def shots(self, subject: str) -> list[Question]:
        """The subject's dev questions (the few-shot pool), read once."""
        with self._lock:
            if subject not in self._dev:
                self._dev[subject] = read_csv(subject_file(self.root, "dev", subject))
            return self._dev[subject]

    def make_env(self, sample: Sample, ctx: RunContext) -> MMLUEnv:
        subject = sample.data["subject"]
        question = Question(
            question=sample.data["question"], options=sample.data["options"], answer=sample.data["answer"]
        )
        messages = build_messages(subject, self.shots(subject), question)
        prompt = raw_prompt(messages) if self.template == "llama-2" else None
        return MMLUEnv(messages, prompt, question, subject)

    def oracle(self, sample: Sample, env: Env) -> list[str]:
        return [sample.data["answer"]]

    def aggregate(self, scores: list[tuple[Sample | None, SampleScore]]) -> TaskScore:
        return aggregate_scores(scores)

    def describe(self) -> dict[str, Any]:
        return {
            "shots": N_SHOTS,
            "template": self.template,
            "choices": list(CHOICES),
            "max_seq_len": "2048: a prompt of more than 2,048 tokens keeps its last 2,047, in both modes "
            "(tgi and the embedded model cut on the log-prob path; OpenAI-compatible servers cannot, "
            "so their log-prob scores of the longest prompts use the whole prompt)",
            "mode_policy": (
                "logprob when the adapter returns next-token log-probabilities of ' A'..' D' "
                "(argmax, as AgentTuning); otherwise generation (greedy, 16 new tokens) with the "
                "letter extracted from the text. Each sample records its mode; the main score "
                "uses one mode only (logprob if any) and mixed runs are flagged."
            ),
            "data_note": (
                "official distribution is the released data.tar; the pinned source is the early "
                "CSV copy in hendrycks/test@785eba5 (test 14,079 / val 1,542 / dev 285; the HF "
                "release has 14,042 / 1,531 / 285)"
            ),
            "deviations": [
                "CSV cells kept verbatim (the original's pandas reader turned the option 'None' into 'nan')",
                "categories: standard Hendrycks map (AgentTuning's script counts anatomy as STEM)",
            ],
        }
