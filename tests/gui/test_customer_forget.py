"""Erasing a customer's personal data from the Customers tab (the right to be forgotten)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Reader, Store
from app.services.stats import Month, month_stats
from app.views.context import AppContext
from app.views.tabs.customers_tab import CustomersTab
from tests.conftest import TODAY
from tests.query import fetch, scalar


@pytest.fixture
def reader(demo_store: Store) -> Iterator[Reader]:
    opened = demo_store.reader()
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader) -> CustomersTab:
    page = CustomersTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1440, 900)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.load(reader, TODAY)
    return page


def test_erasing_a_customer_keeps_the_figures_and_records_who(
    tab: CustomersTab,
    demo_store: Store,
    reader: Reader,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo_store.user_name = "李娜"
    assert tab.body is not None
    view = tab.body.ledger_view
    view.table.selectRow(0)
    customer = view.current_customer_id()
    detail = view.detail
    assert detail.forget_button.isEnabled()
    october = month_stats(reader, Month.parse("2026-10"))
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(detail.status_reported) as reported:
        detail.forget_button.click()

    assert "cannot be undone" in asked[0]
    cluster = "SELECT id FROM customers WHERE id = :c OR merged_into_id = :c"
    personal = fetch(
        demo_store,
        f"SELECT display_name, masked_phone, region, note FROM customers WHERE id IN ({cluster})",
        {"c": customer},
    )
    assert personal
    assert set(personal) == {("", "", "", "")}
    assert (
        scalar(
            demo_store,
            f"SELECT COUNT(*) FROM customer_identities WHERE customer_id IN ({cluster})",
            {"c": customer},
        )
        == 0
    )
    logged = fetch(
        demo_store,
        "SELECT user_name, action FROM change_log WHERE table_name = 'customers' AND row_id = :c",
        {"c": customer},
    )
    assert ("李娜", "forget") in logged
    assert "anonymous" in reported.args[0]
    fresh = demo_store.reader()
    try:
        assert month_stats(fresh, Month.parse("2026-10")) == october
    finally:
        fresh.close()


def test_cancelling_the_question_erases_nothing(
    tab: CustomersTab, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert tab.body is not None
    view = tab.body.ledger_view
    view.table.selectRow(0)
    customer = view.current_customer_id()
    before = fetch(demo_store, "SELECT * FROM customers WHERE id = :c", {"c": customer})
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Cancel)
    view.detail.forget_button.click()
    assert fetch(demo_store, "SELECT * FROM customers WHERE id = :c", {"c": customer}) == before
