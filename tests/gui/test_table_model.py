"""The shared table model: Qt's model contract, sorting with unknowns last, filtering."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.services.tables import Money, Table
from app.views.table_models.table_model import SORT_ROLE, ColumnSpec, TableModel

COLUMNS = [
    ColumnSpec("title", "Title"),
    ColumnSpec("platform", "Platform", "platform"),
    ColumnSpec("views", "Views"),
    ColumnSpec("rate", "Rate", "rate"),
    ColumnSpec("gmv", "GMV"),
]
TABLE = Table(
    ("id", "title", "platform", "views", "rate", "gmv"),
    [
        (1, "夏季新款", "douyin", 1200, 0.051, Money(129900, "CNY")),
        (2, "Summer drop", "tiktok", None, None, Money(2599, "USD")),
        (3, "工厂直击", "douyin", 98000, 0.12, Money(5000, "CNY")),
        (4, "开箱", "kuaishou", 300, 0.02, Money(-100, "CNY")),
    ],
)


def make_model() -> TableModel:
    model = TableModel(COLUMNS)
    model.set_table(TABLE)
    return model


def test_model_follows_qts_contract(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(make_model())


def test_values_are_formatted_for_reading() -> None:
    model = make_model()
    text = [[model.index(r, c).data() for c in range(5)] for r in range(4)]
    assert text[0] == ["夏季新款", "Douyin", "1,200", "5.1%", "¥1,299.00"]
    assert text[1][2:4] == ["—", "—"]  # not exported is unknown, not zero
    assert text[1][4] == "$25.99"
    assert text[3][4] == "-¥1.00"


def test_numbers_align_right_and_text_left() -> None:
    model = make_model()
    views = model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole)
    title = model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole)
    assert views & int(Qt.AlignmentFlag.AlignRight)
    assert title & int(Qt.AlignmentFlag.AlignLeft)


def test_sorting_uses_raw_values_and_keeps_unknowns_last() -> None:
    model = make_model()
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 2).data(SORT_ROLE) for r in range(4)] == [98000, 1200, 300, None]
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, 2).data(SORT_ROLE) for r in range(4)] == [300, 1200, 98000, None]


def test_filter_matches_shown_text_and_survives_new_data() -> None:
    model = make_model()
    model.set_filter("DOUYIN")
    assert model.rowCount() == 2
    model.set_table(TABLE)
    assert model.rowCount() == 2
    assert model.total_rows() == 4
    model.set_filter("")
    assert model.rowCount() == 4


def test_row_values_return_the_whole_record_after_sorting() -> None:
    model = make_model()
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert model.row_values(0)["id"] == 3
