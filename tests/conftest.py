"""Shared fixtures: empty stores, the demo shop (built once), isolated Qt settings."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.config import sqlite_url  # noqa: E402
from app.db import Store  # noqa: E402
from app.services.store import open_store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
TODAY = date(2026, 11, 28)
DEMO_SEED = 7


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated SQLite store in a temporary folder."""
    opened = open_store(sqlite_url(tmp_path / "shop.db"))
    yield opened
    opened.dispose()


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop as of TODAY, built once per test run; copy it before writing to it."""
    from app.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "shop.db"
    built = open_store(sqlite_url(path))
    build_demo(built, seed=DEMO_SEED, today=TODAY)
    built.dispose()
    return path


@pytest.fixture
def demo_db(demo_db_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo shop that a test may change."""
    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_db_master, copy)
    return copy


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    """The demo shop opened as a store."""
    opened = open_store(sqlite_url(demo_db))
    yield opened
    opened.dispose()
