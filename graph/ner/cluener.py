"""Read and write the CLUENER2020 JSON-lines format.

One JSON object a line: ``{"text": ..., "label": {type: {mention: [[start, end], ...]}}}``
with an *inclusive* end. Inside zhkg a span is ``(start, end_exclusive, label)``,
like Python slices; the conversion happens only here.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ZhkgError
from ..read import parse_json_line

Span = tuple[int, int, str]  # (start, end_exclusive, label)

LABELS = ("address", "book", "company", "game", "government", "movie",
          "name", "organization", "position", "scene")


def spans_from_label(text: str, label: dict) -> list[Span]:
    """CLUENER ``label`` dict -> sorted spans with exclusive ends."""
    spans = []
    for kind, mentions in label.items():
        for mention, positions in mentions.items():
            for start, end in positions:
                if text[start:end + 1] != mention:
                    raise ValueError(f"span {start}-{end} is not {mention!r}")
                spans.append((start, end + 1, kind))
    return sorted(spans)


def label_from_spans(text: str, spans: Iterable[Span]) -> dict:
    """Spans with exclusive ends -> CLUENER ``label`` dict (inclusive ends)."""
    label: dict = {}
    for start, end, kind in sorted(spans):
        label.setdefault(kind, {}).setdefault(text[start:end], []).append([start, end - 1])
    return label


def to_json_line(text: str, spans: Iterable[Span]) -> str:
    return json.dumps({"text": text, "label": label_from_spans(text, spans)}, ensure_ascii=False)


def read_corpus(path: str | Path) -> list[tuple[str, list[Span]]]:
    """A CLUENER file as (text, spans) pairs, in file order."""
    path = Path(path)
    examples = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue  # a trailing blank line in a corpus file is harmless
            record = parse_json_line(line, f"{path}:{number}")
            try:
                spans = spans_from_label(record["text"], record.get("label") or {})
            except (ValueError, TypeError, AttributeError) as exc:
                raise ZhkgError(f"{path}:{number}: bad label ({exc})") from None
            examples.append((record["text"], spans))
    return examples


def iter_texts(lines: list[str], name: str) -> Iterator[str]:
    """Texts of an input for ``zhkg ner``: JSON lines if the first non-empty line is
    a JSON object, else plain text with one sentence a line (empty lines skipped)."""
    first = next((s for s in lines if s.strip()), "")
    if _is_json_object(first):
        for number, line in enumerate(lines, 1):
            if number == len(lines) and not line.strip():
                break  # the newline at the very end of the file
            yield parse_json_line(line, f"{name}:{number}")["text"]
    else:
        for line in lines:
            if line.strip():
                yield line.rstrip("\r\n")


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
