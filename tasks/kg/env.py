"""The KG episode (AgentBench.old ``KnowledgeGraph.predict_single``) as an Env.

At most 15 model outputs (``round: 15`` of configs/tasks/knowledgegraph/std.yaml); each one either
names the final answer (the episode ends and the answer variable's query runs), or runs one tool
and gets one observation. Without a final answer after 15 outputs the prediction is empty.
The conversation keeps each output cut at its first "Observation:" (the original rewrites its
history that way) and is trimmed as AgentBench.old trims every held-in conversation.
"""

from __future__ import annotations

from harness.model import Message
from harness.task import Env, SampleScore, Status, StepResult
from tasks.agentbench import agentbench_trim
from tasks.kg.interpreter import Interpreter
from tasks.kg.ontology import Ontology
from tasks.kg.prompt import first_messages
from tasks.kg.question import KGQuestion
from tasks.kg.scoring import score_prediction
from tasks.kg.sparql import EmbeddedStore, SparqlBackend
from tasks.kg.tools import Toolbox, ToolError

ROUNDS = 15


class KGEnv(Env):
    """One question. With the embedded store its SPARQL work is short in-process work that runs on
    the loop's thread (``light``); a remote endpoint's is network I/O, in worker threads."""

    def __init__(self, question: KGQuestion, backend: SparqlBackend, ontology: Ontology):
        self.light = isinstance(backend, EmbeddedStore)
        self.question = question
        self.interpreter = Interpreter(Toolbox(backend, ontology), dict(question.entities))
        self.prediction: list[str] = []
        self.final_error: str | None = None
        self.kept: list[str] = []
        """Each output as the conversation keeps it (cut at "Observation:")."""
        self.initial = 0

    def reset(self) -> list[Message]:
        messages = first_messages(self.question.question, list(self.question.entities))
        self.initial = len(messages)
        return messages

    def context(self, history: list[Message]) -> list[Message]:
        """The history with the model's outputs as the original keeps them, then trimmed."""
        if self.kept:
            history = list(history)
            turn = 0
            for index in range(self.initial, len(history)):
                if history[index].role == "assistant" and turn < len(self.kept):
                    if history[index].content != self.kept[turn]:
                        history[index] = Message(role="assistant", content=self.kept[turn])
                    turn += 1
        return agentbench_trim(history)

    def step(self, action: str) -> StepResult:
        turn = self.interpreter.turn(action or "")
        self.kept.append(turn.text)
        if turn.final is not None:
            try:
                self.prediction = self.interpreter.toolbox.execute(turn.final)
            except ToolError as exc:  # the original crashed here; scored as an empty answer
                self.final_error = str(exc)
                return StepResult(done=True, status=Status.INVALID_ACTION, invalid=True, info={"final_error": str(exc)})
            return StepResult(done=True, status=Status.COMPLETED, info={"answer": self.prediction[:50]})
        info = {"action": turn.action} if turn.action else {}
        return StepResult(observation=turn.observation, invalid=turn.invalid, info=info)

    def evaluate(self, status: Status) -> SampleScore:
        score = score_prediction(self.prediction, self.question.gold)
        score.metrics["rounds"] = len(self.kept)
        score.metrics["actions"] = len(self.interpreter.actions)
        if self.final_error:
            score.metrics["final_error"] = self.final_error
        return score
