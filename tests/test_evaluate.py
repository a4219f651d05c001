"""zhkg eval: reading gold files, scoring predictions, the command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import evaluate as ev
from graph.cli import main
from graph.errors import ZhkgError
from graph.types import Entity, Evidence, Fact

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "data" / "gold"


def write_gold(tmp_path: Path, *docs: dict, name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


LOAN_DOC = {
    "id": "loan",
    "text": "浙江云岭茶业有限公司（以下简称“云岭茶业”）获得中国银行杭州分行贷款5000万元。公司主要生产龙井茶。",
    "entities": [
        {"name": "浙江云岭茶业有限公司", "class": "Enterprise", "aliases": ["云岭茶业"]},
        {"name": "中国银行杭州分行", "class": "Bank"},
        {"name": "中国银行", "class": "Bank", "optional": True},
        {"name": "龙井茶", "class": "Product"},
    ],
    "facts": [
        {"subject": "中国银行杭州分行", "relation": "lendsTo", "object": "云岭茶业"},
        {"subject": "云岭茶业", "relation": "produces", "object": "龙井茶"},
    ],
}


def gold_doc(tmp_path: Path, doc: dict = LOAN_DOC) -> ev.GoldDocument:
    return ev.read_gold([write_gold(tmp_path, doc)])[0]


def named(label: str, cls: str = "", *aliases: str) -> ev.Named:
    return ev.Named((label, *aliases), cls)


def fact(subject: ev.Named, relation: str, obj: ev.Named, *modalities: str) -> ev.PredictedFact:
    return ev.PredictedFact(subject, relation, obj, frozenset(modalities or {"done"}))


def score(doc, prediction, mode="strict") -> ev.Score:
    return ev.score_document(doc, prediction, mode)[0]


# --- reading gold -------------------------------------------------------------

def test_reads_entities_aliases_and_facts(tmp_path):
    doc = gold_doc(tmp_path)
    assert doc.id == "loan" and doc.text.startswith("浙江云岭茶业")
    firm = doc.entities[0].entity
    assert firm.names == ("浙江云岭茶业有限公司", "云岭茶业") and firm.cls == "Enterprise"
    assert doc.entities[2].optional
    loan = doc.facts[0]
    # a fact named by an alias resolves to the entity with all its names
    assert loan.object is firm and loan.relation == "lendsTo" and loan.modality == "done"


def test_path_documents_resolve_from_the_repository(tmp_path):
    gold = tmp_path / "data" / "gold"
    gold.mkdir(parents=True)
    (tmp_path / "data" / "corpus").mkdir()
    (tmp_path / "data" / "corpus" / "a.txt").write_text("某某新闻。", encoding="utf-8")
    path = write_gold(gold, {"id": "a", "path": "data/corpus/a.txt"})
    assert ev.read_gold([path])[0].text == "某某新闻。"


@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "text": "甲"', "invalid JSON"),
    ('["x"]', "must be a JSON object"),
    ('{"id": "x"}', "exactly one of 'text' or 'path'"),
    ('{"id": "x", "path": "nowhere/none.txt"}', "not found"),
    ('{"text": "甲"}', "non-empty string 'id'"),
    ('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Company"}]}', "unknown class 'Company'"),
    ('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Enterprise"}], '
     '"facts": [{"subject": "甲", "relation": "owns", "object": "甲"}]}', "unknown relation 'owns'"),
    ('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Enterprise"}], '
     '"facts": [{"subject": "甲", "relation": "lendsTo", "object": "乙"}]}', "'乙' is not the name or alias"),
    ('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Enterprise"}], '
     '"facts": [{"subject": "甲", "relation": "lendsTo", "object": "甲", "modality": "negated"}]}',
     "negated facts are not listed"),
    ('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Enterprise", "optinal": true}]}',
     "unknown key 'optinal'"),
    ('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Enterprise"}, '
     '{"name": "甲乙", "class": "Bank", "aliases": ["甲"]}]}', "belongs to two entities"),
    ('{"id": "x", "text": "甲", "date": "2020/2/27"}', "YYYY-MM-DD"),
])
def test_bad_gold_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "好"}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(ZhkgError) as info:
        ev.read_gold([path])
    assert f"{path}:3:" in str(info.value) and message in str(info.value)


def test_duplicate_ids_across_files(tmp_path):
    a = write_gold(tmp_path, {"id": "same", "text": "甲"}, name="a.jsonl")
    b = write_gold(tmp_path, {"id": "same", "text": "乙"}, name="b.jsonl")
    with pytest.raises(ZhkgError, match="already used"):
        ev.read_gold([a, b])


# --- names ----------------------------------------------------------------------

def test_names_strict_after_nfkc_and_whitespace():
    assert ev.names_match(["佳和医疗系统(中国)有限公司"], ["佳和医疗系统（中国）有限公司"], "strict")
    assert ev.names_match(["ABC 银行"], ["ＡＢＣ银行"], "strict")
    assert not ev.names_match(["云岭茶业"], ["浙江云岭茶业有限公司"], "strict")


def test_names_lenient_containment_either_way_but_not_single_characters():
    assert ev.names_match(["云岭茶业"], ["浙江云岭茶业有限公司"], "lenient")
    assert ev.names_match(["浙江云岭茶业有限公司"], ["云岭茶业"], "lenient")
    assert not ev.names_match(["茶"], ["龙井茶"], "lenient")
    assert not ev.names_match(["龙井茶"], ["红茶"], "lenient")


# --- scoring ---------------------------------------------------------------------

def test_perfect_prediction_via_aliases(tmp_path):
    doc = gold_doc(tmp_path)
    firm = named("云岭茶业", "Enterprise")  # the extractor's label is the short form
    bank, tea = named("中国银行杭州分行", "Bank"), named("龙井茶", "Product")
    s = score(doc, ev.Prediction([firm, bank, tea], [fact(bank, "lendsTo", firm), fact(firm, "produces", tea)]))
    assert (s.entities.total().tp, s.entities.total().fp, s.entities.total().fn) == (3, 0, 0)
    assert s.facts.total().f1 == 1.0 and s.modality_agree == s.modality_total == 2


def test_strict_and_lenient_differ_on_partial_names(tmp_path):
    doc = gold_doc(tmp_path)
    firm = named("浙江云岭茶业", "Enterprise")  # truncated: neither label nor alias
    bank, tea = named("中国银行杭州分行", "Bank"), named("龙井茶", "Product")
    prediction = ev.Prediction([firm, bank, tea], [fact(bank, "lendsTo", firm)])
    strict, lenient = score(doc, prediction, "strict"), score(doc, prediction, "lenient")
    assert strict.entities.rows["Enterprise"].fp == 1 and strict.entities.rows["Enterprise"].fn == 1
    assert lenient.entities.rows["Enterprise"].tp == 1
    assert strict.facts.rows["lendsTo"].tp == 0 and lenient.facts.rows["lendsTo"].tp == 1
    # the produces fact was not predicted: a miss in both modes
    assert strict.facts.rows["produces"].fn == lenient.facts.rows["produces"].fn == 1


def test_class_must_match_but_class_agnostic_score_ignores_it(tmp_path):
    doc = gold_doc(tmp_path)
    prediction = ev.Prediction([named("中国银行杭州分行", "Enterprise")], [])
    s = score(doc, prediction)
    assert s.entities.rows["Bank"].fn == 1 and s.entities.rows["Enterprise"].fp == 1
    assert s.any_class.tp == 1 and s.any_class.fp == 0


def test_optional_items_count_neither_way(tmp_path):
    doc = gold_doc(tmp_path)
    bank = named("中国银行杭州分行", "Bank")
    found = score(doc, ev.Prediction([bank, named("中国银行", "Bank")], []))
    missed = score(doc, ev.Prediction([bank], []))
    for s in (found, missed):
        assert s.entities.rows["Bank"].tp == 1 and s.entities.rows["Bank"].fp == 0
        assert s.entities.rows["Bank"].fn == 0


def test_optional_gold_never_takes_a_prediction_a_required_item_needs(tmp_path):
    doc = gold_doc(tmp_path, {
        "id": "o", "text": "甲",
        "entities": [{"name": "华兴银行长沙分行", "class": "Bank", "optional": True},
                     {"name": "华兴银行", "class": "Bank"}]})
    # lenient: the one prediction contains both gold names; the required one gets it
    s = score(doc, ev.Prediction([named("华兴银行长沙分行的", "Bank")], []), "lenient")
    assert s.entities.rows["Bank"].tp == 1 and s.entities.rows["Bank"].fn == 0


def test_lenient_prefers_exact_pairs(tmp_path):
    doc = gold_doc(tmp_path, {
        "id": "e", "text": "甲",
        "entities": [{"name": "湖北省人民政府办公厅", "class": "GovernmentAgency"},
                     {"name": "湖北省", "class": "District", "optional": True}]})
    prediction = ev.Prediction([named("湖北省", "District"), named("湖北省人民政府办公厅", "GovernmentAgency")], [])
    s = score(doc, prediction, "lenient")
    assert s.any_class.tp == 1 and s.any_class.fp == 0


def test_matching_is_one_to_one(tmp_path):
    doc = gold_doc(tmp_path)
    # two predictions of the same firm: one matches, the other is a false positive
    preds = [named("浙江云岭茶业有限公司", "Enterprise"), named("云岭茶业", "Enterprise")]
    s = score(doc, ev.Prediction(preds, []))
    assert s.entities.rows["Enterprise"].tp == 1 and s.entities.rows["Enterprise"].fp == 1


def test_one_to_one_finds_the_maximum_matching():
    gold = ["a", "b"]
    predicted = ["A", "B"]
    # gold "a" could take either; only "A" fits gold "b": greedy-first would fail
    can = {("a", "A"), ("a", "B"), ("b", "A")}
    pairs = ev.one_to_one(gold, predicted, lambda g, p: (g, p) in can)
    assert pairs == {0: 1, 1: 0}


def test_wrong_relation_or_swapped_ends_is_no_match(tmp_path):
    doc = gold_doc(tmp_path)
    firm, bank = named("云岭茶业", "Enterprise"), named("中国银行杭州分行", "Bank")
    s = score(doc, ev.Prediction([], [fact(firm, "lendsTo", bank), fact(bank, "supplies", firm)]))
    assert s.facts.total().tp == 0 and s.facts.total().fp == 2 and s.facts.total().fn == 2


def test_modality_is_reported_not_required_for_a_match(tmp_path):
    doc = gold_doc(tmp_path)
    firm, bank = named("云岭茶业", "Enterprise"), named("中国银行杭州分行", "Bank")
    s, errors = ev.score_document(doc, ev.Prediction([], [fact(bank, "lendsTo", firm, "planned")]), "strict")
    assert s.facts.rows["lendsTo"].tp == 1
    assert (s.modality_agree, s.modality_total) == (0, 1)
    assert any(e.kind == "modality" and "planned" in e.text for e in errors)


def _extraction(entities: list[Entity], facts: list[Fact]):
    class Extraction:  # the shape graph.pipeline.extract_text returns
        pass
    ex = Extraction()
    ex.entities = {e.key: e for e in entities}
    ex.facts = facts
    return ex


def _fact(s: str, rel: str, o: str, modality: str = "done") -> Fact:
    return Fact(s, rel, o, Evidence("d", 0, 0, 1, "甲"), modality=modality)


def test_prediction_from_extraction_drops_negated_and_repeats():
    firm = Entity("e1", "浙江云岭茶业有限公司", "Enterprise", {"云岭茶业"})
    bank = Entity("b1", "中国银行杭州分行", "Bank")
    ex = _extraction([firm, bank], [_fact("b1", "lendsTo", "e1"), _fact("b1", "lendsTo", "e1", "planned"),
                                    _fact("b1", "supplies", "e1", "negated")])
    prediction = ev.prediction_from_extraction(ex)
    assert len(prediction.facts) == 1
    assert prediction.facts[0].modalities == {"done", "planned"}
    assert set(prediction.facts[0].object.names) == {"浙江云岭茶业有限公司", "云岭茶业"}


def test_negated_prediction_of_a_gold_fact_is_a_miss(tmp_path):
    doc = gold_doc(tmp_path)
    firm = Entity("e1", "浙江云岭茶业有限公司", "Enterprise", {"云岭茶业"})
    bank = Entity("b1", "中国银行杭州分行", "Bank")
    ex = _extraction([firm, bank], [_fact("b1", "lendsTo", "e1", "negated")])
    s = score(doc, ev.prediction_from_extraction(ex))
    assert s.facts.rows["lendsTo"].fn == 1 and s.facts.total().fp == 0


def test_employer_attribute_counts_as_works_for(tmp_path):
    doc = gold_doc(tmp_path, {
        "id": "p", "text": "据云岭茶业总经理周明远介绍……",
        "entities": [{"name": "云岭茶业", "class": "Enterprise"}, {"name": "周明远", "class": "Person"}],
        "facts": [{"subject": "周明远", "relation": "worksFor", "object": "云岭茶业"}]})
    firm = Entity("e1", "云岭茶业", "Enterprise")
    by_key = Entity("p1", "周明远", "Person", attrs={"role": "总经理", "employer": "e1"})
    by_name = Entity("p1", "周明远", "Person", attrs={"role": "总经理", "employer": "云岭茶业"})
    for person in (by_key, by_name):
        s = score(doc, ev.prediction_from_extraction(_extraction([firm, person], [])))
        assert s.facts.rows["worksFor"].tp == 1 and s.facts.total().fp == 0


def test_counts_and_f1():
    c = ev.Counts(tp=6, fp=2, fn=4)
    assert c.precision == 0.75 and c.recall == 0.6 and round(c.f1, 4) == 0.6667
    assert ev.Counts().f1 == 0.0


# --- the command -------------------------------------------------------------------

def fake_extract(monkeypatch, prediction_for):
    monkeypatch.setattr(ev, "default_extract", prediction_for)


def perfect(doc: ev.GoldDocument) -> ev.Prediction:
    return ev.Prediction([g.entity for g in doc.entities],
                         [fact(f.subject, f.relation, f.object, f.modality) for f in doc.facts])


def test_command_table_json_and_errors(tmp_path, monkeypatch, capsys):
    fake_extract(monkeypatch, lambda doc: ev.Prediction([named("龙井茶", "Product")], []))
    path = write_gold(tmp_path, LOAN_DOC)
    assert main(["eval", str(path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "Product" in out and "missed    fact   中国银行杭州分行 lendsTo 浙江云岭茶业有限公司" in out
    assert main(["eval", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["strict"]["entities"]["Product"]["tp"] == 1
    assert data["strict"]["facts"]["(all)"]["fn"] == 2


def test_floors_from_the_gold_folder(tmp_path, monkeypatch, capsys):
    write_gold(tmp_path, LOAN_DOC)
    (tmp_path / "thresholds.json").write_text('{"entity_f1": 0.9, "relation_f1": 0.5}', encoding="utf-8")
    fake_extract(monkeypatch, perfect)
    assert main(["eval", str(tmp_path)]) == 0
    fake_extract(monkeypatch, lambda doc: ev.Prediction([g.entity for g in doc.entities], []))
    assert main(["eval", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "relation_f1 0.0000 is below the floor 0.5000" in err and "entity_f1" not in err
    assert main(["eval", str(tmp_path), "--no-min-f1"]) == 0


def test_bad_gold_file_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "甲", "entities": [{"name": "甲", "class": "Firm"}]}\n', encoding="utf-8")
    assert main(["eval", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{path}:1:" in err and "unknown class" in err


def test_bad_thresholds_file(tmp_path, monkeypatch, capsys):
    fake_extract(monkeypatch, perfect)
    gold = write_gold(tmp_path, LOAN_DOC)
    floors = tmp_path / "floors.json"
    floors.write_text('{"entity_f1": "high"}', encoding="utf-8")
    assert main(["eval", str(gold), "--min-f1", str(floors)]) == 2
    assert "entity_f1" in capsys.readouterr().err


# --- the gold standard itself ---------------------------------------------------------

def test_gold_folder_is_valid_and_large_enough():
    docs = ev.read_gold([GOLD])
    passages = [d for d in docs if d.id.startswith("p")]
    assert len(passages) >= 30
    counter = [d for d in passages if all(f.optional for f in d.facts)]
    assert len(counter) >= 6
    relations = {f.relation for d in docs for f in d.facts if not f.optional}
    assert relations == {"lendsTo", "reducesRentFor", "supplies", "produces", "locatedIn", "worksFor"}
    modalities = {f.modality for d in docs for f in d.facts if not f.optional}
    assert {"done", "planned", "requested", "encouraged"} <= modalities


def test_gold_names_occur_in_their_text():
    for doc in ev.read_gold([GOLD]):
        for gold in doc.entities:
            if not gold.optional:
                assert gold.entity.label in doc.text, (doc.id, gold.entity.label)


def test_gold_thresholds_are_readable():
    floors = ev.read_thresholds(GOLD / "thresholds.json")
    assert set(floors) == {"entity_f1", "relation_f1"}


def test_perfect_extractor_scores_one_on_the_gold():
    report = ev.evaluate(ev.read_gold([GOLD]), perfect)
    for mode in ev.MODES:
        assert report.f1(mode, "entities") == 1.0 and report.f1(mode, "facts") == 1.0


# --- the real extractor over the gold ---------------------------------------------------

def test_smoke_zhkg_eval_with_the_real_extractor(capsys):
    """The CI check: `zhkg eval data/gold` with the floors in thresholds.json."""
    pytest.importorskip("graph.pipeline", reason="the extractor (graph.pipeline) has not landed yet")
    status = main(["eval", str(GOLD), "--format", "json"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["documents"] == len(ev.read_gold([GOLD]))
    for mode in ev.MODES:
        assert report[mode]["facts"]["(all)"]["tp"] + report[mode]["facts"]["(all)"]["fn"] > 0
    assert status == 0, captured.err


def test_second_node_for_one_gold_entity_is_a_duplicate_false_positive(tmp_path):
    doc = gold_doc(tmp_path)
    full, short = named("浙江云岭茶业有限公司", "Enterprise"), named("云岭茶业", "Enterprise")
    s, errors = ev.score_document(doc, ev.Prediction([short, full], []), "strict")
    assert s.entities.rows["Enterprise"].tp == 1 and s.entities.rows["Enterprise"].fp == 1
    # the node named by the gold label is the match; the other is flagged as its duplicate
    assert [e.text for e in errors if e.kind == "duplicate"] == [
        "Enterprise 云岭茶业: another node for 浙江云岭茶业有限公司"]
