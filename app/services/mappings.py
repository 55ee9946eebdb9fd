"""Column-mapping templates: save, list and delete them; preview a file read through a mapping.

The mapping dialog shows :func:`preview_mapping` live while the user picks columns, then calls
:func:`save_template`. From then on :func:`app.services.imports.import_files` recognises files of
that layout through :func:`template_kinds`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db import Store
from app.importers.errors import BadValue, ImportFileError
from app.importers.headers import display_header, header_key
from app.importers.kinds import ExportKind
from app.importers.mapping import (
    FIELDS,
    TARGETS,
    TOTAL_MARKERS,
    Template,
    build_kind,
    from_row,
    mapping_json,
    missing_fields,
    template_kind,
    vocabulary,
)
from app.services.tables import Money

if TYPE_CHECKING:
    from app.importers.reading import Limits

HEADER_SCAN_ROWS = 10  # as app.importers.detect: a template's header row must be among these
PREVIEW_ROWS = 20
_KEPT_ROWS = HEADER_SCAN_ROWS + 2 * PREVIEW_ROWS  # room for blank and total rows in the preview
log = logging.getLogger(__name__)
UNRECOGNISED = "not an export ShopReel recognises"  # app.importers.detect's rejection
# Cell errors of the mapping preview (app.views.import_errors translates them).
CELL_UNREADABLE = "This cell cannot be read."
REQUIRED_CELL_EMPTY = "A required cell is empty."
ORDER_ON_TWO_ROWS = (
    "This order number is on row %1 too. With no order-line column, "
    "each row must be one whole order: map the order-line column."
)


class MappingError(ValueError):
    """A mapping that cannot be saved as it is; the message says why, for the user."""


def is_unrecognised(error: ImportFileError | None) -> bool:
    """True when a file was rejected only because no export kind or template recognises it."""
    return error is not None and UNRECOGNISED in error.message


# Templates -------------------------------------------------------------------------------------


def save_template(
    store: Store,
    name: str,
    target: str,
    platform: str,
    headers: Sequence[str],
    mapping: Mapping[str, str],
    currency: str = "CNY",
) -> Template:
    """Save a mapping as a template; files with these mapped headers are then recognised.

    A template with the same target and the same mapped headers is replaced (two templates for
    one layout could not be told apart).

    Raises:
        MappingError: unknown target or field, a required field unmapped, a header not in the row.
    """
    from sqlalchemy import select

    from app.models import MappingTemplate

    fields = _checked(name, target, platform, headers, mapping)
    signature = _signature(fields)
    with store.session_scope() as session:
        row = next(
            (
                r
                for r in session.scalars(
                    select(MappingTemplate).where(MappingTemplate.target == target)
                )
                if _signature(from_row(r).fields) == signature
            ),
            None,
        )
        if row is None:
            row = MappingTemplate()
            session.add(row)
        row.name, row.target, row.platform = name.strip(), target, platform
        row.headers = _json_list([display_header(h) for h in headers])
        row.mapping = mapping_json(fields, currency)
        session.flush()
        return from_row(row)


def _checked(
    name: str, target: str, platform: str, headers: Sequence[str], mapping: Mapping[str, str]
) -> dict[str, str]:
    if target not in TARGETS:
        raise MappingError(f"ShopReel cannot store {target!r} rows from a mapped table.")
    if not name.strip():
        raise MappingError("Give the template a name.")
    if not platform or len(platform) > 20:
        raise MappingError("Choose the platform the rows come from.")
    known = {f.name for f in FIELDS[target]}
    fields = {k: display_header(v) for k, v in mapping.items() if v and display_header(v)}
    if unknown := sorted(set(fields) - known):
        raise MappingError(f"{target} have no field {', '.join(unknown)}.")
    if missing := missing_fields(target, fields):
        raise MappingError(f"Map a column to {', '.join(missing)}.")
    present = {header_key(h) for h in headers}
    if absent := [h for h in fields.values() if header_key(h) not in present]:
        raise MappingError(f"The header row has no column {absent[0]!r}.")
    return fields


def _signature(fields: Mapping[str, str]) -> frozenset[str]:
    return frozenset(header_key(h) for h in fields.values())


def _json_list(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def list_templates(store: Store) -> list[Template]:
    """Every saved template, oldest first."""
    from sqlalchemy import select

    from app.models import MappingTemplate

    templates = []
    with store.session_scope() as session:
        for row in session.scalars(select(MappingTemplate).order_by(MappingTemplate.id)):
            try:
                templates.append(from_row(row))
            except (ValueError, TypeError, AttributeError):
                # A damaged row must not stop every import; its layout is simply unknown.
                log.warning("mapping template %s cannot be read; ignored", row.id)
    return templates


def delete_template(store: Store, template_id: int) -> bool:
    """Forget a template (its layout is unknown again); imports made through it stay."""
    from app.models import MappingTemplate

    with store.session_scope() as session:
        row = session.get(MappingTemplate, template_id)
        if row is None:
            return False
        session.delete(row)
        return True


def template_kinds(store: Store) -> tuple[ExportKind, ...]:
    """The export kinds of the saved templates, for detection."""
    return tuple(template_kind(t) for t in list_templates(store) if t.target in TARGETS)


# A file's first rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileLayout:
    """The first rows of a file's table: enough to choose the header row and preview a mapping.

    Attributes:
        path: the file.
        sheet: the sheet the rows come from (a CSV's one sheet included).
        rows: the sheet's first rows, raw cells.
        header_index: 0-based row of the likely header (the user may choose another).
    """

    path: Path
    sheet: str
    rows: list[list[object]]
    header_index: int

    def headers(self, header_index: int | None = None) -> list[str]:
        """A row's cells as printed (the header row by default)."""
        index = self.header_index if header_index is None else header_index
        return [display_header(c) for c in self.rows[index]] if index < len(self.rows) else []


def read_layout(path: Path, *, limits: Limits | None = None) -> FileLayout:
    """The first rows of the first sheet with a table; raises ImportFileError if unreadable."""
    from app.importers.reading import Limits, read_workbook

    # Only the first rows: a 200,000-line export is not read (nor held) just to show its head.
    workbook = read_workbook(path, limits=limits or Limits(), first_rows=_KEPT_ROWS)
    for sheet in workbook.sheets:
        head = sheet.rows[:HEADER_SCAN_ROWS]
        if any(_filled(row) >= 2 for row in head):
            rows = [list(r) for r in sheet.rows[:_KEPT_ROWS]]
            return FileLayout(Path(path), sheet.name, rows, guess_header_row(rows))
    raise ImportFileError(
        "This file has no table to map: none of its first rows has two filled cells.",
        file=workbook.file_name,
    )


def guess_header_row(rows: Sequence[Sequence[object]]) -> int:
    """The likely header among the first rows: most known headers, then most text cells."""
    known = vocabulary()

    def score(index: int) -> tuple[int, int, int]:
        row = rows[index]
        hits = sum(1 for c in row if c not in (None, "") and header_key(c) in known)
        texts = sum(1 for c in row if isinstance(c, str) and c.strip())
        return (hits, texts, -index)

    scanned = range(min(len(rows), HEADER_SCAN_ROWS))
    return max(scanned, key=score, default=0)


def _filled(row: Sequence[object]) -> int:
    return sum(1 for c in row if c is not None and str(c).strip())


# Live preview ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewCell:
    """One cell read through the mapping: its text in the file, the value, or why it failed."""

    raw: str
    value: Any = None
    error: str | None = None
    # The error in parts, for the views to translate: a fixed text (``%1`` for detail_arg) and
    # what was expected.
    detail: str | None = None
    detail_arg: str = ""
    expected: str | None = None


@dataclass(frozen=True)
class PreviewRow:
    """A data row: the row number Excel shows, and one cell per mapped field."""

    row: int
    cells: tuple[PreviewCell, ...]


@dataclass(frozen=True)
class Preview:
    """The first data rows of a file read through a mapping, errors in the cells (never raised).

    Attributes:
        fields: the mapped fields, in the target's field order.
        headers: the file's header of each field.
        required: which of ``fields`` are required.
        rows: the first data rows (blank and total rows left out).
        problems: what stops the mapping from working at all (unmapped required field …).
    """

    fields: tuple[str, ...]
    headers: tuple[str, ...]
    required: tuple[bool, ...]
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def error_count(self, *, required_only: bool = False) -> int:
        """Cells that cannot be read (in required fields only, if asked)."""
        return sum(
            1
            for r in self.rows
            for cell, required in zip(r.cells, self.required, strict=True)
            if cell.error and (required or not required_only)
        )

    @property
    def ok(self) -> bool:
        """The mapping can be saved: no problems, every required cell read."""
        return not self.problems and self.error_count(required_only=True) == 0


def preview_mapping(
    source: Path | FileLayout,
    target: str,
    mapping: Mapping[str, str],
    *,
    header_index: int | None = None,
    currency: str = "CNY",
    limit: int = PREVIEW_ROWS,
) -> Preview:
    """Read a file's first data rows as the mapping would import them, for the live preview.

    Args:
        source: the file, or its first rows already read.
        target: ``orders`` or ``customers``.
        mapping: field → the header of the column that holds it (unmapped fields left out).
        header_index: 0-based header row (default: the guessed one).
        currency: for amounts that name no currency.
        limit: how many data rows to read.

    Returns:
        The rows with each cell's value or error; problems that concern the whole mapping.
    """
    from app.importers.normalise import PARSERS

    layout = source if isinstance(source, FileLayout) else read_layout(source)
    index = layout.header_index if header_index is None else header_index
    fields = {k: v for k, v in mapping.items() if v}
    kind = build_kind(Template(0, "", target, "", (), fields, currency))
    shown = [c for c in kind.columns if c.field in fields]
    header_row = layout.rows[index] if index < len(layout.rows) else []
    keys = [header_key(c) for c in header_row]
    problems = [f"Map a column to {name}." for name in missing_fields(target, fields)]
    positions: dict[str, int | None] = {}
    for column in shown:
        found = [i for i, key in enumerate(keys) if key == column.keys[0]]
        if not found:
            problems.append(f"The header row has no column {column.headers[0]!r}.")
        elif len(found) > 1:
            problems.append(
                f"The column {column.headers[0]!r} appears {len(found)} times; "
                "ShopReel cannot tell which one to use."
            )
        positions[column.field] = found[0] if len(found) == 1 else None
    seen_orders: dict[str, int] = {}
    rows: list[PreviewRow] = []
    for offset, raw_row in enumerate(layout.rows[index + 1 :]):
        if len(rows) >= limit:
            break
        if _filled(raw_row) == 0 or _first_text(raw_row) in TOTAL_MARKERS:
            continue
        excel_row = index + 2 + offset
        cells = []
        for column in shown:
            position = positions[column.field]
            raw = raw_row[position] if position is not None and position < len(raw_row) else None
            cell = _read_cell(PARSERS[column.parse], raw, column.required, currency)
            if (
                column.field == "order_no"
                and kind.options.get("line_key_from") == "order_no"
                and cell.value is not None
            ):
                first = seen_orders.setdefault(cell.value, excel_row)
                if first != excel_row:
                    error = ORDER_ON_TWO_ROWS.replace("%1", str(first))
                    cell = PreviewCell(cell.raw, cell.value, error, ORDER_ON_TWO_ROWS, str(first))
            cells.append(cell)
        rows.append(PreviewRow(excel_row, tuple(cells)))
    return Preview(
        fields=tuple(c.field for c in shown),
        headers=tuple(c.headers[0] for c in shown),
        required=tuple(c.required for c in shown),
        rows=rows,
        problems=problems,
    )


def _read_cell(parse: Any, raw: object, required: bool, currency: str) -> PreviewCell:
    text = _cell_text(raw)
    try:
        value = parse(raw)
    except BadValue as exc:
        detail = exc.detail or CELL_UNREADABLE
        error = f"{detail} (expected {exc.expected})"
        return PreviewCell(text, None, error, detail, expected=exc.expected)
    if value is None and required:
        return PreviewCell(text, None, REQUIRED_CELL_EMPTY, REQUIRED_CELL_EMPTY)
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int):
        value = Money(value[0], value[1] or currency)  # money: (cents, currency or None)
    return PreviewCell(text, value)


def _cell_text(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ")
    return str(raw)


def _first_text(row: Sequence[object]) -> str:
    return next((str(c).strip() for c in row if c is not None and str(c).strip()), "")
