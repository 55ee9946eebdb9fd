"""Small platform exports written by the tests, in the platforms' own layouts."""

from __future__ import annotations

import csv
from pathlib import Path

from app.demo.exports import CHANNELS_HEADERS as DEMO_CHANNELS_HEADERS

DOUDIAN_HEADERS = [
    "主订单编号",
    "子订单编号",
    "选购商品",
    "商品ID",
    "商品数量",
    "订单应付金额",
    "订单提交时间",
    "支付完成时间",
    "订单状态",
    "取消原因",
    "售后状态",
    "流量体裁",
    "收件人",
    "收件人手机号",
    "省",
]
# The first eleven columns of the real 视频号 export, as the demo shop writes it.
CHANNELS_HEADERS = DEMO_CHANNELS_HEADERS[:11]


def doudian_line(
    n: int,
    *,
    amount: str = "119.00",
    status: str = "已完成",
    after_sale: str = "-",
    paid: str = "2026-10-02 10:05:00",
    buyer: int | None = None,
) -> list[str]:
    """One 抖店 order line (ids with the leading TAB the real export carries)."""
    buyer = n if buyer is None else buyer
    return [
        f"\t69204352358075{n:05d}",
        f"\t69443489047274{n:05d}",
        "薄款针织开衫女法式空调衫外搭",
        "\t3651764563214441131",
        "1",
        amount,
        "\t2026-10-02 10:01:00",
        f"\t{paid}" if paid else "",
        status,
        "" if paid else "拍错了",
        after_sale,
        "短视频",
        f"买家{buyer}",
        f"151****{buyer:04d}",
        "四川省",
    ]


def write_csv(
    path: Path, headers: list[str], rows: list[list[str]], encoding: str = "utf-8-sig"
) -> Path:
    """Write a CSV the way the platforms do (BOM, LF)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def doudian_orders(path: Path, lines: list[list[str]]) -> Path:
    """A 抖店 order export (商品维度) with the given lines."""
    return write_csv(path, DOUDIAN_HEADERS, lines)


def channels_videos(path: Path, views: list[int]) -> Path:
    """A 视频号 动态数据明细 export with one video per entry of ``views``."""
    rows = [
        [
            f"视频{i}",
            f"export/UzFfAgtgekIEAQAAAAAA{i:04d}",
            f"2026/10/{i + 1}",
            "12.5%",
            "21.46秒",
            str(v),
            "3",
            str(v // 20),
            "2",
            "1",
            "0",
        ]
        for i, v in enumerate(views)
    ]
    return write_csv(path, CHANNELS_HEADERS, rows)


DOUDIAN_AFTERSALES_HEADERS = [
    "售后单号",
    "订单号",
    "商品单号",
    "商品名称",
    "商品ID",
    "应付金额（元）",
    "售后类型",
    "退商品金额（元）",
    "退运费金额（元）",
    "售后状态",
    "售后申请时间",
    "退款方式",
    "售后原因",
    "同意售后申请时间",
    "商家退款时间",
    "用户到账时间",
    "售后关闭时间",
    "售后完结时间",
    "商家编码",
]


def doudian_aftersale(
    n: int,
    *,
    case: int | None = None,
    status: str = "同意退款，退款成功",
    kind: str = "仅退款",
    refund: str = "119.00",
    applied: str = "2026-10-05 09:12:00",
    refunded: str = "2026-10-05 18:30:00",
    finished: str = "2026-10-05 18:30:05",
) -> list[str]:
    """One 售后表 case of the 抖店 order line ``n`` of :func:`doudian_line` (same ids)."""
    closed = status == "售后关闭"
    return [
        f"\t7312{n:05d}{case or n:05d}",
        f"\t69204352358075{n:05d}",
        f"\t69443489047274{n:05d}",
        "薄款针织开衫女法式空调衫外搭",
        "\t3651764563214441131",
        "119.00",
        kind,
        refund,
        "0.00",
        status,
        f"\t{applied}",
        "原路退回",
        "不想要了",
        "" if closed else f"\t{applied}",
        f"\t{refunded}" if refunded else "",
        f"\t{refunded}" if refunded else "",
        f"\t{finished}" if closed else "",
        f"\t{finished}" if finished else "",
        "KS-0917",
    ]


def doudian_aftersales(path: Path, cases: list[list[str]]) -> Path:
    """A 抖店 售后表 export with the given cases."""
    return write_csv(path, DOUDIAN_AFTERSALES_HEADERS, cases)


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An xlsx workbook with the given sheets (name → rows, header first), in order."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path
