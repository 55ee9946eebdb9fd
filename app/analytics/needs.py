"""Needs insight (需求洞察): the words and phrases buyers repeat in reviews and comments.

Chinese text is cut into words with jieba (imported on first use: its dictionary takes about a
second to load). A *term* is a word of two or more characters that is not a stop word, or two
such words that follow each other (尺码 + 偏小 → 尺码偏小), so pain points read as phrases.
Terms are counted once per text (how many buyers said it, not how often one buyer repeated it).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

STOP_WORDS = frozenset(
    {
        "这个", "那个", "就是", "还是", "但是", "而且", "因为", "所以", "如果", "已经", "非常",
        "真的", "感觉", "觉得", "一个", "一下", "一点", "有点", "还有", "没有", "不是", "可以",
        "什么", "怎么", "这么", "那么", "我们", "你们", "他们", "自己", "东西", "时候", "现在",
        "今天", "收到", "买了", "宝贝", "商品", "卖家", "店家", "老板", "主播", "谢谢", "哈哈",
        "比较", "特别", "挺好", "很好", "不错", "一般", "之后", "以后", "还会", "值得", "推荐",
        "下次", "再来", "一直", "这次", "其实", "应该", "直接", "然后", "the", "and",
    }
)  # fmt: skip
PUNCTUATION = re.compile(r"^[\s，。！？；：、,.!?;:~～…()（）【】\[\]\"'“”‘’/|-]+$")
WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$")
EXAMPLES = 3
NEGATIONS = frozenset({"不", "没", "没有", "无", "未", "别", "不是", "不会"})


@dataclass(frozen=True)
class Term:
    """A repeated word or phrase: in how many texts, and a few of them as examples."""

    term: str
    mentions: int
    examples: tuple[str, ...]


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def clauses_of(text: str, stop_words: Iterable[str] = STOP_WORDS) -> list[list[str]]:
    """The meaningful words of ``text`` per clause (split at punctuation), in order."""
    stop = stop_words if isinstance(stop_words, frozenset | set) else set(stop_words)
    clauses: list[list[str]] = [[]]
    negation = ""
    for token in _jieba().lcut(text or ""):
        if PUNCTUATION.match(token):
            clauses.append([])
            negation = ""
        elif token in NEGATIONS:
            negation = token  # 不 + 起球 → 不起球: a happy buyer's words stay apart from complaints
        elif WORD.match(token) and token not in stop:
            clauses[-1].append(negation + token)
            negation = ""
    return [c for c in clauses if c]


def terms_of(text: str, stop_words: Iterable[str] = STOP_WORDS) -> set[str]:
    """The distinct words of ``text``, and the phrases of two words next to each other in a
    clause (never across a comma)."""
    terms: set[str] = set()
    for words in clauses_of(text, stop_words):
        terms.update(words)
        terms.update(a + b for a, b in zip(words, words[1:], strict=False))
    return terms


def top_terms(
    texts: Sequence[str],
    limit: int = 20,
    min_mentions: int = 2,
    stop_words: Iterable[str] = STOP_WORDS,
) -> list[Term]:
    """The ``limit`` terms said in the most texts (at least ``min_mentions``), most first.

    A word that only ever appears inside one of the listed phrases is dropped in favour of the
    phrase (起球 in every 洗了起球 leaves only the phrase), and of terms said in exactly the same
    texts only the first is kept. Ties sort by the longer term first, then alphabetically.
    """
    counts: Counter[str] = Counter()
    texts_with: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        for term in terms_of(text, stop_words):
            counts[term] += 1
            texts_with.setdefault(term, []).append(index)
    ranked = sorted(
        (t for t, n in counts.items() if n >= min_mentions),
        key=lambda t: (-counts[t], -len(t), t),
    )
    chosen: list[str] = []
    seen_sets: set[tuple[int, ...]] = set()
    for term in ranked:
        said_in = tuple(texts_with[term])
        if said_in in seen_sets:
            continue  # said in exactly the texts of a term already listed: the same remark
        if any(term in longer and counts[longer] == counts[term] for longer in chosen):
            continue
        chosen.append(term)
        seen_sets.add(said_in)
        if len(chosen) == limit:
            break
    return [Term(t, counts[t], _examples(texts, texts_with[t])) for t in chosen]


def _examples(texts: Sequence[str], indexes: list[int]) -> tuple[str, ...]:
    found: list[str] = []
    for index in indexes:
        if texts[index] not in found:
            found.append(texts[index])
            if len(found) == EXAMPLES:
                break
    return tuple(found)
