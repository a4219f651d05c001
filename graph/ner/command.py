"""`zhkg ner INPUT [-o OUTPUT]`: tag sentences, write CLUENER JSON lines.

INPUT is CLUENER JSON lines (a ``text`` field; other fields ignored) or plain
text with one sentence a line; ``-`` reads stdin. All input is read and checked
before anything is written, and OUTPUT is written atomically.
"""
from __future__ import annotations

import sys

from ..errors import ZhkgError, atomic_output
from .cluener import iter_texts, to_json_line


def read_input(path: str) -> list[str]:
    """The lines of INPUT (a file or ``-`` for stdin), as text."""
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        raise ZhkgError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ZhkgError(f"{name}:{line}: not UTF-8 text") from None


def run(input_path: str, output_path: str | None = None, document: bool = False) -> int:
    from .tagger import load_tagger
    name = "<stdin>" if input_path == "-" else input_path
    texts = list(iter_texts(read_input(input_path), name))
    tagger = load_tagger()
    tagged = tagger.tag_document(texts) if document else tagger.tag_many(texts)
    lines = "".join(to_json_line(text, spans) + "\n" for text, spans in zip(texts, tagged))
    if output_path is None or output_path == "-":
        sys.stdout.write(lines)
    else:
        with atomic_output(output_path) as fh:
            fh.write(lines)
    return 0
