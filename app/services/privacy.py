"""Customers' personal data: masked names for exports, phones masked, and forgetting a person.

What "forget a customer" keeps, and why: the order lines stay, with their amounts, dates,
products and province, still linked to the customer's row, which is emptied of everything that
names or reaches the person (name, phone, region, note, private channel) and loses its
identities (buyer ids, name + phone keys), touches, review texts and merge reasons. The monthly
figures (GMV, orders, refunds, new, repeat, at-risk and lost customers) therefore do not change:
the person is still counted, as an anonymous buyer. The erasure runs with ``PRAGMA
secure_delete=ON``, so the freed bytes are overwritten with zeros, and the write-ahead log is
truncated afterwards; the backups are scrubbed the same way (matching the person by the
identities they had, not by row id, which an old backup may have given to someone else).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from app.db import BUSY_TIMEOUT_MS, Store, StoreError, connect
from app.importers.phones import mask_phone

MASK = "*"
_COUNTRY = r"(?:(?:\+|00)?86[- ]?)"
_MOBILE = rf"{_COUNTRY}?(?P<head>1[3-9]\d)[- ]?\d{{4}}[- ]?(?P<tail>\d{{4}})"
_LOCAL = r"\d{3,4}[- ]?\d{4}"  # a landline's own 7 or 8 digits
_LANDLINE = (
    rf"(?:(?:\+|00)86[- ]?[1-9]\d{{1,2}}[- ]|0[1-9]\d{{1,2}}[- ]|\(0[1-9]\d{{1,2}}\) ?){_LOCAL}"
)
# Never inside a longer run of digits: a 19-digit order number holding 11 digits that look
# like a mobile number is an order number.
_PHONE = re.compile(rf"(?<!\d)(?:{_MOBILE}|{_LANDLINE})(?!\d)")

Identity = tuple[str, str, str]  # platform, kind, value


def mask_name(name: str | None) -> str:
    """A name with all but its first character hidden: 张三丰 → 张**, Alice Smith → A**** S****.

    For exports and reports when the "mask customer names" setting is on. Already masked
    names stay as they are; an empty name stays empty.
    """
    text = (name or "").strip()
    if not text or MASK in text:
        return text
    if any(_is_cjk(c) for c in text):
        return text[0] + MASK * max(1, len(text) - 1)
    return " ".join(word[0] + MASK * max(1, len(word) - 1) for word in text.split())


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def mask_phones_in(text: str) -> str:
    """``text`` with every full phone number in it masked.

    Chinese mobile numbers (with or without +86/0086, spaces or dashes) become ``138****5678``;
    landlines written with their area code (``0755-8888 9999``, ``(010) 12345678``,
    ``+86 10 1234 5678``) keep their first three and last four digits, as on import
    (:func:`app.importers.phones.mask_phone`). Digits that are part of a longer run of digits
    (order numbers, ids) are left alone.
    """
    return _PHONE.sub(_masked, text)


def mask_if_phone(text: str) -> str:
    """``text`` masked when the whole of it is one phone number, else unchanged (for ids)."""
    match = _PHONE.fullmatch(text.strip())
    return _masked(match) if match else text


def _masked(match: re.Match[str]) -> str:
    if match.group("head"):
        return f"{match.group('head')}****{match.group('tail')}"
    number = match.group(0)
    digits = re.sub(r"\D", "", number)
    if number.startswith(("+", "00")):  # +86 10 …: the area code loses its 0 abroad
        digits = "0" + digits.removeprefix("00")[2:]
    return mask_phone(digits) or ""


class PrivacyFilter(logging.Filter):
    """Masks phone numbers in log records (message, arguments, error text) before they are written.

    The app logs no customer values itself; this catches one inside an error message.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drop it."""
        record.msg = mask_phones_in(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(mask_phones_in(a) if isinstance(a, str) else a for a in args)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask_phones_in(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (as logging's last-resort handler does)."""

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def install_log_privacy(level: int = logging.WARNING) -> logging.Handler:
    """Send warnings and errors to stderr through :class:`PrivacyFilter` (once per process)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if any(isinstance(f, PrivacyFilter) for f in handler.filters):
            return handler
    handler = _StderrHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("shopreel %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PrivacyFilter())
    root.addHandler(handler)
    return handler


# Forgetting a customer ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a customer did.

    Attributes:
        customer_ids: the customer's rows (the one asked for and those merged with it).
        identities: identities deleted (buyer ids, name + phone keys …).
        touches: private-channel contacts deleted.
        reviews: review texts emptied (their scores stay).
        order_lines: order lines kept, now of an anonymous buyer.
        backups: backups the person was scrubbed from.
        log_truncated: False when another program kept the write-ahead log open (it is cleared
            when that program closes the store).
    """

    customer_ids: tuple[int, ...]
    identities: int
    touches: int
    reviews: int
    order_lines: int
    backups: int
    log_truncated: bool


@dataclass(frozen=True)
class Person:
    """How to find a customer again in another copy of the store (a backup).

    Attributes:
        identities: (platform, kind, value) of every identity the person had.
        names: (display name, masked phone) pairs of their rows, for rows without identities.
    """

    identities: tuple[Identity, ...]
    names: tuple[tuple[str, str], ...]


def forget_customer(store_path: Path, customer_id: int, *, backups: bool = True) -> Forgotten:
    """Erase one person from the store (and, by default, from its backups).

    Raises:
        StoreError: there is no such customer, or the store could not be written; nothing was
            changed then.
    """
    conn = _connect(store_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            ids = _cluster(conn, customer_id)
            if not ids:
                raise StoreError(f"There is no customer #{customer_id}; nothing was changed.")
            person = _person(conn, ids)
            counts = _erase(conn, ids)
            _scrub_change_log(conn, ids)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        conn.close()
    scrubbed = _scrub_backups(store_path, person) if backups else 0
    return Forgotten(ids, *counts, backups=scrubbed, log_truncated=not busy)


def forget_customer_in(store: Store, customer_id: int, *, backups: bool = True) -> Forgotten:
    """``forget_customer`` for any store: a SQLite file as above, or a team's server store.

    On a server the same rows are erased in one transaction, then the tables are vacuumed so
    the old row versions are removed (PostgreSQL keeps them until then; it does not zero the
    freed space, and the server's own backups are the server administrator's to scrub).
    """
    if store.sqlite_path is not None:
        done = forget_customer(store.sqlite_path, customer_id, backups=backups)
        _log_forgetting(store, done.customer_ids)
        return done
    raw = store.engine.raw_connection()
    try:
        conn = _QmarkConnection(raw.driver_connection)
        try:
            ids = _cluster(conn, customer_id)  # type: ignore[arg-type]
            if not ids:
                raise StoreError(f"There is no customer #{customer_id}; nothing was changed.")
            counts = _erase(conn, ids)  # type: ignore[arg-type]
            _scrub_change_log(conn, ids)  # type: ignore[arg-type]
            raw.commit()
        except BaseException:
            raw.rollback()
            raise
        _vacuum(raw.driver_connection)
    finally:
        raw.close()
    _log_forgetting(store, ids)
    return Forgotten(ids, *counts, backups=0, log_truncated=True)


def _log_forgetting(store: Store, ids: tuple[int, ...]) -> None:
    """Who asked for the erasure and when (the change log keeps nothing else of the person)."""
    from app.services.edits import log_change

    with store.session_scope() as session:
        log_change(
            session, store.user_name, "customers", ids[0], "forget", "", {"customers": list(ids)}
        )


ERASED_TABLES = ("customers", "customer_identities", "touches", "reviews", "customer_merges")


def _vacuum(connection: Any) -> None:
    """VACUUM the tables the erasure touched (outside any transaction, as PostgreSQL needs)."""
    previous = connection.autocommit
    connection.autocommit = True
    try:
        connection.execute(f"VACUUM {', '.join(ERASED_TABLES)}, import_changes")
    finally:
        connection.autocommit = previous


class _QmarkConnection:
    """The few sqlite3-style calls the erasure makes (``?`` parameters), on psycopg."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the cursor has fetchone/fetchall/rowcount and iterates."""
        return self._connection.execute(sql.replace("?", "%s"), tuple(params))


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"There is no store at {path}.")
    conn = connect(path, isolation_level=None)
    _prepare(conn)
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")  # freed bytes are zeroed, not just unlinked


def _cluster(conn: sqlite3.Connection, customer_id: int) -> tuple[int, ...]:
    """The customer's row, the one it was merged into (if any) and every row merged into those."""
    root = customer_id
    seen = set()
    while root not in seen:
        seen.add(root)
        row = conn.execute("SELECT merged_into_id FROM customers WHERE id = ?", (root,)).fetchone()
        if row is None:
            return ()
        if row[0] is None:
            break
        root = row[0]
    rows = conn.execute(
        "WITH RECURSIVE cluster(id) AS (SELECT CAST(? AS INTEGER) UNION "
        "SELECT c.id FROM customers c JOIN cluster ON c.merged_into_id = cluster.id) "
        "SELECT id FROM cluster ORDER BY id",
        (root,),
    ).fetchall()
    return tuple(r[0] for r in rows)


def _person(conn: sqlite3.Connection, ids: tuple[int, ...]) -> Person:
    marks = ",".join("?" * len(ids))
    identities = conn.execute(
        f"SELECT platform, kind, value FROM customer_identities WHERE customer_id IN ({marks})",  # noqa: S608
        ids,
    ).fetchall()
    names = conn.execute(
        f"SELECT display_name, masked_phone FROM customers WHERE id IN ({marks}) "  # noqa: S608
        "AND display_name != '' AND masked_phone != ''",
        ids,
    ).fetchall()
    return Person(tuple(identities), tuple(names))


def _erase(conn: sqlite3.Connection, ids: tuple[int, ...]) -> tuple[int, int, int, int]:
    marks = ",".join("?" * len(ids))
    identity_ids = [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM customer_identities WHERE customer_id IN ({marks})",  # noqa: S608
            ids,
        )
    ]
    # What an import changed keeps the old values for its undo: the person's among them go.
    for table, rows in (("customers", list(ids)), ("customer_identities", identity_ids)):
        if rows:
            row_marks = ",".join("?" * len(rows))
            conn.execute(
                f"DELETE FROM import_changes WHERE table_name = ? AND row_id IN ({row_marks})",  # noqa: S608
                (table, *rows),
            )
    identities = conn.execute(
        f"DELETE FROM customer_identities WHERE customer_id IN ({marks})",  # noqa: S608
        ids,
    ).rowcount
    touches = conn.execute(
        f"DELETE FROM touches WHERE customer_id IN ({marks})",  # noqa: S608
        ids,
    ).rowcount
    reviews = conn.execute(
        f"UPDATE reviews SET text = '' WHERE customer_id IN ({marks})",  # noqa: S608
        ids,
    ).rowcount
    conn.execute(
        f"UPDATE customer_merges SET reason = '' WHERE survivor_id IN ({marks}) "  # noqa: S608
        f"OR merged_id IN ({marks})",
        (*ids, *ids),
    )
    conn.execute(
        "UPDATE customers SET display_name = '', masked_phone = '', region = '', note = '', "
        f"private_channel = '' WHERE id IN ({marks})",  # noqa: S608
        ids,
    )
    lines = conn.execute(
        f"SELECT COUNT(*) FROM order_lines WHERE customer_id IN ({marks})",  # noqa: S608
        ids,
    ).fetchone()[0]
    return identities, touches, reviews, lines


def _scrub_change_log(conn: sqlite3.Connection, ids: tuple[int, ...]) -> None:
    """Who changed the person's rows stays; what the entries said about them (their name, a
    note before and after) goes."""
    marks = ",".join("?" * len(ids))
    conn.execute(
        "UPDATE change_log SET summary = '', fields = '{}' "
        f"WHERE table_name = 'customers' AND row_id IN ({marks})",  # noqa: S608
        ids,
    )


def _scrub_backups(store_path: Path, person: Person) -> int:
    """Forget the person in every backup that has them; return how many were rewritten."""
    from app.services.backups import list_backups, rewrite_backup

    scrubbed = 0
    for backup in list_backups(store_path):
        with closing(connect(backup.path, readonly=True, key_of=store_path)) as probe:
            found = _owners(probe, person)
        if not found:
            continue

        def erase(conn: sqlite3.Connection) -> None:
            _prepare(conn)
            conn.execute("BEGIN IMMEDIATE")
            ids: set[int] = set()
            for owner in _owners(conn, person):
                ids.update(_cluster(conn, owner))
            _erase(conn, tuple(sorted(ids)))
            if conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_log'"
            ).fetchone():  # a backup made before schema 0005 has none
                _scrub_change_log(conn, tuple(sorted(ids)))
            conn.execute("COMMIT")

        rewrite_backup(backup.path, erase, key_of=store_path)
        scrubbed += 1
    return scrubbed


def _owners(conn: sqlite3.Connection, person: Person) -> set[int]:
    """The rows of this copy that belong to the person: by identity, else by name and phone."""
    owners = set()
    for platform, kind, value in person.identities:
        row = conn.execute(
            "SELECT customer_id FROM customer_identities "
            "WHERE platform = ? AND kind = ? AND value = ?",
            (platform, kind, value),
        ).fetchone()
        if row is not None:
            owners.add(row[0])
    for name, phone in person.names:
        owners.update(
            r[0]
            for r in conn.execute(
                "SELECT id FROM customers WHERE display_name = ? AND masked_phone = ?",
                (name, phone),
            )
        )
    return owners
