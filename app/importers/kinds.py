"""Every export the importer recognises, declared as data: signature headers, columns, key.

A kind is recognised by its signature headers alone (never by file name or column position).
Each column lists the header synonyms seen in real exports (EXPORT_FORMATS.md §11.2) and how
its cells are read (see ``app.importers.normalise.PARSERS``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.importers.headers import header_key


@dataclass(frozen=True)
class Column:
    """One canonical field: the headers that carry it and how to read its cells."""

    field: str
    headers: tuple[str, ...]
    parse: str = "text"
    required: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        """The headers as matching keys."""
        return tuple(header_key(h) for h in self.headers)


@dataclass(frozen=True)
class ExportKind:
    """A platform export: how to recognise it, read it and where its rows go.

    Attributes:
        kind: stable id (stored on the import batch).
        platform: the platform the rows belong to.
        target: which writer stores the rows (orders, videos, qianchuan, reviews, …).
        signature: headers that must all be present for a file to be this kind.
        columns: the fields read from the file.
        skip_first_cells: a row whose first data cell is one of these is a total row.
        description_hints: words that mark a description row under the header.
    """

    kind: str
    platform: str
    target: str
    signature: tuple[str, ...]
    columns: tuple[Column, ...]
    skip_first_cells: tuple[str, ...] = ()
    description_hints: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)

    @property
    def signature_keys(self) -> frozenset[str]:
        """The signature headers as matching keys."""
        return frozenset(header_key(h) for h in self.signature)


def col(field_name: str, *headers: str, parse: str = "text", required: bool = False) -> Column:
    """Shorthand for a Column."""
    return Column(field_name, headers, parse, required)


DOUYIN_SHOP_ORDERS = ExportKind(
    kind="douyin_shop_orders",
    platform="douyin",
    target="orders",
    signature=("主订单编号", "子订单编号"),
    columns=(
        col("order_no", "主订单编号", "pid", parse="id", required=True),
        col("line_key", "子订单编号", "order_id", parse="id", required=True),
        col("product_name", "选购商品", "product_name"),
        col("product_key", "商品ID", "product_id", parse="id"),
        col("sku", "商品规格"),
        col("seller_sku", "商家编码", "sku_code"),
        col("quantity", "商品数量", parse="int"),
        col("payable", "订单应付金额", parse="money", required=True),
        col("created_at", "订单提交时间", "create_time", parse="datetime"),
        col("paid_at", "支付完成时间", "pay_time", parse="datetime"),
        col("status", "订单状态"),
        col("after_sale_status", "售后状态"),
        col("cancel_reason", "取消原因"),
        col("traffic_source", "流量来源", "c_biz"),
        col("traffic_format", "流量体裁", "content_type"),
        col("author", "达人昵称"),
        col("recipient", "收件人"),
        col("phone", "收件人手机号", parse="phone"),
        col("province", "省"),
        col("city", "市"),
    ),
    options={"refunded_when": "同意退款，退款成功", "currency": "CNY"},
)

TIKTOK_SHOP_ORDERS = ExportKind(
    kind="tiktok_shop_orders",
    platform="tiktok",
    target="orders",
    signature=("Order ID", "SKU ID", "Order Status"),
    columns=(
        col("order_no", "Order ID", parse="id", required=True),
        col("sku_id", "SKU ID", parse="id", required=True),
        col("product_name", "Product Name"),
        col("sku", "Variation"),
        col("seller_sku", "Seller SKU"),
        col("quantity", "Quantity", parse="int"),
        col("payable", "SKU Subtotal After Discount", parse="money", required=True),
        col("created_at", "Created Time", parse="datetime"),
        col("paid_at", "Paid Time", parse="datetime"),
        col("status", "Order Status"),
        col("after_sale_status", "Cancelation/Return Type", "Cancellation/Return Type"),
        col("cancel_reason", "Cancel Reason"),
        col("author", "Creator Handle"),
        col("buyer_id", "Buyer Username"),
        col("recipient", "Recipient"),
        col("phone", "Phone #", parse="phone"),
        col("province", "State", "Province"),
        col("city", "City", "Regency and City"),
    ),
    description_hints=("platform unique", "order created time", "current status", "รหัส"),
    options={"refunded_when": "Return/Refund", "currency": "USD", "sku_in_key": "yes"},
)

DOUYIN_VIDEO_LIST = ExportKind(
    kind="douyin_video_list",
    platform="douyin",
    target="videos",
    signature=("作品名称", "播放量"),
    columns=(
        col("title", "作品名称", required=True),
        col("published_at", "发布时间", parse="datetime", required=True),
        col("format", "体裁"),
        col("duration_s", "作品时长", parse="duration"),
        col("views", "播放量", parse="int"),
        col("completion_rate", "完播率", parse="rate"),
        col("completion_5s_rate", "5s完播率", "5秒完播率", parse="rate"),
        col("bounce_2s_rate", "2s跳出率", "2秒跳出率", parse="rate"),
        col("avg_watch_s", "平均播放时长", parse="duration"),
        col("likes", "点赞量", parse="int"),
        col("comments", "评论量", parse="int"),
        col("shares", "分享量", parse="int"),
        col("favorites", "收藏量", parse="int"),
        col("profile_visits", "主页访问量", parse="int"),
        col("followers_gained", "粉丝增量", parse="int"),
    ),
)

KUAISHOU_VIDEO_LIST = ExportKind(
    kind="kuaishou_video_list",
    platform="kuaishou",
    target="videos",
    signature=("作品", "涨粉量"),
    columns=(
        col("title", "作品", required=True),
        col("published_at", "发布时间", parse="datetime", required=True),
        col("views", "播放量", parse="int"),
        col("completion_rate", "完播率", parse="rate"),
        col("likes", "点赞量", parse="int"),
        col("comments", "评论量", parse="int"),
        col("favorites", "收藏量", parse="int"),
        col("followers_gained", "涨粉量", parse="int"),
    ),
)

CHANNELS_VIDEO_DETAIL = ExportKind(
    kind="channels_video_detail",
    platform="channels",
    target="videos",
    signature=("视频描述", "视频ID"),
    columns=(
        col("video_key", "视频ID", parse="id", required=True),
        col("title", "视频描述"),
        col("published_at", "发布时间", parse="datetime"),
        col("completion_rate", "完播率", parse="rate"),
        col("avg_watch_s", "平均播放时长", parse="duration"),
        col("views", "播放量", parse="int"),
        col("likes", "喜欢", parse="int"),
        col("comments", "评论量", parse="int"),
        col("shares", "分享量", parse="int"),
        col("followers_gained", "关注量", parse="int"),
    ),
)

XHS_NOTE_LIST = ExportKind(
    kind="xhs_note_list",
    platform="xiaohongshu",
    target="videos",
    signature=("笔记标题", "首次发布时间"),
    columns=(
        col("title", "笔记标题"),
        col("published_at", "首次发布时间", parse="datetime", required=True),
        col("format", "体裁"),
        col("views", "观看量", parse="int"),
        col("likes", "点赞", parse="int"),
        col("comments", "评论", parse="int"),
        col("favorites", "收藏", parse="int"),
        col("followers_gained", "涨粉", parse="int"),
        col("shares", "分享", parse="int"),
        col("avg_watch_s", "人均观看时长", parse="duration"),
    ),
)

TIKTOK_STUDIO_CONTENT = ExportKind(
    kind="tiktok_studio_content",
    platform="tiktok",
    target="videos",
    signature=("Video title", "Total views"),
    columns=(
        col("snapshot", "Time", parse="yearless"),
        col("title", "Video title"),
        col("video_key", "Video link", parse="tiktok_video_id", required=True),
        col("published_at", "Post time", parse="yearless"),
        col("likes", "Total likes", parse="int"),
        col("comments", "Total comments", parse="int"),
        col("shares", "Total shares", parse="int"),
        col("views", "Total views", parse="int"),
    ),
)

TIKTOK_STUDIO_OVERVIEW = ExportKind(
    kind="tiktok_studio_overview",
    platform="tiktok",
    target="account_daily",
    signature=("Date", "Video Views"),
    columns=(
        col("day", "Date", parse="yearless", required=True),
        col("views", "Video Views", parse="int"),
        col("profile_visits", "Profile Views", parse="int"),
        col("likes", "Likes", parse="int"),
        col("comments", "Comments", parse="int"),
        col("shares", "Shares", parse="int"),
    ),
)

QIANCHUAN_MATERIAL_DAILY = ExportKind(
    kind="qianchuan_material_daily",
    platform="douyin",
    target="ad_days",
    signature=("素材ID", "整体消耗"),
    columns=(
        col("material_name", "素材名称", "素材视频名称", "roi2_material_video_name"),
        col("material_key", "素材ID", "material_id", parse="id"),
        col("material_created_at", "素材创建时间", "material_create_time_v2", parse="datetime"),
        col("spend", "整体消耗", "stat_cost_for_roi2", parse="money", required=True),
        col("gmv", "整体成交金额", "total_pay_order_gmv_for_roi2", parse="money"),
        col("orders", "净成交订单数", "整体成交订单数", parse="int"),
        col("impressions", "整体展示次数", "整体展现次数", parse="int"),
        col("clicks", "整体点击次数", parse="int"),
    ),
    skip_first_cells=("全部", "合计", "总计", "汇总"),
    options={"currency": "CNY", "skip_when_missing": "material_key"},
)

DOUYIN_SHOP_REVIEWS = ExportKind(
    kind="douyin_shop_reviews",
    platform="douyin",
    target="reviews",
    signature=("评价日期", "商品评价得分"),
    columns=(
        col("reviewed_at", "评价日期", parse="datetime", required=True),
        col("order_no", "订单ID", parse="id", required=True),
        col("product_key", "商品ID", parse="id", required=True),
        col("score", "商品评价得分", parse="int"),
        col("text", "评价内容"),
    ),
)

YOUZAN_CUSTOMERS = ExportKind(
    kind="youzan_customers",
    platform="youzan",
    target="customers",
    signature=("客户昵称", "客户手机号", "成为客户时间"),
    columns=(
        col("name", "客户姓名"),
        col("nickname", "客户昵称"),
        col("phone", "客户手机号", parse="phone"),
        col("since", "成为客户时间", parse="datetime"),
        col("wecom", "企微好友", parse="bool"),
        col("region", "所属区域", "微信地域"),
        col("tags", "标签"),
    ),
)

DOUYIN_SHOP_AFTERSALES = ExportKind(
    kind="douyin_shop_aftersales",
    platform="douyin",
    target="aftersales",
    signature=("售后单号", "商品单号"),
    columns=(
        col("aftersale_no", "售后单号", parse="id", required=True),
        col("order_no", "订单号", parse="id"),  # the 主订单 here, not 子订单 (§11.5 item 18)
        col("line_key", "商品单号", "子订单编号", parse="id", required=True),
        col("after_sale_type", "售后类型"),
        col("refund", "退商品金额（元）", parse="money"),  # header_key drops the （元）
        col("status", "售后状态", required=True),
        col("created_at", "售后申请时间", parse="datetime"),
        col("refunded_at", "商家退款时间", parse="datetime"),
        col("finished_at", "售后完结时间", parse="datetime"),
    ),
    # The line (platform douyin, line_key = 商品单号) must already be in the store.
    options={"refunded_when": "同意退款，退款成功"},
)

# 抖音 创作者中心 per-metric daily series (EXPORT_FORMATS.md §3): exactly 日期 + one metric.
# Detection needs a fixed signature, so there is one kind per metric, all with the kind id
# ``douyin_account_daily`` and the same columns: a file with several metric columns reads
# them all whichever kind wins, and a metric column the file lacks reads as None, which the
# writer never stores over a value (it sets only the metrics a file has).
DOUYIN_DAILY_METRICS: dict[str, str] = {
    "播放量": "views",
    "主页访问": "profile_visits",
    "作品点赞": "likes",
    "作品评论": "comments",
    "作品分享": "shares",
    "净增粉丝": "followers_gained",
    "总粉丝量": "followers_total",
}
_DOUYIN_DAILY_COLUMNS = (
    col("day", "日期", parse="date", required=True),
    *(col(metric, header, parse="int") for header, metric in DOUYIN_DAILY_METRICS.items()),
)
DOUYIN_ACCOUNT_DAILY: tuple[ExportKind, ...] = tuple(
    ExportKind(
        kind="douyin_account_daily",
        platform="douyin",
        target="account_metrics",
        signature=("日期", header),
        columns=_DOUYIN_DAILY_COLUMNS,
        options={"metric": metric},  # the metric the signature keys on
    )
    for header, metric in DOUYIN_DAILY_METRICS.items()
)

# 千川 全域推广 推商品 / 推抖音号 reports (§4.2): one row per product / account per day.
_QIANCHUAN_METRICS = (
    col("spend", "整体消耗", "stat_cost_for_roi2", parse="money", required=True),
    col("gmv", "整体成交金额", "total_pay_order_gmv_for_roi2", parse="money"),
    col("orders", "净成交订单数", "整体成交订单数", parse="int"),
    col("impressions", "整体展示次数", "整体展现次数", parse="int"),
    col("clicks", "整体点击次数", parse="int"),
)
QIANCHUAN_PRODUCT_DAILY = ExportKind(
    kind="qianchuan_product_daily",
    platform="douyin",
    target="ad_days",
    signature=("商品ID", "整体消耗"),
    columns=(
        col("day", "日期", parse="date"),  # else the day in the file name
        col("material_key", "商品ID", parse="id"),
        col("material_name", "商品名称"),
        *_QIANCHUAN_METRICS,
    ),
    skip_first_cells=("全部", "合计", "总计", "汇总"),
    options={
        "currency": "CNY",
        "channel": "qianchuan_product",
        "skip_when_missing": "material_key",
    },
)
QIANCHUAN_ACCOUNT_DAILY = ExportKind(
    kind="qianchuan_account_daily",
    platform="douyin",
    target="ad_days",
    signature=("抖音号ID", "整体消耗"),
    columns=(
        col("day", "日期", parse="date"),  # else the day in the file name
        col("material_key", "抖音号ID", parse="id"),
        col("material_name", "抖音号名称"),
        *_QIANCHUAN_METRICS,
    ),
    skip_first_cells=("全部", "合计", "总计", "汇总"),
    options={
        "currency": "CNY",
        "channel": "qianchuan_account",
        "skip_when_missing": "material_key",
    },
)

# 小红书 近30日观看/互动/发布/涨粉数据 (§7.2): a summary sheet (指标 | 数值) and one trend sheet
# (日期 | 数值) per metric; the sheet's name says which metric. The writer stores every trend
# sheet of the workbook whose name is listed here; the others (曝光, 收藏, 完播率 …) have no
# account_daily column. Values are read as text: rate and duration sheets (``8%``, ``18秒``)
# must not fail the file.
XHS_TREND_METRICS: dict[str, str] = {
    "观看趋势": "views",
    "点赞趋势": "likes",
    "点赞量趋势": "likes",
    "评论趋势": "comments",
    "评论量趋势": "comments",
    "分享趋势": "shares",
    "分享量趋势": "shares",
    "净涨粉趋势": "followers_gained",
    "净增粉丝趋势": "followers_gained",
    "主页访客趋势": "profile_visits",
}
XHS_ACCOUNT_TREND = ExportKind(
    kind="xhs_account_trend",
    platform="xiaohongshu",
    target="account_trend",
    signature=("日期", "数值"),
    columns=(
        col("day", "日期", parse="date", required=True),
        col("value", "数值"),
    ),
    options={"all_sheets": "yes"},
)

TIKTOK_STUDIO_FOLLOWER_HISTORY = ExportKind(
    kind="tiktok_studio_follower_history",
    platform="tiktok",
    target="account_metrics",
    signature=("Date", "Followers"),
    columns=(
        col("day", "Date", parse="yearless", required=True),
        col("followers_total", "Followers", parse="int"),
        # "Difference in followers from previous day" is next day − this day (§9.1 quirk 4):
        # not read; the writer recomputes followers_gained from the totals.
    ),
    options={"followers_gained": "from_total"},
)

KINDS: tuple[ExportKind, ...] = (
    DOUYIN_SHOP_ORDERS,
    TIKTOK_SHOP_ORDERS,
    DOUYIN_VIDEO_LIST,
    KUAISHOU_VIDEO_LIST,
    CHANNELS_VIDEO_DETAIL,
    XHS_NOTE_LIST,
    TIKTOK_STUDIO_CONTENT,
    TIKTOK_STUDIO_OVERVIEW,
    QIANCHUAN_MATERIAL_DAILY,
    DOUYIN_SHOP_REVIEWS,
    YOUZAN_CUSTOMERS,
    DOUYIN_SHOP_AFTERSALES,
    *DOUYIN_ACCOUNT_DAILY,
    QIANCHUAN_PRODUCT_DAILY,
    QIANCHUAN_ACCOUNT_DAILY,
    XHS_ACCOUNT_TREND,
    TIKTOK_STUDIO_FOLLOWER_HISTORY,
)
KINDS_BY_ID = {k.kind: k for k in KINDS}
