"""How long the demo shop takes to build (it runs on `make run` and the welcome page's button).

python benchmarks/demo_build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from app.config import sqlite_url
from app.demo import build_demo
from app.services.store import open_store


def main() -> int:
    """Build the demo shop into fresh stores and print the times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            store = open_store(sqlite_url(Path(folder) / f"demo{run}.db"))
            started = time.perf_counter()
            summary = build_demo(store, today=date(2026, 11, 28))
            times.append(time.perf_counter() - started)
            store.dispose()
    print(f"demo shop: {summary.order_lines} order lines, {summary.customers} customers")
    median = statistics.median(times)
    print(f"build time: median {median:.2f} s over {args.runs} runs (target < 8 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
