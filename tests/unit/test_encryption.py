"""Encryption at rest: SQLCipher stores, their backups, conversion both ways, and the key."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from app.config import sqlite_url
from app.db import (
    KEYRING_SERVICE,
    KeyRejectedError,
    KeyringUnavailableError,
    MissingKeyError,
    Store,
    connect,
    is_encrypted,
    store_key,
)
from app.services import encryption
from app.services.backups import list_backups, make_backup, restore_backup, verify_backup
from app.services.store import open_store
from tests.dump import dump_hash, logical_dump

MARKER = "甜心小铺-PLAINTEXT-MARKER"


@pytest.fixture
def encrypted_db(demo_db: Path, memory_keyring: object) -> Path:
    """The demo shop with a marker shop name, encrypted, its key in the in-memory keyring."""
    with closing(sqlite3.connect(demo_db)) as conn:
        conn.execute("UPDATE shops SET name = ?", (MARKER,))
        conn.commit()
    encryption.encrypt_store(demo_db)
    return demo_db


@pytest.fixture
def encrypted_store(encrypted_db: Path) -> Iterator[Store]:
    """The encrypted demo shop, opened."""
    opened = open_store(sqlite_url(encrypted_db))
    yield opened
    opened.dispose()


def _all_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal")
        if Path(f"{path}{suffix}").exists()
    )


def _shop_name(store: Store) -> str:
    reader = store.reader()
    try:
        return reader.query("SELECT name FROM shops")[1][0][0]
    finally:
        reader.close()


def test_an_encrypted_store_round_trips_and_leaks_no_plaintext(encrypted_db: Path) -> None:
    from sqlalchemy import text

    store = open_store(sqlite_url(encrypted_db))
    with store.session_scope() as session:
        session.execute(text("UPDATE shops SET name = :name"), {"name": MARKER + "-2"})
    assert _shop_name(store) == MARKER + "-2"
    written = _all_bytes(encrypted_db)
    store.dispose()

    assert is_encrypted(encrypted_db)
    assert MARKER.encode() not in written
    assert MARKER.encode() not in _all_bytes(encrypted_db)
    reopened = open_store(sqlite_url(encrypted_db))
    assert _shop_name(reopened) == MARKER + "-2"
    reopened.dispose()


def test_the_standard_library_cannot_read_an_encrypted_store(encrypted_db: Path) -> None:
    with closing(sqlite3.connect(encrypted_db)) as conn, pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT name FROM shops").fetchall()


def test_backups_of_an_encrypted_store_are_encrypted_and_restore(
    encrypted_store: Store, encrypted_db: Path
) -> None:
    before = dump_hash(encrypted_db)
    encrypted_store.dispose()
    backup = make_backup(encrypted_db, "manual")
    assert is_encrypted(backup.path)
    assert MARKER.encode() not in backup.path.read_bytes()
    assert verify_backup(backup.path, key_of=encrypted_db) == []

    store = open_store(sqlite_url(encrypted_db))
    from sqlalchemy import text

    with store.session_scope() as session:
        session.execute(text("DELETE FROM order_lines"))
    store.dispose()
    assert dump_hash(encrypted_db) != before

    restore_backup(encrypted_db, backup.path)
    assert is_encrypted(encrypted_db)
    assert dump_hash(encrypted_db) == before


def test_a_missing_key_is_a_clear_error_and_nothing_is_written(
    encrypted_db: Path, memory_keyring: object
) -> None:
    memory_keyring.passwords.clear()  # type: ignore[attr-defined]
    files_before = sorted(encrypted_db.parent.rglob("*"))
    bytes_before = encrypted_db.read_bytes()

    with pytest.raises(MissingKeyError, match="key is not in this computer's keyring"):
        open_store(sqlite_url(encrypted_db))

    assert encrypted_db.read_bytes() == bytes_before
    assert sorted(encrypted_db.parent.rglob("*")) == files_before


def test_a_wrong_key_is_refused_not_taken_for_damage(
    encrypted_db: Path, memory_keyring: object
) -> None:
    passwords = memory_keyring.passwords  # type: ignore[attr-defined]
    (entry,) = passwords
    passwords[entry] = "00" * 32
    files_before = sorted(encrypted_db.parent.rglob("*"))

    with pytest.raises(KeyRejectedError, match="key is wrong"):
        open_store(sqlite_url(encrypted_db))

    assert sorted(encrypted_db.parent.rglob("*")) == files_before  # no ".damaged" copy


def test_encrypting_and_decrypting_keep_every_row(demo_db: Path, memory_keyring: object) -> None:
    plain = logical_dump(demo_db)

    encrypted = encryption.encrypt_store(demo_db)
    assert is_encrypted(demo_db)
    assert logical_dump(demo_db) == plain
    assert logical_dump(encrypted.backup, key_of=demo_db) == plain

    decrypted = encryption.decrypt_store(demo_db)
    assert not is_encrypted(demo_db)
    assert logical_dump(demo_db) == plain
    assert decrypted.backups_converted == 2  # the two made before each conversion
    with closing(sqlite3.connect(demo_db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_encrypting_leaves_no_plaintext_backup_behind(
    demo_db: Path, memory_keyring: object
) -> None:
    older = make_backup(demo_db, "manual")
    assert not is_encrypted(older.path)

    done = encryption.encrypt_store(demo_db)

    assert done.backups_converted == 2
    backups = list_backups(demo_db)
    assert {b.path for b in backups} == {older.path, done.backup}
    assert all(is_encrypted(b.path) for b in backups)
    assert all(verify_backup(b.path, key_of=demo_db) == [] for b in backups)
    leftovers = [p.name for p in demo_db.parent.rglob("*") if p.suffix in (".tmp", ".converting")]
    assert leftovers == []


def test_the_key_survives_decrypting_so_old_backups_stay_readable(
    demo_db: Path, memory_keyring: object
) -> None:
    encryption.encrypt_store(demo_db)
    key = store_key(demo_db)
    encryption.decrypt_store(demo_db)
    encryption.encrypt_store(demo_db)
    assert store_key(demo_db) == key


def test_a_saved_key_file_brings_an_encrypted_store_back(
    encrypted_db: Path, memory_keyring: object, tmp_path: Path
) -> None:
    key_file = tmp_path / "shop-key.txt"
    encryption.export_key(encrypted_db, key_file)
    assert key_file.stat().st_mode & 0o777 == 0o600
    memory_keyring.passwords.clear()  # type: ignore[attr-defined]  # "a new Windows account"

    encryption.import_key(encrypted_db, key_file)

    store = open_store(sqlite_url(encrypted_db))
    assert _shop_name(store) == MARKER
    store.dispose()


def test_a_key_file_for_another_store_is_refused(
    encrypted_db: Path, memory_keyring: object, tmp_path: Path
) -> None:
    key_file = tmp_path / "other-key.txt"
    key_file.write_text(f"ShopReel store key\nkey: {'ab' * 32}\n", encoding="utf-8")
    memory_keyring.passwords.clear()  # type: ignore[attr-defined]

    with pytest.raises(encryption.EncryptionError, match="does not open"):
        encryption.import_key(encrypted_db, key_file)

    assert memory_keyring.passwords == {}  # type: ignore[attr-defined]


def test_the_key_is_kept_under_the_stores_absolute_path(
    encrypted_db: Path, memory_keyring: object
) -> None:
    assert list(memory_keyring.passwords) == [  # type: ignore[attr-defined]
        (KEYRING_SERVICE, str(encrypted_db.resolve()))
    ]


def test_forgetting_a_customer_works_in_an_encrypted_store_and_its_backups(
    encrypted_db: Path,
) -> None:
    from app.services.privacy import forget_customer

    customer = 1

    def identities(path: Path) -> int:
        with closing(connect(path, key_of=encrypted_db)) as conn:
            sql = "SELECT COUNT(*) FROM customer_identities WHERE customer_id = ?"
            return conn.execute(sql, (customer,)).fetchone()[0]

    backup = list_backups(encrypted_db)[0].path
    assert identities(encrypted_db) == identities(backup) > 0

    done = forget_customer(encrypted_db, customer)

    assert done.backups == 1
    assert identities(encrypted_db) == identities(backup) == 0
    assert is_encrypted(encrypted_db)
    assert is_encrypted(backup)
    assert verify_backup(backup, key_of=encrypted_db) == []


def test_the_command_line_saves_the_key_first_then_encrypts_and_decrypts(
    demo_db: Path, memory_keyring: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    plain = logical_dump(demo_db)
    key_file = tmp_path / "key.txt"

    assert main(["--db", str(demo_db), "encrypt", "--key-file", str(key_file)]) == 0
    assert is_encrypted(demo_db)
    assert f"key: {store_key(demo_db)}" in key_file.read_text(encoding="utf-8")

    memory_keyring.passwords.clear()  # type: ignore[attr-defined]
    assert main(["--db", str(demo_db), "stats", "--month", "2026-10", "--json"]) == 1
    assert "key-import" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "key-import", str(key_file)]) == 0
    assert main(["--db", str(demo_db), "decrypt"]) == 0
    assert not is_encrypted(demo_db)
    assert logical_dump(demo_db) == plain


def test_without_a_usable_keyring_nothing_is_encrypted(demo_db: Path) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        before = demo_db.read_bytes()
        with pytest.raises(KeyringUnavailableError, match="keyring cannot be used"):
            encryption.encrypt_store(demo_db)
        assert demo_db.read_bytes() == before
        assert not encryption.encryption_state(demo_db).keyring
    finally:
        keyring.set_keyring(previous)


def test_imports_and_their_preview_work_on_an_encrypted_store(
    encrypted_store: Store, encrypted_db: Path, memory_keyring: object, tmp_path: Path
) -> None:
    from app.services.imports import import_files, preview_files
    from tests.exports import doudian_line, doudian_orders

    export = doudian_orders(
        tmp_path / "1788226466_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.csv",
        [doudian_line(1), doudian_line(2)],
    )
    before = dump_hash(encrypted_db)

    (previewed,) = preview_files(encrypted_store, [export])
    assert (previewed.status, previewed.inserted) == ("imported", 2)
    assert dump_hash(encrypted_db) == before
    assert len(memory_keyring.passwords) == 1  # type: ignore[attr-defined]  # no scratch key

    (imported,) = import_files(encrypted_store, [export])
    assert (imported.status, imported.inserted) == ("imported", 2)
    encrypted_store.dispose()
    assert dump_hash(encrypted_db) != before
    assert is_encrypted(encrypted_db)


def test_checks_of_an_encrypted_store_get_a_page_cache_sized_to_it(
    encrypted_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import db

    seen: list[str] = []
    real_connect = db.connect

    class Spy:
        def __init__(self, conn: Any) -> None:
            self.conn = conn

        def execute(self, sql: str, *args: Any) -> Any:
            seen.append(sql)
            return self.conn.execute(sql, *args)

        def close(self) -> None:
            self.conn.close()

    monkeypatch.setattr(db, "connect", lambda *a, **k: Spy(real_connect(*a, **k)))
    assert db.integrity_check(encrypted_db) == []
    size_kib = encrypted_db.stat().st_size // 1024
    assert seen[0] == f"PRAGMA cache_size = -{max(2048, size_kib // 2)}"
    assert db.check_cache_kib(Path("/nonexistent")) == 2048
    assert db.check_cache_kib(encrypted_db) <= db.CHECK_CACHE_CAP_KIB
