"""Relation rules on sentences written for these tests: many phrasings per
relation, counter-examples that must give no fact, and modality."""
from __future__ import annotations

import pytest

from graph.pipeline import extract_text


def facts(text: str) -> dict[tuple[str, str, str], str]:
    """(subject label, relation, object label) -> modality."""
    ex = extract_text(text, doc_id="t", use_ner=False)
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label[f.subject], f.relation, label[f.object]): f.modality for f in ex.facts}


def done(text: str) -> set[tuple[str, str, str]]:
    return {k for k, modality in facts(text).items() if modality != "negated"}


# ---------------------------------------------------------------- lendsTo

BANK = "中国建设银行宁波分行"
FIRM = "宁波海曙纺织有限公司"


@pytest.mark.parametrize("text", [
    f"{BANK}向{FIRM}发放贷款3000万元。",
    f"近日，{BANK}为{FIRM}提供授信1亿元。",
    f"{BANK}向{FIRM}放贷500万元，解了燃眉之急。",
    f"{BANK}为{FIRM}办理续贷2000万元。",
    f"{FIRM}获得{BANK}5000万元贷款。",
    f"{FIRM}与{BANK}签订融资协议，获得2亿元授信额度。",
    f"{FIRM}日前公告，公司与{BANK}签署了借款合同。",
    f"{BANK}对{FIRM}不抽贷、不断贷。",
    f"在{BANK}的支持下，{FIRM}顺利获得该行8000万元贷款。",
    f"对于{FIRM}，{BANK}及时续贷。",
    f"{BANK}与{FIRM}、宁波港城物流有限公司等9家企业签约，授信总额12亿元。",
    f"{FIRM}今年初资金周转困难，{BANK}得知后主动上门，为其办理续贷800万元。",
    f"{FIRM}3月下旬从{BANK}获得续贷600万元。",
    f"在{BANK}的大力支持下，{FIRM}获得了500万元贷款。",
    f"{FIRM}从{BANK}贷款500万元，用于采购原料。",
    f"{FIRM}通过{BANK}的“抵押快贷”获得资金300万元。",
    f"{FIRM}获{BANK}贷款500万元。",
    f"{BANK}向海曙区的{FIRM}发放贷款3000万元。",
    # credit support named as such, a loan product, and more verbs
    f"在{BANK}6000万元信贷资金支持下，{FIRM}新建的印染生产线日前投产。",
    f"{FIRM}近日获得{BANK}800万元“织造贷”支持，用于购置织机。",
    f"{FIRM}去年曾获得{BANK}的信贷支持。",
    f"{FIRM}获批{BANK}“科技贷”200万元。",
    f"{BANK}审批通过了{FIRM}的贷款申请。",
    f"{BANK}为{FIRM}开辟绿色通道，3天内完成放款1000万元。",
    f"{BANK}批复{FIRM}贷款2000万元。",
    f"{FIRM}的800万元贷款由{BANK}发放。",
    f"{BANK}以“科创贷”支持{FIRM}500万元。",
    f"{FIRM}通过“税易贷”从{BANK}获得信用贷款200万元。",
    f"{BANK}和{FIRM}签订了1亿元借款合同。",
])
def test_lending_phrasings(text):
    assert (BANK, "lendsTo", FIRM) in done(text)


@pytest.mark.parametrize("text", [
    f"宁波甬江酒庄有限公司首次获得银行贷款。{BANK}向该酒庄发放了400万元贷款。",
    f"宁波甬江酒庄有限公司负责人说。今年2月，{BANK}为这家成立不到三年的酿酒企业发放了首笔贷款200万元。",
])
def test_a_firm_referred_to_by_its_kind(text):
    assert (BANK, "lendsTo", "宁波甬江酒庄有限公司") in done(text)


def test_the_bare_kind_before_a_title_is_the_firm():
    ex = extract_text("宁波甬江农机专业合作社获得贷款。合作社理事长孟庆山说，新机已到。", doc_id="t")
    label = {k: e.label for k, e in ex.entities.items()}
    assert ("孟庆山", "worksFor", "宁波甬江农机专业合作社") in {
        (label[f.subject], f.relation, label[f.object]) for f in ex.facts}
    assert "合作社" not in label.values()  # not a second body of its own


def test_two_lenders_of_one_loan():
    text = f"{FIRM}近日获得国家开发银行宁波分行、中国进出口银行浙江省分行提供的12亿元贷款。"
    assert {(b, "lendsTo", FIRM) for b in ("国家开发银行宁波分行", "中国进出口银行浙江省分行")} <= done(text)


def test_qi_follows_the_topic_through_a_pronoun():
    text = (f"{FIRM}年产棉纱3万吨。今年10月，公司与嘉兴锦华织造有限公司签订了棉纱订单。"
            f"{BANK}拟向其提供3亿元中长期贷款。")
    assert facts(text).get((BANK, "lendsTo", FIRM)) == "planned"


def test_a_description_may_name_a_place():
    text = f"{FIRM}资金需求大增。这家位于宁波海曙区的纺织企业3月下旬从{BANK}获得续贷600万元。"
    assert (BANK, "lendsTo", FIRM) in done(text)


def test_qi_is_a_pronoun_only_after_a_preposition():
    assert not any(rel == "lendsTo" for _, rel, _ in done(f"{FIRM}订单充足。{BANK}为其他企业办理续贷。"))


def test_lending_to_a_group_with_its_count():
    ex = extract_text("记者从中国银行湖南省分行获悉，该行已向全省3200户小微企业发放贷款逾60亿元。",
                      doc_id="t", use_ner=False)
    (fact,) = [f for f in ex.facts if f.relation == "lendsTo"]
    assert ex.entities[fact.subject].label == "中国银行湖南省分行"
    assert ex.entities[fact.object].label == "小微企业"
    assert fact.details.get("amount") == 6_000_000_000


def test_branch_lends_and_is_part_of_its_bank():
    ex = extract_text(f"{BANK}向{FIRM}发放贷款。", doc_id="t", use_ner=False)
    (fact,) = [f for f in ex.facts if f.relation == "lendsTo"]
    branch = ex.entities[fact.subject]
    assert branch.label == BANK and ex.entities[branch.attrs["parent"]].label == "中国建设银行"


def test_loan_applied_for_is_requested():
    text = f"{FIRM}向{BANK}申请了1000万元流动资金贷款，目前正在审批。"
    assert facts(text)[(BANK, "lendsTo", FIRM)] == "requested"


def test_planned_application_is_requested():
    text = f"{FIRM}拟向{BANK}申请不超过2亿元的综合授信。"
    assert facts(text)[(BANK, "lendsTo", FIRM)] == "requested"


@pytest.mark.parametrize("text", [
    f"{BANK}没有向{FIRM}发放新增贷款。",
    f"{BANK}相关负责人表示，该行未向{FIRM}发放贷款。",
])
def test_denied_lending_is_negated(text):
    assert (BANK, "lendsTo", FIRM) not in done(text)


@pytest.mark.parametrize("text", [
    "中国人民银行杭州中心支行召开座谈会，杭州银行、浙商银行等机构负责人参加会议。",
    f"{FIRM}曾与{BANK}接洽融资事宜，但截至目前尚未获得贷款。",
    f"{FIRM}决定暂停扩产，也没有向当地农商行申请新的贷款。",
])
def test_no_lending(text):
    assert not any(rel == "lendsTo" for _, rel, _ in done(text))


# ---------------------------------------------------------------- reducesRentFor

LANDLORD = "杭州西溪置业有限公司"


@pytest.mark.parametrize("text, tenant", [
    (f"{LANDLORD}为入驻企业减免两个月房租。", "入驻企业"),
    (f"{LANDLORD}日前宣布，免收中小微企业2月份的租金。", "中小微企业"),
    (f"{LANDLORD}对园区内的科技型企业，给予3个月租金50%的减免。", "科技型企业"),
    (f"{LANDLORD}对场内餐饮商户减租20%。", "餐饮商户"),
    (f"{LANDLORD}已为承租其房产的326家企业减免租金共计900万元。", "326家企业"),
    (f"{LANDLORD}为西溪商圈的218家商户免除了6个月租金。", "商户"),
    (f"{LANDLORD}为园区内的小微企业免租3个月。", "小微企业"),
    (f"{LANDLORD}旗下商场的商户可享受一个月免租期。", "商户"),
    (f"{LANDLORD}宣布，所有租户2月租金全免。", "租户"),
    (f"租金减免惠及{LANDLORD}的128家租户。", "租户"),  # (惠及 is a place to jieba)
    (f"{LANDLORD}免收园区内中小企业2月至4月租金。", "中小企业"),
    (f"{LANDLORD}减免了48家商户的租金。", "商户"),
    (f"{LANDLORD}累计减免租金1200万元，惠及中小微企业300余家。", "中小微企业"),
    (f"{LANDLORD}将租金下调20%，涉及租户56家。", "租户"),
    (f"对承租{LANDLORD}房屋的中小微企业，免收2020年2月、3月两个月租金。", "中小微企业"),
    (f"{LANDLORD}决定，对受疫情影响的商户，3月份租金全免、4月份减半。", "商户"),
    (f"{LANDLORD}出台租金减免政策，园区内的小微企业受益。", "小微企业"),
    # one tenant: passive, the tenant's landlord, the tenant's side
    (f"杭州知味餐饮有限公司的租金由{LANDLORD}全额减免。", "杭州知味餐饮有限公司"),
    (f"杭州知味餐饮有限公司三个月的房租被{LANDLORD}免除了。", "杭州知味餐饮有限公司"),
    (f"杭州知味餐饮有限公司的房东{LANDLORD}同意减免三个月租金。", "杭州知味餐饮有限公司"),
    (f"在{LANDLORD}的帮助下，杭州知味餐饮有限公司获得了3个月的租金减免。", "杭州知味餐饮有限公司"),
    (f"杭州知味餐饮有限公司免交{LANDLORD}三个月租金。", "杭州知味餐饮有限公司"),
    (f"作为业主，{LANDLORD}为杭州知味餐饮有限公司免去了两个月的租金。", "杭州知味餐饮有限公司"),
    (f"{LANDLORD}下调了杭州知味餐饮有限公司的租金。", "杭州知味餐饮有限公司"),
    (f"{LANDLORD}对承租其房产的300户个体工商户，免收2022年2月至4月三个月租金。", "个体工商户"),  # a long gap
    (f"{LANDLORD}对旗下商业楼宇的个体工商户实行“免三减三”。", "个体工商户"),  # rent-cut jargon
    (f"{LANDLORD}为其运营的西溪科创园内43家小微企业免除两个月租金。", "小微企业"),  # 其 as a possessor
    (f"{LANDLORD}宣布，对旗下西溪商都等3个商业项目的800余户商户减免3个月租金。", "商户"),  # described at length
])
def test_rent_phrasings(text, tenant):
    assert (LANDLORD, "reducesRentFor", tenant) in done(text)


def test_a_named_landlord_and_the_counted_group_it_belongs_to_both_cut_rent():
    found = done(f"{LANDLORD}等5家区属国企为2300户小微企业减免租金1.2亿元。")
    assert {(LANDLORD, "reducesRentFor", "小微企业"), ("区属国企", "reducesRentFor", "小微企业")} <= found


def test_relief_reaching_tenants_after_the_landlord_announced_it():
    found = facts(f"{LANDLORD}宣布减免租金。租金减免总额达到3000万元，惠及商户1200户。")
    assert found.get((LANDLORD, "reducesRentFor", "商户")) == "done"
    assert not any(o == LANDLORD for _, _, o in facts(f"租金减免惠及{LANDLORD}的128家租户。"))


def test_tenants_enjoying_the_policy_of_a_landlord_named_before():
    text = (f"{LANDLORD}出台措施，对新入驻园区的数字经济企业给予“两免三减半”租金优惠。"
            "截至7月底，杭州知味餐饮有限公司、杭州湖畔书店有限公司等26家企业已签约入驻并享受该政策。")
    found = done(text)
    assert {(LANDLORD, "reducesRentFor", t) for t in ("杭州知味餐饮有限公司", "杭州湖畔书店有限公司")} <= found
    assert not any(s == "数字经济企业" for s, _, _ in found)


@pytest.mark.parametrize("text", [
    f"杭州知味餐饮有限公司已向房东{LANDLORD}申请房租减免，目前尚未得到答复。",
    f"杭州知味餐饮有限公司近日向业主方{LANDLORD}申请减免三个月租金。",
])
def test_rent_requested(text):
    assert facts(text)[(LANDLORD, "reducesRentFor", "杭州知味餐饮有限公司")] == "requested"


def test_rent_beneficiaries_listed_after_the_landlord_named_before():
    text = (f"{LANDLORD}日前宣布，给予园区内租户两个月租金全免。获得减免的商户包括杭州知味餐饮有限公司、"
            "杭州湖畔书店有限公司等40家。")
    found = done(text)
    assert {(LANDLORD, "reducesRentFor", t) for t in ("杭州知味餐饮有限公司", "杭州湖畔书店有限公司")} <= found
    assert not any(s in ("租户", "商户") for s, rel, _ in found if rel == "reducesRentFor")


def test_rent_planned():
    text = f"{LANDLORD}计划对入驻其孵化基地的初创企业减免半年租金。"
    assert facts(text)[(LANDLORD, "reducesRentFor", "初创企业")] == "planned"


def test_whom_a_measure_helps_is_not_the_landlord():
    text = ("为帮助受困市场主体渡过难关，杭州市西湖区人民政府近日出台措施，"
            "对租用区属国有物业的科技型中小企业免收3个月租金。")
    assert ("杭州市西湖区人民政府", "reducesRentFor", "科技型中小企业") in done(text)
    assert not any(s == "受困市场主体" for s, _, _ in done(text))


def test_rent_encouraged_with_the_urged_named():
    text = "区商务局鼓励湖滨银泰购物中心、武林金泰百货等大型商业综合体为入驻商户减免租金。"
    found = facts(text)
    assert found[("湖滨银泰购物中心", "reducesRentFor", "入驻商户")] == "encouraged"
    assert found[("武林金泰百货", "reducesRentFor", "入驻商户")] == "encouraged"
    assert not any(s == "区商务局" for s, _, _ in found)


def test_rent_encouraged_has_the_urged_party_as_landlord():
    text = "浙江省人民政府办公厅印发通知，鼓励全省国有企业为承租其房产的中小微企业减免房租。"
    found = facts(text)
    assert found[("国有企业", "reducesRentFor", "中小微企业")] == "encouraged"
    assert not any(s == "浙江省人民政府办公厅" for s, _, _ in found)


@pytest.mark.parametrize("text", [
    "浙江省餐饮行业协会日前呼吁商业地产业主为餐饮企业减免租金。",
    "部分私人业主拒绝为租户减免租金。",
    "国家税务总局浙江省税务局一季度为小微企业减免增值税等税费12亿元。",
    f"{LANDLORD}不会为入驻企业减免房租。",
])
def test_no_rent_cut(text):
    assert not any(rel == "reducesRentFor" for _, rel, _ in done(text))


# ---------------------------------------------------------------- supplies

MAKER = "河北冀康医疗器械有限公司"


@pytest.mark.parametrize("text, recipient", [
    (f"2月以来，{MAKER}已向武汉协和医院供货防护服8万套。", "武汉协和医院"),
    (f"{MAKER}生产的一批口罩运往湖北省。", "湖北省"),
    (f"{MAKER}加紧为石家庄、保定两地医院备货。", "石家庄市"),  # (named in full: 石家庄 is 石家庄市)
    (f"{MAKER}研发的测温设备近日在石家庄站和正定国际机场安装完成。", "正定国际机场"),
    (f"{MAKER}近日成为国家电网的供应商。", "国家电网有限公司"),
    (f"{MAKER}主要为一汽集团配套生产汽车座椅。", "中国第一汽车集团有限公司"),
    (f"{MAKER}的产品供应国家电网、南方电网等客户。", "中国南方电网有限责任公司"),
    (f"武汉协和医院的防护服一直由{MAKER}供应。", "武汉协和医院"),
    (f"{MAKER}与武汉协和医院签订了3万套的年度供货合同。", "武汉协和医院"),
    (f"{MAKER}与武汉协和医院签订了5000套防护服订单。", "武汉协和医院"),
    (f"{MAKER}的新型口罩已实现量产，并开始向武汉协和医院小批量出货。", "武汉协和医院"),
    (f"{MAKER}生产的2万件防护服全部捐赠给武汉协和医院。", "武汉协和医院"),
    # the supplier named only in the sentence before
    (f"{MAKER}加班加点生产防护服。昨天又有2万件防护服运往武汉协和医院。", "武汉协和医院"),
    # bought from, orders won, supply chains entered
    (f"武汉协和医院从{MAKER}采购了2万件防护服。", "武汉协和医院"),
    (f"武汉协和医院向{MAKER}订购防护服。", "武汉协和医院"),
    (f"{MAKER}拿下武汉协和医院价值3000万元的订单。", "武汉协和医院"),
    (f"{MAKER}的防护服已进入国家电网供应体系。", "国家电网有限公司"),
])
def test_supply_phrasings(text, recipient):
    assert (MAKER, "supplies", recipient) in done(text)


@pytest.mark.parametrize("text, product", [
    (f"{MAKER}的400G光通信模块已实现量产。", "400G光通信模块"),
    (f"{MAKER}的首台氢燃料电池重卡正式下线。", "氢燃料电池重卡"),
    (f"{MAKER}的液态奶生产线正满负荷运转。", "液态奶"),
    (f"{MAKER}落户石家庄高新区已有8年，年产座椅骨架60万套。", "座椅骨架"),   # the maker a clause before
    (f"{MAKER}首台氢燃料电池重卡正式下线。", "氢燃料电池重卡"),
    (f"{MAKER}首款便携式呼吸机“冀康V3”在辛集市生产基地正式下线。", "冀康V3"),  # the quoted name
    (f"{MAKER}的拳头产品输液器远销海外。", "输液器"),   # (拳头产品 is no part of the name)
    (f"{MAKER}的核心产品是高端监护仪。", "高端监护仪"),
    (f"{MAKER}是当地最大的口罩代工企业之一。", "口罩"),
])
def test_what_comes_off_a_line(text, product):
    assert (MAKER, "produces", product) in done(text)


def test_a_source_before_located_firm_is_not_located_there():
    text = f"记者从河北省工业和信息化厅获悉，位于石家庄高新区的{MAKER}呼吸机项目日前投产。"
    located = {(s, o) for s, rel, o in done(text) if rel == "locatedIn"}
    assert located == {(MAKER, "石家庄高新区")}


def test_a_planned_supply_of_all_its_output():
    text = f"{MAKER}总经理介绍，项目产品将全部供应北方建工集团有限公司。"
    assert facts(text).get((MAKER, "supplies", "北方建工集团有限公司")) == "planned"


def test_the_first_unit_off_a_firms_line_in_a_zone():
    text = "9月27日，首台氢燃料电池重卡在保定高新技术产业开发区的保定冀风汽车有限公司总装线上下线。"
    found = done(text)
    assert ("保定冀风汽车有限公司", "produces", "氢燃料电池重卡") in found
    assert ("保定冀风汽车有限公司", "locatedIn", "保定高新技术产业开发区") in found


def test_a_firm_a_city_government_supports_is_not_located_by_it():
    assert not any(rel == "locatedIn" for _, rel, _ in done(f"{MAKER}是石家庄市政府重点支持的企业。"))


def test_a_place_of_use_is_not_the_maker():
    text = f"在武汉协和医院、武汉同济医院都有{MAKER}生产的防护服在使用。"
    assert {s for s, rel, _ in done(text) if rel == "produces"} == {MAKER}


def test_a_maker_of_a_list():
    text = f"{MAKER}是国内知名的医用口罩、防护服生产企业。"
    assert {(MAKER, "produces", p) for p in ("医用口罩", "防护服")} <= done(text)


def test_a_list_of_counted_goods_made_by_a_maker():
    text = f"车上的2万件医用防护服和10万只医用外科口罩，由{MAKER}生产。"
    assert {(MAKER, "produces", p) for p in ("医用防护服", "医用外科口罩")} <= done(text)


def test_supply_records_the_product():
    ex = extract_text(f"{MAKER}向武汉协和医院供货医用防护服8万套。", doc_id="t", use_ner=False)
    (fact,) = [f for f in ex.facts if f.relation == "supplies"]
    assert ex.entities[fact.details["product"]].label == "医用防护服"


def test_a_recipient_is_never_the_supplier_of_the_next_clause():
    text = f"{MAKER}开足马力生产。昨天2万件防护服运往武汉协和医院，另有10万只口罩将送往武汉同济医院。"
    found = facts(text)
    assert found[(MAKER, "supplies", "武汉同济医院")] == "planned"
    assert ("武汉协和医院", "supplies", "武汉同济医院") not in found


def test_negated_supply_with_the_subject_outside_the_slot():
    text = f"记者核实发现，河北石家庄的{MAKER}并未向武汉协和医院供应过口罩。"
    assert facts(text)[(MAKER, "supplies", "武汉协和医院")] == "negated"


def test_a_cooperation_agreement_is_no_supply():
    assert not any(rel == "supplies" for _, rel, _ in done(f"{MAKER}与武汉协和医院签订战略合作协议。"))


def test_negated_supply():
    text = f"{MAKER}表示，今年不再向河北的钢铁企业供应焦炭。"
    assert not any(rel == "supplies" for _, rel, _ in done(text))


# ---------------------------------------------------------------- produces

@pytest.mark.parametrize("text, products", [
    (f"{MAKER}主要生产医用防护服和医用外科口罩。", {"医用防护服", "医用外科口罩"}),
    (f"{MAKER}主要从事呼吸机、监护仪及输液泵的研发、生产和销售。", {"呼吸机", "监护仪", "输液泵"}),
    (f"{MAKER}研制出新一代全自动核酸提取仪。", {"全自动核酸提取仪"}),
    (f"由{MAKER}研发生产的智能消毒机器人已投入使用。", {"智能消毒机器人"}),
    (f"{MAKER}研发并生产的一次性隔离衣，已在多地使用。", {"一次性隔离衣"}),
    (f"{MAKER}主要产品为医用敷料，年产能约5亿片。", {"医用敷料"}),
    (f"{MAKER}是一家专业生产医用手套的企业。", {"医用手套"}),
    (f"{MAKER}推出一款便携式制氧机“康氧一号”。", {"康氧一号"}),
    (f"{MAKER}的医用口罩日产能达到20万只。", {"医用口罩"}),
    (f"{MAKER}主打产品是医用口罩。", {"医用口罩"}),
    (f"{MAKER}紧急转产医用防护服。", {"医用防护服"}),
    (f"{MAKER}新上了一条医用口罩生产线。", {"医用口罩"}),
    (f"满载1200吨医用口罩的货车驶出。这批货物由{MAKER}生产。", {"医用口罩"}),  # the goods named before
    (f"{MAKER}主要生产2兆瓦至5兆瓦风电叶片。", {"风电叶片"}),  # a range of sizes
    (f"{MAKER}主要从事玫瑰、康乃馨等鲜切花的种植和销售。", {"玫瑰", "康乃馨", "鲜切花"}),  # the kind a list ends with
    (f"{MAKER}研发的12英寸晶圆检测设备打破国外垄断。", {"12英寸晶圆检测设备"}),  # the head noun ends it
])
def test_production_phrasings(text, products):
    made = {o for s, rel, o in done(text) if rel == "produces" and s == MAKER}
    assert products <= made


def test_pronoun_subject_produces():
    text = f"{MAKER}位于石家庄市。该公司主要生产医用敷料。"
    assert (MAKER, "produces", "医用敷料") in done(text)


@pytest.mark.parametrize("text", [
    "截至2月底，全市规模以上工业企业复工复产率已达95%。",
    f"{MAKER}负责人表示，将继续压缩成本，维持正常生产。",
    f"在{MAKER}的生产车间里，工人们正忙着赶制订单。",
])
def test_no_production(text):
    assert not any(rel == "produces" for _, rel, _ in done(text))


# ---------------------------------------------------------------- locatedIn

@pytest.mark.parametrize("text, place", [
    (f"{MAKER}位于石家庄市藁城区。", "藁城区"),
    (f"{MAKER}坐落于石家庄高新技术产业开发区。", "石家庄高新技术产业开发区"),
    (f"{MAKER}总部位于保定市。", "保定市"),
    (f"{MAKER}注册地为廊坊市。", "廊坊市"),
    (f"总投资10亿元的{MAKER}新厂项目日前正式落户邢台经济开发区。", "邢台经济开发区"),
    (f"在石家庄高新区的{MAKER}，生产车间里一派繁忙。", "石家庄高新区"),
    (f"{MAKER}注册于石家庄高新技术产业开发区。", "石家庄高新技术产业开发区"),
    (f"医院的防护服一直由藁城区的{MAKER}供应。", "藁城区"),
    # moving in, and the headquarters before the name
    (f"{MAKER}于2015年入驻石家庄高新区。", "石家庄高新区"),
    (f"{MAKER}将总部迁至石家庄。", "石家庄市"),
    (f"总部在石家庄的{MAKER}今年扩产。", "石家庄市"),
    (f"总投资5亿元的{MAKER}防护服项目日前正式落户保定高新区。", "保定高新区"),  # a firm's project
    (f"{MAKER}是一家注册在保定市的企业。", "保定市"),
    (f"{MAKER}地处冀中腹地的深州市。", "深州市"),  # the place described before its name
    (f"{MAKER}在衡水市建设年产5000台呼吸机项目。", "衡水市"),  # a project of its own
    (f"{MAKER}的新款呼吸机在辛集市生产基地下线。", "辛集市"),  # its base
    (f"{MAKER}在辛集市的新厂房已经建成。", "辛集市"),
    (f"{MAKER}的呼吸机研发中心正式入驻石家庄高新区。", "石家庄高新区"),  # a centre of its own
    (f"{MAKER}拟以自有资金1.5亿元在衡水市投资建厂。", "衡水市"),
    (f"{MAKER}的总部在石家庄市。", "石家庄市"),
    (f"{MAKER}在辛集市设有生产基地。", "辛集市"),
    (f"{MAKER}项目选址衡水市。", "衡水市"),
    (f"{MAKER}搬迁到正定县。", "正定县"),
    (f"{MAKER}于2010年在保定市注册成立。", "保定市"),
    (f"{MAKER}是一家土生土长的石家庄企业。", "石家庄市"),
    (f"作为辛集市的龙头企业，{MAKER}今年产值增长。", "辛集市"),
    (f"{MAKER}是石家庄高新区的一家医疗器械企业。", "石家庄高新区"),
    (f"{MAKER}落地雄安新区。", "雄安新区"),
    (f"{MAKER}将投资20亿元在石家庄高新区建设呼吸机生产线。", "石家庄高新区"),
    (f"据了解，{MAKER}年产呼吸机2万台，产品九成出口，工厂位于昌吉回族自治州玛纳斯县。", "玛纳斯县"),
    (f"{MAKER}是石家庄市规模最大的民营企业，位于石家庄市藁城区。", "藁城区"),  # a clause after its subject
    (f"{MAKER}注册地址位于雄安新区容东片区。", "容东片区"),  # a zone's part after the zone
    (f"{MAKER}的呼吸机出口加工中心正式入驻石家庄综合保税区。", "石家庄综合保税区"),
])
def test_location_phrasings(text, place):
    assert (MAKER, "locatedIn", place) in done(text)


def test_a_site_named_with_a_locative_and_its_place():
    text = "海口市美兰区的金沙海岸购物中心近日宣布，对场内230家商户实行租金减半。"
    found = done(text)
    assert ("金沙海岸购物中心", "locatedIn", "美兰区") in found
    assert ("金沙海岸购物中心", "reducesRentFor", "商户") in found


@pytest.mark.parametrize("text, place", [
    (f"河北石家庄的{MAKER}主要生产医用口罩。", "石家庄市"),
    (f"{MAKER}位于河北省石家庄市藁城区。", "藁城区"),
])
def test_a_path_of_places_locates_in_the_innermost(text, place):
    located = {obj for subj, rel, obj in done(text) if subj == MAKER and rel == "locatedIn"}
    assert located == {place}


# ---------------------------------------------------------------- worksFor

@pytest.mark.parametrize("text, person, employer", [
    (f"据{MAKER}总经理刘建军介绍，订单已排到年底。", "刘建军", MAKER),
    (f"{BANK}副行长王海燕表示，将加大支持力度。", "王海燕", BANK),
    (f"{MAKER}近日扩产。该公司副总经理赵丽华说，新线已投产。", "赵丽华", MAKER),
    (f"{MAKER}近日扩产。据公司研发总监孙志强介绍，新品已上市。", "孙志强", MAKER),
    (f"{BANK}党委书记、行长王海燕在接受记者采访时说，将加大支持力度。", "王海燕", BANK),
    (f"{MAKER}董事长兼总经理刘建军表示，订单已排到年底。", "刘建军", MAKER),
    (f"{MAKER}常务副总经理 韩雪峰 说，订单已排到年底。", "韩雪峰", MAKER),   # a name set off by spaces
    (f"{MAKER}生产部部长马国栋介绍，产能已经提升。", "马国栋", MAKER),
    (f"{MAKER}项目总指挥、副总经理高建军说，项目进展顺利。", "高建军", MAKER),
    ("据石家庄高新区招商局局长刘旭东介绍，今年已有23家企业签约入驻。", "刘旭东", "石家庄高新区招商局"),
    # the short form again later, where the tagger may take only part of it
    (f"30台旋挖钻机从{MAKER}厂区发车。这批设备由冀康医疗自主研制。冀康医疗董事长兼总经理黄志刚说，订单充足。",
     "黄志刚", MAKER),
])
def test_works_for(text, person, employer):
    assert (person, "worksFor", employer) in done(text)


def test_person_next_to_another_firm_does_not_work_there():
    text = f"据{MAKER}总经理刘建军介绍，公司已与{BANK}签订融资协议。该公司副总经理赵丽华表示满意。"
    found = done(text)
    assert ("赵丽华", "worksFor", MAKER) in found and ("赵丽华", "worksFor", BANK) not in found


def test_loan_fact_records_the_loan_product_named_in_its_sentence():
    ex = extract_text("江苏银行苏州分行推出“稳岗贷”产品，向外贸企业发放贷款2亿元。", doc_id="t")
    loans = [f for f in ex.facts if f.relation == "lendsTo"]
    assert len(loans) == 1
    assert ex.entities[loans[0].details["product"]].label == "稳岗贷"
    assert loans[0].details["amount"] == 200000000 and loans[0].details["currency"] == "CNY"


def facts_of(text):
    ex = extract_text(text, doc_id="t")
    return {(ex.entities[f.subject].label, f.relation, ex.entities[f.object].label, f.modality) for f in ex.facts}


def test_co_lenders_in_one_list_lend_to_the_borrower_not_to_each_other():
    got = facts_of("安徽江淮重工有限公司与中国银行合肥分行、交通银行合肥分行签订银团贷款协议，融资总额12亿元。")
    assert got == {("中国银行合肥分行", "lendsTo", "安徽江淮重工有限公司", "done"),
                   ("交通银行合肥分行", "lendsTo", "安徽江淮重工有限公司", "done")}


def test_passive_production_names_the_maker():
    assert ("深圳芯源微电子有限公司", "produces", "高性能芯片", "done") in facts_of(
        "这批高性能芯片由深圳芯源微电子有限公司生产。")


def test_tenant_asking_landlord_is_a_request_not_a_cut_by_the_tenant():
    got = facts_of("杭州云帆服饰有限公司向房东浙江和美置业有限公司申请减免租金。")
    assert ("杭州云帆服饰有限公司", "reducesRentFor", "浙江和美置业有限公司", "done") not in got
    assert ("浙江和美置业有限公司", "reducesRentFor", "杭州云帆服饰有限公司", "requested") in got


def test_supply_to_named_recipient_after_a_passive_maker_is_planned_with_its_product():
    ex = extract_text("这批口罩由河北康宁医疗用品有限公司生产，将供应给石家庄市第一医院。", doc_id="t")
    supply = [f for f in ex.facts if f.relation == "supplies"]
    assert [(ex.entities[f.subject].label, ex.entities[f.object].label, f.modality) for f in supply] == [
        ("河北康宁医疗用品有限公司", "石家庄市第一医院", "planned")]
    assert ex.entities[supply[0].details["product"]].label == "口罩"


@pytest.mark.parametrize("text, fact", [
    ("广西百色铝业有限公司从中国建设银行百色分行获得贷款3亿元。",
     ("中国建设银行百色分行", "lendsTo", "广西百色铝业有限公司", "done")),
    ("兴业银行福州分行与福建海峡环保集团股份有限公司签署战略合作协议，提供50亿元授信。",
     ("兴业银行福州分行", "lendsTo", "福建海峡环保集团股份有限公司", "done")),
    ("入驻企业享受到了园区运营方深圳湾科技发展有限公司提供的租金减免。",
     ("深圳湾科技发展有限公司", "reducesRentFor", "入驻企业", "done")),
    ("山东鲁北化工股份有限公司年产硫酸钾20万吨。",
     ("山东鲁北化工股份有限公司", "produces", "硫酸钾", "done")),
])
def test_more_news_phrasings(text, fact):
    assert fact in facts_of(text)


def test_a_loan_not_obtained_is_negated():
    got = facts_of("广西百色铝业有限公司没有从中国建设银行百色分行获得贷款。")
    assert got == {("中国建设银行百色分行", "lendsTo", "广西百色铝业有限公司", "negated")}


@pytest.mark.parametrize("text, maker, customer", [
    ("徐州恒达机械有限公司位于徐州经济技术开发区，主要为徐工集团配套生产液压油缸。", "徐州恒达机械有限公司", "徐工集团"),
    ("宁波海联电子有限公司成立于2008年。该公司为吉利汽车集团配套生产车载电子设备。", "宁波海联电子有限公司", "吉利汽车集团"),
])
def test_the_party_a_maker_works_for_is_not_the_maker(text, maker, customer):
    produced = {(s, o) for s, r, o in done(text) if r == "produces"}
    assert any(s == maker for s, _ in produced), produced
    assert not any(s == customer for s, _ in produced), produced


def test_asking_a_bank_for_a_loan_keeps_the_bank_as_lender():
    assert ("泉州银行", "lendsTo", "泉州鑫源鞋业有限公司") in facts("泉州鑫源鞋业有限公司向泉州银行申请贷款500万元。")


# ---------------------------------------------------------------- details

def test_a_fact_takes_the_date_before_its_verb_not_the_next_clauses():
    ex = extract_text(f"1月16日，{MAKER}研发出核酸检测试剂，1月21日，又开发出第二代试剂。",
                      doc_id="t", date="2020-02-01", use_ner=False)
    dates = {ex.entities[f.object].label: str(f.details.get("date")) for f in ex.facts if f.relation == "produces"}
    assert dates == {"核酸检测试剂": "2020-01-16", "第二代试剂": "2020-01-21"}


@pytest.mark.parametrize("text", [f"{FIRM}未向{BANK}申请贷款。", f"{FIRM}并未向{BANK}提出续贷申请。"])
def test_a_negated_request_is_negated_not_requested(text):
    assert facts(text).get((BANK, "lendsTo", FIRM)) == "negated"


def test_built_for_a_customer_is_supplied_to_it():
    text = f"这批货船由{MAKER}为北方航运集团有限公司建造。"
    assert (MAKER, "supplies", "北方航运集团有限公司") in done(text)


def test_a_story_opening_on_its_scene_places_the_firm_there():
    assert (MAKER, "locatedIn", "正定县") in done(f"在石家庄市正定县，{MAKER}的新车间已经投产。")
    assert not any(rel == "locatedIn" for _, rel, _ in done(f"在政策支持下，{MAKER}扩大了产能。"))


def test_a_place_in_the_phrase_of_whom_rent_is_cut_for_is_not_the_landlord():
    text = ("杭州市余杭区人民政府近日出台措施，对新入驻未来科技产业园的软件企业，"
            "前两年免收办公用房租金。")
    found = done(text)
    assert ("杭州市余杭区人民政府", "reducesRentFor", "软件企业") in found
    assert not any(s == "未来科技产业园" for s, rel, _ in found if rel == "reducesRentFor")


def test_a_loan_to_firms_after_the_bank_was_named_before():
    text = (f"{BANK}行长王明介绍，该行今年新增普惠贷款120亿元。"
            f"其中，向{FIRM}等纺织服装企业发放“纺织贷”3亿元。")
    found = done(text)
    assert (BANK, "lendsTo", FIRM) in found
    assert (BANK, "lendsTo", "纺织服装企业") in found  # the group the example stands for


def test_a_bare_handout_after_a_bank_is_no_loan():
    text = f"{BANK}今年新增贷款120亿元。区政府向困难企业发放补贴500万元。"
    assert not any(o == "困难企业" for _, rel, o in done(text) if rel == "lendsTo")


def test_a_bank_providing_a_loan_product_lends():
    text = f"{BANK}为{FIRM}量身定制了“织造贷”，首笔500万元已到账。"
    found = done(text)
    assert (BANK, "lendsTo", FIRM) in found and (BANK, "supplies", FIRM) not in found


def test_a_firm_acting_on_a_banks_credit_borrowed_it():
    assert (BANK, "lendsTo", FIRM) in done(f"依托{BANK}的2亿元授信，{FIRM}扩建了厂房。")


def test_a_group_named_with_tenant_is_the_group():
    text = f"{LANDLORD}对园区内符合条件的中小企业租户免收两个月租金。"
    assert (LANDLORD, "reducesRentFor", "中小企业") in done(text)
    ex = extract_text(text, doc_id="t", use_ner=False)
    assert {e.cls for e in ex.entities.values() if e.label == "中小企业"} == {"EnterpriseGroup"}


def test_a_plaza_is_a_site_that_cuts_rent():
    assert ("东湖广场", "reducesRentFor", "商户") in done("东湖广场宣布为商户减免一个月租金。")


@pytest.mark.parametrize("text", [f"{MAKER}专注于呼吸机的研发与制造。", f"{MAKER}新建的呼吸机生产线正式投产。"])
def test_more_ways_of_saying_a_firm_makes_a_thing(text):
    assert (MAKER, "produces", "呼吸机") in done(text)


def test_a_plant_built_in_a_zone_locates_the_firm():
    assert (MAKER, "locatedIn", "保定高新区") in done(f"{MAKER}在保定高新区新建了一座工厂。")
    assert (MAKER, "locatedIn", "保定高新区") in facts(f"{MAKER}计划在保定高新区新建一座年产5000万只口罩的工厂。")


def test_the_unit_named_after_its_parent_is_the_one_who_acts():
    text = f"{LANDLORD}旗下的西溪商业运营管理有限公司宣布，对入驻的初创企业免收首年租金。"
    found = done(text)
    assert ("西溪商业运营管理有限公司", "reducesRentFor", "初创企业") in found
    assert (LANDLORD, "reducesRentFor", "初创企业") not in found


def test_the_party_a_body_arranges_to_cut_rent_is_the_landlord():
    text = f"杭州市余杭区人民政府协调区属国有企业{LANDLORD}，对西溪商圈的120家商户减免两个月租金。"
    found = done(text)
    assert (LANDLORD, "reducesRentFor", "商户") in found
    assert not any(s == "杭州市余杭区人民政府" for s, rel, _ in found if rel == "reducesRentFor")


def test_every_bank_of_a_syndicate_lends_to_the_firm_it_supports():
    text = (f"由{BANK}牵头，中国农业银行宁波分行、宁波银行共同参与的8亿元银团贷款正式签约，"
            f"支持{FIRM}建设新厂区。")
    lenders = {s for s, rel, o in done(text) if rel == "lendsTo" and o == FIRM}
    assert lenders == {BANK, "中国农业银行宁波分行", "宁波银行"}


def test_a_syndicate_signing_with_the_firm_lends_to_it():
    text = (f"由{BANK}牵头，中国农业银行宁波分行、宁波银行共同参与的银团，与{FIRM}签订银团贷款合同，"
            f"贷款总额12亿元。")
    lenders = {s for s, rel, o in done(text) if rel == "lendsTo" and o == FIRM}
    assert lenders == {BANK, "中国农业银行宁波分行", "宁波银行"}


def test_the_subsidiary_applying_is_the_borrower_not_its_parent():
    text = (f"{FIRM}今日公告，公司拟向中国银行宁波分行申请3亿元综合授信。同时，公司全资子公司宁波海曙印染有限公司"
            f"拟向{BANK}申请5000万元流动资金贷款，由{FIRM}提供担保。")
    assert facts(text).get((BANK, "lendsTo", "宁波海曙印染有限公司")) == "requested"
    assert (BANK, "lendsTo", FIRM) not in facts(text)


def test_a_bank_financing_a_firms_supply_chain_lends_to_its_suppliers():
    text = f"{BANK}将为{FIRM}上下游的43家配套企业提供供应链融资。"
    found = facts(text)
    assert found.get((BANK, "lendsTo", "43家配套企业")) == "planned"
    assert not any(e.cls == "Product" for e in extract_text(text, doc_id="t", use_ner=False).entities.values())


def test_the_bare_kind_of_the_one_firm_of_that_kind_is_that_firm():
    text = f"余姚市丰禾水稻种植专业合作社的新米正在装袋。今年春耕前，{BANK}为合作社发放了300万元贷款。"
    assert (BANK, "lendsTo", "余姚市丰禾水稻种植专业合作社") in done(text)


def test_applying_to_a_syndicate_led_by_a_bank_requests_a_loan_from_it():
    text = f"{FIRM}拟向以中国银行股份有限公司宁波分行为牵头行的银团申请8亿元固定资产贷款。"
    assert facts(text).get(("中国银行股份有限公司宁波分行", "lendsTo", FIRM)) == "requested"


def test_this_loan_issued_by_a_bank_goes_to_the_firm_named_before():
    text = f"{FIRM}近日拿到了一笔1500万元的“纺织贷”。这笔贷款由{BANK}发放，以设备作为抵押。"
    assert (BANK, "lendsTo", FIRM) in done(text)


def test_a_loan_requested_then_issued_is_done():
    assert facts(f"{FIRM}申请的800万元贷款已由{BANK}发放到位。")[(BANK, "lendsTo", FIRM)] == "done"


def test_a_financing_plan_made_for_a_firm_is_no_supply():
    found = done(f"{BANK}为{FIRM}量身定制了融资方案，投放贷款3000万元。")
    assert (BANK, "lendsTo", FIRM) in found and (BANK, "supplies", FIRM) not in found


def test_support_without_credit_is_no_loan():
    assert not any(rel == "lendsTo" for _, rel, _ in done(f"在{BANK}的支持下，{FIRM}举办了招聘会。"))


def test_of_which_names_a_share_of_the_loan_just_named():
    text = f"{BANK}已向全县的120户养殖户发放“渔旺贷”3000万元，其中向{FIRM}发放800万元。"
    found = done(text)
    assert (BANK, "lendsTo", "养殖户") in found and (BANK, "lendsTo", FIRM) in found


def test_a_bank_branch_name_does_not_take_in_the_words_before_it():
    ents = {e.label for e in extract_text("其中12亿元来自由国家开发银行山东省分行牵头组建的银团贷款。",
                                         doc_id="t", use_ner=False).entities.values()}
    assert "国家开发银行山东省分行" in ents and not any(label.startswith("来自") for label in ents)


def test_a_firm_that_is_a_customers_supplier_supplies_it():
    assert (MAKER, "supplies", "国家电网有限公司") in done(f"{MAKER}是国家电网的重要供应商之一。")


def test_the_latter_is_the_party_named_last():
    text = f"保定高新区管委会与{MAKER}签署投资协议。后者将在保定高新区新建一座工厂。"
    assert (MAKER, "locatedIn", "保定高新区") in facts(text)


def test_a_construction_verb_is_no_part_of_the_goods():
    ex = extract_text("公司将投资30亿元建设新型显示面板生产基地。", doc_id="t", use_ner=False)
    products = {e.label for e in ex.entities.values() if e.cls == "Product"}
    assert not any(p.startswith("建设") for p in products), products


def test_where_goods_come_from_supplies_them():
    text = "内蒙古草原鲜乳业有限公司的奶源主要来自周边的18家规模化牧场。"
    assert ("18家规模化牧场", "supplies", "内蒙古草原鲜乳业有限公司") in done(text)


def test_a_building_contract_signed_somewhere_supplies_the_buyer():
    text = f"大连海湾船舶重工有限公司与挪威北海航运公司在大连签订4艘8.2万吨散货船建造合同。"
    assert ("大连海湾船舶重工有限公司", "supplies", "挪威北海航运公司") in done(text)
    assert "散货船" in {e.label for e in extract_text(text, doc_id="t", use_ner=False).entities.values()}


def test_supplying_an_existing_customer():
    text = f"{MAKER}新基地建成后，也将向公司现有客户北方建工集团有限公司供货。"
    assert (MAKER, "supplies", "北方建工集团有限公司") in facts(text)


def test_a_rumour_denied_in_the_next_sentence_is_negated():
    text = (f"近日，网络上有传言称{MAKER}将向北方建工集团有限公司大批量供应呼吸机。"
            "对此，该公司相关负责人回应称，上述传言不实。")
    assert facts(text).get((MAKER, "supplies", "北方建工集团有限公司")) == "negated"


def test_a_place_before_one_unnamed_firm_is_no_party():
    text = f"{MAKER}将为苏州一家模组厂商大批量供应呼吸机。"
    assert not any(o == "苏州市" for _, rel, o in done(text) if rel == "supplies")


def test_news_reported_is_no_rumour():
    text = f"{BANK}向{FIRM}发放贷款。据报道称，该行今年投放增长。"
    assert facts(text)[(BANK, "lendsTo", FIRM)] == "done"


def test_the_buyer_named_after_the_maker_is_supplied():
    text = f"这批呼吸机由{MAKER}生产，采购方为意大利米伦医疗器械公司。"
    assert (MAKER, "supplies", "意大利米伦医疗器械公司") in done(text)
    assert not any(o == "意大利" for _, rel, o in done(text) if rel == "supplies")


def test_the_winning_bidder_of_a_firms_tender_supplies_it():
    text = (f"{MAKER}公告称，公司近日收到北方建工集团有限公司发来的《中标通知书》，"
            "确定公司为其呼吸机采购项目的中标人。")
    assert (MAKER, "supplies", "北方建工集团有限公司") in done(text)


def test_goods_shipped_to_the_firms_of_a_park_supply_the_firms():
    text = f"{MAKER}生产的医用氧气将通过管道输送至沧州临港经济技术开发区的化工企业。"
    found = done(text)
    assert (MAKER, "supplies", "化工企业") in found
    assert not any(o == "沧州临港经济技术开发区" for _, rel, o in found if rel == "supplies")


def test_a_firm_exporting_to_a_customer_supplies_it():
    assert (MAKER, "supplies", "武汉协和医院") in done(f"{MAKER}向武汉协和医院销售防护服。")


def test_an_export_credit_from_a_bank_is_a_loan_not_a_supply():
    found = done(f"{BANK}为{FIRM}发放出口卖方信贷3000万元。")
    assert (BANK, "lendsTo", FIRM) in found
    assert (BANK, "supplies", FIRM) not in found


def test_a_trade_verb_opens_no_product_name():
    ex = extract_text("某某公司向海外客户出口服装。", doc_id="t", use_ner=False)
    assert {e.label for e in ex.entities.values() if e.cls == "Product"} == {"服装"}


def test_a_contract_partner_introduced_by_its_place_and_trade():
    text = f"今年10月，{MAKER}与浙江绍兴柯桥区的织造企业嘉兴锦华织造有限公司签订了5000吨棉纱订单。"
    found = done(text)
    assert (MAKER, "supplies", "嘉兴锦华织造有限公司") in found
    assert ("嘉兴锦华织造有限公司", "locatedIn", "柯桥区") in found


def test_a_loan_got_after_the_bank_was_named_before():
    text = (f"截至4月7日，{BANK}已向辖区内农民专业合作社发放春耕贷款9.6亿元。"
            f"其中，望奎县的{FIRM}获得贷款300万元。")
    assert (BANK, "lendsTo", FIRM) in done(text)


def test_a_firm_introduced_by_its_place_and_trade_after_a_dash():
    text = "石狮市一家童装代工企业——福建石狮华美服饰有限公司，今年订单大增。"
    found = done(text)
    assert ("福建石狮华美服饰有限公司", "locatedIn", "石狮市") in found
    assert ("福建石狮华美服饰有限公司", "produces", "童装") in found


@pytest.mark.parametrize("text, relation", [
    # no fallback subject past a party that acts but cannot be the subject (a bank makes nothing)
    (f"{FIRM}今年订单大增。{BANK}推出“纺织贷”，已向多家企业发放贷款。", "produces"),
    # a body whose measures concern firms moving in is not located where they move
    ("石家庄高新区管委会近日出台措施，对新入驻石家庄药谷产业园的软件企业免收租金。", "locatedIn"),
    # a place right before 某 describes an unnamed party; it is no party itself
    (f"{MAKER}向天津某新能源汽车企业批量供应电机控制器。", "supplies"),
])
def test_no_fact_of_this_kind(text, relation):
    assert not any(rel == relation for _, rel, _ in done(text))


@pytest.mark.parametrize("text, recipient", [
    (f"{MAKER}为武汉协和医院提供设备。", "武汉协和医院"),
    (f"国家电网的电缆供应商{MAKER}近日扩产。", "国家电网有限公司"),
    (f"武汉协和医院订购了{MAKER}的防护服。", "武汉协和医院"),
    (f"{MAKER}为国家电网代工电表。", "国家电网有限公司"),
    (f"北方建工集团有限公司所需的呼吸机主要由{MAKER}供应。", "北方建工集团有限公司"),  # what the owner needs
    (f"{MAKER}生产的口罩七成销往广东，主要客户包括北方建工集团有限公司。", "北方建工集团有限公司"),
    (f"去年，{MAKER}为北方建工集团有限公司部署了200多套检测设备。", "北方建工集团有限公司"),
    (f"{MAKER}给北方建工集团有限公司发去了200箱防护服。", "北方建工集团有限公司"),
    (f"{MAKER}研制的呼吸机近日量产，首批产品已交付北方建工集团有限公司。", "北方建工集团有限公司"),
    (f"{MAKER}生产的口罩还有三成供应给石家庄的北方建工集团有限公司。", "北方建工集团有限公司"),  # the buyer after its place
    (f"{MAKER}日产口罩20万只，全部交售给北方建工集团有限公司。", "北方建工集团有限公司"),
    (f"{MAKER}向西班牙马德里的欧亚医疗用品公司供应防护服约600箱。", "欧亚医疗用品公司"),  # places before the buyer
    (f"{MAKER}的产品主要配套北方建工集团有限公司和本地一家新势力。", "北方建工集团有限公司"),
    (f"{MAKER}的座椅主要配套奇瑞汽车。", "奇瑞汽车股份有限公司"),  # a large firm by its short name
    (f"{MAKER}日前中标北方建工集团有限公司承建的医院项目防护用品采购。", "北方建工集团有限公司"),
    # a project with a place in its name; a tender for named goods
    (f"{MAKER}中标北方建工集团有限公司承建的石家庄市长安区安置房项目钢结构采购。", "北方建工集团有限公司"),
    (f"{MAKER}日前中标宁波市第一医院128排CT采购项目，中标金额1380万元。", "宁波市第一医院"),
    # goods sold to the firms of listed places
    (f"{MAKER}生产的口罩主要销往河北、山东两地的医药流通企业。", "医药流通企业"),
])
def test_more_supply_phrasings(text, recipient):
    assert (MAKER, "supplies", recipient) in done(text)


def test_a_bank_providing_financial_products_supplies_nothing():
    assert not any(rel == "supplies" for _, rel, _ in done(f"{BANK}为{FIRM}提供金融产品和服务。"))


def test_its_plant_somewhere_locates_the_firm():
    text = f"{BANK}向{FIRM}提供了一笔技改贷款，资金将投向其位于鄞州区的工厂。"
    assert (FIRM, "locatedIn", "鄞州区") in done(text)


def test_a_title_after_the_bracket_that_names_the_firm_is_the_firms():
    text = f"“今年的订单已经排到年底。”{FIRM}（以下简称“海曙纺织”）市场总监王丽华说。"
    assert ("王丽华", "worksFor", FIRM) in done(text)


@pytest.mark.parametrize("parent", ["该公司控股子公司", "该公司全资子公司", f"{FIRM}旗下的"])
def test_a_loan_to_a_subsidiary_named_after_its_parent_goes_to_the_subsidiary(parent):
    text = f"{FIRM}主要生产纱线。{BANK}今年向{parent}宁波海曙印染有限公司投放贷款800万元。"
    found = done(text)
    assert (BANK, "lendsTo", "宁波海曙印染有限公司") in found
    assert (BANK, "lendsTo", FIRM) not in found


def test_the_winning_bidder_named_by_its_after_a_notice():
    text = (f"{MAKER}公告称，经评审，招标人确认其为北方建工集团有限公司"
            "2026年度医用防护服采购项目中标单位。")
    ex = extract_text(text, doc_id="t", use_ner=False)
    assert "医用防护服" in {e.label for e in ex.entities.values() if e.cls == "Product"}
    assert (MAKER, "supplies", "北方建工集团有限公司") in done(text)


@pytest.mark.parametrize("text, product", [
    (f"{MAKER}现有医用防护服产能6万件/年。", "医用防护服"),
    (f"{MAKER}今年新增熔喷布产能2000吨。", "熔喷布"),
])
def test_the_capacity_a_firm_has_is_what_it_makes(text, product):
    assert (MAKER, "produces", product) in done(text)


def test_a_firm_described_by_its_place_is_located_there():
    text = (f"{LANDLORD}为宁波味之源餐饮管理有限公司减免了两个月租金。"
            "这家位于海曙区的餐饮企业目前有员工120人。")
    ex = extract_text(text, doc_id="t", use_ner=False)
    assert "餐饮企业" not in {e.label for e in ex.entities.values()}  # the firm, not a group
    assert ("宁波味之源餐饮管理有限公司", "locatedIn", "海曙区") in done(text)


@pytest.mark.parametrize("text, modality", [
    ("宁波市国资委日前要求市属国有企业为中小微企业减免3个月房租。", "encouraged"),
    ("宁波市国资委组织市属国有企业为中小微企业减免租金1200万元。", "done"),  # arranged, and done
])
def test_what_a_body_tells_others_to_do_is_not_yet_done(text, modality):
    assert facts(text).get(("市属国有企业", "reducesRentFor", "中小微企业")) == modality


def test_goods_a_train_is_loaded_with_are_made_by_the_firm_named_after():
    text = ("8月3日，满载羊绒围巾和羊毛毯的货运班列驶出满洲里。"
            f"这批货物计600吨，均由{FIRM}生产。")
    found = done(text)
    assert {(FIRM, "produces", "羊绒围巾"), (FIRM, "produces", "羊毛毯")} <= found
    ex = extract_text(text, doc_id="t", use_ner=False)
    assert "货物" not in {e.label for e in ex.entities.values()}


def test_a_firm_and_its_subsidiary_applying_together_both_ask_the_bank():
    text = f"{FIRM}及其控股子公司宁波海曙印染有限公司计划向{BANK}申请流动资金贷款。"
    got = facts(text)
    assert got.get((BANK, "lendsTo", FIRM)) == "requested"
    assert got.get((BANK, "lendsTo", "宁波海曙印染有限公司")) == "requested"


@pytest.mark.parametrize("goods", ["硅质耐火材料", "耐火材料"])
def test_materials_a_firm_deals_in_are_goods(goods):
    assert (FIRM, "produces", goods) in done(f"{FIRM}主营{goods}，产品主要供应钢铁企业。")


@pytest.mark.parametrize("person", ["扎西顿珠", "欧阳明华", "王明华"])
def test_four_character_names_after_a_title(person):
    assert (person, "worksFor", FIRM) in done(f"{FIRM}负责人{person}介绍，订单已排到6月。")


def test_a_buyer_headquartered_in_a_city_abroad():
    text = f"{FIRM}日前与总部位于莫斯科的北方贸易有限责任公司签署了供货合同。"
    found = done(text)
    assert (FIRM, "supplies", "北方贸易有限责任公司") in found
    assert ("北方贸易有限责任公司", "locatedIn", "莫斯科") in found
    assert (FIRM, "locatedIn", "莫斯科") not in found  # the 总部 is the buyer's


@pytest.mark.parametrize("text, tenant", [
    ("海曙区对入驻企业实行“免三减三”。", "入驻企业"),
    ("今年以来，宁波市海曙区为小微企业减免租金1亿元。", "小微企业"),
])
def test_a_district_granting_rent_relief(text, tenant):
    assert ("海曙区", "reducesRentFor", tenant) in done(text)


def test_a_district_that_is_only_the_scene_grants_nothing():
    found = done(f"在海曙区，{LANDLORD}为小微企业减免租金1亿元。")
    assert (LANDLORD, "reducesRentFor", "小微企业") in found
    assert ("海曙区", "reducesRentFor", "小微企业") not in found


def test_a_hospital_referred_to_as_gaiyuan_is_supplied():
    text = (f"宁波市第一医院的CT采购项目日前开标，{MAKER}中标后将为该院提供2台CT。"
            f"{FIRM}还中标了该院的防护服采购项目。")
    got = facts(text)
    assert got.get((MAKER, "supplies", "宁波市第一医院")) == "planned"
    assert got.get((FIRM, "supplies", "宁波市第一医院")) == "done"


def test_a_firms_project_opening_somewhere_locates_it():
    text = f"{FIRM}年产5万吨碳纤维项目在宁波经济技术开发区开工。"
    assert (FIRM, "locatedIn", "宁波经济技术开发区") in done(text)


def test_an_agreement_to_supply_yearly():
    text = f"奉化林海棉业有限公司已与{FIRM}签订年供2万吨棉纱的长期协议。"
    assert ("奉化林海棉业有限公司", "supplies", FIRM) in done(text)


def test_exports_from_now_on_are_planned():
    assert facts(f"{FIRM}的纱线今后将有三成出口越南。").get((FIRM, "supplies", "越南")) == "planned"


def test_not_calling_in_loans_of_a_described_group():
    text = f"{BANK}对辖区内受疫情冲击较大的小微企业坚持做到不抽贷、不断贷。"
    assert (BANK, "lendsTo", "小微企业") in done(text)


@pytest.mark.parametrize("text, zone", [
    (f"宁波经济技术开发区今年新增企业40家。{FIRM}于2021年入驻开发区，主要生产纱线。", "宁波经济技术开发区"),
    (f"宁波海曙智造产业园去年开园。{FIRM}于前年入驻产业园。", "宁波海曙智造产业园"),
])
def test_a_bare_zone_kind_is_the_zone_named_before(text, zone):
    assert (FIRM, "locatedIn", zone) in done(text)


def test_the_firm_running_a_park_grants_its_rent_relief():
    text = f"{FIRM}入驻了海曙智造产业园。海曙智造产业园由{LANDLORD}运营管理，对入驻的小微企业给予两年免租。"
    found = done(text)
    assert (LANDLORD, "reducesRentFor", "小微企业") in found
    assert not any(s == "海曙智造产业园" and r == "reducesRentFor" for s, r, _ in found)


def test_a_story_opening_on_a_park_after_a_date():
    text = f"3月2日，在宁波市海曙区的海曙智造产业园，{FIRM}的车间里一派繁忙。"
    assert (FIRM, "locatedIn", "海曙智造产业园") in done(text)


def test_a_loan_contract_with_a_development_firm():
    text = f"{BANK}日前与宁波奉化江水务开发有限公司签订贷款合同。"
    assert (BANK, "lendsTo", "宁波奉化江水务开发有限公司") in done(text)


def test_a_speaker_named_before_at_the_meeting():
    assert ("扎西顿珠", "worksFor", "宁波市金融工作局") in done("宁波市金融工作局局长扎西顿珠在会上表示，将加大信贷投放。")


def test_a_rumour_spread_online_and_denied_as_untrue_is_negated():
    text = f"有消息在网上流传，称{FIRM}将关闭工厂并迁往安徽。{FIRM}回应，这一信息不实。"
    assert facts(text).get((FIRM, "locatedIn", "安徽省")) == "negated"


def test_winning_a_central_purchase_tender():
    text = f"{MAKER}中标北方建工集团有限公司2024年呼吸机集中采购项目。"
    assert (MAKER, "supplies", "北方建工集团有限公司") in done(text)


def test_the_firm_named_before_applying_to_another_bank():
    text = f"中国银行宁波分行去年为{FIRM}发放了贷款；企业同时还在向{BANK}申请技改贷款。"
    got = facts(text)
    assert got.get((BANK, "lendsTo", FIRM)) == "requested"
    assert ("中国银行宁波分行", "lendsTo", BANK) not in got  # the bank named last is no applicant


def test_a_zone_by_its_name_without_the_kind():
    text = f"梅山经济开发区近日迎来一批新企业。{FIRM}去年落户梅山，主要生产纱线。"
    assert (FIRM, "locatedIn", "梅山经济开发区") in done(text)


def test_a_landlord_cutting_rent_for_the_tenants_of_its_mall():
    text = f"海曙区某街道协调辖区内的{LANDLORD}，为其商场内的个体工商户免收两个月租金。"
    assert (LANDLORD, "reducesRentFor", "个体工商户") in done(text)


def test_a_loan_application_refused_is_negated():
    text = f"{FIRM}上月向{BANK}提出500万元贷款申请，由于担保不足，申请未获批准。"
    assert facts(text).get((BANK, "lendsTo", FIRM)) == "negated"


def test_what_a_project_makes_once_running_is_planned():
    text = f"新工厂预计年底投产，投产后{FIRM}主要生产碳纤维和玻璃纤维。"
    assert facts(text).get((FIRM, "produces", "碳纤维")) == "planned"


def test_the_project_of_the_firm_named_before_locates_it_not_the_bank():
    text = (f"{FIRM}投资建设的碳纤维项目日前开工。{BANK}为其提供融资支持。"
            "该项目位于宁波经济技术开发区。")
    found = done(text)
    assert (FIRM, "locatedIn", "宁波经济技术开发区") in found
    assert (BANK, "locatedIn", "宁波经济技术开发区") not in found


def test_a_declared_gongsi_alias_is_not_the_gongsi_of_zigongsi():
    text = (f"{FIRM}（以下简称“公司”）董事会收到辞职报告。"
            "公司全资子公司宁波海曙印染有限公司主要生产印花布，位于宁波经济技术开发区。")
    found = done(text)
    assert ("宁波海曙印染有限公司", "locatedIn", "宁波经济技术开发区") in found
    assert (FIRM, "locatedIn", "宁波经济技术开发区") not in found


def test_a_firm_by_its_place_and_trade_name():
    text = "杭州精锻模具科技有限公司主要生产汽车模具。杭州精锻总经理王明华坦言，订单已排到年底。"  # 精锻: a rare noun
    assert ("王明华", "worksFor", "杭州精锻模具科技有限公司") in done(text)


@pytest.mark.parametrize("need, modality", [("企业所需的稀土永磁体主要由", "done"),
                                             ("新车所需的驱动电机将由", "planned")])
def test_what_the_firm_named_before_needs_is_supplied_to_it(need, modality):
    text = f"{FIRM}今年产销两旺。该公司负责人表示，{need}同在园区的杭州西溪磁材有限公司配套供应。"
    assert facts(text).get(("杭州西溪磁材有限公司", "supplies", FIRM)) == modality


def test_a_mongolian_name_of_five_characters():
    assert ("斯琴其其格", "worksFor", FIRM) in done(f"{FIRM}总经理斯琴其其格介绍，订单很多。")


@pytest.mark.parametrize("rank", ["独家", "防护服", "一级"])
def test_a_firm_that_is_a_customers_supplier(rank):
    assert (FIRM, "supplies", LANDLORD) in done(f"{FIRM}是{LANDLORD}的{rank}供应商。")


def test_goods_provided_under_a_cooperation_agreement():
    text = f"{FIRM}与{LANDLORD}签署战略合作协议，将为其提供医用防护服。"
    assert facts(text).get((FIRM, "supplies", LANDLORD)) == "planned"


def test_a_mall_named_by_its_chain_cuts_rent():
    assert ("西溪印象城", "reducesRentFor", "商户") in done("西溪印象城对场内商户实行租金减半。")


def test_a_tenant_enjoying_a_rent_free_period_from_the_landlord_named_before():
    text = f"{LANDLORD}今年为入驻企业提供免租期。{FIRM}享受了3个月的免租期。"
    assert (LANDLORD, "reducesRentFor", FIRM) in done(text)


def test_rent_relief_with_no_landlord_named_gives_no_fact():
    assert not done(f"{FIRM}今年获得房租减免60万元。")


@pytest.mark.parametrize("text, place", [(f"{FIRM}扎根余姚30年。", "余姚市"), (f"{FIRM}落户昆山，主要生产纱线。", "昆山市")])
def test_a_county_by_its_short_name_after_a_verb_of_where(text, place):
    assert (FIRM, "locatedIn", place) in done(text)


def test_moving_the_headquarters_is_planned():
    assert facts(f"{FIRM}将总部迁至上海市闵行区。").get((FIRM, "locatedIn", "闵行区")) == "planned"


def test_moving_from_one_town_to_another_locates_the_firm_in_the_second():
    found = done(f"{FIRM}去年从石碶街道迁至古林镇。")
    assert (FIRM, "locatedIn", "古林镇") in found and (FIRM, "locatedIn", "石碶街道") not in found


def test_a_verb_before_a_place_is_no_part_of_a_bodys_name():
    text = "减租降费稳主体——访宁波市海曙区管委会副主任王明华\n比如宁波海曙纺织有限公司，主要生产纱线。"
    labels = {e.label for e in extract_text(text, doc_id="t").entities.values()}
    assert {"宁波市海曙区管委会", FIRM} <= labels


def test_each_item_of_a_news_in_brief_list_has_its_own_gongsi():
    text = (f"【公告速递】\n海曙纺织（002986）：{FIRM}公告，公司全资子公司宁波海曙印染有限公司中标北方建工集团有限公司"
            "钢结构采购项目。\n冀康医疗（300855）：河北冀康医疗器械有限公司公告，公司与中国建设银行宁波分行签订借款合同，"
            "获得借款1.5亿元。\n西溪置业（603990）：杭州西溪置业有限公司公告，公司董事会聘任陈思远为公司董事会秘书。")
    found = {(s, r, o) for s, r, o, _ in facts_of(text)}  # (the tagger finds 王丽娜)
    assert (BANK, "lendsTo", MAKER) in found and (BANK, "lendsTo", FIRM) not in found
    assert ("陈思远", "worksFor", LANDLORD) in found
    assert not any(s == "会秘书" for s, _, _ in found)  # 董事 + 会秘书 is the title 董事会秘书


def test_a_refused_credit_line_applied_for_earlier_is_negated():
    text = f"{FIRM}去年向{BANK}申请的一笔技改贷款最终未获批准。"
    assert facts(text).get((BANK, "lendsTo", FIRM)) == "negated"


def test_an_interviewee_is_no_borrower_and_a_bank_no_tenant():
    text = (f"记者：效果怎么样？\n王明华：像{FIRM}，主要做纱线，今年获得{BANK}3000万元续贷，同时享受了三个月免租。")
    found = done(text)
    assert (BANK, "lendsTo", FIRM) in found
    assert (BANK, "lendsTo", "王明华") not in found
    assert not any(r == "reducesRentFor" and o == BANK for _, r, o in found)


def test_a_loan_product_launched_is_not_made():
    text = f"{FIRM}主要生产纱线。该公司联合{BANK}推出“海曙纺织贷”，面向上下游小微企业。"
    assert not any(r == "produces" and o == "海曙纺织贷" for _, r, o in done(text))


@pytest.mark.parametrize("text, product", [
    (f"{MAKER}主营工业级无人机。", "工业级无人机"),  # jieba: 无人机 'l'
    (f"{MAKER}近日接到300架农用无人机订单。", "农用无人机"),  # counted in 架, before 订单
])
def test_goods_jieba_calls_set_phrases_and_counted_in_jia(text, product):
    ex = extract_text(text, doc_id="t", use_ner=False)
    assert product in {e.label for e in ex.entities.values() if e.cls == "Product"}


def test_goods_end_before_a_minimum_amount():
    ex = extract_text(f"{FIRM}将向{LANDLORD}供应床上用品不少于5万套。", doc_id="t", use_ner=False)
    assert {e.label for e in ex.entities.values() if e.cls == "Product"} == {"床上用品"}


def test_the_title_of_a_notice_is_no_fact_of_its_issuer():
    assert not done("宁波市海曙区人民政府办公室关于为小微企业减免房租的通知")


def test_a_plant_built_again_somewhere_is_planned_there():
    text = f"{FIRM}董事长王明说：“明年我们还要在宁波经济技术开发区再建一座工厂。”"
    assert facts(text).get((FIRM, "locatedIn", "宁波经济技术开发区")) == "planned"


def test_listed_landlords_giving_a_rent_free_period():
    text = f"三、{LANDLORD}、{FIRM}等市属企业，对园区内的小微企业，在现有优惠基础上再给予一个月免租期。"
    found = done(text)
    assert {(LANDLORD, "reducesRentFor", "小微企业"), (FIRM, "reducesRentFor", "小微企业")} <= found


def test_a_rent_cut_applied_for_with_tijiao():
    text = f"目前已有15家工作室向{LANDLORD}提交了免租申请。"
    assert facts(text).get((LANDLORD, "reducesRentFor", "15家工作室")) == "requested"
    assert ("15家工作室", "reducesRentFor", LANDLORD) not in facts(text)


def test_the_firm_running_a_park_named_before_it_grants_the_relief():
    text = f"由{LANDLORD}负责运营的海曙创意产业园，对新入驻的36家设计工作室首年房租全免。"
    found = done(text)
    assert (LANDLORD, "reducesRentFor", "36家设计工作室") in found


def test_building_in_a_zone_by_its_stem():
    text = f"浙江梅山经济开发区今天举行项目签约仪式。{FIRM}拟在梅山建设新的生产基地。"
    assert facts(text).get((FIRM, "locatedIn", "浙江梅山经济开发区")) == "planned"


def test_the_source_of_the_news_is_not_the_landlord():
    text = f"据宁波市商务局介绍，该市场由{LANDLORD}建设运营，对入驻商户前两年租金减半。"
    found = done(text)
    assert (LANDLORD, "reducesRentFor", "入驻商户") in found
    assert ("宁波市商务局", "reducesRentFor", "入驻商户") not in found


def test_a_second_bank_the_firm_plans_to_apply_to():
    text = f"{FIRM}已向中国银行宁波分行申请授信，下一步还打算向{BANK}申请技改贷款。"
    got = facts(text)
    assert got.get((BANK, "lendsTo", FIRM)) == "requested"
    assert ("中国银行宁波分行", "lendsTo", BANK) not in got  # a bank applied to lends to no bank


def test_settling_in_a_bonded_zone_by_its_short_name():
    text = f"宁波综合保税区今年新增企业40家，其中落户综保区的{FIRM}主营跨境电商。"
    assert (FIRM, "locatedIn", "宁波综合保税区") in done(text)


def test_a_joint_venture_automaker_by_its_short_name():
    assert (MAKER, "supplies", "广汽丰田汽车有限公司") in done(f"{MAKER}的座椅骨架主要供应广汽丰田。")


def test_a_securities_representative_works_for_the_firm():
    assert ("周晓东", "worksFor", FIRM) in done(f"{FIRM}证券事务代表周晓东对记者表示，新项目将于明年投产。")


def test_a_place_with_its_district_in_brackets_before_the_firm():
    assert (FIRM, "locatedIn", "湘潭高新区") in done(f"走进位于湘潭高新区（岳塘区）的{FIRM}生产车间。")


def test_suoshu_is_no_part_of_a_sites_name():
    ex = extract_text(f"{LANDLORD}对所属批发市场的商户免收一个月租金。", doc_id="t", use_ner=False)
    assert not any(e.label.startswith("所属") for e in ex.entities.values())


def test_a_bank_signing_with_listed_firms_of_a_park_for_a_named_loan():
    text = f"{BANK}与入驻园区的{FIRM}、{MAKER}签约，给予“园区贷”授信共2亿元。"
    found = done(text)
    assert {(BANK, "lendsTo", FIRM), (BANK, "lendsTo", MAKER)} <= found


def test_qi_after_the_landlord_in_its_own_clause_is_the_tenant():
    text = f"{FIRM}早年租用了海曙产业园的厂房，{LANDLORD}当年曾为其减免一年租金。"
    assert (LANDLORD, "reducesRentFor", FIRM) in done(text)


def test_the_first_unit_off_the_line_on_a_date():
    assert (MAKER, "produces", "氢燃料电池客车") in done(f"{MAKER}首台氢燃料电池客车3月18日下线。")


def test_a_bank_funding_a_project_lends_to_the_firm_named_before_not_its_customer():
    text = (f"{FIRM}今年扩产，主要为杭州的浙江恒丰服饰有限公司等服装企业配套。"
            f"新产线总投资12亿元，由{BANK}提供项目贷款8亿元。")
    found = facts(text)
    assert found.get((BANK, "lendsTo", FIRM)) == "done"
    assert (BANK, "lendsTo", "浙江恒丰服饰有限公司") not in found
    # 为某地的B等企业配套: B is supplied
    assert found.get((FIRM, "supplies", "浙江恒丰服饰有限公司")) == "done"


def test_applying_for_export_credit_is_a_requested_loan():
    text = f"{FIRM}今年扩产。公司董事长王立军说，公司已向{BANK}申请2亿元出口信贷。"
    assert facts(text).get((BANK, "lendsTo", FIRM)) == "requested"


NOTICE = ("杭州市余杭区人民政府\n关于支持新落户制造业企业的通告\n为支持实体经济，现将有关事项通告如下：\n"
          "一、对今年新落户并租用区属标准厂房的先进制造业企业，实行租金“免二减二”。\n"
          "二、对年纳税额超过300万元的入驻企业，次年租金再减免30%。\n"
          "首批享受“免二减二”政策的企业包括宁波海曙纺织有限公司、河北冀康医疗器械有限公司。")


def test_the_items_of_a_notice_are_granted_by_its_issuer():
    found = facts(NOTICE)
    issuer = "杭州市余杭区人民政府"
    for tenant in ("先进制造业企业", "入驻企业", FIRM, MAKER):
        assert any(s == issuer and r == "reducesRentFor" and o.endswith(tenant) for s, r, o in found), tenant


def test_a_purpose_clause_before_a_district_is_no_item_of_a_notice():
    text = "为吸引企业集聚，余杭区对入驻企业租用产业园标准厂房实行“三免两减半”。"
    assert {s for s, r, o in facts(text) if r == "reducesRentFor"} == {"余杭区"}


def test_the_former_and_the_latter_are_the_last_two_firms_named():
    text = f"{FIRM}、{MAKER}均已入驻。前者主要生产真丝面料，后者将于今年三季度投产医用敷料。"
    found = facts(text)
    assert found.get((FIRM, "produces", "真丝面料")) == "done"
    assert found.get((MAKER, "produces", "医用敷料")) == "planned"
    assert (FIRM, "produces", "医用敷料") not in found


def test_what_follows_touchan_is_goods_unless_it_is_after_or_a_ceremony():
    assert (FIRM, "produces", "医用敷料") in facts(f"{FIRM}将于今年三季度投产医用敷料。")
    found = facts(f"{FIRM}新厂房昨日举行投产仪式，投产后产品主要销往海外。")
    assert not any(r == "produces" for _, r, _ in found)


def test_a_plant_being_built_somewhere_is_no_firm_and_locates_the_builder():
    for verb in ("建设新工厂", "新建工厂"):
        found = facts(f"{FIRM}将在杭州市余杭区{verb}。")
        assert found.get((FIRM, "locatedIn", "余杭区")) == "planned", verb
        assert not any(verb in s or verb in o for s, _, o in found)


def test_goods_supplied_by_a_firm_of_a_district():
    text = f"{FIRM}的纱线一直由余杭区的杭州西溪纺纱有限公司供应。"
    assert ("杭州西溪纺纱有限公司", "supplies", FIRM) in facts(text)


def test_one_of_the_beneficiaries_gets_the_fact_stated_for_the_group():
    text = (f"{LANDLORD}对租用其厂房的中小纺织企业免收两个月租金，涉及企业86家。\n"
            f"{FIRM}是受益企业之一。公司负责人王立军说，两个月可省下50万元。")
    found = facts(text)
    assert found.get((LANDLORD, "reducesRentFor", "中小纺织企业")) == "done"
    assert found.get((LANDLORD, "reducesRentFor", FIRM)) == "done"


def test_one_of_the_beneficiaries_gets_no_fact_where_none_was_for_a_group():
    text = f"{LANDLORD}今年营收增长两成。{FIRM}是受益企业之一。"
    assert not any(r == "reducesRentFor" for _, r, _ in facts(text))


def test_we_in_an_interview_answer_is_the_firm_of_the_one_answering():
    text = (f"——访{BANK}行长周启明\n记者：贵行如何支持小微企业？\n"
            f"周启明：我们去年推出了“智造贷”。{FIRM}正在向我们申请1亿元并购贷款。\n"
            "记者：今年有什么计划？\n周启明：今年我们计划向科技型企业新增投放贷款50亿元。")
    found = facts(text)
    assert found.get((BANK, "lendsTo", FIRM)) == "requested"
    assert found.get((BANK, "lendsTo", "科技型企业")) == "planned"
    assert not any(s == FIRM and r == "lendsTo" for s, r, _ in found)


def test_a_plan_called_off_in_its_own_sentence_is_negated():
    text = f"{FIRM}曾计划在广西钦州建设面料项目，但因市场变化，该项目已于去年终止。"
    assert facts(text).get((FIRM, "locatedIn", "钦州市")) == "negated"


def test_a_firm_that_plans_to_sign_with_a_government_and_build_there():
    text = f"{FIRM}拟与宁波市人民政府签署投资协议，在宁波经济技术开发区投资建设面料生产基地。"
    found = facts(text)
    assert found.get((FIRM, "locatedIn", "宁波经济技术开发区")) == "planned"
    assert not any(s.endswith("人民政府") and r == "locatedIn" for s, r, _ in found)
    assert not any(s.startswith("拟") or o.startswith("拟") for s, _, o in found)


def test_bare_qiye_a_bank_lends_to_is_the_firm_of_the_paragraph():
    text = (f"“今年的收购资金有保障。”{FIRM}董事长王立军说。"
            f"9月中旬，{BANK}向企业发放收购贷款1.5亿元。")
    assert facts(text).get((BANK, "lendsTo", FIRM)) == "done"


@pytest.mark.parametrize("text", [
    f"{FIRM}今年扩产。\n今年以来，{BANK}累计向企业发放贷款150亿元。",  # summed up
    f"{FIRM}今年扩产。\n{BANK}向企业发放贷款1.5亿元。",  # another paragraph, no firm in it
])
def test_bare_qiye_in_general_is_no_firm(text):
    assert (BANK, "lendsTo", FIRM) not in facts(text)


def test_a_drugs_class_is_no_part_of_its_name():
    text = f"{MAKER}研制的1类创新药康立替尼片日前获批上市。"
    assert facts(text).get((MAKER, "produces", "康立替尼片")) == "done"


def test_a_research_loan_is_no_goods_and_a_bank_supplies_nothing():
    text = f"在研发阶段，{BANK}曾为{MAKER}提供2亿元研发贷款。"
    found = facts(text)
    assert (BANK, "lendsTo", MAKER) in found
    assert not any(r in ("supplies", "produces") for _, r, _ in found)


def test_software_for_hospitals_is_goods_not_a_hospital():
    text = f"{FIRM}是一家软件企业，主营智慧医院管理软件。"
    found = facts(text)
    assert found.get((FIRM, "produces", "智慧医院管理软件")) == "done"
    assert "智慧医院" not in {o for _, _, o in found}


def test_a_subsidiary_named_as_the_one_carrying_out_a_project_builds_and_makes():
    text = ("宁波海曙纺织股份有限公司公告，公司拟以全资子公司宁波海曙面料有限公司为实施主体，"
            "投资8亿元在宁波经济技术开发区建设年产500吨高端面料项目。")
    found = facts(text)
    assert found.get(("宁波海曙面料有限公司", "locatedIn", "宁波经济技术开发区")) == "planned"
    assert found.get(("宁波海曙面料有限公司", "produces", "高端面料")) == "planned"


def test_capacity_and_testing_services_are_no_goods():
    found = facts(f"{MAKER}现有年产200吨原料药产能，还主营集成电路封装测试。")
    assert (MAKER, "produces", "原料药") in found
    assert not any(o.endswith(("产能", "测试")) for _, _, o in found)


def test_the_buyer_after_its_place_and_what_it_is():
    text = f"据公司总经理介绍，{MAKER}首批产品将交付给上海的芯片设计企业上海灵芯微电子有限公司。"
    found = facts(text)
    assert found.get((MAKER, "supplies", "上海灵芯微电子有限公司")) == "planned"
    assert (MAKER, "supplies", "上海市") not in found


def test_goods_made_by_a_firm_introduced_by_its_place():
    text = f"公司向海外出口自有品牌纸尿裤。纸尿裤由宁波市海曙区的{MAKER}代工生产。"
    assert (MAKER, "produces", "纸尿裤") in facts(text)


def test_moving_into_a_zone_inside_another_locates_in_the_inner_one():
    text = f"{FIRM}近日入驻自贸片区内的宁波梅山综合保税区。"
    found = facts(text)
    assert (FIRM, "locatedIn", "宁波梅山综合保税区") in found


def test_goods_jieba_calls_a_verb_after_an_amount_of_goods():
    text = f"{MAKER}计划新建一座年产800万条挂钩的工厂。"
    assert facts(text).get((MAKER, "produces", "挂钩")) == "planned"
    assert not any(r == "produces" for _, r, _ in facts(f"{MAKER}年产值达到800万元，研发周期长。"))


def test_a_bank_lends_to_the_one_cooperative_named_before_not_all_of_a_kind():
    text = ("宁波市海曙区鄞江茶叶专业合作社种植茶叶1200亩。"
            f"今年9月，{BANK}为合作社发放了300万元贷款，明年将扩大到全市所有农民专业合作社。")
    found = facts(text)
    assert found.get((BANK, "lendsTo", "宁波市海曙区鄞江茶叶专业合作社")) == "done"
    assert ("宁波市海曙区鄞江茶叶专业合作社", "produces", "茶叶") in found
    assert not any(o.startswith("全市") for _, _, o in found)


def test_a_parks_operator_named_after_it_grants_the_parks_relief():
    text = (f"宁波软件园运营方{LANDLORD}对园区内年营收增长超过30%的软件企业，给予次年租金八折优惠。")
    found = facts(text)
    assert found.get((LANDLORD, "reducesRentFor", "软件企业")) == "done"
    assert not any(s == "宁波软件园" for s, _, _ in found)


def test_a_numbered_unit_of_a_known_group_and_a_parent_that_only_owns():
    text = (f"{FIRM}成立于2018年，是杭州西溪控股集团有限公司的控股子公司，"
            "目前已为中国铁建第十六工程局有限公司等施工单位供货。")
    found = facts(text)
    assert found.get((FIRM, "supplies", "中国铁建第十六工程局有限公司")) == "done"
    assert not any(s.startswith("杭州西溪") for s, _, _ in found)


def test_shipyards_build_ships_and_a_bare_gongsi_after_a_time_word():
    text = (f"{FIRM}为挪威维京航运公司建造的7000车位汽车运输船日前交付。"
            "明年公司还将开工建造4艘甲醇双燃料集装箱船。")
    found = facts(text)
    assert found.get((FIRM, "produces", "汽车运输船")) == "done"
    assert found.get((FIRM, "produces", "甲醇双燃料集装箱船")) == "planned"


def test_duifang_is_the_other_party_and_goods_still_to_come_under_a_contract_are_planned():
    text = f"{FIRM}与{LANDLORD}签订采购合同，{FIRM}将在2024年第四季度前向对方供应面料1.2万米。"
    assert facts(text).get((FIRM, "supplies", LANDLORD)) == "planned"
    signed = f"{FIRM}与{LANDLORD}签订供货合同，合同金额约4.9亿元。"
    assert facts(signed).get((FIRM, "supplies", LANDLORD)) == "done"


def test_who_supplies_under_a_purchase_contract():
    buyer_first = f"{LANDLORD}与{FIRM}、{MAKER}等8家本地企业签订了年度采购合同，合同总额约14亿元。"
    found = facts(buyer_first)
    assert (FIRM, "supplies", LANDLORD) in found and (MAKER, "supplies", LANDLORD) in found
    assert (LANDLORD, "supplies", FIRM) not in found
    seller_first = f"{FIRM}9月5日与{LANDLORD}签订采购合同，为其旗下酒店改造项目提供吊灯1200套。"
    assert (FIRM, "supplies", LANDLORD) in facts(seller_first)
    said_outright = f"{FIRM}与{LANDLORD}签订采购合同，{FIRM}将在年底前向对方供应面料1.2万米。"
    assert facts(said_outright).get((FIRM, "supplies", LANDLORD)) == "planned"
    assert (LANDLORD, "supplies", FIRM) not in facts(said_outright)


def test_buying_what_a_firm_makes_is_supplied_by_it():
    text = f"{LANDLORD}明年将采购{FIRM}生产的电驱桥壳约12万件。"
    assert facts(text).get((FIRM, "supplies", LANDLORD)) == "planned"


ZONE_BODY = "宁波经济技术开发区管委会"


@pytest.mark.parametrize("text, tenant", [
    (f"{FIRM}总经理王立军说，公司租用的厂房由{ZONE_BODY}提供，前三年免收租金。", FIRM),
    (f"{FIRM}的车间里一派繁忙。总经理王立军说，企业享受{ZONE_BODY}“三免三减半”的厂房租金优惠。", FIRM),
    (f"{ZONE_BODY}对新入驻园区的科技型企业实行厂房租金“免三减二”。", "科技型企业"),
    (f"{ZONE_BODY}对氢能产业园的入驻企业，标准厂房租金前两年全免。", "入驻企业"),
])
def test_rent_relief_by_a_zone_body_in_more_words(text, tenant):
    assert facts(text).get((ZONE_BODY, "reducesRentFor", tenant)) == "done"
