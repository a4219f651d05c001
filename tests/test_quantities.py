"""Numbers, units, qualifiers and dates read from Chinese news text."""
from datetime import date
from decimal import Decimal

import pytest

from graph.quantities import (Count, DateSpan, Duration, Money, Percentage, Quantity,
                              parse_date_text, parse_number, scan)

REF = date(2020, 3, 1)  # the document date most tests resolve against


def only(text, kind, ref=REF):
    """The single item of ``kind`` that scan finds in ``text``."""
    items = [i for i in scan(text, ref) if isinstance(i, kind)]
    assert len(items) == 1, items
    return items[0]


def assert_offsets(text, items):
    for item in items:
        assert text[item.start:item.end] == item.text
    starts = [i.start for i in items]
    assert starts == sorted(starts)
    for a, b in zip(items, items[1:]):
        assert a.end <= b.start, (a, b)


# --- parse_number --------------------------------------------------------------

@pytest.mark.parametrize("written, value", [
    ("1.2亿", 120000000), ("3000万", 30000000), ("二〇二〇", 2020), ("近百", 100),
    ("十数", 10), ("5000余万", 50000000), ("3.5万亿", 3500000000000),
    ("一百二十万", 1200000), ("两千", 2000), ("1,200", 1200), ("0.5万", 5000),
    ("三点五", Decimal("3.5")), ("１２", 12), ("上千", 1000),
])
def test_parse_number(written, value):
    assert parse_number(written) == Decimal(value)


def test_parse_number_gives_plain_integers_for_whole_values():
    assert str(parse_number("1.2亿")) == "120000000"


@pytest.mark.parametrize("junk", ["", "亿元", "企业", "3亿元"])
def test_parse_number_rejects_what_is_not_one_number(junk):
    with pytest.raises(ValueError):
        parse_number(junk)


# --- money -----------------------------------------------------------------------

@pytest.mark.parametrize("text, value, currency, qualifier", [
    ("超3亿元", 300000000, "CNY", "more-than"),
    ("1.3亿美元", 130000000, "USD", "exact"),
    ("不低于100亿元", 10000000000, "CNY", "at-least"),
    ("约1.2亿元", 120000000, "CNY", "about"),
    ("4000万元", 40000000, "CNY", "exact"),
    ("40万元", 400000, "CNY", "exact"),
    ("5000余万元", 50000000, "CNY", "more-than"),
    ("3.5万亿元", 3500000000000, "CNY", "exact"),
    ("超过2000万欧元", 20000000, "EUR", "more-than"),
    ("逾5亿港元", 500000000, "HKD", "more-than"),
    ("近8000万日元", 80000000, "JPY", "nearly"),
    ("高达600万英镑", 6000000, "GBP", "up-to"),
    ("不超过500万元", 5000000, "CNY", "at-most"),
    ("不足10万元", 100000, "CNY", "less-than"),
    ("3亿元以上", 300000000, "CNY", "more-than"),
    ("2亿元左右", 200000000, "CNY", "about"),
    ("3亿元人民币", 300000000, "CNY", "exact"),
    ("数十亿元", 1000000000, "CNY", "more-than"),
    ("一百余万元", 1000000, "CNY", "more-than"),
    ("2亿多元", 200000000, "CNY", "more-than"),
    ("1,000万元", 10000000, "CNY", "exact"),
])
def test_money(text, value, currency, qualifier):
    money = only(text, Money)
    assert (money.value, money.currency, money.qualifier) == (Decimal(value), currency, qualifier)
    assert money.text == text


# --- quantities and counts -------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("50万人份", 500000, "人份"), ("40万支", 400000, "支"), ("300套", 300, "套"),
    ("3000万台", 30000000, "台"), ("10万份", 100000, "份"), ("20万只", 200000, "只"),
    ("1.5吨", Decimal("1.5"), "吨"), ("两千箱", 2000, "箱"), ("5000平米", 5000, "平方米"),
    ("20GWh", 20, "吉瓦时"), ("5MW", 5, "兆瓦"),
])
def test_quantity(text, value, unit):
    quantity = only(text, Quantity)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (Decimal(value), unit, "exact")


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("7000余家", 7000, "家", "more-than"), ("近百家", 100, "家", "nearly"),
    ("2400家", 2400, "家", "exact"), ("500余户", 500, "户", "more-than"),
    ("不少于30家", 30, "家", "at-least"), ("上千家", 1000, "家", "about"),
    ("十数家", 10, "家", "more-than"), ("100多家", 100, "家", "more-than"),
    ("1.2万户", 12000, "户", "exact"), ("200名", 200, "名", "exact"),
    ("1000家以上", 1000, "家", "more-than"), ("两家", 2, "家", "exact"),
])
def test_count(text, value, unit, qualifier):
    count = only(text, Count)
    assert (count.value, count.unit, count.qualifier) == (value, unit, qualifier)
    assert isinstance(count.value, int)


def test_goods_and_beneficiaries_are_told_apart():
    text = "为2400家企业送去150套设备"
    kinds = [(type(i), i.value) for i in scan(text, REF)]
    assert kinds == [(Count, 2400), (Quantity, Decimal(150))]


@pytest.mark.parametrize("text", [
    "第3家企业", "一家医疗设备企业", "千家万户", "3号线", "出台18条措施", "3个百分点",
])
def test_not_counts(text):
    assert not [i for i in scan(text, REF) if isinstance(i, (Count, Quantity))]


def test_cue_that_belongs_to_another_word_is_not_a_qualifier():
    count = only("线上1000家商户", Count)
    assert (count.qualifier, count.text) == ("exact", "1000家")
    assert only("1000家上下游企业", Count).qualifier == "exact"
    duration = only("最近3个月", Duration)
    assert (duration.qualifier, duration.text) == ("exact", "3个月")


# --- percentages -------------------------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier", [
    ("50%", "0.5", "exact"), ("3.5%", "0.035", "exact"), ("百分之三十", "0.3", "exact"),
    ("百分之50", "0.5", "exact"), ("约50%左右", "0.5", "about"), ("５０％", "0.5", "exact"),
    ("九成以上", "0.9", "more-than"), ("五折", "0.5", "exact"), ("超过80%", "0.8", "more-than"),
    ("达到90%", "0.9", "up-to"),
])
def test_percentage(text, value, qualifier):
    share = only(text, Percentage)
    assert (share.value, share.qualifier, share.text) == (Decimal(value), qualifier, text)


@pytest.mark.parametrize("text", ["企业成立三年", "一波三折", "完成"])
def test_words_ending_in_cheng_or_zhe_are_not_shares(text):
    assert not [i for i in scan(text, REF) if isinstance(i, Percentage)]


# --- dates -------------------------------------------------------------------------

D = date


@pytest.mark.parametrize("text, first, last", [
    ("2月27日", D(2020, 2, 27), D(2020, 2, 27)),
    ("2020年2月27日", D(2020, 2, 27), D(2020, 2, 27)),
    ("2019年12月8日", D(2019, 12, 8), D(2019, 12, 8)),
    ("2020年2月", D(2020, 2, 1), D(2020, 2, 29)),
    ("2月份", D(2020, 2, 1), D(2020, 2, 29)),
    ("二〇二〇年二月", D(2020, 2, 1), D(2020, 2, 29)),
    ("二月二十八日", D(2020, 2, 28), D(2020, 2, 28)),
    ("1月24日起", D(2020, 1, 24), None),
    ("3月31日前", None, D(2020, 3, 31)),
    ("截至2月底", None, D(2020, 2, 29)),
    ("一季度", D(2020, 1, 1), D(2020, 3, 31)),
    ("第一季度", D(2020, 1, 1), D(2020, 3, 31)),
    ("前三季度", D(2020, 1, 1), D(2020, 9, 30)),
    ("2021年二季度", D(2021, 4, 1), D(2021, 6, 30)),
    ("上半年", D(2020, 1, 1), D(2020, 6, 30)),
    ("今年下半年", D(2020, 7, 1), D(2020, 12, 31)),
    ("今年", D(2020, 1, 1), D(2020, 12, 31)),
    ("去年", D(2019, 1, 1), D(2019, 12, 31)),
    ("去年12月", D(2019, 12, 1), D(2019, 12, 31)),
    ("2020年", D(2020, 1, 1), D(2020, 12, 31)),
    ("昨日", D(2020, 2, 29), D(2020, 2, 29)),
    ("今天", D(2020, 3, 1), D(2020, 3, 1)),
    ("前天", D(2020, 2, 28), D(2020, 2, 28)),
    ("2月20日至3月31日", D(2020, 2, 20), D(2020, 3, 31)),
    ("2月20日至25日", D(2020, 2, 20), D(2020, 2, 25)),
    ("1-2月", D(2020, 1, 1), D(2020, 2, 29)),
    ("2020-02-27", D(2020, 2, 27), D(2020, 2, 27)),
    ("2020.2.27", D(2020, 2, 27), D(2020, 2, 27)),
    ("2020/2/27", D(2020, 2, 27), D(2020, 2, 27)),
    ("18日", D(2020, 3, 18), D(2020, 3, 18)),
    ("本月18日", D(2020, 3, 18), D(2020, 3, 18)),
    ("上个月", D(2020, 2, 1), D(2020, 2, 29)),
    ("2月下旬", D(2020, 2, 21), D(2020, 2, 29)),
])
def test_dates(text, first, last):
    span = only(text, DateSpan)
    assert (span.start_date, span.end_date, span.text) == (first, last, text)


def test_relative_dates_follow_the_reference_date():
    ref = date(2021, 1, 1)
    assert only("昨日", DateSpan, ref).start_date == date(2020, 12, 31)
    assert only("上月", DateSpan, ref).start_date == date(2020, 12, 1)
    assert only("2月27日", DateSpan, date(2019, 5, 1)).start_date == date(2019, 2, 27)


@pytest.mark.parametrize("text", ["2月27日", "今年", "18日", "一季度", "昨天"])
def test_dates_without_a_reference_still_span_but_do_not_resolve(text):
    span = only(text, DateSpan, ref=None)
    assert (span.start_date, span.end_date, span.text) == (None, None, text)


def test_explicit_year_needs_no_reference():
    span = only("2020年2月27日", DateSpan, ref=None)
    assert span.start_date == span.end_date == date(2020, 2, 27)


def test_impossible_date_spans_without_resolving():
    span = only("2月30日", DateSpan)
    assert (span.start_date, span.end_date) == (None, None)


@pytest.mark.parametrize("text", ["出台18条措施", "增长50%", "1月20日前往", "30日内办结", "1号楼"])
def test_not_dates(text):
    spans = [i for i in scan(text, REF) if isinstance(i, DateSpan)]
    if text == "1月20日前往":  # a date, but 前往 (go to) does not make it "before"
        assert [(s.text, s.start_date, s.end_date) for s in spans] == \
            [("1月20日", D(2020, 1, 20), D(2020, 1, 20))]
    else:
        assert spans == []


# --- durations -----------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("半年", "0.5", "year"), ("3个月", "3", "month"), ("一年半", "1.5", "year"),
    ("两年", "2", "year"), ("15天", "15", "day"), ("半个月", "0.5", "month"),
    ("5个工作日", "5", "day"),
])
def test_duration(text, value, unit):
    duration = only(text, Duration)
    assert (duration.value, duration.unit, duration.text) == (Decimal(value), unit, text)


def test_half_year_is_not_confused_with_first_half():
    items = scan("上半年减免半年租金", REF)
    assert [type(i) for i in items] == [DateSpan, Duration]
    assert items[0].end_date == date(2020, 6, 30)


# --- whole sentences -------------------------------------------------------------------

def test_rent_sentence():
    text = "据介绍，该区国有企业今年已为3200余家中小微企业减免租金超2.6亿元，减免比例达50%。"
    items = scan(text, REF)
    assert_offsets(text, items)
    assert [type(i) for i in items] == [DateSpan, Count, Money, Percentage]
    year, firms, money, share = items
    assert (year.start_date, year.end_date) == (date(2020, 1, 1), date(2020, 12, 31))
    assert (firms.value, firms.unit, firms.qualifier, firms.text) == (3200, "家", "more-than", "3200余家")
    assert (money.value, money.currency, money.qualifier) == (Decimal(260000000), "CNY", "more-than")
    assert (share.value, share.qualifier) == (Decimal("0.5"), "up-to")


def test_loan_sentence():
    text = ("3月5日，某农商银行向辖内近200户个体工商户发放复工贷款共计1.8亿元，"
            "其中单户最高500万元，利率下调百分之二十。")
    items = scan(text, date(2020, 3, 10))
    assert_offsets(text, items)
    assert [type(i) for i in items] == [DateSpan, Count, Money, Money, Percentage]
    day, households, total, cap, cut = items
    assert day.start_date == day.end_date == date(2020, 3, 5)
    assert (households.value, households.unit, households.qualifier) == (200, "户", "nearly")
    assert (total.value, total.qualifier, total.text) == (Decimal(180000000), "exact", "1.8亿元")
    assert (cap.value, cap.qualifier, cap.text) == (Decimal(5000000), "at-most", "最高500万元")
    assert (cut.value, cut.text) == (Decimal("0.2"), "百分之二十")


def test_supply_sentence():
    text = ("2月10日至2月20日，一家药企向疫区医院捐赠检测试剂10万人份、防护服2万件，"
            "价值约1300万元，并计划下半年再增产3000万支。")
    items = scan(text, REF)
    assert_offsets(text, items)
    summary = [(type(i).__name__, i.text) for i in items]
    assert summary == [("DateSpan", "2月10日至2月20日"), ("Quantity", "10万人份"),
                       ("Quantity", "2万件"), ("Money", "约1300万元"),
                       ("DateSpan", "下半年"), ("Quantity", "3000万支")]
    assert (items[0].start_date, items[0].end_date) == (date(2020, 2, 10), date(2020, 2, 20))
    assert items[1].value == Decimal(100000) and items[1].unit == "人份"
    assert items[3].qualifier == "about"
    assert items[5].value == Decimal(30000000)


def test_offsets_survive_full_width_digits():
    text = "共计１２０万元，惠及３００家企业"
    items = scan(text, REF)
    assert_offsets(text, items)
    assert [(type(i), i.value) for i in items] == [(Money, Decimal(1200000)), (Count, 300)]


# --- document dates ------------------------------------------------------------------

@pytest.mark.parametrize("line, day", [
    ("2020年2月28日", D(2020, 2, 28)), ("2020-02-28", D(2020, 2, 28)),
    ("2020/2/28", D(2020, 2, 28)), ("二〇二〇年二月二十八日", D(2020, 2, 28)),
    ("发布时间：2020年02月28日 10:20", D(2020, 2, 28)), ("2020年2月28日 星期五", D(2020, 2, 28)),
])
def test_parse_date_text(line, day):
    assert parse_date_text(line) == day


@pytest.mark.parametrize("line", ["2月28日", "本报记者", "2020年2月", ""])
def test_parse_date_text_needs_a_full_date(line):
    assert parse_date_text(line) is None


def test_bare_day_takes_the_month_of_the_last_date_named():
    text = "1月17日接到通知，18日晚上出发，20日晚回到单位。"
    days = [i.start_date for i in scan(text, REF) if isinstance(i, DateSpan)]
    assert days == [date(2020, 1, 17), date(2020, 1, 18), date(2020, 1, 20)]


@pytest.mark.parametrize("text", ["原本年产量400万支", "大年三十当天"])
def test_words_that_only_look_like_relative_dates(text):
    assert not [i for i in scan(text, REF) if isinstance(i, DateSpan)]


def test_hours_are_durations_not_counts():
    duration = only("每天工作16个小时", Duration)
    assert (duration.value, duration.unit) == (Decimal(16), "hour")
