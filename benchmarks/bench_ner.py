"""Benchmark the shipped NER model: `zhkg ner` throughput on one core, model
load time, model size, and the per-label scores on the held-out validation split.

    .venv/bin/python benchmarks/bench_ner.py [--corpus ../shared/corpora/cluener/train.json]

The shipped model is trained on the whole corpus, validation split included, so
scoring it on that split would flatter it. The scores reported are those of the
same settings trained without the split, which `make train` measures and
records beside the model (ner.validation.json). If the shipped model was
trained with ``--split-only`` it is scored here directly as well.

Writes benchmarks/results/ner.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.ner.cluener import read_corpus  # noqa: E402
from graph.ner.tagger import MODEL  # noqa: E402
from graph.ner.train import format_scores, score, split_corpus  # noqa: E402
from graph.resources import resource  # noqa: E402

THROUGHPUT_COPIES = 5  # the validation texts, repeated, make the throughput input

LOAD_SCRIPT = """
import time
started = time.perf_counter()
from graph.ner import load_tagger
load_tagger()
print(time.perf_counter() - started)
"""


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def load_seconds(runs: int = 3) -> float:
    """Import + load of the tagger in a fresh interpreter (best of ``runs``)."""
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT], cwd=REPO, check=True,
                             capture_output=True, text=True).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return min(times)


def throughput(texts: list[str]) -> tuple[float, int]:
    """Sentences per second through `zhkg ner` (read, parse, tag, write JSON
    lines), the tagger already loaded."""
    from graph.cli import main
    from graph.ner import load_tagger
    load_tagger()
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "in.json", Path(tmp) / "out.json"
        source.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
                          encoding="utf-8")
        started = time.perf_counter()
        main(["ner", str(source), "-o", str(out)])
        seconds = time.perf_counter() - started
    return len(texts) / seconds, sum(map(len, texts))


def model_files(model: Path) -> list[Path]:
    """The model file and the ner.*.tsv/.txt tables loaded with it (not the validation record)."""
    stem = model.name.split(".")[0]
    return [model] + sorted(f for f in model.parent.glob(stem + ".*")
                            if f.suffix in (".tsv", ".txt") and f != model)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared/corpora/cluener/train.json"))
    parser.add_argument("--out", default=str(REPO / "benchmarks/results/ner.json"))
    args = parser.parse_args()
    pin_to_one_core()

    training, validation = split_corpus(read_corpus(args.corpus))
    from graph.ner import load_tagger
    tagger = load_tagger()
    model = resource(MODEL)
    record = json.loads(model.with_suffix(".validation.json").read_text(encoding="utf-8"))
    table = record["validation"]["scores"]
    if record["model_trained_on"] == len(training):  # a --split-only model: score it here too
        live = score([spans for _, spans in validation], tagger.tag_many([t for t, _ in validation]))
        if live != table:
            raise SystemExit("the recorded validation scores do not match the model: run make train")

    texts = [t for t, _ in validation] * THROUGHPUT_COPIES
    per_second, chars = throughput(texts)
    result = {
        "model_trained_on": record["model_trained_on"],
        "validation": {"sentences": len(validation),
                       "scored_model_trained_on": record["validation"]["scored_model_trained_on"],
                       "scores": table},
        "throughput": {"sentences": len(texts), "mean_chars": round(chars / len(texts), 1),
                       "sentences_per_second": round(per_second), "cores": 1},
        "load_seconds": round(load_seconds(), 3),
        "model_file": model.name,
        "model_mb": round(model.stat().st_size / 1e6, 2),
        # the model and what it reads beside it (lexicon, char statistics, feature strings)
        "model_files_mb": round(sum(f.stat().st_size for f in model_files(model)) / 1e6, 2),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(f"validation split: {len(validation)} sentences, scored with the model trained on the other "
          f"{record['validation']['scored_model_trained_on']} (* = zhkg's labels)")
    print(format_scores(table))
    print(f"throughput: {per_second:,.0f} sentences/s on one core "
          f"({len(texts)} sentences, {chars / len(texts):.1f} chars each, `zhkg ner` end to end)")
    print(f"model load: {result['load_seconds']:.2f} s (fresh interpreter, imports included)")
    print(f"model size: {result['model_mb']:.1f} MB ({model.name}, trained on {record['model_trained_on']} "
          f"sentences); {result['model_files_mb']:.1f} MB with the files read beside it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
