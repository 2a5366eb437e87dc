"""S-expression -> SPARQL (AgentBench's exact text) and the Virtuoso -> standard dialect rewrite,
each rule checked both ways: the Virtuoso form fails (or silently misbehaves) on pyoxigraph, the
rewritten form gives the right answer."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tasks.kg.dialect import to_standard
from tasks.kg.lisp import LispError, entity_relations_query, neighbors_query, parse, postprocess, to_sparql
from tasks.kg.sparql import EmbeddedStore

# Expected texts produced by AgentBench.old's own lisp_to_sparql(postprocess_raw_code(...)).
GOLDEN = {
    "(AND biology.breed_temperament (AND (JOIN (R biology.animal_breed.temperament) (JOIN (R biology.pedigreed_animal.breed) m.05t073s)) (JOIN (R biology.animal_breed.temperament) m.0km5c)))":
        "PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT DISTINCT ?x\nWHERE {\nFILTER (!isLiteral(?x) OR lang(?x) = '' OR langMatches(lang(?x), 'en'))\nns:m.05t073s ns:biology.pedigreed_animal.breed ?x0 .\n?x0 ns:biology.animal_breed.temperament ?x .\nns:m.0km5c ns:biology.animal_breed.temperament ?x .\n?x ns:type.object.type ns:biology.breed_temperament .\nFILTER (?x != ns:m.05t073s)\nFILTER (?x != ns:m.0km5c)\n}",
    "(ARGMAX (JOIN sports.sports_team.championships_inv (JOIN sports.mascot.team_inv m.067z_k)) time.event.end_date)":
        "PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT DISTINCT ?x\nWHERE {\nns:m.067z_k ns:sports.mascot.team ?x0 .\n?x0 ns:sports.sports_team.championships ?x .\n?x ns:time.event.end_date ?sk0 .\n{SELECT ?sk0\nWHERE {\nFILTER (!isLiteral(?x) OR lang(?x) = '' OR langMatches(lang(?x), 'en'))\nns:m.067z_k ns:sports.mascot.team ?x0 .\n?x0 ns:sports.sports_team.championships ?x .\n?x ns:time.event.end_date ?sk0 .\nFILTER (?x != ns:m.067z_k)\n}\nORDER BY DESC(?sk0)\nLIMIT 1\n}\n}",
    "(COUNT (AND (JOIN digicams.digital_camera.iso_setting_inv m.03q2r11) (JOIN digicams.digital_camera.iso_setting_inv m.03hpfyz)))":
        "PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT COUNT DISTINCT ?x\nWHERE {\nFILTER (!isLiteral(?x) OR lang(?x) = '' OR langMatches(lang(?x), 'en'))\nns:m.03q2r11 ns:digicams.digital_camera.iso_setting ?x .\nns:m.03hpfyz ns:digicams.digital_camera.iso_setting ?x .\nFILTER (?x != ns:m.03q2r11)\nFILTER (?x != ns:m.03hpfyz)\n}",
    "(AND film.film (lt film.film.initial_release_date 1990^^http://www.w3.org/2001/XMLSchema#gYear))":
        "PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT DISTINCT ?x\nWHERE {\nFILTER (!isLiteral(?x) OR lang(?x) = '' OR langMatches(lang(?x), 'en'))\n?x ns:film.film.initial_release_date ?y0 .\nFILTER (?y0 < \"1990-08:00\"^^<http://www.w3.org/2001/XMLSchema#gYear>)\n?x ns:type.object.type ns:film.film .\n}",
}  # fmt: skip

NS = "http://rdf.freebase.com/ns/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("program", list(GOLDEN))
def test_translation_matches_the_original_text(program):
    assert to_sparql(postprocess(program)) == GOLDEN[program]


def test_postprocess_and_parse():
    assert postprocess("(JOIN a.b_inv (JOIN c.d_inv m.0x))") == "(JOIN (R a.b) (JOIN (R c.d) m.0x))"
    assert postprocess("(ARGMAX (JOIN a.b_inv m.0x) c.d e.f)") == "(ARGMAX (JOIN (R a.b) m.0x) (JOIN c.d e.f))"
    assert parse("(JOIN (R a.b) m.0x)") == ["JOIN", ["R", "a.b"], "m.0x"]
    for bad in ("", "(", "(JOIN a))", "( (JOIN a b)"):
        with pytest.raises(LispError):
            to_sparql(bad)


def test_get_relations_queries_keep_the_original_shape():
    wrapped = neighbors_query(GOLDEN[next(iter(GOLDEN))])
    assert wrapped.startswith("PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT DISTINCT ?rel\nWHERE {\n?x ?rel ?obj .\n{\nSELECT DISTINCT ?x\n")
    assert wrapped.endswith("}\n}\n}")
    assert ':m.0abc ?x0 ?x1 . \n        FILTER regex(?x0, "http://rdf.freebase.com/ns/")' in entity_relations_query("m.0abc")


@pytest.fixture
def tiny() -> ox.Store:
    s = ox.Store()
    rel, e1, e2, e3 = (ox.NamedNode(NS + x) for x in ("people.person.profession", "m.01", "m.02", "m.03"))
    s.add(ox.Quad(e1, rel, e2))
    s.add(ox.Quad(e1, rel, e3))
    s.add(ox.Quad(e1, ox.NamedNode(NS + "type.object.name"), ox.Literal("One", language="en")))
    s.add(ox.Quad(e2, ox.NamedNode(NS + "a.b.when"), ox.Literal("1990-01-02-08:00", datatype=ox.NamedNode(XSD + "date"))))
    s.add(ox.Quad(e3, ox.NamedNode(NS + "a.b.at"), ox.Literal("1990-01-02T10:00:00", datatype=ox.NamedNode(XSD + "dateTime"))))
    return s


def _rows(store: ox.Store, query: str) -> list[str]:
    return sorted(s[0].value for s in store.query(query))


@pytest.mark.parametrize(
    "virtuoso,expected,raw_fails",
    [
        # a prefixed name with several dots: pyoxigraph rejects it
        ("PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT ?x WHERE { ns:m.01 ns:people.person.profession ?x . }",
         [NS + "m.02", NS + "m.03"], True),
        # OR as the boolean operator
        ("PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT ?x WHERE { ns:m.01 ?p ?x . FILTER (!isLiteral(?x) OR lang(?x) = 'en') }",
         sorted([NS + "m.02", NS + "m.03", "One"]), True),
        # COUNT without parentheses
        ("PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT COUNT DISTINCT ?x WHERE { ns:m.01 ns:people.person.profession ?x . }",
         ["2"], True),
        # xsd:datetime (Virtuoso's spelling) and the undeclared xsd: prefix
        ("PREFIX ns: <http://rdf.freebase.com/ns/>\nSELECT ?x WHERE { ?x ns:a.b.at ?d . FILTER (xsd:datetime(?d) <= \"1991-01-01\"^^xsd:dateTime) }",
         [NS + "m.03"], True),
        # regex over an IRI: pyoxigraph silently filters every row out
        ("PREFIX : <http://rdf.freebase.com/ns/>\nSELECT (?x0 AS ?value) WHERE { SELECT DISTINCT ?x0 WHERE { :m.01 ?x0 ?x1 . FILTER regex(?x0, \"http://rdf.freebase.com/ns/\") } }",
         [NS + "people.person.profession", NS + "type.object.name"], False),
    ],
)  # fmt: skip
def test_each_dialect_rule_both_ways(tiny, virtuoso, expected, raw_fails):
    if raw_fails:
        with pytest.raises(SyntaxError):
            tiny.query(virtuoso)
    else:
        assert _rows(tiny, virtuoso) == []  # wrong without the rewrite
    assert _rows(tiny, to_standard(virtuoso)) == expected
    assert to_standard(to_standard(virtuoso)) == to_standard(virtuoso)


def test_rewrite_leaves_strings_and_iris_alone():
    query = "SELECT ?x WHERE { ?x <http://a/b.c> \"ns:m.01 OR x\" . FILTER (?x != 'AND') }"
    assert to_standard(f"PREFIX ns: <{NS}>\n{query}") == f"PREFIX ns: <{NS}>\n{query}"
    assert to_standard("PREFIX ns: <http://x/>\nSELECT ?x WHERE { ?x ns:a.b. }") == "PREFIX ns: <http://x/>\nSELECT ?x WHERE { ?x <http://x/a.b>. }"


def test_embedded_store_cleans_values_as_the_original(tiny):
    backend = EmbeddedStore(tiny)
    assert backend.select(f"SELECT ?v WHERE {{ ?x <{NS}a.b.when> ?v }}") == ["1990-01-02"]
    assert backend.select(GOLDEN[next(iter(GOLDEN))]) == []
