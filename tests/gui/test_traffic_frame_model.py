"""The DataFrame table model: Qt's contract, pandas sorting with unknowns last, search."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.views.table_models.frame_model import FrameColumn, FrameModel, format_cell
from app.views.table_models.table_model import SORT_ROLE

COLUMNS = [
    FrameColumn("title", "Title"),
    FrameColumn("platform", "Platform", "platform"),
    FrameColumn("published_at", "Published", "datetime"),
    FrameColumn("views", "Views", "int"),
    FrameColumn("completion_rate", "Completion", "rate"),
    FrameColumn("duration_s", "Length", "duration"),
    FrameColumn("gmv_cents", "GMV", "money", currency="gmv_currency"),
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "video_id": [1, 2, 3, 4],
            "title": ["夏季新款 #穿搭", "Summer drop #OOTD", "工厂直击", "开箱"],
            "platform": ["douyin", "tiktok", "douyin", "kuaishou"],
            "published_at": pd.to_datetime(
                ["2026-11-02 08:30", "2026-11-03 19:00", None, "2026-11-01 12:00"]
            ),
            "views": [1200.0, np.nan, 98000.0, 300.0],
            "completion_rate": [0.051, np.nan, 0.12, 0.02],
            "duration_s": [75.0, 14.0, np.nan, 200.0],
            "gmv_cents": [129900.0, 2599.0, np.nan, 0.0],
            "gmv_currency": ["CNY", "USD", None, "CNY"],
            "tags": ["", "", "#工厂", ""],
        }
    )


def make_model() -> FrameModel:
    model = FrameModel(COLUMNS, search_columns=("title", "tags", "platform"))
    model.set_frame(frame())
    return model


def texts(model: FrameModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_model_follows_qts_contract(qtmodeltester: ModelTester) -> None:
    model = make_model()
    qtmodeltester.check(model)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    model.set_search("douyin")
    qtmodeltester.check(model)


def test_values_are_formatted_and_unknowns_are_dashes() -> None:
    model = make_model()
    row = [model.index(0, c).data() for c in range(7)]
    assert row == [
        "夏季新款 #穿搭",
        "Douyin",
        "Nov 2, 2026 08:30",
        "1,200",
        "5.1%",
        "1:15",
        "¥1,299.00",
    ]
    assert [model.index(1, c).data() for c in (3, 4)] == ["—", "—"]  # not exported ≠ 0
    assert model.index(1, 6).data() == "$25.99"
    assert model.index(2, 2).data() == "—"
    assert model.index(3, 6).data() == "¥0.00"


def test_numbers_align_right_text_left_and_titles_have_tooltips() -> None:
    model = make_model()
    assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignLeft
    )
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "Summer drop #OOTD"


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (Qt.SortOrder.DescendingOrder, [98000.0, 1200.0, 300.0, None]),
        (Qt.SortOrder.AscendingOrder, [300.0, 1200.0, 98000.0, None]),
    ],
)
def test_sorting_puts_unknowns_last_either_way(order: Qt.SortOrder, expected: list) -> None:
    model = make_model()
    model.sort(3, order)
    assert [model.index(r, 3).data(SORT_ROLE) for r in range(4)] == expected


def test_text_sorts_case_insensitively_and_ties_keep_their_order() -> None:
    model = make_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert texts(model, 0)[:2] == ["Summer drop #OOTD", "夏季新款 #穿搭"]
    model.sort(1, Qt.SortOrder.AscendingOrder)  # Douyin, Douyin, Kuaishou, TikTok
    assert [model.value(r, "video_id") for r in range(4)] == [1, 3, 4, 2]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.value(r, "video_id") for r in range(4)] == [2, 4, 1, 3]


def test_search_is_case_insensitive_over_title_tags_and_platform_names() -> None:
    model = make_model()
    model.set_search("ootd")
    assert texts(model, 0) == ["Summer drop #OOTD"]
    model.set_search("#工厂")
    assert texts(model, 0) == ["工厂直击"]
    model.set_search("Douyin")
    assert model.rowCount() == 2
    model.set_search("")
    assert model.rowCount() == model.total_rows() == 4


def test_sort_and_search_survive_new_data() -> None:
    model = make_model()
    model.sort(3, Qt.SortOrder.DescendingOrder)
    model.set_search("douyin")
    bigger = pd.concat([frame(), frame().assign(video_id=[5, 6, 7, 8], views=[1.0, 2.0, 3.0, 4.0])])
    model.set_frame(bigger)
    assert [model.value(r, "video_id") for r in range(model.rowCount())] == [3, 1, 7, 5]
    assert model.visible_frame(["video_id", "views"])["views"].tolist() == [98000, 1200, 3, 1]


def test_selection_follows_its_row_through_a_sort() -> None:
    model = make_model()
    kept = QPersistentModelIndex(model.index(0, 0))  # video 1
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert kept.row() == 1
    assert model.row_of("video_id", 1) == 1
    assert model.row_values(kept.row())["title"] == "夏季新款 #穿搭"


def test_cells_format_every_kind() -> None:
    assert format_cell(12.34, "seconds") == "12.3 s"
    assert format_cell(3599.6, "duration") == "60:00"
    assert format_cell(1234.5, "number") == "1,234.5"
    assert format_cell(np.datetime64("2026-11-02T08:30"), "date") == "Nov 2, 2026"
