"""A recognised sheet → typed records, or an error naming the row, column and value."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from app.importers import fast, phones, values
from app.importers.context import FileHints, hints_from_name
from app.importers.detect import HEADER_SCAN_ROWS, Detection, detect
from app.importers.errors import BadValue, ImportFileError
from app.importers.kinds import KINDS, ExportKind
from app.importers.reading import (
    NARROW_AFTER,
    Limits,
    Row,
    Sheet,
    Workbook,
    preflight_workbook,
    read_workbook,
)
from app.importers.yearless import resolve_chronological, resolve_near, resolve_not_after

_TIKTOK_VIDEO = re.compile(r"/video/(\d{8,25})")


def _tiktok_video_id(raw: object) -> str | None:
    text = values.parse_text(raw)
    if text is None:
        return None
    if match := _TIKTOK_VIDEO.search(text):
        return match.group(1)
    raise BadValue(
        "a TikTok video link like https://www.tiktok.com/@shop/video/7312345678901234567"
    )


PARSERS: dict[str, Callable[[object], Any]] = {
    "text": fast.parse_text,
    "id": fast.parse_id,
    "int": fast.parse_int,
    "money": fast.parse_money_cents,
    "rate": lambda raw: values.parse_rate(raw, bare="ratio"),
    "rate_pct": lambda raw: values.parse_rate(raw, bare="percent"),
    "duration": values.parse_duration_s,
    "datetime": fast.parse_datetime,
    "date": values.parse_date,
    "bool": values.parse_bool,
    "phone": phones.parse_phone,  # masked as read: a full number never reaches the store
    "yearless": values.parse_text,  # resolved after all rows are read (needs the file's context)
    "tiktok_video_id": _tiktok_video_id,
}


class Columns:
    """Parsed rows held column by column: field → one value per row.

    Always holds ``_row`` (the Excel row of each record). A column that the file does not have
    is absent (``get`` gives None): its every value would be None.
    """

    def __init__(self, fields: dict[str, list[Any]]) -> None:
        self.fields = fields

    def __len__(self) -> int:
        return len(self.fields["_row"])

    def get(self, name: str) -> list[Any] | None:
        """The column of a field, or None when the file has no such column."""
        return self.fields.get(name)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row (field → value), as the writers of small tables take them."""
        names = list(self.fields)
        columns = self.fields.values()
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]

    @classmethod
    def from_records(cls, records: list[dict[str, Any]]) -> Columns:
        """Columns from records (the fields of every record, missing ones None)."""
        names = dict.fromkeys(["_row", *(name for record in records for name in record)])
        return cls({name: [record.get(name) for record in records] for name in names})


@dataclass
class ParsedFile:
    """A file read, recognised and normalised; nothing written yet.

    The rows are held either as ``columns`` (how normalising makes them; the order writer takes
    them so) or as ``records``, one dict per row (built on first use); asking for one form hands
    the rows over to it, so a change made through either is never lost.

    Attributes:
        path: where the file is.
        sha256: the file's hash (re-importing the same bytes changes nothing).
        detection: the recognised kind and layout.
        rows_total: data rows in the file (skipped ones included).
        skipped: total, description and empty rows left out.
        snapshot_at: the time the data stands for (newer snapshots win over older ones).
        hints: what the file name said.
        notes: assumptions the user should see (e.g. the year of year-less dates).
    """

    path: Path
    sha256: str
    detection: Detection
    rows_total: int
    skipped: int
    snapshot_at: datetime | None
    hints: FileHints
    notes: list[str] = field(default_factory=list)
    _columns: Columns | None = field(default=None, repr=False)
    _records: list[dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def records(self) -> list[dict[str, Any]]:
        """One dict per data row: canonical field → typed value, plus ``_row`` (Excel row)."""
        if self._records is None:
            self._records = self._columns.to_records() if self._columns is not None else []
            self._columns = None
        return self._records

    @records.setter
    def records(self, records: list[dict[str, Any]]) -> None:
        self._records, self._columns = records, None

    @property
    def columns(self) -> Columns:
        """The rows column by column (see :class:`Columns`)."""
        if self._columns is None:
            self._columns = Columns.from_records(self._records or [])
            self._records = None
        return self._columns

    @property
    def row_count(self) -> int:
        """How many records the file gave."""
        return len(self._columns) if self._columns is not None else len(self._records or [])

    def values_of(self, name: str) -> list[Any]:
        """Every row's value of one field (None where a row has none)."""
        if self._columns is not None:
            return self._columns.get(name) or []
        return [record.get(name) for record in self._records or []]

    @property
    def kind(self) -> str:
        """The export kind id."""
        return self.detection.kind.kind

    @property
    def platform(self) -> str:
        """The platform the rows belong to."""
        return self.detection.kind.platform

    def date_range(self) -> tuple[date, date] | None:
        """The first and last day the rows speak of."""
        days = [_as_date(low) for low, _ in self._date_bounds()]
        days += [_as_date(high) for _, high in self._date_bounds()]
        return (min(days), max(days)) if days else None

    def newest_date(self) -> datetime | None:
        """The newest date or time in the rows (a date counts as its midnight)."""
        highs = [high for _, high in self._date_bounds()]
        moments = [h if isinstance(h, datetime) else datetime.combine(h, time()) for h in highs]
        return max(moments) if moments else None

    def _date_bounds(self) -> list[tuple[date, date]]:
        """(lowest, highest) date or datetime of each date column that has any."""
        bounds = []
        for cells in map(self.values_of, DATE_FIELDS):
            found = [v for v in dict.fromkeys(cells) if isinstance(v, date)]
            by_day = [(_as_date(v), v) for v in found]
            if by_day:
                bounds.append((min(by_day, key=_first)[1], max(found, key=_moment)))
        return bounds


def _first(pair: tuple[date, Any]) -> date:
    return pair[0]


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _moment(value: date) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


DATE_FIELDS = ("paid_at", "created_at", "published_at", "day", "reviewed_at", "since")


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(
    path: Path,
    *,
    reference: date,
    limits: Limits | None = None,
    extra_kinds: Sequence[ExportKind] = (),
    watch: Callable[[float], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    isolate: bool = True,
    preflighted: bool = False,
) -> ParsedFile:
    """Read, recognise and normalise one file; raise ImportFileError on anything wrong.

    ``extra_kinds`` are recognised besides the built-in ones (the user's mapping templates).
    A big workbook is parsed in a child process unless ``isolate`` is False (see
    ``app.importers.isolated``); meanwhile ``watch`` is told the fraction done and may raise
    (``StopReading``) to cancel, and ``meanwhile`` is run once this process has nothing else to
    do (it is not run when the file is parsed here). ``preflighted``: the workbook pre-flight
    already ran (the child's parent did it).
    """
    limits = limits or Limits()
    if not preflighted:
        from app.importers import isolated

        plan = preflight_workbook(path, limits, defer_over=isolated.DEFER_SCAN_BYTES)
        if plan is not None and isolate and isolated.is_big(plan):
            return isolated.parse_in_child(
                path,
                plan,
                reference=reference,
                limits=limits,
                extra_kinds=extra_kinds,
                watch=watch,
                meanwhile=meanwhile,
            )
        if plan is not None:
            isolated.scan_with_progress(path, plan, limits, watch)
            preflighted = True
    kinds = (*KINDS, *extra_kinds) if extra_kinds else KINDS
    narrowing = partial(narrowing_for, kinds, path.name)
    workbook = read_workbook(path, limits=limits, preflighted=preflighted, narrowing=narrowing)
    detection = detect(workbook, kinds)
    try:
        columns, total, skipped = _columns(detection, path.name)
    except ImportFileError as error:
        error.kind, error.platform = detection.kind.kind, detection.kind.platform
        raise
    # The raw grid is no longer needed; on a 200,000-row file it is a few hundred MB.
    detection.sheet.rows.clear()
    parsed = ParsedFile(
        path=path,
        sha256=file_sha256(path),
        detection=detection,
        rows_total=total,
        skipped=skipped,
        snapshot_at=None,
        hints=hints_from_name(path.name),
        _columns=columns,
    )
    if detection.kind.options.get("all_sheets") == "yes":
        more, more_total, more_skipped = _other_sheets(workbook, detection, parsed.records)
        parsed.records += more
        parsed.rows_total += more_total
        parsed.skipped += more_skipped
    _resolve_yearless(parsed, reference)
    parsed.snapshot_at = _snapshot_at(parsed)
    return parsed


_SLASH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/\d{4}")


def infer_day_first(detection: Detection) -> bool | None:
    """Whether a file's d/m/y-or-m/d/y dates put the day first, judged over the whole file.

    A component above 12 decides; all-ambiguous dates with AM/PM read as US (month first).
    None when the file has no such dates.
    """
    positions = [
        detection.positions[c.field]
        for c in detection.kind.columns
        if c.parse == "datetime" and c.field in detection.positions
    ]
    rows = detection.sheet.rows[detection.header_index + 1 :]
    if not any(_may_hold_slash_dates(_cells(rows, position)) for position in positions):
        return None
    seen = am_pm = False
    for row in rows:
        for position in positions:
            cell = row[position] if position < len(row) else None
            match = _SLASH_DATE.match(str(cell)) if isinstance(cell, str) else None
            if not match:
                continue
            seen = True
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                return True
            if second > 12:
                return False
            am_pm = am_pm or cell.strip().upper().endswith(("AM", "PM"))
    return False if seen and am_pm else None


_SLASH_DATE_LINE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}", re.MULTILINE)


def _may_hold_slash_dates(cells: list[object]) -> bool:
    """False only when no cell of the column starts like ``3/4/2026`` (one search in C).

    Every cell starts a line of the joined text, so a cell that matches ``_SLASH_DATE`` matches
    there; a match elsewhere (after a line break inside a cell) only costs the exact scan.
    """
    text = "\n".join(cell for cell in cells if isinstance(cell, str))
    return "/" in text and _SLASH_DATE_LINE.search(text) is not None


def _columns(detection: Detection, file_name: str) -> tuple[Columns, int, int]:
    """The data rows under the header, parsed column by column; (columns, total, skipped).

    Gives exactly what parsing row by row would: the same rows skipped (empty, total and
    description rows, rows without the kind's ``skip_when_missing`` field) and, on bad input, the
    error of the earliest row (the first of the kind's columns within that row).
    """
    kind = detection.kind
    day_first = infer_day_first(detection)
    parsers = dict(PARSERS)
    if day_first is not None:
        parsers["datetime"] = lambda raw: values.parse_datetime(raw, day_first=day_first)
    first = detection.header_index + 1
    data = detection.sheet.rows[first:]
    offsets = _kept_offsets(data, kind)
    rows = data if len(offsets) == len(data) else [data[i] for i in offsets]
    del data
    shortest = min(map(len, rows), default=0)
    fields: dict[str, list[Any]] = {"_row": [first + 1 + i for i in offsets]}
    failures: list[tuple[int, int, ImportFileError]] = []
    for order, column in enumerate(kind.columns):
        position = detection.positions.get(column.field)
        cells = _cells(rows, position, shortest)
        parsed, failed = fast.parse_column(parsers[column.parse], cells)
        fields[column.field] = parsed
        if failed is not None:
            index, exc = failed
            raw = cells[index]
            failures.append(
                (
                    index,
                    order,
                    ImportFileError(
                        exc.detail or f"This cell cannot be read as {exc.expected}.",
                        file=file_name,
                        row=fields["_row"][index],
                        column=detection.header_of(column.field),
                        value="" if raw is None else str(raw),
                        expected=exc.expected,
                    ),
                )
            )
        if column.required and (missing := _first_none(parsed)) is not None:
            failures.append(
                (
                    missing,
                    order,
                    ImportFileError(
                        "A required cell is empty.",
                        file=file_name,
                        row=fields["_row"][missing],
                        column=detection.header_of(column.field),
                        expected=f"a value for {column.headers[0]}",
                    ),
                )
            )
    if failures:
        raise min(failures, key=lambda failure: failure[:2])[2]
    skipped = len(detection.sheet.rows) - first - len(rows)
    skip_missing = kind.options.get("skip_when_missing")
    if skip_missing and None in fields.get(skip_missing, [None]):
        present = fields.get(skip_missing, [None] * len(rows))
        keep = [i for i, value in enumerate(present) if value is not None]
        skipped += len(rows) - len(keep)
        fields = {name: [cells[i] for i in keep] for name, cells in fields.items()}
    return Columns(fields), len(detection.sheet.rows) - first, skipped


def _first_none(cells: list[Any]) -> int | None:
    try:
        return cells.index(None)
    except ValueError:
        return None


def _cells(rows: list[list[object]], position: int | None, shortest: int = 0) -> list[object]:
    """One column of the rows (None where the file has no such column or a row is short).

    ``shortest`` is the length of the shortest row, when known.
    """
    if position is None:
        return [None] * len(rows)
    if position < shortest:
        return list(map(itemgetter(position), rows))
    return [row[position] if position < len(row) else None for row in rows]


def _kept_offsets(data: list[list[object]], kind: ExportKind) -> list[int]:
    """Offsets of the data rows that are neither empty, a total row nor the description row.

    A row whose first cell holds text is not empty, and that cell alone decides whether it is a
    total row: the checks of those rows (nearly all) are made once per distinct first cell.
    """
    markers = kind.skip_first_cells
    plain_digits_count = not any(marker.strip().isdigit() for marker in markers)
    verdicts: dict[str, bool] = {}  # first cell → the row is skipped
    kept = []
    for offset, row in enumerate(data):
        head = row[0] if row else None
        if type(head) is str and plain_digits_count and head.strip().isdigit():
            pass  # digits (an order number …): neither empty, null nor a total marker
        elif type(head) is str and head.strip():
            skip = verdicts.get(head)
            if skip is None:
                skip = verdicts[head] = _first_cell_may_skip(head, markers)
            if skip and _is_empty(row):
                continue
            if skip and _is_total(row, markers):
                continue
        elif _is_empty(row) or _is_total(row, markers):
            continue
        if offset == 0 and _is_description(row, kind.description_hints):
            continue
        kept.append(offset)
    return kept


def _first_cell_may_skip(head: str, markers: tuple[str, ...]) -> bool:
    """Whether a row starting with this (non-blank) text may still be skipped, as empty or a
    total row: only then does ``_kept_offsets`` look at the rest of the row."""
    return _is_empty([head]) or _is_total([head], markers)


def narrowing_for(
    kinds: tuple[ExportKind, ...], file_name: str, head: list[Row]
) -> Callable[[Row], Row] | None:
    """How to narrow the later rows of a CSV or one-sheet workbook, given its first ones
    (``read_workbook``'s hook).

    When the first rows show which export this is, a later row whose first cell alone keeps it
    (``_kept_offsets``: text that is neither blank, a null marker nor a total marker; nearly
    every row of an export) has the cells of the columns the kind does not read replaced by
    ``""``, as the row is read: ``_columns`` makes exactly what it would of the whole row, and
    a 200,000-line, 75-column 抖店 CSV holds ~500 MB less. Other rows stay whole.
    """
    assert NARROW_AFTER > HEADER_SCAN_ROWS  # detection and the description row see whole rows
    try:
        detection = detect(Workbook(file_name, "csv", None, [Sheet("", head)]), kinds)
    except ImportFileError:
        return None  # not recognised here: read whole, and the real detection says why
    used = {0, *detection.positions.values()}
    markers = detection.kind.skip_first_cells
    decisive: dict[str, bool] = {}  # first cell → it alone keeps the row
    getters: dict[int, Callable[[Row], tuple[object, ...]]] = {}

    def narrow(row: Row) -> Row:
        head = row[0] if row else None
        if type(head) is not str or len(row) < 2:
            return row
        keeps = decisive.get(head)
        if keeps is None:  # as _kept_offsets decides: kept whatever the rest of the row holds
            keeps = decisive[head] = bool(head.strip()) and not _first_cell_may_skip(head, markers)
        if not keeps:
            return row
        width = len(row)
        getter = getters.get(width)
        if getter is None:  # a cell of an unread column → the "" appended at index ``width``
            getter = getters[width] = itemgetter(*(i if i in used else width for i in range(width)))
        return list(getter(row + [""]))

    return narrow


def _other_sheets(
    workbook: Workbook, detection: Detection, records: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int, int]:
    """For kinds spread over several sheets (小红书 近30日 trends): every sheet of the same table.

    Records carry ``_sheet``, the sheet they came from; sheets of another shape are left out.
    """
    for record in records:
        record["_sheet"] = detection.sheet.name
    more: list[dict[str, Any]] = []
    total = skipped = 0
    for sheet in workbook.sheets:
        if sheet is detection.sheet:
            continue
        single = Workbook(workbook.file_name, workbook.container, workbook.encoding, [sheet])
        try:
            other = detect(single, (detection.kind,))
        except ImportFileError:
            continue  # not this table (a summary sheet, notes …)
        sheet_columns, sheet_total, sheet_skipped = _columns(other, workbook.file_name)
        sheet_records = sheet_columns.to_records()
        for record in sheet_records:
            record["_sheet"] = sheet.name
        more += sheet_records
        total += sheet_total
        skipped += sheet_skipped
    return more, total, skipped


def _is_empty(row: list[object]) -> bool:
    for cell in row:
        if cell is None:
            continue
        if type(cell) is not str or (cell.strip() and not values.is_null(values.clean_text(cell))):
            return False
    return True


def _is_total(row: list[object], markers: tuple[str, ...]) -> bool:
    if not markers:
        return False
    first = next((values.clean_text(c) for c in row if c not in (None, "")), "")
    return first in markers


def _is_description(row: list[object], hints: tuple[str, ...]) -> bool:
    if not hints:
        return False
    text = " ".join(str(c) for c in row if c is not None).casefold()
    return any(h in text for h in hints)


# --- Year-less dates (TikTok Studio) ------------------------------------------------------------


def _resolve_yearless(parsed: ParsedFile, reference: date) -> None:
    columns = [c.field for c in parsed.detection.kind.columns if c.parse == "yearless"]
    if not columns:
        return
    context = parsed.hints.exported_at.date() if parsed.hints.exported_at else None
    context = context or parsed.hints.dated or reference
    try:
        if "snapshot" in columns:
            _resolve_content(parsed, context)
        else:
            _resolve_daily(parsed, context)
    except BadValue as exc:
        raise ImportFileError(
            exc.detail or "A date cannot be read.", file=parsed.path.name, expected=exc.expected
        ) from None
    years = sorted({v.year for r in parsed.records for k, v in r.items() if k in columns and v})
    if years:
        span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
        parsed.notes.append(
            f"Dates in this file have no year; ShopReel read them as {span} "
            f"(judged from {context.isoformat()})."
        )


def _resolve_content(parsed: ParsedFile, context: date) -> None:
    for record in parsed.records:
        snapshot = resolve_near(record.get("snapshot"), context)
        record["snapshot"] = datetime.combine(snapshot, time()) if snapshot else None
        limit = snapshot or context
        posted = resolve_not_after(record.get("published_at"), limit)
        record["published_at"] = datetime.combine(posted, time()) if posted else None


def _resolve_daily(parsed: ParsedFile, context: date) -> None:
    days = resolve_chronological([r.get("day") for r in parsed.records], context)
    for record, day in zip(parsed.records, days, strict=True):
        record["day"] = day


# --- Snapshot time ------------------------------------------------------------------------------


def _snapshot_at(parsed: ParsedFile) -> datetime | None:
    snapshots = [v for v in parsed.values_of("snapshot") if v]
    if snapshots:
        return max(snapshots)
    if parsed.hints.exported_at:
        return parsed.hints.exported_at
    if parsed.hints.dated:
        return datetime.combine(parsed.hints.dated, time(23, 59, 59))
    return parsed.newest_date()
