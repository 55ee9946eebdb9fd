"""Big workbooks are parsed in a child process, with the sheet scan beside it (isolated.py)."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from app.db import Store
from app.importers import isolated
from app.importers.errors import ImportFileError
from app.importers.normalise import ParsedFile, parse_file
from app.importers.reading import Limits
from app.services.imports import READ_SHARE, import_files
from app.services.progress import RecordingProgress
from tests.conftest import SAMPLES
from tests.dump import dump_hash
from tests.exports import DOUDIAN_HEADERS, doudian_line
from tests.unit.test_reading import hand_xlsx, inline, sheet_xml

TODAY = date(2026, 11, 28)


@pytest.fixture
def every_workbook_in_a_child(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Send every workbook to the child (and scan every sheet beside it); lists those sent."""
    sent: list[Path] = []
    original = isolated.parse_in_child

    def spy(path: Path, *args: Any, **kwargs: Any) -> ParsedFile:
        sent.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(isolated, "ISOLATE_BYTES", 0)
    monkeypatch.setattr(isolated, "DEFER_SCAN_BYTES", 0)
    monkeypatch.setattr(isolated, "parse_in_child", spy)
    return sent


def orders_xlsx(path: Path, count: int = 30) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(DOUDIAN_HEADERS)
    for n in range(1, count + 1):
        line = [cell.lstrip("\t") for cell in doudian_line(n)]
        line[DOUDIAN_HEADERS.index("商品数量")] = n % 3 + 1  # a number cell, as the platform writes
        sheet.append(line)
    book.save(path)
    return path


def same_parse(here: ParsedFile, child: ParsedFile) -> None:
    assert child.records == here.records
    assert (child.kind, child.rows_total, child.skipped) == (
        here.kind,
        here.rows_total,
        here.skipped,
    )
    assert (child.snapshot_at, child.notes, child.sha256) == (
        here.snapshot_at,
        here.notes,
        here.sha256,
    )
    assert child.detection.headers == here.detection.headers


def test_a_child_parses_a_workbook_exactly_as_this_process_does(
    every_workbook_in_a_child: list[Path], tmp_path: Path
) -> None:
    path = orders_xlsx(tmp_path / "1793496488_b5adf2891037dbeae5992257.xlsx")
    here = parse_file(path, reference=TODAY, isolate=False)
    child = parse_file(path, reference=TODAY)
    assert every_workbook_in_a_child == [path]
    assert here.row_count == 30
    same_parse(here, child)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
def test_the_sample_workbooks_parse_the_same_in_a_child(
    every_workbook_in_a_child: list[Path],
) -> None:
    workbooks = sorted(SAMPLES.glob("*.xlsx"))[:6]
    for path in workbooks:
        same_parse(
            parse_file(path, reference=TODAY, isolate=False), parse_file(path, reference=TODAY)
        )
    assert every_workbook_in_a_child == workbooks


def test_a_reader_that_crashes_is_a_clear_error_and_changes_nothing(
    every_workbook_in_a_child: list[Path],
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = dump_hash(store)
    monkeypatch.setenv("SHOPREEL_READER_FAULT", "abort")  # the child aborts, as calamine can
    path = orders_xlsx(tmp_path / "orders.xlsx")
    (result,) = import_files(store, [path])
    assert result.status == "rejected"
    assert str(result.error) == f"orders.xlsx: {isolated.STOPPED}"
    assert dump_hash(store) == before
    assert multiprocessing.active_children() == []


def test_the_scan_beside_the_child_refuses_a_far_cell(
    every_workbook_in_a_child: list[Path], tmp_path: Path
) -> None:
    rows = "".join(f'<row r="{n}">{inline(f"A{n}", "x")}</row>' for n in range(1, 50))
    far = '<row r="5000"><c r="A5000"><v>1</v></c></row>'
    path = hand_xlsx(tmp_path / "far.xlsx", sheet_xml(rows + far))
    limits = Limits(max_rows=1000)
    with pytest.raises(ImportFileError, match=r"too many rows \(5,000\)"):
        parse_file(path, reference=TODAY, limits=limits)
    assert every_workbook_in_a_child == [path]
    with pytest.raises(ImportFileError, match=r"too many rows \(5,000\)"):
        parse_file(path, reference=TODAY, limits=limits, isolate=False)


class CancelOnFirstStep(RecordingProgress):
    """The user presses Cancel as soon as the big file's read reports progress."""

    @property
    def cancelled(self) -> bool:
        return bool(self.steps)


def test_cancel_while_a_big_workbook_is_read_stops_the_child(
    every_workbook_in_a_child: list[Path], store: Store, tmp_path: Path
) -> None:
    path = orders_xlsx(tmp_path / "orders.xlsx", count=2000)
    (result,) = import_files(store, [path], progress=CancelOnFirstStep())
    assert result.status == "cancelled"
    assert every_workbook_in_a_child == [path]
    assert multiprocessing.active_children() == []
    (again,) = import_files(store, [path])
    assert (again.status, again.inserted) == ("imported", 2000)


def test_the_progress_moves_while_a_big_workbook_is_read(
    every_workbook_in_a_child: list[Path], store: Store, tmp_path: Path
) -> None:
    progress = RecordingProgress()
    (result,) = import_files(store, [orders_xlsx(tmp_path / "o.xlsx", 3000)], progress=progress)
    assert result.status == "imported"
    assert len(progress.steps) >= 2
    assert progress.steps == sorted(progress.steps)
    assert progress.steps[-1] == READ_SHARE
    assert progress.updates == [(0, 1, "o.xlsx"), (1, 1, "")]


def test_meanwhile_runs_here_while_the_child_still_parses(
    every_workbook_in_a_child: list[Path], tmp_path: Path
) -> None:
    path = orders_xlsx(tmp_path / "orders.xlsx", 200)
    children_then: list[int] = []

    def meanwhile() -> None:
        children_then.append(len(multiprocessing.active_children()))

    parsed = parse_file(path, reference=TODAY, meanwhile=meanwhile)
    assert parsed.row_count == 200
    assert children_then == [1]  # once, with the reader process alive beside it
    assert multiprocessing.active_children() == []


def test_an_import_warms_up_its_writing_while_the_child_parses(
    every_workbook_in_a_child: list[Path],
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.services import imports

    warmed: list[int] = []
    monkeypatch.setattr(
        imports, "warm_up_writing", lambda: warmed.append(len(multiprocessing.active_children()))
    )
    (result,) = import_files(store, [orders_xlsx(tmp_path / "orders.xlsx")])
    assert (result.status, result.inserted) == ("imported", 30)
    assert warmed == [1]
