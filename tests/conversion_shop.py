"""A tiny shop whose conversion figures are worked out by hand in the test_conversion_* tests.

October 2026 (2026-10-05 is a Monday):

| line | platform | order | product/sku | qty | payable | created → paid | format/source | video |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| L1 | douyin | D1 | P1 "" | 2 | 200.00 | Tue 10-06 20:01 → 20:02 | 短视频 | V1 (author 店主) |
| L2 | douyin | D1 | P1 蓝色 | 1 | 90.00 refunded | Tue 10-06 20:01 → 20:02 | 短视频 | V1 (店主) |
| L3 | douyin | D2 | P1 "" | 1 | 100.00 | Thu 10-08 12:00 → 12:05 | 直播 (达人A) | — |
| L4 | douyin | D3 | P1 "" | 1 | 100.00 | Fri 10-09 21:00, cancelled | — | — |
| L5 | douyin | D4 | P1 "" | 1 | 100.00 | Sat 10-31 23:50 → 11-01 00:10 | 数据将于第二天更新 | — |
| L6 | tiktok | T1 | P2 | 1 | $25.00 | Wed 10-07 10:00 → 10:01 | — | V3 (@creator) |
| L7 | store | S1 | P1 "" | 1 | 100.00 | Thu 10-15 10:59 → 11:00 | 门店核销, code DYHX0001 | — |
| L8 | douyin | D5 | P1 "" | 1 | 100.00 | Tue 10-20 08:59 → 09:00 | "" (pending), 企业微信社群 | — |

Videos (newest snapshot): V1 douyin Mon 10-05 20:30, pillar 测评, 1000 views, completion 0.3;
V2 douyin 10-12 (day only), 3000 views; V3 tiktok Wed 10-07 09:15, 500 views; V4 kuaishou
Sat 10-10 18:00, 2000 views, completion 0.5.
Ads: 千川 Tue 10-06 V1 ¥50 → ¥150; DOU+ Wed 10-07 V1 ¥10 → 0; 千川 推商品 Tue 10-06 product 111
¥30 → ¥90 (overlaps the others); TikTok promote Wed 10-07 V3 $10 → $25.
Costs: P1 ¥40 (any SKU), P1 蓝色 ¥50. Channel code prefix DYHX → 门店券 (indirect).
"""

from __future__ import annotations

from datetime import date, datetime

from app.db import Store


def build_small_shop(store: Store) -> dict[str, int]:
    """Write the shop above; the ids of its videos (V1 … V4) and pillar (测评)."""
    from app.models import (
        AdSpend,
        ChannelCode,
        ContentPillar,
        Order,
        Product,
        ProductCost,
        Video,
        VideoSnapshot,
    )

    with store.session_scope() as s:
        pillar = ContentPillar(name="测评")
        p1 = Product(platform="douyin", product_key="111", name="四件套", price_cents=10000)
        p2 = Product(platform="tiktok", product_key="222", name="Pillow", currency="USD")
        s.add_all([pillar, p1, p2])
        s.flush()
        videos = {}
        for key, platform, published, views, completion, pillar_id in (
            ("V1", "douyin", datetime(2026, 10, 5, 20, 30), 1000, 0.3, pillar.id),
            ("V2", "douyin", datetime(2026, 10, 12), 3000, None, None),
            ("V3", "tiktok", datetime(2026, 10, 7, 9, 15), 500, None, None),
            ("V4", "kuaishou", datetime(2026, 10, 10, 18, 0), 2000, 0.5, None),
        ):
            video = Video(platform=platform, video_key=key, title=key, published_at=published)
            video.pillar_id = pillar_id
            s.add(video)
            s.flush()
            s.add(
                VideoSnapshot(
                    video_id=video.id,
                    snapshot_at=datetime(2026, 11, 1),
                    views=views,
                    completion_rate=completion,
                    likes=10,
                    comments=5,
                    shares=3,
                    favorites=2,
                    followers_gained=4,
                )
            )
            videos[key] = video.id
        v1, v3 = videos["V1"], videos["V3"]
        lines = [
            ("L1", "douyin", "D1", p1, "", 2, 20000, 0, (6, 20, 1), (6, 20, 2), "短视频", v1),
            ("L2", "douyin", "D1", p1, "蓝色", 1, 9000, 9000, (6, 20, 1), (6, 20, 2), "短视频", v1),
            ("L3", "douyin", "D2", p1, "", 1, 10000, 0, (8, 12, 0), (8, 12, 5), "直播", None),
            ("L4", "douyin", "D3", p1, "", 1, 10000, 0, (9, 21, 0), None, "", None),
            (
                "L5",
                "douyin",
                "D4",
                p1,
                "",
                1,
                10000,
                0,
                (31, 23, 50),
                (32, 0, 10),
                "数据将于第二天更新",
                None,
            ),
            ("L6", "tiktok", "T1", p2, "", 1, 2500, 0, (7, 10, 0), (7, 10, 1), "", v3),
            ("L7", "store", "S1", p1, "", 1, 10000, 0, (15, 10, 59), (15, 11, 0), "", None),
            ("L8", "douyin", "D5", p1, "", 1, 10000, 0, (20, 8, 59), (20, 9, 0), "", None),
        ]
        extra = {
            "L1": {"author": "店主", "traffic_source": "小店自卖"},
            "L2": {"author": "店主", "traffic_source": "小店自卖"},
            "L3": {"author": "达人A", "traffic_source": "精选联盟"},
            "L6": {"author": "@creator"},
            "L7": {"traffic_source": "门店核销", "channel_code": "DYHX0001"},
            "L8": {"traffic_source": "企业微信社群"},
        }
        for (
            key,
            platform,
            order,
            product,
            sku,
            qty,
            payable,
            refund,
            made,
            paid,
            fmt,
            video,
        ) in lines:
            s.add(
                Order(
                    platform=platform,
                    line_key=key,
                    order_no=order,
                    product_id=product.id,
                    product_name=product.name,
                    sku=sku,
                    quantity=qty,
                    payable_cents=payable,
                    refund_cents=refund,
                    currency=product.currency,
                    created_at=_october(made),
                    paid_at=_october(paid) if paid else None,
                    cancelled=paid is None,
                    refunded_at=datetime(2026, 10, 9) if refund else None,
                    traffic_format=fmt,
                    video_id=video,
                    **extra.get(key, {}),
                )
            )
        for platform, channel, day, material, video, spend, gmv, currency in (
            ("douyin", "qianchuan", 6, "m1", v1, 5000, 15000, "CNY"),
            ("douyin", "douplus", 7, "m1", v1, 1000, 0, "CNY"),
            ("douyin", "qianchuan_product", 6, "111", None, 3000, 9000, "CNY"),
            ("tiktok", "promote", 7, "V3", v3, 1000, 2500, "USD"),
        ):
            s.add(
                AdSpend(
                    platform=platform,
                    channel=channel,
                    day=date(2026, 10, day),
                    material_key=material,
                    video_id=video,
                    spend_cents=spend,
                    gmv_cents=gmv,
                    currency=currency,
                )
            )
        s.add(ProductCost(platform="douyin", product_key="111", sku="", cost_cents=4000))
        s.add(ProductCost(platform="douyin", product_key="111", sku="蓝色", cost_cents=5000))
        s.add(ChannelCode(code="DYHX", label="门店券", path="indirect", prefix=True))
        return {**videos, "pillar": pillar.id}


def _october(day_hour_minute: tuple[int, int, int]) -> datetime:
    day, hour, minute = day_hour_minute
    if day > 31:
        return datetime(2026, 11, day - 31, hour, minute)
    return datetime(2026, 10, day, hour, minute)


def load_small_shop(store: Store):  # noqa: ANN201 - ConversionData (pandas loads lazily)
    """Build the shop above in ``store`` and load it: (ConversionData, ids)."""
    from app.services.conversion import load_conversion

    ids = build_small_shop(store)
    reader = store.reader()
    try:
        return load_conversion(reader), ids
    finally:
        reader.close()


def october(**kwargs):  # noqa: ANN003, ANN201 - a ConversionFilter over October 2026
    """The filter of October 2026 with ``kwargs`` (platforms, pillar_ids …)."""
    from app.analytics.conversion import ConversionFilter
    from app.analytics.periods import Period

    return ConversionFilter(Period.month("2026-10"), **kwargs)
