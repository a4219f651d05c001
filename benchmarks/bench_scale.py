"""Corpus-scale benchmark: build speed against raw jieba.posseg, workers, Dask, and peak memory.

    python benchmarks/bench_scale.py                 # 10 MB corpus; memory at 1 and 10 MB
    python benchmarks/bench_scale.py --mb 10 --memory 1 10 100

The corpus is made by repeating the sample page and the gold passages with
their numbers, dates and firm names varied (seeded), written as JSON lines.
Writes benchmarks/results/scale.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCES = ["浙江", "江苏", "广东", "四川", "湖南", "河南", "山东", "福建", "安徽", "陕西", "辽宁", "云南"]
TRADE = ["宏远", "恒信", "瑞丰", "华晟", "金桥", "新元", "博通", "嘉禾", "天成", "力拓", "永安", "中盛"]


def source_texts() -> list[str]:
    from graph.read import read_file
    texts = [d.text for d in read_file(ROOT / "data/corpus/000_c1200b36e2ca91ff.txt")]
    for line in (ROOT / "data/gold/passages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts


def vary(text: str, rng: random.Random) -> str:
    """The same kind of news with other numbers and names."""
    text = re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), text)
    prov, trade = rng.choice(PROVINCES), rng.choice(TRADE)
    return re.sub(r"(北京|上海|天津|重庆)", prov, text).replace("某某", trade)


def make_corpus(path: Path, megabytes: float, seed: int = 7) -> int:
    rng = random.Random(seed)
    texts = source_texts()
    target, size, n = int(megabytes * 1024 * 1024), 0, 0
    with path.open("w", encoding="utf-8") as fh:
        while size < target:
            text = vary(texts[n % len(texts)], rng)
            line = json.dumps({"id": f"d{n}", "text": text}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


def corpus_chars(path: Path) -> int:
    return sum(len(json.loads(line)["text"]) for line in path.open(encoding="utf-8"))


def time_posseg(path: Path) -> float:
    import jieba.posseg
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    list(jieba.posseg.cut("预热"))
    start = time.perf_counter()
    for text in texts:
        for _ in jieba.posseg.cut(text):
            pass
    return time.perf_counter() - start


def time_build(path: Path, **options) -> float:
    """Seconds for what `zhkg build PATH -o OUT --no-html` does: read, extract,
    make the graph, write graph.ttl (SHACL validation is skipped by the build
    itself above 300,000 triples, as here)."""
    from graph.pipeline import BuildOptions, build_outputs
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        build_outputs([path], out, html=False, options=BuildOptions(**options))
        return time.perf_counter() - start


def time_dask(path: Path) -> float:
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, host="127.0.0.1") as cluster:
        return time_build(path, engine="dask", scheduler=cluster.scheduler_address)


# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's high-water mark
# (it survives fork and exec), which would report this benchmark's own peak.
PEAK = """
import re, sys, tempfile
from graph.pipeline import BuildOptions, VALIDATE_LIMIT, write_graph
with tempfile.TemporaryFile() as fh:  # what `zhkg build --no-html --no-validate` holds
    n = write_graph([sys.argv[1]], fh, BuildOptions(workers=1), keep=0).size
hwm = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(int(hwm) // 1024, n)
"""


def peak_memory(path: Path) -> tuple[int, int]:
    """Peak resident memory (MB) of a one-process build, and the triples it made."""
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    return int(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10, help="corpus size for the speed runs")
    parser.add_argument("--memory", type=float, nargs="*", default=[1, 10], help="corpus sizes for peak memory")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--memory-only", action="store_true", help="skip the speed runs")
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["peak_memory"] = []
        for mb in args.memory:
            part = Path(tmp) / f"corpus-{mb}.jsonl"
            make_corpus(part, mb)
            rss, triples = peak_memory(part)
            results["peak_memory"].append({"megabytes": mb, "peak_rss_mb": rss, "triples": triples})
            print(f"peak memory at {mb:>5} MB: {rss:>6} MB ({triples} triples)", flush=True)
            part.unlink()
        if args.memory_only:
            print(json.dumps(results, indent=1))
            return
        corpus = Path(tmp) / "corpus.jsonl"
        docs = make_corpus(corpus, args.mb)
        chars = corpus_chars(corpus)
        results["corpus"] = {"megabytes": args.mb, "documents": docs, "characters": chars}
        posseg = time_posseg(corpus)
        one = time_build(corpus, workers=1)
        two = time_build(corpus, workers=2)
        results["speed"] = {
            "jieba_posseg_chars_per_s": round(chars / posseg),
            "build_1_worker_chars_per_s": round(chars / one),
            "build_2_workers_chars_per_s": round(chars / two),
            "ratio_build_to_posseg": round(posseg / one, 3),
            "seconds": {"posseg": round(posseg, 1), "1 worker": round(one, 1), "2 workers": round(two, 1)},
        }
        if not args.no_dask:
            dask = time_dask(corpus)
            results["speed"]["dask_2_workers_chars_per_s"] = round(chars / dask)
            results["speed"]["seconds"]["dask 2 workers"] = round(dask, 1)
    out = ROOT / "benchmarks/results/scale.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    s = results["speed"]
    print(f"corpus: {args.mb} MB, {docs} documents, {chars} characters")
    print(f"jieba.posseg alone:   {s['jieba_posseg_chars_per_s']:>9,} chars/s")
    print(f"zhkg build, 1 worker: {s['build_1_worker_chars_per_s']:>9,} chars/s  "
          f"(ratio to posseg {s['ratio_build_to_posseg']})")
    print(f"zhkg build, 2 workers:{s['build_2_workers_chars_per_s']:>9,} chars/s")
    if "dask_2_workers_chars_per_s" in s:
        print(f"zhkg build, Dask 2:   {s['dask_2_workers_chars_per_s']:>9,} chars/s")


if __name__ == "__main__":
    main()
