"""PostgreSQL stores for the tests: one fresh database per test, cloned from a template.

Set ``SHOPREEL_TEST_PG_URL`` (``tools/pg_server.sh start`` prints one; ``make test-pg`` does it all)
and the ``store`` and ``demo_store`` fixtures hand out server stores instead of SQLite files. A
migrated template (and a demo-shop template) is built once per run; each test gets its own
``CREATE DATABASE … TEMPLATE …`` copy, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db import Store

PG_URL_VARIABLE = "SHOPREEL_TEST_PG_URL"


def server_url() -> str | None:
    """The maintenance URL of the test server (its ``postgres`` database), or None for SQLite."""
    return os.environ.get(PG_URL_VARIABLE) or None


def url_of(database: str) -> str:
    """The URL of ``database`` on the test server."""
    from sqlalchemy.engine import make_url

    base = server_url()
    assert base is not None, f"{PG_URL_VARIABLE} is not set"
    return make_url(base).set(database=database).render_as_string(hide_password=False)


def _admin(statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url() or "")
    with psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname=url.database or "postgres",
        autocommit=True,
    ) as conn:
        conn.execute(statement)


def unique_name(prefix: str) -> str:
    """A database name no other test (or test process) uses."""
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:10]}"


def create_database(name: str, template: str | None = None) -> str:
    """A new database (a copy of ``template`` when given); returns its URL."""
    copy = f' TEMPLATE "{template}"' if template else ""
    _admin(f'CREATE DATABASE "{name}"{copy}')
    return url_of(name)


def drop_database(name: str) -> None:
    """Drop ``name``, closing whatever connections a test left open."""
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build_template(prefix: str, fill: Callable[[str], None]) -> str:
    """A template database filled by ``fill(url)`` (its connections closed); returns its name."""
    name = unique_name(prefix)
    fill(create_database(name))
    return name


def scratch_store(folder: Path, label: str) -> Iterator[Store]:
    """An empty, migrated store: a SQLite file in ``folder``, or a new database on the test
    server (``SHOPREEL_TEST_PG_URL``); disposed (and dropped) when the generator is closed.

    For module-scoped fixtures: name the one that yields it ``samples_store`` so that the server
    run keeps its tests.
    """
    from app.config import sqlite_url
    from app.services.store import open_store

    name = unique_name(f"shopreel_{label}") if server_url() else None
    opened = open_store(create_database(name) if name else sqlite_url(folder / "shop.db"))
    try:
        yield opened
    finally:
        opened.dispose()
        if name:
            drop_database(name)
