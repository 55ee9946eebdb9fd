"""The Customers tab over the shared sample exports: its figures are truth.json's."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.db import Store
from app.views.context import AppContext
from app.views.tabs.customers_tab import CustomersTab
from tests.conftest import SAMPLES, TODAY
from tests.gui.store_sql import imported_samples

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8")) if SAMPLES.is_dir() else {}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every sample imported in truth.json's order (a SQLite file, or a server database)."""
    files = [SAMPLES / name for name in TRUTH["import_order"]]
    yield from imported_samples(tmp_path_factory.mktemp("samples"), files)


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, samples_store: Store) -> Iterator[CustomersTab]:
    reader = samples_store.reader()
    page = CustomersTab()
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    page.load(reader, TODAY)
    yield page
    reader.close()


def test_buyers_and_customers_are_truths(tab: CustomersTab) -> None:
    after = TRUTH["store_after_import"]
    buyers = after["customers_with_paid_orders"]
    assert tab.cards["buyers"].value.text() == f"{buyers:,}"
    # 有赞 customers carry no orders (nor do buyers whose orders were never paid): not buyers.
    customers = int(tab.cards["customers"].value.text().replace(",", ""))
    assert customers - buyers >= after["youzan_customers"]
    assert tab.body is not None
    rfm = tab.body.rfm_view
    tab.body.views.setCurrentWidget(rfm)
    assert len(rfm.scored) == buyers


def test_cohort_sizes_are_each_months_new_customers(tab: CustomersTab) -> None:
    assert tab.body is not None
    ltv = tab.body.ltv_view
    tab.body.views.setCurrentWidget(ltv)
    sizes = ltv.cohort_frame.drop_duplicates(["cohort", "currency"]).groupby("cohort")
    for month, figures in TRUTH["months"].items():
        assert int(sizes["cohort_size"].sum().get(month, 0)) == figures["new_customers"], month
