"""The reading layer: any file → sheets of raw cells, or one ImportFileError; never a crash.

Every test file is built here in tmp_path (no binary fixtures); the real sample exports are read
from the shared samples folder when it is present.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from app.importers import reading, sniff
from app.importers.errors import ImportFileError
from app.importers.reading import Limits, Sheet, Workbook, read_workbook
from app.importers.sniff import col_name, col_number, sniff_delimiter, trust_dimension

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
MB = 1024 * 1024
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


# --------------------------------------------------------------------------- helpers


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def rejected(path: Path, *words: str, limits: Limits | None = None) -> ImportFileError:
    """Read ``path`` expecting an ImportFileError that names the file and says ``words``."""
    with pytest.raises(ImportFileError) as info:
        read_workbook(path, limits=limits or Limits())
    error = info.value
    assert error.file == path.name
    for word in words:
        assert word.lower() in error.message.lower(), error.message
    return error


def rows_of(path: Path, **kwargs) -> list[list[object]]:
    book = read_workbook(path, **kwargs)
    assert len(book.sheets) == 1
    return book.sheets[0].rows


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
    '"xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
    '"worksheets/sheet1.xml"/></Relationships>'
)


def sheet_xml(sheet_data: str, dimension: str | None = None, head: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>{sheet_data}</sheetData>'
        "</worksheet>"
    )


def hand_xlsx(path: Path, sheet: str | bytes) -> Path:
    """A minimal xlsx written with zipfile, so the sheet XML is exactly what the test says."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if python-calamine is ever asked to open the file."""

    class Forbidden:
        @staticmethod
        def from_path(*_args: object, **_kwargs: object) -> None:
            pytest.fail("the file reached python-calamine; the pre-flight should have refused it")

    monkeypatch.setattr(reading, "CalamineWorkbook", Forbidden)


# --------------------------------------------------------------------------- real samples

HEADER_WORD = {
    "douyin_shop_orders": "子订单编号",
    "tiktok_studio_content": "Video link",
    "tiktok_studio_overview": "Date",
    "tiktok_shop_orders": "Order ID",
    "douyin_video_list": "作品名称",
    "qianchuan_material_daily": "素材ID",
    "douyin_shop_reviews": "评价日期",
    "youzan_customers": "客户手机号",
    "kuaishou_video_list": "发布时间",
    "xhs_note_list": "笔记标题",
    "channels_video_detail": "视频ID",
}
TRUTH = json.loads((SAMPLES / "truth.json").read_text("utf-8"))["files"] if SAMPLES.is_dir() else {}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared sample exports are not here")
@pytest.mark.parametrize("file_name", sorted(TRUTH))
def test_real_sample_opens_with_its_container_encoding_and_header(file_name: str) -> None:
    truth = TRUTH[file_name]
    book = read_workbook(SAMPLES / file_name)
    assert book.file_name == file_name
    if truth["encoding"] == "xlsx":
        assert (book.container, book.encoding) == ("xlsx", None)
    else:
        expected = {"utf-8-sig": "utf-8-sig", "gbk": "gb18030"}[truth["encoding"]]
        assert (book.container, book.encoding) == ("csv", expected)
    rows = book.sheets[0].rows
    header = [str(cell).strip() for cell in rows[truth["header_row"] - 1]]
    assert HEADER_WORD[truth["kind"]] in header
    # Data rows = truth rows, plus at most one description or 全部 total row.
    assert 0 <= len(rows) - truth["header_row"] - truth["rows"] <= 1
    assert rows[-1], "trailing empty rows are removed"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared sample exports are not here")
def test_real_samples_keep_tabs_inline_strings_and_gbk_text() -> None:
    utf8 = rows_of(SAMPLES / "1788226466_f61614cd00215d6ac3380feea5127266ovyIzZDh.csv")
    gbk = rows_of(SAMPLES / "1790816971_e10d5bf4af2d43277e5a828014e55227AlxomLcB.csv")
    for rows in (utf8, gbk):
        assert rows[0][0] == "主订单编号"  # no BOM left on the first header
        assert rows[1][0].startswith("\t")  # the 抖店 leading TAB is kept for the value layer
    tiktok = rows_of(SAMPLES / "OrderSKUList_20261101.csv")
    assert tiktok[2][0].endswith("\t")
    for path in sorted(SAMPLES.glob("全域数据_*.xlsx")):  # every cell an inlineStr
        rows = rows_of(path)
        assert rows[0][:2] == ["素材名称", "素材ID"]
        assert rows[1][0] == "全部"
        assert all(isinstance(cell, str) for row in rows for cell in row)
    notes = rows_of(SAMPLES / "笔记列表明细表.xlsx")
    assert notes[0][0] == "最多导出排序后前1000条笔记"
    assert notes[1][0] == "笔记标题"


# --------------------------------------------------------------------------- text encodings

TABLE = [
    ["订单号", "金额", "备注"],
    ["\t6912345678901234567", "1,234.50", "顾客说：好"],
    ["2", "3", ""],
]


def csv_text(table: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    return out.getvalue()


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"), ("gbk", "gb18030"), ("utf-16", "utf-16")],
)
def test_csv_encodings_decode_exactly(tmp_path: Path, encoding: str, codec: str) -> None:
    path = write(tmp_path, "orders.csv", csv_text(TABLE), encoding)
    book = read_workbook(path)
    assert (book.container, book.encoding) == ("csv", codec)
    assert book.sheets == [Sheet("orders", TABLE)]


def test_gb18030_only_characters(tmp_path: Path) -> None:
    table = [["名称", "备注"], ["𠮷野家", "€ 与 ḿ"], ["鿿", "x"]]
    with pytest.raises(UnicodeEncodeError):
        "𠮷".encode("gbk")  # really outside GBK
    path = write(tmp_path, "a.csv", csv_text(table), "gb18030")
    book = read_workbook(path)
    assert book.encoding == "gb18030"
    assert book.sheets[0].rows == table


def test_short_gbk_is_not_mistaken_for_utf16(tmp_path: Path) -> None:
    path = write(tmp_path, "short.csv", "订单号,金额\n1,2\n", "gbk")
    assert rows_of(path) == [["订单号", "金额"], ["1", "2"]]


def test_utf16_le_with_bom_tab_delimited_like_excel_unicode_text(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + csv_text(TABLE, "\t").encode("utf-16-le")
    book = read_workbook(write(tmp_path, "unicode.txt", data))
    assert book.encoding == "utf-16"
    assert book.sheets[0].rows == TABLE


def test_utf16_without_bom_is_recognised_by_its_nuls(tmp_path: Path) -> None:
    book = read_workbook(write(tmp_path, "u.csv", csv_text(TABLE).encode("utf-16-le")))
    assert book.encoding == "utf-16-le"
    assert book.sheets[0].rows == TABLE


@pytest.mark.parametrize("utf8_first", [True, False])
def test_mixed_encodings_never_return_mojibake(tmp_path: Path, utf8_first: bool) -> None:
    utf8 = csv_text([["订单号", "收件人"], ["1", "张三丰"]] * 10).encode("utf-8")
    gbk = csv_text([["订单号", "收件人"], ["2", "李四光"]] * 10).encode("gbk")
    path = write(tmp_path, "mixed.csv", utf8 + gbk if utf8_first else gbk + utf8)
    error = rejected(path)
    assert "encoding" in error.message
    assert "line" in error.message  # says where the change is


def test_invalid_in_every_encoding_names_the_encodings_tried(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", b"a,b\n1,\x80\xff\n")
    rejected(path, "utf-8", "gb18030", "line 2")


def test_bom_decides_even_when_the_rest_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", codecs.BOM_UTF8 + "订单,金额\n".encode("gbk"))
    rejected(path, "utf-8")


# --------------------------------------------------------------------------- CSV dialects


def test_tab_and_semicolon_delimiters(tmp_path: Path) -> None:
    table = [["a", "b,c", "d"], ["1", "2,5", "3"], ["x", "y", "z"]]
    for delimiter in ("\t", ";"):
        path = write(tmp_path, "d.csv", csv_text(table, delimiter))
        assert rows_of(path) == table


def test_quoted_cells_with_newlines_commas_and_quotes(tmp_path: Path) -> None:
    table = [["标题", "播放量"], ['第一行\n第二行, 还有"引号"', "1,024"], ["a\r\nb", ""]]
    assert rows_of(write(tmp_path, "q.csv", csv_text(table))) == table


def test_cells_are_kept_exactly_tabs_spaces_and_all(tmp_path: Path) -> None:
    text = "订单号,时间, 金额 \n\t6912345678901234567,\t2026-09-01 10:00:00\t,  12.50\n\t,\t,\n"
    assert rows_of(write(tmp_path, "t.csv", text)) == [
        ["订单号", "时间", " 金额 "],
        ["\t6912345678901234567", "\t2026-09-01 10:00:00\t", "  12.50"],
        ["\t", "\t", ""],  # a lone TAB is not an empty row: the value layer decides
    ]


def test_single_column_blank_lines_and_trailing_empty_rows(tmp_path: Path) -> None:
    text = "\ufeff标题\n第一\n\n第二\n\n,,\n\n"
    assert rows_of(write(tmp_path, "one.csv", text)) == [["标题"], ["第一"], [], ["第二"]]


def test_line_endings_split_like_a_newline_free_file(tmp_path: Path) -> None:
    # Old Mac \r endings work; U+2028 and form feeds inside a cell are not line breaks.
    text = "a,b\rc\u2028d,e\x0cf\r\ng,h\n"
    assert rows_of(write(tmp_path, "cr.csv", text)) == [
        ["a", "b"],
        ["c\u2028d", "e\x0cf"],
        ["g", "h"],
    ]


def test_notice_row_above_the_header_does_not_fool_the_delimiter_sniffer() -> None:
    text = "最多导出1000条\n" + csv_text([["x", "y", "z"]] * 5)
    assert sniff_delimiter(text) == ","
    assert sniff_delimiter(csv_text([["商品", "颜色:黑色;尺码:L", "1"]] * 5)) == ","
    assert sniff_delimiter("单列\n值\n") == ","


def test_extension_is_ignored_a_csv_named_xlsx_is_read_as_csv(tmp_path: Path) -> None:
    book = read_workbook(write(tmp_path, "renamed.xlsx", csv_text(TABLE)))
    assert (book.container, book.sheets[0].rows) == ("csv", TABLE)


def test_too_many_rows_against_a_low_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", "h\n" + "1\n" * 25)
    rejected(path, "too many rows (26)", "the limit is 10", limits=Limits(max_rows=10))
    # Exactly at the limit, with blank lines after it, is fine.
    path = write(tmp_path, "ok.csv", "h\n" + "1\n" * 9 + "\n" * 30)
    assert len(rows_of(path, limits=Limits(max_rows=10))) == 10


def test_first_rows_of_a_csv_workbook_and_html_table(tmp_path: Path) -> None:
    table = [[f"单号{n}", str(n)] for n in range(300)]
    path = write(tmp_path, "orders.csv", csv_text(table))
    assert read_workbook(path, first_rows=40).sheets[0].rows == table[:40]
    # Rows past the first are not read: a bad line there does not matter to a preview.
    wide = write(tmp_path, "wide.csv", csv_text([*table, ["x"] * 9]))
    narrow = Limits(max_columns=5)
    assert read_workbook(wide, first_rows=40, limits=narrow).sheets[0].rows == table[:40]
    rejected(wide, "too many columns", limits=narrow)

    from openpyxl import Workbook as OpenpyxlBook

    book = OpenpyxlBook()
    book.active.append(["甲"])
    for n in range(100):
        book.active.append([n])
    book.create_sheet("乙").append(["x", "y"])
    book.save(tmp_path / "two.xlsx")
    sheets = read_workbook(tmp_path / "two.xlsx", first_rows=5).sheets
    assert [sheet.rows for sheet in sheets] == [[["甲"], [0], [1], [2], [3]], [["x", "y"]]]

    rows = "".join(f"<tr><td>{n}</td></tr>" for n in range(50))
    html = write(tmp_path, "t.xls", f"<html><table>{rows}</table></html>")
    assert read_workbook(html, first_rows=3).sheets[0].rows == [["0"], ["1"], ["2"]]


def test_first_rows_all_blank_are_not_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "late.csv", "\n" * 60 + "单号,金额\n1,2\n")
    assert read_workbook(path, first_rows=50).sheets[0].rows == []
    assert read_workbook(path).sheets[0].rows[-1] == ["1", "2"]


def test_too_many_columns_against_a_low_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.csv", ",".join("x" * 30) + "\n")
    rejected(path, "too many columns (30)", limits=Limits(max_columns=20))


# --------------------------------------------------------------------------- HTML saved as .xls


def test_html_table_saved_as_xls(tmp_path: Path) -> None:
    html = """\ufeff
    <html><head><meta charset="utf-8"></head><body>
    <table border="1">
      <tr><th>订单号</th><th colspan="2">金额 &amp; 运费</th><th>备注</th></tr>
      <tr><td>\t6912345678901234567</td><td>1,234.50</td><td>0</td><td>A&lt;B&nbsp;C<br>下一行</td></tr>
      <tr><td>2<td>3<td>4</tr>
    </table>
    <p>说明</p>
    <table><tr><td>第二张</td></tr></table>
    </body></html>"""
    book = read_workbook(write(tmp_path, "orders.xls", html))
    assert (book.container, book.encoding) == ("html", "utf-8-sig")
    assert [sheet.name for sheet in book.sheets] == ["Table1", "Table2"]
    assert book.sheets[0].rows == [
        ["订单号", "金额 & 运费", "", "备注"],
        ["\t6912345678901234567", "1,234.50", "0", "A<B\xa0C\n下一行"],
        ["2", "3", "4"],
    ]
    assert book.sheets[1].rows == [["第二张"]]


def test_gbk_html_table_and_excel_2003_xml(tmp_path: Path) -> None:
    gbk_html = "<table><tr><td>订单</td><td>金额</td></tr></table>".encode("gbk")
    book = read_workbook(write(tmp_path, "g.xls", gbk_html))
    assert (book.container, book.encoding) == ("html", "gb18030")
    assert book.sheets[0].rows == [["订单", "金额"]]
    spreadsheet_2003 = (
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
    )
    rejected(write(tmp_path, "x.xls", spreadsheet_2003), "excel 2003 xml", ".xlsx")


# --------------------------------------------------------------------------- real xlsx


def test_openpyxl_workbook_with_several_sheets_and_typed_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook as OpenpyxlWorkbook

    book = OpenpyxlWorkbook()
    orders = book.active
    orders.title = "订单"
    orders.append(["订单号", "数量", "金额", "下单时间", "日期"])
    orders.append(["6912345678901234567", 3, 12.5, datetime(2026, 9, 1, 10, 30), date(2026, 9, 2)])
    orders.append(["00123", 0, -1.25, None, "文本"])
    notes = book.create_sheet("说明")
    notes["B3"] = "右下角"
    book.create_sheet("空")
    path = tmp_path / "typed.xlsx"
    book.save(path)

    result = read_workbook(path)
    assert (result.container, result.encoding) == ("xlsx", None)
    assert [sheet.name for sheet in result.sheets] == ["订单", "说明", "空"]
    rows = result.sheets[0].rows
    assert rows[0] == ["订单号", "数量", "金额", "下单时间", "日期"]
    assert rows[1][0] == "6912345678901234567"  # a text id stays text, all 19 digits
    assert rows[1][1] == 3
    assert isinstance(rows[1][1], int | float)
    assert rows[1][2] == 12.5
    assert rows[1][3] == datetime(2026, 9, 1, 10, 30)
    assert rows[1][4] in (date(2026, 9, 2), datetime(2026, 9, 2))
    assert rows[2] == ["00123", 0, -1.25, "", "文本"]
    # Rows start at A1 even when the data does not: row index + 1 is Excel's row number.
    assert result.sheets[1].rows == [["", ""], ["", ""], ["", "右下角"]]
    assert result.sheets[2].rows == []


def test_inline_string_cells(tmp_path: Path) -> None:
    data = f'<row r="1">{inline("A1", "素材ID")}{inline("B1", "整体消耗")}</row>'
    data += f'<row r="2">{inline("A2", "7412345678901234567")}{inline("B2", "1,234.5")}</row>'
    path = hand_xlsx(tmp_path / "qc.xlsx", sheet_xml(data))
    assert rows_of(path) == [["素材ID", "整体消耗"], ["7412345678901234567", "1,234.5"]]


def test_cells_without_references_are_placed_by_counting(tmp_path: Path) -> None:
    data = (
        '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'
    )
    assert rows_of(hand_xlsx(tmp_path / "r.xlsx", sheet_xml(data))) == [["a", 2], [3, ""]]


def test_wrong_small_dimension_is_measured_not_trusted(tmp_path: Path) -> None:
    data = "".join(
        f'<row r="{r}">{inline(f"A{r}", "x")}{inline(f"C{r}", "y")}</row>' for r in (1, 2, 3)
    )
    rows = rows_of(hand_xlsx(tmp_path / "tiktok.xlsx", sheet_xml(data, dimension="A1")))
    assert rows == [["x", "", "y"]] * 3


def test_formula_without_a_cached_value_is_refused(tmp_path: Path) -> None:
    data = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c>'
    data += '<c r="C1"><f>A1*3</f></c></row>'
    rejected(
        hand_xlsx(tmp_path / "f.xlsx", sheet_xml(data)), "formula without a value", "C1", "save"
    )
    cached = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row>'
    assert rows_of(hand_xlsx(tmp_path / "ok.xlsx", sheet_xml(cached))) == [[1, 2]]


def test_a_doctype_in_sheet_xml_is_refused(tmp_path: Path) -> None:
    head = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    data = '<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
    rejected(hand_xlsx(tmp_path / "e.xlsx", sheet_xml(data, head=head)), "doctype")


# --------------------------------------------------------------------------- hostile zips


def test_truncated_xlsx_is_damaged(tmp_path: Path, no_calamine: None) -> None:
    data = (
        '<row r="1">'
        + "".join(inline(f"{col_name(c)}1", "x" * 50) for c in range(1, 40))
        + "</row>"
    )
    full = hand_xlsx(tmp_path / "full.xlsx", sheet_xml(data)).read_bytes()
    for fraction in (0.5, 0.99):
        cut = write(tmp_path, f"cut{fraction}.xlsx", full[: int(len(full) * fraction)])
        rejected(cut, "damaged or incomplete", "again")


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path, no_calamine: None) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = bytes(MB)
            for _ in range(200):  # 200 MB of zeros, streamed
                member.write(zeros)
    assert path.stat().st_size < 2 * MB
    rejected(path, "zip bomb")
    # The declared total is capped too (a lower cap keeps this quick).
    rejected(
        path, "unpacks to 200 mb", "limit of 100 mb", limits=Limits(max_uncompressed_bytes=100 * MB)
    )


def test_member_larger_than_its_header_says_is_damaged(tmp_path: Path, no_calamine: None) -> None:
    data = '<row r="1">' + inline("A1", "x" * 4000) + "</row>"
    raw = bytearray(hand_xlsx(tmp_path / "lie.xlsx", sheet_xml(data)).read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    header = raw.rindex(name) - 46  # the central-directory copy of the name comes last
    assert raw[header : header + 4] == b"PK\x01\x02"
    struct.pack_into("<I", raw, header + 24, 100)  # declared uncompressed size: 100 bytes
    local = raw.index(name) - 30
    struct.pack_into("<I", raw, local + 22, 100)
    rejected(write(tmp_path, "lie.xlsx", bytes(raw)), "damaged")


def test_huge_dimension_is_refused_before_calamine(tmp_path: Path, no_calamine: None) -> None:
    data = (
        f'<row r="1">{inline("A1", "x")}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    path = hand_xlsx(tmp_path / "huge.xlsx", sheet_xml(data, dimension="A1:XFD1048576"))
    assert path.stat().st_size < 5000
    rejected(path, "too many", "declared size")


@pytest.mark.parametrize("dimension", [None, "A1:B2"])
def test_far_cell_with_no_or_lying_dimension_is_refused(
    tmp_path: Path, no_calamine: None, dimension: str | None
) -> None:
    data = f'<row r="1">{inline("A1", "x")}</row><row r="2"><c r="XFD1048576"><v>1</v></c></row>'
    rejected(hand_xlsx(tmp_path / "far.xlsx", sheet_xml(data, dimension)), "too many")


def test_far_cell_in_lower_case_or_odd_attribute_order_is_refused(
    tmp_path: Path, no_calamine: None
) -> None:
    for cell in ('<c r="xfd1048576"><v>1</v></c>', "<c s='0' r='XFD1048576'><v>1</v></c>"):
        data = f'<row r="1">{inline("A1", "x")}{cell}</row>'
        rejected(hand_xlsx(tmp_path / "odd.xlsx", sheet_xml(data, "A1:B1")), "too many")


def test_too_many_cells_without_references_are_refused(tmp_path: Path, no_calamine: None) -> None:
    data = "<row>" + "<c><v>1</v></c>" * 40 + "</row>" + "<row><c><v>1</v></c></row>" * 30
    limits = Limits(max_columns=30, max_rows=100)
    rejected(
        hand_xlsx(tmp_path / "count.xlsx", sheet_xml(data)), "too many columns (31)", limits=limits
    )


def test_sheet_over_the_cell_limit_is_refused(tmp_path: Path, no_calamine: None) -> None:
    data = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="T{r}"><v>2</v></c></row>' for r in range(1, 60)
    )
    limits = Limits(max_cells=1000)
    rejected(
        hand_xlsx(tmp_path / "cells.xlsx", sheet_xml(data)), "59 rows × 20 columns", limits=limits
    )
    rejected(
        hand_xlsx(tmp_path / "d.xlsx", sheet_xml(data, "A1:T59")), "1,000 cells", limits=limits
    )


def test_by_default_no_dimension_is_trusted() -> None:
    # A big sheet whose dimension lies about one far cell would abort the app in calamine.
    assert not trust_dimension((200_001, 30), 330 * MB)
    assert not trust_dimension((200_001, 30), 3000 * MB)


def test_trust_dimension_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff, "FULL_SCAN_BYTES", 32 * MB)
    big = sniff.FULL_SCAN_BYTES + 1
    assert trust_dimension((200_001, 30), 330 * MB)  # big, and the dimension fits the XML
    assert not trust_dimension(None, big)  # no dimension: scan
    assert not trust_dimension((200_001, 30), 4000)  # small sheets are always scanned
    assert not trust_dimension((1, 1), big)  # too small for the XML (TikTok's A1:A1): scan


def test_big_sheet_with_a_plausible_dimension_is_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sniff, "FULL_SCAN_BYTES", 100)
    scans: list[tuple[object, ...]] = []
    real = sniff._fast_scan
    monkeypatch.setattr(sniff, "_fast_scan", lambda *args: scans.append(args) or real(*args))
    data = "".join(
        f'<row r="{r}">{inline(f"A{r}", "订单")}<c r="B{r}"><v>{r}</v></c></row>' for r in (1, 2, 3)
    )
    assert rows_of(hand_xlsx(tmp_path / "t.xlsx", sheet_xml(data, "A1:B3")))[2] == ["订单", 3]
    assert scans == []
    assert len(rows_of(hand_xlsx(tmp_path / "n.xlsx", sheet_xml(data)))) == 3
    assert scans, "a sheet without a dimension is always scanned"
    scans.clear()
    padded = data + f'<row r="4">{inline("A4", "x" * 70_000)}</row>'
    assert len(rows_of(hand_xlsx(tmp_path / "w.xlsx", sheet_xml(padded, "A1")))) == 4
    assert scans, "a dimension too small for its XML is not trusted"


def test_a_zip_that_is_not_a_workbook(tmp_path: Path, no_calamine: None) -> None:
    path = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    rejected(path, "zip archive", "readme.txt")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\0" * 10)
    rejected(path, ".xlsb", "save it as .xlsx")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    rejected(path, "word document")
    empty = write(tmp_path, "empty.zip", b"PK\x05\x06" + bytes(18))
    rejected(empty, "zip archive")


def test_password_protected_zip_member(tmp_path: Path, no_calamine: None) -> None:
    path = hand_xlsx(tmp_path / "locked.xlsx", sheet_xml(""))
    raw = bytearray(path.read_bytes())
    at = raw.rindex(b"xl/worksheets/sheet1.xml") - 46
    raw[at + 8] |= 0x1  # the central directory's "encrypted" flag
    rejected(write(tmp_path, "locked.xlsx", bytes(raw)), "password")


def test_tiktok_studio_zip_of_csvs(tmp_path: Path) -> None:
    path = tmp_path / "TikTok Studio.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Overview.csv", "\ufeffDate,Video Views\nAugust 9,120\n".encode())
        zf.writestr("Content.csv", "\ufeffTime,Video title\nAugust 9,hi\n".encode())
    book = read_workbook(path)
    assert (book.container, book.encoding) == ("csv", "utf-8-sig")
    assert {sheet.name: sheet.rows for sheet in book.sheets} == {
        "Overview": [["Date", "Video Views"], ["August 9", "120"]],
        "Content": [["Time", "Video title"], ["August 9", "hi"]],
    }


# --------------------------------------------------------------------------- not spreadsheets


def test_empty_file_and_bom_only_file(tmp_path: Path) -> None:
    rejected(write(tmp_path, "empty.csv", b""), "the file is empty")
    rejected(write(tmp_path, "empty.xlsx", b""), "the file is empty")
    rejected(write(tmp_path, "bom.csv", codecs.BOM_UTF8), "empty")
    rejected(write(tmp_path, "blank.csv", "\ufeff\r\n\r\n"), "empty")


def test_binary_garbage_with_any_extension(tmp_path: Path, no_calamine: None) -> None:
    garbage = bytes(range(256)) * 8 + os.urandom(2048)
    for name in ("orders.xlsx", "orders.csv", "orders.xls"):
        rejected(write(tmp_path, name, garbage), "not a spreadsheet or csv file")


def test_random_bytes_named_csv(tmp_path: Path) -> None:
    data = bytes((i * 7919 + 13) % 251 for i in range(5000))  # deterministic, NUL-bearing
    rejected(write(tmp_path, "random.csv", data), "not a spreadsheet")


def test_ole_garbage_is_refused_before_calamine(tmp_path: Path, no_calamine: None) -> None:
    rejected(write(tmp_path, "old.xls", OLE_MAGIC + os.urandom(3000)), ".xls", "damaged")


def test_ole_with_a_plausible_header_reaches_calamine_and_fails_cleanly(tmp_path: Path) -> None:
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<9I", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header[76:512] = b"\xff" * 436
    body = bytes(1024) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    rejected(write(tmp_path, "locked.xlsx", bytes(header) + body), "password")
    rejected(write(tmp_path, "bad.xls", bytes(header) + bytes(2048)), ".xls", "save it as .xlsx")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    rejected(tmp_path / "gone.csv", "not found")
    (tmp_path / "folder.csv").mkdir()
    rejected(tmp_path / "folder.csv", "folder")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", "a,b\n" * 1000)
    rejected(
        path, "too large (4,000 bytes)", "limit is 1,000 bytes", limits=Limits(max_file_bytes=1000)
    )


# --------------------------------------------------------------------------- API shape


def test_limits_defaults_and_frozen_dataclasses() -> None:
    limits = Limits()
    assert (limits.max_file_bytes, limits.max_uncompressed_bytes) == (300 * MB, 1024 * MB)
    assert (limits.max_compression_ratio, limits.max_rows) == (100, 2_000_000)
    assert (limits.max_columns, limits.max_cells) == (500, 60_000_000)
    with pytest.raises(AttributeError):
        limits.max_rows = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        Workbook("a", "csv", None, []).container = "x"  # type: ignore[misc]


def test_column_names_round_trip() -> None:
    for n, name in ((1, "A"), (26, "Z"), (27, "AA"), (500, "SF"), (702, "ZZ"), (16384, "XFD")):
        assert col_name(n) == name
        assert col_number(name) == n


# --------------------------------------------------------------------------- properties

PREFIXES = [b"", b"PK\x03\x04", b"PK\x05\x06", OLE_MAGIC, codecs.BOM_UTF8, codecs.BOM_UTF16_LE]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES + [b"<table><tr><td>", b"<![if", b"a,b\n"]),
    body=st.binary(max_size=1500),
    suffix=st.sampled_from([".csv", ".xlsx", ".xls"]),
)
def test_random_bytes_raise_only_import_file_error(
    tmp_path_factory: pytest.TempPathFactory, prefix: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path_factory.getbasetemp() / f"random{suffix}"
    path.write_bytes(prefix + body)
    error: ImportFileError | None = None
    try:
        book = read_workbook(path)
    except ImportFileError as caught:  # anything else fails the test
        error = caught
    if error is not None:
        assert error.file == path.name
        assert error.message
    else:
        assert book.sheets
        assert all(isinstance(sheet.rows, list) for sheet in book.sheets)


CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from(list("\n\r\t ,;\"'订单号金额")),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@example(table=[["0", "\t", "\r\t"]], encoding="utf-8-sig")  # tabs inside quotes: still CSV
@given(
    table=st.integers(min_value=2, max_value=5).flatmap(
        lambda width: st.lists(
            st.lists(CELL_TEXT, min_size=width, max_size=width).filter(lambda row: row[0] != ""),
            min_size=1,
            max_size=8,
        )
    ),
    encoding=st.sampled_from(["utf-8-sig", "gb18030"]),
)
def test_csv_tables_round_trip_exactly(
    tmp_path_factory: pytest.TempPathFactory, table: list[list[str]], encoding: str
) -> None:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(table)
    data = out.getvalue().encode(encoding)
    if encoding == "gb18030":
        try:  # bytes that are also valid UTF-8 are UTF-8: the ambiguity is inherent
            data.decode("utf-8")
            assume(False)
        except UnicodeDecodeError:
            pass
    path = tmp_path_factory.getbasetemp() / "table.csv"
    path.write_bytes(data)
    book = read_workbook(path)
    assert book.encoding == encoding
    assert book.sheets[0].rows == table
