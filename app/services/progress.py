"""How long-running services report progress and learn they were cancelled."""

from __future__ import annotations

from typing import Protocol

from app.importers.errors import StopReading


class Cancelled(StopReading):
    """The user cancelled; the service rolled back what it was doing."""


class Progress(Protocol):
    """Handed to long services: ``update`` reports, ``cancelled`` is polled between steps."""

    def update(self, done: int, total: int, status: str = "") -> None:
        """Report that ``done`` of ``total`` steps are finished."""
        ...

    def step(self, fraction: float) -> None:
        """Report how far (0 to 1) the step after the ``done`` ones is: a big file's import."""
        ...

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        ...


class NullProgress:
    """Progress that nobody watches (CLI without a bar, tests)."""

    cancelled = False

    def update(self, done: int, total: int, status: str = "") -> None:
        """Ignore the report."""

    def step(self, fraction: float) -> None:
        """Ignore the report."""


class RecordingProgress:
    """Keeps every report; cancels after ``cancel_after`` updates (for tests and the CLI)."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.updates: list[tuple[int, int, str]] = []
        self.steps: list[float] = []
        self._cancel_after = cancel_after

    def update(self, done: int, total: int, status: str = "") -> None:
        """Record the report."""
        self.updates.append((done, total, status))

    def step(self, fraction: float) -> None:
        """Record how far the current step is (does not count towards ``cancel_after``)."""
        self.steps.append(fraction)

    @property
    def cancelled(self) -> bool:
        """True once ``cancel_after`` updates were seen."""
        return self._cancel_after is not None and len(self.updates) >= self._cancel_after


def check_cancelled(progress: Progress) -> None:
    """Raise :class:`Cancelled` when the user asked to stop."""
    if progress.cancelled:
        raise Cancelled()
