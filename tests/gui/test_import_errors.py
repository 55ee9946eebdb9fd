"""Import errors in the UI language: translated frames, known texts translated, others kept."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.importers import dates, sniff, values
from app.importers.errors import ImportFileError
from app.services import mappings
from app.views.i18n import Translations
from app.views.import_errors import (
    EXPECTED_TEXTS,
    PREVIEW_CELL_MESSAGES,
    STATIC_MESSAGES,
    describe_import_error,
    describe_preview_cell,
)

ROOT = Path(__file__).resolve().parents[2]
MESSAGE_SOURCES = [
    *(ROOT / "app" / "importers" / name for name in ("reading.py", "sniff.py", "detect.py")),
    ROOT / "app" / "importers" / "normalise.py",
    *sorted((ROOT / "app" / "importers" / "writers").glob("*.py")),
    ROOT / "app" / "services" / "imports.py",
    ROOT / "app" / "services" / "mappings.py",
]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translations = Translations(qapp)
    assert translations.apply("zh_CN")
    yield
    translations.apply("en")


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
