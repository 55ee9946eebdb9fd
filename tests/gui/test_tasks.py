"""Background jobs: results and errors arrive on the GUI thread; cancel stops and rolls back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.overview import store_is_empty
from app.services.progress import Cancelled, check_cancelled
from app.services.store import open_store
from app.tasks import Task, TaskRunner
from app.views.context import AppContext
from app.views.main_window import MainWindow


@pytest.fixture
def runner() -> TaskRunner:
    made = TaskRunner()
    yield made
    made.shutdown()


def test_result_and_progress_reach_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: list[tuple[int, int, str, bool]] = []
    main_thread = threading.current_thread()

    def job(task: Task) -> str:
        assert threading.current_thread() is not main_thread
        for step in range(3):
            task.update(step + 1, 3, f"step {step + 1}")
        return "done"

    task = runner.submit(job)
    task.progressed.connect(
        lambda d, t, s: seen.append((d, t, s, threading.current_thread() is main_thread))
    )
    with qtbot.waitSignal(task.succeeded, timeout=5000) as result:
        pass
    assert result.args == ["done"]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (3, 3, "step 3", True)


def test_errors_are_reported_not_raised(qtbot: QtBot, runner: TaskRunner) -> None:
    def job(task: Task) -> None:
        raise ValueError("bad file")

    with qtbot.waitSignal(runner.submit(job).failed, timeout=5000) as failure:
        pass
    assert isinstance(failure.args[0], ValueError)


def test_cancel_is_seen_by_the_job(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()

    def job(task: Task) -> None:
        release.wait(5)
        check_cancelled(task)

    task = runner.submit(job)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.failed, timeout=5000) as failure:
        pass
    assert isinstance(failure.args[0], Cancelled)


def test_cancelling_the_demo_build_leaves_an_empty_store(
    qtbot: QtBot, context: AppContext, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show_store(store)
    boxes: list[object] = []
    monkeypatch.setattr("app.views.main_window.QMessageBox.critical", lambda *a: boxes.append(a))
    gate = threading.Event()
    context.runner.submit(lambda _task: gate.wait(5))  # hold the worker so cancel comes first
    task = window.open_demo_shop()
    task.cancel()
    gate.set()
    with qtbot.waitSignal(task.failed, timeout=30_000) as failure:
        pass
    assert isinstance(failure.args[0], Cancelled)
    assert boxes == []  # a cancel is not an error
    demo = open_store(f"sqlite:///{Path(context.demo_path).resolve().as_posix()}")
    reader = demo.reader()
    assert store_is_empty(reader)
    reader.close()
    demo.dispose()
