"""The persistent store: add, re-add, remove, merge, export, query, serve, push."""
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import rdf, store
from graph.errors import ZhkgError
from graph.query import format_result, load_graph, read_query, run_query
from graph.types import Document

from conftest import ROOT, SAMPLE, run_zhkg, SAMPLE_DATE

LOAN = Document(id="loan-1", title="银行贷款", source="news/loan.txt",
                text="招商银行向华为技术有限公司发放贷款1亿元。华为技术有限公司生产手机。")
SUPPLY = Document(id="supply-1", title="芯片供应", source="news/supply.txt",
                  text="华为技术有限公司向深圳市星河科技有限公司供应芯片1000片。")
ENT_HUAWEI = str(rdf.entity_iri(rdf.entity_key("华为技术有限公司")))


def quads(path) -> set:
    s = store.open_store(path)
    try:
        return set(s.quads_for_pattern(None, None, None, None))
    finally:
        del s  # release the RocksDB lock before the next open


def graph_of(doc: Document) -> ox.NamedNode:
    return ox.NamedNode(str(rdf.document_iri(doc.id)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds}s")


def sparql_get(base: str, query: str) -> dict:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


@pytest.fixture
def kb(tmp_path):
    path = tmp_path / "kb"
    store.add_documents(path, [LOAN, SUPPLY])
    return path


def test_documents_get_named_graphs_and_entities_are_shared(kb):
    all_quads = quads(kb)
    graphs = {q.graph_name for q in all_quads}
    assert {graph_of(LOAN), graph_of(SUPPLY), store.ONTOLOGY_GRAPH} <= graphs
    huawei = ox.NamedNode(ENT_HUAWEI)
    # One node, described once in the default graph, mentioned in both documents.
    mentioned = {q.object for q in all_quads
                 if q.subject == huawei and q.predicate.value == str(rdf.ZHKG.mentionedIn)}
    assert mentioned == {graph_of(LOAN), graph_of(SUPPLY)}
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in all_quads
               if q.subject == huawei and q.predicate.value in store.ENTITY_DESCRIPTION)
    # The direct relation triple belongs to the document that states it.
    loans = [q for q in all_quads if q.predicate.value == str(rdf.ZHKG.lendsTo)]
    assert loans and all(q.graph_name == graph_of(LOAN) for q in loans)


def test_re_adding_a_document_changes_nothing(kb):
    before = quads(kb)
    store.add_documents(kb, [SUPPLY, LOAN])
    assert quads(kb) == before


def test_re_adding_a_changed_document_replaces_its_graph(kb):
    changed = Document(id=LOAN.id, title=LOAN.title, source=LOAN.source,
                       text="招商银行向华为技术有限公司发放贷款2亿元。")
    store.add_documents(kb, [changed])
    texts = {q.object.value for q in quads(kb) if q.graph_name == graph_of(LOAN)
             and q.predicate.value == str(rdf.RDF.value)}
    assert texts == {"招商银行向华为技术有限公司发放贷款2亿元。"}


def test_remove_by_file_and_by_iri_restores_the_store(tmp_path, kb):
    alone = tmp_path / "alone"
    store.add_documents(alone, [LOAN])
    assert store.remove(kb, "news/supply.txt") == [graph_of(SUPPLY).value]
    assert quads(kb) == quads(alone)
    assert store.remove(kb, graph_of(LOAN).value) == [graph_of(LOAN).value]
    # Only the ontology is left: orphaned entity descriptions went with their documents.
    assert {q.graph_name for q in quads(kb)} == {store.ONTOLOGY_GRAPH}
    with pytest.raises(ZhkgError, match="no document"):
        store.remove(kb, "news/never.txt")


@pytest.mark.parametrize("doc", [SUPPLY, Document(id="new-1", title="新", source="news/new.txt",
                                                   text="建设银行向星河科技有限公司发放贷款5000万元。")])
def test_a_crash_mid_document_leaves_the_store_as_it_was(kb, monkeypatch, doc):
    before = quads(kb)
    real = store.document_quads

    def crashing(d, extraction=None):
        for i, q in enumerate(real(d, extraction)):
            if i == 5:
                raise KeyboardInterrupt  # as if Ctrl-C came in the middle
            yield q

    monkeypatch.setattr(store, "document_quads", crashing)
    with pytest.raises(KeyboardInterrupt):
        store.add_documents(kb, [doc])
    assert quads(kb) == before


def test_an_entity_keeps_its_most_specific_class(tmp_path):
    # The same name read as an organisation in one article and as a bank in another.
    path = tmp_path / "kb"
    s = store.open_store(path, create=True)
    s.update(f"INSERT DATA {{ <{ENT_HUAWEI}> a <{rdf.ZHKG.Organization}> }}")
    del s
    store.add_documents(path, [LOAN])
    types = {q.object.value for q in quads(path)
             if q.subject.value == ENT_HUAWEI and q.predicate.value == str(rdf.RDF.type)}
    assert types == {str(rdf.ZHKG.Enterprise)}


def _entity(s: ox.Store, key: str, label: str, cls: str, code: str | None = None, alias: str | None = None):
    e = rdf.entity_iri(key)
    triples = [f'<{e}> a <{rdf.ZHKG[cls]}>', f'<{e}> <{rdf.RDFS.label}> "{label}"@zh']
    if code:
        triples.append(f'<{e}> <{rdf.ZHKG.stockCode}> "{code}"')
    if alias:
        triples.append(f'<{e}> <{rdf.SKOS.altLabel}> "{alias}"@zh')
    s.update("INSERT DATA { " + " . ".join(triples) + " }")
    return str(e)


def test_merge_lists_each_kind_of_duplicate_and_records_same_as(tmp_path):
    path = tmp_path / "kb"
    s = store.open_store(path, create=True)
    a = _entity(s, "星河科技有限公司", "星河科技有限公司", "Enterprise", alias="星河科技")
    b = _entity(s, "星河科技", "星河科技", "Enterprise")                    # alias of a: same name
    c = _entity(s, "东方电气股份有限公司", "东方电气股份有限公司", "Enterprise", code="600875")
    d = _entity(s, "东方电气集团", "东方电气集团", "EnterpriseGroup", code="600875")  # shared code
    e = _entity(s, "招商银行", "招商银行", "Bank")
    f = _entity(s, "招商银行深圳分行", "招商银行深圳分行", "Bank")              # contained, same class
    g = _entity(s, "招商", "招商", "Person")                                 # contained, other class
    reasons = {(x.a, x.b): x.reason for x in store.merge_candidates(s)}
    assert reasons[tuple(sorted((a, b)))] == "same name"
    assert reasons[tuple(sorted((c, d)))] == "stock code 600875"
    assert reasons[tuple(sorted((e, f)))] == "name contained, same class"
    assert not any(g in pair for pair in reasons)
    del s
    out = store.merge_cli(path, apply=True)
    assert f"recorded {len(reasons)} owl:sameAs links" in out
    s = store.open_store(path)
    assert ox.Quad(ox.NamedNode(min(e, f)), ox.NamedNode(str(rdf.OWL.sameAs)), ox.NamedNode(max(e, f))) in s
    assert store.merge_candidates(s) == []  # linked pairs are not listed again
    del s
    with pytest.raises(ZhkgError, match="no such entity"):
        store.merge_cli(path, apply=True, iris=[a, str(rdf.entity_iri("不存在"))])


def test_query_and_export_commands(kb, tmp_path):
    result = run_zhkg("query", "--store", kb, "SELECT ?l WHERE { ?e a zhkg:Bank ; rdfs:label ?l }",
                      "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["l", "招商银行"]
    out = tmp_path / "kb.trig"
    assert run_zhkg("export", "--store", kb, "-o", out).returncode == 0
    dataset = list(ox.parse(path=str(out)))
    assert {q.graph_name for q in dataset} == {q.graph_name for q in quads(kb)}
    ttl = tmp_path / "kb.ttl"
    assert run_zhkg("export", "--store", kb, "-o", ttl).returncode == 0
    first = ttl.read_bytes()
    assert run_zhkg("export", "--store", kb, "-o", ttl).returncode == 0
    assert ttl.read_bytes() == first  # deterministic
    assert len(load_graph(ttl)) == len({(q.subject, q.predicate, q.object) for q in dataset})
    bad = run_zhkg("export", "--store", kb, "-o", tmp_path / "kb.xyz")
    assert bad.returncode == 2 and "kb.xyz" in bad.stderr and not (tmp_path / "kb.xyz").exists()
    missing = run_zhkg("query", "--store", tmp_path / "none", "ASK {}")
    assert missing.returncode == 2 and "no zhkg store" in missing.stderr


def _rows(csv_text: str) -> list[list[str]]:
    """CSV rows, with GROUP_CONCAT lists (、) sorted, as SPARQL leaves their order to the
    engine, and decimals compared by value (Oxigraph writes 300000000 as 300000000.0)."""
    import csv
    import io
    import re

    def cell(text: str) -> str:
        if re.fullmatch(r"-?\d+\.\d+", text):
            text = text.rstrip("0").rstrip(".")
        return "、".join(sorted(text.split("、")))
    return [[cell(c) for c in row] for row in csv.reader(io.StringIO(csv_text))]


def test_the_sample_in_a_store_answers_the_example_queries_like_the_built_file(tmp_path, sample_build):
    out, _ = sample_build
    path = tmp_path / "kb"
    result = run_zhkg("build", SAMPLE, "--store", path, "--date", SAMPLE_DATE)
    assert result.returncode == 0, result.stderr
    graph = load_graph(out / "graph.ttl")
    for rq in sorted((ROOT / "data" / "queries").glob("*.rq")):
        sparql = read_query(str(rq))
        from_file = format_result(run_query(graph, sparql), "csv", graph)
        assert _rows(store.run_store_query(path, sparql, fmt="csv")) == _rows(from_file), rq.name
    bound = store.run_store_query(path, read_query(str(ROOT / "data/queries/entity.rq")),
                                  {"name": "华夏银行"}, fmt="csv")
    assert bound.count("\n") > 1 and all(line.startswith("华夏银行,") for line in bound.splitlines()[1:])


def test_the_endpoint_answers_queries_and_refuses_updates_when_read_only(kb):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve",
                             "--store", str(kb), "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", proc)
        answer = sparql_get(base, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                                  "SELECT ?l WHERE { ?e a <https://w3id.org/zhkg/ontology#Bank> ; rdfs:label ?l }")
        assert [b["l"]["value"] for b in answer["results"]["bindings"]] == ["招商银行"]
        update = urllib.request.Request(base + "/update", data=urllib.parse.urlencode(
            {"update": "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"}).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        assert refused.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_push_round_trips_a_graph_into_a_live_oxigraph_server(kb, tmp_path):
    ttl = tmp_path / "graph.ttl"
    store.export(kb, ttl)
    port = free_port()
    proc = subprocess.Popen([store.oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", proc)
        result = run_zhkg("push", ttl, "--endpoint", base + "/store", "--graph", "https://example.org/news")
        assert result.returncode == 0, result.stderr
        answer = sparql_get(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/news> { ?s ?p ?o } }")
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(load_graph(ttl))
        # PUT replaces: pushing again leaves the same number of triples.
        assert run_zhkg("push", ttl, "--endpoint", base + "/store", "--graph", "https://example.org/news").returncode == 0
        again = sparql_get(base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://example.org/news> { ?s ?p ?o } }")
        assert again == answer
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    down = run_zhkg("push", ttl, "--endpoint", base + "/store")
    assert down.returncode == 2 and "cannot reach the endpoint" in down.stderr


def test_view_draws_the_store(tmp_path):
    path = tmp_path / "kb"
    assert run_zhkg("build", SAMPLE, "--store", path).returncode == 0
    page = tmp_path / "kb.html"
    result = run_zhkg("view", "--store", path, "-o", page)
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "华夏银行" in html and "https://" not in html.split("<body", 1)[0].split("<style", 1)[0]
    both = run_zhkg("view", tmp_path / "x.ttl", "--store", path)
    assert both.returncode == 2 and "either GRAPH or --store" in both.stderr


def test_an_alias_learnt_in_one_article_names_the_same_firm_in_a_later_one(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text("湖南湘江装备制造集团股份有限公司（以下简称“湘江集团”）位于长沙市，主要生产工业机器人。",
                     encoding="utf-8")
    later = tmp_path / "b.txt"
    later.write_text("近日，湘江集团与中国工商银行长沙分行签订贷款协议，获得贷款2亿元。", encoding="utf-8")
    path = tmp_path / "kb"
    assert run_zhkg("build", first, "--store", path).returncode == 0
    assert run_zhkg("build", later, "--store", path).returncode == 0
    rows = store.run_store_query(path, """SELECT ?label WHERE {
        ?bank zhkg:lendsTo ?firm . ?firm rdfs:label ?label }""", fmt="csv").splitlines()[1:]
    assert rows == ["湖南湘江装备制造集团股份有限公司"]


def test_build_into_a_store_with_two_workers_fills_it_like_one_and_reports_skips(tmp_path):
    lines = [json.dumps({"id": d.id, "title": d.title, "text": d.text}, ensure_ascii=False) for d in (LOAN, SUPPLY)]
    news = tmp_path / "news.jsonl"
    news.write_text("\n".join([lines[0], "{not json", lines[1]]) + "\n", encoding="utf-8")
    results = {}
    for workers in ("1", "2"):
        path = tmp_path / f"kb{workers}"
        result = run_zhkg("build", news, "--store", path, "--workers", workers)
        assert result.returncode == 0, result.stderr
        assert "added:     2 documents" in result.stdout and "skipped:   1" in result.stdout
        assert f"{news}:2:" in result.stdout  # the bad line, by file and line number
        results[workers] = quads(path)
    assert results["1"] == results["2"] and len(results["1"]) > 100
    strict = run_zhkg("build", news, "--store", tmp_path / "kb3", "--strict")
    assert strict.returncode == 2 and f"{news}:2" in strict.stderr
