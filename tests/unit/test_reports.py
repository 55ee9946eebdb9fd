"""The monthly report: read back from the PDF, its figures are those of ``shopreel stats``."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import DateTime, bindparam

from app.cli import main
from app.db import Store
from app.reports import numbers
from app.reports.layout import CONTENT_WIDTH, Column, Document, Frame, Table, heading, wrap
from app.reports.layout import text_width as width_of
from app.reports.sections import all_sections, chosen_sections
from app.reports.strings import LANGUAGES, STRINGS, currency_name, month_title
from app.services.reports import customer_label, report_months, write_month_report
from app.services.stats import Month, month_stats
from tests import pg
from tests.conftest import SAMPLES, TODAY
from tests.query import scalar

FULL_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
KANGXI = re.compile("[\u2f00-\u2fdf]")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() for page in PdfReader(path).pages]


def kpi_row(pages: list[str], label: str) -> list[str]:
    """The cells of the key-figures row whose label is ``label`` (zh_CN labels have no spaces)."""
    for page in pages:
        for line in page.splitlines():
            if line.startswith(label + " "):
                return line.split()[1:]
    raise AssertionError(f"no key-figures row {label!r}")


def expected_rows(stats: dict) -> dict[str, str]:
    """The key figures as the report must print them, from month_stats / truth.json."""
    rows = {
        "发布视频数": numbers.count(stats["videos_published"]),
        "播放量": numbers.count(stats["video_views"]),
        "付款订单": numbers.count(stats["orders_paid"]),
        "千川消耗": numbers.money(stats["ad_spend"], "CNY"),
        "千川成交额": numbers.money(stats["ad_gmv"], "CNY"),
        "购买客户": numbers.count(stats["buyers"]),
        "新客": numbers.count(stats["new_customers"]),
        "复购客户": numbers.count(stats["repeat_buyers"]),
        "流失预警客户": numbers.count(stats["at_risk_customers"]),
        "差评": numbers.count(stats["negative_reviews"]),
    }
    for currency, amount in stats["gmv_by_currency"].items():
        rows[f"成交额（{currency_name('zh_CN', currency)}）"] = numbers.money(amount, currency)
        rows[f"退款（{currency_name('zh_CN', currency)}）"] = numbers.money(
            stats["refunds_by_currency"][currency], currency
        )
    if stats["ad_spend"]:
        rows["ROAS"] = f"{stats['ad_gmv'] / stats['ad_spend']:.2f}"
    if stats["video_views"]:
        rows["转化率"] = f"{stats['orders_paid'] / stats['video_views'] * 100:.2f}%"
    return rows


def assert_every_page_framed(pages: list[str], shop: str, month_text: str, lang: str) -> None:
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        assert shop in page, n
        assert month_text in page, n
        label = f"第 {n} / {total} 页" if lang == "zh_CN" else f"Page {n} / {total}"
        assert label in page, n


# --- The demo shop ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def made_once() -> dict[str, Any]:
    """What this module's tests build once from the demo shop (the reports, the services)."""
    return {}


@pytest.fixture
def demo_reports(
    demo_store: Store, made_once: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict:
    """The demo shop's October report in both languages, and its figures.

    Written from the first test's own copy of the demo shop and kept for the module: every
    copy is the same shop, and writing both reports takes seconds.
    """
    if "reports" not in made_once:
        made_once["reports"] = _write_demo_reports(demo_store, tmp_path_factory.mktemp("reports"))
    return made_once["reports"]


def _write_demo_reports(store: Store, out: Path) -> dict:
    reader = store.reader()
    try:
        found = {
            "stats": month_stats(reader, Month(2026, 10)),
            "shop": reader.query("SELECT name FROM shops")[1][0][0],
        }
    finally:
        reader.close()
    for lang in LANGUAGES:
        path = out / f"{lang}.pdf"
        pages = write_month_report(store, "2026-10", path, lang=lang, today=TODAY)
        found[lang] = (path, pages, pdf_pages(path))
    return found


def test_demo_report_prints_the_figures_of_stats_in_full(demo_reports: dict) -> None:
    _, _, pages = demo_reports["zh_CN"]
    for label, printed in expected_rows(demo_reports["stats"]).items():
        assert kpi_row(pages, label)[0] == printed, label
    assert "¥536,622.80" in pages[2 - 1]  # the KPI page, in full: no 万 there
    assert "万" not in "".join(kpi_row(pages, "成交额（人民币）"))


def test_demo_report_compares_with_last_month_and_the_three_before(demo_reports: dict) -> None:
    _, _, pages = demo_reports["zh_CN"]
    store_row = kpi_row(pages, "付款订单")
    assert store_row[:2] == ["2,869", "1,626"]  # October, September (hand-checked in the store)
    assert store_row[2] == "+76.4%"  # (2869 - 1626) / 1626
    # July has no data: the average is of August (68 orders) and September, labelled as such
    assert store_row[3] == f"{(68 + 1626) / 2:,.0f}"
    assert "2026年8月、2026年9月 的平均" in "".join(pages)


def test_every_page_carries_shop_month_and_page_number(demo_reports: dict) -> None:
    for lang, month_text in (("zh_CN", "2026年10月"), ("en", "October 2026")):
        path, count, pages = demo_reports[lang]
        assert count == len(pages) >= 5
        assert_every_page_framed(pages, demo_reports["shop"], month_text, lang)


def test_chinese_is_extractable_and_never_kangxi(demo_reports: dict) -> None:
    _, _, pages = demo_reports["zh_CN"]
    text = "".join(pages)
    for words in (
        "核心指标",
        "流量趋势",
        "爆款与低谷视频",
        "下月内容计划",
        "行动建议",
        "月度经营报告",
    ):
        assert words in text
    assert not KANGXI.search(text)


def test_cover_abbreviates_and_the_table_does_not(demo_reports: dict) -> None:
    _, _, zh = demo_reports["zh_CN"]
    _, _, en = demo_reports["en"]
    assert "¥53.7万" in zh[0]
    assert "¥536,622.80" in zh[0]
    assert "¥536.6k" in en[0]
    assert "46.5万" in zh[0]  # 464,815 views


def test_recommendations_carry_their_numbers(demo_reports: dict) -> None:
    _, _, pages = demo_reports["en"]
    text = " ".join(" ".join(pages).split())
    part = text.split("Recommendations", 2)[-1]
    items = re.findall(r"(?:^|\s)([1-5])\.\s", part)
    assert 3 <= len(items) <= 5
    assert "ROAS was 2.10 (spend ¥58,011.77, GMV ¥121,911.64)" in text


def test_the_next_month_plan_lists_the_planned_items(demo_reports: dict, demo_store: Store) -> None:
    _, _, pages = demo_reports["zh_CN"]
    planned = scalar(
        demo_store,
        "SELECT COUNT(*) FROM plan_items WHERE planned_at >= '2026-11-01' "
        "AND planned_at < '2026-12-01'",
    )
    assert planned > 0
    assert f"2026年11月 已排期 {planned} 条" in "".join(pages)


def test_no_full_phone_number_reaches_the_report(demo_store, tmp_path: Path) -> None:
    with demo_store.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(
            text(
                "UPDATE videos SET title = '13812345678 ' || title "
                "WHERE published_at >= '2026-10-01' AND published_at < '2026-11-01'"
            )
        )
        conn.execute(text("UPDATE plan_items SET title = '电话 139-1234-5678 ' || title"))
        conn.execute(text("UPDATE campaigns SET name = '13712345678 ' || name"))
    path = tmp_path / "r.pdf"
    sections = ["videos", "ads", "campaigns", "plan", "recommendations"]
    write_month_report(demo_store, "2026-10", path, sections=sections, today=TODAY)
    text_all = "".join(pdf_pages(path))
    assert "138****5678" in text_all
    assert "137****5678" in text_all
    assert not FULL_PHONE.search(re.sub(r"[- ]", "", text_all))


def test_report_months_are_those_with_data(demo_store) -> None:
    reader = demo_store.reader()
    try:
        assert report_months(reader) == ["2026-11", "2026-10", "2026-09", "2026-08"]
    finally:
        reader.close()


# --- The samples --------------------------------------------------------------------------------

TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8")) if SAMPLES.is_dir() else {}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every sample imported in truth.json's order: a SQLite file, or a server database."""
    from app.services.imports import import_files

    for store in pg.scratch_store(tmp_path_factory.mktemp("report_samples"), "report_samples"):
        import_files(store, [SAMPLES / file for file in TRUTH["import_order"]])
        yield store


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
@pytest.mark.parametrize("month", sorted(TRUTH.get("months", {})))
def test_sample_report_figures_equal_truth(
    samples_store: Store, tmp_path: Path, month: str
) -> None:
    out = tmp_path / f"{month}.pdf"
    write_month_report(samples_store, month, out, today=TODAY)
    pages = pdf_pages(out)
    truth = TRUTH["months"][month]
    for label, printed in expected_rows(truth).items():
        assert kpi_row(pages, label)[0] == printed, (month, label)
    year, number = (int(p) for p in month.split("-"))
    assert_every_page_framed(pages, "", month_title("zh_CN", year, number), "zh_CN")
    assert not FULL_PHONE.search("".join(pages))
    advice = "\n".join(pages).split("行动建议")[-1]
    numbered = re.findall(r"^([1-9])\. .*\d", advice, re.MULTILINE)  # each with its number
    assert 3 <= len(numbered) <= 5, month
    assert f"退款 {numbers.money(truth['refunds'], 'CNY')}" in advice  # refunds are 5–7 % of GMV
    funnel = section_text(pages, "转化漏斗与归因", "广告回报与内容回款")
    assert f"\n付款订单 {numbers.count(truth['orders_paid'])} " in funnel, month
    if truth["ad_spend"]:
        spend = numbers.money(truth["ad_spend"], "CNY")
        ads = one_line(section_text(pages, "广告回报与内容回款", "客户分层与层级变化"))
        gmv = numbers.money(truth["ad_gmv"], "CNY")
        assert re.search(rf"千川 人民币 \d+ {re.escape(spend)} {re.escape(gmv)} ", ads), month
    assert 5 <= len(pages) <= 16, month


# --- The command line ---------------------------------------------------------------------------


def test_cli_writes_the_report(demo_store: Store, tmp_path: Path, capsys) -> None:
    out = tmp_path / "october.pdf"
    code = main(
        ["report", "--db", demo_store.url, "--month", "2026-10", "--out", str(out)]
        + ["--lang", "en", "--sections", "cover,kpis", "--today", "2026-11-28"]
    )
    assert code == 0
    pages = pdf_pages(out)
    assert len(pages) == 2
    assert f"Wrote 2 pages to {out}" in capsys.readouterr().out
    assert "Key figures" in pages[1]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--month", "2026-13"], "expected a month"),
        (["--month", "2026-10", "--sections", "kpis,sales"], "unknown report section(s) sales"),
    ],
)
def test_cli_refuses_bad_input_and_writes_nothing(
    demo_store: Store, tmp_path: Path, capsys, extra: list[str], message: str
) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"the owner's old file")
    code = main(["report", "--db", demo_store.url, "--out", str(out), *extra])
    assert code == 2
    assert message in capsys.readouterr().err
    assert out.read_bytes() == b"the owner's old file"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")]


# --- Pieces -------------------------------------------------------------------------------------


def test_every_string_has_both_languages_with_the_same_placeholders() -> None:
    for key, values in STRINGS.items():
        assert len(values) == len(LANGUAGES), key
        assert all(v.strip() for v in values), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(v) if f} for v in values]
        if key != "month_title":  # 2026年10月 / October 2026: the month as a number or a name
            assert fields[0] == fields[1], key


def test_every_section_has_a_title_in_both_languages() -> None:
    keys = [s.key for s in all_sections()]
    assert keys[:2] == ["cover", "kpis"]
    assert keys[-1] == "recommendations"
    assert all(s.title_key in STRINGS for s in all_sections())
    assert [s.key for s in chosen_sections(["plan", "kpis"])] == ["kpis", "plan"]


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        (356549.39, "zh_CN", "35.7万"),
        (356549.39, "en", "356.5k"),
        (123456789, "zh_CN", "1.2亿"),
        (2462, "zh_CN", "2,462"),
        (None, "en", "—"),
    ],
)
def test_headline_abbreviations(value: float | None, lang: str, shown: str) -> None:
    assert numbers.abbreviated(value, lang) == shown


def test_full_numbers() -> None:
    assert numbers.money(356549.39, "CNY") == "¥356,549.39"
    assert numbers.money(10215.5, "USD") == "$10,215.50"
    assert numbers.money(-3, "EUR") == "-EUR 3.00"
    assert numbers.count(2462) == "2,462"
    assert numbers.rate(0.35549) == "35.5%"
    assert numbers.relative_change(150, 100) == "+50.0%"
    assert numbers.relative_change(1, 0) == "—"
    assert numbers.point_change(0.30, 0.25, "en") == "+5.0 pp"


def test_wrapped_lines_fit_and_keep_latin_words_whole() -> None:
    text = "转化率 = 付款订单 ÷ 播放量。Conversion divides paid orders by views, " * 8
    lines = wrap(text, 3.0, 9)
    assert len(lines) > 3
    assert all(width_of(line, 9) <= 3.0 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    words = set(re.findall(r"[A-Za-z]+", text))
    assert {w for line in lines for w in re.findall(r"[A-Za-z]+", line)} <= words
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_a_long_table_splits_between_rows_and_repeats_its_titles() -> None:
    frame = Frame("Shop", "October", "footer", lambda n, total: f"{n} / {total}")
    document = Document(frame)
    rows = [[f"row {n}", str(n)] for n in range(120)]
    document.add(
        heading("Plan"), Table([Column("Title", 3), Column("N", 1, "right")], rows).block()
    )
    pages = document.pages()
    assert len(pages) == 3
    assert all(not page[-1].keep_with_next for page in pages)  # no heading ends a page
    figures = document.render()
    texts = [[t.get_text() for sub in f.subfigs for t in _texts(sub)] for f in figures]
    found = [t for page in texts for t in page if t.startswith("row ")]
    assert found == [f"row {n}" for n in range(120)]
    assert all(page.count("Title") == 1 for page in texts)
    assert [page[-1] for page in texts] == ["1 / 3", "2 / 3", "3 / 3"]
    assert CONTENT_WIDTH > 6


def _texts(figure) -> list:  # noqa: ANN001
    found = list(figure.texts)
    for sub in figure.subfigs:
        found += _texts(sub)
    return found


@pytest.mark.parametrize(
    ("name", "phone", "mask", "shown"),
    [
        ("张三丰", "13812345678", False, "138****5678 张三丰"),
        ("张三丰", "13812345678", True, "138****5678 张**"),
        ("Alice Smith", None, True, "A**** S****"),
        ("call 13912345678", "", False, "call 139****5678"),
        (None, "138****5678", True, "138****5678"),
    ],
)
def test_a_customer_is_named_by_masked_phone_and_name(
    name: str | None, phone: str | None, mask: bool, shown: str
) -> None:
    assert customer_label(name, phone, mask_names=mask) == shown


def test_charts_draw_into_a_band_of_a_page() -> None:
    import pandas as pd

    from app.analytics.trend import Trend
    from app.charts import new_figure, trend_chart

    days = pd.date_range("2026-10-01", periods=3, freq="D", name="day")
    trend = Trend(pd.DataFrame({"douyin": [1.0, 2.0, 3.0]}, index=days))
    page = new_figure(8.27, 11.69)
    band = page.subfigures(2, 1)[1]
    assert trend_chart(trend, "views", True, into=band) is band
    assert len(band.axes) == 1
    assert band.axes[0].get_ylabel() == "views"
    alone = trend_chart(trend, "views", True)
    assert alone is not page
    assert tuple(alone.get_size_inches()) == (8.0, 4.5)


def test_the_best_time_to_post_is_recommended_with_its_numbers(
    demo_reports: dict, demo_store: Store
) -> None:
    from app.services.reports import best_slot

    reader = demo_store.reader()
    try:
        slot = best_slot(reader, Month(2026, 10).last_day)
    finally:
        reader.close()
    assert slot is not None
    assert slot.videos >= 3
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    sentence = (
        f"Post more on {weekday[slot.weekday]} at {slot.hour:02d}:00: in the last 90 days, "
        f"videos posted then had {slot.ratio:.1f}× the median views of all videos "
        f"({slot.videos} videos)."
    )
    _, _, pages = demo_reports["en"]
    assert sentence in " ".join(" ".join(pages).split())


def test_a_store_without_data_gets_a_report_that_says_so(store, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    assert write_month_report(store, "2026-10", path, lang="en", today=TODAY) == len(
        pdf_pages(path)
    )
    text = " ".join(" ".join(pdf_pages(path)).split())
    assert "No videos were published this month." in text
    assert "No daily views for this month." in text
    assert "Not enough data for recommendations yet" in text
    assert "3-month avg: none of the three months before has data." in text


def test_the_month_still_running_says_up_to_when(demo_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "november.pdf"
    args = ["--month", "2026-11", "--out", str(out), "--today", "2026-11-28", "--sections", "kpis"]
    assert main(["report", "--db", demo_store.url, *args]) == 0
    (page,) = pdf_pages(out)
    assert "2026年11月（截至 11月28日） · 月度经营报告" in page


# --- The sections of the Conversion, Customers and Retention tabs -------------------------------

OCTOBER_END = Month(2026, 10).last_day


def section_text(pages: list[str], title: str, next_title: str | None = None) -> str:
    """The text of a section, from its heading to the next section's (page frames included);
    the cover's list of contents and the page headers are skipped by taking the last heading."""
    text = "\n".join(pages)
    start = text.rindex("\n" + title + "\n")
    end = text.index("\n" + next_title + "\n", start) if next_title else len(text)
    return text[start:end]


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def demo_services(demo_store: Store, made_once: dict[str, Any]) -> dict:
    """The October figures of the tabs' own services (what the new sections must print),
    read once for the module like :func:`demo_reports`."""
    if "services" not in made_once:
        made_once["services"] = _read_demo_services(demo_store)
    return made_once["services"]


def _read_demo_services(store: Store) -> dict:
    from app.services.campaigns import campaign_history
    from app.services.retention import churn_list, crisis_alerts, slipping_counts
    from app.services.tiers import tier_counts

    reader = store.reader()
    try:
        alerts = crisis_alerts(reader)
        history = campaign_history(reader, OCTOBER_END)
        return {
            "tiers": tier_counts(reader, OCTOBER_END),
            "churn": churn_list(reader, OCTOBER_END),
            "slipping": slipping_counts(reader, OCTOBER_END),
            "campaigns": history[
                (history["status"] == "sent")
                & (history["when"].astype("datetime64[us]").dt.strftime("%Y-%m") == "2026-10")
            ],
            "alerts": alerts[alerts["opened_at"].dt.strftime("%Y-%m") == "2026-10"],
        }
    finally:
        reader.close()


def test_the_report_has_every_section_the_issue_lists(demo_reports: dict) -> None:
    for lang, titles in (
        ("zh_CN", ("转化漏斗与归因", "广告回报与内容回款", "客户分层与层级变化", "流失预警")),
        ("en", ("Funnel and attribution", "Ad ROI and content-to-cash", "Churn warning")),
    ):
        path, count, pages = demo_reports[lang]
        text = "\n".join(pages)
        assert all(f"\n{title}\n" in text for title in titles), lang
        assert 8 <= count <= 14  # every section, no runaway table


def test_the_funnel_paid_orders_are_those_of_stats(demo_reports: dict) -> None:
    stats = demo_reports["stats"]
    part = section_text(demo_reports["zh_CN"][2], "转化漏斗与归因", "广告回报与内容回款")
    assert f"\n付款订单 {numbers.count(stats['orders_paid'])} " in part
    assert f"\n播放量 {numbers.count(stats['video_views'])} —\n" in part
    net = stats["gmv"] - stats["refunds"]  # the main currency is CNY
    assert f"净成交额（扣退款） {numbers.money(net, 'CNY')}" in part
    # No export gives product clicks: unknown, printed "—" with the reason, never 0
    assert "\n商品点击 — —\n" in part
    assert "“—”：商品点击目前没有任何平台导出提供，无法计算（不是 0）。" in part
    # attribution by platform: Douyin's paid orders are those of stats' per-platform figures
    douyin = stats["by_platform"]["orders_paid"]["douyin"]
    assert f"\n抖音 人民币 {numbers.count(douyin)} " in part


def test_the_qianchuan_row_is_the_spend_of_stats(demo_reports: dict) -> None:
    stats = demo_reports["stats"]
    part = one_line(section_text(demo_reports["en"][2], "Ad ROI and content-to-cash"))
    spend, gmv = numbers.money(stats["ad_spend"], "CNY"), numbers.money(stats["ad_gmv"], "CNY")
    roas = stats["ad_gmv"] / stats["ad_spend"]
    assert f"Qianchuan CNY 16 {spend} {gmv} {roas:.2f} {(roas - 1) * 100:.1f}%" in part
    # without cost prices the ledger ranks by net GMV and says break-even is unknown
    assert "Content to cash: the videos that sold most" in part
    assert "“—” without a cost price (break-even unknown). 0 videos are below break-even." in part


def test_customers_per_tier_are_those_of_tier_counts(
    demo_reports: dict, demo_services: dict
) -> None:
    part = section_text(demo_reports["zh_CN"][2], "客户分层与层级变化", "流失预警")
    counts = demo_services["tiers"]
    assert len(counts) >= 5
    for row in counts.itertuples(index=False):
        money = numbers.money(row.net_cents / 100, row.currency)
        assert (
            f"\n{row.tier} {currency_name('zh_CN', row.currency)} {row.customers:,} {money}\n"
            in part
        ), row.tier
    assert "本月层级变化" in part
    assert "\n老客 VIP 升级 " in part


def test_the_churn_warning_counts_the_churn_list_and_masks_phones(
    demo_reports: dict, demo_services: dict
) -> None:
    churn, slipping = demo_services["churn"], demo_services["slipping"]
    assert (len(churn), int(churn["valuable"].sum())) == (slipping.total, slipping.valuable)
    part = one_line(section_text(demo_reports["zh_CN"][2], "流失预警", "营销活动效果"))
    assert f"{slipping.total:,} 位客户超过了流失预警窗口" in part
    assert f"其中高价值客户 {slipping.valuable:,} 位" in part
    top = churn[churn["valuable"]].iloc[0]
    assert f"{top['masked_phone']} {top['display_name']}" in part
    assert re.search(r"1[3-9]\d\*{4}\d{4}", part)


def test_campaigns_print_the_uplift_of_the_service(demo_reports: dict, demo_services: dict) -> None:
    campaigns = demo_services["campaigns"]
    assert len(campaigns) == 1
    row = campaigns.iloc[0]
    part = one_line(section_text(demo_reports["en"][2], "Campaigns and their uplift"))
    uplift = (
        f"{row['uplift'] * 100:+.1f}% ({row['ci_low'] * 100:+.1f}%~{row['ci_high'] * 100:+.1f}%)"
    )
    rates = f"{row['treatment_rate'] * 100:.1f}% {row['control_rate'] * 100:.1f}%"
    extra = numbers.money(row["extra_revenue_cents"] / 100, row["currency"])
    groups = f"{int(row['treated']):,} / {int(row['control']):,}"
    assert f"{groups} {rates} {uplift} {extra} {row['roi'] * 100:.0f}%" in part


def test_negative_reviews_say_how_fast_they_were_answered(
    demo_reports: dict, demo_services: dict
) -> None:
    alerts = demo_services["alerts"]
    reviews = int((alerts["source"] == "review").sum())
    part = one_line(section_text(demo_reports["en"][2], "Negative reviews and reply times"))
    assert f"{len(alerts)} crisis alerts opened this month ({reviews} reviews, " in part
    replied = int(alerts["hours_to_reply"].notna().sum())
    assert f"{replied} answered" in part
    assert f"{int((alerts['status'] == 'open').sum())} still open" in part


def test_recommendations_draw_on_the_new_sections(demo_reports: dict, demo_services: dict) -> None:
    churn = demo_services["churn"]
    text = one_line(section_text(demo_reports["en"][2], "Recommendations"))
    valuable, total = int(churn["valuable"].sum()), len(churn)
    assert f"Win back valuable customers first: {valuable} of the {total} customers" in text


def test_answered_alerts_give_the_median_time_to_reply(demo_store, tmp_path: Path) -> None:
    from sqlalchemy import text

    with demo_store.engine.begin() as conn:
        alerts = conn.execute(
            text(
                "SELECT id, opened_at FROM crisis_alerts WHERE opened_at >= '2026-10-01' "
                "AND opened_at < '2026-11-01' ORDER BY id LIMIT 3"
            )
        ).all()
        for hours, (alert, opened) in zip((2, 10, 30), alerts, strict=True):
            replied = _as_datetime(opened) + timedelta(hours=hours)
            conn.execute(
                text(
                    "UPDATE crisis_alerts SET status = 'replied', replied_at = :at WHERE id = :id"
                ).bindparams(bindparam("at", type_=DateTime)),
                {"id": alert, "at": replied},
            )
    path = tmp_path / "r.pdf"
    write_month_report(demo_store, "2026-10", path, sections=["reviews"], lang="en", today=TODAY)
    assert "3 answered, 2 of them within 24 hours; median time to reply 10.0 h" in one_line(
        "".join(pdf_pages(path))
    )


def _as_datetime(value: object) -> datetime:
    """A stored time as SQLite (text) or PostgreSQL (a timestamp) gives it back."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_videos_below_break_even_are_marked(demo_store, tmp_path: Path) -> None:
    from sqlalchemy import text

    from app.reports.conversion_sections import ledger_ends
    from app.reports.data import MonthKey
    from app.services.reports import ReportSources

    with demo_store.engine.begin() as conn:  # cost prices at 85 % of the average price
        conn.execute(
            text(
                "INSERT INTO product_costs (platform, product_key, sku, cost_cents, currency, "
                "updated) SELECT p.platform, p.product_key, '', "
                "CAST(AVG(o.payable_cents * 0.85 / o.quantity) AS INTEGER), o.currency, "
                "'2026-11-01 00:00:00' FROM order_lines o JOIN products p ON p.id = o.product_id "
                "WHERE o.quantity > 0 GROUP BY p.platform, p.product_key, o.currency"
            )
        )
    reader = demo_store.reader()
    try:
        sources = ReportSources(reader, MonthKey(2026, 10), TODAY, False)
        ledger = sources.video_ledger
    finally:
        reader.close()
    top, bottom = ledger_ends(ledger)
    shown = [*top["below_break_even"].fillna(False), *bottom["below_break_even"].fillna(False)]
    below = sum(bool(b) for b in shown)
    assert below > 0
    path = tmp_path / "r.pdf"
    write_month_report(
        demo_store, "2026-10", path, sections=["ads", "recommendations"], today=TODAY
    )
    text_all = "".join(pdf_pages(path))
    assert "利润最高的视频" in text_all
    assert text_all.count("▼ 未保本") == below
    total = int(ledger["below_break_even"].fillna(False).astype(bool).sum())
    assert f"共 {total} 条视频低于保本线" in text_all
    assert f"（当月共 {total} 条视频低于保本线）" in one_line(text_all)  # the recommendation


def test_no_customer_name_or_phone_leaks_from_the_customer_sections(
    demo_store, tmp_path: Path
) -> None:
    from sqlalchemy import text

    with demo_store.engine.begin() as conn:
        conn.execute(text("UPDATE customers SET display_name = '王小明 13912345678'"))
    sections = ["churn", "customers", "campaigns", "reviews", "recommendations"]
    for mask, shown in ((False, "王小明 139****5678"), (True, "王*")):
        path = tmp_path / f"{mask}.pdf"
        write_month_report(
            demo_store, "2026-10", path, sections=sections, today=TODAY, mask_names=mask
        )
        text_all = "".join(pdf_pages(path))
        assert shown in text_all
        assert not FULL_PHONE.search(re.sub(r"[- ]", "", text_all))
        assert ("王小明" in text_all) is not mask
