"""Exports: formula-safe text, ids as text, Chinese headers, rates as numbers, atomic files."""

from __future__ import annotations

import csv
import io
import os
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from app.services.export import export_frame, export_frame_csv, safe_text

# OWASP CSV injection payloads (and the ones RELIABILITY.md §3.5 names).
PAYLOADS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    '=HYPERLINK("http://x","y")',
    "\t=1",
    "\r=1",
    "\n=1",
    "=cmd|' /C calc'!A0",
    "\0=1",
]
HEADERS = {
    "video_id": "视频ID",
    "video_key": "视频编号",
    "title": "标题",
    "views": "播放量",
    "completion_rate": "完播率",
    "published_at": "发布时间",
    "gmv_cents": "成交额",
}


def payload_frame() -> pd.DataFrame:
    titles = [*PAYLOADS, "秋季穿搭 #ootd", 'a,"b"\nc', None]
    count = len(titles)
    return pd.DataFrame(
        {
            "video_id": pd.array(range(1, count + 1), dtype="int64"),
            "video_key": ["7412345678901234567"] * count,
            "title": titles,
            "views": [1234.0] * (count - 1) + [float("nan")],
            "completion_rate": [0.255] * count,
            "published_at": pd.to_datetime(["2026-10-01 20:30"] * count),
            "gmv_cents": pd.array([12345] * (count - 1) + [None], dtype="Int64"),
            "internal": ["not exported"] * count,
        }
    )


def test_safe_text_prefixes_every_trigger() -> None:
    for payload in PAYLOADS:
        assert safe_text(payload).startswith("'"), repr(payload)
        assert safe_text(payload, xml=False) == "'" + payload
    assert safe_text("穿搭 -1") == "穿搭 -1"
    assert safe_text("\0=1") == "'=1"  # xlsx cannot hold NUL: dropped after prefixing


def test_xlsx_keeps_payloads_as_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "videos.xlsx"
    export_frame(payload_frame(), HEADERS, path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == list(HEADERS.values())  # Chinese headers, in order
    titles = [row[2] for row in rows[1 : len(PAYLOADS) + 1]]
    for cell, payload in zip(titles, PAYLOADS, strict=True):
        assert cell.data_type == "s", payload  # a string, never a formula
        assert cell.value.startswith("'"), payload
    assert titles[4].value == '\'=HYPERLINK("http://x","y")'
    assert rows[len(PAYLOADS) + 1][2].value == "秋季穿搭 #ootd"
    assert rows[-1][2].value is None  # an unknown title is an empty cell


def test_xlsx_ids_are_text_rates_numbers_dates_dates(tmp_path: Path) -> None:
    path = tmp_path / "videos.xlsx"
    export_frame(payload_frame(), HEADERS, path)
    first = list(load_workbook(path).active.iter_rows(min_row=2, max_row=2))[0]
    video_id, key, _title, views, rate, published, gmv = first
    assert (video_id.value, video_id.data_type) == ("1", "s")
    assert key.value == "7412345678901234567"  # all 19 digits: a number would lose the last 4
    assert (views.value, views.number_format) == (1234, "#,##0")
    assert rate.value == pytest.approx(0.255)
    assert rate.number_format == "0.0%"
    assert published.value == datetime(2026, 10, 1, 20, 30)
    assert published.number_format == "yyyy-mm-dd hh:mm"
    assert gmv.value == pytest.approx(123.45)
    last = list(load_workbook(path).active.iter_rows())[-1]
    assert last[3].value is None  # unknown views: empty, not 0
    assert last[6].value is None


def test_csv_is_rfc4180_utf8_with_bom_and_formula_safe(tmp_path: Path) -> None:
    path = tmp_path / "videos.csv"
    export_frame_csv(payload_frame(), HEADERS, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(HEADERS.values())
    for row, payload in zip(rows[1:], PAYLOADS, strict=False):
        assert row[2] == "'" + payload
    assert rows[1][:2] == ["1", "7412345678901234567"]
    assert rows[1][3:] == ["1234", "0.255", "2026-10-01 20:30:00", "123.45"]
    assert rows[len(PAYLOADS) + 2][2] == 'a,"b"\nc'  # quoted, the quotes doubled, one field
    assert rows[-1][2:4] == ["", ""]


def test_no_headers_exports_every_column(tmp_path: Path) -> None:
    path = tmp_path / "all.xlsx"
    export_frame(payload_frame(), {}, path)
    header = [c.value for c in next(load_workbook(path).active.iter_rows())]
    assert header == list(payload_frame().columns)


def test_a_failed_export_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "videos.xlsx"
    path.write_bytes(b"the previous export")

    def broken_fsync(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        export_frame(payload_frame(), HEADERS, path)
    with pytest.raises(OSError, match="disk full"):
        export_frame_csv(payload_frame(), HEADERS, path)
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["videos.xlsx"]
