"""Mind2Web's data records (the fields of the official test files that the protocol reads) and the
per-step view AgentBench.old builds from them.

A task (``annotation_id``) has ``actions``, one per step; AgentBench.old flattens them into steps
whose ``previous_actions`` are the gold ``action_reprs`` before the step (``get_data_split``), and
joins each candidate with its ranker score and rank from ``scores_all_data.pkl`` under the key
``f"{annotation_id}_{action_uid}"``. Per step it keeps the candidates ranked below ``top_k`` (10):
the positives give the gold element ids, positives then negatives make the tournament pool,
shuffled once.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tasks.mind2web.parsing import gold_action


class Candidate(BaseModel):
    """An element of ``pos_candidates`` / ``neg_candidates``."""

    model_config = ConfigDict(extra="ignore")

    backend_node_id: str
    tag: str = ""
    attributes: str = ""
    """The element's attributes, a JSON string (unused by the protocol)."""


class Operation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    op: str
    """CLICK, TYPE or SELECT (HOVER and ENTER are mapped to CLICK in the data)."""
    original_op: str = ""
    value: str = ""


class Action(BaseModel):
    """One step of a task (``raw_html`` is not read)."""

    model_config = ConfigDict(extra="ignore")

    action_uid: str
    cleaned_html: str
    operation: Operation
    pos_candidates: list[Candidate] = Field(default_factory=list)
    neg_candidates: list[Candidate] = Field(default_factory=list)


class WebTask(BaseModel):
    """One Mind2Web task: an instruction on a website and its gold action sequence."""

    model_config = ConfigDict(extra="ignore")

    annotation_id: str
    website: str = ""
    domain: str = ""
    subdomain: str = ""
    confirmed_task: str
    action_reprs: list[str]
    actions: list[Action]


class Ranking(BaseModel):
    """One step's entry of ``scores_all_data.pkl`` (candidate id -> ranker score / rank)."""

    scores: dict[str, float] = Field(default_factory=dict)
    ranks: dict[str, int] = Field(default_factory=dict)


class StepPlan(BaseModel):
    """What one step is, for the protocol: its page, its pool and its gold."""

    index: int
    action_uid: str
    previous_actions: list[str]
    gold_ids: list[str]
    """Positive candidates ranked below top_k (the step scores 0 when empty)."""
    gold_op: str
    gold_value: str
    gold_action: str
    pool: list[str]
    """The shuffled top-k candidates (positives then negatives before the shuffle)."""
    ranked: bool
    """False when the score file has no entry for this step (then nothing is in the top k)."""
    gold_rank: int | None
    """The best rank of any positive (None: unranked or no positive), for recall at any k."""

    @property
    def playable(self) -> bool:
        """The original asks the model only when a gold is in the top k and the pool has 2+ ids."""
        return bool(self.gold_ids) and len(self.pool) > 1


def step_seed(seed: int, annotation_id: str, action_uid: str) -> int:
    """A per-step shuffle seed (the original shuffles with one global RNG across 8 threads)."""
    digest = hashlib.sha256(f"{seed}/{annotation_id}/{action_uid}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _rank(ranking: Ranking | None, candidate: Candidate) -> int | None:
    if ranking is None:
        return None
    return ranking.ranks.get(candidate.backend_node_id)


def _in_top_k(ranking: Ranking | None, candidate: Candidate, top_k: int) -> bool:
    rank = _rank(ranking, candidate)
    return rank is not None and rank < top_k


def plan_steps(task: WebTask, rankings: dict[str, Ranking], top_k: int, seed: int) -> list[StepPlan]:
    """Every step of ``task`` as AgentBench.old evaluates it (gold previous actions, top-k pool)."""
    plans = []
    for index, action in enumerate(task.actions):
        ranking = rankings.get(f"{task.annotation_id}_{action.action_uid}")
        gold_ids = [c.backend_node_id for c in action.pos_candidates if _in_top_k(ranking, c, top_k)]
        gold_ranks = [r for r in (_rank(ranking, c) for c in action.pos_candidates) if r is not None]
        pool = gold_ids + [c.backend_node_id for c in action.neg_candidates if _in_top_k(ranking, c, top_k)]
        random.Random(step_seed(seed, task.annotation_id, action.action_uid)).shuffle(pool)
        plans.append(
            StepPlan(
                index=index,
                action_uid=action.action_uid,
                previous_actions=task.action_reprs[:index],
                gold_ids=gold_ids,
                gold_op=action.operation.op,
                gold_value=action.operation.value,
                gold_action=gold_action(action.operation.op, action.operation.value),
                pool=pool,
                ranked=ranking is not None,
                gold_rank=min(gold_ranks) if gold_ranks else None,
            )
        )
    return plans


def task_summary(task: WebTask) -> dict[str, Any]:
    """The light fields kept in ``Sample.data`` (pages are loaded when the episode starts)."""
    return {
        "annotation_id": task.annotation_id,
        "website": task.website,
        "domain": task.domain,
        "subdomain": task.subdomain,
        "confirmed_task": task.confirmed_task,
        "steps": len(task.actions),
    }
