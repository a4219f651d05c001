"""End to end on the sample page: the graph, its queries, determinism, and the CLI's errors."""
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from conftest import ROOT, SAMPLE, SAMPLE_DATE, run_zhkg

QUERIES = sorted((ROOT / "data" / "queries").glob("*.rq"))
PREFIXES = """PREFIX zhkg: <https://w3id.org/zhkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture(scope="module")
def sample_graph(sample_build):
    out, _ = sample_build
    g = Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return g


def ask(g, where):
    return bool(g.query(PREFIXES + "ASK { " + where + " }").askAnswer)


def test_build_writes_both_files_and_a_summary(sample_build):
    out, stdout = sample_build
    assert (out / "graph.ttl").stat().st_size > 0 and (out / "graph.html").stat().st_size > 0
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "graph.ttl").stat().st_mode & 0o777 == 0o666 & ~umask  # not left private by the temp file
    assert "documents: 5" in stdout and "lendsTo" in stdout and "entities:" in stdout


def test_turtle_parses_with_a_second_parser(sample_build, sample_graph):
    out, _ = sample_build
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(sample_graph)


def test_same_input_gives_byte_identical_turtle(sample_build, tmp_path):
    out, _ = sample_build
    env = dict(os.environ, PYTHONHASHSEED="12345")
    result = subprocess.run([sys.executable, "-m", "graph.cli", "build", str(SAMPLE), "-o", str(tmp_path),
                             "--no-html", "--date", SAMPLE_DATE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_each_article_is_a_document_with_title_author_and_source(sample_graph):
    rows = list(sample_graph.query(PREFIXES + """
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?d ?title ?author ?file WHERE { ?d a zhkg:Document ; dcterms:title ?title ;
          zhkg:sourceFile ?file ; dcterms:creator/rdfs:label ?author }"""))
    docs = {str(r.d) for r in rows}
    assert len(docs) == 5
    assert {str(r.author) for r in rows} >= {"周美玉", "盛丽", "李婧"}
    assert all(str(r.file).endswith(SAMPLE.name) for r in rows)


def test_reporters_are_people_not_firms(sample_graph):
    assert ask(sample_graph, '?p a zhkg:Person ; rdfs:label "周美玉"@zh')
    assert not ask(sample_graph, '?p a zhkg:Enterprise ; rdfs:label "周美玉"@zh')


def test_bank_lends_to_small_and_micro_firms(sample_graph):
    assert ask(sample_graph, '?b zhkg:lendsTo ?g . ?b a zhkg:Bank ; rdfs:label "华夏银行"@zh . '
                             '?g rdfs:label ?n . FILTER(CONTAINS(STR(?n), "小微企业") || CONTAINS(STR(?n), "受困企业"))')


def test_rent_cut_for_small_and_micro_firms(sample_graph):
    assert ask(sample_graph, '?l zhkg:reducesRentFor ?g . ?g a zhkg:EnterpriseGroup ; rdfs:label ?n . '
                             'FILTER(CONTAINS(STR(?n), "中小微企业"))')


def test_test_kit_maker_produces_its_kits(sample_graph):
    assert ask(sample_graph, '?m zhkg:produces ?p . ?m rdfs:label "北京金豪制药股份有限公司"@zh . '
                             '?p rdfs:label ?n . FILTER(CONTAINS(STR(?n), "试剂"))')


def test_interferon_maker_produces_and_supplies(sample_graph):
    maker = '?m rdfs:label "北京凯因科技股份有限公司"@zh ; skos:altLabel "北京凯因"@zh . '
    assert ask(sample_graph, maker + '?m zhkg:produces ?p . ?p rdfs:label ?n . FILTER(CONTAINS(STR(?n), "干扰素"))')
    assert ask(sample_graph, maker + '?m zhkg:supplies ?w . ?w rdfs:label "武汉市"@zh ; skos:altLabel "武汉"@zh')
    assert ask(sample_graph, maker + '?m zhkg:supplies ?h . ?h rdfs:label ?n . FILTER(CONTAINS(STR(?n), "医院"))')


def test_interferon_maker_is_in_the_development_zone(sample_graph):
    assert ask(sample_graph, '?m rdfs:label "北京凯因科技股份有限公司"@zh ; zhkg:locatedIn ?z . '
                             '?z rdfs:label "北京经济技术开发区"@zh')


def test_every_fact_has_its_evidence_sentence_in_the_document(sample_graph):
    text = {}
    from graph.read import read_file
    for d in read_file(SAMPLE):
        text[d.id] = d.text
    rows = list(sample_graph.query(PREFIXES + """
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?f ?sentence ?start ?end ?id WHERE { ?f a/rdfs:subClassOf zhkg:Fact ; prov:wasDerivedFrom ?s .
          ?s rdf:value ?sentence ; zhkg:startOffset ?start ; zhkg:endOffset ?end ;
             dcterms:isPartOf/dcterms:identifier ?id }"""))
    assert len(rows) >= 10
    for r in rows:
        assert text[str(r.id)][int(r.start):int(r.end)] == str(r.sentence)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_example_query_returns_rows_on_the_sample(sample_build, query):
    out, _ = sample_build
    result = run_zhkg("query", out / "graph.ttl", query, "--format", "tsv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 2, f"{query.name} returned no rows"


def test_entity_query_binds_a_name(sample_build):
    out, _ = sample_build
    result = run_zhkg("query", out / "graph.ttl", ROOT / "data/queries/entity.rq", "--bind", "name=华夏银行",
                      "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.strip().splitlines()[1:]
    assert rows and all(r.startswith("华夏银行,") for r in rows)


@pytest.mark.parametrize("fmt, marker", [("csv", ","), ("tsv", "\t"), ("json", '"lender"'), ("table", "rows)")])
def test_query_output_formats(sample_build, fmt, marker):
    out, _ = sample_build
    result = run_zhkg("query", out / "graph.ttl", ROOT / "data/queries/lending.rq", "--format", fmt)
    assert result.returncode == 0 and marker in result.stdout


def test_malformed_query_gives_one_line_with_position(sample_build):
    out, _ = sample_build
    result = run_zhkg("query", out / "graph.ttl", "SELECT ?x WHERE { ?x zhkg:lendsTo }")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "line" in result.stderr and "column" in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\xff\x00binary" * 20])
def test_bad_input_exits_non_zero_and_keeps_old_output(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous graph", encoding="utf-8")
    result = run_zhkg("build", bad, "-o", out)
    assert result.returncode == 2
    assert result.stderr.startswith("zhkg: error: ") and str(bad) in result.stderr
    assert result.stderr.count("\n") == 1
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous graph"
    assert [p.name for p in out.iterdir()] == ["graph.ttl"]  # no temporary file left


def test_missing_path_is_a_clear_error(tmp_path):
    result = run_zhkg("build", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert result.returncode == 2 and "no such file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_query_on_missing_graph_is_a_clear_error(tmp_path):
    result = run_zhkg("query", tmp_path / "none.ttl", "SELECT * WHERE { ?s ?p ?o }")
    assert result.returncode == 2 and "none.ttl" in result.stderr


def query_rows(out, name):
    result = run_zhkg("query", out / "graph.ttl", ROOT / "data/queries" / name, "--format", "json")
    assert result.returncode == 0, result.stderr
    import json
    return json.loads(result.stdout)


def test_rent_totals_sum_amounts_per_landlord(sample_build):
    rows = query_rows(sample_build[0], "rent_totals.rq")
    top = rows[0]
    assert float(top["total"]) >= 300000000 and top["cur"] == "CNY" and int(top["firms"]) >= 7000
    totals = [float(r["total"]) for r in rows]
    assert totals == sorted(totals, reverse=True)


def test_largest_loans_and_amounts_are_sorted(sample_build):
    amounts = [float(r["amount"]) for r in query_rows(sample_build[0], "largest_amounts.rq")]
    assert amounts and amounts == sorted(amounts, reverse=True)
    loans = query_rows(sample_build[0], "largest_loans.rq")
    assert loans and all(r["modality"] != "negated" for r in loans)


def test_timeline_is_in_date_order_within_the_document_year(sample_build):
    rows = query_rows(sample_build[0], "timeline.rq")
    whens = [r["when"] for r in rows]
    assert whens and whens == sorted(whens) and all(w.startswith("2020-") for w in whens)


def test_planned_or_requested_lists_only_those(sample_build):
    rows = query_rows(sample_build[0], "planned_or_requested.rq")
    assert rows and {r["modality"] for r in rows} <= {"planned", "requested", "encouraged"}
    assert any(r["modality"] == "requested" and r["relation"] == "减免租金" for r in rows)
