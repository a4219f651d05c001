"""A knowledge base that grows: documents added to a persistent Oxigraph store.

    add_documents("kb", read.read_paths(["news/"]))     # what `zhkg build --store kb` does
    remove("kb", "news/a.txt")                          # by source file or document IRI
    export("kb", "kb.trig"); run_store_query("kb", "SELECT ...")

Layout of the store (pyoxigraph's RocksDB-backed ``Store``, embedded):
  * one named graph per document, named by its document IRI: the document
    node, its sentences, its fact nodes and the direct relation triples;
  * the default graph: what describes an entity (type, labels, aliases,
    stock code, parent, mentionedIn), so a firm is one node wherever it
    appears, plus owl:sameAs links recorded by ``merge``;
  * the ontology in its own named graph, so class and relation labels work.
Queries run with the default graph as the union of all graphs.

Adding a document is one SPARQL update (Oxigraph applies an update in one
transaction): drop its old graph and its mentionedIn links, insert the new
triples. All quads are built before the store is touched, so an error or
Ctrl-C while extracting or converting leaves the store exactly as it was.
"""
from __future__ import annotations

import io
import os
import shutil
import sys
import unicodedata
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from . import rdf
from .errors import ZhkgError, atomic_output
from .resources import resource
from .types import Document

ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/zhkg/ontology")
PREFIXES = {prefix: str(ns) for prefix, ns in rdf.PREFIXES.items()}

_RDF_TYPE = ox.NamedNode(str(rdf.RDF.type))
_LABEL = ox.NamedNode(str(rdf.RDFS.label))
_ALT_LABEL = ox.NamedNode(str(rdf.SKOS.altLabel))
_MENTIONED_IN = ox.NamedNode(str(rdf.ZHKG.mentionedIn))
SKOS_ALT, RDFS_LABEL = str(rdf.SKOS.altLabel), str(rdf.RDFS.label)
_SOURCE_FILE = ox.NamedNode(str(rdf.ZHKG.sourceFile))
_STOCK_CODE = ox.NamedNode(str(rdf.ZHKG.stockCode))
_SAME_AS = ox.NamedNode(str(rdf.OWL.sameAs))
_DOCUMENT = ox.NamedNode(str(rdf.ZHKG.Document))

# Predicates that describe an entity itself rather than what one article says
# about it: these go to the shared default graph.
ENTITY_DESCRIPTION = {str(p) for p in (rdf.RDF.type, rdf.RDFS.label, rdf.SKOS.altLabel, rdf.ZHKG.role,
                                       rdf.ZHKG.stockCode, rdf.ORG.subOrganizationOf,
                                       rdf.ZHKG.mentionedIn)}
ENT = str(rdf.ENT)


# --- opening -------------------------------------------------------------------

def open_store(store_dir: str | Path, create: bool = False) -> ox.Store:
    """The store in ``store_dir``; ``create`` makes a new one if there is none."""
    path = Path(store_dir)
    if not create and not (path / "CURRENT").is_file():
        raise ZhkgError(f"{path}: no zhkg store here (create one with: zhkg build PATH --store {path})")
    if path.exists() and not path.is_dir():
        raise ZhkgError(f"{path}: not a directory")
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise ZhkgError(f"{path}: cannot open the store ({str(exc).splitlines()[0][:200]}; "
                        "is a server or another zhkg using it?)") from None


def open_read_only(store_dir: str | Path) -> ox.Store:
    """For queries and export: works while `zhkg serve` (read-only) has the store open."""
    path = Path(store_dir)
    if not (path / "CURRENT").is_file():
        raise ZhkgError(f"{path}: no zhkg store here (create one with: zhkg build PATH --store {path})")
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise ZhkgError(f"{path}: cannot open the store ({str(exc).splitlines()[0][:200]})") from None


# --- adding --------------------------------------------------------------------

def _nt(term) -> str:
    """A term in N-Triples syntax, which SPARQL Update accepts as is."""
    return str(term)


def document_quads(doc: Document, extraction=None) -> Iterator[ox.Quad]:
    """The quads one document contributes: its own graph, and entity descriptions
    in the default graph. Runs the extractor unless ``extraction`` is given."""
    from .pipeline import extract_document, extraction_triples
    ex = extraction if extraction is not None else extract_document(doc)
    graph = ox.NamedNode(str(rdf.document_iri(doc.id)))
    for t in extraction_triples(ex, with_ontology=False):
        shared = t.subject.value.startswith(ENT) and t.predicate.value in ENTITY_DESCRIPTION
        yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph() if shared else graph)


def _class_rank(cls: ox.NamedNode) -> int:
    from .entities import CLASS_RANK
    return CLASS_RANK.get(cls.value.rpartition("#")[2], 9)


def _type_changes(store: ox.Store, new_types: dict[str, ox.NamedNode]) -> tuple[list[str], dict[str, ox.NamedNode]]:
    """An entity has one class: the most specific one any document gave it
    (the same ranking the pipeline uses within one run). Returns the type
    triples to delete and the class to keep per entity."""
    if not new_types:
        return [], {}
    values = " ".join(f"<{iri}>" for iri in sorted(new_types))
    deletes, keep = [], dict(new_types)
    for row in store.query(f"SELECT ?e ?t WHERE {{ VALUES ?e {{ {values} }} ?e a ?t }}"):
        e, old = row["e"].value, row["t"]
        if old.value.startswith(str(rdf.ZHKG)) and old != keep[e]:
            best = min((keep[e], old), key=_class_rank)
            loser = old if best == keep[e] else keep[e]
            keep[e] = best
            if loser == old:
                deletes.append(f"<{e}> a {_nt(old)} .")
    return deletes, keep


def _replace_update(store: ox.Store, graph: ox.NamedNode, quads: list[ox.Quad]) -> str:
    """One SPARQL update that swaps a document's old triples for ``quads``."""
    default, named = [], []
    new_types: dict[str, ox.NamedNode] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            if q.predicate == _RDF_TYPE and q.subject.value.startswith(ENT):
                new_types[q.subject.value] = q.object
                continue
            default.append(f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} .")
        else:
            named.append(f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} .")
    deletes, keep = _type_changes(store, new_types)
    default += [f"<{e}> a {_nt(cls)} ." for e, cls in sorted(keep.items())]
    ops = [f"DROP SILENT GRAPH {_nt(graph)}",
           f"DELETE WHERE {{ ?e <{_MENTIONED_IN.value}> {_nt(graph)} }}"]
    if deletes:
        ops.append("DELETE DATA { " + "\n".join(deletes) + " }")
    ops.append("INSERT DATA {\n" + "\n".join(default) + f"\nGRAPH {_nt(graph)} {{\n" + "\n".join(named) + "\n} }")
    return " ;\n".join(ops)


def ensure_ontology(store: ox.Store) -> None:
    """Load (or refresh) the ontology graph, in one transaction."""
    current = set(store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))
    wanted = {ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
              for t in ox.parse(path=str(resource("ontology/zhkg.ttl")), format=ox.RdfFormat.TURTLE)}
    if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in wanted):
        # Blank nodes get fresh ids on every parse; compare counts only.
        if len(current) == len(wanted):
            return
    elif current == wanted:
        return
    body = "\n".join(f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} ." for q in wanted)
    store.update(f"DROP SILENT GRAPH {_nt(ONTOLOGY_GRAPH)} ;\n"
                 f"INSERT DATA {{ GRAPH {_nt(ONTOLOGY_GRAPH)} {{\n{body}\n}} }}")


_ALIASED_CLASSES = ("Enterprise", "Bank", "GovernmentAgency", "Organization")


def apply_known_aliases(store: ox.Store, ex) -> dict[str, str]:
    """An alias learnt in an earlier article (以下简称“X”) names the same firm in
    this one: a firm this extraction knows only as X becomes the stored full
    name's node. Rewrites ``ex`` in place; returns {old key: stored key}."""
    from .pipeline import _merge_entity
    short = {e.label: e for e in ex.entities.values() if e.cls in _ALIASED_CLASSES}
    if not short:
        return {}
    values = " ".join(_nt(ox.Literal(label, language="zh")) for label in sorted(short))
    known: dict[str, tuple[str, str]] = {}
    for row in store.query(f"SELECT ?e ?alias ?label WHERE {{ VALUES ?alias {{ {values} }} "
                           f"?e <{SKOS_ALT}> ?alias ; <{RDFS_LABEL}> ?label }}", use_default_graph_as_union=True):
        known.setdefault(row["alias"].value, (row["e"].value, row["label"].value))
    renamed = {}
    for alias, (iri, label) in sorted(known.items()):
        ent = short[alias]
        new_key = iri[len(str(rdf.ENT)):]
        if new_key == ent.key or label == alias:
            continue
        renamed[ent.key] = new_key
        ex.entities.pop(ent.key)
        ent.key, ent.label = new_key, label
        ent.aliases.add(alias)
        _merge_entity(ex.entities, ent)
    if renamed:
        for fact in ex.facts:
            fact.subject = renamed.get(fact.subject, fact.subject)
            fact.object = renamed.get(fact.object, fact.object)
        for old, new in renamed.items():
            ex.mentioned_in.setdefault(new, set()).update(ex.mentioned_in.pop(old, set()))
    return renamed


def add_document(store: ox.Store, doc: Document, extraction=None) -> int:
    """Add (or replace) one document; returns the number of quads it contributes."""
    from .pipeline import extract_document
    graph = ox.NamedNode(str(rdf.document_iri(doc.id)))
    extraction = extraction if extraction is not None else extract_document(doc)
    apply_known_aliases(store, extraction)
    quads = list(document_quads(doc, extraction))  # built in full before the store is touched
    store.update(_replace_update(store, graph, quads))
    return len(quads)


def add_documents(store_dir: str | Path, docs: Iterable[Document]) -> list[str]:
    """Add documents to the store in ``store_dir`` (created if needed), each in
    one transaction; returns the document IRIs added."""
    store = open_store(store_dir, create=True)
    ensure_ontology(store)
    added = []
    for doc in docs:
        add_document(store, doc)
        added.append(str(rdf.document_iri(doc.id)))
    compact(store)
    return added


def build_into_store(paths: Iterable[str | Path], store_dir: str | Path, options=None) -> str:
    """What `zhkg build --store DIR` does: extract the files' documents (streamed,
    with the build's workers or Dask cluster), add each to the store in its own
    transaction as it comes back, and drop documents a file no longer yields (a
    re-split page). Returns a summary."""
    from .pipeline import extractions, skip_report
    store = open_store(store_dir, create=True)
    ensure_ontology(store)
    added, sources, skipped = set(), set(), []
    for ex in extractions(paths, options, skipped):
        for doc in ex.documents:
            add_document(store, doc, ex)
            added.add(str(rdf.document_iri(doc.id)))
            sources.add(doc.source)
    store.flush()
    stale = [iri for iri, src in documents(store).items() if src in sources and iri not in added]
    for iri in stale:
        _remove_graphs(store, [iri])
    compact(store)
    s = stats(store)
    return "\n".join([f"added:     {len(added)} documents" + (f", removed {len(stale)} stale" if stale else ""),
                      f"store:     {store_dir}: {s['documents']} documents, {s['entities']} entities, "
                      f"{s['quads']} quads"] + skip_report(skipped))


def compact(store: ox.Store) -> None:
    """Flush and compact RocksDB's files after a batch of writes. Queries then
    read fewer, sorted files: on a million quads they ran 1.6x faster after it
    (benchmarks/bench_store.py), and it takes about a second there."""
    store.flush()
    store.optimize()


# --- inspecting ------------------------------------------------------------------

def documents(store: ox.Store) -> dict[str, str]:
    """Document IRI -> source file, for every document in the store."""
    out = {}
    for q in store.quads_for_pattern(None, _SOURCE_FILE, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            out[q.subject.value] = q.object.value
    return dict(sorted(out.items()))


def stats(store: ox.Store) -> dict[str, int]:
    entities = {q.subject.value for q in store.quads_for_pattern(None, _RDF_TYPE, None, ox.DefaultGraph())}
    return {"quads": len(store), "documents": len(documents(store)), "entities": len(entities)}


# --- removing ---------------------------------------------------------------------

def _remove_graphs(store: ox.Store, iris: list[str]) -> None:
    """Drop documents' graphs and mentionedIn links, and the descriptions of
    entities nothing refers to any more, in one transaction."""
    graphs = " ".join(f"<{i}>" for i in iris)
    # Entities this removal may orphan: collected first, checked inside the update.
    candidates = set()
    for iri in iris:
        g = ox.NamedNode(iri)
        candidates |= {q.subject.value for q in store.quads_for_pattern(None, _MENTIONED_IN, g, ox.DefaultGraph())}
        for q in store.quads_for_pattern(None, None, None, g):
            for term in (q.subject, q.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(str(rdf.ENT)):
                    candidates.add(term.value)
    ops = [f"DROP SILENT GRAPH <{i}>" for i in iris]
    ops.append(f"DELETE {{ ?e <{_MENTIONED_IN.value}> ?d }} WHERE {{ VALUES ?d {{ {graphs} }} "
               f"?e <{_MENTIONED_IN.value}> ?d }}")
    if candidates:
        values = " ".join(f"<{c}>" for c in sorted(candidates))
        ops.append(f"DELETE {{ ?e ?p ?o }} WHERE {{ VALUES ?e {{ {values} }} ?e ?p ?o "
                   f"FILTER NOT EXISTS {{ ?e <{_MENTIONED_IN.value}> ?any }} "
                   f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?e }} }} "
                   f"FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?e ?y2 ?x2 }} }} "
                   f"FILTER NOT EXISTS {{ ?x3 ?y3 ?e }} }}")
    store.update(" ;\n".join(ops))


def remove(store_dir: str | Path, target: str) -> list[str]:
    """Remove one document (by IRI) or every document read from a file; returns the IRIs removed."""
    store = open_store(store_dir)
    docs = documents(store)
    if target in docs:
        iris = [target]
    else:
        wanted = Path(target).resolve()
        iris = [iri for iri, src in docs.items() if src == target or Path(src).resolve() == wanted]
    if not iris:
        raise ZhkgError(f"{target}: no document with this IRI or source file in {store_dir}")
    _remove_graphs(store, iris)
    compact(store)
    return iris


# --- querying ----------------------------------------------------------------------

def _with_values(sparql: str, bindings: dict[str, ox.Literal]) -> str:
    """Bind variables the way rdflib's initBindings does: a VALUES block at the
    start of the outer WHERE group, so FILTER(BOUND(?name)) sees them."""
    if not bindings:
        return sparql
    names = sorted(bindings)
    values = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + \
             " ".join(_nt(bindings[n]) for n in names) + ") } "
    offset = 0
    for line in sparql.splitlines(keepends=True):
        if not line.lstrip().startswith("#") and "{" in line:
            i = offset + line.index("{") + 1
            return sparql[:i] + " " + values + sparql[i:]
        offset += len(line)
    raise ZhkgError("SPARQL error: --bind needs a query with a WHERE { ... } group")


def store_query(store: ox.Store, sparql: str, bindings: dict[str, str] | None = None):
    """Run SPARQL over the whole store (all graphs as the default graph)."""
    text = _with_values(sparql, {k: ox.Literal(v) for k, v in (bindings or {}).items()})
    try:
        return store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise ZhkgError(f"SPARQL syntax error: {str(exc).splitlines()[0][:200]}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise ZhkgError(f"SPARQL error: {str(exc).splitlines()[0][:200]}") from None


def to_rdflib_result(result):
    """A pyoxigraph result as an rdflib Result, so graph.query.format_result prints it."""
    from rdflib import Graph
    from rdflib.query import Result
    if isinstance(result, ox.QueryTriples):
        out = Result("CONSTRUCT")
        out.graph = Graph().parse(data=ox.serialize(result, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                                  format="nt")
        return out
    data = result.serialize(format=ox.QueryResultsFormat.JSON)
    return Result.parse(io.BytesIO(data), format="json")


def run_store_query(store_dir: str | Path, sparql: str, bindings: dict[str, str] | None = None,
                    fmt: str = "table") -> str:
    from .query import format_result
    store = open_read_only(store_dir)
    result = to_rdflib_result(store_query(store, sparql, bindings))
    return format_result(result, fmt, rdf.new_graph())


# --- exporting ----------------------------------------------------------------------

_EXPORT_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
                   ".nt": ox.RdfFormat.N_TRIPLES}


def export(store_dir: str | Path, out: str | Path) -> int:
    """Write the store to ``out`` (.ttl/.nt merge the graphs; .trig/.nq keep them),
    sorted so the same store gives the same bytes. Returns the statements written."""
    out = Path(out)
    fmt = _EXPORT_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ZhkgError(f"{out}: unknown export format (use .ttl, .nt, .trig or .nq)")
    store = open_read_only(store_dir)
    quads = store.quads_for_pattern(None, None, None, None)
    if fmt.supports_datasets:
        items = sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    with atomic_output(out, "wb") as fh:
        ox.serialize(items, fh, format=fmt, prefixes=PREFIXES)
    return len(items)


def to_rdflib(store_dir: str | Path):
    """The whole store, its named graphs merged, as an rdflib Graph (for the view)."""
    store = open_read_only(store_dir)
    return rdf.to_rdflib({ox.Triple(q.subject, q.predicate, q.object)
                          for q in store.quads_for_pattern(None, None, None, None)})


# --- merging ------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    a: str  # entity IRIs, a < b
    b: str
    label_a: str
    label_b: str
    reason: str


def _merge_key(name: str) -> str:
    """Looser than rdf.normalise_name: case, brackets and dots do not count."""
    text = unicodedata.normalize("NFKC", name).lower()
    return "".join(ch for ch in text if ch.isalnum())


def merge_candidates(store: ox.Store) -> list[Candidate]:
    """Likely duplicate entities: the same name (label or alias) up to case and
    punctuation; one label containing the other with the same class; or a
    shared stock code. Pairs already linked by owl:sameAs are left out."""
    labels: dict[str, str] = {}
    names: dict[str, set[str]] = defaultdict(set)  # entity -> label and aliases
    classes: dict[str, str] = {}
    codes: dict[str, set[str]] = defaultdict(set)
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        if not isinstance(q.subject, ox.NamedNode) or not q.subject.value.startswith(ENT):
            continue
        e = q.subject.value
        if q.predicate == _LABEL:
            labels[e] = q.object.value
            names[e].add(q.object.value)
        elif q.predicate == _ALT_LABEL:
            names[e].add(q.object.value)
        elif q.predicate == _RDF_TYPE:
            classes[e] = q.object.value
        elif q.predicate == _STOCK_CODE:
            codes[q.object.value].add(e)
    linked = {tuple(sorted((q.subject.value, q.object.value)))
              for q in store.quads_for_pattern(None, _SAME_AS, None, None)}
    found: dict[tuple[str, str], str] = {}

    def note(a: str, b: str, reason: str) -> None:
        pair = tuple(sorted((a, b)))
        if a != b and pair not in linked and pair not in found:
            found[pair] = reason

    by_key: dict[str, set[str]] = defaultdict(set)
    for e, ns in names.items():
        for n in ns:
            by_key[_merge_key(n)].add(e)
    for key, ents in by_key.items():
        for a in ents:
            for b in ents:
                note(a, b, "same name")
    for code, ents in codes.items():
        for a in ents:
            for b in ents:
                note(a, b, f"stock code {code}")
    # Containment: look every substring of a label up among the labels of the same class.
    by_label: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e, label in labels.items():
        by_label[(classes.get(e, ""), _merge_key(label))].add(e)
    for e, label in labels.items():
        key, cls = _merge_key(label), classes.get(e, "")
        for i in range(len(key)):
            for j in range(i + 2, len(key) + 1):
                if j - i < len(key):
                    for other in by_label.get((cls, key[i:j]), ()):
                        note(other, e, "name contained, same class")
    return [Candidate(a, b, labels.get(a, ""), labels.get(b, ""), reason)
            for (a, b), reason in sorted(found.items())]


def record_same_as(store: ox.Store, pairs: Iterable[tuple[str, str]]) -> int:
    """Record owl:sameAs for entity pairs (in the default graph, one transaction)."""
    triples = [f"<{a}> <{_SAME_AS.value}> <{b}> ." for a, b in sorted({tuple(sorted(p)) for p in pairs})]
    if triples:
        store.update("INSERT DATA {\n" + "\n".join(triples) + "\n}")
    return len(triples)


def entity_exists(store: ox.Store, iri: str) -> bool:
    return any(True for _ in store.quads_for_pattern(ox.NamedNode(iri), _RDF_TYPE, None, ox.DefaultGraph()))


# --- serving and pushing -------------------------------------------------------------

def oxigraph_binary() -> str:
    """The Oxigraph server from the `oxigraph` package, installed beside this Python."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise ZhkgError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def serve_command(store_dir: str | Path, host: str = "127.0.0.1", port: int = 7878,
                  allow_update: bool = False) -> list[str]:
    """The command line that serves the store: SPARQL 1.1 Protocol at /query
    (and /update, Graph Store Protocol at /store, with --allow-update), a query page at /."""
    path = Path(store_dir)
    if not (path / "CURRENT").is_file():
        raise ZhkgError(f"{path}: no zhkg store here (create one with: zhkg build PATH --store {path})")
    mode = "serve" if allow_update else "serve-read-only"
    return [oxigraph_binary(), mode, "--location", str(path), "--bind", f"{host}:{port}",
            "--union-default-graph"]


def serve(store_dir: str | Path, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False) -> int:
    """Replace this process by the Oxigraph server, so a signal that stops
    `zhkg serve` stops the server too (no orphaned process holding the store)."""
    cmd = serve_command(store_dir, host, port, allow_update)
    print(f"serving {store_dir} at http://{host}:{port}/ "
          f"({'read-write' if allow_update else 'read-only'}; SPARQL endpoint http://{host}:{port}/query)",
          flush=True)
    os.execv(cmd[0], cmd)
    return 0  # not reached


_CONTENT_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".trig": "application/trig",
                  ".nq": "application/n-quads"}


def push(path: str | Path, endpoint: str, graph: str | None = None, replace: bool = True,
         timeout: float = 60.0) -> int:
    """Send an RDF file to a SPARQL 1.1 Graph Store Protocol endpoint (PUT replaces
    the graph, POST adds to it). Returns the HTTP status."""
    path = Path(path)
    if not path.is_file():
        raise ZhkgError(f"{path}: no such file")
    ctype = _CONTENT_TYPES.get(path.suffix.lower())
    if ctype is None:
        raise ZhkgError(f"{path}: unknown RDF format (use .ttl, .nt, .trig or .nq)")
    body = path.read_bytes()
    try:
        for _ in ox.parse(body, format=_EXPORT_FORMATS[path.suffix.lower()]):
            pass
    except SyntaxError as exc:
        raise ZhkgError(f"{path}: not valid RDF ({str(exc).splitlines()[0][:200]})") from None
    dataset = ctype in ("application/trig", "application/n-quads")
    if dataset and graph:
        raise ZhkgError(f"{path}: --graph cannot be used with a file that names its own graphs")
    if not endpoint.startswith(("http://", "https://")):
        raise ZhkgError(f"{endpoint}: the endpoint must be an http(s) URL")
    sep = "&" if "?" in endpoint else "?"
    url = endpoint if dataset else endpoint + sep + (
        "graph=" + urllib.request.quote(graph, safe="") if graph else "default")
    request = urllib.request.Request(url, data=body, method="PUT" if replace else "POST",
                                     headers={"Content-Type": ctype + "; charset=utf-8" if ctype == "text/turtle"
                                              else ctype})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        raise ZhkgError(f"{endpoint}: the endpoint refused the graph (HTTP {exc.code}"
                        + (f": {detail[0]}" if detail else "") + ")") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ZhkgError(f"{endpoint}: cannot reach the endpoint ({reason})") from None


def merge_cli(store_dir: str | Path, apply: bool = False, iris: list[str] | None = None) -> str:
    """`zhkg merge`: list candidates; with apply, link them (or the given IRIs) by owl:sameAs."""
    store = open_store(store_dir)
    if iris:
        if not apply:
            raise ZhkgError("entity IRIs are only taken with --apply")
        if len(iris) < 2:
            raise ZhkgError("--apply with IRIs needs at least two entities")
        for iri in iris:
            if not entity_exists(store, iri):
                raise ZhkgError(f"{iri}: no such entity in {store_dir}")
        n = record_same_as(store, [(iris[0], other) for other in iris[1:]])
        store.flush()
        return f"recorded {n} owl:sameAs link{'s' if n != 1 else ''}"
    candidates = merge_candidates(store)
    lines = [f"{c.label_a}\t{c.label_b}\t{c.reason}\t<{c.a}>\t<{c.b}>" for c in candidates]
    if apply:
        n = record_same_as(store, [(c.a, c.b) for c in candidates])
        store.flush()
        lines.append(f"recorded {n} owl:sameAs link{'s' if n != 1 else ''}")
    else:
        lines.append(f"{len(candidates)} likely duplicate pair{'s' if len(candidates) != 1 else ''}"
                     + (" (zhkg merge --apply links them with owl:sameAs)" if candidates else ""))
    return "\n".join(lines)
