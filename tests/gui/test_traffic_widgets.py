"""The Traffic tab's small widgets: period picker, multi-select, delta KPI card, column chooser."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.views.widgets.column_chooser import ColumnChooser
from app.views.widgets.delta_kpi_card import TREND_COLORS, DeltaKpiCard
from app.views.widgets.multi_select import MultiSelectButton
from app.views.widgets.period_picker import PeriodPicker, preset_range

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("last_7", (date(2026, 11, 22), TODAY)),
        ("last_30", (date(2026, 10, 30), TODAY)),
        ("last_90", (date(2026, 8, 31), TODAY)),
        ("this_month", (date(2026, 11, 1), TODAY)),
        ("last_month", (date(2026, 10, 1), date(2026, 10, 31))),
        ("month:2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
        ("month:2026-12", (date(2026, 12, 1), date(2026, 12, 31))),
        ("custom", None),
    ],
)
def test_presets_cover_the_days_they_name(preset: str, expected: tuple | None) -> None:
    assert preset_range(preset, TODAY) == expected


def test_picking_a_preset_or_a_date_announces_the_period(qtbot: QtBot) -> None:
    picker = PeriodPicker()
    qtbot.addWidget(picker)
    picker.set_months(TODAY, ("2026-11", "2026-10"))
    assert picker.period() == (date(2026, 11, 1), TODAY)
    with qtbot.waitSignal(picker.period_changed) as blocker:
        picker.set_preset("month:2026-10")
    assert blocker.args == [date(2026, 10, 1), date(2026, 10, 31)]
    with qtbot.waitSignal(picker.period_changed):
        picker.start_edit.setDate(QDate(2026, 10, 15))
    assert picker.preset() == "custom"
    assert picker.period() == (date(2026, 10, 15), date(2026, 10, 31))
    picker.end_edit.setDate(QDate(2026, 10, 1))  # entered backwards: still a period
    assert picker.period() == (date(2026, 10, 1), date(2026, 10, 15))


def test_multi_select_says_what_is_picked_and_none_means_all(qtbot: QtBot) -> None:
    button = MultiSelectButton("Platform", "all")
    qtbot.addWidget(button)
    button.set_options([("douyin", "Douyin"), ("tiktok", "TikTok"), ("kuaishou", "Kuaishou")])
    assert button.selected() == ()
    assert button.text() == "Platform: all"
    with qtbot.waitSignal(button.selection_changed):
        button.set_selected(["tiktok"])
    assert button.text() == "Platform: TikTok"
    button.set_selected(["douyin", "tiktok", "kuaishou"])
    assert button.text() == "Platform: 3 selected"
    button.set_options([("douyin", "Douyin")])  # still offered values stay picked
    assert button.selected() == ("douyin",)


def test_delta_card_colours_the_change_and_marks_partial_figures(qtbot: QtBot) -> None:
    card = DeltaKpiCard("Shares", "Shares of the videos")
    qtbot.addWidget(card)
    card.show()
    card.set_figure("1,913", 0.734, "1,103", ("Kuaishou",))
    assert card.delta.text() == "▲73.4%"
    assert card.trend == "up"
    assert card.partial.isVisible()
    assert "Kuaishou" in card.toolTip()
    assert "Previous period: 1,103" in card.toolTip()
    card.set_figure("—", None, "—", ("Kuaishou",))
    assert card.delta.text() == ""
    assert not card.partial.isVisible()  # unknown is not partial
    card.set_figure("52", -0.088)
    assert (card.delta.text(), card.trend) == ("▼8.8%", "down")
    assert TREND_COLORS["down"] in card.delta.styleSheet()


def test_a_falling_refund_rate_is_good_news(qtbot: QtBot) -> None:
    card = DeltaKpiCard("Refund rate", lower_is_better=True)
    qtbot.addWidget(card)
    card.set_figure("5.7%", -0.074)
    assert (card.delta.text(), card.good_news) == ("▼7.4%", "up")
    assert TREND_COLORS["up"] in card.delta.styleSheet()  # green
    card.set_figure("6.1%", 0.07)
    assert TREND_COLORS["down"] in card.delta.styleSheet()  # red


def test_column_chooser_hides_columns_and_remembers_them(qtbot: QtBot, tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    model = QStandardItemModel(2, 3)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    chooser = ColumnChooser(table, ["a", "b", "c"], "t", settings, default_hidden=("c",))
    assert chooser.visible_ids() == ["a", "b"]
    chooser.set_column_visible("a", False)
    chooser.set_column_visible("b", False)  # the last column shown stays
    assert chooser.visible_ids() == ["b"]
    again = QTableView()
    qtbot.addWidget(again)
    again.setModel(model)
    assert ColumnChooser(again, ["a", "b", "c"], "t", settings).visible_ids() == ["b"]
