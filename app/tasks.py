"""Run a service off the GUI thread, with progress and a Cancel that works.

A service is a plain callable taking a :class:`~app.services.progress.Progress`; the runner hands
it a :class:`Task`, which forwards its reports to the GUI thread through queued signals. Writes go
through one worker so two jobs never write the store at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


class Task(QObject):
    """A running job; also the ``Progress`` handed to the service.

    Signals:
        progressed(done, total, status): a step finished.
        stepped(fraction): how far (0 to 1) the step after the finished ones is.
        succeeded(result): the job returned.
        failed(error): the job raised (a Cancelled error too).
    """

    progressed = Signal(int, int, str)
    stepped = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def update(self, done: int, total: int, status: str = "") -> None:
        """Report progress (called from the worker thread)."""
        self.progressed.emit(done, total, status)

    def step(self, fraction: float) -> None:
        """Report how far the current step is (called from the worker thread)."""
        self.stepped.emit(fraction)

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it rolls back what it was doing."""
        self._cancel.set()

    def on_success(self, slot: Callable[[Any], None]) -> Task:
        """Connect ``slot`` to the result; returns self for chaining."""
        self.succeeded.connect(slot)
        return self

    def on_failure(self, slot: Callable[[BaseException], None]) -> Task:
        """Connect ``slot`` to the error; returns self for chaining."""
        self.failed.connect(slot)
        return self


class TaskRunner(QObject):
    """Owns the single worker thread that runs jobs touching the store."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopreel-task")

    def submit(self, job: Callable[[Task], Any]) -> Task:
        """Run ``job(task)`` on the worker once control returns to the event loop.

        Connect to the returned task's signals right away; the job starts after that.
        """
        task = Task(self)

        def run() -> None:
            try:
                result = job(task)
            except BaseException as exc:  # noqa: BLE001 - every failure is reported to the GUI
                if not task.cancelled:
                    log.exception("background task failed")
                task.failed.emit(exc)
            else:
                task.succeeded.emit(result)

        # Start on the next turn of the event loop, after the caller has connected its slots:
        # a quick job could otherwise finish before anyone listens.
        QTimer.singleShot(0, task, lambda: self._executor.submit(run))
        return task

    def shutdown(self) -> None:
        """Wait for the running job and stop the worker."""
        self._executor.shutdown(wait=True, cancel_futures=True)
