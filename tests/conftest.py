"""Shared fixtures: empty stores, the demo shop (built once), isolated Qt settings."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.config import sqlite_url  # noqa: E402
from app.db import Store  # noqa: E402
from app.services.store import open_store  # noqa: E402
from tests import pg  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
TODAY = date(2026, 11, 28)
DEMO_SEED = 7


class MemoryKeyring:
    """A keyring backend that keeps passwords in a dict: tests never touch the OS keyring."""

    priority = 1

    def __init__(self) -> None:
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The password kept for (service, username), or None."""
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Keep a password."""
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Forget a password."""
        self.passwords.pop((service, username), None)


@functools.cache
def _memory_keyring_class() -> type[MemoryKeyring]:
    """The backend class, made once (keyring registers every KeyringBackend subclass)."""
    from keyring.backend import KeyringBackend

    return type("TestKeyring", (MemoryKeyring, KeyringBackend), {})


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An empty in-memory keyring in place of the OS one for this test."""
    import keyring

    backend = _memory_keyring_class()()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# Tests on these fixtures run against the server too (``pg_database``: only there).
STORE_FIXTURES = frozenset({"store", "demo_store", "samples_store", "pg_database"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Against a PostgreSQL server, run only the tests built on a store fixture."""
    if pg.server_url() is None:
        return
    keep = [
        i
        for i in items
        if STORE_FIXTURES & set(getattr(i, "fixturenames", ()))
        and i.get_closest_marker("sqlite_only") is None
    ]
    config.hook.pytest_deselected(items=[i for i in items if i not in keep])
    items[:] = keep


def _server_store(template: str) -> Iterator[Store]:
    """A private copy of a template database on the test server, dropped afterwards.

    Readers a test leaves open (``tab.load(store.reader(), …)``) are closed here: a server
    connection dropped unclosed with its database warns (ResourceWarning) in a later test.
    """
    name = pg.unique_name("shopreel_test")
    opened = open_store(pg.create_database(name, template))
    readers: list[Any] = []
    make_reader = opened.reader

    def reader() -> Any:
        readers.append(make_reader())
        return readers[-1]

    opened.reader = reader  # type: ignore[method-assign]
    yield opened
    for made in readers:
        made.close()
    opened.dispose()
    pg.drop_database(name)


def _migrated(url: str) -> None:
    open_store(url).dispose()


def _demo_built(url: str) -> None:
    from app.demo import build_demo

    built = open_store(url)
    build_demo(built, seed=DEMO_SEED, today=TODAY)
    built.dispose()


@pytest.fixture(scope="session")
def pg_templates() -> Iterator[dict[str, str]]:
    """Template databases on the test server, made on first use and dropped at the end."""
    made: dict[str, str] = {}
    yield made
    for name in made.values():
        pg.drop_database(name)


def _template(templates: dict[str, str], kind: str) -> str:
    if kind not in templates:
        fill = _migrated if kind == "empty" else _demo_built
        templates[kind] = pg.build_template(f"shopreel_{kind}", fill)
    return templates[kind]


@pytest.fixture
def store(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty, migrated store: a SQLite file in a temporary folder, or a server database."""
    if pg.server_url() is not None:
        templates = request.getfixturevalue("pg_templates")
        yield from _server_store(_template(templates, "empty"))
        return
    opened = open_store(sqlite_url(tmp_path / "shop.db"))
    yield opened
    opened.dispose()


@pytest.fixture
def pair(store: Store) -> Iterator[tuple[Store, Store]]:
    """Two app instances on the same store: 李娜 (A) and 王强 (B)."""
    store.user_name = "李娜"
    other = open_store(store.url)
    other.user_name = "王强"
    yield store, other
    other.dispose()


@pytest.fixture
def pg_database() -> Iterator[str]:
    """The URL of a new, empty (not migrated) database on the test server; skipped without one."""
    if pg.server_url() is None:
        pytest.skip(f"needs a PostgreSQL server ({pg.PG_URL_VARIABLE})")
    name = pg.unique_name("shopreel_new")
    yield pg.create_database(name)
    pg.drop_database(name)


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop as of TODAY, built once per test run; copy it before writing to it."""
    if pg.server_url() is not None:
        pytest.skip("a SQLite file test (the server run covers demo_store)")
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
def demo_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The demo shop opened as a store (a private copy: a test may change it)."""
    if pg.server_url() is not None:
        templates = request.getfixturevalue("pg_templates")
        yield from _server_store(_template(templates, "demo"))
        return
    opened = open_store(sqlite_url(request.getfixturevalue("demo_db")))
    yield opened
    opened.dispose()
