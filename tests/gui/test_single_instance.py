"""One window per store: lock, bring-forward, stale locks, and the CLI writing beside the window."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import main
from app.config import sqlite_url
from app.db import Store
from app.services.backups import make_backup
from app.services.instance import lock_path, window_holding
from app.services.store import open_store
from app.views.app import Controller, GuiOptions
from app.views.context import AppContext
from app.views.main_window import MainWindow
from app.views.single_instance import StoreGuard, ask_window_to_come_forward
from tests.dump import dump_hash
from tests.exports import doudian_line, doudian_orders

ROOT = Path(__file__).resolve().parents[2]
IMPORTS = 5
posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and PID checks are POSIX")


@pytest.fixture
def guard(qapp: object) -> StoreGuard:
    held = StoreGuard()
    yield held  # type: ignore[misc]
    held.release_all()


def test_a_store_is_held_by_one_guard_and_other_stores_stay_free(
    guard: StoreGuard, tmp_path: Path
) -> None:
    first, second = tmp_path / "a" / "shop.db", tmp_path / "b" / "shop.db"
    other = StoreGuard()
    try:
        assert guard.claim(first)
        assert not other.claim(first)
        assert other.claim(second)  # the lock is per store, not per app
        assert window_holding(first) == os.getpid()
        guard.release(first)
        assert window_holding(first) is None
        assert other.claim(first)
    finally:
        other.release_all()


def test_a_second_launch_reaches_the_first_window(
    qtbot: QtBot, guard: StoreGuard, tmp_path: Path
) -> None:
    path = tmp_path / "shop.db"
    assert guard.claim(path)
    with qtbot.waitSignal(guard.activation_requested, timeout=5000) as asked:
        assert ask_window_to_come_forward(path)
    assert asked.args == [str(path)]
    assert not ask_window_to_come_forward(tmp_path / "nobody.db")


def run_shopreel(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_launching_the_app_again_on_the_same_store_brings_the_window_forward(
    qtbot: QtBot, context: AppContext, guard: StoreGuard, demo_db: Path, tmp_path: Path
) -> None:
    context.guard = guard
    assert guard.claim(demo_db)
    controller = Controller(context)
    guard.activation_requested.connect(controller.bring_forward)
    assert controller.start(GuiOptions(url=sqlite_url(demo_db)), on_loaded=None)
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    controller.window.showMinimized()
    home = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    second = run_shopreel("--db", str(demo_db), env=home)
    with qtbot.waitSignal(guard.activation_requested, timeout=60_000):
        pass
    _out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "already open" in err
    assert not controller.window.isMinimized()
    assert controller.window.isVisible()


@posix_only
def test_the_lock_of_a_killed_window_is_taken_over(guard: StoreGuard, tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom PySide6.QtCore import QLockFile\n"
            f"lock = QLockFile({str(lock_path(path))!r}); lock.setStaleLockTime(0)\n"
            "print(lock.tryLock(0), flush=True)\ntime.sleep(120)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
        assert window_holding(path) == holder.pid
        assert not guard.claim(path)  # a live window keeps its store
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert lock_path(path).exists()  # the crash left its lock behind …
    assert window_holding(path) is None
    assert guard.claim(path)  # … and the next launch takes it over


def test_restore_from_the_command_line_waits_for_the_window(
    guard: StoreGuard, demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = make_backup(demo_db, "manual")
    with closing(sqlite3.connect(demo_db)) as conn:
        conn.execute("DELETE FROM order_lines")
        conn.commit()
    before = dump_hash(demo_db)
    assert guard.claim(demo_db)
    assert main(["restore", str(backup.path), "--db", str(demo_db)]) == 1
    assert f"process {os.getpid()}" in capsys.readouterr().err
    assert dump_hash(demo_db) == before
    guard.release(demo_db)
    assert main(["restore", str(backup.path), "--db", str(demo_db)]) == 0
    assert dump_hash(demo_db) != before


@pytest.mark.sqlite_only  # one window per store FILE (a lock file)
def test_the_window_will_not_open_a_store_another_window_shows(
    qtbot: QtBot,
    context: AppContext,
    guard: StoreGuard,
    demo_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other_path = tmp_path / "other.db"
    open_store(sqlite_url(other_path)).dispose()
    elsewhere = StoreGuard()
    assert elsewhere.claim(other_path)
    context.guard = guard
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.switch_to_url(demo_store.url)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: said.append(a[2]))
    with qtbot.waitSignal(elsewhere.activation_requested, timeout=5000):
        window.switch_to_url(sqlite_url(other_path))
    assert "already open in another ShopReel window" in said[0]
    assert window.store is not None
    assert window.store.sqlite_path == demo_store.sqlite_path
    assert guard.holds(demo_store.sqlite_path)  # type: ignore[arg-type]
    elsewhere.release_all()


def test_the_command_line_imports_while_the_window_is_open_and_the_window_refreshes(
    qtbot: QtBot, context: AppContext, demo_store: Store, demo_db: Path, tmp_path: Path
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.data_loaded, timeout=5000):
        window.show_store(demo_store)
    window.tabs.setCurrentIndex(IMPORTS)
    batches = window.tab_pages[IMPORTS].model.rowCount()
    export = doudian_orders(tmp_path / "orders.csv", [doudian_line(n) for n in range(5)])
    importer = run_shopreel("import", str(export), "--db", str(demo_db))
    with qtbot.waitSignal(window.data_loaded, timeout=60_000):
        out, err = importer.communicate(timeout=60)
    assert importer.returncode == 0, err
    assert "5 new" in out
    assert window.tab_pages[IMPORTS].model.rowCount() == batches + 1
