"""A/B tests in the Conversion tab: create one in the dialog and read its statistics in the panel,
checked against the two-proportion formulas computed here by hand."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.db import Reader, Store
from app.views.context import AppContext
from app.views.conversion.experiment_dialog import VIDEO, ExperimentDialog, VariantEditor
from app.views.conversion.experiments_view import ExperimentsView
from app.views.tabs.conversion_tab import ConversionTab
from tests.conftest import TODAY
from tests.gui.store_sql import one, rows

PLANNED = 5_000_000
NEWEST_SNAPSHOTS = """
SELECT v.id, s.views, COALESCE(s.likes, 0) + COALESCE(s.comments, 0) + COALESCE(s.shares, 0)
       + COALESCE(s.favorites, 0)
FROM videos v JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
WHERE v.platform = 'douyin' AND s.views > 0 AND s.likes IS NOT NULL
ORDER BY v.published_at DESC, v.id LIMIT 8
"""


@pytest.fixture
def reader(demo_store: Store) -> Iterator[Reader]:
    opened = demo_store.reader()
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, demo_store: Store, reader: Reader) -> ConversionTab:
    page = ConversionTab()
    qtbot.addWidget(page)
    page.store = demo_store
    page.resize(1400, 900)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=30_000):  # read on a worker
        page.load(reader, TODAY)
    assert page.body is not None
    page.body.views.setCurrentWidget(page.body.experiments_view)
    return page


@pytest.fixture
def view(page: ConversionTab) -> ExperimentsView:
    assert page.body is not None  # the page fixture keeps the tab (and this view) alive
    return page.body.experiments_view


def pick(editor: VariantEditor, name: str, video_ids: list[int]) -> None:
    editor.name_edit.setText(name)
    for video_id in video_ids:
        row = editor.model.row_of(VIDEO, video_id)
        assert row >= 0, f"video {video_id} is offered"
        index = editor.model.index(row, 0)
        assert editor.model.setData(
            index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )


def z_test(x_a: int, n_a: int, x_b: int, n_b: int) -> tuple[float, float, float, float]:
    """Difference b − a, its 95 % Wald interval and the pooled two-sided p-value, by hand."""
    p_a, p_b = x_a / n_a, x_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    pooled = (x_a + x_b) / (n_a + n_b)
    z = (p_b - p_a) / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return p_b - p_a, p_b - p_a - 1.959964 * se, p_b - p_a + 1.959964 * se, p_value


def test_the_demo_shops_two_experiments_are_listed_with_results(view: ExperimentsView) -> None:
    assert view.list_model.rowCount() == 2
    assert view.current_id() is not None
    assert view.result_model.rowCount() == 2
    assert view.result_model.value(0, "key") == "A"
    assert view.result_model.value(1, "interval").endswith("pp")


def test_creating_an_experiment_shows_its_statistics(
    view: ExperimentsView, demo_store: Store
) -> None:
    videos = rows(demo_store, NEWEST_SNAPSHOTS)
    assert len(videos) == 8
    group_a, group_b = videos[:4], videos[4:]
    dialog = view.make_dialog(None)
    assert isinstance(dialog, ExperimentDialog)
    dialog.name_edit.setText("口播 vs 剧情植入 (test)")
    dialog.hypothesis_edit.setPlainText("剧情植入的互动更高")
    dialog.metric_box.setCurrentIndex(dialog.metric_box.findData("interaction_rate"))
    dialog.size_spin.setValue(PLANNED)
    editor_a, editor_b = dialog.variant_editors()
    pick(editor_a, "口播", [v for v, _n, _x in group_a])
    pick(editor_b, "剧情植入", [v for v, _n, _x in group_b])
    assert "4 videos" in editor_b.count_label.text()
    dialog.accept()
    assert dialog.result() == ExperimentDialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    view.show_saved(dialog.saved_id)

    assert view.list_model.rowCount() == 3
    assert view.current_id() == dialog.saved_id
    n_a, x_a = sum(n for _v, n, _x in group_a), sum(x for _v, _n, x in group_a)
    n_b, x_b = sum(n for _v, n, _x in group_b), sum(x for _v, _n, x in group_b)
    model = view.result_model
    assert model.value(0, "trials") == n_a
    assert model.value(1, "successes") == x_b
    assert model.value(0, "rate") == pytest.approx(x_a / n_a)
    assert model.value(1, "rate") == pytest.approx(x_b / n_b)
    difference, low, high, p_value = z_test(x_a, n_a, x_b, n_b)
    assert model.value(1, "difference") == f"{difference * 100:+.2f} pp"
    assert model.value(1, "interval") == f"{low * 100:+.2f} to {high * 100:+.2f} pp"
    expected_p = "< 0.001" if p_value < 0.001 else f"{p_value:.3f}"
    assert model.value(1, "p_value") == expected_p
    assert model.value(0, "remaining") == PLANNED - n_a
    assert model.value(1, "remaining") == PLANNED - n_b
    assert view.peeking_label.isVisible()
    assert "Do not call a winner yet" in view.peeking_label.text()
    assert f"{PLANNED:,}" in view.needed_label.text()
    assert view.chart.figure is not None


def test_an_experiment_without_a_name_is_refused_and_not_stored(
    view: ExperimentsView, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = view.make_dialog(None)
    dialog.accept()
    assert warnings, "the owner is told why"
    assert dialog.saved_id is None
    assert dialog.result() != ExperimentDialog.DialogCode.Accepted
    assert one(demo_store, "SELECT COUNT(*) FROM experiments") == 2


def test_a_third_variant_can_be_added_and_removed(view: ExperimentsView) -> None:
    dialog = view.make_dialog(None)
    assert len(dialog.variant_editors()) == 2
    assert not dialog.remove_button.isEnabled()
    dialog.add_variant()
    assert [e.key for e in dialog.variant_editors()] == ["A", "B", "C"]
    dialog.remove_button.click()
    assert len(dialog.variant_editors()) == 2


def test_compute_fills_the_sample_size_for_the_minimum_effect(view: ExperimentsView) -> None:
    dialog = view.make_dialog(None)
    dialog.baseline_spin.setValue(10.0)
    dialog.effect_spin.setValue(2.0)
    dialog.compute_button.click()
    # Fleiss without continuity correction, alpha 0.05 two-sided, power 0.8: 10 % vs 12 %.
    z_a, z_b = 1.959964, 0.841621
    p_bar = 0.11
    needed = (
        z_a * math.sqrt(2 * p_bar * (1 - p_bar)) + z_b * math.sqrt(0.1 * 0.9 + 0.12 * 0.88)
    ) ** 2 / 0.02**2
    assert dialog.size_spin.value() == math.ceil(needed)


def test_a_variants_picker_searches_and_shows_the_picked_only(view: ExperimentsView) -> None:
    dialog = view.make_dialog(None)
    editor = dialog.variant_editors()[0]
    total = editor.model.rowCount()
    title = editor.model.index(0, 0).data()
    editor.search.setText(title[:6])
    assert 0 < editor.model.rowCount() < total
    assert all(
        title[:6].casefold() in editor.model.index(r, 0).data().casefold()
        for r in range(editor.model.rowCount())
    )
    editor.search.clear()
    pick_row = editor.model.index(2, 0)
    editor.model.setData(pick_row, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    editor.picked_only.setChecked(True)
    assert editor.model.rowCount() == 1
    editor.kind.set_value("plan")
    assert editor.model.rowCount() == 0, "the picked one is a video"
    assert editor.variant().video_ids


def test_editing_an_experiment_replaces_its_variants(
    view: ExperimentsView, demo_store: Store
) -> None:
    spec = view.current_spec()
    assert spec is not None
    dialog = view.make_dialog(spec)
    editor_a = dialog.variant_editors()[0]
    assert editor_a.name_edit.text() == spec.variants[0].name
    assert len(editor_a.model.checked) == len(spec.variants[0].video_ids)
    editor_a.name_edit.setText("痛点开头（改）")
    dropped = spec.variants[0].video_ids[0]
    index = editor_a.model.index(editor_a.model.row_of(VIDEO, dropped), 0)
    editor_a.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    dialog.accept()
    assert dialog.saved_id == spec.id
    view.show_saved(spec.id)
    name = one(
        demo_store,
        "SELECT name FROM experiment_variants WHERE experiment_id = :id AND key = 'A'",
        id=spec.id,
    )
    members = one(
        demo_store,
        "SELECT COUNT(*) FROM experiment_members WHERE experiment_id = :id AND variant = 'A'",
        id=spec.id,
    )
    assert name == "痛点开头（改）"
    assert members == len(spec.variants[0].video_ids) - 1
    assert view.result_model.value(0, "name") == "痛点开头（改）"
    assert view.result_model.value(0, "videos") == members
