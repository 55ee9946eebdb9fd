"""The team server this computer uses, kept in the user's QSettings (its password kept apart).

``store/server`` holds the server store the window opens at start (a URL without its password;
absent: this computer's store). ``store/last_server`` keeps the last server used, to fill in the
Settings field again. The password goes to the OS keyring when it has a real backend; otherwise
it is kept in the settings file (``store/server_password``), and Settings says so.
"""

from __future__ import annotations

from importlib.util import find_spec

from PySide6.QtCore import QSettings

from app.services.team_store import (
    keyring_password,
    save_keyring_password,
    split_password,
    with_password,
)

SERVER_KEY = "store/server"
LAST_SERVER_KEY = "store/last_server"
PASSWORD_KEY = "store/server_password"
KEYRING, SETTINGS_FILE, NO_PASSWORD = "keyring", "settings", "none"


def keyring_available() -> bool:
    """True when the OS keyring can keep the server's password."""
    if find_spec("keyring") is None:
        return False
    from app.db import keyring_usable

    return keyring_usable()


def remembered_server(settings: QSettings) -> str | None:
    """The server store to open at start, password included; None: this computer's store."""
    url = str(settings.value(SERVER_KEY, "") or "")
    return complete_url(settings, url) if url else None


def last_server(settings: QSettings) -> str:
    """The last server used (without password), for the Settings field; "" when none."""
    return str(settings.value(LAST_SERVER_KEY, "") or "")


def complete_url(settings: QSettings, typed: str) -> str:
    """``typed`` with the remembered password put in when it has none of its own."""
    bare, password = split_password(typed.strip())
    if password is not None:
        return typed.strip()
    return with_password(bare, _saved_password(settings, bare))


def _saved_password(settings: QSettings, bare: str) -> str | None:
    if keyring_available() and (password := keyring_password(bare)) is not None:
        return password
    if bare == last_server(settings):
        value = settings.value(PASSWORD_KEY)
        return str(value) if value else None
    return None


def remember_server(settings: QSettings, url: str) -> str:
    """Open ``url`` at start from now on; returns where its password went (KEYRING, …)."""
    bare, password = split_password(url)
    where = NO_PASSWORD
    if password is not None and keyring_available():
        save_keyring_password(bare, password)  # first: a refusal leaves the settings as they were
        where = KEYRING
    settings.remove(PASSWORD_KEY)
    if password is not None and where != KEYRING:
        settings.setValue(PASSWORD_KEY, password)
        where = SETTINGS_FILE
    settings.setValue(SERVER_KEY, bare)
    settings.setValue(LAST_SERVER_KEY, bare)
    settings.sync()
    return where


def forget_server(settings: QSettings) -> None:
    """Open this computer's store at start again (the last server stays in the field)."""
    settings.remove(SERVER_KEY)
    settings.sync()
