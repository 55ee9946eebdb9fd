"""Two imports at once on a team store: the second is refused and told who is importing.

The lock tests need a server store (the ``store`` fixture with SHOPREEL_TEST_PG_URL set); on
SQLite there is no import lock (app/services/import_lock.py says why), which one test checks.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from app import cli, migrations
from app.db import Store
from app.services.import_lock import (
    IMPORT_LOCK_KEY,
    ImportLockedError,
    LockHolder,
    describe_holder,
    import_lock,
)
from app.services.imports import import_files, undo_import
from app.services.progress import RecordingProgress
from app.services.store import open_store
from tests.exports import doudian_line, doudian_orders
from tests.query import fetch, scalar


def server_only(store: Store) -> None:
    if store.sqlite_path is not None:
        pytest.skip("the import lock is a server store's (SQLite has none)")


@contextmanager
def held_elsewhere(url: str, holder: str | None, since: datetime) -> Iterator[None]:
    """Another app's session holding the advisory lock (and, unless None, its row)."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database
    ) as conn:
        assert conn.execute("SELECT pg_try_advisory_lock(%s)", (IMPORT_LOCK_KEY,)).fetchone()[0]
        if holder is not None:
            conn.execute(
                "INSERT INTO store_locks (name, holder, host, since) VALUES (%s, %s, %s, %s)",
                ("import", holder, "LAPTOP-2", since),
            )
        conn.commit()
        yield
        # Said explicitly: a closed session's locks are freed by its server process a moment
        # after the client has gone, and the test goes on at once.
        conn.execute("SELECT pg_advisory_unlock(%s)", (IMPORT_LOCK_KEY,))
        conn.commit()


def lock_is_free(url: str) -> bool:
    """True when another session can take the import lock now (it lets go of it at once)."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database
    ) as conn:
        free = conn.execute("SELECT pg_try_advisory_lock(%s)", (IMPORT_LOCK_KEY,)).fetchone()[0]
        if free:
            conn.execute("SELECT pg_advisory_unlock(%s)", (IMPORT_LOCK_KEY,))
        return bool(free)


def orders_file(tmp_path: Path) -> Path:
    return doudian_orders(tmp_path / "orders.csv", [doudian_line(1), doudian_line(2)])


def test_an_import_while_another_app_imports_is_refused_and_names_who(
    store: Store, tmp_path: Path
) -> None:
    server_only(store)
    path = orders_file(tmp_path)
    with held_elsewhere(store.url, "李娜", datetime(2026, 11, 28, 10, 2, 41)):
        with pytest.raises(ImportLockedError) as refused:
            import_files(store, [path])
        assert str(refused.value) == (
            "李娜 (LAPTOP-2) has been importing since 10:02; try again when it finishes. "
            "Nothing was imported."
        )
        assert refused.value.holder.name == "李娜"
        assert scalar(store, "SELECT COUNT(*) FROM import_batches") == 0
        assert scalar(store, "SELECT COUNT(*) FROM order_lines") == 0
    (result,) = import_files(store, [path])  # the other import finished: now it goes through
    assert (result.status, result.inserted) == ("imported", 2)


def test_two_stores_on_one_server_take_turns(store: Store, tmp_path: Path) -> None:
    server_only(store)
    li_na = Store(store.url, user_name="李娜")
    wang = Store(store.url, user_name="王伟")
    try:
        with import_lock(li_na):
            rows = fetch(wang, "SELECT holder, host FROM store_locks WHERE name = 'import'")
            assert rows == [("李娜", socket.gethostname())]
            with pytest.raises(ImportLockedError, match=r"^李娜 \(.+\) has been importing since"):
                import_files(wang, [orders_file(tmp_path)])
        assert fetch(wang, "SELECT * FROM store_locks") == []
        (result,) = import_files(wang, [orders_file(tmp_path)])
        assert result.status == "imported"
    finally:
        li_na.dispose()
        wang.dispose()


def test_the_holder_row_is_readable_during_the_import_and_gone_after(
    store: Store, tmp_path: Path
) -> None:
    server_only(store)
    store.user_name = "小周"
    seen: list[list[tuple[object, ...]]] = []
    other = Store(store.url)
    try:
        import_files(
            store,
            [orders_file(tmp_path)],
            on_result=lambda _r: seen.append(fetch(other, "SELECT holder, host FROM store_locks")),
        )
    finally:
        other.dispose()
    assert seen == [[("小周", socket.gethostname())]]
    assert fetch(store, "SELECT * FROM store_locks") == []
    assert lock_is_free(store.url)


def test_a_stale_row_left_by_a_crash_is_overwritten(store: Store, tmp_path: Path) -> None:
    server_only(store)
    with store.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(
            text("INSERT INTO store_locks (name, holder, host, since) VALUES (:n, :h, :o, :s)"),
            {"n": "import", "h": "老王", "o": "OLD-PC", "s": datetime(2026, 11, 27, 18, 0)},
        )
    (result,) = import_files(store, [orders_file(tmp_path)])
    assert result.status == "imported"
    assert fetch(store, "SELECT * FROM store_locks") == []


def test_the_lock_is_released_when_the_import_fails_or_is_cancelled(
    store: Store, tmp_path: Path
) -> None:
    server_only(store)

    def explode(_result: object) -> None:
        raise RuntimeError("the window closed")

    with pytest.raises(RuntimeError):
        import_files(store, [orders_file(tmp_path)], on_result=explode)
    assert lock_is_free(store.url)
    assert fetch(store, "SELECT * FROM store_locks") == []
    (cancelled,) = import_files(
        store, [orders_file(tmp_path)], progress=RecordingProgress(cancel_after=0)
    )
    assert cancelled.status == "cancelled"
    assert lock_is_free(store.url)


def test_an_undo_is_refused_while_someone_imports(store: Store, tmp_path: Path) -> None:
    server_only(store)
    (result,) = import_files(store, [orders_file(tmp_path)])
    assert result.batch_id is not None
    with (
        held_elsewhere(store.url, "李娜", datetime(2026, 11, 28, 10, 2)),
        pytest.raises(ImportLockedError),
    ):
        undo_import(store, result.batch_id)
    assert scalar(store, "SELECT COUNT(*) FROM order_lines") == 2
    undo_import(store, result.batch_id)
    assert scalar(store, "SELECT COUNT(*) FROM order_lines") == 0


def test_the_cli_says_who_is_importing_and_exits_1(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    server_only(store)
    path = orders_file(tmp_path)
    with held_elsewhere(store.url, "李娜", datetime(2026, 11, 28, 10, 2)):
        assert cli.main(["import", "--db", store.url, str(path)]) == 1
    err = capsys.readouterr().err
    assert "李娜 (LAPTOP-2) has been importing since 10:02" in err
    assert "Nothing was imported." in err
    assert scalar(store, "SELECT COUNT(*) FROM import_batches") == 0


@pytest.mark.sqlite_only
def test_sqlite_imports_take_no_lock(store: Store, tmp_path: Path) -> None:
    seen: list[int] = []
    import_files(
        store,
        [orders_file(tmp_path)],
        on_result=lambda _r: seen.append(scalar(store, "SELECT COUNT(*) FROM store_locks")),
    )
    assert seen == [0]


def test_the_message_without_a_row_still_reads_well() -> None:
    assert describe_holder(LockHolder("", "", None)) == (
        "Someone has been importing; try again when it finishes. Nothing was imported."
    )


def test_two_apps_migrating_a_new_server_store_at_once_both_open_it(pg_database: str) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def open_it() -> None:
        start.wait()
        try:
            open_store(pg_database).dispose()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    opened = Store(pg_database)
    try:
        assert migrations.current_revision(opened.engine) == migrations.HEAD_REVISION
    finally:
        opened.dispose()
