"""Personal data: phones masked on import, names maskable, logs scrubbed, one person forgotten."""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.cli import main
from app.config import sqlite_url
from app.db import Store, StoreError, integrity_check
from app.importers.phones import mask_phone
from app.services.backups import list_backups, make_backup
from app.services.imports import import_files
from app.services.privacy import (
    PrivacyFilter,
    forget_customer,
    forget_customer_in,
    install_log_privacy,
    mask_name,
    mask_phones_in,
)
from app.services.stats import Month, month_stats
from app.services.store import open_store
from tests.exports import doudian_line, doudian_orders, write_csv
from tests.query import fetch, scalar

NAME, PHONE = "欧阳娜娜", "186****4321"
FULL_PHONES = ("13812345678", "15987654321")


def one(db: Path, sql: str, *params: object) -> object:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchone()[0]


def raw_bytes(db: Path) -> bytes:
    data = db.read_bytes()
    wal = Path(f"{db}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


# Masking -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("138****5678", "138****5678"),  # already masked by the platform
        ("(+1)213*****45", "(+1)213*****45"),
        ("+1 213 555 0145", "121****0145"),
        ("021-6543210", "021***3210"),
        ("12345", "***45"),
        ("", None),
        (None, None),
    ],
)
def test_phones_are_masked_like_the_platforms_do(raw: str | None, masked: str | None) -> None:
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("张**", "张**"),
        ("Alice Smith", "A**** S****"),
        ("Li", "L*"),
        ("", ""),
        (None, ""),
    ],
)
def test_names_can_be_masked_for_exports_and_reports(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


def test_a_customer_list_with_full_phones_is_stored_masked(store: object, tmp_path: Path) -> None:
    export = write_csv(
        tmp_path / "有赞客户.csv",
        ["客户姓名", "客户昵称", "客户手机号", "成为客户时间", "所属区域"],
        [
            ["王小明", "明明", FULL_PHONES[0], "2026-09-01 10:00:00", "上海"],
            ["李华", "华华", FULL_PHONES[1], "2026-09-02 11:00:00", "杭州"],
        ],
    )
    path = store.sqlite_path  # type: ignore[attr-defined]
    (result,) = import_files(store, [export])  # type: ignore[arg-type]
    assert result.status == "imported", result.error
    phones = sorted(r[0] for r in fetch(store, "SELECT masked_phone FROM customers"))  # type: ignore[arg-type]
    identities = [r[0] for r in fetch(store, "SELECT value FROM customer_identities")]  # type: ignore[arg-type]
    assert phones == ["138****5678", "159****4321"]
    assert all(FULL_PHONES[0] not in v and FULL_PHONES[1] not in v for v in identities)
    store.dispose()  # type: ignore[attr-defined]
    if path is not None:  # and not in the file's free pages either
        assert all(p.encode() not in raw_bytes(path) for p in FULL_PHONES)


# Logs --------------------------------------------------------------------------------------------


def test_the_log_filter_masks_phones_in_messages_arguments_and_errors() -> None:
    record = logging.LogRecord(
        "app", logging.ERROR, __file__, 1, "buyer %s", ("13812345678",), None
    )
    try:
        raise ValueError("row 3 phone 15987654321")
    except ValueError as exc:
        record.exc_info = (ValueError, exc, exc.__traceback__)
    assert PrivacyFilter().filter(record)
    assert record.getMessage() == "buyer 138****5678"
    assert "159****4321" in (record.exc_text or "")
    assert "15987654321" not in (record.exc_text or "")
    assert mask_phones_in("call 13812345678 or 13912345678x") == "call 138****5678 or 139****5678x"


def test_the_commands_install_the_filter_once(capsys: pytest.CaptureFixture[str]) -> None:
    first = install_log_privacy()
    assert install_log_privacy() is first
    logging.getLogger("app.test").warning("customer phone 13812345678")
    err = capsys.readouterr().err
    assert "138****5678" in err
    assert "13812345678" not in err


def test_importing_logs_no_personal_values(
    store: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = doudian_orders(tmp_path / "orders.csv", [doudian_line(n) for n in range(3)])
    bad_line = doudian_line(9)
    bad_line[5] = "不是金额"
    bad = doudian_orders(tmp_path / "bad.csv", [bad_line])
    caplog.set_level(logging.DEBUG)
    import_files(store, [good, bad])  # type: ignore[arg-type]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    for n in (0, 1, 2, 9):
        assert f"买家{n}" not in logged
        assert f"151****{n:04d}" not in logged


# Forgetting a customer ---------------------------------------------------------------------------


def add_person(store: Store, folder: Path) -> int:
    """One buyer (two orders, a contact, a review) added to a store; returns their id."""
    from sqlalchemy import text

    lines = [doudian_line(n, buyer=0) for n in (91001, 91002)]
    for line in lines:
        line[12], line[13] = NAME, PHONE
    import_files(store, [doudian_orders(folder / "orders.csv", lines)])
    customer = int(scalar(store, "SELECT id FROM customers WHERE display_name = :n", {"n": NAME}))
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO touches (customer_id, channel, touched_at, note) "
                "VALUES (:c, 'wecom', '2026-10-05 10:00:00', :note)"
            ),
            {"c": customer, "note": f"{NAME}说下周再买"},
        )
        conn.execute(
            text(
                "INSERT INTO reviews (platform, order_no, product_key, reviewed_on, score, text,"
                " has_media, customer_id) VALUES ('douyin', 'x', 'p', '2026-10-06', 5,"
                " :text, false, :c)"
            ),
            {"c": customer, "text": f"{NAME}：很好穿"},
        )
    return customer


@pytest.fixture
def person(demo_store: Store, tmp_path: Path) -> int:
    """The demo shop plus one buyer (see :func:`add_person`); their customer id."""
    return add_person(demo_store, tmp_path)


@pytest.fixture
def shop_with_person(demo_db: Path, tmp_path: Path) -> tuple[Path, int]:
    """The demo shop's file plus one buyer, and a backup of it."""
    store = open_store(sqlite_url(demo_db))
    customer = add_person(store, tmp_path)
    store.dispose()
    make_backup(demo_db, "manual")
    return demo_db, customer


def figures(db: Path, month: str) -> dict[str, object]:
    store = open_store(sqlite_url(db))
    reader = store.reader()
    try:
        return month_stats(reader, Month.parse(month))
    finally:
        reader.close()
        store.dispose()


def test_forgetting_a_customer_erases_them_everywhere_and_keeps_the_figures(
    shop_with_person: tuple[Path, int],
) -> None:
    db, customer = shop_with_person
    october = figures(db, "2026-10")
    others = one(db, "SELECT COUNT(*) FROM customer_identities WHERE customer_id != ?", customer)
    assert NAME.encode() in raw_bytes(db)

    done = forget_customer(db, customer)

    assert done.customer_ids == (customer,)
    assert (done.identities, done.touches, done.reviews, done.order_lines) == (1, 1, 1, 2)
    assert done.backups == 1
    assert done.log_truncated
    row = "SELECT display_name || masked_phone || region || note FROM customers WHERE id = ?"
    assert one(db, row, customer) == ""
    assert one(db, "SELECT COUNT(*) FROM order_lines WHERE customer_id = ?", customer) == 2
    assert (
        one(db, "SELECT COUNT(*) FROM customer_identities WHERE customer_id != ?", customer)
        == others
    )
    assert figures(db, "2026-10") == october  # the person still counts, anonymously
    assert integrity_check(db) == []
    # secure_delete: not a byte of the name or phone is left in the file or its log.
    for secret in (NAME, PHONE):
        assert secret.encode() not in raw_bytes(db), secret
    (backup,) = list_backups(db)
    for secret in (NAME, PHONE):
        assert secret.encode() not in backup.path.read_bytes(), secret
    assert integrity_check(backup.path) == []
    assert one(backup.path, "SELECT COUNT(*) FROM customers WHERE display_name != ''") > 2000


def test_a_merged_customer_is_forgotten_with_every_row_merged_into_it(
    demo_store: Store, person: int
) -> None:
    from sqlalchemy import text

    with demo_store.engine.begin() as conn:
        other = conn.execute(
            text(
                "INSERT INTO customers (display_name, masked_phone, region, note, private_channel,"
                " merged_into_id) VALUES (:name, '', '', '', '', :into) RETURNING id"
            ),
            {"name": NAME, "into": person},
        ).scalar_one()
    # asked for the merged row: the whole person
    done = forget_customer_in(demo_store, other, backups=False)
    assert done.customer_ids == tuple(sorted((person, other)))
    assert (
        scalar(demo_store, "SELECT COUNT(*) FROM customers WHERE display_name = :n", {"n": NAME})
        == 0
    )


def test_forgetting_a_customer_who_does_not_exist_changes_nothing(demo_store: Store) -> None:
    from tests.dump import dump_hash

    before = dump_hash(demo_store)
    with pytest.raises(StoreError, match="no customer #999999"):
        forget_customer_in(demo_store, 999_999)
    assert dump_hash(demo_store) == before


def test_forget_customer_from_the_command_line(
    demo_store: Store, person: int, capsys: pytest.CaptureFixture[str]
) -> None:
    if demo_store.sqlite_path is not None:
        make_backup(demo_store.sqlite_path, "manual")
    name_of = "SELECT display_name FROM customers WHERE id = :c"
    command = ["forget-customer", str(person), "--db", demo_store.url]
    assert main(command) == 1  # no terminal, no --yes
    assert scalar(demo_store, name_of, {"c": person}) == NAME
    assert main([*command, "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Forgot customer #{person}: 1 identities and 1 contacts deleted, 1 review" in out
    assert "2 order lines kept" in out
    if demo_store.sqlite_path is not None:
        assert "1 backups scrubbed" in out
    else:
        assert "The server's own backups are its administrator's to scrub." in out
    assert scalar(demo_store, name_of, {"c": person}) == ""


# Private files -----------------------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@posix_only
def test_a_new_store_and_its_log_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "shop.db"
    store = open_store(sqlite_url(path))
    with store.engine.connect() as conn:  # a connection keeps the -wal and -shm files
        conn.exec_driver_sql("CREATE TABLE scratch (x)")
        assert mode(path) == 0o600
        assert mode(Path(f"{path}-wal")) == 0o600
        assert mode(Path(f"{path}-shm")) == 0o600
    store.dispose()
    assert mode(path.parent) == 0o700  # a folder made for the store


@posix_only
def test_an_existing_folder_is_left_alone_and_an_old_store_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    path = folder / "shop.db"
    open_store(sqlite_url(path)).dispose()
    path.chmod(0o644)  # as an older ShopReel left it
    open_store(sqlite_url(path)).dispose()
    assert mode(path) == 0o600
    assert mode(folder) == 0o755


@posix_only
def test_the_data_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "ShopReel"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    monkeypatch.setattr("app.config.user_data_dir", lambda: data)
    open_store(sqlite_url(data / "shopreel.db")).dispose()
    assert mode(data) == 0o700
    assert mode(data / "shopreel.db") == 0o600


def test_forgetting_a_customer_works_on_any_store_and_keeps_the_figures(
    demo_store: Store, person: int
) -> None:
    """The same erasure through the Store (SQLite here, the team's server in the server run)."""
    from app.services.customers import set_note

    set_note(demo_store, person, f"{NAME}爱买衬衫")  # the change log now names them too
    others = "SELECT COUNT(*) FROM customer_identities WHERE customer_id != :c"
    others_before = scalar(demo_store, others, {"c": person})
    reader = demo_store.reader()
    try:
        october = month_stats(reader, Month.parse("2026-10"))
    finally:
        reader.close()

    done = forget_customer_in(demo_store, person, backups=False)
    logged = fetch(
        demo_store,
        "SELECT action, summary, fields FROM change_log WHERE table_name = 'customers' "
        "AND row_id = :c ORDER BY id",
        {"c": person},
    )
    assert [row[0] for row in logged] == ["update", "forget"]
    assert all(NAME not in f"{summary}{fields}" for _, summary, fields in logged)

    assert done.customer_ids == (person,)
    assert (done.identities, done.touches, done.reviews, done.order_lines) == (1, 1, 1, 2)
    row = "SELECT display_name || masked_phone || region || note FROM customers WHERE id = :c"
    assert scalar(demo_store, row, {"c": person}) == ""
    names = "SELECT COUNT(*) FROM customers WHERE display_name = :n OR masked_phone LIKE :p"
    assert scalar(demo_store, names, {"n": NAME, "p": f"%{PHONE[-4:]}"}) == 0
    for table in ("touches", "customer_identities"):
        count = f"SELECT COUNT(*) FROM {table} WHERE customer_id = :c"  # noqa: S608
        assert scalar(demo_store, count, {"c": person}) == 0, table
    reviews = "SELECT COUNT(*) FROM reviews WHERE text LIKE :n"
    assert scalar(demo_store, reviews, {"n": f"%{NAME}%"}) == 0
    lines = "SELECT COUNT(*) FROM order_lines WHERE customer_id = :c"
    assert scalar(demo_store, lines, {"c": person}) == 2
    assert scalar(demo_store, others, {"c": person}) == others_before
    reader = demo_store.reader()
    try:
        assert month_stats(reader, Month.parse("2026-10")) == october
    finally:
        reader.close()
