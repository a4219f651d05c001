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


@command("build", "build the knowledge graph of news files", _build_args)
def _build(args: argparse.Namespace) -> int:
    from .pipeline import build_outputs
    summary = build_outputs(args.paths, args.out, date=args.date, html=not args.no_html,
                            validate=not args.no_validate)
    print(summary)
    return 0


# --- query -------------------------------------------------------------------

def _query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", metavar="GRAPH", help="a Turtle file (graph.ttl)")
    p.add_argument("query", metavar="QUERY", help="SPARQL text or a .rq file")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="bind a query variable to a literal, e.g. --bind name=某某银行")


@command("query", "run a SPARQL query over a graph", _query_args)
def _query(args: argparse.Namespace) -> int:
    from .query import load_graph, read_query, run_query, format_result, parse_bindings
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
    p.add_argument("graph", metavar="GRAPH", help="an RDF file (graph.ttl, or any graph with rdfs:label)")
    p.add_argument("-o", "--out", help="the page to write (default: GRAPH with .html)")
    p.add_argument("--title", help="page title (default: the file name)")
    p.add_argument("--focus", metavar="NAME", help="draw only the neighbourhood of this entity (name or alias)")
    p.add_argument("--depth", type=int, default=1, help="with --focus: how many steps out (default: 1)")


@command("view", "write the interactive offline HTML view of a graph", _view_args)
def _view(args: argparse.Namespace) -> int:
    from pathlib import Path
    from .viz import load_graph_file, write_html
    graph = load_graph_file(args.graph)
    out = Path(args.out) if args.out else Path(args.graph).with_suffix(".html")
    write_html(graph, out, title=args.title or Path(args.graph).name, focus=args.focus, depth=args.depth)
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
