"""graph.network.to_networkx: entities become nodes with their class, facts typed edges."""
from decimal import Decimal

import networkx as nx
import pytest

from graph import rdf
from graph.network import pagerank, to_networkx
from graph.pipeline import build, to_rdf, Extraction
from graph.types import BANK, DISTRICT, ENTERPRISE, LENDS_TO, LOCATED_IN, Document, Entity, Evidence, Fact, Sentence

from conftest import SAMPLE


def _entity(label, cls, aliases=(), **attrs):
    return Entity(rdf.entity_key(label), label, cls, set(aliases), attrs=dict(attrs))


SENTENCES = ["甲乙银行向庚辛科技有限公司发放贷款5000万元。", "甲乙银行拟向庚辛科技有限公司追加贷款。",
             "戊己银行未向庚辛科技有限公司发放贷款。", "庚辛科技有限公司位于壬癸区。"]


def _fact(subject, relation, obj, sentence, modality="done", **details):
    text = SENTENCES[sentence]
    evidence = Evidence("d1", sentence, 0, len(text), text)
    return Fact(subject.key, relation, obj.key, evidence, modality=modality, details=details)


def _document():
    sentences, start = [], 0
    for i, text in enumerate(SENTENCES):
        sentences.append(Sentence(i, start, start + len(text), text))
        start += len(text)
    return Document("d1", "".join(SENTENCES), title="测试"), sentences


@pytest.fixture
def small_graph():
    """Two banks, a branch, a firm and a district, written with the same code the pipeline uses."""
    bank = _entity("甲乙银行", BANK, aliases={"甲乙行"})
    branch = _entity("甲乙银行丙丁分行", BANK, parent=bank.key)
    other_bank = _entity("戊己银行", BANK)
    firm = _entity("庚辛科技有限公司", ENTERPRISE, aliases={"庚辛科技"})
    place = _entity("壬癸区", DISTRICT)
    doc, sentences = _document()
    ex = Extraction(documents=[doc], sentences={doc.id: sentences},
                    entities={e.key: e for e in (bank, branch, other_bank, firm, place)})
    ex.facts = [
        _fact(bank, LENDS_TO, firm, 0, amount=Decimal("50000000"), currency="CNY"),
        _fact(bank, LENDS_TO, firm, 1, modality="planned"),
        _fact(other_bank, LENDS_TO, firm, 2, modality="negated"),
        _fact(firm, LOCATED_IN, place, 3),
    ]
    return to_rdf(ex)


def test_entities_are_nodes_with_their_most_specific_class(small_graph):
    G = to_networkx(small_graph)
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G.nodes) == sorted(["甲乙银行", "甲乙银行丙丁分行", "戊己银行", "庚辛科技有限公司", "壬癸区"])
    assert G.nodes["甲乙银行"]["cls"] == "Bank"  # not its superclasses Enterprise/Organization
    assert G.nodes["庚辛科技有限公司"]["cls"] == "Enterprise"
    assert G.nodes["壬癸区"]["cls"] == "District"
    assert G.nodes["甲乙银行"]["aliases"] == ["甲乙行"]
    assert G.nodes["甲乙银行"]["iri"] == str(rdf.entity_iri(rdf.entity_key("甲乙银行")))


def test_facts_are_typed_edges_with_details(small_graph):
    G = to_networkx(small_graph)
    loans = G.get_edge_data("甲乙银行", "庚辛科技有限公司")
    assert len(loans) == 2  # two facts, two parallel edges
    assert {e["relation"] for e in loans.values()} == {"lendsTo"}
    assert sorted(e["modality"] for e in loans.values()) == ["done", "planned"]
    with_amount = [e for e in loans.values() if "amount" in e]
    assert len(with_amount) == 1
    assert with_amount[0]["amount"] == Decimal("50000000") and with_amount[0]["currency"] == "CNY"
    assert with_amount[0]["sentence"] == SENTENCES[0]
    assert [e["relation"] for e in G.get_edge_data("庚辛科技有限公司", "壬癸区").values()] == ["locatedIn"]
    # A branch hangs off its bank.
    assert [e["relation"] for e in G.get_edge_data("甲乙银行丙丁分行", "甲乙银行").values()] == ["subOrganizationOf"]


def test_negated_facts_are_left_out_unless_asked_for(small_graph):
    assert not to_networkx(small_graph).has_edge("戊己银行", "庚辛科技有限公司")
    with_negated = to_networkx(small_graph, include_negated=True)
    edges = with_negated.get_edge_data("戊己银行", "庚辛科技有限公司")
    assert [e["modality"] for e in edges.values()] == ["negated"]


def test_ontology_terms_and_documents_are_not_nodes(small_graph):
    labels = {d["label"] for _, d in to_networkx(small_graph).nodes(data=True)}
    assert "银行" not in labels and "贷款" not in labels  # class labels from the ontology


def test_sample_every_non_negated_fact_is_one_edge():
    ex, g = build([SAMPLE])
    G = to_networkx(g)
    assert G.number_of_nodes() == len(ex.entities)
    fact_edges = [e for _, _, e in G.edges(data=True) if e["relation"] != "subOrganizationOf"]
    assert len(fact_edges) == sum(1 for f in ex.facts if f.modality != "negated")
    assert {G.nodes[n]["cls"] for n in G} <= {"Enterprise", "Bank", "GovernmentAgency", "Organization",
                                             "EnterpriseGroup", "District", "Site", "Place", "Product",
                                             "Person"}
    # Same input, same graph, in the same order.
    again = to_networkx(build([SAMPLE])[1])
    assert list(again.edges(keys=True)) == list(G.edges(keys=True))


def test_pagerank_ranks_the_hub_first_and_sums_to_one():
    star = nx.MultiDiGraph([("hub", leaf) for leaf in "abcd"] + [("a", "hub"), ("x", "y")])
    ranks = pagerank(star)
    assert set(ranks) == set(star.nodes)
    assert max(ranks, key=ranks.get) == "hub"
    assert ranks["a"] == pytest.approx(ranks["b"])  # a parallel edge back does not count twice
    assert ranks["x"] == pytest.approx(ranks["y"])
    assert sum(ranks.values()) == pytest.approx(1.0)
