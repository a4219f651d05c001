"""Sentences and jieba tokens.

Sentences end at 。！？； (and at line ends, which separate headline lines and
paragraphs); a closing quotation mark stays with the sentence it closes.
Tokens come from a private jieba tokenizer so zhkg never changes the global
jieba state of the program that imports it.
"""
from __future__ import annotations

import logging
import re
from functools import cache

import jieba

from .types import Document, Sentence, Token

_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)")
# A dateline opening a story (新华社乌鲁木齐10月21日电（记者 某某）, 本报讯（通讯员 某某）,
# an outlet's 某某网讯 or 证券时报e公司讯)
# is a sentence of its own: the agency is no party to what the story reports.
_DATELINE = re.compile(r"(?:[^\s，。、（(“]{1,14}?\d{1,2}月\d{1,2}日(?:电(?![话视脑力网商子池器动源厂价费量缆线梯讯])|讯(?![息号]))"
                       r"|本报讯|[^\s，。、（(“]{2,12}?(?:公司|网|社|报|台|号)讯(?![息号]))\s*(?:[（(][^）)]{1,30}[）)])?")

jieba.setLogLevel(logging.WARNING)


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        # trim surrounding white space (and the newline) from the span
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        dateline = _DATELINE.match(text, start, end)
        if dateline and dateline.end() < end:
            cut = dateline.end()
            while text[cut - 1].isspace():
                cut -= 1
            sentences.append(Sentence(index=len(sentences), start=start, end=cut, text=text[start:cut]))
            start = dateline.end()
        if end > start:
            sentences.append(Sentence(index=len(sentences), start=start, end=end, text=text[start:end]))
    return sentences


def is_dateline(sentence: str) -> bool:
    """新华社某地某月某日电（记者 某某）: a sentence that only says where the story comes from."""
    return _DATELINE.fullmatch(sentence.strip()) is not None


@cache
def tokenizer() -> jieba.Tokenizer:
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def tokenize(sentence: Sentence) -> Sentence:
    """The sentence with its jieba tokens (offsets into the document text)."""
    tokens, pos = [], sentence.start
    for word in tokenizer().cut(sentence.text, HMM=True):
        tokens.append(Token(word, pos))
        pos += len(word)
    return Sentence(sentence.index, sentence.start, sentence.end, sentence.text, tuple(tokens))


def analyse(doc: Document, tokens: bool = False) -> list[Sentence]:
    sentences = split_sentences(doc.text)
    return [tokenize(s) for s in sentences] if tokens else sentences
