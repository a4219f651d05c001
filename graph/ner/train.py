"""Train the CRF tagger on CLUENER2020 and print per-label scores on a held-out split.

    python -m graph.ner.train --corpus ../shared/corpora/cluener/train.json [--out data/models/ner.crfsuite]

The split is fixed: the corpus is shuffled with a fixed seed and the last 10%
kept aside for validation, so runs are repeatable and comparable. A model
trained on the other 90% is scored on it (printed, and recorded beside the
model in ner.validation.json); then the shipped model is trained on all of the
corpus with the same settings (``--split-only`` stops after the first, and
writes that model instead). crfsuite's L-BFGS is deterministic, hence so is
the model.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

from .cluener import LABELS, Span, read_corpus
from .features import (FEATURE_GROUPS, OPTIONAL_GROUPS, Lexicon, _jieba, char_statistics,
                       sentence_features, spans_to_tags, write_char_statistics)

SEED = 20200101
VALIDATION_SHARE = 0.10
MAIN_LABELS = ("company", "government", "address", "name", "organization", "position")

LEXICON_FOLDS = 5
# Person names stay out of the lexicon: a list of people from old news is no
# general knowledge, and names are the label that varies most between articles.
LEXICON_LABELS = ("address", "book", "company", "game", "government", "movie",
                  "organization", "position", "scene")

# Chosen on the validation split (see README, "Named-entity tagger").
# c1 (L1) prunes features; with a weaker c1 of 0.05, c2=0.1 kept many one-off
# features (strings from a single sentence, such as a person's name) in a model
# twice the size, and feature.minfreq=2 dropped those at a cost of 1.9 points.
# See the README.
DEFAULT_PARAMS = {"c1": 0.15, "c2": 0.1, "max_iterations": 150, "feature.minfreq": 0}

# Mention replacement (Dai & Adel 2020): each training sentence gets up to
# AUGMENT_COPIES extra copies in which each mention of an open-class label is,
# with probability AUGMENT_P, replaced by another mention of that label. The
# replacements come from the sentence's own lexicon fold, so the jackknifed
# lexicon sees a replaced mention no more often than it sees a real one.
AUGMENT_LABELS = MAIN_LABELS
AUGMENT_COPIES = 0
AUGMENT_P = 0.5


def split_corpus(examples: list, seed: int = SEED, share: float = VALIDATION_SHARE):
    """(training, validation): a seeded shuffle, the last ``share`` aside."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    cut = len(order) - int(round(len(order) * share))
    return [examples[i] for i in order[:cut]], [examples[i] for i in order[cut:]]


def build_lexicon(examples: list[tuple[str, list[Span]]]) -> Lexicon:
    """Each mention (2+ chars) of the lexicon labels -> its most frequent label."""
    votes: dict[str, dict[str, int]] = {}
    for text, spans in examples:
        for start, end, label in spans:
            if label in LEXICON_LABELS and end - start >= 2:
                counts = votes.setdefault(text[start:end], {})
                counts[label] = counts.get(label, 0) + 1
    return Lexicon({m: max(sorted(c), key=c.get) for m, c in votes.items()})


def mention_pool(examples: list[tuple[str, list[Span]]],
                 labels: tuple[str, ...] = AUGMENT_LABELS) -> dict[str, list[str]]:
    """label -> its mentions in ``examples``, in corpus order, repeats kept
    (a frequent mention is drawn as often as it occurs)."""
    pool: dict[str, list[str]] = {label: [] for label in labels}
    for text, spans in examples:
        for start, end, label in spans:
            if label in pool:
                pool[label].append(text[start:end])
    return pool


def augment(examples: list[tuple[str, list[Span]]], copies: int, p: float,
            pool: dict[str, list[str]] | None = None, seed: int = SEED
            ) -> list[list[tuple[str, list[Span]]]]:
    """For each example, its mention-replaced copies (a list per example, in order).

    In each of ``copies`` copies every mention of a label in ``pool`` (default:
    the mentions of ``examples`` themselves) is, with probability ``p``,
    replaced by a mention of the same label drawn from the pool; the spans
    follow the new text. A copy that came out unchanged is dropped, and so are
    the copies of a sentence whose spans overlap. Deterministic for a given seed."""
    if pool is None:
        pool = mention_pool(examples)
    rng = random.Random(seed)
    out: list[list[tuple[str, list[Span]]]] = []
    for text, spans in examples:
        spans = sorted(spans)
        made: list[tuple[str, list[Span]]] = []
        if copies > 0 and all(a[1] <= b[0] for a, b in zip(spans, spans[1:])):
            for _ in range(copies):
                pieces, new_spans, at, shift, changed = [], [], 0, 0, False
                for start, end, label in spans:
                    mention = text[start:end]
                    if pool.get(label) and rng.random() < p:
                        new = rng.choice(pool[label])
                        changed |= new != mention
                        mention = new
                    pieces.append(text[at:start])
                    new_start = start + shift
                    new_spans.append((new_start, new_start + len(mention), label))
                    pieces.append(mention)
                    shift += len(mention) - (end - start)
                    at = end
                pieces.append(text[at:])
                if changed:
                    made.append(("".join(pieces), new_spans))
        out.append(made)
    return out


def lexicon_path(model: str | Path) -> Path:
    """The lexicon that goes with a model file: ner.crfsuite -> ner.lexicon.tsv."""
    return Path(model).with_suffix(".lexicon.tsv")


def char_stats_path(model: str | Path) -> Path:
    """ner.crfsuite -> ner.charstats.tsv (the jieba char statistics it was trained with)."""
    return Path(model).with_suffix(".charstats.tsv")


def train_model(examples: list[tuple[str, list[Span]]], out: str | Path,
                params: dict | None = None, groups: tuple[str, ...] = FEATURE_GROUPS,
                verbose: bool = False, copies: int = AUGMENT_COPIES,
                p: float = AUGMENT_P, augment_labels: tuple[str, ...] = AUGMENT_LABELS) -> Path:
    """Train and write the model to ``out`` (and, with the lexicon group, its
    lexicon beside it). With ``copies``, each sentence also trains as up to
    that many mention-replaced copies (`augment`), drawn within its lexicon fold."""
    trainer = pycrfsuite.Trainer(verbose=verbose)
    folds = [examples[k::LEXICON_FOLDS] for k in range(LEXICON_FOLDS)]
    char_stats = char_statistics(_jieba()[1]) if "charstats" in groups else None
    for k, fold in enumerate(folds):
        # jackknife: a sentence's lexicon holds the mentions of the other folds only
        others = [ex for j, other in enumerate(folds) if j != k for ex in other]
        lexicon = build_lexicon(others) if "lexicon" in groups else None
        # a copy stays in its sentence's fold and draws replacements from that
        # fold only, so its lexicon never holds a mention put there by replacement
        extra = (augment(fold, copies, p, mention_pool(fold, augment_labels), seed=SEED + k)
                 if copies > 0 else [[]] * len(fold))
        for example, made in zip(fold, extra):
            for text, spans in [example, *made]:
                trainer.append(sentence_features(text, groups, lexicon, char_stats),
                               spans_to_tags(len(text), spans))
    trainer.set_params({**DEFAULT_PARAMS, **(params or {}),
                        "feature.possible_transitions": True})
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)  # never leave a half-written model under the real name
    if "lexicon" in groups:
        build_lexicon(examples).write(lexicon_path(out))
    if char_stats is not None:
        write_char_statistics(char_stats, char_stats_path(out))
    return out


def score(gold: list[list[Span]], predicted: list[list[Span]]) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per label, plus micro "overall"."""
    counts: dict[str, list[int]] = {}  # label -> [true positives, predicted, gold]
    for gold_spans, predicted_spans in zip(gold, predicted):
        gold_set, predicted_set = set(gold_spans), set(predicted_spans)
        for span in predicted_set:
            counts.setdefault(span[2], [0, 0, 0])[1] += 1
            if span in gold_set:
                counts[span[2]][0] += 1
        for span in gold_set:
            counts.setdefault(span[2], [0, 0, 0])[2] += 1
    counts["overall"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    table = {}
    for label, (tp, n_pred, n_gold) in sorted(counts.items()):
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                        "support": n_gold}
    return table


def format_scores(table: dict[str, dict[str, float]]) -> str:
    lines = [f"{'label':<13}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
    for label, row in table.items():
        mark = " *" if label in MAIN_LABELS else ""
        lines.append(f"{label:<13}{row['precision']:7.3f}{row['recall']:7.3f}"
                     f"{row['f1']:7.3f}{row['support']:7d}{mark}")
    return "\n".join(lines)


def evaluate_model(model: str | Path, examples: list[tuple[str, list[Span]]],
                   groups: tuple[str, ...] = FEATURE_GROUPS) -> dict:
    from .tagger import Tagger
    tagger = Tagger(model, groups)
    predicted = tagger.tag_many([text for text, _ in examples])
    return score([spans for _, spans in examples], predicted)


def validation_record_path(model: str | Path) -> Path:
    """ner.crfsuite -> ner.validation.json: the held-out scores behind a shipped model."""
    return Path(model).with_suffix(".validation.json")


def write_validation_record(model: Path, table: dict, shipped_on: int, scored_on: int,
                            validation_sentences: int, params: dict, groups: tuple[str, ...],
                            augment: dict | None = None) -> None:
    """What `make train` measured, beside the model, for bench_ner.py and the README:
    the scores on the validation split of a model trained on ``scored_on``
    sentences without it. No timings in it, so the same corpus gives the same file."""
    record = {"model_trained_on": shipped_on,
              "validation": {"sentences": validation_sentences, "scored_model_trained_on": scored_on,
                             "scores": table},
              "params": params, "groups": list(groups)}
    if augment:
        record["augment"] = augment
    validation_record_path(model).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.ner.train", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="CLUENER train.json")
    parser.add_argument("--out", default="data/models/ner.crfsuite", help="model file to write")
    parser.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    parser.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    parser.add_argument("--min-freq", type=int, default=DEFAULT_PARAMS["feature.minfreq"],
                        help="drop features seen fewer times than this in training")
    parser.add_argument("--groups", default=",".join(FEATURE_GROUPS),
                        help=f"feature groups to use (default: all of {','.join(FEATURE_GROUPS)})")
    parser.add_argument("--augment", type=int, default=AUGMENT_COPIES, metavar="K",
                        help="mention-replaced copies per training sentence (0: none)")
    parser.add_argument("--augment-p", type=float, default=AUGMENT_P, metavar="P",
                        help="chance that a mention is replaced in a copy")
    parser.add_argument("--augment-labels", default=",".join(AUGMENT_LABELS),
                        help="labels whose mentions a copy may replace")
    parser.add_argument("--limit", type=int, help="train on only the first N training sentences")
    parser.add_argument("--split-only", action="store_true",
                        help="write the model trained without the validation split (for experiments) "
                             "instead of retraining on the whole corpus")
    args = parser.parse_args(argv)
    groups = tuple(g for g in args.groups.split(",") if g)
    unknown = set(groups) - set(FEATURE_GROUPS) - set(OPTIONAL_GROUPS)
    if unknown:
        parser.error(f"unknown feature groups: {', '.join(sorted(unknown))}")

    augment_labels = tuple(label for label in args.augment_labels.split(",") if label)
    if set(augment_labels) - set(LABELS):
        parser.error(f"unknown labels: {', '.join(sorted(set(augment_labels) - set(LABELS)))}")
    training, validation = split_corpus(read_corpus(args.corpus))
    if args.limit:
        training = training[:args.limit]
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.minfreq": args.min_freq}
    out = Path(args.out)
    augmenting = (f"; {args.augment} mention-replaced copies, p={args.augment_p} "
                  f"({','.join(augment_labels)})" if args.augment > 0 else "")
    print(f"training on {len(training)} sentences, validating on {len(validation)}; "
          f"features {','.join(groups)}; {params}{augmenting}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        held_out_model = out if args.split_only else Path(tmp) / out.name
        _timed_training(training, held_out_model, params, groups, args.augment, args.augment_p,
                        augment_labels)
        table = evaluate_model(held_out_model, validation, groups)
    print(format_scores(table))
    shipped_on = len(training)
    if not args.split_only:
        # the choices are made: the shipped model learns from every sentence
        print(f"training the shipped model on all {len(training) + len(validation)} sentences",
              file=sys.stderr)
        _timed_training(training + validation, out, params, groups, args.augment, args.augment_p,
                        augment_labels)
        shipped_on += len(validation)
    augment = ({"copies": args.augment, "p": args.augment_p, "labels": list(augment_labels)}
               if args.augment > 0 else None)
    write_validation_record(out, table, shipped_on, len(training), len(validation), params, groups,
                            augment)
    return 0


def _timed_training(examples, out: Path, params: dict, groups: tuple[str, ...],
                    copies: int = 0, p: float = AUGMENT_P,
                    augment_labels: tuple[str, ...] = AUGMENT_LABELS) -> None:
    started = time.perf_counter()
    model = train_model(examples, out, params, groups, copies=copies, p=p,
                        augment_labels=augment_labels)
    seconds = time.perf_counter() - started
    print(f"trained in {seconds:.1f} s -> {model} ({model.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
