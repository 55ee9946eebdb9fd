"""Forty-odd broken or hostile files: each gets a clear error and leaves the store as it was."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.db import Store
from app.importers.errors import ImportFileError
from app.services.imports import import_files
from tests.dump import dump_hash
from tests.exports import (
    CHANNELS_HEADERS,
    DOUDIAN_HEADERS,
    channels_videos,
    doudian_line,
    doudian_orders,
    write_csv,
)

QIANCHUAN_NAME = "全域数据_素材分析_视频_2026-08-14 00_00_00-2026-08-14 23_59_59-1786757144480.xlsx"
QIANCHUAN_HEADERS = ["素材名称", "素材ID", "整体消耗", "整体成交金额", "净成交订单数"]


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def orders_with(column: str, value: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        lines = [doudian_line(n) for n in range(1, 30)]
        lines[17][DOUDIAN_HEADERS.index(column)] = value
        return doudian_orders(folder / "orders.csv", lines)

    return build


def channels_with(column: str, value: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = channels_videos(folder / "视频号_动态数据明细.csv", [10, 20, 30])
        text = path.read_text(encoding="utf-8-sig").splitlines()
        cells = text[2].split(",")
        cells[CHANNELS_HEADERS.index(column)] = value
        text[2] = ",".join(cells)
        path.write_text("\n".join(text) + "\n", encoding="utf-8-sig")
        return path

    return build


def raw(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def truncated_xlsx(folder: Path) -> Path:
    whole = xlsx(folder / "whole.xlsx", [DOUDIAN_HEADERS, doudian_line(1)]).read_bytes()
    return raw("cut.xlsx", whole[: len(whole) // 2])(folder)


def zip_bomb(folder: Path) -> Path:
    path = folder / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(160):
                member.write(chunk)
    return path


def huge_dimension(folder: Path) -> Path:
    path = folder / "huge.xlsx"
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet {ns}><dimension ref="A1:XFD1048576"/><sheetData>'
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            "</sheetData></worksheet>",
        )
    return path


def non_xlsx_zip(folder: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return raw("archive.xlsx", buffer.getvalue())(folder)


def float_id_xlsx(folder: Path) -> Path:
    line = doudian_line(1)
    row: list[object] = [c.strip("\t") for c in line]
    row[1] = 6.944348904727432e18  # a numeric cell: Excel already dropped the last digits
    return xlsx(folder / "orders.xlsx", [DOUDIAN_HEADERS, row])


def qianchuan_without_day(folder: Path) -> Path:
    rows = [QIANCHUAN_HEADERS, ["全部", "-", "10.00", "20.00", "1"], ["a", "7342371522029374640"]]
    rows[2] += ["10.00", "20.00", "1"]
    return xlsx(folder / "千川素材.xlsx", rows)


def qianchuan_bad_spend(folder: Path) -> Path:
    rows = [QIANCHUAN_HEADERS, ["a", "7342371522029374640", "十元", "20.00", "1"]]
    return xlsx(folder / QIANCHUAN_NAME, rows)


def reviews_bad_score(folder: Path) -> Path:
    headers = ["评价日期", "订单ID", "商品ID", "商品名称", "商品评价得分", "评价内容"]
    row = ["2026-08-05 01:34:08", "6982238414258795233", "3787403802984597969", "裙", "很好", "好"]
    return xlsx(folder / "商品评价.xlsx", [headers, row])


def xhs_bad_date(folder: Path) -> Path:
    headers = ["笔记标题", "首次发布时间", "体裁", "曝光", "观看量", "点赞"]
    return xlsx(
        folder / "笔记列表明细表.xlsx",
        [
            ["最多导出排序后前1000条笔记"],
            headers,
            ["标题", "2026年13月45日", "图文", "1", "1", "1"],
        ],
    )


def tiktok_bad_link(folder: Path) -> Path:
    headers = ["Time", "Video title", "Video link", "Post time", "Total likes", "Total views"]
    headers += ["Total comments", "Total shares"]
    row = ["October 1", "t", "https://example.com/nothing", "August 17", "1", "2", "0", "0"]
    return write_csv(folder / "Content.csv", headers, [row])


def tiktok_bad_day(folder: Path) -> Path:
    headers = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    return write_csv(folder / "Overview.csv", headers, [["Smarch 45", "1", "1", "1", "1", "1"]])


def tiktok_ambiguous_dates(folder: Path) -> Path:
    headers = ["Order ID", "Order Status", "SKU ID", "SKU Subtotal After Discount"]
    headers += ["Created Time", "Paid Time", "Buyer Username"]
    row = ["577042431098637761\t", "Completed", "1733489290146507295\t", "22.49"]
    row += ["08/01/2026 06:53:36\t", "08/02/2026 07:04:38\t", "kelly"]
    return write_csv(folder / "OrderSKUList.csv", headers, [row])


def kuaishou_bad_rate(folder: Path) -> Path:
    headers = ["作品", "发布时间", "播放量", "完播率", "点赞量", "评论量", "收藏量", "涨粉量"]
    row = ["t", "2026-10-31 13:41", "2765", "很高", "84", "9", "21", "4"]
    return xlsx(folder / "快手作品列表明细.xlsx", [headers, row])


def douyin_bad_ratio(folder: Path) -> Path:
    headers = ["作品名称", "发布时间", "体裁", "播放量", "完播率", "点赞量"]
    return xlsx(
        folder / "作品列表.xlsx", [headers, ["t", "2026-10-30 07:57:41", "视频", "9", "1.7", "3"]]
    )


def youzan_bad_date(folder: Path) -> Path:
    headers = ["客户姓名", "客户昵称", "客户手机号", "成为客户时间"]
    return write_csv(folder / "客户列表.csv", headers, [["闫", "小太阳", "185******60", "昨天"]])


def duplicate_header(folder: Path) -> Path:
    headers = [*DOUDIAN_HEADERS, "订单应付金额"]
    return write_csv(folder / "dup.csv", headers, [[*doudian_line(1), "1.00"]])


def missing_required_column(folder: Path) -> Path:
    keep = [h for h in DOUDIAN_HEADERS if h != "订单应付金额"]
    line = doudian_line(1)
    rows = [[line[DOUDIAN_HEADERS.index(h)] for h in keep]]
    return write_csv(folder / "no-amount.csv", keep, rows)


def gbk_broken(folder: Path) -> Path:
    good = "主订单编号,子订单编号\n".encode("gbk")
    return raw("broken-gbk.csv", good + b"\x81\x30\xff\xfe\x80,1\n" * 3)(folder)


# name → (builder, words the message must contain, (row, column) for cell errors or None)
CORPUS: dict[str, tuple[Callable[[Path], Path], tuple[str, ...], tuple[int, str] | None]] = {
    "empty file": (raw("empty.csv", b""), ("empty",), None),
    "only a BOM": (raw("bom.csv", b"\xef\xbb\xbf"), ("empty",), None),
    "only whitespace": (raw("blank.csv", b"\n\n  \n"), ("empty",), None),
    "unknown headers": (
        raw("mine.csv", "日期,备注\n2026-10-01,x\n".encode()),
        ("recognise",),
        None,
    ),
    "a title row and nothing else": (raw("t.csv", "店铺月报\n".encode()), ("recognise",), None),
    "binary renamed .xlsx": (raw("fake.xlsx", bytes(range(256)) * 40), (), None),
    "random bytes .csv": (raw("noise.csv", bytes((i * 73) % 256 for i in range(4000))), (), None),
    "NUL bytes in a CSV": (raw("nul.csv", b"\xe4\xb8\xbb,\x00\x00\x00\x00x\n" * 50), (), None),
    "truncated xlsx": (truncated_xlsx, ("damaged",), None),
    "zip that is not a workbook": (non_xlsx_zip, (), None),
    "zip bomb": (zip_bomb, ("bomb",), None),
    "huge sheet dimension": (huge_dimension, (), None),
    "legacy xls header only": (
        raw("old.xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600),
        (),
        None,
    ),
    "html .xls without a table": (raw("page.xls", b"<html><body>hi</body></html>"), (), None),
    "mixed encodings": (gbk_broken, (), None),
    "UTF-16 odd length": (
        raw("u16.csv", b"\xff\xfe" + "主订单编号".encode("utf-16-le") + b"\x00"),
        (),
        None,
    ),
    "bad amount mid-file": (orders_with("订单应付金额", "一百"), ("一百",), (19, "订单应付金额")),
    "two currencies in one amount": (
        orders_with("订单应付金额", "¥12 $3"),
        (),
        (19, "订单应付金额"),
    ),
    "letters after an amount": (
        orders_with("订单应付金额", "12.00abc"),
        (),
        (19, "订单应付金额"),
    ),
    "id mangled to E+18": (
        orders_with("子订单编号", "6.94434890472744E+18"),
        ("Excel",),
        (19, "子订单编号"),
    ),
    "id with thousands commas": (
        orders_with("主订单编号", "6,920,435,235"),
        ("Excel",),
        (19, "主订单编号"),
    ),
    "id with a space inside": (orders_with("子订单编号", "6944 3489"), (), (19, "子订单编号")),
    "empty required id": (orders_with("子订单编号", ""), ("empty",), (19, "子订单编号")),
    "bad paid time": (orders_with("支付完成时间", "2026-13-45 99:99"), (), (19, "支付完成时间")),
    "words for a quantity": (orders_with("商品数量", "两件"), (), (19, "商品数量")),
    "fractional quantity": (orders_with("商品数量", "1.5"), ("whole",), (19, "商品数量")),
    "id as a float cell in xlsx": (float_id_xlsx, ("Excel",), (2, "子订单编号")),
    "duplicate amount column": (duplicate_header, ("2 times",), None),
    "required column missing": (missing_required_column, ("订单应付金额",), None),
    "视频号 bad completion rate": (channels_with("完播率", "abc%"), (), (3, "完播率")),
    "视频号 empty video id": (channels_with("视频ID", ""), ("empty",), (3, "视频ID")),
    "视频号 bad duration": (channels_with("平均播放时长", "很久"), (), (3, "平均播放时长")),
    "视频号 bad views": (channels_with("播放量", "1.2.3"), (), (3, "播放量")),
    "视频号 bad date": (channels_with("发布时间", "2026/02/30"), (), (3, "发布时间")),
    "千川 day missing from the name": (qianchuan_without_day, ("file name",), None),
    "千川 bad spend": (qianchuan_bad_spend, (), (2, "整体消耗")),
    "review score in words": (reviews_bad_score, (), (2, "商品评价得分")),
    "小红书 impossible date": (xhs_bad_date, (), (3, "首次发布时间")),
    "TikTok link without a video id": (tiktok_bad_link, ("TikTok",), (2, "Video link")),
    "TikTok year-less day that is no date": (tiktok_bad_day, (), None),
    "TikTok Shop dates that could be either": (tiktok_ambiguous_dates, (), (2, "Created Time")),
    "快手 completion rate in words": (kuaishou_bad_rate, (), (2, "完播率")),
    "抖音 ratio above 1": (douyin_bad_ratio, (), (2, "完播率")),
    "有赞 join date in words": (youzan_bad_date, (), (2, "成为客户时间")),
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with real data in it, so 'unchanged' means something."""
    from app.config import sqlite_url
    from app.services.store import open_store

    folder = tmp_path_factory.mktemp("filled")
    store = open_store(sqlite_url(folder / "shop.db"))
    import_files(
        store,
        [
            doudian_orders(folder / "orders.csv", [doudian_line(n) for n in range(1, 6)]),
            channels_videos(folder / "videos.csv", [5, 6]),
        ],
    )
    store.dispose()
    return folder / "shop.db"


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_each_bad_file_is_refused_clearly_and_changes_nothing(
    case: str, filled: Path, tmp_path: Path
) -> None:
    import shutil

    from app.config import sqlite_url
    from app.services.store import open_store

    build, words, cell = CORPUS[case]
    copy = tmp_path / "shop.db"
    shutil.copyfile(filled, copy)
    before = dump_hash(copy)
    store: Store = open_store(sqlite_url(copy))
    path = build(tmp_path)
    (result,) = import_files(store, [path])
    store.dispose()
    assert result.status == "rejected", case
    error = result.error
    assert isinstance(error, ImportFileError)
    message = str(error)
    assert message.startswith(path.name), message
    assert len(message) > len(path.name) + 25, message  # says what is wrong, not just "error"
    for word in words:
        assert word in message, (case, message)
    if cell is not None:
        assert (error.row, error.column) == cell, message
    assert dump_hash(copy) == before, case


def test_the_reader_process_refuses_each_bad_workbook_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every workbook of the corpus, parsed in a child process (as big ones are), is refused with
    the very error it gets when parsed in this process."""
    from datetime import date

    from app.importers import isolated
    from app.importers.normalise import parse_file
    from app.importers.sniff import sniff_container

    def outcome(path: Path, isolate: bool) -> object:
        try:
            parsed = parse_file(path, reference=date(2026, 11, 28), isolate=isolate)
        except ImportFileError as error:
            return str(error), error.row, error.column
        return parsed.records  # refused later, by the writer

    monkeypatch.setattr(isolated, "ISOLATE_BYTES", 0)
    monkeypatch.setattr(isolated, "DEFER_SCAN_BYTES", 0)
    workbooks = 0
    for case, (build, _words, _cell) in sorted(CORPUS.items()):
        folder = tmp_path / str(len(case)) / case.replace("/", "_")
        folder.mkdir(parents=True)
        path = build(folder)
        if sniff_container(path.read_bytes()[:8]) == "text":
            continue
        workbooks += 1
        assert outcome(path, isolate=True) == outcome(path, isolate=False), case
    assert workbooks >= 10
