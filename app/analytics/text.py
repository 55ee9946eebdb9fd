"""Topics in video titles: hashtags and keywords, with a small deterministic tokenizer.

No dictionary (no jieba): titles are cut at punctuation, digits with their measure word
(``3件``, ``第2套``) and function characters (的, 了, 是, 这 …); a Chinese keyword is then a run
of 2–12 CJK characters that several titles share. A run that only ever occurs inside a longer
shared one is dropped (``阔腿`` inside ``阔腿裤`` when every title with one has the other), and
common filler words (真的, 原来 …) are not keywords. Latin words are case-folded and English stop
words dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

HASHTAG_RE = re.compile(r"[#＃]([^\s#＃@,，。.!！?？、;；:：()（）\[\]【】<>《》\"'“”‘’|｜/\\]+)")
# 小红书 writes topics as ``#穿搭[话题]#``; the bracket and the closing # are part of the tag.
HASHTAG_SPAN_RE = re.compile(HASHTAG_RE.pattern + r"(?:\[[^\]]*\])?[#＃]?")
MENTION_RE = re.compile(r"@\S+")
URL_RE = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
MIN_GRAM, MAX_GRAM = 2, 12
CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Function characters: a keyword never contains one (particles, pronouns, linking words).
STOP_CHARS = "的了吗呢吧啊呀哦嘛么着和与及或是在也都就这那我你他她它们很太还又把给让从向对怎第"
CJK_RUN_RE = re.compile(f"[{CJK}]{{{MIN_GRAM},}}")
STOP_TABLE = str.maketrans(dict.fromkeys(STOP_CHARS, " "))
COUNTED_RE = re.compile(
    r"[0-9０-９一二三四五六七八九十两几百千万这那每哪此该]+"
    r"(?:分钟|小时|[种套个件条款只双次位张天秒步招点年月日周斤元块])"
)
LATIN_WORD_RE = re.compile(r"[a-z][a-z0-9]*(?:['’][a-z]+)?")

CJK_STOP_WORDS = frozenset(
    str.split(
        """一个 一些 一下 一起 一定 一样 这个 那个 这些 那些 这样 那样 这么 那么 什么 怎么 为什么
    真的 就是 可以 没有 不是 不要 自己 大家 今天 明天 昨天 现在 时候 已经 还有 还是 但是 因为
    所以 如果 然后 非常 特别 起来 出来 知道 觉得 看看 看到 一直 终于 其实 简直 居然 竟然 到底
    不会 不能 能够 应该 需要 直接 马上 开始 一次 最后 之后 之前 以后 以前 里面 上面 下面 原来
    超级 一定要 千万 真实 分享 推荐 必须 绝了 值不值得 不值得 值得"""
    )
)
LATIN_STOP_WORDS = frozenset(
    str.split(
        """a an and are as at be but by can do does for from get got has have how i if in into is it
    its it's just let's me more my new no not of on or our out so than that the their them then
    there these they this to too up us vs was we what when which who why will with you your
    you're"""
    )
)


def hashtags(text: str) -> list[str]:
    """The hashtags in ``text``, ``#`` included, Latin case-folded, in order, each once."""
    found: dict[str, None] = {}
    for tag in HASHTAG_RE.findall(text or ""):
        if not tag.isdigit():
            found["#" + tag.casefold()] = None
    return list(found)


def without_tags(text: str) -> str:
    """``text`` without its hashtags, @mentions and links (what the keywords come from)."""
    for pattern in (URL_RE, HASHTAG_SPAN_RE, MENTION_RE):
        text = pattern.sub(" ", text)
    return text


def latin_words(text: str) -> set[str]:
    """Case-folded Latin words of two or more characters that are not stop words."""
    words = LATIN_WORD_RE.findall(text.casefold())
    return {w for w in words if len(w) >= 2 and w not in LATIN_STOP_WORDS}


def cjk_runs(text: str) -> list[str]:
    """The runs of CJK characters a keyword can come from (see the module's docstring)."""
    return CJK_RUN_RE.findall(COUNTED_RE.sub(" ", text).translate(STOP_TABLE))


def keyword_sets(titles: Sequence[str], min_videos: int = 2) -> list[set[str]]:
    """For each title, its keywords that at least ``min_videos`` titles share.

    Keywords are Latin words and CJK runs (see the module's docstring). Deterministic: the same
    titles always give the same keywords.
    """
    # Work once per distinct title (cross-posted and templated titles repeat), counted as often
    # as it occurs.
    cleaned = {title: without_tags(title or "") for title in dict.fromkeys(titles)}
    times: Counter[str] = Counter()
    for title, count in Counter(titles).items():
        times[cleaned[title]] += count
    latin = {text: latin_words(text) for text in times}
    latin_counts: Counter[str] = Counter()
    for text, words in latin.items():
        for word in words:
            latin_counts[word] += times[text]
    runs = {text: found for text in times if (found := cjk_runs(text))}
    cjk = _cjk_keywords(runs, times, max(min_videos, 1))
    found = {
        text: cjk.get(text, set()) | {w for w in latin[text] if latin_counts[w] >= min_videos}
        for text in times
    }
    return [set(found[cleaned[title]]) for title in titles]


@dataclass
class _Runs:
    """Every text's CJK runs in one array of code points, each run followed by a 0."""

    texts: list[str]
    joined: str  # the runs, each followed by "\0"
    codes: np.ndarray  # the code points of ``joined``
    text_at: np.ndarray  # the number (in ``texts``) of the text each position belongs to
    weights: np.ndarray  # how many titles each text stands for


@dataclass
class _Level:
    """The frequent n-grams of one level, numbered 0..k-1 (arrays indexed by that number)."""

    n: int
    counts: np.ndarray  # how many titles hold the gram
    first_at: np.ndarray  # a position in the joined runs where it starts
    starts: np.ndarray  # for n > MIN_GRAM: the number of its leading (n-1)-gram
    ends: np.ndarray  # … and of its trailing one
    pairs: tuple[np.ndarray, np.ndarray]  # (gram, text) for each text holding a gram
    at: np.ndarray  # for each position of the joined runs: the gram starting there, or -1


def _cjk_keywords(
    runs: dict[str, list[str]], times: Counter[str], threshold: int
) -> dict[str, set[str]]:
    """Each text's CJK keywords: n-grams in ``threshold`` titles or more, longest shared only.

    Vectorised over one array of every text's runs, level by level (n = MIN_GRAM..MAX_GRAM): an
    n-gram is known by a number, the frequent ones numbered 0..k-1. An (n+1)-gram is counted only
    where both its n-gram ends are frequent, and is identified by the pair of their numbers, so
    no string is built until the keywords are known.
    """
    if not runs:
        return {}
    data = _join_runs(runs, times)
    codes = data.codes
    starts = np.flatnonzero((codes[:-1] != 0) & (codes[1:] != 0))
    keys = (codes[starts] << 21) | codes[starts + 1]  # code points fit in 21 bits
    levels: list[_Level] = []
    for n in range(MIN_GRAM, MAX_GRAM + 1):
        base = len(levels[-1].counts) if levels else 1 << 21
        level = _count_level(n, starts, keys, base, data, threshold)
        if level is None:
            break
        levels.append(level)
        starts = np.flatnonzero((level.at[:-1] >= 0) & (level.at[1:] >= 0))
        keys = level.at[starts] * len(level.counts) + level.at[starts + 1]
    return _keywords_by_text(data, levels)


def _join_runs(runs: dict[str, list[str]], times: Counter[str]) -> _Runs:
    texts = list(runs)
    pieces = [run for text in texts for run in runs[text]]
    joined = "\0".join(pieces) + "\0"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owners = np.repeat(np.arange(len(texts)), [len(runs[text]) for text in texts])
    sizes = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)) + 1
    weights = np.array([times[text] for text in texts], dtype=np.int64)
    return _Runs(texts, joined, codes, np.repeat(owners, sizes), weights)


def _count_level(
    n: int, starts: np.ndarray, keys: np.ndarray, base: int, data: _Runs, threshold: int
) -> _Level | None:
    """The n-grams ``keys`` (start number × ``base`` + end number) found at ``starts`` that
    ``threshold`` titles or more hold; None when there are none."""
    if not len(keys):
        return None
    distinct, gram_of = np.unique(keys, return_inverse=True)
    gram_of = gram_of.reshape(-1)
    texts = len(data.texts)
    pairs = np.unique(gram_of * texts + data.text_at[starts])  # each gram once per text
    pair_gram, pair_text = np.divmod(pairs, texts)
    counts = np.bincount(pair_gram, weights=data.weights[pair_text], minlength=len(distinct))
    counts = np.rint(counts).astype(np.int64)
    frequent = counts >= threshold
    if not frequent.any():
        return None
    number = np.cumsum(frequent) - 1
    at = np.full(len(data.codes), -1, dtype=np.int64)
    found = frequent[gram_of]
    at[starts[found]] = number[gram_of[found]]
    first_at = np.empty(len(distinct), dtype=np.int64)
    first_at[gram_of[::-1]] = starts[::-1]  # of repeated indices the last assignment wins
    leading, trailing = np.divmod(distinct[frequent], base)
    held = frequent[pair_gram]
    return _Level(
        n,
        counts[frequent],
        first_at[frequent],
        leading,
        trailing,
        (number[pair_gram[held]], pair_text[held]),
        at,
    )


def _keywords_by_text(data: _Runs, levels: list[_Level]) -> dict[str, set[str]]:
    """The kept grams of each text (see :func:`_kept`), as strings."""
    words: list[str] = []
    texts, word_numbers = [], []
    for level, kept in zip(levels, _kept(levels), strict=True):
        number = np.full(len(kept), -1, dtype=np.int64)
        for gram in np.flatnonzero(kept).tolist():
            at = int(level.first_at[gram])
            word = data.joined[at : at + level.n]
            if word not in CJK_STOP_WORDS:
                number[gram] = len(words)
                words.append(word)
        grams, holders = level.pairs
        held = number[grams] >= 0
        texts.append(holders[held])
        word_numbers.append(number[grams[held]])
    if not words:
        return {}
    text_of = np.concatenate(texts)
    order = np.argsort(text_of, kind="stable")
    text_of = text_of[order]
    names = np.array(words, dtype=object)[np.concatenate(word_numbers)[order]].tolist()
    bounds = [0, *(np.flatnonzero(np.diff(text_of)) + 1).tolist(), len(text_of)]
    return {
        data.texts[int(text_of[start])]: set(names[start:end])
        for start, end in zip(bounds[:-1], bounds[1:], strict=True)
        if end > start
    }


def _kept(levels: list[_Level]) -> list[np.ndarray]:
    """Per level, which grams stay: a gram goes when a gram one character longer contains it in
    exactly the same titles.

    Every title with the longer gram has the shorter one, so equal counts mean equal titles;
    checking the two one-shorter ends of each gram is enough (the rule chains).
    """
    kept = [np.ones(len(level.counts), dtype=bool) for level in levels]
    for shorter, (level, longer) in enumerate(zip(levels, levels[1:], strict=False), start=0):
        for parents in (longer.starts, longer.ends):
            same = longer.counts == level.counts[parents]
            kept[shorter][parents[same]] = False
    return kept
