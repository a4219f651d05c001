"""Files -> Documents: decoding, newspaper-page splitting, line re-joining.

A newspaper page holds several stories, each introduced by headline lines and
a byline (``□本报记者 周某``). Printed text also breaks lines in the middle of
sentences; those are joined back. A file without bylines is one article whose
first short, unpunctuated line is its title.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ZhkgError
from .quantities import parse_date_text
from .types import Document

# A byline: an optional box mark, then 本报记者/记者/通讯员/文/图 and names.
BYLINE = re.compile(
    r"^[□■◇◆○●▲△]?\s*(?:本报|本刊|新华社|中新社)?(?:首席)?(?:记者|通讯员|实习生|特约撰稿|撰稿|文|图)[\s／/：:|]*"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4})*)\s*$")
_BYLINE_ROLES = frozenset({"记者", "通讯员", "实习生", "本报记者", "特约撰稿", "撰稿", "摄影", "文", "图"})
# Lines that end a sentence (or a quotation closing one).
SENTENCE_END = re.compile(r"[。！？!?；;…」』”’）)]\s*$")
DATE_LINE = re.compile(r"^\s*(?:日期|发布时间|时间|发布日期)?[:：]?\s*"
                       r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*$")
HEADLINE_MAX = 40  # characters; longer unpunctuated lines are broken body text


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312)."""
    if not data.strip():
        raise ZhkgError(f"{path}: file is empty")
    if b"\x00" in data[:4096]:
        raise ZhkgError(f"{path}: not a text file (binary data)")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise ZhkgError(f"{path}: cannot decode as UTF-8 or GB18030/GBK text")


def _looks_like_text(text: str) -> bool:
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return control <= len(text) // 100


NEWS_SUFFIXES = (".txt", ".jsonl", ".json")


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """The news files named, or found recursively in folders (.txt, .jsonl), in a stable order."""
    found: list[Path] = []
    paths = list(paths)
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in NEWS_SUFFIXES
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.is_file():
            found.append(p)
        else:
            raise ZhkgError(f"{p}: no such file or folder")
    if not found:
        raise ZhkgError(f"{', '.join(map(str, paths))}: no .txt or .jsonl files found")
    return found


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ZhkgError(f"{path}: cannot read ({exc.strerror})") from None
    return decode(data, str(path))


def read_file(path: str | Path, date: str | None = None, stem: str | None = None) -> list[Document]:
    """The articles of one .txt file (a page may hold several); their ids are
    ``stem-N`` (``stem``: the file name without its suffix, unless given)."""
    path = Path(path)
    return split_page(_read_text(path), source=str(path), date=date, stem=stem)


def read_jsonl(path: str | Path, date: str | None = None,
               on_skip: Callable[[str], None] | None = None, stem: str | None = None) -> Iterator[Document]:
    """Articles from JSON lines with ``text`` and optional ``id``, ``title``, ``date``, ``url``.

    A bad line is reported through ``on_skip`` ("FILE:LINE: reason") and
    skipped; without ``on_skip`` it is an error.
    """
    path = Path(path)
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield _json_document(line, path, number, date, stem or path.stem)
        except ZhkgError as exc:
            _skip(on_skip, str(exc))


def parse_json_line(line: str, where: str) -> dict:
    """One JSON-lines record with a string ``text``; ``where`` ("FILE:LINE") names it in errors."""
    if not line.strip():
        raise ZhkgError(f"{where}: empty line")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ZhkgError(f"{where}: invalid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise ZhkgError(f"{where}: not a JSON object")
    if not isinstance(record.get("text"), str):
        raise ZhkgError(f"{where}: no \"text\" field")
    return record


def _json_document(line: str, path: Path, number: int, date: str | None, stem: str) -> Document:
    where = f"{path}:{number}"
    record = parse_json_line(line, where)
    text = record["text"]
    if not text.strip():
        raise ZhkgError(f"{where}: empty \"text\" field")
    record_date = record.get("date") or date
    if record_date:
        record_date = _iso_date(str(record_date), where)
    title = str(record.get("title") or "").strip()
    body = join_broken_lines(_paragraphs(text))
    if title and body and body[0] == title:
        body = body[1:]
    doc_id = str(record.get("id") or f"{stem}-{number}")
    return Document(id=doc_id, text="\n".join(([title] if title else []) + body), title=title,
                    source=str(path), date=record_date, url=record.get("url") or None)


def _iso_date(value: str, where: str) -> str:
    parsed = parse_date_text(value)
    if parsed is None:
        raise ZhkgError(f"{where}: date {value!r} is not a date (YYYY-MM-DD)")
    return parsed.isoformat()


def read_paths(paths: Iterable[str | Path], date: str | None = None,
               on_skip: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents from files and folders, streamed one file at a time.

    With ``on_skip``, a file or line that cannot be read is reported and
    skipped and the rest goes on; without it, the first one is an error. A
    document whose id was already given (the same JSON-lines ``id`` twice) is
    such a problem too: its triples would merge into the first one's.
    """
    seen: set[str] = set()
    for f, stem in files_with_stems(paths):
        try:
            if f.suffix in (".jsonl", ".json"):
                docs = read_jsonl(f, date=date, on_skip=on_skip, stem=stem)
            else:
                docs = read_file(f, date=date, stem=stem)
            for doc in docs:
                if doc.id in seen:
                    _skip(on_skip, f"{f}: document id {doc.id!r} given twice (the later one is skipped)")
                    continue
                seen.add(doc.id)
                yield doc
        except ZhkgError as exc:
            _skip(on_skip, str(exc))


def _skip(on_skip: Callable[[str], None] | None, message: str) -> None:
    if on_skip is None:
        raise ZhkgError(message)
    on_skip(message)


def files_with_stems(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Each news file with the stem its document ids start with: its path below
    the folder named on the command line, without the suffix (2020/03/page1),
    so two page1.txt in different folders never share ids; a file named
    directly gives its own name (page1)."""
    paths, out = list(paths), []
    for f in find_files(paths):
        root = next((Path(p) for p in paths if Path(p).is_dir() and f.is_relative_to(p)), None)
        stem = f.relative_to(root).with_suffix("").as_posix() if root else f.stem
        out.append((f, stem))
    return out


# A paragraph's first line is indented (full-width spaces or 2+ spaces).
_INDENT = re.compile(r"^(?:\u3000| {2,}|\t)")
# A line broken inside a word ends in a letter, a digit or a Han character.
_WORD_END = re.compile(r"[\w\u4e00-\u9fff]$")


def _paragraphs(text: str) -> list[str]:
    """The text's non-empty lines, stripped. Where paragraphs are indented, an
    unindented line right after a paragraph line that stops mid-word continues
    it (家用纺 / 织品有限公司), however short the broken line is."""
    raw = text.replace("\r\n", "\n").split("\n")
    indented = sum(1 for ln in raw if ln.strip() and _INDENT.match(ln)) >= 2
    lines: list[str] = []
    in_paragraph = False  # the last kept line belongs to an indented paragraph
    previous_blank = True
    for ln in raw:
        stripped = ln.strip().replace("\u3000", " ").strip()
        if not stripped:
            previous_blank = True
            continue
        if (indented and in_paragraph and not previous_blank and not _INDENT.match(ln)
                and _WORD_END.search(lines[-1])):
            lines[-1] += stripped
        else:
            lines.append(stripped)
            in_paragraph = bool(_INDENT.match(ln))
        previous_blank = False
    return lines


def _is_headline(line: str) -> bool:
    """Short, and with no sentence punctuation: a headline, not a broken body line."""
    return len(line) <= HEADLINE_MAX and not SENTENCE_END.search(line) and not re.search("[，,。；;]", line)


def split_page(text: str, source: str = "", date: str | None = None, stem: str | None = None) -> list[Document]:
    """Split a page into articles at bylines; each headline block goes with its byline."""
    lines = _paragraphs(text)
    date = date or _find_date(lines)
    lines = [ln for ln in lines if not DATE_LINE.match(ln)]
    bylines = [i for i, ln in enumerate(lines) if BYLINE.match(ln)]
    stem = stem or Path(source).stem or "doc"
    if not bylines:
        title_lines = [lines[0]] if lines and _is_headline(lines[0]) and len(lines) > 1 else []
        return [_document(f"{stem}-1", title_lines, [], lines[len(title_lines):], source, date)]

    # Headline block of each article: the unpunctuated short lines right above its byline.
    starts = []
    for b in bylines:
        start = b
        while start > 0 and _is_headline(lines[start - 1]) and (start - 1) not in bylines:
            start -= 1
        starts.append(start)
    docs = []
    preamble = lines[: starts[0]]
    if preamble and any(not _is_headline(ln) for ln in preamble):
        docs.append(_document(f"{stem}-0", [], [], preamble, source, date))
    for n, (start, b) in enumerate(zip(starts, bylines), 1):
        end = starts[n] if n < len(starts) else len(lines)
        authors = BYLINE.match(lines[b]).group("names")
        names = [a for a in re.split(r"[\s、，,]+", authors) if a and a not in _BYLINE_ROLES]  # (记者 某 通讯员 某)
        docs.append(_document(f"{stem}-{n}", lines[start:b], names, lines[b + 1 : end], source, date))
    return docs


def _find_date(lines: list[str]) -> str | None:
    for ln in lines[:10]:
        m = DATE_LINE.match(ln)
        if m:
            y, mo, d = map(int, m.groups())
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# An item of a numbered list opens a paragraph of its own (通告如下：\n一、…)
_LIST_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d))")


def join_broken_lines(lines: list[str]) -> list[str]:
    """Re-join paragraphs that a page layout broke in the middle of a sentence."""
    out: list[str] = []
    for ln in lines:
        if _LIST_ITEM.match(ln):
            out.append(ln)
        elif out and not SENTENCE_END.search(out[-1]) and not _is_headline(out[-1]):
            out[-1] += ln
        elif out and out[-1].endswith(("，", ",", "、")):
            out[-1] += ln
        else:
            out.append(ln)
    return out


def _document(doc_id: str, headline: list[str], authors: list[str], body: list[str],
              source: str, date: str | None) -> Document:
    # A headline that ends in a colon ("某某公司：") continues on the next line.
    heads: list[str] = []
    for ln in headline:
        if heads and heads[-1].endswith(("：", ":")):
            heads[-1] += ln
        else:
            heads.append(ln)
    paragraphs = join_broken_lines(body)
    title = heads[0] if heads else ""
    text = "\n".join(heads + paragraphs)
    return Document(id=doc_id, text=text, title=title, subtitles=tuple(heads[1:]),
                    authors=tuple(authors), source=source, date=date)
