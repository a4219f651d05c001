"""Train the neural tagger (neural.py) with torch, on one CPU core, deterministically.

    python -m graph.ner.train_neural --corpus ../shared/corpora/cluener/train.json [--out data/models/ner.npz]

Torch is needed here only (``pip install -e .[train]``); tagging runs the
exported weights in numpy. The protocol is train.py's: a model trained on 90%
of the corpus is scored on the fixed 10% validation split, then the shipped
model is trained on all of it with the same settings.

Each training sentence's features are those the CRF sees, with the lexicon
feature jackknifed the same way (a sentence's lexicon holds the mentions of the
other folds only), so the model learns how far to trust a lexicon match on
sentences it was not built from.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from .cluener import LABELS, Span, read_corpus
from .features import _jieba, char_statistics, sentence_features, spans_to_tags, write_char_statistics
from .neural import NeuralModel, vocabulary_path
from .train import (LEXICON_FOLDS, build_lexicon, char_stats_path, evaluate_model, format_scores,
                    lexicon_path, score, split_corpus, write_validation_record)

# BIOES, as the CRF: +1.1 points over BIO on the validation split (see README),
# for a Viterbi four times the work
TAGS = ["O"] + [f"{mark}-{label}" for label in LABELS for mark in "BIES"]
SEED = 20200101
# The CRF's feature groups, but of the char window only the char and its two
# bigrams ("centre"): the BiLSTM sees the neighbours, and features cost time.
NEURAL_GROUPS = ("centre", "types", "words", "gazetteer", "lexicon", "charstats")

# Chosen on the validation split (see README, "Named-entity tagger").
DEFAULT_PARAMS = {
    "min_count": 2,       # features seen fewer times in training get no vector
    "dim": 32,            # feature embedding size (D)
    "hidden": 64,         # LSTM size per direction (H)
    "epochs": 15,
    "batch": 32,
    "lr": 2e-3,         # falls linearly to 0 over the epochs
    "dropout": 0.5,     # on the feature sums and the LSTM output
    "feature_dropout": 0.5,  # share of a char's features hidden from it in training
    "groups": NEURAL_GROUPS,
    "seed": SEED,
}


def jackknifed_features(examples: list[tuple[str, list[Span]]], char_stats,
                        groups: tuple[str, ...]) -> list[list[list[str]]]:
    """Each sentence's feature lists, its lexicon built from the other folds
    (the folds of train.train_model)."""
    features: list = [None] * len(examples)
    for k in range(LEXICON_FOLDS):
        others = [ex for j, ex in enumerate(examples) if j % LEXICON_FOLDS != k]
        lexicon = build_lexicon(others)
        for j in range(k, len(examples), LEXICON_FOLDS):
            features[j] = sentence_features(examples[j][0], groups, lexicon, char_stats)
    return features


def build_vocabulary(features: list[list[list[str]]], min_count: int) -> list[str]:
    """The feature strings seen at least ``min_count`` times, most frequent first
    (ties by string, so the order is reproducible)."""
    counts = Counter(f for rows in features for row in rows for f in row)
    kept = [f for f, n in counts.items() if n >= min_count and "\n" not in f]
    return sorted(kept, key=lambda f: (-counts[f], f))


# --- the torch model -------------------------------------------------------------------

def _torch():
    import torch
    torch.set_num_threads(1)  # one core: the machine is shared
    torch.use_deterministic_algorithms(True)
    return torch


def make_network(n_features: int, params: dict):
    torch = _torch()
    nn = torch.nn

    class Network(nn.Module):
        """The model of neural.py; ``forward`` gives emission scores (B, T, tags)."""

        def __init__(self):
            super().__init__()
            dim, hidden = params["dim"], params["hidden"]
            self.embedding = nn.EmbeddingBag(n_features + 1, dim, mode="sum", padding_idx=0, sparse=True)
            nn.init.normal_(self.embedding.weight, std=0.1)
            with torch.no_grad():
                self.embedding.weight[0].zero_()
            self.lstm = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden + dim, len(TAGS))
            # a CRF's own part: a score per feature and tag, added to the tags' scores
            self.linear = nn.EmbeddingBag(n_features + 1, len(TAGS), mode="sum", padding_idx=0, sparse=True)
            nn.init.zeros_(self.linear.weight)
            self.dropout = nn.Dropout(params["dropout"])
            self.transitions = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))

        def forward(self, ids, offsets, lengths):
            """ids/offsets: the flat feature ids of all chars (EmbeddingBag form);
            lengths: chars per sentence, in order."""
            weights = None
            if self.training and params["feature_dropout"]:
                # whole features dropped, so that no one rare feature decides a tag
                keep = 1.0 - params["feature_dropout"]
                weights = torch.bernoulli(torch.full(ids.shape, keep)) / keep
            chars = self.embedding(ids, offsets, per_sample_weights=weights)  # (all chars, D)
            linear = self.linear(ids, offsets, per_sample_weights=weights)  # (all chars, tags)
            x = nn.utils.rnn.pad_sequence(list(chars.split(lengths.tolist())), batch_first=True)
            linear = nn.utils.rnn.pad_sequence(list(linear.split(lengths.tolist())), batch_first=True)
            x = self.dropout(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            return self.out(torch.cat([self.dropout(h), x], dim=2)) + linear

    return Network()


def crf_loss(torch, network, scores, tags, mask):
    """Mean negative log-likelihood of the gold tag sequences (linear-chain CRF)."""
    batch, length, _ = scores.shape
    rows = torch.arange(batch)
    trans = network.transitions
    gold = network.start[tags[:, 0]] + scores[rows, 0, tags[:, 0]]
    alpha = network.start + scores[:, 0]
    for t in range(1, length):
        on = mask[:, t]
        gold = gold + on * (trans[tags[:, t - 1], tags[:, t]] + scores[rows, t, tags[:, t]])
        step = torch.logsumexp(alpha[:, :, None] + trans, dim=1) + scores[:, t]
        alpha = torch.where(on[:, None], step, alpha)
    last = tags[rows, mask.sum(1).long() - 1]
    gold = gold + network.end[last]
    log_z = torch.logsumexp(alpha + network.end, dim=1)
    return (log_z - gold).mean()


def encode(rows: list[list[str]], vocabulary: dict[str, int]) -> tuple[list[int], list[int]]:
    """(flat feature ids, their count per char); unknown features are left out
    (at least "bias" is known, so no char is empty)."""
    ids = [[vocabulary[f] for f in row if f in vocabulary] for row in rows]
    return [i for char_ids in ids for i in char_ids], [len(char_ids) for char_ids in ids]


def batch_tensors(torch, encoded, tag_ids, members):
    ids, counts, lengths, tags = [], [], [], []
    for k in members:
        ids += encoded[k][0]
        counts += encoded[k][1]
        lengths.append(len(encoded[k][1]))
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    width = max(lengths)
    tags = torch.zeros(len(members), width, dtype=torch.long)
    mask = torch.zeros(len(members), width, dtype=torch.bool)
    for row, k in enumerate(members):
        tags[row, :lengths[row]] = torch.tensor(tag_ids[k])
        mask[row, :lengths[row]] = True
    return (torch.tensor(ids), torch.tensor(offsets), torch.tensor(lengths)), tags, mask


def export(network, features: list[str]) -> tuple[dict[str, np.ndarray], list[str]]:
    """The numpy weights of neural.NeuralModel. The embedding is stored as
    float16 (half the file); the network is given the rounded values too, so
    torch and numpy compute the same thing."""
    torch = _torch()
    with torch.no_grad():
        for table in (network.embedding, network.linear):
            table.weight.copy_(table.weight.half().float())
    lstm = network.lstm
    f = lambda t: t.detach().numpy().copy()  # noqa: E731
    weights = {
        # one table: a feature's embedding (D) then its scores per tag
        "embedding": np.concatenate([f(network.embedding.weight), f(network.linear.weight)],
                                    axis=1).astype(np.float16),
        "w_ih_f": f(lstm.weight_ih_l0), "w_hh_f": f(lstm.weight_hh_l0),
        "b_f": f(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        "w_ih_b": f(lstm.weight_ih_l0_reverse), "w_hh_b": f(lstm.weight_hh_l0_reverse),
        "b_b": f(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        "w_out": f(network.out.weight), "b_out": f(network.out.bias),
        "transitions": f(network.transitions), "start": f(network.start), "end": f(network.end),
    }
    return weights, features


def fit(examples: list[tuple[str, list[Span]]], params: dict, char_stats,
        validation: tuple[list, list] | None = None, log=print):
    """Train a network; returns (network, feature strings). With ``validation``
    ((feature lists, gold spans)), score the numpy model after every epoch."""
    torch = _torch()
    torch.manual_seed(params["seed"])
    started = time.perf_counter()
    features = jackknifed_features(examples, char_stats, params["groups"])
    vocabulary_list = build_vocabulary(features, params["min_count"])
    vocabulary = {f: i for i, f in enumerate(vocabulary_list, 1)}
    encoded = [encode(rows, vocabulary) for rows in features]
    tag_index = {t: i for i, t in enumerate(TAGS)}
    tag_ids = [[tag_index[t] for t in spans_to_tags(len(text), spans)] for text, spans in examples]
    log(f"features: {len(vocabulary)} kept of those seen (min count {params['min_count']}), "
        f"{time.perf_counter() - started:.0f} s")
    network = make_network(len(vocabulary), params)
    sparse = [network.embedding.weight, network.linear.weight]
    dense = [p for name, p in network.named_parameters() if name not in ("embedding.weight", "linear.weight")]
    optimisers = [torch.optim.SparseAdam(sparse, lr=params["lr"]), torch.optim.Adam(dense, lr=params["lr"])]
    # the learning rate falls linearly to nothing: the last epochs settle instead of wandering
    steps = params["epochs"] * -(-len(examples) // params["batch"])
    schedules = [torch.optim.lr_scheduler.LambdaLR(o, lambda step: 1.0 - step / steps) for o in optimisers]
    by_length = sorted(range(len(examples)), key=lambda k: (len(examples[k][0]), k))
    batches = [by_length[i:i + params["batch"]] for i in range(0, len(by_length), params["batch"])]
    order = random.Random(params["seed"])
    for epoch in range(1, params["epochs"] + 1):
        network.train()
        order.shuffle(batches)
        total = 0.0
        for members in batches:
            inputs, tags, mask = batch_tensors(torch, encoded, tag_ids, members)
            loss = crf_loss(torch, network, network(*inputs), tags, mask)
            for optimiser in optimisers:
                optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(dense, 5.0)
            for optimiser, schedule in zip(optimisers, schedules):
                optimiser.step()
                schedule.step()
            total += loss.item() * len(members)
        message = f"epoch {epoch}: loss {total / len(examples):.3f}, {time.perf_counter() - started:.0f} s"
        if validation is not None:
            network.eval()
            model = NeuralModel(*_export_copy(network, vocabulary_list))
            table = score(validation[1], decode(model, validation[0]))
            main = " ".join(f"{label[:4]} {table[label]['f1']:.3f}" for label in
                            ("company", "government", "address", "name", "organization", "position"))
            message += f"; validation overall {table['overall']['f1']:.4f} ({main})"
        log(message)
    network.eval()
    return network, vocabulary_list


def _export_copy(network, features):
    """Export without rounding the training network's own embedding (for the
    per-epoch scores)."""
    import copy
    weights, features = export(copy.deepcopy(network), features)
    return weights, TAGS, features, NEURAL_GROUPS


def decode(model: NeuralModel, feature_lists: list[list[list[str]]]) -> list[list[Span]]:
    from .features import tags_to_spans
    return [tags_to_spans(tags) for tags in model.tag_many(feature_lists)]


def torch_tags(network, features: list[str], feature_lists: list[list[list[str]]]) -> list[list[str]]:
    """The tags the torch network itself gives, a sentence at a time, with its own
    Viterbi (the tests check that neural.py's numpy gives the same)."""
    torch = _torch()
    vocabulary = {f: i for i, f in enumerate(features, 1)}
    network.eval()
    result = []
    with torch.no_grad():
        for rows in feature_lists:
            ids, counts = encode(rows, vocabulary)
            offsets = torch.tensor(np.concatenate([[0], np.cumsum(counts)[:-1]]), dtype=torch.long)
            scores = network(torch.tensor(ids, dtype=torch.long), offsets, torch.tensor([len(rows)]))[0]
            alpha, pointers = network.start + scores[0], []
            for t in range(1, len(rows)):
                total = alpha[:, None] + network.transitions  # (from, to)
                pointers.append(total.argmax(0))
                alpha = total.max(0).values + scores[t]
            best = [int((alpha + network.end).argmax())]
            for back in reversed(pointers):
                best.append(int(back[best[-1]]))
            result.append([TAGS[i] for i in reversed(best)])
    return result


def save(network, features: list[str], out: Path, examples, char_stats, groups: tuple[str, ...]) -> Path:
    """Write ``out`` (.npz), its feature strings, and the lexicon and char
    statistics of the tagger's features beside it."""
    weights, features = export(network, features)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.npz")
    np.savez_compressed(tmp, tags=np.array(TAGS), groups=np.array(groups), **weights)
    with open(vocabulary_path(out), "w", encoding="utf-8", newline="") as fh:
        fh.write("".join(f + "\n" for f in features))
    build_lexicon(examples).write(lexicon_path(out))
    write_char_statistics(char_stats, char_stats_path(out))
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.ner.train_neural",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="CLUENER train.json")
    parser.add_argument("--out", default="data/models/ner.npz", help="model file to write")
    for name, value in DEFAULT_PARAMS.items():
        kind = (lambda text: tuple(text.split(","))) if name == "groups" else type(value)
        parser.add_argument("--" + name.replace("_", "-"), type=kind, default=value)
    parser.add_argument("--split-only", action="store_true",
                        help="write the model trained without the validation split instead of "
                             "retraining on the whole corpus")
    args = parser.parse_args(argv)
    params = {name: getattr(args, name) for name in DEFAULT_PARAMS}
    training, validation = split_corpus(read_corpus(args.corpus))
    char_stats = char_statistics(_jieba()[1])
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    log(f"training on {len(training)} sentences, validating on {len(validation)}; {params}")
    out = Path(args.out)
    network, features = fit(training, params, char_stats, log=log)
    with tempfile.TemporaryDirectory() as tmp:
        held_out = out if args.split_only else Path(tmp) / out.name
        save(network, features, held_out, training, char_stats, params["groups"])
        table = evaluate_model(held_out, validation)  # through Tagger, as the CRF's
    print(format_scores(table))
    shipped_on = len(training)
    if not args.split_only:
        log(f"training the shipped model on all {len(training) + len(validation)} sentences")
        network, features = fit(training + validation, params, char_stats, log=log)
        save(network, features, out, training + validation, char_stats, params["groups"])
        shipped_on += len(validation)
    write_validation_record(out, table, shipped_on, len(training), len(validation), params, params["groups"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
