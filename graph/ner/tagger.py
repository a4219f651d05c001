"""The named-entity tagger: a CRF over character features (features.py).

    from graph.ner import load_tagger
    tagger = load_tagger()
    tagger.tag("浙商银行行长叶老桂说")   # [(0, 4, "company"), (4, 6, "position"), (6, 9, "name")]

Spans are ``(start, end_exclusive, label)`` with CLUENER labels (company,
government, address, name, organization, position; also book, game, movie, scene).
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pycrfsuite

from ..resources import read_lines, resource
from .cluener import Span
from .features import (FEATURE_GROUPS, Lexicon, _jieba, gazetteer, read_char_statistics,
                       sentence_features, tags_to_spans)

MODEL = "models/ner.crfsuite"
# Labels whose strings, once tagged in a document, are tagged wherever they recur.
CONSISTENT_LABELS = ("company", "name", "government")
MIN_PROPAGATED_LENGTH = 2  # a single char recurs everywhere by chance
SENTENCES_AT_ONCE = 512  # the neural tagger's chunks: bounds the feature strings held at once


class Tagger:
    """A model file (.crfsuite: the CRF; .npz: the neural tagger of neural.py)
    with the lexicon and char statistics written beside it by training."""

    def __init__(self, model_path: str | Path, groups: tuple[str, ...] = FEATURE_GROUPS):
        if Path(model_path).suffix == ".npz":
            from .neural import NeuralModel
            self._neural, self._crf = NeuralModel.load(model_path), None
            groups = self._neural.groups
        else:
            self._crf, self._neural = pycrfsuite.Tagger(), None
            self._crf.open(str(model_path))
        self._groups = groups
        lexicon = Path(model_path).with_suffix(".lexicon.tsv")  # written by train.py
        self._lexicon = Lexicon.read(lexicon) if lexicon.exists() else None
        char_stats = Path(model_path).with_suffix(".charstats.tsv")  # likewise
        self._char_stats = read_char_statistics(char_stats) if char_stats.exists() else None
        # the central bank and the regulators are government bodies (CLUENER too)
        self._government_names = frozenset(read_lines("dict/central_bank.txt"))

    def tag(self, text: str) -> list[Span]:
        return self.tag_many([text])[0]

    def tag_many(self, texts: list[str]) -> list[list[Span]]:
        if self._neural is None:  # the CRF: one sentence at a time is fastest
            return [self._spans(text, self._crf.tag(self._features(text)) if text.strip() else [])
                    for text in texts]
        tagged: list[list[Span]] = []
        for at in range(0, len(texts), SENTENCES_AT_ONCE):  # numpy pays per call: batches
            chunk = texts[at:at + SENTENCES_AT_ONCE]
            tags = self._neural.tag_many([self._features(text) if text.strip() else [] for text in chunk])
            tagged += [self._spans(text, sentence_tags) for text, sentence_tags in zip(chunk, tags)]
        return tagged

    def _features(self, text: str) -> list[list[str]]:
        return sentence_features(text, self._groups, self._lexicon, self._char_stats)

    def _spans(self, text: str, tags: list[str]) -> list[Span]:
        return [self._override(text, span) for span in tags_to_spans(tags)]

    def tag_document(self, sentences: list[str]) -> list[list[Span]]:
        """Tag each sentence, then tag again every untagged occurrence of a string
        that was tagged company/name/government elsewhere in the document."""
        tagged = self.tag_many(sentences)
        known = _known_strings(sentences, tagged)
        return [_add_recurrences(text, spans, known) for text, spans in zip(sentences, tagged)]

    def _override(self, text: str, span: Span) -> Span:
        start, end, label = span
        if text[start:end] in self._government_names:
            return (start, end, "government")
        return span


def _known_strings(sentences: list[str], tagged: list[list[Span]]) -> dict[str, str]:
    """String -> its most frequent label, for the labels kept consistent."""
    votes: dict[str, dict[str, int]] = {}
    for text, spans in zip(sentences, tagged):
        for start, end, label in spans:
            if label in CONSISTENT_LABELS and end - start >= MIN_PROPAGATED_LENGTH:
                counts = votes.setdefault(text[start:end], {})
                counts[label] = counts.get(label, 0) + 1
    # ties broken by label name, so the result does not depend on dict order
    return {s: max(sorted(c), key=c.get) for s, c in votes.items()}


def _add_recurrences(text: str, spans: list[Span], known: dict[str, str]) -> list[Span]:
    """Add a span for each occurrence of a known string that overlaps no span,
    longest strings first."""
    taken = [False] * len(text)
    for start, end, _ in spans:
        taken[start:end] = [True] * (end - start)
    added = []
    for string in sorted(known, key=lambda s: (-len(s), s)):
        at = text.find(string)
        while at != -1:
            end = at + len(string)
            if not any(taken[at:end]):
                added.append((at, end, known[string]))
                taken[at:end] = [True] * len(string)
            at = text.find(string, at + 1)
    return sorted(spans + added)


@cache
def load_tagger() -> Tagger:
    """The bundled model, loaded once, with jieba and the gazetteers warmed up so
    the first ``tag`` call is as fast as the others."""
    tagger = Tagger(resource(MODEL))
    _jieba()
    gazetteer()
    tagger.tag("预热")
    return tagger
