"""Import speed: a 200,000-row 抖店 order export (xlsx and CSV) into an empty store.

Prints rows/s and peak memory of `import_files` for each format, the floor (fastexcel reading
every column as text + plain sqlite3 executemany of the same rows in one transaction), the ratio
to the floor, and a re-import of a changed export (every status changed) into the filled store.
Targets: at most 2x the floor, peak memory under 1 GB, the re-import at least as fast.

    python benchmarks/import_orders.py [--rows 200000] [--keep DIR]
    (needs the bench extra: pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADERS = [
    "主订单编号",
    "子订单编号",
    "支付方式",
    "选购商品",
    "货号",
    "商品ID",
    "商家编码",
    "商品数量",
    "商品金额",
    "订单提交时间",
    "支付完成时间",
    "订单完成时间",
    "APP渠道",
    "订单状态",
    "取消原因",
    "售后状态",
    "订单类型",
    "订单应付金额",
    "运费",
    "优惠总金额",
    "平台优惠",
    "收件人",
    "收件人手机号",
    "省",
    "市",
    "区",
    "达人ID",
    "达人昵称",
    "流量来源",
    "流量体裁",
]
PRODUCTS = [
    "薄款针织开衫女法式空调衫外搭",
    "冰丝吊带背心女小个子内搭",
    "高腰A字半身裙小个子显瘦中长款",
]


def make_rows(count: int, status: str = "已完成", seed: int = 1) -> list[list[str]]:
    """Realistic 抖店 order lines (ids as 19-digit text)."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        paid = f"2026-10-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:{(n * 7) % 60:02d}"
        amount = f"{rng.randint(1900, 39900) / 100:.2f}"
        buyer = rng.randint(0, count // 3)
        ids = [f"69{n:017d}", f"68{n:017d}"]
        product = [PRODUCTS[n % 3], f"ML{n % 40:04d}", f"3{n % 40:018d}", f"ML-{n % 40:03d}"]
        state = [status, "", "-", "普通订单"]
        buyer_cells = [f"买家{buyer}", f"151****{buyer % 10000:04d}", "四川省", "成都市", "锦江区"]
        rows.append(
            [*ids, "抖音支付", *product, "1", amount, paid, paid, "", "抖音", *state, amount]
            + ["0.00", "0.00", "-", *buyer_cells, "", "", "小店自卖", "短视频"]
        )
    return rows


def write_files(folder: Path, rows: list[list[str]], stem: str) -> tuple[Path, Path]:
    """The same rows as CSV (UTF-8 BOM, TAB-prefixed ids like the platform) and xlsx (text ids)."""
    from openpyxl import Workbook

    csv_path = folder / f"{stem}.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows([f"\t{r[0]}", f"\t{r[1]}", *r[2:]] for r in rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(stem[:31])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    xlsx_path = folder / f"{stem}.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


CHILD_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from app.config import sqlite_url
from app.services.imports import import_files
from app.services.store import open_store
store = open_store(sqlite_url(Path(sys.argv[1])))
started = time.perf_counter()
results = import_files(store, [Path(p) for p in sys.argv[2:]])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak,
                  "results": [r.as_json() for r in results]}))
"""

CHILD_FLOOR = """
import json, resource, sqlite3, sys, time
import fastexcel
started = time.perf_counter()
reader = fastexcel.read_excel(sys.argv[2])
sheet = reader.load_sheet(0, dtypes="string")
columns = [c.to_pylist() for c in sheet.to_arrow().columns]
rows = list(zip(*columns))
conn = sqlite3.connect(sys.argv[1])
width = len(rows[0])
conn.execute(f"CREATE TABLE t ({', '.join(f'c{i} TEXT' for i in range(width))})")
with conn:
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * width)})", rows)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": len(rows)}))
"""


def child(code: str, *args: str) -> dict:
    """Run a measurement in a fresh process (so peak memory is its own)."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    """Write the files, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="shopreel-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = make_rows(args.rows)
    csv_path, xlsx_path = write_files(folder, rows, "1793496488_b5adf2891037dbeae5992257")
    changed = make_rows(args.rows, status="已关闭")
    csv_changed, _ = write_files(folder, changed, "1796174888_c5adf2891037dbeae5992257")
    took = time.perf_counter() - started
    print(f"wrote {args.rows:,} rows x {len(HEADERS)} columns in {took:.0f} s")
    floor = child(CHILD_FLOOR, str(folder / "floor.db"), str(xlsx_path))
    print(
        f"floor (fastexcel as text + sqlite3 executemany): {floor['seconds']:.1f} s, "
        f"peak {floor['peak_mb']:.0f} MB"
    )
    for label, path in (("xlsx", xlsx_path), ("csv", csv_path)):
        db = folder / f"{label}.db"
        db.unlink(missing_ok=True)
        measured = child(CHILD_IMPORT, str(db), str(path))
        ratio = measured["seconds"] / floor["seconds"]
        status = measured["results"][0]["status"]
        print(
            f"import {label}: {measured['seconds']:.1f} s, {args.rows / measured['seconds']:,.0f} "
            f"rows/s, peak {measured['peak_mb']:.0f} MB, {ratio:.2f}x the floor ({status})"
        )
        if label == "csv":
            again = child(CHILD_IMPORT, str(db), str(csv_changed))
            result = again["results"][0]
            print(
                f"re-import of a changed csv into that store: {again['seconds']:.1f} s, "
                f"{result['updated']:,} updated, peak {again['peak_mb']:.0f} MB"
            )
    print("targets: <= 2.00x the floor, peak < 1024 MB, re-import no slower than the first import")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
