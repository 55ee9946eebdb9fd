""" "Changed by 李娜 at 10:02 while you were editing": what a refused save shows, and the stamps.

Every editor of a versioned row (plan items, customers' tags and note, tier rules, campaigns)
shows a :class:`ConflictBox` when the service raises
:class:`~app.services.edits.ConcurrentEditError`: nothing was overwritten, and the user chooses to
reload the other person's version (and apply their own change again by hand) or to keep their
edits on screen (to copy them) for now.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.edits import ConcurrentEditError, DeletedMeanwhileError


def when_text(moment: datetime | None, today: date | None = None) -> str:
    """``10:02`` for a time today, else ``2026-11-27 10:02`` ("" when unknown)."""
    if moment is None:
        return ""
    if moment.date() == (today or date.today()):
        return f"{moment:%H:%M}"
    return f"{moment:%Y-%m-%d %H:%M}"


def who_text(name: str) -> str:
    """A person's name, or "someone else" when the change was not signed."""
    return name or QCoreApplication.translate("ConflictBox", "someone else")


def conflict_text(error: ConcurrentEditError, today: date | None = None) -> str:
    """The sentence that says who changed (or deleted) the row, and that nothing was saved."""
    when = when_text(error.changed_at, today)
    if isinstance(error, DeletedMeanwhileError):
        text = (
            QCoreApplication.translate(
                "ConflictBox",
                "Deleted by %1 at %2 while you were editing. Your changes were not saved.",
            )
            if when
            else QCoreApplication.translate(
                "ConflictBox", "Deleted by %1 while you were editing. Your changes were not saved."
            )
        )
    else:
        text = (
            QCoreApplication.translate(
                "ConflictBox",
                "Changed by %1 at %2 while you were editing. Your changes were not saved.",
            )
            if when
            else QCoreApplication.translate(
                "ConflictBox", "Changed by %1 while you were editing. Your changes were not saved."
            )
        )
    return text.replace("%1", who_text(error.changed_by)).replace("%2", when)


def stamp_text(changed_by: str, changed_at: datetime | None, today: date | None = None) -> str:
    """``Last changed by 李娜 at 10:02``; "" for a row nobody has changed by hand."""
    if not changed_by and changed_at is None:
        return ""
    when = when_text(changed_at, today)
    text = (
        QCoreApplication.translate("ConflictBox", "Last changed by %1 at %2")
        if when
        else QCoreApplication.translate("ConflictBox", "Last changed by %1")
    )
    return text.replace("%1", who_text(changed_by)).replace("%2", when)


class ConflictBox(QMessageBox):
    """The refused save: who changed the row, and what to do now.

    Attributes:
        reload_button: load their version (the user applies their change again by hand).
        keep_button: close this message and keep the edits on screen (absent for a row that is
            gone, or when there is nothing to keep, such as a drag on the board).
    """

    def __init__(
        self,
        error: ConcurrentEditError,
        *,
        unsaved: str = "",
        can_keep: bool = True,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.setText(conflict_text(error, today))
        gone = isinstance(error, DeletedMeanwhileError)
        self.setInformativeText(
            self.tr("Nothing was overwritten. Close it and reload the list.")
            if gone
            else self.tr(
                "Nothing was overwritten. Reload their version, then make your change again."
            )
        )
        if unsaved:
            self.setDetailedText(self.tr("What you had typed:") + "\n" + unsaved)
        label = self.tr("Close and reload") if gone else self.tr("Reload their version")
        self.reload_button = self.addButton(label, QMessageBox.ButtonRole.AcceptRole)
        self.keep_button = None
        if can_keep and not gone:
            self.keep_button = self.addButton(
                self.tr("Keep my edits on screen"), QMessageBox.ButtonRole.RejectRole
            )
        self.setDefaultButton(self.reload_button)


def ask_to_reload(
    parent: QWidget,
    error: ConcurrentEditError,
    *,
    unsaved: str = "",
    can_keep: bool = True,
    today: date | None = None,
) -> bool:
    """Show a :class:`ConflictBox`; True when the user chose to reload."""
    box = ConflictBox(error, unsaved=unsaved, can_keep=can_keep, today=today, parent=parent)
    box.exec()
    return box.clickedButton() is box.reload_button or box.keep_button is None
