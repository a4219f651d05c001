"""The HTML view without a browser: offline page, embedded data, escaping, focus, CLI."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace

from graph import rdf
from graph.cli import main
from graph.errors import ZhkgError
from graph.types import (BANK, DISTRICT, ENTERPRISE, GROUP, PRODUCT, Document, Entity, Evidence, Fact,
                         Sentence)
from graph.viz import focus_subgraph, read_view_model, render_html, write_html
from graph.viz_synthetic import synthetic_graph

XSS_LABEL = "<script>window.__xss=1</script>恶意有限公司"
XSS_SENTENCE = "某银行称</script><script>window.__xss=2</script>将向<!--企业-->贷款&amp;。"


def _entity(label, cls, *aliases, attrs=None):
    return Entity(rdf.entity_key(label), label, cls, set(aliases), attrs=attrs or {})


def hand_made_graph() -> Graph:
    """Two documents, a bank branch with its parent, a group, a maker and its product."""
    bank = _entity("东方商业银行", BANK, "东方银行")
    branch = _entity("东方商业银行南城分行", BANK, "南城分行", attrs={"parent": bank.key})
    group = _entity("小微企业", GROUP)
    maker = _entity("远山制药股份有限公司", ENTERPRISE, "远山制药")
    product = _entity("退热贴", PRODUCT)
    town = _entity("南城区", DISTRICT)
    evil = _entity(XSS_LABEL, ENTERPRISE, "<b>简称</b>")
    t = []
    s1 = "东方商业银行南城分行向小微企业发放贷款超3亿元。"
    s2 = "远山制药位于南城区，生产退热贴。"
    t += rdf.document_triples(Document("d1", s1, title="银行支持小微企业"), [Sentence(0, 0, len(s1), s1)])
    t += rdf.document_triples(Document("d2", s2 + XSS_SENTENCE, title="药企复工<i>标题</i>"),
                     [Sentence(0, 0, len(s2), s2), Sentence(1, len(s2), len(s2) + len(XSS_SENTENCE), XSS_SENTENCE)])
    for e, docs in ((bank, ["d1"]), (branch, ["d1"]), (group, ["d1"]), (maker, ["d2"]), (product, ["d2"]),
                    (town, ["d2"]), (evil, ["d2"])):
        t += rdf.entity_triples(e, docs)
    ev1 = Evidence("d1", 0, 0, len(s1), s1)
    ev2 = Evidence("d2", 0, 0, len(s2), s2)
    ev3 = Evidence("d2", 1, len(s2), len(s2) + len(XSS_SENTENCE), XSS_SENTENCE)
    t += rdf.fact_triples(Fact(branch.key, "lendsTo", group.key, ev1,
                         details={"amount": 300000000, "currency": "CNY", "qualifier": "more-than"}))
    t += rdf.fact_triples(Fact(maker.key, "locatedIn", town.key, ev2))
    t += rdf.fact_triples(Fact(maker.key, "produces", product.key, ev2))
    t += rdf.fact_triples(Fact(bank.key, "lendsTo", evil.key, ev3, modality="negated"))
    t += rdf.fact_triples(Fact(evil.key, "supplies", town.key, ev3, modality="planned",
                         details={"product": product.key, "quantity": 500000, "quantityUnit": "人份"}))
    return rdf.to_rdflib(t)


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="zhkg-data">(.*?)</script>', html, re.S)
    assert match, "no embedded graph data"
    return json.loads(match.group(1))


def graph_counts(g: Graph) -> tuple[int, int]:
    """Entities, and facts plus entity-to-entity triples no fact stands for (org:subOrganizationOf)."""
    entities = {row[0] for row in g.query("""
        SELECT ?e WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?c), STR(zhkg:)))
                          FILTER(?c NOT IN (zhkg:Document, zhkg:Sentence, zhkg:Loan, zhkg:Supply,
                                 zhkg:Production, zhkg:Location, zhkg:RentReduction, zhkg:Employment)) }""",
        initNs={"zhkg": rdf.ZHKG})}
    facts = len(set(g.subjects(rdf.ZHKG.factSubject, None)))
    branches = len(list(g.triples((None, rdf.ORG.subOrganizationOf, None))))
    return len(entities), facts + branches


# --- the page is offline ---------------------------------------------------------

def test_page_loads_nothing_from_the_network():
    html = render_html(hand_made_graph())
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "vis.Network" in html and "DataSet" in html  # vis-network itself is inline
    assert "default-src 'none'" in html  # and a CSP forbids fetching anything


def test_embedded_counts_equal_the_graph():
    for g in (hand_made_graph(), synthetic_graph(120, 480, seed=5)):
        data = embedded_data(render_html(g))
        assert (len(data["nodes"]), len(data["edges"])) == graph_counts(g)


def test_edges_carry_fact_details_evidence_and_modality():
    data = embedded_data(render_html(hand_made_graph()))
    labels = [n["label"] for n in data["nodes"]]
    loans = [e for e in data["edges"] if data["relations"][e["rel"]]["label"] == "贷款给"]
    done = next(e for e in loans if e["mod"] == "Done")
    assert labels[done["from"]] == "东方商业银行南城分行" and labels[done["to"]] == "小微企业"
    assert ["金额", "超过3亿元"] in done["details"]
    assert data["sentences"][done["sent"]].startswith("东方商业银行南城分行向小微企业")
    assert data["documents"][done["doc"]] == "银行支持小微企业"
    negated = next(e for e in loans if e["mod"] == "Negated")
    assert labels[negated["to"]] == XSS_LABEL
    supply = next(e for e in data["edges"] if data["relations"][e["rel"]]["label"] == "供应")
    assert ["数量", "50万人份"] in supply["details"] and ["产品", "退热贴"] in supply["details"]
    branch = next(e for e in data["edges"] if "subOrganizationOf" in data["relations"][e["rel"]]["id"])
    assert data["relations"][branch["rel"]]["label"] == "下属机构"


def test_classes_come_with_chinese_labels_and_distinct_styles():
    data = embedded_data(render_html(hand_made_graph()))
    by_id = {c["id"]: c for c in data["classes"]}
    assert by_id["Bank"]["label"] == "银行" and by_id["EnterpriseGroup"]["label"] == "企业群体"
    styles = {(c["color"], c["shape"]) for c in data["classes"]}
    assert len(styles) == len(data["classes"])


def test_nodes_carry_their_attributes():
    t = []
    t += rdf.entity_triples(_entity("林某", "Person", attrs={"role": "总经理"}))
    t += rdf.entity_triples(_entity("某某股份有限公司", ENTERPRISE, attrs={"stock_code": "600000.SH"}))
    attrs = {n["label"]: n.get("attrs") for n in embedded_data(render_html(rdf.to_rdflib(t)))["nodes"]}
    assert attrs == {"林某": [["职务", "总经理"]], "某某股份有限公司": [["股票代码", "600000.SH"]]}


# --- escaping ----------------------------------------------------------------------

def test_article_text_cannot_break_out_of_the_data_script():
    html = render_html(hand_made_graph(), title="<b>标题</b>")
    assert "<script>window.__xss" not in html
    assert "</script><script>" not in html
    assert "<!--企业-->" not in html and "<b>简称</b>" not in html
    assert "<title>&lt;b&gt;标题&lt;/b&gt;</title>" in html
    # Exactly our three script elements (data, vis-network, the app) and nothing
    # in the data that the HTML parser would read as markup.
    assert len(re.findall(r"^<script", html, re.M)) == 3 and html.count("</script>") == 3
    match = re.search(r'id="zhkg-data">(.*?)</script>', html, re.S)
    assert not set("<>&") & set(match.group(1))
    data = embedded_data(html)  # ... and the text survives unchanged
    assert XSS_LABEL in [n["label"] for n in data["nodes"]]
    assert XSS_SENTENCE in data["sentences"]


def test_app_never_writes_html_from_data():
    from graph.viz import APP_JS
    code = APP_JS.read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", code)


# --- focus ---------------------------------------------------------------------------

def chain_graph() -> Graph:
    """A -> B -> C -> D, each a located-in fact; B has the alias 乙公司."""
    names = ["甲有限公司", "乙有限公司", "丙有限公司", "丁有限公司"]
    ents = [_entity(n, ENTERPRISE, *(["乙公司"] if n.startswith("乙") else [])) for n in names]
    t = []
    text = "甲乙丙丁。"
    t += rdf.document_triples(Document("c", text, title="链"), [Sentence(0, 0, len(text), text)])
    for e in ents:
        t += rdf.entity_triples(e, ["c"])
    for a, b in zip(ents, ents[1:]):
        t += rdf.fact_triples(Fact(a.key, "supplies", b.key, Evidence("c", 0, 0, len(text), text)))
    return rdf.to_rdflib(t)


@pytest.mark.parametrize("name, depth, expected", [
    ("乙有限公司", 1, {"甲有限公司", "乙有限公司", "丙有限公司"}),
    ("乙公司", 2, {"甲有限公司", "乙有限公司", "丙有限公司", "丁有限公司"}),  # by alias
    ("丁", 0, {"丁有限公司"}),  # by substring
    ("ＰＬＡＩＮ", 1, None),
])
def test_focus_keeps_the_neighbourhood(name, depth, expected):
    model = read_view_model(chain_graph())
    if expected is None:
        with pytest.raises(ZhkgError, match="no entity"):
            focus_subgraph(model, name, depth)
        return
    sub = focus_subgraph(model, name, depth)
    assert {n.label for n in sub.nodes} == expected
    kept = {n.iri for n in sub.nodes}
    assert len(sub.edges) == sum(1 for e in model.edges if e.source in kept and e.target in kept)


def test_focus_prefers_an_exact_name_over_a_longer_one_containing_it():
    model = read_view_model(hand_made_graph())
    sub = focus_subgraph(model, "东方商业银行", 0)
    assert [n.label for n in sub.nodes] == ["东方商业银行"]


def test_focus_in_render_html():
    data = embedded_data(render_html(chain_graph(), focus="甲有限公司", depth=1))
    assert sorted(n["label"] for n in data["nodes"]) == ["乙有限公司", "甲有限公司"]
    assert len(data["edges"]) == 1


# --- determinism -------------------------------------------------------------------

def test_same_graph_gives_same_bytes_even_reparsed(tmp_path):
    for g in (hand_made_graph(), synthetic_graph(600, 2400, seed=2)):  # small and big-layout paths
        first = render_html(g)
        reparsed = Graph().parse(data=g.serialize(format="nt"), format="nt")
        assert render_html(reparsed) == first


# --- any RDF graph --------------------------------------------------------------------

def test_generic_rdf_graph_with_labels():
    ex = Namespace("http://example.org/")
    g = Graph()
    for name, label in (("a", "张三"), ("b", "李四"), ("c", "某协会")):
        g.add((ex[name], RDFS.label, Literal(label, lang="zh")))
    g.add((ex.a, RDF.type, ex.Person)); g.add((ex.b, RDF.type, ex.Person)); g.add((ex.c, RDF.type, ex.Club))
    g.add((ex.knows, RDFS.label, Literal("认识", lang="zh")))
    g.add((ex.a, ex.knows, ex.b)); g.add((ex.b, ex.memberOf, ex.c))
    g.add((ex.a, ex.age, Literal(30)))  # a literal: not an edge
    data = embedded_data(render_html(g))
    assert sorted(n["label"] for n in data["nodes"]) == ["张三", "李四", "某协会"]
    assert sorted(data["relations"][e["rel"]]["label"] for e in data["edges"]) == ["memberOf", "认识"]
    assert sorted(c["id"] for c in data["classes"]) == ["Club", "Person"]


def test_empty_graph_renders():
    data = embedded_data(render_html(Graph()))
    assert data["nodes"] == [] and data["edges"] == []


# --- writing and the command ---------------------------------------------------------

def test_write_html_and_cli(tmp_path):
    ttl = tmp_path / "g.ttl"
    ttl.write_text(hand_made_graph().serialize(format="turtle"), encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["view", str(ttl), "-o", str(out), "--focus", "远山制药", "--depth", "1"]) == 0
    labels = {n["label"] for n in embedded_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert labels == {"远山制药股份有限公司", "南城区", "退热贴"}
    write_html(hand_made_graph(), tmp_path / "again.html")
    assert len(embedded_data((tmp_path / "again.html").read_text(encoding="utf-8"))["nodes"]) == 7


@pytest.mark.parametrize("content, args, message", [
    (None, [], "no such file"),
    ("这不是 Turtle <<< .", [], "cannot read as RDF"),
    ("ok", ["--focus", "不存在的公司"], "no entity named"),
])
def test_cli_errors_are_one_line_and_write_nothing(tmp_path, capsys, content, args, message):
    ttl = tmp_path / "g.ttl"
    if content == "ok":
        ttl.write_text(chain_graph().serialize(format="turtle"), encoding="utf-8")
    elif content is not None:
        ttl.write_text(content, encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["view", str(ttl), "-o", str(out), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err
    if content != "ok":
        assert str(ttl) in err
    assert not out.exists() and list(tmp_path.glob(".page.html*")) == []
