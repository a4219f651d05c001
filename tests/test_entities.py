"""Entities stage on sentences written for these tests (invented firms, real places)."""
from __future__ import annotations

import pytest

from graph.pipeline import extract_text


def entities(text: str) -> dict[str, object]:
    ex = extract_text(text, doc_id="t", use_ner=False)
    return {e.label: e for e in ex.entities.values()}


def facts(text: str) -> set[tuple[str, str, str]]:
    ex = extract_text(text, doc_id="t", use_ner=False)
    label = {k: e.label for k, e in ex.entities.items()}
    return {(label[f.subject], f.relation, label[f.object]) for f in ex.facts if f.modality != "negated"}


# ---------------------------------------------------------------- left boundary of names

@pytest.mark.parametrize("text, name", [
    ("位于园区的湖州青松电子科技有限公司近日投产。", "湖州青松电子科技有限公司"),
    ("记者走访了连锁零售企业合肥百味鲜超市有限公司。", "合肥百味鲜超市有限公司"),
    ("该商场的运营方济南泉城商业管理有限公司表示，将减免租金。", "济南泉城商业管理有限公司"),
    ("承租户已向房东昆明滇池置业集团有限公司提出申请。", "昆明滇池置业集团有限公司"),
    ("公司旗下全资子公司洛阳中原轴承有限公司获得贷款。", "洛阳中原轴承有限公司"),
    ("港股上市公司东莞远航控股有限公司今日公告。", "东莞远航控股有限公司"),
    ("市属国企杭州钱塘城建资产经营有限公司表示将减免租金。", "杭州钱塘城建资产经营有限公司"),  # 国企, 央企: kinds of firm
    ("浙江海上明珠渔业有限公司今年扩建了冷库。", "浙江海上明珠渔业有限公司"),  # a location word after a place
    ("公司计划明年向上海华岚物流有限公司供货。", "上海华岚物流有限公司"),  # jieba: 向上 + 海华
    ("该厂向中车株洲电力机车有限公司交付了一批部件。", "中车株洲电力机车有限公司"),  # a known firm's subsidiary
    ("全年向国网浙江省电力公司交付变压器300台。", "国网浙江省电力公司"),
])
def test_firm_name_starts_after_the_words_that_describe_it(text, name):
    ents = entities(text)
    assert name in ents and ents[name].cls == "Enterprise"
    assert not any(label.endswith(name) and label != name for label in ents)


@pytest.mark.parametrize("text, name", [
    ("企业可向市人社局申请社保减免。", "市人社局"),
    ("宜昌市人力资源和社会保障局日前发布通知。", "宜昌市人力资源和社会保障局"),
    ("江西省人民政府办公厅印发了通知。", "江西省人民政府办公厅"),
    ("材料已送到国家药监局审批。", "国家药监局"),
])
def test_agency_names(text, name):
    ents = entities(text)
    assert name in ents and ents[name].cls == "GovernmentAgency"


def test_local_government_words_are_no_names():
    ents = entities("对主动减免租金的业主，当地政府可给予补贴。")
    assert not any(e.cls == "GovernmentAgency" for e in ents.values())


@pytest.mark.parametrize("text, name", [
    ("公告称无锡芯达微电子股份有限公司与客户签约。", "无锡芯达微电子股份有限公司"),
    ("像成都锦绣纺织有限责任公司这样的企业正在增多。", "成都锦绣纺织有限责任公司"),
])
def test_a_one_character_verb_before_a_name_is_not_part_of_it(text, name):
    assert name in entities(text)


@pytest.mark.parametrize("text", [
    "一汽布局新能源。",  # 局 of 布局 is no agency's ending
    "今年以来公司营收增长。",
    "其子公司生产起重机。",
])
def test_no_organisation_in_common_words(text):
    assert not any(e.cls in ("Enterprise", "Bank", "GovernmentAgency") for e in entities(text).values())


@pytest.mark.parametrize("text, name", [("中共杭州市委召开会议。", "中共杭州市委"), ("国家市场监督管理总局发布通告。", "国家市场监督管理总局")])
def test_a_party_committee_and_a_head_office_are_bodies(text, name):
    assert entities(text)[name].cls == "GovernmentAgency"


def test_an_interview_answer_names_the_speaker_before_a_colon():
    text = "记者：贵行做了哪些工作？\n浙江余姚农村商业银行股份有限公司梨洲支行行长 何志远：我们坚持不抽贷。"
    assert ("何志远", "worksFor", "浙江余姚农村商业银行股份有限公司梨洲支行") in facts(text)


def test_an_association_of_two_trades_is_one_body():
    ents = entities("云南省餐饮与美食行业协会发出倡议。")
    assert ents["云南省餐饮与美食行业协会"].cls == "Organization"
    assert not any(label.startswith("与") for label in entities("政府与企业和行业协会共同努力。"))
    assert "武汉协和医院" in entities("河北冀康医疗器械有限公司与武汉协和医院签订了供货合同。")  # two bodies


def test_a_short_agency_name_and_an_abbreviated_centre_are_the_body_named_before():
    ents = entities("国家药监局批准上市。药监局表示将加快审批。中国疾病预防控制中心专家指出。中国疾控中心表示。")
    assert "药监局" in ents["国家药监局"].aliases
    assert "中国疾控中心" in ents["中国疾病预防控制中心"].aliases


def test_the_tail_of_a_bodys_name_is_that_body():
    ents = entities("记者从中国人民银行杭州中心支行获悉，贷款余额增长。杭州中心支行有关负责人表示，将继续支持企业。")
    assert "杭州中心支行" in ents["中国人民银行杭州中心支行"].aliases
    assert "杭州中心支行" not in ents


def test_a_branch_of_a_bank_named_by_its_registered_name():
    text = "宁夏银行股份有限公司银川兴庆支行向宁夏塞上枸杞生物科技有限公司发放贷款。"
    assert entities(text)["宁夏银行股份有限公司银川兴庆支行"].cls == "Bank"
    assert ("宁夏银行股份有限公司银川兴庆支行", "lendsTo", "宁夏塞上枸杞生物科技有限公司") in facts(text)


@pytest.mark.parametrize("text, named", [
    ("“现在轻松多了。”他笑着说。", set()),  # a verb the tagger took for a name
    ("本报通讯员王小明报道。", {"王小明"}),
    ("古丽米热·艾买提是合作社的负责人。", {"古丽米热·艾买提"}),  # a name of two parts may be long
])
def test_people_the_tagger_finds(text, named):
    ex = extract_text(text, doc_id="t")
    assert {e.label for e in ex.entities.values() if e.cls == "Person"} == named


@pytest.mark.parametrize("text", ["洛阳中原轴承有限公司财务负责人笑着说。", "他申请辞去公司总经理职务。"])
def test_a_word_after_a_title_is_no_name(text):
    assert not any(e.cls == "Person" for e in entities(text).values())


def test_a_short_form_with_a_shortened_part_is_the_firm():
    text = "浙江余姚农村商业银行股份有限公司近日表示支持。余姚农商行为宁波海曙纺织有限公司办理了续贷。"
    assert "余姚农商行" in entities(text)["浙江余姚农村商业银行股份有限公司"].aliases


def test_a_rumour_about_the_firm_names_no_firm():
    ents = entities("鼎峰光电发布公告称，近期网传公司将被收购的消息不实。")
    assert "网传公司" not in ents


def test_a_banks_registered_name_is_a_bank():
    ents = entities("浙江余姚农村商业银行股份有限公司为宁波海曙纺织有限公司办理续贷。")
    assert ents["浙江余姚农村商业银行股份有限公司"].cls == "Bank"


def test_a_group_firm_is_named_with_its_group_word():
    ents = entities("杭州西湖置业集团有限公司发布声明。西湖置业集团表示，将减免租金。")
    assert "西湖置业集团" in ents["杭州西湖置业集团有限公司"].aliases


def test_a_direction_word_ends_a_site_name():
    ents = entities("产品将通过管道输送至沧州临港化工园区。")
    assert "沧州临港化工园区" in ents or "临港化工园区" in ents
    assert not any(label.startswith("至") for label in ents)


def test_a_bank_called_on_to_lend_starts_after_the_call():
    ents = entities("浙江鼓励宁波银行、温州银行等地方法人银行对小微企业加大信贷投放。")
    assert ents["宁波银行"].cls == "Bank"
    assert not any("鼓励" in label for label in ents)
    assert "地方法人银行" not in ents  # a kind of bank, of common words


@pytest.mark.parametrize("name", ["长安银行", "富滇银行", "平安银行"])
def test_a_bank_named_by_a_word_is_still_a_bank(name):
    assert entities(f"{name}向宁波海曙纺织有限公司发放贷款。")[name].cls == "Bank"


def test_kinds_of_firm_are_no_names():
    ents = entities("多家上市公司和物流公司参加了会议，其中包括全资子公司。")
    assert not any(e.cls == "Enterprise" for e in ents.values())


# ---------------------------------------------------------------- banks

def test_branch_is_a_bank_with_its_parent():
    ents = entities("中国建设银行宁波分行向宁波海曙纺织有限公司发放贷款500万元。")
    branch = ents["中国建设银行宁波分行"]
    assert branch.cls == "Bank"
    parent = ents["中国建设银行"]
    assert parent.cls == "Bank" and branch.attrs["parent"] == parent.key


@pytest.mark.parametrize("text, branch, parent, named", [
    ("建设银行宁波分行向宁波海曙纺织有限公司发放贷款。", "建设银行宁波分行", "中国建设银行", "建设银行"),
    ("公司拟向中国银行股份有限公司宁波分行申请授信。", "中国银行股份有限公司宁波分行", "中国银行", "中国银行股份有限公司"),
])
def test_a_branchs_parent_keeps_the_name_the_article_gives_it(text, branch, parent, named):
    ents = entities(text)
    assert ents[branch].attrs["parent"] == ents[parent].key
    assert named in ents[parent].aliases


@pytest.mark.parametrize("name", ["中国人民银行", "中国人民银行南京分行"])
def test_central_bank_is_a_government_agency(name):
    ents = entities(f"{name}召开了金融工作会议。")
    assert ents[name].cls == "GovernmentAgency"


# ---------------------------------------------------------------- aliases and short forms

@pytest.mark.parametrize("text, full, alias", [
    ("安徽丰禾农业科技股份有限公司（以下简称“丰禾农业”）发布公告。丰禾农业表示业绩增长。",
     "安徽丰禾农业科技股份有限公司", "丰禾农业"),
    ("厦门海晟船舶有限公司（简称：海晟船舶）成立于2010年。", "厦门海晟船舶有限公司", "海晟船舶"),
    ("湖北楚天智造股份有限公司（证券简称：楚天智造 证券代码：688123）今日公告。",
     "湖北楚天智造股份有限公司", "楚天智造"),
])
def test_declared_aliases(text, full, alias):
    ents = entities(text)
    assert alias in ents[full].aliases
    assert alias not in ents


def test_an_alias_declared_after_the_stock_code():
    text = "湖北楚天智造股份有限公司（证券代码：688123，以下简称“楚天智造”）今日公告。楚天智造表示订单充足。"
    ents = entities(text)
    assert "楚天智造" in ents["湖北楚天智造股份有限公司"].aliases
    assert ents["湖北楚天智造股份有限公司"].attrs["stock_code"] == "688123"




@pytest.mark.parametrize("text, full, code", [
    ("贵阳黔岭茶业股份有限公司(603777.SH)推出新茶。", "贵阳黔岭茶业股份有限公司", "603777.SH"),
    ("湖北楚天智造股份有限公司（证券简称：楚天智造 证券代码：688123）今日公告。", "湖北楚天智造股份有限公司", "688123"),
])
def test_stock_codes(text, full, code):
    assert entities(text)[full].attrs["stock_code"] == code


def test_later_short_form_of_full_name_is_the_same_firm():
    ents = entities("南通海纳机电设备有限公司近日扩产。海纳机电表示订单充足。")
    assert "海纳机电" in ents["南通海纳机电设备有限公司"].aliases
    assert "海纳机电" not in ents


@pytest.mark.parametrize("full, short", [
    ("苏州吴江恒丰纺织有限公司", "恒丰纺织"),   # a city, then a county of it
    ("山东省潍坊市鸿运机械有限公司", "鸿运机械"),   # a province, then a city
    ("贵州黔安路通交通建设有限公司", "黔安路通"),   # two industry words after the trade name
])
def test_short_forms_drop_every_place_before_the_name(full, short):
    ents = entities(f"{full}近日扩产。{short}表示订单充足。")
    assert short in ents[full].aliases and short not in ents


@pytest.mark.parametrize("full, short", [
    ("甘肃祁连新能源装备有限公司", "祁连装备"),   # the name and its last trade word
    ("甘肃祁连新能源装备有限公司", "祁连新能源"),
    ("长春英华汽车零部件有限公司", "英华"),
])
def test_short_forms_keep_whole_trade_words(full, short):
    from graph.entities import short_forms
    assert short in short_forms(full)
    assert "祁连新" not in short_forms(full)  # 新能源 is one word


@pytest.mark.parametrize("full, short", [
    ("衢州瑞峰汽车部件有限公司", "瑞峰"),        # a trade made of common nouns not in the list
    ("衢州瑞峰汽车部件有限公司", "瑞峰公司"),
    ("昭通岚越马铃薯产业有限公司", "岚越马铃薯"),  # the trade name with the trade's first word
    ("余姚澜舟电器有限公司", "澜舟电器"),        # a county's short name opening the name
])
def test_a_two_character_trade_name_before_common_nouns(full, short):
    from graph.entities import short_forms
    assert short in short_forms(full)


def test_a_name_without_its_place_is_a_short_form():
    from graph.entities import short_forms
    assert "米伦医疗器械公司" in short_forms("意大利米伦医疗器械公司")


def test_short_forms_are_never_everyday_words_or_places():
    from graph.entities import short_forms
    forms = short_forms("深圳龙岗产业投资集团有限公司")
    assert "产业" not in forms and "龙岗" not in forms  # a common word; a district's short name
    assert "龙岗产业投资集团" in forms


def test_a_city_opening_a_name_is_no_trade_name():
    from graph.entities import short_forms
    assert "苏州公司" not in short_forms("苏州精铸模具科技有限公司")


def test_a_party_to_the_deal_before_a_name_is_no_part_of_it():
    ents = entities("大连海湾船舶重工有限责任公司与希腊船东北海航运公司签订散货船建造合同。")
    assert "北海航运公司" in ents and "希腊" in ents


def test_a_trade_name_with_its_head_noun():
    from graph.entities import short_forms
    assert "瑞峰座椅" in short_forms("长春瑞峰汽车座椅有限公司")


def test_a_common_noun_opening_a_name_is_no_trade_name():
    from graph.entities import short_forms
    assert "空气" not in short_forms("空气净化器代工有限公司")


def test_a_trade_name_short_form_is_the_firm_later():
    text = "余姚澜舟电器有限公司新建了厂房。澜舟电器位于余姚市，澜舟公司今年产值增长两成。"
    ents = entities(text)
    assert {"澜舟电器", "澜舟公司"} <= ents["余姚澜舟电器有限公司"].aliases
    assert not any(e.cls == "Enterprise" and label != "余姚澜舟电器有限公司" for label, e in ents.items())


def test_the_firms_trade_and_gongsi_refer_to_it():
    ents = entities("杭州西溪园区运营有限公司为租户减免租金。租户可向运营公司提交申请。")
    assert "运营公司" in ents["杭州西溪园区运营有限公司"].aliases
    assert "运营公司" not in ents


def test_another_firm_of_the_same_trade_is_not_the_firm():
    ents = entities("宁波港城物流有限公司与另一家物流公司签约。")
    assert "物流公司" not in ents["宁波港城物流有限公司"].aliases


def test_a_place_prefix_ends_where_a_word_does():
    from graph.entities import short_forms
    forms = short_forms("浙江杭州湾汽配有限公司")
    assert not any(form.startswith("湾") for form in forms)
    assert "杭州湾" not in forms  # a place, never the firm's short name


def test_a_county_of_another_city_is_part_of_the_trade_name():
    from graph.entities import short_forms
    assert "焦化" not in short_forms("山西晋源焦化科技有限公司")  # 晋源区 is in 太原, not a prefix here


def test_short_forms_never_leave_only_common_words():
    ents = entities("佛山农村商业银行向佛山南海陶瓷有限公司发放贷款。")
    assert "农村商业银行" not in ents["佛山农村商业银行"].aliases


# ---------------------------------------------------------------- pronouns

def test_bare_gongsi_is_the_firm_named_not_the_customer_its_pronouns_point_to():
    text = ("重庆渝丰汽车零部件有限公司近日成为北方汽车集团有限公司的一级供应商，将为其新能源车型供应电池托盘。"
            "公司坐落于重庆两江新区鱼复工业园。")
    assert ("重庆渝丰汽车零部件有限公司", "locatedIn", "鱼复工业园") in facts(text)


def test_a_pronoun_after_a_parent_and_its_firm_is_the_firm():
    text = ("记者获悉，北方能源集团有限公司所属的雄安北方综合能源服务有限公司日前完成工商注册。"
            "该公司执行董事王海鹏表示，将扩大投资。")
    ex = extract_text(text, doc_id="t")
    jobs = {(ex.entities[f.subject].label, ex.entities[f.object].label) for f in ex.facts if f.relation == "worksFor"}
    assert jobs == {("王海鹏", "雄安北方综合能源服务有限公司")}


def test_pronouns_resolve_to_the_firm_named_before():
    text = "兰州陇西药业有限公司位于兰州新区。该公司主要生产中药饮片。"
    assert ("兰州陇西药业有限公司", "produces", "中药饮片") in facts(text)


def test_bank_pronoun_resolves_to_the_bank():
    text = "记者从中国农业银行河南省分行获悉，该行已向小微企业发放贷款80亿元。"
    assert ("中国农业银行河南省分行", "lendsTo", "小微企业") in facts(text)


@pytest.mark.parametrize("text, maker", [
    # The earlier sentence's topic, not the firm named last in it (that one is after 向/与/包括).
    ("杭州远景阀门有限公司上月向宁波海港机械有限公司交付了一批阀门。该公司主要生产工业阀门。", "杭州远景阀门有限公司"),
    ("昆明滇池食品有限公司与贵阳黔香商贸有限公司、成都锦城物流有限公司签订协议。该公司主要生产米线。",
     "昆明滇池食品有限公司"),
    # Every firm of the earlier sentence is an oblique: the nearest is still the best guess.
    ("银行向郑州中原纺织有限公司发放贷款。该公司主要生产棉纱。", "郑州中原纺织有限公司"),
    # In its own sentence, the nearest firm before it.
    ("记者从长春北方客车有限公司了解到，该公司主要生产新能源客车。", "长春北方客车有限公司"),
])
def test_pronoun_from_an_earlier_sentence_means_its_topic(text, maker):
    makers = {subject for subject, relation, _ in facts(text) if relation == "produces"}
    assert makers == {maker}


# ---------------------------------------------------------------- groups

@pytest.mark.parametrize("text, group", [
    ("区属国企为中小微企业减免租金。", "中小微企业"),
    ("园区为科技型企业减免房租。", "科技型企业"),
    ("商场将对餐饮商户减租。", "餐饮商户"),
    ("孵化器为初创企业免收租金。", "初创企业"),
    ("县属国有企业为入驻企业减免租金。", "县属国有企业"),
    # trade nouns before 企业 after 的, a preposition or a list mark
    ("产品主要销往华东地区的家具制造企业。", "家具制造企业"),
    ("鼓励银行向蔬菜种植企业发放贷款。", "蔬菜种植企业"),
    ("产品主要配套省内整车企业。", "整车企业"),
    ("农商行向38户养殖户发放贷款。", "养殖户"),
    ("物业公司对旗下商铺租户给予一个月免租期。", "商铺租户"),
    ("市管企业累计为小微企业减免租金6.8亿元。", "市管企业"),
])
def test_groups_of_firms(text, group):
    ents = entities(text)
    assert ents[group].cls == "EnterpriseGroup"


def test_counted_group():
    ents = entities("此次减免惠及辖区内2600余家企业。")
    assert ents["2600余家企业"].cls == "EnterpriseGroup"


def test_counted_named_group_is_the_group():
    ents = entities("目前已有45家初创企业提交了申请。")
    assert "初创企业" in ents and ents["初创企业"].cls == "EnterpriseGroup"


@pytest.mark.parametrize("text, groups", [
    ("政策兑现情况将纳入国企考核。", set()),  # 国企 as a modifier
    ("国企为商户减租。", {"国企", "商户"}),
    ("业主减免商户租金。", {"商户"}),  # the tenants whose rent is cut
])
def test_a_short_group_word_as_a_modifier_is_no_group(text, groups):
    assert {label for label, e in entities(text).items() if e.cls == "EnterpriseGroup"} == groups


def test_group_word_describing_a_firm_is_no_group():
    ents = entities("杭州西溪置业有限公司是西湖区的区属国有企业。连锁餐饮企业杭州知味餐饮有限公司也在此。")
    assert not any(e.cls == "EnterpriseGroup" for e in ents.values())


# ---------------------------------------------------------------- people

def test_person_with_role_and_employer():
    text = "据洛阳中原轴承有限公司总经理郑国强介绍，订单已排到年底。"
    ents = entities(text)
    assert ents["郑国强"].cls == "Person" and ents["郑国强"].attrs["role"] == "总经理"
    assert ("郑国强", "worksFor", "洛阳中原轴承有限公司") in facts(text)


@pytest.mark.parametrize("text", [
    "郑国强是洛阳中原轴承有限公司的创始人。",
    "郑国强现任洛阳中原轴承有限公司总经理。",
    "“订单已排到年底。”郑国强说。他是洛阳中原轴承有限公司的董事长。",
])
def test_a_role_said_of_a_person_is_their_job(text):
    ex = extract_text(text, doc_id="t")  # (with the tagger: no title before the name finds the person)
    jobs = {(ex.entities[f.subject].label, ex.entities[f.object].label) for f in ex.facts if f.relation == "worksFor"}
    assert ("郑国强", "洛阳中原轴承有限公司") in jobs


def test_appointed_as_the_firms_manager_works_for_it():
    ex = extract_text("湖北宜荆风电装备股份有限公司董事会同意聘任刘晓梅女士为湖北宜荆风电装备股份有限公司总经理。", doc_id="t")
    jobs = {(ex.entities[f.subject].label, ex.entities[f.object].label) for f in ex.facts if f.relation == "worksFor"}
    assert ("刘晓梅", "湖北宜荆风电装备股份有限公司") in jobs


@pytest.mark.parametrize("text, person", [
    ("郑国强（洛阳中原轴承有限公司总经理）表示，订单充足。", "郑国强"),  # role and employer in brackets
    ("洛阳中原轴承有限公司董事长郑国强、总经理李红出席了仪式。", "李红"),  # a title listed after a colleague
    ("洛阳中原轴承有限公司的郑国强经理告诉记者，订单充足。", "郑国强"),  # the title after the name
    ("洛阳中原轴承有限公司成立于2020年。公司联合创始人、技术副总裁郑国强说。", "郑国强"),  # a department in a chain
])
def test_more_ways_to_name_an_employee(text, person):
    ex = extract_text(text, doc_id="t")
    jobs = {(ex.entities[f.subject].label, ex.entities[f.object].label) for f in ex.facts if f.relation == "worksFor"}
    assert (person, "洛阳中原轴承有限公司") in jobs
    assert "洛阳中原轴承有限公司" in {e.label for e in ex.entities.values()}


def test_a_firms_title_with_no_firm_before_it_is_at_the_firm_of_the_article():
    text = ("湖北宜荆风电装备股份有限公司（以下简称“公司”）董事会收到辞职报告。"
            "经董事长杨振华提名，公司董事会同意聘任刘晓梅女士为公司总经理。")
    ex = extract_text(text, doc_id="t")
    jobs = {(ex.entities[f.subject].label, ex.entities[f.object].label) for f in ex.facts if f.relation == "worksFor"}
    assert ("杨振华", "湖北宜荆风电装备股份有限公司") in jobs


def test_a_title_in_a_sentence_about_another_body_is_not_at_the_firm():
    ex = extract_text("宁波海曙纺织有限公司今年扩产。据宁波市商务局局长王明介绍，外贸企业订单回升。", doc_id="t")
    assert not any(f.relation == "worksFor" and ex.entities[f.object].label == "宁波海曙纺织有限公司" for f in ex.facts)


def test_a_role_without_an_employer_gives_no_job():
    ex = extract_text("郑国强是一名工程师，洛阳中原轴承有限公司今年扩产。", doc_id="t")
    assert "郑国强" in {e.label for e in ex.entities.values()}
    assert not any(f.relation == "worksFor" for f in ex.facts)


def test_byline_reporter_has_no_employer():
    text = "新厂投产\n\n□本报记者 吴晓梅\n\n湖州青松电子科技有限公司新厂投产。"
    ex = extract_text(text, doc_id="t", use_ner=False)
    reporter = [e for e in ex.entities.values() if e.label == "吴晓梅"]
    assert reporter and reporter[0].cls == "Person"
    assert not any(f.subject == reporter[0].key for f in ex.facts)


# ---------------------------------------------------------------- products

@pytest.mark.parametrize("text, products", [
    ("该公司主要生产光伏玻璃和光伏背板。", {"光伏玻璃", "光伏背板"}),
    ("公司主要从事工业阀门、液压泵及密封件的研发、生产和销售。", {"工业阀门", "液压泵", "密封件"}),
    ("公司研制出新一代便携式超声诊断仪。", {"便携式超声诊断仪"}),
    ("满载30吨84消毒液的货车驶出厂区。", {"84消毒液"}),
    ("该行推出了“科技助力贷”，支持科创企业。", {"科技助力贷"}),
    # a modifier and 的 before the noun: the noun is the product
    ("该公司推出了一款具备远程监测功能的智能电表。", {"智能电表"}),
    ("该公司研制出一种可降解的环保餐盒。", {"环保餐盒"}),
    ("该公司研制出具有自主知识产权的数控机床。", {"数控机床"}),
    ("该公司研制出国内首台套高精度船用流量计。", {"高精度船用流量计"}),
    ("该公司推出全球首款可折叠电动自行车。", {"可折叠电动自行车"}),
    ("该公司是国内知名的路由器、光猫制造商。", {"路由器", "光猫"}),
    ("银行为这家辣条生产企业发放了贷款。", {"辣条"}),
    ("该行通过线上“快易贷”产品发放信用贷款。", {"快易贷"}),
    ("该公司今年推出了低温酸奶新品。", {"低温酸奶"}),
    ("30台旋挖钻机从长沙市的该公司厂区发车。", {"旋挖钻机"}),
    # a number and its unit are not part of the name
    ("该公司新建年产20GWh动力电池项目。", {"动力电池"}),
    ("该公司主要生产5MW风力发电机组。", {"风力发电机组"}),
    # each item of a list with its own amount; an idiom to jieba (休闲鞋 'i') is goods
    ("该公司年产速冻水饺5000吨、速冻汤圆3000吨。", {"速冻水饺", "速冻汤圆"}),
    ("该厂年产运动鞋和休闲鞋约300万双。", {"运动鞋", "休闲鞋"}),
    ("该公司主要生产汽车转向节。", {"汽车转向节"}),  # the 向 inside 转向 ends nothing
    ("该公司主营石灰石开采及水泥、熟料的生产。", {"水泥", "熟料"}),  # an activity, then goods
    ("合作社主要养殖对虾、扇贝和海带。", {"对虾", "扇贝", "海带"}),
    ("该厂年内将向客户交付地铁车辆座椅8000套。", {"地铁车辆座椅"}),  # delivered goods
    ("公司已向华南商超发运脐橙1200余吨。", {"脐橙"}),
    ("公司今年交付的第二批挖掘机已到港。", {"挖掘机"}),  # an ordinal batch opens the phrase
    ("公司拟投资4亿元新建一条海上风电叶片生产线。", {"海上风电叶片"}),  # a new line for the goods
    ("该厂将建造4艘7000车位汽车运输船。", {"汽车运输船"}),  # a size before the goods
    ("该公司主要生产圣诞装饰品和中秋月饼。", {"圣诞装饰品", "中秋月饼"}),  # a festival (jieba 't') in the name
    ("该厂年产8万吨针状焦项目投产。", {"针状焦"}),  # (jieba tags 焦 'a')
    # the goods of a deal, after its amount or the buyer
    ("该公司与客户签订20亿元光伏组件供货协议。", {"光伏组件"}),
    ("该公司中标宁波市第一医院128排CT采购项目。", {"128排CT"}),
])
def test_product_phrases(text, products):
    ents = entities(text)
    assert products <= {label for label, e in ents.items() if e.cls == "Product"}
    assert not any("开采" in label for label in ents)


def test_goods_named_with_their_size_are_the_goods():
    ents = entities("该公司主要生产中大型纯电SUV。")
    assert "纯电SUV" in ents["中大型纯电SUV"].aliases


def test_power_generation_is_no_product():
    ents = entities("该公司将建设年产2万吨绿氢及配套风光发电项目。")
    assert {label for label, e in ents.items() if e.cls == "Product"} == {"绿氢"}


@pytest.mark.parametrize("text", ["该公司是国内领先的供应商。", "公司成为行业知名的生产企业。"])
def test_a_quality_before_maker_is_no_product(text):
    assert not any(e.cls == "Product" for e in entities(text).values())


def test_what_a_noun_is_made_for_is_not_its_head():
    ents = entities("该公司专门生产口罩的设备已经投用。")
    assert {label for label, e in ents.items() if e.cls == "Product"} == {"口罩"}


@pytest.mark.parametrize("text", [
    "生产车间里一派繁忙景象。",
    "员工戴口罩、勤洗手。",
    "公司负责人表示，将维持正常生产。",
    "企业复工复产率已达90%。",
    "生产线实施了倒班制。",
    "技改完成后，明年产值有望翻番。",  # 年产 + 值: a measure
    "公司对该客户的供货量占比约两成。",
    "港区新建10万吨级泊位。",  # a scale, not goods counted
    "日产能将由300吨提高到500吨。",  # a verb alone is no thing
    "量产意味着成本大幅下降。",
    "该行今年将新增制造业贷款不低于100亿元。",
    "该行推出加强续贷服务、延缓还款期限等措施。",
    "该支行为种植大户和家庭农场投放贷款。",
    "以海域使用权和养殖设施作抵押。",
    "新厂房已交付使用。",
    "这是公司今年交付的第三批产品。",
    "公司与客户签订了3万吨的年度供货合同。",
    "公司与客户签订了供货协议。",
    "贷款用于新建智能化生产线。",
    "公司将产能提升至5万台。",
    "上述产品已出口。",
    "公司按时支付供应商货款。",
    "该公司推出“免租”政策，中小商户可免交三个月租金。",  # a measure in quotes, not goods
    "公司将为片区约2万户居民提供地热供暖。",  # a service of energy
])
def test_no_product_where_nothing_is_made(text):
    assert not any(e.cls == "Product" for e in entities(text).values())


def test_product_short_form_is_the_same_product():
    text = "公司生产的重组人胰岛素注射液供不应求。胰岛素注射液的库存已见底。"
    products = [e for e in entities(text).values() if e.cls == "Product"]
    assert len(products) == 1 and "胰岛素注射液" in products[0].aliases


def test_brand_after_its_description():
    ents = entities("成都蜀香食品有限公司推出一款低糖月饼“蜀香月”。")
    assert "低糖月饼" in ents["蜀香月"].aliases and ents["蜀香月"].cls == "Product"


# ---------------------------------------------------------------- places

@pytest.mark.parametrize("text, site", [
    ("测温设备已在广州南站安装。", "广州南站"),
    ("设备运抵双流国际机场。", "双流国际机场"),
    ("企业入驻张江科技园浦东园。", "张江科技园浦东园"),
    ("公司对西溪科创园的入驻企业免收租金。", "西溪科创园"),
    ("他们在滨江孵化园租下了两层楼。", "滨江孵化园"),
    ("城北科技城的入驻企业已超过百家。", "城北科技城"),
    ("赣西纺织服装城宣布为商户减免租金。", "赣西纺织服装城"),
    ("宁波天一商城对场内300余家商户免收一个月租金。", "宁波天一商城"),
    ("杭州国贸大厦为入驻企业减免租金。", "杭州国贸大厦"),
])
def test_sites(text, site):
    assert entities(text)[site].cls == "Site"


@pytest.mark.parametrize("text", ["区内国有园区将对中小企业减免租金。", "市内各大商场已恢复营业。"])
def test_the_sites_of_an_area_are_no_named_site(text):
    assert not any(e.cls == "Site" for e in entities(text).values())


@pytest.mark.parametrize("text", [
    "该园区是海南自由贸易港重点园区之一。",  # a vague word before the kind
    "多晶硅将优先供应母公司的硅片工厂。",  # a plant described by its goods
    "雄安新区再迎央企子公司",  # what a firm is, not its name
])
def test_descriptions_of_a_place_or_firm_are_no_names(text):
    assert not any(e.cls in ("Site", "Enterprise") for e in entities(text).values())


def test_branch_of_a_bank_named_with_its_province_is_one_name():
    ex = extract_text("中国邮政储蓄银行河南省分行向小微企业发放贷款20亿元。", doc_id="t")
    labels = {e.label: e for e in ex.entities.values()}
    assert "中国邮政储蓄银行河南省分行" in labels and "河南省分行" not in labels
    assert labels["中国邮政储蓄银行河南省分行"].cls == "Bank"


def test_a_place_then_he_starts_a_trade_name():
    ex = extract_text("浙江和美置业有限公司为300家商户减免租金。", doc_id="t")
    assert "浙江和美置业有限公司" in {e.label for e in ex.entities.values()}


def test_towns_are_places_inside_the_city_named_before_them():
    ex = extract_text("东莞市长安镇的金盛五金制品有限公司主要生产门窗五金配件。小城镇建设加快推进。", doc_id="t")
    places = {e.label for e in ex.entities.values() if e.cls == "District"}
    assert places == {"东莞市", "长安镇"}


def test_countries_are_places():
    ents = entities("该公司的枸杞干果出口到德国和日本，设备则来自印度尼西亚。")
    assert {"德国", "日本", "印度尼西亚"} <= {label for label, e in ents.items() if e.cls == "District"}
    assert "印度" not in ents  # (inside 印度尼西亚)


def test_a_country_name_inside_a_word_is_no_place():
    assert not any(e.cls == "District" for e in entities("沿海地区的企业复工了。").values())


@pytest.mark.parametrize("text, town", [
    ("在黑龙江省五常市龙凤山镇，合作社的新米正在装袋。", "龙凤山镇"),  # (jieba: 龙凤 + 山镇 'ns')
    ("厂区位于烟台经济技术开发区八角街道。", "八角街道"),  # a numeral word, after a zone
    ("它在郫都区安德街道的新厂房建成了。", "安德街道"),  # after a district the list does not know
])
def test_towns_and_streets(text, town):
    ents = entities(text)
    assert ents[town].cls == "District"
    assert not any(label != town and label.endswith(town) for label in ents)


def test_a_county_since_made_a_city_or_district_is_a_place():
    ents = entities("该公司总部位于长垣市。")
    assert ents["长垣市"].cls == "District"


def test_a_county_short_name_after_a_place_elsewhere_is_no_place():
    # 新建 is the short name of 新建区 (in 南昌), not of a county of 广州
    text = "河北冀康医疗器械有限公司今年将在广州市南沙区新建第二生产基地。"
    assert "新建" not in entities(text)
    assert ("河北冀康医疗器械有限公司", "locatedIn", "南沙区") in facts(text)


@pytest.mark.parametrize("text, county", [
    # a county's short name after its province, named in full (where only one place has that short name)
    ("位于湖北仙桃的湖北康泰医疗用品有限公司主要生产防护服。", "仙桃市"),
    ("该公司位于新乡市长垣市。", "长垣市"),   # a county renamed a city since the list was made (长垣县)
])
def test_a_county_named_right_after_a_place_is_a_place(text, county):
    ex = extract_text(text, doc_id="t")
    assert county in {e.label for e in ex.entities.values() if e.cls == "District"}


@pytest.mark.parametrize("text, site", [
    ("位于成都春熙路步行街的成都蜀味餐饮有限公司近日开业。", "成都春熙路步行街"),
    ("首批冷链货物已运抵广州江南批发市场。", "广州江南批发市场"),
    ("位于西单的华茂购物中心近日宣布减租。", "华茂购物中心"),
])
def test_named_sites(text, site):
    ex = extract_text(text, doc_id="t")
    assert site in {e.label for e in ex.entities.values() if e.cls == "Site"}


def test_a_county_short_name_alone_is_not_a_place():
    ex = extract_text("仙桃很甜，大家都爱吃。", doc_id="t")
    assert "仙桃" not in {e.label for e in ex.entities.values() if e.cls == "District"}


def test_a_bare_government_is_a_kind_of_body_not_an_entity():
    """政府 / 区政府 alone stand for whichever government the article means; as
    nodes they would merge unrelated bodies. A named one keeps its place."""
    for use_ner in (False, True):
        ex = extract_text("某某银行对接各区区政府服务平台。政府鼓励业主减免租金。余杭区政府为企业减免租金。",
                          doc_id="t", use_ner=use_ner)
        labels = {e.label for e in ex.entities.values()}
        assert not labels & {"政府", "区政府", "区区政府"}, labels
        assert "余杭区政府" in labels


def test_a_name_before_its_title_is_a_person():
    ex = extract_text("“今年预计增产两成。”王建国厂长介绍。", doc_id="t", use_ner=False)
    assert "王建国" in {e.label for e in ex.entities.values() if e.cls == "Person"}


def test_a_word_before_a_title_is_no_person():
    ex = extract_text("企业暂未获得贷款。公司负责人表示，将继续申请。", doc_id="t", use_ner=False)
    assert not any(e.cls == "Person" for e in ex.entities.values())


@pytest.mark.parametrize("branch", ["国家开发银行大连分行", "中国银行大连分行", "交通银行苏州分行"])
def test_a_bank_and_a_city_branch_are_one_name(branch):
    ex = extract_text(f"{branch}向该公司发放贷款。", doc_id="t", use_ner=False)
    assert branch in {e.label for e in ex.entities.values() if e.cls == "Bank"}


def test_things_listed_before_their_kind_are_the_products():
    ents = entities("该公司为十多个品牌代工生产空气炸锅、电烤箱等小家电。")
    assert {label for label, e in ents.items() if e.cls == "Product"} == {"空气炸锅", "电烤箱"}


def test_a_verb_ends_an_agency_name_on_its_left():
    ents = entities("其自主研发的抗癌新药安维替尼片获国家药品监督管理局批准上市。")
    assert "国家药品监督管理局" in ents and ents["国家药品监督管理局"].cls == "GovernmentAgency"


@pytest.mark.parametrize("text, site, places", [
    ("项目落户广东省广州市番禺区金山科学城。", "金山科学城", {"广东省", "广州市", "番禺区"}),
    ("工厂建在四川省成都市天府医药城。", "天府医药城", {"四川省", "成都市"}),
])
def test_a_place_path_before_a_site_is_places_not_part_of_its_name(text, site, places):
    ents = entities(text)
    assert ents[site].cls == "Site"
    assert places <= {label for label, e in ents.items() if e.cls == "District"}


def test_two_divisions_written_together_are_two_places():
    ents = entities("该公司位于湖北省武汉市东湖新技术开发区，与天津市滨海新区的企业合作。")
    assert {"天津市", "滨海新区"} <= {label for label, e in ents.items() if e.cls == "District"}
    assert "天津市滨海新区" not in ents


@pytest.mark.parametrize("text, name", [
    ("货物已于3月8日发往杭州市第一人民医院。", "杭州市第一人民医院"),
    ("首批设备已运往成都天府国际机场。", "成都天府国际机场"),
    ("2021年华瑞智能科技有限公司完成融资。", "华瑞智能科技有限公司"),
])
def test_a_date_or_a_verb_of_motion_ends_a_name_on_its_left(text, name):
    assert name in entities(text)


def test_a_bracket_closed_before_a_name_is_not_part_of_it():
    ents = entities("本报北京3月2日电（记者 王明）国家市场监督管理总局2日发布通告。")
    assert ents["国家市场监督管理总局"].cls == "GovernmentAgency"
    assert not any("）" in label for label in ents)


def test_trimming_a_tagged_span_drops_quotes_and_a_bracket_that_closes_outside_it():
    from graph.entities import _trim_enclosing
    text = "（以下简称“华兴化工”）公告"
    start = text.index("华")
    start, end = _trim_enclosing(text, start, start + 6)  # the tagger's span: 华兴化工”）
    assert text[start:end] == "华兴化工"
    text = "华兴技术（深圳）有限公司"
    assert _trim_enclosing(text, 0, len(text)) == (0, len(text))


@pytest.mark.parametrize("text", [
    "公司未向招商银行烟台分行等合作银行申请贷款。",
    "一季度商业银行贷款增速加快，国有大型银行贡献最多。",
])
def test_a_kind_of_bank_is_no_bank(text):
    banks = {label for label, e in entities(text).items() if e.cls == "Bank"}
    assert not banks & {"合作银行", "等合作银行", "商业银行", "国有大型银行"}, banks


def test_a_preposition_jieba_glued_to_the_next_name_ends_the_name_before():
    ents = entities("建设银行对华兴化工股份有限公司不抽贷、不断贷。")  # jieba: 对华 (towards China)
    assert ents["华兴化工股份有限公司"].cls == "Enterprise"


def test_bare_gongsi_is_the_firm_the_article_is_about_not_the_last_one_named():
    text = ("华兴化工股份有限公司12月5日公告，公司拟收购青岛海华新材料有限公司60%股权。"
            "交易完成后，海华新材料将成为公司控股子公司。公司已向招商银行申请并购贷款。")
    assert ("招商银行", "lendsTo", "华兴化工股份有限公司") in facts(text)


@pytest.mark.parametrize("text", ["华安是一家家具制造企业。", "华安是国内知名的家具制造企业。", "首批享受这一政策的企业之一。",
                                  "该区出台措施助力企业纾困。"])
def test_one_firm_described_or_firms_in_general_are_no_group(text):
    assert not any(e.cls == "EnterpriseGroup" for e in entities(text).values())


def test_a_group_after_wei_is_a_group():
    assert entities("银行为蔬菜种植企业提供贷款。")["蔬菜种植企业"].cls == "EnterpriseGroup"


@pytest.mark.parametrize("prefecture", ["恩施州", "黔东南州", "大理州", "伊犁州"])
def test_an_autonomous_prefecture_by_its_short_name_and_zhou(prefecture):
    text = f"工厂位于{prefecture}，产品销往全国。"
    assert entities(text)[prefecture].cls == "District"


def test_a_firm_after_a_place_path_through_a_prefecture_is_in_the_innermost_place():
    text = "位于云南省红河州蒙自市的滇南糖业有限公司今年扩产。"
    assert ("滇南糖业有限公司", "locatedIn", "蒙自市") in facts(text)


@pytest.mark.parametrize("unit", ["生产部", "党委", "研发中心"])
def test_the_head_of_a_firms_unit_works_for_the_firm(unit):
    text = f"河南中瑞重工机械有限公司今年订单大增。中瑞重工{unit}负责人王立新介绍，产能已经翻番。"
    assert ("王立新", "worksFor", "河南中瑞重工机械有限公司") in facts(text)
    assert not any(label.endswith(unit) for label in entities(text))


def test_a_product_named_once_is_that_product_where_it_recurs():
    text = "20台旋耕机已运抵农场。这批旋耕机全部由华北农机装备有限公司生产。"
    assert ("华北农机装备有限公司", "produces", "旋耕机") in facts(text)


def test_a_name_before_a_stock_code_is_a_listed_firm():
    ents = entities("个股方面，华信光电（300999）、九江宏达化工（002999）涨停。")
    assert ents["华信光电"].cls == "Enterprise" and ents["九江宏达化工"].cls == "Enterprise"


def test_a_place_name_across_a_word_boundary_is_no_place():
    # 永通化纤 = 永通 + 化纤; 通化 (a city in Jilin) straddles the two words
    assert "通化" not in entities("永通化纤股价今天涨停。")


@pytest.mark.parametrize("text, firm", [
    ("近日有媒体报道公司向某车企供应电机。", None),
    ("丰华钢构工程有限公司日前中标雄安安华建设有限公司承建的项目。", "雄安安华建设有限公司"),
])
def test_reporting_and_tendering_words_are_not_part_of_a_name(text, firm):
    labels = {label for label, e in entities(text).items() if e.cls == "Enterprise"}
    assert not any(label.startswith(("媒体", "报道", "中标")) for label in labels), labels
    assert firm is None or firm in labels


@pytest.mark.parametrize("text, not_bank", [("全省18家银行参与了这次行动。", "18家银行"),
                                            ("市金融办组织辖内银行开展走访。", "辖内银行")])
def test_counted_or_local_banks_are_no_bank(text, not_bank):
    assert not any(e.cls == "Bank" for e in entities(text).values())


def test_a_count_before_cooperatives_is_not_part_of_the_group():
    ents = entities("某某农商银行已向辖区内560户农民专业合作社发放贷款。")
    assert ents["农民专业合作社"].cls == "EnterpriseGroup"
    assert not any("560户" in label for label in ents)


def test_a_province_by_its_short_and_full_name_is_one_place():
    ents = entities("公司位于浙江省杭州市，产品销往浙江、江苏等地。")
    assert "浙江省" in ents and "浙江" not in ents
    assert "浙江" in ents["浙江省"].aliases


@pytest.mark.parametrize("full, short", [
    ("武汉东湖高技术产业开发区管理委员会", "武汉东湖高新区管委会"),
    ("成都农村商业银行", "成都农商行"),
    ("中国人民银行", "央行"),
])
def test_a_name_and_its_abbreviation_in_one_article_are_one_entity(full, short):
    ents = entities(f"{full}近日出台措施。{short}有关负责人表示，措施将尽快落地。")
    assert full in ents and short not in ents
    assert short in ents[full].aliases


@pytest.mark.parametrize("text", ["今年一季度公司营收增长两成。", "上半年公司订单同比翻番。"])
def test_a_time_word_before_gongsi_names_no_firm(text):
    assert not any(e.cls == "Enterprise" for e in entities(text).values())


def test_a_long_locative_may_be_part_of_a_name():
    ents = entities("福州东海岸新区管委会近日发文。")  # 东海岸: a locative to jieba
    assert ents["福州东海岸新区管委会"].cls == "GovernmentAgency"


def test_an_unambiguous_short_place_name_is_named_in_full():
    ents = entities("这批货物发往宁波，由当地企业分销。")
    assert ents["宁波市"].cls == "District" and "宁波" in ents["宁波市"].aliases


def test_an_ambiguous_short_place_name_keeps_its_form():
    # 朝阳: a city in Liaoning and districts of Beijing and elsewhere
    ents = entities("公司在朝阳开设门店。")
    assert not any(label.startswith("朝阳") and label != "朝阳" for label in ents)


def test_a_zone_before_a_site_is_a_place_of_its_own():
    ents = entities("公司坐落于成都高新区天府软件园，现有员工800余人。")
    assert ents["成都高新区"].cls == "District" and ents["天府软件园"].cls == "Site"


def test_a_county_listed_after_a_place_is_a_place():
    assert entities("产品销往武汉、仙桃等地。")["仙桃市"].cls == "District"  # (named in full)


def test_a_speaker_named_before_the_title_works_for_the_firm_the_sentence_names():
    text = ("南宁华糖糖业有限公司正开足马力生产。“今年预计产糖15万吨。”韦光明厂长介绍，"
            "公司生产的一级白砂糖主要销往广东。")
    found = facts(text)
    assert ("韦光明", "worksFor", "南宁华糖糖业有限公司") in found
    assert ("南宁华糖糖业有限公司", "produces", "一级白砂糖") in found  # a grade, and 主要 ends the goods


def test_a_latin_acronym_is_no_person():
    from graph.entities import Mention, _plausible
    assert not _plausible(Mention(0, 3, "AGV", "Person", "ner"))  # the tagger's "name" on an acronym
    assert _plausible(Mention(0, 3, "王立新", "Person", "ner"))


@pytest.mark.parametrize("word", ["步行街", "开发区", "产业园"])
def test_a_name_ending_alone_is_no_entity(word):
    from graph.entities import Mention, _plausible
    assert not _plausible(Mention(0, len(word), word, "District", "ner"))


def test_a_title_overlapping_the_name_ending_still_finds_the_employer():
    # 分行行长 is a title of its own, and 分行 also ends the bank's name
    assert ("王明", "worksFor", "中国工商银行宁波分行") in facts("中国工商银行宁波分行行长王明说，贷款增长较快。")


def test_a_bank_branch_by_the_banks_short_name_is_the_same_branch():
    text = "中国工商银行宁波分行向某某纺织公司发放贷款。工行宁波分行行长王明表示满意。"
    ents = entities(text)
    assert "工行宁波分行" in ents["中国工商银行宁波分行"].aliases and "工行宁波分行" not in ents


@pytest.mark.parametrize("text, person", [
    ("来自华北农机装备有限公司的技术员赵强说，订单很多。", "赵强"),
    ("记者采访了华北农机装备有限公司的负责人孙伟，他说订单很多。", "孙伟"),
])
def test_an_employer_joined_to_the_title_by_de(text, person):
    assert (person, "worksFor", "华北农机装备有限公司") in facts(text)


def test_a_long_description_of_one_firm_names_no_group():
    text = "华兴新材料股份有限公司是一家专注于锂电池隔膜研发生产的高新技术企业。"
    assert not any(e.cls == "EnterpriseGroup" for e in entities(text).values())


@pytest.mark.parametrize("rest, runs_on", [("新厂房", True), ("生产", True), ("芜湖分公司", False)])
def test_what_a_tagged_span_adds_after_a_short_form(rest, runs_on):
    from graph.entities import _not_a_name
    assert _not_a_name(rest) is runs_on


def test_a_verb_with_its_direction_glued_on_ends_a_name():
    ents = entities("这批设备由华北重工机械有限公司生产，将交付给中东石油工程有限公司使用。")
    assert "中东石油工程有限公司" in ents and not any(label.startswith("交付") for label in ents)


def test_a_firm_and_its_provincial_branch_are_one_name():
    ents = entities("华泰财产保险有限公司江苏分公司为该批货物提供了保险。")
    assert "华泰财产保险有限公司江苏分公司" in ents and "江苏分公司" not in ents


@pytest.mark.parametrize("text, name", [
    ("中国二重集团有限公司发布公告。", "中国二重集团有限公司"),  # a numeral trade name after 中国
    ("下一步杭州千禾纺织有限公司将扩产。", "杭州千禾纺织有限公司"),  # a numeral word before a place is none
])
def test_a_numeral_trade_name_after_its_place(text, name):
    assert name in {e.label for e in extract_text(text, doc_id="t").entities.values()}


@pytest.mark.parametrize("text", ["海曙财经e公司讯，杭州西溪置业有限公司8月20日晚间公告，公司拟扩产。",
                                  "某某网讯 杭州西溪置业有限公司8月20日公告，公司拟扩产。"])
def test_an_outlet_opening_a_dateline_is_an_organisation_not_a_firm(text):
    ex = extract_text(text, doc_id="t")
    firms = {e.label for e in ex.entities.values() if e.cls == "Enterprise"}
    assert firms == {"杭州西溪置业有限公司"}


@pytest.mark.parametrize("text, zone", [("位于湖南省长沙市湘江新区。", "湘江新区"),
                                        ("位于浙江省宁波市前湾新区。", "前湾新区"),
                                        ("位于潍坊市高新区。", "潍坊市高新区")])  # a bare 高新区 keeps its city
def test_a_new_zone_after_its_province_and_city_is_a_place_of_its_own(text, zone):
    ex = extract_text("宁波海曙纺织有限公司" + text, doc_id="t")
    assert zone in {e.label for e in ex.entities.values() if e.cls == "District"}


@pytest.mark.parametrize("text, place", [("一列中欧班列从满洲里发车，运往俄罗斯新西伯利亚。", "新西伯利亚"),
                                         ("这批纱线将运往德国杜伊斯堡。", "杜伊斯堡")])
def test_cities_abroad_are_places(text, place):
    ex = extract_text(text, doc_id="t")
    assert place in {e.label for e in ex.entities.values() if e.cls == "District"}


@pytest.mark.parametrize("text, site", [
    ("在佛山市顺德区家具产业园，宁波海曙纺织有限公司的生产线正满负荷运转。", "顺德区家具产业园"),  # a trade: the place stays
    ("宁波海曙纺织有限公司位于广东省广州市番禺区万博科学城。", "万博科学城"),  # a name of its own
])
def test_where_a_sites_name_starts(text, site):
    ex = extract_text(text, doc_id="t")
    assert site in {e.label for e in ex.entities.values() if e.cls == "Site"}


@pytest.mark.parametrize("text, place, is_place", [
    ("位于赣州市宁信区的宁波海曙纺织有限公司一度资金紧张。", "宁信区", True),  # newer than the division list
    ("宁波市经开区和宁波市合作区的企业。", "经开区", False),  # a zone
    ("宁波市经开区和宁波市合作区的企业。", "合作区", False),
])
def test_a_district_the_list_does_not_know_after_its_city(text, place, is_place):
    ex = extract_text(text, doc_id="t")
    assert (place in {e.label for e in ex.entities.values() if e.cls == "District"}) == is_place


@pytest.mark.parametrize("text, name", [
    ("宁波海曙数字经济产业园去年开园。", "宁波海曙数字经济产业园"),  # a clause after a park, no sub-park
    ("中关村科技园朝阳园发布公告。", "中关村科技园朝阳园"),
    ("宁波奉化江水务开发有限公司发布公告。", "宁波奉化江水务开发有限公司"),  # 开发 in a firm's trade
])
def test_where_a_name_ends_and_starts(text, name):
    assert name in {e.label for e in extract_text(text, doc_id="t").entities.values()}


def test_law_enforcement_in_general_is_no_entity():
    ex = extract_text("宁波市经信局相关负责人表示，已将相关线索移交公安机关。", doc_id="t")
    assert "公安机关" not in {e.label for e in ex.entities.values()}


def test_a_state_assets_commission_and_its_short_name_are_one_body():
    ex = extract_text("宁波市人民政府国有资产监督管理委员会发布通告。宁波市国资委要求市属国企减租。", doc_id="t")
    assert [e.label for e in ex.entities.values() if e.cls == "GovernmentAgency"] == ["宁波市人民政府国有资产监督管理委员会"]


def test_a_counted_group_keeps_its_name_and_the_counted_form():
    ex = extract_text("宁波市海曙区管委会为150家中小微企业减免租金。", doc_id="t")
    group = next(e for e in ex.entities.values() if e.cls == "EnterpriseGroup")
    assert group.label == "中小微企业" and "150家中小微企业" in group.aliases


@pytest.mark.parametrize("text, group, is_group", [
    ("杭州西溪置业有限公司为36家设计工作室减免租金。", "36家设计工作室", True),
    ("杭州西溪置业有限公司为18家直播体验店减免租金。", "18家直播体验店", True),
    ("宁波海曙纺织有限公司旗下120家门店今年营收增长。", "120家门店", False),  # a firm's own stores
])
def test_counted_kinds_of_tenant(text, group, is_group):
    ex = extract_text(text, doc_id="t")
    assert (group in {e.label for e in ex.entities.values() if e.cls == "EnterpriseGroup"}) == is_group


def test_a_headline_the_tagger_reads_as_an_address_is_no_place():
    ex = extract_text("海曙纺织抱团闯市场\n□本报记者 王明\n宁波海曙纺织有限公司今年订单增长。", doc_id="t")
    assert not any(e.label.endswith("市场") for e in ex.entities.values())


@pytest.mark.parametrize("text, place, is_place", [
    ("宁波海曙纺织有限公司位于泉州台商投资区。", "泉州台商投资区", True),
    ("宁波海曙纺织有限公司落户苏相合作区。", "苏相合作区", True),
    ("国家级示范区建设加快推进。", "国家级示范区", False),  # a rank of zone
    ("宁波海曙纺织有限公司位于中国（浙江）自由贸易试验区宁波片区。", "）自由贸易试验区宁波片区", False),
])
def test_zones_of_more_kinds(text, place, is_place):
    ex = extract_text(text, doc_id="t")
    assert (place in {e.label for e in ex.entities.values() if e.cls == "District"}) == is_place


def test_an_autonomous_county_by_its_short_name():
    ex = extract_text("中国农业银行丽水分行向景宁县鹤溪街道的宁波海曙纺织有限公司发放贷款。", doc_id="t")
    places = {e.label for e in ex.entities.values() if e.cls == "District"}
    assert "景宁县" in places and "宁县" not in places


def test_goods_with_a_size_a_roman_numeral_and_a_bio_park():
    ex = extract_text("河北冀康医疗器械有限公司主要生产12英寸硅晶圆和重组人凝血因子Ⅸ，位于武汉光谷生物城。",
                      doc_id="t")
    by_label = {e.label: e for e in ex.entities.values()}
    assert "硅晶圆" in by_label["12英寸硅晶圆"].aliases  # the goods without their size
    assert by_label["重组人凝血因子Ⅸ"].cls == "Product"
    assert by_label["武汉光谷生物城"].cls == "Site"


def test_bare_gongsi_in_a_paragraph_that_opens_with_a_firm_is_that_firm():
    # the landlord is named more often, but the second paragraph is about the tenant
    text = ("杭州西溪置业有限公司（以下简称“西溪置业”）为承租企业减免租金。\n"
            "宁波海曙纺织有限公司是受益企业之一，在西溪置业名下的厂房租用了2000平方米。"
            "公司总经理王立军说，今年公司还获得了中国建设银行宁波分行500万元贷款。")
    found = facts(text)
    assert ("中国建设银行宁波分行", "lendsTo", "宁波海曙纺织有限公司") in found
    assert ("王立军", "worksFor", "宁波海曙纺织有限公司") in found
    assert ("王立军", "worksFor", "杭州西溪置业有限公司") not in found


@pytest.mark.parametrize("group", ["先进制造业企业", "新入驻企业", "首贷企业", "冷链企业"])
def test_groups_named_by_how_new_advanced_or_served_they_are(group):
    assert entities(f"银行为{group}提供贷款。")[group].cls == "EnterpriseGroup"


@pytest.mark.parametrize("text, town", [("工厂位于张家口市蔚县杨庄窠乡。", "杨庄窠乡"),
                                        ("工厂位于忻州市五台县台城镇。", "台城镇")])
def test_a_town_of_the_national_list_right_after_its_county(text, town):
    ents = entities(text)
    assert ents[town].cls == "District"
    assert not any(name.endswith(town) and name != town for name in ents)  # no 县杨庄窠乡, no 五台县台城镇


@pytest.mark.parametrize("district", ["临平区", "钱塘区"])
def test_districts_created_after_2017_are_listed(district):
    text = f"宁波海曙纺织有限公司将在杭州市{district}建设新工厂。"
    assert ("宁波海曙纺织有限公司", "locatedIn", district) in facts(text)


def test_a_single_verb_before_yu_is_no_part_of_a_government_name():
    ents = entities("公司拟与宁波市人民政府签署投资协议。")
    assert "宁波市人民政府" in ents and not any(name.startswith("拟") for name in ents)


def test_a_supermarket_chain_is_a_firm_and_a_kind_of_supermarket_is_not():
    ents = entities("宁波海曙纺织有限公司已向华东地区的甬鲜汇超市供货，产品还进入了连锁超市和社区超市。")
    assert ents["甬鲜汇超市"].cls == "Enterprise"
    assert not any(name in ents for name in ("连锁超市", "社区超市", "华东地区的甬鲜汇超市"))


def test_a_place_the_tagger_finds_holds_no_de():
    ex = extract_text("产品目前已进入西南地区的蓉优鲜超市。", doc_id="t")
    assert not any("的" in e.label or e.label.endswith("超市") for e in ex.entities.values() if e.cls == "District")


def test_an_economic_zone_is_a_district():
    assert entities("公司计划在青岛董家口经济区新建一座冷库。")["青岛董家口经济区"].cls == "District"


def test_placeholders_of_the_division_tables_are_no_places():
    ents = entities("所在县级行政区域内的市辖区企业，由承租区属国有企业经营用房的商户申请。")
    assert not {"县", "市辖区"} & set(ents)
    assert "承租区属国有企业" not in ents


def test_a_firms_plant_named_by_its_city_is_no_firm():
    ents = entities("首批电机将发往宁波海曙纺织有限公司的宁波工厂。")
    assert "宁波工厂" not in ents and ents["宁波市"].cls == "District"


@pytest.mark.parametrize("text, goods", [
    ("宁波海曙纺织有限公司每年向后者供应大米1.5万吨。", "大米"),  # 大米 is a numeral to jieba
    ("宁波海曙纺织有限公司已通过直播平台销售猕猴桃1.8万吨。", "猕猴桃"),
    ("合作社今年首批1200吨冻牛排骨11月18日装车。", "冻牛排骨"),  # a one-character verb opens it; a date ends it
])
def test_goods_before_or_after_their_amount(text, goods):
    assert entities(text)[goods].cls == "Product"


@pytest.mark.parametrize("text", ["公司每天从周边牧场收购生鲜乳1200吨左右。", "年产能将由800吨提高到1500吨。",
                                  "公司首批出口500吨，每天加工鲜番茄1200吨。"])
def test_amounts_around_no_goods(text):
    assert not {"左右", "提高", "首批"} & set(entities(text))
    assert "鲜番茄" not in entities(text)  # processed raw material is no product of the firm


@pytest.mark.parametrize("name", ["浙江甬锂正极材料有限公司", "宁波海曙未来科技有限公司"])
def test_words_jieba_calls_adverbs_or_times_inside_firm_names(name):
    assert entities(f"公司向{name}供货。")[name].cls == "Enterprise"


@pytest.mark.parametrize("text, zone", [("公司位于广西梧州经济开发区。", "梧州经济开发区"),
                                        ("公司坐落在宁波市经济开发区。", "宁波市经济开发区"),
                                        ("公司位于新疆昌吉回族自治州准东经济技术开发区。", "准东经济技术开发区")])
def test_a_zone_after_its_province_and_city_and_a_city_zone_named_by_its_kind(text, zone):
    assert entities(text)[zone].cls == "District"


def test_short_forms_keep_the_trade_word_and_drop_a_modifier():
    from graph.entities import short_forms
    assert {"甬工铸造", "甬工"} <= short_forms("浙江甬工精密铸造有限公司")
    assert {"禾丰米业", "禾丰"} <= short_forms("五常市禾丰米业有限公司")


def test_du_after_a_one_character_noun_is_part_of_a_firm_name():
    assert entities("公司向鞍山钢都重工有限公司供货。")["鞍山钢都重工有限公司"].cls == "Enterprise"
    assert "宁波海曙纺织有限公司" in entities("产品都由宁波海曙纺织有限公司生产。")


def test_an_amount_before_de_measures_a_facility_not_goods():
    ents = entities("宁波海曙纺织有限公司在集士港镇建了一座5万吨的气调冷库，每年销售面料1.8万吨。")
    assert not any(name.startswith("的") for name in ents)
    assert ents["面料"].cls == "Product"


def test_orders_for_a_festival_or_a_shopping_day_name_no_goods():
    ents = entities("宁波海曙纺织有限公司正加紧赶制“双十一”和春节订单。")
    assert not any(e.cls == "Product" for e in ents.values())


@pytest.mark.parametrize("text, group", [
    ("宁波经济技术开发区管委会则对入驻园区的铝深加工企业，前两年免收标准厂房租金。", "铝深加工企业"),
    ("中国建设银行宁波分行为配套企业发放贷款3亿元。", "配套企业"),
])
def test_the_firms_a_relief_or_a_loan_is_for_are_a_group(text, group):
    assert entities(text)[group].cls == "EnterpriseGroup"


@pytest.mark.parametrize("text", [
    "中国建设银行宁波分行为这家成立不到三年的糕点生产企业发放贷款500万元。",  # one firm, described
    "宁波海曙置业有限公司对旗下商铺租户减免租金。",  # the tenants of a place
    "公司今年为配套企业提供技术培训。",  # no relief, no loan
])
def test_no_group_for_one_firm_described_or_without_relief(text):
    ents = entities(text)
    assert not any(name.endswith(("生产企业", "旗下商铺租户", "配套企业")) for name in ents)
