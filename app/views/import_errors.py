"""Import errors in the UI language.

The importers (Qt-free) raise :class:`~app.importers.errors.ImportFileError` with English text;
``str(error)`` stays English for the logs. Here the dialogs compose the same facts (file, row,
column, value, expected) with translatable templates, and translate ``expected`` and ``message``
when they are among the fixed texts the importers use (copied below as literals so lupdate sees
them; ``tests/gui/test_import_errors.py`` checks the copies against the originals). The common
texts built at run time are matched against templates with %1… in place of their values; the
rare others stay English inside the translated frame.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.importers.errors import ImportFileError
from app.services.mappings import PreviewCell

CONTEXT = "ImportErrors"

# Every *_EXPECTED constant of app.importers.values and app.importers.dates, word for word.
EXPECTED_TEXTS = (
    QT_TRANSLATE_NOOP("ImportErrors", "an ID (letters and digits, no spaces)"),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the full ID as text: Excel turned this ID into a number and its last digits are lost; "
        "re-export the file from the platform, and do not open and re-save it in Excel",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the ID as plain digits: Excel shows it as a number with thousands separators; "
        "re-export the file from the platform, and do not open and re-save it in Excel",
    ),
    QT_TRANSLATE_NOOP("ImportErrors", "a whole number"),
    QT_TRANSLATE_NOOP("ImportErrors", "a number like 1,234.5"),
    QT_TRANSLATE_NOOP("ImportErrors", "an amount of money like ¥1,299.00, 12.50元 or BRL 35,91"),
    QT_TRANSLATE_NOOP("ImportErrors", "a percentage like 35.2% or a ratio like 0.352"),
    QT_TRANSLATE_NOOP("ImportErrors", "a ratio between 0 and 1"),
    QT_TRANSLATE_NOOP("ImportErrors", "a percentage between 0 and 100"),
    QT_TRANSLATE_NOOP("ImportErrors", "yes or no (是/否)"),
    QT_TRANSLATE_NOOP("ImportErrors", "a date and time like 2026-08-03 14:05:00"),
    QT_TRANSLATE_NOOP("ImportErrors", "a duration like 21.46秒, 1:05, 1:02:03 or 2分30秒"),
    QT_TRANSLATE_NOOP("ImportErrors", "a date like August 9, 3月25日 or 2026-08-09"),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "an unambiguous date like 2026-08-03 (in this date either number could be the day)",
    ),
)

# The fixed (not f-string) messages of the importers and the import services, word for word.
STATIC_MESSAGES = (
    # app.importers.reading
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file is too large to open on this computer: export a shorter date range",
    ),
    QT_TRANSLATE_NOOP("ImportErrors", "the file was not found: it may have been moved"),
    QT_TRANSLATE_NOOP("ImportErrors", "this is a folder, not a file"),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file cannot be opened: close it in Excel or WPS (or check its permissions) and"
        " try again",
    ),
    QT_TRANSLATE_NOOP("ImportErrors", "the file is empty: export it again from the platform"),
    QT_TRANSLATE_NOOP("ImportErrors", "the file holds no data: export it again from the platform"),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this is an Excel 2003 XML spreadsheet: open it in Excel and save it as .xlsx",
    ),
    QT_TRANSLATE_NOOP("ImportErrors", "the HTML table is malformed: export the file again"),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file is password-protected: save it without a password, then import it",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this Excel 97-2003 (.xls) file could not be read (it may be damaged, or a WPS .et"
        " file): open it in Excel or WPS, save it as .xlsx and import that",
    ),
    # app.importers.sniff
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "not a spreadsheet or CSV file: choose the .xlsx, .xls or .csv file exported from the"
        " platform",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors", "the file is damaged or incomplete: download or export it again"
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this .xls file is damaged (its header is invalid): export it again, or open it in"
        " Excel and save it as .xlsx",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; it was"
        " not opened for safety: export it again from the platform",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this is a Word document, not a spreadsheet: not a spreadsheet or CSV file: choose the"
        " .xlsx, .xls or .csv file exported from the platform",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this is an OpenDocument file (WPS/LibreOffice): open it and save it as .xlsx",
    ),
    # app.importers.normalise
    QT_TRANSLATE_NOOP("ImportErrors", "A required cell is empty."),
    QT_TRANSLATE_NOOP("ImportErrors", "A date cannot be read."),
    # app.importers.writers.extra
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "The day this 千川 report covers is neither in a 日期 column nor in its file "
        "name (…_2026-08-14 00_00_00-2026-08-14 23_59_59-….xlsx). "
        "Keep the name the platform gave it.",
    ),
    # app.services.mappings (read_layout, shown when a file cannot be read for mapping)
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "This file has no table to map: none of its first rows has two filled cells.",
    ),
)

_KNOWN_EXPECTED = frozenset(EXPECTED_TEXTS)
# The mapping preview's cell errors (app.services.mappings), word for word.
PREVIEW_CELL_MESSAGES = (
    QT_TRANSLATE_NOOP("ImportErrors", "This cell cannot be read."),
    QT_TRANSLATE_NOOP("ImportErrors", "A required cell is empty."),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "This order number is on row %1 too. With no order-line column, "
        "each row must be one whole order: map the order-line column.",
    ),
)

_KNOWN_MESSAGES = frozenset(STATIC_MESSAGES + PREVIEW_CELL_MESSAGES)
_PLACEHOLDER = re.compile(r"%(\d)")

# The importers' messages built at run time (f-strings), with %1… where they put a value.
DYNAMIC_MESSAGES = (
    # app.importers.detect: the most common error of all (any file that is no known export)
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "This file is not an export ShopReel recognises. Its first rows hold: %1. Map its columns "
        "by hand in the column-mapping dialog, or check that it is the platform's original export.",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "The column %1 appears %2 times; ShopReel cannot tell which one to use. Export the file "
        "again without changes.",
    ),
    # app.importers.writers.orders
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "Order %1 appears again (first on row %2). This table has no order-line column, so each "
        "order must be on one row. Map a line or sub-order column in the column mapping, or export "
        "one row per order.",
    ),
    # app.importers.reading
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file is too large (%1); the limit is %2: export a shorter date range",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors", "the CSV text is malformed near line %1 (%2): export it again"
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file could not be read (%1): copy it to a local folder and try again",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file could not be read; it may be damaged (%1): open it in Excel and save it again, "
        "or export it again",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the workbook could not be read (%1): open it in Excel and save it again, or export it "
        "again",
    ),
    # app.importers.sniff and app.importers.reading: the size limits (a sheet's declared size
    # first: the general templates would swallow it into the sheet's name)
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "too many rows (%1) in sheet %2 (by its declared size); the limit is %3: export a shorter"
        " date range or split the file",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "too many rows (%1) in sheet %2; the limit is %3: export a shorter date range or split the"
        " file",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "too many columns (%1) in sheet %2 (by its declared size); the limit is %3: export only the"
        " columns you need",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "too many columns (%1) in sheet %2; the limit is %3: export only the columns you need",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "sheet %1 is too large (%2 rows × %3 columns (by its declared size)); the limit is %4"
        " cells: export a shorter date range or split the file",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "sheet %1 is too large (%2 rows × %3 columns); the limit is %4 cells: export a shorter"
        " date range or split the file",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "too many rows (%1); the limit is %2: export a shorter date range or split the file",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "too many columns (%1) in %2; the limit is %3: export only the columns you need",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "%1 is too large (%2 cells); the limit is %3 cells: export a shorter date range or split"
        " the file",
    ),
    # app.importers.sniff
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file holds %1 parts, far more than a spreadsheet has; it was not opened: export it "
        "again from the platform",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file unpacks to %1, more than the limit of %2: export a shorter date range",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the file looks like a zip bomb (a part unpacks %1 times larger than it is stored); it "
        "was not opened: export it again from the platform",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the text is not in a known encoding (tried %1; first bad byte on line %2): save it from "
        "Excel as 'CSV UTF-8', or export it again",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "the text mixes two encodings (UTF-8 and GBK; the change is on line %1): export the file "
        "again instead of joining files by hand, or save it from Excel as 'CSV UTF-8'",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "this is a zip archive with no spreadsheet in it (found: %1): unzip it and import the "
        ".xlsx or .csv file inside",
    ),
    QT_TRANSLATE_NOOP(
        "ImportErrors",
        "formula without a value (sheet %1, cell %2): open the file in Excel and save it, or "
        "export it again",
    ),
)


# A size the readers put in a message (app.importers.sniff.human_size): "52 bytes", "300 MB".
_BYTES = QT_TRANSLATE_NOOP("ImportErrors", "%1 bytes")
_SIZE_IN_BYTES = re.compile(r"(\d[\d,]*) bytes\Z")


def _value(text: str) -> str:
    """A value inside a message, its unit in the UI language (52 bytes → 52 字节)."""
    found = _SIZE_IN_BYTES.fullmatch(text)
    return _fill(_tr(_BYTES), found.group(1)) if found else text


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"%\d", template)
    return re.compile("(.*?)".join(re.escape(p) for p in parts) + r"\Z", re.DOTALL)


_DYNAMIC = tuple((_pattern(t), t) for t in DYNAMIC_MESSAGES)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _fill(template: str, *args: object) -> str:
    """``%1``… replaced in one pass, so a value holding ``%2`` is not replaced again."""
    return _PLACEHOLDER.sub(lambda m: str(args[int(m.group(1)) - 1]), template)


def _expected(text: str) -> str:
    return _tr(text) if text in _KNOWN_EXPECTED else text


def _message(text: str) -> str:
    if text in _KNOWN_MESSAGES:
        return _tr(text)
    for pattern, template in _DYNAMIC:
        found = pattern.match(text)
        if found:
            return _fill(_tr(template), *map(_value, found.groups()))
    return text


def describe_preview_cell(cell: PreviewCell) -> str | None:
    """Why a cell of the mapping preview cannot be read, in the UI language (None when it can)."""
    if cell.error is None:
        return None
    if cell.detail is None:
        return cell.error
    text = _fill(_message(cell.detail), cell.detail_arg)
    if cell.expected:
        text = _fill(
            QCoreApplication.translate("ImportErrors", "%1 (expected %2)"),
            text,
            _expected(cell.expected),
        )
    return text


def describe_import_error(error: ImportFileError) -> str:
    """The error for the user, in the UI language (``str(error)`` stays English, for logs)."""
    if (
        error.file
        and error.row is not None
        and error.column
        and error.value is not None
        and error.expected
    ):
        template = QCoreApplication.translate(
            "ImportErrors", "%1, row %2, column “%3”: found “%4”, expected %5."
        )
        return _fill(
            template, error.file, error.row, error.column, error.value, _expected(error.expected)
        )
    where = [error.file] if error.file else []
    if error.row is not None:
        where.append(_fill(QCoreApplication.translate("ImportErrors", "row %1"), error.row))
    if error.column:
        where.append(_fill(QCoreApplication.translate("ImportErrors", "column “%1”"), error.column))
    text = _message(error.message)
    if error.value is not None:
        text = _fill(
            QCoreApplication.translate("ImportErrors", "%1 (found “%2”)"), text, error.value
        )
    if error.expected:
        text = _fill(
            QCoreApplication.translate("ImportErrors", "%1 (expected %2)"),
            text,
            _expected(error.expected),
        )
    if not where:
        return text
    return _fill(
        QCoreApplication.translate("ImportErrors", "%1: %2"),
        QCoreApplication.translate("ImportErrors", ", ").join(where),
        text,
    )
