"""The ``shopreel`` command: the GUI by default, and headless commands over the same services.

Kept light: only argparse at import time, so ``shopreel`` starts the window fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from app import __version__

_IMPORTED_AT = time.perf_counter()


def ms_since_process_start() -> float:
    """Milliseconds since this process started (interpreter start-up included where the OS says)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            up_seconds = float(uptime.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return max(0.0, (up_seconds - start_ticks / ticks) * 1000)
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-28, got {text!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``shopreel [--db PATH] [COMMAND …]``."""
    parser = argparse.ArgumentParser(
        prog="shopreel",
        description="ShopReel (短视频经营台): your short-video shop, from content to revenue.",
    )
    parser.add_argument("--version", action="version", version=f"shopreel {__version__}")
    db_help = (
        "the store: a SQLite file, or a team server's URL (postgresql://user@host/db); "
        "default: SHOPREEL_DATABASE_URL, SHOPREEL_DB, or your data folder"
    )
    parser.add_argument("--db", metavar="PATH|URL", help=db_help)
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="UI language for this run")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=db_help)
        return sub

    demo = command("demo", "build the demo shop (a fictional shop's last 90 days) into a store")
    demo.add_argument("--seed", type=int, default=None, help="random seed (same seed, same shop)")
    demo.add_argument("--today", type=_date, default=None, help="the demo's last day + 1")
    demo.add_argument("--force", action="store_true", help="replace an existing store file")
    command("migrate", "create or upgrade the store's schema")
    move = command(
        "migrate-store",
        "copy the store (--db) into a NEW store, such as the team's PostgreSQL server, and "
        "verify the copy's row counts and money totals (all or nothing)",
    )
    move.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="the new store: postgresql://user:password@host:5432/database (or a new file)",
    )
    shot = command("screenshot", "render the window with each tab to DIR/<tab>.png and exit")
    shot.add_argument("--out", type=Path, required=True, metavar="DIR")
    shot.add_argument("--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS)
    shot.add_argument("--today", type=_date, default=None)
    command("smoke", "start the GUI, wait for the first tab's data, print startup_ms and exit")
    imp = command("import", "import platform exports (files or folders) into the store")
    imp.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    imp.add_argument("--json", action="store_true", help="print a JSON list of results")
    backup = command("backup", "make a verified backup of the store now (or list them)")
    backup.add_argument("--list", action="store_true", help="list the store's backups instead")
    restore = command(
        "restore", "put a backup back in place of the store (the store is backed up first)"
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    command("check", "run SQLite's full integrity and foreign-key checks on the store")
    forget = command(
        "forget-customer",
        "erase one customer's personal data from the store and its backups "
        "(their orders stay, as an anonymous buyer's, so the figures do not change)",
    )
    forget.add_argument("customer_id", type=int, metavar="ID", help="the customer's number")
    forget.add_argument(
        "--keep-backups",
        action="store_true",
        help="leave the backups as they are (they keep the person until they are thinned)",
    )
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    encrypt = command(
        "encrypt",
        "encrypt the store and its backups (SQLCipher); the key goes to the OS keyring and to "
        "FILE: keep FILE safe, without the key the data is lost",
    )
    encrypt.add_argument("--key-file", type=Path, required=True, metavar="FILE")
    command("decrypt", "turn the encrypted store and its backups back into plain SQLite files")
    key_export = command("key-export", "save the encrypted store's key to FILE")
    key_export.add_argument("file", type=Path, metavar="FILE")
    key_import = command("key-import", "put a saved key back in this computer's keyring")
    key_import.add_argument("file", type=Path, metavar="FILE")
    report = command("report", "write one month's report (A4 PDF) to FILE")
    report.add_argument("--month", help="the month, like 2026-10 (required)")
    report.add_argument("--out", type=Path, metavar="FILE", help="the PDF to write (required)")
    report.add_argument(
        "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="default: zh_CN"
    )
    report.add_argument(
        "--sections",
        metavar="A,B",
        help="only these sections, comma-separated (default: all; see --list-sections)",
    )
    report.add_argument(
        "--list-sections", action="store_true", help="print the sections' names and exit"
    )
    report.add_argument("--mask-names", action="store_true", help="mask customers' names (张*)")
    report.add_argument("--today", type=_date, default=None, help="the date printed as made on")
    stats = command("stats", "print one month's figures")
    stats.add_argument("--month", required=True, help="the month, like 2026-08")
    stats.add_argument("--json", action="store_true", help="print JSON (the only format so far)")
    needs = command("needs", "the words buyers repeat in reviews and comments (needs insight)")
    needs.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    needs.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE")
    needs.add_argument("--limit", type=int, default=20, help="how many terms (default: 20)")
    needs.add_argument("--complaints", action="store_true", help="only the negative texts")
    needs.add_argument("--json", action="store_true", help="print a JSON list")
    _add_export_commands(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``shopreel`` and ``python main.py``."""
    import multiprocessing

    # A frozen app starts its reader processes (app.importers.isolated) through its own entry
    # point: this runs the child and exits before argparse sees the child's arguments.
    multiprocessing.freeze_support()
    args = build_parser().parse_args(argv)
    from app.config import resolve_db_url
    from app.services.privacy import install_log_privacy

    install_log_privacy()

    url = resolve_db_url(args.db)
    handlers = {
        None: _run_gui,
        "demo": _run_demo,
        "migrate": _run_migrate,
        "migrate-store": _run_migrate_store,
        "screenshot": _run_screenshot,
        "smoke": _run_smoke,
        "import": _run_import,
        "stats": _run_stats,
        "report": _run_report,
        "backup": _run_backup,
        "restore": _run_restore,
        "check": _run_check,
        "forget-customer": _run_forget_customer,
        "encrypt": _run_encrypt,
        "decrypt": _run_decrypt,
        "key-export": _run_key_export,
        "key-import": _run_key_import,
        "export": _run_export,
        "needs": _run_needs,
    }
    if args.command is not None:  # the window says it itself
        _warn_about_store_place(url)
    try:
        return handlers[args.command](args, url)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from app.db import StoreError

        if isinstance(exc, StoreError):
            print(f"shopreel: {exc}", file=sys.stderr)
            return 1
        raise


def _warn_about_store_place(url: str) -> None:
    """One line on stderr when the store is on a network share or in a cloud-sync folder."""
    from app.config import sqlite_path_of
    from app.services.storage_location import describe_risk, store_location_risk

    path = sqlite_path_of(url)
    risk = store_location_risk(path) if path is not None else None
    if risk is not None:
        print(f"shopreel: {describe_risk(risk)}", file=sys.stderr)


def main_gui() -> int:
    """Entry point of the ``shopreel-gui`` launcher (no console window on Windows)."""
    return main()


def _run_gui(args: argparse.Namespace, url: str) -> int:
    from app.config import ENV_DB_PATH, ENV_DB_URL
    from app.views.app import GuiOptions, run_gui

    chosen = bool(args.db or os.environ.get(ENV_DB_URL) or os.environ.get(ENV_DB_PATH))
    return run_gui(GuiOptions(url=url, language=args.lang, chosen=chosen))


def _run_smoke(args: argparse.Namespace, url: str) -> int:
    from app.views.app import GuiOptions, run_smoke

    return run_smoke(GuiOptions(url=url, language=args.lang), ms_since_process_start)


def _run_screenshot(args: argparse.Namespace, url: str) -> int:
    from app.views.app import GuiOptions, run_screenshots

    written = run_screenshots(GuiOptions(url=url, language=args.lang, today=args.today), args.out)
    for path in written:
        print(path)
    return 0 if written else 1


def _run_import(args: argparse.Namespace, url: str) -> int:
    import json

    from app.services.imports import import_files
    from app.services.store import open_store

    store = open_store(url)
    try:
        results = import_files(store, args.paths, dry_run=args.dry_run)
    finally:
        store.dispose()
    if not args.dry_run and any(r.status == "imported" for r in results):
        _backup_after_import(store.sqlite_path, quiet=args.json)
    if args.json:
        print(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(_describe_result(result, args.dry_run))
    return 1 if any(r.status == "rejected" for r in results) else 0


def _backup_after_import(path: Path | None, *, quiet: bool) -> None:
    """A verified backup once the imports landed; a failure is reported, the import stands."""
    from app.db import StoreError
    from app.services.backups import make_backup

    if path is None:
        return
    try:
        backup = make_backup(path, "import")
    except StoreError as exc:
        print(
            f"shopreel: the import is saved, but the backup after it failed: {exc}", file=sys.stderr
        )
        return
    if not quiet:
        print(f"Backed up to {backup.path}")


def _describe_result(result: object, dry_run: bool) -> str:
    from app.services.imports import FileResult

    assert isinstance(result, FileResult)
    if result.status == "rejected":
        return f"REJECTED  {result.file}: {result.error}"
    if result.status == "unchanged":
        return f"unchanged {result.file}: already imported ({result.kind})"
    verb = "would import" if dry_run else "imported"
    return (
        f"{verb:<9} {result.file}: {result.kind}, {result.rows} rows — "
        f"{result.inserted} new, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.skipped} skipped"
    )


def _run_stats(args: argparse.Namespace, url: str) -> int:
    import json

    from app.services.stats import Month, month_stats
    from app.services.store import open_store

    try:
        month = Month.parse(args.month)
    except ValueError as exc:
        print(f"shopreel: {exc}", file=sys.stderr)
        return 2
    store = open_store(url)
    reader = store.reader()
    try:
        print(json.dumps(month_stats(reader, month), ensure_ascii=False, indent=2))
    finally:
        reader.close()
        store.dispose()
    return 0


def _run_needs(args: argparse.Namespace, url: str) -> int:
    import json

    from app.services.retention import needs_insight
    from app.services.store import open_store

    store = open_store(url)
    reader = store.reader()
    try:
        frame = needs_insight(
            reader, args.start, args.end, limit=args.limit, complaints_only=args.complaints
        )
    finally:
        reader.close()
        store.dispose()
    rows = [
        {"term": term, "mentions": int(mentions), "share": round(float(share), 4)}
        for term, mentions, share in frame[["term", "mentions", "share"]].itertuples(index=False)
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['term']}\t{row['mentions']}\t{row['share']:.1%}")
    return 0


def _run_report(args: argparse.Namespace, url: str) -> int:
    from app.reports.sections import all_sections
    from app.reports.strings import text
    from app.services.reports import write_month_report
    from app.services.stats import Month
    from app.services.store import open_store

    if args.list_sections:
        for part in all_sections():
            print(f"{part.key:<16} {text('en', part.title_key)}")
        return 0
    if not args.month or not args.out:
        print("shopreel: report needs --month YYYY-MM and --out FILE.pdf", file=sys.stderr)
        return 2
    try:
        Month.parse(args.month)
    except ValueError as exc:
        print(f"shopreel: {exc}", file=sys.stderr)
        return 2
    sections = args.sections.split(",") if args.sections else None
    out = args.out.expanduser().resolve()
    if not out.parent.is_dir():
        print(f"shopreel: there is no folder {out.parent}", file=sys.stderr)
        return 2
    store = open_store(url)
    started = time.perf_counter()
    try:
        pages = write_month_report(
            store,
            args.month,
            out,
            lang=args.lang or "zh_CN",
            sections=sections,
            today=args.today,
            mask_names=args.mask_names,
        )
    except ValueError as exc:  # an unknown section
        print(f"shopreel: {exc}", file=sys.stderr)
        return 2
    finally:
        store.dispose()
    print(f"Wrote {pages} pages to {out} in {time.perf_counter() - started:.1f} s")
    return 0


def _sqlite_store(url: str) -> Path:
    from app.config import describe_url, sqlite_path_of
    from app.db import StoreError

    path = sqlite_path_of(url)
    if path is None:
        raise StoreError(
            f"{describe_url(url)} is a server database: back it up with the server's own tools."
        )
    return path


def _run_backup(args: argparse.Namespace, url: str) -> int:
    from app.services.backups import backups_dir, list_backups, make_backup

    path = _sqlite_store(url)
    if args.list:
        backups = list_backups(path)
        for b in backups:
            print(f"{b.made_at:%Y-%m-%d %H:%M:%S}  {b.reason:<9} {_size(b.size):>9}  {b.path}")
        if not backups:
            print(f"No backups yet in {backups_dir(path)}")
        return 0
    started = time.perf_counter()
    backup = make_backup(path, "manual")
    seconds = time.perf_counter() - started
    print(f"Backed up and verified in {seconds:.2f} s: {backup.path} ({_size(backup.size)})")
    return 0


def _run_restore(args: argparse.Namespace, url: str) -> int:
    from app.services.backups import restore_backup
    from app.services.instance import window_holding

    path = _sqlite_store(url)
    if (pid := window_holding(path)) is not None:
        print(
            f"shopreel: ShopReel has {path} open (process {pid}). Restore from its "
            "File > Backups… window, or quit it first; nothing was changed.",
            file=sys.stderr,
        )
        return 1
    restored = restore_backup(path, args.file.expanduser().resolve())
    if restored.previous is not None:
        print(f"The store as it was is kept at {restored.previous}")
    print(f"Restored {restored.source} to {path}")
    return 0


def _run_encrypt(args: argparse.Namespace, url: str) -> int:
    from app.services.encryption import encrypt_store, ensure_key, export_key

    path = _store_not_in_a_window(url)
    if path is None:
        return 1
    ensure_key(path)
    key_file = args.key_file.expanduser().resolve()
    export_key(path, key_file)  # first: no key file, no encryption
    print(f"The key is saved to {key_file}. Keep it safe: without it the data cannot be opened.")
    done = encrypt_store(path)
    print(f"Encrypted {path} and {done.backups_converted} backups.")
    for backup, why in done.backups_skipped:
        print(f"Not converted (damaged?): {backup} ({why})")
    return 0


def _run_decrypt(args: argparse.Namespace, url: str) -> int:
    from app.services.encryption import decrypt_store

    path = _store_not_in_a_window(url)
    if path is None:
        return 1
    done = decrypt_store(path)
    print(f"Decrypted {path} and {done.backups_converted} backups.")
    for backup, why in done.backups_skipped:
        print(f"Not converted (damaged?): {backup} ({why})")
    return 0


def _store_not_in_a_window(url: str) -> Path | None:
    from app.services.instance import window_holding

    path = _sqlite_store(url)
    if (pid := window_holding(path)) is not None:
        print(
            f"shopreel: ShopReel has {path} open (process {pid}). Use its Settings, or quit "
            "it first; nothing was changed.",
            file=sys.stderr,
        )
        return None
    return path


def _run_key_export(args: argparse.Namespace, url: str) -> int:
    from app.services.encryption import export_key

    target = args.file.expanduser().resolve()
    export_key(_sqlite_store(url), target)
    print(f"The key is saved to {target}.")
    return 0


def _run_key_import(args: argparse.Namespace, url: str) -> int:
    from app.services.encryption import import_key

    path = _sqlite_store(url)
    import_key(path, args.file.expanduser())
    print(f"The key opens {path}; it is now in this computer's keyring.")
    return 0


def _run_check(args: argparse.Namespace, url: str) -> int:
    from app.db import foreign_key_check, integrity_check

    path = _sqlite_store(url)
    if not path.is_file():
        print(f"shopreel: there is no store at {path}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    problems = integrity_check(path)
    if not problems:
        problems = foreign_key_check(path)
    seconds = time.perf_counter() - started
    if problems:
        print(f"{path}: {len(problems)} problem(s) found in {seconds:.2f} s:")
        for problem in problems[:50]:
            print(f"  {problem}")
        print("Restore a backup: `shopreel backup --list`, then `shopreel restore FILE`.")
        return 1
    print(f"{path}: ok (integrity and foreign keys checked in {seconds:.2f} s)")
    return 0


def _run_forget_customer(args: argparse.Namespace, url: str) -> int:
    from app.config import sqlite_path_of
    from app.services.privacy import forget_customer

    if sqlite_path_of(url) is None:
        return _forget_on_server(args, url)
    path = _sqlite_store(url)
    if not args.yes and not _confirm_forget(path, args.customer_id):
        print("Nothing was changed.")
        return 1
    done = forget_customer(path, args.customer_id, backups=not args.keep_backups)
    rows = ", ".join(f"#{i}" for i in done.customer_ids)
    print(
        f"Forgot customer {rows}: {done.identities} identities and {done.touches} contacts "
        f"deleted, {done.reviews} review texts emptied; {done.order_lines} order lines kept "
        f"as an anonymous buyer's (the figures do not change); {done.backups} backups scrubbed."
    )
    if not done.log_truncated:
        print("ShopReel has the store open: its log is cleared when that window closes.")
    damaged = sorted(path.parent.glob(f"{path.name}.damaged-*"))
    if damaged:
        print("These copies of a damaged store may still hold the person; delete them if unused:")
        for copy in damaged:
            print(f"  {copy}")
    return 0


def _forget_on_server(args: argparse.Namespace, url: str) -> int:
    """Forget a customer in a team's server store (no backups of ours to scrub there)."""
    from app.services.privacy import forget_customer_in
    from app.services.store import open_store

    store = open_store(url)
    try:
        if not args.yes:
            print("shopreel: add --yes to forget a customer in a server store", file=sys.stderr)
            print("Nothing was changed.")
            return 1
        done = forget_customer_in(store, args.customer_id)
    finally:
        store.dispose()
    rows = ", ".join(f"#{i}" for i in done.customer_ids)
    print(
        f"Forgot customer {rows}: {done.identities} identities and {done.touches} contacts "
        f"deleted, {done.reviews} review texts emptied; {done.order_lines} order lines kept "
        "as an anonymous buyer's (the figures do not change). The server's own backups are "
        "its administrator's to scrub."
    )
    return 0


def _confirm_forget(path: Path, customer_id: int) -> bool:
    from contextlib import closing

    from app.db import connect

    if not sys.stdin.isatty():
        print("shopreel: add --yes to forget a customer without a terminal", file=sys.stderr)
        return False
    with closing(connect(path, readonly=True)) as conn:
        row = conn.execute(
            "SELECT display_name, masked_phone FROM customers WHERE id = ?", (customer_id,)
        ).fetchone()
    if row is None:
        print(f"shopreel: there is no customer #{customer_id}", file=sys.stderr)
        return False
    who = " ".join(part for part in row if part) or "(no name)"
    answer = input(f"Erase customer #{customer_id} {who} from the store and its backups? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 2**10:.0f} KB"


def _run_migrate(args: argparse.Namespace, url: str) -> int:
    from app import migrations
    from app.config import describe_url
    from app.services.store import open_store

    store = open_store(url)
    revision = migrations.current_revision(store.engine)
    store.dispose()
    print(f"{describe_url(url)}: schema {revision} (newest {migrations.HEAD_REVISION})")
    return 0


def _run_migrate_store(args: argparse.Namespace, url: str) -> int:
    from app.config import describe_url, resolve_db_url
    from app.services.migrate_store import describe_summary, migrate_store
    from app.services.store import open_store

    target = resolve_db_url(args.to)
    source = open_store(url)
    print(f"Copying {describe_url(url)} -> {describe_url(target)}")
    try:
        summary = migrate_store(source, target)
    finally:
        source.dispose()
    for line in describe_summary(summary):
        print(line)
    return 0


def _run_demo(args: argparse.Namespace, url: str) -> int:
    from app.config import describe_url, sqlite_path_of
    from app.demo import DEFAULT_SEED, build_demo
    from app.services.store import open_store

    path = sqlite_path_of(url)
    if args.force and path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = open_store(url)
    started = time.perf_counter()
    try:
        summary = build_demo(
            store, seed=DEFAULT_SEED if args.seed is None else args.seed, today=args.today
        )
    finally:
        store.dispose()
    seconds = time.perf_counter() - started
    print(f"Demo shop {summary.shop_name!r} written to {describe_url(url)} in {seconds:.1f} s:")
    print(
        f"  {summary.videos} videos, {summary.customers} customers, "
        f"{summary.order_lines} order lines, {summary.plan_items} plan items, "
        f"{summary.campaigns} campaigns"
    )
    return 0


# --- export (issue #7) ---------------------------------------------------------------------------


def _add_export_commands(command: Any) -> None:
    """``shopreel export customers [--tier NAME] [--segment NAME] --out FILE``."""
    export = command("export", "export a list from the store to Excel (.xlsx) or CSV")
    what = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    customers = what.add_parser(
        "customers",
        help="customers (all, one tier, or one RFM segment), phones masked",
        description="Export customers (all, one tier, or one RFM segment); phones are masked.",
    )
    customers.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="the store")
    customers.add_argument("--tier", metavar="NAME", help="only this tier, e.g. VIP")
    customers.add_argument(
        "--segment", metavar="NAME", help="only this RFM segment, e.g. at_risk or 流失风险"
    )
    customers.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx|FILE.csv")
    customers.add_argument("--as-of", type=_date, default=None, help="the day (default: today)")
    customers.add_argument("--mask-names", action="store_true", help="mask customer names too")


def _run_export(args: argparse.Namespace, url: str) -> int:
    from app.services.customers import customer_list, export_customers
    from app.services.store import open_store

    if args.out.suffix.lower() not in (".xlsx", ".csv"):
        print(f"shopreel: export to a .xlsx or .csv file, not {args.out.name}", file=sys.stderr)
        return 2
    store = open_store(url)
    reader = store.reader()
    try:
        frame = customer_list(
            reader, args.as_of or date.today(), tier=args.tier, segment=args.segment
        )
        written = export_customers(
            frame, args.out, language=args.lang or "zh_CN", mask_names=args.mask_names
        )
    except ValueError as exc:
        print(f"shopreel: {exc}", file=sys.stderr)
        return 2
    finally:
        reader.close()
        store.dispose()
    print(f"{written} customers -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
