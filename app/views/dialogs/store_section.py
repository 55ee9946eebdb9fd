"""Settings › Store: which store this window shows, and a team server to use instead.

The section only collects the user's choice; the main window switches stores once Settings has
closed (as it does for encryption), so the profile being edited is saved where it was read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config import describe_url, sqlite_path_of
from app.db import StoreError
from app.services.team_store import ServerProbe, check_server_url, probe_server
from app.tasks import Task, TaskRunner

USE_SERVER, USE_LOCAL = "server", "local"
ERROR_STYLE = "color: #c0392b"


class StoreSection(QGroupBox):
    """Shows the store in use; tests a team server's URL and asks to switch to it (or back).

    Signals:
        requested(): the user asked to switch; :meth:`request` says to what.
    """

    requested = Signal()

    def __init__(
        self,
        current_url: str,
        server_field: str,
        runner: TaskRunner,
        *,
        complete_url: Callable[[str], str],
        password_in_keyring: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Store"))
        self._runner, self._complete = runner, complete_url
        self._request: tuple[str, str] | None = None
        self.test_task: Task | None = None
        on_server = sqlite_path_of(current_url) is None
        self.current_label = QLabel(describe_url(current_url))
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current_label.setWordWrap(True)
        self.url_edit = QLineEdit(server_field)
        self.url_edit.setPlaceholderText("postgresql://user:password@host:5432/shop")
        self.url_edit.textChanged.connect(self._on_url_edit_text_changed)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.use_button = QPushButton(self.tr("Use this server"))
        self.use_button.clicked.connect(self.use_server)
        self.local_button = QPushButton(self.tr("Back to this computer's store"))
        self.local_button.clicked.connect(self.use_local)
        self.local_button.setEnabled(on_server)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.note_label = QLabel(self._password_note(password_in_keyring))
        self.note_label.setWordWrap(True)
        self._build_layout()
        self._on_url_edit_text_changed(server_field)

    def _password_note(self, in_keyring: bool) -> str:
        if in_keyring:
            return self.tr(
                "Everyone on the team uses the same server. The password is kept in this "
                "computer's keyring."
            )
        return self.tr(
            "Everyone on the team uses the same server. This computer has no keyring: the "
            "password is kept in ShopReel's settings file."
        )

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("This window shows"), self.current_label)
        form.addRow(self.tr("Team server"), self.url_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        buttons.addWidget(self.local_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.note_label)

    def _on_url_edit_text_changed(self, text: str) -> None:
        has_text = bool(text.strip())
        self.test_button.setEnabled(has_text)
        self.use_button.setEnabled(has_text)

    def _checked_url(self) -> str | None:
        """The field's URL with the remembered password, or None after saying what is wrong."""
        try:
            return self._complete(check_server_url(self.url_edit.text()))
        except StoreError:
            self._show(
                self.tr(
                    "A team server's address looks like postgresql://user:password@host:5432/shop."
                ),
                error=True,
            )
            return None

    def test_connection(self) -> Task | None:
        """Connect on the worker; say the server's version, its ShopReel schema and shop."""
        url = self._checked_url()
        if url is None:
            return None
        self.test_button.setEnabled(False)
        self._show(self.tr("Connecting…"))
        task = self._runner.submit(lambda _task: probe_server(url))
        task.on_success(self._on_probe_succeeded)
        task.on_failure(self._on_probe_failed)
        self.test_task = task
        return task

    def _on_probe_succeeded(self, probe: ServerProbe) -> None:
        self.test_button.setEnabled(True)
        self._show(self.describe_probe(probe))

    def _on_probe_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self._show(self.tr("Cannot connect: %1").replace("%1", str(error)), error=True)

    def describe_probe(self, probe: ServerProbe) -> str:
        """One line: connected, the server's version, and what ShopReel finds there."""
        if probe.revision is None:
            text = self.tr(
                "Connected: PostgreSQL %1. The database is empty: ShopReel sets it up when you "
                "use it."
            )
        elif probe.shop_name:
            text = self.tr("Connected: PostgreSQL %1. ShopReel schema %2, shop “%3”.")
        else:
            text = self.tr("Connected: PostgreSQL %1. ShopReel schema %2, no shop name yet.")
        return (
            text.replace("%1", probe.version)
            .replace("%2", probe.revision or "")
            .replace("%3", probe.shop_name or "")
        )

    def use_server(self) -> None:
        """Ask to switch the window to the server in the field."""
        url = self._checked_url()
        if url is not None:
            self._request = (USE_SERVER, url)
            self.requested.emit()

    def use_local(self) -> None:
        """Ask to switch back to this computer's store."""
        self._request = (USE_LOCAL, "")
        self.requested.emit()

    def request(self) -> tuple[str, str] | None:
        """(USE_SERVER, url) or (USE_LOCAL, "") once asked; None otherwise."""
        return self._request

    def clear_request(self) -> None:
        """Forget the request (Settings did not close: its profile was not valid)."""
        self._request = None

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")
        self.status_label.setText(text)
