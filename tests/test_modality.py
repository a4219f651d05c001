"""Modality of a fact from the cue words around its trigger verb."""
import pytest

from graph.modality import modality
from graph.types import MODALITIES


def judge(sentence, trigger, subject=None, occurrence=0):
    """modality() with the trigger and subject given as words of the sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(trigger, start + 1)
    subject_end = sentence.index(subject) + len(subject) if subject else None
    return modality(sentence, start, start + len(trigger), subject_end)


@pytest.mark.parametrize("sentence, trigger, subject, expected", [
    # done: nothing says otherwise
    ("该银行已向500余户小微企业发放贷款3亿元", "发放贷款", "该银行", "done"),
    ("园区管委会为入驻企业减免两个月租金", "减免", "园区管委会", "done"),
    # planned
    ("该银行将向企业发放专项贷款", "发放", "该银行", "planned"),
    ("区属国企拟为中小企业减免租金", "减免", "区属国企", "planned"),
    ("公司计划下月向医院供货", "供货", "公司", "planned"),
    ("预计区内国企对数千家企业减免租金超2亿元", "减免", "区内国企", "planned"),
    ("这家药企有望在3月底前量产新型试剂", "量产", "这家药企", "planned"),
    ("银行即将为复工企业发放贷款", "发放", "银行", "planned"),
    ("该厂将继续生产防护服", "生产", "该厂", "planned"),
    ("该公司此次贷款将用于建设年产2万吨绿氢项目", "年产", "该公司", "planned"),
    ("该公司所产绿氢将通过管道输送至化工园区", "输送至", "该公司", "planned"),
    ("企业将减免商户租金", "减免", "企业", "planned"),
    # requested
    ("多家企业已向园区申请减免房租", "减免", "多家企业", "requested"),
    ("公司已向物业公司提出了房租减免申请", "减免", "公司", "requested"),
    ("企业可向银行申报贷款贴息", "贷款", "企业", "requested"),
    # encouraged: a third party encourages the subject
    ("市政府鼓励国有企业为承租企业减免租金", "减免", "国有企业", "encouraged"),
    ("监管部门引导银行向小微企业发放信用贷款", "发放", "银行", "encouraged"),
    ("行业协会呼吁业主为商户减免租金", "减免", "业主", "encouraged"),
    ("鼓励企业申请贷款", "贷款", None, "encouraged"),  # the outermost cue decides
    # negated
    ("该银行未向这家企业发放贷款", "发放", "该银行", "negated"),
    # a rumour the sentence denies; news about the act is no denial
    ("针对“某银行将向某集团提供并购贷款”的说法，该行回应称消息不实", "提供", "某银行", "negated"),
    ("网传某公司将向某医院供货的消息不属实", "供货", "某公司", "negated"),
    ("某银行向某公司发放贷款的消息传出后，股价上涨", "发放", "某银行", "done"),
    ("部分业主拒绝减免租金", "减免", "部分业主", "negated"),
    ("该厂尚未生产这种口罩", "生产", "该厂", "negated"),
    ("这家公司没有向医院供货", "供货", "这家公司", "negated"),
    ("银行不再为这些企业发放贷款", "发放", "银行", "negated"),
    ("物业公司暂不减免租金", "减免", "物业公司", "negated"),
    ("公司计划不再生产该产品", "生产", "公司", "negated"),
    ("企业未申请贷款", "贷款", "企业", "negated"),
])
def test_modality(sentence, trigger, subject, expected):
    assert judge(sentence, trigger, subject) == expected


@pytest.mark.parametrize("sentence, trigger", [
    ("银行坚持不抽贷、不断贷、不压贷，向企业发放贷款5亿元", "发放"),
    ("银行不抽贷、不断贷、不压贷并向企业发放贷款", "发放"),
    ("各银行要做到不抽贷、不断贷", "抽贷"),
    ("银行不得抽贷", "抽贷"),
])
def test_not_cutting_a_loan_is_lending(sentence, trigger):
    assert judge(sentence, trigger, "银行" if "银行" in sentence else None) == "done"


@pytest.mark.parametrize("sentence, trigger, subject", [
    ("国企不仅为企业减免租金，还提供贷款", "减免", "国企"),
    ("公司不断扩大生产", "生产", "公司"),
    ("不少企业获得了贷款", "贷款", None),
    ("未来三个月园区为企业减免租金", "减免", "园区"),
    ("不同银行为企业发放贷款", "发放", "不同银行"),
    ("银行为不超过500万元的项目发放贷款", "发放", "银行"),
    ("不久前该公司向医院供货", "供货", "该公司"),
    ("园区向不能按时复工的企业减免租金", "减免", "园区"),  # 不能 belongs to the firms
    ("银行将资金发放给企业", "发放", "银行"),  # 将 marks the object here, not the future
])
def test_look_alikes_are_not_cues(sentence, trigger, subject):
    assert judge(sentence, trigger, subject) == "done"


def test_negation_with_its_own_phrase_still_counts():
    # The 的 is inside the verb's own phrase (为...的企业), so 不再 negates 发放.
    assert judge("银行不再为符合条件的企业发放贷款", "发放", "银行") == "negated"


def test_cues_in_another_clause_do_not_count():
    sentence = "部分商户未能按期开业，业主为其减免租金"
    assert judge(sentence, "减免", "业主") == "done"
    assert judge("银行表示，将向企业发放贷款", "发放", "银行") == "planned"


def test_enumeration_comma_does_not_end_the_clause():
    sentence = "该行拟对餐饮、零售、文旅企业发放贷款"
    assert judge(sentence, "发放", "该行") == "planned"


def test_only_clause_wide_cues_count_before_the_subject():
    # 不 before the subject is not about the subject's action...
    assert judge("不少国企为企业减免租金", "减免", "不少国企") == "done"
    # ...but 预计 and 鼓励 govern the whole clause.
    assert judge("预计国企为企业减免租金", "减免", "国企") == "planned"


def test_each_fact_in_a_sentence_gets_its_own_modality():
    sentence = "该行已向商户发放贷款2亿元，并计划向小微企业发放贷款5亿元"
    assert judge(sentence, "发放", "该行", occurrence=0) == "done"
    assert judge(sentence, "发放", "该行", occurrence=1) == "planned"


def test_without_a_subject_the_clause_start_bounds_the_cues():
    assert judge("据悉，拟向企业发放贷款", "发放") == "planned"
    assert judge("据悉，向企业发放贷款", "发放") == "done"


def test_always_one_of_the_five():
    for sentence in ["", "贷款", "不", "将来"]:
        assert modality(sentence, 0, len(sentence)) in MODALITIES


def test_a_negation_inside_a_firms_name_negates_nothing():
    from graph.pipeline import extract_text
    ex = extract_text("宁波海曙不锈钢制品有限公司近日获得中国建设银行宁波分行2000万元贷款。", doc_id="t", use_ner=False)
    assert [f.modality for f in ex.facts if f.relation == "lendsTo"] == ["done"]  # (不 of 不锈钢)
