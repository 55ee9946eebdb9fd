"""Topics: hashtags and dictionary-free keywords from titles, and their performance."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from app.analytics.text import (
    CJK_STOP_WORDS,
    cjk_runs,
    hashtags,
    keyword_sets,
    latin_words,
    without_tags,
)
from app.analytics.traffic import topics
from tests.unit.test_traffic_analytics import make_videos


def test_hashtags_are_found_once_case_folded_with_their_hash() -> None:
    assert hashtags("秋季穿搭 #穿搭 #OOTD #ootd，#小个子穿搭") == ["#穿搭", "#ootd", "#小个子穿搭"]
    assert hashtags("#穿搭[话题]# 显瘦#阔腿裤[话题]#") == ["#穿搭", "#阔腿裤"]  # 小红书's format
    assert hashtags("全场 ＃满减 #1 冠军 # 空") == ["#满减"]  # full-width #, no bare numbers
    assert hashtags("") == []


def test_keywords_ignore_tags_mentions_and_links() -> None:
    text = without_tags("新品上市 #穿搭[话题]# @棉里女装 https://v.douyin.com/abc 显瘦")
    assert cjk_runs(text) == ["新品上市", "显瘦"]


def test_cjk_runs_break_at_function_characters_and_counted_things() -> None:
    assert cjk_runs("这条阔腿裤真的显瘦") == ["阔腿裤真", "显瘦"]
    assert cjk_runs("秋季防晒衣4种穿法，第3套最绝") == ["秋季防晒衣", "穿法", "最绝"]
    assert cjk_runs("开店第5年，一分钟学会套被套") == ["开店", "学会套被套"]


def test_latin_words_are_case_folded_without_stop_words() -> None:
    assert latin_words("The OOTD of the Day: Let's style it") == {"ootd", "day", "style"}


def test_keywords_keep_the_longest_run_shared_by_the_same_titles() -> None:
    titles = ["显瘦阔腿裤推荐", "阔腿裤真的显瘦", "这条阔腿裤绝了", "OOTD outfit", "ootd look"]
    found = keyword_sets(titles, min_videos=2)
    # 阔腿 and 腿裤 only ever occur inside 阔腿裤 (three titles each): no keywords of their own
    assert found == [{"显瘦", "阔腿裤"}, {"显瘦", "阔腿裤"}, {"阔腿裤"}, {"ootd"}, {"ootd"}]


def test_a_shorter_keyword_stays_when_it_also_stands_alone() -> None:
    titles = ["纯棉床单", "纯棉床单", "纯棉毛巾", "纯棉睡衣"]
    found = keyword_sets(titles, min_videos=2)
    assert found[0] == {"纯棉床单", "纯棉"}  # in 2 titles and in 4: both are keywords
    assert found[2] == {"纯棉"}
    assert keyword_sets(titles, min_videos=2) == found  # deterministic


def test_filler_words_are_no_keywords() -> None:
    assert keyword_sets(["原来如此好看", "原来如此好看"], min_videos=2) == [
        {"原来如此好看"},
        {"原来如此好看"},
    ]
    assert keyword_sets(["真的 好看", "真的 耐穿"], min_videos=2) == [set(), set()]


def test_topics_by_hashtag_report_videos_and_medians() -> None:
    videos = make_videos(
        {"title": "显瘦 #穿搭", "tags": "#OOTD", "views": 100, "completion_rate": 0.1, "likes": 10},
        {"title": "通勤 #穿搭 #ootd", "views": 300, "completion_rate": 0.3, "likes": 30},
        {"title": "#穿搭", "views": 1000, "completion_rate": 0.2, "likes": 50},
        {"title": "#源头工厂", "views": 5000},
    )
    table = topics(videos, "hashtag", min_videos=2)
    assert list(table["topic"]) == ["#穿搭", "#ootd"]  # by median views; #源头工厂 has one video
    first = table.iloc[0]
    assert first["videos"] == 3
    assert first["median_views"] == 300
    assert first["views"] == 1400
    assert first["median_completion"] == pytest.approx(0.2)
    assert first["median_interaction"] == pytest.approx(0.1)
    assert table.iloc[1]["median_views"] == 200
    assert list(topics(videos, "hashtag", min_videos=1, limit=1)["topic"]) == ["#源头工厂"]


def test_topics_by_keyword() -> None:
    videos = make_videos(
        {"title": "阔腿裤怎么搭 #穿搭", "views": 100},
        {"title": "阔腿裤显瘦", "views": 300},
        {"title": "风衣", "views": 900},
    )
    table = topics(videos, "keyword")
    assert list(table["topic"]) == ["阔腿裤"]
    assert table.iloc[0]["median_views"] == 200
    with pytest.raises(ValueError, match="topic kind"):
        topics(videos, "emoji")


def _keywords_by_brute_force(titles: list[str], min_videos: int) -> list[set[str]]:
    """The module docstring's rule, spelt out: every n-gram of every title, counted per title."""
    texts = [without_tags(t) for t in titles]
    grams = [
        {
            run[i : i + n]
            for run in cjk_runs(t)
            for n in range(2, 13)
            for i in range(len(run) - n + 1)
        }
        for t in texts
    ]
    counts = Counter(g for found in grams for g in found)
    frequent = {g for g, c in counts.items() if c >= max(min_videos, 1)}
    inside = {p for g in frequent for p in (g[:-1], g[1:]) if counts.get(p) == counts[g]}
    kept = frequent - inside - CJK_STOP_WORDS
    words = Counter(w for t in texts for w in latin_words(t))
    return [
        (found & kept) | {w for w in latin_words(t) if words[w] >= min_videos}
        for found, t in zip(grams, texts, strict=True)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_keywords_match_the_rule_on_random_titles(seed: int) -> None:
    rng = random.Random(seed)
    # few characters, so that grams of every length repeat; the stop character 的, a counted
    # 3件, a hashtag, Latin words and repeated titles
    parts = ["阔", "腿", "裤", "显", "瘦", "真", "的", "原来", "3件", " #穿搭 ", " ootd ", "，"]
    titles = ["".join(rng.choices(parts, k=rng.randint(0, 14))) for _ in range(60)]
    titles += rng.sample(titles, 10)
    min_videos = 1 + seed % 3
    assert keyword_sets(titles, min_videos) == _keywords_by_brute_force(titles, min_videos)
