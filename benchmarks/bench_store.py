"""Benchmark the persistent store against rdflib's in-memory graph, in one run.

    .venv/bin/python benchmarks/bench_store.py                   # ~200k triples
    .venv/bin/python benchmarks/bench_store.py --triples 1000000 # the issue's size (rdflib needs minutes)

Generates zhkg-like data (documents in named graphs with sentences, loans,
rent cuts, supplies and productions as fact nodes plus direct triples; shared
entities with labels, aliases and mentionedIn; the ontology), then measures:
  * load: pyoxigraph Store (RocksDB, on disk) bulk-loading the N-Quads file,
    against rdflib Graph parsing the same triples as N-Triples; then the
    store's compaction (store.compact, as `zhkg build --store` ends), timed apart;
  * the example queries (data/queries/*.rq; entity.rq bound to one firm):
    median of --runs for the store, one run for rdflib (it is the slow one),
    with the row counts checked equal.
Writes benchmarks/results/store.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402
from rdflib import Graph  # noqa: E402

from graph import rdf, store  # noqa: E402
from graph.query import parse_bindings, read_query, run_query  # noqa: E402
from graph.resources import resource  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "store.json"
Z, E, D = str(rdf.ZHKG), str(rdf.ENT), str(rdf.DOC)
GRAPH_MARK = "\t"  # ends a quad line: "s p o <g> .\t"
RDF_TYPE, LABEL = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
VALUE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>"
TERMS = "http://purl.org/dc/terms/"
DEC = "<http://www.w3.org/2001/XMLSchema#decimal>"
INT = "<http://www.w3.org/2001/XMLSchema#integer>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"

# relation, fact class, subject class, object class
RELATIONS = [("lendsTo", "Loan", "Bank", "Enterprise"),
             ("reducesRentFor", "RentReduction", "GovernmentAgency", "Enterprise"),
             ("supplies", "Supply", "Enterprise", "Organization"),
             ("produces", "Production", "Enterprise", "Product")]
MODALITIES = ["Done", "Done", "Planned", "Requested", "Encouraged", "Negated"]
SYLLABLES = "华信达安泰恒丰盛源鑫宏远科创联合新天中金海德永嘉利瑞祥康"
SUFFIX = {"Bank": "银行", "Enterprise": "科技有限公司", "GovernmentAgency": "区政府", "Organization": "医院",
          "Product": "试剂"}


def _name(rng: random.Random, cls: str, i: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)) + str(i) + SUFFIX[cls]


def generate(n_triples: int, seed: int = 7) -> tuple[list[str], str]:
    """N-Quads lines (documents in named graphs, entities and ontology in the
    default graph) and one entity label to bind entity.rq to."""
    rng = random.Random(seed)
    per_doc = 100  # about: 5 document + 48 sentence + 4 facts x ~10 + mentions
    n_docs = max(1, n_triples // per_doc)
    pool = {cls: [] for cls in SUFFIX}
    lines: list[str] = []
    for cls in pool:
        for i in range(max(10, n_docs // 4)):
            name = _name(rng, cls, i)
            iri = f"<{E}{rdf.local_name(name)}>"
            pool[cls].append(iri)
            lines.append(f"{iri} {RDF_TYPE} <{Z}{cls}> .")
            lines.append(f'{iri} {LABEL} "{name}"@zh .')
            if i % 3 == 0:
                lines.append(f'{iri} {ALT} "{name[:4]}"@zh .')
    for d in range(n_docs):
        doc = f"<{D}synthetic-{d}>"
        g = f" {doc} ." + GRAPH_MARK
        lines += [f"{doc} {RDF_TYPE} <{Z}Document>" + g, f'{doc} <{TERMS}identifier> "synthetic-{d}"' + g,
                  f'{doc} <{TERMS}title> "第{d}号新闻"@zh' + g, f'{doc} <{Z}sourceFile> "news/{d // 5}.txt"' + g,
                  f'{doc} <{TERMS}date> "2020-0{1 + d % 9}-1{d % 10}"^^<http://www.w3.org/2001/XMLSchema#date>' + g]
        for s in range(8):
            sent = f"<{D}synthetic-{d}/s{s}>"
            lines += [f"{sent} {RDF_TYPE} <{Z}Sentence>" + g, f'{sent} {VALUE} "第{d}篇第{s}句。"@zh' + g,
                      f"{sent} <{TERMS}isPartOf> {doc}" + g, f'{sent} <{Z}sentenceIndex> "{s}"^^{INT}' + g,
                      f'{sent} <{Z}startOffset> "{s * 40}"^^{INT}' + g,
                      f'{sent} <{Z}endOffset> "{s * 40 + 39}"^^{INT}' + g]
        for k, (rel, fact_cls, subj_cls, obj_cls) in enumerate(RELATIONS):
            subj, obj = rng.choice(pool[subj_cls]), rng.choice(pool[obj_cls])
            fact = f"<{rdf.FACT}{d:08d}{k}>"
            modality = rng.choice(MODALITIES)
            lines += [f"{fact} {RDF_TYPE} <{Z}{fact_cls}>" + g, f"{fact} <{Z}factSubject> {subj}" + g,
                      f"{fact} <{Z}relation> <{Z}{rel}>" + g, f"{fact} <{Z}factObject> {obj}" + g,
                      f"{fact} <{Z}modality> <{Z}{modality}>" + g,
                      f"{fact} {DERIVED} <{D}synthetic-{d}/s{k}>" + g,
                      f'{fact} <{Z}rule> "synthetic"' + g, f'{fact} <{Z}confidence> "0.8"^^{DEC}' + g]
            if fact_cls in ("Loan", "RentReduction"):
                lines += [f'{fact} <{Z}amount> "{rng.randint(1, 900)}00000000"^^{DEC}' + g,
                          f'{fact} <{Z}currency> "CNY"' + g]
            if fact_cls == "Supply":
                lines += [f"{fact} <{Z}product> {rng.choice(pool['Product'])}" + g,
                          f'{fact} <{Z}quantity> "{rng.randint(1, 9999)}"^^{DEC}' + g,
                          f'{fact} <{Z}quantityUnit> "件"' + g]
            if modality != "Negated":
                lines.append(f"{subj} <{Z}{rel}> {obj}" + g)
            for ent in (subj, obj):
                lines.append(f"{ent} <{Z}mentionedIn> {doc} .")
    onto = ox.serialize(ox.parse(path=str(resource("ontology/zhkg.ttl"))), format=ox.RdfFormat.N_TRIPLES)
    lines += onto.decode("utf-8").splitlines()
    first_bank = next(line for line in lines if line.startswith(pool["Bank"][0]) and LABEL in line)
    return lines, first_bank.split('"')[1]


def _store_query(s: ox.Store, sparql: str, bindings: dict) -> int:
    """Rows of a store query, every solution read (no conversion to rdflib)."""
    return sum(1 for _ in store.store_query(s, sparql, bindings))


def _rdflib_query(g: Graph, sparql: str, bindings: dict, timeout: float) -> tuple[int | None, float]:
    """Row count and seconds of one rdflib query, run in a forked child so a
    query that takes too long can be stopped; (None, timeout) if it was."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def work() -> None:
        start = time.perf_counter()
        n = len(run_query(g, sparql, parse_bindings([f"{k}={v}" for k, v in bindings.items()])))
        queue.put((n, time.perf_counter() - start))

    child = ctx.Process(target=work)
    child.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:  # queue.Empty: the query is still running
        return None, timeout
    finally:
        child.terminate()
        child.join(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="store query runs (median)")
    parser.add_argument("--rdflib-timeout", type=float, default=120.0,
                        help="stop an rdflib query after this many seconds (its figure is then a lower bound)")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    lines, bank = generate(args.triples)
    print(f"generated {len(lines)} quads in {time.perf_counter() - t:.1f}s; entity.rq bound to {bank}", flush=True)
    queries = {rq.name: read_query(str(rq)) for rq in sorted((REPO / "data" / "queries").glob("*.rq"))}
    with tempfile.TemporaryDirectory() as tmp:
        nq, nt = Path(tmp) / "data.nq", Path(tmp) / "data.nt"
        nq.write_text("".join(line.rstrip(GRAPH_MARK) + "\n" for line in lines), encoding="utf-8")
        nt.write_text("".join((line.rsplit(" ", 2)[0] + " ." if line.endswith(GRAPH_MARK) else line) + "\n"
                              for line in lines), encoding="utf-8")
        del lines

        t = time.perf_counter()
        s = ox.Store(str(Path(tmp) / "store"))
        s.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        s.flush()
        store_load = time.perf_counter() - t
        print(f"store load:  {store_load:.2f}s ({len(s)} quads)", flush=True)
        # What `zhkg build --store` does after its writes (store.compact): the
        # queries below run on the compacted files.
        t = time.perf_counter()
        store.compact(s)
        store_compact = time.perf_counter() - t
        print(f"store compact: {store_compact:.2f}s", flush=True)

        t = time.perf_counter()
        g = Graph()
        g.parse(nt, format="nt")
        rdflib_load = time.perf_counter() - t
        print(f"rdflib load: {rdflib_load:.2f}s ({len(g)} triples)", flush=True)

        rows = []
        for name, sparql in queries.items():
            bindings = {"name": bank} if name == "entity.rq" else {}
            _store_query(s, sparql, bindings)  # warm-up
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                n_store = _store_query(s, sparql, bindings)
                times.append(time.perf_counter() - t)
            n_rdflib, rdflib_s = _rdflib_query(g, sparql, bindings, args.rdflib_timeout)
            row = {"query": name, "rows": n_store, "rows_rdflib": n_rdflib, "store_s": statistics.median(times),
                   "rdflib_s": rdflib_s, "rdflib_timed_out": n_rdflib is None}
            # With a timeout the speed-up is a lower bound.
            row["speedup"] = rdflib_s / row["store_s"] if row["store_s"] else None
            rows.append(row)
            print(f"{name:14} rows {n_store:7} / {n_rdflib if n_rdflib is not None else 'timeout':>7}  "
                  f"store {row['store_s'] * 1000:9.1f} ms  rdflib {rdflib_s * 1000:10.1f} ms  "
                  f"x{row['speedup']:.0f}{'+' if n_rdflib is None else ''}", flush=True)
        n_quads, n_triples = len(s), len(g)
        del s

    result = {"triples_requested": args.triples, "store_quads": n_quads, "rdflib_triples": n_triples,
              "store_load_s": store_load, "store_compact_s": store_compact, "rdflib_load_s": rdflib_load,
              "load_speedup": rdflib_load / store_load,
              "load_speedup_with_compact": rdflib_load / (store_load + store_compact),
              "queries": rows, "python": platform.python_version(), "pyoxigraph": ox.__version__,
              "machine": platform.machine(), "command": "python benchmarks/bench_store.py " + " ".join(argv or sys.argv[1:])}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"load speed-up x{result['load_speedup']:.1f}; wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
