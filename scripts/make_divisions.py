"""Regenerate the administrative-division gazetteers in data/dict/ from two
national tables (National Bureau of Statistics codes):

* the `cpca` package's table (province, prefecture and county levels, as of
  about 2017), and
* the `jionlp` package's `china_location` table (Apache-2.0; current names, down
  to towns), which adds the districts and county-level cities created since
  (许昌县 became 建安区 in 2017) and gives the towns.

divisions.tsv gets both tables' provinces, prefectures and counties (a renamed
county keeps its old name too: older news uses it); towns.tsv gets the towns,
townships and subdistricts (镇, 乡, 街道, 苏木) with the code of their county.
Neither package is imported (their data files are read where pip put them):
    pip install --no-deps cpca jionlp && python scripts/make_divisions.py
"""
import csv
import importlib.metadata
import io
import sys
import zipfile
from pathlib import Path

# Longest first, so 自治县 is stripped before 县.
SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
            "地区", "新区", "林区", "省", "市", "区", "县", "盟", "旗"]
TOWN_ENDINGS = ("镇", "乡", "街道", "苏木")


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


def _package_file(package: str, path: str) -> Path:
    dist = importlib.metadata.distribution(package)
    return Path(dist.locate_file(path))


def cpca_rows() -> set[tuple[str, str]]:
    with _package_file("cpca", "cpca/resources/adcodes.csv").open(encoding="utf-8") as fh:
        return {(r["adcode"][:6], r["name"]) for r in csv.DictReader(fh)}


def jionlp_rows() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(code, name) of provinces, prefectures and counties; (name, county code) of towns."""
    with zipfile.ZipFile(_package_file("jionlp", "jionlp/dictionary/china_location.zip")) as zf:
        text = io.TextIOWrapper(zf.open("china_location.txt"), encoding="utf-8").read()
    divisions, towns = set(), set()
    county = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if depth <= 2 and len(fields) >= 2:
            code = fields[1][:6]
            county = code if depth == 2 else ""
            if depth == 2 and int(code[4:6]) >= 70:
                continue  # 7x-9x: development zones the statistics count as counties, no divisions
            divisions.add((code, fields[0]))
        elif depth == 3 and county and fields[0].endswith(TOWN_ENDINGS) and len(fields[0]) >= 3:
            towns.add((fields[0], county))
    return divisions, towns


def _everyday_words() -> dict[str, int]:
    import jieba  # (a run-time dependency of zhkg)
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ


def main(folder: Path) -> None:
    divisions, towns = jionlp_rows()
    # (县 and 市辖区 stand for "the counties, the districts of" a city in the tables: no names)
    old = {(code, name) for code, name in cpca_rows() if len(name) > 1 and name != "市辖区" and "直辖" not in name}
    # 省直辖行政区划 and the like are no names; two-character ones (东区, 北区 of Hong Kong) read as words
    new = {(code, name) for code, name in divisions - old if "直辖" not in name and "委员会" not in name
           and len(name) > 2}
    freq = _everyday_words()
    with (folder / "divisions.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Chinese administrative divisions, from the cpca and jionlp packages (NBS codes):\n")
        fh.write("# scripts/make_divisions.py. A renamed county is listed under both names.\n")
        fh.write("# adcode\tname\tshort name\tlevel\n")
        for code, name in sorted(old | new):
            short = short_name(name)
            if (code, name) in new and freq.get(short, 0) >= 1000:
                short = ""  # 比如县, 光明区: the short form is an everyday word
            fh.write(f"{code}\t{name}\t{short}\t{level(code)}\n")
    with (folder / "towns.tsv").open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Towns, townships and subdistricts (镇, 乡, 街道, 苏木), from the jionlp package's\n")
        fh.write("# china_location table (Apache-2.0): scripts/make_divisions.py.\n")
        fh.write("# name\tcounty adcode\n")
        for name, code in sorted(towns):
            fh.write(f"{name}\t{code}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "data/dict"))
