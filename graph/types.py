"""The plain data types that pass between the pipeline stages.

read -> Document; nlp -> Sentence (with tokens); entities -> Mention, Entity;
relations -> Fact carrying Evidence. Stages only ever hand these forward.
Offsets are character offsets into ``Document.text`` with an exclusive end.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Entity classes, named as in the ontology (zhkg:Enterprise, ...).
ENTERPRISE = "Enterprise"
BANK = "Bank"
DISTRICT = "District"
SITE = "Site"  # parks, zones, stations: a place inside a district
PRODUCT = "Product"
GOVERNMENT = "GovernmentAgency"
PERSON = "Person"
GROUP = "EnterpriseGroup"
ORGANIZATION = "Organization"  # other bodies: hospitals, associations, schools
ENTITY_CLASSES = (ENTERPRISE, BANK, DISTRICT, SITE, PRODUCT, GOVERNMENT, PERSON, GROUP, ORGANIZATION)

# Relations, named as the ontology's object properties.
SUPPLIES = "supplies"
REDUCES_RENT_FOR = "reducesRentFor"
LENDS_TO = "lendsTo"
PRODUCES = "produces"
LOCATED_IN = "locatedIn"
WORKS_FOR = "worksFor"
RELATIONS = (SUPPLIES, REDUCES_RENT_FOR, LENDS_TO, PRODUCES, LOCATED_IN, WORKS_FOR)

# Modality of a fact: what the sentence says about whether it happened.
DONE, PLANNED, REQUESTED, ENCOURAGED, NEGATED = "done", "planned", "requested", "encouraged", "negated"
MODALITIES = (DONE, PLANNED, REQUESTED, ENCOURAGED, NEGATED)


@dataclass(frozen=True)
class Document:
    """One article: headline lines first, then the body, as one text."""

    id: str  # stable local id, e.g. "000_c1200b36e2ca91ff-3"
    text: str
    title: str = ""
    subtitles: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    source: str = ""  # the file it came from (as given on the command line)
    date: str | None = None  # ISO date (YYYY-MM-DD) or None
    url: str | None = None


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset into the document text
    pos: str = ""  # jieba part-of-speech tag


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the document, from 0
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span of the document text that names an entity."""

    start: int
    end: int
    text: str
    cls: str  # one of ENTITY_CLASSES
    source: str = "rule"  # what found it: "gazetteer", "suffix", "ner", "alias", "coref", ...
    key: str = ""  # the Entity it refers to, once the entities stage has resolved it


@dataclass
class Entity:
    """One real thing within a graph: a canonical name, its class and aliases."""

    key: str  # stable id from the normalised canonical name (and class)
    label: str  # the full name
    cls: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    # extra facts about the thing itself: "role" and "employer" for people,
    # "stock_code" for listed firms, "count" for groups, "parent" for branches.
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a sentence of a document."""

    doc_id: str
    sentence: int  # Sentence.index
    start: int  # sentence offsets into the document text
    end: int
    text: str


@dataclass
class Fact:
    """subject --relation--> object, read from one sentence."""

    subject: str  # Entity.key
    relation: str  # one of RELATIONS
    object: str  # Entity.key
    evidence: Evidence
    modality: str = DONE
    rule: str = ""  # the extractor rule or model that produced it
    confidence: float = 1.0
    # what the sentence says about it, keyed by ontology property name: amount,
    # currency, qualifier, quantity, quantityUnit, beneficiaryCount,
    # countQualifier, percentage, date, periodStart, periodEnd, product (a key).
    details: dict[str, object] = field(default_factory=dict)
