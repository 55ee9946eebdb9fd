"""Settings › Store: test a team server, switch the window to it (remembered), and back.

The connection tests need the test server (``pg_database``: SHOPREEL_TEST_PG_URL, ``make test-pg``);
the URL handling and the dialog's wiring run on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config import sqlite_url
from app.db import Store
from app.services.shop import AccountProfile, ShopProfile, save_profile
from app.services.store import open_store
from app.services.team_store import split_password, with_password
from app.views import team_server
from app.views.app import GuiOptions, with_remembered_server
from app.views.context import AppContext
from app.views.dialogs.settings_dialog import SettingsDialog
from app.views.dialogs.store_section import USE_LOCAL, USE_SERVER, StoreSection
from tests.conftest import MemoryKeyring
from tests.gui.windows import open_window

PROFILE = ShopProfile("暖木家居", (AccountProfile("douyin", "nuanmu_home", "暖木家居旗舰店"),))


def section(qtbot: QtBot, context: AppContext, current: str, field: str = "") -> StoreSection:
    made = StoreSection(
        current,
        field,
        context.runner,
        complete_url=lambda typed: team_server.complete_url(context.settings, typed),
        password_in_keyring=True,
    )
    qtbot.addWidget(made)
    return made


def probe_text(qtbot: QtBot, made: StoreSection, url: str) -> str:
    made.url_edit.setText(url)
    task = made.test_connection()
    assert task is not None
    qtbot.waitUntil(lambda: made.test_button.isEnabled(), timeout=20_000)
    return made.status_label.text()


def with_secret(url: str) -> str:
    """The test server trusts local connections: a password is carried but not needed."""
    return with_password(url.replace("postgresql+psycopg://", "postgresql://"), "s3cret/#")


@pytest.fixture
def local_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(sqlite_url(tmp_path / "local.db"))
    save_profile(opened, PROFILE)
    yield opened
    opened.dispose()


def test_urls_lose_and_regain_their_password() -> None:
    bare, password = split_password("postgresql://li:p%40ss@db.shop.cn:5432/shop")
    assert (bare, password) == ("postgresql://li@db.shop.cn:5432/shop", "p@ss")
    assert with_password(bare, password) == "postgresql://li:p%40ss@db.shop.cn:5432/shop"
    assert split_password("postgresql://li@h/shop") == ("postgresql://li@h/shop", None)


def test_a_malformed_address_is_explained(qtbot: QtBot, context: AppContext) -> None:
    made = section(qtbot, context, sqlite_url(Path("/tmp/shop.db")))
    made.url_edit.setText("db.shop.cn/shop")
    assert made.test_connection() is None
    assert "postgresql://user:password@host:5432/shop" in made.status_label.text()
    assert "c0392b" in made.status_label.styleSheet()
    made.use_server()
    assert made.request() is None


def test_the_section_shows_the_store_and_only_offers_back_on_a_server(
    qtbot: QtBot, context: AppContext
) -> None:
    on_file = section(qtbot, context, sqlite_url(Path("/tmp/shop.db")))
    assert on_file.current_label.text() == str(Path("/tmp/shop.db").resolve())
    assert not on_file.local_button.isEnabled()
    assert not on_file.use_button.isEnabled()  # nothing typed yet
    on_server = section(qtbot, context, "postgresql+psycopg://li:secret@db/shop", "x")
    assert on_server.current_label.text() == "postgresql+psycopg://li:***@db/shop"
    assert on_server.local_button.isEnabled()


def test_use_this_server_closes_settings_with_the_request(
    qtbot: QtBot, context: AppContext
) -> None:
    made = section(qtbot, context, sqlite_url(Path("/tmp/shop.db")))
    dialog = SettingsDialog(PROFILE, "auto", store_section=made)
    qtbot.addWidget(dialog)
    dialog.show()
    made.url_edit.setText("postgresql://li:pw@db.shop.cn/shop")
    made.use_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert made.request() == (USE_SERVER, "postgresql://li:pw@db.shop.cn/shop")


def test_an_invalid_profile_keeps_settings_open_and_drops_the_request(
    qtbot: QtBot, context: AppContext
) -> None:
    made = section(qtbot, context, "postgresql+psycopg://li@db/shop", "x")
    dialog = SettingsDialog(ShopProfile("", PROFILE.accounts), "auto", store_section=made)
    qtbot.addWidget(dialog)
    dialog.show()
    made.local_button.click()
    assert dialog.isVisible()
    assert made.request() is None
    dialog.name_edit.setText("暖木")
    made.local_button.click()
    assert made.request() == (USE_LOCAL, "")


def test_test_connection_reports_an_empty_database_and_a_shop(
    qtbot: QtBot, context: AppContext, pg_database: str
) -> None:
    made = section(qtbot, context, sqlite_url(Path("/tmp/shop.db")))
    text = probe_text(qtbot, made, pg_database)
    assert text.startswith("Connected: PostgreSQL 1")
    assert text.endswith("The database is empty: ShopReel sets it up when you use it.")
    store = open_store(pg_database)
    save_profile(store, PROFILE)
    store.dispose()
    assert probe_text(qtbot, made, with_secret(pg_database)).endswith(
        "ShopReel schema 0005, shop “暖木家居”."
    )


def test_test_connection_says_why_a_server_cannot_be_reached(
    qtbot: QtBot, context: AppContext, pg_database: str
) -> None:
    made = section(qtbot, context, sqlite_url(Path("/tmp/shop.db")))
    missing = pg_database.rsplit("/", 1)[0] + "/no_such_shop"
    text = probe_text(qtbot, made, missing)
    assert text.startswith("Cannot connect: ")
    assert 'database "no_such_shop" does not exist' in text
    assert "c0392b" in made.status_label.styleSheet()


def test_using_a_server_switches_remembers_and_keeps_the_password_in_the_keyring(
    qtbot: QtBot,
    context: AppContext,
    local_store: Store,
    pg_database: str,
    memory_keyring: MemoryKeyring,
) -> None:
    window = open_window(qtbot, context, local_store)
    assert window.backups_action.isEnabled()
    assert window.use_server(with_secret(pg_database))
    assert window.store is not None
    assert window.store.sqlite_path is None
    assert window.pages.currentWidget() is window.welcome  # a new server store: empty
    assert not window.backups_action.isEnabled()
    assert "team server" in window.backups_action.toolTip()
    assert "***" in window.store_label.text()
    bare, _ = split_password(with_secret(pg_database))
    assert context.settings.value(team_server.SERVER_KEY) == bare
    assert memory_keyring.passwords == {(team_server_service(), bare): "s3cret/#"}
    ini = Path(context.settings.fileName()).read_text("utf-8")
    assert "s3cret" not in ini
    # The next start opens the server, password and all, unless a store is named for the run.
    started = with_remembered_server(GuiOptions(url=local_store.url), context.settings)
    assert started.url == with_secret(pg_database).replace("postgresql://", "postgresql+psycopg://")
    assert started.fallback == local_store.url
    named = GuiOptions(url=local_store.url, chosen=True)
    assert with_remembered_server(named, context.settings) == named

    assert window.use_local_store()
    assert window.store.url == local_store.url
    assert window.backups_action.isEnabled()
    assert context.settings.value(team_server.SERVER_KEY) is None
    assert context.settings.value(team_server.LAST_SERVER_KEY) == bare  # the field keeps it


def team_server_service() -> str:
    from app.services.team_store import KEYRING_SERVICE

    return KEYRING_SERVICE


def test_without_a_keyring_the_password_goes_to_the_settings_file_and_it_says_so(
    qtbot: QtBot,
    context: AppContext,
    local_store: Store,
    pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(team_server, "keyring_available", lambda: False)
    window = open_window(qtbot, context, local_store)
    assert window.use_server(with_secret(pg_database))
    assert "the password is kept in ShopReel's settings file" in window.statusBar().currentMessage()
    assert context.settings.value(team_server.PASSWORD_KEY) == "s3cret/#"
    bare, _ = split_password(with_secret(pg_database))
    assert team_server.complete_url(context.settings, bare) == with_secret(pg_database)


def test_a_server_that_cannot_be_reached_leaves_the_window_on_its_store(
    qtbot: QtBot,
    context: AppContext,
    local_store: Store,
    pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    window = open_window(qtbot, context, local_store)
    missing = pg_database.rsplit("/", 1)[0] + "/no_such_shop"
    assert not window.use_server(missing)
    assert window.store is local_store
    assert "cannot be reached" in shown[0]
    assert context.settings.value(team_server.SERVER_KEY) is None


def test_a_remembered_server_out_of_reach_at_start_falls_back_to_this_computers_store(
    qtbot: QtBot, context: AppContext, local_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.views.app import Controller

    unreachable = "postgresql+psycopg://li@127.0.0.1:1/shop"  # nothing listens on port 1
    controller = Controller(context, interactive=False)
    options = GuiOptions(url=unreachable, fallback=local_store.url)
    assert controller.start(options, on_loaded=None)
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.store is not None, timeout=10_000)
    assert window.store is not None
    assert window.store.url == local_store.url
    assert "The team server postgresql+psycopg://li@127.0.0.1:1/shop cannot be reached" in (
        capsys.readouterr().err
    )
    window.store.dispose()


def test_a_keyring_that_refuses_the_password_leaves_the_server_unremembered(
    qtbot: QtBot,
    context: AppContext,
    local_store: Store,
    pg_database: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.db import StoreError

    def refuse(_url: str, _password: str) -> None:
        raise StoreError("The keyring could not keep the password (locked).")

    warned: list[str] = []
    monkeypatch.setattr(team_server, "save_keyring_password", refuse)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    window = open_window(qtbot, context, local_store)
    assert window.use_server(with_secret(pg_database))
    assert warned == ["The keyring could not keep the password (locked)."]
    assert window.store is not None
    assert window.store.sqlite_path is None  # shown now, but not opened at the next start
    assert context.settings.value(team_server.SERVER_KEY) is None
    assert context.settings.value(team_server.PASSWORD_KEY) is None
