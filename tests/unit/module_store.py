"""A store shared by one test module (the shared samples imported once, say), on either backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.config import sqlite_url
from app.db import Store
from app.services.store import open_store
from tests import pg


def module_store(tmp_path_factory: pytest.TempPathFactory, label: str) -> Iterator[Store]:
    """An empty, migrated store kept for a module: a SQLite file in a temporary folder, or a new
    database on the test server (``SHOPREEL_TEST_PG_URL``), dropped afterwards.

    Name the fixture that yields it ``samples_store`` so that the server run keeps its tests.
    """
    if pg.server_url() is None:
        opened = open_store(sqlite_url(tmp_path_factory.mktemp(label) / "shop.db"))
        yield opened
        opened.dispose()
        return
    name = pg.unique_name(f"shopreel_{label}")
    opened = open_store(pg.create_database(name))
    yield opened
    opened.dispose()
    pg.drop_database(name)
