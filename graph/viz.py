"""The interactive HTML view of a graph: one self-contained, offline page.

Reads any rdflib Graph. In a zhkg graph the entities are the nodes and every
fact node (zhkg:Loan, ...) is one edge, carrying its amounts, modality and
evidence sentence; in any other RDF graph the resources with an rdfs:label
are the nodes and the triples between them the edges.

The page is ``viz_template.html`` with three things poured in: vis-network's
JavaScript (the copy pyvis ships, so nothing is fetched from a CDN), our
``viz_app.js``, and the graph as JSON. Layout and node sizes are computed here
(networkx, numpy) so big graphs open with physics off; the same graph always
gives the same bytes.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import networkx as nx
import numpy as np
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from .errors import ZhkgError, atomic_output
from .rdf import ZHKG
from .resources import resource

_HERE = Path(__file__).resolve().parent
TEMPLATE = _HERE / "viz_template.html"
APP_JS = _HERE / "viz_app.js"

# Above this many nodes the page opens with the precomputed layout and no physics.
PHYSICS_MAX_NODES = 300
# networkx's spring layout (without scipy) is used up to this size; above it the
# biggest nodes get a spring layout and the rest are placed around them.
SPRING_MAX_NODES = 450

FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'

# Entity classes, most specific first (a zhkg:Bank is also drawn as a bank, not
# an enterprise), with their colour and vis-network shape.
CLASS_STYLE = {
    "Bank": ("#d62728", "diamond"),
    "Enterprise": ("#1f77b4", "dot"),
    "GovernmentAgency": ("#2ca02c", "square"),
    "Organization": ("#17becf", "hexagon"),
    "EnterpriseGroup": ("#ff7f0e", "dot"),
    "District": ("#9467bd", "triangle"),
    "Site": ("#8c564b", "triangleDown"),
    "Place": ("#9467bd", "triangle"),
    "Product": ("#e377c2", "star"),
    "Person": ("#bcbd22", "hexagon"),
}
# Classes of a generic graph get these colours in sorted order.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]
OTHER_CLASS = "Resource"

RELATION_COLOR = {
    "lendsTo": "#d62728", "reducesRentFor": "#ff7f0e", "supplies": "#1f77b4",
    "produces": "#e377c2", "locatedIn": "#9467bd", "worksFor": "#7f7f7f",
}
EDGE_PALETTE = ["#2ca02c", "#17becf", "#8c564b", "#bcbd22", "#4e79a7", "#b07aa1"]

# Resources of these types are scaffolding (ontology terms, documents,
# sentences, facts, modalities), never drawn as nodes.
_STRUCTURAL_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                     OWL.AnnotationProperty, RDF.Property, OWL.Ontology, OWL.FunctionalProperty,
                     ZHKG.Document, ZHKG.Sentence, ZHKG.Modality, ZHKG.Fact}
_STRUCTURAL_PREDICATES = {RDF.type, ZHKG.mentionedIn, PROV.wasDerivedFrom, DCTERMS.isPartOf,
                          DCTERMS.creator}

# Fact attributes shown in the panel, in this order (label from the ontology).
_DETAIL_PROPERTIES = ["amount", "quantity", "beneficiaryCount", "percentage", "date",
                      "periodStart", "periodEnd"]
_QUALIFIER_ZH = {"exact": "", "about": "约", "more-than": "超过", "at-least": "不低于",
                 "nearly": "近", "up-to": "达", "at-most": "不超过", "less-than": "不到"}
_CURRENCY_ZH = {"CNY": "元", "USD": "美元", "EUR": "欧元", "HKD": "港元", "JPY": "日元"}


# --- the view model: what the page draws -------------------------------------

@dataclass
class ViewNode:
    iri: str
    label: str
    cls: str
    aliases: list[str] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)  # indexes into ViewModel.documents
    attrs: list[tuple[str, str]] = field(default_factory=list)  # (Chinese property label, value)


@dataclass
class ViewEdge:
    key: str  # the fact IRI, or "s p o" for a plain triple
    source: str  # node IRIs
    target: str
    relation: str  # property IRI
    modality: str = ""  # local name (Done, Planned, ...); "" for a plain triple
    details: list[tuple[str, str]] = field(default_factory=list)
    sentence: str = ""
    doc: int | None = None


@dataclass
class ViewModel:
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    documents: list[str]  # titles
    class_labels: dict[str, str]  # class id -> Chinese label
    relation_labels: dict[str, str]  # property IRI -> Chinese label
    modality_labels: dict[str, str]


# --- labels ------------------------------------------------------------------

@cache
def _ontology() -> Graph:
    g = Graph()
    try:
        g.parse(resource("ontology/zhkg.ttl"), format="turtle")
    except FileNotFoundError:  # labels then fall back to local names
        pass
    return g


def _best_label(graphs: tuple[Graph, ...], term: URIRef, prop=RDFS.label) -> str | None:
    """A label for ``term``: Chinese first, then untagged, then any language."""
    for g in graphs:
        found = [o for o in g.objects(term, prop) if isinstance(o, Literal)]
        if found:
            ranked = sorted(found, key=lambda o: ({"zh": 0, None: 1}.get(o.language, 2), str(o)))
            return str(ranked[0])
    return None


def local_name(term: str) -> str:
    """The last segment of an IRI, %-decoded (ent:华夏银行 -> 华夏银行)."""
    from urllib.parse import unquote
    name = re.split(r"[#/]", str(term).rstrip("/#"))[-1]
    return unquote(name) or str(term)


def _label(graphs: tuple[Graph, ...], term: URIRef) -> str:
    return _best_label(graphs, term) or local_name(term)


def normalise(text: str) -> str:
    """How names are compared in search and --focus: NFKC, case-folded, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


# --- reading a graph into the view model --------------------------------------

def _entity_class(g: Graph, node: URIRef) -> str:
    types = {local_name(t) for t in g.objects(node, RDF.type)
             if isinstance(t, URIRef) and t not in (OWL.NamedIndividual, OWL.Thing)}
    for cls in CLASS_STYLE:  # most specific zhkg class first
        if cls in types:
            return cls
    return sorted(types)[0] if types else OTHER_CLASS


_FACT_CLASSES = {ZHKG[c] for c in ("Fact", "Loan", "RentReduction", "Supply", "Production",
                                     "Location", "Employment")}


def _is_structural(g: Graph, node) -> bool:
    """Ontology terms, documents, sentences, facts and modalities are not drawn."""
    types = set(g.objects(node, RDF.type))
    return bool(types & (_STRUCTURAL_TYPES | _FACT_CLASSES)) or (node, ZHKG.factSubject, None) in g


def _fact_nodes(g: Graph) -> list[URIRef]:
    return sorted({f for f in g.subjects(ZHKG.factSubject, None) if isinstance(f, URIRef)})


def read_view_model(g: Graph) -> ViewModel:
    """Nodes, edges, documents and labels of ``g``, in a deterministic order."""
    graphs = (g, _ontology())
    facts = _fact_nodes(g)

    documents = sorted({d for d in g.subjects(RDF.type, ZHKG.Document)},
                       key=lambda d: (_best_label(graphs, d, DCTERMS.title) or "", str(d)))
    doc_index = {d: i for i, d in enumerate(documents)}
    doc_titles = [_best_label(graphs, d, DCTERMS.title) or local_name(d) for d in documents]

    # Nodes: labelled resources that are not scaffolding, plus every fact endpoint.
    candidates = {s for s in g.subjects(RDFS.label, None) if isinstance(s, URIRef)}
    for f in facts:
        candidates.update(o for p in (ZHKG.factSubject, ZHKG.factObject)
                          for o in g.objects(f, p) if isinstance(o, URIRef))
    predicates = set(g.predicates())  # a labelled property is vocabulary, not a node
    node_iris = sorted(n for n in candidates if n not in predicates and not _is_structural(g, n))
    nodes = []
    for n in node_iris:
        label = _label(graphs, n)
        aliases = sorted({str(a) for a in g.objects(n, SKOS.altLabel)} - {label})
        docs = sorted(doc_index[d] for d in g.objects(n, ZHKG.mentionedIn) if d in doc_index)
        nodes.append(ViewNode(str(n), label, _entity_class(g, n), aliases, docs, _attributes(g, graphs, n)))
    is_node = set(node_iris)

    edges, covered = [], set()
    for f in facts:
        edge = _fact_edge(g, graphs, f, doc_index)
        if edge and URIRef(edge.source) in is_node and URIRef(edge.target) in is_node:
            edges.append(edge)
            covered.add((edge.source, edge.relation, edge.target))
    # Plain triples between two nodes that no fact node already stands for.
    for s in node_iris:
        for p, o in sorted(g.predicate_objects(s)):
            if o in is_node and p not in _STRUCTURAL_PREDICATES and (str(s), str(p), str(o)) not in covered:
                edges.append(ViewEdge(f"{s} {p} {o}", str(s), str(o), str(p)))

    classes = sorted({n.cls for n in nodes}, key=_class_order)
    class_labels = {c: (_best_label(graphs, ZHKG[c]) if c in CLASS_STYLE else None)
                    or _generic_class_label(g, c) for c in classes}
    relations = sorted({e.relation for e in edges})
    relation_labels = {r: _label(graphs, URIRef(r)) for r in relations}
    modality_labels = {m: _label(graphs, ZHKG[m]) for m in sorted({e.modality for e in edges} - {""})}
    return ViewModel(nodes, edges, doc_titles, class_labels, relation_labels, modality_labels)


_NAME_PROPERTIES = {RDFS.label, SKOS.altLabel, SKOS.prefLabel}


def _attributes(g: Graph, graphs, node: URIRef) -> list[tuple[str, str]]:
    """Literal-valued facts about the node itself (职务, 股票代码, ...), names aside."""
    return sorted((_label(graphs, p), str(o)) for p, o in g.predicate_objects(node)
                  if isinstance(o, Literal) and p not in _NAME_PROPERTIES)


def _class_order(cls: str) -> tuple[int, str]:
    order = list(CLASS_STYLE)
    return (order.index(cls) if cls in order else len(order), cls)


def _generic_class_label(g: Graph, cls: str) -> str:
    if cls == OTHER_CLASS:
        return "其他"
    for t in sorted(set(g.objects(None, RDF.type))):
        if local_name(t) == cls:
            return _label((g, _ontology()), t)
    return cls


def _fact_edge(g: Graph, graphs, fact: URIRef, doc_index: dict) -> ViewEdge | None:
    subject, obj, relation = (g.value(fact, p) for p in (ZHKG.factSubject, ZHKG.factObject, ZHKG.relation))
    if subject is None or obj is None:
        return None
    if relation is None:  # a fact without zhkg:relation: name it by its class
        relation = next(iter(sorted(g.objects(fact, RDF.type))), ZHKG.Fact)
    modality = g.value(fact, ZHKG.modality)
    sentence = g.value(fact, PROV.wasDerivedFrom)
    text, doc = "", None
    if sentence is not None:
        text = str(g.value(sentence, RDF.value) or "")
        doc = doc_index.get(g.value(sentence, DCTERMS.isPartOf))
    return ViewEdge(str(fact), str(subject), str(obj), str(relation),
                    local_name(modality) if modality is not None else "Done",
                    _fact_details(g, graphs, fact), text, doc)


def _number(value) -> str:
    """300000000 -> 3亿, 500000 -> 50万, 12.50 -> 12.5."""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    for size, unit in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(d) >= size:
            return f"{_plain(d / size)}{unit}"
    return _plain(d)


def _plain(d: Decimal) -> str:
    text = format(d.quantize(Decimal("0.0001")).normalize(), "f")
    return text


def _fact_details(g: Graph, graphs, fact: URIRef) -> list[tuple[str, str]]:
    """(Chinese label, shown value) pairs of what the sentence says about the fact."""
    value = lambda name: g.value(fact, ZHKG[name])  # noqa: E731
    label = lambda name: _label(graphs, ZHKG[name])  # noqa: E731
    rows = []
    for name in _DETAIL_PROPERTIES:
        v = value(name)
        if v is None:
            continue
        if name == "amount":
            qualifier = _QUALIFIER_ZH.get(str(value("qualifier") or ""), str(value("qualifier") or ""))
            currency = str(value("currency") or "")
            shown = f"{qualifier}{_number(v)}{_CURRENCY_ZH.get(currency, ' ' + currency if currency else '')}"
        elif name == "quantity":
            shown = f"{_number(v)}{value('quantityUnit') or ''}"
        elif name == "beneficiaryCount":
            qualifier = _QUALIFIER_ZH.get(str(value("countQualifier") or ""), str(value("countQualifier") or ""))
            shown = f"{qualifier}{_number(v)}"
        elif name == "percentage":
            shown = f"{_plain(Decimal(str(v)) * 100)}%"
        else:
            shown = str(v)
        rows.append((label(name), shown))
    product = value("product")
    if product is not None:
        rows.append((label("product"), _label(graphs, product)))
    modality = value("modality")
    if modality is not None:
        rows.append((label("modality"), _label(graphs, modality)))
    for name in ("rule", "confidence"):
        v = value(name)
        if v is not None:
            rows.append((label(name), str(v)))
    return rows


# --- focus: the neighbourhood of one entity ------------------------------------

def find_node(model: ViewModel, name: str) -> ViewNode:
    """The node named ``name`` (label or alias): exact match first, then substring."""
    wanted = normalise(name)
    if not wanted:
        raise ZhkgError("--focus: empty name")
    names = [(node, [normalise(node.label)] + [normalise(a) for a in node.aliases]) for node in model.nodes]
    exact = [node for node, forms in names if wanted in forms]
    partial = [node for node, forms in names if any(wanted in f for f in forms)]
    matches = exact or partial
    if not matches:
        raise ZhkgError(f"--focus: no entity named or aliased {name!r} in the graph")
    # The shortest name is the likeliest meant; the IRI breaks ties deterministically.
    return min(matches, key=lambda n: (len(n.label), n.iri))


def focus_subgraph(model: ViewModel, name: str, depth: int = 1) -> ViewModel:
    """The nodes within ``depth`` edges of the named node, and the edges among them."""
    if depth < 0:
        raise ZhkgError(f"--depth must be 0 or more, not {depth}")
    start = find_node(model, name).iri
    neighbours = defaultdict(set)
    for e in model.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    distance = {start: 0}
    queue = deque([start])
    while queue:
        n = queue.popleft()
        if distance[n] == depth:
            continue
        for m in sorted(neighbours[n]):
            if m not in distance:
                distance[m] = distance[n] + 1
                queue.append(m)
    nodes = [n for n in model.nodes if n.iri in distance]
    edges = [e for e in model.edges if e.source in distance and e.target in distance]
    return replace(model, nodes=nodes, edges=edges)


# --- importance and layout -----------------------------------------------------

def pagerank(n: int, sources: list[int], targets: list[int], damping: float = 0.85,
             iterations: int = 60) -> np.ndarray:
    """PageRank by power iteration (numpy; networkx's own needs scipy)."""
    if n == 0:
        return np.zeros(0)
    src, dst = np.asarray(sources, dtype=np.int64), np.asarray(targets, dtype=np.int64)
    out_degree = np.bincount(src, minlength=n).astype(float)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        share = np.divide(rank, out_degree, out=np.zeros(n), where=out_degree > 0)
        incoming = np.bincount(dst, weights=share[src], minlength=n)
        dangling = rank[out_degree == 0].sum()
        rank = (1 - damping) / n + damping * (incoming + dangling / n)
    return rank


def node_sizes(model: ViewModel) -> list[float]:
    """Node radius from PageRank: 10 for the least important, up to 40."""
    index = {n.iri: i for i, n in enumerate(model.nodes)}
    rank = pagerank(len(model.nodes), [index[e.source] for e in model.edges],
                    [index[e.target] for e in model.edges])
    if not len(rank):
        return []
    low, high = rank.min(), rank.max()
    spread = (rank - low) / (high - low) if high > low else np.zeros_like(rank)
    return [round(10 + 30 * math.sqrt(s), 1) for s in spread]


def layout(model: ViewModel) -> list[tuple[int, int]]:
    """x, y of every node, deterministic: spring layout, or backbone + rings when big."""
    graph = nx.Graph()
    graph.add_nodes_from(range(len(model.nodes)))
    index = {n.iri: i for i, n in enumerate(model.nodes)}
    graph.add_edges_from((index[e.source], index[e.target]) for e in model.edges if e.source != e.target)
    n = len(model.nodes)
    if n == 0:
        return []
    if n <= SPRING_MAX_NODES:
        pos = _spring(graph, list(graph.nodes))
    else:
        pos = _backbone_layout(graph)
    return [(int(round(pos[i][0])), int(round(pos[i][1]))) for i in range(n)]


def _spring(graph: nx.Graph, nodes: list[int]) -> dict[int, tuple[float, float]]:
    sub = graph.subgraph(nodes)
    scale = 60 * math.sqrt(len(nodes)) + 50
    pos = nx.spring_layout(sub, seed=7, method="force", iterations=100, scale=scale)
    return {i: (float(p[0]), float(p[1])) for i, p in pos.items()}


_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _backbone_layout(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    """Spring-lay the best-connected nodes, then put each other node on rings
    around the neighbour it was reached from (breadth first). Linear time, so a
    graph of 20,000 nodes is laid out in about a second."""
    by_degree = sorted(graph.nodes, key=lambda i: (-graph.degree(i), i))
    backbone = by_degree[:SPRING_MAX_NODES]
    pos = _spring(graph, backbone)
    children = defaultdict(int)  # how many nodes were already placed around a parent

    def place_around(parent: int, node: int) -> None:
        k = children[parent]
        children[parent] += 1
        angle, radius = k * _GOLDEN_ANGLE, 45 + 14 * math.sqrt(k)
        px, py = pos[parent]
        pos[node] = (px + radius * math.cos(angle), py + radius * math.sin(angle))

    queue = deque(backbone)
    outer = 60 * math.sqrt(len(backbone)) + 200  # unreached components go on a spiral outside
    seeds = iter(by_degree)
    placed_components = 0
    while len(pos) < graph.number_of_nodes():
        while queue:
            parent = queue.popleft()
            for child in sorted(graph.neighbors(parent)):
                if child not in pos:
                    place_around(parent, child)
                    queue.append(child)
        root = next((i for i in seeds if i not in pos), None)
        if root is None:
            break
        angle = placed_components * _GOLDEN_ANGLE
        radius = outer + 40 * math.sqrt(placed_components)
        pos[root] = (radius * math.cos(angle), radius * math.sin(angle))
        placed_components += 1
        queue.append(root)
    # Backbone nodes loosely tied into the backbone were flung to its rim by the
    # spring layout: let the smoothing pull them in too.
    core = graph.subgraph(backbone)
    return _smooth(graph, pos, fixed={i for i in backbone if core.degree(i) >= 3})


def _smooth(graph: nx.Graph, pos: dict, fixed: set, rounds: int = 15) -> dict:
    """Pull every free node towards the middle of its neighbours, keeping its ring
    offset, so a node linked to several hubs sits between them and not in a clump."""
    n = graph.number_of_nodes()
    xy = np.array([pos[i] for i in range(n)], dtype=float)
    pairs = np.array(list(graph.edges), dtype=np.int64).reshape(-1, 2)
    src = np.concatenate([pairs[:, 0], pairs[:, 1]])
    dst = np.concatenate([pairs[:, 1], pairs[:, 0]])
    degree = np.bincount(src, minlength=n).astype(float)
    free = np.array([i not in fixed and degree[i] > 0 for i in range(n)])
    offset = np.zeros_like(xy)
    for _ in range(rounds):
        mean = np.stack([np.bincount(src, weights=xy[dst, d], minlength=n) for d in (0, 1)], axis=1)
        mean /= np.maximum(degree, 1)[:, None]
        if not offset.any():  # first round: remember each node's place relative to its neighbours
            offset = xy - mean
        xy[free] = mean[free] + offset[free] * 0.5
    return {i: (float(xy[i, 0]), float(xy[i, 1])) for i in range(n)}


# --- the page ------------------------------------------------------------------

def view_data(model: ViewModel, title: str) -> dict:
    """The JSON the page draws. Styles are per class and per relation, not per item."""
    classes = list(model.class_labels)
    generic = [c for c in classes if c not in CLASS_STYLE]
    class_rows = []
    for c in classes:
        color, shape = CLASS_STYLE.get(c) or (PALETTE[generic.index(c) % len(PALETTE)], "dot")
        class_rows.append({"id": c, "label": model.class_labels[c], "color": color, "shape": shape,
                           "dashed": c == "EnterpriseGroup"})
    relations = list(model.relation_labels)
    others = [r for r in relations if local_name(r) not in RELATION_COLOR]
    relation_rows = [{"id": r, "label": model.relation_labels[r],
                      "color": RELATION_COLOR.get(local_name(r)) or EDGE_PALETTE[others.index(r) % len(EDGE_PALETTE)]}
                     for r in relations]
    positions, sizes = layout(model), node_sizes(model)
    node_index = {n.iri: i for i, n in enumerate(model.nodes)}
    class_index = {c: i for i, c in enumerate(classes)}
    relation_index = {r: i for i, r in enumerate(relations)}
    sentences: dict[str, int] = {}
    nodes = []
    for i, n in enumerate(model.nodes):
        row = {"id": i, "label": n.label, "cls": class_index[n.cls], "iri": n.iri,
               "x": positions[i][0], "y": positions[i][1], "size": sizes[i]}
        if n.aliases:
            row["aliases"] = n.aliases
        if n.docs:
            row["docs"] = n.docs
        if n.attrs:
            row["attrs"] = [list(a) for a in n.attrs]
        nodes.append(row)
    edges = []
    for j, e in enumerate(model.edges):
        row = {"id": j, "from": node_index[e.source], "to": node_index[e.target],
               "rel": relation_index[e.relation]}
        if e.modality:
            row["mod"] = e.modality
        if e.details:
            row["details"] = [list(d) for d in e.details]
        if e.sentence:
            row["sent"] = sentences.setdefault(e.sentence, len(sentences))
        if e.doc is not None:
            row["doc"] = e.doc
        edges.append(row)
    return {
        "title": title,
        "physics": len(nodes) <= PHYSICS_MAX_NODES,
        "font": FONT_STACK,
        "classes": class_rows,
        "relations": relation_rows,
        "modalities": model.modality_labels,
        "documents": model.documents,
        "sentences": list(sentences),
        "nodes": nodes,
        "edges": edges,
    }


def script_json(data: object) -> str:
    """JSON safe inside a <script> element: no '</script>' or '<!--' can end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_js() -> str:
    """vis-network as shipped inside the pyvis package (standalone build, no CDN)."""
    import pyvis
    path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    text = path.read_text(encoding="utf-8")
    # Either would end (or change how the HTML parser reads) the inline <script>.
    if "</script" in text.lower() or "<!--" in text:
        raise RuntimeError(f"{path} cannot be inlined: contains </script or <!--")
    return text


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_html(g: Graph, *, title: str = "zhkg", focus: str | None = None, depth: int = 1) -> str:
    """The whole page as a string; ``focus`` keeps the ``depth``-neighbourhood of one entity."""
    model = read_view_model(g)
    if focus is not None:
        model = focus_subgraph(model, focus, depth)
    data = view_data(model, title)
    fills = {"TITLE": _html_text(title), "VIS_JS": _vis_js(),
             "APP_JS": APP_JS.read_text(encoding="utf-8"), "DATA": script_json(data)}
    template = TEMPLATE.read_text(encoding="utf-8")
    # One pass, so text poured in is never searched for further placeholders.
    return re.sub(r"/\*@(TITLE|VIS_JS|APP_JS|DATA)@\*/", lambda m: fills[m.group(1)], template)


def write_html(g: Graph, path, *, title: str = "zhkg", focus: str | None = None, depth: int = 1) -> None:
    html = render_html(g, title=title, focus=focus, depth=depth)
    with atomic_output(path) as fh:
        fh.write(html)


def load_graph_file(path) -> Graph:
    """Parse an RDF file (format from the suffix, Turtle by default); errors name the file."""
    from rdflib.util import guess_format
    path = Path(path)
    if not path.is_file():
        raise ZhkgError(f"{path}: no such file")
    g = Graph()
    try:
        g.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises many kinds; all mean "not a graph"
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ZhkgError(f"{path}: cannot read as RDF: {reason[:300]}") from None
    return g
