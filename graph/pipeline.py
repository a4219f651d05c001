"""The Python API: run the stages in order and gather what they find.

    ex = extract_text("某某银行向某某公司发放贷款1亿元。", doc_id="x")
    ex = extract(read.read_paths(["data/corpus"]))
    g = to_rdf(ex)                      # an rdflib Graph per ontology/zhkg.ttl
    build_outputs(["data/corpus"], "out")  # what `zhkg build` does

Documents are processed one at a time and never look at each other; entities
with the same canonical name become one node when the results are merged.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from rdflib import Graph

from . import nlp, rdf, read
from .entities import find_entities, _CLASS_RANK
from .errors import ZhkgError, atomic_output
from .relations import extract_facts
from .resources import resource
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
    if _CLASS_RANK.get(ent.cls, 9) < _CLASS_RANK.get(mine.cls, 9):
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


def to_rdf(ex: Extraction, with_ontology: bool = True) -> Graph:
    """The graph of an extraction; with the ontology's triples, so class and
    relation labels travel with the data and any SPARQL client can use them."""
    g = rdf.new_graph()
    if with_ontology:
        g.parse(resource("ontology/zhkg.ttl"), format="turtle")
    for doc in ex.documents:
        rdf.add_document(g, doc, ex.sentences[doc.id], ex.authors.get(doc.id, ()))
    for key in sorted(ex.entities):
        rdf.add_entity(g, ex.entities[key], sorted(ex.mentioned_in.get(key, ())))
    for fact in ex.facts:
        rdf.add_fact(g, fact)
    return g


def summary(ex: Extraction) -> str:
    classes = Counter(e.cls for e in ex.entities.values())
    relations = Counter(f.relation for f in ex.facts if f.modality != "negated")
    lines = [f"documents: {len(ex.documents)}",
             f"entities:  {len(ex.entities)}  " + ", ".join(f"{c} {n}" for c, n in sorted(classes.items())),
             f"facts:     {sum(relations.values())}  " + ", ".join(f"{r} {n}" for r, n in sorted(relations.items()))]
    return "\n".join(lines)


def build(paths: Iterable[str | Path], date: str | None = None) -> tuple[Extraction, Graph]:
    _parse_date(date)
    ex = extract(read.read_paths(paths, date=date))
    return ex, to_rdf(ex)


def build_outputs(paths: Iterable[str | Path], out_dir: str | Path = "out", date: str | None = None,
                  html: bool = True, validate: bool = True) -> str:
    """Build the graph and write graph.ttl (and graph.html) into out_dir; return a summary."""
    ex, g = build(paths, date=date)
    if validate:
        from .validate import validate as shacl_validate
        report = shacl_validate(g)
        if not report.conforms:
            raise ZhkgError(f"{out_dir}/graph.ttl: the graph does not conform to the SHACL shapes "
                            f"({len(report.violations)} violations; first: {report.violations[0]}); "
                            "nothing written (use --no-validate to write it anyway)")
    out = Path(out_dir)
    with atomic_output(out / "graph.ttl") as fh:
        fh.write(rdf.to_turtle(g))
    written = [str(out / "graph.ttl")]
    if html:
        from .viz import write_html
        write_html(g, out / "graph.html", title="zhkg: " + ", ".join(sorted({Path(d.source).name for d in ex.documents})))
        written.append(str(out / "graph.html"))
    return summary(ex) + "\nwrote:     " + ", ".join(written)
