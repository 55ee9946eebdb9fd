"""Which export is this? Found from the headers alone, in the first rows of any sheet."""

from __future__ import annotations

from dataclasses import dataclass

from app.importers.errors import ImportFileError
from app.importers.headers import display_header, header_key
from app.importers.kinds import KINDS, ExportKind
from app.importers.reading import Sheet, Workbook

HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class Detection:
    """A recognised export: its kind, the sheet and header row, and where each field sits.

    Attributes:
        kind: the export kind.
        sheet: the sheet holding the table.
        header_index: 0-based index of the header row in ``sheet.rows``.
        positions: field name → 0-based column index.
        headers: the header row as printed (for messages).
    """

    kind: ExportKind
    sheet: Sheet
    header_index: int
    positions: dict[str, int]
    headers: list[str]

    def header_of(self, field_name: str) -> str:
        """The printed header of a field's column."""
        return self.headers[self.positions[field_name]]


def detect(workbook: Workbook, kinds: tuple[ExportKind, ...] = KINDS) -> Detection:
    """Recognise the export; raise ImportFileError when no kind's signature is present."""
    best: tuple[int, ExportKind, Sheet, int] | None = None
    for sheet in workbook.sheets:
        for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            keys = {header_key(cell) for cell in row if cell not in (None, "")}
            for kind in kinds:
                if kind.signature_keys <= keys:
                    score = sum(1 for c in kind.columns if set(c.keys) & keys)
                    if best is None or score > best[0]:
                        best = (score, kind, sheet, index)
    if best is None:
        raise ImportFileError(
            "This file is not an export ShopReel recognises. "
            f"Its first rows hold: {_first_headers(workbook)}. "
            "Map its columns by hand in the column-mapping dialog, or check that it is the "
            "platform's original export.",
            file=workbook.file_name,
        )
    _, kind, sheet, index = best
    headers = [display_header(c) for c in sheet.rows[index]]
    return Detection(kind, sheet, index, _positions(kind, sheet.rows[index], workbook), headers)


def _positions(kind: ExportKind, header_row: list[object], workbook: Workbook) -> dict[str, int]:
    keys = [header_key(c) for c in header_row]
    positions: dict[str, int] = {}
    for column in kind.columns:
        found: list[int] = []
        for synonym in column.keys:  # earlier synonyms are preferred
            found = [i for i, key in enumerate(keys) if key == synonym]
            if found:
                break
        if len(found) > 1:
            raise ImportFileError(
                f"The column {display_header(header_row[found[0]])!r} appears {len(found)} times; "
                "ShopReel cannot tell which one to use. Export the file again without changes.",
                file=workbook.file_name,
                column=display_header(header_row[found[0]]),
            )
        if found:
            positions[column.field] = found[0]
        elif column.required:
            raise ImportFileError(
                f"The {kind.kind} export has no column {column.headers[0]!r}, "
                "which ShopReel needs.",
                file=workbook.file_name,
                column=column.headers[0],
            )
    return positions


def _first_headers(workbook: Workbook) -> str:
    for sheet in workbook.sheets:
        for row in sheet.rows[:HEADER_SCAN_ROWS]:
            cells = [display_header(c) for c in row if c not in (None, "")]
            if len(cells) >= 2:
                shown = ", ".join(cells[:8])
                return shown + (" …" if len(cells) > 8 else "")
    return "nothing readable"
