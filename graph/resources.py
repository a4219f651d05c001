"""Where run-time data lives: inside the wheel, or in the source tree.

A wheel carries `ontology/`, `data/dict/` and `data/models/` under
`graph/_bundled/`; an editable install or a source checkout reads them from
the repository. Callers name a resource by its bundled path, e.g.
``resource("ontology/zhkg.ttl")`` or ``resource("dict/banks.txt")``.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent
# bundled name -> path in the source tree
_SOURCE = {"ontology": _REPO / "ontology", "dict": _REPO / "data" / "dict",
           "models": _REPO / "data" / "models"}


@cache
def resource(name: str) -> Path:
    """Path of a bundled resource such as ``"dict/banks.txt"``."""
    bundled = _PACKAGE / "_bundled" / name
    if bundled.exists():
        return bundled
    top, _, rest = name.partition("/")
    if top in _SOURCE:
        candidate = _SOURCE[top] / rest
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"zhkg resource not found: {name}")


def read_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a bundled text dictionary."""
    lines = resource(name).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
