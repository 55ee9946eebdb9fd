"""The Traffic tab on the demo shop: filters, key figures, sorting, search, columns, export,
labelling, the detail panel and every sub-view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Reader, Store
from app.services.stats import Month, month_stats
from app.views.context import AppContext
from app.views.tabs.traffic_tab import EMPTY_PAGE, TrafficTab
from app.views.traffic.traffic_view import TrafficView
from app.views.traffic.videos_view import VideosView
from tests.conftest import TODAY
from tests.gui.store_sql import execute, one, rows

VIDEO_STATS = {"videos": "videos_published", "views": "video_views", "likes": "likes"}


@pytest.fixture
def reader(demo_store: Store) -> Iterator[Reader]:
    opened = demo_store.reader()
    yield opened
    opened.close()


@pytest.fixture
def tab(qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader) -> TrafficTab:
    page = TrafficTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1400, 860)
    page.show()
    with qtbot.waitSignal(page.loaded):
        page.load(reader, TODAY)
    return page


def body(tab: TrafficTab) -> TrafficView:
    assert tab.body is not None
    return tab.body


def card_text(tab: TrafficTab, key: str) -> str:
    return tab.cards[key].value.text()


def videos_view(tab: TrafficTab) -> VideosView:
    return body(tab).videos_view


def test_opens_on_this_month_with_the_figures_of_shopreel_stats(
    tab: TrafficTab, reader: Reader
) -> None:
    stats = month_stats(reader, Month(2026, 11))
    assert body(tab).filter_bar.period.period() == (TODAY.replace(day=1), TODAY)
    for key, stat in VIDEO_STATS.items():
        assert card_text(tab, key) == f"{stats[stat]:,}", key
    assert tab.model.rowCount() == stats["videos_published"]
    assert tab.pages.currentIndex() == 0


def test_opens_on_the_newest_month_with_videos_when_this_month_has_none(
    qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader
) -> None:
    from datetime import date

    page = TrafficTab()
    qtbot.addWidget(page)
    page.load(reader, date(2027, 1, 10))
    assert body(page).filter_bar.period.preset() == "month:2026-11"
    assert page.model.rowCount() == month_stats(reader, Month(2026, 11))["videos_published"]
    page.load(reader, date(2027, 1, 10))  # a reload keeps what the user chose
    body(page).filter_bar.period.set_preset("last_90")
    page.load(reader, date(2027, 1, 10))
    assert body(page).filter_bar.period.preset() == "last_90"


def test_shares_are_partial_when_kuaishou_does_not_export_them(
    tab: TrafficTab, reader: Reader
) -> None:
    stats = month_stats(reader, Month(2026, 11))
    shares = tab.cards["shares"]
    assert shares.value.text() == f"{stats['shares']:,}"  # stats counts 快手 as 0
    assert shares.partial.isVisible()
    assert "Kuaishou" in shares.toolTip()
    assert not tab.cards["views"].partial.isVisible()


def test_a_platform_and_a_month_change_the_figures_and_rows(
    tab: TrafficTab, reader: Reader
) -> None:
    bar = body(tab).filter_bar
    bar.platforms.set_selected(["douyin"])
    douyin = month_stats(reader, Month(2026, 11))["by_platform"]["videos"]["douyin"]
    assert card_text(tab, "videos") == f"{douyin['videos_published']:,}"
    assert card_text(tab, "views") == f"{douyin['video_views']:,}"
    assert tab.model.rowCount() == douyin["videos_published"]
    assert {tab.model.value(r, "platform") for r in range(tab.model.rowCount())} == {"douyin"}
    bar.period.set_preset("month:2026-10")
    october = month_stats(reader, Month(2026, 10))["by_platform"]["videos"]["douyin"]
    assert card_text(tab, "views") == f"{october['video_views']:,}"
    assert tab.model.rowCount() == october["videos_published"]


def test_the_change_compares_with_the_previous_period_of_the_same_length(
    tab: TrafficTab, demo_store: Store
) -> None:
    body(tab).filter_bar.period.set_preset("last_7")  # 11-22 … 11-28 against 11-15 … 11-21
    count = "SELECT COUNT(*) FROM videos WHERE published_at >= :start AND published_at < :end"
    now = one(demo_store, count, start="2026-11-22", end="2026-11-29")
    before = one(demo_store, count, start="2026-11-15", end="2026-11-22")
    card = tab.cards["videos"]
    assert card.value.text() == str(now)
    assert card.delta.text().endswith(f"{abs(now - before) / before:.1%}")
    assert card.trend == ("up" if now > before else "down" if now < before else "")
    assert "Nov 15, 2026 – Nov 21, 2026" in card.toolTip()


def test_a_custom_range_without_videos_shows_zero_videos_and_unknown_rates(
    tab: TrafficTab,
) -> None:
    from datetime import date

    body(tab).filter_bar.period.set_range(date(2020, 1, 1), date(2020, 1, 31))
    assert card_text(tab, "videos") == "0"
    assert card_text(tab, "completion_rate") == "—"
    assert tab.model.rowCount() == 0
    assert tab.pages.currentIndex() == 0  # the store has videos: filters stay reachable


def test_sorting_by_views_puts_the_most_viewed_first_and_unknowns_last(tab: TrafficTab) -> None:
    model, table = tab.model, tab.table
    views = model.column_of("views")
    table.sortByColumn(views, Qt.SortOrder.DescendingOrder)
    values = [model.value(r, "views") for r in range(model.rowCount())]
    known = [v for v in values if v is not None]
    assert values[0] == max(known)
    assert known == sorted(known, reverse=True)
    completion = model.column_of("completion_rate")
    table.sortByColumn(completion, Qt.SortOrder.DescendingOrder)
    rates = [model.value(r, "completion_rate") for r in range(model.rowCount())]
    assert None in rates, "TikTok exports no completion rate in the demo"
    first_unknown = rates.index(None)
    assert all(r is None for r in rates[first_unknown:])
    assert model.index(first_unknown, completion).data() == "—"


def test_search_narrows_the_rows_and_says_how_many(tab: TrafficTab) -> None:
    total = tab.model.rowCount()
    tab.filter_box.setText("盖了三年")
    shown = tab.model.rowCount()
    assert 0 < shown < total
    assert all("盖了三年" in tab.model.value(r, "title") for r in range(shown))
    assert tab.count_label.text() == f"{shown} of {total} rows"


def test_the_column_chooser_hides_a_column_and_remembers_it(qtbot: QtBot, tab: TrafficTab) -> None:
    chooser = videos_view(tab).columns
    views = tab.model.column_of("views")
    assert not tab.table.horizontalHeader().isSectionHidden(views)
    assert tab.table.horizontalHeader().isSectionHidden(tab.model.column_of("tags"))  # default
    chooser.set_column_visible("views", False)
    assert tab.table.horizontalHeader().isSectionHidden(views)
    assert "views" not in chooser.visible_ids()
    again = VideosView()
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().isSectionHidden(views)


def export(qtbot: QtBot, view: VideosView, target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    with qtbot.waitSignal(view.exported, timeout=20_000):
        view.export_button.click()
    assert view.export_button.isEnabled()
    assert str(target) in view.export_label.text()


def test_export_writes_the_visible_rows_and_columns(
    qtbot: QtBot, tab: TrafficTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    view = videos_view(tab)
    tab.table.sortByColumn(tab.model.column_of("views"), Qt.SortOrder.DescendingOrder)
    tab.filter_box.setText("douyin")
    view.columns.set_column_visible("published_at", False)
    export(qtbot, view, tmp_path / "videos.xlsx", monkeypatch)
    workbook = load_workbook(tmp_path / "videos.xlsx", read_only=True)
    written = list(workbook.active.values)
    workbook.close()  # a read-only workbook keeps its file open until closed
    header = list(written[0])
    shown = view.columns.visible_ids()
    assert len(header) == len(shown) + 1  # GMV's currency follows it
    assert header[:2] == ["Title", "Platform"]
    assert "Published" not in header
    assert "Length (s)" in header
    assert header[header.index("GMV") + 1] == "Currency"
    assert len(written) - 1 == tab.model.rowCount()
    columns = {name: header.index(name) for name in ("Title", "Views", "Completion")}
    for row in range(tab.model.rowCount()):
        assert written[row + 1][columns["Title"]] == tab.model.value(row, "title")
        assert written[row + 1][columns["Views"]] == tab.model.value(row, "views")
        assert written[row + 1][columns["Completion"]] == tab.model.value(row, "completion_rate")
    assert {r[1] for r in written[1:]} == {"Douyin"}


def test_export_to_csv_keeps_chinese_for_excel(
    qtbot: QtBot, tab: TrafficTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv
    import io

    export(qtbot, videos_view(tab), tmp_path / "videos.csv", monkeypatch)
    raw = (tmp_path / "videos.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) - 1 == tab.model.rowCount()
    titles = {r[0] for r in rows[1:]}
    assert titles == {tab.model.value(r, "title") for r in range(tab.model.rowCount())}


def test_export_masks_a_phone_in_a_title_and_honours_the_name_setting(
    qtbot: QtBot,
    context: AppContext,
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.services import export as export_service
    from app.views.preferences import set_masks_names

    execute(demo_store, "UPDATE videos SET title = '加我 13812345678 领券' || id")
    reader = demo_store.reader()
    page = TrafficTab()
    qtbot.addWidget(page)
    page.store = demo_store
    with qtbot.waitSignal(page.loaded):
        page.load(reader, TODAY)
    view = videos_view(page)
    asked: list[bool] = []
    write = export_service.export_frame_csv

    def spy(*args: object, mask_names: bool = False, **kwargs: object) -> None:
        asked.append(mask_names)
        write(*args, mask_names=mask_names, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export_service, "export_frame_csv", spy)
    set_masks_names(view.settings, True)
    export(qtbot, view, tmp_path / "videos.csv", monkeypatch)
    reader.close()
    text = (tmp_path / "videos.csv").read_text(encoding="utf-8-sig")
    assert asked == [True]
    assert text.count("加我 138****5678 领券") == page.model.rowCount() > 0
    assert "13812345678" not in text


def test_labelling_a_video_writes_the_store_and_tells_the_window(
    qtbot: QtBot, tab: TrafficTab, demo_store: Store
) -> None:
    view = videos_view(tab)
    view.table.selectRow(0)
    video_id = view.current_video_id()
    pillar_id, pillar = rows(
        demo_store,
        "SELECT id, name FROM content_pillars WHERE id != "
        "COALESCE((SELECT pillar_id FROM videos WHERE id = :id), 0) ORDER BY id LIMIT 1",
        id=video_id,
    )[0]
    combo = view.detail.pillar
    with qtbot.waitSignal(tab.data_changed):
        combo.activated.emit(combo.findData(pillar_id))
    assert rows(demo_store, "SELECT pillar_id FROM videos WHERE id = :id", id=video_id) == [
        (pillar_id,)
    ]
    row = tab.model.row_of("video_id", video_id)
    assert tab.model.value(row, "pillar") == pillar
    with qtbot.waitSignal(tab.data_changed):
        combo.activated.emit(combo.findData(None))
    assert rows(demo_store, "SELECT pillar_id FROM videos WHERE id = :id", id=video_id) == [(None,)]


def test_an_unknown_pillar_changes_nothing_and_says_why(
    qtbot: QtBot, tab: TrafficTab, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    view = videos_view(tab)
    view.table.selectRow(0)
    video_id = view.current_video_id()
    before = rows(demo_store, "SELECT pillar_id FROM videos WHERE id = :id", id=video_id)
    with qtbot.assertNotEmitted(tab.data_changed):
        view.labels_requested.emit([video_id], "pillar_id", 99_999)  # deleted meanwhile
    assert rows(demo_store, "SELECT pillar_id FROM videos WHERE id = :id", id=video_id) == before
    assert len(warnings) == 1
    assert "99999" in warnings[0]


def test_a_template_labels_every_selected_video(
    qtbot: QtBot, tab: TrafficTab, demo_store: Store
) -> None:
    view = videos_view(tab)
    view.table.selectRow(0)
    for row in (1, 2):
        index = tab.model.index(row, 0)
        view.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    ids = view.selected_video_ids()
    assert len(ids) == 3
    marks = ", ".join(f":v{n}" for n in range(len(ids)))
    by_mark = {f"v{n}": video for n, video in enumerate(ids)}
    # A template none of them has yet (the demo links some videos to plan items' templates).
    template_id, name = rows(
        demo_store,
        "SELECT id, name FROM templates WHERE id NOT IN"
        f" (SELECT template_id FROM videos WHERE id IN ({marks}) AND template_id IS NOT NULL)"
        " ORDER BY id LIMIT 1",
        **by_mark,
    )[0]
    combo = view.detail.template
    with qtbot.waitSignal(tab.data_changed):
        combo.activated.emit(combo.findData(template_id))
    labelled = rows(demo_store, f"SELECT template_id FROM videos WHERE id IN ({marks})", **by_mark)
    assert labelled == [(template_id,)] * 3
    shown = {tab.model.value(tab.model.row_of("video_id", i), "template") for i in ids}
    assert shown == {name}
    bar = body(tab).filter_bar
    bar.templates.set_selected([template_id])  # the in-memory frame follows the store
    assert {tab.model.value(r, "video_id") for r in range(tab.model.rowCount())} >= set(ids)


def test_the_detail_panel_shows_the_selected_videos_history(
    tab: TrafficTab, demo_store: Store
) -> None:
    from datetime import date

    body(tab).filter_bar.period.set_range(date(2000, 1, 1), TODAY)
    view = videos_view(tab)
    by_snapshots = """SELECT v.id, v.title, MAX(s.views) FROM videos v
        JOIN video_snapshots s ON s.video_id = v.id
        GROUP BY v.id HAVING COUNT(s.id) = :snapshots AND MAX(s.views) IS NOT NULL
        ORDER BY v.id LIMIT 1"""
    video_id, title, _ = rows(demo_store, by_snapshots, snapshots=2)[0]
    assert view.select_video(video_id)
    detail = view.detail
    assert detail.title.text() == title
    assert detail.history is not None
    assert len(detail.history) == 2
    row = tab.model.row_of("video_id", video_id)
    assert detail.facts["views"].text() == f"{tab.model.value(row, 'views'):,.0f}"
    assert detail.chart.figure is not None
    assert not view.grab().isNull()  # the panel paints (no widget attribute shadows Qt's)
    video_id, _, views = rows(demo_store, by_snapshots, snapshots=1)[0]
    assert view.select_video(video_id)
    assert detail.chart.figure is None  # one export is a value, not a history
    assert f"Views {views:,}" in detail.chart.message.text()


def test_the_table_opens_newest_first(tab: TrafficTab) -> None:
    published = [tab.model.value(r, "published_at") for r in range(tab.model.rowCount())]
    assert published == sorted(published, reverse=True)
    header = tab.table.horizontalHeader()
    assert header.sortIndicatorSection() == tab.model.column_of("published_at")
    assert videos_view(tab).detail.record is not None  # the first video's details show


def test_only_the_sub_view_in_front_redraws_on_a_filter_change(tab: TrafficTab) -> None:
    view = body(tab)
    view.filter_bar.platforms.set_selected(["kuaishou"])
    assert not view.videos_view.stale
    assert all(v.stale for v in view.sub_views()[1:])
    view.views.setCurrentWidget(view.topics_view)
    assert not view.topics_view.stale


def test_every_sub_view_renders_on_the_demo_shop(tab: TrafficTab) -> None:
    view = body(tab)
    view.filter_bar.period.set_preset("last_90")
    for page in view.sub_views():
        view.views.setCurrentWidget(page)
        assert not page.stale
    assert view.trends_view.chart.figure is not None
    assert view.trends_view.sources.text()
    assert view.comparisons_view.chart.figure is not None
    assert view.comparisons_view.model.rowCount() == 5  # platforms
    assert view.comparisons_view.top_model.rowCount() == 10
    assert view.comparisons_view.findings.text().startswith("•")
    assert view.topics_view.model.rowCount() > 0
    assert view.distribution_view.histogram.figure is not None
    assert view.distribution_view.scatter.figure is not None


def test_an_empty_store_shows_the_empty_page(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    page = TrafficTab()
    qtbot.addWidget(page)
    reader = store.reader()
    page.load(reader, TODAY)
    reader.close()
    assert page.pages.currentIndex() == EMPTY_PAGE


def test_double_clicking_a_top_video_shows_it_in_the_video_table(tab: TrafficTab) -> None:
    view = body(tab)
    view.views.setCurrentWidget(view.comparisons_view)
    top = view.comparisons_view.top_model
    best = top.value(0, "video_id")
    assert (
        best
        == max(
            (tab.model.value(r, "views") or 0, tab.model.value(r, "video_id"))
            for r in range(tab.model.rowCount())
        )[1]
    )
    tab.filter_box.setText("no title has this")
    view.comparisons_view.top_table.doubleClicked.emit(top.index(0, 0))
    assert view.views.currentWidget() is view.videos_view
    assert view.videos_view.current_video_id() == best
    assert tab.filter_box.text() == ""  # the search that hid it was cleared


def test_many_videos_have_their_topics_counted_off_the_gui_thread(
    qtbot: QtBot, tab: TrafficTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.analytics.traffic import topics
    from app.views.traffic import topics_view

    monkeypatch.setattr(topics_view, "SYNC_VIDEOS", 10)  # the demo month has 52 videos
    view = body(tab)
    with qtbot.waitSignal(view.topics_view.counted, timeout=20_000):
        view.views.setCurrentWidget(view.topics_view)
        assert "Counting the topics of 52 videos" in view.topics_view.chart.message.text()
    expected = topics(view.data.selected, kind="hashtag", min_videos=2)  # type: ignore[union-attr]
    shown = [view.topics_view.model.value(r, "topic") for r in range(len(expected))]
    assert shown == expected["topic"].tolist()
    assert view.topics_view.chart.figure is not None
