"""Build the bundled sample set (official Mind2Web format) from the authored tasks.

    python -m tests.mind2web.authoring.build          # rewrite tasks/mind2web/sample_data/mind2web
    python -m tests.mind2web.authoring.build --check  # exit 1 when the committed files differ

Output: ``<split>/<split>_0.json`` (a JSON list of tasks, one per line, with
``actions[*].cleaned_html``, ``operation``, ``pos_candidates``, ``neg_candidates``; ``raw_html`` and
the candidates' ``attributes`` are left nearly empty: the protocol never reads them) and ``scores_all_data.pkl``
(``{"scores": {f"{annotation_id}_{action_uid}": {node_id: score}}, "ranks": {...}}``). Every
element but ``html``, ``body`` and ``text`` is a candidate. Ranks are deterministic: the authored
positive(s) at the authored rank, the other candidates ordered by how clickable they look, with
a seeded tie-break; scores decrease with the rank.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
import sys
import uuid
from pathlib import Path

from lxml import etree

from tests.mind2web.authoring.dsl import Node, Task, repr_text, role_of
from tests.mind2web.authoring.sites import SPLITS

OUT = Path(__file__).resolve().parents[3] / "tasks" / "mind2web" / "sample_data" / "mind2web"
NOT_CANDIDATES = {"html", "body", "text"}
INTERACTIVE = {"a": 3, "button": 3, "input": 3, "select": 3, "option": 2, "label": 1, "li": 1, "svg": 1, "img": 1}


def _uid(*parts: str) -> str:
    return str(uuid.UUID(bytes=hashlib.sha256("/".join(parts).encode()).digest()[:16], version=4))


class _Page:
    """One authored page turned into ``cleaned_html`` with backend node ids."""

    def __init__(self, root: Node, seed: str):
        self.rng = random.Random(seed)
        self.next_id = self.rng.randint(80, 400)
        self.by_key: dict[str, str] = {}
        self.nodes: dict[str, Node] = {}
        self.order: list[str] = []
        self.tree = self._element(root)
        etree.indent(self.tree, space="  ")

    def _id(self) -> str:
        self.next_id += self.rng.randint(1, 4)
        return str(self.next_id)

    def _element(self, node: Node):
        element = etree.Element(node.tag)
        node_id = self._id()
        element.set("backend_node_id", node_id)
        for name, value in node.attrs.items():
            element.set(name, value)
        if node.key:
            self.by_key[node.key] = node_id
        if node.tag not in NOT_CANDIDATES:
            self.nodes[node_id] = node
            self.order.append(node_id)
        for child in node.children:
            if isinstance(child, str):
                text = etree.SubElement(element, "text")
                text.set("backend_node_id", self._id())
                text.text = child
            else:
                element.append(self._element(child))
        return element

    def cleaned_html(self) -> str:
        return etree.tostring(self.tree, encoding="unicode")

    def candidate(self, node_id: str, gold_index: int | None) -> dict:
        node = self.nodes[node_id]
        attributes = {"backend_node_id": node_id}
        item = {"tag": node.tag, "attributes": json.dumps(attributes), "backend_node_id": node_id}
        if gold_index is not None:
            item = {"tag": node.tag, "attributes": item["attributes"], "is_original_target": gold_index == 0,
                    "is_top_level_target": gold_index == 0, "backend_node_id": node_id}  # fmt: skip
        return item


def _ranking(page: _Page, gold: list[str], rank: int, seed: str) -> tuple[dict[str, float], dict[str, int]]:
    rng = random.Random(seed)
    others = [i for i in page.order if i not in gold]
    others.sort(key=lambda i: (-INTERACTIVE.get(page.nodes[i].tag, 0) - rng.random() * 2.5))
    ordered = others[:rank] + gold + others[rank:]
    ranks = {node_id: r for r, node_id in enumerate(ordered)}
    scores = {node_id: round(0.985 * 0.62**r + rng.random() * 1e-4, 6) for r, node_id in enumerate(ordered)}
    return scores, ranks


def build_task(task: Task) -> tuple[dict, dict, dict]:
    """The task record and its steps' scores and ranks."""
    actions, reprs, scores, ranks = [], [], {}, {}
    for number, step in enumerate(task.steps):
        seed = f"{task.annotation_id}/{number}"
        page = _Page(step.page, seed)
        targets = [step.target] if isinstance(step.target, str) else list(step.target)
        gold = [page.by_key[k] for k in targets]
        action_uid = _uid(task.annotation_id, "action", str(number))
        value = step.value if step.op != "CLICK" else ""
        actions.append({
            "action_uid": action_uid,
            "raw_html": "",  # unused by the protocol; left empty to keep the sample small
            "cleaned_html": page.cleaned_html(),
            "operation": {"original_op": step.original_op or step.op, "value": value, "op": step.op},
            "pos_candidates": [page.candidate(i, n) for n, i in enumerate(gold)],
            "neg_candidates": [page.candidate(i, None) for i in page.order if i not in gold],
        })  # fmt: skip
        node = page.nodes[gold[0]]
        text = step.repr_text if step.repr_text is not None else repr_text(node)
        suffix = step.original_op or step.op
        reprs.append(f"[{role_of(node)}]  {text} -> {suffix}" + (f": {value}" if step.op != "CLICK" else ""))
        key = f"{task.annotation_id}_{action_uid}"
        scores[key], ranks[key] = _ranking(page, gold, step.rank, seed)
    record = {
        "annotation_id": task.annotation_id, "website": task.website, "domain": task.domain,
        "subdomain": task.subdomain, "confirmed_task": task.confirmed_task, "action_reprs": reprs,
        "actions": actions,
    }  # fmt: skip
    return record, scores, ranks


def build() -> dict[str, bytes]:
    """Relative path -> file content of the whole sample set."""
    files: dict[str, bytes] = {}
    all_scores: dict[str, dict] = {}
    all_ranks: dict[str, dict] = {}
    for split, tasks in SPLITS.items():
        records = []
        for task in tasks:
            record, scores, ranks = build_task(task)
            records.append(record)
            all_scores.update(scores)
            all_ranks.update(ranks)
        lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)  # one task per line
        files[f"{split}/{split}_0.json"] = f"[\n{lines}\n]\n".encode()
    files["scores_all_data.pkl"] = pickle.dumps({"scores": all_scores, "ranks": all_ranks}, protocol=4)
    return files


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        stale = [p for p, data in files.items() if not (OUT / p).is_file() or (OUT / p).read_bytes() != data]
        print("stale: " + ", ".join(stale) if stale else "sample data is up to date")
        return 1 if stale else 0
    for path, data in files.items():
        (OUT / path).parent.mkdir(parents=True, exist_ok=True)
        (OUT / path).write_bytes(data)
    print(f"wrote {len(files)} files under {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
