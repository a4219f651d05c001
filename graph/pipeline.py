"""The Python API: run the stages in order and gather what they find.

    ex = extract_text("某某银行向某某公司发放贷款1亿元。", doc_id="x")
    ex = extract(read.read_paths(["data/corpus"]))
    g = to_rdf(ex)                      # an rdflib Graph per ontology/zhkg.ttl
    build_outputs(["data/corpus"], "out")  # what `zhkg build` does
    with open("big.ttl", "wb") as fh:      # a corpus of any size, streamed to Turtle
        write_graph(["news/"], fh, BuildOptions(workers=2))

Documents are processed one at a time and never look at each other; entities
with the same canonical name become one node when the results are merged.
"""
from __future__ import annotations

import os
import sys
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from . import nlp, rdf, read
from .entities import find_entities, CLASS_RANK
from .errors import ZhkgError, atomic_output
from .relations import extract_facts
from .types import PERSON, Document, Entity, Fact, Sentence


@dataclass
class Extraction:
    """Everything read from some documents, ready to become RDF."""

    documents: list[Document] = field(default_factory=list)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    mentioned_in: dict[str, set[str]] = field(default_factory=dict)  # entity key -> doc ids
    authors: dict[str, list[str]] = field(default_factory=dict)  # doc id -> person keys

    def merge(self, other: "Extraction") -> "Extraction":
        self.documents.extend(other.documents)
        self.sentences.update(other.sentences)
        self.facts.extend(other.facts)
        self.authors.update(other.authors)
        for key, ent in other.entities.items():
            _merge_entity(self.entities, ent)
        for key, docs in other.mentioned_in.items():
            self.mentioned_in.setdefault(key, set()).update(docs)
        return self


def _merge_entity(entities: dict[str, Entity], ent: Entity) -> None:
    mine = entities.get(ent.key)
    if mine is None:
        entities[ent.key] = Entity(ent.key, ent.label, ent.cls, set(ent.aliases), list(ent.mentions), dict(ent.attrs))
        return
    mine.aliases |= ent.aliases
    mine.mentions.extend(ent.mentions)
    for k, v in ent.attrs.items():
        mine.attrs.setdefault(k, v)
    if CLASS_RANK.get(ent.cls, 9) < CLASS_RANK.get(mine.cls, 9):
        mine.cls = ent.cls


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ZhkgError(f"--date {value}: not a date in the form YYYY-MM-DD") from None


def extract_document(doc: Document, use_ner: bool = True) -> Extraction:
    """Run nlp, entities and relations over one document."""
    sentences = nlp.analyse(doc)
    found = find_entities(doc, sentences, use_ner=use_ner)
    facts = extract_facts(doc, sentences, found, _parse_date(doc.date))
    ex = Extraction(documents=[doc], sentences={doc.id: sentences}, facts=facts)
    for ent in found.entities.values():
        _merge_entity(ex.entities, ent)
        ex.mentioned_in.setdefault(ent.key, set()).add(doc.id)
    ex.authors[doc.id] = []
    for name in doc.authors:
        reporter = Entity(rdf.entity_key(name), name, PERSON, attrs={"role": "记者"})
        _merge_entity(ex.entities, reporter)
        ex.authors[doc.id].append(reporter.key)
    return ex


def extract(docs: Iterable[Document], use_ner: bool = True) -> Extraction:
    out = Extraction()
    for doc in docs:
        out.merge(extract_document(doc, use_ner=use_ner))
    return out


def extract_text(text: str, *, doc_id: str = "text", source: str = "", date: str | None = None,
                 use_ner: bool = True) -> Extraction:
    """Extract from one article given as text (no page splitting)."""
    docs = read.split_page(text, source=source or doc_id, date=date)
    if len(docs) == 1:
        docs = [Document(id=doc_id, text=docs[0].text, title=docs[0].title, subtitles=docs[0].subtitles,
                         authors=docs[0].authors, source=source, date=date)]
    return extract(docs, use_ner=use_ner)


def extraction_triples(ex: Extraction, with_ontology: bool = True) -> set[ox.Triple]:
    """The triples of an extraction; with the ontology's, so class and relation
    labels travel with the data and any SPARQL client can use them."""
    triples = set(rdf.ontology_triples()) if with_ontology else set()
    for doc in ex.documents:
        triples.update(rdf.document_triples(doc, ex.sentences[doc.id], ex.authors.get(doc.id, ())))
    for key in sorted(ex.entities):
        triples.update(rdf.entity_triples(ex.entities[key], sorted(ex.mentioned_in.get(key, ()))))
    for fact in ex.facts:
        triples.update(rdf.fact_triples(fact))
    return triples


def to_rdf(ex: Extraction, with_ontology: bool = True) -> Graph:
    """The graph of an extraction as an rdflib Graph (for notebooks, SHACL, the view)."""
    return rdf.to_rdflib(extraction_triples(ex, with_ontology))


def format_summary(documents: int, entities: Iterable[Entity], relations: Counter) -> str:
    """The terminal summary: documents, entities per class, facts per relation."""
    entities = list(entities)
    classes = Counter(e.cls for e in entities)
    return "\n".join([
        f"documents: {documents}",
        f"entities:  {len(entities)}  " + ", ".join(f"{c} {n}" for c, n in sorted(classes.items())),
        f"facts:     {sum(relations.values())}  " + ", ".join(f"{r} {n}" for r, n in sorted(relations.items()))])


def _relation_counts(facts: Iterable[Fact]) -> Counter:
    return Counter(f.relation for f in facts if f.modality != "negated")


def summary(ex: Extraction) -> str:
    return format_summary(len(ex.documents), ex.entities.values(), _relation_counts(ex.facts))


def build(paths: Iterable[str | Path], date: str | None = None) -> tuple[Extraction, Graph]:
    """Everything in memory: the extraction and its graph (for notebooks and small corpora)."""
    _parse_date(date)
    ex = extract(read.read_paths(paths, date=date))
    return ex, to_rdf(ex)


# ------------------------------------------------------------------ at scale

class GraphBuilder:
    """Turns extractions, one document at a time, into blocks of triples.

    A document's block (its node and sentences, its fact nodes, the direct
    triples not given before, and which entities it mentions) is final once
    the document is extracted, so it can go to the Turtle file at once.
    Entities are merged across documents in a registry (names, class, aliases:
    the size of the entity list, not of the corpus) and make the last block.
    So a build holds the entities, not the graph. Up to ``keep`` triples are
    also held in ``triples`` for what needs the whole graph (SHACL, the view);
    past that ``triples`` is None.
    """

    def __init__(self, with_ontology: bool = True, keep: int | None = None):
        self.keep = keep
        self.triples: set[ox.Triple] | None = set()
        self._graph: Graph | None = None
        self._with_ontology = with_ontology
        self._direct: set[ox.Triple] = set()  # direct triples given (several documents state one)
        self.size = 0  # triples given
        self.entities: dict[str, Entity] = {}
        self.documents = 0
        self.relations: Counter = Counter()  # facts per relation, for the summary
        self.sources: set[str] = set()

    def start(self) -> set[ox.Triple]:
        """The first block: the ontology, so class and relation labels travel with the data."""
        return self._give(rdf.ontology_triples() if self._with_ontology else [])

    def add(self, ex: Extraction) -> set[ox.Triple]:
        """The block of one extraction (usually one document)."""
        block = []
        for doc in ex.documents:
            block += rdf.document_triples(doc, ex.sentences[doc.id], ex.authors.get(doc.id, ()))
            self.documents += 1
            self.sources.add(Path(doc.source).name)
        for ent in ex.entities.values():
            _merge_entity(self.entities, Entity(ent.key, ent.label, ent.cls, set(ent.aliases), [], dict(ent.attrs)))
        for key, docs in ex.mentioned_in.items():
            block += rdf.mention_triples(key, sorted(docs))
        for fact in ex.facts:
            direct = rdf.direct_triple(fact)
            if direct is not None and direct not in self._direct:
                self._direct.add(direct)
                block.append(direct)
            block += rdf.fact_node_triples(fact)
        self.relations += _relation_counts(ex.facts)
        return self._give(block)

    def finish(self) -> set[ox.Triple]:
        """The last block: every entity, merged across documents."""
        return self._give([t for key in sorted(self.entities) for t in rdf.entity_triples(self.entities[key])])

    def _give(self, triples: list[ox.Triple]) -> set[ox.Triple]:
        block = set(triples)
        self.size += len(block)
        if self.triples is not None:
            if self.keep is None or len(self.triples) + len(block) <= self.keep:
                self.triples |= block
            else:
                self.triples = None  # too big to hold: the Turtle file is the graph
        return block

    @property
    def graph(self) -> Graph:
        """The held triples as an rdflib Graph, made on first use."""
        if self.triples is None:
            raise ValueError(f"the graph has {self.size} triples, over the {self.keep} this builder holds")
        if self._graph is None:
            self._graph = rdf.to_rdflib(self.triples)
        return self._graph

    def summary(self) -> str:
        return format_summary(self.documents, self.entities.values(), self.relations)


def _extract_batch(docs: list[Document]) -> list[Extraction]:
    """One task for a worker: extract a batch of documents, dropping mentions
    (the builder does not need them and they are costly to send back)."""
    out = []
    for doc in docs:
        ex = extract_document(doc)
        for ent in ex.entities.values():
            ent.mentions = []
        out.append(ex)
    return out


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_stream(docs: Iterable[Document], workers: int = 1, engine: str = "local",
                   scheduler: str | None = None, batch_size: int = 8) -> Iterator[Extraction]:
    """Per-document extractions, in input order, from 1 or more local processes or a Dask cluster.

    Documents are read lazily and sent in windows of batches, so memory stays
    bounded however long the corpus is; the output does not depend on the
    number of workers.
    """
    batches = _batches(docs, batch_size)
    if engine == "dask":
        yield from _dask_stream(batches, scheduler)
    elif workers <= 1:
        for batch in batches:
            yield from _extract_batch(batch)
    else:
        yield from _pool_stream(batches, workers)


def _pool_stream(batches: Iterator[list[Document]], workers: int) -> Iterator[Extraction]:
    """Batches extracted by a process pool, in order, with a bounded number in flight.

    Pool.imap alone would read the whole corpus ahead; the semaphore lets the
    feeder run only ``4 × workers`` batches ahead of what has been consumed,
    while the workers keep busy as the caller adds results to the graph.
    """
    import multiprocessing
    import threading
    in_flight = threading.BoundedSemaphore(workers * 4)

    def feed() -> Iterator[list[Document]]:
        for batch in batches:
            in_flight.acquire()
            yield batch

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for result in pool.imap(_extract_batch, feed()):
            in_flight.release()
            yield from result


def _dask_stream(batches: Iterator[list[Document]], scheduler: str | None) -> Iterator[Extraction]:
    try:
        from distributed import Client
    except ImportError:
        raise ZhkgError("--engine dask needs the 'distributed' package (pip install 'zhkg[dask]')") from None
    if not scheduler:
        raise ZhkgError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    with Client(scheduler, set_as_default=False) as client:
        # Keep 4 batches per worker submitted and take results in order: the
        # workers stay busy while this process adds finished ones to the graph.
        ahead = 4 * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(_extract_batch, batch, pure=False))
            if len(pending) >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


SMALL_INPUT = 256 * 1024  # bytes; below this, starting worker processes costs more than it saves


def default_workers(paths: Iterable[str | Path]) -> int:
    """The number of cores, or one for small inputs."""
    try:
        size = sum(f.stat().st_size for f in read.find_files(paths))
    except ZhkgError:
        return 1  # the build itself will report the problem
    return 1 if size < SMALL_INPUT else (os.cpu_count() or 1)


@dataclass
class BuildOptions:
    date: str | None = None
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    strict: bool = False
    progress: bool = False


def extractions(paths: Iterable[str | Path], options: BuildOptions | None = None,
                skipped: list[str] | None = None) -> Iterator[Extraction]:
    """Read the files and extract each document, streamed, in input order, with
    the progress bar if asked: what `zhkg build` feeds to a graph or a store.

    Files or lines that cannot be read are appended to ``skipped`` ("FILE[:LINE]:
    reason") and passed over, unless ``options.strict``; if nothing at all could
    be read that is an error.
    """
    options = options or BuildOptions()
    _parse_date(options.date)
    skipped = [] if skipped is None else skipped
    on_skip = None if options.strict else skipped.append
    paths = list(paths)
    total = sum(f.stat().st_size for f in read.find_files(paths)) if options.progress else 0
    docs = read.read_paths(paths, date=options.date, on_skip=on_skip)
    n = 0
    with _progress(options.progress, total) as bar:
        for ex in extract_stream(docs, options.workers, options.engine, options.scheduler):
            n += len(ex.documents)
            bar(ex)
            yield ex
    if n == 0:
        raise ZhkgError(skipped[0] if len(skipped) == 1 else
                        f"no document could be read ({len(skipped)} skipped; first: {skipped[0] if skipped else 'none'})")


def write_graph(paths: Iterable[str | Path], fh: BinaryIO, options: BuildOptions | None = None,
                skipped: list[str] | None = None, keep: int | None = None) -> GraphBuilder:
    """Build the graph of the files straight into Turtle on ``fh`` (binary): the
    ontology, then each document's block as it is extracted, then the entities.
    Memory holds the entities and up to ``keep`` triples, however big the corpus.
    Returns the builder (counts for the summary; the triples if under ``keep``)."""
    builder = GraphBuilder(keep=keep)

    def blocks() -> Iterator[set[ox.Triple]]:
        yield builder.start()
        for ex in extractions(paths, options, skipped):
            yield builder.add(ex)
        yield builder.finish()
    rdf.write_turtle_blocks(blocks(), fh)
    return builder


@contextmanager
def _progress(enabled: bool, total_bytes: int = 0):
    """A progress bar on stderr, or nothing: input bytes done of all (for the
    percentage and the ETA), documents, and characters per second.

    A document counts the UTF-8 bytes of its text; markup around it (JSON keys,
    escapes) is not counted, so the bar is set to the end when the build ends."""
    if not enabled:
        yield lambda ex: None
        return
    import time
    from tqdm import tqdm
    with tqdm(total=total_bytes or None, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
              dynamic_ncols=True, mininterval=0.5) as bar:
        docs, chars, started = 0, 0, time.monotonic()

        def update(ex: Extraction) -> None:
            nonlocal docs, chars
            docs += len(ex.documents)
            chars += sum(len(d.text) for d in ex.documents)
            rate = chars / max(time.monotonic() - started, 1e-6)
            bar.set_postfix_str(f"{docs} docs, {rate:,.0f} chars/s", refresh=False)
            done = min(bar.n + sum(len(d.text.encode("utf-8")) for d in ex.documents), bar.total or 1 << 62)
            bar.update(done - bar.n)
        yield update
        if bar.total:
            bar.update(bar.total - bar.n)


VALIDATE_LIMIT = 300_000  # triples; pyshacl takes about a second per 3,000 triples


def build_outputs(paths: Iterable[str | Path], out_dir: str | Path = "out", date: str | None = None,
                  html: bool = True, validate: bool = True, options: BuildOptions | None = None) -> str:
    """Build the graph and write graph.ttl (and graph.html) into out_dir; return a summary.

    The Turtle is written as documents are extracted, to a temporary file that
    replaces graph.ttl only once it is complete (and, up to VALIDATE_LIMIT
    triples, conforms to the SHACL shapes)."""
    options = options or BuildOptions(date=date)
    skipped: list[str] = []
    out = Path(out_dir)
    notes = []
    with atomic_output(out / "graph.ttl", "wb") as fh:
        builder = write_graph(paths, fh, options, skipped, keep=VALIDATE_LIMIT if validate or html else 0)
        if validate and builder.triples is not None:
            from .validate import validate as shacl_validate
            report = shacl_validate(builder.graph)
            if not report.conforms:
                raise ZhkgError(f"{out_dir}/graph.ttl: the graph does not conform to the SHACL shapes "
                                f"({len(report.violations)} violations; first: {report.violations[0]}); "
                                "nothing written (use --no-validate to write it anyway)")
        elif validate:
            notes.append(f"not validated: {builder.size} triples is over the {VALIDATE_LIMIT} limit of SHACL "
                         "validation at build time; run `zhkg validate` on the output")
    written = [str(out / "graph.ttl")]
    if html:
        from .viz import write_html
        # a graph too big to hold during the build is read back from the file
        g = builder.graph if builder.triples is not None else rdf.to_rdflib(
            ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
        write_html(g, out / "graph.html", title="zhkg: " + ", ".join(sorted(builder.sources)))
        written.append(str(out / "graph.html"))
    return "\n".join([builder.summary(), "wrote:     " + ", ".join(written)] + skip_report(skipped) + notes)


def skip_report(skipped: list[str]) -> list[str]:
    """Summary lines for what could not be read: a count per reason, then the first 20."""
    if not skipped:
        return []
    reasons = Counter(_reason(s) for s in skipped)
    return ([f"skipped:   {len(skipped)}  " + ", ".join(f"{r} {n}" for r, n in sorted(reasons.items()))]
            + [f"  {s}" for s in skipped[:20]])


def _reason(message: str) -> str:
    """The kind of problem in a skip message: the words after the location, up to a parenthesis."""
    return message.rsplit(": ", 1)[-1].split(" (")[0]
