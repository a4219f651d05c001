"""The wheel carries everything zhkg needs at run time: a plain install works from any folder."""
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-q", "-w", str(dist), str(ROOT)], capture_output=True, text=True)
    if result.returncode != 0 and "hatchling" in result.stderr:
        pytest.skip("hatchling is not installed in this environment")
    assert result.returncode == 0, result.stderr
    return next(dist.glob("zhkg-*.whl"))


def test_wheel_contains_ontology_dictionaries_and_queries_free_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "graph/_bundled/ontology/zhkg.ttl" in names
    assert "graph/_bundled/ontology/shapes.ttl" in names
    assert "graph/_bundled/dict/relation_rules.toml" in names
    assert "graph/_bundled/dict/divisions.tsv" in names


def test_installed_wheel_builds_a_graph_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    news = tmp_path / "news.txt"
    news.write_text("浙江某某纺织股份有限公司位于绍兴市。中国工商银行绍兴分行向该公司发放贷款5000万元。",
                    encoding="utf-8")
    code = ("import graph, sys; from graph.cli import main; "
            "assert graph.__file__.startswith(sys.argv[1]), graph.__file__; "
            "sys.exit(main(['build', sys.argv[2], '-o', sys.argv[3], '--no-html']))")
    env = dict(os.environ, PYTHONPATH=str(target))
    result = subprocess.run([sys.executable, "-c", code, str(target), str(news), str(tmp_path / "out")],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "zhkg:lendsTo" in turtle and "zhkg:locatedIn" in turtle
