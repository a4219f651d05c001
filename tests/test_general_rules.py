"""The extractor must not work because it knows the sample: no name that occurs
only in the sample page may stand in code, rules, dictionaries or models."""
from pathlib import Path

import pytest

from conftest import ROOT

# People and firms named only in the sample page (data/corpus/000_c1200b36e2ca91ff.txt).
SAMPLE_ONLY_NAMES = ["金豪", "凯因", "歌华", "佳能医疗", "电科光电", "岳长海", "张健华", "李修春", "王欢",
                     "汪磊", "赵一辰"]
SHIPPED = ["graph", "ontology", "data/dict", "data/models"]


def shipped_files():
    for top in SHIPPED:
        for f in sorted((ROOT / top).rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".md"):
                yield f


@pytest.mark.parametrize("path", list(shipped_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sample_only_name_in_what_ships(path: Path):
    data = path.read_bytes()
    found = [name for name in SAMPLE_ONLY_NAMES if name.encode("utf-8") in data]
    assert not found, f"{path.relative_to(ROOT)} names {found}, which occur only in the sample"
