"""Names the Customers tab shows: ledger columns, RFM segments, private channels, dimensions."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.views.formatting import format_money
from app.views.table_models.frame_model import FrameColumn

CONTEXT = "CustomerLabels"
PRIVATE_CHANNELS = ("wechat", "wecom", "group")
NO_CHANNEL = ""  # filter value: not in any private channel
NO_TAG = "\x00none"  # filter value: no tag
MANUAL_MERGE, MANUAL_SPLIT = "manual", "manual_split"  # merge reasons stored as codes

# app.analytics.tiers.reason_of keeps why a customer got a tier in plain English figures.
_TIER_REASON = re.compile(
    r"(?P<orders>\d+) paid orders · net (?P<net>-?\d+(?:\.\d+)?) (?P<currency>[A-Z]{3}) · "
    r"silent (?P<silent>\d+) d\Z"
)

_CHANNELS = {
    "wechat": QT_TRANSLATE_NOOP("CustomerLabels", "WeChat"),
    "wecom": QT_TRANSLATE_NOOP("CustomerLabels", "WeCom"),
    "group": QT_TRANSLATE_NOOP("CustomerLabels", "Group chat"),
}
_SEGMENTS = {
    "champions": QT_TRANSLATE_NOOP("CustomerLabels", "Champions"),
    "loyal": QT_TRANSLATE_NOOP("CustomerLabels", "Loyal"),
    "new": QT_TRANSLATE_NOOP("CustomerLabels", "New"),
    "needs_attention": QT_TRANSLATE_NOOP("CustomerLabels", "Needs attention"),
    "at_risk": QT_TRANSLATE_NOOP("CustomerLabels", "At risk"),
    "lost": QT_TRANSLATE_NOOP("CustomerLabels", "Lost"),
    "potential": QT_TRANSLATE_NOOP("CustomerLabels", "Potential"),
    "hibernating": QT_TRANSLATE_NOOP("CustomerLabels", "Hibernating"),
    "others": QT_TRANSLATE_NOOP("CustomerLabels", "Others"),
}
_SEGMENT_RULES = {
    "champions": QT_TRANSLATE_NOOP("CustomerLabels", "R ≥ 4 and F ≥ 4: bought recently and often"),
    "loyal": QT_TRANSLATE_NOOP("CustomerLabels", "R ≥ 3 and F ≥ 3: buys regularly"),
    "new": QT_TRANSLATE_NOOP("CustomerLabels", "R ≥ 4 and one paid order: just arrived"),
    "at_risk": QT_TRANSLATE_NOOP(
        "CustomerLabels", "R ≤ 2 and F ≥ 3: used to buy often, quiet for a while"
    ),
    "lost": QT_TRANSLATE_NOOP("CustomerLabels", "R = 1: the longest silence"),
    "needs_attention": QT_TRANSLATE_NOOP(
        "CustomerLabels", "Everyone else: average recency and frequency"
    ),
}
_LEDGER = (
    ("display_name", QT_TRANSLATE_NOOP("CustomerLabels", "Customer"), "text", ""),
    ("masked_phone", QT_TRANSLATE_NOOP("CustomerLabels", "Phone"), "text", ""),
    ("platform_names", QT_TRANSLATE_NOOP("CustomerLabels", "Platforms"), "text", ""),
    ("tier", QT_TRANSLATE_NOOP("CustomerLabels", "Tier"), "text", ""),
    ("segment_name", QT_TRANSLATE_NOOP("CustomerLabels", "RFM segment"), "text", ""),
    ("paid_orders", QT_TRANSLATE_NOOP("CustomerLabels", "Paid orders"), "int", ""),
    ("net_cents", QT_TRANSLATE_NOOP("CustomerLabels", "Net spend"), "money", "currency"),
    ("first_paid_at", QT_TRANSLATE_NOOP("CustomerLabels", "First order"), "date", ""),
    ("last_paid_at", QT_TRANSLATE_NOOP("CustomerLabels", "Last order"), "date", ""),
    ("recency_days", QT_TRANSLATE_NOOP("CustomerLabels", "Days since order"), "int", ""),
    ("median_gap_days", QT_TRANSLATE_NOOP("CustomerLabels", "Median gap (days)"), "number", ""),
    ("last_product", QT_TRANSLATE_NOOP("CustomerLabels", "Last product"), "text", ""),
    ("channel_name", QT_TRANSLATE_NOOP("CustomerLabels", "Private channel"), "text", ""),
    ("private_since", QT_TRANSLATE_NOOP("CustomerLabels", "In channel since"), "date", ""),
    ("tags", QT_TRANSLATE_NOOP("CustomerLabels", "Tags"), "text", ""),
    ("note", QT_TRANSLATE_NOOP("CustomerLabels", "Note"), "text", ""),
    ("region", QT_TRANSLATE_NOOP("CustomerLabels", "Region"), "text", ""),
    (
        "first_traffic_format",
        QT_TRANSLATE_NOOP("CustomerLabels", "First order from"),
        "traffic_format",
        "",
    ),
    ("last_touch_at", QT_TRANSLATE_NOOP("CustomerLabels", "Last contact"), "date", ""),
)
_TIPS = {
    "recency_days": QT_TRANSLATE_NOOP("CustomerLabels", "Days from the last paid order to today"),
    "median_gap_days": QT_TRANSLATE_NOOP(
        "CustomerLabels", "Typical days between two paid orders of this customer"
    ),
    "net_cents": QT_TRANSLATE_NOOP(
        "CustomerLabels", "Paid minus refunded, in the customer's main currency"
    ),
}
LEDGER_SEARCH_COLUMNS = (
    "display_name",
    "masked_phone",
    "region",
    "tags",
    "note",
    "last_product",
    "tier",
    "platform_names",
)
HIDDEN_BY_DEFAULT = ("median_gap_days", "note", "region", "first_traffic_format", "last_touch_at")


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ledger_columns() -> list[FrameColumn]:
    """The ledger table's columns, translated."""
    return [
        FrameColumn(cid, _t(header), kind, currency, _t(_TIPS[cid]) if cid in _TIPS else "")
        for cid, header, kind, currency in _LEDGER
    ]


def channel_name(code: str | None) -> str:
    """A private channel's name ("" when not in one)."""
    return _t(_CHANNELS[code]) if code in _CHANNELS else (code or "")


def segment_name(code: str | None) -> str:
    """An RFM segment's name."""
    if not code:
        return ""
    return _t(_SEGMENTS[code]) if code in _SEGMENTS else str(code).replace("_", " ")


def segment_rule(code: str | None) -> str:
    """Who falls in an RFM segment, in plain words."""
    return _t(_SEGMENT_RULES[code]) if code in _SEGMENT_RULES else ""


def tier_reason_text(reason: str) -> str:
    """Why a customer got a tier, in the UI language (a reason in another form stays as it is)."""
    found = _TIER_REASON.match(str(reason))
    if found is None:
        return str(reason)
    cents = round(float(found["net"]) * 100)
    return (
        QCoreApplication.translate("CustomerLabels", "%1 paid orders · net %2 · silent for %3 days")
        .replace("%1", found["orders"])
        .replace("%2", format_money(cents, found["currency"]))
        .replace("%3", found["silent"])
    )
