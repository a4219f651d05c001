"""Mentions -> entities: find names, type them, link short forms and pronouns.

Sources of mentions, each a small function returning Mention candidates:
  - the trained tagger (graph.ner), when its model is installed;
  - organisation endings (data/dict/org_suffixes.tsv) with a left boundary found
    on jieba tokens;
  - gazetteers: banks, the central bank, administrative divisions, groups of firms
    (listed, or named by their trade: 的食品饮料企业), names before a stock code;
  - people named with their role (据…总经理张某介绍) and product phrases.
Overlaps are resolved longest-first; then aliases (（简称“X”）), derived short
forms of full names, abbreviations of name parts (data/dict/abbreviations.tsv:
管委会, 农商行), a place's short and full name, and pronouns (该公司, 该行,
bare 公司 for the firm the article is about) join mentions into entities.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from . import quantities
from .ner.features import surnames
from .nlp import is_dateline, tokenizer
from .rdf import entity_key, normalise_name
from .resources import read_lines
from .types import (BANK, DISTRICT, ENTERPRISE, GOVERNMENT, GROUP, ORGANIZATION, PERSON, PRODUCT,
                    Document, Entity, Mention, Sentence)

SITE = "Site"
ORG_CLASSES = (ENTERPRISE, BANK, GOVERNMENT, ORGANIZATION)
# Preference when two sources give one span different classes.
CLASS_RANK = {BANK: 0, GOVERNMENT: 1, ENTERPRISE: 2, ORGANIZATION: 3, GROUP: 4, SITE: 5,
               DISTRICT: 6, PERSON: 7, PRODUCT: 8}
_SOURCE_RANK = {"alias": 0, "gazetteer": 1, "suffix": 2, "role": 2, "ner": 3, "product": 4,
                "short": 5, "coref": 6}

CJK = "\u4e00-\u9fff"
# a unit of a body: 生产部, 研发中心, 党委
_UNIT_NAME = f"(?:[{CJK}]{{1,4}}(?:部|中心|处|科|室|办|事业部)|党委|党支部|工会|团委)"
NAME_CHARS = f"{CJK}A-Za-z0-9α-ωΑ-Ω·&（）()\\-"
_PAREN = str.maketrans("()", "（）")


# ---------------------------------------------------------------- dictionaries

@dataclass(frozen=True)
class Lexicon:
    suffixes: tuple[tuple[str, str], ...]  # (ending, class), longest first
    banks: dict[str, str]  # name or short form -> full name
    enterprises: dict[str, str]  # well-known firms: name or short form -> full name
    government_names: frozenset[str]  # the central bank and regulators
    organizations: frozenset[str]  # news agencies, national associations
    divisions: dict[str, str]  # name -> level
    groups: tuple[str, ...]
    pronouns: dict[str, tuple[str, ...]]
    pronoun_contexts: dict[str, re.Pattern]  # where a pronoun counts, if not everywhere
    roles: tuple[str, ...]
    product_heads: tuple[str, ...]
    generic_heads: frozenset[str]
    boundaries: frozenset[str]
    legal_forms: tuple[str, ...]
    industry_words: tuple[str, ...]
    group_modifiers: tuple[str, ...]
    group_heads: tuple[str, ...]
    product_cues: tuple[str, ...]
    product_stops: tuple[str, ...]
    non_products: tuple[str, ...]
    generic_references: frozenset[str]  # 政府, 区政府: a kind of body, not one body


def _tsv(name: str) -> list[list[str]]:
    return [line.split("\t") for line in read_lines(name)]


@cache
def _division_rows() -> tuple[tuple[str, ...], ...]:
    """(adcode, name, short name, level) of every division, read once."""
    return tuple(tuple(row) for row in _tsv("dict/divisions.tsv"))


@cache
def _ethnic_names() -> tuple[str, ...]:
    return tuple(sorted(read_lines("dict/ethnic_groups.txt"), key=len, reverse=True))


def _without_ethnic_names(short: str) -> str:
    """海西蒙古族藏族 -> 海西, 博尔塔拉蒙古 -> 博尔塔拉."""
    names = _ethnic_names()
    stripped = True
    while stripped:
        stripped = False
        for ethnic in names:
            for form in (ethnic + "族", ethnic):
                if short.endswith(form) and len(short) - len(form) >= 2:
                    short, stripped = short[:-len(form)], True
                    break
            if stripped:
                break
    return short


@cache
def lexicon() -> Lexicon:
    banks: dict[str, str] = {}
    for row in _tsv("dict/banks.txt"):
        full = row[0].strip()
        banks[full] = full
        for short in (row[1].split(",") if len(row) > 1 else []):
            if short.strip():
                banks[short.strip()] = full
    enterprises: dict[str, str] = {}
    for row in _tsv("dict/enterprises.tsv"):
        enterprises[row[0]] = row[0]
        for short in (row[1].split(",") if len(row) > 1 else []):
            if short.strip():
                enterprises[short.strip()] = row[0]
    divisions = {}
    for code, name, short, level in _division_rows():
        divisions[name] = level
        # Short forms of provinces and cities (北京, 武汉) are safe; of counties they are not.
        if short and level in ("province", "city"):
            divisions.setdefault(short, level)
        if name.endswith("自治州"):  # 海西蒙古族藏族自治州 is 海西州 in the news
            divisions.setdefault(_without_ethnic_names(short) + "州", level)
        if name.endswith("自治县") and len(_without_ethnic_names(short)) >= 2:  # 澜沧拉祜族自治县 is 澜沧县
            divisions.setdefault(_without_ethnic_names(short) + "县", level)
        if level == "county" and name.endswith("县") and len(short) >= 2:
            # counties made cities since the list was made (长垣县 -> 长垣市); not made
            # districts: 安新区 would be read inside 雄安新区
            divisions.setdefault(short + "市", level)
    for country in read_lines("dict/countries.txt"):  # (places too: 出口到德国和日本)
        divisions.setdefault(country, "country")
    for city in (c for line in read_lines("dict/world_cities.txt") for c in line.split()):
        divisions.setdefault(city, "city abroad")  # (运往俄罗斯莫斯科)
    by_len = lambda words: tuple(sorted(words, key=lambda w: (-len(w), w)))
    suffixes = tuple(sorted(((r[0], r[1]) for r in _tsv("dict/org_suffixes.tsv")),
                            key=lambda r: (-len(r[0]), r[0])))
    return Lexicon(
        suffixes=suffixes,
        banks=banks,
        enterprises=enterprises,
        government_names=frozenset(read_lines("dict/central_bank.txt")),
        organizations=frozenset(read_lines("dict/organizations.txt")),
        divisions=divisions,
        groups=by_len(read_lines("dict/groups.txt")),
        pronouns={r[0]: tuple(r[1].split(",")) for r in _tsv("dict/pronouns.tsv")},
        pronoun_contexts={r[0]: re.compile(r[2]) for r in _tsv("dict/pronouns.tsv") if len(r) > 2},
        roles=by_len(read_lines("dict/roles.txt")),
        product_heads=by_len(read_lines("dict/product_heads.txt")),
        generic_heads=frozenset({"产品", "设备", "装备", "药品", "药物", "物资", "商品", "货物", "新品", "用品", "材料"}),
        boundaries=frozenset(read_lines("dict/name_boundaries.txt")),
        legal_forms=by_len(read_lines("dict/legal_forms.txt")),
        industry_words=by_len(read_lines("dict/industry_words.txt")),
        group_modifiers=by_len(read_lines("dict/group_modifiers.txt")),
        group_heads=by_len(read_lines("dict/group_heads.txt")),
        product_cues=by_len(read_lines("dict/product_cues.txt")),
        product_stops=by_len(read_lines("dict/product_stops.txt")),
        non_products=tuple(read_lines("dict/non_products.txt")),
        generic_references=frozenset(read_lines("dict/generic_references.txt")),
    )


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of ``words``, the longest where several start at one place.

    Written as a trie (北京(?:市)?|...) rather than one alternative per word:
    the same matches as an alternation sorted longest first, but the regex
    engine follows one branch per character instead of trying 3,500 names."""
    trie: dict = {}
    for word in words:
        if word:  # an empty word would match everywhere
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = {}
    return re.compile(_trie_regex(trie) or "(?!)")


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# ---------------------------------------------------------------- finders

_DATE = re.compile(r"\d+[年月日号]|[一二三四]季度|[上下]半年|\d+(?:\.\d+)?(?:余|多)?万?[家户个]")  # dates and counts (18家银行)


_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+")


def _left_boundary(text: str, end: int, lo: int, cls: str | None = None) -> int:
    """Walk left from ``end`` over jieba words that can be part of a name.

    Stops at punctuation, at function words (的, 在, 向, 与 ...), at words in
    data/dict/name_boundaries.txt (企业, 一家, 启动 ...) and at nouns that name
    what the firm is to someone (子公司, 上市公司, 餐饮企业: an apposition, not
    part of the name), never before ``lo``.
    """
    lex = lexicon()
    chunk = text[lo:end]
    m = re.search(f"[^{NAME_CHARS}]", chunk[::-1])
    if m:
        chunk = chunk[len(chunk) - m.start():]
    close = max(chunk.rfind("）"), chunk.rfind(")"))
    if close >= 0 and not re.search("[（(]", chunk[:close]):
        chunk = chunk[close + 1:]  # （记者 某某）国家某某局: a bracket closed before the name
    opened = max(chunk.rfind("（"), chunk.rfind("("))
    if opened >= 0 and not re.search("[）)]", chunk[opened:]):
        chunk = chunk[opened + 1:]  # 某某（某某公司总经理）: a bracket opened before the name
    dates = list(_DATE.finditer(chunk))
    if dates:  # a date or a count is never part of a name (5月20日发往某某医院, 1380户合作社)
        chunk = chunk[dates[-1].end():]
    start = end - len(chunk)
    words = list(tokenizer().cut(chunk, HMM=False))
    pos = end
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in ("和", "与") and cls in (GOVERNMENT, ORGANIZATION) and i > 0 and len(words[i - 1]) > 1 \
                and not words[i - 1].endswith(_AGENCY_ENDS + _org_endings()) and not _is_apposition(words[i - 1]) \
                and words[i - 1] not in lex.boundaries and not _is_function_word(words[i - 1]):
            pos -= 1  # 工业和信息化局, 餐饮与美食行业协会: one body, not two (拟与某市政府: no word)
            continue
        if cls == ENTERPRISE and i > 0 and _is_number_word_in_name(word) and not _COUNTED.fullmatch(word) \
                and (words[i - 1] in _NAME_PARTS or _place_start_pattern().fullmatch(words[i - 1])):
            pos -= len(word) + len(words[i - 1])  # 中国一重集团, 青岛四方机车: a numeral trade name after its place
            break
        if word == "都" and i > 0 and len(words[i - 1]) == 1 and _word_tags().get(words[i - 1], "") == "n":
            pos -= 1  # 镁都, 瓷都: "the capital of" a thing, one word with the noun before it
            continue
        if _ORDINAL.fullmatch(word) and i > 0:
            known = _known_firm_ending_at(text, max(start, pos - len(word) - 8), pos - len(word))
            if known:  # 中国建筑 + 第八工程局有限公司: a unit of a known group, numbered
                pos = known.start()
                break
        if len(word) > 1 and word[0] in _PREPOSITIONS and _crosses_into_place(text, pos - len(word) + 1, pos):
            pos -= len(word) - 1  # 向上海某某公司: jieba cut 向上 + 海某, the place starts inside the word
            break
        if (word in lex.boundaries and word not in _industry_words()) or word in _time_words() \
                or _is_function_word(word, cls == PRODUCT) and not (cls == DISTRICT and _is_number_word_in_name(word)) \
                or _is_apposition(word, cls) and not _is_place_word_after_place(words, i) or _ends_in_direction(word):
            break  # (制造 stops a name after 开始制造, but is part of 某某装备制造有限公司)
        if len(word) > 1 and word[0] in _PREPOSITIONS and \
                (word not in tokenizer().FREQ or i > 0 and words[i - 1].endswith(_org_endings())):
            pos -= len(word) - 1  # jieba glued a preposition to a name (向市人社局, 某某银行对华…)
            break
        pos -= len(word)
    pos = max(pos, start)
    if cls != PRODUCT:
        pos = _extend_to_place(text, start, pos, words, end)
        pos -= _known_firm_before_place(text, start, pos)
    return pos


@cache
def _time_words() -> frozenset[str]:
    """去年, 近日: a time word ends a name (某某产业园去年开园 holds no name 某某产业园去年开园)."""
    return frozenset(line.split("\t")[0] for line in read_lines("dict/relative_dates.tsv")) | \
        {"近日", "日前", "目前", "此前", "近期", "当前", "年初", "年底", "年内", "同期", "当天", "当日"}


def _crosses_into_place(text: str, at: int, word_end: int) -> bool:
    place = _place_start_pattern().match(text, at)
    return place is not None and place.end() > word_end


def _is_place_word_after_place(words: list[str], i: int) -> bool:
    """宁夏塞上某某公司, 江苏海上某某公司: a word jieba calls a location is part of the
    name right after a place; a relational one (省内, 市外, 当地) is not."""
    return i > 0 and _word_tags().get(words[i]) == "s" and words[i][-1] not in "内外里中边下旁前后底处地" \
        and _place_start_pattern().fullmatch(words[i - 1]) is not None


def _known_firm_before_place(text: str, start: int, pos: int) -> int:
    """The length of a known firm's short form right before a place that opens
    the name: 国网 + 某省电力公司, 中车 + 某市某某车辆有限公司 (a subsidiary's name)."""
    if not _place_start_pattern().match(text, pos):
        return 0
    known = _known_firm_ending_at(text, max(start, pos - 6), pos)
    return len(known.group()) if known else 0


def _known_firm_ending_at(text: str, lo: int, at: int) -> re.Match | None:
    """A well-known firm's name or short form in text[lo:at] that ends right at ``at``."""
    known = _known_firm_pattern().search(text, lo, at)
    while known and known.end() != at:
        known = _known_firm_pattern().search(text, known.start() + 1, at)
    return known


@cache
def _known_firm_pattern() -> re.Pattern:
    """Well-known firms by name or short form (data/dict/enterprises.tsv), longest first."""
    return _pattern(tuple(sorted((k for k in lexicon().enterprises if len(k) >= 2), key=len, reverse=True)))


def _ends_in_direction(word: str) -> bool:
    """交付给, 销往, 运至: a verb with its direction glued on (jieba: one word) ends a name."""
    return len(word) >= 2 and word[-1] in "给往至" and _word_tags().get(word, "") in ("v", "vn")


def _extend_to_place(text: str, start: int, pos: int, words: list[str], end: int) -> int:
    """jieba tags many trade-name words as verbs (远航, 超市), which stops the walk
    too early. When the words further left hold no real function word and
    begin with a place name (合肥百味鲜超市有限公司), the name starts there."""
    lex = lexicon()
    hard = end
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if _place_start_pattern().fullmatch(word):
            hard -= len(word)  # a place name, whatever jieba tags it (正定 'd')
            continue
        if len(word) == 1 and word in _PREPOSITIONS and i > 0 and _place_start_pattern().fullmatch(words[i - 1]):
            hard -= 1  # a place name then 和/与 and a trade name: 浙江和美置业, not 和 + 美置业
            continue
        if (word in lex.boundaries and word not in _industry_words()) or _is_apposition(word) or \
                _is_function_word(word, in_product=True) and _word_tags().get(word, "") not in ("v", "vn") \
                and not _is_number_word_in_name(word) or _ends_in_direction(word):  # (从某镇迁至某镇)
            break  # (an industry word such as 制造 is a boundary verb elsewhere, but part of 某某装备制造集团)
        hard -= len(word)
    hard = max(hard, start)
    if hard >= pos:
        return pos
    place = _place_start_pattern().search(text, hard, pos)
    if place is None or _ending_pattern().search(text, place.end(), pos):
        return pos  # never across another name's ending (某某银行某某分行为某某公司)
    return place.start()


_COUNTED = re.compile("[一二两三四五六七八九十百千万]+[座台套条件项处栋间幢辆艘架只款种批]")  # 一座 (新建一座工厂)


def _is_number_word_in_name(word: str) -> bool:
    """四方, 九州, 万向: a numeral word jieba tags 'm' that trade names use; not a
    count (两家, 多个) or a plain number."""
    return len(word) >= 2 and _word_tags().get(word) == "m" and word[-1] not in "家个批些位名种户次年月日号成倍" \
        and not re.fullmatch(r"[\d.一二三四五六七八九十百千万亿两几多余]+", word)


# Endings of agency names: a 和 right after one joins two agencies (市商务局和市场监管局).
_AGENCY_ENDS = ("局", "委", "厅", "办", "部", "会", "院", "府", "处", "所")


def _is_apposition(word: str, cls: str = ENTERPRISE) -> bool:
    """A noun that says what the named firm is (全资子公司, 连锁餐饮企业, 上市公司),
    or a locative (国内, 当地): it stands before the name and is never part of
    it. (A site's name may hold a locative: 金沙海岸购物中心; and any name a
    longer one: 青岛西海岸新区.)"""
    return len(word) >= 2 and word.endswith(("公司", "企业")) or len(word) == 2 and word[1] == "企" or \
        (_word_tags().get(word) == "s" and cls != SITE and len(word) <= 2)


_EXAMPLE_WORDS = ("比如", "例如", "譬如", "包括", "其中", "像是")


def _cut_leading_verb(name: str) -> str:
    """访重庆某某管委会, 比如重庆某某公司, 经市政府: a verb or an example word the
    walk took in before a place (or 经 before 市/区: 经市政府同意) is no part of the name."""
    if name[:1] == "经" and name[1:2] in ("省", "市", "区", "县"):
        return name[1:]
    if name[:2] in _EXAMPLE_WORDS and _place_start_pattern().match(name, 2):
        return name[2:]
    if _place_start_pattern().match(name, 1) and _word_tags().get(name[0], "") in ("v", "p", "c", "d") \
            and _first_word(name) == name[0]:  # (only where a place follows: jieba is cut here seldom)
        return name[1:]
    cue = _MAKING_CUE.match(name)
    if cue and len(name) - cue.end() >= 4 and _first_word(name) == cue.group():
        return name[cue.end():]  # 主营智慧医院管理软件: what a firm makes, not a name that starts so
    return name


_MAKING_CUE = re.compile("主营|主要生产|专业生产|生产|研发|研制|制造|推出")


def _cut_at_division(name: str) -> str:
    """房东西安某某集团有限公司 -> 西安某某集团有限公司.

    A registered name starts with its place (省/市) or its trade name. When a
    place name appears inside the span after a common noun (房东, 运营方, 子公司),
    that noun is an apposition and the name starts at the place.
    """
    for m in _division_pattern().finditer(name):
        if m.start() == 0:
            continue
        prefix = name[:m.start()]
        if _division_pattern().fullmatch(prefix) or prefix in _NAME_PARTS or prefix.endswith(("集团", "中国")) \
                or _known_firm_pattern().fullmatch(prefix):
            continue  # (国网 + 某省电力公司: a known firm's subsidiary)
        if prefix.endswith(_org_endings()):
            return name  # a branch of a named body: 某某银行河南省分行, 某某集团四川分公司
        if len(name) - m.start() < 5 or re.search(r"[（(][^）)]*$", prefix):
            continue
        last = list(tokenizer().cut(prefix, HMM=False))[-1]
        if _word_tags().get(last, "") in ("n", "vn", "s", "f") or last in "方东主商" \
                or _word_tags().get(last) == "ns" and not _place_start_pattern().fullmatch(last):
            return name[m.start():]  # (惠及 is a place to jieba, but no division: 惠及杭州某某公司)
        break
    return name


_PREPOSITIONS = set("向为对与和在据从给由被将把跟及或以于")
# ("mq" is left out: jieba gives it to nouns such as 零部件.)
_BOUNDARY_TAGS = {"p", "uj", "ul", "uz", "ud", "ug", "uv", "c", "d", "r", "f", "q", "y", "e", "o",
                  "t", "m", "zg", "u", "l", "v", "vd", "ad"}


@cache
def _ending_pattern() -> re.Pattern:
    """The endings of organisation and place names (data/dict/org_suffixes.tsv)."""
    return _pattern(tuple(sfx for sfx, _ in lexicon().suffixes))


@cache
def _word_tags() -> dict[str, str]:
    import jieba.posseg
    return jieba.posseg.dt.word_tag_tab if hasattr(jieba.posseg.dt, "word_tag_tab") else {}


def _is_function_word(word: str, in_product: bool = False) -> bool:
    """Words that end a name on its left: function words and verbs (by jieba's dictionary tag).

    Single characters count only from a short explicit list: unknown names are
    often cut into single characters that jieba happens to tag as function words.
    Product names are looser: they contain verbs (体温筛查系统, 红外成像测温仪),
    so there only function words stop them, and single-character verbs (戴口罩).
    """
    if len(word) == 1:
        if in_product and _word_tags().get(word, "") == "v":
            return True
        return word in _PREPOSITIONS or word in "的了是在有也都又并还已就即着过让使被出到往至称像" \
            or (word == "等" and not in_product)  # (公告称某某公司…, 像某某公司这样…)
    tags = _PRODUCT_BOUNDARY_TAGS if in_product else _BOUNDARY_TAGS
    # industry words (控股, 投资, 发展) are verbs to jieba but parts of firm names
    return _word_tags().get(word, "") in tags and word not in _NAME_PARTS and word not in _industry_words()


_PRODUCT_BOUNDARY_TAGS = {"p", "uj", "ul", "uz", "ud", "ug", "uv", "c", "d", "r", "t", "y", "e", "o",
                          "m", "zg", "u", "ad", "f", "q"}


# Words jieba tags as function words that still occur inside names.
_NAME_PARTS = {"中国", "中关村", "国家", "东方", "南方", "北方", "西部", "东部", "中部", "华东", "华南", "华北",
               "华中", "西南", "西北", "东北", "天下", "一汽", "第一", "人民", "首都", "全国",
               "正极", "负极", "未来", "现代", "前沿"}  # (某某正极材料有限公司, 某某未来科技有限公司)


_GOODS_FOR = re.compile("(?:管理|信息化?|服务|专用|用)?(?:软件|系统|平台)")


def suffix_mentions(text: str) -> list[Mention]:
    """Names ending in an organisation or place ending: 某某科技有限公司, 某某局."""
    lex = lexicon()
    found = []
    for m in _ending_pattern().finditer(text):
        end = m.end()
        if text[end - 1:end + 1] in lex.roles:
            continue  # the 局 of 局长, the 部 of 部长: a title, not a name's ending
        if len(m.group()) == 1 and m.start() > 0 and text[m.start() - 1] not in "省市县区州乡村镇" \
                and _word_tags().get(text[m.start() - 1:end], "") in ("n", "v", "vn", "a", "an") \
                and _word_around(text, m.start(), max(0, m.start() - 3)) == text[m.start() - 1:end]:
            continue  # 布局, 格局, 餐厅: the ending is the last character of a common word (市委 is a body)
        if _GOODS_FOR.match(text, end):
            continue  # 智慧医院管理软件, 学校信息系统: goods for such a body, no body
        cls = dict(lex.suffixes)[m.group()]
        start = _left_boundary(text, m.start(), max(0, m.start() - 30), cls)
        name = _cut_at_division(_cut_leading_verb(text[start:end]))
        start = end - len(name)
        core = name[: -len(m.group())]
        branch_place = core[:-1] if m.group() == "公司" and core.endswith("分") else core  # (江苏 + 分公司)
        registered_bank = next((b for b in found if b.cls == BANK and b.text.endswith("公司")
                                and 2 <= m.start() - b.end <= 8 and re.fullmatch(f"[{CJK}]+", text[b.end:m.start()])),
                               None) if m.group() in ("分行", "支行") else None
        if registered_bank:  # 某某银行股份有限公司 + 银川兴庆支行: the branch of a bank named by its registered name
            start = registered_bank.start
            name = text[start:end]
            core = name[: -len(m.group())]
        elif (m.group() in ("分行", "支行") or branch_place != core) and _place_start_pattern().fullmatch(branch_place):
            # 某某银行 + 大连分行, 某某保险公司 + 江苏分公司: one branch
            parent = next((b.text for b in found if b.end == start and b.cls in (BANK, ENTERPRISE)), None) or \
                next((b for b in lex.banks if text.endswith(b, 0, start)), None)
            if parent:
                start, name, core = start - len(parent), parent + name, parent + core
        if cls in (BANK, ENTERPRISE) and m.group() in ("分行", "支行", "银行"):
            known = _bank_pattern().search(name, 0, len(name) - len(m.group()))
            at = known.start() if known else -1
            if at > 0 and not _place_start_pattern().fullmatch(name[:at]):
                # 来自由国家开发银行某分行: nothing but a place comes before a known bank's name
                name, start = name[at:], start + at
                core = name[: -len(m.group())]
        if len(core) < 2 or core in lex.pronouns or core.startswith(("该", "本", "这", "那", "其", "各", "每")) \
                or core in lex.boundaries:
            continue  # (网传公司: the rumour is about the firm itself, 公司)
        if _is_function_word(core) and not _place_start_pattern().fullmatch(core) \
                or re.fullmatch(r"[\d.%]+", core):  # (保定 is a verb to jieba: 保定高新区)
            continue
        if cls == ENTERPRISE and m.group() in ("公司", "企业") and (core in lex.groups or core in lex.industry_words):
            continue  # 科技公司, 物流公司: a kind of firm, no name
        if core.endswith("级") and len(core) <= 3:
            continue  # 国家级示范区, 省级开发区: a rank of zone, no name
        if _is_common_noun_phrase(name, m.group()) or _is_goods_plant(name, m.group()) \
                or _is_kind_of_shop(name, m.group()) \
                or cls == SITE and _is_kind_of_site(name, m.group()):
            continue
        if cls == DISTRICT and (div := _division_pattern().match(name)) and name[div.end():] in lex.divisions:
            continue  # 上海市浦东新区: two divisions, each found by the gazetteer
        if m.group() in _TOWN_ENDINGS:
            if name in tokenizer().FREQ:
                continue  # 城镇, 小城镇, 乡镇: common nouns
            if name[0] in "省市县区" and len(name) - len(m.group()) >= 3:
                name = name[1:]  # 某某区安德街道 with 某某区 unknown to the list: the ending left over is no part
            zone = None
            for zone in re.finditer("(?:新区|开发区|高新区|经开区|保税区|自贸区|示范区|园区)", name):
                pass  # 某某开发区八角街道: the zone, then the town in it
            if zone and len(name) - zone.end() >= 3:
                name = name[zone.end():]
            while (div := _division_pattern().match(name)) and len(name) - div.end() >= 3:
                name = name[div.end():]  # 东莞市长安镇 -> 长安镇: the town, inside the city named before it
            start = end - len(name)
        elif cls == DISTRICT:
            while (div := _division_pattern().match(name)) and (
                    div.group() in _full_division_names()
                    or lex.divisions.get(div.group()) == "province" and _division_pattern().match(name, div.end())) \
                    and len(name) - div.end() - len(m.group()) >= 2 and _is_word_end(name, 0, div.end()) \
                    and name[div.end():len(name) - len(m.group())] not in _GENERIC_ZONE_WORDS:
                name = name[div.end():]  # 四川省宜宾市三江新区 -> 三江新区: the places named before it are their own
                # (潍坊市高新区, 五常市经济开发区 keep their city: 高新区 alone names no zone; a province's
                # short name goes when a city follows it: 广西玉林经济开发区 -> 玉林经济开发区)
            start = end - len(name)
        if cls == SITE:
            if re.match("[区园省市县镇境国域]内|[省市国境]外", name):
                continue  # 区内国有园区, 市内各大商场: the sites of some area, not one named site
            end = _extend_sub_park(text, end)
            name = text[start:end]
            # 广东省广州市番禺区某某科学城: places, then the site (a firm keeps its place: 上海某某有限公司)
            zone = None
            for zone in re.finditer("(?:新区|开发区|高新区|经开区|保税区|自贸区|示范区)", name):
                pass  # the last zone's end: 某某新区某某工业园 is a zone, then the site in it
            if zone and len(name) - zone.end() >= 4:
                name = name[zone.end():]
            while (div := _division_pattern().match(name)) and div.group() in _full_division_names() \
                    and len(name) - div.end() >= 4 and (_is_word_end(name, 0, div.end())
                                                        or _division_pattern().match(name, div.end())) \
                    and not _is_kind_of_goods_site(name[div.end():], m.group()):
                name = name[div.end():]
            start = end - len(name)
        closed = max(name.rfind("）"), name.rfind(")"))
        if closed >= 0 and "（" not in name[:closed] and "(" not in name[:closed]:
            name, start = name[closed + 1:], start + closed + 1  # 中国（浙江）自由贸易试验区: no half a bracket
            if len(name) <= len(m.group()):
                continue
        cls = _refine_class(name, cls)
        found.append(Mention(start, end, name, cls, "suffix"))
    return found


_TOWN_ENDINGS = ("镇", "街道", "片区")
_GENERIC_ZONE_WORDS = frozenset({"经济", "高新", "经济技术", "高新技术", "高新技术产业", "经济技术产业", "工业", "产业"})


@cache
def _division_short_names() -> dict[str, tuple[str, ...]]:
    """浙江 -> (浙江省,), 吉林 -> (吉林省, 吉林市), 朝阳 -> (朝阳市, 朝阳区, 朝阳县 ...)."""
    names: dict[str, tuple[str, ...]] = {}
    for code, name, short, level in _division_rows():
        if short and short != name and name not in names.get(short, ()):
            names[short] = names.get(short, ()) + (name,)
    return names


# Verbs of where a firm is, after which a place's short name is safe (all of two characters: a look-behind)
_VERBS_OF_WHERE = "落户|入驻|进驻|扎根|地处|迁至|迁往|搬到|位于|落地|坐落"


@cache
def _county_after_verb_pattern() -> re.Pattern:
    """扎根余姚, 落户昆山: a county's short name is safe right after a verb of where a
    firm is, and before punctuation or a number (not a common word: 新建, 城区)."""
    shorts = [s for s in _division_short_names() if len(s) >= 2 and s not in lexicon().divisions
              and _is_rare_or_a_name(s, ("ns", "nr", "nz")) and not _is_function_word(s)]
    return re.compile(f"(?<={_VERBS_OF_WHERE})(?:" + "|".join(sorted(shorts, key=len, reverse=True))
                      + r")(?=[，。、；\d]|$)")


@cache
def _full_division_names() -> frozenset[str]:
    """上海市, 浦东新区: divisions as officially named, not their short forms (广州)."""
    return frozenset(name for code, name, short, level in _division_rows())


@cache
def _org_endings() -> tuple[str, ...]:
    return tuple(ending for ending, cls in lexicon().suffixes if cls in ORG_CLASSES)


@cache
def _industry_words() -> frozenset[str]:
    return frozenset(lexicon().industry_words)


def _is_common_noun_phrase(name: str, ending: str) -> bool:
    """全资子公司, 港股上市公司, 物业公司: a dictionary noun for a kind of firm, with
    only common words before it, names no firm."""
    words = list(tokenizer().cut(name, HMM=False))
    last = words[-1]
    if not (len(last) > len(ending) and last.endswith(ending) and last.endswith(("公司", "企业"))):
        return False
    tags = _word_tags()
    return last in tokenizer().FREQ and all(tags.get(w, "x") in ("n", "v", "vn", "a", "b", "d") for w in words[:-1])


# 在某区建设新工厂, 这座工厂: a plant described or being built, not named
_PLANT_DESCRIBERS = frozenset({"新", "老", "该", "一座", "这座", "一家", "这家", "新建", "建设", "兴建", "投建", "筹建",
                               "扩建", "在建", "建成", "自建"})


def _is_goods_plant(name: str, ending: str) -> bool:
    """硅片工厂, 空气炸锅智能工厂: a plant described by what it makes, no name."""
    if ending not in ("工厂", "厂"):
        return False
    core = name[: -len(ending)]
    words = list(tokenizer().cut(core, HMM=False))
    return bool(words) and (all(_word_tags().get(w, "x") in ("n", "vn") for w in words)
                            or words[-1] in _PLANT_DESCRIBERS
                            or core in lexicon().divisions or core in _division_short_names())  # 宁波工厂: the plant there


def _is_kind_of_shop(name: str, ending: str) -> bool:
    """连锁超市, 两地超市, 社区超市: a common word before 超市 names a kind of shop,
    not a chain (华润万家超市 and 某某优鲜超市 have a name word)."""
    if ending != "超市":
        return False
    words = list(tokenizer().cut(name[: -len(ending)], HMM=False))
    tags = [_word_tags().get(w, "x") for w in words]
    return bool(words) and all(len(w) > 1 and t in ("n", "vn", "b", "f", "s", "m", "a", "r", "v")
                               for w, t in zip(words, tags))


def _is_kind_of_site(name: str, ending: str) -> bool:
    """海南自由贸易港重点园区: a site's kind after a vague word (重点, 国家级), no name."""
    words = list(tokenizer().cut(name[: -len(ending)], HMM=False))
    return bool(words) and (words[-1] in _VAGUE_KINDS or re.fullmatch("(?:国家|省|市|县|区)级", words[-1]) is not None)


def _is_kind_of_goods_site(name: str, ending: str) -> bool:
    """家具产业园: a trade before the ending names a kind of site; the place before
    it (南康区家具产业园) is part of the name. (大路工业园区: 大路 is a town.)"""
    return (name[: -len(ending)] if name.endswith(ending) else name) in _industry_words()


def _extend_sub_park(text: str, end: int) -> int:
    """中关村科技园朝阳园, 某某产业园区东区: a sub-park after a park is part of its name."""
    m = re.match(f"[{CJK}]{{1,4}}?(?:分园|园区|片区|园)", text[end:end + 6])
    if m is None or re.search("(?:开|建|入|进|出|游|逛)园$", m.group()) or any(w in m.group() for w in _time_words()):
        return end  # (某某产业园去年开园: a clause, not a sub-park)
    return end + m.end()


def _refine_class(name: str, cls: str) -> str:
    lex = lexicon()
    if name in lex.government_names or name.endswith("人民银行") or "人民银行" in name and name.endswith("行"):
        return GOVERNMENT
    if cls == ENTERPRISE and re.search("银行|信用社", name) and name.endswith(("分行", "支行", "银行")):
        return BANK
    if cls == ENTERPRISE and re.search("(?:银行|农商行|信用社)(?:股份)?有限(?:责任)?公司$", name):
        return BANK  # 某某农村商业银行股份有限公司: a bank's registered name
    if cls in (ENTERPRISE, ORGANIZATION) and name.endswith(("农商行", "农商银行", "信用社", "信用联社")):
        return BANK
    return cls


def gazetteer_mentions(text: str) -> list[Mention]:
    lex = lexicon()
    found = []
    for m in _bank_pattern().finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), BANK, "gazetteer"))
    for m in _pattern(tuple(sorted(lex.government_names, key=len, reverse=True))).finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), GOVERNMENT, "gazetteer"))
    for m in _pattern(tuple(sorted(lex.organizations, key=len, reverse=True))).finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), ORGANIZATION, "gazetteer"))
    for m in _division_pattern().finditer(text):
        if _starts_inside_word(text, m.start()):
            continue  # 恒通化工 holds no 通化: the place's first char belongs to the word before
        found.append(Mention(m.start(), m.end(), m.group(), DISTRICT, "gazetteer"))
        # Right after a place, a county's short name is safe (湖北仙桃, 江苏昆山).
        # (also listed after it: 昌吉、石河子等地)
        listed = text[m.end():m.end() + 1] == "、"
        county = _place_start_pattern().match(text, m.end() + listed)
        if county and county.group() not in lex.divisions and (listed or _is_inside(county.group(), m.group())):
            # (南沙区新建工厂: 新建 is a county's short name too, but not of the place before it)
            # with the suffix it has now, if renamed since the list was made (长垣县 -> 长垣市)
            end = county.end() + (text[county.end():county.end() + 1] in ("市", "县", "区", "旗"))
            if _is_word_end(text, county.start(), end) or end > county.end():
                found.append(Mention(county.start(), end, text[county.start():end], DISTRICT, "gazetteer"))
        elif not county and lex.divisions.get(m.group()) == "city" and m.group().endswith(("市", "州", "盟")):
            unlisted = _UNLISTED_COUNTY.match(text, m.end())
            if unlisted and _is_unlisted_county(unlisted.group()):
                found.append(Mention(unlisted.start(), unlisted.end(), unlisted.group(), DISTRICT, "gazetteer"))
        station = re.match(r"[东南西北]?站(?![长台点])", text[m.end():m.end() + 3])
        if station:  # 石家庄站, 杭州东站: a railway station
            found.append(Mention(m.start(), m.end() + station.end(), text[m.start():m.end() + station.end()],
                                 SITE, "gazetteer"))
    # 禹会区长青乡: right after a place, a town, township or subdistrict of the national list
    for place in [f for f in found if f.cls == DISTRICT]:
        size = next((n for n in range(7, 2, -1) if text[place.end:place.end + n] in _towns()), 0)
        if size:
            found.append(Mention(place.end, place.end + size, text[place.end:place.end + size], DISTRICT, "gazetteer"))
    for m in _county_after_verb_pattern().finditer(text):
        if len(_division_short_names()[m.group()]) == 1:  # (朝阳: a city, a district and a county)
            found.append(Mention(m.start(), m.end(), m.group(), DISTRICT, "gazetteer"))
    for m in _known_firm_pattern().finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), ENTERPRISE, "gazetteer"))
    for m in _group_pattern().finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(), GROUP, "gazetteer"))
    found += _industry_groups(text)
    found += _groups_given_relief(text)
    # "2400家企业": a counted group of firms; the count itself goes on the fact.
    for m in re.finditer(r"(?<![一另这那每])(?:\d+|[二三四五六七八九十百千万两]+)(?:余|多)?(?:万)?家(?:[^，。、；\s\d]{0,6}?)"
                         r"(?:企业|牧场|养殖场|合作社|经销商|供应商|商户|租户|个体工商户|工作室|体验店|商铺|商家|厂家|农户|养殖户|种植户|茶农)", text):
        if not _group_pattern().search(m.group()):
            found.append(Mention(m.start(), m.end(), m.group(), GROUP, "gazetteer"))
    return found


@cache
def _towns() -> frozenset[str]:
    """Towns, townships and subdistricts (镇, 乡, 街道, 苏木) of the national list."""
    return frozenset(row[0] for row in _tsv("dict/towns.tsv"))


_UNLISTED_COUNTY = re.compile(f"[{CJK}]{{2}}[区县旗](?=[的，。、；）)\\s]|[{CJK}]{{2}}[镇乡]|人民政府|政府|[和与及])")
# Zones and parts of a city (经开区, 综保区), not counties
_NOT_COUNTIES = frozenset({"经开", "综保", "高新", "自贸", "保税", "新片", "各区", "城区", "市区", "郊区"})


def _is_unlisted_county(name: str) -> bool:
    """长治市潞州区: a district or county newer than the division list, right after
    its city. Not a zone or a common word before the ending (开发区, 示范区, 合作区)."""
    stem = name[:2]
    return name not in lexicon().divisions and not tokenizer().FREQ.get(name) and stem not in _NOT_COUNTIES \
        and _is_rare_or_a_name(stem, ("ns",)) and not _is_function_word(stem)


def _is_rare_or_a_name(word: str, name_tags: tuple[str, ...] = ()) -> bool:
    """Rare in jieba's dictionary (100 uses or fewer), or tagged as a kind of name:
    no common word of the language (新建, 集聚, 合作), so safe to read as a place."""
    return tokenizer().FREQ.get(word, 0) <= 100 or _word_tags().get(word, "")[:2] in name_tags


_GROUP_BEFORE = set("的向为给对、和及与内等，。；：“")
_VAGUE_KINDS = frozenset({"助力", "重点", "成员", "骨干", "其他", "其它", "有关", "相关", "广大", "大型", "小型", "这些"})


def _industry_groups(text: str) -> list[Mention]:
    """的食品饮料企业, 向茶叶加工企业: common nouns of a trade before 企业, right
    after a 的, a preposition or a list mark, name a group of firms (a name
    would start with its own trade name or place)."""
    found = []
    for m in re.finditer("企业", text):
        for start in range(max(1, m.start() - 6), m.start() - 1):
            if text[start - 1] not in _GROUP_BEFORE:
                continue
            if text[start:m.end()] in lexicon().groups:
                break  # (中小微企业: a fixed group, found as such)
            if re.search(f"(?:[这该一每][家个]|是|成为)[^，。；！？]{{0,16}}$", text[max(0, start - 18):start]):
                break  # 这家成立不到三年的辣条生产企业, 某某是国内知名的口罩生产企业: one firm, described
            words = list(tokenizer().cut(text[start:m.start()], HMM=False))
            tags = [_word_tags().get(w, "") for w in words]
            if tags[0] in ("n", "nz", "l") and all(t in ("n", "nz", "vn", "v", "mq") for t in tags[1:]) \
                    and words[0] not in _VAGUE_KINDS and not _place_start_pattern().match(words[0]):
                found.append(Mention(start, m.end(), text[start:m.end()], GROUP, "gazetteer"))
            break
    return found


# 对入驻园区的铝深加工企业，前两年免收租金 / 为配套企业发放贷款: the firms a relief or a
# loan is for, described by a common noun phrase, are a group
_GIVEN_RELIEF = re.compile(r"(?<=[对为向给])(?:[^，。；：“”]{0,16}?的)?(?P<g>[\u4e00-\u9fff]{1,7}?(?:企业|药企|车企|商户|租户))"
                           r"(?=[，,]|实行|给予|免收|减免|减半|提供|发放|新增|投放)")
_RELIEF_WORDS = re.compile("租金|房租|贷款|授信|信贷")


def _groups_given_relief(text: str) -> list[Mention]:
    found = []
    for m in _GIVEN_RELIEF.finditer(text):
        sentence_end = _SENTENCE_END.search(text, m.end())
        if not _RELIEF_WORDS.search(text, m.end(), sentence_end.start() if sentence_end else len(text)):
            continue
        if re.search("[这该一那]家|[内下属]", text[m.start():m.end()]):
            continue  # 这家…的辣条生产企业: one firm described; 旗下商铺租户, 场内商户: the tenants of a place
        words = list(tokenizer().cut(m.group("g"), HMM=False))
        tags = [_word_tags().get(w, "x") for w in words]
        if len(words) >= 2 and all(t in ("n", "vn", "v", "b", "a", "an", "j", "nt") for t in tags[:-1]) \
                and words[0] not in _VAGUE_KINDS and not re.match("[这该其本各每一]", m.group("g")):
            found.append(Mention(m.start("g"), m.end("g"), m.group("g"), GROUP, "gazetteer"))
    return found


def _word_around(text: str, at: int, lo: int = 0) -> str | None:
    """The jieba word (text cut from ``lo``) that ``at`` falls strictly inside, if any."""
    pos = lo
    for word in tokenizer().cut(text[lo:at + 4], HMM=False):
        if pos < at < pos + len(word):
            return word
        pos += len(word)
        if pos >= at:
            return None
    return None


def _starts_inside_word(text: str, at: int) -> bool:
    """Is ``at`` inside a jieba word that is no place name itself (通 of 恒通)?
    Cut locally: most places follow punctuation or a function word."""
    if at == 0 or not re.match(f"[{CJK}]", text[at - 1]):
        return False
    word = _word_around(text, at, max(0, at - 4))
    return word is not None and _word_tags().get(word, "") not in ("ns", "nt")


def listed_mentions(text: str) -> list[Mention]:
    """某某光电（300912）: a name right before a stock code is a listed firm."""
    found = []
    for m in re.finditer(r"[（(]\s*\d{6}(?:\.(?:SH|SZ|BJ))?\s*[）)]", text):
        start = _left_boundary(text, m.start(), max(0, m.start() - 12), ENTERPRISE)
        if 2 <= m.start() - start <= 12 and not re.search(r"\d", text[start:m.start()]):
            found.append(Mention(start, m.start(), text[start:m.start()], ENTERPRISE, "suffix"))
    return found


def _is_word_end(text: str, start: int, end: int) -> bool:
    """Does a jieba word end at ``end`` when ``text`` is cut from ``start``?"""
    pos = start
    for word in tokenizer().cut(text[start:end + 4], HMM=False):
        pos += len(word)
        if pos >= end:
            return pos == end
    return False


def _cuts_a_name(text: str, at: int) -> bool:
    """Is ``at`` inside a jieba word that names a place or an institution?"""
    word = _word_around(text, at)
    return word is not None and _word_tags().get(word, "") in ("ns", "nt")


@cache
def _place_start_pattern() -> re.Pattern:
    """Place names a firm or site name may start with: divisions and the short
    names of counties (正定国际机场), which are too ambiguous to stand alone."""
    names = set(lexicon().divisions)
    for code, name, short, level in _division_rows():
        if len(short) >= 2:
            names.add(short)
    return _pattern(tuple(sorted(names)))


@cache
def _group_pattern() -> re.Pattern:
    """Groups of firms: a fixed group (中小微企业), or up to two modifiers before a
    fixed group or a word for firms, maybe with a trade between (市属国有企业,
    科技型企业, 餐饮商户, 中小纺织企业); a fixed
    group may be followed by 租户/商户 (中小微企业租户: the same group)."""
    lex = lexicon()
    alt = lambda words: "|".join(map(re.escape, words))
    mods, fixed, heads = alt(lex.group_modifiers), alt(lex.groups), alt(lex.group_heads)
    trades = alt(lex.industry_words)  # (中小纺织企业: modifiers, then a trade)
    return re.compile(f"(?:{mods}){{0,2}}(?:{fixed})(?:租户|商户)?|(?:{mods}){{1,2}}(?:{trades})?(?:{heads})")


def group_canonical(name: str) -> str:
    """中小微企业租户 is the group 中小微企业."""
    if name.endswith(("租户", "商户")) and name[:-2] in lexicon().groups:
        return name[:-2]
    return name


@cache
def _division_pattern() -> re.Pattern:
    return _pattern(tuple(sorted(lexicon().divisions)))


_SPEECH = "介绍|说|表示|称|告诉|指出|透露|坦言|认为|强调|介紹|谈到|回忆|解释"


def _title_cut_short(role: str, name: str) -> bool:
    """董事 + 会秘书: the title goes on into what looked like a name (董事会秘书)."""
    return any(r.startswith(role + name[0]) for r in _longer_titles().get(role, ()))


@cache
def _longer_titles() -> dict[str, tuple[str, ...]]:
    """title -> the titles that begin with it (董事 -> 董事长, 董事会秘书)."""
    roles = lexicon().roles
    return {r: tuple(o for o in roles if o != r and o.startswith(r)) for r in roles}


@cache
def _long_name_openings() -> tuple[str, ...]:
    """Compound surnames and the first parts of Tibetan, Yi and Mongolian names (data/dict/name_openings.txt)."""
    return tuple(sorted(surnames()[1] | {w for line in read_lines("dict/name_openings.txt") for w in line.split()}))


def person_mentions(text: str) -> list[tuple[Mention, str]]:
    """People named with a role right before them: (mention, role)."""
    lex = lexicon()
    roles = _roles_alternation()
    found = []
    # (a name set off by spaces is common in bylines and captions: 总经理 某某 说; and
    # an interview names the one who answers before a colon: 某某支行行长 某某：)
    for m in re.finditer(rf"(?P<role>{roles})(?P<space> ?)(?P<name>[{CJK}]{{2,5}}?) ?(?={_SPEECH}|[，、：:]|说|告诉|在接受|[对向]记者|在(?:会上|会议上|现场|发布会上|座谈会上|论坛上))",
                         text):
        name = m.group("name")
        if len(name) >= 4:
            if not name.startswith(_long_name_openings()) or name[-1] in "着了过":
                continue  # (扎西平措, 欧阳明华, 乌云其其格 are names)
        elif _is_function_word(name) or name in lex.roles or name[-1] in "着了过" \
                or _title_cut_short(m.group("role"), name) \
                or _word_tags().get(name, "nr")[:2] not in ("nr", "nz", "ns", "j"):
            continue  # 负责人笑着说, 总经理职务: a word, not a name
        found.append((Mention(m.start("name"), m.end("name"), name, PERSON, "role"), m.group("role") + m.group("space")))
    # 某某厂长介绍: the name before the title
    for m in re.finditer(rf"(?<=[”。，：\s的])(?P<name>[{CJK}]{{2,3}})(?P<role>{roles})(?={_SPEECH}|说|告诉)", text):
        name = m.group("name")
        if _is_function_word(name) or name in lex.roles or name[0] not in surnames()[0] \
                or _word_tags().get(name, "nr") != "nr":  # 公司负责人表示: a word, not a name
            continue
        found.append((Mention(m.start("name"), m.end("name"), name, PERSON, "role"), ""))
    return found


_QUANTITY_PREFIX = re.compile(r"^[\d.,，万亿千百十余多几数一二三四五六七八九两]*[台套支件个只份盒箱吨辆批款种类]?(?:的)?")
# A number of goods before a product: 50吨消毒液, 12万套防护服, 40万支干扰素.
_GOODS_COUNT = re.compile(r"(?:\d+(?:\.\d+)?|(?<![一第])[两二三四五六七八九十百千]+)(?:万|千|百|亿)?(?:余|多)?(?:万)?"
                          r"(?:吨|台|套|件|箱|支|盒|瓶|只|片|辆|袋|桶|包|剂|粒|双|艘|架|把|颗|根|盏|枚)")


@cache
def _amount_of_goods() -> re.Pattern:
    """A number and any unit of goods (data/dict/units.tsv): 20GWh, 300平方米, 5万套."""
    units = "|".join(re.escape(u) for u in sorted(quantities.unit_words("quantity"), key=len, reverse=True))
    # (条 counts goods only in large numbers: 500万条假发 but 出台18条措施)
    return re.compile(rf"\d+(?:\.\d+)?(?:(?:万|千|百|亿)?(?:余|多)?(?:万)?(?:{units})|(?:万|亿)(?:余|多)?条)")
# Words that open a product phrase but are not part of the product (一款, 新一代).
_PRODUCT_OPENERS = re.compile(r"^(?:了|出了|出口|出售|出(?![口售租])|销售|供应|的|一款|一批|一种|多款|多种|各类|各种|系列|新一代|一系列|自主|自有|所有|全部|大量|大批"
                              r"|建设|新建|扩建|投建|打造|引进|采购|购置|购买"  # (投资30亿元建设新型显示面板生产基地)
                              r"|(?:国内|全国|全球|世界|业内|行业)?首(?:台套|台|套|款|个|批)|第[一二三四五六七八九十\d]+[批台套款个]"
                              r"|(?:拳头|主打|核心|主导|明星)产品(?:是|为|有|包括)?"  # (某某的拳头产品输液器)
                              r"|上述|前述|现有|已有"  # (现有医用防护服产能6万件)
                              r"|[这该此那][家批款种类些件台套]?)+")
_PRODUCT_CHARS = re.compile(f"[{CJK}A-Za-zα-ωΑ-Ω0-9\\-Ⅰ-Ⅻ]")  # (重组人凝血因子Ⅷ)
_MAX_PRODUCT = 14
_QUOTED = re.compile(r"[“\"「‘『](?P<q>[^”\"」’』，。]{2,12})[”\"」’』]")


# 纸尿裤由某地的某某公司代工生产: the clause opens with the goods someone makes (这批拖拉机 refers
# back to goods named before)
_MADE_BY = re.compile(r"(?:^|(?<=[，。；：\n]))(?:其中[，,]?)?(?![这该此那其每])(?P<goods>[^，。；：、“”\n\d]{2,10}?)"
                      r"(?:均|全部|主要|都|则)?由[^，。；\n]{2,30}?(?:代工|负责|独家)?(?:生产|制造|研制|加工)")


_PART_KIND = re.compile("(?:核心|关键|主要)?(?:零部件|部件|配件|原材料|原料)")


def product_mentions(text: str) -> tuple[list[Mention], dict[str, str]]:
    """Products: noun phrases in a production or supply context, and phrases
    ending in a product head noun there. Returns the mentions and aliases
    (a description -> the quoted brand name that follows it)."""
    found, aliases = _cued_products(text)
    found += _counted_products(text)
    for m in _GOODS_BEFORE_AMOUNT.finditer(text):
        goods = m.group("g")
        if _amount_of_goods().match(text, m.end() - 1) and (
                _is_product_name(goods) or _is_measured_goods(goods) and _is_noun_word(goods)):
            found.append(Mention(m.start("g"), m.end("g"), goods, PRODUCT, "product"))
    found += _products_before_maker(text)
    found += _products_before_deal(text)
    found += _products_before_output(text)
    for m in _MADE_BY.finditer(text):
        start = _PART_KIND.match(text, m.start("goods"), m.end("goods") - 2)  # 核心部件探测器模组: the part is 探测器模组
        goods = text[start.end() if start else m.start("goods"):m.end("goods")]
        if _is_product_name(goods) and _ends_in_noun(goods):
            found.append(Mention(m.end("goods") - len(goods), m.end("goods"), goods, PRODUCT, "product"))
    found += [Mention(m.start(1), m.end(1), m.group(1), PRODUCT, "product") for m in _LOAN_PRODUCT.finditer(text)]
    found += [m for m in _headed_products(text) if _in_product_context(text, m)]
    return found, aliases


def _cued_products(text: str) -> tuple[list[Mention], dict[str, str]]:
    """What follows a production word: 生产A、B和C / 研发生产的A / 推出“A”.

    Lists are read item by item; an item ends at punctuation or a stop word
    (data/dict/product_stops.txt) and must look like a thing, not an activity.
    """
    lex = lexicon()
    found: list[Mention] = []
    aliases: dict[str, str] = {}
    stops = _pattern(lex.product_stops)
    for cue in _pattern(lex.product_cues).finditer(text):
        stop = stops.match(text, cue.start())
        if stop and stop.end() > cue.end():
            continue  # 生产线 is no production of 线
        pos = cue.end()
        while True:
            opened = _skip_openers(text, pos)
            counted = bool(_CLASSIFIED.search(text, pos, opened))
            measured = bool(_amount_of_goods().search(text, pos, opened))  # 年产500万条假发: goods follow
            pos = opened
            quoted = _QUOTED.match(text, pos)
            if quoted and (_NOT_GOODS_QUOTED.search(quoted.group("q")) or quoted.group("q") in _FESTIVALS):
                break  # 推出“免租”政策, “稳岗”行动: a measure, not goods
            if quoted:
                found.append(Mention(pos + 1, pos + 1 + len(quoted.group("q")), quoted.group("q"), PRODUCT, "product"))
                pos = quoted.end()
            else:
                end = _product_end(text, pos)
                pos, end = _head_after_modifier(text, pos, end, counted)
                fresh = re.search("(?:新品|新产品)$", text[pos:end])
                end -= len(fresh.group()) if fresh and end - pos - len(fresh.group()) >= 2 else 0  # 酸奶新品
                kind = _KIND_BEFORE_NAME.match(text, pos, end)
                pos += kind.end() - pos if kind and end - kind.end() >= 2 else 0  # 1类创新药某某片: the drug is 某某片
                name = text[pos:end]
                is_product = _is_product_name(name) or measured and _is_measured_goods(name)
                if not is_product and not (name.endswith(lex.non_products) and re.match(r"、|和|及|与", text[end:])
                                           and _word_tags().get(_first_word(name), "") != "v"):
                    break  # (主营磷矿开采及黄磷、磷酸: an activity in the list, goods after it; 推出加强续贷服务、
                    # 延缓还款期限: measures, no goods)
                if is_product:
                    found.append(Mention(pos, end, name, PRODUCT, "product"))
                    brand = _QUOTED.match(text, end)
                    if brand:  # 推出一款低度白酒“某某小酱”: the brand is the product, the phrase its description
                        found.append(Mention(end + 1, end + 1 + len(brand.group("q")), brand.group("q"), PRODUCT, "product"))
                        aliases[name] = brand.group("q")
                        end = brand.end()
                pos = end
            amount = re.match(r"(?:约|近|超|逾|共)?", text[pos:])
            if q := _amount_of_goods().match(text, pos + amount.end()):
                pos = q.end()  # 年产A 5000吨、B 3000吨: each item with its amount
            joiner = re.match(r"、|和|及|与|以及|或", text[pos:])
            if not joiner:
                category = re.match(r"等(?P<c>[^，。；、的等]{2,8})(?:的|等|产品)", text[pos:])
                if found and category and _is_product_name(category.group("c")):
                    at = pos + category.start("c")  # 玫瑰、康乃馨等鲜切花的种植: the kind the list ends with
                    found.append(Mention(at, at + len(category.group("c")), category.group("c"), PRODUCT, "product"))
                break
            pos += joiner.end()
    return found, aliases


# the class of a drug or device before its name (1类创新药, 国家二类医疗器械)
_KIND_BEFORE_NAME = re.compile(r"(?:国家)?(?:\d|[一二三])类(?:创新药|新药|医疗器械|药品)?")


def _is_measured_goods(name: str) -> bool:
    """A word jieba calls a verb is still goods right after an amount of goods
    (500万条假发): one word of two or three characters, listed as no non-product."""
    return 2 <= len(name) <= 3 and _first_word(name) == name and not name.endswith(lexicon().non_products) \
        and name not in lexicon().product_stops and name not in lexicon().generic_heads


_NOT_GOODS_QUOTED = re.compile("租|(?:政策|措施|行动|计划|工程|活动|机制|模式|服务|举措)$")


# 一款, 一种, 多款: a counted thing follows, so "X的Y" after it is one noun phrase headed by Y.
_CLASSIFIED = re.compile(r"[一多各两几数][款种批类台套件项]")


def _head_after_modifier(text: str, start: int, end: int, counted: bool) -> tuple[int, int]:
    """一款搭载语音控制的智能音箱, 研制出具有自主知识产权的数控机床: when a
    modifier and 的 come before the noun, the product is the noun. The modifier
    must be a verb phrase or follow a classifier: 生产口罩的设备 makes 口罩."""
    if text[end:end + 1] != "的":
        return start, end
    head_end = _product_end(text, end + 1)
    if not _is_product_name(text[end + 1:head_end]):
        return start, end
    first = next(iter(tokenizer().cut(text[start:end], HMM=False)), "")
    if counted or _word_tags().get(first, "").startswith("v"):
        return end + 1, head_end
    return start, end


# A bank's named loan scheme: “科技助力贷”, “惠农e贷”.
_LOAN_PRODUCT = re.compile(r"[“\"「]([^”\"」，。]{1,10}贷)[”\"」]")
# What a maker is the maker of: 路由器、光猫制造商, 辣条生产企业.
_MAKER_NOUN = re.compile("(?:的)?(?:制造商|生产商|生产企业|生产厂家|制造企业|代工厂|代工企业|供应商|供货商)")
_LIST_START = re.compile("[，。；：:“”（）()、的是为和及与\n]")


# What comes off a line: 某某的800G光模块已实现量产, 首台重卡下线, 新建一条X生产线.
_OUTPUT = re.compile(r"(?:的|首台|首批|首款|新一代|(?:新建|建设|投建|建成|新上|上马|引进|新增)了?(?:[一两三四五六七八九十\d]+|多)?条?)"
                     r"(?P<p>[^，。；：的“”]{2,14}?)(?:\d{1,2}月\d{1,2}日)?(?:(?:已经|已|正式|成功|顺利|全面|日前|近日)*"
                     r"(?:实现)?(?:量产|投产|下线|上市|出口|远销)|生产线|产线)")


# jieba calls a few goods set phrases ('l': 无人机, 耐火材料); ending in one of these they are things
_GOODS_LAST_CHARS = "机器仪车船剂料品件材灶柜箱泵阀缆板膜灯架"


def _ends_in_noun(name: str) -> bool:
    """Is the last jieba word of ``name`` a noun (or unknown to the dictionary)?"""
    last = list(tokenizer().cut(name, HMM=False))[-1:] or [""]
    tag = _word_tags().get(last[0], "n")
    return tag[0] == "n" or tag == "l" and last[0][-1:] in _GOODS_LAST_CHARS


# 首款纯电动SUV“某某X7”在某地下线: the quoted name after a first unit's description
_QUOTED_OUTPUT = re.compile(r"(?:首台|首批|首款|新一代|新款)[^，。；：“”]{0,10}[“\"「](?P<q>[^”\"」，。]{2,12})[”\"」]"
                            r"[^，。；]{0,16}?(?:量产|投产|下线|上市|亮相|发布)")


# 首台氢燃料电池重卡在某地的某某公司总装线上下线: the first unit, then where it came off the line
_FIRST_UNIT_AT = re.compile(r"首(?:台|批|款|辆|架|艘)(?P<q>[^，。；：的“”在从]{2,14}?)(?:在|从)[^，。；]{2,40}?"
                            r"(?:下线|投产|量产|交付)")


# 现有磷酸铁锂正极材料产能6万吨/年: what a firm has the capacity to make
_CAPACITY = re.compile(r"(?:现有|具备|拥有|形成|已有|具有|新增)了?(?:年产)?(?P<p>[^，。；：的“”\d]{2,14}?)(?:年|日|月)?(?:产能|产量)")


def _products_before_output(text: str) -> list[Mention]:
    found = [Mention(m.start("q"), m.end("q"), m.group("q"), PRODUCT, "product")
             for m in (*_QUOTED_OUTPUT.finditer(text), *_FIRST_UNIT_AT.finditer(text)) if _is_product_name(m.group("q"))]
    for m in (*_OUTPUT.finditer(text), *_CAPACITY.finditer(text)):
        start, end = m.span("p")
        start = _skip_openers(text, start)
        name = text[start:end]
        if _is_product_name(name) and _ends_in_noun(name):
            found.append(Mention(start, end, name, PRODUCT, "product"))
    return found


_SUPPLIER_RANK = re.compile("(?:独家|主要|核心|重要|一级|二级|三级|合格|优质|长期|战略|指定|首选|唯一|最大|主力|全球|国内|国际|本地|当地)+")


def _products_before_maker(text: str) -> list[Mention]:
    found = []
    for maker in _MAKER_NOUN.finditer(text):
        pos = maker.start()
        while pos > 0:  # the list A、B和C, read from its end
            start = pos
            while start > 0 and pos - start < _MAX_PRODUCT and not _LIST_START.match(text[start - 1]):
                start -= 1
            one = None
            for one in re.finditer("[一这该每]家", text[start:pos]):
                pass  # 某地一家运动鞋代工企业: the goods follow the classifier
            start = _skip_openers(text, start + (one.end() if one else 0))
            name = text[start:pos]
            if not _is_product_name(name) or not _ends_in_noun(name) or _SUPPLIER_RANK.fullmatch(name):
                break  # 国内领先的供应商, 独家供应商: a quality or a rank, not a thing
            found.append(Mention(start, pos, text[start:pos], PRODUCT, "product"))
            joiner = re.search("(?:、|和|及|与|以及)$", text[max(0, start - 2):start])
            if not joiner:
                break
            pos = start - len(joiner.group())
    return found


# A deal names its goods right before it: 签订50亿元光伏硅片供货协议, 中标某医院CT采购项目.
_DEAL_NOUN = re.compile("(?:供货|供应|采购|购销|订货)(?:框架)?(?:协议|合同|项目|订单)")
_DEAL_LEFT = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?元|\d+年度?|年度|[了的]|签订|签署|中标|获得|拿下|斩获|承接")


def _products_before_deal(text: str) -> list[Mention]:
    endings = _ending_pattern()
    found = []
    for deal in _DEAL_NOUN.finditer(text):
        pos = deal.start()
        start = max(0, pos - _MAX_PRODUCT)
        # the goods start after the amount, the verb, the buyer's name or punctuation
        cuts = [m.end() for m in _DEAL_LEFT.finditer(text, start, pos)]
        cuts += [m.end() for m in endings.finditer(text, start, pos)]
        cuts += [start + m.end() for m in re.finditer(f"[^{NAME_CHARS}]", text[start:pos])]
        start = _skip_openers(text, max(cuts, default=start))
        name = text[start:pos]
        if _is_product_name(name) and _ends_in_noun(name):
            found.append(Mention(start, pos, name, PRODUCT, "product"))
    return found


def _skip_openers(text: str, pos: int) -> int:
    m = _PRODUCT_OPENERS.match(text[pos:pos + 8])
    pos += m.end() if m else 0
    q = _amount_of_goods().match(text, pos)
    if q and (upper := re.match(r"(?:至|到|～|~|-)", text[q.end():])) and \
            (q2 := _amount_of_goods().match(text, q.end() + upper.end())):
        q = q2  # 2兆瓦至5兆瓦风电叶片: a range of sizes
    return q.end() if q else pos


def _product_end(text: str, pos: int) -> int:
    """Where a product phrase starting at ``pos`` ends."""
    stops = _pattern(lexicon().product_stops)
    end = pos
    while end < len(text) and end - pos <= _MAX_PRODUCT and _PRODUCT_CHARS.match(text[end]):
        if end > pos and (stop := stops.match(text, end)) and \
                (len(stop.group()) > 1 or _word_around(text, end, pos) is None):
            break  # (a one-character stop inside a word is none: the 向 of 转向节)
        if text[end].isdigit() and end > pos and (_amount_of_goods().match(text, end) or
                                                   re.match(r"\d+(?:\.\d+)?(?:万|亿|%)|\d{1,2}月\d{1,2}日", text[end:])):
            break  # (1200吨花牛苹果11月18日装车: a date ends the goods)
        end += 1
    return _cut_after_head(text, pos, end)


def _cut_after_head(text: str, pos: int, end: int) -> int:
    """晶圆检测设备打破国外垄断: a head noun then a verb ends the goods at the noun."""
    head = _pattern(lexicon().product_heads).search(text, pos, end)
    if head is None or head.end() >= end - 1:
        return end  # no head noun with a word after it: nothing to cut (most phrases)
    words = list(tokenizer().cut(text[pos:end], HMM=False))
    at = pos
    for i, (word, after) in enumerate(zip(words, words[1:])):
        at += len(word)
        # (a verb that ends the phrase may be a noun jieba mistags: 电池托盘)
        if word.endswith(lexicon().product_heads) and len(after) >= 2 and _word_tags().get(after, "") == "v" \
                and i + 2 < len(words):
            return at
    return end


def _is_product_name(name: str) -> bool:
    lex = lexicon()
    if not 2 <= len(name) <= _MAX_PRODUCT or name in lex.generic_heads or name in _FESTIVALS:
        return False
    if _pattern(lex.product_stops).match(name) or name.endswith(lex.non_products) or name.endswith(_SERVICES):
        return False
    if name in lex.divisions or name in lex.groups or name in lex.banks or name in lex.pronouns:
        return False
    if any(name.endswith(sfx) for sfx, _ in lex.suffixes):
        return False  # an organisation or a place (为某某集团生产)
    words = list(tokenizer().cut(name, HMM=False))
    first_tag = _word_tags().get(words[0], "")
    if any(_breaks_product(w) for w in words) or (first_tag in ("d", "ad") and len(words[0]) <= 2) \
            or (first_tag == "v" and (len(words[0]) == 1 or len(words) == 1)):
        return False  # a clause or a verb, not a thing (车间里一派繁忙景象, 负责人某某按照计划休假, 提高)
    # 困难, 先进, 一派繁忙: a state (jieba also calls a few goods idioms: 休闲鞋 'i', and
    # tags a goods' last character 'a': 针状焦)
    last = _word_tags().get(words[-1], "")
    return last not in ("a", "ad", "an", "l", "i") or last == "i" and len(words[-1]) < 4 \
        or last == "a" and len(words[-1]) == 1 and len(name) >= 3 \
        or last == "l" and len(words[-1]) > 2 and (words[-1].endswith(lex.product_heads)
                                                   or words[-1][-1] in _GOODS_LAST_CHARS)  # 耐火材料, 无人机 'l'


# a service ends the phrase (集成电路封装测试), though it may stand inside goods (检测设备)
_SERVICES = ("测试", "检测", "封测")
_FESTIVALS = frozenset({"圣诞", "春节", "元旦", "元宵", "清明", "端午", "中秋", "国庆", "新年", "新春",
                        "双十一", "双11", "双十二", "双12", "年货节"})  # (赶制“双十一”和春节订单: occasions, no goods)


def _breaks_product(word: str) -> bool:
    """A word that cannot occur inside a product name. jieba's tags are noisy
    on technical words (正极 'ad', 带 'v'), so only clear function words count."""
    lex = lexicon()
    if word in lex.roles or word in lex.boundaries or word in lex.non_products:
        return True
    if len(word) == 1:
        return word in _PREPOSITIONS or word in "的了是在有也都又并还已就即着过让使被到不至"
    tag = _word_tags().get(word, "")
    if tag in ("m", "t"):
        # 一派, 目前; but 一次性 is part of 一次性隔离衣, a grade of 一级白砂糖, a festival of 圣诞装饰品
        return len(word) <= 2 and not re.fullmatch("[一二三四五特]级", word) and word not in _FESTIVALS
    return tag in {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "y"} and word not in _NAME_PARTS


def _counted_products(text: str) -> list[Mention]:
    """50吨消毒液, 40万支干扰素: goods counted in units are products."""
    found = []
    for m in _GOODS_COUNT.finditer(text):
        if text.startswith(("级", "的"), m.end()):
            continue  # 5万吨级冷库, 千亿级产业, 一座5万吨的冷库: a scale, not goods counted
        start = m.end()
        spec = re.match(r"\d+(?:\.\d+)?(?:万|千)?(?:车位|吨级|吨|标箱|箱位|座|马力|千瓦|兆瓦)", text[start:])
        start += spec.end() if spec else 0  # 4艘7000车位汽车运输船: a size, then the goods
        end = _product_end(text, start)
        name = text[start:end]
        if _is_product_name(name) or _is_counted_goods(name) or _is_measured_goods(name) and _is_noun_word(name):
            found.append(Mention(start, end, name, PRODUCT, "product"))
    return found


def _is_noun_word(name: str) -> bool:
    """A word jieba tags as a noun, or as a numeral though it is none (大米), not 首批 or 左右."""
    return _word_tags().get(name) in ("m", "n", "nz") and name[0] not in "首第每约近" \
        and name not in ("左右", "以上", "以下", "上下")


def _is_counted_goods(name: str) -> bool:
    """After a count, goods whose first character jieba reads as a verb (1200吨花牛苹果):
    a noun phrase of three words or more that ends in a noun."""
    words = list(tokenizer().cut(name, HMM=False))
    return 3 <= len(words) and len(name) <= 8 and _ends_in_noun(name) and not name.endswith(lexicon().non_products) \
        and _word_tags().get(words[-1], "") == "n"


# 供应大米1.5万吨, 销售脐橙1.8万吨: goods between a verb of trade and their amount (not 加工 or
# 收购: what is processed or bought in is raw material)
_GOODS_BEFORE_AMOUNT = re.compile(r"(?:供应|供货|销售|出口|发运|交付|生产|调运|运送)了?"
                                  r"(?P<g>[^，。；、\d“”的]{2,10}?)(?:约|近|超过|超|逾|共计|共|达到|达)?\d")


def _headed_products(text: str) -> list[Mention]:
    """Noun phrases ending in a product head noun (核酸检测试剂盒)."""
    lex = lexicon()
    found = []
    for m in _pattern(lex.product_heads).finditer(text):
        start = _left_boundary(text, m.start(), max(0, m.start() - 16), PRODUCT)
        for amount in _amount_of_goods().finditer(text, max(0, start - 8), m.start()):
            start = max(start, amount.end())  # 20GWh动力电池: a unit is not part of the name
        name = text[start:m.end()]
        cues = list(_pattern(lex.product_cues).finditer(name))
        if cues:  # 主要从事呼吸机: the product starts after the production word
            name = name[cues[-1].end():]
        name = _PRODUCT_OPENERS.sub("", _QUANTITY_PREFIX.sub("", name))
        start = m.end() - len(name)
        if "等" in name:
            continue  # 电烤箱等小家电: the head is the kind of the things listed
        if name in lex.generic_heads or len(name) < 2 or any(name.endswith(g) for g in lex.generic_heads):
            continue
        found.append(Mention(start, m.end(), name, PRODUCT, "product"))
    return found


def _in_product_context(text: str, m: Mention) -> bool:
    """A head-noun phrase is a product only where the clause talks of making,
    selling or shipping (not 戴口罩, 没有电脑的员工)."""
    lo = max((text.rfind(c, 0, m.start) for c in "，。；！？\n"), default=-1) + 1
    hi = min((i for i in (text.find(c, m.end) for c in "，。；！？\n") if i >= 0), default=len(text))
    return bool(_PRODUCT_CONTEXT.search(text, lo, hi))


_PRODUCT_CONTEXT = re.compile("生产|制造|研发|研制|开发|推出|供应|供货|发往|运往|送往|销往|出口|捐赠|捐献|"
                              "备货|产品|产能|年产|日产|量产|为主|交付|安装|订单|配送|发出|库存|提供")


def ner_mentions(text: str, sentences: list[Sentence]) -> list[Mention]:
    """Spans from the trained tagger, when its model is installed."""
    try:
        from .ner import load_tagger
        tagger = load_tagger()
    except (ImportError, FileNotFoundError):
        return []
    found = []
    tagged = tagger.tag_document([s.text for s in sentences])
    for s, spans in zip(sentences, tagged):
        for start, end, label in spans:
            cls = _NER_CLASS.get(label)
            start, end = _trim_enclosing(s.text, start, end)
            if cls in ORG_CLASSES:
                start = _strip_leading_time_words(s.text, start, end)
                if end - start <= 2:
                    continue  # 今年以来公司: a time, then the bare word
            if cls and end > start:
                name = s.text[start:end]
                cls = cls if cls == POSITION else _refine_class(name, cls)
                found.append(Mention(s.start + start, s.start + end, name, cls, "ner"))
    return found


def _strip_leading_time_words(text: str, start: int, end: int) -> int:
    """今年以来 + 公司: time words and name boundaries opening a tagged name are no part of it."""
    if text[start] not in _leading_boundary_chars():
        return start  # (most names open with a place or a trade name: no need to cut them)
    for word in tokenizer().cut(text[start:end], HMM=False):
        if not (word in lexicon().boundaries or _word_tags().get(word, "") in ("t", "f")):
            break
        start += len(word)
    return start


@cache
def _leading_boundary_chars() -> frozenset[str]:
    time_words = (w for w, tag in _word_tags().items() if tag in ("t", "f"))
    return frozenset(w[0] for w in (*lexicon().boundaries, *time_words))


def _trim_enclosing(text: str, start: int, end: int) -> tuple[int, int]:
    """The tagger sometimes takes in the quotation marks around a name (“某某”)
    or a bracket that closes outside it (简称“某某”）): trim them off."""
    while end > start:
        if text[start] in _ENCLOSING or text[start] in "（(" and not re.search("[）)]", text[start:end]):
            start += 1
        elif text[end - 1] in _ENCLOSING or text[end - 1] in "）)" and not re.search("[（(]", text[start:end]):
            end -= 1
        else:
            break
    return start, end


POSITION = "position"  # a title the tagger found: not an entity, a person's role
_ENCLOSING = "“”\"‘’'「」『』《》〈〉【】 \u3000"
_NER_CLASS = {"company": ENTERPRISE, "government": GOVERNMENT, "address": DISTRICT,
              "name": PERSON, "organization": ORGANIZATION, "position": POSITION}


def _as_outlets(mentions: list[Mention], sentences: list[Sentence]) -> list[Mention]:
    """证券时报e公司讯: the firm-like name a dateline opens with is a news outlet, an organisation."""
    datelines = {s.start for s in sentences if is_dateline(s.text)}
    return [replace(m, cls=ORGANIZATION) if m.cls == ENTERPRISE and m.start in datelines else m for m in mentions]


def _tagged_roles(mentions: list[Mention], positions: list[Mention],
                  people: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """A title the tagger found right before a person is that person's role
    (董事会秘书李某), where the role word lists did not already give one."""
    known = {m.start for m, _ in people}
    title_at_end = {p.end: p.text for p in positions}
    return [(m, title_at_end[m.start]) for m in mentions
            if m.cls == PERSON and m.start in title_at_end and m.start not in known]


# ---------------------------------------------------------------- resolution

def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest (then most trusted) of overlapping mentions."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), _SOURCE_RANK.get(m.source, 9),
                                             CLASS_RANK.get(m.cls, 9), m.start))
    taken: list[Mention] = []
    occupied = bytearray(max((m.end for m in mentions), default=0))
    for m in ranked:
        if not any(occupied[m.start:m.end]):
            taken.append(m)
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(taken, key=lambda m: m.start)


_ALIAS = re.compile(r"^[（(]\s*(?:(?:证券|股票)代码[：:]\s*(?P<code0>[0-9A-Z.\-]{4,12})[\s，,；;]*)?"
                    r"(?:以下)?(?:简称|下称|证券简称)[：:]?\s*[“\"「『]?(?P<alias>[^”\"」』）)，,；;\s]{2,20})[”\"」』]?"
                    r"(?:[\s，,；;]*(?:证券|股票)代码[：:]\s*(?P<code>[0-9A-Z.\-]{4,12}))?\s*[）)]")
_STOCK = re.compile(r"^[（(]\s*(?P<code>\d{4,6}\.?(?:SH|SZ|HK|BJ)|\d{4,6}-HK|(?:SH|SZ|HK)\d{4,6})\s*[）)]|"
                    r"^[，,]?\s*(?:股票|证券)代码[：:]\s*(?P<code2>\d{4,6}(?:\.(?:SH|SZ|HK|BJ))?)")


@dataclass
class DocumentEntities:
    """What the entities stage hands on: entities and their resolved mentions."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)  # sorted, each with .key set
    topic: str | None = None  # key of the firm the article is about, if any
    roles: dict[str, tuple[str, str | None, int]] = field(default_factory=dict)  # person key -> (role, employer key, offset)


@lru_cache(maxsize=8192)
def short_forms(name: str) -> frozenset[str]:
    """Short forms news uses for a firm's full name: 北京某某科技股份有限公司 -> 某某科技, 某某."""
    lex = lexicon()
    core = _without_legal_form(name)
    forms = {core}
    for div in _division_prefixes(core):
        if len(core) - len(div) >= 2:
            forms.add(core[len(div):])
    places = _division_prefixes(core)
    if places and len(core) - len(places[0]) >= 4:
        forms.add(name[len(places[0]):])  # 意大利某某食品公司 -> 某某食品公司: the name without its place
    if re.search("集团(?:股份)?有限(?:责任)?公司$", name) and not core.endswith("集团"):
        forms |= {form + "集团" for form in forms if not form.endswith("公司")}  # 某某置业集团有限公司 -> 某某置业集团
    for form in list(forms):
        # 某某船舶重工 -> 某某船舶, 某某; and the bare name with each trade word
        # news keeps: 某某重工, 某某公司. Longest word first: 新能源 is no 新 + 能源.
        root, trades = form, []
        while words := [w for w in lex.industry_words if root.endswith(w) and len(root) - len(w) >= 2]:
            # a shorter trade word counts too if it leaves a word, not a char (某某医疗 from
            # 某某医疗系统; but no 某某新 from 某某新能源)
            forms.update(root[: -len(w)] for w in words[1:] if len(words[0]) - len(w) >= 2)
            root = root[: -len(words[0])]
            trades.append(words[0])
            forms.add(root)
        if root == form:
            root = _trade_name(form)
            if root:  # 某某汽车座椅 -> 某某, 某某汽车, 某某座椅 (the head noun), 某某公司
                rest = form[len(root):]
                forms.update((root, root + _first_word(rest), root + rest[-2:], root + "公司"))
        else:
            forms.update(root + word for word in trades + ["公司"])
            if trade := _trade_name(root):  # 某某模具 (+ 科技): the bare trade name too
                forms.update((trade, trade + "公司"))
                before = core[: len(core) - len(form)] if form != core and core.endswith(form) else ""
                if before in places:  # 苏州某某 of 苏州某某模具科技有限公司: its place and trade name
                    forms.add(before[len(places[-2]):] + trade if len(places) > 1 else before + trade)
    return frozenset(f for f in forms if len(f) >= 2 and f != name and f not in lex.divisions
                     and f not in lex.groups and f not in lex.industry_words and not _is_generic(f)
                     and _word_tags().get(f) not in ("ns", "nt")  # 杭州湾: a place, not the firm
                     and not _is_everyday_word(f) and not _place_start_pattern().fullmatch(f))  # (龙岗: the place)


def _is_everyday_word(form: str) -> bool:
    """产业, 建设: a common word of the language left after place and trade words
    are taken off (深圳龙岗 + 产业 + 投资), no trade name. (Brands that are words,
    光明 or 联想, are rarer in text.)"""
    return len(form) == 2 and _word_tags().get(form) in ("n", "vn", "v") and tokenizer().FREQ.get(form, 0) >= 2000


def _first_word(text: str) -> str:
    return next(iter(tokenizer().cut(text, HMM=False)), "")


def _trade_name(form: str) -> str | None:
    """The two-character trade name of a name whose trade is not in
    data/dict/industry_words.txt: 某某 + 汽车部件, when the rest is common nouns
    of two characters or more (金龙 + 鱼粮油 is left alone)."""
    if len(form) < 4:
        return None
    words = list(tokenizer().cut(form[2:], HMM=False))  # (the trade after the two characters)
    tags = _word_tags()
    if tags.get(form[:2], "nz")[0] != "n" or tags.get(form[:2]) == "n" and tokenizer().FREQ.get(form[:2], 0) > 50 \
            or form[:2] in lexicon().divisions:
        return None  # a common noun (空气 of 空气炸锅代工) is a trade, a city (苏州) no trade name; a rare one (精铸) may be
    if all(len(w) >= 2 and tags.get(w) in ("n", "vn", "nz") for w in words):
        return form[:2]
    return None


@cache
def _abbreviations() -> tuple[tuple[str, str], ...]:
    return tuple((part, short) for part, short in _tsv("dict/abbreviations.tsv"))


@cache
def _bank_pattern() -> re.Pattern:
    return _pattern(tuple(sorted(lexicon().banks, key=len, reverse=True)))


@cache
def abbreviated(name: str) -> frozenset[str]:
    """The name with parts the news shortens shortened (data/dict/abbreviations.tsv)."""
    if not _pattern(tuple(part for part, _ in _abbreviations())).search(name):
        return frozenset()
    variants = {name}
    for part, short in _abbreviations():
        variants |= {v.replace(part, short) for v in variants if part in v}
    variants.discard(name)
    return frozenset(variants)


def _without_legal_form(name: str) -> str:
    """北京某某科技股份有限公司（集团） -> 北京某某科技."""
    core = re.sub(r"[（(][^）)]*[）)]", "", name)
    for form in lexicon().legal_forms:
        if core.endswith(form) and len(core) > len(form) + 1:
            return core[: -len(form)]
    return core


def _is_generic(form: str) -> bool:
    """农村商业银行 (广州农村商业银行 without its place): a kind of bank, no name.
    (Firms keep dictionary words as short forms: brands often are such words.)"""
    if not form.endswith(("银行", "信用社", "农商行")):
        return False
    words = list(tokenizer().cut(form, HMM=False))
    tags = _word_tags()
    common = ("n", "vn", "b", "a", "v", "nt") if len(words) > 1 else ("n", "vn", "b", "a", "v")
    return all(w in tokenizer().FREQ and tags.get(w, "x") in common for w in words) \
        and any(len(w) > 1 for w in words) and form not in lexicon().banks


def _division_prefixes(name: str) -> list[str]:
    """The place prefixes of a name, outermost first: 常州金坛某某 -> 常州, 常州金坛."""
    out = [w for w in ("中国",) if name.startswith(w)]
    end, last = 0, ""
    # A prefix must not cut a longer place or institution in two (杭州湾 is no 杭州 + 湾).
    while (m := _division_pattern().match(name, end)) and not _cuts_a_name(name, m.end()):
        end, last = m.end(), m.group()
        out.append(name[:end])
    # After a city, the short name of one of its own counties (常州金坛); a county
    # of somewhere else is more likely the trade name itself (山西晋源 is no 晋源区).
    county = _place_start_pattern().match(name, end)
    if county and not _cuts_a_name(name, county.end()) and \
            (_is_county_of(county.group(), last) if last else len(name) - county.end() >= 4):
        # 顺德某某电器: a county's short name opening a name with room for a trade
        # name and a trade after it is the firm's place (a bare 某某 is not cut)
        out.append(name[:county.end()])
    return out


@cache
def _division_codes() -> dict[str, tuple[str, str]]:
    """name or short name -> (adcode, level); the first listed wins."""
    codes: dict[str, tuple[str, str]] = {}
    for code, name, short, level in _division_rows():
        codes.setdefault(name, (code, level))
        if short:
            codes.setdefault(short, (code, level))
    return codes


def _is_inside(county: str, place: str) -> bool:
    """Is the county (by its short name) in the province or city named?"""
    (c_code, c_level), (p_code, p_level) = _division_codes().get(county, ("", "")), _division_codes().get(place, ("", ""))
    width = {"province": 2, "city": 4}.get(p_level)
    return c_level == "county" and width is not None and c_code[:width] == p_code[:width]


def _is_county_of(county: str, city: str) -> bool:
    """Is the county in the city named (not merely in a province)?"""
    return _division_codes().get(city, ("", ""))[1] == "city" and _is_inside(county, city)


def find_entities(doc: Document, sentences: list[Sentence], use_ner: bool = True) -> DocumentEntities:
    text = doc.text
    people = person_mentions(text)
    products, product_aliases = product_mentions(text)
    candidates = suffix_mentions(text) + gazetteer_mentions(text) + listed_mentions(text) + [m for m, _ in people]
    mentions = resolve_overlaps([m for m in candidates if _plausible(m)])
    # Product phrases come second: a name of a firm or place is never part of one
    # (国家电网 is no 家电; 某某医院供货防护服 holds a hospital and a product).
    mentions = _fill_gaps(mentions, products)
    if use_ner:
        # The tagger fills gaps the rules leave; where both found a name the
        # rules' edges win (the tagger often takes in 子公司, 运营方 or a place).
        tagged = ner_mentions(text, sentences)
        mentions = _fill_gaps(mentions, [m for m in tagged if m.cls != POSITION and _plausible(m)])
        people += _tagged_roles(mentions, [m for m in tagged if m.cls == POSITION], people)
    mentions = _drop_descriptive_groups(text, mentions)
    mentions = _as_outlets(mentions, sentences)

    # Aliases declared right after a full name, then short forms of full names.
    aliases: dict[str, str] = dict(product_aliases)  # alias -> full name
    codes: dict[str, str] = {}
    for m in mentions:
        if m.cls in ORG_CLASSES:
            a = _ALIAS.match(text, m.end) or _ALIAS.match(text[m.end:])
            if a and a.group("alias"):
                aliases[a.group("alias")] = m.text
            s = _STOCK.match(text[m.end:])
            code = (a and (a.group("code") or a.group("code0"))) or (s and (s.group("code") or s.group("code2")))
            if code:
                codes[m.text] = code
    full_names = {m.text: m.cls for m in mentions if m.cls in (ENTERPRISE, BANK)}
    lex = lexicon()
    for m in mentions:  # 国家电网 is 国家电网有限公司; 工行 is 中国工商银行
        known = lex.enterprises.get(m.text) if m.cls == ENTERPRISE else lex.banks.get(m.text) if m.cls == BANK else None
        if known and known != m.text:
            aliases.setdefault(m.text, known)
            full_names.setdefault(known, m.cls)
    for full in sorted(full_names, key=len, reverse=True):
        for short in short_forms(full):
            aliases.setdefault(short, full)
            for variant in abbreviated(short):  # 苏州农商行 for 江苏苏州农村商业银行股份有限公司
                if variant in text:
                    aliases.setdefault(variant, full)
        # The tail of a longer name is that name (客服公司 after 某某有线客服公司).
        for other in full_names:
            if other != full and full.endswith(other) and len(other) >= 4 and other not in aliases:
                aliases[other] = full
    # 郑州中心支行 after 中国人民银行郑州中心支行: the tail of a body's name is that body
    bodies = {m.text: m.cls for m in mentions if m.cls in (GOVERNMENT, ORGANIZATION)}
    for m in mentions:
        if m.cls in ORG_CLASSES and (len(m.text) >= 4 or m.text.endswith(_AGENCY_ENDS)) and m.text not in aliases:
            longer = [b for b in bodies if b != m.text and b.endswith(m.text)]
            if len(longer) == 1:
                aliases[m.text] = longer[0]
                full_names.setdefault(longer[0], bodies[longer[0]])
    for trade_alias, full in _trade_references(text, [n for n, c in full_names.items() if c == ENTERPRISE]).items():
        aliases.setdefault(trade_alias, full)
    for alias in [a for a in aliases if a in full_names]:
        full_names.pop(alias)
    # 某某高新区管委会 and 某某高技术产业开发区管理委员会 in one article: one body.
    for m in mentions:
        if m.cls in ORG_CLASSES or m.cls in (DISTRICT, SITE):
            for variant in abbreviated(m.text):
                if variant in text:
                    aliases.setdefault(variant, m.text)
    # 浙江 and 浙江省 in one article: one place, named in full.
    places = {m.text for m in mentions if m.cls == DISTRICT}
    known_classes = {}
    for place in places:
        names = _division_short_names().get(place, ())
        full = [name for name in names if name in places]
        if len(full) == 1:  # (吉林 with both 吉林省 and 吉林市 named stays apart)
            aliases.setdefault(place, full[0])
        elif len(names) == 1:  # (余姚 is 余姚市: a county named short, where only one is)
            aliases.setdefault(place, names[0])  # 北京 is 北京市 in every article
            known_classes[names[0]] = DISTRICT
    _alias_product_short_forms(mentions, aliases)
    for m in mentions:  # 中大型纯电SUV is a 纯电SUV: the goods without their size
        size = _PRODUCT_SIZE.match(m.text) if m.cls == PRODUCT else None
        if size and len(m.text) - size.end() >= 2:
            aliases.setdefault(m.text[size.end():], m.text)
    for m in mentions:
        if m.cls == GROUP and group_canonical(m.text) != m.text:
            aliases.setdefault(m.text, group_canonical(m.text))
            known_classes[group_canonical(m.text)] = GROUP  # (the bare group may stand alone elsewhere)
    mentions = _firms_before_departments(mentions, aliases, full_names)
    classes = {**known_classes, **{m.text: m.cls for m in mentions}}
    mentions = _add_alias_mentions(text, mentions, aliases, {**classes, **full_names}, set(full_names))
    # A product named once is that product wherever it recurs (50套叶片……这批叶片由某某生产).
    products = {m.text for m in mentions if m.cls == PRODUCT}
    if products:
        mentions = _fill_gaps(mentions, [Mention(at, at + len(p), p, PRODUCT, "product")
                                         for p in products for at in _occurrences(text, p)])

    # Group mentions into entities, one per full name.
    out = DocumentEntities()
    for m in mentions:
        full = aliases.get(m.text, m.text)
        cls = full_names.get(full, m.cls) if m.source == "alias" else m.cls
        key = entity_key(full)
        ent = out.entities.get(key)
        if ent is None:
            ent = out.entities[key] = Entity(key=key, label=full, cls=cls)
        elif CLASS_RANK.get(cls, 9) < CLASS_RANK.get(ent.cls, 9) and {cls, ent.cls} <= set(ORG_CLASSES):
            ent.cls = cls
        if m.text != full:
            ent.aliases.add(m.text)
        m = replace(m, key=key)
        ent.mentions.append(m)
        out.mentions.append(m)
    out.mentions = _add_pronoun_mentions(text, out.mentions, doc, out.entities)
    out.mentions = _add_bare_zone_mentions(text, out.mentions, out.entities)
    for full, code in codes.items():
        if entity_key(full) in out.entities:
            out.entities[entity_key(full)].attrs["stock_code"] = code
    # Declared aliases count even where the text never uses them again.
    for alias, full in aliases.items():
        ent = out.entities.get(entity_key(full))
        if ent is not None and alias in text and alias != full:
            ent.aliases.add(alias)
    _link_branches(out)
    _add_counted_group_aliases(text, out)
    _attach_roles(text, people, out)
    out.topic = _topic(doc, out)
    _corporate_roles_of_the_topic(text, people, out)
    return out


_CORPORATE_TITLES = frozenset({"董事长", "副董事长", "总经理", "副总经理", "董事会秘书", "财务总监", "总裁",
                               "副总裁", "首席执行官", "监事会主席", "执行董事"})


def _corporate_roles_of_the_topic(text: str, people: list[tuple[Mention, str]], out: DocumentEntities) -> None:
    """经董事长某某提名，公司董事会同意…: a firm's title with no firm before it is
    the title at the firm the article is about, when its sentence names that firm."""
    if out.topic is None or out.entities[out.topic].cls != ENTERPRISE:
        return
    topic_at = [m.start for m in out.mentions if m.key == out.topic]
    for person, role in people:
        key = entity_key(person.text)
        if role.strip() not in _CORPORATE_TITLES or key in out.roles or key not in out.entities:
            continue
        start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, person.start)), default=0)
        end = next((e.start() for e in _SENTENCE_END.finditer(text, person.end)), len(text))
        others = [m for m in out.mentions if start <= m.start < end and m.cls in ORG_CLASSES and m.key != out.topic]
        if not others and any(start <= at < end for at in topic_at):
            out.roles[key] = (role.strip(), out.topic, person.start)


def _trade_references(text: str, firms: list[str]) -> dict[str, str]:
    """向运营公司提交申请 after 某某园区运营有限公司: the firm's trade word and 公司
    refer to it, when one firm of the article has that trade and the phrase is
    not counted (另一家物流公司 is some other firm)."""
    by_trade: dict[str, list[str]] = {}
    for full in firms:
        if (trade := _trade_word(full)) and trade + "公司" in text:
            by_trade.setdefault(trade + "公司", []).append(full)
    return {ref: fulls[0] for ref, fulls in by_trade.items()
            if len(fulls) == 1 and any(not re.search("[家个些类种]$", text[:at])
                                       for at in _occurrences(text, ref))}


@lru_cache(maxsize=8192)
def _trade_word(full: str) -> str | None:
    """The word right before the legal form: 运营 of 某某园区运营有限公司."""
    core = _without_legal_form(full)
    words = list(tokenizer().cut(core, HMM=False)) if core != full else []
    return words[-1] if len(words) >= 2 and len(words[-1]) >= 2 else None


_UNIT = re.compile(_UNIT_NAME)


def _firms_before_departments(mentions: list[Mention], aliases: dict[str, str],
                              full_names: dict[str, str]) -> list[Mention]:
    """某某装备生产部, 某某实业党委: a firm's short form then one of its units is
    the firm (its unit's head works for it), not an agency ending in 部 or 委.
    So is a tagged span that runs on into a verb or a noun (由某某装备生产). Such a span's
    text is dropped from ``full_names``: it names no firm of its own."""
    out = []
    longest_first = sorted(aliases, key=len, reverse=True)
    for m in mentions:
        if m.cls in ORG_CLASSES:
            firm = next((a for a in longest_first
                         if m.text.startswith(a) and aliases[a] != m.text
                         and full_names.get(aliases[a]) in (ENTERPRISE, BANK)
                         and (_UNIT.fullmatch(m.text, len(a)) or m.source == "ner" and _not_a_name(m.text[len(a):]))),
                        None)
            if firm:
                full_names.pop(m.text, None)
                m = Mention(m.start, m.start + len(firm), firm, full_names[aliases[firm]], "alias")
        out.append(m)
    return out


def _not_a_name(rest: str) -> bool:
    """What a tagged span adds after a firm's short form, when it is no part of a
    name: a verb (由某某装备生产) or a common noun (某某新材新厂房), not a name's
    ending (某某新材芜湖分公司 is a firm of its own)."""
    return not rest.endswith(_org_endings()) and \
        all(_word_tags().get(w, "") in ("v", "vn", "n", "a") for w in tokenizer().cut(rest, HMM=False))


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _fill_gaps(mentions: list[Mention], extra: list[Mention]) -> list[Mention]:
    taken = bytearray(max([m.end for m in mentions + extra], default=0))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    gaps = [m for m in resolve_overlaps(extra) if not any(taken[m.start:m.end]) and not re.search(r"\s", m.text)]
    return sorted(mentions + gaps, key=lambda m: m.start)


def _drop_descriptive_groups(text: str, mentions: list[Mention]) -> list[Mention]:
    """A group word that describes a firm rather than naming firms is no group:
    连锁餐饮企业某某有限公司 (apposition), 某某公司是区属国有企业 (predicate)."""
    keep = []
    for i, m in enumerate(mentions):
        if m.cls == GROUP:
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if nxt is not None and nxt.start == m.end and nxt.cls in ORG_CLASSES:
                continue
            clause_start = max(text.rfind(c, 0, m.start) for c in "，。；！？\n") + 1
            if re.search(r"(?:是|为|属于)(?:一家|一个|一批)?[^，。；]{0,20}$", text[clause_start:m.start]) \
                    and re.match(r"\s*(?:[。；，]|$|之一)", text[m.end:]):
                continue
            if len(m.text) == 2 and m.text.endswith("企") \
                    and _word_tags().get(_first_word(text[m.end:m.end + 4]), "") in ("n", "vn"):
                continue  # 国企考核, 央企子公司: 国企 as a modifier, no group (but 减免商户租金: 商户 are)
        keep.append(m)
    return keep


def _alias_product_short_forms(mentions: list[Mention], aliases: dict[str, str]) -> None:
    """A product named again in shorter form is the same product: 干扰素注射液
    and 干扰素 after 重组人干扰素α2b注射液, 防护服 after 医用防护服."""
    first_seen: dict[str, int] = {}
    for m in mentions:
        if m.cls == PRODUCT:
            first_seen.setdefault(m.text, m.start)
    names = sorted(first_seen, key=lambda n: (-len(n), first_seen[n]))
    for short in names:
        if short in aliases:
            continue
        longer = [n for n in names if len(n) > len(short) and n not in aliases and _shortens(short, n)]
        if longer:
            aliases[short] = min(longer, key=lambda n: first_seen[n])


def _shortens(short: str, full: str) -> bool:
    if short in full:
        return True
    # the characters of the short form in order, with the same head (干扰素注射液)
    it = iter(full)
    return short[-2:] == full[-2:] and all(ch in it for ch in short)


@cache
def _ending_words() -> frozenset[str]:
    return frozenset(ending for ending, _ in lexicon().suffixes)


_PLACE_ENDING = re.compile("[省市县区州镇乡村旗盟岛湾港路街]$|街道$|片区$|新区$|开发区$|园区$|口岸$")


def _reads_as_place(name: str) -> bool:
    """Does a tagged address end like a place, or is it one the lists know?"""
    if name.startswith(("国家级", "省级", "市级", "县级", "区级")):
        return False  # 国家级示范区: a rank of zone
    return len(name) >= 2 and bool(_PLACE_ENDING.search(name)) or name in lexicon().divisions or name in _division_short_names() \
        or _division_pattern().fullmatch(name) is not None or name in _world_regions()


@cache
def _world_regions() -> frozenset[str]:
    return frozenset(w for line in read_lines("dict/world_regions.txt") for w in line.split())


def _plausible(m: Mention) -> bool:
    lex = lexicon()
    # 某某·某某: a name of two parts may be long; so may one that opens like a Mongolian name (乌云其其格)
    long_name = "·" in m.text and len(m.text) <= 12 or len(m.text) == 5 and m.text.startswith(_long_name_openings())
    if m.cls == PERSON and (not (2 <= len(m.text) <= 4 or long_name) or not re.search(f"[{CJK}]", m.text)):
        return False  # (AGV, CEO: a Latin acronym the tagger took for a name)
    if m.cls == PERSON and m.source == "ner" and (
            _word_tags().get(m.text, "nr")[:2] not in ("nr", "nz", "ns", "j", "x") or re.search("[着了过]$", m.text)):
        return False  # 通讯员, 职务, 笑着: a word of the language, not a name
    if m.cls in ORG_CLASSES and m.text in lex.pronouns:
        return False
    if m.cls in ORG_CLASSES and m.text in lex.groups:
        return False
    if m.cls in ORG_CLASSES and m.text in lex.generic_references:
        return False
    if m.cls == DISTRICT and m.source == "ner" and (
            m.text.endswith(("中心", "基地", "工厂", "车间", "仓库", "项目", "超市", "门市", "夜市")) or "的" in m.text):
        return False  # 鲜切花出口加工中心: a facility, not a place; 华东地区的某某超市: a shop there
    if m.cls == DISTRICT and m.source == "ner" and not _reads_as_place(m.text):
        return False  # 某地椅业抱团拓市场: a headline the tagger took for an address
    if m.cls == ENTERPRISE and m.text.endswith(("总部", "工厂", "基地")) and m.source == "ner":
        return False  # 某某股份总部: the firm's headquarters, named by the firm's own name
    if m.cls == ENTERPRISE and m.text.endswith("子公司") and not m.text.endswith(("有限公司", "分公司")):
        return False  # 央企子公司, 其全资子公司: what a firm is, not its name
    if m.cls == BANK and _is_generic(m.text):
        return False  # 地方法人银行, 城市商业银行: a kind of bank, no name
    if m.text in _ending_words():
        return False  # 步行街, 开发区 alone: a kind of place, not one
    return bool(m.text.strip())


def _add_alias_mentions(text: str, mentions: list[Mention], aliases: dict[str, str],
                        classes: dict[str, str], full_names: set[str]) -> list[Mention]:
    """Every occurrence of a short form or alias, as a mention of its full name
    (also where the tagger took only part of it: 某某 of 某某重工)."""
    if not aliases:
        return mentions
    extra = []
    pattern = _pattern(tuple(sorted(aliases, key=len, reverse=True)))
    for m in pattern.finditer(text):
        if m.group() in full_names:
            continue
        if m.group() in lexicon().pronouns and m.start() > 0 and text[m.start() - 1] in "子分总该本这我":
            continue  # （以下简称“公司”）: not the 公司 of 子公司 or 该公司
        extra.append(Mention(m.start(), m.end(), m.group(), classes.get(aliases[m.group()], ENTERPRISE), "alias"))
    return resolve_overlaps(mentions + extra)


def _add_pronoun_mentions(text: str, mentions: list[Mention], doc: Document,
                          entities: dict[str, Entity]) -> list[Mention]:
    """该公司 / 该行 / 公司 (standing alone) -> the nearest firm named before it,
    else the firm in the headline."""
    lex = lexicon()
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    firms = [m for m in mentions if entities[m.key].cls in ORG_CLASSES]  # (and 该院, 该局: bodies)
    headline_end = len("\n".join((doc.title,) + doc.subtitles))
    title_firms = [m for m in firms if m.start < headline_end]
    out = list(mentions)
    for p in _pattern(tuple(sorted(lex.pronouns, key=len, reverse=True))).finditer(text):
        if any(taken[p.start():p.end()]):
            continue
        word = p.group()
        # Bare 公司 counts only when nothing name-like is glued to its left (客服公司 is a name).
        if word == "公司" and p.start() > 0 and re.match(f"[{CJK}A-Za-z0-9]", text[p.start() - 1]) \
                and text[p.start() - 1] not in "，。；、：“”的是了在和与该本" and text[p.start() - 1] not in _PREPOSITIONS \
                and not _word_tags().get(list(tokenizer().cut(text[max(0, p.start() - 4):p.start()], HMM=False))[-1],
                                         "").startswith(("v", "t")):
            continue  # (确定公司为…: a verb before it is no part of a name, nor a time: 明年公司还将…)
        if word in lex.pronoun_contexts and not lex.pronoun_contexts[word].match(text, p.start()):
            continue
        classes = lex.pronouns[word]
        before = [m for m in firms if m.end <= p.start() and entities[m.key].cls in classes]
        if word in ("前者", "后者"):
            # of the last two named: 前者 the one before the last (not what these words resolved to)
            before = [m for m in before if m.text not in ("前者", "后者")]
            if word == "前者" and before:
                before = [m for m in before if m.key != before[-1].key]
        if word == "对方" and before:
            before = [m for m in before if m.key != before[-1].key]  # the nearest one is the one acting
        if word == "其" and before and p.start() - before[-1].end <= 6 \
                and not re.search("[，。；：、“”]", text[before[-1].end:p.start()]):
            # 确定公司为其…, 某某曾为其减免: 其 is never the one acting in its own clause (that would be 自己)
            before = [m for m in before if m.key != before[-1].key]
        speaker = _interviewee_firm(text, p.start(), mentions, entities) if word in _FIRST_PERSON else None
        if speaker is not None:
            target = speaker  # 周某：我们去年推出了… (the one answering speaks for the firm of his title)
        elif word in ("前者", "后者"):
            target = before[-1] if before else None
        elif word in _BARE and before:
            line_start = text.rfind("\n", 0, p.start()) + 1
            in_line = [m for m in before if m.start >= line_start]
            if word == "企业" and (not in_line or _IN_AGGREGATE.search(text, max(line_start, p.start() - 16), p.start())):
                continue  # firms in general, or lending summed up
            earlier = {m.key for m in before if m.start < line_start}
            # a paragraph that opens with a firm is about it (某某公司是受益企业之一。…公司总经理…)
            lead = [m for m in in_line if m.start - line_start <= 1 and entities[m.key].cls == ENTERPRISE]
            # an item of a news-in-brief list (某某（代码）：某某公司公告，公司…) names its own firm
            target = lead[0] if lead else \
                _main_firm(in_line if in_line and not earlier & {m.key for m in in_line} else before)
        else:
            titled = [m for m in title_firms if entities[m.key].cls in classes]
            target = _antecedent(text, p.start(), before) if before else (titled[0] if titled else None)
        if target is None:
            continue
        out.append(Mention(p.start(), p.end(), word, entities[target.key].cls, "coref", target.key))
        entities[target.key].mentions.append(out[-1])
        bisect.insort(firms, out[-1], key=lambda m: m.start)  # 公司与某某签约。银行拟向其…: 公司 is its topic
        taken[p.start():p.end()] = b"\x01" * (p.end() - p.start())
    # a description may hold a product or a place (这家位于某地的辣条生产企业), not a name
    named = bytearray(len(text) + 1)
    for m in out:
        if m.cls not in (PRODUCT, DISTRICT, SITE):
            named[m.start:m.end] = b"\x01" * (m.end - m.start)
    for (start, end), target in _descriptive_references(text, [m for m in firms if entities[m.key].cls == ENTERPRISE],
                                                        entities):
        tail = text.rfind("的", start, end) + 1
        if tail and any(start <= m.start and m.end < tail for m in out if m.cls in (DISTRICT, SITE)) \
                and not any(tail <= m.start < end for m in out if m.cls not in ORG_CLASSES and m.cls != GROUP):
            start = tail  # 这家位于某区的餐饮企业: the noun after the description refers, its place stays one
        # the tagger may have taken the bare kind for a name of its own (合作社), or the
        # groups finder a kind (这家…的餐饮企业): it is this one
        bare = [m for m in out if (m.start, m.end) == (start, end) and (m.source == "ner" or m.cls == GROUP)]
        if bare:
            out.remove(bare[0])
            own = entities.get(bare[0].key)
            if own is not None:
                own.mentions = [m for m in own.mentions if m != bare[0]]
                if not own.mentions:
                    del entities[bare[0].key]
            named[start:end] = b"\x00" * (end - start)
        if not any(named[start:end]):
            out.append(Mention(start, end, text[start:end], ENTERPRISE, "coref", target.key))
            entities[target.key].mentions.append(out[-1])
            named[start:end] = b"\x01" * (end - start)
    return sorted(out, key=lambda m: m.start)


@cache
def _demonstrative_or_title() -> re.Pattern:
    return re.compile(f"该|这家|此|(?P<title>{_roles_alternation()})")


# 这家成立不到三年的食品企业: a firm described, not named.
_THIS_FIRM = re.compile(f"(?:这家|该家)[^，。；！？“”、]{{0,14}}?(?:企业|公司|厂)")


# Kinds of zone a park or district's name ends in; alone, they name the one named before
_ZONE_KINDS = ("经济技术开发区", "高新技术产业开发区", "经济开发区", "综合保税区", "工业园区", "产业园区", "开发区", "高新区",
               "经开区", "综保区", "产业园", "工业园", "科技园", "保税区", "新区")
# a bare kind's short form and the endings of the full names it stands for (落户综保区 after 某某综合保税区)
_SHORT_ZONE_KINDS = {"综保区": ("综合保税区",), "经开区": ("经济技术开发区", "经济开发区"), "高新区": ("高新技术产业开发区",)}
_BARE_ZONE = re.compile(f"(?<=[入进驻在至到于落和与的，、户])(?:{'|'.join(_ZONE_KINDS)})(?![{CJK}]{{0,2}}(?:管委会|管理委员会))")


def _add_bare_zone_mentions(text: str, mentions: list[Mention], entities: dict[str, Entity]) -> list[Mention]:
    """入驻开发区, 是去年入驻产业园的: the bare kind after the one zone or park of
    that kind named before it is that zone."""
    zones = [m for m in mentions if m.cls in (DISTRICT, SITE) and m.text.endswith(_ZONE_KINDS)]
    if not zones:
        return mentions
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = list(mentions)
    # 落户洋浦 after 洋浦经济开发区: the zone by its name without the kind
    stems = {}
    for m in zones:
        kind = next(k for k in _ZONE_KINDS if m.text.endswith(k))
        stem = m.text[: -len(kind)]
        for form in {stem} | {stem[len(p):] for p in _division_prefixes(stem)}:  # (海南洋浦: 洋浦 too)
            if len(form) >= 2 and form not in lexicon().divisions and _is_rare_or_a_name(form):
                stems.setdefault(form, set()).add(m.key)
    stem_pattern = re.compile(f"(?:(?<={_VERBS_OF_WHERE})|(?<=在))(?:{'|'.join(map(re.escape, stems))})"
                              f"(?=[，。、；的）\\s]|$|建设|投资|新建|设立)") \
        if stems else None
    for bare in (*_BARE_ZONE.finditer(text), *(stem_pattern.finditer(text) if stem_pattern else ())):
        if any(taken[bare.start():bare.end()]):
            continue
        endings = (bare.group(),) + _SHORT_ZONE_KINDS.get(bare.group(), ())
        named = {m.key for m in zones if m.end <= bare.start() and m.text.endswith(endings)} \
            or {k for k in stems.get(bare.group(), ()) if any(m.key == k and m.end <= bare.start() for m in zones)}
        if len(named) == 1:
            key = named.pop()
            out.append(Mention(bare.start(), bare.end(), bare.group(), entities[key].cls, "coref", key))
            entities[key].mentions.append(out[-1])
    return sorted(out, key=lambda m: m.start)


def _descriptive_references(text: str, firms: list[Mention], entities: dict[str, Entity]):
    """(span, firm) for 该酒庄 / 这家酒庄 / 酒庄总经理 after 某某酒庄有限公司 (the kind
    its name ends in), and for 这家……企业: the nearest firm named before."""
    heads: dict[str, list[Mention]] = {}
    industry = set(lexicon().industry_words)
    for m in firms:
        core = _without_legal_form(entities[m.key].label)
        # The kind of firm its name ends in (酒庄, 合作社); not a trade (该科技 is no reference).
        for head in {core[-2:], core[-3:]} - industry:
            if len(core) > len(head) and re.fullmatch(f"[{CJK}]+", head):
                heads.setdefault(head, []).append(m)
    if heads:
        # 该酒庄, 这家酒庄; and the bare kind with a title after it: 酒庄总经理某某说
        by_length = sorted(heads, key=len, reverse=True)
        for p in _demonstrative_or_title().finditer(text):
            if p.group("title"):
                kind = next((h for h in by_length if text.endswith(h, 0, p.start())), None)
                span = (p.start() - len(kind), p.start()) if kind else None
                if span and not (span[0] == 0 or text[span[0] - 1] in "。，；：“”\n"):
                    span = None
            else:
                kind = next((h for h in by_length if text.startswith(h, p.end())), None)
                span = (p.start(), p.end() + len(kind)) if kind else None
            before = [m for m in heads[kind] if m.end <= span[0]] if span else []
            if before:
                yield span, before[-1]
    for p in _THIS_FIRM.finditer(text):
        before = [m for m in firms if m.end <= p.start()]
        if before:
            yield p.span(), before[-1]
    # the bare kind, for the one firm of that kind named before: 为合作社发放贷款
    for kind, named in heads.items():
        if not (kind[-1] in "社庄场厂院馆店" and kind in tokenizer().FREQ and len({m.key for m in named}) == 1):
            continue
        for at in _occurrences(text, kind):
            before = [m for m in named if m.end <= at]
            if before and (at == 0 or text[at - 1] in "为向给对与和由从在。，；：“\n") \
                    and not re.match(f"[{CJK}]*(?:有限|公司)", text[at + len(kind):at + len(kind) + 4]):
                yield (at, at + len(kind)), before[-1]


# A firm right after these is an oblique (向A供货, 与A签约, 包括A、B), not what the sentence is about.
_OBLIQUE_MARK = re.compile(r"(?:向|为|给|对|与|和|同|跟|从|替|帮|包括|如)$")
_LIST_JOINT = re.compile(r"[、，,]?(?:和|及|与|以及|或)?$")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
# 某集团所属的某某公司: the parent only says whose the firm is; the firm is the topic
_POSSESSOR = re.compile("(?:所属|旗下|下属)的?|的(?:全资|控股)?子公司")


_BARE = ("公司", "我们公司", "我公司", "企业")
_IN_AGGREGATE = re.compile("累计|全年|共计|共|今年以来|年以来|截至|截止|已累计|各类|广大|辖区|区内|市内|全市|全区|全省")
_FIRST_PERSON = ("我们", "我们公司", "我公司", "我行")
_ANSWER = re.compile(f"([{CJK}·]{{2,5}})[：:]")


def _interviewee_firm(text: str, at: int, mentions: list[Mention], entities: dict[str, Entity]) -> Mention | None:
    """In an interview's answer (周某：我们…), the firm or bank whose title the
    one answering holds where the text names him (访某某银行某某分行行长周某)."""
    line_start = text.rfind("\n", 0, at) + 1
    answer = _ANSWER.match(text, line_start)
    if not answer or answer.end() > at:
        return None
    name = answer.group(1)
    for named in _occurrences(text, name):
        employer = [m for m in mentions if 0 < named - m.end <= 8 and entities[m.key].cls in (ENTERPRISE, BANK)
                    and _title().fullmatch(text, m.end, named)]
        if employer:
            return employer[0]
    return None


def _main_firm(before: list[Mention]) -> Mention:
    """Bare 公司 names the firm the article is about: the one mentioned most so
    far (the first of equals), not the last one named (A收购B。B将成为公司子公司)."""
    counts: dict[str, int] = {}
    for m in before:  # (其 in 为其供应 is the customer, who is no more the article's firm for it)
        counts[m.key] = counts.get(m.key, 0) + (m.text != "其")
    key = max(counts, key=counts.get)  # (the first of equals: dicts keep the order of mention)
    return next(m for m in reversed(before) if m.key == key)


def _antecedent(text: str, at: int, before: list[Mention]) -> Mention:
    """What 该公司 at ``at`` refers to. Within its own sentence, the nearest firm
    named before it. From an earlier sentence, that sentence's topic: its first
    firm not in an oblique (A并未向B供货。该公司… -> A), else the nearest."""
    sentence_start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, at)), default=0)
    if before[-1].end > sentence_start:
        return before[-1]
    previous_start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, before[-1].start)), default=0)
    candidates = [m for m in before if m.start >= previous_start]
    oblique, last_end = False, previous_start
    for m in candidates:
        between = text[last_end:m.start]
        listed = last_end > previous_start and _LIST_JOINT.fullmatch(between)
        oblique = bool(_OBLIQUE_MARK.search(between)) or (oblique and bool(listed))
        if not oblique and not _POSSESSOR.match(text, m.end):
            return m
        last_end = m.end
    return before[-1]


_COUNT_BEFORE = re.compile(r"(?:约|近|超过|超)?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:余|多)?万?[家户个]$")


def _add_counted_group_aliases(text: str, out: DocumentEntities) -> None:
    """312家中小微企业: the group keeps its name, and the counted form the text
    uses is one of its names too."""
    for m in out.mentions:
        if m.cls == GROUP and m.key in out.entities:
            count = _COUNT_BEFORE.search(text, max(0, m.start - 10), m.start)
            if count and not m.text[0].isdigit():
                out.entities[m.key].aliases.add(count.group() + m.text)


def _link_branches(out: DocumentEntities) -> None:
    """X银行Y分行 is a sub-organisation of X银行."""
    banks = {e.label: e for e in out.entities.values() if e.cls == BANK}
    for e in banks.values():
        if e.label.endswith(("分行", "支行")):
            m = re.match(r"(.+?银行)((?:股份)?有限(?:责任)?公司)?", e.label)
            if m and m.group() != e.label:
                parent = m.group()  # (某某银行股份有限公司沧州分行: the parent by its registered name)
                full = lexicon().banks.get(m.group(1), m.group(1))
                e.attrs["parent"] = entity_key(full)
                if e.attrs["parent"] not in out.entities:
                    out.entities[e.attrs["parent"]] = Entity(e.attrs["parent"], full, BANK)
                if parent != full:  # 工商银行 of 工商银行常州分行 is 中国工商银行, named so here
                    out.entities[e.attrs["parent"]].aliases.add(parent)


_PRODUCT_SIZE = re.compile(r"(?:中大|中小|大|中|小|微|重|轻)型|大吨位|小排量|大马力"
                           r"|\d+(?:\.\d+)?(?:英寸|寸|毫米|纳米|nm|mm|兆瓦|千瓦|MW|kW)(?:级)?")  # (8英寸晶圆)


# A department between an employer and a title: 技术部, 研发中心, 研发.
_DEPARTMENT = re.compile(f"(?:{_UNIT_NAME}|研发|技术|销售|生产|市场|财务)")


@cache
def _roles_alternation() -> str:
    """The titles of data/dict/roles.txt as a regex alternative, longest first."""
    return "|".join(map(re.escape, sorted(lexicon().roles, key=len, reverse=True)))


@cache
def _title() -> re.Pattern:
    """One title of data/dict/roles.txt."""
    return re.compile(f"(?:{_roles_alternation()})")


@cache
def _title_before() -> re.Pattern:
    """A title and the 、/兼 that joins it to the next one."""
    return re.compile(f"(?:{_roles_alternation()})(?:、|兼)$")


def _attach_roles(text: str, people: list[tuple[Mention, str]], out: DocumentEntities) -> None:
    """据X总经理Y介绍: Y's role is 总经理 and the employer the organisation right before it."""
    org_by_end = {m.end: m for m in out.mentions if m.cls in ORG_CLASSES}
    for person, role in people:
        key = entity_key(person.text)
        if key not in out.entities:
            continue
        if not role:  # 某某厂长介绍: the title after the name, the employer from the sentence
            title = _title().match(text, person.end)
            role = title.group() if title else ""
            employer = _speakers_firm(text, person, out)
        else:
            employer = _employer_before(text, person.start - len(role), org_by_end) or \
                next((org_by_end[at] for at in range(person.start - len(role) + 1, person.start) if at in org_by_end),
                     None)  # 某银行宁波分行行长某某: the title (分行行长) overlaps the name's ending
        out.entities[key].attrs.setdefault("role", role)
        if employer is not None and key not in out.roles:
            out.roles[key] = (role, employer.key, person.start)
    _roles_as_predicates(text, out)
    _roles_in_brackets(text, out)
    _roles_listed_after(text, people, out)


def _roles_in_brackets(text: str, out: DocumentEntities) -> None:
    """某某（某某公司总经理）表示: the role and employer in brackets after the name."""
    org_by_start = {m.start: m for m in out.mentions if m.cls in ORG_CLASSES}
    title = re.compile(f"(?:{_roles_alternation()})[）)]")
    for person in (m for m in out.mentions if m.cls == PERSON):
        key = person.key or entity_key(person.text)
        org = org_by_start.get(person.end + 1) if text[person.end:person.end + 1] in "（(" else None
        role = title.match(text, org.end) if org else None
        if role and key in out.entities and key not in out.roles:
            out.entities[key].attrs.setdefault("role", role.group()[:-1])
            out.roles[key] = (role.group()[:-1], org.key, person.start)


def _roles_listed_after(text: str, people: list[tuple[Mention, str]], out: DocumentEntities) -> None:
    """某某公司董事长某某、总经理某某: a title listed after a named colleague shares the employer."""
    by_end = {p.end: p for p, _ in people}
    for person, role in people:
        key = entity_key(person.text)
        if not role or key in out.roles or key not in out.entities:
            continue
        before = by_end.get(person.start - len(role) - 1)
        if before and text[before.end:before.end + 1] in "、，" and entity_key(before.text) in out.roles:
            employer = out.roles[entity_key(before.text)][1]
            out.roles[key] = (role.strip(), employer, person.start)


_IS_ROLE_OF = re.compile("(?:先生|女士)?(?:是|系|为|担任|现任|出任)")  # (聘任某某女士为公司总经理)


def _roles_as_predicates(text: str, out: DocumentEntities) -> None:
    """某某是某某公司的创始人 / 他是该公司的董事长: the role as what the person is.
    他/她 is the person named last before it."""
    org_by_start = {m.start: m for m in out.mentions if m.cls in ORG_CLASSES}
    people = sorted((m for m in out.mentions if m.cls == PERSON), key=lambda m: m.start)
    title = re.compile(f"的?(?:{_roles_alternation()})")
    subjects = [(m.end, m) for m in people] + \
        [(he.end(), before[-1]) for he in re.finditer("[他她]", text)
         if (before := [m for m in people if m.end <= he.start()])]
    for end, person in subjects:
        key = person.key or entity_key(person.text)
        verb = _IS_ROLE_OF.match(text, end)
        org = org_by_start.get(verb.end()) if verb else None
        role = title.match(text, org.end) if org else None
        if role and key in out.entities and key not in out.roles:
            out.entities[key].attrs.setdefault("role", role.group().lstrip("的"))
            out.roles[key] = (role.group().lstrip("的"), org.key, person.start)


_NAMING_BRACKET = re.compile(r"[（(][^（）()]{0,28}(?:简称|代码)[^（）()]{0,16}[）)]$")


def _employer_before(text: str, role_start: int, org_by_end: dict[int, Mention]) -> Mention | None:
    # 某银行党委书记、行长某某 / 董事长兼总经理: earlier titles between employer and role
    # (公司联合创始人、技术副总裁某某: a department before the later title)
    department = re.search(f"(?:{_DEPARTMENT.pattern})$", text[max(0, role_start - 6):role_start])
    if department and _title_before().search(text, max(0, role_start - len(department.group()) - 12),
                                             role_start - len(department.group())):
        role_start -= len(department.group())
    while role_start not in org_by_end and (title := _title_before().search(text, max(0, role_start - 12),
                                                                             role_start)):
        role_start = title.start()
    role_start = _before_naming_bracket(text, role_start, org_by_end)
    employer = org_by_end.get(role_start) or (org_by_end.get(role_start - 1) if text[role_start - 1:role_start] == "的"
                                              else None)  # 某某公司的负责人某某
    if employer is None and department:  # 某某公司技术部主任, 公司研发总监: a department between
        employer = org_by_end.get(_before_naming_bracket(text, role_start - len(department.group()), org_by_end))
    if employer is None:
        employer = next((org_by_end[at] for at in range(max(0, role_start - 6), role_start)
                         if at in org_by_end and _DEPARTMENT.fullmatch(text, at, role_start)), None)
    return employer


def _before_naming_bracket(text: str, at: int, org_by_end: dict[int, Mention]) -> int:
    """某某公司（以下简称“某某”）财务总监某某: a bracket that names the firm stands
    between it and the title; the title is the firm's."""
    named = _NAMING_BRACKET.search(text, max(0, at - 32), at)
    return named.start() if named and at not in org_by_end and named.start() in org_by_end else at


def _speakers_firm(text: str, person: Mention, out: DocumentEntities) -> Mention | None:
    """“……”某某厂长介绍，公司生产的……: the firm the speaker's sentence names,
    before the name (the nearest) or after it (the first)."""
    start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, person.start)), default=0)
    end = next((e.start() for e in _SENTENCE_END.finditer(text, person.end)), len(text))
    firms = [m for m in out.mentions if m.cls in (ENTERPRISE, BANK) and start <= m.start < end]
    before = [m for m in firms if m.end <= person.start]
    return before[-1] if before else next((m for m in firms if m.start >= person.end), None)


# the title of a notice (关于…的通告): the body named alone on the line above issues it
_NOTICE_TITLE = re.compile(r"[^\n]{0,40}(?:通告|通知|公告|倡议书|决定)\n")


def _topic(doc: Document, out: DocumentEntities) -> str | None:
    first_line_end = doc.text.find("\n")
    if first_line_end > 0 and _NOTICE_TITLE.match(doc.text, first_line_end + 1):
        issuer = [m for m in out.mentions if (m.start, m.end) == (0, first_line_end)
                  and m.cls in (GOVERNMENT, ENTERPRISE, ORGANIZATION)]
        if issuer:
            return issuer[0].key
    firms = [m for m in out.mentions if m.cls in (ENTERPRISE, BANK)]
    headline_end = len("\n".join((doc.title,) + doc.subtitles))
    in_title = [m for m in firms if m.start < headline_end]
    if in_title:
        return in_title[0].key
    counts: dict[str, int] = {}
    for m in firms:
        counts[m.key] = counts.get(m.key, 0) + 1
    return max(counts, key=lambda k: (counts[k], k)) if counts else None
