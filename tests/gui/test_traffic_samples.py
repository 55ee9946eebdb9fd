"""The Traffic tab over the shared sample exports: each month's cards say what truth.json says."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.db import Store
from app.views.context import AppContext
from app.views.tabs.traffic_tab import TrafficTab
from tests.conftest import SAMPLES, TODAY
from tests.gui.store_sql import imported_samples

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8")) if SAMPLES.is_dir() else {}
MONTHS = sorted(TRUTH.get("months", {}))
CARDS = {"videos": "videos_published", "views": "video_views", "likes": "likes"}
CARDS |= {"comments": "comments", "shares": "shares"}


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Every sample imported in truth.json's order (a SQLite file, or a server database)."""
    files = [SAMPLES / name for name in TRUTH["import_order"]]
    yield from imported_samples(tmp_path_factory.mktemp("samples"), files)


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, samples_store: Store) -> Iterator[TrafficTab]:
    reader = samples_store.reader()
    page = TrafficTab()
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    page.load(reader, TODAY)
    yield page
    reader.close()


def test_opens_on_the_newest_month_with_videos(tab: TrafficTab) -> None:
    assert tab.body is not None
    assert tab.body.filter_bar.period.preset() == f"month:{MONTHS[-1]}"  # November is empty


@pytest.mark.parametrize("month", MONTHS)
def test_each_months_cards_equal_truth(tab: TrafficTab, month: str) -> None:
    assert tab.body is not None
    tab.body.filter_bar.period.set_preset(f"month:{month}")
    truth = TRUTH["months"][month]
    for card, figure in CARDS.items():
        assert tab.cards[card].value.text() == f"{truth[figure]:,}", (month, card)
    assert tab.model.rowCount() == truth["videos_published"]
    assert tab.cards["shares"].partial.isVisible()  # 快手 exports no shares: a partial total
    assert "Kuaishou" in tab.cards["shares"].toolTip()


@pytest.mark.parametrize("platform", ["douyin", "tiktok", "kuaishou"])
def test_one_platforms_cards_equal_truth(tab: TrafficTab, platform: str) -> None:
    assert tab.body is not None
    month = MONTHS[0]
    tab.body.filter_bar.period.set_preset(f"month:{month}")
    tab.body.filter_bar.platforms.set_selected([platform])
    truth = TRUTH["months"][month]["by_platform"]["videos"][platform]
    for card in ("videos", "views", "likes", "comments"):
        assert tab.cards[card].value.text() == f"{truth[CARDS[card]]:,}", (platform, card)
    shares = tab.cards["shares"].value.text()
    assert shares == ("—" if platform == "kuaishou" else f"{truth['shares']:,}")


def test_every_sub_view_draws_on_the_samples(tab: TrafficTab) -> None:
    body = tab.body
    assert body is not None
    body.filter_bar.period.set_preset(f"month:{MONTHS[0]}")
    for page in body.sub_views():
        body.views.setCurrentWidget(page)
        assert not page.stale
    assert body.trends_view.chart.figure is not None
    assert body.comparisons_view.model.rowCount() > 0
    assert body.topics_view.model.rowCount() > 0
    assert body.distribution_view.histogram.figure is not None
