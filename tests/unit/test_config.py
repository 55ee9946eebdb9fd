"""Which store the app opens, and how it is shown to the user."""

from __future__ import annotations

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
    assert resolve_db_url() == "postgresql://u:p@h/db"


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
