"""Turn documents, entities and facts into RDF triples, per ontology/zhkg.ttl.

Every relation is written twice: as a direct triple (``ent:A zhkg:lendsTo
ent:B``) so simple queries stay simple, and as a fact node (a zhkg:Loan, ...)
carrying amounts, dates, modality and ``prov:wasDerivedFrom`` its sentence.
Negated facts keep only the fact node. IRIs derive from names and offsets,
never from run order, so the same input gives byte-identical Turtle.

Triples are Oxigraph terms (``pyoxigraph.Triple``), several times quicker to
make than rdflib's and a third of their memory; a build writes them to Turtle a
document at a time (``write_turtle_blocks``). ``to_rdflib`` gives an rdflib
Graph for what needs one (SHACL, the view, notebooks).
"""
from __future__ import annotations

import hashlib
import io
import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache
from typing import BinaryIO, Iterable

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .resources import resource
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


@cache
def _node(iri: str) -> ox.NamedNode:
    """An Oxigraph IRI, cached: the vocabulary's few IRIs recur in every triple."""
    return ox.NamedNode(iri)


def _zhkg(local: str) -> ox.NamedNode:
    return _node(ZHKG + local)


TYPE, LABEL, VALUE = _node(str(RDF.type)), _node(str(RDFS.label)), _node(str(RDF.value))


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


def _zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def _typed(value: object, datatype) -> ox.Literal:
    return ox.Literal(str(value), datatype=_node(str(datatype)))


def document_triples(doc: Document, sentences: Iterable[Sentence], authors: Iterable[str] = ()) -> list[ox.Triple]:
    """The document node and its sentence nodes. ``authors`` are entity keys of Person nodes."""
    d = ox.NamedNode(document_iri(doc.id))
    out = [ox.Triple(d, TYPE, _zhkg("Document")),
           ox.Triple(d, _node(DCTERMS.identifier), ox.Literal(doc.id)),
           ox.Triple(d, _node(DCTERMS.title), _zh(doc.title or doc.id)),
           ox.Triple(d, _zhkg("sourceFile"), ox.Literal(doc.source))]
    if doc.date:
        out.append(ox.Triple(d, _node(DCTERMS.date), _typed(doc.date, XSD.date)))
    if doc.url:
        out.append(ox.Triple(d, _node(DCTERMS.source), ox.NamedNode(doc.url)))
    out += [ox.Triple(d, _node(DCTERMS.creator), ox.NamedNode(entity_iri(key))) for key in authors]
    for s in sentences:
        out += sentence_triples(doc.id, s, d)
    return out


def sentence_triples(doc_id: str, s: Sentence, document: ox.NamedNode | None = None) -> list[ox.Triple]:
    node = ox.NamedNode(sentence_iri(doc_id, s.index))
    return [ox.Triple(node, TYPE, _zhkg("Sentence")),
            ox.Triple(node, VALUE, _zh(s.text)),
            ox.Triple(node, _node(DCTERMS.isPartOf), document or ox.NamedNode(document_iri(doc_id))),
            ox.Triple(node, _zhkg("sentenceIndex"), _typed(s.index, XSD.integer)),
            ox.Triple(node, _zhkg("startOffset"), _typed(s.start, XSD.integer)),
            ox.Triple(node, _zhkg("endOffset"), _typed(s.end, XSD.integer))]


def entity_triples(entity: Entity, doc_ids: Iterable[str] = ()) -> list[ox.Triple]:
    node = ox.NamedNode(entity_iri(entity.key))
    out = [ox.Triple(node, TYPE, _zhkg(entity.cls)), ox.Triple(node, LABEL, _zh(entity.label))]
    out += [ox.Triple(node, _node(SKOS.altLabel), _zh(alias)) for alias in sorted(entity.aliases - {entity.label})]
    if "role" in entity.attrs:
        out.append(ox.Triple(node, _zhkg("role"), _zh(entity.attrs["role"])))
    if "stock_code" in entity.attrs:
        out.append(ox.Triple(node, _zhkg("stockCode"), ox.Literal(entity.attrs["stock_code"])))
    if "parent" in entity.attrs:
        out.append(ox.Triple(node, _node(ORG.subOrganizationOf), ox.NamedNode(entity_iri(entity.attrs["parent"]))))
    out += mention_triples(entity.key, doc_ids)
    return out


def mention_triples(key: str, doc_ids: Iterable[str]) -> list[ox.Triple]:
    """``entity zhkg:mentionedIn document`` for each document."""
    node = ox.NamedNode(entity_iri(key))
    return [ox.Triple(node, _zhkg("mentionedIn"), ox.NamedNode(document_iri(d))) for d in doc_ids]


def _literal(key: str, value: object) -> ox.Literal:
    datatype = _DETAIL_TYPES[key]
    if datatype == XSD.string:
        return ox.Literal(str(value))  # a simple literal is an xsd:string (RDF 1.1)
    if isinstance(value, date):
        value = value.isoformat()
    if datatype == XSD.decimal:
        # normalize() may give exponent form (3E+8); write it out plainly.
        value = format(Decimal(str(value)).normalize(), "f")
    return _typed(value, datatype)


def fact_triples(fact: Fact) -> list[ox.Triple]:
    """The direct triple (unless negated) and the fact node."""
    direct = direct_triple(fact)
    return ([direct] if direct else []) + fact_node_triples(fact)


def direct_triple(fact: Fact) -> ox.Triple | None:
    """``ent:A zhkg:lendsTo ent:B``; None for a negated fact."""
    if fact.modality == NEGATED:
        return None
    return ox.Triple(ox.NamedNode(entity_iri(fact.subject)), _zhkg(fact.relation),
                     ox.NamedNode(entity_iri(fact.object)))


def fact_node_triples(fact: Fact) -> list[ox.Triple]:
    node = ox.NamedNode(fact_iri(fact))
    subject, obj = ox.NamedNode(entity_iri(fact.subject)), ox.NamedNode(entity_iri(fact.object))
    relation = _zhkg(fact.relation)
    out = [ox.Triple(node, TYPE, _zhkg(FACT_CLASS[fact.relation])),
            ox.Triple(node, _zhkg("factSubject"), subject),
            ox.Triple(node, _zhkg("relation"), relation),
            ox.Triple(node, _zhkg("factObject"), obj),
            ox.Triple(node, _zhkg("modality"), _zhkg(MODALITY[fact.modality])),
            ox.Triple(node, _node(PROV.wasDerivedFrom),
                      ox.NamedNode(sentence_iri(fact.evidence.doc_id, fact.evidence.sentence))),
            ox.Triple(node, _zhkg("rule"), ox.Literal(fact.rule or "unknown")),
            ox.Triple(node, _zhkg("confidence"), _literal("percentage", round(fact.confidence, 3)))]
    for key, value in sorted(fact.details.items()):
        if key == "product":
            out.append(ox.Triple(node, _zhkg("product"), ox.NamedNode(entity_iri(str(value)))))
        elif key in _DETAIL_TYPES and value is not None:
            out.append(ox.Triple(node, _zhkg(key), _literal(key, value)))
    return out


@cache
def _ontology() -> tuple[ox.Triple, ...]:
    return tuple(ox.parse(path=str(resource("ontology/zhkg.ttl")), format=ox.RdfFormat.TURTLE))


def ontology_triples() -> list[ox.Triple]:
    """The ontology's own triples, so class and relation labels travel with the data."""
    return list(_ontology())


# ------------------------------------------------------------------ output

def write_turtle(triples: Iterable[ox.Triple] | Graph, fh: BinaryIO) -> None:
    """Turtle with readable prefixes, the same bytes for the same graph.

    Written by Oxigraph's serializer over the triples sorted by their N-Triples
    form: an order that does not depend on how the graph was built, and about
    ten times faster than rdflib's Turtle serializer on large graphs.
    """
    if isinstance(triples, Graph):
        triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples]
    write_turtle_blocks([triples], fh)


def write_turtle_blocks(blocks: Iterable[Iterable[ox.Triple]], fh: BinaryIO) -> None:
    """Turtle written block by block as the blocks come (a build streams one
    block per document), each block's triples sorted: the file is the same
    bytes whenever the blocks come in the same order with the same triples."""
    namespaces = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    ordered = (t for block in blocks for t in sorted(set(block), key=str))
    out = _SortedPrefixes(fh, len(namespaces))
    ox.serialize(ordered, out, format=ox.RdfFormat.TURTLE, prefixes=namespaces)
    out.close()


def to_turtle(triples: Iterable[ox.Triple] | Graph) -> str:
    buffer = io.BytesIO()
    write_turtle(triples, buffer)
    return buffer.getvalue().decode("utf-8")


class _SortedPrefixes(io.RawIOBase):
    """Passes bytes through to ``fh``, except that the first ``n`` lines (the
    @prefix lines, which Oxigraph writes in no fixed order) go out sorted."""

    def __init__(self, fh: BinaryIO, n: int):
        self._fh, self._n, self._head = fh, n, b""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        if self._n is None:
            self._fh.write(data)
            return len(data)
        self._head += data
        lines = self._head.split(b"\n")
        if len(lines) > self._n:  # all the prefix lines are in
            prefixes = [ln for ln in lines[: self._n] if ln.startswith(b"@prefix")]
            self._fh.write(b"".join(ln + b"\n" for ln in sorted(prefixes)) + b"\n".join(lines[len(prefixes):]))
            self._n, self._head = None, b""
        return len(data)

    def close(self) -> None:
        if self._head:  # fewer lines than prefixes: an empty graph
            self._fh.write(self._head)
            self._head = b""
        super().close()


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def to_rdflib(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib Graph of Oxigraph triples (for pyshacl, the view, notebooks)."""
    g = new_graph()
    g.addN((to_rdflib_term(t.subject), to_rdflib_term(t.predicate), to_rdflib_term(t.object), g) for t in triples)
    return g


def to_rdflib_term(term):
    """An Oxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return BNode(term.value)


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
