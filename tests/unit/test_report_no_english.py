"""The Chinese monthly report has no English left in it: every page's text and every chart text.

The words allowed, and the shop's own data (video titles, product names …), are those of the
Chinese UI's test (tests/gui/test_no_english_zh.py): a report is read by the same merchant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.config import sqlite_url
from app.services.reports import build_report, write_month_report
from app.services.store import open_store
from tests.conftest import TODAY
from tests.gui.test_no_english_zh import english_in, report, shop_words
from tests.gui.ui_texts import Seen

pytestmark = pytest.mark.sqlite_only

# A month of data with every section filled (October) and the month still running (November).
MONTHS = ("2026-10", "2026-11")


def pdf_texts(path: Path) -> Iterator[Seen]:
    """Each line of each page of the PDF, with its page."""
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for line in page.extract_text().splitlines():
            yield Seen(line, f"page {number}")


def figure_texts(demo_db: Path, month: str) -> Iterator[Seen]:
    """Every text matplotlib draws on the pages (titles, legends, ticks, labels on charts)."""
    from matplotlib.text import Text

    store = open_store(sqlite_url(demo_db))
    reader = store.reader()
    try:
        pages = build_report(reader, month, lang="zh_CN", today=TODAY)
        for number, page in enumerate(pages, start=1):
            page.canvas.draw()  # tick labels exist once the axes are drawn
            for item in page.findobj(Text):
                if item.get_visible() and item.get_text().strip():
                    yield Seen(item.get_text(), f"page {number} chart/text")
    finally:
        reader.close()
        store.dispose()


@pytest.mark.parametrize("month", MONTHS)
def test_chinese_report_has_no_english(demo_db_master: Path, tmp_path: Path, month: str) -> None:
    store = open_store(sqlite_url(demo_db_master))
    path = tmp_path / "zh.pdf"
    try:
        write_month_report(store, month, path, lang="zh_CN", today=TODAY)
    finally:
        store.dispose()
    seen = list(pdf_texts(path)) + list(figure_texts(demo_db_master, month))
    assert len(seen) > 200, "the report gave too little text to prove anything"
    assert any("核心指标" in s.text for s in seen)
    assert any("环比" in s.text for s in seen)
    leaks = english_in(seen, shop_words(demo_db_master))
    assert not leaks, report(leaks).replace("UI", "report")


def test_the_check_catches_english(demo_db_master: Path) -> None:
    """The check above can fail: an English note among the report's texts is caught."""
    seen = [Seen("流失预警客户 12", "page 2"), Seen("3-month avg: none", "page 2")]
    leaks = english_in(seen, shop_words(demo_db_master))
    assert set(leaks) == {"month", "avg", "none"}


def test_report_dates_follow_the_ui_conventions(demo_db_master: Path, tmp_path: Path) -> None:
    """Days as 2026-11-28, short days as 11月28日, months as 2026年8月 (as in the app)."""
    store = open_store(sqlite_url(demo_db_master))
    path = tmp_path / "zh.pdf"
    try:
        write_month_report(store, "2026-11", path, lang="zh_CN", today=TODAY)
    finally:
        store.dispose()
    text = "".join(s.text for s in pdf_texts(path))
    assert f"（截至 {TODAY.month}月{TODAY.day}日）" in text
    assert re.search(r"短视频经营台生成于 2026-11-28", text)
    # the videos' published times: 11月6日 19:30, not 11-06 19:30
    assert re.search(r"(?<!\d)1[01]月\d{1,2}日 \d\d:\d\d", text)
    assert not re.search(r"(?<![\d-])\d\d-\d\d \d\d:\d\d", text)
