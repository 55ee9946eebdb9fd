"""Where things live: the user's store, the bundled resources, the CJK font.

Everything here is cheap to import: it runs on the start-up path before the window shows.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib.util import find_spec
from pathlib import Path

APP_NAME = "ShopReel"
ORG_NAME = "ShopReel"
DB_FILE_NAME = "shopreel.db"

ENV_DB_PATH = "SHOPREEL_DB"
ENV_DB_URL = "SHOPREEL_DATABASE_URL"

PLATFORMS = ("douyin", "kuaishou", "channels", "xiaohongshu", "tiktok")
CURRENCIES = ("CNY", "USD", "GBP", "EUR", "BRL", "MYR", "SGD", "THB", "IDR", "PHP", "VND", "JPY")


def user_data_dir() -> Path:
    """The per-user folder holding the default store and its backups."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=False)


def default_db_path() -> Path:
    """The SQLite file used when neither ``--db`` nor an environment variable says otherwise."""
    return user_data_dir() / DB_FILE_NAME


def resolve_db_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """Choose the store: ``--db``, then SHOPREEL_DATABASE_URL, SHOPREEL_DB, the default file.

    ``--db`` is a SQLite file, or a database URL (``postgresql://user@host/db``) for a server.
    """
    if db_path and is_database_url(str(db_path)):
        return server_url(str(db_path))
    if db_path:
        return sqlite_url(Path(db_path))
    if url := os.environ.get(ENV_DB_URL):
        return server_url(url) if is_database_url(url) else url
    if path := os.environ.get(ENV_DB_PATH):
        return sqlite_url(Path(path))
    return sqlite_url(default_db_path())


def local_db_url() -> str:
    """This computer's store: SHOPREEL_DB, else the default file (never a server)."""
    if path := os.environ.get(ENV_DB_PATH):
        return sqlite_url(Path(path))
    return sqlite_url(default_db_path())


def is_database_url(text: str) -> bool:
    """True for ``scheme://…`` (a database URL), False for a file path (``C:\\shop.db`` too)."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").isalnum()


def server_url(url: str) -> str:
    """A server URL as SQLAlchemy needs it: ``postgresql://`` goes through psycopg 3.

    SQLAlchemy's default PostgreSQL driver is psycopg2, which ShopReel does not ship; the URL a
    team's admin hands out (and libpq's own ``postgres://``) names no driver.
    """
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def sqlite_url(path: Path) -> str:
    """An SQLAlchemy URL for a SQLite file (absolute, so a later chdir cannot move the store)."""
    return f"sqlite:///{path.expanduser().resolve().as_posix()}"


def sqlite_path_of(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or None for any other database (or in-memory)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix or url.endswith(":memory:"):
        return None
    return Path(url[len(prefix) :])


def describe_url(url: str) -> str:
    """The store as shown to the user: a file path, or a server URL with the password hidden."""
    if (path := sqlite_path_of(url)) is not None:
        return str(path)
    head, sep, tail = url.partition("@")
    if sep and ":" in head.split("//", 1)[-1]:
        scheme, _, creds = head.partition("//")
        user = creds.split(":", 1)[0]
        return f"{scheme}//{user}:***@{tail}"
    return url


def ensure_private_dir(path: Path) -> Path:
    """Create a folder of ours (and parents) if needed; on POSIX only its owner may enter it.

    Only for folders ShopReel owns (the data folder, ``backups``), never a folder the user chose
    for a store. The store holds customers' names and masked phones: other users of the
    computer have no business reading it. Windows gives a user's profile folders to that user.
    """
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != 0o700:
        # A folder we cannot chmod (a shared mount) still gets private files.
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    return path


def make_private(path: Path) -> None:
    """On POSIX, let only the owner read and write the file (0600)."""
    if os.name == "posix" and path.exists() and (path.stat().st_mode & 0o777) != 0o600:
        with contextlib.suppress(OSError):
            path.chmod(0o600)


def project_root() -> Path:
    """The checkout (or the frozen bundle) that holds ``resources/``."""
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Icons, translations and other files the app ships."""
    return project_root() / "resources"


def translations_dir() -> Path:
    """Compiled Qt translations (``.qm``)."""
    return resources_dir() / "i18n"


def persist_matplotlib_cache() -> None:
    """In the built app, keep matplotlib's font list between runs, in the user's cache folder.

    PyInstaller's run-time hook points MPLCONFIGDIR at a new temporary folder on every start,
    so matplotlib would scan every system font again in each session (seconds on Windows).
    The font list file is named after matplotlib's version, so an upgrade rebuilds it.
    """
    if not getattr(sys, "frozen", False):
        return
    from platformdirs import user_cache_path

    with contextlib.suppress(OSError):  # a read-only home: keep PyInstaller's temporary folder
        folder = ensure_private_dir(user_cache_path(APP_NAME, appauthor=False) / "matplotlib")
        os.environ["MPLCONFIGDIR"] = str(folder)


def app_icon_path() -> Path:
    """The window and installer icon (PNG; the .ico and .icns beside it serve the builds)."""
    return resources_dir() / "icons" / "shopreel.png"


def cjk_font_path() -> Path | None:
    """Noto Sans CJK SC (OFL), bundled or from the mplfonts package, without importing it.

    Importing mplfonts would pull in matplotlib at start-up; we only need the file.
    """
    bundled = resources_dir() / "fonts" / "NotoSansCJKsc-Regular.otf"
    if bundled.is_file():
        return bundled
    spec = find_spec("mplfonts")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if candidate.is_file():
            return candidate
    return None
