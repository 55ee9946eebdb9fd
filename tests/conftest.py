"""Shared fixtures: an empty migrated store on a temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.config import sqlite_url  # noqa: E402
from app.db import Store  # noqa: E402
from app.services.store import open_store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty, migrated SQLite store in a temporary folder."""
    opened = open_store(sqlite_url(tmp_path / "shop.db"))
    yield opened
    opened.dispose()
