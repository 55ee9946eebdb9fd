"""The main window: six tabs over one store, menus, toolbar, status bar and the welcome page."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.config import describe_url, local_db_url, sqlite_path_of, sqlite_url
from app.db import MissingKeyError, Reader, Store, StoreError
from app.services.overview import shop_name, store_is_empty
from app.tasks import Task
from app.views.context import AppContext
from app.views.dialogs.file_pickers import ask_for_files, ask_for_folder, local_paths
from app.views.formatting import format_datetime
from app.views.service_errors import error_text
from app.views.tabs.content_tab import ContentPlanTab
from app.views.tabs.conversion_tab import ConversionTab
from app.views.tabs.customers_tab import CustomersTab
from app.views.tabs.imports_tab import ImportsTab
from app.views.tabs.overview_tab import OverviewTab
from app.views.tabs.retention_tab import RetentionTab
from app.views.tabs.traffic_tab import TrafficTab
from app.views.welcome_page import WelcomePage

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.backups import Backup, Restored
    from app.views.dialogs.backups_dialog import BackupsDialog
    from app.views.dialogs.history_dialog import ChangeHistoryDialog

    # The import dialog pulls in the importer: loaded on the first import, not at start-up.
    from app.views.dialogs.import_dialog import ImportDialog
    from app.views.dialogs.report_dialog import ReportDialog
    from app.views.dialogs.store_section import StoreSection
    from app.views.dialogs.templates_dialog import TemplatesDialog

BACKUP_INTERVAL_MS = 30 * 60 * 1000
CHANGE_POLL_MS = 2000
GEOMETRY_KEY = "window/geometry"
TAB_KEY = "window/tab"
WELCOME_PAGE, TABS_PAGE = 0, 1
SLIPPING_NOTICE_MS = 30_000
# The content tab is not an OverviewTab (it has sub-views) but offers the same interface.
TabPage = OverviewTab | ContentPlanTab
TAB_CLASSES: tuple[type[TabPage], ...] = (
    ContentPlanTab,
    TrafficTab,
    ConversionTab,
    CustomersTab,
    RetentionTab,
    ImportsTab,
)


class MainWindow(QMainWindow):
    """Shows one store; everything it does goes through services.

    Signals:
        data_loaded(): the current page shows the store's data.
        language_changed(str): the user picked another UI language.
    """

    data_loaded = Signal()
    language_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store: Store | None = None
        # The store file "Back to this computer's store" returns to (the last one shown).
        self.local_url = local_db_url()
        self._reader: Reader | None = None
        self.import_dialog: ImportDialog | None = None
        self.templates_dialog: TemplatesDialog | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.report_dialog: ReportDialog | None = None
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self._data_version: int | None = None
        self.change_timer = QTimer(self)  # notices commits of other programs (the CLI)
        self.change_timer.setInterval(CHANGE_POLL_MS)
        self.change_timer.timeout.connect(self._on_change_timer_timeout)
        self.setWindowTitle(self.tr("ShopReel"))
        self.setAcceptDrops(True)  # exports dropped anywhere on the window (welcome page or tabs)
        self.welcome = WelcomePage()
        self.welcome.demo_requested.connect(self.open_demo_shop)
        self.welcome.profile_requested.connect(self.edit_settings)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._pages: list[TabPage | None] = [None] * len(TAB_CLASSES)
        for title in self._tab_titles():
            slot = QWidget()
            QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(slot, title)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self.store_label = QLabel()
        self.place_label = QLabel()
        self.place_label.setObjectName("store_place_label")
        self.place_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.place_label)
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_actions()
        self._restore_state()

    def page(self, index: int) -> TabPage:
        """The tab page at ``index``, built on first use (start-up builds only the one in front)."""
        page = self._pages[index]
        if page is None:
            page = TAB_CLASSES[index]()
            slot = self.tabs.widget(index)
            slot.layout().addWidget(page)
            page.setVisible(True)  # now, not at the layout's next queued event
            page.store = self.store
            if isinstance(page, CustomersTab):
                page.runner = self.context.runner
            page.data_changed.connect(self._on_page_data_changed)
            if isinstance(page, ImportsTab):
                page.undo_requested.connect(self._on_imports_tab_undo_requested)
                page.mappings_requested.connect(self._on_imports_tab_mappings_requested)
            self._pages[index] = page
        return page

    @property
    def tab_pages(self) -> list[TabPage]:
        """All six tab pages (builds the ones not yet shown)."""
        return [self.page(i) for i in range(len(TAB_CLASSES))]

    def _tab_titles(self) -> list[str]:
        return [
            self.tr("Content plan"),
            self.tr("Traffic"),
            self.tr("Conversion"),
            self.tr("Customers"),
            self.tr("Retention"),
            self.tr("Imports"),
        ]

    # Actions ------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.import_action = QAction(self.tr("Import…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.setToolTip(
            self.tr("Import platform exports: the Excel and CSV files as you downloaded them")
        )
        self.import_action.triggered.connect(self._on_import_action_triggered)
        self.import_folder_action = QAction(self.tr("Import folder…"), self)
        self.import_folder_action.setToolTip(self.tr("Import every export in a folder"))
        self.import_folder_action.triggered.connect(self._on_import_folder_action_triggered)
        self.mappings_action = QAction(self.tr("Saved column mappings…"), self)
        self.mappings_action.setToolTip(
            self.tr("See and delete the column mappings saved for files ShopReel did not know")
        )
        self.mappings_action.triggered.connect(self._on_mappings_action_triggered)
        self.report_action = QAction(self.tr("Report…"), self)
        self.report_action.setShortcut(QKeySequence.StandardKey.Print)
        self.report_action.setToolTip(
            self.tr("The monthly report: preview it, print it or save it as a PDF")
        )
        self.report_action.triggered.connect(self._on_report_action_triggered)
        self.backups_action = QAction(self.tr("Backups…"), self)
        self.backups_action.setToolTip(
            self.tr("See this shop's backups, back up now, or restore one")
        )
        self.backups_action.triggered.connect(self._on_backups_action_triggered)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.edit_settings)
        self.open_store_action = QAction(self.tr("Open store…"), self)
        self.open_store_action.triggered.connect(self._on_open_store_triggered)
        self.demo_action = QAction(self.tr("Open the demo shop"), self)
        self.demo_action.triggered.connect(self.open_demo_shop)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.reload)
        self.history_action = QAction(self.tr("Change history…"), self)
        self.history_action.setToolTip(
            self.tr("Who changed which plan item, customer, tier rule or campaign, and when")
        )
        self.history_action.triggered.connect(self.show_change_history)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        about_action = QAction(self.tr("About ShopReel"), self)
        about_action.triggered.connect(self._on_about_triggered)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (
            self.import_action,
            self.import_folder_action,
            self.mappings_action,
            self.report_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_store_action)
        file_menu.addAction(self.demo_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.history_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about_action)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.import_action, self.report_action, self.settings_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)

    # Store --------------------------------------------------------------------------------------

    def show_store(self, store: Store) -> None:
        """Switch the window to ``store`` and show its data (the current tab loads now)."""
        from app.views.preferences import user_name

        self._close_reader()
        self.store = store
        store.user_name = user_name(self.context.settings)  # who signs the edits made here
        for built in self._pages:
            if built is not None:
                built.store = store
        self._reader = store.reader()
        self.store_label.setText(self.tr("Store: %1").replace("%1", describe_url(store.url)))
        self._show_file_actions(store)
        if self.context.auto_backups and store.sqlite_path is not None:
            self.backup_timer.start()
        else:
            self.backup_timer.stop()
        self.change_timer.start()
        self._check_store_place(store.sqlite_path)
        self.reload()
        QTimer.singleShot(0, self, self.show_slipping_notice)  # after the first paint

    def _show_file_actions(self, store: Store) -> None:
        """Backups are a file's: on a server store the action is off, and says why."""
        on_file = store.sqlite_path is not None
        if on_file:
            self.local_url = store.url
        self.backups_action.setEnabled(on_file)
        self.backups_action.setToolTip(
            self.tr("See this shop's backups, back up now, or restore one")
            if on_file
            else self.tr(
                "This shop is on a team server: the server's administrator backs it up "
                "(ShopReel's backups and encryption are for a store file on this computer)."
            )
        )

    def show_slipping_notice(self) -> str:
        """Say in the status bar (and on the Retention tab) how many customers are slipping."""
        if self._reader is None or self.pages.currentIndex() != TABS_PAGE:
            return ""
        from app.services.retention import slipping_counts

        counts = slipping_counts(self._reader, self.context.today())
        if not counts.total:
            message = ""
        elif counts.valuable:
            message = (
                self.tr("%1 VIP and high-value customers are slipping (%2 in all): see Retention")
                .replace("%1", f"{counts.valuable:,}")
                .replace("%2", f"{counts.total:,}")
            )
        else:
            message = self.tr("%1 customers are slipping: see Retention").replace(
                "%1", f"{counts.total:,}"
            )
        self.tabs.setTabToolTip(TAB_CLASSES.index(RetentionTab), message)
        if message and not self.statusBar().currentMessage():  # never hide fresher news
            self.statusBar().showMessage(message, SLIPPING_NOTICE_MS)
        return message

    def _check_store_place(self, path: Path | None) -> None:
        """Warn (once per store) when it is on a network share or in a cloud-sync folder."""
        from app.views.store_place import place_label_text, place_warning, warn_once

        risk = self.context.locate_store(path) if path is not None else None
        self.place_label.setVisible(risk is not None)
        if risk is None or path is None:
            return
        self.place_label.setText(place_label_text())
        self.place_label.setMinimumWidth(self.place_label.sizeHint().width())  # never elided
        self.place_label.setToolTip(place_warning(risk))
        warn_once(self, self.context.settings, path, risk)

    def reload(self) -> None:
        """Read the store again: the welcome page when it is empty, else the current tab."""
        if self._reader is None:
            return
        self._data_version = self._reader.data_version()
        name = shop_name(self._reader)
        title = self.tr("ShopReel")
        self.setWindowTitle(f"{title} — {name}" if name else title)
        if store_is_empty(self._reader):
            self.pages.setCurrentIndex(WELCOME_PAGE)
        else:
            self.pages.setCurrentIndex(TABS_PAGE)
            for built in self._pages:
                if built is not None:
                    built.is_loaded = False
            self._load(self.current_tab())
        self.data_loaded.emit()

    def current_tab(self) -> TabPage:
        """The tab in front."""
        return self.page(self.tabs.currentIndex())

    def _load(self, page: TabPage) -> None:
        if self._reader is None:
            return
        try:
            page.load(self._reader, self.context.today())
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("ShopReel"), error_text(exc))

    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.page(index)
        if not page.is_loaded and self.pages.currentIndex() == TABS_PAGE:
            self._load(page)

    def _on_page_data_changed(self) -> None:
        # The page that wrote already shows its change; the others read again when shown.
        sender = self.sender()
        for built in self._pages:
            if built is not None and built is not sender:
                built.is_loaded = False

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _on_change_timer_timeout(self) -> None:
        # PRAGMA data_version is one cheap read: it changes when another connection commits,
        # such as `shopreel import` while the window is open, or this app's own worker.
        if self._reader is None or self._data_version is None:
            return
        try:
            changed = self._reader.data_version() != self._data_version
        except Exception:  # noqa: BLE001 - a store gone away: the next action reports it
            return
        if changed:
            self.reload()

    def switch_to_url(self, url: str) -> None:
        """Open another store (checks and migrations included) and show it."""
        from app.services.store import StoreDamagedError

        path = sqlite_path_of(url)
        newly_claimed = self._claim(path)
        if newly_claimed is None:
            return
        try:
            store = self.context.open_store(url)
        except StoreError as exc:
            if newly_claimed:
                self._release(path)
            if isinstance(exc, StoreDamagedError):
                from app.views.dialogs.damaged_store import recover_damaged_store

                if recover_damaged_store(exc, self):
                    self.switch_to_url(url)
            elif isinstance(exc, MissingKeyError):
                from app.views.dialogs.missing_key import recover_missing_key

                if recover_missing_key(exc, self):
                    self.switch_to_url(url)
            else:
                QMessageBox.critical(self, self.tr("Cannot open the store"), error_text(exc))
            return
        previous = self.store
        self.show_store(store)
        if previous is not None:
            previous.dispose()
            if previous.sqlite_path != path:
                self._release(previous.sqlite_path)

    def _claim(self, path: Path | None) -> bool | None:
        """Lock the store: True if newly locked, False if no lock is needed or held already,
        None (after saying so) when another window has it."""
        guard = self.context.guard
        if guard is None or path is None or guard.holds(path):
            return False
        if guard.claim(path):
            return True
        self._defer_to_other_window(path)
        return None

    def _release(self, path: Path | None) -> None:
        if self.context.guard is not None and path is not None:
            self.context.guard.release(path)

    def _defer_to_other_window(self, path: Path) -> None:
        from app.views.single_instance import ask_window_to_come_forward

        QMessageBox.information(
            self,
            self.tr("Open store"),
            self.tr("%1 is already open in another ShopReel window.").replace("%1", str(path)),
        )
        ask_window_to_come_forward(path)

    def _on_open_store_triggered(self) -> None:
        start = str(self.store.sqlite_path.parent) if self.store and self.store.sqlite_path else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open store"), start, self.tr("ShopReel stores (*.db);;All files (*)")
        )
        if path:
            self.switch_to_url(sqlite_url(Path(path)))

    # Import and undo ------------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> ImportDialog | None:
        """Check, then import, these files and folders in a dialog; the tabs reload after."""
        if self.store is None or not paths:
            return None
        if self.import_dialog is not None and not self.import_dialog.isVisible():
            self.import_dialog.deleteLater()
        from app.views.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.store, paths, self.context.runner, self.context.today(), self)
        dialog.imports_finished.connect(self._on_import_dialog_imports_finished)
        self.import_dialog = dialog
        dialog.open()
        dialog.start_check()
        return dialog

    def _on_import_action_triggered(self) -> None:
        self.import_paths(ask_for_files(self, self.context.settings))

    def _on_import_folder_action_triggered(self) -> None:
        self.import_paths(ask_for_folder(self, self.context.settings))

    def _on_import_dialog_imports_finished(self, results: list[object]) -> None:
        self.reload()
        if any(getattr(r, "status", None) == "imported" for r in results):
            self.back_up("import")

    # Backups --------------------------------------------------------------------------------------

    def back_up(self, reason: str, *, only_if_changed: bool = False) -> Task | None:
        """Back the store up on the worker (automatic backups: only when enabled, SQLite only)."""
        path = self.store.sqlite_path if self.store is not None else None
        if path is None or not self.context.auto_backups:
            return None
        from app.services.backups import make_backup, make_backup_if_changed

        if only_if_changed:
            task = self.context.runner.submit(lambda _t: make_backup_if_changed(path, reason))
        else:
            task = self.context.runner.submit(lambda _t: make_backup(path, reason))
        task.on_failure(self._on_backup_failed)
        return task

    def _on_backup_failed(self, error: BaseException) -> None:
        log.warning("automatic backup failed: %s", error)
        self.statusBar().showMessage(
            self.tr("The automatic backup failed: %1").replace("%1", error_text(error))
        )

    def _on_backup_timer_timeout(self) -> None:
        self.back_up("periodic", only_if_changed=True)

    def _back_up_on_exit(self) -> None:
        path = self.store.sqlite_path if self.store is not None else None
        if path is None or not self.context.auto_backups or not path.exists():
            return
        from app.services.backups import make_backup_if_changed

        try:
            make_backup_if_changed(path, "exit")
        except StoreError as exc:  # quitting goes on; the next start can back up again
            log.warning("backup on exit failed: %s", exc)

    def show_backups(self) -> BackupsDialog | None:
        """Open the list of this store's backups (SQLite stores only)."""
        path = self.store.sqlite_path if self.store is not None else None
        if path is None:
            return None
        if self.backups_dialog is not None and not self.backups_dialog.isVisible():
            self.backups_dialog.deleteLater()
        from app.views.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(path, self.context.runner, self)
        dialog.restore_requested.connect(self._on_backups_dialog_restore_requested)
        self.backups_dialog = dialog
        dialog.open()
        return dialog

    def show_report_dialog(self) -> ReportDialog | None:
        """Open Report… for the store shown (month, sections, preview, print, save)."""
        if self.store is None:
            return None
        from app.views.dialogs.report_dialog import ReportDialog
        from app.views.i18n import chosen_language, effective_language
        from app.views.preferences import masks_names

        settings = self.context.settings
        if self.report_dialog is not None:
            self.report_dialog.deleteLater()
        dialog = ReportDialog(
            self.store,
            self.context.runner,
            language=effective_language(chosen_language(settings)),
            mask_names=masks_names(settings),
            today=self.context.today(),
            parent=self,
        )
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _on_report_action_triggered(self) -> None:
        self.show_report_dialog()

    def _on_backups_action_triggered(self) -> None:
        self.show_backups()

    def restore(self, backup: Backup) -> Task | None:
        """Put ``backup`` in place of the store: connections closed, restored on the worker."""
        store = self.store
        path = store.sqlite_path if store is not None else None
        if store is None or path is None:
            return None
        from app.services.backups import restore_backup

        self._close_reader()
        store.dispose()
        task = self.context.runner.submit(lambda _t: restore_backup(path, backup.path))
        task.on_success(lambda restored: self._on_restored(store, backup, restored))
        task.on_failure(lambda error: self._on_restore_failed(store, error))
        return task

    def _on_backups_dialog_restore_requested(self, backup: Backup) -> None:
        self.restore(backup)

    def _on_restored(self, store: Store, backup: Backup, restored: Restored) -> None:
        self.switch_to_url(store.url)
        when = format_datetime(backup.made_at)
        message = self.tr("Restored the backup made %1.").replace("%1", when)
        self.statusBar().showMessage(message)
        if self.backups_dialog is not None:
            self.backups_dialog.refresh()
            self.backups_dialog.show_status(message)

    def _on_restore_failed(self, store: Store, error: BaseException) -> None:
        self.show_store(store)
        text = self.tr("The backup was not restored: %1").replace("%1", error_text(error))
        if self.backups_dialog is not None and self.backups_dialog.isVisible():
            self.backups_dialog.show_status(text, error=True)
        else:
            QMessageBox.critical(self, self.tr("Backups"), text)

    # Saved column mappings ----------------------------------------------------------------------

    def show_mappings(self) -> TemplatesDialog | None:
        """Open the list of saved column mappings, where one can be deleted."""
        if self.store is None:
            return None
        if self.templates_dialog is not None and not self.templates_dialog.isVisible():
            self.templates_dialog.deleteLater()
        from app.views.dialogs.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.store, self.context.runner, self)
        self.templates_dialog = dialog
        dialog.open()
        return dialog

    def _on_mappings_action_triggered(self) -> None:
        self.show_mappings()

    def _on_imports_tab_mappings_requested(self) -> None:
        self.show_mappings()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept local files and folders (platform exports) while a store is open."""
        if self.store is not None and local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """Import the dropped files and folders."""
        paths = local_paths(event.mimeData())
        if self.store is not None and paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def undo_import(self, batch_id: int) -> Task | None:
        """Undo one import on the worker; reload on success, else the Imports tab says why."""
        from app.services.imports import undo_import

        if self.store is None:
            return None
        store = self.store
        task = self.context.runner.submit(lambda _task: undo_import(store, batch_id))
        task.on_success(lambda _rows: self._on_undo_done(batch_id))
        task.on_failure(lambda exc: self._imports_tab().show_undo_failure(batch_id, exc))
        return task

    def _on_imports_tab_undo_requested(self, batch_id: int) -> None:
        self.undo_import(batch_id)

    def _imports_tab(self) -> ImportsTab:
        page = self.page(TAB_CLASSES.index(ImportsTab))
        assert isinstance(page, ImportsTab)
        return page

    def _on_undo_done(self, batch_id: int) -> None:
        self.statusBar().showMessage(self.tr("Import #%1 undone").replace("%1", str(batch_id)))
        self.reload()

    # Demo shop ----------------------------------------------------------------------------------

    def open_demo_shop(self) -> Task:
        """Build the demo shop (first time only) off the GUI thread, then show it."""
        from app.services.demo_store import ensure_demo_store

        dialog = QProgressDialog(self.tr("Building the demo shop…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Demo shop"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        path, today = self.context.demo_path, self.context.today()
        task = self.context.runner.submit(
            lambda t: ensure_demo_store(path, today=today, progress=t)
        )
        dialog.canceled.connect(task.cancel)
        task.progressed.connect(lambda done, total, status: _show_progress(dialog, done, total))
        task.on_success(lambda url: (dialog.reset(), self.switch_to_url(url)))
        task.on_failure(lambda exc: self._on_demo_failed(dialog, exc))
        self._demo_task = task
        return task

    def _on_demo_failed(self, dialog: QProgressDialog, exc: BaseException) -> None:
        dialog.reset()
        from app.services.progress import Cancelled

        if not isinstance(exc, Cancelled):
            QMessageBox.critical(self, self.tr("Demo shop"), error_text(exc))

    # Settings and about -------------------------------------------------------------------------

    def show_change_history(self) -> ChangeHistoryDialog | None:
        """The change log of the open store: who changed what by hand, and when."""
        from app.views.dialogs.history_dialog import ChangeHistoryDialog

        if self._reader is None:
            return None
        dialog = ChangeHistoryDialog(self._reader, self.context.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def edit_settings(self) -> None:
        """Edit the shop profile and the language."""
        from app.services.encryption import encryption_state
        from app.services.shop import load_profile, save_profile
        from app.views.dialogs.settings_dialog import DECRYPT, ENCRYPT, SAVE_KEY, SettingsDialog
        from app.views.i18n import LANGUAGE_KEY, chosen_language
        from app.views.preferences import masks_names, set_masks_names, set_user_name, user_name

        if self.store is None:
            return
        current_language = chosen_language(self.context.settings)
        settings = self.context.settings
        path = self.store.sqlite_path
        store_section = self._store_section()
        dialog = SettingsDialog(
            load_profile(self.store),
            current_language,
            self,
            mask_names=masks_names(settings),
            encryption=encryption_state(path) if path is not None else None,
            store_section=store_section,
            user_name=user_name(settings),
        )
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        set_masks_names(settings, dialog.masks_names())
        set_user_name(settings, dialog.chosen_user_name())
        self.store.user_name = user_name(settings)
        try:
            save_profile(self.store, dialog.profile())
        except StoreError as exc:
            QMessageBox.critical(self, self.tr("Settings"), error_text(exc))
            return
        self.reload()
        if dialog.chosen_language() != current_language:
            self.context.settings.setValue(LANGUAGE_KEY, dialog.chosen_language())
            self.language_changed.emit(dialog.chosen_language())
        request = dialog.encryption_request()
        if request is not None:
            {
                ENCRYPT: self.encrypt_store,
                DECRYPT: self.decrypt_store,
                SAVE_KEY: self.save_key_file,
            }[request]()
        self._switch_as_asked(store_section.request())

    # Team server ----------------------------------------------------------------------------------

    def _store_section(self) -> StoreSection:
        from app.views.dialogs.store_section import StoreSection
        from app.views.team_server import complete_url, keyring_available, last_server

        assert self.store is not None
        settings = self.context.settings
        return StoreSection(
            self.store.url,
            last_server(settings),
            self.context.runner,
            complete_url=lambda typed: complete_url(settings, typed),
            password_in_keyring=keyring_available(),
        )

    def _switch_as_asked(self, request: tuple[str, str] | None) -> None:
        from app.views.dialogs.store_section import USE_LOCAL, USE_SERVER

        if request is None:
            return
        what, url = request
        if what == USE_SERVER:
            self.use_server(url)
        elif what == USE_LOCAL:
            self.use_local_store()

    def use_server(self, url: str) -> bool:
        """Show the team server's store (set up on first use) and open it at every start."""
        from app.config import server_url
        from app.views.team_server import SETTINGS_FILE, remember_server

        self.switch_to_url(server_url(url))
        if self.store is None or self.store.url != server_url(url):
            return False  # switch_to_url said why
        try:
            where = remember_server(self.context.settings, url)
        except StoreError as exc:  # the keyring refused the password: not remembered
            QMessageBox.warning(self, self.tr("Settings"), str(exc))
            return True
        message = self.tr("This window now shows the team server %1.").replace(
            "%1", describe_url(self.store.url)
        )
        if where == SETTINGS_FILE:
            message += " " + self.tr(
                "This computer has no keyring: the password is kept in ShopReel's settings file."
            )
        self.statusBar().showMessage(message)
        return True

    def use_local_store(self) -> bool:
        """Show this computer's store again, and open it at start from now on."""
        from app.views.team_server import forget_server

        self.switch_to_url(self.local_url)
        if self.store is None or self.store.url != self.local_url:
            return False
        forget_server(self.context.settings)
        self.statusBar().showMessage(
            self.tr("This window shows this computer's store again: %1").replace(
                "%1", describe_url(self.local_url)
            )
        )
        return True

    # Encryption at rest ---------------------------------------------------------------------------

    def encrypt_store(self) -> Task | None:
        """Save the key to a file the user picks, then encrypt the store on the worker.

        No key file, no encryption: a key that exists only in the keyring is one lost account
        away from losing the shop.
        """
        from app.services.encryption import encrypt_store, ensure_key

        path = self.store.sqlite_path if self.store is not None else None
        if path is None:
            return None
        try:
            ensure_key(path)
        except StoreError as exc:
            QMessageBox.critical(self, self.tr("Encrypt this store"), error_text(exc))
            return None
        key_file = self._save_key_file(path)
        if key_file is None:
            self.statusBar().showMessage(
                self.tr("The store was not encrypted: the key was not saved to a file.")
            )
            return None
        done = self.tr(
            "The store and its backups are encrypted. Keep the key file %1 safe: without it, "
            "a new Windows account or computer cannot open them."
        ).replace("%1", str(key_file))
        return self._convert_store(lambda: encrypt_store(path), done)

    def decrypt_store(self) -> Task | None:
        """Turn the encrypted store and its backups back into plain files, on the worker."""
        from app.services.encryption import decrypt_store

        path = self.store.sqlite_path if self.store is not None else None
        if path is None:
            return None
        done = self.tr("The store and its backups are no longer encrypted.")
        return self._convert_store(lambda: decrypt_store(path), done)

    def save_key_file(self) -> Path | None:
        """Save the store's key to a file the user picks (for a new account or computer)."""
        path = self.store.sqlite_path if self.store is not None else None
        if path is None:
            return None
        saved = self._save_key_file(path)
        if saved is not None:
            self.statusBar().showMessage(
                self.tr("The key was saved to %1.").replace("%1", str(saved))
            )
        return saved

    def _save_key_file(self, path: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from app.services.encryption import export_key

        suggested = Path.home() / f"ShopReel-key-{path.stem}.txt"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the key to a file"), str(suggested), self.tr("Key files (*.txt)")
        )
        if not chosen:
            return None
        try:
            export_key(path, Path(chosen))
        except (StoreError, OSError) as exc:
            QMessageBox.critical(self, self.tr("Save the key to a file"), error_text(exc))
            return None
        return Path(chosen)

    def _convert_store(self, convert: Callable[[], object], done: str) -> Task | None:
        store = self.store
        if store is None:
            return None
        self._close_reader()
        store.dispose()
        task = self.context.runner.submit(lambda _t: convert())
        task.on_success(lambda _result: self._on_converted(store, done))
        task.on_failure(lambda error: self._on_convert_failed(store, error))
        return task

    def _on_converted(self, store: Store, done: str) -> None:
        self.switch_to_url(store.url)
        self.statusBar().showMessage(done)
        QMessageBox.information(self, self.tr("Settings"), done)

    def _on_convert_failed(self, store: Store, error: BaseException) -> None:
        self.show_store(store)
        QMessageBox.critical(self, self.tr("Settings"), error_text(error))

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About ShopReel"),
            self.tr(
                "ShopReel %1\n\nYour short-video shop, from content to revenue, on this computer."
            ).replace("%1", __version__),
        )

    # Window state -------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.context.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        tab = int(self.context.settings.value(TAB_KEY, 0) or 0)
        self.tabs.setCurrentIndex(tab if 0 <= tab < self.tabs.count() else 0)

    def save_state(self) -> None:
        """Remember geometry and the tab in front for the next start."""
        self.context.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.context.settings.setValue(TAB_KEY, self.tabs.currentIndex())
        self.context.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Save the window state, release the store and back it up if it changed."""
        self.save_state()
        self._close_reader()
        self.backup_timer.stop()
        self.change_timer.stop()
        self.hide()  # a large shop's backup takes a second: the window goes first
        self._back_up_on_exit()
        super().closeEvent(event)

    def warm_up(self) -> None:
        """Import what later clicks need, off the GUI thread, once the window is up."""

        def load() -> None:
            import app.models  # noqa: F401

        threading.Thread(target=load, name="shopreel-warm-up", daemon=True).start()


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    dialog.setMaximum(total)
    dialog.setValue(done)


def schedule_warm_up(window: MainWindow, delay_ms: int = 300) -> None:
    """Warm up after the first paint, not before it."""
    QTimer.singleShot(delay_ms, window.warm_up)
