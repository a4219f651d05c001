"""Check a graph against the SHACL shapes in ontology/shapes.ttl.

``validate(graph)`` runs pyshacl with the ontology (ontology/zhkg.ttl) as its
ontology graph, so sh:targetClass zhkg:Entity also reaches banks, districts and
people through rdfs:subClassOf. No RDFS inference is run: it would derive the
very types that the relation shapes check (see the note in shapes.ttl).

The result is a ``Report``: whether the graph conforms and a sorted list of
``Violation``s (focus node, property path, message), each printable on one line.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from .errors import ZhkgError
from .resources import resource

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    focus: str  # the node that breaks the shape, as a prefixed name where possible
    path: str  # the property it breaks it on ("" for a node-level constraint)
    message: str
    value: str = ""  # the offending value, if the shape names one

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]

    def text(self, name: str = "the graph") -> str:
        """A readable report: one line per violation, then a summary line about ``name``."""
        if self.conforms:
            return f"{name} conforms to the zhkg SHACL shapes\n"
        lines = [str(v) for v in self.violations]
        lines.append(f"{name} does not conform: {len(self.violations)} violation"
                     f"{'s' if len(self.violations) != 1 else ''}")
        return "\n".join(lines) + "\n"


@cache
def _shapes() -> Graph:
    return Graph().parse(resource("ontology/shapes.ttl"), format="turtle")


@cache
def _ontology() -> Graph:
    return Graph().parse(resource("ontology/zhkg.ttl"), format="turtle")


def validate(graph: Graph) -> Report:
    """Validate ``graph`` (left unchanged) against the zhkg shapes."""
    import pyshacl  # slow to import; only needed here

    conforms, results, _text = pyshacl.validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        abort_on_first=False, allow_warnings=False, meta_shacl=False, advanced=False)
    violations = sorted({_violation(results, r, graph)
                         for r in results.subjects(RDF.type, SH.ValidationResult)})
    return Report(bool(conforms), tuple(violations))


def _violation(results: Graph, result, graph: Graph) -> Violation:
    def one(prop):
        return results.value(result, prop)

    message = one(SH.resultMessage)
    value = one(SH.value)
    return Violation(focus=_short(graph, one(SH.focusNode)),
                     path=_short(graph, one(SH.resultPath)),
                     message=str(message) if message is not None else _fallback(results, result),
                     value=_short(graph, value) if value is not None else "")


def _fallback(results: Graph, result) -> str:
    component = results.value(result, SH.sourceConstraintComponent)
    return f"breaks {_short(results, component)}" if component is not None else "breaks a shape"


def _short(graph: Graph, node) -> str:
    """ent:华夏银行 rather than the full IRI (for reading, so doc:d1/s0 is allowed
    even though Turtle would not); literals in their Turtle form."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        matches = [(len(ns), prefix) for prefix, ns in graph.namespaces()
                   if prefix and str(node).startswith(str(ns)) and len(str(node)) > len(str(ns))]
        if not matches:
            return f"<{node}>"
        size, prefix = max(matches)
        return f"{prefix}:{str(node)[size:]}"
    return node.n3(graph.namespace_manager)


def load_turtle(path: str | Path) -> Graph:
    """Parse a Turtle file, or raise ZhkgError naming the file and the problem."""
    path = Path(path)
    if not path.is_file():
        raise ZhkgError(f"{path}: no such file")
    try:
        return Graph().parse(path, format="turtle")
    except UnicodeDecodeError:
        raise ZhkgError(f"{path}: not UTF-8 text") from None
    except Exception as exc:  # rdflib raises several parser error types
        detail = " ".join(str(exc).split())
        raise ZhkgError(f"{path}: not valid Turtle: {detail[:200]}") from None


def validate_file(path: str | Path) -> Report:
    return validate(load_turtle(path))
