"""The HTML view in headless Chromium with every network request blocked."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph

from graph.viz import render_html
from graph.viz_synthetic import synthetic_graph
from test_viz import XSS_LABEL, embedded_data, graph_counts, hand_made_graph

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
SAMPLE_GRAPH = REPO / "out" / "graph.ttl"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian's chromium at /usr/bin/chromium (.ci/run installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        yield b
        b.close()


class Loaded:
    """A page opened from file:// with the network blocked, and what it tried."""

    def __init__(self, browser, path: Path, width=1400, height=900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        url = path.resolve().as_uri()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route(url))
        self.page.goto(url)
        self.wait_for("window.zhkgView && window.zhkgView.idle")

    def _route(self, url):
        def handle(route):
            if route.request.url == url:
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()
        return handle

    def wait_for(self, expression: str, timeout: float = 60):
        # Polled from here: the page's CSP forbids the eval that wait_for_function uses.
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(f"!!({expression})"):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            time.sleep(0.05)

    def js(self, expression: str):
        return self.page.evaluate(expression)


def open_view(browser, tmp_path, g: Graph, name="view.html", **kwargs) -> tuple[Loaded, dict]:
    html = render_html(g, **kwargs)
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return Loaded(browser, path), embedded_data(html)


@pytest.mark.parametrize("graph_factory", [hand_made_graph, lambda: synthetic_graph(400, 1600, seed=11)],
                         ids=["physics", "precomputed-layout"])
def test_page_draws_every_node_and_edge_offline(browser, tmp_path, graph_factory):
    g = graph_factory()
    view, data = open_view(browser, tmp_path, g)
    assert view.errors == [] and view.blocked == []
    drawn = view.js("zhkgView.drawnCounts()")
    assert (drawn["nodes"], drawn["edges"]) == graph_counts(g)
    assert view.js("zhkgView.data.physics") == (len(data["nodes"]) <= 300)


def test_searching_an_alias_selects_its_node(browser, tmp_path):
    view, data = open_view(browser, tmp_path, hand_made_graph())
    expected = next(n["id"] for n in data["nodes"] if n["label"] == "远山制药股份有限公司")
    view.page.fill("#search", "远山制药")  # the alias
    assert view.page.locator("#search-results li").first.inner_text().startswith("远山制药股份有限公司")
    view.page.press("#search", "Enter")
    assert view.js("zhkgView.selected") == expected
    assert view.js("zhkgView.network.getSelectedNodes()") == [expected]
    panel = view.page.inner_text("#panel")
    assert "远山制药股份有限公司" in panel and "退热贴" in panel  # its facts are listed
    # the neighbourhood stays coloured, the rest is dimmed
    dimmed = view.js("zhkgView.nodes.get().filter(n => n.color && n.color.background === '#e6e6e6').map(n => n.label)")
    assert "东方商业银行" in dimmed and "南城区" not in dimmed and "退热贴" not in dimmed
    assert view.errors == []


def test_unticking_a_class_hides_exactly_its_nodes(browser, tmp_path):
    view, data = open_view(browser, tmp_path, synthetic_graph(200, 800, seed=4))
    bank = next(i for i, c in enumerate(data["classes"]) if c["id"] == "Bank")
    banks = {n["id"] for n in data["nodes"] if n["cls"] == bank}
    assert banks
    view.page.uncheck('input[data-cls="Bank"]')
    drawn = set(view.js("zhkgView.network.body.nodeIndices"))
    assert drawn == {n["id"] for n in data["nodes"]} - banks
    edges = set(view.js("zhkgView.network.body.edgeIndices"))
    assert edges == {e["id"] for e in data["edges"] if e["from"] not in banks and e["to"] not in banks}
    view.page.check('input[data-cls="Bank"]')
    assert view.js("zhkgView.drawnCounts().nodes") == len(data["nodes"])
    assert view.errors == []


def test_relation_and_document_filters(browser, tmp_path):
    view, data = open_view(browser, tmp_path, hand_made_graph())
    lends = next(r["id"] for r in data["relations"] if r["label"] == "贷款给")
    view.page.uncheck(f'input[data-relation="{lends}"]')
    shown = set(view.js("zhkgView.network.body.edgeIndices"))
    assert shown == {e["id"] for e in data["edges"] if data["relations"][e["rel"]]["id"] != lends}
    view.page.check(f'input[data-relation="{lends}"]')
    doc = data["documents"].index("银行支持小微企业")
    view.page.select_option("#doc-filter", str(doc))
    labels = set(view.js("zhkgView.network.body.nodeIndices.map(i => zhkgView.data.nodes[i].label)"))
    assert labels == {"东方商业银行", "东方商业银行南城分行", "小微企业"}
    view.page.uncheck("#show-negated")
    view.page.select_option("#doc-filter", "-1")
    assert all(data["edges"][j].get("mod") != "Negated" for j in view.js("zhkgView.network.body.edgeIndices"))
    assert view.errors == []


def test_script_in_labels_and_sentences_is_shown_as_text(browser, tmp_path):
    view, data = open_view(browser, tmp_path, hand_made_graph(), title="<script>window.__xss=9</script>")
    evil = next(n["id"] for n in data["nodes"] if n["label"] == XSS_LABEL)
    view.page.fill("#search", "<b>简称</b>")
    view.page.press("#search", "Enter")
    assert view.js("zhkgView.selected") == evil
    assert XSS_LABEL in view.page.inner_text("#panel")
    negated = next(e["id"] for e in data["edges"] if e["to"] == evil)
    view.js(f"zhkgView.selectEdge({negated})")
    assert "</script><script>window.__xss=2</script>" in view.page.inner_text("#panel")
    assert view.page.inner_text("#title") == "<script>window.__xss=9</script>"
    assert view.js("typeof window.__xss") == "undefined"
    assert view.page.locator("#panel script, #panel b, #search-results b").count() == 0
    assert view.errors == []


def test_screenshot_of_the_sample_view(browser, tmp_path):
    if not SAMPLE_GRAPH.exists():
        pytest.skip(f"{SAMPLE_GRAPH} not built yet (make demo)")
    g = Graph().parse(SAMPLE_GRAPH, format="turtle")
    view, data = open_view(browser, tmp_path, g, title="zhkg 示例")
    assert view.errors == [] and view.blocked == []
    assert view.js("zhkgView.drawnCounts().nodes") == len(data["nodes"])
    view.page.screenshot(path=str(SAMPLE_GRAPH.with_name("graph.png")))
