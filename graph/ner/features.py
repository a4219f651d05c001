"""Character features for the CRF tagger, and BIOES labels <-> spans.

Every character of a sentence becomes a list of string features (crfsuite's
"attribute" form, all binary). The groups, which can be switched off one by one
to measure what each buys (see ``FEATURE_GROUPS``):

- ``chars``:    the char and its neighbours in a +-2 window, char bigrams and
                trigrams around it (digits folded to 0, full-width to ASCII);
- ``types``:    char type (CJK, digit, latin, punctuation, other) of the char
                and its neighbours;
- ``words``:    jieba's segmentation (no HMM: fast and deterministic): the
                char's B/M/E/S position in its word, the word itself, its length
                and its part of speech from jieba's dictionary;
- ``gazetteer``: the char lies inside a match of an administrative division,
                a bank, the central bank / regulators, a position title, starts
                with a common surname, or lies in or shortly before a typical
                name ending (公司, 局, 大学, 路 ...) of a kind;
- ``lexicon``:  inside a mention seen in the training data (a ``Lexicon``);
- ``charstats``: how often jieba's dictionary has the char begin, continue or
                end a person, place or organisation name (``char_statistics``).

Features are built a whole sentence at a time with list comprehensions over
shifted columns, so the per-char Python work stays small (speed target:
thousands of sentences a second).
"""
from __future__ import annotations

from functools import cache, lru_cache

from ..resources import read_lines, resource

FEATURE_GROUPS = ("chars", "types", "words", "gazetteer", "lexicon", "charstats")
OPTIONAL_GROUPS = ("context",  # measured, not used by the shipped model (see README)
                   "centre")  # instead of "chars", for the neural tagger (neural.py)
SUFFIX_LOOKAHEAD = 6  # a char up to this many places before a name ending gets its kind

# --- char normalisation and types ------------------------------------------------

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
_FOLD[0x3000] = 0x20
_FOLD.update({code: 0x30 for code in range(0x30, 0x3A)})  # digits -> 0
_FOLD.update({code: 0x30 for code in range(0xFF10, 0xFF1A)})  # full-width digits -> 0


def normalise(text: str) -> str:
    """Full-width ASCII -> half-width, digits -> 0, latin -> lower case.

    Same length as ``text``: offsets are unchanged."""
    return text.translate(_FOLD).lower()


@cache  # a few thousand distinct chars; a cached call is cheaper than the tests
def char_type(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"  # Han
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "W"
    if ch.isalnum():
        return "A"  # other letters (Greek, kana ...)
    return "P"


# --- gazetteers --------------------------------------------------------------------

def _prefixes(words) -> frozenset[str]:
    return frozenset(w[:k] for w in words for k in range(1, len(w) + 1))


@cache
def gazetteer() -> tuple[dict[str, str], frozenset[str]]:
    """Word -> category for whole-word lists, and the set of all their prefixes."""
    words: dict[str, str] = {}
    for line in read_lines("dict/divisions.tsv"):
        _code, name, short, _level = line.split("\t")
        if name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            words.setdefault(name, "div")
        if len(short) >= 2 and short != "市辖":
            words.setdefault(short, "div")
    for line in read_lines("dict/banks.txt"):
        full, _, shorts = line.partition("\t")
        for name in [full, *shorts.split(",")]:
            if name.strip():
                words[name.strip()] = "bank"
    for name in read_lines("dict/central_bank.txt"):
        words[name] = "cbank"
    for line in read_lines("dict/positions.txt"):
        for title in line.split():
            words.setdefault(title, "pos")
    return words, _prefixes(words)


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single-char surnames and compound (two-char) surnames."""
    names = [s for line in read_lines("dict/surnames.txt") for s in line.split()]
    return frozenset(s for s in names if len(s) == 1), frozenset(s for s in names if len(s) == 2)


@cache
def name_endings() -> dict[str, list[tuple[str, str]]]:
    """Last char -> [(name ending, kind of name)], longest ending first
    (公司, 局 ... from name_suffixes.tsv)."""
    by_last: dict[str, list[tuple[str, str]]] = {}
    for line in read_lines("dict/name_suffixes.tsv"):
        suffix, kind = line.split("\t")
        by_last.setdefault(suffix[-1], []).append((suffix, kind))
    return {last: sorted(pairs, key=lambda p: -len(p[0])) for last, pairs in by_last.items()}


def _longest_matches(text: str, words: dict[str, str], prefixes: frozenset[str]
                     ) -> list[tuple[int, int, str]]:
    """Left-to-right longest, non-overlapping matches (2+ chars) of ``words`` in
    ``text``. ``prefixes`` (all prefixes of the words) stops the scan early."""
    matches, i, n = [], 0, len(text)
    while i < n:
        best = None
        end = i + 1
        while end <= n and text[i:end] in prefixes:
            if end - i >= 2 and text[i:end] in words:
                best = end
            end += 1
        if best:
            matches.append((i, best, words[text[i:best]]))
            i = best
        else:
            i += 1
    return matches


def _bmes(start: int, end: int) -> list[str]:
    if end - start == 1:
        return ["S"]
    return ["B"] + ["M"] * (end - start - 2) + ["E"]


def gazetteer_column(text: str) -> list[str]:
    """Per char: e.g. "g=div:B", or "" where no gazetteer word covers the char."""
    words, prefixes = gazetteer()
    column = [""] * len(text)
    for start, end, kind in _longest_matches(text, words, prefixes):
        for i, tag in zip(range(start, end), _bmes(start, end)):
            column[i] = f"g={kind}:{tag}"
    return column


@cache
def _compound_surname_firsts() -> frozenset[str]:
    return frozenset(name[0] for name in surnames()[1])


def surname_column(text: str, word_marks: list[str] | None = None) -> list[str]:
    """Per char: "sn=1"/"sn=2" for a single/compound surname. Many surname chars
    are common chars too (王, 高, 公), so when jieba's word positions are known the
    feature says where in its word the char is: a surname opening a word is a
    much better hint than one in the middle of 公司."""
    single, compound = surnames()
    compound_first = _compound_surname_firsts()
    column = [""] * len(text)
    for i, ch in enumerate(text):
        if ch not in single and ch not in compound_first:
            continue  # most chars: no slicing needed
        kind = "2" if text[i:i + 2] in compound else "1" if ch in single else ""
        if kind:
            column[i] = f"sn={kind}:{word_marks[i][3:]}" if word_marks else "sn=" + kind
    return column


def ending_columns(text: str) -> tuple[list[str], list[str]]:
    """Two columns: the kind of a name ending the char is part of, and the kind of
    the nearest name ending that starts within SUFFIX_LOOKAHEAD chars after it."""
    endings = name_endings()
    inside, before = [""] * len(text), [""] * len(text)
    for end in range(len(text), 0, -1):  # the longest ending that ends at `end`
        for suffix, kind in endings.get(text[end - 1], ()):
            start = end - len(suffix)
            if start >= 0 and text[start:end] == suffix:
                for i in range(start, end):
                    inside[i] = inside[i] or f"sfx={kind}"
                for i in range(max(0, start - SUFFIX_LOOKAHEAD), start):
                    if not before[i]:
                        before[i] = f"nx={kind}"
                break
    return inside, before


class Lexicon:
    """Known mentions -> label, matched longest-first (see the ``lexicon`` group)."""

    def __init__(self, mentions: dict[str, str]):
        self.mentions = mentions
        self.prefixes = _prefixes(mentions)

    def column(self, text: str) -> list[str]:
        column = [""] * len(text)
        for start, end, label in _longest_matches(text, self.mentions, self.prefixes):
            for i, tag in zip(range(start, end), _bmes(start, end)):
                column[i] = f"m={label}:{tag}"
        return column

    @classmethod
    def read(cls, path) -> "Lexicon":
        lines = open(path, encoding="utf-8").read().splitlines()
        return cls(dict(line.split("\t") for line in lines if line and not line.startswith("#")))

    def write(self, path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("# mention\tlabel: mentions of the CLUENER2020 training split (zhkg ner lexicon)\n")
            fh.writelines(f"{m}\t{label}\n" for m, label in sorted(self.mentions.items()))


# --- char statistics from jieba's dictionary ----------------------------------------
# jieba's dictionary tags about 100k of its 350k words as names of people (nr),
# places (ns) or organisations (nt). How often a char begins, continues or ends
# such words is a corpus-free hint for names nobody listed (伟 ends given names,
# 县 ends places), much like a word cluster. Per char and place in a word, the
# share of the dictionary's words that are of each kind, in buckets.

CHAR_STAT_KINDS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt"}
CHAR_STAT_CUTS = (0.05, 0.15, 0.3, 0.5, 0.7)  # bucket k: share >= CHAR_STAT_CUTS[k-1]
CHAR_STAT_MIN_WORDS = 3  # fewer words with the char at that place: no statistic


def char_statistics(word_tags: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Char -> features such as "nrB=5" (94% of the words it begins are person
    names: bucket 5), from a word -> part-of-speech dictionary. Bucket 0 is
    left out: it is the common case and would only slow tagging down."""
    words_at: dict[tuple[str, str], int] = {}  # (char, B/M/E) -> words
    kind_at: dict[tuple[str, str, str], int] = {}  # (char, B/M/E, kind) -> words
    for word, tag in word_tags.items():
        if len(word) < 2:
            continue
        kind = CHAR_STAT_KINDS.get(tag)
        for i, ch in enumerate(word):
            place = "B" if i == 0 else "E" if i == len(word) - 1 else "M"
            words_at[ch, place] = words_at.get((ch, place), 0) + 1
            if kind:
                kind_at[ch, place, kind] = kind_at.get((ch, place, kind), 0) + 1
    table: dict[str, list[str]] = {}
    for (ch, place), total in sorted(words_at.items()):
        if total < CHAR_STAT_MIN_WORDS:
            continue
        for kind in ("nr", "ns", "nt"):
            share = kind_at.get((ch, place, kind), 0) / total
            bucket = sum(share >= cut for cut in CHAR_STAT_CUTS)
            if bucket:
                table.setdefault(ch, []).append(f"{kind}{place}={bucket}")
    return {ch: tuple(features) for ch, features in table.items()}


def read_char_statistics(path) -> dict[str, tuple[str, ...]]:
    lines = open(path, encoding="utf-8").read().splitlines()
    return {ch: tuple(features.split()) for ch, features in
            (line.split("\t") for line in lines if line and not line.startswith("#"))}


def write_char_statistics(table: dict[str, tuple[str, ...]], path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# char\tfeatures: shares of jieba dictionary words of person/place/"
                 "organisation names the char begins (B), continues (M) or ends (E), bucketed\n")
        fh.writelines(f"{ch}\t{' '.join(table[ch])}\n" for ch in sorted(table))


# --- jieba words -------------------------------------------------------------------

@cache
def _jieba():
    import jieba
    import jieba.posseg
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba, jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The three word columns over one word's chars. News reuses few words
    over and over, so caching them saves building the same strings per sentence."""
    tag = _jieba()[1].get(word, "x")
    marks = _bmes(0, len(word))
    return (tuple("wp=" + m for m in marks),
            ("w=" + normalise(word),) * len(word) if len(word) > 1 else ("",),
            tuple(f"pos={tag}:{m}" for m in marks))


def word_columns(text: str, context: bool = False) -> list[list[str]]:
    """Per char: "wp=B/M/E/S", "w=<word>" (for words of 2+ chars) and
    "pos=<tag>:<B/M/E/S>"; with ``context`` also the words before and after
    the char's word and their parts of speech ("w-1=", "w+1=", "p-1=", "p+1=")."""
    jieba, tags = _jieba()
    words = list(jieba.cut(text, HMM=False))
    position, word_of, pos_of = [], [], []
    for word in words:
        word_position, word_string, word_pos = _word_features(word)
        position += word_position
        word_of += word_string
        pos_of += word_pos
    columns = [position, word_of, pos_of]
    if context:
        word_tags = [tags.get(word, "x") for word in words]
        padded = ["^"] + [normalise(w) for w in words] + ["$"]
        padded_tags = ["^"] + word_tags + ["$"]
        for name, values, shift in (("w-1=", padded, 0), ("w+1=", padded, 2),
                                    ("p-1=", padded_tags, 0), ("p+1=", padded_tags, 2)):
            columns.append([name + values[j + shift] for j, word in enumerate(words) for _ in word])
    return columns


# --- the feature lists ---------------------------------------------------------------

def sentence_features(text: str, groups: tuple[str, ...] = FEATURE_GROUPS,
                      lexicon: Lexicon | None = None,
                      char_stats: dict[str, tuple[str, ...]] | None = None) -> list[list[str]]:
    """One list of string features per char of ``text``. ``lexicon`` and
    ``char_stats`` are the model's own tables (see Tagger), used by the groups
    "lexicon" and "charstats"."""
    n = len(text)
    if n == 0:
        return []
    columns: list[list[str]] = [["bias"] * n]
    if "chars" in groups:
        c = ["^", "^", "^"] + list(normalise(text)) + ["$", "$", "$"]  # c[i + 3] is char i
        c_prev3, c_prev2, c_prev, c0, c_next, c_next2, c_next3 = (c[k:k + n] for k in range(7))
        columns += [
            ["c0=" + x for x in c0],
            ["c-1=" + x for x in c_prev],
            ["c+1=" + x for x in c_next],
            ["c-2=" + x for x in c_prev2],
            ["c+2=" + x for x in c_next2],
            ["b-1=" + a + b for a, b in zip(c_prev, c0)],
            ["b+1=" + a + b for a, b in zip(c0, c_next)],
            ["b-2=" + a + b for a, b in zip(c_prev2, c_prev)],
            ["b+2=" + a + b for a, b in zip(c_next, c_next2)],
            ["t0=" + a + b + d for a, b, d in zip(c_prev, c0, c_next)],
            ["t-1=" + a + b + d for a, b, d in zip(c_prev2, c_prev, c0)],
            ["t+1=" + a + b + d for a, b, d in zip(c0, c_next, c_next2)],
        ]
    elif "centre" in groups:
        # the char and its two bigrams only: the neural tagger's BiLSTM sees the
        # neighbours' own features, and each feature costs a lookup
        c = ["^"] + list(normalise(text)) + ["$"]
        columns += [["c0=" + x for x in c[1:-1]],
                    ["b-1=" + a + b for a, b in zip(c, c[1:-1])],
                    ["b+1=" + a + b for a, b in zip(c[1:-1], c[2:])]]
    if "context" in groups and "chars" in groups:
        columns += [["c-3=" + x for x in c_prev3], ["c+3=" + x for x in c_next3]]
    if "types" in groups:
        t = ["^"] + [char_type(ch) for ch in text] + ["$"]
        columns += [["y=" + a + b + d for a, b, d in zip(t, t[1:], t[2:])]]
    word_marks = None
    if "words" in groups:
        word_cols = word_columns(text, context="context" in groups)
        word_marks = word_cols[0]
        columns += word_cols
    if "gazetteer" in groups:
        inside, before = ending_columns(text)
        columns += [gazetteer_column(text), surname_column(text, word_marks), inside, before]
    if "lexicon" in groups and lexicon is not None:
        columns.append(lexicon.column(text))
    # drop the empty strings that mean "no such feature here"
    rows = [[f for f in features if f] for features in zip(*columns)]
    if "charstats" in groups and char_stats is not None:
        for row, ch in zip(rows, text):
            row += char_stats.get(ch, ())
    return rows


# --- labels ---------------------------------------------------------------------------

def spans_to_tags(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    """Spans (start, end_exclusive, label) -> BIOES tags. Overlapping spans: the
    first one (in sorted order) wins."""
    tags = ["O"] * n
    for start, end, label in sorted(spans):
        if any(tag != "O" for tag in tags[start:end]):
            continue
        if end - start == 1:
            tags[start] = "S-" + label
        else:
            tags[start] = "B-" + label
            for i in range(start + 1, end - 1):
                tags[i] = "I-" + label
            tags[end - 1] = "E-" + label
    return tags


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIOES tags -> spans. Lenient: a run of B/I/E of one label is one span even
    when the model did not close it with E."""
    spans, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        mark, _, kind = tag.partition("-")
        if start is not None and (mark in ("O", "B", "S") or kind != label):
            spans.append((start, i, label))
            start = None
        if mark == "S":
            spans.append((i, i + 1, kind))
        elif mark in ("B", "I", "E") and start is None:
            start, label = i, kind
        if mark == "E" and start is not None:
            spans.append((start, i + 1, label))
            start = None
    return spans
