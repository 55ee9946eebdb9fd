"""A big one-sheet workbook is handed to calamine in pieces (``app.importers.pieces``): the rows
must be exactly those of a whole read, and a sheet that cannot be cut safely is read whole.

The pieces' sizes are shrunk to a few hundred bytes so small files are cut into many pieces.
"""

from __future__ import annotations

import tempfile
import threading
import zipfile
from datetime import date, datetime
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.exports import write_xlsx as write_demo_xlsx
from app.importers import pieces
from app.importers.errors import ImportFileError
from app.importers.kinds import KINDS
from app.importers.normalise import narrowing_for
from app.importers.reading import read_workbook
from tests.conftest import SAMPLES
from tests.exports import DOUDIAN_HEADERS, doudian_line, write_xlsx
from tests.unit.test_reading import hand_xlsx, inline, sheet_xml


def keep_whole(_head: list[list[object]]) -> None:
    return None  # a narrowing that narrows nothing: the pieces' rows are compared whole


class Opened:
    """Counts the pieces calamine opens."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._real = pieces.CalamineWorkbook

    def from_path(self, path: str) -> object:
        self.paths.append(path)
        return self._real.from_path(path)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Opened:
    """Any one-sheet workbook is cut, into pieces of ~400 bytes of rows; temp files go to a
    folder of the test's own."""
    monkeypatch.setattr(pieces, "CUT_OVER", 0)
    monkeypatch.setattr(pieces, "PIECE_BYTES", 400)
    monkeypatch.setattr(pieces, "_READ", 256)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    opened = Opened()
    monkeypatch.setattr(pieces, "CalamineWorkbook", opened)
    return opened


def whole_and_cut(path: Path, monkeypatch: pytest.MonkeyPatch, narrowing=keep_whole):
    """(rows of a whole read, rows read in pieces) of the first sheet, or the errors' texts."""

    def rows(**options: object) -> object:
        try:
            return read_workbook(path, narrowing=narrowing, **options).sheets[0].rows
        except ImportFileError as exc:
            return str(exc)

    cut = rows()
    with monkeypatch.context() as patch:
        patch.setattr(pieces, "CUT_OVER", float("inf"))
        whole = rows()
    return whole, cut


def grid(rows: int) -> list[list[object]]:
    """Rows with gaps: omitted cells, blank rows, a stretch with column A empty and one with
    the last columns empty, numbers and text."""
    out: list[list[object]] = [["编号", "名称", "数量", "金额", "备注"]]
    for n in range(1, rows):
        if 40 <= n < 45:
            out.append([None] * 5)  # blank rows
        elif 60 <= n < 90:
            out.append([None, f"商品{n}", n, n * 1.25, None])  # no column A for a while
        elif 100 <= n < 130:
            out.append([f"\t6920{n:08d}", f"商品{n}"])  # the last columns empty
        else:
            out.append([f"\t6920{n:08d}", f"商品{n % 7}", n, n / 3, "加急" if n % 5 else None])
    return out


def test_a_cut_sheet_reads_exactly_as_a_whole_one(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.xlsx"
    write_demo_xlsx(path, grid(200), merge="A1:B1")
    whole, cut = whole_and_cut(path, monkeypatch)
    assert len(small_pieces.paths) > 20  # really cut
    assert cut == whole
    assert len(whole) == 200
    assert {len(row) for row in whole} == {5}
    assert whole[41] == ["", "", "", "", ""]
    assert whole[61][:3] == ["", "商品61", 61.0]
    assert whole[101] == ["\t692000000101", "商品101", "", "", ""]


def test_dates_booleans_and_inline_strings_survive_the_cut(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["日期", "时间", "是否", "文本"]]
    rows += [
        [date(2026, 10, 1 + n % 28), datetime(2026, 10, 2, n % 24, 5), n % 2 == 0, f"第{n}行"]
        for n in range(120)
    ]
    path = write_xlsx(tmp_path / "typed.xlsx", {"明细": rows})
    whole, cut = whole_and_cut(path, monkeypatch)
    assert len(small_pieces.paths) > 10
    assert cut == whole
    assert whole[5][:3] == [date(2026, 10, 5), datetime(2026, 10, 2, 4, 5), True]

    cells = "".join(f'<row r="{n}">{inline(f"A{n}", f"字{n}")}</row>' for n in range(1, 80))
    path = hand_xlsx(tmp_path / "inline.xlsx", sheet_xml(cells))
    whole, cut = whole_and_cut(path, monkeypatch)
    assert cut == whole == [[f"字{n}"] for n in range(1, 80)]


def test_a_namespace_prefixed_sheet_is_cut_too(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(
        f'<x:row r="{n}"><x:c r="B{n}"><x:v>{n}</x:v></x:c></x:row>' for n in range(1, 60)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>{rows}</x:sheetData>'
        "</x:worksheet>"
    )
    whole, cut = whole_and_cut(hand_xlsx(tmp_path / "x.xlsx", sheet), monkeypatch)
    assert len(small_pieces.paths) > 5
    assert cut == whole == [["", float(n)] for n in range(1, 60)]


def test_rows_without_numbers_are_read_whole(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rows placed by counting: a piece starting with one would put it on the piece's first row.
    rows = "".join(f"<row><c><v>{n}</v></c></row>" for n in range(1, 60))
    whole, cut = whole_and_cut(hand_xlsx(tmp_path / "r.xlsx", sheet_xml(rows)), monkeypatch)
    assert cut == whole == [[float(n)] for n in range(1, 60)]


def test_rows_out_of_order_are_read_whole(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = [f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(30, 60)]
    early = [f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 30)]
    path = hand_xlsx(tmp_path / "o.xlsx", sheet_xml("".join(late + early)))
    whole, cut = whole_and_cut(path, monkeypatch)
    assert cut == whole == [[float(n)] for n in range(1, 60)]


def test_a_damaged_piece_gets_the_whole_reads_error(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 60)]
    rows[40] = '<row r="41"><c r="41"><v>41</v></c></row>'  # a reference without its column
    whole, cut = whole_and_cut(
        hand_xlsx(tmp_path / "d.xlsx", sheet_xml("".join(rows))), monkeypatch
    )
    assert isinstance(whole, str)
    assert "could not be read" in whole
    assert cut == whole


def test_a_full_temporary_disk_reads_the_sheet_whole(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.xlsx"
    write_demo_xlsx(path, grid(100))
    expected = read_workbook(path, narrowing=keep_whole).sheets[0].rows
    assert small_pieces.paths  # cut while the disk had room

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    small_pieces.paths.clear()
    assert read_workbook(path, narrowing=keep_whole).sheets[0].rows == expected
    assert small_pieces.paths == []


def test_a_sheet_without_sheet_data_is_read_whole(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = sheet_xml("").replace("<sheetData></sheetData>", "<sheetData/>")
    whole, cut = whole_and_cut(hand_xlsx(tmp_path / "e.xlsx", sheet), monkeypatch)
    assert cut == whole == "e.xlsx: the file holds no data: export it again from the platform"
    assert small_pieces.paths == []


def test_only_big_one_sheet_workbooks_are_cut(tmp_path: Path) -> None:
    path = tmp_path / "small.xlsx"
    write_demo_xlsx(path, grid(50))
    assert pieces.sheet_to_cut(path) is None  # far under CUT_OVER
    two = write_xlsx(tmp_path / "two.xlsx", {"甲": [["a"]], "乙": [["b"]]})
    assert pieces.sheet_to_cut(two) is None


def test_big_sheets_are_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.xlsx"
    write_demo_xlsx(path, grid(50), sheet="订单明细")
    monkeypatch.setattr(pieces, "CUT_OVER", 1000)
    assert pieces.sheet_to_cut(path) == ("订单明细", "xl/worksheets/sheet1.xml")


def test_the_temporary_pieces_are_removed_even_when_reading_stops(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.xlsx"
    write_demo_xlsx(path, grid(200))
    read_workbook(path, narrowing=keep_whole)
    temp = Path(tempfile.gettempdir())
    assert list(temp.iterdir()) == []

    def stop_at_row_100(_head: list[list[object]]):
        count = iter(range(10_000))

        def narrow(row: list[object]) -> list[object]:
            if next(count) == 100:
                raise ImportFileError("stopped")
            return row

        return narrow

    with pytest.raises(ImportFileError, match="stopped"):
        read_workbook(path, narrowing=stop_at_row_100)
    assert list(temp.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "shopreel-pieces"]


def test_an_order_export_parses_the_same_cut_or_whole(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [doudian_line(n) for n in range(1, 150)]
    lines[70][0] = ""  # a row the first cell does not decide: kept whole by the narrowing
    lines.append(["合计"] + [""] * (len(DOUDIAN_HEADERS) - 1))
    path = tmp_path / "1793496488_orders.xlsx"
    write_demo_xlsx(path, [DOUDIAN_HEADERS, *lines])
    narrowing = partial(narrowing_for, KINDS, path.name)
    whole, cut = whole_and_cut(path, monkeypatch, narrowing)
    assert len(small_pieces.paths) > 20
    assert cut == whole
    assert len(whole) == 151
    assert whole[-1][0] == "合计"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="needs ../shared/samples")
def test_every_sample_workbook_reads_the_same_cut_or_whole(
    small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pieces, "PIECE_BYTES", 64 * 1024)  # a few pieces per sample
    monkeypatch.setattr(pieces, "_READ", 16 * 1024)
    checked = 0
    for path in sorted(SAMPLES.glob("*.xlsx")):
        narrowing = partial(narrowing_for, KINDS, path.name)
        whole, cut = whole_and_cut(path, monkeypatch, narrowing)
        assert cut == whole, path.name
        checked += pieces.sheet_to_cut(path) is not None
    assert checked >= 3
    assert len(small_pieces.paths) > checked


cells = st.one_of(
    st.none(),
    st.text(alphabet="甲乙ab 1", min_size=1, max_size=6),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    table=st.lists(st.lists(cells, min_size=0, max_size=6), min_size=1, max_size=60),
    piece=st.integers(60, 900),
)
def test_any_sheet_reads_the_same_cut_or_whole(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch, table, piece: int
) -> None:
    monkeypatch.setattr(pieces, "PIECE_BYTES", piece)
    path = tmp_path / "any.xlsx"
    write_demo_xlsx(path, table)
    whole, cut = whole_and_cut(path, monkeypatch)
    assert cut == whole


def test_reading_the_first_rows_stops_after_the_first_pieces(
    tmp_path: Path, small_pieces: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.xlsx"
    write_demo_xlsx(path, grid(200))
    whole = read_workbook(path).sheets[0].rows
    everything = len(small_pieces.paths)
    small_pieces.paths.clear()
    head = read_workbook(path, first_rows=30).sheets[0].rows
    assert head == whole[:30]
    assert 0 < len(small_pieces.paths) < everything / 4
    assert list(Path(tempfile.gettempdir()).iterdir()) == []  # stopped and cleaned up at once
    assert not [t for t in threading.enumerate() if t.name == "shopreel-pieces"]
