"""Products, order lines (one row per line, money in cents with its currency) and reviews."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Cents, batch_fk, created_at, pk

# Where an order line came from, beyond the short-video platforms (the ecosystem layer).
SALES_CHANNELS = ("douyin", "kuaishou", "channels", "xiaohongshu", "tiktok", "tmall", "jd", "store")


class Product(Base):
    """A product (or SKU) as a platform lists it."""

    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("platform", "product_key"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    product_key: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(Text, default="")
    sku: Mapped[str] = mapped_column(String(200), default="")
    price_cents: Mapped[int | None] = mapped_column(Cents)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    batch_id: Mapped[int | None] = batch_fk()


class ProductCost(Base):
    """The unit cost price the user entered or imported for a product (and SKU, when it varies).

    Kept apart from ``products`` so a re-imported export never overwrites it.
    """

    __tablename__ = "product_costs"
    __table_args__ = (UniqueConstraint("platform", "product_key", "sku"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    product_key: Mapped[str] = mapped_column(String(120))
    sku: Mapped[str] = mapped_column(String(200), default="", server_default="")
    cost_cents: Mapped[int] = mapped_column(Cents)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    updated: Mapped[datetime] = created_at()


class ChannelCode(Base):
    """A coupon or channel code the user defines, e.g. an offline-store QR coupon.

    Orders whose ``channel_code`` equals (or, with ``prefix``, starts with) ``code`` are attributed
    to ``label`` on the ``path`` ('indirect': private domain / offline; 'direct').
    """

    __tablename__ = "channel_codes"

    id: Mapped[int] = pk()
    code: Mapped[str] = mapped_column(String(60), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    path: Mapped[str] = mapped_column(String(10), default="indirect")
    prefix: Mapped[bool] = mapped_column(default=False)


class Order(Base):
    """One order line, unique by (platform, line key): 抖店 子订单编号, TikTok Order ID + SKU ID."""

    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("platform", "line_key"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    line_key: Mapped[str] = mapped_column(String(120))
    order_no: Mapped[str] = mapped_column(String(80), index=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True
    )
    product_name: Mapped[str] = mapped_column(Text, default="")
    sku: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    payable_cents: Mapped[int] = mapped_column(Cents, default=0)
    refund_cents: Mapped[int] = mapped_column(Cents, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    status: Mapped[str] = mapped_column(String(40), default="")
    after_sale_status: Mapped[str] = mapped_column(String(40), default="", server_default="")
    cancel_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    cancelled: Mapped[bool] = mapped_column(default=False)
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime)
    traffic_source: Mapped[str] = mapped_column(String(60), default="")
    traffic_format: Mapped[str] = mapped_column(String(60), default="")
    video_id: Mapped[int | None] = mapped_column(
        ForeignKey("videos.id", ondelete="SET NULL"), index=True
    )
    author: Mapped[str] = mapped_column(String(120), default="")
    region: Mapped[str] = mapped_column(String(60), default="")
    channel_code: Mapped[str] = mapped_column(String(60), default="")
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    batch_id: Mapped[int | None] = batch_fk()


class Review(Base):
    """A product review (抖店 商品评价), unique by order, product and review date."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("platform", "order_no", "product_key", "reviewed_on"),)

    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    order_no: Mapped[str] = mapped_column(String(80))
    product_key: Mapped[str] = mapped_column(String(120))
    reviewed_on: Mapped[date] = mapped_column(Date, index=True)
    score: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    has_media: Mapped[bool] = mapped_column(default=False)
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    batch_id: Mapped[int | None] = batch_fk()
