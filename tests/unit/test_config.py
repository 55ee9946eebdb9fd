"""Which store the app opens, and how it is shown to the user."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app.config import cjk_font_path, describe_url, resolve_db_url, sqlite_path_of, sqlite_url


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHOPREEL_DB", raising=False)
    monkeypatch.delenv("SHOPREEL_DATABASE_URL", raising=False)


def test_db_option_beats_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHOPREEL_DATABASE_URL", "postgresql://u:p@h/db")
    monkeypatch.setenv("SHOPREEL_DB", str(tmp_path / "env.db"))
    assert resolve_db_url(tmp_path / "cli.db") == sqlite_url(tmp_path / "cli.db")


def test_database_url_beats_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHOPREEL_DATABASE_URL", "postgresql://u:p@h/db")
    monkeypatch.setenv("SHOPREEL_DB", str(tmp_path / "env.db"))
    # The URL an admin hands out names no driver: ShopReel ships psycopg 3, not psycopg2.
    assert resolve_db_url() == "postgresql+psycopg://u:p@h/db"


def test_db_takes_a_server_url_as_well_as_a_file(tmp_path: Path) -> None:
    assert resolve_db_url("postgres://li@10.0.0.5:5432/shop") == (
        "postgresql+psycopg://li@10.0.0.5:5432/shop"
    )
    assert resolve_db_url("postgresql+psycopg://li@h/shop") == "postgresql+psycopg://li@h/shop"
    assert sqlite_path_of(resolve_db_url(tmp_path / "a.db")) == (tmp_path / "a.db").resolve()
    assert sqlite_path_of(resolve_db_url(r"C:\shops\a.db")) is not None  # a path, not a URL


def test_shopreel_db_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHOPREEL_DB", str(tmp_path / "env.db"))
    assert sqlite_path_of(resolve_db_url()) == (tmp_path / "env.db").resolve()


def test_default_is_a_file_in_the_user_data_folder() -> None:
    path = sqlite_path_of(resolve_db_url())
    assert path is not None
    assert path.name == "shopreel.db"
    assert "shopreel" in str(path.parent).lower()


def test_server_passwords_are_never_shown() -> None:
    shown = describe_url("postgresql+psycopg://shop:s3cret@db.local:5432/shopreel")
    assert "s3cret" not in shown
    assert shown == "postgresql+psycopg://shop:***@db.local:5432/shopreel"


def test_memory_url_has_no_file() -> None:
    assert sqlite_path_of("sqlite://") is None
    assert sqlite_path_of("sqlite:///:memory:") is None


def test_the_cjk_font_ships_and_is_not_simhei() -> None:
    path = cjk_font_path()
    assert path is not None
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert path.stat().st_size > 1_000_000


def test_the_built_app_keeps_matplotlibs_font_list_between_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller points MPLCONFIGDIR at a new temp folder each run; the built app overrides it."""
    from app.config import persist_matplotlib_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "pyinstaller-temp"))
    persist_matplotlib_cache()  # from source: matplotlib's own place is already persistent
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "pyinstaller-temp")

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    persist_matplotlib_cache()
    folder = tmp_path / "cache" / "ShopReel" / "matplotlib"
    assert os.environ["MPLCONFIGDIR"] == str(folder)
    assert folder.is_dir()
    if os.name == "posix":
        assert folder.stat().st_mode & 0o777 == 0o700
