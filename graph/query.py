"""SPARQL over a built graph: load, run, and print results readably."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.query import Result

from .errors import ZhkgError
from .rdf import PREFIXES


def load_graph(path: str | Path) -> Graph:
    path = Path(path)
    if not path.is_file():
        raise ZhkgError(f"{path}: no such file")
    g = Graph()
    try:
        g.parse(path, format="turtle" if path.suffix in (".ttl", "") else None)
    except Exception as exc:  # rdflib raises many kinds; the user needs one line
        raise ZhkgError(f"{path}: not a readable RDF graph ({str(exc).splitlines()[0][:200]})") from None
    return g


def read_query(query: str) -> str:
    """SPARQL text, or the contents of a .rq file."""
    path = Path(query)
    if query.endswith((".rq", ".sparql")) or (len(query) < 256 and "\n" not in query and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ZhkgError(f"{query}: cannot read query ({exc.strerror})") from None
    return query


def parse_bindings(pairs: list[str]) -> dict:
    """["name=某某银行"] -> {Variable("name"): Literal("某某银行")}."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ZhkgError(f"--bind {pair}: expected VAR=VALUE")
        out[Variable(name.strip().lstrip("?"))] = Literal(value)
    return out


def run_query(g: Graph, sparql: str, bindings: dict | None = None) -> Result:
    try:
        return g.query(sparql, initNs=PREFIXES, initBindings=bindings or None)
    except ParseException as exc:
        raise ZhkgError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:
        raise ZhkgError(f"SPARQL error: {str(exc).splitlines()[0][:200]}") from None


def _short(g: Graph | None, term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, URIRef) and g is not None:
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:
            return str(term)
    return str(term)


def rows(result: Result, g: Graph | None = None) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain strings (ASK gives one 'ask' column)."""
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        return ["subject", "predicate", "object"], [[_short(g, t) for t in triple] for triple in result]
    names = [str(v) for v in result.vars]
    return names, [[_short(g, row[i]) for i in range(len(names))] for row in result]


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def format_result(result: Result, fmt: str = "table", g: Graph | None = None) -> str:
    names, data = rows(result, g if g is not None else getattr(result, "graph", None))
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows(data)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in data], ensure_ascii=False, indent=1) + "\n"
    widths = [min(60, max([_width(n)] + [_width(r[i]) for r in data])) for i, n in enumerate(names)]
    def clip(s: str, w: int) -> str:
        if _width(s) <= w:
            return s
        while _width(s) > w - 1:
            s = s[:-1]
        return s + "…"

    lines = [" | ".join(_pad(n, w) for n, w in zip(names, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(_pad(clip(c, w), w) for c, w in zip(r, widths)) for r in data]
    lines.append(f"({len(data)} row{'s' if len(data) != 1 else ''})")
    return "\n".join(lines) + "\n"
