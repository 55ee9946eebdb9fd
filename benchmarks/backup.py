"""Backup, restore and check times on a copy of a store, optionally grown to N order lines.

Prints the store's size and order lines, then the seconds of: quick_check (every start),
integrity_check and foreign_key_check (`shopreel check`), a verified backup (online backup API
+ integrity_check of the copy + fsync + rename + thinning) and a restore. Targets (RELIABILITY.md
§4.4): back up and verify 1 M order lines in 3 s or less. With ``--encrypted`` the copy is
first encrypted with SQLCipher (its key in an in-memory keyring, never the OS one), and the
same steps run on the encrypted store, then decrypting it back.

    python benchmarks/backup.py --db .demo/shop.db [--orders 200000] [--encrypted]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from app.db import foreign_key_check, integrity_check, quick_check
from app.services.backups import make_backup, restore_backup


def grow(path: Path, order_lines: int) -> None:
    """Copy the store's order lines under new line keys until there are ``order_lines``."""
    with closing(sqlite3.connect(path)) as conn:
        have = conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0]
        columns = [
            r[1] for r in conn.execute("PRAGMA table_info(order_lines)") if r[1] not in ("id",)
        ]
        copied = ", ".join("line_key || '-' || round.n" if c == "line_key" else c for c in columns)
        rounds = -(-order_lines // max(have, 1)) - 1
        conn.execute(
            f"INSERT INTO order_lines ({', '.join(columns)}) "  # noqa: S608
            "WITH RECURSIVE round(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM round "
            f"WHERE n < {rounds}) SELECT {copied} FROM order_lines, round "
            f"LIMIT {order_lines - have}"
        )
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def timed(label: str, action: Callable[[], Any]) -> Any:
    """Run ``action`` once and print its wall time."""
    started = time.perf_counter()
    result = action()
    print(f"{label:<34} {time.perf_counter() - started:6.2f} s")
    return result


def main() -> None:
    """Measure on a scratch copy; the store given is only read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--orders", type=int, default=0, help="grow the copy to this many lines")
    parser.add_argument("--encrypted", action="store_true", help="encrypt the copy first")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        store = Path(scratch) / "shop.db"
        source = sqlite3.connect(f"{args.db.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(store)
        source.backup(target)
        target.close()
        source.close()
        if args.orders:
            timed(f"grow to {args.orders:,} order lines", lambda: grow(store, args.orders))
        with closing(sqlite3.connect(store)) as conn:
            lines = conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0]
        print(f"store: {store.stat().st_size / 2**20:.1f} MB, {lines:,} order lines")
        if args.encrypted:
            from app.services.encryption import encrypt_store

            use_memory_keyring()
            timed("encrypt (backup + export + verify)", lambda: encrypt_store(store))
        assert timed("quick_check (every start)", lambda: quick_check(store)) == []
        assert timed("integrity_check", lambda: integrity_check(store)) == []
        assert timed("foreign_key_check", lambda: foreign_key_check(store)) == []
        backup = timed("backup (copy + verify + thin)", lambda: make_backup(store, "manual"))
        shutil.copyfile(backup.path, Path(scratch) / "kept.db")
        timed("restore (backs up first)", lambda: restore_backup(store, Path(scratch) / "kept.db"))
        if args.encrypted:
            from app.services.encryption import decrypt_store

            timed("decrypt (store and its backups)", lambda: decrypt_store(store))


def use_memory_keyring() -> None:
    """Keep keys in a dict for this run: a benchmark must not write to the OS keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        passwords: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.passwords.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.passwords[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.passwords.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


if __name__ == "__main__":
    main()
