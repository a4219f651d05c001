"""Made-up zhkg graphs of any size, for the view's tests and benchmark.

Built with the same writer as real graphs (graph.rdf), so they have the shape
the extractor produces: typed entities with aliases, fact nodes with details
and evidence sentences, documents. Seeded: the same arguments give the same graph.
"""
from __future__ import annotations

import random

from rdflib import Graph

from . import rdf
from .types import (BANK, DISTRICT, ENTERPRISE, GOVERNMENT, GROUP, PERSON, PRODUCT, Document, Entity,
                    Evidence, Fact, Sentence, MODALITIES, LENDS_TO, LOCATED_IN, PRODUCES, REDUCES_RENT_FOR,
                    SUPPLIES, WORKS_FOR)

# class -> (share of entities, how a name is made from a number)
_KINDS = [
    (ENTERPRISE, 0.45, lambda i: f"样例{i}科技有限公司"),
    (BANK, 0.05, lambda i: f"样例银行第{i}分行"),
    (GOVERNMENT, 0.08, lambda i: f"第{i}区商务局"),
    (DISTRICT, 0.1, lambda i: f"示例{i}区"),
    (PRODUCT, 0.15, lambda i: f"样品{i}号"),
    (PERSON, 0.12, lambda i: f"人员{i}"),
    (GROUP, 0.05, lambda i: f"第{i}类小微企业"),
]
# relation -> the classes its subject and object are drawn from
_RELATIONS = {
    LENDS_TO: ((BANK,), (ENTERPRISE, GROUP)),
    REDUCES_RENT_FOR: ((ENTERPRISE, GOVERNMENT), (ENTERPRISE, GROUP)),
    SUPPLIES: ((ENTERPRISE,), (ENTERPRISE, DISTRICT, GROUP)),
    PRODUCES: ((ENTERPRISE,), (PRODUCT,)),
    LOCATED_IN: ((ENTERPRISE, BANK, GOVERNMENT), (DISTRICT,)),
    WORKS_FOR: ((PERSON,), (ENTERPRISE, BANK, GOVERNMENT)),
}


def synthetic_entities(n: int, seed: int = 0) -> list[Entity]:
    rng = random.Random(seed)
    entities = []
    for i in range(n):
        cls, _, name = _KINDS[_pick_kind(rng)]
        label = name(i)
        aliases = {f"简称{i}"} if cls in (ENTERPRISE, BANK) and rng.random() < 0.5 else set()
        entities.append(Entity(rdf.entity_key(label), label, cls, aliases))
    return entities


def _pick_kind(rng: random.Random) -> int:
    r, total = rng.random(), 0.0
    for k, (_, share, _) in enumerate(_KINDS):
        total += share
        if r < total:
            return k
    return len(_KINDS) - 1


def synthetic_graph(n_entities: int, n_facts: int, seed: int = 0, n_documents: int = 20) -> Graph:
    """A graph of ``n_entities`` entities and ``n_facts`` facts spread over documents."""
    rng = random.Random(seed)
    entities = synthetic_entities(n_entities, seed)
    by_class: dict[str, list[Entity]] = {}
    for e in entities:
        by_class.setdefault(e.cls, []).append(e)
    t = []
    doc_ids = [f"synthetic-{d}" for d in range(max(1, n_documents))]
    sentences: dict[str, list[Sentence]] = {d: [] for d in doc_ids}
    mentioned: dict[str, set[str]] = {e.key: set() for e in entities}
    for f in range(n_facts):
        relation = rng.choice(sorted(_RELATIONS))
        subject_classes, object_classes = _RELATIONS[relation]
        pool_s = [e for c in subject_classes for e in by_class.get(c, [])]
        pool_o = [e for c in object_classes for e in by_class.get(c, [])]
        if not pool_s or not pool_o:
            pool_s = pool_o = entities
        subject, obj = rng.choice(pool_s), rng.choice(pool_o)
        doc = rng.choice(doc_ids)
        index = len(sentences[doc])
        text = f"{subject.label}与{obj.label}之间的第{f}项事实。"
        sentences[doc].append(Sentence(index, index * 40, index * 40 + len(text), text))
        details = {}
        if relation == LENDS_TO:
            details = {"amount": rng.randint(1, 500) * 10000, "currency": "CNY", "qualifier": "more-than"}
        elif relation == SUPPLIES:
            details = {"quantity": rng.randint(1, 90) * 1000, "quantityUnit": "件"}
        modality = MODALITIES[0] if rng.random() < 0.8 else rng.choice(MODALITIES)
        t += rdf.fact_triples(Fact(subject.key, relation, obj.key,
                             Evidence(doc, index, index * 40, index * 40 + len(text), text),
                             modality=modality, rule="synthetic", details=details))
        mentioned[subject.key].add(doc)
        mentioned[obj.key].add(doc)
    for d in doc_ids:
        t += rdf.document_triples(Document(d, "", title=f"示例文档{d.split('-')[1]}", source="synthetic"), sentences[d])
    for e in entities:
        t += rdf.entity_triples(e, sorted(mentioned[e.key]))
    return rdf.to_rdflib(t)
