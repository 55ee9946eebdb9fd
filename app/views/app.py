"""Start the desktop app: application object, language, font, store, main window.

Order matters for start-up time: the window is shown, then the current tab's data is read with the
standard library's sqlite3; SQLAlchemy, pandas and matplotlib load only when something needs them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.config import APP_NAME, ORG_NAME, app_icon_path, sqlite_path_of, user_data_dir
from app.db import MissingKeyError, Store, StoreError
from app.services.store import StoreDamagedError, open_store
from app.tasks import TaskRunner
from app.views.context import AppContext
from app.views.fonts import install_cjk_font
from app.views.i18n import Translations, chosen_language, effective_language
from app.views.main_window import MainWindow, schedule_warm_up
from app.views.service_errors import error_text
from app.views.single_instance import StoreGuard, ask_window_to_come_forward
from app.views.theme import STYLE_SHEET

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GuiOptions:
    """How to start: which store, which language, and whether to stay (or just check and exit)."""

    url: str
    language: str | None = None
    today: date | None = None
    # The store was named (--db, SHOPREEL_DATABASE_URL, SHOPREEL_DB): no remembered team server.
    chosen: bool = False
    # This computer's store, shown instead when the remembered team server cannot be opened.
    fallback: str | None = None


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, settings format, font and style."""
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(app_icon_path())))
    install_cjk_font(app)
    app.setStyleSheet(STYLE_SHEET)
    return app


def make_context(
    app: QApplication, options: GuiOptions, *, auto_backups: bool = True
) -> AppContext:
    """Settings, translations (installed now), a task runner and the clock."""
    settings = QSettings()
    translations = Translations(app)
    translations.apply(options.language or effective_language(chosen_language(settings)))
    fixed = options.today
    return AppContext(
        settings=settings,
        translations=translations,
        runner=TaskRunner(app),
        today=(lambda: fixed) if fixed else date.today,
        open_store=open_store,
        demo_path=user_data_dir() / "demo" / "shop.db",
        auto_backups=auto_backups,
    )


class Controller:
    """Keeps one main window alive; rebuilds it when the language changes."""

    def __init__(self, context: AppContext, interactive: bool = True) -> None:
        self.context = context
        self.interactive = interactive
        self.window: MainWindow | None = None

    def start(self, options: GuiOptions, on_loaded: Callable[[MainWindow], None] | None) -> bool:
        """Open the store and show the window with its data; False (after a message) on error."""
        store = self._open(options.url)
        if store is None and options.fallback is not None:
            store = self._open(options.fallback)
        if store is None:
            return False
        window = self._new_window()
        window.show()

        def load() -> None:
            window.show_store(store)
            if on_loaded is not None:
                on_loaded(window)

        QTimer.singleShot(0, load)  # first paint, then data
        return True

    def _open(self, url: str) -> Store | None:
        """The opened store; None after telling the user why not (a damaged one may be restored)."""
        try:
            return self.context.open_store(url)
        except StoreDamagedError as exc:
            log.error("the store failed its check: %s", exc.problem)
            if self.interactive:
                from app.views.dialogs.damaged_store import recover_damaged_store

                if recover_damaged_store(exc):
                    return self._open(url)
                return None
            sys.stderr.write(f"shopreel: {exc}\n")
        except MissingKeyError as exc:
            log.error("the store's key is missing")
            if self.interactive:
                from app.views.dialogs.missing_key import recover_missing_key

                if recover_missing_key(exc):
                    return self._open(url)
                return None
            sys.stderr.write(f"shopreel: {exc}\n")
        except StoreError as exc:
            log.error("cannot open store: %s", exc)
            if self.interactive:
                QMessageBox.critical(None, APP_NAME, error_text(exc))
            else:
                sys.stderr.write(f"shopreel: {exc}\n")
        return None

    def bring_forward(self, _store: str = "") -> None:
        """Show the window on top (another launch asked for this store)."""
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.context)
        window.language_changed.connect(self._on_window_language_changed)
        self.window = window
        return window

    def _on_window_language_changed(self, language: str) -> None:
        old = self.window
        if old is None or old.store is None:
            return
        self.context.translations.apply(effective_language(language))
        old.save_state()
        new = self._new_window()
        new.restoreGeometry(old.saveGeometry())
        new.show_store(old.store)
        new.show()
        old._close_reader()
        old.hide()
        old.deleteLater()


def install_crash_handler() -> None:
    """Log any uncaught error and tell the user, instead of vanishing."""

    def handle(kind: type[BaseException], error: BaseException, tb: object) -> None:
        log.critical("uncaught error", exc_info=(kind, error, tb))  # type: ignore[arg-type]
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                APP_NAME,
                QCoreApplication.translate("App", "Something went wrong: %1").replace(
                    "%1", f"{kind.__name__}: {error}"
                ),
            )

    sys.excepthook = handle


def run_gui(options: GuiOptions) -> int:
    """Run the app until the user quits; on a store another window shows, bring that forward."""
    install_crash_handler()
    app = make_application()
    context = make_context(app, options)
    options = with_remembered_server(options, context.settings)
    context.guard = StoreGuard(app)
    path = sqlite_path_of(options.url)
    if path is not None and not context.guard.claim(path):
        return _defer_to_running_window(path, context.guard)
    controller = Controller(context)
    context.guard.activation_requested.connect(controller.bring_forward)
    if not controller.start(options, on_loaded=schedule_warm_up):
        context.guard.release_all()
        return 1
    code = app.exec()
    controller.context.runner.shutdown()
    context.guard.release_all()
    return code


def with_remembered_server(options: GuiOptions, settings: QSettings) -> GuiOptions:
    """Start on the team server chosen in Settings, unless a store was named for this run."""
    from dataclasses import replace

    from app.config import server_url
    from app.views.team_server import remembered_server

    server = None if options.chosen else remembered_server(settings)
    if server is None:
        return options
    return replace(options, url=server_url(server), fallback=options.url)


def _defer_to_running_window(path: Path, guard: StoreGuard) -> int:
    """Another window has this store: ask it to come forward, or say so when it cannot."""
    if ask_window_to_come_forward(path):
        log.info("another window shows %s; brought it forward", path)
        sys.stderr.write(f"shopreel: {path} is already open in ShopReel; showing that window.\n")
        return 0
    pid = guard.holder_pid(path)
    QMessageBox.warning(
        None,
        APP_NAME,
        QCoreApplication.translate(
            "App", "ShopReel already has %1 open (process %2). Switch to that window."
        )
        .replace("%1", str(path))
        .replace("%2", str(pid or "?")),
    )
    return 1


def run_smoke(options: GuiOptions, started: Callable[[], float]) -> int:
    """Start as a user would, wait for the first tab's data, print ``startup_ms`` and exit."""
    app = make_application()
    controller = Controller(make_context(app, options, auto_backups=False), interactive=False)
    result: dict[str, int] = {}

    def loaded(window: MainWindow) -> None:
        app.processEvents()
        if window.isVisible() and window.pages.currentWidget() is not None:
            result["ms"] = round(started())
        app.quit()

    if not controller.start(options, on_loaded=loaded):
        return 1
    app.exec()
    if "ms" not in result:
        return 1
    sys.stdout.write(f"startup_ms={result['ms']}\n")
    return 0


def run_screenshots(options: GuiOptions, out_dir: Path) -> list[Path]:
    """Render the window with each tab in front to ``out_dir/<tab>.png``."""
    app = make_application()
    controller = Controller(make_context(app, options, auto_backups=False), interactive=False)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def shoot(window: MainWindow) -> None:
        window.resize(1280, 800)
        if window.pages.currentWidget() is window.welcome:
            written.append(_grab(window, out_dir / "welcome.png"))
        else:
            for index, page in enumerate(window.tab_pages):
                window.tabs.setCurrentIndex(index)
                app.processEvents()
                wait_until_shown(page)
                written.append(_grab(window, out_dir / f"{page.tab_id}.png"))
        app.quit()

    if controller.start(options, on_loaded=shoot):
        app.exec()
    return written


def wait_until_shown(page: object, timeout_ms: int = 60_000) -> None:
    """Wait while a tab reads its data on a worker (its ``busy`` flag), up to ``timeout_ms``."""
    if not getattr(page, "busy", False):
        return
    loop = QEventLoop()
    page.loaded.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    if getattr(page, "busy", False):
        loop.exec()


def _grab(window: MainWindow, path: Path) -> Path:
    QApplication.processEvents()
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
