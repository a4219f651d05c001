"""A zhkg RDF graph as a networkx graph, for analytics (degree, PageRank, paths...).

    from graph.network import to_networkx
    G = to_networkx(g)        # nx.MultiDiGraph
    G.nodes["某某银行"]        # {"iri": ..., "cls": "Bank", "aliases": [...]}
    for u, v, key, e in G.edges(keys=True, data=True):
        e["relation"], e["modality"], e.get("amount"), e["sentence"]

Nodes are the entities (resources typed with a subclass of zhkg:Entity), keyed
by their label, which is unique in a zhkg graph because entity IRIs derive from
the canonical name. Every fact node (zhkg:Loan, ...) becomes one edge from its
subject to its object, keyed by the fact IRI and carrying its relation,
modality, evidence sentence and details (amount, quantity, ...). A branch's
org:subOrganizationOf link, which has no fact node, is an edge too.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from .rdf import ORG, ZHKG
from .resources import resource
from .viz import local_name

# Fact properties that are structure, not details worth putting on the edge.
_FACT_STRUCTURE = {RDF.type, ZHKG.factSubject, ZHKG.factObject, ZHKG.relation, ZHKG.modality,
                   PROV.wasDerivedFrom}


@cache
def _ontology() -> Graph:
    g = Graph()
    g.parse(resource("ontology/zhkg.ttl"), format="turtle")
    return g


@cache
def _class_depth() -> dict[URIRef, int]:
    """zhkg entity class -> how many steps below zhkg:Entity it is (Bank 3, Enterprise 2...).

    The deepest class of a node is its most specific one; read from the ontology
    so a new subclass needs no change here."""
    onto = _ontology()
    depth = {ZHKG.Entity: 0}
    changed = True
    while changed:  # the hierarchy is shallow; iterate to a fixed point
        changed = False
        for cls, parent in onto.subject_objects(RDFS.subClassOf):
            if parent in depth and depth.get(cls, -1) < depth[parent] + 1:
                depth[cls] = depth[parent] + 1
                changed = True
    return depth


def _zh_label(g: Graph, term: URIRef) -> str:
    """Chinese label first, then untagged, then any; the local name if none."""
    labels = [o for o in g.objects(term, RDFS.label) if isinstance(o, Literal)]
    if not labels:
        return local_name(term)
    return str(min(labels, key=lambda o: ({"zh": 0, None: 1}.get(o.language, 2), str(o))))


def _entity_class(g: Graph, node: URIRef) -> str | None:
    """Local name of the most specific zhkg entity class of ``node``, or None."""
    depth = _class_depth()
    classes = [t for t in g.objects(node, RDF.type) if t in depth]
    if not classes:
        return None
    return local_name(max(classes, key=lambda c: (depth[c], str(c))))


def _python_value(term) -> object:
    """Literals as Python values (Decimal, int, date, str); IRIs as labels are set by the caller."""
    return term.toPython() if isinstance(term, Literal) else term


def _add_entities(G: nx.MultiDiGraph, g: Graph) -> dict[URIRef, str]:
    """Add every entity as a node; return IRI -> node id."""
    iris = sorted({s for s in g.subjects(RDF.type, None)
                   if isinstance(s, URIRef) and _entity_class(g, s)})
    labels = {iri: _zh_label(g, iri) for iri in iris}
    uses = Counter(labels.values())
    node_ids = {}
    for iri in iris:
        # A label shared by two IRIs (only in graphs merged from elsewhere) would
        # merge two things into one node; those fall back to the IRI.
        node_id = labels[iri] if uses[labels[iri]] == 1 else str(iri)
        node_ids[iri] = node_id
        aliases = sorted(str(a) for a in g.objects(iri, SKOS.altLabel))
        G.add_node(node_id, iri=str(iri), label=labels[iri], cls=_entity_class(g, iri), aliases=aliases)
    return node_ids


def _fact_edge(g: Graph, fact: URIRef, node_ids: dict[URIRef, str]) -> tuple[str, str, dict] | None:
    subject = g.value(fact, ZHKG.factSubject)
    obj = g.value(fact, ZHKG.factObject)
    if subject not in node_ids or obj not in node_ids:
        return None
    relation = g.value(fact, ZHKG.relation)
    modality = g.value(fact, ZHKG.modality)
    sentence = g.value(fact, PROV.wasDerivedFrom)
    attrs = {"relation": local_name(relation) if relation else "",
             "modality": local_name(modality).lower() if modality else "",
             "sentence": str(g.value(sentence, RDF.value) or "") if sentence else ""}
    for prop, value in sorted(g.predicate_objects(fact)):
        if prop in _FACT_STRUCTURE or not str(prop).startswith(str(ZHKG)):
            continue
        # zhkg:product points at a Product entity: give its name, not its IRI.
        attrs[local_name(prop)] = node_ids.get(value, _zh_label(g, value)) if isinstance(value, URIRef) \
            else _python_value(value)
    return node_ids[subject], node_ids[obj], attrs


def to_networkx(g: Graph, include_negated: bool = False) -> nx.MultiDiGraph:
    """Entities as nodes (with ``cls``), facts as edges (with ``relation``).

    Negated facts ("did not lend") are left out unless ``include_negated``: an
    analyst counting connections should not count a denial as one."""
    G = nx.MultiDiGraph()
    node_ids = _add_entities(G, g)
    facts = sorted({f for f in g.subjects(ZHKG.factSubject, None) if isinstance(f, URIRef)})
    for fact in facts:
        edge = _fact_edge(g, fact, node_ids)
        if edge is None:
            continue
        source, target, attrs = edge
        if attrs["modality"] == "negated" and not include_negated:
            continue
        G.add_edge(source, target, key=str(fact), **attrs)
    for branch, parent in sorted(g.subject_objects(ORG.subOrganizationOf)):
        if branch in node_ids and parent in node_ids:
            G.add_edge(node_ids[branch], node_ids[parent], key=f"{branch} subOrganizationOf {parent}",
                       relation="subOrganizationOf", modality="", sentence="")
    return G


def pagerank(G: nx.Graph, damping: float = 0.85) -> dict:
    """PageRank of every node, ignoring edge direction and parallel edges.

    networkx's own ``nx.pagerank`` needs scipy, which zhkg does not depend on;
    this uses the numpy power iteration the HTML view sizes its nodes with.
    Undirected because in a zhkg graph direction mostly says "person -> employer"
    or "firm -> product", and importance flows both ways."""
    from .viz import pagerank as power_iteration

    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v}
    sources = [a for a, b in pairs] + [b for a, b in pairs]
    targets = [b for a, b in pairs] + [a for a, b in pairs]
    ranks = power_iteration(len(nodes), sources, targets, damping=damping)
    return {n: float(ranks[index[n]]) for n in nodes}
