"""Sentence splitting on news layouts (text written for these tests)."""
from __future__ import annotations

import pytest

from graph.nlp import split_sentences


@pytest.mark.parametrize("text, first", [
    ("新华社兰州3月2日电（记者 王敏）兰州某某机械有限公司今日复工。", "新华社兰州3月2日电（记者 王敏）"),
    ("本报讯（通讯员 李静）某某公司新厂投产。", "本报讯（通讯员 李静）"),
    ("中新网西宁5月8日电 某某公司宣布扩产。", "中新网西宁5月8日电"),
])
def test_a_dateline_is_a_sentence_of_its_own(text, first):
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[0] == first and len(sentences) == 2
    assert text.endswith(sentences[1])


@pytest.mark.parametrize("text", ["公司3月5日电话会议上宣布扩产。", "华为通讯设备销量增长。"])
def test_a_date_before_a_word_with_dian_is_no_dateline(text):
    assert [s.text for s in split_sentences(text)] == [text]


def test_the_agency_of_a_dateline_is_no_party():
    from graph.pipeline import extract_text
    ex = extract_text("新华社乌鲁木齐10月21日电（记者 周涛）新疆阿克苏天山果业有限公司的苹果近日运往上海。", doc_id="t")
    agency = [e for e in ex.entities.values() if e.label == "新华社"]
    assert agency and agency[0].cls == "Organization"
    assert not any(f.subject == agency[0].key for f in ex.facts)
    assert ("新疆阿克苏天山果业有限公司", "上海市") in {(ex.entities[f.subject].label, ex.entities[f.object].label)
                                              for f in ex.facts if f.relation == "supplies"}


def test_the_agency_of_a_dateline_is_not_the_subject_of_the_next_sentence():
    from graph.pipeline import extract_text
    text = "中新社乌鲁木齐11月15日电（记者 王敏）满载番茄酱的班列驶出，运往德国。这批货物由新疆天山番茄制品有限公司生产。"
    ex = extract_text(text, doc_id="t")
    assert not any(ex.entities[f.subject].label == "中新社" for f in ex.facts)
