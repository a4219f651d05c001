"""Measure the extractor against a hand-made gold standard (``zhkg eval``).

A gold file is JSON lines, one document per line (see data/gold/README.md):
its text (or a path to it), the entities a careful reader finds in it and the
facts it states. We run the extractor on each document's text, then count,
per entity class and per relation, how many gold items it found (tp), how many
it missed (fn) and how many things it reported that are not in the gold (fp).

Two ways to compare names, both after Unicode NFKC normalisation and removal
of whitespace:
- strict: a predicted name equals a gold name (label or any alias, either side);
- lenient: one name contains the other (the shorter having at least 2 chars).

Each gold item is matched to at most one predicted item and vice versa (a
maximum one-to-one matching). Gold items marked optional count neither way:
if matched, the pair drops out of all counts; if missed, nothing is counted.
Facts are compared as (subject, relation, object) per document: repeated
predictions of one triple count once, and negated predictions do not count.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import ZhkgError
from .types import ENTITY_CLASSES, MODALITIES, NEGATED, RELATIONS, WORKS_FOR, DONE

MODES = ("strict", "lenient")
# The ontology's classes an entity may have in the gold (Site: parks, stations...).
GOLD_CLASSES = tuple(dict.fromkeys([*ENTITY_CLASSES, "Site"]))
ANY_CLASS = "(any class)"  # the class-agnostic entity score
ALL = "(all)"  # the overall row of a table
MIN_CONTAINED = 2  # lenient matching ignores contained names shorter than this

_DOC_KEYS = {"id", "text", "path", "date", "entities", "facts", "note"}
_ENTITY_KEYS = {"name", "class", "aliases", "optional", "role", "note"}
_FACT_KEYS = {"subject", "relation", "object", "modality", "optional", "details", "note"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- gold documents -----------------------------------------------------------

@dataclass(frozen=True)
class Named:
    """Something compared by its names: an entity, or a fact's end."""

    names: tuple[str, ...]  # display forms, the label first
    cls: str = ""

    @property
    def label(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class GoldEntity:
    entity: Named
    optional: bool = False


@dataclass(frozen=True)
class GoldFact:
    subject: Named
    relation: str
    object: Named
    modality: str = DONE
    optional: bool = False


@dataclass
class GoldDocument:
    id: str
    text: str
    where: str  # "FILE:LINE", for messages
    date: str | None = None
    source: str = ""
    entities: list[GoldEntity] = field(default_factory=list)
    facts: list[GoldFact] = field(default_factory=list)


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .jsonl files named, folders expanded (sorted), in the order given."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.jsonl"))
            if not found:
                raise ZhkgError(f"{p}: no .jsonl gold files in this folder")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise ZhkgError(f"{p}: no such file or folder")
    return files


def read_gold(paths: Iterable[str | Path]) -> list[GoldDocument]:
    """All documents of the gold files (or folders of them) named."""
    docs: list[GoldDocument] = []
    seen: dict[str, str] = {}
    for path in gold_files(paths):
        for doc in read_gold_file(path):
            if doc.id in seen:
                raise ZhkgError(f"{doc.where}: document id {doc.id!r} already used at {seen[doc.id]}")
            seen[doc.id] = doc.where
            docs.append(doc)
    return docs


def read_gold_file(path: str | Path) -> list[GoldDocument]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ZhkgError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ZhkgError(f"{path}: cannot read ({exc.strerror})") from None
    docs = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue  # blank lines and // comments are allowed
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ZhkgError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        docs.append(_document(record, path, where))
    return docs


def _fail(where: str, message: str):
    raise ZhkgError(f"{where}: {message}")


def _check_keys(record: object, allowed: set[str], what: str, where: str) -> dict:
    if not isinstance(record, dict):
        _fail(where, f"{what} must be a JSON object")
    unknown = sorted(set(record) - allowed)
    if unknown:
        _fail(where, f"{what} has unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
    return record


def _string(record: dict, key: str, what: str, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(where, f"{what} needs a non-empty string {key!r}")
    return value


def _document(record: object, path: Path, where: str) -> GoldDocument:
    record = _check_keys(record, _DOC_KEYS, "document", where)
    doc_id = _string(record, "id", "document", where)
    if ("text" in record) == ("path" in record):
        _fail(where, "document needs exactly one of 'text' or 'path'")
    if "text" in record:
        text, source = _string(record, "text", "document", where), ""
    else:
        source_path = _resolve(_string(record, "path", "document", where), path, where)
        text, source = source_path.read_text(encoding="utf-8"), str(source_path)
    date = record.get("date")
    if date is not None and (not isinstance(date, str) or not _DATE.fullmatch(date)):
        _fail(where, f"date must be YYYY-MM-DD, not {date!r}")
    doc = GoldDocument(id=doc_id, text=text, where=where, date=date, source=source)
    entities = record.get("entities", [])
    facts = record.get("facts", [])
    if not isinstance(entities, list) or not isinstance(facts, list):
        _fail(where, "'entities' and 'facts' must be lists")
    by_name: dict[str, Named] = {}
    for raw in entities:
        gold = _entity(raw, where)
        for name in gold.entity.names:
            key = normalise(name)
            if key in by_name and by_name[key] is not gold.entity:
                _fail(where, f"name {name!r} belongs to two entities "
                             f"({by_name[key].label!r} and {gold.entity.label!r})")
            by_name[key] = gold.entity
        doc.entities.append(gold)
    for raw in facts:
        doc.facts.append(_fact(raw, by_name, where))
    return doc


def _resolve(relative: str, gold_file: Path, where: str) -> Path:
    """A document path: relative to the repository (the gold folder's grandparent),
    to the gold file's folder, or to the working directory."""
    folder = gold_file.resolve().parent
    for base in (folder.parent.parent, folder, Path.cwd()):
        candidate = base / relative
        if candidate.is_file():
            return candidate
    _fail(where, f"document file {relative!r} not found (looked beside the repository "
                 f"root {folder.parent.parent} and in {folder})")


def _entity(raw: object, where: str) -> GoldEntity:
    raw = _check_keys(raw, _ENTITY_KEYS, "entity", where)
    name = _string(raw, "name", "entity", where)
    cls = raw.get("class")
    if cls not in GOLD_CLASSES:
        _fail(where, f"entity {name!r} has unknown class {cls!r} (one of: {', '.join(GOLD_CLASSES)})")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        _fail(where, f"entity {name!r}: 'aliases' must be a list of non-empty strings")
    names = tuple(dict.fromkeys([name, *aliases]))  # label first, no repeats
    return GoldEntity(Named(names, cls), optional=_flag(raw, where))


def _flag(raw: dict, where: str) -> bool:
    optional = raw.get("optional", False)
    if not isinstance(optional, bool):
        _fail(where, f"'optional' must be true or false, not {optional!r}")
    return optional


def _fact(raw: object, by_name: dict[str, Named], where: str) -> GoldFact:
    raw = _check_keys(raw, _FACT_KEYS, "fact", where)
    subject = _string(raw, "subject", "fact", where)
    obj = _string(raw, "object", "fact", where)
    relation = raw.get("relation")
    if relation not in RELATIONS:
        _fail(where, f"fact {subject} -> {obj} has unknown relation {relation!r} "
                     f"(one of: {', '.join(RELATIONS)})")
    modality = raw.get("modality", DONE)
    if modality not in MODALITIES or modality == NEGATED:
        _fail(where, f"fact {subject} {relation} {obj}: modality must be one of "
                     f"{', '.join(m for m in MODALITIES if m != NEGATED)} (negated facts are not "
                     f"listed), not {modality!r}")
    ends = []
    for name in (subject, obj):
        if normalise(name) not in by_name:
            _fail(where, f"fact {subject} {relation} {obj}: {name!r} is not the name or alias "
                         f"of an entity of this document")
        ends.append(by_name[normalise(name)])
    return GoldFact(ends[0], relation, ends[1], modality, optional=_flag(raw, where))


# --- comparing names ----------------------------------------------------------

def normalise(name: str) -> str:
    """NFKC (full-width to half-width, compatibility forms), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def names_match(gold: Iterable[str], predicted: Iterable[str], mode: str) -> bool:
    gold_keys = {normalise(n) for n in gold}
    predicted_keys = {normalise(n) for n in predicted}
    if mode == "strict":
        return not gold_keys.isdisjoint(predicted_keys)
    return any(_contains(g, p) for g in gold_keys for p in predicted_keys)


def _contains(a: str, b: str) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= MIN_CONTAINED and shorter in longer


# --- predictions --------------------------------------------------------------

@dataclass(frozen=True)
class PredictedFact:
    subject: Named
    relation: str
    object: Named
    modalities: frozenset[str]


@dataclass
class Prediction:
    """What the extractor found in one document, reduced to names."""

    entities: list[Named]
    facts: list[PredictedFact]


def prediction_from_extraction(ex) -> Prediction:
    """Names of the entities and the non-negated facts of an ``Extraction``.

    A person's employer may come as a worksFor fact or as ``attrs["employer"]``
    (an entity key or a name); both become worksFor facts.
    """
    named = {key: Named(_entity_names(e), e.cls) for key, e in sorted(ex.entities.items())}

    def end(key: str) -> Named:
        return named.get(key) or Named((key,))

    triples: dict[tuple, set[str]] = {}
    for fact in ex.facts:
        if fact.modality == NEGATED:
            continue
        triples.setdefault((fact.subject, fact.relation, fact.object), set()).add(fact.modality)
    for key, entity in sorted(ex.entities.items()):
        employer = (getattr(entity, "attrs", None) or {}).get("employer")
        if employer and not any(s == key and r == WORKS_FOR for s, r, _ in triples):
            triples.setdefault((key, WORKS_FOR, employer), set()).add(DONE)
    facts = [PredictedFact(end(s), r, end(o), frozenset(m)) for (s, r, o), m in triples.items()]
    return Prediction(list(named.values()), facts)


def _entity_names(entity) -> tuple[str, ...]:
    return tuple(dict.fromkeys([entity.label, *sorted(entity.aliases)]))


# --- one-to-one matching --------------------------------------------------------

def one_to_one(gold: list, predicted: list, same: Callable[[object, object], bool],
               taken: set[int] | None = None,
               prefer: Callable[[object, object], int] | None = None) -> dict[int, int]:
    """A maximum matching gold index -> predicted index (Kuhn's augmenting paths).

    Deterministic: gold items are tried in order, candidates in list order, or
    by ``prefer(gold, predicted)`` (lowest first) when given. Predicted indices
    in ``taken`` are not available.
    """
    taken = taken or set()
    candidates = [[j for j, p in enumerate(predicted) if j not in taken and same(g, p)]
                  for g in gold]
    if prefer:
        candidates = [sorted(c, key=lambda j, g=g: prefer(g, predicted[j])) for g, c in zip(gold, candidates)]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, visited: set[int]) -> bool:
        for j in candidates[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


# --- counting -----------------------------------------------------------------

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Table:
    """Counts per row (class or relation) plus the overall row."""

    rows: dict[str, Counts] = field(default_factory=dict)

    def count(self, row: str, kind: str) -> None:
        counts = self.rows.setdefault(row, Counts())
        setattr(counts, kind, getattr(counts, kind) + 1)

    def total(self) -> Counts:
        total = Counts()
        for counts in self.rows.values():
            total.add(counts)
        return total

    def merge(self, other: "Table") -> None:
        for row, counts in other.rows.items():
            self.rows.setdefault(row, Counts()).add(counts)


@dataclass
class Score:
    """The counts of one mode, over one or more documents."""

    entities: Table = field(default_factory=Table)
    any_class: Counts = field(default_factory=Counts)
    facts: Table = field(default_factory=Table)
    modality_agree: int = 0  # matched facts whose modality the extractor got right
    modality_total: int = 0

    def merge(self, other: "Score") -> None:
        self.entities.merge(other.entities)
        self.any_class.add(other.any_class)
        self.facts.merge(other.facts)
        self.modality_agree += other.modality_agree
        self.modality_total += other.modality_total


@dataclass(frozen=True)
class Error:
    """A false positive or negative: what a rule-writer looks at."""

    doc_id: str
    mode: str
    kind: str  # "missed" (fn), "spurious" or "duplicate" (fp), or "modality"
    what: str  # "entity" or "fact"
    text: str

    def line(self) -> str:
        return f"{self.doc_id}\t{self.kind}\t{self.what}\t{self.text}"


def _show_entity(e: Named) -> str:
    also = f" (= {' / '.join(e.names[1:])})" if len(e.names) > 1 else ""
    return f"{e.cls} {e.label}{also}"


def _show_fact(f) -> str:
    modality = getattr(f, "modality", None) or "/".join(sorted(getattr(f, "modalities", ())))
    flag = f" [{modality}]" if modality and modality != DONE else ""
    return f"{f.subject.label} {f.relation} {f.object.label}{flag}"


def score_document(gold: GoldDocument, predicted: Prediction, mode: str) -> tuple[Score, list[Error]]:
    """Counts for one document in one mode, and the errors behind them."""
    score, errors = Score(), []

    def err(kind: str, what: str, text: str) -> None:
        errors.append(Error(gold.id, mode, kind, what, text))

    _score_entities(gold, predicted, mode, score, err)
    _score_facts(gold, predicted, mode, score, err)
    return score, errors


def _score_entities(gold: GoldDocument, predicted: Prediction, mode: str, score: Score, err) -> None:
    # by class first ...
    def same_class(m):
        return lambda g, p: g.entity.cls == p.cls and names_match(g.entity.names, p.names, m)
    by_label = lambda g, p: _label_rank(g.entity, p)
    matched, unmatched_pred = _match(gold.entities, predicted.entities, same_class, mode, by_label)
    matched_gold = {id(g) for g, _ in matched}
    for g, p in matched:
        if not g.optional:
            score.entities.count(g.entity.cls, "tp")
    for g in gold.entities:
        if not g.optional and id(g) not in matched_gold:
            score.entities.count(g.entity.cls, "fn")
            err("missed", "entity", _show_entity(g.entity))
    for p in unmatched_pred:
        score.entities.count(p.cls, "fp")
        twin = next((g for g in gold.entities if same_class(mode)(g, p)), None)
        if twin:  # a second node for one gold entity: a merging problem
            err("duplicate", "entity", f"{_show_entity(p)}: another node for {twin.entity.label}")
        else:
            err("spurious", "entity", _show_entity(p))

    # ... then once more ignoring the class
    def any_class(m):
        return lambda g, p: names_match(g.entity.names, p.names, m)
    matched, unmatched_pred = _match(gold.entities, predicted.entities, any_class, mode, by_label)
    required_found = sum(not g.optional for g, _ in matched)
    score.any_class.tp += required_found
    score.any_class.fn += sum(not g.optional for g in gold.entities) - required_found
    score.any_class.fp += len(unmatched_pred)


def _score_facts(gold: GoldDocument, predicted: Prediction, mode: str, score: Score, err) -> None:
    """A fact matches when the relation is equal and both ends match by name."""
    def same_fact(m):
        return lambda g, p: (g.relation == p.relation
                             and names_match(g.subject.names, p.subject.names, m)
                             and names_match(g.object.names, p.object.names, m))
    by_labels = lambda g, p: _label_rank(g.subject, p.subject) + _label_rank(g.object, p.object)
    matched, unmatched_pred = _match(gold.facts, predicted.facts, same_fact, mode, by_labels)
    for g, p in matched:
        if g.optional:
            continue
        score.facts.count(g.relation, "tp")
        score.modality_total += 1
        if g.modality in p.modalities:
            score.modality_agree += 1
        else:
            err("modality", "fact", f"{_show_fact(g)}: extracted as {'/'.join(sorted(p.modalities))}")
    matched_gold = {id(g) for g, _ in matched}
    for g in gold.facts:
        if not g.optional and id(g) not in matched_gold:
            score.facts.count(g.relation, "fn")
            err("missed", "fact", _show_fact(g))
    for p in unmatched_pred:
        score.facts.count(p.relation, "fp")
        twin = next((g for g in gold.facts if same_fact(mode)(g, p)), None)
        if twin:
            err("duplicate", "fact", f"{_show_fact(p)}: another prediction of {_show_fact(twin)}")
        else:
            err("spurious", "fact", _show_fact(p))


def _label_rank(gold: Named, predicted: Named) -> int:
    """0 when the predicted label is the gold label: such pairs are preferred."""
    return 0 if normalise(gold.label) == normalise(predicted.label) else 1


def _match(gold: list, predicted: list, same_in: Callable[[str], Callable], mode: str,
           prefer: Callable | None = None) -> tuple[list[tuple], list]:
    """Pairs (gold, predicted) and the predicted items left over.

    Exact name matches are made first; in lenient mode, containment matches
    are then made among what is left. Within each round, required gold items
    go first, so an optional one never takes a prediction that a required one
    could have had.
    """
    rounds = ["strict"] if mode == "strict" else ["strict", "lenient"]
    pairs: list[tuple] = []
    taken: set[int] = set()
    done: set[int] = set()  # ids of matched gold items
    for round_mode in rounds:
        same = same_in(round_mode)
        for wanted in (False, True):  # required first, then optional
            group = [g for g in gold if g.optional == wanted and id(g) not in done]
            found = one_to_one(group, predicted, same, taken=taken, prefer=prefer)
            for i, j in found.items():
                pairs.append((group[i], predicted[j]))
                taken.add(j)
                done.add(id(group[i]))
    return pairs, [p for j, p in enumerate(predicted) if j not in taken]


# --- running the extractor over the gold ----------------------------------------

@dataclass
class Report:
    documents: int
    scores: dict[str, Score]  # mode -> score
    errors: list[Error]

    def f1(self, mode: str, kind: str) -> float:
        table = self.scores[mode].entities if kind == "entities" else self.scores[mode].facts
        return table.total().f1


def default_extract(doc: GoldDocument) -> Prediction:
    from .pipeline import extract_text  # the extractor; imported late so the scorer stands alone
    ex = extract_text(doc.text, doc_id=doc.id, source=doc.source or doc.where, date=doc.date)
    return prediction_from_extraction(ex)


def evaluate(docs: list[GoldDocument],
             extract: Callable[[GoldDocument], Prediction] | None = None) -> Report:
    """Run ``extract`` (by default the extractor) on each document and score it."""
    extract = extract or default_extract
    scores = {mode: Score() for mode in MODES}
    errors: list[Error] = []
    for doc in docs:
        predicted = extract(doc)
        for mode in MODES:
            score, doc_errors = score_document(doc, predicted, mode)
            scores[mode].merge(score)
            errors += doc_errors
    return Report(len(docs), scores, errors)


# --- thresholds -----------------------------------------------------------------

THRESHOLD_KEYS = {"entity_f1": "entities", "relation_f1": "facts"}


def read_thresholds(path: str | Path) -> dict[str, float]:
    """The strict F1 floors: {"entity_f1": 0.9, "relation_f1": 0.9}."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ZhkgError(f"{path}: cannot read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise ZhkgError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise ZhkgError(f"{path}: thresholds must be a JSON object")
    floors = {}
    for key in THRESHOLD_KEYS:
        value = data.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ZhkgError(f"{path}: {key!r} must be a number between 0 and 1, not {value!r}")
        floors[key] = float(value)
    return floors


def default_thresholds(gold_paths: Iterable[str | Path]) -> Path | None:
    """thresholds.json of the gold folder, when that one folder is evaluated.

    The floors hold for all the folder's files together, so evaluating a single
    file checks no floor unless one is named."""
    paths = [Path(p) for p in gold_paths]
    if len(paths) == 1 and paths[0].is_dir() and (paths[0] / "thresholds.json").is_file():
        return paths[0] / "thresholds.json"
    return None


def below_floor(report: Report, floors: dict[str, float]) -> list[str]:
    """A line for each strict F1 under its floor."""
    failures = []
    for key, kind in THRESHOLD_KEYS.items():
        f1 = report.f1("strict", kind)
        # compare as printed, so that a floor copied from the output holds
        if round(f1, 4) < floors[key]:
            failures.append(f"strict {key} {f1:.4f} is below the floor {floors[key]:.4f}")
    return failures


# --- output -------------------------------------------------------------------

def as_json(report: Report, with_errors: bool = False) -> str:
    out: dict[str, object] = {"documents": report.documents}
    for mode, score in report.scores.items():
        out[mode] = {
            "entities": {**{row: c.as_dict() for row, c in sorted(score.entities.rows.items())},
                         ALL: score.entities.total().as_dict(),
                         ANY_CLASS: score.any_class.as_dict()},
            "facts": {**{row: c.as_dict() for row, c in sorted(score.facts.rows.items())},
                      ALL: score.facts.total().as_dict()},
            "modality": {"agree": score.modality_agree, "matched": score.modality_total},
        }
    if with_errors:
        out["errors"] = [e.__dict__ for e in report.errors]
    return json.dumps(out, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def as_table(report: Report) -> str:
    strict, lenient = report.scores["strict"], report.scores["lenient"]
    head = f"{'':<20}{'strict':^34}  {'lenient':^34}"
    cols = f"{'':<20}" + ("     P      R     F1    tp   fp   fn  " * 2).rstrip()
    lines = [f"{report.documents} gold documents", ""]

    def row(name: str, a: Counts, b: Counts) -> str:
        def cells(c: Counts) -> str:
            return f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d}{c.fp:5d}{c.fn:5d}"
        return f"{name:<20}{cells(a)}    {cells(b)}"

    for title, kind, order in (("Entities", "entities", GOLD_CLASSES), ("Facts", "facts", RELATIONS)):
        lines += [f"{title}{head[len(title):]}", cols]
        a_table, b_table = getattr(strict, kind), getattr(lenient, kind)
        names = [n for n in order if n in a_table.rows or n in b_table.rows]
        names += sorted((set(a_table.rows) | set(b_table.rows)) - set(names))
        for name in names:
            lines.append(row(name, a_table.rows.get(name, Counts()), b_table.rows.get(name, Counts())))
        lines.append(row("all", a_table.total(), b_table.total()))
        if kind == "entities":
            lines.append(row("any class", strict.any_class, lenient.any_class))
        lines.append("")
    lines.append(f"modality right on {strict.modality_agree} of {strict.modality_total} "
                 f"strictly matched facts")
    return "\n".join(lines) + "\n"


def errors_text(report: Report, mode: str = "strict") -> str:
    """False negatives and positives (and modality slips) per document."""
    out, last = [], None
    for e in report.errors:
        if e.mode != mode:
            continue
        if e.doc_id != last:
            out.append(f"\n== {e.doc_id}")
            last = e.doc_id
        out.append(f"  {e.kind:<10}{e.what:<7}{e.text}")
    if not out:
        return f"no {mode} errors\n"
    return f"Errors ({mode}):" + "\n".join(out) + "\n"


# --- the command ----------------------------------------------------------------

def run(gold_paths: list[str], *, fmt: str = "table", show_errors: bool = False,
        thresholds: str | None = None, check_floors: bool = True, write=print) -> int:
    """`zhkg eval`: score, print, and return 1 if a strict F1 is under its floor."""
    docs = read_gold(gold_paths)  # read all gold before the (slow) extraction
    floors_path = thresholds or (default_thresholds(gold_paths) if check_floors else None)
    floors = read_thresholds(floors_path) if floors_path and check_floors else None
    report = evaluate(docs)
    if fmt == "json":
        write(as_json(report, with_errors=show_errors), end="")
    else:
        write(as_table(report), end="")
        if show_errors:
            write(errors_text(report), end="")
    if floors is None:
        return 0
    failures = below_floor(report, floors)
    for failure in failures:
        write(f"zhkg eval: {failure} ({floors_path})", file=sys.stderr)
    return 1 if failures else 0
