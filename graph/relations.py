"""Entities in sentences -> facts with evidence.

Each sentence is rewritten with its mentions masked as ``⟦i:C⟧`` (mention
index, class letter) and the rules of data/dict/relation_rules.toml are matched
against it. A match names a subject and an object slot; lists in a slot
(A、B和C) give one fact per member; a missing subject falls back to the nearest
compatible mention before the match, then to the firm the article is about.
Amounts, counts, dates and the modality of each fact come from the words
around it (graph.quantities, graph.modality).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from . import quantities
from .entities import DocumentEntities
from .modality import modality as judge_modality
from .nlp import is_dateline
from .resources import resource
from .types import (BANK, DONE, ENCOURAGED, GROUP, LENDS_TO, LOCATED_IN, NEGATED, PLANNED, PRODUCES, PRODUCT,
                    REDUCES_RENT_FOR, REQUESTED, SUPPLIES, WORKS_FOR, Document, Evidence, Fact, Mention, Sentence)

CLASS_LETTER = {"Enterprise": "E", "Bank": "B", "GovernmentAgency": "G", "Organization": "O",
                "EnterpriseGroup": "Q", "District": "D", "Site": "S", "Product": "P", "Person": "H"}
_PLACEHOLDER = re.compile(r"⟦(\d+):(\w)⟧")
# (公司及全资子公司某某拟向…申请: the firm and its subsidiary, both)
_LIST_JOINER = r"(?:(?:、|和|及|与|以及|或)(?:其?(?:全资|控股)?子公司)?|，)"
_SLOT_JOINER = r"(?:(?:、|和|及|与|以及|或)(?:其?(?:全资|控股)?子公司)?)"
# A count may stand between a joiner and the next member: 2万件防护服和10万只口罩.
_MEMBER_COUNT = r"(?:\d[\d.]*[万千百亿]?[余多]?[^\d⟦⟧，。、；和及与]{1,2})?"
_JOINED = re.compile(_SLOT_JOINER)  # what joins two members of a list in the text (A、B和C)
# a party in an oblique phrase: 为B, 向某地的B (not 和, which also joins a list)
_AFTER_OBLIQUE = re.compile(r"(?:为|向|给|对|与|同|跟|从)(?:[^，。；：“”、]{0,6}的)?$")
_PLACE_LETTERS = "DS"


@dataclass(frozen=True)
class Rule:
    id: str
    relation: str
    regex: re.Pattern
    subject_classes: str
    object_classes: str
    modality: str | None
    subject_optional: bool = False  # {S:ROLE}?: the subject may be elsewhere, so no party after 在/向/为 is it
    trigger: re.Pattern | None = None  # the trigger words alone: a sentence without them is not searched


def _expand(pattern: str, roles: dict[str, str]) -> tuple[str, str, str]:
    classes = {"S": "", "O": ""}

    def slot(m: re.Match) -> str:
        name, role = m.group(1), m.group(2)
        classes[name] = roles[role]
        # the slot, then any list after it (A、B和C), so what follows the list can match;
        # places also chain with nothing between them (湖南长沙, 山东省潍坊市)
        joiner = _SLOT_JOINER + ("?" if set(roles[role]) <= set(_PLACE_LETTERS) else "")
        # ... and the group a list ends with: A、B等18家企业
        group = f"(?:等{_MEMBER_COUNT}⟦\\d+:Q⟧)?" if "Q" in roles[role] else ""
        lazy = "?" if m.group(3) else ""  # an optional subject's list may end early: the gap follows
        out = f"(?P<{name}>⟦\\d+:[{roles[role]}]⟧)(?:{joiner}{_MEMBER_COUNT}⟦\\d+:[{roles[role]}]⟧)*{lazy}{group}"
        return out

    # {S:ROLE}?{G}: the subject may be absent, and then so is the gap before the
    # trigger (trying a gap at every position is what would make such rules slow).
    pattern = re.sub(r"\{S:(\w+)\}\?\{G\}", r"(?:{S:\1?}{G})?", pattern)
    out = re.sub(r"\{([SO]):(\w+)(\?)?\}", slot, pattern)
    out = re.sub(r"\{T:([^}]+)\}", lambda m: f"(?P<T>{m.group(1)})", out)
    out = out.replace("{W}", r"[^⟦⟧。！？；]{0,12}?")
    out = out.replace("{P}", r"(?:[^⟦⟧。！？；]|⟦\d+:[DS]⟧){0,14}?")
    out = out.replace("{G}", r"(?:[^⟦。！？；]|⟦\d+:\w⟧){0,40}?")
    # {N}: a gap with no party in it (places, products, people may be there), so the
    # slot before it is the nearest party (公司全资子公司X拟向…申请: X, not 公司)
    out = out.replace("{N}", r"(?:[^⟦。！？；]|⟦\d+:[DSPH]⟧){0,40}?")
    # {FOR_IT}: the clause goes on to give to the other party (，为其提供, ，将向其供应)
    out = out.replace("{FOR_IT}", r"[^。！？；]*?[，,][^。！？；，,]{0,12}?(?:为|向|给)其")
    return out, classes["S"], classes["O"]


@cache
def rules() -> tuple[Rule, ...]:
    with resource("dict/relation_rules.toml").open("rb") as fh:
        spec = tomllib.load(fh)
    out = []
    for r in spec["rule"]:
        regex, subj, obj = _expand(r["pattern"], spec["roles"])
        # (a rule without an {S} or {O} slot names that party's role: it was named before)
        subj, obj = subj or spec["roles"][r["subject"]], obj or spec["roles"][r["object"]]
        trigger = re.search(r"\{T:([^}]+)\}", r["pattern"])
        out.append(Rule(r["id"], r["relation"], re.compile(regex), subj, obj, r.get("modality"),
                        "{S:" in r["pattern"] and "}?{G}" in r["pattern"],
                        re.compile(trigger.group(1)) if trigger else None))
    return tuple(out)


def _mask(sentence: Sentence, mentions: list[Mention]) -> tuple[str, list[Mention], list[int]]:
    """The sentence with mentions replaced by placeholders; and where each masked char came from."""
    parts, origin, used = [], [], []
    pos = sentence.start
    for m in mentions:
        if m.start < pos or m.end > sentence.end:
            continue
        parts.append(sentence.text[pos - sentence.start:m.start - sentence.start])
        origin.extend(range(pos, m.start))
        token = f"⟦{len(used)}:{CLASS_LETTER.get(m.cls, 'X')}⟧"
        parts.append(token)
        origin.extend([m.start] * (len(token) - 1) + [m.end - 1])  # (its last char: where the name ends)
        used.append(m)
        pos = m.end
    parts.append(sentence.text[pos - sentence.start:])
    origin.extend(range(pos, sentence.end + 1))
    return "".join(parts), used, origin


_LIST_GROUP = re.compile(r"等" + _MEMBER_COUNT + r"⟦(\d+):Q⟧")  # A、B等18家企业: the group a list ends with
_LIST_KIND = re.compile(r"等⟦(\d+):P⟧")  # A、B等鲜切花: the kind of goods a list ends with


def _members(masked: str, m: re.Match, slot: str, classes: str) -> list[int]:
    """The mention in a slot and any listed right after it: A、B和C. Places
    with nothing between them are a path, not a list (广东佛山, 南宁市青秀区):
    the innermost one stands for it."""
    first = _PLACEHOLDER.fullmatch(m.group(slot))
    found, letter = [int(first.group(1))], first.group(2)
    pos = m.end(slot)
    other = "O" if slot == "S" else "S"
    # never into the other slot: X与Y签订合同 is no list of X and Y
    limit = m.start(other) if other in m.re.groupindex and m.group(other) and m.start(other) >= pos else len(masked)
    joiner = re.compile(_LIST_JOINER + "?" + _MEMBER_COUNT + r"⟦(\d+):([A-Z])⟧")
    while (more := joiner.match(masked, pos)) and more.group(2) in classes and more.end() <= limit:
        if more.group(0).startswith("⟦") and letter in _PLACE_LETTERS and more.group(2) in _PLACE_LETTERS:
            found.pop()
        found.append(int(more.group(1)))
        letter, pos = more.group(2), more.end()
    group = _LIST_GROUP.match(masked, pos)
    if group and "Q" in classes and group.end() <= limit:
        found.append(int(group.group(1)))  # A等粮食加工企业: the group the examples stand for
    kind = _LIST_KIND.match(masked, pos)
    if kind and "P" in classes and kind.end() <= limit:
        found.append(int(kind.group(1)))  # 玫瑰、康乃馨等鲜切花: the kind of goods the examples stand for
    return found


def extract_facts(doc: Document, sentences: list[Sentence], ents: DocumentEntities,
                  ref_date: date | None = None) -> list[Fact]:
    facts: dict[tuple, Fact] = {}
    by_sentence = _mentions_by_sentence(sentences, ents.mentions)
    for sentence in sentences:
        masked, used, origin = _mask(sentence, by_sentence[sentence.index])
        if not used:
            continue
        items = None
        titles = [t.span() for t in _DOCUMENT_TITLE.finditer(masked)]
        for rule in rules():
            for m in _matches(rule, masked, used):
                if any(start < m.start("T") < end for start, end in titles):
                    continue  # (inside 关于…的通知: what a document is about)
                if "O" in rule.regex.groupindex:
                    objects = _clause_object(masked, m, rule) or _members(masked, m, "O", rule.object_classes)
                else:  # 这笔贷款由某银行发放: the borrower was named before
                    objects = _fallback_object(masked, m, rule, sentence, _window_start(sentences, sentence), ents,
                                               doc.text)
                # 向天津某企业供货, 为苏州一家厂商供应: a place right before 某/一家 describes an unnamed party
                unnamed = "某" if rule.relation == LOCATED_IN else "某|一家"  # (某地一家企业——某某公司 is there)
                objects = [_subsidiary(masked, o, rule.object_classes) for o in objects if not isinstance(o, int)
                           or not re.match(unnamed, masked[_placeholder_end(masked, o):])]
                subjects = (_clause_subject(masked, m, rule) or _members(masked, m, "S", rule.subject_classes)
                            if m.groupdict().get("S") else [])
                unfit = _is_oblique if rule.subject_optional else _is_beneficiary
                subjects = [s for s in subjects if not unfit(masked, s) and not _is_source(masked, s)
                            and not (rule.relation == LOCATED_IN and _preceded_by(_COMITATIVE, masked, s))] or \
                    _fallback_subject(masked, m, rule, objects, sentence, _window_start(sentences, sentence), ents)
                subjects = [_operator(masked, _subsidiary(masked, s, rule.subject_classes), rule.subject_classes)
                            for s in subjects]
                urged = _urged_parties(masked, m, subjects, rule) if m.groupdict().get("S") and subjects else None
                subjects = subjects if urged is None else [u for u in urged if u not in objects]
                # 国资委要求市属国企为租户减租: what one is told to do is not yet done
                told = urged is not None and _TELLING.search(masked, 0, m.start("T")) is not None
                if not subjects:
                    continue
                if items is None:
                    items = quantities.scan(sentence.text, ref_date)
                for s in subjects:
                    for o in objects:
                        if o in subjects:
                            continue  # two members of one list (X与A、B银行签订…) do not act on each other
                        subj = used[s].key if isinstance(s, int) else s
                        obj = used[o].key if isinstance(o, int) else o
                        if subj == obj or rule.relation == PRODUCES and ents.entities[obj].label.endswith("贷"):
                            continue  # (推出“某某贷”: a loan product is lent, not made)
                        subject_end = _placeholder_end(masked, s) if isinstance(s, int) else None
                        fact = _as_loan(_fact(doc, sentence, rule, m, origin, subj, obj, used, items, subject_end),
                                        ents)
                        if told and fact.modality == DONE:
                            fact = replace(fact, modality=ENCOURAGED)
                        facts.setdefault((subj, fact.relation, obj, sentence.index), fact)
    _drop_contradicted_deals(facts)
    _beneficiaries_of_group_facts(doc, facts, sentences, by_sentence, ents)
    _negate_denied_rumours(facts, sentences)
    _negate_refused_requests(facts, sentences)
    for person, (role, employer, offset) in ents.roles.items():
        sentence = next((s for s in sentences if s.start <= offset < s.end), None)
        if sentence is not None and employer != person:
            facts.setdefault((person, WORKS_FOR, employer, sentence.index), Fact(
                person, WORKS_FOR, employer, _evidence(doc, sentence), DONE, "role.title-before-name", 0.8,
                {}))
    return list(facts.values())


_DEALS = frozenset({"supply.contract-with-x", "supply.purchase-contract-with-x"})


def _drop_contradicted_deals(facts: dict) -> None:
    """A contract's direction is read from its kind (采购合同: the one named first
    buys); where the same sentence says outright who supplies whom, that wins."""
    for key in [k for k, f in facts.items() if f.rule in _DEALS]:
        subj, relation, obj, sentence = key
        reverse = facts.get((obj, relation, subj, sentence))
        if reverse is not None and reverse.rule not in _DEALS:
            del facts[key]


# 某某公司是受益企业之一: one of the group a fact just stated was for
_ONE_OF_THE_BENEFICIARIES = re.compile(r"⟦(\d+):E⟧(?:也|就|正)?是(?:此次|这次|本次|首批|其中)?的?(?:受益|获益|受惠)"
                                       r"(?:企业|商户|租户|单位|主体)之一")


def _beneficiaries_of_group_facts(doc: Document, facts: dict, sentences: list[Sentence],
                                  by_sentence: dict, ents: DocumentEntities) -> None:
    """A firm that is one of the beneficiaries gets the last fact, in the three
    sentences before, whose object was a group (某置业为小微企业减租。某某公司是受益企业之一)."""
    for sentence in sentences:
        if "之一" not in sentence.text:
            continue  # (most sentences hold no 之一: they need not be masked a second time)
        masked, used, _ = _mask(sentence, by_sentence[sentence.index])
        for m in _ONE_OF_THE_BENEFICIARIES.finditer(masked):
            firm = used[int(m.group(1))].key
            earlier = [f for (_, _, _, i), f in facts.items() if sentence.index - 3 <= i < sentence.index
                       and f.relation in (LENDS_TO, REDUCES_RENT_FOR) and ents.entities[f.object].cls == GROUP]
            last = max(earlier, key=lambda f: f.evidence.sentence, default=None)
            if last is not None and last.subject != firm:
                facts.setdefault((last.subject, last.relation, firm, sentence.index), replace(
                    last, object=firm, evidence=_evidence(doc, sentence), rule="benefit.one-of-the-beneficiaries",
                    details={}))


# 某市人民政府办公室关于减免中小企业物业租金的通知: what a document is about, not what its issuer does
_DOCUMENT_TITLE = re.compile("关于[^。！？；，]*?(?:的)?(?:通知|通告|公告|意见|办法|措施|方案|决定|批复|规定|细则)")


# 网络上有传言称某某公司将为某厂商供货。……回应称，上述传言不实: a rumour, denied in
# its own sentence or the next one
_RUMOUR = re.compile("(?:传言|传闻|消息|报道)(?:称|说|指)|网传|据传|流传|传出")
_DENIAL = re.compile("(?:传言|传闻|消息|报道|说法|信息)[^。！？]{0,8}(?:不实|不属实|系谣言|是谣言|纯属谣言|虚假)"
                     "|予以否认|否认了?(?:上述|相关|这一)")


def _negate_denied_rumours(facts: dict, sentences: list[Sentence]) -> None:
    for key, fact in facts.items():
        i = fact.evidence.sentence
        if _RUMOUR.search(sentences[i].text) and \
                any(_DENIAL.search(s.text) for s in sentences[i:i + 2]):
            facts[key] = replace(fact, modality=NEGATED)


# 向某行申请贷款，因缺少抵押物，申请未获批准: a request refused in its own sentence
_REFUSED = re.compile("(?:申请|请求)[^。！？；，]{0,12}(?:(?:未获|没有获得?|未能获得?|未被)(?:批准|通过|批复|同意)"
                      "|被拒|遭拒|被驳回)")


# 曾计划在某地建设项目，但因市场变化，该项目已于去年终止: a plan called off in its own sentence
_CALLED_OFF = re.compile("(?:项目|计划|合作|协议|投资)[^。！？；，]{0,8}(?:已经?|最终|宣告|决定)?(?:于[^。！？；，]{0,6})?"
                         "(?:终止|取消|中止|叫停|搁置|放弃)")


def _negate_refused_requests(facts: dict, sentences: list[Sentence]) -> None:
    for key, fact in facts.items():
        text = sentences[fact.evidence.sentence].text
        if fact.modality == REQUESTED and _REFUSED.search(text) or fact.modality == PLANNED and _CALLED_OFF.search(text):
            facts[key] = replace(fact, modality=NEGATED)


# Verbs by which one party urges another to act (鼓励国企为租户减租): the urger
# is not the one who acts.
_URGING = re.compile("呼吁|鼓励|倡议|号召|要求|引导|动员|督促|协调|组织|推动|指导|带动")
_TELLING = re.compile("呼吁|鼓励|倡议|号召|要求|引导|动员|督促")  # (组织, 协调: the act was arranged, and done)


def _urged_parties(masked: str, m: re.Match, subjects: list, rule: Rule) -> list | None:
    """⟦G⟧鼓励⟦S1⟧、⟦S2⟧等商业综合体为⟦Q⟧减免租金: the ones urged act, not the
    urger. None when nobody is urged; [] when the one urged is no entity
    (⟦协会⟧呼吁业主为⟦Q⟧减免租金): then there is no fact, the association itself
    cuts no rent."""
    first = subjects[0]
    if not isinstance(first, int):
        return None
    urging = _URGING.search(masked, _placeholder_end(masked, first), m.start("T"))
    if not urging:
        return None
    return [int(p.group(1)) for p in _PLACEHOLDER.finditer(masked, urging.end(), m.start("T"))
            if p.group(2) in rule.subject_classes and not _is_oblique(masked, int(p.group(1)))]


def _matches(rule: Rule, masked: str, used: list[Mention]):
    """The rule's matches; when a match pairs an entity with itself (a bank
    and 该行 naming it again), look again from just after its start, so a later
    mention can fill the slot."""
    if rule.trigger is not None and not rule.trigger.search(masked):
        return  # (most sentences hold none of a rule's trigger words: a cheap test first)
    pos = 0
    while (m := rule.regex.search(masked, pos)) is not None:
        yield m
        pos = m.start() + 1 if _same_entity(m, used) else m.end()


def _same_entity(m: re.Match, used: list[Mention]) -> bool:
    if not m.groupdict().get("S") or "O" not in m.re.groupindex:
        return False
    index = lambda slot: int(_PLACEHOLDER.fullmatch(m.group(slot)).group(1))
    return used[index("S")].key == used[index("O")].key


# A party right after a benefactive word is whom the act is for, never who acts:
# 为⟦E⟧配套生产, 给⟦Q⟧减租. (因为/认为/作为 are no benefactives; nor is 向, which
# also marks whom one asks: 向⟦B⟧申请贷款, where the bank is the lender.)
_BENEFACTIVE_WORDS = r"(?<![因认作])为|给|替|帮|帮助|帮扶|扶持"
_BENEFACTIVE = re.compile(f"(?:{_BENEFACTIVE_WORDS})$")


def _preceded_by(marks: re.Pattern, masked: str, index) -> bool:
    """Does one of ``marks`` end right before mention ``index``? (An entity key
    from an earlier sentence has nothing before it here.)"""
    start = masked.find(f"⟦{index}:") if isinstance(index, int) else -1
    return start > 0 and bool(marks.search(masked, max(0, start - 2), start))


# 公司拟与某市政府签署协议，在某开发区建设基地: the one signed with is not where it builds
_COMITATIVE = re.compile("(?:与|同|跟)$")


def _is_beneficiary(masked: str, index) -> bool:
    return _preceded_by(_BENEFACTIVE, masked, index)


def _clause_subject(masked: str, m: re.Match, rule: Rule) -> list[int]:
    """A subject in the trigger's own clause beats one in an earlier clause:
    ⟦G⟧印发通知，鼓励⟦Q1⟧为⟦Q2⟧减免房租 -> Q1 (the one who cuts rent), not G.
    Returns [] when the matched subject is already in that clause."""
    anchor = min(m.start("T"), m.start("O")) if "O" in m.re.groupindex and m.start("O") > m.end("S") else m.start("T")
    return _nearest_in_clause(masked, m.end("S"), anchor, rule.subject_classes,
                              skip=lambda i: _is_beneficiary(masked, i) or _in_oblique_phrase(masked, i))


def _in_oblique_phrase(masked: str, index: int) -> bool:
    """对新入驻⟦site⟧的⟦firms⟧: a mention after 对/为/给/向 in its clause belongs to
    the phrase of whom the act is for; it does not act."""
    at = masked.find(f"⟦{index}:")
    clause_start = max(masked.rfind(c, 0, at) for c in "，,；;")
    return at > 0 and bool(re.search("[对为给向]", masked[clause_start + 1:at]))


def _clause_object(masked: str, m: re.Match, rule: Rule) -> list[int]:
    """Likewise for an object named before the subject: ⟦E0⟧公告，旗下⟦E1⟧与⟦B⟧签订
    贷款协议 -> E1 borrows."""
    if not m.groupdict().get("S") or "O" not in m.re.groupindex or m.start("O") > m.start("S"):
        return []
    return _nearest_in_clause(masked, m.end("O"), m.start("S"), rule.object_classes)


def _nearest_in_clause(masked: str, slot_end: int, anchor: int, classes: str,
                       skip=lambda index: False) -> list[int]:
    """The last mention of the given classes in the clause ending at ``anchor``
    (with any list right before it), if that clause starts after ``slot_end``."""
    clause_start = max(masked.rfind(c, 0, anchor) for c in "，,：")  # (":" is inside placeholders)
    if clause_start < slot_end:
        return []
    inside = [p for p in _PLACEHOLDER.finditer(masked, clause_start, anchor)
              if p.group(2) in classes and not skip(int(p.group(1)))]
    if not inside:
        return []
    members = [int(inside[-1].group(1))]
    for before, after in zip(reversed(inside[:-1]), reversed(inside[1:])):  # a list: A、B为...
        if not re.fullmatch(_LIST_JOINER + "?", masked[before.end():after.start()]):
            break
        members.insert(0, int(before.group(1)))
    return members


# A party right after these is whom an act is for, aimed at or sent to (为X, 向X, 运往X):
# never the one who acts.
_OBLIQUE = re.compile(f"(?:{_BENEFACTIVE_WORDS}|向|对|与|跟|同|往|至|抵|在)$")


_LISTED_AFTER = re.compile(r"⟦(\d+):\w⟧(?:、|和|及|以及|或)$")


_SOURCE = re.compile(r"据⟦(\d+):[A-Z]⟧(?:相关负责人|负责人|有关负责人)?(?:介绍|表示|透露|称|统计|消息)")


def _is_source(masked: str, index) -> bool:
    """据某局介绍，…: the body the news comes from is not the one acting."""
    return isinstance(index, int) and any(int(m.group(1)) == index for m in _SOURCE.finditer(masked))


def _is_oblique(masked: str, index) -> bool:
    """Is the mention a party after 在/向/为…, or listed with one (在A、B都有…)?"""
    if _preceded_by(_OBLIQUE, masked, index):
        return True
    start = masked.find(f"⟦{index}:") if isinstance(index, int) else -1
    listed = _LISTED_AFTER.search(masked, max(0, start - 12), start) if start > 0 else None
    return bool(listed) and _is_oblique(masked, int(listed.group(1)))


_SUBSIDIARY = re.compile(r"(?:(?:旗下|下属|所属)的?(?:全资|控股)?(?:子公司|企业|单位)?|的?(?:全资|控股)子公司)⟦(\d+):([A-Z])⟧")


def _subsidiary(masked: str, index, classes: str):
    """A旗下的B宣布…, 向A控股子公司B发放: B, the unit named after its parent, is the party."""
    if not isinstance(index, int):
        return index
    sub = _SUBSIDIARY.match(masked, _placeholder_end(masked, index))
    return int(sub.group(1)) if sub and sub.group(2) in classes else index


# 产业园由某某公司（以下简称“某某”）投资运营: the firm that runs a site acts for it
_RUN_BY = r"由⟦(\d+):([EBGO])⟧(?:[（(][^）)]*[）)])?(?:投资|建设|开发)*(?:和|并|、)?(?:运营|管理|经营|运营管理)"
_OPERATED_BY = re.compile(_RUN_BY)
_OPERATING = re.compile(_RUN_BY + "的$")  # (由某某公司运营的某园)
# (某园运营方某某公司: the operator named right after the site)
_OPERATOR_AFTER = re.compile(r"的?(?:运营方|管理方|运营商|运营主体|运营公司|管理公司|开发商|业主方?)⟦(\d+):([EBGO])⟧")


def _operator(masked: str, index, classes: str):
    """The site's operator, named after it (某园由某公司运营, 某园运营方某公司) or before it (由某公司运营的某园)."""
    at = masked.find(f"⟦{index}:") if isinstance(index, int) else -1
    if at < 0 or not masked.startswith(f"⟦{index}:S⟧", at):
        return index
    end = _placeholder_end(masked, index)
    run = _OPERATED_BY.match(masked, end) or _OPERATOR_AFTER.match(masked, end) \
        or _OPERATING.search(masked, max(0, at - 40), at)
    return int(run.group(1)) if run and run.group(2) in classes else index


# 是某某集团的控股子公司: the parent only says whose the firm is
_PARENT_OF = re.compile("的(?:全资|控股|参股)?(?:子公司|孙公司|成员企业|下属企业)")
_ACTOR_LETTERS = "EBGO"  # firms, banks, government bodies, organisations: parties that act


def _window_start(sentences: list[Sentence], sentence: Sentence) -> int:
    """Where a missing subject may be looked for: the two sentences before, but
    not a dateline (the agency that reports a story is no party to it)."""
    window = [s for s in sentences[max(0, sentence.index - 2):sentence.index] if not is_dateline(s.text)]
    return window[0].start if window else sentence.start


def _fallback_subject(masked: str, m: re.Match, rule: Rule, objects: list[int], sentence: Sentence,
                      window_start: int, ents: DocumentEntities) -> list:
    """The nearest compatible mention before the trigger in this sentence; else
    the last one named in the two sentences before; else the article's firm."""
    actors = [p for p in _PLACEHOLDER.finditer(masked, 0, m.start("T"))
              if p.group(2) in _ACTOR_LETTERS + rule.subject_classes and int(p.group(1)) not in objects
              and not _is_oblique(masked, int(p.group(1))) and not _PARENT_OF.match(masked, p.end())]
    if actors and actors[-1].group(2) not in rule.subject_classes:
        return []  # 某银行推出“某某贷”: the one acting here cannot be the subject; no one else is
    before = [int(p.group(1)) for p in actors if p.group(2) in rule.subject_classes]
    return [before[-1]] if before else _named_before(rule.subject_classes, sentence, window_start, ents)


def _fallback_object(masked: str, m: re.Match, rule: Rule, sentence: Sentence, window_start: int,
                     ents: DocumentEntities, text: str = "") -> list:
    """For a rule whose object is named before it (这笔贷款由某银行发放): the
    nearest compatible mention before the match; else as for a subject."""
    before = [int(p.group(1)) for p in _PLACEHOLDER.finditer(masked, 0, m.start())
              if p.group(2) in rule.object_classes]
    return [before[-1]] if before else _named_before(rule.object_classes, sentence, window_start, ents, text)


def _named_before(classes: str, sentence: Sentence, window_start: int, ents: DocumentEntities,
                  text: str = "") -> list[str]:
    """The last compatible party named in the sentences before (from ``window_start``),
    with the list it ends (满载A和B的班列。这批货物由某某生产: A and B); else the article's firm."""
    fits = lambda key: CLASS_LETTER.get(ents.entities[key].cls, "X") in classes
    earlier = [x for x in ents.mentions if window_start <= x.start and x.end <= sentence.start and fits(x.key)]
    if text and earlier:
        # 主要为某地的B等企业配套: B is the one served, not the one the text is about
        direct = [x for x in earlier if not _AFTER_OBLIQUE.search(text, max(0, x.start - 8), x.start)]
        if direct and direct[-1] is not earlier[-1]:
            return [direct[-1].key]
    if earlier:
        listed = [earlier[-1]]
        for x in reversed(earlier[:-1]):
            if not text or not _JOINED.fullmatch(text, x.end, listed[-1].start):
                break
            listed.append(x)
        return list(dict.fromkeys(x.key for x in reversed(listed)))
    return [ents.topic] if ents.topic and ents.topic in ents.entities and fits(ents.topic) else []


def _evidence(doc: Document, s: Sentence) -> Evidence:
    return Evidence(doc.id, s.index, s.start, s.end, s.text)


def _placeholder_end(masked: str, index: int) -> int:
    return masked.index("⟧", masked.index(f"⟦{index}:")) + 1


def _as_loan(fact: Fact, ents: DocumentEntities) -> Fact:
    """A bank that provides a loan product (为某某定制了“科创贷”) lends."""
    product = ents.entities.get(fact.details.get("product", ""))
    subject = ents.entities.get(fact.subject)
    if fact.relation == SUPPLIES and subject is not None and subject.cls == BANK \
            and product is not None and product.label.endswith("贷"):
        return replace(fact, relation=LENDS_TO, rule=fact.rule + "+loan-product")
    return fact


def _fact(doc, sentence, rule, m, origin, subj, obj, used, items, subject_end: int | None) -> Fact:
    t_start = origin[m.start("T")] - sentence.start
    t_end = origin[m.end("T") - 1] - sentence.start + 1
    # Cues count from the end of the first party named before the trigger: the
    # subject, or the object where it comes first (Y没有从X银行获得贷款).
    firsts = [m.end(slot) for slot in ("S", "O") if slot in m.re.groupindex and m.group(slot) and m.end(slot) <= m.start("T")]
    if subject_end is not None and subject_end <= m.start("T"):
        firsts.append(subject_end)  # a subject found outside the slot (an empty {S:ROLE}?)
    first_end = origin[min(firsts) - 1] - sentence.start + 1 if firsts else None
    modality = judge_modality(sentence.text, t_start, t_end, first_end)
    if rule.modality and modality != NEGATED:
        modality = rule.modality  # a rule's own modality (申请 is a request), unless negated: 未向某行申请贷款
    details = _details(rule.relation, sentence.text, t_start, t_end, items)
    if rule.relation in (SUPPLIES, LENDS_TO):  # the goods supplied; the loan product (某某贷)
        product = _nearest_product(used, origin[m.start("T")], exclude={subj, obj})
        if product:
            details["product"] = product
    confidence = 0.9 if m.groupdict().get("S") else 0.7
    return Fact(subj, rule.relation, obj, _evidence(doc, sentence), modality, rule.id, confidence, details)


def _nearest_product(used: list[Mention], at: int, exclude: set[str]) -> str | None:
    products = [m for m in used if m.cls == PRODUCT and m.key not in exclude]
    if not products:
        return None
    return min(products, key=lambda m: (abs(m.start - at), m.start)).key


_AMOUNT_RELATIONS = {LENDS_TO, REDUCES_RENT_FOR}
_CLAUSE_END = re.compile("[，,；;。！？]")


def _details(relation: str, text: str, t_start: int, t_end: int, items: list) -> dict:
    """What the sentence says about the fact: of each kind, the item nearest the
    trigger, preferring items in the trigger's own clause."""
    details: dict[str, object] = {}

    def distance(it) -> tuple[bool, int]:
        lo, hi = (it.end, t_start) if it.end <= t_start else (t_end, it.start)
        return (bool(_CLAUSE_END.search(text, lo, max(lo, hi))), abs(hi - lo))

    # A time word comes before its verb in Chinese: a date after the trigger
    # (1月16日研发出A，1月21日开发出B) belongs to the next clause.
    ordered = sorted(items, key=lambda it: (distance(it)[0],
                                            isinstance(it, quantities.DateSpan) and it.start >= t_end,
                                            distance(it)[1]))
    for it in ordered:
        if isinstance(it, quantities.Money) and relation in _AMOUNT_RELATIONS and "amount" not in details:
            details.update(amount=it.value, currency=it.currency, qualifier=it.qualifier)
        elif isinstance(it, quantities.Quantity) and relation in (SUPPLIES, PRODUCES) and "quantity" not in details:
            details.update(quantity=it.value, quantityUnit=it.unit)
            if "qualifier" not in details:
                details["qualifier"] = it.qualifier
        elif isinstance(it, quantities.Count) and "beneficiaryCount" not in details \
                and relation in _AMOUNT_RELATIONS | {SUPPLIES} and it.unit in ("家", "户"):
            details.update(beneficiaryCount=int(it.value), countQualifier=it.qualifier)
        elif isinstance(it, quantities.Percentage) and "percentage" not in details \
                and relation in _AMOUNT_RELATIONS:
            details["percentage"] = it.value
        elif isinstance(it, quantities.DateSpan) and "date" not in details and "periodStart" not in details:
            if it.start_date and it.start_date == it.end_date:
                details["date"] = it.start_date
            elif it.start_date or it.end_date:
                if it.start_date:
                    details["periodStart"] = it.start_date
                if it.end_date:
                    details["periodEnd"] = it.end_date
    return details


def _mentions_by_sentence(sentences: list[Sentence], mentions: list[Mention]) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {s.index: [] for s in sentences}
    i = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while i < len(sentences) and sentences[i].end <= m.start:
            i += 1
        if i < len(sentences) and sentences[i].start <= m.start and m.end <= sentences[i].end:
            out[sentences[i].index].append(m)
    return out
