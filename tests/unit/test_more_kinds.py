"""The later kinds: 抖店 售后表, 抖音 daily series, 千川 推商品/推抖音号, 小红书 trends, TikTok."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from sqlalchemy import insert, update

from app.db import Store
from app.importers.kinds import KINDS
from app.models import Account, Shop
from app.services.imports import import_files, undo_import
from app.services.stats import Month, month_stats
from tests.dump import dump_hash, logical_dump
from tests.exports import (
    doudian_aftersale,
    doudian_aftersales,
    doudian_line,
    doudian_orders,
    write_csv,
    write_xlsx,
)
from tests.query import fetch

TODAY = date(2026, 11, 28)


def rows(store: Store, sql: str) -> list[tuple]:
    return fetch(store, sql)


def one(store: Store, sql: str) -> object:
    return rows(store, sql)[0][0]


def data_hash(store: Store) -> str:
    """dump_hash without the import log (an undone import stays listed, marked undone)."""
    kept, skipping = [], False
    for line in logical_dump(store).split("\n"):
        if line.startswith("## "):
            skipping = line.startswith("## import_batches ")
        if not skipping:
            kept.append(line)
    return hashlib.sha256("\n".join(kept).encode()).hexdigest()


def with_account(store: Store, platform: str) -> str:
    """Give the shop its account on ``platform``, as its profile would; the data hash after."""
    with store.session_scope() as session:
        shop_id = session.scalar(insert(Shop).returning(Shop.id), [{"name": "云朵小屋"}])
        session.execute(
            insert(Account), [{"shop_id": shop_id, "platform": platform, "handle": "yunduo"}]
        )
    return data_hash(store)


def imported(store: Store, path: Path, kind: str) -> int:
    """Import a file that must be recognised as ``kind``; its batch id."""
    (result,) = import_files(store, [path], today=TODAY)
    assert result.status == "imported", str(result.error)
    assert result.kind == kind
    assert result.batch_id is not None
    return result.batch_id


def reimport_and_undo(store: Store, path: Path, batch_id: int, before: str) -> None:
    """The same file again changes nothing; undoing its import restores ``before`` exactly."""
    after = dump_hash(store)
    (again,) = import_files(store, [path], today=TODAY)
    assert again.status == "unchanged"
    assert dump_hash(store) == after
    undo_import(store, batch_id)
    assert data_hash(store) == before


def refunds(store: Store, month: str) -> float:
    reader = store.reader()
    try:
        return month_stats(reader, Month.parse(month))["refunds"]
    finally:
        reader.close()


def test_new_kinds_are_declared_once_per_signature() -> None:
    signatures = [k.signature_keys for k in KINDS]
    assert len(signatures) == len(set(signatures))
    ids = {k.kind for k in KINDS}
    assert {
        "douyin_shop_aftersales",
        "douyin_account_daily",
        "qianchuan_product_daily",
        "qianchuan_account_daily",
        "xhs_account_trend",
        "tiktok_studio_follower_history",
    } <= ids


# --- 抖店 售后表 --------------------------------------------------------------------------------


LINE = "SELECT refund_cents, refunded_at, after_sale_status FROM order_lines WHERE line_key = '{}'"


def line_key(n: int) -> str:
    return f"69443489047274{n:05d}"


def test_aftersales_refund_order_lines_and_undo_restores_them(store: Store, tmp_path: Path) -> None:
    orders = doudian_orders(
        tmp_path / "orders.csv",
        [doudian_line(1), doudian_line(2), doudian_line(3), doudian_line(4, amount="1,299.00")],
    )
    imported(store, orders, "douyin_shop_orders")
    before = data_hash(store)
    assert refunds(store, "2026-10") == 0
    path = doudian_aftersales(
        tmp_path / "售后单_20261101.csv",
        [
            doudian_aftersale(1),  # refunded in full
            doudian_aftersale(2, status="售后关闭", kind="退货退款", refund="119.00", refunded=""),
            doudian_aftersale(3, refund="", refunded="", finished="2026-10-06 08:00:00"),
            doudian_aftersale(4, refund="300.00", kind="仅退款"),  # a partial refund
            doudian_aftersale(4, case=9, status="售后处理中", applied="2026-10-07 10:00:00"),
            doudian_aftersale(77),  # a line the store does not hold
        ],
    )
    (result,) = import_files(store, [path], today=TODAY)
    assert (result.status, result.kind, result.platform) == (
        "imported",
        "douyin_shop_aftersales",
        "douyin",
    )
    assert (result.rows, result.updated, result.unchanged, result.skipped) == (6, 4, 0, 1)
    assert rows(store, LINE.format(line_key(1))) == [
        (11900, "2026-10-05 18:30:00.000000", "同意退款，退款成功")
    ]
    assert rows(store, LINE.format(line_key(2))) == [(0, None, "售后关闭")]
    # No amount in the file: the line's payable; no refund time: the 售后完结时间.
    assert rows(store, LINE.format(line_key(3))) == [
        (11900, "2026-10-06 08:00:00.000000", "同意退款，退款成功")
    ]
    # A successful refund outweighs a later case still open.
    assert rows(store, LINE.format(line_key(4))) == [
        (30000, "2026-10-05 18:30:00.000000", "同意退款，退款成功")
    ]
    assert one(store, "SELECT COUNT(*) FROM order_lines") == 4
    # month_stats counts the money refunded: whole lines, and the part of a partial refund.
    assert refunds(store, "2026-10") == 119 + 119 + 300
    reimport_and_undo(store, path, result.batch_id, before)
    assert one(store, "SELECT SUM(refund_cents) FROM order_lines") == 0
    assert rows(store, LINE.format(line_key(1))) == [(0, None, "")]
    assert refunds(store, "2026-10") == 0


def test_aftersales_status_only_changes_nothing_else(store: Store, tmp_path: Path) -> None:
    orders = doudian_orders(
        tmp_path / "orders.csv",
        [doudian_line(1, status="已关闭", after_sale="同意退款，退款成功"), doudian_line(2)],
    )
    imported(store, orders, "douyin_shop_orders")
    before = data_hash(store)
    path = doudian_aftersales(
        tmp_path / "售后单_20261101.csv",
        [doudian_aftersale(1, case=3, status="换货成功", kind="换货", refund="0.00", refunded="")],
    )
    batch = imported(store, path, "douyin_shop_aftersales")
    # The order export's refund stays; only the status follows the after-sale case.
    assert rows(store, LINE.format(line_key(1))) == [(11900, None, "换货成功")]
    assert rows(store, LINE.format(line_key(2))) == [(0, None, "")]
    reimport_and_undo(store, path, batch, before)


def test_aftersales_older_than_the_order_export_do_not_overwrite(
    store: Store, tmp_path: Path
) -> None:
    orders = doudian_orders(
        tmp_path / "1793496488_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.csv",  # exported 2026-11-01
        [doudian_line(1, status="已关闭", after_sale="售后关闭")],
    )
    imported(store, orders, "douyin_shop_orders")
    old = doudian_aftersales(
        tmp_path / "1791000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv",  # exported 2026-10-03
        [doudian_aftersale(1, status="售后处理中", refunded="")],
    )
    (result,) = import_files(store, [old], today=TODAY)
    assert (result.updated, result.skipped) == (0, 1)
    assert rows(store, LINE.format(line_key(1))) == [(0, None, "售后关闭")]


# --- 抖音 daily series -----------------------------------------------------------------------


DAILY = (
    "SELECT d.day, d.views, d.likes, d.followers_total, d.followers_gained, d.profile_visits "
    "FROM account_daily d JOIN accounts a ON a.id = d.account_id "
    "WHERE a.platform = '{}' ORDER BY d.day"
)


def series(path: Path, metric: str, values: list[int], first: int = 1) -> Path:
    """A 抖音 per-metric daily series: 日期 + one metric, October ``first`` onwards."""
    days = [[f"2026-10-{first + i:02d}", str(v)] for i, v in enumerate(values)]
    return write_csv(path, ["日期", metric], days)


def test_douyin_daily_series_set_one_metric_each(store: Store, tmp_path: Path) -> None:
    empty = with_account(store, "douyin")
    views = series(tmp_path / "播放量_20261106.csv", "播放量", [1200, 1350, 990])
    views_batch = imported(store, views, "douyin_account_daily")
    assert rows(store, DAILY.format("douyin")) == [
        ("2026-10-01", 1200, None, None, None, None),
        ("2026-10-02", 1350, None, None, None, None),
        ("2026-10-03", 990, None, None, None, None),
    ]
    after_views = data_hash(store)
    # An older file of another metric still fills its column on the days views wrote.
    likes = series(tmp_path / "作品点赞_20261020.csv", "作品点赞", [40, 52, 31, 8])
    likes_batch = imported(store, likes, "douyin_account_daily")
    after_likes = data_hash(store)
    fans = series(tmp_path / "总粉丝量_20261106.csv", "总粉丝量", [5010, 5032])
    fans_batch = imported(store, fans, "douyin_account_daily")
    assert rows(store, DAILY.format("douyin")) == [
        ("2026-10-01", 1200, 40, 5010, None, None),
        ("2026-10-02", 1350, 52, 5032, None, None),
        ("2026-10-03", 990, 31, None, None, None),
        ("2026-10-04", None, 8, None, None, None),
    ]
    # An older 播放量 file does not overwrite the newer one.
    stale = series(tmp_path / "播放量_20261004.csv", "播放量", [1000, 1000, 1000])
    (result,) = import_files(store, [stale], today=TODAY)
    assert (result.updated, result.skipped) == (0, 3)
    assert one(store, "SELECT SUM(views) FROM account_daily") == 1200 + 1350 + 990
    before_stale = data_hash(store)
    undo_import(store, result.batch_id)
    assert data_hash(store) == before_stale
    reimport_and_undo(store, fans, fans_batch, after_likes)
    undo_import(store, likes_batch)
    assert data_hash(store) == after_views
    undo_import(store, views_batch)
    assert data_hash(store) == empty


def test_douyin_daily_series_reimport_and_undo(store: Store, tmp_path: Path) -> None:
    before = with_account(store, "douyin")
    path = series(tmp_path / "净增粉丝.csv", "净增粉丝", [12, -3, 0])
    batch = imported(store, path, "douyin_account_daily")
    assert rows(store, DAILY.format("douyin")) == [
        ("2026-10-01", None, None, None, 12, None),
        ("2026-10-02", None, None, None, -3, None),
        ("2026-10-03", None, None, None, 0, None),
    ]
    reimport_and_undo(store, path, batch, before)


def test_undo_removes_the_account_an_import_had_to_make(store: Store, tmp_path: Path) -> None:
    empty = data_hash(store)
    batch = imported(
        store, series(tmp_path / "净增粉丝.csv", "净增粉丝", [5]), "douyin_account_daily"
    )
    assert rows(store, "SELECT platform, handle FROM accounts") == [("douyin", "(douyin)")]
    undo_import(store, batch)
    assert data_hash(store) == empty  # no shop, no account left behind


def test_undo_keeps_a_made_account_the_user_has_since_edited(store: Store, tmp_path: Path) -> None:
    batch = imported(
        store, series(tmp_path / "净增粉丝.csv", "净增粉丝", [5]), "douyin_account_daily"
    )
    with store.session_scope() as session:
        session.execute(update(Account).values(handle="yunduo"))
    undo_import(store, batch)
    assert rows(store, "SELECT platform, handle FROM accounts") == [("douyin", "yunduo")]
    assert rows(store, "SELECT COUNT(*) FROM account_daily") == [(0,)]


def test_a_daily_file_with_several_metrics_reads_them_all(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "数据总览.csv",
        ["日期", "播放量", "主页访问", "作品点赞"],
        [["2026-10-01", "1200", "35", "40"], ["2026-10-02", "1350", "-", "52"]],
    )
    imported(store, path, "douyin_account_daily")
    assert rows(store, DAILY.format("douyin")) == [
        ("2026-10-01", 1200, 40, None, None, 35),
        ("2026-10-02", 1350, 52, None, None, None),
    ]


def test_a_daily_file_of_an_unknown_metric_is_not_guessed(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "封面点击率.csv", ["日期", "封面点击率"], [["2026-10-01", "0.05"]])
    (result,) = import_files(store, [path], today=TODAY)
    assert result.status == "rejected"


# --- 千川 推商品 / 推抖音号 ----------------------------------------------------------------------

PRODUCT_HEADERS = [
    "日期",
    "商品ID",
    "商品名称",
    "货号",
    "整体展示次数",
    "整体点击次数",
    "整体点击率",
    "整体转化率",
    "整体消耗",
    "整体成交金额",
    "整体支付ROI",
    "整体成交订单成本",
    "用户实际支付金额",
    "净成交ROI",
    "净成交金额",
    "1小时内退款率",
]
ADS = (
    "SELECT day, material_key, spend_cents, gmv_cents, impressions, clicks, orders "
    "FROM ad_spend WHERE channel = '{}' ORDER BY day, material_key"
)


def product_row(day: str, product: str, spend: str, gmv: str, shows: int) -> list[object]:
    return [
        day, product, "薄款针织开衫", "KS-0917", shows, shows // 40, "2.50", "3.10", spend, gmv,
        "3.21", "45.20", gmv, "2.80", gmv, "4.10",
    ]  # fmt: skip


def test_qianchuan_product_days(store: Store, tmp_path: Path) -> None:
    before = data_hash(store)
    name = "全域数据_推商品_2026-10-14 00_00_00-2026-10-15 23_59_59-1792117391930.xlsx"
    path = write_xlsx(
        tmp_path / name,
        {
            "Sheet1": [
                PRODUCT_HEADERS,
                [
                    "全部",
                    "-",
                    "-",
                    "-",
                    30000,
                    750,
                    "2.50",
                    "3.10",
                    "1,500.00",
                    "¥4,800.00",
                    "3.20",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                ],  # fmt: skip
                product_row("2026-10-14", "3651764563214441131", "600.00", "1,900.00", 12000),
                product_row("2026-10-14", "3651764563214441132", "300.50", "0", 6000),
                product_row("2026-10-15", "3651764563214441131", "599.50", "2,900.00", 12000),
            ]
        },
    )
    (result,) = import_files(store, [path], today=TODAY)
    assert (result.status, result.kind) == ("imported", "qianchuan_product_daily")
    assert (result.rows, result.inserted, result.skipped) == (3, 3, 1)
    assert rows(store, ADS.format("qianchuan_product")) == [
        ("2026-10-14", "3651764563214441131", 60000, 190000, 12000, 300, None),
        ("2026-10-14", "3651764563214441132", 30050, 0, 6000, 150, None),
        ("2026-10-15", "3651764563214441131", 59950, 290000, 12000, 300, None),
    ]
    # The 素材 spend that month_stats counts is not doubled by the product breakdown.
    reader = store.reader()
    try:
        assert month_stats(reader, Month(2026, 10))["ad_spend"] == 0
    finally:
        reader.close()
    after_first = data_hash(store)
    # A re-download of the 15th revises that day whole, and only that day.
    revised = write_xlsx(
        tmp_path / "全域数据_推商品_2026-10-15 00_00_00-2026-10-15 23_59_59-1792290435176.xlsx",
        {
            "Sheet1": [
                PRODUCT_HEADERS,
                product_row("2026-10-15", "3651764563214441131", "610.00", "3,000.00", 12500),
                product_row("2026-10-15", "3651764563214441133", "20.00", "0", 800),
            ]
        },
    )
    (again,) = import_files(store, [revised], today=TODAY)
    assert (again.inserted, again.updated, again.unchanged) == (1, 1, 0)
    assert rows(store, ADS.format("qianchuan_product"))[2:] == [
        ("2026-10-15", "3651764563214441131", 61000, 300000, 12500, 312, None),
        ("2026-10-15", "3651764563214441133", 2000, 0, 800, 20, None),
    ]
    reimport_and_undo(store, revised, again.batch_id, after_first)
    undo_import(store, result.batch_id)
    assert data_hash(store) == before


ACCOUNT_HEADERS = [
    "抖音号名称",
    "抖音号ID",
    "整体消耗",
    "整体成交订单数",
    "整体成交金额",
    "整体支付ROI",
    "净成交ROI",
    "净成交金额",
    "1小时内退款率",
]


def test_qianchuan_account_day_from_the_file_name(store: Store, tmp_path: Path) -> None:
    before = data_hash(store)
    name = "全域数据_推抖音号_2026-10-14 00_00_00-2026-10-14 23_59_59-1792030822931.xlsx"
    path = write_xlsx(
        tmp_path / name,
        {
            "Sheet1": [
                ACCOUNT_HEADERS,
                ["全部", "", "¥1,230.00", 41, "¥5,120.00", "4.16", "3.90", "4,800.00", "6.20%"],
                [
                    "小林衣橱",
                    "71234567890",
                    "¥1,000.00",
                    35,
                    "¥4,400.00",
                    "4.40",
                    "4.10",
                    "4,100.00",
                    "5.10%",
                ],  # fmt: skip
                [
                    "小林衣橱二号",
                    "71234567891",
                    "230.00",
                    6,
                    "720.00",
                    "3.13",
                    "2.90",
                    "700.00",
                    "-",
                ],
            ]
        },
    )
    batch = imported(store, path, "qianchuan_account_daily")
    assert rows(store, ADS.format("qianchuan_account")) == [
        ("2026-10-14", "71234567890", 100000, 440000, None, None, 35),
        ("2026-10-14", "71234567891", 23000, 72000, None, None, 6),
    ]
    assert one(store, "SELECT COUNT(*) FROM ad_spend WHERE channel = 'qianchuan'") == 0
    reimport_and_undo(store, path, batch, before)


def test_qianchuan_account_without_a_day_is_refused(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "推抖音号.xlsx",
        {"Sheet1": [ACCOUNT_HEADERS, ["小林衣橱", "71234567890", "100.00", 3, "300.00"]]},
    )
    before = dump_hash(store)
    (result,) = import_files(store, [path], today=TODAY)
    assert result.status == "rejected"
    assert "file name" in str(result.error)
    assert dump_hash(store) == before


# --- 小红书 近30日 trend workbooks -------------------------------------------------------------


def trend(values: list[object], first: int = 1) -> list[list[object]]:
    return [["日期", "数值"]] + [[f"2026年10月{first + i:02d}日", v] for i, v in enumerate(values)]


def test_xhs_trend_workbook_stores_every_known_trend_sheet(store: Store, tmp_path: Path) -> None:
    before = with_account(store, "xiaohongshu")
    watch = write_xlsx(
        tmp_path / "近30日观看数据.xlsx",
        {
            "账号总体观看数据": [["指标", "数值"], ["曝光", 52000], ["观看", 8100]],
            "曝光趋势": trend([18000, 17000, 17000]),
            "观看趋势": trend([2900, "2,700", 2500]),
            "封面点击率趋势": trend(["8%", "7.5%", "9%"]),
            "平均观看时长趋势": trend(["18秒", "21秒", "-"]),
        },
    )
    batch = imported(store, watch, "xhs_account_trend")
    assert rows(store, DAILY.format("xiaohongshu")) == [
        ("2026-10-01", 2900, None, None, None, None),
        ("2026-10-02", 2700, None, None, None, None),
        ("2026-10-03", 2500, None, None, None, None),
    ]
    after_watch = data_hash(store)
    fans = write_xlsx(
        tmp_path / "近30日涨粉数据.xlsx",
        {
            "账号总体涨粉数据": [["指标", "数值"], ["净涨粉", 9]],
            "净涨粉趋势": trend([5, -1, 5]),
            "新增关注趋势": trend([6, 1, 5]),
            "取消关注趋势": trend([1, 2, 0]),
            "主页访客趋势": trend([120, 98, 101]),
            "主页转粉率趋势": trend(["5%", "1%", "5%"]),
        },
    )
    fans_batch = imported(store, fans, "xhs_account_trend")
    assert rows(store, DAILY.format("xiaohongshu")) == [
        ("2026-10-01", 2900, None, None, 5, 120),
        ("2026-10-02", 2700, None, None, -1, 98),
        ("2026-10-03", 2500, None, None, 5, 101),
    ]
    reimport_and_undo(store, fans, fans_batch, after_watch)
    reimport_and_undo(store, watch, batch, before)


def test_xhs_unsettled_last_day_is_updated_by_a_later_export(store: Store, tmp_path: Path) -> None:
    first = write_xlsx(
        tmp_path / "近30日互动数据.xlsx",
        {"账号总体互动数据": [["指标", "数值"]], "点赞趋势": trend([30, 41, 7])},
    )
    imported(store, first, "xhs_account_trend")
    after_first = data_hash(store)
    later = write_xlsx(
        tmp_path / "近30日互动数据 (1).xlsx",
        {
            "账号总体互动数据": [["指标", "数值"]],
            "点赞趋势": trend([41, 39, 12], first=2),
            "评论趋势": trend([3, 4, 1], first=2),
        },
    )
    (result,) = import_files(store, [later], today=TODAY)
    assert (result.inserted, result.updated, result.unchanged) == (1, 2, 0)
    assert rows(store, DAILY.replace("d.views", "d.comments").format("xiaohongshu")) == [
        ("2026-10-01", None, 30, None, None, None),
        ("2026-10-02", 3, 41, None, None, None),
        ("2026-10-03", 4, 39, None, None, None),
        ("2026-10-04", 1, 12, None, None, None),
    ]
    undo_import(store, result.batch_id)
    assert data_hash(store) == after_first


def test_xhs_bad_trend_value_names_sheet_and_row(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "近30日互动数据.xlsx",
        {"点赞趋势": trend([30, 41]), "评论趋势": trend([3, "很多"])},
    )
    before = dump_hash(store)
    (result,) = import_files(store, [path], today=TODAY)
    assert result.status == "rejected"
    assert (result.error.row, result.error.column) == (3, "评论趋势: 数值")
    assert dump_hash(store) == before


# --- TikTok Studio FollowerHistory -------------------------------------------------------------

FOLLOWER_HEADERS = ["Date", "Followers", "Difference in followers from previous day"]


def test_tiktok_follower_history(store: Store, tmp_path: Path) -> None:
    before = with_account(store, "tiktok")
    path = write_csv(
        tmp_path / "FollowerHistory.csv",
        FOLLOWER_HEADERS,
        [
            ["November 20", "1,204", "6"],
            ["November 21", "1210", "-2"],
            ["November 22", "1208", "15"],
            ["November 23", "1223", "0"],
            ["November 24", "undefined", "0"],
        ],
    )
    (result,) = import_files(store, [path], today=TODAY)
    assert (result.status, result.kind) == ("imported", "tiktok_studio_follower_history")
    assert any("2026" in note for note in result.notes)
    assert (result.inserted, result.skipped) == (4, 1)
    assert rows(store, DAILY.format("tiktok")) == [
        ("2026-11-20", None, None, 1204, None, None),
        ("2026-11-21", None, None, 1210, 6, None),
        ("2026-11-22", None, None, 1208, -2, None),
        ("2026-11-23", None, None, 1223, 15, None),
    ]
    after_first = data_hash(store)
    # The next download's first day takes the day before from the store.
    later = write_csv(
        tmp_path / "FollowerHistory (1).csv",
        FOLLOWER_HEADERS,
        [["November 23", "1223", "4"], ["November 24", "1227", "-1"], ["November 25", "1226", "0"]],
    )
    (again,) = import_files(store, [later], today=TODAY)
    assert (again.inserted, again.updated, again.unchanged) == (2, 0, 1)
    assert rows(store, DAILY.format("tiktok"))[3:] == [
        ("2026-11-23", None, None, 1223, 15, None),
        ("2026-11-24", None, None, 1227, 4, None),
        ("2026-11-25", None, None, 1226, -1, None),
    ]
    reimport_and_undo(store, later, again.batch_id, after_first)
    reimport_and_undo(store, path, result.batch_id, before)


def test_follower_history_keeps_the_overview_columns(store: Store, tmp_path: Path) -> None:
    overview = write_csv(
        tmp_path / "Overview.csv",
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        [
            ["November 20", "778", "13", "18", "-1", "5"],
            ["November 21", "1488", "34", "47", "3", "1"],
        ],
    )
    imported(store, overview, "tiktok_studio_overview")
    history = write_csv(
        tmp_path / "FollowerHistory.csv",
        FOLLOWER_HEADERS,
        [["November 20", "1204", "6"], ["November 21", "1210", "-2"]],
    )
    batch = imported(store, history, "tiktok_studio_follower_history")
    assert rows(store, DAILY.format("tiktok")) == [
        ("2026-11-20", 778, 18, 1204, None, 13),
        ("2026-11-21", 1488, 47, 1210, 6, 34),
    ]
    undo_import(store, batch)
    assert rows(store, DAILY.format("tiktok")) == [
        ("2026-11-20", 778, 18, None, None, 13),
        ("2026-11-21", 1488, 47, None, None, 34),
    ]
