"""The named-entity tagger: features, labels, training, the shipped model, `zhkg ner`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.cli import main
from graph.ner import load_tagger
from graph.ner.cluener import read_corpus, spans_from_label, to_json_line
from graph.ner.features import (FEATURE_GROUPS, char_statistics, read_char_statistics,
                                sentence_features, spans_to_tags, tags_to_spans, write_char_statistics)
from graph.ner.tagger import Tagger
from graph.ner.train import augment, evaluate_model, mention_pool, score, split_corpus, train_model

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "cluener" / "train.json"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="CLUENER corpus not beside the repo")


@pytest.fixture(scope="module")
def corpus_slice():
    return read_corpus(CORPUS)[:400]


# --- features and labels --------------------------------------------------------------

def test_features_have_every_group():
    text = "北京市海淀区的华夏科技有限公司总经理刘德文说"
    features = sentence_features(text)
    assert len(features) == len(text)
    company_char = features[text.index("华")]
    keys = {f.split("=")[0] for f in company_char}
    assert {"bias", "c0", "c-1", "c+1", "b-1", "b+1", "t0", "y", "wp", "w", "pos", "nx"} <= keys
    assert "c0=华" in company_char and "c+1=夏" in company_char
    assert "nx=company" in company_char  # 有限公司 follows within a few chars
    assert any(f.startswith("g=div") for f in features[text.index("海")])
    assert any(f.startswith("g=pos") for f in features[text.index("总")])
    assert any(f.startswith("sn=1") for f in features[text.index("刘")])


def test_feature_groups_can_be_switched_off():
    text = "上海银行行长说"
    only_chars = sentence_features(text, ("chars",))
    assert not any(f.startswith(("wp=", "g=", "y=")) for f in only_chars[0])
    assert len(sentence_features(text, FEATURE_GROUPS)[0]) > len(only_chars[0])


def test_digits_and_full_width_are_folded():
    assert "c0=0" in sentence_features("第１２号")[1]
    assert sentence_features("") == []


def test_char_statistics_bucket_shares_of_name_words(tmp_path):
    word_tags = {"张伟": "nr", "李伟": "nr", "王伟": "nr", "伟大": "a", "伟业": "n", "宏伟": "a",
                 "甲县": "ns", "乙县": "ns", "丙县": "ns", "张": "nr"}
    table = char_statistics(word_tags)
    # 伟 ends 4 words, 3 of them person names (75%: the top bucket); it begins
    # 2 words only, too few for a statistic
    assert "nrE=5" in table["伟"] and not any(f.startswith("nrB") for f in table["伟"])
    assert table["县"] == ("nsE=5",)
    assert "张" not in table  # single-char words say nothing about places in words
    path = tmp_path / "stats.tsv"
    write_char_statistics(table, path)
    assert read_char_statistics(path) == table


def test_char_statistics_become_features():
    stats = {"伟": ("nrE=5",)}
    features = sentence_features("张伟说", FEATURE_GROUPS + ("charstats",), None, stats)
    assert "nrE=5" in features[1] and "nrE=5" not in features[0]
    assert "nrE=5" not in sentence_features("张伟说", ("chars",), None, stats)[1]


@needs_corpus
def test_tags_round_trip_the_corpus_spans(corpus_slice):
    for text, spans in corpus_slice:
        tags = spans_to_tags(len(text), spans)
        assert len(tags) == len(text)
        assert tags_to_spans(tags) == sorted(spans)


def test_tags_to_spans_is_lenient_about_unclosed_entities():
    tags = ["B-name", "I-name", "O", "S-position", "I-company", "E-company", "B-name"]
    assert tags_to_spans(tags) == [(0, 2, "name"), (3, 4, "position"), (4, 6, "company"), (6, 7, "name")]


def test_cluener_label_is_checked_against_text():
    assert spans_from_label("叶老桂说", {"name": {"叶老桂": [[0, 2]]}}) == [(0, 3, "name")]
    with pytest.raises(ValueError):
        spans_from_label("叶老桂说", {"name": {"叶老桂": [[1, 3]]}})


def test_score_counts_exact_spans():
    gold = [[(0, 2, "name"), (3, 5, "company")]]
    predicted = [[(0, 2, "name"), (3, 6, "company")]]
    table = score(gold, predicted)
    assert table["name"]["f1"] == 1.0
    assert table["company"]["precision"] == 0.0 and table["company"]["recall"] == 0.0
    assert table["overall"]["f1"] == 0.5


# --- training ---------------------------------------------------------------------------

def test_split_is_fixed_and_disjoint():
    items = list(range(100))
    training, validation = split_corpus(items)
    assert (training, validation) == split_corpus(items)
    assert len(validation) == 10 and not set(training) & set(validation)


def test_augment_replaces_mentions_and_moves_the_spans():
    examples = [("张三是华夏公司董事长", [(0, 2, "name"), (3, 7, "company"), (7, 10, "position")]),
                ("欧阳明月在京东集团工作", [(0, 4, "name"), (5, 9, "company")]),
                ("《红楼梦》很好看", [(0, 5, "book")])]
    pool = mention_pool(examples, ("name", "company"))
    assert pool == {"name": ["张三", "欧阳明月"], "company": ["华夏公司", "京东集团"]}
    copies = augment(examples, 3, 1.0, pool)
    assert len(copies) == len(examples) and copies == augment(examples, 3, 1.0, pool)
    assert copies[2] == []  # no replaceable mention: no copy, rather than a duplicate
    for (text, spans), made in zip(examples, copies):
        for new_text, new_spans in made:
            assert new_text != text and [s[2] for s in new_spans] == [s[2] for s in spans]
            for start, end, label in new_spans:
                assert new_text[start:end] in pool.get(label, [text[s:e] for s, e, _ in spans])
            assert new_text.endswith(text[spans[-1][1]:])  # the text after the last mention stays
    assert augment(examples, 0, 1.0, pool) == [[], [], []]
    assert augment(examples, 3, 0.0, pool) == [[], [], []]


@needs_corpus
def test_augmented_slice_is_deterministic_and_aligned(corpus_slice):
    first, second = augment(corpus_slice, 2, 0.5), augment(corpus_slice, 2, 0.5)
    assert first == second and sum(map(len, first)) > len(corpus_slice) // 2
    pool = mention_pool(corpus_slice)
    for (text, spans), made in zip(corpus_slice, first):
        for new_text, new_spans in made:
            assert len(new_spans) == len(spans)
            for (start, end, label), old in zip(new_spans, sorted(spans)):
                assert label == old[2]
                mention = new_text[start:end]
                assert mention == text[old[0]:old[1]] or mention in pool[label]
            tags = spans_to_tags(len(new_text), new_spans)
            assert tags_to_spans(tags) == new_spans


@needs_corpus
def test_training_with_augmented_copies(tmp_path, corpus_slice):
    model = train_model(corpus_slice[:100], tmp_path / "aug.crfsuite", {"max_iterations": 5},
                        copies=1, p=0.5)
    assert Tagger(model).tag_many([corpus_slice[0][0]]) is not None


@needs_corpus
def test_training_on_a_slice_gives_a_model_that_tags(tmp_path, corpus_slice):
    model = train_model(corpus_slice[:300], tmp_path / "small.crfsuite",
                        {"max_iterations": 30})
    assert model.stat().st_size > 0
    tagger = Tagger(model)
    spans = tagger.tag_many([text for text, _ in corpus_slice[:300]])
    assert sum(map(len, spans)) > 0  # learnt something from its own training data
    table = evaluate_model(model, corpus_slice[300:])
    assert table["overall"]["support"] == sum(len(s) for _, s in corpus_slice[300:])


@needs_corpus
@pytest.mark.parametrize("split_only, shipped_on", [(False, 200), (True, 180)])
def test_train_command_scores_the_split_then_ships(tmp_path, capsys, corpus_slice, split_only, shipped_on):
    from graph.ner.train import main as train_main
    corpus = tmp_path / "corpus.json"
    corpus.write_text("".join(to_json_line(text, spans) + "\n" for text, spans in corpus_slice[:200]),
                      encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    argv = ["--corpus", str(corpus), "--out", str(out), "--iterations", "5"]
    assert train_main(argv + ["--split-only"] * split_only) == 0
    printed = capsys.readouterr().out
    record = json.loads(out.with_suffix(".validation.json").read_text(encoding="utf-8"))
    assert record["model_trained_on"] == shipped_on
    assert record["validation"] == {"sentences": 20, "scored_model_trained_on": 180,
                                    "scores": record["validation"]["scores"]}
    overall = record["validation"]["scores"]["overall"]
    overall_line = next(line for line in printed.splitlines() if line.startswith("overall"))
    assert f"{overall['f1']:7.3f}" in overall_line  # the scores printed are the ones recorded
    assert out.exists() and out.with_suffix(".charstats.tsv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "corpus.json", "m.charstats.tsv", "m.crfsuite", "m.lexicon.tsv", "m.validation.json"]


# --- the shipped model ---------------------------------------------------------------------

# Sentences written for this test (not from CLUENER, not from the sample article).
@pytest.mark.parametrize("text, expected", [
    ("华夏钢铁集团有限公司昨日宣布扩建新厂。", ("华夏钢铁集团有限公司", "company")),
    ("据中国建设银行介绍，该项贷款已经发放。", ("中国建设银行", "company")),
    ("江苏省生态环境厅发布了今年的水质报告。", ("江苏省生态环境厅", "government")),
    ("这家工厂位于浙江省宁波市北仑区。", ("浙江省宁波市北仑区", "address")),
    ("公司董事长张明远在会上表示，今年利润增长三成。", ("张明远", "name")),
    ("公司董事长张明远在会上表示，今年利润增长三成。", ("董事长", "position")),
])
def test_shipped_model_tags_written_sentences(text, expected):
    tagger = load_tagger()
    mentions = {(text[s:e], label) for s, e, label in tagger.tag(text)}
    assert expected in mentions


def test_central_bank_is_a_government_body():
    text = "中国人民银行决定下调存款准备金率。"
    assert (0, 6, "government") in load_tagger().tag(text)


def test_document_consistency_tags_recurring_names():
    tagger = load_tagger()
    sentences = ["华夏钢铁集团有限公司董事长张明远出席了发布会。", "张明远说，新厂明年投产。"]
    first, second = tagger.tag_document(sentences)
    assert (13, 16, "name") in first
    assert (0, 3, "name") in second


def test_tag_handles_empty_and_blank_text():
    tagger = load_tagger()
    assert tagger.tag("") == [] and tagger.tag("   ") == []
    assert tagger.tag_many([]) == []


# --- zhkg ner ---------------------------------------------------------------------------------

def test_zhkg_ner_round_trips_cluener(tmp_path):
    texts = ["华夏钢铁集团有限公司董事长张明远出席了发布会。", "这家工厂位于浙江省宁波市北仑区。"]
    source = tmp_path / "in.json"
    source.write_text("".join(json.dumps({"text": t, "id": i}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["ner", str(source), "-o", str(out)]) == 0
    read_back = read_corpus(out)
    assert [text for text, _ in read_back] == texts
    assert [spans for _, spans in read_back] == load_tagger().tag_many(texts)
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for mentions in record["label"].values():
            for mention, positions in mentions.items():
                for start, end in positions:  # inclusive ends
                    assert record["text"][start:end + 1] == mention


def test_zhkg_ner_reads_plain_text(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text("公司董事长张明远在会上表示。\n\n这家工厂位于浙江省宁波市。\n", encoding="utf-8")
    assert main(["ner", str(source)]) == 0
    records = [json.loads(s) for s in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in records] == ["公司董事长张明远在会上表示。", "这家工厂位于浙江省宁波市。"]
    assert records[0]["label"]["name"] == {"张明远": [[5, 7]]}


def test_zhkg_ner_reads_stdin_as_one_document(monkeypatch, capsys):
    import io
    import sys
    text = "华夏钢铁集团有限公司董事长张明远出席了发布会。\n张明远说，新厂明年投产。\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["ner", "-", "--document"]) == 0
    records = [json.loads(s) for s in capsys.readouterr().out.splitlines()]
    assert records[1]["label"]["name"] == {"张明远": [[0, 2]]}


@pytest.mark.parametrize("content, reason", [
    ('{"text": "上海"}\n\n{"text": "北京"}\n', "in.json:2: empty line"),
    ('{"text": "上海"}\n{"txt": "北京"}\n', 'in.json:2: no "text" field'),
    ('{"text": "上海"}\n{"text": "北京"\n', "in.json:2: invalid JSON"),
])
def test_zhkg_ner_bad_input(tmp_path, capsys, content, reason):
    source = tmp_path / "in.json"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["ner", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zhkg: error: ") and reason in err and err.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [source]
