"""The rdf stage: triples per the ontology, and Turtle that is the same bytes
whatever order the triples came in."""
import io

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph import rdf
from graph.types import Document, Entity, Evidence, Fact, Sentence

TEXT = "某某银行向某某科技有限公司发放贷款1.5亿元。"


def sample_triples() -> list[ox.Triple]:
    doc = Document("d-1", TEXT, title="贷款", source="news/a.txt", date="2020-03-01")
    bank = Entity("某某银行", "某某银行", "Bank", {"某某银行", "该行"})
    firm = Entity("某某科技有限公司", "某某科技有限公司", "Enterprise", {"某某科技"})
    fact = Fact(bank.key, "lendsTo", firm.key, Evidence("d-1", 0, 0, len(TEXT), TEXT), rule="t", confidence=0.85,
                details={"amount": 150000000.0, "currency": "CNY"})
    return (rdf.document_triples(doc, [Sentence(0, 0, len(TEXT), TEXT)]) + rdf.entity_triples(bank, ["d-1"])
            + rdf.entity_triples(firm, ["d-1"]) + rdf.fact_triples(fact))


def test_turtle_bytes_do_not_depend_on_triple_order_or_container():
    triples = sample_triples()
    forward, backward = rdf.to_turtle(triples), rdf.to_turtle(list(reversed(triples)))
    from_rdflib = rdf.to_turtle(rdf.to_rdflib(triples))
    assert forward == backward == from_rdflib
    buffer = io.BytesIO()
    rdf.write_turtle(set(triples), buffer)
    assert buffer.getvalue().decode("utf-8") == forward


def test_turtle_prefix_lines_are_sorted_and_the_graph_reads_back():
    triples = sample_triples()
    text = rdf.to_turtle(triples + triples)  # duplicates are one triple
    head = [line for line in text.splitlines() if line.startswith("@prefix")]
    assert head == sorted(head) and len(head) == len(rdf.PREFIXES)
    back = Graph().parse(data=text, format="turtle")
    assert len(back) == len(set(triples))
    assert isomorphic(back, rdf.to_rdflib(triples))
    assert rdf.to_turtle([]) == ""


def test_literals_keep_their_types():
    g = rdf.to_rdflib(sample_triples())
    fact = next(g.subjects(rdf.ZHKG.relation, rdf.ZHKG.lendsTo))
    amount = g.value(fact, rdf.ZHKG.amount)
    assert amount.datatype == URIRef(str(rdf.XSD.decimal)) and str(amount) == "150000000"
    assert g.value(fact, rdf.ZHKG.currency) == Literal("CNY")  # a simple literal, xsd:string
    assert str(g.value(fact, rdf.ZHKG.confidence)) == "0.85"
    doc = rdf.document_iri("d-1")
    assert g.value(doc, rdf.DCTERMS.date).datatype == URIRef(str(rdf.XSD.date))
    assert g.value(URIRef(f"{doc}/s0"), rdf.ZHKG.endOffset).toPython() == len(TEXT)
