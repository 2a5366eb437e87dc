"""Small hand-made Mind2Web sources for tests (written in the official layout into a tmp dir)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

from tasks.mind2web import Mind2Web

SHOP_PAGE = """<html backend_node_id="1">
  <body backend_node_id="2">
    <div backend_node_id="3">
      <a backend_node_id="4" aria_label="Acme home"/>
      <button backend_node_id="5" type="button">
        <text backend_node_id="6">Sign in</text>
      </button>
    </div>
    <form backend_node_id="7" role="search">
      <input backend_node_id="8" type="search" aria_label="Search products" placeholder="What are you looking for?"/>
      <button backend_node_id="9" type="submit">
        <span backend_node_id="10">
          <text backend_node_id="11">Search</text>
        </span>
      </button>
    </form>
    <p backend_node_id="12">
      <text backend_node_id="13">Free shipping on orders over $35 &amp; free returns</text>
    </p>
  </body>
</html>"""


def candidate(node_id: str, tag: str = "div") -> dict[str, Any]:
    return {"tag": tag, "attributes": json.dumps({"backend_node_id": node_id}), "backend_node_id": node_id}


def action(uid: str, html: str, op: str, value: str, pos: list[str], neg: list[str]) -> dict[str, Any]:
    return {
        "action_uid": uid,
        "raw_html": "",
        "cleaned_html": html,
        "operation": {"original_op": op, "value": value, "op": op},
        "pos_candidates": [candidate(i) for i in pos],
        "neg_candidates": [candidate(i) for i in neg],
    }


def task(annotation_id: str, instruction: str, actions: list[dict], reprs: list[str] | None = None) -> dict[str, Any]:
    return {
        "annotation_id": annotation_id,
        "website": "acme",
        "domain": "Shopping",
        "subdomain": "Department",
        "confirmed_task": instruction,
        "action_reprs": reprs if reprs is not None else [f"[button]  step {i} -> CLICK" for i in range(len(actions))],
        "actions": actions,
    }


def write_source(root: Path, tasks: list[dict], ranks: dict[str, dict[str, int]], split: str = "test_domain") -> Path:
    """``root/<split>/<split>_0.json`` and ``root/scores_all_data.pkl`` (scores derived from ranks)."""
    (root / split).mkdir(parents=True, exist_ok=True)
    (root / split / f"{split}_0.json").write_text(json.dumps(tasks))
    scores = {k: {i: 1.0 / (1 + r) for i, r in v.items()} for k, v in ranks.items()}
    (root / "scores_all_data.pkl").write_bytes(pickle.dumps({"scores": scores, "ranks": ranks}))
    return root


def ranks_for(annotation_id: str, uid: str, order: list[str]) -> dict[str, dict[str, int]]:
    """The score-file entry of one step: ``order`` from rank 0 on."""
    return {f"{annotation_id}_{uid}": {node_id: rank for rank, node_id in enumerate(order)}}


def make_task(root: Path, **options: Any) -> Mind2Web:
    return Mind2Web(data={"mind2web": root}, options=options)
