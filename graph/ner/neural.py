"""The neural tagger's forward pass, in numpy only (no torch at run time).

The model (trained by train_neural.py, with torch) reads per-char feature
strings of features.sentence_features (the CRF's, with a narrower char window):

    features of a char --sum of their embeddings--> x (D)
    features of a char --sum of their own scores per tag--> s (tags)
    x --BiLSTM--> h (2H);   [h, x] --linear--> + s = a score per BIOES tag
    tag scores + learned tag-to-tag transitions --Viterbi--> tags

``s`` is exactly a linear-chain CRF's state features; the BiLSTM adds what a
window of features cannot see (the rest of the sentence), trained together.

Sentences are run in batches of similar length, padded at the end; each LSTM
direction meets the padding only after a sentence's real chars, so a sentence's
tags do not depend on its batch (and are those of torch: see the tests).
"""
from __future__ import annotations

from itertools import chain, repeat
from pathlib import Path

import numpy as np


SENTENCES_AT_ONCE = 256  # a batch: more costs memory and padding, fewer costs numpy calls
CHARS_AT_ONCE = 8192  # chars whose feature vectors are gathered at once (memory)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # = 1 / (1 + exp(-x)), without overflow


class NeuralModel:
    """The weights, the tag names, and the feature strings: the k-th string
    (from 1) is feature id k; id 0 is "unknown", a zero row."""

    def __init__(self, weights: dict[str, np.ndarray], tags: list[str], features: list[str],
                 groups: tuple[str, ...] = ()):
        w = {name: np.asarray(array, dtype=np.float32) for name, array in weights.items()}
        self.tags = list(tags)
        self.groups = tuple(groups)  # the feature groups (features.py) it was trained on
        # (features + 1, D + tags): a feature's embedding, then its own score per tag
        # (the linear part a CRF would have); row 0 ("unknown") is zeros
        self.embedding = w["embedding"]
        self.dim = w["w_ih_f"].shape[1]
        hidden = self.hidden = w["w_hh_f"].shape[1]
        # torch orders an LSTM's gates i, f, g, o; here i, f, o, g, so that the
        # three sigmoid gates are one slice
        gates = np.r_[0:2 * hidden, 3 * hidden:4 * hidden, 2 * hidden:3 * hidden]
        # both directions' input projections in one matrix: a char's x is projected once
        self.w_ih = np.concatenate([w["w_ih_f"][gates], w["w_ih_b"][gates]]).T.copy()  # (D, 8H)
        self.b_ih = np.concatenate([w["b_f"][gates], w["b_b"][gates]])
        self.w_hh_f = w["w_hh_f"][gates].T.copy()  # (H, 4H)
        self.w_hh_b = w["w_hh_b"][gates].T.copy()
        self.w_out_f = w["w_out"][:, :hidden].T.copy()  # (H, tags): forward LSTM state
        self.w_out_b = w["w_out"][:, hidden:2 * hidden].T.copy()  # backward
        self.w_out_x = w["w_out"][:, 2 * hidden:].T.copy()  # (D, tags): the features directly
        self.b_out = w["b_out"]
        self.transitions = w["transitions"]  # (from, to)
        self.start, self.end = w["start"], w["end"]
        self.vocabulary = {f: i for i, f in enumerate(features, 1)}

    @classmethod
    def load(cls, path: str | Path) -> "NeuralModel":
        """Weights from ``path`` (.npz) and its feature strings from the
        .features.txt beside it (line k is feature id k; id 0 is "unknown")."""
        with np.load(path) as npz:
            weights = {name: npz[name] for name in npz.files if name not in ("tags", "groups")}
            tags = [str(t) for t in npz["tags"]]
            groups = tuple(str(g) for g in npz["groups"])
        with open(vocabulary_path(path), encoding="utf-8", newline="") as fh:
            text = fh.read()  # newline="": a "\r" inside a feature stays one
        return cls(weights, tags, text.split("\n")[:-1], groups)

    # --- the forward pass -------------------------------------------------------------

    def char_vectors(self, sentences: list[list[list[str]]]) -> np.ndarray:
        """(all chars of all sentences, D + tags): the sums of their features' rows."""
        rows = list(chain.from_iterable(sentences))
        return np.concatenate([self._sum_embeddings(rows[at:at + CHARS_AT_ONCE])
                               for at in range(0, len(rows), CHARS_AT_ONCE)])

    def _sum_embeddings(self, rows: list[list[str]]) -> np.ndarray:
        """The ids go into a (chars, most features of a char) grid padded with the
        zero row 0: one gather and one sum, no Python loop over chars."""
        counts = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        total = int(counts.sum())
        # a list first: np.fromiter over the same map is slower
        ids = np.array(list(map(self.vocabulary.get, chain.from_iterable(rows), repeat(0, total))),
                       dtype=np.int64)
        starts = np.cumsum(counts) - counts
        grid = np.zeros((len(rows), int(counts.max())), dtype=np.int64)
        grid[np.repeat(np.arange(len(rows)), counts), np.arange(total) - np.repeat(starts, counts)] = ids
        return self.embedding[grid].sum(axis=1)

    def _lstm(self, xw: np.ndarray, w_hh: np.ndarray) -> np.ndarray:
        """One LSTM direction over a batch (B, L, 4H) of projected inputs -> (B, L, H)."""
        batch, length, _ = xw.shape
        hidden, three = self.hidden, 3 * self.hidden
        h = np.zeros((batch, hidden), dtype=np.float32)
        c = np.zeros((batch, hidden), dtype=np.float32)
        out = np.empty((batch, length, hidden), dtype=np.float32)
        for t in range(length):
            gates = xw[:, t] + h @ w_hh
            ifo = sigmoid(gates[:, :three])
            c = ifo[:, hidden:2 * hidden] * c + ifo[:, :hidden] * np.tanh(gates[:, three:])
            h = ifo[:, 2 * hidden:] * np.tanh(c)
            out[:, t] = h
        return out

    def emissions(self, vectors: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Tag scores (B, L, tags) of a batch of sentences, their chars' vectors
        one after the other in ``vectors``, padded at the end to the longest.

        Each direction reads its sentence from its own first char, the padding
        last, so padding changes no real char's score: the backward LSTM runs
        forwards over the sentences reversed."""
        first = np.cumsum(lengths) - lengths
        steps = np.arange(lengths.max())
        real = steps < lengths[:, None]  # (B, L)
        padding = len(vectors)  # a zero row appended below
        vectors = np.concatenate([vectors, np.zeros((1, vectors.shape[1]), dtype=np.float32)])
        vectors, linear = vectors[:, :self.dim], vectors[:, self.dim:]
        ahead = np.where(real, first[:, None] + steps, padding)
        reversed_ = np.where(real, first[:, None] + lengths[:, None] - 1 - steps, padding)
        xw = vectors @ self.w_ih + self.b_ih  # (chars + 1, 8H)
        four = 4 * self.hidden
        forward = self._lstm(xw[ahead, :four], self.w_hh_f)
        backward = self._lstm(xw[reversed_, four:], self.w_hh_b)
        backward = backward[np.arange(len(lengths))[:, None], np.where(real, lengths[:, None] - 1 - steps, 0)]
        return (forward @ self.w_out_f + backward @ self.w_out_b + vectors[ahead] @ self.w_out_x
                + linear[ahead] + self.b_out)

    def viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best tag ids (B, L) for emission scores (B, L, tags) of sentences of
        ``lengths`` (past its length a sentence's best stays as it was). Only the
        best score per tag is kept going forward; the path is recovered
        backwards, one (B, tags) argmax a step, cheaper than back-pointers."""
        batch, length, _ = scores.shape
        trans = self.transitions
        alphas = [self.start + scores[:, 0]]
        for t in range(1, length):
            step = (alphas[-1][:, :, None] + trans).max(axis=1) + scores[:, t]
            alphas.append(np.where((t < lengths)[:, None], step, alphas[-1]))
        best = np.empty((batch, length), dtype=np.int64)
        best[:, -1] = (alphas[-1] + self.end).argmax(axis=1)
        for t in range(length - 1, 0, -1):
            previous = (alphas[t - 1] + trans[:, best[:, t]].T).argmax(axis=1)
            best[:, t - 1] = np.where(t < lengths, previous, best[:, t])
        return best

    def tag_many(self, sentences: list[list[list[str]]]) -> list[list[str]]:
        """The tags (BIOES) of each sentence, given as its chars' feature lists.
        Sentences are run in batches of similar length, so that little is padding."""
        result: list[list[str]] = [[] for _ in sentences]
        order = sorted((k for k, rows in enumerate(sentences) if rows), key=lambda k: len(sentences[k]))
        for at in range(0, len(order), SENTENCES_AT_ONCE):
            batch = order[at:at + SENTENCES_AT_ONCE]
            rows = [sentences[k] for k in batch]
            lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
            best = self.viterbi(self.emissions(self.char_vectors(rows), lengths), lengths)
            for k, ids, n in zip(batch, best.tolist(), lengths.tolist()):
                result[k] = [self.tags[i] for i in ids[:n]]
        return result


def vocabulary_path(model: str | Path) -> Path:
    """ner.npz -> ner.features.txt: the feature strings, in id order."""
    return Path(model).with_suffix(".features.txt")
