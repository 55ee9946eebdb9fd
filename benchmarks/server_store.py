"""The team store: the same work on a local SQLite file and on a PostgreSQL server, side by side.

Usage: python benchmarks/server_store.py [--rows N] [--url postgresql+psycopg://…/postgres]

For each store: build the demo shop, then time the reads the tabs make on it (a month's
figures, the video table, the conversion data, the customer ledger, a tier recompute), then
import an N-row 抖店 order CSV (default 200,000) into it and re-import a changed export of the
same orders (every status changed). The server is ``--url`` (its maintenance database; a
scratch database is made and dropped), else ``SHOPREEL_TEST_PG_URL``, else the throwaway
server of ``tools/pg_server.sh start``. Wall seconds and this process's CPU seconds are
printed: on a server, the difference is mostly the server's own work.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import import_orders  # noqa: E402

from app.config import sqlite_url  # noqa: E402
from app.db import Store  # noqa: E402
from app.services.store import open_store  # noqa: E402

TODAY = date(2026, 11, 28)


def timed(label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` once and print its wall and CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(
        f"  {label:<34} {time.perf_counter() - wall:7.2f} s wall "
        f"{time.process_time() - cpu:7.2f} s CPU",
        flush=True,
    )
    return result


def reads(store: Store) -> None:
    """What the tabs read on first show, each on its own reader."""
    from app.services.conversion import load_conversion
    from app.services.customers import load_ledger
    from app.services.stats import Month, month_stats
    from app.services.tiers import recompute_tiers
    from app.services.traffic import load_videos

    def on_reader(work: Callable[[Any], Any]) -> Callable[[], Any]:
        def run() -> Any:
            reader = store.reader()
            try:
                return work(reader)
            finally:
                reader.close()

        return run

    timed("month figures (2026-10)", on_reader(lambda r: month_stats(r, Month.parse("2026-10"))))
    timed("video table", on_reader(load_videos))
    timed("conversion data", on_reader(load_conversion))
    timed("customer ledger", on_reader(lambda r: load_ledger(r, TODAY)))
    timed("tier recompute", lambda: recompute_tiers(store, TODAY))


def imports(store: Store, first: Path, changed: Path) -> None:
    """A big first import and a changed re-import of the same orders."""
    from app.services.imports import import_files

    for label, path in (("import", first), ("re-import (changed)", changed)):
        (result,) = timed(f"{label} {path.suffix}", lambda p=path: import_files(store, [p]))
        assert result.status == "imported", result.error


def bench(label: str, url: str, files: tuple[Path, Path]) -> None:
    """Everything on one store."""
    from app.demo import build_demo

    print(f"{label}:", flush=True)
    store = open_store(url)
    try:
        timed("demo shop build", lambda: build_demo(store, seed=7, today=TODAY))
        reads(store)
        imports(store, *files)
    finally:
        store.dispose()


def server_url(given: str | None) -> str:
    """The maintenance URL of the server to use (starting the throwaway one if need be)."""
    if given or os.environ.get("SHOPREEL_TEST_PG_URL"):
        return given or os.environ["SHOPREEL_TEST_PG_URL"]
    started = subprocess.run(
        [str(ROOT / "tools" / "pg_server.sh"), "start"], capture_output=True, text=True, check=True
    )
    return started.stdout.strip()


def main() -> int:
    """Write the order files, run both stores, clean up."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--url", help="a PostgreSQL server's maintenance database URL")
    args = parser.parse_args()
    from tests import pg

    os.environ["SHOPREEL_TEST_PG_URL"] = server_url(args.url)
    with tempfile.TemporaryDirectory(prefix="shopreel-server-bench-") as scratch:
        folder = Path(scratch)
        stems = ("1793496488_b5adf2891037dbeae5992257", "1796174888_c5adf2891037dbeae5992257")
        first, _ = import_orders.write_files(folder, import_orders.make_rows(args.rows), stems[0])
        changed_rows = import_orders.make_rows(args.rows, status="已关闭")
        changed, _ = import_orders.write_files(folder, changed_rows, stems[1])
        print(f"{args.rows:,} order lines; load average {os.getloadavg()[0]:.2f}", flush=True)
        bench("SQLite file", sqlite_url(folder / "shop.db"), (first, changed))
        name = pg.unique_name("shopreel_bench")
        try:
            bench("PostgreSQL server", pg.create_database(name), (first, changed))
        finally:
            pg.drop_database(name)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
