"""Monthly report speed on the demo shop (target: under 3 s for the PDF).

Usage: python benchmarks/report.py [--db PATH] [--month 2026-10] [--lang zh_CN] [--repeat 3]

Builds the demo shop into a temporary folder unless ``--db`` names a store, then times, in this
process: the first report (cold: pandas and matplotlib load, the font registers), then the best of
``--repeat`` warm runs of each step — gathering the data, laying out the pages, writing the PDF,
and turning the pages into SVG for the print preview / printer.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.config import sqlite_url  # noqa: E402
from app.services.store import open_store  # noqa: E402

TODAY = date(2026, 11, 28)
TARGET_S = 3.0


def main() -> int:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store (default: a fresh demo shop)")
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or _demo(Path(folder) / "shop.db")
        store = open_store(sqlite_url(path))
        try:
            _measure(store, args, Path(folder))
        finally:
            store.dispose()
    return 0


def _demo(path: Path) -> Path:
    from app.demo import build_demo

    store = open_store(sqlite_url(path))
    build_demo(store, seed=7, today=TODAY)
    store.dispose()
    return path


def _measure(store, args: argparse.Namespace, folder: Path) -> None:  # noqa: ANN001
    from app.services.reports import write_month_report

    out = folder / "report.pdf"
    started = time.perf_counter()
    pages = write_month_report(store, args.month, out, lang=args.lang, today=TODAY)
    cold = time.perf_counter() - started
    print(f"report {args.month} ({args.lang}): {pages} pages, {out.stat().st_size / 1024:.0f} KB")
    print(f"  first report, cold process:  {cold:6.2f} s")
    steps = _steps(store, args, out)
    total = sum(steps[name] for name in ("data", "layout", "pdf"))
    for name, seconds in steps.items():
        print(f"  {name + ':':<29}{seconds:6.2f} s")
    verdict = "ok" if total < TARGET_S else "SLOW"
    print(f"  warm PDF total:              {total:6.2f} s  (target < {TARGET_S:.0f} s: {verdict})")


def _steps(store, args: argparse.Namespace, out: Path) -> dict[str, float]:  # noqa: ANN001
    from app.reports.monthly import build_month_report
    from app.services.reports import month_report_data, page_svgs, save_pdf

    best: dict[str, float] = {}

    def timed(name: str, work):  # noqa: ANN001, ANN202
        started = time.perf_counter()
        result = work()
        best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
        return result

    for _ in range(args.repeat):
        reader = store.reader()
        try:
            data = timed("data", lambda r=reader: month_report_data(r, args.month, TODAY))
        finally:
            reader.close()
        pages = timed("layout", lambda d=data: build_month_report(d, None, args.lang))
        timed("pdf", lambda p=pages: save_pdf(p, out))
        pages = build_month_report(data, None, args.lang)
        timed("svg pages (print preview)", lambda p=pages: page_svgs(p))
    return best


if __name__ == "__main__":
    raise SystemExit(main())
