"""Reading-layer speed: a 200,000-row × 30-column 抖店-like orders export as xlsx and as CSV.

Usage: python benchmarks/read_speed.py [--rows N] [--keep DIR]

Writes both files into a temporary folder (the xlsx with openpyxl's write_only mode, ids as
text; the CSV as UTF-8 with BOM and TAB-padded ids, like 抖店), then reads each one with
``read_workbook`` in a fresh child process and prints the wall time, the child's peak RSS
(``resource.getrusage``) and, for the xlsx, the zip pre-flight's time (best of 3, the file
cached) as a share of the rest of the read (calamine parsing the workbook into Python rows).
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
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.importers.sniff import col_name  # noqa: E402

HEADERS = [
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码",
    "商品单价", "订单应付金额", "运费", "优惠总金额", "订单提交时间", "支付完成时间", "订单状态",
    "售后状态", "收件人", "收件人手机号", "省", "市", "区", "详细地址", "达人ID", "达人昵称",
    "流量来源", "流量体裁", "广告渠道", "APP渠道", "买家留言", "商家备注", "取消原因",
]  # fmt: skip

PRODUCTS = ["高腰A字半身裙小个子显瘦中长款", "法式复古碎花连衣裙", "宽松显瘦牛仔裤", "羊毛针织开衫"]
SPECS = ["颜色:黑色;尺码:L", "颜色:白色;尺码:M", "颜色:杏色;尺码:S", "颜色:蓝色;尺码:XL"]
STATES = ["已完成", "已发货", "已关闭", "待发货"]
AFTER = ["", "同意退款，退款成功", "售后关闭"]
PLACES = [
    ("浙江省", "杭州市", "西湖区"),
    ("广东省", "广州市", "天河区"),
    ("江苏省", "苏州市", "姑苏区"),
]


def order_rows(count: int, seed: int = 1):
    """Yield ``count`` rows of (id-as-text, numbers-as-numbers) order data."""
    rng = random.Random(seed)
    start = datetime(2026, 8, 1)
    for i in range(count):
        placed = start + timedelta(seconds=i * 13)
        paid = placed + timedelta(seconds=rng.randint(5, 600))
        province, city, district = rng.choice(PLACES)
        price = round(rng.uniform(39, 499), 2)
        qty = rng.randint(1, 3)
        yield [
            str(6910961659482334604 + i // 2),
            str(6994638544735598778 + i),
            rng.choice(PRODUCTS),
            rng.choice(SPECS),
            qty,
            str(3787403802984597969 + rng.randint(0, 38)),
            f"ML2026{rng.randint(0, 9999):04d}",
            price,
            round(price * qty, 2),
            0.0,
            round(rng.uniform(0, 30), 2),
            placed.strftime("%Y-%m-%d %H:%M:%S"),
            paid.strftime("%Y-%m-%d %H:%M:%S"),
            rng.choice(STATES),
            rng.choice(AFTER),
            f"顾客{rng.randint(0, 4499)}",
            f"1{rng.randint(30, 99)}******{rng.randint(10, 99)}",
            province,
            city,
            district,
            f"{district}某某路{rng.randint(1, 999)}号",
            str(rng.randint(10**15, 10**16 - 1)),
            f"达人{rng.randint(0, 99)}",
            rng.choice(["短视频", "直播", "商品卡"]),
            rng.choice(["短视频", "直播", "数据将于第二天更新"]),
            rng.choice(["", "千川", "随心推"]),
            "抖音",
            "",
            "",
            "",
        ]


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(path.stem[:31])
    sheet.append(HEADERS)
    for row in order_rows(count):
        sheet.append(row)
    book.save(path)


def add_dimension(source: Path, target: Path, ref: str) -> None:
    """Copy an xlsx, writing ``<dimension ref=…>`` into its sheet as Excel does (streamed)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            with zin.open(info) as reader, zout.open(info.filename, "w", force_zip64=True) as out:
                head = reader.read(1 << 20)
                if info.filename.startswith("xl/worksheets/"):
                    at = head.index(b"<sheetViews")
                    head = head[:at] + f'<dimension ref="{ref}"/>'.encode() + head[at:]
                out.write(head)
                while chunk := reader.read(1 << 20):
                    out.write(chunk)


def write_csv(path: Path, count: int) -> None:
    text_ids = {0, 1, 5, 11, 12, 21}
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADERS)
        for row in order_rows(count):
            writer.writerow([f"{v}\t" if i in text_ids else v for i, v in enumerate(row)])


def measure(path: Path) -> dict[str, float]:
    """Run in the child: read the file once, report time, RSS and the pre-flight time."""
    import resource

    from app.importers.reading import Limits, read_workbook
    from app.importers.sniff import preflight_zip

    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    book = read_workbook(path)
    total = time.perf_counter() - start
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "seconds": total,
        "peak_rss_mb": peak_rss / 1024,
        "base_rss_mb": base_rss / 1024,
        "rows": sum(len(sheet.rows) for sheet in book.sheets),
    }
    if book.container == "xlsx":
        del book
        timings = []
        for _ in range(3):
            plan = preflight_zip(path, Limits())
            timings.append(plan.scan_seconds)
        result["preflight_seconds"] = min(timings)
    return result


def run_child(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        xlsx, text = folder / "orders_200k.xlsx", folder / "orders_200k.csv"
        dimensioned = folder / "orders_200k_dimension.xlsx"
        ref = f"A1:{col_name(len(HEADERS))}{args.rows + 1}"
        writers = (
            (xlsx, lambda path: write_xlsx(path, args.rows)),
            (dimensioned, lambda path: add_dimension(xlsx, path, ref)),
            (text, lambda path: write_csv(path, args.rows)),
        )
        for path, writer in writers:
            if not path.exists():
                start = time.perf_counter()
                writer(path)
                print(f"wrote {path.name}: {path.stat().st_size / 1e6:.1f} MB"
                      f" in {time.perf_counter() - start:.1f} s")  # fmt: skip
        labels = {
            xlsx: "xlsx, no <dimension> (openpyxl write_only): full pre-flight scan",
            dimensioned: f"xlsx, <dimension ref={ref}>: trusted, no scan",
            text: "csv, UTF-8 with BOM",
        }
        for path in (xlsx, dimensioned, text):
            result = run_child(path)
            line = (
                f"{labels[path]}\n    read_workbook {result['seconds']:.2f} s,"
                f" peak RSS {result['peak_rss_mb']:.0f} MB"
                f" (interpreter + imports {result['base_rss_mb']:.0f} MB),"
                f" {result['rows']:,} rows"
            )
            if "preflight_seconds" in result:
                scan = result["preflight_seconds"]
                parse = result["seconds"] - scan
                line += (
                    f"; pre-flight {scan:.2f} s = {scan / parse:.0%} of the calamine read"
                    f" ({parse:.2f} s)"
                )
            print(line)


if __name__ == "__main__":
    main()
