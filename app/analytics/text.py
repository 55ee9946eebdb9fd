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
from collections.abc import Iterable, Sequence

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
    times = Counter(without_tags(t or "") for t in titles)
    distinct = list(times)
    runs = {t: tuple(cjk_runs(t)) for t in distinct}
    latin = {t: latin_words(t) for t in distinct}
    latin_counts: Counter[str] = Counter()
    for text, words in latin.items():
        for word in words:
            latin_counts[word] += times[text]
    frequent = _frequent_grams([(runs[t], times[t]) for t in distinct], min_videos)
    kept = {g for g in _maximal(frequent) if g not in CJK_STOP_WORDS}
    found = {
        t: {g for g in _grams_of(runs[t], frequent) if g in kept}
        | {w for w in latin[t] if latin_counts[w] >= min_videos}
        for t in distinct
    }
    return [set(found[without_tags(t or "")]) for t in titles]


def _frequent_grams(runs: Sequence[tuple[Sequence[str], int]], min_videos: int) -> dict[str, int]:
    """Every CJK n-gram (MIN_GRAM..MAX_GRAM) found in at least ``min_videos`` titles → titles.

    ``runs`` holds each distinct title's runs and how many titles have them. Level by level: an
    (n+1)-gram is counted only where both its n-gram ends are frequent.
    """
    frequent: dict[str, int] = {}
    level: set[str] | None = None
    for n in range(MIN_GRAM, MAX_GRAM + 1):
        counts: Counter[str] = Counter()
        for title_runs, times in runs:
            for gram in _title_grams(title_runs, n, level):
                counts[gram] += times
        level = {g for g, c in counts.items() if c >= max(min_videos, 1)}
        if not level:
            break
        frequent.update((g, counts[g]) for g in level)
    return frequent


def _title_grams(title_runs: Iterable[str], n: int, shorter: set[str] | None) -> set[str]:
    grams = set()
    for run in title_runs:
        for i in range(len(run) - n + 1):
            gram = run[i : i + n]
            if shorter is None or (gram[:-1] in shorter and gram[1:] in shorter):
                grams.add(gram)
    return grams


def _grams_of(title_runs: Iterable[str], frequent: dict[str, int]) -> set[str]:
    found = set()
    for run in title_runs:
        for n in range(MIN_GRAM, min(MAX_GRAM, len(run)) + 1):
            found.update(g for i in range(len(run) - n + 1) if (g := run[i : i + n]) in frequent)
    return found


def _maximal(frequent: dict[str, int]) -> set[str]:
    """Drop a gram when a gram one character longer contains it in exactly the same titles.

    Every title with the longer gram has the shorter one, so equal counts mean equal titles;
    checking the two one-shorter ends of each gram is enough (the rule chains).
    """
    dropped = set()
    for gram, count in frequent.items():
        if len(gram) > MIN_GRAM:
            for part in (gram[:-1], gram[1:]):
                if frequent.get(part) == count:
                    dropped.add(part)
    return set(frequent) - dropped
