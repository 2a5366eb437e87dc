"""Build the authored KG set: graph, ontology files and questions, in AgentBench's layout.

    python -m tasks.kg.authoring.build            # (re)write tasks/kg/sample_data/agentbench-kg
    python -m tasks.kg.authoring.build --check    # exit 1 when the committed files differ

Every question is verified while building: its s-expression's SPARQL and its gold tool calls
(replayed through the task's own interpreter, then ``Final Answer`` on the last variable) must
both give exactly the authored answer over the graph, within the 15 rounds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from pathlib import Path

from tasks.kg.authoring import (
    facts_dogs,
    facts_people,
    facts_places,
    facts_science,
    facts_space,
    facts_sports,
    facts_tech,
)
from tasks.kg.authoring.graph import Graph
from tasks.kg.authoring.mids import REAL_MIDS
from tasks.kg.authoring.questions import QUESTIONS, Authored
from tasks.kg.authoring.schema import ATTRIBUTES, RELATIONS
from tasks.kg.gold import gold_outputs
from tasks.kg.interpreter import Interpreter
from tasks.kg.lisp import postprocess, to_sparql
from tasks.kg.ontology import load_ontology
from tasks.kg.question import KGQuestion
from tasks.kg.sparql import EmbeddedStore
from tasks.kg.tools import Toolbox

OUT = Path(__file__).resolve().parents[1] / "sample_data" / "agentbench-kg"
QUESTIONS_PATH = "data/knowledgegraph/std.json"
ONTOLOGY = "src/server/tasks/knowledgegraph/ontology"
GRAPH = "graph.nt.gz"
TOOLS = ("get_relations", "get_neighbors", "intersection", "get_attributes", "argmax", "argmin", "count")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def build_graph() -> Graph:
    graph = Graph(REAL_MIDS)
    for module in (facts_space, facts_dogs, facts_people, facts_places, facts_sports, facts_tech, facts_science):
        module.add(graph)
    return graph


def ontology_files(graph: Graph) -> dict[str, str]:
    """fb_roles, fb_types, reverse_properties and vocab.json covering the authored schema."""
    roles = [f"{d} {r} {g}" for r, (d, g, _) in RELATIONS.items()] + [f"{d} {a} {g}" for a, (d, g) in ATTRIBUTES.items()]
    classes = sorted({t for types in graph.types.values() for t in types})
    pairs = sorted({tuple(sorted((r, back))) for r, (_, _, back) in RELATIONS.items() if back})
    vocab = {"attributes": sorted(ATTRIBUTES), "relations": sorted(RELATIONS), "classes": classes}
    return {
        "fb_roles": "".join(line + "\n" for line in sorted(roles)),
        "fb_types": "".join(f"{c} meta.subclassOf common.topic\n" for c in classes if c != "common.topic"),
        "reverse_properties": "".join(f"{a}\t{b}\n" for a, b in pairs),
        "vocab.json": json.dumps(vocab, indent=1) + "\n",
    }


def resolve(text: str, graph: Graph) -> str:
    return _PLACEHOLDER.sub(lambda m: graph.mid(m.group(1)), text)


def question_record(index: int, q: Authored, graph: Graph) -> dict:
    if isinstance(q.answer, str):
        answer = [{"answer_type": "Value", "answer_argument": q.answer}]
    else:
        answer = [{"answer_type": "Entity", "answer_argument": graph.mid(n), "entity_name": n} for n in q.answer]
    return {
        "question": q.question,
        "qid": f"authored-{index:03d}",
        "source": "authored",
        "entities": {name: graph.mid(name) for name in q.entities},
        "s_expression": resolve(q.s_expression, graph),
        "actions": [resolve(a, graph) for a in q.actions],
        "answer": answer,
    }


def verify(records: list[dict], store: EmbeddedStore, directory: Path) -> list[str]:
    """Problems found (empty: every question is answered exactly by its s-expression and its calls)."""
    ontology = load_ontology(directory / ONTOLOGY)
    problems: list[str] = []
    used: set[str] = set()
    for record in records:
        question = KGQuestion.model_validate(record)
        gold = question.gold
        by_sparql = set(store.select(to_sparql(postprocess(question.s_expression or ""))))
        if by_sparql != gold:
            problems.append(f"{record['qid']}: s-expression gives {sorted(by_sparql)}, answer is {sorted(gold)}")
        interpreter = Interpreter(Toolbox(store, ontology), dict(question.entities))
        outputs = gold_outputs(question)
        if len(outputs) > 15:
            problems.append(f"{record['qid']}: {len(outputs)} outputs exceed the 15 rounds")
        final = None
        for output in outputs:
            turn = interpreter.turn(output)
            if turn.invalid:
                problems.append(f"{record['qid']}: {output!r} -> {turn.observation}")
                break
            final = turn.final
        replayed = set(interpreter.toolbox.execute(final)) if final is not None else set()
        if replayed != gold:
            problems.append(f"{record['qid']}: gold calls give {sorted(replayed)}, answer is {sorted(gold)}")
        used.update(a.split("(")[0] for a in question.actions)
    missing = [t for t in TOOLS if t not in used]
    if missing:
        problems.append(f"no question uses {', '.join(missing)}")
    return problems


def write(directory: Path) -> tuple[Graph, list[dict]]:
    graph = build_graph()
    records = [question_record(i, q, graph) for i, q in enumerate(QUESTIONS)]
    (directory / ONTOLOGY).mkdir(parents=True, exist_ok=True)
    (directory / QUESTIONS_PATH).parent.mkdir(parents=True, exist_ok=True)
    for name, text in ontology_files(graph).items():
        (directory / ONTOLOGY / name).write_text(text, encoding="utf-8")
    text = "".join(line + "\n" for line in graph.ntriples())
    with gzip.GzipFile(directory / GRAPH, "wb", compresslevel=9, mtime=0) as f:  # no timestamp: stable bytes
        f.write(text.encode("utf-8"))
    (directory / QUESTIONS_PATH).write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return graph, records


def _same(built: Path, committed: Path) -> bool:
    """Same content (a gzip file by its uncompressed bytes: zlib versions may compress differently)."""
    if not committed.is_file():
        return False
    if built.suffix == ".gz":
        return gzip.decompress(built.read_bytes()) == gzip.decompress(committed.read_bytes())
    return built.read_bytes() == committed.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) if args.check else OUT
        graph, records = write(directory)
        store = EmbeddedStore.from_file(directory / GRAPH)
        problems = verify(records, store, directory)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 1
        if args.check:
            stale = [p.relative_to(directory) for p in sorted(directory.rglob("*")) if p.is_file() and not _same(p, OUT / p.relative_to(directory))]  # fmt: skip
            if stale:
                print(f"stale: {', '.join(map(str, stale))} (run python -m tasks.kg.authoring.build)", file=sys.stderr)
                return 1
        print(f"{len(graph.mids)} entities, {len(graph.ntriples())} triples, {len(records)} questions: all verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
