"""Did it happen? The modality of a fact, from cue words around its trigger verb.

``modality(sentence, trigger_start, trigger_end, subject_end)`` returns one of
done, planned, requested, encouraged, negated (graph.types.MODALITIES).

The cues (data/dict/modality.tsv) are read in the trigger's clause -- the text
since the last ，；。！？ (、 joins a list, it does not end a clause):

    银行将向企业发放贷款        将 between subject and trigger      -> planned
    预计区属国企减免租金超3亿元  预计 may stand before the subject    -> planned
    鼓励银行向小微企业发放贷款  a third party encourages            -> encouraged
    企业已提出租金减免申请      申请 right after the trigger        -> requested
    银行未向该企业发放贷款      negation                            -> negated
    不抽贷、不断贷、发放贷款    negating a cut keeps lending going  -> done

Rules, in order: a negation that counts makes the fact negated; otherwise the
leftmost (outermost) modal cue decides (鼓励企业申请贷款 is encouraged); a
requesting word right after the trigger (减免申请) makes it requested.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .resources import read_lines
from .types import DONE, ENCOURAGED, NEGATED, PLANNED, REQUESTED

_CLAUSE_ENDS = set("，,；;。！!？?：:“”「」\n")
_MODAL = (PLANNED, REQUESTED, ENCOURAGED)
_KINDS = {*_MODAL, NEGATED, "none", "done", "reverses", "coverb"}
_SCOPES = ("between", "anywhere", "adjacent", "after")
# How far a 的 may follow a negation for the negation to belong to a modifier
# (不能复工的企业) rather than to the trigger.
_MODIFIER_REACH = 6


@dataclass(frozen=True)
class _Cue:
    pos: int
    word: str
    kind: str
    scope: str

    @property
    def end(self) -> int:
        return self.pos + len(self.word)


@cache
def _cue_table() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """({word: (kind, scope)} for cues before the trigger, {word: kind} after it)."""
    before: dict[str, tuple[str, str]] = {}
    after: dict[str, str] = {}
    for line in read_lines("dict/modality.tsv"):
        word, kind, *rest = line.split("\t")
        scope = rest[0] if rest else "between"
        if kind not in _KINDS or scope not in _SCOPES:
            raise ValueError(f"dict/modality.tsv: bad entry {line!r}")
        if scope == "after":
            after[word] = kind
        else:
            before[word] = (kind, scope)
    return before, after


def _cues(text: str, start: int, end: int) -> list[_Cue]:
    """Cue words in text[start:end], longest match first, left to right."""
    words = _cue_table()[0]
    longest = max(map(len, words))
    found, i = [], start
    while i < end:
        for size in range(min(longest, end - i), 0, -1):
            word = text[i:i + size]
            if word in words:
                found.append(_Cue(i, word, *words[word]))
                i += size
                break
        else:
            i += 1
    return found


def _clause_start(sentence: str, pos: int) -> int:
    for i in range(pos - 1, -1, -1):
        if sentence[i] in _CLAUSE_ENDS:
            return i + 1
    return 0


def _negation_counts(cue: _Cue, cues: list[_Cue], sentence: str, trigger_start: int) -> bool:
    """A negation counts unless it negates a reversal (不抽贷, 不得断贷) or sits in
    a modifier of a noun before the trigger (向未复工的企业...)."""
    after = [c for c in cues if c.pos >= cue.end]
    if after and after[0].kind == "reverses" and after[0].pos == cue.end:
        return False
    reach = sentence[cue.end:min(trigger_start, cue.end + _MODIFIER_REACH)]
    if "的" in reach:
        de = cue.end + reach.index("的")
        # 不再为符合条件的企业...: the 的 is inside the verb's own phrase.
        return any(c.kind == "coverb" and c.pos < de for c in after)
    return True


def _requested_after(sentence: str, trigger_end: int) -> bool:
    """减免申请, 贷款的申请: a request word right after the trigger."""
    rest = sentence[trigger_end:trigger_end + 6]
    rest = rest[1:] if rest.startswith("的") else rest
    return any(rest.startswith(w) for w, kind in _cue_table()[1].items() if kind == REQUESTED)


# “某银行将向某公司提供贷款”的说法……该消息不实: a rumour the sentence denies
_DENIED_RUMOUR = re.compile(r"[”\"]?的?(?:说法|消息|传闻|传言|报道)[^。！？]{0,40}?"
                            r"(?:不实|不属实|谣言|虚假|并无此事|予以否认|否认)")


def modality(sentence: str, trigger_start: int, trigger_end: int,
             subject_end: int | None = None) -> str:
    """The modality of the fact whose trigger verb is sentence[trigger_start:trigger_end].

    ``subject_end`` is where the subject's mention ends, when the subject comes
    before the trigger in the same clause; cues inside or before the subject
    count only if they may govern a whole clause (预计, 鼓励).
    """
    clause = _clause_start(sentence, trigger_start)
    main = clause
    if subject_end is not None and clause <= subject_end <= trigger_start:
        main = subject_end
    # Read up to the trigger's end so that 不 + 抽贷 is seen when 抽贷 is the trigger.
    read = _cues(sentence, clause, trigger_end)
    cues = [c for c in read if c.pos < trigger_start
            and (c.pos >= main or c.scope == "anywhere")
            and (c.scope != "adjacent" or c.end == trigger_start)]
    if any(c.kind == NEGATED and _negation_counts(c, read, sentence, trigger_start) for c in cues):
        return NEGATED
    denied = _DENIED_RUMOUR.search(sentence, trigger_end)
    if denied and not any(ch in "，,；;" for ch in sentence[trigger_end:denied.start()]):
        return NEGATED  # (the rumour's words run on from the trigger to 的说法/的消息)
    modal = [c for c in cues if c.kind in _MODAL]
    if not modal and subject_end is not None and subject_end < clause:
        # 某某公司拟与某市签署协议，在某开发区建设基地: the subject's own plan
        # covers the clauses that run on without a subject of their own
        modal = [c for c in _cues(sentence, subject_end, clause) if c.kind == PLANNED and c.scope != "adjacent"]
    if modal:
        return modal[0].kind  # the outermost cue: 鼓励企业申请贷款 is encouraged
    if _requested_after(sentence, trigger_end):
        return REQUESTED
    return DONE
