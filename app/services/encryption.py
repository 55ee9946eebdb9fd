"""Encrypting a store at rest with SQLCipher, decrypting it, and keeping its key safe.

Opt-in. The key is a random 256-bit key kept in the OS keyring (Windows Credential Manager,
macOS Keychain, the Secret Service on Linux) under the store's absolute path. Losing it (a new
Windows account, a reinstalled system) loses the data, so encrypting offers to save the key to
a file first, and :func:`import_key` puts such a file back.

Converting is done on a copy, never in place: ``sqlcipher_export`` writes the whole store into a
new file next to it, the copy must pass ``integrity_check`` and hold the same rows, and only then
one atomic rename puts it in the store's place. Before that a verified backup of the store is
made. The store's backups are converted too (each one verified, then renamed over the old one),
so no plaintext copy is left behind in the backups folder: an encrypted store with plaintext
backups would leak everything it protects.

The key stays in the keyring after decrypting: encrypted backups made before still need it, and
encrypting again reuses it.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.config import make_private
from app.db import (
    StoreError,
    connect,
    database_errors,
    encryption_available,
    integrity_check,
    is_encrypted,
    new_key,
    save_store_key,
    store_key,
)

KEY_FILE_HEADER = "ShopReel store key"
_KEY_LINE = re.compile(r"^key:\s*([0-9a-f]{64})\s*$", re.MULTILINE)


class EncryptionError(StoreError):
    """Encrypting or decrypting could not be done; the store and its backups are as they were."""


@dataclass(frozen=True)
class Converted:
    """What a conversion did.

    Attributes:
        store: the store, now encrypted (or decrypted).
        backup: the verified backup made just before.
        backups_converted: how many older backups were converted with it.
        backups_skipped: backups that could not be converted (damaged), each with the reason;
            they were left exactly as they were.
    """

    store: Path
    backup: Path
    backups_converted: int
    backups_skipped: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class EncryptionState:
    """What Settings shows about a store's encryption.

    Attributes:
        available: SQLCipher and the keyring are installed.
        encrypted: the store file is encrypted.
        keyring: the OS keyring has a usable backend (where the key is kept).
    """

    available: bool
    encrypted: bool
    keyring: bool = True


def encryption_state(store_path: Path) -> EncryptionState:
    """Whether encryption can be used here, and whether the store is encrypted."""
    from app.db import keyring_usable

    available = encryption_available()
    return EncryptionState(available, is_encrypted(store_path), available and keyring_usable())


def encrypt_store(store_path: Path) -> Converted:
    """Encrypt the plaintext store at ``store_path`` and its backups with a key kept in the keyring.

    The key is saved in the keyring before any file is written, so no encrypted file ever
    exists without its key.

    Raises:
        EncryptionError: SQLCipher is not installed, the store is already encrypted, is open in
            another program, or a converted copy did not verify (then nothing was replaced).
    """
    _require_module()
    if is_encrypted(store_path):
        raise EncryptionError(f"{store_path} is already encrypted; nothing was changed.")
    key = ensure_key(store_path)
    return _convert(store_path, "encrypt", lambda src, dst: _export(src, dst, key=key, to_key=key))


def ensure_key(store_path: Path) -> str:
    """The store's key from the keyring, made and kept there first if there is none.

    An existing key is reused: backups encrypted with it before stay readable.
    """
    _require_module()
    key = store_key(store_path)
    if key is None:
        key = new_key()
        save_store_key(store_path, key)
    return key


def decrypt_store(store_path: Path) -> Converted:
    """Turn the encrypted store at ``store_path`` and its backups back into plain SQLite files.

    Raises:
        EncryptionError: the store is not encrypted, is open elsewhere, or a copy did not verify.
        MissingKeyError: its key is not in the keyring.
    """
    _require_module()
    if not is_encrypted(store_path):
        raise EncryptionError(f"{store_path} is not encrypted; nothing was changed.")
    key = store_key(store_path)
    return _convert(store_path, "decrypt", lambda src, dst: _export(src, dst, key=key, to_key=""))


def _require_module() -> None:
    if not encryption_available():
        raise EncryptionError(
            "This installation of ShopReel has no encryption support "
            "(pip install 'shopreel[encryption]'); nothing was changed."
        )


def _convert(store_path: Path, reason: str, export: Callable[[Path, Path], None]) -> Converted:
    from app.services.backups import list_backups, make_backup, settle_store

    settle_store(store_path)  # folds the log in; refuses while another program has the store
    backup = make_backup(store_path, reason).path
    _replace_with_converted(store_path, store_path, export, journal_mode="WAL")
    converted, skipped = 0, []
    for older in list_backups(store_path):
        if is_encrypted(older.path) == is_encrypted(store_path):
            continue
        try:
            _replace_with_converted(older.path, store_path, export, journal_mode="DELETE")
        except (StoreError, *database_errors()) as exc:  # a damaged backup stays as it is
            skipped.append((older.path, str(exc)))
        else:
            converted += 1
    return Converted(store_path, backup, converted, tuple(skipped))


def _replace_with_converted(
    path: Path, store_path: Path, export: Callable[[Path, Path], None], *, journal_mode: str
) -> None:
    """Convert ``path`` into a copy beside it, verify the copy, then rename it over ``path``."""
    from app.services.backups import fsync_file

    temporary = path.with_name(path.name + ".converting")
    temporary.unlink(missing_ok=True)
    try:
        before = _row_counts(path, store_path)
        export(path, temporary)
        _set_journal_mode(temporary, store_path, journal_mode)
        problems = integrity_check(temporary, key_of=store_path)
        if problems or _row_counts(temporary, store_path) != before:
            raise EncryptionError(
                f"The converted copy of {path.name} did not verify "
                f"({problems[0] if problems else 'row counts differ'}); nothing was replaced."
            )
        make_private(temporary)
        fsync_file(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def _export(source: Path, target: Path, *, key: str | None, to_key: str) -> None:
    """Copy every table, index and pragma of ``source`` into a new ``target`` (SQLCipher's
    ``sqlcipher_export``), encrypted with ``to_key`` or plain when it is empty."""
    import sqlcipher3  # sqlcipher_export exists only in SQLCipher, also for a plaintext source

    conn = sqlcipher3.connect(source, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if is_encrypted(source):
            conn.execute(f"PRAGMA key = \"x'{key}'\"")
        attach_key = f"x'{to_key}'" if to_key else ""
        conn.execute(f'ATTACH DATABASE ? AS converted KEY "{attach_key}"', (str(target),))
        conn.execute("SELECT sqlcipher_export('converted')")
        user_version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA converted.user_version = {int(user_version)}")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()


def _set_journal_mode(path: Path, store_path: Path, mode: str) -> None:
    conn = connect(path, key_of=store_path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode={mode}")
    finally:
        conn.close()


def _row_counts(path: Path, store_path: Path) -> dict[str, int]:
    with contextlib.closing(connect(path, readonly=True, key_of=store_path)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


# The key file ----------------------------------------------------------------------------------


def export_key(store_path: Path, target: Path) -> None:
    """Write the store's key to ``target`` (0600), a file the user keeps somewhere safe.

    Raises:
        EncryptionError: there is no key for this store.
    """
    key = store_key(store_path)
    if key is None:
        raise EncryptionError(f"There is no key for {store_path} in this computer's keyring.")
    text = f"{KEY_FILE_HEADER}\nstore: {store_path.resolve()}\nkey: {key}\n"
    temporary = target.with_name(target.name + ".tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def import_key(store_path: Path, source: Path) -> None:
    """Put the key saved in ``source`` into the keyring for the store, once it opens the store.

    Raises:
        EncryptionError: the file holds no key, or the key does not open this store; the
            keyring is then unchanged.
    """
    try:
        match = _KEY_LINE.search(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EncryptionError(f"Could not read the key file {source}: {exc}") from exc
    if match is None:
        raise EncryptionError(f"{source} is not a ShopReel key file; nothing was changed.")
    key = match[1]
    problems = _problems_with_key(store_path, key)
    if problems:
        raise EncryptionError(
            f"The key in {source} does not open {store_path} ({problems}); nothing was changed."
        )
    save_store_key(store_path, key)


def _problems_with_key(store_path: Path, key: str) -> str:
    if not is_encrypted(store_path):
        return ""
    try:
        connect(store_path, readonly=True, key=key).close()  # connect reads the first page
    except StoreError as exc:
        return str(exc)
    return ""
