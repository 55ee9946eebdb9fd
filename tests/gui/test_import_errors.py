"""Import errors in the UI language: translated frames, known texts translated, others kept."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.importers import dates, sniff, values
from app.importers.errors import ImportFileError
from app.services import mappings
from app.views.i18n import Translations
from app.views.import_errors import (
    DYNAMIC_MESSAGES,
    EXPECTED_TEXTS,
    PREVIEW_CELL_MESSAGES,
    STATIC_MESSAGES,
    describe_import_error,
    describe_preview_cell,
)
from tests.source_texts import message_template

ROOT = Path(__file__).resolve().parents[2]
MESSAGE_SOURCES = [
    *(ROOT / "app" / "importers" / name for name in ("reading.py", "sniff.py", "detect.py")),
    ROOT / "app" / "importers" / "normalise.py",
    *sorted((ROOT / "app" / "importers" / "writers").glob("*.py")),
    ROOT / "app" / "services" / "imports.py",
    ROOT / "app" / "services" / "mappings.py",
]


def cell_error(expected: str = values.MONEY_EXPECTED) -> ImportFileError:
    return ImportFileError(
        "'abc' is not an amount",
        file="订单.xlsx",
        row=7,
        column="订单金额",
        value="abc",
        expected=expected,
    )


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_expected_texts_are_the_importers_constants() -> None:
    constants = [
        getattr(module, name)
        for module in (values, dates)
        for name in sorted(vars(module))
        if name.endswith("_EXPECTED") and isinstance(getattr(module, name), str)
    ]
    assert len(constants) == 14
    assert sorted(EXPECTED_TEXTS) == sorted(set(constants))


def test_the_static_messages_are_raised_word_for_word() -> None:
    literals = {
        sniff.NOT_A_SPREADSHEET,
        "this is a Word document, not a spreadsheet: " + sniff.NOT_A_SPREADSHEET,
    }
    for path in MESSAGE_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        literals |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
    assert [m for m in STATIC_MESSAGES if m not in literals] == []
    assert len(set(STATIC_MESSAGES)) == len(STATIC_MESSAGES)


@pytest.mark.usefixtures("chinese")
def test_a_cell_error_reads_in_chinese() -> None:
    text = describe_import_error(cell_error())
    assert text.startswith("订单.xlsx，第 7 行")
    for part in ("订单金额", "abc", "读到", "应为"):
        assert part in text
    assert "expected" not in text
    assert "amount of money" not in text  # the expected text is translated too
    assert has_chinese(text.split("应为", 1)[1])


@pytest.mark.usefixtures("chinese")
def test_every_known_text_has_a_chinese_translation() -> None:
    for message in STATIC_MESSAGES:
        text = describe_import_error(ImportFileError(message, file="a.csv"))
        assert message not in text
        assert has_chinese(text.removeprefix("a.csv：")), message
    for expected in EXPECTED_TEXTS:
        text = describe_import_error(cell_error(expected))
        assert expected not in text
        assert has_chinese(text.split("应为", 1)[1]), expected


@pytest.mark.usefixtures("chinese")
def test_a_known_message_reads_in_chinese() -> None:
    error = ImportFileError(sniff.DAMAGED, file="订单.xlsx")
    text = describe_import_error(error)
    assert text.startswith("订单.xlsx：")
    assert "damaged" not in text
    assert has_chinese(text.removeprefix("订单.xlsx："))


@pytest.mark.usefixtures("chinese")
def test_an_unknown_message_stays_english_in_a_chinese_frame() -> None:
    error = ImportFileError("too many rows (2,000,000) in Sheet1", file="a.xlsx", row=3, column="X")
    text = describe_import_error(error)
    assert text == "a.xlsx，第 3 行，“X”列：too many rows (2,000,000) in Sheet1"


@pytest.mark.usefixtures("chinese")
def test_an_unknown_expected_text_stays_english() -> None:
    text = describe_import_error(cell_error("a value for 金额"))
    assert text.endswith("应为a value for 金额。")


def test_in_english_the_text_is_readable(qapp: QApplication) -> None:
    Translations(qapp).apply("en")
    assert describe_import_error(cell_error()) == (
        f"订单.xlsx, row 7, column “订单金额”: found “abc”, expected {values.MONEY_EXPECTED}."
    )
    empty = ImportFileError(
        "A required cell is empty.", file="a.csv", row=4, column="金额", expected="a value"
    )
    assert describe_import_error(empty) == (
        "a.csv, row 4, column “金额”: A required cell is empty. (expected a value)"
    )
    assert describe_import_error(ImportFileError("the file is empty")) == "the file is empty"
    tricky = ImportFileError("x", file="%2.csv", row=1, column="%3", value="%1", expected="e")
    assert describe_import_error(tricky) == "%2.csv, row 1, column “%3”: found “%1”, expected e."


def test_the_preview_cell_messages_are_the_services_constants() -> None:
    assert PREVIEW_CELL_MESSAGES == (
        mappings.CELL_UNREADABLE,
        mappings.REQUIRED_CELL_EMPTY,
        mappings.ORDER_ON_TWO_ROWS,
    )


@pytest.mark.usefixtures("chinese")
def test_a_mapping_preview_cell_error_reads_in_chinese() -> None:
    unreadable = mappings.PreviewCell(
        "abc",
        error="x (expected y)",
        detail=mappings.CELL_UNREADABLE,
        expected=values.MONEY_EXPECTED,
    )
    twice = mappings.PreviewCell(
        "A1", "A1", "…", detail=mappings.ORDER_ON_TWO_ROWS, detail_arg="12"
    )
    for cell in (unreadable, twice):
        text = describe_preview_cell(cell)
        assert text is not None
        assert has_chinese(text)
        assert "expected" not in text
    assert "12" in (describe_preview_cell(twice) or "")
    assert describe_preview_cell(mappings.PreviewCell("1", 1)) is None


def test_a_mapping_preview_cell_error_in_english() -> None:
    cell = mappings.PreviewCell("A1", "A1", "…", detail=mappings.ORDER_ON_TWO_ROWS, detail_arg="12")
    assert describe_preview_cell(cell) == mappings.ORDER_ON_TWO_ROWS.replace("%1", "12")


def _fstring_texts() -> list[str]:
    """The importers' f-string messages with each {…} value replaced by %1, %2 …"""
    return [
        message_template(node) or ""
        for path in MESSAGE_SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.JoinedStr)
    ]


def test_the_dynamic_messages_are_the_importers_f_strings() -> None:
    texts = set(_fstring_texts())
    # detect.py puts %1 in repr quotes ({…!r}); the template has the value with them.
    assert [m for m in DYNAMIC_MESSAGES if m not in texts] == []


@pytest.mark.usefixtures("chinese")
def test_a_file_that_is_no_export_is_told_in_chinese(tmp_path: Path) -> None:
    from app.importers.detect import detect
    from app.importers.reading import read_workbook

    path = tmp_path / "不是导出.csv"
    path.write_text("名字,数量\n苹果,3\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        detect(read_workbook(path))
    text = describe_import_error(raised.value)
    assert text.startswith("不是导出.csv：这不是短视频经营台认识的平台导出文件。")
    assert "名字, 数量" in text  # the file's own headers, as they are
    assert "recognises" not in text


@pytest.mark.usefixtures("chinese")
def test_every_dynamic_message_has_a_chinese_translation() -> None:
    for template in DYNAMIC_MESSAGES:
        message = template.replace("%1", "'订单号'").replace("%2", "3")
        text = describe_import_error(ImportFileError(message, file="a.csv"))
        assert has_chinese(text.removeprefix("a.csv：")), template
        assert "'订单号'" in text or "订单号" in text
        assert " the " not in text, template


def _size_limit_errors(folder: Path) -> Iterator[ImportFileError]:
    """The size limits the readers enforce, each met by a real file."""
    from app.importers.reading import Limits, read_workbook
    from tests.unit.test_reading import hand_xlsx, inline, sheet_xml

    long = folder / "长.csv"
    long.write_text("h\n" + "1\n" * 25, encoding="utf-8")
    wide = folder / "宽.csv"
    wide.write_text(",".join("x" * 30) + "\n", encoding="utf-8")
    big = folder / "大.csv"
    big.write_text(("a,b,c,d\n" * 20), encoding="utf-8")
    far = (
        f'<row r="1">{inline("A1", "x")}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    huge = hand_xlsx(folder / "巨大.xlsx", sheet_xml(far, dimension="A1:XFD1048576"))
    for path, limits in (
        (long, Limits(max_rows=10)),
        (wide, Limits(max_columns=20)),
        (big, Limits(max_cells=50)),
        (huge, Limits(max_rows=1000)),
        (huge, Limits()),
        (huge, Limits(max_rows=2_000_000, max_columns=20_000)),
        (long, Limits(max_file_bytes=10)),
    ):
        with pytest.raises(ImportFileError) as raised:
            read_workbook(path, limits=limits)
        yield raised.value


@pytest.mark.usefixtures("chinese")
def test_the_size_limits_read_in_chinese(tmp_path: Path) -> None:
    messages = []
    for error in _size_limit_errors(tmp_path):
        text = describe_import_error(error)
        messages.append(error.message)
        assert re.findall(r"[A-Za-z]{2,}", text.replace(str(error.file), "")) == [], text
        assert "上限" in text, text
    starts = [re.sub(r" \(.*", "", m) for m in messages]
    assert starts == [
        "too many rows",
        "too many columns",
        "'大' is too large",
        "too many rows",  # in the sheet, by its declared size
        "too many columns",
        "sheet '数据' is too large",
        "the file is too large",
    ]
