"""The reading layer: any export file → a list of sheets of raw cells, safely.

``read_workbook`` sniffs the container by its magic bytes (never the extension), checks zips for
hostile content before any parser sees them (``app.importers.sniff``), and returns raw cells:

* text (CSV/TSV, and HTML tables saved as .xls): every cell a ``str`` exactly as in the file
  except for the CSV quoting: no stripping, no type guessing (the value layer does that);
* workbooks (.xlsx via python-calamine, legacy .xls via python-calamine): ``str``/``int``/
  ``float``/``bool``/``datetime``/``date``/``time`` (and ``timedelta`` for duration-formatted
  cells) as calamine returns them; an empty cell is ``""``. Rows start at A1, so a row's index + 1
  is the row number Excel shows.

Trailing empty rows are removed; rows may be ragged for text files. It raises only
``ImportFileError``, with ``file`` set to the file's base name.
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum

from app.importers import pieces
from app.importers.errors import ImportFileError, StopReading
from app.importers.sniff import (
    DAMAGED,
    MB,
    ZipPlan,
    check_ole_header,
    decode_text,
    human_size,
    preflight_zip,
    sniff_container,
    sniff_delimiter,
)

__all__ = [
    "Limits",
    "Sheet",
    "Workbook",
    "file_errors",
    "preflight_workbook",
    "read_workbook",
]


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[object]]


@dataclass(frozen=True)
class Workbook:
    file_name: str  # base name of the file
    container: str  # "csv" | "xlsx" | "xls" | "html"
    encoding: str | None  # text containers: the codec that decoded the text
    sheets: list[Sheet]


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or oversized file from exhausting memory."""

    max_file_bytes: int = 300 * MB
    max_uncompressed_bytes: int = 1024 * MB  # sum of the declared sizes of a zip's members
    max_compression_ratio: int = 100  # per zip member, for members over 1 MB unpacked
    max_rows: int = 2_000_000  # per sheet
    max_columns: int = 500
    max_cells: int = 60_000_000  # per sheet


_DEFAULT_LIMITS = Limits()


# Rows a ``Narrowing`` sees whole before it decides how to narrow the rest.
NARROW_AFTER = 32

Row = list[object]
# Given a sheet's first ``NARROW_AFTER`` rows: what to apply to each later row (None: keep
# them whole). See ``read_workbook``.
Narrowing = Callable[[list[Row]], Callable[[Row], Row] | None]


def read_workbook(
    path: Path,
    *,
    limits: Limits = _DEFAULT_LIMITS,
    preflighted: bool = False,
    narrowing: Narrowing | None = None,
    first_rows: int | None = None,
) -> Workbook:
    """Read any supported export into raw sheets; raises only ``ImportFileError``.

    ``preflighted``: the caller already ran the workbook pre-flight (``preflight_workbook``),
    so a workbook goes straight to calamine. ``narrowing``: for a CSV or a one-sheet workbook,
    shown its first ``NARROW_AFTER`` rows, may return a function applied to every later row
    as it is read (the caller blanks the cells of columns it will not read: a 75-column export
    then holds a third of the objects). Rows keep their length and position.
    ``first_rows``: keep only that many rows of each sheet (a preview: a big CSV or one-sheet
    workbook is not read further), and do not refuse a file whose first rows are all blank.
    """
    path = Path(path)
    with file_errors(path.name):
        book = _read(path, path.name, limits, preflighted, _Take(narrowing, first_rows))
        return book if first_rows is not None else _finish(book)


@contextmanager
def file_errors(name: str) -> Iterator[None]:
    """Turn whatever reading the file raises into an ``ImportFileError`` that names it."""
    try:
        yield
    except StopReading:
        raise
    except ImportFileError as exc:
        if exc.file is None:
            exc.file = name
        raise
    except MemoryError:
        raise ImportFileError(
            "the file is too large to open on this computer: export a shorter date range",
            file=name,
        ) from None
    except FileNotFoundError:
        raise ImportFileError("the file was not found: it may have been moved", file=name) from None
    except IsADirectoryError:
        raise ImportFileError("this is a folder, not a file", file=name) from None
    except PermissionError:
        raise ImportFileError(
            "the file cannot be opened: close it in Excel or WPS (or check its permissions) and"
            " try again",
            file=name,
        ) from None
    except OSError as exc:
        raise ImportFileError(
            f"the file could not be read ({exc.strerror or exc}): copy it to a local folder and"
            " try again",
            file=name,
        ) from exc
    except BaseException as exc:
        # pyo3 turns a Rust panic into PanicException, a BaseException: catch it too, but never
        # swallow Ctrl+C or interpreter exit.
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise ImportFileError(
            f"the file could not be read; it may be damaged ({type(exc).__name__}): open it in"
            " Excel and save it again, or export it again",
            file=name,
        ) from exc


def preflight_workbook(
    path: Path, limits: Limits = _DEFAULT_LIMITS, *, defer_over: float = float("inf")
) -> ZipPlan | None:
    """The pre-flight of a workbook (.xlsx, .xls), or None for text and zipped CSVs.

    Refuses (``ImportFileError``) what the checks refuse. Big sheets' cell scans are left in
    ``plan.deferred`` (see ``preflight_zip``): run ``scan_deferred`` before any parser in this
    process sees the file.
    """
    path = Path(path)
    with file_errors(path.name):
        size = path.stat().st_size
        if size == 0 or size > limits.max_file_bytes:
            return None  # read_workbook words these
        with path.open("rb") as handle:
            head = handle.read(512)
        container = sniff_container(head[:8])
        if container == "ole":
            check_ole_header(head, size)
            return ZipPlan("xls", sheet_bytes=size)
        if container != "zip":
            return None
        plan = preflight_zip(path, limits, defer_over=defer_over)
        return plan if plan.kind == "xlsx" else None


@dataclass(frozen=True)
class _Take:
    """What of each sheet's rows to keep (``read_workbook``'s ``narrowing`` and ``first_rows``)."""

    narrowing: Narrowing | None = None
    first_rows: int | None = None

    def rows(self, rows: Iterator[Row], *, most: int = sys.maxsize) -> list[Row]:
        """The rows to keep of ``rows`` as they are read: at most ``most`` (and ``first_rows``),
        narrowed (see ``_narrowed``)."""
        count = most if self.first_rows is None else min(most, self.first_rows)
        return _narrowed(rows, self.narrowing, count)

    def kept(self, rows: list[Row]) -> list[Row]:
        """``rows`` read whole already: the first ``first_rows`` of them, in place."""
        del rows[self.first_rows or len(rows) :]
        return rows

    @property
    def streamed(self) -> bool:
        """Whether rows are better taken as they are read than all at once."""
        return self.narrowing is not None or self.first_rows is not None


_WHOLE = _Take()


def _read(
    path: Path, name: str, limits: Limits, preflighted: bool = False, take: _Take = _WHOLE
) -> Workbook:
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError("the file is empty: export it again from the platform")
    if size > limits.max_file_bytes:
        raise ImportFileError(
            f"the file is too large ({human_size(size)}); the limit is"
            f" {human_size(limits.max_file_bytes)}: export a shorter date range"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    kind = sniff_container(head)
    if kind == "zip":
        plan = ZipPlan("xlsx") if preflighted else preflight_zip(path, limits)
        if plan.kind == "csvzip":
            return _read_csv_zip(path, name, plan.csv_members, limits, take)
        try:
            cut = _read_cut(path, limits, take)
            sheets = [cut] if cut is not None else _read_calamine(path, limits, take)
        except PasswordError:
            raise ImportFileError(_PASSWORD) from None
        except CalamineError as exc:
            raise ImportFileError(
                f"the workbook could not be read ({exc}): open it in Excel and save it again, or"
                " export it again"
            ) from exc
        return Workbook(name, "xlsx", None, sheets)
    if kind == "ole":
        if not preflighted:
            with path.open("rb") as handle:
                check_ole_header(handle.read(512), size)
        return Workbook(name, "xls", None, _read_xls(path, limits, take))
    return _read_text(path, name, limits, take)


def _finish(book: Workbook) -> Workbook:
    if not any(sheet.rows for sheet in book.sheets):
        raise ImportFileError("the file holds no data: export it again from the platform")
    return book


# --------------------------------------------------------------------------- rows


def _blank(cell: object) -> bool:
    return cell is None or cell == ""


def _trim(rows: list[list[object]]) -> list[list[object]]:
    """Drop fully empty trailing rows, in place."""
    while rows and all(_blank(cell) for cell in rows[-1]):
        rows.pop()
    return rows


def _check_rows(name: str, rows: list[list[object]], limits: Limits) -> None:
    if len(rows) > limits.max_rows:
        raise ImportFileError(_too_many_rows(len(rows), limits))
    width = max(map(len, rows), default=0)
    if width > limits.max_columns:
        raise ImportFileError(
            f"too many columns ({width:,}) in {name!r}; the limit is {limits.max_columns:,}:"
            " export only the columns you need"
        )
    cells = sum(map(len, rows))
    if cells > limits.max_cells:
        raise ImportFileError(
            f"{name!r} is too large ({cells:,} cells); the limit is {limits.max_cells:,} cells:"
            " export a shorter date range or split the file"
        )


def _too_many_rows(count: int, limits: Limits) -> str:
    return (
        f"too many rows ({count:,}); the limit is {limits.max_rows:,}: export a shorter date range"
        " or split the file"
    )


# --------------------------------------------------------------------------- text


_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_SPREADSHEET_ML = "urn:schemas-microsoft-com:office:spreadsheet"
_LEADING_BLANK = re.compile(r"[\ufeff \t\r\n]*")
# Lines with their ending, split like a newline="" file: at \r\n, \r or \n and nowhere else.
# Feeding csv.reader from this (not io.StringIO, which keeps a 4-byte-per-character copy of the
# whole text) saves ~200 MB of peak memory on a 72 MB CSV at the same speed.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _read_text(path: Path, name: str, limits: Limits, take: _Take = _WHOLE) -> Workbook:
    data = path.read_bytes()
    text, codec = decode_text(data)
    del data  # the decoded text is all that is needed from here on
    start = _LEADING_BLANK.match(text).end()
    if start == len(text):
        raise ImportFileError("the file is empty: export it again from the platform")
    if text.startswith("<", start):
        if _TABLE.search(text):
            return Workbook(name, "html", codec, _read_html(text, limits, take))
        if _SPREADSHEET_ML in text[:4096]:
            raise ImportFileError(
                "this is an Excel 2003 XML spreadsheet: open it in Excel and save it as .xlsx"
            )
    return Workbook(name, "csv", codec, [_parse_csv(text, path.stem, limits, take)])


def _parse_csv(text: str, sheet_name: str, limits: Limits, take: _Take = _WHOLE) -> Sheet:
    lines = (match.group() for match in _LINE.finditer(text))
    reader = csv.reader(lines, delimiter=sniff_delimiter(text))
    try:
        rows = take.rows(reader, most=limits.max_rows + 1)
        if len(rows) > limits.max_rows:
            # Over the cap unless only blank lines follow: count the rest without keeping it.
            position = len(rows)
            last = len(_trim(rows))
            for row in reader:
                position += 1
                if any(row):
                    last = position
            if last > limits.max_rows:
                raise ImportFileError(_too_many_rows(last, limits))
    except csv.Error as exc:
        raise ImportFileError(
            f"the CSV text is malformed near line {reader.line_num} ({exc}): export it again"
        ) from None
    _trim(rows)
    _check_rows(sheet_name, rows, limits)
    return Sheet(sheet_name, rows)


def _narrowed(rows: Iterator[Row], narrowing: Narrowing | None, count: int) -> list[Row]:
    """Up to ``count`` rows; those after the first ``NARROW_AFTER`` narrowed as ``narrowing``
    decides from the first ones (see ``read_workbook``)."""
    head = list(itertools.islice(rows, min(NARROW_AFTER, count)))
    narrow = narrowing(head) if narrowing is not None else None
    rest = itertools.islice(rows, max(count - len(head), 0))
    head += map(narrow, rest) if narrow is not None else rest
    return head


def _read_csv_zip(
    path: Path, name: str, members: list[str], limits: Limits, take: _Take = _WHOLE
) -> Workbook:
    """A zip of CSVs (TikTok Studio downloads one): each member becomes a sheet."""
    sheets: list[Sheet] = []
    codecs_used: list[str] = []
    try:
        with zipfile.ZipFile(path) as zf:
            for member in members:
                data = zf.read(member)
                stem = Path(member).stem
                if not data:
                    sheets.append(Sheet(stem, []))
                    continue
                text, codec = decode_text(data)
                codecs_used.append(codec)
                sheets.append(_parse_csv(text, stem, limits, replace(take, narrowing=None)))
    except (zipfile.BadZipFile, EOFError, NotImplementedError):
        raise ImportFileError(DAMAGED) from None
    return Workbook(name, "csv", codecs_used[0] if codecs_used else None, sheets)


# --------------------------------------------------------------------------- HTML tables


class _TableParser(HTMLParser):
    """Each <table> a sheet, <tr> rows, <td>/<th> cells; colspan repeated as empty cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[object]]] = []
        self._open: list[list[list[object]]] = []  # the stack of open tables
        self._cell: list[str] | None = None
        self._span = 1
        self._cells: list[tuple[list[str] | None, int]] = []  # outer cells of nested tables

    def _close_cell(self) -> None:
        if self._cell is not None and self._open:
            table = self._open[-1]
            if not table:
                table.append([])
            table[-1].append("".join(self._cell))
            table[-1].extend([""] * (self._span - 1))
        self._cell = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table: list[list[object]] = []
            self.tables.append(table)
            self._open.append(table)
            self._cells.append((self._cell, self._span))
            self._cell = None
        elif not self._open:
            return
        elif tag == "tr":
            self._close_cell()
            self._open[-1].append([])
        elif tag in ("td", "th"):
            self._close_cell()
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = min(int(span), 1000) if span.strip().isdigit() else 1
            self._span = max(self._span, 1)
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def finish(self) -> None:
        """Close whatever the file left open (HTML allows omitting </td>, </tr>, </table>)."""
        while self._open:
            self.handle_endtag("table")

    def handle_endtag(self, tag: str) -> None:
        if not self._open:
            return
        if tag in ("td", "th", "tr"):
            self._close_cell()
        elif tag == "table":
            self._close_cell()
            self._open.pop()
            self._cell, self._span = self._cells.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _read_html(text: str, limits: Limits, take: _Take = _WHOLE) -> list[Sheet]:
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:  # html.parser's reaction to a malformed marked section
        raise ImportFileError("the HTML table is malformed: export the file again") from None
    parser.finish()
    sheets = []
    for number, rows in enumerate(parser.tables, start=1):
        name = f"Table{number}"
        take.kept(rows)
        _trim(rows)
        _check_rows(name, rows, limits)
        sheets.append(Sheet(name, rows))
    return sheets


# --------------------------------------------------------------------------- workbooks


def _read_calamine(path: Path, limits: Limits, take: _Take = _WHOLE) -> list[Sheet]:
    """Every worksheet of an xlsx (already through the pre-flight) or xls, in order.

    A workbook of one worksheet is narrowed (``read_workbook``) as calamine hands its rows over.
    """
    sheets = []
    with CalamineWorkbook.from_path(str(path)) as book:
        worksheets = [
            (index, meta.name)
            for index, meta in enumerate(book.sheets_metadata)
            if meta.typ in (SheetTypeEnum.WorkSheet,)  # chart, dialog and macro sheets: no table
        ]
        # Only a workbook of one worksheet is narrowed.
        sheet_take = take if len(worksheets) == 1 else replace(take, narrowing=None)
        for index, name in worksheets:
            sheet = book.get_sheet_by_index(index)
            if sheet_take.streamed and _from_column_a(sheet.start):
                # iter_rows gives the rows to_python(skip_empty_area=False) gives when the used
                # range starts in column A (it leaves out the columns before the range's first).
                rows = sheet_take.rows(sheet.iter_rows())
            else:
                rows = sheet_take.kept(sheet.to_python(skip_empty_area=False))
            _trim(rows)
            _check_rows(name, rows, limits)
            sheets.append(Sheet(name, rows))
    return sheets


def _read_cut(path: Path, limits: Limits, take: _Take) -> Sheet | None:
    """The one big worksheet of an xlsx read in pieces (``app.importers.pieces``: calamine never
    holds the whole sheet), or None to read the workbook whole."""
    target = pieces.sheet_to_cut(path)
    if target is None:
        return None
    name, part = target
    try:
        # closing: reading the first rows only stops the piece writer and removes its files now
        with closing(pieces.read_in_pieces(path, part)) as cut:
            rows = take.rows(cut)
    except pieces.Uncuttable:
        return None
    pieces.pad_rows(rows)
    _trim(rows)
    _check_rows(name, rows, limits)
    return Sheet(name, rows)


def _from_column_a(start: tuple[int, int] | None) -> bool:
    return start is None or start[1] == 0


_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PASSWORD = "the file is password-protected: save it without a password, then import it"


def _read_xls(path: Path, limits: Limits, take: _Take = _WHOLE) -> list[Sheet]:
    """A legacy .xls (BIFF in an OLE2 container), or an encrypted workbook.

    A BIFF8 sheet cannot exceed 65,536 rows × 256 columns, inside every default limit, so the
    format itself bounds what calamine allocates per sheet; the row cap is checked after reading.
    """
    try:
        return _read_calamine(path, limits, replace(take, narrowing=None))
    except PasswordError:
        raise ImportFileError(_PASSWORD) from None
    except (ImportFileError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's CFB reader can panic (a BaseException) on junk
        if _ENCRYPTED in path.read_bytes():
            raise ImportFileError(_PASSWORD) from None
        raise ImportFileError(
            "this Excel 97-2003 (.xls) file could not be read (it may be damaged, or a WPS .et"
            " file): open it in Excel or WPS, save it as .xlsx and import that"
        ) from exc
