"""The demo shop's platform exports, written as the platforms write them, for the importer.

Each writer imitates the real file (see EXPORT_FORMATS.md and the shared samples): 抖店 orders as
a UTF-8-BOM CSV of header list A with TAB-prefixed ids and times, named ``<unix>_<hex>.csv``;
TikTok Shop's OrderSKUList with its description row, TAB-suffixed ids and US times; the creator
centres' video lists (抖音 作品列表 in both header variants, 快手, 视频号, 小红书 with its notice
row, TikTok Studio's year-less Content.csv); TikTok Studio's Overview.csv; one 千川 素材 report per
ad day with its ``全部`` row and inline strings; 抖店 商品评价.

Files are byte-for-byte deterministic (same world, same bytes): workbooks are written here with
fixed zip timestamps, so the import batches' file hashes are too. :func:`write_exports` returns
the files in the order they were downloaded, which is the order to import them in.
"""

from __future__ import annotations

import csv
import random
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.demo import vocab
from app.demo.sales import order_state, review_export_of
from app.demo.world import AdDownload, OrderExport, ReviewExport, VideoExport, World
from app.models import AccountDaily, Order, Review

BEIJING = timezone(timedelta(hours=8))
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
Cell = str | int | float | None


@dataclass(frozen=True)
class ExportFile:
    """One written export: where it is, when it was downloaded and imported, what it holds.

    Attributes:
        kind: the export kind the importer recognises it as.
        rows: its data rows (total, notice and description rows not counted).
    """

    path: Path
    kind: str
    exported_at: datetime
    imported_at: datetime
    rows: int


def write_exports(world: World, folder: Path) -> list[ExportFile]:
    """Write every export of the demo world into ``folder``; return them in download order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"exports-{world.today.isoformat()}-{world.rng.random()}")
    planned: list[tuple[datetime, str, str, Callable[[Path], int]]] = []

    def plan(at: datetime, name: str, kind: str, write: Callable[..., int], *args: Any) -> None:
        planned.append((at, name, kind, lambda path: write(path, *args)))

    lines = defaultdict(list)
    for line in world.rows[Order]:
        lines[line["platform"]].append(line)
    for export in world.order_exports:
        at = export.exported_at
        carried = [ln for ln in lines[export.platform] if export.start <= ln["created_at"] < at]
        if export.platform == "douyin":
            name = f"{_unix(at)}_{_hex(rng, 32)}{_letters(rng, 8)}.csv"
            plan(at, name, "douyin_shop_orders", _douyin_orders, world, export, carried)
        else:
            name = f"OrderSKUList_{at:%Y%m%d}.csv"
            plan(at, name, "tiktok_shop_orders", _tiktok_orders, world, export, carried)
    for export in world.review_exports:
        reviews = [r for r in world.rows[Review] if review_export_of(world, r["_at"]) is export]
        if reviews:
            name = f"商品评价_{export.exported_at:%Y%m%d}.xlsx"
            plan(export.exported_at, name, "douyin_shop_reviews", _reviews, export, reviews)
    for export in world.video_exports:
        name_of, kind, write = VIDEO_FILES[export.platform]
        plan(export.exported_at, name_of(export), kind, write, world, export)
    for download in world.ad_downloads:
        millis = _unix(download.exported_at) * 1000 + rng.randrange(1000)
        day = f"{download.day:%Y-%m-%d}"
        name = f"全域数据_素材分析_视频_{day} 00_00_00-{day} 23_59_59-{millis}.xlsx"
        plan(download.exported_at, name, "qianchuan_material_daily", _qianchuan, download)
    if world.overview_exported_at is not None:
        plan(world.overview_exported_at, "Overview.csv", "tiktok_studio_overview", _overview, world)
    files = []
    last = datetime.min
    taken: set[str] = set()
    for exported_at, name, kind, write in sorted(planned, key=lambda p: (p[0], p[1])):
        path = folder / _browser_name(name, taken)
        rows = write(path)
        last = max(  # imported a few minutes after the download, one after the other
            last + timedelta(seconds=rng.randint(20, 90)),
            exported_at + timedelta(minutes=rng.randint(2, 15)),
        )
        files.append(ExportFile(path, kind, exported_at, last.replace(microsecond=0), rows))
    return files


def _browser_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name (1)``, ``name (2)`` … as a browser saves a second download."""
    stem, dot, suffix = name.rpartition(".")
    candidate, number = name, 0
    while candidate in taken:
        number += 1
        candidate = f"{stem} ({number}){dot}{suffix}"
    taken.add(candidate)
    return candidate


def _unix(moment: datetime) -> int:
    """Unix seconds of a Beijing wall-clock time (what 抖店 and 千川 put in their file names)."""
    return int(moment.replace(tzinfo=BEIJING).timestamp())


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("0123456789abcdef", k=n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", k=n))


# --- Cell formats --------------------------------------------------------------------------------


def _yuan(cents: int) -> str:
    """``1,234.00``: yuan with a thousands comma, as 抖店 and 千川 print amounts."""
    return f"{cents / 100:,.2f}"


def _plain(cents: int) -> str:
    """``49.99``: an amount without separators, as TikTok Shop prints it."""
    return f"{cents / 100:.2f}"


def _ts(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%d %H:%M:%S}"


def _tab_before(text: str) -> str:
    """抖店 puts a TAB before ids and times so Excel keeps them as text."""
    return f"\t{text}" if text else ""


def _us_time(moment: datetime | None) -> str:
    """``08/01/2026 6:53:36 AM`` plus the TAB TikTok Shop appends (a lone TAB when empty)."""
    if moment is None:
        return "\t"
    hour = moment.hour % 12 or 12
    return f"{moment:%m/%d/%Y} {hour}:{moment:%M:%S} {'AM' if moment.hour < 12 else 'PM'}\t"


def _month_day(day: date) -> str:
    """``August 9``: TikTok Studio's year-less dates."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def _ratio(value: float) -> str:
    """``0.54258``: a 0-1 ratio as text, as 抖音 作品列表 prints rates."""
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


def _mmss(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


# --- Writers: text -------------------------------------------------------------------------------


def _write_csv(path: Path, rows: Iterable[Sequence[Cell]]) -> None:
    """A UTF-8-BOM CSV with LF line ends, quoting only where needed."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _write_studio_csv(path: Path, rows: Iterable[Sequence[Cell]]) -> None:
    """TikTok Studio's CSV: BOM, and every text with a space (headers, dates, titles) quoted."""

    def cell(value: Cell) -> str:
        text = "" if value is None else str(value)
        if any(c in text for c in ' ,"\n'):
            return '"' + text.replace('"', '""') + '"'
        return text

    text = "".join(",".join(cell(v) for v in row) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8-sig", newline="")


# --- Writers: workbooks --------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    *,
    sheet: str = "Sheet1",
    inline: bool = False,
    merge: str | None = None,
) -> None:
    """A minimal, deterministic .xlsx: one sheet, text as shared (or inline) strings.

    Args:
        rows: the cells; None leaves a cell out, str is text, int/float a number.
        inline: write text as inline strings (千川 does) instead of the shared-strings table.
        merge: a range to merge (小红书's notice row, ``A1:M1``).
    """
    strings: dict[str, int] = {}
    width = max((len(r) for r in rows), default=1)
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise TypeError(f"cannot write {value!r} to a workbook")
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            elif inline:
                text = escape(value)
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
                )
            else:
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    merged = f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>' if merge else ""
    dimension = f"A1:{_column(width - 1)}{max(len(rows), 1)}"
    sheet_xml = (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="{dimension}"/>'
        f"<sheetData>{''.join(body)}</sheetData>{merged}</worksheet>"
    )
    parts = {
        "[Content_Types].xml": _content_types(shared=bool(strings)),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _workbook_rels(shared=bool(strings)),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if strings:
        items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        parts["xl/sharedStrings.xml"] = (
            f'{_XML}<sst xmlns="{_MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
            f"{items}</sst>"
        )
        parts["xl/styles.xml"] = _STYLES
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))


def _content_types(*, shared: bool) -> str:
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    extra = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{sheet}.sharedStrings+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{sheet}.styles+xml"/>'
        if shared
        else ""
    )
    return (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{sheet}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet}.worksheet+xml"/>'
        f"{extra}</Types>"
    )


def _workbook_rels(*, shared: bool) -> str:
    extra = (
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
        if shared
        else ""
    )
    return (
        f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet1.xml"/>{extra}</Relationships>'
    )


_STYLES = (
    f'{_XML}<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/>'
    '<name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


# --- 抖店 orders ---------------------------------------------------------------------------------

DOUYIN_ORDER_HEADERS = [
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
    "承诺发货时间",
    "预约发货时间",
    "买家留言",
    "旗帜颜色",
    "商家备注",
    "APP渠道",
    "订单状态",
    "取消原因",
    "售后状态",
    "订单类型",
    "发货时间",
    "车型",
    "是否是以旧换新",
    "换新额外补贴",
    "换新额外补贴发放状态",
    "订单应付金额",
    "运费",
    "优惠总金额",
    "平台优惠",
    "商家优惠",
    "达人优惠",
    "商家改价",
    "支付优惠",
    "手续费",
    "红包抵扣",
    "降价类优惠",
    "平台实际承担优惠金额",
    "商家实际承担优惠金额",
    "达人实际承担优惠金额",
    "收件人",
    "收件人手机号",
    "省",
    "市",
    "区",
    "街道",
    "详细地址",
    "是否修改过地址",
    "快递信息",
    "序列号",
    "达人ID",
    "达人昵称",
    "拼团订单团编号",
    "商品单价是否含税",
    "税费",
    "鲁班落地页ID",
    "所属门店ID",
    "流量来源",
    "仓库ID",
    "仓库名称",
    "是否安心购",
    "广告渠道",
    "流量类型",
    "流量体裁",
    "流量渠道",
    "发货主体",
    "发货主体明细",
    "教育优惠",
    "预计送达时间",
    "是否平台仓自流转",
    "是否是渠道商品",
    "预约送达时间",
    "建议发货时间（起）",
    "建议发货时间（止）",
]  # header list A, 75 columns, in file order
ZERO = "0.00"


def _douyin_orders(path: Path, world: World, export: OrderExport, lines: list[dict]) -> int:
    at = export.exported_at
    rows: list[list[Cell]] = [list(DOUYIN_ORDER_HEADERS)]
    customers = world.customers
    for line in sorted(lines, key=lambda ln: (ln["created_at"], ln["line_key"])):
        state = order_state(line, at)
        facts, product = line["_order"], line["_product"]
        contact = customers[line["customer_id"] - 1].contact
        discount, kind = line["_discount_cents"], line["_discount_kind"]
        paid = line["paid_at"] if state.paid else None
        pending = line["created_at"] >= at - timedelta(hours=24)
        values = {
            "主订单编号": _tab_before(line["order_no"]),
            "子订单编号": _tab_before(line["line_key"]),
            "支付方式": facts["payment"] if paid else "",
            "选购商品": product.name,
            "货号": f"YD2026{product.id:04d}",
            "商品ID": _tab_before(product.key),
            "商家编码": product.seller_code,
            "商品数量": str(line["quantity"]),
            "商品金额": _yuan(line["_unit_cents"]),
            "订单提交时间": _tab_before(_ts(line["created_at"])),
            "支付完成时间": _tab_before(_ts(paid)),
            "订单完成时间": _tab_before(
                _ts(facts["completed_at"] if state.completed and not state.refunded else None)
            ),
            "承诺发货时间": _tab_before(_ts(paid + timedelta(hours=48) if paid else None)),
            "买家留言": facts["message"],
            "商家备注": facts["note"],
            "APP渠道": facts["app"],
            "订单状态": state.status,
            "取消原因": state.cancel_reason,
            "售后状态": state.after_sale,
            "订单类型": "普通订单",
            "发货时间": _tab_before(_ts(facts["shipped_at"] if state.shipped else None)),
            "车型": "-",
            "是否是以旧换新": "否",
            "换新额外补贴": ZERO,
            "换新额外补贴发放状态": "-",
            "订单应付金额": _yuan(line["payable_cents"]),
            "运费": ZERO,
            "优惠总金额": _yuan(discount),
            "平台优惠": vocab.PLATFORM_COUPON if kind == "platform" else "-",
            "商家优惠": _yuan(discount if kind == "seller" else 0),
            "平台实际承担优惠金额": _yuan(discount if kind == "platform" else 0),
            "商家实际承担优惠金额": _yuan(discount if kind == "seller" else 0),
            "收件人": contact["recipient"],
            "收件人手机号": contact["phone"],
            "省": contact["province"],
            "市": contact["city"],
            "区": contact["district"],
            "街道": contact["street"],
            "详细地址": contact["address"],
            "是否修改过地址": "否",
            "快递信息": f"{facts['carrier']} {facts['tracking']}" if state.shipped else "",
            "达人ID": _tab_before(facts["author_id"] if line["author"] else ""),
            "达人昵称": line["author"],
            "商品单价是否含税": "否",
            "税费": ZERO,
            "流量来源": line["traffic_source"],
            "是否安心购": "是" if facts["assured"] else "否",
            "广告渠道": "千川" if facts["ad"] else "-",
            "流量类型": "广告" if facts["ad"] else "非广告",
            "流量体裁": "数据将于第二天更新" if pending else facts["format"],
            "流量渠道": facts["channel"],
            "发货主体": "商家自发",
            "教育优惠": ZERO,
            "是否平台仓自流转": "否",
            "是否是渠道商品": "否",
        }
        for header in ("达人优惠", "商家改价", "支付优惠", "手续费", "红包抵扣", "降价类优惠"):
            values[header] = ZERO
        values["达人实际承担优惠金额"] = ZERO
        rows.append([values.get(h, "") for h in DOUYIN_ORDER_HEADERS])
    _write_csv(path, rows)
    return len(rows) - 1


# --- TikTok Shop orders --------------------------------------------------------------------------

TIKTOK_ORDER_COLUMNS = (
    ("Order ID", "Platform unique order ID."),
    ("Order Status", "The current status of the order."),
    ("Order Substatus", "The current substatus of the order."),
    ("Cancelation/Return Type", "Cancellation or return/refund type of the order."),
    ("Normal or Pre-order", "Whether the order is a normal order or a pre-order."),
    ("SKU ID", "Platform unique SKU ID."),
    ("Seller SKU", "SKU code defined by the seller."),
    ("Product Name", "Product name."),
    ("Variation", "SKU variation."),
    ("Quantity", "Quantity of the SKU."),
    ("Sku Quantity of return", "Quantity of the SKU returned."),
    ("SKU Unit Original Price", "Original unit price of the SKU."),
    ("SKU Subtotal Before Discount", "SKU subtotal before any discount."),
    ("SKU Platform Discount", "Discount on the SKU funded by the platform."),
    ("SKU Seller Discount", "Discount on the SKU funded by the seller."),
    ("SKU Subtotal After Discount", "SKU subtotal after platform and seller discounts."),
    ("Shipping Fee After Discount", "Shipping fee paid by the buyer after discounts."),
    ("Original Shipping Fee", "Shipping fee before discounts."),
    ("Shipping Fee Seller Discount", "Shipping discount funded by the seller."),
    ("Shipping Fee Platform Discount", "Shipping discount funded by the platform."),
    ("Payment platform discount", "Discount from the payment platform."),
    ("Taxes", "Taxes of the order."),
    ("Order Amount", "Total amount paid by the buyer for the order."),
    ("Order Refund Amount", "Total amount refunded for the order."),
    ("Created Time", "The order created time."),
    ("Paid Time", "The time the buyer paid for the order."),
    ("RTS Time", "Ready to ship time."),
    ("Shipped Time", "The time the package was shipped."),
    ("Delivered Time", "The time the package was delivered."),
    ("Cancelled Time", "The time the order was cancelled."),
    ("Cancel By", "Who cancelled the order."),
    ("Cancel Reason", "Reason for the cancellation."),
    ("Fulfillment Type", "Who fulfils the order."),
    ("Warehouse Name", "Warehouse that ships the order."),
    ("Tracking ID", "Tracking number of the package."),
    ("Delivery Option", "Delivery option chosen by the buyer."),
    ("Shipping Provider Name", "Carrier of the package."),
    ("Buyer Message", "Message left by the buyer."),
    ("Buyer Username", "TikTok username of the buyer."),
    ("Recipient", "Recipient name (masked)."),
    ("Phone #", "Recipient phone number (masked)."),
    ("Zipcode", "Recipient zip code."),
    ("Country", "Country."),
    ("State", "State."),
    ("City", "City."),
    ("Districts", "District."),
    ("Villages", "Village."),
    ("Detail Address", "Street address (masked)."),
    ("Additional address information", "Apartment, suite, etc."),
    ("Payment Method", "Payment method."),
    ("Weight(kg)", "Package weight in kilograms."),
    ("Product Category", "Product category."),
    ("Package ID", "Platform unique package ID."),
    ("Purchase Channel", "Channel where the order was placed."),
    ("Seller Note", "Note added by the seller."),
    ("Checked Status", "Whether the order has been checked."),
    ("Checked Marked by", "Who marked the order checked."),
    ("Order Channel", "Sales channel of the order."),
    ("Creator Handle", "Handle of the affiliate creator."),
)
SHIPPING_CENTS = 599


def _tiktok_orders(path: Path, world: World, export: OrderExport, lines: list[dict]) -> int:
    at = export.exported_at
    headers = [h for h, _ in TIKTOK_ORDER_COLUMNS]
    rows: list[list[Cell]] = [headers, [d for _, d in TIKTOK_ORDER_COLUMNS]]
    amounts: dict[str, int] = defaultdict(int)
    for line in lines:
        amounts[line["order_no"]] += line["payable_cents"]
    for line in sorted(lines, key=lambda ln: (ln["created_at"], ln["line_key"])):
        state = order_state(line, at)
        facts, product = line["_order"], line["_product"]
        customer = world.customers[line["customer_id"] - 1]
        contact = customer.contact
        variation = line["sku"]
        discount, kind = line["_discount_cents"], line["_discount_kind"]
        cancelled = state.cancel_reason != ""
        amount = amounts[line["order_no"]]
        values = {
            "Order ID": f"{line['order_no']}\t",
            "Order Status": state.status,
            "Order Substatus": state.substatus,
            "Cancelation/Return Type": state.after_sale,
            "Normal or Pre-order": "Normal",
            "SKU ID": f"{line['_sku_id']}\t",
            "Seller SKU": product.skus[variation][1],
            "Product Name": product.name,
            "Variation": variation,
            "Quantity": str(line["quantity"]),
            "Sku Quantity of return": str(line["quantity"] if state.refunded else 0),
            "SKU Unit Original Price": _plain(line["_unit_cents"]),
            "SKU Subtotal Before Discount": _plain(line["_unit_cents"] * line["quantity"]),
            "SKU Platform Discount": _plain(discount if kind == "platform" else 0),
            "SKU Seller Discount": _plain(discount if kind == "seller" else 0),
            "SKU Subtotal After Discount": _plain(line["payable_cents"]),
            "Shipping Fee After Discount": ZERO,
            "Original Shipping Fee": _plain(SHIPPING_CENTS),
            "Shipping Fee Seller Discount": _plain(SHIPPING_CENTS),
            "Shipping Fee Platform Discount": ZERO,
            "Payment platform discount": ZERO,
            "Taxes": ZERO,
            "Order Amount": _plain(amount),
            "Order Refund Amount": _plain(amount if state.refunded else 0),
            "Created Time": _us_time(line["created_at"]),
            "Paid Time": _us_time(line["paid_at"] if state.paid else None),
            "RTS Time": _us_time(line["paid_at"] + timedelta(hours=2) if state.paid else None),
            "Shipped Time": _us_time(facts["shipped_at"] if state.shipped else None),
            "Delivered Time": _us_time(facts["delivered_at"] if state.delivered else None),
            "Cancelled Time": _us_time(facts["cancelled_at"] if cancelled else None),
            "Cancel By": facts["cancel_by"] if cancelled else "",
            "Cancel Reason": state.cancel_reason,
            "Fulfillment Type": "Fulfillment by seller",
            "Warehouse Name": "LA Warehouse",
            "Tracking ID": facts["tracking"] if state.shipped else "",
            "Delivery Option": "Standard shipping",
            "Shipping Provider Name": facts["carrier"] if state.shipped else "",
            "Buyer Username": customer.identity[2],
            "Recipient": contact["recipient"],
            "Phone #": contact["phone"],
            "Zipcode": f"{contact['zipcode']}\t",
            "Country": "United States",
            "State": contact["province"],
            "City": contact["city"],
            "Detail Address": contact["address"],
            "Payment Method": facts["payment"],
            "Weight(kg)": "0.4",
            "Product Category": vocab.TIKTOK_CATEGORY,
            "Package ID": f"{facts['package'] if state.shipped else ''}\t",
            "Purchase Channel": "TikTok",
            "Checked Status": "unchecked",
            "Order Channel": "TikTok",
            "Creator Handle": line["author"],
        }
        rows.append([values.get(h, "") for h in headers])
    _write_csv(path, rows)
    return len(rows) - 2


# --- Reviews -------------------------------------------------------------------------------------

REVIEW_HEADERS = (
    "评价日期",
    "订单ID",
    "商品ID",
    "商品名称",
    "商品规格",
    "商品评价得分",
    "评价内容",
    "用户昵称",
    "评价等级",
    "追评内容",
    "追评时间",
    "商家是否回复",
    "回复内容",
)


def _reviews(path: Path, export: ReviewExport, reviews: list[dict]) -> int:
    rows: list[list[Cell]] = [list(REVIEW_HEADERS)]
    for review in sorted(reviews, key=lambda r: (r["_at"], r["order_no"], r["product_key"])):
        line = review["_line"]
        follow_at = review["_follow_up_at"]
        followed = follow_at is not None and follow_at < export.exported_at
        score = review["score"]
        rows.append(
            [
                _ts(review["_at"]),
                review["order_no"],
                review["product_key"],
                line["product_name"],
                line["sku"],
                score,
                review["text"],
                review["_nickname"],
                vocab.REVIEW_LEVELS[score],
                review["_follow_up"] if followed else None,
                _ts(follow_at.replace(microsecond=0)) if followed else None,
                "已回复" if review["_replied"] else "未回复",
                vocab.REVIEW_REPLIES[score >= 4] if review["_replied"] else None,
            ]
        )
    write_xlsx(path, rows)
    return len(rows) - 1


# --- Video lists ---------------------------------------------------------------------------------

DOUYIN_VIDEO_HEADERS = (
    # variant 1 (作品时长, 发布状态, 评论量 before 分享量) and variant 2 (封面点击率, 审核状态)
    [
        "作品名称",
        "发布时间",
        "体裁",
        "发布状态",
        "播放量",
        "完播率",
        "5s完播率",
        "作品时长",
        "2s跳出率",
        "平均播放时长",
        "点赞量",
        "评论量",
        "分享量",
        "收藏量",
        "主页访问量",
        "粉丝增量",
    ],
    [
        "作品名称",
        "发布时间",
        "体裁",
        "审核状态",
        "播放量",
        "完播率",
        "5s完播率",
        "封面点击率",
        "2s跳出率",
        "平均播放时长",
        "点赞量",
        "分享量",
        "评论量",
        "收藏量",
        "主页访问量",
        "粉丝增量",
    ],
)


def _newest_first(export: VideoExport) -> list[tuple[Any, dict]]:
    return sorted(export.rows, key=lambda r: r[0].published_at, reverse=True)


def _douyin_videos(path: Path, world: World, export: VideoExport) -> int:
    headers = DOUYIN_VIDEO_HEADERS[export.order % 2]
    rows: list[list[Cell]] = [list(headers)]
    for video, m in _newest_first(export):
        values = {
            "作品名称": video.title,
            "发布时间": _ts(video.published_at),
            "体裁": "1min以下视频" if video.duration_s < 60 else "1-3min视频",
            "发布状态": "公开",
            "审核状态": "公开",
            "播放量": str(m["views"]),
            "完播率": _ratio(m["completion_rate"]),
            "5s完播率": _ratio(m["completion_5s_rate"]),
            "作品时长": _mmss(video.duration_s),
            "封面点击率": f"{m['cover_ctr']:.4f}",
            "2s跳出率": _ratio(m["bounce_2s_rate"]),
            "平均播放时长": f"{m['avg_watch_s']:.1f}",
            "点赞量": str(m["likes"]),
            "评论量": str(m["comments"]),
            "分享量": str(m["shares"]),
            "收藏量": str(m["favorites"]),
            "主页访问量": str(m["profile_visits"]),
            "粉丝增量": str(m["followers_gained"]),
        }
        rows.append([values[h] for h in headers])
    write_xlsx(path, rows)
    return len(rows) - 1


def _kuaishou_videos(path: Path, world: World, export: VideoExport) -> int:
    rows: list[list[Cell]] = [
        ["作品", "发布时间", "播放量", "完播率", "点赞量", "评论量", "收藏量", "涨粉量"]
    ]
    for video, m in _newest_first(export):
        rows.append(
            [
                video.title,
                f"{video.published_at:%Y-%m-%d %H:%M}",
                m["views"],
                f"{m['completion_rate'] * 100:.1f}%",
                m["likes"],
                m["comments"],
                m["favorites"],
                m["followers_gained"],
            ]
        )
    write_xlsx(path, rows)
    return len(rows) - 1


CHANNELS_HEADERS = [
    "视频描述",
    "视频ID",
    "发布时间",
    "完播率",
    "平均播放时长",
    "播放量",
    "推荐",
    "喜欢",
    "评论量",
    "分享量",
    "关注量",
    "转发聊天和朋友圈",
    "设为铃声",
    "设为状态",
    "设为朋友圈封面",
]


def _channels_videos(path: Path, world: World, export: VideoExport) -> int:
    rows: list[list[Cell]] = [list(CHANNELS_HEADERS)]
    for video, m in _newest_first(export):
        day = video.published_at
        completion = m["completion_rate"]
        rows.append(
            [
                video.title,
                video.key,
                f"{day.year}/{day.month}/{day.day}",
                "<0.1%" if completion < 0.001 else f"{completion * 100:.2f}%",
                f"{m['avg_watch_s']:.2f}秒",
                m["views"],
                m["recommendations"],
                m["likes"],
                m["comments"],
                m["shares"],
                m["followers_gained"],
                m["reshares"],
                int(m["views"] > 20_000),
                0,
                0,
            ]
        )
    _write_csv(path, rows)
    return len(rows) - 1


XHS_HEADERS = [
    "笔记标题",
    "首次发布时间",
    "体裁",
    "曝光",
    "观看量",
    "封面点击率",
    "点赞",
    "评论",
    "收藏",
    "涨粉",
    "分享",
    "人均观看时长",
    "弹幕",
]


def _xhs_notes(path: Path, world: World, export: VideoExport) -> int:
    notice: list[Cell] = ["最多导出排序后前1000条笔记", *[None] * (len(XHS_HEADERS) - 1)]
    rows: list[list[Cell]] = [notice, list(XHS_HEADERS)]
    for video, m in _newest_first(export):
        rows.append(
            [
                video.title,
                f"{video.published_at:%Y年%m月%d日%H时%M分%S秒}",
                "视频",
                m["impressions"],
                m["views"],
                round(m["cover_ctr"], 3),
                m["likes"],
                m["comments"],
                m["favorites"],
                m["followers_gained"],
                m["shares"],
                round(m["avg_watch_s"]),
                round(m["views"] * 0.002),
            ]
        )
    write_xlsx(path, rows, merge=f"A1:{_column(len(XHS_HEADERS) - 1)}1")
    return len(rows) - 2


def _tiktok_content(path: Path, world: World, export: VideoExport) -> int:
    handle = vocab.ACCOUNTS["tiktok"][0]
    rows: list[list[Cell]] = [
        [
            "Time",
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ]
    ]
    listed = sorted(export.rows, key=lambda r: r[0].key)
    random.Random(export.snapshot_at.isoformat()).shuffle(listed)  # "in no stable order"
    for video, m in listed:
        rows.append(
            [
                _month_day(export.snapshot_at.date()),
                video.title,
                f"https://www.tiktok.com/@{handle}/video/{video.key}",
                _month_day(video.published_at.date()),
                m["likes"],
                m["comments"],
                m["shares"],
                m["views"],
            ]
        )
    _write_studio_csv(path, rows)
    return len(rows) - 1


def _douyin_name(export: VideoExport) -> str:
    return f"作品列表_{export.exported_at:%Y%m%d}.xlsx"


VIDEO_FILES: dict[str, tuple[Callable[[VideoExport], str], str, Callable[..., int]]] = {
    "douyin": (_douyin_name, "douyin_video_list", _douyin_videos),
    "kuaishou": (
        lambda e: f"快手作品列表明细_{e.exported_at:%Y%m%d}.xlsx",
        "kuaishou_video_list",
        _kuaishou_videos,
    ),
    "channels": (
        lambda e: f"视频号_动态数据明细_{e.exported_at:%Y%m%d}.csv",
        "channels_video_detail",
        _channels_videos,
    ),
    "xiaohongshu": (
        lambda e: f"笔记列表明细表_{e.exported_at:%Y%m%d}.xlsx",
        "xhs_note_list",
        _xhs_notes,
    ),
    "tiktok": (
        lambda e: "Content.csv" if e.order == 0 else f"Content ({e.order}).csv",
        "tiktok_studio_content",
        _tiktok_content,
    ),
}


# --- TikTok Studio overview ----------------------------------------------------------------------

LAGGING_DAYS = 1  # the newest day is still "undefined" when Studio is downloaded


def _overview(path: Path, world: World) -> int:
    account = world.accounts["tiktok"]["id"]
    days = [r for r in world.rows[AccountDaily] if r["account_id"] == account]
    rows: list[list[Cell]] = [
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    ]
    for index, day in enumerate(sorted(days, key=lambda r: r["day"])):
        metrics: list[Cell] = [
            day["views"],
            day["profile_visits"],
            day["likes"],
            day["comments"],
            day["shares"],
        ]
        if index >= len(days) - LAGGING_DAYS:
            metrics = ["undefined"] * len(metrics)
        rows.append([_month_day(day["day"]), *metrics])
    _write_studio_csv(path, rows)
    return len(rows) - 1


# --- 千川 ----------------------------------------------------------------------------------------

QIANCHUAN_HEADERS = [
    "素材名称",
    "素材ID",
    "素材评估",
    "素材时长",
    "素材创建时间",
    "素材来源",
    "标签",
    "整体消耗",
    "净成交ROI",
    "净成交金额",
    "1小时内退款率",
    "整体支付ROI",
    "整体成交金额",
    "净成交金额结算率",
    "净成交订单数",
]


def _qianchuan(path: Path, download: AdDownload) -> int:
    rows: list[list[Cell]] = [list(QIANCHUAN_HEADERS)]
    body: list[list[Cell]] = []
    spend = gmv = net = settled = orders = 0
    refunded = 0.0
    for row in download.rows:
        video = row["_video"]
        row_net = round(row["gmv_cents"] * (1 - row["_refund_1h"]))
        fresh = (download.day - row["_created"].date()).days <= 7
        body.append(
            [
                video.headline,
                row["material_key"],
                row["_grade"],
                _mmss(video.duration_s),
                _ts(row["_created"].replace(second=0)),
                "抖音号视频",
                "首发素材" if fresh else "-",
                _yuan(row["spend_cents"]),
                f"{row_net / row['spend_cents']:.2f}",
                _yuan(row_net),
                f"{row['_refund_1h'] * 100:.2f}%",
                f"{row['gmv_cents'] / row['spend_cents']:.2f}",
                _yuan(row["gmv_cents"]),
                f"{row['_settled'] * 100:.2f}%",
                str(row["orders"]),
            ]
        )
        spend += row["spend_cents"]
        gmv += row["gmv_cents"]
        net += row_net
        settled += round(row_net * row["_settled"])
        orders += row["orders"]
        refunded += row["gmv_cents"] * row["_refund_1h"]
    total = [
        "全部",
        *["-"] * 6,
        _yuan(spend),
        f"{net / spend:.2f}",
        _yuan(net),
        f"{refunded / gmv * 100:.2f}%",
        f"{gmv / spend:.2f}",
        _yuan(gmv),
        f"{settled / net * 100:.2f}%",
        str(orders),
    ]
    rows.append(total)
    rows.extend(body)
    write_xlsx(path, rows, inline=True)
    return len(body)
