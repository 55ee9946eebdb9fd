"""The Chinese UI uses one term per concept (resources/i18n/GLOSSARY.md, its rows marked ✓)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "shopreel_zh_CN.ts"
GLOSSARY = ROOT / "resources" / "i18n" / "GLOSSARY.md"

# (English pattern in the source, Chinese every translation has, words no translation has)
RULES = [
    (r"\bGMV\b", "成交额", r"销售额|交易额|成交金额"),
    (r"\bviews\b", "播放", r"观看量|浏览量|播放数"),
    (r"\bcompletion\b", "完播", None),
    (r"\bfollowers\b", "粉", None),
    (r"\bad spend\b", "消耗", r"花费|支出"),
    (r"\brefund", "退款", r"退货"),
    (r"\brepeat rate\b", "复购率", None),
    (r"\bpillars?\b", "方向", r"支柱"),
    (r"\bstructure\b", "脚本模板", r"结构模板"),
    (r"\bplan items?\b", "选题", r"规划条目|计划条目"),
    (r"\bDouyin Shop\b", "抖店", None),
    (r"\bQianchuan\b", "千川", None),
    (r"\bWeCom\b", "企业微信", r"企微"),
    (r"\bcustomers?\b", "客", r"顾客|用户"),
    (r"(?-i:\bShopReel\b)", "短视频经营台", r"ShopReel"),
]
# Source texts where a rule's English word means something else.
EXCEPTIONS = {
    # "views" of product pages: TikTok Shop's 商品浏览 is the platform's own word.
    "Unknown: no export imported here gives product clicks per video yet; 抖音 creator center's "
    "商品点击 or TikTok Shop's product views would fill this step",
}


def catalogue() -> list[tuple[str, str]]:
    """(source, translation) of every message in the zh_CN catalogue."""
    text = TS.read_text(encoding="utf-8")
    found = re.findall(
        r"<source>(.*?)</source>.*?<translation[^>]*>(.*?)</translation>", text, re.S
    )
    return [(unescape(source), unescape(translation)) for source, translation in found]


@pytest.mark.parametrize(
    ("english", "chinese", "avoid"), RULES, ids=[re.sub(r"\\b|\W", "", r[0]) for r in RULES]
)
def test_a_term_is_translated_the_same_way_everywhere(
    english: str, chinese: str, avoid: str | None
) -> None:
    pairs = [(s, t) for s, t in catalogue() if re.search(english, s, re.IGNORECASE)]
    assert pairs, f"no source text has {english}: the rule checks nothing"
    wrong = [
        (s, t)
        for s, t in pairs
        if s not in EXCEPTIONS and (chinese not in t or (avoid and re.search(avoid, t)))
    ]
    assert wrong == []


def test_the_merchant_is_addressed_as_ni() -> None:
    assert [t for _s, t in catalogue() if "您" in t] == []


def test_gmv_is_always_the_same_word() -> None:
    """The card, the table headers and the charts all say 成交额 for GMV."""
    plain_gmv = {t for s, t in catalogue() if s == "GMV"}
    assert plain_gmv == {"成交额"}


def test_the_glossary_lists_every_checked_term() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    checked = [line for line in text.splitlines() if line.startswith("|") and "✓" in line]
    for _english, chinese, _avoid in RULES:
        assert any(chinese in line for line in checked), chinese


def report_texts() -> list[tuple[str, str]]:
    """(English, Chinese) of every text of the PDF report (Qt-free, so its own catalogue)."""
    from app.reports.content_sections import FINDING_WHAT
    from app.reports.strings import STRINGS

    return [(en, zh) for zh, en in (*STRINGS.values(), *FINDING_WHAT.values())]


@pytest.mark.parametrize(
    ("english", "chinese", "avoid"), RULES, ids=[re.sub(r"\\b|\W", "", r[0]) for r in RULES]
)
def test_the_report_uses_the_same_terms(english: str, chinese: str, avoid: str | None) -> None:
    wrong = [
        (en, zh)
        for en, zh in report_texts()
        if re.search(english, en, re.IGNORECASE)
        # 播放数据 (the views' data) is no 播放数
        and (chinese not in zh or (avoid and re.search(avoid, zh.replace("播放数据", ""))))
    ]
    assert wrong == []


def test_the_report_addresses_the_merchant_as_ni_and_names_the_app() -> None:
    from app.reports.strings import text

    assert [zh for _en, zh in report_texts() if "您" in zh] == []
    assert text("zh_CN", "generated", day="2026-11-28") == "短视频经营台生成于 2026-11-28"
