"""Small hand-made shops for the customer tests: customers, identities, paid lines, touches."""

from __future__ import annotations

from datetime import datetime
from itertools import count

from app.db import Store
from app.models import Customer, CustomerIdentity, Order, TierRule, Touch

_line_numbers = count(1)


def add_customer(
    store: Store,
    name: str,
    phone: str = "",
    *,
    platform: str = "douyin",
    kind: str = "name_phone",
    value: str | None = None,
    private_channel: str = "",
) -> int:
    """A customer with one identity (default: name + masked phone on 抖店); returns its id."""
    with store.session_scope() as session:
        customer = Customer(display_name=name, masked_phone=phone, private_channel=private_channel)
        session.add(customer)
        session.flush()
        identity_value = value if value is not None else f"{name}|{phone}"
        session.add(
            CustomerIdentity(
                customer_id=customer.id, platform=platform, kind=kind, value=identity_value
            )
        )
        return customer.id


def add_identity(store: Store, customer_id: int, platform: str, kind: str, value: str) -> int:
    """One more identity of a customer; returns its id."""
    with store.session_scope() as session:
        identity = CustomerIdentity(
            customer_id=customer_id, platform=platform, kind=kind, value=value
        )
        session.add(identity)
        session.flush()
        return identity.id


def add_line(
    store: Store,
    customer_id: int | None,
    paid_at: str | None,
    payable_cents: int,
    *,
    order_no: str | None = None,
    platform: str = "douyin",
    refund_cents: int = 0,
    currency: str = "CNY",
    cancelled: bool = False,
    product: str = "四件套",
    traffic_format: str = "短视频",
) -> str:
    """One order line (a new order unless ``order_no`` is given); returns the order number."""
    number = next(_line_numbers)
    order_no = order_no or f"O{number}"
    with store.session_scope() as session:
        session.add(
            Order(
                platform=platform,
                line_key=f"L{number}",
                order_no=order_no,
                product_name=product,
                payable_cents=payable_cents,
                refund_cents=refund_cents,
                currency=currency,
                created_at=datetime.fromisoformat(paid_at) if paid_at else datetime(2026, 1, 1),
                paid_at=datetime.fromisoformat(paid_at) if paid_at else None,
                cancelled=cancelled,
                traffic_format=traffic_format,
                customer_id=customer_id,
            )
        )
    return order_no


def add_touch(store: Store, customer_id: int, when: str, channel: str = "wecom") -> None:
    """A private-channel contact with the customer."""
    with store.session_scope() as session:
        session.add(
            Touch(customer_id=customer_id, channel=channel, touched_at=datetime.fromisoformat(when))
        )


def add_rules(store: Store, *rules: dict) -> list[int]:
    """Tier rules in the given order (position 1..); returns their ids."""
    ids = []
    with store.session_scope() as session:
        for position, fields in enumerate(rules, start=1):
            rule = TierRule(position=position, **fields)
            session.add(rule)
            session.flush()
            ids.append(rule.id)
    return ids
