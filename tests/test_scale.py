"""Corpus input: JSON lines, skipping bad files and lines, parallel and Dask builds equal to one process."""
import io
import json

import pytest

from conftest import ROOT, SAMPLE, run_zhkg
from graph.errors import ZhkgError
from graph.pipeline import BuildOptions, write_graph
from graph.read import read_paths

PASSAGES = [
    {"id": "a1", "title": "宁波某某银行支持外贸企业", "date": "2021-04-02", "url": "https://news.example/a1",
     "text": "宁波某某银行向外贸企业发放贷款2亿元。该行还为小微企业提供授信。"},
    {"id": "a2", "title": "", "date": "2021年5月6日",
     "text": "甘肃某某新材料有限公司位于兰州新区，主要生产碳纤维复合材料。"},
]


def turtle_of(paths, options=None, keep=None) -> bytes:
    buffer = io.BytesIO()
    write_graph(paths, buffer, options, keep=keep)
    return buffer.getvalue()


def write_jsonl(path, records, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_records_become_documents_with_their_metadata(tmp_path):
    docs = list(read_paths([write_jsonl(tmp_path / "news.jsonl", PASSAGES)]))
    assert [d.id for d in docs] == ["a1", "a2"]
    assert docs[0].title == "宁波某某银行支持外贸企业" and docs[0].url == "https://news.example/a1"
    assert docs[0].date == "2021-04-02" and docs[1].date == "2021-05-06"
    assert docs[0].text.startswith("宁波某某银行支持外贸企业\n")


def test_bad_lines_are_skipped_with_file_line_and_reason(tmp_path):
    f = write_jsonl(tmp_path / "news.jsonl", PASSAGES, ['{"id": "x"}', "not json", '{"text": "  "}'])
    skipped = []
    docs = list(read_paths([f], on_skip=skipped.append))
    assert len(docs) == 2
    assert skipped == [f"{f}:3: no \"text\" field", f"{f}:4: invalid JSON (Expecting value)",
                       f"{f}:5: empty \"text\" field"]
    with pytest.raises(ZhkgError, match=r"news.jsonl:3"):
        list(read_paths([f]))


def test_build_goes_on_past_a_bad_file_and_counts_it(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    write_jsonl(corpus / "sub" / "news.jsonl", PASSAGES)
    (corpus / "empty.txt").write_bytes(b"")
    result = run_zhkg("build", corpus, "-o", tmp_path / "out", "--no-html")
    assert result.returncode == 0, result.stderr
    assert "documents: 2" in result.stdout
    assert "skipped:   1  file is empty 1" in result.stdout and "empty.txt" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    strict = run_zhkg("build", corpus, "-o", tmp_path / "strict", "--no-html", "--strict")
    assert strict.returncode == 2 and "empty.txt: file is empty" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_two_workers_give_the_same_turtle_as_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_bytes(SAMPLE.read_bytes())
    write_jsonl(corpus / "news.jsonl", PASSAGES)
    one = turtle_of([corpus], BuildOptions(workers=1))
    two = turtle_of([corpus], BuildOptions(workers=2))
    assert one == two and "zhkg:lendsTo".encode() in one


def test_a_graph_too_big_to_hold_is_written_the_same(tmp_path):
    """The build streams each document's triples to the file; holding none of
    them (keep=0) must give the same bytes as holding all."""
    from rdflib import Graph
    f = write_jsonl(tmp_path / "news.jsonl", PASSAGES * 2)
    held, streamed = io.BytesIO(), io.BytesIO()
    everything = write_graph([f], held)
    nothing = write_graph([f], streamed, keep=0)
    assert held.getvalue() == streamed.getvalue()
    assert nothing.triples is None and len(everything.triples) == everything.size == nothing.size
    back = Graph().parse(data=streamed.getvalue().decode("utf-8"), format="turtle")
    assert len(back) == nothing.size  # no triple written twice, none lost
    assert set(back) == set(everything.graph)


def test_dask_local_cluster_gives_the_same_graph(tmp_path):
    distributed = pytest.importorskip("distributed")
    f = write_jsonl(tmp_path / "news.jsonl", PASSAGES * 3)
    local = turtle_of([f])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        dask = turtle_of([f], BuildOptions(engine="dask", scheduler=cluster.scheduler_address))
    assert dask == local


def test_dask_without_scheduler_is_a_clear_error(tmp_path):
    f = write_jsonl(tmp_path / "news.jsonl", PASSAGES)
    result = run_zhkg("build", f, "-o", tmp_path / "out", "--engine", "dask")
    assert result.returncode == 2 and "--scheduler" in result.stderr


def test_progress_bar_counts_documents_and_reaches_the_end(tmp_path, capsys):
    f = write_jsonl(tmp_path / "news.jsonl", PASSAGES)
    write_graph([f], io.BytesIO(), BuildOptions(progress=True))
    bar = capsys.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    assert "100%" in bar and "2 docs" in bar and "chars/s" in bar
    write_graph([f], io.BytesIO(), BuildOptions(progress=False))
    assert capsys.readouterr().err == ""


def test_a_graph_over_the_hold_limit_is_written_viewed_and_flagged(tmp_path, monkeypatch):
    """Past VALIDATE_LIMIT the build keeps no triples: Turtle the same, the view
    drawn from the written file, and the summary says SHACL was not run."""
    from graph import pipeline
    small = pipeline.build_outputs([SAMPLE], tmp_path / "small", date="2020-02-28")
    monkeypatch.setattr(pipeline, "VALIDATE_LIMIT", 100)
    big = pipeline.build_outputs([SAMPLE], tmp_path / "big", date="2020-02-28")
    assert "not validated" in big and "not validated" not in small
    assert (tmp_path / "big" / "graph.ttl").read_bytes() == (tmp_path / "small" / "graph.ttl").read_bytes()
    assert (tmp_path / "big" / "graph.html").read_text(encoding="utf-8") == \
        (tmp_path / "small" / "graph.html").read_text(encoding="utf-8")
