"""Export a table (a DataFrame) to an Excel workbook the owner can open safely.

Formula-safe: text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` and is stored as a string, so a video title like ``=HYPERLINK(...)`` stays text in
Excel, in LibreOffice and in a CSV saved from them. Ids stay text (long platform ids would lose
digits as numbers), rates are numbers formatted as percentages, amounts in cents become the
currency's main unit, dates are dates. Written with openpyxl's write-only mode (constant memory),
to a temporary file first, so a failed export never leaves half a workbook behind.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.00"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MAX_COLUMN_WIDTH = 60
ID_SUFFIXES = ("_id", "_key", "_no")
RATE_NAMES = ("median_completion", "median_interaction")


def safe_text(value: object) -> str:
    """``value`` as text that no spreadsheet runs as a formula (see the module's docstring)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_frame(frame: pd.DataFrame, headers: Mapping[str, str], path: Path) -> None:
    """Write ``frame``'s columns named in ``headers`` (in that order, under those titles) to xlsx.

    With no headers every column is written under its own name. Column kinds follow the names
    and dtypes: ``id``/``*_id``/``*_key``/``*_no`` are text, ``*_rate`` and the median rates are
    percentages, ``*_cents`` are amounts in the main unit, datetimes are dates.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    titles = dict(headers) or {str(c): str(c) for c in frame.columns}
    columns = [c for c in titles if c in frame.columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    writers = [_column_writer(sheet, c, frame[c]) for c in columns]
    for index, column in enumerate(columns):
        sheet.column_dimensions[_letter(index)].width = _width(titles[column], frame[column])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, safe_text(titles[c]), font=bold) for c in columns])
    values = [frame[c].tolist() for c in columns]
    for row in zip(*values, strict=True):
        sheet.append([write(v) for write, v in zip(writers, row, strict=True)])
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        workbook.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


Writer = Callable[[Any], Any]


def _column_writer(sheet: Any, name: str, column: pd.Series) -> Writer:
    """How to write one column's values: plain values, or one reused cell with a format.

    Write-only sheets serialise a row as soon as it is appended, so each column can reuse a
    single styled cell (making a styled cell per value costs ten times as much).
    """
    import pandas as pd

    if name == "id" or name.endswith(ID_SUFFIXES):
        return lambda v: None if _missing(v) else safe_text(_id_text(v))
    if name.endswith("_rate") or name in RATE_NAMES:
        return _formatted(sheet, PERCENT_FORMAT, float)
    if name.endswith("_cents"):
        return _formatted(sheet, NUMBER_FORMAT, lambda v: v / 100)
    if pd.api.types.is_datetime64_any_dtype(column):
        timed = bool((column.dropna() != column.dropna().dt.normalize()).any())
        return _formatted(sheet, DATETIME_FORMAT if timed else DATE_FORMAT, _python_datetime)
    if pd.api.types.is_bool_dtype(column):
        return lambda v: None if _missing(v) else bool(v)
    if pd.api.types.is_numeric_dtype(column):
        known = column.dropna().astype(float)
        whole = bool(((known % 1) == 0).all())
        return _formatted(sheet, COUNT_FORMAT if whole else NUMBER_FORMAT, float)
    return _any_writer(sheet)


def _formatted(sheet: Any, number_format: str, convert: Callable[[Any], Any]) -> Writer:
    cell = _cell(sheet, None, number_format)

    def write(value: Any) -> Any:
        if _missing(value):
            return None
        cell.value = convert(value)
        return cell

    return write


def _python_datetime(value: Any) -> datetime:
    return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value


def _any_writer(sheet: Any) -> Writer:
    """Object columns: numbers and dates as such, anything else as safe text."""
    moments = _formatted(sheet, DATETIME_FORMAT, _python_datetime)
    days = _formatted(sheet, DATE_FORMAT, lambda v: v)

    def write(value: Any) -> Any:
        if _missing(value):
            return None
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, datetime):
            return moments(value)
        if isinstance(value, date):
            return days(value)
        # Safe text never starts with "=", so openpyxl stores it as a string, not a formula.
        return safe_text(value)

    return write


def _cell(sheet: Any, value: Any, number_format: str | None = None, font: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    import pandas as pd

    return value is pd.NA or value is pd.NaT


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _width(title: str, column: pd.Series) -> float:
    """A column wide enough for its title and its first values (CJK counts double)."""
    samples = [title, *(str(v) for v in column.head(200).tolist())]
    widest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in samples)
    return float(min(MAX_COLUMN_WIDTH, max(8, widest + 2)))
