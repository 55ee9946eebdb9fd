"""A CSV's rows are narrowed as they are read (the cells of columns its kind does not read are
blanked): the parse must be exactly the parse of the whole rows, errors included."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import pytest

from app.importers import normalise
from app.importers.errors import ImportFileError
from app.importers.kinds import KINDS
from app.importers.normalise import ParsedFile, narrowing_for, parse_file
from app.importers.reading import NARROW_AFTER, read_workbook
from tests.conftest import SAMPLES
from tests.exports import DOUDIAN_HEADERS, doudian_line, write_csv, write_xlsx

TODAY = date(2026, 11, 28)
UNREAD = ["买家留言", "车型", "快递信息"]  # in the real export; no kind's column
HEADERS = DOUDIAN_HEADERS[:3] + UNREAD + DOUDIAN_HEADERS[3:]


def wide_line(n: int, **options: str) -> list[str]:
    line = doudian_line(n, **options)  # type: ignore[arg-type]
    return line[:3] + ["可以多送个小样吗", "-", f"圆通速递 9696{n:011d}"] + line[3:]


def parsed_or_error(path: Path) -> ParsedFile | str:
    try:
        return parse_file(path, reference=TODAY)
    except ImportFileError as exc:
        return str(exc)


def whole_and_narrowed(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    narrowed = parsed_or_error(path)
    with monkeypatch.context() as patch:
        patch.setattr(normalise, "narrowing_for", lambda *_args: None)
        whole = parsed_or_error(path)
    return summary(whole), summary(narrowed)


def summary(result: ParsedFile | str) -> object:
    if isinstance(result, str):
        return result
    return (
        result.kind,
        result.records,
        result.rows_total,
        result.skipped,
        result.snapshot_at,
        result.notes,
        result.detection.headers,
    )


def test_later_rows_lose_only_the_cells_of_unread_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orders.csv", HEADERS, [wide_line(n) for n in range(1, 61)])
    narrowing = partial(narrowing_for, KINDS, path.name)
    rows = read_workbook(path, narrowing=narrowing).sheets[0].rows
    whole = read_workbook(path).sheets[0].rows
    unread = [HEADERS.index(name) for name in UNREAD]
    assert len(rows) == len(whole) == 61
    assert rows[:NARROW_AFTER] == whole[:NARROW_AFTER]  # the rows the kind was found in
    for row, original in zip(rows[NARROW_AFTER:], whole[NARROW_AFTER:], strict=True):
        assert len(row) == len(original)
        assert [row[i] for i in unread] == ["", "", ""]
        assert [c for i, c in enumerate(row) if i not in unread] == [
            c for i, c in enumerate(original) if i not in unread
        ]
    assert whole[-1][unread[2]].startswith("圆通速递")


def test_a_file_no_kind_recognises_is_read_whole(tmp_path: Path) -> None:
    rows = [[f"a{n}", f"b{n}", f"c{n}"] for n in range(80)]
    path = write_csv(tmp_path / "mine.csv", ["甲", "乙", "丙"], rows)
    narrowing = partial(narrowing_for, KINDS, path.name)
    assert read_workbook(path, narrowing=narrowing).sheets[0].rows == (
        read_workbook(path).sheets[0].rows
    )


def odd_rows() -> list[list[str]]:
    """Rows past the first ones whose first cell alone does not decide them."""
    blank_first = wide_line(50)
    blank_first[0] = ""
    null_first = wide_line(51)
    null_first[0] = "--"
    only_unread = [""] * len(HEADERS)
    only_unread[HEADERS.index("快递信息")] = "圆通速递 1"
    return [
        blank_first,
        null_first,
        only_unread,
        [""] * len(HEADERS),
        wide_line(52)[:5],  # short
        [*wide_line(53), "多出来的一格"],  # long
        ["合计", *[""] * (len(HEADERS) - 1)],
    ]


@pytest.mark.parametrize("odd", range(7))
def test_rows_the_first_cell_does_not_decide_parse_as_whole_rows(
    odd: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [wide_line(n) for n in range(1, 45)]
    lines.insert(40, odd_rows()[odd])
    path = write_csv(tmp_path / "orders.csv", HEADERS, lines)
    whole, narrowed = whole_and_narrowed(path, monkeypatch)
    assert narrowed == whole


def test_a_bad_cell_late_in_the_file_gives_the_same_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [wide_line(n) for n in range(1, 61)]
    lines[50] = wide_line(51, amount="一百")
    path = write_csv(tmp_path / "orders.csv", HEADERS, lines)
    whole, narrowed = whole_and_narrowed(path, monkeypatch)
    assert isinstance(whole, str)
    assert "row 52" in whole
    assert narrowed == whole


def test_total_rows_of_a_kind_with_markers_parse_as_whole_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = ["素材名称", "素材ID", "备注", "素材创建时间", "整体消耗", "整体成交金额"]
    headers.append("净成交订单数")
    lines = [
        [f"视频{n}", f"71{n:017d}", "不读", "2026-10-01 10:00:00", f"{n}.50", f"{n * 3}.00", "2"]
        for n in range(1, 50)
    ]
    lines.insert(40, ["合计", "", "不读", "", "999.00", "9999.00", "99"])
    lines.insert(42, ["", "", "合计", "", "999.00", "9999.00", "99"])  # marked in an unread cell
    lines.append(["全部", "", "", "", "1.00", "2.00", "3"])
    name = "全域数据_素材分析_视频_2026-10-01 00_00_00-2026-10-01 23_59_59-1.csv"
    path = write_csv(tmp_path / name, headers, lines)
    whole, narrowed = whole_and_narrowed(path, monkeypatch)
    assert not isinstance(whole, str)
    assert narrowed == whole


def test_a_one_sheet_workbook_is_narrowed_as_calamine_hands_its_rows_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines: list[list[object]] = [[c.lstrip("\t") for c in wide_line(n)] for n in range(1, 61)]
    for line in lines:
        line[HEADERS.index("商品数量")] = 1.0  # a number cell, as the platform writes it
    path = write_xlsx(tmp_path / "orders.xlsx", {"Sheet1": [HEADERS, *lines]})
    narrowing = partial(narrowing_for, KINDS, path.name)
    rows = read_workbook(path, narrowing=narrowing).sheets[0].rows
    whole = read_workbook(path).sheets[0].rows
    unread = [HEADERS.index(name) for name in UNREAD]
    assert rows[:NARROW_AFTER] == whole[:NARROW_AFTER]
    assert all([row[i] for i in unread] == ["", "", ""] for row in rows[NARROW_AFTER:])
    assert rows[-1][HEADERS.index("商品数量")] == 1.0
    assert whole[-1][unread[0]] == "可以多送个小样吗"
    whole_parse, narrowed_parse = whole_and_narrowed(path, monkeypatch)
    assert narrowed_parse == whole_parse


def test_a_workbook_of_several_sheets_or_a_table_not_in_column_a_is_read_whole(
    tmp_path: Path,
) -> None:
    table: list[list[object]] = [
        HEADERS,
        *([c.lstrip("\t") for c in wide_line(n)] for n in range(1, 50)),
    ]
    two = write_xlsx(tmp_path / "two.xlsx", {"Orders": table, "Notes": [["备注"], ["x"]]})
    shifted = write_xlsx(tmp_path / "shifted.xlsx", {"Sheet1": [["", *row] for row in table]})
    for path, offset in ((two, 0), (shifted, 1)):
        narrowing = partial(narrowing_for, KINDS, path.name)
        narrowed = read_workbook(path, narrowing=narrowing).sheets
        assert [s.rows for s in narrowed] == [s.rows for s in read_workbook(path).sheets]
        assert narrowed[0].rows[-1][offset + HEADERS.index("快递信息")].startswith("圆通速递")


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
def test_every_sample_parses_as_it_does_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    samples = sorted(SAMPLES.glob("*.csv")) + sorted(SAMPLES.glob("*.xlsx"))
    assert len(samples) >= 40
    for path in samples:
        whole, narrowed = whole_and_narrowed(path, monkeypatch)
        assert narrowed == whole, path.name
