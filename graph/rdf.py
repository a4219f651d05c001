"""Turn documents, entities and facts into an RDF graph, per ontology/zhkg.ttl.

Every relation is written twice: as a direct triple (``ent:A zhkg:lendsTo
ent:B``) so simple queries stay simple, and as a fact node (a zhkg:Loan, ...)
carrying amounts, dates, modality and ``prov:wasDerivedFrom`` its sentence.
Negated facts keep only the fact node. IRIs derive from names and offsets,
never from run order, so the same input gives byte-identical Turtle.
"""
from __future__ import annotations

import hashlib
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Iterable

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .types import Document, Entity, Fact, Sentence, NEGATED

ZHKG = Namespace("https://w3id.org/zhkg/ontology#")
BASE = "https://w3id.org/zhkg/id/"
ENT = Namespace(BASE + "entity/")
DOC = Namespace(BASE + "doc/")
FACT = Namespace(BASE + "fact/")
ORG = Namespace("http://www.w3.org/ns/org#")

PREFIXES = {"zhkg": ZHKG, "ent": ENT, "doc": DOC, "fact": FACT, "rdf": RDF, "rdfs": RDFS,
            "xsd": XSD, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS, "owl": OWL, "org": ORG}

FACT_CLASS = {"lendsTo": "Loan", "reducesRentFor": "RentReduction", "supplies": "Supply",
              "produces": "Production", "locatedIn": "Location", "worksFor": "Employment"}
MODALITY = {"done": "Done", "planned": "Planned", "requested": "Requested",
            "encouraged": "Encouraged", "negated": "Negated"}

# Fact.details keys written as typed literals; "product" is an entity key instead.
_DETAIL_TYPES = {"amount": XSD.decimal, "currency": XSD.string, "qualifier": XSD.string,
                 "quantity": XSD.decimal, "quantityUnit": XSD.string,
                 "beneficiaryCount": XSD.integer, "countQualifier": XSD.string,
                 "percentage": XSD.decimal, "date": XSD.date,
                 "periodStart": XSD.date, "periodEnd": XSD.date}


def normalise_name(name: str) -> str:
    """The form under which two names count as the same (NFKC, no spaces)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def local_name(text: str) -> str:
    """A readable, IRI-safe local name: letters and digits of any script kept, the rest %-encoded."""
    out = []
    for ch in normalise_name(text):
        if ch.isalnum() or ch in "-_.":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def entity_key(label: str) -> str:
    return local_name(label)


def entity_iri(key: str) -> URIRef:
    return ENT[key]


def document_iri(doc_id: str) -> URIRef:
    return DOC[local_name(doc_id)]


def sentence_iri(doc_id: str, index: int) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}/s{index}")


def fact_iri(fact: Fact) -> URIRef:
    ident = "|".join([fact.evidence.doc_id, str(fact.evidence.sentence), fact.subject,
                      fact.relation, fact.object])
    return FACT[hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]]


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def add_document(g: Graph, doc: Document, sentences: Iterable[Sentence], authors: Iterable[str] = ()) -> URIRef:
    """The document node and its sentence nodes. ``authors`` are entity keys of Person nodes."""
    d = document_iri(doc.id)
    g.add((d, RDF.type, ZHKG.Document))
    g.add((d, DCTERMS.identifier, Literal(doc.id)))
    g.add((d, DCTERMS.title, Literal(doc.title or doc.id, lang="zh")))
    g.add((d, ZHKG.sourceFile, Literal(doc.source)))
    if doc.date:
        g.add((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    if doc.url:
        g.add((d, DCTERMS.source, URIRef(doc.url)))
    for key in authors:
        g.add((d, DCTERMS.creator, entity_iri(key)))
    for s in sentences:
        add_sentence(g, doc.id, s)
    return d


def add_sentence(g: Graph, doc_id: str, s: Sentence) -> URIRef:
    node = sentence_iri(doc_id, s.index)
    g.add((node, RDF.type, ZHKG.Sentence))
    g.add((node, RDF.value, Literal(s.text, lang="zh")))
    g.add((node, DCTERMS.isPartOf, document_iri(doc_id)))
    g.add((node, ZHKG.sentenceIndex, Literal(s.index)))
    g.add((node, ZHKG.startOffset, Literal(s.start)))
    g.add((node, ZHKG.endOffset, Literal(s.end)))
    return node


def add_entity(g: Graph, entity: Entity, doc_ids: Iterable[str] = ()) -> URIRef:
    node = entity_iri(entity.key)
    g.add((node, RDF.type, ZHKG[entity.cls]))
    g.add((node, RDFS.label, Literal(entity.label, lang="zh")))
    for alias in sorted(entity.aliases - {entity.label}):
        g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    if "role" in entity.attrs:
        g.add((node, ZHKG.role, Literal(entity.attrs["role"], lang="zh")))
    if "stock_code" in entity.attrs:
        g.add((node, ZHKG.stockCode, Literal(entity.attrs["stock_code"])))
    if "parent" in entity.attrs:
        g.add((node, ORG.subOrganizationOf, entity_iri(entity.attrs["parent"])))
    for doc_id in doc_ids:
        g.add((node, ZHKG.mentionedIn, document_iri(doc_id)))
    return node


def _literal(key: str, value: object) -> Literal:
    datatype = _DETAIL_TYPES[key]
    if datatype == XSD.string:
        return Literal(str(value))  # a simple literal is an xsd:string (RDF 1.1), as parsers read it back
    if isinstance(value, date):
        value = value.isoformat()
    if datatype == XSD.decimal:
        value = Decimal(str(value)).normalize()
        # normalize() may give exponent form (3E+8); write it out plainly.
        value = Decimal(format(value, "f"))
    return Literal(value, datatype=datatype)


def add_fact(g: Graph, fact: Fact) -> URIRef:
    node = fact_iri(fact)
    subject, obj = entity_iri(fact.subject), entity_iri(fact.object)
    relation = ZHKG[fact.relation]
    if fact.modality != NEGATED:
        g.add((subject, relation, obj))
    g.add((node, RDF.type, ZHKG[FACT_CLASS[fact.relation]]))
    g.add((node, ZHKG.factSubject, subject))
    g.add((node, ZHKG.relation, relation))
    g.add((node, ZHKG.factObject, obj))
    g.add((node, ZHKG.modality, ZHKG[MODALITY[fact.modality]]))
    g.add((node, PROV.wasDerivedFrom, sentence_iri(fact.evidence.doc_id, fact.evidence.sentence)))
    g.add((node, ZHKG.rule, Literal(fact.rule or "unknown")))
    g.add((node, ZHKG.confidence, _literal("percentage", round(fact.confidence, 3))))
    for key, value in sorted(fact.details.items()):
        if key == "product":
            g.add((node, ZHKG.product, entity_iri(str(value))))
        elif key in _DETAIL_TYPES and value is not None:
            g.add((node, ZHKG[key], _literal(key, value)))
    return node


def to_turtle(g: Graph) -> str:
    """Turtle with readable prefixes, the same bytes for the same graph.

    Written by Oxigraph's serializer over triples sorted by their N-Triples
    form: an order that does not depend on how the graph was built, and about
    ten times faster than rdflib's Turtle serializer on large graphs.
    """
    triples = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in g), key=_sort_key)
    namespaces = {prefix: str(ns) for prefix, ns in g.namespaces() if prefix in PREFIXES}
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=namespaces).decode("utf-8")
    # Oxigraph writes the @prefix lines in no fixed order: sort them.
    lines = text.split("\n")
    head = [ln for ln in lines[: len(namespaces)] if ln.startswith("@prefix")]
    return "\n".join(sorted(head) + lines[len(head):])


def _sort_key(t: "ox.Triple") -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def to_oxigraph(term):
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))
