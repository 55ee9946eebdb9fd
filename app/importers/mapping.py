"""Column mappings made by the user for tables ShopReel has no export kind for.

A mapping says which of a file's columns holds which canonical field (EXPORT_FORMATS.md §11.2).
Saved as a template (``app.models.MappingTemplate``), it becomes an :class:`ExportKind` like the
built-in ones: its signature is every mapped header, so it recognises exactly that layout the
next time and nothing else. Unknown files are never guessed: only a user's mapping adds a kind.

Stored shape of a template: ``headers`` is the JSON list of the file's header row as printed;
``mapping`` is the JSON object ``{"fields": {field: header, …}, "currency": "CNY"}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from app.importers.headers import display_header, header_key
from app.importers.kinds import KINDS, Column, ExportKind

MAPPED_PREFIX = "mapped:"
TARGETS = ("orders", "customers")
# The platforms a mapped table's rows may belong to. Orders: app.models.orders.SALES_CHANNELS
# (not imported here: the views list these before the ORM loads; a test keeps them equal).
ORDER_PLATFORMS = (
    "kuaishou",
    "channels",
    "xiaohongshu",
    "tmall",
    "jd",
    "store",
    "douyin",
    "tiktok",
)
PLATFORMS: dict[str, tuple[str, ...]] = {
    "orders": ORDER_PLATFORMS,
    "customers": ("wecom", "youzan", "weidian", *ORDER_PLATFORMS),
}
TOTAL_MARKERS = ("合计", "总计", "汇总", "全部")


@dataclass(frozen=True)
class MappableField:
    """A canonical field a user can map a column to.

    Attributes:
        name: the canonical field (the writer's record key).
        parse: how its cells are read (a key of ``app.importers.normalise.PARSERS``).
        required: the target cannot store a row without it.
        synonyms: headers that obviously hold it (suggested, never applied without the user).
    """

    name: str
    parse: str = "text"
    required: bool = False
    synonyms: tuple[str, ...] = ()


def _f(name: str, *synonyms: str, parse: str = "text", required: bool = False) -> MappableField:
    return MappableField(name, parse, required, synonyms)


# The synonyms beyond those the built-in kinds declare (EXPORT_FORMATS.md §6, §10, §11.2).
FIELDS: dict[str, tuple[MappableField, ...]] = {
    "orders": (
        _f(
            "order_no",
            "订单号",
            "订单编号",
            "快手订单编号",
            "主订单号",
            "主订单编号",
            "订单ID",
            parse="id",
            required=True,
        ),
        _f("line_key", "子订单编号", "子订单号", "商品订单号", "订单明细编号", parse="id"),
        _f("product_name", "商品名称", "商品标题", "全部商品名称", "宝贝标题", "商品"),
        _f("quantity", "商品数量", "购买数量", "数量", "件数", parse="int"),
        _f(
            "payable",
            "实付金额",
            "订单金额",
            "应付金额",
            "订单实付金额",
            "应收订单金额",
            "买家实付金额",
            "实收金额",
            "用户实付",
            "支付金额",
            parse="money",
            required=True,
        ),
        _f("created_at", "下单时间", "订单创建时间", "创建时间", "订单提交时间", parse="datetime"),
        _f("paid_at", "支付时间", "付款时间", "买家付款时间", "支付完成时间", parse="datetime"),
        _f("status", "订单状态", "状态"),
        _f("after_sale_status", "售后状态", "退款状态", "订单退款状态"),
        _f("cancel_reason", "取消原因", "关闭原因"),
        _f("buyer_id", "买家ID", "用户ID", "买家账号"),
        _f("recipient", "收货人", "收件人", "收货人姓名", "收货人/提货人"),
        _f(
            "phone",
            "手机号",
            "收货人手机号",
            "收件人手机号",
            "收货人电话",
            "联系电话",
            "收货人手机号/提货人手机号",
            parse="phone",
        ),
        _f("province", "省", "省份", "收货人省份", "收货省份"),
    ),
    "customers": (
        _f("name", "客户姓名", "姓名", "客户名称", "备注名"),
        _f("nickname", "客户昵称", "昵称", "微信昵称"),
        _f("phone", "客户手机号", "手机号", "手机", "电话", "联系电话", parse="phone"),
        _f("since", "成为客户时间", "添加时间", "添加好友时间", "创建时间", parse="datetime"),
        _f("wecom", "企微好友", "是否企微好友", parse="bool"),
        _f("region", "所属区域", "微信地域", "地区", "地域"),
        _f("tags", "标签", "客户标签", "企业标签"),
    ),
}
# A customer list needs something to tell people apart by.
ONE_OF: dict[str, tuple[str, ...]] = {"customers": ("name", "nickname", "phone")}


def fields_of(target: str) -> tuple[MappableField, ...]:
    """The fields of a target, with the built-in kinds' synonyms added to ours."""
    return tuple(
        MappableField(f.name, f.parse, f.required, _merge(f.synonyms, _kind_synonyms(target, f)))
        for f in FIELDS[target]
    )


def _kind_synonyms(target: str, wanted: MappableField) -> list[str]:
    return [
        header
        for kind in KINDS
        if kind.target == target
        for column in kind.columns
        if column.field == wanted.name and column.parse == wanted.parse
        for header in column.headers
    ]


def _merge(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h for group in groups for h in group))


@dataclass(frozen=True)
class Template:
    """A saved mapping, as the importer and the views see it (no ORM object).

    Attributes:
        id: the MappingTemplate row id (0 while not saved).
        name: the user's name for the layout.
        target: ``orders`` or ``customers``.
        platform: the platform (or channel) the rows belong to.
        headers: the file's header row as printed when the template was made.
        fields: canonical field → the header that carries it.
        currency: the currency of amounts that do not name their own.
    """

    id: int
    name: str
    target: str
    platform: str
    headers: tuple[str, ...]
    fields: dict[str, str] = field(default_factory=dict)
    currency: str = "CNY"
    created: datetime | None = None

    @property
    def kind_id(self) -> str:
        """The export-kind id imports through this template carry."""
        return f"{MAPPED_PREFIX}{self.id}"


class TemplateRow(Protocol):
    """The stored columns of a MappingTemplate (kept as a protocol: no ORM import here)."""

    id: int
    name: str
    target: str
    platform: str
    headers: str
    mapping: str


def from_row(row: TemplateRow) -> Template:
    """A Template from a stored row (JSON text columns)."""
    headers = json.loads(row.headers or "[]")
    mapping: dict[str, Any] = json.loads(row.mapping or "{}")
    fields = mapping.get("fields", mapping)  # a flat {field: header} object is read too
    return Template(
        id=row.id,
        name=row.name,
        target=row.target,
        platform=row.platform,
        headers=tuple(str(h) for h in headers),
        fields={str(k): str(v) for k, v in fields.items() if isinstance(v, str) and v},
        currency=str(mapping.get("currency") or "CNY"),
        created=getattr(row, "created", None),
    )


def mapping_json(fields: dict[str, str], currency: str) -> str:
    """The ``mapping`` column text of a template."""
    return json.dumps({"fields": fields, "currency": currency}, ensure_ascii=False)


def build_kind(template: Template) -> ExportKind:
    """The export kind a mapping stands for (also used, unsaved, by the live preview)."""
    by_name = {f.name: f for f in fields_of(template.target)}
    columns = [
        Column(name, (header,), by_name[name].parse, by_name[name].required)
        for name, header in _in_field_order(template)
    ]
    options = {"currency": template.currency, "template": template.name}
    if template.target == "orders" and "line_key" not in template.fields:
        order_no = template.fields.get("order_no")
        if order_no:
            # One row is one order: the order number is the line's key (read from the same column).
            columns.append(Column("line_key", (order_no,), "id", True))
            options["line_key_from"] = "order_no"
    signature = tuple(dict.fromkeys(header for _, header in _in_field_order(template)))
    return ExportKind(
        kind=template.kind_id,
        platform=template.platform,
        target=template.target,
        signature=signature,
        columns=tuple(columns),
        skip_first_cells=TOTAL_MARKERS,
        options=options,
    )


def template_kind(template: Template | TemplateRow) -> ExportKind:
    """The export kind of a saved template: it recognises exactly the layout it was made from."""
    return build_kind(template if isinstance(template, Template) else from_row(template))


def _in_field_order(template: Template) -> list[tuple[str, str]]:
    order = [f.name for f in FIELDS[template.target]]
    return [(name, template.fields[name]) for name in order if template.fields.get(name)]


def missing_fields(target: str, mapped: Iterable[str]) -> list[str]:
    """Required fields (and one-of groups, joined by ``/``) a mapping does not cover yet."""
    mapped = set(mapped)
    missing = [f.name for f in FIELDS[target] if f.required and f.name not in mapped]
    group = ONE_OF.get(target, ())
    if group and not mapped & set(group):
        missing.append("/".join(group))
    return missing


def suggest(target: str, headers: Sequence[object]) -> dict[str, int]:
    """Field → column index where a header is obviously that field (exact synonym, one column).

    A synonym that two columns carry is not suggested; each column goes to one field at most.
    """
    keys = [header_key(h) for h in headers]
    taken: set[int] = set()
    found: dict[str, int] = {}
    for wanted in fields_of(target):
        for synonym in wanted.synonyms:
            hits = [i for i, key in enumerate(keys) if key and key == header_key(synonym)]
            # Two columns with the synonym, or a column already given to a field: not obvious.
            if len(hits) == 1 and hits[0] not in taken:
                found[wanted.name] = hits[0]
                taken.add(hits[0])
                break
    return found


def vocabulary() -> frozenset[str]:
    """Every header key a mapping field knows (scores a row as a likely header row)."""
    return frozenset(
        header_key(s) for target in TARGETS for f in fields_of(target) for s in f.synonyms
    )


def header_texts(row: Sequence[object]) -> list[str]:
    """A header row as printed."""
    return [display_header(c) for c in row]
