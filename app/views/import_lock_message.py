"""What the window says when someone else on the team is importing into the server store."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.import_lock import LockHolder


def locked_message(holder: LockHolder, *, undo: bool = False) -> str:
    """Who is importing, from which computer, since when; that nothing of ours was done."""
    who = holder.name or QCoreApplication.translate("ImportLock", "Someone")
    if holder.host:
        who = (
            QCoreApplication.translate("ImportLock", "%1 (%2)")
            .replace("%1", who)
            .replace("%2", holder.host)
        )
    if undo and holder.since is None:
        text = QCoreApplication.translate(
            "ImportLock", "%1 is importing; undo this import when it finishes. Nothing was changed."
        )
    elif undo:
        text = QCoreApplication.translate(
            "ImportLock",
            "%1 has been importing since %2; undo this import when it finishes. "
            "Nothing was changed.",
        )
    elif holder.since is None:
        text = QCoreApplication.translate(
            "ImportLock", "%1 is importing; try again when it finishes. Nothing was imported."
        )
    else:
        text = QCoreApplication.translate(
            "ImportLock",
            "%1 has been importing since %2; try again when it finishes. Nothing was imported.",
        )
    since = holder.since.strftime("%H:%M") if holder.since is not None else ""
    return text.replace("%2", since).replace("%1", who)
