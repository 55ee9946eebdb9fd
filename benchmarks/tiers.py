"""Recompute customer tiers for 200,000 order lines of 60,000 customers (target: under 1 s).

Builds a scratch store with DESIGN.md's default tier rules, the customers and paid order lines
(random dates over a year, a few refunds and touches), then prints the seconds of: reading the
paid lines, the per-customer facts, assigning tiers (pure), the first recompute (writes a row per
buyer), a recompute with nothing changed (the one after each import), and the ledger with RFM.

    python benchmarks/tiers.py [--orders 200000] [--customers 60000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.config import sqlite_url
from app.services.store import open_store

AS_OF = date(2026, 11, 28)
RULES = (
    # name, min_orders, min_spend_cents, top_share, first_within, silent_days, match_any
    ("已流失", None, None, None, None, 90, 0),
    ("流失预警", None, None, None, None, 30, 0),
    ("VIP", 5, 300_000, None, None, None, 1),
    ("高价值", None, None, 0.2, None, None, 0),
    ("老客", 2, None, None, None, None, 0),
    ("新客", None, None, None, 30, None, 0),
)


def fill(path: Path, orders: int, customers: int, seed: int) -> None:
    """Customers (one identity each), order lines, touches and the default rules."""
    rng = random.Random(seed)
    start = datetime.combine(AS_OF, datetime.min.time()) - timedelta(days=365)
    with closing(sqlite3.connect(path)) as conn:
        conn.executemany(
            "INSERT INTO tier_rules (position, name, min_orders, min_spend_cents, top_share, "
            "first_order_within_days, silent_days, match_any, channel, warning_days, benefit_note,"
            " discount_pct, priority_shipping, gift, active) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', NULL, '', 0, 0, '', 1)",
            [(i, *rule) for i, rule in enumerate(RULES, start=1)],
        )
        conn.executemany(
            "INSERT INTO customers (id, display_name, masked_phone, region, note, private_channel,"
            " tags, created) VALUES (?, ?, ?, '', '', ?, '', ?)",
            [
                (c, f"客{c}", f"138****{c % 10000:04d}", "wecom" if c % 7 == 0 else "", start)
                for c in range(1, customers + 1)
            ],
        )
        conn.executemany(
            "INSERT INTO customer_identities (customer_id, platform, kind, value) "
            "VALUES (?, 'douyin', 'name_phone', ?)",
            [(c, f"客{c}|138****{c:06d}") for c in range(1, customers + 1)],
        )
        rows: list[tuple] = []
        order = 0
        while len(rows) < orders:
            # everyone buys once; repeat orders lean towards the first customers
            customer = order + 1 if order < customers else int(customers * rng.random() ** 3) + 1
            paid = start + timedelta(seconds=rng.randrange(365 * 86400))
            for _line in range(1 if rng.random() < 0.7 else 2):  # 30 % of orders have 2 lines
                payable = rng.randrange(1_900, 59_900)
                refund = payable if rng.random() < 0.05 else 0
                rows.append((f"L{len(rows)}", f"O{order}", payable, refund, paid, paid, customer))
            order += 1
        del rows[orders:]
        conn.executemany(
            "INSERT INTO order_lines (platform, line_key, order_no, product_name, sku, quantity, "
            "payable_cents, refund_cents, currency, status, after_sale_status, cancel_reason, "
            "created_at, paid_at, cancelled, traffic_source, traffic_format, author, region, "
            "channel_code, customer_id) VALUES ('douyin', ?, ?, '四件套', '', 1, ?, ?, 'CNY', "
            "'已完成', '', '', ?, ?, 0, '', '短视频', '', '', '', ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO touches (customer_id, channel, touched_at, note) "
            "VALUES (?, 'wecom', ?, '')",
            [(c, start + timedelta(days=rng.randrange(365))) for c in range(7, customers + 1, 7)],
        )
        conn.commit()


def timed(label: str, action: Callable[[], Any]) -> Any:
    """Run ``action`` once and print its wall time."""
    started = time.perf_counter()
    result = action()
    print(f"{label:<44} {time.perf_counter() - started:6.2f} s")
    return result


def main() -> None:
    """Build the scratch store and time each step."""
    from app.analytics.tiers import assign_tiers
    from app.services.customers import customer_facts, load_ledger, paid_lines
    from app.services.tiers import list_rules, recompute_tiers, tier_facts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--customers", type=int, default=60_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shopreel-tiers-") as folder:
        path = Path(folder) / "shop.db"
        store = open_store(sqlite_url(path))
        try:
            timed(
                "build the scratch store",
                lambda: fill(path, args.orders, args.customers, args.seed),
            )
            reader = store.reader()
            lines = timed("read paid lines", lambda: paid_lines(reader, AS_OF))
            timed("per-customer facts (pandas groupby)", lambda: customer_facts(lines, AS_OF))
            facts = timed("tier facts (lines + facts + touches)", lambda: tier_facts(reader, AS_OF))
            rules = list_rules(reader)
            timed("assign tiers (pure)", lambda: assign_tiers(facts, rules, AS_OF))
            reader.close()
            first = timed(
                "recompute, first (writes every buyer)", lambda: recompute_tiers(store, AS_OF)
            )
            again = timed("recompute, nothing changed", lambda: recompute_tiers(store, AS_OF))
            reader = store.reader()
            ledger = timed("ledger with RFM", lambda: load_ledger(reader, AS_OF))
            reader.close()
            print(
                f"{len(lines):,} paid lines, {len(facts):,} buyers, {len(ledger):,} customers; "
                f"first recompute wrote {first.changed:,} rows, the second {again.changed:,}"
            )
        finally:
            store.dispose()


if __name__ == "__main__":
    main()
