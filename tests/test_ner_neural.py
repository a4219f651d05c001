"""The neural tagger: numpy forward pass (neural.py) and torch training (train_neural.py)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graph.ner.cluener import read_corpus, to_json_line
from graph.ner.features import sentence_features
from graph.ner.neural import NeuralModel

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "cluener" / "train.json"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="CLUENER corpus not beside the repo")
SMALL = {"min_count": 1, "dim": 8, "hidden": 8, "epochs": 6, "batch": 16, "lr": 0.03,
         "dropout": 0.1, "feature_dropout": 0.1}


@pytest.fixture(scope="module")
def corpus_slice():
    return read_corpus(CORPUS)[:240]


def random_model(features: list[str], tags: list[str], dim=6, hidden=5, seed=0) -> NeuralModel:
    rng = np.random.default_rng(seed)
    shape = {"embedding": (len(features) + 1, dim + len(tags)), "w_ih_f": (4 * hidden, dim), "w_hh_f": (4 * hidden, hidden),
             "b_f": (4 * hidden,), "w_ih_b": (4 * hidden, dim), "w_hh_b": (4 * hidden, hidden),
             "b_b": (4 * hidden,), "w_out": (len(tags), 2 * hidden + dim), "b_out": (len(tags),),
             "transitions": (len(tags), len(tags)), "start": (len(tags),), "end": (len(tags),)}
    weights = {name: rng.normal(size=size) for name, size in shape.items()}
    weights["embedding"][0] = 0.0
    return NeuralModel(weights, tags, features)


TEXTS = ["华夏钢铁集团有限公司昨日宣布扩建新厂。", "据中国建设银行介绍，该项贷款已经发放。", "张明远说",
         "江苏省生态环境厅发布了今年的水质报告。", "这家工厂位于浙江省宁波市北仑区。", "好", "公司董事长张明远在会上表示。"]


def test_centre_group_is_the_char_and_its_bigrams():
    rows = sentence_features("银行行长", ("centre",))
    assert rows[0] == ["bias", "c0=银", "b-1=^银", "b+1=银行"]
    assert rows[3] == ["bias", "c0=长", "b-1=行长", "b+1=长$"]


def test_batches_and_padding_do_not_change_the_tags():
    rows = [sentence_features(text, ("centre", "types")) for text in TEXTS]
    features = sorted({f for sentence in rows for row in sentence for f in row})[::2]  # some unknown
    model = random_model(features, ["O", "B-x", "I-x", "B-y", "I-y"])
    together = model.tag_many(rows + [[]])
    alone = [model.tag_many([sentence])[0] for sentence in rows]
    assert together == alone + [[]]
    assert [len(tags) for tags in together[:-1]] == [len(text) for text in TEXTS]
    assert len({tag for tags in together for tag in tags}) > 1  # the weights do something


def test_unknown_features_count_for_nothing():
    model = random_model(["bias", "c0=银"], ["O", "B-x", "I-x"])
    known = [["bias", "c0=银"], ["bias"]]
    with_unknown = [["bias", "c0=银", "c0=没见过"], ["没见过", "bias"]]
    assert np.array_equal(model.char_vectors([known]), model.char_vectors([with_unknown]))


@needs_corpus
def test_numpy_forward_gives_the_torch_tags(corpus_slice):
    pytest.importorskip("torch")
    from graph.ner import train_neural
    from graph.ner.features import _jieba, char_statistics
    from graph.ner.train import build_lexicon
    char_stats = char_statistics(_jieba()[1])
    training, held_out = corpus_slice[:200], corpus_slice[200:]
    network, features = train_neural.fit(training, {**train_neural.DEFAULT_PARAMS, **SMALL}, char_stats,
                                         log=lambda message: None)
    model = NeuralModel(*train_neural._export_copy(network, features))
    train_neural.export(network, features)  # rounds the torch embedding as the export does
    lexicon = build_lexicon(training)
    rows = [sentence_features(text, train_neural.NEURAL_GROUPS, lexicon, char_stats)
            for text, _ in held_out + training[:40]]
    tags = model.tag_many(rows)
    assert any(tag != "O" for sentence in tags for tag in sentence)  # not a model that tags nothing
    assert tags == train_neural.torch_tags(network, features, rows)


@needs_corpus
def test_train_neural_command_scores_the_split_then_ships(tmp_path, capsys, corpus_slice):
    pytest.importorskip("torch")
    from graph.ner.tagger import Tagger
    from graph.ner.train_neural import main
    corpus = tmp_path / "corpus.json"
    corpus.write_text("".join(to_json_line(text, spans) + "\n" for text, spans in corpus_slice[:200]),
                      encoding="utf-8")
    out = tmp_path / "m.npz"
    argv = ["--corpus", str(corpus), "--out", str(out)]
    for name, value in SMALL.items():
        argv += ["--" + name.replace("_", "-"), str(value)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    record = json.loads(out.with_suffix(".validation.json").read_text(encoding="utf-8"))
    assert record["model_trained_on"] == 200
    assert record["validation"]["scored_model_trained_on"] == 180
    overall = record["validation"]["scores"]["overall"]
    assert f"{overall['f1']:7.3f}" in next(line for line in printed.splitlines() if line.startswith("overall"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "corpus.json", "m.charstats.tsv", "m.features.txt", "m.lexicon.tsv", "m.npz", "m.validation.json"]
    tagger = Tagger(out)
    texts = [text for text, _ in corpus_slice[:200]]
    tagged = tagger.tag_many(texts)
    assert sum(map(len, tagged)) > 0  # learnt something from its own training data
    assert tagged[:5] == [tagger.tag(text) for text in texts[:5]]
    assert main(argv) == 0  # deterministic: the same corpus gives the same files
    assert Tagger(out).tag_many(texts) == tagged


def test_tag_many_in_chunks_tags_as_one_at_a_time(monkeypatch):
    from graph.ner import load_tagger, tagger as tagger_module
    tagger = load_tagger()
    monkeypatch.setattr(tagger_module, "SENTENCES_AT_ONCE", 3)
    texts = TEXTS + ["", "   "]
    assert tagger.tag_many(texts) == [tagger.tag(text) for text in texts]
    assert len(tagger.tag_many(texts)) == len(texts)
