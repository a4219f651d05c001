"""Numbers in Chinese news: money, goods, counts, shares, dates and durations.

``scan(text, ref_date)`` finds them all in one pass and returns typed items
with character offsets into ``text``::

    超3亿元        Money(300000000, "CNY", "more-than")
    7000余家       Count(7000, "家", "more-than")
    50万人份       Quantity(500000, "人份", "exact")
    50%           Percentage(0.5, "exact")
    2月27日        DateSpan(2020-02-27, 2020-02-27)   (article dated 2020)
    半年           Duration(0.5, "year")

How it works: every pattern below proposes candidate spans; where candidates
overlap the longest one wins (``_choose``). Numerals are converted by cn2an
(Chinese) or Decimal (Arabic); the words around them -- qualifiers (超, 约,
余, 以上), units (元, 家, 套), relative dates (今年, 昨日) -- come from the
tables in ``data/dict/`` so they can grow without touching the code.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache

import cn2an

from .resources import read_lines

EXACT = "exact"
QUALIFIERS = ("exact", "about", "more-than", "at-least", "nearly", "up-to", "at-most", "less-than")


# --- the items scan() returns -------------------------------------------------------

@dataclass(frozen=True)
class Money:
    value: Decimal
    currency: str  # ISO 4217
    qualifier: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quantity:
    """An amount of goods: 50万人份, 40万支, 300套."""
    value: Decimal
    unit: str
    qualifier: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Count:
    """How many firms, households or people: 7000余家, 近百家, 500余户."""
    value: int
    unit: str
    qualifier: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Percentage:
    """A share as a fraction: 50% -> 0.5, 百分之三十 -> 0.3, 九成 -> 0.9, 八折 -> 0.8."""
    value: Decimal
    qualifier: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateSpan:
    """A day (start_date == end_date), a period, or an open range (one side None).

    Both dates are None when the text names a date that cannot be resolved,
    e.g. 2月27日 with no document date to take the year from.
    """
    start_date: date | None
    end_date: date | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Duration:
    """A length of time: 半年 -> 0.5 year, 3个月 -> 3 month. Unit: year/month/week/day."""
    value: Decimal
    unit: str
    qualifier: str
    start: int
    end: int
    text: str


Item = Money | Quantity | Count | Percentage | DateSpan | Duration
# On equal spans the earlier kind wins: 2020年 is a date before it is a duration.
_PRIORITY = {DateSpan: 0, Money: 1, Percentage: 2, Quantity: 3, Count: 4, Duration: 5}


# --- cue tables ------------------------------------------------------------------

def _tsv(name: str) -> list[list[str]]:
    return [line.split("\t") for line in read_lines(name)]


@cache
def _qualifier_cues() -> dict[str, dict[str, str]]:
    """position ("before", "round", "inside", "after") -> {cue: qualifier}."""
    table: dict[str, dict[str, str]] = {}
    for cue, qualifier, position in _tsv("dict/qualifiers.tsv"):
        if qualifier not in QUALIFIERS and qualifier != "none":
            raise ValueError(f"dict/qualifiers.tsv: unknown qualifier {qualifier!r} for {cue}")
        table.setdefault(position, {})[cue] = qualifier
    return table


@cache
def _units() -> dict[str, tuple[str, str]]:
    """unit word -> (kind, normalised unit); kind is money/count/quantity/duration/none."""
    table = {}
    for row in _tsv("dict/units.tsv"):
        unit, kind = row[0], row[1]
        table[unit] = (kind, row[2] if len(row) > 2 else unit)
    return table


def unit_words(kind: str) -> tuple[str, ...]:
    """The unit words of one kind (money, count, quantity, duration)."""
    return tuple(sorted(u for u, (k, _) in _units().items() if k == kind))


@cache
def _relative_dates() -> dict[str, tuple[str, int]]:
    """word -> (granularity, offset): 昨日 -> ("day", -1), 去年 -> ("year", -1)."""
    return {word: (gran, int(offset)) for word, gran, offset in _tsv("dict/relative_dates.tsv")}


def _alternation(words) -> str:
    """A regex alternative of literal words, longest first so 超过 beats 超."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# --- numbers ---------------------------------------------------------------------

_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_MAGNITUDE = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = rf"[{_CN_NUMERAL}]+(?:点[零〇一二三四五六七八九]+)?"
# Full-width digits and signs read as ASCII; one character for one, so offsets hold.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％－／～，", "0123456789.%-/~,")


@cache
def _number_pattern() -> str:
    """A number with its qualifiers: 超3000余万 / 近百 / 1.2亿 / 十数."""
    cues = _qualifier_cues()
    before = _alternation({**cues.get("before", {}), **cues.get("round", {})})
    inside = _alternation(cues.get("inside", {}))
    return (rf"(?:(?P<before>{before}))?"
            rf"(?<![\d.{_CN_NUMERAL}])(?P<mantissa>{_ARABIC}|{_CHINESE}|半)(?![\d])"
            rf"(?P<inside1>{inside})?(?P<magnitude>[十百千万亿]*)(?P<inside2>{inside})?")


def _chinese_value(s: str) -> Decimal:
    # cn2an reads 一百 but not a bare 百 (近百, 上千): supply the implied 一.
    if s[0] in "百千万亿":
        s = "一" + s
    return Decimal(str(cn2an.cn2an(s, "normal")))


def _mantissa_value(s: str) -> Decimal:
    if s == "半":
        return Decimal("0.5")
    if s[0].isdigit():
        return Decimal(s.replace(",", ""))
    return _chinese_value(s)


def _tidy(value: Decimal) -> Decimal:
    """120000000.0 -> 120000000 and 0.50 -> 0.5, without exponent notation."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _value(mantissa: str, magnitude: str) -> Decimal:
    value = _mantissa_value(mantissa)
    for char in magnitude:
        value *= _MAGNITUDE[char]
    return _tidy(value)


def parse_number(s: str) -> Decimal:
    """The value of a written number: '1.2亿' -> 120000000, '二〇二〇' -> 2020, '近百' -> 100.

    Qualifiers (近, 余, 数) are allowed and ignored here; ``scan`` reports them.
    Raises ValueError for anything that is not one number.
    """
    s = s.strip().translate(_HALF_WIDTH)
    m = re.fullmatch(_number_pattern(), s)
    if not m or m["mantissa"] == "半":
        raise ValueError(f"not a number: {s!r}")
    try:
        return _value(m["mantissa"], m["magnitude"])
    except (ValueError, InvalidOperation) as exc:
        raise ValueError(f"not a number: {s!r}") from exc


def _is_bare_magnitude(mantissa: str) -> bool:
    """百, 千万: a magnitude with no digit in front (近百, 上千万)."""
    return set(mantissa) <= set("百千万亿")


def _qualifier(m: re.Match) -> tuple[str, int]:
    """The qualifier of a number match and where the number's span starts.

    A cue in front counts only if it is a real qualifier (最近 is not) and, for
    round-number cues like 上 and 数, only before a bare magnitude (上千).
    """
    cues = _qualifier_cues()
    start = m.start("mantissa")
    found = EXACT
    cue = m["before"]
    if cue:
        qualifier = cues.get("before", {}).get(cue)
        if qualifier is None and set(m["mantissa"]) <= set("十百千万亿"):  # 数十, 上千
            qualifier = cues["round"][cue]
        if qualifier and qualifier != "none":
            found, start = qualifier, m.start("before")
    if found == EXACT:
        for inner in (m["inside1"], m["inside2"]):
            if inner:
                found = cues["inside"][inner]
                break
    return found, start


# --- money, quantities, counts, durations ----------------------------------------

@cache
def _measure_regex() -> re.Pattern:
    after = _alternation(_qualifier_cues().get("after", {}))
    return re.compile(rf"{_number_pattern()}(?P<unit>{_alternation(_units())})"
                      rf"(?P<half>半)?(?:(?P<after>{after}))?")


def _is_ordinal(text: str, m: re.Match) -> bool:
    return m.start("mantissa") > 0 and text[m.start("mantissa") - 1] == "第"


def _measures(text: str):
    for m in _measure_regex().finditer(text):
        kind, unit = _units()[m["unit"]]
        mantissa, magnitude = m["mantissa"], m["magnitude"]
        if kind == "none" or _is_ordinal(text, m):
            continue
        if mantissa == "半" and kind != "duration":
            continue
        if _is_bare_magnitude(mantissa) and not (m["before"] or m["inside1"]):
            continue  # 百家争鸣, 千家万户: a bare magnitude needs 近/上/余 to be a number
        if mantissa == "一" and not magnitude and kind in ("count", "quantity") and not m["before"]:
            continue  # 一家医疗企业, 一批: the article "a", not a count worth keeping
        try:
            value = _value(mantissa, magnitude)
        except (ValueError, InvalidOperation):
            continue
        qualifier, start = _qualifier(m)
        end = m.end("unit")
        if m["half"] and kind == "duration":
            value, end = value + Decimal("0.5"), m.end("half")  # 一年半
        if m["after"]:
            after_qualifier = _qualifier_cues()["after"][m["after"]]
            if after_qualifier != "none":
                end = m.end("after")
                if qualifier == EXACT:
                    qualifier = after_qualifier
        span = (start, end, text[start:end])
        if kind == "money":
            yield Money(value, unit, qualifier, *span)
        elif kind == "quantity":
            yield Quantity(value, unit, qualifier, *span)
        elif kind == "count":
            yield Count(int(value), unit, qualifier, *span)
        elif kind == "duration":
            if unit == "year" and value >= 1000:
                continue  # 2020年 is a year, found by the date patterns
            yield Duration(value, unit, qualifier, *span)


# --- percentages -----------------------------------------------------------------

@cache
def _percent_regexes() -> list[tuple[re.Pattern, Decimal]]:
    """(pattern, divisor): 50% and 百分之五十 per hundred, 九成 and 八折 per ten."""
    number = _number_pattern()
    before = _alternation(_qualifier_cues().get("before", {}))
    after = _alternation(_qualifier_cues().get("after", {}))
    tail = rf"(?:(?P<after>{after}))?"
    tenth = r"(?P<mantissa>\d(?:\.\d)?|[一二两三四五六七八九])"
    return [
        (re.compile(rf"{number}%{tail}"), Decimal(100)),
        (re.compile(rf"(?:(?P<before>{before}))?百分之(?P<mantissa>{_ARABIC}|{_CHINESE}){tail}"),
         Decimal(100)),
        # 成 and 折 also end ordinary words (成立, 成为, 一波三折): only when no word follows.
        (re.compile(rf"(?:(?P<before>{before}))?(?<![\d{_CN_NUMERAL}]){tenth}成"
                    rf"(?![立为本果功交员都熟长品效就])"
                    rf"{tail}"), Decimal(10)),
        (re.compile(rf"(?<![波\d{_CN_NUMERAL}]){tenth}折(?![扣旧合算叠腾])"), Decimal(10)),
    ]


def _percentages(text: str):
    cues = _qualifier_cues()
    for regex, divisor in _percent_regexes():
        for m in regex.finditer(text):
            groups = m.groupdict()
            try:
                value = _value(m["mantissa"], groups.get("magnitude") or "") / divisor
            except (ValueError, InvalidOperation):
                continue
            if m["mantissa"] == "半":
                continue
            start, qualifier = m.start(), EXACT
            if groups.get("before"):
                qualifier = cues.get("before", {}).get(m["before"], "none")
                if qualifier == "none":  # 最近, or a round-number cue: not ours
                    start, qualifier = m.end("before"), EXACT
            for inner in (groups.get("inside1"), groups.get("inside2")):
                if inner and qualifier == EXACT:
                    qualifier = cues["inside"][inner]
            end = m.end()
            if groups.get("after"):
                after_qualifier = cues["after"][m["after"]]
                if after_qualifier == "none":
                    end = m.start("after")
                elif qualifier == EXACT:
                    qualifier = after_qualifier
            yield Percentage(_tidy(value), qualifier, start, end, text[start:end])


# --- dates -----------------------------------------------------------------------

_CN_SMALL = "一二三四五六七八九十"
_YEAR = (r"(?:(?P<year>(?:19|20)\d{{2}}|[〇零一二三四五六七八九]{{4}})年"
         r"|(?P<rel_year>{rel_years}))")
_MONTH_NUMBER = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_MONTH = r"(?:(?<![\d.])(?P<month>{months})月|(?P<rel_month>{rel_months}))"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
# Parts of a month or year; 初 and 末 only where they do not start another word (初步, 末端).
_MONTH_PART = r"(?P<month_part>份|上旬|中旬|下旬|初(?![步次期])|底|末(?!端))"
_HALF_OR_QUARTER = r"(?P<year_part>上半年|下半年|(?P<first>第|前)?(?P<quarter>[一二三四1-4])季度)"
_YEAR_PART = r"(?:{half_or_quarter}|(?P<year_end>初(?![步次期])|底|末(?!端)))"


@cache
def _date_regexes() -> list[re.Pattern]:
    relative = _relative_dates()
    words = {gran: _alternation(w for w, (g, _) in relative.items() if g == gran)
             for gran in ("day", "month", "year")}
    year = _YEAR.format(rel_years=words["year"])
    month = _MONTH.format(months=_MONTH_NUMBER, rel_months=words["month"])
    year_part = _YEAR_PART.format(half_or_quarter=_HALF_OR_QUARTER)
    return [re.compile(p) for p in (
        # 2020年2月27日, 2月27日, 二〇二〇年二月, 2月份, 2月下旬, 本月18日
        rf"(?:{year})?{month}(?:{_DAY}[日号]|{_MONTH_PART})?",
        # 1-2月, 2020年1至3月
        rf"(?:{year})?(?<![\d.])(?P<month>{_MONTH_NUMBER})[至到\-—~]"
        rf"(?P<month2>{_MONTH_NUMBER})月份?",
        # 2020年, 今年上半年, 2020年一季度, 年底
        rf"{year}{year_part}?",
        # 上半年, 一季度, 前三季度 (of the document's year)
        _HALF_OR_QUARTER,
        # 2020-02-27, 2020/2/27, 2020.2.27
        r"(?<![\d.])(?P<year>(?:19|20)\d{2})[-/.](?P<month>1[0-2]|0?[1-9])[-/.]"
        r"(?P<day>3[01]|[12]\d|0?[1-9])(?![\d.])",
        # 18日: a day of the document's month (not 30日内, a duration)
        r"(?<![\d.月])(?P<day>3[01]|[12]\d|0?[1-9])日(?![内以之])",
        # 今天, 昨日
        rf"(?P<rel_day>{words['day']})",
    )]


def _int(s: str) -> int:
    return int(s) if s.isdigit() else int(cn2an.cn2an(s, "normal"))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _resolve(g: dict, ref: date | None, context: tuple[int, int] | None = None):
    """(first day, last day) of a date match. ``context`` is the (year, month) of
    the first half of a range, which 25日 in 2月20日至25日 inherits.
    Returns (None, None) when the year is unknown or the date impossible."""
    relative = _relative_dates()
    if g.get("rel_day"):
        if ref is None:
            return None, None
        day = ref + timedelta(days=relative[g["rel_day"]][1])
        return day, day
    year, month = _year(g, ref, context), None
    if g.get("month"):
        month = _int(g["month"])
    elif g.get("rel_month") and ref is not None:
        shifted = ref.year * 12 + ref.month - 1 + relative[g["rel_month"]][1]
        year, month = shifted // 12, shifted % 12 + 1
    elif g.get("day") and (context or ref):
        month = context[1] if context else ref.month
    if year is None or (g.get("rel_month") and month is None):
        return None, None
    try:
        if g.get("day"):
            day = date(year, month, _int(g["day"]))
            return day, day
        if g.get("month2"):
            return date(year, month, 1), _month_end(year, _int(g["month2"]))
        if month:
            return _month_part(year, month, g.get("month_part"))
        return _year_part(year, g)
    except ValueError:  # 2月30日
        return None, None


def _year(g: dict, ref: date | None, context) -> int | None:
    if g.get("year"):
        return _int(g["year"])
    if g.get("rel_year"):
        return ref.year + _relative_dates()[g["rel_year"]][1] if ref else None
    if context:
        return context[0]
    return ref.year if ref else None


def _month_part(year: int, month: int, part: str | None):
    last = _month_end(year, month).day
    days = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, last), "初": (1, 10),
            "底": (last, last), "末": (last, last)}
    first_day, last_day = days.get(part or "", (1, last))
    return date(year, month, first_day), date(year, month, last_day)


def _year_part(year: int, g: dict):
    if g.get("quarter"):
        q = _int(g["quarter"])
        first_month = 1 if g.get("first") == "前" else 3 * q - 2
        return date(year, first_month, 1), _month_end(year, 3 * q)
    spans = {"上半年": ((1, 1), (6, 30)), "下半年": ((7, 1), (12, 31)), "初": ((1, 1), (1, 31)),
             "底": ((12, 31), (12, 31)), "末": ((12, 31), (12, 31))}
    (m1, d1), (m2, d2) = spans.get(g.get("year_part") or g.get("year_end") or "", ((1, 1), (12, 31)))
    return date(year, m1, d1), date(year, m2, d2)


_RANGE_JOIN = "至到-—~"
_OPEN_END = re.compile(r"起|开始|以来")
_OPEN_START_AFTER = re.compile(r"(?:之|以)?前(?![往来夕后])")
_OPEN_START_BEFORE = ("截至", "截止到", "截止")


def _dates(text: str, ref: date | None):
    """Date spans: single dates and periods, joined into ranges (A至B) and open
    ranges (A起, 截至A, A前). A bare day (18日) belongs to the month of the last
    date named before it (1月17日 ... 18日), else to the document's month."""
    parts = []  # (start, end, groups)
    for regex in _date_regexes():
        for m in regex.finditer(text):
            if m.end() > m.start():
                parts.append((m.start(), m.end(), m.groupdict()))
    parts = _longest(parts, key=lambda p: (p[0], p[1]))
    month_named = None  # (year, month) of the last date that named its month
    i = 0
    while i < len(parts):
        start, end, g = parts[i]
        first, last = _resolve(g, ref, month_named if _is_bare_day(g) else None)
        if i + 1 < len(parts) and parts[i + 1][0] == end + 1 and text[end] in _RANGE_JOIN:
            _, end, g2 = parts[i + 1]
            context = (first.year, first.month) if first else None
            last = _resolve(g2, ref, context)[1]
            i += 1
        if first and (g.get("month") or g.get("rel_month") or _is_bare_day(g)):
            month_named = ((last or first).year, (last or first).month)
        start, end, first, last = _open_range(text, start, end, first, last)
        yield DateSpan(first, last, start, end, text[start:end])
        i += 1


def _is_bare_day(g: dict) -> bool:
    return bool(g.get("day")) and not g.get("month")


def _open_range(text: str, start: int, end: int, first, last):
    m = _OPEN_END.match(text, end)
    if m:
        return start, m.end(), first, None
    m = _OPEN_START_AFTER.match(text, end)
    if m:
        return start, m.end(), None, last
    for cue in _OPEN_START_BEFORE:
        if text[max(0, start - len(cue)):start] == cue:
            return start - len(cue), end, None, last
    return start, end, first, last


# --- choosing among overlapping candidates ---------------------------------------

def _longest(candidates, key):
    """Non-overlapping candidates, longest first, then leftmost; sorted by start."""
    chosen, taken = [], []
    for cand in sorted(candidates, key=lambda c: (key(c)[0] - key(c)[1], key(c)[0])):
        s, e = key(cand)
        if all(e <= ts or s >= te for ts, te in taken):
            chosen.append(cand)
            taken.append((s, e))
    return sorted(chosen, key=lambda c: key(c)[0])


def scan(text: str, ref_date: date | None = None) -> list[Item]:
    """All money, quantities, counts, percentages, dates and durations in ``text``,
    sorted by start and non-overlapping (the longest candidate wins).

    ``ref_date`` is the document's date: it supplies the year of 2月27日 and the
    meaning of 今年 and 昨日; without it such dates have None for both ends.
    """
    norm = text.translate(_HALF_WIDTH)
    candidates = [*_measures(norm), *_percentages(norm), *_dates(norm, ref_date)]
    candidates.sort(key=lambda c: _PRIORITY[type(c)])  # stable: ties go to the better kind
    chosen = _longest(candidates, key=lambda c: (c.start, c.end))
    # The spans were found in the half-width copy; report the original characters.
    return [_with_text(c, text[c.start:c.end]) for c in chosen]


def _with_text(item: Item, text: str) -> Item:
    return item if item.text == text else replace(item, text=text)


# --- document dates ----------------------------------------------------------------

def parse_date_text(s: str) -> date | None:
    """The first full date (year, month and day) in a document's date line:
    2020年2月28日, 2020-02-28, 2020/2/28, 二〇二〇年二月二十八日. None if there is none."""
    norm = s.translate(_HALF_WIDTH)
    found = []
    for regex in _date_regexes():
        for m in regex.finditer(norm):
            g = m.groupdict()
            if g.get("year") and g.get("month") and g.get("day"):
                day, _ = _resolve(g, None)
                if day:
                    found.append((m.start(), day))
    return min(found)[1] if found else None
