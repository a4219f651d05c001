"""Regenerate data/dict/divisions.tsv from the `cpca` package's national
administrative-division table (province, prefecture and county levels, from
the National Bureau of Statistics codes). Run: python scripts/make_divisions.py
"""
import csv
import importlib.resources
import sys
from pathlib import Path

# Longest first, so 自治县 is stripped before 县.
SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
            "地区", "新区", "林区", "省", "市", "区", "县", "盟", "旗"]


def short_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def level(adcode: str) -> str:
    if adcode[2:6] == "0000":
        return "province"
    if adcode[4:6] == "00":
        return "city"
    return "county"


def main(out: Path) -> None:
    table = importlib.resources.files("cpca") / "resources" / "adcodes.csv"
    with table.open(encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: r["adcode"])
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Chinese administrative divisions, from the cpca package (NBS codes).\n")
        fh.write("# adcode\tname\tshort name\tlevel\n")
        for r in rows:
            code = r["adcode"][:6]
            fh.write(f"{code}\t{r['name']}\t{short_name(r['name'])}\t{level(code)}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "data/dict/divisions.tsv"))
