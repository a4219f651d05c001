"""The `zhkg` command: a thin layer over the Python API.

Each sub-command is a pair of functions registered with ``@command``: one adds
its arguments, the other runs it. Errors the user can fix (ZhkgError) print one
line and exit with status 2.
"""
from __future__ import annotations

import argparse
import sys
from typing import Callable

from .errors import ZhkgError

_COMMANDS: dict[str, tuple[str, Callable, Callable]] = {}


def command(name: str, help: str, arguments: Callable[[argparse.ArgumentParser], None]):
    def register(run: Callable[[argparse.Namespace], int | None]):
        _COMMANDS[name] = (help, arguments, run)
        return run
    return register


# --- build -------------------------------------------------------------------

def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    p.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    p.add_argument("--date", help="publication date (YYYY-MM-DD) for documents that give none")
    p.add_argument("--no-html", action="store_true", help="write graph.ttl only")
    p.add_argument("--no-validate", action="store_true",
                   help="write the graph even if it does not conform to the SHACL shapes")
    p.add_argument("--store", metavar="DIR",
                   help="add the documents to the persistent store in DIR instead of writing files")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="extract in N processes (default: the number of cores; small inputs use one)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="where to extract: local processes, or a Dask cluster (--scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--strict", action="store_true", help="stop at the first file or line that cannot be read")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


@command("build", "build the knowledge graph of news files", _build_args)
def _build(args: argparse.Namespace) -> int:
    from .pipeline import BuildOptions, build_outputs, default_workers
    options = BuildOptions(date=args.date, engine=args.engine, scheduler=args.scheduler, strict=args.strict,
                           workers=args.workers if args.workers else default_workers(args.paths),
                           progress=not args.quiet and sys.stderr.isatty())
    if args.store:
        from .store import build_into_store
        print(build_into_store(args.paths, args.store, options))
        return 0
    print(build_outputs(args.paths, args.out, html=not args.no_html, validate=not args.no_validate,
                        options=options))
    return 0


# --- query -------------------------------------------------------------------

def _query_args(p: argparse.ArgumentParser) -> None:
    # With --store DIR there is no GRAPH: the one positional argument is the query.
    p.add_argument("graph", metavar="GRAPH", help="a Turtle file (graph.ttl)")
    p.add_argument("query", metavar="QUERY", nargs="?", help="SPARQL text or a .rq file")
    p.add_argument("--store", metavar="DIR", help="query the persistent store in DIR (then give QUERY only)")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="bind a query variable to a literal, e.g. --bind name=某某银行")


@command("query", "run a SPARQL query over a graph", _query_args)
def _query(args: argparse.Namespace) -> int:
    from .query import load_graph, read_query, run_query, format_result, parse_bindings
    if args.store:
        from .store import run_store_query
        if args.query is not None:
            raise ZhkgError("with --store give the QUERY only, not a graph file")
        bindings = {str(k): str(v) for k, v in parse_bindings(args.bind).items()}
        sys.stdout.write(run_store_query(args.store, read_query(args.graph), bindings, args.format))
        return 0
    if args.query is None:
        raise ZhkgError("give a GRAPH and a QUERY (or --store DIR and a QUERY)")
    graph = load_graph(args.graph)
    result = run_query(graph, read_query(args.query), parse_bindings(args.bind))
    sys.stdout.write(format_result(result, args.format, graph))
    return 0


# --- eval --------------------------------------------------------------------

def _eval_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold .jsonl files or folders of them")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--errors", action="store_true",
                   help="list false positives and negatives per document (strict)")
    p.add_argument("--min-f1", metavar="FILE",
                   help="exit 1 if strict F1 is below these floors "
                        "(default: thresholds.json in the gold folder)")
    p.add_argument("--no-min-f1", action="store_true", help="do not check F1 floors")


@command("eval", "score the extractor against a hand-made gold standard", _eval_args)
def _eval(args: argparse.Namespace) -> int:
    from .evaluate import run
    return run(args.gold, fmt=args.format, show_errors=args.errors,
               thresholds=args.min_f1, check_floors=not args.no_min_f1)


# --- ner ---------------------------------------------------------------------

def _ner_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="INPUT",
                   help="CLUENER JSON lines (a text field) or plain text, one sentence a line; - for stdin")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument("--document", action="store_true",
                   help="treat the lines as one document: tag recurring names consistently")


@command("ner", "tag named entities, writing CLUENER JSON lines", _ner_args)
def _ner(args: argparse.Namespace) -> int:
    from .ner.command import run
    return run(args.input, args.output, document=args.document)


# --- view --------------------------------------------------------------------

def _view_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", metavar="GRAPH", nargs="?",
                   help="an RDF file (graph.ttl, or any graph with rdfs:label)")
    p.add_argument("--store", metavar="DIR", help="draw the persistent store in DIR instead of a file")
    p.add_argument("-o", "--out", help="the page to write (default: GRAPH with .html)")
    p.add_argument("--title", help="page title (default: the file name)")
    p.add_argument("--focus", metavar="NAME", help="draw only the neighbourhood of this entity (name or alias)")
    p.add_argument("--depth", type=int, default=1, help="with --focus: how many steps out (default: 1)")


@command("view", "write the interactive offline HTML view of a graph", _view_args)
def _view(args: argparse.Namespace) -> int:
    from pathlib import Path
    from .viz import load_graph_file, write_html
    if bool(args.store) == bool(args.graph):
        raise ZhkgError("view: give either GRAPH or --store DIR")
    if args.store:
        from .store import to_rdflib
        graph, source = to_rdflib(args.store), Path(args.store)
    else:
        graph, source = load_graph_file(args.graph), Path(args.graph)
    out = Path(args.out) if args.out else source.with_suffix(".html")
    write_html(graph, out, title=args.title or source.name, focus=args.focus, depth=args.depth)
    print(f"wrote {out}")
    return 0


# --- validate ------------------------------------------------------------------

def _validate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", metavar="GRAPH", help="a Turtle file (graph.ttl)")


@command("validate", "check a graph against the SHACL shapes (exit 0 conforms, 1 does not)",
         _validate_args)
def _validate(args: argparse.Namespace) -> int:
    from .validate import validate_file
    report = validate_file(args.graph)
    sys.stdout.write(report.text(args.graph))
    return 0 if report.conforms else 1


# --- store: remove, export, merge, serve, push (graph/store.py) ----------------

def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="DIR", required=True, help="the store folder (zhkg build --store DIR)")


def _remove_args(p: argparse.ArgumentParser) -> None:
    _store_arg(p)
    p.add_argument("targets", nargs="+", metavar="DOC_IRI|FILE", help="a document IRI, or a source file")


@command("remove", "take documents out of a store", _remove_args)
def _remove(args: argparse.Namespace) -> int:
    from .store import remove
    for target in args.targets:
        for iri in remove(args.store, target):
            print(f"removed {iri}")
    return 0


def _export_args(p: argparse.ArgumentParser) -> None:
    _store_arg(p)
    p.add_argument("-o", "--out", required=True, help="graph.ttl or .nt (graphs merged), .trig or .nq (kept)")


@command("export", "write a store to an RDF file", _export_args)
def _export(args: argparse.Namespace) -> int:
    from .store import export
    print(f"wrote {args.out} ({export(args.store, args.out)} statements)")
    return 0


def _merge_args(p: argparse.ArgumentParser) -> None:
    _store_arg(p)
    p.add_argument("--apply", action="store_true",
                   help="record owl:sameAs for the pairs listed (or for the IRIs given)")
    p.add_argument("iris", nargs="*", metavar="ENTITY_IRI", help="with --apply: entities that are the same")


@command("merge", "list likely duplicate entities in a store; --apply links them with owl:sameAs", _merge_args)
def _merge(args: argparse.Namespace) -> int:
    from .store import merge_cli
    print(merge_cli(args.store, args.apply, args.iris))
    return 0


def _serve_args(p: argparse.ArgumentParser) -> None:
    _store_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument("--allow-update", action="store_true", help="accept SPARQL updates and Graph Store writes")


@command("serve", "serve a store as a SPARQL endpoint with a query page", _serve_args)
def _serve(args: argparse.Namespace) -> int:
    from .store import serve
    return serve(args.store, args.host, args.port, args.allow_update)


def _push_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="GRAPH", help="an RDF file: .ttl or .nt (or .trig/.nq with their own graphs)")
    p.add_argument("--endpoint", required=True,
                   help="a SPARQL 1.1 Graph Store Protocol URL, e.g. http://localhost:7878/store")
    p.add_argument("--graph", metavar="IRI", help="the named graph to write (default: the default graph)")
    p.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")


@command("push", "send a graph to a SPARQL Graph Store Protocol endpoint", _push_args)
def _push(args: argparse.Namespace) -> int:
    from .store import push
    status = push(args.file, args.endpoint, args.graph, replace=not args.append)
    print(f"pushed {args.file} to {args.endpoint} (HTTP {status})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zhkg", description="Knowledge graphs from Chinese news.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, arguments, _run) in _COMMANDS.items():
        arguments(sub.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command][2](args) or 0
    except ZhkgError as exc:
        print(f"zhkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zhkg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
