"""Export a table (a DataFrame) to an Excel workbook or a CSV file the owner can open safely.

Formula-safe (RELIABILITY.md §3.5, OWASP CSV injection, ASVS 5.0 V1.2.10): text that starts with
``=``, ``+``, ``-``, ``@``, a tab, CR, LF or NUL gets a leading ``'``, and in the workbook every
text cell is an explicit string cell, never a formula — so a video title like
``=HYPERLINK(...)`` stays text in Excel, in WPS and LibreOffice, and in a CSV saved from them.
Ids stay text (long platform ids would lose digits as numbers), rates are numbers (percent
format in the workbook), amounts in cents become the currency's main unit, datetimes are dates.
Both files are written to a temporary file in the target folder, flushed to disk and then moved
over the target in one step, so a failed export never leaves half a file behind.

Personal data (issue #10): no full phone number leaves the app. Phone numbers inside any text
cell (a note, a title, a name) are masked (``138****5678``, see
:func:`app.services.privacy.mask_phones_in`), a phone column (``phone``, ``mobile``, 手机 …) is
written masked whatever its type, and an id is masked only when the whole id is a phone number,
so order numbers stay intact. With ``mask_names`` the customer-name columns
(:data:`NAME_COLUMNS`, or the caller's) are masked as the Privacy setting asks (张三 → 张*).
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from app.importers.phones import mask_phone
from app.services.privacy import mask_if_phone, mask_name, mask_phones_in

if TYPE_CHECKING:
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.00"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
MAX_COLUMN_WIDTH = 60
ID_SUFFIXES = ("_id", "_key", "_no")
RATE_NAMES = ("median_completion", "median_interaction")
PHONE_WORDS = frozenset({"phone", "mobile", "tel", "telephone", "cellphone", "手机", "电话"})
NAME_COLUMNS = frozenset(
    {
        "customer",
        "customer_name",
        "display_name",
        "buyer",
        "buyer_name",
        "buyer_nickname",
        "nickname",
        "receiver",
        "receiver_name",
        "recipient_name",
        "contact_name",
    }
)


def safe_text(value: object, *, xml: bool = True) -> str:
    """``value`` as text that no spreadsheet runs as a formula (see the module's docstring).

    ``xml`` also drops the control characters an xlsx file cannot hold.
    """
    text = str(value)
    risky = text.startswith(FORMULA_STARTS)
    if xml:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if risky or text.startswith(FORMULA_STARTS) else text


# --- Column kinds -------------------------------------------------------------------------------


def column_kind(name: str, column: pd.Series) -> str:
    """How a column is written: phone, id, rate, cents, datetime, date, bool, count, number, any."""
    import pandas as pd

    if PHONE_WORDS & set(name.lower().replace("-", "_").split("_")):
        return "phone"
    if name == "id" or name.endswith(ID_SUFFIXES):
        return "id"
    if name.endswith("_rate") or name in RATE_NAMES:
        return "rate"
    if name.endswith("_cents"):
        return "cents"
    if pd.api.types.is_datetime64_any_dtype(column):
        known = column.dropna()
        return "datetime" if bool((known != known.dt.normalize()).any()) else "date"
    if pd.api.types.is_bool_dtype(column):
        return "bool"
    if pd.api.types.is_numeric_dtype(column):
        known = column.dropna().astype(float)
        return "count" if bool(((known % 1) == 0).all()) else "number"
    return "any"


def _selected(frame: pd.DataFrame, headers: Mapping[str, str]) -> tuple[list[str], dict[str, str]]:
    titles = dict(headers) or {str(c): str(c) for c in frame.columns}
    return [c for c in titles if c in frame.columns], titles


def _rows(frame: pd.DataFrame, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    return zip(*(frame[c].tolist() for c in columns), strict=True)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    import pandas as pd

    return value is pd.NA or value is pd.NaT


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _python_datetime(value: Any) -> Any:
    return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value


Clean = Callable[[str], str]


def _cleaner(name: str, kind: str, mask_names: bool, name_columns: Collection[str]) -> Clean:
    """What hides the personal data in one column's text (see the module's docstring)."""
    if kind == "phone":
        return lambda text: mask_phone(text) or ""
    if kind == "id":
        return mask_if_phone
    if mask_names and name in name_columns:
        return lambda text: mask_phones_in(mask_name(text))
    return mask_phones_in


@contextmanager
def _atomic(path: Path, mode: str, **options: Any) -> Iterator[IO[Any]]:
    """A temporary file next to ``path`` that replaces it only once fully written and synced."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=path.parent
    )
    try:
        with os.fdopen(handle, mode, **options) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


# --- xlsx ---------------------------------------------------------------------------------------


def export_frame(
    frame: pd.DataFrame,
    headers: Mapping[str, str],
    path: Path,
    *,
    mask_names: bool = False,
    name_columns: Collection[str] = NAME_COLUMNS,
) -> None:
    """Write ``frame``'s columns named in ``headers`` (in that order, under those titles) to xlsx.

    With no headers every column is written under its own name. Column kinds follow
    :func:`column_kind`; phones are always masked, and the ``name_columns`` too with
    ``mask_names`` (the Privacy setting). About 4,000 rows of 16 columns a second: run big
    exports off the GUI thread.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns, titles = _selected(frame, headers)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for index, column in enumerate(columns, start=1):
        width = _width(titles[column], frame[column])
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_string_cell(sheet, font=bold)(titles[c]) for c in columns])
    writers = []
    for column in columns:
        kind = column_kind(column, frame[column])
        clean = _cleaner(column, kind, mask_names, name_columns)
        writers.append(_xlsx_writer(sheet, kind, clean))
    for row in _rows(frame, columns):
        sheet.append([write(v) for write, v in zip(writers, row, strict=True)])
    with _atomic(path, "wb") as file:
        workbook.save(file)


Writer = Callable[[Any], Any]


def _xlsx_writer(sheet: Any, kind: str, clean: Clean = mask_phones_in) -> Writer:
    """How to write one column's values into cells (their text passed through ``clean``).

    Write-only sheets serialise a row as soon as it is appended, so each column reuses one cell
    (a styled cell made per value costs ten times as much).
    """
    if kind in ("id", "phone"):
        text = _string_cell(sheet, clean=clean)
        return lambda v: None if _missing(v) else text(_id_text(v))
    if kind == "bool":
        return lambda v: None if _missing(v) else bool(v)
    if kind == "any":
        return _any_writer(sheet, clean)
    number_format, convert = {
        "rate": (PERCENT_FORMAT, float),
        "cents": (NUMBER_FORMAT, lambda v: v / 100),
        "datetime": (DATETIME_FORMAT, _python_datetime),
        "date": (DATE_FORMAT, _python_datetime),
        "count": (COUNT_FORMAT, float),
        "number": (NUMBER_FORMAT, float),
    }[kind]
    return _formatted(sheet, number_format, convert)


def _formatted(sheet: Any, number_format: str, convert: Callable[[Any], Any]) -> Writer:
    cell = _cell(sheet, number_format)

    def write(value: Any) -> Any:
        if _missing(value):
            return None
        cell.value = convert(value)
        return cell

    return write


def _string_cell(sheet: Any, font: Any = None, clean: Clean = mask_phones_in) -> Writer:
    """Writes safe text into an explicit string cell (data type ``s``: never a formula)."""
    cell = _cell(sheet, font=font)

    def write(value: Any) -> Any:
        cell.value = safe_text(clean(str(value)))
        cell.data_type = "s"
        return cell

    return write


def _any_writer(sheet: Any, clean: Clean) -> Writer:
    """Object columns: numbers and dates as such, anything else as safe, cleaned text."""
    moments = _formatted(sheet, DATETIME_FORMAT, _python_datetime)
    days = _formatted(sheet, DATE_FORMAT, lambda v: v)
    text = _string_cell(sheet, clean=clean)

    def write(value: Any) -> Any:
        if _missing(value):
            return None
        if isinstance(value, bool | int | float):
            return value
        if isinstance(value, datetime):
            return moments(value)
        if isinstance(value, date):
            return days(value)
        return text(value)

    return write


def _cell(sheet: Any, number_format: str | None = None, font: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _width(title: str, column: pd.Series) -> float:
    """A column wide enough for its title and its first values (CJK counts double)."""
    samples = [title, *(str(v) for v in column.head(200).tolist())]
    widest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in samples)
    return float(min(MAX_COLUMN_WIDTH, max(8, widest + 2)))


# --- CSV ----------------------------------------------------------------------------------------


def export_frame_csv(
    frame: pd.DataFrame,
    headers: Mapping[str, str],
    path: Path,
    *,
    mask_names: bool = False,
    name_columns: Collection[str] = NAME_COLUMNS,
) -> None:
    """The same table as CSV: RFC 4180 quoting, CRLF, UTF-8 with a BOM (Chinese Excel reads it).

    Text fields get the formula-safe prefix and the same masking as :func:`export_frame`;
    numbers stay plain numbers (rates as fractions, cents in the main unit with two decimals);
    unknown values are empty fields.
    """
    columns, titles = _selected(frame, headers)
    formats = []
    for column in columns:
        kind = column_kind(column, frame[column])
        formats.append(_csv_format(kind, _cleaner(column, kind, mask_names, name_columns)))
    with _atomic(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([safe_text(mask_phones_in(titles[c]), xml=False) for c in columns])
        for row in _rows(frame, columns):
            writer.writerow(
                ["" if _missing(v) else f(v) for f, v in zip(formats, row, strict=True)]
            )


def _csv_format(kind: str, clean: Clean = mask_phones_in) -> Callable[[Any], str]:
    if kind in ("id", "phone"):
        return lambda v: safe_text(clean(_id_text(v)), xml=False)
    if kind == "cents":
        return lambda v: f"{v / 100:.2f}"
    if kind == "datetime":
        return lambda v: _python_datetime(v).strftime("%Y-%m-%d %H:%M:%S")
    if kind == "date":
        return lambda v: _python_datetime(v).strftime("%Y-%m-%d")
    if kind == "count":
        return lambda v: str(int(v))
    if kind in ("rate", "number"):
        return repr_number
    return lambda v: _csv_any(v, clean)


def repr_number(value: Any) -> str:
    """A number as CSV text: whole numbers without ``.0``, others in full precision."""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def _csv_any(value: Any, clean: Clean = mask_phones_in) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr_number(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(clean(str(value)), xml=False)
