"""SHACL validation: ontology/shapes.ttl, graph.validate and `zhkg validate`."""
from pathlib import Path

import pytest
from rdflib import Graph

from graph import rdf
from graph.cli import main
from graph.types import Document, Entity, Evidence, Fact, Sentence
from graph.validate import validate, validate_file

PREFIXES = """
@prefix zhkg: <https://w3id.org/zhkg/ontology#> .
@prefix ent: <https://w3id.org/zhkg/id/entity/> .
@prefix fact: <https://w3id.org/zhkg/id/fact/> .
@prefix doc: <https://w3id.org/zhkg/id/doc/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

# A small graph that satisfies every shape: one document, one sentence, a bank,
# a group of firms, a district, a product, a person and their facts.
CONFORMING = PREFIXES + """
doc:d1 a zhkg:Document ; dcterms:title "某区银行为小微企业发放贷款"@zh ;
    zhkg:sourceFile "news/d1.txt" ; dcterms:date "2020-03-01"^^xsd:date .
doc:d1\\/s0 a zhkg:Sentence ; rdf:value "某银行向小微企业发放贷款超3亿元。"@zh ;
    dcterms:isPartOf doc:d1 ; zhkg:sentenceIndex 0 ; zhkg:startOffset 0 ; zhkg:endOffset 18 .
ent:某银行 a zhkg:Bank ; rdfs:label "某银行"@zh ; skos:altLabel "该行"@zh .
ent:小微企业 a zhkg:EnterpriseGroup ; rdfs:label "小微企业"@zh .
ent:某区 a zhkg:District ; rdfs:label "某区"@zh .
ent:某药厂 a zhkg:Enterprise ; rdfs:label "某药厂"@zh .
ent:检测试剂 a zhkg:Product ; rdfs:label "检测试剂"@zh .
ent:张三 a zhkg:Person ; rdfs:label "张三"@zh ; zhkg:role "行长"@zh .
ent:某银行 zhkg:lendsTo ent:小微企业 ; zhkg:locatedIn ent:某区 .
ent:某药厂 zhkg:produces ent:检测试剂 .
ent:张三 zhkg:worksFor ent:某银行 .
fact:f1 a zhkg:Loan ; zhkg:factSubject ent:某银行 ; zhkg:factObject ent:小微企业 ;
    zhkg:relation zhkg:lendsTo ; zhkg:modality zhkg:Done ; prov:wasDerivedFrom doc:d1\\/s0 ;
    zhkg:amount 300000000.0 ; zhkg:currency "CNY" ; zhkg:qualifier "more-than" ;
    zhkg:beneficiaryCount 7000 ; zhkg:countQualifier "more-than" ; zhkg:percentage 0.5 ;
    zhkg:date "2020-02-27"^^xsd:date ; zhkg:periodStart "2020-02-01"^^xsd:date ;
    zhkg:periodEnd "2020-02-29"^^xsd:date ; zhkg:rule "lend.test" ; zhkg:confidence 0.9 .
fact:f2 a zhkg:Production ; zhkg:factSubject ent:某药厂 ; zhkg:factObject ent:检测试剂 ;
    zhkg:relation zhkg:produces ; zhkg:modality zhkg:Planned ; prov:wasDerivedFrom doc:d1\\/s0 ;
    zhkg:quantity 500000.0 ; zhkg:quantityUnit "人份" .
"""


def graph_of(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def broken(old: str, new: str) -> Graph:
    """The conforming graph with one piece of text replaced."""
    assert old in CONFORMING
    return graph_of(CONFORMING.replace(old, new, 1))


def messages(graph: Graph) -> list[str]:
    report = validate(graph)
    assert not report.conforms
    return [str(v) for v in report.violations]


def test_conforming_graph_passes():
    report = validate(graph_of(CONFORMING))
    assert report.conforms, report.text()
    assert report.violations == ()
    assert "conforms" in report.text()


def test_validation_leaves_the_graph_unchanged():
    g = graph_of(CONFORMING)
    before = set(g)
    validate(g)
    assert set(g) == before


@pytest.mark.parametrize("old, new, focus, words", [
    # every entity, of any subclass, has exactly one zh label
    ('ent:某银行 a zhkg:Bank ; rdfs:label "某银行"@zh ;', "ent:某银行 a zhkg:Bank ;",
     "ent:某银行", "exactly one rdfs:label"),
    ('rdfs:label "某区"@zh', 'rdfs:label "Some district"@en', "ent:某区", "Chinese"),
    ('rdfs:label "小微企业"@zh', 'rdfs:label "小微企业"@zh, "中小微企业"@zh', "ent:小微企业",
     "exactly one rdfs:label"),
    # facts: one evidence sentence, typed values
    ("prov:wasDerivedFrom doc:d1\\/s0 ;\n    zhkg:amount",
     "prov:wasDerivedFrom doc:d1\\/s0, doc:d1\\/s1 ;\n    zhkg:amount", "fact:f1", "exactly one evidence"),
    ("zhkg:amount 300000000.0", 'zhkg:amount "3亿元"', "fact:f1", "zhkg:amount must be"),
    ('zhkg:date "2020-02-27"^^xsd:date', 'zhkg:date "2月27日"', "fact:f1", "zhkg:date must be"),
    ('zhkg:date "2020-02-27"^^xsd:date', 'zhkg:date "2020-02-27"^^xsd:string', "fact:f1", "xsd:date"),
    ("zhkg:beneficiaryCount 7000", "zhkg:beneficiaryCount 7000.5", "fact:f1", "xsd:integer"),
    ('zhkg:currency "CNY"', 'zhkg:currency "人民币"', "fact:f1", "three-letter"),
    ("zhkg:modality zhkg:Done", "zhkg:modality zhkg:Maybe", "fact:f1", "zhkg:modality"),
    ("zhkg:modality zhkg:Done", "zhkg:modality zhkg:Done, zhkg:Planned", "fact:f1", "zhkg:modality"),
    ('zhkg:qualifier "more-than"', 'zhkg:qualifier "lots"', "fact:f1", "zhkg:qualifier must be"),
    ("zhkg:confidence 0.9", "zhkg:confidence 1.5", "fact:f1", "from 0 to 1"),
    ('zhkg:periodStart "2020-02-01"', 'zhkg:periodStart "2020-03-05"', "fact:f1", "not after"),
    ("zhkg:factObject ent:小微企业 ;", "", "fact:f1", "exactly one zhkg:factObject"),
    ('zhkg:currency "CNY" ;', "", "fact:f1", "needs its zhkg:currency"),
    # sentences and documents
    ("zhkg:startOffset 0 ; zhkg:endOffset 18", "zhkg:startOffset 18 ; zhkg:endOffset 18",
     "doc:d1/s0", "less than"),
    ("zhkg:startOffset 0 ;", 'zhkg:startOffset "0" ;', "doc:d1/s0", "xsd:integer"),
    ("dcterms:isPartOf doc:d1 ;", "", "doc:d1/s0", "dcterms:isPartOf"),
    ('zhkg:sourceFile "news/d1.txt" ;', "", "doc:d1", "zhkg:sourceFile"),
    ('dcterms:title "某区银行为小微企业发放贷款"@zh ;', "", "doc:d1", "dcterms:title"),
    # relation ends
    ("ent:某药厂 zhkg:produces ent:检测试剂 .", "ent:某药厂 zhkg:produces ent:某区 .",
     "ent:某药厂", "zhkg:Product"),
    ("zhkg:locatedIn ent:某区 .", "zhkg:locatedIn ent:小微企业 .", "ent:某银行", "zhkg:Place"),
    ("ent:张三 zhkg:worksFor ent:某银行 .", "ent:某药厂 zhkg:worksFor ent:某银行 .",
     "ent:某药厂", "zhkg:Person"),
    ("zhkg:factObject ent:检测试剂", "zhkg:factObject ent:小微企业", "fact:f2", "zhkg:Product"),
])
def test_each_broken_constraint_is_caught(old, new, focus, words):
    found = messages(broken(old, new))
    assert any(line.startswith(focus) and words in line for line in found), found


def test_report_names_the_offending_value():
    report = validate(broken("zhkg:amount 300000000.0", 'zhkg:amount "3亿元"'))
    [violation] = report.violations
    assert (violation.focus, violation.path) == ("fact:f1", "zhkg:amount")
    assert "3亿元" in violation.value
    assert "1 violation" in report.text()


def test_graph_written_by_rdf_module_conforms_and_survives_turtle():
    text = "某银行向小微企业发放贷款超3亿元。"
    document = Document(id="t-1", text=text, title="测试", source="t.txt", date="2020-03-01")
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    bank = Entity(key="某银行", label="某银行", cls="Bank", aliases={"该行"})
    firms = Entity(key="小微企业", label="小微企业", cls="EnterpriseGroup")
    fact = Fact(subject=bank.key, relation="lendsTo", object=firms.key,
                evidence=Evidence("t-1", 0, 0, len(text), text), rule="test", confidence=0.8,
                details={"amount": 300000000, "currency": "CNY", "qualifier": "more-than"})
    triples = (rdf.document_triples(document, [sentence]) + rdf.entity_triples(bank, ["t-1"])
               + rdf.entity_triples(firms, ["t-1"]) + rdf.fact_triples(fact))
    g = rdf.to_rdflib(triples)
    assert validate(g).conforms, validate(g).text()
    again = graph_of(rdf.to_turtle(triples))
    assert validate(again).conforms
    # and a fact whose object was never added as an entity is caught
    g = rdf.to_rdflib(triples + rdf.fact_triples(Fact(subject=bank.key, relation="lendsTo", object="无名企业",
                                                      evidence=fact.evidence)))
    assert any("factObject" in str(v) for v in validate(g).violations)


def test_sample_build_conforms():
    from graph.pipeline import build
    _, g = build([Path(__file__).parent.parent / "data" / "corpus"])
    report = validate(g)
    assert report.conforms, report.text()


# --- the command -------------------------------------------------------------------

def test_cli_conforming_exits_0(tmp_path, capsys):
    path = tmp_path / "good.ttl"
    path.write_text(CONFORMING, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "conforms" in capsys.readouterr().out
    assert validate_file(path).conforms


def test_cli_non_conforming_exits_1_with_the_violation(tmp_path, capsys):
    path = tmp_path / "bad.ttl"
    path.write_text(CONFORMING.replace("zhkg:amount 300000000.0", 'zhkg:amount "3亿元"'),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "fact:f1 zhkg:amount: zhkg:amount must be one xsd:decimal number" in out
    assert "does not conform: 1 violation" in out


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    ("this is not turtle <<<", "not valid Turtle"),
    (b"\xff\xfe\x00garbage", "not"),
])
def test_cli_unreadable_file_exits_2_with_one_line(tmp_path, capsys, content, problem):
    path = tmp_path / "graph.ttl"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(path) in err and problem in err


def test_generated_graphs_of_every_kind_conform_and_round_trip_through_turtle():
    """Graphs from the view's seeded generator: every class, relation and detail."""
    from graph.rdf import to_turtle
    from graph.viz_synthetic import synthetic_graph

    for seed in (1, 2):
        g = synthetic_graph(120, 400, seed=seed)
        assert validate(g).conforms, validate(g).text("synthetic")
        back = Graph().parse(data=to_turtle(g), format="turtle")
        assert set(back) == set(g)
